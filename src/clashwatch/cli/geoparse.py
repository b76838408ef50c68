"""``clashwatch geoparse``: JSON Lines articles in, one JSON line of resolved place mentions per article out."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TextIO

import typer

from clashwatch.cli import app


def toponym_line(document_id: str | None, toponyms) -> dict:
    return {
        "id": document_id,
        "toponyms": [
            {
                "start": toponym.span.start,
                "end": toponym.span.end,
                "text": toponym.span.text,
                "geonameid": toponym.geonameid,
                "name": toponym.name,
                "lat": toponym.latitude,
                "lon": toponym.longitude,
                "country": toponym.country_iso3,
                "feature": toponym.feature,
                "score": toponym.score,
            }
            for toponym in toponyms
        ],
    }


def _articles(stream: TextIO, origin: str):
    for number, line in enumerate(stream, start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
            yield record.get("id"), record["text"]
        except (json.JSONDecodeError, KeyError, TypeError) as error:
            raise typer.BadParameter(f"{origin} line {number}: not a JSON object with a text ({error})") from error


@app.command()
def geoparse(
    source: str = typer.Argument("-", help="A JSON Lines file of articles (id, text, optional title, url, published), or - for stdin."),
) -> None:
    """Find and resolve the place mentions of each article; one JSON line per article with its toponyms."""
    from clashwatch.extract.places import Geoparser
    from clashwatch.nlp import load_pipeline

    if source == "-":
        stream, origin = sys.stdin, "<stdin>"
    else:
        path = Path(source)
        if not path.is_file():
            raise typer.BadParameter(f"{source} is not a file", param_hint="SOURCE")
        stream, origin = path.open(encoding="utf-8"), str(path)
    geoparser = Geoparser()
    nlp = load_pipeline()
    with stream:
        articles = list(_articles(stream, origin))
    for (document_id, _), doc in zip(articles, nlp.pipe(text for _, text in articles)):
        sys.stdout.write(json.dumps(toponym_line(document_id, geoparser.find_toponyms(doc)), ensure_ascii=False) + "\n")
