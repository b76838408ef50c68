"""Analyst decisions that survive re-linking.

An analyst's merge or split is kept as pair constraints between report ids (a report is one article's coded
event), which stay valid however the events around them are later re-clustered:
- split report R out of its event: R must not share an event with any report it was with;
- merge events A and B: one report of A must share an event with one report of B.
A later decision about the same pair of reports overrides an earlier one.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import Enum


class Action(str, Enum):
    MERGE = "merge"
    SPLIT = "split"


@dataclass(frozen=True)
class AnalystDecision:
    action: Action
    first: str  # report id
    second: str  # report id


def split_decisions(report_id: str, others: Iterable[str]) -> list[AnalystDecision]:
    """Take ``report_id`` out of the event it shares with ``others``."""
    return [AnalystDecision(Action.SPLIT, report_id, other) for other in sorted(set(others)) if other != report_id]


def merge_decision(report_of_first: str, report_of_second: str) -> AnalystDecision:
    return AnalystDecision(Action.MERGE, report_of_first, report_of_second)


@dataclass(frozen=True)
class Constraints:
    must_link: list[tuple[int, int]]
    cannot_link: set[tuple[int, int]]


def constraints(decisions: Iterable[AnalystDecision], index_of: dict[str, int]) -> Constraints:
    """Pair constraints between item indices, the latest decision about a pair winning; ids not present are
    ignored (their reports are not part of this linking run)."""
    latest: dict[tuple[int, int], Action] = {}
    for decision in decisions:
        if decision.first not in index_of or decision.second not in index_of:
            continue
        first, second = index_of[decision.first], index_of[decision.second]
        if first != second:
            latest[(min(first, second), max(first, second))] = decision.action
    return Constraints(
        must_link=sorted(pair for pair, action in latest.items() if action is Action.MERGE),
        cannot_link={pair for pair, action in latest.items() if action is Action.SPLIT},
    )
