"""The export stage: stored events as ACLED-style CSV, JSON Lines, or a GeoJSON FeatureCollection.

Entry point: ``write_events(events, fmt, out) -> ExportSummary``.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TextIO

from clashwatch.export.acled import ACLED_COLUMNS, acled_row, notes, outlets
from clashwatch.export.jsonl import event_from_json, event_to_json
from clashwatch.records import Event

FORMATS = ("csv", "jsonl", "geojson")


@dataclass
class ExportSummary:
    written: int = 0
    without_coordinates: int = 0  # GeoJSON only: events left out because they have no point


def write_events(events: Iterable[Event], fmt: str, out: TextIO) -> ExportSummary:
    """Writes ``events`` to ``out`` as ``fmt`` (one of ``FORMATS``), streaming: events are never all in memory."""
    writers = {"csv": _write_csv, "jsonl": _write_jsonl, "geojson": _write_geojson}
    if fmt not in writers:
        raise ValueError(f"unknown export format {fmt!r}; expected one of {', '.join(FORMATS)}")
    return writers[fmt](events, out)


def _write_csv(events: Iterable[Event], out: TextIO) -> ExportSummary:
    summary = ExportSummary()
    writer = csv.DictWriter(out, fieldnames=ACLED_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for event in events:
        writer.writerow(acled_row(event))
        summary.written += 1
    return summary


# Line breaks to Python's str.splitlines and to JavaScript that JSON leaves unescaped: a reader splitting on them
# would cut a record in two.
_UNESCAPED_LINE_BREAKS = str.maketrans({"\x85": "\\u0085", "\u2028": "\\u2028", "\u2029": "\\u2029"})


def _write_jsonl(events: Iterable[Event], out: TextIO) -> ExportSummary:
    summary = ExportSummary()
    for event in events:
        out.write(json.dumps(event_to_json(event), ensure_ascii=False).translate(_UNESCAPED_LINE_BREAKS) + "\n")
        summary.written += 1
    return summary


def _write_geojson(events: Iterable[Event], out: TextIO) -> ExportSummary:
    summary = ExportSummary()
    out.write('{"type": "FeatureCollection", "features": [\n')
    for event in events:
        if event.latitude is None or event.longitude is None:
            summary.without_coordinates += 1
            continue
        out.write((",\n" if summary.written else "") + json.dumps(_feature(event), ensure_ascii=False))
        summary.written += 1
    out.write("\n]}\n")
    return summary


def _feature(event: Event) -> dict:
    properties = {name: value for name, value in event_to_json(event).items() if name not in ("claims", "evidence")}
    properties.update(source="; ".join(outlets(event)), notes=notes(event), claims=len(event.claims))
    return {
        "type": "Feature",
        "id": event.id,
        "geometry": {"type": "Point", "coordinates": [event.longitude, event.latitude]},
        "properties": properties,
    }


__all__ = ["ACLED_COLUMNS", "FORMATS", "ExportSummary", "event_from_json", "event_to_json", "write_events"]
