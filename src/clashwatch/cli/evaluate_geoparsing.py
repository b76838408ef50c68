"""``clashwatch evaluate geoparsing``: the place stage against GeoWebNews, LGL / TR-News and GeoVirus."""

from __future__ import annotations

import json
from pathlib import Path

import typer

from clashwatch.cli import evaluate_app


@evaluate_app.command("geoparsing")
def geoparsing(
    path: Path = typer.Argument(..., exists=True, dir_okay=False, help="GeoWebNews, LGL / TR-News or GeoVirus XML."),
    limit: int | None = typer.Option(None, "--limit", help="Score only the first N articles."),
    as_json: bool = typer.Option(False, "--json", help="Print the report as JSON."),
) -> None:
    """Toponym recognition P/R/F1 (exact and overlapping spans) and resolution accuracy within 161 km."""
    from clashwatch.evaluate.geoparsing import UnknownLayoutError, evaluate_file

    try:
        summary = evaluate_file(path, limit=limit).summary()
    except UnknownLayoutError as error:
        typer.echo(f"error: {error}", err=True)
        raise typer.Exit(2) from error
    if as_json:
        typer.echo(json.dumps(summary, indent=2))
        return
    typer.echo(f"{summary['corpus']} (layout: {summary['layout']}): {summary['documents']} articles, "
               f"{summary['gold_toponyms']} gold toponyms, "
               f"{summary['predicted_toponyms']} found ({summary['seconds']} s)")
    typer.echo(f"  recognition exact    P {summary['precision']:.3f}  R {summary['recall']:.3f}  F1 {summary['f1']:.3f}")
    typer.echo(f"  recognition overlap  P {summary['lenient_precision']:.3f}  R {summary['lenient_recall']:.3f}  "
               f"F1 {summary['lenient_f1']:.3f}")
    typer.echo(f"  resolution ({summary['resolved_toponyms']} recognised toponyms with coordinates): "
               f"acc@161km {summary['accuracy_at_161km']:.3f}, mean {summary['mean_error_km']} km, "
               f"median {summary['median_error_km']} km")


@evaluate_app.command("acled-places")
def acled_places(
    path: Path = typer.Argument(..., exists=True, dir_okay=False, help="An ACLED-format CSV (notes and location columns)."),
    limit: int | None = typer.Option(None, "--limit", help="Score only the first N rows (after --half)."),
    half: str | None = typer.Option(None, "--half", help="'first' or 'second': the same fixed half as `evaluate acled`."),
    as_json: bool = typer.Option(False, "--json", help="Print the report as JSON."),
) -> None:
    """Where the full coder puts each note's main event: country and admin1 accuracy, share within 25 km (all rows
    and rows ACLED located exactly), on the notes as written and without ACLED's admin parentheticals."""
    from clashwatch.evaluate.geoparsing import evaluate_acled_places

    report = evaluate_acled_places(path, limit=limit, half=half)
    if as_json:
        typer.echo(json.dumps(report, indent=2))
        return
    for variant in ("as_written", "without_admin_parentheticals"):
        scores = report[variant]
        typer.echo(f"{variant.replace('_', ' ')} ({scores['n']} rows): country {scores['country_accuracy']:.3f}, "
                   f"admin1 {scores['admin1_accuracy']:.3f}, within 25 km {scores['within_25km']:.3f}, "
                   f"within 25 km at geo_precision 1 {scores['within_25km_geo_precision_1']:.3f} "
                   f"({scores['n_geo_precision_1']} rows), no place {scores['no_place']:.3f}")
    typer.echo(f"({report['seconds']} s, half: {report['half']})")
