"""The report as text: for a terminal (tables wrapped to fit its width) or as Markdown.

Both forms say the same things in the same order: a title, the summary, the
comparison of consecutive inspections, then each stored query's table under its
section heading, then the numbered list of sources. A quote is printed as
“words” [n], where [n] is its source in that list, so no row repeats a source's
title. Columns empty in every row are left out; a column with one value in every
row is said once above its table.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..results import Results, Term, ambiguous, display, grid_table
from ..textnorm import printable
from . import Report, Section
from .compare import Line, Pair, Point, Side, pairs, summary

COMPARISON = "compare-inspections"
HEADINGS = {"when": "When", "grade scale": "Grade scale", "grade": "Grades", "post": "Who held each post",
            "theme": "Themes of the concerns and praise", "continued": "Recorded as continuing", "figure": "Figures"}


class Sources:
    """The report's numbered sources: [1], [2], ... in the order the sources query lists them."""

    def __init__(self, report: Report):
        self.report = report
        self.numbers: dict[str, int] = {}
        listed = report.answered("sources")
        for row in (listed.rows if listed else []):
            self.number(row["source"].value)

    def number(self, iri: str) -> int:
        return self.numbers.setdefault(iri, len(self.numbers) + 1)

    def ref(self, term: Term | None) -> str:
        return f"[{self.number(term.value)}]" if term is not None and term.kind == "uri" else ""


@dataclass(frozen=True)
class Cell:
    """What a table cell states: its text, and the quote and source that back it (if any)."""

    text: str = ""
    quote: str | None = None
    source: Term | None = None

    def __bool__(self) -> bool:
        return bool(self.text or self.quote)


@dataclass
class Style:
    """How one format writes the few things that differ: tables and emphasis."""

    markdown: bool
    width: int = 100
    max_width: int = 60

    sources: Sources | None = None

    def cell(self, cell: Cell) -> str:
        if cell.quote:
            quote = f"“{cell.quote}” {self.sources.ref(cell.source)}".strip()
        else:
            quote = ""
            if cell.source is not None:  # a source column of its own: its number (the name is in the list)
                return self.sources.ref(cell.source)
        return printable(" ".join(x for x in (cell.text, quote) if x))

    def table(self, header: list[str], body: list[list[Cell]]) -> str:
        if not body:
            return "(no rows)\n"
        rows = [[self.cell(c) for c in row] for row in body]
        if self.markdown:
            return _markdown_table(header, rows)
        return grid_table(header, rows, self.width, self.max_width)


def _markdown_table(header: list[str], body: list[list[str]]) -> str:
    def cell(text: str) -> str:
        return " ".join(text.split()).replace("|", "\\|")

    out = ["| " + " | ".join(cell(h) for h in header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    out.extend("| " + " | ".join(cell(c) for c in row) + " |" for row in body)
    return "\n".join(out) + "\n"


def render(report: Report, *, markdown: bool = False, width: int = 100, max_width: int = 60) -> str:
    """The whole report as text for a terminal (``markdown=False``) or as Markdown."""
    sources = Sources(report)
    style = Style(markdown, width, max_width, sources)
    labels = report.labels
    out = [_title(report, labels), ""]
    out += ["## Summary", "", *_points(summary(report, labels), sources), ""]
    for heading, sections in ([] if report.summary_only else report.headings()):
        out += [f"## {heading}", ""]
        for section in sections:
            out += _section(section, report, style, sources)
    out += ["## Sources cited", "", *_source_list(report, sources), ""]
    errors = report.errors
    if errors:
        out += ["## Questions that could not be answered", "", *[f"- {printable(e)}" for e in errors], ""]
    if report.summary_only:
        out += ["The whole report, every stored question with its evidence: `kg report -o report.md` "
                "(or `--format html` for one page).", ""]
    if not markdown:
        out = [line if "\n" in line or line.startswith("|") else _wrap(line, width) for line in out]
    return "\n".join(out).rstrip() + "\n"


def _wrap(line: str, width: int) -> str:
    """A line of prose wrapped to ``width``; a bullet's lines hang under its text."""
    import re
    import textwrap

    if len(line) <= width:
        return line
    lead = re.match(r"\s*(- |\[\d+\] |#+ )?", line).group(0)
    return "\n".join(textwrap.wrap(line, width=width, subsequent_indent=" " * len(lead),
                                    break_long_words=True, break_on_hyphens=False))


def _title(report: Report, labels: dict[str, str]) -> str:
    inspections = report.answered("inspections")
    forces = sorted({display(r["force"], labels) for r in (inspections.rows if inspections else []) if r.get("force")})
    return f"# What the sources say{': ' + ', '.join(forces) if forces else ''}"


def _points(points: list[Point], sources: Sources, depth: int = 0) -> list[str]:
    out = []
    for p in points:
        refs = "".join(f" {sources.ref(src)}" for src, _ in _unique(p.refs))
        out.append(f"{'  ' * depth}- {printable(p.text)}{refs}")
        out += _points(p.points, sources, depth + 1)
    return out


def _unique(refs: list[tuple[Term, str]]) -> list[tuple[Term, str]]:
    seen, out = set(), []
    for src, quote in refs:
        if src.value not in seen:
            seen.add(src.value)
            out.append((src, quote))
    return out


def _section(section: Section, report: Report, style: Style, sources: Sources) -> list[str]:
    out = [f"### {printable(section.title)}", ""]
    if section.error:
        return out + [f"This question could not be answered: {printable(section.error)}", ""]
    rows = len(section.results.rows)
    out += [f"`kg query {section.name}`: {rows} row{'s' if rows != 1 else ''}.", ""]
    if section.name == COMPARISON and section.results.variables[:3] == ["force", "earlier", "later"]:
        return out + _comparison(pairs(section.results), report.labels, style, sources)
    if not rows:
        return out + ["(no rows)", ""]
    lifted, header, body = table_cells(section.results, report.labels)
    out += [f"{printable(name)}: {style.cell(value)}" for name, value in lifted]
    if lifted:
        out.append("")
    return out + [style.table(header, body)]


# --------------------------------------------------------------------------
# A query's table: quotes with their source numbers, empty columns dropped, constants lifted


def quote_columns(variables: list[str]) -> dict[str, str | None]:
    """Each quote column (evidence, quote, words, ...Evidence, ...Quote) and the source column that goes with it."""
    out: dict[str, str | None] = {}
    for var in variables:
        if var in ("evidence", "quote", "words") or var.endswith(("Evidence", "Quote")) or \
                var.rstrip("0123456789") in ("evidence", "quote"):
            candidates = [var.replace("evidence", "source").replace("Evidence", "Source")
                          .replace("quote", "source").replace("Quote", "Source"), "source"]
            out[var] = next((c for c in candidates if c in variables and c != var), None)
    return out


def table_cells(results: Results, labels: dict[str, str]):
    """(lifted (name, cell) pairs, header, body of Cells) for a query's rows, for any table format.

    A quote column takes its source column into its cells; columns empty in every
    row are dropped; with more than one row, a column with one value throughout is
    lifted out to be said once above the table.
    """
    quotes = quote_columns(results.variables)
    paired = {s for s in quotes.values() if s}
    shown = ambiguous(results, labels)
    columns = [v for v in results.variables if v not in paired]

    def cell(row, var: str) -> Cell:
        term = row.get(var)
        if term is None:
            return Cell()
        if var in quotes:
            return Cell("", term.value, row.get(quotes[var]) if quotes[var] else None)
        if "source" in var.lower() and term.kind == "uri":
            return Cell(display(term, labels, shown), None, term)
        return Cell(display(term, labels, shown))

    body = [[cell(row, v) for v in columns] for row in results.rows]
    keep = [i for i, _ in enumerate(columns) if any(r[i] for r in body)]
    lifted = []
    if len(body) > 1:
        for i in list(keep):
            if len({r[i] for r in body}) == 1 and columns[i] not in quotes:
                lifted.append((columns[i], body[0][i]))
                keep.remove(i)
    return lifted, [columns[i] for i in keep], [[r[i] for i in keep] for r in body]


# --------------------------------------------------------------------------
# The comparison, pair by pair


def _comparison(found: list[Pair], labels: dict[str, str], style: Style, sources: Sources) -> list[str]:
    del sources  # numbered through the style
    if not found:
        return ["No two inspections of one force can be placed one after the other: nothing to compare.", ""]
    out = []
    for pair in found:
        when = pair.line("when")
        then = _when(when.earlier if when else None)
        now = _when(when.later if when else None)
        out += [f"#### {printable(display(pair.earlier, labels))} → {printable(display(pair.later, labels))}", "",
                f"Force: {printable(display(pair.force, labels))}. Earlier: {then}. Later: {now}.", ""]
        for aspect in HEADINGS:
            lines = pair.of(aspect)
            if not lines:
                continue
            out += [f"{HEADINGS[aspect]}:", ""]
            header = ["", f"earlier ({then})", f"later ({now})", "comparison"]
            body = [[Cell(_subject(line, labels)), side_cell(line.earlier, line, labels),
                     side_cell(line.later, line, labels), Cell(line.comparison)] for line in lines]
            if aspect == "figure":
                header, body = header[:3], [r[:3] for r in body]
            out.append(style.table(header, body))
            caveats = sorted({line.caveat for line in lines if line.caveat})
            out += [f"Caveat: {printable(c)}" for c in caveats]
            if caveats:
                out.append("")
    return out


def _when(side: Side | None) -> str:
    return printable(side.value.value) if side is not None and side.value is not None else "time not stated"


def _subject(line: Line, labels: dict[str, str]) -> str:
    return display(line.subject, labels)


def side_cell(side: Side | None, line: Line, labels: dict[str, str]) -> Cell:
    """One inspection's side of a compared thing: the value (grade with rank and scale), and its quote."""
    if side is None:
        return Cell("—")
    value = display(side.value, labels) if side.value is not None else ""
    if line.aspect == "grade" and side.rank is not None:
        value += f" (rank {side.rank.value}, {display(side.scale, labels)})"
    elif line.aspect == "grade" and side.value is not None and side.value.kind == "literal":
        value = f"“{value}” (scale not stated)"
    if side.stated_by is not None:
        value += f" (stated by {display(side.stated_by, labels)})"
    if line.aspect == "theme" and side.quote:
        value += "; e.g."
    return Cell(value.strip(), side.quote, side.source)


def _source_list(report: Report, sources: Sources) -> list[str]:
    listed = report.answered("sources")
    about = {r["source"].value: r for r in (listed.rows if listed else [])}
    out = []
    for iri, n in sorted(sources.numbers.items(), key=lambda kv: kv[1]):
        row = about.get(iri, {})
        parts = [display(Term.uri(iri), report.labels)]
        for key, what in (("publisher", ""), ("author", "by "), ("published", ""), ("url", ""), ("textFile", "text: ")):
            if row.get(key) is not None:
                parts.append(what + display(row[key], report.labels))
        out.append(f"[{n}] " + printable("; ".join(parts)) + f" ({display(Term.uri(iri), {})})")
    return out or ["(none)"]
