"""Alembic environment. The Store passes its open connection in ``config.attributes["connection"]``; run by hand,
the database URL comes from ``-x db=URL``, else ``CLASHWATCH_DB``, else ``./clashwatch.db``."""

from __future__ import annotations

from logging.config import fileConfig

from alembic import context
from sqlalchemy import create_engine

from clashwatch.store.db import resolve_url
from clashwatch.store.models import Base


def run_migrations(connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        # SQLite cannot ALTER most things in place; batch mode rebuilds tables for later revisions.
        render_as_batch=connection.dialect.name == "sqlite",
    )
    with context.begin_transaction():
        context.run_migrations()


def run_by_hand() -> None:
    if context.config.config_file_name is not None:
        fileConfig(context.config.config_file_name)
    engine = create_engine(resolve_url(context.get_x_argument(as_dictionary=True).get("db")))
    with engine.connect() as connection:
        run_migrations(connection)


if context.is_offline_mode():
    raise SystemExit("ClashWatch migrations run online only: give a database with -x db=URL")
if "connection" in context.config.attributes:
    run_migrations(context.config.attributes["connection"])
else:
    run_by_hand()
