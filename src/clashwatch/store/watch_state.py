"""What ``clashwatch watch`` remembers between runs, per source: validators for conditional GET, when it was last
fetched and is next due, and its health (failures in a row, the last error, when it last gave a new article)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from sqlalchemy import select

from clashwatch.store.db import as_utc
from clashwatch.store.watch_models import SourceRow

if TYPE_CHECKING:
    from clashwatch.store import Store

# A failing source is asked again later and later (interval x 2 per failure in a row, at most this factor).
MAX_BACKOFF_FACTOR = 16
FAILING_AFTER = 3  # failures in a row after which a source's health is "failing", not "retrying"


@dataclass
class SourceStatus:
    url: str
    kind: str
    name: str | None
    interval_s: int
    last_fetch: datetime | None
    last_success: datetime | None
    last_new: datetime | None
    etag: str | None
    last_modified: str | None
    error_count: int
    last_error: str | None
    next_due: datetime | None
    articles: int

    @property
    def health(self) -> str:
        if self.last_fetch is None:
            return "new"
        if not self.error_count:
            return "ok"
        return "failing" if self.error_count >= FAILING_AFTER else "retrying"


def sync_sources(store: Store, configured: list[tuple[str, str, str | None, int]]) -> None:
    """Makes the stored sources those of ``configured`` (url, kind, name, interval in s), keeping what is known of
    each; a new one is due at once, and a changed interval takes effect from its last fetch."""
    with _sessions(store).begin() as session:
        rows = {row.url: row for row in session.scalars(select(SourceRow))}
        for url, kind, name, interval_s in configured:
            row = rows.get(url)
            if row is None:
                session.add(SourceRow(url=url, kind=kind, name=name, interval_s=interval_s, error_count=0, articles=0))
                continue
            row.kind, row.name, row.interval_s = kind, name, interval_s
            if row.last_fetch is not None and not row.error_count:
                row.next_due = as_utc(row.last_fetch) + timedelta(seconds=interval_s)


def list_sources(store: Store) -> list[SourceStatus]:
    with _sessions(store)() as session:
        return [_status(row) for row in session.scalars(select(SourceRow).order_by(SourceRow.url))]


def due_sources(store: Store, now: datetime, urls: set[str] | None = None) -> list[SourceStatus]:
    """The sources (of ``urls``, when given) whose next fetch is due at ``now``, never-fetched ones first."""
    due = [
        source
        for source in list_sources(store)
        if (urls is None or source.url in urls) and (source.next_due is None or source.next_due <= now)
    ]
    return sorted(due, key=lambda source: (source.next_due is not None, source.next_due or now, source.url))


def record_success(
    store: Store, url: str, now: datetime, etag: str | None, last_modified: str | None, new_articles: int
) -> None:
    with _sessions(store).begin() as session:
        row = session.get(SourceRow, url)
        row.last_fetch = row.last_success = now
        if new_articles:
            row.last_new = now
            row.articles += new_articles
        row.etag, row.last_modified = etag, last_modified
        row.error_count, row.last_error = 0, None
        row.next_due = now + timedelta(seconds=row.interval_s)


def record_failure(store: Store, url: str, now: datetime, reason: str) -> None:
    with _sessions(store).begin() as session:
        row = session.get(SourceRow, url)
        row.last_fetch = now
        row.error_count += 1
        row.last_error = reason
        row.next_due = now + timedelta(seconds=row.interval_s * min(2**row.error_count, MAX_BACKOFF_FACTOR))


def _status(row: SourceRow) -> SourceStatus:
    return SourceStatus(
        url=row.url,
        kind=row.kind,
        name=row.name,
        interval_s=row.interval_s,
        last_fetch=as_utc(row.last_fetch),
        last_success=as_utc(row.last_success),
        last_new=as_utc(row.last_new),
        etag=row.etag,
        last_modified=row.last_modified,
        error_count=row.error_count,
        last_error=row.last_error,
        next_due=as_utc(row.next_due),
        articles=row.articles,
    )


def _sessions(store: Store):
    return store._sessions  # noqa: SLF001 - the monitoring tables live in the store's database and transactions
