"""kg add: a reviewed draft joins data/ only if it validates together with the graph.

Checks, all reported at once, one line per bad proposal: ids (new ones must not
clash with the graph's), the article text (in the texts folder, outside the
project), every evidence quote against that text (kg.evidence.check_quotes, as
kg verify-evidence does), references and values (the mapping), and the SHACL
shapes over the graph with the draft. Only then is the draft copied, byte for
byte with its comments, into data/ in one atomic step.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .builder import load_ontology, source_texts, validate
from .checks import record_rules
from .errors import InputError, KgError
from .evidence import check_quotes
from .mapping import as_graph, map_records
from .output import write_text
from .project import Project
from .records import Record, read_records, read_text
from .schema import Schema


class DraftRejected(KgError):
    """The draft does not validate: ``problems`` holds one line per bad proposal."""

    exit_code = 1

    def __init__(self, message: str, problems: list[str]):
        super().__init__(message)
        self.problems = problems


@dataclass(frozen=True)
class Added:
    path: Path
    records: int


def _existing(project: Project) -> list[Record]:
    if not project.data_dir.is_dir():
        raise InputError("data folder not found", where=project.shown(project.data_dir), hint="run kg in the project folder")
    out = []
    for path in project.data_files():
        out.extend(read_records(path, project.shown(path)))
    return out


def check_draft(draft: Path, texts_dir: Path, project: Project) -> tuple[list[Record], list[str]]:
    """The draft's records and the problems found with them (empty when it may be added)."""
    shown = str(draft)
    records = read_records(draft, shown)
    if not records:
        raise InputError("the draft holds no records", where=shown, hint="run kg extract to make one")
    existing = _existing(project)
    where = {r.id: r.where for r in existing}
    problems = []
    for r in records:
        if r.id in where:
            problems.append(f"{r.where}: id '{r.id}' is already in the graph ({where[r.id]}): refer to that record "
                            "by its id, or give the proposal a new id")
    sources = [r for r in records if "SourceArticle" in {v.text for v in r.types}]
    if not sources:
        problems.append(f"{shown}: the draft has no SourceArticle record: the article itself must be one of its records")
    texts = {}
    if sources:
        texts_dir = Path(texts_dir)
        texts = source_texts(sources, texts_dir)
        for s in sources:
            if s.id not in texts:
                problems.append(f"{s.where}: source '{s.id}' names no 'textFile': give the article's file name")
            elif (texts_dir / (s.fields["textFile"][0].text or "")).resolve().is_relative_to(project.root):
                problems.append(f"{s.fields['textFile'][0].where}: the article text is inside the project: keep it in a "
                                "texts folder outside the repository (only short quotes go into data/)")
    if problems:  # ids, source or text location wrong: the rest would only repeat it
        return records, problems
    report = check_quotes(records, texts)
    problems += [m.line() + " (fix the quote or remove it)" for m in report.missing]
    ontology = load_ontology(project)
    errors: list[tuple[Record, InputError]] = []
    # evidence was checked above; the mapping is given no texts so it does not report a bad quote twice
    data = as_graph(map_records(Schema(ontology), ontology, existing + records, None, errors=errors))
    problems += [e.line() for _, e in errors]
    schema = Schema(ontology)
    problems += [v.line() for v in record_rules(existing + records, schema)]
    failed = {r.id for r, _ in errors}
    linked = {x.text for r, _ in errors for vals in r.fields.values() for x in vals}
    at_line = {str(r.where): r for r in records}
    for v in validate(ontology + data, project):
        rec = at_line.get(v.location)
        # a record that could not be mapped is reported once above, not again for what its absence leaves dangling
        if rec is not None and failed and (rec.id in linked
                                           or any(x.text in failed for vals in rec.fields.values() for x in vals)):
            continue
        if v.severity == "Violation":
            problems.append(v.line())
    return records, problems


def add_draft(draft: Path, texts_dir: Path, project: Project | None = None, name: str | None = None) -> Added:
    """Validate the draft with the graph, then write it into data/ atomically; raise DraftRejected otherwise."""
    project = project or Project.at()
    draft = Path(draft)
    if name is None:
        sources = [r.id for r in read_records(draft, str(draft)) if "SourceArticle" in {v.text for v in r.types}]
        name = sources[0] if sources else draft.stem
    target = project.data_dir / f"{name}.yaml"
    if target.exists():
        raise DraftRejected(f"{draft}: nothing written to data/", [
            f"{project.shown(target)}: already exists: the draft would replace it; pass --name to add it under another "
            "file name"])
    records, problems = check_draft(draft, texts_dir, project)
    if problems:
        raise DraftRejected(f"{draft}: {len(problems)} problem(s); nothing written to data/", sorted(set(problems),
                                                                                                        key=problems.index))
    write_text(target, read_text(draft, str(draft)))
    return Added(target, len(records))
