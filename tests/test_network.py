"""No network on a file's say-so.

A local HTTP server on 127.0.0.1 records every request it receives. Files and
queries that point at it (a remote JSON-LD @context, @import, owl:imports, an
RDF/XML external entity, SPARQL SERVICE, LOAD and FROM) are refused with one
clear line and exit 2, and the server receives nothing. With --allow-network
the same files do reach it, which shows the server would have seen a request.
"""

from __future__ import annotations

import http.server
import re
import shutil
import socket
import threading
import urllib.request
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import Graph

from kg.cli import cli
from kg.errors import NetworkRefused
from kg.safety import check_sparql, network_guard

from .conftest import ROOT, clean_error
from .test_bad_input import small_project

CONTEXT = b'{"@context": {"@vocab": "http://example.org/v#"}}'
ONTOLOGY = b"<http://example.org/o> a <http://www.w3.org/2002/07/owl#Ontology> .\n"
NO_ROWS = b'{"head": {"vars": ["s"]}, "results": {"bindings": []}}'


class RecordingServer:
    """An HTTP server on a random local port that records every request (at most 100) and stops itself."""

    def __init__(self, lifetime: float = 120.0):
        self.requests: list[str] = []
        server = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self):  # noqa: N802 - the http.server spelling
                if len(server.requests) < 100:
                    server.requests.append(f"{self.command} {self.path}")
                body, kind = ((CONTEXT, "application/ld+json") if "ctx" in self.path
                              else (ONTOLOGY, "text/turtle") if "onto" in self.path
                              else (NO_ROWS, "application/sparql-results+json"))
                self.send_response(200)
                self.send_header("Content-Type", kind)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            do_POST = do_GET

            def log_message(self, *args):
                pass

        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
        self.timer = threading.Timer(lifetime, self.stop)
        self.timer.daemon = True

    def start(self) -> RecordingServer:
        self.thread.start()
        self.timer.start()
        return self

    def stop(self) -> None:
        self.timer.cancel()
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def server():
    srv = RecordingServer().start()
    yield srv
    srv.stop()


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    """The small project of the bad-input tests, built, with the project's own stored queries beside its own."""
    root = small_project(tmp_path_factory.mktemp("network"))
    for path in (ROOT / "queries").glob("*.rq"):
        shutil.copy(path, root / "queries" / path.name)
    return root


@pytest.fixture(scope="module")
def lean_project(tmp_path_factory) -> Path:
    """The small project with only its own stored query: what the report route needs (the report runs every
    stored query, and the check that refuses the evil one is the same for one or seventeen beside it)."""
    return small_project(tmp_path_factory.mktemp("network-lean"))


OWL = "http://www.w3.org/2002/07/owl#"
# name, file name, contents ({url} is the server), the command after `kg --project P`
FILES = [
    ("jsonld-remote-context", "doc.jsonld",
     '{"@context": "{url}/ctx", "@id": "http://example.org/a", "name": "A"}', ["validate"]),
    ("jsonld-context-list", "doc.jsonld",
     '{"@context": [{"ex": "http://example.org/"}, "{url}/ctx"], "@id": "ex:a"}', ["validate"]),
    ("jsonld-context-in-nested-lists", "doc.jsonld",
     '{"@context": [[{"ex": "http://example.org/"}, ["{url}/ctx"]]], "@id": "ex:a"}', ["validate"]),
    ("jsonld-import", "doc.jsonld",
     '{"@context": {"@version": 1.1, "@import": "{url}/ctx"}, "@id": "http://example.org/a"}', ["validate"]),
    ("jsonld-scoped-context", "doc.jsonld",
     '{"@context": {"@version": 1.1, "knows": {"@id": "http://example.org/knows", "@context": "{url}/ctx"}},'
     ' "@id": "http://example.org/a", "knows": {"name": "B"}}', ["validate"]),
    ("jsonld-context-in-graph", "doc.jsonld",
     '{"@graph": [{"@context": "{url}/ctx", "@id": "http://example.org/a", "name": "A"}]}', ["validate"]),
    ("jsonld-local-context", "doc.jsonld",
     '{"@context": "other-context.jsonld", "@id": "http://example.org/a"}', ["validate"]),
    ("turtle-owl-imports", "onto.ttl",
     f"@prefix owl: <{OWL}> .\n<http://example.org/o> a owl:Ontology ;\n  owl:imports <{{url}}/onto> .\n", ["validate"]),
    ("turtle-owl-imports-spelt-out", "onto.ttl",
     f"<http://example.org/o> <{OWL}\\u0069mports> <{{url}}/onto> .\n", ["validate"]),
    ("ntriples-owl-imports", "onto.nt", f"<http://example.org/o> <{OWL}imports> <{{url}}/onto> .\n", ["validate"]),
    ("trig-owl-imports-in-a-named-graph", "onto.trig",
     f"<http://example.org/g> {{ <http://example.org/o> <{OWL}imports> <{{url}}/onto> . }}\n", ["validate"]),
    ("nquads-owl-imports", "onto.nq",
     f"<http://example.org/o> <{OWL}imports> <{{url}}/onto> <http://example.org/g> .\n", ["validate"]),
    ("jsonld-owl-imports-via-vocab", "onto.jsonld",
     f'{{"@context": {{"@vocab": "{OWL}im"}}, "@id": "http://example.org/o", "ports": {{"@id": "{{url}}/onto"}}}}',
     ["validate"]),
    ("rdfxml-owl-imports-split-namespace", "onto.rdf",
     f'<?xml version="1.0"?>\n<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:o="{OWL}im">\n'
     '  <rdf:Description rdf:about="http://example.org/o"><o:ports rdf:resource="{url}/onto"/></rdf:Description>\n'
     '</rdf:RDF>\n', ["validate"]),
    ("rdfxml-external-entity", "doc.rdf",
     '<?xml version="1.0"?>\n<!DOCTYPE rdf:RDF [<!ENTITY e SYSTEM "{url}/entity">]>\n'
     '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:ex="http://example.org/">\n'
     '  <rdf:Description rdf:about="http://example.org/a"><ex:p>&e;</ex:p></rdf:Description>\n</rdf:RDF>\n',
     ["validate"]),
    ("rdfxml-external-dtd", "doc.rdf",
     '<?xml version="1.0"?>\n<!doctype rdf:RDF SYSTEM "{url}/dtd">\n'
     '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"/>\n', ["validate"]),
    ("query-data-remote-context", "doc.jsonld",
     '{"@context": "{url}/ctx", "@id": "http://example.org/a", "name": "A"}',
     ["query", "-e", "SELECT * WHERE { ?s ?p ?o }", "--data"]),
    ("query-data-owl-imports", "onto.ttl",
     f"<http://example.org/o> <{OWL}imports> <{{url}}/onto> .\n", ["query", "-e", "ASK { ?s ?p ?o }", "--data"]),
    ("query-data-owl-imports-in-a-named-graph", "onto.trig",
     f"<http://example.org/g> {{ <http://example.org/o> <{OWL}imports> <{{url}}/onto> . }}\n",
     ["query", "-e", "ASK { ?s ?p ?o }", "--data"]),
    ("query-data-rdflib-owl-imports", "onto.ttl",
     f"<http://example.org/o> <{OWL}imports> <{{url}}/onto> .\n",
     ["query", "--engine", "rdflib", "-e", "ASK { ?s ?p ?o }", "--data"]),
]

# Every spelling of SERVICE, FROM and LOAD that kg.sparqltext knows: (name, query, whether pyoxigraph
# fetches it when the network is allowed). {url} is the server; NBSP and EMSP are the non-ASCII spaces
# that are not SPARQL whitespace (an IRI may hold them, so a '#' after them is not a comment).
NBSP, EMSP = "\u00a0", "\u2003"
QUERIES = [
    ("service", "SELECT * WHERE { SERVICE <{url}/sparql> { ?s ?p ?o } }", True),
    ("service-silent-lower-case", "select * where { ?a ?b ?c .service silent <{url}/sparql> { ?s ?p ?o } }", True),
    ("service-mixed-case", "SELECT * WHERE { SeRvIcE <{url}/sparql> { ?s ?p ?o } }", True),
    ("service-escaped", "SELECT * WHERE { \\u0053ERVICE <{url}/sparql> { ?s ?p ?o } }", False),
    ("service-variable", "SELECT * WHERE { BIND(<{url}/sparql> AS ?e) SERVICE ?e { ?s ?p ?o } }", False),
    ("service-glued-to-iri", "SELECT*{SERVICE<{url}/sparql>{?s ?p ?o}}", True),
    ("service-silent-glued", "SELECT * { ?a ?b ?c SERVICESILENT<{url}/sparql>{?s ?p ?o} }", True),
    ("service-glued-to-empty-prefix", "PREFIX : <{url}/> SELECT * WHERE { SERVICE:sparql { ?s ?p ?o } }", True),
    ("service-glued-to-a-prefix", "PREFIX ep: <{url}/> SELECT * WHERE { ?a ?b ?c SERVICEep:sparql { ?s ?p ?o } }", True),
    ("service-glued-to-a-variable", "SELECT * WHERE { BIND(<{url}/sparql> AS ?e) SERVICE?e { ?s ?p ?o } }", False),
    ("service-after-tab-and-crlf", "SELECT * WHERE {\r\n\tSERVICE\t<{url}/sparql>\r\n{ ?s ?p ?o } }", True),
    ("service-after-nbsp-iri-and-hash",
     f"SELECT * WHERE {{ OPTIONAL {{ <http://x/a{NBSP}b#> ?p ?o }} SERVICE <{{url}}/sparql> {{ ?s ?p ?o }} }}", True),
    ("service-after-emsp-iri-and-hash",
     f"SELECT * WHERE {{ OPTIONAL {{ <http://x/a{EMSP}#> ?p ?o }} SERVICE <{{url}}/sparql> {{ ?s ?p ?o }} }}", True),
    ("service-after-escaped-iri-and-hash",
     "SELECT * WHERE { OPTIONAL { <http://x/\\u0041#> ?p ?o } SERVICE <{url}/sparql> { ?s ?p ?o } }", False),
    ("service-after-escaped-hash-in-a-name",
     "PREFIX ex: <http://x/> SELECT * WHERE { OPTIONAL { ?s ex:a\\#b ?o } SERVICE <{url}/sparql> { ?s ?p ?o } }", True),
    ("service-after-string-with-hash",
     'SELECT * WHERE { OPTIONAL { ?s ?p "a\\"#b" } SERVICE <{url}/sparql> { ?s ?p ?o } }', True),
    ("service-after-long-string", 'SELECT * WHERE { OPTIONAL { ?s ?p """a"#""" } SERVICE <{url}/sparql> { ?s ?p ?o } }', True),
    ("service-after-nbsp-outside-an-iri", f"SELECT * WHERE {{ ?s ?p ?o .{NBSP}SERVICE <{{url}}/sparql> {{ ?s ?p ?o }} }}",
     False),
    ("service-in-optional", "SELECT * WHERE { ?a ?b ?c OPTIONAL { SERVICE <{url}/sparql> { ?s ?p ?o } } }", True),
    ("service-in-union", "SELECT * WHERE { { ?a ?b ?c } UNION { SERVICE <{url}/sparql> { ?s ?p ?o } } }", True),
    ("service-in-subquery", "SELECT * WHERE { { SELECT * WHERE { SERVICE <{url}/sparql> { ?s ?p ?o } } } }", True),
    ("service-in-exists", "SELECT * WHERE { ?a ?b ?c FILTER EXISTS { SERVICE <{url}/sparql> { ?s ?p ?o } } }", False),
    ("service-in-ask", "ASK { SERVICE <{url}/sparql> { ?s ?p ?o } }", True),
    ("service-in-construct", "CONSTRUCT { ?s ?p ?o } WHERE { SERVICE <{url}/sparql> { ?s ?p ?o } }", True),
    ("service-after-a-comment", "SELECT * WHERE { # a comment\nSERVICE <{url}/sparql> { ?s ?p ?o } }", True),
    ("load", "LOAD <{url}/onto>", False),
    ("load-silent-into", "LOAD SILENT <{url}/onto> INTO GRAPH <http://x/g>", False),
    ("load-glued", "LOAD<{url}/onto>", False),
    ("load-after-an-update", "INSERT DATA { <http://x/a> <http://x/b> <http://x/c> } ; LOAD <{url}/onto>", False),
    ("load-glued-to-a-prefix", "PREFIX : <{url}/> LOAD:onto", False),
    ("from", "SELECT * FROM <{url}/onto> WHERE { ?s ?p ?o }", False),
    ("from-named", "SELECT * FROM NAMED <{url}/onto> WHERE { GRAPH ?g { ?s ?p ?o } }", False),
    ("from-glued-to-iri", "SELECT*FROM<{url}/onto>{?s ?p ?o}", False),
    ("from-glued-to-empty-prefix", "PREFIX : <{url}/> SELECT * FROM:onto WHERE { ?s ?p ?o }", False),
    ("from-named-glued", "PREFIX : <{url}/> SELECT * FROMNAMED:onto WHERE { ?s ?p ?o }", False),
    ("from-glued-to-a-longer-prefix", "PREFIX age: <{url}/> SELECT * fromage:onto WHERE { ?s ?p ?o }", False),
    ("from-escaped", "SELECT * \\u0046ROM <{url}/onto> WHERE { ?s ?p ?o }", False),
    ("from-in-ask", "ASK FROM <{url}/onto> { ?s ?p ?o }", False),
    ("from-in-construct", "CONSTRUCT { ?s ?p ?o } FROM <{url}/onto> WHERE { ?s ?p ?o }", False),
    ("from-in-describe", "DESCRIBE ?s FROM <{url}/onto> WHERE { ?s ?p ?o }", False),
    ("from-after-nbsp-iri-and-hash", f"PREFIX x: <http://x/a{NBSP}#> SELECT * FROM <{{url}}/onto> WHERE {{ ?s ?p ?o }}", False),
]
HEADER = "#+ summary: Looks harmless.\n#+ description: Sends the graph elsewhere.\n"


def _invoke(project: Path, args: list[str]):
    return CliRunner().invoke(cli, ["--project", str(project), *args])


@pytest.mark.parametrize("name,filename,text,command", FILES, ids=[f[0] for f in FILES])
def test_a_file_that_names_a_remote_document_is_refused(server, project, tmp_path, name, filename, text, command):
    path = tmp_path / filename
    path.write_text(text.replace("{url}", server.url), encoding="utf-8")
    line = clean_error(_invoke(project, [*command, str(path)]))
    assert str(path) in line
    assert "--allow-network" in line
    assert server.requests == []


@pytest.mark.parametrize("route", ["-e", "-e rdflib", "--file", "stored", "report"])
@pytest.mark.parametrize("name,query,_fetches", QUERIES, ids=[q[0] for q in QUERIES])
def test_a_query_that_reaches_out_is_refused_by_every_route(server, project, lean_project, tmp_path, name, query,
                                                            _fetches, route):
    text = query.replace("{url}", server.url)
    project = lean_project if route == "report" else project
    stored = project / "queries" / "zz-evil.rq"
    if route == "-e":
        args = ["query", "-e", text]
    elif route == "-e rdflib":
        args = ["query", "--engine", "rdflib", "-e", text]
    else:
        path = tmp_path / "evil.rq" if route == "--file" else stored
        path.write_text(HEADER + text + "\n", encoding="utf-8")
        args = {"--file": ["query", "--file", str(path)], "stored": ["query", "zz-evil"], "report": ["report"]}[route]
    try:
        line = clean_error(_invoke(project, args))
    finally:
        stored.unlink(missing_ok=True)
    assert "refused SPARQL" in line and "--allow-network" in line, line
    if route in ("--file", "stored", "report"):
        keyword = re.search(r"(?i)service|load|from|\\u", text).start()
        assert f"evil.rq:{3 + text.count(chr(10), 0, keyword)}:" in line, line  # the line the keyword is on
    assert server.requests == []


@pytest.mark.parametrize("name,query", [(n, q) for n, q, _ in QUERIES if "service" in n],
                         ids=[n for n, _, _ in QUERIES if "service" in n])
def test_a_spelling_the_text_check_missed_still_reaches_nothing(server, project, monkeypatch, name, query):
    """The third line: with the text check switched off, the query's child process cannot open a socket."""
    import kg.safety

    monkeypatch.setattr(kg.safety, "check_sparql", lambda *args, **kwargs: None)
    result = _invoke(project, ["query", "-e", query.replace("{url}", server.url)])
    assert "Traceback" not in result.output
    assert server.requests == []


@pytest.mark.parametrize("name,query", [(n, q) for n, q, fetches in QUERIES if fetches],
                         ids=[n for n, _, fetches in QUERIES if fetches])
def test_allow_network_lets_each_spelling_reach_the_server(server, project, name, query):
    """The control: these spellings really are SERVICE calls to pyoxigraph, so the silence above means something."""
    result = _invoke(project, ["query", "-e", query.replace("{url}", server.url), "--allow-network"])
    assert "refused" not in result.output, result.output
    assert any("/sparql" in r for r in server.requests), (server.requests, result.output)


def test_an_export_never_embeds_a_context_that_readers_would_fetch(server, project, tmp_path):
    root = tmp_path / "p"
    shutil.copytree(project, root)
    (root / "ontology" / "context.jsonld").write_text(
        '{"@context": {"@import": "URL/ctx", "kg": "https://w3id.org/policing-kg/def#"}}'.replace("URL", server.url),
        encoding="utf-8")
    line = clean_error(_invoke(root, ["export", "--format", "jsonld"]))
    assert "context.jsonld" in line and f"@import '{server.url}/ctx'" in line
    assert server.requests == []


def test_words_that_only_look_like_keywords_are_not_refused():
    check_sparql('SELECT ?service ?load WHERE { ?service <http://x/from> "SERVICE LOAD FROM" . ?x ex:service ?y }'
                 "  # a comment about SERVICE\n", "q.rq")
    check_sparql("PREFIX load: <http://x/> SELECT * WHERE { ?s load:from ?o }", "q.rq")


TEXT = {name: text for name, _file, text, _command in FILES} | {name: text for name, text, _ in QUERIES}


@pytest.mark.parametrize("name,filename,text,command,expected", [
    ("jsonld-remote-context", "doc.jsonld", TEXT["jsonld-remote-context"], ["validate"], "GET /ctx"),
    ("turtle-owl-imports", "onto.ttl", TEXT["turtle-owl-imports"], ["validate"], "GET /onto"),
    ("service", "q", TEXT["service"], ["query", "-e"], "/sparql"),
], ids=["jsonld-remote-context", "turtle-owl-imports", "service"])
def test_allow_network_lets_the_same_files_through(server, project, tmp_path, name, filename, text, command, expected):
    """The control: with --allow-network the server does see the request, so its silence above means something."""
    text = text.replace("{url}", server.url)
    if command == ["validate"]:
        path = tmp_path / filename
        path.write_text(text, encoding="utf-8")
        args = [*command, "--allow-network", str(path)]
    else:
        args = [*command, text, "--allow-network"]
    result = _invoke(project, args)
    assert "refused" not in result.output and "blocked" not in result.output, result.output
    assert any(expected in r for r in server.requests), server.requests


def test_the_audit_hook_blocks_what_slips_past_the_checks(server):
    """The second line of defence: inside the guard, Python code cannot open a connection at all."""
    remote = TEXT["jsonld-remote-context"].replace("{url}", server.url)
    host, port = server.httpd.server_address[:2]
    with network_guard():
        with pytest.raises(NetworkRefused, match="--allow-network"):
            Graph().parse(data=remote, format="json-ld")
        with pytest.raises(NetworkRefused):
            urllib.request.urlopen(server.url + "/x", timeout=5)
        with pytest.raises(NetworkRefused):
            socket.create_connection((host, port), timeout=5)
        with pytest.raises(NetworkRefused):
            socket.socket().connect((host, port))
    assert server.requests == []
    with network_guard(allowed=True):
        urllib.request.urlopen(server.url + "/x", timeout=5).read()
    assert server.requests == ["GET /x"]


def test_the_cli_guard_catches_a_gap_in_the_file_checks(server, project, tmp_path, monkeypatch):
    """Were the JSON-LD check to miss a context, the command would still not reach the network."""
    import kg.safety

    monkeypatch.setattr(kg.safety, "context_references", lambda doc: iter(()))
    path = tmp_path / "doc.jsonld"
    path.write_text(TEXT["jsonld-remote-context"].replace("{url}", server.url), encoding="utf-8")
    line = clean_error(_invoke(project, ["validate", str(path)]))
    assert "blocked a request" in line and "--allow-network" in line
    assert server.requests == []
