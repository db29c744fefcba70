"""Derived modelling: statements that follow from a dataset's own, written beside it so queries read them cheaply.

The definition is one SPARQL CONSTRUCT file of the project (``ontology/derived.rq``: each
fact's citation of each source it derives from, the first of its evidence annotations
by quote, with that annotation's source and quote). kg build runs it on each data
file's mapped statements (a fact's evidence is in the fact's own file, so a rebuild
that maps a changed file again derives its rows again, and only its rows) and kg load
on the whole store it fills, so the stored queries find the same summary over data
that did not come from YAML. The triples go into their own named graph, ``graph/derived``
(and the union the queries read): no article states them, and a reader of the dataset
can tell them apart or drop them, or derive them again from the same file.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import pyoxigraph as ox

from .errors import InputError
from .graphs import DERIVED_GRAPH

#: The file of the project's ontology folder that defines the derived statements.
DERIVED_FILE = "derived.rq"


def derivation(ontology_dir: Path) -> str | None:
    """The project's derivation (a SPARQL CONSTRUCT), or None for a project that defines none."""
    path = Path(ontology_dir) / DERIVED_FILE
    if not path.is_file():
        return None
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as e:
        raise InputError(f"cannot read the derivation: {e}", where=str(path), hint="fix or remove the file") from None
    return text


def project_derivation(project) -> tuple[str | None, str]:
    """The project's derivation and its file as messages name it: one place for kg build, kg load and --data."""
    return derivation(project.ontology_dir), project.shown(project.ontology_dir / DERIVED_FILE)


def derived_quads(store: ox.Store, text: str, where: str, *, union: bool = False) -> list[ox.Quad]:
    """The derivation's statements over ``store`` as quads of the derived graph (``union``: over the union of the
    named graphs, for a store whose default graph is not the union)."""
    try:
        answer = store.query(text, use_default_graph_as_union=union)
    except SyntaxError as e:
        raise InputError(f"invalid SPARQL: {' '.join(str(e).split())}", where=where, hint="fix the query") from None
    if not isinstance(answer, ox.QueryTriples):
        raise InputError("the derivation is not a CONSTRUCT query", where=where,
                         hint="write it as CONSTRUCT { ... } WHERE { ... }")
    graph = ox.NamedNode(DERIVED_GRAPH)
    return [ox.Quad(t.subject, t.predicate, t.object, graph) for t in answer]


def derive_for(quads: Iterable[ox.Quad], text: str, where: str) -> list[ox.Quad]:
    """The derived quads of a few statements (one data file's), over their union."""
    store = ox.Store()
    store.bulk_extend(ox.Quad(q.subject, q.predicate, q.object) for q in quads)
    return derived_quads(store, text, where)


def derive_store(store: ox.Store, text: str, where: str, *, default_is_union: bool) -> int:
    """Add the derivation over a store to its derived graph (and to its default graph, where that is the union the
    queries read); the caller drops an old derived graph first (:func:`drop_derived`)."""
    found = derived_quads(store, text, where, union=not default_is_union)
    store.bulk_extend(found)
    if default_is_union:
        store.bulk_extend(ox.Quad(q.subject, q.predicate, q.object) for q in found)
    return len(found)


def drop_derived(store: ox.Store) -> None:
    """Remove a derived graph loaded from files (an export carries one): it is derived again from the rest."""
    graph = ox.NamedNode(DERIVED_GRAPH)
    if graph in set(store.named_graphs()):
        # Out of the default graph too (where that is the union), unless another graph states it.
        store.update(f"DELETE {{ ?s ?p ?o }} WHERE {{ GRAPH {graph} {{ ?s ?p ?o }} "
                     f"FILTER NOT EXISTS {{ GRAPH ?g {{ ?s ?p ?o }} FILTER(?g != {graph}) }} }}")
        store.remove_graph(graph)
