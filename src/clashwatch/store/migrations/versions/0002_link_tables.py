"""Link stage: reports as coded, the merge audit trail, analyst decisions.

Revision ID: 0002_link
Revises: 0001
Create Date: 2026-11-25
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002_link"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "link_reports",
        sa.Column("report_id", sa.String(128), primary_key=True),
        sa.Column("article_id", sa.String(64), nullable=False, index=True),
        sa.Column("event_id", sa.String(128), nullable=False, index=True),
        sa.Column("coded", sa.JSON, nullable=False),
        sa.Column("linked_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_table(
        "link_decisions",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("event_id", sa.String(128), nullable=False, index=True),
        sa.Column("left_ids", sa.JSON, nullable=False),
        sa.Column("right_ids", sa.JSON, nullable=False),
        sa.Column("mean_score", sa.Float),
        sa.Column("pair", sa.JSON),
        sa.Column("pair_score", sa.Float),
        sa.Column("features", sa.JSON, nullable=False),
        sa.Column("source", sa.String(16), nullable=False),
        sa.Column("created", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_table(
        "link_analyst_decisions",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("action", sa.String(8), nullable=False),
        sa.Column("first_report", sa.String(128), nullable=False, index=True),
        sa.Column("second_report", sa.String(128), nullable=False, index=True),
        sa.Column("created", sa.DateTime(timezone=True), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("link_analyst_decisions")
    op.drop_table("link_decisions")
    op.drop_table("link_reports")
