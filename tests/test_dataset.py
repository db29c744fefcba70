"""The built dataset: one named graph per source article, decided from each record; the union as the
default graph; build metadata apart; a store that any reading command opens, and that kg load fills."""

from __future__ import annotations

import shutil

import pyoxigraph as ox
from click.testing import CliRunner
from rdflib import URIRef
from rdflib.namespace import PROV, RDF, SKOS

from kg.cli import cli
from kg.dataset import open_dataset
from kg.graphs import GRAPHS, METADATA_GRAPH, ONTOLOGY_GRAPH
from kg.vocab import KG, KGR, OA

from .conftest import clean_error, copy_project

COMET, PP = GRAPHS + "comet-2016", GRAPHS + "police-professional-2025"


def test_the_store_holds_one_graph_per_source_and_the_ontology(built_project):
    dataset = open_dataset(built_project)
    union = dataset.rdflib_graph()
    sources = {str(s) for cls in (KG.SourceArticle, KG.ReferenceSource) for s in union.subjects(RDF.type, cls)}
    assert {COMET, PP} <= {GRAPHS + s.rsplit("/", 1)[-1] for s in sources}
    # ... and the derived citations (ontology/derived.rq), stated by no source
    assert dataset.graph_names() == sorted([GRAPHS + s.rsplit("/", 1)[-1] for s in sources]
                                           + [ONTOLOGY_GRAPH, GRAPHS + "derived"])
    assert METADATA_GRAPH not in dataset.graph_names()


def test_a_fact_is_in_the_graph_of_each_article_its_evidence_cites_and_only_there(built_project):
    dataset = open_dataset(built_project)
    comet, pp = dataset.rdflib_graph(COMET), dataset.rdflib_graph(PP)
    # Zoe Billingham is quoted by The Comet only; Roy Wilsher by Police Professional only (the seeds' README).
    assert (KGR["zoe-billingham"], RDF.type, KG.Person) in comet
    assert not list(pp.triples((KGR["zoe-billingham"], None, None)))
    assert (KGR["roy-wilsher"], RDF.type, KG.Person) in pp
    assert not list(comet.triples((KGR["roy-wilsher"], None, None)))
    # Bedfordshire Police is named by both: its own statements in both graphs, each derivation in its own.
    for graph, source in ((comet, "comet-2016"), (pp, "police-professional-2025")):
        assert (KGR["bedfordshire-police"], RDF.type, KG.PoliceForce) in graph
        assert set(graph.objects(KGR["bedfordshire-police"], PROV.wasDerivedFrom)) == {KGR[source]}
        for ann in graph.objects(KGR["bedfordshire-police"], KG.evidence):
            target = graph.value(ann, OA.hasTarget)
            assert graph.value(target, OA.hasSource) == KGR[source]


def test_a_reference_term_no_source_states_is_modelling_in_the_ontology_graph_never_in_an_articles(built_project):
    dataset = open_dataset(built_project)
    ontology = dataset.rdflib_graph(ONTOLOGY_GRAPH)
    # data/reference.yaml: peel5-good cites no evidence, its note says it is the project's own modelling.
    assert (KGR["peel5-good"], SKOS.inScheme, KGR["peel-five-grade-scale"]) in ontology
    for article in (COMET, PP):
        assert not list(dataset.rdflib_graph(article).triples((KGR["peel5-good"], None, None)))


def test_the_default_graph_is_the_union_with_each_statement_once(built_project):
    dataset = open_dataset(built_project)
    union = dataset.rdflib_graph()
    parts = [dataset.rdflib_graph(g) for g in dataset.graph_names()]
    assert set(union) == set().union(*(set(p) for p in parts))
    rows = dataset.query("SELECT ?t WHERE { <https://w3id.org/policing-kg/id/bedfordshire-police> a ?t }", {}, "test").rows
    assert len(rows) == 1, "a statement two articles make is one row, not one per graph"


def test_data_locations_are_build_metadata_not_published(built_project):
    dataset = open_dataset(built_project)
    assert not list(dataset.rdflib_graph().triples((None, KG.dataLocation, None)))
    assert KG.dataLocation not in built_project.trig_path.read_text(encoding="utf-8")
    location = dataset.metadata().value(KGR["zoe-billingham"], KG.dataLocation)
    assert str(location).startswith("data/comet-2016.yaml:")


def test_a_comment_line_in_a_data_file_changes_no_published_statement(built_project, tmp_path, seeds):
    shutil.copytree(built_project.root, tmp_path / "p", symlinks=True)
    data = tmp_path / "p" / "data" / "comet-2016.yaml"
    data.write_text("# a new first line\n" + data.read_text(encoding="utf-8"), encoding="utf-8")
    result = CliRunner().invoke(cli, ["--project", str(tmp_path / "p"), "build", "--texts", str(seeds)])
    assert result.exit_code == 0, result.output
    for dump in ("graph.ttl", "graph.trig"):
        assert (tmp_path / "p" / "build" / dump).read_bytes() == (built_project.build_dir / dump).read_bytes()


def test_kg_load_makes_a_store_every_reading_command_opens(built_project, tmp_path):
    """The TriG dump, loaded by kg load, answers the stored queries as the build's own store does."""
    store = tmp_path / "loaded"
    runner = CliRunner()
    root = ["--project", str(built_project.root)]
    result = runner.invoke(cli, [*root, "load", str(built_project.trig_path), "--store", str(store)])
    assert result.exit_code == 0, result.output
    graphs = len(open_dataset(built_project).graph_names())
    assert result.output.startswith(f"Loaded 1 file(s) into {store}: ") and f" in {graphs} named graph(s) " in result.output
    for args in (["query", "grade-changes", "--format", "csv"], ["query", "post-holders", "--format", "json"],
                 ["export", "--format", "nq"], ["stats", "--json"]):
        built = runner.invoke(cli, [*root, *args])
        loaded = runner.invoke(cli, [*root, *args, "--store", str(store)])
        assert built.exit_code == loaded.exit_code == 0, (args, loaded.output)
        assert loaded.stdout == built.stdout, args
    assert runner.invoke(cli, [*root, "validate", "--store", str(store)]).exit_code == 0


def test_kg_load_of_triples_keeps_them_in_the_default_graph(tmp_path):
    src = tmp_path / "a.ttl"
    src.write_text("<http://example.org/a> <http://www.w3.org/2000/01/rdf-schema#label> \"A\" .\n", encoding="utf-8")
    copy_project(tmp_path / "p")
    runner = CliRunner()
    assert runner.invoke(cli, ["--project", str(tmp_path / "p"), "load", str(src), "--store", str(tmp_path / "s")]).exit_code == 0
    out = runner.invoke(cli, ["--project", str(tmp_path / "p"), "query", "-e", "SELECT ?l WHERE { ?s ?p ?l }",
                              "--format", "csv", "--store", str(tmp_path / "s")])
    assert out.stdout.splitlines() == ["l", "A"]
    again = runner.invoke(cli, ["--project", str(tmp_path / "p"), "load", str(src), str(src), "--store", str(tmp_path / "s")])
    assert again.exit_code == 0, "a kg store is replaced whole"


def test_kg_load_refuses_to_replace_a_folder_that_is_not_a_store(tmp_path):
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "notes.txt").write_text("mine", encoding="utf-8")
    src = tmp_path / "a.nt"
    src.write_text("<http://example.org/a> <http://example.org/b> <http://example.org/c> .\n", encoding="utf-8")
    line = clean_error(CliRunner().invoke(cli, ["load", str(src), "--store", str(tmp_path / "docs")]))
    assert "not a kg store" in line and (tmp_path / "docs" / "notes.txt").read_text(encoding="utf-8") == "mine"
    bad = tmp_path / "bad.ttl"
    bad.write_text("<http://example.org/a> <http://example.org/b> .\n", encoding="utf-8")
    line = clean_error(CliRunner().invoke(cli, ["load", str(bad), "--store", str(tmp_path / "new")]))
    assert f"{bad}:1: cannot parse turtle" in line
    assert not (tmp_path / "new").exists() and not list(tmp_path.glob(".new.*"))


def test_a_bare_oxigraph_store_opens_with_its_named_graphs_as_the_union(tmp_path):
    store = ox.Store(str(tmp_path / "bare"))
    store.add(ox.Quad(ox.NamedNode("http://example.org/a"), ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label"),
                      ox.Literal("A"), ox.NamedNode("http://example.org/g")))
    store.flush()
    del store
    from kg.dataset import Dataset

    dataset = Dataset.open(tmp_path / "bare")
    assert dataset.labels(["http://example.org/a"]) == {"http://example.org/a": "A"}
    assert dataset.graph_names() == ["http://example.org/g"]
    assert set(dataset.rdflib_graph().subjects()) == {URIRef("http://example.org/a")}
