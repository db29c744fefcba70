"""Refusing to touch the network on a file's say-so.

rdflib fetches remote JSON-LD contexts by default (its own security notes and
its issue 1844), and SPARQL engines run SERVICE, LOAD and (rdflib) FROM by
fetching what they name; pyoxigraph does so from Rust, out of Python's sight.
An untrusted file or query must not make kg send a request, so there are two
lines of defence, both lifted only by an explicit ``--allow-network``:

1. Every file and query is checked before any parser or engine sees it:
   JSON-LD is parsed by kg and refused if any ``@context`` or ``@import`` names
   a document (remote or local: rdflib would read either); RDF/XML is refused if
   it has a DOCTYPE or entity declaration (external entities); SPARQL is refused
   if it says SERVICE, LOAD or FROM; and a parsed graph that says ``owl:imports``
   is refused, because its meaning depends on documents kg does not read (with
   ``--allow-network`` kg fetches them, see kg.rdfio.parse_into).
2. While a command runs, an audit hook (``sys.addaudithook``) blocks every
   socket connection, DNS lookup and urllib request made from Python, so a
   fetch that slipped past the checks fails with the same clear message
   instead of reaching the network.
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import Any

from .errors import InputError, NetworkRefused
from .sparqltext import blank

_HINT = "kg never fetches what a file names; pass --allow-network to permit it"
OWL_IMPORTS = "http://www.w3.org/2002/07/owl#imports"

# -- RDF files, before parsing ------------------------------------------------------------------

_DOCTYPE = re.compile(r"<!\s*(DOCTYPE|ENTITY)", re.IGNORECASE)


def load_jsonld(text: str, where: str, *, allow_network: bool = False) -> Any:
    """Parse JSON-LD text; refuse it if it names a context to load.

    The parsed document is returned so that rdflib is handed exactly what was
    checked (as data, never as text it would parse again).
    """
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as e:
        raise InputError(f"cannot parse json-ld: {e.msg}", where=f"{where}:{e.lineno}", hint="fix the JSON syntax") from None
    except ValueError:  # a number with thousands of digits
        raise InputError(f"cannot parse json-ld: a number has more than {sys.get_int_max_str_digits()} digits", where=where,
                         hint="write long numbers as strings") from None
    except RecursionError:
        raise InputError("cannot parse json-ld: nested too deeply", where=where, hint="flatten the document") from None
    if not isinstance(doc, dict | list):
        raise InputError("cannot parse json-ld: the document is not a JSON object or array", where=where,
                         hint="a JSON-LD document starts with { or [")
    if not allow_network:
        found = next(context_references(doc), None)
        if found is not None:
            key, ref = found
            raise NetworkRefused(f"refused JSON-LD {key} '{ref}', which would be fetched", where=where, hint=_HINT)
    return doc


def context_references(doc: Any) -> Iterator[tuple[str, str]]:
    """Every (keyword, reference) a JSON-LD document would load: ``@context`` and ``@import`` strings.

    Walks the whole document without recursion, so nested (scoped) contexts and
    contexts inside ``@graph`` are found and a deep document cannot exhaust the stack.
    """
    for node in _walk(doc, into_objects=True):
        if isinstance(node, dict):
            for key, value in node.items():
                if key == "@context":  # a string, or strings in lists nested to any depth
                    yield from ((key, item) for item in _walk(value, into_objects=False) if isinstance(item, str))
                elif key == "@import" and isinstance(value, str):
                    yield key, value


def _walk(root: Any, *, into_objects: bool) -> Iterator[Any]:
    """Every value under ``root`` in document order, lists flattened (and objects' values too if asked),
    without recursion, so a deep document cannot exhaust the stack."""
    stack = [root]
    while stack:
        node = stack.pop()
        yield node
        if isinstance(node, list):
            stack.extend(reversed(node))
        elif into_objects and isinstance(node, dict):
            stack.extend(reversed(list(node.values())))


def check_xml(text: str, where: str, *, allow_network: bool = False) -> None:
    """Refuse RDF/XML with a DOCTYPE or entity declaration; report broken XML at its line.

    The text is run through expat, as rdflib's parser will run it (a str, read
    as UTF-8), with handlers that stop at any declaration, so tricks that hide
    ``<!DOCTYPE`` from a text search (other encodings, odd spacing) are caught too.
    """
    if allow_network:
        return
    refused = NetworkRefused("refused RDF/XML with a DOCTYPE or entity declaration (external entities)",
                             where=where, hint=_HINT)
    if _DOCTYPE.search(text):
        raise refused
    from xml.parsers import expat

    def stop(*_args):
        raise refused

    parser = expat.ParserCreate(namespace_separator=" ")
    parser.StartDoctypeDeclHandler = stop
    parser.EntityDeclHandler = stop
    parser.ExternalEntityRefHandler = stop
    try:
        parser.Parse(text, True)
    except expat.ExpatError as e:
        raise InputError(f"cannot parse xml: {expat.errors.messages[e.code]}", where=f"{where}:{e.lineno}",
                         hint="fix the XML syntax") from None
    except RecursionError:
        raise InputError("cannot parse xml: nested too deeply", where=where, hint="flatten the document") from None


def check_rdf_text(text: str, fmt: str, where: str, *, allow_network: bool = False) -> None:
    """Raise NetworkRefused if parsing ``text`` as ``fmt`` could fetch anything, InputError if it is not text.

    ``fmt`` is an rdflib format name ("json-ld", "xml", "turtle", ...).
    """
    if "\x00" in text:
        line = text.count("\n", 0, text.index("\x00")) + 1
        raise InputError("the file holds a NUL character, so it is not an RDF text file", where=f"{where}:{line}",
                         hint="save it as UTF-8 text")
    if fmt == "json-ld":
        load_jsonld(text, where, allow_network=allow_network)
    elif fmt == "xml":
        check_xml(text, where, allow_network=allow_network)


# -- RDF graphs, after parsing ------------------------------------------------------------------

def check_imports(imported: Iterable[str], where: str, *, allow_network: bool = False) -> list[str]:
    """The owl:imports targets, sorted; NetworkRefused if there are any and the network is not allowed.

    rdflib and pyoxigraph never follow owl:imports themselves, so a file that
    imports an ontology would silently be read without it. kg says so instead.
    """
    targets = sorted(set(imported))
    if targets and not allow_network:
        raise NetworkRefused(f"refused owl:imports <{targets[0]}>: kg does not fetch imported ontologies",
                             where=where, hint="pass --allow-network to fetch them, or put their triples in a local file")
    return targets


# -- SPARQL -------------------------------------------------------------------------------------

# A keyword, not part of a variable (?service), a prefixed name (ex:load, load:x) or a longer word.
_SPARQL_NETWORK = re.compile(r"(?<![\w?$:])(SERVICE|LOAD|FROM)(?![\w:])", re.IGNORECASE)
_ESCAPE = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")
_WHY = {
    "SERVICE": "which sends the query to a remote endpoint",
    "LOAD": "which fetches a document",
    "FROM": "which makes rdflib fetch the graph it names (kg queries the built graph only)",
}


def _unescape(query: str) -> str:
    """SPARQL's \\u and \\U escapes, which engines may expand before reading keywords."""
    def expand(m: re.Match) -> str:
        code = int(m.group(1) or m.group(2), 16)
        return chr(code) if code <= 0x10FFFF else m.group(0)

    return _ESCAPE.sub(expand, query)


def check_sparql(query: str, where: str, *, allow_network: bool = False) -> None:
    """Refuse SPARQL that would reach out: SERVICE (federated query), LOAD and FROM.

    Strings, IRIs and comments are blanked first so a label that says "service"
    is not mistaken for the keyword. The check runs on the text as written and
    with its \\u escapes expanded, so an escaped keyword cannot slip through.
    """
    if allow_network:
        return
    for text in dict.fromkeys((query, _unescape(query))):
        found = _SPARQL_NETWORK.search(blank(text))  # strings, IRIs, comments blanked; same lines
        if found:
            word = found.group(1).upper()
            line = text.count("\n", 0, found.start()) + 1
            raise NetworkRefused(f"refused SPARQL {word}, {_WHY[word]}", where=f"{where}:{line}" if where else None,
                                 hint=_HINT)


# -- the second line: an audit hook ---------------------------------------------------------------

_blocked = 0
_hooked = False
_EVENTS = frozenset({"socket.connect", "socket.getaddrinfo", "socket.gethostbyname", "socket.gethostbyname_ex",
                     "socket.gethostbyaddr", "socket.sendto", "socket.sendmsg", "urllib.Request", "http.client.connect"})


def _describe(event: str, args: tuple) -> str:
    if event == "urllib.Request" and args:
        return f"a request for {args[0]}"
    if event == "socket.connect" and len(args) > 1:
        return f"a connection to {args[1]}"
    if event.startswith("socket.get") and args:
        return f"a lookup of {args[0]}"
    return f"a network call ({event})"


def _audit(event: str, args: tuple) -> None:
    if not _blocked or event not in _EVENTS:
        return
    if event in ("socket.connect", "socket.sendto", "socket.sendmsg"):
        import socket

        sock = args[0] if args else None
        if getattr(sock, "family", None) not in (socket.AF_INET, socket.AF_INET6):
            return  # local (Unix) sockets are not the network
    raise NetworkRefused(f"blocked {_describe(event, args)} while reading untrusted input", hint=_HINT)


@contextmanager
def network_guard(allowed: bool = False) -> Iterator[None]:
    """Block network access from Python for the duration, unless ``allowed``.

    Audit hooks cannot be removed, so one hook is installed for the life of
    the process and does nothing outside a guard.
    """
    global _blocked, _hooked
    if allowed:
        yield
        return
    if not _hooked:
        sys.addaudithook(_audit)
        _hooked = True
    _blocked += 1
    try:
        yield
    finally:
        _blocked -= 1
