"""Exporting the built graph as Turtle, JSON-LD, N-Triples, N-Quads, TriG and RDF/XML.

Every writer here is kg's own, small and sorted, rather than rdflib's serialisers,
whose output order follows Python's hash order: the same graph gives the same bytes
whatever PYTHONHASHSEED is, so exports can be committed, diffed and checksummed.
Blank nodes (the ontology has a few) get canonical labels first.

TriG and N-Quads keep provenance: each source article's facts, with their nested
nodes and their evidence annotations, go in a named graph of their own
(``https://w3id.org/policing-kg/graph/<article id>``); the ontology and reference
terms (grade scales, roles) go in ``.../graph/ontology``. A fact that several
articles state appears in each of their graphs, except that its
``prov:wasDerivedFrom`` and ``kg:evidence`` links go only to the graph of the
article they name, so each graph reads as what that one article says.

JSON-LD is compacted with the project's own context (``ontology/context.jsonld``,
made by :func:`make_context`), embedded in the output: no remote context is ever
named, so no reader has to fetch anything. Literals are written as strings with
their datatype (coerced by the context or given inline), so every literal,
decimals and dates included, reads back exactly as built.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import OWL, PROV, RDF, RDFS, XSD

from .errors import InputError
from .prefixes import PREFIXES, curie
from .rdfio import canonical, sort_key, turtle, turtle_blocks
from .vocab import GRAPHS, KG, KGR, OA

FORMATS = ("ttl", "jsonld", "nt", "nq", "trig", "xml")
SUFFIXES = {".ttl": "ttl", ".jsonld": "jsonld", ".json": "jsonld", ".nt": "nt", ".nq": "nq", ".trig": "trig",
            ".rdf": "xml", ".xml": "xml", ".owl": "xml"}
ONTOLOGY_GRAPH = GRAPHS["ontology"]

_NCNAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_.-]*$")
_TERM = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
_XML_BAD = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


# --- named graphs -------------------------------------------------------------------------

def graph_name(source: URIRef) -> URIRef:
    """The named graph of one source article: GRAPHS + the article's id."""
    iri = str(source)
    local = iri[len(str(KGR)):] if iri.startswith(str(KGR)) else re.sub(r"[^A-Za-z0-9._-]+", "-", iri).strip("-")
    if local == "ontology":
        raise InputError(f"source article id '{local}' clashes with the ontology's named graph", where=curie(iri),
                         hint="give the article another id")
    return GRAPHS[local]


def _dependents(graph: Graph, node, found: set) -> None:
    """Nodes that belong to ``node``: its evidence targets and selectors, nested nodes, blank nodes."""
    for p, o in graph.predicate_objects(node):
        if isinstance(o, Literal) or o in found or (o, PROV.wasDerivedFrom, None) in graph:
            continue
        if isinstance(o, BNode) or p in (OA.hasTarget, OA.hasSelector) or str(o).startswith(str(node) + "-"):
            found.add(o)
            _dependents(graph, o, found)


def named_graphs(graph: Graph) -> dict[URIRef, Graph]:
    """Split a built graph into one named graph per source article plus the ontology graph."""
    graph = canonical(graph)
    owner: dict = {}
    facts = {s: set(graph.objects(s, PROV.wasDerivedFrom)) for s in set(graph.subjects(PROV.wasDerivedFrom, None))}
    for fact, sources in facts.items():
        for ann in graph.objects(fact, KG.evidence):
            if ann in facts:
                continue
            group = {ann}
            _dependents(graph, ann, group)
            said = {o for node in group for o in graph.objects(node, OA.hasSource)} or sources
            for node in group:
                owner.setdefault(node, set()).update(said)
        nested: set = set()
        _dependents(graph, fact, nested)
        for node in nested - set(owner):
            owner.setdefault(node, set()).update(sources)
    out: dict[URIRef, Graph] = defaultdict(Graph)
    for s, p, o in graph:
        if s in facts:
            if p == PROV.wasDerivedFrom:
                targets = {o}
            elif p == KG.evidence and o in owner:
                targets = owner[o]
            else:
                targets = facts[s]
        else:
            targets = owner.get(s)
        for name in sorted(graph_name(t) for t in targets) if targets else [ONTOLOGY_GRAPH]:
            out[name].add((s, p, o))
    return dict(sorted(out.items(), key=lambda kv: (kv[0] != ONTOLOGY_GRAPH, str(kv[0]))))


# --- line-based formats -------------------------------------------------------------------

_NT_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t", "\b": "\\b", "\f": "\\f"}


def _nt(term) -> str:
    if isinstance(term, URIRef):
        return "<" + re.sub(r'[\x00-\x20<>"{}|^`\\]', lambda m: f"\\u{ord(m.group()):04X}", str(term)) + ">"
    if isinstance(term, BNode):
        return f"_:{term}"
    text = "".join(_NT_ESCAPES.get(c, c if c >= " " and c != "\x7f" else f"\\u{ord(c):04X}") for c in str(term))
    if term.language:
        return f'"{text}"@{term.language}'
    return f'"{text}"^^{_nt(term.datatype)}' if term.datatype else f'"{text}"'


def ntriples(graph: Graph) -> str:
    """N-Triples, one sorted line per triple."""
    graph = canonical(graph)
    return "".join(sorted(f"{_nt(s)} {_nt(p)} {_nt(o)} .\n" for s, p, o in graph))


def nquads(graph: Graph) -> str:
    """N-Quads with each source's facts in its own named graph, one sorted line per quad."""
    lines = [f"{_nt(s)} {_nt(p)} {_nt(o)} {_nt(name)} .\n"
             for name, part in named_graphs(graph).items() for s, p, o in part]
    return "".join(sorted(lines))


def trig(graph: Graph) -> str:
    """TriG: the project prefixes, then one block per named graph (ontology first)."""
    lines = [f"@prefix {p}: <{ns}> ." for p, ns in PREFIXES.items()]
    for name, part in named_graphs(graph).items():
        lines += ["", f"<{name}> {{", "\n\n".join(turtle_blocks(part, "    ")), "}"]
    return "\n".join(lines) + "\n"


# --- RDF/XML ------------------------------------------------------------------------------

def _xml_text(text: str, where: str) -> str:
    if _XML_BAD.search(text):
        raise InputError("a literal holds a control character that XML 1.0 cannot carry", where=where,
                         hint="export as ttl, nt or jsonld instead")
    return escape(text).replace("\r", "&#13;")


def _qname(iri: str, minted: dict[str, str]) -> str:
    for prefix, ns in PREFIXES.items():
        if iri.startswith(ns) and _NCNAME.match(iri[len(ns):]):
            return f"{prefix}:{iri[len(ns):]}"
    match = re.match(r"^(.*[#/])([A-Za-z_][A-Za-z0-9_.-]*)$", iri)
    if not match:
        raise InputError(f"predicate <{iri}> cannot be written as an XML element name", hint="export as ttl or nt instead")
    ns = match.group(1)
    prefix = minted.setdefault(ns, f"ns{len(minted) + 1}")
    return f"{prefix}:{match.group(2)}"


def rdfxml(graph: Graph) -> str:
    """RDF/XML: one rdf:Description per subject, sorted; only the namespaces in use declared."""
    graph = canonical(graph)
    minted: dict[str, str] = {}
    qnames = {p: _qname(str(p), minted) for p in sorted(set(graph.predicates()))}
    used = {q.split(":")[0] for q in qnames.values()} | {"rdf"}
    spaces = [(p, ns) for p, ns in PREFIXES.items() if p in used]
    spaces += [(p, ns) for ns, p in sorted(minted.items(), key=lambda kv: kv[1])]
    out = ['<?xml version="1.0" encoding="utf-8"?>', "<rdf:RDF"]
    out += [f"    xmlns:{p}={quoteattr(ns)}" for p, ns in spaces]
    out[-1] += ">"
    for s in sorted(set(graph.subjects()), key=sort_key):
        about = f"rdf:nodeID={quoteattr(str(s))}" if isinstance(s, BNode) else f"rdf:about={quoteattr(str(s))}"
        out.append(f"  <rdf:Description {about}>")
        for p in sorted(set(graph.predicates(s)), key=lambda p: (p != RDF.type, str(p))):
            q = qnames[p]
            for o in sorted(graph.objects(s, p), key=sort_key):
                if isinstance(o, URIRef):
                    out.append(f"    <{q} rdf:resource={quoteattr(str(o))}/>")
                elif isinstance(o, BNode):
                    out.append(f"    <{q} rdf:nodeID={quoteattr(str(o))}/>")
                else:
                    attr = (f" xml:lang={quoteattr(o.language)}" if o.language
                            else f" rdf:datatype={quoteattr(str(o.datatype))}" if o.datatype else "")
                    out.append(f"    <{q}{attr}>{_xml_text(str(o), curie(str(s)))}</{q}>")
        out.append("  </rdf:Description>")
    out.append("</rdf:RDF>")
    return "\n".join(out) + "\n"


# --- JSON-LD ------------------------------------------------------------------------------

def _coercion(graph: Graph, p: URIRef) -> str | None:
    """What a property's values are: '@id', a datatype IRI, or None for plain strings or a mix.

    The ontology's declaration decides where it gives one (object property, or datatype
    property with a single-datatype range); otherwise the values in the graph do.
    """
    if (p, RDF.type, OWL.ObjectProperty) in graph:
        return "@id"
    if (p, RDF.type, OWL.DatatypeProperty) in graph:
        ranges = set(graph.objects(p, RDFS.range))
        single = ranges.pop() if len(ranges) == 1 else None
        return str(single) if single is not None and str(single).startswith(str(XSD)) and single != XSD.string else None
    kinds = {"@id" if not isinstance(o, Literal) else ("@lang" if o.language else str(o.datatype or ""))
             for o in graph.objects(None, p)}
    if len(kinds) == 1 and "@id" in kinds:
        return "@id"
    if len(kinds) == 1 and not kinds & {"@lang", "", str(XSD.string)}:
        return kinds.pop()
    return None


def make_context(graph: Graph) -> dict:
    """The project's JSON-LD 1.1 context: only the prefixes and terms the graph uses.

    Terms are local names of the properties and classes in use (those the graph has
    as predicates or types, and those its ontology declares), each kept only if no
    other IRI in use has the same local name; properties carry their type coercion.
    """
    iris = {str(t) for triple in graph for t in triple if isinstance(t, URIRef)}
    iris |= {str(o.datatype) for o in graph.objects() if isinstance(o, Literal) and o.datatype}
    props = set(graph.predicates()) | set(graph.subjects(RDF.type, OWL.ObjectProperty)) | \
        set(graph.subjects(RDF.type, OWL.DatatypeProperty))
    classes = set(graph.objects(None, RDF.type)) | set(graph.subjects(RDF.type, OWL.Class))
    ctx: dict = {"@version": 1.1}
    ctx.update({p: ns for p, ns in PREFIXES.items() if any(i.startswith(ns) and i != ns for i in iris)})
    ctx.update({"id": "@id", "type": "@type"})
    candidates: dict[str, list[URIRef]] = defaultdict(list)
    for term in sorted((t for t in props | classes if isinstance(t, URIRef)), key=str):
        short = curie(str(term))
        local = short.split(":", 1)[1] if short != str(term) else ""
        if _TERM.match(local) and short.split(":")[0] in ctx:
            candidates[local].append(term)
    for local, terms in sorted(candidates.items()):
        if len(terms) > 1 or local in ctx:
            continue
        term = terms[0]
        if term in props and term != RDF.type:
            kind = _coercion(graph, term)
            ctx[local] = {"@id": curie(str(term)), "@type": curie(kind) if kind and kind != "@id" else kind} \
                if kind else curie(str(term))
        elif term in classes:
            ctx[local] = curie(str(term))
    return {"@context": ctx}


def _read_context(context: dict) -> tuple[dict, dict[str, tuple[str, str | None]]]:
    """The prefixes and term definitions of a context, refusing features the writer does not handle."""
    ctx = context.get("@context") if isinstance(context, dict) else None
    if not isinstance(ctx, dict):
        raise InputError("the JSON-LD context must be an object with an '@context' object", where="ontology/context.jsonld",
                         hint="regenerate it with kg export --write-context")
    prefixes, terms = {}, {}
    for key, value in ctx.items():
        if key.startswith("@") or value in ("@id", "@type"):
            continue
        if isinstance(value, str) and value.endswith(("/", "#")):
            prefixes[key] = value
        elif isinstance(value, str):
            terms[key] = (value, None)
        elif isinstance(value, dict) and set(value) <= {"@id", "@type"} and "@id" in value:
            terms[key] = (value["@id"], value.get("@type"))
        else:
            raise InputError(f"unsupported definition of term '{key}' in the JSON-LD context", where="ontology/context.jsonld",
                             hint="use only prefixes, @id and @type, or regenerate with kg export --write-context")
    def expand(name: str | None) -> str | None:
        if name is None or name == "@id" or ":" not in name:
            return name
        prefix, local = name.split(":", 1)
        return prefixes[prefix] + local if prefix in prefixes else name
    return prefixes, {k: (expand(iri), expand(kind)) for k, (iri, kind) in terms.items()}


def jsonld(graph: Graph, context: dict) -> str:
    """Compacted JSON-LD: the context embedded, then one node object per subject, sorted."""
    graph = canonical(graph)
    prefixes, terms = _read_context(context)
    by_iri: dict[str, dict[str, str | None]] = defaultdict(dict)
    for name, (iri, kind) in terms.items():
        by_iri[iri][kind or ""] = name
    classes = {iri: name for name, (iri, kind) in sorted(terms.items()) if kind is None}

    def compact(iri: str) -> str:
        for prefix, ns in prefixes.items():
            local = iri[len(ns):]
            if iri.startswith(ns) and local and not local.startswith("//"):
                return f"{prefix}:{local}"
        return iri

    def ref(node) -> str:
        return f"_:{node}" if isinstance(node, BNode) else compact(str(node))

    def value(o, kind: str | None):
        if kind == "@id":
            return ref(o)
        if kind:
            return str(o)
        if not isinstance(o, Literal):
            return {"id": ref(o)}
        if o.language:
            return {"@value": str(o), "@language": o.language}
        return {"@value": str(o), "type": compact(str(o.datatype))} if o.datatype else str(o)

    def kind_of(o) -> str:
        if not isinstance(o, Literal):
            return "@id"
        return "" if o.language or o.datatype is None else str(o.datatype)

    nodes = []
    for s in sorted(set(graph.subjects()), key=sort_key):
        node: dict = {"id": ref(s)}
        types = sorted(graph.objects(s, RDF.type), key=sort_key)
        if types:
            names = [classes.get(str(t)) or ref(t) for t in types]
            node["type"] = names[0] if len(names) == 1 else names
        keyed: dict[str, list] = defaultdict(list)
        for p in sorted(set(graph.predicates(s)) - {RDF.type}, key=str):
            for o in sorted(graph.objects(s, p), key=sort_key):
                # As JSON-LD compaction chooses: the term whose coercion the value fits, else
                # the property's uncoerced term (which takes any value), else a compact IRI.
                options = by_iri.get(str(p), {})
                kind = kind_of(o)
                if kind and kind in options:
                    keyed[options[kind]].append(value(o, kind))
                else:
                    keyed[options.get("", compact(str(p)))].append(value(o, None))
        for key in sorted(keyed):
            node[key] = keyed[key][0] if len(keyed[key]) == 1 else keyed[key]
        nodes.append(node)
    doc = {"@context": context["@context"], "@graph": nodes}
    return json.dumps(doc, indent=2, ensure_ascii=False) + "\n"


def load_context(path: Path) -> dict:
    """The project's JSON-LD context file, which must exist (see ``kg export --write-context``)."""
    from .inputs import MAX_DATA, read_text

    if not Path(path).exists() and not Path(path).is_symlink():
        raise InputError("JSON-LD context not found", where=str(path), hint="create it with kg export --write-context")
    try:
        context = json.loads(read_text(path, str(path), limit=MAX_DATA))  # a regular file, within a size
    except json.JSONDecodeError as e:
        raise InputError(f"cannot read the JSON-LD context: {e}", where=str(path),
                         hint="fix it or regenerate it with kg export --write-context") from None
    from .safety import context_references

    remote = next(context_references(context), None)  # the export embeds the context: its readers would fetch this
    if remote is not None:
        raise InputError(f"the JSON-LD context names {remote[0]} '{remote[1]}', which readers of the export would fetch",
                         where=str(path), hint="remove it or regenerate it with kg export --write-context")
    return context


def context_text(graph: Graph) -> str:
    """The context file's text, as ``kg export --write-context`` writes it."""
    return json.dumps(make_context(graph), indent=2, ensure_ascii=False) + "\n"


def export(graph: Graph, fmt: str, context: dict | None = None) -> str:
    """The graph as text in one of FORMATS (``context`` is needed for jsonld)."""
    if fmt == "ttl":
        return turtle(graph)
    if fmt == "nt":
        return ntriples(graph)
    if fmt == "nq":
        return nquads(graph)
    if fmt == "trig":
        return trig(graph)
    if fmt == "xml":
        return rdfxml(graph)
    if fmt == "jsonld":
        return jsonld(graph, context if context is not None else make_context(graph))
    raise InputError(f"unknown export format '{fmt}'", where="--format", hint=f"use one of {', '.join(FORMATS)}")


def format_for(path: Path | None, fmt: str | None) -> str:
    """The format asked for, else the one the output file's suffix names, else Turtle."""
    if fmt:
        return fmt
    if path is not None:
        found = SUFFIXES.get(Path(path).suffix.lower())
        if found is None:
            raise InputError(f"cannot tell the format from the suffix '{Path(path).suffix}'", where=str(path),
                             hint=f"pass --format ({', '.join(FORMATS)})")
        return found
    return "ttl"


def export_project(project, fmt: str) -> str:
    """The project's built graph (built first if need be) as text in ``fmt``, with the project's context for jsonld."""
    from .builder import load_graph

    graph = load_graph(project=project)
    return export(graph, fmt, load_context(project.context) if fmt == "jsonld" else None)


def write_context(project) -> Path:
    """Regenerate ``ontology/context.jsonld`` from the project's built graph; return its path."""
    from .builder import load_graph
    from .output import write_text

    write_text(project.context, context_text(load_graph(project=project)))
    return project.context
