"""RDF terms between rdflib and pyoxigraph, and the one sort order every dump uses.

The build maps records with rdflib terms (pyshacl validates rdflib graphs); the
store and the serialisers are pyoxigraph's. Converting term by term is several
times faster than writing and re-parsing a file, and keeps blank-node labels.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

import pyoxigraph as ox

XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
RDF_LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"


class ToOxigraph:
    """rdflib terms to pyoxigraph terms, with IRIs cached (a few thousand distinct ones make most of a graph)."""

    def __init__(self):
        self.iris: dict[str, ox.NamedNode] = {}

    def iri(self, value: str) -> ox.NamedNode:
        node = self.iris.get(value)
        if node is None:
            node = self.iris[value] = ox.NamedNode(value)
        return node

    def term(self, term):
        from rdflib import BNode, URIRef

        if isinstance(term, URIRef):
            return self.iri(str(term))
        if isinstance(term, BNode):
            return ox.BlankNode(str(term))
        if term.language:
            return ox.Literal(str(term), language=term.language)
        return ox.Literal(str(term), datatype=self.iri(str(term.datatype)) if term.datatype else None)

    def quad(self, s, p, o, g) -> ox.Quad:
        return ox.Quad(self.term(s), self.iri(str(p)), self.term(o), self.iri(str(g)) if g is not None else ox.DefaultGraph())

    def quads(self, quads: Iterable[tuple]) -> Iterator[ox.Quad]:
        for s, p, o, g in quads:
            yield self.quad(s, p, o, g)


class ToRdflib:
    """pyoxigraph terms to rdflib terms; xsd:string literals become plain literals, as rdflib's parsers make them."""

    def __init__(self):
        from rdflib import BNode, Literal, URIRef

        self.URIRef, self.BNode, self.Literal = URIRef, BNode, Literal
        self.iris: dict[str, object] = {}

    def term(self, term):
        if isinstance(term, ox.NamedNode):
            node = self.iris.get(term.value)
            if node is None:
                node = self.iris[term.value] = self.URIRef(term.value)
            return node
        if isinstance(term, ox.BlankNode):
            return self.BNode(term.value)
        if term.language:
            return self.Literal(term.value, lang=term.language)
        datatype = term.datatype.value
        return self.Literal(term.value) if datatype == XSD_STRING else self.Literal(term.value, datatype=self.URIRef(datatype))

    def triple(self, quad) -> tuple:
        return self.term(quad.subject), self.term(quad.predicate), self.term(quad.object)
