"""SQLite text search keyed for fast probes: one FTS5 table of articles (title and text) and one of claims'
evidence sentences whose rowid is the claim's id, replacing the single ``text_search`` table whose owner columns
had to be read back row by row. A broad word's matches are then ids straight from the index, and a merge or a
re-link, which re-points claims, leaves the text index untouched.

Revision ID: 0006_text_search
Revises: 0005_watch
Create Date: 2026-12-07
"""

from __future__ import annotations

from alembic import op

revision = "0006_text_search"
down_revision = "0005_watch"
branch_labels = None
depends_on = None

_TOKENIZER = "tokenize='unicode61 remove_diacritics 2'"


def upgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    op.execute(f"CREATE VIRTUAL TABLE article_search USING fts5(article_id UNINDEXED, body, {_TOKENIZER})")
    op.execute(f"CREATE VIRTUAL TABLE claim_search USING fts5(body, {_TOKENIZER})")
    op.execute(
        "INSERT INTO article_search (article_id, body) "
        "SELECT id, trim(coalesce(title, '') || char(10) || text, char(10)) FROM articles"
    )
    op.execute(
        "INSERT INTO claim_search (rowid, body) "
        "SELECT claim_id, group_concat(text, char(10)) FROM "
        "(SELECT DISTINCT claim_id, text FROM evidence WHERE field = '_claim') GROUP BY claim_id"
    )
    op.execute("DROP TABLE text_search")


def downgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    op.execute(
        f"CREATE VIRTUAL TABLE text_search USING fts5(owner UNINDEXED, owner_id UNINDEXED, body, {_TOKENIZER})"
    )
    op.execute(
        "INSERT INTO text_search (owner, owner_id, body) SELECT 'article', article_id, body FROM article_search"
    )
    op.execute(
        "INSERT INTO text_search (owner, owner_id, body) SELECT 'event', claims.event_id, claim_search.body "
        "FROM claim_search JOIN claims ON claims.id = claim_search.rowid"
    )
    op.execute("DROP TABLE claim_search")
    op.execute("DROP TABLE article_search")
