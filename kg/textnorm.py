"""Matching evidence quotes against source texts.

News texts mix typographic and straight quotes, dashes of every length and odd
whitespace; an analyst types whichever is at hand. Both sides are folded to one
form before matching, and offsets are mapped back to the original text so that
position selectors point at the source's own characters.
"""

from __future__ import annotations

import re
import unicodedata

_FOLD = {
    **{c: "'" for c in "\u2018\u2019\u201a\u201b\u2032\u00b4`"},
    **{c: '"' for c in "\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb"},
    **{c: "-" for c in "\u2010\u2011\u2012\u2013\u2014\u2015\u2212"},
    "\u2026": "...",
}


def fold(text: str) -> tuple[str, list[int]]:
    """Fold quotes, dashes and whitespace; return the folded text and, for each of
    its characters, the offset of the original character it came from."""
    out: list[str] = []
    where: list[int] = []
    last_space = True
    for i, ch in enumerate(text):
        if ch.isspace() or unicodedata.category(ch) == "Zs":
            if not last_space:
                out.append(" ")
                where.append(i)
            last_space = True
            continue
        last_space = False
        for piece in _FOLD.get(ch, ch):
            out.append(piece)
            where.append(i)
    while out and out[-1] == " ":
        out.pop()
        where.pop()
    return "".join(out), where


def normalise(text: str) -> str:
    """The folded form of a text (composed to NFC first, as source texts are), for comparisons."""
    return fold(unicodedata.normalize("NFC", text))[0]


class SourceText:
    """One source text, folded once, that many quotes are looked up in."""

    def __init__(self, text: str):
        self.text = text
        self.folded, self._where = fold(text)

    def find(self, quote: str, near: int | None = None) -> tuple[int, int] | None:
        """The (start, end) character offsets of the quote in the original text, or None: its first occurrence, or
        with ``near`` the occurrence that starts closest to that offset (words an article prints twice, in a
        standfirst and in the body, are evidence where the rule read them)."""
        needle = normalise(quote)
        if not needle:
            return None
        at = self.folded.find(needle)
        if at < 0:
            return None
        if near is not None:
            best, nxt = at, self.folded.find(needle, at + 1)
            while nxt >= 0:
                if abs(self._where[nxt] - near) < abs(self._where[best] - near):
                    best = nxt
                nxt = self.folded.find(needle, nxt + 1)
            at = best
        start = self._where[at]
        end = self._where[at + len(needle) - 1] + 1
        return start, end

    def context(self, start: int, end: int, width: int = 32) -> tuple[str, str]:
        """The words just before and after a span, for a TextQuoteSelector."""
        before = " ".join(self.text[max(0, start - width):start].split(" ")[1:]) if start > width else self.text[:start]
        after_raw = self.text[end:end + width]
        after = " ".join(after_raw.split(" ")[:-1]) if end + width < len(self.text) else after_raw
        return before, after


_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def printable(text: str) -> str:
    """One line, with control characters (a file's newlines, terminal escapes) shown as \\xNN, never obeyed.

    For anything a file or graph supplies that kg prints to a terminal: error lines and table cells.
    """
    return _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", " ".join(text.split()))
