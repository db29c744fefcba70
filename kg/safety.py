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
   if it says SERVICE, LOAD or FROM (read by a tokeniser that follows the SPARQL
   grammar, see kg.sparqltext); and a parsed graph that says ``owl:imports``
   is refused, because its meaning depends on documents kg does not read (with
   ``--allow-network`` kg fetches them, see kg.rdfio.parse_into).
2. While a command runs, an audit hook (``sys.addaudithook``) blocks every
   socket connection, DNS lookup and urllib request made from Python, so a
   fetch that slipped past the checks fails with the same clear message
   instead of reaching the network.
3. A query runs in a child process (kg.limits) that, unless the network is
   allowed, installs a seccomp filter refusing every socket but a Unix one, so
   pyoxigraph's HTTP client (in Rust, out of the audit hook's sight) cannot
   connect anywhere even if a spelling of SERVICE got past line 1.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from functools import lru_cache
from typing import Any

from .errors import InputError, NetworkRefused

_HINT = "kg never fetches what a file names; pass --allow-network to permit it"
OWL_IMPORTS = "http://www.w3.org/2002/07/owl#imports"

# -- RDF files, before parsing ------------------------------------------------------------------

_DOCTYPE = re.compile(r"<!\s*(DOCTYPE|ENTITY)", re.IGNORECASE)


def load_jsonld(text: str, where: str, *, allow_network: bool = False) -> Any:
    """Parse JSON-LD text; refuse it if it names a context to load.

    The parsed document is returned so that rdflib is handed exactly what was
    checked (as data, never as text it would parse again).
    """
    import json  # (here: kg query, which checks every query's text with this module, reads no JSON)

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
    # Refused with --allow-network too: internal entities expand ("billion laughs": 753 bytes, 9 GB).
    refused = NetworkRefused("refused RDF/XML with a DOCTYPE or entity declaration (external entities, entity "
                             "expansion)", where=where,
                             hint="kg reads RDF/XML without a DTD, even with --allow-network; remove the DOCTYPE")
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

_WHY = {
    "SERVICE": "which sends the query to a remote endpoint",
    "LOAD": "which fetches a document",
    "FROM": "which names a graph to fetch (kg queries the built graph only)",
}


def check_sparql(query: str, where: str, *, allow_network: bool = False) -> None:
    """Refuse SPARQL that would reach out: SERVICE (federated query), LOAD and FROM / FROM NAMED.

    The query is read by kg.sparqltext's tokeniser, which follows the SPARQL
    grammar's terminals (strings, IRIs and comments are never mistaken for
    keywords, and a keyword glued to a name, as in ``SERVICE:ep``, is still
    one); it is checked as written and with its \\u escapes expanded. This is
    the line that gives a clear message: the query itself runs in a child
    process that cannot open a network socket at all (kg.limits), so a spelling
    this misses still reaches nothing.
    """
    if allow_network:
        return
    from .sparqltext import network_clause, unescape

    for text in dict.fromkeys((query, unescape(query))):
        found = network_clause(text)
        if found:
            word, offset = found
            line = text.count("\n", 0, offset) + 1
            raise NetworkRefused(f"refused SPARQL {word}, {_WHY[word]}", where=f"{where}:{line}" if where else None,
                                 hint=_HINT)


def check_parsed_sparql(query: str, where: str, *, allow_network: bool = False) -> None:
    """For the rdflib engine: refuse SERVICE and FROM / FROM NAMED as rdflib's own SPARQL parser reads the query.

    rdflib is loaded anyway when it is the engine, so its parse tree is the
    authority for what it would fetch; a query it cannot parse is left for the
    engine to report.
    """
    if allow_network:
        return
    from rdflib.plugins.sparql.parser import parseQuery

    try:
        tree = parseQuery(query)
    except Exception:  # pyparsing's ParseException and others: the engine reports the syntax error
        return
    check_parse_tree(tree, where)


def check_parse_tree(tree, where: str) -> None:
    """:func:`check_parsed_sparql` on a query rdflib has parsed already (``parseQuery``), so that the engine that
    runs it need not parse its text a second time (a parse takes rdflib 0.1 s for a small query, 1 s for the
    largest stored one)."""
    found = _parsed_network_clause(tree)
    if found:
        raise NetworkRefused(f"refused SPARQL {found}, {_WHY[found]}", where=where, hint=_HINT)


def _parsed_network_clause(tree) -> str | None:
    """SERVICE or FROM anywhere in an rdflib parse tree (CompValue nodes, lists, ParseResults)."""
    from rdflib.plugins.sparql.parserutils import CompValue

    stack = [tree]
    while stack:
        node = stack.pop()
        if isinstance(node, CompValue):
            if node.name == "ServiceGraphPattern":
                return "SERVICE"
            if node.name in ("DatasetClause", "Load"):
                return "FROM" if node.name == "DatasetClause" else "LOAD"
            if dict.get(node, "datasetClause"):  # CompValue.get answers a missing key with its name
                return "FROM"
            stack.extend(node.values())
        elif isinstance(node, list | tuple) or type(node).__name__ == "ParseResults":
            stack.extend(node)
    return None


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


# -- the third line: a child process that cannot open a network socket ----------------------------

# seccomp_data offsets, BPF opcodes and return values from <linux/seccomp.h> and <linux/filter.h>.
_BPF_LD_W_ABS, _BPF_JEQ_K, _BPF_RET_K = 0x20, 0x15, 0x06
_RET_ALLOW, _RET_EACCES = 0x7FFF0000, 0x00050000 | 13
_AF_UNIX = 1
# (audit arch, socket syscall, io_uring_setup syscall) per machine
_ARCH = {"x86_64": (0xC000003E, 41, 425), "aarch64": (0xC00000B7, 198, 425)}


@lru_cache(maxsize=1)
def network_denier() -> Callable[[], bool] | None:
    """A function that makes every later ``socket()`` of the calling process, other than a Unix socket, fail
    with EACCES; None where Linux seccomp is not available (another system or machine), leaving lines 1 and 2.

    Meant for the child process a query runs in (kg.limits): prepared once in
    the parent (ctypes and the filter program), called in each child. The
    filter is inherited by every thread and cannot be lifted, so no library,
    Python or Rust, can reach the network from there. io_uring is refused too
    (it could open sockets without the socket call).
    """
    import os
    import struct

    arch = _ARCH.get(os.uname().machine)
    if arch is None or not sys.platform.startswith("linux"):
        return None
    import ctypes

    audit_arch, socket_nr, uring_nr = arch

    def op(code: int, k: int, jt: int = 0, jf: int = 0) -> bytes:
        return struct.pack("HBBI", code, jt, jf, k)

    program = [
        op(_BPF_LD_W_ABS, 4),                    # 0: the architecture
        op(_BPF_JEQ_K, audit_arch, 1, 0),        # 1: ours? go on : allow
        op(_BPF_RET_K, _RET_ALLOW),              # 2
        op(_BPF_LD_W_ABS, 0),                    # 3: the system call number
        op(_BPF_JEQ_K, uring_nr, 4, 0),          # 4: io_uring_setup -> refuse
        op(_BPF_JEQ_K, socket_nr, 0, 2),         # 5: socket -> look at its domain : allow
        op(_BPF_LD_W_ABS, 16),                   # 6: socket's first argument, the domain
        op(_BPF_JEQ_K, _AF_UNIX, 0, 1),          # 7: AF_UNIX -> allow : refuse
        op(_BPF_RET_K, _RET_ALLOW),              # 8
        op(_BPF_RET_K, _RET_EACCES),             # 9
    ]
    code = ctypes.create_string_buffer(b"".join(program))

    class _Program(ctypes.Structure):
        _fields_ = [("len", ctypes.c_ushort), ("filter", ctypes.c_void_p)]

    fprog = _Program(len(program), ctypes.addressof(code))
    libc = ctypes.CDLL(None, use_errno=True)
    pr_set_no_new_privs, pr_set_seccomp, seccomp_mode_filter = 38, 22, 2

    def deny() -> bool:
        _keep = (code, fprog)  # noqa: F841 - the program must outlive the call
        if libc.prctl(pr_set_no_new_privs, 1, 0, 0, 0) != 0:
            return False
        return libc.prctl(pr_set_seccomp, seccomp_mode_filter, ctypes.byref(fprog), 0, 0) == 0

    return deny
