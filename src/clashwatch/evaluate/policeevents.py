"""Score police-action detection on IndiaPoliceEvents (Times of India, March 2002): KILL, ARREST, FORCE, ANY_ACTION.

Entry point: ``evaluate_policeevents(folder, limit=None) -> dict``.

The corpus asks questions about the police ("did police kill someone?"), so a sentence counts as positive when the
rule classifier's cues (``find_cues``) show the act and a police or security force is named in it; arrests are almost
always made by the police, so an arrest needs no named agent. A document is positive when one of its sentences is.
Published keyword baseline (Halterman et al. 2021, sentence F1): KILL 0.50, ARREST 0.48, FORCE 0.65, ANY_ACTION 0.66.
"""

from __future__ import annotations

import json
import re
import time
from collections import defaultdict
from dataclasses import asdict
from pathlib import Path

from clashwatch.evaluate.metrics import binary_prf

LABELS = ("KILL", "ARREST", "FORCE", "ANY_ACTION")
KEYWORD_BASELINE_SENTENCE_F1 = {"KILL": 0.50, "ARREST": 0.48, "FORCE": 0.65, "ANY_ACTION": 0.66}

_POLICE = re.compile(
    r"\b(police(m[ae]n)?|cops?|constables?|constabulary|srp|crpf|bsf|raf|rapid action force|jawans?|army|troops|"
    r"security forces|paramilitary|sharp ?shooters?|inspectors?|sub-inspector|dsp|sp|commissioner of police|khaki)\b",
    re.IGNORECASE,
)
_LETHAL = re.compile(r"\b(kill(ed|ing)?|shot dead|dead|died|death|bodies|succumbed)\b", re.IGNORECASE)
_FIRING = re.compile(r"\b(fir(e|ed|ing)|shot|shoot(ing)?|bullets?|opened fire|rounds)\b", re.IGNORECASE)
_FORCE_FAMILIES = frozenset({"violence", "armed_clash"})
_ACTION_FAMILIES = frozenset({"group_change", "disrupted", "other_development", "looting", "abduction"})
_ACTION_VERBS = frozenset(
    {"deploy", "patrol", "raid", "rescue", "seize", "book", "register", "impose", "search", "round", "control", "intervene",
     "escort", "guard", "cordon", "chase", "recover", "question", "interrogate", "file", "lodge", "clamp"}
)


def _done_by_police(act) -> bool:
    """Whether the police are the doers of a violent act: its subject or agent ("police fired", "firing by police",
    "police firing")."""
    doers = [child for child in act.children if child.dep_ in ("nsubj", "agent", "compound", "poss", "amod")]
    if act.head.i != act.i and act.dep_ in ("compound", "amod"):
        doers.append(act.head)  # "police firing" parsed with the act as modifier
    return any(_POLICE.search(token.text) for doer in doers for token in doer.subtree)


def sentence_labels(sent) -> set[str]:
    """The police-action classes a parsed sentence shows."""
    from clashwatch.extract.event_types import find_cues

    cues = find_cues(sent)
    families = {cue.family for cue in cues}
    labels: set[str] = set()
    police = bool(_POLICE.search(sent.text))
    if "arrest" in families or any(cue.family == "intervention" and cue.token.lemma_ in ("arrest", "detain") for cue in cues):
        labels.add("ARREST")
    if police and _LETHAL.search(sent.text) and _FIRING.search(sent.text):
        labels.add("KILL")
    forceful = any(
        cue.family == "intervention" and cue.token.lemma_ not in ("arrest", "detain") or cue.family in _FORCE_FAMILIES and _done_by_police(cue.token)
        for cue in cues
    )
    if "KILL" in labels or (police and forceful):
        labels.add("FORCE")
    police_acts = police and any(
        token.lemma_.lower() in _ACTION_VERBS or (token.dep_ in ("nsubj", "agent", "pobj") and _POLICE.fullmatch(token.text))
        for token in sent
    )
    if labels or police_acts or (police and families & _ACTION_FAMILIES):
        labels.add("ANY_ACTION")
    return labels


def _read_jsonl(path: Path) -> list[dict]:
    with open(path, encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def evaluate_policeevents(folder: Path, limit: int | None = None) -> dict:
    from clashwatch.nlp import load_pipeline

    sentences = _read_jsonl(folder / "sents.jsonl")
    doc_ids = sorted({row["doc_id"] for row in sentences})
    if limit:
        keep = set(doc_ids[:limit])
        sentences = [row for row in sentences if row["doc_id"] in keep]
    nlp = load_pipeline()
    started = time.perf_counter()
    predicted_by_doc: dict[int, set[str]] = defaultdict(set)
    # document answers were adjudicated on whole articles, so they come from docs.jsonl, not from the sentences
    gold_by_doc = {row["doc_id"]: set(row["doc_labels"]) for row in _read_jsonl(folder / "docs.jsonl")}
    gold_sentences, predicted_sentences = [], []
    texts = (row["sent_text"] for row in sentences)
    for row, doc in zip(sentences, nlp.pipe(texts, batch_size=128)):
        predicted = sentence_labels(doc[:])
        gold = set(row["sent_labels"])
        gold_sentences.append(gold)
        predicted_sentences.append(predicted)
        predicted_by_doc[row["doc_id"]] |= predicted
    docs = sorted({row["doc_id"] for row in sentences})
    report = {"sentences": len(sentences), "documents": len(docs), "seconds": round(time.perf_counter() - started, 1)}
    for label in LABELS:
        sentence_score = binary_prf([label in gold for gold in gold_sentences], [label in p for p in predicted_sentences])
        document_score = binary_prf([label in gold_by_doc[d] for d in docs], [label in predicted_by_doc[d] for d in docs])
        report[label] = {
            "sentence": asdict(sentence_score),
            "document": asdict(document_score),
            "keyword_baseline_sentence_f1": KEYWORD_BASELINE_SENTENCE_F1[label],
        }
    return report
