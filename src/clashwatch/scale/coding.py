"""Coding one batch of articles, where one article the coder chokes on fails alone, and the coder each process
(the client or a Dask worker) builds once."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

from clashwatch.ingest import IngestFailure
from clashwatch.limits import InputRejected, check_article_size
from clashwatch.nlp import parse_texts
from clashwatch.records import Article, Event

if TYPE_CHECKING:
    from clashwatch.extract import EventCoder


@dataclass
class CodedArticle:
    article: Article
    events: list[Event]


def code_batch(coder: EventCoder, articles: list[Article]) -> list[CodedArticle | IngestFailure]:
    """Each article's events, or why it could not be coded; parsed as one spaCy batch (faster than one by one)."""
    refused: dict[int, InputRejected] = {}
    for index, article in enumerate(articles):
        try:
            check_article_size(article.text, coder.max_article_bytes)
        except InputRejected as refusal:
            refused[index] = refusal
    texts = [("" if index in refused else article.text, index) for index, article in enumerate(articles)]
    try:
        docs = [doc for doc, _ in parse_texts(coder.nlp, texts, batch_size=max(1, len(articles)))]
    except Exception:  # noqa: BLE001 - one text spaCy cannot parse must not sink the batch: parse each alone below
        docs = [None] * len(articles)
    results: list[CodedArticle | IngestFailure] = []
    for index, (article, doc) in enumerate(zip(articles, docs, strict=True)):
        if index in refused:
            results.append(IngestFailure(article.source_path or article.id, str(refused[index])))
            continue
        try:
            events = coder.code_doc(article, doc if doc is not None else coder.parse(article.text))
        except Exception as error:  # noqa: BLE001 - reported as this article's failure; the batch goes on
            reason = f"coding failed: {type(error).__name__}: {error}"
            results.append(IngestFailure(article.source_path or article.id, reason))
        else:
            results.append(CodedArticle(article, events))
    return results


@cache
def process_coder() -> EventCoder:
    """This process's coder (spaCy pipeline, classifier, gazetteer), built on first use and then kept."""
    from clashwatch.extract import EventCoder

    return EventCoder()


def code_in_process(articles: list[Article]) -> list[CodedArticle | IngestFailure]:
    """The task a Dask worker runs: code a batch with the worker's own coder."""
    return code_batch(process_coder(), articles)


def ensure_gazetteer() -> None:
    """Builds the gazetteer cache if it is missing, so worker processes only ever open it, never build it at once."""
    from clashwatch.extract.places.gazetteer import build_index, default_index_path

    if not default_index_path().exists():
        build_index()
