"""Which format an answer is written in: the SPARQL 1.1 Protocol's content negotiation.

A client says what it wants with the ``Accept`` header (q-values honoured) or,
for links and forms, a ``format`` parameter. SELECT and ASK answers come as
SPARQL results JSON, XML, CSV or TSV, or an HTML table for a browser; CONSTRUCT
and DESCRIBE answers as Turtle, N-Triples, JSON-LD or RDF/XML (or the HTML
table). A client that accepts anything gets JSON or Turtle.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Format:
    key: str  # the ``format`` parameter's value
    media_type: str
    aliases: tuple[str, ...] = ()  # other media types that mean the same

    @property
    def content_type(self) -> str:
        return self.media_type + ("; charset=utf-8" if self.media_type.startswith("text/") else "")


RESULTS = (
    Format("json", "application/sparql-results+json", ("application/json",)),
    Format("xml", "application/sparql-results+xml", ("application/xml", "text/xml")),
    Format("csv", "text/csv"),
    Format("tsv", "text/tab-separated-values"),
    Format("html", "text/html"),
)
GRAPHS = (
    Format("ttl", "text/turtle", ("application/x-turtle",)),
    Format("nt", "application/n-triples", ("text/plain",)),
    Format("jsonld", "application/ld+json", ("application/json",)),
    Format("rdfxml", "application/rdf+xml", ("application/xml", "text/xml")),
    Format("html", "text/html"),
)
KEYS = {"turtle": "ttl", "ntriples": "nt", "json-ld": "jsonld", "rdf": "rdfxml"}


class NotAcceptable(ValueError):
    """No format the client accepts fits the answer; the message lists those that do."""


def choose(form: str, accept: str | None, asked: str | None = None) -> Format:
    """The format for an answer of query ``form`` (SELECT, ASK, CONSTRUCT, DESCRIBE)."""
    offered = GRAPHS if form in ("CONSTRUCT", "DESCRIBE") else RESULTS
    if asked:
        key = KEYS.get(asked.lower(), asked.lower())
        found = next((f for f in offered if f.key == key), None)
        if found is None:
            raise NotAcceptable(f"format '{asked}' is not offered for {form} answers; "
                                f"use one of {', '.join(f.key for f in offered)}")
        return found
    best, best_score = None, None
    for rank, (media, q) in enumerate(_accepted(accept or "*/*")):
        for order, fmt in enumerate(offered):
            if _matches(media, fmt):
                # Highest q first; among equals the client's own order, then ours (JSON/Turtle first).
                score = (q, -rank, -order)
                if best_score is None or score > best_score:
                    best, best_score = fmt, score
    if best is None:
        raise NotAcceptable(f"none of the accepted types ({' '.join((accept or '').split())[:120]}) fits a {form} answer; "
                            f"accept one of {', '.join(f.media_type for f in offered)}")
    return best


def _matches(media: str, fmt: Format) -> bool:
    if media in ("*/*", "*"):
        return True
    if media.endswith("/*"):
        return fmt.media_type.startswith(media[:-1])
    return media == fmt.media_type or media in fmt.aliases


def _accepted(header: str) -> list[tuple[str, float]]:
    """The media ranges of an Accept header with their q-values; q=0 (not acceptable) and junk dropped."""
    out = []
    for part in header.split(","):
        media, *params = (p.strip() for p in part.split(";"))
        q = 1.0
        for param in params:
            name, _, value = param.partition("=")
            if name.strip().lower() == "q":
                try:
                    q = float(value)
                except ValueError:
                    q = 0.0
        if media and q > 0:
            out.append((media.lower(), q))
    return out
