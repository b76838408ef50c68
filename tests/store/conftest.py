"""Store fixtures: every store test runs against SQLite and against a real PostgreSQL + PostGIS server.

The server is started once per session (``clashwatch.store.pgserver``) and each test gets a fresh database.
The PostgreSQL runs skip, saying why, only where no server can be started (not installed, no user to run it as).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from clashwatch.store.pgserver import ServerUnavailable, TemporaryServer, temporary_server

BACKENDS = ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)]


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[TemporaryServer]:
    try:
        with temporary_server() as server:
            yield server
    except ServerUnavailable as why:
        pytest.skip(f"no PostgreSQL server could be started: {why}")


@pytest.fixture(params=BACKENDS)
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return str(tmp_path / "test.db")
    return request.getfixturevalue("postgres_server").create_database()
