"""The named graphs of a kg dataset: one place that says which graph a statement belongs in.

A built dataset holds one named graph per source (a news article or a reference
page: what it states, the records its evidence supports, their nested nodes, and
that evidence), the ontology graph (classes, properties, and the reference terms
no source states: the project's own modelling), and, outside the
published dataset, the build's own metadata (which data file and line each node
came from). The article a statement belongs to is decided by the mapper from the
record's evidence, never from how an IRI is spelt.

Plain strings, free of rdflib and pyoxigraph, so every stage can import it cheaply.
"""

from __future__ import annotations

from .errors import InputError

GRAPHS = "https://w3id.org/policing-kg/graph/"
KGR = "https://w3id.org/policing-kg/id/"

#: Classes, properties (ontology/*.ttl) and the records no source states, which are the project's own
#: modelling (reference terms such as a grade whose rank is kg's reading; SHACL refuses a fact without evidence).
ONTOLOGY_GRAPH = GRAPHS + "ontology"
#: Build metadata (kg:dataLocation of every node): kept beside the store, never published or queried.
METADATA_GRAPH = GRAPHS + "build-metadata"
#: Statements derived from the others by the project's ontology/derived.rq (kg.derived): published, stated by no
#: source, written again by every build and load.
DERIVED_GRAPH = GRAPHS + "derived"

RESERVED = {g[len(GRAPHS):] for g in (ONTOLOGY_GRAPH, METADATA_GRAPH, DERIVED_GRAPH)}


def article_graph(source_id: str, where: str = "") -> str:
    """The named graph of one source article, from its record id."""
    if source_id in RESERVED:
        raise InputError(f"source article id '{source_id}' clashes with the named graph kg keeps for its own use",
                         where=where or f"kgr:{source_id}", hint="give the article another id")
    return GRAPHS + source_id


def is_published(graph: str) -> bool:
    """Whether a graph is part of the published dataset (every graph but the build metadata)."""
    return graph != METADATA_GRAPH
