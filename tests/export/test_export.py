import csv
import io
import json
from datetime import date

import pytest

from clashwatch.export import ACLED_COLUMNS, event_from_json, write_events
from clashwatch.records import Claim, Event, Span, Stance

TEXT = "Gunmen attacked an army post near Djenne on Sunday, killing three soldiers, an official said."
SENTENCE = Span.of(TEXT, 0, len(TEXT))


def attack(**overrides) -> Event:
    event = Event(
        id="article1-0",
        event_date=date(2024, 1, 21),
        time_precision=1,
        event_type="Violence against civilians",
        sub_event_type="Attack",
        actor1="Unidentified Armed Group (Mali)",
        inter1=3,
        actor2="Civilians (Mali)",
        inter2=7,
        interaction=37,
        country="Mali",
        iso3="MLI",
        admin1="Mopti",
        location="Djenne",
        latitude=13.9061,
        longitude=-4.5533,
        geo_precision=1,
        fatalities=3,
        weapons=["gun"],
        date_start=date(2024, 1, 21),
        claims=[
            Claim("article1", claimant="an official", stance=Stance.ALLEGED, cue_span=Span.of(TEXT, 86, 90),
                  outlet="Sahel Monitor", published=date(2024, 1, 22), version={"fatalities": 3}, evidence=[SENTENCE]),
            Claim("article2", outlet="Bamako Daily", evidence=[Span(0, 20, "Three soldiers died\nnear Djenne.")]),
        ],
    )
    event.add_evidence("event_type", Span.of(TEXT, 7, 15))
    event.add_evidence("fatalities", Span.of(TEXT, 60, 65))
    for name, value in overrides.items():
        setattr(event, name, value)
    return event


def exported(events: list[Event], fmt: str) -> tuple[str, object]:
    out = io.StringIO()
    summary = write_events(events, fmt, out)
    return out.getvalue(), summary


def test_csv_has_acled_columns_and_fills_what_we_know() -> None:
    unknowns = attack(id="article1-1", fatalities=None, iso3=None, inter2=1, claims=[])
    text, summary = exported([attack(), unknowns], "csv")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert text.splitlines()[0].split(",") == list(ACLED_COLUMNS)
    assert ACLED_COLUMNS[:3] == ("event_id_cnty", "event_date", "year") and ACLED_COLUMNS[-1] == "timestamp"
    assert len(ACLED_COLUMNS) == 31 and summary.written == 2
    first, second = rows
    assert first["event_id_cnty"] == "article1-0" and first["event_date"] == "2024-01-21" and first["year"] == "2024"
    assert first["iso"] == "466" and first["civilian_targeting"] == "Civilian targeting"
    assert first["source"] == "Sahel Monitor; Bamako Daily"
    assert first["notes"] == TEXT + " Three soldiers died near Djenne."
    assert first["latitude"] == "13.9061" and first["fatalities"] == "3" and first["interaction"] == "37"
    assert second["fatalities"] == "0" and second["iso"] == "" and second["civilian_targeting"] == ""
    assert second["source"] == "" and second["notes"] == ""


def test_jsonl_round_trips_every_field() -> None:
    events = [attack(), attack(id="article1-1", latitude=None, longitude=None)]
    text, summary = exported(events, "jsonl")
    lines = text.splitlines()
    assert summary.written == 2 and len(lines) == 2
    assert [event_from_json(json.loads(line)) for line in lines] == events


def test_geojson_is_a_feature_collection_of_points_and_counts_the_unplaced() -> None:
    text, summary = exported([attack(), attack(id="nowhere", latitude=None, longitude=None), attack(id="b")], "geojson")
    collection = json.loads(text)
    assert collection["type"] == "FeatureCollection"
    assert [feature["id"] for feature in collection["features"]] == ["article1-0", "b"]
    feature = collection["features"][0]
    assert feature["geometry"] == {"type": "Point", "coordinates": [-4.5533, 13.9061]}
    assert feature["properties"]["sub_event_type"] == "Attack" and feature["properties"]["claims"] == 2
    assert feature["properties"]["event_date"] == "2024-01-21"
    assert summary.written == 2 and summary.without_coordinates == 1


def test_empty_geojson_still_parses() -> None:
    text, summary = exported([], "geojson")
    assert json.loads(text) == {"type": "FeatureCollection", "features": []} and summary.written == 0


def test_unknown_format() -> None:
    with pytest.raises(ValueError, match="unknown export format"):
        write_events([], "xlsx", io.StringIO())


def test_jsonl_lines_hold_no_character_a_line_splitter_breaks_at() -> None:
    # Found by the round-trip property test: a weapon named "\x85" split the exported line in two.
    event = attack(weapons=["\x85", "\u2028", "\u2029"], location="Dje\u2028nne")
    text, _ = exported([event], "jsonl")
    assert len(text.splitlines()) == 1
    assert event_from_json(json.loads(text)) == event
