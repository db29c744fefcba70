"""The dumps a build wrote, and when ``kg export`` may copy one instead of writing it again from the store.

A build writes Turtle and TriG dumps (``build/graph.ttl``, ``build/graph.trig``) and keeps its sorted
N-Triples and N-Quads (``union.nt``, ``dataset.nq``) in its store generation: the bytes ``kg export`` writes
in those four formats from that store. An export may copy one only when it can prove the store and the file
are exactly what the build wrote: the generation's ``dumps.json`` records each file's SHA-256 and the store's
identity (the name, size and modification time of every file of the Oxigraph store but its text log; RocksDB
never rewrites a file in place, so any write, even opening the store for writing, changes the list). A store
replaced by ``kg load`` has no record; an edited dump no longer has its digest; either is written from the
store, as any other store is. Hashing is the price of the proof: about 0.15 s of CPU for 200 MB.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from pathlib import Path
from typing import IO

DUMPS = "dumps.json"
#: The formats whose bytes the build keeps inside the store generation, and the file holding each.
IN_GENERATION = {"nt": "union.nt", "nq": "dataset.nq"}


def digest(data: bytes) -> str:
    """The SHA-256 of bytes, as ``dumps.json`` records it."""
    return hashlib.sha256(data).hexdigest()


def _file_digest(fh) -> str:
    return hashlib.file_digest(fh, "sha256").hexdigest()


def store_identity(generation: Path) -> str:
    """The identity of a generation's Oxigraph store as its files are now (their text log aside)."""
    from . import STORE_DIR

    folder = Path(generation) / STORE_DIR
    entries = []
    try:
        for name in sorted(os.listdir(folder)):
            if name == "LOG" or name.startswith("LOG.old"):
                continue
            st = os.stat(folder / name)
            entries.append(f"{name} {st.st_size} {st.st_mtime_ns}\n")
    except OSError:
        return ""
    return digest("".join(entries).encode("utf-8"))


def record(generation: Path, digests: dict[str, str], paths: dict[str, Path]) -> None:
    """Write ``dumps.json`` in a new generation: the digests of the dumps the build wrote at ``paths`` (by format),
    of the generation's own sorted files, and the store's identity (after its last write)."""
    wrote = dict(digests)
    for fmt, name in IN_GENERATION.items():
        with open(Path(generation) / name, "rb") as fh:
            wrote[fmt] = _file_digest(fh)
    wrote["paths"] = {fmt: os.path.relpath(Path(path).resolve(), Path(generation).resolve())  # the project may move
                      for fmt, path in paths.items() if fmt in digests}
    wrote["store"] = store_identity(generation)
    (Path(generation) / DUMPS).write_text(json.dumps(wrote, sort_keys=True) + "\n", encoding="utf-8")


def recorded(generation: Path) -> dict:
    """What a generation's ``dumps.json`` says ({} if it has none or it cannot be read)."""
    try:
        wrote = json.loads((Path(generation) / DUMPS).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return wrote if isinstance(wrote, dict) else {}


def copy_built(generation: Path | None, fmt: str, out: IO[bytes]) -> bool:
    """Copy to ``out`` the file the build wrote in ``fmt`` for this store generation, if the store is still as the
    build left it and the file still has the bytes it wrote; False (nothing written) otherwise."""
    if generation is None:
        return False
    wrote = recorded(generation)
    expected = wrote.get(fmt)
    if not isinstance(expected, str) or not wrote.get("store") or wrote["store"] != store_identity(generation):
        return False
    paths = wrote.get("paths") if isinstance(wrote.get("paths"), dict) else {}
    name = IN_GENERATION[fmt] if fmt in IN_GENERATION else paths.get(fmt)
    if not isinstance(name, str) or not name:
        return False
    path = Path(generation) / name
    try:
        fh = open(path, "rb")
    except OSError:
        return False
    with fh:  # one open file hashed, then copied: a dump replaced meanwhile is not mixed in
        if _file_digest(fh) != expected:
            return False
        fh.seek(0)
        shutil.copyfileobj(fh, out, 1 << 20)
    return True
