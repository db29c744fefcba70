"""Pictures of the graph: an interactive offline page, static SVG/PNG and a grade chart.

All three read the built graph: the page and the static pictures through its
networkx projection (kg.netgraph), the grade chart from the RDF itself. None draws
a literal or an evidence annotation as a node. Outputs are deterministic:
positions come from a seeded layout computed in Python, everything is written in
sorted order, and PNG is rendered from the same SVG.
"""

from __future__ import annotations

from dataclasses import dataclass

FORMATS = ("html", "svg", "png")
#: The most entities a picture of the whole graph shows: past that its labels and links cannot be read
#: (and laying it out takes minutes), so kg asks for one entity's neighbourhood instead.
MAX_WHOLE = {"html": 2000, "svg": 600, "png": 600}
CHARTS = ("grades",)
SUFFIXES = {".html": "html", ".htm": "html", ".svg": "svg", ".png": "png"}


@dataclass(frozen=True)
class Drawing:
    """A finished picture: its bytes and a one-line summary of what it shows."""

    content: bytes
    summary: str


def check_size(dataset, fmt: str, *, focus: str | None = None, chart: str | None = None) -> None:
    """Refuse a whole-graph picture too big to read before the graph is read into memory at all.

    The entities are counted in the store (typed IRIs that are not evidence or ontology
    terms, as kg.netgraph.project keeps them): at a million triples, reading the graph
    into rdflib and networkx took minutes and gigabytes only to refuse it afterwards.
    """
    from ..netgraph import _META, EVIDENCE_TYPES

    if chart is not None or focus is not None or fmt not in MAX_WHOLE:
        return
    excluded = ", ".join(f"<{t}>" for t in sorted(EVIDENCE_TYPES))
    meta = " || ".join(f'STRSTARTS(STR(?other), "{ns}")' for ns in _META)
    # (the kinds to leave out found among the few distinct types first, then their instances taken away whole)
    answer = dataset.raw_query(
        "SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s a ?t . FILTER(isIRI(?s)) "
        "MINUS { { SELECT DISTINCT ?other WHERE { ?any a ?other . } } "
        f"FILTER(?other IN ({excluded}) || {meta}) ?s a ?other . }} }}")
    _refuse_whole(int(next(iter(answer))["n"].value), fmt)


def _refuse_whole(entities: int, fmt: str) -> None:
    """The one refusal of a whole-graph picture too big to read, from the store's count or the drawn graph's."""
    from ..errors import InputError

    if entities > MAX_WHOLE[fmt]:
        raise InputError(f"the whole graph has {entities:,} entities, more than a {fmt} picture can show "
                         f"readably ({MAX_WHOLE[fmt]:,})", where="kg viz",
                         hint="draw one entity's neighbourhood with --focus ENTITY --depth 1, "
                              "or the grades with kg viz --chart grades")


def draw(graph, fmt: str = "html", *, focus: str | None = None, depth: int = 1, chart: str | None = None,
         png_scale: float = 1.0) -> Drawing:
    """Draw an rdflib graph as the page (html), a static picture (svg, png) or a chart (svg, png).

    ``focus`` (an id, CURIE, IRI or exact label) limits the picture to the entities
    within ``depth`` links of that entity.
    """
    from ..errors import InputError
    from ..netgraph import project, resolve

    if fmt not in FORMATS:
        raise InputError(f"unknown picture format '{fmt}'", where="--format", hint=f"use one of {', '.join(FORMATS)}")
    if chart is not None:
        from .chart import grade_chart
        from .svg import to_png

        if chart not in CHARTS:
            raise InputError(f"unknown chart '{chart}'", where="--chart", hint=f"use one of {', '.join(CHARTS)}")
        if fmt == "html":
            raise InputError("the grade chart is drawn as svg or png", where="--format", hint="pass --format svg or png")
        if focus is not None:
            raise InputError("--focus does not apply to a chart", where="--focus", hint="leave it out with --chart")
        picture = grade_chart(graph)
        summary = f"grade chart of {picture.entities} assessments"
        data = picture.svg.encode("utf-8")
        return Drawing(to_png(picture.svg, png_scale) if fmt == "png" else data, summary)
    g = project(graph)
    centre = resolve(g, focus, "--focus") if focus is not None else None
    if centre is None:
        _refuse_whole(g.number_of_nodes(), fmt)
    return _draw_projection(g, fmt, centre, depth, png_scale)


def draw_focus(dataset, fmt: str, focus: str, *, depth: int = 1, png_scale: float = 1.0) -> Drawing:
    """:func:`draw` of one entity's neighbourhood, read from a dataset's store (kg.viz.focus) rather than from the
    whole graph in rdflib: the same picture, in the time and memory of the neighbourhood."""
    from ..errors import InputError
    from .focus import focus_projection

    if fmt not in FORMATS:
        raise InputError(f"unknown picture format '{fmt}'", where="--format", hint=f"use one of {', '.join(FORMATS)}")
    g, centre = focus_projection(dataset, focus, depth)
    return _draw_projection(g, fmt, centre, depth, png_scale)


def _draw_projection(g, fmt: str, centre: str | None, depth: int, png_scale: float) -> Drawing:
    """The page or static picture of a projection (kg.netgraph), whole or around ``centre``."""
    from ..netgraph import neighbourhood

    if fmt == "html":
        from .html import page

        shown = neighbourhood(g, centre, depth) if centre else g
        title = (f"kg: {g.nodes[centre]['label']} and its neighbourhood" if centre else "kg: the knowledge graph")
        return Drawing(page(shown, title).encode("utf-8"),
                       f"interactive page of {shown.number_of_nodes()} entities and {shown.number_of_edges()} links")
    from .svg import graph_svg, to_png

    picture = graph_svg(g, focus=centre, depth=depth)
    summary = f"{picture.entities} entities, {picture.shown} labelled"
    return Drawing(to_png(picture.svg, png_scale) if fmt == "png" else picture.svg.encode("utf-8"), summary)


def format_for(path, fmt: str | None) -> str:
    """The format asked for, else the one the output file's suffix names, else html."""
    from pathlib import Path

    from ..errors import InputError

    if fmt:
        return fmt
    if path is None:
        return "html"
    found = SUFFIXES.get(Path(path).suffix.lower())
    if found is None:
        raise InputError(f"cannot tell the picture format from the suffix '{Path(path).suffix}'", where=str(path),
                         hint="pass --format html, svg or png")
    return found
