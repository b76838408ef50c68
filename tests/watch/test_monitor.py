"""The monitor against a real local news site whose feeds and pages change between polls, with the real coder."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from clashwatch.scale import LocalCoding
from clashwatch.store import Store
from clashwatch.store.watch_models import FetchedUrlRow
from clashwatch.store.watch_state import list_sources
from clashwatch.watch import Monitor, load_sources

LATER = timedelta(hours=1)  # a moment when every source is due again


@pytest.fixture
def store(tmp_path):
    with Store(str(tmp_path / "watch.db")) as opened:
        yield opened


@pytest.fixture
def monitor_of(store, coder):
    monitors = []

    def open_monitor(path, **options):
        monitor = Monitor(store, load_sources(path), LocalCoding(coder), **options).__enter__()
        monitors.append(monitor)
        return monitor

    yield open_monitor
    for monitor in monitors:
        monitor.__exit__(None, None, None)


def test_new_items_are_coded_once_and_old_pages_are_not_fetched_again(site, publish, sources_file, store, monitor_of):
    feed = publish("/news/kharkiv", "/news/mogadishu")
    monitor = monitor_of(sources_file(feed))
    (first,) = monitor.poll()
    assert (first.outcome, first.new, first.pages) == ("new", 2, 2)
    assert first.events >= 2
    publish("/news/kharkiv", "/news/mogadishu", "/news/lagos")  # the feed gains an item
    (second,) = monitor.poll(datetime.now(UTC) + LATER)
    assert (second.outcome, second.new, second.pages) == ("new", 1, 1)
    assert site.hits["/news/kharkiv"] == site.hits["/news/mogadishu"] == site.hits["/news/lagos"] == 1
    assert store.count_articles() == 3
    article = next(article for article in _articles(store) if article.source_path.endswith("/news/lagos"))
    assert article.title == "Traders riot in Lagos market" and article.outlet == "Local Wire"
    assert article.published and article.published and article.source_path.startswith(site.url)


def test_an_unchanged_feed_is_asked_for_conditionally_and_gives_304(site, publish, sources_file, store, monitor_of):
    monitor = monitor_of(sources_file(publish("/news/kharkiv")))
    monitor.poll()
    (again,) = monitor.poll(datetime.now(UTC) + LATER)
    assert again.outcome == "not modified"
    assert site.conditional_hits["/feed.xml"] == 1
    assert site.hits["/news/kharkiv"] == 1
    assert monitor.counts.not_modified == 1


def test_a_source_not_due_is_not_fetched(site, publish, sources_file, monitor_of):
    monitor = monitor_of(sources_file(publish("/news/kharkiv"), interval="1h"))
    monitor.poll()
    assert monitor.poll() == []
    assert site.hits["/feed.xml"] == 1


def test_a_failing_page_is_retried_reported_and_coded_on_a_later_poll(site, publish, sources_file, store, monitor_of):
    feed = publish("/news/kharkiv", "/news/lagos")
    site.resources["/news/lagos"].status = 503
    monitor = monitor_of(sources_file(feed))
    (first,) = monitor.poll()
    assert first.new == 1
    assert [failure.path for failure in first.failures] == [f"{site.url}/news/lagos"]
    assert "HTTP 503" in first.failures[0].reason and "after 2 tries" in first.failures[0].reason
    assert site.hits["/news/lagos"] == 2  # asked again once (retries = 1) before being reported
    site.resources["/news/lagos"].status = 200
    (second,) = monitor.poll(datetime.now(UTC) + LATER)
    # The feed did not change, but its validators were not kept, so it is read whole and the missing item found.
    assert (second.outcome, second.new) == ("new", 1)
    assert store.count_articles() == 2


def test_a_failing_feed_is_reported_and_backed_off_then_recovers(site, publish, sources_file, store, monitor_of):
    feed = publish("/news/kharkiv")
    site.resources["/feed.xml"].status = 500
    monitor = monitor_of(sources_file(feed))
    (first,) = monitor.poll()
    assert first.outcome == "failed" and "HTTP 500" in first.error
    (status,) = list_sources(store)
    assert (status.health, status.error_count) == ("retrying", 1)
    assert status.next_due - status.last_fetch == timedelta(seconds=2)  # twice the interval after one failure
    site.resources["/feed.xml"].status = 200
    (second,) = monitor.poll(datetime.now(UTC) + LATER)
    assert second.new == 1
    assert list_sources(store)[0].health == "ok"


@pytest.mark.parametrize(
    ("body", "content_type", "expected"),
    [
        ("<!doctype html><html><body>Our site</body></html>", "text/html", "an HTML page, not an RSS/Atom/JSON feed"),
        ("<?xml version='1.0'?><rss><channel>&&&<", "application/rss+xml", "invalid XML"),
        ("", "application/rss+xml", "empty feed"),
    ],
)
def test_a_feed_that_is_not_a_feed_is_a_clear_source_error(site, sources_file, monitor_of, body, content_type, expected):
    monitor = monitor_of(sources_file(site.put("/feed.xml", body, content_type)))
    (report,) = monitor.poll()
    assert report.outcome == "failed" and expected in report.error


def test_the_same_story_through_two_feeds_is_one_article(site, stories, sources_file, store, monitor_of):
    headline, paragraphs = stories["/news/kharkiv"]
    site.put_article("/news/kharkiv", headline, paragraphs, canonical="/news/kharkiv")
    # The second feed links the story with a tracking parameter, and the page there differs by a line; both pages
    # name the same canonical URL.
    site.put_article("/news/kharkiv?utm=b", headline, [*paragraphs, "Updated."], canonical="/news/kharkiv")
    first = site.put_feed("/a.xml", "Local Wire", [(headline, "/news/kharkiv")])
    second = site.put_feed("/b.xml", "Other Wire", [(headline, "/news/kharkiv?utm=b")])
    monitor = monitor_of(sources_file(first, second))
    reports = monitor.poll()
    assert [report.new for report in reports] == [1, 0]
    assert "same story" in reports[1].skipped[0][1]
    assert store.count_articles() == 1


def test_a_non_english_page_is_marked_skipped_and_not_fetched_again(site, sources_file, store, monitor_of):
    site.put_article("/fr/attaque", "Attaque", [
        "Des hommes armés ont attaqué un poste de police dans le nord du pays lundi et ont tué trois agents, "
        "selon les autorités locales qui ont annoncé une enquête sur cette attaque meurtrière.",
        "Le gouverneur de la région a condamné une attaque lâche et a promis que les auteurs seraient retrouvés.",
        "Les habitants ont fui vers la ville voisine pendant la nuit, craignant de nouveaux combats dans la zone."])  # fmt: skip
    feed = site.put_feed("/feed.xml", "Wire", [("Attaque", "/fr/attaque")])
    monitor = monitor_of(sources_file(feed))
    (first,) = monitor.poll()
    assert first.new == 0 and "not English" in first.skipped[0][1]
    monitor.poll(datetime.now(UTC) + LATER)
    assert site.hits["/fr/attaque"] == 1
    with store._sessions() as session:
        (row,) = session.scalars(select(FetchedUrlRow))
    assert row.article_id is None and "not English" in row.skipped


def test_a_page_source_is_coded_again_when_its_text_changes(site, stories, sources_file, store, monitor_of):
    page = site.put_article("/live", "Live: Tbilisi", stories["/news/tbilisi"][1])
    monitor = monitor_of(sources_file(page, kind="page"))
    assert monitor.poll()[0].new == 1
    assert monitor.poll(datetime.now(UTC) + LATER)[0].outcome == "not modified"
    site.put_article("/live", "Live: Tbilisi", stories["/news/tbilisi"][1] + stories["/news/lagos"][1])
    assert monitor.poll(datetime.now(UTC) + 2 * LATER)[0].new == 1
    assert store.count_articles() == 2


def test_a_feed_item_without_a_page_is_coded_from_its_own_text(site, stories, sources_file, store, monitor_of):
    text = " ".join(stories["/news/mogadishu"][1])
    feed = site.put(
        "/feed.xml",
        "<?xml version='1.0'?><rss version='2.0'><channel><title>Wire</title><item><title>Car bomb</title>"
        f"<link>{site.url}/gone</link><description>{text}</description></item></channel></rss>",
        "application/rss+xml",
    )
    monitor = monitor_of(sources_file(feed))
    (report,) = monitor.poll()
    assert report.new == 1 and report.events >= 1
    (article,) = _articles(store)
    assert article.source_path == f"{site.url}/gone" and "car bomb" in article.text.lower()


def _articles(store: Store):
    with store._sessions() as session:
        from clashwatch.store.models import ArticleRow

        ids = list(session.scalars(select(ArticleRow.id)))
    return [store.get_article(identifier) for identifier in ids]
