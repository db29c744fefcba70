"""Writing a command's output: only to what it owns, whole or not at all.

What ``-o PATH`` means depends on what PATH is:

- ``-``: standard output;
- a regular file, or a path that does not exist yet: written to a hidden
  temporary file beside it and renamed into place, so a failed or killed run
  leaves the previous file whole (the next run removes what a killed run left);
- a symbolic link: followed, and its target written as above (the link stays);
- a FIFO, a character device or a socket (``/dev/null``, a pipe a reader
  holds open): written as a stream, never renamed over or replaced;
- a folder, or an empty path: an error.

``protected`` names what the command reads (its input files, the project's
ontology/, data/ and queries/ folders, the texts folder): an output that is,
or resolves to, one of them, or a file inside one of those folders, is refused
before anything is written, whatever spelling or link leads there.
"""

from __future__ import annotations

import os
import stat
import sys
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

from .errors import InputError

STDIO = "-"


def _remove_stale_temps(path: Path) -> None:
    """Remove temporary files that a killed run left beside ``path`` (their writer is gone)."""
    import glob

    for tmp in path.parent.glob(f".{glob.escape(path.name)}.*.tmp"):
        pid = tmp.name[len(path.name) + 2:].split(".", 1)[0]
        if not pid.isdigit():
            continue
        try:
            os.kill(int(pid), 0)
        except ProcessLookupError:
            try:
                tmp.unlink()
            except OSError:
                pass
        except OSError:
            pass


def _sync_folder(directory: Path) -> None:
    """Make the rename itself durable (best effort: not every system can open a folder)."""
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _cannot(e: OSError, where: str, hint: str = "check the free space and permissions, or choose another path with -o"):
    return InputError(f"cannot write output: {e.strerror or e}", where=where, hint=hint)


def target_of(path: str | Path) -> Path:
    """Where writing to ``path`` lands: the path itself, or the end of its chain of symbolic links."""
    text = str(path)
    if text == "":
        raise InputError("the output path is empty", where="-o", hint="give a file name, or - for standard output")
    return Path(os.path.realpath(text)) if os.path.islink(text) else Path(text)


def check_not_input(path: str | Path, inputs: Iterable[str | Path | None] = (),
                    folders: Iterable[str | Path | None] = ()) -> None:
    """Refuse an output that would replace one of ``inputs`` or a file inside one of ``folders``.

    Compared after following links, and by device and inode where the input
    exists, so a second name for an input (a link, a hard link, ``./data/../data``)
    is refused as well.
    """
    if str(path) == STDIO:
        return
    target = Path(os.path.realpath(target_of(path)))
    try:
        st = os.stat(target)
        ident = (st.st_dev, st.st_ino) if stat.S_ISREG(st.st_mode) else None
        linked = ident is not None and st.st_nlink > 1
    except OSError:
        ident, linked = None, False
    for given in inputs:
        if given is None or str(given) in ("", STDIO):
            continue
        if Path(os.path.realpath(given)) == target or (ident is not None and _ident(given) == ident):
            raise InputError("refusing to overwrite an input with output", where=str(path),
                             hint="choose another path with -o")
    for folder in folders:
        if folder is None or str(folder) == "":
            continue
        if target.is_relative_to(Path(os.path.realpath(folder))):
            raise InputError(f"refusing to overwrite an input with output ({folder} holds what kg reads)", where=str(path),
                             hint="choose another path with -o")
        if linked and any(_ident(p) == ident for p in Path(folder).rglob("*")):  # a hard link to an input
            raise InputError("refusing to overwrite an input with output (the output is a hard link to it)",
                             where=str(path), hint="choose another path with -o")


def _ident(path: str | Path) -> tuple[int, int] | None:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return st.st_dev, st.st_ino


@contextmanager
def atomic_output(path: str | Path, mode: str = "w") -> Iterator:
    """A file object for the output at ``path`` (see the module docstring for what each kind of path means).

    For a regular file the new content replaces the old only if the block
    succeeds; the temporary file is hidden (``.graph.ttl.<pid>.<random>.tmp``)
    and private until it is complete.
    """
    if str(path) == STDIO:
        yield from _stream_to_stdout(mode)
        return
    shown = str(path)
    target = target_of(path)
    try:
        st = os.stat(target)
    except FileNotFoundError:
        st = None
    except OSError as e:
        raise _cannot(e, shown, "choose a writable path with -o") from None
    if st is not None and stat.S_ISDIR(st.st_mode):
        raise InputError("cannot write output: it is a directory", where=shown, hint="give a file name with -o")
    if st is not None and not stat.S_ISREG(st.st_mode):
        yield from _stream_to(target, mode, shown)
        return
    yield from _replace(target, mode, shown)


def _stream_to_stdout(mode: str) -> Iterator:
    stream = sys.stdout.buffer if "b" in mode else sys.stdout
    try:
        yield stream
        stream.flush()
    except BrokenPipeError:
        raise
    except OSError as e:
        raise _cannot(e, "standard output", "check where standard output goes") from None


def _stream_to(target: Path, mode: str, shown: str) -> Iterator:
    """A FIFO or device: opened and written in place, never replaced."""
    kwargs = {"encoding": "utf-8", "newline": "\n"} if "b" not in mode else {}
    try:
        fh = open(target, "wb" if "b" in mode else "w", **kwargs)  # noqa: SIM115 - closed below
    except OSError as e:
        raise _cannot(e, shown) from None
    try:
        with fh:
            yield fh
    except OSError as e:
        raise _cannot(e, shown) from None


def _replace(path: Path, mode: str, shown: str) -> Iterator:
    directory = path.parent if str(path.parent) else Path(".")
    try:
        directory.mkdir(parents=True, exist_ok=True)
        _remove_stale_temps(directory / path.name)
        import tempfile  # here, not at start-up: most commands write to standard output

        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.{os.getpid()}.", suffix=".tmp", dir=directory)
    except OSError as e:
        raise _cannot(e, shown, "choose a writable path with -o") from None
    try:
        kwargs = {"encoding": "utf-8", "newline": "\n"} if "b" not in mode else {}
        with os.fdopen(fd, mode, **kwargs) as fh:
            yield fh
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
        _sync_folder(directory)
    except BaseException as e:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        if isinstance(e, OSError):
            raise _cannot(e, shown) from None
        raise


def write_text(path: str | Path, text: str) -> None:
    """Write text to an output (see atomic_output)."""
    with atomic_output(path) as fh:
        fh.write(text)
