"""A trainable sub-event typer, fitted on a user's own coded events (``clashwatch train``).

TF-IDF over word 1-2-grams and character 3-5-grams feeds a logistic regression that predicts the ACLED sub-event
type (the event type follows from it). The model only types: whether a sentence reports an event at all is still
decided by the rule classifier's cues and syntax, since coded-event files hold no examples of "no event".

A model folder holds ``model.joblib`` (the scikit-learn pipeline) and ``meta.json`` (what it was trained on).
Loading unpickles code: load only models you trained yourself.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from pathlib import Path

from spacy.tokens import Span as SentenceSpan

from clashwatch.extract.event_types import EVENT_TYPE_OF, EventMention, RuleClassifier, make_mention

MODEL_FILE = "model.joblib"
META_FILE = "meta.json"


@dataclass
class TrainingReport:
    rows: int
    labels: dict[str, int]  # sub-event type -> training rows
    text_column: str
    source: str
    half: str | None


def build_pipeline():
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import FeatureUnion, Pipeline

    features = FeatureUnion(
        [
            ("words", TfidfVectorizer(ngram_range=(1, 2), min_df=2, sublinear_tf=True, lowercase=True)),
            ("chars", TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), min_df=2, sublinear_tf=True, max_features=200_000)),
        ]
    )
    return Pipeline([("features", features), ("model", LogisticRegression(max_iter=2000, C=10.0, class_weight="balanced"))])


def fit(texts: list[str], sub_event_types: list[str]):
    unknown = sorted(set(sub_event_types) - set(EVENT_TYPE_OF))
    if unknown:
        raise ValueError(f"not ACLED sub-event types: {', '.join(unknown)}")
    if len(set(sub_event_types)) < 2:
        raise ValueError("training needs at least two different sub-event types")
    pipeline = build_pipeline()
    pipeline.fit(texts, sub_event_types)
    return pipeline


def save(pipeline, out_dir: Path, report: TrainingReport) -> None:
    import joblib
    import sklearn

    out_dir.mkdir(parents=True, exist_ok=True)
    joblib.dump(pipeline, out_dir / MODEL_FILE)
    meta = asdict(report) | {"scikit_learn": sklearn.__version__, "kind": "tfidf-logistic-regression"}
    (out_dir / META_FILE).write_text(json.dumps(meta, indent=2), encoding="utf-8")


def train_from_csv(path: Path, out_dir: Path, text_column: str = "notes", half: str | None = None) -> TrainingReport:
    """Fits a model on an ACLED-format CSV (``text_column`` -> ``sub_event_type``) and saves it in ``out_dir``;
    ``half`` ("first"/"second") trains on that fixed half only, so the other can measure it."""
    from collections import Counter

    from clashwatch.evaluate.acled import clean_note, half_of, read_acled_csv

    rows = read_acled_csv(path, text_column)
    if half:
        rows = half_of(rows, half)
    rows = [row for row in rows if row.sub_event_type]
    labels = [row.sub_event_type for row in rows]
    pipeline = fit([clean_note(row.notes) for row in rows], labels)
    report = TrainingReport(len(rows), dict(Counter(labels).most_common()), text_column, str(path), half)
    save(pipeline, out_dir, report)
    return report


class TrainedClassifier:
    """An ``EventClassifier``: the rules decide whether there is an event, the trained model which sub-type."""

    def __init__(self, pipeline, meta: dict | None = None) -> None:
        self.pipeline = pipeline
        self.meta = meta or {}
        self._detector = RuleClassifier()

    @classmethod
    def load(cls, model_dir: Path) -> TrainedClassifier:
        import joblib

        if not (model_dir / MODEL_FILE).is_file():
            raise FileNotFoundError(f"no trained model in {model_dir} (expected {MODEL_FILE}; see `clashwatch train`)")
        meta_path = model_dir / META_FILE
        meta = json.loads(meta_path.read_text(encoding="utf-8")) if meta_path.is_file() else {}
        return cls(joblib.load(model_dir / MODEL_FILE), meta)

    def predict(self, texts: list[str]) -> list[tuple[str, float]]:
        """(sub-event type, probability) for each text."""
        probabilities = self.pipeline.predict_proba(texts)
        classes = self.pipeline.classes_
        return [(str(classes[row.argmax()]), float(row.max())) for row in probabilities]

    def classify(self, sent: SentenceSpan) -> list[EventMention]:
        detected = self._detector.classify(sent)
        if not detected:
            return []
        sub_event_type, probability = self.predict([sent.text])[0]
        return [make_mention(sub_event_type, detected[0].trigger, probability, detected[0].weapons)]
