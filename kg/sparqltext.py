"""Reading SPARQL query text as the engine reads it: tokens, query form, projection, ORDER BY, network clauses.

``kg query`` must start without rdflib, and pyoxigraph exposes no query algebra,
so the few facts kg needs about a query are read from its tokens. The tokeniser
follows the terminals of the SPARQL 1.1 grammar (section 19.8) where they
decide what is hidden from the keyword scan, and errs on the side of showing
more text to the scan where pyoxigraph's parser is more lenient than the grammar:

- whitespace is only space, tab, CR and LF (the grammar's WS); U+00A0, U+2003
  and the like are neither whitespace nor a token separator;
- an IRIREF is ``<`` then no ``<>"{}|^`\\`` and no character U+0000-U+0020, then
  ``>`` (``\\u`` escapes allowed); pyoxigraph accepts no IRI that this refuses, so
  a ``#`` inside an IRI it accepts never starts a comment here;
- strings accept every escape (a superset of the engine), for the same reason;
- prefixed names include ``\\#``-style escapes and ``:`` in the local part;
- a comment is ``#`` outside an IRI, string or name, to the end of the line.

pyoxigraph matches keywords without a word boundary (``SELECT*{}``,
``FROM:g`` for FROM ``:g``, ``fromage:x`` for FROM ``age:x``), so a keyword
is found at the start of any name token, not only as a whole token.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

_BASE_ASCII = "A-Za-z"
_BASE = (_BASE_ASCII + "\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u02ff\u0370-\u037d\u037f-\u1fff\u200c-\u200d"
         "\u2070-\u218f\u2c00-\u2fef\u3001-\ud7ff\uf900-\ufdcf\ufdf0-\ufffd\U00010000-\U000effff")
_UCHAR = r"\\u[0-9A-Fa-f]{4}|\\U[0-9A-Fa-f]{8}"
_PLX = r"%[0-9A-Fa-f]{2}|\\[_~.\-!$&'()*+,;=/?#@%]"


def _token_pattern(base: str, extra: str) -> str:
    """The tokeniser for names over ``base`` letters (``extra``: the grammar's further non-ASCII name characters)."""
    u = base + "_"
    chars = u + "\\-0-9" + extra
    prefix = rf"[{base}](?:[{chars}.]*[{chars}])?"
    local = rf"(?:[{u}:0-9]|{_PLX})(?:(?:[{chars}.:]|{_PLX})*(?:[{chars}:]|{_PLX}))?"
    return "|".join(f"(?P<{kind}>{pattern})" for kind, pattern in (
        ("ws", r"[ \t\r\n]+"),
        ("comment", r"#[^\r\n]*"),
        ("iri", rf"<(?:[^<>\"{{}}|^`\\\x00-\x20]|{_UCHAR})*>"),
        ("string", r'"""(?:(?:"|"")?(?:[^"\\]|\\[\s\S]))*"""' r"|'''(?:(?:'|'')?(?:[^'\\]|\\[\s\S]))*'''"
                   r'|"(?:[^"\\\r\n]|\\[^\r\n])*"' r"|'(?:[^'\\\r\n]|\\[^\r\n])*'"),
        ("var", rf"[?$][{u}0-9][{u}0-9{extra}]*"),
        ("bnode", rf"_:[{u}0-9](?:[{chars}.]*[{chars}])?"),
        ("pname", rf"(?:{prefix})?:(?:{local})?"),
        ("word", rf"[{base}][{chars}]*"),
        ("lang", r"@[a-zA-Z]+(?:-[a-zA-Z0-9]+)*"),
        ("number", r"[0-9]*\.?[0-9]+(?:[eE][+-]?[0-9]+)?|[0-9]+\.[0-9]*(?:[eE][+-]?[0-9]+)?"),
        ("punct", r"\^\^|\|\||&&|!=|<=|>=|[{}()\[\].,;*+\-/!=<>|^?&]"),
        ("other", r"[\s\S]"),
    ))


#: For text that is all ASCII: the same tokens (the grammar's other letters cannot occur in it), and a pattern that
#: compiles in a millisecond, where the full one's large character classes take a tenth of a second at start-up.
_TOKEN_ASCII = re.compile(_token_pattern(_BASE_ASCII, ""))


@lru_cache(maxsize=1)
def _token_full() -> re.Pattern:
    return re.compile(_token_pattern(_BASE, "\u00b7\u0300-\u036f\u203f-\u2040"))


_HIDDEN = frozenset({"ws", "comment", "iri", "string"})  # text no keyword scan may look into
_NAMES = frozenset({"word", "pname"})


@dataclass(frozen=True)
class Token:
    kind: str
    text: str
    start: int
    depth: int  # how many braces enclose it


@lru_cache(maxsize=64)
def tokens(text: str) -> tuple[Token, ...]:
    """Every token of the text, whitespace and comments included, with its brace depth."""
    out, depth = [], 0
    for m in (_TOKEN_ASCII if text.isascii() else _token_full()).finditer(text):
        kind, value = m.lastgroup, m.group()
        if value == "}":
            depth = max(depth - 1, 0)
        out.append(Token(kind, value, m.start(), depth))
        if value == "{":
            depth += 1
    return tuple(out)


def significant(text: str) -> list[Token]:
    return [t for t in tokens(text) if t.kind not in ("ws", "comment")]


@lru_cache(maxsize=64)
def blank(text: str) -> str:
    """The query with strings, IRIs and comments replaced by spaces (same length, same line breaks).

    Cached, as :func:`tokens` is: a command asks for the same query's blanked text four or five times."""
    parts = []
    for t in tokens(text):
        if t.kind not in ("iri", "string", "comment"):
            parts.append(t.text)
        else:  # (a regular expression only for the rare hidden text with a line break in it)
            parts.append(" " * len(t.text) if "\n" not in t.text else _NOT_LINE_BREAK.sub(" ", t.text))
    return "".join(parts)


_NOT_LINE_BREAK = re.compile(r"[^\n]")


def top_level(text: str) -> str:
    """The blanked query with everything inside braces removed (the braces of depth 1 kept)."""
    parts = []
    for t in tokens(text):
        if t.depth == 0:
            parts.append(" " * len(t.text) if t.kind in ("iri", "string", "comment") else t.text)
    return "".join(parts)


def _starts(token: Token, keyword: str) -> bool:
    """Whether a name token begins with the keyword, compared as pyoxigraph does (ASCII case only)."""
    head = token.text[:len(keyword)]
    return token.kind in _NAMES and head.isascii() and head.upper() == keyword


def _prologue_end(sig: list[Token]) -> int:
    """Index of the first token after BASE / PREFIX / VERSION declarations."""
    i = 0
    while i < len(sig):
        t = sig[i]
        nxt = sig[i + 1] if i + 1 < len(sig) else None
        if t.kind == "word" and t.text.upper() == "BASE" and nxt is not None and nxt.kind == "iri":
            i += 2
        elif t.kind == "word" and t.text.upper() == "VERSION" and nxt is not None and nxt.kind == "string":
            i += 2
        elif (t.kind == "word" and t.text.upper() == "PREFIX" and nxt is not None and nxt.kind == "pname"
              and nxt.text.endswith(":") and i + 2 < len(sig) and sig[i + 2].kind == "iri"):
            i += 3
        elif t.kind == "pname" and _starts(t, "PREFIX") and t.text.endswith(":") and nxt is not None and nxt.kind == "iri":
            i += 2  # PREFIXex: <...>, which pyoxigraph reads as PREFIX ex: <...>
        else:
            return i
    return i


QUERY_FORMS = ("SELECT", "CONSTRUCT", "DESCRIBE", "ASK")
UPDATE_WORDS = ("INSERT", "DELETE", "LOAD", "CLEAR", "CREATE", "DROP", "COPY", "MOVE", "ADD", "WITH")


def query_form(text: str) -> str | None:
    """SELECT, CONSTRUCT, DESCRIBE or ASK; UPDATE for a SPARQL update; None if it is neither.

    The form is the first keyword after the prologue, so ``PREFIX ask: <...>``
    or a string that says "ASK" does not change it.
    """
    sig = significant(text)
    i = _prologue_end(sig)
    if i < len(sig):
        for form in (*QUERY_FORMS, *UPDATE_WORDS):
            if _starts(sig[i], form):
                return "UPDATE" if form in UPDATE_WORDS else form
    return None


def has_order_by(text: str) -> bool:
    sig = [t for t in significant(text) if t.depth == 0]
    return any(_starts(a, "ORDER") and (a.text.upper() == "ORDERBY" or (a.text.upper() == "ORDER" and _starts(b, "BY")))
               for a, b in zip(sig, [*sig[1:], Token("ws", "", 0, 0)], strict=True))


def projected_variables(text: str) -> set[str] | None:
    """Variables the top-level SELECT projects as themselves; None for SELECT *."""
    sig = [t for t in significant(text) if t.depth == 0]
    start = next((i for i, t in enumerate(sig) if _starts(t, "SELECT")), None)
    if start is None:
        return set()
    out: set[str] = set()
    parens = 0
    for t in sig[start + 1:]:
        if t.text == "{" or (parens == 0 and (_starts(t, "WHERE") or _starts(t, "FROM"))):
            break
        if t.text == "*" and parens == 0:
            return None
        parens += (t.text == "(") - (t.text == ")")
        if t.kind == "var" and parens == 0:
            out.add(t.text[1:])
    return out


def network_clause(text: str) -> tuple[str, int] | None:
    """The first SERVICE, FROM or LOAD the engine could read in the query, with its offset; None if none.

    SERVICE can stand anywhere in a graph pattern; FROM (a dataset clause) and
    LOAD (an update) only outside braces, so ``?s load:from ?o`` is not one.
    The name declared by ``PREFIX from: <...>`` is not one either.
    """
    sig = significant(text)
    declared = {i + 1 for i, t in enumerate(sig[:-1]) if t.kind == "word" and t.text.upper() == "PREFIX"}
    for i, t in enumerate(sig):
        if t.kind not in _NAMES or i in declared:
            continue
        if _starts(t, "SERVICE"):
            return "SERVICE", t.start
        if t.depth == 0 and (_starts(t, "FROM") or _starts(t, "LOAD")):
            return ("FROM" if _starts(t, "FROM") else "LOAD"), t.start
    return None


_ESCAPE = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")


def unescape(text: str) -> str:
    """SPARQL's \\u and \\U escapes expanded, as an engine may do before it reads keywords."""
    def expand(m: re.Match) -> str:
        code = int(m.group(1) or m.group(2), 16)
        return chr(code) if code <= 0x10FFFF and not 0xD800 <= code <= 0xDFFF else m.group(0)

    return _ESCAPE.sub(expand, text)
