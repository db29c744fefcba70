"""Turning records into RDF, as the ontology says each key is to be read."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from rdflib import Graph, Literal, URIRef

from .errors import InputError
from .evidence import locate
from .graphs import METADATA_GRAPH, ONTOLOGY_GRAPH, article_graph
from .records import Record, Value
from .schema import FLEXIBLE_DATE, Property, Schema
from .textnorm import SourceText
from .values import NOT_IRI, is_http_url, read_boolean, read_date, read_decimal, read_integer
from .vocab import KG, KGR, OA, PROV, RDF, XSD, expand

METADATA, MODELLING = URIRef(METADATA_GRAPH), URIRef(ONTOLOGY_GRAPH)
Triple = tuple  # (subject, predicate, object), rdflib terms
Quad = tuple  # (subject, predicate, object, graph name)


def literal(text: str, datatype: URIRef | None) -> Literal | None:
    """The literal for a data-file value of the given range, or None if it does not fit (read by kg.values)."""
    if datatype is None or datatype == XSD.string:
        return Literal(text)
    if datatype == FLEXIBLE_DATE:
        kind = read_date(text)
        return Literal(text, datatype=XSD[kind]) if kind else None
    if datatype in (XSD.integer, XSD.nonNegativeInteger):
        number = read_integer(text)
        if number is None or (datatype == XSD.nonNegativeInteger and number < 0):
            return None
        return Literal(number, datatype=datatype)
    if datatype == XSD.decimal:
        lexical = read_decimal(text)
        return Literal(_canonical_decimal(lexical), datatype=XSD.decimal) if lexical is not None else None
    if datatype == XSD.boolean:
        flag = read_boolean(text)
        return Literal(flag, datatype=XSD.boolean) if flag is not None else None
    if datatype == XSD.anyURI:
        return Literal(text, datatype=XSD.anyURI) if is_http_url(text) else None
    return Literal(text, datatype=datatype)


def _canonical_decimal(text: str) -> str:
    """The canonical form of a decimal ('5.50' is 5.5, '79000.0' is 79000), as triple stores keep it.

    Oxigraph stores decimals by value, so writing the canonical form keeps the
    store, the dumps and every export the same statements.
    """
    from decimal import Decimal

    value = Decimal(text)
    if value == 0:
        return "0"
    return format(value.normalize(), "f")


_EXPECTED = {
    FLEXIBLE_DATE: "a date: YYYY-MM-DD, YYYY-MM or YYYY",
    XSD.integer: "a whole number",
    XSD.nonNegativeInteger: "a whole number, 0 or more",
    XSD.decimal: "a number such as 251 or 5.5 (no thousands separators)",
    XSD.boolean: "true or false",
    XSD.anyURI: "an http(s) URL",
}


_WRITE = {
    FLEXIBLE_DATE: "write 2024-05-01, 2024-05 or 2024; keep the source's own wording in dateText",
    XSD.integer: "write digits only, such as 7",
    XSD.nonNegativeInteger: "write digits only, such as 7",
    XSD.decimal: "write digits with an optional decimal point, such as 79000 or 5.5",
    XSD.boolean: "write true or false",
    XSD.anyURI: "write the full address, starting with http:// or https://",
}


class Mapper:
    """Maps records to quads; ``known`` is every IRI a reference may point at.

    A record's own statements (its types, fields and nested nodes) go into the named
    graph of every source article its evidence cites; each evidence item, with its
    ``prov:wasDerivedFrom`` and ``kg:evidence`` links, goes only into the graph of the
    article it quotes; where each node was read (``kg:dataLocation``) goes into the
    build-metadata graph, outside the published dataset. A record that cites no
    evidence is the project's own modelling and goes into the ontology graph. All of
    it is decided from the record, never from how an IRI is spelt.
    """

    def __init__(self, schema: Schema, known: set[URIRef], texts: Mapping[str, SourceText] | None = None,
                 records: Mapping[URIRef, Record] | None = None):
        self.schema = schema
        self.known = known
        self.texts = texts
        self.records = records or {}
        self.minted: dict[URIRef, str] = {}
        self.out: list[Quad] = []
        self.used: set[URIRef] = set()  # every IRI a reference resolved to (what a cached mapping relies on)

    def mint(self, iri: URIRef, where, what: str) -> URIRef:
        """A node kg names itself (nested value, evidence); refused if a record or another node has that IRI."""
        other = self.records.get(iri)
        if other is not None:
            raise InputError(f"id '{other.id}' is also the IRI kg gives to {what} at {where}", where=str(other.where),
                             hint="choose another id")
        if iri in self.minted:
            raise InputError(f"{what} gets the same IRI <{iri}> as {self.minted[iri]}", where=str(where),
                             hint="rename the record or the key")
        self.minted[iri] = f"{what} at {where}"
        return iri

    def reference(self, value: Value, key: str) -> URIRef:
        text = value.text or ""
        if NOT_IRI.search(text) or not text:
            raise InputError(f"'{key}' has '{text}', which is not the id of a record or reference term",
                             where=str(value.where), hint="ids are lower-case codes such as 'bedfordshire-police'")
        if ":" in text:
            full = expand(text)
            if full is None:
                raise InputError(f"'{key}' refers to '{text}' with an unknown prefix", where=str(value.where),
                                 hint="use a record id or a known prefix such as kgr:")
            iri = URIRef(full)
        else:
            iri = KGR[text]
        if iri not in self.known:
            raise InputError(f"'{key}' refers to '{text}', which no record or reference term defines",
                             where=str(value.where), hint="check the id, or add a record with that id")
        self.used.add(iri)
        return iri

    def types(self, values: list[Value]) -> list[URIRef]:
        out = []
        for v in values:
            iri = self.schema.is_class(v.text or "") if not NOT_IRI.search(v.text or " ") else None
            if iri is None:
                pool = sorted(str(c).split("#")[-1] for c in self.schema.classes if str(c).startswith(str(KG)))
                raise InputError(f"unknown type '{v.text}'", where=str(v.where),
                                 hint=self.schema.close_matches(v.text or "", pool) or "use a class of ontology/kg.ttl")
            out.append(iri)
        return out

    def fields(self, g: list, node: URIRef, fields: dict[str, list[Value]], base: str) -> None:
        for key, values in fields.items():
            prop = self.schema.property(key) if not NOT_IRI.search(key) else None
            if prop is None:
                hint = self.schema.close_matches(key, self.schema.known_property_names())
                raise InputError(f"unknown property '{key}'", where=str(values[0].where),
                                 hint=hint or "use a property of ontology/kg.ttl")
            for i, value in enumerate(values):
                g.append((node, prop.iri, self.value(g, prop, key, value, f"{base}-{key.split(':')[-1]}", i, len(values))))

    def value(self, g: list, prop: Property, key: str, value: Value, base: str, i: int, n: int):
        if value.nested is not None:
            if not prop.is_object:
                raise InputError(f"'{key}' takes a single value, not a mapping", where=str(value.where))
            child = self.mint(KGR[base if n == 1 else f"{base}-{i + 1}"], value.where, f"the value of '{key}'")
            nested = dict(value.nested)
            types = self.types(nested.pop("type")) if "type" in nested else ([prop.range] if prop.range else [])
            for t in types:
                g.append((child, RDF.type, t))
            self.fields(g, child, nested, str(child)[len(str(KGR)):])
            return child
        if prop.is_object:
            return self.reference(value, key)
        lit = literal(value.text or "", prop.range)
        if lit is None:
            raise InputError(f"'{key}' has '{value.text}', which is not {_EXPECTED.get(prop.range, 'valid')}",
                             where=str(value.where), hint=_WRITE.get(prop.range))
        return lit

    def source(self, ev) -> URIRef:
        source = KGR[ev.source] if not NOT_IRI.search(ev.source) else None
        if source not in self.known:
            raise InputError(f"evidence names source '{ev.source}', which no record defines",
                             where=str(ev.where), hint="use the id of a SourceArticle record")
        self.used.add(source)
        return source

    def record(self, rec: Record) -> None:
        """Append the record's quads to ``out``."""
        node = KGR[rec.id]
        if not rec.types:
            raise InputError(f"record '{rec.id}' has no 'type'", where=str(rec.where), hint="add e.g. 'type: Person'")
        own: list[Triple] = [(node, RDF.type, t) for t in self.types(rec.types)]
        self.fields(own, node, rec.fields, rec.id)
        cited = list(dict.fromkeys(self.source(ev) for ev in rec.evidence))
        graphs = [URIRef(article_graph(str(s)[len(str(KGR)):], str(rec.where))) for s in cited] or [MODELLING]
        for graph in graphs:
            self.out.extend((s, p, o, graph) for s, p, o in own)
        self.out.append((node, KG.dataLocation, Literal(str(rec.where)), METADATA))
        for n, ev in enumerate(rec.evidence, start=1):
            self.evidence(node, rec.id, n, ev)

    def evidence(self, node: URIRef, rid: str, n: int, ev) -> None:
        source = self.source(ev)
        graph = URIRef(article_graph(ev.source, str(ev.where)))
        ann, target, quote_sel, pos_sel = (self.mint(KGR[f"{rid}-evidence-{n}{part}"], ev.where, "an evidence item")
                                           for part in ("", "-target", "-quote", "-position"))
        g: list[Triple] = [
            (node, KG.evidence, ann), (node, PROV.wasDerivedFrom, source),
            (ann, RDF.type, OA.Annotation), (ann, OA.motivatedBy, OA.describing), (ann, OA.hasBody, node),
            (ann, OA.hasTarget, target), (target, RDF.type, OA.SpecificResource), (target, OA.hasSource, source),
            (target, OA.hasSelector, quote_sel), (quote_sel, RDF.type, OA.TextQuoteSelector)]
        self.out.append((ann, KG.dataLocation, Literal(str(ev.where)), METADATA))
        text = self.texts.get(ev.source) if self.texts is not None else None
        span = locate(self.texts, ev.source, ev.quote) if self.texts is not None else None
        if self.texts is not None and span is None:
            if text is None:
                raise InputError(f"evidence quote from '{ev.source}', which has no text to check it against: "
                                 f"\"{ev.quote[:60]}\"", where=str(ev.where),
                                 hint=f"give '{ev.source}' a textFile in the texts folder (kg verify-evidence reports "
                                      "the same quote)")
            raise InputError(f"evidence quote not found in the text of '{ev.source}': \"{ev.quote[:60]}\"",
                             where=str(ev.where), hint="copy the words exactly from the article")
        if span is None:
            g.append((quote_sel, OA.exact, Literal(ev.quote)))
        else:
            start, end = span
            before, after = text.context(start, end)
            g += [(quote_sel, OA.exact, Literal(text.text[start:end])), (quote_sel, OA.prefix, Literal(before)),
                  (quote_sel, OA.suffix, Literal(after)), (target, OA.hasSelector, pos_sel),
                  (pos_sel, RDF.type, OA.TextPositionSelector),
                  (pos_sel, OA.start, Literal(start, datatype=XSD.integer)),
                  (pos_sel, OA.end, Literal(end, datatype=XSD.integer))]
        self.out.extend((s, p, o, graph) for s, p, o in g)


def check_ids(reference: Graph, records: list[Record]) -> set[URIRef]:
    """Refuse a duplicate id, or an id that is a term of the ontology; the ontology's terms (IRIs)."""
    seen: dict[str, Record] = {}
    for rec in records:
        if rec.id in seen:
            raise InputError(f"duplicate id '{rec.id}' (first defined at {seen[rec.id].where})",
                             where=str(rec.where), hint="give each record its own id")
        seen[rec.id] = rec
    terms = {s for s in reference.subjects() if isinstance(s, URIRef)}
    for rec in records:
        if KGR[rec.id] in terms:
            raise InputError(f"id '{rec.id}' is already a term of the ontology or reference vocabulary",
                             where=str(rec.where), hint="choose another id, or refer to the term instead")
    return terms


def map_records(schema: Schema, reference: Graph, records: Iterable[Record],
                texts: Mapping[str, SourceText] | None = None,
                errors: list[tuple[Record, InputError]] | None = None) -> list[Quad]:
    """The quads of the records, each in its source's graph; ids must be unique and references resolvable.

    With ``errors``, a record that cannot be mapped is left out and (record, error) collected, so that a
    reviewer sees one line per bad record (kg add) instead of only the first.
    """
    records = list(records)
    terms = check_ids(reference, records)
    mapper = Mapper(schema, terms | {KGR[r.id] for r in records}, texts, {KGR[r.id]: r for r in records})
    for rec in records:
        if errors is None:
            mapper.record(rec)
            continue
        start = len(mapper.out)
        try:
            mapper.record(rec)
        except InputError as e:
            del mapper.out[start:]
            errors.append((rec, e))
    return mapper.out


def as_graph(quads: Iterable[Quad]) -> Graph:
    """Every statement of the quads in one rdflib Graph, build metadata included (for checks that name lines)."""
    g = Graph()
    for s, p, o, _ in quads:
        g.add((s, p, o))
    return g
