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


#: Prefixes every ad-hoc query (-e, --file) may use without declaring them.
QUERY_PREFIXES = ("kg", "kgr", "rdf", "rdfs", "xsd", "owl", "skos", "org", "prov", "oa", "schema", "time", "dcterms")


def declared_prefixes(text: str) -> set[str]:
    """The prefix names a SPARQL query declares itself (``PREFIX name: <...>``)."""
    import re

    from .sparqltext import blank

    return set(re.findall(r"(?i)\bPREFIX\s+([A-Za-z][\w.-]*)?\s*:", blank(text)))


def prologue(text: str) -> str:
    """PREFIX declarations, on one line, for the project prefixes a query does not declare itself.

    A query that declares a prefix keeps its own; the rest of ``QUERY_PREFIXES``
    are declared for it, so a newcomer can write ``?x a kg:Inspection`` at once.
    """
    own = declared_prefixes(text)
    return " ".join(f"PREFIX {p}: <{PREFIXES[p]}>" for p in QUERY_PREFIXES if p not in own)


def undeclared_prefixes(text: str, extra: set[str] | frozenset[str] = frozenset()) -> list[tuple[str, int, int]]:
    """Prefixed names whose prefix the query (or ``extra``) does not declare: (prefix, line, column), 1-based."""
    import re

    from .sparqltext import blank

    bare = blank(text)
    known = declared_prefixes(text) | set(extra) | {"_"}
    found = []
    # A prefixed name: not part of a variable, language tag, number or longer name; skip the declarations.
    declaration = re.compile(r"(?i)\bPREFIX\s+([A-Za-z][\w.-]*)?\s*:")
    spans = [m.span() for m in declaration.finditer(bare)]
    for m in re.finditer(r"(?<![\w?$@:.\-])([A-Za-z][\w\-]*(?:\.[\w\-]+)*)?:(?=[\w%\\(]|[\s;,.)\]}]|$)", bare):
        if any(a <= m.start() < b for a, b in spans) or (m.group(1) or "") in known:
            continue
        line = bare.count("\n", 0, m.start()) + 1
        column = m.start() - (bare.rfind("\n", 0, m.start()) + 1) + 1
        found.append((m.group(1) or "", line, column))
    return found
