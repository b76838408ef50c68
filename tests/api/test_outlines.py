"""The dashboard's country outlines: the bundled file, and deriving it from a shapefile."""

from __future__ import annotations

import json
import struct
import zipfile

from clashwatch.api.outlines import OUTLINES_PATH, outlines, read_attributes, read_polygons, simplify


def test_bundled_outlines_are_small_and_cover_the_world():
    assert OUTLINES_PATH.stat().st_size < 1_000_000
    collection = json.loads(OUTLINES_PATH.read_text(encoding="utf-8"))
    assert collection["type"] == "FeatureCollection"
    by_code = {feature["properties"]["iso3"]: feature for feature in collection["features"]}
    assert len(by_code) > 150
    assert {"UKR", "SOM", "ARM", "AZE", "MLI", "BGD", "GEO", "NGA", "BRA", "AUS"} <= by_code.keys()
    for feature in collection["features"]:
        for polygon in feature["geometry"]["coordinates"]:
            for ring in polygon:
                assert ring[0] == ring[-1] and len(ring) >= 4
                assert all(-180 <= x <= 180 and -90 <= y <= 90 for x, y in ring)
    somalia_longitudes = [x for polygon in by_code["SOM"]["geometry"]["coordinates"] for x, _ in polygon[0]]
    assert 40 < min(somalia_longitudes) < max(somalia_longitudes) < 52


def test_simplify_drops_small_wiggles_and_keeps_corners():
    wiggly = [(x / 10, 0.001 * (-1) ** x) for x in range(11)]
    assert simplify(wiggly, tolerance=0.01) == [wiggly[0], wiggly[-1]]
    corner = [(0.0, 0.0), (1.0, 0.0), (1.0, 1.0)]
    assert simplify(corner, tolerance=0.01) == corner


def _square(west, south, size, clockwise):
    corners = [(west, south), (west, south + size), (west + size, south + size), (west + size, south)]
    ring = corners if clockwise else corners[::-1]
    return [*ring, ring[0]]


def _shapefile(records: list[list[list[tuple[float, float]]]]) -> bytes:
    body = b""
    for number, rings in enumerate(records, start=1):
        points = [point for ring in rings for point in ring]
        starts = [sum(len(ring) for ring in rings[:index]) for index in range(len(rings))]
        content = struct.pack("<i4d2i", 5, 0, 0, 0, 0, len(rings), len(points))
        content += struct.pack(f"<{len(starts)}i", *starts)
        content += struct.pack(f"<{2 * len(points)}d", *(value for point in points for value in point))
        body += struct.pack(">2i", number, len(content) // 2) + content
    return b"\0" * 100 + body


def _dbf(rows: list[dict[str, str]], widths: dict[str, int]) -> bytes:
    header_length = 32 + 32 * len(widths) + 1
    record_length = 1 + sum(widths.values())
    header = struct.pack("<B3BIHH20x", 3, 24, 1, 1, len(rows), header_length, record_length)
    for name, width in widths.items():
        header += name.encode().ljust(11, b"\0") + b"C" + b"\0" * 4 + bytes([width, 0]) + b"\0" * 14
    header += b"\r"
    records = b"".join(
        b" " + b"".join(row[name].encode().ljust(width, b"\0") for name, width in widths.items()) for row in rows
    )
    return header + records


def test_outlines_from_a_shapefile_keep_holes_with_their_polygon(tmp_path):
    lake_country = [_square(0, 0, 10, clockwise=True), _square(4, 4, 2, clockwise=False)]
    two_islands = [_square(20, 0, 3, clockwise=True), _square(30, 0, 3, clockwise=True), _square(40, 0, 0.01, True)]
    shp = _shapefile([lake_country, two_islands])
    rows = [{"ADM0_A3": "LKC", "NAME": "Lakeland"}, {"ADM0_A3": "ISL", "NAME": "Islands"}]
    dbf = _dbf(rows, {"ADM0_A3": 3, "NAME": 20})
    assert [len(rings) for rings in read_polygons(shp)] == [2, 3]
    assert list(read_attributes(dbf, ("NAME",))) == [{"NAME": "Lakeland"}, {"NAME": "Islands"}]
    archive = tmp_path / "countries.zip"
    with zipfile.ZipFile(archive, "w") as zipped:
        zipped.writestr("countries.shp", shp)
        zipped.writestr("countries.dbf", dbf)
    lakeland, islands = outlines(archive)["features"]
    assert lakeland["properties"] == {"iso3": "LKC", "name": "Lakeland"}
    assert [len(polygon) for polygon in lakeland["geometry"]["coordinates"]] == [2]  # the lake is a hole
    assert len(islands["geometry"]["coordinates"]) == 2  # the speck is dropped
