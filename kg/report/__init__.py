"""The main job's answer sheet: a summary, then every stored query that needs no parameter.

One engine is opened for all of them, so the report costs one graph load. The
sections come in the order the query headers give (``#+ order:``, grouped under
``#+ section:``), not by file name; a new stored query without required parameters
joins the report with no code change. A stored query that fails (a bad header,
invalid SPARQL) fails its own section, with one clear line, and the rest of the
report is still answered; ``Report.errors`` lists what failed so the command can
exit non-zero at the end.

The report is data (``Report``); ``kg.report.text`` writes it for a terminal or as
Markdown and ``kg.report.page`` as one self-contained HTML page.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..errors import KgError
from ..limits import Limits
from ..project import Project
from ..queries import StoredQuery, query_files, read_query, run
from ..results import Results

#: Stored queries the summary is written from (each may be missing or broken: the summary says so).
SUMMARY_QUERIES = ("compare-inspections", "inspections", "grades", "sources")

#: Variables the report reads in every row of these stored queries. An answer without one (an endpoint whose
#: SPARQL engine answers the query differently) fails its own section, as a broken query does, not the report.
ROW_VARIABLES = {"compare-inspections": ("force", "earlier", "later", "aspect", "subject", "side"),
                 "inspections": ("inspection",), "grades": ("inspection",), "sources": ("source",),
                 "recurring-concerns": ("earlierInspection", "laterInspection", "link")}


@dataclass
class Section:
    """One stored query's answer, or the line saying why it could not be answered."""

    name: str
    where: str
    query: StoredQuery | None = None
    results: Results | None = None
    labels: dict[str, str] = field(default_factory=dict)
    error: str | None = None

    @property
    def title(self) -> str:
        return self.query.summary if self.query else self.name

    @property
    def heading(self) -> str:
        return (self.query.section if self.query else "") or "Other questions"

    @property
    def order(self) -> tuple:
        order = self.query.order if self.query and self.query.order is not None else 10**6
        return (order, self.name)


@dataclass
class Report:
    """Everything the report says, before it is written in any format."""

    sections: list[Section]
    labels: dict[str, str] = field(default_factory=dict)
    #: (source IRI, exact quote) -> (start, end) in the source's text; filled for the HTML page.
    positions: dict[tuple[str, str], tuple[int, int]] = field(default_factory=dict)
    #: The dataset answered from (None when a remote endpoint answered): the HTML page draws its chart from it.
    dataset: object | None = None
    #: Only the summary is written (``kg report --summary``): the sections' answers were read for it alone.
    summary_only: bool = False

    def section(self, name: str) -> Section | None:
        return next((s for s in self.sections if s.name == name), None)

    def answered(self, name: str) -> Results | None:
        found = self.section(name)
        return found.results if found is not None and found.error is None else None

    @property
    def errors(self) -> list[str]:
        return [s.error for s in self.sections if s.error]

    def headings(self) -> list[tuple[str, list[Section]]]:
        """Sections grouped under their headings, headings in the order of their first query."""
        groups: dict[str, list[Section]] = {}
        for s in sorted(self.sections, key=lambda s: s.order):
            groups.setdefault(s.heading, []).append(s)
        return list(groups.items())


def build_report(project: Project, dataset=None, *, engine: str = "oxigraph", limits: Limits | None = None,
                 positions: bool = False, endpoint: str | None = None, allow_network: bool = False,
                 summary_only: bool = False) -> Report:
    """Run every parameter-free stored query once, each under ``limits`` (kg.limits); a failing one is kept as an
    error section.

    Answers come from ``dataset`` (a kg.dataset.Dataset; default: the project's built one) or a remote
    ``endpoint`` (with ``allow_network``). ``positions`` also reads where each quote stands in its article (for
    the HTML page's links). ``summary_only`` runs only the SUMMARY_QUERIES, for a report of the summary alone.
    """
    from ..errors import InputError
    from ..store import EndpointEngine, engine_for

    def nothing_to_answer() -> InputError:
        return InputError("no stored query to answer: the report runs the queries in queries/ that need no parameter",
                          where=project.shown(project.queries_dir), hint="add NAME.rq files with a #+ header")

    paths = [p for p in query_files(project.queries_dir) if not summary_only or p.stem in SUMMARY_QUERIES]
    if not paths:
        raise nothing_to_answer()
    if endpoint is not None:
        dataset, db = None, EndpointEngine(endpoint, allow_network=allow_network)
    else:
        from ..dataset import open_dataset

        dataset = dataset if dataset is not None else open_dataset(project)
        db = engine_for(dataset, engine)
    sections: list[Section] = []
    for path in paths:
        where = project.shown(path)
        section = Section(path.stem, where)
        try:
            section.query = read_query(path, where)
        except KgError as e:
            section.error = e.line()
            sections.append(section)
            continue
        if any(p.required for p in section.query.parameters):
            continue
        try:
            section.results = run(db, section.query, limits=limits, allow_network=allow_network)
            _check_rows(section)
        except KgError as e:
            section.error = e.line()
        sections.append(section)
    if not sections:
        raise nothing_to_answer()
    report = Report(sorted(sections, key=lambda s: s.order), dataset=dataset, summary_only=summary_only)
    iris = sorted({iri for s in report.sections if s.results for iri in s.results.iris()})
    report.labels = db.labels(iris)
    for s in report.sections:
        s.labels = report.labels
    if positions:
        from .page import positions as quote_positions

        report.positions = quote_positions(db)
    return report


def _check_rows(section: Section) -> None:
    from ..errors import InputError

    for row in section.results.rows:
        missing = [name for name in ROW_VARIABLES.get(section.name, ()) if row.get(name) is None]
        if missing:
            section.results = None
            raise InputError(f"a row of the answer has no ?{missing[0]}, which the report needs", where=section.where,
                             hint="the engine that answered gives other rows than kg's; see them with kg query")
