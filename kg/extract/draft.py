"""A draft: proposals in the project's data format (data/README.md), written as YAML a person reviews.

The YAML is written here, not by a YAML library, so that every proposal and every
evidence quote carries a comment (what it rests on, its character offsets), and
so that the same proposals give the same bytes.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field

from .article import Span


@dataclass
class Proposal:
    id: str
    type: str
    label: str
    kind: str  # what --eval counts it as: person-post, grade, figure, quotation, date, finding, or '' (other)
    fields: list[tuple[str, object]] = field(default_factory=list)  # value: str, list of str, or dict of str
    evidence: list[Span] = field(default_factory=list)
    why: list[str] = field(default_factory=list)
    notes: dict[str, str] = field(default_factory=dict)  # a comment after a key's line
    focus: Span | None = None  # the words that state this fact alone, when its sentence states others too
    narrow: Span | None = None  # fewer words still, when two facts share their focus too ('10 seconds', 'from 31% to 18%')

    def set(self, key: str, value: object, note: str = "") -> None:
        if value in (None, "", [], {}):
            return
        self.fields = [(k, v) for k, v in self.fields if k != key] + [(key, value)]
        if note:
            self.notes[key] = note

    def get(self, key: str):
        return next((v for k, v in self.fields if k == key), None)

    def add_evidence(self, span: Span) -> None:
        if span.text and all((e.start, e.end) != (span.start, span.end) for e in self.evidence):
            self.evidence.append(span)


def _scalar(value: str) -> str:
    if re.fullmatch(r"[a-z0-9][a-z0-9-]*|\d{4}(-\d{2}){0,2}|-?\d+(\.\d+)?|true|false|[a-z]+:[A-Za-z][\w-]*", value):
        return value
    return json.dumps(value, ensure_ascii=False)


def _comment(text: str) -> str:
    return " ".join(text.split())


def _value(value: object) -> str:
    if isinstance(value, list):
        return "[" + ", ".join(_scalar(str(v)) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}: {_scalar(str(v))}" for k, v in value.items()) + "}"
    return _scalar(str(value))


def render(source_id: str, header: list[str], sections: list[tuple[str, list[Proposal]]]) -> str:
    """The draft file's text."""
    lines = [f"# {_comment(h)}" if h else "#" for h in header]
    lines += ["", f"source: {source_id}", "", "records:"]
    for title, proposals in sections:
        if not proposals:
            continue
        lines += ["", "  # " + "-" * 72, f"  # {title}"]
        for p in proposals:
            lines.append("")
            lines += [f"  # {_comment(w)}" for w in p.why]
            lines.append(f"  - id: {p.id}")
            lines.append(f"    type: {p.type}")
            lines.append(f"    label: {_scalar(p.label)}")
            for key, value in p.fields:
                note = f"  # {_comment(p.notes[key])}" if key in p.notes else ""
                lines.append(f"    {key}: {_value(value)}{note}")
            if p.evidence:
                lines.append("    evidence:")
                for e in p.evidence:
                    lines.append(f"      - {json.dumps(e.text, ensure_ascii=False)}  # chars {e.start}-{e.end}")
    return "\n".join(lines) + "\n"
