"""Coding submitted articles in the background: one worker thread, one coder built on first use, jobs kept in memory.

One worker is enough on a small machine (the coder uses one core) and keeps the coder, which is not thread-safe,
on a single thread.
"""

from __future__ import annotations

import threading
import uuid
from collections import OrderedDict
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, datetime
from enum import Enum
from typing import TYPE_CHECKING

from clashwatch.records import Article
from clashwatch.store import SaveResult, Store

if TYPE_CHECKING:
    from clashwatch.extract import EventCoder

KEPT_JOBS = 1000  # finished jobs beyond this many are forgotten, oldest first


class JobState(str, Enum):
    QUEUED = "queued"
    RUNNING = "running"
    DONE = "done"  # every article handled (some may have failed: see errors)
    FAILED = "failed"  # the job as a whole could not run, e.g. the coder did not load


@dataclass
class Job:
    id: str
    articles: list[Article]
    state: JobState = JobState.QUEUED
    done: int = 0
    results: list[SaveResult] = field(default_factory=list)
    errors: list[tuple[int, str]] = field(default_factory=list)  # (index in the submission, why)
    message: str | None = None
    created: datetime = field(default_factory=lambda: datetime.now(UTC))
    finished: datetime | None = None

    @property
    def total(self) -> int:
        return len(self.articles)

    @property
    def progress(self) -> float:
        return self.done / self.total if self.total else 1.0


def _default_coder() -> EventCoder:
    from clashwatch.extract import EventCoder

    return EventCoder()


class JobRunner:
    def __init__(self, store: Store, make_coder: Callable[[], EventCoder] = _default_coder) -> None:
        self.store = store
        self._make_coder = make_coder
        self._coder: EventCoder | None = None
        self._jobs: OrderedDict[str, Job] = OrderedDict()
        self._lock = threading.Lock()
        self._stopping = threading.Event()
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="clashwatch-coder")

    def submit(self, articles: list[Article]) -> Job:
        job = Job(uuid.uuid4().hex, articles)
        with self._lock:
            self._jobs[job.id] = job
            self._forget_old_jobs()
        self._executor.submit(self._run, job)
        return job

    def get(self, job_id: str) -> Job | None:
        with self._lock:
            return self._jobs.get(job_id)

    def shutdown(self) -> None:
        """Stops after the article being coded; queued jobs never start."""
        self._stopping.set()
        self._executor.shutdown(wait=False, cancel_futures=True)

    def _forget_old_jobs(self) -> None:
        finished = [job_id for job_id, job in self._jobs.items() if job.finished is not None]
        for job_id in finished[: max(0, len(self._jobs) - KEPT_JOBS)]:
            del self._jobs[job_id]

    def _run(self, job: Job) -> None:
        job.state = JobState.RUNNING
        try:
            if self._coder is None:
                self._coder = self._make_coder()
        except Exception as error:  # noqa: BLE001 - reported to the client through the job
            self._finish(job, JobState.FAILED, f"the coder could not be loaded: {type(error).__name__}: {error}")
            return
        for index, article in enumerate(job.articles):
            if self._stopping.is_set():
                self._finish(job, JobState.FAILED, f"the server stopped after {job.done} of {job.total} articles")
                return
            try:
                job.results.append(self._code_and_store(article))
            except Exception as error:  # noqa: BLE001 - one article the coder chokes on must not stop the job
                job.errors.append((index, f"{type(error).__name__}: {error}"))
            job.done += 1
        self._finish(job, JobState.DONE)

    @staticmethod
    def _finish(job: Job, state: JobState, message: str | None = None) -> None:
        job.message = message
        job.finished = datetime.now(UTC)
        job.state = state  # last: a client that sees the final state also sees the rest

    def _code_and_store(self, article: Article) -> SaveResult:
        if self.store.has_article(article.id):
            return self.store.save_article(article, [])  # stores nothing; reports the events already there
        return self.store.save_article(article, self._coder.code(article))
