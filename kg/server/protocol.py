"""Reading a SPARQL 1.1 Protocol request: where the query is, which dataset, and what is refused.

The protocol puts a query in the ``query`` parameter of a GET, in a POSTed HTML
form, or as the whole body of a POST with type ``application/sparql-query``;
``default-graph-uri`` and ``named-graph-uri`` choose the dataset (without them
the default graph is the union of every named graph, as kg queries it). An
update (a ``update`` parameter, an ``application/sparql-update`` body, or
update text given as a query) is refused with 403: kg serve is read-only.
"""

from __future__ import annotations

import re
from urllib.parse import parse_qsl

from ..errors import NetworkRefused
from ..sparqltext import UPDATE_WORDS, blank

MAX_BODY = 1024 * 1024  # a query larger than 1 MB is not a query
_IRI = re.compile(r'[^\s<>"{}|^`\\]+')


class Refused(Exception):
    """A request the protocol allows but this server does not: status and one line."""

    def __init__(self, status: int, line: str):
        super().__init__(line)
        self.status, self.line = status, line


def refuse_update(text: str) -> None:
    """Refuse SPARQL Update text sent as a query (the form as kg.sparqltext reads it, as the engine would)."""
    from ..sparqltext import query_form, significant

    if query_form(text) == "UPDATE":
        word = next((t.text.upper() for t in significant(text) if t.text.upper() in UPDATE_WORDS), "UPDATE")
        raise NetworkRefused(f"refused SPARQL {word}: kg serve is read-only", where="query",
                             hint="updates go to the store kg pushes to, see kg push")


def sparql_job(method: str, query_string: str, content_type: str | None, body: bytes) -> dict:
    """The job for one /sparql request; Refused for anything else."""
    params = parse_qsl(query_string, keep_blank_values=True)
    media = (content_type or "").split(";")[0].strip().lower()
    if method == "POST":
        if media == "application/x-www-form-urlencoded":
            try:
                params += parse_qsl(body.decode("utf-8"), keep_blank_values=True, strict_parsing=False)
            except UnicodeDecodeError:
                raise Refused(400, "the form is not UTF-8 text") from None
        elif media == "application/sparql-query":
            try:
                params.append(("query", body.decode("utf-8")))
            except UnicodeDecodeError:
                raise Refused(400, "the query is not UTF-8 text") from None
        elif media == "application/sparql-update":
            raise Refused(403, "refused SPARQL Update: kg serve is read-only (updates go to the store kg pushes to)")
        else:
            raise Refused(415, f"cannot read a POST body of type '{media or 'none'}'; send application/sparql-query "
                               "or an application/x-www-form-urlencoded form with query=")
    names = [name for name, _ in params]
    if "update" in names:
        raise Refused(403, "refused SPARQL Update: kg serve is read-only (updates go to the store kg pushes to)")
    queries = [value for name, value in params if name == "query"]
    if not queries:
        raise Refused(400, "no query: give the SPARQL text as ?query=... (GET) or in the POST body")
    if len(queries) > 1:
        raise Refused(400, f"{len(queries)} query parameters: give exactly one")
    if not blank(queries[0]).strip():
        raise Refused(400, "the query is empty")
    formats = [value for name, value in params if name == "format"]
    if len(formats) > 1:
        raise Refused(400, "format given twice: give it once")
    job = {"kind": "sparql", "query": queries[0], "format": formats[0] if formats else None,
           "default_graphs": _iris(params, "default-graph-uri"), "named_graphs": _iris(params, "named-graph-uri")}
    unknown = sorted(set(names) - {"query", "format", "default-graph-uri", "named-graph-uri"})
    if unknown:
        raise Refused(400, f"unknown parameter '{unknown[0]}'; the protocol takes query, default-graph-uri, "
                           "named-graph-uri (and kg's format)")
    return job


def _iris(params: list[tuple[str, str]], name: str) -> list[str]:
    values = [value for key, value in params if key == name]
    for value in values:
        if not _IRI.fullmatch(value) or ":" not in value:
            raise Refused(400, f"{name} '{value[:80]}' is not an absolute IRI")
    return values


def stored_params(query_string: str, body: bytes = b"", content_type: str | None = None) -> tuple[str | None, list]:
    """The ``format`` and the (name, value) parameters of a /queries/NAME request, in order (repeats kept, so a
    parameter given twice is refused exactly as ``-p`` twice is)."""
    params = parse_qsl(query_string, keep_blank_values=True)
    if body:
        if (content_type or "").split(";")[0].strip().lower() != "application/x-www-form-urlencoded":
            raise Refused(415, "send parameters in the URL or as an application/x-www-form-urlencoded form")
        try:
            params += parse_qsl(body.decode("utf-8"), keep_blank_values=True)
        except UnicodeDecodeError:
            raise Refused(400, "the form is not UTF-8 text") from None
    formats = [value for name, value in params if name == "format"]
    if len(formats) > 1:
        raise Refused(400, "format given twice: give it once")
    return (formats[0] if formats else None), [(name, value) for name, value in params if name != "format"]

