"""``clashwatch evaluate ecb``: cross-article linking against ECB+ (which articles report the same event)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from clashwatch.cli import evaluate_app


@evaluate_app.command("ecb")
def ecb(
    path: Annotated[Path, typer.Argument(exists=True, dir_okay=False, help="ecbplus_docs_dev.jsonl")],
    topics: Annotated[int | None, typer.Option("--topics", help="Use only the first N topics.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the scores as JSON.")] = False,
) -> None:
    """Cluster all documents into events; B-cubed and pairwise P/R/F1, and hard negatives kept apart."""
    from clashwatch.evaluate.ecb import evaluate

    scores = evaluate(path, topics)
    typer.echo(scores.to_json() if as_json else scores.report())
