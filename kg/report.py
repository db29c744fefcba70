"""The main job's answer sheet: every stored query that needs no parameter, run once.

One engine is opened for all of them, so the report costs one graph load; a new
stored query without required parameters joins the report with no code change.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from .project import Project
from .queries import StoredQuery, list_queries, run
from .results import Results, render


@dataclass(frozen=True)
class Answer:
    query: StoredQuery
    results: Results
    labels: dict[str, str]


def answers(project: Project, *, engine: str = "oxigraph") -> Iterator[Answer]:
    """Each parameter-free stored query with its rows, in name order."""
    from .store import open_engine

    db = open_engine(project, None, engine=engine)
    for stored in list_queries(project.queries_dir, project.shown):
        if any(p.required for p in stored.parameters):
            continue
        results = run(db, stored)
        yield Answer(stored, results, db.labels(sorted(results.iris())))


def render_answer(answer: Answer, max_width: int = 60) -> str:
    """A titled table: the query's name and summary, then its rows by label."""
    title = f"## {answer.query.name}: {answer.query.summary}"
    rows = len(answer.results.rows)
    body = render(answer.results, "table", answer.labels, max_width) if rows else "(no rows)\n"
    return f"{title}\n\n{body}\n{rows} row(s)\n"
