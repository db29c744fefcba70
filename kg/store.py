"""Running SPARQL on the built graph: pyoxigraph by default, rdflib as a second opinion.

``kg query`` has to start fast, so it loads ``build/graph.ttl`` (what ``kg build``
wrote and validated) into an in-memory pyoxigraph Store: no data files are read,
no SHACL is run and rdflib is not imported. Only when nothing is built yet does
it build once, which needs rdflib.

The rdflib engine runs the same query text with ``initBindings``; the tests
use it to show that stored queries are standard SPARQL 1.1 and give the same
rows on two independent engines (``kg query --engine rdflib`` does the same).
Both engines return kg.results.Results, so formats and comparisons are shared.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable
from pathlib import Path

from .errors import InputError, KgError
from .results import Results, Term

RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
_OX_FORMATS = {".ttl": "TURTLE", ".turtle": "TURTLE", ".nt": "N_TRIPLES", ".ntriples": "N_TRIPLES", ".n3": "N3",
               ".rdf": "RDF_XML", ".xml": "RDF_XML", ".owl": "RDF_XML", ".jsonld": "JSON_LD", ".json": "JSON_LD",
               ".trig": "TRIG", ".nq": "N_QUADS"}
_SAFETY_FORMATS = {"JSON_LD": "json-ld", "RDF_XML": "xml"}


def _one_line(error: BaseException) -> str:
    return " ".join(str(error).split()) or type(error).__name__


class OxigraphEngine:
    """An in-memory pyoxigraph Store holding one graph."""

    name = "oxigraph"

    def __init__(self):
        import pyoxigraph

        self.ox = pyoxigraph
        self.store = pyoxigraph.Store()

    def load(self, path: Path, where: str, *, allow_network: bool = False) -> OxigraphEngine:
        """Load an RDF file; a syntax error is an InputError at its line."""
        from .safety import check_rdf_text

        fmt = "TURTLE" if str(path) == "-" else _OX_FORMATS.get(Path(path).suffix.lower())
        if fmt is None:
            raise InputError(f"unknown RDF file type '{Path(path).suffix}'", where=where,
                             hint="use .ttl, .nt, .nq, .trig, .rdf or .jsonld")
        from .inputs import read_bytes

        data = read_bytes(path, where).removeprefix(b"\xef\xbb\xbf")  # a UTF-8 byte-order mark
        if fmt in _SAFETY_FORMATS:
            check_rdf_text(data.decode("utf-8", "replace"), _SAFETY_FORMATS[fmt], where, allow_network=allow_network)
        try:
            self.store.bulk_load(data, format=getattr(self.ox.RdfFormat, fmt), base_iri=Path(path).resolve().as_uri())
        except SyntaxError as e:
            line = f":{e.lineno}" if getattr(e, "lineno", None) else ""
            raise InputError(f"cannot parse {fmt.lower().replace('_', '-')}: {_one_line(e)}", where=f"{where}{line}",
                             hint="fix the syntax") from None
        from .safety import OWL_IMPORTS, check_imports

        # A list, not a generator: a pyoxigraph iterator must be dropped on the thread that made it.
        imports = [q.object.value for q in self.store.quads_for_pattern(None, self.ox.NamedNode(OWL_IMPORTS), None)]
        check_imports(imports, where, allow_network=allow_network)
        return self

    def query(self, text: str, bindings: dict[str, Term], where: str) -> Results:
        from .limits import capped

        ox = self.ox
        subs = {ox.Variable(name): self._term(term) for name, term in bindings.items()}
        try:
            answer = self.store.query(text, substitutions=subs or None, use_default_graph_as_union=True)
            if isinstance(answer, ox.QueryBoolean):
                return Results(boolean=bool(answer))
            if isinstance(answer, ox.QuerySolutions):
                variables = [v.value for v in answer.variables]
                rows = []
                for solution in capped(answer):
                    row = {}
                    for var in variables:
                        value = solution[var]
                        if value is not None:
                            row[var] = self._plain(value)
                    rows.append(row)
                return Results(variables, rows)
            return Results(triples=[(self._plain(t.subject), self._plain(t.predicate), self._plain(t.object))
                                    for t in capped(answer, "triples")])
        except SyntaxError as e:
            raise InputError(f"invalid SPARQL: {_one_line(e)}", where=where, hint="fix the query") from None
        except (RuntimeError, ValueError) as e:
            raise InputError(f"the query failed: {_one_line(e)}", where=where, hint="fix the query") from None

    def _term(self, term: Term):
        ox = self.ox
        if term.kind == "uri":
            return ox.NamedNode(term.value)
        if term.kind == "bnode":
            return ox.BlankNode(term.value)
        if term.lang:
            return ox.Literal(term.value, language=term.lang)
        return ox.Literal(term.value, datatype=ox.NamedNode(term.datatype) if term.datatype else None)

    def _plain(self, value) -> Term:
        ox = self.ox
        if isinstance(value, ox.NamedNode):
            return Term.uri(value.value)
        if isinstance(value, ox.BlankNode):
            return Term("bnode", value.value)
        if isinstance(value, ox.Literal):
            return Term.literal(value.value, value.datatype.value, value.language)
        return Term.literal(str(value))

    def labels(self, iris: Iterable[str]) -> dict[str, str]:
        """rdfs:label of each IRI that has one (the smallest, if several)."""
        ox = self.ox
        label = ox.NamedNode(RDFS_LABEL)
        out = {}
        for iri in iris:
            found = [q.object.value for q in self.store.quads_for_pattern(ox.NamedNode(iri), label, None)]
            if found:
                out[iri] = min(found)
        return out

    def all_labels(self) -> list[tuple[str, str]]:
        ox = self.ox
        return sorted({(q.subject.value, q.object.value)
                       for q in self.store.quads_for_pattern(None, ox.NamedNode(RDFS_LABEL), None)
                       if isinstance(q.subject, ox.NamedNode)})

    def has_subject(self, iri: str) -> bool:
        return next(iter(self.store.quads_for_pattern(self.ox.NamedNode(iri), None, None)), None) is not None

    def is_empty(self) -> bool:
        return len(self.store) == 0


class RdflibEngine:
    """An rdflib Graph: slower, but an independent implementation of SPARQL 1.1."""

    name = "rdflib"

    def __init__(self, graph=None):
        self.graph = graph
        self.allow_network = False

    def load(self, path: Path, where: str, *, allow_network: bool = False) -> RdflibEngine:
        from rdflib import Dataset, Graph

        from .rdfio import parse_into

        self.allow_network = allow_network
        if self.graph is None:
            quads = Path(path).suffix.lower() in (".nq", ".trig")
            self.graph = Dataset(default_union=True) if quads else Graph()
        parse_into(self.graph, Path(path), allow_network=allow_network)
        return self

    def query(self, text: str, bindings: dict[str, Term], where: str) -> Results:
        from rdflib import BNode, Literal, URIRef, Variable

        from .limits import capped
        from .safety import check_parsed_sparql

        check_parsed_sparql(text, where, allow_network=self.allow_network)

        def to_rdflib(term: Term):
            if term.kind == "uri":
                return URIRef(term.value)
            if term.kind == "bnode":
                return BNode(term.value)
            return Literal(term.value, lang=term.lang, datatype=URIRef(term.datatype) if term.datatype else None)

        try:
            answer = self.graph.query(text, initBindings={Variable(k): to_rdflib(v) for k, v in bindings.items()})
            if answer.type == "ASK":
                return Results(boolean=bool(answer.askAnswer))
            if answer.type == "SELECT":
                variables = [str(v) for v in answer.vars]
                rows = [{v: self._plain(row[i]) for i, v in enumerate(variables) if row[i] is not None}
                        for row in capped(answer)]
                return Results(variables, rows)
            return Results(triples=[tuple(self._plain(t) for t in triple) for triple in capped(answer, "triples")])
        except KgError:
            raise
        except Exception as e:  # rdflib raises pyparsing and many other types for bad queries
            raise InputError(f"invalid SPARQL: {_one_line(e)}", where=where, hint="fix the query") from None

    def _plain(self, value) -> Term:
        from rdflib import BNode, Literal

        if isinstance(value, BNode):
            return Term("bnode", str(value))
        if isinstance(value, Literal):
            return Term.literal(str(value), str(value.datatype) if value.datatype else None, value.language)
        return Term.uri(str(value))

    def labels(self, iris: Iterable[str]) -> dict[str, str]:
        from rdflib import URIRef
        from rdflib.namespace import RDFS

        out = {}
        for iri in iris:
            found = [str(o) for o in self.graph.objects(URIRef(iri), RDFS.label)]
            if found:
                out[iri] = min(found)
        return out

    def all_labels(self) -> list[tuple[str, str]]:
        from rdflib import URIRef
        from rdflib.namespace import RDFS

        return sorted({(str(s), str(o)) for s, o in self.graph.subject_objects(RDFS.label) if isinstance(s, URIRef)})

    def has_subject(self, iri: str) -> bool:
        from rdflib import URIRef

        return next(iter(self.graph.predicate_objects(URIRef(iri))), None) is not None

    def is_empty(self) -> bool:
        return len(self.graph) == 0


def _values_in_where(text: str, bindings: dict[str, Term]) -> str:
    """The query with its WHERE group wrapped and joined with one VALUES row: ``WHERE { { ... } VALUES ... }``.

    The same rows as a trailing VALUES clause for kg's stored queries (a parameter is
    a variable the query SELECTs as itself, so joining before grouping or after
    gives the same answer), and Virtuoso 7 honours it, where it silently drops a
    trailing VALUES from a query that has a BIND.
    """
    from .sparqltext import blank

    bare = blank(text)
    start = bare.find("{")
    depth = 0
    for end in range(start, len(bare)):
        depth += {"{": 1, "}": -1}.get(bare[end], 0)
        if depth == 0:
            break
    names = sorted(bindings)
    values = ("VALUES (" + " ".join("?" + n for n in names) + ") { ("
              + " ".join(bindings[n].n3() for n in names) + ") }")
    return f"{text[:start]}{{ {text[start:end + 1]}\n{values} }}{text[end + 1:]}"


class EndpointEngine:
    """A remote SPARQL 1.1 endpoint (the SPARQL protocol, results as W3C JSON).

    An endpoint takes no engine bindings, so parameters become one VALUES clause
    appended to the query: terms checked by type and written in SPARQL syntax
    with their quotes and escapes, never raw text. Stored queries SELECT their
    parameters, so this gives the same rows as binding them.
    """

    name = "endpoint"

    def __init__(self, url: str, *, allow_network: bool = False, timeout: float = 60):
        if not allow_network:
            raise InputError("querying a remote endpoint fetches from the network", where=url,
                             hint="pass --allow-network to permit it")
        if not url.startswith(("http://", "https://")):
            raise InputError("an endpoint is an http:// or https:// URL", where=url, hint="check --endpoint")
        self.url, self.timeout = url, timeout

    def _request(self, text: str) -> str:
        import urllib.error
        import urllib.parse
        import urllib.request

        body = urllib.parse.urlencode({"query": text}).encode("utf-8")
        request = urllib.request.Request(self.url, data=body, headers={
            "Accept": "application/sparql-results+json", "Content-Type": "application/x-www-form-urlencoded"})
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                return response.read().decode("utf-8")
        except urllib.error.HTTPError as e:
            detail = e.read().decode("utf-8", "replace")[:300]
            raise InputError(f"the endpoint answered {e.code}: {' '.join(detail.split()) or e.reason}",
                             where=self.url, hint="check the query and the endpoint") from None
        except (urllib.error.URLError, OSError) as e:
            raise InputError(f"cannot reach the endpoint: {_one_line(getattr(e, 'reason', e))}", where=self.url,
                             hint="check the URL and the network") from None

    def query(self, text: str, bindings: dict[str, Term], where: str) -> Results:
        from .results import from_json
        from .sparqltext import top_level

        if bindings:
            if "VALUES" in top_level(text).upper():
                raise InputError("the query ends with its own VALUES clause, so parameters cannot be added",
                                 where=where, hint="bind the parameter in the query's VALUES instead")
            text = _values_in_where(text, bindings)
        answer = self._request(text)
        try:
            results = from_json(answer)
        except (ValueError, KeyError, TypeError) as e:
            raise InputError(f"the endpoint's answer is not SPARQL results JSON: {_one_line(e)}", where=self.url,
                             hint="SELECT and ASK only") from None
        if results.variables == ["__ASK_RETVAL"] and len(results.rows) == 1:
            # Virtuoso 7 answers ASK in JSON as one row of __ASK_RETVAL (1 or 0) instead of a boolean.
            return Results(boolean=results.rows[0]["__ASK_RETVAL"].value not in ("0", "false"))
        return results

    def labels(self, iris: Iterable[str]) -> dict[str, str]:
        iris = sorted(iris)
        if not iris:
            return {}
        rows = self.query(f"SELECT ?s ?label WHERE {{ VALUES ?s {{ {' '.join(Term.uri(i).n3() for i in iris)} }} "
                          f"?s <{RDFS_LABEL}> ?label }}", {}, self.url).rows
        out: dict[str, str] = {}
        for row in rows:
            iri, label = row["s"].value, row["label"].value
            out[iri] = min(label, out.get(iri, label))
        return out

    def all_labels(self) -> list[tuple[str, str]]:
        rows = self.query(f"SELECT ?s ?label WHERE {{ ?s <{RDFS_LABEL}> ?label FILTER(isIRI(?s)) }}", {}, self.url).rows
        return sorted({(row["s"].value, row["label"].value) for row in rows})

    def has_subject(self, iri: str) -> bool:
        return bool(self.query(f"ASK {{ {Term.uri(iri).n3()} ?p ?o }}", {}, self.url).boolean)


ENGINES = {"oxigraph": OxigraphEngine, "rdflib": RdflibEngine}


def open_engine(project, data: Path | None = None, *, engine: str = "oxigraph", allow_network: bool = False,
                endpoint: str | None = None):
    """An engine holding ``data`` (any RDF file) or the project's built graph, or a remote ``endpoint``.

    The built graph is read as it is: it was validated when it was written. If
    nothing is built yet it is built once; if a data or ontology file is newer,
    a warning says so (the files are only looked at, not read).
    """
    if endpoint is not None:
        if data is not None:
            raise InputError("give --data or --endpoint, not both", where="kg query", hint="drop one of them")
        return EndpointEngine(endpoint, allow_network=allow_network)
    if engine not in ENGINES:
        raise InputError(f"unknown engine '{engine}'", where="kg query", hint=f"use one of {', '.join(ENGINES)}")
    if data is not None:
        path = Path(data)
        return ENGINES[engine]().load(path, str(data), allow_network=allow_network)
    path = project.graph_path
    built_now = not os.path.lexists(path)
    if built_now:
        _build(project)
    opened = ENGINES[engine]().load(path, project.shown(path), allow_network=allow_network)
    if opened.is_empty():
        raise InputError("the built graph holds no statements", where=project.shown(path),
                         hint="run kg build to build it again")
    if not built_now:
        _warn_if_stale(project)
    return opened


def _build(project) -> None:
    from .builder import build

    texts = os.environ.get("KG_TEXTS")
    build(project, texts=Path(texts) if texts else None)
    # Said after the build, so a build that fails leaves its one error line alone.
    print(f"Nothing was built yet: built {project.shown(project.graph_path)} first", file=sys.stderr)


def _warn_if_stale(project) -> None:
    built = project.graph_path.stat().st_mtime
    inputs = [*project.data_dir.rglob("*.yaml"), *project.ontology_dir.glob("*.ttl")] if project.root.is_dir() else []
    newer = sorted(p for p in inputs if p.stat().st_mtime > built)
    if newer:
        print(f"Warning: {project.shown(newer[0])} is newer than {project.shown(project.graph_path)}; "
              "run kg build to query the current data", file=sys.stderr)
