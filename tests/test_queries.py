"""Query files, their #+ headers and parameters, and the W3C result formats."""

from __future__ import annotations

import csv
import io
import json

import pytest

from kg.errors import InputError
from kg.params import check_value, parse_params, resolve_entity
from kg.queries import parse_query, run
from kg.results import Results, Term, from_json, to_csv, to_json, to_table, to_tsv
from kg.sparqltext import has_order_by, projected_variables, query_form
from kg.store import OxigraphEngine

from .conftest import ROOT

KGR = "https://w3id.org/policing-kg/id/"
GOOD = """#+ summary: Quotations of a person.
#+ description: One row per quotation.
#+ parameters:
#+   - name: person
#+     type: entity
#+     description: Who.
#+   - name: limit
#+     type: integer
#+     description: How many.
#+     default: 5
#+   - name: theme
#+     type: entity
#+     description: Only this theme.
#+     default: null
PREFIX kg: <https://w3id.org/policing-kg/def#>
SELECT ?person ?limit ?theme ?q WHERE { ?q kg:speaker ?person . OPTIONAL { ?q kg:theme ?theme } }
"""


def test_a_header_gives_summary_description_and_typed_parameters():
    q = parse_query(GOOD, "queries/q.rq", name="q", require_header=True)
    assert (q.name, q.summary, q.description) == ("q", "Quotations of a person.", "One row per quotation.")
    assert [(p.name, p.type, p.default, p.required) for p in q.parameters] == [
        ("person", "entity", None, True), ("limit", "integer", "5", False), ("theme", "entity", None, False)]
    assert q.form == "SELECT" and not q.ordered


def _header_error(text: str) -> str:
    with pytest.raises(InputError) as e:
        parse_query(text, "queries/bad.rq", require_header=True)
    return e.value.line()


@pytest.mark.parametrize("text, where, words", [
    ("SELECT * WHERE { ?s ?p ?o }", "queries/bad.rq:1:", "no #+ header"),
    ("#+ description: d\nSELECT * { ?s ?p ?o }", "queries/bad.rq:1:", "no 'summary'"),
    ("#+ summary: s\n#+ summry: d\nSELECT * { ?s ?p ?o }", "queries/bad.rq:2:", "unknown header key 'summry'"),
    ("#+ summary: s\n#+ summary: t\n#+ description: d\nSELECT * { ?s ?p ?o }", "queries/bad.rq:2:", "given twice"),
    ("#+ summary: s\n#+ description:\nSELECT * { ?s ?p ?o }", "queries/bad.rq:2:", "'description' must be non-empty"),
    ("#+ summary: [s\n#+ description: d\nSELECT * { ?s ?p ?o }", "queries/bad.rq:", "bad #+ header"),
    ("#+ summary: s\n#+ description: d\n#+ parameters: x\nSELECT * { ?s ?p ?o }", "queries/bad.rq:3:",
     "must be a list"),
    ("#+ summary: s\n#+ description: d\n#+ parameters:\n#+   - name: x\n#+     description: y\nSELECT ?x { ?x ?p ?o }",
     "queries/bad.rq:4:", "no 'type'"),
    ("#+ summary: s\n#+ description: d\n#+ parameters:\n#+   - name: x\n#+     type: person\n#+     description: y\n"
     "SELECT ?x { ?x ?p ?o }", "queries/bad.rq:5:", "unknown parameter type 'person'"),
    ("#+ summary: s\n#+ description: d\n#+ parameters:\n#+   - name: x\n#+     type: entity\n#+     description: y\n"
     "SELECT ?s { ?s ?p ?x }", "queries/bad.rq:4:", "'x' is not a variable the query selects"),
    ("#+ summary: s\n#+ description: d\n#+ parameters:\n#+   - name: n\n#+     type: integer\n#+     description: y\n"
     "#+     default: many\nSELECT ?n { ?s ?p ?n }", "queries/bad.rq:7:", "'many' is not an integer"),
    ("#+ summary: s\n#+ description: d\n#+ parameters:\n#+   - name: n\n#+     type: string\n#+     description: y\n"
     "#+     help: z\nSELECT ?n { ?s ?p ?n }", "queries/bad.rq:7:", "unknown parameter key 'help'"),
    ("#+ summary: s\n#+ description: d\n#+ parameters:\n#+   - name: n\n#+     type: string\n#+     description: y\n"
     "#+   - name: n\n#+     type: string\n#+     description: y\nSELECT ?n { ?s ?p ?n }", "queries/bad.rq:7:",
     "declared twice"),
    ("#+ summary: s\n#+ description: d\n#+ parameters:\n#+   - name: n\n#+     type: string\n#+     description: y\n"
     "ASK { ?s ?p ?n }", "queries/bad.rq:4:", "only SELECT queries take parameters"),
    ("#+ summary: s\n#+ description: d\n# just a comment\n", "queries/bad.rq:", "the query is empty"),
])
def test_a_bad_header_is_an_error_naming_the_file_and_line(text, where, words):
    message = _header_error(text)
    assert message.startswith(where), message
    assert words in message


def _header_lines(text: str) -> str:
    from kg.queries import _unprefix

    return "\n".join(_unprefix(line) for line in text.splitlines() if line.startswith("#+"))


def _tree(node):
    """A header node tree with each text's runs of white space as one space (what the header keeps of it)."""
    if node is None or node.kind == "scalar":
        return node and ("text", " ".join(node.value.split()), node.line, node.null)
    if node.kind == "sequence":
        return ("list", [_tree(item) for item in node.value], node.line)
    return ("mapping", [(_tree(k), _tree(v)) for k, v in node.value], node.line)


def _pyyaml_tree(header: str):
    from kg.queryheader import from_yaml
    from kg.records import compose

    return _tree(from_yaml(compose(header, "q.rq")))


def test_every_stored_header_is_read_without_pyyaml_as_pyyaml_reads_it():
    from kg.queryheader import read_plain

    files = sorted((ROOT / "queries").glob("*.rq"))
    assert len(files) >= 19
    for path in files:
        header = _header_lines(path.read_text(encoding="utf-8"))
        assert read_plain(header) is not None, f"{path.name}: outside the subset kg.queryheader reads"
        assert _tree(read_plain(header)) == _pyyaml_tree(header), path.name


@pytest.mark.parametrize("header", [
    "summary: s\ndescription: d",
    "summary: 'quoted'\ndescription: d",                   # quotes
    'summary: "a: b"\ndescription: d',
    "summary: a: b\ndescription: d",                       # a mapping inside a plain scalar
    "summary: s # comment\ndescription: d",
    "# comment\nsummary: s\ndescription: d",
    "summary: &a s\ndescription: *a",                      # anchors and aliases
    "summary: !!str s\ndescription: !custom d",            # tags
    "summary: [s, t]\ndescription: {a: b}",                # flow collections
    "summary: s\n  continued\ndescription: d",            # a plain scalar over two lines
    "summary: s\n\ndescription: d",                       # a blank line
    "summary: s\ndescription: >-\n  one\n    two\n  three",  # a more-indented folded line
    "summary: s\ndescription: >-\n  one\n\n  two",      # a paragraph break in a folded block
    "summary: s\ndescription: |\n  one\n  two",          # a literal block
    "summary: s\ndescription: >\n  one",                  # folded, keeping the last line break
    "summary: s\ndescription: >-",                         # an empty block
    "summary: s\ndescription:",                            # nothing after the colon
    "summary: s\ndescription: d\nparameters:\n- name: x\n  type: string\n  description: y",  # a dash at the key's column
    "summary: s\ndescription: d\nparameters:\n  - name: x\n     type: string",  # misaligned keys
    "summary: s\ndescription: d\nparameters:\n  - name: x\n    default: ~",
    "summary: s\ndescription: d\nparameters:\n  - name: x\n    default: NULL\n  - name: y\n    default: nulls",
    "summary: s\ndescription: d\norder: 010",
    "summary: -s\ndescription: ?d",                        # indicators first
    "summary: s:\ndescription: d",
    "summary: s\tt\ndescription: d",                      # a tab
    "summary: s\x85t\ndescription: d",                    # NEL, a YAML line break
    "summary: s\ufefft\ndescription: d",
    "summary: s \ndescription: d",                         # trailing space
    "summary:s\ndescription: d",
    "- summary: s",                                         # not a mapping
    "just text",
    "summary: s\nsummary: t\ndescription: d",             # a key twice (the header refuses it after reading)
    "summary: ünïcödé, [brackets] {braces}, 50% and @ inside\ndescription: d",
])
def test_the_plain_header_reader_reads_as_pyyaml_or_leaves_the_header_to_it(header):
    from kg.queryheader import read_plain

    plain = read_plain(header)
    if plain is not None:
        assert _tree(plain) == _pyyaml_tree(header)


@pytest.mark.parametrize("header", [
    "summary: s\ndescription: d",
    "summary: 'quoted'\ndescription: d",
    "summary: &a s\ndescription: *a",
    "summary: !!python/object:os.system s\ndescription: d",
    "summary: s\ndescription:",
    "summary: s\ndescription: ~",
    "summary: s\nsummary: t\ndescription: d",
    "summary: s\ndescription: d\nparameters:\n  - name: x\n    type: string\n    description: y\n    default: ~",
    "summary: s\ndescription: d\nparameters:\n  - name: x\n    type: integer\n    description: y\n    default: ten",
    "summary: s\ndescription: d\nparameters:\n  - name: x\n    typo: string",
    "summary: s\ndescription: d\norder: ten",
    "summary: [s\ndescription: d",
    "- summary: s",
])
def test_a_header_gives_the_same_query_or_error_with_either_reader(header, monkeypatch):
    text = "".join(f"#+ {line}\n" for line in header.split("\n")) + "SELECT ?x WHERE { ?x ?p ?o }\n"

    def outcome():
        try:
            return parse_query(text, "queries/q.rq", name="q", require_header=True)
        except InputError as e:
            return e.line()

    plain = outcome()
    monkeypatch.setattr("kg.queries.read_plain", lambda header: None)
    assert plain == outcome()


def test_the_header_may_follow_blank_lines_and_ad_hoc_queries_need_none():
    assert parse_query("\n\n" + GOOD, "q.rq", require_header=True).summary
    assert parse_query("SELECT * { ?s ?p ?o }", "-e query").parameters == ()


@pytest.mark.parametrize("ptype, value, expected", [
    ("integer", " 42 ", "42"), ("integer", "+7", "7"), ("decimal", "2.5", "2.5"), ("boolean", "true", "true"),
    ("boolean", " false ", "false"), ("date", "2024-05", "2024-05"), ("date", "2016", "2016"),
    ("date", "2025-01-29", "2025-01-29"), ("string", "any text", "any text"),
])
def test_values_are_checked_by_type(ptype, value, expected):
    assert check_value(ptype, value) == expected


@pytest.mark.parametrize("ptype, value", [
    ("integer", "4.5"), ("integer", "four"), ("decimal", "NaN"), ("decimal", "x"), ("boolean", "maybe"),
    ("boolean", "Yes"), ("boolean", "0"), ("integer", "\u0664\u0662"), ("decimal", "1e5"), ("date", "\u0662\u0660\u0661\u0666"),
    ("date", "2024-13"), ("date", "29/01/2025"), ("string", "  "),
])
def test_badly_typed_values_are_refused(ptype, value):
    with pytest.raises(ValueError):
        check_value(ptype, value)


def test_unknown_missing_repeated_and_badly_typed_parameters_list_the_valid_ones():
    q = parse_query(GOOD, "queries/q.rq")
    with pytest.raises(InputError, match=r"unknown parameter 'persn'.*valid parameters: person \(entity, required\); "
                                         r"limit \(integer, default 5\); theme \(entity, optional\)"):
        parse_params(q, [("persn", "x")])
    with pytest.raises(InputError, match=r"missing parameter 'person'.*valid parameters: person"):
        parse_params(q, [])
    with pytest.raises(InputError, match="given twice"):
        parse_params(q, [("person", "a"), ("person", "b")])
    with pytest.raises(InputError, match=r"parameter 'limit': 'ten' is not an integer"):
        parse_params(q, [("person", "a"), ("limit", "ten")])
    given = parse_params(q, [("person", "a")])
    assert {name: value for name, (_, value) in given.items()} == {"person": "a", "limit": "5"}


@pytest.fixture(scope="module")
def small_engine(tmp_path_factory):
    path = tmp_path_factory.mktemp("small") / "small.ttl"
    path.write_text("""@prefix kgr: <https://w3id.org/policing-kg/id/> .
@prefix kg: <https://w3id.org/policing-kg/def#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
kgr:roy-wilsher rdfs:label "Roy Wilsher" ; kg:note "a \\"quoted\\" note, with commas\\nand a line" .
kgr:area-investigating-crime rdfs:label "investigating crime" .
kgr:theme-investigation rdfs:label "Investigating  crime" .
kgr:q1 kg:speaker kgr:roy-wilsher ; kg:quoteText "Hello" .
""", encoding="utf-8")
    return OxigraphEngine().load(path, "small.ttl")


@pytest.mark.parametrize("value", ["roy-wilsher", "kgr:roy-wilsher", KGR + "roy-wilsher", f"<{KGR}roy-wilsher>",
                                   "Roy Wilsher", "roy  wilsher", "ROY WILSHER"])
def test_an_entity_is_a_record_id_curie_iri_or_exact_label_in_any_case(small_engine, value):
    assert resolve_entity(small_engine, value, "q") == Term.uri(KGR + "roy-wilsher")


def test_an_ambiguous_label_lists_the_candidates(small_engine):
    with pytest.raises(InputError) as e:
        resolve_entity(small_engine, "investigating crime", "q.rq: parameter 'x'")
    assert "is the label of 2 things: kgr:area-investigating-crime (investigating crime), " \
           "kgr:theme-investigation (Investigating crime)" in e.value.line()


def test_an_unknown_entity_suggests_close_names(small_engine):
    with pytest.raises(InputError, match=r"no entity with id or label 'Roy Wilshr'.*did you mean 'Roy Wilsher'"):
        resolve_entity(small_engine, "Roy Wilshr", "q")
    with pytest.raises(InputError, match="is not a valid IRI"):
        resolve_entity(small_engine, "kgr:roy wilsher", "q")


def test_parameters_are_bound_not_pasted_into_the_query(small_engine):
    q = parse_query("""#+ summary: s
#+ description: d
#+ parameters:
#+   - name: text
#+     type: string
#+     description: words
SELECT ?text ?q WHERE { ?q <https://w3id.org/policing-kg/def#quoteText> ?text }""", "q.rq")
    assert len(run(small_engine, q, [("text", "Hello")]).rows) == 1
    injected = '" } UNION { ?q ?p ?o } #'
    assert run(small_engine, q, [("text", injected)]).rows == []


@pytest.mark.parametrize("text, form, ordered, projected", [
    ("PREFIX x: <http://x/> SELECT ?a ?b WHERE { ?a ?p ?b } ORDER BY ?a", "SELECT", True, {"a", "b"}),
    ("SELECT DISTINCT * { ?a ?p ?b }", "SELECT", False, None),
    ('SELECT ?a (COUNT(?b) AS ?n) { ?a ?p ?b FILTER(?b != "ORDER BY") } GROUP BY ?a', "SELECT", False, {"a"}),
    ("SELECT ?a { { SELECT ?a WHERE { ?a ?p ?b } ORDER BY ?b LIMIT 1 } }", "SELECT", False, {"a"}),
    ("# SELECT ?x\nASK { ?s ?p ?o }", "ASK", False, set()),
    ("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", "CONSTRUCT", False, set()),
    ("PREFIX ask: <http://x/> SELECT ?a WHERE { ?a ask:p ?b }", "SELECT", False, {"a"}),
    ("PREFIX select: <http://x/>\nBASE <http://x/>\nASK { ?a select:p ?b }", "ASK", False, set()),
    ("PREFIXask:<http://x/>SELECT*{}", "SELECT", False, None),
    ('SELECT ?a WHERE { ?a ?p "ASK { }" } # ORDER BY ?a', "SELECT", False, {"a"}),
    ("SELECT ?a WHERE { <http://x/a\u00a0#> ?p ?a } ORDER BY ?a", "SELECT", True, {"a"}),
    ("select?a{?a ?p ?b}orderby?a", "SELECT", True, {"a"}),
    ("DESCRIBE ?a WHERE { ?a ?p ?b }", "DESCRIBE", False, set()),
    ("INSERT DATA { <http://x/a> <http://x/b> <http://x/c> }", "UPDATE", False, set()),
    ("PREFIX x: <http://x/> delete where { ?s x:p ?o }", "UPDATE", False, set()),
    ("LOAD <http://x/>", "UPDATE", False, set()),
    ("FROB { }", None, False, set()),
])
def test_query_text_is_read_for_its_form_order_and_projection(text, form, ordered, projected):
    assert (query_form(text), has_order_by(text), projected_variables(text)) == (form, ordered, projected)


def _sample() -> Results:
    return Results(["s", "note", "n", "none"], [
        {"s": Term.uri(KGR + "roy-wilsher"), "note": Term.literal('a "quoted" note, with commas\nand a line'),
         "n": Term.literal("7", "http://www.w3.org/2001/XMLSchema#integer")},
        {"s": Term("bnode", "xyz"), "note": Term.literal("hallo", lang="DE"),
         "n": Term.literal("2.50", "http://www.w3.org/2001/XMLSchema#decimal")},
    ])


def test_csv_is_the_w3c_format_lexical_values_rfc4180_quoting_crlf():
    text = to_csv(_sample())
    assert text.startswith("s,note,n,none\r\n")
    rows = list(csv.reader(io.StringIO(text, newline="")))
    assert rows[1] == [KGR + "roy-wilsher", 'a "quoted" note, with commas\nand a line', "7", ""]
    assert rows[2] == ["_:b0", "hallo", "2.50", ""]


def test_tsv_is_the_w3c_format_terms_in_sparql_syntax():
    lines = to_tsv(_sample()).split("\n")
    assert lines[0] == "?s\t?note\t?n\t?none"
    assert lines[1] == f'<{KGR}roy-wilsher>\t"a \\"quoted\\" note, with commas\\nand a line"\t7\t'
    assert lines[2] == '_:b0\t"hallo"@de\t2.50\t'


def test_json_is_the_w3c_format():
    doc = json.loads(to_json(_sample()))
    assert doc["head"] == {"vars": ["s", "note", "n", "none"]}
    first, second = doc["results"]["bindings"]
    assert first["s"] == {"type": "uri", "value": KGR + "roy-wilsher"}
    assert first["note"] == {"type": "literal", "value": 'a "quoted" note, with commas\nand a line'}
    assert first["n"] == {"type": "literal", "value": "7", "datatype": "http://www.w3.org/2001/XMLSchema#integer"}
    assert "none" not in first
    assert second["s"] == {"type": "bnode", "value": "b0"} and second["note"]["xml:lang"] == "de"
    assert from_json(to_json(_sample())).rows[0] == _sample().rows[0]
    assert json.loads(to_json(Results(boolean=True))) == {"head": {}, "boolean": True}


def test_our_formats_agree_with_pyoxigraphs_own_writers(small_engine):
    import pyoxigraph as ox

    text = "SELECT ?s ?note ?missing WHERE { ?s <https://w3id.org/policing-kg/def#note> ?note } ORDER BY ?s"
    ours = small_engine.query(text, {}, "q")
    theirs = small_engine.store.query(text)
    assert json.loads(to_json(ours)) == json.loads(theirs.serialize(format=ox.QueryResultsFormat.JSON))
    theirs = small_engine.store.query(text)
    assert to_csv(ours) == theirs.serialize(format=ox.QueryResultsFormat.CSV).decode("utf-8")
    theirs = small_engine.store.query(text)
    assert to_tsv(ours) == theirs.serialize(format=ox.QueryResultsFormat.TSV).decode("utf-8")


def test_the_table_shows_labels_not_iris_and_cuts_long_cells(small_engine):
    results = _sample()
    table = to_table(results, small_engine.labels(results.iris()), max_width=12)
    assert "Roy Wilsher" in table and KGR not in table
    assert "a \"quoted\"…" in table and "\n" not in table.splitlines()[2]
    assert to_table(Results(["x"], [{"x": Term.uri(KGR + "nolabel")}]), {}).splitlines()[2] == "| kgr:nolabel |"


def test_stored_queries_answer_from_python_as_on_the_command_line(built_project):
    from kg.queries import query

    results = query("quotes-by-person", {"person": "Roy Wilsher"}, built_project)
    assert results.variables[:3] == ["person", "quotation", "words"]
    assert {row["person"].value for row in results.rows} == {KGR + "roy-wilsher"}
    with pytest.raises(InputError, match="no stored query 'nope'"):
        query("nope", project=built_project)
