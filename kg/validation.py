"""SHACL validation with reports a person can act on.

Each violation names the node by its label, the property, the shape's message
and the data file and line the node was read from (kg:dataLocation), so the fix
starts in the right file.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from rdflib import Graph, URIRef

from .vocab import KG, RDFS, SH, curie


@dataclass(frozen=True, order=True)
class Violation:
    location: str
    label: str
    path: str
    message: str
    shape: str
    focus: str
    severity: str = "Violation"

    def line(self) -> str:
        where = self.location or self.focus
        prop = f" {self.path}" if self.path else ""
        return f"{where}: {self.label}{prop}: {self.message}"


def _location(data: Graph, node, locations: Graph | None = None) -> str:
    """The data location of a node, or of the nearest record that points at it."""
    locations = locations if locations is not None else data
    seen = set()
    frontier = [node]
    while frontier:
        nxt = []
        for n in frontier:
            loc = locations.value(n, KG.dataLocation)
            if loc is not None:
                return str(loc)
            seen.add(n)
            nxt.extend(s for s in data.subjects(None, n) if s not in seen)
        frontier = nxt[:50]
    return ""


def load_shapes(path: Path) -> Graph:
    from .rdfio import parse_into

    return parse_into(Graph(), path, "turtle")


def _shape_name(shapes: Graph, shape) -> str:
    """The named node shape a result came from, climbing from an anonymous property shape."""
    for _ in range(5):
        if isinstance(shape, URIRef):
            return curie(str(shape))
        parent = next(shapes.subjects(SH.property, shape), None)
        if parent is None:
            return ""
        shape = parent
    return ""


#: SHACL engines with pyshacl's interface. The build uses pyshacl-turbo (a Rust engine): measured on this
#: machine it validated the 12.5k-triple synthetic project in 1.1 s against pyshacl's 87 s, and all 38 failing
#: cases of tests/shapes gave the same results in both (48 s against 666 s). pyshacl stays as the second
#: engine the tests run every shape through, as a cross-check.
ENGINES = ("turbo", "pyshacl")


def validate_graph(data: Graph, shapes: Graph, locations: Graph | None = None, *,
                   engine: str = "turbo") -> list[Violation]:
    """All SHACL results for ``data`` (which includes the ontology), sorted.

    ``locations`` is the build metadata graph (kg:dataLocation of each node); the
    data graph itself is searched when it is not given.
    """
    options = {}
    if engine == "turbo":
        from pyshacl_turbo import validate as shacl_validate
    else:
        from pyshacl import validate as shacl_validate
        # pyshacl copies the data graph first (most of its time on a small graph); with no inference and no
        # sh:rule nothing would change it, so it validates the caller's graph as it is.
        if (None, SH.rule, None) not in shapes:
            options["inplace"] = True

    _conforms, report, _text = shacl_validate(
        data, shacl_graph=shapes, inference="none", advanced=True, allow_warnings=True,
        meta_shacl=False, do_owl_imports=False, **options)
    return report_violations(report, data, shapes, locations)


def validate_ntriples(text: str, shapes: Graph, data, locations) -> list[Violation]:
    """All SHACL results for a graph given as N-Triples text (which includes the ontology), by pyshacl-turbo.

    The build validates this way: the text goes to the Rust engine as it is, with no
    rdflib graph of the data (which cost the build about 4 KB of memory per statement).
    ``data`` answers the lookups a report needs (labels, the records that point at a
    node; :class:`StoreView`), ``locations`` where each node was read (:class:`Locations`).
    """
    from pyshacl_turbo import validate as shacl_validate

    try:  # the engine's own input type: the text as it is
        from pyshacl_turbo.rdf import Input
        source = Input(text, "nt", None, {})
    except ImportError:  # its public way: a pyoxigraph store (dumped to text again inside)
        import pyoxigraph as ox
        source = ox.Store()
        source.bulk_load(text.encode("utf-8"), format=ox.RdfFormat.N_TRIPLES)
    _conforms, report, _text = shacl_validate(
        source, shacl_graph=shapes, inference="none", advanced=True, allow_warnings=True,
        meta_shacl=False, do_owl_imports=False)
    return report_violations(report, data, shapes, locations)


KGSH = "https://w3id.org/policing-kg/shapes#"
_READS = URIRef(KGSH + "reads")
_TYPE = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"


class SplitShapes:
    """The shapes compiled once (pyshacl-turbo), split into those whose answer for a node needs only the
    statements about that node and its nested nodes and the descriptions of the nodes they point at (*local*),
    and those that span data files (*spanning*: marked ``kgsh:reads`` in ontology/shapes.ttl).

    A rebuild validates a changed data file's statements, with the descriptions of what they refer to and the
    ontology, against the local shapes, and keeps the verdict of every file nothing it relied on changed in; the
    spanning shapes run over only the statements they read (their ``kgsh:reads``: predicates, and classes whose
    instances' types they need), a small part of the union. Both give the answer a validation of the whole
    union gives (tests/test_shapes.py checks it on every shape's failing case).
    """

    def __init__(self, shapes: Graph, ontology: Graph):
        from pyshacl_turbo import CompiledShapes

        from .vocab import OWL, RDF, RDFS

        self.graph = shapes
        self.compiled = CompiledShapes(shapes, advanced=True)
        named = sorted(str(s) for s in shapes.subjects(RDF.type, SH.NodeShape) if isinstance(s, URIRef))
        spanning = {str(s) for s in shapes.subjects(_READS, None)}
        self.local = [s for s in named if s not in spanning]
        self.spanning = sorted(spanning)
        reads = {o for s in spanning for o in shapes.objects(URIRef(s), _READS)}
        classes = {o for o in reads if (o, RDF.type, OWL.Class) in ontology or (o, RDF.type, RDFS.Class) in ontology}
        classes |= {o for s in spanning for o in shapes.objects(URIRef(s), SH.targetClass)}
        frontier = set(classes)
        while frontier:  # instances of subclasses are instances too
            frontier = {c for c in ontology.subjects(RDFS.subClassOf, None)
                        if any((c, RDFS.subClassOf, k) in ontology for k in frontier)} - classes
            classes |= frontier
        self.predicates = frozenset(f"<{o}>" for o in reads - classes) | {f"<{RDFS.subClassOf}>"}
        self.classes = frozenset(f"<{c}> ." for c in classes)

    def read_by_spanning(self, line: str) -> bool:
        """Whether an N-Triples line is a statement a spanning shape reads."""
        _s, p, o = line.split(" ", 2)
        return p in self.predicates or p == _TYPE and o in self.classes

    def validate_parts(self, parts: Iterable[tuple[set[str], Iterable[str]]], ontology: Iterable[str],
                       describe: Callable[[str], list[str]], data, locations) -> list[Violation] | None:
        """The local shapes' violations of some parts of a dataset: each part is (its N-Triples lines, the IRIs
        they point at), validated with the ontology's lines and the description of each node it points at
        (``describe``: every statement of the dataset about a node); only the part's own nodes' results count.
        None if a part does not hold every statement about its nodes (so it cannot be validated apart)."""
        lines, focus = set(ontology), set()
        for own, needs in parts:
            counts: dict[str, int] = {}
            for line in own:
                counts[_subject(line)] = counts.get(_subject(line), 0) + 1
            for node, n in counts.items():
                if node.startswith("_:") or len(describe(node)) != n:
                    return None
            lines |= own
            for iri in needs:
                node = f"<{iri}>"
                if node not in counts:
                    lines.update(describe(node))
            focus |= {node[1:-1] for node in counts}
        return self.validate_local(lines, focus, data, locations)

    def validate_local(self, lines: Iterable[str], focus: set[str], data, locations) -> list[Violation]:
        """The local shapes' violations of N-Triples lines (a part, the descriptions of what it points at and the
        ontology) whose focus node is one of ``focus`` (IRIs)."""
        if not focus:
            return []
        return report_violations(self.validate(sorted(lines), self.local), data, self.graph, locations, only=focus)

    def validate_spanning(self, ontology: Iterable[str], union: Iterable[str], data, locations) -> list[Violation]:
        """The spanning shapes' violations of a dataset (the ontology's and the union's lines), over only the
        statements they read."""
        read = set(ontology) | {line for line in union if self.read_by_spanning(line)}
        return report_violations(self.validate(sorted(read), self.spanning), data, self.graph, locations)

    def validate(self, lines: list[str], shapes: list[str]) -> Graph:
        """The SHACL report of N-Triples lines against some of the shapes."""
        from pyshacl_turbo.rdf import Input

        _conforms, report, _text = self.compiled.validate(Input("\n".join(lines), "nt", None, {}),
                                                          allow_warnings=True, use_shapes=shapes)
        return report


def _subject(line: str) -> str:
    return line.split(" ", 1)[0]


def report_violations(report: Graph, data, shapes: Graph, locations=None, only: set[str] | None = None) -> list[Violation]:
    """The violations of a SHACL report, sorted; ``data`` and ``locations`` name and place each focus node.
    ``only``: the focus nodes (IRIs) whose results count; the others' are dropped."""
    out = []
    # A graph with no kg:dataLocation at all (a file given to kg validate, a test's graph) has nothing to find:
    # searching back from every focus node through everything that points at it would cost seconds per report.
    where = locations if locations is not None else data
    located = not isinstance(where, Graph) or (None, KG.dataLocation, None) in where
    for result in report.subjects(SH.resultSeverity, None):
        focus = report.value(result, SH.focusNode)
        if only is not None and str(focus) not in only:
            continue
        path = report.value(result, SH.resultPath)
        message = report.value(result, SH.resultMessage)
        shape = report.value(result, SH.sourceShape)
        severity = report.value(result, SH.resultSeverity)
        label = data.value(focus, RDFS.label) if focus is not None else None
        out.append(Violation(
            location=_location(data, focus, locations) if focus is not None and located else "",
            label=str(label) if label is not None else curie(str(focus)),
            path=curie(str(path)) if isinstance(path, URIRef) else "",
            message=str(message) if message is not None else "does not conform",
            shape=_shape_name(shapes, shape) if shape is not None else "",
            focus=curie(str(focus)),
            severity=curie(str(severity)).split(":")[-1],
        ))
    return sorted(set(out))


class StoreView:
    """The lookups a report needs (rdflib Graph's ``value``, ``subjects``, ``objects``, ``subject_objects``),
    answered from a pyoxigraph store's default graph, in rdflib terms."""

    def __init__(self, store):
        from .dataset.terms import ToOxigraph, ToRdflib

        self.store, self._ox, self._rdflib = store, ToOxigraph(), ToRdflib()

    def _quads(self, s, p, o):
        import pyoxigraph as ox

        term = lambda t: None if t is None else self._ox.term(t)  # noqa: E731
        return self.store.quads_for_pattern(term(s), term(p), term(o), ox.DefaultGraph())

    def value(self, s, p):
        quad = next(iter(self._quads(s, p, None)), None)
        return None if quad is None else self._rdflib.term(quad.object)

    def subjects(self, p=None, o=None):
        for quad in self._quads(None, p, o):
            yield self._rdflib.term(quad.subject)

    def objects(self, s=None, p=None):
        for quad in self._quads(s, p, None):
            yield self._rdflib.term(quad.object)

    def subject_objects(self, p):
        for quad in self._quads(None, p, None):
            yield self._rdflib.term(quad.subject), self._rdflib.term(quad.object)


class Locations:
    """kg:dataLocation of each node (the build metadata), with the lookups of an rdflib Graph. Given as
    N-Quads lines, they are read at the first lookup: a build that conforms needs none."""

    def __init__(self, where: dict[str, str] | None = None, *, lines: list[str] | None = None,
                 path: Path | None = None):
        self._where, self._lines, self._path = where, lines, path

    @property
    def where(self) -> dict[str, str]:
        if self._where is None:
            import pyoxigraph as ox

            self._where = {}
            quads = (ox.parse(path=self._path, format=ox.RdfFormat.N_QUADS) if self._path is not None
                     else ox.parse("\n".join(self._lines or ()).encode("utf-8"), format=ox.RdfFormat.N_QUADS))
            for quad in quads:
                self._where.setdefault(quad.subject.value, quad.object.value)
        return self._where

    def value(self, s, p=None):
        from rdflib import Literal

        found = self.where.get(str(s))
        return None if found is None else Literal(found)

    def objects(self, s, p=None):
        found = self.value(s, p)
        return [found] if found is not None else []
