"""Typed records passed between the pipeline stages.

ingest -> Article; nlp -> spaCy Doc; extract -> Event (each with one Claim: this article's report);
link -> Event (many Claims from many articles); store/export read and write Events.

Every filled Event field can point at the text it came from through ``Event.evidence``:
a mapping from field name to the Spans (character offsets into the article text) that support it.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import asdict, dataclass, field
from datetime import date, datetime
from enum import Enum
from typing import Any


@dataclass(frozen=True)
class Span:
    """A stretch of an article's text: ``text == article.text[start:end]``."""

    start: int
    end: int
    text: str

    @classmethod
    def of(cls, text: str, start: int, end: int) -> Span:
        return cls(start, end, text[start:end])


_WHITESPACE = re.compile(r"\s+")


def normalise_text(text: str) -> str:
    """The form of a text that decides identity: NFC, whitespace collapsed, case kept."""
    return _WHITESPACE.sub(" ", unicodedata.normalize("NFC", text)).strip()


def article_id(text: str) -> str:
    """Articles are identified by their normalised text, so the same story ingested twice is one article."""
    return hashlib.sha256(normalise_text(text).encode("utf-8")).hexdigest()[:24]


@dataclass
class Article:
    text: str
    title: str | None = None
    url: str | None = None
    outlet: str | None = None
    published: date | None = None
    published_inferred: bool = False  # the year (or whole date) was inferred, not stated
    dateline: Span | None = None  # e.g. "Sept. 12 (UPI) --"
    source_path: str | None = None  # file (and line) the article was read from
    collected: datetime | None = None  # when it was ingested; a fallback anchor for the year
    source_id: str | None = None  # the id the source gave it (a JSON Lines "id"); identity is still the text hash
    author: str | None = None  # the byline, as a page's metadata gives it
    id: str = ""

    def __post_init__(self) -> None:
        if not self.id:
            self.id = article_id(self.text)


class Stance(str, Enum):
    ASSERTED = "asserted"  # stated by the reporter as fact
    ALLEGED = "alleged"  # attributed to a party ("X said", "X accused")
    DENIED = "denied"  # a party says it did not happen / was not them


@dataclass
class Claim:
    """One article's statement that an event happened, and who makes it."""

    article_id: str
    claimant: str | None = None  # None: the reporter / outlet itself
    stance: Stance = Stance.ASSERTED
    claimant_span: Span | None = None
    cue_span: Span | None = None  # the reporting verb: "said", "accused", "rejected"
    negated: bool = False
    hypothetical: bool = False
    future: bool = False
    historical: bool = False
    outlet: str | None = None
    published: date | None = None
    # The event as this claim tells it (who attacked, how many died), kept so contested versions stay visible.
    version: dict[str, Any] = field(default_factory=dict)
    evidence: list[Span] = field(default_factory=list)


@dataclass
class Event:
    # ACLED fields
    event_date: date | None = None
    time_precision: int | None = None  # 1 day, 2 week, 3 month
    event_type: str | None = None
    sub_event_type: str | None = None
    actor1: str | None = None
    assoc_actor_1: str | None = None
    inter1: int | None = None
    actor2: str | None = None
    assoc_actor_2: str | None = None
    inter2: int | None = None
    interaction: int | None = None
    country: str | None = None
    iso3: str | None = None
    admin1: str | None = None
    admin2: str | None = None
    location: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    geo_precision: int | None = None  # 1 town, 2 part of a region, 3 provincial fallback
    fatalities: int | None = None
    # Beyond ACLED
    geonameid: int | None = None
    feature_precision: str | None = None  # finer than geo_precision: "town", "admin2", "admin1", "region", "country"
    date_start: date | None = None
    date_end: date | None = None
    injuries: int | None = None
    weapons: list[str] = field(default_factory=list)
    target: str | None = None
    actor1_iso3: str | None = None
    actor2_iso3: str | None = None
    cameo_code: str | None = None
    plover: str | None = None
    disorder_type: str | None = None
    is_background: bool = False
    contested: bool = False
    claims: list[Claim] = field(default_factory=list)
    evidence: dict[str, list[Span]] = field(default_factory=dict)
    id: str = ""

    def add_evidence(self, field_name: str, *spans: Span | None) -> None:
        for span in spans:
            if span is not None and span not in self.evidence.setdefault(field_name, []):
                self.evidence[field_name].append(span)


# ACLED's six event types and the sub-event types of each.
ACLED_TYPOLOGY: dict[str, tuple[str, ...]] = {
    "Battles": ("Armed clash", "Government regains territory", "Non-state actor overtakes territory"),
    "Explosions/Remote violence": (
        "Chemical weapon",
        "Air/drone strike",
        "Suicide bomb",
        "Shelling/artillery/missile attack",
        "Remote explosive/landmine/IED",
        "Grenade",
    ),
    "Violence against civilians": ("Sexual violence", "Attack", "Abduction/forced disappearance"),
    "Protests": ("Peaceful protest", "Protest with intervention", "Excessive force against protesters"),
    "Riots": ("Violent demonstration", "Mob violence"),
    "Strategic developments": (
        "Agreement",
        "Arrests",
        "Change to group/activity",
        "Disrupted weapons use",
        "Headquarters or base established",
        "Looting/property destruction",
        "Non-violent transfer of territory",
        "Other",
    ),
}
EVENT_TYPE_OF: dict[str, str] = {sub: event for event, subs in ACLED_TYPOLOGY.items() for sub in subs}


def interaction_code(inter1: int | None, inter2: int | None) -> int | None:
    """ACLED's interaction: the two inter codes, smaller first; a lone actor gives inter1 * 10."""
    if inter1 is None:
        return None
    if not inter2:
        return inter1 * 10
    low, high = sorted((inter1, inter2))
    return low * 10 + high


def to_jsonable(value: Any) -> Any:
    """Records (and what they hold) as plain JSON values: dates as ISO strings, enums as their value."""
    if hasattr(value, "__dataclass_fields__"):
        return to_jsonable(asdict(value))
    if isinstance(value, dict):
        return {key: to_jsonable(item) for key, item in value.items()}
    if isinstance(value, (list, tuple, set)):
        return [to_jsonable(item) for item in value]
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    return value
