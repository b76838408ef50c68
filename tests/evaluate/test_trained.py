"""`clashwatch train` on a small CSV written here (never ACLED data), then loading and using the model."""

from __future__ import annotations

import csv

import pytest

from clashwatch.extract.event_types import load_classifier
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
