"""Writing a dataset: the store folder, swapped in whole, and the deterministic dumps.

A store is written into a new hidden folder beside its target and swapped in by
replacing a symbolic link in one rename, so a reader sees the old store or the
new one, never half of one, and a failed or killed build leaves the old one in
place. The previous generation is kept (a command that opened it a moment ago
can finish); older ones and the remains of killed builds are removed.

Dumps go through pyoxigraph's serialisers, fed statements in one sorted order
(:mod:`kg.dataset.order`): they write statements in the order given,
so the bytes depend only on the statements. Blank nodes keep the canonical labels
the build gave them.
"""

from __future__ import annotations

import heapq
import io
import json
import os
import shutil
import time
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import IO

import pyoxigraph as ox

from ..errors import InputError
from ..prefixes import PREFIXES
from . import MANIFEST, METADATA, STORE_DIR, Dataset
from .order import graph_key, term_key, text_key

#: Prefixes for Turtle and TriG dumps (the namespace IRIs; pyoxigraph writes only well-formed prefixed names).
DUMP_PREFIXES = dict(PREFIXES)


def _generations(target: Path) -> list[Path]:
    return sorted(g for g in target.parent.glob(f".{target.name}.*") if g.is_dir() and not g.is_symlink())


def _writer(target: Path, folder: Path) -> int | None:
    """The process id in a generation's name (``.<target>.<pid>.<time>``)."""
    pid = folder.name[len(target.name) + 2:].split(".", 1)[0]
    return int(pid) if pid.isdigit() else None


def _alive(pid: int | None) -> bool:
    if pid is None:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True
    return True


def _clean(target: Path, keep: set[Path]) -> None:
    """Remove store generations other than ``keep`` (the new one and the one it replaces), unless another
    live process is still writing them: older builds, and what killed builds left."""
    keep_names = {k.name for k in keep}
    for folder in _generations(target):
        pid = _writer(target, folder)
        if folder.name not in keep_names and (pid == os.getpid() or not _alive(pid)):
            shutil.rmtree(folder, ignore_errors=True)


def swap_in(new: Path, target: Path) -> None:
    """Point ``target`` (a symbolic link) at ``new`` in one rename; a real store folder there is moved aside first.

    If it cannot, ``new`` is removed and the current store stays as it was (kg build and kg load both rely on it).
    """
    try:
        previous = target.resolve() if target.is_symlink() else None
        if target.exists() and not target.is_symlink():
            if not target.is_dir() or not (target / MANIFEST).is_file() and not (target / STORE_DIR).is_dir():
                raise InputError("refusing to replace something that is not a kg store", where=str(target),
                                 hint="give --store a new folder or an existing store")
            aside = target.parent / f".{target.name}.{os.getpid()}.{int(time.time() * 1e6)}.old"
            os.rename(target, aside)
            previous = aside
        link = target.parent / f".{target.name}.{os.getpid()}.link"
        if link.is_symlink() or link.exists():
            link.unlink()
        os.symlink(new.name, link)
        os.replace(link, target)
    except BaseException as e:  # not swapped in: the current store stays as it was
        shutil.rmtree(new, ignore_errors=True)
        if isinstance(e, OSError):
            raise InputError(f"cannot write the store: {e.strerror or e}", where=str(target),
                             hint="check the free space and permissions") from None
        raise
    _clean(target, {new} | ({previous} if previous else set()))


def write_store(quads: Iterable[ox.Quad], target: Path, *, manifest: dict,
                metadata: Iterable[ox.Quad] = ()) -> Path:
    """Write a new store generation for ``target`` from quads; :func:`swap_in` makes it the current one."""
    metadata = sorted(metadata, key=term_key)

    def fill(store: ox.Store) -> None:
        store.bulk_extend(quads)

    def write_metadata(fh) -> None:
        ox.serialize(metadata, fh, ox.RdfFormat.N_QUADS)

    return write_generation(target, fill, manifest=manifest, metadata=write_metadata)


def write_generation(target: Path, fill: Callable[[ox.Store], None], *, manifest: dict,
                     metadata: Callable[[IO[bytes]], None] | None = None, base: Path | None = None,
                     optimize: bool = True) -> Path:
    """Write a new store generation for ``target``: ``fill`` writes the store (a copy of ``base``, a store
    folder, when given: a RocksDB checkpoint, hard links to its files, made in milliseconds), ``metadata``
    the build metadata file (none without it: kg load). On any failure the new folder is removed and the current
    store is untouched. kg build and kg load both write their stores through it."""
    target = Path(target)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        new = target.parent / f".{target.name}.{os.getpid()}.{int(time.time() * 1e6)}"
        new.mkdir()
    except OSError as e:
        raise InputError(f"cannot write the store: {e.strerror or e}", where=str(target),
                         hint="check the free space and permissions") from None
    try:
        if base is not None:
            ox.Store.read_only(str(base / STORE_DIR)).backup(str(new / STORE_DIR))
        store = ox.Store(str(new / STORE_DIR))
        fill(store)
        store.flush()
        if optimize:
            store.optimize()
        count = len(store)
        del store
        if metadata is not None:
            with open(new / METADATA, "wb") as fh:
                metadata(fh)
        (new / MANIFEST).write_text(json.dumps({**manifest, "quads": count}, indent=2, sort_keys=True) + "\n",
                                    encoding="utf-8")
    except BaseException as e:
        shutil.rmtree(new, ignore_errors=True)
        if isinstance(e, OSError):
            raise InputError(f"cannot write the store: {e.strerror or e}", where=str(target),
                             hint="check the free space and permissions") from None
        raise
    return new


# --- dumps -----------------------------------------------------------------------------------

def _has_blank(quad) -> bool:
    return isinstance(quad.subject, ox.BlankNode) or isinstance(quad.object, ox.BlankNode)


def _canonical(quads: Iterable[ox.Quad]) -> list[ox.Quad]:
    """Statements with blank nodes, relabelled canonically (RDF dataset canonicalisation) and sorted.

    Labels then depend only on the statements, not on what a parser or an earlier run
    called the nodes: a store kg load filled from a dump exports the same bytes as the build.
    """
    dataset = ox.Dataset(quads)
    dataset.canonicalize(ox.CanonicalizationAlgorithm.UNSTABLE)
    return sorted(dataset, key=lambda q: (str(q.graph_name), term_key(q)))


def _merged(plain: Iterator[ox.Quad], blank: list[ox.Quad], graph: bool) -> Iterator:
    """Two streams in dump order, merged: statements without blank nodes and the canonical ones."""
    key = (lambda q: (str(q.graph_name), term_key(q))) if graph else term_key
    for quad in heapq.merge(plain, blank, key=key):
        yield quad if graph else quad.triple


def _is_blank_line(line: str) -> bool:
    return line.startswith("_:") or line.split(" ", 2)[2].startswith("_:")


def _nt_lines(store: ox.Store, graph) -> list[str]:
    """One graph's statements as N-Triples lines, as pyoxigraph writes them (in Rust: a Python object per
    statement would cost more than all the rest of a dump)."""
    return store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=graph).decode("utf-8").splitlines()


def _sorted_lines(lines: list[str], blank_quads: list[ox.Quad]) -> list[str]:
    """Plain lines and the canonical blank-node statements, in dump order."""
    plain = [(text_key(line), line) for line in lines]
    plain += [(term_key(q), f"{q.subject} {q.predicate} {q.object} .") for q in blank_quads]
    plain.sort(key=lambda kv: kv[0])
    return [line for _, line in plain]


def _parsed(lines: list[str], fmt: ox.RdfFormat) -> Iterator:
    return ox.parse("\n".join(lines).encode("utf-8") if lines else b"", format=fmt)


def sorted_union(lines: Iterable[str]) -> list[str]:
    """The union's N-Triples lines (each statement once) in dump order, blank nodes labelled canonically."""
    plain, blank = [], []
    for line in set(lines):
        (blank if _is_blank_line(line) else plain).append(line)
    quads = [ox.Quad(*t) for t in _parsed(blank, ox.RdfFormat.N_TRIPLES)]
    return _sorted_lines(plain, _canonical(quads))


def union_triples(dataset: Dataset) -> Iterator[ox.Triple]:
    """Every distinct statement of the union, subject by subject, in dump order."""
    if not dataset.union_is_default:
        return _union_triples_slow(dataset)
    return _parsed(sorted_union(_nt_lines(dataset.store, ox.DefaultGraph())), ox.RdfFormat.N_TRIPLES)


def _union_triples_slow(dataset: Dataset) -> Iterator[ox.Triple]:
    """:func:`union_triples` of a store whose default graph is not the union (one kg load filled)."""
    blank = {ox.Quad(*q.triple) for q in dataset.union_quads() if _has_blank(q)}  # a first pass: a few at most

    def plain() -> Iterator[ox.Quad]:
        for subject in dataset.subjects():
            if not isinstance(subject, ox.BlankNode):
                for triple in dataset.triples_of(subject):
                    if not isinstance(triple.object, ox.BlankNode):
                        yield ox.Quad(triple.subject, triple.predicate, triple.object)

    return _merged(plain(), _canonical(blank), graph=False)


def graph_order(dataset: Dataset) -> list[str]:
    """Named graphs as dumps list them: the ontology first, then the articles by IRI."""
    return sorted(dataset.graph_names(), key=graph_key)


def sorted_dataset(graphs: dict[str, Iterable[str]]) -> list[str]:
    """Named graphs (name -> N-Triples lines; "" the default graph) as N-Quads lines in dump order: the
    ontology first, then the others by IRI, each graph's statements sorted, blank nodes labelled
    canonically over the whole dataset."""
    names = sorted(graphs, key=graph_key)
    per_graph: dict[str, list[str]] = {}
    blank_lines: list[str] = []
    for graph in names:
        lines = set(graphs[graph])
        if any(_is_blank_line(line) for line in lines):
            suffix = f" <{graph}> ." if graph else " ."
            blank_lines += [line[:-1] + suffix[1:] for line in lines if _is_blank_line(line)]
            lines = {line for line in lines if not _is_blank_line(line)}
        per_graph[graph] = list(lines)
    canonical: dict[str, list[ox.Quad]] = {}
    for quad in _canonical(list(_parsed(blank_lines, ox.RdfFormat.N_QUADS))):
        name = quad.graph_name.value if isinstance(quad.graph_name, ox.NamedNode) else ""
        canonical.setdefault(name, []).append(quad)
    out: list[str] = []
    for graph in names:
        suffix = f" <{graph}> ." if graph else " ."
        out += [line[:-2] + suffix for line in _sorted_lines(per_graph[graph], canonical.get(graph, []))]
    return out


def dataset_quads(dataset: Dataset) -> Iterator[ox.Quad]:
    """Every named graph's quads, graph by graph (ontology, then articles), each in dump order.

    The default graph (the union, in a kg store) is written only when there is no named graph.
    """
    names = dataset.graph_names() or [""]
    graphs = {g: _nt_lines(dataset.store, ox.NamedNode(g) if g else ox.DefaultGraph()) for g in names}
    return _parsed(sorted_dataset(graphs), ox.RdfFormat.N_QUADS)


_FORMATS = {"ttl": ox.RdfFormat.TURTLE, "nt": ox.RdfFormat.N_TRIPLES, "xml": ox.RdfFormat.RDF_XML,
            "trig": ox.RdfFormat.TRIG, "nq": ox.RdfFormat.N_QUADS}


def dump_lines(lines: list[str], fmt: str, out: IO[bytes]) -> None:
    """Write sorted lines (:func:`sorted_union` for ttl, nt, xml; :func:`sorted_dataset` for trig, nq) as
    :func:`dump` writes a dataset: the build writes its dumps from what it mapped, not from the store."""
    dump_text(("\n".join(lines) + "\n").encode("utf-8") if lines else b"", fmt, out)


def dump_text(text: bytes, fmt: str, out: IO[bytes]) -> None:
    """:func:`dump_lines` of the lines as one N-Triples or N-Quads text (one line each, in order)."""
    syntax = ox.RdfFormat.N_QUADS if fmt in ("trig", "nq") else ox.RdfFormat.N_TRIPLES
    prefixes = DUMP_PREFIXES if fmt in ("ttl", "trig", "xml") else None
    ox.serialize(ox.parse(text, format=syntax), out, _FORMATS[fmt], prefixes=prefixes)


def dump_file(path: Path, fmt: str, out: IO[bytes]) -> None:
    """:func:`dump_text` of a file's text, read as it is written out (a dump at 1M triples reads 200 MB)."""
    syntax = ox.RdfFormat.N_QUADS if fmt in ("trig", "nq") else ox.RdfFormat.N_TRIPLES
    prefixes = DUMP_PREFIXES if fmt in ("ttl", "trig", "xml") else None
    ox.serialize(ox.parse(path=path, format=syntax), out, _FORMATS[fmt], prefixes=prefixes)


def dump(dataset: Dataset, fmt: str, out: IO[bytes]) -> None:
    """Write the dataset to ``out``: 'ttl', 'nt', 'xml' (the union) or 'trig', 'nq' (every named graph).

    Streamed (kg.dataset.sorting): the store's statements are sorted outside memory, in runs, and serialised
    as they are merged; N-Triples and N-Quads are those sorted lines themselves.
    """
    from .sorting import LineReader, dataset_lines, union_lines

    if fmt == "xml":
        out = _XmlCarriageReturns(out)
    if fmt in ("trig", "nq"):
        lines = dataset_lines(dataset.store, graph_order(dataset) or [""])
        if fmt == "nq":
            for text in lines:
                out.write(text)
            return
        ox.serialize(ox.parse(LineReader(lines), format=ox.RdfFormat.N_QUADS), out, _FORMATS[fmt],
                     prefixes=DUMP_PREFIXES)
        return
    if fmt == "nt" and dataset.union_is_default:
        for text in union_lines(dataset.store):
            out.write(text)
        return
    ox.serialize(union_stream(dataset), out, _FORMATS[fmt], prefixes=DUMP_PREFIXES if fmt in ("ttl", "xml") else None)


def union_stream(dataset: Dataset) -> Iterator[ox.Triple]:
    """Every distinct statement of the union in dump order, streamed (kg.dataset.sorting) from a kg store."""
    from .sorting import LineReader, union_lines

    if not dataset.union_is_default:
        return union_triples(dataset)
    return ox.parse(LineReader(union_lines(dataset.store)), format=ox.RdfFormat.N_TRIPLES)


class _XmlCarriageReturns(io.RawIOBase):
    """RDF/XML as pyoxigraph writes it, a carriage return written as ``&#13;``.

    pyoxigraph's writer leaves a carriage return in a literal as it is, and XML readers
    turn a raw carriage return into a line feed (XML 1.0, 2.11), so the literal would
    not read back. In its output a carriage return can only be literal text (it writes
    line feeds between elements, and IRIs cannot hold one), and a character reference
    is kept as written, so replacing the byte is the escape.
    """

    def __init__(self, out: IO[bytes]):
        self.out = out

    def writable(self) -> bool:
        return True

    def write(self, data) -> int:
        self.out.write(bytes(data).replace(b"\r", b"&#13;"))
        return len(data)
