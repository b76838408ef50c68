"""One poll of one source: fetch it (conditionally), and turn what is new into articles.

A feed gives its items' links; each link not fetched before is fetched and its article text, title, author, date
and canonical URL are extracted from the page. A page source is itself the article, coded again when its text
changes. Nothing is stored here: the monitor saves the harvest's articles, and only then the source's new
validators, so a crash between the two fetches the feed again instead of losing its items.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from urllib.parse import urljoin, urlsplit

from clashwatch.ingest.fetch import Fetcher, FetchError, FetchResult, Validators
from clashwatch.ingest.readers import FeedEntry, IngestFailure, entry_article, parse_feed, read_html_bytes
from clashwatch.records import Article
from clashwatch.watch.sources import Source

_FEED_TYPES = ("xml", "rss", "atom", "json")
# A feed item's own text stands in for its page only when the page gives nothing and the item says this much.
_MIN_FALLBACK_CHARS = 200

KnownUrls = Callable[[list[str]], set[str]]


@dataclass
class FetchedItem:
    """One new item of a source, as fetched: its page, or why there is none."""

    link: str
    entry: FeedEntry | None = None  # the feed item; None for a page source
    outlet: str | None = None  # the feed's title
    page: FetchResult | None = None
    problem: str | None = None  # why the page could not be had, for good (gone, refused by robots.txt)


@dataclass
class Harvest:
    source: Source
    items: list[FetchedItem] = field(default_factory=list)
    failures: list[IngestFailure] = field(default_factory=list)  # items that failed this time; asked again next poll
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (url, why): pages that will never give an article
    validators: Validators | None = None  # to keep for the next conditional GET; None: keep the stored ones
    error: str | None = None  # the source itself could not be fetched or read
    not_modified: bool = False
    pages: int = 0  # HTTP fetches of item pages

    @property
    def complete(self) -> bool:
        """Whether every new item was dealt with, so the feed's validators may be stored and it not read again."""
        return self.error is None and not self.failures

    def articles(self, known: KnownUrls, max_bytes: int) -> list[Article]:
        """The articles of the fetched items (text extraction is CPU work, so it is done by the thread that codes,
        not the one that fetches); items that give none are added to ``skipped``."""
        articles = []
        for item in self.items:
            article = self._article(item, known, max_bytes)
            if article is not None:
                articles.append(article)
        return articles

    def _article(self, item: FetchedItem, known: KnownUrls, max_bytes: int) -> Article | None:
        if item.entry is None:  # a page source: the page is the article, or the source failed
            page = _page_article(item.page, item.link, max_bytes)
            if isinstance(page, IngestFailure):
                self.error = page.reason
                return None
            return page
        if item.page is None and item.problem is None:  # a feed whose items are coded from their own text
            article = _entry_articles(item.link, item.entry, item.outlet, max_bytes)
            if isinstance(article, IngestFailure):
                self.skipped.append((item.link, article.reason))
                return None
            return article
        page = _page_article(item.page, item.link, max_bytes) if item.page is not None else None
        if page is None or isinstance(page, IngestFailure):
            return self._fallback(item, item.problem or page.reason, max_bytes)
        canonical = page.url
        if canonical and canonical != item.link and canonical in known([canonical]):
            self.skipped.append((item.link, f"the same story as {canonical}, already stored"))
            return None
        # The feed knows the item's title and date even when the page's metadata does not.
        entry = item.entry
        return replace(page, title=page.title or entry.title, outlet=page.outlet or item.outlet,
                       published=page.published or entry.published, id=page.id)  # fmt: skip

    def _fallback(self, item: FetchedItem, reason: str, max_bytes: int) -> Article | None:
        """The item's own text when its page gives none (gone, refused by robots.txt, no text), else a skip."""
        if len(item.entry.text) >= _MIN_FALLBACK_CHARS and "not English" not in reason:
            article = _entry_articles(item.link, item.entry, item.outlet, max_bytes)
            if isinstance(article, Article):
                return article
            reason = f"{reason}; the feed item's own text: {article.reason}"
        self.skipped.append((item.link, reason))
        return None


async def harvest(fetcher: Fetcher, source: Source, validators: Validators, known: KnownUrls) -> Harvest:
    """What ``source`` has that is new, fetched; ``known(urls)`` says which item URLs are stored or claimed."""
    result = Harvest(source)
    try:
        fetched = await fetcher.fetch(source.url, validators)
    except FetchError as error:
        result.error = error.reason
        return result
    if fetched.not_modified:
        result.not_modified = True
        return result
    if source.kind == "page":
        result.items.append(FetchedItem(source.url, page=fetched))
    else:
        await _fetch_items(fetcher, fetched, known, result, follow=source.follow)
    if result.error is None:
        result.validators = fetched.validators
    return result


async def fetch_once(fetcher: Fetcher, url: str, max_bytes: int) -> list[Article | IngestFailure]:
    """The articles at ``url`` for ``clashwatch ingest URL``: a feed's items' pages, or the page itself."""
    try:
        fetched = await fetcher.fetch(url)
    except FetchError as error:
        return [IngestFailure(url, error.reason)]
    if not _looks_like_feed(fetched):
        return [_page_article(fetched, url, max_bytes)]
    result = Harvest(Source(url))
    await _fetch_items(fetcher, fetched, lambda urls: set(), result, follow=True)
    articles = result.articles(lambda urls: set(), max_bytes)
    if result.error:
        return [IngestFailure(url, result.error)]
    skipped = [IngestFailure(item_url, reason) for item_url, reason in result.skipped]
    return [*articles, *result.failures, *skipped]


async def _fetch_items(fetcher: Fetcher, fetched: FetchResult, known: KnownUrls, result: Harvest, follow: bool) -> None:
    feed = parse_feed(fetched.body, fetched.url)
    if isinstance(feed, IngestFailure):
        result.error = feed.reason
        return
    entries: dict[str, FeedEntry] = {}
    for entry in feed.entries:
        if entry.link and urlsplit(link := urljoin(fetched.final_url, entry.link)).scheme in ("http", "https"):
            entries.setdefault(link, entry)
    stored = known(list(entries))
    items = [FetchedItem(link, entry, feed.title) for link, entry in entries.items() if link not in stored]
    if follow:
        await asyncio.gather(*(_fetch_page(fetcher, item, result) for item in items))
        items = [item for item in items if item.page is not None or item.problem is not None]
    result.items.extend(items)


async def _fetch_page(fetcher: Fetcher, item: FetchedItem, result: Harvest) -> None:
    result.pages += 1
    try:
        item.page = await fetcher.fetch(item.link)
    except FetchError as error:
        if error.transient:
            result.failures.append(IngestFailure(item.link, error.reason))
        else:
            item.problem = error.reason


def _entry_articles(link: str, entry: FeedEntry, outlet: str | None, max_bytes: int) -> Article | IngestFailure:
    """The article of one feed item's own text, named by its link so the link is stored as fetched with it."""
    return entry_article(replace(entry, link=link), link, outlet, max_bytes, datetime.now(UTC))


def _page_article(fetched: FetchResult, url: str, max_bytes: int) -> Article | IngestFailure:
    media_type = fetched.content_type or ""
    if media_type and not (media_type.startswith("text/") or "html" in media_type):
        return IngestFailure(url, f"a {media_type} document, not a web page")
    return read_html_bytes(fetched.body, url, max_bytes, charset=fetched.charset)


def _looks_like_feed(fetched: FetchResult) -> bool:
    media_type = fetched.content_type or ""
    if any(kind in media_type for kind in _FEED_TYPES) and "html" not in media_type:
        return True
    head = fetched.body[:512].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return head.startswith((b"<?xml", b"<rss", b"<feed")) or (head.startswith(b"{") and b"jsonfeed" in head)
