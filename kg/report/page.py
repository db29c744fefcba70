"""The report as one self-contained HTML page that works offline.

Style and the grade chart (SVG, kg.viz.chart) are inline and a Content-Security-
Policy forbids every request, so the page fetches nothing even by mistake. It says
what the text report says, in the same order; each quote links to its source in the
list at the end, and the link says where in the article's text the quote stands
(character offsets, when the graph was built with the texts).
"""

from __future__ import annotations

from html import escape

from ..project import Project
from ..results import Term, display
from ..textnorm import printable
from . import Report, Section
from .compare import Pair, Point, pairs, summary
from .text import COMPARISON, HEADINGS, Cell, Sources, side_cell, table_cells

CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"
CSS = """
body { font: 15px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; color: #1d2329; margin: 0; }
header, main { max-width: 1180px; margin: 0 auto; padding: 0 20px; }
header { border-bottom: 1px solid #d8dde2; }
h1 { font-size: 26px; margin: 18px 0 6px; }
h2 { font-size: 21px; margin: 30px 0 8px; border-bottom: 1px solid #e4e8ec; padding-bottom: 4px; }
h3 { font-size: 17px; margin: 22px 0 4px; }
h4 { font-size: 15px; margin: 18px 0 4px; color: #2c4a63; }
nav a { margin-right: 14px; }
p.meta { color: #5b6670; margin: 2px 0 8px; font-size: 13px; }
table { border-collapse: collapse; margin: 6px 0 14px; width: 100%; font-size: 13.5px; }
th, td { border: 1px solid #d8dde2; padding: 4px 7px; vertical-align: top; text-align: left; }
th { background: #f2f5f8; }
tr:nth-child(even) td { background: #fafbfc; }
q { quotes: "\\201C" "\\201D"; font-style: italic; }
a.quote { color: #1d5b8f; text-decoration: none; }
a.quote:hover q { text-decoration: underline; }
a.ref { font-size: 11.5px; color: #6a7680; text-decoration: none; white-space: nowrap; }
.error { color: #8a1c1c; font-weight: 600; }
.caveat { color: #8a1c1c; }
figure { margin: 10px 0; overflow-x: auto; }
figure svg { max-width: 100%; height: auto; }
li.source { margin-bottom: 8px; }
li.source ul { font-size: 13px; color: #3c4650; }
"""

POSITIONS = """
PREFIX oa: <http://www.w3.org/ns/oa#>
SELECT ?source ?exact ?start ?end WHERE {
  ?target oa:hasSource ?source ; oa:hasSelector ?quote, ?position .
  ?quote oa:exact ?exact .
  ?position oa:start ?start ; oa:end ?end .
}
"""


class Links:
    """Numbered sources, and each quote's place in its article, for links."""

    def __init__(self, report: Report, positions: dict[tuple[str, str], tuple[int, int]]):
        self.sources = Sources(report)
        self.labels = report.labels
        self.positions = positions
        self.quotes: dict[int, dict[str, tuple[int, int] | None]] = {}

    def quote(self, quote: str, source: Term | None) -> str:
        if source is None:
            return f"<q>{escape(printable(quote))}</q>"
        n = self.sources.number(source.value)
        at = self.positions.get((source.value, quote))
        self.quotes.setdefault(n, {})[quote] = at
        where = f", characters {at[0]}–{at[1]}" if at else ""
        title = escape(printable(f"[{n}] {display(source, self.labels)}{where}"), quote=True)
        label = f"[{n}{f' · {at[0]}–{at[1]}' if at else ''}]"
        return (f'<a class="quote" href="#source-{n}" title="{title}"><q>{escape(printable(quote))}</q></a> '
                f'<a class="ref" href="#source-{n}">{label}</a>')

    def ref(self, source: Term) -> str:
        n = self.sources.number(source.value)
        return f'<a class="ref" href="#source-{n}">[{n}]</a>'


def page(report: Report, project: Project) -> str:
    """The whole report as one HTML page."""
    labels = report.labels
    links = Links(report, report.positions)
    title = _title(report, labels)
    chart = _chart(report)
    body: list[str] = [f"<header><h1>{escape(title)}</h1>", _nav(report), "</header>", "<main>"]
    body += ['<h2 id="summary">Summary</h2>', _points(summary(report, labels), links)]
    body += ['<h2 id="grade-chart">The grades, each inspection on its own scale</h2>', chart]
    for i, (heading, sections) in enumerate(report.headings()):
        body.append(f'<h2 id="part-{i + 1}">{escape(heading)}</h2>')
        for section in sections:
            body += _section(section, report, links)
    body += ['<h2 id="sources">Sources cited, with the quotes this report uses</h2>', _source_list(report, links)]
    if report.errors:
        body += ['<h2 id="errors">Questions that could not be answered</h2>', "<ul>"]
        body += [f'<li class="error">{escape(printable(e))}</li>' for e in report.errors]
        body.append("</ul>")
    body.append("</main>")
    head = (f'<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
            f'<meta http-equiv="Content-Security-Policy" content="{CSP}">\n'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f"<title>{escape(title)}</title>\n<style>{CSS}</style>\n</head>\n<body>\n")
    return head + "\n".join(body) + "\n</body>\n</html>\n"


def _title(report: Report, labels: dict[str, str]) -> str:
    inspections = report.answered("inspections")
    forces = sorted({display(r["force"], labels) for r in (inspections.rows if inspections else []) if r.get("force")})
    return "What the sources say" + (f": {', '.join(forces)}" if forces else "")


def _nav(report: Report) -> str:
    parts = ['<a href="#summary">Summary</a>', '<a href="#grade-chart">Grade chart</a>']
    parts += [f'<a href="#part-{i + 1}">{escape(h)}</a>' for i, (h, _) in enumerate(report.headings())]
    parts.append('<a href="#sources">Sources cited</a>')
    return "<nav>" + " ".join(parts) + "</nav>"


def _points(points: list[Point], links: Links) -> str:
    out = ["<ul>"]
    for p in points:
        seen, refs = set(), []
        for src, quote in p.refs:
            if src.value not in seen:
                seen.add(src.value)
                refs.append(links.quote(quote, src))
        inner = _points(p.points, links) if p.points else ""
        out.append(f"<li>{escape(printable(p.text))}{' ' + ' '.join(refs) if refs else ''}{inner}</li>")
    out.append("</ul>")
    return "\n".join(out)


def _chart(report: Report) -> str:
    """The grade chart as inline SVG, or a line saying why there is none."""
    from ..errors import KgError
    from ..viz.chart import grade_chart

    if report.dataset is None:
        return '<p class="meta">No grade chart: the answers came from a remote endpoint.</p>'
    try:
        svg = grade_chart(report.dataset.rdflib_graph()).svg
    except KgError as e:
        return f'<p class="meta">No grade chart: {escape(printable(e.line()))}</p>'
    svg = svg[svg.index("<svg"):]  # inline: no XML declaration
    return f'<figure aria-label="Grade chart">{svg}</figure>'


def _cell(cell: Cell, links: Links) -> str:
    if cell.quote:
        text = escape(printable(cell.text))
        return (text + " " if text else "") + links.quote(cell.quote, cell.source)
    if cell.source is not None:
        return f'{links.ref(cell.source)} <span class="meta">{escape(printable(cell.text))}</span>'
    return escape(printable(cell.text))


def _table(header: list[str], body: list[list[Cell]], links: Links) -> str:
    if not body:
        return "<p>(no rows)</p>"
    out = ["<table>", "<thead><tr>" + "".join(f"<th>{escape(h)}</th>" for h in header) + "</tr></thead>", "<tbody>"]
    out += ["<tr>" + "".join(f"<td>{_cell(c, links)}</td>" for c in row) + "</tr>" for row in body]
    out.append("</tbody></table>")
    return "\n".join(out)


def _section(section: Section, report: Report, links: Links) -> list[str]:
    out = [f'<h3 id="q-{escape(section.name, quote=True)}">{escape(printable(section.title))}</h3>']
    if section.error:
        return out + [f'<p class="error">This question could not be answered: {escape(printable(section.error))}</p>']
    rows = len(section.results.rows)
    out.append(f'<p class="meta"><code>kg query {escape(section.name)}</code>: {rows} row{"s" if rows != 1 else ""}. '
               f"{escape(printable(section.query.description))}</p>")
    if section.name == COMPARISON and section.results.variables[:3] == ["force", "earlier", "later"]:
        return out + _comparison(pairs(section.results), report.labels, links)
    if not rows:
        return out + ["<p>(no rows)</p>"]
    lifted, header, body = table_cells(section.results, report.labels)
    if lifted:
        out.append("<p>" + "; ".join(f"{escape(n)}: {_cell(c, links)}" for n, c in lifted) + "</p>")
    return out + [_table(header, body, links)]


def _comparison(found: list[Pair], labels: dict[str, str], links: Links) -> list[str]:
    if not found:
        return ["<p>No two inspections of one force can be placed one after the other: nothing to compare.</p>"]
    out = []
    for pair in found:
        when = pair.line("when")
        then = when.earlier.value.value if when and when.earlier and when.earlier.value else "time not stated"
        now = when.later.value.value if when and when.later and when.later.value else "time not stated"
        out.append(f"<h4>{escape(display(pair.earlier, labels))} → {escape(display(pair.later, labels))}</h4>")
        out.append(f'<p class="meta">Force: {escape(display(pair.force, labels))}. Earlier: {escape(then)}. '
                   f"Later: {escape(now)}.</p>")
        for aspect, heading in HEADINGS.items():
            lines = pair.of(aspect)
            if not lines:
                continue
            header = ["", f"earlier ({then})", f"later ({now})", "comparison"]
            body = [[Cell(display(line.subject, labels)), side_cell(line.earlier, line, labels),
                     side_cell(line.later, line, labels), Cell(line.comparison)] for line in lines]
            if aspect == "figure":
                header, body = header[:3], [r[:3] for r in body]
            out += [f"<p><strong>{escape(heading)}</strong></p>", _table(header, body, links)]
            out += [f'<p class="caveat">Caveat: {escape(printable(c))}</p>'
                    for c in sorted({line.caveat for line in lines if line.caveat})]
    return out


def _source_list(report: Report, links: Links) -> str:
    listed = report.answered("sources")
    about = {r["source"].value: r for r in (listed.rows if listed else [])}
    out = ["<ol>"]
    for iri, n in sorted(links.sources.numbers.items(), key=lambda kv: kv[1]):
        row = about.get(iri, {})
        parts = [escape(display(Term.uri(iri), report.labels))]
        for key, what in (("publisher", ""), ("author", "by "), ("published", ""), ("textFile", "text: ")):
            if row.get(key) is not None:
                parts.append(escape(what + display(row[key], report.labels)))
        if row.get("url") is not None:
            url = escape(row["url"].value, quote=True)
            parts.append(f'<a href="{url}">{url}</a>')
        quotes = links.quotes.get(n, {})
        listed_quotes = "".join(
            f"<li><q>{escape(printable(q))}</q>{f' (characters {at[0]}–{at[1]})' if at else ''}</li>"
            for q, at in sorted(quotes.items(), key=lambda kv: (kv[1] or (10**9, 0), kv[0])))
        out.append(f'<li class="source" id="source-{n}" value="{n}">{"; ".join(parts)} '
                   f"<code>{escape(display(Term.uri(iri), {}))}</code>"
                   + (f"<ul>{listed_quotes}</ul>" if listed_quotes else "") + "</li>")
    out.append("</ol>")
    return "\n".join(out)


def positions(db) -> dict[tuple[str, str], tuple[int, int]]:
    """Each (source, exact quote) and where it stands in the source's text, from the graph's selectors."""
    found: dict[tuple[str, str], tuple[int, int]] = {}
    for row in db.query(POSITIONS, {}, "kg report").rows:
        key = (row["source"].value, row["exact"].value)
        at = (int(row["start"].value), int(row["end"].value))
        found[key] = min(found.get(key, at), at)
    return found
