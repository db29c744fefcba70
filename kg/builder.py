"""The build: data files and ontology in, one validated dataset out.

The mapper puts every statement in the named graph of the article its evidence
cites (see kg.graphs); SHACL validates the union; the store is written beside the
old one and swapped in, then the Turtle and TriG dumps are written from it.
Reading commands never import this module: they open the store (kg.dataset).
"""

from __future__ import annotations

import hashlib
import itertools
import json
import os
import re
import shutil
import time
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

from rdflib import Graph, URIRef

from .buildcache import Body, Mapped, MappingCache, RecordRef, checks_version, dependencies_key, file_key, text_hash
from .checks import record_rules
from .dataset.dumps import digest, recorded
from .dataset.dumps import record as record_dumps
from .dataset.order import (
    SortedFile,
    chunks,
    graph_key,
    key_line,
    key_quad,
    line_graph,
    line_key,
    merged,
    patched,
    quad_key,
    run_file,
    subject,
    text_key,
)
from .dataset.order import (
    subjects as subjects_of,
)
from .errors import InputError, NotConformant
from .graphs import ONTOLOGY_GRAPH
from .inputs import MAX_DATA, MAX_TEXT, read_bytes, read_text
from .mapping import METADATA, MODELLING, map_records
from .output import atomic_output
from .project import Project
from .rdfio import canonical, parse_into
from .records import Record, read_records
from .schema import Schema
from .textnorm import SourceText
from .validation import Locations, SplitShapes, StoreView, Violation, load_shapes, validate_graph


@dataclass(frozen=True)
class BuildResult:
    path: Path  # the store folder
    triples: int  # distinct statements in the union of the published graphs
    facts: int  # records
    graphs: int  # named graphs: one per source article, plus the ontology
    seconds: float
    dumps: tuple[Path, ...] = ()
    mapped: int = 0  # data files mapped (not taken from the cache)
    files: int = 0  # data files


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
    records: list[Record] = []
    for path in _data_files(project):
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


def last_references(project: Project, texts_dir: Path | str | None) -> Path | None:
    """The reference extracts' folder the last build of this same texts folder was given, if it still exists: a
    user who built once with ``--texts T --references R`` need not say R again to build or verify T."""
    if texts_dir is None:
        return None
    try:
        manifest = _manifest(project.store_path)
    except (OSError, ValueError):
        return None
    given = manifest.get("references")
    if manifest.get("texts") != str(Path(texts_dir).resolve()) or not isinstance(given, str):
        return None
    return Path(given) if Path(given).is_dir() else None


def _is_reference(rec: Record) -> bool:
    return any(v.text in REFERENCE_TYPES for v in rec.types)


class SourceTexts(Mapping[str, SourceText]):
    """Source texts by source id, each read at once (so a missing or unreadable one is refused at once) but
    folded for quote lookup only when a quote is looked up in it: a rebuild maps a few files, not every text."""

    def __init__(self) -> None:
        self.raw: dict[str, str] = {}
        self._folded: dict[str, SourceText] = {}

    def __getitem__(self, source: str) -> SourceText:
        text = self._folded.get(source)
        if text is None:
            text = self._folded[source] = SourceText(self.raw[source])
        return text

    def __iter__(self) -> Iterator[str]:
        return iter(self.raw)

    def __len__(self) -> int:
        return len(self.raw)


def text_files(records: Iterable[Record]) -> Iterator[tuple[str, bool, tuple[tuple[str, str], ...]]]:
    """(id, is a reference source, ((textFile, where), ...)) of each record naming a textFile."""
    for rec in records:
        if rec.fields.get("textFile"):
            yield rec.id, _is_reference(rec), tuple((v.text or "", str(v.where)) for v in rec.fields["textFile"])


def source_texts(records: Iterable[Record], texts_dir: Path, references_dir: Path | None = None, *,
                 named: Iterable[tuple[str, bool, tuple[tuple[str, str], ...]]] | None = None) -> SourceTexts:
    """The full text of each source record that names a textFile: an article's from texts_dir, a
    reference source's from references_dir (default: :func:`default_references`). ``named``: the records'
    :func:`text_files`, when the build has them without the records."""
    texts_dir = Path(texts_dir)
    if not texts_dir.is_dir():
        raise InputError("texts folder not found", where=str(texts_dir), hint="pass the folder holding the article texts")
    given = references_dir is not None
    references_dir = Path(references_dir) if given else default_references(texts_dir)
    out = SourceTexts()
    resolved = {}
    for rid, reference, values in (named if named is not None else text_files(records)):
        folder, kind = (references_dir, "references") if reference else (texts_dir, "texts")
        if folder not in resolved:
            resolved[folder] = folder.resolve()
        for name, where in values:
            if reference and not folder.is_dir():
                how = "" if given else f" (the default beside the texts folder {texts_dir})"
                raise InputError(f"references folder {folder} not found{how}, needed for textFile '{name}'",
                                 where=where, hint="pass the folder of reference extracts with --references")
            path = folder / name
            if Path(name).name != name or name in ("", ".", "..") or not path.resolve().is_relative_to(resolved[folder]):
                raise InputError(f"textFile '{name}' is not a file name in the {kind} folder", where=where,
                                 hint=f"give the bare file name; kg reads source texts only from the --{kind} folder")
            if not os.path.lexists(path):  # anything else there (a pipe, a device) is refused by read_text
                raise InputError(f"source text '{name}' is not in {folder}", where=where,
                                 hint=f"check textFile or the --{kind} folder")
            out.raw[rid] = read_text(path, str(path), limit=MAX_TEXT)
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


#: What a long step reports as it goes: (step, done, total); kg.cli draws it as a bar on a terminal.
Progress = Callable[[str, int, int], None]


def _quiet(step: str, done: int, total: int) -> None:
    pass


def _data_files(project: Project) -> list[Path]:
    """The project's data files; InputError when there is no data folder or no file in it."""
    if not project.data_dir.is_dir():
        raise InputError("data folder not found", where=project.shown(project.data_dir),
                         hint="create it and add YAML data files")
    files = project.data_files()
    if not files:
        raise InputError("data folder holds no .yaml files", where=project.shown(project.data_dir),
                         hint="add data files (see data/README.md)")
    return files


def _lines(quads, fmt) -> list[str]:
    import pyoxigraph as ox

    return ox.serialize(quads, format=fmt).decode("utf-8").splitlines() if quads else []


def _map_file(key: str, shown: str, records: list[Record], mapper_args: tuple, located: dict | None,
              convert, derive: tuple[str, str] | None = None) -> Mapped:
    """One data file's records mapped on their own (with every record and text of the build to refer to), and
    ``derive`` (the derivation's text and where it is written) run on them."""
    import pyoxigraph as ox

    from .derived import derive_for
    from .mapping import Mapper

    mapper = Mapper(*mapper_args)
    for rec in records:
        mapper.record(rec)
    published = [convert.quad(*q) for q in mapper.out if q[3] != METADATA]
    if derive is not None:  # the project's derived modelling (kg.derived) of this file's facts
        published += derive_for(published, *derive)
    metadata = [convert.quad(*q) for q in mapper.out if q[3] == METADATA]
    sources = {ev.source: located.get(ev.source) for rec in records for ev in rec.evidence} if located is not None else {}
    minted = {str(iri): tuple(what.rsplit(" at ", 1)) for iri, what in mapper.minted.items()}
    cites = tuple(sorted({ev.source for rec in records for ev in rec.evidence}))
    body = Body(records, _lines(published, ox.RdfFormat.N_QUADS), _lines(metadata, ox.RdfFormat.N_QUADS))
    return Mapped(key, shown, body, minted, tuple(sorted(str(i) for i in mapper.used)), sources, cites,
                  tuple(RecordRef(rec.id, str(rec.where)) for rec in records), tuple(text_files(records)))


def _still_valid(entry: Mapped, known: set[str], records: set[str], located: dict | None) -> bool:
    """Whether what a cached mapping relied on is unchanged: its references resolve, its quotes' texts are the
    same, no record took an IRI it gave a nested node (else it is mapped again, to report its own error)."""
    if not all(iri in known for iri in entry.needs) or any(iri in records for iri in entry.minted):
        return False
    return located is None and not entry.sources or located is not None and all(
        located.get(source) == digest for source, digest in entry.sources.items())


def _check_minted(entries: list[Mapped]) -> None:
    """Two files that give a nested node or evidence item the same IRI (within one file the mapper refuses it)."""
    seen: dict[str, tuple[str, str]] = {}
    for entry in entries:
        for iri, (what, where) in entry.minted.items():
            if iri in seen:
                raise InputError(f"{what} gets the same IRI <{iri}> as {seen[iri][0]} at {seen[iri][1]}",
                                 where=where, hint="rename the record or the key")
            seen[iri] = (what, where)


def _split(line: str) -> tuple[str, str]:
    """An N-Quads line of a named graph as (graph IRI, N-Triples line)."""
    at = line.rfind(" <")
    return line[at + 2:-3], line[:at] + " ."


def build(project: Project | str | Path | None = None, *, texts: Path | None = None,
          references: Path | None = None, out: str | Path | None = None,
          progress: Progress | None = None, incremental: bool = True) -> BuildResult:
    """Map, validate and write the dataset: the store under build/, then graph.ttl and graph.trig.

    Raise NotConformant and write nothing if the graph does not conform. ``out``
    writes the Turtle dump there instead of build/graph.ttl. Each data file is mapped
    on its own and kept in build/.cache (kg.buildcache): a rebuild maps only the files
    that changed, and changes only their statements in a copy of the previous store.
    ``incremental=False`` maps everything and writes the store from nothing (the same
    store and the same dumps).
    """
    from .derived import DERIVED_FILE, project_derivation
    from .mapping import check_ids
    from .vocab import KGR

    started = time.perf_counter()
    tick = progress or _quiet
    project = project if isinstance(project, Project) else Project.at(project)
    fresh = not project.build_dir.exists()
    ontology = canonical(load_ontology(project))
    schema = Schema(ontology)
    files = _data_files(project)
    derive_text, derive_where = project_derivation(project)
    derive = (derive_text, derive_where) if derive_text is not None else None
    deps = dependencies_key(project.ontology_files() + ([project.ontology_dir / DERIVED_FILE] if derive else []),
                            texts is not None)
    cache = MappingCache(project.build_dir / ".cache")

    # Read: a cached file's ids and text files come with its entry (its records and lines when needed), the
    # other files are read from YAML.
    keys, entries, per_file = [], [], []
    for i, (path, shown) in enumerate(zip(files, project.shown_all(files), strict=True)):
        key = file_key(deps, shown, read_bytes(path, shown, limit=MAX_DATA))
        entry = cache.get(key) if incremental else None
        keys.append(key)
        entries.append(entry)
        per_file.append(None if entry is not None else read_records(path, shown))
        tick("reading data files", i + 1, len(files))
    read = {entry.shown: entry for entry in entries if entry is not None}  # as cached, before any is mapped again
    refs = [entry.ids if entry is not None else recs for entry, recs in zip(entries, per_file, strict=True)]
    facts = sum(len(r) for r in refs)
    if not facts:
        raise InputError("data files hold no records", where=project.shown(project.data_dir),
                         hint="add records under 'records:'")
    terms = check_ids(ontology, [rec for r in refs for rec in r])
    named = (t for entry, recs in zip(entries, per_file, strict=True)
             for t in (entry.text_files if entry is not None else text_files(recs)))
    texts_of = source_texts((), texts, references, named=named) if texts is not None else None
    located = {sid: text_hash(t) for sid, t in texts_of.raw.items()} if texts_of is not None else None
    by_iri = {KGR[rec.id]: RecordRef(rec.id, str(rec.where)) for r in refs for rec in r}  # all the mapper reads
    known = terms | set(by_iri)
    known_str, record_iris = {str(k) for k in known}, {str(k) for k in by_iri}
    del refs

    stage = _stage(project.build_dir)  # this build's own files, gone when it ends; its new entries until then
    try:
        return _finish(project, texts, references, out, tick, started, ontology, schema, files, deps, cache,
                       incremental, keys, entries, per_file, read, facts, known, known_str, record_iris, texts_of,
                       located, by_iri, stage, derive)
    except BaseException:
        shutil.rmtree(stage, ignore_errors=True)
        if fresh and project.build_dir.is_dir() and not any(project.build_dir.iterdir()):
            project.build_dir.rmdir()  # nothing is left of a build that failed
        raise
    finally:
        shutil.rmtree(stage, ignore_errors=True)


def _stage(build_dir: Path) -> Path:
    """A new folder for one build's own files in ``build_dir``; those of builds no longer running are removed."""
    from .dataset.write import _alive  # the same test as for a store generation's writer

    for folder in build_dir.glob(".stage.*") if build_dir.is_dir() else ():
        pid = folder.name.split(".")[2]
        if pid.isdigit() and int(pid) != os.getpid() and not _alive(int(pid)):
            shutil.rmtree(folder, ignore_errors=True)
    folder = build_dir / f".stage.{os.getpid()}.{time.time_ns()}"
    try:
        folder.mkdir(parents=True)
    except OSError as e:
        raise InputError(f"cannot write the build: {e.strerror or e}", where=str(build_dir),
                         hint="check the free space and permissions") from None
    return folder


def _finish(project, texts, references, out, tick, started, ontology, schema, files, deps, cache, incremental,
            keys, entries, per_file, read, facts, known, known_str, record_iris, texts_of, located, by_iri,
            stage, derive=None) -> BuildResult:
    """The rest of :func:`build`: map, check, write the store and the dumps."""
    import pyoxigraph as ox

    from .dataset import METADATA as METADATA_NAME
    from .dataset import STORE_DIR
    from .dataset.terms import ToOxigraph
    from .dataset.write import dump_file, swap_in, write_generation

    # Map what is not cached, or relied on something that changed; each new entry goes to the stage folder and
    # is read back from there when needed (a build holds no file's lines it is not using).
    convert = ToOxigraph()
    new_entries: list[Mapped] = []  # cached only once the build succeeds: a failed one writes nothing
    replaced: dict[str, Mapped] = {}  # cached entries mapped again (a text or an id they relied on changed)
    for i, (key, entry) in enumerate(zip(keys, entries, strict=True)):
        if entry is None or not _still_valid(entry, known_str, record_iris, located):
            if entry is not None:
                replaced[entry.shown] = entry
            recs = per_file[i] if per_file[i] is not None else entry.records
            entry = _map_file(key, project.shown(files[i]), recs, (schema, known, texts_of, by_iri), located, convert,
                              derive)
            entry = entries[i] = cache.stage(entry, stage)
            new_entries.append(entry)
        per_file[i] = None
        tick("mapping", i + 1, len(files))
    _check_minted(entries)

    # What changed since the last build that succeeded with the same code and ontology (None: no such build).
    shapes_digest = checks_version(project.shapes)  # the shapes, the checking code, the SHACL engine
    previous = _previous(project, deps) if incremental else None
    before = _manifest(previous) if previous is not None else None
    old = _old_entries(cache, before, {e.shown: e.key for e in entries}, read) if before is not None else None
    if old is None or not all((previous / name).is_file() for name in (UNION, DATASET, METADATA_FILE)):
        previous = before = old = None
    edited = [i for i, e in enumerate(entries) if before is not None and before["files"].get(e.shown) != e.key]
    if before is not None and before.get("shapes") == shapes_digest:
        errors = record_rules(_rule_records(entries, edited), schema)
    else:
        errors = record_rules([r for e in entries for r in e.records], schema)
    shapes = load_shapes(project.shapes)
    split = SplitShapes(shapes, ontology)

    ontology_lines = _lines([convert.quad(s, p, o, MODELLING) for s, p, o in ontology], ox.RdfFormat.N_QUADS)
    ontology_triples = [_split(line)[1] for line in ontology_lines]
    manifest = {"texts": str(Path(texts).resolve()) if texts is not None else None, "facts": facts,
                "references": str(Path(references).resolve()) if references is not None else None,
                "dependencies": deps, "files": {e.shown: e.key for e in entries}, "shapes": shapes_digest,
                "mappings": {e.shown: _version(e) for e in entries}}
    if previous is None:
        # A build from nothing: sorted runs of the files' lines merged into the store and the sorted texts.
        patch = fresh = None
        streamed = _Streamed(stage, split)
        streamed.runs(entries, ontology_triples, _split(ontology_lines[0])[0] if ontology_lines else ONTOLOGY_GRAPH)
        tick("validating", 0, 1)

        def fill_all(store) -> None:
            streamed.fill(store, ontology_lines)
            manifest["graphs"] = streamed.graphs  # written once the store is (kg.dataset.write.write_generation)
            tick("writing the store", 1, 1)

        new = write_generation(project.store_path, fill_all, manifest=manifest, base=None, optimize=True,
                               metadata=streamed.write_metadata)
        try:
            for name in (UNION, DATASET, SPANNING, SUBJECTS):
                os.replace(stage / name, new / name)
            store = ox.Store.read_only(str(new / STORE_DIR))
            view = StoreView(store)
            where = Locations(path=new / METADATA_NAME)
            violations = streamed.validate(entries, ontology_triples, new / UNION, view, where)
            triples, graph_count = streamed.triples, streamed.graphs
        except BaseException:
            shutil.rmtree(new, ignore_errors=True)
            raise
    else:
        # A rebuild: the previous build's sorted files streamed, the changed files' lines out and in (nothing holds
        # all of them), and the dumps' changed blocks made from the new files (the rest of the dumps kept as it was).
        for shown, entry in replaced.items():
            old.setdefault(shown, entry)
        now = {e.shown: e for e in entries}
        change = _Change([(before_entry, now.get(shown)) for shown, before_entry in old.items()])
        triples = _write_blocks(stage / UNION, patched(chunks(previous / UNION), change.union_removed,
                                                      change.union_added, line_key))
        _write_blocks(stage / DATASET, patched(chunks(previous / DATASET), change.removed, change.added, quad_key))
        union_file, dataset_file = SortedFile(stage / UNION, subject), SortedFile(stage / DATASET, line_graph)
        before_file = SortedFile(previous / DATASET, line_graph)
        files_open = (union_file, dataset_file, before_file)
        try:
            subjects = {subject(line) for line in itertools.chain(change.union_removed, change.union_added)}
            graphs = {_split(line.decode("utf-8"))[0] for line in itertools.chain(change.removed, change.added)}

            def describe(node: str) -> list[str]:
                return [line.decode("utf-8") for line in union_file.lines(node.encode("utf-8"))]

            fresh = {"ttl": [line.decode("utf-8") for s in sorted(subjects) for line in union_file.lines(s)],
                     "trig": [line.decode("utf-8") for g in sorted(graphs, key=graph_key)
                              for line in dataset_file.lines(graph_key(g))]}
            present = {s.decode("utf-8") for s in subjects if union_file.has(s)}
            touched = {s.decode("utf-8") for s in subjects}
            old_subjects = _subjects(previous)  # in dump order: the previous graph.ttl's blocks, one each
            now_subjects = _changed_keys(old_subjects, present, touched, None)
            (stage / SUBJECTS).write_bytes("".join(f"{s}\n" for s in now_subjects).encode("utf-8"))
            patch = {"ttl": (old_subjects, present, touched, None),
                     "trig": (None, {g for g in graphs if dataset_file.has(graph_key(g))}, graphs, graph_key)}
            if "graphs" in before:
                graph_count = before["graphs"] + sum(dataset_file.has(graph_key(g)) for g in graphs) \
                    - sum(before_file.has(graph_key(g)) for g in graphs)
            else:
                graph_count = len({line_graph(line) for block in chunks(stage / DATASET) for line in block})
            tick("validating", 0, 1)
            manifest["graphs"] = graph_count

            def fill(store) -> None:
                change.apply(store)
                tick("writing the store", 1, 1)

            def write_metadata(fh) -> None:
                _write_blocks(fh, patched(chunks(previous / METADATA_FILE), change.meta_removed, change.meta_added,
                                          None))

            new = write_generation(project.store_path, fill, manifest=manifest, base=previous, optimize=False,
                                   metadata=write_metadata)
            try:
                for name in (UNION, DATASET, SUBJECTS):  # for the next rebuild, and dumped
                    os.replace(stage / name, new / name)
                store = ox.Store.read_only(str(new / STORE_DIR))
                where = Locations(path=new / METADATA_NAME)
                view = StoreView(store)
                changed = None
                read = split.read_by_spanning
                if before.get("shapes") == shapes_digest and (previous / SPANNING).is_file():
                    changed = sorted(set(edited) | {i for i, e in enumerate(entries) if e in new_entries})
                    blocks = patched(chunks(previous / SPANNING),
                                     {line for line in change.union_removed if read(line.decode("utf-8"))},
                                     {line for line in change.union_added if read(line.decode("utf-8"))}, line_key)
                    spanning = [line.decode("utf-8") for block in blocks for line in block]
                else:
                    spanning = [text for block in chunks(new / UNION) for line in block
                                if read(text := line.decode("utf-8"))]
                (new / SPANNING).write_bytes(("\n".join(spanning) + "\n").encode("utf-8") if spanning else b"")
                violations = _validate(entries, changed, old, split, ontology_triples, describe, spanning, view,
                                       where)
            except BaseException:
                shutil.rmtree(new, ignore_errors=True)
                raise
        finally:
            for opened in files_open:
                opened.close()
    try:
        from .cycles import cycles

        violations += cycles(view, where)
        tick("validating", 1, 1)
        errors += [v for v in violations if v.severity == "Violation"]
        if errors:
            raise NotConformant(f"the graph does not conform: {len(errors)} violation(s); nothing written", errors)
        ttl, trig = out if out is not None else project.graph_path, project.trig_path  # "-": standard output
        dumps = ((ttl, "ttl", UNION), (trig, "trig", DATASET))
        digests = {}
        for n, (path, fmt, name) in enumerate(dumps, start=1):
            own = Path(path) == (project.graph_path if fmt == "ttl" else project.trig_path)
            data = _patch_dump(previous, Path(path), fmt, patch[fmt], fresh[fmt]) if own and patch else None
            with atomic_output(path, "wb") as fh:  # from the text written above (not held during validation)
                if data is not None:
                    fh.write(data)
                else:
                    dump_file(new / name, fmt, fh)
            if own:
                digests[fmt] = digest(data if data is not None else Path(path).read_bytes())
            tick("writing the dumps", n, len(dumps))
        del store, view
        record_dumps(new, digests, {"ttl": ttl, "trig": trig})  # what kg export may copy (kg.dataset.dumps)
        swap_in(new, project.store_path)
    except BaseException:
        shutil.rmtree(new, ignore_errors=True)
        raise
    for entry in new_entries:
        cache.put(entry)
    cache.keep(set(keys))
    return BuildResult(project.store_path, triples, facts, graph_count,
                       time.perf_counter() - started, (Path(ttl), trig), len(new_entries), len(files))


#: The build's own sorted lines, kept in each store generation for the next rebuild to change: the union, the
#: named graphs, the metadata and the union's statements the spanning shapes read (kg.validation.SplitShapes).
UNION, DATASET, METADATA_FILE, SPANNING = "union.nt", "dataset.nq", "metadata.nq", "spanning.nt"
#: The union's subjects, each once, in dump order: the blocks of the generation's graph.ttl (a rebuild patches them).
SUBJECTS = "subjects.txt"


def _subjects(generation: Path) -> list[str]:
    """A store generation's :data:`SUBJECTS` (found in its union.nt if it has none: built by an older kg)."""
    try:
        return (generation / SUBJECTS).read_bytes().decode("utf-8").splitlines()
    except OSError:
        return [s.decode("utf-8") for s in subjects_of(generation / UNION)]


def _write_blocks(out, blocks: Iterable[list[bytes]]) -> int:
    """Write blocks of lines (to a path, or an open binary file); how many lines."""
    if isinstance(out, Path):
        with open(out, "wb") as fh:
            return _write_blocks(fh, blocks)
    count = 0
    for block in blocks:
        if block:
            out.write(b"\n".join(block) + b"\n")
            count += len(block)
    return count


class _Change:
    """What a rebuild changes: each changed file's lines before and after (None: the file is new, or gone).

    Every statement about a node is made by the file that states the node (records have unique ids, and kg
    refuses two files giving a nested node or evidence item the same IRI), so a changed file's union and graph
    lines that it no longer has leave the dataset, and its new ones enter it. Kept lines stay in place in the
    previous build's sorted files; new ones go where the sort of a build from nothing puts them
    (:func:`kg.dataset.order.patched`). The lines are UTF-8 bytes, as the files hold them.
    """

    def __init__(self, pairs: list[tuple[Mapped | None, Mapped | None]]):
        removed, added, union_removed, union_added, meta_removed, meta_added = set(), set(), set(), set(), set(), set()
        for before, now in pairs:
            quads_before = set(before.quads) if before is not None else set()
            quads_now = set(now.quads) if now is not None else set()
            removed |= quads_before - quads_now
            added |= quads_now - quads_before
            union_before = {_split(line)[1] for line in quads_before}
            union_now = {_split(line)[1] for line in quads_now}
            union_removed |= union_before - union_now
            union_added |= union_now - union_before
            meta_before = set(before.metadata) if before is not None else set()
            meta_now = set(now.metadata) if now is not None else set()
            meta_removed |= meta_before - meta_now
            meta_added |= meta_now - meta_before
        if any(_has_blank(line) for line in itertools.chain(union_removed, union_added)):
            raise ValueError("a data file's statement with a blank node")  # the mapper names every node it makes
        self.removed, self.added = _encoded(removed), _encoded(added)  # N-Quads lines
        self.union_removed, self.union_added = _encoded(union_removed), _encoded(union_added)  # N-Triples lines
        self.meta_removed, self.meta_added = _encoded(meta_removed), _encoded(meta_added)

    def apply(self, store) -> None:
        """Turn a copy of the previous store into the new one: the changed files' statements out and in, in
        their graphs and in the union default graph."""
        import pyoxigraph as ox

        for quad in ox.parse(b"\n".join(self.removed), format=ox.RdfFormat.N_QUADS):
            store.remove(quad)
        for triple in ox.parse(b"\n".join(self.union_removed), format=ox.RdfFormat.N_TRIPLES):
            store.remove(ox.Quad(*triple))
        store.extend(ox.parse(b"\n".join(self.added), format=ox.RdfFormat.N_QUADS))
        store.extend(ox.Quad(*t) for t in ox.parse(b"\n".join(self.union_added), format=ox.RdfFormat.N_TRIPLES))


def _encoded(lines: set[str]) -> set[bytes]:
    return {line.encode("utf-8") for line in lines}


def _rule_records(entries: list[Mapped], edited: list[int]) -> list[Record]:
    """The records the record rules (kg.checks) must see after the files ``edited`` changed, in file order.

    Both rules compare records through the sources their evidence cites: a fact is one written twice only by a
    record citing the same sources, and lies in a speaker's quotations only where those cite its sources. So
    after a build that passed them, a new violation involves a record citing a source an edited file cites;
    its verdict needs the records citing any source such a record cites. (A removed record cannot make one.)
    """
    sources = {source for i in edited for source in entries[i].cites}
    core = [i for i, e in enumerate(entries) if sources.intersection(e.cites)]
    wider = {source for i in core for source in entries[i].cites}
    return [rec for e in entries if wider.intersection(e.cites) for rec in e.records]


def _validate(entries: list[Mapped], changed: list[int] | None, old: dict[str, Mapped | None] | None,
              split: SplitShapes, ontology_lines: list[str], describe: Callable[[str], list[str]],
              spanning: list[str], view: StoreView, locations: Locations) -> list[Violation]:
    """SHACL violations of a rebuild's union: all of it when ``changed`` is None (:func:`_validate_in_parts`),
    else after a build that conformed with the same shapes, only what can have changed
    (:class:`kg.validation.SplitShapes`): the local shapes over the changed files and those that point at a node
    a changed file states or stated (each with the descriptions of the nodes it points at, and the ontology), the
    spanning shapes over the statements they read. ``describe``: the union's statements about a node."""
    if changed is None:
        owners = _Owners(len(entries) + 1)
        blankless = {line for line in ontology_lines if not line.startswith("_:")}
        owners.add(0, blankless)
        for i, e in enumerate(entries, start=1):
            owners.add(i, [_split(line)[1] for line in e.quads])
        sources = ({_split(line)[1] for i in members if i for line in entries[i - 1].quads}
                   | (blankless if 0 in members else set()) for members in owners.groups())
        return _validate_in_parts(sources, describe, split, ontology_lines, spanning, view, locations)
    if not changed and not old:
        return []
    touched = {line.split(" ", 1)[0] for i in changed for line in entries[i].quads}
    touched |= {line.split(" ", 1)[0] for e in (old or {}).values() if e is not None for line in e.quads}
    redo = set(changed) | {i for i, e in enumerate(entries) if any(f"<{n}>" in touched for n in e.needs)}
    parts = [({_split(line)[1] for line in entries[i].quads}, entries[i].needs) for i in sorted(redo)]
    local = split.validate_parts(parts, ontology_lines, describe, view, locations)
    if local is None:  # a node some other file states something about: validate it all
        return _validate(entries, None, old, split, ontology_lines, describe, spanning, view, locations)
    return sorted(set(local + split.validate_spanning(ontology_lines, spanning, view, locations)))


#: How many statements of the data one SHACL run validates when a build checks every file (with the descriptions
#: of the nodes they point at): pyshacl-turbo holds about 1.4 KB per statement it is given.
PART_LINES = 50_000


def _validate_in_parts(sources: Iterable[set[str]], describe: Callable[[str], list[str]], split: SplitShapes,
                       ontology_lines: list[str], spanning: list[str], view: StoreView,
                       locations: Locations) -> list[Violation]:
    """SHACL violations of a whole union, found in parts of about :data:`PART_LINES` statements, so that the
    engine never holds a copy of all of it. ``sources``: the union's statements (N-Triples lines; the ontology's
    blank-node lists apart: every part gets the whole ontology) cut so that each holds every statement about its
    subjects (:class:`_Owners`); ``describe``: the union's statements about a node. Each part is validated with
    the descriptions of the nodes it points at, and its subjects' results kept
    (:meth:`kg.validation.SplitShapes.validate_local`; tests/test_build_validation.py: parts find what the whole
    finds); the spanning shapes run over the statements they read."""
    found: list[Violation] = []
    lines: set[str] = set()
    focus: set[str] = set()
    for own in sources:
        subjects = {line.split(" ", 1)[0] for line in own}
        described: set[str] = set()
        lines |= own
        for line in own:
            term = line.split(" ", 2)[2]
            if term.startswith("<"):
                node = term[:term.index(">") + 1]
                if node not in subjects and node not in described:
                    described.add(node)
                    lines.update(describe(node))
        focus |= {node[1:-1] for node in subjects}
        if len(lines) >= PART_LINES:
            found += split.validate_local(lines.union(ontology_lines), focus, view, locations)
            lines, focus = set(), set()
    if focus:
        found += split.validate_local(lines.union(ontology_lines), focus, view, locations)
    return sorted(set(found + split.validate_spanning(ontology_lines, spanning, view, locations)))


class _Owners:
    """Which sources of statements (0: the ontology, then the data files) state something about one subject: those
    are validated in one part (a part holds every statement about its nodes)."""

    def __init__(self, size: int):
        self.parent = list(range(size))
        self.owner: dict[str, int] = {}

    def _root(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def add(self, i: int, lines: Iterable[str]) -> None:
        """Source ``i`` states these N-Triples lines (blank-node subjects are the ontology's, given to every part)."""
        owner = self.owner
        for line in lines:
            subject = line.split(" ", 1)[0]
            j = owner.setdefault(subject, i)
            if j != i and not subject.startswith("_:"):
                a, b = self._root(i), self._root(j)
                if a != b:
                    self.parent[a] = b

    def groups(self) -> list[list[int]]:
        """The sources, grouped, in order of each group's first source."""
        self.owner = {}
        out: dict[int, list[int]] = {}
        for i in range(len(self.parent)):
            out.setdefault(self._root(i), []).append(i)
        return list(out.values())


#: Lines of one sorted run of a build from nothing (held while it is sorted: tens of MB).
RUN_LINES = 200_000


class _Streamed:
    """A build from nothing in bounded memory: the files' lines in sorted runs in the stage folder (the ontology's
    in memory), merged into the store's bulk loader and the sorted texts the dumps and the next rebuild read
    (union.nt, dataset.nq, metadata.nq, spanning.nt, subjects.txt), with an index of where each subject's statements are in
    union.nt for the validation in parts. The same bytes as sorting everything at once: the runs are sorted by
    the dumps' keys and merged (each statement once in the union and in each graph)."""

    def __init__(self, stage: Path, split: SplitShapes):
        self.stage, self.split = stage, split
        self.union_runs: list = []
        self.dataset_runs: list = []
        self.metadata_runs: list = []
        self.owners = _Owners(1)
        self.index: dict[str, tuple[int, int]] = {}  # subject -> (start, end) of its lines in union.nt
        self.spanning: list[str] = []
        self.triples = self.graphs = 0

    def runs(self, entries: list[Mapped], ontology_lines: list[str], graph: str) -> None:
        """Sort the ontology's and every file's lines into runs (``graph``: the ontology's)."""
        from .dataset.write import sorted_dataset, sorted_union

        self.owners = _Owners(len(entries) + 1)
        self.owners.add(0, [line for line in ontology_lines if not line.startswith("_:")])
        # The ontology's runs, its blank nodes labelled canonically.
        self.union_runs.append([text_key(line) + b"\n" for line in sorted_union(ontology_lines)])
        self.dataset_runs.append([quad_key(line.encode("utf-8")) + b"\n"
                                  for line in sorted_dataset({graph: ontology_lines})])
        union: set[str] = set()
        quads: set[str] = set()
        metadata: list[str] = []
        for i, entry in enumerate(entries, start=1):
            published, located = entry.lines()
            triples = [_split(line)[1] for line in published]
            if any("_:" in line and _has_blank(line) for line in triples):
                raise ValueError("a data file's statement with a blank node")  # the mapper names every node it makes
            self.owners.add(i, triples)
            union.update(triples)
            quads.update(published)
            metadata += located
            if len(quads) + len(union) >= RUN_LINES:
                self._flush(union, quads, metadata)
                union, quads, metadata = set(), set(), []
        self._flush(union, quads, metadata)

    def _flush(self, union: set[str], quads: set[str], metadata: list[str]) -> None:
        """Write one run of each: the sort keys of union and graph lines (:mod:`kg.dataset.order`), the metadata
        lines as they are (sorted plainly)."""
        n = len(self.union_runs)
        for runs, keys, name in ((self.union_runs, [text_key(line) for line in union], "u"),
                                 (self.dataset_runs, [quad_key(line.encode("utf-8")) for line in quads], "d"),
                                 (self.metadata_runs, [line.encode("utf-8") for line in metadata], "m")):
            keys.sort()
            path = self.stage / f"run.{name}{n}"
            path.write_bytes(b"\n".join(keys) + b"\n" if keys else b"")
            runs.append(path)

    def fill(self, store, ontology_quads: list[str]) -> None:
        """Bulk-load the store from the merged runs, writing union.nt, dataset.nq and spanning.nt as they go. The
        ontology's blank nodes go in with the build's own labels (``ontology_quads``), in its graph and the union
        alike: the runs' are labelled for each dump on its own."""
        blank = [line for line in ontology_quads if "_:" in line and _has_blank(line)]
        _load_all(store, itertools.chain(blank, self._dataset()),
                  itertools.chain((_split(line)[1] for line in blank), self._union()))

    def _union(self) -> Iterator[str]:
        spanning, index = self.spanning, self.index
        offset, start, subject = 0, 0, None
        with open(self.stage / UNION, "wb") as fh:
            for key in merged(_opened(self.union_runs), unique=True):
                data = key_line(key)
                line = data[:-1].decode("utf-8")
                node = line.split(" ", 1)[0]
                if node != subject:
                    if subject is not None:
                        index[subject] = (start, offset)
                    subject, start = node, offset
                fh.write(data)
                offset += len(data)
                self.triples += 1
                if self.split.read_by_spanning(line):
                    spanning.append(line)
                if not ("_:" in line and _has_blank(line)):
                    yield line
        if subject is not None:
            index[subject] = (start, offset)
        (self.stage / SPANNING).write_bytes(("\n".join(spanning) + "\n").encode("utf-8") if spanning else b"")
        (self.stage / SUBJECTS).write_bytes("".join(f"{s}\n" for s in index).encode("utf-8"))

    def _dataset(self) -> Iterator[str]:
        last = None
        with open(self.stage / DATASET, "wb") as fh:
            for key in merged(_opened(self.dataset_runs), unique=True):
                data = key_quad(key[:-1])
                fh.write(data + b"\n")
                line = data.decode("utf-8")
                graph = key[:key.find(b" ")]
                if graph != last:
                    self.graphs, last = self.graphs + 1, graph
                if not ("_:" in line and _has_blank(line)):
                    yield line

    def write_metadata(self, fh) -> None:
        for line in merged(_opened(self.metadata_runs)):
            fh.write(line)

    def validate(self, entries: list[Mapped], ontology_lines: list[str], union: Path, view: StoreView,
                 locations: Locations) -> list[Violation]:
        """:func:`_validate_in_parts` of the union just written (each data file's statements read again)."""
        blankless = {line for line in ontology_lines if not line.startswith("_:")}
        sources = ({_split(line)[1] for i in members if i for line in entries[i - 1].quads}
                   | (blankless if 0 in members else set()) for members in self.owners.groups())
        with open(union, "rb") as fh:
            def describe(node: str) -> list[str]:
                span = self.index.get(node)
                if span is None:
                    return []
                fh.seek(span[0])
                return fh.read(span[1] - span[0]).decode("utf-8").splitlines()

            return _validate_in_parts(sources, describe, self.split, ontology_lines, self.spanning, view, locations)


def _opened(runs: list) -> list[Iterable[bytes]]:
    """Sorted runs as the merge reads them: lists of keys held in memory, or the files they were spilled to."""
    return [run_file(run) if isinstance(run, Path) else run for run in runs]


def _blocks(text: bytes, start: bytes) -> tuple[bytes, list[bytes]]:
    """A Turtle or TriG dump as (its prefix lines, its blocks): one per subject (Turtle) or graph (TriG), each
    starting at a line that starts with none of the bytes ``start``. pyoxigraph writes a block from its own
    statements alone (sorted, blank nodes by label, never nested), so blocks can be cut out and put in."""
    at = 0
    while text.startswith(b"@prefix ", at):
        at = text.index(b"\n", at) + 1
    header, body = text[:at], text[at:]
    if not body:
        return header, []
    parts = re.split(rb"\n(?=[^" + start + rb"])", body)  # the line break ending a block is taken: put back
    return header, [part + b"\n" for part in parts[:-1]] + parts[-1:]


def _patched_dump(old: bytes, fmt: str, old_keys: list[str] | None, present: set[str], changed: set[str], order,
                  fresh: list[str]) -> bytes | None:
    """A dump with the blocks of ``changed`` keys (subjects for ttl, graphs for trig) written again from their new
    lines (``fresh``: the sorted lines of those ``present`` now, in dump order) and every other block as it was;
    None if the old dump's blocks are not one per old key (``old_keys``; a TriG block names its graph)."""
    import io

    from .dataset.write import dump_lines

    header, blocks = _blocks(old, b"\t" if fmt == "ttl" else b"\t}")
    if old_keys is None:
        old_keys = [block[1:block.find(b">")].decode("utf-8") for block in blocks]
    if len(blocks) != len(old_keys):
        return None
    new_keys = _changed_keys(old_keys, present, changed, order)
    kept = dict(zip(old_keys, blocks, strict=True))
    wanted = [k for k in new_keys if k in changed]
    lines, made_now = fresh, io.BytesIO()
    dump_lines(lines, fmt, made_now)
    again = _blocks(made_now.getvalue(), b"\t" if fmt == "ttl" else b"\t}")
    if wanted and (again[0] != header or len(again[1]) != len(wanted)):
        return None
    made = dict(zip(wanted, again[1] if wanted else [], strict=True))
    return header + b"".join(made[k] if k in changed else kept[k] for k in new_keys)


def _changed_keys(old: list[str], present: set[str], changed: set[str], order) -> list[str]:
    """The keys (subjects, graphs) in dump order after a change: the old ones, less the ``changed`` ones no longer
    ``present``, with the new ones."""
    out = [k for k in old if k not in changed or k in present]
    new = present.difference(old)
    if new:
        out = sorted([*out, *new], key=order)
    return out


def _patch_dump(previous: Path, path: Path, fmt: str, keys: tuple, fresh: list[str]) -> bytes | None:
    """The previous build's dump at ``path`` with its changed blocks made again (:func:`_patched_dump`), if it is
    still the bytes that build wrote (else None: it is written in full)."""
    try:
        wrote = recorded(previous).get(fmt)
        old = path.read_bytes()
    except (OSError, ValueError, AttributeError):
        return None
    if wrote != digest(old):
        return None
    return _patched_dump(old, fmt, *keys, fresh)


def _previous(project: Project, deps: str) -> Path | None:
    """The current store generation, if the same code and ontology built it (else a rebuild starts afresh)."""
    from .dataset import MANIFEST, STORE_DIR

    folder = project.store_path
    try:
        manifest = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if manifest.get("dependencies") != deps or not isinstance(manifest.get("files"), dict):
        return None
    return folder.resolve() if (folder / STORE_DIR).is_dir() else None


def _manifest(folder: Path) -> dict:
    from .dataset import MANIFEST

    return json.loads((folder / MANIFEST).read_text(encoding="utf-8"))


def _version(entry: Mapped) -> str:
    """Which mapping of a file an entry is: its key and the texts its quotes were located in (a file mapped again
    because a text changed keeps its key)."""
    return hashlib.sha256(json.dumps([entry.key, sorted(entry.sources.items())]).encode("utf-8")).hexdigest()


def _old_entries(cache: MappingCache, before: dict, files: dict[str, str],
                 read: dict[str, Mapped]) -> dict[str, Mapped] | None:
    """The entries the previous store was built from, for the files that changed since (None: one is gone, or the
    cache does not hold the very mapping the store has, as after a build killed between swapping its store in
    and caching a file it mapped again: the store is then written from nothing). ``read``: the entries as
    cached for the files' current keys."""
    versions = before.get("mappings")
    if not isinstance(versions, dict):
        return None
    old = {}
    for shown, key in before["files"].items():
        entry = read.get(shown) if files.get(shown) == key else cache.get(key)
        if entry is None or _version(entry) != versions.get(shown):
            return None
        if files.get(shown) != key:
            old[shown] = entry
    for shown in files:
        if shown not in before["files"]:
            old[shown] = None
    return old


def _load_all(store, named: Iterator[str], union: Iterable[str]) -> None:
    """Fill an empty store: every named graph and the union as the default graph, bulk-loaded in batches.

    One bulk load of everything held about 1 KB per statement more in the loader's buffers; batches of
    100,000 lines keep that small for the same time (measured at 147k triples: 338 MB against 107 MB).
    """
    import pyoxigraph as ox

    blank: list[str] = []  # kept apart: a bulk load gives blank nodes new labels, these keep the build's own
    batch: list[str] = []
    for line in itertools.chain(named, union):
        if "_:" in line and _has_blank(line):
            blank.append(line)
            continue
        batch.append(line)
        if len(batch) >= 100_000:
            store.bulk_load(("\n".join(batch) + "\n").encode("utf-8"), format=ox.RdfFormat.N_QUADS)
            batch = []
    if batch:
        store.bulk_load(("\n".join(batch) + "\n").encode("utf-8"), format=ox.RdfFormat.N_QUADS)
    store.extend(ox.parse("\n".join(blank).encode("utf-8"), format=ox.RdfFormat.N_QUADS, rename_blank_nodes=False))


def _has_blank(line: str) -> bool:
    subject, _p, rest = line.split(" ", 2)
    return subject.startswith("_:") or rest.startswith("_:")
