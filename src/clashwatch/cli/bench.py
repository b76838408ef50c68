"""``clashwatch bench``: throughput and peak memory of the coder."""

from __future__ import annotations

import typer

from clashwatch.cli import app


@app.command()
def bench(
    articles: int = typer.Option(200, help="How many articles to code (cycling over the bundled samples)."),
    batch_size: int = typer.Option(32, help="spaCy batch size."),
) -> None:
    """Print articles/second and peak memory of `extract`, next to a bare spaCy pass over the same texts."""
    from clashwatch.extract.bench import bench_articles, run_benchmark

    typer.echo(run_benchmark(bench_articles(articles), batch_size=batch_size).report())
