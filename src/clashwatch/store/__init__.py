"""The store stage: articles, events, claims and evidence in SQLite or PostgreSQL (SQLAlchemy 2 + Alembic).

Entry point: ``Store(url)``; see ``clashwatch.store.db``.
"""

from clashwatch.store.db import ORDERS, EventFilter, SaveResult, Store, resolve_url

__all__ = ["ORDERS", "EventFilter", "SaveResult", "Store", "resolve_url"]
