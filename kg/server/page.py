"""The server's HTML: a page listing the stored queries with a form for each, and answers as tables.

Plain HTML with its style inline and one line of script, so it works with no
network; every form also works with scripts off (the script only leaves empty
optional fields out of the request, as leaving out ``-p`` does).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from html import escape

from ..queries import StoredQuery
from ..results import Results, display

_STYLE = """
body{font:15px/1.45 system-ui,sans-serif;max-width:72rem;margin:1.5rem auto;padding:0 1rem;color:#1b1b1b}
h1{font-size:1.5rem}h2{font-size:1.1rem;margin:1.6rem 0 .2rem}code{background:#f2f2f2;padding:0 .2rem}
form{margin:.4rem 0 1rem;padding:.6rem .8rem;background:#f7f7f7;border:1px solid #ddd;border-radius:4px}
label{display:block;margin:.2rem 0}label span{display:inline-block;min-width:9rem;font-weight:600}
input[type=text]{width:24rem}textarea{width:100%;font-family:monospace}
table{border-collapse:collapse;margin:.8rem 0}th,td{border:1px solid #ccc;padding:.2rem .5rem;vertical-align:top;text-align:left}
th{background:#eee}.about{color:#555}
"""
_SCRIPT = ("document.querySelectorAll('form.stored').forEach(f=>f.addEventListener('submit',()=>"
           "f.querySelectorAll('input[data-optional]').forEach(i=>{if(!i.value.trim())i.disabled=true})))")
_RESULT_FORMATS = ("html", "json", "csv", "tsv", "xml")


def _page(title: str, body: str) -> str:
    return (f'<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>{escape(title)}</title>'
            f'<meta name="viewport" content="width=device-width,initial-scale=1"><style>{_STYLE}</style></head>\n'
            f"<body>\n{body}\n</body></html>\n")


def _format_select(formats: Sequence[str]) -> str:
    options = "".join(f'<option value="{f}">{f}</option>' for f in formats)
    return f'<label><span>answer as</span><select name="format">{options}</select></label>'


def index_page(queries: Sequence[StoredQuery], *, timeout: float) -> str:
    """Every stored query with a form (one field per parameter), and a box for any SPARQL."""
    parts = ["<h1>kg: stored queries</h1>",
             '<p class="about">A read-only SPARQL 1.1 endpoint at <a href="sparql"><code>sparql</code></a>; '
             'every stored query below at <code>queries/NAME</code>, listed with its parameters as JSON at '
             f'<a href="queries"><code>queries</code></a>. Each query may run for {timeout:g} s.</p>']
    for q in queries:
        fields = []
        for p in q.parameters:
            hint = f"{p.type}, {'required' if p.required else 'optional'}"
            placeholder = f' placeholder="{escape(p.default)}"' if p.default is not None else ""
            flags = " required" if p.required else " data-optional"
            fields.append(f'<label><span>{escape(p.name)}</span><input type="text" name="{escape(p.name)}"{placeholder}'
                          f'{flags} title="{escape(p.description)}"> <small>{escape(hint)}: {escape(p.description)}</small>'
                          "</label>")
        parts.append(f'<h2 id="{escape(q.name)}">{escape(q.name)}</h2><p>{escape(q.summary)}</p>'
                     f'<form class="stored" method="get" action="queries/{escape(q.name)}">{"".join(fields)}'
                     f'{_format_select(_RESULT_FORMATS)}<button type="submit">Run {escape(q.name)}</button></form>')
    parts.append('<h2 id="sparql">Any SPARQL query</h2><form method="get" action="sparql">'
                 '<textarea name="query" rows="6">SELECT ?class (COUNT(?s) AS ?n) WHERE { ?s a ?class } '
                 'GROUP BY ?class ORDER BY DESC(?n)</textarea>'
                 f'{_format_select(_RESULT_FORMATS)}<button type="submit">Run</button></form>')
    parts.append(f"<script>{_SCRIPT}</script>")
    return _page("kg: stored queries", "\n".join(parts))


def results_page(results: Results, labels: Mapping[str, str], *, title: str = "Query answer") -> str:
    """An answer as a table for people: IRIs shown by their labels, the IRI itself on hover."""
    def cell(term) -> str:
        if term is None:
            return "<td></td>"
        shown = escape(display(term, labels))
        return f'<td title="{escape(term.value)}">{shown}</td>' if term.kind == "uri" else f"<td>{shown}</td>"

    if results.boolean is not None:
        table = f"<p><strong>{'true' if results.boolean else 'false'}</strong></p>"
        count = ""
    elif results.triples is not None:
        rows = "".join("<tr>" + "".join(cell(t) for t in triple) + "</tr>" for triple in results.triples)
        table = f"<table><tr><th>subject</th><th>predicate</th><th>object</th></tr>{rows}</table>"
        count = f"<p>{len(results.triples)} triple(s)</p>"
    else:
        head = "".join(f"<th>{escape(v)}</th>" for v in results.variables)
        rows = "".join("<tr>" + "".join(cell(row.get(v)) for v in results.variables) + "</tr>" for row in results.rows)
        table = f"<table><tr>{head}</tr>{rows}</table>"
        count = f"<p>{len(results.rows)} row(s)</p>"
    return _page(title, f'<p><a href="/">All stored queries</a></p><h1>{escape(title)}</h1>{table}{count}')
