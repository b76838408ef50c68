"""``clashwatch events``: list stored events as a table or JSON, filtered."""

from __future__ import annotations

import json
import os
from datetime import datetime
from enum import Enum
from typing import TYPE_CHECKING, Annotated

import typer

from clashwatch.cli import app

if TYPE_CHECKING:
    from clashwatch.records import Event
    from clashwatch.store import EventFilter

DbOption = Annotated[
    str | None,
    typer.Option(
        "--db", help="Database: a file path or SQLAlchemy URL (default: $CLASHWATCH_DB, else ./clashwatch.db)."
    ),
]
CountryOption = Annotated[str | None, typer.Option(help="Country name or ISO3 code.")]
TypeOption = Annotated[str | None, typer.Option("--type", help="ACLED event type, e.g. 'Battles'.")]
SubTypeOption = Annotated[str | None, typer.Option("--sub-type", help="ACLED sub-event type, e.g. 'Armed clash'.")]
ActorOption = Annotated[str | None, typer.Option(help="Part of any actor's name.")]
SinceOption = Annotated[datetime | None, typer.Option(formats=["%Y-%m-%d"], help="Events on or after this date.")]
UntilOption = Annotated[datetime | None, typer.Option(formats=["%Y-%m-%d"], help="Events on or before this date.")]
QueryOption = Annotated[str | None, typer.Option(help="Words in the article or the event's sentences.")]


class ListFormat(str, Enum):
    table = "table"
    json = "json"


def event_filter(
    country: str | None,
    event_type: str | None,
    sub_type: str | None,
    actor: str | None,
    since: datetime | None,
    until: datetime | None,
    query: str | None,
) -> EventFilter:
    from clashwatch.store import EventFilter

    return EventFilter(
        since=since.date() if since else None,
        until=until.date() if until else None,
        country=country,
        event_type=event_type,
        sub_event_type=sub_type,
        actor=actor,
        query=query,
    )


@app.command()
def events(
    db: DbOption = None,
    country: CountryOption = None,
    event_type: TypeOption = None,
    sub_type: SubTypeOption = None,
    actor: ActorOption = None,
    since: SinceOption = None,
    until: UntilOption = None,
    query: QueryOption = None,
    limit: Annotated[int, typer.Option(min=1, help="Show at most this many events, newest first.")] = 50,
    output: Annotated[
        ListFormat, typer.Option("--format", help="table, or JSON with claims and evidence.")
    ] = ListFormat.table,
) -> None:
    """List stored events: date, type, actors, place, fatalities, and who claims it."""
    from rich.console import Console

    from clashwatch.records import to_jsonable
    from clashwatch.store import Store

    filters = event_filter(country, event_type, sub_type, actor, since, until, query)
    with Store(db) as store:
        found = store.list_events(filters, limit=limit)
        total = store.count_events(filters)
    if output is ListFormat.json:
        typer.echo(json.dumps(to_jsonable(found), ensure_ascii=False, indent=2))
        return
    console = Console()
    if not console.is_terminal and "COLUMNS" not in os.environ:
        console.width = 160  # piped output has no width to fit: keep rows readable rather than wrapped at 80
    console.print(_table(found, total))


def _table(found: list[Event], total: int):
    from rich.table import Table

    table = Table(title="Events", caption=f"{len(found)} of {total} matching events", show_lines=False)
    for heading, justify in (
        ("Date", "left"),
        ("Type / sub-type", "left"),
        ("Actor 1", "left"),
        ("Actor 2", "left"),
        ("Location", "left"),
        ("Country", "left"),
        ("Fatalities", "right"),
        ("Claimed by (stance)", "left"),
    ):
        table.add_column(heading, justify=justify, overflow="fold")
    for event in found:
        table.add_row(
            event.event_date.isoformat() if event.event_date else "?",
            f"{event.event_type or '?'} / {event.sub_event_type or '?'}",
            event.actor1 or "",
            event.actor2 or "",
            event.location or "",
            event.country or event.iso3 or "",
            "" if event.fatalities is None else str(event.fatalities),
            _claimed_by(event),
        )
    return table


def _claimed_by(event: Event) -> str:
    """Each claim once: the claimant, or the outlet when the reporter states it as fact."""
    tellers = (
        f"{claim.claimant or claim.outlet or 'reporter'} ({claim.stance.value})" for claim in event.claims
    )
    return "; ".join(dict.fromkeys(tellers))
