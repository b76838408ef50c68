"""Monitoring state: the sources followed (validators, health, next due time), every article URL fetched (with its
canonical URL and the article it gave, or why it gave none), and each article's author.

Revision ID: 0005_watch
Revises: 0004_event_indexes
Create Date: 2026-12-06
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005_watch"
down_revision = "0004_event_indexes"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "watch_sources",
        sa.Column("url", sa.String(2048), primary_key=True),
        sa.Column("kind", sa.String(8), nullable=False),
        sa.Column("name", sa.Text),
        sa.Column("interval_s", sa.Integer, nullable=False),
        sa.Column("last_fetch", sa.DateTime(timezone=True)),
        sa.Column("last_success", sa.DateTime(timezone=True)),
        sa.Column("last_new", sa.DateTime(timezone=True)),
        sa.Column("etag", sa.Text),
        sa.Column("last_modified", sa.Text),
        sa.Column("error_count", sa.Integer, nullable=False),
        sa.Column("last_error", sa.Text),
        sa.Column("next_due", sa.DateTime(timezone=True), index=True),
        sa.Column("articles", sa.Integer, nullable=False),
    )
    op.create_table(
        "fetched_urls",
        sa.Column("url", sa.String(2048), primary_key=True),
        sa.Column("canonical_url", sa.String(2048), index=True),
        sa.Column("article_id", sa.String(255), index=True),
        sa.Column("skipped", sa.Text),
        sa.Column("fetched_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.add_column("articles", sa.Column("author", sa.Text))


def downgrade() -> None:
    op.drop_column("articles", "author")
    op.drop_table("fetched_urls")
    op.drop_table("watch_sources")
