"""The background job runner on its own: stopping mid-job, and progress as articles are coded."""

from __future__ import annotations

import threading
import time

from clashwatch.api.jobs import JobRunner, JobState
from clashwatch.records import Article
from clashwatch.store import Store


class GatedCoder:
    """The real coder, held at its first article until the test opens the gate."""

    def __init__(self, coder) -> None:
        self.coder = coder
        self.started = threading.Event()
        self.gate = threading.Event()

    def code(self, article):
        self.started.set()
        self.gate.wait(timeout=30)
        return self.coder.code(article)


def wait_until(condition, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.02)


def test_stopping_finishes_the_current_article_and_fails_the_rest(tmp_path, coder):
    gated = GatedCoder(coder)
    texts = [f"Police arrested {count} protesters in Dhaka, Bangladesh, on Monday." for count in ("two", "five", "nine")]
    with Store(str(tmp_path / "jobs.db")) as store:
        runner = JobRunner(store, lambda: gated)
        job = runner.submit([Article(text=text) for text in texts])
        queued = runner.submit([Article(text="Troops clashed with rebels in Goma on Sunday.")])
        assert gated.started.wait(timeout=30)
        assert job.state is JobState.RUNNING and job.progress == 0
        runner.shutdown()
        gated.gate.set()
        wait_until(lambda: job.finished is not None)
        assert job.state is JobState.FAILED
        assert job.message == "the server stopped after 1 of 3 articles"
        assert job.done == 1 and len(job.results) == 1 and job.results[0].new
        assert store.count_articles() == 1
        assert queued.state is JobState.QUEUED  # never started
