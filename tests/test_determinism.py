"""Determinism: every output is byte-identical across runs and PYTHONHASHSEED values.

Two subprocesses with different hash seeds each build a copy of the project
(with the source texts) and write every output kg makes: the graph, each
export format and the JSON-LD context, each picture, the report in each
format, query results in every format, statistics and paths. Every file must be
the same, byte for byte. (The export, picture and report tests leave byte
identity across hash seeds to this one.)
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import ROOT, copy_project

# Runs inside each subprocess: every command that writes something, all in one interpreter.
SCRIPT = r'''
import sys
from pathlib import Path
from click.testing import CliRunner
from kg.cli import cli
from kg.queries import list_queries

root, texts = Path(sys.argv[1]), sys.argv[2]
out = root / "out"
out.mkdir()
runner = CliRunner()

def run(args, save=None):
    result = runner.invoke(cli, ["--project", str(root), *args])
    if result.exit_code not in (0, 1) or result.exception and not isinstance(result.exception, SystemExit):
        sys.exit(f"{args}: exit {result.exit_code}: {result.output}")
    if save:
        (out / save).write_text(result.stdout, encoding="utf-8")

run(["build", "--texts", texts])
run(["export", "--write-context"])
for ext in ("ttl", "jsonld", "nt", "nq", "trig", "rdf"):
    run(["export", "-o", str(out / f"graph.{ext}")])
run(["viz"])
run(["viz", "-o", str(out / "graph.svg")])
for ext in ("svg", "png"):  # PNG is the SVG drawn by cairosvg: one small one shows the drawing is stable too
    run(["viz", "--chart", "grades", "-o", str(out / f"grades.{ext}")])
run(["viz", "--focus", "bedfordshire-police", "--depth", "2", "-o", str(out / "focus.html")])
run(["viz", "--focus", "zoe-billingham", "--depth", "1", "-o", str(out / "focus.svg")])
for fmt, ext in (("md", "md"), ("html", "html"), ("text", "txt")):
    run(["report", "--format", fmt, "--width", "100", "-o", str(out / f"report.{ext}")])
run(["stats", "--json"], "stats.json")
run(["paths", "bedfordshire-police", "police-professional-2025", "--limit", "10"], "paths.txt")
# Every stored query's rows as JSON (terms, datatypes and order); the other formats write the same rows.
for query in list_queries(root / "queries"):
    if not any(p.required for p in query.parameters):
        formats = ("table", "csv", "tsv", "json") if query.name == "post-holders" else ("json",)
        for fmt in formats:
            run(["query", query.name, "--format", fmt], f"query-{query.name}.{fmt}")
'''


def _outputs(root: Path) -> dict[str, bytes]:
    files = [*root.joinpath("build").rglob("*"), *root.joinpath("out").rglob("*"), root / "ontology" / "context.jsonld"]
    # The store's own files (RocksDB's logs, ids and options) are not outputs: its dumps, graph.ttl and graph.trig, are.
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(files)
            if p.is_file() and not p.relative_to(root).parts[1].startswith((".store", "store"))}


def _start(root: Path, seed: str, texts: Path) -> subprocess.Popen:
    env = {**os.environ, "PYTHONHASHSEED": seed, "PYTHONPATH": str(ROOT)}
    return subprocess.Popen([sys.executable, "-c", SCRIPT, str(root), str(texts)], env=env, stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, text=True)


@pytest.fixture(scope="module")
def two_runs(tmp_path_factory, seeds) -> tuple[dict[str, bytes], dict[str, bytes]]:
    """The two runs go side by side (they share nothing but the source texts, which are only read)."""
    source = copy_project(tmp_path_factory.mktemp("inputs"))  # one snapshot of the inputs for both runs
    started = []
    for seed in ("1", "2024"):
        root = tmp_path_factory.mktemp(f"seed{seed}")
        shutil.copytree(source, root, dirs_exist_ok=True)
        (root / "ontology" / "context.jsonld").unlink(missing_ok=True)
        started.append((root, _start(root, seed, seeds)))
    for _root, proc in started:
        _out, err = proc.communicate(timeout=300)
        assert proc.returncode == 0, err
    return _outputs(started[0][0]), _outputs(started[1][0])


def test_every_output_is_written(two_runs):
    first, _ = two_runs
    expected = {"build/graph.ttl", "build/graph.trig", "build/graph.html",
                "out/graph.ttl", "out/graph.jsonld", "out/graph.nt", "out/graph.nq",
                "out/graph.trig", "out/graph.rdf", "ontology/context.jsonld", "out/graph.svg",
                "out/grades.svg", "out/grades.png", "out/focus.html", "out/focus.svg",
                "out/report.md", "out/report.html", "out/report.txt", "out/stats.json", "out/paths.txt"}
    assert expected <= set(first), expected - set(first)
    assert any(name.startswith("out/query-") for name in first)
    assert all(first[name] for name in expected)


def test_every_output_is_byte_identical_across_hash_seeds(two_runs):
    first, second = two_runs
    assert sorted(first) == sorted(second)
    differ = [name for name in first if first[name] != second[name]]
    assert not differ, f"differ between PYTHONHASHSEED=1 and 2024: {differ}"
