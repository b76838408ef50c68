"""``clashwatch setup``: build the caches the coder needs once per machine."""

from __future__ import annotations

import typer

from clashwatch.cli import app


@app.command()
def setup() -> None:
    """Check the spaCy model and build cached indexes (run once after install; `make install` does it)."""
    from clashwatch.nlp import load_pipeline

    nlp = load_pipeline()
    typer.echo(f"spaCy pipeline: {nlp.meta['lang']}_{nlp.meta['name']} {nlp.meta['version']}")
