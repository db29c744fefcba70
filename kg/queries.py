"""Stored SPARQL queries: files in queries/ that anyone can run by name, read and copy.

A stored query is ``queries/<name>.rq``: standard SPARQL 1.1 that opens with a
``#+`` YAML comment header (the grlc convention, so the file stays valid SPARQL)::

    #+ summary: What a person was quoted as saying, with the source of each quote.
    #+ description: >-
    #+   One row per quotation ...
    #+ parameters:
    #+   - name: person
    #+     type: entity
    #+     description: The person quoted (id, CURIE, IRI or exact label).

A parameter is a variable the query SELECTs (``?person``). Its value is bound
to that variable by the engine (pyoxigraph ``substitutions``, rdflib
``initBindings``), never pasted into the query text. A parameter without
``default`` is required; ``default: null`` leaves the variable unbound, so the
query answers for every value.

The header is checked strictly: an unknown key, a missing summary, a parameter
the query does not select or a default of the wrong type is an InputError naming
the file and line, not a warning.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import InputError
from .params import TYPES, bindings, check_value
from .prefixes import QUERY_PREFIXES as _PREDECLARED
from .queryheader import Node, from_yaml, read_plain
from .results import Results
from .sparqltext import blank, has_order_by, projected_variables, query_form

if TYPE_CHECKING:  # pragma: no cover
    from .limits import Limits

HEADER_KEYS = ("summary", "description", "parameters", "order", "section")
PARAMETER_KEYS = ("name", "type", "description", "default")
_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


@dataclass(frozen=True)
class Parameter:
    name: str
    type: str
    description: str
    default: str | None = None
    required: bool = True

    def usage(self) -> str:
        need = "required" if self.required else ("optional" if self.default is None else f"default {self.default}")
        return f"{self.name} ({self.type}, {need})"


@dataclass(frozen=True)
class StoredQuery:
    """A query and what its header says about it."""

    name: str
    text: str
    where: str
    summary: str = ""
    description: str = ""
    parameters: tuple[Parameter, ...] = field(default_factory=tuple)
    #: Given with -e or --file rather than stored in queries/: a shorter default time limit (kg.limits).
    ad_hoc: bool = False
    order: int | None = None
    section: str = ""
    #: PREFIX declarations run before the text (the project prefixes, for every query that does not declare them).
    prologue: str = ""

    def parameter(self, name: str) -> Parameter | None:
        return next((p for p in self.parameters if p.name == name), None)

    @property
    def form(self) -> str | None:
        """SELECT, ASK, CONSTRUCT or DESCRIBE as the parser reads it; UPDATE for an update; None if neither."""
        return query_form(self.text)

    @property
    def ordered(self) -> bool:
        """Whether the query orders its own rows (a top-level ORDER BY)."""
        return has_order_by(self.text)


# --------------------------------------------------------------------------
# Finding stored queries


def query_files(queries_dir: Path) -> list[Path]:
    return sorted(Path(queries_dir).glob("*.rq"))


def list_queries(queries_dir: Path, shown=str) -> list[StoredQuery]:
    """Every stored query in the folder, headers checked; sorted by name."""
    return [read_query(path, shown(path)) for path in query_files(queries_dir)]


def load_query(queries_dir: Path, name: str, shown=str) -> StoredQuery:
    """The stored query called ``name``; an unknown name lists close matches."""
    path = Path(queries_dir) / f"{name}.rq"
    if not _NAME_OK.fullmatch(name) or not os.path.lexists(path):
        names = [p.stem for p in query_files(queries_dir)]
        import difflib

        close = difflib.get_close_matches(name, names, n=3, cutoff=0.5)
        hint = f"did you mean {', '.join(close)}? " if close else ""
        raise InputError(f"no stored query '{name}'", where=shown(Path(queries_dir)),
                         hint=hint + "run kg queries to list them")
    return read_query(path, shown(path))


_NAME_OK = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]*")


def read_query(path: Path, where: str | None = None, *, require_header: bool = True) -> StoredQuery:
    """Read and check a query file; a stored query must have a #+ header."""
    from .inputs import MAX_QUERY, read_text

    where = where or str(path)
    text = read_text(path, where, limit=MAX_QUERY)
    return parse_query(text, where, name=Path(path).stem, require_header=require_header)


# --------------------------------------------------------------------------
# The header


def parse_query(text: str, where: str, *, name: str = "query", require_header: bool = False) -> StoredQuery:
    """A query with its header parsed and checked; ``where`` names the file in errors."""
    lines = text.splitlines()
    first = next((i for i, line in enumerate(lines) if line.strip()), None)
    start = first if first is not None and lines[first].startswith("#+") else None
    if start is None:
        if require_header:
            raise InputError("no #+ header", where=f"{where}:1",
                             hint="open the file with '#+ summary: ...' and '#+ description: ...' lines")
        _check_body(text, where)
        return _with_prefixes(StoredQuery(name, text, where))
    end = start
    while end < len(lines) and lines[end].startswith("#+"):
        end += 1
    header = _Header(where, start + 1)
    meta = header.read("\n".join(_unprefix(line) for line in lines[start:end]))
    _check_body(text, where)
    params = tuple(header.parameters(meta.get("parameters"), text))
    return _with_prefixes(StoredQuery(name, text, where, meta["summary"], meta["description"], params,
                                      order=meta["order"], section=meta["section"]))


def _unprefix(line: str) -> str:
    line = line[2:]
    return line[1:] if line.startswith(" ") else line


def _check_body(text: str, where: str) -> None:
    if not blank(text).strip():
        raise InputError("the query is empty", where=where, hint="write a SELECT or ASK query after the header")


class _Header:
    """Reads the YAML of a #+ header, keeping each value's line in the query file."""

    def __init__(self, where: str, first_line: int):
        self.where = where
        self.first = first_line

    def fail(self, node, message: str, hint: str):
        line = self.first + (node.line if node is not None else 0)
        raise InputError(message, where=f"{self.where}:{line}", hint=hint)

    def read(self, header: str) -> dict:
        root = read_plain(header)
        if root is None:  # more than the subset kg.queryheader reads: PyYAML, through the checking composer
            from .records import compose

            try:
                composed = compose(header, self.where, self.first)
            except InputError as e:
                raise InputError(f"bad #+ header: {e.message}", where=e.where,
                                 hint="the #+ lines must be YAML") from None
            root = from_yaml(composed) if composed is not None else None
        if root is None or root.kind != "mapping":
            self.fail(root, "the #+ header must be a YAML mapping", "write 'summary:' and 'description:' keys")
        fields = self.mapping(root, HEADER_KEYS, "header key")
        meta: dict = {"parameters": fields.get("parameters")}
        for key in ("summary", "description"):
            if key not in fields:
                self.fail(root, f"the #+ header has no '{key}'", f"add '#+ {key}: ...'")
            meta[key] = self.text(fields[key], key)
        meta["section"] = self.text(fields["section"], "section") if "section" in fields else ""
        meta["order"] = self.number(fields["order"], "order") if "order" in fields else None
        return meta

    def number(self, node: Node, key: str) -> int:
        value = node.value if node.kind == "scalar" else ""
        if not re.fullmatch(r"[0-9]{1,6}", value):
            self.fail(node, f"'{key}' must be a whole number", f"write '{key}: 10' (lower numbers come first)")
        return int(value)

    def mapping(self, node: Node, allowed: tuple[str, ...], what: str) -> dict:
        out: dict = {}
        for key_node, value_node in node.value:
            key = key_node.value if key_node.kind == "scalar" else None
            if key not in allowed:
                self.fail(key_node, f"unknown {what} '{key}'", f"allowed: {', '.join(allowed)}")
            if key in out:
                self.fail(key_node, f"{what} '{key}' given twice", "keep one")
            out[key] = value_node
        return out

    def text(self, node: Node, key: str) -> str:
        if node.kind != "scalar" or node.null or not node.value.strip():
            self.fail(node, f"'{key}' must be non-empty text", f"write '{key}: ...'")
        return " ".join(node.value.split())

    def parameters(self, node: Node | None, text: str):
        if node is None:
            return
        if node.kind != "sequence":
            self.fail(node, "'parameters' must be a list of mappings", "write '- name: ...' items")
        if node.value and query_form(text) != "SELECT":
            self.fail(node, "only SELECT queries take parameters", "bind parameters to variables the SELECT names")
        selected = projected_variables(text)
        seen: set[str] = set()
        for item in node.value:
            param = self.parameter(item, selected)
            if param.name in seen:
                self.fail(item, f"parameter '{param.name}' declared twice", "keep one")
            seen.add(param.name)
            yield param

    def parameter(self, item: Node, selected: set[str] | None) -> Parameter:
        if item.kind != "mapping":
            self.fail(item, "each parameter must be a mapping", "give name, type and description")
        fields = self.mapping(item, PARAMETER_KEYS, "parameter key")
        for key in ("name", "type", "description"):
            if key not in fields:
                self.fail(item, f"parameter has no '{key}'", "give name, type and description")
        name = self.text(fields["name"], "name")
        if not _NAME.fullmatch(name):
            self.fail(fields["name"], f"bad parameter name '{name}'", "use letters, digits and _")
        if selected is not None and name not in selected:
            self.fail(fields["name"], f"parameter '{name}' is not a variable the query selects",
                      f"add ?{name} to the SELECT clause and use it in the WHERE clause")
        ptype = self.text(fields["type"], "type")
        if ptype not in TYPES:
            self.fail(fields["type"], f"unknown parameter type '{ptype}'", f"use one of {', '.join(TYPES)}")
        description = self.text(fields["description"], "description")
        if "default" not in fields:
            return Parameter(name, ptype, description)
        node = fields["default"]
        if node.kind != "scalar":
            self.fail(node, "a default must be a single value", "write 'default: VALUE' or 'default: null'")
        if node.null:
            return Parameter(name, ptype, description, None, required=False)
        try:
            check_value(ptype, node.value)
        except ValueError as e:
            self.fail(node, f"default of '{name}': {e}", f"give {TYPES[ptype]}")
        return Parameter(name, ptype, description, node.value, required=False)


# --------------------------------------------------------------------------
# Running


def run(engine, query: StoredQuery, given=(), *, allow_network: bool = False, limits: Limits | None = None,
        fmt: str | None = None) -> Results | str:
    """Run a query with its parameters bound; rows in the query's ORDER BY, else in the engine's fixed order.

    pyoxigraph gives the rows of a query without ORDER BY in an order fixed by the
    store's contents (the same store gives the same bytes every time), so they are
    passed on as they come: sorting every row cost more than the query at scale. An
    engine without such an order (rdflib, a remote endpoint) has its rows sorted.

    The query runs under ``limits`` (default: Limits.for_query, by whether the
    query is ad hoc) in a child process that cannot reach the network unless
    ``allow_network`` (see kg.limits).

    With ``fmt`` ("csv" or "tsv"), the answer may come back already written in that
    format (text), when the engine writes exactly what kg.results would
    (``engine.written``: pyoxigraph on a built store); otherwise it is Results.
    """
    from .limits import Limits, run_bounded
    from .safety import check_sparql

    check_sparql(query.text, query.where, allow_network=allow_network)
    if query.form == "UPDATE":
        raise InputError("kg queries are read-only: this is a SPARQL update", where=query.where,
                         hint="kg runs SELECT, ASK, CONSTRUCT and DESCRIBE; change the data files and run kg build")
    bound = bindings(engine, query, list(given))
    limits = limits or Limits.for_query(query.ad_hoc)
    text = f"{query.prologue}\n{query.text}" if query.prologue else query.text
    native = (fmt is not None and hasattr(engine, "written") and query.form == "SELECT"
              and projected_variables(query.text) is not None)

    def work():
        written = engine.written(text, bound, query.where, fmt) if native else None
        return written if written is not None else engine.query(text, bound, query.where)

    try:
        results = run_bounded(work, limits, allow_network=allow_network, where=query.where)
    except InputError as e:
        raise _explained(e, query) from None
    if isinstance(results, str):
        return results
    if query.form == "SELECT" and projected_variables(query.text) is None:
        results.variables = _in_order_of_appearance(query.text, results.variables)
    return results if query.ordered or getattr(engine, "fixed_order", False) else results.sorted()


def _explained(error: InputError, query: StoredQuery) -> InputError:
    """A syntax error in the user's terms: an undeclared prefix named, positions in their text, no long lists."""
    from .prefixes import declared_prefixes, undeclared_prefixes

    if not error.message.startswith("invalid SPARQL"):
        return error
    missing = undeclared_prefixes(query.text, declared_prefixes(query.prologue))
    if missing:
        prefix, line, column = missing[0]
        return InputError(f"prefix '{prefix}:' is not declared", where=f"{query.where}:{line}:{column}",
                          hint=f"add 'PREFIX {prefix}: <IRI>' at the top; kg declares "
                               f"{', '.join(_PREDECLARED)} for you")
    message = error.message
    if query.prologue:  # the prologue is one line of its own: say positions as the user's text has them
        message = re.sub(r"error at (\d+):(\d+)", lambda m: f"error at {int(m.group(1)) - 1}:{m.group(2)}", message)
    if len(message) > 160:
        message = message[:150].rstrip() + " …"
    return InputError(message, where=error.where, hint=error.hint)


def _in_order_of_appearance(text: str, variables: list[str]) -> list[str]:
    """SELECT * columns in the order the variables first appear, whatever the engine's order."""
    bare = blank(text)
    first = {}
    for found in re.finditer(r"[?$]([A-Za-z0-9_]+)", bare):
        first.setdefault(found.group(1), found.start())
    return sorted(variables, key=lambda v: (first.get(v, len(bare)), v))


def pick_query(project, name: str | None = None, file: str | Path | None = None, text: str | None = None) -> StoredQuery:
    """The query a command names: a stored query NAME, a query file, or SPARQL text (exactly one)."""
    given = [x for x in (name, file, text) if x is not None]
    if len(given) != 1:
        raise InputError("give a stored query NAME, or --file Q.rq, or -e 'SPARQL' (one of them)", where="kg query",
                         hint="run kg queries to list the stored queries")
    if name is not None:
        return load_query(project.queries_dir, name, project.shown)
    if file is not None:
        return replace(read_query(Path(file), str(file), require_header=False), ad_hoc=True)
    return replace(parse_query(text or "", "-e query"), ad_hoc=True)


def _with_prefixes(query: StoredQuery) -> StoredQuery:
    """A query with the project's prefixes declared for it, unless it declares them itself."""
    import dataclasses

    from .prefixes import prologue

    return dataclasses.replace(query, prologue=prologue(query.text))


def query(name: str, params: dict[str, str] | None = None, project=None, *, data: str | Path | None = None,
          store: str | Path | None = None, engine: str = "oxigraph", allow_network: bool = False) -> Results:
    """Answer a stored query from Python, as ``kg query NAME -p ...`` does on the command line (nothing is built)."""
    from .project import Project
    from .store import open_engine

    project = project if isinstance(project, Project) else Project.at(project)
    stored = load_query(project.queries_dir, name, project.shown)
    db = open_engine(project, Path(data) if data else None, engine=engine, allow_network=allow_network, store=store)
    return run(db, stored, list((params or {}).items()), allow_network=allow_network)
