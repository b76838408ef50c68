"""Score police-action detection on IndiaPoliceEvents (Times of India, March 2002): KILL, ARREST, FORCE, ANY_ACTION.

Entry point: ``evaluate_policeevents(folder, limit=None) -> dict``.

The corpus asks questions about the police ("did police kill someone?", "did police do anything?"), so:
- ARREST: the rule classifier's arrest cues (``find_cues``) for an arrest that happened, not one that is only
  ordered, demanded or feared ("orders to arrest anyone", "apprehended cross-voting");
- FORCE: a violent cue the police did, or a crowd-control tool (tear gas, a lathi charge, rounds fired);
- KILL: a death with police fire;
- ANY_ACTION: any of these, a security measure (security tightened, a flag march, patrols, a vigil), or the police
  named as people taking part in what the sentence tells (the annotators count a police statement or presence as
  action); the police named only as the owner of a place or thing ("near the police station") is not.
A document is positive when one of its sentences is.
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
    r"security forces|security personnel|para-? ?military|military|paramilitary|sharp ?shooters?|inspectors?|"
    r"sub-inspector|dsp|sp|dgp|igp?|ips|cid|commissioner of police|khaki)\b",
    re.IGNORECASE,
)
# Nouns the police word only owns or locates ("the police station", "police control room"): no police act.
_POLICE_PROPERTY = frozenset(
    {"station", "room", "headquarters", "van", "jeep", "vehicle", "chowki", "post", "outpost", "record", "line",
     "colony", "quarter", "ground", "limit", "area", "department", "cantonment", "camp", "hospital"}
)
_LETHAL = re.compile(r"\b(kill(ed|ing)?|shot dead|dead|died|death|deaths|bodies|succumbed|perished)\b", re.IGNORECASE)
_FIRING = re.compile(r"\b(fir(e|ed|ing)|shot|shoot(ing)?|bullets?|opened fire|rounds)\b", re.IGNORECASE)
# Crowd-control force: the tools only the police use, and firing in rounds or to disperse.
_CROWD_CONTROL = re.compile(
    r"\b(tear ?-?gas(sed)?|lathi[- ]?charg(e|ed|es|ing)|lathis|cane[- ]?charg(e|ed)|baton[- ]?charg(e|ed)|"
    r"rubber bullets|water cannons?|fir(e|ed|ing)\b[^.]{0,30}\brounds|rounds\b[^.]{0,25}\b(fired|of fire|of firing)|"
    r"police firing|firing by (the )?police|open(ed|ing)? fire|resort(ed|ing)? to (firing|force)|"
    r"used? (\w+ )?force|bullet injuries)\b",
    re.IGNORECASE,
)
# Measures that only a security force carries out, whether or not the sentence names it.
_SECURITY_MEASURE = re.compile(
    r"\b(security\b[^.]{0,40}\b(tightened|beefed|stepped up|intensified|enhanced|increased|heightened|strengthened|"
    r"arrangements?|measures|cover|set-?up|blanket|cordon)|(tight|tightened|heavy|elaborate|massive|strict|foolproof|"
    r"adequate) (security|vigil|watch|bandobast)|bandobast|vigil|close watch|flag ?-?march(es)?|patrol(s|led|ling)?|"
    r"deploy(ed|ment|ing)?|combing|interrogat(e|ed|ing|ion)|cordon(ed)? off|barricad(e|es|ed|ing)|picked up)\b",
    re.IGNORECASE,
)
_FORCE_FAMILIES = frozenset({"violence", "armed_clash"})
# Heads whose infinitive complement did happen.
_IMPLICATIVE_HEADS = frozenset({"able", "manage", "succeed", "lucky"})
# Verbs whose object is a person only when they mean an arrest ("apprehended the accused", not "apprehended trouble").
_ARREST_NEEDS_PERSON = frozenset({"apprehend"})


def _done_by_police(act) -> bool:
    """Whether the police are the doers of a violent act: its subject or agent ("police fired", "firing by police",
    "police firing")."""
    doers = [child for child in act.children if child.dep_ in ("nsubj", "agent", "compound", "poss", "amod")]
    if act.head.i != act.i and act.dep_ in ("compound", "amod"):
        doers.append(act.head)  # "police firing" parsed with the act as modifier
    return any(_POLICE.search(token.text) for doer in doers for token in doer.subtree)


def _names_police_people(sent) -> bool:
    """Whether the sentence names the police as people, not only as the owner of a place ("the police station")."""
    for match in _POLICE.finditer(sent.text):
        tokens = sent.doc.char_span(sent.start_char + match.start(), sent.start_char + match.end(), alignment_mode="expand")
        if tokens is None or not len(tokens):
            continue
        mention = tokens.root
        owned = mention.dep_ in ("compound", "amod", "nmod") and mention.head.lemma_.lower() in _POLICE_PROPERTY
        if not owned:
            return True
    return False


def _is_unrealised(verb) -> bool:
    """An infinitive ("orders to arrest anyone", "time to arrest him"): an act ordered or sought, not done; unless
    its head says it was done ("were able to arrest 39 miscreants", "managed to arrest")."""
    infinitive = verb.pos_ == "VERB" and any(child.dep_ == "aux" and child.lower_ == "to" for child in verb.children)
    return infinitive and verb.head.lemma_.lower() not in _IMPLICATIVE_HEADS


def _is_arrest(cue) -> bool:
    from clashwatch.extract.event_types import is_person_noun

    token = cue.token
    if _is_unrealised(token):
        return False
    if token.lemma_.lower() in _ARREST_NEEDS_PERSON:
        objects = [child for child in token.children if child.dep_ in ("dobj", "ccomp", "xcomp")]
        return all(child.pos_ == "PROPN" or is_person_noun(child) for child in objects)
    return True


def sentence_labels(sent) -> set[str]:
    """The police-action classes a parsed sentence shows."""
    from clashwatch.extract.event_types import find_cues

    cues = find_cues(sent)
    labels: set[str] = set()
    police = bool(_POLICE.search(sent.text))
    arrest_cues = [cue for cue in cues if cue.family == "arrest" or (cue.family == "intervention" and cue.token.lemma_ in ("arrest", "detain"))]
    if any(map(_is_arrest, arrest_cues)):
        labels.add("ARREST")
    if _LETHAL.search(sent.text) and (police and _FIRING.search(sent.text) or re.search(r"\bfiring\b", sent.text, re.IGNORECASE)):
        labels.add("KILL")
    forceful = any(
        cue.family == "intervention" and cue.token.lemma_ not in ("arrest", "detain") or cue.family in _FORCE_FAMILIES and _done_by_police(cue.token)
        for cue in cues
    )
    if "KILL" in labels or (police and forceful) or _CROWD_CONTROL.search(sent.text):
        labels.add("FORCE")
    if labels or _names_police_people(sent) or _SECURITY_MEASURE.search(sent.text):
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
