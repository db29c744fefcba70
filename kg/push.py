"""Putting the dataset into a shared triple store: ``kg push``.

Each named graph of the dataset (one per source article, one for the ontology)
replaces the graph of the same name in the store, through the SPARQL 1.1 Graph
Store HTTP Protocol (``PUT ?graph=IRI``, then ``POST`` for the rest of a large
graph) or, with an update endpoint, SPARQL 1.1 Update (``DROP SILENT GRAPH``
then ``INSERT DATA``). Pushing twice leaves the store as pushing once. Graphs
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


def _opener(url: str, environ=os.environ):
    import urllib.request

    handlers = []
    found = credentials(url, environ)
    if found:
        manager = urllib.request.HTTPPasswordMgrWithDefaultRealm()
        manager.add_password(None, url, *found)
        # Digest is tried first (handler_order 490); Basic answers Basic challenges.
        handlers += [urllib.request.HTTPDigestAuthHandler(manager), urllib.request.HTTPBasicAuthHandler(manager)]
    return urllib.request.build_opener(*handlers)


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


def _update_text(graph: str, body: bytes, replace: bool) -> bytes:
    """DROP SILENT GRAPH (first request only), then INSERT DATA; a chunk with blank nodes is sent as
    ``INSERT { ... } WHERE {}``, which means the same and which Virtuoso accepts (it refuses blank nodes in DATA)."""
    name = b"GRAPH <" + graph.encode() + b"> {\n" + body + b"}"
    insert = (b"INSERT { " + name + b" } WHERE {}\n") if b"_:" in body else (b"INSERT DATA { " + name + b" }\n")
    return (b"DROP SILENT GRAPH <" + graph.encode() + b"> ;\n" + insert) if replace else insert


def push(graphs: Iterable, target: Target, *, progress: Callable[[int, int, str], None] | None = None,
         environ=os.environ, timeout: float = TIMEOUT) -> PushReport:
    """Replace each graph in the store; ``graphs`` are kg.server.dataset.NamedGraph (iri, ntriples, triples).

    ``progress(done, total, graph)`` is called after each request with triples sent so far.
    """
    import urllib.request

    graphs = list(graphs)
    total = sum(g.triples for g in graphs)
    opener = _opener(target.url, environ)
    started, done, requests = time.perf_counter(), 0, 0
    for graph in graphs:
        for index, body in enumerate(chunks(graph.ntriples, UPDATE_CHUNK_TRIPLES if target.update else CHUNK_TRIPLES)):
            if target.update:
                request = urllib.request.Request(target.url, data=_update_text(graph.iri, body, index == 0), method="POST",
                                                 headers={"Content-Type": "application/sparql-update; charset=utf-8"})
            else:
                glue = "&" if "?" in target.url else "?"
                request = urllib.request.Request(f"{target.url}{glue}graph={quote(graph.iri, safe='')}", data=body,
                                                 method="PUT" if index == 0 else "POST",
                                                 headers={"Content-Type": "application/n-triples"})
            _send(opener, request, target, graph.iri, timeout)
            requests += 1
            done += body.count(b"\n")
            if progress:
                progress(done, total, graph.iri)
    return PushReport(len(graphs), total, requests, time.perf_counter() - started)


def _send(opener, request, target: Target, graph: str, timeout: float) -> None:
    import urllib.error

    where = _shown(target.url)
    try:
        with opener.open(request, timeout=timeout) as response:
            response.read()
    except urllib.error.HTTPError as e:
        detail = " ".join(e.read().decode("utf-8", "replace").split())[:200]
        if e.code in (401, 403):
            hint = "give credentials in KG_PUSH_USER and KG_PUSH_PASSWORD or a netrc file, with write permission"
        elif target.update:
            hint = "check that the URL is the store's SPARQL Update endpoint"
        else:
            hint = "check that the URL is the store's Graph Store endpoint (or use --update-endpoint)"
        raise InputError(f"the store answered {e.code} for graph <{graph}>: {detail or e.reason}", where=where,
                         hint=hint) from None
    except ValueError as e:  # urllib's auth handlers, for a challenge scheme they do not know
        raise InputError(f"cannot authenticate: {e}", where=where, hint="the store must ask for Basic or Digest") from None
    except (urllib.error.URLError, OSError) as e:
        reason = getattr(e, "reason", e)
        raise InputError(f"cannot reach the store: {' '.join(str(reason).split())}", where=where,
                         hint="check the URL and that the store is running") from None
