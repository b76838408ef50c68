"""The queue of events no linking run has seen yet, so that ``link_new`` reads what is new instead of comparing
every stored event with every linked report.

Revision ID: 0007_unlinked_events
Revises: 0006_text_search
Create Date: 2026-12-07
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007_unlinked_events"
down_revision = "0006_text_search"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "unlinked_events",
        sa.Column("event_id", sa.String(300), sa.ForeignKey("events.id", ondelete="CASCADE"), primary_key=True),
    )
    op.execute(
        "INSERT INTO unlinked_events (event_id) SELECT id FROM events WHERE id NOT IN "
        "(SELECT report_id FROM link_reports UNION SELECT event_id FROM link_reports)"
    )


def downgrade() -> None:
    op.drop_table("unlinked_events")
