"""Throughput and peak memory of the coder, next to a bare spaCy pass over the same texts.

Both passes run the same pipeline with the same batching: the ratio coder time / spaCy time (``overhead``) is the
cost of ClashWatch's own coding on top of parsing. Per-core figures divide by the CPU time the pass used (its
worker processes included), so they stay comparable between one process and several. With several rounds the two
passes alternate, and each figure is the median over the rounds (``overhead``: the median of each round's ratio), so
that a shared machine's slow spells weigh less than in one pair of passes.
"""

from __future__ import annotations

import resource
import statistics
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from itertools import cycle, islice
from pathlib import Path
from typing import TypeVar

from clashwatch.paths import PACKAGE_DATA
from clashwatch.records import Article

BENCH_CORPORA = (PACKAGE_DATA / "samples", PACKAGE_DATA / "link-examples")

_Result = TypeVar("_Result")


@dataclass(frozen=True)
class Timed:
    """Wall-clock and CPU seconds of one pass; CPU counts the worker processes spaCy started for it."""

    wall_seconds: float
    cpu_seconds: float


@dataclass
class BenchResult:
    model: str
    pipeline: list[str]
    batch_size: int
    processes: int
    articles: int
    sentences: int
    characters: int
    events: int
    setup_seconds: float  # loading the spaCy model, classifier, lexicons and gazetteer (coding one article)
    runs: list[tuple[Timed, Timed]]  # (bare spaCy pass, coder pass) of each round, in order
    peak_rss_mb: float

    @property
    def spacy(self) -> Timed:
        return _median([spacy for spacy, _ in self.runs])

    @property
    def coder(self) -> Timed:
        return _median([coder for _, coder in self.runs])

    @property
    def overheads(self) -> list[float]:
        return [coder.wall_seconds / spacy.wall_seconds for spacy, coder in self.runs]

    @property
    def articles_per_second(self) -> float:
        return self.articles / self.coder.wall_seconds

    @property
    def sentences_per_second(self) -> float:
        return self.sentences / self.coder.wall_seconds

    @property
    def sentences_per_second_per_core(self) -> float:
        return self.sentences / self.coder.cpu_seconds

    @property
    def overhead(self) -> float:
        return statistics.median(self.overheads)

    @property
    def overhead_cpu(self) -> float:
        return statistics.median(coder.cpu_seconds / spacy.cpu_seconds for spacy, coder in self.runs)

    def as_json(self) -> dict:
        return {
            "model": self.model,
            "pipeline": self.pipeline,
            "batch_size": self.batch_size,
            "processes": self.processes,
            "articles": self.articles,
            "sentences": self.sentences,
            "characters": self.characters,
            "events": self.events,
            "setup_s": round(self.setup_seconds, 3),
            "spacy_s": round(self.spacy.wall_seconds, 3),
            "spacy_cpu_s": round(self.spacy.cpu_seconds, 3),
            "extract_s": round(self.coder.wall_seconds, 3),
            "extract_cpu_s": round(self.coder.cpu_seconds, 3),
            "spacy_sentences_per_s": round(self.sentences / self.spacy.wall_seconds, 1),
            "articles_per_s": round(self.articles_per_second, 1),
            "sentences_per_s": round(self.sentences_per_second, 1),
            "sentences_per_s_per_core": round(self.sentences_per_second_per_core, 1),
            "overhead": round(self.overhead, 3),
            # the same ratio in CPU time: on a shared machine the two passes can get different shares of a core
            "overhead_cpu": round(self.overhead_cpu, 3),
            "rounds": len(self.runs),
            "overhead_per_round": [round(overhead, 3) for overhead in self.overheads],
            "peak_rss_mb": round(self.peak_rss_mb, 1),
        }

    def report(self) -> str:
        spacy, coder = self.spacy.wall_seconds, self.coder.wall_seconds
        return "\n".join(
            [
                f"model               {self.model} ({', '.join(self.pipeline)}), batch {self.batch_size}, "
                f"{self.processes} process{'es' if self.processes > 1 else ''}",
                f"articles            {self.articles} ({self.sentences} sentences, {self.characters:,} characters), "
                f"{self.events} events coded",
                f"setup               {self.setup_seconds:.2f} s (spaCy model, classifier, lexicons, gazetteer: one article coded)",
                f"bare spaCy pass     {spacy:.2f} s  ({self.articles / spacy:.1f} articles/s, {self.sentences / spacy:.0f} sentences/s)",
                f"extract (coder)     {coder:.2f} s  ({self.articles_per_second:.1f} articles/s, "
                f"{self.sentences_per_second:.0f} sentences/s, {self.sentences_per_second_per_core:.0f} per core)",
                f"coder / spaCy       {self.overhead:.2f}x"
                + (f" (median of {len(self.runs)} rounds: {', '.join(f'{overhead:.2f}' for overhead in self.overheads)})"
                   if len(self.runs) > 1 else ""),
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


def timed(work: Callable[[], _Result]) -> tuple[_Result, Timed]:
    """``work()``'s result and the wall-clock and CPU time it took."""
    before = _cpu_seconds()
    started = time.perf_counter()
    result = work()
    wall = time.perf_counter() - started
    return result, Timed(wall, _cpu_seconds() - before)


def _cpu_seconds() -> float:
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def _median(passes: list[Timed]) -> Timed:
    return Timed(statistics.median(p.wall_seconds for p in passes), statistics.median(p.cpu_seconds for p in passes))


def run_benchmark(articles: list[Article], batch_size: int = 32, processes: int = 1, rounds: int = 1) -> BenchResult:
    from clashwatch.extract import EventCoder

    def set_up() -> EventCoder:
        coder = EventCoder()
        coder.code(articles[0])  # the lexicons, gazetteer and actor dictionary load on first use: not throughput
        return coder

    coder, setup = timed(set_up)
    texts = [article.text for article in articles]

    def parse() -> int:
        return sum(sum(1 for _ in doc.sents) for doc in coder.nlp.pipe(texts, batch_size=batch_size, n_process=processes))

    def code() -> int:
        return sum(len(events) for _, events in coder.code_many(articles, batch_size=batch_size, n_process=processes))

    runs = []
    for _ in range(rounds):
        sentences, spacy = timed(parse)
        events, coding = timed(code)
        runs.append((spacy, coding))
    return BenchResult(
        model=f"{coder.nlp.meta['lang']}_{coder.nlp.meta['name']}-{coder.nlp.meta['version']}",
        pipeline=list(coder.nlp.pipe_names),
        batch_size=batch_size,
        processes=processes,
        articles=len(articles),
        sentences=sentences,
        characters=sum(map(len, texts)),
        events=events,
        setup_seconds=setup.wall_seconds,
        runs=runs,
        peak_rss_mb=resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    )
