"""Full-text search over stored events, on whichever database the store uses.

``text_search_condition(engine, query)`` is a WHERE condition on ``EventRow``: the events with a claim whose article
(title and text) or whose evidence sentences contain every word of ``query``; a word ending in ``*`` matches as a
prefix. Words are matched as tokens, case-insensitively and without stemming, and user punctuation never becomes query
syntax.

SQLite searches its FTS5 tables ``article_search`` and ``claim_search`` (kept by the store; a claim's entry has the
claim's id as rowid) and picks the plan by how many claims match. A rare word's events are looked up from its
matches. A common word's matches would all be read and sorted for a page of 50, so the events are instead walked in
the requested order (or by another filter's index), each probed for a matching claim; the walk stops once the page,
or the capped count, is full. PostgreSQL searches ``to_tsvector('simple', ...)`` expressions that GIN indexes cover
(migration 0003). Any other database falls back to substring matching.
"""

from __future__ import annotations

import math
import re

from sqlalchemy import (Engine, Integer, Select, TextualSelect, bindparam, exists, func, literal_column, or_, select,
                        text)
from sqlalchemy.sql.elements import ColumnElement
from sqlalchemy.types import TypeEngine

from clashwatch.store.models import ArticleRow, ClaimRow, EventRow, EvidenceRow

# The text-search configuration of the PostgreSQL indexes; a query must use the same one to use them.
POSTGRES_CONFIG = "simple"
_TOKEN = re.compile(r"\w+")
# SQLite's text index tables (migration 0006), and the ids of their entries that match ``:match``.
TEXT_INDEX_TABLES = ("article_search", "claim_search")
_ARTICLES_MATCHING = "SELECT article_id FROM article_search WHERE article_search MATCH :match"
_CLAIMS_MATCHING = "SELECT rowid FROM claim_search WHERE claim_search MATCH :match"
# A walk in event order probes about (rows wanted) x (events / matches) events, and a capped count (the API stops at
# 10,000) as many as the cap needs; looking the matches up reads and sorts every one. Measured on 100k synthetic
# events (docs/benchmarks.md), walking is the cheaper once matches^2 > events x this.
_WALK_WHEN_MATCHES_SQUARED_PER_EVENT = 1_000


def text_search_condition(engine: Engine, query: str) -> ColumnElement[bool]:
    """Events matching every word of ``query``, on the database behind ``engine``."""
    dialect = engine.dialect.name
    if dialect == "sqlite":
        return _sqlite_condition(engine, query)
    if dialect == "postgresql":
        return _postgres_condition(query)
    return _substring_condition(query)


def postgres_article_document() -> ColumnElement:
    """The indexed document of an article; migration 0003 builds its GIN index on exactly this expression."""
    # Literals, not bound parameters: the planner matches the index by comparing expressions.
    body = func.coalesce(ArticleRow.title, literal_column("''")).concat(literal_column("' '")).concat(ArticleRow.text)
    return func.to_tsvector(literal_column(f"'{POSTGRES_CONFIG}'"), body)


def postgres_evidence_document() -> ColumnElement:
    return func.to_tsvector(literal_column(f"'{POSTGRES_CONFIG}'"), EvidenceRow.text)


def fts5_query(query: str) -> str:
    """Each word as a quoted FTS5 string (all required), so user punctuation never becomes query syntax."""
    terms = []
    for word in query.split():
        prefix = word.endswith("*") and len(word) > 1
        quoted = '"' + word.rstrip("*").replace('"', '""') + '"'
        terms.append(quoted + ("*" if prefix else ""))
    return " ".join(terms)


def tsquery(query: str) -> str:
    """The words as a ``to_tsquery`` string: word tokens only (never operators), all required, ``*`` a prefix."""
    terms = []
    for word in query.split():
        tokens = _TOKEN.findall(word)
        if not tokens:
            continue
        if word.endswith("*"):
            tokens[-1] += ":*"
        terms.extend(tokens)
    return " & ".join(terms)


def _events_of_matching(articles: Select, claims_by_evidence: Select) -> ColumnElement[bool]:
    """Events with a claim by one of ``articles`` (article ids) or one of ``claims_by_evidence`` (claim ids)."""
    claims_of_articles = select(ClaimRow.event_id).where(ClaimRow.article_id.in_(articles))
    claims_of_evidence = select(ClaimRow.event_id).where(ClaimRow.id.in_(claims_by_evidence))
    return or_(EventRow.id.in_(claims_of_articles), EventRow.id.in_(claims_of_evidence))


def _sqlite_condition(engine: Engine, query: str) -> ColumnElement[bool]:
    match = fts5_query(query)
    articles = _fts5_ids(_ARTICLES_MATCHING, match, ArticleRow.id.type)
    evidence = _fts5_ids(_CLAIMS_MATCHING, match, Integer())
    matching_claim = or_(ClaimRow.article_id.in_(articles), ClaimRow.id.in_(evidence))
    if _matches_are_dense(engine, match):
        return exists().where(ClaimRow.event_id == EventRow.id, matching_claim)
    return EventRow.id.in_(select(ClaimRow.event_id).where(matching_claim))


def _fts5_ids(statement: str, match: str, id_type: TypeEngine) -> TextualSelect:
    # A unique parameter: two of these in one statement must not share one value.
    return text(statement).bindparams(bindparam("match", match, unique=True)).columns(id=id_type)


def _matches_are_dense(engine: Engine, match: str) -> bool:
    """Whether the claims matching ``match`` are many enough, among the events, for the walk to be cheaper."""
    with engine.connect() as connection:
        events = connection.scalar(text("SELECT count(*) FROM events")) or 0
        enough = math.isqrt(events * _WALK_WHEN_MATCHES_SQUARED_PER_EVENT)
        by_evidence = connection.scalar(text(f"SELECT count(*) FROM ({_CLAIMS_MATCHING})"), {"match": match})
        if by_evidence >= enough:
            return True
        by_article = connection.scalar(
            text(f"SELECT count(*) FROM (SELECT 1 FROM claims WHERE article_id IN ({_ARTICLES_MATCHING}) LIMIT :rest)"),
            {"match": match, "rest": enough - by_evidence},
        )
        return by_evidence + by_article >= enough


def _postgres_condition(query: str) -> ColumnElement[bool]:
    words = tsquery(query)
    if not words:
        return EventRow.id.is_(None)  # only punctuation: nothing can match
    wanted = func.to_tsquery(literal_column(f"'{POSTGRES_CONFIG}'"), words)
    return _events_of_matching(
        select(ArticleRow.id).where(postgres_article_document().bool_op("@@")(wanted)),
        select(EvidenceRow.claim_id).where(postgres_evidence_document().bool_op("@@")(wanted)),
    )


def _substring_condition(query: str) -> ColumnElement[bool]:
    words = query.split()
    return _events_of_matching(
        select(ArticleRow.id).where(*(ArticleRow.text.icontains(word, autoescape=True) for word in words)),
        select(EvidenceRow.claim_id).where(*(EvidenceRow.text.icontains(word, autoescape=True) for word in words)),
    )
