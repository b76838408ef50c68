"""The store: articles and their coded events in SQLite (default) or PostgreSQL, read and written as records.

Opening a ``Store`` brings the database schema up to date with the shipped Alembic migrations. Callers only ever see
``clashwatch.records`` types; the ORM rows stay inside this module.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, create_engine, delete, event, func, insert, or_, select, text, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, selectinload, sessionmaker
from sqlalchemy.pool import StaticPool
from sqlalchemy.sql.elements import ColumnElement

from clashwatch.records import Article, Claim, Event, Span, Stance, to_jsonable
from clashwatch.store.link_models import UnlinkedEventRow
from clashwatch.store.models import ArticleRow, ClaimRow, EventRow, EvidenceRow
from clashwatch.store.search import TEXT_INDEX_TABLES, text_search_condition
from clashwatch.store.watch_models import FetchedUrlRow

DEFAULT_DB = "clashwatch.db"
STORE_DIR = Path(__file__).parent
# Evidence rows under this field name are the claim's own spans (its sentences), not one event field's.
CLAIM_EVIDENCE = "_claim"
_EVENT_COLUMNS = tuple(column.key for column in EventRow.__table__.columns if column.key != "id")
_ORDERS = {
    "newest": (EventRow.event_date.desc().nulls_last(), EventRow.id),
    "oldest": (EventRow.event_date.asc().nulls_last(), EventRow.id),
    "fatalities": (EventRow.fatalities.desc().nulls_last(), EventRow.event_date.desc().nulls_last(), EventRow.id),
}
ORDERS = tuple(_ORDERS)
_ACTOR_COLUMNS = (EventRow.actor1, EventRow.actor2, EventRow.assoc_actor_1, EventRow.assoc_actor_2)
_WITH_CLAIMS = selectinload(EventRow.claims).selectinload(ClaimRow.evidence)
_LOOKUP_CHUNK = 500  # ids per IN (...) list: well under SQLite's limit on bound parameters


def lookup_chunks(values: list[str]) -> Iterator[list[str]]:
    """``values`` in slices short enough for one ``IN (...)`` list each."""
    for start in range(0, len(values), _LOOKUP_CHUNK):
        yield values[start : start + _LOOKUP_CHUNK]


def resolve_url(value: str | None = None) -> str:
    """An SQLAlchemy URL from ``value``, else ``CLASHWATCH_DB``, else ``./clashwatch.db``; a plain path means SQLite."""
    value = value or os.environ.get("CLASHWATCH_DB") or DEFAULT_DB
    if "://" in value:
        return value
    if value == ":memory:":
        return "sqlite://"
    return f"sqlite:///{Path(value).expanduser().resolve()}"


@dataclass
class SaveResult:
    article_id: str
    new: bool  # False: the article was already stored and nothing was added
    event_ids: list[str]


@dataclass(frozen=True)
class EventFilter:
    since: date | None = None  # event_date on or after
    until: date | None = None  # event_date on or before
    country: str | None = None  # country name or ISO3 code, any case
    event_type: str | None = None
    sub_event_type: str | None = None
    actor: str | None = None  # substring of any actor or associated actor
    query: str | None = None  # words in the article text or the event's evidence sentences
    added_since: datetime | None = None  # some claim of the event was stored at or after this moment


class Store:
    def __init__(self, url: str | None = None) -> None:
        self.url = resolve_url(url)
        self.engine = _engine(self.url)
        upgrade(self.engine)
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    @property
    def has_text_index(self) -> bool:
        """Whether text search uses an index (SQLite FTS5, PostgreSQL GIN) rather than scanning substrings."""
        return self.engine.dialect.name in ("sqlite", "postgresql")

    @property
    def _keeps_fts_table(self) -> bool:
        """SQLite's index is a table the store fills itself; PostgreSQL indexes the rows' own columns."""
        return self.engine.dialect.name == "sqlite"

    def optimize(self, merge_text_index: bool = True) -> None:
        """Refreshes what the query planner knows after a bulk write: table and index statistics (SQLite's
        ANALYZE, sampled so it stays quick on a large store; PostgreSQL's ANALYZE), and on SQLite, unless
        ``merge_text_index`` is False, the text index's segments merged into one (incremental batches leave many;
        the merge rewrites the whole index)."""
        with self.engine.begin() as connection:
            if self.engine.dialect.name == "sqlite":
                connection.exec_driver_sql("PRAGMA analysis_limit = 1000")
                connection.exec_driver_sql("ANALYZE")
                if merge_text_index:
                    for table in TEXT_INDEX_TABLES:
                        connection.exec_driver_sql(f"INSERT INTO {table} ({table}) VALUES ('optimize')")
            elif self.engine.dialect.name == "postgresql":
                connection.exec_driver_sql("ANALYZE articles, events, claims, evidence")

    # Articles

    def save_article(self, article: Article, events: list[Event]) -> SaveResult:
        """Stores an article with its coded events in one transaction; an article already stored adds nothing."""
        return self.save_articles([(article, events)])[0]

    def save_articles(self, batch: Iterable[tuple[Article, list[Event]]]) -> list[SaveResult]:
        """Stores a batch of articles with their coded events in one transaction, skipping those already stored.

        Saving the same batch again adds nothing, so a writer that died mid-run can simply send its batch again.
        """
        batch = list(batch)
        try:
            with self._sessions.begin() as session:
                results = [self._add_article(session, article, events) for article, events in batch]
                _record_fetched_urls(session, [article for article, _events in batch])
                return results
        except IntegrityError:
            if len(batch) == 1:
                # Another writer stored the same article between our check and our insert.
                with self._sessions() as session:
                    if session.get(ArticleRow, batch[0][0].id) is None:
                        raise
                    return [SaveResult(batch[0][0].id, False, _article_event_ids(session, batch[0][0].id))]
            # A concurrent writer (or a batch naming one article twice): settle each article on its own.
            return [self.save_article(article, events) for article, events in batch]

    def has_article(self, article_id: str) -> bool:
        with self._sessions() as session:
            return session.get(ArticleRow, article_id) is not None

    def stored_article_ids(self, article_ids: Iterable[str]) -> set[str]:
        """Which of ``article_ids`` are stored (one query per few hundred ids)."""
        return self._stored_values(ArticleRow.id, article_ids)

    def stored_sources(self, source_paths: Iterable[str]) -> set[str]:
        """Which of ``source_paths`` (files, "file:line" records) some stored article was read from."""
        return self._stored_values(ArticleRow.source_path, source_paths)

    def fetched_urls(self, urls: Iterable[str]) -> set[str]:
        """Which of ``urls`` were fetched before, as a page's own URL or as the canonical URL of a stored page."""
        wanted = list(dict.fromkeys(urls))
        return self._stored_values(FetchedUrlRow.url, wanted) | self._stored_values(FetchedUrlRow.canonical_url, wanted)

    def skip_url(self, url: str, reason: str) -> None:
        """Records that the page at ``url`` gave no article, and why, so it is not fetched again."""
        with self._sessions.begin() as session:
            session.merge(FetchedUrlRow(url=url, skipped=reason, fetched_at=datetime.now(UTC)))

    def get_article(self, article_id: str) -> Article | None:
        with self._sessions() as session:
            row = session.get(ArticleRow, article_id)
            return _article_record(row) if row is not None else None

    def count_articles(self) -> int:
        with self._sessions() as session:
            return session.scalar(select(func.count()).select_from(ArticleRow)) or 0

    # Events

    def list_events(
        self, filters: EventFilter = EventFilter(), *, limit: int | None = None, offset: int = 0, order: str = "newest"
    ) -> list[Event]:
        if order not in _ORDERS:
            raise ValueError(f"unknown order {order!r}; expected one of {', '.join(ORDERS)}")
        statement = (
            select(EventRow)
            .where(*self.conditions(filters))
            .order_by(*_ORDERS[order])
            .offset(offset)
            .limit(limit)
            .options(_WITH_CLAIMS)
        )
        with self._sessions() as session:
            return [_event_record(row) for row in session.scalars(statement)]

    def iter_events(
        self, filters: EventFilter = EventFilter(), *, order: str = "newest", batch_size: int = 500
    ) -> Iterator[Event]:
        """All matching events, read a page at a time so an export never holds the whole table."""
        offset = 0
        while page := self.list_events(filters, limit=batch_size, offset=offset, order=order):
            yield from page
            offset += len(page)

    def count_events(self, filters: EventFilter = EventFilter()) -> int:
        with self._sessions() as session:
            return session.scalar(select(func.count()).select_from(EventRow).where(*self.conditions(filters))) or 0

    def get_event(self, event_id: str) -> Event | None:
        """The event with all its claims and their evidence (each claim's spans are offsets into its own article)."""
        with self._sessions() as session:
            row = session.get(EventRow, event_id, options=[_WITH_CLAIMS])
            return _event_record(row) if row is not None else None

    def update_event(self, event_record: Event, session: Session | None = None) -> None:
        """Writes an event's own fields (not its claims), e.g. after the linker reconciled several reports; in
        ``session``'s transaction when given, else in its own."""
        with self._transaction(session) as session:
            row = session.get(EventRow, event_record.id)
            if row is None:
                raise KeyError(event_record.id)
            _fill_event_row(row, event_record)

    def merge_events(self, into_id: str, from_id: str, session: Session | None = None) -> None:
        """Re-points every claim of ``from_id`` (evidence included) to ``into_id`` and deletes the emptied event; in
        ``session``'s transaction when given, else in its own."""
        if into_id == from_id:
            raise ValueError("cannot merge an event into itself")
        with self._transaction(session) as session:
            for event_id in (into_id, from_id):
                if session.get(EventRow, event_id) is None:
                    raise KeyError(event_id)
            session.execute(update(ClaimRow).where(ClaimRow.event_id == from_id).values(event_id=into_id))
            session.execute(delete(EventRow).where(EventRow.id == from_id))
            session.expire_all()  # the claims just moved under the SQL UPDATE (the text index is keyed by claim)

    # Internals

    @contextmanager
    def _transaction(self, session: Session | None) -> Iterator[Session]:
        if session is not None:
            yield session
            return
        with self._sessions.begin() as own:
            yield own

    def _add_article(self, session: Session, article: Article, events: list[Event]) -> SaveResult:
        if session.get(ArticleRow, article.id) is not None:
            return SaveResult(article.id, False, _article_event_ids(session, article.id))
        session.add(_article_row(article))
        session.flush()  # the article row must exist before claims point at it
        rows = [_event_row(article.id, index, coded) for index, coded in enumerate(events)]
        session.add_all(rows)
        session.flush()
        self._index_text(session, article, [claim for row in rows for claim in row.claims])
        if rows:
            session.execute(insert(UnlinkedEventRow), [{"event_id": row.id} for row in rows])  # for ``link_new``
        return SaveResult(article.id, True, [row.id for row in rows])

    def _stored_values(self, column: ColumnElement, values: Iterable[str]) -> set[str]:
        wanted = list(dict.fromkeys(values))
        found: set[str] = set()
        with self._sessions() as session:
            for chunk in lookup_chunks(wanted):
                found.update(session.scalars(select(column).where(column.in_(chunk)).distinct()))
        return found

    def _index_text(self, session: Session, article: Article, claims: list[ClaimRow]) -> None:
        """Adds the article and its claims' evidence sentences to SQLite's text index (a claim's entry has the
        claim's id as its rowid); PostgreSQL indexes the rows themselves."""
        if not self._keeps_fts_table:
            return
        session.execute(
            text("INSERT INTO article_search (article_id, body) VALUES (:article_id, :body)"),
            {"article_id": article.id, "body": "\n".join(filter(None, (article.title, article.text)))},
        )
        sentences = [{"claim_id": claim.id, "body": _claim_sentences(claim)} for claim in claims]
        sentences = [entry for entry in sentences if entry["body"]]
        if sentences:
            session.execute(text("INSERT INTO claim_search (rowid, body) VALUES (:claim_id, :body)"), sentences)

    def conditions(self, filters: EventFilter) -> list[ColumnElement[bool]]:
        """WHERE conditions on ``EventRow`` selecting the events that match ``filters`` (for queries built elsewhere)."""
        conditions: list[ColumnElement[bool]] = []
        if filters.since:
            conditions.append(EventRow.event_date >= filters.since)
        if filters.until:
            conditions.append(EventRow.event_date <= filters.until)
        if filters.country:
            wanted = filters.country.strip()
            conditions.append(
                or_(func.lower(EventRow.country) == wanted.lower(), func.upper(EventRow.iso3) == wanted.upper())
            )
        if filters.event_type:
            conditions.append(func.lower(EventRow.event_type) == filters.event_type.lower())
        if filters.sub_event_type:
            conditions.append(func.lower(EventRow.sub_event_type) == filters.sub_event_type.lower())
        if filters.actor:
            conditions.append(or_(*(self._contains(column, filters.actor) for column in _ACTOR_COLUMNS)))
        if filters.query and filters.query.strip():
            conditions.append(text_search_condition(self.engine, filters.query))
        if filters.added_since:
            recent = select(ClaimRow.event_id).where(ClaimRow.created >= as_utc(filters.added_since))
            conditions.append(EventRow.id.in_(recent))
        return conditions

    def _contains(self, column: ColumnElement, part: str) -> ColumnElement[bool]:
        """``part`` anywhere in ``column``, ignoring case."""
        if self.engine.dialect.name == "sqlite":
            # SQLite's LIKE already ignores case (ASCII only, as its lower() does), and skips lower()'s work per row.
            return column.contains(part, autoescape=True)
        return column.icontains(part, autoescape=True)  # ILIKE on PostgreSQL


def upgrade(engine: Engine) -> None:
    """Applies the shipped migrations up to the newest (``alembic upgrade head``), one process at a time: two
    processes opening a new store together (``serve`` and ``ingest``) would otherwise both create its tables."""
    config = Config(str(STORE_DIR / "alembic.ini"))
    config.set_main_option("script_location", str(STORE_DIR / "migrations"))
    head = ScriptDirectory.from_config(config).get_current_head()
    with engine.connect() as connection:
        if MigrationContext.configure(connection).get_current_revision() == head:
            return  # up to date: no lock taken, so opening a store never waits on a writer
    with engine.begin() as connection:
        _lock_for_migration(connection)
        config.attributes["connection"] = connection
        command.upgrade(config, "head")


# Any fixed number: PostgreSQL's advisory locks are named by integers.
_MIGRATION_LOCK = 0x636C6173


def _lock_for_migration(connection) -> None:
    """Holds the database's write lock until the migration's transaction ends; a second process waits here, then
    finds the schema already at head."""
    if connection.dialect.name == "sqlite":
        # pysqlite runs DDL outside any transaction unless one is begun explicitly.
        connection.exec_driver_sql("BEGIN IMMEDIATE")
    else:
        connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _MIGRATION_LOCK})


def _engine(url: str) -> Engine:
    if url.startswith("sqlite") and url.split("://", 1)[1] in ("", "/", "/:memory:"):
        # One shared connection, or every session would see its own empty in-memory database.
        engine = create_engine(url, poolclass=StaticPool, connect_args={"check_same_thread": False})
    else:
        engine = create_engine(url)
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
    return engine


def _sqlite_pragmas(connection, _record) -> None:
    cursor = connection.cursor()
    # First: switching a new file to WAL takes a lock, and a process opening it at the same moment must wait for
    # that lock rather than fail with "database is locked".
    cursor.execute("PRAGMA busy_timeout = 10000")
    cursor.execute("PRAGMA foreign_keys = ON")
    cursor.execute("PRAGMA journal_mode = WAL")
    # With WAL, NORMAL still never corrupts the database; it only skips an fsync per commit (one per article).
    cursor.execute("PRAGMA synchronous = NORMAL")
    cursor.close()


def _record_fetched_urls(session: Session, articles: list[Article]) -> None:
    """The web pages of ``articles`` as fetched, in their transaction: after a crash a URL is stored exactly when
    its article is. One statement per batch, not a lookup per article."""
    now = datetime.now(UTC)
    rows = {
        article.source_path: {
            "url": article.source_path,
            "canonical_url": article.url if _is_web_url(article.url) else None,
            "article_id": article.id,
            "skipped": None,
            "fetched_at": now,
        }
        for article in articles
        if _is_web_url(article.source_path)
    }
    if rows:
        session.execute(delete(FetchedUrlRow).where(FetchedUrlRow.url.in_(list(rows))))
        session.execute(insert(FetchedUrlRow), list(rows.values()))


def _is_web_url(value: str | None) -> bool:
    return bool(value) and value.startswith(("http://", "https://"))


def _article_event_ids(session: Session, article_id: str) -> list[str]:
    statement = select(ClaimRow.event_id).where(ClaimRow.article_id == article_id).order_by(ClaimRow.id)
    return list(dict.fromkeys(session.scalars(statement)))


def _claim_sentences(claim: ClaimRow) -> str:
    """What a claim is searched by: the sentences it was coded from, each once."""
    return "\n".join(dict.fromkeys(item.text for item in claim.evidence if item.field == CLAIM_EVIDENCE))


def _article_row(article: Article) -> ArticleRow:
    return ArticleRow(
        id=article.id,
        url=article.url,
        outlet=article.outlet,
        author=article.author,
        title=article.title,
        text=article.text,
        published=article.published,
        published_inferred=article.published_inferred,
        dateline_text=article.dateline.text if article.dateline else None,
        dateline_start=article.dateline.start if article.dateline else None,
        dateline_end=article.dateline.end if article.dateline else None,
        source_path=article.source_path,
        source_id=article.source_id,
        collected=as_utc(article.collected),
        ingested_at=datetime.now(UTC),
    )


def _article_record(row: ArticleRow) -> Article:
    return Article(
        text=row.text,
        title=row.title,
        url=row.url,
        outlet=row.outlet,
        published=row.published,
        published_inferred=row.published_inferred,
        dateline=_span(row.dateline_start, row.dateline_end, row.dateline_text),
        source_path=row.source_path,
        collected=as_utc(row.collected),
        source_id=row.source_id,
        author=row.author,
        id=row.id,
    )


def _event_row(article_id: str, index: int, coded: Event) -> EventRow:
    row = EventRow(id=coded.id or f"{article_id}-{index}")
    _fill_event_row(row, coded)
    now = datetime.now(UTC)
    row.claims = [_claim_row(claim, article_id, now) for claim in coded.claims or [Claim(article_id)]]
    # The event's field evidence is what this article reported, so it belongs to this article's claim.
    own_claim = next((claim for claim in row.claims if claim.article_id == article_id), row.claims[0])
    own_claim.evidence.extend(_evidence_row(name, span) for name, spans in coded.evidence.items() for span in spans)
    return row


def _fill_event_row(row: EventRow, record: Event) -> None:
    for name in _EVENT_COLUMNS:
        value = getattr(record, name)
        setattr(row, name, list(value) if name == "weapons" else value)


def _event_record(row: EventRow) -> Event:
    record = Event(**{name: getattr(row, name) for name in _EVENT_COLUMNS}, id=row.id)
    record.weapons = list(row.weapons or [])
    for claim_row in row.claims:
        record.claims.append(_claim_record(claim_row))
        for evidence in claim_row.evidence:
            if evidence.field != CLAIM_EVIDENCE:
                record.add_evidence(evidence.field, Span(evidence.start, evidence.end, evidence.text))
    return record


def _claim_row(claim: Claim, article_id: str, created: datetime) -> ClaimRow:
    row = ClaimRow(
        article_id=claim.article_id or article_id,
        claimant=claim.claimant,
        stance=Stance(claim.stance).value,
        negated=claim.negated,
        hypothetical=claim.hypothetical,
        future=claim.future,
        historical=claim.historical,
        outlet=claim.outlet,
        published=claim.published,
        claimant_start=claim.claimant_span.start if claim.claimant_span else None,
        claimant_end=claim.claimant_span.end if claim.claimant_span else None,
        claimant_text=claim.claimant_span.text if claim.claimant_span else None,
        cue_start=claim.cue_span.start if claim.cue_span else None,
        cue_end=claim.cue_span.end if claim.cue_span else None,
        cue_text=claim.cue_span.text if claim.cue_span else None,
        version=to_jsonable(claim.version),
        created=created,
    )
    row.evidence.extend(_evidence_row(CLAIM_EVIDENCE, span) for span in claim.evidence)
    return row


def _claim_record(row: ClaimRow) -> Claim:
    return Claim(
        article_id=row.article_id,
        claimant=row.claimant,
        stance=Stance(row.stance),
        claimant_span=_span(row.claimant_start, row.claimant_end, row.claimant_text),
        cue_span=_span(row.cue_start, row.cue_end, row.cue_text),
        negated=row.negated,
        hypothetical=row.hypothetical,
        future=row.future,
        historical=row.historical,
        outlet=row.outlet,
        published=row.published,
        version=dict(row.version or {}),
        evidence=[Span(item.start, item.end, item.text) for item in row.evidence if item.field == CLAIM_EVIDENCE],
    )


def _evidence_row(name: str, span: Span) -> EvidenceRow:
    return EvidenceRow(field=name, start=span.start, end=span.end, text=span.text)


def _span(start: int | None, end: int | None, span_text: str | None) -> Span | None:
    return Span(start, end, span_text or "") if start is not None and end is not None else None


def as_utc(moment: datetime | None) -> datetime | None:
    """SQLite drops time zones; every stored moment is UTC, so a naive one read back is UTC."""
    if moment is None:
        return None
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)
