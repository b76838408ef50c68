"""Metric helpers shared by the evaluators: accuracy, per-class precision/recall/F1, macro and weighted F1."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Hashable, Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class PRF:
    precision: float
    recall: float
    f1: float
    support: int  # gold items of the class


def prf(true_positives: int, false_positives: int, false_negatives: int) -> PRF:
    precision = true_positives / (true_positives + false_positives) if true_positives + false_positives else 0.0
    recall = true_positives / (true_positives + false_negatives) if true_positives + false_negatives else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return PRF(precision, recall, f1, true_positives + false_negatives)


def binary_prf(gold: Sequence[bool], predicted: Sequence[bool]) -> PRF:
    _check_lengths(gold, predicted)
    pairs = list(zip(gold, predicted))
    return prf(
        sum(g and p for g, p in pairs),
        sum(p and not g for g, p in pairs),
        sum(g and not p for g, p in pairs),
    )


def accuracy(gold: Sequence[Hashable], predicted: Sequence[Hashable]) -> float:
    _check_lengths(gold, predicted)
    return sum(g == p for g, p in zip(gold, predicted)) / len(gold) if gold else 0.0


def per_class(gold: Sequence[Hashable], predicted: Sequence[Hashable]) -> dict[Hashable, PRF]:
    """Precision/recall/F1 of every class that occurs in the gold labels."""
    _check_lengths(gold, predicted)
    true_positives: Counter = Counter()
    predicted_counts: Counter = Counter(predicted)
    gold_counts: Counter = Counter(gold)
    for g, p in zip(gold, predicted):
        if g == p:
            true_positives[g] += 1
    return {
        label: prf(true_positives[label], predicted_counts[label] - true_positives[label], gold_counts[label] - true_positives[label])
        for label in gold_counts
    }


def macro_f1(gold: Sequence[Hashable], predicted: Sequence[Hashable]) -> float:
    """Unweighted mean F1 over the classes present in the gold labels."""
    scores = per_class(gold, predicted)
    return sum(score.f1 for score in scores.values()) / len(scores) if scores else 0.0


def weighted_f1(gold: Sequence[Hashable], predicted: Sequence[Hashable]) -> float:
    """Mean F1 over the gold classes, each weighted by its number of gold items."""
    scores = per_class(gold, predicted)
    return sum(score.f1 * score.support for score in scores.values()) / len(gold) if gold else 0.0


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    d_phi, d_lambda = phi2 - phi1, math.radians(lon2 - lon1)
    a = math.sin(d_phi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(d_lambda / 2) ** 2
    return 2 * 6371.0088 * math.asin(math.sqrt(min(1.0, a)))


def _check_lengths(gold: Sequence, predicted: Sequence) -> None:
    if len(gold) != len(predicted):
        raise ValueError(f"{len(gold)} gold labels but {len(predicted)} predictions")
