"""The grade chart: every graded area on its own ordered scale, inspection by inspection.

Grades of different PEEL scales are not comparable (the four-grade scale until
2018/19, the five-grade scale from 2021/22), so the chart never puts them on one
axis: each inspection gets a panel whose columns are the grades of the scale it
used, best on the left, numbered by ``kg:rank``. Rows are the areas graded
(an assessment that gives only a number of areas, ``kg:areaCount``, gets a row of
its own). A dashed line joins the same area across consecutive inspections on the
same scale. An assessment whose scale the source does not give is shown as its
wording only. Each scale's ``kg:caveat`` is printed under the chart.

Inspections are ordered by the best date the graph has for them: their own date,
else the date of the article reporting them, else just before the inspection that
names them as ``kg:previousInspection``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from xml.sax.saxutils import escape

import networkx as nx
from rdflib import Graph, URIRef
from rdflib.namespace import RDF, RDFS, SKOS

from ..errors import InputError
from ..vocab import KG, SCHEMA
from .layout import FONT, Box, text_box, text_width
from .svg import Picture

COL = 92.0
ROW = 40.0
GAP = 28.0
BEST, MIDDLE, WORST = (26, 152, 80), (254, 224, 139), (215, 48, 39)


def _text(g: Graph, node, prop=RDFS.label) -> str:
    value = g.value(node, prop)
    return str(value) if value is not None else ""


@dataclass
class Panel:
    inspection: URIRef
    label: str
    when: str
    scale: URIRef | None
    scale_label: str
    grades: list[tuple[URIRef, str, int]]
    marks: dict[str, tuple[URIRef | None, str]] = field(default_factory=dict)  # row key -> (grade, wording)


def _when(g: Graph, insp: URIRef) -> str:
    """What the graph says of an inspection's time, without inventing a date."""
    date = g.value(insp, KG.date)
    if date is not None:
        return str(date)
    start, end = g.value(insp, KG.startDate), g.value(insp, KG.endDate)
    if start is not None or end is not None:
        return f"{start or '?'} – {end or '?'}"
    parts = [f"“{t}”" for t in sorted(str(t) for t in g.objects(insp, KG.dateText))]
    later = [str(g.value(n, KG.date)) for n in g.subjects(KG.previousInspection, insp) if g.value(n, KG.date) is not None]
    parts += [f"before {d}" for d in sorted(later)]
    published = sorted(str(g.value(a, SCHEMA.datePublished)) for a in g.subjects(KG.reports, insp)
                       if g.value(a, SCHEMA.datePublished) is not None)
    parts += [f"reported {published[0]}"] if published else []
    return ", ".join(parts) or "date not given"


def _order(g: Graph, inspections: list[URIRef]) -> list[URIRef]:
    """Inspections oldest first: by their own or their reporting article's date, earlier ones before later."""
    def key(insp: URIRef) -> str:
        for prop in (KG.date, KG.startDate):
            if g.value(insp, prop) is not None:
                return str(g.value(insp, prop))
        dates = [str(g.value(a, SCHEMA.datePublished)) for a in g.subjects(KG.reports, insp)
                 if g.value(a, SCHEMA.datePublished) is not None]
        return min(dates) if dates else ""
    order = nx.DiGraph()
    order.add_nodes_from(inspections)
    order.add_edges_from((p, i) for i in inspections for p in g.objects(i, KG.previousInspection) if p in inspections)
    keys = {i: key(i) for i in inspections}
    for i in reversed(list(nx.topological_sort(order)) if nx.is_directed_acyclic_graph(order) else inspections):
        if not keys[i]:
            later = [keys[s] for s in order.successors(i) if keys[s]]
            keys[i] = min(later) if later else "~"
    if not nx.is_directed_acyclic_graph(order):
        return sorted(inspections, key=lambda i: (keys[i], str(i)))
    return list(nx.lexicographical_topological_sort(order, key=lambda i: (keys[i], str(i))))


def _scale(g: Graph, scale: URIRef | None) -> list[tuple[URIRef, str, int]]:
    if scale is None:
        return []
    grades = [(gr, _text(g, gr, SKOS.prefLabel) or _text(g, gr), int(g.value(gr, KG.rank)))
              for gr in g.subjects(SKOS.inScheme, scale) if g.value(gr, KG.rank) is not None]
    return sorted(grades, key=lambda t: (t[2], str(t[0])))


def _row(g: Graph, assessment: URIRef, several_forces: bool) -> tuple[str, str]:
    area = g.value(assessment, KG.area)
    count = g.value(assessment, KG.areaCount)
    if area is not None:
        key, label = str(area), _text(g, area) or str(area)
    elif count is not None:
        key, label = f"count:{count}", f"{count} areas, not named"
    else:
        key, label = "none", "area not given"
    force = g.value(g.value(assessment, KG.inspection), KG.inspectedForce)
    if several_forces and force is not None:
        return f"{force}|{key}", f"{_text(g, force)}: {label}"
    return key, label


def _colour(rank: int, n: int) -> str:
    t = (rank - 1) / (n - 1) if n > 1 else 0.0
    a, b, u = (BEST, MIDDLE, t * 2) if t <= 0.5 else (MIDDLE, WORST, t * 2 - 1)
    return "#" + "".join(f"{round(x + (y - x) * u):02x}" for x, y in zip(a, b, strict=True))


def _lines(text: str, size: float, width: float) -> list[str]:
    """Words in lines no wider than ``width`` pixels at a font size."""
    lines: list[str] = []
    for word in text.split():
        if lines and text_width(lines[-1] + " " + word, size) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines or [""]


def panels(g: Graph) -> tuple[list[Panel], dict[str, str], list[str]]:
    """The chart's panels in time order, its rows (key -> label) in first-seen order, and the caveats."""
    assessments = sorted(set(g.subjects(RDF.type, KG.Assessment)))
    if not assessments:
        raise InputError("the graph has no assessments (kg:Assessment) to chart", hint="add graded assessments to the data")
    forces = {g.value(g.value(a, KG.inspection), KG.inspectedForce) for a in assessments}
    inspections = _order(g, sorted({g.value(a, KG.inspection) for a in assessments if g.value(a, KG.inspection) is not None}))
    result, rows, caveats = [], {}, set()
    for insp in inspections:
        scale = g.value(insp, KG.usesScale)
        panel = Panel(insp, _text(g, insp) or str(insp), _when(g, insp), scale,
                      (_text(g, scale, SKOS.prefLabel) or _text(g, scale)) if scale is not None else "scale not stated",
                      _scale(g, scale))
        caveats.update(str(c) for c in g.objects(scale, KG.caveat)) if scale is not None else None
        result.append(panel)
    by_insp = {p.inspection: p for p in result}
    for insp in inspections:
        for a in sorted(assessments, key=lambda a: _row(g, a, len(forces) > 1)[1]):
            if g.value(a, KG.inspection) != insp:
                continue
            key, label = _row(g, a, len(forces) > 1)
            rows.setdefault(key, label)
            by_insp[insp].marks[key] = (g.value(a, KG.grade), _text(g, a, KG.gradeWording))
    return result, rows, sorted(caveats)


def grade_chart(g: Graph, title: str | None = None) -> Picture:
    """The grade chart of a built graph as SVG."""
    plist, rows, caveats = panels(g)
    forces = sorted({_text(g, f) for p in plist for f in g.objects(p.inspection, KG.inspectedForce)})
    title = title or f"Inspection grades of {', '.join(forces) or 'the forces'}, as the articles report them"
    row_w = min(250.0, max(text_width(label, 12) for label in rows.values()) + 16)
    row_lines = {key: _lines(label, 12, row_w - 10)[:2] for key, label in rows.items()}
    widths = [max(COL * len(p.grades), 190.0) for p in plist]
    total_w = row_w + sum(widths) + GAP * (len(plist) - 1) + 40
    head = [(_lines(p.label, 12, w - 8), _lines(p.when, 11, w - 8)) for p, w in zip(plist, widths, strict=True)]
    head_h = max(len(a) * 15 + len(b) * 14 for a, b in head) + 16
    top = 80.0
    grid_top = top + head_h + 58
    grid_h = ROW * len(rows)
    caveat_lines = [line for c in caveats for line in _lines("Caveat: " + c, 12, total_w - 40)]
    footer = _lines("A dashed line joins an area across inspections on the same scale; hover a grade for the article's "
                    "own word (kg:gradeWording). Made with: kg viz --chart grades", 10.5, total_w - 40)
    total_h = grid_top + grid_h + 44 + 16 * len(caveat_lines) + 14 * len(footer) + 20
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{total_w:.0f}" height="{total_h:.0f}" '
           f'viewBox="0 0 {total_w:.0f} {total_h:.0f}" font-family="{FONT}">',
           f'<rect width="{total_w:.0f}" height="{total_h:.0f}" fill="#ffffff"/>']
    boxes: list[Box] = []

    def text(x: float, y: float, s: str, size: float, anchor: str = "start", extra: str = "") -> None:
        out.append(f'<text x="{x:.1f}" y="{y:.1f}" font-size="{size}" text-anchor="{anchor}"{extra}>{escape(s)}</text>')
        boxes.append(text_box(x, y, s, size, anchor))

    text(20, 32, title, 19, extra=' font-weight="bold"')
    text(20, 54, "Each inspection on the scale it used: best grade on the left (green), worst on the right (red). "
         "Grades of different scales are not comparable.", 12, extra=' fill="#444"')
    text(20, grid_top - 4, "rank on its scale (1 = best)", 10, extra=' fill="#777"')
    row_y = {key: grid_top + i * ROW + ROW / 2 for i, key in enumerate(rows)}
    for i, key in enumerate(rows):
        if i % 2 == 0:
            out.append(f'<rect x="10" y="{grid_top + i * ROW:.1f}" width="{total_w - 20:.1f}" height="{ROW}" fill="#f4f6f8"/>')
        lines = row_lines[key]
        for k, line in enumerate(lines):
            text(20, row_y[key] + 4 + (k - (len(lines) - 1) / 2) * 15, line, 12)
    x = row_w + 20
    under = len(out)  # connectors go here: above the row bands, below the marks
    centres: list[dict[str, tuple[float, float]]] = []
    for p, w, (lab_lines, when_lines) in zip(plist, widths, head, strict=True):
        y = top
        for line in lab_lines:
            text(x + 4, y, line, 12, extra=' font-weight="bold"')
            y += 15
        for line in when_lines:
            text(x + 4, y, line, 11, extra=' fill="#555"')
            y += 14
        text(x + 4, top + head_h, p.scale_label, 11, extra=' fill="#00695c" font-style="italic"')
        out.append(f'<rect x="{x:.1f}" y="{top + head_h + 8:.1f}" width="{w:.1f}" height="{grid_h + 50:.1f}" fill="none" '
                   f'stroke="#c8c8c8"/>')
        cols = p.grades or [(None, "the article's word only", 0)]
        marks: dict[str, tuple[float, float]] = {}
        for c, (grade, glabel, rank) in enumerate(cols):
            cx = x + (w / len(cols)) * (c + 0.5)
            for k, line in enumerate(_lines(glabel, 10.5, w / len(cols) - 6)[:2]):
                text(cx, top + head_h + 26 + k * 13, line, 10.5, "middle")
            if rank:
                text(cx, grid_top - 4, f"{rank}", 10, "middle", ' fill="#777"')
                out.append(f'<line x1="{cx:.1f}" y1="{grid_top:.1f}" x2="{cx:.1f}" y2="{grid_top + grid_h:.1f}" '
                           'stroke="#dddddd"/>')
            for key, (mark, wording) in sorted(p.marks.items()):
                if mark == grade and grade is not None:
                    marks[key] = (cx, row_y[key])
                    out.append(f'<circle cx="{cx:.1f}" cy="{row_y[key]:.1f}" r="10" fill="{_colour(rank, len(cols))}" '
                               f'stroke="#333"><title>{escape(wording or glabel)}</title></circle>')
                elif grade is None and mark is None:
                    out.append(f'<circle cx="{cx:.1f}" cy="{row_y[key] - 6:.1f}" r="6" fill="#ffffff" stroke="#777" '
                               f'stroke-dasharray="2 2"/>')
                    text(cx, row_y[key] + 13, f"“{wording}”" if wording else "no grade", 10.5, "middle", ' fill="#333"')
        centres.append(marks)
        x += w + GAP
    for i in range(1, len(plist)):
        if plist[i].scale is not None and plist[i].scale == plist[i - 1].scale:
            for key in sorted(set(centres[i]) & set(centres[i - 1])):
                (x1, y1), (x2, y2) = centres[i - 1][key], centres[i][key]
                out.insert(under, f'<line x1="{x1 + 11:.1f}" y1="{y1:.1f}" x2="{x2 - 11:.1f}" y2="{y2:.1f}" stroke="#555" '
                              f'stroke-width="1.5" stroke-dasharray="5 4"/>')
    y = grid_top + grid_h + 44
    for line in caveat_lines:
        text(20, y, line, 12, extra=' fill="#8a1c1c"')
        y += 16
    for line in footer:
        y += 14
        text(20, y, line, 10.5, extra=' fill="#666"')
    out.append("</svg>")
    return Picture("\n".join(out) + "\n", boxes, len(boxes), sum(len(p.marks) for p in plist))
