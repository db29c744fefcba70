"""The dataset benchmark: kg against the naive pipeline and raw pyoxigraph, whole commands, with peak memory.

For each size it generates a synthetic project (benchmarks/generate.py) and times,
each step a new process, wall time and peak resident memory:

- ``build``: ``kg build --texts`` from nothing (mapping, SHACL, store, dumps);
- ``naive``: what the build replaces, rdflib parsing build/graph.ttl then pyshacl
  validating it with the same shapes;
- ``rebuild``: ``kg build`` again after one data file changed (one article's label);
- ``validate``: ``kg validate`` of the built store;
- ``open``: opening the store, in process (kg.dataset.Dataset.open against
  pyoxigraph.Store.read_only);
- ``query NAME``: every stored query as ``kg query NAME --format csv`` against raw
  pyoxigraph running the same query text on the same store (parameters bound
  the same way) and writing the same CSV;
- ``export FMT``: every export against raw pyoxigraph's ``Store.dump`` of the same store;
- pictures that make sense at that size (the whole graph only while it is small), ``kg stats`` and
  ``kg paths`` from the first force's chief constable to the last force.

    python benchmarks/bench_dataset.py --sizes 10k 100k --json bench.json

Medians of ``--runs`` runs (default 1: the large sizes take minutes). The machine
is shared: read ratios, not seconds.
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
PY = sys.executable
KG = [PY, "-m", "kg"]
sys.path.insert(0, str(ROOT))

NAIVE = """
import sys, time
from rdflib import Graph
from pyshacl import validate
g = Graph().parse(sys.argv[1], format="turtle")
shapes = Graph().parse(sys.argv[2], format="turtle")
conforms, _, _ = validate(g, shacl_graph=shapes, inference="none", advanced=True, allow_warnings=True)
print(conforms)
"""

RAW_QUERY = """
import sys
import pyoxigraph as ox
store = ox.Store.read_only(sys.argv[1])
text = open(sys.argv[2], encoding="utf-8").read()
subs = {ox.Variable(k): ox.NamedNode(v) for k, v in (a.split("=", 1) for a in sys.argv[3:])}
answer = store.query(text, substitutions=subs or None)
with open("/dev/null", "wb") as out:
    answer.serialize(out, ox.QueryResultsFormat.CSV)
"""

RAW_DUMP = """
import sys
import pyoxigraph as ox
store = ox.Store.read_only(sys.argv[1])
fmt = getattr(ox.RdfFormat, sys.argv[2])
with open("/dev/null", "wb") as out:
    if fmt.supports_datasets:
        store.dump(out, fmt)
    else:
        store.dump(out, fmt, from_graph=ox.DefaultGraph())
"""

#: Opening as every reading command does (kg: open_dataset's Dataset.open, is_empty and the union check), against
#: pyoxigraph opening the store read-only and reading its first quad; the modules are imported before the clock starts.
OPEN = """
import sys, time
import pyoxigraph as ox
if sys.argv[2] == "kg":
    from kg.dataset import Dataset
    started = time.perf_counter()
    d = Dataset.open(sys.argv[1])
    d.is_empty() or d.union_is_default
else:
    started = time.perf_counter()
    s = ox.Store.read_only(sys.argv[1] + "/oxigraph")
    next(iter(s.quads_for_pattern(None, None, None)), None)
print(time.perf_counter() - started)
"""

RAW_FORMATS = {"ttl": "TURTLE", "nt": "N_TRIPLES", "nq": "N_QUADS", "trig": "TRIG", "xml": "RDF_XML", "jsonld": "JSON_LD"}


#: kg as an installed package runs: from byte-compiled modules (main() compiles them first), as the raw side's
#: pyoxigraph and the standard library do; PYTHONDONTWRITEBYTECODE would have kg recompile every module per command.
ENV = {**{k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}, "PYTHONPATH": str(ROOT)}


def run(argv: list[str], cwd: Path | None = None, timeout: float = 900) -> dict:
    """One process: wall seconds, peak resident MB, exit code (None if it was stopped at the timeout)."""
    started = time.perf_counter()
    proc = subprocess.Popen(argv, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=ENV)
    deadline = started + timeout
    while True:
        pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
        if pid:
            break
        if time.perf_counter() > deadline:
            proc.kill()
            _, status, usage = os.wait4(proc.pid, 0)
            return {"s": None, "cpu": usage.ru_utime + usage.ru_stime, "mb": usage.ru_maxrss / 1024, "rc": None,
                    "out": ""}
        time.sleep(0.02)
    wall = time.perf_counter() - started
    out = proc.stdout.read().decode("utf-8", "replace")
    err = proc.stderr.read().decode("utf-8", "replace")
    rc = os.waitstatus_to_exitcode(status)
    return {"s": wall, "cpu": usage.ru_utime + usage.ru_stime, "mb": usage.ru_maxrss / 1024, "rc": rc, "out": out,
            "err": err[-400:]}


def median(argv: list[str], runs: int, **kw) -> dict:
    return _median([run(argv, **kw) for _ in range(runs)])


def _median(results: list[dict]) -> dict:
    """Median wall and CPU seconds of some runs of one step (the first if none finished), the highest peak."""
    done = [r for r in results if r["s"] is not None]
    if not done:
        return results[0]
    return {**done[0], "s": statistics.median(r["s"] for r in done), "cpu": statistics.median(r["cpu"] for r in done),
            "mb": max(r["mb"] for r in done)}


def _params(project: Path) -> dict[str, dict[str, str]]:
    """Values for the stored queries' required parameters, from the generated data."""
    force = sorted((project / "data" / "forces").glob("*.yaml"))[0].stem
    return {"entity": f"https://w3id.org/policing-kg/id/{force}",
            "person": f"https://w3id.org/policing-kg/id/{force}-chief-constable-0",
            "force": f"https://w3id.org/policing-kg/id/{force}"}


def bench(size: str, runs: int, timeout: float, keep: Path | None, built: Path | None = None,
          naive: bool = True, query_timeout: float | None = None, skip: tuple[str, ...] = (),
          only: tuple[str, ...] = ()) -> list[dict]:
    """The rows for one size; ``built``: a project already generated and built at that size (its build and
    rebuild are not timed again; its queries/ are replaced by the repository's), ``naive``: time the naive pipeline,
    ``query_timeout``: the limit of one query or export run (so that one slow query does not hold up the rest),
    ``skip``: steps left out, by the start of their name ("validate", "query post-holders", "viz"), ``only``: the
    steps kept, named the same way (all if empty)."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from generate import SIZES, generate

    from kg.queries import list_queries

    rows: list[dict] = []

    def row(step: str, kg: dict, raw: dict | None = None, note: str = "") -> None:
        rows.append({"size": size, "step": step, "kg_s": kg["s"], "kg_cpu": kg.get("cpu"), "kg_mb": kg["mb"],
                     "kg_rc": kg["rc"], "raw_s": raw["s"] if raw else None, "raw_cpu": raw.get("cpu") if raw else None,
                     "raw_mb": raw["mb"] if raw else None, "note": note})
        print(_line(rows[-1]), flush=True)

    def wanted(step: str) -> bool:
        return not any(step.startswith(s) for s in skip) and (not only or any(step.startswith(s) for s in only))

    step_timeout = query_timeout or timeout

    if built is None:
        folder = (keep or Path(tempfile.mkdtemp(prefix="kg-bench-"))) / f"kg-{size}"
        generate(folder, *SIZES[size])
        texts = str(folder / "texts")

        builds = []
        for _ in range(runs):  # from nothing each time
            shutil.rmtree(folder / "build", ignore_errors=True)
            builds.append(run([*KG, "--project", str(folder), "build", "--texts", texts], timeout=timeout))
        build = _median(builds)
        if build["rc"] != 0:
            raise SystemExit(f"build failed: {build.get('err')}")
        triples = int(build["out"].split(": ", 1)[1].split(" ", 1)[0])
        naive_run = run([PY, "-c", NAIVE, str(folder / "build" / "graph.ttl"), str(folder / "ontology" / "shapes.ttl")],
                        timeout=timeout) if naive else None
        row("build (map, SHACL, store, dumps)", build, naive_run,
            f"{triples:,} triples; raw = naive: rdflib parse + pyshacl" if naive else f"{triples:,} triples")
        victim = sorted((folder / "data" / "2025").glob("*.yaml"))[-1]
        rebuilds, label = [], "label: \"Concern"
        for n in range(runs):  # each time one concern's label changed again
            text = victim.read_text(encoding="utf-8")
            assert label in text, (victim, label)
            victim.write_text(text.replace(label, f"label: \"Changed ({n + 1}) concern", 1), encoding="utf-8")
            label = f"label: \"Changed ({n + 1}) concern"
            rebuilds.append(run([*KG, "--project", str(folder), "build", "--texts", texts], timeout=timeout))
        rebuild = _median(rebuilds)
        row("rebuild after one changed file", rebuild, build,
            f"raw = the full build; {len(rebuilds)} run(s)")
    else:
        folder = built

        shutil.rmtree(folder / "queries")
        shutil.copytree(ROOT / "queries", folder / "queries")
        if "naive" in only:  # slow past 100k: on a built project only when asked for by name
            row("naive: rdflib parse + pyshacl", run([PY, "-c", NAIVE, str(folder / "build" / "graph.ttl"),
                                                      str(folder / "ontology" / "shapes.ttl")], timeout=timeout))
    if wanted("validate"):
        row("validate the built store", run([*KG, "--project", str(folder), "validate"], timeout=timeout))
    store = folder / "build" / "store"
    if wanted("open"):
        kg_open = [float(run([PY, "-c", OPEN, str(store), "kg"])["out"]) for _ in range(3)]
        raw_open = [float(run([PY, "-c", OPEN, str(store), "raw"])["out"]) for _ in range(3)]
        row("open the store (in process)", {"s": statistics.median(kg_open), "mb": 0, "rc": 0},
            {"s": statistics.median(raw_open), "mb": 0})
    params = _params(folder)
    for stored in list_queries(folder / "queries"):
        given = [(p.name, params[p.name]) for p in stored.parameters if p.required and p.name in params]
        if any(p.required and p.name not in params for p in stored.parameters) or not wanted(f"query {stored.name}"):
            continue
        argv = [*KG, "--project", str(folder), "query", stored.name, "--format", "csv", "-o", "/dev/null",
                "--timeout", "0", "--max-rows", "0"]
        for name, value in given:
            argv += ["-p", name, value]
        qfile = folder / "queries" / f"{stored.name}.rq"
        raw = median([PY, "-c", RAW_QUERY, str(store / "oxigraph"), str(qfile), *(f"{n}={v}" for n, v in given)],
                     runs, timeout=step_timeout)
        row(f"query {stored.name}", median(argv, runs, timeout=step_timeout), raw)
    for fmt in ("ttl", "nt", "nq", "trig", "xml", "jsonld"):
        if not wanted(f"export {fmt}"):
            continue
        out = Path(tempfile.gettempdir()) / f"kg-bench-export.{fmt}"
        row(f"export {fmt}", run([*KG, "--project", str(folder), "export", "--format", fmt, "-o", str(out)],
                                 timeout=step_timeout),
            run([PY, "-c", RAW_DUMP, str(store / "oxigraph"), RAW_FORMATS[fmt]], timeout=step_timeout))
        out.unlink(missing_ok=True)
    pictures = [["viz", "--chart", "grades", "-o", "/tmp/kg-bench-grades.svg"],
                ["viz", "--focus", params["force"].rsplit("/", 1)[-1], "--format", "svg", "-o", "/tmp/kg-bench-focus.svg"],
                ["stats", "--json"],
                ["paths", params["person"].rsplit("/", 1)[-1], sorted((folder / "data" / "forces").glob("*.yaml"))[-1].stem]]
    if size == "10k":
        pictures += [["viz", "--format", "svg", "-o", "/tmp/kg-bench-graph.svg"], ["viz", "-o", "/tmp/kg-bench-graph.html"]]
    else:
        pictures += [["viz", "--format", "svg", "-o", "/tmp/kg-bench-graph.svg"]]  # refused, with a pointer to --focus
    for args in pictures:
        if not wanted(" ".join(args[:3])):
            continue
        result = run([*KG, "--project", str(folder), *args], timeout=step_timeout)
        refusal = result.get("err", "").strip().splitlines()[-1:] if result["rc"] == 2 else []
        row(" ".join(args[:3]), result, note=f"refused: {refusal[0][:120]}" if refusal else "")
    return rows


def _cell(seconds: float | None, cpu: float | None = None) -> str:
    if seconds is None:
        return "timeout" + (f" ({cpu:.2f} CPU reached)" if cpu is not None else "")
    return f"{seconds:.2f} s" + (f" ({cpu:.2f} CPU)" if cpu is not None else "")


def _line(r: dict) -> str:
    ratio = f"{r['kg_s'] / r['raw_s']:.2f}x" if r["kg_s"] and r["raw_s"] else ""
    if r.get("kg_cpu") and r.get("raw_cpu"):
        ratio += f" ({r['kg_cpu'] / r['raw_cpu']:.2f}x CPU)"
    raw = f"{_cell(r['raw_s'], r.get('raw_cpu'))} {r['raw_mb']:.0f} MB" if r["raw_s"] is not None or r["raw_mb"] else ""
    return (f"| {r['size']} | {r['step']} | {_cell(r['kg_s'], r.get('kg_cpu'))} | {r['kg_mb']:.0f} MB | {raw} | {ratio} | "
            f"{'' if r['kg_rc'] in (0, None) else 'exit ' + str(r['kg_rc']) + ' '}{r['note']} |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", nargs="+", default=["10k"], help="sizes of benchmarks/generate.py (10k 100k 1m 5m)")
    parser.add_argument("--runs", type=int, default=1, help="runs of each query (median)")
    parser.add_argument("--timeout", type=float, default=900, help="seconds before a step is stopped")
    parser.add_argument("--keep", type=Path, help="generate the projects here and keep them")
    parser.add_argument("--json", type=Path, help="also write the rows as JSON")
    parser.add_argument("--built", type=Path, metavar="PROJECT",
                        help="time the reading steps on this project, already built (one size, named by --sizes)")
    parser.add_argument("--no-naive", action="store_true", help="do not time the naive pipeline (slow past 100k)")
    parser.add_argument("--query-timeout", type=float, metavar="S",
                        help="seconds before one query, export or picture run is stopped (default: --timeout)")
    parser.add_argument("--skip", nargs="+", default=[], metavar="STEP",
                        help="leave out the steps whose names start so: validate, 'query post-holders', export, viz")
    parser.add_argument("--only", nargs="+", default=[], metavar="STEP",
                        help="time only the steps whose names start so (same names as --skip)")
    args = parser.parse_args()
    if args.built is not None and len(args.sizes) != 1:
        parser.error("--built takes one size")
    import compileall

    compileall.compile_dir(ROOT / "kg", quiet=1)
    print("| size | step | kg | kg peak | raw / naive | ratio | note |\n|---|---|---|---|---|---|---|", flush=True)
    rows = [r for size in args.sizes
            for r in bench(size, args.runs, args.timeout, args.keep, args.built, naive=not args.no_naive,
                           query_timeout=args.query_timeout, skip=tuple(args.skip), only=tuple(args.only))]
    if args.json:
        args.json.write_text(json.dumps(rows, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
