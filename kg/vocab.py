"""Namespaces and prefixes shared by every stage, so an IRI is spelt in one place."""

from __future__ import annotations

from rdflib import Namespace
from rdflib.namespace import DCTERMS, ORG, OWL, PROV, RDF, RDFS, SKOS, TIME, XSD

KG = Namespace("https://w3id.org/policing-kg/def#")
KGR = Namespace("https://w3id.org/policing-kg/id/")
OA = Namespace("http://www.w3.org/ns/oa#")
SCHEMA = Namespace("http://schema.org/")
SH = Namespace("http://www.w3.org/ns/shacl#")
GRAPHS = Namespace("https://w3id.org/policing-kg/graph/")

#: Prefixes written into every output, in this order.
PREFIXES: dict[str, str] = {
    "kg": str(KG),
    "kgr": str(KGR),
    "rdf": str(RDF),
    "rdfs": str(RDFS),
    "owl": str(OWL),
    "xsd": str(XSD),
    "skos": str(SKOS),
    "org": str(ORG),
    "time": str(TIME),
    "prov": str(PROV),
    "schema": str(SCHEMA),
    "oa": str(OA),
    "dcterms": str(DCTERMS),
    "sh": str(SH),
    "kgsh": "https://w3id.org/policing-kg/shapes#",
}

__all__ = ["KG", "KGR", "OA", "SCHEMA", "SH", "GRAPHS", "PREFIXES",
           "OWL", "RDF", "RDFS", "SKOS", "XSD", "DCTERMS", "PROV", "ORG", "TIME"]


def curie(iri: str) -> str:
    """Shorten an IRI with the project prefixes, for messages and tables."""
    for prefix, ns in PREFIXES.items():
        if iri.startswith(ns) and len(iri) > len(ns):
            return f"{prefix}:{iri[len(ns):]}"
    return iri


def expand(name: str) -> str | None:
    """Expand ``prefix:local`` with the project prefixes; None if the prefix is unknown."""
    prefix, sep, local = name.partition(":")
    if not sep or prefix not in PREFIXES:
        return None
    return PREFIXES[prefix] + local
