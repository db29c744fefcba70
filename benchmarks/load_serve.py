"""Load test (not a timed test): 16 concurrent clients for 30 s against kg serve and raw Oxigraph server.

Both serve the same data: the project's dataset (``kg export --format nq``) loaded
into one Oxigraph store folder, which ``oxigraph serve-read-only --union-default-graph``
and ``kg serve --store`` open read-only; ``kg serve`` is also run in its default
mode (the built graph in memory). The work is every stored query (parameters
bound; kg by name at /queries/NAME, raw Oxigraph the same text with the values
in a VALUES clause, as ``--endpoint`` sends it) and a few ad-hoc queries, each
client cycling through them, keep-alive connections, answers as SPARQL JSON
(Turtle for the CONSTRUCT). Any non-200 answer is an error.

    .venv/bin/python benchmarks/load_serve.py [--clients 16] [--seconds 30]

Needs the project built (kg build) and the ``oxigraph`` package (a test extra).
Clients are threads in this process, so they share the machine's cores with the
servers: compare the rows with each other, not with other machines.
"""

from __future__ import annotations

import argparse
import http.client
import itertools
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.servers import free_port, oxigraph_server, stop  # noqa: E402

SAMPLE_PARAMS = {"evidence-for": {"entity": "zoe-billingham"}, "quotes-by-person": {"person": "Zoe Billingham"}}
AD_HOC = {
    "classes": "SELECT ?class (COUNT(?s) AS ?n) WHERE { ?s a ?class } GROUP BY ?class ORDER BY DESC(?n)",
    "labels": "SELECT ?s ?label WHERE { ?s <http://www.w3.org/2000/01/rdf-schema#label> ?label } ORDER BY ?label LIMIT 100",
    "ask": "ASK { ?s <http://www.w3.org/ns/prov#wasDerivedFrom> <https://w3id.org/policing-kg/id/comet-2016> }",
    "construct": "CONSTRUCT { ?s ?p ?o } WHERE { ?s a <https://w3id.org/policing-kg/def#Inspection> ; ?p ?o }",
}


def workload(project) -> list[tuple[str, str, str, str | None]]:
    """(name, kind, text or stored name, accept) for every request kind; kind is 'stored' or 'sparql'."""
    from kg.queries import list_queries

    items = []
    for q in list_queries(project.queries_dir):
        items.append((q.name, "stored", q.name, "application/sparql-results+json"))
    for name, text in AD_HOC.items():
        accept = "text/turtle" if text.startswith("CONSTRUCT") else "application/sparql-results+json"
        items.append((f"ad-hoc {name}", "sparql", text, accept))
    return items


def stored_as_sparql(project, name: str) -> str:
    """The stored query's text with its sample parameters bound as kg --endpoint binds them."""
    from kg.params import bindings
    from kg.queries import load_query
    from kg.store import OxigraphEngine, _values_in_where

    query = load_query(project.queries_dir, name)
    given = list(SAMPLE_PARAMS.get(name, {}).items())
    if not given:
        return query.text
    engine = OxigraphEngine().load(project.graph_path, "graph")
    return _values_in_where(query.text, bindings(engine, query, given))


def requests_for(project, target: str, items) -> list[tuple[str, str, str, bytes | None, dict]]:
    """(name, method, path, body, headers) for each item, as the target takes them."""
    out = []
    for name, kind, value, accept in items:
        headers = {"Accept": accept}
        if target == "kg" and kind == "stored":
            query = "&".join(f"{k}={urllib.parse.quote(v)}" for k, v in SAMPLE_PARAMS.get(value, {}).items())
            out.append((name, "GET", f"/queries/{value}" + (f"?{query}" if query else ""), None, headers))
            continue
        text = stored_as_sparql(project, value) if kind == "stored" else value
        path = "/sparql" if target == "kg" else "/query"
        out.append((name, "POST", path, text.encode("utf-8"), {**headers, "Content-Type": "application/sparql-query"}))
    return out


def drive(port: int, reqs, clients: int, seconds: float) -> dict:
    latencies: list[float] = []
    errors: list[str] = []
    per_name: dict[str, list[float]] = {}
    lock = threading.Lock()
    stop_at = time.perf_counter() + seconds

    def client(offset: int) -> None:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        mine, mine_errors, mine_named = [], [], []
        for name, method, path, body, headers in itertools.islice(itertools.cycle(reqs), offset, None):
            if time.perf_counter() >= stop_at:
                break
            started = time.perf_counter()
            try:
                conn.request(method, path, body=body, headers=headers)
                response = conn.getresponse()
                data = response.read()
                if response.status != 200:
                    mine_errors.append(f"{name}: {response.status} {data[:120]!r}")
            except (OSError, http.client.HTTPException) as e:
                mine_errors.append(f"{name}: {e!r}")
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
            took = time.perf_counter() - started
            mine.append(took)
            mine_named.append((name, took))
        conn.close()
        with lock:
            latencies.extend(mine)
            errors.extend(mine_errors)
            for name, took in mine_named:
                per_name.setdefault(name, []).append(took)

    threads = [threading.Thread(target=client, args=(i,)) for i in range(clients)]
    started = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.perf_counter() - started
    latencies.sort()
    return {"requests": len(latencies), "errors": errors, "seconds": elapsed, "rps": len(latencies) / elapsed,
            "p50": _pct(latencies, 50), "p95": _pct(latencies, 95), "per_name": per_name}


def _pct(values: list[float], pct: float) -> float:
    if not values:
        return float("nan")
    return values[min(len(values) - 1, int(round(pct / 100 * (len(values) - 1))))] if len(values) < 20 else \
        statistics.quantiles(values, n=100, method="inclusive")[int(pct) - 1]


def start_kg(project_root: Path, *args: str) -> tuple[subprocess.Popen, int]:
    port = free_port()
    process = subprocess.Popen([str(Path(sys.executable).parent / "kg"), "--project", str(project_root), "serve",
                                "--port", str(port), *args], stderr=subprocess.PIPE, start_new_session=True)
    line = process.stderr.readline().decode()
    if not line.startswith("Serving"):
        raise SystemExit(f"kg serve did not start: {line}")
    return process, port


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--seconds", type=float, default=30)
    parser.add_argument("--project", type=Path, default=ROOT)
    parser.add_argument("--workers", type=int, help="kg serve --workers (default: its own, one per core)")
    args = parser.parse_args()

    from kg.project import Project

    project = Project.at(args.project)
    if not project.graph_path.exists():
        raise SystemExit("build the project first: kg build")
    items = workload(project)
    exe = shutil.which("oxigraph", path=str(Path(sys.executable).parent)) or shutil.which("oxigraph")
    results = {}
    with tempfile.TemporaryDirectory(prefix="kg-load-") as tmp:
        nq, store = Path(tmp) / "dataset.nq", Path(tmp) / "store"
        nq.write_text(subprocess.run([str(Path(sys.executable).parent / "kg"), "--project", str(project.root), "export",
                                      "--format", "nq"], check=True, capture_output=True, text=True).stdout)
        subprocess.run([exe, "load", "--location", str(store), "--file", str(nq)], check=True, capture_output=True)
        runs = [("kg serve (built graph in memory)", ()), ("kg serve --store (same store folder)", ("--store", str(store)))]
        workers = ("--workers", str(args.workers)) if args.workers else ()
        for label, extra in runs:
            process, port = start_kg(project.root, *extra, *workers)
            try:
                results[label] = drive(port, requests_for(project, "kg", items), args.clients, args.seconds)
            finally:
                stop(process)
        with oxigraph_server("serve-read-only", "--location", str(store)) as url:
            port = int(url.rsplit(":", 1)[1])
            results["oxigraph serve-read-only"] = drive(port, requests_for(project, "ox", items), args.clients, args.seconds)

    print(f"{args.clients} clients, {args.seconds:g} s each, {len(items)} kinds of request "
          f"({len(items) - len(AD_HOC)} stored queries, {len(AD_HOC)} ad-hoc)\n")
    print(f"{'server':40} {'requests':>9} {'errors':>7} {'req/s':>8} {'p50 ms':>8} {'p95 ms':>8}")
    for label, r in results.items():
        print(f"{label:40} {r['requests']:9d} {len(r['errors']):7d} {r['rps']:8.1f} {r['p50'] * 1000:8.1f} "
              f"{r['p95'] * 1000:8.1f}")
    print("\nper request kind, p50 ms (" + " / ".join(results) + ")")
    for name, *_ in items:
        cells = " ".join(f"{_pct(sorted(r['per_name'].get(name, [])), 50) * 1000:9.1f}" for r in results.values())
        print(f"  {name:36} {cells}")
    for label, r in results.items():
        for error in r["errors"][:5]:
            print(f"error ({label}): {error}")
    if any(r["errors"] for r in results.values()):
        sys.exit(1)


if __name__ == "__main__":
    main()
