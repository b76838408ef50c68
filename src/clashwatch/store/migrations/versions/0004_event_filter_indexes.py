"""Indexes for the API's filters and sorts: fatalities, contested, location box, and type / country by date.

The composite ``(event_type, event_date)`` and ``(iso3, event_date)`` indexes let a filtered page, newest first,
stop after its rows instead of sorting every match; they also answer what the single-column ``event_type`` and
``iso3`` indexes of 0001 did, which they replace. Plain B-tree indexes: the same on SQLite and PostgreSQL.

Revision ID: 0004_event_indexes
Revises: 0003_postgis
Create Date: 2026-11-25
"""

from __future__ import annotations

from alembic import op

revision = "0004_event_indexes"
down_revision = "0003_postgis"
branch_labels = None
depends_on = None

# (name, columns), as the models declare them.
NEW_INDEXES = [
    ("ix_events_fatalities", ["fatalities"]),
    ("ix_events_contested", ["contested"]),
    ("ix_events_latitude_longitude", ["latitude", "longitude"]),
    ("ix_events_event_type_event_date", ["event_type", "event_date"]),
    ("ix_events_iso3_event_date", ["iso3", "event_date"]),
]
REPLACED_INDEXES = [("ix_events_event_type", ["event_type"]), ("ix_events_iso3", ["iso3"])]


def upgrade() -> None:
    for name, columns in NEW_INDEXES:
        op.create_index(name, "events", columns)
    for name, _columns in REPLACED_INDEXES:
        op.drop_index(name, table_name="events")


def downgrade() -> None:
    for name, columns in REPLACED_INDEXES:
        op.create_index(name, "events", columns)
    for name, _columns in NEW_INDEXES:
        op.drop_index(name, table_name="events")
