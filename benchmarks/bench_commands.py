"""How long each kg command takes on the real project, each run a new process.

    .venv/bin/python benchmarks/bench_commands.py [--runs 5]

Runs every command a user runs end to end (build with evidence positions,
validate, verify-evidence, report, each export format, each picture) in a scratch
copy of the project, after one warm-up, and prints the median, minimum and
maximum wall time. Not a test: figures depend on the machine; copy them into the
README by hand.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEEDS = (ROOT.parent / "shared" / "seeds").resolve()
KG = str(Path(sys.executable).with_name("kg"))

COMMANDS = [
    ["build", "--texts", str(SEEDS)],
    ["validate"],
    ["verify-evidence", "--texts", str(SEEDS)],
    ["report"],
    ["query", "grade-changes"],
    *[["export", "--format", fmt, "-o", f"out.{fmt}"] for fmt in ("ttl", "jsonld", "nt", "nq", "trig", "xml")],
    ["viz", "-o", "out.html"],
    ["viz", "--format", "svg", "-o", "out.svg"],
    ["viz", "--chart", "grades", "--format", "svg", "-o", "grades.svg"],
    ["stats"],
]


def wall(args: list[str], cwd: Path) -> float:
    started = time.perf_counter()
    subprocess.run([KG, *args], cwd=cwd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    runs = parser.parse_args().runs
    with tempfile.TemporaryDirectory() as tmp:
        project = Path(tmp)
        for part in ("ontology", "data", "queries"):
            shutil.copytree(ROOT / part, project / part)
        print(f"{'command':58} {'median':>8} {'min':>8} {'max':>8}")
        for args in COMMANDS:
            wall(args, project)
            times = [wall(args, project) for _ in range(runs)]
            print(f"kg {' '.join(a if a != str(SEEDS) else '../shared/seeds' for a in args):55} "
                  f"{statistics.median(times):7.2f}s {min(times):7.2f}s {max(times):7.2f}s")


if __name__ == "__main__":
    main()
