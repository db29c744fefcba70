"""Reading the files kg is given: regular files (or ``-`` for standard input), whole, up to a size limit.

A FIFO named like a data file blocks a reader forever, a link to ``/dev/zero``
or ``/dev/urandom`` fills memory, and a file can be swapped for one between a
check and the read. So a file is opened without blocking, checked on the open
descriptor to be a regular file, and read with a bound: every input of every
command comes through here.
"""

from __future__ import annotations

import os
import stat
import sys
from pathlib import Path

from .errors import InputError

STDIN = "-"
#: Bounds on what one input may hold: a query text, a YAML data file, an RDF file or an article text.
MAX_QUERY = 1 << 20
MAX_DATA = 64 << 20
MAX_RDF = 2 << 30
MAX_TEXT = 16 << 20
#: One news article for kg extract: a long one is 50 KB; its rules grow faster than the text, so a whole report or a
#: folder's worth pasted in one file is refused rather than read for minutes.
MAX_ARTICLE = 512 << 10


def _size(n: int) -> str:
    return f"{n / (1 << 20):.3g} MiB" if n >= 1 << 20 else f"{n / (1 << 10):.3g} KiB"


def read_bytes(path: str | Path, shown: str | None = None, *, limit: int = MAX_RDF,
               too_big: str = "split it into smaller files") -> bytes:
    """The bytes of a regular file, or of standard input for ``-``; InputError for anything else or too much."""
    shown = shown or str(path)
    if str(path) == STDIN:
        data = sys.stdin.buffer.read(limit + 1)
    else:
        try:
            fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
        except FileNotFoundError:
            raise InputError("file not found", where=shown, hint="check the path") from None
        except OSError as e:
            raise InputError(f"cannot read file: {e.strerror}", where=shown, hint="check the path and permissions") from None
        try:
            info = os.fstat(fd)
            if stat.S_ISDIR(info.st_mode):
                raise InputError("is a folder, not a file", where=shown, hint="give a file")
            if not stat.S_ISREG(info.st_mode):
                raise InputError("not a regular file", where=shown,
                                 hint="kg reads plain files, or - for standard input")
            if info.st_size > limit:
                raise InputError(f"the file holds {_size(info.st_size)}, more than kg reads ({_size(limit)})",
                                 where=shown, hint=too_big)
            chunks, total = [], 0
            while total <= limit:
                chunk = os.read(fd, min(1 << 20, limit + 1 - total))
                if not chunk:
                    break
                chunks.append(chunk)
                total += len(chunk)
            data = b"".join(chunks)
        except OSError as e:
            raise InputError(f"cannot read file: {e.strerror}", where=shown, hint="check the path and permissions") from None
        finally:
            os.close(fd)
    if len(data) > limit:
        raise InputError(f"more than {_size(limit)}, more than kg reads", where=shown, hint=too_big)
    return data


def read_text(path: str | Path, shown: str | None = None, *, limit: int = MAX_RDF,
              too_big: str = "split it into smaller files") -> str:
    """Read a file as UTF-8 (a byte-order mark dropped), with a message naming the line of the first bad byte."""
    shown = shown or str(path)
    raw = read_bytes(path, shown, limit=limit, too_big=too_big)
    try:
        return raw.decode("utf-8").removeprefix("\ufeff")  # a byte-order mark, as Windows editors write it
    except UnicodeDecodeError as e:
        line = raw[: e.start].count(b"\n") + 1
        raise InputError(f"not UTF-8 text (byte 0x{raw[e.start]:02x})", where=f"{shown}:{line}",
                         hint="save the file as UTF-8") from None


def is_readable_input(path: str | Path) -> bool:
    """Whether ``path`` names something to read: ``-`` or an existing path (read_bytes says what is wrong with it)."""
    return str(path) == STDIN or os.path.lexists(path)
