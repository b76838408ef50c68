"""``clashwatch bench``: throughput and peak memory of the coder."""

from __future__ import annotations

import json
from pathlib import Path

import typer

from clashwatch.cli import app


@app.command()
def bench(
    articles: int = typer.Option(200, help="How many articles to code (cycling over the bundled samples)."),
    corpus: list[Path] = typer.Option(
        [],
        help="Code the articles under these files or folders instead of the bundled samples (11 articles that a "
        "large --articles repeats): text, HTML, feeds or JSON Lines, as `ingest` reads them.",
    ),
    batch_size: int = typer.Option(32, help="spaCy batch size."),
    processes: int = typer.Option(1, min=1, help="spaCy parsing processes (`nlp.pipe` n_process); coding runs in one."),
    rounds: int = typer.Option(
        1, min=1, help="Alternate the bare spaCy and coder passes this many times and report medians: steadier on a "
        "shared machine."
    ),
    as_json: bool = typer.Option(False, "--json", help="Print one JSON object instead of the report."),
    long_article: bool = typer.Option(
        False, "--long-article", help="Instead, time one 2 MB article (coded in chunks) and its peak memory."
    ),
) -> None:
    """Print articles/s, sentences/s (and per CPU core), the coder / bare-spaCy time ratio and peak memory of
    `extract`, next to a bare spaCy pass over the same texts with the same pipeline."""
    if long_article:
        from clashwatch.extract.bench_long import run_long_article_benchmark

        typer.echo(run_long_article_benchmark().report())
        return
    from clashwatch.extract.bench import BENCH_CORPORA, bench_articles, run_benchmark

    result = run_benchmark(
        bench_articles(articles, corpus or BENCH_CORPORA), batch_size=batch_size, processes=processes, rounds=rounds
    )
    typer.echo(json.dumps(result.as_json(), indent=2) if as_json else result.report())
