"""``clashwatch evaluate acled``: event type, sub-type, actors, place and fatalities against ACLED-coded notes."""

from __future__ import annotations

import json
from pathlib import Path

import typer

from clashwatch.cli import evaluate_app


@evaluate_app.command("acled")
def acled(
    path: Path = typer.Argument(..., exists=True, dir_okay=False, help="An ACLED-format CSV with a `notes` column."),
    limit: int | None = typer.Option(None, "--limit", help="Score only the first N rows (after --half)."),
    half: str | None = typer.Option(None, "--half", help="Score only the fixed 'first' or 'second' half of the rows."),
    classifier_only: bool = typer.Option(False, "--classifier-only", help="Score only the event classifier and casualty counter."),
    model: Path | None = typer.Option(
        None, "--model", help="A model from `clashwatch train` instead of the shipped one."
    ),
    as_json: bool = typer.Option(False, "--json", help="Print one JSON object."),
) -> None:
    """Accuracy / macro-F1 / weighted-F1 of event and sub-event types, actor, country, 25 km location and fatality
    matches of the coder's main event per note."""
    from clashwatch.evaluate.acled import evaluate_acled

    if half not in (None, "first", "second"):
        raise typer.BadParameter("--half must be 'first' or 'second'")
    report = evaluate_acled(path, limit=limit, half=half, classifier_only=classifier_only, model=model)
    if as_json:
        typer.echo(json.dumps(report, indent=2))
        return
    typer.echo(f"{report['n']} notes ({report['scope']}, {report['model']}, half: {report['half']}) in {report['seconds']} s")
    for field in ("event_type", "sub_event_type"):
        scores = report[field]
        typer.echo(f"  {field:16} accuracy {scores['accuracy']:.3f}  macro-F1 {scores['macro_f1']:.3f}  weighted-F1 {scores['weighted_f1']:.3f}")
    fatalities = report["fatalities"]
    typer.echo(f"  fatalities       exact {fatalities['exact_match']:.3f}  zero/non-zero F1 {fatalities['zero_nonzero_f1']:.3f}")
    typer.echo(f"  actor1 {report['actor1_match']:.3f}  actor2 {report['actor2_match']:.3f}  country {report['country_accuracy']:.3f}  "
               f"location <=25 km {report['location_within_25km']:.3f}  no event {report['no_event_rate']:.3f}")
    typer.echo(f"  battles with a civilian side {report['battles_with_civilian_side']}")
