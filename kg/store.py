"""The engines a query can run on: the built dataset (pyoxigraph), rdflib as a second opinion, a remote endpoint.

``kg query`` has to start fast, so it opens the built store read-only
(kg.dataset.Dataset): no file is parsed, no data file is read, no SHACL is run
and rdflib is not imported.

The rdflib engine runs the same query text with ``initBindings``; the tests
use it to show that stored queries are standard SPARQL 1.1 and give the same
rows on two independent engines (``kg query --engine rdflib`` does the same).
Both engines return kg.results.Results, so formats and comparisons are shared.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from .dataset import Dataset
from .errors import InputError, KgError
from .results import Results, Term

RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"


def _one_line(error: BaseException) -> str:
    return " ".join(str(error).split()) or type(error).__name__


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
        from rdflib.plugins.sparql.algebra import translateQuery
        from rdflib.plugins.sparql.parser import parseQuery

        from .limits import capped
        from .safety import check_parse_tree

        def to_rdflib(term: Term):
            if term.kind == "uri":
                return URIRef(term.value)
            if term.kind == "bnode":
                return BNode(term.value)
            return Literal(term.value, lang=term.lang, datatype=URIRef(term.datatype) if term.datatype else None)

        try:
            # Parsed once, for the network check and for the engine (what Graph.query does with a text: its
            # prefixes are the graph's).
            tree = parseQuery(text)
            if not self.allow_network:
                check_parse_tree(tree, where)
            parsed = translateQuery(tree, None, dict(self.graph.namespaces()))
            answer = self.graph.query(parsed, initBindings={Variable(k): to_rdflib(v) for k, v in bindings.items()})
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


ENGINES = ("oxigraph", "rdflib")


def engine_for(dataset, engine: str = "oxigraph"):
    """The engine a query runs on: the dataset's own (pyoxigraph), or rdflib over its rdflib view."""
    if engine not in ENGINES:
        raise InputError(f"unknown engine '{engine}'", where="kg query", hint=f"use one of {', '.join(ENGINES)}")
    return dataset if engine == "oxigraph" else RdflibEngine(dataset.rdflib_graph())


def open_engine(project, data: Path | None = None, *, engine: str = "oxigraph", allow_network: bool = False,
                endpoint: str | None = None, store: Path | None = None):
    """An engine over ``data`` (any RDF file), a ``store`` folder or the project's built store, or a remote ``endpoint``."""
    from .dataset import open_dataset

    if endpoint is not None:
        if data is not None or store is not None:
            raise InputError("give --data, --store or --endpoint, not several", where="kg query", hint="drop one of them")
        return EndpointEngine(endpoint, allow_network=allow_network)
    return engine_for(open_dataset(project, store=store, data=data, allow_network=allow_network), engine)


class OxigraphEngine(Dataset):
    """An in-memory dataset that RDF files are loaded into, one by one (what ``kg query --data`` reads)."""

    def __init__(self, derivation: str | None = None):
        """``derivation``: the project's derived modelling (kg.derived), run again after each file is loaded."""
        import pyoxigraph

        super().__init__(pyoxigraph.Store(), "memory")
        self.derivation = derivation

    def load(self, path: Path, where: str, *, allow_network: bool = False) -> OxigraphEngine:
        self.load_file(Path(path), where, allow_network=allow_network)
        if self.derivation is not None:
            self.finish_loading(self.derivation, "derived.rq")
        return self
