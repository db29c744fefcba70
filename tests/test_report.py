"""kg report: the main job's answers, one titled table per parameter-free stored query."""

from __future__ import annotations

from click.testing import CliRunner

from kg.cli import cli
from kg.queries import list_queries


def test_report_answers_every_stored_query_that_needs_no_parameter(built_project):
    result = CliRunner().invoke(cli, ["--project", str(built_project.root), "report", "--max-width", "0"])
    assert result.exit_code == 0, result.output
    stored = list_queries(built_project.queries_dir)
    free = [q for q in stored if not any(p.required for p in q.parameters)]
    needs = [q for q in stored if any(p.required for p in q.parameters)]
    assert free and needs
    titles = [line for line in result.output.splitlines() if line.startswith("## ")]
    assert titles == [f"## {q.name}: {q.summary}" for q in free]
    assert "| requires improvement |" in result.output
    assert "ranks on this four-grade scale are not directly comparable" in result.output


def test_a_new_parameter_free_query_joins_the_report(built_project, tmp_path):
    import shutil

    project = tmp_path / "p"
    shutil.copytree(built_project.root, project)
    (project / "queries" / "zz-forces.rq").write_text(
        "#+ summary: Every police force.\n#+ description: Lists forces by label.\n"
        "PREFIX kg: <https://w3id.org/policing-kg/def#>\n"
        "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n"
        "SELECT ?force WHERE { ?force a kg:PoliceForce } ORDER BY ?force\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["--project", str(project), "report"])
    assert result.exit_code == 0, result.output
    section = result.output.split("## zz-forces: Every police force.")[1]
    assert "| Bedfordshire Police |" in section.split("## ")[0]
