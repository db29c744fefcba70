"""Which format a report is written in, and writing it."""

from __future__ import annotations

from pathlib import Path

from ..errors import InputError
from ..project import Project
from . import Report

FORMATS = ("text", "md", "html")
SUFFIXES = {".md": "md", ".markdown": "md", ".html": "html", ".htm": "html", ".txt": "text"}


def format_for(path: Path | None, fmt: str | None) -> str:
    """The format asked for, else the one the output file's suffix names, else text."""
    if fmt:
        return fmt
    if path is None:
        return "text"
    found = SUFFIXES.get(path.suffix.lower())
    if found is None:
        raise InputError(f"cannot tell the report format from the suffix '{path.suffix}'", where=str(path),
                         hint="use .md, .html or .txt, or pass --format text, md or html")
    return found


def write_report(report: Report, project: Project, fmt: str, *, width: int = 100, max_width: int = 60) -> str:
    """The report in one of FORMATS."""
    if fmt == "html":
        from .page import page

        return page(report, project)
    from .text import render

    return render(report, markdown=fmt == "md", width=width, max_width=max_width)
