"""``clashwatch evaluate temporal`` and ``clashwatch evaluate acled-dates``: the time stage against human annotation."""

from __future__ import annotations

import json
from dataclasses import asdict
from pathlib import Path

import typer

from clashwatch.cli import evaluate_app


@evaluate_app.command("temporal")
def temporal(
    folder: Path = typer.Argument(..., exists=True, file_okay=False, help="A folder of TimeML (.tml) or WikiWars (.xml) files."),
    limit: int | None = typer.Option(None, "--limit", help="Score only the first N documents."),
    as_json: bool = typer.Option(False, "--json", help="Print the full report as JSON."),
) -> None:
    """TIMEX recognition (strict/relaxed F1) and value F1, TempEval-3 style."""
    from clashwatch.evaluate.temporal import evaluate_temporal

    report = evaluate_temporal(folder, limit=limit)
    if as_json:
        typer.echo(json.dumps(asdict(report), indent=2))
        return
    typer.echo(f"{report.corpus}: {report.documents} documents, {report.gold} gold, {report.system} found")
    for name in ("strict", "relaxed", "value"):
        score = getattr(report, name)
        typer.echo(f"  {name:8} P {score.precision:.3f}  R {score.recall:.3f}  F1 {score.f1:.3f}")
    if report.type_accuracy is not None:
        typer.echo(f"  type accuracy {report.type_accuracy:.3f}")
    typer.echo("  value accuracy by type: " + ", ".join(f"{kind} {share:.3f}" for kind, share in report.value_accuracy_by_type.items()))


@evaluate_app.command("acled-dates")
def acled_dates(
    path: Path = typer.Argument(..., exists=True, dir_okay=False, help="An ACLED CSV with event_date, time_precision and notes."),
    limit: int | None = typer.Option(None, "--limit", help="Score only the first N events."),
    as_json: bool = typer.Option(False, "--json", help="Print the full report as JSON."),
) -> None:
    """Share of ACLED events whose note, stripped of its date lead-in, is dated exactly the gold event_date."""
    from clashwatch.evaluate.temporal import evaluate_acled_dates

    report = evaluate_acled_dates(path, limit=limit)
    if as_json:
        typer.echo(json.dumps(asdict(report), indent=2))
        return
    typer.echo(f"{report.events} events: exact date {report.exact:.3f}; time_precision agrees {report.precision_agreement:.3f}")
    if report.exact_with_expression is not None:
        typer.echo(f"  notes whose event sentence has a time expression: {report.with_expression}, exact {report.exact_with_expression:.3f}")
    typer.echo("  rules: " + ", ".join(f"{rule} {count}" for rule, count in report.rules.items()))
