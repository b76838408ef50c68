"""Processes that open a new store at the same moment (``serve`` beside ``ingest``) find one schema, created once."""

from __future__ import annotations

import subprocess
import sys

import pytest

from clashwatch.store import Store

PROCESSES = 4
OPEN_AND_COUNT = "import sys; from clashwatch.store import Store; print(Store(sys.argv[1]).count_articles())"


@pytest.mark.parametrize("attempt", range(2))  # a race: two tries make a miss unlikely
def test_processes_opening_a_new_store_together_all_succeed(store_url, attempt):
    opening = [subprocess.Popen([sys.executable, "-c", OPEN_AND_COUNT, store_url], stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, text=True) for _ in range(PROCESSES)]  # fmt: skip
    results = [process.communicate(timeout=120) for process in opening]
    assert [process.returncode for process in opening] == [0] * PROCESSES, [errors for _, errors in results]
    assert [output.strip() for output, _ in results] == ["0"] * PROCESSES
    with Store(store_url) as store:
        assert store.count_articles() == 0
