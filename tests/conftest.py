"""Shared fixtures: the project built once per test session in a scratch copy."""

from __future__ import annotations

import gc
import shutil
import signal
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = (ROOT.parent / "shared" / "seeds").resolve()
REFERENCES = (ROOT.parent / "shared" / "reference").resolve()  # kg's default: 'reference' beside the texts folder


# A test worker keeps built graphs, stores and parsed shapes alive for its whole session, and rdflib makes and drops
# millions of small objects: with Python's default thresholds (700, 10, 10) the collector scans that heap again and
# again (measured with gc.callbacks on tests/test_shapes.py and tests/test_viz.py in one process: about 45% of its
# time). Young collections a hundred times rarer still free every cycle, with memory bounded (/work/notes/tests-speed.md).
gc.set_threshold(70_000, 20, 20)

# A suite started as a background job of a script (`pytest &`, nohup) inherits SIGINT ignored, every kg the tests
# start inherits that too, and Python then never raises KeyboardInterrupt: the Ctrl-C tests (test_bad_input,
# test_serve) failed so, kg running on for 30 s. Each test process takes Ctrl-C as a foreground run does.
if signal.getsignal(signal.SIGINT) == signal.SIG_IGN:
    signal.signal(signal.SIGINT, signal.default_int_handler)


def copy_project(dest: Path, parts: tuple[str, ...] = ("ontology", "data", "queries")) -> Path:
    """A scratch copy of the project's inputs, so tests never touch the real folders."""
    for part in parts:
        if (ROOT / part).exists():
            shutil.copytree(ROOT / part, dest / part)
    return dest


@pytest.fixture(scope="session")
def seeds() -> Path:
    """The source articles CI always has beside the project: missing, they fail the tests that need them."""
    if not SEEDS.is_dir():
        pytest.fail(f"source texts not found at {SEEDS}: put the shared folder beside the project (../shared/seeds)")
    return SEEDS


@pytest.fixture(scope="session")
def references() -> Path:
    """The reference extracts; CI always has them beside the seeds, so a missing folder fails."""
    assert REFERENCES.is_dir(), f"reference extracts not found at {REFERENCES}"
    return REFERENCES


@pytest.fixture(scope="session")
def built_project(tmp_path_factory, seeds):
    """The real project, built with the source texts, in a temporary folder."""
    from kg.builder import build
    from kg.project import Project

    project = Project.at(copy_project(tmp_path_factory.mktemp("project")))
    build(project, texts=seeds)
    return project


@pytest.fixture(scope="session")
def built_graph(built_project):
    """The built dataset's union as an rdflib Graph (shared: do not modify it)."""
    from kg.dataset import open_dataset

    return open_dataset(built_project).rdflib_graph()


def clean_error(result, exit_code: int = 2) -> str:
    """Assert a CliRunner result failed cleanly: the exit code, one 'Error:' line on stderr, no traceback.

    Returns that line. Lines before it are allowed only for exit 1 (one per violation).
    """
    assert result.exit_code == exit_code, (result.exit_code, result.output)
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert "Traceback" not in result.output
    lines = result.stderr.splitlines()
    assert lines and lines[-1].startswith("Error: "), result.stderr
    assert "kg failed unexpectedly" not in lines[-1], lines[-1]
    if exit_code == 2:
        assert len(lines) == 1, result.stderr
    return lines[-1]


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder`` with its bytes, to show that nothing was written or changed."""
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(Path(folder).rglob("*")) if p.is_file()}


# Modules whose module-scoped fixtures build a project, start a server or a browser: under pytest-xdist each
# of them runs on one worker, so that work is done once rather than once per worker (about 100 s of CPU).
# test_stores also shares one Virtuoso among its tests; test_incremental builds its project (with copies of the
# texts and reference extracts) once, in a session fixture no other module uses.
ONE_WORKER = {"test_atomic", "test_bad_input", "test_browser", "test_determinism", "test_export",
              "test_export_independent", "test_incremental", "test_network", "test_queries_cli", "test_report",
              "test_serve", "test_serve_browser", "test_stores", "test_viz"}


def work_unit(nodeid: str) -> str:
    """What pytest-xdist sends to one worker as a whole: a ONE_WORKER module, a test's own xdist_group, or the test.

    pytest-xdist's loadgroup reads a test's xdist_group from a suffix ('@group') it adds to the test's node id
    while collecting; pytest 9.2 keeps node ids elsewhere and drops that suffix, so every test was its own unit
    and each of these modules' fixtures ran on every worker (and two workers pushed to one Virtuoso at once).
    The scheduler below reads the module from the node id, as every pytest and pytest-xdist spell it.
    """
    module = Path(nodeid.split("::", 1)[0]).stem
    if module in ONE_WORKER:
        return module
    if nodeid.rfind("@") > nodeid.rfind("]"):  # an xdist_group mark, where pytest-xdist could add it
        return nodeid.rpartition("@")[2]
    return nodeid


# Work units that take the longest (seconds of CPU on a quiet machine, about half of what --durations shows at
# load 6): the scheduler starts them first, so that no long one is left to run alone at the end while the other
# worker has finished. Only the order depends on this list; a stale entry costs a little balance, nothing else.
# The rdflib cross-check of compare-inspections is the longest test that is not a whole module (rdflib's engine on
# its evidence join, on a slice of the graph: tests/test_queries_stored.py).
FIRST = ("tests/test_queries_stored.py::test_rdflib_gives_the_same_rows_as_pyoxigraph[compare-inspections",
         "test_incremental", "test_determinism", "tests/test_extract.py::test_own_articles_meet_the_quality_targets",
         "tests/test_shapes.py::test_the_built_graph_conforms[pyshacl]", "test_export", "test_viz")


def first_rank(unit: str) -> int:
    """Where a work unit stands in FIRST (len(FIRST) for the others, which keep pytest-xdist's order)."""
    return next((n for n, start in enumerate(FIRST) if unit.startswith(start)), len(FIRST))


@pytest.hookimpl(optionalhook=True)  # a pytest-xdist hook: without pytest-xdist there is nothing to schedule
def pytest_xdist_make_scheduler(config, log):
    """--dist loadgroup with the units of :func:`work_unit`, the longest (FIRST) started first; other --dist modes
    are pytest-xdist's own."""
    if config.getvalue("dist") != "loadgroup":
        return None
    from xdist.scheduler import LoadGroupScheduling

    class OneWorkerModules(LoadGroupScheduling):
        _ordered = False

        def _split_scope(self, nodeid: str) -> str:
            return work_unit(nodeid)

        def _assign_work_unit(self, node) -> None:
            if not self._ordered:  # the queue is whole now: pytest-xdist's order (most tests first), FIRST before it
                self._ordered = True
                ranked = sorted(self.workqueue.items(), key=lambda item: first_rank(item[0]))
                self.workqueue.clear()
                self.workqueue.update(ranked)
            super()._assign_work_unit(node)

    return OneWorkerModules(config, log)
