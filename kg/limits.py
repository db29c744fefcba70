"""Bounded query work: one time limit, result-size cap and memory cap for every caller, and Ctrl-C that stops it.

pyoxigraph evaluates a query in Rust with the GIL released and offers no way to
cancel it from Python, and the rdflib engine can spin in a backtracking regular
expression that never looks at signals; neither stops for a timer or Ctrl-C in
the same process. So a query runs in a forked child process (the loaded store
is shared copy-on-write, nothing is re-read), and the parent waits for its
answer with a deadline:

- past ``Limits.timeout`` seconds the child is killed and QueryTimeout says so;
- on Ctrl-C the child is killed at once and KeyboardInterrupt goes on up (the
  CLI exits 130);
- the child counts solutions as it reads them (``capped``) and stops with
  ResultTooLarge past ``Limits.max_rows``;
- the child's address space is capped (``Limits.memory`` above what it started
  with), so a query that would take the machine's memory fails alone, with
  QueryOutOfMemory, instead of the Rust allocator aborting kg;
- unless the network is allowed, the child cannot open a network socket at all
  (kg.safety.network_denier), whatever the query says.

Every command that runs queries (kg query, kg report, a future kg serve) calls
``run_bounded(work, limits)``; ``work`` runs in the child and its return value
(any picklable value: kg.results.Results) comes back to the caller, as does any
KgError it raises. A ``work`` that uses a store it did not open before the fork
(a RocksDB store, which is not fork-safe) should open it inside ``work``.
"""

from __future__ import annotations

import os
import pickle
import select
import signal
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from typing import TypeVar

from .errors import InputError, KgError

T = TypeVar("T")

#: Defaults: a few seconds for ad-hoc queries (-e, --file), longer for the project's stored queries.
AD_HOC_TIMEOUT = 5.0
STORED_TIMEOUT = 60.0
MAX_ROWS = 100_000
MEMORY = 4 << 30


@dataclass(frozen=True)
class Limits:
    """What one query may use. ``timeout`` in seconds (None: no limit), ``memory`` in bytes."""

    timeout: float | None = AD_HOC_TIMEOUT
    max_rows: int | None = MAX_ROWS
    memory: int | None = MEMORY
    #: How the timeout was chosen, for the message ("the default for -e and --file queries").
    origin: str = "the default for ad-hoc queries"

    @classmethod
    def for_query(cls, ad_hoc: bool, timeout: float | None = None, max_rows: int | None = None) -> Limits:
        """The limits for one query: ``timeout``/``max_rows`` as given (0: none), else the defaults."""
        if timeout is None:
            limits = cls(AD_HOC_TIMEOUT, origin="the default for -e and --file queries") if ad_hoc else \
                cls(STORED_TIMEOUT, origin="the default for stored queries")
        else:
            limits = cls(float(timeout) or None, origin="set by --timeout")
        if max_rows is not None:
            limits = replace(limits, max_rows=max_rows or None)
        return limits


class QueryTimeout(InputError):
    """The query did not finish within its time limit."""


class ResultTooLarge(InputError):
    """The query gave more solutions than the result-size cap allows."""


class QueryOutOfMemory(InputError):
    """The query needed more memory than a query may use."""


_active: Limits | None = None  # set in the child while it works


def row_cap() -> int | None:
    """The result-size cap of the query being worked on (None: no cap)."""
    return _active.max_rows if _active is not None else None


def capped(items: Iterable[T], what: str = "rows") -> Iterator[T]:
    """The items, stopping with ResultTooLarge past the active cap (the engines read solutions through this)."""
    cap = _active.max_rows if _active is not None else None
    if cap is None:
        yield from items
        return
    for count, item in enumerate(items, start=1):
        if count > cap:
            raise ResultTooLarge(f"the query gives more than {cap:,} {what}; kg stops there",
                                 hint="add LIMIT to the query, or pass --max-rows N (0 for no cap)")
        yield item


def run_bounded(work: Callable[[], T], limits: Limits | None, *, allow_network: bool = False,
                where: str | None = None) -> T:
    """``work()`` run in a child process under ``limits``; its result, or the KgError it raised.

    ``where`` names the query in the messages of the limits.
    """
    if limits is None or not hasattr(os, "fork"):
        return work()
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()  # the child must not write the parent's buffered output again
        except (OSError, ValueError):
            pass
    from .safety import network_denier

    deny = None if allow_network else network_denier()
    read_end, write_end = os.pipe()
    # Ctrl-C is held back across the fork: one that arrived between fork() returning and the ``try`` below would
    # end the parent and leave the child working (and holding the terminal's pipes) for ever.
    held = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        pid = os.fork()
    except BaseException:
        signal.pthread_sigmask(signal.SIG_SETMASK, held)
        raise
    if pid == 0:  # pragma: no cover - runs in the child, which ends with os._exit
        os.close(read_end)
        _child(work, limits, deny, write_end, held)
    try:
        os.close(write_end)
        signal.pthread_sigmask(signal.SIG_SETMASK, held)  # a Ctrl-C held back is raised here, inside the try
        payload = _receive(read_end, limits, where)
    except BaseException:
        _kill(pid)
        raise
    finally:
        os.close(read_end)
    _, status = os.waitpid(pid, 0)
    if not payload:
        raise _died(status, limits, where)
    kind, value = pickle.loads(payload)
    if kind == "ok":
        return value
    if isinstance(value, KgError) and value.where is None and where:
        value.where = where
        value.args = (value.line(),)
    raise value


def _receive(fd: int, limits: Limits, where: str | None) -> bytes:
    """Everything the child writes, until it closes the pipe; QueryTimeout past the deadline."""
    deadline = time.monotonic() + limits.timeout if limits.timeout else None
    chunks = []
    while True:
        wait = None if deadline is None else max(deadline - time.monotonic(), 0)
        ready, _, _ = select.select([fd], [], [], min(wait, 0.5) if wait is not None else 0.5)
        if ready:
            chunk = os.read(fd, 1 << 20)
            if not chunk:
                return b"".join(chunks)
            chunks.append(chunk)
        elif deadline is not None and time.monotonic() >= deadline:
            raise QueryTimeout(f"the query did not finish within {limits.timeout:g} s ({limits.origin}); kg stopped it",
                               where=where, hint="make the query more selective, or pass --timeout SECONDS (0 for none)")


def _kill(pid: int) -> None:
    try:
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
    except (ProcessLookupError, ChildProcessError):
        pass


def _died(status: int, limits: Limits, where: str | None) -> KgError:
    if os.WIFSIGNALED(status):
        name = signal.Signals(os.WTERMSIG(status)).name
        budget = f"{limits.memory / (1 << 30):g} GiB" if limits.memory else "the machine's memory"
        return QueryOutOfMemory(f"the query engine stopped ({name}), most likely because the query needs more "
                                f"memory than kg lets a query use ({budget})", where=where,
                                hint="make the query more selective or add LIMIT")
    return InputError(f"the query process ended without an answer (exit {os.WEXITSTATUS(status)})", where=where,
                      hint="run the command again; if it repeats, report it")


def _child(work: Callable[[], object], limits: Limits, deny: Callable[[], bool] | None,
           fd: int, held: set) -> None:  # pragma: no cover
    """Run ``work`` under the limits and write ("ok", value) or ("error", exception) to ``fd``; never returns."""
    global _active
    code = 0
    try:
        signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent handles Ctrl-C and kills this process
        signal.pthread_sigmask(signal.SIG_SETMASK, held)
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, 2)  # an allocator's abort message is not for the user; the parent says what happened
        if limits.memory:
            _cap_memory(limits.memory)
        if deny is not None:
            deny()
        _active = limits
        result: tuple = ("ok", work())
    except KgError as e:
        result = ("error", e)
    except MemoryError:
        budget = f"{limits.memory / (1 << 30):g} GiB" if limits.memory else "the machine's memory"
        result = ("error", QueryOutOfMemory(f"the query needs more memory than kg lets a query use ({budget})",
                                            hint="make the query more selective or add LIMIT"))
    except BaseException as e:  # noqa: BLE001 - reported by the parent as the bug it is
        result = ("error", RuntimeError(f"{type(e).__name__}: {e}"))
    try:
        payload = pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL)
    except Exception as e:  # noqa: BLE001
        payload = pickle.dumps(("error", RuntimeError(f"cannot return the answer: {e}")))
    try:
        view = memoryview(payload)
        while view:
            view = view[os.write(fd, view):]
    except OSError:
        code = 1
    os._exit(code)


def _cap_memory(budget: int) -> None:  # pragma: no cover - runs in the child
    """Cap the address space at what the process maps now plus ``budget`` bytes."""
    import resource

    try:
        with open("/proc/self/statm") as fh:
            mapped = int(fh.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError):
        return
    limit = mapped + budget
    _, hard = resource.getrlimit(resource.RLIMIT_AS)
    if hard != resource.RLIM_INFINITY:
        limit = min(limit, hard)
    resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
