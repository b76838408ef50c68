"""The long-article benchmark codes an article longer than one chunk and reports its own measurements."""

from __future__ import annotations

from clashwatch.extract.bench_long import long_article, run_long_article_benchmark
from clashwatch.nlp import CHUNK_CHARS


def test_the_long_article_is_made_of_the_bundled_paragraphs_at_the_asked_length():
    article = long_article(50_000)
    assert 49_000 < len(article.text) <= 50_000
    assert article.text == long_article(50_000).text  # fixed: runs are comparable


def test_the_benchmark_codes_an_article_of_several_chunks():
    result = run_long_article_benchmark(int(CHUNK_CHARS * 1.3))
    assert result.chunks == 2 and result.events > 0
    assert result.parse_seconds > 0 and result.coding_seconds > 0 and result.peak_rss_mb > 100
    assert "2 chunks" in result.report()
