"""``clashwatch ingest``: read articles, code their events, store both and link the new reports into events;
failures are reported and skipped."""

from __future__ import annotations

import os
from typing import Annotated

import typer

from clashwatch.cli import app
from clashwatch.cli.events import DbOption
from clashwatch.limits import DEFAULT_MAX_ARTICLE_MB, MAX_ARTICLE_MB_VARIABLE


@app.command()
def ingest(
    paths: Annotated[
        list[str],
        typer.Argument(help="Files, folders (searched recursively), glob patterns, or http(s) URLs of pages and feeds."),
    ],
    db: DbOption = None,
    max_mb: Annotated[
        float,
        typer.Option(
            min=0.001,
            envvar="CLASHWATCH_MAX_ARTICLE_MB",
            help="Largest article to accept, in MB of UTF-8; longer ones are reported and skipped. "
            "Articles up to it are coded whole, however long.",
        ),
    ] = DEFAULT_MAX_ARTICLE_MB,
    workers: Annotated[
        int, typer.Option(min=0, help="Code on a local Dask cluster of this many processes (0: in this process).")
    ] = 0,
    scheduler: Annotated[
        str | None, typer.Option(metavar="ADDRESS", help="Code on an existing Dask cluster, e.g. tcp://host:8786.")
    ] = None,
    batch_size: Annotated[int, typer.Option(min=1, help="Articles per coding task and per database transaction.")] = 32,
    resume: Annotated[
        bool,
        typer.Option(
            "--resume",
            help="Skip, without reading them again, the files some stored article was read from (a .txt or .html "
            "file is one article); records of JSON Lines, Parquet and feeds are still read and skipped by id. "
            "Assumes the files have not changed since; give the same paths as the interrupted run.",
        ),
    ] = False,
    link: Annotated[
        bool, typer.Option(help="Link each saved batch's reports into events (else run `clashwatch link` later).")
    ] = True,
) -> None:
    """Read .txt, .html, .jsonl, .parquet and RSS/Atom files, or fetch pages and feeds by URL (a feed's items' pages
    are fetched too), code each new article's events and store them. To follow feeds over time, use `watch`.

    Stored articles (same text) are skipped before coding and each batch is saved in one transaction, so a killed run can be started again (with --resume to skip stored files quickly) and adds only what is missing.

    Exits with status 1 when any input failed, and 2 when the store cannot be written (a full disk, a read-only
    file): what was saved is kept, and the same command run again adds the rest.
    """
    if workers and scheduler:
        raise typer.BadParameter("give --workers or --scheduler, not both")
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
    from rich.text import Text

    from clashwatch.ingest import expand_paths
    from clashwatch.scale import IngestOptions, LocalCoding, run_ingest
    from sqlalchemy.exc import OperationalError

    from clashwatch.store import Store

    console = Console(stderr=True)
    # The coders (this process's, local Dask workers') read the cap from the environment they start with.
    os.environ[MAX_ARTICLE_MB_VARIABLE] = str(max_mb)
    options = IngestOptions(batch_size=batch_size, max_bytes=int(max_mb * 1_000_000), resume=resume, link=link)
    urls = [path for path in paths if path.startswith(("http://", "https://"))]
    files = list(expand_paths(path for path in paths if path not in urls))
    fetched = _fetch(urls, options.max_bytes) if urls else []

    def report_failure(failure) -> None:
        console.print(Text.assemble(("failed ", "bold red"), f"{failure.path}: {failure.reason}"), soft_wrap=True)

    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    try:
        with Store(db) as store, Progress(*columns, console=console, transient=True) as progress:
            task = progress.add_task("reading", total=len(files))

            def show_file(path) -> None:
                progress.update(task, description=path.name)
                progress.advance(task)

            if workers or scheduler:
                from clashwatch.scale.cluster import DaskCoding

                with DaskCoding(workers=workers or None, scheduler=scheduler) as coding:
                    counts = run_ingest(store, [*fetched, *files], coding, options, report_failure, show_file)
            else:
                counts = run_ingest(store, [*fetched, *files], LocalCoding(), options, report_failure, show_file)
    except (OperationalError, OSError) as error:
        # A full disk, a read-only store or a lost server: each batch is one transaction, so all saved batches are
        # whole and the same command run again adds only what is missing.
        reason = getattr(error, "orig", None) or error
        console.print(
            Text.assemble(("stopped ", "bold red"), f"the store cannot be written: {reason}. Every batch saved "
                          "before this is kept; fix the cause (free disk space, make the store writable) and run the "
                          "same command again to add the rest."),
            soft_wrap=True,
        )  # fmt: skip
        raise typer.Exit(2) from None
    typer.echo(counts.summary())
    if link:
        typer.echo(f"linked: reports {counts.linked_reports}, merges {counts.link_merges}")
    if counts.failed:
        raise typer.Exit(1)


def _fetch(urls: list[str], max_bytes: int) -> list:
    """The articles at ``urls`` (each a page, or a feed whose items' pages are fetched), politely, all at once."""
    import asyncio

    from clashwatch.ingest.fetch import Fetcher, FetchPolicy
    from clashwatch.watch import fetch_once

    async def fetch_all() -> list:
        async with Fetcher(FetchPolicy(max_bytes=max_bytes)) as fetcher:
            results = await asyncio.gather(*(fetch_once(fetcher, url, max_bytes) for url in urls))
        return [item for items in results for item in items]

    return asyncio.run(fetch_all())
