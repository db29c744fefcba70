"""``kg stats`` from the store: counts by class, facts per source, the most connected entities.

The figures are those of kg.netgraph's projection (instances as nodes, object-property
links between them as edges), counted without building it: the instances and their
types come from one lookup of rdf:type, the links from one pass over the statements
whose object is an IRI, both in the store, kept as integer arrays; connected
components and betweenness centrality are computed on those with scipy's sparse
matrices. Reading the whole graph into rdflib and networkx took 183 s at 100k triples.

Betweenness is Brandes' algorithm (what networkx runs), breadth-first from a batch of
sources at once as sparse-matrix products; past BETWEENNESS_SAMPLE entities it is
estimated from that many sources drawn as networkx draws them (``random.Random(0)``
over the entities in IRI order) and scaled as networkx scales a sample, so the
figures are networkx's, to rounding (the tests compare the two).
"""

from __future__ import annotations

import random
from collections import Counter

import pyoxigraph as ox

from .entities import DERIVED, RDF_TYPE, SKIPPED, Lookups

#: Above this many entities, betweenness centrality is estimated from a seeded sample of this many sources.
BETWEENNESS_SAMPLE = 500
#: Sources searched from at once (each a column of the dense level matrices).
_BATCH = 64
#: Betweenness is ranked rounded to this many places, so entities whose figures differ by float noise alone
#: rank by id.
_RANK_PLACES = 9


def _entities(dataset, look: Lookups) -> tuple[list[ox.NamedNode], dict[ox.NamedNode, str]]:
    """Every instance in IRI order, and each one's primary class (IRI).

    Read type by type, leaving out the evidence and ontology types (most typed subjects are annotations,
    targets and selectors). When some subject has several types, each subject found is looked up for all
    of them (a subject of an instance type and an evidence type is no instance); a count says whether any has.
    """
    rdf_type = ox.NamedNode(RDF_TYPE)
    kinds = [row["t"] for row in dataset.raw_query("SELECT DISTINCT ?t { ?s a ?t }")]
    (counts,) = dataset.raw_query("SELECT (COUNT(DISTINCT ?s) AS ?subjects) (COUNT(*) AS ?types) { ?s a ?t }")
    one_each = counts["subjects"].value == counts["types"].value
    primary: dict = {}
    classes: dict = {}
    for kind in kinds:
        if not look.is_instance_of({kind.value}):
            continue
        for q in look.store.quads_for_pattern(None, rdf_type, kind, look.graph):
            node = q.subject
            if not isinstance(node, ox.NamedNode) or node in classes:
                continue
            types = frozenset((kind.value,)) if one_each else frozenset(t.object.value for t in look.quads(node, rdf_type))
            if types not in primary:
                primary[types] = look.primary(sorted(types)) if look.is_instance_of(set(types)) else None
            if primary[types] is not None:
                classes[node] = primary[types]
    return sorted(classes, key=lambda n: n.value), classes


def _links(dataset, look: Lookups, index: dict) -> tuple[list[int], list[int]]:
    """The projection's edges (distinct statements between two instances, not rdf:type nor
    prov:wasDerivedFrom, not a node to itself) as two parallel lists of entity numbers, read predicate by
    predicate, only those with an IRI value (labels, texts, dates and quote positions are most statements)."""
    sources, targets, seen = [], [], set()
    once = dataset.union_is_default  # the union graph holds each statement once; otherwise a graph each
    predicates = [row["p"] for row in dataset.raw_query("SELECT DISTINCT ?p { ?s ?p ?o }")]
    for p in predicates:
        if p.value in SKIPPED or not dataset.raw_query(f"ASK {{ ?s <{p.value}> ?o . FILTER(isIRI(?o)) }}"):
            continue
        for q in look.store.quads_for_pattern(None, p, None, look.graph):
            j = index.get(q.object)
            if j is None:
                continue
            i = index.get(q.subject)
            if i is None or i == j:
                continue
            if not once:
                if q.triple in seen:
                    continue
                seen.add(q.triple)
            sources.append(i)
            targets.append(j)
    return sources, targets


def _simple(n: int, sources, targets):
    """The simple undirected graph of the links, as a symmetric sparse 0/1 matrix."""
    import numpy as np
    from scipy.sparse import coo_matrix

    rows = np.concatenate([np.asarray(sources, dtype=np.int64), np.asarray(targets, dtype=np.int64)])
    cols = np.concatenate([np.asarray(targets, dtype=np.int64), np.asarray(sources, dtype=np.int64)])
    matrix = coo_matrix((np.ones(len(rows)), (rows, cols)), shape=(n, n)).tocsr()
    matrix.data[:] = 1.0  # a pair linked twice (or both ways) is one edge
    return matrix


def betweenness(matrix, sources: list[int] | None = None):
    """Normalised betweenness centrality of every node of a simple undirected graph (symmetric sparse 0/1
    matrix), from every node or from ``sources`` only, scaled as networkx scales it (endpoints excluded)."""
    import numpy as np

    n = matrix.shape[0]
    starts = list(range(n)) if sources is None else list(sources)
    total = np.zeros(n)
    for at in range(0, len(starts), _BATCH):
        batch = np.asarray(starts[at:at + _BATCH])
        cols = np.arange(len(batch))
        sigma = np.zeros((n, len(batch)))
        dist = np.full((n, len(batch)), -1, dtype=np.int32)
        sigma[batch, cols], dist[batch, cols] = 1.0, 0
        level = 0
        while True:  # breadth first: the number of shortest paths to each node, level by level
            reached = matrix @ np.where(dist == level, sigma, 0.0)
            new = (reached > 0) & (dist < 0)
            if not new.any():
                break
            dist[new], sigma[new] = level + 1, reached[new]
            level += 1
        delta = np.zeros((n, len(batch)))
        for at_level in range(level, 0, -1):  # dependencies, from the farthest level back
            here = dist == at_level
            share = np.divide(1.0 + delta, sigma, out=np.zeros_like(delta), where=here)
            above = dist == at_level - 1
            delta[above] += sigma[above] * (matrix @ share)[above]
        delta[batch, cols] = 0.0
        total += delta.sum(axis=1)
    return _rescale(total, n, None if sources is None else set(starts))


def _rescale(total, n: int, sampled: set | None):
    """networkx's normalisation (3.x, endpoints excluded): by the (source, target) pairs each node could lie
    between; a sample's sources themselves by one source fewer."""
    import numpy as np

    pairs = n - 1
    if pairs < 2:
        return total
    if sampled is None:
        return total * (1 / (pairs * (pairs - 1)))
    k = len(sampled)
    scale = np.full(n, 1 / (k * (pairs - 1)))
    scale[list(sampled)] = 1 / ((k - 1) * (pairs - 1)) if k > 1 else float("nan")
    return total * scale


def statistics(dataset, top: int = 10) -> dict:
    """Counts by class, facts per source article, and the most connected entities, from the store.

    Degree counts links in both directions; betweenness centrality (on the simple
    undirected graph, normalised) says how often an entity lies on the shortest
    path between two others, which is what makes it a hub of the story.
    """
    import numpy as np
    from scipy.sparse.csgraph import connected_components

    from .entities import projection_of
    from .prefixes import curie

    look = Lookups(dataset)
    nodes, classes = _entities(dataset, look)
    index = {node: i for i, node in enumerate(nodes)}
    sources, targets = _links(dataset, look, index)
    n = len(nodes)
    labels: dict = {}

    def class_label(cls: str) -> str:
        if cls not in labels:
            labels[cls] = look.label(ox.NamedNode(cls)) or curie(cls).split(":")[-1]
        return labels[cls]

    by_class = Counter(class_label(classes[node]) for node in nodes)
    per_source: Counter = Counter()
    facts = {}
    for q in look.store.quads_for_pattern(None, ox.NamedNode(DERIVED), None, look.graph):
        if q.subject in index:
            facts.setdefault(q.subject, set()).add(q.object)
    source_labels = {}
    for derived in facts.values():
        for src in derived:
            name = curie(src.value) if isinstance(src, ox.NamedNode) else str(src)
            per_source[name] += 1
            if name not in source_labels:
                source_labels[name] = look.label(src) or name
    degree = np.bincount(np.asarray(sources + targets, dtype=np.int64), minlength=n) if n else np.zeros(0, int)
    matrix = _simple(n, sources, targets)
    sample = sorted(random.Random(0).sample(range(n), BETWEENNESS_SAMPLE)) if n > BETWEENNESS_SAMPLE else None
    central = betweenness(matrix, sample) if n else np.zeros(0)
    ids = [curie(node.value) for node in nodes]
    ranked = sorted(range(n), key=lambda i: (-int(degree[i]), -round(float(central[i]), _RANK_PLACES), ids[i]))[:top]
    shown = projection_of(dataset, {nodes[i] for i in ranked}) if ranked else None
    return {
        "entities": n,
        "relations": len(sources),
        "components": int(connected_components(matrix, directed=False)[0]) if n else 0,
        "by_class": dict(sorted(by_class.items(), key=lambda kv: (-kv[1], kv[0]))),
        "by_source": {s: {"label": source_labels[s], "facts": per_source[s]}
                      for s in sorted(per_source, key=lambda s: (-per_source[s], s))},
        "most_connected": [{"id": ids[i], "label": shown.nodes[ids[i]]["label"], "degree": int(degree[i]),
                            "betweenness": round(float(central[i]), 4)} for i in ranked],
    }


def format_statistics(stats: dict) -> str:
    """The statistics as aligned text tables."""
    lines = [f"{stats['entities']} entities, {stats['relations']} relations, {stats['components']} connected component(s)",
             "", "Entities by class:"]
    width = max((len(k) for k in stats["by_class"]), default=0)
    lines += [f"  {name:<{width}}  {count:>4}" for name, count in stats["by_class"].items()]
    lines += ["", "Facts by source article:"]
    width = max((len(k) for k in stats["by_source"]), default=0)
    lines += [f"  {s:<{width}}  {v['facts']:>4}  {v['label']}" for s, v in stats["by_source"].items()]
    lines += ["", "Most connected (degree = links in or out; betweenness centrality, 0 to 1):"]
    width = max((len(e["label"]) for e in stats["most_connected"]), default=0)
    lines += [f"  {e['label']:<{width}}  {e['degree']:>4}  {e['betweenness']:.3f}  {e['id']}"
              for e in stats["most_connected"]]
    return "\n".join(lines)


__all__ = ["statistics", "format_statistics", "betweenness", "BETWEENNESS_SAMPLE"]
