"""kg queries and kg query: run stored or ad-hoc SPARQL by name, in four formats, with one-line errors."""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import subprocess
import sys
import time

import pytest
from click.testing import CliRunner

from kg.cli import cli

from .conftest import ROOT, copy_project

KGR = "https://w3id.org/policing-kg/id/"


@pytest.fixture(scope="module")
def project(built_project, tmp_path_factory):
    """A built project of its own, so tests may add files without touching the shared one."""
    root = tmp_path_factory.mktemp("cli")
    for part in ("ontology", "data", "queries", "build"):
        shutil.copytree(built_project.root / part, root / part)
    return root


def kg(project, *args):
    result = CliRunner().invoke(cli, ["--project", str(project), *args])
    assert not isinstance(result.exception, Exception) or isinstance(result.exception, SystemExit), result.exception
    return result


def test_kg_queries_lists_each_stored_query_with_its_summary_and_parameters(project):
    result = kg(project, "queries")
    assert result.exit_code == 0
    names = sorted(p.stem for p in (ROOT / "queries").glob("*.rq"))
    listed = [line.split()[0] for line in result.stdout.splitlines() if not line.startswith(" ")]
    assert listed == names
    assert "-p person (entity, required): The person quoted" in result.stdout


def test_the_table_shows_labels_not_iris(project):
    result = kg(project, "query", "grade-profile")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].startswith("| force ") and set(lines[1]) <= {"|", "-"}
    assert "| Bedfordshire Police |" in result.stdout and "PEEL five-grade scale" in result.stdout
    assert "https://" not in result.stdout and "kgr:" not in result.stdout


def test_csv_tsv_and_json_are_the_w3c_result_formats(project):
    out = {fmt: kg(project, "query", "figure-changes", "--format", fmt).stdout_bytes.decode("utf-8")
           for fmt in ("csv", "tsv", "json")}
    rows = list(csv.DictReader(io.StringIO(out["csv"], newline="")))
    assert out["csv"].count("\r\n") == 3 and rows[0]["statistic"].startswith(KGR)
    assert {r["change"] for r in rows} == {"178", "49"}
    assert out["tsv"].splitlines()[0].startswith("?statistic\t?measure\t")
    assert f"\t<{KGR}police-professional-2025>\t" in out["tsv"]
    doc = json.loads(out["json"])
    assert doc["head"]["vars"][:2] == ["statistic", "measure"]
    assert {b["percentChange"]["value"] for b in doc["results"]["bindings"]} == {"243.8", "89.1"}


def test_parameters_take_ids_labels_curies_and_iris(project):
    outputs = {kg(project, "query", "quotes-by-person", "-p", "person", value, "--format", "csv").stdout
               for value in ("roy-wilsher", "Roy Wilsher", "kgr:roy-wilsher", KGR + "roy-wilsher")}
    assert len(outputs) == 1
    assert "I commend Bedfordshire Police" in outputs.pop()


def test_an_optional_parameter_narrows_the_answer(project):
    every = kg(project, "query", "post-holders", "--format", "csv").stdout.splitlines()
    one = kg(project, "query", "post-holders", "-p", "person", "john tizard", "--format", "csv").stdout.splitlines()
    assert len(one) < len(every) and all(KGR + "john-tizard" in line for line in one[1:])


@pytest.mark.parametrize("args, message", [
    (["query", "quotes-by-person"], "queries/quotes-by-person.rq: missing parameter 'person' "
                                    "(pass -p person VALUE; valid parameters: person (entity, required))"),
    (["query", "quotes-by-person", "-p", "who", "x"], "unknown parameter 'who' (valid parameters: person"),
    (["query", "timeline", "-p", "who", "x"], "unknown parameter 'who' (this query takes no parameters)"),
    (["query", "quotes-by-persn"], "no stored query 'quotes-by-persn' (did you mean quotes-by-person"),
    (["query", "quotes-by-person", "-p", "person", "investigating crime"], "is the label of 2 things"),
    (["query", "quotes-by-person", "-p", "person", "Nobody Atall"], "no entity with id or label 'Nobody Atall'"),
    (["query", "-e", "SELECT * WHERE { ?s ?p }"], "-e query: invalid SPARQL: "),
    (["query", "-e", "SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }"], "refused SPARQL SERVICE"),
    (["query"], "give a stored query NAME, or --file Q.rq, or -e 'SPARQL'"),
    (["query", "timeline", "-e", "ASK {}"], "(one of them)"),
    (["query", "--file", "nowhere.rq"], "nowhere.rq: file not found"),
    (["query", "-e", "ASK { ?s ?p ?o }", "--format", "csv"], "--format csv has no form for an ASK result"),
])
def test_errors_are_one_line_with_exit_code_2(project, args, message):
    result = kg(project, *args)
    assert result.exit_code == 2
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: ") and message in lines[0], result.stderr


def test_a_bad_header_in_a_stored_query_names_its_file_and_line(project):
    bad = project / "queries" / "zz-bad.rq"
    bad.write_text("#+ summary: s\n#+ descripton: d\nSELECT * { ?s ?p ?o }\n", encoding="utf-8")
    try:
        for args in (["queries"], ["query", "zz-bad"]):
            result = kg(project, *args)
            assert result.exit_code == 2
            assert result.stderr.startswith("Error: queries/zz-bad.rq:2: unknown header key 'descripton'")
    finally:
        bad.unlink()


def test_ad_hoc_queries_from_a_file_or_the_command_line(project, tmp_path):
    query = tmp_path / "mine.rq"
    query.write_text("PREFIX kg: <https://w3id.org/policing-kg/def#>\n"
                     "SELECT ?grade WHERE { ?a kg:areaCount ?n ; kg:grade ?grade }\n", encoding="utf-8")
    assert kg(project, "query", "--file", str(query)).stdout.splitlines()[2] == "| adequate |"
    result = kg(project, "query", "-e", "ASK { ?s a <https://w3id.org/policing-kg/def#Inspection> }")
    assert result.stdout == "true\n"


@pytest.mark.parametrize("query, first_row", [
    # Every project prefix is declared for an ad-hoc query: kg, kgr, rdfs, skos, xsd, ...
    ("SELECT ?g WHERE { ?a kg:areaCount 7 ; kg:grade ?g }", "| adequate |"),
    ("SELECT ?l WHERE { kgr:bedfordshire-police rdfs:label ?l }", "| Bedfordshire Police |"),
    ("SELECT ?s WHERE { ?g skos:inScheme ?s ; kg:rank 5 }", "| PEEL five-grade scale |"),
    ('SELECT ?i WHERE { ?i a kg:Inspection ; kg:date "2016"^^xsd:gYear }',
     "| HMIC PEEL police effectiveness 2016 inspection of Bedfordshire Police |"),
    ("SELECT ?p WHERE { ?h a kg:PostHolding ; org:member ?p ; kg:post kgr:post-pcc-bedfordshire ; "
     "org:memberDuring/kg:startDate ?d }", "| John Tizard |"),
    ("SELECT ?x WHERE { ?x oa:hasSource kgr:comet-2016 } LIMIT 0", None),
    # A query that declares a prefix keeps its own meaning of it.
    ("PREFIX kg: <http://example.org/other#> SELECT ?x WHERE { ?x a kg:Inspection }", None),
])
def test_ad_hoc_queries_get_the_project_prefixes(project, query, first_row):
    result = kg(project, "query", "-e", query, "--max-width", "0")
    assert result.exit_code == 0, result.output
    lines = [" ".join(line.split()) for line in result.stdout.splitlines()]
    assert (lines[2] if len(lines) > 2 else None) == first_row


def test_a_query_file_gets_the_project_prefixes_and_errors_keep_its_line_numbers(project, tmp_path):
    query = tmp_path / "q.rq"
    query.write_text("SELECT ?g\nWHERE {\n  ?a kg:areaCount 7 ;\n     kg:grade ?g .\n}\n", encoding="utf-8")
    assert kg(project, "query", "--file", str(query)).stdout.splitlines()[2] == "| adequate |"
    query.write_text("SELECT ?g\nWHERE {\n  ?a kg:areaCount 7 ;\n     kg:grade ?g .\n", encoding="utf-8")
    result = kg(project, "query", "--file", str(query))
    assert result.exit_code == 2 and "invalid SPARQL: error at 5:" in result.stderr, result.stderr


@pytest.mark.parametrize("query, where", [
    ("SELECT * WHERE { ?s a foaf:Person }", "-e query:1:23: prefix 'foaf:' is not declared"),
    ("SELECT * WHERE {\n  ?s a kg:Inspection ;\n     ex:rated ?g }", "-e query:3:6: prefix 'ex:' is not declared"),
    ("SELECT * WHERE { ?s a kg:Inspection FILTER(fn:lower(?s)) }", "-e query:1:44: prefix 'fn:' is not declared"),
])
def test_an_undeclared_prefix_is_named_in_one_short_line(project, query, where):
    result = kg(project, "query", "-e", query)
    assert result.exit_code == 2 and result.stdout == ""
    line = result.stderr.strip()
    assert "\n" not in line and line.startswith(f"Error: {where}") and len(line) < 250, line
    assert "add 'PREFIX" in line and "expected one of" not in line


def test_syntax_errors_are_short(project):
    result = kg(project, "query", "-e", "SELECT * WHERE { ?s a kg:Inspection ")
    line = result.stderr.strip()
    assert result.exit_code == 2 and "\n" not in line and len(line) < 250, line


def test_ids_show_where_two_things_share_a_label_and_everywhere_with_ids(project):
    def cells(*args):
        out = kg(project, "query", "grade-profile", "--max-width", "0", *args).stdout
        return {c.strip() for line in out.splitlines()[2:] for c in line.strip("|").split("|")}

    # peel4-good and peel5-good are both labelled "good": both show their ids; unique labels do not.
    profile = cells()
    assert {"good (peel4-good)", "good (peel5-good)", "adequate", "Bedfordshire Police"} <= profile
    assert "adequate (peel5-adequate)" not in profile
    everything = cells("--ids")
    assert {"adequate (peel5-adequate)", "Bedfordshire Police (bedfordshire-police)",
            "PEEL five-grade scale (peel-five-grade-scale)"} <= everything


def test_the_readme_grade_query_keeps_the_seven_areas_assessment(project, tmp_path):
    import re

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = re.search(r"```sparql\n(.*?kg:Assessment.*?)```", readme, re.S).group(1)
    query = tmp_path / "grades.rq"
    query.write_text(block, encoding="utf-8")
    result = kg(project, "query", "--file", str(query), "--format", "csv")
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.stdout, newline="")))
    seven = [r for r in rows if r.get("areaCount") == "7"]
    assert seven and seven[0]["grade"] == KGR + "peel5-adequate"


def test_a_copied_stored_query_with_a_parameter_runs_from_a_file(project, tmp_path):
    copy = tmp_path / "holders-of.rq"
    copy.write_text((ROOT / "queries" / "post-holders.rq").read_text(encoding="utf-8"), encoding="utf-8")
    result = kg(project, "query", "--file", str(copy), "-p", "person", "Jon Boutcher", "--format", "csv")
    # header, then the article and the video of his response (the holding is attested at both)
    assert result.exit_code == 0 and len(result.stdout.splitlines()) == 3


def test_data_queries_any_rdf_file_and_refuses_remote_contexts(project, tmp_path):
    ttl = tmp_path / "tiny.ttl"
    ttl.write_text('<http://example.org/a> <http://www.w3.org/2000/01/rdf-schema#label> "A thing" .\n', encoding="utf-8")
    result = kg(project, "query", "--data", str(ttl), "-e", "SELECT ?s WHERE { ?s ?p ?o }")
    assert result.stdout.splitlines()[2] == "| A thing |"
    broken = tmp_path / "broken.ttl"
    broken.write_text("<http://example.org/a> <http://example.org/b> .\n", encoding="utf-8")
    result = kg(project, "query", "--data", str(broken), "-e", "ASK {}")
    assert result.exit_code == 2 and f"Error: {broken}:1: cannot parse turtle" in result.stderr
    remote = tmp_path / "remote.jsonld"
    remote.write_text('{"@context": "https://example.org/context.jsonld", "@id": "http://example.org/a"}', encoding="utf-8")
    result = kg(project, "query", "--data", str(remote), "-e", "ASK {}")
    assert result.exit_code == 2 and "refused JSON-LD" in result.stderr and "--allow-network" in result.stderr


def test_the_rdflib_engine_gives_the_same_answer(project):
    for args in (["grade-scales"], ["timeline"], ["-e", "SELECT * WHERE { ?s a ?class ; ?p ?s2 } LIMIT 0"]):
        ox = kg(project, "query", *args, "--format", "json").stdout
        rd = kg(project, "query", *args, "--format", "json", "--engine", "rdflib").stdout
        assert ox == rd
    # Without ORDER BY the same rows, in the built store's own order on pyoxigraph (sorted on rdflib).
    args = ["-e", "SELECT * WHERE { ?area a <https://w3id.org/policing-kg/def#AssessmentArea> ; ?p ?o }"]
    ox = json.loads(kg(project, "query", *args, "--format", "json").stdout)
    rd = json.loads(kg(project, "query", *args, "--format", "json", "--engine", "rdflib").stdout)
    assert ox["head"] == rd["head"] and ox["results"]["bindings"]
    assert sorted(map(repr, ox["results"]["bindings"])) == sorted(map(repr, rd["results"]["bindings"]))
    columns = kg(project, "query", "-e", "SELECT * WHERE { ?s ?p ?o } LIMIT 1", "--format", "csv").stdout
    assert columns.splitlines()[0] == "s,p,o"  # SELECT * columns in order of appearance, on every engine


def test_output_file_is_written_whole(project, tmp_path):
    out = tmp_path / "profile.csv"
    result = kg(project, "query", "grade-profile", "--format", "csv", "-o", str(out))
    assert result.exit_code == 0 and result.stdout == ""
    assert out.read_text(encoding="utf-8") == kg(project, "query", "grade-profile", "--format", "csv").stdout


def test_a_stale_graph_is_queried_as_built_with_a_warning(project):
    data = project / "data" / "shared.yaml"
    graph = project / "build" / "graph.ttl"
    later = graph.stat().st_mtime + 10
    os.utime(data, (later, later))
    try:
        result = kg(project, "query", "grade-scales")
        assert result.exit_code == 0
        assert "Warning: data/shared.yaml is newer than build/store; run kg build" in result.stderr
    finally:
        os.utime(data, (later - 20, later - 20))


def test_nothing_built_yet_builds_once_then_answers(tmp_path):
    copy_project(tmp_path)
    result = kg(tmp_path, "query", "grade-scales", "--format", "csv")
    assert result.exit_code == 0, result.output
    assert "Nothing was built yet: built build/store first" in result.stderr
    assert (tmp_path / "build" / "store").is_dir() and len(result.stdout.splitlines()) == 10


def _kg_subprocess(project, *args, env=None):
    return subprocess.run([sys.executable, "-m", "kg", "--project", str(project), *args], capture_output=True,
                          text=True, env={**os.environ, **(env or {})}, timeout=60)


def test_kg_query_reads_only_the_built_graph_and_does_not_load_rdflib(project, tmp_path):
    # Without data/ the query still answers: it reads build/graph.ttl, not the data files, and runs no SHACL;
    # nor does it import PyYAML (kg.queryheader reads the stored headers) or logging (kg.cli._quiet_libraries).
    root = tmp_path / "only-build"
    shutil.copytree(project / "build", root / "build")
    shutil.copytree(project / "queries", root / "queries")
    probe = ("import sys, runpy; sys.argv = ['kg', '--project', sys.argv[1], 'query', 'grade-changes'];\n"
             "try: runpy.run_module('kg', run_name='__main__')\n"
             "except SystemExit: pass\n"
             "print('LOADED', sorted(m for m in ('rdflib', 'pyshacl', 'networkx', 'kg.vocab', 'kg.builder', 'kg.validation',\n"
             "                                    'yaml', 'kg.records', 'logging') if m in sys.modules))")
    result = subprocess.run([sys.executable, "-c", probe, str(root)], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert "| Bedfordshire Police |" in result.stdout
    assert result.stdout.strip().splitlines()[-1] == "LOADED []"


def test_output_is_byte_identical_across_runs_and_hash_seeds(project):
    outputs = {_kg_subprocess(project, "query", "claims-side-by-side", "--format", fmt, env={"PYTHONHASHSEED": seed}).stdout
               for fmt in ("json",) for seed in ("1", "2", "random")}
    assert len(outputs) == 1 and outputs.pop().startswith("{")


def test_a_query_starts_and_answers_quickly(project):
    # Not a benchmark (see benchmarks/bench_query.py): a guard against an accidental heavy import.
    started = time.perf_counter()
    result = _kg_subprocess(project, "query", "grade-profile")
    assert result.returncode == 0
    assert time.perf_counter() - started < 10


@pytest.fixture()
def local_endpoint(project):
    """A SPARQL 1.1 protocol endpoint on localhost, backed by a pyoxigraph store of the built graph."""
    import threading
    import urllib.parse
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    import pyoxigraph as ox

    store = ox.Store()
    store.load(path=str(project / "build" / "graph.ttl"), format=ox.RdfFormat.TURTLE)

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):
            form = urllib.parse.parse_qs(self.rfile.read(int(self.headers["Content-Length"])).decode("utf-8"))
            try:
                body = store.query(form["query"][0]).serialize(format=ox.QueryResultsFormat.JSON)
                self.send_response(200)
            except SyntaxError as e:
                body = str(e).encode("utf-8")
                self.send_response(400)
            self.send_header("Content-Type", "application/sparql-results+json")
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/sparql"
    server.shutdown()
    server.server_close()


def test_a_remote_endpoint_gives_the_same_answer_with_bound_parameters(project, local_endpoint):
    for args in (["grade-profile"], ["quotes-by-person", "-p", "person", "Roy Wilsher"],
                 ["post-holders", "-p", "person", "kgr:john-tizard"]):
        local = kg(project, "query", *args, "--format", "json").stdout
        remote = kg(project, "query", *args, "--format", "json", "--endpoint", local_endpoint, "--allow-network")
        assert remote.exit_code == 0, remote.output
        assert remote.stdout == local
    table = kg(project, "query", "grade-profile", "--endpoint", local_endpoint, "--allow-network").stdout
    assert table == kg(project, "query", "grade-profile").stdout
    refused = kg(project, "query", "grade-profile", "--endpoint", local_endpoint)
    assert refused.exit_code == 2 and "pass --allow-network to permit it" in refused.stderr
    bad = kg(project, "query", "-e", "SELECT * WHERE { ?s ?p }", "--endpoint", local_endpoint, "--allow-network")
    assert bad.exit_code == 2 and "the endpoint answered 400" in bad.stderr


@pytest.mark.parametrize("module", ["kg", "kg.cli"])
def test_the_program_runs_as_a_module(module):
    proc = subprocess.run([sys.executable, "-m", module, "--version"], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith("kg, version ")
