"""The main job's answer sheet: every stored query that needs no parameter, run once.

One engine is opened for all of them, so the report costs one graph load; a new
stored query without required parameters joins the report with no code change.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from .limits import Limits
from .project import Project
from .queries import StoredQuery, list_queries, run
from .results import Results, render


@dataclass(frozen=True)
class Answer:
    query: StoredQuery
    results: Results
    labels: dict[str, str]


def answers(project: Project, dataset=None, *, engine: str = "oxigraph", limits: Limits | None = None,
            endpoint: str | None = None, allow_network: bool = False) -> Iterator[Answer]:
    """Each parameter-free stored query with its rows, in name order, each under ``limits`` (kg.limits), from
    ``dataset`` (default: the built one) or a remote ``endpoint``."""
    from .dataset import open_dataset
    from .errors import InputError
    from .store import engine_for

    stored_queries = [q for q in list_queries(project.queries_dir, project.shown)
                      if not any(p.required for p in q.parameters)]
    if not stored_queries:
        raise InputError("no stored query to answer: the report runs the queries in queries/ that need no parameter",
                         where=project.shown(project.queries_dir), hint="add NAME.rq files with a #+ header")
    if endpoint is not None:
        from .store import EndpointEngine

        db = EndpointEngine(endpoint, allow_network=allow_network)
    else:
        db = engine_for(dataset if dataset is not None else open_dataset(project), engine)
    for stored in stored_queries:
        results = run(db, stored, limits=limits, allow_network=allow_network)
        yield Answer(stored, results, db.labels(sorted(results.iris())))


def render_answer(answer: Answer, max_width: int = 60) -> str:
    """A titled table: the query's name and summary, then its rows by label."""
    title = f"## {answer.query.name}: {answer.query.summary}"
    rows = len(answer.results.rows)
    body = render(answer.results, "table", answer.labels, max_width) if rows else "(no rows)\n"
    return f"{title}\n\n{body}\n{rows} row(s)\n"
