"""Score PLOVER categories (and source/target countries) on the PLOVER gold-standard sentences.

Entry point: ``evaluate_plover(path, limit=None) -> dict``.

ClashWatch codes ACLED's typology, whose sub-types map onto seven PLOVER categories (FIGHT, ASSAULT, PROTEST, COERCE,
AGREE, MOBILIZE, RETREAT); the other PLOVER categories (DEMAND, REJECT, THREATEN, CONSULT, AID, ...) are verbal or
cooperative acts that ACLED does not code, and the right answer for them here is "no event". The report therefore
gives accuracy on all sentences (those categories count as correct when no event is coded), accuracy on the sentences
of the covered categories, and the source/target country match of coded events (actors module).
"""

from __future__ import annotations

import json
import time
from collections import Counter
from pathlib import Path

from clashwatch.evaluate.metrics import accuracy, macro_f1

NO_EVENT = "no event"
COVERED = frozenset({"FIGHT", "ASSAULT", "PROTEST", "COERCE", "AGREE", "MOBILIZE", "RETREAT"})


def expected_answer(category: str) -> str:
    return category if category in COVERED else NO_EVENT


def _first_code(actors: list[dict] | str) -> str | None:
    """The first coded actor's country/IGO code; a few gold records hold a bare string here instead of actors."""
    if not isinstance(actors, list):
        return None
    return next((actor.get("code") for actor in actors if isinstance(actor, dict) and actor.get("code")), None)


def evaluate_plover(path: Path, limit: int | None = None) -> dict:
    from clashwatch.extract.actors import ActorContext, find_actors
    from clashwatch.extract.event_types import classify_sentence
    from clashwatch.nlp import load_pipeline

    records = [record for record in json.loads(path.read_text(encoding="utf-8")) if record.get("event") != "DOCUMENT"]
    records = records[:limit] if limit else records
    nlp = load_pipeline()
    started = time.perf_counter()
    gold, predicted = [], []
    country_pairs: list[tuple[str | None, str | None]] = []
    for record, doc in zip(records, nlp.pipe(record["text"] for record in records)):
        mentions = classify_sentence(doc[:])
        mention = mentions[0] if mentions else None
        gold.append(expected_answer(record["event"]))
        predicted.append(mention.plover or NO_EVENT if mention else NO_EVENT)
        if mention is None:
            continue
        roles = find_actors(doc[:], mention.event_type, mention.sub_event_type, ActorContext(country_iso3=None))
        for side, actor in (("source", roles.actor1), ("target", roles.actor2)):
            gold_code = _first_code(record.get(side) or [])
            if gold_code:
                country_pairs.append((gold_code, actor.iso3 if actor else None))
    covered = [(g, p) for g, p in zip(gold, predicted) if g != NO_EVENT]
    confusion = Counter(f"{g} -> {p}" for g, p in zip(gold, predicted) if g != p)
    return {
        "n": len(records),
        "n_covered": len(covered),
        "seconds": round(time.perf_counter() - started, 1),
        "accuracy": accuracy(gold, predicted),
        "macro_f1": macro_f1(gold, predicted),
        "covered_accuracy": accuracy([g for g, _ in covered], [p for _, p in covered]),
        "actor_country_match": accuracy([g for g, _ in country_pairs], [p for _, p in country_pairs]),
        "actor_country_pairs": len(country_pairs),
        "top_confusions": dict(confusion.most_common(10)),
    }
