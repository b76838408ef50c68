"""A database coded by the real coder from the bundled samples, one contested event, and one hostile article."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from clashwatch.api import create_app
from clashwatch.ingest import read_paths
from clashwatch.paths import PACKAGE_DATA, SAMPLES
from clashwatch.records import Article
from clashwatch.store import Store

TOKEN = "test-token-7f3a"
HOSTILE_TEXT = (
    "Gunmen attacked a police station in Maiduguri, Nigeria, on Monday, killing three officers, police said. "
    '<script>window.__pwned = "script";</script> '
    '<img src="x" onerror="window.__pwned = &quot;img&quot;"> '
    "Residents said the attackers fled towards the Sambisa forest."
)


def hostile_article() -> Article:
    return Article(
        text=HOSTILE_TEXT,
        title='<img src=x onerror="window.__pwned=1">Maiduguri police station attacked',
        url="javascript:window.__pwned=1",
        outlet="Test <b>Wire</b>",
    )


WIRE_FEED = "https://wire.example.org/rss.xml"
DOWN_FEED = "https://down.example.org/feed.xml"


@pytest.fixture(scope="session")
def coded_db(tmp_path_factory, coder) -> Path:
    """The samples, two opposing accounts of one clash (merged into a contested event) and the hostile article."""
    path = tmp_path_factory.mktemp("api") / "events.db"
    with Store(str(path)) as store:
        for article in read_paths([str(SAMPLES)]):
            store.save_article(article, coder.code(article))
        accounts = [
            next(article for article in read_paths([str(PACKAGE_DATA / "link-examples" / name)]))
            for name in ("armenia-view-2022-09-13.txt", "azerbaijan-view-2022-09-13.txt")
        ]
        first, second = (store.save_article(account, coder.code(account)).event_ids[0] for account in accounts)
        # What the link stage does when two sources tell one clash differently.
        store.merge_events(first, second)
        contested = store.get_event(first)
        contested.contested = True
        store.update_event(contested)
        store.save_article(hostile := hostile_article(), coder.code(hostile))
        _followed_sources(store)
    return path


def _followed_sources(store: Store) -> None:
    """Two sources as `clashwatch watch` leaves them: one healthy, one failing three polls in a row."""
    from datetime import UTC, datetime

    from clashwatch.store.watch_state import record_failure, record_success, sync_sources

    now = datetime(2026, 12, 1, 8, 30, tzinfo=UTC)
    sync_sources(store, [(WIRE_FEED, "feed", "Example Wire", 900), (DOWN_FEED, "feed", None, 900)])
    record_success(store, WIRE_FEED, now, '"v1"', None, new_articles=3)
    for _ in range(3):
        record_failure(store, DOWN_FEED, now, "HTTP 503 Service Unavailable (after 3 tries)")


@pytest.fixture(scope="session")
def store(coded_db) -> Store:
    with Store(str(coded_db)) as opened:
        yield opened


@pytest.fixture(scope="session")
def token() -> str:
    return TOKEN


@pytest.fixture(scope="session")
def auth() -> dict[str, str]:
    return {"Authorization": f"Bearer {TOKEN}"}


@pytest.fixture(scope="session")
def client(store) -> TestClient:
    with TestClient(create_app(store, token=TOKEN)) as test_client:
        yield test_client


@pytest.fixture(scope="session")
def contested_id(store) -> str:
    from clashwatch.store.queries import EventQuery, event_page

    # The event two articles tell differently; others are contested within one article, by two claimants.
    contested = [store.get_event(event.id) for event in event_page(store, EventQuery(contested_only=True)).events]
    (event,) = [event for event in contested if len({claim.article_id for claim in event.claims}) == 2]
    return event.id


@pytest.fixture(scope="session")
def hostile_id() -> str:
    return hostile_article().id


@pytest.fixture(scope="session")
def server(coded_db, tmp_path_factory, serving):
    """`clashwatch serve` over the coded database in a subprocess on a free local port; yields its base URL."""
    with serving(coded_db, tmp_path_factory.mktemp("serve") / "serve.log") as base:
        yield base
