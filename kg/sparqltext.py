"""Reading SPARQL query text without a parser: query form, projection, ORDER BY.

kg query must start without rdflib, and pyoxigraph exposes no query algebra,
so the few facts kg needs about a query are read from its text after blanking
strings, IRIs and comments (so a quote that says "ORDER BY" is not mistaken for
the keyword) and, where it matters, ignoring everything inside braces.
"""

from __future__ import annotations

import re

_TOKENS = re.compile(
    r'"""[\s\S]*?"""|\'\'\'[\s\S]*?\'\'\'|"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\''
    r'|<[^<>"{}|^`\\\s]*>|#[^\n]*')


def blank(text: str) -> str:
    """The query with strings, IRIs and comments replaced by spaces (same length, same line breaks)."""
    return _TOKENS.sub(lambda m: re.sub(r"[^\n]", " ", m.group(0)), text)


def top_level(text: str) -> str:
    """The blanked query with everything inside braces removed."""
    out, depth = [], 0
    for ch in blank(text):
        if ch == "{":
            depth += 1
            if depth == 1:
                out.append("{")
        elif ch == "}":
            depth -= 1
            if depth == 0:
                out.append("}")
        elif depth == 0:
            out.append(ch)
    return "".join(out)


def query_form(text: str) -> str:
    found = re.search(r"\b(SELECT|ASK|CONSTRUCT|DESCRIBE)\b", blank(text), re.IGNORECASE)
    return found.group(1).upper() if found else "SELECT"


def has_order_by(text: str) -> bool:
    return re.search(r"\bORDER\s+BY\b", top_level(text), re.IGNORECASE) is not None


def projected_variables(text: str) -> set[str] | None:
    """Variables the top-level SELECT projects as themselves; None for SELECT *."""
    top = top_level(text)
    found = re.search(r"\bSELECT\b(.*?)(\bWHERE\b|\{|$)", top, re.IGNORECASE | re.DOTALL)
    if not found:
        return set()
    clause = found.group(1)
    if re.match(r"\s*(DISTINCT|REDUCED)?\s*\*", clause, re.IGNORECASE):
        return None
    depth, plain = 0, []
    for ch in clause:
        depth += ch == "("
        depth -= ch == ")"
        plain.append(ch if depth == 0 and ch != ")" else " ")
    return set(re.findall(r"[?$]([A-Za-z0-9_]+)", "".join(plain)))
