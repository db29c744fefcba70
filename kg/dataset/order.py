"""The dump order of statements, and the merge of sorted runs in it: one definition for the build and the exports.

Every dump kg writes (graph.ttl, graph.trig, a store generation's union.nt and
dataset.nq, ``kg export``) lists statements in one order: subject, rdf:type
first, then the predicate's IRI, then the object, each term compared as
N-Triples writes it; named graphs one after another, the ontology's first, then
the others by IRI. Same statements, same order, same bytes.

The order is the plain byte order of a key. The key of an N-Triples line
``S P O .`` is ``S ␠ p ␠ O .`` with ``p`` the predicate's IRI without its
brackets, or ``\\x01`` for rdf:type (first). A space is below every character of
an IRI, a blank node label or what follows a complete N-Triples term, so
comparing keys byte by byte (UTF-8 keeps code point order) compares subject,
then predicate, then object. The key of a named graph's N-Quads line puts the
graph before the statement's key: ``0`` for the ontology's graph or ``1`` and
the graph's IRI, then a space. Keys and lines map one to one, so sorted runs
of keys are merged by plain comparison (no key function per line) and turned
back into lines as they are written.
"""

from __future__ import annotations

import bisect
import heapq
import mmap
import re
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from ..graphs import ONTOLOGY_GRAPH
from .terms import RDF_TYPE

_TYPE = b"<" + RDF_TYPE.encode() + b">"
_TYPE_KEY = b"\x01"
_ONTOLOGY = ONTOLOGY_GRAPH.encode()


def line_key(line: bytes) -> bytes:
    """The sort key of one N-Triples line (with or without its line break)."""
    s, p, rest = line.split(b" ", 2)
    return b"%s %s %s" % (s, _TYPE_KEY if p == _TYPE else p[1:-1], rest)


def key_line(key: bytes) -> bytes:
    """The N-Triples line of a sort key (:func:`line_key` undone)."""
    s, p, rest = key.split(b" ", 2)
    return b"%s %s %s" % (s, _TYPE if p == _TYPE_KEY else b"<%s>" % p, rest)


def text_key(line: str) -> bytes:
    """:func:`line_key` of an N-Triples line held as text."""
    return line_key(line.encode("utf-8"))


def term_key(quad) -> bytes:
    """:func:`line_key` of a pyoxigraph quad or triple's statement (``str`` of a term is its N-Triples text)."""
    return line_key(f"{quad.subject} {quad.predicate} {quad.object} .".encode())


def graph_key(graph: str | bytes) -> bytes:
    """Where a named graph's statements go in a dataset dump: the ontology's first, then the others by IRI."""
    name = graph.encode("utf-8") if isinstance(graph, str) else graph
    return b"0" if name == _ONTOLOGY else b"1" + name


def quad_key(line: bytes) -> bytes:
    """The sort key of one N-Quads line of a named graph (no line break): its graph's, then its statement's."""
    at = line.rfind(b" <")
    return b"%s %s" % (graph_key(line[at + 2:-3]), line_key(line[:at] + b" ."))


def key_quad(key: bytes) -> bytes:
    """The N-Quads line of a :func:`quad_key` (no line break)."""
    graph, triple = key.split(b" ", 1)
    name = ONTOLOGY_GRAPH.encode() if graph == b"0" else graph[1:]
    return b"%s <%s> ." % (key_line(triple)[:-2], name)


def merged(runs: Iterable[Iterable[bytes]], unique: bool = False) -> Iterator[bytes]:
    """Sorted runs of keys (or of plain lines), each ending in a line break, merged in order; ``unique``: each
    once (the union holds a statement once however many files state it)."""
    if not unique:
        yield from heapq.merge(*runs)
        return
    last = None
    for key in heapq.merge(*runs):
        if key != last:
            last = key
            yield key


def run_file(path: Path | str) -> Iterator[bytes]:
    """The lines of a run file, each with its line break."""
    with open(path, "rb") as fh:
        yield from fh


class Runs:
    """Sort keys gathered into sorted runs of ``size`` keys, each spilled to a file of its own in ``folder``."""

    def __init__(self, folder: Path | str, size: int, name: str = "run"):
        self.folder, self.size, self.name = str(folder), size, name
        self.keys: list[bytes] = []
        self.paths: list[str] = []

    def add(self, keys: list[bytes]) -> None:
        self.keys += keys
        if len(self.keys) >= self.size:
            self.flush()

    def flush(self) -> None:
        if self.keys:
            self.keys.sort()
            path = f"{self.folder}/{self.name}-{len(self.paths)}"
            with open(path, "wb") as fh:
                fh.write(b"\n".join(self.keys) + b"\n")
            self.paths.append(path)
            self.keys = []

    def merged(self, extra: Iterable[bytes] = (), unique: bool = False) -> Iterator[bytes]:
        """Every key, and the sorted ``extra`` ones (each ending in a line break), in order."""
        self.flush()
        return merged([*(run_file(path) for path in self.paths), extra], unique)


#: Bytes of a sorted file read at once by :func:`chunks`.
BLOCK = 1 << 20


def texts(path: Path | str) -> Iterator[bytes]:
    """A file's text in blocks of whole lines, about :data:`BLOCK` bytes each (the last line's break may be
    missing)."""
    with open(path, "rb") as fh:
        rest = b""
        while block := fh.read(BLOCK):
            block = rest + block
            end = block.rfind(b"\n") + 1
            if end:
                yield block[:end]
            rest = block[end:]
        if rest:
            yield rest


def chunks(path: Path | str) -> Iterator[list[bytes]]:
    """A file's lines (without line breaks), a block of about :data:`BLOCK` bytes at a time."""
    for text in texts(path):
        yield text.removesuffix(b"\n").split(b"\n")


_SUBJECT = re.compile(rb"^[^ \n]+", re.MULTILINE)


def subjects(path: Path | str) -> list[bytes]:
    """The subjects of a file of sorted N-Triples lines, each once, in order."""
    found: dict[bytes, None] = {}
    for text in texts(path):
        found.update(dict.fromkeys(_SUBJECT.findall(text)))
    return list(found)


def patched(old: Iterable[list[bytes]], removed: set[bytes], added: Iterable[bytes],
            key: Callable[[bytes], bytes] | None) -> Iterator[list[bytes]]:
    """Sorted lines (in blocks, as :func:`chunks` gives them) without ``removed``, with ``added`` where a sort by
    ``key`` (None: the lines themselves) puts them, in blocks. Keys are computed only for the added lines and one
    line a block, and where an added line goes in its block: a rebuild's cost grows with what changed, and with
    the size of the data only as fast as the lines can be copied."""
    order = (lambda line: line) if key is None else key
    pending = sorted((order(line), line) for line in added)
    i = 0
    for block in old:
        if removed:
            block = [line for line in block if line not in removed]
        if i < len(pending) and block and pending[i][0] <= order(block[-1]):
            out, lo = [], 0
            while i < len(pending) and pending[i][0] <= order(block[-1]):
                at = bisect.bisect_right(block, pending[i][0], lo=lo, key=order)
                out += block[lo:at]
                out.append(pending[i][1])
                lo, i = at, i + 1
            block = out + block[lo:]
        yield block
    if i < len(pending):
        yield [line for _, line in pending[i:]]


class SortedFile:
    """A file of sorted lines, looked up without reading it: the lines of one group (the statements about a subject,
    a named graph's statements) found by bisection over its bytes. ``group``: a line's group, in an order the
    file's order agrees with."""

    def __init__(self, path: Path | str, group: Callable[[bytes], bytes]):
        self.group = group
        self._fh = open(path, "rb")  # noqa: SIM115 - closed by close()
        size = self._fh.seek(0, 2)
        self._map = mmap.mmap(self._fh.fileno(), 0, access=mmap.ACCESS_READ) if size else b""

    def close(self) -> None:
        if isinstance(self._map, mmap.mmap):
            self._map.close()
        self._fh.close()

    def _first(self, target: bytes) -> int:
        """The offset of the first line whose group is not below ``target`` (the file's size if none)."""
        data, group = self._map, self.group
        lo, hi = 0, len(data)
        while lo < hi:
            mid = (lo + hi) // 2
            start = max(data.rfind(b"\n", lo, mid) + 1, lo)
            end = data.find(b"\n", start)
            if end < 0:
                end = len(data)
            if group(data[start:end]) < target:
                lo = end + 1
            else:
                hi = start
        return lo

    def lines(self, target: bytes) -> list[bytes]:
        """The lines of group ``target``, in order (without line breaks)."""
        data, at, out = self._map, self._first(target), []
        while at < len(data):
            end = data.find(b"\n", at)
            if end < 0:
                end = len(data)
            line = data[at:end]
            if self.group(line) != target:
                break
            out.append(line)
            at = end + 1
        return out

    def has(self, target: bytes) -> bool:
        at = self._first(target)
        if at >= len(self._map):
            return False
        end = self._map.find(b"\n", at)
        return self.group(self._map[at:end if end >= 0 else len(self._map)]) == target


def subject(line: bytes) -> bytes:
    """The subject of an N-Triples line: the group of the statements about one node."""
    return line[:line.find(b" ")]


def line_graph(line: bytes) -> bytes:
    """:func:`graph_key` of an N-Quads line's graph: the group of a named graph's statements."""
    return graph_key(line[line.rfind(b" <") + 2:-3])
