"""Time and peak memory of coding one long article (a report or digest of about 2 MB), which the coder parses in
chunks and codes as one article."""

from __future__ import annotations

import random
import resource
import time
from dataclasses import dataclass

from clashwatch.paths import PACKAGE_DATA
from clashwatch.records import Article

LONG_ARTICLE_CHARS = 2_000_000


@dataclass
class LongArticleResult:
    characters: int
    chunks: int
    events: int
    parse_seconds: float  # spaCy over the chunks, and joining them
    coding_seconds: float  # the coding steps over the parsed article
    peak_rss_mb: float

    def report(self) -> str:
        return "\n".join(
            [
                f"long article        {self.characters:,} characters in {self.chunks} chunks, "
                f"{self.events} events coded",
                f"parse in chunks     {self.parse_seconds:.1f} s",
                f"coding steps        {self.coding_seconds:.1f} s",
                f"total               {self.parse_seconds + self.coding_seconds:.1f} s",
                f"peak memory (RSS)   {self.peak_rss_mb:.0f} MB",
            ]
        )


def long_article(characters: int = LONG_ARTICLE_CHARS, seed: int = 0) -> Article:
    """An article of about ``characters`` characters: the bundled articles' paragraphs in a fixed shuffled order."""
    from clashwatch.ingest import read_paths

    paragraphs = [
        paragraph.strip()
        for item in read_paths([PACKAGE_DATA / "samples", PACKAGE_DATA / "link-examples"])
        if isinstance(item, Article)
        for paragraph in item.text.split("\n\n")
        if paragraph.strip()
    ]
    chosen = random.Random(seed)
    parts: list[str] = []
    size = 0
    while size < characters:
        parts.append(chosen.choice(paragraphs))
        size += len(parts[-1]) + 2
    return Article(text="\n\n".join(parts)[:characters].rstrip())


def run_long_article_benchmark(characters: int = LONG_ARTICLE_CHARS) -> LongArticleResult:
    from clashwatch.extract import EventCoder
    from clashwatch.nlp import chunk_bounds

    article = long_article(characters)
    coder = EventCoder()
    started = time.perf_counter()
    doc = coder.parse(article.text)
    parse_seconds = time.perf_counter() - started
    started = time.perf_counter()
    events = coder.code_doc(article, doc)
    coding_seconds = time.perf_counter() - started
    return LongArticleResult(
        characters=len(article.text),
        chunks=len(chunk_bounds(article.text)),
        events=len(events),
        parse_seconds=parse_seconds,
        coding_seconds=coding_seconds,
        peak_rss_mb=resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    )
