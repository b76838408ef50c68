"""The time stage against human annotation (skips when ../shared/eval-data is absent)."""

from datetime import date

from clashwatch.evaluate.temporal import evaluate_acled_dates, evaluate_temporal, read_timeml, strip_acled_lead_in


def test_timeml_reader_keeps_offsets_and_anchor(eval_data):
    document = read_timeml(eval_data / "temporal" / "aquaint-timeml" / "APW19980807.0261.tml")
    assert document.anchor == date(1998, 8, 7)
    assert all(document.text[gold.start : gold.end] == gold.text for gold in document.gold)
    assert document.gold[0].text == "Friday" and document.gold[0].value == "1998-08-07"


def test_aquaint_recognition_and_values(eval_data):
    report = evaluate_temporal(eval_data / "temporal" / "aquaint-timeml", limit=20)
    assert report.documents == 20
    assert report.relaxed.f1 > 0.85
    assert report.value.f1 > 0.7


def test_wikiwars_narrative_values(eval_data):
    report = evaluate_temporal(eval_data / "temporal" / "wikiwars", limit=3)
    assert report.relaxed.f1 > 0.8 and report.value.f1 > 0.7


def test_acled_lead_in_is_removed_and_dates_are_scored(eval_data):
    assert strip_acled_lead_in("On 3 January 2022, rebels attacked.") == "rebels attacked."
    assert strip_acled_lead_in("Displacement: Around 5 March 2022 (week of), in Cauca, families fled.") == "in Cauca, families fled."
    report = evaluate_acled_dates(eval_data / "acled-2022-sample" / "acled_global_2022H1_dev.csv", limit=200)
    assert report.events == 200
    assert 0.0 <= report.exact <= 1.0 and sum(report.rules.values()) == 200
