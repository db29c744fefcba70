"""kg on real triple stores: push into Oxigraph server (and Virtuoso, when .ci/run starts one), then every stored
query gives the same rows through --endpoint as on the embedded store, and kg report answers from the store.

Oxigraph server is PyPI's ``oxigraph`` package, started per module on a free port of 127.0.0.1
with the union of the named graphs as its default graph (``--union-default-graph``), which is
how kg reads a partitioned dataset. Virtuoso's default graph is the union of all its graphs.
"""

from __future__ import annotations

import base64
import http.server
import json
import os
import threading

import pytest
from click.testing import CliRunner

from kg.cli import cli
from kg.errors import InputError
from kg.project import Project
from kg.push import Target, push
from kg.queries import list_queries
from kg.server.dataset import named_graphs, project_store

from .conftest import clean_error, copy_project
from .servers import oxigraph_server, request
from .test_serve import params_for

GRAPHS = "https://w3id.org/policing-kg/graph/"
COUNT_BY_GRAPH = "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g"


def kg(project, *args: str, env: dict | None = None):
    return CliRunner().invoke(cli, ["--project", str(project.root), *args], env=env)


def graph_counts(query_url: str, prefix: str = GRAPHS) -> dict[str, int]:
    reply = request(query_url, params={"query": COUNT_BY_GRAPH}, headers={"Accept": "application/sparql-results+json"})
    assert reply.status == 200, reply.text
    rows = json.loads(reply.body)["results"]["bindings"]
    return {r["g"]["value"]: int(r["n"]["value"]) for r in rows if r["g"]["value"].startswith(prefix)}


@pytest.fixture(scope="module")
def expected_graphs(built_project) -> dict[str, int]:
    """Each named graph of the built dataset and its number of triples."""
    return {g.iri: g.triples for g in named_graphs(project_store(built_project))}


def test_the_dataset_has_one_graph_per_source_and_one_for_the_ontology(expected_graphs, built_graph):
    from rdflib import RDF, URIRef

    kinds = [URIRef("https://w3id.org/policing-kg/def#SourceArticle"), URIRef("https://w3id.org/policing-kg/def#ReferenceSource")]
    sources = {str(s).rsplit("/", 1)[1] for kind in kinds for s in built_graph.subjects(RDF.type, kind)}
    assert {"comet-2016", "police-professional-2025"} <= sources, "the two articles of shared/seeds"
    assert sorted(expected_graphs) == sorted(GRAPHS + name for name in {*sources, "ontology", "derived"})


@pytest.fixture(scope="module")
def oxigraph(built_project, expected_graphs):
    """An Oxigraph server with the project pushed through the Graph Store Protocol."""
    with oxigraph_server() as url:
        result = kg(built_project, "push", "--endpoint", f"{url}/store", "--allow-network")
        assert result.exit_code == 0, result.output
        assert result.stdout.startswith(f"Pushed {len(expected_graphs)} graphs, "), result.stdout
        yield url


@pytest.fixture(scope="module")
def local_answers(built_project) -> dict[tuple[str, tuple], str]:
    """Every stored query's SPARQL JSON from the embedded store, by (name, parameters)."""
    answers = {}
    for query in list_queries(built_project.queries_dir):
        params = tuple(params_for(query).items())
        result = kg(built_project, "query", query.name, "--format", "json", *[x for k, v in params for x in ("-p", k, v)])
        assert result.exit_code == 0, result.output
        answers[query.name, params] = result.stdout
    return answers


def remote_answers(project, endpoint: str, local: dict, *, strict: bool = True) -> dict[tuple[str, tuple], str]:
    """The same queries through ``kg query --endpoint`` (an error line instead of the answer, if not strict)."""
    out = {}
    for name, params in local:
        args = ["query", name, "--format", "json", "--endpoint", endpoint, "--allow-network"]
        remote = kg(project, *args, *[x for k, v in params for x in ("-p", k, v)])
        assert remote.exit_code == 0 or not strict, (name, remote.output)
        out[name, params] = remote.stdout if remote.exit_code == 0 else remote.output
    return out


def assert_same_answers(project, endpoint: str, local: dict) -> None:
    """Every stored query, through --endpoint, gives the embedded store's rows (byte-identical SPARQL JSON)."""
    assert len(local) >= 10
    remote = remote_answers(project, endpoint, local)
    for key, answer in local.items():
        assert remote[key] == answer, key[0]


def test_every_stored_query_gives_the_same_rows_from_oxigraph_server(oxigraph, built_project, local_answers):
    assert_same_answers(built_project, f"{oxigraph}/query", local_answers)


def test_kg_report_answers_from_the_remote_store_as_from_the_embedded_one(oxigraph, built_project):
    remote = kg(built_project, "report", "--endpoint", f"{oxigraph}/query", "--allow-network")
    assert remote.exit_code == 0, remote.output
    assert remote.stdout == kg(built_project, "report").stdout
    assert "### Every inspection in time order" in remote.stdout and "## Summary" in remote.stdout


def test_a_second_push_replaces_the_graphs_so_the_store_is_unchanged(oxigraph, built_project, expected_graphs):
    assert graph_counts(f"{oxigraph}/query") == expected_graphs
    again = kg(built_project, "push", "--endpoint", f"{oxigraph}/store", "--allow-network")
    assert again.exit_code == 0, again.output
    assert graph_counts(f"{oxigraph}/query") == expected_graphs


def test_push_through_sparql_update_gives_the_same_graphs_and_leaves_others_alone(built_project, expected_graphs):
    other = "http://example.org/someone-elses-graph"
    with oxigraph_server() as url:
        put = request(f"{url}/store?graph={other}", method="PUT", data=b"<urn:a> <urn:b> <urn:c> .\n",
                      headers={"Content-Type": "application/n-triples"})
        assert put.status in (200, 201, 204)
        for _ in range(2):
            result = kg(built_project, "push", "--update-endpoint", f"{url}/update", "--allow-network")
            assert result.exit_code == 0, result.output
        assert graph_counts(f"{url}/query", prefix="") == {**expected_graphs, other: 1}


# -- what push refuses -------------------------------------------------------------------------------------


@pytest.mark.parametrize(("args", "says"), [
    (["--endpoint", "{url}/store"], "pushing sends the dataset over the network (pass --allow-network"),
    ([], "give --endpoint URL or --update-endpoint URL"),
    (["--endpoint", "{url}/store", "--update-endpoint", "{url}/update", "--allow-network"], "one of them"),
    (["--endpoint", "ftp://127.0.0.1/store", "--allow-network"], "an endpoint is an http:// or https:// URL"),
    (["--endpoint", "http://dba:secret@127.0.0.1:1/store", "--allow-network"], "credentials in the URL"),
    (["--endpoint", "{url}/nowhere", "--allow-network"], "the store answered 404"),
])
def test_push_refuses_with_one_line_and_sends_nothing(built_project, empty_oxigraph, args, says):
    result = kg(built_project, "push", *[a.format(url=empty_oxigraph) for a in args])
    line = clean_error(result)
    assert says in line
    assert "secret" not in result.output
    assert graph_counts(f"{empty_oxigraph}/query", prefix="") == {}


@pytest.fixture(scope="module")
def empty_oxigraph():
    with oxigraph_server() as url:
        yield url


def test_a_store_that_is_not_running_is_one_line(built_project):
    from .servers import free_port

    line = clean_error(kg(built_project, "push", "--endpoint", f"http://127.0.0.1:{free_port()}/store", "--allow-network"))
    assert "cannot reach the store" in line


class _BasicAuthStore(http.server.BaseHTTPRequestHandler):
    """A Graph Store that wants Basic credentials: records what it was sent."""

    seen: list = []

    def do_PUT(self):  # noqa: N802 - http.server's naming
        body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        type(self).seen.append((self.path, self.headers.get("Authorization"), len(body), "PUT"))
        self.answer(201)

    def do_POST(self):  # noqa: N802
        body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        type(self).seen.append((self.path, self.headers.get("Authorization"), len(body), "POST"))
        self.answer(204)

    def answer(self, status: int) -> None:
        if self.headers.get("Authorization") != "Basic " + base64.b64encode(b"kg-user:right horse battery").decode():
            status = 401
        self.send_response(status)
        if status == 401:
            self.send_header("WWW-Authenticate", 'Basic realm="store"')
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture()
def basic_store():
    _BasicAuthStore.seen = []
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _BasicAuthStore)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/store"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="module")
def graphs(built_project):
    return list(named_graphs(project_store(built_project)))


@pytest.mark.parametrize("how", ["environment", "netrc"])
def test_credentials_come_from_the_environment_or_netrc(graphs, basic_store, tmp_path, how):
    env = {"NETRC": str(tmp_path / "none")}
    if how == "environment":
        env.update(KG_PUSH_USER="kg-user", KG_PUSH_PASSWORD="right horse battery")
    else:
        netrc = tmp_path / "netrc"
        netrc.write_text('machine 127.0.0.1 login kg-user password "right horse battery"\n')
        os.chmod(netrc, 0o600)
        env["NETRC"] = str(netrc)
    report = push(graphs, Target(basic_store), environ=env)
    assert report.graphs == len(graphs) >= 3
    sent = [s for s in _BasicAuthStore.seen if s[2]]
    assert len(sent) == len(graphs) and all(path.startswith("/store?graph=https%3A%2F%2Fw3id.org") for path, *_ in sent)
    assert all(auth and method == "PUT" for _, auth, _, method in sent), "every graph went with the credentials"
    assert not [s for s in _BasicAuthStore.seen if s[3] == "PUT" and not s[2]], \
        "the challenge is met by an empty POST, which adds nothing; an empty PUT would clear a graph"


@pytest.mark.parametrize(("env", "says"), [
    ({"KG_PUSH_USER": "kg-user", "KG_PUSH_PASSWORD": "wrong staple"}, "KG_PUSH_USER"),
    ({}, "answered 401"),
    ({"KG_PUSH_USER": "kg-user"}, "KG_PUSH_USER and KG_PUSH_PASSWORD go together"),
])
def test_missing_or_wrong_credentials_are_one_line_without_the_password(graphs, basic_store, tmp_path, env, says):
    with pytest.raises(InputError) as refused:
        push(graphs, Target(basic_store), environ={"NETRC": str(tmp_path / "none"), **env})
    assert says in refused.value.line() and "staple" not in refused.value.line()
    assert not [s for s in _BasicAuthStore.seen if s[2]], "no graph was sent"


def test_push_never_prints_the_password(built_project, basic_store, tmp_path):
    env = {"KG_PUSH_USER": "kg-user", "KG_PUSH_PASSWORD": "right horse battery", "NETRC": str(tmp_path / "none")}
    result = kg(built_project, "push", "--endpoint", basic_store, "--allow-network", env=env)
    assert result.exit_code == 0, result.output
    assert "horse" not in result.output and result.stdout.startswith("Pushed ")


# -- Virtuoso, when .ci/run has started one -------------------------------------------------------------------


@pytest.fixture(scope="module")
def virtuoso(built_project, expected_graphs):
    url = os.environ.get("KG_VIRTUOSO_URL")
    if not url:
        if os.environ.get("CI") == "true":
            pytest.fail("CI=true but KG_VIRTUOSO_URL is not set: .ci/run starts Virtuoso and exports it")
        pytest.skip("no Virtuoso (set KG_VIRTUOSO_URL, KG_VIRTUOSO_USER, KG_VIRTUOSO_PASSWORD; .ci/run does)")
    env = {"KG_PUSH_USER": os.environ.get("KG_VIRTUOSO_USER", "dba"),
           "KG_PUSH_PASSWORD": os.environ.get("KG_VIRTUOSO_PASSWORD", "dba")}
    result = kg(built_project, "push", "--endpoint", f"{url}/sparql-graph-crud-auth", "--allow-network", env=env)
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith(f"Pushed {len(expected_graphs)} graphs, "), result.stdout
    settled(f"{url}/sparql", expected_graphs)
    return url, env


def settled(query_url: str, expected: dict[str, int], seconds: float = 30.0) -> None:
    """Wait until the store's graphs are the expected ones, or fail saying what it holds.

    Twice in CI the first graph pushed was short in the count just after a push Virtuoso had answered 2xx for: this
    module's tests were running on both workers at once (pytest-xdist's grouping was lost under pytest 9.2; see
    tests/conftest.py), each pushing to the one Virtuoso. The wait still tells a late commit from a lost graph, and
    the failure shows every graph Virtuoso names (not only kg's) and a direct count of each missing one.
    """
    import time

    deadline = time.monotonic() + seconds
    while (found := graph_counts(query_url)) != expected and time.monotonic() < deadline:
        time.sleep(1.0)
    if found == expected:
        return
    direct = {}
    for graph in expected.keys() - found.keys():
        query = f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}"
        reply = request(query_url, params={"query": query}, headers={"Accept": "application/sparql-results+json"})
        direct[graph] = reply.body[:300]
    pytest.fail(f"after {seconds:.0f} s the store holds {graph_counts(query_url, prefix='')}; "
                f"expected {expected}; direct counts of the missing graphs: {direct}")


# Stored queries checked on Virtuoso 7.2.5, pinned by the SHA-256 of their text (first 12 hex digits): these must
# give the same rows as the embedded store. A query whose text has changed, or that is new, is run and reported
# (agrees / differs) but not failed, so an edit elsewhere cannot turn CI red unseen; check it with
# .ci/virtuoso (see README) and pin it here, or say in VIRTUOSO_DIFFERS why Virtuoso answers otherwise.
VIRTUOSO_AGREES = {
    "claims-side-by-side": "40b5c88540e2", "evidence-for": "a0c6a3d90cd9", "figure-changes": "c97153d19d2f",
    "figures": "6a7acffdf7da", "grade-profile": "7f062c6f7c52", "grade-scales": "20f979b10c6d",
    "quotes-by-person": "d0ac7c527654", "recurring-concerns": "b5d073de6bf0", "sources": "ee67b030d62c",
}
# Stored queries Virtuoso 7.2.5 answers differently, and why (README, "Serving and shared stores").
VIRTUOSO_DIFFERS = {
    "compare-inspections": "differs on Virtuoso 7.2.5; cause not yet analysed",
    "concerns-by-inspection": "MIN over strings follows Virtuoso's collation, not code points; a boolean comes as 1/0",
    "findings-by-theme": "counts of kinds reached through rdfs:subClassOf* differ",
    "grades": "differs on Virtuoso 7.2.5; cause not yet analysed",
    "grade-changes": "the earlier grade (an OPTIONAL over a subclass path) is not found",
    "inspections": "MIN over strings follows Virtuoso's collation, not code points",
    "plans-for-findings": "MIN over strings follows Virtuoso's collation, not code points",
    "post-holders": "MIN over strings follows Virtuoso's collation, not code points",
    "shared-topics": "MIN over strings follows Virtuoso's collation, not code points",
    "timeline": "a UNION of dated kinds with COALESCE loses rows; MIN over strings by collation",
}
# Stored queries not sent to Virtuoso at all, and why. Each took most of its test's time, only to be reported
# (differs, or kg's time limit), and Virtuoso goes on working on it after kg gives up, taking a core from the
# rest of the suite. Never a pinned query.
VIRTUOSO_NOT_RUN = {
    "compare-inspections": "a freshly started Virtuoso 7.2.5 spends 25 s on it on a quiet machine and does not "
                           "finish within kg's 60 s on a busy one (/work/notes/tests-speed2.md)",
}


def test_every_stored_query_gives_the_same_rows_from_virtuoso(virtuoso, built_project, expected_graphs, local_answers):
    import hashlib

    url, _env = virtuoso
    assert graph_counts(f"{url}/sparql") == expected_graphs
    assert not VIRTUOSO_NOT_RUN.keys() & VIRTUOSO_AGREES.keys()
    local_answers = {key: answer for key, answer in local_answers.items() if key[0] not in VIRTUOSO_NOT_RUN}
    remote = remote_answers(built_project, f"{url}/sparql", local_answers, strict=False)
    pinned, report = 0, [f"{name}: not run ({why})" for name, why in VIRTUOSO_NOT_RUN.items()]
    for (name, params), answer in sorted(local_answers.items()):
        text = (built_project.queries_dir / f"{name}.rq").read_bytes()
        same = remote[name, params] == answer
        if VIRTUOSO_AGREES.get(name) == hashlib.sha256(text).hexdigest()[:12]:
            assert same, f"{name} gives other rows on Virtuoso: {remote[name, params][:300]}"
            pinned += 1
        else:
            report.append(f"{name}: {'agrees' if same else 'differs'}"
                          f"{' (' + VIRTUOSO_DIFFERS[name] + ')' if name in VIRTUOSO_DIFFERS and not same else ''}")
    print("\nVirtuoso, queries not pinned:", "; ".join(report) or "none")
    assert pinned >= 1 or not VIRTUOSO_AGREES.keys() & {name for name, _ in local_answers}


def test_kg_report_answers_from_virtuoso(virtuoso, built_project, tmp_path):
    url, _env = virtuoso
    project = Project.at(copy_project(tmp_path))  # the report of every stored query but those in VIRTUOSO_NOT_RUN
    for name in VIRTUOSO_NOT_RUN:
        (project.queries_dir / f"{name}.rq").unlink()
    remote = kg(project, "report", "--endpoint", f"{url}/sparql", "--allow-network")
    assert "failed unexpectedly" not in remote.output, remote.output
    if remote.exit_code != 0:  # only a query not yet checked on Virtuoso may stop it (see VIRTUOSO_AGREES)
        assert not any(f"queries/{name}.rq" in remote.output for name in VIRTUOSO_AGREES), remote.output
        print(f"\nkg report from Virtuoso stopped at a query not checked there: {remote.output.strip()}")
        return
    for query in list_queries(project.queries_dir):
        if not any(p.required for p in query.parameters):
            assert f"## {query.name}: {query.summary}" in remote.stdout


def test_virtuoso_push_twice_and_through_update_leaves_the_same_graphs(virtuoso, built_project, expected_graphs, tmp_path):
    url, env = virtuoso
    netrc = tmp_path / "netrc"
    netrc.write_text(f"machine 127.0.0.1 login {env['KG_PUSH_USER']} password {env['KG_PUSH_PASSWORD']}\n")
    os.chmod(netrc, 0o600)
    by_netrc = {"KG_PUSH_USER": None, "KG_PUSH_PASSWORD": None, "NETRC": str(netrc)}
    for args in (["--endpoint", f"{url}/sparql-graph-crud-auth"], ["--update-endpoint", f"{url}/sparql-auth"]):
        result = kg(built_project, "push", *args, "--allow-network", env=by_netrc)
        assert result.exit_code == 0, result.output
        settled(f"{url}/sparql", expected_graphs)


def test_progress_is_reported_after_every_request_up_to_every_triple(oxigraph, graphs, expected_graphs):
    seen = []
    report = push(graphs, Target(f"{oxigraph}/store"), progress=lambda done, total, graph: seen.append((done, total)))
    total = sum(expected_graphs.values())
    assert report.triples == total and seen[-1] == (total, total)
    assert [done for done, _ in seen] == sorted(done for done, _ in seen) and len(seen) == len(graphs)
    assert graph_counts(f"{oxigraph}/query") == expected_graphs


@pytest.mark.parametrize(("lines", "size", "expected"), [
    ([b"<a> <p> <b> .\n"] * 5, 2, [2, 2, 1]),
    ([b"<a> <p> _:x .\n", b"<a> <p> <b> .\n", b"_:x <p> <c> .\n", b"<c> <p> <d> .\n"], 1, [2, 1, 1]),
    ([], 3, [0]),
])
def test_large_graphs_go_in_chunks_with_every_blank_node_triple_in_the_first(lines, size, expected):
    from kg.push import chunks

    sent = list(chunks(b"".join(lines), size))
    assert [c.count(b"\n") for c in sent] == expected
    assert sent[0].count(b"_:") == sum(line.count(b"_:") for line in lines)
    assert sorted(b"".join(sent).splitlines()) == sorted(line.rstrip(b"\n") for line in lines)
