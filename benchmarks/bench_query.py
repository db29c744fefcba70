"""How fast kg query is: cold start against importing rdflib, and pyoxigraph against rdflib at scale.

    .venv/bin/python benchmarks/bench_query.py             # both parts
    .venv/bin/python benchmarks/bench_query.py --cold      # only the cold start
    .venv/bin/python benchmarks/bench_query.py --scale     # only the scale runs

Cold start: ``kg query grade-changes`` on the built graph, each run a new
process, against ``python -c "import rdflib; rdflib.Graph()"`` (the target: within
1.5 times it). The two commands run in turn, A B A B ..., after a warm-up, so a
machine whose speed drifts slows both; the ratio is taken pair by pair and its
median reported, with each command's median wall time.

Scale: synthetic graphs of about 10,000 and 100,000 triples (the ontology plus
more forces, inspections, graded areas and their evidence, shaped like the real
data), and the stored grade comparison (queries/grade-changes.rq) on pyoxigraph
and on rdflib, each in its own process with a time limit. Load and query times
are reported separately, and the row counts, which must agree.

Not a test: timings depend on the machine. Figures go in the README by hand.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
KG = str(Path(PYTHON).with_name("kg"))
BASELINE = [PYTHON, "-c", "import rdflib; rdflib.Graph()"]
QUERY = "grade-changes"


# --------------------------------------------------------------------------
# Cold start


def _wall(command: list[str], cwd: Path) -> float:
    started = time.perf_counter()
    done = subprocess.run(command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    elapsed = time.perf_counter() - started
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed: {done.stderr.strip()}")
    return elapsed


def cold_start(runs: int) -> dict:
    """Median wall seconds of kg query and of the rdflib import, and the median pairwise ratio."""
    if not (ROOT / "build" / "store").exists():
        subprocess.run([KG, "build"], cwd=ROOT, check=True)
    kg_query = [KG, "query", QUERY]
    for command in (kg_query, BASELINE):  # warm-up: file caches, bytecode
        _wall(command, ROOT)
    a, b = [], []
    for _ in range(runs):
        a.append(_wall(kg_query, ROOT))
        b.append(_wall(BASELINE, ROOT))
    ratios = [x / y for x, y in zip(a, b, strict=True)]
    return {"runs": runs, "kg_query_s": statistics.median(a), "rdflib_import_s": statistics.median(b),
            "ratio_median": statistics.median(ratios), "ratio_min": min(ratios), "ratio_max": max(ratios)}


# --------------------------------------------------------------------------
# Synthetic graphs

PREFIXES = """@prefix kg: <https://w3id.org/policing-kg/def#> .
@prefix kgr: <https://w3id.org/policing-kg/id/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix org: <http://www.w3.org/ns/org#> .
@prefix oa: <http://www.w3.org/ns/oa#> .
@prefix schema: <http://schema.org/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
"""
AREAS = ["effectiveness", "efficiency", "legitimacy", "recording-crime", "investigating-crime",
         "responding-to-the-public", "protecting-vulnerable-people", "managing-offenders"]
GRADES4 = ["peel4-outstanding", "peel4-good", "peel4-requires-improvement", "peel4-inadequate"]
GRADES5 = ["peel5-outstanding", "peel5-good", "peel5-adequate", "peel5-requires-improvement", "peel5-inadequate"]
THEMES = ["call handling", "missing children", "funding", "investigation", "leadership", "recording", "knife crime",
          "vulnerable people", "workforce", "partnership"]


def _fact(iri: str, kind: str, label: str, source: str, quote: str) -> list[str]:
    """A fact with its label, derivation and one evidence annotation, as the build writes it."""
    return [
        f'{iri} a kg:{kind} ; rdfs:label "{label}" ; prov:wasDerivedFrom {source} ; kg:evidence {iri}-ev .',
        f"{iri}-ev a oa:Annotation ; oa:hasBody {iri} ; oa:hasTarget {iri}-target .",
        f"{iri}-target a oa:SpecificResource ; oa:hasSource {source} ; oa:hasSelector {iri}-quote .",
        f'{iri}-quote a oa:TextQuoteSelector ; oa:exact "{quote}" .',
    ]


def synthetic_graph(forces: int, inspections: int = 6) -> str:
    """Turtle for ``forces`` forces, each inspected ``inspections`` times (yearly), grading every area."""
    lines = [PREFIXES]
    for f in range(forces):
        force = f"kgr:force-{f}"
        lines += _fact(force, "PoliceForce", f"Force {f}", "kgr:source-0", f"Force {f}")
        previous = None
        for i in range(inspections):
            year = 2014 + i
            insp, source = f"kgr:insp-{f}-{i}", f"kgr:source-{f}-{i}"
            lines += _fact(source, "SourceArticle", f"Article {f} {i}", source, f"Article about force {f}")
            lines.append(f'{source} schema:datePublished "{year}-06-01"^^xsd:date ; kg:reports {insp} .')
            lines += _fact(insp, "Inspection", f"Inspection {f} {year}", source, f"the {year} inspection")
            scale = "kgr:peel-four-grade-scale" if year < 2019 else "kgr:peel-five-grade-scale"
            lines.append(f'{insp} kg:inspectedForce {force} ; kg:usesScale {scale} ; kg:date "{year}"^^xsd:gYear .')
            if previous:
                lines.append(f"{insp} kg:previousInspection {previous} .")
            previous = insp
            grades = GRADES4 if year < 2019 else GRADES5
            for a, area in enumerate(AREAS):
                assessment = f"kgr:grade-{f}-{i}-{a}"
                grade = grades[(f + i + a) % len(grades)]
                lines += _fact(assessment, "Assessment", f"{area} {year}", source, f"graded {grade} in {area}")
                lines.append(f'{assessment} kg:inspection {insp} ; kg:area kgr:area-{area} ; kg:grade kgr:{grade} ; '
                             f'kg:gradeWording "{grade.split("-", 1)[1].replace("-", " ")}" .')
            # Concerns and praise on themes, who held the posts, and a figure, as the articles have them.
            for n in range(6):
                kind = ("Concern", "AreaForImprovement", "Praise")[n % 3]
                finding = f"kgr:finding-{f}-{i}-{n}"
                lines += _fact(finding, kind, f"Finding {f} {i} {n}", source, f"finding {n} of {year}")
                lines.append(f"{finding} kg:inspection {insp} ; kg:theme kgr:theme-{(f + i + n) % len(THEMES)} ; "
                             f"kg:about {force} .")
                if previous and n == 0:
                    lines.append(f"{finding} kg:continues kgr:finding-{f}-{i - 1}-0 .")
            for post in ("chief-constable", "pcc"):
                holding = f"kgr:holding-{f}-{i}-{post}"
                lines += _fact(holding, "PostHolding", f"{post} {f} {i}", source, f"the {post} of force {f}")
                lines.append(f"{holding} org:member kgr:person-{f}-{i // 3}-{post} ; kg:post kgr:post-{f}-{post} ; "
                             f"kg:attestedAt {insp}, {source} .")
            stat = f"kgr:stat-{f}-{i}"
            lines += _fact(stat, "Statistic", f"Figure {f} {year}", source, f"{100 + i} calls")
            lines.append(f'{stat} kg:measure "calls" ; kg:value {100 + i} ; kg:about kgr:finding-{f}-{i}-2 .')
        for post in ("chief-constable", "pcc"):
            lines += _fact(f"kgr:post-{f}-{post}", "Post", f"{post} of force {f}", "kgr:source-0", post)
            lines.append(f"kgr:post-{f}-{post} kg:singleHolder true .")
            for k in range(3):
                lines += _fact(f"kgr:person-{f}-{k}-{post}", "Person", f"Person {f} {k} {post}", "kgr:source-0", "x")
    for area in AREAS:
        lines += _fact(f"kgr:area-{area}", "AssessmentArea", area.replace("-", " "), "kgr:source-0", area)
    for t, theme in enumerate(THEMES):
        lines += _fact(f"kgr:theme-{t}", "Theme", theme, "kgr:source-0", theme)
    return "\n".join(lines) + "\n"


def write_graph(folder: Path, forces: int) -> tuple[Path, int]:
    """The ontology and a synthetic graph in one N-Triples file, and its number of triples."""
    import pyoxigraph as ox

    store = ox.Store()
    for path in sorted((ROOT / "ontology").glob("*.ttl")):
        if path.name != "shapes.ttl":
            store.load(path=str(path), format=ox.RdfFormat.TURTLE)
    store.load(synthetic_graph(forces).encode("utf-8"), format=ox.RdfFormat.TURTLE)
    out = folder / f"synthetic-{forces}.nt"
    store.dump(str(out), format=ox.RdfFormat.N_TRIPLES, from_graph=ox.DefaultGraph())
    return out, len(store)


def _worker(engine: str, graph: str) -> None:
    """Load a graph and run the grade comparison in this process; print JSON timings."""
    sys.path.insert(0, str(ROOT))
    from kg.queries import read_query, run
    from kg.store import OxigraphEngine, RdflibEngine

    query = read_query(ROOT / "queries" / f"{QUERY}.rq")
    started = time.perf_counter()
    db = {"oxigraph": OxigraphEngine, "rdflib": RdflibEngine}[engine]().load(Path(graph), graph)
    loaded = time.perf_counter()
    results = run(db, query)
    done = time.perf_counter()
    print(json.dumps({"load_s": loaded - started, "query_s": done - loaded, "rows": len(results.rows)}))


def _stored_worker(name: str, graph: str) -> None:
    """Load a graph and run one stored query (its parameters unbound) in this process; print JSON timings."""
    sys.path.insert(0, str(ROOT))
    from kg.queries import read_query, run
    from kg.store import OxigraphEngine

    query = read_query(ROOT / "queries" / f"{name}.rq")
    db = OxigraphEngine().load(Path(graph), graph)
    started = time.perf_counter()
    results = run(db, query)
    print(json.dumps({"query_s": time.perf_counter() - started, "rows": len(results.rows)}))


def stored(sizes: list[int], timeout: float) -> list[dict]:
    """Every parameter-free stored query on pyoxigraph, one process each, on each synthetic graph."""
    sys.path.insert(0, str(ROOT))
    from kg.queries import list_queries

    names = [q.name for q in list_queries(ROOT / "queries") if not any(p.required for p in q.parameters)]
    folder = Path(tempfile.mkdtemp(prefix="kg-bench-"))
    out = []
    try:
        for forces in sizes:
            graph, triples = write_graph(folder, forces)
            row = {"forces": forces, "triples": triples, "queries": {}}
            for name in names:
                try:
                    done = subprocess.run([PYTHON, __file__, "--stored-worker", name, str(graph)], capture_output=True,
                                          text=True, timeout=timeout, check=True)
                    row["queries"][name] = json.loads(done.stdout)
                except subprocess.TimeoutExpired:
                    row["queries"][name] = {"timeout_s": timeout}
            out.append(row)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return out


def scale(sizes: list[int], timeout: float) -> list[dict]:
    folder = Path(tempfile.mkdtemp(prefix="kg-bench-"))
    out = []
    try:
        for forces in sizes:
            graph, triples = write_graph(folder, forces)
            row = {"forces": forces, "triples": triples}
            for engine in ("oxigraph", "rdflib"):
                try:
                    done = subprocess.run([PYTHON, __file__, "--worker", engine, str(graph)], capture_output=True,
                                          text=True, timeout=timeout, check=True)
                    row[engine] = json.loads(done.stdout)
                except subprocess.TimeoutExpired:
                    row[engine] = {"timeout_s": timeout}
            out.append(row)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return out


# --------------------------------------------------------------------------
# Report


def _seconds(result: dict, key: str) -> str:
    if "timeout_s" in result:
        return f"> {result['timeout_s']:.0f} (stopped)"
    return f"{result[key]:.3f}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cold", action="store_true", help="only the cold-start comparison")
    parser.add_argument("--scale", action="store_true", help="only the scale runs")
    parser.add_argument("--runs", type=int, default=10, help="counted cold-start pairs (default 10)")
    parser.add_argument("--forces", type=int, nargs="+", default=[9, 105],
                        help="synthetic graph sizes in forces (default 9 105: about 10k and 100k triples)")
    parser.add_argument("--timeout", type=float, default=300, help="seconds each engine gets per graph (default 300)")
    parser.add_argument("--stored", action="store_true",
                        help="only: every parameter-free stored query on pyoxigraph, on each synthetic graph")
    parser.add_argument("--worker", nargs=2, metavar=("ENGINE", "GRAPH"), help=argparse.SUPPRESS)
    parser.add_argument("--stored-worker", nargs=2, metavar=("QUERY", "GRAPH"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.worker:
        _worker(*args.worker)
        return 0
    if args.stored_worker:
        _stored_worker(*args.stored_worker)
        return 0
    if args.stored:
        results = stored(args.forces, args.timeout)
        names = list(results[0]["queries"]) if results else []
        print(f"{'stored query (pyoxigraph, query only)':40}" + "".join(f"{r['triples']:>14,}" for r in results))
        for name in names:
            cells = []
            for r in results:
                q = r["queries"][name]
                cells.append(f"> {q['timeout_s']:.0f} s" if "timeout_s" in q else f"{q['query_s']:.3f} s ({q['rows']})")
            print(f"{name:40}" + "".join(f"{c:>14}" for c in cells))
        return 0
    both = not (args.cold or args.scale)
    print(f"Python {sys.version.split()[0]}, {os.cpu_count()} CPUs")
    if args.cold or both:
        c = cold_start(args.runs)
        print(f"\nCold start, {c['runs']} interleaved pairs (median wall seconds):")
        print(f"  kg query {QUERY:<28} {c['kg_query_s']:.3f}")
        print(f"  python -c 'import rdflib; rdflib.Graph()' {c['rdflib_import_s']:.3f}")
        print(f"  ratio kg query / rdflib import: median {c['ratio_median']:.2f} "
              f"(min {c['ratio_min']:.2f}, max {c['ratio_max']:.2f}); target <= 1.5")
    if args.scale or both:
        print(f"\n{QUERY} on synthetic graphs (seconds; each engine in its own process):")
        print("| triples | forces | pyoxigraph load | pyoxigraph query | rdflib load | rdflib query | rows |")
        print("|---|---|---|---|---|---|---|")
        for r in scale(args.forces, args.timeout):
            ox, rd = r["oxigraph"], r["rdflib"]
            rows = ox.get("rows") if rd.get("rows") in (None, ox.get("rows")) else f"{ox.get('rows')} vs {rd['rows']}!"
            print(f"| {r['triples']:,} | {r['forces']} | {_seconds(ox, 'load_s')} | {_seconds(ox, 'query_s')} | "
                  f"{_seconds(rd, 'load_s')} | {_seconds(rd, 'query_s')} | {rows} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
