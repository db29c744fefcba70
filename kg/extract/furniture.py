"""Page furniture: the lines a news web page prints around its article, which come along when the page is copied.

A BBC page copied from a browser holds "Published 2 hours ago", "Share", "Image source, Getty Images", "Related
topics", "More on this story" and the headlines of other stories; other sites add "Read more: ...", newsletter
sign-ups, "Advertisement", photo credits and "Last modified on ...". None of them is the article: a headline under
"More on this story" is another story's, "Published 2 hours ago" is no figure, "Photo: Wrenbury Echo" no person.
So the reader blanks these lines before any rule sees the text (the characters become spaces and the offsets of
everything else stay as they are, so evidence still points at the file's own characters).

An image caption is kept, less its "Image caption," label: it is the paper's own sentence, and it may hold a fact the
body does not (a figure); where it repeats the body (a grade, a figure), the body's statement stands for it.
"""

from __future__ import annotations

import re

#: A line that is furniture, whole: the page's buttons, labels, credits and sign-ups.
_LINE = re.compile(
    r"(?i:"
    r"(?:published|updated|posted|last updated)\s+(?:\d+|an?|one)\s+(?:seconds?|minutes?|mins?|hours?|hrs?|days?|weeks?)\s+ago"
    r"|(?:\d+|an?)\s+(?:minutes?|mins?|hours?|hrs?|days?)\s+ago"
    r"|share|save|share this (?:article|story|page)|share (?:on|via) \w+(?: \w+)?|copy link|print|email"
    r"|listen(?: to this article)?(?:,? \d+ (?:min|mins|minutes))?|comments?|view comments|follow|bookmark"
    r"|image source,? .{1,80}|images? (?:copyright|credit),? .{1,80}|getty images|pa media|reuters|alamy"
    r"|(?:photo|photograph|picture|image|credit|pic)s?\s*:\s*.{1,80}|\(?(?:photo|picture|image):\s*.{1,80}\)?"
    r"|©.{0,80}|copyright\s+©?.{0,80}"
    r"|advertisement|advert|skip advert|sponsored(?: content)?|story continues below(?: advertisement)?"
    r"|continue reading|read more|read more:.{0,200}|read more about .{0,200}|also read:.{0,200}|see also:.{0,200}"
    r"|related:.{0,200}|more:.{0,200}|watch:.{0,200}|listen:.{0,200}|you might also like:?.{0,200}"
    r"|last modified on .{0,80}|last updated(?: on)? .{0,80}"
    r"|.{0,120}\bnewsletters?\b.{0,120}\b(?:sign up|sign-up|subscribe|inbox)\b.{0,120}"
    r"|.{0,120}\b(?:sign up|subscribe)\b.{0,120}\b(?:newsletters?|inbox|email)\b.{0,120}"
    r"|follow (?:bbc|us|the)\b.{0,120}\bon (?:facebook|x|twitter|instagram|tiktok)\b.{0,120}"
    r"|send your story ideas to .{0,120}|download the .{1,40} app.{0,120}"
    r")")

#: A heading that opens a block of links to other stories or topics: its lines up to the next sentence are not the
#: article's ("More on this story", then headlines with no full stop).
_LINKS = re.compile(r"(?i:related topics|related stories|related articles|related news|related internet links|"
                    r"more on this story|more stories|more from .{1,40}|top stories|most read|most popular|"
                    r"you may also be interested in|you might also like|elsewhere on the bbc|trending|"
                    r"in other news|latest news|around the bbc|more news)")

#: The label a copied BBC caption starts with.
_CAPTION = re.compile(r"(?i:image caption|caption)\s*[,:]\s*")

_SENTENCE_END = re.compile(r"[.!?][\"'\u201d\u2019)]?$")


def furniture(text: str, start: int) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """The spans of ``text`` after ``start`` to blank (whole lines of furniture, a caption's label) and the spans of
    the image captions that stay (their own words)."""
    blank, captions = [], []
    links = False
    for m in re.finditer(r"[^\n]+", text[start:]):
        s, e = m.start() + start, m.end() + start
        line = text[s:e].strip()
        if not line:
            continue
        lead = s + (len(text[s:e]) - len(text[s:e].lstrip()))
        if _LINKS.fullmatch(line.rstrip(":")):
            links = True
            blank.append((lead, e))
            continue
        if links:
            if not _SENTENCE_END.search(line) and len(line.split()) <= 20:
                blank.append((lead, e))  # another story's headline, a topic's name
                continue
            links = False
        if _LINE.fullmatch(line):
            blank.append((lead, e))
            continue
        cap = _CAPTION.match(line)
        if cap:
            blank.append((lead, lead + cap.end()))
            if lead + cap.end() < e:
                captions.append((lead + cap.end(), e))
    return blank, captions


def blanked(text: str, spans: list[tuple[int, int]]) -> str:
    """``text`` with each span's characters spaces (line breaks kept), so every other offset is unchanged."""
    out = list(text)
    for s, e in spans:
        for i in range(s, e):
            if out[i] != "\n":
                out[i] = " "
    return "".join(out)
