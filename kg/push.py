"""Putting the dataset into a shared triple store: ``kg push``.

Each named graph of the dataset (one per source article, one for the ontology)
replaces the graph of the same name in the store, through the SPARQL 1.1 Graph
Store HTTP Protocol (``PUT ?graph=IRI``, then ``POST`` for the rest of a large
graph) or, with an update endpoint, SPARQL 1.1 Update (``DROP SILENT GRAPH``
then ``INSERT DATA``). httpx does the HTTP (it answers Digest challenges and
reuses them, which urllib cannot). Pushing twice leaves the store as pushing once. Graphs
the store has under other names are never touched.

Credentials come from ``KG_PUSH_USER`` and ``KG_PUSH_PASSWORD`` or a netrc file
(``$NETRC`` or ``~/.netrc``) for the endpoint's host, and are answered to the
server's Basic or Digest challenge; a URL with a user or password in it is
refused, since it would show in shell history and process lists. Error lines
name the endpoint without credentials.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote, urlsplit

from .errors import InputError

CHUNK_TRIPLES = 50_000  # per request: large graphs go in several, so progress shows and no request is huge
# per INSERT DATA: Virtuoso 7 turns an update into SQL and refuses one of more than 10,000 lines (about 2,000 triples)
UPDATE_CHUNK_TRIPLES = 500
TIMEOUT = 300.0


@dataclass(frozen=True)
class PushReport:
    graphs: int
    triples: int
    requests: int
    seconds: float


@dataclass(frozen=True)
class Target:
    """Where to push: a Graph Store Protocol URL, or a SPARQL Update endpoint."""

    url: str
    update: bool = False


def check_url(url: str, option: str) -> str:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise InputError("an endpoint is an http:// or https:// URL", where=url, hint=f"check {option}")
    if parts.username is not None or parts.password is not None:
        raise InputError("credentials in the URL would show in logs and process lists", where=_shown(url),
                         hint="put them in KG_PUSH_USER and KG_PUSH_PASSWORD, or in a netrc file")
    return url


def _shown(url: str) -> str:
    """The URL without any user or password, for messages."""
    parts = urlsplit(url)
    netloc = parts.hostname or ""
    if parts.port:
        netloc += f":{parts.port}"
    return parts._replace(netloc=netloc).geturl()


def credentials(url: str, environ=os.environ) -> tuple[str, str] | None:
    """(user, password) for the endpoint: the environment first, then netrc; None if neither has any."""
    user, password = environ.get("KG_PUSH_USER"), environ.get("KG_PUSH_PASSWORD")
    if user or password:
        if not (user and password is not None):
            raise InputError("KG_PUSH_USER and KG_PUSH_PASSWORD go together", where="environment",
                             hint="set both, or neither and use a netrc file")
        return user, password
    import netrc

    path = Path(environ.get("NETRC") or Path.home() / ".netrc")
    if not path.is_file():
        return None
    try:
        found = netrc.netrc(str(path)).authenticators(urlsplit(url).hostname or "")
    except (netrc.NetrcParseError, OSError) as e:
        raise InputError(f"cannot read the netrc file: {getattr(e, 'msg', None) or e}", where=str(path),
                         hint="fix it, or use KG_PUSH_USER and KG_PUSH_PASSWORD") from None
    return (found[0], found[2]) if found else None


class _Client:
    """One HTTP connection to the store, with the credentials it asks for.

    A first small request (an empty POST to the first graph, or its DROP) meets the store's
    challenge, so every request after it carries its Basic or Digest answer up front:
    a store that answers 401 without reading a large body (Virtuoso does) never gets
    one sent in vain. An empty POST adds nothing, so the meeting request changes no graph
    (an empty PUT would clear one until its full PUT arrives).
    """

    def __init__(self, target: Target, environ, timeout: float):
        import httpx

        self.target, self.found = target, credentials(target.url, environ)
        self.http = httpx.Client(timeout=timeout, trust_env=False, follow_redirects=False)
        self.auth = None

    def meet(self, method: str, url: str, **kwargs) -> None:
        """Send a small request; choose Digest or Basic from the challenge it gets, if any."""
        import httpx

        response = self._send(method, url, **kwargs)
        if response.status_code == 401 and self.found:
            schemes = " ".join(response.headers.get_list("www-authenticate")).lower()
            self.auth = httpx.DigestAuth(*self.found) if "digest" in schemes else httpx.BasicAuth(*self.found)
            response = self._send(method, url, **kwargs)
        self._check(response, url)

    def send(self, method: str, url: str, graph: str, **kwargs) -> None:
        self._check(self._send(method, url, **kwargs), url, graph)

    def _send(self, method: str, url: str, **kwargs):
        import httpx

        try:
            return self.http.request(method, url, auth=self.auth, **kwargs)
        except httpx.HTTPError as e:
            raise InputError(f"cannot reach the store: {' '.join(str(e).split()) or type(e).__name__}",
                             where=_shown(self.target.url), hint="check the URL and that the store is running") from None

    def _check(self, response, url: str, graph: str | None = None) -> None:
        if response.status_code < 300:
            return
        detail = " ".join(response.text.split())[:200]
        code = response.status_code
        if code in (401, 403):
            hint = "give credentials in KG_PUSH_USER and KG_PUSH_PASSWORD or a netrc file, with write permission"
        elif self.target.update:
            hint = "check that the URL is the store's SPARQL Update endpoint"
        else:
            hint = "check that the URL is the store's Graph Store endpoint (or use --update-endpoint)"
        about = f" for graph <{graph}>" if graph else ""
        raise InputError(f"the store answered {code}{about}: {detail or response.reason_phrase}",
                         where=_shown(self.target.url), hint=hint)

    def close(self) -> None:
        self.http.close()


def chunks(ntriples: bytes, size: int = CHUNK_TRIPLES) -> Iterator[bytes]:
    """N-Triples in requests of at most ``size`` lines; every triple that names a blank node goes in the first,
    since a blank node label means one node only within one request."""
    lines = ntriples.splitlines(keepends=True)
    blank = [line for line in lines if b"_:" in line]
    rest = [line for line in lines if b"_:" not in line]
    first = max(size - len(blank), 0)
    yield b"".join(blank + rest[:first])
    for start in range(first, len(rest), size):
        yield b"".join(rest[start:start + size])


def _graph_url(url: str, graph: str) -> str:
    return f"{url}{'&' if '?' in url else '?'}graph={quote(graph, safe='')}"


UPDATE = {"Content-Type": "application/sparql-update; charset=utf-8"}


def _insert(graph: str, body: bytes) -> bytes:
    """INSERT DATA; a chunk with blank nodes is sent as ``INSERT { ... } WHERE {}``, which means the same
    and which Virtuoso accepts (it refuses blank nodes in DATA)."""
    name = b"GRAPH <" + graph.encode() + b"> {\n" + body + b"}"
    return (b"INSERT { " + name + b" } WHERE {}\n") if b"_:" in body else (b"INSERT DATA { " + name + b" }\n")


def push(graphs: Iterable, target: Target, *, progress: Callable[[int, int, str], None] | None = None,
         environ=os.environ, timeout: float = TIMEOUT) -> PushReport:
    """Replace each graph in the store; ``graphs`` are kg.server.dataset.NamedGraph (iri, ntriples, triples).

    ``progress(done, total, graph)`` is called after each request with triples sent so far.
    """
    graphs = list(graphs)
    total = sum(g.triples for g in graphs)
    client = _Client(target, environ, timeout)
    started, done, requests = time.perf_counter(), 0, 0
    try:
        for graph in graphs:
            url = target.url if target.update else _graph_url(target.url, graph.iri)
            if target.update:
                client.meet("POST", url, content=b"DROP SILENT GRAPH <" + graph.iri.encode() + b">\n", headers=UPDATE)
            elif requests == 0:  # an empty POST to the first graph: it adds nothing, and meets the challenge
                client.meet("POST", url, content=b"", headers={"Content-Type": "application/n-triples"})
            requests += 1
            size = UPDATE_CHUNK_TRIPLES if target.update else CHUNK_TRIPLES
            for index, body in enumerate(chunks(graph.ntriples, size)):
                if target.update:
                    client.send("POST", url, graph.iri, content=_insert(graph.iri, body), headers=UPDATE)
                else:
                    client.send("PUT" if index == 0 else "POST", url, graph.iri, content=body,
                                headers={"Content-Type": "application/n-triples"})
                requests += 1
                done += body.count(b"\n")
                if progress:
                    progress(done, total, graph.iri)
    finally:
        client.close()
    return PushReport(len(graphs), total, requests, time.perf_counter() - started)
