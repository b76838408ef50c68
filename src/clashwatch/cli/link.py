"""``clashwatch link``: link stored reports into events, explain an event, apply an analyst's merge or split."""

from __future__ import annotations

from typing import Annotated

import typer

from clashwatch.cli import app
from clashwatch.cli.events import DbOption


@app.command()
def link(
    db: DbOption = None,
    explain: Annotated[str | None, typer.Option("--explain", metavar="EVENT_ID", help="Show an event's reports and why they were linked.")] = None,
    split: Annotated[str | None, typer.Option("--split", metavar="EVENT_ID", help="Take the report --claim out of this event.")] = None,
    claim: Annotated[str | None, typer.Option("--claim", metavar="REPORT_ID", help="With --split: the report (as --explain lists it).")] = None,
    merge: Annotated[tuple[str, str] | None, typer.Option("--merge", metavar="EVENT_A EVENT_B", help="Merge event B into event A.")] = None,
    relink: Annotated[bool, typer.Option("--relink", help="Re-cluster every stored report from scratch, obeying analysts' decisions.")] = False,
    bench: Annotated[int | None, typer.Option("--bench", metavar="N", help="Time linking N synthetic reports instead.")] = None,
) -> None:
    """Link the stored reports not linked yet into events (the default), or apply one analyst action.

    Analysts' merges and splits are kept and obeyed by every later run.
    """
    if bench is not None:
        from clashwatch.link.bench import run

        typer.echo(run(bench).report())
        return
    from clashwatch.link import storage
    from clashwatch.store import Store

    with Store(db) as store:
        try:
            if explain:
                typer.echo(storage.explain(store, explain))
            elif split:
                if not claim:
                    raise typer.BadParameter("--split needs --claim REPORT_ID")
                typer.echo(f"report {claim} is now event {storage.split(store, split, claim)}")
            elif merge:
                storage.merge(store, *merge)
                typer.echo(f"merged {merge[1]} into {merge[0]}")
            elif relink:
                typer.echo(storage.relink(store).report())
            else:
                typer.echo(storage.link_new(store).report())
        except KeyError as error:
            typer.echo(f"error: {error.args[0]}", err=True)
            raise typer.Exit(1) from error
