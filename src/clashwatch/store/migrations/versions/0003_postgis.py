"""PostgreSQL only: a PostGIS point per event location with a GiST index, and GIN full-text indexes.

``events.geom`` is a generated column computed from latitude and longitude, so every writer (the ORM, the linker's
raw inserts, hand-written SQL) keeps it in step without knowing it exists. The text indexes cover the exact
expressions ``clashwatch.store.search`` queries. SQLite has its FTS5 table from 0001 and needs nothing here.

Revision ID: 0003_postgis
Revises: 0002_link
Create Date: 2026-11-25
"""

from __future__ import annotations

from alembic import op

revision = "0003_postgis"
down_revision = "0002_link"
branch_labels = None
depends_on = None


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    # Creating the extension needs a superuser; on a shared server an administrator may have done it already.
    op.execute("CREATE EXTENSION IF NOT EXISTS postgis")
    op.execute(
        "ALTER TABLE events ADD COLUMN geom geometry(Point, 4326) GENERATED ALWAYS AS ("
        "CASE WHEN latitude IS NOT NULL AND longitude IS NOT NULL "
        "THEN ST_SetSRID(ST_MakePoint(longitude, latitude), 4326) END) STORED"
    )
    op.execute("CREATE INDEX ix_events_geom ON events USING GIST (geom)")
    op.execute(
        "CREATE INDEX ix_articles_text_search ON articles "
        "USING GIN (to_tsvector('simple', coalesce(title, '') || ' ' || text))"
    )
    op.execute("CREATE INDEX ix_evidence_text_search ON evidence USING GIN (to_tsvector('simple', text))")


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute("DROP INDEX ix_evidence_text_search")
    op.execute("DROP INDEX ix_articles_text_search")
    op.execute("DROP INDEX ix_events_geom")
    op.execute("ALTER TABLE events DROP COLUMN geom")
