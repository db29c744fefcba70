"""``kg load``: any RDF files into a store folder, by Oxigraph's bulk loader.

So that the stored queries, exports and pictures run over data that did not come
from kg's own data files. Quads (TriG, N-Quads) keep their named graphs; triples
go to the default graph, which queries see as part of the union. The files are
checked as ``kg query --data`` checks them (no remote contexts or entities unless
allowed), then loaded into a new store that replaces the folder's old one whole.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from ..errors import InputError
from . import MANIFEST, RDF_FORMATS, Dataset
from .write import swap_in, write_generation


@dataclass(frozen=True)
class LoadResult:
    path: Path
    quads: int
    graphs: int
    seconds: float


def load_files(files: list[Path], store: Path, *, allow_network: bool = False, derivation: str | None = None,
               derivation_where: str = "derived.rq") -> LoadResult:
    """Bulk-load RDF files into the store folder ``store`` (created, or replaced whole if it is a kg store), with
    the derived graph of the project's ``derivation`` (kg.derived) made from them."""

    started = time.perf_counter()
    store = Path(store)
    for path in files:
        if Path(path).suffix.lower() not in RDF_FORMATS:
            raise InputError(f"unknown RDF file type '{Path(path).suffix}'", where=str(path),
                             hint="use .ttl, .nt, .nq, .trig, .rdf or .jsonld")
        if not Path(path).is_file():
            raise InputError("file not found" if not Path(path).exists() else "not a regular file", where=str(path),
                             hint="check the path")
    if store.exists() and not store.is_symlink() and not (store.is_dir() and (
            (store / MANIFEST).is_file() or not any(store.iterdir()))):
        raise InputError("refusing to replace a folder that is not a kg store", where=str(store),
                         hint="give --store a new folder or a store made by kg load or kg build")
    if store.is_dir() and not store.is_symlink() and not any(store.iterdir()):
        store.rmdir()
    graphs = quads = 0

    def fill(oxstore: ox.Store) -> None:
        nonlocal graphs, quads
        dataset = Dataset(oxstore, str(store), None)
        for path in files:
            dataset.load_file(Path(path), str(path), allow_network=allow_network)
        dataset.finish_loading(derivation, derivation_where)
        graphs, quads = len(dataset.graph_names()), len(dataset)

    new = write_generation(store, fill, manifest={"loaded": [str(Path(p).resolve()) for p in files]})
    swap_in(new, store)
    return LoadResult(store, quads, graphs, time.perf_counter() - started)
