"""Exports read the same in RDF engines that are not part of the project (serd and Raptor, written in C).

Each export is parsed by the command-line tools of Debian's serdi and raptor2-utils
packages (.ci/run installs them) and must give exactly the statements of the
N-Triples export, line for line (blank-node statements aside: their labels differ by engine).
"""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest

from kg.export import export_project

PARSERS = {
    "ttl": [["serdi", "-i", "turtle"], ["rapper", "-q", "-i", "turtle", "-o", "ntriples"]],
    "nt": [["serdi", "-i", "ntriples"], ["rapper", "-q", "-i", "ntriples", "-o", "ntriples"]],
    "trig": [["serdi", "-i", "trig"], ["rapper", "-q", "-i", "trig", "-o", "nquads"]],
    "nq": [["serdi", "-i", "nquads"], ["rapper", "-q", "-i", "nquads", "-o", "nquads"]],
    "xml": [["rapper", "-q", "-i", "rdfxml", "-o", "ntriples"]],
}


_ESCAPE = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")


def _statements(text: str) -> set[str]:
    """N-Triples or N-Quads lines, \\u escapes decoded (engines escape differently), blank-node lines left out."""
    out = set()
    for line in text.splitlines():
        if line.strip() and "_:" not in line:
            out.add(_ESCAPE.sub(lambda m: chr(int(m.group(1) or m.group(2), 16)), " ".join(line.split())))
    return out


@pytest.fixture(scope="module")
def expected(built_project) -> dict[str, set[str]]:
    """What each engine must print: the N-Triples export, or the N-Quads export for formats with named graphs."""
    return {kind: _statements(export_project(built_project, kind)) for kind in ("nt", "nq")}


@pytest.mark.parametrize(("fmt", "argv"), [(f, a) for f, argvs in PARSERS.items() for a in argvs],
                         ids=lambda v: v if isinstance(v, str) else v[0])
def test_an_independent_engine_reads_the_same_statements(built_project, expected, tmp_path, fmt, argv):
    if shutil.which(argv[0]) is None:
        pytest.skip(f"{argv[0]} is not installed (apt-get install serdi raptor2-utils)")
    path = tmp_path / f"graph.{fmt}"
    path.write_text(export_project(built_project, fmt), encoding="utf-8")
    run = subprocess.run([*argv, str(path)] + (["file:///base"] if argv[0] == "rapper" else []),
                         capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    assert _statements(run.stdout) == expected["nq" if fmt in ("trig", "nq") else "nt"]
