"""``clashwatch train``: fit the learned event typer on your own coded events, or rebuild the shipped one."""

from __future__ import annotations

from pathlib import Path

import typer

from clashwatch.cli import app


@app.command()
def train(
    path: Path | None = typer.Argument(None, exists=True, dir_okay=False, help="An ACLED-format CSV of coded events."),
    out: Path | None = typer.Option(None, "--out", help="Folder or .json file to write the model into."),
    recipe: str | None = typer.Option(
        None, "--recipe", help="Rebuild a shipped model from its training data in the package ('builtin')."
    ),
    text_column: str = typer.Option("notes", "--text-column", help="The column holding each event's text."),
    half: str | None = typer.Option(None, "--half", help="Train on the fixed 'first' or 'second' half only (measure on the other)."),
) -> None:
    """Train the linear event typer that works beside the rules (use it with `--model OUT`; `--recipe builtin`
    rewrites the shipped model unless `--out` names another place)."""
    from clashwatch.extract.trained import RECIPES, train_from_csv, train_from_snippets

    if half not in (None, "first", "second"):
        raise typer.BadParameter("--half must be 'first' or 'second'")
    if (path is None) == (recipe is None):
        raise typer.BadParameter("give either a coded CSV or --recipe")
    if recipe is not None:
        if recipe not in RECIPES:
            raise typer.BadParameter(f"unknown recipe {recipe!r} (known: {', '.join(RECIPES)})")
        training, default_out = RECIPES[recipe]
        out = out or default_out
        report = train_from_snippets(training, out)
    else:
        if out is None:
            raise typer.BadParameter("--out is needed with a coded CSV")
        report = train_from_csv(path, out, text_column=text_column, half=half)
    typer.echo(f"trained on {report.rows} rows, {len(report.labels)} labels; model in {out}")
