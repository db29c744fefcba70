"""Namespaces and prefixes shared by every stage, so an IRI is spelt in one place."""

from __future__ import annotations

from rdflib import Namespace
from rdflib.namespace import DCTERMS, ORG, OWL, PROV, RDF, RDFS, SKOS, TIME, XSD

from .prefixes import PREFIXES, curie, expand

KG = Namespace("https://w3id.org/policing-kg/def#")
KGR = Namespace("https://w3id.org/policing-kg/id/")
OA = Namespace("http://www.w3.org/ns/oa#")
SCHEMA = Namespace("http://schema.org/")
SH = Namespace("http://www.w3.org/ns/shacl#")
GRAPHS = Namespace("https://w3id.org/policing-kg/graph/")

__all__ = ["KG", "KGR", "OA", "SCHEMA", "SH", "GRAPHS", "PREFIXES", "curie", "expand",
           "OWL", "RDF", "RDFS", "SKOS", "XSD", "DCTERMS", "PROV", "ORG", "TIME"]

