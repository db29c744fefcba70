"""A static SVG of the graph, or of one entity's neighbourhood, for reports and the README.

Entities are circles coloured by class (legend on the right), sized by how many
links they have; links are grey arrows. Labels never overlap: each is placed where
it is clear of every other label and node (see kg.viz.layout), and one that does
not fit is left out of the picture but kept as the node's tooltip. Neighbourhood
pictures (``--focus``) also label the links with their property names.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from xml.sax.saxutils import escape

import networkx as nx

from ..netgraph import neighbourhood
from .layout import FONT, Box, Label, Occupancy, canvas_size, node_radius, place_labels, positions, shorten, text_box
from .palette import class_colours

LABEL_SIZE = 12.0
EDGE_LABEL_SIZE = 10.0
LEGEND_WIDTH = 250.0
HEADER = 70.0


@dataclass
class Picture:
    """A drawn picture: the SVG text and the boxes of every label in it (for checks)."""

    svg: str
    labels: list[Box] = field(default_factory=list)
    shown: int = 0
    entities: int = 0


def _edge_text(g: nx.MultiDiGraph, u: str, v: str) -> str:
    labels = sorted({d["label"] for d in g.get_edge_data(u, v, default={}).values()})
    return ", ".join(labels)


def _edge_labels(g: nx.MultiDiGraph, pos: dict, taken: Occupancy, bounds: Box) -> list[Label]:
    """Property names along the links, where there is room, nearest the link's middle first."""
    placed = []
    for u, v in sorted({(u, v) for u, v in g.edges() if u != v}):
        text = shorten(_edge_text(g, u, v), 30)
        (x1, y1), (x2, y2) = pos[u], pos[v]
        for t in (0.5, 0.4, 0.6, 0.3, 0.7):
            x, y = x1 + (x2 - x1) * t, y1 + (y2 - y1) * t
            box = text_box(x, y + EDGE_LABEL_SIZE * 0.35, text, EDGE_LABEL_SIZE, "middle")
            padded = Box(box.x - 1, box.y - 1, box.w + 2, box.h + 2)
            if padded.inside(bounds) and taken.free(padded):
                taken.add(padded)
                placed.append(Label(f"{u}->{v}", text, round(x, 1), round(y + EDGE_LABEL_SIZE * 0.35, 1), "middle", box))
                break
    return placed


def _backed(lab: Label, bold: bool = False) -> str:
    """A label on a white card, so the links under it do not cut through the letters."""
    b = lab.box
    weight = ' font-weight="bold"' if bold else ""
    return (f'<rect x="{b.x - 1:.1f}" y="{b.y:.1f}" width="{b.w + 2:.1f}" height="{b.h:.1f}" rx="2" fill="#ffffff" '
            f'fill-opacity="0.85" stroke="none"/><text x="{lab.x}" y="{lab.y}" text-anchor="{lab.anchor}"{weight}>'
            f'{escape(lab.text)}</text>')


def _legend(g: nx.MultiDiGraph, colours: dict, x: float, y: float) -> tuple[list[str], list[Box]]:
    counts: dict[str, int] = {}
    for _, d in g.nodes(data=True):
        counts[d["cls"]] = counts.get(d["cls"], 0) + 1
    names = {d["cls"]: d["cls_label"] for _, d in g.nodes(data=True)}
    out = [f'<text x="{x}" y="{y}" font-size="13" font-weight="bold">Classes</text>']
    boxes = [text_box(x, y, "Classes", 13) ]
    for i, cls in enumerate(sorted(counts, key=lambda c: (-counts[c], names[c]))):
        cy = y + 22 + i * 19
        text = f"{names[cls]} ({counts[cls]})"
        out.append(f'<circle cx="{x + 6}" cy="{cy - 4}" r="6" fill="{colours[cls]}" stroke="#333" stroke-width="0.8"/>')
        out.append(f'<text x="{x + 18}" y="{cy}" font-size="12">{escape(text)}</text>')
        boxes.append(text_box(x + 18, cy, text, 12))
    notes = ["Arrows point from a fact to what", "it names: a quotation → its", "speaker, a finding → who made it.",
             "Bigger circles have more links."]
    y = y + 22 + len(counts) * 19 + 14
    for note in notes:
        out.append(f'<text x="{x}" y="{y}" font-size="11" fill="#555555">{escape(note)}</text>')
        boxes.append(text_box(x, y, note, 11))
        y += 15
    return out, boxes


def graph_svg(g: nx.MultiDiGraph, *, focus: str | None = None, depth: int = 1, title: str | None = None,
              subtitle: str | None = None) -> Picture:
    """The whole projected graph, or the neighbourhood of ``focus`` within ``depth`` links, as SVG."""
    sub = neighbourhood(g, focus, depth) if focus else g
    w, h = canvas_size(len(sub))
    pos = {n: (x + 10, y + HEADER) for n, (x, y) in positions(sub, w, h, centre=focus).items()}
    total_w, total_h = w + 20 + LEGEND_WIDTH, h + HEADER + 30
    colours = class_colours(sorted(g.graph.get("classes") or {d["cls"] for _, d in g.nodes(data=True)}))
    degree = dict(sub.degree())
    bounds = Box(0, HEADER - 10, w + 20, h + 40)
    order = sorted(sub.nodes, key=lambda n: (n != focus, -degree[n], n))
    items = [(n, *pos[n], node_radius(degree[n]) + (3 if n == focus else 0), shorten(sub.nodes[n]["label"], 44)) for n in order]
    taken = Occupancy()
    labels = place_labels(items, LABEL_SIZE, bounds, taken)
    edge_labels = _edge_labels(sub, pos, taken, bounds) if focus else []

    if title is None:
        title = (f"{g.nodes[focus]['label']}: everything within {depth} link{'s' if depth != 1 else ''}" if focus
                 else "The knowledge graph: every entity and the links between them")
    if subtitle is None:
        articles = sorted({s.split(":", 1)[-1] for n in sub for s in sub.nodes[n]["sources"]})
        plural = "s" if len(articles) > 1 else ""
        subtitle = f"{len(sub)} entities, {sub.number_of_edges()} links, stated by the article{plural} {' and '.join(articles)}"
        if len(labels) < len(sub):
            subtitle += f"; {len(sub) - len(labels)} labels left out where they would overlap (hover a circle for its name)"
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{total_w:.0f}" height="{total_h:.0f}" '
           f'viewBox="0 0 {total_w:.0f} {total_h:.0f}" font-family="{FONT}">',
           f'<rect width="{total_w:.0f}" height="{total_h:.0f}" fill="#ffffff"/>',
           '<defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" '
           'orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="#9a9a9a"/></marker></defs>',
           f'<text x="16" y="30" font-size="20" font-weight="bold">{escape(title)}</text>',
           f'<text x="16" y="52" font-size="13" fill="#444">{escape(subtitle)}</text>',
           '<g class="edges" stroke="#b0b0b0" stroke-width="1" fill="none">']
    boxes = [text_box(16, 30, title, 20), text_box(16, 52, subtitle, 13)]
    for u, v in sorted({(u, v) for u, v in sub.edges() if u != v}):
        (x1, y1), (x2, y2) = pos[u], pos[v]
        d = math.hypot(x2 - x1, y2 - y1) or 1.0
        r1, r2 = node_radius(degree[u]), node_radius(degree[v]) + 1.5
        out.append(f'<line x1="{x1 + (x2 - x1) * r1 / d:.1f}" y1="{y1 + (y2 - y1) * r1 / d:.1f}" '
                   f'x2="{x2 - (x2 - x1) * r2 / d:.1f}" y2="{y2 - (y2 - y1) * r2 / d:.1f}" marker-end="url(#arrow)">'
                   f'<title>{escape(sub.nodes[u]["label"])} → {escape(_edge_text(sub, u, v))} → '
                   f'{escape(sub.nodes[v]["label"])}</title></line>')
    out.append("</g>")
    out.append('<g class="nodes" stroke="#333333" stroke-width="0.8">')
    for n in sorted(sub.nodes):
        x, y = pos[n]
        d = sub.nodes[n]
        extra = ' stroke-width="3" stroke="#000000"' if n == focus else ""
        out.append(f'<circle cx="{x}" cy="{y}" r="{node_radius(degree[n]) + (3 if n == focus else 0)}" fill="{colours[d["cls"]]}"'
                   f'{extra}><title>{escape(d["label"])} ({escape(d["cls_label"])}, {escape(n)})</title></circle>')
    out.append("</g>")
    out.append(f'<g class="edge-labels" font-size="{EDGE_LABEL_SIZE}" fill="#555555" font-style="italic">')
    for lab in edge_labels:
        out.append(_backed(lab))
    out.append("</g>")
    out.append(f'<g class="labels" font-size="{LABEL_SIZE}" fill="#111111">')
    for n in sorted(labels):
        out.append(_backed(labels[n], bold=n == focus))
    out.append("</g>")
    legend, legend_boxes = _legend(sub, colours, w + 30, HEADER + 10)
    out += legend
    out.append("</svg>")
    all_boxes = boxes + [lab.box for lab in labels.values()] + [lab.box for lab in edge_labels] + legend_boxes
    return Picture("\n".join(out) + "\n", all_boxes, len(labels), len(sub))


def to_png(svg: str, scale: float = 1.0) -> bytes:
    """An SVG rendered to PNG with CairoSVG (which needs the system's cairo library)."""
    from ..errors import InputError

    try:
        import cairosvg
    except (ImportError, OSError) as e:  # OSError: the cairo library itself is missing
        raise InputError(f"PNG needs CairoSVG and the cairo library: {e}", where="--format png",
                         hint="install libcairo2 (apt-get install libcairo2) or use --format svg") from None
    return cairosvg.svg2png(bytestring=svg.encode("utf-8"), scale=scale)


__all__ = ["graph_svg", "to_png", "Picture"]
