"""The ontology documents itself: every term a data file may use has a label and a comment."""

from __future__ import annotations

from functools import cache

import pytest
from rdflib import Graph, URIRef

from kg.vocab import KG, OWL, RDF, RDFS

from .conftest import ROOT

KINDS = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, RDFS.Datatype)


@cache
def _ontology() -> Graph:
    """The ontology's files, parsed once per process (no test changes the graph; parsing it for each of the 120
    terms' cases took most of their time)."""
    g = Graph()
    for path in sorted((ROOT / "ontology").glob("*.ttl")):
        if path.name != "shapes.ttl":
            g.parse(path, format="turtle")
    return g


def _terms() -> list[URIRef]:
    g = _ontology()
    return sorted({s for kind in KINDS for s in g.subjects(RDF.type, kind) if isinstance(s, URIRef)})


@pytest.mark.parametrize("term", _terms(), ids=str)
def test_every_term_has_a_label_and_a_comment(term):
    g = _ontology()
    assert g.value(term, RDFS.label) is not None, f"{term} has no rdfs:label"
    assert g.value(term, RDFS.comment) is not None, f"{term} has no rdfs:comment"


def test_every_kg_class_but_the_reference_ones_is_a_fact():
    g = _ontology()
    reference = {KG.Fact, KG.ReferenceTerm, KG.Grade, KG.GradeScale, KG.Role, KG.Interval}
    for cls in g.subjects(RDF.type, OWL.Class):
        if str(cls).startswith(str(KG)) and cls not in reference:
            assert KG.Fact in set(g.transitive_objects(cls, RDFS.subClassOf)), cls


def test_every_property_the_data_uses_is_declared(built_graph):
    declared = {s for kind in KINDS[1:3] for s in _ontology().subjects(RDF.type, kind)}
    used = {p for s, p, o in built_graph if str(s).startswith("https://w3id.org/policing-kg/id/")}
    machinery = {RDF.type, RDFS.comment, RDFS.label}  # annotation properties, not declared as OWL properties
    assert used - declared - machinery == set()
