"""How long kg extract takes: each article as a new process, and many articles in one process.

    .venv/bin/python benchmarks/bench_extract.py [--runs 5]

Prints the median, minimum and maximum wall time of `kg extract ARTICLE -o DRAFT` for the
seed articles and the fixture articles (each run a new process), then the time to draft all
of them in one process with the graph read once (as `kg extract --eval` does) against the
naive way, reading the graph again for every article. Not a test: figures depend on the
machine; copy them into the README by hand.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEEDS = (ROOT.parent / "shared" / "seeds").resolve()
KG = str(Path(sys.executable).with_name("kg"))
ARTICLES = sorted(SEEDS.glob("*.txt")) + sorted((ROOT / "tests" / "fixtures" / "articles").glob("*.txt"))


def timed(args: list[str], runs: int) -> list[float]:
    out = []
    for _ in range(runs + 1):  # one warm-up
        started = time.perf_counter()
        subprocess.run(args, cwd=ROOT, check=True, capture_output=True)
        out.append(time.perf_counter() - started)
    return out[1:]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    runs = parser.parse_args().runs
    print(f"{'command':60} {'median':>8} {'min':>8} {'max':>8}")
    with tempfile.TemporaryDirectory() as tmp:
        for article in ARTICLES[:3]:
            times = timed([KG, "extract", str(article), "-o", str(Path(tmp) / "draft.yaml")], runs)
            shown = f"kg extract {article.name} -o draft.yaml"
            print(f"{shown:60} {statistics.median(times):7.2f}s {min(times):7.2f}s {max(times):7.2f}s")

    from kg.extract import extract
    from kg.extract import known as known_module
    from kg.project import Project

    project = Project.at(ROOT)
    started = time.perf_counter()
    for article in ARTICLES:
        extract(article, project=project)
    once = time.perf_counter() - started
    started = time.perf_counter()
    for article in ARTICLES:
        known_module._CACHE.clear()
        extract(article, project=project)
    naive = time.perf_counter() - started
    print(f"\n{len(ARTICLES)} articles in one process: {once:.2f} s with the graph read once, "
          f"{naive:.2f} s reading it for every article")


if __name__ == "__main__":
    main()
