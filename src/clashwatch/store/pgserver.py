"""A throwaway local PostgreSQL + PostGIS server, for tests and benchmarks of the PostgreSQL store.

``temporary_server()`` runs ``initdb`` in a fresh folder, starts the server on 127.0.0.1 with a free port (its unix
socket stays in that folder), enables PostGIS in ``template1`` so every database created afterwards has it, and stops
the server and deletes the folder on exit. PostgreSQL refuses to run as root, so as root the server runs as the
``postgres`` system user.
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass
from itertools import count
from pathlib import Path

SYSTEM_USER = "postgres"
_database_numbers = count(1)


class ServerUnavailable(RuntimeError):
    """No PostgreSQL server can be started here; the message says why."""


@dataclass
class TemporaryServer:
    host: str
    port: int
    user: str = SYSTEM_USER

    def url(self, database: str = "postgres") -> str:
        return f"postgresql+psycopg://{self.user}@{self.host}:{self.port}/{database}"

    def create_database(self, prefix: str = "clashwatch") -> str:
        """A new empty database (PostGIS enabled, from ``template1``); returns its SQLAlchemy URL."""
        import psycopg

        name = f"{prefix}_{os.getpid()}_{next(_database_numbers)}"
        with psycopg.connect(host=self.host, port=self.port, user=self.user, dbname="postgres", autocommit=True) as db:
            db.execute(f'CREATE DATABASE "{name}"')
        return self.url(name)


def find_binaries() -> Path:
    """The folder holding ``initdb`` and ``pg_ctl``: on PATH, else the newest ``/usr/lib/postgresql/*/bin``."""
    on_path = shutil.which("initdb")
    if on_path:
        return Path(on_path).parent
    installed = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda found: int(found.split("/")[4]))
    if not installed:
        raise ServerUnavailable("PostgreSQL is not installed (no initdb on PATH or in /usr/lib/postgresql/*/bin)")
    return Path(installed[-1]).parent


@contextmanager
def temporary_server() -> Iterator[TemporaryServer]:
    binaries = find_binaries()
    run_as = _server_user()
    folder = Path(tempfile.mkdtemp(prefix="clashwatch-pg-"))
    data = folder / "data"
    if run_as is not None:
        account = pwd.getpwnam(run_as)
        os.chown(folder, account.pw_uid, account.pw_gid)
    port = _free_port()
    server = TemporaryServer("127.0.0.1", port)
    try:
        _run(run_as, binaries / "initdb", "-D", data, "-U", SYSTEM_USER, "-A", "trust", "-E", "UTF8", "--no-sync")
        options = f"-c listen_addresses=127.0.0.1 -c port={port} -c unix_socket_directories={folder} -c fsync=off"
        _run(run_as, binaries / "pg_ctl", "-D", data, "-l", folder / "server.log", "-o", options, "-w", "start")
    except ServerUnavailable:
        shutil.rmtree(folder, ignore_errors=True)
        raise
    try:
        _enable_postgis(server)
        yield server
    finally:
        _run(run_as, binaries / "pg_ctl", "-D", data, "-m", "immediate", "-w", "stop", check=False)
        shutil.rmtree(folder, ignore_errors=True)


def _server_user() -> str | None:
    """Who runs the server: ``None`` for this process's own user, ``postgres`` when that user is root."""
    if os.geteuid() != 0:
        return None
    try:
        pwd.getpwnam(SYSTEM_USER)
    except KeyError:
        raise ServerUnavailable(f"running as root and there is no {SYSTEM_USER!r} user to run PostgreSQL as") from None
    return SYSTEM_USER


def _run(run_as: str | None, *command: object, check: bool = True) -> None:
    arguments = [str(part) for part in command]
    if run_as is not None:
        arguments = ["runuser", "-u", run_as, "--", *arguments]
    finished = subprocess.run(arguments, capture_output=True, text=True, cwd="/", check=False)
    if check and finished.returncode != 0:
        raise ServerUnavailable(f"{' '.join(arguments)} failed: {(finished.stderr or finished.stdout).strip()}")


def _enable_postgis(server: TemporaryServer) -> None:
    import psycopg

    with psycopg.connect(host=server.host, port=server.port, user=server.user, dbname="template1", autocommit=True) as db:
        try:
            db.execute("CREATE EXTENSION IF NOT EXISTS postgis")
        except psycopg.Error as error:
            raise ServerUnavailable(f"PostgreSQL started but PostGIS is not available: {error}") from None


def _free_port() -> int:
    with closing(socket.socket(socket.AF_INET, socket.SOCK_STREAM)) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]
