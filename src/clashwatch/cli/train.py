"""``clashwatch train``: fit a sub-event typer on your own coded events."""

from __future__ import annotations

from pathlib import Path

import typer

from clashwatch.cli import app


@app.command()
def train(
    path: Path = typer.Argument(..., exists=True, dir_okay=False, help="An ACLED-format CSV of coded events."),
    out: Path = typer.Option(..., "--out", help="Folder to write the model into."),
    text_column: str = typer.Option("notes", "--text-column", help="The column holding each event's text."),
    half: str | None = typer.Option(None, "--half", help="Train on the fixed 'first' or 'second' half only (measure on the other)."),
) -> None:
    """Train a TF-IDF + logistic-regression sub-event typer (use it with `--model OUT`)."""
    from clashwatch.extract.trained import train_from_csv

    if half not in (None, "first", "second"):
        raise typer.BadParameter("--half must be 'first' or 'second'")
    report = train_from_csv(path, out, text_column=text_column, half=half)
    typer.echo(f"trained on {report.rows} rows, {len(report.labels)} sub-event types; model in {out}")
