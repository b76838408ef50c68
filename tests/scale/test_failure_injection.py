"""Failure injection on real processes and a real file system: a full disk, a read-only store and a killed ingest
each end with a clear message, and the same command run again gives the clean run's result."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from clashwatch.ingest import read_paths
from clashwatch.paths import PACKAGE_DATA
from clashwatch.records import Article
from clashwatch.store import Store

ARTICLES = 24
CLI = [sys.executable, "-c", "from clashwatch.cli import main; main()"]
ENVIRONMENT = {key: value for key, value in os.environ.items() if key != "CLASHWATCH_TOKEN"}

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def articles(tmp_path_factory) -> Path:
    texts = [item.text for item in read_paths([PACKAGE_DATA / "samples", PACKAGE_DATA / "link-examples"])
             if isinstance(item, Article)]  # fmt: skip
    path = tmp_path_factory.mktemp("input") / "articles.jsonl"
    with path.open("w", encoding="utf-8") as out:
        for number in range(ARTICLES):
            text = f"{texts[number % len(texts)]}\n\nReport {number}."
            out.write(json.dumps({"id": f"r{number}", "text": text}) + "\n")
    return path


def ingest(db: Path, articles: Path) -> subprocess.CompletedProcess:
    command = [*CLI, "ingest", "--db", str(db), "--no-link", "--batch-size", "4", str(articles)]
    return subprocess.run(command, env=ENVIRONMENT, capture_output=True, text=True, timeout=300)


def contents(db: Path) -> tuple[int, list[tuple]]:
    with Store(str(db)) as store:
        events = store.list_events()
        return store.count_articles(), sorted(
            (event.id, event.event_type, event.location, event.fatalities, event.event_date, len(event.claims))
            for event in events
        )


@pytest.fixture(scope="module")
def clean_run(articles, tmp_path_factory):
    db = tmp_path_factory.mktemp("clean") / "events.db"
    assert ingest(db, articles).returncode == 0
    return contents(db)


class Mount:
    """A tmpfs of its own, remountable smaller, larger or read-only: a real disk that fills or refuses writes."""

    def __init__(self, where: Path, size: str) -> None:
        where.mkdir()
        self.where = where
        command = ["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(where)]
        result = subprocess.run(command, capture_output=True, text=True)
        if result.returncode != 0:
            pytest.skip(f"cannot mount a tmpfs here (needs root or CAP_SYS_ADMIN): {result.stderr.strip()}")

    def remount(self, options: str) -> None:
        subprocess.run(["mount", "-o", f"remount,{options}", str(self.where)], check=True)

    def unmount(self) -> None:
        subprocess.run(["umount", str(self.where)], check=True)


@pytest.fixture
def disk(tmp_path):
    mount = Mount(tmp_path / "disk", "300k")
    yield mount
    mount.unmount()


def assert_stopped_clearly(result: subprocess.CompletedProcess) -> None:
    assert result.returncode == 2, result.stderr
    assert "the store cannot be written" in result.stderr and "run the same command again" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_full_disk_stops_ingest_clearly_and_the_rerun_completes_it(articles, clean_run, disk):
    db = disk.where / "events.db"
    full = ingest(db, articles)
    assert_stopped_clearly(full)
    assert "full" in full.stderr
    disk.remount("size=64m")
    assert ingest(db, articles).returncode == 0
    assert contents(db) == clean_run


def test_a_read_only_store_stops_ingest_clearly_and_the_rerun_completes_it(articles, clean_run, disk):
    disk.remount("size=64m")
    db = disk.where / "events.db"
    first = articles.parent / "first.jsonl"
    first.write_text(articles.read_text(encoding="utf-8").splitlines()[0] + "\n", encoding="utf-8")
    assert ingest(db, first).returncode == 0
    disk.remount("ro")
    assert_stopped_clearly(ingest(db, articles))
    disk.remount("rw")
    assert ingest(db, articles).returncode == 0
    assert contents(db) == clean_run


def test_an_ingest_killed_mid_batch_resumes_to_the_clean_result(articles, clean_run, tmp_path):
    db = tmp_path / "events.db"
    command = [*CLI, "ingest", "--db", str(db), "--no-link", "--batch-size", "4", str(articles)]
    process = subprocess.Popen(command, env=ENVIRONMENT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 240
    while time.monotonic() < deadline and process.poll() is None:
        if db.exists():
            with Store(str(db)) as store:
                if store.count_articles() >= 4:
                    break
        time.sleep(0.1)
    assert process.poll() is None, "ingest ended before it could be killed"
    process.send_signal(signal.SIGKILL)
    process.wait()
    with Store(str(db)) as store:
        assert 4 <= store.count_articles() < ARTICLES  # killed part-way: whole batches only
    assert ingest(db, articles).returncode == 0
    assert contents(db) == clean_run
