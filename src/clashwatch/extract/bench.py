"""Throughput and peak memory of the coder, next to a bare spaCy pass over the same texts.

The ratio coder time / spaCy time is the cost of ClashWatch's own coding on top of parsing.
"""

from __future__ import annotations

import resource
import time
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import cycle, islice
from pathlib import Path

from clashwatch.paths import PACKAGE_DATA
from clashwatch.records import Article

BENCH_CORPORA = (PACKAGE_DATA / "samples", PACKAGE_DATA / "link-examples")


@dataclass
class BenchResult:
    articles: int
    characters: int
    events: int
    setup_seconds: float  # loading the spaCy model, classifier and gazetteer
    spacy_seconds: float
    coder_seconds: float
    peak_rss_mb: float

    @property
    def articles_per_second(self) -> float:
        return self.articles / self.coder_seconds

    @property
    def overhead(self) -> float:
        return self.coder_seconds / self.spacy_seconds

    def report(self) -> str:
        return "\n".join(
            [
                f"articles            {self.articles} ({self.characters:,} characters), {self.events} events coded",
                f"setup               {self.setup_seconds:.2f} s (spaCy model, classifier, gazetteer)",
                f"bare spaCy pass     {self.spacy_seconds:.2f} s  ({self.articles / self.spacy_seconds:.1f} articles/s)",
                f"extract (coder)     {self.coder_seconds:.2f} s  ({self.articles_per_second:.1f} articles/s)",
                f"coder / spaCy       {self.overhead:.2f}x",
                f"peak memory (RSS)   {self.peak_rss_mb:.0f} MB",
            ]
        )


def bench_articles(count: int, corpora: Iterable[Path] = BENCH_CORPORA) -> list[Article]:
    """``count`` articles cycling over the bundled corpora: a fixed set, so runs are comparable."""
    from clashwatch.ingest import read_paths

    originals = [item for item in read_paths([path for path in corpora if path.exists()]) if isinstance(item, Article)]
    if not originals:
        raise RuntimeError("no bundled articles found to benchmark on")
    return [Article(text=article.text, title=article.title, outlet=article.outlet, published=article.published)
            for article in islice(cycle(originals), count)]


def run_benchmark(articles: list[Article], batch_size: int = 32) -> BenchResult:
    from clashwatch.extract import EventCoder

    started = time.perf_counter()
    coder = EventCoder()
    setup_seconds = time.perf_counter() - started
    texts = [article.text for article in articles]

    started = time.perf_counter()
    for _ in coder.nlp.pipe(texts, batch_size=batch_size):
        pass
    spacy_seconds = time.perf_counter() - started

    started = time.perf_counter()
    events = sum(len(coded) for _, coded in coder.code_many(articles, batch_size=batch_size))
    coder_seconds = time.perf_counter() - started

    return BenchResult(
        articles=len(articles),
        characters=sum(map(len, texts)),
        events=events,
        setup_seconds=setup_seconds,
        spacy_seconds=spacy_seconds,
        coder_seconds=coder_seconds,
        peak_rss_mb=resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    )
