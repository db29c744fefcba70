"""Project prefixes, free of rdflib so that fast commands (kg query) can use them."""

from __future__ import annotations

#: Prefixes written into every output, in this order.
PREFIXES: dict[str, str] = {
    "kg": "https://w3id.org/policing-kg/def#",
    "kgr": "https://w3id.org/policing-kg/id/",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "org": "http://www.w3.org/ns/org#",
    "time": "http://www.w3.org/2006/time#",
    "prov": "http://www.w3.org/ns/prov#",
    "schema": "http://schema.org/",
    "oa": "http://www.w3.org/ns/oa#",
    "dcterms": "http://purl.org/dc/terms/",
    "sh": "http://www.w3.org/ns/shacl#",
    "kgsh": "https://w3id.org/policing-kg/shapes#",
}


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
