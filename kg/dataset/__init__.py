"""The built dataset, as every reading command sees it: one small interface over one pyoxigraph store.

``kg build`` (and ``kg load``) write a store folder; every other command opens it
once, read-only, with :meth:`Dataset.open`, and asks it what it needs:

- :meth:`Dataset.query` runs SPARQL over the default graph, which in a kg store is
  the union of the named graphs (each statement once, as RDF merges graphs: the
  store keeps it as a graph of its own, because a query over Oxigraph's "union
  default graph" sees a statement once per graph that holds it);
- :meth:`Dataset.labels` / :meth:`Dataset.all_labels` / :meth:`Dataset.has_subject`
  name and resolve entities for tables and parameters;
- :meth:`Dataset.graph_names` and :meth:`Dataset.quads` give the named graphs (one
  per source article, plus the ontology) for dumps, exports and pushes;
- :meth:`Dataset.rdflib_graph` is an rdflib view (the union, or one named graph)
  for pyshacl and the pictures, made only when a command needs one.

A store folder holds ``oxigraph/`` (the store), ``manifest.json`` (what built it)
and ``metadata.nq`` (the build metadata graph: the data file and line of every
node, which is not part of the published dataset and so not in the store). A bare
Oxigraph store directory (such as ``oxigraph load`` makes) opens too.

Nothing here builds, prints or imports the builder.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

import pyoxigraph as ox

from ..errors import InputError
from ..graphs import METADATA_GRAPH
from ..results import Results, Term
from .order import term_key
from .terms import ToRdflib

RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
STORE_DIR, MANIFEST, METADATA = "oxigraph", "manifest.json", "metadata.nq"
#: File suffixes pyoxigraph reads, and the format of each.
RDF_FORMATS = {".ttl": "TURTLE", ".turtle": "TURTLE", ".nt": "N_TRIPLES", ".ntriples": "N_TRIPLES", ".n3": "N3",
               ".rdf": "RDF_XML", ".xml": "RDF_XML", ".owl": "RDF_XML", ".jsonld": "JSON_LD", ".json": "JSON_LD",
               ".trig": "TRIG", ".nq": "N_QUADS"}
_SAFETY_FORMATS = {"JSON_LD": "json-ld", "RDF_XML": "xml"}


def _one_line(error: BaseException) -> str:
    return " ".join(str(error).split()) or type(error).__name__


def is_store(folder: Path) -> bool:
    """Whether a folder is a kg store folder or a bare Oxigraph store."""
    folder = Path(folder)
    return (folder / STORE_DIR).is_dir() or (folder / "CURRENT").is_file()


class Dataset:
    """A kg dataset in a pyoxigraph Store: the engine every reading command queries (``name`` = "oxigraph")."""

    name = "oxigraph"

    def __init__(self, store: ox.Store, where: str, folder: Path | None = None):
        self.store = store
        self.where = where
        self.folder = folder
        #: The store generation opened (the folder a kg store's link named then), else None: kg.dataset.dumps.
        self.generation: Path | None = None
        self._rdflib: dict = {}
        self._union: bool | None = None

    @property
    def fixed_order(self) -> bool:
        """Whether rows of a query without ORDER BY come in an order fixed by the store's contents (kg.queries.run
        then keeps it): true of a store on disk, whose blank nodes keep their labels; an in-memory dataset's blank
        nodes are labelled afresh by each parse, and with them the order of its rows."""
        return self.folder is not None

    @property
    def union_is_default(self) -> bool:
        """Whether queries read the default graph (a kg store keeps the union there), else Oxigraph's union of all graphs.

        Only a store kg did not write, with nothing in its default graph, is queried the second way.
        """
        if self._union is None:
            self._union = next(iter(self.store.quads_for_pattern(None, None, None, ox.DefaultGraph())), None) is not None \
                or not self.graph_names()
        return self._union

    def complete_union(self) -> None:
        """Make the default graph the union of all graphs (after loading quads from files)."""
        if self.graph_names():
            self.store.update("INSERT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }")
        self._union = None
        self._rdflib.clear()

    def finish_loading(self, derivation: str | None, where: str) -> None:
        """After loading files: a derived graph they carried dropped, the union completed, the project's
        derivation (kg.derived) run over the rest, so stored queries read the summary as over a built store."""
        from ..derived import derive_store, drop_derived

        drop_derived(self.store)
        self.complete_union()
        if derivation is not None and not self.is_empty():
            derive_store(self.store, derivation, where, default_is_union=self.union_is_default)
            self._union = None

    # --- opening ---------------------------------------------------------------------------

    @classmethod
    def open(cls, folder: Path | str, where: str | None = None) -> Dataset:
        """Open a store folder read-only (several commands may read it at once, while a build writes the next one)."""
        folder = Path(folder)
        where = where or str(folder)
        if not os.path.lexists(folder):
            raise InputError("no store here", where=where, hint="run kg build, or kg load FILE... --store DIR")
        if not folder.is_dir():
            raise InputError("not a kg store (a store is a folder)", where=where,
                             hint="give a folder made by kg build or kg load, or rebuild with kg build")
        generation = folder.resolve()  # once: a build swapping the next generation in meanwhile is not mixed in
        path = generation / STORE_DIR if (generation / STORE_DIR).is_dir() else generation
        if not (path / "CURRENT").is_file():
            raise InputError("not a kg store (no oxigraph/ store in it)", where=where,
                             hint="give a folder made by kg build or kg load, or an Oxigraph store")
        try:
            store = ox.Store.read_only(str(path))
        except OSError as e:
            raise InputError(f"cannot open the store: {_one_line(e)}", where=where,
                             hint="rebuild it with kg build (or kg load)") from None
        dataset = cls(store, where, folder)
        dataset.generation = generation if path != generation else None
        return dataset

    @classmethod
    def from_files(cls, paths: Iterable[Path], *, allow_network: bool = False, shown=str,
                   derivation: str | None = None, derivation_where: str = "derived.rq") -> Dataset:
        """An in-memory dataset of RDF files (any format pyoxigraph reads); quads keep their graphs, and the
        project's ``derivation`` (kg.derived) adds its derived graph."""
        dataset = cls(ox.Store(), ", ".join(shown(Path(p)) for p in paths))
        for path in paths:
            dataset.load_file(Path(path), shown(Path(path)), allow_network=allow_network)
        dataset.finish_loading(derivation, derivation_where)
        return dataset

    @classmethod
    def from_rdflib(cls, graph, where: str = "graph") -> Dataset:
        """An in-memory dataset of an rdflib Graph (its triples in the default graph) or Dataset (its quads)."""
        from .terms import ToOxigraph

        dataset = cls(ox.Store(), where)
        convert = ToOxigraph()
        if getattr(graph, "context_aware", False):
            quads = ((s, p, o, None if getattr(g, "identifier", g) is None else getattr(g, "identifier", g))
                     for s, p, o, g in graph.quads((None, None, None, None)))
        else:
            quads = ((s, p, o, None) for s, p, o in graph)
        dataset.store.bulk_extend(convert.quads(quads))
        dataset.complete_union()
        return dataset

    def load_file(self, path: Path, where: str, *, allow_network: bool = False) -> None:
        """Bulk-load one RDF file; a syntax error is an InputError at its line, owl:imports is refused."""
        from ..inputs import read_bytes
        from ..safety import OWL_IMPORTS, check_imports, check_rdf_text

        fmt = "TURTLE" if str(path) == "-" else RDF_FORMATS.get(path.suffix.lower())  # "-": standard input
        if fmt is None:
            raise InputError(f"unknown RDF file type '{path.suffix}'", where=where,
                             hint="use .ttl, .nt, .nq, .trig, .rdf or .jsonld")
        data = read_bytes(path, where).removeprefix(b"\xef\xbb\xbf")  # a UTF-8 byte-order mark
        if fmt in _SAFETY_FORMATS:
            check_rdf_text(data.decode("utf-8", "replace"), _SAFETY_FORMATS[fmt], where, allow_network=allow_network)
        try:
            base = Path.cwd().as_uri() + "/" if str(path) == "-" else path.resolve().as_uri()
            self.store.bulk_load(data, format=getattr(ox.RdfFormat, fmt), base_iri=base)
        except SyntaxError as e:
            line = f":{e.lineno}" if getattr(e, "lineno", None) else ""
            raise InputError(f"cannot parse {fmt.lower().replace('_', '-')}: {_one_line(e)}", where=f"{where}{line}",
                             hint="fix the syntax") from None
        # A list, not a generator: a pyoxigraph iterator must be dropped on the thread that made it.
        imports = [q.object.value for q in self.store.quads_for_pattern(None, ox.NamedNode(OWL_IMPORTS), None)]
        check_imports(imports, where, allow_network=allow_network)
        self._rdflib.clear()

    # --- what it holds ---------------------------------------------------------------------

    def is_empty(self) -> bool:
        """Whether the store holds no quad: the first quad is looked for, not all counted (len() reads them all:
        1.2 s at a million triples, on every command)."""
        return next(iter(self.store.quads_for_pattern(None, None, None)), None) is None

    def __len__(self) -> int:
        """Quads in the store (a statement two articles make counts twice)."""
        return len(self.store)

    def raw_query(self, text: str, **options):
        """pyoxigraph's own answer to SPARQL over the union of the graphs (the default graph of a kg store, else
        Oxigraph's union of the named graphs), for readers that take its terms as they are."""
        return self.store.query(text, use_default_graph_as_union=not self.union_is_default, **options)

    def count_union(self) -> int:
        """Distinct statements in the union of the graphs."""
        answer = self.raw_query("SELECT (COUNT(*) AS ?n) { SELECT DISTINCT ?s ?p ?o { ?s ?p ?o } }")
        return int(next(iter(answer))["n"].value)

    def manifest(self) -> dict:
        """What built this store (texts folder, counts), or {} for a store kg did not write."""
        path = self.folder / MANIFEST if self.folder is not None else None
        if path is None or not path.is_file():
            return {}
        try:
            import json

            return json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}

    def graph_names(self) -> list[str]:
        """The named graphs, sorted (the ontology graph among them); the default graph is not named."""
        return sorted(g.value for g in self.store.named_graphs() if isinstance(g, ox.NamedNode))

    def quads(self, graph: str | None = None) -> list[ox.Quad]:
        """The quads of one named graph ("" for the default graph, None for all graphs), in dump order."""
        name = None if graph is None else ox.DefaultGraph() if graph == "" else ox.NamedNode(graph)
        found = list(self.store.quads_for_pattern(None, None, None, name))
        found.sort(key=lambda q: (str(q.graph_name), term_key(q)))
        return found

    def _union_graph(self):
        return ox.DefaultGraph() if self.union_is_default else None

    def union_quads(self) -> Iterable[ox.Quad]:
        """The statements of the union as the store holds them (unsorted; a statement once per graph
        that holds it when the store keeps no union of its own)."""
        return self.store.quads_for_pattern(None, None, None, self._union_graph())

    def subjects(self) -> list:
        """Every subject of the union, sorted as dumps order them."""
        seen = {q.subject for q in self.store.quads_for_pattern(None, None, None, self._union_graph())}
        return sorted(seen, key=str)

    def triples_of(self, subject) -> list[ox.Triple]:
        """The distinct statements about one subject in the union, in dump order."""
        quads = {q.triple: q for q in self.store.quads_for_pattern(subject, None, None, self._union_graph())}
        return [q.triple for q in sorted(quads.values(), key=term_key)]

    def metadata(self):
        """The build metadata graph as rdflib (kg:dataLocation of each node); empty for a store kg did not build."""
        from rdflib import Graph

        graph = Graph()
        path = self.folder / METADATA if self.folder is not None else None
        if path is not None and path.is_file():
            convert = ToRdflib()
            for quad in ox.parse(path=str(path), format=ox.RdfFormat.N_QUADS):
                graph.add(convert.triple(quad))
        return graph

    def rdflib_graph(self, graph: str | None = None, *, metadata: bool = False):
        """An rdflib Graph of the union, or of one named graph (made once, then kept).

        ``metadata`` adds the build metadata (data file and line of each node), which
        pictures and validation messages show. Do not modify the graph returned.
        """
        from rdflib import Graph

        key = (graph, metadata)
        if key not in self._rdflib:
            out = Graph()
            convert = ToRdflib()
            name = ox.NamedNode(graph) if graph is not None else self._union_graph()
            for quad in self.store.quads_for_pattern(None, None, None, name):
                out.add(convert.triple(quad))
            if metadata:
                out += self.metadata()
            self._rdflib[key] = out
        return self._rdflib[key]

    # --- the engine interface (kg.queries.run, kg.params) ------------------------------------

    def query(self, text: str, bindings: dict[str, Term], where: str) -> Results:
        """Run SPARQL over the union of the graphs, parameters bound by the engine (never pasted into the text)."""
        from ..limits import capped

        subs = {ox.Variable(name): _to_ox(term) for name, term in bindings.items()}
        try:
            answer = self.raw_query(_planned(text, subs), substitutions=subs or None)
            if isinstance(answer, ox.QueryBoolean):
                return Results(boolean=bool(answer))
            if isinstance(answer, ox.QuerySolutions):
                variables = [v.value for v in answer.variables]
                rows = []
                seen: dict = {}  # each distinct term converted once (an IRI comes back in many rows)
                for solution in capped(answer):
                    row = {}
                    for var, value in zip(variables, solution, strict=True):
                        if value is not None:
                            term = seen.get(value)
                            if term is None:
                                term = seen[value] = _plain(value)
                            row[var] = term
                    rows.append(row)
                return Results(variables, rows)
            return Results(triples=[(_plain(t.subject), _plain(t.predicate), _plain(t.object))
                                    for t in capped(answer, "triples")])
        except SyntaxError as e:
            raise InputError(f"invalid SPARQL: {_one_line(e)}", where=where, hint="fix the query") from None
        except (RuntimeError, ValueError, OSError) as e:
            raise InputError(f"the query failed: {_one_line(e)}", where=where, hint="fix the query") from None

    def written(self, text: str, bindings: dict[str, Term], where: str, fmt: str) -> str | None:
        """A SELECT query's answer as W3C CSV or TSV text written by pyoxigraph itself, or None where kg must write it.

        pyoxigraph's writers give the same bytes as kg.results.to_csv / to_tsv (measured on every stored query)
        without a Python object per term, several times faster on large answers; kg writes it itself (None) when
        the rows may exceed the result-size cap or hold a blank node (kg relabels those in order of appearance).
        Only for a store on disk, whose row order kg keeps (``fixed_order``).
        """
        from ..limits import row_cap

        if not self.fixed_order or fmt not in ("csv", "tsv"):
            return None
        import io

        subs = {ox.Variable(name): _to_ox(term) for name, term in bindings.items()}
        try:
            answer = self.raw_query(_planned(text, subs), substitutions=subs or None)
        except SyntaxError as e:
            raise InputError(f"invalid SPARQL: {_one_line(e)}", where=where, hint="fix the query") from None
        except (RuntimeError, ValueError, OSError) as e:
            raise InputError(f"the query failed: {_one_line(e)}", where=where, hint="fix the query") from None
        if not isinstance(answer, ox.QuerySolutions):
            return None
        out = io.BytesIO()
        try:
            answer.serialize(out, ox.QueryResultsFormat.CSV if fmt == "csv" else ox.QueryResultsFormat.TSV)
        except (RuntimeError, ValueError, OSError) as e:
            raise InputError(f"the query failed: {_one_line(e)}", where=where, hint="fix the query") from None
        data = out.getvalue()
        cap = row_cap()
        # Each row ends its line (a CSV value with a line break in it only makes this count larger).
        if b"_:" in data or (cap is not None and data.count(b"\n") - 1 > cap):
            return None
        return data.decode("utf-8")

    def labels(self, iris: Iterable[str]) -> dict[str, str]:
        """rdfs:label of each IRI that has one (the smallest, if several)."""
        label, graph = ox.NamedNode(RDFS_LABEL), self._union_graph()
        out = {}
        for iri in iris:
            found = [q.object.value for q in self.store.quads_for_pattern(ox.NamedNode(iri), label, None, graph)]
            if found:
                out[iri] = min(found)
        return out

    def all_labels(self) -> list[tuple[str, str]]:
        return sorted({(q.subject.value, q.object.value)
                       for q in self.store.quads_for_pattern(None, ox.NamedNode(RDFS_LABEL), None)
                       if isinstance(q.subject, ox.NamedNode)})

    def has_subject(self, iri: str) -> bool:
        return next(iter(self.store.quads_for_pattern(ox.NamedNode(iri), None, None)), None) is not None


def _to_ox(term: Term):
    if term.kind == "uri":
        return ox.NamedNode(term.value)
    if term.kind == "bnode":
        return ox.BlankNode(term.value)
    if term.lang:
        return ox.Literal(term.value, language=term.lang)
    return ox.Literal(term.value, datatype=ox.NamedNode(term.datatype) if term.datatype else None)


def _plain(value) -> Term:
    if isinstance(value, ox.NamedNode):
        return Term.uri(value.value)
    if isinstance(value, ox.BlankNode):
        return Term("bnode", value.value)
    if isinstance(value, ox.Literal):
        return Term.literal(value.value, value.datatype.value, value.language)
    return Term.literal(str(value))


def _planned(text: str, subs: dict) -> str:
    """A SELECT query with its bound parameters also given as a VALUES block opening its WHERE group.

    pyoxigraph plans a query before it applies the substitutions, so it plans every pattern on a parameter as if
    the parameter were unknown: evidence-for for one force read every evidence annotation of the store (0.43 s
    against 0.05 s at 100k triples). The same values as the group's first element let its planner start from
    them. The answer is the same: the substitution binds the variable everywhere already, so joining the top
    level with its own value keeps every row. Left as it is for other forms, or a blank node value.
    """
    from ..sparqltext import query_form, significant

    if not subs or any(isinstance(v, ox.BlankNode) for v in subs.values()) or query_form(text) != "SELECT":
        return text
    brace = next((t for t in significant(text) if t.text == "{" and t.depth == 0), None)
    if brace is None:
        return text
    names = " ".join(f"?{v.value}" for v in subs)
    values = " ".join(str(v) for v in subs.values())
    at = brace.start + 1
    return f"{text[:at]} VALUES ({names}) {{ ({values}) }} {text[at:]}"


def open_dataset(project, *, store: Path | str | None = None, data: Path | str | None = None,
                 allow_network: bool = False) -> Dataset:
    """The dataset a reading command works on: an RDF file (``data``), a store folder, or the project's built store.

    Nothing is built here: when the project has no store this is an InputError
    (the command line decides whether to build first).
    """
    if data is not None and store is not None:
        raise InputError("give --data or --store, not both", where=str(data), hint="drop one of them")
    if data is not None:
        from ..derived import project_derivation

        text, where = project_derivation(project)
        return Dataset.from_files([Path(data)], allow_network=allow_network, derivation=text, derivation_where=where)
    if store is not None:
        return Dataset.open(Path(store), str(store))
    folder = project.store_path
    if not folder.exists():
        raise InputError("nothing is built yet", where=project.shown(folder), hint="run kg build first")
    dataset = Dataset.open(folder, project.shown(folder))
    if dataset.is_empty():
        raise InputError("the built store holds no statements", where=project.shown(folder),
                         hint="run kg build to build it again")
    return dataset


def stale_input(project) -> Path | None:
    """A data or ontology file newer than the built store (the files are only looked at), or None.

    Walked with ``os.scandir``, files compared by modification time only: every reading command asks, and at a
    million triples (3,658 data files) pathlib's rglob and a Path per file took 0.1-0.25 s of each command.
    """
    manifest = project.store_path / MANIFEST
    if not manifest.is_file() or not project.root.is_dir():
        return None
    built = manifest.stat().st_mtime
    newer = [*_newer_files(str(project.data_dir), ".yaml", built, recurse=True),
             *_newer_files(str(project.ontology_dir), ".ttl", built, recurse=False)]
    return min(map(Path, newer)) if newer else None


def _newer_files(folder: str, suffix: str, since: float, *, recurse: bool) -> list[str]:
    """Paths of the files under ``folder`` (its subfolders too with ``recurse``) named ``*suffix``, modified after
    ``since``; linked files count, linked folders are not entered (as pathlib's rglob)."""
    found, pending = [], [folder]
    while pending:
        try:
            entries = os.scandir(pending.pop())
        except OSError:
            continue
        with entries:
            for entry in entries:
                try:
                    if entry.name.endswith(suffix) and entry.is_file() and entry.stat().st_mtime > since:
                        found.append(entry.path)
                    elif recurse and entry.is_dir(follow_symlinks=False):
                        pending.append(entry.path)
                except OSError:
                    continue
    return found


__all__ = ["open_dataset", "stale_input", "Dataset", "is_store", "METADATA_GRAPH", "RDF_FORMATS"]
