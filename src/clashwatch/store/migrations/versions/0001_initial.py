"""Articles, events, claims, evidence; an FTS5 text index on SQLite.

Revision ID: 0001
Revises:
Create Date: 2026-11-25
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "articles",
        sa.Column("id", sa.String(255), primary_key=True),
        sa.Column("url", sa.Text),
        sa.Column("outlet", sa.Text),
        sa.Column("title", sa.Text),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("published", sa.Date, index=True),
        sa.Column("published_inferred", sa.Boolean, nullable=False),
        sa.Column("dateline_text", sa.Text),
        sa.Column("dateline_start", sa.Integer),
        sa.Column("dateline_end", sa.Integer),
        sa.Column("source_path", sa.Text),
        sa.Column("source_id", sa.Text),
        sa.Column("collected", sa.DateTime(timezone=True)),
        sa.Column("ingested_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_table(
        "events",
        sa.Column("id", sa.String(300), primary_key=True),
        sa.Column("event_date", sa.Date, index=True),
        sa.Column("time_precision", sa.Integer),
        sa.Column("event_type", sa.String(64), index=True),
        sa.Column("sub_event_type", sa.String(64)),
        sa.Column("actor1", sa.Text),
        sa.Column("assoc_actor_1", sa.Text),
        sa.Column("inter1", sa.Integer),
        sa.Column("actor2", sa.Text),
        sa.Column("assoc_actor_2", sa.Text),
        sa.Column("inter2", sa.Integer),
        sa.Column("interaction", sa.Integer),
        sa.Column("country", sa.String(100)),
        sa.Column("iso3", sa.String(3), index=True),
        sa.Column("admin1", sa.String(200)),
        sa.Column("admin2", sa.String(200)),
        sa.Column("location", sa.String(200)),
        sa.Column("latitude", sa.Float),
        sa.Column("longitude", sa.Float),
        sa.Column("geo_precision", sa.Integer),
        sa.Column("fatalities", sa.Integer),
        sa.Column("geonameid", sa.Integer),
        sa.Column("feature_precision", sa.String(16)),
        sa.Column("date_start", sa.Date),
        sa.Column("date_end", sa.Date),
        sa.Column("injuries", sa.Integer),
        sa.Column("weapons", sa.JSON, nullable=False),
        sa.Column("target", sa.Text),
        sa.Column("actor1_iso3", sa.String(3)),
        sa.Column("actor2_iso3", sa.String(3)),
        sa.Column("cameo_code", sa.String(8)),
        sa.Column("plover", sa.String(32)),
        sa.Column("disorder_type", sa.String(64)),
        sa.Column("is_background", sa.Boolean, nullable=False),
        sa.Column("contested", sa.Boolean, nullable=False),
    )
    op.create_table(
        "claims",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column(
            "event_id", sa.String(300), sa.ForeignKey("events.id", ondelete="CASCADE"), nullable=False, index=True
        ),
        sa.Column(
            "article_id", sa.String(255), sa.ForeignKey("articles.id", ondelete="CASCADE"), nullable=False, index=True
        ),
        sa.Column("claimant", sa.Text),
        sa.Column("stance", sa.String(16), nullable=False),
        sa.Column("negated", sa.Boolean, nullable=False),
        sa.Column("hypothetical", sa.Boolean, nullable=False),
        sa.Column("future", sa.Boolean, nullable=False),
        sa.Column("historical", sa.Boolean, nullable=False),
        sa.Column("outlet", sa.Text),
        sa.Column("published", sa.Date),
        sa.Column("claimant_start", sa.Integer),
        sa.Column("claimant_end", sa.Integer),
        sa.Column("claimant_text", sa.Text),
        sa.Column("cue_start", sa.Integer),
        sa.Column("cue_end", sa.Integer),
        sa.Column("cue_text", sa.Text),
        sa.Column("version", sa.JSON, nullable=False),
        sa.Column("created", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_table(
        "evidence",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("claim_id", sa.Integer, sa.ForeignKey("claims.id", ondelete="CASCADE"), nullable=False, index=True),
        sa.Column("field", sa.String(64), nullable=False),
        sa.Column("start", sa.Integer, nullable=False),
        sa.Column("end", sa.Integer, nullable=False),
        sa.Column("text", sa.Text, nullable=False),
    )
    if op.get_bind().dialect.name == "sqlite":
        # owner is "article" or "event"; bodies are article title + text, and event notes (evidence sentences).
        op.execute(
            "CREATE VIRTUAL TABLE text_search USING fts5("
            "owner UNINDEXED, owner_id UNINDEXED, body, tokenize='unicode61 remove_diacritics 2')"
        )


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute("DROP TABLE text_search")
    for table in ("evidence", "claims", "events", "articles"):
        op.drop_table(table)
