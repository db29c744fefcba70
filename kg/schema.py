"""What the ontology allows in a data file: its classes and properties.

The loader asks this, not a table in code, whether a key is a reference or a
literal and of which datatype; adding a property to the ontology is enough to
use it in data.
"""

from __future__ import annotations

from dataclasses import dataclass

from rdflib import Graph, URIRef

from .vocab import KG, OWL, RDF, RDFS, XSD, curie, expand

FLEXIBLE_DATE = KG.flexibleDate


@dataclass(frozen=True)
class Property:
    iri: URIRef
    is_object: bool
    range: URIRef | None


class Schema:
    """Classes and properties declared in the ontology graph."""

    def __init__(self, ontology: Graph):
        self.classes: set[URIRef] = {
            s for s in ontology.subjects(RDF.type, OWL.Class) if isinstance(s, URIRef)}
        self.properties: dict[URIRef, Property] = {}
        for kind, is_object in ((OWL.ObjectProperty, True), (OWL.DatatypeProperty, False)):
            for p in ontology.subjects(RDF.type, kind):
                if isinstance(p, URIRef):
                    rng = ontology.value(p, RDFS.range)
                    self.properties[p] = Property(p, is_object, rng if isinstance(rng, URIRef) else None)
        self.properties.setdefault(RDFS.label, Property(RDFS.label, False, XSD.string))
        self.labels = {s: str(o) for s, o in ontology.subject_objects(RDFS.label)}
        self._parents: dict[URIRef, set[URIRef]] = {}
        for c, parent in ontology.subject_objects(RDFS.subClassOf):
            if isinstance(c, URIRef) and isinstance(parent, URIRef):
                self._parents.setdefault(c, set()).add(parent)

    def resolve(self, name: str) -> URIRef | None:
        """The IRI a data-file key or type names: a kg local name or a CURIE."""
        if name == "label":
            return RDFS.label
        if ":" in name:
            full = expand(name)
            return URIRef(full) if full else None
        return KG[name]

    def property(self, name: str) -> Property | None:
        iri = self.resolve(name)
        return self.properties.get(iri) if iri is not None else None

    def is_class(self, name: str) -> URIRef | None:
        iri = self.resolve(name)
        return iri if iri in self.classes else None

    def superclasses(self, cls: URIRef | None) -> set[URIRef]:
        """The class and every class it is declared a subclass of, directly or not."""
        found: set[URIRef] = set()
        todo = [cls] if cls is not None else []
        while todo:
            c = todo.pop()
            if c not in found:
                found.add(c)
                todo.extend(self._parents.get(c, ()))
        return found

    def known_property_names(self) -> list[str]:
        names = []
        for iri in self.properties:
            short = curie(str(iri))
            names.append(short[3:] if short.startswith("kg:") else ("label" if iri == RDFS.label else short))
        return sorted(names)

    def close_matches(self, name: str, pool: list[str]) -> str:
        import difflib

        found = difflib.get_close_matches(name, pool, n=1)
        return f"did you mean '{found[0]}'?" if found else ""
