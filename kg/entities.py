"""The projection's entities and links read from the store: lookups for kg paths, kg stats and kg viz --focus.

kg.netgraph projects an rdflib graph into networkx: instances (typed IRIs that are not
ontology terms nor evidence machinery) become nodes, object-property links between
them edges (rdf:type and prov:wasDerivedFrom aside). Reading the whole graph into
rdflib first took minutes and gigabytes at a million triples, so the commands that
need only some entities find them here by lookups in the store (the same rule, the
same links), and :func:`describe` reads what the projection needs to describe just
those entities into a small rdflib graph, which kg.netgraph.project then projects
unchanged. Why that gives the same nodes and labels as the whole graph: the small
graph holds every statement of those entities, the types, labels and superclasses
of every term they name, and their evidence chains, which is all ``project`` reads
about a node; and it holds every link between them.
"""

from __future__ import annotations

import pyoxigraph as ox

from .errors import InputError
from .prefixes import PREFIXES

RDF_TYPE = PREFIXES["rdf"] + "type"
RDFS_LABEL = PREFIXES["rdfs"] + "label"
SUBCLASS = PREFIXES["rdfs"] + "subClassOf"
DERIVED = PREFIXES["prov"] + "wasDerivedFrom"
KG, OA = PREFIXES["kg"], PREFIXES["oa"]

_TYPE, _LABEL, _SUBCLASS = ox.NamedNode(RDF_TYPE), ox.NamedNode(RDFS_LABEL), ox.NamedNode(SUBCLASS)
#: Predicates that are not links of the projection.
SKIPPED = frozenset({RDF_TYPE, DERIVED})
_EVIDENCE_LINKS = (ox.NamedNode(KG + "evidence"), ox.NamedNode(OA + "hasTarget"), ox.NamedNode(OA + "hasSelector"))


class Lookups:
    """Lookups in the union of a dataset's graphs, instance checks cached."""

    def __init__(self, dataset):
        from .netgraph import _META, EVIDENCE_TYPES

        self.store, self.graph = dataset.store, dataset._union_graph()
        self.evidence = {str(t) for t in EVIDENCE_TYPES}
        self.meta = _META
        self.instances: dict = {}

    def quads(self, s=None, p=None, o=None) -> list[ox.Quad]:
        return list(self.store.quads_for_pattern(s, p, o, self.graph))

    def is_instance_of(self, types: set[str]) -> bool:
        """Whether a subject with these types (their IRIs) is an instance, as kg.netgraph's projection decides."""
        return bool(types) and not types & self.evidence and not any(t.startswith(self.meta) for t in types)

    def is_instance(self, term) -> bool:
        """As kg.netgraph's projection decides: a typed IRI, not evidence machinery nor an ontology term."""
        if not isinstance(term, ox.NamedNode):
            return False
        found = self.instances.get(term)
        if found is None:
            found = self.instances[term] = self.is_instance_of({q.object.value for q in self.quads(term, _TYPE)})
        return found

    def linked(self, node: ox.NamedNode) -> list[ox.NamedNode]:
        """The instances one link of the projection from ``node``, either way (``node`` itself aside)."""
        linked = [q.object for q in self.quads(node) if q.predicate.value not in SKIPPED]
        linked += [q.subject for q in self.quads(None, None, node) if q.predicate.value not in SKIPPED]
        return [other for other in linked if other != node and self.is_instance(other)]

    def label(self, term) -> str | None:
        found = [q.object.value for q in self.quads(term, _LABEL)] if isinstance(term, ox.NamedNode) else []
        return min(found) if found else None

    def primary(self, types: list[str]) -> str:
        """kg.netgraph._primary_class over the store: the most specific type, first by IRI on a tie."""
        if len(types) == 1:
            return types[0]
        supers = set()
        for t in types:
            pending, seen = [t], {t}
            while pending:
                for q in self.quads(ox.NamedNode(pending.pop()), _SUBCLASS):
                    if isinstance(q.object, ox.NamedNode) and q.object.value not in seen:
                        seen.add(q.object.value)
                        pending.append(q.object.value)
            supers |= seen - {t}
        specific = [t for t in types if t not in supers]
        return sorted(specific or types)[0]


def resolve_entity(dataset, text: str, where: str) -> ox.NamedNode:
    """The entity a user names (id, CURIE, IRI or exact label of an instance), as kg.netgraph.resolve reads it."""
    from .params import match_entity

    look = Lookups(dataset)

    def labels():
        yield from ((iri, label) for iri, label in dataset.all_labels() if look.is_instance(ox.NamedNode(iri)))

    iri = match_entity(text.strip(), lambda i: look.is_instance(ox.NamedNode(i)), labels(), where)
    node = ox.NamedNode(iri)
    if not look.is_instance(node):
        raise InputError(f"no entity '{text}' in the graph", where=where, hint="give an id, CURIE, IRI or exact label")
    return node


def describe(dataset, nodes: set) -> list[ox.Quad]:
    """What kg.netgraph.project reads about ``nodes``: their statements; the types, labels and (for classes) the
    superclasses of every term those name; their evidence chains; their build metadata."""
    look = Lookups(dataset)
    quads: dict = {}
    subjects = set(nodes)
    pending = list(nodes)
    while pending:  # the nodes, and the annotations, targets and selectors of their evidence
        subject = pending.pop()
        for q in look.quads(subject):
            quads[q.triple] = q
            if q.predicate in _EVIDENCE_LINKS and q.object not in subjects and not look.is_instance(q.object):
                subjects.add(q.object)
                pending.append(q.object)
    for q in _metadata(dataset, subjects):
        quads[q.triple] = q
    terms = {t for q in list(quads.values()) for t in (q.predicate, q.object) if not isinstance(t, ox.Literal)}
    classes = set()
    for term in terms:
        for q in look.quads(term, _TYPE):
            quads[q.triple] = q
            classes.add(q.object)
    pending = list(classes | {q.object for q in quads.values() if q.predicate == _TYPE})
    while pending:  # every superclass, for the most specific class of each node
        cls = pending.pop()
        terms.add(cls)
        for q in look.quads(cls, _SUBCLASS):
            quads[q.triple] = q
            if q.object not in terms:
                pending.append(q.object)
    for term in terms:
        for q in look.quads(term, _LABEL):
            quads[q.triple] = q
    return list(quads.values())


def _metadata(dataset, subjects: set) -> list[ox.Quad]:
    """The build metadata statements (kg:dataLocation) about ``subjects``, read from the store folder's file."""
    from .dataset import METADATA

    path = dataset.folder / METADATA if dataset.folder is not None else None
    if path is None or not path.is_file():
        return []
    return [q for q in ox.parse(path=str(path), format=ox.RdfFormat.N_QUADS) if q.subject in subjects]


def projection_of(dataset, nodes: set):
    """kg.netgraph.project of the small graph :func:`describe` reads: those entities, with the labels and
    attributes the whole graph's projection gives them, and the links among them."""
    from rdflib import Graph

    from .dataset.terms import ToRdflib
    from .netgraph import project

    small, convert = Graph(), ToRdflib()
    for quad in describe(dataset, nodes):
        small.add(convert.triple(quad))
    return project(small)


def on_shortest_paths(dataset, a: ox.NamedNode, b: ox.NamedNode) -> set[ox.NamedNode]:
    """Every entity on a shortest path between ``a`` and ``b`` (links followed either way), found by a
    breadth-first search from both ends in the store; {a, b} when none links them.

    Each step widens the smaller frontier by one link; the search stops at the first level where the two meet
    (the distance is then known), and the entities on shortest paths are those reached back from the meeting
    entities along the predecessors each side recorded. An entity in a small component is so found
    unconnected after a few lookups, not after a walk of the whole graph.
    """
    look = Lookups(dataset)
    if a == b:
        return {a}
    parents = ({a: []}, {b: []})  # per side: entity -> its predecessors one level nearer that side's end
    frontiers = ([a], [b])
    while frontiers[0] and frontiers[1]:
        side = 0 if len(frontiers[0]) <= len(frontiers[1]) else 1
        mine, theirs = parents[side], parents[1 - side]
        found: dict = {}
        for node in frontiers[side]:
            for other in look.linked(node):
                if other in mine:
                    continue
                found.setdefault(other, []).append(node)
        met = [n for n in found if n in theirs]
        for other, preds in found.items():
            mine[other] = list(dict.fromkeys(preds))
        if met:
            keep = {a, b}
            for side_parents in parents:  # back from the meeting entities to each end
                seen, pending = set(met), list(met)
                while pending:
                    for p in side_parents[pending.pop()]:
                        if p not in seen:
                            seen.add(p)
                            pending.append(p)
                keep |= seen
            return keep
        frontiers = (list(found), frontiers[1]) if side == 0 else (frontiers[0], list(found))
    return {a, b}


def path_projection(dataset, text_a: str, text_b: str):
    """The projection of every entity on a shortest path between two named entities, and their node ids: the
    paths kg.netgraph.shortest_paths finds in it are those of the whole graph (a subgraph that holds every
    shortest path and the links among its entities has the same shortest paths)."""
    from .prefixes import curie

    a, b = resolve_entity(dataset, text_a, "kg paths A"), resolve_entity(dataset, text_b, "kg paths B")
    return projection_of(dataset, on_shortest_paths(dataset, a, b)), curie(a.value), curie(b.value)


__all__ = ["Lookups", "resolve_entity", "describe", "projection_of", "on_shortest_paths", "path_projection"]
