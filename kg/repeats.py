"""One fact, one record: records of one type that rest on exactly the same evidence.

Two praises, two statistics or two plans quoted from the same words are one fact
written twice, and a report counts it twice. SHACL could say this only by comparing
every pair of evidence sets in SPARQL; here the sets are compared as the records are
read, with their file and line, before anything is mapped.
"""

from __future__ import annotations

from .records import Record
from .schema import Schema
from .textnorm import normalise
from .validation import Violation
from .vocab import KG

SHAPE = "kg:OneFactOneRecord"


def _type_key(rec: Record) -> frozenset[str]:
    return frozenset((v.text or "").removeprefix("kg:") for v in rec.types)


def _is_fact(rec: Record, schema: Schema) -> bool:
    """Whether the record is a kg:Fact. Reference terms are not: the grades of a scale are
    listed together, so they share their evidence by nature."""
    return any(KG.Fact in schema.superclasses(schema.is_class(v.text or "")) for v in rec.types)


def _evidence_key(rec: Record) -> frozenset[tuple[str, str]]:
    return frozenset((ev.source, normalise(ev.quote).casefold()) for ev in rec.evidence)


def repeated_facts(records: list[Record], schema: Schema) -> list[Violation]:
    """A violation for each fact record whose type and evidence set are those of an earlier record."""
    first: dict[tuple[frozenset[str], frozenset[tuple[str, str]]], Record] = {}
    out = []
    for rec in records:
        if not rec.evidence or not _is_fact(rec, schema):
            continue
        key = (_type_key(rec), _evidence_key(rec))
        earlier = first.setdefault(key, rec)
        if earlier is rec:
            continue
        kinds = ", ".join(sorted(key[0])) or "record"
        out.append(Violation(
            str(rec.where), rec.id, "kg:evidence",
            f"has exactly the evidence of '{earlier.id}' ({earlier.where}), another {kinds}: one fact is one record, "
            "so merge the two, or give each the quote that states it alone.",
            SHAPE, rec.id))
    return out
