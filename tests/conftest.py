"""Shared fixtures: the real spaCy pipeline and coder, loaded once per test session."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path

import httpx
import pytest

from clashwatch.paths import eval_data_dir, seed_dir


@pytest.fixture(scope="session")
def nlp():
    from clashwatch.nlp import load_pipeline

    return load_pipeline()


@pytest.fixture(scope="session")
def coder(nlp):
    from clashwatch.extract import EventCoder

    return EventCoder(nlp=nlp)


@pytest.fixture(scope="session")
def eval_data() -> Path:
    path = eval_data_dir()
    if not path.is_dir():
        pytest.skip(f"human-annotated eval data not found at {path} (set CLASHWATCH_EVAL_DATA to run these tests)")
    return path


@pytest.fixture(scope="session")
def seed_article_text() -> str:
    path = seed_dir() / "armenia-azerbaijan-2022-09.txt"
    if not path.is_file():
        pytest.skip(f"the seed article is not at {path} (it is news text, kept outside the repository)")
    return path.read_text(encoding="utf-8")


# Property-based tests run a fixed, bounded set of examples: the same inputs on every run and a CI-sized cost.
from hypothesis import HealthCheck, settings  # noqa: E402

settings.register_profile(
    "clashwatch",
    derandomize=True,
    database=None,
    deadline=None,
    max_examples=60,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
# A deeper search for bugs, run by hand: pytest --hypothesis-profile=hunt tests/...
settings.register_profile("hunt", parent=settings.get_profile("clashwatch"), max_examples=1000)
settings.load_profile("clashwatch")


@contextmanager
def _serving(db: Path | str, log: Path) -> Iterator[str]:
    """`clashwatch serve` over ``db`` (a path or URL) in a subprocess on a free local port (writes disabled); yields
    its base URL."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    command = [sys.executable, "-c", "from clashwatch.cli import main; main()", "serve", "--db", str(db),
               "--port", str(port)]  # fmt: skip
    environment = {key: value for key, value in os.environ.items() if key != "CLASHWATCH_TOKEN"}
    process = subprocess.Popen(command, env=environment, stdout=log.open("wb"), stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if httpx.get(f"{base}/api/stats", timeout=2).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                process.wait()
                pytest.fail(f"clashwatch serve did not start: {log.read_text(errors='replace')}")
            time.sleep(0.2)
        yield base
    finally:
        process.terminate()
        process.wait(timeout=15)


@pytest.fixture(scope="session")
def serving() -> Callable[[Path | str, Path], AbstractContextManager[str]]:
    """Starts `clashwatch serve` over a database: ``with serving(db, log) as base_url: ...``."""
    return _serving
