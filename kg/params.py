"""Parameter values of stored queries: checked by type, then turned into RDF terms.

A value from ``-p NAME VALUE`` is text; the parameter's type in the query header
says what it must be. An ``entity`` is looked up in the graph (record id, CURIE,
IRI or exact label, case-insensitive), so users can write "Roy Wilsher" rather
than an IRI. The terms are handed to the engine as bindings; nothing is pasted
into the query text.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

from . import values
from .errors import InputError
from .results import Term

if TYPE_CHECKING:  # pragma: no cover
    from .queries import Parameter, StoredQuery

TYPES = {
    "entity": "a thing in the graph: record id, CURIE, IRI or exact label",
    "iri": "an IRI or CURIE",
    "string": "text",
    "integer": "a whole number",
    "decimal": "a number",
    "boolean": "true or false",
    "date": "a date: YYYY-MM-DD, YYYY-MM or YYYY",
}
_XSD = "http://www.w3.org/2001/XMLSchema#"



def check_value(ptype: str, value: str):
    """The typed value of a parameter given as text, read as data files read it (kg.values); ValueError says
    what is wrong."""
    value = value.strip()
    if ptype in ("entity", "iri", "string"):
        if not value:
            raise ValueError("empty value")
        return value
    if ptype == "integer":
        number = values.read_integer(value)
        if number is None:
            raise ValueError(f"'{value}' is not an integer")
        return str(number)
    if ptype == "decimal":
        lexical = values.read_decimal(value)
        if lexical is None:
            raise ValueError(f"'{value}' is not a number")
        return lexical
    if ptype == "boolean":
        flag = values.read_boolean(value)
        if flag is None:
            raise ValueError(f"'{value}' is not true or false")
        return "true" if flag else "false"
    if ptype == "date":
        if values.read_date(value) is None:
            raise ValueError(f"'{value}' is not a date (YYYY-MM-DD, YYYY-MM or YYYY)")
        return value
    raise ValueError(f"unknown type '{ptype}'")


def literal_datatype(ptype: str, value: str) -> str | None:
    """The XSD datatype of a checked literal parameter value (None: a plain string)."""
    if ptype == "date":
        return _XSD + (values.read_date(value) or "date")
    return {"integer": _XSD + "integer", "decimal": _XSD + "decimal", "boolean": _XSD + "boolean"}.get(ptype)


def parse_params(query: StoredQuery, given) -> dict[str, tuple[Parameter, str]]:
    """Check -p NAME VALUE pairs against the header: every name known, every required one given."""
    valid = "; ".join(p.usage() for p in query.parameters)
    out: dict[str, tuple[Parameter, str]] = {}
    for name, value in given:
        param = query.parameter(name)
        if param is None:
            hint = f"valid parameters: {valid}" if query.parameters else "this query takes no parameters"
            raise InputError(f"unknown parameter '{name}'", where=query.where, hint=hint)
        if name in out:
            raise InputError(f"parameter '{name}' given twice", where=query.where, hint="give each -p once")
        try:
            out[name] = (param, check_value(param.type, value))
        except ValueError as e:
            raise InputError(f"parameter '{name}': {e}", where=query.where, hint=f"give {TYPES[param.type]}") from None
    for param in query.parameters:
        if param.name in out:
            continue
        if param.required:
            raise InputError(f"missing parameter '{param.name}'", where=query.where,
                             hint=f"pass -p {param.name} VALUE; valid parameters: {valid}")
        if param.default is not None:
            out[param.name] = (param, check_value(param.type, param.default))
    return out


# --------------------------------------------------------------------------
# Entities and bindings


def resolve_entity(engine, value: str, where: str) -> Term:
    """The IRI a user means, looked up in a query engine's graph (see match_entity).

    The graph's labels are read only when the value is neither an IRI nor an id the graph has: reading them all
    took 2 s of every parameterised query at a million triples.
    """
    def labels() -> Iterable[tuple[str, str]]:
        yield from engine.all_labels()

    return Term.uri(match_entity(value, engine.has_subject, labels(), where))


def match_entity(value: str, has: Callable[[str], bool], labels: Iterable[tuple[str, str]], where: str) -> str:
    """The IRI a user means: a record id, a CURIE, a full IRI or an exact label (any case).

    One rule for every command that takes an entity (query parameters, viz --focus,
    paths). A full IRI or CURIE is taken as given; an id or label must name
    something the graph has, and a label that names several things is an error
    listing them.
    """
    iri = _as_iri(value, where)
    if iri is not None:
        return iri
    from .prefixes import PREFIXES, curie

    if values.is_id(value) and has(PREFIXES["kgr"] + value):
        return PREFIXES["kgr"] + value
    labels = list(labels)
    wanted = " ".join(value.split()).casefold()
    matches = sorted({iri for iri, label in labels if " ".join(label.split()).casefold() == wanted})
    if len(matches) == 1:
        return matches[0]
    if matches:
        named = dict(labels)
        listed = ", ".join(f"{curie(m)} ({named[m]})" for m in matches[:10])
        raise InputError(f"'{value}' is the label of {len(matches)} things: {listed}", where=where,
                         hint="give the id or CURIE of the one you mean")
    import difflib

    names = {label: iri for iri, label in labels}
    names.update({curie(iri).removeprefix("kgr:"): iri for iri, _ in labels if iri.startswith(PREFIXES["kgr"])})
    close = sorted(n for n in names if wanted and wanted in n.casefold())[:3]
    close = close or difflib.get_close_matches(value, list(names), n=3, cutoff=0.6)
    hint = f"did you mean {', '.join(repr(c) for c in close)}? " if close else ""
    raise InputError(f"no entity with id or label '{value}'", where=where,
                     hint=hint + "give a record id, CURIE, IRI or exact label")


_IRI_BAD = re.compile(r'[\s<>"{}|^`\\]')


def _as_iri(value: str, where: str) -> str | None:
    """The IRI of an <IRI>, absolute IRI or project CURIE; None for anything else."""
    from .prefixes import expand

    text = value.strip()
    if text.startswith("<") and text.endswith(">"):
        iri = text[1:-1]
    elif expand(text) is not None:
        iri = expand(text)
    elif re.match(r"[A-Za-z][A-Za-z0-9+.-]*://", text) or text.startswith(("urn:", "mailto:")):
        iri = text
    else:
        return None
    if not iri or _IRI_BAD.search(iri):
        raise InputError(f"'{value}' is not a valid IRI", where=where, hint="IRIs have no spaces, quotes or brackets")
    return iri


def bindings(engine, query: StoredQuery, given) -> dict[str, Term]:
    """The terms to bind for -p NAME VALUE pairs, checked against the query's header."""
    out = {}
    for name, (param, value) in parse_params(query, given).items():
        if param.type == "entity":
            out[name] = resolve_entity(engine, value, f"{query.where}: parameter '{name}'")
        elif param.type == "iri":
            iri = _as_iri(value, f"{query.where}: parameter '{name}'")
            if iri is None:
                raise InputError(f"parameter '{name}': '{value}' is not an IRI or CURIE", where=query.where,
                                 hint="give <http://...>, http://... or prefix:name")
            out[name] = Term.uri(iri)
        else:
            out[name] = Term.literal(value, literal_datatype(param.type, value))
    return out
