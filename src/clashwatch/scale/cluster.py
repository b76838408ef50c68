"""Coding on a Dask cluster: a local one (``distributed.LocalCluster``, one single-threaded process per worker)
or an existing one reached through its scheduler's address.

Each worker builds its coder once, when it joins (``CoderPlugin``), and keeps it for every batch it is sent.
The client keeps a few batches per worker in flight and hands the results back in submission order.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

from distributed import WorkerPlugin

from clashwatch.ingest import IngestFailure
from clashwatch.records import Article
from clashwatch.scale.coding import code_in_process, ensure_gazetteer, process_coder

if TYPE_CHECKING:
    from distributed import Client, Future

    from clashwatch.scale.pipeline import CodingResult

BATCHES_IN_FLIGHT_PER_WORKER = 2  # one being coded, one waiting, so a worker never idles between batches


class CoderPlugin(WorkerPlugin):
    """Loads the spaCy pipeline, classifier and gazetteer when a worker starts, not inside its first task."""

    name = "clashwatch-coder"

    def setup(self, worker) -> None:
        process_coder()


class DaskCoding:
    """Use as a context manager: it starts (and then stops) the local cluster, or connects to ``scheduler``."""

    def __init__(self, workers: int | None = None, scheduler: str | None = None) -> None:
        if (workers is None) == (scheduler is None):
            raise ValueError("give either a number of local workers or a scheduler address")
        self.workers = workers
        self.scheduler = scheduler
        self.client: Client | None = None
        self._cluster = None

    def __enter__(self) -> DaskCoding:
        from distributed import Client, LocalCluster

        if self.scheduler is not None:
            self.client = Client(self.scheduler)
        else:
            # Built here once: local workers share this cache and must not each start building it at the same moment.
            ensure_gazetteer()
            self._cluster = LocalCluster(
                n_workers=self.workers, threads_per_worker=1, processes=True, dashboard_address=None
            )
            self.client = Client(self._cluster)
        self.client.register_plugin(CoderPlugin())
        return self

    def __exit__(self, *exc_info: object) -> None:
        if self.client is not None:
            self.client.close()
        if self._cluster is not None:
            self._cluster.close()

    @property
    def worker_count(self) -> int:
        return len(self.client.scheduler_info(n_workers=-1)["workers"])

    def map(self, batches: Iterable[list[Article]]) -> Iterator[list[CodingResult]]:
        window = max(1, self.worker_count) * BATCHES_IN_FLIGHT_PER_WORKER
        in_flight: deque[tuple[list[Article], Future]] = deque()
        for batch in batches:
            in_flight.append((batch, self.client.submit(code_in_process, batch, pure=False)))
            if len(in_flight) >= window:
                yield _result(*in_flight.popleft())
        while in_flight:
            yield _result(*in_flight.popleft())

    def peak_memory_mb(self) -> dict[str, float]:
        """Each worker's peak resident memory so far, in MB."""
        return self.client.run(_peak_rss_mb)


def _result(batch: list[Article], future: Future) -> list[CodingResult]:
    try:
        return future.result()
    except Exception as error:  # noqa: BLE001 - a lost worker fails its batch's articles; the next run retries them
        reason = f"the Dask task failed: {type(error).__name__}: {error}"
        return [IngestFailure(article.source_path or article.id, reason) for article in batch]
    finally:
        future.release()


def _peak_rss_mb() -> float:
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
