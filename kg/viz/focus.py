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

from ..entities import DERIVED, Lookups, projection_of, resolve_entity
from ..errors import InputError


def neighbourhood_of(dataset, centre: ox.NamedNode, depth: int) -> set[ox.NamedNode]:
    """The instances within ``depth`` links of ``centre``, links followed either way (as kg.netgraph.neighbourhood)."""
    if depth < 0:
        raise InputError(f"depth must be 0 or more, not {depth}", where="--depth", hint="pass --depth 1 or 2")
    look = Lookups(dataset)
    seen, frontier = {centre}, [centre]
    for _ in range(depth):
        nxt = []
        for node in frontier:
            for other in look.linked(node):
                if other not in seen:
                    seen.add(other)
                    nxt.append(other)
        frontier = nxt
    return seen


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

    look = Lookups(dataset)

    def ask(text: str):
        answer = dataset.raw_query(text)
        return bool(answer) if isinstance(answer, ox.QueryBoolean) else list(answer)

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
        cls = look.primary(types)
        classes[curie(cls)] = look.label(ox.NamedNode(cls)) or curie(cls).split(":")[-1]
    derived, sources = ox.NamedNode(DERIVED), {}
    for row in ask(f"SELECT DISTINCT ?src {{ ?s <{DERIVED}> ?src }}"):
        src = row["src"]
        if any(look.is_instance(q.subject) for q in look.store.quads_for_pattern(None, derived, src, look.graph)):
            sources[curie(src.value)] = look.label(src) or curie(src.value)
    return dict(sorted(classes.items())), dict(sorted(sources.items()))


def focus_projection(dataset, focus: str, depth: int):
    """The projection (networkx, as kg.netgraph.project makes it) of ``focus``'s neighbourhood and the links from
    it, with the whole graph's classes and sources; and the centre's node id."""
    from ..prefixes import curie

    centre = resolve_entity(dataset, focus, "--focus")
    g = projection_of(dataset, neighbourhood_of(dataset, centre, depth))
    g.graph["classes"], g.graph["sources"] = whole_graph_legend(dataset)
    return g, curie(centre.value)
