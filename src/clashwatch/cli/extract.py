"""``clashwatch extract``: JSON Lines articles in, one JSON line per coded event out; no database involved."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import typer

from clashwatch.cli import app


def event_line(event, article) -> dict:
    """One coded event as a flat JSON object: its fields, the document it came from, who claims it and the evidence."""
    from clashwatch.records import to_jsonable

    record = to_jsonable(event)
    claim = record.pop("claims")[0]
    record.update(
        doc_id=article.source_id or article.id,
        article_id=article.id,
        published=to_jsonable(article.published),
        published_inferred=article.published_inferred,
        claimed_by=claim["claimant"],
        stance=claim["stance"],
        claim=claim,
    )
    return record


@app.command()
def extract(
    source: str = typer.Argument("-", help="A JSON Lines file of articles (id, text, optional title, url, published, source), or - for stdin."),
    model: Path | None = typer.Option(None, "--model", help="An event classifier trained with `clashwatch train` (default: the shipped rules)."),
) -> None:
    """Code articles into events and write one JSON line per event to stdout, without touching the database."""
    from clashwatch.extract import EventCoder
    from clashwatch.ingest.readers import IngestFailure, read_jsonl_stream
    from clashwatch.limits import InputRejected

    coder = EventCoder(model_path=model)
    failures = 0
    if source == "-":
        items = read_jsonl_stream(sys.stdin.buffer, "<stdin>")
    else:
        path = Path(source)
        if not path.is_file():
            raise typer.BadParameter(f"{source} is not a file", param_hint="SOURCE")
        items = read_jsonl_stream(path.open("rb"), str(path))
    for item in items:
        if isinstance(item, IngestFailure):
            failures += 1
            typer.echo(f"skipped {item.path}: {item.reason}", err=True)
            continue
        try:
            events = coder.code(item)
        except InputRejected as refusal:
            failures += 1
            typer.echo(f"skipped {item.source_path}: {refusal}", err=True)
            continue
        for event in events:
            sys.stdout.write(json.dumps(event_line(event, item), ensure_ascii=False) + "\n")
    if failures:
        raise typer.Exit(code=1)
