"""Cross-article linking scored on ECB+: do articles about one real event end up in one cluster?

All documents of all topics are clustered together with the linker's own machinery (``cluster_profiles``:
blocking, features, scoring, average linkage), with the document preset ``DOCUMENT_CONFIG``: ECB+ is general
news without coded dates or places, so documents are compared by their words (TF-IDF of words and word pairs).
The gold event of a document is its sub-topic (``8_ecb`` and ``8_ecbplus`` are two different bank attacks).

Scores: B-cubed and pairwise precision / recall / F1, and the hard negatives kept apart: the share of document
pairs from the two sub-topics of one topic (similar events of the same kind) that the linker did not join.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from dataclasses import asdict, dataclass
from itertools import combinations
from pathlib import Path

from clashwatch.link.cluster import cluster_profiles
from clashwatch.link.features import DOCUMENT_CONFIG, LinkConfig, Profile


@dataclass(frozen=True)
class EcbDocument:
    name: str
    topic: int
    subtopic: str
    text: str


@dataclass(frozen=True)
class PRF:
    precision: float
    recall: float
    f1: float

    @classmethod
    def of(cls, precision: float, recall: float) -> PRF:
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        return cls(round(precision, 4), round(recall, 4), round(f1, 4))


@dataclass(frozen=True)
class EcbScores:
    documents: int
    topics: int
    gold_events: int
    predicted_clusters: int
    bcubed: PRF
    pairwise: PRF
    hard_negative_pairs: int
    hard_negatives_kept_apart: float  # share of same-topic, other-sub-topic pairs left in different clusters
    topics_fully_separated: int  # topics where no cluster mixes the two sub-topics

    def report(self) -> str:
        return "\n".join(
            [
                f"documents {self.documents} in {self.topics} topics, {self.gold_events} gold events, "
                f"{self.predicted_clusters} predicted clusters",
                f"B-cubed   P {self.bcubed.precision:.3f}  R {self.bcubed.recall:.3f}  F1 {self.bcubed.f1:.3f}",
                f"pairwise  P {self.pairwise.precision:.3f}  R {self.pairwise.recall:.3f}  F1 {self.pairwise.f1:.3f}",
                f"hard negatives kept apart {self.hard_negatives_kept_apart:.3f} of {self.hard_negative_pairs} pairs; "
                f"topics fully separated {self.topics_fully_separated}/{self.topics}",
            ]
        )

    def to_json(self) -> str:
        return json.dumps(asdict(self), indent=2)


def load_documents(path: Path, topics: int | None = None) -> list[EcbDocument]:
    """The documents of ``path`` (ECB+ JSONL); ``topics`` keeps only the first that many topics (by number)."""
    documents = []
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            row = json.loads(line)
            documents.append(EcbDocument(row["doc_name"], int(row["topic"]), row["subtopic"], " ".join(row["sentences"])))
    if topics is not None:
        kept = set(sorted({document.topic for document in documents})[:topics])
        documents = [document for document in documents if document.topic in kept]
    return documents


def cluster_documents(documents: list[EcbDocument], config: LinkConfig = DOCUMENT_CONFIG) -> list[int]:
    profiles = [Profile(key=document.name, text=document.text) for document in documents]
    clustered = cluster_profiles(profiles, config)
    return clustered.clustering.labels


def bcubed(predicted: list[int], gold: list[str]) -> PRF:
    predicted_sizes, gold_sizes = Counter(predicted), Counter(gold)
    both = Counter(zip(predicted, gold))
    precision = sum(both[(p, g)] / predicted_sizes[p] for p, g in zip(predicted, gold)) / len(gold)
    recall = sum(both[(p, g)] / gold_sizes[g] for p, g in zip(predicted, gold)) / len(gold)
    return PRF.of(precision, recall)


def _pairs_within(labels: list) -> int:
    return sum(size * (size - 1) // 2 for size in Counter(labels).values())


def pairwise(predicted: list[int], gold: list[str]) -> PRF:
    true_positive = _pairs_within(list(zip(predicted, gold)))
    predicted_pairs, gold_pairs = _pairs_within(predicted), _pairs_within(gold)
    return PRF.of(true_positive / predicted_pairs if predicted_pairs else 1.0,
                  true_positive / gold_pairs if gold_pairs else 1.0)


def score_clusters(documents: list[EcbDocument], predicted: list[int]) -> EcbScores:
    gold = [document.subtopic for document in documents]
    by_topic: dict[int, list[int]] = defaultdict(list)
    for index, document in enumerate(documents):
        by_topic[document.topic].append(index)
    hard_pairs = joined = separated = 0
    for members in by_topic.values():
        topic_joined = 0
        for first, second in combinations(members, 2):
            if gold[first] != gold[second]:
                hard_pairs += 1
                topic_joined += predicted[first] == predicted[second]
        joined += topic_joined
        separated += topic_joined == 0
    return EcbScores(
        documents=len(documents),
        topics=len(by_topic),
        gold_events=len(set(gold)),
        predicted_clusters=len(set(predicted)),
        bcubed=bcubed(predicted, gold),
        pairwise=pairwise(predicted, gold),
        hard_negative_pairs=hard_pairs,
        hard_negatives_kept_apart=round(1 - joined / hard_pairs, 4) if hard_pairs else 1.0,
        topics_fully_separated=separated,
    )


def evaluate(path: Path, topics: int | None = None, config: LinkConfig = DOCUMENT_CONFIG) -> EcbScores:
    documents = load_documents(path, topics)
    return score_clusters(documents, cluster_documents(documents, config))
