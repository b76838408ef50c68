"""Read articles from plain text, HTML, JSON Lines and RSS/Atom/JSON Feed files, or the same formats as bytes
fetched over HTTP (``read_html_bytes``, ``read_feed_bytes``, ``parse_feed``).

Every problem with one input becomes an ``IngestFailure`` naming where it is and why, and reading goes on:
a batch of thousands of files must not stop at one bad byte.
"""

from __future__ import annotations

import glob
import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import BinaryIO

from clashwatch.ingest.dateline import apply_dateline
from clashwatch.ingest.language import not_english_reason
from clashwatch.limits import DEFAULT_MAX_ARTICLE_MB, too_big
from clashwatch.records import Article

DEFAULT_MAX_BYTES = int(DEFAULT_MAX_ARTICLE_MB * 1_000_000)

TEXT_SUFFIXES = frozenset({".txt"})
HTML_SUFFIXES = frozenset({".html", ".htm"})
JSONL_SUFFIXES = frozenset({".jsonl"})
FEED_SUFFIXES = frozenset({".xml", ".rss", ".atom", ".json"})  # .json: JSON Feed
PARQUET_SUFFIXES = frozenset({".parquet"})
SUPPORTED_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES | FEED_SUFFIXES | PARQUET_SUFFIXES

# A leading short line followed by a blank line is a headline by the usual plain-text convention.
_HEADLINE = re.compile(r"\A[ \t]*(?P<title>[^\n]{1,200}?)[ \t]*\r?\n[ \t]*\r?\n")
_DECLARED_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_SNIFF_BYTES = 8192


@dataclass
class IngestFailure:
    path: str  # the file, "file:line" for a JSON Lines record, "file#entry" for a feed entry
    reason: str


class _Rejected(Exception):
    """An input that cannot become an article; its message is the failure's reason."""


def read_paths(
    paths: Iterable[str | Path], max_bytes: int = DEFAULT_MAX_BYTES
) -> Iterator[Article | IngestFailure]:
    """Articles from files, folders (searched recursively for supported files) and glob patterns, in path order."""
    for item in expand_paths(paths):
        if isinstance(item, IngestFailure):
            yield item
        else:
            yield from read_file(item, max_bytes)


def expand_paths(paths: Iterable[str | Path]) -> Iterator[Path | IngestFailure]:
    """The files named by ``paths``: a folder gives its supported files, a pattern its matches."""
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            yield from sorted(
                found for found in path.rglob("*") if found.is_file() and found.suffix.lower() in SUPPORTED_SUFFIXES
            )
        elif path.is_file():
            yield path
        elif glob.has_magic(str(raw)):
            matches = sorted(glob.glob(str(raw), recursive=True))
            if not matches:
                yield IngestFailure(str(raw), "the pattern matches no file")
            yield from expand_paths(matches)
        else:
            yield IngestFailure(str(raw), "no such file or folder")


def read_file(path: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[Article | IngestFailure]:
    """The articles in one file, chosen by its suffix; failures instead of exceptions."""
    suffix = path.suffix.lower()
    collected = datetime.now(UTC)
    try:
        if suffix in JSONL_SUFFIXES:
            yield from _read_jsonl(path, max_bytes, collected)
            return
        if suffix in FEED_SUFFIXES:
            yield from _read_feed(path, max_bytes, collected)
            return
        if suffix in PARQUET_SUFFIXES:
            from clashwatch.ingest.parquet import read_parquet  # imports this module: loaded on first use

            yield from read_parquet(path, max_bytes, collected)
            return
        if suffix in HTML_SUFFIXES:
            yield _read_html(path, max_bytes, collected)
        elif suffix in TEXT_SUFFIXES:
            yield _read_text(path, max_bytes, collected)
        else:
            expected = ", ".join(sorted(SUPPORTED_SUFFIXES))
            reason = f"unsupported file type {suffix or '(no suffix)'!r}; expected one of {expected}"
            yield IngestFailure(str(path), reason)
    except _Rejected as rejected:
        yield IngestFailure(str(path), str(rejected))
    except OSError as error:
        yield IngestFailure(str(path), f"cannot read the file: {error.strerror or error}")


def _read_text(path: Path, max_bytes: int, collected: datetime) -> Article:
    text = _decode_utf8(_read_bounded(path, max_bytes))
    headline = _HEADLINE.match(text)
    return _article(text, collected, str(path), title=headline.group("title") if headline else None)


def _read_html(path: Path, max_bytes: int, collected: datetime) -> Article:
    return html_article(_read_bounded(path, max_bytes), str(path), collected)


def read_html_bytes(
    raw: bytes, where: str, max_bytes: int = DEFAULT_MAX_BYTES, collected: datetime | None = None,
    charset: str | None = None,
) -> Article | IngestFailure:
    """The article of an HTML page read from anywhere (a file, an HTTP body); ``charset`` is the one the server
    declared, which wins over the page's own ``<meta>``. ``where`` names it in the article and in a failure."""
    try:
        if len(raw) > max_bytes:
            raise _Rejected(too_big(len(raw), max_bytes))
        if not raw.strip():
            raise _Rejected("empty page")
        return html_article(raw, where, collected or datetime.now(UTC), charset)
    except _Rejected as rejected:
        return IngestFailure(where, str(rejected))


def html_article(raw: bytes, where: str, collected: datetime, charset: str | None = None) -> Article:
    import trafilatura

    document = trafilatura.bare_extraction(
        _decode_markup(raw, charset),
        with_metadata=True,
        include_comments=False,
        # Only a date the page states in its metadata, not one guessed from the body text.
        date_extraction_params={"extensive_search": False, "original_date": True},
    )
    if document is None or not (document.text or "").strip():
        raise _Rejected("no article text found in the HTML page")
    return _article(
        document.text,
        collected,
        where,
        title=document.title,
        url=document.url,
        outlet=document.sitename,
        published=_parse_date(document.date),
        author=document.author,
    )


def _decode_markup(raw: bytes, charset: str | None) -> str:
    """Text of a page in the charset its server or its ``<meta>`` declares; strict UTF-8 when neither does."""
    if not charset:
        declared = _DECLARED_CHARSET.search(raw[:_SNIFF_BYTES])
        charset = declared.group(1).decode("ascii") if declared else None
    if not charset or charset.lower().replace("_", "-") in ("utf-8", "utf8"):
        return _decode_utf8(raw)
    try:
        return raw.decode(charset)
    except (LookupError, UnicodeDecodeError) as error:
        raise _Rejected(f"the page declares charset {charset!r} but cannot be decoded with it ({error})") from None


def _read_jsonl(path: Path, max_bytes: int, collected: datetime) -> Iterator[Article | IngestFailure]:
    with path.open("rb") as stream:
        yield from read_jsonl_stream(stream, str(path), max_bytes, collected)


def read_jsonl_stream(
    stream: BinaryIO, name: str, max_bytes: int = DEFAULT_MAX_BYTES, collected: datetime | None = None
) -> Iterator[Article | IngestFailure]:
    """Articles from JSON Lines read from ``stream`` (a file or stdin); failures are named "``name``:line"."""
    collected = collected or datetime.now(UTC)
    empty = True
    for number, raw in enumerate(stream, start=1):
        if not raw.strip():
            continue
        empty = False
        where = f"{name}:{number}"
        try:
            yield _jsonl_article(raw, where, max_bytes, collected)
        except _Rejected as rejected:
            yield IngestFailure(where, str(rejected))
    if empty:
        yield IngestFailure(name, "empty file")


def _jsonl_article(raw: bytes, where: str, max_bytes: int, collected: datetime) -> Article:
    if len(raw) > max_bytes:
        raise _Rejected(too_big(len(raw), max_bytes))
    try:
        record = json.loads(_decode_utf8(raw))
    except json.JSONDecodeError as error:
        raise _Rejected(f"malformed JSON: {error.msg} at column {error.colno}") from None
    if not isinstance(record, dict):
        raise _Rejected(f"expected a JSON object, got {type(record).__name__}")
    return record_article(record, where, max_bytes, collected)


def record_article(record: dict, where: str, max_bytes: int, collected: datetime) -> Article:
    """An article from a JSON Lines record or a Parquet row: ``text`` required; ``id``, ``title``, ``url``,
    ``source`` (the outlet) and ``published`` (ISO 8601) read when present."""
    text = record.get("text")
    if not isinstance(text, str) or not text.strip():
        raise _Rejected('the record has no "text" string')
    size = len(text.encode("utf-8"))
    if size > max_bytes:
        raise _Rejected(too_big(size, max_bytes))
    published = record.get("published")
    parsed = _parse_date(published)
    if published and parsed is None:
        raise _Rejected(f'"published" {published!r} is not an ISO 8601 date')
    identifier = record.get("id")
    return _article(
        text,
        collected,
        where,
        title=_optional_str(record.get("title")),
        url=_optional_str(record.get("url")),
        outlet=_optional_str(record.get("source")),
        published=parsed,
        source_id=str(identifier) if identifier not in (None, "") else None,
    )


@dataclass
class FeedEntry:
    link: str | None
    title: str | None
    published: date | None
    text: str  # the entry's own summary or content, as text


@dataclass
class Feed:
    title: str | None
    entries: list[FeedEntry]


def _read_feed(path: Path, max_bytes: int, collected: datetime) -> Iterator[Article | IngestFailure]:
    yield from read_feed_bytes(_read_bounded(path, max_bytes), str(path), max_bytes, collected)


def read_feed_bytes(
    raw: bytes, where: str, max_bytes: int = DEFAULT_MAX_BYTES, collected: datetime | None = None
) -> Iterator[Article | IngestFailure]:
    """An article per entry of an RSS, Atom or JSON Feed document, from its summary or content; failures are named
    "``where``#entry"."""
    collected = collected or datetime.now(UTC)
    feed = parse_feed(raw, where)
    if isinstance(feed, IngestFailure):
        yield feed
        return
    for number, entry in enumerate(feed.entries, start=1):
        yield entry_article(entry, f"{where}#{number}", feed.title, max_bytes, collected)


def entry_article(
    entry: FeedEntry, where: str, outlet: str | None, max_bytes: int, collected: datetime
) -> Article | IngestFailure:
    """The article of one feed entry's own summary or content, named ``where``."""
    size = len(entry.text.encode("utf-8"))
    if not entry.text:
        return IngestFailure(where, "the feed entry has no summary or content text")
    if size > max_bytes:
        return IngestFailure(where, too_big(size, max_bytes))
    try:
        return _article(
            entry.text, collected, where, title=entry.title, url=entry.link, outlet=outlet, published=entry.published
        )
    except _Rejected as rejected:
        return IngestFailure(where, str(rejected))


def parse_feed(raw: bytes, where: str) -> Feed | IngestFailure:
    """The entries of an RSS, Atom or JSON Feed document; a page that is not a feed is a failure saying what it is."""
    head = raw[:_SNIFF_BYTES].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if not head:
        return IngestFailure(where, "empty feed")
    if head.startswith(b"{"):
        return _parse_json_feed(raw, where)
    if head.startswith((b"<!doctype html", b"<html")):
        return IngestFailure(where, "an HTML page, not an RSS/Atom/JSON feed (is the URL the site's page, not its feed?)")
    import feedparser

    parsed = feedparser.parse(raw)
    if not parsed.entries:
        problem = f" (invalid XML: {parsed.bozo_exception})" if parsed.bozo else ""
        return IngestFailure(where, f"not an RSS/Atom feed with entries{problem}")
    entries = []
    for entry in parsed.entries:
        body = entry["content"][0].get("value", "") if entry.get("content") else entry.get("summary", "")
        stamp = entry.get("published_parsed") or entry.get("updated_parsed")
        entries.append(
            FeedEntry(
                _optional_str(entry.get("link")),
                _optional_str(entry.get("title")),
                date(stamp.tm_year, stamp.tm_mon, stamp.tm_mday) if stamp else None,
                _markup_to_text(body),
            )
        )
    return Feed(_optional_str(parsed.feed.get("title")), entries)


def _parse_json_feed(raw: bytes, where: str) -> Feed | IngestFailure:
    """A JSON Feed (https://jsonfeed.org, versions 1 and 1.1)."""
    try:
        document = json.loads(_decode_utf8(raw))
    except json.JSONDecodeError as error:
        return IngestFailure(where, f"malformed JSON: {error.msg} at line {error.lineno} column {error.colno}")
    except _Rejected as rejected:
        return IngestFailure(where, str(rejected))
    version = document.get("version") if isinstance(document, dict) else None
    if not isinstance(version, str) or "jsonfeed.org" not in version:
        return IngestFailure(where, 'JSON but not a JSON Feed (no "version" naming https://jsonfeed.org/)')
    items = document.get("items")
    if not isinstance(items, list) or not items:
        return IngestFailure(where, "a JSON Feed without items")
    entries = []
    for item in items:
        if not isinstance(item, dict):
            continue
        text = _optional_str(item.get("content_text")) or _markup_to_text(
            item.get("content_html") or item.get("summary") or ""
        )
        entries.append(
            FeedEntry(
                _optional_str(item.get("url")) or _optional_str(item.get("external_url")),
                _optional_str(item.get("title")),
                _parse_date(item.get("date_published")),
                text or "",
            )
        )
    return Feed(_optional_str(document.get("title")), entries)


def _article(
    text: str,
    collected: datetime,
    source_path: str,
    *,
    title: str | None = None,
    url: str | None = None,
    outlet: str | None = None,
    published: date | None = None,
    source_id: str | None = None,
    author: str | None = None,
) -> Article:
    text = text.lstrip("\ufeff")
    if not text.strip():
        raise _Rejected("empty text")
    if reason := not_english_reason(text):
        raise _Rejected(reason)
    article = Article(
        text=text,
        title=title,
        url=url,
        outlet=outlet,
        published=published,
        source_path=source_path,
        collected=collected,
        source_id=source_id,
        author=_optional_str(author),
    )
    apply_dateline(article)
    return article


def _read_bounded(path: Path, max_bytes: int) -> bytes:
    size = path.stat().st_size
    if size > max_bytes:
        raise _Rejected(too_big(size, max_bytes))
    raw = path.read_bytes()
    if not raw.strip():
        raise _Rejected("empty file")
    return raw


def _decode_utf8(raw: bytes) -> str:
    """Strict UTF-8: guessing a legacy encoding would silently garble names of people and places."""
    if b"\x00" in raw[:_SNIFF_BYTES]:
        raise _Rejected("binary file (contains NUL bytes), not text")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise _Rejected(
            f"not valid UTF-8 (byte 0x{raw[error.start]:02x} at offset {error.start}); "
            "no fallback decoding was tried: convert the file to UTF-8"
        ) from None


def _markup_to_text(markup: str) -> str:
    if "<" not in markup:
        return markup.strip()
    import lxml.html

    try:
        return lxml.html.fromstring(markup).text_content().strip()
    except (ValueError, lxml.etree.ParserError):
        return ""


def _parse_date(value: object) -> date | None:
    if isinstance(value, date):
        return value
    if not isinstance(value, str) or not value.strip():
        return None
    try:
        return datetime.fromisoformat(value.strip().replace("Z", "+00:00")).date()
    except ValueError:
        return None


def _optional_str(value: object) -> str | None:
    return value.strip() or None if isinstance(value, str) else None

