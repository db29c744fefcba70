"""kg: build, validate and query a knowledge graph of police inspections from news articles.

The library's entry points; ``kg.cli`` is a thin command-line layer over them.
Imports are lazy so that ``import kg`` stays fast for every command.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

__version__ = "0.1.0"

_EXPORTS = {
    "build": "kg.builder",
    "validate": "kg.builder",
    "Dataset": "kg.dataset",
    "open_dataset": "kg.dataset",
    "verify_evidence": "kg.evidence",
    "query": "kg.queries",
    "Project": "kg.project",
    "KgError": "kg.errors",
    "InputError": "kg.errors",
    "NotConformant": "kg.errors",
}

__all__ = sorted(_EXPORTS)

if TYPE_CHECKING:  # pragma: no cover
    from .builder import build, validate  # noqa: F401
    from .dataset import Dataset, open_dataset  # noqa: F401
    from .errors import InputError, KgError, NotConformant  # noqa: F401
    from .evidence import verify_evidence  # noqa: F401
    from .project import Project  # noqa: F401
    from .queries import query  # noqa: F401


def __getattr__(name: str):
    if name in _EXPORTS:
        import importlib

        return getattr(importlib.import_module(_EXPORTS[name]), name)
    raise AttributeError(f"module 'kg' has no attribute {name!r}")
