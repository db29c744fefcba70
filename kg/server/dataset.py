"""What ``kg serve`` and ``kg push`` hand out: the built dataset, one named graph per source article.

Both read the same quads: each source article's facts in
``https://w3id.org/policing-kg/graph/<article id>`` and the ontology and reference
terms in ``.../graph/ontology``, as ``kg export --format nq`` writes them, or any
Oxigraph store folder given as ``--store DIR``. The quads go through a pyoxigraph
Store, so serving and pushing never re-parse Turtle per request or per graph.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from ..errors import InputError


@dataclass(frozen=True)
class DatasetSource:
    """Where a process finds the dataset: an N-Quads file to load into memory, or a store folder to open read-only.

    Plain paths, so it can be handed to a freshly spawned worker process.
    """

    nquads: Path | None = None
    store_dir: Path | None = None

    def open(self):
        """A pyoxigraph Store with the dataset (in memory for a file, read-only on disk for a store folder)."""
        import pyoxigraph as ox

        if self.store_dir is not None:
            return open_store_dir(self.store_dir)
        from ..dataset import Dataset

        store = ox.Store()
        store.bulk_load(path=str(self.nquads), format=ox.RdfFormat.N_QUADS)
        # As in a built store, the default graph holds the union, each statement once: Oxigraph's union of the
        # graphs would count a statement two articles make twice.
        Dataset(store, str(self.nquads)).complete_union()
        return store


def open_store_dir(path: Path):
    """An Oxigraph store folder opened read-only; a clear line if it is not one."""

    path = Path(path)
    if not path.is_dir():
        raise InputError("no store folder here", where=str(path), hint="give the folder of an Oxigraph store with --store")
    from ..dataset import Dataset

    return Dataset.open(path).store  # a kg store folder (kg build's, kg load's) or a bare Oxigraph store


def write_project_nquads(project, path: Path) -> Path:
    """The project's built graph as N-Quads, one named graph per source article, written to ``path``."""
    from ..export import export_project

    Path(path).write_text(export_project(project, "nq"), encoding="utf-8")
    return Path(path)


def project_store(project, store_dir: Path | None = None):
    """The dataset as a pyoxigraph Store: ``store_dir`` opened read-only, else the project's built graph in memory."""
    import pyoxigraph as ox

    if store_dir is not None:
        return open_store_dir(store_dir)
    from ..export import export_project

    store = ox.Store()
    store.bulk_load(export_project(project, "nq").encode("utf-8"), format=ox.RdfFormat.N_QUADS)
    return store


@dataclass(frozen=True)
class NamedGraph:
    """One graph to push: its IRI, its triples as N-Triples and how many."""

    iri: str
    ntriples: bytes
    triples: int


def named_graphs(store) -> Iterator[NamedGraph]:
    """Every named graph of the store in IRI order, as sorted N-Triples.

    A dataset with triples in its default graph is refused: a shared store's default
    graph is not kg's to replace, and kg's own build puts every triple in a named graph.
    """
    import pyoxigraph as ox

    # A kg store keeps the union of its named graphs as its default graph: pushing the named graphs pushes all.
    if next(iter(store.quads_for_pattern(None, None, None, ox.DefaultGraph())), None) is not None \
            and next(iter(store.named_graphs()), None) is None:
        raise InputError("the dataset has triples outside any named graph", where="kg push",
                         hint="load them into a named graph; kg pushes named graphs only")
    for graph in sorted(store.named_graphs(), key=lambda g: str(g)):
        if not isinstance(graph, ox.NamedNode):
            continue
        lines = sorted(store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=graph).splitlines(keepends=True))
        yield NamedGraph(graph.value, b"".join(lines), len(lines))
