"""The monitor: poll the due sources, code and store what is new, and remember each source's state.

Fetching runs on an asyncio loop in a child process (``watch.fetching``) while this process codes, so pages keep
arriving while articles are coded and HTTP work never takes turns with coding. Harvests are saved in the order of the sources file whatever order they arrive in, so a run
gives the same store as any other run over the same pages.

Nothing is lost or coded twice across crashes because of the order of writes: an article and its URL are stored
in one transaction (``Store.save_articles``); the feed's validators and next due time only after all its new
articles are saved. A run killed anywhere fetches the feed again on restart and skips the item URLs already stored.
"""

from __future__ import annotations

import threading
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from itertools import islice

from clashwatch.ingest.fetch import Validators
from clashwatch.ingest.readers import IngestFailure
from clashwatch.scale.pipeline import Coding, IngestOptions, LocalCoding, run_ingest
from clashwatch.store import Store
from clashwatch.store.watch_state import (
    SourceStatus,
    due_sources,
    list_sources,
    record_failure,
    record_success,
    sync_sources,
)
from clashwatch.watch.alerts import Alerts
from clashwatch.watch.fetching import FetchProcess
from clashwatch.watch.harvest import Harvest
from clashwatch.watch.sources import SourcesFile

HARVESTS_AHEAD = 8  # sources fetched at once, each with its own host's politeness
_LONGEST_SLEEP_S = 60.0  # wake at least this often, so a changed sources file or a stop is noticed


@dataclass
class SourceReport:
    """What one poll of one source gave."""

    url: str
    name: str | None
    outcome: str  # "new", "unchanged", "not modified" or "failed"
    error: str | None = None
    pages: int = 0
    new: int = 0
    duplicate: int = 0
    events: int = 0
    failures: list[IngestFailure] = field(default_factory=list)  # items to be asked for again next poll
    skipped: list[tuple[str, str]] = field(default_factory=list)  # pages that give no article, and why
    alerts: int = 0

    @property
    def label(self) -> str:
        return self.name or self.url


@dataclass
class WatchCounts:
    polls: int = 0
    fetched: int = 0  # source fetches
    not_modified: int = 0
    pages: int = 0
    new: int = 0
    duplicate: int = 0
    events: int = 0
    errors: int = 0  # source fetches that failed
    item_failures: int = 0
    skipped: int = 0
    alerts: int = 0

    def add(self, report: SourceReport) -> None:
        self.fetched += 1
        self.not_modified += report.outcome == "not modified"
        self.errors += report.outcome == "failed"
        self.pages += report.pages
        self.new += report.new
        self.duplicate += report.duplicate
        self.events += report.events
        self.item_failures += len(report.failures)
        self.skipped += len(report.skipped)
        self.alerts += report.alerts

    def summary(self) -> str:
        return (
            f"polls {self.polls}, sources fetched {self.fetched} (not modified {self.not_modified}, failed "
            f"{self.errors}), pages {self.pages}, new articles {self.new}, duplicate {self.duplicate}, events coded "
            f"{self.events}, item failures {self.item_failures}, skipped pages {self.skipped}, alerts {self.alerts}"
        )


class Monitor:
    """Use as ``with Monitor(store, sources) as monitor: monitor.run()``."""

    def __init__(
        self,
        store: Store,
        sources: SourcesFile,
        coding: Coding | None = None,
        *,
        options: IngestOptions = IngestOptions(),
        alerts: Alerts | None = None,
        on_report: Callable[[SourceReport], None] = lambda report: None,
    ) -> None:
        self.store = store
        self.sources = sources
        self.coding = coding or LocalCoding()
        self.options = replace(options, optimize=False)  # once per poll, not once per source
        self.alerts = alerts
        self.on_report = on_report
        self.counts = WatchCounts()
        self._order = {source.url: index for index, source in enumerate(sources.sources)}
        self._by_url = {source.url: source for source in sources.sources}
        self._canonicals: set[str] = set()  # canonical URLs of this poll's pages, so a story twice is coded once
        self._fetching = FetchProcess(store.url, sources.policy)
        sync_sources(store, [(s.url, s.kind, s.name, s.interval_s) for s in sources.sources])

    def __enter__(self) -> Monitor:
        self._fetching.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self._fetching.close()

    def run(self, polls: int | None = None, stop: threading.Event | None = None) -> WatchCounts:
        """Polls until ``polls`` polls are done (forever when None) or ``stop`` is set, sleeping until the next due."""
        stop = stop or threading.Event()
        while not stop.is_set():
            self.poll()
            if polls is not None and self.counts.polls >= polls:
                break
            stop.wait(self.seconds_to_next_due())
        return self.counts

    def poll(self, now: datetime | None = None) -> list[SourceReport]:
        """Fetches every source due at ``now`` and saves what is new; the reports are in sources-file order."""
        now = now or datetime.now(UTC)
        due = due_sources(self.store, now, set(self._by_url))
        due.sort(key=lambda status: self._order[status.url])
        waiting = enumerate(due)
        # A few harvests fetch ahead of the one being coded: enough to keep coding busy, few enough that the next
        # one to save is not starved by the rest, and that a poll of many sources holds only a few in memory.
        in_flight = deque(self._submit(number, status) for number, status in islice(waiting, HARVESTS_AHEAD))
        reports = []
        try:
            while in_flight:
                number, status = in_flight.popleft()
                if (following := next(waiting, None)) is not None:
                    in_flight.append(self._submit(*following))
                reports.append(self._save(status, self._fetching.result(number)))
        finally:
            self._fetching.end_poll()
            self._canonicals.clear()
        if any(report.new for report in reports):
            # Statistics only: merging the whole text index again after every poll would cost more than it saves.
            self.store.optimize(merge_text_index=False)
        self.counts.polls += 1
        return reports

    def seconds_to_next_due(self) -> float:
        now = datetime.now(UTC)
        upcoming = [s.next_due for s in list_sources(self.store) if s.url in self._by_url and s.next_due is not None]
        if not upcoming:
            return 0.0 if any(s.url in self._by_url for s in due_sources(self.store, now)) else _LONGEST_SLEEP_S
        return min(max((min(upcoming) - now).total_seconds(), 0.0), _LONGEST_SLEEP_S)

    def _submit(self, number: int, status: SourceStatus) -> tuple[int, SourceStatus]:
        self._fetching.submit(number, self._by_url[status.url], Validators(status.etag, status.last_modified))
        return number, status

    def _known(self, urls: list[str]) -> set[str]:
        """Which canonical ``urls`` are stored or were coded earlier in this poll; remembers the rest."""
        known = self.store.fetched_urls(urls) | (self._canonicals & set(urls))
        self._canonicals.update(urls)
        return known

    def _save(self, status: SourceStatus, harvested: Harvest) -> SourceReport:
        source = harvested.source
        articles = harvested.articles(self._known, self.options.max_bytes)
        report = SourceReport(source.url, source.name, "failed", harvested.error, pages=harvested.pages)
        report.failures, report.skipped = harvested.failures, harvested.skipped
        now = datetime.now(UTC)
        if harvested.error is not None:
            record_failure(self.store, source.url, now, harvested.error)
        else:
            coding_failures: list[IngestFailure] = []
            counts = run_ingest(self.store, articles, self.coding, self.options, coding_failures.append)
            for url, reason in harvested.skipped:
                self.store.skip_url(url, reason)
            report.new, report.duplicate, report.events = counts.new, counts.duplicate, counts.events
            report.failures = [*harvested.failures, *coding_failures]
            if harvested.not_modified:
                report.outcome = "not modified"
            else:
                report.outcome = "new" if counts.new else "unchanged"
            # Validators only once every new item is stored: otherwise a 304 next time would hide the missing ones.
            kept = harvested.validators if harvested.complete and not coding_failures else None
            validators = kept or Validators(status.etag, status.last_modified)
            record_success(self.store, source.url, now, validators.etag, validators.last_modified, counts.new)
            if self.alerts is not None and counts.new:
                report.alerts = self.alerts.send_new(self.store, now)
        self.counts.add(report)
        self.on_report(report)
        return report

