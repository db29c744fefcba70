"""Shared fixtures: the project built once per test session in a scratch copy."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = (ROOT.parent / "shared" / "seeds").resolve()


def copy_project(dest: Path, parts: tuple[str, ...] = ("ontology", "data", "queries")) -> Path:
    """A scratch copy of the project's inputs, so tests never touch the real folders."""
    for part in parts:
        if (ROOT / part).exists():
            shutil.copytree(ROOT / part, dest / part)
    return dest


@pytest.fixture(scope="session")
def seeds() -> Path:
    if not SEEDS.is_dir():
        pytest.skip(f"source texts not found at {SEEDS}")
    return SEEDS


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
    """The built graph as an rdflib Graph (shared: do not modify it)."""
    from kg.builder import load_graph

    return load_graph(project=built_project)
