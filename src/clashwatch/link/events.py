"""Linking coded events: many reports of one happening become one event with every claim.

``link_events(new, existing)`` clusters the new reports among themselves and into the existing events (which
never merge with each other: the database is not re-linked), then resolves each touched cluster into one event
(``resolve``). Every merge is returned as a ``LinkDecision`` with its scores, for the audit trail. Reports that
the coder made from one sentence of one article (one per place named) are never linked back together.

Event ids: a cluster that holds an existing event keeps that event's id; a new cluster takes the id of its
earliest-published report (ties: the smaller id), so re-linking the same reports gives the same ids.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from itertools import combinations

import numpy as np

from clashwatch.link.cluster import Merge, ProfileClustering, cluster_profiles
from clashwatch.link.decisions import AnalystDecision, constraints
from clashwatch.link.features import EVENT_CONFIG, LinkConfig, Veto, event_window, profile_of_event
from clashwatch.link.resolve import resolve
from clashwatch.records import Event


@dataclass(frozen=True)
class LinkDecision:
    """One merge: the items on each side, their mean pair score, and their most alike pair with its features."""

    event_id: str
    left: tuple[str, ...]
    right: tuple[str, ...]
    mean_score: float
    pair: tuple[str, str] | None
    pair_score: float
    features: dict[str, float]
    analyst: bool = False


@dataclass
class LinkResult:
    events: list[Event]  # the events that are new or gained reports, resolved
    members: dict[str, list[str]]  # event id -> ids of the items (new reports, existing events) it is made of
    decisions: list[LinkDecision] = field(default_factory=list)
    compared_pairs: int = 0
    vetoed_pairs: int = 0


def _first_published(event: Event) -> date:
    return min((claim.published for claim in event.claims if claim.published), default=date.max)


def split_by_the_coder(items: list[Event]) -> set[tuple[int, int]]:
    """Pairs of items that tell one sentence of one article: the coder made them separate events on purpose
    (one per place, or per pair of actors, in "shelling near A, B and C"), so linking must not undo it."""
    sharing: dict[tuple[str, int, int], set[int]] = defaultdict(set)
    for index, item in enumerate(items):
        for claim in item.claims:
            for span in claim.evidence:
                sharing[(claim.article_id, span.start, span.end)].add(index)
    return {(first, second) for indices in sharing.values() for first, second in combinations(sorted(indices), 2)}


def link_events(
    new: list[Event],
    existing: Iterable[Event] = (),
    decisions: Iterable[AnalystDecision] = (),
    config: LinkConfig = EVENT_CONFIG,
    members_of_existing: dict[str, list[str]] | None = None,
) -> LinkResult:
    """Links ``new`` reports among themselves and into ``existing`` events.

    ``decisions`` (analyst merges and splits) name report ids; ``members_of_existing`` says which report ids each
    existing event holds, so decisions about those reports apply to it.
    """
    return _cluster(new, existing, decisions, config, members_of_existing).result()


def link_stream(
    reports: Iterable[Event],
    decisions: Iterable[AnalystDecision] = (),
    config: LinkConfig = EVENT_CONFIG,
    chunk_size: int = 20_000,
) -> Iterator[LinkResult]:
    """Links reports that arrive in order of the first day they may have happened on (``event_window``), a
    stretch of days at a time, so memory holds one stretch and not the dataset; undated reports are linked
    together at the end. Each result holds the events no later report can join: a group of reports that could
    still link to what comes next is carried into the next stretch whole, so its clusters are the ones one run
    over everything would make (except that word weights are learnt per stretch).
    """
    decisions = list(decisions)
    pending: list[Event] = []
    undated: list[Event] = []
    carried = 0
    latest = date.min
    for report in reports:
        start = event_window(report)[0]
        if start is None:
            undated.append(report)
            continue
        if start < latest:
            raise ValueError(f"reports must come in order of their first possible day: {report.id} starts {start},"
                             f" after a report starting {latest}")
        if start > latest and len(pending) >= carried + chunk_size:
            # Every report to come starts on ``start`` or later: groups that end before it, less the gap, are done.
            run = _cluster(pending, (), decisions, config, None)
            finished = run.finished_before(start.toordinal() - config.max_gap_days)
            yield run.result(finished)
            pending = [item for item, done in zip(run.items, finished, strict=True) if not done]
            carried = len(pending)
        latest = start
        pending.append(report)
    for rest in (pending, undated):
        if rest:
            yield _cluster(rest, (), decisions, config, None).result()


@dataclass
class _Run:
    items: list[Event]
    is_new: list[bool]
    clustered: ProfileClustering

    def finished_before(self, day: int) -> np.ndarray:
        """Which items are in a group (``cluster.linkable_groups``) whose every window ends before ``day``."""
        groups = self.clustered.groups
        last_day = np.full(groups.max(initial=-1) + 1, np.iinfo(np.int64).min)
        np.maximum.at(last_day, groups, self.clustered.columns.end)
        return last_day[groups] < day

    def result(self, keep: np.ndarray | None = None) -> LinkResult:
        """The linked events (and merges) of the clusters made of kept items; all when ``keep`` is None."""
        items, is_new, clustered = self.items, self.is_new, self.clustered
        kept = np.ones(len(items), dtype=bool) if keep is None else keep
        clusters: dict[int, list[int]] = defaultdict(list)
        for index, label in enumerate(clustered.clustering.labels):
            if kept[index]:
                clusters[label].append(index)
        touched = [indices for indices in clusters.values() if any(is_new[index] for index in indices)]

        events, members, event_of = [], {}, {}
        for indices in touched:
            anchor = next((index for index in indices if not is_new[index]), None)
            if anchor is None:
                anchor = min(indices, key=lambda index: (_first_published(items[index]), items[index].id))
            event_id = items[anchor].id
            member_items = [items[index] for index in indices]
            events.append(member_items[0] if len(indices) == 1 else resolve(member_items, event_id))
            members[event_id] = [item.id for item in member_items]
            for index in indices:
                event_of[index] = event_id

        audit = [self._decision(merge, event_of[merge.left[0]])
                 for merge in clustered.clustering.merges if kept[merge.left[0]]]
        compared = kept[clustered.pairs[:, 0]] | kept[clustered.pairs[:, 1]]
        vetoed = compared & (clustered.measured.veto != Veto.NONE)
        return LinkResult(events, members, audit, int(compared.sum()), int(vetoed.sum()))

    def _decision(self, merge: Merge, event_id: str) -> LinkDecision:
        items = self.items
        pair_features: dict[str, float] = {}
        pair_ids = None
        if merge.strongest_pair is not None:
            first, second = merge.strongest_pair
            pair_features = self.clustered.features(first, second).shared()
            pair_ids = (items[first].id, items[second].id)
        return LinkDecision(
            event_id=event_id,
            left=tuple(items[index].id for index in merge.left),
            right=tuple(items[index].id for index in merge.right),
            mean_score=round(merge.mean_score, 4),
            pair=pair_ids,
            pair_score=round(merge.strongest_score, 4),
            features=pair_features,
            analyst=merge.forced,
        )


def _cluster(
    new: list[Event],
    existing: Iterable[Event],
    decisions: Iterable[AnalystDecision],
    config: LinkConfig,
    members_of_existing: dict[str, list[str]] | None,
) -> _Run:
    items = sorted(existing, key=lambda event: event.id) + sorted(new, key=lambda event: event.id)
    is_new = [False] * (len(items) - len(new)) + [True] * len(new)
    index_of = {item.id: index for index, item in enumerate(items)}
    for event_id, report_ids in (members_of_existing or {}).items():
        for report_id in report_ids:
            if event_id in index_of:
                index_of.setdefault(report_id, index_of[event_id])
    rules = constraints(decisions, index_of)
    rules.cannot_link.update(split_by_the_coder(items))
    profiles = [profile_of_event(item) for item in items]
    clustered = cluster_profiles(profiles, config, is_new, rules.cannot_link, rules.must_link)
    return _Run(items, is_new, clustered)
