"""How kg hands a parameterised query to pyoxigraph: the answer is the engine's own, only planned better.

pyoxigraph plans a query before it applies its substitutions, so kg also opens the
WHERE group of a SELECT with the bound values (kg.dataset._planned). These cases check
that this never changes an answer: every parameterised case of tests/golden/cases.json,
run through kg's dataset, gives exactly the rows pyoxigraph gives for the bare text
with the same substitutions.
"""

from __future__ import annotations

import json
from pathlib import Path

import pyoxigraph as ox
import pytest

from kg.dataset import Dataset, _planned
from kg.params import bindings
from kg.queries import load_query

CASES = json.loads((Path(__file__).parent / "golden" / "cases.json").read_text(encoding="utf-8"))
PARAMETERISED = [(name, case, params) for name, runs in CASES.items() if not name.startswith("_")
                 for case, params in runs.items() if params]


def _rows(answer) -> list[tuple]:
    names = [v.value for v in answer.variables]
    return [tuple(None if s[n] is None else str(s[n]) for n in names) for s in answer]


@pytest.mark.parametrize(("name", "case", "params"), PARAMETERISED, ids=[f"{n}--{c}" for n, c, _ in PARAMETERISED])
def test_a_bound_parameter_given_to_the_planner_changes_no_row(built_project, name, case, params):
    dataset = Dataset.open(built_project.store_path)
    query = load_query(built_project.queries_dir, name)
    text = f"{query.prologue}\n{query.text}" if query.prologue else query.text
    subs = {ox.Variable(k): ox.NamedNode(v.value) for k, v in bindings(dataset, query, list(params.items())).items()}
    planned = _planned(text, subs)
    assert planned != text and "VALUES" in planned
    bare = dataset.store.query(text, substitutions=subs)
    assert _rows(dataset.store.query(planned, substitutions=subs)) == _rows(bare)


def test_the_values_block_opens_the_top_level_group_only():
    text = "SELECT ?x WHERE { { SELECT ?x WHERE { ?x ?p ?o } } FILTER(?x != <urn:a>) }"
    subs = {ox.Variable("x"): ox.NamedNode("urn:b")}
    assert _planned(text, subs) == ("SELECT ?x WHERE { VALUES (?x) { (<urn:b>) }  { SELECT ?x WHERE { ?x ?p ?o } }"
                                    " FILTER(?x != <urn:a>) }")
    assert _planned("ASK { ?x ?p ?o }", subs) == "ASK { ?x ?p ?o }"
    assert _planned(text, {ox.Variable("x"): ox.BlankNode("b0")}) == text
    assert _planned(text, {}) == text


def test_a_whole_graph_picture_too_big_is_refused_before_the_graph_is_read(tmp_path, monkeypatch):
    from click.testing import CliRunner

    from kg.cli import cli
    from kg.viz import MAX_WHOLE

    from .conftest import copy_project

    kg, rdfs, rdf = "https://w3id.org/policing-kg/def#", "http://www.w3.org/2000/01/rdf-schema#", \
        "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
    src = tmp_path / "places.nt"
    src.write_text("".join(f'<https://w3id.org/policing-kg/id/zz-place-{i}> <{rdf}type> <{kg}Place> .\n'
                           f'<https://w3id.org/policing-kg/id/zz-place-{i}> <{rdfs}label> "Place {i}" .\n'
                           for i in range(MAX_WHOLE["svg"] + 1)), encoding="utf-8")
    root = ["--project", str(copy_project(tmp_path / "p"))]
    runner = CliRunner()
    assert runner.invoke(cli, [*root, "load", str(src), "--store", str(tmp_path / "s")]).exit_code == 0

    def never(*args, **kwargs):
        raise AssertionError("the graph was read into rdflib before the picture was refused")

    monkeypatch.setattr(Dataset, "rdflib_graph", never)
    refused = runner.invoke(cli, [*root, "viz", "--format", "svg", "-o", str(tmp_path / "g.svg"), "--store", str(tmp_path / "s")])
    assert refused.exit_code == 2, refused.output
    assert f"the whole graph has {MAX_WHOLE['svg'] + 1:,} entities" in refused.output
    assert "--focus ENTITY" in refused.output
    assert not (tmp_path / "g.svg").exists()
