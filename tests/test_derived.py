"""The derived modelling (ontology/derived.rq): each fact's citation of each source, in graph/derived.

Expected rows are worked out here from the Web Annotation chain itself (rdflib over the build's own dump),
not by the derivation under test.
"""

from __future__ import annotations

import pyoxigraph as ox
import rdflib
from click.testing import CliRunner

from kg.cli import cli
from kg.dataset import Dataset
from kg.graphs import DERIVED_GRAPH

KG = rdflib.Namespace("https://w3id.org/policing-kg/def#")
OA = rdflib.Namespace("http://www.w3.org/ns/oa#")
PROV = rdflib.Namespace("http://www.w3.org/ns/prov#")


def _expected(graph: rdflib.Graph) -> set[tuple[str, str, str, str]]:
    """(fact, source, annotation, quote): per fact and source it derives from, the annotation with the first quote."""
    best: dict[tuple[str, str], tuple[str, str]] = {}
    for fact, annotation in graph.subject_objects(KG.evidence):
        for target in graph.objects(annotation, OA.hasTarget):
            for source in graph.objects(target, OA.hasSource):
                if (fact, PROV.wasDerivedFrom, source) not in graph:
                    continue
                for selector in graph.objects(target, OA.hasSelector):
                    for quote in graph.objects(selector, OA.exact):
                        key, value = (str(fact), str(source)), (str(quote), str(annotation))
                        if key not in best or value < best[key]:
                            best[key] = value
    return {(f, s, a, q) for (f, s), (q, a) in best.items()}


def _derived(store: ox.Store) -> set[tuple[str, str, str, str]]:
    graph = ox.NamedNode(DERIVED_GRAPH)
    cited = {(q.subject.value, q.object.value) for q in store.quads_for_pattern(None, ox.NamedNode(KG.citation), None,
                                                                               graph)}
    source = {q.subject.value: q.object.value for q in store.quads_for_pattern(None, ox.NamedNode(KG.citedIn), None,
                                                                              graph)}
    quote = {q.subject.value: q.object.value for q in store.quads_for_pattern(None, ox.NamedNode(KG.quotedAs), None,
                                                                             graph)}
    return {(f, source[a], a, quote[a]) for f, a in cited}


def _stated_only(built_project, tmp_path):
    """The build's named graphs as N-Quads, without the derived graph (as data from elsewhere would come)."""
    dataset = Dataset.open(built_project.store_path)
    path = tmp_path / "stated.nq"
    quads = [q for q in dataset.quads() if q.graph_name != ox.NamedNode(DERIVED_GRAPH)
             and not isinstance(q.graph_name, ox.DefaultGraph)]
    with open(path, "wb") as fh:
        ox.serialize(quads, fh, ox.RdfFormat.N_QUADS)
    return path


def test_the_build_cites_each_fact_once_per_source_with_its_first_quote(built_project):
    trig = rdflib.Dataset()
    trig.parse(built_project.build_dir / "graph.trig", format="trig")
    stated = rdflib.Graph()
    for s, p, o, g in trig.quads((None, None, None, None)):
        if str(g) != DERIVED_GRAPH:
            stated.add((s, p, o))
    expected = _expected(stated)
    assert len(expected) > 200  # every fact of the two articles, once per article that states it
    store = Dataset.open(built_project.store_path).store
    assert _derived(store) == expected
    union = {q.triple for q in store.quads_for_pattern(None, None, None, ox.DefaultGraph())}
    assert all(q.triple in union for q in store.quads_for_pattern(None, None, None, ox.NamedNode(DERIVED_GRAPH)))
    assert f"<{DERIVED_GRAPH}>" in (built_project.build_dir / "graph.trig").read_text(encoding="utf-8")


def test_kg_load_derives_the_same_citations_from_data_that_carry_none(built_project, tmp_path):
    stated = _stated_only(built_project, tmp_path)
    result = CliRunner().invoke(cli, ["--project", str(built_project.root), "load", str(stated),
                                      "--store", str(tmp_path / "loaded")])
    assert result.exit_code == 0, result.output
    built = _derived(Dataset.open(built_project.store_path).store)
    assert _derived(Dataset.open(tmp_path / "loaded").store) == built


def test_a_derived_graph_loaded_from_files_is_derived_again_not_trusted(built_project, tmp_path):
    stale = tmp_path / "stale.nq"
    fake = ox.Quad(ox.NamedNode("https://w3id.org/policing-kg/id/nothing"), ox.NamedNode(KG.citation),
                   ox.NamedNode("https://w3id.org/policing-kg/id/nothing-evidence"), ox.NamedNode(DERIVED_GRAPH))
    with open(stale, "wb") as fh:
        ox.serialize([fake], fh, ox.RdfFormat.N_QUADS)
    runner = CliRunner()
    result = runner.invoke(cli, ["--project", str(built_project.root), "load", str(_stated_only(built_project, tmp_path)),
                                 str(stale), "--store", str(tmp_path / "loaded")])
    assert result.exit_code == 0, result.output
    store = Dataset.open(tmp_path / "loaded").store
    assert not list(store.quads_for_pattern(fake.subject, None, None))
    assert _derived(store) == _derived(Dataset.open(built_project.store_path).store)


def test_stored_queries_over_a_file_without_citations_give_the_built_rows(built_project, tmp_path):
    stated = _stated_only(built_project, tmp_path)
    runner = CliRunner()
    for name in ("timeline", "inspections"):
        built = runner.invoke(cli, ["--project", str(built_project.root), "query", name, "--format", "csv"])
        data = runner.invoke(cli, ["--project", str(built_project.root), "query", name, "--format", "csv",
                                   "--data", str(stated)])
        assert built.exit_code == data.exit_code == 0, built.output + data.output
        assert data.output == built.output and built.output.count("\n") >= 5


def test_an_edited_derivation_maps_every_file_again(built_project, tmp_path):
    import shutil

    from kg.builder import build
    from kg.project import Project

    shutil.copytree(built_project.root, tmp_path / "p", symlinks=True)
    project = Project.at(tmp_path / "p")
    texts = Dataset.open(built_project.store_path).manifest()["texts"]
    path = project.ontology_dir / "derived.rq"
    path.write_text(path.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    assert build(project, texts=texts).mapped == len(project.data_files())
