"""kg export: every format reads back, in independent engines, as the graph that was built.

rdflib and pyoxigraph parse each export; pyld (a second JSON-LD processor) reads the
JSON-LD with document loading switched off. TriG and N-Quads keep each source
article's facts in a named graph of its own. Exports are byte-identical across runs
and PYTHONHASHSEED values.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner
from pyld import jsonld as pyld
from rdflib import BNode, Dataset, Graph, Literal, Namespace, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import OWL, PROV, RDF, RDFS

from kg.cli import cli
from kg.dataset import Dataset as KgDataset
from kg.dataset import open_dataset
from kg.export import FORMATS, export, make_context
from kg.vocab import GRAPHS, KG, OA

from .conftest import ROOT, clean_error

# rdflib's own N-Quads and TriG parsers warn about its deprecated ConjunctiveGraph on every quad.
pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")

RDFLIB_FORMAT = {"ttl": "turtle", "nt": "nt", "xml": "xml", "jsonld": "json-ld", "trig": "trig", "nq": "nquads"}
OX_FORMAT = {"ttl": ox.RdfFormat.TURTLE, "nt": ox.RdfFormat.N_TRIPLES, "xml": ox.RdfFormat.RDF_XML,
             "jsonld": ox.RdfFormat.JSON_LD, "trig": ox.RdfFormat.TRIG, "nq": ox.RdfFormat.N_QUADS}
XSD = Namespace("http://www.w3.org/2001/XMLSchema#")  # a plain Namespace: pytest's collector probes module attributes
SUFFIX = {"ttl": "ttl", "nt": "nt", "xml": "rdf", "jsonld": "jsonld", "trig": "trig", "nq": "nq"}


def no_documents(url, options=None):
    raise AssertionError(f"pyld tried to load {url}")


@pytest.fixture(scope="module")
def exported(built_project, tmp_path_factory) -> dict[str, Path]:
    """Each format written by the CLI: Turtle (the default) to standard output, the others with -o,
    the format told by the file's suffix."""
    out = tmp_path_factory.mktemp("exports")
    files = {}
    for fmt in FORMATS:
        path = out / f"graph.{SUFFIX[fmt]}"
        args = [] if fmt == "ttl" else ["-o", str(path)]
        result = CliRunner().invoke(cli, ["--project", str(built_project.root), "export", *args])
        assert result.exit_code == 0, result.output
        if fmt == "ttl":
            path.write_text(result.stdout, encoding="utf-8")
        else:
            assert result.output == f"Wrote {path} ({fmt})\n"
        files[fmt] = path
    return files


def _union(dataset: Dataset) -> Graph:
    union = Graph()
    for s, p, o, _ in dataset.quads((None, None, None, None)):
        union.add((s, p, o))
    return union


def _rdflib_read(fmt: str, path: Path) -> Graph:
    if fmt in ("trig", "nq"):
        return _union(Dataset().parse(path, format=RDFLIB_FORMAT[fmt]))
    return Graph().parse(path, format=RDFLIB_FORMAT[fmt])


def _from_ox(term):
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if term.language:
        return Literal(term.value, lang=term.language)
    dt = term.datatype.value
    return Literal(term.value, datatype=None if dt == str(XSD.string) else URIRef(dt))


def _oxigraph_read(fmt: str, path: Path) -> tuple[Graph, set]:
    """The triples pyoxigraph reads from a file (graphs merged) and the graph names it saw."""
    graph, names = Graph(), set()
    for quad in ox.parse(path=str(path), format=OX_FORMAT[fmt]):
        graph.add((_from_ox(quad.subject), _from_ox(quad.predicate), _from_ox(quad.object)))
        names.add(quad.graph_name.value if isinstance(quad.graph_name, ox.NamedNode) else None)
    return graph, names


@pytest.mark.parametrize("fmt", FORMATS)
def test_each_format_reads_back_in_rdflib_as_the_built_graph(exported, built_graph, fmt):
    back = _rdflib_read(fmt, exported[fmt])
    assert len(back) == len(built_graph)
    assert isomorphic(back, built_graph)


@pytest.mark.parametrize("fmt", FORMATS)
def test_each_format_reads_back_in_oxigraph_as_the_built_graph(exported, built_graph, fmt):
    back, names = _oxigraph_read(fmt, exported[fmt])
    assert isomorphic(back, built_graph)
    if fmt in ("trig", "nq"):
        assert None not in names, "every quad is in a named graph"


def test_jsonld_gives_the_same_triples_through_pyld_without_loading_anything(exported, built_graph):
    doc = json.loads(exported["jsonld"].read_text(encoding="utf-8"))
    quads = pyld.to_rdf(doc, {"format": "application/n-quads", "documentLoader": no_documents})
    back = Graph().parse(data=quads, format="nquads")
    assert isomorphic(back, built_graph)


def test_jsonld_is_the_compacted_form_under_the_project_context(exported):
    """pyld, compacting the expanded document with the same context, gives back the same document."""
    doc = json.loads(exported["jsonld"].read_text(encoding="utf-8"))
    context = {"@context": doc["@context"]}
    again = pyld.compact(pyld.expand(doc, {"documentLoader": no_documents}), context, {"documentLoader": no_documents})

    def norm(x):
        if isinstance(x, dict):
            return {k: norm(v) for k, v in x.items()}
        if isinstance(x, list):
            return sorted((norm(v) for v in x), key=lambda v: json.dumps(v, sort_keys=True))
        return x

    assert norm(again["@graph"]) == norm(doc["@graph"])
    zoe = next(n for n in doc["@graph"] if n.get("label") == "Zoe Billingham")
    assert zoe["type"] == "Person" and zoe["id"] == "kgr:zoe-billingham"


def test_jsonld_embeds_the_project_context_and_names_nothing_remote(exported, built_project):
    doc = json.loads(exported["jsonld"].read_text(encoding="utf-8"))
    committed = json.loads(built_project.context.read_text(encoding="utf-8"))
    assert doc["@context"] == committed["@context"]
    assert isinstance(doc["@context"], dict)
    assert "@import" not in doc["@context"]
    assert doc["@context"]["@version"] == 1.1


def test_jsonld_streams_one_node_per_subject_in_the_dumps_order(built_project, monkeypatch):
    # Written subject by subject from the streamed, sorted statements (never the whole graph in rdflib): runs of
    # 50 statements give the same bytes, the nodes come in the N-Triples export's subject order, and a blank
    # node has the label it has in every other export.
    from kg.dataset import sorting
    from kg.prefixes import curie

    whole = export(open_dataset(built_project), "jsonld", project=built_project)
    monkeypatch.setattr(sorting, "RUN", 50)
    monkeypatch.setattr(KgDataset, "rdflib_graph", lambda *a, **k: pytest.fail("the whole graph was read"))
    assert export(open_dataset(built_project), "jsonld", project=built_project) == whole
    lines = export(open_dataset(built_project), "nt").decode("utf-8").splitlines()
    subjects = list(dict.fromkeys(line.split(" ", 1)[0] for line in lines))
    assert [n["id"] for n in json.loads(whole)["@graph"]] == \
        [s if s.startswith("_:") else curie(s[1:-1]) for s in subjects]
    assert any(s.startswith("_:") for s in subjects)


def test_committed_context_is_the_one_the_graph_calls_for(built_project, built_graph):
    committed = json.loads((ROOT / "ontology" / "context.jsonld").read_text(encoding="utf-8"))
    assert committed == make_context(built_graph), "ontology/context.jsonld is stale: run kg export --write-context"


def test_context_holds_only_prefixes_and_terms_the_graph_uses(built_graph):
    ctx = make_context(built_graph)["@context"]
    iris = {str(t) for triple in built_graph for t in triple if isinstance(t, URIRef)}
    iris |= {str(o.datatype) for o in built_graph.objects() if isinstance(o, Literal) and o.datatype}
    prefixes = {k: v for k, v in ctx.items() if isinstance(v, str) and v.endswith(("#", "/"))}
    for name, ns in prefixes.items():
        assert any(i.startswith(ns) for i in iris), f"prefix {name} is not used"
    for name, value in ctx.items():
        if name.startswith("@") or name in prefixes or value in ("@id", "@type"):
            continue
        curie = value["@id"] if isinstance(value, dict) else value
        prefix, local = curie.split(":", 1)
        assert prefixes[prefix] + local in iris, f"term {name} names {curie}, which the graph does not use"
    assert ctx["speaker"] == {"@id": "kg:speaker", "@type": "@id"}
    assert ctx["rank"] == {"@id": "kg:rank", "@type": "xsd:integer"}
    assert ctx["date"] == "kg:date", "a flexible date (xsd:date, gYearMonth or gYear) is not coerced to one type"


TYPED = [
    Literal("2025-01-29", datatype=XSD.date), Literal("2016", datatype=XSD.gYear),
    Literal("2024-05", datatype=XSD.gYearMonth), Literal("5.25", datatype=XSD.decimal),
    Literal("251", datatype=XSD.integer), Literal("true", datatype=XSD.boolean),
    Literal("false", datatype=XSD.boolean), Literal("https://example.org/report.pdf", datatype=XSD.anyURI),
    Literal("a plain string, with \"quotes\"\nand a new line"), Literal("good", lang="en"),
]


def _typed_graph() -> Graph:
    """Every kind of literal the project writes, on coerced and uncoerced properties alike."""
    g = Graph()
    node = KG["test-node"]
    g.add((node, RDF.type, KG.Statistic))
    for i, lit in enumerate(TYPED):
        loose = KG[f"loose{i}"]  # undeclared, so the values decide (one each: coerced)
        g.add((node, loose, lit))
        declared = KG[f"declared{i}"]
        g.add((declared, RDF.type, OWL.DatatypeProperty))
        g.add((declared, RDFS.range, lit.datatype or XSD.string))
        g.add((node, declared, lit))
    g.add((node, KG.mixed, Literal("2016", datatype=XSD.gYear)))  # a property with values of several types
    g.add((node, KG.mixed, Literal("2024-05", datatype=XSD.gYearMonth)))
    g.add((node, KG.mixed, URIRef("https://example.org/x")))
    return g


def test_jsonld_literal_types_round_trip_exactly_in_both_processors():
    g = _typed_graph()
    text = export(KgDataset.from_rdflib(g), "jsonld", context=make_context(g)).decode("utf-8")
    doc = json.loads(text)
    via_pyld = Graph().parse(data=pyld.to_rdf(doc, {"format": "application/n-quads", "documentLoader": no_documents}),
                             format="nquads")
    via_rdflib = Graph().parse(data=text, format="json-ld")
    for back in (via_pyld, via_rdflib):
        assert set(back) == set(g)
    node = next(n for n in doc["@graph"] if n["id"] == "kg:test-node")
    assert node["declared3"] == "5.25", "decimals stay strings under their coerced type, never JSON numbers"


@pytest.mark.parametrize("fmt", ["nt", "nq"])
def test_line_formats_are_one_statement_a_line_in_subject_order(exported, fmt):
    lines = exported[fmt].read_text(encoding="utf-8").splitlines()
    assert len(lines) == len(set(lines))
    if fmt == "nt":
        subjects = [line.split(" ", 1)[0] for line in lines]
        assert subjects == sorted(subjects)
    else:  # graph by graph: the ontology first, then the articles in order, each in subject order
        graphs = [line.rsplit(" ", 2)[-2] for line in lines]
        order = list(dict.fromkeys(graphs))
        runs = 1 + sum(a != b for a, b in zip(graphs, graphs[1:], strict=False))
        assert order[0] == f"<{GRAPHS.ontology}>" and order[1:] == sorted(order[1:])
        assert runs == len(order), "each graph's statements are together"


def _graph_of(source: URIRef) -> URIRef:
    return GRAPHS[str(source).rsplit("/", 1)[-1]]


@pytest.mark.parametrize("fmt", ["trig", "nq"])
def test_each_source_has_its_own_named_graph(exported, built_graph, fmt):
    dataset = Dataset().parse(exported[fmt], format=RDFLIB_FORMAT[fmt])
    names = {g.identifier for g in dataset.graphs() if len(g)}
    sources = set(built_graph.subjects(RDF.type, KG.SourceArticle)) | set(built_graph.subjects(RDF.type, KG.ReferenceSource))
    assert names == {_graph_of(s) for s in sources} | {GRAPHS.ontology, GRAPHS.derived}  # derived: kg.derived
    graphs = {name: dataset.graph(name) for name in names}
    for fact, source in built_graph.subject_objects(PROV.wasDerivedFrom):
        home = graphs[_graph_of(source)]
        assert (fact, PROV.wasDerivedFrom, source) in home
        assert set(built_graph.objects(fact, RDF.type)) <= set(home.objects(fact, RDF.type))
    for target, source in built_graph.subject_objects(OA.hasSource):
        home = graphs[_graph_of(source)]
        annotation = built_graph.value(None, OA.hasTarget, target)
        assert (annotation, OA.hasTarget, target) in home
        assert (built_graph.value(annotation, OA.hasBody), KG.evidence, annotation) in home
        for selector in built_graph.objects(target, OA.hasSelector):
            assert set(built_graph.predicate_objects(selector)) == set(home.predicate_objects(selector))
    for cls in built_graph.subjects(RDF.type, OWL.Class):
        assert (cls, RDF.type, OWL.Class) in graphs[GRAPHS.ontology]


def test_a_fact_from_two_articles_is_in_both_graphs_with_its_own_derivation_in_each(built_project, built_graph):
    dataset = open_dataset(built_project)
    parts = {URIRef(name): dataset.rdflib_graph(name) for name in dataset.graph_names()}
    shared = [s for s in set(built_graph.subjects(PROV.wasDerivedFrom, None))
              if len(set(built_graph.objects(s, PROV.wasDerivedFrom))) > 1]
    if not shared:
        pytest.skip("no fact is stated by two articles in the current data")
    fact = sorted(shared)[0]
    for source in built_graph.objects(fact, PROV.wasDerivedFrom):
        home = parts[_graph_of(source)]
        assert set(home.objects(fact, PROV.wasDerivedFrom)) == {source}
        assert (fact, RDFS.label, built_graph.value(fact, RDFS.label)) in home


def test_an_unknown_output_suffix_is_a_clean_error(built_project, tmp_path):
    result = CliRunner().invoke(cli, ["--project", str(built_project.root), "export", "-o", str(tmp_path / "g.docx")])
    assert "cannot tell the format" in clean_error(result)
    assert not (tmp_path / "g.docx").exists()


def test_a_missing_context_is_a_clean_error_naming_the_fix(built_project, tmp_path):
    import shutil

    shutil.copytree(built_project.root, tmp_path / "p")
    (tmp_path / "p" / "ontology" / "context.jsonld").unlink()
    result = CliRunner().invoke(cli, ["--project", str(tmp_path / "p"), "export", "--format", "jsonld"])
    assert "kg export --write-context" in clean_error(result)
    result = CliRunner().invoke(cli, ["--project", str(tmp_path / "p"), "export", "--write-context"])
    assert result.exit_code == 0
    assert (tmp_path / "p" / "ontology" / "context.jsonld").read_bytes() == built_project.context.read_bytes()


def test_rdfxml_refuses_a_literal_xml_cannot_carry():
    g = Graph()
    g.add((KG.x, RDFS.label, Literal("bell \x07")))
    dataset = KgDataset.from_rdflib(g)
    with pytest.raises(Exception, match="XML 1.0"):
        export(dataset, "xml")
    assert b"\\u0007" in export(dataset, "nt")


def test_exports_sorted_in_small_runs_are_the_builds_dumps_byte_for_byte(built_project, monkeypatch):
    # Exports sort outside memory, in runs spilled to files and merged (kg.dataset.sorting): with runs of 50
    # statements the article graph takes dozens of them, and the bytes are still what the build wrote.
    from kg.dataset import sorting, write

    monkeypatch.setattr(sorting, "RUN", 50)
    dataset = open_dataset(built_project)
    assert export(dataset, "ttl", from_store=True) == (built_project.build_dir / "graph.ttl").read_bytes()
    assert export(dataset, "trig", from_store=True) == (built_project.build_dir / "graph.trig").read_bytes()
    union = write.sorted_union(write._nt_lines(dataset.store, ox.DefaultGraph()))
    assert export(dataset, "nt", from_store=True).decode("utf-8") == "".join(f"{line}\n" for line in union)
    graphs = {g: write._nt_lines(dataset.store, ox.NamedNode(g)) for g in dataset.graph_names()}
    assert export(dataset, "nq", from_store=True).decode("utf-8") == \
        "".join(f"{line}\n" for line in write.sorted_dataset(graphs))


COPIED = ("ttl", "trig", "nt", "nq")


def _own_built_copy(built_project, tmp_path) -> Path:
    """A copy of the built project (store generation, its link and the dumps, with their times) to change."""
    root = tmp_path / "p"
    shutil.copytree(built_project.root, root, symlinks=True)
    return root


def _exported(root: Path, fmt: str, tmp_path: Path) -> bytes:
    out = tmp_path / f"out.{SUFFIX[fmt]}"
    result = CliRunner().invoke(cli, ["--project", str(root), "export", "--format", fmt, "-o", str(out)])
    assert result.exit_code == 0, result.output
    return out.read_bytes()


def _streamed(root: Path, fmt: str) -> bytes:
    from kg.project import Project

    return export(open_dataset(Project.at(root)), fmt, from_store=True)


def test_an_export_of_the_store_a_build_wrote_copies_its_dump_which_is_the_streamed_bytes(built_project, tmp_path,
                                                                                          monkeypatch):
    # The copy is taken (writing from the store would fail here), and it is what the store gives when sorted again.
    from kg.dataset import write

    root = _own_built_copy(built_project, tmp_path)  # moved: the record names the dumps relative to the store
    streamed = {fmt: _streamed(root, fmt) for fmt in COPIED}

    def no_dump(*args, **kwargs):
        raise AssertionError("written from the store, not copied")

    monkeypatch.setattr(write, "dump", no_dump)
    for fmt in COPIED:
        assert _exported(root, fmt, tmp_path) == streamed[fmt], fmt
    result = CliRunner().invoke(cli, ["--project", str(root), "export"])  # to standard output
    assert result.exit_code == 0, result.output
    assert result.stdout_bytes == streamed["ttl"]


def _edit_dumps(root: Path) -> None:
    for name in ("graph.ttl", "graph.trig", "store/union.nt", "store/dataset.nq"):
        path = root / "build" / name
        path.write_bytes(path.read_bytes() + b"# edited after the build\n")


def _load_into(root: Path) -> None:
    extra = root / "extra.trig"  # a named graph: a kg store's union is its default graph, and trig, nq its graphs
    extra.write_text("<https://example.org/g> { <https://example.org/a> <https://example.org/p> \"loaded\" . }\n",
                     encoding="utf-8")
    result = CliRunner().invoke(cli, ["--project", str(root), "load", str(root / "build" / "graph.trig"), str(extra),
                                      "--store", str(root / "build" / "store")])
    assert result.exit_code == 0, result.output


def _write_into_store(root: Path) -> None:
    store = ox.Store(str(root / "build" / "store" / "oxigraph"))
    for graph in (ox.DefaultGraph(), ox.NamedNode("https://example.org/g")):  # the union, and a graph of its own
        store.add(ox.Quad(ox.NamedNode("https://example.org/a"), ox.NamedNode("https://example.org/p"),
                          ox.Literal("written"), graph))
    del store


@pytest.mark.parametrize("change", [_edit_dumps, _load_into, _write_into_store])
def test_a_store_or_dump_changed_after_the_build_is_exported_from_the_store_never_as_the_stale_copy(
        built_project, tmp_path, change):
    root = _own_built_copy(built_project, tmp_path)
    before = {fmt: _exported(root, fmt, tmp_path) for fmt in COPIED}
    change(root)
    for fmt in COPIED:
        now = _exported(root, fmt, tmp_path)
        assert now == _streamed(root, fmt), fmt
        if change is _edit_dumps:
            assert now == before[fmt] and b"# edited" not in now, fmt
        else:
            assert now != before[fmt] and (b'"loaded"' in now or b'"written"' in now), fmt


TRICKY = """
<http://e/a> <http://e/p-q> "x" .
<http://e/a> <http://e/p> "x"@en .
<http://e/a> <http://e/p> "x" .
<http://e/a> <http://e/p> "x"^^<http://e/t> .
<http://e/a> <http://e/p> "x y" .
<http://e/a> <http://e/p> <http://e/o-b> .
<http://e/a> <http://e/p> <http://e/o> .
<http://e/a> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <http://e/Z> .
<http://e/a> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <http://e/A> .
<http://e/a> <http://a/first> "\\u00e9t\\u00e9\\n" .
<http://e/a-b> <http://e/p> "1" .
<http://e/a.b> <http://e/p> "2" .
<http://e/ab> <http://e/p> "3" .
<http://e/a> <http://e/p> _:b1 .
_:b1 <http://e/p> "in a blank node" .
"""


@pytest.mark.parametrize("run", [1, 3, 1000])
def test_the_streamed_sort_is_the_dump_order_for_terms_that_prefix_one_another(run, monkeypatch):
    # Subjects, predicates and objects where one term's text starts another's, rdf:type, language tags,
    # datatypes, escapes and a blank node: the byte order of the sort keys is the dump order (triple_key).
    from kg.dataset import sorting, write

    monkeypatch.setattr(sorting, "RUN", run)
    dataset = KgDataset(ox.Store(), "tricky")
    dataset.store.load(TRICKY.encode("utf-8"), ox.RdfFormat.N_TRIPLES)
    expected = "".join(f"{line}\n" for line in write.sorted_union(write._nt_lines(dataset.store, ox.DefaultGraph())))
    assert b"".join(sorting.union_lines(dataset.store)).decode("utf-8") == expected
    of_a = [line for line in expected.splitlines() if line.startswith("<http://e/a> ")]
    assert [line.split(" ")[1] for line in of_a[:3]] == ["<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"] * 2 + \
        ["<http://a/first>"]


@pytest.mark.parametrize(("text", "refused"), [
    ("bell \x07", True), ("nul \x00", True), ("form feed \x0c", True), ("unit separator \x1f", True),
    ("not a character \ufffe", True), ("tab\tnewline\n", False), ("backslash u \\u0007", False),
    ("é ☃ 𝄞", False), ("carriage return \r", False), ("CR LF \r\n then LF \n", False), ("\r", False),
    ("\n\r\t\r\r", False),
])
def test_rdfxml_refuses_exactly_the_characters_xml_1_0_cannot_carry(text, refused):
    # A carriage return is written as &#13;: raw, XML readers would read it back as a line feed.
    g = Graph()
    g.add((KG.x, RDFS.label, Literal(text)))
    if refused:
        with pytest.raises(Exception, match="XML 1.0") as found:
            export(KgDataset.from_rdflib(g), "xml")
        assert "kg:x" in str(found.value)
    else:
        xml = export(KgDataset.from_rdflib(g), "xml")
        assert Graph().parse(data=xml, format="xml").value(KG.x, RDFS.label) == Literal(text)
        assert [q.object.value for q in ox.parse(xml, format=ox.RdfFormat.RDF_XML)] == [text]
