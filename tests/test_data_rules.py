"""The data states facts only as its sources do: rules read from the two articles and the reference extracts.

Expected values here come from reading ../shared/seeds/*.txt and ../shared/reference/README.md,
not from running the build; each test names what in the sources it rests on.
"""

from __future__ import annotations

import shutil

import pytest
from click.testing import CliRunner
from rdflib import Literal, URIRef

from kg.cli import cli
from kg.vocab import KG, KGR, OA, PROV, RDF, RDFS

from .conftest import clean_error, copy_project

SKOS_EXACT = URIRef("http://www.w3.org/2004/02/skos/core#exactMatch")


def _ids(graph, subject, prop) -> set[str]:
    return {str(o)[len(str(KGR)):] for o in graph.objects(KGR[subject], prop)}


def _quotes(graph, node) -> list[str]:
    return [str(graph.value(s, OA.exact)) for ann in graph.objects(node, KG.evidence)
            for s in graph.objects(graph.value(ann, OA.hasTarget), OA.hasSelector) if graph.value(s, OA.exact)]


# -- reference facts carry provenance ----------------------------------------------------------

def test_reference_terms_quote_a_reference_page_or_say_they_are_modelling(built_graph):
    terms = {s for cls in (KG.Grade, KG.GradeScale, KG.Role) for s in built_graph.subjects(RDF.type, cls)}
    assert len(terms) == 2 + 9 + 4 + 14  # scales, grades, the roles the articles name, fourteen more titles for kg extract
    for term in terms:
        sources = set(built_graph.objects(term, PROV.wasDerivedFrom))
        note = str(built_graph.value(term, KG.note) or "")
        assert all((s, RDF.type, KG.ReferenceSource) in built_graph for s in sources), term
        assert sources or "project's own modelling" in note, term


def test_the_caveat_is_the_projects_modelling_and_nobody_is_quoted_as_saying_it(built_graph):
    for scale in ("peel-four-grade-scale", "peel-five-grade-scale"):
        caveat = str(built_graph.value(KGR[scale], KG.caveat))
        assert caveat.startswith("The project's own modelling")
        assert "inspectorate says" not in caveat
    # HMICFRS's own words on comparison stand beside it, with their page.
    claim = KGR["claim-hmicfrs-peel-year-on-year"]
    assert set(built_graph.objects(claim, PROV.wasDerivedFrom)) == {KGR["hmicfrs-how-we-inspect"]}
    url = built_graph.value(KGR["hmicfrs-how-we-inspect"], URIRef("http://schema.org/url"))
    assert str(url) == "https://www.justiceinspectorates.gov.uk/hmicfrs/peel-assessments/how-we-inspect/"


def test_four_grade_scale_quotes_hmicfrs_listing_its_grades(built_graph):
    quotes = _quotes(built_graph, KGR["peel-four-grade-scale"])
    assert any("outstanding, good, requires improvement or inadequate" in q for q in quotes)


def test_reference_quotes_are_checked_against_the_reference_extracts(tmp_path, seeds):
    copy_project(tmp_path)
    ref = tmp_path / "data" / "reference.yaml"
    text = ref.read_text(encoding="utf-8")
    ref.write_text(text.replace("a four-banded judgment model", "a five-banded judgment model", 1), encoding="utf-8")
    line = text[:text.index("a four-banded judgment model")].count("\n")  # the '- source:' line above the quote
    result = CliRunner().invoke(cli, ["--project", str(tmp_path), "verify-evidence", "--texts", str(seeds)])
    assert result.exit_code == 1
    assert f"data/reference.yaml:{line}: quote not found in source 'police-professional-graded-inspections'" \
        in result.output
    result = CliRunner().invoke(cli, ["--project", str(tmp_path), "build", "--texts", str(seeds)])
    assert "evidence quote not found in the text of 'police-professional-graded-inspections'" in clean_error(result)


def test_reference_extracts_are_found_beside_the_texts_or_where_given(tmp_path, seeds, references):
    project = copy_project(tmp_path / "p")
    texts = tmp_path / "elsewhere" / "seeds"
    shutil.copytree(seeds, texts)
    result = CliRunner().invoke(cli, ["--project", str(project), "verify-evidence", "--texts", str(texts)])
    line = clean_error(result)
    assert f"references folder {texts.parent / 'reference'} not found (the default beside the texts folder" in line
    assert "--references" in line
    result = CliRunner().invoke(cli, ["--project", str(project), "verify-evidence", "--texts", str(texts),
                                      "--references", str(references)])
    assert result.exit_code == 0, result.output
    result = CliRunner().invoke(cli, ["--project", str(project), "build", "--references", str(references)])
    assert "--references needs --texts" in clean_error(result)


# -- one fact, one record -----------------------------------------------------------------------

def test_two_records_of_one_type_with_the_same_evidence_are_refused_with_their_lines(tmp_path, seeds):
    copy_project(tmp_path)
    (tmp_path / "data" / "zz-twice.yaml").write_text(
        "source: police-professional-2025\nrecords:\n"
        "  - id: zz-praise-again\n    type: Praise\n    label: Visible leadership, again\n"
        "    inspection: peel-2023-25-bedfordshire\n    madeBy: roy-wilsher\n    evidence:\n"
        "      - \"Bedfordshire Police has visible leadership with a culture of innovation to find better ways of working.\"\n",
        encoding="utf-8")
    result = CliRunner().invoke(cli, ["--project", str(tmp_path), "build", "--texts", str(seeds)])
    assert result.exit_code == 1
    assert ("data/zz-twice.yaml:3: zz-praise-again kg:evidence: has exactly the evidence of 'praise-visible-leadership' "
            "(data/police-professional-2025.yaml:") in result.output
    assert not (tmp_path / "build" / "graph.ttl").exists()


def test_facts_the_articles_state_once_are_one_record(built_graph):
    # "'adequate' across seven areas": one assessment with kg:areaCount 7, no statistic beside it.
    assert not any(str(s).startswith(str(KGR["stat-areas"])) for s in built_graph.subjects(RDF.type, KG.Statistic))
    assert built_graph.value(KGR["assessment-2025-seven-areas-adequate"], KG.areaCount) == Literal(7)
    # The knife-crime point is one praise, with all three of the article's wordings.
    knife = [s for s in built_graph.subjects(RDF.type, KG.Praise) if KGR["theme-knife-crime"] in
             set(built_graph.objects(s, KG.theme))]
    assert knife == [KGR["praise-knife-crime-young-people"]]
    assert len(_quotes(built_graph, knife[0])) == 3
    # The Police and Crime Plan "published in October 2024" is a plan with a date, not also an event.
    assert not [e for e in built_graph.subjects(RDF.type, KG.Event) if KGR["plan-police-and-crime-plan"] in
                set(built_graph.objects(e, KG.about))]


# -- no grade from an adjective -------------------------------------------------------------------

def test_the_comet_reports_one_graded_area_in_2016(built_graph):
    graded = {str(built_graph.value(a, KG.area)) for a in built_graph.subjects(KG.inspection,
                                                                            KGR["peel-2016-effectiveness-bedfordshire"])
              if (a, RDF.type, KG.Assessment) in built_graph}
    assert graded == {str(KGR["area-keeping-people-safe-and-reducing-crime"])}
    concern = KGR["concern-2016-protecting-vulnerable-people"]
    assert (concern, RDF.type, KG.Concern) in built_graph
    assert any("inadequate effectiveness at protecting victims" in q for q in _quotes(built_graph, concern))


# -- words belong to their speaker -------------------------------------------------------------

@pytest.mark.parametrize(("fact", "speaker"), [
    ("stat-999-answer-time", "trevor-rodenhurst"),  # "our 999 performance with calls now answered within ... five seconds"
    ("praise-well-led", "john-tizard"),  # "I concur with HMICFRS that Bedfordshire Police is well led"
    ("plan-chief-constable-address-findings", "john-tizard"),  # "as he implements plans to address the report findings"
    ("claim-holloway-report-recognises-funding", "kathryn-holloway"),  # "in recognising the challenges ..."
])
def test_a_fact_resting_on_a_speakers_words_names_the_speaker(built_graph, fact, speaker):
    assert _ids(built_graph, fact, KG.claimant) == {speaker}


@pytest.mark.parametrize(("record", "speaker"), [
    ("stat-999-answer-time", "trevor-rodenhurst"),
    ("praise-well-led", "john-tizard"),
])
def test_a_fact_resting_on_a_speakers_words_without_naming_them_is_refused(tmp_path, seeds, record, speaker):
    copy_project(tmp_path)
    path = tmp_path / "data" / "police-professional-2025.yaml"
    text = path.read_text(encoding="utf-8")
    start = text.index(f"  - id: {record}\n")
    path.write_text(text[:start] + text[start:].replace(f"    claimant: {speaker}\n", "", 1), encoding="utf-8")
    line = 1 + text[:start].count("\n")
    result = CliRunner().invoke(cli, ["--project", str(tmp_path), "build", "--texts", str(seeds)])
    assert result.exit_code == 1
    assert (f"data/police-professional-2025.yaml:{line}: {record} kg:claimant: every evidence quote lies in the "
            f"quotations of '{speaker}', who neither made nor owns it") in result.output


def test_no_finding_of_the_2016_inspector_rests_on_the_commissioners_words(built_graph):
    for finding in built_graph.subjects(KG.madeBy, KGR["zoe-billingham"]):
        for quote in _quotes(built_graph, finding):
            assert "recognising the challenges" not in quote and "welcomed the report" not in quote, finding


# -- one concept, one node -------------------------------------------------------------------------

@pytest.mark.parametrize(("area", "theme"), [
    ("area-investigating-crime", "theme-investigation"),  # "'requires improvement” in investigating crime"
    ("area-recording-crime", "theme-crime-recording"),  # "assessed as 'good' in recording crime"
])
def test_an_area_and_its_theme_are_linked(built_graph, area, theme):
    assert (KGR[area], SKOS_EXACT, KGR[theme]) in built_graph
    assert str(built_graph.value(KGR[area], RDFS.label)) == str(built_graph.value(KGR[theme], RDFS.label))


# -- a place in time --------------------------------------------------------------------------------

def test_the_2025_report_and_inspections_are_bounded_by_the_articles_date(built_graph):
    jan29 = Literal("2025-01-29", datatype=URIRef("http://www.w3.org/2001/XMLSchema#date"))
    for node in ("peel-2023-25-bedfordshire", "peel-2023-25-bedfordshire-report",
                 "serious-organised-crime-inspection-bedfordshire"):
        assert built_graph.value(KGR[node], KG.notAfter) == jan29, node
    # "The force was previously assessed as 'good' at tackling serious and organised crime"
    assert _ids(built_graph, "peel-2023-25-bedfordshire", KG.previousInspection) == {
        "serious-organised-crime-inspection-bedfordshire"}
    # "marks a drop from 'good', the second best, in last year's report"
    assert _ids(built_graph, "peel-2016-effectiveness-bedfordshire", KG.previousInspection) == {
        "peel-effectiveness-earlier-bedfordshire"}


def test_the_contract_extension_lies_between_the_election_and_the_article(built_graph):
    event = KGR["event-chief-constable-contract-extended"]
    assert (str(built_graph.value(event, KG.notBefore)), str(built_graph.value(event, KG.notAfter))) == \
        ("2024-05", "2025-01-29")


# -- pair only what the sources link ----------------------------------------------------------------

def test_plans_address_the_areas_for_improvement_the_chief_constable_names(built_graph):
    addressed = {(str(p)[len(str(KGR)):], str(f)[len(str(KGR)):]) for p, f in built_graph.subject_objects(KG.addresses)
                 if (f, RDF.type, KG.AreaForImprovement) in built_graph}
    # "increasing our solved rates, retaining and training more detectives, and introducing new dashboards
    # to rank our outstanding suspects": nothing else names an area for improvement.
    assert addressed == {("plan-increase-solved-rates", "afi-positive-outcomes-victim-based"),
                         ("plan-retain-train-detectives", "afi-trained-detectives"),
                         ("plan-suspect-dashboards", "afi-prioritised-suspect-list")}


@pytest.mark.parametrize(("holding", "attested"), [
    ("holding-holloway-pcc", {"comet-2016"}),  # named commissioner on the day of the article
    ("holding-boutcher-chief-constable", {"comet-2016", "event-boutcher-video-response"}),
    ("holding-billingham-hm-inspector", {"comet-2016", "peel-2016-effectiveness-bedfordshire"}),  # "authoring the report"
    ("holding-tizard-pcc", {"police-professional-2025", "event-tizard-elected"}),
])
def test_post_holdings_are_attested_where_the_article_places_them(built_graph, holding, attested):
    assert _ids(built_graph, holding, KG.attestedAt) == attested
