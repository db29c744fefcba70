"""The kg command: parses options, calls the library, turns KgError into exit codes.

Exit codes: 0 success, 1 the graph does not conform (or evidence is missing),
2 bad input or usage.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from .errors import KgError, NotConformant


class KgGroup(click.Group):
    """Prints a KgError as one line on stderr and exits with its code."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except NotConformant as e:
            for v in e.violations:
                click.echo(v.line(), err=True)
            click.echo(f"Error: {e.line()}", err=True)
            sys.exit(e.exit_code)
        except KgError as e:
            click.echo(f"Error: {e.line()}", err=True)
            sys.exit(e.exit_code)


def _project(ctx: click.Context):
    from .project import Project

    return Project.at(ctx.obj.get("project"))


@click.group(cls=KgGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--project", type=click.Path(file_okay=False), envvar="KG_PROJECT",
              help="Project folder holding ontology/, data/, queries/ and build/ (default: current folder).")
@click.version_option(package_name="kg", prog_name="kg")
@click.pass_context
def cli(ctx: click.Context, project: str | None) -> None:
    """Build, validate and query a knowledge graph of police inspections."""
    ctx.ensure_object(dict)
    ctx.obj["project"] = project


@cli.command()
@click.option("--texts", type=click.Path(), envvar="KG_TEXTS",
              help="Folder with the source articles' full texts; adds quote positions and checks every quote.")
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="Where to write the graph (default build/graph.ttl).")
@click.pass_context
def build(ctx: click.Context, texts: str | None, output: str | None) -> None:
    """Load ontology and data, validate with SHACL, write build/graph.ttl.

    Exit 0 built, 1 the graph does not conform (nothing written), 2 bad input.
    """
    from .builder import build as run_build

    project = _project(ctx)
    result = run_build(project, texts=Path(texts) if texts else None, out=Path(output) if output else None)
    click.echo(f"Built {project.shown(result.path)}: {result.triples} triples, {result.facts} facts "
               f"in {result.seconds:.2f} s")


@cli.command()
@click.argument("files", nargs=-1, type=click.Path())
@click.option("--allow-network", is_flag=True, help="Let files fetch remote JSON-LD contexts and the like.")
@click.pass_context
def validate(ctx: click.Context, files: tuple[str, ...], allow_network: bool) -> None:
    """Validate the built graph, or the given RDF files, against the SHACL shapes.

    One line per violation: data file and line, node, property, message.
    Exit 0 conforms, 1 violations, 2 error.
    """

    from .builder import load_ontology
    from .builder import validate as run_validate
    from .errors import InputError
    from .rdfio import parse_into

    project = _project(ctx)
    paths = [Path(f) for f in files] or [project.graph_path]
    if not files and not project.graph_path.exists():
        raise InputError("nothing is built yet", where=project.shown(project.graph_path), hint="run kg build first")
    graph = load_ontology(project)
    for path in paths:
        parse_into(graph, path, allow_network=allow_network) if path.exists() else _missing(path)
    violations = [v for v in run_validate(graph, project) if v.severity == "Violation"]
    if violations:
        raise NotConformant(f"{len(violations)} violation(s)", violations)
    click.echo(f"Conforms: {', '.join(str(p) for p in paths)}")


def _missing(path: Path):
    from .errors import InputError

    raise InputError("file not found", where=str(path), hint="check the path")


@cli.command("verify-evidence")
@click.option("--texts", type=click.Path(), required=True, envvar="KG_TEXTS",
              help="Folder with the source articles' full texts.")
@click.pass_context
def verify_evidence(ctx: click.Context, texts: str) -> None:
    """Check that every evidence quote occurs in its source text.

    Quotes, dashes and whitespace are normalised. Lists each quote not found
    with its data file and line; exit 1 if any.
    """
    from .evidence import verify_evidence as run_verify

    report = run_verify(Path(texts), _project(ctx))
    for m in report.missing:
        click.echo(m.line())
    if report.missing:
        click.echo(f"Error: {len(report.missing)} of {report.checked} quotes not found in their sources", err=True)
        sys.exit(1)
    click.echo(f"All {report.checked} evidence quotes found in their sources.")


def main() -> None:
    cli(prog_name="kg")
