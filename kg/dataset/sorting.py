"""A store's statements in dump order, streamed: an external merge sort of pyoxigraph's own N-Triples.

``kg export`` writes what the build's dumps hold, in the same order
(:mod:`kg.dataset.order`: subject, rdf:type first, predicate, object),
so that the same statements give the same bytes. Sorting every statement in
Python objects held the whole graph in memory (1.9 GB at a million triples,
against 107 MB for pyoxigraph's own unsorted dump). Here the store writes its
N-Triples in Rust; each line becomes a byte string whose plain byte order is
the dump order, runs of :data:`RUN` lines are sorted and spilled to a temporary
file, and the runs are merged as they are written out. Memory is one run, not
the graph; a named graph (TriG, N-Quads) is sorted on its own, one at a time.

The keys, their order and the merge of sorted runs are :mod:`kg.dataset.order`'s,
the build's too.

Statements with a blank node are few (the build labels them canonically); they
are held in memory and relabelled canonically over the whole graph or dataset,
as the build does, then merged in.
"""

from __future__ import annotations

import io
import itertools
import re
import tempfile
from collections.abc import Iterable, Iterator

import pyoxigraph as ox

from .order import Runs, key_line, line_key, merged

#: Lines sorted in memory at once (about 60 MB of keys at the project's line lengths).
RUN = 250_000
_LINE = re.compile(rb"[^\n]*\n")


def plain_key(line: bytes) -> bytes | None:
    """The sort key of a line, or None for a statement whose subject or object is a blank node."""
    s, _p, rest = line.split(b" ", 2)
    if s.startswith(b"_:") or rest.startswith(b"_:"):
        return None
    return line_key(line)


class _Lines(io.RawIOBase):
    """A writable stream (what ``Store.dump`` writes to) that hands the complete lines of each chunk to ``take``."""

    def __init__(self, take):
        self.take, self.partial = take, b""

    def writable(self) -> bool:
        return True

    def write(self, data) -> int:
        lines = (self.partial + bytes(data)).split(b"\n")
        self.partial = lines.pop()
        self.take(lines, b"_:" in data or b"_:" in lines[0] if lines else False)
        return len(data)

    def close(self) -> None:
        if self.partial:
            self.take([self.partial], b"_:" in self.partial)
            self.partial = b""
        super().close()


def _keys(lines: list[bytes], maybe_blank: bool, blank: list[bytes]) -> list[bytes]:
    """The sort keys of lines; those with a blank node go to ``blank`` (only looked for if ``maybe_blank``)."""
    if not maybe_blank:
        return [line_key(line) for line in lines if line]
    keys = []
    for line in lines:
        if line:
            key = plain_key(line)
            if key is None:
                blank.append(line)
            else:
                keys.append(key)
    return keys


def _restored(keys: Iterable[bytes]) -> Iterator[bytes]:
    """N-Triples text, a few thousand lines at a time, from sort keys that end in line breaks."""
    keys = iter(keys)
    while True:
        batch = list(itertools.islice(keys, 4096))
        if not batch:
            return
        yield b"".join([key_line(key) for key in batch])


def _canonical_keys(blank_lines: list[bytes], fmt: ox.RdfFormat) -> list[ox.Quad]:
    from .write import _canonical

    if not blank_lines:
        return []
    return _canonical([ox.Quad(*t) if isinstance(t, ox.Triple) else t
                       for t in ox.parse(b"\n".join(blank_lines) + b"\n", format=fmt)])


def _nt(quad) -> bytes:
    return f"{quad.subject} {quad.predicate} {quad.object} .".encode()


def union_lines(store: ox.Store) -> Iterator[bytes]:
    """The default graph as N-Triples text (chunks of whole lines) in dump order, blank nodes labelled
    canonically: what :func:`kg.dataset.write.sorted_union` gives, without the graph in memory."""
    with tempfile.TemporaryDirectory(prefix="kg-sort-") as folder:
        runs, blank = Runs(folder, RUN), []
        sink = _Lines(lambda lines, maybe: runs.add(_keys(lines, maybe, blank)))
        store.dump(sink, ox.RdfFormat.N_TRIPLES, from_graph=ox.DefaultGraph())
        sink.close()
        extra = sorted(line_key(_nt(q)) + b"\n" for q in _canonical_keys(blank, ox.RdfFormat.N_TRIPLES))
        yield from _restored(runs.merged(extra))


def dataset_lines(store: ox.Store, names: list[str]) -> Iterator[bytes]:
    """The named graphs ``names`` ("" the default graph) as N-Quads text (chunks of whole lines), graph by graph
    in the order given, each graph's statements in dump order, blank nodes labelled canonically over all of them:
    what :func:`kg.dataset.write.sorted_dataset` gives, one graph in memory at a time."""
    with tempfile.TemporaryFile(prefix="kg-sort-") as spill:
        segments: list[tuple[str, int, int]] = []
        blank: list[bytes] = []
        for graph in names:
            suffix = f" <{graph}> .".encode() if graph else b" ."
            keys: list[bytes] = []
            found: list[bytes] = []
            sink = _Lines(lambda lines, maybe, keys=keys, found=found: keys.extend(_keys(lines, maybe, found)))
            store.dump(sink, ox.RdfFormat.N_TRIPLES, from_graph=ox.NamedNode(graph) if graph else ox.DefaultGraph())
            sink.close()
            blank += [line[:-1] + suffix[1:] for line in found]
            keys.sort()
            start = spill.tell()
            if keys:
                spill.write(b"\n".join(keys) + b"\n")
            segments.append((graph, start, spill.tell() - start))
        canonical: dict[str, list[bytes]] = {}
        for quad in _canonical_keys(blank, ox.RdfFormat.N_QUADS):
            name = quad.graph_name.value if isinstance(quad.graph_name, ox.NamedNode) else ""
            canonical.setdefault(name, []).append(line_key(_nt(quad)) + b"\n")
        for graph, start, length in segments:
            suffix = f" <{graph}> .\n".encode() if graph else b" .\n"
            spill.seek(start)
            plain = _LINE.findall(spill.read(length)) if length else []
            keys = merged([plain, sorted(canonical.get(graph, []))])
            for text in _restored(keys):
                yield text.replace(b" .\n", suffix) if graph else text


class LineReader(io.RawIOBase):
    """A readable stream of the text chunks of an iterator (what pyoxigraph's parser reads)."""

    def __init__(self, lines: Iterable[bytes]):
        self.lines, self.buffer, self.at = iter(lines), b"", 0

    def readable(self) -> bool:
        return True

    def readinto(self, target) -> int:
        if self.at >= len(self.buffer):
            self.buffer, self.at = next(self.lines, b""), 0
        n = min(len(target), len(self.buffer) - self.at)
        target[:n] = self.buffer[self.at:self.at + n]
        self.at += n
        return n
