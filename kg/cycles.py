"""Nothing comes before itself: no cycles in previousInspection or containedInPlace.

An inspection that is (through others) its own previous inspection, or a place
that lies inside itself, makes every "what changed since" and "where" question
loop or answer nonsense. SHACL can say this only with a SPARQL path query
(``$this kg:previousInspection+ $this``) that rdflib evaluates slowly; here the
links are followed once, in linear time, over the whole graph.
"""

from __future__ import annotations

from rdflib import Graph

from .validation import Violation
from .vocab import KG, KGR, SCHEMA

SHAPE = "kg:NoCycles"
LINKS = {KG.previousInspection: "kg:previousInspection", SCHEMA.containedInPlace: "schema:containedInPlace"}


def cycles(graph: Graph, locations: Graph | None = None) -> list[Violation]:
    """A violation for each cycle of each link, naming the nodes on it in order; ``locations`` (the build
    metadata graph) says where each node was read, else the graph itself."""
    locations = locations if locations is not None else graph
    out = []
    for prop, name in LINKS.items():
        edges: dict = {}
        for s, o in graph.subject_objects(prop):
            edges.setdefault(s, []).append(o)
        for cycle in _cycles(edges):
            first = cycle[0]
            where = next((str(o) for o in locations.objects(first, KG.dataLocation)), str(first))
            path = " -> ".join(_short(n) for n in [*cycle, first])
            out.append(Violation(where, _short(first), name, f"is part of a cycle: {path}; nothing comes before itself, "
                                 "so remove one of the links", SHAPE, str(first)))
    return out


def _short(node) -> str:
    text = str(node)
    return text.removeprefix(str(KGR))


def _cycles(edges: dict) -> list[list]:
    """Each cycle once (found by an iterative depth-first search, sorted for a stable order)."""
    state: dict = {}  # 1: on the current path, 2: done
    found = []
    for root in sorted(edges, key=str):
        if root in state:
            continue
        path, stack = [], [(root, iter(sorted(edges.get(root, ()), key=str)))]
        state[root] = 1
        path.append(root)
        while stack:
            node, children = stack[-1]
            child = next(children, None)
            if child is None:
                stack.pop()
                path.pop()
                state[node] = 2
            elif state.get(child) == 1:
                found.append(path[path.index(child):])
            elif child not in state:
                state[child] = 1
                path.append(child)
                stack.append((child, iter(sorted(edges.get(child, ()), key=str))))
    return found
