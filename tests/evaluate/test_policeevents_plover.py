"""Police-action labels on hand-written sentences, and small real runs of both evaluators when the data is present."""

from __future__ import annotations

import json

import pytest

from clashwatch.evaluate.plover import NO_EVENT, evaluate_plover, expected_answer, gold_codes
from clashwatch.evaluate.policeevents import evaluate_policeevents, sentence_labels


@pytest.mark.parametrize(
    ("text", "labels"),
    [
        ("two persons were killed when police opened fire on the mob.", {"KILL", "FORCE", "ANY_ACTION"}),
        ("the police arrested 12 people for rioting.", {"ARREST", "ANY_ACTION"}),
        ("police burst teargas shells to disperse the crowd.", {"FORCE", "ANY_ACTION"}),
        ("the chief minister visited the relief camp on sunday.", set()),
        # the police named as people taking part count as action; the police only owning a place do not
        ("police commissioner p c pande said the situation was under control.", {"ANY_ACTION"}),
        ("the mob set fire to two scooters parked near the police station.", set()),
        # security measures need no named agent
        ("security has been tightened in all sensitive areas of the city.", {"ANY_ACTION"}),
        # crowd-control tools are force whoever is named
        ("tear-gas shells were lobbed to disperse the crowd.", {"FORCE", "ANY_ACTION"}),
        # an arrest ordered or feared is no arrest; one the police managed is
        ("the court granted the police 20 days to arrest the bank chairman.", {"ANY_ACTION"}),
        ("the party apprehended cross-voting in the election.", set()),
        ("police were able to arrest 39 rioters from the spot.", {"ARREST", "ANY_ACTION"}),
    ],
)
def test_sentence_labels(nlp, text, labels):
    assert sentence_labels(nlp(text)[:]) == labels


def test_plover_expected_answers():
    assert expected_answer("ASSAULT") == "ASSAULT"
    assert expected_answer("DEMAND") == NO_EVENT


def test_plover_gold_codes_are_read_in_iso3():
    actors = [{"actorText": "Japan", "code": "JAP"}, {"actorText": "U.N.", "code": "IGO"}, {"actorText": "x"}]
    assert gold_codes(actors) == ["JPN", "IGO"]
    assert gold_codes("diplomatic") == []


def test_policeevents_small_run(eval_data):
    folder = eval_data / "india-police-events"
    if not folder.is_dir():
        pytest.skip(f"{folder} not found")
    report = evaluate_policeevents(folder, limit=15)
    assert report["documents"] == 15
    assert 0.0 <= report["ANY_ACTION"]["sentence"]["f1"] <= 1.0


def test_plover_small_run(eval_data):
    path = eval_data / "plover-gsr" / "PLOVER_GSR_CAMEO.json"
    if not path.is_file():
        pytest.skip(f"{path} not found")
    report = evaluate_plover(path, limit=60)
    assert report["n"] == 60
    assert report["accuracy"] > 0.2
    # before parties were read from the parse of every sentence, about one gold actor in nine was matched
    assert report["actor_country_match"] > 0.5
    assert report["actor_code_precision"] > 0.7


def test_plover_tolerates_a_bare_string_in_place_of_actors(tmp_path):
    records = [
        {"event": "AGREE", "text": "Turkish and Greek officials agreed to share information on missing people.",
         "source": [{"actorText": "Turkish", "code": "TUR"}], "target": "diplomatic"},
        {"event": "DEMAND", "text": "The union demanded higher wages.", "source": [], "target": []},
    ]
    path = tmp_path / "plover.json"
    path.write_text(json.dumps(records), encoding="utf-8")
    report = evaluate_plover(path)
    assert report["n"] == 2
    assert report["accuracy"] == 1.0  # AGREE found, DEMAND rightly no event
    assert report["actor_country_pairs"] == 1  # the string target is skipped, the coded source is scored
    assert report["actor_country_match"] == 1.0  # "Turkish" officials are Turkey's
