"""Average-linkage clustering over the scored candidate pairs, with constraints.

Clusters merge best-first while the mean score over all their member pairs (pairs never compared count 0) stays
at or above the threshold. Mean, not best, linkage keeps one strong pair from chaining two different fights
together through a shared neighbour. Constraints:
- *anchored* items (events already in the database) never merge with each other, so linking new reports does
  not re-link the database;
- *cannot-link* pairs (a veto, or an analyst's split) keep their clusters apart whatever the scores;
- *must-link* pairs (an analyst's merge) are joined before anything else.
Ties break on the lower cluster ids, so the same input gives the same clusters.
"""

from __future__ import annotations

import heapq
from dataclasses import dataclass, field
from functools import cached_property

import numpy as np
from scipy.sparse import coo_matrix
from scipy.sparse.csgraph import connected_components

from clashwatch.link.blocking import candidate_pairs
from clashwatch.link.features import (LinkConfig, PairColumns, PairFeatures, Profile, ProfileColumns, TextIndex, Veto,
                                      measure_pairs, pair_scores)


@dataclass
class _Cluster:
    members: list[int]
    anchored: bool
    forbidden: set[int] = field(default_factory=set)  # items no member may share a cluster with


@dataclass(frozen=True)
class Merge:
    """Why two clusters became one: their mean pair score and their strongest pair."""

    left: tuple[int, ...]
    right: tuple[int, ...]
    mean_score: float
    strongest_pair: tuple[int, int] | None
    strongest_score: float
    forced: bool = False  # an analyst's merge


@dataclass
class Clustering:
    labels: list[int]  # cluster index of each item, numbered by each cluster's smallest item
    merges: list[Merge]


@dataclass
class _Link:
    total: float = 0.0
    best_score: float = 0.0
    best_pair: tuple[int, int] | None = None

    def add(self, other: _Link) -> None:
        self.total += other.total
        if other.best_score > self.best_score:
            self.best_score, self.best_pair = other.best_score, other.best_pair


class _AverageLinkage:
    def __init__(self, size: int, anchored: list[bool], cannot_link: set[tuple[int, int]]) -> None:
        # Items that no pair or constraint names stay out of the dictionaries: most reports link to nothing.
        self.anchored = anchored
        self.clusters: dict[int, _Cluster] = {}
        self.links: dict[int, dict[int, _Link]] = {}
        for first, second in cannot_link:
            self.item(first).forbidden.add(second)
            self.item(second).forbidden.add(first)
        self.owner = list(range(size))
        self.next_id = size
        self.heap: list[tuple[float, int, int]] = []
        self.merges: list[Merge] = []

    def item(self, index: int) -> _Cluster:
        """A live cluster: an item's own, made when first needed, or a merged one."""
        if index not in self.clusters:
            self.clusters[index] = _Cluster([index], self.anchored[index])
            self.links[index] = {}
        return self.clusters[index]

    def add_pair(self, first: int, second: int, value: float) -> None:
        self.item(first)
        self.item(second)
        link = _Link(value, value, (first, second))
        self.links[first][second] = link
        self.links[second][first] = link

    def may_merge(self, left: int, right: int) -> bool:
        a, b = self.clusters[left], self.clusters[right]
        if a.anchored and b.anchored:
            return False
        smaller, larger = (a, b) if len(a.members) <= len(b.members) else (b, a)
        return not any(member in larger.forbidden for member in smaller.members)

    def mean(self, left: int, right: int) -> float:
        link = self.links[left].get(right)
        if link is None:
            return 0.0
        return link.total / (len(self.clusters[left].members) * len(self.clusters[right].members))

    def push(self, left: int, right: int) -> None:
        low, high = min(left, right), max(left, right)
        heapq.heappush(self.heap, (-self.mean(low, high), low, high))

    def merge(self, left: int, right: int, forced: bool = False) -> int:
        a, b = self.clusters.pop(left), self.clusters.pop(right)
        link = self.links[left].get(right) or _Link()
        mean = link.total / (len(a.members) * len(b.members))
        self.merges.append(
            Merge(tuple(sorted(a.members)), tuple(sorted(b.members)), mean, link.best_pair, link.best_score, forced)
        )
        merged_id = self.next_id
        self.next_id += 1
        self.clusters[merged_id] = _Cluster(a.members + b.members, a.anchored or b.anchored, a.forbidden | b.forbidden)
        for member in self.clusters[merged_id].members:
            self.owner[member] = merged_id
        combined: dict[int, _Link] = {}
        for old in (left, right):
            for neighbour, neighbour_link in self.links.pop(old).items():
                if neighbour in (left, right):
                    continue
                combined.setdefault(neighbour, _Link()).add(neighbour_link)
                del self.links[neighbour][old]
        self.links[merged_id] = combined
        for neighbour, neighbour_link in combined.items():
            self.links[neighbour][merged_id] = neighbour_link
            self.push(merged_id, neighbour)
        return merged_id

    def run(self, threshold: float) -> None:
        for left, neighbours in list(self.links.items()):
            for right in neighbours:
                if left < right:
                    self.push(left, right)
        while self.heap:
            negative_mean, left, right = heapq.heappop(self.heap)
            if left not in self.clusters or right not in self.clusters:
                continue
            if -negative_mean != self.mean(left, right):
                continue  # stale entry: a fresher one for this pair is in the heap
            if -negative_mean < threshold:
                break
            if self.may_merge(left, right):
                self.merge(left, right)


def average_linkage(
    size: int,
    scored_pairs: list[tuple[int, int, float]],
    threshold: float,
    anchored: list[bool] | None = None,
    cannot_link: set[tuple[int, int]] | None = None,
    must_link: list[tuple[int, int]] | None = None,
) -> Clustering:
    state = _AverageLinkage(size, anchored or [False] * size, cannot_link or set())
    for first, second, value in scored_pairs:
        if value > 0:
            state.add_pair(first, second, value)
    for first, second in must_link or []:
        left, right = state.owner[first], state.owner[second]
        if left != right:
            state.item(left)
            state.item(right)
            state.merge(left, right, forced=True)
    state.run(threshold)
    return Clustering(_labels(state.owner), state.merges)


def _labels(owner: list[int]) -> list[int]:
    first_item: dict[int, int] = {}
    for index, cluster in enumerate(owner):
        first_item.setdefault(cluster, index)
    return [first_item[cluster] for cluster in owner]


@dataclass
class ProfileClustering:
    """Clusters of profiles, the merges that made them, the pairs compared (with their measures) and how many of
    them were vetoed."""

    clustering: Clustering
    pairs: np.ndarray  # (k, 2) compared index pairs, sorted
    measured: PairColumns
    columns: ProfileColumns
    groups: np.ndarray  # of each profile (``linkable_groups``)

    @property
    def compared_pairs(self) -> int:
        return len(self.pairs)

    @property
    def vetoed_pairs(self) -> int:
        return int((self.measured.veto != Veto.NONE).sum())

    @cached_property
    def _pair_codes(self) -> np.ndarray:
        return self.pairs[:, 0] * len(self.columns.profiles) + self.pairs[:, 1]

    def features(self, first: int, second: int) -> PairFeatures:
        """The measures of one compared pair, for the audit trail."""
        low, high = min(first, second), max(first, second)
        index = int(np.searchsorted(self._pair_codes, low * len(self.columns.profiles) + high))
        return self.measured.features(index, self.columns, low, high)


def cluster_profiles(
    profiles: list[Profile],
    config: LinkConfig,
    is_new: list[bool] | None = None,
    cannot_link: set[tuple[int, int]] | None = None,
    must_link: list[tuple[int, int]] | None = None,
) -> ProfileClustering:
    """Blocks, measures, scores and clusters profiles; the items that are not new are anchored."""
    is_new = is_new if is_new is not None else [True] * len(profiles)
    columns = ProfileColumns(profiles)
    texts = TextIndex([profile.text for profile in profiles], config.text_min_df)
    pairs = candidate_pairs(columns, np.array(is_new, dtype=bool), config.max_gap_days)
    measured = measure_pairs(columns, pairs[:, 0], pairs[:, 1], texts.cosines(pairs[:, 0], pairs[:, 1]), config)
    scores = pair_scores(measured, config)
    vetoed = measured.veto != Veto.NONE
    groups = linkable_groups(len(profiles), pairs[scores >= config.threshold], must_link)
    # Only pairs inside a group can weigh on a merge (or forbid one); the rest stay out of the (Python) clustering.
    inside = groups[pairs[:, 0]] == groups[pairs[:, 1]]
    forbidden = set(cannot_link or ()) | set(map(tuple, pairs[vetoed & inside].tolist()))
    linking = inside & ~vetoed
    scored = [(first, second, value)
              for (first, second), value in zip(pairs[linking].tolist(), scores[linking].tolist())]
    anchored = [not new for new in is_new]
    clustering = average_linkage(len(profiles), scored, config.threshold, anchored, forbidden, must_link)
    return ProfileClustering(clustering, pairs, measured, columns, groups)


def linkable_groups(size: int, strong_pairs: np.ndarray, must_link: list[tuple[int, int]] | None) -> np.ndarray:
    """The connected group of each item over the pairs that scored at least the threshold (and the must-links).
    Two clusters merge only when their mean pair score reaches the threshold, so only when one of their pairs
    does: no clustering joins items of two groups, and each group clusters on its own pairs alone."""
    joined = np.concatenate([strong_pairs, np.array(must_link or [], dtype=np.int64).reshape(-1, 2)])
    graph = coo_matrix((np.ones(len(joined)), (joined[:, 0], joined[:, 1])), shape=(size, size))
    return connected_components(graph, directed=False)[1]
