"""``clashwatch evaluate news-types``: sub-event typing on news-style snippets with CASE 2021 Task 2 codes."""

from __future__ import annotations

import json
from pathlib import Path

import typer

from clashwatch.cli import evaluate_app


@evaluate_app.command("news-types")
def news_types(
    path: Path = typer.Argument(..., exists=True, dir_okay=False, help="A TSV with columns id, EventSnippet, SubType."),
    as_json: bool = typer.Option(False, "--json", help="Print one JSON object."),
) -> None:
    """Weighted and macro F1 over the 25 ACLED codes, the commonest confusions, and how often the coder finds no
    event in snippets that have one and in snippets of happenings ACLED does not code."""
    from clashwatch.evaluate.news_types import evaluate_news_types

    report = evaluate_news_types(path)
    if as_json:
        typer.echo(json.dumps(report, indent=2))
        return
    typer.echo(f"{report['n']} snippets ({report['n_acled']} of ACLED types) in {report['seconds']} s")
    typer.echo(
        f"  weighted-F1 {report['weighted_f1']:.3f}  macro-F1 {report['macro_f1']:.3f}"
        f"  accuracy {report['accuracy']:.3f}"
    )
    typer.echo(f"  no event: ACLED-type snippets {report['acled_no_event_rate']:.3f}, "
               f"non-ACLED snippets {report['non_acled_no_event_rate']:.3f}")
    for pair, count in report["top_confusions"].items():
        typer.echo(f"  {count:3}  {pair}")
