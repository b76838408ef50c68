"""``clashwatch evaluate muc4``: perpetrators, targets, victims and weapons against MUC-4 templates."""

from __future__ import annotations

import json
from dataclasses import asdict
from pathlib import Path

import typer

from clashwatch.cli import evaluate_app


@evaluate_app.command("muc4")
def muc4(
    path: Path = typer.Argument(..., exists=True, dir_okay=False, help="A GRIT-format MUC-4 split (dev.json / test.json)."),
    limit: int | None = typer.Option(None, "--limit", help="Score only the first N documents."),
    as_json: bool = typer.Option(False, "--json", help="Print the full report (with predictions) as JSON."),
) -> None:
    """Per-document role-filler F1 (GRIT scoring) for perpetrator individual/organisation, target, victim, weapon."""
    from clashwatch.evaluate.muc4 import evaluate_muc4

    report = evaluate_muc4(path, limit=limit)
    if as_json:
        typer.echo(json.dumps(asdict(report), indent=2))
        return
    typer.echo(f"{report.documents} documents")
    for role, score in report.by_role.items():
        typer.echo(f"  {role:24} P {score.precision:.3f}  R {score.recall:.3f}  F1 {score.f1:.3f}  (gold {score.support})")
    micro = report.micro
    typer.echo(f"  {'micro':24} P {micro.precision:.3f}  R {micro.recall:.3f}  F1 {micro.f1:.3f}")
    typer.echo(f"  GRIT (trained, test split) micro F1 {report.grit_test_micro_f1:.3f}")
