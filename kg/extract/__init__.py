"""kg extract: a reviewable first draft of an article's facts, in the project's data format.

Stages: read the article (article), find who and what it names (entities), who
said each quotation (speech), grades and figures (grades, figures), compose the
proposals (compose) and write them as YAML with comments (draft). ``evaluate``
measures the proposals against curated records.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..project import Project
from .article import read_article
from .compose import Composer, Meta, parse_date
from .draft import render
from .known import Known, load_known

SECTIONS = ("The article", "Organisations and places", "People", "People and posts", "Inspections and grades",
            "Assessment areas", "Findings", "Figures", "Quotations", "Events and dates", "Plans and claims")


@dataclass
class Draft:
    source_id: str
    text: str
    composer: Composer

    def proposals(self):
        return [p for ps in self.composer.proposals.values() for p in ps]


def extract(article: Path, meta: Meta | None = None, project: Project | None = None, known: Known | None = None) -> Draft:
    """The draft for one article file; ``meta`` overrides the article's header."""
    project = project or Project.at()
    art = read_article(Path(article))
    given = meta or Meta()
    head = art.header
    merged = Meta(id=given.id or head.get("id"), headline=given.headline or head.get("headline"),
                  publisher=given.publisher or head.get("publisher"), author=given.author or head.get("author"),
                  date=parse_date(given.date or head["date"]) if (given.date or head.get("date")) else None,
                  url=given.url or head.get("url"))
    composer = Composer(art, known if known is not None else load_known(project), merged)
    composer.compose()
    order = [(title, composer.proposals.get(title, [])) for title in SECTIONS]
    header = [f"Draft by kg extract from {art.name}: every proposal below is a suggestion to review.",
              "Each record says in a comment what it rests on; each evidence quote gives its character offsets in the",
              "article file. Edit or delete what is wrong, then: kg add THIS-FILE --texts FOLDER-WITH-THE-ARTICLE.",
              ""] + composer.notes
    return Draft(composer.article_id, render(composer.article_id, header, order), composer)


__all__ = ["Draft", "Meta", "extract"]
