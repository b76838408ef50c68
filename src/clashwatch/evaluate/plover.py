"""Score PLOVER categories (and source/target countries) on the PLOVER gold-standard sentences.

Entry point: ``evaluate_plover(path, limit=None) -> dict``.

ClashWatch codes ACLED's typology, whose sub-types map onto seven PLOVER categories (FIGHT, ASSAULT, PROTEST, COERCE,
AGREE, MOBILIZE, RETREAT); the other PLOVER categories (DEMAND, REJECT, THREATEN, CONSULT, AID, ...) are verbal or
cooperative acts that ACLED does not code, and the right answer for them here is "no event". The report therefore
gives accuracy on all sentences (those categories count as correct when no event is coded), accuracy on the sentences
of the covered categories, and how well the source and target parties are coded (``actors.event_parties``) on every
sentence: each gold actor's code (a country's ISO3, or IGO/NGO for an international body) should be among the codes
found on its side (match), and each code found should be among the gold ones of its side (precision).
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


# CAMEO writes a few countries with codes of its own; the gold file uses these two.
CAMEO_TO_ISO3 = {"JAP": "JPN", "ITL": "ITA"}
INTERNATIONAL_CODES = frozenset({"IGO", "NGO"})


def gold_codes(actors: list[dict] | str) -> list[str]:
    """The codes of one side's gold actors, in ISO3 where they are countries; a few gold records hold a bare string
    here instead of actors, which codes nothing."""
    if not isinstance(actors, list):
        return []
    codes = (actor.get("code") for actor in actors if isinstance(actor, dict))
    return [CAMEO_TO_ISO3.get(code, code) for code in codes if code]


def evaluate_plover(path: Path, limit: int | None = None) -> dict:
    from clashwatch.extract.actors import event_parties
    from clashwatch.extract.event_types import classify_sentence
    from clashwatch.nlp import load_pipeline

    records = [record for record in json.loads(path.read_text(encoding="utf-8")) if record.get("event") != "DOCUMENT"]
    records = records[:limit] if limit else records
    nlp = load_pipeline()
    started = time.perf_counter()
    gold, predicted = [], []
    matched: Counter[str] = Counter()  # per kind of gold code ("country", "international"): gold actors found
    gold_actors: Counter[str] = Counter()
    found_right = found_total = 0
    for record, doc in zip(records, nlp.pipe(record["text"] for record in records)):
        mentions = classify_sentence(doc[:])
        gold.append(expected_answer(record["event"]))
        predicted.append(mentions[0].plover or NO_EVENT if mentions else NO_EVENT)
        parties = event_parties(doc[:])
        for side, found in (("source", parties.source), ("target", parties.target)):
            if not isinstance(record.get(side) or [], list):
                continue
            expected = gold_codes(record.get(side) or [])
            codes = {party.code for party in found}
            for code in expected:
                kind = "international" if code in INTERNATIONAL_CODES else "country"
                gold_actors[kind] += 1
                matched[kind] += code in codes
            found_total += len(codes)
            found_right += len(codes & set(expected))
    covered = [(g, p) for g, p in zip(gold, predicted) if g != NO_EVENT]
    confusion = Counter(f"{g} -> {p}" for g, p in zip(gold, predicted) if g != p)
    n_gold_actors = sum(gold_actors.values())
    return {
        "n": len(records),
        "n_covered": len(covered),
        "seconds": round(time.perf_counter() - started, 1),
        "accuracy": accuracy(gold, predicted),
        "macro_f1": macro_f1(gold, predicted),
        "covered_accuracy": accuracy([g for g, _ in covered], [p for _, p in covered]),
        "actor_country_match": sum(matched.values()) / n_gold_actors if n_gold_actors else 0.0,
        "actor_country_pairs": n_gold_actors,
        "actor_code_precision": found_right / found_total if found_total else 0.0,
        "actor_codes_found": found_total,
        "actor_match_by_kind": {kind: round(matched[kind] / gold_actors[kind], 3) for kind in sorted(gold_actors)},
        "top_confusions": dict(confusion.most_common(10)),
    }
