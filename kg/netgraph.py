"""The built graph as networkx sees it: the projection behind pictures and paths (kg stats counts it in the store).

RDF states everything as triples; a picture, a path or a centrality figure wants
entities and the relations between them. The projection keeps:

- every instance (a typed IRI that is not ontology or evidence machinery) as a node;
- every object-property link between two instances as an edge labelled with the
  property's ``rdfs:label``;
- literals (dates, quote texts, notes, data locations) as node attributes, never nodes:
  ``literals`` holds (property CURIE, property label, value) triples, ``text`` the quote
  a quotation gives (kg:quoteText);
- ``prov:wasDerivedFrom`` as the node's ``sources`` attribute, not as edges: every
  fact derives from an article, and those edges would put any two facts two steps
  apart and drown the relations the articles actually state;
- evidence annotations and their selectors as the node's ``evidence`` attribute
  (quote and source), so they support the fact they belong to without cluttering
  the graph.

Nodes and edges are added in sorted order, so layouts, paths and figures come out
the same on every run.
"""

from __future__ import annotations

from dataclasses import dataclass

import networkx as nx
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import OWL, PROV, RDF, RDFS

from .errors import InputError
from .prefixes import curie, expand
from .vocab import KG, OA

#: Types whose instances are evidence machinery, shown with the fact they support.
EVIDENCE_TYPES = frozenset({OA.Annotation, OA.SpecificResource, OA.TextQuoteSelector, OA.TextPositionSelector})
#: Namespaces of ontology terms (classes, properties, datatypes), which are not instances.
_META = (str(OWL), str(RDFS), str(RDF))
#: Literal properties not listed among a node's attributes (shown otherwise).
_HIDDEN = frozenset({RDFS.label})


def _label(graph: Graph, term) -> str | None:
    value = graph.value(term, RDFS.label)
    return str(value) if value is not None else None


def _is_instance(graph: Graph, node) -> bool:
    if not isinstance(node, URIRef):
        return False
    types = set(graph.objects(node, RDF.type))
    return bool(types) and not types & EVIDENCE_TYPES and not any(str(t).startswith(_META) for t in types)


def _primary_class(graph: Graph, types: list[URIRef]) -> URIRef:
    """The most specific of a node's classes (not a superclass of another), first by IRI on a tie."""
    if len(types) == 1:
        return types[0]
    supers = {sup for t in types for sup in graph.transitive_objects(t, RDFS.subClassOf) if sup != t}
    specific = [t for t in types if t not in supers]
    return sorted(specific or types)[0]


def _value_text(graph: Graph, term) -> str:
    if isinstance(term, Literal):
        return str(term)
    return _label(graph, term) or curie(str(term))


def _evidence(graph: Graph, node) -> list[dict]:
    """The quotes that state a fact, with their sources, in source and text order."""
    found = []
    for ann in graph.objects(node, KG.evidence):
        for target in graph.objects(ann, OA.hasTarget):
            source = graph.value(target, OA.hasSource)
            item = {"source": curie(str(source)) if source is not None else "", "quote": "", "start": None,
                    "location": str(graph.value(ann, KG.dataLocation) or "")}
            for selector in graph.objects(target, OA.hasSelector):
                if graph.value(selector, OA.exact) is not None:
                    item["quote"] = str(graph.value(selector, OA.exact))
                if graph.value(selector, OA.start) is not None:
                    item["start"] = int(graph.value(selector, OA.start))
            found.append(item)
    return sorted(found, key=lambda e: (e["source"], e["start"] if e["start"] is not None else -1, e["quote"]))


def _fallback_label(cls_label: str, literals: list[tuple[str, str, str]], node_id: str) -> str:
    """A readable name for an unlabelled instance (such as a nested interval): its class and values."""
    if literals:
        return f"{cls_label}: " + ", ".join(f"{p} {v}" for _, p, v in literals[:2])
    return f"{cls_label} {node_id}"


def project(graph: Graph) -> nx.MultiDiGraph:
    """The networkx projection of an RDF graph (see the module docstring for what is kept)."""
    nodes = sorted(s for s in set(graph.subjects(RDF.type, None)) if _is_instance(graph, s))
    node_set = set(nodes)
    g = nx.MultiDiGraph()
    classes: dict[str, str] = {}
    sources: dict[str, str] = {}
    for node in nodes:
        types = sorted(graph.objects(node, RDF.type))
        cls = _primary_class(graph, types)
        cls_label = _label(graph, cls) or curie(str(cls)).split(":")[-1]
        classes[curie(str(cls))] = cls_label
        literals = []
        for p, o in sorted(graph.predicate_objects(node)):
            if p in _HIDDEN or p == RDF.type or p == KG.evidence or p == PROV.wasDerivedFrom:
                continue
            if isinstance(o, Literal) or o not in node_set:
                literals.append((curie(str(p)), _label(graph, p) or curie(str(p)), _value_text(graph, o)))
        srcs = sorted(curie(str(o)) for o in graph.objects(node, PROV.wasDerivedFrom))
        node_id = curie(str(node))
        label = _label(graph, node) or _fallback_label(cls_label, literals, node_id)
        said = sorted(str(t) for t in graph.objects(node, KG.quoteText))
        g.add_node(node_id, iri=str(node), label=label, cls=curie(str(cls)), cls_label=cls_label,
                   classes=[curie(str(t)) for t in types], sources=srcs, literals=literals,
                   evidence=_evidence(graph, node), is_fact=bool(srcs), text=said[0] if said else "")
    for node in nodes:
        for p, o in sorted(graph.predicate_objects(node)):
            if o in node_set and o != node and p not in (RDF.type, PROV.wasDerivedFrom):
                g.add_edge(curie(str(node)), curie(str(o)), key=curie(str(p)), predicate=curie(str(p)),
                           label=_label(graph, p) or curie(str(p)).split(":")[-1])
    for node in nodes:
        for src in graph.objects(node, PROV.wasDerivedFrom):
            sources[curie(str(src))] = _label(graph, src) or curie(str(src))
    g.graph["classes"] = dict(sorted(classes.items()))
    g.graph["sources"] = dict(sorted(sources.items()))
    return g


def neighbourhood(g: nx.MultiDiGraph, centre: str, depth: int) -> nx.MultiDiGraph:
    """The entities within ``depth`` links of ``centre`` (either direction) and the links among them."""
    if depth < 0:
        raise InputError(f"depth must be 0 or more, not {depth}", where="--depth", hint="pass --depth 1 or 2")
    keep = nx.single_source_shortest_path_length(g.to_undirected(as_view=True), centre, cutoff=depth)
    return g.subgraph(sorted(keep)).copy()


def resolve(g: nx.MultiDiGraph, text: str, where: str = "entity") -> str:
    """The node a user means: an id, a CURIE, an IRI or an exact label, as kg.params.match_entity reads them."""
    from .params import match_entity

    labels = [(expand(n) or n, d["label"]) for n, d in g.nodes(data=True)]
    iri = match_entity(text.strip(), lambda i: curie(i) in g, labels, where)
    node = curie(iri)
    if node not in g:
        raise InputError(f"no entity '{text}' in the graph", where=where, hint="give an id, CURIE, IRI or exact label")
    return node


@dataclass(frozen=True)
class Step:
    """One link of a path: the relation labels between two entities and which way they point."""

    source: str
    target: str
    labels: tuple[tuple[str, bool], ...]  # (label, True if it points from source to target)


def shortest_paths(g: nx.MultiDiGraph, a: str, b: str, limit: int = 5) -> tuple[list[list[Step]], int]:
    """The first ``limit`` shortest paths between two entities (links followed either way), ordered by the labels
    they pass (then by their ids), and how many shortest paths there are.

    The paths form a layered graph (each entity at its distance from ``a``, on a shortest path when its
    distances from both ends add up); they are counted along it and taken from it best first, one label at a
    time, so the paths shown are the same whatever order networkx finds entities in, and a pair linked by
    millions of paths costs no more than the few shown.
    """
    import heapq

    if a == b:
        return [[]], 1
    undirected = g.to_undirected(as_view=True)
    from_a = nx.single_source_shortest_path_length(undirected, a)
    if b not in from_a:
        return [], 0
    from_b = nx.single_source_shortest_path_length(undirected, b)
    length = from_a[b]
    on = {n for n, d in from_a.items() if from_b.get(n, length + 1) + d == length}

    def onward(n: str) -> list[str]:
        return sorted({m for m in undirected[n] if m in on and from_a[m] == from_a[n] + 1})

    count = {b: 1}
    for n in sorted(on, key=lambda n: -from_a[n]):  # from b back to a
        if n != b:
            count[n] = sum(count[m] for m in onward(n))
    label = {n: g.nodes[n]["label"] for n in on}
    heap, found = [((label[a],), (a,))], []
    while heap and len(found) < limit:
        labels, path = heapq.heappop(heap)
        if path[-1] == b:
            found.append(path)
            continue
        for m in onward(path[-1]):
            heapq.heappush(heap, ((*labels, label[m]), (*path, m)))
    result = []
    for path in found:
        steps = []
        for u, v in zip(path, path[1:], strict=False):
            labels = [(d["label"], True) for d in g.get_edge_data(u, v, default={}).values()]
            labels += [(d["label"], False) for d in g.get_edge_data(v, u, default={}).values()]
            steps.append(Step(u, v, tuple(sorted(set(labels)))))
        result.append(steps)
    return result, count[a]


def format_path(g: nx.MultiDiGraph, steps: list[Step]) -> str:
    """A path, one entity a line: ``A``, then ``-[label]-> B`` or ``<-[label]- B`` (the link's direction)."""
    if not steps:
        return ""
    lines = [f"{g.nodes[steps[0].source]['label']} ({steps[0].source})"]
    for step in steps:
        arrows = " ".join(f"-[{label}]->" if forward else f"<-[{label}]-" for label, forward in step.labels)
        lines.append(f"    {arrows} {g.nodes[step.target]['label']} ({step.target})")
    return "\n".join(lines)


def format_paths(g: nx.MultiDiGraph, a: str, b: str, paths: list[list[Step]], total: int) -> str:
    """The answer of ``kg paths``: a heading, then the numbered paths."""
    name_a, name_b = g.nodes[a]["label"], g.nodes[b]["label"]
    if not paths:
        return f"No path links {name_a} ({a}) and {name_b} ({b})."
    if not paths[0]:
        return f"{name_a} ({a}) is the entity itself."
    count = f"{total:,}"
    length = len(paths[0])
    lines = [f"{name_a} and {name_b} are {length} link{'s' if length != 1 else ''} apart: {count} shortest "
             f"path{'s' if total != 1 else ''}" + (f", showing {len(paths)}" if len(paths) < total else "") + "."]
    for i, steps in enumerate(paths, 1):
        lines += ["", f"{i}. " + format_path(g, steps)]
    return "\n".join(lines)


__all__ = ["project", "neighbourhood", "resolve", "shortest_paths", "format_path", "format_paths", "Step",
           "EVIDENCE_TYPES"]
