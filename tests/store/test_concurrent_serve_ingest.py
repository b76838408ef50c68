"""`clashwatch serve` answers reads while `clashwatch ingest` writes the same store (SQLite, then PostgreSQL): real
processes, no "database is locked", and no event seen half-written."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import httpx
import pytest

from clashwatch.ingest import read_paths
from clashwatch.paths import PACKAGE_DATA
from clashwatch.records import Article

ARTICLES = 48
CLI = [sys.executable, "-c", "from clashwatch.cli import main; main()"]


def write_articles(path) -> None:
    texts = [item.text for item in read_paths([PACKAGE_DATA / "samples", PACKAGE_DATA / "link-examples"])
             if isinstance(item, Article)]  # fmt: skip
    with path.open("w", encoding="utf-8") as out:
        for number in range(ARTICLES):
            # A distinct closing line makes each a new article (articles are identified by their text).
            text = f"{texts[number % len(texts)]}\n\nReport {number} of the digest."
            out.write(json.dumps({"id": f"r{number}", "text": text}) + "\n")


def whole(detail: dict) -> bool:
    """An event as the store holds it once its batch committed: its claims, and evidence from their articles."""
    article_ids = {claim["article_id"] for claim in detail["claims"]}
    return bool(detail["claims"]) and all(item["article_id"] in article_ids for item in detail["evidence"])


@pytest.mark.slow
def test_reads_while_ingest_writes_see_only_whole_events(tmp_path, serving, store_url):
    db = store_url
    articles = tmp_path / "articles.jsonl"
    write_articles(articles)
    environment = {key: value for key, value in os.environ.items() if key != "CLASHWATCH_TOKEN"}
    # The store must exist before the server opens it: a first ingest of one article creates it.
    first = tmp_path / "first.jsonl"
    first.write_text(articles.read_text(encoding="utf-8").splitlines()[0] + "\n", encoding="utf-8")
    subprocess.run([*CLI, "ingest", "--db", str(db), "--no-link", str(first)], env=environment, check=True,
                   capture_output=True, timeout=300)  # fmt: skip
    serve_log = tmp_path / "serve.log"
    with serving(db, serve_log) as base:
        ingest = subprocess.Popen([*CLI, "ingest", "--db", str(db), "--no-link", "--batch-size", "2", str(articles)],
                                  env=environment, stdout=subprocess.PIPE, stderr=subprocess.PIPE)  # fmt: skip
        try:
            seen: dict[str, dict] = {}
            reads = 0
            with httpx.Client(base_url=base, timeout=30) as client:
                while ingest.poll() is None or reads == 0:
                    page = client.get("/api/events", params={"limit": 200, "sort": "-event_date"})
                    assert page.status_code == 200, page.text
                    reads += 1
                    for summary in page.json()["events"]:
                        if summary["id"] in seen:
                            continue
                        detail = client.get(f"/api/events/{summary['id']}")
                        assert detail.status_code == 200, detail.text
                        assert whole(detail.json()), detail.json()
                        seen[summary["id"]] = detail.json()
                final = {event_id: client.get(f"/api/events/{event_id}").json() for event_id in seen}
            _, errors = ingest.communicate(timeout=60)
        finally:
            if ingest.poll() is None:
                ingest.kill()
                ingest.wait()
    assert ingest.returncode == 0, errors.decode(errors="replace")
    assert b"locked" not in errors
    assert reads > 1 and len(seen) > 10
    # Nothing links or edits events in this run: an event read mid-run is the event as finally stored.
    assert all(seen[event_id] == final[event_id] for event_id in seen)
    assert "locked" not in serve_log.read_text(errors="replace")
