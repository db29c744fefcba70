"""The suite's own scheduling under pytest-xdist: which tests a worker runs together (tests/conftest.py)."""

from __future__ import annotations

import pytest

from .conftest import FIRST, first_rank, work_unit

UNITS = [
    # a ONE_WORKER module: every test of it, parametrized or not, with or without pytest-xdist's '@group' suffix
    ("tests/test_stores.py::test_every_stored_query_gives_the_same_rows_from_virtuoso", "test_stores"),
    ("tests/test_bad_input.py::test_bad_input_is_one_clear_line_and_changes_nothing[id-as-a-block-scalar]",
     "test_bad_input"),
    ("tests/test_determinism.py::test_every_output_is_written@test_determinism", "test_determinism"),
    ("tests/test_viz.py::test_x[a@b]", "test_viz"),
    # any other test: its own unit, or its xdist_group where pytest-xdist added it
    ("tests/test_shapes.py::test_shape_rejects_its_failing_case[AreaShape-turbo]",
     "tests/test_shapes.py::test_shape_rejects_its_failing_case[AreaShape-turbo]"),
    ("tests/test_shapes.py::test_x@a-group", "a-group"),
    ("tests/test_shapes.py::test_x[user@example.org]", "tests/test_shapes.py::test_x[user@example.org]"),
    ("tests/test_stores_more.py::test_x", "tests/test_stores_more.py::test_x"),  # a module's name, not a prefix
]


@pytest.mark.parametrize(("nodeid", "unit"), UNITS)
def test_a_one_worker_modules_tests_go_to_one_worker_together(nodeid, unit):
    assert work_unit(nodeid) == unit


RANKS = [
    # the longest first, in FIRST's order; a parametrized test by its whole node id's start
    ("tests/test_queries_stored.py::test_rdflib_gives_the_same_rows_as_pyoxigraph[compare-inspections--bedfordshire-police]",
     0),
    ("test_incremental", 1),
    ("test_determinism", 2),
    # the others after them, in pytest-xdist's order
    ("tests/test_queries_stored.py::test_rdflib_gives_the_same_rows_as_pyoxigraph[grade-changes--bedfordshire-police]",
     len(FIRST)),
    ("test_bad_input", len(FIRST)),
    ("tests/test_shapes.py::test_the_built_graph_conforms[turbo]", len(FIRST)),
]


@pytest.mark.parametrize(("unit", "rank"), RANKS)
def test_the_longest_work_units_start_first(unit, rank):
    assert first_rank(unit) == rank
