"""The fetch process: harvests are fetched by a child process, so that HTTP work runs on another core beside
coding instead of taking turns with it under this process's GIL (a thread cost ``watch`` about a tenth of its
throughput: ``python -m clashwatch.watch.bench``).

The child opens the same store to see which item URLs are already stored, keeps the URLs claimed by the harvests
of the current poll, and sends each harvest back whole. It exits when told to, and on its own when its parent
is gone (a monitor killed with SIGKILL leaves no fetcher behind).
"""

from __future__ import annotations

import asyncio
import multiprocessing
import os
import queue
from typing import Any

from clashwatch.ingest.fetch import Fetcher, FetchPolicy, Validators
from clashwatch.watch.harvest import Harvest, harvest
from clashwatch.watch.sources import Source

_START_TIMEOUT_S = 120.0
_PARENT_CHECK_S = 1.0


class FetchProcessError(RuntimeError):
    pass


class FetchProcess:
    """``submit(number, source, validators)`` starts a harvest; ``result(number)`` waits for it."""

    def __init__(self, store_url: str, policy: FetchPolicy) -> None:
        if store_url in ("sqlite://", "sqlite:///:memory:"):
            raise FetchProcessError("watch needs a store another process can open: a file or a database server")
        context = multiprocessing.get_context("spawn")  # never fork a process holding threads and a loaded model
        self._requests = context.Queue()
        self._results = context.Queue()
        self._process = context.Process(
            target=_serve, args=(store_url, policy, self._requests, self._results, os.getpid()),
            name="clashwatch-fetch", daemon=True,
        )  # fmt: skip
        self._arrived: dict[int, Harvest] = {}

    def start(self) -> None:
        self._process.start()
        kind, detail = self._next(_START_TIMEOUT_S)
        if kind != "ready":
            raise FetchProcessError(f"the fetch process could not start: {detail}")

    def submit(self, number: int, source: Source, validators: Validators) -> None:
        self._requests.put(("harvest", number, source, validators))

    def result(self, number: int) -> Harvest:
        while number not in self._arrived:
            kind, detail = self._next(None)
            if kind == "harvest":
                arrived_number, harvested = detail
                self._arrived[arrived_number] = harvested
        return self._arrived.pop(number)

    def end_poll(self) -> None:
        """Forgets the item URLs this poll's harvests claimed (those not stored are asked for again next poll)."""
        self._requests.put(("end poll",))
        self._arrived.clear()

    def close(self) -> None:
        if self._process.is_alive():
            self._requests.put(("stop",))
            self._process.join(timeout=10)
        if self._process.is_alive():
            self._process.terminate()
            self._process.join()

    def _next(self, timeout: float | None) -> tuple[str, Any]:
        waited = 0.0
        while True:
            try:
                return self._results.get(timeout=_PARENT_CHECK_S)
            except queue.Empty:
                waited += _PARENT_CHECK_S
                if not self._process.is_alive():
                    raise FetchProcessError(f"the fetch process died (exit code {self._process.exitcode})") from None
                if timeout is not None and waited >= timeout:
                    raise FetchProcessError(f"the fetch process did not answer in {timeout:g} s") from None


def _serve(store_url: str, policy: FetchPolicy, requests, results, parent: int) -> None:
    try:
        asyncio.run(_fetch_harvests(store_url, policy, requests, results, parent))
    except KeyboardInterrupt:
        pass  # the terminal's Ctrl-C reaches the whole process group; the parent reports it


async def _fetch_harvests(store_url: str, policy: FetchPolicy, requests, results, parent: int) -> None:
    from clashwatch.store import Store

    try:
        store = Store(store_url)
    except Exception as error:  # noqa: BLE001 - whatever stops the child is reported to the parent, not lost
        results.put(("failed", f"cannot open the store: {error}"))
        return
    claimed: set[str] = set()

    def known(urls: list[str]) -> set[str]:
        stored = store.fetched_urls(urls) | (claimed & set(urls))
        claimed.update(url for url in urls if url not in stored)
        return stored

    async def run(number: int, source: Source, validators: Validators) -> None:
        try:
            harvested = await harvest(fetcher, source, validators, known)
        except Exception as error:  # noqa: BLE001 - one source's bug must not stop the others
            harvested = Harvest(source, error=f"internal error while fetching: {error!r}")
        results.put(("harvest", (number, harvested)))

    loop = asyncio.get_running_loop()
    tasks: set[asyncio.Task] = set()
    watchdog = asyncio.create_task(_exit_with_parent(parent))
    async with Fetcher(policy) as fetcher:
        results.put(("ready", None))
        while True:
            message = await loop.run_in_executor(None, requests.get)
            if message[0] == "stop":
                break
            if message[0] == "end poll":
                claimed.clear()
                continue
            task = asyncio.create_task(run(*message[1:]))
            tasks.add(task)
            task.add_done_callback(tasks.discard)
    watchdog.cancel()
    store.close()
    os._exit(0)  # the executor thread blocked on the queue must not hold the process open


async def _exit_with_parent(parent: int) -> None:
    while os.getppid() == parent:
        await asyncio.sleep(_PARENT_CHECK_S)
    os._exit(0)
