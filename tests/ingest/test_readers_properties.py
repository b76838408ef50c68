"""Property-based tests of the readers: whatever the bytes, reading yields articles or named failures, never an
exception, and every article's text is what the file held."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from xml.sax.saxutils import escape

from hypothesis import given
from hypothesis import strategies as st

from clashwatch.ingest import IngestFailure, read_file
from clashwatch.ingest.dateline import apply_dateline, find_dateline
from clashwatch.records import Article

# Words of news text and the punctuation and markup that trip parsers up, so generated inputs look like articles
# often enough to reach the code past the first check.
WORDS = st.sampled_from(
    ["Rebels", "attacked", "KABUL,", "Sept.", "12", "(AP)", "--", "2022", "killed", "\n\n", "<p>", "</p>", "&amp;",
     "\u00e9", "\u200b", "\ufeff", "\x00", "\r\n", "\"", "{", "}", "Jan", "30", "Feb.", "(Reuters)", "\u2014", " "]
)  # fmt: skip
TEXTS = st.one_of(st.text(max_size=300), st.lists(WORDS, max_size=60).map(" ".join))
BYTES = st.one_of(st.binary(max_size=300), TEXTS.map(lambda text: text.encode("utf-8", "surrogatepass")))


def read(tmp_path: Path, name: str, raw: bytes) -> list[Article | IngestFailure]:
    path = tmp_path / name
    path.write_bytes(raw)
    return list(read_file(path, max_bytes=100_000))


def assert_articles_or_failures(results: list) -> None:
    assert results, "reading yields at least an article or a failure"
    for result in results:
        assert isinstance(result, (Article, IngestFailure))
        if isinstance(result, Article):
            assert result.text.strip()
            if result.dateline is not None:
                assert result.text[result.dateline.start : result.dateline.end] == result.dateline.text
        else:
            assert result.reason


@given(raw=BYTES)
def test_any_text_file_reads_to_an_article_with_its_text_or_a_failure(tmp_path_factory, raw):
    results = read(tmp_path_factory.mktemp("txt"), "a.txt", raw)
    assert_articles_or_failures(results)
    if isinstance(results[0], Article):
        assert results[0].text == raw.decode("utf-8-sig").lstrip("\ufeff")


@given(body=TEXTS, title=TEXTS, charset=st.sampled_from(["utf-8", "latin-1", "bogus-9", "shift_jis"]))
def test_any_html_page_reads_to_an_article_or_a_failure(tmp_path_factory, body, title, charset):
    page = f'<html><head><meta charset="{charset}"><title>{title}</title></head><body><p>{body}</p></body></html>'
    assert_articles_or_failures(read(tmp_path_factory.mktemp("html"), "a.html", page.encode("utf-8", "surrogatepass")))


@given(raw=BYTES)
def test_any_bytes_as_html_read_to_an_article_or_a_failure(tmp_path_factory, raw):
    assert_articles_or_failures(read(tmp_path_factory.mktemp("html"), "a.html", raw))


FEED_DATES = st.sampled_from(["", "Mon, 12 Sep 2022 10:00:00 GMT", "yesterday"])


@given(entries=st.lists(st.tuples(TEXTS, TEXTS, FEED_DATES), max_size=4), escaped=st.booleans())
def test_any_feed_reads_to_articles_or_failures(tmp_path_factory, entries, escaped):
    quote = escape if escaped else (lambda text: text)
    items = "".join(
        f"<item><title>{quote(title)}</title><description>{quote(body)}</description><pubDate>{when}</pubDate></item>"
        for title, body, when in entries
    )
    feed = f'<?xml version="1.0"?><rss version="2.0"><channel><title>T</title>{items}</channel></rss>'
    assert_articles_or_failures(read(tmp_path_factory.mktemp("rss"), "a.rss", feed.encode("utf-8", "surrogatepass")))


@given(raw=BYTES)
def test_any_bytes_as_a_feed_read_to_articles_or_failures(tmp_path_factory, raw):
    assert_articles_or_failures(read(tmp_path_factory.mktemp("rss"), "a.xml", raw))


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | TEXTS,
    lambda children: st.lists(children, max_size=3) | st.dictionaries(TEXTS, children, max_size=3),
    max_leaves=8,
)
RECORDS = st.fixed_dictionaries(
    {"text": st.one_of(TEXTS, JSON_VALUES)},
    optional={"id": JSON_VALUES, "title": JSON_VALUES, "url": JSON_VALUES, "source": JSON_VALUES,
              "published": st.one_of(JSON_VALUES, st.dates().map(date.isoformat), TEXTS)},
)  # fmt: skip


@given(lines=st.lists(st.one_of(RECORDS.map(json.dumps), JSON_VALUES.map(json.dumps), TEXTS), max_size=6))
def test_any_json_lines_read_to_one_article_or_failure_per_line(tmp_path_factory, lines):
    raw = "\n".join(line.replace("\n", " ").replace("\r", " ") for line in lines).encode("utf-8", "surrogatepass")
    results = read(tmp_path_factory.mktemp("jsonl"), "a.jsonl", raw)
    assert_articles_or_failures(results)
    records = [line for line in raw.split(b"\n") if line.strip()]
    assert len(results) == max(1, len(records))
    for line, result in zip(records, results):
        if isinstance(result, Article):
            assert result.text == json.loads(line)["text"].lstrip("\ufeff")


PARQUET_VALUES = st.one_of(st.none(), TEXTS)


ROWS = st.fixed_dictionaries({"text": PARQUET_VALUES, "id": PARQUET_VALUES, "published": PARQUET_VALUES})


@given(rows=st.lists(ROWS, max_size=5))
def test_any_parquet_rows_read_to_one_article_or_failure_per_row(tmp_path_factory, rows):
    import pyarrow
    import pyarrow.parquet as pq

    path = tmp_path_factory.mktemp("parquet") / "a.parquet"
    # Arrow strings are UTF-8: lone surrogates become "?".
    clean = [{key: value.encode("utf-8", "replace").decode() if value else value for key, value in row.items()}
             for row in rows]  # fmt: skip
    schema = pyarrow.schema([("text", pyarrow.string()), ("id", pyarrow.string()), ("published", pyarrow.string())])
    pq.write_table(pyarrow.Table.from_pylist(clean, schema=schema), path)
    results = list(read_file(path))
    assert_articles_or_failures(results)
    assert len(results) == max(1, len(rows))


@given(text=st.one_of(TEXTS, st.builds(lambda place, body: f"{place}, Sept. 12 (AP) -- {body}", TEXTS, TEXTS)))
def test_datelines_are_slices_of_the_text_and_never_raise(text):
    found = find_dateline(text)
    if found is not None:
        assert text[found.span.start : found.span.end] == found.span.text
        assert found.month is None or 1 <= found.month <= 12
    article = Article(text=text or " ")
    apply_dateline(article)
    assert article.published is None or isinstance(article.published, date)
