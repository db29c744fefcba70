"""The build's cache: each data file mapped on its own, kept under the hash of everything its mapping reads.

A data file's quads depend on its own bytes, on the ontology (which says how each
key is read), on kg's mapping code, on whether quotes are located in the texts,
and, through its references and quotes, on other files: the ids it refers to must
exist and the texts its quotes come from must be the same. The first four make
the key (:func:`file_key`); the rest is recorded in the entry (``needs``,
``sources``) and checked on every build, so a cached file is mapped again when
anything it relied on changed, and then reports its own error with file and line.

Entries are pickles under ``build/.cache/``, written atomically; a build keeps the
entries of its own files and of the build before it (the one a rebuild compares
with) and removes the rest.
"""

from __future__ import annotations

import hashlib
import os
import pickle
from dataclasses import dataclass, replace
from pathlib import Path

from .records import Record

#: The modules whose code decides what a data file maps to: a change to any of them changes every key.
_CODE = ("mapping.py", "records.py", "values.py", "evidence.py", "textnorm.py", "schema.py", "vocab.py",
         "graphs.py", "buildcache.py", "dataset/terms.py")
_FORMAT = b"kg-mapping-cache-4"


def _modules_hash(label: bytes, modules: tuple[str, ...]):
    """A running hash of ``label`` and the source of kg's ``modules`` (paths inside the kg package)."""
    h = hashlib.sha256(label)
    here = Path(__file__).parent
    for name in modules:
        h.update(name.encode())
        h.update((here / name).read_bytes())
    return h


def code_version() -> str:
    """A hash of the mapping code (the modules above), so that a new kg never reuses an old kg's mapping."""
    return _modules_hash(_FORMAT, _CODE).hexdigest()


#: The modules whose code decides what a build checks (the record rules, SHACL reports, cycles, which parts a
#: rebuild validates): a change to any of them, to the shapes or to the SHACL engine checks everything again.
_CHECKS = ("checks.py", "validation.py", "cycles.py", "builder.py")
_CHECKS_FORMAT = b"kg-checks-1"


def checks_version(shapes: Path) -> str:
    """A hash of the shapes, the checking code (the modules above) and the SHACL engine's version: a rebuild
    reuses the verdicts of a previous build on unchanged files only when all three are the same."""
    from importlib.metadata import PackageNotFoundError, version

    h = _modules_hash(_CHECKS_FORMAT, _CHECKS)
    try:
        h.update(version("pyshacl-turbo").encode())
    except PackageNotFoundError:
        h.update(b"no pyshacl-turbo")
    h.update(shapes.read_bytes())
    return h.hexdigest()


def dependencies_key(ontology_files: list[Path], located: bool) -> str:
    """The hash of what every file's mapping reads besides the file: the code, the ontology, the quote mode."""
    h = hashlib.sha256(code_version().encode())
    h.update(b"located" if located else b"unlocated")
    for path in ontology_files:
        h.update(path.name.encode() + b"\0")
        h.update(hashlib.sha256(path.read_bytes()).digest())
    return h.hexdigest()


def file_key(dependencies: str, shown: str, data: bytes) -> str:
    """The key of one data file's entry: its name as messages show it (lines name it), its bytes, the rest."""
    return hashlib.sha256(f"{dependencies}\0{shown}\0".encode() + data).hexdigest()


def text_hash(text: str | None) -> str | None:
    return None if text is None else hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class RecordRef:
    """What the other files' mapping needs of a record: its id and where it was read (for messages)."""

    id: str
    where: str


@dataclass
class Mapped:
    """One data file, read and mapped.

    Its cache file holds three pickles: this entry without its body (ids, references, sources: what every
    build reads of every file), then its records, then its mapped lines; each read only when the build needs it
    (and not kept: a build from nothing reads each file's lines once or twice, never all of them at once).
    """

    key: str
    shown: str
    body: Body | None  # None: in its file (then ``path`` says where it is)
    minted: dict[str, tuple[str, str]]  # IRI kg gave a nested node or evidence item -> (what, where)
    needs: tuple[str, ...]  # IRIs its references resolved to, sorted (a pickle of a set would vary with the hash seed)
    sources: dict[str, str | None]  # source id its quotes were located in -> hash of that text (None: no text)
    cites: tuple[str, ...]  # the sources its records' evidence cites, sorted (the record rules compare those)
    ids: tuple[RecordRef, ...]  # its records, in file order
    text_files: tuple  # (record id, is a reference source, ((textFile, where), ...)) of records naming a textFile
    path: Path | None = None
    offset: int = 0

    def _read(self, lines: bool):
        with open(self.path, "rb") as fh:
            fh.seek(self.offset)
            size = int.from_bytes(fh.read(8), "big")
            if not lines:
                return pickle.loads(fh.read(size))
            fh.seek(size, os.SEEK_CUR)
            return pickle.load(fh)

    @property
    def records(self) -> list[Record]:
        return self.body.records if self.body is not None else self._read(False)

    @property
    def quads(self) -> list[str]:
        """N-Quads lines of its published statements, in mapping order."""
        return self.body.quads if self.body is not None else self._read(True)[0]

    @property
    def metadata(self) -> list[str]:
        """N-Quads lines of its build metadata (kg:dataLocation)."""
        return self.body.metadata if self.body is not None else self._read(True)[1]

    def lines(self) -> tuple[list[str], list[str]]:
        """Its published and its metadata lines, read once."""
        return (self.body.quads, self.body.metadata) if self.body is not None else self._read(True)


@dataclass
class Body:
    records: list[Record]
    quads: list[str]
    metadata: list[str]


def _write(entry: Mapped, path: Path) -> None:
    """An entry's file, written atomically (a temporary file beside it, renamed)."""
    head = pickle.dumps(replace(entry, body=None, path=None, offset=0), protocol=pickle.HIGHEST_PROTOCOL)
    records = pickle.dumps(entry.records, protocol=pickle.HIGHEST_PROTOCOL)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    with open(tmp, "wb") as fh:
        fh.write(len(head).to_bytes(8, "big"))
        fh.write(head)
        fh.write(len(records).to_bytes(8, "big"))
        fh.write(records)
        pickle.dump(entry.lines(), fh, protocol=pickle.HIGHEST_PROTOCOL)
    os.replace(tmp, path)


class MappingCache:
    """Entries by key in one folder."""

    def __init__(self, folder: Path):
        self.folder = Path(folder)

    def _path(self, key: str) -> Path:
        return self.folder / f"{key}.pickle"

    def get(self, key: str, folder: Path | None = None) -> Mapped | None:
        """The entry (its body read later, when asked for), or None if there is none or it cannot be read (an
        entry is only ever a speed-up). ``folder``: where it was staged (:meth:`stage`) instead of the cache."""
        path = folder / f"{key}.pickle" if folder is not None else self._path(key)
        try:
            with open(path, "rb") as fh:
                size = int.from_bytes(fh.read(8), "big")
                entry = pickle.loads(fh.read(size))
        except (OSError, pickle.PickleError, EOFError, AttributeError, ImportError, TypeError, ValueError):
            return None
        if not isinstance(entry, Mapped) or entry.key != key:
            return None
        entry.path, entry.offset = path, 8 + size
        return entry

    def stage(self, entry: Mapped, folder: Path) -> Mapped:
        """The entry written to ``folder`` (a build's own, outside the cache until it succeeds) and read back
        without its body, so that a build holds no file's lines it is not using; the entry as it was if it cannot
        be written there."""
        try:
            _write(entry, folder / f"{entry.key}.pickle")
        except (OSError, pickle.PickleError, ValueError):
            return entry
        return self.get(entry.key, folder) or entry

    def put(self, entry: Mapped) -> None:
        """Keep an entry (one staged is moved in); a cache that cannot be written only makes the next build
        slower."""
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            if entry.body is None and entry.path is not None and entry.path.parent != self.folder:
                os.replace(entry.path, self._path(entry.key))
            elif entry.body is not None:
                _write(entry, self._path(entry.key))
        except (OSError, pickle.PickleError, EOFError, ValueError):
            pass

    def keep(self, keys: set[str]) -> None:
        """Remove every entry but ``keys`` (and what another build is writing now)."""
        if not self.folder.is_dir():
            return
        for path in self.folder.glob("*.pickle"):
            if path.stem not in keys:
                path.unlink(missing_ok=True)
