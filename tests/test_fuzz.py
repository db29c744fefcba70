"""Fuzzing: whatever the data files, RDF files or query parameters, kg answers or says clearly why not.

Hypothesis generates data files (random keys, values, types, ids, dates and
unicode, and raw bytes), RDF snippets (Turtle token soup, JSON-LD documents)
and query parameters. The outcome is always exit 0, or exit 1/2 with one clean
``Error:`` line, never a traceback, and the data folder's bytes never change.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kg.cli import cli

from .conftest import snapshot
from .test_bad_input import BASE, DATA, small_project

# KG_FUZZ_EXAMPLES=1000 for a deeper run; 20 keeps the suite fast (scale belongs in benchmarks).
FUZZ = settings(max_examples=int(os.environ.get("KG_FUZZ_EXAMPLES", "20")), deadline=None,
                suppress_health_check=[HealthCheck.too_slow])


@pytest.fixture(scope="module")
def template(tmp_path_factory) -> Path:
    return small_project(tmp_path_factory.mktemp("fuzz"))


def run_in_copy(template: Path, files: dict[str, bytes], args: list[str]):
    """Run kg on a fresh copy of the template with ``files`` added; check the outcome and the data folder."""
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "p"
        shutil.copytree(template, root)
        for name, content in files.items():
            (root / name).write_bytes(content)
        before = snapshot(root / "data")
        result = CliRunner().invoke(cli, ["--project", str(root), *[a.replace("{root}", str(root)) for a in args]])
        assert_clean(result)
        assert snapshot(root / "data") == before
        return result


def assert_clean(result) -> None:
    assert result.exit_code in (0, 1, 2), (result.exit_code, result.output)
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert "Traceback" not in result.output
    if result.exit_code:
        errors = [line for line in result.stderr.splitlines() if line.startswith("Error: ")]
        assert len(errors) == 1 and result.stderr.splitlines()[-1] == errors[0], result.stderr
        assert "kg failed unexpectedly" not in errors[0], errors[0]
        if result.exit_code == 2:
            assert len(result.stderr.splitlines()) == 1, result.stderr


# -- data files -------------------------------------------------------------------------------------

IDS = ["zz-article", "zz-gazette", "zz-shire", "zz-force", "zz-inspection", "zz-assessment", "peel5-good", "peel4-good",
       "peel-five-grade-scale", "kgr:zz-force", "owl:Thing"]
KEYS = ["label", "type", "inspection", "areaCount", "grade", "gradeWording", "date", "startDate", "note", "jurisdiction",
        "schema:url", "value", "singleHolder", "org:postIn", "about", "evidence", "skos:altLabel", "id", "source", "quote",
        "org:memberDuring", "schema:datePublished", "inspectedForce", "usesScale"]
TYPES = ["Person", "Place", "PoliceForce", "Assessment", "Inspection", "Statistic", "Quotation", "Post", "Event", "Fact",
         "kg:Theme", "owl:Class", "NoSuchType"]
DATES = ["2024-05-01", "2024-02-30", "2024-13", "2024", "24-05-01", "0000-01-01", "9999-12-31", "2024-5-1"]

scalars = st.one_of(
    st.text(max_size=20), st.integers(), st.floats(), st.booleans(), st.none(), st.dates().map(str),
    st.sampled_from(IDS + TYPES + DATES), st.from_regex(r"[0-9]{1,3}(,[0-9]{3})*(\.[0-9]+)?", fullmatch=True),
    st.text(alphabet=st.characters(codec="utf-8"), max_size=8),
)
keys = st.one_of(st.sampled_from(KEYS), st.text(max_size=12))
values = st.recursive(scalars, lambda inner: st.one_of(st.lists(inner, max_size=3),
                                                       st.dictionaries(keys, inner, max_size=3)), max_leaves=6)


@st.composite
def records(draw) -> dict:
    record = {}
    if draw(st.integers(0, 9)):  # usually an id
        record["id"] = draw(st.one_of(st.from_regex(r"zz-[a-z0-9-]{1,8}", fullmatch=True), st.sampled_from(IDS), scalars))
    if draw(st.integers(0, 9)):
        record["type"] = draw(st.one_of(st.sampled_from(TYPES), st.lists(st.sampled_from(TYPES), max_size=2), scalars))
    if draw(st.booleans()):
        record["label"] = draw(st.text(max_size=15))
    record.update(draw(st.dictionaries(keys, values, max_size=4)))
    if draw(st.booleans()):
        record["evidence"] = draw(st.one_of(st.lists(st.text(max_size=10), max_size=2), values))
    return record


data_files = st.one_of(
    st.fixed_dictionaries({"source": st.sampled_from(["zz-article", "zz-nowhere"]), "records": st.lists(records(), max_size=4)}),
    st.fixed_dictionaries({"records": st.lists(records(), max_size=3)}),
    values,
)


@FUZZ
@given(content=data_files)
def test_a_generated_data_file_builds_or_is_refused_cleanly(template, content):
    text = yaml.safe_dump(content, allow_unicode=True, sort_keys=False)
    run_in_copy(template, {"data/zz-fuzz.yaml": text.encode("utf-8")}, ["build"])


@FUZZ
@given(content=st.one_of(st.binary(max_size=200), st.text(max_size=200).map(lambda t: t.encode("utf-8", "surrogatepass"))))
def test_raw_bytes_as_a_data_file_are_refused_cleanly(template, content):
    run_in_copy(template, {"data/zz-fuzz.yaml": content}, ["build"])


@FUZZ
@given(line=st.integers(0, BASE.count("\n") - 1), junk=st.text(max_size=30))
def test_a_data_file_with_one_line_replaced_builds_or_is_refused_cleanly(template, line, junk):
    lines = BASE.splitlines()
    lines[line] = junk
    run_in_copy(template, {DATA: "\n".join(lines).encode("utf-8", "surrogatepass")}, ["build"])


# -- RDF --------------------------------------------------------------------------------------------

TOKENS = ["<http://example.org/a>", "<http://example.org/b>", "<https://w3id.org/policing-kg/id/zz-force>", "_:b1",
          "ex:a", "kg:Person", "a", '"lit"', '"""long\nlit"""', "'x'@en", '"1"^^xsd:integer', '"x"^^xsd:date', "1.5e3",
          "true", ".", ";", ",", "[", "]", "(", ")", "@prefix ex: <http://example.org/> .",
          "@prefix kg: <https://w3id.org/policing-kg/def#> .", "@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .",
          "@base <http://example.org/> .", "<http://www.w3.org/2002/07/owl#imports>", "\\u0041", "{", "}", "GRAPH", "#"]


@FUZZ
@given(tokens=st.lists(st.one_of(st.sampled_from(TOKENS), st.text(max_size=5)), max_size=25),
       suffix=st.sampled_from([".ttl", ".nt", ".trig", ".nq", ".n3"]))
def test_generated_turtle_validates_or_is_refused_cleanly(template, tokens, suffix):
    text = " ".join(tokens)
    run_in_copy(template, {f"in{suffix}": text.encode("utf-8", "surrogatepass")}, ["validate", "{root}/in" + suffix])


JSON_KEYS = ["@context", "@id", "@type", "@graph", "@value", "@list", "@set", "@language", "@import", "@vocab", "@base",
             "@version", "@reverse", "@nest", "@included", "@json", "name", "http://example.org/p", "kg:areaCount"]
json_scalars = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False, allow_infinity=False),
                         st.text(max_size=10),
                         st.sampled_from(["http://127.0.0.1:1/ctx", "ctx.jsonld", "@id", "@vocab", "http://example.org/",
                                          "https://w3id.org/policing-kg/def#Person", 1.1]))
json_docs = st.recursive(json_scalars, lambda inner: st.one_of(
    st.lists(inner, max_size=3), st.dictionaries(st.one_of(st.sampled_from(JSON_KEYS), st.text(max_size=5)), inner,
                                                 max_size=4)), max_leaves=10)


REMOTE = ["http://127.0.0.1:1/ctx", "ctx.jsonld", "file:///etc/passwd", "//127.0.0.1:1/ctx"]
contexts = st.recursive(
    st.one_of(st.sampled_from(REMOTE), st.none(), st.just({"ex": "http://example.org/"}),
              st.builds(lambda url: {"@version": 1.1, "@import": url}, st.sampled_from(REMOTE))),
    lambda inner: st.one_of(st.lists(inner, max_size=3), st.dictionaries(st.sampled_from(["@context", "ex", "knows"]),
                                                                          inner, max_size=2)), max_leaves=6)
documents = st.one_of(json_docs, st.builds(lambda ctx, body: {"@context": ctx, **body}, contexts,
                                           st.dictionaries(st.sampled_from(JSON_KEYS), json_docs, max_size=3)))


@FUZZ
@given(doc=documents, engine=st.sampled_from(["validate", "query"]))
def test_generated_jsonld_is_read_or_refused_cleanly_and_never_fetched(template, doc, engine):
    import json

    args = (["validate", "{root}/in.jsonld"] if engine == "validate"
            else ["query", "-e", "SELECT * WHERE { ?s ?p ?o }", "--data", "{root}/in.jsonld"])
    result = run_in_copy(template, {"in.jsonld": json.dumps(doc).encode("utf-8")}, args)
    assert "blocked" not in result.output  # the file checks, not the audit hook, stopped any fetch


XML_DECLARATIONS = ['', '<?xml version="1.0"?>\n', '<?xml version="1.0" encoding="UTF-8"?>\n',
                    '<?xml version="1.0" encoding="ISO-8859-1"?>\n', '<?xml version="1.0" encoding="UTF-16"?>\n']
DOCTYPES = ['<!DOCTYPE r [<!ENTITY e SYSTEM "http://127.0.0.1:1/e">]>', '<!doctype r SYSTEM "http://127.0.0.1:1/d">',
            '<!DocType r [ <!ENTITY e "x"> ]>', '<!DOCTYPE\nr\n[\n<!ENTITY % p SYSTEM "http://127.0.0.1:1/p"> %p;]>',
            '<!DOCTYPE r PUBLIC "-//x//y" "http://127.0.0.1:1/d">']
BODY = ('<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:ex="http://example.org/">'
        '<rdf:Description rdf:about="http://example.org/a"><ex:p>{value}</ex:p></rdf:Description></rdf:RDF>\n')


@FUZZ
@given(declaration=st.sampled_from(XML_DECLARATIONS), before=st.sampled_from(["", "<!-- c -->\n", "<?pi x?>\n", " \n"]),
       doctype=st.one_of(st.just(""), st.sampled_from(DOCTYPES)), value=st.sampled_from(["&e;", "plain", "&amp;", "&#65;"]),
       encoding=st.sampled_from(["utf-8", "utf-16", "utf-8-sig"]), engine=st.sampled_from(["validate", "query"]))
def test_rdfxml_with_a_doctype_is_never_accepted(template, declaration, before, doctype, value, encoding, engine):
    text = declaration + before + doctype + BODY.format(value=value)
    args = (["validate", "{root}/in.rdf"] if engine == "validate"
            else ["query", "-e", "SELECT * WHERE { ?s ?p ?o }", "--data", "{root}/in.rdf"])
    result = run_in_copy(template, {"in.rdf": text.encode(encoding)}, args)
    if doctype:
        assert result.exit_code == 2, result.output
    assert "blocked" not in result.output


# -- query parameters ---------------------------------------------------------------------------------

NASTY = ['"', "'", "<", ">", "{", "}", "\\", "\n", " ", "#", "kgr:", "<http://x/>", "?x", "} SERVICE <http://127.0.0.1:1/> {",
         '") . ?s ?p ?o . FILTER("', "Zedshire Police", "zz-force", "kgr:zz-force", "2024-02-30", "1e5", "-0", "NaN"]
param_values = st.one_of(st.text(max_size=15), st.sampled_from(NASTY), st.integers().map(str),
                         st.lists(st.sampled_from(NASTY), max_size=3).map("".join))


@FUZZ
@given(params=st.lists(st.tuples(st.one_of(st.sampled_from(["minimum", "since", "force"]), st.text(max_size=6)),
                                 param_values), max_size=4),
       fmt=st.sampled_from(["table", "csv", "tsv", "json"]), engine=st.sampled_from(["oxigraph", "rdflib"]))
def test_query_parameters_answer_or_are_refused_cleanly(template, params, fmt, engine):
    args = ["query", "zz-areas", "--format", fmt, "--engine", engine]
    for name, value in params:
        args += ["-p", name, value]
    result = run_in_copy(template, {}, args)
    assert result.exit_code in (0, 2)


QUERY_TOKENS = ["SELECT", "ASK", "CONSTRUCT", "DESCRIBE", "WHERE", "*", "?s", "?p", "?o", "{", "}", "(", ")", ".", ";",
                "FILTER", "OPTIONAL", "UNION", "BIND", "AS", "VALUES", "LIMIT 1", "ORDER BY", "GROUP BY", "COUNT(*)",
                "<http://example.org/a>", "kg:Person", "PREFIX kg: <https://w3id.org/policing-kg/def#>", '"x"', "1",
                "a", "SERVICE", "LOAD", "FROM", "INSERT DATA", "DELETE", "#", "\\u0053ERVICE", "<http://127.0.0.1:1/>"]


@FUZZ
@given(tokens=st.lists(st.one_of(st.sampled_from(QUERY_TOKENS), st.text(max_size=4)), min_size=1, max_size=20),
       engine=st.sampled_from(["oxigraph", "rdflib"]))
def test_generated_sparql_answers_or_is_refused_cleanly(template, tokens, engine):
    result = run_in_copy(template, {}, ["query", "--engine", engine, "-e", " ".join(tokens)])
    assert result.exit_code in (0, 2)
