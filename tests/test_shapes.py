"""Every SHACL shape rejects its failing case, with its own message.

Each file tests/shapes/<Shape>.ru is a SPARQL update that breaks the built
graph in one way; validating the result against that shape alone must report a
violation from the shape, worded as the shape's sh:message.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path

import pytest
from rdflib import BNode, Graph, URIRef

from kg.validation import validate_graph
from kg.vocab import RDF, SH

CASES = Path(__file__).parent / "shapes"
SHAPES_FILE = Path(__file__).resolve().parent.parent / "ontology" / "shapes.ttl"
KGSH = "https://w3id.org/policing-kg/shapes#"


@cache
def _shapes() -> Graph:
    """The shapes file, parsed once per process (every case reads it and none changes it)."""
    return Graph().parse(SHAPES_FILE, format="turtle")


def _named_shapes() -> list[str]:
    return sorted(str(s)[len(KGSH):] for s in _shapes().subjects(RDF.type, SH.NodeShape) if isinstance(s, URIRef))


def _closure(shapes: Graph, node, out: Graph) -> Graph:
    for p, o in shapes.predicate_objects(node):
        out.add((node, p, o))
        if isinstance(o, BNode) or (p == SH.prefixes and (o, None, None) in shapes):
            _closure(shapes, o, out)
    return out


@cache
def _shape(name: str) -> Graph:
    """One named shape with everything it refers to, alone (shared by both engines' cases; none changes it)."""
    return _closure(_shapes(), URIRef(KGSH + name), Graph())


def _messages(shape_graph: Graph) -> list[re.Pattern]:
    templates = {str(m) for m in shape_graph.objects(None, SH.message)}
    return [re.compile("^" + re.sub(r"\\\{[^}]*\\\}", ".*", re.escape(t)) + "$", re.S) for t in templates]


def test_every_shape_has_a_failing_case():
    cases = sorted(p.stem for p in CASES.glob("*.ru"))
    assert cases == _named_shapes()


@pytest.mark.parametrize("engine", ["turbo", "pyshacl"])
def test_the_built_graph_conforms(built_graph, engine):
    """So each shape alone holds on it too (shapes do not interact), and a failing case's violations come from its
    change, not from the graph it changes."""
    from kg.validation import load_shapes

    assert validate_graph(built_graph, load_shapes(SHAPES_FILE), engine=engine) == []


_CHANGES: dict[str, tuple[set, set]] = {}


def _change(name: str, built_graph: Graph) -> tuple[set, set]:
    """The triples the shape's failing case adds to the built graph and those it removes: found once, by running
    its update on the built graph and comparing, then undoing it."""
    if name not in _CHANGES:
        before = set(built_graph)
        built_graph.update((CASES / f"{name}.ru").read_text(encoding="utf-8"))
        after = set(built_graph)
        _CHANGES[name] = (after - before, before - after)
        _undo(built_graph, *_CHANGES[name])
        assert set(built_graph) == before
    return _CHANGES[name]


def _undo(graph: Graph, added: set, removed: set) -> None:
    for triple in added:
        graph.remove(triple)
    for triple in removed:
        graph.add(triple)


@contextmanager
def _broken(name: str, built_graph: Graph) -> Iterator[Graph]:
    """The built graph (which conforms to every shape: test_the_built_graph_conforms) with the shape's failing
    change, for the length of one case: the change is made on the shared graph and undone after, since a copy of
    the graph for each case took about half of the case's time (0.1 s; the change itself is a few triples)."""
    added, removed = _change(name, built_graph)
    size = len(built_graph)
    for triple in removed:
        built_graph.remove(triple)
    for triple in added:
        built_graph.add(triple)
    try:
        yield built_graph
    finally:
        _undo(built_graph, added, removed)
        assert len(built_graph) == size, "the shared built graph was not put back as it was"


@pytest.mark.parametrize("engine", ["turbo", "pyshacl"])
@pytest.mark.parametrize("name", _named_shapes())
def test_shape_rejects_its_failing_case(name, engine, built_graph):
    """On both engines (pyshacl-turbo, which the build uses, and pyshacl), the same shape, the same messages."""
    one = _shape(name)
    with _broken(name, built_graph) as broken:
        violations = [v for v in validate_graph(broken, one, engine=engine) if v.shape == f"kgsh:{name}"]
    assert violations, f"{name} did not reject its failing case"
    patterns = _messages(one)
    assert all(any(p.match(v.message) for p in patterns) for v in violations), [v.message for v in violations]


# What kgsh:GradeQuoteShape reads as a printed grade (quote, grade wording, printed as a grade?): the phrasings of
# British news writing that kg extract proposes grades from, and adjectives that are findings, not grades.
GRADE_QUOTES = [
    ("assessed as ‘good’ at tackling serious and organised crime", "good", True),
    ("Westshire Police was rated good for legitimacy", "good", True),
    ("judged to require improvement in how efficiently it keeps people safe", "requires improvement", True),
    ("the force’s approach to protecting vulnerable people was found to be good", "good", True),
    ("inspectors found the force good at investigating crime", "good", True),
    ("Westshire Police is good at recording data about crime", "good", True),
    ("Its approach to responding to the public was adequate.", "adequate", True),
    ("Preventing crime – good", "good", True),
    ("Legitimacy | Good", "good", True),
    ("Efficiency      Requires improvement      Good", "requires improvement", True),
    ("Efficiency      Requires improvement      Good", "good", True),
    ("requires improvement in five areas", "requires improvement", True),
    ("Effectiveness .......... Requires improvement", "requires improvement", True),  # rows a leader of dots joins
    ("How effective is the force at investigating crime? … Good", "good", True),
    ("Protecting vulnerable people: Requires improvement (previously adequate)", "requires improvement", True),
    ("Protecting vulnerable people: Requires improvement (previously adequate)", "adequate", True),
    ("Its grades: preventing crime, good; investigating crime, adequate.", "adequate", True),
    ("Outstanding – preventing crime", "outstanding", True),                      # a list line led by its grade
    ("Hadleigh Vale Police received an outstanding grade for efficiency", "outstanding", True),  # the grade as a noun
    ("the good work of neighbourhood teams earned praise", "good", False),
    ("• Good: treatment of the public; responding to the public", "good", True),
    ("Good – but only just, the chief said. The rest was poor.", "good", False),  # a dash after a word, then sentences
    ("The force was good. Its plans... adequate ones, said nobody", "adequate", False),
    ("(a good year)", "good", False),
    ("concerns over the force’s inadequate effectiveness at protecting victims", "inadequate", False),
    ("inspectors found good work by neighbourhood teams", "good", False),
    ("an inadequate response to calls from the public", "inadequate", False),
    ("the force is not good enough at answering 101 calls", "good", False),
    ("a good use of its resources", "good", False),
]


@pytest.mark.parametrize("engine", ["turbo", "pyshacl"])
def test_a_grade_quote_prints_the_grade_or_the_assessment_is_refused(engine):
    from rdflib import Literal

    from kg.vocab import KG, KGR, OA

    data = Graph()
    for i, (quote, wording, _printed) in enumerate(GRADE_QUOTES):
        a, ev, target, selector = (KGR[f"zz-{kind}-{i}"] for kind in ("assessment", "evidence", "target", "selector"))
        data.add((a, RDF.type, KG.Assessment))
        data.add((a, KG.grade, KGR["peel5-good"]))
        data.add((a, KG.gradeWording, Literal(wording)))
        data.add((a, KG.evidence, ev))
        data.add((ev, OA.hasTarget, target))
        data.add((target, OA.hasSelector, selector))
        data.add((selector, OA.exact, Literal(quote)))
    one = _shape("GradeQuoteShape")
    refused = {v.focus for v in validate_graph(data, one, engine=engine)}
    assert {i for i, _ in enumerate(GRADE_QUOTES) if f"kgr:zz-assessment-{i}" in refused} == \
        {i for i, (_q, _w, printed) in enumerate(GRADE_QUOTES) if not printed}


@pytest.mark.parametrize("engine", ["turbo", "pyshacl"])
def test_the_scale_s_end_named_as_such_is_that_end_s_grade(engine):
    """'given the lowest possible grade' prints no grade word: it gives the last grade of the scale, and only that."""
    from rdflib import Literal

    from kg.vocab import KG, KGR, OA, SKOS

    data = Graph()
    scale = KGR["zz-scale"]
    for name, rank in (("zz-best", 1), ("zz-middle", 2), ("zz-worst", 3)):
        data.add((KGR[name], SKOS.inScheme, scale))
        data.add((KGR[name], KG.rank, Literal(rank)))
    cases = [("Westshire Police was given the lowest possible grade for effectiveness.", "zz-worst", True),
             ("Westshire Police was given the lowest possible grade for effectiveness.", "zz-middle", False),
             ("It received the highest grade for efficiency.", "zz-best", True),
             ("It received the highest grade for efficiency.", "zz-worst", False)]
    for i, (quote, grade, _ok) in enumerate(cases):
        a, ev, target, selector = (KGR[f"zz-{kind}-{i}"] for kind in ("assessment", "evidence", "target", "selector"))
        data.add((a, RDF.type, KG.Assessment))
        data.add((a, KG.grade, KGR[grade]))
        data.add((a, KG.gradeWording, Literal(grade.removeprefix("zz-"))))
        data.add((a, KG.evidence, ev))
        data.add((ev, OA.hasTarget, target))
        data.add((target, OA.hasSelector, selector))
        data.add((selector, OA.exact, Literal(quote)))
    refused = {v.focus for v in validate_graph(data, _shape("GradeQuoteShape"), engine=engine)}
    assert {i for i in range(len(cases)) if f"kgr:zz-assessment-{i}" in refused} == {i for i, c in enumerate(cases) if not c[2]}


# Two holdings of one single-holder post over the same years, by their tenures: refused or not.
OVERLAPS = [
    (None, None, True),            # two chief constables at once
    ("acting", None, False),       # the acting chief constable stands in for the one on leave
    (None, "interim", False),
    ("temporary", None, False),
    ("acting", "acting", True),    # two standing in at once
    ("former", None, True),        # 'former' places a holding in time; it does not stand in for anyone
]


@pytest.mark.parametrize("engine", ["turbo", "pyshacl"])
def test_one_holder_and_one_standing_in_may_hold_a_single_holder_post_at_once(engine):
    from rdflib import Literal

    from kg.vocab import KG, KGR, ORG, XSD

    data = Graph()
    for i, tenures in enumerate(OVERLAPS):
        post = KGR[f"zz-post-{i}"]
        data.add((post, RDF.type, KG.Post))
        data.add((post, KG.singleHolder, Literal(True)))
        for j, tenure in enumerate(tenures[:2]):
            holding, interval = KGR[f"zz-holding-{i}-{j}"], KGR[f"zz-interval-{i}-{j}"]
            data.add((holding, RDF.type, KG.PostHolding))
            data.add((holding, KG.post, post))
            data.add((holding, ORG.member, KGR[f"zz-person-{i}-{j}"]))
            data.add((holding, ORG.memberDuring, interval))
            data.add((interval, KG.startDate, Literal("2020", datatype=XSD.gYear)))
            data.add((interval, KG.endDate, Literal("2022", datatype=XSD.gYear)))
            if tenure:
                data.add((holding, KG.tenure, Literal(tenure)))
    refused = {v.focus for v in validate_graph(data, _shape("SingleHolderShape"), engine=engine)}
    assert {i for i in range(len(OVERLAPS)) if f"kgr:zz-post-{i}" in refused} == \
        {i for i, (_a, _b, overlap) in enumerate(OVERLAPS) if overlap}
