"""SHACL validation with reports a person can act on.

Each violation names the node by its label, the property, the shape's message
and the data file and line the node was read from (kg:dataLocation), so the fix
starts in the right file.
"""

from __future__ import annotations

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
    if engine == "turbo":
        from pyshacl_turbo import validate as shacl_validate
    else:
        from pyshacl import validate as shacl_validate

    _conforms, report, _text = shacl_validate(
        data, shacl_graph=shapes, inference="none", advanced=True, allow_warnings=True,
        meta_shacl=False, do_owl_imports=False)
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


def report_violations(report: Graph, data, shapes: Graph, locations=None) -> list[Violation]:
    """The violations of a SHACL report, sorted; ``data`` and ``locations`` name and place each focus node."""
    out = []
    # A graph with no kg:dataLocation at all (a file given to kg validate, a test's graph) has nothing to find:
    # searching back from every focus node through everything that points at it would cost seconds per report.
    where = locations if locations is not None else data
    located = not isinstance(where, Graph) or (None, KG.dataLocation, None) in where
    for result in report.subjects(SH.resultSeverity, None):
        focus = report.value(result, SH.focusNode)
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
    """kg:dataLocation of each node (the build metadata), with the lookups of an rdflib Graph."""

    def __init__(self, where: dict[str, str]):
        self.where = where

    def value(self, s, p=None):
        from rdflib import Literal

        found = self.where.get(str(s))
        return None if found is None else Literal(found)

    def objects(self, s, p=None):
        found = self.value(s, p)
        return [found] if found is not None else []
