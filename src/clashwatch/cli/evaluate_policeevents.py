"""``clashwatch evaluate policeevents``: police KILL / ARREST / FORCE / ANY_ACTION detection on IndiaPoliceEvents."""

from __future__ import annotations

import json
from pathlib import Path

import typer

from clashwatch.cli import evaluate_app


@evaluate_app.command("policeevents")
def policeevents(
    folder: Path = typer.Argument(..., exists=True, file_okay=False, help="The india-police-events folder (sents.jsonl, docs.jsonl)."),
    limit: int | None = typer.Option(None, "--limit", help="Score only the first N documents."),
    as_json: bool = typer.Option(False, "--json", help="Print one JSON object."),
) -> None:
    """Sentence- and document-level P/R/F1 of each police-action class, beside the published keyword baseline."""
    from clashwatch.evaluate.policeevents import LABELS, evaluate_policeevents

    report = evaluate_policeevents(folder, limit=limit)
    if as_json:
        typer.echo(json.dumps(report, indent=2))
        return
    typer.echo(f"{report['sentences']} sentences, {report['documents']} documents in {report['seconds']} s")
    for label in LABELS:
        sentence, document = report[label]["sentence"], report[label]["document"]
        typer.echo(
            f"  {label:10} sentence F1 {sentence['f1']:.3f} (P {sentence['precision']:.3f} R {sentence['recall']:.3f})  "
            f"document F1 {document['f1']:.3f}  keyword baseline {report[label]['keyword_baseline_sentence_f1']:.2f}"
        )
