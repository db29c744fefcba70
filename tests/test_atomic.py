"""Nothing half-written: every output goes to a temporary file that is renamed into place.

A failed or killed run leaves the previous output whole and readable, and
leaves nothing that looks like an output; the next run tidies up after it.
"""

from __future__ import annotations

import errno
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import Graph

from kg.cli import cli
from kg.errors import InputError
from kg.output import atomic_output

from .conftest import ROOT, clean_error, snapshot
from .test_bad_input import BASE, DATA, QUERY, STORED


def _project(root: Path, extra_places: int = 0) -> Path:
    shutil.copytree(ROOT / "ontology", root / "ontology")
    (root / "data").mkdir()
    shutil.copy(ROOT / "data" / "reference.yaml", root / "data" / "reference.yaml")  # the grade scales
    (root / DATA).write_text(BASE, encoding="utf-8")
    (root / "queries").mkdir()
    (root / QUERY).write_text(STORED, encoding="utf-8")
    if extra_places:
        (root / "data" / "zz-places.yaml").write_text("source: zz-article\nrecords:\n" + "".join(
            f"  - id: zz-place-{i}\n    type: Place\n    label: Place {i}\n    evidence: [Place {i}]\n"
            for i in range(extra_places)), encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    root = _project(tmp_path_factory.mktemp("atomic"))
    assert CliRunner().invoke(cli, ["--project", str(root), "build"]).exit_code == 0
    return root


@pytest.fixture
def project(built, tmp_path) -> Path:
    shutil.copytree(built, tmp_path / "p")
    return tmp_path / "p"


def test_atomic_output_replaces_the_file_only_when_the_block_succeeds(tmp_path):
    target = tmp_path / "out.txt"
    target.write_text("old", encoding="utf-8")
    with pytest.raises(RuntimeError):
        with atomic_output(target) as fh:
            fh.write("half of the new")
            raise RuntimeError("stop")
    assert target.read_text(encoding="utf-8") == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.txt"]
    with atomic_output(target) as fh:
        fh.write("new")
    assert target.read_text(encoding="utf-8") == "new"
    assert target.stat().st_mode & 0o777 == 0o644
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.txt"]


def test_a_full_disk_is_a_clear_error_and_keeps_the_previous_build(project, monkeypatch):
    before = snapshot(project)

    def full(fd):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "fsync", full)
    line = clean_error(CliRunner().invoke(cli, ["--project", str(project), "build"]))
    assert line == (f"Error: {project / 'build' / 'graph.ttl'}: cannot write output: No space left on device "
                    "(check the free space and permissions, or choose another path with -o)")
    assert snapshot(project) == before


PROTECTED = [
    ["build", "-o", DATA],
    ["build", "-o", "data/new.yaml"],
    ["build", "-o", "./data/../data/zz.yaml"],
    ["export", "-o", "ontology/kg.ttl"],
    ["export", "--format", "jsonld", "-o", "ontology/context.jsonld"],
    ["export", "-o", "ontology/new.ttl"],
    ["viz", "-o", QUERY],
    ["report", "-o", "queries/report.txt"],
    ["query", "-e", "ASK {}", "-o", "build/graph.ttl"],
    ["query", "-e", "ASK {}", "-o", "link-to-data.yaml"],
    ["query", "-e", "ASK {}", "-o", "hard-link-to-data.yaml"],
    ["query", "-e", "ASK {}", "--data", "in.ttl", "-o", "in.ttl"],
    ["query", "--file", "q.rq", "-o", "q.rq"],
    ["validate", "in.ttl", "-o", "in.ttl"],
    ["build", "--texts", "texts", "-o", "texts/a.txt"],
    ["export", "-o", "texts/out.ttl"],  # KG_TEXTS names the texts folder
]


@pytest.mark.parametrize("args", PROTECTED, ids=[" ".join(a) for a in PROTECTED])
def test_an_output_never_replaces_an_input(project, monkeypatch, args):
    monkeypatch.chdir(project)
    monkeypatch.setenv("KG_TEXTS", str(project / "texts"))
    (project / "texts").mkdir()
    (project / "texts" / "a.txt").write_text("Force rated good", encoding="utf-8")
    (project / "in.ttl").write_text("<http://x/a> <http://x/b> <http://x/c> .\n", encoding="utf-8")
    (project / "q.rq").write_text("ASK {}\n", encoding="utf-8")
    (project / "link-to-data.yaml").symlink_to(project / DATA)
    os.link(project / DATA, project / "hard-link-to-data.yaml")
    before = snapshot(project)
    result = CliRunner().invoke(cli, ["--project", str(project), *args])
    if args[0] == "validate":  # validate takes no -o: a usage error, and nothing written either
        assert result.exit_code == 2
    else:
        line = clean_error(result)
        assert "refusing to" in line and "input" in line, line
    assert snapshot(project) == before


def test_an_empty_output_path_is_an_error(project):
    line = clean_error(CliRunner().invoke(cli, ["--project", str(project), "query", "-e", "ASK {}", "-o", ""]))
    assert "the output path is empty" in line


@pytest.mark.parametrize("args", [["query", "-e", "ASK {}"], ["report"], ["export", "--format", "nt"],
                                  ["viz", "--format", "svg"], ["build"]], ids=["query", "report", "export", "viz", "build"])
def test_dash_is_standard_output(project, monkeypatch, args):
    monkeypatch.chdir(project)
    (project / "queries" / "zz-count.rq").write_text("#+ summary: Triples.\n#+ description: How many.\n"
                                                     "SELECT (COUNT(*) AS ?n) { ?s ?p ?o }\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["--project", str(project), *args, "-o", "-"])
    assert result.exit_code == 0, result.output
    assert not (project / "-").exists()
    assert result.stdout.strip(), "nothing on standard output"


def test_a_symlink_is_followed_and_its_target_written(project, tmp_path):
    target = tmp_path / "real.csv"
    target.write_text("old", encoding="utf-8")
    link = project / "rows.csv"
    link.symlink_to(target)
    result = CliRunner().invoke(cli, ["--project", str(project), "query", "-e", "SELECT (1 AS ?one) {}", "--format", "csv",
                                      "-o", str(link)])
    assert result.exit_code == 0, result.output
    assert link.is_symlink() and target.read_bytes() == b"one\r\n1\r\n"


def test_a_fifo_is_written_as_a_stream_not_replaced(project, tmp_path):
    import threading

    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    got = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_bytes()), daemon=True)
    reader.start()
    result = CliRunner().invoke(cli, ["--project", str(project), "query", "-e", "SELECT (1 AS ?one) {}", "--format", "csv",
                                      "-o", str(fifo)])
    reader.join(10)
    assert result.exit_code == 0, result.output
    assert got == [b"one\r\n1\r\n"]
    assert fifo.is_fifo()


def test_a_device_is_written_as_a_stream_not_replaced(project):
    before = os.stat("/dev/null")
    result = CliRunner().invoke(cli, ["--project", str(project), "export", "--format", "nt", "-o", "/dev/null"])
    assert result.exit_code == 0, result.output
    after = os.stat("/dev/null")
    assert (after.st_ino, after.st_mode, after.st_rdev) == (before.st_ino, before.st_mode, before.st_rdev)


OUTPUTS = [
    ["build"],
    ["build", "-o", "out/graph.ttl"],
    ["query", "zz-areas", "-p", "minimum", "1", "--format", "csv", "-o", "out/rows.csv"],
    ["export", "-o", "out/graph.ttl"],
    ["export", "-o", "out/graph.jsonld"],
    ["export", "-o", "out/graph.nt"],
    ["export", "-o", "out/graph.nq"],
    ["export", "-o", "out/graph.trig"],
    ["export", "-o", "out/graph.rdf"],
    ["export", "--write-context"],
    ["viz"],
    ["viz", "-o", "out/graph.svg"],
    ["viz", "-o", "out/graph.png"],
    ["viz", "--chart", "grades"],
]


@pytest.mark.parametrize("args", OUTPUTS, ids=[" ".join(a) for a in OUTPUTS])
def test_every_output_file_is_renamed_into_place(project, monkeypatch, args):
    """Each file a command creates or changes arrives by os.replace from a hidden temporary beside it."""
    renamed: dict[Path, Path] = {}
    real_replace = os.replace

    def spy(src, dst, *a, **kw):
        renamed[Path(dst).resolve()] = Path(src).resolve()
        return real_replace(src, dst, *a, **kw)

    def files() -> dict[str, tuple[int, int]]:
        return {str(p.relative_to(project)): (p.stat().st_ino, p.stat().st_mtime_ns) for p in project.rglob("*") if p.is_file()}

    monkeypatch.setattr(os, "replace", spy)
    monkeypatch.chdir(project)
    before = files()
    result = CliRunner().invoke(cli, ["--project", str(project), *args])
    assert result.exit_code == 0, result.output
    after = files()
    # A store is a new folder of files that no reader sees until the build/store link is swapped to it.
    store_files = sorted(name for name in after if name.startswith("build/.store."))
    written = sorted(name for name in after if before.get(name) != after[name] and name not in store_files)
    assert written, "the command wrote nothing"
    if args[0] == "build":
        link = project / "build" / "store"
        assert link.is_symlink() and store_files and all(name.startswith(f"build/{os.readlink(link)}/") or
                                                          name.split("/")[1] in os.listdir(project / "build")
                                                          for name in store_files)
        assert renamed[link.parent.resolve() / "store"].name.startswith(".store.")
    for name in written:
        target = (project / name).resolve()
        assert target in renamed, f"{name} was written in place"
        temp = renamed[target]
        assert temp.parent == target.parent and temp.name.startswith(f".{target.name}.") and temp.suffix == ".tmp"
    assert not list(project.rglob("*.tmp"))


def _start_build(root: Path) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.Popen([sys.executable, "-m", "kg", "--project", str(root), "build"], env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


@pytest.fixture(scope="module")
def big(tmp_path_factory) -> tuple[Path, bytes]:
    """A project whose previous build is small and whose next build is big enough to be caught mid-way."""
    root = _project(tmp_path_factory.mktemp("big"))
    assert CliRunner().invoke(cli, ["--project", str(root), "build"]).exit_code == 0
    previous = (root / "build" / "graph.ttl").read_bytes()
    _project(root / "next", extra_places=600)
    shutil.rmtree(root / "data")
    shutil.move(root / "next" / "data", root / "data")
    shutil.rmtree(root / "next")
    return root, previous


@pytest.mark.parametrize("moment", ["while-writing", "before-writing"])
def test_a_build_killed_midway_leaves_the_previous_graph_whole(big, moment):
    root, previous = big
    graph = root / "build" / "graph.ttl"
    proc = _start_build(root)
    try:
        if moment == "before-writing":
            time.sleep(0.5)
        else:
            deadline = time.monotonic() + 60
            while proc.poll() is None and time.monotonic() < deadline and not list(graph.parent.glob(".graph.ttl.*.tmp")):
                time.sleep(0.001)
        assert proc.poll() is None, f"the build ended before it was killed: {proc.stderr.read().decode()}"
        proc.send_signal(signal.SIGKILL)
    finally:
        proc.wait(timeout=60)
    assert proc.returncode == -signal.SIGKILL
    if moment == "while-writing":  # killed with its temporary file open: it is still there, and harmless
        assert list(graph.parent.glob(".graph.ttl.*.tmp"))
    assert graph.read_bytes() == previous
    assert len(Graph().parse(graph, format="turtle")) > 0
    assert sorted(p.name for p in graph.parent.iterdir() if not p.name.startswith(".")) == ["graph.trig", "graph.ttl", "store"]
    for temp in graph.parent.glob(".*"):  # what the killed run left: hidden, not an output
        if temp.name.startswith(".store."):  # a store generation: the current one, or one no link points at yet
            assert temp.is_dir()
        elif temp.name == ".cache":  # the mapping cache (kg.buildcache): what the build before it mapped
            assert temp.is_dir()
        elif temp.name.startswith(".stage."):  # the killed build's own sorted runs and entries: the next removes it
            assert temp.is_dir()
        else:
            assert temp.name.startswith(".graph.ttl.") and temp.suffix == ".tmp"
            assert temp.stat().st_mode & 0o077 == 0


def test_the_next_build_completes_and_tidies_up_after_a_killed_one(big):
    root, previous = big
    stale = root / "build" / ".graph.ttl.999999999.abcd.tmp"  # a writer that no longer exists
    stale.write_text("@prefix half", encoding="utf-8")
    result = CliRunner().invoke(cli, ["--project", str(root), "build"])
    assert result.exit_code == 0, result.output
    graph = root / "build" / "graph.ttl"
    assert graph.read_bytes() != previous and "zz-place-599" in graph.read_text(encoding="utf-8")
    names = sorted(p.name for p in graph.parent.iterdir())
    assert [n for n in names if not n.startswith(".store.")] == [".cache", "graph.trig", "graph.ttl", "store"]
    generations = [n for n in names if n.startswith(".store.")]  # the current store and the one before it
    assert os.readlink(graph.parent / "store") in generations and len(generations) <= 2


def test_a_failed_build_writes_nothing(project):
    (project / DATA).write_text(BASE.replace("areaCount: 7", "areaCount: seven"), encoding="utf-8")
    before = snapshot(project)
    clean_error(CliRunner().invoke(cli, ["--project", str(project), "build"]))
    assert snapshot(project) == before


def test_atomic_output_refuses_a_folder(tmp_path):
    with pytest.raises(InputError, match="it is a directory"):
        with atomic_output(tmp_path) as fh:
            fh.write("x")
