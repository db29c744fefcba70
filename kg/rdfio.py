"""Reading RDF files and writing outputs safely and byte-for-byte reproducibly.

Outputs go to a temporary file beside the target and are renamed into place,
so a failed or killed run leaves the previous file whole. Turtle is written by
our own small writer: sorted subjects, predicates and objects, project prefixes,
and canonical blank-node labels, so the same graph gives the same bytes whatever
PYTHONHASHSEED is.
"""

from __future__ import annotations

import os
import re
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.compare import to_canonical_graph
from rdflib.namespace import NamespaceManager

from .errors import InputError
from .vocab import PREFIXES, RDF

_LOCAL = re.compile(r"^[A-Za-z_][A-Za-z0-9_-]*(\.[A-Za-z0-9_-]+)*$|^[0-9][A-Za-z0-9_-]*$")


@contextmanager
def atomic_output(path: Path, mode: str = "w") -> Iterator:
    """Open a temporary file that replaces ``path`` only if the block succeeds."""
    path = Path(path)
    directory = path.parent if str(path.parent) else Path(".")
    try:
        directory.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=directory)
    except OSError as e:
        raise InputError(f"cannot write output: {e.strerror}", where=str(path),
                         hint="choose a writable path with -o") from None
    try:
        kwargs = {"encoding": "utf-8", "newline": "\n"} if "b" not in mode else {}
        with os.fdopen(fd, mode, **kwargs) as fh:
            yield fh
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


def write_text(path: Path, text: str) -> None:
    """Write text atomically."""
    with atomic_output(path) as fh:
        fh.write(text)


def namespace_manager(graph: Graph | None = None) -> NamespaceManager:
    nm = NamespaceManager(graph if graph is not None else Graph(), bind_namespaces="none")
    for prefix, ns in PREFIXES.items():
        nm.bind(prefix, ns, override=True, replace=True)
    return nm


def _uri(term: URIRef) -> str:
    iri = str(term)
    for prefix, ns in PREFIXES.items():
        if iri.startswith(ns) and _LOCAL.match(iri[len(ns):] or "-"):
            if iri != ns:
                return f"{prefix}:{iri[len(ns):]}"
    return "<" + iri.replace(">", "%3E") + ">"


def term_n3(term, nm: NamespaceManager) -> str:
    """A term as Turtle: prefixed where possible, literals escaped."""
    if isinstance(term, URIRef):
        return _uri(term)
    if isinstance(term, BNode):
        return f"_:{term}"
    if isinstance(term, Literal):
        if term.datatype is not None:
            lexical = Literal(str(term)).n3()
            return f"{lexical}^^{_uri(term.datatype)}"
        return term.n3(nm)
    raise TypeError(term)


def _sort_key(term) -> tuple:
    kind = 0 if isinstance(term, URIRef) else 1 if isinstance(term, BNode) else 2
    extra = (str(term.datatype or ""), str(term.language or "")) if isinstance(term, Literal) else ("", "")
    return (kind, str(term), *extra)


def turtle(graph: Graph) -> str:
    """Deterministic Turtle for a graph."""
    if any(isinstance(t, BNode) for triple in graph for t in triple):
        graph = to_canonical_graph(graph)
    nm = namespace_manager()
    lines = [f"@prefix {p}: <{ns}> ." for p, ns in PREFIXES.items()]
    lines.append("")
    subjects = sorted({s for s in graph.subjects()}, key=_sort_key)
    for s in subjects:
        preds = sorted({p for p in graph.predicates(s)}, key=lambda p: (p != RDF.type, str(p)))
        parts = []
        for p in preds:
            objs = sorted(graph.objects(s, p), key=_sort_key)
            pname = "a" if p == RDF.type else term_n3(p, nm)
            parts.append(f"{pname} " + " ,\n        ".join(term_n3(o, nm) for o in objs))
        lines.append(term_n3(s, nm) + " " + " ;\n    ".join(parts) + " .")
        lines.append("")
    return "\n".join(lines)


FORMATS = {
    ".ttl": "turtle", ".turtle": "turtle", ".nt": "nt", ".ntriples": "nt", ".n3": "n3",
    ".rdf": "xml", ".xml": "xml", ".owl": "xml", ".jsonld": "json-ld", ".json": "json-ld",
    ".trig": "trig", ".nq": "nquads",
}


def guess_format(path: Path) -> str:
    fmt = FORMATS.get(Path(path).suffix.lower())
    if fmt is None:
        raise InputError(f"unknown RDF file type '{Path(path).suffix}'", where=str(path),
                         hint="use .ttl, .nt, .jsonld, .rdf, .trig or .nq")
    return fmt


def parse_into(graph: Graph, path: Path, fmt: str | None = None, *, allow_network: bool = False) -> Graph:
    """Parse an RDF file into ``graph`` with a one-line error on bad syntax.

    The file is read by kg and handed to rdflib as data, so nothing it names is
    fetched unless ``allow_network`` is set (see kg.safety).
    """
    from .records import read_text
    from .safety import check_rdf_text

    path = Path(path)
    fmt = fmt or guess_format(path)
    text = read_text(path, str(path))
    check_rdf_text(text, fmt, str(path), allow_network=allow_network)
    try:
        graph.parse(data=text, format=fmt, publicID=path.resolve().as_uri())
    except Exception as e:  # rdflib raises many types for bad syntax
        msg = " ".join(str(e).split())[:300] or type(e).__name__
        line = re.search(r"line (\d+)", msg)
        where = f"{path}:{line.group(1)}" if line else str(path)
        raise InputError(f"cannot parse {fmt}: {msg}", where=where, hint="fix the syntax") from None
    return graph
