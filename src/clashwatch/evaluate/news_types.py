"""Score event typing on news-style snippets labelled with the CASE 2021 Task 2 codes.

Entry point: ``evaluate_news_types(path, coder=None) -> dict`` (what ``clashwatch evaluate news-types`` prints).

Input: a tab-separated file with a header and the columns ``id``, ``EventSnippet``, ``SubType``. ``SubType`` is one of
the 25 CASE 2021 Task 2 codes of ACLED's sub-event types (``ARMED_CLASH``, ``PEACE_PROTEST``, ...) or one of the codes
CASE added for happenings ACLED does not code (``ORG_CRIME``, ``NATURAL_DISASTER``, ``MAN_MADE_DISASTER``, ``DIPLO``,
``ATTRIB``), whose right answer here is no event. Each snippet is coded by the full coder as one article; its main
event (the first that is not background) gives the predicted sub-type. F1 is computed per ACLED code over all
snippets (so an event coded on a non-ACLED snippet costs its code precision) and averaged over the ACLED codes present.
"""

from __future__ import annotations

import csv
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from clashwatch.evaluate.metrics import accuracy, per_class

NO_EVENT = "no event"

# CASE 2021 Task 2 code -> ACLED sub-event type (the task's "seen" types; spellings as the task's note gives them).
CASE_CODES: dict[str, str] = {
    "ABDUCT_DISSAP": "Abduction/forced disappearance",
    "AGREEMENT": "Agreement",
    "AIR_STRIKE": "Air/drone strike",
    "ARMED_CLASH": "Armed clash",
    "ARREST": "Arrests",
    "ART_MISS_ATTACK": "Shelling/artillery/missile attack",
    "ATTACK": "Attack",
    "CHANGE_TO_GROUP_ACT": "Change to group/activity",
    "CHEM_WEAP": "Chemical weapon",
    "DISR_WEAP": "Disrupted weapons use",
    "FORCE_AGAINST_PROTEST": "Excessive force against protesters",
    "GOV_REGAINS_TERIT": "Government regains territory",
    "GRENADE": "Grenade",
    "HQ_ESTABLISHED": "Headquarters or base established",
    "MOB_VIOL": "Mob violence",
    "NON_STATE_ACTOR_OVERTAKES_TER": "Non-state actor overtakes territory",
    "NON_VIOL_TERRIT_TRANSFER": "Non-violent transfer of territory",
    "OTHER": "Other",
    "PEACE_PROTEST": "Peaceful protest",
    "PROPERTY_DISTRUCT": "Looting/property destruction",
    "PROTEST_WITH_INTER": "Protest with intervention",
    "REM_EXPLOS": "Remote explosive/landmine/IED",
    "SEX_VIOL": "Sexual violence",
    "SUIC_BOMB": "Suicide bomb",
    "VIOL_DEMONSTR": "Violent demonstration",
}
# Codes CASE 2021 added for happenings outside ACLED's typology: the coder should find no event in them.
NON_ACLED_CODES = frozenset({"ORG_CRIME", "NATURAL_DISASTER", "MAN_MADE_DISASTER", "DIPLO", "ATTRIB"})
CODE_OF_SUB_EVENT_TYPE = {sub_event_type: code for code, sub_event_type in CASE_CODES.items()}


@dataclass(frozen=True)
class Snippet:
    id: str
    text: str
    code: str


def read_snippets(path: Path) -> list[Snippet]:
    """The snippets of a CASE-style TSV; an unknown code is an error naming its line, never a silent miss."""
    with open(path, newline="", encoding="utf-8") as handle:
        reader = csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
        missing = {"id", "EventSnippet", "SubType"} - set(reader.fieldnames or [])
        if missing:
            raise ValueError(f"{path}: missing column(s) {', '.join(sorted(missing))}")
        snippets = []
        for line, row in enumerate(reader, start=2):
            code = row["SubType"].strip()
            if code not in CASE_CODES and code not in NON_ACLED_CODES:
                raise ValueError(f"{path}:{line}: unknown CASE 2021 code {code!r}")
            snippets.append(Snippet(row["id"], row["EventSnippet"], code))
    return snippets


def expected_answer(code: str) -> str:
    return code if code in CASE_CODES else NO_EVENT


def predicted_code(sub_event_type: str | None) -> str:
    return CODE_OF_SUB_EVENT_TYPE.get(sub_event_type or "", NO_EVENT)


def score(snippets: list[Snippet], predicted: list[str], seconds: float) -> dict:
    gold = [expected_answer(snippet.code) for snippet in snippets]
    classes = per_class(gold, predicted)
    acled_classes = {code: scores for code, scores in classes.items() if code in CASE_CODES}
    support = sum(scores.support for scores in acled_classes.values())
    acled_answers = [answer for snippet, answer in zip(snippets, predicted) if snippet.code in CASE_CODES]
    other_answers = [answer for snippet, answer in zip(snippets, predicted) if snippet.code in NON_ACLED_CODES]
    return {
        "n": len(snippets),
        "n_acled": len(acled_answers),
        "n_non_acled": len(other_answers),
        "seconds": round(seconds, 1),
        "accuracy": accuracy(gold, predicted),
        "weighted_f1": sum(s.f1 * s.support for s in acled_classes.values()) / support if support else 0.0,
        "macro_f1": sum(s.f1 for s in acled_classes.values()) / len(acled_classes) if acled_classes else 0.0,
        "acled_no_event_rate": acled_answers.count(NO_EVENT) / len(acled_answers) if acled_answers else 0.0,
        "non_acled_no_event_rate": other_answers.count(NO_EVENT) / len(other_answers) if other_answers else 0.0,
        "per_code_f1": {code: round(acled_classes[code].f1, 3) for code in sorted(acled_classes)},
        "top_confusions": dict(
            Counter(f"{g} -> {p}" for g, p in zip(gold, predicted) if g != p).most_common(15)
        ),
    }


def evaluate_news_types(path: Path, coder=None) -> dict:
    """Codes every snippet with ``coder`` (the shipped ``EventCoder`` when None) and scores its main events."""
    from clashwatch.evaluate.acled import main_event
    from clashwatch.extract import EventCoder
    from clashwatch.records import Article

    snippets = read_snippets(path)
    coder = coder or EventCoder()
    started = time.perf_counter()
    predicted = []
    for _, events in coder.code_many(Article(text=snippet.text) for snippet in snippets):
        main = main_event(events)
        predicted.append(predicted_code(main.sub_event_type) if main else NO_EVENT)
    return score(snippets, predicted, time.perf_counter() - started)
