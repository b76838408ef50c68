"""Full-text search over stored events, on whichever database the store uses.

``text_search_condition(dialect, query)`` is a WHERE condition on ``EventRow``: the events whose article (title and
text) or whose claims' evidence sentences contain every word of ``query``; a word ending in ``*`` matches as a prefix.
Words are matched as tokens, case-insensitively and without stemming, and user punctuation never becomes query syntax.

SQLite searches its FTS5 table ``text_search`` (kept by the store); PostgreSQL searches ``to_tsvector('simple', ...)``
expressions that GIN indexes cover (migration 0003). Any other database falls back to substring matching.
"""

from __future__ import annotations

import re

from sqlalchemy import Select, TextualSelect, bindparam, func, literal_column, or_, select, text
from sqlalchemy.sql.elements import ColumnElement
from sqlalchemy.types import TypeEngine

from clashwatch.store.models import ArticleRow, ClaimRow, EventRow, EvidenceRow

# The text-search configuration of the PostgreSQL indexes; a query must use the same one to use them.
POSTGRES_CONFIG = "simple"
_TOKEN = re.compile(r"\w+")


def text_search_condition(dialect: str, query: str) -> ColumnElement[bool]:
    """Events matching every word of ``query``; ``dialect`` is ``store.engine.dialect.name``."""
    if dialect == "sqlite":
        return _sqlite_condition(query)
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


def _sqlite_condition(query: str) -> ColumnElement[bool]:
    match = fts5_query(query)
    events_matching = _fts5_owners("event", match, EventRow.id.type)
    articles_saying = select(ClaimRow.event_id).where(
        ClaimRow.article_id.in_(_fts5_owners("article", match, ArticleRow.id.type))
    )
    return or_(EventRow.id.in_(events_matching), EventRow.id.in_(articles_saying))


def _fts5_owners(owner: str, match: str, id_type: TypeEngine) -> TextualSelect:
    """Ids of the ``owner`` entries ("event" or "article") of the FTS5 table that match ``match``."""
    statement = text("SELECT owner_id FROM text_search WHERE owner = :owner AND body MATCH :match")
    # Unique parameters: two of these in one statement must not share one value for ":owner".
    unique = (bindparam("owner", owner, unique=True), bindparam("match", match, unique=True))
    return statement.bindparams(*unique).columns(owner_id=id_type)


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
