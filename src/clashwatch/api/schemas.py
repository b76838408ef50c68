"""Request and response bodies of the REST API (they are also its OpenAPI schema)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, HttpUrl

from clashwatch.records import Stance

MAX_ARTICLE_CHARS = 1_000_000
MAX_ARTICLES_PER_REQUEST = 100


class SpanOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    start: int
    end: int
    text: str


class EventSummary(BaseModel):
    """An event's own fields (ACLED's and ClashWatch's), without its claims."""

    model_config = ConfigDict(from_attributes=True)

    id: str
    event_date: date | None
    time_precision: int | None
    event_type: str | None
    sub_event_type: str | None
    actor1: str | None
    assoc_actor_1: str | None
    inter1: int | None
    actor2: str | None
    assoc_actor_2: str | None
    inter2: int | None
    interaction: int | None
    country: str | None
    iso3: str | None
    admin1: str | None
    admin2: str | None
    location: str | None
    latitude: float | None
    longitude: float | None
    geo_precision: int | None
    fatalities: int | None
    geonameid: int | None
    feature_precision: str | None
    date_start: date | None
    date_end: date | None
    injuries: int | None
    weapons: list[str]
    target: str | None
    actor1_iso3: str | None
    actor2_iso3: str | None
    cameo_code: str | None
    plover: str | None
    disorder_type: str | None
    is_background: bool
    contested: bool


class EventPageOut(BaseModel):
    total: int = Field(
        description="Events matching the filters, all pages together; when total_exact is false, more than this many "
        "match (counting stopped there to keep pages fast; ask with exact_total=true for the full count)."
    )
    total_exact: bool = Field(description="False when more than `total` events match.")
    limit: int
    offset: int
    next_offset: int | None = Field(description="Offset of the next page; null on the last page.")
    events: list[EventSummary]
    as_of: datetime = Field(description="When this answer was read: pass it as `added_since` to get only what is new.")


class ClaimOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    article_id: str
    claimant: str | None = Field(description="Who makes the claim; null when the reporter states it as fact.")
    stance: Stance
    claimant_span: SpanOut | None
    cue_span: SpanOut | None
    negated: bool
    hypothetical: bool
    future: bool
    historical: bool
    outlet: str | None
    published: date | None
    version: dict[str, Any] = Field(description="The event as this claim tells it.")
    sentences: list[SpanOut] = Field(validation_alias="evidence", description="The sentences the claim was coded from.")


class SourceOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: str
    outlet: str | None
    title: str | None
    url: str | None
    published: date | None


class EvidenceOut(BaseModel):
    event_id: str
    article_id: str
    field: str = Field(description="The event field this span supports, e.g. 'actor1' or 'fatalities'.")
    start: int = Field(description="Character offset into the article's text.")
    end: int
    text: str


class EventDetail(EventSummary):
    claims: list[ClaimOut]
    sources: list[SourceOut]
    evidence: list[EvidenceOut]


class ArticleOut(BaseModel):
    id: str
    title: str | None
    url: str | None
    outlet: str | None
    published: date | None
    published_inferred: bool
    text: str
    evidence: list[EvidenceOut] = Field(description="Evidence spans of the events coded from this article.")


class DayCount(BaseModel):
    date: date
    event_type: str | None
    count: int


class TypeCount(BaseModel):
    event_type: str | None
    count: int


class CountryCount(BaseModel):
    iso3: str | None
    country: str | None
    count: int


class StatsOut(BaseModel):
    total: int
    fatalities: int
    by_day: list[DayCount]
    by_type: list[TypeCount]
    by_country: list[CountryCount]


class ArticleIn(BaseModel):
    """An article to code. Identity is its text: one already stored is not coded again."""

    model_config = ConfigDict(extra="forbid")

    text: str = Field(min_length=1, max_length=MAX_ARTICLE_CHARS)
    title: str | None = Field(default=None, max_length=1000)
    url: HttpUrl | None = None
    published: date | None = None
    source: str | None = Field(default=None, max_length=200, description="The outlet that published it.")


class ArticlesIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    articles: list[ArticleIn] = Field(min_length=1, max_length=MAX_ARTICLES_PER_REQUEST)


class ArticleResult(BaseModel):
    article_id: str
    new: bool = Field(description="False when the article was already stored.")
    event_ids: list[str]


class ArticleError(BaseModel):
    index: int = Field(description="Position of the article in the submission.")
    error: str


class JobOut(BaseModel):
    id: str
    state: str = Field(description="queued, running, done or failed.")
    total: int
    done: int
    progress: float = Field(description="Share of the articles handled, 0 to 1.")
    created: datetime
    finished: datetime | None
    results: list[ArticleResult]
    errors: list[ArticleError]
    message: str | None = Field(description="Why the whole job failed, when it did.")


class WatchedSourceOut(BaseModel):
    url: str
    name: str | None
    kind: str = Field(description='"feed" or "page"')
    health: str = Field(description='"new" (never fetched), "ok", "retrying" (failed lately) or "failing" (3+ in a row)')
    interval_s: int
    last_fetch: datetime | None
    last_success: datetime | None
    last_new: datetime | None = Field(description="When it last gave a new article.")
    next_due: datetime | None
    error_count: int = Field(description="Failures in a row; 0 after a success.")
    last_error: str | None
    articles: int = Field(description="New articles it has given.")

    @classmethod
    def from_status(cls, status) -> WatchedSourceOut:
        fields = {name: getattr(status, name) for name in cls.model_fields}
        return cls(**fields)
