"""What the linker compares, and how alike two reports are.

A ``Profile`` is the part of a report (an ``Event`` with one claim) or of a news document that linking looks at:
its time window, place, actors, event type and words. ``compare`` measures each feature of a pair and vetoes pairs
that cannot be one event; ``score`` folds the measures into one number in [0, 1], averaging only the features both
sides have, so a document with words alone (ECB+) and a geocoded, dated event go through the same code.

Vetoes (hard "different events"):
- time windows further apart than ``max_gap_days`` (a window is the event date widened by its time precision);
- places further apart than their geocodings allow: a town is a point, known to within a few dozen km ("near X");
  a province, region or country is an area around its centroid, and a report placed there is compatible with any
  report at a town inside or near it (the distance is measured to the edge of the area, not its centroid);
- different countries when there are no coordinates to measure (cross-border fighting is caught by distance);
- event types that cannot describe one happening (a Protest and an Air strike).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from datetime import date, timedelta

import numpy as np
from scipy.sparse import csr_matrix
from sklearn.feature_extraction.text import TfidfVectorizer

from clashwatch.records import Event, Span

# Half-width in days of the window an event date stands for, by ACLED time precision (1 day, 2 week, 3 month).
PRECISION_SLACK_DAYS = {1: 0, 2: 3, 3: 15}

# How far apart two town-level geocodings of one event may lie, by the coarser ACLED geo precision (1 the town
# itself, 2 "near" it): the two sides of a front-line fight name towns on their own side of it.
PLACE_TOLERANCE_KM = {1: 40.0, 2: 100.0}

# The rough radius of an area a report is placed in (the coder's feature precision; ACLED geo precision 3 without
# one is a provincial fallback). No polygons are at hand, so these are typical sizes: a report placed in
# "Nagorno-Karabakh" or "Armenia" is compatible with a town 100 km from the centroid.
AREA_RADIUS_KM = {"admin2": 40.0, "admin1": 100.0, "region": 150.0, "country": 300.0}
PROVINCIAL_FALLBACK_RADIUS_KM = AREA_RADIUS_KM["admin1"]

# ACLED event types that one real happening can be reported as: an armed clash is often told as shelling by one
# side and as an attack on civilians by another; a protest that turns violent is a riot.
COMPATIBLE_TYPES = (
    frozenset({"Battles", "Explosions/Remote violence", "Violence against civilians"}),
    frozenset({"Protests", "Riots"}),
    frozenset({"Strategic developments"}),
)

_PARENTHESISED_YEARS = re.compile(r"\s*\(\s*\d{4}\s*-\s*(\d{4})?\s*\)")


@dataclass(frozen=True)
class Profile:
    """One report or document as the linker sees it; unknown features stay None (or empty)."""

    key: str
    text: str = ""
    date_start: date | None = None
    date_end: date | None = None
    precise_date: bool = False  # a day or a night: a matching date is strong evidence
    latitude: float | None = None
    longitude: float | None = None
    geo_precision: int | None = None
    area_radius_km: float = 0.0  # 0 for a town; the area's rough radius for a province, region or country
    iso3: str | None = None
    admin1: str | None = None
    actors: frozenset[str] = frozenset()
    event_type: str | None = None
    sub_event_type: str | None = None


@dataclass(frozen=True)
class LinkConfig:
    """Weights of the features, the score above which reports link, and the vetoes' tolerances."""

    threshold: float
    text_saturation: float  # a text cosine at or above this counts as full agreement
    weights: dict[str, float] = field(
        default_factory=lambda: {"text": 2.0, "date": 1.0, "place": 2.0, "actors": 2.0, "event_type": 1.0}
    )
    max_gap_days: int = 1  # reporting lag and time zones: "early Tuesday" in Baku is Monday in Washington
    # Words in fewer documents than this are dropped. In a large corpus of long documents, words of one document
    # only say nothing about any pair and only dilute cosines; a handful of short reports needs every word.
    text_min_df: int = 1


# Coded events: structured fields carry most of the weight; words break ties between nearby fights.
EVENT_CONFIG = LinkConfig(threshold=0.6, text_saturation=0.5)
# Whole news documents with words alone (ECB+): average-linkage cut at a TF-IDF cosine of 0.16.
DOCUMENT_CONFIG = LinkConfig(threshold=0.16, text_saturation=1.0, text_min_df=2)


@dataclass(frozen=True)
class PairFeatures:
    """The measured agreement of two profiles; ``veto`` names the reason they cannot be one event."""

    text: float | None = None
    date_gap_days: int | None = None
    distance_km: float | None = None
    place: float | None = None
    actors: float | None = None
    event_type: float | None = None
    date: float | None = None
    veto: str | None = None

    def shared(self) -> dict[str, float]:
        """The features both sides had, as plain numbers for the audit trail."""
        names = ("text", "date", "place", "actors", "event_type", "date_gap_days", "distance_km")
        return {name: round(float(getattr(self, name)), 4) for name in names if getattr(self, name) is not None}


def normalise_actor(name: str) -> str:
    """ACLED names carry the years of a regime ("Military Forces of Armenia (2018-)"): two sources name one
    army the same way once those are dropped."""
    return _PARENTHESISED_YEARS.sub("", name).strip().lower()


def is_identified(name: str) -> bool:
    """ACLED's "Unidentified Armed Group (Syria)" says who is unknown: it agrees or disagrees with no one."""
    return not name.lower().startswith("unidentified")


def area_radius_km(event: Event) -> float:
    if event.feature_precision in AREA_RADIUS_KM:
        return AREA_RADIUS_KM[event.feature_precision]
    if event.feature_precision is None and event.geo_precision == 3:
        return PROVINCIAL_FALLBACK_RADIUS_KM
    return 0.0


def event_window(event: Event) -> tuple[date | None, date | None]:
    """The days an event may have happened on: its stated range, else its date widened by its time precision."""
    if event.date_start and event.date_end:
        return event.date_start, event.date_end
    if event.event_date is None:
        return None, None
    slack = timedelta(days=PRECISION_SLACK_DAYS.get(event.time_precision or 1, 0))
    return event.event_date - slack, event.event_date + slack


def profile_of_event(event: Event, spans_text: str | None = None) -> Profile:
    """The profile of a coded event; its words are the evidence sentences of its claims."""
    start, end = event_window(event)
    names = [event.actor1, event.actor2]
    for joined in (event.assoc_actor_1, event.assoc_actor_2):
        names.extend((joined or "").split(";"))
    for claim in event.claims:
        names.extend([claim.version.get("actor1"), claim.version.get("actor2")])
    return Profile(
        key=event.id,
        text=spans_text if spans_text is not None else evidence_text(event),
        date_start=start,
        date_end=end,
        precise_date=(event.time_precision or 1) == 1 and start is not None and (end - start).days <= 1,
        latitude=event.latitude,
        longitude=event.longitude,
        geo_precision=event.geo_precision,
        area_radius_km=area_radius_km(event),
        iso3=event.iso3,
        admin1=event.admin1,
        actors=frozenset(normalise_actor(name) for name in names if name and name.strip() and is_identified(name)),
        event_type=event.event_type,
        sub_event_type=event.sub_event_type,
    )


def evidence_text(event: Event) -> str:
    spans: list[Span] = [span for claim in event.claims for span in claim.evidence]
    spans.extend(event.evidence.get("sentence", []))
    return " ".join(dict.fromkeys(span.text for span in spans))


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    lat1, lon1, lat2, lon2 = map(math.radians, (lat1, lon1, lat2, lon2))
    a = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(min(1.0, a)))


def types_compatible(first: str, second: str) -> bool:
    return first == second or any(first in group and second in group for group in COMPATIBLE_TYPES)


def _date_features(a: Profile, b: Profile, config: LinkConfig) -> tuple[int | None, float | None, str | None]:
    if None in (a.date_start, a.date_end, b.date_start, b.date_end):
        return None, None, None
    gap = max(0, (max(a.date_start, b.date_start) - min(a.date_end, b.date_end)).days)
    if gap > config.max_gap_days:
        return gap, 0.0, f"{gap} days apart"
    closeness = 1.0 - gap / (config.max_gap_days + 1)
    # Overlapping month-wide windows say little; two reports of the same day say a lot.
    return gap, closeness * (1.0 if a.precise_date and b.precise_date else 0.5), None


def _place_features(a: Profile, b: Profile) -> tuple[float | None, float | None, str | None]:
    if None not in (a.latitude, a.longitude, b.latitude, b.longitude):
        distance = haversine_km(a.latitude, a.longitude, b.latitude, b.longitude)
        # Beyond the areas' edges, the towns' own tolerance (a town placed "near" is known less well).
        beyond_areas = max(0.0, distance - a.area_radius_km - b.area_radius_km)
        tolerance = max(_town_tolerance_km(a), _town_tolerance_km(b))
        if beyond_areas > tolerance:
            return distance, 0.0, f"{distance:.0f} km apart"
        return distance, 1.0 - beyond_areas / tolerance, None
    if a.iso3 and b.iso3 and a.iso3 != b.iso3:
        return None, 0.0, f"different countries ({a.iso3}, {b.iso3})"
    if a.admin1 and b.admin1:
        return None, 1.0 if a.admin1 == b.admin1 else 0.0, None
    return None, None, None


def _town_tolerance_km(profile: Profile) -> float:
    if profile.area_radius_km:
        return PLACE_TOLERANCE_KM[1]  # an area's uncertainty is its radius
    return PLACE_TOLERANCE_KM[1] if profile.geo_precision == 1 else PLACE_TOLERANCE_KM[2]


def _actor_agreement(a: Profile, b: Profile) -> float | None:
    """Overlap of the actor sets in either order: "A attacked B" and "B attacked A" name the same two sides.

    Two reports that each name one side only say nothing about each other: each side tells of the fight it
    was in, often without naming the enemy, so "Armenian forces" and "Azerbaijani forces" may be one fight.
    """
    if not a.actors or not b.actors:
        return None
    shared = len(a.actors & b.actors)
    if not shared and len(a.actors) == 1 and len(b.actors) == 1:
        return None
    return shared / min(len(a.actors), len(b.actors))


def _type_features(a: Profile, b: Profile) -> tuple[float | None, str | None]:
    if not a.event_type or not b.event_type:
        return None, None
    if not types_compatible(a.event_type, b.event_type):
        return 0.0, f"incompatible types ({a.event_type}, {b.event_type})"
    if a.event_type != b.event_type:
        return 0.4, None
    return (1.0 if a.sub_event_type == b.sub_event_type else 0.7), None


def compare(a: Profile, b: Profile, text_cosine: float | None, config: LinkConfig) -> PairFeatures:
    gap, date_score, date_veto = _date_features(a, b, config)
    distance, place_score, place_veto = _place_features(a, b)
    type_score, type_veto = _type_features(a, b)
    return PairFeatures(
        text=text_cosine,
        date_gap_days=gap,
        date=date_score,
        distance_km=distance,
        place=place_score,
        actors=_actor_agreement(a, b),
        event_type=type_score,
        veto=date_veto or place_veto or type_veto,
    )


def score(features: PairFeatures, config: LinkConfig) -> float:
    """Weighted mean of the features both sides have, in [0, 1]; a vetoed pair scores 0."""
    if features.veto:
        return 0.0
    total = weight_sum = 0.0
    for name, weight in config.weights.items():
        value = getattr(features, name)
        if value is None:
            continue
        if name == "text":
            value = min(1.0, value / config.text_saturation)
        total += weight * value
        weight_sum += weight
    return total / weight_sum if weight_sum else 0.0


class TextIndex:
    """TF-IDF vectors (words and word pairs) of every profile in one linking run, for pairwise cosines."""

    def __init__(self, texts: list[str], min_df: int = 1) -> None:
        self._vectors: csr_matrix | None = None
        if any(text.strip() for text in texts):
            min_df = min_df if len(texts) >= min_df else 1
            vectorizer = TfidfVectorizer(sublinear_tf=True, stop_words="english", ngram_range=(1, 2), min_df=min_df)
            try:
                self._vectors = vectorizer.fit_transform(texts).tocsr()
            except ValueError:  # only stop words: nothing to compare
                self._vectors = None
        self._has_text = np.array([bool(text.strip()) for text in texts])

    def cosines(self, first: np.ndarray, second: np.ndarray) -> np.ndarray:
        """Cosine of each pair (first[k], second[k]); NaN where either side has no words."""
        if self._vectors is None or len(first) == 0:
            return np.full(len(first), np.nan)
        products = np.asarray(self._vectors[first].multiply(self._vectors[second]).sum(axis=1)).ravel()
        return np.where(self._has_text[first] & self._has_text[second], products, np.nan)
