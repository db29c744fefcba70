"""Where things go on a picture: node positions, text sizes and labels that never overlap.

Positions come from networkx's spring layout with a fixed seed, computed once in
Python, so a picture is the same on every run and the interactive page has nothing
left to settle. Text is measured with the advance widths of DejaVu Sans (the font
the pictures ask for first, and the one Debian and the PNG renderer have), with a
margin for fallback fonts. Labels are placed greedily, most connected entity first,
at the first spot around the node that overlaps no label, node or reserved area;
a label that has no free spot is left out (the entity keeps its tooltip) rather
than drawn over another.
"""

from __future__ import annotations

import functools
import math
from dataclasses import dataclass

import networkx as nx

FONT = "DejaVu Sans, Verdana, Arial, sans-serif"
#: DejaVu Sans advance widths in em, measured in Chromium; other characters count as 0.64.
_WIDTHS = {
    0.275: "'", 0.278: "ijl", 0.295: "IJ", 0.318: " ,.‘’", 0.337: ":;/\\|", 0.352: "f", 0.361: "-",
    0.39: "()[]", 0.392: "t", 0.401: "!", 0.411: "r", 0.46: '"', 0.5: "*_`–", 0.518: "“”", 0.521: "s",
    0.525: "z", 0.531: "?", 0.55: "c", 0.557: "L", 0.575: "F", 0.579: "k", 0.592: "vxy", 0.603: "P",
    0.611: "TY", 0.612: "o", 0.613: "a", 0.615: "eé", 0.632: "E", 0.634: "hnu", 0.635: "bdgpqS",
    0.636: "0123456789$£{}", 0.656: "K", 0.684: "AV", 0.685: "XZ", 0.686: "B", 0.695: "R", 0.698: "C",
    0.732: "U", 0.748: "N", 0.752: "H", 0.77: "D", 0.775: "G", 0.78: "&", 0.787: "OQ", 0.818: "w",
    0.838: "#+<=>^~", 0.863: "M", 0.95: "%", 0.974: "m", 0.989: "W", 1.0: "@—…",
}
_CHAR_WIDTH = {c: w for w, chars in _WIDTHS.items() for c in chars}
#: Room for fonts a little wider than DejaVu Sans.
MARGIN = 1.06
ASCENT, DESCENT = 0.93, 0.24


def text_width(text: str, size: float) -> float:
    """The width of a line of text in pixels at a font size."""
    return sum(_CHAR_WIDTH.get(c, 0.64) for c in text) * size * MARGIN


def shorten(text: str, limit: int) -> str:
    """Text cut at a word boundary to at most ``limit`` characters, with an ellipsis."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0].rstrip(" ,;:-")
    return (cut or text[: limit - 1]) + "…"


@dataclass(frozen=True)
class Box:
    """An axis-aligned rectangle: left, top, width, height."""

    x: float
    y: float
    w: float
    h: float

    def overlaps(self, other: Box) -> bool:
        return (self.x < other.x + other.w and other.x < self.x + self.w
                and self.y < other.y + other.h and other.y < self.y + self.h)

    def inside(self, other: Box) -> bool:
        return (self.x >= other.x and self.y >= other.y
                and self.x + self.w <= other.x + other.w and self.y + self.h <= other.y + other.h)


def text_box(x: float, y: float, text: str, size: float, anchor: str = "start") -> Box:
    """The box a line of text covers when drawn at (x, baseline y) with an SVG text-anchor."""
    w = text_width(text, size)
    left = x - w if anchor == "end" else x - w / 2 if anchor == "middle" else x
    return Box(left, y - ASCENT * size, w, (ASCENT + DESCENT) * size)


class Occupancy:
    """Boxes already taken, in a coarse grid so that checking a candidate stays cheap."""

    def __init__(self, cell: float = 80.0):
        self.cell = cell
        self.grid: dict[tuple[int, int], list[Box]] = {}

    def _cells(self, box: Box):
        for i in range(int(box.x // self.cell), int((box.x + box.w) // self.cell) + 1):
            for j in range(int(box.y // self.cell), int((box.y + box.h) // self.cell) + 1):
                yield (i, j)

    def free(self, box: Box) -> bool:
        return not any(box.overlaps(b) for c in self._cells(box) for b in self.grid.get(c, ()))

    def add(self, box: Box) -> None:
        for c in self._cells(box):
            self.grid.setdefault(c, []).append(box)


def node_radius(degree: int) -> float:
    """A node's radius: grows with the square root of its links, within 5 to 18 px."""
    return round(min(5.0 + 1.3 * math.sqrt(degree), 18.0), 1)


def canvas_size(n: int) -> tuple[float, float]:
    """A 4:3 drawing area for n entities, with room for a label of some 40 characters each."""
    area = max(n, 8) * 26000.0
    width = max(700.0, math.sqrt(area * 4 / 3))
    return round(width), round(width * 3 / 4)


def _spring(simple: nx.Graph, seed: int, centre: str | None) -> dict:
    """Spring-layout coordinates of a connected graph, spread to an even density in a unit disk.

    A spring layout packs the leaves of a hub tightly around it; moving every node
    along its ray from the middle so that radii follow the square root of their rank
    gives each node about the same room for its label, and keeps who-is-near-whom.
    """
    if len(simple) == 1:
        return {next(iter(simple)): (0.0, 0.0)}
    start, fixed = None, None
    k = 1.6 / math.sqrt(len(simple))
    if centre is not None and centre in simple:
        rings = nx.single_source_shortest_path_length(simple, centre)
        by_ring: dict[int, list] = {}
        for n in sorted(simple.nodes):
            by_ring.setdefault(rings[n], []).append(n)
        start = {}
        for ring, members in by_ring.items():
            for i, n in enumerate(members):
                angle = 2 * math.pi * i / len(members) + ring * 0.5
                start[n] = (ring * math.cos(angle), ring * math.sin(angle))
        fixed = [centre]
        k = 2.2 / math.sqrt(len(simple))
    raw = nx.spring_layout(simple, k=k, iterations=300, seed=seed, pos=start, fixed=fixed)
    pts = {n: (float(p[0]), float(p[1])) for n, p in raw.items()}
    cx, cy = pts[centre] if fixed else (sum(p[0] for p in pts.values()) / len(pts), sum(p[1] for p in pts.values()) / len(pts))
    order = sorted(pts, key=lambda n: (math.hypot(pts[n][0] - cx, pts[n][1] - cy), n))
    spread = {}
    for rank, n in enumerate(order):
        dx, dy = pts[n][0] - cx, pts[n][1] - cy
        dist = math.hypot(dx, dy)
        radius = math.sqrt((rank + 0.5) / len(order)) if not (fixed and n == centre) else 0.0
        spread[n] = (dx / dist * radius, dy / dist * radius) if dist > 1e-12 else (0.0, 0.0)
    return spread


def positions(g: nx.Graph, width: float, height: float, margin: float = 40.0, seed: int = 7,
              centre: str | None = None) -> dict:
    """Node positions in a width x height area, from a seeded spring layout, rounded to 0.1 px.

    The largest connected part fills the area; small parts (under five entities, such
    as a publisher only its article names) sit in a strip along the bottom instead of
    being flung to the corners. With a ``centre``, that node is pinned in the middle
    and the others start on rings by their distance from it, so a neighbourhood reads
    outwards from its subject. The result depends only on the graph, not on the run.
    """
    nodes = tuple(sorted(g.nodes))
    edges = tuple(sorted({(min(u, v), max(u, v)) for u, v in g.edges() if u != v}))
    return dict(_positions(nodes, edges, width, height, margin, seed, centre))


@functools.lru_cache(maxsize=8)
def _positions(nodes: tuple, edges: tuple, width: float, height: float, margin: float, seed: int,
               centre: str | None) -> tuple:
    """positions(), cached: the page and the SVG of one graph share a layout in one run."""
    simple = nx.Graph()
    simple.add_nodes_from(nodes)
    simple.add_edges_from(edges)
    if len(simple) == 0:
        return ()
    parts = sorted((sorted(c) for c in nx.connected_components(simple)), key=lambda c: (-len(c), c[0]))
    big = [p for p in parts if len(p) >= 5] or parts[:1]
    small = [p for p in parts if p not in big]
    strip = 0.0 if not small else 110.0
    main = sorted(n for p in big for n in p)
    spread = _spring(simple.subgraph(main), seed, centre)
    out = {}
    area_w, area_h = width - 2 * margin, height - 2 * margin - strip
    for n in main:
        x, y = spread[n]
        out[n] = (round(margin + (x + 1) / 2 * area_w, 1), round(margin + (y + 1) / 2 * area_h, 1))
    slot = 260.0
    per_row = max(1, int((width - 2 * margin) // slot))
    for i, part in enumerate(small):
        left = margin + (i % per_row) * slot
        top = height - margin - strip + 30 + (i // per_row) * 40
        for j, n in enumerate(part):
            out[n] = (round(left + 10 + (j % 2) * 120, 1), round(top + (j // 2) * 40, 1))
    return tuple(sorted(out.items()))


@dataclass(frozen=True)
class Label:
    """A placed label: its text, baseline position, anchor and the box it covers."""

    node: str
    text: str
    x: float
    y: float
    anchor: str
    box: Box


def place_labels(items: list[tuple[str, float, float, float, str]], size: float, bounds: Box,
                 taken: Occupancy | None = None) -> dict[str, Label]:
    """Labels for (node, x, y, radius, text) items, in the given order, none overlapping.

    Each label tries the right, left, above and below of its node, then further out;
    it must stay inside ``bounds`` and clear of everything in ``taken`` (which gets
    the placed labels added, so edge labels can be placed around them afterwards).
    """
    taken = taken or Occupancy()
    placed: dict[str, Label] = {}
    for _node, x, y, r, _text in items:
        taken.add(Box(x - r, y - r, 2 * r, 2 * r))
    for node, x, y, r, text in items:
        if not text:
            continue
        up = ASCENT * size / 2 - DESCENT * size / 2
        for gap in (3.0, 10.0, 20.0):
            options = [
                (x + r + gap, y + up, "start"), (x - r - gap, y + up, "end"),
                (x, y - r - gap - DESCENT * size, "middle"), (x, y + r + gap + ASCENT * size, "middle"),
                (x + r + gap, y - r - gap / 2, "start"), (x - r - gap, y - r - gap / 2, "end"),
                (x + r + gap, y + r + gap / 2 + ASCENT * size, "start"), (x - r - gap, y + r + gap / 2 + ASCENT * size, "end"),
            ]
            found = None
            for lx, ly, anchor in options:
                box = text_box(lx, ly, text, size, anchor)
                padded = Box(box.x - 1, box.y - 1, box.w + 2, box.h + 2)
                if padded.inside(bounds) and taken.free(padded):
                    found = Label(node, text, round(lx, 1), round(ly, 1), anchor, box)
                    taken.add(padded)
                    break
            if found:
                placed[node] = found
                break
    return placed
