"""Exporting the built dataset as Turtle, JSON-LD, N-Triples, N-Quads, TriG and RDF/XML.

Turtle, N-Triples, N-Quads, TriG and RDF/XML are pyoxigraph's serialisers fed the
statements in one sorted order (kg.dataset.write.dump), so the same dataset gives
the same bytes whatever PYTHONHASHSEED is, and the build's dumps are the same bytes
as ``kg export``. TriG and N-Quads keep the named graphs the build made: one per
source article (``https://w3id.org/policing-kg/graph/<article id>``: what that
article states, decided by the mapper from each record's evidence) and the
ontology graph.

JSON-LD is the one writer of kg's own: neither rdflib nor pyoxigraph compacts with a
given context in a stable order (rdflib's follows Python's hash order; pyoxigraph's
writes expanded IRIs with prefixes only). It is streamed like the others: one node
object per subject, written as the sorted statements arrive, so the nodes come in
the dumps' subject order and blank nodes carry the dumps' labels.

It is compacted with the project's own context (``ontology/context.jsonld``,
made by :func:`make_context`), embedded in the output: no remote context is ever
named, so no reader has to fetch anything. Literals are written as strings with
their datatype (coerced by the context or given inline), so every literal,
decimals and dates included, reads back exactly as built.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path
from typing import IO, TYPE_CHECKING

import pyoxigraph as ox

from .dataset.terms import RDF_TYPE, XSD_STRING
from .errors import InputError
from .prefixes import PREFIXES, curie

if TYPE_CHECKING:  # pragma: no cover - rdflib is imported only for the context, made from its graph
    from rdflib import Graph, URIRef

FORMATS = ("ttl", "jsonld", "nt", "nq", "trig", "xml")
SUFFIXES = {".ttl": "ttl", ".jsonld": "jsonld", ".json": "jsonld", ".nt": "nt", ".nq": "nq", ".trig": "trig",
            ".rdf": "xml", ".xml": "xml", ".owl": "xml"}

_NCNAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_.-]*$")
_TERM = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


# --- JSON-LD ------------------------------------------------------------------------------

def _coercion(graph: Graph, p: URIRef) -> str | None:
    """What a property's values are: '@id', a datatype IRI, or None for plain strings or a mix.

    The ontology's declaration decides where it gives one (object property, or datatype
    property with a single-datatype range); otherwise the values in the graph do.
    """
    from rdflib import Literal
    from rdflib.namespace import OWL, RDF, RDFS, XSD

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
    from rdflib import Literal, URIRef
    from rdflib.namespace import OWL, RDF

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


def _object_key(o) -> tuple:
    """The order of a property's values: IRIs, then blank nodes, then literals (by value, datatype, language)."""
    if isinstance(o, ox.Literal):
        datatype = "" if o.language or o.datatype.value == XSD_STRING else o.datatype.value
        return (2, o.value, datatype, o.language or "")
    return (0 if isinstance(o, ox.NamedNode) else 1, o.value, "", "")


def write_jsonld(triples: Iterable, context: dict, out: IO[bytes]) -> None:
    """Compacted JSON-LD of statements that come subject by subject (the dump order): the context embedded,
    then one node object per subject, written as its statements arrive, so memory is one subject's.

    The bytes are those ``json.dumps(document, indent=2)`` gives the whole document; within a node, types and
    each property's values are sorted (IRIs, blank nodes, literals), keys by name.
    """
    import itertools

    prefixes, terms = _read_context(context)
    by_iri: dict[str, dict[str, str | None]] = defaultdict(dict)
    for name, (iri, kind) in terms.items():
        by_iri[iri][kind or ""] = name
    classes = {iri: name for name, (iri, kind) in sorted(terms.items()) if kind is None}
    compacted: dict[str, str] = {}

    def compact(iri: str) -> str:
        found = compacted.get(iri)
        if found is None:
            found = iri
            for prefix, ns in prefixes.items():
                local = iri[len(ns):]
                if iri.startswith(ns) and local and not local.startswith("//"):
                    found = f"{prefix}:{local}"
                    break
            if len(compacted) < 100_000:  # the vocabulary and the most used objects, not every subject
                compacted[iri] = found
        return found

    def ref(node) -> str:
        return f"_:{node.value}" if isinstance(node, ox.BlankNode) else compact(node.value)

    def kind_of(o) -> str:
        if not isinstance(o, ox.Literal):
            return "@id"
        return "" if o.language or o.datatype.value == XSD_STRING else o.datatype.value

    def value(o, kind: str | None):
        if kind == "@id":
            return ref(o)
        if kind:
            return o.value
        if not isinstance(o, ox.Literal):
            return {"id": ref(o)}
        if o.language:
            return {"@value": o.value, "@language": o.language}
        datatype = o.datatype.value
        return o.value if datatype == XSD_STRING else {"@value": o.value, "type": compact(datatype)}

    def node_of(subject, statements: list) -> dict:
        node: dict = {"id": ref(subject)}
        types = sorted((t.object for t in statements if t.predicate.value == RDF_TYPE), key=_object_key)
        if types:
            names = [classes.get(t.value) or ref(t) for t in types]
            node["type"] = names[0] if len(names) == 1 else names
        objects: dict[str, list] = defaultdict(list)
        for t in statements:
            if t.predicate.value != RDF_TYPE:
                objects[t.predicate.value].append(t.object)
        keyed: dict[str, list] = defaultdict(list)
        for p in sorted(objects):
            options = by_iri.get(p, {})
            for o in sorted(set(objects[p]), key=_object_key):
                # As JSON-LD compaction chooses: the term whose coercion the value fits, else
                # the property's uncoerced term (which takes any value), else a compact IRI.
                kind = kind_of(o)
                if kind and kind in options:
                    keyed[options[kind]].append(value(o, kind))
                else:
                    keyed[options.get("", compact(p))].append(value(o, None))
        for key in sorted(keyed):
            node[key] = keyed[key][0] if len(keyed[key]) == 1 else keyed[key]
        return node

    head = json.dumps({"@context": context["@context"]}, indent=2, ensure_ascii=False)
    out.write(head[:-2].encode("utf-8") + b',\n  "@graph": [')
    first = True
    for subject, statements in itertools.groupby(triples, key=lambda t: t.subject):
        text = json.dumps(node_of(subject, list(statements)), indent=2, ensure_ascii=False).replace("\n", "\n    ")
        out.write((("\n    " if first else ",\n    ") + text).encode("utf-8"))
        first = False
    out.write(b"]\n}\n" if first else b"\n  ]\n}\n")


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


def check_xml_literals(dataset) -> None:
    """RDF/XML (XML 1.0) cannot carry most control characters: refuse with the node rather than write bad XML.

    Looked for by the store (one regular expression over the union's literals, in Rust): 8 s of CPU at a
    million triples, where a Python object per quad of every graph took 45 s.
    """
    answer = dataset.raw_query(
        'SELECT ?s WHERE { ?s ?p ?o . FILTER(isLITERAL(?o) && '
        'REGEX(STR(?o), "[\\\\x00-\\\\x08\\\\x0B\\\\x0C\\\\x0E-\\\\x1F\\\\x{FFFE}\\\\x{FFFF}]")) } LIMIT 1')
    for row in answer:
        raise InputError("a literal holds a control character that XML 1.0 cannot carry", where=curie(row["s"].value),
                         hint="export as ttl, nt or jsonld instead")


def export_to(dataset, fmt: str, out: IO[bytes], project=None, context: dict | None = None, *,
              from_store: bool = False) -> None:
    """Write a dataset (kg.dataset.Dataset) to a binary stream in one of FORMATS.

    ttl, nt and xml hold the union of the graphs; trig and nq keep each named graph
    (one per source article, plus the ontology); jsonld is the union compacted with
    ``context`` (default: the project's ontology/context.jsonld). ttl, trig, nt and nq
    of a store exactly as a build left it are a copy of the bytes that build wrote
    (kg.dataset.dumps: the same bytes, without sorting the store again), unless
    ``from_store``.
    """
    from .dataset.dumps import copy_built
    from .dataset.write import dump

    if fmt not in FORMATS:
        raise InputError(f"unknown export format '{fmt}'", where="--format", hint=f"use one of {', '.join(FORMATS)}")
    if fmt == "jsonld":
        if context is None:
            context = load_context(project.context) if project is not None else make_context(dataset.rdflib_graph())
        from .dataset.write import union_stream

        write_jsonld(union_stream(dataset), context, out)
        return
    if fmt == "xml":
        check_xml_literals(dataset)
    if not from_store and copy_built(dataset.generation, fmt, out):
        return
    dump(dataset, fmt, out)


def export(dataset, fmt: str, context: dict | None = None, project=None, *, from_store: bool = False) -> bytes:
    """The dataset as bytes in one of FORMATS (see :func:`export_to`)."""
    import io

    buffer = io.BytesIO()
    export_to(dataset, fmt, buffer, project, context, from_store=from_store)
    return buffer.getvalue()


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


def write_context(project, dataset) -> Path:
    """Regenerate ``ontology/context.jsonld`` from a dataset (the project's built one); return its path."""
    from .output import write_text

    write_text(project.context, context_text(dataset.rdflib_graph()))
    return project.context


def export_project(project, fmt: str, store: Path | None = None) -> str:
    """The project's built dataset (or the ``store`` folder's) as text in ``fmt``, with the project's JSON-LD context."""
    from .dataset import open_dataset

    return export(open_dataset(project, store=store), fmt, project=project).decode("utf-8")
