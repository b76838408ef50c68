import csv
import io
import json
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from clashwatch.cli import load_commands
from clashwatch.export import ACLED_COLUMNS
from clashwatch.records import Article, Claim, Event, Span, Stance
from clashwatch.store import Store

runner = CliRunner()


def coded(article: Article, **fields) -> Event:
    sentence = Span.of(article.text, 0, len(article.text))
    claim = Claim(article.id, claimant=fields.pop("claimant", None), outlet=article.outlet, evidence=[sentence])
    if claim.claimant:
        claim.stance = Stance.ALLEGED
    event = Event(claims=[claim], **fields)
    event.add_evidence("sentence", sentence)
    return event


@pytest.fixture()
def db(tmp_path: Path) -> str:
    path = str(tmp_path / "events.db")
    clash_text = "Armenian and Azerbaijani troops exchanged fire near Jermuk, the Armenian defence ministry said."
    clash = Article(clash_text, outlet="Test Wire")
    riot_text = "Traders threw stones at police in the Oshodi market in Lagos."
    riot = Article(riot_text, outlet="West Africa Digest")
    with Store(path) as store:
        store.save_article(clash, [coded(
            clash, event_date=date(2022, 9, 13), event_type="Battles", sub_event_type="Armed clash",
            actor1="Military Forces of Azerbaijan (2003-)", actor2="Military Forces of Armenia (2018-)",
            country="Armenia", iso3="ARM", location="Jermuk", latitude=39.84, longitude=45.67, fatalities=0,
            claimant="the Armenian defence ministry",
        )])
        store.save_article(riot, [coded(
            riot, event_date=date(2024, 2, 12), event_type="Riots", sub_event_type="Violent demonstration",
            actor1="Rioters (Nigeria)", actor2="Police Forces of Nigeria (2023-)", country="Nigeria", iso3="NGA",
            location="Lagos",
        )])
    return path


def invoke(*args: str):
    # Wide enough that Rich does not fold table cells across lines.
    return runner.invoke(load_commands(), list(args), env={"COLUMNS": "300"})


def test_events_table(db: str) -> None:
    result = invoke("events", "--db", db)
    assert result.exit_code == 0, result.output
    assert "Armed clash" in result.stdout and "Violent demonstration" in result.stdout
    assert "the Armenian defence ministry (alleged)" in result.stdout
    assert "West Africa Digest (asserted)" in result.stdout
    assert "2 of 2 matching events" in result.stdout


def test_events_json_with_filters(db: str) -> None:
    result = invoke("events", "--db", db, "--format", "json", "--country", "NGA")
    assert result.exit_code == 0, result.output
    [event] = json.loads(result.stdout)
    assert event["sub_event_type"] == "Violent demonstration" and event["claims"][0]["outlet"] == "West Africa Digest"
    for args, expected in (
        (("--type", "Battles"), ["Armed clash"]),
        (("--since", "2023-01-01"), ["Violent demonstration"]),
        (("--until", "2023-01-01"), ["Armed clash"]),
        (("--actor", "rioters"), ["Violent demonstration"]),
        (("--query", "Jermuk"), ["Armed clash"]),
        (("--sub-type", "Armed clash", "--country", "Nigeria"), []),
    ):
        result = invoke("events", "--db", db, "--format", "json", *args)
        assert [e["sub_event_type"] for e in json.loads(result.stdout)] == expected, args


def test_export_csv_to_file(db: str, tmp_path: Path) -> None:
    out = tmp_path / "events.csv"
    result = invoke("export", "--format", "csv", "--db", db, "--out", str(out))
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))
    assert out.read_text(encoding="utf-8").splitlines()[0] == ",".join(ACLED_COLUMNS)
    assert [row["location"] for row in rows] == ["Jermuk", "Lagos"]  # oldest first
    assert rows[0]["iso"] == "51" and rows[1]["source"] == "West Africa Digest"
    assert "exported 2 events as csv" in result.stderr


def test_export_geojson_to_stdout_counts_unplaced(db: str) -> None:
    result = invoke("export", "--format", "geojson", "--db", db)
    assert result.exit_code == 0, result.output
    collection = json.loads(result.stdout)
    assert [f["properties"]["location"] for f in collection["features"]] == ["Jermuk"]
    assert "left out 1 events without coordinates" in result.stderr


def test_export_jsonl_with_filter(db: str) -> None:
    result = invoke("export", "--format", "jsonl", "--db", db, "--type", "Riots")
    lines = result.stdout.splitlines()
    assert result.exit_code == 0 and len(lines) == 1 and json.loads(lines[0])["location"] == "Lagos"
