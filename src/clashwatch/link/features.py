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
from enum import IntEnum

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


def haversine_km(lat1, lon1, lat2, lon2):
    """Great-circle distance in km; numbers or numpy arrays."""
    lat1, lon1, lat2, lon2 = (np.radians(value) for value in (lat1, lon1, lat2, lon2))
    a = np.sin((lat2 - lat1) / 2) ** 2 + np.cos(lat1) * np.cos(lat2) * np.sin((lon2 - lon1) / 2) ** 2
    return 2 * 6371.0 * np.arcsin(np.sqrt(np.minimum(1.0, a)))


def types_compatible(first: str, second: str) -> bool:
    return first == second or any(first in group and second in group for group in COMPATIBLE_TYPES)


class Veto(IntEnum):
    """Why a pair cannot be one event; NONE when it can."""

    NONE = 0
    DAYS_APART = 1
    KM_APART = 2
    COUNTRIES = 3
    TYPES = 4


UNDATED = np.iinfo(np.int64).min  # the start and end day of a profile with no date


def _codes(values: list) -> tuple[np.ndarray, list]:
    """Each value's index among the distinct values (None is -1), and the distinct values."""
    vocabulary: dict = {}
    codes = [-1 if value is None else vocabulary.setdefault(value, len(vocabulary)) for value in values]
    return np.array(codes, dtype=np.int64), list(vocabulary)


class ProfileColumns:
    """The profiles of one linking run as arrays, so that many pairs are measured at once."""

    def __init__(self, profiles: list[Profile]) -> None:
        self.profiles = profiles
        self.start = np.array([p.date_start.toordinal() if p.date_start and p.date_end else UNDATED for p in profiles],
                              dtype=np.int64)
        self.end = np.array([p.date_end.toordinal() if p.date_start and p.date_end else UNDATED for p in profiles],
                            dtype=np.int64)
        self.precise = np.array([p.precise_date for p in profiles], dtype=bool)
        self.latitude = np.array([np.nan if p.latitude is None else p.latitude for p in profiles], dtype=float)
        self.longitude = np.array([np.nan if p.longitude is None else p.longitude for p in profiles], dtype=float)
        self.radius = np.array([p.area_radius_km for p in profiles], dtype=float)
        self.tolerance = np.array([_town_tolerance_km(p) for p in profiles], dtype=float)
        self.iso3, _ = _codes([p.iso3 or None for p in profiles])
        self.admin1, _ = _codes([p.admin1 or None for p in profiles])
        self.event_type, types = _codes([p.event_type or None for p in profiles])
        self.sub_event_type, _ = _codes([p.sub_event_type for p in profiles])
        self.compatible = np.array([[types_compatible(a, b) for b in types] for a in types], dtype=bool).reshape(
            len(types), len(types))
        actor_codes: dict[str, int] = {}
        rows, columns = [], []
        for row, profile in enumerate(profiles):
            for actor in profile.actors:
                rows.append(row)
                columns.append(actor_codes.setdefault(actor, len(actor_codes)))
        self.actors = csr_matrix((np.ones(len(rows)), (rows, columns)), shape=(len(profiles), max(1, len(actor_codes))))
        self.actor_count = np.array([len(p.actors) for p in profiles], dtype=float)


@dataclass
class PairColumns:
    """The measured agreement of many pairs (NaN where a feature is missing on either side)."""

    text: np.ndarray
    date_gap_days: np.ndarray
    date: np.ndarray
    distance_km: np.ndarray
    place: np.ndarray
    actors: np.ndarray
    event_type: np.ndarray
    veto: np.ndarray  # Veto codes

    def features(self, index: int, columns: ProfileColumns, first: int, second: int) -> PairFeatures:
        def value(name: str) -> float | None:
            number = float(getattr(self, name)[index])
            return None if math.isnan(number) else number

        gap = value("date_gap_days")
        return PairFeatures(
            text=value("text"), date_gap_days=None if gap is None else int(gap), date=value("date"),
            distance_km=value("distance_km"), place=value("place"), actors=value("actors"),
            event_type=value("event_type"),
            veto=_veto_reason(Veto(int(self.veto[index])), self, index, columns.profiles[first],
                              columns.profiles[second]),
        )


def _veto_reason(veto: Veto, pairs: PairColumns, index: int, a: Profile, b: Profile) -> str | None:
    if veto is Veto.DAYS_APART:
        return f"{int(pairs.date_gap_days[index])} days apart"
    if veto is Veto.KM_APART:
        return f"{pairs.distance_km[index]:.0f} km apart"
    if veto is Veto.COUNTRIES:
        return f"different countries ({a.iso3}, {b.iso3})"
    if veto is Veto.TYPES:
        return f"incompatible types ({a.event_type}, {b.event_type})"
    return None


def measure_pairs(columns: ProfileColumns, first: np.ndarray, second: np.ndarray, text_cosines: np.ndarray,
                  config: LinkConfig) -> PairColumns:
    """Every feature of the pairs (first[k], second[k]) and the first veto that applies (date, place, type)."""
    first, second = np.asarray(first, dtype=np.int64), np.asarray(second, dtype=np.int64)
    missing = np.full(len(first), np.nan)
    veto = np.zeros(len(first), dtype=np.int64)

    dated = (columns.start[first] != UNDATED) & (columns.start[second] != UNDATED)
    gap = np.maximum(0, np.maximum(columns.start[first], columns.start[second])
                     - np.minimum(columns.end[first], columns.end[second]))
    date_gap = np.where(dated, gap, np.nan)
    too_far_in_time = dated & (gap > config.max_gap_days)
    closeness = 1.0 - gap / (config.max_gap_days + 1)
    # Overlapping month-wide windows say little; two reports of the same day say a lot.
    date = np.where(columns.precise[first] & columns.precise[second], closeness, closeness * 0.5)
    date = np.where(dated, np.where(too_far_in_time, 0.0, date), np.nan)

    located = ~np.isnan(columns.latitude[first]) & ~np.isnan(columns.latitude[second])
    located &= ~np.isnan(columns.longitude[first]) & ~np.isnan(columns.longitude[second])
    distance = haversine_km(columns.latitude[first], columns.longitude[first],
                            columns.latitude[second], columns.longitude[second])
    # Beyond the areas' edges, the towns' own tolerance (a town placed "near" is known less well).
    beyond_areas = np.maximum(0.0, distance - columns.radius[first] - columns.radius[second])
    tolerance = np.maximum(columns.tolerance[first], columns.tolerance[second])
    too_far_apart = located & (beyond_areas > tolerance)
    iso_a, iso_b = columns.iso3[first], columns.iso3[second]
    other_country = ~located & (iso_a >= 0) & (iso_b >= 0) & (iso_a != iso_b)
    admin_a, admin_b = columns.admin1[first], columns.admin1[second]
    by_admin1 = ~located & ~other_country & (admin_a >= 0) & (admin_b >= 0)
    place = np.where(located, np.where(too_far_apart, 0.0, 1.0 - beyond_areas / tolerance), missing)
    place = np.where(other_country, 0.0, place)
    place = np.where(by_admin1, (admin_a == admin_b).astype(float), place)

    shared = np.asarray(columns.actors[first].multiply(columns.actors[second]).sum(axis=1)).ravel()
    count_a, count_b = columns.actor_count[first], columns.actor_count[second]
    # Two reports that each name one side only say nothing about each other: each side tells of the fight it was
    # in, often without naming the enemy.
    unknown = (count_a == 0) | (count_b == 0) | ((shared == 0) & (count_a == 1) & (count_b == 1))
    actors = np.where(unknown, np.nan, shared / np.maximum(1.0, np.minimum(count_a, count_b)))

    type_a, type_b = columns.event_type[first], columns.event_type[second]
    typed = (type_a >= 0) & (type_b >= 0)
    compatible = np.zeros(len(first), dtype=bool)
    if columns.compatible.size:
        compatible[typed] = columns.compatible[type_a[typed], type_b[typed]]
    same_sub_type = columns.sub_event_type[first] == columns.sub_event_type[second]
    event_type = np.where(type_a == type_b, np.where(same_sub_type, 1.0, 0.7), 0.4)
    event_type = np.where(typed, np.where(compatible, event_type, 0.0), np.nan)

    veto[typed & ~compatible] = Veto.TYPES
    veto[too_far_apart] = Veto.KM_APART
    veto[other_country] = Veto.COUNTRIES
    veto[too_far_in_time] = Veto.DAYS_APART
    return PairColumns(np.asarray(text_cosines, dtype=float), date_gap, date, np.where(located, distance, np.nan),
                       place, actors, event_type, veto)


def pair_scores(pairs: PairColumns, config: LinkConfig) -> np.ndarray:
    """Weighted mean of the features both sides have, in [0, 1]; a vetoed pair scores 0."""
    total = np.zeros(len(pairs.veto))
    weight_sum = np.zeros(len(pairs.veto))
    for name, weight in config.weights.items():
        values = getattr(pairs, name)
        if name == "text":
            values = np.minimum(1.0, values / config.text_saturation)
        present = ~np.isnan(values)
        total += np.where(present, weight * np.nan_to_num(values), 0.0)
        weight_sum += np.where(present, weight, 0.0)
    scores = np.divide(total, weight_sum, out=np.zeros_like(total), where=weight_sum > 0)
    return np.where(pairs.veto == Veto.NONE, scores, 0.0)


def _town_tolerance_km(profile: Profile) -> float:
    if profile.area_radius_km:
        return PLACE_TOLERANCE_KM[1]  # an area's uncertainty is its radius
    return PLACE_TOLERANCE_KM[1] if profile.geo_precision == 1 else PLACE_TOLERANCE_KM[2]


def compare(a: Profile, b: Profile, text_cosine: float | None, config: LinkConfig) -> PairFeatures:
    """The features of one pair (for the audit trail and for tests), measured as ``measure_pairs`` measures many."""
    columns = ProfileColumns([a, b])
    cosine = np.array([np.nan if text_cosine is None else text_cosine])
    return measure_pairs(columns, np.array([0]), np.array([1]), cosine, config).features(0, columns, 0, 1)


def score(features: PairFeatures, config: LinkConfig) -> float:
    """The score of one measured pair, as ``pair_scores`` scores many."""
    def column(name: str) -> np.ndarray:
        value = getattr(features, name)
        return np.array([np.nan if value is None else value], dtype=float)

    pairs = PairColumns(column("text"), column("date_gap_days"), column("date"), column("distance_km"),
                        column("place"), column("actors"), column("event_type"),
                        np.array([Veto.NONE if features.veto is None else Veto.DAYS_APART]))
    return float(pair_scores(pairs, config)[0])


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
