"""Score the coder on ACLED-format CSVs: each row's ``notes`` is the input, the row's codes the gold answer.

Entry point: ``evaluate_acled(path, ...) -> dict`` (what ``clashwatch evaluate acled`` prints).

The notes are cleaned of two ACLED artefacts before coding, since news text has neither and both would leak the
answer: the trailing crowd-size tag ("[size=no report]", written only on demonstrations) and the leading
category label some coders write ("Displacement: On 4 April ...", "Defusal: ...").
"""

from __future__ import annotations

import csv
import hashlib
import re
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from clashwatch.evaluate.metrics import accuracy, binary_prf, haversine_km, macro_f1, weighted_f1

NO_EVENT = "no event"
LOCATION_TOLERANCE_KM = 25.0
CIVILIAN_INTER = 7

_SIZE_TAG = re.compile(r"\s*\[size=[^\]]*\]\s*", re.IGNORECASE)
_CATEGORY_LABEL = re.compile(r"^\s*[A-Z][A-Za-z/ -]{2,40}:\s+(?=(On|Around|Between|During|From|Since|In|Over|Overnight)\b)")
_REGIME_DATES = re.compile(r"\s*\(\d{4}-(\d{4})?\)\s*$")


@dataclass(frozen=True)
class AcledRow:
    event_id: str
    event_date: date | None
    event_type: str
    sub_event_type: str
    actor1: str
    actor2: str
    country: str
    latitude: float | None
    longitude: float | None
    fatalities: int
    notes: str


@dataclass
class Prediction:
    """The coder's answer for one note; ``event_type`` is ``NO_EVENT`` when it found none."""

    event_type: str = NO_EVENT
    sub_event_type: str = NO_EVENT
    actor1: str | None = None
    actor2: str | None = None
    inter1: int | None = None
    inter2: int | None = None
    country: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    fatalities: int = 0


def _float(value: str) -> float | None:
    try:
        return float(value)
    except ValueError:
        return None


def _date(value: str) -> date | None:
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def read_acled_csv(path: Path, text_column: str = "notes") -> list[AcledRow]:
    with open(path, newline="", encoding="utf-8") as handle:
        return [
            AcledRow(
                event_id=row.get("event_id_cnty") or str(index),
                event_date=_date(row.get("event_date", "")),
                event_type=row.get("event_type", ""),
                sub_event_type=row.get("sub_event_type", ""),
                actor1=row.get("actor1", ""),
                actor2=row.get("actor2", ""),
                country=row.get("country", ""),
                latitude=_float(row.get("latitude", "")),
                longitude=_float(row.get("longitude", "")),
                fatalities=int(row.get("fatalities") or 0),
                notes=row[text_column],
            )
            for index, row in enumerate(csv.DictReader(handle))
        ]


def clean_note(notes: str) -> str:
    """The note without ACLED's crowd-size tag and category label (see the module docstring)."""
    return _CATEGORY_LABEL.sub("", _SIZE_TAG.sub(" ", notes)).strip()


def half_of(rows: Sequence[AcledRow], half: str) -> list[AcledRow]:
    """A fixed random half of the rows ("first" or "second"), decided by a hash of each event id so the split is
    the same on every machine and whatever the row order."""
    if half not in ("first", "second"):
        raise ValueError(f"half must be 'first' or 'second', not {half!r}")
    wanted = 0 if half == "first" else 1
    return [row for row in rows if hashlib.sha256(row.event_id.encode()).digest()[0] % 2 == wanted]


def actor_name(name: str | None) -> str:
    """An actor name as compared: without the "(2018-)" regime dates, case-folded."""
    return _REGIME_DATES.sub("", name or "").strip().casefold()


def score(rows: Sequence[AcledRow], predictions: Sequence[Prediction], seconds: float) -> dict:
    gold_types = [row.event_type for row in rows]
    predicted_types = [prediction.event_type for prediction in predictions]
    gold_subs = [row.sub_event_type for row in rows]
    predicted_subs = [prediction.sub_event_type for prediction in predictions]
    located = [
        (row, prediction)
        for row, prediction in zip(rows, predictions)
        if row.latitude is not None and row.longitude is not None
    ]
    within = [
        prediction.latitude is not None
        and prediction.longitude is not None
        and haversine_km(row.latitude, row.longitude, prediction.latitude, prediction.longitude) <= LOCATION_TOLERANCE_KM
        for row, prediction in located
    ]
    gold_fatal = [row.fatalities > 0 for row in rows]
    predicted_fatal = [prediction.fatalities > 0 for prediction in predictions]
    zero_nonzero = binary_prf(gold_fatal, predicted_fatal)
    return {
        "n": len(rows),
        "seconds": round(seconds, 1),
        "event_type": {
            "accuracy": accuracy(gold_types, predicted_types),
            "macro_f1": macro_f1(gold_types, predicted_types),
            "weighted_f1": weighted_f1(gold_types, predicted_types),
        },
        "sub_event_type": {
            "accuracy": accuracy(gold_subs, predicted_subs),
            "macro_f1": macro_f1(gold_subs, predicted_subs),
            "weighted_f1": weighted_f1(gold_subs, predicted_subs),
        },
        "no_event_rate": sum(prediction.event_type == NO_EVENT for prediction in predictions) / len(rows) if rows else 0.0,
        # ACLED never codes civilians as a side of a battle (data/codebook.json)
        "battles_with_civilian_side": sum(
            prediction.event_type == "Battles" and CIVILIAN_INTER in (prediction.inter1, prediction.inter2)
            for prediction in predictions
        ),
        "actor1_match": accuracy([actor_name(row.actor1) for row in rows], [actor_name(p.actor1) for p in predictions]),
        "actor2_match": accuracy([actor_name(row.actor2) for row in rows], [actor_name(p.actor2) for p in predictions]),
        "country_accuracy": accuracy([row.country.casefold() for row in rows], [(p.country or "").casefold() for p in predictions]),
        "location_within_25km": sum(within) / len(within) if within else 0.0,
        "fatalities": {
            "exact_match": accuracy([row.fatalities for row in rows], [prediction.fatalities for prediction in predictions]),
            "zero_nonzero_precision": zero_nonzero.precision,
            "zero_nonzero_recall": zero_nonzero.recall,
            "zero_nonzero_f1": zero_nonzero.f1,
        },
    }


def main_event(events: list) -> object | None:
    """The event a short text is about: the coder's first event that is not background."""
    return next((event for event in events if not event.is_background), None)


def coder_predictor(model: Path | None = None) -> Callable[[Iterable[AcledRow]], list[Prediction]]:
    """The full shipped coder: its main event per note is the first event that is not background."""
    from clashwatch.extract import EventCoder
    from clashwatch.records import Article

    coder = EventCoder(model_path=model)

    def predict(rows: Iterable[AcledRow]) -> list[Prediction]:
        rows = list(rows)
        articles = (Article(text=clean_note(row.notes), published=row.event_date) for row in rows)
        predictions = []
        for _, events in coder.code_many(articles):
            main = main_event(events)
            predictions.append(
                Prediction(
                    event_type=main.event_type or NO_EVENT,
                    sub_event_type=main.sub_event_type or NO_EVENT,
                    actor1=main.actor1,
                    actor2=main.actor2,
                    inter1=main.inter1,
                    inter2=main.inter2,
                    country=main.country,
                    latitude=main.latitude,
                    longitude=main.longitude,
                    fatalities=main.fatalities or 0,
                )
                if main
                else Prediction()
            )
        return predictions

    return predict


def classifier_predictor(model: Path | None = None) -> Callable[[Iterable[AcledRow]], list[Prediction]]:
    """Only the event classifier and casualty counter, over each whole note (a note summarises one event)."""
    from clashwatch.extract.casualties import count_casualties
    from clashwatch.extract.event_types import load_classifier
    from clashwatch.nlp import load_pipeline

    classifier = load_classifier(model)
    nlp = load_pipeline()

    def predict(rows: Iterable[AcledRow]) -> list[Prediction]:
        predictions = []
        for doc in nlp.pipe((clean_note(row.notes) for row in rows), batch_size=64):
            mentions = classifier.classify(doc[:])
            casualties = count_casualties(doc[:])
            prediction = Prediction(fatalities=casualties.fatalities or 0)
            if mentions:
                prediction.event_type, prediction.sub_event_type = mentions[0].event_type, mentions[0].sub_event_type
            predictions.append(prediction)
        return predictions

    return predict


def evaluate_acled(
    path: Path,
    limit: int | None = None,
    half: str | None = None,
    classifier_only: bool = False,
    model: Path | None = None,
) -> dict:
    """Scores the coder (or, with ``classifier_only``, just the event classifier) on an ACLED-format CSV."""
    rows = read_acled_csv(path)
    if half:
        rows = half_of(rows, half)
    rows = rows[:limit] if limit else rows
    predict = classifier_predictor(model) if classifier_only else coder_predictor(model)
    started = time.perf_counter()
    predictions = predict(rows)
    report = score(rows, predictions, time.perf_counter() - started)
    report["scope"] = "classifier only" if classifier_only else "full coder"
    report["half"] = half or "all"
    report["model"] = str(model) if model else "shipped typer"
    return report
