"""Pictures, paths and stats: the networkx view of the graph and what is drawn from it.

Expected figures are computed here from the RDF graph with SPARQL, not taken from
the code under test: instances are nodes, evidence and literals are not, labels never
overlap, and every output is the same bytes on every run.
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET

import pytest
from click.testing import CliRunner
from rdflib import URIRef

from kg.cli import cli
from kg.netgraph import project, shortest_paths
from kg.prefixes import curie
from kg.viz import draw
from kg.viz.chart import grade_chart
from kg.viz.layout import text_box
from kg.viz.svg import graph_svg

from .conftest import clean_error

SVG = "{http://www.w3.org/2000/svg}"
ENTITIES = """
PREFIX oa: <http://www.w3.org/ns/oa#>
SELECT DISTINCT ?s WHERE {
  ?s a ?t . FILTER(isIRI(?s))
  FILTER NOT EXISTS { ?s a ?e . VALUES ?e { oa:Annotation oa:SpecificResource oa:TextQuoteSelector oa:TextPositionSelector } }
  FILTER NOT EXISTS { ?s a ?m . FILTER(STRSTARTS(STR(?m), "http://www.w3.org/2002/07/owl#")
                                       || STRSTARTS(STR(?m), "http://www.w3.org/2000/01/rdf-schema#")) }
}"""
ZOE_QUOTES = """
PREFIX kg: <https://w3id.org/policing-kg/def#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?text WHERE { ?zoe rdfs:label "Zoe Billingham" . ?q a kg:Quotation ; kg:speaker ?zoe ; kg:quoteText ?text }"""


def entities(graph) -> set[str]:
    """The instances the pictures must show: typed IRIs that are neither ontology terms nor evidence."""
    return {curie(str(row.s)) for row in graph.query(ENTITIES)}


def neighbours(graph, node: URIRef) -> set[str]:
    """Entities one object-property link away from node, either way, provenance and evidence aside."""
    found = set()
    skip = {URIRef("http://www.w3.org/ns/prov#wasDerivedFrom"), URIRef("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")}
    for p, o in graph.predicate_objects(node):
        if p not in skip and isinstance(o, URIRef):
            found.add(curie(str(o)))
    for s, p in graph.subject_predicates(node):
        if p not in skip:
            found.add(curie(str(s)))
    return (found & entities(graph)) | {curie(str(node))}


def with_statements(graph, extra: list):
    """A copy of a graph with some statements added (the shared built graph is not modified)."""
    from rdflib import Graph

    copy = Graph()
    for triple in [*graph, *extra]:
        copy.add(triple)
    return copy


@pytest.fixture(scope="module")
def g(built_graph):
    return project(built_graph)


@pytest.fixture(scope="module")
def stored_graph(built_project):
    """The whole graph with its build metadata as the store gives it to rdflib, read once for the module's focused
    pictures (0.4 s each time; drawing does not change it)."""
    from kg.dataset import open_dataset

    return open_dataset(built_project).rdflib_graph(metadata=True)


def _no_overlaps(boxes) -> None:
    for i, a in enumerate(boxes):
        for b in boxes[i + 1:]:
            assert not a.overlaps(b), (a, b)


def _svg_text_boxes(svg: str):
    """Every text element's box, measured again from the SVG's own attributes."""
    root = ET.fromstring(svg)
    boxes = []
    for parent in root.iter():
        size = parent.get("font-size")
        for t in parent.findall(f"{SVG}text"):
            boxes.append(text_box(float(t.get("x")), float(t.get("y")), t.text, float(t.get("font-size") or size),
                                  t.get("text-anchor", "start")))
    return boxes


# --- the projection ----------------------------------------------------------------------

def test_instances_are_nodes_and_evidence_ontology_and_literals_are_not(g, built_graph):
    assert set(g.nodes) == entities(built_graph)
    evidence = {curie(str(s)) for s in built_graph.subjects(URIRef("http://www.w3.org/ns/oa#hasBody"), None)}
    assert evidence and not evidence & set(g.nodes)


def test_links_are_labelled_with_property_labels(g, built_graph):
    zoe = "kgr:zoe-billingham"
    speaker_of = {u for u, v, d in g.in_edges(zoe, data=True) if d["label"] == "speaker"}
    expected = {curie(str(s)) for s in built_graph.subjects(URIRef("https://w3id.org/policing-kg/def#speaker"),
                                                           URIRef("https://w3id.org/policing-kg/id/zoe-billingham"))}
    assert speaker_of == expected and expected


def test_literals_and_evidence_are_node_attributes(g, built_graph):
    quotes = {str(row.text) for row in built_graph.query(ZOE_QUOTES)}
    said = {g.nodes[u]["text"] for u, _, d in g.in_edges("kgr:zoe-billingham", data=True) if d["label"] == "speaker"}
    assert said == quotes
    evidence = g.nodes["kgr:zoe-billingham"]["evidence"]
    assert evidence and all(e["quote"] and e["source"].startswith("kgr:") for e in evidence)


# --- kg paths ----------------------------------------------------------------------------

@pytest.mark.parametrize("a", ["zoe-billingham", "kgr:zoe-billingham", "https://w3id.org/policing-kg/id/zoe-billingham",
                               "Zoe Billingham"])
def test_paths_accepts_id_curie_iri_or_label(built_project, a):
    result = CliRunner().invoke(cli, ["--project", str(built_project.root), "paths", a, "Bedfordshire Police"])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("Zoe Billingham and Bedfordshire Police are ")


def test_every_step_of_a_path_is_a_triple_of_the_graph(g, built_graph):
    paths, total = shortest_paths(g, "kgr:zoe-billingham", "kgr:john-tizard", limit=50)
    assert paths and total >= len(paths)
    labels = {}
    for p in set(built_graph.predicates()):
        labels.setdefault(str(built_graph.value(p, URIRef("http://www.w3.org/2000/01/rdf-schema#label"))), set()).add(p)
    expand = {n: URIRef(d["iri"]) for n, d in g.nodes(data=True)}
    for steps in paths:
        assert len(steps) == len(paths[0])
        assert steps[0].source == "kgr:zoe-billingham" and steps[-1].target == "kgr:john-tizard"
        for step in steps:
            for label, forward in step.labels:
                s, o = (step.source, step.target) if forward else (step.target, step.source)
                assert any((expand[s], p, expand[o]) in built_graph for p in labels[label]), (step, label)


def test_paths_are_counted_and_the_first_by_label_shown_however_many_there_are():
    # Four layers of 12 entities between two ends: 12**4 = 20,736 shortest paths. They are counted, not listed,
    # and the ones shown are the first by the labels they pass, then by id (here, labels repeat across layers).
    import networkx as nx

    g = nx.MultiDiGraph()
    layers = [["a"], *[[f"l{i}-{j:02d}" for j in range(12)] for i in range(4)], ["b"]]
    for layer in layers:
        for n in layer:
            g.add_node(n, label=f"name {n[-1]}" if n not in ("a", "b") else n)
    for upper, lower in zip(layers, layers[1:], strict=False):
        for u in upper:
            for v in lower:
                g.add_edge(u, v, key="p", label="p")
    paths, total = shortest_paths(g, "a", "b", limit=7)
    assert total == 12 ** 4 == sum(1 for _ in nx.all_shortest_paths(g.to_undirected(as_view=True), "a", "b"))
    every = sorted(nx.all_shortest_paths(g.to_undirected(as_view=True), "a", "b"),
                   key=lambda p: ([g.nodes[n]["label"] for n in p], p))
    assert [[steps[0].source] + [s.target for s in steps] for steps in paths] == every[:7]


def test_paths_exit_1_when_unconnected_and_2_for_an_unknown_entity(built_project, g):
    isolated = sorted(n for n in g if g.degree(n) == 0)
    root = ["--project", str(built_project.root), "paths"]
    if isolated:
        result = CliRunner().invoke(cli, [*root, isolated[0], "zoe-billingham"])
        assert result.exit_code == 1 and result.output.startswith("No path links ")
    message = clean_error(CliRunner().invoke(cli, [*root, "zoe", "nobody-at-all"]))
    assert "no entity with id or label 'zoe'" in message and "zoe-billingham" in message


# --- kg stats ----------------------------------------------------------------------------

def test_stats_counts_classes_and_facts_per_source(built_project, built_graph):
    result = CliRunner().invoke(cli, ["--project", str(built_project.root), "stats", "--json", "--top", "3"])
    assert result.exit_code == 0, result.output
    stats = json.loads(result.output)
    assert stats["entities"] == len(entities(built_graph)) == sum(stats["by_class"].values())
    per_source = {str(row.src): int(row.n) for row in built_graph.query(
        "SELECT ?src (COUNT(DISTINCT ?f) AS ?n) WHERE { ?f <http://www.w3.org/ns/prov#wasDerivedFrom> ?src } GROUP BY ?src")}
    assert {s: v["facts"] for s, v in stats["by_source"].items()} == {curie(k): v for k, v in per_source.items()}
    top = stats["most_connected"]
    assert len(top) == 3 and top[0]["degree"] >= top[1]["degree"] >= top[2]["degree"]
    assert all(0.0 <= e["betweenness"] <= 1.0 for e in top)
    text = CliRunner().invoke(cli, ["--project", str(built_project.root), "stats"]).output
    assert "Entities by class:" in text and "Facts by source article:" in text and top[0]["label"] in text


def whole_graph_statistics(g, top: int, sample: int) -> dict:
    """kg stats as networkx computes it on the whole graph's projection: the oracle of the store's figures."""
    from collections import Counter

    import networkx as nx

    by_class = Counter(d["cls_label"] for _, d in g.nodes(data=True))
    per_source = Counter(s for _, d in g.nodes(data=True) if d["is_fact"] for s in d["sources"])
    simple = nx.Graph(g.to_undirected(as_view=True))
    simple.remove_edges_from(nx.selfloop_edges(simple))
    k = sample if len(simple) > sample else None
    betweenness = nx.betweenness_centrality(simple, k=k, seed=0 if k else None)
    degree = dict(g.degree())
    ranked = sorted(g.nodes, key=lambda n: (-degree[n], -round(betweenness[n], 9), n))[:top]
    return {"entities": g.number_of_nodes(), "relations": g.number_of_edges(),
            "components": nx.number_connected_components(simple),
            "by_class": dict(sorted(by_class.items(), key=lambda kv: (-kv[1], kv[0]))),
            "by_source": {s: {"label": g.graph["sources"].get(s, s), "facts": per_source[s]}
                          for s in sorted(per_source, key=lambda s: (-per_source[s], s))},
            "most_connected": [{"id": n, "label": g.nodes[n]["label"], "degree": degree[n],
                                "betweenness": round(betweenness[n], 4)} for n in ranked]}


@pytest.mark.parametrize(("sample", "top"), [(500, 10), (500, 300), (40, 25), (7, 10)])
def test_stats_counted_in_the_store_are_networkxs_on_the_whole_graph(built_project, g, sample, top, monkeypatch):
    # kg stats never reads the whole graph into rdflib: every figure (exact betweenness below the sample size,
    # networkx's seeded sample of sources above it) is the one networkx gives on the whole graph's projection.
    import kg.stats
    from kg.dataset import Dataset, open_dataset

    monkeypatch.setattr(kg.stats, "BETWEENNESS_SAMPLE", sample)
    monkeypatch.setattr(Dataset, "rdflib_graph", lambda *a, **k: pytest.fail("the whole graph was read"))
    assert kg.stats.statistics(open_dataset(built_project), top) == whole_graph_statistics(g, top, sample)


def test_stats_of_subjects_with_several_types_are_networkxs_too(built_graph):
    # A subject of a class and its subclass counts once, under the subclass; one of an instance type and an
    # evidence type is no entity, and its links are none.
    from rdflib import Literal

    from kg.dataset import Dataset
    from kg.stats import statistics
    from kg.vocab import KG, KGR, OA, RDF, RDFS

    g = with_statements(built_graph, [
        (KGR["zz-both"], RDF.type, KG.Finding), (KGR["zz-both"], RDF.type, KG.Concern),
        (KGR["zz-both"], KG.about, KGR["bedfordshire-police"]), (KGR["zz-note"], RDF.type, KG.Place),
        (KGR["zz-note"], RDF.type, OA.Annotation), (KGR["zz-note"], RDFS.label, Literal("Not an entity")),
        (KGR["zz-note"], KG.about, KGR["bedfordshire-police"])])
    stats = statistics(Dataset.from_rdflib(g), 12)
    assert stats == whole_graph_statistics(project(g), 12, 500)
    assert stats["entities"] == len(entities(built_graph)) + 1


@pytest.mark.parametrize("edges", [[], [(0, 1)], [(0, 1), (1, 2), (2, 0), (2, 3)], [(0, 1), (2, 3), (3, 4), (4, 5)],
                                   [(i, j) for i in range(6) for j in range(i + 1, 6)],
                                   [(0, i) for i in range(1, 9)] + [(i, i + 1) for i in range(1, 8)]])
def test_betweenness_is_networkxs(edges):
    import networkx as nx
    import numpy as np
    from scipy.sparse import coo_matrix

    from kg.stats import betweenness

    n = max((max(e) for e in edges), default=1) + 2  # and an isolated node
    pairs = [*edges, *((b, a) for a, b in edges)]
    matrix = coo_matrix((np.ones(len(pairs)), ([a for a, _ in pairs], [b for _, b in pairs])), shape=(n, n)).tocsr()
    simple = nx.Graph(edges)
    simple.add_nodes_from(range(n))
    expected = nx.betweenness_centrality(simple)
    assert np.allclose(betweenness(matrix), [expected[i] for i in range(n)], atol=1e-12)


def test_paths_found_in_the_store_are_the_whole_graphs(built_project, g, monkeypatch):
    # kg paths searches from both ends in the store and reads only the entities on shortest paths: the answer,
    # path by path, is the one networkx gives on the whole graph's projection, for pairs near and far, unlinked
    # and the same entity twice.
    import random

    from kg.dataset import Dataset, open_dataset
    from kg.entities import path_projection
    from kg.netgraph import format_paths

    nodes, rng = sorted(g.nodes), random.Random(11)
    pairs = [tuple(rng.sample(nodes, 2)) for _ in range(20)]  # (one generator: a new one per pair drew one pair 60 times)
    pairs += [(nodes[0], nodes[0]), ("kgr:zoe-billingham", "kgr:john-tizard"),
              ("kgr:bedfordshire-police", "kgr:police-professional-2025")]
    isolated = sorted(n for n in g if g.degree(n) == 0)
    pairs += [(isolated[0], "kgr:zoe-billingham")] if isolated else []
    dataset = open_dataset(built_project)
    monkeypatch.setattr(Dataset, "rdflib_graph", lambda *a, **k: pytest.fail("the whole graph was read"))
    assert len(set(pairs)) == len(pairs)
    for a, b in pairs:
        small, start, end = path_projection(dataset, a, b)
        for limit in (1, 5):
            assert format_paths(small, start, end, *shortest_paths(small, start, end, limit)) == \
                format_paths(g, a, b, *shortest_paths(g, a, b, limit)), (a, b, limit)


# --- static SVG --------------------------------------------------------------------------

def test_whole_graph_svg_shows_every_entity_with_no_overlapping_labels(g, built_graph):
    picture = graph_svg(g)
    root = ET.fromstring(picture.svg)
    circles = root.find(f"{SVG}g[@class='nodes']").findall(f"{SVG}circle")
    assert len(circles) == len(entities(built_graph))
    _no_overlaps(picture.labels)
    _no_overlaps(_svg_text_boxes(picture.svg))
    assert picture.shown >= 0.8 * picture.entities, "most entities are named"


def test_focus_svg_shows_the_neighbourhood_with_link_labels(g, built_graph):
    picture = graph_svg(g, focus="kgr:zoe-billingham", depth=1)
    root = ET.fromstring(picture.svg)
    circles = root.find(f"{SVG}g[@class='nodes']").findall(f"{SVG}circle")
    assert len(circles) == len(neighbours(built_graph, URIRef("https://w3id.org/policing-kg/id/zoe-billingham")))
    labels = [t.text for t in root.find(f"{SVG}g[@class='labels']").findall(f"{SVG}text")]
    assert "Zoe Billingham" in labels
    link_labels = {t.text for t in root.find(f"{SVG}g[@class='edge-labels']").findall(f"{SVG}text")}
    assert {"speaker", "made by"} <= link_labels
    _no_overlaps(_svg_text_boxes(picture.svg))


def test_png_is_rendered_from_the_svg(built_graph):
    try:
        import cairosvg  # noqa: F401
    except (ImportError, OSError) as e:  # OSError: CairoSVG is there but the cairo library is not
        pytest.skip(f"PNG needs CairoSVG and libcairo2: {e}")
    png = draw(built_graph, "png", focus="zoe-billingham").content
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    assert png == draw(built_graph, "png", focus="zoe-billingham").content


# --- the grade chart ---------------------------------------------------------------------

GRADED = """
PREFIX kg: <https://w3id.org/policing-kg/def#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT ?assessment ?areaLabel ?gradeLabel ?rank ?caveat WHERE {
  ?assessment a kg:Assessment .
  OPTIONAL { ?assessment kg:area/rdfs:label ?areaLabel }
  OPTIONAL { ?assessment kg:grade ?grade . ?grade skos:prefLabel ?gradeLabel ; kg:rank ?rank ; skos:inScheme/kg:caveat ?caveat }
}"""


def test_grade_chart_puts_each_grade_on_its_own_scale_and_prints_the_caveat(built_graph):
    picture = grade_chart(built_graph)
    root = ET.fromstring(picture.svg)
    texts = " ".join(t.text for t in root.iter(f"{SVG}text"))  # wrapped lines join up again with spaces
    rows = list(built_graph.query(GRADED))
    assert picture.entities == len({r.assessment for r in rows})
    for row in rows:
        if row.areaLabel is not None:
            assert str(row.areaLabel) in texts
        if row.caveat is not None:
            assert "Caveat: " + str(row.caveat) in texts
    marks = [c for c in root.iter(f"{SVG}circle") if c.get("r") == "10"]
    assert len(marks) == len({r.assessment for r in rows if r.gradeLabel is not None})
    _no_overlaps(picture.labels)


def test_a_graph_with_no_assessments_has_no_grade_chart_to_draw():
    from rdflib import Graph

    from kg.errors import InputError

    with pytest.raises(InputError, match="no assessments"):
        grade_chart(Graph())


SCALES = """
PREFIX kg: <https://w3id.org/policing-kg/def#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT ?inspection (COUNT(DISTINCT ?grade) AS ?grades) WHERE {
  ?assessment a kg:Assessment ; kg:inspection ?inspection . ?inspection kg:usesScale ?scale . ?grade skos:inScheme ?scale
} GROUP BY ?inspection"""


def test_grade_chart_numbers_each_scale_by_its_own_ranks(built_graph):
    root = ET.fromstring(grade_chart(built_graph).svg)
    ranks = [int(t.text) for t in root.iter(f"{SVG}text") if t.text.isdigit() and t.get("font-size") == "10"]
    runs: list[list[int]] = []
    for r in ranks:
        if r == 1:
            runs.append([])
        runs[-1].append(r)
    assert all(run == list(range(1, len(run) + 1)) for run in runs), "each panel counts its scale from 1 (best)"
    assert sorted(len(run) for run in runs) == sorted(int(row.grades) for row in built_graph.query(SCALES))


# --- the interactive page ----------------------------------------------------------------

def test_page_is_self_contained_and_carries_every_entity(built_graph):
    text = draw(built_graph, "html").content.decode("utf-8")
    assert "Content-Security-Policy" in text and "default-src 'none'" in text
    assert not re.search(r"<(script|img|link|iframe)[^>]+(src|href)=", text, re.I), "nothing is loaded from elsewhere"
    assert not re.search(r"url\(\s*['\"]?(https?:|//)", text), "no remote styles"
    data = json.loads(re.search(r'<script type="application/json" id="kg-data">(.*?)</script>', text, re.S).group(1))
    assert {n["id"] for n in data["nodes"]} == entities(built_graph)
    assert not any("-evidence-" in n["id"] for n in data["nodes"])
    zoe = next(n for n in data["nodes"] if n["label"] == "Zoe Billingham")
    assert zoe["evidence"] and all(e["source"] in {s["id"] for s in data["sources"]} for e in zoe["evidence"])
    # The seeds are two articles (The Comet, Police Professional); the grade scales come from four reference pages.
    assert " links from 2 source articles and 4 reference sources " in text


def test_viz_cli_writes_each_kind_and_refuses_what_does_not_fit(built_project, tmp_path):
    root = ["--project", str(built_project.root), "viz"]
    for args, name in ((["-o", str(tmp_path / "g.html")], "g.html"), (["-o", str(tmp_path / "g.svg")], "g.svg"),
                       (["--chart", "grades", "-o", str(tmp_path / "c.svg")], "c.svg")):
        result = CliRunner().invoke(cli, [*root, *args])
        assert result.exit_code == 0, result.output
        assert result.output.startswith(f"Wrote {tmp_path / name}: ")
    ET.fromstring((tmp_path / "c.svg").read_text(encoding="utf-8"))
    assert "--format" in clean_error(CliRunner().invoke(cli, [*root, "--chart", "grades", "--format", "html"]))
    assert "no entity" in clean_error(CliRunner().invoke(cli, [*root, "--focus", "no-such-thing", "-o", str(tmp_path / "x.svg")]))
    assert not (tmp_path / "x.svg").exists()


def test_a_whole_graph_too_big_to_read_is_refused_with_a_pointer_to_focus():
    from rdflib import Graph, Literal

    from kg.errors import InputError
    from kg.viz import MAX_WHOLE, draw
    from kg.vocab import KG, KGR, RDF, RDFS

    g = Graph()
    for i in range(MAX_WHOLE["svg"] + 1):
        g.add((KGR[f"zz-place-{i}"], RDF.type, KG.Place))
        g.add((KGR[f"zz-place-{i}"], RDFS.label, Literal(f"Place {i}")))
    with pytest.raises(InputError, match="--focus ENTITY") as refused:
        draw(g, "svg")
    assert f"{MAX_WHOLE['svg'] + 1:,} entities" in str(refused.value)
    assert str(refused.value).count("(") == str(refused.value).count(")") == 2  # one line, no brackets in brackets
    focused = draw(g, "svg", focus="zz-place-3", depth=1)
    assert b"Place 3" in focused.content


@pytest.mark.parametrize(("focus", "depth", "fmt"), [
    ("zoe-billingham", 1, "svg"), ("zoe-billingham", 2, "html"), ("Bedfordshire Police", 1, "html"),
    ("bedfordshire-police", 2, "svg"), ("kgr:peel-2016-effectiveness-bedfordshire", 0, "svg"),
    ("police-professional-2025", 1, "html"),
])
def test_a_focused_picture_read_from_the_store_is_the_whole_graphs_picture(built_project, stored_graph, focus, depth,
                                                                           fmt, monkeypatch):
    # kg viz --focus reads only the neighbourhood from the store (kg.viz.focus), never the whole graph into rdflib,
    # and draws the same bytes as the picture cut from the whole graph's projection: nodes, links, side panel,
    # legend classes and colours, sources.
    from kg.dataset import Dataset, open_dataset
    from kg.viz import draw_focus

    whole = draw(stored_graph, fmt, focus=focus, depth=depth)
    monkeypatch.setattr(Dataset, "rdflib_graph", lambda *a, **k: pytest.fail("the whole graph was read"))
    assert draw_focus(open_dataset(built_project), fmt, focus, depth=depth).content == whole.content


def test_the_legend_of_a_focused_picture_is_the_whole_graphs_also_with_subjects_of_several_types(built_graph):
    # With a subject of two types (one a subclass of the other) and one of two unrelated types, the legend read
    # from the store (each subject's types grouped there) still names each instance by its most specific class.
    from rdflib import Literal

    from kg.dataset import Dataset
    from kg.viz.focus import whole_graph_legend
    from kg.vocab import KG, KGR, RDF, RDFS

    g = with_statements(built_graph, [
        (KGR["zz-both"], RDF.type, KG.Finding), (KGR["zz-both"], RDF.type, KG.Concern),
        (KGR["zz-two"], RDF.type, KG.Place), (KGR["zz-two"], RDF.type, KG.Theme),
        (KGR["zz-two"], RDFS.label, Literal("Two kinds"))])
    assert whole_graph_legend(Dataset.from_rdflib(g)) == (project(g).graph["classes"], project(g).graph["sources"])
