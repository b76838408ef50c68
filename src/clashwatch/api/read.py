"""Read endpoints: events (list, one, GeoJSON), counts, and articles with their evidence. Open to everyone."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse

from clashwatch.api.schemas import (
    ArticleOut,
    ClaimOut,
    CountryCount,
    DayCount,
    EventDetail,
    EventPageOut,
    EventSummary,
    EvidenceOut,
    SourceOut,
    StatsOut,
    TypeCount,
    WatchedSourceOut,
)
from clashwatch.records import Event
from clashwatch.store import EventFilter, Store
from clashwatch.store.queries import (
    COUNT_CAP,
    SORT_COLUMNS,
    BoundingBox,
    EventQuery,
    EvidenceRef,
    Sort,
    article_evidence,
    event_evidence,
    event_page,
    event_sources,
    event_stats,
    located_events,
)

MAX_PAGE = 500
MAX_MAP_FEATURES = 10_000
SORT_PATTERN = f"^-?({'|'.join(SORT_COLUMNS)})$"

router = APIRouter(prefix="/api", tags=["read"])


def get_store(request: Request) -> Store:
    return request.app.state.store


StoreDep = Annotated[Store, Depends(get_store)]


def invalid(location: str, name: str, message: str, value: Any) -> RequestValidationError:
    return RequestValidationError([{"type": "value_error", "loc": (location, name), "msg": message, "input": value}])


def event_query(
    since: Annotated[date | None, Query(description="Events on or after this day (YYYY-MM-DD).")] = None,
    until: Annotated[date | None, Query(description="Events on or before this day (YYYY-MM-DD).")] = None,
    country: Annotated[str | None, Query(max_length=100, description="Country name or ISO3 code.")] = None,
    admin1: Annotated[str | None, Query(max_length=200, description="First-level region.")] = None,
    event_type: Annotated[str | None, Query(max_length=64, description="ACLED event type.")] = None,
    sub_event_type: Annotated[str | None, Query(max_length=64, description="ACLED sub-event type.")] = None,
    actor: Annotated[str | None, Query(max_length=200, description="Part of any actor's name.")] = None,
    q: Annotated[str | None, Query(max_length=200, description="Words in the article or its sentences.")] = None,
    bbox: Annotated[str | None, Query(description="west,south,east,north in degrees.")] = None,
    contested: Annotated[bool, Query(description="Only events whose sources disagree.")] = False,
    added_since: Annotated[
        datetime | None,
        Query(description="Only events given a report at or after this moment (ISO 8601; UTC when no offset is "
              "given): to poll for what is new, pass the `as_of` of the previous answer."),
    ] = None,  # fmt: skip
) -> EventQuery:
    if since and until and since > until:
        raise invalid("query", "until", "until must not be before since", until.isoformat())
    try:
        box = BoundingBox.parse(bbox) if bbox else None
    except ValueError as error:
        raise invalid("query", "bbox", str(error), bbox) from error
    return EventQuery(
        EventFilter(since, until, country, event_type, sub_event_type, actor, q, added_since),
        admin1=admin1,
        bbox=box,
        contested_only=contested,
    )


QueryDep = Annotated[EventQuery, Depends(event_query)]


@router.get("/events", response_model=EventPageOut)
def list_events(
    store: StoreDep,
    query: QueryDep,
    sort: Annotated[str, Query(pattern=SORT_PATTERN, description="A field; '-' first for descending.")] = "-event_date",
    limit: Annotated[int, Query(ge=1, le=MAX_PAGE)] = 50,
    offset: Annotated[int, Query(ge=0)] = 0,
    exact_total: Annotated[
        bool, Query(description=f"Count every match, however many (slower); else counting stops past {COUNT_CAP:,}.")
    ] = False,
) -> EventPageOut:
    """Events matching the filters, a page at a time (missing values sort last)."""
    count_up_to = None if exact_total else COUNT_CAP
    as_of = datetime.now(UTC)  # before the query: an event stored while it runs is in the next poll, not lost
    page = event_page(store, query, sort=Sort.parse(sort), limit=limit, offset=offset, count_up_to=count_up_to)
    following = offset + len(page.events)
    return EventPageOut(
        total=page.total,
        total_exact=page.total_exact,
        limit=limit,
        offset=offset,
        # A total that is not exact is past this page's end, so more pages follow.
        next_offset=following if following < page.total or not page.total_exact else None,
        events=[EventSummary.model_validate(event) for event in page.events],
        as_of=as_of,
    )


class GeoJSONResponse(JSONResponse):
    media_type = "application/geo+json"


@router.get("/events.geojson", response_class=GeoJSONResponse)
def events_geojson(
    store: StoreDep,
    query: QueryDep,
    limit: Annotated[int, Query(ge=1, le=MAX_MAP_FEATURES)] = 5000,
) -> GeoJSONResponse:
    """Matching events that have coordinates, newest first, as a GeoJSON FeatureCollection of points."""
    features = [
        {
            "type": "Feature",
            "id": event.id,
            "geometry": {"type": "Point", "coordinates": [event.longitude, event.latitude]},
            "properties": EventSummary.model_validate(event).model_dump(mode="json", exclude={"latitude", "longitude"}),
        }
        for event in located_events(store, query, limit=limit)
    ]
    return GeoJSONResponse({"type": "FeatureCollection", "features": features})


@router.get("/events/{event_id}", response_model=EventDetail)
def get_event(store: StoreDep, event_id: str) -> EventDetail:
    """One event with its claims (claimant, stance, each claim's version), sources and evidence spans."""
    event = store.get_event(event_id)
    if event is None:
        raise HTTPException(404, f"no event with id {event_id!r}")
    return _detail(store, event)


@router.get("/stats", response_model=StatsOut)
def stats(store: StoreDep, query: QueryDep) -> StatsOut:
    """Counts of matching events per day and type, per type and per country."""
    counted = event_stats(store, query)
    return StatsOut(
        total=counted.total,
        fatalities=counted.fatalities,
        by_day=[DayCount(date=day, event_type=kind, count=count) for day, kind, count in counted.by_day],
        by_type=[TypeCount(event_type=kind, count=count) for kind, count in counted.by_type],
        by_country=[CountryCount(iso3=iso3, country=name, count=count) for iso3, name, count in counted.by_country],
    )


@router.get("/sources", response_model=list[WatchedSourceOut])
def list_sources(store: StoreDep) -> list[WatchedSourceOut]:
    """The feeds and pages `clashwatch watch` follows, with their health and when each was last fetched."""
    from clashwatch.store.watch_state import list_sources as stored_sources

    return [WatchedSourceOut.from_status(status) for status in stored_sources(store)]


@router.get("/articles/{article_id}", response_model=ArticleOut)
def get_article(store: StoreDep, article_id: str) -> ArticleOut:
    """An article's text and the evidence spans (character offsets into that text) of the events coded from it."""
    article = store.get_article(article_id)
    if article is None:
        raise HTTPException(404, f"no article with id {article_id!r}")
    return ArticleOut(
        id=article.id,
        title=article.title,
        url=article.url,
        outlet=article.outlet,
        published=article.published,
        published_inferred=article.published_inferred,
        text=article.text,
        evidence=[_evidence(ref) for ref in article_evidence(store, article_id)],
    )


def _detail(store: Store, event: Event) -> EventDetail:
    return EventDetail(
        **EventSummary.model_validate(event).model_dump(),
        claims=[ClaimOut.model_validate(claim) for claim in event.claims],
        sources=[SourceOut.model_validate(source) for source in event_sources(store, event.id)],
        evidence=[_evidence(ref) for ref in event_evidence(store, event.id)],
    )


def _evidence(ref: EvidenceRef) -> EvidenceOut:
    return EvidenceOut(
        event_id=ref.event_id,
        article_id=ref.article_id,
        field=ref.field,
        start=ref.span.start,
        end=ref.span.end,
        text=ref.span.text,
    )
