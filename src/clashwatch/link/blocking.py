"""Which pairs of profiles are worth comparing: those that share a block.

A profile sits in one block per day of its time window, keyed by its country and, when geocoded, by its
1-degree grid cell (so fighting across a border meets); a report placed in a wide area (a province, a country)
sits in every cell the area covers. It is compared with the profiles in the blocks of the days around its
window (``max_gap_days``) and the cells around its own (one ring further than its area). Pairs the vetoes would
reject anyway are never generated, so the work grows with the number of reports times the (small) number of
reports on the same days in the same area, not with the square of the database.

Undated or unplaced profiles block on what they have: all undated documents of a corpus (ECB+) share one block.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Hashable, Iterator
from datetime import date, timedelta

import numpy as np

from clashwatch.link.features import Profile

_KM_PER_DEGREE = 111.0


def _days(start: date | None, end: date | None, widen: int) -> Iterator[date | None]:
    if start is None or end is None:
        yield None
        return
    day, last = start - timedelta(days=widen), end + timedelta(days=widen)
    while day <= last:
        yield day
        day += timedelta(days=1)


def _cells(profile: Profile, ring: int) -> list[tuple[int, int]]:
    """The grid cells of the profile's area, widened by ``ring`` cells; none when it is not geocoded."""
    if profile.latitude is None or profile.longitude is None:
        return []
    lat_reach = ring + math.ceil(profile.area_radius_km / _KM_PER_DEGREE)
    shrink = max(math.cos(math.radians(profile.latitude)), 0.1)  # a degree of longitude shortens towards the poles
    lon_reach = ring + math.ceil(profile.area_radius_km / (_KM_PER_DEGREE * shrink))
    lat, lon = math.floor(profile.latitude), math.floor(profile.longitude)
    return [(lat + dlat, lon + dlon) for dlat in range(-lat_reach, lat_reach + 1)
            for dlon in range(-lon_reach, lon_reach + 1)]


def _own_keys(profile: Profile) -> Iterator[Hashable]:
    cells = _cells(profile, 0)
    for day in _days(profile.date_start, profile.date_end, 0):
        yield ("country", profile.iso3, day)
        for cell in cells:
            yield ("cell", cell, day)


def _neighbour_keys(profile: Profile, max_gap_days: int) -> Iterator[Hashable]:
    cells = _cells(profile, 1)
    for day in _days(profile.date_start, profile.date_end, max_gap_days):
        yield ("country", profile.iso3, day)
        for cell in cells:
            yield ("cell", cell, day)


def candidate_pairs(profiles: list[Profile], is_new: list[bool], max_gap_days: int) -> np.ndarray:
    """Index pairs (i, j), i < j, that share a block and involve at least one new profile; shape (k, 2)."""
    blocks: dict[Hashable, list[int]] = defaultdict(list)
    for index, profile in enumerate(profiles):
        for key in set(_own_keys(profile)):
            blocks[key].append(index)
    pairs: set[tuple[int, int]] = set()
    for index, profile in enumerate(profiles):
        if not is_new[index]:
            continue
        for key in set(_neighbour_keys(profile, max_gap_days)):
            for other in blocks.get(key, ()):
                if other != index and (not is_new[other] or other > index):
                    pairs.add((min(index, other), max(index, other)))
    if not pairs:
        return np.empty((0, 2), dtype=np.int64)
    return np.array(sorted(pairs), dtype=np.int64)
