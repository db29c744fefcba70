"""Refusing to touch the network on a file's say-so.

rdflib fetches remote JSON-LD contexts and would follow external entities if
asked; an untrusted file must not make kg send a request. Files are checked as
text before any parser sees them, and refused with a message naming
``--allow-network`` as the way to permit it.
"""

from __future__ import annotations

import json
import re

from .errors import NetworkRefused

_HINT = "kg never fetches what a file names; pass --allow-network to permit it"
_DOCTYPE = re.compile(r"<!DOCTYPE|<!ENTITY", re.IGNORECASE)


def _remote_contexts(node, found: list[str]) -> None:
    if isinstance(node, dict):
        for key, value in node.items():
            if key in ("@context", "@import"):
                _context_urls(value, found)
            _remote_contexts(value, found)
    elif isinstance(node, list):
        for item in node:
            _remote_contexts(item, found)


def _context_urls(value, found: list[str]) -> None:
    if isinstance(value, str):
        found.append(value)
    elif isinstance(value, list):
        for item in value:
            _context_urls(item, found)
    elif isinstance(value, dict):
        if isinstance(value.get("@import"), str):
            found.append(value["@import"])


def check_rdf_text(text: str, fmt: str, where: str, *, allow_network: bool = False) -> None:
    """Raise NetworkRefused if parsing ``text`` as ``fmt`` would fetch anything."""
    if allow_network:
        return
    if fmt == "json-ld":
        try:
            doc = json.loads(text)
        except json.JSONDecodeError as e:
            from .errors import InputError

            raise InputError(f"cannot parse json-ld: {e.msg}", where=f"{where}:{e.lineno}",
                             hint="fix the JSON syntax") from None
        found: list[str] = []
        _remote_contexts(doc, found)
        if found:
            raise NetworkRefused(f"refused remote JSON-LD context '{found[0]}'", where=where, hint=_HINT)
    elif fmt == "xml" and _DOCTYPE.search(text):
        raise NetworkRefused("refused RDF/XML with a DOCTYPE or entity declaration (external entities)",
                             where=where, hint=_HINT)


_SPARQL_STRINGS = re.compile(
    r'"""[\s\S]*?"""|\'\'\'[\s\S]*?\'\'\'|"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\''
    r'|<[^<>"{}|^`\\\s]*>|#[^\n]*')
_SPARQL_NETWORK = re.compile(r"\b(SERVICE|LOAD)\b", re.IGNORECASE)


def check_sparql(query: str, where: str, *, allow_network: bool = False) -> None:
    """Refuse SPARQL that would reach out: SERVICE (federated query) and LOAD.

    Strings, IRIs and comments are blanked first so a label that says "service"
    is not mistaken for the keyword.
    """
    if allow_network:
        return
    bare = _SPARQL_STRINGS.sub(" ", query)
    found = _SPARQL_NETWORK.search(bare)
    if found:
        raise NetworkRefused(f"refused SPARQL {found.group(1).upper()}, which fetches from the network",
                             where=where, hint=_HINT)
