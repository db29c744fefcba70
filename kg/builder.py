"""The build: data files and ontology in, one validated dataset out.

The mapper puts every statement in the named graph of the article its evidence
cites (see kg.graphs); SHACL validates the union; the store is written beside the
old one and swapped in, then the Turtle and TriG dumps are written from it.
Reading commands never import this module: they open the store (kg.dataset).
"""

from __future__ import annotations

import itertools
import os
import shutil
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from rdflib import Graph, URIRef

from .checks import record_rules
from .errors import InputError, NotConformant
from .graphs import ONTOLOGY_GRAPH
from .inputs import MAX_TEXT, read_text
from .mapping import METADATA, map_records
from .output import atomic_output
from .project import Project
from .rdfio import canonical, parse_into
from .records import Record, read_records
from .schema import Schema
from .textnorm import SourceText
from .validation import Violation, load_shapes, validate_graph


@dataclass(frozen=True)
class BuildResult:
    path: Path  # the store folder
    triples: int  # distinct statements in the union of the published graphs
    facts: int  # records
    graphs: int  # named graphs: one per source article, plus the ontology
    seconds: float
    dumps: tuple[Path, ...] = ()


@dataclass
class Compiled:
    """Ontology and mapped data, not yet validated: the quads of every graph, metadata apart."""

    ontology: Graph
    quads: list  # (s, p, o, graph) rdflib terms, build metadata included
    facts: int
    schema: Schema
    records: list[Record]

    def published(self) -> Iterator[tuple]:
        """The quads of the published dataset: the ontology graph, then each article's statements."""
        graph = URIRef(ONTOLOGY_GRAPH)
        for s, p, o in self.ontology:
            yield s, p, o, graph
        for quad in self.quads:
            if quad[3] != METADATA:
                yield quad

    def union(self) -> Graph:
        """The published graphs merged, as pyshacl validates them."""
        g = Graph()
        for s, p, o, _ in self.published():
            g.add((s, p, o))
        return g

    def metadata(self) -> Graph:
        """The build metadata graph (kg:dataLocation of each node)."""
        g = Graph()
        for s, p, o, name in self.quads:
            if name == METADATA:
                g.add((s, p, o))
        return g


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


def compile_dataset(project: Project, texts_dir: Path | None = None, references_dir: Path | None = None) -> Compiled:
    """Ontology plus mapped data, unvalidated. Blank nodes (the ontology's) get canonical labels."""
    ontology = canonical(load_ontology(project))
    records = load_records(project)
    texts = source_texts(records, texts_dir, references_dir) if texts_dir is not None else None
    schema = Schema(ontology)
    return Compiled(ontology, map_records(schema, ontology, records, texts), len(records), schema, records)


def validate(graph: Graph, project: Project | None = None, locations: Graph | None = None) -> list[Violation]:
    """SHACL violations of a graph that already holds the ontology, and its cycles (kg.cycles);
    ``locations`` says where each node was read."""
    from .cycles import cycles

    project = project or Project.at()
    return validate_graph(graph, load_shapes(project.shapes), locations) + cycles(graph, locations)


def build(project: Project | str | Path | None = None, *, texts: Path | None = None,
          references: Path | None = None, out: str | Path | None = None) -> BuildResult:
    """Map, validate and write the dataset: the store under build/, then graph.ttl and graph.trig.

    Raise NotConformant and write nothing if the graph does not conform. ``out``
    writes the Turtle dump there instead of build/graph.ttl.
    """
    from .dataset import Dataset
    from .dataset.terms import ToOxigraph
    from .dataset.write import dump, swap_in, write_store

    started = time.perf_counter()
    project = project if isinstance(project, Project) else Project.at(project)
    compiled = compile_dataset(project, texts, references)
    union = compiled.union()
    violations = validate(union, project, compiled.metadata())
    errors = record_rules(compiled.records, compiled.schema) + [v for v in violations if v.severity == "Violation"]
    if errors:
        raise NotConformant(f"the graph does not conform: {len(errors)} violation(s); nothing written", errors)
    fresh = not project.build_dir.exists()
    convert = ToOxigraph()
    manifest = {"texts": str(Path(texts).resolve()) if texts is not None else None, "facts": compiled.facts,
                "references": str(Path(references).resolve()) if references is not None else None}
    metadata = [convert.quad(*q) for q in compiled.quads if q[3] == METADATA]
    # The named graphs, and their union (each statement once) as the default graph that queries read.
    quads = itertools.chain(compiled.published(), ((s, p, o, None) for s, p, o in union))
    new = write_store(convert.quads(quads), project.store_path, manifest=manifest, metadata=metadata)
    try:
        dataset = Dataset.open(new, project.shown(project.store_path))
        ttl, trig = out if out is not None else project.graph_path, project.trig_path  # "-": standard output
        for path, fmt in ((ttl, "ttl"), (trig, "trig")):
            with atomic_output(path, "wb") as fh:
                dump(dataset, fmt, fh)
        triples, graphs = dataset.count_union(), len(dataset.graph_names())
        del dataset
        swap_in(new, project.store_path)
    except BaseException:
        shutil.rmtree(new, ignore_errors=True)
        if fresh and project.build_dir.is_dir() and not any(project.build_dir.iterdir()):
            project.build_dir.rmdir()  # nothing is left of a build that failed
        raise
    return BuildResult(project.store_path, triples, compiled.facts, graphs, time.perf_counter() - started, (Path(ttl), trig))
