"""The learned event typer: a linear model beside the rules, shipped as a small JSON file and trained by
``clashwatch train``.

Each sentence becomes a bag of named features: what the rules decided and from which cue families, the deciding
trigger's lemma, part of speech, dependency and voice, the kinds of its doers and victims (armed, civilian, crowd),
and the sentence's content lemmas and lemma pairs. A multinomial logistic regression over them gives a probability
for every ACLED sub-event type and, when its training data holds happenings ACLED does not code (disasters,
diplomacy, crime), for "no event". The model then decides with the rules (``TrainedClassifier.classify``): it may
retype a rule event, drop it, or find one the rules missed, each only above its own confidence, and never to a
sub-type whose evidence the codebook's rules do not find in the sentence (``codebook.has_evidence``).

The built-in model (``data/event_typer.json``) is trained by ``clashwatch train --recipe builtin`` from
``data/typer-training.tsv``: sentences written for this project from ACLED's public codebook definitions (no ACLED
data). ``clashwatch train coded.csv --out DIR`` fits the same model on a user's own ACLED-format export.
"""

from __future__ import annotations

import csv
import json
from collections import Counter
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from pathlib import Path

import numpy as np
from spacy.tokens import Span as SentenceSpan

from clashwatch.extract.codebook import has_evidence
from clashwatch.extract.event_types import (
    EVENT_TYPE_OF,
    EventMention,
    RuleReading,
    clause_verb,
    make_mention,
    participant_kinds,
    read_rules,
    sentence_weapons,
)
from clashwatch.nlp import doc_text
from clashwatch.paths import PACKAGE_DATA
from clashwatch.records import Span

NO_EVENT = "no event"
MODEL_FILE = "model.json"
BUILTIN_MODEL = PACKAGE_DATA / "event_typer.json"
BUILTIN_TRAINING = PACKAGE_DATA / "typer-training.tsv"
# How sure the model must be, given the rules' reading, to retype a rule event, to drop one, or to add one the
# rules did not see. Dropping and adding need more: the rules' detection is what ACLED-style notes were tuned on.
# Chosen on the news dev set (tests/data/news-types/dev.tsv) only, as is ``fit``'s regularisation.
RETYPE_CONFIDENCE = 0.3
DROP_CONFIDENCE = 0.7
ADD_CONFIDENCE = 0.5
# Score of an event the model adds: above the casualty-report score, so the coder keeps it as an event of its own.
ADDED_EVENT_SCORE = 0.6
# Features kept in the model file: weights smaller than this everywhere change no decision.
_WEIGHT_FLOOR = 1e-3


def deciding_token(sent: SentenceSpan, reading: RuleReading):
    """The word the rules decided on, or the sentence's root where they found no event."""
    return reading.decision[1].token if reading.decision else sent.root


def typer_features(sent: SentenceSpan, reading: RuleReading, participants: tuple[set[str], set[str]]) -> list[str]:
    """The named features of one sentence (see the module docstring); ``participants`` are the deciding word's
    doer and victim kinds."""
    features = ["bias"]
    trigger = deciding_token(sent, reading)
    if reading.decision is None:
        features.append("rule=none")
    else:
        sub_event_type, cue, _ = reading.decision
        features += [f"rule={sub_event_type}", f"rule_family={cue.family}"]
    features += [f"cue={cue.family}" for cue in reading.cues]
    verb = clause_verb(trigger)
    passive = any(child.dep_ in ("auxpass", "nsubjpass") for child in verb.children)
    features += [
        f"trigger={trigger.lemma_.lower()}",
        f"trigger_pos={trigger.pos_}",
        f"trigger_dep={trigger.dep_}",
        f"verb={verb.lemma_.lower()}",
        f"voice={'passive' if passive else 'active'}",
    ]
    doers, victims = participants
    features += [f"doer={kind}" for kind in doers or {"none"}]
    features += [f"victim={kind}" for kind in victims or {"none"}]
    lemmas = [token.lemma_.lower() for token in sent if token.is_alpha and not token.is_stop]
    features += [f"w={lemma}" for lemma in lemmas]
    features += [f"ww={first}_{second}" for first, second in zip(lemmas, lemmas[1:])]
    return features


@dataclass
class TrainingReport:
    rows: int
    labels: dict[str, int]  # label -> training rows
    source: str


class LinearTyper:
    """Multinomial logistic regression over named features, readable from and writable to plain JSON."""

    def __init__(self, classes: list[str], bias: np.ndarray, weights: dict[str, np.ndarray], meta: dict | None = None):
        self.classes = classes
        self.bias = bias
        self.weights = weights
        self.meta = meta or {}
        # The bias and every feature's weights as rows of one matrix: a sentence's logits are one gather and sum.
        self._rows = {feature: row for row, feature in enumerate(weights, start=1)}
        self._matrix = np.vstack([bias, *weights.values()]) if weights else bias.reshape(1, -1)

    def probabilities(self, features: Iterable[str]) -> np.ndarray:
        rows = self._rows
        logits = self._matrix[[0, *(rows[feature] for feature in features if feature in rows)]].sum(axis=0)
        logits -= logits.max()
        exp = np.exp(logits)
        return exp / exp.sum()

    def to_json(self) -> dict:
        return {
            "kind": "linear-typer",
            "meta": self.meta,
            "classes": self.classes,
            "bias": [round(float(value), 4) for value in self.bias],
            "weights": {
                feature: [round(float(value), 4) for value in row] for feature, row in sorted(self.weights.items())
            },
        }

    @classmethod
    def from_json(cls, data: dict) -> LinearTyper:
        if data.get("kind") != "linear-typer":
            raise ValueError("not a ClashWatch event typer model (retrain it with `clashwatch train`)")
        weights = {feature: np.asarray(row, dtype=float) for feature, row in data["weights"].items()}
        return cls(data["classes"], np.asarray(data["bias"], dtype=float), weights, data.get("meta"))


def fit(feature_lists: list[list[str]], labels: list[str], regularisation: float = 16.0) -> LinearTyper:
    """Fits the typer (scikit-learn's L2 logistic regression at training time only; the file it writes needs numpy)."""
    from scipy.sparse import csr_matrix
    from sklearn.linear_model import LogisticRegression

    unknown = sorted(set(labels) - set(EVENT_TYPE_OF) - {NO_EVENT})
    if unknown:
        raise ValueError(f"not ACLED sub-event types: {', '.join(unknown)}")
    if len(set(labels)) < 2:
        raise ValueError("training needs at least two different sub-event types")
    vocabulary = {feature: index for index, feature in enumerate(sorted({f for fs in feature_lists for f in fs}))}
    rows, columns = [], []
    for row, features in enumerate(feature_lists):
        for feature in set(features):
            rows.append(row)
            columns.append(vocabulary[feature])
    matrix = csr_matrix((np.ones(len(rows)), (rows, columns)), shape=(len(feature_lists), len(vocabulary)))
    model = LogisticRegression(C=regularisation, max_iter=3000, class_weight="balanced")
    model.fit(matrix, labels)
    coefficients = model.coef_ if len(model.classes_) > 2 else np.vstack([-model.coef_[0], model.coef_[0]])
    intercepts = model.intercept_ if len(model.classes_) > 2 else np.array([-model.intercept_[0], model.intercept_[0]])
    weights = {
        feature: coefficients[:, index].copy()
        for feature, index in vocabulary.items()
        if np.abs(coefficients[:, index]).max() >= _WEIGHT_FLOOR
    }
    return LinearTyper([str(label) for label in model.classes_], intercepts.copy(), weights)


def _features_of_texts(texts: list[str]) -> list[list[str]]:
    from clashwatch.nlp import load_pipeline

    features = []
    for doc in load_pipeline().pipe(texts, batch_size=64):
        reading = read_rules(doc[:])
        features.append(typer_features(doc[:], reading, participant_kinds(deciding_token(doc[:], reading))))
    return features


def train_texts(texts: list[str], labels: list[str], out: Path, source: str) -> TrainingReport:
    typer = fit(_features_of_texts(texts), labels)
    report = TrainingReport(len(texts), dict(Counter(labels).most_common()), source)
    typer.meta = asdict(report)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(typer.to_json(), separators=(",", ":")), encoding="utf-8")
    return report


def model_file(path: Path) -> Path:
    """A model is a JSON file, or a folder holding ``model.json``."""
    return path / MODEL_FILE if path.is_dir() or not path.suffix else path


def train_from_csv(path: Path, out: Path, text_column: str = "notes", half: str | None = None) -> TrainingReport:
    """Fits the typer on an ACLED-format CSV (``text_column`` -> ``sub_event_type``) and saves it at ``out`` (a
    folder, or a ``.json`` file); ``half`` ("first"/"second") trains on that fixed half only, so the other can
    measure it."""
    from clashwatch.evaluate.acled import clean_note, half_of, read_acled_csv

    rows = read_acled_csv(path, text_column)
    if half:
        rows = half_of(rows, half)
    rows = [row for row in rows if row.sub_event_type]
    unknown = sorted({row.sub_event_type for row in rows} - set(EVENT_TYPE_OF))
    if unknown:
        raise ValueError(f"not ACLED sub-event types: {', '.join(unknown)}")
    texts, labels = [clean_note(row.notes) for row in rows], [row.sub_event_type for row in rows]
    return train_texts(texts, labels, model_file(out), str(path))


def train_from_snippets(path: Path, out: Path) -> TrainingReport:
    """Fits the typer on a CASE 2021 Task 2 style TSV (``id``, ``EventSnippet``, ``SubType``); the codes of
    happenings ACLED does not code teach it "no event"."""
    from clashwatch.evaluate.news_types import CASE_CODES, read_snippets

    snippets = read_snippets(path)
    labels = [CASE_CODES.get(snippet.code, NO_EVENT) for snippet in snippets]
    return train_texts([snippet.text for snippet in snippets], labels, model_file(out), path.name)


# Training recipes shipped with the package: name -> (training data, where its model goes).
RECIPES = {"builtin": (BUILTIN_TRAINING, BUILTIN_MODEL)}


class TrainedClassifier:
    """An ``EventClassifier``: the rules read the sentence, the learned typer confirms, retypes, drops or adds."""

    def __init__(self, typer: LinearTyper) -> None:
        self.typer = typer
        self.meta = typer.meta
        self._no_event = typer.classes.index(NO_EVENT) if NO_EVENT in typer.classes else None

    @classmethod
    def load(cls, path: Path) -> TrainedClassifier:
        path = model_file(Path(path))
        if not path.is_file():
            raise FileNotFoundError(f"no trained model at {path} (see `clashwatch train`)")
        return cls(LinearTyper.from_json(json.loads(path.read_text(encoding="utf-8"))))

    def decide(self, sent: SentenceSpan) -> tuple[str, float, RuleReading, set[str]]:
        """The typer's best label for the sentence, its probability, the rules' reading it was given and the kinds
        of the deciding word's victims."""
        reading = read_rules(sent)
        participants = participant_kinds(deciding_token(sent, reading))
        probabilities = self.typer.probabilities(typer_features(sent, reading, participants))
        best = int(probabilities.argmax())
        return self.typer.classes[best], float(probabilities[best]), reading, participants[1]

    def classify(self, sent: SentenceSpan) -> list[EventMention]:
        label, probability, reading, victims = self.decide(sent)
        if label != NO_EVENT and not has_evidence(label, {cue.family for cue in reading.cues}, victims):
            label, probability = NO_EVENT, 0.0  # the model's reading lacks what the codebook needs: the rules stand
        if reading.decision is None:
            if label == NO_EVENT or probability < ADD_CONFIDENCE or self._no_event is None:
                return []
            root = sent.root
            trigger = Span.of(doc_text(sent.doc), root.idx, root.idx + len(root.text))
            return [make_mention(label, trigger, ADDED_EVENT_SCORE, sentence_weapons(sent))]
        sub_event_type, cue, score = reading.decision
        if label == NO_EVENT:
            if probability >= DROP_CONFIDENCE:
                return []
        elif label != sub_event_type and probability >= RETYPE_CONFIDENCE:
            sub_event_type = label
        return [make_mention(sub_event_type, cue.span, score, sentence_weapons(sent))]
