"""``clashwatch evaluate plover``: PLOVER category and actor-country accuracy on the PLOVER gold-standard sentences."""

from __future__ import annotations

import json
from pathlib import Path

import typer

from clashwatch.cli import evaluate_app


@evaluate_app.command("plover")
def plover(
    path: Path = typer.Argument(..., exists=True, dir_okay=False, help="PLOVER_GSR_CAMEO.json"),
    limit: int | None = typer.Option(None, "--limit", help="Score only the first N sentences."),
    as_json: bool = typer.Option(False, "--json", help="Print one JSON object."),
) -> None:
    """PLOVER category accuracy (categories outside ACLED's typology expect "no event") and source/target country match."""
    from clashwatch.evaluate.plover import evaluate_plover

    report = evaluate_plover(path, limit=limit)
    if as_json:
        typer.echo(json.dumps(report, indent=2))
        return
    typer.echo(f"{report['n']} sentences ({report['n_covered']} in categories ACLED codes) in {report['seconds']} s")
    typer.echo(f"  accuracy {report['accuracy']:.3f}  macro-F1 {report['macro_f1']:.3f}  covered accuracy {report['covered_accuracy']:.3f}")
    typer.echo(f"  actor country match {report['actor_country_match']:.3f} over {report['actor_country_pairs']} actors")
