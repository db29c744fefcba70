"""The node tree of a stored query's ``#+`` header, read without PyYAML when the header keeps to a small subset.

Every ``kg query NAME`` reads one header, and importing PyYAML (with kg.records' checking composer) costs
more than reading it: about a sixth of a cold command on the article project. The headers the project
writes use a small, strict subset of YAML, which :func:`read_plain` reads by lines:

- ``key: plain text`` on one line (a plain scalar that cannot mean anything else in YAML: it does not
  start with an indicator such as ``- ? : , [ ] { } # & * ! | > ' " % @ `` or a backquote, holds no
  ``": "`` nor ``" #"``, and only characters PyYAML's reader accepts); ``null`` or ``~`` is YAML's null;
- ``key: >-`` followed by lines indented alike, none blank (a folded block);
- ``key:`` followed by a list of mappings written ``  - key: ...`` with their other keys two spaces
  further in (the parameters).

Anything else (comments, quotes, flow collections, anchors, tags, other indentation, blank lines, tabs)
makes it return None, and the header goes to PyYAML through kg.records' checking composer as before, so
a hostile or unusual header is read, or refused, exactly as it was. Both readers give the same
:class:`Node` tree for what the subset reads (tests/test_queries.py compares them on every stored query
and on a table of hostile headers).
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Node:
    """A header node: a mapping (value: list of (key, value) node pairs), a list, or text.

    ``line`` counts from 0 at the header's first line (as PyYAML's marks do); ``null`` marks YAML's null."""

    kind: str  # "mapping", "sequence" or "scalar"
    value: object
    line: int
    null: bool = False


def from_yaml(node) -> Node:
    """A PyYAML node tree as a :class:`Node` tree."""
    import yaml

    line = node.start_mark.line
    if isinstance(node, yaml.MappingNode):
        return Node("mapping", [(from_yaml(k), from_yaml(v)) for k, v in node.value], line)
    if isinstance(node, yaml.SequenceNode):
        return Node("sequence", [from_yaml(item) for item in node.value], line)
    return Node("scalar", str(node.value), line, null=node.tag.endswith(":null"))


_KEY = re.compile(r"( *)([A-Za-z_][A-Za-z0-9_]*):(?: (.*))?")
#: Characters outside a plain header: C0 and C1 controls (tab and NEL among them), surrogates, the BOM and
#: the two non-characters PyYAML's reader refuses. (A negated class: the positive one, ranges up to U+FFFD,
#: takes re 25 ms to compile, more than the whole header.)
_CONTROL = r"\x00-\x1F\x7F-\x9F\uD800-\uDFFF\uFEFF\uFFFE\uFFFF"
#: A plain scalar that YAML reads as this very text: no indicator first, no ': ' or ' #' inside, no space or
#: colon last.
_PLAIN = re.compile(rf"(?![-?:,\[\]{{}}#&*!|>'\"%@`])(?:(?!: | #)[^{_CONTROL}])*[^{_CONTROL} :]")
_FOLDED_LINE = re.compile(rf"( +)([^{_CONTROL} ][^{_CONTROL}]*)")
_NULLS = frozenset(("null", "Null", "NULL", "~"))


class _Decline(Exception):
    """The header uses more than the subset."""


def read_plain(header: str) -> Node | None:
    """The header's node tree if it keeps to the subset above, else None (then PyYAML reads it)."""
    lines = header.split("\n")
    try:
        root, end = _mapping(lines, 0, 0)
    except _Decline:
        return None
    return root if end == len(lines) and root.value else None


def _mapping(lines: list[str], i: int, indent: int) -> tuple[Node, int]:
    """The mapping whose keys stand at ``indent`` from line ``i``; it ends at a line further out."""
    items: list = []
    start = i
    while i < len(lines):
        if items and _indent(lines[i]) < indent:
            break
        m = _KEY.fullmatch(lines[i])
        if m is None or len(m.group(1)) != indent:
            raise _Decline
        key, rest = Node("scalar", m.group(2), i), m.group(3)
        if rest is None:
            value, i = _sequence(lines, i + 1, indent + 2)
        elif rest == ">-":
            value, i = _folded(lines, i, indent)
        elif _PLAIN.fullmatch(rest):
            value, i = Node("scalar", rest, i, null=rest in _NULLS), i + 1
        else:
            raise _Decline
        items.append((key, value))
    return Node("mapping", items, start), i


def _sequence(lines: list[str], i: int, indent: int) -> tuple[Node, int]:
    """A list of mappings, each opened by '- ' at ``indent``, its keys two columns further in."""
    items = []
    start = i
    dash = " " * indent + "- "
    while i < len(lines) and lines[i].startswith(dash):
        # the item's first key read as if the dash were spaces
        opened = lines[:i] + [" " * (indent + 2) + lines[i][indent + 2:]] + lines[i + 1:]
        item, i = _mapping(opened, i, indent + 2)
        items.append(item)
    if not items:
        raise _Decline
    return Node("sequence", items, start), i


def _folded(lines: list[str], i: int, indent: int) -> tuple[Node, int]:
    """A ``>-`` block: its lines indented alike (deeper than the key), none blank, joined by spaces."""
    start = i
    words = []
    depth = None
    i += 1
    while i < len(lines) and lines[i].strip() and _indent(lines[i]) > indent:
        m = _FOLDED_LINE.fullmatch(lines[i])
        if m is None or (depth is not None and len(m.group(1)) != depth):
            raise _Decline
        depth = len(m.group(1))
        words.append(m.group(2).rstrip(" "))
        i += 1
    if not words:
        raise _Decline
    return Node("scalar", " ".join(words), start), i


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))
