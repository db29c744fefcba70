"""From an article's entities, quotes, grades and figures to the proposals of a draft.

Each proposal gets evidence the article holds verbatim (checked with
kg.textnorm.SourceText, as kg verify-evidence checks data files) and a comment
saying which rule proposed it. What the article does not say is left out.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from ..errors import InputError
from ..textnorm import SourceText, normalise
from .article import Article, Span, quote_sentences
from .draft import Proposal
from .entities import IN_PAPER_NAME, NAME, PAPER_WORDS, PAST, Entities, Entity, RoleMention, force_place, slug
from .figures import find_figures
from .grades import (
    FORCE_GRADED,
    GradeMention,
    article_pillar,
    canonical,
    choose_scale,
    clean_area,
    find_grades,
    grade_names,
    name_pattern,
    pillar_of,
    row_grades,
    split_areas,
    stated_years,
)
from .known import Known
from .pairing import area_like, is_anaphor, table_grades
from .speech import SAID, Attributed, Speech


@functools.cache
def _programme_names() -> tuple[str, ...]:
    return tuple(yaml.safe_load((Path(__file__).with_name("programmes.yaml")).read_text(encoding="utf-8")))


#: a participle of telling or showing opens a clause about a grade, not an area ('pointing to its work with farmers')
_SAYING = re.compile(r"(?:pointing|saying|adding|citing|noting|highlighting|praising|describing|calling|warning|stating|"
                     r"explaining|suggesting|concluding|referring|singling)\b")
MONTHS = {m: i for i, m in enumerate(("january", "february", "march", "april", "may", "june", "july", "august",
                                      "september", "october", "november", "december"), start=1)}
MONTHS.update({m[:3]: i for m, i in list(MONTHS.items())})
MONTHS["sept"] = 9
_MONTH = (r"(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|"
          r"Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)")
_DATE = re.compile(rf"\b(?:(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<m1>{_MONTH})\.?,?\s+(?P<y1>(?:19|20)\d\d)"
                   rf"|(?P<m2>{_MONTH})\.?\s+(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?,\s+(?P<y2>(?:19|20)\d\d)"
                   rf"|(?P<m3>{_MONTH})\s+(?P<y3>(?:19|20)\d\d)"
                   rf"|(?:(?<=\bin )|(?<=\bsince ))(?P<y4>(?:19|20)\d\d)\b(?![/\u2013-]\d))")
_EVENT_VERB = re.compile(r"\b(?:re-elected|elected|appointed|took over|took up|takes over|joined|retired|retires|stepped down|"
                         r"steps down|left the force|published|launched|introduced|announced|inspected|visited|sworn in|"
                         r"started|began|came into force|will retire|was named|confirmed as|took charge|took command|"
                         r"placed|put|moved out|taken out|removed|retirement|appointment|election|resignation|"
                         r"departure|arrival|start|starts|begin|begins|publish|publishes|due|return|returns)\b",
                         re.IGNORECASE)
_START_VERBS = re.compile(r"\b(?:re-elected|elected|appointed|took over|took up|takes over|joined|sworn in|was "
                          r"named|confirmed as|took charge|took command|(?:has|have|had) led (?:the force|it) since|"
                          r"(?:has|have|had) been in (?:post|charge) since|in post since)\b",
                          re.IGNORECASE)
#: A news outlet's name: words in capitals (and 'of', 'and', 'the', '&') ending in a word outlets are named with.
_MASTHEAD = re.compile(
    r"(?:The )?(?:[A-Z][\w'&.-]*(?: (?:[A-Z][\w'&.-]*|of|and|the|&)){0,5} )?"
    + PAPER_WORDS)
#: a weekday before a date ('Thursday, 26 September 2019')
_WEEKDAY = r"(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,?\s+"
#: a name that ends like a paper's but is a force's own page or the inspectorate ('Westshire Police News'); 'Police
#: Oracle' and 'Police Professional' are papers
_NOT_A_PAPER = re.compile(r"\b(?:Police|Constabulary)(?: Service)?(?: News)?$|\b(?:Inspectorate|HMICFRS|HMIC)\b")
#: a broadcaster's regional newsroom, named as one ('ITV News Calder', 'BBC News Wales')
_BROADCASTER = re.compile(r"(?:BBC|ITV|Sky|STV|S4C|Channel 4) News(?: [A-Z][a-z]+){1,2}")
#: the paper or agency a byline names after the reporter ('By Lauren Tilsley, Press Association'), not a job
_BYLINE_PAPER = re.compile(rf"By\s+{NAME},\s*"
                           rf"(?P<paper>(?:The )?(?:[A-Z][\w'&.-]*\s+){{0,4}}(?:Association|Agency|{PAPER_WORDS[3:-1]}))")
_RELATIVE_YEAR = re.compile(r"\b(?P<w>last|this|next|the new) year\b", re.IGNORECASE)
_MONTH_ONLY = re.compile(r"\b(?P<w>in|since|from|until|by|last|next)\s+(?P<m>January|February|March|April|May|June|July|August|"
                         r"September|October|November|December)\b(?!\s*,?\s*(?:19|20)\d\d|\s+\d)")
_MONTH_OF_YEAR = re.compile(rf"\b(?:(?:in|since|from|until|by)\s+)?(?P<m>{_MONTH})\s+(?P<w>last|this|next) year\b")
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_END_VERBS = re.compile(r"\b(?:retired|retires|stepped down|steps down|left the force|will retire)\b", re.IGNORECASE)
_CAUSE = re.compile(r"\bcauses? of concern\b", re.IGNORECASE)
_AFI = re.compile(r"\b(?:needs? to get better|get better at|do better|"
                  r"needs? to (?:improve|do more|address|make sure|ensure|increase|attend|update|fully|be "
                  r"better|get better|reduce)|"
                  r"should (?:improve|increase|make|do|ensure|reduce)|must (?:improve|do|ensure|get)|areas? for improvement|"
                  r"needs? improving|need(?:s|ed)? to be improved|not (?:yet )?(?:giving|achieving|providing|doing enough|"
                  r"meeting)|must change|(?:the force|it|they|[A-Z]\w+ (?:Police|Constabulary)) (?:must|should|needs? to) \w+|"
                  r"didn['\u2019]t have|did not have|doesn['\u2019]t have|does not have|improvement (?:is )?needed)\b",
                  re.IGNORECASE)
_CONCERN = re.compile(r"\b(?:gave up|giving up|(?:had|has|have) not been|failed to|unable to|let(?:ting)? \w+(?: and \w+)? down|"
                      r"(?:was|were|is|are) (?:often |still |frequently )?not (?:contacted|kept|given|recorded|told|seen|"
                      r"answered|investigated|attended|assessed|safeguarded|supported|met)|"
                      r"concerns?|concerned|poor(?:ly)?|failing|failed|failures?|inadequate|at risk|weak(?:ness|nesses)?|"
                      r"worse|deteriorat\w*|backlogs?|lack of|too slow|too long|unacceptable|disappointed|disappointing|"
                      r"worrying|shortcomings?|not good enough|struggl\w+|not always|too many|too often|too few|left waiting|"
                      r"not happening)\b", re.IGNORECASE)
_PRAISE = re.compile(r"\b(?:achieved|honest|acted quickly|committed|professional|prais\w+|commend\w*|good|well|strong|"
                     r"effective(?:ly)?|outstanding|impressive|impressed|"
                     r"improved|improvements?|improving|innovat\w+|positive|excellent|pleased|encouraged|notable|"
                     r"satisfied|highlighted the|recognised|exemplary|high-quality|high quality|proud|among the best|"
                     r"made (?:real |good |significant |some )?progress)\b", re.IGNORECASE)
_BETTER = re.compile(r"\b(?:cut|reduced|reducing|cleared|clearing|halved|tackled|tackling|fewer|fall in|drop in|"
                     r"reduction in)\b[^.]{0,40}\b(?:backlogs?|delays?|waiting|crime|offending|reoffending|complaints|"
                     r"calls abandoned|burglary|burglaries|robbery|robberies|violence|anti-social behaviour|knife crime)\b",
                     re.IGNORECASE)
_FINDING_SUBJECT = re.compile(r"\b(?:according to (?:a|the|its) (?:new |latest )?(?:report|inspection)|HMICFRS|HMIC|"
                              r"the (?:police )?inspectorate|inspectors|the (?:police )?watchdog|the report|"
                              r"the inspection|it (?:found|said|praised|highlighted|noted|commended|raised))\b", re.IGNORECASE)
_FINDING_VERB = re.compile(r"\b(?:recognise|recognised|according to|told|rated|praise|praised|commended|"
                           r"highlighted|found|finds|finding|"
                           r"said|says|noted|raised|criticised|identified|"
                           r"concluded|warned|recognised|described|judged|reported|welcomed|singled out|pointed to|added)\b",
                           re.IGNORECASE)
_PLAN = re.compile(r"\b(?:we will|I will|we['\u2019]ll|I['\u2019]ll|will be (?:investing|recruiting|introducing|working|"
                   r"launching|scrutinising|monitoring)|plans? to|intends? to|has committed to|have committed to|"
                   r"is going to|are going to|aims? to|will continue to)\b")
_CLAIM = re.compile(r"\b(?:branded|the worst|the best|the only force|one of (?:only|just) \w+ forces|worst-performing|"
                    r"best-performing|damning|scathing)\b", re.IGNORECASE)


_FUNCTION_WORDS = {"a", "an", "the", "to", "of", "in", "for", "on", "at", "by", "from", "has", "have", "had", "seen", "is", "are",
                   "was", "were", "be", "been", "that", "this", "it", "its", "their", "our", "we", "up", "down", "further",
                   "more", "than", "within", "average", "with", "as", "so", "also", "now"}


def _tidy(words: list[str]) -> str:
    """Words without the function words a phrase cut from a sentence starts or ends with."""
    words = list(words)
    while words and words[0].lower() in _FUNCTION_WORDS:
        words.pop(0)
    while words and words[-1].lower() in _FUNCTION_WORDS | {"just", "only", "now", "answered", "delivered", "reaching",
                                                            "risen", "rose", "fell", "fallen", "increased", "down"}:
        words.pop()
    return " ".join(words).strip(" ,;:-")


_ID_PREFIX = {"Praise": "praise", "Concern": "concern", "AreaForImprovement": "afi", "CauseOfConcern": "cause-of-concern"}


def iso_date(words: str) -> str | None:
    m = _DATE.search(words)
    return _iso(m) if m else None


def _iso(m: re.Match) -> str | None:
    """The ISO date of a match of _DATE (a bare year only counts after 'in', so it is read from the match)."""
    g = m.groupdict()
    if g["y1"]:
        d, mo, y = int(g["d1"]), MONTHS[g["m1"].lower()[:3]], int(g["y1"])
    elif g["y2"]:
        d, mo, y = int(g["d2"]), MONTHS[g["m2"].lower()[:3]], int(g["y2"])
    elif g["y3"]:
        return f"{int(g['y3']):04d}-{MONTHS[g['m3'].lower()[:3]]:02d}"
    else:
        return g["y4"]
    try:
        return dt.date(y, mo, d).isoformat()
    except ValueError:
        return None


def dates_in(text: str, article_date: str | None) -> list[tuple[re.Match, str, str]]:
    """(match, ISO date, why) for each date of ``text``: the full dates it prints, and a month without a year ('in
    November') read as the latest such month not after the article's date, when the article is dated."""
    out = [(m, iso, "") for m in _DATE.finditer(text) for iso in [_iso(m)] if iso]
    if article_date:
        year = int(article_date[:4])
        for m in _RELATIVE_YEAR.finditer(text):
            shift = {"last": -1, "this": 0, "next": 1, "the new": 1}[m.group("w").lower()]
            out.append((m, str(year + shift), f"'{m.group()}' in an article dated {article_date}"))
    if article_date and len(article_date) >= 7:
        year, month = int(article_date[:4]), int(article_date[5:7])
        for m in _MONTH_ONLY.finditer(text):
            n = MONTHS[m.group("m").lower()[:3]]
            ahead = m.group("w").lower() in ("by", "until", "next") or re.search(r"\b(?:will|would|is to|are to|plans? to)\b",
                                                                               text[max(0, m.start() - 60):m.start()])
            last = m.group("w").lower() == "last"
            if ahead:
                iso, when = f"{year if n > month else year + 1:04d}-{n:02d}", "the next"
            else:
                iso, when = f"{year if n < month or (n == month and not last) else year - 1:04d}-{n:02d}", "the latest"
            out.append((m, iso, f"'{m.group()}' in an article dated {article_date}: {when} {m.group('m')}"))
        for m in _MONTH_OF_YEAR.finditer(text):  # 'in March last year': one date, the month of that year
            y = year + {"last": -1, "this": 0, "next": 1}[m.group("w").lower()]
            out.append((m, f"{y:04d}-{MONTHS[m.group('m').lower()[:3]]:02d}",
                        f"'{m.group()}' in an article dated {article_date}"))
        for m in re.finditer(r"\b(?P<w>this|last) month\b", text, re.IGNORECASE):
            y, n = (year, month) if m.group("w").lower() == "this" else ((year, month - 1) if month > 1 else (year - 1, 12))
            out.append((m, f"{y:04d}-{n:02d}", f"'{m.group()}' in an article dated {article_date}"))
    taken: list[tuple[int, int]] = []
    kept = []
    for t in sorted(out, key=lambda t: (t[0].start(), -t[0].end())):
        if not any(a < t[0].end() and t[0].start() < b for a, b in taken):
            kept.append(t)
            taken.append((t[0].start(), t[0].end()))
    return kept


def out_end(mentions: list, start: int) -> int:
    """Where the grade mention that starts at ``start`` ends."""
    return max(g.end for g in mentions if g.start == start)


def parse_date(text: str) -> str:
    """A date given by the user (header or option): ISO, or as news prints it ('29 January 2025', 'Jan 29, 2025')."""
    text = text.strip()
    if re.fullmatch(r"\d{4}(-\d{2}){0,2}", text):
        return text
    found = iso_date(text)
    if not found:
        raise InputError(f"cannot read the date '{text}'", hint="give it as 2025-01-29, '29 January 2025' or 'Jan 29, 2025'")
    return found


def _unshouted(name: str) -> str:
    """A name printed in capitals as a label would spell it ('THE ORMSBY VALE GAZETTE' -> 'The Ormsby Vale Gazette'),
    short words kept as initials ('BBC NEWS' -> 'BBC News'); any other name as it is."""
    if not name.isupper() or " " not in name:
        return name
    small = {"OF": "of", "AND": "and", "ON": "on", "UPON": "upon", "THE": "the"}
    words = [small.get(w, w if len(w) <= 3 else w.capitalize()) for w in name.split()]
    return " ".join([words[0][0].upper() + words[0][1:]] + words[1:])


def _above_headline(line: str, masthead: str | None) -> bool:
    """Lines a page prints above its headline: the paper's name, a date or time line ('Thursday, September 26, 2019',
    'Published 2 hours ago'), a section's name ('NEWS', 'Policing | Regional')."""
    if line == masthead or re.match(r"(?:Published|Updated|Posted)\b:?", line):
        return True
    if re.fullmatch(r"[^>\u203a\u00bb]{1,30}(?:\s+[>\u203a\u00bb]\s+[^>\u203a\u00bb]{1,30})+", line):  # a breadcrumb trail
        return True
    if _DATE.fullmatch(re.sub(rf"^{_WEEKDAY}", "", line)):
        return True
    return all(len(part.split()) <= 2 and not re.search(r"[.!?\u201d\"]$", part) for part in line.split("|"))


@dataclass
class Meta:
    """What the user says about the article (header or options); each value must occur in the article text."""

    id: str | None = None
    headline: str | None = None
    publisher: str | None = None
    author: str | None = None
    date: str | None = None
    url: str | None = None


@dataclass
class Composer:
    article: Article
    known: Known
    meta: Meta
    entities: Entities = field(init=False)
    source: SourceText = field(init=False)
    proposals: dict[str, list[Proposal]] = field(default_factory=dict)
    ids: set[str] = field(default_factory=set)
    notes: list[str] = field(default_factory=list)
    new_posts: dict[tuple, str] = field(default_factory=dict)

    def __post_init__(self):
        self.source = SourceText(self.article.text)
        self.entities = Entities(self.article, self.known).find_all()

    # ------------------------------------------------------------------ helpers

    def new_id(self, base: str) -> str:
        base = slug(base)
        key, n = base, 2
        while key in self.ids or key in self.known.records or key in self.entities.by_key:
            key, n = f"{base}-{n}", n + 1
        self.ids.add(key)
        return key

    def add(self, section: str, p: Proposal) -> Proposal:
        self.proposals.setdefault(section, []).append(p)
        return p

    def evidence(self, start: int, end: int) -> Span:
        """The article's words start..end as evidence: at most 400 characters, cut at a word, checked to be found."""
        raw = self.article.text[start:end]
        text = raw.strip().lstrip("\u2022*- ")
        while text[:1] in ("\u201c", "\u2018", '"', "'") and not re.search(
                {"\u201c": "\u201d", "\u2018": "\u2019(?![a-z])", '"': '"', "'": "'(?![a-z])"}[text[0]], text[1:]):
            text = text[1:].lstrip("\u2022*- ")  # an opening mark without its closing one in the span
        text = text.rstrip(" ,;:")
        if text.count("\u201c") < text.count("\u201d") or text.count('"') % 2:
            text = text.rstrip("\u201d\"").rstrip(" ,;:")
        if text.endswith("\u2019") and text.count("\u2018") < text.count("\u2019"):
            text = text[:-1].rstrip(" ,;:")
        if len(text) > 400:
            text = text[:400].rsplit(" ", 1)[0].rstrip(" ,;:")
        found = self.source.find(text, near=start)
        if found is None:  # never: the words are the article's own
            raise AssertionError(f"evidence not found in its own article: {text!r}")
        s, e = found
        return Span(s, e, self.article.text[s:e])

    def clause(self, start: int, end: int) -> Span:
        """The words start..end widened to their clause (between commas, semicolons, brackets, 'and', 'but')."""
        s = self.article.sentence_at(start) or Span(start, end, self.article.text[start:end])
        text = self.article.text
        left = max([s.start] + [m.end() + s.start for m in re.finditer(r"[,;:(\u2013\u2014]\s*|\s(?:and|but|while)\s",
                                                                        text[s.start:start])])
        right_m = re.search(r"[,;:)\u2013\u2014]|\s(?:and|but|while)\s|[.!?][\"'\u2019\u201d]?$", text[end:s.end])
        right = end + right_m.start() if right_m else s.end
        return self.evidence(left, max(right, end))

    def sentence(self, offset: int) -> Span:
        s = self.article.sentence_at(offset)
        if s is None:
            p = self.article.paragraph_at(offset)
            s = p.span if p else Span(offset, offset + 1, self.article.text[offset:offset + 1])
        return self.evidence(s.start, s.end)

    def mention_evidence(self, e: Entity) -> Span:
        outside = [m for m in e.mentions if not self._in_quote(m.start, m.end)] or e.mentions
        m = min(outside, key=lambda m: m.start)
        return self.sentence(m.start)

    def _in_quote(self, start: int, end: int) -> bool:
        p = self.article.paragraph_at(start)
        return bool(p and p.in_quote(start, end))

    def themes(self, text: str) -> list[str]:
        low = normalise(text).lower()
        out = []
        for tid in self.known.of_type("Theme"):
            label = (self.known.field(tid, "label") or [""])[0].lower()
            part = re.split(r",\s*| and ", label)[0]
            if len(part) >= 5 and re.search(rf"\b{re.escape(part)}\b", low):
                out.append(tid)
        return out

    # ------------------------------------------------------------------ the draft

    def compose(self) -> None:
        self.source_article()
        self.bodies()
        self.people()
        speech = Speech(self.article, self.entities).attribute()
        self.inspections()
        self.first_person_roles(speech)
        self.posts()
        self.grades(speech)
        self.quotations(speech)
        self.findings(speech)
        self.figures(speech)
        self.events()
        self.plans_and_claims(speech)
        self.monitoring()
        self.separate()
        self.drop_unused()

    # -- the article

    def source_article(self) -> None:
        a, meta = self.article, self.meta
        hl_span = None
        headline = meta.headline
        line_date = self.dateline()  # also finds the paper a dateline names
        masthead = None if meta.publisher or self._paper else self._masthead(headline)
        if not (meta.publisher or self._paper or masthead):
            self._paper = self._byline_paper()
        # the headline stands first, or after the paper's name, a date or a section's name on lines of their own
        lines = [p.span for p in a.paragraphs[:8] if not _above_headline(p.span.text.strip(), masthead)]
        first = lines[0] if lines else None
        if headline:
            found = self.source.find(headline)
            hl_span = self.evidence(*found) if found else None
        elif first is not None and not re.search(r"[.!?\u201d\"]$", first.text) and len(first.text.split()) <= 30:
            headline, hl_span = first.text, self.evidence(first.start, first.end)
        named = meta.publisher or self._paper or masthead  # the paper the id is named after: publisher and year
        year = (meta.date or line_date or "")[:4]  # the header's date, else the date line's: publisher and year
        # an undated article is named after its file: the paper's name alone is the paper's id
        base = meta.id or (f"{slug(named)}-{year}" if named and year else "") or slug(a.path.stem)
        self.article_id = self.new_id(base)
        p = Proposal(self.article_id, "SourceArticle", "", "", why=["The article itself: kg add reads its text from --texts."])
        if headline is None:
            s = a.paragraphs[0].sentences[0] if a.paragraphs and a.paragraphs[0].sentences else first
            headline = s.text
            p.why.append("The article has no headline line or header: its first sentence stands in; "
                         "replace it with the real headline.")
        paper = meta.publisher or self._paper or masthead
        p.label = f"{_unshouted(paper)}: {headline}" if paper else headline
        p.set("schema:headline", headline)
        if meta.publisher:
            p.set("schema:publisher", self.organisation(meta.publisher, "the publisher"))
        elif self._paper:
            p.set("schema:publisher", self.organisation(self._paper, "the publisher"),
                  f"the paper the dateline or byline names: '{self._paper}'")
        elif masthead:
            p.set("schema:publisher", self.organisation(masthead, "the publisher"),
                  f"a line of its own near the top names a paper: '{masthead}'")
        else:
            p.why.append("REVIEW: no publisher given: add 'publisher:' to the article's header (a source article needs one).")
        if meta.author:
            p.set("schema:author", self.person_record(meta.author, "the author"))
        elif any(e.fields.get("_author") for e in self.entities.of_kind("Person")):
            author = next(e for e in self.entities.of_kind("Person") if e.fields.get("_author"))
            p.set("schema:author", author.key, "from the byline")
        date = meta.date or line_date
        if date:
            p.set("schema:datePublished", date)
        else:
            p.set("note", "The article prints no date of its own.")
        if meta.url:
            p.set("schema:url", meta.url)
        p.set("textFile", a.name)
        if hl_span:
            p.add_evidence(hl_span)
        elif a.paragraphs:
            p.add_evidence(self.evidence(a.paragraphs[0].sentences[0].start, a.paragraphs[0].sentences[0].end))
        for key in ("date", "publisher", "author", "url"):
            value = getattr(meta, key)
            if value and key != "publisher":
                found = self.source.find(value)
                if found:
                    p.add_evidence(self.evidence(*found))
        self.article_date = date
        self.reference_date = date  # what 'last year', 'in October' are read against (else the report's date)
        self.add("The article", p)

    def dateline(self) -> str | None:
        """The article's own date, from a line near the top; a paper named on that line ('Wexcombe Live, 6 March
        2024') is kept in self._paper."""
        self._paper = None
        for para in self.article.paragraphs[:6]:
            m = None
            if len(para.span.text) <= 50:
                line = re.sub(rf"^(?:Published:?|Updated:?|Posted:?)?\s*(?:{_WEEKDAY})?", "",
                              para.span.text.strip())
                m = _DATE.fullmatch(line)
            if m is None and len(para.span.text) <= 120 and re.match(r"By\s", para.span.text):  # 'By Jane Doe | 17 April 2024'
                m = _DATE.search(para.span.text)
            if m is None and len(para.span.text) <= 120 and "|" in para.span.text:  # 'Police Review Online | 27 March 2025'
                m = next(filter(None, (_DATE.fullmatch(re.sub(rf"^{_WEEKDAY}", "",
                                                              part.strip())) for part in para.span.text.split("|"))), None)
            if m and "|" in para.span.text and len(para.span.text) <= 120:
                # 'By Jane Doe, Crime Reporter | The Westshire Chronicle | Friday, 21 October 2022': the paper too, a
                # name ending in a word outlets are named with, not a force's own page ('Westshire Police News')
                papers = [part.strip() for part in para.span.text.split("|") if _MASTHEAD.fullmatch(part.strip())
                          and not _NOT_A_PAPER.search(part.strip())]
                if len(papers) == 1:
                    self._paper = papers[0]
            if m is None and len(para.span.text) <= 80 and not re.search(r"[.!?\u201d\"]$", para.span.text):
                # 'Wexcombe Live, 6 March 2024': a line of its own that names the paper, then the date
                tail = re.search(rf"(?:^|[,|\u2013\u2014-]\s*)(?:{_WEEKDAY})?(?P<d>[^,|]+)$",
                                 para.span.text.strip())
                m = _DATE.fullmatch(tail.group("d").strip()) if tail else None
                paper = re.fullmatch(r"((?:The )?[A-Z][\w'&.-]*(?: (?:[A-Z][\w'&.-]*|of|and|on)){0,5}),\s*.+",
                                     para.span.text.strip())
                if m and paper and not _DATE.search(paper.group(1)) and not re.search(r"\b(?:Police|Constabulary)\b",
                                                                                    paper.group(1)):
                    self._paper = paper.group(1)
            if m is None:  # a news dateline opening the first paragraph: 'PORTHCOLLAN, 22 March 2018 – The force ...'
                lead = re.match(r"[A-Z][A-Z'.-]+(?: [A-Z][A-Z'.-]+){0,3},\s*(?P<d>[^,–—]{6,30}?)\s*[–—-]\s",
                                para.span.text)
                m = _DATE.fullmatch(lead.group("d")) if lead else None
            if m:
                return iso_date(m.group())
        return self._date_line()

    def _byline_paper(self) -> str | None:
        """The paper or agency a byline names after the reporter's name ('By Lauren Tilsley, Press Association'),
        not a job ('Crime Reporter', 'Home Affairs Correspondent'). None when no byline or two name one."""
        found = {m.group("paper") for para in self.article.paragraphs[:10]
                 for m in [_BYLINE_PAPER.fullmatch(para.span.text.strip())]
                 if m and not re.search(r"\b(?:Reporter|Correspondent|Editor|Writer)$", m.group("paper"))}
        return found.pop() if len(found) == 1 else None

    def _masthead(self, headline: str | None) -> str | None:
        """A paper or broadcaster named on a line of its own near the top ('Harrowdale Evening Post', 'The
        Westshire Times', 'BBC News', 'Minster FM'): a name in capitals ending in a word news outlets are named with,
        not the headline, not a force; or such a name and the place its newsroom is in ('BBC News, Chalkbourne',
        a broadcaster's regional byline), the name alone being the publisher. None when there is no such line, or two."""
        found = []
        for para in self.article.paragraphs[:10]:  # page furniture ('Share', 'Image caption, ...') can come first
            text = para.span.text.strip()
            name, _, place = text.partition(", ")
            if not (place and re.fullmatch(r"[A-Z][\w'-]*(?: (?:[A-Z][\w'-]*|and|upon|on))?", place, re.IGNORECASE)):
                name = text
            # a masthead in capitals ('THE ORMSBY VALE GAZETTE') is read as its words, and kept as printed
            probe = name.title() if name.isupper() else name
            # not a force's name nor the inspectorate's ('Police Oracle' and 'Police Professional' are papers)
            if ((_MASTHEAD.fullmatch(probe) and " " in probe or _BROADCASTER.fullmatch(text)) and text != headline
                    and not _NOT_A_PAPER.search(name)):  # 'NEWS' alone is a section
                found.append(text if _BROADCASTER.fullmatch(text) else name)
        return found[0] if len(found) == 1 else None

    def _date_line(self) -> str | None:
        """The one full date of a short line near the top that is not a sentence, in any of the news formats:
        '08:15, 8 DEC 2016', 'Published: 17:30 Friday 10 November 2017', 'Minster FM News | Thursday 27 November
        2014, 6:04am' (clock times and months in capitals aside). Tried only after the stricter forms above, and
        refused when the line holds two full dates."""
        for para in self.article.paragraphs[:6]:
            text = para.span.text.strip()
            if len(text) > 100 or re.search(r"[.!?\u201d\"]$", text):
                continue
            line = re.sub(r"\b[A-Z]{3,9}\b", lambda w: w.group().title() if w.group().lower() in MONTHS else w.group(), text)
            line = re.sub(r"\b\d{1,2}[:.]\d{2}\s*(?:[ap]\.?m\b\.?|GMT\b|BST\b)?", " ", line, flags=re.IGNORECASE)
            full = [d for d in _DATE.finditer(line) if d.group("y1") or d.group("y2")]
            if len(full) == 1:
                return iso_date(full[0].group())
        return None

    def organisation(self, name: str, what: str) -> str:
        found = self.known.find(name, "Organisation")
        if found:
            return found
        where = self.source.find(name)
        if where is None:
            raise InputError(f"{what} '{name}' does not occur in the article text",
                             where=self.article.name, hint="put it in the article's header, for example 'publisher: NAME'")
        key = self.new_id(name)
        p = Proposal(key, "Organisation", _unshouted(name), "", why=[f"{what[0].upper()}{what[1:]} of the article, as given."])
        p.add_evidence(self.evidence(*where))
        self.add("Organisations and places", p)
        return key

    def organisation_named(self, name: str) -> str | None:
        for e in self.entities.of_kind("Organisation"):
            if e.label == name:
                return e.key
        where = self.source.find(name)
        if where is None:
            return None
        key = self.new_id(name)
        p = Proposal(key, "Organisation", name, "", why=["An organisation a post belongs to, as the article names it."])
        p.add_evidence(self.sentence(where[0]))
        self.add("Organisations and places", p)
        return key

    def _named(self, name: str, kind: str) -> str | None:
        """The id of the graph's or the article's entity of this kind with this name, if any."""
        found = self.known.find(name, kind)
        if found:
            return found
        return next((e.key for e in self.entities.of_kind(kind) if e.label == name), None)

    def person_record(self, name: str, what: str) -> str:
        found = self._named(name, "Person")
        if found:
            return found
        where = self.source.find(name)
        if where is None:
            raise InputError(f"{what} '{name}' does not occur in the article text", where=self.article.name,
                             hint="put it in the article's header, for example 'author: NAME'")
        key = self.new_id(name)
        p = Proposal(key, "Person", name, "", why=[f"{what[0].upper()}{what[1:]} of the article, as given."])
        p.add_evidence(self.evidence(*where))
        self.add("People", p)
        return key

    # -- bodies and people

    def bodies(self) -> None:
        for e in self.entities.of_kind("PoliceForce") + self.entities.of_kind("Inspectorate") + \
                self.entities.of_kind("Organisation") + self.entities.of_kind("Place"):
            self.ids.add(e.key)
            if e.existing:
                self._note_reuse(e.key, f"'{e.first.text}' (chars {e.first.start}-{e.first.end}) names it")
                continue
            p = Proposal(e.key, e.kind, e.label, "", why=[f"Found as {e.first.why}: '{e.first.text}' (chars {e.first.start}-"
                                                           f"{e.first.end})."] + [f"Merged: {m}." for m in e.merges])
            if e.kind == "PoliceForce":
                place = self.place_for_force(e)
                p.set("jurisdiction", place, "the place in the force's name")
            if e.kind == "Inspectorate":
                p.set("fullName", e.fields.get("fullName", e.label))
            p.add_evidence(self.mention_evidence(e))
            self.add("Organisations and places", p)

    def place_for_force(self, force: Entity) -> str:
        # 'Harlowe Metropolitan Police Service' polices Harlowe: 'Metropolitan' is the kind of force, not the place
        name = re.sub(r"(?:\s+Metropolitan)?\s+(?:Police Service|Police|Constabulary)$", "", force.label)
        found = self._named(name, "Place")
        if found:
            return found
        key = self.new_id(name)
        p = Proposal(key, "Place", name, "", why=[f"The area of {force.label}, read from the force's name."])
        standalone = re.search(rf"\b{re.escape(name)}\b(?!['\u2019]?s? (?:Police|"
                               rf"Constabulary)|{IN_PAPER_NAME})", self.article.text[self.article.body_start:])
        if standalone:
            s = standalone.start() + self.article.body_start
            p.add_evidence(self.sentence(s))
        else:
            p.add_evidence(self.evidence(force.first.start, force.first.end))
        self.add("Organisations and places", p)
        return key

    def people(self) -> None:
        for e in self.entities.of_kind("Person"):
            self.person(e)
        for why in self.entities.distinct:
            self.notes.append(why[0].upper() + why[1:] + "; if it is the same person, use that id instead.")
        for m in self.entities.unresolved:
            self.notes.append(f"'{m.text}' (chars {m.start}-{m.end}) names no one the rules can tell apart: not merged.")

    def person(self, e: Entity) -> None:
        """The person's record, or the note that the graph's is reused."""
        self.ids.add(e.key)
        if e.existing:
            self._note_reuse(e.key, f"'{e.first.text}' (chars {e.first.start}-{e.first.end}) is the same name"
                             + "".join(f"; {m}" for m in e.merges))
            return
        p = Proposal(e.key, "Person", e.label, "",
                     why=[f"Found as {e.first.why}: '{e.first.text}' (chars {e.first.start}-{e.first.end})."]
                     + [f"Merged: {m}." for m in e.merges])
        if e.fields.get("postNominals"):
            p.set("postNominals", e.fields["postNominals"])
        p.add_evidence(self.mention_evidence(e))
        outside = [m for m in e.mentions if not self._in_quote(m.start, m.end)] or e.mentions
        first = min(outside, key=lambda m: m.start)
        p.focus = self.evidence(first.start, first.end)  # the name alone, when two people share a sentence
        self.add("People", p)

    # -- inspection

    def inspections(self) -> None:
        self.inspection_id = None
        self.previous_id = None
        force = self.entities.main_force
        text = self.article.text
        if force is None or not re.search(r"\b(?:inspect\w*|PEEL|HMICFRS|HMIC|watchdog)\b", text, re.IGNORECASE):
            return
        insp = self.entities.inspectorate
        force_label = self.entities.by_key[force].label
        years = self._own_years(stated_years(text, self.article.body_start))
        other = self.other_programme()
        if other:  # 'separate from the annual PEEL assessments ... HMIC's 2015 PEEL inspection': PEEL's years are another's
            years = [y for y in years if not re.search(r"\bPEEL\b", text[max(0, y[3] - 30):y[3] + len(y[2]) + 30])]
        grades = self.grade_mentions(years[0][0] if years else int(self.article_date[:4]) if self.article_date else None)
        current = [g.wording for g in grades if not g.previous and not g.wording.startswith("@")]
        if years:
            y0, y1, words, at = years[0]
            year, why = y0, f"the article dates the inspection '{words}' (chars {at}-{at + len(words)})"
        elif self.article_date:
            year, why = int(self.article_date[:4]), (f"the article gives no year for the inspection; it is dated "
                                                      f"{self.article_date}")
            words = None
        else:
            year, why, words = None, "", None
        choice = choose_scale(self.known, sorted(set(current)), year, why)
        programme = self.programme()
        short = force_place(force_label)
        period = words.replace("\u2013", "-").replace("/", "-") if words else (self.article_date or "")[:4]
        named = "PEEL" if programme and not other else ""
        if other:  # the programme's name: its proposal's, or the graph's record's
            named = next((x.label for x in self.proposals.get("Inspections and grades", []) if x.id == other),
                         (self.known.field(other, "label") or [""])[0])
        self.inspection_id = self.new_id(f"{slug(named) if named else 'inspection'}-{period}-{short}")
        insp_label = self.entities.by_key[insp].label if insp else ""
        p = Proposal(self.inspection_id, "Inspection",
                     f"{insp_label} {named + ' ' if named else ''}inspection of {force_label}{f' ({words})' if words else ''}"
                     .strip(), "", why=["The inspection the article reports."])
        p.set("inspectorate", insp)
        p.set("inspectedForce", force)
        p.set("programme", programme)
        if choice.scale:
            p.set("usesScale", choice.scale.id, choice.why)
        else:
            p.why.append(f"No grade scale: {choice.why}.")
        if words and years[0][0] == years[0][1] and re.fullmatch(r"\d{4}", words):
            month = re.search(rf"\b(?:inspected|inspection|carried out|took place|visited)\b[^.\n]{{0,40}}\b(?:in|during)\s+"
                              rf"({_MONTH})\s+{words}$", text[max(0, years[0][3] - 70):years[0][3] + len(words)])
            p.set("date", f"{words}-{MONTHS[month.group(1).lower()[:3]]:02d}" if month else words)  # 'in May 2023'

        elif words:
            p.set("period", words)
        span = years[0][:2] if years and years[0][1] > years[0][0] else None  # a period's first and last year
        if span and "notBefore" in self.known.terms:
            p.set("notBefore", str(span[0]), f"'{words}' is the programme's period, so it took place in {span[0]} or later")
        if self.article_date and "notAfter" in self.known.terms:
            p.set("notAfter", self.article_date, "the article reports it, so it took place by the article's date")
        elif span and "notAfter" in self.known.terms and not self.reference_date:
            p.set("notAfter", str(span[1]), f"'{words}' is the programme's period, so it took place by the end of {span[1]}")
        inspectors = [r.person for r in self.entities.roles if r.role.id == "role-hm-inspector"]
        if len(set(inspectors)) == 1:
            p.set("leadInspector", inspectors[0], "the one HM inspector the article names")
        self.scale = choice.scale
        for pattern in (r"\bPEEL\b", r"\breport\b", r"\binspect\w*\b"):
            m = re.search(pattern, text[self.article.body_start:])
            if m:
                p.add_evidence(self.sentence(m.start() + self.article.body_start))
                break
        if words:
            p.add_evidence(self.sentence(years[0][3]))
        self.add("Inspections and grades", p)
        self.report(p)
        if not self.article_date and self.reference_date and "notAfter" in self.known.terms:
            p.set("notAfter", self.reference_date, "its report was published then, so it took place by that date")
        if any(g.previous for g in grades):
            self.previous(p, force, grades, year)

    def _own_years(self, years: list) -> list:
        """The years that can date the reported inspection: in an article that reports its report as new ('published
        today', 'on Tuesday', 'its latest report'), a year three or more years before the article's own date is an
        earlier inspection's ('The 2017 inspection rated the force good for legitimacy' in a 2024 article), not this
        one's."""
        if not self.article_date or not re.search(
                r"\b(?:published|released|out)\b[^.\n]{0,40}?\b(?:today|yesterday|this week|this morning|last week|on\s+"
                r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday))\b|\b(?:latest|new|newly published)\s+"
                r"(?:PEEL\s+)?(?:report|inspection|assessment)\b", self.article.text, re.IGNORECASE):
            return years
        now = int(self.article_date[:4])
        return [y for y in years if y[1] > now - 3]

    def grade_mentions(self, year: int | None = None) -> list:
        """The article's grades, once: a grade placed in an earlier year than the inspection's ('in 2019 it had been
        rated good') belongs to an earlier inspection; an area a headline shortens ('good at keeping people safe')
        is the body's fuller area with the same grade."""
        if getattr(self, "_grades", None) is not None:
            return self._grades
        text = self.article.text
        names = grade_names(self.known)
        bodies = frozenset(n.lower() for e in self.entities.of_kind("PoliceForce") + self.entities.of_kind("Place")
                           for n in (e.label, force_place(e.label)))
        # 'requires improvement at A, inspectors said, and at B': the attribution inside the list is read as a comma, so
        # the list goes on (blanked to spaces in the copy the grades are read from: every offset stays)
        graded = re.sub(r"(?<=[a-z]),\s+(?:the\s+)?(?:inspectors|report|inspectorate|watchdog|HMICFRS|HMIC)\s+"
                        r"(?:said|says|found|added|noted|concluded),\s+(?P<and>and|but)(?=\s)",
                        lambda m: f", {m.group('and')}" + " " * (len(m.group()) - 2 - len(m.group("and"))), text)
        out = [g for s in self._sentences() for g in find_grades(graded, s.start, s.end, names, bodies)]
        out = self.counted_aside(out, names)
        out = self.grade_as_noun(out, names)
        if year is not None:
            said = re.compile(r"\b(?<![Ss]ince )(?i:in|from|during)\s+(?:\w+\s+)?((?:19|20)\d\d)\b"
                              r"(?:\s*[/\u2013-]\s*(?:\d{2}|(?:19|20)\d\d)\b)?|"
                              r"\b((?:19|20)\d\d)(?:\s*[/\u2013-]\s*(?:\d{2}|(?:19|20)\d\d))?\s+(?:PEEL\s+)?(?:[a-z]+\s+)?"
                              r"(?:inspection|report|assessment)\b")
            # 'At its previous inspection, the force was rated ...', 'When it was last inspected, ...': a sentence that
            # opens by placing itself in the earlier inspection places all its grades there
            opens_earlier = re.compile(r"^\W*(?:(?i:at|in|during|after|following)\s+(?:its|the|their|that)\s+(?:previous|last|"
                                       r"earlier|prior)\s+(?:PEEL\s+)?(?:inspection|assessment|report|visit)\b|"
                                       r"(?i:when|the last time)\s+(?:it|the force|[A-Z]\w+(?: [A-Z]\w+)? (?:Police|"
                                       r"Constabulary))\s+was\s+(?:last\s+)?inspected\b|(?i:previously)\b)")
            for g in out:
                # an earlier year placed before the sentence's first grade dates them all ('In 2019 it was rated good
                # for X and adequate for Y'); after it, only the grade whose words hold it ('rated X, down from good
                # in 2016')
                mine = sorted({o.start for o in out if o.sentence == g.sentence})
                first, at = mine[0], mine.index(g.start)
                lo = g.sentence[0] if at == 0 else out_end(out, mine[at - 1])
                hi = mine[at + 1] if at + 1 < len(mine) else g.sentence[1]
                years = [int(a or b) for a, b in said.findall(text[g.sentence[0]:first])] + \
                    [int(a or b) for a, b in said.findall(text[max(lo, first):hi])]
                same = re.match(r"['\u2019\"\u201d]?\s*(?:[,\u2013\u2014]|\s-)\s*the same (?:grade|rating)\b[^.;]{0,30}?\bin\s+"
                                r"(?:19|20)\d\d", text[g.end:hi])
                if same:  # 'graded requires improvement – the same grade it received in 2016': this one is current
                    g.previous = False
                elif re.search(r"\b(?:now|this time)\b(?:\s+[\w'\u2019]+){0,3}\s*$", text[lo:g.start], re.IGNORECASE) or \
                        re.search(r"\b(?i:since)\s+(?:(?:its|the)\s+(?:last|previous)\s+(?:\w+\s+)?inspection\s+)?(?:in\s+)?"
                                  r"(?:19|20)\d\d\b", text[g.sentence[0]:g.start]):
                    pass  # 'Since its last inspection in 2019 the force ... is now rated good': the grade is the new one
                elif years and max(years) < year and not g.previous:
                    g.previous = True
                elif re.search(r"\b(?:was|were|had been)\s+then\b|^\W*(?:Then|At that time|At the time),",
                               text[g.sentence[0]:first]) and \
                        (before := [x for x in self._sentences() if x.end <= g.sentence[0]]) and \
                        any(int(a or b) < year for a, b in said.findall(before[-1].text)) and not g.previous:
                    # 'The force's last full assessment, in 2019, used a four-point scale. It was then rated good for
                    # ...': 'then' is the time the sentence before placed itself in
                    g.previous = True
                elif opens_earlier.search(text[g.sentence[0]:first]) and not re.search(
                        r"\b(?:now|this time|latest|new|today)\b", text[g.sentence[0]:g.start], re.IGNORECASE):
                    g.previous = True
        for i, g in enumerate(out):  # 'rated adequate in that area': the one area the sentence before graded, else none
            if g.area and is_anaphor(g.area):
                earlier = [o for o in out[:i] if o.area and not is_anaphor(o.area) and o.sentence[1] <= g.sentence[0]]
                last = [o for o in earlier if o.sentence == earlier[-1].sentence] if earlier else []
                one = {o.area.lower() for o in last}
                out[i] = dataclasses.replace(g, area=last[0].area if len(one) == 1 else None,
                                             area_start=None)
        out = self.fall_from(out)
        out = self.earlier_in_aside(out)
        out = self.named_next(out)
        heads = []  # the headline and standfirst: the opening lines that end with no full stop
        for para in self.article.paragraphs:
            if re.search(r"[.!?][\"'\u201d\u2019]?$", para.span.text) or len(para.span.text.split()) > 40:
                break
            heads.append(para.span)
        if heads:
            top = heads[-1].end
            body = {g.wording for g in out if not g.previous and g.start >= top}
            # a headline's grade is the body's, in fewer words ('inadequate at protecting children'): the body's stands
            out = [g for g in out if not (g.start < top and g.wording in body)]
        caps = [(c.start, c.end) for c in self.article.captions]
        if caps:  # an image caption's grade that the body gives too is the body's ('Image caption, The force was rated ...')
            told = {g.wording for g in out if not any(cs <= g.start < ce for cs, ce in caps)}
            out = [g for g in out if not (any(cs <= g.start < ce for cs, ce in caps) and g.wording in told)]
        out = self.subheadings(out)
        out = self.tables(out, names)
        out = self.rows(out, names)
        pillar = article_pillar(text[self.article.body_start:])
        forces = self.force_names()
        for i, g in enumerate(out):  # 'In the 2014 inspection the force was judged good', in an effectiveness report
            said = FORCE_GRADED.search(text[g.sentence[0]:g.start]) if pillar else None
            if said and g.area is None and g.area_count is None and not g.wording.startswith("@") and \
                    re.match(r"['\u2019\"\u201d]?\s*(?:overall\s*)?(?:[.;,\u2013\u2014]|\s-\s|$)", text[g.end:g.sentence[1]]):
                # 'Eastwold Constabulary, across the county boundary, was graded requires improvement': that force's
                named = forces.get((said.group("force") or "").lower())
                force = named if named and named != self.entities.main_force else g.force
                out[i] = dataclasses.replace(g, area=pillar, area_start=None, overall=False, force=force)
        out = self.forces_of(out)
        current = [g for g in out if not g.previous and not g.wording.startswith("@")]
        named = {(g.area.lower(), g.wording) for g in current if g.area}
        overall = [g for g in current if g.overall and not g.area and g.area_count is None]
        if len(named) == 1 and overall and not any(g.area_count for g in current) and \
                all(g.wording == next(iter(named))[1] for g in overall):
            # one area graded, and an 'overall' grade that is the same: the article grades one question and calls its
            # grade overall ('deemed inadequate in keeping people safe ...'; 'the force's overall inadequate rating')
            area = next(g.area for g in current if g.area)
            out = [dataclasses.replace(g, area=area, area_start=None, overall=False)
                   if g.overall and not g.area and g.area_count is None else g for g in out]
        out = self.counts_named(out)
        kept = []
        for g in out:
            fuller = g.area and any(o is not g and o.wording == g.wording and o.previous == g.previous and o.area
                                    and o.area.lower().startswith(g.area.lower() + " ") for o in out)
            if not fuller:
                kept.append(g)
        self._grades = kept
        return kept

    def counted_aside(self, out: list, names: list[str]) -> list:
        """'But in two areas – responding to the public and investigating crime – it requires improvement': a count of
        areas fronted, the areas named between dashes or in brackets, then the grade. Read only when the list holds as
        many areas as the count says (so an area's own 'and' is never split on a guess)."""
        text = self.article.text
        alt = "|".join(name_pattern(n) for n in names)
        numbers = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7}
        pattern = re.compile(
            rf"\b(?i:in|for|on|across)\s+(?P<n>two|three|four|five|six|seven|[2-7])\s+(?:other\s+|further\s+)?areas?\s*"
            rf"(?:[\u2013\u2014(]|\s-)\s*(?P<list>[a-z][^\u2013\u2014().;:]*?)\s*(?:[\u2013\u2014)]|\s-)\s*,?\s*"
            rf"(?:it|the force|they|[A-Z]\w+(?: [A-Z]\w+)? (?:Police|Constabulary))\s+(?:was\s+|were\s+|is\s+)?(?:still\s+)?"
            rf"(?:(?:rated|judged|graded|deemed|assessed|found)\s+(?:as\s+|to\s+be\s+|to\s+(?=requir))?)?"
            rf"['\u2018\u201c\"]?(?P<grade>(?i:{alt}))\b")
        for s in self._sentences():
            for m in pattern.finditer(text, s.start, s.end):
                n = numbers.get(m.group("n").lower()) or int(m.group("n"))
                parts = re.split(r",\s*(?:and\s+)?|\s+and\s+", m.group("list"))
                if len(parts) != n or not all(area_like(x) for x in parts):
                    continue
                wording = canonical(m.group("grade"), names)
                at = m.start("list")
                found = []
                for x in parts:
                    off = text.find(x, at, m.end("list"))
                    found.append(GradeMention(m.start("grade"), m.end("grade"), wording, clean_area(x), off, None, False,
                                              False, (s.start, s.end)))
                    at = off + len(x)
                out = [g for g in out if not (g.start == m.start("grade") and g.area is None)] + found
        out.sort(key=lambda g: (g.start, g.area_start or 0))
        return out

    def grade_as_noun(self, out: list, names: list[str]) -> list:
        """The grade as a noun the area follows: 'Its only requires improvement grade was for managing offenders', 'the
        only force to receive an outstanding grade, for developing a positive workplace'. A grade so found replaces the
        same grade word read without an area."""
        text = self.article.text
        alt = "|".join(name_pattern(n) for n in names)
        q = "['\u2018\u2019\u201c\u201d\"]?"
        area = r"(?P<area>[a-z][^.;,:()\u2013\u2014]*?)\s*(?=[.;,:()\u2013\u2014]|$)"
        programmes = "|".join(re.escape(n).replace(r"\ ", r"\s+") for n in sorted(_programme_names(), key=len, reverse=True))
        patterns = (
            re.compile(rf"\b(?i:its|the force['\u2019]s|[A-Z]\w+['\u2019]s)\s+(?:only|sole|single|one)\s+{q}"
                       rf"(?P<grade>(?i:{alt})){q}\s+(?:grade|rating)\s+(?:was|came)\s+(?:for|in|at)\s+{area}"),
            re.compile(rf"\b(?:receive[ds]?|receiving|given|awarded|got|gained|earned)\s+(?:an?|the|its)\s+(?:only\s+)?{q}"
                       rf"(?P<grade>(?i:{alt})){q}\s+(?:grade|rating),?\s+(?:for|in|at)\s+{area}"),
            # 'rated the force inadequate in its crime data integrity inspection': a programme of one subject
            # (kg/extract/programmes.yaml) grades that subject
            re.compile(rf"{q}(?P<grade>(?i:{alt})){q}\s+(?:in|for|at)\s+(?:its|the|a|their)\s+(?:latest\s+|new\s+|recent\s+)?"
                       rf"(?P<area>(?i:{programmes}))\s+(?:inspection|review)"),
            # 'The seventh was protecting vulnerable people, where inspectors gave Orwell Vale the lowest grade, inadequate'
            re.compile(rf"\b(?:was|were|is|are)\s+(?P<area>[a-z][^.;,:()\u2013\u2014]*?),\s+(?:where|in which|for which)\s+"
                       rf"(?:the\s+)?(?:inspectors|inspectorate|watchdog|HMICFRS|HMIC)\s+(?:gave|awarded|handed)\s+"
                       rf"(?:the force|it|[A-Z]\w+(?: [A-Z]\w+){{0,2}})\s+(?:(?:the|its)\s+(?:lowest|highest|top|bottom|worst|"
                       rf"best)(?:\s+possible)?\s+(?:grade|rating),?\s+|an?\s+(?:grade|rating)\s+of\s+|an?\s+)?{q}"
                       rf"(?P<grade>(?i:{alt})){q}(?![a-z])"),
            # 'Inspectors singled out the way the force plans for the future, which they judged inadequate'
            re.compile(rf"(?P<area>\b(?:the way|how(?: well)?)\s+(?:the force|it)\s+[a-z][^,.;:]*?),\s+which\s+(?:they|"
                       rf"inspectors|the inspectors|the inspectorate|the watchdog|HMICFRS|HMIC)\s+(?:judged|rated|graded|"
                       rf"found|assessed|considered|deemed)\s+(?:to\s+be\s+|as\s+)?{q}(?P<grade>(?i:{alt})){q}(?![a-z])"),
        )
        for s in self._sentences():
            for pattern in patterns:
                for m in pattern.finditer(text, s.start, s.end):
                    words = m.group("area")
                    programme = " ".join(words.lower().split()) in _programme_names()
                    if not (re.match(r"[a-z]{3,}ing\s+\S|the way\s|how\s", words) or pillar_of(words) or programme) or \
                            not (area_like(words) or programme) or \
                            any(g.start == m.start("grade") and g.area for g in out):  # an activity or a pillar only
                        continue
                    out = [g for g in out if g.start != m.start("grade")]
                    out.append(GradeMention(m.start("grade"), m.end("grade"), canonical(m.group("grade"), names),
                                            clean_area(m.group("area")), m.start("area"), None, False, False, (s.start, s.end)))
        out.sort(key=lambda g: (g.start, g.area_start or 0))
        return out

    def earlier_in_aside(self, out: list) -> list:
        """'... at protecting victims – the area where the force had been rated good in 2015': an aside after an area
        that gives an earlier inspection's grade of the same area (the one the aside follows). Only an earlier grade
        (placed in an earlier year), only right after the area, and only with words saying it is that area."""
        text = self.article.text
        aside = re.compile(r"['\u2019\"\u201d]?\s*(?:[\u2013\u2014]|\s-|,)\s*(?:(?:the|an|a)\s+(?:same\s+)?area\s+"
                           r"(?:where|in which|for which|that|which|it)\b|the same area\b|which|where)[^.;:\u2013\u2014]{0,80}$",
                           re.IGNORECASE)
        for i, g in enumerate(out):
            if not g.previous or g.area_count is not None or not (
                    g.area is None or re.fullmatch(r"(?:in|for|since)\s+(?:19|20)\d\d", g.area)):
                continue
            prior = [o for o in out[:i] if o.sentence == g.sentence and o.area and o.area_start is not None
                     and not o.previous and o.area_start + len(o.area) <= g.start]
            if not prior:
                continue
            o = prior[-1]
            end = o.area_start + len(o.area)
            if text[o.area_start:end] != o.area or not aside.match(text[end:g.start]):
                continue
            out[i] = dataclasses.replace(g, area=o.area, area_start=None)
        return out

    def fall_from(self, out: list) -> list:
        """'It is a fall from the "requires improvement" grade the force was given in 2016': a sentence that opens by
        calling the grade before it a move from another names the earlier grade of the same area, which is the one area
        the sentence before graded; with none, or more than one, the grade names no area (and is not proposed)."""
        text = self.article.text
        for i, g in enumerate(out):
            if g.area or g.area_count is not None or g.wording.startswith("@") or not re.fullmatch(
                    r"\s*(?:It|This|That)\s+(?:is|was|marks|marked|represents|represented)\s+(?:a|an)\s+(?:\w+\s+)?"
                    r"(?:fall|drop|rise|decline|slip|improvement|step\s+(?:up|down)|move|change)\s+(?:up\s+|down\s+)?from\s+"
                    r"(?:the|a|an|its)\s+['\u2018\u2019\"\u201c\u201d]?", text[g.sentence[0]:g.start]):
                continue
            before = [o for o in out[:i] if o.sentence[1] <= g.sentence[0]]
            last = [o for o in before if o.sentence == before[-1].sentence and not o.previous] if before else []
            gap = text[last[0].sentence[1]:g.sentence[0]] if last else ""
            areas = {o.area.lower() for o in last if o.area}
            if len(areas) == 1 and len(last) == 1 and not re.search(r"[.!?]\s", gap) and \
                    not re.search(r",|\band\b", last[0].area):  # 'for A and for B': which of them fell is not said
                out[i] = dataclasses.replace(g, area=last[0].area, area_start=None, overall=False, previous=True)
        return out

    def counts_named(self, out: list) -> list:
        """A count whose areas are named with it ('good in three areas: A, B and C'; 'one 'good', two 'adequate' ...
        grades:' ending the sentence above the list of the nine) is not a fact of its own: the named areas stand for
        it, so it is dropped when that sentence, or the list it introduces, names at least as many areas with that
        grade. A count in one place and areas named paragraphs later stays (readers list both); so does a count of
        'other' or 'remaining' areas, which are areas beyond those named."""
        text = self.article.text
        named_areas = [g for g in out if g.area]
        drop = set()
        for g in out:
            if not g.area_count or g.area:
                continue
            lo, hi = g.sentence
            near = re.split(r"[,;:]", text[g.end:hi])[0] + " " + text[max(lo, g.start - 30):g.start]
            if re.search(r"\b(?:others?|remaining|further|more|additional|another|rest)\b", near, re.IGNORECASE):
                continue
            colon = text[lo:hi].rstrip().endswith(":")
            named = {a.area.lower() for a in named_areas if a.wording == g.wording and a.previous == g.previous and (
                a.sentence == g.sentence or (colon and hi <= a.start < hi + 1500))}
            if len(named) >= g.area_count:
                drop.add(id(g))
        return [g for g in out if id(g) not in drop]

    def subheadings(self, out: list) -> list:
        """A sub-heading's grade ('3. Investigations are 'adequate'', a short line with no full stop) that the paragraph
        under it states is that paragraph's grade, in fewer words: the paragraph's stands."""
        paras = self.article.paragraphs
        drop = set()
        for i, para in enumerate(paras[:-1]):
            t = para.span.text.strip()
            nxt = paras[i + 1].span
            if re.search(r"[.!?:][\"'\u201d\u2019]?$", t) or len(t.split()) > 12 or para.span.start < self.article.body_start \
                    or re.match(r"[\u2022\u00b7*\u2013-]", t) or re.search(r"[:|\t]", t) \
                    or not re.search(r"[.!?][\"'\u201d\u2019]?$", nxt.text.strip()):
                continue  # a row of a list or table is no heading; a heading heads a paragraph of prose
            mine = [g for g in out if para.span.start <= g.start < para.span.end]
            under = {g.wording for g in out if nxt.start <= g.start < nxt.end and not g.previous}
            drop |= {id(g) for g in mine if g.wording in under}
        return [g for g in out if id(g) not in drop]

    def named_next(self, out: list) -> list:
        """'The force was rated good in two areas. These were preventing crime and ...': the next sentence names the
        areas one count of the sentence before left unnamed (not when that sentence has two counts)."""
        sentences = self._sentences()
        for before, s in zip(sentences, sentences[1:], strict=False):
            m = re.match(r"(?:These|They|Those|The (?:\w+ )?areas?(?: \w+)?)\s+(?:were|are|included|include)\s*:?\s+"
                         r"(?P<list>[a-z][^.;:]+)\.?$", s.text)
            counted = [g for g in out if g.sentence == (before.start, before.end) and g.area_count]
            if not m or len(counted) != 1:
                continue
            items = [x.strip() for x in re.split(r",\s*(?:and\s+)?|\s+and\s+(?=[a-z]+ing\b)", m.group("list")) if x.strip()]
            if items and len(items) <= counted[0].area_count and all(area_like(x) for x in items):
                g = counted[0]
                for x in items:
                    at = s.start + s.text.find(x)
                    out.append(dataclasses.replace(g, area=clean_area(x), area_start=at, area_count=None))
        return sorted(out, key=lambda g: (g.start, g.area_start or 0))

    def tables(self, out: list, names: list[str]) -> list:
        """Grades set out as a table, a line a row ('Efficiency    Requires improvement    Good'), read by column
        (kg.extract.pairing.table_grades); what the sentence rules read from those lines is replaced."""
        paras = self.article.paragraphs
        alt = "|".join(name_pattern(n) for n in names)
        i = 0
        while i < len(paras):
            j = i
            while j < len(paras) and len(paras[j].span.text) < 160 and \
                    re.search(r"\S(?:\s{2,}|\t|\s*\|\s*)\S", paras[j].span.text):
                j += 1
            if j - i >= 2:
                lines = [(p.span.start, p.span.end) for p in paras[i:j]]
                cells = table_grades(self.article.text, lines, alt)
                if cells is not None:
                    lo, hi = lines[0][0], lines[-1][1]
                    out = [g for g in out if not lo <= g.start < hi]
                    for c in cells:
                        row = next(p.span for p in paras[i:j] if p.span.start <= c.grade_start < p.span.end)
                        wording = canonical(self.article.text[c.grade_start:c.grade_end], names)
                        out.append(GradeMention(c.grade_start, c.grade_end, wording, clean_area(c.area), c.area_start,
                                                None, False, c.previous, (row.start, row.end)))
                    out.sort(key=lambda g: g.start)
            i = max(j, i + 1)
        return out

    def force_names(self) -> dict[str, str]:
        """Each name a force of the article goes by (lower case: 'lindell', 'lindell constabulary') and its key."""
        out = {}
        for e in self.entities.of_kind("PoliceForce"):
            for n in {e.label, force_place(e.label)}:
                out.setdefault(n.lower(), e.key)
        return out

    def rows(self, out: list, names: list[str]) -> list:
        """Lines set out as rows of grades (kg.extract.grades.row_grades): a PEEL question and its answer, or an area
        with a grade per force; what the sentence rules read from such a line is replaced. Where rows grade two or
        more forces, a grade a sentence gives 'both forces' ('Both forces were rated adequate in the remaining three
        areas') is each of those forces' grade."""
        forces = self.force_names()
        text = self.article.text
        for para in self.article.paragraphs:
            if para.span.start < self.article.body_start:
                continue
            for line in re.finditer(r"[^\n]+", text[para.span.start:para.span.end]):
                lo, hi = para.span.start + line.start(), para.span.start + line.end()
                got = row_grades(text, lo, hi, names, forces)
                if got is not None:
                    out = [g for g in out if not lo <= g.start < hi] + got
        out.sort(key=lambda g: (g.start, g.area_start or 0))
        return out

    def force_sections(self) -> list[tuple[int, str]]:
        """'HAZELBURY CONSTABULARY' on a line of its own: a round-up's section heading, whose force what follows is of
        (grades, a chief constable) until the next such heading: (where the heading starts, the force's key)."""
        forces = self.force_names()
        if len(set(forces.values())) < 2:
            return []
        who = "|".join(re.escape(n) for n in sorted(forces, key=len, reverse=True))
        headings = []
        for para in self.article.paragraphs:
            line = para.span.text.strip()
            if para.span.start >= self.article.body_start and len(line.split()) <= 6 and \
                    not re.search(r"[.!?:,;\u201d\"]$", line) and (line.isupper() or line.istitle()) and \
                    re.fullmatch(rf"(?i:{who})", line):
                headings.append((para.span.start, forces[line.lower()]))
        return headings

    def forces_of(self, out: list) -> list:
        """Which force each grade is of, where the article grades more than one: a sentence whose subject is another
        force ('Eastwold Constabulary was graded ...', 'But Lindell's investigations were rated ...') gives that force's
        grades; once another force is graded, a grade a sentence gives 'both forces' ('Both forces were rated adequate
        in the remaining three areas') is each force's. Otherwise a grade is the main force's."""
        forces = self.force_names()
        main = self.entities.main_force
        if not main or len(set(forces.values())) < 2:
            return out
        text = self.article.text
        who = "|".join(re.escape(n) for n in sorted(forces, key=len, reverse=True))
        # ('In a separate report, Eastmarch Police was rated ...': an opening phrase before the subject, up to its comma)
        subject = re.compile(rf"(?:(?:But|And|Meanwhile|However|By contrast|In contrast|Across the (?:county )?border|"
                             rf"Next door|Its neighbour|(?:In|At|For|On|Under|After)\s[^,.;:\u201c\"]{{2,40}}?)\s*,?\s+)?"
                             rf"(?P<f>(?i:{who}))(?:['\u2019]s)?\b(?!\s+(?:and|or)\b)")
        headings = self.force_sections()
        for i, g in enumerate(out):
            if g.force:
                continue
            m = subject.match(text, g.sentence[0], g.start)
            named = {forces[n.lower()] for n in re.findall(rf"\b(?i:{who})\b", text[g.sentence[0]:g.start])}
            if m and named == {forces[m.group("f").lower()]} and forces[m.group("f").lower()] != main:
                out[i] = dataclasses.replace(g, force=forces[m.group("f").lower()])
                continue
            section = [f for at, f in headings if at < g.start]
            if section and not (named - {section[-1]}):
                if section[-1] != main:
                    out[i] = dataclasses.replace(g, force=section[-1])
                continue
            para = self.article.paragraph_at(g.start)
            if para is None or named or not re.match(r"(?:The force|It|Its)\b", text[g.sentence[0]:g.start]):
                continue
            # 'Inspectors were less impressed in Eastwold. ... The force was rated requires improvement at ...': the
            # one force the paragraph's earlier sentences name
            before = {forces[n.lower()] for n in re.findall(rf"\b(?i:{who})\b", text[para.span.start:g.sentence[0]])}
            if len(before) == 1 and main not in before:
                out[i] = dataclasses.replace(g, force=before.pop())
        graded = list(dict.fromkeys(g.force for g in out if g.force and g.force != main))
        if not graded:
            return out
        both = []
        for g in out:
            if g.force is None and re.search(r"\b(?:[Bb]oth|[Tt]he two|[Ee]ach of the two)\s+forces\b",
                                             text[g.sentence[0]:g.start]):
                both += [dataclasses.replace(g, force=f) for f in [main, *graded]]
            else:
                both.append(g)
        return both

    def programme(self) -> str | None:
        other = self.other_programme()
        if other:
            return other
        m = re.search(r"\bPEEL\b", self.article.text)
        if not m:
            return None
        found = self.known.find("PEEL", "InspectionProgramme")
        if found:
            return found
        key = self.new_id("peel")
        p = Proposal(key, "InspectionProgramme", "PEEL", "", why=["The inspection programme the article names."])
        full = re.search(r"Police Effectiveness,? Efficiency and Legitimacy", self.article.text, re.IGNORECASE)
        if full:
            p.set("fullName", full.group())
        p.add_evidence(self.sentence(m.start()))
        self.add("Inspections and grades", p)
        return key

    def other_programme(self) -> str | None:
        """A programme other than PEEL that the article reports the inspection of, named before any mention of PEEL
        ('HMIC rated the force inadequate in its crime data integrity inspection, published today';
        kg/extract/programmes.yaml): proposed with that sentence as evidence (or reused by name)."""
        if getattr(self, "_other", False) is not False:
            return self._other
        self._other = None
        names = "|".join(re.escape(n).replace(r"\ ", r"\s+") for n in sorted(_programme_names(), key=len, reverse=True))
        text = self.article.text
        m = re.search(rf"\b(?P<name>(?i:{names}))\s+(?:inspection|review|report)s?\b", text[self.article.body_start:])
        if m is None or re.search(r"\bPEEL\b", text[self.article.body_start:self.article.body_start + m.start()]):
            return None  # an article that names PEEL first reports a PEEL inspection ('recording data about crime')
        at = m.start("name") + self.article.body_start
        name = " ".join(m.group("name").lower().split())
        found = self.known.find(name, "InspectionProgramme")
        if found:
            self._other = found
            return found
        key = self.new_id(name)
        p = Proposal(key, "InspectionProgramme", name, "",
                     why=["The inspection programme the article names for the inspection it reports (not PEEL)."])
        p.add_evidence(self.sentence(at))
        self.add("Inspections and grades", p)
        self._other = key
        return key

    def report(self, inspection: Proposal) -> None:
        body = self.article.text[self.article.body_start:]
        m = re.search(r"\b(?:HMICFRS|HMIC|PEEL|inspectorate|watchdog)\b[^.\n]{0,80}\breport\b|\breport\b[^.\n]{0,80}"
                      r"\b(?:HMICFRS|HMIC|PEEL|inspectorate|watchdog)\b", body, re.IGNORECASE) or re.search(r"\breport\b", body)
        if not m:
            return
        key = self.new_id(f"{inspection.id}-report")
        p = Proposal(key, "Report", f"Report of the {inspection.label}", "",
                     why=["The inspection's report, as the article names it."])
        url = re.search(r"(?:https?://)?(?:www\.)?justiceinspectorates\.gov\.uk/\S+?(?=[.,;]?(?:\s|$))", self.article.text)
        if url:
            address = url.group() if url.group().startswith("http") else "https://" + url.group()
            added = "" if url.group().startswith("http") else "; https:// added"
            p.set("schema:url", address, "the address as printed" + added)
            p.add_evidence(self.evidence(url.start(), url.end()))
        p.add_evidence(self.sentence(m.start() + self.article.body_start))
        when = re.search(r"\b(?:published|released|came out|out)\s+(today|yesterday|this week|(?:on|last) (?:Monday|Tuesday|"
                         r"Wednesday|Thursday|Friday|Saturday|Sunday))\b(?!,?\s+\d)", self.article.text[self.article.body_start:])
        if when:
            words = when.group(1)
            if words in ("today", "yesterday") and self.article_date and len(self.article_date) == 10:
                day = dt.date.fromisoformat(self.article_date) - dt.timedelta(days=words == "yesterday")
                p.set("date", day.isoformat(), f"'{when.group()}' in an article dated {self.article_date}")
            elif words.startswith(("on ", "last ")) and self.article_date and len(self.article_date) == 10:
                # 'published on Tuesday' in an article dated Wednesday 6 March 2024: the Tuesday before, 5 March;
                # 'last Thursday' in an article dated a Thursday: the week before
                dated = dt.date.fromisoformat(self.article_date)
                weekday = words.split()[1]
                back = (dated.weekday() - _WEEKDAYS.index(weekday.lower())) % 7 or (7 if words.startswith("last") else 0)
                day = dated - dt.timedelta(days=back)
                p.set("date", day.isoformat(), f"'{when.group()}' in an article dated {self.article_date}: the latest "
                                               f"{weekday} by then")
            p.set("dateText", when.group())
            p.add_evidence(self.sentence(when.start() + self.article.body_start))
        else:
            dated = re.search(rf"\b(?:published|released)\s+(?:on|in)\s+(?:{_WEEKDAY})?"
                              rf"(?P<d>{_DATE.pattern})", body)
            if dated:  # 'a report published in February 2025', 'published on 27 September 2019'
                p.set("date", iso_date(dated.group("d")), "the date the article gives for the report")
                p.add_evidence(self.sentence(dated.start() + self.article.body_start))
                self.reference_date = self.reference_date or iso_date(dated.group("d"))
        inspection.set("report", key)
        self.add("Inspections and grades", p)

    def previous(self, current: Proposal, force: str, grades: list, year: int | None) -> None:
        first = next(g for g in grades if g.previous)
        sent = self.article.text[first.sentence[0]:first.sentence[1]]
        ym = re.search(r"\b(?i:in|from)\s+(?:(?:early|late|mid-|the (?:spring|summer|autumn|winter) of)\s*)?"
                       r"(?:(?:January|February|March|April|May|June|July|August|September|October|November|December)\s+)?"
                       r"((?:19|20)\d\d)\b(?P<span>\s*[/\u2013-]\s*(?:\d{2}|(?:19|20)\d\d)\b)?", sent)
        ym = ym or re.search(r"\b((?:19|20)\d\d)(?P<span>\s*[/\u2013-]\s*(?:\d{2}|(?:19|20)\d\d)\b)?(?=\s+(?:PEEL\s+)?"
                             r"(?:[a-z]+\s+)?(?:inspection|report|assessment)\b)", sent)  # 'The 2017 inspection rated ...'
        last_year = re.search(r"\blast year['\u2019]?s?\b", sent, re.IGNORECASE)
        before = [x for x in self._sentences() if x.end <= first.sentence[0]]
        own = ym is not None
        if ym is None and last_year is None and before and re.search(
                r"\b(?:was|were|had been)\s+then\b|^\W*(?:Then|At that time|At the time),", sent):
            # 'The force's last full PEEL assessment, in 2019, used a four-point scale. It was then rated good ...':
            # the year of the sentence 'then' points back to
            ym = re.search(r"\b(?i:in|from)\s+((?:19|20)\d\d)\b(?P<span>\s*[/\u2013-]\s*(?:\d{2}|(?:19|20)\d\d)\b)?",
                           before[-1].text)
        key = self.new_id(f"{current.id}-previous")
        p = Proposal(key, "Inspection", f"Earlier inspection of {self.entities.by_key[force].label}", "",
                     why=["An earlier inspection the article compares with: its grades are placed there."])
        p.set("inspectedForce", force)
        if self.article_date and "notAfter" in self.known.terms:
            p.set("notAfter", self.article_date, "an earlier inspection than the one the article reports")
        prev_year, why = None, ""
        if ym and ym.group("span"):  # 'in 2018/19': the period the earlier inspection covers
            words = ym.group()[ym.start(1) - ym.start():]
            prev_year, why = int(ym.group(1)), f"the article dates the earlier grade '{words}'"
            p.set("period", words)
        elif ym:
            prev_year, why = int(ym.group(1)), f"the article dates the earlier grade '{ym.group(1)}'"
            p.set("date", ym.group(1))
        elif last_year and (self.article_date or year):
            base = int(self.article_date[:4]) if self.article_date else year
            prev_year = base - 1
            why = (f"'last year' in an article dated {self.article_date}" if self.article_date else
                   f"'last year' in an article that reports the {year} inspection and prints no date of its own")
            p.set("dateText", last_year.group())
            if self.article_date:
                p.set("date", str(prev_year), why)
        elif last_year:
            p.set("dateText", last_year.group())
        words = sorted({g.wording for g in grades if g.previous and not g.wording.startswith("@")})
        if prev_year is None and year is not None and self.scale is not None and self.scale.first_year is None:
            # no year for the earlier inspection, but the current one's scale applies to every year before it
            prev_year, why = year, f"an inspection earlier than the {year} one, and the {self.scale.label} has no start"
        choice = choose_scale(self.known, words, prev_year, why)
        if choice and choice.scale:
            p.set("usesScale", choice.scale.id, choice.why)
        self.previous_scale = choice.scale if choice else None
        span = self.evidence(*first.sentence)
        if any((e.start, e.end) == (span.start, span.end) for e in current.evidence):
            # The sentence already states the reported inspection ("rated it good, up from requires improvement in
            # 2019"): one quote for two facts does not validate, so the earlier one quotes its own clause.
            dated = first.sentence[0] + ym.end() if ym and own else first.end
            span = self.clause(first.start, max(first.end, dated))
        p.add_evidence(span)
        current.set("previousInspection", key)
        self.previous_id = key
        self.add("Inspections and grades", p)

    def _sentences(self) -> list[Span]:
        return [s for p in self.article.paragraphs for s in p.sentences]

    # -- posts

    def posts(self) -> None:
        groups: dict[tuple[str, str], list[RoleMention]] = {}
        for r in self.entities.roles:
            groups.setdefault((r.person, r.role.id), []).append(r)
        for (person_key, _role_id), mentions in sorted(groups.items(), key=lambda kv: kv[1][0].start):
            self.holding(self.entities.by_key[person_key], mentions)

    def first_person_roles(self, speech: list[Attributed]) -> None:
        """'I am the joint national lead for performance for the Association of ...' said by a known speaker."""
        names = "|".join(re.escape(n) for r in self.known.roles for n in r.names)
        pattern = re.compile(rf"\bI am (?:the|a|an) (?:joint )?(?P<role>(?i:{names}))\b(?P<rest>[^.]{{0,120}})")
        for a in speech:
            if a.speaker is None or a.embedded or a.speaker.kind != "Person":
                continue
            named = set(self.entities.by_key)
            self.entities.deputy(a.speaker, a.quote.start, a.quote.end)
            for key in sorted(set(self.entities.by_key) - named):
                self.person(self.entities.by_key[key])
            for m in pattern.finditer(self.article.text, a.quote.start, a.quote.end):
                role = self.known.role_for(m.group("role"))
                if role is None:
                    continue
                org = re.search(r"\b(?:of|for) the ([A-Z][a-z]+(?: (?:of|and|for|&) [A-Z][a-z]+| [A-Z][a-z]+)*)", m.group("rest"))
                qualifier = org.group(1).strip() if org else ""
                end = m.start("rest") + (org.end() if org else 0)
                self.entities.roles.append(RoleMention(a.speaker.key, role, m.start(), end, self.article.text[m.start():end],
                                                       "", qualifier))

    def _post_target(self, r: RoleMention) -> tuple[str | None, str | None, str]:
        """(organisation, place, words) the post belongs to."""
        force = self.entities.main_force
        qual = re.sub(r"['\u2019]s?$", "", r.qualifier)
        if r.role.post_in == "Inspectorate":
            return self.entities.inspectorate, None, "the inspectorate the article names"
        if r.role.post_in == "PoliceForce":
            if qual:
                for f in self.entities.of_kind("PoliceForce"):
                    if f.label.startswith(qual) or f.label.endswith(" " + qual) or \
                            qual in self.known.field(f.key, "skos:altLabel"):  # ('Vale Police's': the name's end)
                        return f.key, None, f"'{r.qualifier}' before the title"
            # 'In Saltfleet, Chief Constable NAME said ...': the one force the sentence names before the title, by its
            # name or its place (not one named after it: 'Chief Constable NAME said Eastmarch Police had ...')
            sentence = self.article.sentence_at(r.start)
            if sentence is not None and len(self.entities.of_kind("PoliceForce")) > 1:
                before = self.article.text[sentence.start:r.start]
                named = [f for f in self.entities.of_kind("PoliceForce")
                         if re.search(rf"\b{re.escape(force_place(f.label))}\b", before)]
                if len(named) == 1:
                    return named[0].key, None, f"'{named[0].label}' named before the title in its sentence"
            section = [f for at, f in self.force_sections() if at < r.start]
            if section:
                return section[-1], None, "the force whose section of the article names the title"
            return force, None, "the force the article is about"
        place = self.known.find(qual, "Place") or next((self._jurisdiction(f.key) for f in self.entities.of_kind("PoliceForce")
                                                         if qual and f.label.startswith(qual + " ")), None) if qual else None
        if not r.role.post_in and place:  # 'Westshire MP Mark Dale': a place named with the title is no organisation
            return None, place, f"'{r.qualifier}' named with the title"
        if not r.role.post_in and r.qualifier:  # a role of no fixed kind of body: the organisation named with it
            return self.known.find(r.qualifier, "Organisation") or self.organisation_named(r.qualifier), None, \
                f"'{r.qualifier}' named with the title"
        if r.role.post_in == "Place":
            if qual:
                place = self.known.find(qual, "Place")
                if place:
                    return None, place, f"'{r.qualifier}' before the title"
                for f in self.entities.of_kind("PoliceForce"):
                    if f.label.startswith(qual):
                        return None, self._jurisdiction(f.key), f"'{r.qualifier}' before the title"
            if force:
                return None, self._jurisdiction(force), "the area of the force the article is about"
        return None, None, ""

    def _jurisdiction(self, force: str) -> str | None:
        known = self.known.field(force, "jurisdiction")
        if known:
            return known[0]
        for p in self.proposals.get("Organisations and places", []):
            if p.id == force:
                return p.get("jurisdiction")
        return None

    def holding(self, person: Entity, mentions: list[RoleMention]) -> None:
        r = mentions[0]
        org, place, why = self._post_target(r)
        post = self.known.post(r.role.id, org, place)
        if post is not None:
            self._note_reuse(post)
        else:  # one new post for every holder of it this article names
            post = self.new_posts.get((r.role.id, org, place))
            if post is None:
                post = self.new_posts[(r.role.id, org, place)] = self._new_post(r, org, place, why)
        tenures = sorted({m.tenure for m in mentions if m.tenure})
        surname = person.label.split()[-1]
        key = self.new_id(f"holding-{slug(person.label)}-{r.role.id.removeprefix('role-')}")
        post_label = self._post_label(post)
        p = Proposal(key, "PostHolding", f"{person.label} as {post_label}", "person-post",
                     why=[f"'{r.text}' (chars {r.start}-{r.end}): {surname} named with the title."])
        p.set("org:member", person.key)
        p.set("post", post)
        former = [t for t in tenures if t in PAST]
        start, end, dates_why = self._tenure_dates(person, r.role)
        if start or end:
            p.set("org:memberDuring", {k: v for k, v in (("startDate", start), ("endDate", end)) if v}, dates_why)
        ended = bool(end and self.reference_date and end < self.reference_date[:len(end)])
        if not former and not ended:  # a holding that ended before the article is not attested by it
            p.set("attestedAt", self.article_id, "named with the title in the article")
        if tenures:
            p.set("tenure", tenures[0] if len(tenures) == 1 else ", ".join(tenures))
        for m in mentions:
            p.add_evidence(self.evidence(m.start, m.end))
        self.add("People and posts", p)

    def _post_label(self, post: str) -> str:
        known = self.known.field(post, "label")
        if known:
            return known[0]
        for p in self.proposals.get("People and posts", []):
            if p.id == post:
                return p.label
        return post

    def _note_reuse(self, rid: str, why: str = "") -> None:
        note = f"Reused {rid} ({self.known.files.get(rid, 'data')}): " + (why or "the graph already has it") + "."
        if note not in self.notes:
            self.notes.append(note)

    def _new_post(self, r: RoleMention, org: str | None, place: str | None, why: str) -> str:
        target = org or place
        target_label = self.entities.by_key[target].label if target in self.entities.by_key else (
            (self.known.field(target, "label") or [target])[0] if target else "")
        for p in self.proposals.get("Organisations and places", []):
            if p.id == target:
                target_label = p.label
        joiner = "for" if r.role.post_in == "Place" else ("of" if r.role.post_in == "PoliceForce" else "")
        label = f"{r.role.label} {joiner} {target_label}" if joiner and target_label else (
            f"{r.role.label} ({target_label})" if target_label else r.role.label)
        key = self.new_id(f"post-{r.role.id.removeprefix('role-')}-{slug(target_label) if target_label else 'unknown'}")
        owner = target_label or "no body the article names"
        p = Proposal(key, "Post", label, "", why=[f"The post of {r.role.label}; it belongs to {owner}"
                                                  + (f" ({why})." if why else ".")])
        if org:
            p.set("org:postIn", org)
        p.set("roleType", r.role.id)
        if r.role.single_holder is not None:
            p.set("singleHolder", "true" if r.role.single_holder else "false", "from the role in data/reference.yaml")
        if place:
            p.set("jurisdiction", place)
        p.add_evidence(self.evidence(r.start, r.end))
        self.add("People and posts", p)
        return key

    def _tenure_dates(self, person: Entity, role) -> tuple[str | None, str | None, str]:
        """Start and end from 'elected in May 2024', 'took over in February 2025', 'retired in January 2025'.

        For a person named with several roles, a date counts only for the role its sentence names (or, for
        'elected', for an elected post).
        """
        start = end = None
        why = []
        several = len({r.role.id for r in self.entities.roles if r.person == person.key}) > 1
        for m in person.mentions:
            sent = self.article.sentence_at(m.start)
            if sent is None or self._in_quote(m.start, m.end):
                continue
            low = normalise(sent.text).lower()
            if several and not any(n in low for n in role.names) and not (
                    role.post_in == "Place" and "elected" in low and not any(n in low for r in self.known.roles
                                                                           if r.id != role.id for n in r.names)):
                continue
            named = [(x.start - sent.start, e.key) for x, e in self.entities.people_in(sent.start, sent.end)]
            titled = [r.end - sent.start for r in self.entities.roles
                      if r.person == person.key and r.role.id == role.id and sent.start <= r.start < sent.end]
            for dm, iso, read in dates_in(sent.text, self.reference_date):
                head = sent.text[:dm.start()]
                near = " ".join(head.split()[-7:])
                before = [key for at, key in named if at < dm.start()]
                if before and before[-1] != person.key:
                    # 'X served as acting chief constable until Y took up the post in January 2022': Y's start, and the
                    # end of X's time in the post named just before 'until'
                    until = any(re.match(r"\s*,?\s*until\b", sent.text[t:]) for t in titled)
                    if until and not end:
                        end = iso
                        why.append(f"'{near} {dm.group()}' ('until')")
                    continue
                began = max((m.end() for m in _START_VERBS.finditer(head[-60:])), default=-1)
                ended = max((m.end() for m in _END_VERBS.finditer(head[-60:])), default=-1)  # the verb nearer the date
                if began > ended and not start:
                    start = iso
                    why.append(f"'{near} {dm.group()}'" + (f" ({read})" if read else ""))
                elif ended > began and not end:
                    end = iso
                    why.append(f"'{near} {dm.group()}'" + (f" ({read})" if read else ""))
        return start, end, "; ".join(why)

    # -- grades

    def grades(self, speech: list[Attributed]) -> None:
        if self.inspection_id is None:
            return
        known_areas = {(self.known.field(a, "label") or [""])[0].lower() for a in self.known.of_type("AssessmentArea")}
        seen: dict[tuple, Proposal] = {}
        inspectors = {r.person for r in self.entities.roles if r.role.post_in == "Inspectorate"} | {self.entities.inspectorate}
        quoted = [(a.quote.start, a.quote.end) for a in speech
                  if a.speaker and not a.embedded and a.speaker.key not in inspectors]
        by_sentence = {}
        for g in self.grade_mentions():
            by_sentence.setdefault(g.sentence, []).append(g)
        text = self.article.text
        for lo, hi in sorted(by_sentence):  # a sentence, or a line set out as a row ('How well does ...? Good.')
            s = Span(lo, hi, text[lo:hi])
            for g in by_sentence[(lo, hi)]:
                if any(qs <= g.start < qe for qs, qe in quoted):
                    continue  # a grade in someone's words is their account of it, not the inspectorate's grade
                inspection = self.previous_id if g.previous and self.previous_id else self.inspection_id
                scale = getattr(self, "previous_scale", None) if inspection == self.previous_id else self.scale
                if g.force and g.force != self.entities.main_force:
                    if g.previous:  # another force's earlier inspection: not modelled, so not paired with the main one's
                        self.notes.append(f"A grade '{g.wording}' at chars {g.start}-{g.end} is of an earlier inspection of "
                                          f"{self.entities.by_key[g.force].label}: not proposed.")
                        continue
                    inspection = self.inspection_of(g.force, s)
                # PEEL 2021+ in a sentence that sets out three or more of the scale's grades ('"good" for A; "adequate"
                # for B and C; "inadequate" for D'): a roll-call of areas, each one activity; a lone claim, or two grades
                # set against each other, may give an area's whole title ('good at preventing crime and tackling
                # anti-social behaviour')
                single = (getattr(scale, "id", None) == "peel-five-grade-scale"
                          and len({m.wording.lower() for m in by_sentence[(lo, hi)]}) >= 3)
                areas = [g.area] if g.area and g.whole else split_areas(g.area, known_areas, single) if g.area else [None]
                # 'outstanding at preventing crime, pointing to its work with farmers': a clause of what the inspectors
                # said or showed, after a comma, is no area of its own
                areas = [a for a in areas if a is None or not _SAYING.match(a)]
                for area in areas:
                    self.assessment(seen, g, area, inspection, scale, s)

    def inspection_of(self, force: str, first: Span) -> str:
        """The inspection of another force that the article grades beside the main one ('published its PEEL 2023-25
        assessments of both forces on the same day'): the same inspectorate, programme, period and scale; its evidence
        the main inspection's and the words of its first grade (``first``)."""
        made = getattr(self, "_other_inspections", {})
        self._other_inspections = made
        if force in made:
            return made[force]
        main = next(p for p in self.proposals["Inspections and grades"] if p.id == self.inspection_id)
        label = self.entities.by_key[force].label
        # the main inspection's id less its force's name ('peel-2018-north-ryland' -> 'peel-2018'), then this force's
        main_short = slug(force_place(self.entities.by_key[self.entities.main_force].label))
        base = self.inspection_id.removesuffix(f"-{main_short}")
        p = Proposal(self.new_id(f"{base}-{slug(force_place(label))}"), "Inspection",
                     main.label.replace(self.entities.by_key[self.entities.main_force].label, label), "",
                     why=["The inspection of a second force whose grades the article sets beside the first's; programme, "
                          "period and scale as the first's."])
        for key, value in main.fields:
            if key not in ("inspectedForce", "report", "previousInspection", "leadInspector"):
                p.set(key, value, main.notes.get(key, ""))
        p.set("inspectedForce", force)
        for e in main.evidence:
            p.add_evidence(e)
        p.add_evidence(self.evidence(first.start, first.end))
        self.add("Inspections and grades", p)
        made[force] = p.id
        return p.id

    def assessment(self, seen: dict, g, area: str | None, inspection: str, scale, s: Span) -> None:
        if g.wording.startswith("@"):  # 'given the lowest rating for efficiency': the scale's last grade
            if scale is None or not scale.best_first:
                self.notes.append(f"'{self.article.text[g.start:g.end]}' at chars {g.start}-{g.end}: no scale to read the "
                                  f"grade from: not proposed.")
                return
            g = dataclasses.replace(g, wording=scale.best_first[-1 if g.wording == "@lowest" else 0])
        if area is None and g.area_count is None and not g.overall:
            self.notes.append(f"A grade '{g.wording}' at chars {g.start}-{g.end} names no area or count: not proposed.")
            return
        area_id = self.area(area if area else "overall", s) if (area or (g.overall and not g.area_count)) else None
        key = (inspection, area_id, g.area_count, g.wording)
        if key in seen:
            seen[key].add_evidence(self.grade_sentence(s, g))
            return
        what = area or (f"{g.area_count} unnamed areas" if g.area_count else "overall")
        p = Proposal(self.new_id(f"assessment-{inspection}-{slug(what)}"), "Assessment",
                     f"{what} - {g.wording}", "grade",
                     why=[f"'{self.article.text[g.start:g.end]}' at chars {g.start}-{g.end}"
                          + (f", area '{area}'" if area else "") + (f", {g.area_count} areas counted but not named"
                                                                     if g.area_count else "")
                          + ("; an earlier inspection's grade" if inspection == self.previous_id else "") + "."])
        if area and area_id and pillar_of(area) and not self.known.find(area, "AssessmentArea"):
            p.why.append(f"'{area}' are the words news gives the {pillar_of(area)} pillar (kg/extract/pillars.yaml).")
        p.set("inspection", inspection)
        p.set("area", area_id)
        if g.area_count:
            p.set("areaCount", str(g.area_count), "the article counts the areas without naming them")
        if g.overall and not area:
            p.set("overall", "true")
        if scale is not None and g.wording in scale.grades:
            p.set("grade", scale.grades[g.wording], f"on the {scale.label}")
        elif scale is not None:
            p.why.append(f"REVIEW: '{g.wording}' is not a grade of the {scale.label}.")
        p.set("gradeWording", g.wording)
        p.set("about", g.force or self.entities.main_force)
        p.add_evidence(self.grade_sentence(s, g))
        if area and g.area_start is not None:
            at = self.article.text.lower().find(area.lower(), g.area_start)
            at = at if 0 <= at < g.area_start + 200 else g.area_start
            begin = min(g.start, at)
            begin -= 1 if begin == g.start and self.article.text[g.start - 1:g.start] in ("'", "\u2018", '"', "\u201c") else 0
            # from the grade to its area, or from the area to its grade: 'effectiveness was judged to require improvement'
            p.focus = self.evidence(begin, max(at + len(area), g.end)) if at < g.start + 200 else self.clause(g.start, g.end)
        else:
            p.focus = self.clause(g.start, g.end)
        seen[key] = p
        self.add("Inspections and grades", p)

    def grade_sentence(self, s: Span, g) -> Span:
        """A grade's sentence as its evidence. Quotes stop at 400 characters, so a longer sentence whose grade comes
        later is quoted from the grading word before the grade ('... with the latest report grading the force good
        for X'): cut at the start, the quote would not print the grade at all."""
        if g.end - s.start <= 380:
            return self.evidence(s.start, s.end)
        before = self.article.text[s.start:g.start]
        verbs = [m.start() for m in re.finditer(r"\b(?:rated|rating|graded|grading|grade|judged|assessed|deemed|found|"
                                                r"considered)\b", before, re.IGNORECASE) if g.start - s.start - m.start() < 300]
        if verbs:
            start = s.start + verbs[-1]
        else:  # no grading word near: the words before the grade, from a word's start
            start = s.start + before.find(" ", len(before) - 200) + 1
        return self.evidence(start, s.end)

    def area(self, label: str, s: Span) -> str:
        found = self.known.find(label, "AssessmentArea")
        if found:
            return found
        pillar = pillar_of(label)  # 'the way it uses its money and plans for the future': the efficiency pillar
        if pillar:
            return self.area(pillar, s)
        for p in self.proposals.get("Assessment areas", []):
            if p.label.lower() == label.lower():
                return p.id
        p = Proposal(self.new_id(f"area-{label}"), "AssessmentArea", label, "",
                     why=["An area the article says was graded."])
        p.add_evidence(self.evidence(s.start, s.end))
        theme = self.known.find(label, "Theme")
        if theme:  # one concept, one node: an area named as a theme in the graph is linked to it
            p.set("skos:exactMatch", theme, "the graph's theme of the same name")
        where = [m.start() for m in re.finditer(re.escape(label), self.article.text[s.start:s.end], re.IGNORECASE)]
        if where and label != "overall":
            p.focus = self.evidence(s.start + where[0], s.start + where[0] + len(label))
        self.add("Assessment areas", p)
        return p.id

    # -- quotations

    def quotations(self, speech: list[Attributed]) -> None:
        counter: dict[str, int] = {}
        names = set(grade_names(self.known))
        # one quote given to a body and to a person ('Watchdog says force has "turned itself around"' in the standfirst,
        # the inspector who wrote it named below): the person's words, reported by the body
        def said_as(text: str) -> str:  # the same words, whatever their case, quotation marks or closing stop
            return normalise(text).casefold().strip(" .,")

        by_people = {said_as(a.quote.text) for a in speech if a.speaker is not None and a.speaker.kind == "Person"}
        speech = [a for a in speech
                  if a.speaker is None or a.speaker.kind == "Person" or said_as(a.quote.text) not in by_people]
        said: dict[tuple[str, str], Proposal] = {}  # (speaker, words) -> the one Quotation of those words
        for a in speech:
            q = a.quote
            words = q.text.split()
            one_word_said = len(words) == 1 and a.why.startswith("reported speech") and \
                bool(re.search(rf"\b{SAID}\b", a.why)) and words[0].isalpha() and words[0].islower()
            if a.embedded and ((len(words) < 2 and not one_word_said) or q.text.lower().strip(" ,.") in names):
                continue  # scare quotes and grade words; 'said she was "encouraged"' is a quotation
            if a.speaker is None:
                if not a.embedded:
                    self.notes.append(f"Quote at chars {q.start}-{q.end} ('{' '.join(words[:8])}...') has no speaker the "
                                      "rules can tell: not proposed.")
                continue
            for s in quote_sentences(q):
                text = s.text.strip().rstrip(",")
                if len(text.split()) < 2 and not one_word_said:
                    continue
                ev = self.evidence(s.start, s.end)
                again = said.get((a.speaker.key, said_as(ev.text)))
                if again is not None:  # the same words of the same speaker quoted twice (a caption, a sub-heading)
                    if all((e.start, e.end) != (ev.start, ev.end) for e in again.evidence):
                        again.add_evidence(ev)
                    continue
                surname = a.speaker.label.split()[-1]
                counter[surname] = counter.get(surname, 0) + 1
                p = Proposal(self.new_id(f"quote-{surname}-{counter[surname]}"), "Quotation",
                             f"{surname}: {' '.join(text.split()[:10])}{'...' if len(text.split()) > 10 else ''}", "quotation",
                             why=[f"Speaker {a.speaker.label}: {a.why}."])
                p.set("speaker", a.speaker.key)
                p.set("quoteText", ev.text)
                p.add_evidence(ev)
                self.add("Quotations", p)
                said[a.speaker.key, said_as(ev.text)] = p

    # -- findings

    def findings(self, speech: list[Attributed]) -> None:
        if self.inspection_id is None:
            return
        inspectors = {r.person for r in self.entities.roles if r.role.post_in == "Inspectorate"}
        insp = self.entities.inspectorate
        done: set[tuple[int, int]] = set()
        names = grade_names(self.known)
        grade_words = re.compile("|".join(re.escape(n) for n in names), re.IGNORECASE)
        for para in self.article.paragraphs:
            follows: list[str] | None = None  # the makers of the finding just before, in the same paragraph
            for s in para.sentences:
                if para.in_quote(s.start, s.end) or (s.end - s.start) < 20 or s.text.endswith(":"):
                    follows = None
                    continue
                subject = _FINDING_SUBJECT.search(s.text) or self._names_inspector(s, inspectors)
                graded = find_grades(self.article.text, s.start, s.end, names)
                ungraded = self.polarity(grade_words.sub("", s.text)) if graded else "yes"
                if graded and ungraded == "Praise" and not re.search(r"\b(?:prais|commend)", s.text, re.IGNORECASE):
                    ungraded = None  # a grade sentence is an assessment; its 'positive' or 'good' is not praise
                if subject and _FINDING_VERB.search(s.text) and ungraded is not None:
                    named = [e.key for _, e in self.entities.people_in(s.start, s.end) if e.key in inspectors]
                    made_by = [x for x in [insp, *named] if x]
                    found = self.finding(s, made_by, "the inspectorate's finding as the article reports it", done)
                    follows = made_by if found else None
                elif follows is not None and not graded and not re.match(r"(?:But|However)\b", s.text):
                    found = self.finding(s, follows, "continues the inspectorate's finding of the sentence before", done)
                    follows = follows if found else None
                else:
                    follows = None
        for a in speech:
            if a.speaker is None or a.speaker.key not in inspectors:
                continue
            for s in quote_sentences(a.quote):
                self.finding(s, [a.speaker.key], f"said by {a.speaker.label} for the inspectorate", done)
        self.bullets(insp, done)

    def _names_inspector(self, s: Span, inspectors: set[str]) -> bool:
        return any(e.key in inspectors for _, e in self.entities.people_in(s.start, s.end))

    def finding(self, s: Span, made_by: list[str], why: str, done: set, kind: str | None = None) -> bool:
        text = s.text
        kind = kind or self.polarity(text)
        if kind is None or (s.start, s.end) in done:
            return False
        done.add((s.start, s.end))
        ev = self.evidence(s.start, s.end)
        words = ev.text.split()
        label = " ".join(words[:16]) + ("..." if len(words) > 16 else "")
        p = Proposal(self.new_id(f"{_ID_PREFIX[kind]}-{' '.join(words[:6])}"), kind, label, "finding",
                     why=[f"{kind}: {why}; cue words in the sentence."])
        p.set("inspection", self.inspection_id)
        p.set("madeBy", made_by if len(made_by) > 1 else (made_by[0] if made_by else None))
        p.set("about", self.entities.main_force)
        p.set("theme", self.themes(text))
        p.add_evidence(ev)
        self.add("Findings", p)
        return True

    @staticmethod
    def polarity(text: str) -> str | None:
        turn = re.search(r",?\s+(?:but|however|yet)\s+", text)
        if turn and turn.start() > 10:  # 'has a committed workforce, but its systems are letting victims down'
            after = Composer.polarity(text[turn.end():])
            if after is not None:
                return after
        if _CAUSE.search(text):
            return "CauseOfConcern"
        if _BETTER.search(text) and not _AFI.search(text):
            return "Praise"
        if _AFI.search(text):
            return "AreaForImprovement"
        if _CONCERN.search(text) and not re.search(r"\b(?:no|without) (?:concerns?|cause)\b", text, re.IGNORECASE):
            return "Concern"
        if _PRAISE.search(text) and not re.search(r"\bnot (?:good|well|effective|strong)\b", text, re.IGNORECASE):
            return "Praise"
        return None

    def bullets(self, insp: str | None, done: set) -> None:
        paras = self.article.paragraphs
        for i, para in enumerate(paras):
            if not para.span.text.rstrip().endswith(":") or i + 1 >= len(paras):
                continue
            intro = para.span.text
            kind = "Praise" if re.search(r"prais|commend", intro, re.IGNORECASE) else (
                "AreaForImprovement" if _AFI.search(intro) or re.search(r"improve", intro, re.IGNORECASE) else None)
            if kind is None or not (_FINDING_SUBJECT.search(intro) or insp and insp in intro):
                continue
            for item in paras[i + 1:]:
                m = re.match(r"[\u2022\u00b7*\-\u2013]\s*", item.span.text)
                if not m:
                    break
                s = Span(item.span.start + m.end(), item.span.end, item.span.text[m.end():])
                self.finding(s, [insp] if insp else [], "an item of a list the inspectorate's finding introduces", done,
                             kind=kind)

    # -- figures

    def figures(self, speech: list[Attributed]) -> None:
        speakers = {}
        for a in speech:
            if a.speaker:
                speakers[(a.quote.start, a.quote.end)] = a.speaker
        caps = [(c.start, c.end) for c in self.article.captions]
        told = {n for s in self._sentences() if not any(cs <= s.start < ce for cs, ce in caps)
                for f in find_figures(self.article.text, s.start, s.end) for n in (f.value, f.earlier, f.later) if n}
        for s in self._sentences():
            for f in find_figures(self.article.text, s.start, s.end):
                if any(cs <= s.start < ce for cs, ce in caps) and {f.value, f.earlier, f.later} & told:
                    continue  # an image caption that repeats the body's figure ('Image caption, 1,200 cases ...')
                said_by = next((sp for (qs, qe), sp in speakers.items() if qs <= f.start and f.end <= qe), None)
                measure = self.measure(s, f)
                nums = " to ".join(" ".join(w for w in (q, x) if w) for q, x in ((f.earlier_qualifier, f.earlier),
                                                                                 (f.later_qualifier, f.later)) if x) \
                    if f.earlier else f.value
                shown = f"£{nums}" if f.unit == "£" else f"{nums}{(' ' + f.unit) if f.unit else ''}"
                p = Proposal(self.new_id(f"stat-{measure}"), "Statistic",
                             f"{measure}: {(f.qualifier + ' ') if f.qualifier else ''}{shown}",
                             "figure", why=[f"'{f.text}' at chars {f.start}-{f.end}"
                                            + (f"; said by {said_by.label}" if said_by else "") + "."])
                p.set("measure", measure, "REVIEW: the words around the figure")
                p.set("value", f.value)
                p.set("earlierValue", f.earlier)
                p.set("laterValue", f.later)
                p.set("unit", f.unit)
                p.set("valueQualifier", f.qualifier)
                p.set("earlierValueQualifier", f.earlier_qualifier)  # 'from about 900 to fewer than 500'
                p.set("laterValueQualifier", f.later_qualifier)
                p.set("about", self.entities.main_force)
                since = re.match(r"[^.;]{0,60}?\bsince\s+((?:19|20)\d\d)\b(?![/\u2013-]\d)", self.article.text[f.end:s.end])
                if since:  # 'nearly 200 officer posts since 2010': the period the figure covers
                    p.set("startDate", since.group(1), f"'since {since.group(1)}' after the figure")
                    p.set("period", f"since {since.group(1)}")
                if said_by:  # a figure in a speaker's words is theirs (kg.checks.unattributed_words)
                    p.set("claimant", said_by.key, "the figure is in their words")
                    p.set("note", f"Stated by {said_by.label} in a quotation.")
                p.add_evidence(self.evidence(s.start, s.end))
                p.focus = self.clause(f.start, f.end)
                tail = re.match(r"(?:\s+[\w%'-]+){0,2}", self.article.text[f.end:s.end])  # '10 seconds', not '10'
                p.narrow = self.evidence(f.start, f.end + (tail.end() if len(f.text) < 12 else 0))
                self.add("Figures", p)

    def measure(self, s: Span, f) -> str:
        """What a figure counts, in the article's words around it (the reviewer is asked to check it)."""
        text = self.article.text
        before = text[s.start:f.start]
        m = re.search(r"\b(?:increase|rise|fall|reduction|drop|decrease|improvement|growth|cut|number|use) (?:in|of) "
                      r"(?:the number of )?([^()\d]{3,80}?)\s*\(?\s*$", before)
        if m:
            return _tidy(m.group(1).split()) or "figure"
        if f.change and f.unit == "per cent":
            after = re.match(r"\s*(?:in|of)\s+([^,.;()]{3,60})", text[f.end:s.end])
            return f"{f.change} in {after.group(1).strip()}" if after else f.change
        clause = re.split(r"[,;:()\u2013\u2014\u2022]|\band\b|\bwhich\b|\bwith\b|\d", before)[-1]
        phrase = _tidy(re.sub(r"[\u201c\u201d\u2018\u2019\"]", "", clause).split()[-7:])
        if f.unit and f.unit != "per cent" and f.unit not in phrase.split():
            phrase = f"{phrase} {f.unit}".strip()
        if len(phrase.split()) < 2:
            inner = re.match(r"[\d.,]+\s*(?:%|per cent)?\s+(?:of\s+)?([a-z][^,.;()\d]{2,60})", f.text)
            tail = re.match(r"\s*(?:of|in|for|on)?\s*([^,.;()\d]{0,50})", text[f.end:s.end])
            extra = inner.group(1) if inner else (tail.group(1) if tail else "")
            phrase = _tidy(f"{phrase} {extra}".split())
        return phrase or "figure"

    # -- events and dates

    def events(self) -> None:
        for s in self._sentences():
            if self._in_quote(s.start, s.end) or self._monitoring_in(s.text):
                continue  # a change of monitoring is a MonitoringEvent (monitoring)
            if re.match(r"\s*(?:First\s+|Last\s+)?(?:published|updated|posted)\b", s.text, re.IGNORECASE) and \
                    not re.search(r"[.!?]$", s.text.strip()):
                continue  # the article's own date line ('Published: 3 June 2025'), not an event
            for dm, when, read in dates_in(s.text, self.reference_date):
                head = s.text[:dm.start()]
                if re.fullmatch(r"[A-Z][A-Z'.-]+(?: [A-Z][A-Z'.-]+){0,3},\s*", head):
                    continue  # a dateline ('LUTON, 3 June 2025 \u2014 ...') dates the article, not an event
                verb = None
                for vm in _EVENT_VERB.finditer(head):
                    verb = vm
                if verb is None or dm.start() - verb.end() > 40:
                    continue
                people = [e.key for _, e in self.entities.people_in(s.start, s.end)]
                phrase = s.text[max(0, verb.start() - 40):dm.end()]
                p = Proposal(self.new_id(f"event-{verb.group()}-{when}"), "Event",
                             f"{verb.group()} {dm.group()}" + (f" ({self.entities.by_key[people[0]].label})" if people else ""),
                             "date", why=[f"A dated event: '{phrase.strip()}'." + (f" {read}." if read else "")])
                p.set("date", when)
                p.set("dateText", dm.group())
                p.set("participant", people if len(people) > 1 else (people[0] if people else None))
                p.add_evidence(self.evidence(s.start, s.end))
                self.add("Events and dates", p)

    # -- monitoring status

    _MONITORING = (r"['\u2018\"\u201c]?\b(engage)\b['\u2019\"\u201d]?\s+(?:phase|stage|status)|\b(special measures)\b",
                   r"\b(enhanced monitoring)\b")

    def _monitoring_in(self, text: str) -> re.Match | None:
        if "MonitoringEvent" not in self.known.classes:
            return None
        return next((m for pattern in self._MONITORING for m in [re.search(pattern, text, re.IGNORECASE)] if m), None)

    def _force_of(self, s: Span) -> str:
        """The force a sentence names, if it names one; else the force the article is about."""
        named = [e for e in self.entities.of_kind("PoliceForce") if any(s.start <= x.start < s.end for x in e.mentions)]
        return named[0].key if len(named) == 1 else self.entities.main_force

    def monitoring(self) -> None:
        """'moved into the engage phase', 'placed in special measures', 'taken out of enhanced monitoring': one event
        per sentence that dates a change, else one for the first mention."""
        if "MonitoringEvent" not in self.known.classes or not self.entities.main_force:
            return
        found = [(s, m) for para in self.article.paragraphs for s in para.sentences
                 for m in [self._monitoring_in(s.text)] if m and not para.in_quote(s.start, s.end)]
        dated = [(s, m, d) for s, m in found for d in dates_in(s.text, self.reference_date)]
        chosen = list(dated)
        for s, m in found:  # a force whose change the article does not date gets one undated event
            if self._force_of(s) not in {self._force_of(x) for x, _m, _d in chosen}:
                chosen.append((s, m, None))
        done = set()
        for s, m, when in chosen:
            status = next(g for g in m.groups() if g).lower()
            left = re.search(r"\b(?:moved|taken|came|come|removed|released|stepped|exited|left)\s+(?:out\s+)?(?:of|from)\s+"
                             r"(?:the\s+)?['\u2018\"\u201c]?$", s.text[:m.start()])
            since = when is not None and re.search(r"\bsince\s*$", s.text[:when[0].start()])
            if (left or re.search(r"\b(?:left|exited)\s+(?:the\s+)?['\u2018\"\u201c]?$", s.text[:m.start()])) and not since:
                status = f"out of {status}"  # 'moved out of the engage phase' (but 'where it had been since 2019' entered it)
            if (status, when[1] if when else None) in done:
                continue
            done.add((status, when[1] if when else None))
            ev = self.evidence(s.start, s.end)
            force = self._force_of(s)
            p = Proposal(self.new_id(f"event-{force}-{slug(status)}"), "MonitoringEvent",
                         f"{self.entities.by_key[force].label}: {status}", "",
                         why=[f"The inspectorate's monitoring of the force: '{m.group().strip()}'."])
            p.set("monitoringStatus", status)
            p.set("about", force)
            p.set("participant", self.entities.inspectorate)
            if when:
                p.set("date", when[1], when[2])
                p.set("dateText", when[0].group())
            else:
                p.set("note", "The article gives no date for it beyond its own.")
            p.add_evidence(ev)
            self.add("Events and dates", p)

    # -- plans and claims

    def plans_and_claims(self, speech: list[Attributed]) -> None:
        inspectors = {r.person for r in self.entities.roles if r.role.post_in == "Inspectorate"}
        for a in speech:
            if a.speaker is None or a.embedded or a.speaker.kind != "Person":
                continue  # a report's 'will' is a prediction or a recommendation, not a plan of its own
            for s in quote_sentences(a.quote):
                if _PLAN.search(s.text):
                    ev = self.evidence(s.start, s.end)
                    owner = a.speaker.key
                    p = Proposal(self.new_id(f"plan-{a.speaker.label.split()[-1]}-{' '.join(ev.text.split()[:5])}"), "Plan",
                                 " ".join(ev.text.split()[:14]) + ("..." if len(ev.text.split()) > 14 else ""), "plan",
                                 why=[f"What {a.speaker.label} says will be done ('will', 'plan to')"
                                      + ("; an inspector's intention" if owner in inspectors else "") + "."])
                    p.set("owner", owner)
                    p.set("about", self.entities.main_force)
                    p.add_evidence(ev)
                    self.add("Plans and claims", p)
        for para in self.article.paragraphs:
            for s in para.sentences:
                if para.in_quote(s.start, s.end) or not _CLAIM.search(s.text) or not self.entities.main_force:
                    continue
                ev = self.evidence(s.start, s.end)
                p = Proposal(self.new_id(f"claim-{self.article_id}-{' '.join(ev.text.split()[:5])}"), "Claim",
                             " ".join(ev.text.split()[:14]) + ("..." if len(ev.text.split()) > 14 else ""), "claim",
                             why=["The article's own judgement ('branded', 'the worst', 'the only force'): kept as its claim."])
                p.set("claimant", self.article_id)
                p.set("about", self.entities.main_force)
                p.add_evidence(ev)
                self.add("Plans and claims", p)

    # -- tidy

    def separate(self) -> None:
        """One fact, one record: proposals of one type that rest on the same sentence also get the words that
        state each alone (kg build refuses two records of one type with the same evidence)."""
        for words in ("focus", "narrow"):  # the clause first; fewer words where two facts share that too
            groups: dict[tuple, list[Proposal]] = {}
            for ps in self.proposals.values():
                for p in ps:
                    groups.setdefault((p.type, frozenset((e.start, e.end) for e in p.evidence)), []).append(p)
            for same in groups.values():
                for p in same if len(same) > 1 else []:
                    if getattr(p, words) is not None:
                        p.add_evidence(getattr(p, words))

    def drop_unused(self) -> None:
        """Places and organisations proposed but referred to by nothing are dropped: the shapes want them used."""
        used = set()
        for ps in self.proposals.values():
            for p in ps:
                for _k, v in p.fields:
                    for x in (v if isinstance(v, list) else list(v.values()) if isinstance(v, dict) else [v]):
                        used.add(str(x))
        kept = []
        for p in self.proposals.get("Organisations and places", []):
            if p.type in ("Place",) and p.id not in used:
                self.notes.append(f"Place '{p.label}' is named but nothing proposed refers to it: left out.")
                continue
            kept.append(p)
        self.proposals["Organisations and places"] = kept
