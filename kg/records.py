"""Reading hand-written YAML data files into records that remember their lines.

Values are kept as the strings the analyst wrote; what they mean (a reference,
a date, a number) is decided later by the ontology, not by YAML's own typing,
so ``no`` stays "no" and ``2024-05`` stays a month.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from . import values
from .errors import InputError
from .inputs import MAX_DATA, read_text

RESERVED = ("id", "type", "evidence")
# C0/C1 controls other than tab and newline, lone surrogates and non-characters.
_UNPRINTABLE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


@dataclass(frozen=True)
class Where:
    """A file and line, printed as ``file:line``."""

    file: str
    line: int

    def __str__(self) -> str:
        return f"{self.file}:{self.line}"


@dataclass
class Value:
    """One value of a key: a string, or a nested node's fields."""

    text: str | None
    where: Where
    nested: dict[str, list[Value]] | None = None


@dataclass
class Evidence:
    source: str
    quote: str
    where: Where


@dataclass
class Record:
    """One record of a data file: a node of the graph and its evidence."""

    id: str
    where: Where
    types: list[Value] = field(default_factory=list)
    fields: dict[str, list[Value]] = field(default_factory=dict)
    evidence: list[Evidence] = field(default_factory=list)


class _Reader:
    def __init__(self, shown: str):
        self.shown = shown

    def where(self, node: yaml.Node) -> Where:
        return Where(self.shown, node.start_mark.line + 1)

    def fail(self, node: yaml.Node, message: str, hint: str | None = None) -> InputError:
        return InputError(message, where=str(self.where(node)), hint=hint)

    def text(self, node: yaml.Node, what: str) -> str:
        """A scalar's text, refused if it holds a character no data file needs (escaped controls, surrogates)."""
        bad = _UNPRINTABLE.search(node.value)
        if bad:
            raise self.fail(node, f"{what} holds the unprintable character U+{ord(bad.group()):04X}",
                            "remove it (check for \\u or \\x escapes in quoted text)")
        return node.value

    def mapping(self, node: yaml.Node, what: str) -> dict[str, tuple[yaml.Node, yaml.Node]]:
        if not isinstance(node, yaml.MappingNode):
            raise self.fail(node, f"{what} must be a mapping of keys to values")
        out: dict[str, tuple[yaml.Node, yaml.Node]] = {}
        for key, value in node.value:
            if not isinstance(key, yaml.ScalarNode) or not key.value:
                raise self.fail(key, f"{what} has a key that is not a plain name")
            self.text(key, "a key")
            if key.value in out:
                raise self.fail(key, f"duplicate key '{key.value}' in {what}", "each key once; use a list for several values")
            out[key.value] = (key, value)
        return out

    def scalar(self, node: yaml.Node, what: str) -> str:
        if not isinstance(node, yaml.ScalarNode):
            raise self.fail(node, f"{what} must be a single value, not a list or mapping")
        if node.tag == "tag:yaml.org,2002:null" and node.style is None and node.value in ("", "~", "null", "Null", "NULL"):
            raise self.fail(node, f"{what} is empty", "give a value or remove the key")
        return self.text(node, what)

    def values(self, node: yaml.Node, key: str) -> list[Value]:
        items = node.value if isinstance(node, yaml.SequenceNode) else [node]
        if not items:
            raise self.fail(node, f"'{key}' is an empty list", "give a value or remove the key")
        out = []
        for item in items:
            if isinstance(item, yaml.MappingNode):
                out.append(Value(None, self.where(item), self.nested(item, key)))
            else:
                out.append(Value(self.scalar(item, f"'{key}'"), self.where(item)))
        return out

    def nested(self, node: yaml.Node, key: str) -> dict[str, list[Value]]:
        fields = {}
        for name, (k, v) in self.mapping(node, f"the value of '{key}'").items():
            if name in ("id", "evidence"):
                raise self.fail(k, f"a nested node cannot have '{name}'", "make it a record of its own and refer to its id")
            fields[name] = self.values(v, name)
        return fields

    def evidence(self, node: yaml.Node, default_source: str | None) -> list[Evidence]:
        items = node.value if isinstance(node, yaml.SequenceNode) else [node]
        out = []
        for item in items:
            if isinstance(item, yaml.MappingNode):
                m = self.mapping(item, "an evidence item")
                unknown = sorted(set(m) - {"source", "quote"})
                if unknown:
                    raise self.fail(m[unknown[0]][0], f"unknown key '{unknown[0]}' in evidence",
                                    "an evidence item has only 'source' and 'quote'")
                if "quote" not in m:
                    raise self.fail(item, "evidence item without 'quote'", "add the verbatim words of the source")
                source = self.scalar(m["source"][1], "'source'") if "source" in m else default_source
                quote = self.scalar(m["quote"][1], "'quote'")
            else:
                source, quote = default_source, self.scalar(item, "an evidence quote")
            if source is None:
                raise self.fail(item, "evidence quote without a source",
                                "write it as {source: ID, quote: ...} or set 'source:' at the top of the file")
            out.append(Evidence(source, quote, self.where(item)))
        return out

    def record(self, node: yaml.Node, default_source: str | None) -> Record:
        m = self.mapping(node, "a record")
        if "id" not in m:
            raise self.fail(node, "record without 'id'", "add an id such as 'id: bedfordshire-police'")
        rid = self.scalar(m["id"][1], "'id'")
        if not values.is_id(rid):
            raise self.fail(m["id"][1], f"id '{rid}' is not a lower-case code", "use letters a-z, digits and hyphens")
        rec = Record(rid, self.where(node))
        for name, (_key, v) in m.items():
            if name == "id":
                continue
            if name == "type":
                rec.types = self.values(v, name)
            elif name == "evidence":
                rec.evidence = self.evidence(v, default_source)
            else:
                rec.fields[name] = self.values(v, name)
        return rec

    def document(self, root: yaml.Node | None) -> list[Record]:
        if root is None:
            return []
        default_source = None
        items = root
        if isinstance(root, yaml.MappingNode):
            top = self.mapping(root, "the file")
            unknown = sorted(set(top) - {"source", "records"})
            if unknown:
                raise self.fail(top[unknown[0]][0], f"unknown top-level key '{unknown[0]}'",
                                "a data file has 'source' and 'records'")
            if "source" in top:
                default_source = self.scalar(top["source"][1], "'source'")
            if "records" not in top:
                raise self.fail(root, "no 'records' list", "put the records under 'records:'")
            items = top["records"][1]
        if not isinstance(items, yaml.SequenceNode):
            raise self.fail(items, "'records' must be a list of records", "start each record with '- id: ...'")
        return [self.record(item, default_source) for item in items.value]


#: How deeply mappings and lists may nest; real data files need four or five levels.
MAX_DEPTH = 20


class _Refused(Exception):
    def __init__(self, message: str, hint: str, mark):
        super().__init__(message)
        self.message, self.hint, self.mark = message, hint, mark


#: The tags a value may carry: YAML's standard scalar, list and mapping tags (all read as text by kg).
STANDARD_TAGS = frozenset(f"tag:yaml.org,2002:{name}" for name in
                          ("str", "int", "float", "bool", "null", "timestamp", "seq", "map"))


class _Loader(yaml.SafeLoader):
    """PyYAML's safe composer, refusing anchors, aliases, tags and deep nesting.

    Anchors and aliases have no use in these files and are how a "billion
    laughs" file makes a reader do exponential work; nesting is bounded so a
    hostile file cannot exhaust the stack. A tag other than the standard ones
    (``!!binary``, ``!!python/...``, ``!local``, a ``%TAG`` directive) would be
    dropped silently by a reader that keeps the text, so it is refused.
    """

    depth = 0

    def compose_document(self):
        event = self.peek_event()
        if isinstance(event, yaml.DocumentStartEvent) and event.tags:
            raise _Refused("YAML %TAG directives are not allowed", "remove the %TAG line; values are plain text",
                           event.start_mark)
        return super().compose_document()

    def compose_node(self, parent, index):
        event = self.peek_event()
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
            raise _Refused("YAML anchors and aliases (& and *) are not allowed",
                           "write each value out in full", event.start_mark)
        tag = getattr(event, "tag", None)
        if tag not in (None, "!") and tag not in STANDARD_TAGS:
            raise _Refused(f"the YAML tag '{tag}' is not allowed", "remove the tag; kg reads every value as text",
                           event.start_mark)
        self.depth += 1
        try:
            if self.depth > MAX_DEPTH:
                raise _Refused(f"nested more than {MAX_DEPTH} levels deep", "flatten the record", event.start_mark)
            return super().compose_node(parent, index)
        finally:
            self.depth -= 1


def compose(text: str, shown: str, first_line: int = 1) -> yaml.Node | None:
    """The YAML node tree of ``text`` (anchors, tags and deep nesting refused), errors naming ``shown`` and the line
    (counted from ``first_line``, for YAML inside another file, such as a query's #+ header)."""
    try:
        return yaml.compose(text, Loader=_Loader)
    except _Refused as e:
        raise InputError(e.message, where=f"{shown}:{e.mark.line + first_line}", hint=e.hint) from None
    except yaml.MarkedYAMLError as e:
        mark = e.problem_mark or e.context_mark
        line = mark.line + first_line if mark else first_line
        problem = e.problem or e.context or "malformed YAML"
        if e.problem and e.context and not e.context.startswith("while"):  # "expected a single document ..."
            problem = f"{e.context}, {e.problem}"
        raise InputError(f"malformed YAML: {problem}", where=f"{shown}:{line}",
                         hint="check indentation, colons and quotes") from None
    except yaml.reader.ReaderError as e:
        line = text[: e.position].count("\n") + first_line
        code = e.character if isinstance(e.character, int) else ord(e.character)
        raise InputError(f"malformed YAML: unprintable character U+{code:04X}", where=f"{shown}:{line}",
                         hint="remove it or save the file as plain UTF-8 text") from None
    except yaml.YAMLError as e:
        raise InputError(f"malformed YAML: {e}", where=shown) from None
    except RecursionError:
        raise InputError(f"nested more than {MAX_DEPTH} levels deep", where=shown, hint="flatten it") from None


#: What sends a file to the checking composer above: anything that may be an anchor, alias, tag or
#: directive (``&``, ``*``, ``!`` after a space or bracket, ``%`` starting a line), or a character PyYAML's
#: reader refuses.
_SUSPECT = re.compile(r"(?:^|[\s\[{,:-])[&*!]|^%|[^\x09\x0A\x0D\x20-\x7E\x85\xA0-\uD7FF\uE000-\uFFFD\U00010000-\U0010ffff]",
                      re.MULTILINE)


def _plain_tree(root: yaml.Node) -> bool:
    """Whether a composed tree is one the checking composer accepts: no node reached twice (an alias), no
    tag beyond the standard ones, nesting within MAX_DEPTH. Plain scalars get PyYAML's style (None)."""
    seen: set[int] = set()
    stack = [(root, 1)]
    while stack:
        node, depth = stack.pop()
        if depth > MAX_DEPTH or id(node) in seen or node.tag not in STANDARD_TAGS:
            return False
        seen.add(id(node))
        if isinstance(node, yaml.ScalarNode):
            if node.style == "":  # libyaml's plain style; PyYAML's composer says None
                node.style = None
        elif isinstance(node, yaml.SequenceNode):
            stack.extend((child, depth + 1) for child in node.value)
        elif isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                stack.extend(((key, depth + 1), (value, depth + 1)))
    return True


def _fast_compose(text: str):
    """The node tree from libyaml (PyYAML's C parser, about 15x faster), for the plain files that are nearly all
    data; None when the file needs the checking composer: something :data:`_SUSPECT` matches, a tree it
    would refuse, or any error (so every message, and every refusal, is the checking composer's own)."""
    if not getattr(yaml, "__with_libyaml__", False) or _SUSPECT.search(text):
        return None
    try:
        root = yaml.compose(text, Loader=yaml.CSafeLoader)
    except (yaml.YAMLError, RecursionError, ValueError):
        return None
    if root is None:
        return _EMPTY
    return root if _plain_tree(root) else None


_EMPTY = object()


def read_records(path: Path, shown: str) -> list[Record]:
    """Read one data file; ``shown`` is how the file is named in messages."""
    text = read_text(path, shown, limit=MAX_DATA)
    reader = _Reader(shown)
    root = _fast_compose(text)
    if root is None:
        root = compose(text, shown)
    elif root is _EMPTY:
        root = None
    return reader.document(root)
