"""The build: data files and ontology in, one validated graph out."""

from __future__ import annotations

import os
import time
from dataclasses import dataclass
from pathlib import Path

from rdflib import Graph

from .checks import record_rules
from .errors import InputError, NotConformant
from .inputs import MAX_TEXT, read_text
from .mapping import map_records
from .output import atomic_output
from .project import Project
from .rdfio import parse_into, turtle
from .records import Record, read_records
from .schema import Schema
from .textnorm import SourceText
from .validation import Violation, load_shapes, validate_graph


@dataclass(frozen=True)
class BuildResult:
    path: Path
    triples: int
    facts: int
    seconds: float


def load_ontology(project: Project) -> Graph:
    """The ontology and reference vocabularies as one graph."""
    if not project.ontology_dir.is_dir():
        raise InputError("ontology folder not found", where=project.shown(project.ontology_dir),
                         hint="run kg in the project folder or pass --project")
    g = Graph()
    for path in project.ontology_files():
        parse_into(g, path, "turtle", where=project.shown(path))
    return g


def load_records(project: Project) -> list[Record]:
    """Every record of every data file, in file order."""
    if not project.data_dir.is_dir():
        raise InputError("data folder not found", where=project.shown(project.data_dir),
                         hint="create it and add YAML data files")
    files = project.data_files()
    if not files:
        raise InputError("data folder holds no .yaml files", where=project.shown(project.data_dir),
                         hint="add data files (see data/README.md)")
    records: list[Record] = []
    for path in files:
        records.extend(read_records(path, project.shown(path)))
    if not records:
        raise InputError("data files hold no records", where=project.shown(project.data_dir),
                         hint="add records under 'records:'")
    return records


REFERENCE_TYPES = ("ReferenceSource", "kg:ReferenceSource")


def default_references(texts_dir: Path) -> Path:
    """Where reference extracts are read from unless the user says: the folder ``reference`` beside the texts folder.

    The project's texts are ``../shared/seeds`` and its reference extracts ``../shared/reference``; a
    user who passes one folder expects the other to be found the same way.
    """
    return Path(texts_dir).parent / "reference"


def _is_reference(rec: Record) -> bool:
    return any(v.text in REFERENCE_TYPES for v in rec.types)


def source_texts(records: list[Record], texts_dir: Path, references_dir: Path | None = None) -> dict[str, SourceText]:
    """The full text of each source record that names a textFile: an article's from texts_dir, a
    reference source's from references_dir (default: :func:`default_references`)."""
    texts_dir = Path(texts_dir)
    if not texts_dir.is_dir():
        raise InputError("texts folder not found", where=str(texts_dir), hint="pass the folder holding the article texts")
    given = references_dir is not None
    references_dir = Path(references_dir) if given else default_references(texts_dir)
    out = {}
    for rec in records:
        reference = _is_reference(rec)
        folder, kind = (references_dir, "references") if reference else (texts_dir, "texts")
        for value in rec.fields.get("textFile", []):
            name = value.text or ""
            if reference and not folder.is_dir():
                how = "" if given else f" (the default beside the texts folder {texts_dir})"
                raise InputError(f"references folder {folder} not found{how}, needed for textFile '{name}'",
                                 where=str(value.where), hint="pass the folder of reference extracts with --references")
            path = folder / name
            if Path(name).name != name or name in ("", ".", "..") or not path.resolve().is_relative_to(folder.resolve()):
                raise InputError(f"textFile '{name}' is not a file name in the {kind} folder", where=str(value.where),
                                 hint=f"give the bare file name; kg reads source texts only from the --{kind} folder")
            if not os.path.lexists(path):  # anything else there (a pipe, a device) is refused by read_text
                raise InputError(f"source text '{value.text}' is not in {folder}", where=str(value.where),
                                 hint=f"check textFile or the --{kind} folder")
            out[rec.id] = SourceText(read_text(path, str(path), limit=MAX_TEXT))
    return out


def _compile(project: Project, texts_dir: Path | None,
             references_dir: Path | None) -> tuple[Graph, Schema, list[Record]]:
    ontology = load_ontology(project)
    records = load_records(project)
    texts = source_texts(records, texts_dir, references_dir) if texts_dir is not None else None
    schema = Schema(ontology)
    return ontology + map_records(schema, ontology, records, texts), schema, records


def compile_graph(project: Project, texts_dir: Path | None = None,
                  references_dir: Path | None = None) -> tuple[Graph, int]:
    """Ontology plus mapped data, unvalidated, and the number of fact records."""
    graph, _, records = _compile(project, texts_dir, references_dir)
    return graph, len(records)


def validate(graph: Graph, project: Project | None = None) -> list[Violation]:
    """SHACL violations of a graph that already holds the ontology, and its cycles (kg.cycles)."""
    from .cycles import cycles

    project = project or Project.at()
    return validate_graph(graph, load_shapes(project.shapes)) + cycles(graph)


def build(project: Project | str | Path | None = None, *, texts: Path | None = None,
          references: Path | None = None, out: str | Path | None = None) -> BuildResult:
    """Load, validate and write the graph; raise NotConformant and write nothing if it fails."""
    started = time.perf_counter()
    project = project if isinstance(project, Project) else Project.at(project)
    graph, schema, records = _compile(project, texts, references)
    violations = validate(graph, project)
    errors = record_rules(records, schema) + [v for v in violations if v.severity == "Violation"]
    if errors:
        raise NotConformant(f"the graph does not conform: {len(errors)} violation(s); nothing written", errors)
    path = out if out is not None else project.graph_path  # "-": standard output (see kg.output)
    with atomic_output(path) as fh:
        fh.write(turtle(graph))
    return BuildResult(Path(path), len(graph), len(records), time.perf_counter() - started)


def load_graph(path: Path | str | None = None, project: Project | None = None, *,
               allow_network: bool = False) -> Graph:
    """A built graph (or any RDF file); builds first if nothing is built yet."""
    project = project or Project.at()
    built = path is None
    if built:
        path = project.graph_path
        if not path.exists():
            build(project)
    graph = parse_into(Graph(), Path(path), allow_network=allow_network, where=project.shown(Path(path)))
    if built and not len(graph):
        raise InputError("the built graph holds no statements", where=project.shown(Path(path)),
                         hint="run kg build to build it again")
    return graph

