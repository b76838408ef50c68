"""The ingest pipeline: read articles, drop those already stored, code the rest in batches, save each batch in one
transaction and link what it added.

Coding is pluggable (``LocalCoding`` in this process, ``clashwatch.scale.cluster.DaskCoding`` on a cluster) but
batching, skipping and saving are the same code either way, and results are saved in the order the batches were
read: the same input gives the same stored set on any number of workers. Everything is written by this process,
a batch at a time, so a run killed at any moment leaves only whole batches behind and the next run codes the rest.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from clashwatch.ingest import DEFAULT_MAX_BYTES, IngestFailure, read_file
from clashwatch.records import Article
from clashwatch.scale.coding import CodedArticle, code_batch, process_coder

if TYPE_CHECKING:
    from clashwatch.extract import EventCoder
    from clashwatch.link.storage import LinkSummary
    from clashwatch.store import Store

CodingResult = CodedArticle | IngestFailure


class Coding(Protocol):
    def map(self, batches: Iterable[list[Article]]) -> Iterator[list[CodingResult]]:
        """Each batch's results, in the order the batches came."""
        ...


@dataclass
class IngestOptions:
    batch_size: int = 32
    max_bytes: int = DEFAULT_MAX_BYTES
    resume: bool = False  # skip whole files some stored article was read from, without reading them again
    link: bool = True  # link each saved batch's reports into events
    optimize: bool = True  # refresh the store's planner statistics and text index after a run that added articles


@dataclass
class IngestCounts:
    read: int = 0
    new: int = 0
    duplicate: int = 0
    failed: int = 0
    events: int = 0
    files_resumed: int = 0
    linked_reports: int = 0
    link_merges: int = 0

    def summary(self) -> str:
        line = (
            f"articles read {self.read}, new {self.new}, duplicate {self.duplicate}, failed {self.failed}; "
            f"events coded {self.events}"
        )
        if self.files_resumed:
            line += f"; files skipped as already stored {self.files_resumed}"
        return line

    def add_links(self, summary: LinkSummary) -> None:
        self.linked_reports += summary.new_reports
        self.link_merges += summary.merges


class LocalCoding:
    """Codes in this process; the coder is built for the first batch that needs coding."""

    def __init__(self, coder: EventCoder | None = None) -> None:
        self._coder = coder

    def map(self, batches: Iterable[list[Article]]) -> Iterator[list[CodingResult]]:
        for batch in batches:
            if self._coder is None:
                self._coder = process_coder()
            yield code_batch(self._coder, batch)


def run_ingest(
    store: Store,
    items: Iterable[Path | Article | IngestFailure],
    coding: Coding,
    options: IngestOptions = IngestOptions(),
    on_failure: Callable[[IngestFailure], None] = lambda failure: None,
    on_file: Callable[[Path], None] = lambda path: None,
) -> IngestCounts:
    """Ingests ``items`` into ``store``: files (as ``clashwatch.ingest.expand_paths`` gives them), and articles
    already read (``clashwatch watch`` fetches its own)."""
    run = _Run(store, options, on_failure, on_file)
    if options.link:
        # Reports a killed run saved but did not link are linked first, on their own, as that run would have.
        run.link()
    for results in coding.map(run.new_batches(items)):
        run.save(results)
    if options.optimize and run.counts.new:
        store.optimize()
    return run.counts


class _Run:
    def __init__(
        self,
        store: Store,
        options: IngestOptions,
        on_failure: Callable[[IngestFailure], None],
        on_file: Callable[[Path], None],
    ) -> None:
        self.store = store
        self.options = options
        self.on_failure = on_failure
        self.on_file = on_file
        self.counts = IngestCounts()

    def fail(self, failure: IngestFailure) -> None:
        self.counts.failed += 1
        self.on_failure(failure)

    def new_batches(self, items: Iterable[Path | Article | IngestFailure]) -> Iterator[list[Article]]:
        """Batches of the articles not stored yet (one id lookup per batch)."""
        articles = self._articles(list(items))
        while batch := list(islice(articles, self.options.batch_size)):
            stored = self.store.stored_article_ids(article.id for article in batch)
            self.counts.duplicate += sum(article.id in stored for article in batch)
            new = [article for article in batch if article.id not in stored]
            if new:
                yield new

    def _articles(self, items: list[Path | Article | IngestFailure]) -> Iterator[Article]:
        stored_files = set()
        if self.options.resume:
            stored_files = self.store.stored_sources(str(item) for item in items if isinstance(item, Path))
        for item in items:
            if isinstance(item, IngestFailure):
                self.fail(item)
                continue
            if isinstance(item, Article):
                self.counts.read += 1
                yield item
                continue
            if str(item) in stored_files:
                self.counts.files_resumed += 1
                continue
            self.on_file(item)
            for result in read_file(item, self.options.max_bytes):
                if isinstance(result, IngestFailure):
                    self.fail(result)
                else:
                    self.counts.read += 1
                    yield result

    def save(self, results: list[CodingResult]) -> None:
        coded = []
        for result in results:
            if isinstance(result, IngestFailure):
                self.fail(result)
            else:
                coded.append((result.article, result.events))
        saved = self.store.save_articles(coded)
        for result in saved:
            if result.new:
                self.counts.new += 1
                self.counts.events += len(result.event_ids)
            else:
                self.counts.duplicate += 1
        if self.options.link and any(result.new for result in saved):
            self.link()

    def link(self) -> None:
        from clashwatch.link.storage import link_new

        self.counts.add_links(link_new(self.store))
