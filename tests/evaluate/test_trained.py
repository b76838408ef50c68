"""`clashwatch train` on a small CSV written here (never ACLED data) and by the built-in recipe, then loading and
using the model."""

from __future__ import annotations

import csv

import pytest

from clashwatch.extract.event_types import RuleClassifier, load_classifier
from clashwatch.extract.trained import TrainedClassifier, train_from_csv

_EXAMPLES = {
    "Peaceful protest": [
        "Hundreds of workers marched to the city hall demanding higher wages.",
        "Students held a peaceful rally against tuition fees.",
        "Farmers staged a sit-in outside parliament over fertiliser prices.",
        "Residents protested peacefully against power cuts.",
    ],
    "Shelling/artillery/missile attack": [
        "Artillery shells hit the outskirts of the town overnight.",
        "Forces fired mortar rounds at the village.",
        "Rockets and artillery struck residential areas.",
        "The army shelled rebel positions with heavy artillery.",
    ],
    "Arrests": [
        "Police arrested two suspects in the capital.",
        "Security forces detained a journalist at his home.",
        "Officers arrested five men at a checkpoint.",
        "Authorities detained the opposition leader.",
    ],
}


@pytest.fixture
def training_csv(tmp_path):
    path = tmp_path / "coded.csv"
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["event_id_cnty", "sub_event_type", "event_type", "text"])
        for sub_event_type, texts in _EXAMPLES.items():
            for index, text in enumerate(texts * 2):
                writer.writerow([f"{sub_event_type[:3]}{index}", sub_event_type, "", text])
    return path


def test_train_save_load_and_classify(training_csv, tmp_path, nlp):
    out = tmp_path / "model"
    report = train_from_csv(training_csv, out, text_column="text")
    assert report.rows == 24 and set(report.labels) == set(_EXAMPLES)
    classifier = load_classifier(out)
    assert isinstance(classifier, TrainedClassifier)
    mention = classifier.classify(nlp("Police arrested three protesters in the market.")[:])[0]
    assert mention.sub_event_type == "Arrests" and mention.event_type == "Strategic developments"
    assert classifier.classify(nlp("The weather was pleasant on Sunday.")[:]) == []


def test_unknown_labels_are_refused(tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text("sub_event_type,notes\nPicnic,a\nArrests,b\n", encoding="utf-8")
    with pytest.raises(ValueError, match="not ACLED sub-event types"):
        train_from_csv(path, tmp_path / "model")


def test_missing_model_folder(tmp_path):
    with pytest.raises(FileNotFoundError):
        load_classifier(tmp_path)


def test_linear_typer_round_trips_through_json():
    import numpy as np

    from clashwatch.extract.trained import LinearTyper

    typer = LinearTyper(["Arrests", "no event"], np.array([0.1, -0.1]), {"w=arrest": np.array([2.0, -2.0])})
    again = LinearTyper.from_json(typer.to_json())
    assert again.classes == typer.classes
    assert again.probabilities(["w=arrest", "unseen"]) == pytest.approx(typer.probabilities(["w=arrest"]))
    assert again.probabilities(["w=arrest"])[0] > 0.9


def test_builtin_recipe_trains_the_shipped_kind_of_model(tmp_path, nlp):
    from typer.testing import CliRunner

    from clashwatch.cli import load_commands
    from clashwatch.extract.trained import NO_EVENT

    out = tmp_path / "typer.json"
    result = CliRunner().invoke(load_commands(), ["train", "--recipe", "builtin", "--out", str(out)])
    assert result.exit_code == 0, result.output
    classifier = TrainedClassifier.load(out)
    assert len(classifier.typer.classes) == 26 and NO_EVENT in classifier.typer.classes
    assert classifier.meta["rows"] > 250
    # the rules read a fight into a withdrawal; the typer knows a handover without a fight
    sentence = nlp("Troops withdrew from the village without a fight and handed control to the militia.")[:]
    assert [m.sub_event_type for m in RuleClassifier().classify(sentence)] == ["Armed clash"]
    assert [m.sub_event_type for m in classifier.classify(sentence)] == ["Non-violent transfer of territory"]
    # no sub-type without the codebook's evidence: no demonstration where no one demonstrated
    crowd = nlp("A mob beat a suspected thief to death in the market.")[:]
    assert [m.sub_event_type for m in classifier.classify(crowd)] == ["Mob violence"]


def test_train_needs_a_csv_or_a_recipe(tmp_path):
    from typer.testing import CliRunner

    from clashwatch.cli import load_commands

    result = CliRunner().invoke(load_commands(), ["train", "--out", str(tmp_path / "m")])
    assert result.exit_code != 0 and "either a coded CSV or --recipe" in result.output
