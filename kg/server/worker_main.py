"""The body of one query worker process (see kg.server.workers): open the dataset, then answer jobs until the pipe closes.

A job is a plain dict; the answer a kg.server.workers.Answer. Everything a query
can get wrong becomes an answer with a 4xx status and one line, so the server's
own process never sees a pyoxigraph exception.
"""

from __future__ import annotations

import pickle

from ..errors import InputError, KgError, NetworkRefused
from ..limits import QueryOutOfMemory, QueryTimeout, ResultTooLarge, run_bounded
from .formats import NotAcceptable, choose
from .workers import Answer, WorkerSetup


def main(conn, setup: WorkerSetup) -> None:
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the server's to handle; it stops the workers
    from ..safety import network_denier, network_guard

    deny = network_denier()
    if deny is not None:
        deny()  # no network socket from this process or the query processes it forks, whatever a query says
    with network_guard(allowed=False):
        try:
            worker = Worker(setup)
        except KgError as e:
            conn.send_bytes(pickle.dumps(e.line()))
            return
        except Exception as e:  # noqa: BLE001 - the server reports it as one line and stops
            conn.send_bytes(pickle.dumps(f"cannot open the dataset: {type(e).__name__}: {' '.join(str(e).split())[:200]}"))
            return
        conn.send_bytes(pickle.dumps("ready"))
        while True:
            try:
                job = pickle.loads(conn.recv_bytes())
            except EOFError:
                return
            conn.send_bytes(pickle.dumps(worker.answer(job)))


class TooLarge(ResultTooLarge):
    """The serialised answer passed the server's byte cap (kg.limits caps rows; this caps what is sent)."""

    def __init__(self):
        super().__init__("the answer is too large")


class CappedWriter:
    """A binary sink for pyoxigraph's serialisers that gives up past ``limit`` bytes."""

    def __init__(self, limit: int):
        self.limit, self.size, self.parts, self.over = limit, 0, [], False

    def write(self, data) -> int:
        self.size += len(data)
        if self.size > self.limit:
            self.over = True
            raise TooLarge()
        self.parts.append(bytes(data))
        return len(data)

    def flush(self) -> None:
        pass

    def getvalue(self) -> bytes:
        return b"".join(self.parts)


class Worker:
    """The dataset, the project's stored queries and the engine adapter kg's query code expects."""

    def __init__(self, setup: WorkerSetup):
        from ..project import Project
        from ..queries import list_queries
        from ..store import OxigraphEngine

        self.limits = setup.limits
        # kg.limits runs each query in a forked child under these: the server's time limit and row cap.
        self.query_limits = setup.limits.for_queries()
        self.engine = OxigraphEngine()
        self.engine.store = setup.source.open()
        project = Project.at(setup.project_root)
        self.queries = {q.name: q for q in list_queries(project.queries_dir, project.shown)}

    def answer(self, job: dict) -> Answer:
        try:
            if job["kind"] == "stored":
                return self.stored(job)
            return self.sparql(job)
        except NotAcceptable as e:
            return Answer.error(406, str(e))
        except TooLarge:
            return Answer.error(422, f"the answer is larger than {self.limits.max_result_bytes / 2**20:g} MB, the "
                                     "server's cap (kg serve --max-result-mb); add LIMIT or narrow the query")
        except ResultTooLarge as e:
            return Answer.error(422, e.line().replace("--max-rows N (0 for no cap)", "kg serve --max-rows"))
        except (QueryTimeout, QueryOutOfMemory) as e:
            return Answer.error(503, e.line().replace("pass --timeout SECONDS (0 for none)", "see kg serve --timeout"))
        except NetworkRefused as e:
            return Answer.error(403, e.line())
        except InputError as e:
            return Answer.error(400, e.line())

    # -- ad-hoc SPARQL ------------------------------------------------------------------------

    def sparql(self, job: dict) -> Answer:
        import pyoxigraph as ox

        from ..safety import check_sparql
        from ..sparqltext import query_form
        from .protocol import refuse_update

        text = job["query"]
        refuse_update(text)
        check_sparql(text, "query")
        form = query_form(text) or "SELECT"
        fmt = choose(form, job.get("accept"), job.get("format"))
        default_graphs = [ox.NamedNode(g) for g in job.get("default_graphs", ())]
        named = [ox.NamedNode(g) for g in job.get("named_graphs", ())]

        def work() -> Answer:
            try:
                # Without default-graph-uri, the union as kg query reads it (a kg store's default graph).
                union = not default_graphs and not self.engine.union_is_default
                found = self.engine.store.query(text, use_default_graph_as_union=union,
                                                default_graph=default_graphs or None, named_graphs=named or None)
                return self._write(found, fmt, form, {})
            except SyntaxError as e:
                raise InputError(f"invalid SPARQL: {' '.join(str(e).split())}", where="query",
                                 hint="fix the query") from None
            except (RuntimeError, ValueError, OSError) as e:
                raise InputError(f"the query failed: {' '.join(str(e).split())}", where="query",
                                 hint="fix the query") from None

        return run_bounded(work, self.query_limits, where="query")

    def _write(self, found, fmt, form: str, extra: dict) -> Answer:
        import pyoxigraph as ox

        if fmt.key == "html":
            return self._html(self._results(found), form, extra)
        writer = CappedWriter(self.limits.max_result_bytes)
        try:
            if isinstance(found, ox.QueryTriples):
                found.serialize(writer, {"ttl": ox.RdfFormat.TURTLE, "nt": ox.RdfFormat.N_TRIPLES,
                                         "jsonld": ox.RdfFormat.JSON_LD, "rdfxml": ox.RdfFormat.RDF_XML}[fmt.key])
            else:
                found.serialize(writer, getattr(ox.QueryResultsFormat, fmt.key.upper()))
        except Exception:
            if writer.over:  # pyoxigraph hands the writer's exception back as its own
                raise TooLarge() from None
            raise
        return Answer(200, fmt.content_type, writer.getvalue())

    def _results(self, found):
        """A pyoxigraph answer as kg Results (for the HTML table)."""
        import pyoxigraph as ox

        from ..results import Results

        plain = self.engine._plain
        if isinstance(found, ox.QueryBoolean):
            return Results(boolean=bool(found))
        if isinstance(found, ox.QueryTriples):
            return Results(triples=[(plain(t.subject), plain(t.predicate), plain(t.object)) for t in found])
        variables = [v.value for v in found.variables]
        rows = [{v: plain(s[v]) for v in variables if s[v] is not None} for s in found]
        return Results(variables, rows)

    def _html(self, results, form: str, extra: dict) -> Answer:
        from .page import results_page

        labels = self.engine.labels(sorted(results.iris()))
        body = results_page(results, labels, **extra).encode("utf-8")
        if len(body) > self.limits.max_result_bytes:
            raise TooLarge()
        return Answer(200, "text/html; charset=utf-8", body)

    # -- stored queries -----------------------------------------------------------------------

    def stored(self, job: dict) -> Answer:
        from ..params import bindings
        from ..queries import run
        from ..results import render, to_xml

        stored = self.queries.get(job["name"])
        if stored is None:
            return Answer.error(404, f"no stored query '{job['name']}'")
        fmt = choose(stored.form, job.get("accept"), job.get("format"))
        given = list(job.get("params", ()))
        extra = {"title": f"{stored.name}: {stored.summary}"}
        if stored.form in ("CONSTRUCT", "DESCRIBE"):
            from ..safety import check_sparql

            check_sparql(stored.text, stored.where)
            subs = {self.engine.ox.Variable(k): self.engine._term(v) for k, v in bindings(self.engine, stored, given).items()}

            def work() -> Answer:
                found = self.engine.store.query(stored.text, substitutions=subs or None,
                                                use_default_graph_as_union=not self.engine.union_is_default)
                return self._write(found, fmt, stored.form, extra)

            return run_bounded(work, self.query_limits, where=stored.where)
        results = run(self.engine, stored, given, limits=self.query_limits)
        if fmt.key == "html":
            return self._html(results, stored.form, extra)
        text = to_xml(results) if fmt.key == "xml" else render(results, fmt.key)
        body = text.encode("utf-8")
        if len(body) > self.limits.max_result_bytes:
            raise TooLarge()
        return Answer(200, fmt.content_type, body)
