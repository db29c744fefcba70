"""kg serve: a read-only SPARQL 1.1 Protocol endpoint with every stored query by name, run as a real server.

One server for the module (two workers, a 2 s time limit, a 1 MB answer cap) on a
free port of 127.0.0.1; requests go over HTTP as any client's would.
"""

from __future__ import annotations

import json
import time

import pyoxigraph as ox
import pytest
from click.testing import CliRunner

from kg.cli import cli
from kg.queries import list_queries
from kg.results import from_json

from .servers import kg_serve, request

# Parameters for the stored queries that need some; the people and things are named in the articles.
SAMPLE_PARAMS = {"evidence-for": {"entity": "zoe-billingham"}, "quotes-by-person": {"person": "Zoe Billingham"}}
# The Comet quotes HMIC's Zoe Billingham (shared/seeds, The Comet article):
BILLINGHAM_SAYS = "HMIC continues to have serious concerns about the force’s overall response to missing children"
CARTESIAN = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
COMET_GRAPH = "https://w3id.org/policing-kg/graph/comet-2016"


@pytest.fixture(scope="module")
def server(built_project):
    with kg_serve(built_project.root, "--timeout", "2", "--max-result-mb", "1", "--workers", "2") as (url, process):
        yield url


def stored_queries(project):
    return list_queries(project.queries_dir)


def params_for(query) -> dict:
    needed = {p.name for p in query.parameters if p.required}
    given = SAMPLE_PARAMS.get(query.name, {})
    assert needed <= set(given), f"add sample parameters for {query.name} to SAMPLE_PARAMS"
    return given


def cli_json(project, name: str, params: dict) -> str:
    args = ["--project", str(project.root), "query", name, "--format", "json"]
    for key, value in params.items():
        args += ["-p", key, value]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0, result.output
    return result.output


def test_listens_on_loopback_only_by_default(server):
    assert server.startswith("http://127.0.0.1:")


@pytest.fixture(scope="module")
def cli_answers(built_project) -> dict[str, tuple[dict, str]]:
    """Each stored query's parameters and its kg query --format json output."""
    out = {}
    for query in stored_queries(built_project):
        params = params_for(query)
        out[query.name] = params, cli_json(built_project, query.name, params)
    return out


def test_every_stored_query_answers_as_on_the_command_line(server, cli_answers):
    assert len(cli_answers) >= 10
    for name, (params, expected) in cli_answers.items():
        reply = request(f"{server}queries/{name}", params={**params, "format": "json"})
        assert reply.status == 200, (name, reply.text)
        assert reply.content_type.startswith("application/sparql-results+json")
        assert reply.text == expected, name


def test_kg_reads_kg_serve_through_endpoint_as_its_own_store(server, built_project, cli_answers):
    for name, (params, expected) in cli_answers.items():
        args = ["query", name, "--format", "json", "--endpoint", f"{server}sparql", "--allow-network"]
        result = CliRunner().invoke(cli, ["--project", str(built_project.root), *args,
                                          *[x for k, v in params.items() for x in ("-p", k, v)]])
        assert result.exit_code == 0, result.output
        assert result.stdout == expected, name


def test_a_stored_query_with_a_parameter_finds_what_the_article_says(server):
    reply = request(f"{server}queries/quotes-by-person", params={"person": "Zoe Billingham"},
                    headers={"Accept": "application/sparql-results+json"})
    words = [row["words"].value for row in from_json(reply.text).rows]
    assert any(w.startswith(BILLINGHAM_SAYS) for w in words), words


@pytest.mark.parametrize(("params", "message"), [
    ({"person": "Zoe Billingham", "nobody": "x"}, "unknown parameter 'nobody'"),
    ({}, "missing parameter 'person'"),
    ({"person": "no such person at all"}, "no entity with id or label 'no such person at all'"),
    ({"person": ""}, "parameter 'person': empty value"),
])
def test_bad_parameters_are_400_with_the_command_lines_message(server, built_project, params, message):
    reply = request(f"{server}queries/quotes-by-person", params=params)
    assert reply.status == 400
    assert message in reply.text and reply.text.count("\n") == 1
    args = ["--project", str(built_project.root), "query", "quotes-by-person"]
    for key, value in params.items():
        args += ["-p", key, value]
    result = CliRunner().invoke(cli, args)
    assert result.stderr.strip() == f"Error: {reply.text.strip()}", "the same line as kg query gives"


def test_a_parameter_given_twice_is_refused_as_on_the_command_line(server):
    reply = request(f"{server}queries/quotes-by-person?person=Zoe+Billingham&person=Roy+Wilsher")
    assert reply.status == 400 and "parameter 'person' given twice" in reply.text


def test_an_unknown_stored_query_is_404_with_close_names(server):
    reply = request(f"{server}queries/inspection")
    assert reply.status == 404 and "did you mean inspections" in reply.text


def test_the_list_of_queries_gives_every_parameter_as_kg_queries_does(server, built_project):
    listed = json.loads(request(f"{server}queries").body)
    queries = stored_queries(built_project)
    assert [q["name"] for q in listed] == [q.name for q in queries]
    for item, query in zip(listed, queries, strict=True):
        assert item["summary"] == query.summary and item["path"] == f"/queries/{query.name}"
        assert [(p["name"], p["type"], p["required"]) for p in item["parameters"]] == \
            [(p.name, p.type, p.required) for p in query.parameters]
    api = json.loads(request(f"{server}openapi.json").body)
    assert set(api["paths"]) == {f"/queries/{q.name}" for q in queries}


SELECT_ROWS = "SELECT ?source WHERE { ?source a <https://w3id.org/policing-kg/def#SourceArticle> } ORDER BY ?source"
PARSERS = {"application/sparql-results+json": ox.QueryResultsFormat.JSON,
           "application/sparql-results+xml": ox.QueryResultsFormat.XML,
           "text/tab-separated-values": ox.QueryResultsFormat.TSV}


@pytest.mark.parametrize(("accept", "media_type"), [
    (None, "application/sparql-results+json"),
    ("*/*", "application/sparql-results+json"),
    ("application/sparql-results+xml", "application/sparql-results+xml"),
    ("text/csv", "text/csv"),
    ("text/tab-separated-values", "text/tab-separated-values"),
    ("application/json", "application/sparql-results+json"),
    ("text/csv;q=0.5, application/sparql-results+xml;q=0.9", "application/sparql-results+xml"),
])
@pytest.mark.parametrize("method", ["GET", "POST-form", "POST-direct"])
def test_select_answers_by_content_negotiation_read_back_to_the_same_rows(server, accept, media_type, method):
    headers = {"Accept": accept} if accept else {}
    if method == "GET":
        reply = request(f"{server}sparql", params={"query": SELECT_ROWS}, headers=headers)
    elif method == "POST-form":
        reply = request(f"{server}sparql", method="POST", data=f"query={_quote(SELECT_ROWS)}".encode(),
                        headers={**headers, "Content-Type": "application/x-www-form-urlencoded"})
    else:
        reply = request(f"{server}sparql", method="POST", data=SELECT_ROWS.encode(),
                        headers={**headers, "Content-Type": "application/sparql-query"})
    assert reply.status == 200, reply.text
    assert reply.content_type.split(";")[0] == media_type
    if media_type == "text/csv":  # lossy by design (pyoxigraph will not read it): plain values
        import csv

        rows = [row["source"] for row in csv.DictReader(reply.text.splitlines())]
    else:
        rows = [str(s["source"].value) for s in ox.parse_query_results(reply.body, PARSERS[media_type])]
    assert rows == ["https://w3id.org/policing-kg/id/comet-2016", "https://w3id.org/policing-kg/id/police-professional-2025"]


def _quote(text: str) -> str:
    import urllib.parse

    return urllib.parse.quote(text)


CONSTRUCT = ("CONSTRUCT { ?s <http://www.w3.org/2000/01/rdf-schema#label> ?l } WHERE { "
             "?s a <https://w3id.org/policing-kg/def#SourceArticle> ; <http://www.w3.org/2000/01/rdf-schema#label> ?l }")


@pytest.mark.parametrize(("accept", "media_type", "fmt"), [
    (None, "text/turtle", ox.RdfFormat.TURTLE),
    ("text/turtle", "text/turtle", ox.RdfFormat.TURTLE),
    ("application/n-triples", "application/n-triples", ox.RdfFormat.N_TRIPLES),
    ("application/ld+json", "application/ld+json", ox.RdfFormat.JSON_LD),
    ("application/rdf+xml", "application/rdf+xml", ox.RdfFormat.RDF_XML),
])
def test_construct_answers_come_as_rdf_by_content_negotiation(server, accept, media_type, fmt):
    reply = request(f"{server}sparql", params={"query": CONSTRUCT}, headers={"Accept": accept} if accept else {})
    assert reply.status == 200, reply.text
    assert reply.content_type.split(";")[0] == media_type
    subjects = sorted({t.subject.value for t in ox.parse(reply.body, fmt)})
    assert subjects == ["https://w3id.org/policing-kg/id/comet-2016", "https://w3id.org/policing-kg/id/police-professional-2025"]


def test_default_graph_uri_chooses_one_articles_graph(server):
    query = "SELECT DISTINCT ?source WHERE { ?fact <http://www.w3.org/ns/prov#wasDerivedFrom> ?source }"
    reply = request(f"{server}sparql", params={"query": query, "default-graph-uri": COMET_GRAPH})
    assert [r["source"].value for r in from_json(reply.text).rows] == ["https://w3id.org/policing-kg/id/comet-2016"]


@pytest.mark.parametrize(("how", "status", "says"), [
    ({"params": {"query": "INSERT DATA { <urn:a> <urn:b> <urn:c> }"}}, 403, "refused SPARQL INSERT: kg serve is read-only"),
    ({"params": {"query": "PREFIX x: <urn:x> DELETE WHERE { ?s ?p ?o }"}}, 403, "refused SPARQL DELETE"),
    ({"params": {"update": "CLEAR ALL"}}, 403, "refused SPARQL Update"),
    ({"method": "POST", "data": b"DROP ALL", "headers": {"Content-Type": "application/sparql-update"}}, 403,
     "refused SPARQL Update"),
    ({"params": {"query": "LOAD <http://127.0.0.1:9/x.ttl>"}}, 403, "refused SPARQL LOAD"),
    ({"params": {"query": "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }"}}, 403,
     "refused SPARQL SERVICE"),
    ({"params": {"query": "SELECT * WHERE { ?s ?p }"}}, 400, "invalid SPARQL"),
    ({"params": {"query": "   # nothing\n"}}, 400, "the query is empty"),
    ({}, 400, "no query"),
    ({"params": [("query", "ASK {}"), ("query", "ASK {}")]}, 400, "2 query parameters"),
    ({"params": {"query": "ASK {}", "default-graph-uri": "not an iri"}}, 400, "is not an absolute IRI"),
    ({"params": {"query": "ASK {}", "timeout": "5"}}, 400, "unknown parameter 'timeout'"),
    ({"params": {"query": "ASK {}", "format": "png"}}, 406, "format 'png' is not offered"),
    ({"params": {"query": "ASK {}"}, "headers": {"Accept": "image/png"}}, 406, "none of the accepted types"),
    ({"method": "POST", "data": b"query=ASK", "headers": {"Content-Type": "text/plain"}}, 415, "cannot read a POST body"),
    ({"method": "PUT", "data": b"<urn:a> <urn:b> <urn:c> ."}, 405, "Method Not Allowed"),
    ({"method": "DELETE"}, 405, "Method Not Allowed"),
])
def test_refusals_have_the_right_status_and_one_line(server, how, status, says):
    reply = request(f"{server}sparql", **how)
    assert reply.status == status, reply.text
    assert says in reply.text
    assert reply.text.strip().count("\n") == 0, "one line"


def test_a_body_over_1_mb_is_413_before_it_is_read(server):
    import socket
    from urllib.parse import urlsplit

    where = urlsplit(server)
    with socket.create_connection((where.hostname, where.port), timeout=10) as sock:
        sock.sendall(b"POST /sparql HTTP/1.1\r\nHost: x\r\nContent-Type: application/sparql-query\r\n"
                     b"Content-Length: 2000000\r\n\r\nASK {}")
        answer = b""
        while b"larger than" not in answer:  # headers and body may come in two reads on a busy machine
            chunk = sock.recv(4096)
            if not chunk:
                break
            answer += chunk
        answer = answer.decode()
    assert answer.startswith("HTTP/1.1 413") and "larger than 1024 KB" in answer


def test_a_query_that_never_ends_is_stopped_at_the_time_limit_and_the_server_goes_on(server):
    started = time.monotonic()
    reply = request(f"{server}sparql", params={"query": CARTESIAN})
    took = time.monotonic() - started
    assert reply.status == 503 and "did not finish within 2 s (the server's time limit" in reply.text
    assert took < 6, took
    again = [request(f"{server}sparql", params={"query": "ASK { ?s ?p ?o }"}) for _ in range(4)]
    assert all(r.status == 200 and json.loads(r.body)["boolean"] is True for r in again)


def test_an_answer_over_the_size_cap_is_422_and_a_smaller_one_is_not(server):
    reply = request(f"{server}sparql", params={"query": "SELECT * WHERE { ?s ?p ?o }"})
    assert reply.status == 422 and "larger than 1 MB, the server's cap" in reply.text
    assert request(f"{server}sparql", params={"query": "SELECT * WHERE { ?s ?p ?o } LIMIT 10"}).status == 200


def test_the_page_lists_every_stored_query_with_a_form(server, built_project):
    reply = request(server, headers={"Accept": "text/html"})
    assert reply.status == 200 and reply.content_type.startswith("text/html")
    for query in stored_queries(built_project):
        assert f'action="queries/{query.name}"' in reply.text
        for p in query.parameters:
            assert f'name="{p.name}"' in reply.text


def test_a_browser_gets_an_html_table_with_labels(server):
    reply = request(f"{server}queries/quotes-by-person", params={"person": "zoe-billingham"},
                    headers={"Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"})
    assert reply.status == 200 and reply.content_type.startswith("text/html")
    assert "<td" in reply.text and "Zoe Billingham" in reply.text and BILLINGHAM_SAYS in reply.text


def test_serve_refuses_a_port_in_use_and_a_missing_store_with_one_line(built_project, tmp_path):
    import socket

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = CliRunner().invoke(cli, ["--project", str(built_project.root), "serve", "--port", str(port)])
    assert result.exit_code == 2 and f"cannot listen on 127.0.0.1:{port}" in result.stderr
    result = CliRunner().invoke(cli, ["--project", str(built_project.root), "serve", "--store", str(tmp_path / "none")])
    assert result.exit_code == 2 and "no store folder here" in result.stderr


def test_serve_store_serves_an_oxigraph_store_folder(built_project, tmp_path):
    """--store DIR: any Oxigraph store folder, opened read-only by each worker, answers as the built graph does."""
    from kg.server.dataset import project_store

    folder = tmp_path / "store"
    on_disk = ox.Store(str(folder))
    on_disk.extend(project_store(built_project).quads_for_pattern(None, None, None))
    on_disk.flush()
    del on_disk  # closes it: workers open it read-only
    with kg_serve(built_project.root, "--store", str(folder), "--workers", "1") as (url, _process):
        reply = request(f"{url}queries/quotes-by-person", params={"person": "Zoe Billingham"})
        assert reply.status == 200, reply.text
        assert any(r["words"].value.startswith(BILLINGHAM_SAYS) for r in from_json(reply.text).rows)


COUNT_ALL = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"


def _count_on_the_command_line(project, *store: str) -> int:
    result = CliRunner().invoke(cli, ["--project", str(project.root), "query", "-e", COUNT_ALL, *store,
                                      "--format", "json"])
    assert result.exit_code == 0, result.output
    return int(from_json(result.output).rows[0]["n"].value)


def _count_served(url: str) -> int:
    reply = request(f"{url}sparql", params={"query": COUNT_ALL})
    assert reply.status == 200, reply.text
    return int(from_json(reply.text).rows[0]["n"].value)


def test_the_default_graph_holds_each_statement_once_as_kg_query_reads_it(server, built_project):
    """A statement two articles both make (a post's role, a shared place) is one statement of the union."""
    expected = _count_on_the_command_line(built_project)
    assert _count_served(server) == expected
    ask = "ASK { GRAPH ?a { ?s ?p ?o } GRAPH ?b { ?s ?p ?o } FILTER(?a != ?b) }"
    assert request(f"{server}sparql", params={"query": ask}).text.find("true") > 0  # the case is really there


def test_a_kg_load_store_is_served_as_kg_query_reads_it(built_project, tmp_path):
    store = tmp_path / "loaded"
    trig = built_project.root / "build" / "graph.trig"
    loaded = CliRunner().invoke(cli, ["--project", str(built_project.root), "load", str(trig), "--store", str(store)])
    assert loaded.exit_code == 0, loaded.output
    expected = _count_on_the_command_line(built_project, "--store", str(store))
    assert expected == _count_on_the_command_line(built_project)
    with kg_serve(built_project.root, "--store", str(store), "--workers", "1") as (url, _process):
        assert _count_served(url) == expected


def test_ctrl_c_stops_the_server_with_exit_0(built_project):
    import os
    import signal

    with kg_serve(built_project.root, "--workers", "1") as (url, process):
        assert request(f"{url}sparql", params={"query": "ASK {}"}).status == 200
        os.killpg(process.pid, signal.SIGINT)  # a terminal's Ctrl-C goes to the whole group
        assert process.wait(timeout=20) == 0
        assert process.stderr.read().decode().strip().endswith("Stopped")
