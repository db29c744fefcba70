"""Reading a plain-text news article: its header, paragraphs, sentences and quoted speech.

Every piece keeps its character offsets in the file as read, so that a proposal's
evidence points at the article's own characters and can be found again by
``kg.textnorm.SourceText`` (the code ``kg verify-evidence`` uses).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import InputError
from ..inputs import MAX_ARTICLE, read_text
from .furniture import blanked, furniture

#: Header keys an article file may start with, between two '---' lines.
HEADER_KEYS = ("id", "headline", "publisher", "author", "date", "url")
#: Other names saved pages give the same keys ('Title: ...', 'Published: ...'), in either kind of header.
HEADER_ALIASES = {"title": "headline", "published": "date", "byline": "author", "link": "url",
                  "newspaper": "publisher", "paper": "publisher"}
#: The key of a line of a bare header kg has no use for ('Section: News / Crime', 'Tags: policing'): a label of
#: one or two words, which the header may hold beside the keys it knows.
_OTHER_KEY = re.compile(r"[A-Z][A-Za-z]*(?: [A-Za-z]+)?")

_OPEN = "\u201c\u2018\"'"
_CLOSE = "\u201d\u2019\"'"
_DOUBLE = "\u201c\u201d\""
_ABBREV = {"mr", "mrs", "ms", "dr", "st", "no", "prof", "supt", "insp", "sgt", "det", "gen", "e.g", "i.e", "vs", "etc"}


@dataclass(frozen=True)
class Span:
    """Characters start..end of the article file."""

    start: int
    end: int
    text: str


@dataclass
class Quote:
    """Words in quotation marks: where they are, and whether they open or close a run of paragraphs."""

    start: int
    end: int
    text: str
    paragraph: int
    opens_paragraph: bool  # the paragraph starts with this quote mark
    closed: bool  # a closing mark was found in the same paragraph
    after_colon: bool  # 'said: "...'
    speaker: str | None = None  # entity key, filled by attribution
    speaker_why: str = ""


@dataclass
class Paragraph:
    index: int
    span: Span
    sentences: list[Span] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)

    def outside(self) -> list[Span]:
        """The parts of the paragraph outside quotation marks (narrative and attributions)."""
        out, at = [], self.span.start
        text = self.span.text
        for q in self.quotes:
            if q.start - 1 > at:
                out.append(Span(at, q.start - 1, text[at - self.span.start:q.start - 1 - self.span.start]))
            at = q.end + (1 if q.closed else 0)
        if at < self.span.end:
            out.append(Span(at, self.span.end, text[at - self.span.start:]))
        return out

    def in_quote(self, start: int, end: int) -> bool:
        """Whether start..end lies (mostly) within quotation marks: a sentence that opens with the mark counts."""
        if end <= start:
            return False
        inside = sum(max(0, min(end, q.end) - max(start, q.start)) for q in self.quotes)
        return inside * 2 >= end - start


@dataclass
class Article:
    path: Path
    text: str
    header: dict[str, str]
    body_start: int
    paragraphs: list[Paragraph]
    #: image captions, less their label (kg.extract.furniture): the paper's words, but a repeat of the body's facts
    captions: list[Span] = field(default_factory=list)

    @property
    def name(self) -> str:
        return self.path.name

    def span(self, start: int, end: int) -> Span:
        return Span(start, end, self.text[start:end])

    def sentence_at(self, offset: int) -> Span | None:
        for p in self.paragraphs:
            if p.span.start <= offset < p.span.end:
                for s in p.sentences:
                    if s.start <= offset < s.end:
                        return s
        return None

    def paragraph_at(self, offset: int) -> Paragraph | None:
        for p in self.paragraphs:
            if p.span.start <= offset <= p.span.end:
                return p
        return None


def read_article(path: Path, shown: str | None = None) -> Article:
    """The article in ``path``: UTF-8 text with an optional header of HEADER_KEYS, between '---' lines or bare."""
    shown = shown or str(path)
    text = read_text(path, shown, limit=MAX_ARTICLE, too_big="give one news article's text, not a whole report or page")
    if not text.strip():
        raise InputError("the article is empty", where=shown, hint="give a plain-text news article")
    header, body_start = _header(text, shown)
    # page furniture copied with the article ('Share', 'Image source, ...', 'More on this story' and its links) is
    # blanked: no rule reads it, and every other character keeps its offset
    blank, captions = furniture(text, body_start)
    text = blanked(text, blank)
    paragraphs = [_paragraph(i, span) for i, span in enumerate(_paragraph_spans(text, body_start))]
    return Article(path, text, header, body_start, paragraphs, [Span(s, e, text[s:e]) for s, e in captions])


def _header(text: str, shown: str) -> tuple[dict[str, str], int]:
    if not text.startswith("---\n"):
        return _bare_header(text)
    end = text.find("\n---", 3)
    if end < 0:
        raise InputError("the header opened by '---' is not closed", where=f"{shown}:1",
                         hint="end the header with a line '---'")
    header = {}
    for n, line in enumerate(text[4:end].split("\n"), start=2):
        if not line.strip():
            continue
        pair = _header_line(line)
        if pair is None:
            raise InputError(f"unknown header line '{line.strip()[:60]}'", where=f"{shown}:{n}",
                             hint=f"a header line is 'KEY: value' with KEY one of {', '.join(HEADER_KEYS)}")
        header[pair[0]] = pair[1]
    after = text.find("\n", end + 1)
    return header, (len(text) if after < 0 else after + 1)


def _bare_header(text: str) -> tuple[dict[str, str], int]:
    """A header with no '---' lines, as articles are often saved: 'Key: value' lines at the very top, ended by a
    blank line, two or more of them with keys kg reads ('Headline: ...', 'Publisher: ...', 'Date: ...'; or their
    HEADER_ALIASES); other 'Label: value' lines of the block ('Section: News / Crime') are passed over. A key
    twice, a line that is not 'Label: value', or a single known line ('Published: 3 June 2025' is a date line)
    makes the block the article's text, not a header."""
    block, sep, _ = text.partition("\n\n")
    lines = block.split("\n")
    if not sep or len(lines) < 2:
        return {}, 0
    header, others = {}, set()
    for line in lines:
        pair = _header_line(line)
        if pair is None:
            label, colon, value = line.partition(":")
            if not (colon and value.strip() and _OTHER_KEY.fullmatch(label.strip())) or label.strip().lower() in others:
                return {}, 0
            others.add(label.strip().lower())
            continue
        if pair[0] in header or not pair[1]:
            return {}, 0
        header[pair[0]] = pair[1]
    return (header, len(block) + 2) if len(header) >= 2 else ({}, 0)


def _header_line(line: str) -> tuple[str, str] | None:
    """'Key: value' with a key of HEADER_KEYS or HEADER_ALIASES (any case) as (key, value), else None."""
    key, colon, value = line.partition(":")
    key = key.strip().lower()
    key = HEADER_ALIASES.get(key, key)
    return (key, value.strip()) if colon and key in HEADER_KEYS else None


def _paragraph_spans(text: str, start: int) -> list[Span]:
    """Paragraphs are lines: news texts put one paragraph on a line, blank lines between or not."""
    out = []
    for m in re.finditer(r"[^\n]+", text[start:]):
        s, e = m.start() + start, m.end() + start
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            out.append(Span(s, e, text[s:e]))
    return out


_BOUNDARY = re.compile(r"(?<=[.!?])[\"'\u201d\u2019]?(?=\s+[\"'\u201c\u2018(\[]?[A-Z0-9\u2022])")


def _sentences(p: Span) -> list[Span]:
    out, at = [], 0
    text = p.text
    for m in _BOUNDARY.finditer(text):
        end = m.end()
        word = re.search(r"([A-Za-z.]+)[.!?]$", text[at:m.start()])
        if word and word.group(1).lower().rstrip(".") in _ABBREV:
            continue
        if re.search(r"\b[A-Z]\.$", text[at:m.start()]):  # an initial: 'J. Smith'
            continue
        out.append(_trimmed(p, at, end))
        at = end
    if at < len(text):
        out.append(_trimmed(p, at, len(text)))
    return [s for s in out if s.text]


def _trimmed(p: Span, s: int, e: int) -> Span:
    text = p.text
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    return Span(p.start + s, p.start + e, text[s:e])


def _quotes(index: int, p: Span) -> list[Quote]:
    """Quoted stretches of one paragraph; one left open runs to the paragraph's end."""
    text = p.text
    out: list[Quote] = []
    open_at: int | None = None
    open_mark = ""
    for i, ch in enumerate(text):
        prev = text[i - 1] if i else " "
        nxt = text[i + 1] if i + 1 < len(text) else " "
        if open_at is None:
            if ch in _OPEN and (prev.isspace() or prev in "([\u2013\u2014-:" or i == 0) and not nxt.isspace():
                open_at, open_mark = i, ch
            continue
        if ch in _CLOSE and not prev.isspace() and (nxt.isspace() or nxt in ",.;:!?)\u2013\u2014-" or i + 1 == len(text)):
            if open_mark in _DOUBLE and ch not in _DOUBLE:
                continue  # an apostrophe inside double quotes
            if ch in "'\u2019" and prev.isalpha() and nxt == "s":
                continue
            out.append(_quote(index, p, open_at, i, True))
            open_at = None
    if open_at is not None:
        out.append(_quote(index, p, open_at, len(text), False))
    return out


def _quote(index: int, p: Span, open_at: int, close_at: int, closed: bool) -> Quote:
    text = p.text
    s, e = open_at + 1, close_at
    while e > s and text[e - 1].isspace():
        e -= 1
    before = text[:open_at].rstrip()
    return Quote(p.start + s, p.start + e, text[s:e], index, opens_paragraph=open_at == 0, closed=closed,
                 after_colon=before.endswith(":"))


def _paragraph(index: int, span: Span) -> Paragraph:
    return Paragraph(index, span, _sentences(span), _quotes(index, span))


def quote_sentences(q: Quote) -> list[Span]:
    """The sentences of a quotation, as spans of the article."""
    return _sentences(Span(q.start, q.end, q.text))
