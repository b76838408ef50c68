"""``clashwatch setup``: build the caches the coder needs once per machine."""

from __future__ import annotations

import time

import typer

from clashwatch.cli import app


@app.command()
def setup(
    rebuild: bool = typer.Option(False, "--rebuild", help="Rebuild the gazetteer index even if it exists."),
) -> None:
    """Check the spaCy model and build cached indexes (run once after install; `make install` does it)."""
    from clashwatch.extract.places import build_index, default_index_path
    from clashwatch.nlp import load_pipeline

    nlp = load_pipeline()
    typer.echo(f"spaCy pipeline: {nlp.meta['lang']}_{nlp.meta['name']} {nlp.meta['version']}")
    path = default_index_path()
    if path.exists() and not rebuild:
        typer.echo(f"gazetteer index: {path} (already built)")
        return
    started = time.perf_counter()
    build_index(path)
    typer.echo(f"gazetteer index: {path} built in {time.perf_counter() - started:.0f} s, {path.stat().st_size / 1e6:.0f} MB")
