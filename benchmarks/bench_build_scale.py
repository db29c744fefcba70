"""How kg build grows with the data: the project's own data at 1x, 10x and 100x, each build a new process.

    .venv/bin/python benchmarks/bench_build_scale.py [--scales 1 10 100] [--timeout 3600]

Each scale is a scratch project whose data folder holds N copies of the
project's article data (data/*.yaml but the reference data, which every copy
shares, but its reference sources): in copy k every id the data defines is renamed ``<id>-k<k>`` wherever
it stands as a whole word, so each copy is a new set of sources, forces,
inspections and facts with the same shape, references and evidence (quotes are
not checked against texts: there are none for the copies). It prints, per scale,
records, triples, wall seconds and peak memory of ``kg build``, and the ratios to
1x, so growth that is not linear shows. Not a test: figures depend on the
machine; copy them into the README by hand.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
KG = str(Path(sys.executable).with_name("kg"))
SHARED = {"reference.yaml"}  # read once, by every copy


def defined_ids(texts: list[str]) -> list[str]:
    """The ids the data files define (``id: x`` and ``- id: x`` lines), longest first."""
    found = {m.group(1) for text in texts for m in re.finditer(r"^\s*-?\s*id:\s*([a-z0-9][a-z0-9-]*)\s*$", text, re.M)}
    return sorted(found, key=lambda i: (-len(i), i))


def make_project(root: Path, scale: int) -> int:
    """A scratch project at ``scale`` times the data; returns the number of data files written."""
    for part in ("ontology", "queries"):
        shutil.copytree(ROOT / part, root / part)
    (root / "data").mkdir()
    files = sorted((ROOT / "data").glob("*.yaml"))
    for path in files:
        if path.name in SHARED:
            shutil.copy(path, root / "data" / path.name)
    articles = {p.name: p.read_text(encoding="utf-8") for p in files if p.name not in SHARED}
    # The reference sources are copied too (their records cite themselves), so that facts quoting them differ by copy.
    blocks = re.split(r"\n(?=  - id: )", (ROOT / "data" / "reference.yaml").read_text(encoding="utf-8"))
    sources = "records:\n" + "\n".join(b for b in blocks if re.match(r"  - id: .*\n    type: ReferenceSource\n", b)) + "\n"
    ids = defined_ids([*articles.values(), sources])
    word = re.compile(r"(?<![A-Za-z0-9-])(" + "|".join(map(re.escape, ids)) + r")(?![A-Za-z0-9-])")
    written = len(SHARED)
    for k in range(scale):
        if k:
            renamed = word.sub(lambda m, k=k: f"{m.group(1)}-k{k}", sources)
            (root / "data" / f"reference-sources-k{k}.yaml").write_text(renamed, encoding="utf-8")
            written += 1
        for name, text in articles.items():
            copy = text if k == 0 else word.sub(lambda m, k=k: f"{m.group(1)}-k{k}", text)
            (root / "data" / f"{Path(name).stem}-k{k}.yaml").write_text(copy, encoding="utf-8")
            written += 1
    return written


def timed_build(root: Path, timeout: float) -> tuple[float, float, str]:
    """(wall seconds, peak MiB, what kg said) of one ``kg build`` in a new process."""
    import subprocess

    started = time.perf_counter()
    proc = subprocess.Popen([KG, "--project", str(root), "build"], stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    deadline = started + timeout
    while True:
        done, status, usage = os.wait4(proc.pid, os.WNOHANG)
        if done:
            break
        if time.perf_counter() > deadline:
            proc.kill()
            _, status, usage = os.wait4(proc.pid, 0)
            return time.perf_counter() - started, usage.ru_maxrss / 1024, f"stopped after {timeout:g} s"
        time.sleep(0.05)
    wall = time.perf_counter() - started
    said = proc.stdout.read().decode("utf-8", "replace").strip().splitlines()
    return wall, usage.ru_maxrss / 1024, said[-1] if said else f"exit {os.waitstatus_to_exitcode(status)}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scales", type=int, nargs="+", default=[1, 10, 100])
    parser.add_argument("--timeout", type=float, default=3600, help="seconds one build may take")
    args = parser.parse_args()
    print(f"{'scale':>5} {'files':>5} {'triples':>9} {'wall s':>8} {'peak MiB':>9} {'s ratio':>8} {'MiB ratio':>9}")
    base = None
    for scale in args.scales:
        with tempfile.TemporaryDirectory(prefix=f"kg-scale-{scale}-") as tmp:
            root = Path(tmp)
            files = make_project(root, scale)
            wall, peak, said = timed_build(root, args.timeout)
        found = re.search(r": (\d+) triples", said)
        triples = found.group(1) if found else "-"
        base = base or (wall, peak)
        print(f"{scale:>5} {files:>5} {triples:>9} {wall:>8.1f} {peak:>9.0f} {wall / base[0]:>8.1f} {peak / base[1]:>9.1f}"
              + ("" if found else f"  {said}"), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
