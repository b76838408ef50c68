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
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from itertools import combinations

from clashwatch.link.cluster import cluster_profiles
from clashwatch.link.decisions import AnalystDecision, constraints
from clashwatch.link.features import EVENT_CONFIG, LinkConfig, compare, profile_of_event
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
    clustered, texts = cluster_profiles(profiles, config, is_new, rules.cannot_link, rules.must_link)

    clusters: dict[int, list[int]] = defaultdict(list)
    for index, label in enumerate(clustered.clustering.labels):
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

    audit = []
    for merge in clustered.clustering.merges:
        pair_features: dict[str, float] = {}
        pair_ids = None
        if merge.strongest_pair is not None:
            first, second = merge.strongest_pair
            cosine = float(texts.cosines([first], [second])[0])
            pair_features = compare(profiles[first], profiles[second], None if cosine != cosine else cosine, config).shared()
            pair_ids = (items[first].id, items[second].id)
        audit.append(
            LinkDecision(
                event_id=event_of[merge.left[0]],
                left=tuple(items[index].id for index in merge.left),
                right=tuple(items[index].id for index in merge.right),
                mean_score=round(merge.mean_score, 4),
                pair=pair_ids,
                pair_score=round(merge.strongest_score, 4),
                features=pair_features,
                analyst=merge.forced,
            )
        )
    return LinkResult(events, members, audit, clustered.compared_pairs, clustered.vetoed_pairs)
