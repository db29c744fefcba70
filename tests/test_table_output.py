"""Tables print what a graph says, never what it would make a terminal do."""

from __future__ import annotations

from click.testing import CliRunner

from kg.cli import cli


def test_terminal_escapes_and_newlines_in_a_graph_are_shown_not_obeyed(tmp_path):
    data = tmp_path / "hostile.ttl"
    data.write_text('<http://x/a> <http://www.w3.org/2000/01/rdf-schema#label> "red\\u001b[31m\\nline" .\n',
                    encoding="utf-8")
    result = CliRunner().invoke(cli, ["--project", str(tmp_path), "query", "--data", str(data),
                                      "-e", "SELECT ?s ?l WHERE { ?s ?p ?l }"])
    assert result.exit_code == 0, result.output
    assert "\x1b" not in result.output
    assert "red\\x1b[31m line" in result.output
    assert result.output.count("\n") == 3  # header, rule, one row
