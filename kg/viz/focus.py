"""One entity's neighbourhood read from the store, for ``kg viz --focus``: the picture without the whole graph.

A focused picture shows the entities within ``depth`` links of one entity. Reading
the whole graph into rdflib and projecting it into networkx first took 286 s and
2.3 GB at a million triples. Here the neighbourhood is found in the store itself
(the same links the projection follows: object properties between instances,
either way, not rdf:type nor prov:wasDerivedFrom), and only what the projection
needs to describe those entities is read into a small rdflib graph: their
statements, the types, labels and classes of what they link to, their evidence
(annotation, target, selectors) and their build metadata. kg.netgraph.project
then projects that as it projects the whole graph, and the picture is cut to the
neighbourhood as before.

Two things of a picture depend on the whole graph, and are read from the store as
wholes: the legend's classes (every instance's primary class, which also decides
the spare colours) and the sources listed on the page. So the picture is the one
the whole graph gives, byte for byte.
"""

from __future__ import annotations

import pyoxigraph as ox

from ..errors import InputError

RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
SUBCLASS = "http://www.w3.org/2000/01/rdf-schema#subClassOf"
DERIVED = "http://www.w3.org/ns/prov#wasDerivedFrom"
KG = "https://w3id.org/policing-kg/def#"
OA = "http://www.w3.org/ns/oa#"


class _Store:
    """Lookups in the union of a dataset's graphs, instance checks cached."""

    def __init__(self, dataset):
        from ..netgraph import _META, EVIDENCE_TYPES

        self.store, self.graph = dataset.store, dataset._union_graph()
        self.evidence = {str(t) for t in EVIDENCE_TYPES}
        self.meta = _META
        self.instances: dict = {}

    def quads(self, s=None, p=None, o=None) -> list[ox.Quad]:
        return list(self.store.quads_for_pattern(s, p, o, self.graph))

    def is_instance(self, term) -> bool:
        """As kg.netgraph's projection decides: a typed IRI, not evidence machinery nor an ontology term."""
        if not isinstance(term, ox.NamedNode):
            return False
        found = self.instances.get(term)
        if found is None:
            types = {q.object.value for q in self.quads(term, _TYPE) if isinstance(q.object, ox.NamedNode)}
            found = self.instances[term] = bool(types) and not types & self.evidence and \
                not any(t.startswith(self.meta) for t in types)
        return found


_TYPE, _LABEL, _SUBCLASS = ox.NamedNode(RDF_TYPE), ox.NamedNode(RDFS_LABEL), ox.NamedNode(SUBCLASS)
_SKIPPED = {RDF_TYPE, DERIVED}
_EVIDENCE_LINKS = (ox.NamedNode(KG + "evidence"), ox.NamedNode(OA + "hasTarget"), ox.NamedNode(OA + "hasSelector"))


def resolve_focus(dataset, text: str) -> ox.NamedNode:
    """The entity ``--focus`` names (id, CURIE, IRI or exact label of an entity the picture can show)."""
    from ..params import match_entity

    look = _Store(dataset)

    def labels():
        yield from ((iri, label) for iri, label in dataset.all_labels() if look.is_instance(ox.NamedNode(iri)))

    iri = match_entity(text.strip(), lambda i: look.is_instance(ox.NamedNode(i)), labels(), "--focus")
    node = ox.NamedNode(iri)
    if not look.is_instance(node):
        raise InputError(f"no entity '{text}' in the graph", where="--focus", hint="give an id, CURIE, IRI or exact label")
    return node


def neighbourhood_of(dataset, centre: ox.NamedNode, depth: int) -> set[ox.NamedNode]:
    """The instances within ``depth`` links of ``centre``, links followed either way (as kg.netgraph.neighbourhood)."""
    if depth < 0:
        raise InputError(f"depth must be 0 or more, not {depth}", where="--depth", hint="pass --depth 1 or 2")
    look = _Store(dataset)
    seen, frontier = {centre}, [centre]
    for _ in range(depth):
        nxt = []
        for node in frontier:
            linked = [q.object for q in look.quads(node) if q.predicate.value not in _SKIPPED]
            linked += [q.subject for q in look.quads(None, None, node) if q.predicate.value not in _SKIPPED]
            for other in linked:
                if other not in seen and look.is_instance(other):
                    seen.add(other)
                    nxt.append(other)
        frontier = nxt
    return seen


def _described(dataset, nodes: set) -> list[ox.Quad]:
    """What kg.netgraph.project reads about ``nodes``: their statements; the types, labels and (for classes) the
    superclasses of every term those name; their evidence chains; their build metadata."""
    look = _Store(dataset)
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
    from ..dataset import METADATA

    path = dataset.folder / METADATA if dataset.folder is not None else None
    if path is None or not path.is_file():
        return []
    return [q for q in ox.parse(path=str(path), format=ox.RdfFormat.N_QUADS) if q.subject in subjects]


def whole_graph_legend(dataset) -> tuple[dict[str, str], dict[str, str]]:
    """The classes (CURIE -> label) and sources (CURIE -> label) that kg.netgraph.project gives the whole graph:
    every instance's primary class, every source an instance is derived from.

    Counted, not listed: when no subject has two types (the generated million-triple graph has none), the primary
    classes are the types that have an IRI instance (a few aggregate queries, 0.5 s at a million triples);
    otherwise each subject's types are grouped in the store. Sources are the few distinct objects of
    prov:wasDerivedFrom, each kept when an instance derives from it.
    """
    from ..netgraph import _META, EVIDENCE_TYPES
    from ..prefixes import curie

    union = not dataset.union_is_default
    look = _Store(dataset)

    def ask(text: str):
        answer = dataset.store.query(text, use_default_graph_as_union=union)
        return bool(answer) if isinstance(answer, ox.QueryBoolean) else list(answer)

    def label(term) -> str | None:
        found = [q.object.value for q in look.quads(term, _LABEL)] if isinstance(term, ox.NamedNode) else []
        return min(found) if found else None

    (counts,) = ask("SELECT (COUNT(DISTINCT ?s) AS ?subjects) (COUNT(*) AS ?types) { ?s a ?t }")
    if counts["subjects"].value == counts["types"].value:  # one type each: the type is the primary class
        combos = [[row["t"].value] for row in ask("SELECT DISTINCT ?t { ?s a ?t . FILTER(isIRI(?t)) }")
                  if ask(f"ASK {{ ?s a <{row['t'].value}> . FILTER(isIRI(?s)) }}")]
    else:
        combos = [row["types"].value.split(" ") for row in ask(
            "SELECT DISTINCT ?types WHERE { { SELECT ?s (GROUP_CONCAT(STR(?t); separator=' ') AS ?types) "
            "WHERE { ?s a ?t . FILTER(isIRI(?s) && isIRI(?t)) } GROUP BY ?s } }")]
    evidence, classes = {str(t) for t in EVIDENCE_TYPES}, {}
    for types in combos:
        types = sorted(types)
        if set(types) & evidence or any(t.startswith(_META) for t in types):
            continue
        cls = _primary(look, types)
        classes[curie(cls)] = label(ox.NamedNode(cls)) or curie(cls).split(":")[-1]
    derived, sources = ox.NamedNode(DERIVED), {}
    for row in ask(f"SELECT DISTINCT ?src {{ ?s <{DERIVED}> ?src }}"):
        src = row["src"]
        if any(look.is_instance(q.subject) for q in look.store.quads_for_pattern(None, derived, src, look.graph)):
            sources[curie(src.value)] = label(src) or curie(src.value)
    return dict(sorted(classes.items())), dict(sorted(sources.items()))


def _primary(look: _Store, types: list[str]) -> str:
    """kg.netgraph._primary_class over the store: the most specific type, first by IRI on a tie."""
    if len(types) == 1:
        return types[0]
    supers = set()
    for t in types:
        pending, seen = [t], {t}
        while pending:
            for q in look.quads(ox.NamedNode(pending.pop()), _SUBCLASS):
                if isinstance(q.object, ox.NamedNode) and q.object.value not in seen:
                    seen.add(q.object.value)
                    pending.append(q.object.value)
        supers |= seen - {t}
    specific = [t for t in types if t not in supers]
    return sorted(specific or types)[0]


def focus_projection(dataset, focus: str, depth: int):
    """The projection (networkx, as kg.netgraph.project makes it) of ``focus``'s neighbourhood and the links from
    it, with the whole graph's classes and sources; and the centre's node id."""
    from ..dataset.terms import ToRdflib
    from ..netgraph import project
    from ..prefixes import curie

    centre = resolve_focus(dataset, focus)
    nodes = neighbourhood_of(dataset, centre, depth)
    from rdflib import Graph

    small, convert = Graph(), ToRdflib()
    for quad in _described(dataset, nodes):
        small.add(convert.triple(quad))
    g = project(small)
    g.graph["classes"], g.graph["sources"] = whole_graph_legend(dataset)
    return g, curie(centre.value)
