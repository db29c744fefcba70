"""Query results as plain values, and the formats kg prints them in.

Both engines (pyoxigraph for speed, rdflib as an independent check) are turned
into the same engine-neutral ``Results``, so every format is written once and
two engines can be compared row by row. The formats:

- ``table``: for people; IRIs shown by their ``rdfs:label`` (else a CURIE).
- ``csv`` / ``tsv``: the W3C SPARQL 1.1 Query Results CSV and TSV formats.
- ``json``: the W3C SPARQL 1.1 Query Results JSON format.

Everything here is deterministic: rows of a query without ORDER BY can be sorted (kg.queries.run
sorts them unless the engine's order is fixed by its store),
blank nodes are relabelled in order of appearance, JSON keys have a fixed order.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field

from .prefixes import curie

XSD = "http://www.w3.org/2001/XMLSchema#"
XSD_STRING = XSD + "string"
RDF_LANGSTRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"
_KIND_ORDER = {"bnode": 0, "uri": 1, "literal": 2}


@dataclass(frozen=True)
class Term:
    """An RDF term: kind is 'uri', 'bnode' or 'literal'.

    A simple literal has no datatype (xsd:string is dropped, as RDF 1.1 makes
    them the same); a language-tagged literal has ``lang`` and no datatype.
    """

    kind: str
    value: str
    datatype: str | None = None
    lang: str | None = None

    @classmethod
    def uri(cls, value: str) -> Term:
        return cls("uri", value)

    @classmethod
    def literal(cls, value: str, datatype: str | None = None, lang: str | None = None) -> Term:
        if lang:
            return cls("literal", value, None, lang.lower())
        return cls("literal", value, None if datatype in (None, XSD_STRING, RDF_LANGSTRING) else datatype)

    def sort_key(self) -> tuple:
        return (_KIND_ORDER[self.kind], self.value, self.datatype or "", self.lang or "")

    def n3(self) -> str:
        """The term in SPARQL/Turtle syntax, as TSV writes it."""
        if self.kind == "uri":
            return f"<{self.value}>"
        if self.kind == "bnode":
            return f"_:{self.value}"
        text = '"' + _escape(self.value) + '"'
        if self.lang:
            return f"{text}@{self.lang}"
        if self.datatype:
            return f"{text}^^<{self.datatype}>"
        return text


def _escape(value: str) -> str:
    return (value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
            .replace("\r", "\\r").replace("\t", "\\t"))


Row = dict[str, Term]


@dataclass
class Results:
    """The answer to a query: SELECT rows, an ASK boolean, or CONSTRUCT triples."""

    variables: list[str] = field(default_factory=list)
    rows: list[Row] = field(default_factory=list)
    boolean: bool | None = None
    triples: list[tuple[Term, Term, Term]] | None = None

    def __getstate__(self) -> tuple:
        """Pickled compactly, each distinct term once and the rows as indexes into them: a query's answer comes back
        from its child process this way (kg.limits), several times faster than pickling every row's dict."""
        index: dict[Term, int] = {}
        codes: list[int] = []
        for row in self.rows:
            for var in self.variables:
                term = row.get(var)
                if term is None:
                    codes.append(-1)
                else:
                    code = index.get(term)
                    if code is None:
                        code = index[term] = len(index)
                    codes.append(code)
        terms = [(t.kind, t.value, t.datatype, t.lang) for t in index]
        return self.variables, terms, codes, self.boolean, self.triples

    def __setstate__(self, state: tuple) -> None:
        self.variables, terms, codes, self.boolean, self.triples = state
        table = [Term(*t) for t in terms]
        width = len(self.variables)
        rows = []
        for start in range(0, len(codes), width) if width else ():
            row = {}
            for var, code in zip(self.variables, codes[start:start + width], strict=True):
                if code >= 0:
                    row[var] = table[code]
            rows.append(row)
        self.rows = rows

    def sorted(self) -> Results:
        """The same results with rows in a canonical order (for queries without ORDER BY)."""
        return Results(self.variables, sorted(self.rows, key=self._row_key), self.boolean,
                       sorted(self.triples, key=lambda t: tuple(x.sort_key() for x in t)) if self.triples else self.triples)

    def _row_key(self, row: Row) -> tuple:
        return tuple((0,) if row.get(v) is None else (1, *row[v].sort_key()) for v in self.variables)

    def iris(self) -> set[str]:
        found = {t.value for row in self.rows for t in row.values() if t.kind == "uri"}
        for triple in self.triples or ():
            found.update(t.value for t in triple if t.kind == "uri")
        return found

    def tuples(self) -> list[tuple]:
        """Rows as tuples of terms (None when unbound), in variable order; for comparisons."""
        return [tuple(row.get(v) for v in self.variables) for row in self.rows]


def _relabel_bnodes() -> Callable[[Term], Term]:
    labels: dict[str, str] = {}

    def relabel(term: Term) -> Term:
        if term.kind != "bnode":
            return term
        labels.setdefault(term.value, f"b{len(labels)}")
        return Term("bnode", labels[term.value])

    return relabel


# --------------------------------------------------------------------------
# Formats


def to_json(results: Results) -> str:
    """W3C SPARQL 1.1 Query Results JSON."""
    import json  # (here, as csv below: neither is imported by a command that writes another format)

    if results.boolean is not None:
        return json.dumps({"head": {}, "boolean": results.boolean}, indent=2) + "\n"
    relabel = _relabel_bnodes()
    bindings = []
    for row in results.rows:
        binding = {}
        for var in results.variables:
            if row.get(var) is not None:
                binding[var] = _json_term(relabel(row[var]))
        bindings.append(binding)
    doc = {"head": {"vars": results.variables}, "results": {"bindings": bindings}}
    return json.dumps(doc, indent=2, ensure_ascii=False) + "\n"


def from_json(text: str) -> Results:
    """Read W3C SPARQL 1.1 Query Results JSON (as to_json writes it, or any engine does)."""
    import json

    doc = json.loads(text)
    if "boolean" in doc:
        return Results(boolean=bool(doc["boolean"]))
    variables = list(doc["head"].get("vars", []))
    rows = []
    for binding in doc["results"]["bindings"]:
        row = {}
        for var, term in binding.items():
            kind = {"typed-literal": "literal"}.get(term["type"], term["type"])
            if kind == "literal":
                row[var] = Term.literal(term["value"], term.get("datatype"), term.get("xml:lang"))
            else:
                row[var] = Term(kind, term["value"])
        rows.append(row)
    return Results(variables, rows)


def _json_term(term: Term) -> dict:
    out = {"type": term.kind, "value": term.value}
    if term.lang:
        out["xml:lang"] = term.lang
    elif term.datatype:
        out["datatype"] = term.datatype
    return out


def _cells(results: Results, spell: Callable[[Term], str]) -> Iterable[list[str]]:
    """Each row as its cells' text (``spell`` of each term, "" when unbound), blank nodes relabelled in order of
    appearance; each term object spelt once (a query's terms come back shared, kg.results.Results.__setstate__)."""
    relabel = _relabel_bnodes()
    spelt: dict[int, str] = {}
    variables = results.variables
    for row in results.rows:
        cells = []
        for var in variables:
            term = row.get(var)
            if term is None:
                cells.append("")
            elif term.kind == "bnode":
                cells.append(spell(relabel(term)))
            else:
                text = spelt.get(id(term))
                if text is None:
                    text = spelt[id(term)] = spell(term)
                cells.append(text)
        yield cells


def to_csv(results: Results) -> str:
    """W3C SPARQL 1.1 CSV: lexical values only, RFC 4180 quoting, CRLF line ends."""
    import csv

    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(results.variables)
    writer.writerows(_cells(results, _csv_value))
    return out.getvalue()


def _csv_value(term: Term) -> str:
    return f"_:{term.value}" if term.kind == "bnode" else term.value


def to_tsv(results: Results) -> str:
    """W3C SPARQL 1.1 TSV: terms in SPARQL syntax, '?'-prefixed header, LF line ends."""
    lines = ["\t".join("?" + v for v in results.variables)]
    lines.extend("\t".join(cells) for cells in _cells(results, _tsv_value))
    return "\n".join(lines) + "\n"


def _tsv_value(term: Term) -> str:
    if term.kind == "literal" and term.datatype in _BARE and _is_bare(term):
        return term.value
    return term.n3()


_BARE = {
    XSD + "integer": re.compile(r"[+-]?[0-9]+"),
    XSD + "decimal": re.compile(r"[+-]?[0-9]*\.[0-9]+"),
    XSD + "double": re.compile(r"[+-]?([0-9]+\.[0-9]*|\.[0-9]+|[0-9]+)[eE][+-]?[0-9]+"),
    XSD + "boolean": re.compile(r"true|false"),
}


def _is_bare(term: Term) -> bool:
    """Whether a numeric or boolean literal may be written unquoted, as Turtle allows."""
    return _BARE[term.datatype or ""].fullmatch(term.value) is not None


def display(term: Term | None, labels: Mapping[str, str], ids: bool | Iterable[str] = False) -> str:
    """How a table shows a term: an IRI by its label (else a CURIE), a literal by its value.

    ``ids`` adds the id to a label: ``True`` for every IRI, or a set of IRIs
    (those whose label another IRI in the same table shares, so that two
    "good" grades read "good (peel4-good)" and "good (peel5-good)").
    """
    if term is None:
        return ""
    from .textnorm import printable

    if term.kind == "uri":
        label = labels.get(term.value)
        if not label:
            return printable(curie(term.value))
        if ids is True or (ids and term.value in ids):
            return printable(f"{label} ({short_id(term.value)})")
        return printable(label)
    if term.kind == "bnode":
        return f"_:{term.value}"
    return printable(term.value)


def short_id(iri: str) -> str:
    """A record's id (``peel5-good``) for kgr: IRIs, else the CURIE or IRI."""
    return curie(iri).removeprefix("kgr:")


def ambiguous(results: Results, labels: Mapping[str, str]) -> set[str]:
    """The IRIs in the results whose label is shared by another IRI in them."""
    by_label: dict[str, set[str]] = {}
    for iri in results.iris():
        if labels.get(iri):
            by_label.setdefault(labels[iri], set()).add(iri)
    return {iri for iris in by_label.values() if len(iris) > 1 for iri in iris}


def to_table(results: Results, labels: Mapping[str, str], max_width: int = 0, ids: bool = False) -> str:
    """A Markdown pipe table for people: labels instead of IRIs, cells cut to ``max_width``.

    Where two IRIs in the table share a label, both are shown with their ids;
    ``ids`` shows the id of every IRI.
    """
    if results.boolean is not None:
        return ("true" if results.boolean else "false") + "\n"
    shown = True if ids else ambiguous(results, labels)
    if results.triples is not None:
        return "".join(" ".join(_cell(display(t, labels, shown), max_width) for t in triple) + "\n"
                       for triple in results.triples)
    header = list(results.variables)
    body = [[_cell(display(row.get(v), labels, shown), max_width) for v in header] for row in results.rows]
    return _pipe_table(header, body)


def _cell(text: str, max_width: int) -> str:
    text = " ".join(text.split()).replace("|", "\\|")
    if max_width and len(text) > max_width:
        text = text[: max(max_width - 1, 1)].rstrip() + "…"
    return text


def _pipe_table(header: list[str], body: Iterable[list[str]]) -> str:
    body = list(body)
    widths = [max([len(h), 3, *(len(r[i]) for r in body)]) for i, h in enumerate(header)]

    def line(cells: list[str]) -> str:
        return "| " + " | ".join(c.ljust(w) for c, w in zip(cells, widths, strict=True)) + " |"

    out = [line(header), "|" + "|".join("-" * (w + 2) for w in widths) + "|"]
    out.extend(line(r) for r in body)
    return "\n".join(out) + "\n"


def to_xml(results: Results) -> str:
    """W3C SPARQL Query Results XML Format (what an endpoint sends for application/sparql-results+xml)."""
    from xml.sax.saxutils import escape, quoteattr

    out = ['<?xml version="1.0"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#">\n<head>']
    out += [f"<variable name={quoteattr(v)}/>" for v in results.variables]
    out.append("</head>")
    if results.boolean is not None:
        out.append(f"<boolean>{'true' if results.boolean else 'false'}</boolean>")
    else:
        relabel = _relabel_bnodes()
        out.append("<results>")
        for row in results.rows:
            out.append("<result>")
            for var in results.variables:
                term = row.get(var)
                if term is None:
                    continue
                term = relabel(term)
                if term.kind == "uri":
                    value = f"<uri>{escape(term.value)}</uri>"
                elif term.kind == "bnode":
                    value = f"<bnode>{escape(term.value)}</bnode>"
                else:
                    attr = (f" xml:lang={quoteattr(term.lang)}" if term.lang
                            else f" datatype={quoteattr(term.datatype)}" if term.datatype else "")
                    value = f"<literal{attr}>{escape(term.value)}</literal>"
                out.append(f"<binding name={quoteattr(var)}>{value}</binding>")
            out.append("</result>")
        out.append("</results>")
    out.append("</sparql>")
    return "\n".join(out) + "\n"


FORMATTERS: dict[str, Callable[[Results], str]] = {"json": to_json, "csv": to_csv, "tsv": to_tsv, "xml": to_xml}
FORMATS = ("table", "csv", "tsv", "json")


def render(results: Results, fmt: str, labels: Mapping[str, str] | None = None, max_width: int = 0,
           ids: bool = False) -> str:
    """The results in one of FORMATS; graph results (CONSTRUCT) only as a table of triples."""
    from .errors import InputError

    if fmt == "table":
        return to_table(results, labels or {}, max_width, ids)
    if results.triples is not None:
        raise InputError(f"--format {fmt} is for SELECT and ASK results", where="kg query",
                         hint="use --format table for CONSTRUCT or DESCRIBE, or kg export for graphs")
    if results.boolean is not None and fmt != "json":
        raise InputError(f"--format {fmt} has no form for an ASK result", where="kg query",
                         hint="use --format table or json")
    return FORMATTERS[fmt](results)


# --------------------------------------------------------------------------
# Tables that fit a terminal


def wrap_cell(text: str, width: int) -> list[str]:
    """A cell's text in lines of at most ``width`` characters, broken at spaces where it can be."""
    import textwrap

    text = " ".join(text.split())
    if not text:
        return [""]
    return textwrap.wrap(text, width=max(width, 1), break_long_words=True, break_on_hyphens=False) or [""]


def column_widths(header: list[str], body: list[list[str]], width: int, max_width: int = 0) -> list[int]:
    """Column widths that fit ``width`` characters in all (borders included) where they can.

    Each column starts at its longest cell (at most ``max_width``); while the table is
    too wide, the widest column gives up a character, down to a floor of 8 (or its
    header's longest word), so long text wraps and short columns keep their size.
    """
    natural = [max([len(h), 3, *(len(" ".join(r[i].split())) for r in body)]) for i, h in enumerate(header)]
    if max_width:
        natural = [min(n, max(max_width, len(h))) for n, h in zip(natural, header, strict=True)]
    floor = [min(n, max(8, *(len(w) for w in h.split() or [""]))) for n, h in zip(natural, header, strict=True)]
    widths = list(natural)
    room = width - (3 * len(header) + 1)
    while sum(widths) > room:
        candidates = [i for i, w in enumerate(widths) if w > floor[i]]
        if not candidates:
            break
        widest = max(candidates, key=lambda i: (widths[i], -i))
        widths[widest] -= 1
    return widths


def grid_table(header: list[str], body: list[list[str]], width: int = 100, max_width: int = 0) -> str:
    """A pipe table whose cells wrap onto more lines, so the whole table fits ``width`` characters.

    Rows that take more than one line are separated by a rule, so a reader can tell
    where one ends. A table too wide even at its narrowest columns is written one
    record at a time ("name: value" lines) instead.
    """
    widths = column_widths(header, body, width, max_width)
    if sum(widths) + 3 * len(header) + 1 > width:
        return records(header, body, width)

    def lines(cells: list[str]) -> list[str]:
        wrapped = [wrap_cell(c, w) for c, w in zip(cells, widths, strict=True)]
        height = max(len(w) for w in wrapped)
        return ["| " + " | ".join((w[k] if k < len(w) else "").ljust(widths[i]) for i, w in enumerate(wrapped)) + " |"
                for k in range(height)]

    rule = "|" + "|".join("-" * (w + 2) for w in widths) + "|"
    rows = [lines(r) for r in body]
    tall = any(len(r) > 1 for r in rows)
    out = [*lines(header), rule]
    for i, row in enumerate(rows):
        if tall and i:
            out.append(rule)
        out.extend(row)
    return "\n".join(out) + "\n"


def records(header: list[str], body: list[list[str]], width: int = 100) -> str:
    """Rows one after another as "name: value" lines, each value wrapped to ``width``."""
    label = max((len(h) for h in header), default=0)
    out = []
    for n, row in enumerate(body, 1):
        out.append(f"-- {n} " + "-" * max(width - len(str(n)) - 4, 0))
        for name, value in zip(header, row, strict=True):
            if not value:
                continue
            parts = wrap_cell(value, max(width - label - 2, 10))
            out.append(f"{name.rjust(label)}: {parts[0]}")
            out.extend(" " * (label + 2) + p for p in parts[1:])
    return "\n".join(out) + "\n"
