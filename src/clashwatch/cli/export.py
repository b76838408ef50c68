"""``clashwatch export``: stored events as ACLED-style CSV, JSON Lines or GeoJSON."""

from __future__ import annotations

import sys
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

from clashwatch.cli import app
from clashwatch.cli.events import (
    ActorOption,
    CountryOption,
    DbOption,
    QueryOption,
    SinceOption,
    SubTypeOption,
    TypeOption,
    UntilOption,
    event_filter,
)


class ExportFormat(str, Enum):
    csv = "csv"
    jsonl = "jsonl"
    geojson = "geojson"


@app.command()
def export(
    output_format: Annotated[ExportFormat, typer.Option("--format", help="csv (ACLED columns), jsonl or geojson.")],
    out: Annotated[str, typer.Option(help="File to write, or '-' for standard output.")] = "-",
    db: DbOption = None,
    country: CountryOption = None,
    event_type: TypeOption = None,
    sub_type: SubTypeOption = None,
    actor: ActorOption = None,
    since: SinceOption = None,
    until: UntilOption = None,
    query: QueryOption = None,
) -> None:
    """Export stored events, oldest first; the same filters as `clashwatch events`."""
    from clashwatch.export import write_events
    from clashwatch.store import Store

    filters = event_filter(country, event_type, sub_type, actor, since, until, query)
    with Store(db) as store:
        events = store.iter_events(filters, order="oldest")
        if out == "-":
            summary = write_events(events, output_format.value, sys.stdout)
        else:
            with Path(out).open("w", encoding="utf-8", newline="") as handle:
                summary = write_events(events, output_format.value, handle)
    typer.echo(f"exported {summary.written} events as {output_format.value}", err=True)
    if summary.without_coordinates:
        typer.echo(f"left out {summary.without_coordinates} events without coordinates", err=True)
