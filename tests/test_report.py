"""kg report: a summary first, then the comparison, then every parameter-free stored query in its header's order."""

from __future__ import annotations

import re
import shutil

import pytest
from click.testing import CliRunner

from kg.cli import cli
from kg.queries import list_queries

from .conftest import copy_project


def report(project, *args):
    result = CliRunner().invoke(cli, ["--project", str(project), "report", *args])
    assert not isinstance(result.exception, Exception) or isinstance(result.exception, SystemExit), result.exception
    return result


@pytest.fixture(scope="module")
def text(built_project):
    result = report(built_project.root, "--width", "100")
    assert result.exit_code == 0, result.output
    return result.stdout


def test_the_report_opens_with_the_summary_then_the_comparison_then_the_rest_in_header_order(built_project, text):
    headings = [line[3:] for line in text.splitlines() if line.startswith("## ")]
    assert headings[:2] == ["Summary", "What changed between inspections"]
    assert headings[-1] == "Sources cited"
    stored = list_queries(built_project.queries_dir)
    free = sorted((q for q in stored if not any(p.required for p in q.parameters)), key=lambda q: (q.order, q.name))
    titles = [" ".join(t.split()) for t in re.findall(r"^### (.*?)\n\n`kg query", text, re.M | re.S)]
    assert titles == [q.summary for q in free]
    assert [q.name for q in free][:3] == ["compare-inspections", "inspections", "grades"]  # not alphabetical


def test_summary_alone_is_the_report_s_summary_and_the_sources_it_cites(built_project, text):
    result = report(built_project.root, "--width", "100", "--summary")
    assert result.exit_code == 0, result.output
    short = result.stdout
    headings = [line[3:] for line in short.splitlines() if line.startswith("## ")]
    assert headings == ["Summary", "Sources cited"]
    whole_summary = text.split("## Summary\n", 1)[1].split("\n## ", 1)[0]
    assert short.split("## Summary\n", 1)[1].split("\n## ", 1)[0] == whole_summary
    assert "[1] The Comet" in short and "[2] Police Professional" in short
    assert "kg report -o report.md" in short
    assert len(short.splitlines()) < len(text.splitlines()) / 10


def test_summary_refuses_the_html_page_with_one_line(built_project, tmp_path):
    result = report(built_project.root, "--summary", "-o", str(tmp_path / "r.html"))
    assert result.exit_code == 2
    assert result.output.count("\n") == 1 and "--summary writes text or md" in result.output
    assert not (tmp_path / "r.html").exists()


def test_the_summary_says_what_changed_and_what_cannot_be_compared(text):
    summary = " ".join(text.split("## Summary")[1].split("## What changed")[0].split())
    # From reading the articles: last year's 'good' became 2016's 'inadequate' on the four-grade scale ...
    assert "keeping people safe and reducing crime: good then inadequate (worse)" in summary
    # ... no area graded in 2016 was graded in the 2025 report, and the scales differ.
    assert "No area was graded in both inspections" in summary
    assert "different scales" in summary
    # Each post then and later, as the two articles name the holders.
    assert "chief constable of Bedfordshire Police: Jon Boutcher then, Trevor Rodenhurst later" in summary
    assert "police and crime commissioner for Bedfordshire: Kathryn Holloway then, John Tizard later" in summary
    assert "lead inspector: Zoe Billingham then, Roy Wilsher later" in summary
    # Nothing is said to recur: the articles link no 2025 concern to a 2016 one.
    assert "Nothing recurs on the data's say-so" in summary and "Recurs:" not in summary
    assert "call handling and response" in summary.split("Themes that appear in both")[1].split(".")[0]
    # "previously assessed as 'good' at tackling serious and organised crime following another recent inspection":
    # that inspection comes before the 2025 report, and no area is graded in both.
    assert ("From Recent inspection of Bedfordshire Police on serious and organised crime to HMICFRS PEEL inspection"
            in summary)
    assert "the earlier is placed before the later by the sources' order" in summary
    # Police Professional names the chief constable and commissioner of its own day, the 2025 report's; it does not
    # say who held either post at that earlier serious and organised crime inspection.
    pair = summary.split("From Recent inspection of Bedfordshire Police on serious and organised crime")[1]
    assert "chief constable of Bedfordshire Police: not stated then, Trevor Rodenhurst later." in pair
    assert "police and crime commissioner for Bedfordshire: not stated then, John Tizard later." in pair


def test_each_inspection_says_its_time_and_scale_once(text):
    summary = " ".join(text.split("## Summary")[1].split("## What changed")[0].split())
    # The 2016 inspection's label names its year, so only the scale follows it; the 2025 one's label has an
    # aside of its own ("reported January 2025"), which takes the date and scale instead of a second bracket.
    assert ("HMIC PEEL police effectiveness 2016 inspection of Bedfordshire Police (PEEL four-grade scale): "
            "inadequate in keeping people safe and reducing crime") in summary
    assert ("HMICFRS PEEL inspection of Bedfordshire Police (reported January 2025; by 2025-01-29; "
            "PEEL five-grade scale):") in summary
    assert not re.search(r"\) \(", summary.split("From ")[0])


@pytest.mark.parametrize("label, when, expected", [
    ("Harrowdale Police PEEL inspection (2016)", "2016", "Harrowdale Police PEEL inspection (2016; S)"),
    ("Earlier inspection (\"last year's report\")", "last year’s report", "Earlier inspection (\"last year's report\"; S)"),
    ("Inspection of X", "2019-05-01", "Inspection of X (2019-05-01; S)"),
    ("Inspection of X (2016)", "by 2017-03-09", "Inspection of X (2016; by 2017-03-09; S)"),
])
def test_an_inspection_label_and_its_aside(label, when, expected):
    from kg.report.compare import _with_aside

    assert _with_aside(label, when, "S") == expected


def test_a_pair_names_its_force_once(text):
    summary = " ".join(text.split("## Summary")[1].split("## What changed")[0].split())
    # Both Bedfordshire labels name the force, so the pair's line does not add it in brackets again.
    assert ("From HMIC PEEL police effectiveness 2016 inspection of Bedfordshire Police to HMICFRS PEEL inspection of "
            "Bedfordshire Police (reported January 2025):") in summary


@pytest.mark.parametrize("width", [80, 100, 140])
def test_terminal_tables_fit_the_width_and_do_not_repeat_source_titles(built_project, text, width):
    if width == 100:  # the module's report, kg report --width 100, is this case
        out = text
    else:
        result = report(built_project.root, "--width", str(width))
        assert result.exit_code == 0
        out = result.stdout
    lines = out.splitlines()
    assert max(len(line) for line in lines) <= width, max(lines, key=len)
    # A source column shows the source's number; its title is said once, in the list of sources.
    assert not re.search(r"\[\d\] (The Comet|Police Professional):", out.split("## Sources cited")[0])
    assert "“" in out and re.search(r"” \[\d\]", out)


def test_markdown_has_whole_cells_and_is_byte_identical(built_project, tmp_path):
    out = tmp_path / "report.md"
    assert report(built_project.root, "-o", str(out)).exit_code == 0
    first = out.read_bytes()
    assert report(built_project.root, "-o", str(out)).exit_code == 0
    assert out.read_bytes() == first
    md = first.decode("utf-8")
    assert md.startswith("# What the sources say: Bedfordshire Police\n")
    assert "|---|" in md and "…" not in md.split("## Sources cited")[0].replace("...", "")
    assert "“‘adequate’ across seven areas” [2]" in md


def test_html_is_one_offline_page_with_the_chart_and_linked_quotes(built_project, tmp_path):
    out = tmp_path / "report.html"
    assert report(built_project.root, "-o", str(out)).exit_code == 0
    html = out.read_text(encoding="utf-8")
    assert "Content-Security-Policy" in html and "default-src 'none'" in html
    assert not re.search(r"""<(script|link|img|iframe)\b""", html)
    assert '<figure aria-label="Grade chart"><svg' in html
    targets = set(re.findall(r'href="#(source-\d+)"', html))
    assert targets and all(f'id="{t}"' in html for t in targets)
    # Quotes carry where they stand in the article (the graph was built with the texts).
    assert re.search(r'class="quote" href="#source-\d+" title="\[\d+\] [^"]*, characters \d+–\d+"', html)


def test_a_broken_stored_query_fails_its_own_section_and_the_report_still_answers(built_project, tmp_path):
    project = tmp_path / "p"
    shutil.copytree(built_project.root, project)
    (project / "queries" / "zz-broken.rq").write_text(
        "#+ summary: A broken question.\n#+ description: Invalid SPARQL on purpose.\n#+ order: 15\n"
        "SELECT ?x WHERE { ?x a kg:Inspection . \n", encoding="utf-8")
    (project / "queries" / "zz-bad-header.rq").write_text("#+ summary: s\n#+ descripton: d\nSELECT * { ?s ?p ?o }\n",
                                                          encoding="utf-8")
    result = report(project, "--width", "100")
    assert result.exit_code == 2
    err = result.stderr.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("Error: kg report: 2 stored queries failed: "), result.stderr
    out = result.stdout
    assert "This question could not be answered: queries/zz-broken.rq: invalid SPARQL" in " ".join(out.split())
    assert "queries/zz-bad-header.rq:2: unknown header key 'descripton'" in " ".join(out.split())
    assert "## Summary" in out and "Trevor Rodenhurst" in out and "## Sources cited" in out


def test_an_answer_without_a_column_the_summary_needs_fails_its_section_not_the_report(built_project, tmp_path):
    # As an endpoint whose engine answers compare-inspections without ?subject (Virtuoso 7.2 does).
    project = tmp_path / "p"
    shutil.copytree(built_project.root, project)
    query = project / "queries" / "compare-inspections.rq"
    text = query.read_text(encoding="utf-8")
    query.write_text(text.replace("SELECT ?force ?earlier ?later ?aspect ?subject ", "SELECT ?force ?earlier ?later ?aspect ", 1),
                     encoding="utf-8")
    result = report(project, "--width", "100")
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert result.stderr.strip() == ("Error: kg report: 1 stored query failed: queries/compare-inspections.rq: a row of "
                                     "the answer has no ?subject, which the report needs (the engine that answered gives "
                                     "other rows than kg's; see them with kg query) (the report says so in their sections; "
                                     "the rest of it was written)"), result.stderr
    out = result.stdout
    assert "## Summary" in out and "Each inspection, in the order" in out and "## Sources cited" in out


def test_a_new_parameter_free_query_joins_the_report(built_project, tmp_path):
    project = tmp_path / "p"
    shutil.copytree(built_project.root, project)
    (project / "queries" / "zz-forces.rq").write_text(
        "#+ summary: Every police force.\n#+ description: Lists forces by label.\n"
        "SELECT ?force WHERE { ?force a kg:PoliceForce } ORDER BY ?force\n", encoding="utf-8")
    result = report(project, "--format", "md")
    assert result.exit_code == 0, result.output
    section = result.output.split("### Every police force.")[1]
    assert "| Bedfordshire Police |" in section.split("### ")[0]


NEW_FORCE = """
records:
  - id: zz-force
    type: PoliceForce
    label: Zedshire Police
    jurisdiction: bedfordshire
    evidence: [{source: zz-article, quote: "Zedshire Police"}]
  - id: zz-article
    type: SourceArticle
    label: "Zed Gazette: Zedshire graded"
    schema:headline: Zedshire graded
    schema:publisher: the-comet
    schema:datePublished: 2023-03-01
    reports: [zz-inspection-2019, zz-inspection-2022]
    evidence: [{source: zz-article, quote: "Zed Gazette"}]
  - id: zz-inspection-2019
    type: Inspection
    label: Zedshire 2019 inspection
    inspectedForce: zz-force
    programme: peel
    usesScale: peel-four-grade-scale
    date: 2019
    evidence: [{source: zz-article, quote: "in 2019"}]
  - id: zz-inspection-2022
    type: Inspection
    label: Zedshire 2022 inspection
    inspectedForce: zz-force
    programme: peel
    usesScale: peel-four-grade-scale
    date: 2022
    evidence: [{source: zz-article, quote: "in 2022"}]
  - id: zz-assessment-2019
    type: Assessment
    label: "Zedshire 2019: recording crime - requires improvement"
    inspection: zz-inspection-2019
    area: area-recording-crime
    grade: peel4-requires-improvement
    gradeWording: requires improvement
    evidence: [{source: zz-article, quote: "graded 'requires improvement' in recording crime"}]
  - id: zz-assessment-2022
    type: Assessment
    label: "Zedshire 2022: recording crime - good"
    inspection: zz-inspection-2022
    area: area-recording-crime
    grade: peel4-good
    gradeWording: good
    evidence: [{source: zz-article, quote: "now graded 'good' at recording crime"}]
"""


def test_a_new_force_with_its_own_inspections_is_compared_with_no_code_change(tmp_path):
    """A made-up force (no quotes checked: built without texts) gets its own pair, graded on one scale."""
    from kg.builder import build
    from kg.project import Project

    project = Project.at(copy_project(tmp_path))
    (project.data_dir / "zz-force.yaml").write_text(NEW_FORCE, encoding="utf-8")
    build(project)
    result = report(project.root, "--width", "120")
    assert result.exit_code == 0, result.output
    out = " ".join(result.stdout.split())
    assert "From Zedshire 2019 inspection to Zedshire 2022 inspection (Zedshire Police):" in out
    assert "recording crime: requires improvement then good (better)" in out
    # The made-up inspections are not paired with Bedfordshire's, and Bedfordshire's pairs stay.
    assert "Zedshire 2022 inspection to HMIC" not in out and "2016 inspection to Zedshire" not in out
    assert "From HMIC PEEL police effectiveness 2016 inspection of Bedfordshire Police to HMICFRS PEEL" in out
