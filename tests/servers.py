"""Real servers for the tests: kg serve and Oxigraph server, each on a free port of 127.0.0.1.

Each runs as its own process and is stopped (and its children with it) when the
test module is done. Requests go through urllib, so the tests read what any
HTTP client would get.
"""

from __future__ import annotations

import contextlib
import os
import select
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from pathlib import Path

BIN = Path(sys.executable).parent


@dataclass
class Reply:
    status: int
    content_type: str
    body: bytes

    @property
    def text(self) -> str:
        return self.body.decode("utf-8")


def request(url: str, *, method: str = "GET", params: dict | list | None = None, data: bytes | None = None,
            headers: dict | None = None, timeout: float = 30) -> Reply:
    if params:
        url += ("&" if "?" in url else "?") + urllib.parse.urlencode(params)
    req = urllib.request.Request(url, data=data, method=method, headers=headers or {})
    try:
        with urllib.request.urlopen(req, timeout=timeout) as response:
            return Reply(response.status, response.headers.get("content-type", ""), response.read())
    except urllib.error.HTTPError as e:
        return Reply(e.code, e.headers.get("content-type", ""), e.read())


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_for_port(port: int, process: subprocess.Popen, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the server exited with {process.returncode}")
        with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), timeout=0.5):
            return
        time.sleep(0.05)
    raise RuntimeError(f"nothing listens on port {port} after {seconds} s")


def stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


@contextlib.contextmanager
def kg_serve(project_root: Path, *args: str):
    """``kg serve --port 0`` in its own process group; yields (base URL, process)."""
    process = subprocess.Popen([str(BIN / "kg"), "--project", str(project_root), "serve", "--port", "0", *args],
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True)
    try:
        line = b""
        deadline = time.monotonic() + 60
        while not line.endswith(b"\n") and time.monotonic() < deadline:
            ready, _, _ = select.select([process.stderr], [], [], 1)
            if ready:
                chunk = os.read(process.stderr.fileno(), 4096)
                if not chunk:
                    break
                line += chunk
        text = line.decode()
        assert text.startswith("Serving http://127.0.0.1:"), text
        yield text.split()[1], process
    finally:
        stop(process)


@contextlib.contextmanager
def oxigraph_server(command: str = "serve", *extra: str):
    """The Oxigraph server of PyPI's ``oxigraph`` package (in memory for ``serve`` without --location),
    with the union of the named graphs as the default graph, as kg queries it; yields the base URL."""
    exe = shutil.which("oxigraph", path=str(BIN)) or shutil.which("oxigraph")
    assert exe, "the oxigraph package (a test dependency) is installed"
    port = free_port()
    process = subprocess.Popen([exe, command, "--bind", f"127.0.0.1:{port}", "--union-default-graph", *extra],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        _wait_for_port(port, process)
        yield f"http://127.0.0.1:{port}"
    finally:
        stop(process)
