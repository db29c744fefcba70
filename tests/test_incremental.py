"""Incremental builds: each data file mapped on its own and cached, only what changed rebuilt, and the result
always the same as a build from nothing (the same dumps, byte for byte, and the same store)."""

from __future__ import annotations

import io
import shutil

import pyoxigraph as ox
import pytest
from click.testing import CliRunner

from kg.builder import build
from kg.cli import ProgressBar, cli
from kg.project import Project

from .conftest import copy_project, snapshot

COMET, PP = "data/comet-2016.yaml", "data/police-professional-2025.yaml"
LABEL = 'label: "The Comet: Bedfordshire Police branded the worst force in the country"'


def edit(root, name: str, old: str, new: str) -> None:
    path = root / name
    text = path.read_text(encoding="utf-8")
    assert old in text, (name, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def store_statements(project: Project) -> set[str]:
    return {str(q) for q in ox.Store.read_only(str(project.store_path / "oxigraph"))}


def outputs(project: Project) -> tuple[bytes, bytes, set[str]]:
    return project.graph_path.read_bytes(), project.trig_path.read_bytes(), store_statements(project)


@pytest.fixture(scope="session")
def built_once(tmp_path_factory, seeds, references):
    """The real project built once (so its cache is full), with copies of the texts and reference extracts."""
    base = tmp_path_factory.mktemp("incremental")
    shutil.copytree(seeds, base / "texts")
    shutil.copytree(references, base / "reference")  # found beside the texts, as kg looks for them
    project = Project.at(copy_project(base / "p"))
    first = build(project, texts=base / "texts")
    assert first.mapped == first.files == len(project.data_files())
    return base


@pytest.fixture
def built(built_once, tmp_path):
    """A copy of the built project (its store link, store and cache too) that a test may change."""
    shutil.copytree(built_once, tmp_path / "w", symlinks=True)
    return Project.at(tmp_path / "w" / "p"), tmp_path / "w" / "texts"


def test_a_rebuild_after_one_edited_file_maps_that_file_equals_a_build_from_nothing_and_then_maps_nothing(built, tmp_path):
    project, texts = built
    edit(project.root, COMET, LABEL, LABEL.replace("worst force", "worst police force"))
    again = build(project, texts=texts)
    assert again.mapped == 1
    assert "worst police force" in project.graph_path.read_text(encoding="utf-8")
    fresh = Project.at(copy_project(tmp_path / "fresh"))
    shutil.copy(project.root / COMET, fresh.root / COMET)
    full = build(fresh, texts=texts, incremental=False)
    assert outputs(project) == outputs(fresh)
    assert (again.triples, again.graphs, again.facts) == (full.triples, full.graphs, full.facts)

    before = outputs(project)
    result = CliRunner().invoke(cli, ["--project", str(project.root), "build", "--texts", str(texts)])
    assert result.exit_code == 0, result.output
    assert f"(0 of {len(project.data_files())} data files mapped" in result.output  # nothing changed, nothing mapped
    assert outputs(project) == before


@pytest.mark.parametrize("change", ["ontology", "code"])
def test_a_changed_ontology_or_kg_version_maps_everything_again(built, change, monkeypatch):
    project, texts = built
    if change == "code":
        import kg.buildcache

        monkeypatch.setattr(kg.buildcache, "_FORMAT", b"another kg")
    else:
        path = project.ontology_dir / "kg.ttl"
        path.write_text(path.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    assert build(project, texts=texts).mapped == len(project.data_files())


def test_a_reference_term_gone_from_the_reference_data_fails_the_cached_files_that_use_it(built):
    project, texts = built
    edit(project.root, "data/reference.yaml", "- id: peel-four-grade-scale", "- id: peel-four-grade-scale-renamed")
    result = CliRunner().invoke(cli, ["--project", str(project.root), "build", "--texts", str(texts)])
    error = result.stderr.strip().splitlines()[-1]
    assert result.exit_code == 2 and "refers to 'peel-four-grade-scale'" in error, result.output
    assert "data/reference.yaml" not in error.split(": ", 2)[1]  # the unchanged file that uses it, by its line


def test_a_changed_source_text_maps_again_only_the_files_that_quote_it(built, tmp_path):
    project, texts = built
    comet = texts / "002_59dec3eefef00956.txt"
    comet.write_text("A line added at the start.\n" + comet.read_text(encoding="utf-8"), encoding="utf-8")
    result = build(project, texts=texts)
    assert 1 <= result.mapped < result.files
    fresh = Project.at(copy_project(tmp_path / "fresh"))
    build(fresh, texts=texts, incremental=False)
    assert outputs(project) == outputs(fresh)  # the quotes' new positions, in the dumps and in the store


def test_a_violation_of_a_shape_spanning_files_after_a_cached_build_names_the_unchanged_file_it_is_in(built):
    """ThemeShape (a theme must be some fact's theme) fails on a theme in data/shared.yaml, which did not change,
    when the only file that used it stops using it."""
    project, texts = built
    path = project.root / PP
    path.write_text(path.read_text(encoding="utf-8").replace("theme-anti-social-behaviour", "theme-funding"),
                    encoding="utf-8")
    line = next(n for n, text in enumerate((project.root / "data/shared.yaml").read_text(encoding="utf-8").splitlines(),
                                           start=1) if "id: theme-anti-social-behaviour" in text)
    result = CliRunner().invoke(cli, ["--project", str(project.root), "build", "--texts", str(texts)])
    assert result.exit_code == 1, result.output
    assert any(entry.startswith(f"data/shared.yaml:{line}:") and "theme" in entry
               for entry in result.stderr.splitlines()), result.stderr


def test_a_violation_after_a_cached_build_names_its_file_and_line_and_leaves_the_previous_store(built):
    project, texts = built
    edit(project.root, PP, "areaCount: 7", "areaCount: 0")
    line = next(n for n, text in enumerate((project.root / PP).read_text(encoding="utf-8").splitlines(), start=1)
                if "areaCount: 0" in text)
    before = snapshot(project.root)
    result = CliRunner().invoke(cli, ["--project", str(project.root), "build", "--texts", str(texts)])
    assert result.exit_code == 1, result.output
    assert any(entry.startswith(f"{PP}:") and "areaCount" in entry for entry in result.stderr.splitlines()), result.stderr
    record_line = int(next(e for e in result.stderr.splitlines() if "areaCount" in e).split(":")[1])
    assert record_line <= line  # the line of the record that holds it
    assert snapshot(project.root) == before  # nothing written: the store, the dumps and the cache as they were


def test_a_build_that_fails_while_changing_the_store_leaves_the_previous_one(built, monkeypatch):
    import kg.builder

    project, texts = built
    before, link = snapshot(project.root), (project.store_path).readlink()
    edit(project.root, COMET, LABEL, LABEL.replace("worst force", "worst police force"))

    def killed(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(kg.builder._Change, "apply", killed)
    with pytest.raises(KeyboardInterrupt):
        build(project, texts=texts)
    assert project.store_path.readlink() == link
    after = snapshot(project.root)
    assert {k: v for k, v in after.items() if k != COMET} == {k: v for k, v in before.items() if k != COMET}


def test_a_build_reports_its_progress_and_the_bar_draws_only_on_a_terminal(tmp_path):
    project = Project.at(copy_project(tmp_path / "p"))
    steps: list[tuple[str, int, int]] = []
    build(project, progress=lambda step, done, total: steps.append((step, done, total)))
    names = list(dict.fromkeys(step for step, _, _ in steps))
    assert names[:2] == ["reading data files", "mapping"] and "validating" in names
    for name in names:
        assert max(done for step, done, _ in steps if step == name) == next(t for s, _, t in steps if s == name)

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    assert ProgressBar.on_terminal(io.StringIO()) is None
    screen = Terminal()
    bar = ProgressBar.on_terminal(screen)
    bar("mapping", 2, 4)
    bar.close()
    assert "\rmapping" in screen.getvalue() and "2/4" in screen.getvalue() and screen.getvalue().endswith("\r\x1b[K")


# -- a rebuild after what the user did gives what a build from nothing gives -----------------------------------

NEW_ARTICLE = """\
source: new-article
records:
  - id: new-article
    type: SourceArticle
    label: "New: a new article"
    schema:headline: A new article about Bedfordshire
    schema:publisher: police-professional
    schema:datePublished: 2025-02-01
    textFile: new.txt
    evidence:
      - "A new article about Bedfordshire"
"""
COMET_TEXT = "002_59dec3eefef00956.txt"


def add_article(project: Project, texts) -> None:
    (texts / "new.txt").write_text("A new article about Bedfordshire\n", encoding="utf-8")
    (project.root / "data/new.yaml").write_text(NEW_ARTICLE, encoding="utf-8")


def shift_text(project: Project, texts) -> None:
    comet = texts / COMET_TEXT
    comet.write_text("A line added at the start.\n" + comet.read_text(encoding="utf-8"), encoding="utf-8")


def unshift_text(project: Project, texts) -> None:
    comet = texts / COMET_TEXT
    comet.write_text(comet.read_text(encoding="utf-8").removeprefix("A line added at the start.\n"), encoding="utf-8")


def remove_article(project: Project, texts) -> None:
    (project.root / "data/new.yaml").unlink()


#: The build after the step before is interrupted (Ctrl-C) after it swapped its store in, while it caches the
#: files it mapped.
KILLED_WHILE_CACHING = None


def manifest(project: Project) -> dict:
    import json

    return json.loads((project.store_path / "manifest.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("steps", [
    pytest.param([add_article], id="added a file for a new article (a named graph more)"),
    pytest.param([add_article, remove_article], id="added a new article's file, then removed it"),
    pytest.param([shift_text, KILLED_WHILE_CACHING], id="changed a source text, killed the build while it cached"),
    pytest.param([shift_text, KILLED_WHILE_CACHING, unshift_text],
                 id="changed a source text, killed the build while it cached, put the text back"),
])
def test_a_rebuild_after_what_the_user_did_equals_a_build_from_nothing(built, tmp_path, monkeypatch, steps):
    import kg.buildcache

    def killed(*args, **kwargs):
        raise KeyboardInterrupt

    project, texts = built
    for step, then in zip(steps, [*steps[1:], ...], strict=True):
        if step is KILLED_WHILE_CACHING:
            continue
        step(project, texts)
        if then is not KILLED_WHILE_CACHING:
            build(project, texts=texts)
            continue
        with monkeypatch.context() as m, pytest.raises(KeyboardInterrupt):
            m.setattr(kg.buildcache.MappingCache, "put", killed)
            build(project, texts=texts)
    again = build(project, texts=texts)
    for part in ("ontology", "data", "queries"):
        shutil.copytree(project.root / part, tmp_path / "fresh" / part)
    fresh = Project.at(tmp_path / "fresh")
    full = build(fresh, texts=texts, incremental=False)
    assert outputs(project) == outputs(fresh)
    assert (again.triples, again.graphs, again.facts) == (full.triples, full.graphs, full.facts)
    assert manifest(project) == manifest(fresh)


def test_a_changed_checking_code_or_shacl_engine_checks_every_file_again(built, monkeypatch):
    """A kg whose record rules, reports or SHACL engine changed does not reuse the verdicts of the last build."""
    import kg.buildcache
    import kg.builder

    project, texts = built
    seen = {}
    rules, validate = kg.builder.record_rules, kg.builder._validate

    def counting_rules(records, schema):
        seen["records"] = len(records)
        return rules(records, schema)

    def recording_validate(entries, changed, *args, **kwargs):
        seen["changed"] = changed
        return validate(entries, changed, *args, **kwargs)

    monkeypatch.setattr(kg.builder, "record_rules", counting_rules)
    monkeypatch.setattr(kg.builder, "_validate", recording_validate)
    build(project, texts=texts, incremental=False)
    assert seen.get("changed") is None  # a build from nothing checks every file (kg.builder._Streamed)
    total = seen["records"]
    edit(project.root, "data/comet-2016.yaml", "note: >-\n", "note: >-\n      Edited.\n")
    build(project, texts=texts)
    assert seen["changed"] is not None, "an ordinary rebuild validates only what can have changed"
    monkeypatch.setattr(kg.buildcache, "_CHECKS_FORMAT", b"another kg's checks")
    edit(project.root, "data/comet-2016.yaml", "      Edited.", "      Edited again.")
    build(project, texts=texts)
    assert seen["changed"] is None and seen["records"] == total


@pytest.mark.parametrize("dump", ["graph.ttl", "graph.trig"])
def test_a_rebuild_changes_only_the_changed_blocks_of_its_own_dumps_and_writes_an_edited_dump_in_full(built, tmp_path,
                                                                                                     dump, monkeypatch):
    """A rebuild keeps the previous dumps' blocks of unchanged subjects and graphs, when the dumps are still the
    bytes the last build wrote; a dump the user changed since is written again in full. Both equal a build from
    nothing."""
    import kg.builder

    project, texts = built
    patched = []
    real = kg.builder._patched_dump
    monkeypatch.setattr(kg.builder, "_patched_dump", lambda *a: patched.append(a[1]) or real(*a))
    edit(project.root, COMET, LABEL, LABEL.replace("worst force", "worst police force"))
    build(project, texts=texts)
    assert sorted(patched) == ["trig", "ttl"]
    (project.build_dir / dump).write_bytes((project.build_dir / dump).read_bytes() + b"# a user's note\n")
    patched.clear()
    edit(project.root, COMET, "worst police force", "worst force of all")
    build(project, texts=texts)
    assert sorted(patched) == sorted({"trig", "ttl"} - {dump.split(".")[1]})
    fresh = Project.at(copy_project(tmp_path / "fresh"))
    shutil.copy(project.root / COMET, fresh.root / COMET)
    build(fresh, texts=texts, incremental=False)
    assert outputs(project) == outputs(fresh)


def generation_files(project: Project) -> dict[str, bytes]:
    """What a store generation keeps for the next rebuild besides the store: its sorted files and manifest."""
    folder = project.store_path
    return {name: (folder / name).read_bytes()
            for name in ("union.nt", "dataset.nq", "metadata.nq", "spanning.nt", "subjects.txt", "manifest.json")}


def test_a_rebuild_streams_the_previous_sorted_files_and_writes_what_a_build_from_nothing_does(built, tmp_path,
                                                                                              monkeypatch):
    """With runs of a few hundred lines and blocks of a few kilobytes (so that every merge and every patch spans
    many of them), a rebuild after a file changed, a file was added and a file was removed writes the same dumps,
    store, sorted files and manifest as a build from nothing of the same data."""
    import kg.builder
    import kg.dataset.order

    monkeypatch.setattr(kg.builder, "RUN_LINES", 300)
    monkeypatch.setattr(kg.dataset.order, "BLOCK", 4096)
    project, texts = built

    def changed(project: Project, texts) -> None:
        edit(project.root, COMET, LABEL, LABEL.replace("worst force", "worst police force"))

    for n, step in enumerate([changed, add_article, remove_article]):
        step(project, texts)
        again = build(project, texts=texts)
        assert again.mapped == (0 if step is remove_article else 1)
        for part in ("ontology", "data", "queries"):
            shutil.copytree(project.root / part, tmp_path / f"fresh{n}" / part)
        fresh = Project.at(tmp_path / f"fresh{n}")
        full = build(fresh, texts=texts, incremental=False)
        assert outputs(project) == outputs(fresh), step.__name__
        assert generation_files(project) == generation_files(fresh), step.__name__
        assert (again.triples, again.graphs, again.facts) == (full.triples, full.graphs, full.facts)
