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

import numpy as np

from clashwatch.link.features import UNDATED, ProfileColumns

_KM_PER_DEGREE = 111.0
_DAY_BITS = 22  # days since the run's first day (11,000 years); the undated share day 0
_CELL_OFFSET = 1024  # grid cells, widened, stay within (-1024, 1024) degrees
_CELL_KIND = 1 << 61


def _boxes(columns: ProfileColumns, rows: np.ndarray, origin: int, widen_days: int, ring: int
           ) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """For ``rows``: their first and last day (widened, counted from ``origin``) and their grid cells' latitude and
    longitude ranges (widened by ``ring`` cells, the area's reach added)."""
    dated = columns.start[rows] != UNDATED
    day_lo = np.where(dated, columns.start[rows] - widen_days - origin, 0)
    day_hi = np.where(dated, columns.end[rows] + widen_days - origin, 0)
    latitude, longitude = columns.latitude[rows], columns.longitude[rows]
    placed = ~np.isnan(latitude) & ~np.isnan(longitude)
    latitude, longitude = np.where(placed, latitude, 0.0), np.where(placed, longitude, 0.0)
    radius = columns.radius[rows]
    lat_reach = ring + np.ceil(radius / _KM_PER_DEGREE).astype(np.int64)
    # A degree of longitude shortens towards the poles.
    shrink = np.maximum(np.cos(np.radians(latitude)), 0.1)
    lon_reach = ring + np.ceil(radius / (_KM_PER_DEGREE * shrink)).astype(np.int64)
    lat, lon = np.floor(latitude).astype(np.int64), np.floor(longitude).astype(np.int64)
    return day_lo, day_hi, lat - lat_reach, lat + lat_reach, lon - lon_reach, lon + lon_reach, placed


def _expand(rows: np.ndarray, sizes: list[np.ndarray]) -> tuple[np.ndarray, list[np.ndarray]]:
    """Every combination of each row's ranges: the row of each, and its offset within each range."""
    counts = np.prod(np.stack(sizes), axis=0)
    repeated = np.repeat(np.arange(len(rows)), counts)
    offset = np.arange(counts.sum()) - np.repeat(np.cumsum(counts) - counts, counts)
    offsets = []
    for size in reversed(sizes):
        size = size[repeated]
        offsets.append(offset % size)
        offset = offset // size
    return rows[repeated], list(reversed(offsets))


def _keys(columns: ProfileColumns, rows: np.ndarray, origin: int, widen_days: int, ring: int
          ) -> tuple[np.ndarray, np.ndarray]:
    """The blocks (as int64 keys) each of ``rows`` sits in, or looks into: one per day of its window (widened)
    by country, and one per day by 1-degree grid cell when geocoded."""
    day_lo, day_hi, lat_lo, lat_hi, lon_lo, lon_hi, placed = _boxes(columns, rows, origin, widen_days, ring)
    days = day_hi - day_lo + 1
    index, (day,) = _expand(np.arange(len(rows)), [days])
    country = columns.iso3[rows][index] + 1
    country_keys = (country << _DAY_BITS) | (day_lo[index] + day)
    lat_sizes = np.where(placed, lat_hi - lat_lo + 1, 0)
    index_c, (day_c, dlat, dlon) = _expand(np.arange(len(rows)), [days, lat_sizes, lon_hi - lon_lo + 1])
    cell = (lat_lo[index_c] + dlat + _CELL_OFFSET) * (2 * _CELL_OFFSET) + (lon_lo[index_c] + dlon + _CELL_OFFSET)
    cell_keys = _CELL_KIND | (cell << _DAY_BITS) | (day_lo[index_c] + day_c)
    return np.concatenate([country_keys, cell_keys]), np.concatenate([rows[index], rows[index_c]])


def candidate_pairs(columns: ProfileColumns, is_new: np.ndarray, max_gap_days: int) -> np.ndarray:
    """Index pairs (i, j), i < j, sorted, that share a block and involve at least one new profile; shape (k, 2)."""
    size = len(columns.start)
    is_new = np.asarray(is_new, dtype=bool)
    dated = columns.start[columns.start != UNDATED]
    origin = int(dated.min()) - max_gap_days - 1 if len(dated) else 0  # dated days count from 1
    own_keys, own_rows = _keys(columns, np.arange(size), origin, 0, 0)
    order = np.argsort(own_keys, kind="stable")
    own_keys, own_rows = own_keys[order], own_rows[order]
    looking_keys, looking_rows = _keys(columns, np.flatnonzero(is_new), origin, max_gap_days, 1)
    low = np.searchsorted(own_keys, looking_keys, side="left")
    counts = np.searchsorted(own_keys, looking_keys, side="right") - low
    first = np.repeat(looking_rows, counts)
    second = own_rows[np.repeat(low - (np.cumsum(counts) - counts), counts) + np.arange(counts.sum())]
    keep = (first != second) & (~is_new[second] | (second > first))
    low_side, high_side = np.minimum(first[keep], second[keep]), np.maximum(first[keep], second[keep])
    codes = np.unique(low_side * size + high_side)
    return np.stack([codes // size, codes % size], axis=1).astype(np.int64)
