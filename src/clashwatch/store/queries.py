"""Read queries the API and dashboard need beyond ``Store``'s own: extra filters (admin1, bounding box, contested),
sortable summary pages, counts per day/type/country, and evidence spans with the article and event they belong to.

Built on the store's engine and ORM models. Filters the store already knows (dates, country, type, actor, text) are
the store's own conditions, so text search keeps dispatching on the database's dialect in one place; only filters on
known values (an ISO3 code, an ACLED type) are rewritten here as equalities that the indexes can answer.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date

from sqlalchemy import Select, and_, func, literal_column, or_, select
from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import ColumnElement

from clashwatch.records import ACLED_TYPOLOGY, Event, Span
from clashwatch.store.db import CLAIM_EVIDENCE, EventFilter, Store
from clashwatch.store.models import ArticleRow, ClaimRow, EventRow, EvidenceRow

_SUMMARY_COLUMNS = tuple(column.key for column in EventRow.__table__.columns)
# ACLED's event types and sub-event types, keyed by their lower-case spelling.
_TYPOLOGY_NAMES = {
    name.lower(): name for name in [*ACLED_TYPOLOGY, *(sub for subs in ACLED_TYPOLOGY.values() for sub in subs)]
}
# Pages count their matches up to this many by default: counting further costs more than the page itself.
COUNT_CAP = 10_000
# Sort keys the list can be ordered by; every order ends on the id so pages never overlap.
SORT_COLUMNS = {
    "event_date": EventRow.event_date,
    "fatalities": EventRow.fatalities,
    "country": EventRow.country,
    "event_type": EventRow.event_type,
    "location": EventRow.location,
}


@dataclass(frozen=True)
class BoundingBox:
    """Degrees; a box whose west edge lies east of its east edge crosses the antimeridian."""

    west: float
    south: float
    east: float
    north: float

    @classmethod
    def parse(cls, value: str) -> BoundingBox:
        """``"west,south,east,north"``; raises ValueError naming what is wrong."""
        parts = value.split(",")
        if len(parts) != 4:
            raise ValueError("expected four numbers: west,south,east,north")
        west, south, east, north = (float(part) for part in parts)
        if not (-180 <= west <= 180 and -180 <= east <= 180):
            raise ValueError("longitudes must lie between -180 and 180")
        if not -90 <= south <= north <= 90:
            raise ValueError("latitudes must lie between -90 and 90, south before north")
        return cls(west, south, east, north)


@dataclass(frozen=True)
class EventQuery:
    filters: EventFilter = EventFilter()
    admin1: str | None = None  # first-level region name, any case
    bbox: BoundingBox | None = None
    contested_only: bool = False


@dataclass(frozen=True)
class Sort:
    key: str = "event_date"
    descending: bool = True

    @classmethod
    def parse(cls, value: str) -> Sort:
        """``"event_date"`` ascending, ``"-event_date"`` descending."""
        key = value.removeprefix("-")
        if key not in SORT_COLUMNS:
            raise ValueError(f"unknown sort key {key!r}; expected one of {', '.join(SORT_COLUMNS)}")
        return cls(key, value.startswith("-"))


@dataclass
class EventPage:
    total: int  # matching events; with total_exact False, more than this many match
    total_exact: bool
    events: list[Event]  # summaries: the event's own fields, without claims or evidence


@dataclass(frozen=True)
class EvidenceRef:
    """One evidence span, with the event field it supports and the article its offsets point into."""

    event_id: str
    article_id: str
    claim_id: int
    field: str
    span: Span


@dataclass(frozen=True)
class SourceArticle:
    id: str
    outlet: str | None
    title: str | None
    url: str | None
    published: date | None


@dataclass
class EventStats:
    total: int
    fatalities: int
    by_day: list[tuple[date, str | None, int]] = field(default_factory=list)  # (day, event type, count)
    by_type: list[tuple[str | None, int]] = field(default_factory=list)
    by_country: list[tuple[str | None, str | None, int]] = field(default_factory=list)  # (iso3, country, count)


def event_conditions(store: Store, query: EventQuery) -> list[ColumnElement[bool]]:
    filters, exact = _exact_matches(query.filters)
    # The store's own conditions for the rest, text search included.
    conditions = [*exact, *store.conditions(filters)]
    if query.admin1:
        conditions.append(func.lower(EventRow.admin1) == query.admin1.strip().lower())
    if query.contested_only:
        conditions.append(EventRow.contested == True)  # noqa: E712 - "= 1", which an index on contested can answer
    if query.bbox:
        box = query.bbox
        longitude = (
            EventRow.longitude.between(box.west, box.east)
            if box.west <= box.east
            else or_(EventRow.longitude >= box.west, EventRow.longitude <= box.east)
        )
        conditions.append(and_(EventRow.latitude.between(box.south, box.north), longitude))
    return conditions


def _exact_matches(filters: EventFilter) -> tuple[EventFilter, list[ColumnElement[bool]]]:
    """Turns case-insensitive filters on known values (an ISO3 code, an ACLED type or sub-type) into equality with the
    stored spelling, which the indexes can answer; returns the filters left to the store and the equalities."""
    exact: list[ColumnElement[bool]] = []
    changes: dict[str, None] = {}
    country = (filters.country or "").strip()
    if len(country) == 3 and country.isalpha():
        exact.append(EventRow.iso3 == country.upper())
        changes["country"] = None
    for name, column in (("event_type", EventRow.event_type), ("sub_event_type", EventRow.sub_event_type)):
        canonical = _TYPOLOGY_NAMES.get((getattr(filters, name) or "").strip().lower())
        if canonical:
            exact.append(column == canonical)
            changes[name] = None
    return replace(filters, **changes), exact


def event_page(
    store: Store,
    query: EventQuery,
    *,
    sort: Sort = Sort(),
    limit: int = 50,
    offset: int = 0,
    count_up_to: int | None = COUNT_CAP,
) -> EventPage:
    """One page of matching event summaries and how many match in all.

    Counting stops after ``count_up_to`` matches (never before the page's end; None counts them all): a page is
    then as cheap as its rows, and the total reads "more than N" (``EventPage.total_exact`` is False).
    """
    conditions = event_conditions(store, query)
    column = SORT_COLUMNS[sort.key]
    # Missing values sort last both ways, so "most fatalities" never opens on unknowns.
    ordering = (column.desc() if sort.descending else column.asc()).nulls_last()
    tie_break = EventRow.id.desc() if sort.descending else EventRow.id.asc()
    # Ordering only the ids and fetching the page's rows afterwards keeps whole rows out of the sort.
    page_ids = select(EventRow.id).where(*conditions).order_by(ordering, tie_break).offset(offset).limit(limit)
    with Session(store.engine) as session:
        if count_up_to is None:
            total, exact = session.scalar(select(func.count()).select_from(EventRow).where(*conditions)) or 0, True
        else:
            cap = max(count_up_to, offset + limit)
            # One row past the cap tells "exactly cap" from "more"; selecting a constant lets an index alone answer.
            matches = select(literal_column("1")).select_from(EventRow).where(*conditions).limit(cap + 1).subquery()
            counted = session.scalar(select(func.count()).select_from(matches)) or 0
            total, exact = min(counted, cap), counted <= cap
        ids = list(session.scalars(page_ids))
        rows = {row.id: row for row in session.scalars(select(EventRow).where(EventRow.id.in_(ids)))}
        events = [_summary(rows[event_id]) for event_id in ids]
    return EventPage(total, exact, events)


def located_events(store: Store, query: EventQuery, *, limit: int) -> list[Event]:
    """Matching events that have coordinates, newest first (for maps)."""
    conditions = [*event_conditions(store, query), EventRow.latitude.is_not(None), EventRow.longitude.is_not(None)]
    statement = (
        select(EventRow).where(*conditions).order_by(EventRow.event_date.desc().nulls_last(), EventRow.id).limit(limit)
    )
    with Session(store.engine) as session:
        return [_summary(row) for row in session.scalars(statement)]


def event_stats(store: Store, query: EventQuery) -> EventStats:
    """Counts of matching events per day and type, per type and per country, with totals."""
    conditions = event_conditions(store, query)

    def grouped(*columns) -> Select:
        return select(*columns, func.count()).where(*conditions).group_by(*columns)

    with Session(store.engine) as session:
        total, fatalities = session.execute(
            select(func.count(), func.coalesce(func.sum(EventRow.fatalities), 0)).where(*conditions)
        ).one()
        by_day = session.execute(
            grouped(EventRow.event_date, EventRow.event_type)
            .where(EventRow.event_date.is_not(None))
            .order_by(EventRow.event_date, EventRow.event_type)
        ).all()
        by_type = session.execute(grouped(EventRow.event_type).order_by(func.count().desc())).all()
        by_country = session.execute(
            grouped(EventRow.iso3, EventRow.country).order_by(func.count().desc(), EventRow.iso3)
        ).all()
    return EventStats(
        total=total,
        fatalities=fatalities,
        by_day=[tuple(row) for row in by_day],
        by_type=[tuple(row) for row in by_type],
        by_country=[tuple(row) for row in by_country],
    )


def event_evidence(store: Store, event_id: str) -> list[EvidenceRef]:
    """The field evidence of every claim of an event, with the article each span points into."""
    return _evidence(store, ClaimRow.event_id == event_id)


def article_evidence(store: Store, article_id: str) -> list[EvidenceRef]:
    """The field evidence every event coded from (or linked to) an article found in that article's text."""
    return _evidence(store, ClaimRow.article_id == article_id)


def event_sources(store: Store, event_id: str) -> list[SourceArticle]:
    """The articles whose claims make up an event, oldest first."""
    statement = (
        select(ArticleRow.id, ArticleRow.outlet, ArticleRow.title, ArticleRow.url, ArticleRow.published)
        .where(ArticleRow.id.in_(select(ClaimRow.article_id).where(ClaimRow.event_id == event_id)))
        .order_by(ArticleRow.published.asc().nulls_last(), ArticleRow.id)
    )
    with Session(store.engine) as session:
        return [SourceArticle(*row) for row in session.execute(statement)]


def _evidence(store: Store, condition: ColumnElement[bool]) -> list[EvidenceRef]:
    statement = (
        select(ClaimRow.event_id, ClaimRow.article_id, ClaimRow.id, EvidenceRow.field, EvidenceRow.start,
               EvidenceRow.end, EvidenceRow.text)
        .join(EvidenceRow, EvidenceRow.claim_id == ClaimRow.id)
        .where(condition, EvidenceRow.field != CLAIM_EVIDENCE)
        .order_by(ClaimRow.event_id, EvidenceRow.start, EvidenceRow.id)
    )  # fmt: skip
    with Session(store.engine) as session:
        return [
            EvidenceRef(event_id, article_id, claim_id, name, Span(start, end, text))
            for event_id, article_id, claim_id, name, start, end, text in session.execute(statement)
        ]


def _summary(row: EventRow) -> Event:
    values = {name: getattr(row, name) for name in _SUMMARY_COLUMNS}
    values["weapons"] = list(values["weapons"] or [])
    return Event(**values)
