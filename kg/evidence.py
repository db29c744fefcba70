"""Checking evidence quotes against the source texts, without storing the texts."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from .project import Project
from .records import Record
from .textnorm import SourceText


def locate(texts: Mapping[str, SourceText], source: str, quote: str) -> tuple[int, int] | None:
    """Where a quote stands in its source's text: the one check ``kg build --texts`` and ``kg verify-evidence``
    share. None if the source has no text (no textFile) or its text does not hold the quote."""
    text = texts.get(source)
    return text.find(quote) if text is not None else None


@dataclass(frozen=True)
class Missing:
    where: str
    source: str
    quote: str

    def line(self) -> str:
        return f"{self.where}: quote not found in source '{self.source}': \"{self.quote}\""


@dataclass(frozen=True)
class EvidenceReport:
    checked: int
    missing: list[Missing]


def verify_evidence(texts_dir: Path, project: Project | None = None,
                    references_dir: Path | None = None) -> EvidenceReport:
    """Every evidence quote that does not occur in its source's text, with its file and line.

    Article texts are read from ``texts_dir``, reference extracts from ``references_dir``
    (default: the folder ``reference`` beside ``texts_dir``). Quotes from sources without a
    text file are reported too: an unverifiable quote is not evidence.
    """
    from .builder import load_records, source_texts

    project = project or Project.at()
    records = load_records(project)
    return check_quotes(records, source_texts(records, texts_dir, references_dir))


def check_quotes(records: list[Record], texts: Mapping[str, SourceText]) -> EvidenceReport:
    """Every evidence quote of these records that is not in its source's text (kg add checks a draft with it)."""
    missing = []
    checked = 0
    for rec in records:
        for ev in rec.evidence:
            checked += 1
            if locate(texts, ev.source, ev.quote) is None:
                missing.append(Missing(str(ev.where), ev.source, ev.quote))
    return EvidenceReport(checked, missing)
