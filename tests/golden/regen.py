"""Regenerate the expected rows of every stored query: ``python tests/golden/regen.py``

The files here are the specification of what each stored query answers on the
built graph, one ``<query>.json`` (or ``<query>--<case>.json`` for a case with
parameters, as listed in ``cases.json``) in the W3C SPARQL 1.1 Query Results
JSON format. The facts are written by hand and change; after changing data or a
query, run this, read ``git diff tests/golden`` against the articles, and commit
what is right. A new stored query needs a case in ``cases.json``.

It builds ontology/, data/ and queries/ in a scratch folder with the article
texts from ../shared/seeds (as the tests do) and runs each case with pyoxigraph.
"""

from __future__ import annotations

import json
import shutil
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
SEEDS = ROOT.parent / "shared" / "seeds"


def cases() -> dict[str, dict[str, dict[str, str]]]:
    """Stored query name -> case name ('' for the plain run) -> parameters."""
    data = json.loads((HERE / "cases.json").read_text(encoding="utf-8"))
    return {name: runs for name, runs in data.items() if not name.startswith("_")}


def golden_path(query: str, case: str) -> Path:
    return HERE / (f"{query}--{case}.json" if case else f"{query}.json")


def answer(engine, project, query: str, params: dict[str, str], limits=None):
    """The rows a stored query gives with these parameters (under ``limits``, default the stored queries' own)."""
    from kg.queries import load_query, run

    return run(engine, load_query(project.queries_dir, query), list(params.items()), limits=limits)


def main() -> int:
    from kg.builder import build
    from kg.output import write_text
    from kg.project import Project
    from kg.results import to_json
    from kg.store import OxigraphEngine

    with tempfile.TemporaryDirectory() as tmp:
        for part in ("ontology", "data", "queries"):
            shutil.copytree(ROOT / part, Path(tmp) / part)
        project = Project.at(tmp)
        build(project, texts=SEEDS)
        engine = OxigraphEngine().load(project.graph_path, "build/graph.ttl")
        written = set()
        for query, runs in cases().items():
            for case, params in runs.items():
                path = golden_path(query, case)
                results = answer(engine, project, query, params)
                write_text(path, to_json(results))
                written.add(path.name)
                print(f"{path.relative_to(ROOT)}: {len(results.rows)} rows")
    stale = sorted(p.name for p in HERE.glob("*.json") if p.name != "cases.json" and p.name not in written)
    for name in stale:
        print(f"not in cases.json (delete it if the query is gone): tests/golden/{name}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
