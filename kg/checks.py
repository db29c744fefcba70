"""Rules over the records themselves, checked as they are read, before anything is mapped.

Both compare every fact's evidence with other records' words. SHACL can say the same
in SPARQL, but only by joining every fact with every quotation and folding quote marks
in regular expressions, which took a minute on two articles in pyshacl's engine; here
each quote is folded once (as evidence matching folds it) and the answer carries the
data file and line.

- One fact, one record: two records of one type that rest on exactly the same
  evidence are one fact written twice, and a report counts it twice.
- Words belong to their speaker: a finding, figure or plan every quote of which lies
  in one speaker's quotations rests on that speaker's word, so it names them
  (``claimant``), unless they made or own it.
"""

from __future__ import annotations

from .records import Record
from .schema import Schema
from .textnorm import normalise
from .validation import Violation
from .vocab import KG

ONE_FACT = "kg:OneFactOneRecord"
SPEAKER = "kg:SpeakerIsClaimant"
_ATTRIBUTED = (KG.Finding, KG.Statistic, KG.Plan)
_OWNERS = ("madeBy", "owner", "claimant")


def _classes(rec: Record, schema: Schema) -> set:
    found: set = set()
    for v in rec.types:
        found |= schema.superclasses(schema.is_class(v.text or ""))
    return found


def _folded(text: str) -> str:
    return normalise(text).casefold()


def repeated_facts(records: list[Record], schema: Schema, folded=_folded) -> list[Violation]:
    """A violation for each fact record whose type and evidence set are those of an earlier record.

    Reference terms are not facts: the grades of a scale are listed together, so they share their evidence.
    """
    first: dict[tuple[frozenset[str], frozenset[tuple[str, str]]], Record] = {}
    out = []
    for rec in records:
        if not rec.evidence or KG.Fact not in _classes(rec, schema):
            continue
        types = frozenset((v.text or "").removeprefix("kg:") for v in rec.types)
        key = (types, frozenset((ev.source, folded(ev.quote)) for ev in rec.evidence))
        earlier = first.setdefault(key, rec)
        if earlier is rec:
            continue
        out.append(Violation(
            str(rec.where), rec.id, "kg:evidence",
            f"has exactly the evidence of '{earlier.id}' ({earlier.where}), another {', '.join(sorted(types))}: "
            "one fact is one record, so merge the two, or give each the quote that states it alone.",
            ONE_FACT, rec.id))
    return out


def unattributed_words(records: list[Record], schema: Schema, folded=_folded) -> list[Violation]:
    """A violation for each finding, statistic or plan whose every quote lies in the quotations of
    one speaker who is not its madeBy, owner or claimant.

    A quote can lie only in quotations from its own source, so each fact is compared with the speakers quoted in
    every source it quotes, not with every speaker of the graph (which grew with the square of the data)."""
    said: dict[str, dict[str, list[str]]] = {}  # source -> speaker -> their quotations' words from that source
    for rec in records:
        if KG.Quotation in _classes(rec, schema):
            words = [folded(v.text or "") for v in rec.fields.get("quoteText", [])]
            for speaker in rec.fields.get("speaker", []):
                for ev in rec.evidence:
                    said.setdefault(ev.source, {}).setdefault(speaker.text or "", []).extend(words)
    out = []
    for rec in records:
        if not rec.evidence or not _classes(rec, schema) & set(_ATTRIBUTED):
            continue
        named = {v.text for key in _OWNERS for v in rec.fields.get(key, [])}
        quotes = [(ev.source, folded(ev.quote)) for ev in rec.evidence]
        speakers = set.intersection(*(set(said.get(src, ())) for src, _q in quotes))
        for speaker in sorted(speakers - named):
            if all(any(q in words for words in said[src][speaker]) for src, q in quotes):
                out.append(Violation(
                    str(rec.where), rec.id, "kg:claimant",
                    f"every evidence quote lies in the quotations of '{speaker}', who neither made nor owns it: "
                    f"the fact rests on their words, so add 'claimant: {speaker}'.", SPEAKER, rec.id))
    return out


def record_rules(records: list[Record], schema: Schema) -> list[Violation]:
    """Every violation of the record rules above, in file order (each quote folded once)."""
    memo: dict[str, str] = {}

    def folded(text: str) -> str:
        found = memo.get(text)
        if found is None:
            found = memo[text] = _folded(text)
        return found

    return sorted(repeated_facts(records, schema, folded) + unattributed_words(records, schema, folded))
