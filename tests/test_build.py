"""kg build: from data files to one validated, evidence-backed, reproducible graph."""

from __future__ import annotations

import shutil

from click.testing import CliRunner
from rdflib import Graph

from kg.cli import cli
from kg.vocab import KG, OA, PROV, RDF, RDFS

from .conftest import copy_project


def _facts(graph: Graph) -> set:
    facts = set()
    for cls in graph.transitive_subjects(RDFS.subClassOf, KG.Fact):
        facts.update(graph.subjects(RDF.type, cls))
    return facts


def test_build_reports_triples_facts_and_time(tmp_path, seeds):
    copy_project(tmp_path)
    result = CliRunner().invoke(cli, ["--project", str(tmp_path), "build", "--texts", str(seeds)])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("Built build/store: ")
    assert " triples in " in result.output and " graphs, " in result.output and " facts in " in result.output
    assert result.output.rstrip().endswith("wrote build/graph.ttl, build/graph.trig")
    assert {p.name for p in (tmp_path / "build").iterdir() if not p.name.startswith(".")} == \
        {"store", "graph.ttl", "graph.trig"}


def test_every_fact_has_evidence_located_in_its_source(built_graph):
    facts = _facts(built_graph)
    assert len(facts) > 100
    for fact in facts:
        annotations = list(built_graph.objects(fact, KG.evidence))
        assert annotations, fact
        for ann in annotations:
            target = built_graph.value(ann, OA.hasTarget)
            source = built_graph.value(target, OA.hasSource)
            assert (fact, PROV.wasDerivedFrom, source) in built_graph
            selectors = set(built_graph.objects(target, OA.hasSelector))
            kinds = {built_graph.value(s, RDF.type) for s in selectors}
            assert kinds == {OA.TextQuoteSelector, OA.TextPositionSelector}, fact


def test_position_selectors_point_at_the_exact_words(built_graph, seeds, references):
    texts = {}
    for source, name in built_graph.subject_objects(KG.textFile):
        folder = references if (source, RDF.type, KG.ReferenceSource) in built_graph else seeds
        texts[source] = (folder / str(name)).read_text(encoding="utf-8")
    checked = 0
    for target, source in built_graph.subject_objects(OA.hasSource):
        sels = list(built_graph.objects(target, OA.hasSelector))
        quote = next(s for s in sels if (s, RDF.type, OA.TextQuoteSelector) in built_graph)
        pos = next(s for s in sels if (s, RDF.type, OA.TextPositionSelector) in built_graph)
        start, end = int(built_graph.value(pos, OA.start)), int(built_graph.value(pos, OA.end))
        text = texts[source]
        assert text[start:end] == str(built_graph.value(quote, OA.exact))
        assert text[:start].endswith(str(built_graph.value(quote, OA.prefix)))
        assert text[end:].startswith(str(built_graph.value(quote, OA.suffix)))
        checked += 1
    assert checked > 100


def test_a_graph_that_does_not_conform_is_not_written(tmp_path):
    copy_project(tmp_path)
    data = tmp_path / "data"
    victim = sorted(data.glob("*.yaml"))[0]
    text = victim.read_text(encoding="utf-8")
    (data / "zz-extra.yaml").write_text(
        "records:\n  - id: zz-nameless-person\n    type: Person\n"
        "    evidence:\n      - {source: comet-2016, quote: Zoe Billingham}\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["--project", str(tmp_path), "build"])
    assert result.exit_code == 1
    assert "data/zz-extra.yaml:2: kgr:zz-nameless-person rdfs:label: Every fact needs exactly one non-empty text 'label'." \
        in result.output
    assert not (tmp_path / "build").exists()
    assert victim.read_text(encoding="utf-8") == text


def test_validate_reports_each_violation_with_its_data_line(built_project, tmp_path):
    broken = tmp_path / "broken.ttl"
    graph = Graph().parse(built_project.graph_path)
    quote = next(graph.subjects(RDF.type, KG.Quotation))
    graph.remove((quote, KG.speaker, None))
    broken.write_text(graph.serialize(format="turtle"), encoding="utf-8")
    runner = CliRunner()
    ok = runner.invoke(cli, ["--project", str(built_project.root), "validate"])
    assert ok.exit_code == 0, ok.output
    bad = runner.invoke(cli, ["--project", str(built_project.root), "validate", str(broken)])
    assert bad.exit_code == 1
    from kg.dataset import open_dataset

    location = str(open_dataset(built_project).metadata().value(quote, KG.dataLocation))
    label = str(graph.value(quote, RDFS.label))
    assert (f"{location}: {label} kg:speaker: A quotation needs exactly one 'speaker', the id of a Person, Organisation "
            "or Report.") in bad.output


def test_verify_evidence_lists_quotes_not_in_the_source(tmp_path, seeds):
    copy_project(tmp_path)
    (tmp_path / "data" / "zz-extra.yaml").write_text(
        "source: comet-2016\nrecords:\n  - id: zz-invented\n    type: Place\n    label: Atlantis\n"
        "    evidence:\n      - Atlantis rose from the sea\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["--project", str(tmp_path), "verify-evidence", "--texts", str(seeds)])
    assert result.exit_code == 1
    assert "data/zz-extra.yaml:7: quote not found in source 'comet-2016': \"Atlantis rose from the sea\"" in result.output


def test_verify_evidence_passes_on_the_project(seeds):
    from .conftest import ROOT

    result = CliRunner().invoke(cli, ["--project", str(ROOT), "verify-evidence", "--texts", str(seeds)])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("All ")


def test_a_texts_folder_built_once_with_its_references_needs_them_said_only_once(tmp_path, seeds):
    """A texts folder of the user's own has no 'reference' beside it: said once to kg build, the folder is remembered
    for that texts folder (build and verify-evidence), and a build of another texts folder still says what is missing."""
    from .conftest import REFERENCES

    project = copy_project(tmp_path / "p")
    texts = tmp_path / "mine" / "texts"
    shutil.copytree(seeds, texts)
    runner = CliRunner()

    def kg(*args: str):
        return runner.invoke(cli, ["--project", str(project), *args])

    refused = kg("build", "--texts", str(texts))
    assert refused.exit_code == 2 and "pass the folder of reference extracts with --references" in refused.output
    assert kg("build", "--texts", str(texts), "--references", str(REFERENCES)).exit_code == 0
    again = kg("build", "--texts", str(texts))
    assert again.exit_code == 0, again.output
    verified = kg("verify-evidence", "--texts", str(texts))
    assert verified.exit_code == 0 and verified.output.startswith("All "), verified.output
    other = tmp_path / "other" / "texts"
    shutil.copytree(seeds, other)
    assert kg("build", "--texts", str(other)).exit_code == 2
