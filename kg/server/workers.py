"""Query worker processes: where ``kg serve`` runs SPARQL, so a query that runs too long can be stopped.

pyoxigraph evaluates a query in Rust with no way to cancel it from Python, and a
thread cannot be killed, so a never-ending query in the server's own process
would hold a core until the server stops. Queries therefore run in a small pool
of worker processes, each holding the dataset, with no network sockets
(kg.safety.network_denier); the server's event loop only sends jobs down pipes.
A worker runs each query through kg.limits, the one mechanism every command
uses: in a forked child with the time limit, row cap and memory cap, so a
never-ending query or a cartesian ``SELECT *`` ends as a 503 or 422 in one line
and the worker goes on. Answers are written through a writer that stops at the
server's byte cap. Should a worker itself stop answering, the server kills it
after the time limit plus a margin and starts another.

The pool is sized to the machine's cores: pyoxigraph's evaluation and result
writing are CPU-bound, so more workers than cores only queue inside the kernel.
"""

from __future__ import annotations

import asyncio
import os
import pickle
from dataclasses import dataclass, field
from pathlib import Path

from .dataset import DatasetSource


@dataclass(frozen=True)
class Limits:
    """The bounds every query runs under: kg.limits' time limit, row cap and memory cap per query (each query runs
    in a child the worker forks), and the server's own byte cap on an answer and queue of waiting requests."""

    timeout: float = 10.0  # seconds of evaluation and writing per query
    max_rows: int | None = 100_000
    max_result_bytes: int = 32 * 1024 * 1024  # the serialised answer
    memory_bytes: int = 2 * 1024 * 1024 * 1024  # above what a query process starts with
    queue: int = 256  # requests waiting for a free worker before the server answers 503

    def for_queries(self):
        from ..limits import Limits as QueryLimits

        return QueryLimits(timeout=self.timeout, max_rows=self.max_rows, memory=self.memory_bytes,
                           origin="the server's time limit")

    @property
    def backstop(self) -> float:
        """How long the server waits for a worker before killing it (a query's own limit is kept by its worker)."""
        return self.timeout + 5.0


@dataclass(frozen=True)
class Answer:
    """What the server sends back: HTTP status, content type and body."""

    status: int
    content_type: str
    body: bytes
    headers: dict[str, str] = field(default_factory=dict)

    @classmethod
    def error(cls, status: int, line: str) -> Answer:
        return cls(status, "text/plain; charset=utf-8", (" ".join(line.split()) + "\n").encode("utf-8"))


@dataclass(frozen=True)
class WorkerSetup:
    """Everything a freshly spawned worker needs: plain values only (it is pickled)."""

    source: DatasetSource
    project_root: Path
    limits: Limits


class _Worker:
    def __init__(self, process, conn):
        self.process, self.conn = process, conn

    def stop(self) -> None:
        if self.process.is_alive():
            self.process.kill()
        self.process.join(timeout=5)
        self.conn.close()


class WorkerStartError(RuntimeError):
    """A worker could not open the dataset; the message is the worker's one line."""


def _start_worker(setup: WorkerSetup) -> _Worker:
    import multiprocessing

    ctx = multiprocessing.get_context("spawn")  # never fork a process that runs an event loop and threads
    parent, child = ctx.Pipe(duplex=True)
    from .worker_main import main

    process = ctx.Process(target=main, args=(child, setup), daemon=True, name="kg-serve-worker")
    process.start()
    child.close()
    try:
        status = pickle.loads(parent.recv_bytes())
    except EOFError:
        process.join(timeout=5)
        raise WorkerStartError(f"a query worker stopped while opening the dataset (exit code {process.exitcode})") from None
    if status != "ready":
        process.join(timeout=5)
        raise WorkerStartError(str(status))
    return _Worker(process, parent)


class QueryPool:
    """A fixed number of worker processes and the queue of idle ones."""

    def __init__(self, setup: WorkerSetup, size: int):
        self.setup, self.size = setup, size
        self.idle: asyncio.Queue[_Worker] = asyncio.Queue()
        self.workers: set[_Worker] = set()
        self.waiting = 0

    def start(self) -> None:
        """Start every worker (blocking; before the event loop serves requests)."""
        from concurrent.futures import ThreadPoolExecutor

        with ThreadPoolExecutor(self.size) as pool:
            started = list(pool.map(lambda _: _try_start(self.setup), range(self.size)))
        failures = [s for s in started if isinstance(s, WorkerStartError)]
        for worker in started:
            if isinstance(worker, _Worker):
                self.workers.add(worker)
                self.idle.put_nowait(worker)
        if failures:
            self.close()
            raise failures[0]

    def close(self) -> None:
        for worker in list(self.workers):
            worker.stop()
        self.workers.clear()

    async def run(self, job: dict) -> Answer:
        limits = self.setup.limits
        if self.waiting >= limits.queue:
            return Answer.error(503, f"the server is busy: {self.waiting} queries are waiting; try again later")
        self.waiting += 1
        try:
            worker = await self.idle.get()
        finally:
            self.waiting -= 1
        loop = asyncio.get_running_loop()
        ready = loop.create_future()
        try:
            try:
                worker.conn.send_bytes(pickle.dumps(job))
            except OSError:  # the worker died between jobs
                self._replace(worker)
                worker = None
                return Answer.error(503, "a query worker stopped; try again")
            fd = worker.conn.fileno()
            loop.add_reader(fd, lambda: ready.done() or ready.set_result(None))
            try:
                await asyncio.wait_for(ready, limits.backstop)
            except TimeoutError:
                loop.remove_reader(fd)  # before the pipe is closed: its number may be reused at once
                self._replace(worker)
                worker = None
                return Answer.error(503, f"the query did not finish within {limits.timeout:g} s (the server's time "
                                         "limit, kg serve --timeout); narrow it down or add LIMIT")
            loop.remove_reader(fd)
            os.set_blocking(fd, True)  # uvloop leaves a watched descriptor non-blocking; recv_bytes needs it whole
            try:
                return pickle.loads(worker.conn.recv_bytes())
            except (EOFError, OSError):
                self._replace(worker)
                worker = None
                return Answer.error(503, "the query stopped its worker process (most likely it needed more than "
                                         f"{limits.memory_bytes // 2**20} MB, the server's memory limit); narrow it down")
        finally:
            if worker is not None:
                self.idle.put_nowait(worker)

    def _replace(self, worker: _Worker) -> None:
        """Kill a worker and start another in the background; the pool is one smaller until it is ready."""
        loop = asyncio.get_running_loop()
        self.workers.discard(worker)
        worker.stop()

        def started(future) -> None:  # runs on the event loop
            fresh = None if future.cancelled() or future.exception() else future.result()
            if isinstance(fresh, _Worker):
                self.workers.add(fresh)
                self.idle.put_nowait(fresh)

        loop.run_in_executor(None, _try_start, self.setup).add_done_callback(started)


def _try_start(setup: WorkerSetup) -> _Worker | WorkerStartError:
    try:
        return _start_worker(setup)
    except WorkerStartError as e:
        return e
