"""`clashwatch watch`, `sources` and `ingest URL` against the local news site, and the API's view of the sources."""

from __future__ import annotations

import json
import time
from datetime import UTC, datetime

from fastapi.testclient import TestClient
from typer.testing import CliRunner

from clashwatch.cli import load_commands
from clashwatch.store import Store

runner = CliRunner()


def cli(*args: str):
    return runner.invoke(load_commands(), list(args), env={"COLUMNS": "300"})


def test_watch_once_codes_the_feed_and_sources_lists_its_health(site, publish, sources_file, tmp_path):
    db = str(tmp_path / "watch.db")
    feed = publish("/news/kharkiv", "/news/mogadishu")
    broken = site.put("/broken.xml", "<!doctype html><html><body>home page</body></html>", "text/html")
    result = cli("watch", str(sources_file(feed, broken)), "--db", db, "--once", "--no-live")
    assert result.exit_code == 0, result.output
    assert "new articles 2" in result.stdout and "failed 1" in result.stdout
    assert f"{feed}: new; pages 2, new 2" in result.stderr
    assert "an HTML page, not an RSS/Atom/JSON feed" in result.stderr
    listing = cli("sources", "--db", db)
    assert listing.exit_code == 0, listing.output
    lines = {line.split()[1]: line for line in listing.stdout.splitlines() if "127.0.0.1" in line}
    assert " ok " in lines[feed] and " 2 " in lines[feed]
    assert " retrying " in lines[broken]


def test_watch_rejects_a_broken_sources_file_by_name(tmp_path):
    path = tmp_path / "sources.toml"
    path.write_text('[[source]]\nurl = "ftp://example.org/feed"\n')
    result = cli("watch", str(path), "--db", str(tmp_path / "x.db"), "--once")
    assert result.exit_code == 2
    assert "source 1: url must be an http(s) URL" in result.output


def test_ingest_url_fetches_a_feeds_pages_and_a_page(site, publish, stories, tmp_path):
    db = str(tmp_path / "ingest.db")
    feed = publish("/news/kharkiv", "/news/mogadishu")
    page = site.put_article("/news/lagos", *stories["/news/lagos"])
    result = cli("ingest", feed, page, f"{site.url}/missing", "--db", db)
    assert result.exit_code == 1, result.output  # one input failed
    assert "articles read 3, new 3" in result.stdout
    assert f"{site.url}/missing: HTTP 404" in result.stderr
    again = cli("ingest", feed, "--db", db)
    assert "new 0, duplicate 2" in again.stdout


def test_alerts_write_matching_new_events_to_a_jsonl_file(site, publish, sources_file, tmp_path):
    db = str(tmp_path / "alerts.db")
    rules = tmp_path / "rules.toml"
    rules.write_text(
        '[[rule]]\nname = "deadly in Somalia"\ncountries = ["SOM"]\nmin_fatalities = 1\n\n'
        '[[rule]]\nname = "protests"\nevent_types = ["Protests"]\n\n'
        '[output]\njsonl = "alerts.jsonl"\n'
    )
    feed = publish("/news/mogadishu", "/news/kharkiv")
    result = cli("watch", str(sources_file(feed)), "--db", db, "--once", "--no-live", "--alerts", str(rules))
    assert result.exit_code == 0, result.output
    alerts = [json.loads(line) for line in (tmp_path / "alerts.jsonl").read_text().splitlines()]
    assert alerts and all(alert["rule"] == "deadly in Somalia" for alert in alerts)
    assert all(alert["iso3"] == "SOM" and alert["fatalities"] >= 1 for alert in alerts)
    assert f"alerts {len(alerts)}" in result.stdout


def test_alert_rules_with_an_unknown_event_type_are_refused(tmp_path, site, publish, sources_file):
    rules = tmp_path / "rules.toml"
    rules.write_text('[[rule]]\nname = "x"\nevent_types = ["Battle"]\n')
    result = cli("watch", str(sources_file(publish("/news/kharkiv"))), "--db", str(tmp_path / "x.db"),
                 "--once", "--alerts", str(rules))  # fmt: skip
    assert result.exit_code == 2 and "unknown event_types 'Battle'" in result.output


def test_the_api_lists_sources_and_polls_events_added_since(site, publish, sources_file, tmp_path):
    from clashwatch.api import create_app

    db = str(tmp_path / "api.db")
    cli("watch", str(sources_file(publish("/news/kharkiv"))), "--db", db, "--once", "--no-live")
    with Store(db) as store, TestClient(create_app(store)) as client:
        (source,) = client.get("/api/sources").json()
        assert (source["health"], source["articles"], source["kind"]) == ("ok", 1, "feed")
        first = client.get("/api/events").json()
        assert first["events"]
        nothing_new = client.get("/api/events", params={"added_since": first["as_of"]}).json()
        assert nothing_new["events"] == []
        before = datetime.now(UTC).isoformat()
    time.sleep(1.1)  # the feed's interval is a second: let it fall due again
    cli("watch", str(sources_file(publish("/news/kharkiv", "/news/lagos"), interval="1s")), "--db", db, "--once",
        "--no-live")  # fmt: skip
    with Store(db) as store, TestClient(create_app(store)) as client:
        new = client.get("/api/events", params={"added_since": before}).json()["events"]
        assert new and all(event["country"] == "Nigeria" for event in new)


def test_the_live_view_draws_the_sources_table_and_the_runs_totals(site, publish, sources_file, tmp_path):
    result = cli("watch", str(sources_file(publish("/news/kharkiv"))), "--db", str(tmp_path / "live.db"), "--once",
                 "--live")  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "health" in result.stderr and " ok " in result.stderr
    assert "this run: fetched 1, new 1" in result.stderr
