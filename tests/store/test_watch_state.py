"""Monitoring state in a real SQLite store: fetched URLs stored with their article, source health."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from clashwatch.records import Article
from clashwatch.store import EventFilter, Store
from clashwatch.store.watch_state import due_sources, list_sources, record_failure, record_success, sync_sources


def test_an_article_fetched_over_http_stores_its_url_and_canonical_url(tmp_path):
    with Store(str(tmp_path / "w.db")) as store:
        page = Article("Three people were killed.", url="https://news.test/story", source_path="https://feed.test/a?x=1")
        store.save_article(page, [])
        assert store.fetched_urls(["https://feed.test/a?x=1", "https://news.test/story", "https://other"]) == {
            "https://feed.test/a?x=1",
            "https://news.test/story",
        }
        store.skip_url("https://feed.test/fr", "not English")
        assert store.fetched_urls(["https://feed.test/fr"]) == {"https://feed.test/fr"}
        future = datetime.now(UTC) + timedelta(hours=1)
        assert store.count_events(EventFilter(added_since=future)) == 0


def test_source_health_and_backoff(tmp_path):
    now = datetime(2026, 12, 6, 12, tzinfo=UTC)
    with Store(str(tmp_path / "w.db")) as store:
        sync_sources(store, [("https://a.test/feed", "feed", "A", 600), ("https://b.test/feed", "feed", None, 600)])
        assert [source.url for source in due_sources(store, now)] == ["https://a.test/feed", "https://b.test/feed"]
        record_success(store, "https://a.test/feed", now, '"e1"', None, new_articles=2)
        for _ in range(3):
            record_failure(store, "https://b.test/feed", now, "HTTP 500")
        sources = {source.url: source for source in list_sources(store)}
        assert (sources["https://a.test/feed"].health, sources["https://a.test/feed"].articles) == ("ok", 2)
        assert sources["https://b.test/feed"].health == "failing"
        assert sources["https://b.test/feed"].next_due == now + timedelta(seconds=600 * 8)
        assert due_sources(store, now + timedelta(seconds=601)) == [sources["https://a.test/feed"]]
