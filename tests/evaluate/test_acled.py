"""The ACLED evaluator: note cleaning, the fixed half split, scoring, and a real classifier-only run."""

from __future__ import annotations

import csv
from datetime import date

import pytest

from clashwatch.evaluate.acled import (
    NO_EVENT,
    AcledRow,
    Prediction,
    actor_name,
    clean_note,
    evaluate_acled,
    half_of,
    score,
)


def _row(event_id, sub_event_type="Armed clash", event_type="Battles", fatalities=0, lat=10.0, lon=10.0):
    return AcledRow(event_id, date(2022, 1, 1), event_type, sub_event_type, "Military Forces of X (2019-)", "", "Xland", lat, lon, fatalities, "n")


def test_clean_note_drops_size_tag_and_category_label():
    note = "Displacement: On 8 May 2022, 173 civilians were evacuated from Mariupol. [size=no report]"
    assert clean_note(note) == "On 8 May 2022, 173 civilians were evacuated from Mariupol."
    assert clean_note("On 2 May, Police: no comment.") == "On 2 May, Police: no comment."


def test_actor_names_compare_without_regime_dates():
    assert actor_name("Military Forces of Russia (2000-)") == actor_name("military forces of russia")


def test_halves_are_disjoint_fixed_and_complete():
    rows = [_row(f"EV{i}") for i in range(200)]
    first, second = half_of(rows, "first"), half_of(rows, "second")
    assert len(first) + len(second) == 200 and not {r.event_id for r in first} & {r.event_id for r in second}
    assert 60 < len(first) < 140
    assert [r.event_id for r in half_of(list(reversed(rows)), "first")] == [r.event_id for r in reversed(first)]


def test_score_counts_no_event_location_and_fatalities():
    rows = [_row("A", fatalities=2), _row("B", "Peaceful protest", "Protests"), _row("C", lat=None, lon=None)]
    predictions = [
        Prediction("Battles", "Armed clash", actor1="Military Forces of X", country="Xland", latitude=10.1, longitude=10.0, fatalities=2),
        Prediction(),
        Prediction("Battles", "Attack", inter1=1, inter2=7, latitude=30.0, longitude=30.0),
    ]
    report = score(rows, predictions, 1.0)
    assert report["battles_with_civilian_side"] == 1
    assert report["n"] == 3
    assert report["event_type"]["accuracy"] == pytest.approx(2 / 3)
    assert report["sub_event_type"]["accuracy"] == pytest.approx(1 / 3)
    assert report["no_event_rate"] == pytest.approx(1 / 3)
    assert report["actor1_match"] == pytest.approx(1 / 3)
    assert report["location_within_25km"] == pytest.approx(1 / 2)  # row C has no gold coordinates
    assert report["fatalities"]["exact_match"] == 1.0
    assert report["fatalities"]["zero_nonzero_f1"] == 1.0
    assert predictions[1].event_type == NO_EVENT


def test_classifier_only_on_a_csv_of_our_own(tmp_path):
    path = tmp_path / "events.csv"
    rows = [
        ("E1", "Protests", "Peaceful protest", "On 3 May 2022, about 200 nurses protested in Lagos, demanding unpaid wages.", 0),
        ("E2", "Battles", "Armed clash", "On 4 May 2022, soldiers clashed with militants near Gao. Four militants were killed.", 4),
        ("E3", "Explosions/Remote violence", "Air/drone strike", "On 5 May 2022, an air strike hit a rebel camp.", 0),
    ]
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["event_id_cnty", "event_date", "event_type", "sub_event_type", "notes", "fatalities"])
        for event_id, event_type, sub_event_type, notes, fatalities in rows:
            writer.writerow([event_id, "2022-05-03", event_type, sub_event_type, notes, fatalities])
    report = evaluate_acled(path, classifier_only=True)
    assert report["n"] == 3 and report["scope"] == "classifier only"
    assert report["sub_event_type"]["accuracy"] == 1.0
    assert report["fatalities"]["exact_match"] == 1.0


@pytest.mark.slow
def test_classifier_only_on_acled_dev_sample(eval_data):
    path = eval_data / "acled-2022-sample" / "acled_global_2022H1_dev.csv"
    if not path.is_file():
        pytest.skip(f"{path} not found")
    report = evaluate_acled(path, limit=150, half="second", classifier_only=True)
    assert report["n"] == 150
    assert report["event_type"]["accuracy"] > 0.7
    assert report["fatalities"]["exact_match"] > 0.85
