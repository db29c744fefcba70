"""The interactive page: one self-contained HTML file that works from file:// with no network.

The page is a template, a stylesheet and a script shipped in ``kg/viz/assets/``,
inlined together with the graph's data as JSON; a Content-Security-Policy forbids
any request, so the page cannot fetch anything even by mistake. Node positions are
computed here (seeded spring layout), so the picture is drawn once and stays put;
the script only handles zoom, search, class and source filters, and the side panel
that shows an entity's literals, evidence quotes and linked facts.
"""

from __future__ import annotations

import json
import re
from html import escape
from importlib import resources

import networkx as nx

from .layout import canvas_size, node_radius, positions
from .palette import class_colours

REFERENCE = "reference terms (grades, scales, roles; no article)"


def _asset(name: str) -> str:
    return resources.files("kg.viz").joinpath("assets", name).read_text(encoding="utf-8")


def page_data(g: nx.MultiDiGraph) -> dict:
    """Everything the page shows, as plain JSON-ready data, in sorted order."""
    w, h = canvas_size(len(g))
    pos = positions(g, w, h)
    degree = dict(g.degree())
    colours = class_colours(list(g.graph["classes"]))
    counts: dict[str, int] = {}
    per_source: dict[str, int] = {}
    for _, d in g.nodes(data=True):
        counts[d["cls"]] = counts.get(d["cls"], 0) + 1
        for s in d["sources"]:
            per_source[s] = per_source.get(s, 0) + 1
    nodes = []
    for n in sorted(g.nodes):
        d = g.nodes[n]
        nodes.append({"id": n, "label": d["label"], "cls": d["cls"], "x": pos[n][0], "y": pos[n][1],
                      "r": node_radius(degree[n]), "degree": degree[n], "sources": d["sources"],
                      "literals": [[label, value] for _, label, value in d["literals"]], "text": d["text"],
                      "evidence": [{"source": e["source"], "quote": e["quote"], "location": e["location"]}
                                   for e in d["evidence"]]})
    pairs: dict[tuple[str, str], set[str]] = {}
    for u, v, d in g.edges(data=True):
        if u != v:
            pairs.setdefault((u, v), set()).add(d["label"])
    edges = [{"s": u, "t": v, "labels": sorted(labels)} for (u, v), labels in sorted(pairs.items())]
    classes = [{"id": c, "label": label, "colour": colours[c], "count": counts.get(c, 0)}
               for c, label in sorted(g.graph["classes"].items(), key=lambda kv: (-counts.get(kv[0], 0), kv[1]))]
    sources = [{"id": s, "label": label, "count": per_source.get(s, 0)} for s, label in g.graph["sources"].items()]
    unsourced = sum(1 for _, d in g.nodes(data=True) if not d["sources"])
    reference = {"id": "", "label": REFERENCE, "count": unsourced} if unsourced else None
    return {"nodes": nodes, "edges": edges, "classes": classes, "sources": sources, "reference": reference}


def _sources_said(g: nx.MultiDiGraph) -> str:
    """'2 source articles and 4 reference sources': the sources counted by their class (as the legend lists them)."""
    by_class: dict[str, int] = {}
    for s in g.graph["sources"]:
        label = g.nodes[s]["cls_label"] if s in g else "source"
        by_class[label] = by_class.get(label, 0) + 1
    ordered = sorted(by_class.items(), key=lambda kv: (kv[0] != "source article", kv[0]))  # articles first
    parts = [f"{n} {label}{'s' if n != 1 else ''}" for label, n in ordered]
    return " and ".join([", ".join(parts[:-1]), parts[-1]] if len(parts) > 1 else parts) or "no sources"


def _script_json(data: dict) -> str:
    """JSON safe inside a <script> element: no '</' or HTML comment openers, one line."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return text.replace("</", "<\\/").replace("<!--", "<\\!--").replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")


def page(g: nx.MultiDiGraph, title: str = "kg: the knowledge graph") -> str:
    """The self-contained HTML page for a projected graph."""
    data = page_data(g)
    summary = f"{g.number_of_nodes()} entities and {g.number_of_edges()} links from {_sources_said(g)}"
    values = {"CSS": _asset("page.css"), "JS": _asset("page.js"), "TITLE": escape(title), "SUMMARY": escape(summary),
              "DATA": _script_json(data)}
    return re.sub(r"\{\{([A-Z]+)\}\}", lambda m: values[m.group(1)], _asset("page.html"))
