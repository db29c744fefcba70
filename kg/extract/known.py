"""What the graph already holds, for reuse by id: records of data/ and the reference vocabulary.

The extractor reads roles, grade scales and their periods from ``ontology/`` and
entities from ``data/``; it keeps no table of its own, so growing the ontology or
the data grows what it recognises.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Graph, URIRef

from ..builder import load_ontology, load_records
from ..errors import InputError
from ..params import match_entity
from ..prefixes import PREFIXES
from ..project import Project
from ..records import Record
from ..textnorm import normalise
from ..vocab import KG, OWL, RDF, RDFS, SKOS

KGR = PREFIXES["kgr"]


@dataclass(frozen=True)
class Role:
    id: str
    label: str
    names: tuple[str, ...]  # every name the role goes by, lower case, longest first
    post_in: str  # 'PoliceForce', 'Inspectorate', 'Place' (a jurisdiction) or ''
    single_holder: bool | None
    acronyms: tuple[str, ...] = ()  # names the data prints in capitals ('PCC', 'MP', 'MS'): matched only so printed


def _acronyms(names) -> tuple[str, ...]:
    """The names of a role printed in capitals, as printed: 'MS' names a Member of the Senedd, 'Ms' a woman."""
    return tuple(sorted({n for n in names if re.fullmatch(r"[A-Z]{2,5}", n)}))


@dataclass(frozen=True)
class Scale:
    id: str
    label: str
    first_year: int | None  # the scale applies from this year (inclusive) ...
    last_year: int | None  # ... to this one
    period: str
    grades: dict[str, str]  # grade name (lower case) -> grade id
    best_first: tuple[str, ...] = ()  # the grade names by rank, best first (from each grade's 'rank')

    def covers(self, year: int) -> bool:
        return (self.first_year is None or year >= self.first_year) and (self.last_year is None or year <= self.last_year)


@dataclass
class Known:
    """The project's records and reference terms, looked up by name or by fields."""

    records: dict[str, Record] = field(default_factory=dict)
    labels: list[tuple[str, str]] = field(default_factory=list)
    roles: list[Role] = field(default_factory=list)
    scales: list[Scale] = field(default_factory=list)
    files: dict[str, str] = field(default_factory=dict)
    terms: set[str] = field(default_factory=set)  # the kg: properties the ontology declares (local names)
    classes: set[str] = field(default_factory=set)  # the kg: classes the ontology declares (local names)

    def types(self, rid: str) -> set[str]:
        rec = self.records.get(rid)
        return {v.text or "" for v in rec.types} if rec else set()

    def field(self, rid: str, key: str) -> list[str]:
        rec = self.records.get(rid)
        return [v.text or "" for v in rec.fields.get(key, [])] if rec else []

    def find(self, name: str, *types: str) -> str | None:
        """The id of the one record of one of these types whose label, altLabel or fullName is ``name``."""
        labels = [(iri, label) for iri, label in self.labels
                  if not types or self.types(iri.removeprefix(KGR)) & set(types)]
        try:
            iri = match_entity(normalise(name), lambda _iri: False, labels, "known entities")
        except InputError:
            return None
        return iri.removeprefix(KGR)

    def of_type(self, *types: str) -> list[str]:
        return sorted(r for r in self.records if self.types(r) & set(types))

    def post(self, role: str, org: str | None, place: str | None) -> str | None:
        """The existing post of this role in this organisation (or for this place)."""
        for pid in self.of_type("Post"):
            if self.field(pid, "roleType") != [role]:
                continue
            if org and self.field(pid, "org:postIn") == [org]:
                return pid
            if not org and place and self.field(pid, "jurisdiction") == [place]:
                return pid
        return None

    def bodies_of(self, person: str) -> list[str]:
        """The names of the bodies and places a person's posts belong to in the graph (empty: no posts known)."""
        names = []
        for hid in self.of_type("PostHolding"):
            if person not in self.field(hid, "org:member"):
                continue
            for post in self.field(hid, "post"):
                for body in self.field(post, "org:postIn") + self.field(post, "jurisdiction"):
                    names += self.field(body, "label") + self.field(body, "skos:altLabel") + self.field(body, "fullName")
        return sorted(set(names))

    def role_for(self, title: str) -> Role | None:
        wanted = normalise(title).casefold()
        for role in self.roles:
            if wanted in role.names:
                return role
        return None


_YEAR = re.compile(r"(\d{4})(?:\s*/\s*(\d{2,4}))?")


def _years(period: str) -> tuple[int | None, int | None]:
    """'until 2018/19' -> (None, 2019); 'from 2021/22' -> (2021, None); '2014-2019' -> (2014, 2019)."""
    found = []
    for m in _YEAR.finditer(period):
        first = int(m.group(1))
        last = first
        if m.group(2):
            tail = m.group(2)
            last = int(tail) if len(tail) == 4 else first // 100 * 100 + int(tail)
        found.append((first, last))
    if not found:
        return None, None
    text = period.lower()
    if text.startswith(("until", "to ", "before", "up to")):
        return None, found[0][1]
    if text.startswith(("from", "since", "after")):
        return found[0][0], None
    return found[0][0], found[-1][1]


def _reference(ontology: Graph, records: list[Record]) -> tuple[list[Role], list[Scale]]:
    """Roles and grade scales: records of data/ (reference.yaml), and any the ontology graph declares."""
    def values(rec: Record, *keys: str) -> list[str]:
        return [v.text for k in keys for v in rec.fields.get(k, []) if v.text]

    roles: dict[str, Role] = {}
    scales: dict[str, Scale] = {}
    typed = [(r, {v.text for v in r.types}) for r in records]
    grades = [r for r, t in typed if "Grade" in t]
    for rec, types in typed:
        if "Role" in types:
            names = {normalise(n).casefold() for n in values(rec, "skos:prefLabel", "label", "skos:altLabel")}
            single = values(rec, "roleSingleHolder")
            roles[rec.id] = Role(rec.id, (values(rec, "skos:prefLabel", "label") or [rec.id])[0],
                                 tuple(sorted(names, key=lambda n: (-len(n), n))),
                                 (values(rec, "postInClass") or [""])[0].removeprefix("kg:"),
                                 None if not single else single[0] == "true",
                                 _acronyms(values(rec, "skos:prefLabel", "label", "skos:altLabel")))
        elif "GradeScale" in types:
            period = (values(rec, "period") or [""])[0]
            first, last = _years(period)
            of_scale = {(values(g, "skos:prefLabel", "label") or [""])[0].casefold(): g.id for g in grades
                        if values(g, "skos:inScheme") == [rec.id]}
            ranks = {(values(g, "skos:prefLabel", "label") or [""])[0].casefold(): int((values(g, "rank") or ["0"])[0])
                     for g in grades if values(g, "skos:inScheme") == [rec.id] and (values(g, "rank") or [""])[0].isdigit()}
            order = tuple(sorted(ranks, key=lambda n: ranks[n])) if len(ranks) == len(of_scale) else ()
            scales[rec.id] = Scale(rec.id, (values(rec, "label") or [rec.id])[0], first, last, period, of_scale, order)
    for role in sorted(ontology.subjects(RDF.type, KG.Role)):
        rid = str(role).removeprefix(KGR)
        if not isinstance(role, URIRef) or not str(role).startswith(KGR) or rid in roles:
            continue
        label = str(ontology.value(role, SKOS.prefLabel) or ontology.value(role, RDFS.label) or "")
        names = {normalise(str(n)).casefold() for p in (SKOS.prefLabel, RDFS.label, SKOS.altLabel)
                 for n in ontology.objects(role, p)}
        post_in = ontology.value(role, KG.postInClass)
        single = ontology.value(role, KG.roleSingleHolder)
        roles[rid] = Role(rid, label, tuple(sorted(names, key=lambda n: (-len(n), n))),
                          str(post_in).rsplit("#", 1)[-1] if post_in is not None else "",
                          None if single is None else bool(single.toPython()),
                          _acronyms(str(n) for p in (SKOS.prefLabel, RDFS.label, SKOS.altLabel)
                                    for n in ontology.objects(role, p)))
    for scale in sorted(ontology.subjects(RDF.type, KG.GradeScale)):
        sid = str(scale).removeprefix(KGR)
        if not isinstance(scale, URIRef) or sid in scales:
            continue
        period = str(ontology.value(scale, KG.period) or "")
        first, last = _years(period)
        of_scale = {str(ontology.value(g, SKOS.prefLabel)).casefold(): str(g).removeprefix(KGR)
                    for g in ontology.subjects(SKOS.inScheme, scale) if ontology.value(g, SKOS.prefLabel) is not None}
        scales[sid] = Scale(sid, str(ontology.value(scale, RDFS.label) or ""), first, last, period, of_scale)
    return [roles[k] for k in sorted(roles)], [scales[k] for k in sorted(scales)]


_CACHE: dict[tuple, Known] = {}


def load_known(project: Project, leave_out: Path | None = None) -> Known:
    """The project's entities and reference terms; ``leave_out`` names a data file to ignore (for --eval).

    Read once per state of the files: reading the YAML is most of an extraction's time, and --eval or a
    library caller drafts many articles against the same graph. Callers must not change what it returns.
    """
    files = sorted(project.ontology_dir.glob("*.ttl")) + (project.data_files() if project.data_dir.is_dir() else [])
    key = (str(project.root), str(leave_out), tuple((str(f), f.stat().st_mtime_ns, f.stat().st_size) for f in files))
    if key not in _CACHE:
        _CACHE.clear()
        _CACHE[key] = _load_known(project, leave_out)
    return _CACHE[key]


def _load_known(project: Project, leave_out: Path | None) -> Known:
    ontology = load_ontology(project)
    try:
        records = load_records(project)
    except InputError:
        if project.data_dir.is_dir() and not project.data_files():
            records = []  # a project with no data yet: nothing to reuse
        else:
            raise
    roles, scales = _reference(ontology, records)
    terms = {str(p).rsplit("#", 1)[-1] for kind in (OWL.ObjectProperty, OWL.DatatypeProperty)
             for p in ontology.subjects(RDF.type, kind) if str(p).startswith(str(KG))}
    classes = {str(c).rsplit("#", 1)[-1] for c in ontology.subjects(RDF.type, OWL.Class) if str(c).startswith(str(KG))}
    known = Known(roles=roles, scales=scales, terms=terms, classes=classes)
    skip = project.shown(leave_out) if leave_out is not None else None
    for rec in records:
        if skip is not None and rec.where.file == skip:
            continue
        known.records[rec.id] = rec
        known.files[rec.id] = rec.where.file
        for key in ("label", "skos:altLabel", "fullName"):
            for v in rec.fields.get(key, []):
                if v.text:
                    known.labels.append((KGR + rec.id, normalise(v.text)))
    return known
