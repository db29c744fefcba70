"""A rebuild validates a dataset in parts (kg.validation.SplitShapes) and must find what validating all of it finds.

The local shapes run over parts of the dataset, each with the descriptions of the nodes it points at; the
shapes marked kgsh:reads (those that span data files) run over only the statements they read. Here the built
graph, broken by every shape's failing case at once (tests/shapes), is cut into parts by subject in an arbitrary
way, so any part may point into any other: the violations must be the whole graph's, one for one.
"""

from __future__ import annotations

import zlib
from pathlib import Path

import pytest
from rdflib import Graph, URIRef

from kg.builder import load_ontology
from kg.validation import SplitShapes, load_shapes, validate_graph

CASES = Path(__file__).parent / "shapes"


@pytest.fixture(scope="module")
def broken(built_graph) -> Graph:
    graph = Graph()
    graph += built_graph
    for case in sorted(CASES.glob("*.ru")):
        graph.update(case.read_text(encoding="utf-8"))
    return graph


@pytest.fixture(scope="module")
def whole(built_project, broken):
    found = validate_graph(broken, load_shapes(built_project.shapes))
    assert len({v.shape for v in found}) >= 35  # nearly every shape's case is still broken with all applied
    return found


def _lines(graph: Graph) -> list[str]:
    return sorted((line for line in graph.serialize(format="nt").splitlines() if line.strip()),
                  key=lambda line: line.split(" ", 1)[0])


def _describer(union: list[str]):
    """The statements about a node, from the union's lines."""
    about: dict[str, list[str]] = {}
    for line in union:
        about.setdefault(line.split(" ", 1)[0], []).append(line)
    return lambda node: about.get(node, [])


@pytest.mark.parametrize("cut", [2, 7])
def test_parts_and_spanning_shapes_find_what_the_whole_graph_does(built_project, broken, whole, cut):
    shapes = load_shapes(built_project.shapes)

    ontology = load_ontology(built_project)
    union = _lines(broken)
    blank = [line for line in union if line.startswith("_:")]  # the ontology's lists: given to every part
    parts: dict[int, set[str]] = {}
    for line in union:
        if not line.startswith("_:"):
            parts.setdefault(zlib.crc32(line.split(" ", 1)[0].encode()) % cut, set()).add(line)
    split = SplitShapes(shapes, ontology)
    ontology_lines = blank + _lines(ontology)
    found = []
    for own in parts.values():
        points_at = {str(o) for line in own for o in Graph().parse(data=line, format="nt").objects()
                     if isinstance(o, URIRef)}
        part = split.validate_parts([(own, points_at)], ontology_lines, _describer(union), broken, None)
        assert part is not None
        found += part
    found += split.validate_spanning(ontology_lines, union, broken, None)
    assert sorted(set(found)) == whole


def test_a_part_that_does_not_hold_every_statement_about_its_nodes_is_refused(built_project, broken):
    union = _lines(broken)
    split = SplitShapes(load_shapes(built_project.shapes), load_ontology(built_project))
    first = next(line for line in union if not line.startswith("_:"))
    assert split.validate_parts([({first}, ())], [], _describer(union), broken, None) is None


def test_a_build_that_checks_every_file_finds_in_bounded_parts_what_the_whole_graph_does(built_project, broken, whole,
                                                                                          monkeypatch):
    """kg.builder validates a build from nothing in parts of about PART_LINES statements, each part every
    statement about its subjects plus the descriptions of what it points at; here parts of a few hundred."""

    import kg.builder

    monkeypatch.setattr(kg.builder, "PART_LINES", 300)
    shapes = load_shapes(built_project.shapes)
    union = _lines(broken)
    sources: dict[int, set[str]] = {}
    for line in union:
        if not line.startswith("_:"):
            sources.setdefault(zlib.crc32(line.split(" ", 1)[0].encode()) % 40, set()).add(line)

    describe = _describer(union)
    split = SplitShapes(shapes, load_ontology(built_project))
    ontology_lines = [line for line in union if line.startswith("_:")] + _lines(load_ontology(built_project))
    spanning = [line for line in union if split.read_by_spanning(line)]
    found = kg.builder._validate_in_parts(iter(sources.values()), describe, split, ontology_lines, spanning, broken,
                                          None)
    assert found == whole
