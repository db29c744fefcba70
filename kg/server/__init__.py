"""Serving the graph: ``kg serve``, a read-only SPARQL 1.1 endpoint with every stored query by name.

The parts: ``dataset`` (what is served and pushed), ``protocol`` (reading a
SPARQL Protocol request), ``formats`` (content negotiation), ``workers`` and
``worker_main`` (query processes with a time limit, a size cap and a memory
limit), ``page`` (the HTML), ``app`` (the Starlette routes). ``serve`` puts
them together under uvicorn.
"""

from __future__ import annotations

import os
import socket
import tempfile
from collections.abc import Callable
from pathlib import Path

from ..errors import InputError
from .workers import Limits

__all__ = ["Limits", "serve"]


def serve(project, *, host: str = "127.0.0.1", port: int = 8000, store_dir: Path | None = None,
          workers: int | None = None, limits: Limits | None = None, on_ready: Callable[[str], None] | None = None) -> None:
    """Serve the project's dataset (or the Oxigraph store in ``store_dir``) until interrupted.

    Workers are started and the port is bound before ``on_ready`` is called with
    the base URL, so a client that waits for it never sees a refused connection.
    """
    import uvicorn

    from ..queries import list_queries
    from .app import create_app
    from .dataset import DatasetSource, write_project_nquads
    from .workers import QueryPool, WorkerSetup, WorkerStartError

    queries = list_queries(project.queries_dir, project.shown)
    size = workers or max(1, len(os.sched_getaffinity(0)))
    with tempfile.TemporaryDirectory(prefix="kg-serve-") as tmp:
        if store_dir is not None:
            if not Path(store_dir).is_dir():
                raise InputError("no store folder here", where=str(store_dir), hint="give an Oxigraph store folder with --store")
            source = DatasetSource(store_dir=Path(store_dir).resolve())
        else:
            source = DatasetSource(nquads=write_project_nquads(project, Path(tmp) / "dataset.nq"))
        sock = _listen(host, port)
        limits = limits or Limits()
        pool = QueryPool(WorkerSetup(source, project.root, limits), size)
        try:
            pool.start()
        except WorkerStartError as e:
            sock.close()
            raise InputError(str(e), where=str(store_dir or project.shown(project.graph_path)),
                             hint="check the dataset") from None
        try:
            app = create_app(pool, queries, timeout=limits.timeout)
            config = uvicorn.Config(app, log_level="warning", access_log=False, lifespan="on",
                                    timeout_graceful_shutdown=2, server_header=False)
            bound = sock.getsockname()
            shown = f"[{bound[0]}]" if ":" in bound[0] else bound[0]
            if on_ready:
                on_ready(f"http://{shown}:{bound[1]}/")
            uvicorn.Server(config).run(sockets=[sock])
        finally:
            pool.close()
            sock.close()


def _listen(host: str, port: int) -> socket.socket:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    try:
        return socket.create_server((host, port), family=family, backlog=1024)
    except OSError as e:
        raise InputError(f"cannot listen on {host}:{port}: {e.strerror or e}", where="kg serve",
                         hint="choose another --port, or stop what is using it") from None
    except OverflowError:
        raise InputError(f"port {port} is out of range", where="kg serve", hint="give --port 0 to 65535") from None
