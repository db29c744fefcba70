"""Reading RDF files and writing outputs safely and byte-for-byte reproducibly.

Outputs are written by kg.output; RDF by pyoxigraph's serialisers from sorted
statements (kg.dataset.write). Blank nodes get canonical labels here
(:func:`canonical`), so the same graph gives the same bytes whatever
PYTHONHASHSEED is.
"""

from __future__ import annotations

import re
from pathlib import Path

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.compare import to_canonical_graph

from .errors import InputError


def canonical(graph: Graph) -> Graph:
    """The graph with blank nodes relabelled canonically (unchanged if it has none).

    Only the statements that hold a blank node take part in the labelling, so it is
    done on those alone (a handful in the ontology) rather than on the whole graph;
    every writer uses this, so all outputs label blank nodes alike.
    """
    def has_blank(triple) -> bool:
        return isinstance(triple[0], BNode) or isinstance(triple[2], BNode)

    with_blanks = Graph()
    for triple in graph:
        if has_blank(triple):
            with_blanks.add(triple)
    if not len(with_blanks):
        return graph
    out = Graph()
    for triple in graph:
        if not has_blank(triple):
            out.add(triple)
    for triple in to_canonical_graph(with_blanks):
        out.add(triple)
    return out


FORMATS = {"": "turtle",  # standard input, "-"
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


def _syntax_message(error: BaseException, where: str) -> tuple[str, str]:
    """What an rdflib parse error says, as (where, message) on one line."""
    if isinstance(error, RecursionError):
        return where, "nested too deeply"
    line = None
    if hasattr(error, "_why") and hasattr(error, "_str"):  # rdflib's Turtle/N3 BadSyntax
        # Its own line count is unreliable; count up to the offset (or the last character, at the end).
        text = error._str.decode("utf-8", "replace")
        at = min(error._i, max(len(text.rstrip()) - 1, 0))
        near = " ".join(text[at:at + 30].split())
        line, msg = text.count("\n", 0, at) + 1, f"{error._why} at '{near}'" if near else str(error._why)
    elif hasattr(error, "getLineNumber") and hasattr(error, "getMessage"):  # xml.sax
        line, msg = error.getLineNumber(), error.getMessage()
    else:
        msg = str(error)
        found = re.search(r"line (\d+)", msg)
        line = found.group(1) if found else None
    msg = " ".join(msg.split())[:300] or type(error).__name__
    return (f"{where}:{line}" if line else where), msg


def _parse(graph: Graph, data, fmt: str, where: str, base: str) -> None:
    from rdflib.parser import PythonInputSource

    from .errors import KgError

    try:
        if isinstance(data, str):
            graph.parse(data=data, format=fmt, publicID=base)
        else:  # JSON-LD that kg has parsed and checked
            graph.parse(source=PythonInputSource(data, base), format=fmt, publicID=base)
    except KgError:  # refused by the network guard mid-parse
        raise
    except Exception as e:  # rdflib raises many types for bad syntax
        at, msg = _syntax_message(e, where)
        raise InputError(f"cannot parse {fmt}: {msg}", where=at, hint="fix the syntax") from None


#: How many documents owl:imports may pull in, and how long each fetch may take.
MAX_IMPORTS, FETCH_TIMEOUT = 20, 30.0


def _follow_imports(graph: Graph, imports: list[str], where: str) -> None:
    """Fetch what owl:imports names (only with --allow-network), breadth first, each document once."""
    import socket
    from urllib.parse import urlparse

    from .errors import KgError
    from .vocab import OWL

    todo, seen = list(imports), set()
    saved = socket.getdefaulttimeout()
    socket.setdefaulttimeout(FETCH_TIMEOUT)
    try:
        while todo:
            iri = todo.pop(0)
            if iri in seen:
                continue
            seen.add(iri)
            if len(seen) > MAX_IMPORTS or urlparse(iri).scheme not in ("http", "https"):
                why = "too many imports" if len(seen) > MAX_IMPORTS else "only http(s) imports are fetched"
                raise InputError(f"cannot follow owl:imports <{iri}>: {why}", where=where,
                                 hint="load the ontology from a local file")
            fetched = Graph()
            try:
                fetched.parse(location=iri)
            except KgError:
                raise
            except Exception as e:
                msg = " ".join(str(e).split())[:200] or type(e).__name__
                raise InputError(f"cannot fetch owl:imports <{iri}>: {msg}", where=where, hint="check the URL") from None
            todo.extend(str(o) for o in fetched.objects(None, OWL.imports))
            for triple in fetched:
                graph.add(triple)
    finally:
        socket.setdefaulttimeout(saved)


def check_terms(graph: Graph, where: str) -> None:
    """Refuse a graph with an IRI, datatype or language tag the store and the validator cannot hold.

    rdflib accepts any string as an IRI (a JSON-LD ``@id`` may hold control characters); pyoxigraph, which
    stores, queries and validates the graph, checks them (RFC 3987, BCP 47), so the same check here gives
    one line naming the term instead of a failure later.
    """
    import pyoxigraph as ox

    from .textnorm import printable

    seen: set = set()
    for triple in graph:
        for term in triple:
            if term in seen or isinstance(term, BNode):
                continue
            seen.add(term)
            try:
                if isinstance(term, URIRef):
                    ox.NamedNode(str(term))
                elif isinstance(term, Literal) and term.language:
                    ox.Literal(str(term), language=term.language)
                elif isinstance(term, Literal) and term.datatype is not None:
                    ox.NamedNode(str(term.datatype))
            except ValueError as e:
                shown = printable(str(term if isinstance(term, URIRef) or term.language else term.datatype))
                what = "language tag of" if isinstance(term, Literal) and term.language else "IRI"
                raise InputError(f"not a valid {what} <{shown}>: {e}", where=where,
                                 hint="fix or remove that node; an IRI may not hold spaces or control characters") from None


def parse_into(graph: Graph, path: Path, fmt: str | None = None, *, allow_network: bool = False,
               where: str | None = None) -> Graph:
    """Parse an RDF file into ``graph`` with a one-line error on bad syntax.

    The file is read by kg and handed to rdflib as data, so nothing it names is
    fetched unless ``allow_network`` is set (see kg.safety): JSON-LD is parsed
    and checked by kg and given to rdflib as a Python object, RDF/XML is checked
    for entity declarations, and a graph that says owl:imports is refused, or
    with ``allow_network`` completed by fetching the imports. Quads (TriG,
    N-Quads) read into a plain graph are merged, not dropped. ``where`` names
    the file in messages (default: the path as given).
    """
    from rdflib import Dataset

    from .inputs import read_text
    from .safety import check_imports, check_rdf_text, load_jsonld
    from .vocab import OWL

    path = Path(path)
    fmt = fmt or guess_format(path)
    where = where or str(path)
    text = read_text(path, where)
    if fmt == "json-ld":
        data = load_jsonld(text, where, allow_network=allow_network)
    else:
        check_rdf_text(text, fmt, where, allow_network=allow_network)
        data = text
    target = graph if graph.context_aware or fmt not in ("trig", "nquads") else Dataset(default_union=True)
    _parse(target, data, fmt, where, path.resolve().as_uri())
    check_terms(target, where)
    imports = check_imports((str(o) for o in target.objects(None, OWL.imports)), where, allow_network=allow_network)
    if imports:
        _follow_imports(target, imports, where)
    if target is not graph:
        for triple in target.triples((None, None, None)):
            graph.add(triple)
    return graph
