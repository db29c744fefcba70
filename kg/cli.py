"""The kg command: parses options, calls the library, turns KgError into exit codes.

Exit codes: 0 success, 1 the graph does not conform (or evidence is missing),
2 bad input or usage (including a standard output that is closed or full), 130 interrupted
(Ctrl-C), 141 the reader of standard output went away (a broken pipe; nothing is printed).
"""

from __future__ import annotations

import errno
import io
import os
import sys
from pathlib import Path

import click

from .errors import KgError, NotConformant
from .textnorm import printable as _printable

#: Option types made once and shared (they hold no state of an option): click looks its message catalogue up on
#: disk for each Path it makes, 23 times at every command's start.
_ANY_PATH, _FILE, _FOLDER = click.Path(), click.Path(dir_okay=False), click.Path(file_okay=False)


class ProgressBar:
    """The progress of a long step as one line on a terminal's standard error, redrawn at most ten times a
    second: what a build passes as its ``progress`` callback (the library itself never prints)."""

    WIDTH = 28

    def __init__(self, stream):
        self.stream, self.step, self.drawn = stream, None, 0.0

    @classmethod
    def on_terminal(cls, stream) -> ProgressBar | None:
        """A bar on ``stream`` when it is a terminal; None (quiet) when it is a file, a pipe or a test runner."""
        try:
            return cls(stream) if stream.isatty() else None
        except (AttributeError, ValueError):
            return None

    def __call__(self, step: str, done: int, total: int) -> None:
        import time

        now = time.monotonic()
        if step == self.step and done < total and now - self.drawn < 0.1:
            return
        self.step, self.drawn = step, now
        filled = self.WIDTH * done // total if total else self.WIDTH
        self.stream.write(f"\r{step:<20} [{'#' * filled}{'.' * (self.WIDTH - filled)}] {done}/{total}\x1b[K")
        self.stream.flush()

    def close(self) -> None:
        if self.step is not None:
            self.stream.write("\r\x1b[K")
            self.stream.flush()


class KgCommand(click.Command):
    """Runs a command with the network blocked unless it was given --allow-network (see kg.safety),
    and refuses an -o that would overwrite one of the command's or the project's inputs (see kg.output)."""

    def invoke(self, ctx: click.Context):
        from .safety import network_guard

        if ctx.params.get("output") is not None:
            _refuse_overwriting_inputs(ctx, ctx.params["output"])
        with network_guard(allowed=bool(ctx.params.get("allow_network"))):
            return super().invoke(ctx)


def _refuse_overwriting_inputs(ctx: click.Context, output: str) -> None:
    """Nothing lost: an output never replaces a file the command reads, nor anything in the project's input folders
    (ontology/, data/, queries/) or the texts folder."""
    from .output import check_not_input, target_of
    from .project import Project

    target_of(output)  # an empty path is an error
    project = Project.at((ctx.obj or {}).get("project"))
    inputs = [ctx.params.get("data"), ctx.params.get("query_file"), *(ctx.params.get("files") or ())]
    if ctx.command.name != "build":  # the built dumps are every other command's input, as the store is
        inputs += [project.graph_path, project.trig_path]
    texts = ctx.params.get("texts") or os.environ.get("KG_TEXTS")
    check_not_input(output, inputs, [project.ontology_dir, project.data_dir, project.queries_dir, texts,
                                     ctx.params.get("references") or os.environ.get("KG_REFERENCES"),
                                     project.store_path, ctx.params.get("store")])


def _quiet_libraries() -> None:
    """rdflib and pyshacl log warnings (with tracebacks) for things kg reports itself, one line each.

    Their loggers are quieted when either library is first imported (an import hook that then removes itself),
    so that a command that uses neither, such as ``kg query NAME`` on a built store, does not import logging."""
    if any(name in sys.modules for name in _LOGGING_LIBRARIES):
        _quiet_loggers()
    elif not any(isinstance(finder, _QuietOnImport) for finder in sys.meta_path):
        sys.meta_path.insert(0, _QuietOnImport())


_LOGGING_LIBRARIES = ("rdflib", "pyshacl")


def _quiet_loggers() -> None:
    import logging

    for name in _LOGGING_LIBRARIES:
        logger = logging.getLogger(name)
        if not any(isinstance(h, logging.NullHandler) for h in logger.handlers):
            logger.addHandler(logging.NullHandler())
        logger.propagate = False


class _QuietOnImport:
    """A meta path finder that finds nothing: it quiets the libraries' loggers as the first of them is imported."""

    def find_spec(self, name, path=None, target=None):
        if name in _LOGGING_LIBRARIES:
            if self in sys.meta_path:
                sys.meta_path.remove(self)
            _quiet_loggers()
        return None


class KgGroup(click.Group):
    """Prints a KgError as one line on stderr and exits with its code."""

    command_class = KgCommand

    def invoke(self, ctx: click.Context):
        _quiet_libraries()
        try:
            return super().invoke(ctx)
        except NotConformant as e:
            for v in e.violations:
                click.echo(_printable(v.line()), err=True)
            click.echo(f"Error: {_printable(e.line())}", err=True)
            sys.exit(e.exit_code)
        except KgError as e:
            click.echo(f"Error: {_printable(e.line())}", err=True)
            sys.exit(e.exit_code)
        except KeyboardInterrupt:
            click.echo("Error: interrupted", err=True)
            sys.exit(130)
        except (click.ClickException, click.exceptions.Exit, click.Abort):
            raise
        except BrokenPipeError:
            _quiet_broken_pipe()
        except UnicodeEncodeError as e:  # kg writes only standard output and files it opens as UTF-8
            _cannot_write_stdout(f"its encoding ({e.encoding}) cannot show {e.object[e.start:e.end]!r}",
                                 "set PYTHONIOENCODING=utf-8 or a UTF-8 locale, or write to a file with -o")
        except OSError as e:
            if e.errno not in _STREAM_ERRORS:
                raise
            _cannot_write_stdout(e.strerror or str(e))
        except Exception as e:  # a bug in kg, or an input kg did not foresee: still one line, never a traceback
            if os.environ.get("KG_DEBUG"):
                raise
            what = _printable(str(e))[:200]
            click.echo(f"Error: kg failed unexpectedly: {type(e).__name__}: {what} "
                       "(please report this with the command; KG_DEBUG=1 shows the traceback)", err=True)
            sys.exit(2)

    def _command_named(self, args) -> str:
        """'kg CMD' for the first word of the command line that names a command (click gives no context for some
        usage errors, such as an option missing its values), else 'kg'."""
        words = sys.argv[1:] if args is None else list(args)
        return next((f"kg {w}" for w in words if w in self.commands), "kg")

    def main(self, *args, standalone_mode: bool = True, **kwargs):
        """Usage errors as one line too: 'Error: ... (see kg CMD --help)'."""
        if not standalone_mode:
            return super().main(*args, standalone_mode=False, **kwargs)
        if sys.stdout is None:  # started with standard output closed: fail when something is written to it
            sys.stdout = _ClosedStream()
        elif isinstance(getattr(sys.stdout, "buffer", None), io.RawIOBase):
            # PYTHONUNBUFFERED: a raw write to a pipe may write part of the text and say nothing; buffered, it all
            # arrives, or BrokenPipeError or a full disk is raised (and reported below)
            sys.stdout = io.TextIOWrapper(io.BufferedWriter(sys.stdout.buffer), encoding=sys.stdout.encoding,
                                          errors=sys.stdout.errors, line_buffering=True)
        try:
            code = super().main(*args, standalone_mode=False, **kwargs)
            sys.stdout.flush()  # a full disk or closed stream shows up here, not as Python's shutdown message
        except BrokenPipeError:
            _quiet_broken_pipe()
        except (OSError, ValueError) as e:
            _cannot_write_stdout(getattr(e, "strerror", None) or str(e))
        except click.exceptions.NoArgsIsHelpError as e:
            e.show()
            sys.exit(e.exit_code)
        except click.UsageError as e:
            path = e.ctx.command_path if e.ctx is not None else self._command_named(
                kwargs.get("args", args[0] if args else None))
            click.echo(f"Error: {' '.join(e.format_message().split())} (see '{path} --help')", err=True)
            sys.exit(e.exit_code)
        except click.ClickException as e:
            e.show()
            sys.exit(e.exit_code)
        except (click.Abort, KeyboardInterrupt):  # Ctrl-C outside a command: the shell's convention, 128 + SIGINT
            click.echo("Error: interrupted", err=True)
            sys.exit(130)
        sys.exit(code if isinstance(code, int) else 0)


# What writing to standard output raises when it is closed, full or gone.
_STREAM_ERRORS = frozenset({errno.EBADF, errno.ENOSPC, errno.EIO, errno.EFBIG, errno.EDQUOT, errno.EPIPE})


class _ClosedStream(io.TextIOBase):
    """Standard output when kg was started with it closed (``>&-``): writing fails, so the answer is not lost silently."""

    def write(self, text: str) -> int:
        raise OSError(errno.EBADF, "standard output is closed")

    def flush(self) -> None:
        pass


def _cannot_write_stdout(why: str, hint: str = "check where standard output goes, or write to a file with -o") -> None:
    try:
        click.echo(f"Error: cannot write to standard output: {why} ({hint})", err=True)
    except (OSError, ValueError):
        pass
    _detach_stdout()
    sys.exit(2)


def _quiet_broken_pipe() -> None:
    """The reader went away (``kg query ... | head``): stop quietly, as a tool killed by SIGPIPE would (exit 141)."""
    _detach_stdout()
    sys.exit(141)


def _detach_stdout() -> None:
    """Point standard output at /dev/null, so Python's own flush at exit does not fail (and complain) again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass


def _limit_options(command):
    """--timeout and --max-rows, the same on every command that runs queries (see kg.limits)."""
    from .limits import AD_HOC_TIMEOUT, MAX_ROWS, STORED_TIMEOUT

    command = click.option("--max-rows", type=click.IntRange(min=0), metavar="N",
                           help=f"Stop a query that gives more than N rows (default {MAX_ROWS:,}; 0: no cap).")(command)
    return click.option("--timeout", type=click.FloatRange(min=0), metavar="SECONDS",
                        help=f"Stop a query that runs longer (default {AD_HOC_TIMEOUT:g} s for -e and --file, "
                             f"{STORED_TIMEOUT:g} s for stored queries; 0: no limit).")(command)


def _limits(ad_hoc: bool, timeout: float | None, max_rows: int | None):
    from .limits import Limits

    return Limits.for_query(ad_hoc, timeout, max_rows)


def _project(ctx: click.Context):
    from .project import Project

    return Project.at(ctx.obj.get("project"))


def _store_option(command):
    return click.option("--store", type=_FOLDER,
                        help="Read this store folder (made by kg build or kg load) instead of build/store.")(command)


def _dataset(ctx: click.Context, store: str | None = None, data: str | None = None, *, allow_network: bool = False):
    """The dataset a reading command opens, once. The one place that builds first when nothing is built:
    only the project's own store, and with the texts folder of $KG_TEXTS, as ``kg build`` would take it."""
    from .dataset import open_dataset, stale_input

    project = _project(ctx)
    if store is None and data is None:
        if not project.store_path.exists():
            from .builder import build

            texts = os.environ.get("KG_TEXTS")
            build(project, texts=Path(texts) if texts else None)
            # Said after the build, so a build that fails leaves its one error line alone.
            click.echo(f"Nothing was built yet: built {project.shown(project.store_path)} first", err=True)
        else:
            newer = stale_input(project)
            if newer is not None:
                click.echo(f"Warning: {project.shown(newer)} is newer than {project.shown(project.store_path)}; "
                           "run kg build to query the current data", err=True)
    return open_dataset(project, store=store, data=data, allow_network=allow_network)


@click.group(cls=KgGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--project", type=_FOLDER, envvar="KG_PROJECT",
              help="Project folder holding ontology/, data/, queries/ and build/ (default: current folder).")
@click.version_option(package_name="kg", prog_name="kg")
@click.pass_context
def cli(ctx: click.Context, project: str | None) -> None:
    """Build, validate and query a knowledge graph of police inspections."""
    ctx.ensure_object(dict)
    ctx.obj["project"] = project


@cli.command()
@click.option("--texts", type=_ANY_PATH, envvar="KG_TEXTS",
              help="Folder with the source articles' full texts; adds quote positions and checks every quote.")
@click.option("--references", type=_ANY_PATH, envvar="KG_REFERENCES",
              help="Folder with the reference sources' extracts (default: the one the last build of the same --texts "
                   "was given, else the folder 'reference' beside --texts).")
@click.option("-o", "--output", type=_FILE,
              help="Where to write the Turtle dump (default build/graph.ttl).")
@click.option("--full", is_flag=True,
              help="Map every data file and write the store from nothing, ignoring the cache (the same result).")
@click.pass_context
def build(ctx: click.Context, texts: str | None, references: str | None, output: str | None, full: bool) -> None:
    """Load ontology and data, validate with SHACL, write the store build/store and the dumps
    build/graph.ttl (the union) and build/graph.trig (one named graph per source article).

    Exit 0 built, 1 the graph does not conform (nothing written), 2 bad input.
    """
    from .builder import build as run_build
    from .builder import last_references

    project = _project(ctx)
    if references and not texts:
        raise click.UsageError("--references needs --texts: quotes are checked only when the texts are given")
    bar = ProgressBar.on_terminal(sys.stderr)
    try:
        result = run_build(project, texts=Path(texts) if texts else None,
                           references=Path(references) if references else last_references(project, texts),
                           out=output, progress=bar,
                           incremental=not full)
    finally:
        if bar is not None:
            bar.close()
    wrote = ", ".join("standard output" if str(d) == "-" else project.shown(d) for d in result.dumps)
    cached = ", the rest cached" if result.mapped < result.files else ""
    click.echo(f"Built {project.shown(result.path)}: {result.triples} triples in {result.graphs} graphs, "
               f"{result.facts} facts in {result.seconds:.2f} s ({result.mapped} of {result.files} data files mapped"
               f"{cached}); wrote {wrote}", err=output == "-")


@cli.command("load")
@click.argument("files", nargs=-1, required=True, type=_FILE)
@click.option("--store", required=True, type=_FOLDER,
              help="The store folder to write (a new folder, or a store it replaces).")
@click.option("--allow-network", is_flag=True, help="Let files fetch remote JSON-LD contexts and the like.")
@click.pass_context
def load_command(ctx: click.Context, files: tuple[str, ...], store: str, allow_network: bool) -> None:
    """Load RDF files (Turtle, N-Triples, N-Quads, TriG, RDF/XML, JSON-LD) into a store, so that stored
    queries, exports and pictures run over data that did not come from kg build (--store DIR).

    Quads keep their named graphs; triples go to the default graph. No SHACL is run.
    Exit 0 loaded, 2 bad input (nothing written).
    """
    from .dataset.load import load_files
    from .derived import project_derivation

    text, where = project_derivation(_project(ctx))
    result = load_files([Path(f) for f in files], Path(store), allow_network=allow_network,
                        derivation=text, derivation_where=where)
    click.echo(f"Loaded {len(files)} file(s) into {store}: {result.quads} quads in {result.graphs} named graph(s) "
               f"in {result.seconds:.2f} s")


@cli.command()
@click.argument("files", nargs=-1, type=_ANY_PATH)
@click.option("--allow-network", is_flag=True, help="Let files fetch remote JSON-LD contexts and the like.")
@_store_option
@click.pass_context
def validate(ctx: click.Context, files: tuple[str, ...], allow_network: bool, store: str | None) -> None:
    """Validate the built graph, or the given RDF files, against the SHACL shapes.

    One line per violation: data file and line, node, property, message.
    Exit 0 conforms, 1 violations, 2 error.
    """

    from .builder import load_ontology
    from .builder import validate as run_validate
    from .rdfio import parse_into

    project = _project(ctx)
    if files:
        from .dataset import MANIFEST, Dataset

        graph, shown = load_ontology(project), ", ".join(files)
        for path in map(Path, files):
            parse_into(graph, path, allow_network=allow_network)  # "-": Turtle from standard input
        # Data lines: those the files state, else those of this project's build (files often come from it).
        locations = graph
        if (project.store_path / MANIFEST).is_file():
            locations = graph + Dataset(None, "", project.store_path).metadata()
    else:
        from .dataset import open_dataset

        dataset = open_dataset(project, store=store)
        graph, locations, shown = dataset.rdflib_graph(), dataset.metadata(), dataset.where
    violations = [v for v in run_validate(graph, project, locations) if v.severity == "Violation"]
    if violations:
        raise NotConformant(f"{len(violations)} violation(s)", violations)
    click.echo(f"Conforms: {shown}")


@cli.command("verify-evidence")
@click.option("--texts", type=_ANY_PATH, required=True, envvar="KG_TEXTS",
              help="Folder with the source articles' full texts.")
@click.option("--references", type=_ANY_PATH, envvar="KG_REFERENCES",
              help="Folder with the reference sources' extracts (default: the one the last build of the same --texts "
                   "was given, else the folder 'reference' beside --texts).")
@click.pass_context
def verify_evidence(ctx: click.Context, texts: str, references: str | None) -> None:
    """Check that every evidence quote occurs in its source text.

    Quotes, dashes and whitespace are normalised. Lists each quote not found
    with its data file and line; exit 1 if any.
    """
    from .builder import last_references
    from .evidence import verify_evidence as run_verify

    project = _project(ctx)
    report = run_verify(Path(texts), project, Path(references) if references else last_references(project, texts))
    for m in report.missing:
        click.echo(m.line())
    if report.missing:
        click.echo(f"Error: {len(report.missing)} of {report.checked} quotes not found in their sources", err=True)
        sys.exit(1)
    click.echo(f"All {report.checked} evidence quotes found in their sources.")


@cli.command("queries")
@click.pass_context
def queries_command(ctx: click.Context) -> None:
    """List the stored queries (queries/*.rq) with their summaries and parameters."""
    from .queries import list_queries

    project = _project(ctx)
    stored = list_queries(project.queries_dir, project.shown)
    if not stored:
        from .errors import InputError

        raise InputError("no stored queries", where=project.shown(project.queries_dir), hint="add NAME.rq files with a #+ header")
    width = max(len(q.name) for q in stored)
    for q in stored:
        click.echo(f"{q.name.ljust(width)}  {q.summary}")
        for p in q.parameters:
            click.echo(f"{'':{width}}    -p {p.usage()}: {p.description}")


@cli.command("query")
@click.argument("name", required=False)
@click.option("-p", "--param", "params", type=(str, str), multiple=True, metavar="NAME VALUE",
              help="Bind a parameter of the query; repeat for several.")
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "tsv", "json"]), default="table", show_default=True,
              help="table (labels for people), or the W3C SPARQL results csv, tsv or json.")
@click.option("--file", "query_file", type=_FILE, help="Run the query in this file instead.")
@click.option("-e", "--execute", "text", metavar="SPARQL", help="Run this SPARQL text instead.")
@click.option("--data", type=_FILE, help="Query this RDF file instead of the built store.")
@_store_option
@click.option("--endpoint", metavar="URL", help="Query this remote SPARQL 1.1 endpoint instead (needs --allow-network).")
@click.option("--engine", type=click.Choice(["oxigraph", "rdflib"]), default="oxigraph", show_default=True,
              help="SPARQL engine; rdflib is slower, an independent second opinion.")
@click.option("--max-width", type=click.IntRange(min=0), default=60, show_default=True,
              help="Cut table cells to this many characters (0: never).")
@click.option("--ids", is_flag=True, help="Show each IRI's id beside its label (ids are always shown where labels clash).")
@click.option("-o", "--output", type=_FILE, help="Write to this file instead of standard output.")
@click.option("--allow-network", is_flag=True, help="Allow SERVICE, LOAD, --endpoint and remote JSON-LD contexts in --data.")
@_limit_options
@click.pass_context
def query_command(ctx: click.Context, name: str | None, params: tuple, fmt: str, query_file: str | None,
                  text: str | None, data: str | None, store: str | None, endpoint: str | None, engine: str,
                  max_width: int, ids: bool, output: str | None, allow_network: bool, timeout: float | None,
                  max_rows: int | None) -> None:
    """Run a stored query by NAME (see kg queries), or --file Q.rq, or -e 'SPARQL'.

    Parameters are bound to the query's variables, never pasted into its text.
    Reads the built store, build/store (building it once if there is none), or --store, --data, --endpoint.
    Exit 0 answered (even with no rows), 2 bad query, parameter or file.
    """
    from .queries import pick_query, run
    from .results import render
    from .store import EndpointEngine, engine_for

    project = _project(ctx)
    stored = pick_query(project, name, query_file, text)
    if endpoint is not None:
        if data is not None or store is not None:
            from .errors import InputError

            raise InputError("give --data, --store or --endpoint, not several", where="kg query", hint="drop one of them")
        db = EndpointEngine(endpoint, allow_network=allow_network)
    else:
        db = engine_for(_dataset(ctx, store, data, allow_network=allow_network), engine)
    results = run(db, stored, params, allow_network=allow_network, limits=_limits(stored.ad_hoc, timeout, max_rows),
                  fmt=fmt if fmt in ("csv", "tsv") else None)
    if isinstance(results, str):  # written by the engine itself, as kg.results would
        _emit(results, output)
        return
    labels = db.labels(sorted(results.iris())) if fmt == "table" else {}
    rendered = render(results, fmt, labels, max_width, ids)
    _emit(rendered, output)


@cli.command("report")
@click.option("--format", "fmt", type=click.Choice(["text", "md", "html"]),
              help="text (tables wrapped to the terminal), md (Markdown) or html (one offline page with the grade chart); "
                   "default: from -o's suffix, else text.")
@click.option("--width", type=click.IntRange(min=40), help="Fit text tables in this many columns (default: the terminal's "
              "width, else 100).")
@click.option("--max-width", type=click.IntRange(min=0), default=60, show_default=True,
              help="Wrap table cells at this many characters (0: only to fit the width).")
@click.option("--summary", "summary_only", is_flag=True,
              help="Only the summary and the sources it cites (text or md): what a reader asks first, on one screen.")
@click.option("-o", "--output", type=_FILE, help="Write to this file instead of standard output.")
@click.option("--endpoint", metavar="URL", help="Answer from this remote SPARQL 1.1 endpoint (needs --allow-network).")
@click.option("--allow-network", is_flag=True, help="Allow --endpoint.")
@_limit_options
@_store_option
@click.pass_context
def report_command(ctx: click.Context, fmt: str | None, width: int | None, max_width: int, summary_only: bool,
                   output: str | None, endpoint: str | None, allow_network: bool, timeout: float | None,
                   max_rows: int | None, store: str | None) -> None:
    """Answer the comparison questions: a summary, then every stored query that needs no parameter.

    Sections come in the order the queries' headers give. A stored query that fails
    fails its own section; the rest is still written, and the command exits 2 at the end.
    Exit 0 answered, 2 a query failed or nothing to read.
    """
    import shutil

    from .errors import InputError
    from .report import build_report
    from .report.formats import format_for, write_report

    project = _project(ctx)
    to_file = output is not None and output != "-"
    fmt = format_for(Path(output) if to_file else None, fmt)
    if summary_only and fmt == "html":
        raise InputError("--summary writes text or md; the HTML page always holds the whole report",
                         where="kg report", hint="drop --summary, or write the summary with --format md")
    dataset = _dataset(ctx, store) if endpoint is None else None
    report = build_report(project, dataset, limits=_limits(False, timeout, max_rows), positions=fmt == "html",
                          endpoint=endpoint, allow_network=allow_network,
                          summary_only=summary_only)
    width = width or shutil.get_terminal_size((100, 24)).columns
    _emit(write_report(report, project, fmt, width=width, max_width=max_width), output)
    if to_file:
        click.echo(f"Wrote {output} ({fmt}): {len(report.sections)} questions", err=True)
    if report.errors:
        raise InputError(f"{len(report.errors)} stored quer{'y' if len(report.errors) == 1 else 'ies'} failed: "
                         f"{report.errors[0]}", where="kg report",
                         hint="the report says so in their sections; the rest of it was written")


def _emit(text: str, output: str | None) -> None:
    """Text to -o (see kg.output), or to standard output."""
    if output is not None and output != "-":
        from .output import write_text

        write_text(output, text)
    else:
        click.echo(text, nl=False)


@cli.command("export")
@click.option("--format", "fmt", type=click.Choice(["ttl", "jsonld", "nt", "nq", "trig", "xml"]),
              help="Output format (default: from -o's suffix, else ttl). nq and trig keep each source's facts "
                   "in a named graph of their own.")
@click.option("-o", "--output", type=_FILE, help="Write to this file instead of standard output.")
@click.option("--write-context", is_flag=True, help="Regenerate ontology/context.jsonld from the built graph and stop.")
@_store_option
@click.pass_context
def export_command(ctx: click.Context, fmt: str | None, output: str | None, write_context: bool,
                   store: str | None) -> None:
    """Export the built graph as Turtle, JSON-LD, N-Triples, N-Quads, TriG or RDF/XML.

    Byte-identical for the same graph. JSON-LD is compacted with the project's own
    context (ontology/context.jsonld, embedded; nothing remote). Exit 0 written, 2 bad input.
    """
    from .export import export_to, format_for
    from .export import write_context as run_write_context

    project = _project(ctx)
    if write_context:
        click.echo(f"Wrote {project.shown(run_write_context(project, _dataset(ctx, store)))}")
        return
    to_file = output is not None and output != "-"
    fmt = format_for(Path(output) if to_file else None, fmt)
    dataset = _dataset(ctx, store)
    from .output import atomic_output

    with atomic_output(output if output is not None else "-", "wb") as fh:
        export_to(dataset, fmt, fh, project)
    if to_file:
        click.echo(f"Wrote {output} ({fmt})")


@cli.command("viz")
@click.option("--format", "fmt", type=click.Choice(["html", "svg", "png"]),
              help="html: interactive page that works offline; svg or png: a static picture (default: from -o, else html).")
@click.option("-o", "--output", type=_FILE,
              help="Where to write it (default build/graph.html, build/graph.svg, build/grades.svg, ...).")
@click.option("--focus", metavar="ENTITY", help="Only this entity's neighbourhood: an id, CURIE, IRI or exact label.")
@click.option("--depth", type=click.IntRange(min=0), default=1, show_default=True, help="Links to follow from --focus.")
@click.option("--chart", type=click.Choice(["grades"]),
              help="Draw a chart instead: grades = each graded area on its scale, inspection by inspection (svg, png).")
@click.option("--png-scale", type=click.FloatRange(min=0.25, max=8), default=1.0, show_default=True,
              help="Pixels per SVG unit for png.")
@_store_option
@click.pass_context
def viz_command(ctx: click.Context, fmt: str | None, output: str | None, focus: str | None, depth: int,
                chart: str | None, png_scale: float, store: str | None) -> None:
    """Draw the built graph: an interactive page, a static SVG/PNG, or the grade chart.

    Evidence and literals are never nodes: the page shows them in its side panel.
    Exit 0 written, 2 bad input (unknown entity, format).
    """
    from .output import atomic_output
    from .viz import check_size, draw, draw_focus, format_for

    project = _project(ctx)
    named = output if output != "-" else None
    fmt = format_for(named, fmt if fmt or named else ("svg" if chart else None))
    dataset = _dataset(ctx, store)
    check_size(dataset, fmt, focus=focus, chart=chart)
    if focus is not None and chart is None:
        drawing = draw_focus(dataset, fmt, focus, depth=depth, png_scale=png_scale)
    else:
        drawing = draw(dataset.rdflib_graph(metadata=True), fmt, focus=focus, depth=depth, chart=chart,
                       png_scale=png_scale)
    path = output if output is not None else project.build_dir / f"{'grades' if chart else 'graph'}.{fmt}"
    with atomic_output(path, "wb") as fh:
        fh.write(drawing.content)
    click.echo(f"Wrote {'standard output' if path == '-' else project.shown(Path(path))}: {drawing.summary}",
               err=path == "-")


@cli.command("paths")
@click.argument("a", metavar="ENTITY_A")
@click.argument("b", metavar="ENTITY_B")
@click.option("--limit", type=click.IntRange(min=1), default=5, show_default=True, help="Show at most this many paths.")
@_store_option
@click.pass_context
def paths_command(ctx: click.Context, a: str, b: str, limit: int, store: str | None) -> None:
    """How two entities are connected: the shortest paths between them, with the links' names.

    Entities are given as an id (zoe-billingham), CURIE, IRI or exact label. Links
    are followed either way; -[x]-> and <-[x]- show which way each one points.
    Exit 0 connected, 1 no path, 2 unknown entity.
    """
    from .entities import path_projection
    from .netgraph import format_paths, shortest_paths

    g, start, end = path_projection(_dataset(ctx, store), a, b)
    paths, total = shortest_paths(g, start, end, limit)
    click.echo(format_paths(g, start, end, paths, total))
    if not paths:
        sys.exit(1)


@cli.command("stats")
@click.option("--top", type=click.IntRange(min=1), default=10, show_default=True, help="How many of the most connected to list.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of tables.")
@_store_option
@click.pass_context
def stats_command(ctx: click.Context, top: int, as_json: bool, store: str | None) -> None:
    """Counts by class, facts per source article, and the most connected entities (degree, centrality)."""
    from .stats import format_statistics, statistics

    stats = statistics(_dataset(ctx, store), top)
    if as_json:
        import json

        click.echo(json.dumps(stats, indent=2, ensure_ascii=False))
    else:
        click.echo(format_statistics(stats))


@cli.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on (0.0.0.0: every interface).")
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True, help="Port (0: any free one).")
@click.option("--store", "store_dir", type=_FOLDER, help="Serve this Oxigraph store folder instead.")
@click.option("--workers", type=click.IntRange(min=1), help="Query processes (default: one per core).")
@click.option("--timeout", type=click.FloatRange(min=0.1), default=10.0, show_default=True,
              help="Seconds a query may run before it is stopped (HTTP 503).")
@click.option("--max-rows", type=click.IntRange(min=1), default=100_000, show_default=True,
              help="Most rows a query may give (HTTP 422 past it).")
@click.option("--max-result-mb", type=click.FloatRange(min=0.001), default=32.0, show_default=True,
              help="Largest answer sent, in MB (HTTP 422 past it).")
@click.pass_context
def serve_command(ctx: click.Context, host: str, port: int, store_dir: str | None, workers: int | None, timeout: float,
                  max_rows: int, max_result_mb: float) -> None:
    """Serve the built graph as a read-only SPARQL 1.1 endpoint, with every stored query by name.

    GET or POST /sparql (the SPARQL protocol; JSON, XML, CSV, TSV, Turtle, N-Triples,
    JSON-LD by Accept); /queries/NAME?param=value runs a stored query; /queries lists
    them as JSON; / is a page with a form for each. Updates, SERVICE and LOAD are
    refused (403). Ctrl-C stops it.
    """
    from .server import Limits, serve

    limits = Limits(timeout=timeout, max_rows=max_rows, max_result_bytes=int(max_result_mb * 1024 * 1024))

    def ready(url: str) -> None:
        click.echo(f"Serving {url} (SPARQL at {url}sparql, stored queries at {url}queries); Ctrl-C stops", err=True)

    try:
        serve(_project(ctx), host=host, port=port, store_dir=Path(store_dir) if store_dir else None, workers=workers,
              limits=limits, on_ready=ready)
    except KeyboardInterrupt:  # Ctrl-C is how a server is stopped: not an error
        click.echo("Stopped", err=True)


@cli.command("push")
@click.option("--endpoint", metavar="URL", help="The store's Graph Store Protocol URL (Oxigraph: .../store; Virtuoso: "
              ".../sparql-graph-crud-auth; Fuseki: .../DATASET/data).")
@click.option("--update-endpoint", metavar="URL", help="Use this SPARQL Update endpoint instead of the Graph Store Protocol.")
@click.option("--store", "store_dir", type=_FOLDER, help="Push this Oxigraph store folder instead.")
@click.option("--allow-network", is_flag=True, help="Required: pushing sends the dataset over the network.")
@click.pass_context
def push_command(ctx: click.Context, endpoint: str | None, update_endpoint: str | None, store_dir: str | None,
                 allow_network: bool) -> None:
    """Put the built dataset into a triple store: each source article in its own named graph, the ontology in its own.

    Each graph replaces the store's graph of the same name, so pushing twice is the
    same as once. Credentials: KG_PUSH_USER and KG_PUSH_PASSWORD, or a netrc file.
    Exit 0 pushed, 2 bad input or the store refused.
    """
    from .errors import InputError
    from .push import Target, check_url, push
    from .server.dataset import named_graphs, project_store

    if (endpoint is None) == (update_endpoint is None):
        raise InputError("give --endpoint URL or --update-endpoint URL (one of them)", where="kg push",
                         hint="the Graph Store Protocol URL, or the SPARQL Update URL")
    url = check_url(endpoint or update_endpoint, "--endpoint" if endpoint else "--update-endpoint")
    if not allow_network:
        raise InputError("pushing sends the dataset over the network", where=url, hint="pass --allow-network to permit it")
    graphs = list(named_graphs(project_store(_project(ctx), Path(store_dir) if store_dir else None)))
    progress = None
    if sys.stderr.isatty():
        total = sum(g.triples for g in graphs)
        bar = click.progressbar(length=total, label="Pushing", file=sys.stderr)
        shown = [0]

        def progress(done: int, _total: int, _graph: str) -> None:
            bar.update(done - shown[0])
            shown[0] = done

    report = push(graphs, Target(url, update=update_endpoint is not None), progress=progress)
    if progress:
        bar.render_finish()
    click.echo(f"Pushed {report.graphs} graphs, {report.triples} triples in {report.requests} requests "
               f"in {report.seconds:.2f} s")

@cli.command("extract")
@click.argument("article", required=False, type=_ANY_PATH)
@click.option("-o", "--output", type=_FILE, help="Write the draft here instead of standard output.")
@click.option("--id", "source_id", metavar="ID", help="Id of the article's record (default: publisher and year).")
@click.option("--headline", help="The headline, if the text has none on its first line.")
@click.option("--publisher", help="The publisher's name (must occur in the article text).")
@click.option("--author", help="The author's name (must occur in the article text).")
@click.option("--date", help="The article's date: 2025-01-29, '29 January 2025' or 'Jan 29, 2025'.")
@click.option("--url", help="The article's address.")
@click.option("--eval", "evaluate", is_flag=True,
              help="Measure instead: draft every source article of data/ (texts from --texts) and compare with the curated "
                   "records; or, with ARTICLE a folder, compare each NAME.txt with its NAME.expected.yaml.")
@click.option("--texts", type=_ANY_PATH, envvar="KG_TEXTS", help="Folder with the source articles' texts (for --eval).")
@click.option("--misses", is_flag=True, help="With --eval: list each missed and each extra fact.")
@click.pass_context
def extract_command(ctx: click.Context, article: str | None, output: str | None, source_id: str | None,
                    headline: str | None, publisher: str | None, author: str | None, date: str | None, url: str | None,
                    evaluate: bool, texts: str | None, misses: bool) -> None:
    """Draft the facts of a news article (ARTICLE.txt) as a data file to review, then add with kg add.

    The text may start with a header between '---' lines (id, headline, publisher,
    author, date, url). Every proposal quotes the article and gives the offsets.
    Offline and deterministic. Exit 0 written, 2 bad input.
    """
    from .errors import InputError

    project = _project(ctx)
    if evaluate:
        from .extract.evaluate import evaluate_folder, evaluate_project, table

        if article:
            results = evaluate_folder(Path(article), project)
        elif texts:
            results = evaluate_project(project, Path(texts))
        else:
            raise InputError("--eval needs --texts FOLDER (the source articles) or a folder of articles with expected facts",
                             hint="for example: kg extract --eval --texts ../shared/seeds")
        click.echo(table(results, misses), nl=False)
        return
    if not article:
        raise InputError("no article given", hint="kg extract ARTICLE.txt [-o DRAFT.yaml]")
    path = Path(article)
    if not path.is_file():
        raise InputError("article not found" if not path.exists() else "not a regular file", where=article,
                         hint="give the path of a plain-text article")
    if output and Path(output).resolve() == path.resolve():
        raise InputError("refusing to overwrite an input with output", where=output, hint="choose another path with -o")
    from .extract import Meta, extract

    draft = extract(path, Meta(source_id, headline, publisher, author, date, url), project)
    if output:
        from .output import write_text

        write_text(Path(output), draft.text)
        click.echo(f"Wrote {output}: {len(draft.proposals())} proposals for source '{draft.source_id}' "
                   f"(review it, then: kg add {output} --texts {path.parent or '.'})")
    else:
        click.echo(draft.text, nl=False)


@cli.command("add")
@click.argument("draft", type=_ANY_PATH)
@click.option("--texts", type=_ANY_PATH, required=True, envvar="KG_TEXTS",
              help="Folder holding the article's text file (kept there, never copied into the project).")
@click.option("--name", metavar="NAME", help="File name in data/ (default: the article's id).")
@click.pass_context
def add_command(ctx: click.Context, draft: str, texts: str, name: str | None) -> None:
    """Validate a reviewed draft with the graph (ids, evidence, SHACL) and only then add it to data/.

    One line per bad proposal and exit 1 if it does not validate; nothing is written then.
    Exit 0 added, 1 rejected, 2 bad input.
    """
    import re

    from .add import DraftRejected, add_draft
    from .errors import InputError

    if name is not None and not re.fullmatch(r"[a-z0-9][a-z0-9-]*", name):
        raise InputError(f"--name '{name}' is not a lower-case code", hint="use letters a-z, digits and hyphens, no suffix")
    if not Path(draft).is_file():
        raise InputError("draft not found", where=draft, hint="give the YAML file kg extract wrote")
    project = _project(ctx)
    try:
        added = add_draft(Path(draft), Path(texts), project, name)
    except DraftRejected as e:
        for line in e.problems:
            click.echo(_printable(line), err=True)
        click.echo(f"Error: {_printable(e.line())}", err=True)
        sys.exit(e.exit_code)
    click.echo(f"Added {project.shown(added.path)}: {added.records} records (run kg build to include them in the graph)")


def main() -> None:
    cli(prog_name="kg")


if __name__ == "__main__":
    main()
