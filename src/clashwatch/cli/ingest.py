"""``clashwatch ingest``: read articles, code their events and store both; failures are reported and skipped."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING, Annotated

import typer

from clashwatch.cli import app
from clashwatch.cli.events import DbOption

if TYPE_CHECKING:
    from rich.console import Console

    from clashwatch.extract import EventCoder
    from clashwatch.ingest import IngestFailure
    from clashwatch.records import Article
    from clashwatch.store import Store


@dataclass
class IngestCounts:
    read: int = 0
    new: int = 0
    duplicate: int = 0
    failed: int = 0
    events: int = 0

    def summary(self) -> str:
        return (
            f"articles read {self.read}, new {self.new}, duplicate {self.duplicate}, failed {self.failed}; "
            f"events coded {self.events}"
        )


@app.command()
def ingest(
    paths: Annotated[list[str], typer.Argument(help="Files, folders (searched recursively) or glob patterns.")],
    db: DbOption = None,
    max_mb: Annotated[float, typer.Option(min=0.001, help="Largest article to accept, in MB.")] = 5.0,
) -> None:
    """Read .txt, .html, .jsonl and RSS/Atom files, code each new article's events and store them.

    Stored articles are skipped before coding: a re-run or a resumed batch adds only what is missing.
    Exits with status 1 when any input failed.
    """
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from clashwatch.ingest import IngestFailure, expand_paths, read_file
    from clashwatch.store import Store

    batch = _Batch(Store(db), Console(stderr=True))
    files = list(expand_paths(paths))
    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    with batch.store, Progress(*columns, console=batch.console, transient=True) as progress:
        task = progress.add_task("reading", total=len(files))
        for item in files:
            if isinstance(item, IngestFailure):
                batch.fail(item)
            else:
                progress.update(task, description=f"{item.name} ({batch.counts.new} new)")
                for result in read_file(item, int(max_mb * 1_000_000)):
                    batch.add(result)
            progress.advance(task)
    typer.echo(batch.counts.summary())
    if batch.counts.failed:
        raise typer.Exit(1)


class _Batch:
    """One ingest run: where articles go, what happened to them, and the coder, built for the first new article
    (a re-run over a stored batch then never loads the model)."""

    def __init__(self, store: Store, console: Console) -> None:
        self.store = store
        self.console = console
        self.counts = IngestCounts()

    @cached_property
    def coder(self) -> EventCoder:
        from clashwatch.extract import EventCoder

        return EventCoder()

    def add(self, result: Article | IngestFailure) -> None:
        from clashwatch.ingest import IngestFailure

        if isinstance(result, IngestFailure):
            self.fail(result)
            return
        self.counts.read += 1
        if self.store.has_article(result.id):
            self.counts.duplicate += 1
            return
        try:
            events = self.coder.code(result)
        except Exception as error:  # noqa: BLE001 - one article the coder chokes on must not stop the batch
            reason = f"coding failed: {type(error).__name__}: {error}"
            self.fail(IngestFailure(result.source_path or result.id, reason))
            return
        saved = self.store.save_article(result, events)
        if saved.new:
            self.counts.new += 1
            self.counts.events += len(saved.event_ids)
        else:
            self.counts.duplicate += 1

    def fail(self, failure: IngestFailure) -> None:
        from rich.text import Text

        self.counts.failed += 1
        self.console.print(Text.assemble(("failed ", "bold red"), f"{failure.path}: {failure.reason}"), soft_wrap=True)
