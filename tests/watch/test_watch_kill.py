"""``clashwatch watch`` killed with SIGKILL mid-poll, then started again, stores exactly what a clean run stores."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from clashwatch.store import Store

ITEMS_PER_FEED = 6


def _watch(sources: Path, db: Path) -> subprocess.Popen:
    command = [sys.executable, "-c", "from clashwatch.cli import main; main()", "watch", str(sources), "--db", str(db), "--once",
               "--batch-size", "2", "--no-live"]  # fmt: skip
    return subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)


def _stored(db: Path) -> tuple[list[str], list[tuple]]:
    with Store(str(db)) as store:
        events = [
            (event.event_type, event.sub_event_type, event.country, tuple(sorted({c.article_id for c in event.claims})))
            for event in store.iter_events()
        ]
        with store._sessions() as session:
            from sqlalchemy import select

            from clashwatch.store.models import ArticleRow

            articles = sorted(session.scalars(select(ArticleRow.id)))
    return articles, sorted(events, key=repr)


def _count_articles(db: Path) -> int:
    if not db.exists():
        return 0
    import sqlite3

    try:
        with sqlite3.connect(db, timeout=1) as connection:
            return connection.execute("select count(*) from articles").fetchone()[0]
    except sqlite3.OperationalError:  # the schema is not there yet
        return 0


@pytest.mark.slow
def test_kill_9_mid_poll_then_restart_gives_the_clean_runs_articles_and_events(site, stories, sources_file, tmp_path):
    feeds = []
    for feed_number, story in enumerate(("/news/kharkiv", "/news/mogadishu")):
        headline, paragraphs = stories[story]
        items = []
        for item in range(ITEMS_PER_FEED):
            path = f"{story}-{item}"
            # Distinct texts (their own articles) with the same story; each page is slow, so a poll takes seconds.
            site.put_article(path, headline, [*paragraphs, f"Reporting by desk {feed_number}-{item}."])
            site.resources[path].delay_s = 0.2
            items.append((headline, path))
        feeds.append(site.put_feed(f"/feed-{feed_number}.xml", "Local Wire", items))
    sources = sources_file(*feeds, interval="1h")

    clean_db = tmp_path / "clean.db"
    clean = _watch(sources, clean_db)
    assert clean.wait(timeout=300) == 0, clean.stdout.read()

    killed_db = tmp_path / "killed.db"
    victim = _watch(sources, killed_db)
    deadline = time.monotonic() + 300
    while _count_articles(killed_db) < 3 and victim.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    assert victim.poll() is None, "the run ended before it could be killed mid-poll"
    os.kill(victim.pid, signal.SIGKILL)
    victim.wait()
    assert 3 <= _count_articles(killed_db) < 2 * ITEMS_PER_FEED

    resumed = _watch(sources, killed_db)
    output = resumed.communicate(timeout=300)[0]
    assert resumed.returncode == 0, output
    clean_articles, clean_events = _stored(clean_db)
    assert len(clean_articles) == 2 * ITEMS_PER_FEED
    assert _stored(killed_db) == (clean_articles, clean_events)
