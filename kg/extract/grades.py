"""Grades as news reports them, and the scale that applied when the inspection took place.

Grade names come from the reference scales (data/reference.yaml), not from a
list here. Phrasings: "rated 'requires improvement' for investigating crime",
"graded as good at recording crime", "'adequate' across seven areas",
"investigating crime was judged inadequate", "an overall 'inadequate' rating",
"previously assessed as 'good' at ...", "a drop from 'good' in last year's report".
"""

from __future__ import annotations

import dataclasses
import functools
import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from ..textnorm import normalise
from .known import Known, Scale
from .pairing import area_like, grade_words, never_an_area, pair_grades

NUMBER_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
                "ten": 10, "eleven": 11, "twelve": 12, "all": 0}
_RATED = (r"(?:rated|graded|assessed|judged|deemed|found|considered|given|awarded|received|achieved|scored|was|were|is|"
          r"are|as|be|been|remains?|remained)")
_Q = "['\u2018\u2019\"\u201c\u201d]"
_AREA_END = re.compile(
    r"\s*(?:[,.;:!?()\u2013\u2014]| - | but\b| while\b| whilst\b|"
    r" and (?:was|is|were|has|had|it|that|the force|['\u2018\"\u201c])|"
    r" following\b| after\b| as (?!well as)| (?:says|warns|finds|reveals|claims)\b|"
    r" by (?:HM|His|Her|the|[A-Z]{3,})\b| in (?:(?:its|the|a|an|their|his|her)\s+)?(?:[a-z]+\s+|(?:19|20)\d\d(?:/\d\d)?\s+){0,2}"
    r"(?:PEEL\s+)?"
    r"(?:inspections?|reports?|assessments?|reviews?)\b|"
    # 'in HMIC's PEEL legitimacy 2016 inspection': the inspection named by its inspectorate
    r" in [A-Z][A-Za-z]*['\u2019]s\s+(?:PEEL\s+|[a-z]+\s+|(?:19|20)\d\d(?:/\d\d)?\s+){0,4}"
    r"(?:inspections?|reports?|assessments?|reviews?)\b| in (?:its|the|a|their|his|her) (?:latest |last |recent |previous |new )?"
    r"(?:HMICFRS |HMIC |inspectorate['\u2019]s |watchdog['\u2019]s )?(?:inspection|report|assessment|PEEL)| at "
    r"(?:its|the|their) (?:latest |last |recent |previous |first |most recent )(?:PEEL )?(?:inspection|visit|assessment)\b| in "
    r"(?:19|20)\d\d| in (?:January|February|March|April|May|June|July|August|September|October|November|December)\b|"
 r" last (?:year|month|week|spring|summer|autumn|winter|time)\b| this year| since\b| according\b| under\b| when it\b|"
    r" for the (?:first|second|third|fourth|fifth|\w+ consecutive|\w+ successive) (?:time|year|inspection)\b)")
# the pillar an inspection covers, named by an abstract noun: 'assessment of police effectiveness', 'legitimacy inspection'
_PILLAR = re.compile(r"\b(?:(?:assessment|inspection|report|review|examination|inspection report)\s+(?:of|into)\s+(?:the "
                     r"force['\u2019]s\s+|police\s+|its\s+)?(?P<p>[a-z]+(?:ness|ency|acy|ship))\b|(?P<p2>[a-z]+(?:ness|ency|acy|ship))"
                     r"\s+(?:inspection|assessment|report|review)s?\b)", re.IGNORECASE)
_HOW_PILLAR = re.compile(r"\bhow\s+(?P<adj>effective|efficient|legitimate)\s+(?:the force|it|[A-Z]\w+(?: [A-Z]\w+)? "
                         r"(?:Police|Constabulary))\s+(?:was|is|had been|has been)\b", re.IGNORECASE)
_SUBJECTS = {"force", "constabulary", "police", "police force", "service", "he", "she", "we", "i", "you", "there", "it", "they",
             "report", "inspection", "inspectorate", "watchdog"}
# 'given the lowest rating, inadequate', 'the highest grade of outstanding'
_RANKED = (r"(?:the|its|an?)\s+(?:(?:lowest|highest|top|worst|bottom|best|second[- ](?:lowest|highest|best|worst))\s+)?"
           r"(?:possible\s+)?(?:overall\s+)?(?:grade|rating|grading|judgment|judgement)(?:\s+of|\s*[,:\u2013\u2014]|\s+-)\s*")
# 'downgraded to inadequate', 'improved to good', 'moved up to outstanding'
_MOVED = (r"(?:(?:(?:down|up|re)graded|improved|improving|dropped|dropping|fell|falling|slipped|rose|rising|moved|moving|"
          r"went|going)\s+(?:up\s+|down\s+|back\s+)?(?:to|from)|now\s+rated(?:\s+as)?)")
# ", the lowest grade," / " - the lowest possible rating - " between a grade and its area
_APPOSITION = re.compile(r"\s*(?:,|\s[\u2013\u2014-])\s*(?:the|its)\s+(?:lowest|highest|top|worst|bottom|best|"
                         r"second[- ]\w+)\s+(?:possible\s+)?(?:grade|rating|grading|judgment|judgement)"
                         r"(?:\s+(?:available|possible|given))?\s*(?:,|[\u2013\u2014]|\s-)")
_PREVIOUS_AFTER = re.compile(r"\b(?:previously|last year|last time|(?:was|were) last inspected|"
                             r"at (?:its|the) last inspection|in (?:its|the) "
                             r"(?:previous|last|earlier) (?:inspection|report|assessment))\b", re.IGNORECASE)
_PREVIOUS = re.compile(r"\b(?:previous(?:ly)?|last year['\u2019]?s?|last time|its last|prior|earlier "
                       r"inspection|the last inspection|"
                       r"(?:a )?(?:drop|fall|slip|decline|rise|improvement|up|down) from|had been|was then)\b", re.IGNORECASE)


#: a verb reporting what was said or heard: 'the panel heard that the force had been graded good' tells of the
#: inspection in reported speech, where 'had been' is the tense of the telling, not an earlier inspection
_REPORTED = re.compile(r"\b(?:heard|was told|were told|told|said|says|explained|reported|noted|learned|learnt|"
                       r"confirmed|revealed|informed)\b[^.;:\"\u201c\u201d]{0,100}?\bhad been\b", re.IGNORECASE)


def _earlier_words(seg: str, lo: int, hi: int) -> bool:
    """Whether seg[lo:hi] places a grade in an earlier inspection ('previously', 'last year's', 'had been'), where 'had
    been' is not the backshift of reported speech ('members heard that the force had been rated good')."""
    for m in _PREVIOUS.finditer(seg, lo, hi):
        if m.group().lower() == "had been" and _REPORTED.search(seg[:m.end()]):
            continue
        return True
    return False


def article_pillar(text: str) -> str | None:
    """The one pillar an article's inspection covers, where it names exactly one ('HMIC's 2015 effectiveness
    report'), else None."""
    found = {(m.group("p") or m.group("p2")).lower() for m in _PILLAR.finditer(text)}
    found &= {"effectiveness", "efficiency", "legitimacy", "leadership"}
    return found.pop() if len(found) == 1 else None


#: 'the force was judged good', 'In the 2014 inspection it was rated inadequate': a grade said of the force, with no area
FORCE_GRADED = re.compile(rf"\b(?:the force|it|(?P<force>[A-Z]\w+(?: [A-Z]\w+)? (?:Police|Constabulary)))(?:,[^,.;]{{2,60}},)?"
                          rf"\s+(?:was|is|had been|has been)\s+"
                          rf"(?:also\s+|again\s+|then\s+)?(?:rated|graded|judged|assessed|found|deemed)(?:\s+(?:to be|as))?\s+"
                          rf"(?:an?\s+)?{_Q}?$")


@dataclass
class GradeMention:
    start: int
    end: int
    wording: str  # as printed, e.g. 'requires improvement'
    area: str | None  # the area as the article words it, or None
    area_start: int | None
    area_count: int | None
    overall: bool
    previous: bool  # the article places the grade in an earlier inspection
    sentence: tuple[int, int]
    force: str | None = None  # the key of the force the grade is of, where the article grades more than one
    whole: bool = False  # the area is one question's ('at preventing crime, tackling ... and keeping people safe?'): unsplit


def _pillar_key(words: str) -> str:
    words = re.sub(r"[^\w\s]", " ", normalise(words).lower())
    return " ".join(w for w in words.split() if w not in ("the", "a", "an", "its", "their"))


@functools.cache
def _pillar_wordings() -> dict[str, str]:
    doc = yaml.safe_load((Path(__file__).with_name("pillars.yaml")).read_text(encoding="utf-8"))
    return {_pillar_key(w): pillar for pillar, wordings in doc.items() for w in wordings}


def pillar_of(area: str) -> str | None:
    """The PEEL pillar an area's words name ('the way it uses its money and plans for the future' is efficiency), from
    kg/extract/pillars.yaml; None when they name no pillar."""
    return _pillar_wordings().get(_pillar_key(area))


def ing_form(verb: str) -> str:
    """'understand' -> 'understanding', 'use' -> 'using', 'plan' -> 'planning': the -ing form of a verb's base."""
    v = verb.lower()
    if v.endswith("ie"):
        return v[:-2] + "ying"
    if v.endswith("e") and not v.endswith(("ee", "ye", "oe")):
        v = v[:-1]
    elif len(v) <= 4 and re.fullmatch(r"[a-z]*[^aeiou][aeiou][^aeiouwxy]", v):
        v += v[-1]
    return v + "ing"


_BULLET = r"\s*(?:[\u2022\u00b7*\u2013-]\s*|\d{1,2}[.)]\s+)?"
_CELL_SEP = r"\s*(?:[:\u2013\u2014|=]|\s-)\s*"
# 'How well does the force understand its current and likely future demand? Good.' (the 2014-2017 PEEL questions)
_QUESTION = re.compile(r"(?P<q>How\s+(?:well|effectively|efficiently|legitimately|fairly)\s+(?P<aux>does|is|has|did|was)\s+"
                       r"(?:the\s+force|it|the\s+constabulary|[A-Z]\w+(?:\s+[A-Z]\w+)?(?:\s+(?:Police|Constabulary))?)\s+"
                       r"(?P<verb>[a-z]+)(?P<rest>[^?\n]*))\?")


# 'Effectiveness .......... Requires improvement': a row whose area and grade a leader of dots (or an ellipsis) joins
_LEADER = r"\s*(?:\.{2,}|\u2026+|(?:\s?\.){3,}|_{3,})\s*"
# 'How effective is the force at keeping people safe and reducing crime?' (the PEEL questions of 2016-2017)
_ASKED = re.compile(r"(?P<q>How\s+(?P<adj>effective|efficient|legitimate|well)\s+(?:is|are|was|were)\s+(?:the\s+force|it|"
                    r"the\s+constabulary|[A-Z]\w+(?:\s+[A-Z]\w+)?(?:\s+(?:Police|Constabulary))?)\s+(?:at|in)\s+"
                    r"(?P<rest>[a-z][^?\n]*))\?")
_ADJ_PILLAR = {"effective": "effectiveness", "efficient": "efficiency", "legitimate": "legitimacy"}


def question_area(aux: str, verb: str, rest: str) -> str:
    """The area a PEEL question asks about, as a gerund: 'does the force understand its demand' is 'understanding its
    demand'; 'is the force planning for demand' is 'planning for demand'; 'has the force got' is no area's verb."""
    if aux in ("is", "was") and verb.endswith("ing"):
        return (verb + rest).strip()
    if aux in ("does", "did"):
        return (ing_form(verb) + rest).strip()
    return (verb + rest).strip()


def row_grades(text: str, start: int, end: int, names: list[str], forces: dict[str, str]) -> list[GradeMention] | None:
    """The grades of one line set out as a row, or None when the line is no such row:

    - a question and its answer, 'How well does the force understand demand? Good.' (the PEEL questions of 2014-2017
      graded as questions): the area is the question's verb as a gerund and its object;
    - an area and a grade per force, 'Investigating crime: Wyrecombe \u2013 adequate; Lindell \u2013 inadequate', or a
      bullet '\u2022 Investigating crime \u2013 good' ('Area | Grade' rows are kg.extract.pairing.table_grades'):
      ``forces`` maps each name a force goes by (lower case: 'lindell', 'lindell constabulary') to the key the grade is given.
    """
    seg = text[start:end]
    alt = "|".join(name_pattern(n) for n in names)
    answer = rf"(?:{_LEADER}|\s*[\u2013\u2014:-]\s*|\s*){_Q}?(?P<grade>(?i:{alt})){_Q}?\s*[.;]?\s*"
    q = re.fullmatch(rf"{_BULLET}{_QUESTION.pattern}{answer}", seg)
    if q:
        area = question_area(q.group("aux"), q.group("verb"), q.group("rest"))
        return [GradeMention(start + q.start("grade"), start + q.end("grade"), canonical(q.group("grade"), names),
                             clean_area(area), start + q.start("verb"), None, False, False, (start, end), whole=True)]
    asked = re.fullmatch(rf"{_BULLET}{_ASKED.pattern}{answer}", seg)
    if asked:  # 'How effective is the force at investigating crime? .... Good'; the pillar's own question is the pillar
        area = asked.group("rest").strip()
        pillar = _ADJ_PILLAR.get(asked.group("adj"))
        at: int | None = start + asked.start("rest")
        if pillar and pillar_of(area):
            area, at = pillar, None
        return [GradeMention(start + asked.start("grade"), start + asked.end("grade"),
                             canonical(asked.group("grade"), names), clean_area(area), at, None, False, False, (start, end),
                             whole=True)]
    dotted = re.fullmatch(rf"{_BULLET}(?P<area>[A-Za-z][\w'\u2019,-]*(?:\s+[\w'\u2019,-]+){{0,12}}?){_LEADER}{_Q}?"
                          rf"(?P<grade>(?i:{alt})){_Q}?\s*[.;]?\s*", seg)
    if dotted:  # 'Effectiveness .......... Requires improvement'
        area = dotted.group("area")
        overall = area.lower() in ("overall", "overall grade", "overall rating")
        return [GradeMention(start + dotted.start("grade"), start + dotted.end("grade"),
                             canonical(dotted.group("grade"), names), None if overall else clean_area(area),
                             None if overall else start + dotted.start("area"), None, overall, False, (start, end))]
    led = re.fullmatch(rf"[\u2022\u00b7*]\s*{_Q}?(?P<grade>(?i:{alt})){_Q}?\s+(?:for|at|in)\s+"
                       rf"(?P<list>[a-z][^.;:()]*?)\s*[.;]?\s*", seg) or \
        re.fullmatch(rf"{_Q}?(?P<grade>(?=[A-Z])(?i:{alt})){_Q}?\s+(?:for|at|in)\s+(?P<list>[a-z][^.;:()]*?)\s*;?\s*", seg)
    # ('Good at responding to the public and at recording data about crime', a line of its own with no bullet and no
    # full stop, led by its grade in capitals: a row of a list too)
    if led and not _FINITE.search(led.group("list")):  # '\u2022 Good for preventing crime and for managing offenders'
        items = [p.strip() for i in re.split(r",\s*(?:and\s+)?", led.group("list"))
                 for p in re.split(r"\s+and\s+(?:for|at|in)\s+", i) if p.strip()]
        items = [re.sub(r"^(?:for|at|in)\s+", "", i) for i in items]
        last = re.split(r"\s+and\s+", items[-1]) if len(items) > 1 else []
        if len(last) == 2 and all(re.match(r"[a-z]{3,}ing\s+\S", h) for h in last):
            items[-1:] = last  # '\u2022 Good for A, B-ing X and C-ing Y': the list's last 'and' joins two activities
        if items and all(_area_like(i) for i in items):
            at = start + led.start("list")
            return [GradeMention(start + led.start("grade"), start + led.end("grade"), canonical(led.group("grade"), names),
                                 clean_area(i), at, None, False, False, (start, end)) for i in items]
    if not forces:
        return None
    who = "|".join(re.escape(f) for f in sorted(forces, key=len, reverse=True))
    cell = rf"(?P<f>(?i:{who})){_CELL_SEP}{_Q}?(?P<g>(?i:{alt})){_Q}?"
    head = re.match(rf"{_BULLET}(?P<area>[A-Za-z][\w'-]*(?:\s+[a-z][\w'-]*){{0,10}}){_CELL_SEP}", seg)
    if not head:
        return None
    cells = list(re.finditer(cell, seg[head.end():]))
    rest = re.sub(cell, "", seg[head.end():])
    if len(cells) < 2 or not re.fullmatch(r"[\s;,.]*(?:and[\s;,.]*)?", rest.replace(" and ", " ")):
        return None
    area = clean_area(head.group("area"))
    out = []
    for c in cells:
        at = start + head.end()
        out.append(GradeMention(at + c.start("g"), at + c.end("g"), canonical(c.group("g"), names), area,
                                start + head.start("area"), None, False, False, (start, end), forces[c.group("f").lower()]))
    return out


def grade_names(known: Known) -> list[str]:
    names = {n for s in known.scales for n in s.grades}
    return sorted(names, key=lambda n: (-len(n), n))


def name_pattern(name: str) -> str:
    """A grade name as a pattern, with the verb forms news writing bends it into: a name that starts with a verb in
    -s ('requires improvement') is also 'requiring', 'require' and 'required improvement'."""
    words = [re.escape(w) for w in name.split()]
    if len(words) > 1 and re.fullmatch(r"[a-z]+[^s]s", name.split()[0]):
        stem = re.escape(name.split()[0][:-2])  # 'requir'
        words[0] = rf"{stem}(?:es|e|ing|ed)"
    return r"\s+".join(words)


def canonical(wording: str, names: list[str]) -> str:
    """The reference name of a grade as printed ('requiring improvement' is 'requires improvement')."""
    wording = " ".join(wording.split()).lower()
    for n in names:
        if re.fullmatch(name_pattern(n), wording):
            return n
    return wording


def find_grades(text: str, start: int, end: int, names: list[str], bodies: frozenset[str] = frozenset()) -> list[GradeMention]:
    """The grades one sentence gives (text[start:end]); ``bodies`` are names of forces and places (lower case), which
    are never areas ('Caldermoor was judged to be inadequate')."""
    seg = text[start:end]
    alt = "|".join(name_pattern(n) for n in names)
    next_grade = re.compile(rf"\s+and\s+(?:(?:rated|graded|judged|as)\s+)?{_Q}?(?i:{alt})\b")
    out: list[GradeMention] = []
    named = "".join(f"|(?i:{re.escape(b)})" for b in sorted(bodies, key=len, reverse=True) if b)
    who = rf"(?:the force|it|them|[A-Z]\w+(?: [A-Z]\w+)? (?:Police|Constabulary){named})"  # 'rated Penhallow good'
    obj = rf"(?:{who}\s+)?"
    pattern = re.compile(rf"(?P<pre>\b(?:{_RATED}\s+{obj}(?:as\s+|to be\s+|to\s+(?=requir)|an?\s+|the\s+)?(?:overall\s+)?"
                         rf"|{_RANKED}|(?:grade|rating|grading|judgment|judgement)s? of\s+|{_MOVED}\s+))?(?P<q>{_Q})?"
                         rf"(?P<grade>(?i:{alt}))(?![a-z])(?P<q2>{_Q})?")
    line = re.fullmatch(rf"\s*(?:[\u2022\u00b7*\u2013-]\s*)?(?P<area>[A-Z][a-z'-]+(?:\s+[a-z][\w'-]*){{0,10}}|[a-z][\w'-]*"
                        rf"(?:\s+[a-z][\w'-]*){{0,10}})\s*(?:[:\u2013\u2014]|\s-|\s=)\s*{_Q}?(?P<grade>(?i:{alt})){_Q}?"
                        rf"(?:\s*\((?i:previously|formerly|was|last time|(?:in\s+)?(?:19|20)\d\d(?:/\d\d)?:?)\s*{_Q}?"
                        rf"(?P<prev>(?i:{alt})){_Q}?\))?\s*[.;]?\s*", seg)
    if line:  # a list of grades: 'Preventing crime – good', 'Investigating crime: requires improvement (previously good)'
        wording = canonical(line.group("grade"), names)
        overall = line.group("area").lower() == "overall"
        area = None if overall else clean_area(line.group("area"))
        area_at = None if overall else start + line.start("area")
        out = [GradeMention(start + line.start("grade"), start + line.end("grade"), wording, area, area_at, None, overall,
                            False, (start, end))]
        if line.group("prev"):  # the bracket gives the earlier inspection's grade of the same row
            out.append(GradeMention(start + line.start("prev"), start + line.end("prev"), canonical(line.group("prev"), names),
                                    area, area_at, None, overall, True, (start, end)))
        return out
    shared = _listed_pairs(seg, start, end, names, alt)
    if shared:
        return shared
    for m in pattern.finditer(seg):
        if not (m.group("q") and m.group("q2")) and not m.group("pre"):
            subject = re.search(r"(?:^|\bthat\s+|[,;:]\s+|\band\s+|\b(?:was|were)\s+told\s+)(?P<area>(?i:the force['\u2019]s|its|"
                                r"their)\s+[a-z][\w'-]*"
                                r"(?:\s+[a-z][\w'-]*){0,10}?)\s+(?:also\s+|still\s+|now\s+)?$", seg[:m.start()])
            if subject and re.match(r"requir(?:es?|ed)\s", m.group("grade").lower()) and area_like(subject.group("area")) and \
                    re.match(r"\s*(?:[,.;:]|$|\s+(?:and|but|while)\b)", seg[m.end():]):
                # 'that the force's understanding of the demand for its services requires improvement'
                out.append(GradeMention(start + m.start("grade"), start + m.end("grade"), canonical(m.group("grade"), names),
                                        clean_area(subject.group("area")), start + subject.start("area"), None, False,
                                        False, (start, end)))
                continue
        quoted = bool(m.group("q") and m.group("q2"))
        listed = bool(out) and re.search(r"(?:,\s*(?:and\s+)?|\s+and\s+|\s+but\s+)(?:also\s+|only\s+|just\s+)?$",
                                         seg[:m.start()])
        verb_grade = bool(re.match(r"\s+(?:in|at|for|across|when it comes to)\s", seg[m.end():])) and \
            canonical(m.group("grade"), names) != m.group("grade").lower()  # 'requiring improvement in five areas'
        verb_grade = verb_grade or bool(re.match(r"(?i:requires\s+improvement)\s+(?:in|at|for|across)\s", m.group("grade")
                                                 + seg[m.end():]))
        # 'Of the nine areas ..., one was rated good, four were adequate and three required improvement', 'The remaining
        # one was graded inadequate': a count of areas as the subject (where the sentence counts areas, or the count is
        # of the 'remaining' or 'other' ones)
        subject_count = _COUNT_SUBJECT.search(seg[:m.start("q") if m.group("q") else m.start("grade")])
        if subject_count and not (subject_count.group("rest") or re.search(r"\b(?:areas|pillars|questions)\b", seg)):
            subject_count = None
        if not (quoted or m.group("pre") or listed or verb_grade or subject_count):
            continue
        # 'found the force good at X'; 'Penhallow Constabulary is good at X': the force is the subject, an area follows
        force_is = re.match(r"\s+(?:at|in|for)\s", seg[m.end():]) and (
            re.search(rf"\bfound\s+{who}\s+$", seg[:m.start("grade")])
            or re.search(rf"(?:^|[^\w\s]\s+|\bthat\s+)(?:{who.replace('|them', '')})\s+(?:is|was|remains)\s+"
                         r"(?:also\s+|still\s+)?$", seg[:m.start("grade")]))
        if not quoted and not listed and not verb_grade and not force_is and not subject_count and not re.search(
                r"(?:(?:rated|graded|assessed|judged|deemed|considered|given|awarded|received|as|to be)\s+" + obj
                + r"(?:as\s+)?(?:an?\s+)?(?:overall\s+)?|\b(?:found|judged|rated|assessed|deemed|considered)\s+to\s+|"
                r"\bof\s+|" + _RANKED + "|" + _MOVED + r"\s+)$",
                m.group("pre") or ""):
            continue
        wording = canonical(m.group("grade"), names)
        g_start, g_end = start + m.start("grade"), start + m.end("grade")
        rest = seg[m.end():]
        apposition = _APPOSITION.match(rest)
        skipped = apposition.end() if apposition else 0
        rest = rest[skipped:]
        area, area_at, count, listed_areas = None, None, None, []
        overall = bool(re.search(r"\boverall\b", seg[max(0, m.start() - 25):m.end() + 20], re.IGNORECASE))
        cm = re.match(r"\s*(?:(?:grading|grade|rating|judgment|judgement)s?)?\s*(?:in|for|across|at|on)\s+"
                      r"(?:(?:the|a)\s+(?:other|remaining|further|additional)\s+|(?:another|further)\s+|all\s+(?:of\s+)?(?:the\s+|its\s+)?"
                      r"(?=(?:two|three|four|five|six|seven|eight|nine|ten|\d)))?(?P<n>\d{1,2}|"
                      + "|".join(NUMBER_WORDS) + r")\s+(?:(?:out\s+)?of\s+(?:the\s+|its\s+)?\w+\s+)?"
                      r"(?:other\s+|more\s+|further\s+|separate\s+|remaining\s+)?"
                      r"(?:areas?|pillars?|questions?|categories|of the areas)\b", rest, re.IGNORECASE)
        if cm is None:  # "'requires improvement' in three areas and 'adequate' in four": the count without its noun
            cm = re.match(r"\s*(?:in|for|across)\s+(?:(?:the|a)\s+(?:other|remaining|further|additional)\s+)?(?P<n>\d{1,2}|"
                          + "|".join(n for n in NUMBER_WORDS if n != "all")
                          + r")(?:\s+(?:others|more|other)|\s+of\s+(?:the\s+|its\s+)?(?:other\s+|remaining\s+)?(?:\d{1,2}|"
                          + "|".join(n for n in NUMBER_WORDS if n != "all")
                          + r"))?(?=\s*(?:[,.;:\u2013\u2014]|$|\s-\s|"
                            r"\s+(?:and|but|while|whilst|with)\b|"
                          r"\s+(?:in|at)\s+(?:its|the|a|their)\b|\s+by\b))",
                          rest, re.IGNORECASE)
        am = re.match(r"\s*(?:overall\s+)?(?:(?:grading|grade|rating|judgment|judgement)s?)?\s*(?:both\s+)?"
                      r"(?:in|for|at|across|when it comes to|on|over)\s+"
                      r"(?!the (?:latest|last|recent|previous) )(?!(?:its|the|a|an|their)\s+(?:[a-z]+\s+){0,2}(?:PEEL\s+)?"
                      r"(?:inspection|report|assessment|review)\b)"
                      r"(?!(?:last|this|that|the previous) year['\u2019]s\b)(?P<area>.+)", rest)
        if cm:
            n = cm.group("n").lower()
            count = int(n) if n.isdigit() else NUMBER_WORDS[n]
            count = count or None
            named = re.match(rf"\s*(?::|\s[\u2013\u2014-]|,)\s*(?:including\s+|such as\s+|among them\s+|namely\s+)?"
                             rf"(?P<list>[a-z][^.;:]+?)(?=,?\s+(?:and\s+)?{_Q}|,?\s+(?:and|but)\s+(?:(?:rated|graded|judged|as)\s+)?"
                             rf"(?i:{alt})\b|[.;:]|$)", rest[cm.end():])
            if named and named.group().lstrip().startswith(",") and not all(
                    area_like(a) for a in _list_items(named.group("list"))):
                named = None  # 'inadequate in one area, responding to the public' but not '..., the report said'

            if named:  # 'requires improvement in two areas: investigating crime and protecting vulnerable people'
                listed_areas = _list_items(named.group("list"))
                area_at = start + m.end() + skipped + cm.end() + named.start("list")
        elif am:
            raw = am.group("area")
            stops = [x.start() for x in (_AREA_END.search(raw), next_grade.search(raw)) if x]
            full, raw = raw, raw[:min(stops)] if stops else raw
            raw = raw.rstrip(_Q + " ")
            shared = re.match(r"(?:,\s*[a-z]+ing)+,?\s+and\s+[a-z]+ing\s+[^,.;]+", full[len(raw):]) \
                if re.fullmatch(r"[a-z]+ing", raw) else None
            if shared:  # 'good for building, supporting and protecting its workforce': verbs sharing one object
                raw = (raw + shared.group()).rstrip(_Q + " ")
            listed_areas = _listed(full[len(raw):], names)
            if re.match(r"\s*(?:grades|ratings|gradings)\b", seg[m.end():]) and " and " in raw:
                parts = _list_items(raw)  # "'adequate' grades for preventing crime and investigating crime": two
                if len(parts) > 1:
                    raw, listed_areas = parts[0], parts[1:] + listed_areas
            if 2 <= len(raw) <= 120 and not re.match(r"(?:(?:19|20)\d\d\b|overall|the overall|most|all|some|several|many|other|"
                                                     r"a number of|a range of)\b", raw, re.IGNORECASE) \
                    and not re.fullmatch(r"[a-z]+ing\s+(?:it|them|this|that|so|these|those)", raw) \
                    and not re.search(r"\b(?:the|a|an|its|their|of)$", clean_area(raw)):  # 'in the first part of the inspection'
                area, area_at = raw, start + m.end() + skipped + am.start("area")
        if area is None and count is None and subject_count:
            n = subject_count.group("n").lower()
            count = (int(n) if n.isdigit() else NUMBER_WORDS.get(n)) or None
        counted = _COUNTED_SUBJECT.search(seg[:m.start("q") if m.group("q") else m.start("grade")]) \
            if area is None and count is None else None
        if counted and not (counted.group("rest") or counted.group("noun")):
            counted = None  # 'Two areas, A and B, were found to ...' counts areas; 'Two, A and B, were' need not
        if counted:  # 'The remaining two, investigating crime and leadership and force management, were found to ...'
            n = counted.group("n").lower()
            items = split_into(counted.group("list"), int(n) if n.isdigit() else NUMBER_WORDS.get(n, 0), bodies)
            if items:
                area, area_at, listed_areas = items[0], start + counted.start("list"), items[1:]
        if area is None and count is None:
            bm = re.search(r"(?:^|[,;:]\s+|\bthat\s+|\band\s+)(?P<area>(?:(?i:its|the force['\u2019]s|the|how well it|"
                           r"how it)\s+)?(?:[A-Z][a-z'-]+|[a-z][\w'-]+)(?:\s+[a-z][\w'-]*){0,10}?)\s+"
                           r"(?:was|were|is|are|has been|have been|had been|remains?|remained)\s+"
                           r"(?:(?:rated|graded|judged|assessed|deemed|found|considered)(?:\s+to\s+be|\s+to)?|given|awarded|"
                           r"handed|(?:now\s+)?(?:down|up)graded\s+to)\s+(?:as\s+)?(?:an?\s+)?(?:" + _RANKED + r")?$",
                           seg[:m.start("q") if m.group("q") else m.start("grade")])
            if bm and (clean_area(bm.group("area")).lower() in _SUBJECTS | bodies
                       or bm.group("area").split()[-1].lower() in _SUBJECTS):
                bm = None  # 'the force was rated good': the subject is the force, not an area
            if bm is None:  # 'Investigating crime, where the force was rated 'inadequate', remains a concern'
                bm = re.search(r"(?:^|[,;:]\s+|\band\s+)(?P<area>(?:[A-Z][a-z'-]+|[a-z][\w'-]+)(?:\s+[a-z][\w'-]*){0,10}?),?\s+"
                               r"(?:where|in which|for which|on which)\s+(?:the force|it|they)\s+(?:was|is|were|had been|has "
                               r"been)\s+(?:rated|graded|judged|assessed|deemed|found to be)\s+(?:as\s+)?(?:an?\s+)?$",
                               seg[:m.start("q") if m.group("q") else m.start("grade")])
            if bm and bm.group("area").strip().lower() in ("which", "that", "it", "this", "they", "these"):
                # '... its work on preventing crime, which was graded good': the area is the noun before ', which'
                wm = re.search(r".*\b(?P<p>on|in|for|at|of|was|is|were|are)\s+(?P<area>[a-z][\w' -]{2,80}?),\s+(?:which|that)\s+"
                               r"(?:\S+\s+){1,6}$",
                               seg[:m.start("q") if m.group("q") else m.start("grade")])
                if wm and wm.group("p") in ("was", "is", "were", "are") and not area_like(wm.group("area"), bodies):
                    wm = None  # 'the area of greatest concern was protecting vulnerable people, which was rated ...'
                bm = wm
            if bm:
                area, area_at = bm.group("area"), start + bm.start("area")
                told = list(re.finditer(r"\b(?:was|were|is|are|had|has|have|told|heard|said|says|learned|learnt|reported|"
                                        r"noted|explained)\b(?:\s+that\b)?\s+", area))
                if told:  # 'the panel was told (that) the force's response to the public had been judged ...': the
                    # subject of the clause told of, not the words of the telling
                    area_at += told[-1].end()
                    area = area[told[-1].end():]
                    if not area_like(area, bodies):
                        area, area_at = None, None
        since = max(0, m.start() - 40, (out[-1].end - start) if out else 0)  # not past the grade before ...
        joins = list(re.finditer(r",|;| and | but | while ", seg[since:m.start()])) if out else []
        since += joins[-1].end() if joins else 0  # ... nor its own 'last year'
        previous = bool(_earlier_words(seg, since, m.end())
                        or _PREVIOUS_AFTER.search(re.split(r"[;.]| but | while |['\u2018\"\u201c]", seg[m.end():])[0][:80]))
        pillar_grade = re.search(r"\b(?:overall\s+)?(?P<p>effectiveness|efficiency|legitimacy|leadership)\s+(?:grade|rating|"
                                 r"grading|judgment|judgement)\s+(?:of\s+|as\s+|[,:\u2013\u2014]\s*)?" + _Q + "?$",
                                 seg[:m.start("grade")])
        if area is None and count is None and pillar_grade:  # 'an overall efficiency grade of good': the pillar's grade
            area, area_at, overall = pillar_grade.group("p"), start + pillar_grade.start("p"), False
        if area is None and count is None and not overall:
            overall = bool(re.search(r"\boverall\b", seg, re.IGNORECASE)) and not re.search(r"\bin\s+\w+ing\b", rest[:40])
        if area is None and count is None:
            pre_seg = seg[:m.start("q") if m.group("q") else m.start("grade")]
            one = re.search(r"(?:^|[,;:]\s+)(?P<area>(?:[A-Z][a-z'-]+|[a-z][\w'-]+)(?:\s+[a-z][\w'-]*){0,10}?)\s+(?:was|is)\s+"
                            r"(?:one|among)\s+(?:of\s+)?(?:the|its)\s+(?:\w+\s+)?areas?\s+(?:\w+\s+)?(?:graded|rated|judged|"
                            r"assessed)\s+(?:as\s+)?$", pre_seg)
            if one:  # 'Responding to the public was one of the three areas graded "requires improvement", alongside ...'
                area, area_at = one.group("area"), start + one.start("area")
                also = re.match(rf"{_Q}?,?\s+(?:alongside|along with|together with|as well as|with)\s+(?P<list>[a-z][^.;:]+)",
                                seg[m.end("grade"):])
                if also:
                    listed_areas = _list_items(also.group("list"))
            elif re.search(r"(?:\b(?i:the|its)\s+(?:\w+\s+)?|^\s*)(?i:areas?)\s+(?:\w+\s+)?(?:graded|rated|judged|assessed)\s+"
                           r"(?:as\s+)?$",
                           pre_seg):
                inc = re.match(rf"{_Q}?,?\s+(?:included|include|includes|were|are|was|covered|cover|comprised)\s+"
                               rf"(?P<list>[a-z][^.;:]+)", seg[m.end("grade"):])
                if inc:  # 'The four areas judged "adequate" included preventing crime and managing offenders'
                    listed_areas = _list_items(inc.group("list"))
                    area_at = start + m.end("grade") + inc.start("list")
                    if listed_areas:
                        area, listed_areas = listed_areas[0], listed_areas[1:]
        out.append(GradeMention(g_start, g_end, wording, clean_area(area) if area else None, area_at, count, overall,
                                previous, (start, end)))
        for item in listed_areas:  # 'for investigating crime, protecting vulnerable people, and ...'
            at = text.find(item, area_at or g_start)
            out.append(GradeMention(g_start, g_end, wording, clean_area(item), at if at >= 0 else None, None, False,
                                    previous, (start, end)))
    for x in re.finditer(r"\b(?:given|awarded|handed|received|got|gets|earned)\s+(?:the|its)\s+(?P<end>lowest|highest|top|"
                         r"bottom)\s+(?:possible\s+)?(?:rating|grade|grading|judgment|judgement)\b(?P<area>\s+(?:for|in|on|at)\s+"
                         r"[a-z][^,.;:]{2,80})?", seg):
        if any(g.start <= start + x.end() + 20 and g.start >= start + x.start() for g in out):
            continue  # the grade word follows ('given the lowest rating, inadequate')
        wording = "@lowest" if x.group("end") in ("lowest", "bottom") else "@highest"  # the scale's end, read later
        area = None
        if x.group("area"):
            raw = re.sub(r"^\s+(?:for|in|on|at)\s+", "", x.group("area"))
            stop = _AREA_END.search(raw)
            raw = raw[:stop.start()] if stop else raw
            area = clean_area(raw) if raw else None
        out.append(GradeMention(start + x.start("end"), start + x.end(), wording, area,
                                start + x.start("area") if area else None, None, area is None, False, (start, end)))
    out.sort(key=lambda g: g.start)
    pillar = _PILLAR.search(seg) or _HOW_PILLAR.search(seg)
    for i, g in enumerate(out):
        if pillar and g.area is None and g.area_count is None and (g.overall or pillar.re is _HOW_PILLAR
                                                                   or not re.search(r"\boverall\b", seg)):
            # 'judged the force to be 'requires improvement' overall in its PEEL assessment of police effectiveness':
            # the overall grade of that pillar
            which = next(k for k in ("p", "p2", "adj") if pillar.groupdict().get(k))
            word = pillar.group(which).lower()
            if which == "adj":  # 'how effective the force was': effectiveness; efficient: efficiency; legitimate: legitimacy
                word = re.sub(r"ive$", "iveness", re.sub(r"ent$", "ency", re.sub(r"ate$", "acy", word)))
            out[i] = g = GradeMention(g.start, g.end, g.wording, word, start + pillar.start(which),
                                      None, False, g.previous, g.sentence)
        if g.area is not None or g.area_count is not None:
            continue
        between = text[g.end:out[i + 1].start] if i + 1 < len(out) else ""
        before = text[out[i - 1].end:g.start] if i else ""
        if i + 1 < len(out) and re.fullmatch(rf"{_Q}?(?:\s+(?:in\s+)?[\w/]+){{0,3}}\s*to\s+{_Q}?", between) and \
                re.search(rf"\bfrom\s+{_Q}?$", text[max(start, g.start - 8):g.start]):
            nxt = out[i + 1]  # "improved from 'requires improvement' to 'good' for preventing crime"
            out[i] = GradeMention(g.start, g.end, g.wording, nxt.area, nxt.area_start, nxt.area_count, nxt.overall, True,
                                  g.sentence)
            nxt.previous = False  # the grade it moved to is the current one
        elif i and re.search(rf"(?:up|down|a (?:rise|drop|fall|move|change|step up|step down)|improved|improving|"
                             rf"dropped|slipped|fell)\s+from\s+(?:(?:the|a|an|its)\s+)?{_Q}?$", before):
            prev = out[i - 1]  # "rated 'requires improvement' for effectiveness, down from 'good' in 2016"
            out[i] = GradeMention(g.start, g.end, g.wording, prev.area, prev.area_start, prev.area_count, prev.overall,
                                  True, g.sentence)
    return _paired(text, start, end, names, alt, bodies, out)


def _listed_pairs(seg: str, start: int, end: int, names: list[str], alt: str) -> list[GradeMention]:
    """'Its grades: preventing crime, good; investigating crime, adequate; responding to the public, inadequate': after
    a colon that ends words about grades, items split by semicolons, each an area and its grade (by a comma or a
    dash). Nothing unless every item is such a pair."""
    intro = re.match(r"(?P<i>[^:]{0,160}\b(?:grades?|ratings?|rated|graded|judged|verdicts?|assessed)\b[^:]{0,40}):\s*", seg)
    if not intro:
        return []
    item = re.compile(rf"\s*(?:and\s+)?(?P<area>[a-z][\w'\u2019 -]{{2,80}}?)\s*(?:,|[\u2013\u2014]|\s-)\s*{_Q}?"
                      rf"(?P<grade>(?i:{alt})){_Q}?\s*")
    out = []
    pos = intro.end()
    parts = [(m.start(), m.end()) for m in re.finditer(r"[^;]+", seg[pos:].rstrip(" ."))]
    if len(parts) < 2:
        return []
    for a, b in parts:
        m = item.fullmatch(seg, pos + a, pos + b)
        if not m or not area_like(m.group("area")):
            return []
        out.append(GradeMention(start + m.start("grade"), start + m.end("grade"), canonical(m.group("grade"), names),
                                clean_area(m.group("area")), start + m.start("area"), None, False, False, (start, end)))
    return out


def _paired(text: str, start: int, end: int, names: list[str], alt: str, bodies: frozenset[str],
            out: list[GradeMention]) -> list[GradeMention]:
    """The phrase rules' mentions, completed by the structural pairing of kg/extract/pairing.py: a grade word they left
    without an area gets the one area its clause gives; one they did not read at all is added when its clause grades
    something and names exactly one area; an area 'that area' is dropped here and resolved across sentences later."""
    seg = text[start:end]
    for i, g in enumerate(out):  # 'rated good for the second year running': no area, so not proposed
        if g.area and never_an_area(g.area):
            out[i] = GradeMention(g.start, g.end, g.wording, None, None, g.area_count, g.overall, g.previous, g.sentence)
    by_start = {g.start: g for g in out}
    for pair in pair_grades(text, start, end, names, alt, bodies):
        have = by_start.get(pair.grade_start)
        overall_pillar = pair.area and re.fullmatch(r"(?:(?:the|its|the force['\u2019]s)\s+)?overall\s+(?:effectiveness|"
                                                    r"efficiency|legitimacy|leadership)", pair.area, re.IGNORECASE)
        if have is not None and (have.area is not None or have.area_count is not None or have.overall) \
                and pair.rule not in ("as was", "row", "list") and not (overall_pillar and have.area is None):
            continue
        if any(g.start == pair.grade_start and g.area and pair.area and g.area.lower() == pair.area.lower() for g in out):
            continue
        wording = canonical(text[pair.grade_start:pair.grade_end], names)
        at = pair.grade_start - start
        previous = have.previous if have is not None else bool(
            _earlier_words(seg, max(0, at - 40), at + len(wording))
            or _PREVIOUS_AFTER.search(re.split(r"[;.]| but | while |['\u2018\"\u201c]", seg[at + len(wording):])[0][:80]))
        mention = GradeMention(pair.grade_start, pair.grade_end, wording, clean_area(pair.area) if pair.area else None,
                               pair.area_start, pair.count, False,
                               previous, (start, end))
        if overall_pillar and have is not None and have.overall and have.area is None and have in out:
            # 'In 2019 the force's overall effectiveness was graded ...': the pillar's grade, not an overall one
            mention = dataclasses.replace(mention, area=clean_area(pair.area),
                                          area_start=pair.area_start + pair.area.lower().rindex(" ") + 1)
            out[out.index(have)] = mention
            by_start[pair.grade_start] = mention
        elif have is not None and have.area is None and have.area_count is None and not have.overall and have in out:
            out[out.index(have)] = mention
            by_start[pair.grade_start] = mention
        else:
            out.append(mention)
            by_start.setdefault(pair.grade_start, mention)
    out.sort(key=lambda g: (g.start, g.area_start or 0))
    for w in grade_words(seg, names, alt):  # 'its grade for X fell from adequate to requires improvement'
        at = start + w.start()
        a = next((g for g in out if g.area and re.fullmatch(rf"{_Q}?(?:\s+in\s+(?:19|20)\d\d)?\s+to\s+{_Q}?", text[g.end:at])
                  and re.search(rf"\bfrom\s+{_Q}?$", text[start:g.start])), None)
        b = next((g for g in out if g.start == at), None)
        if a is None or (b is not None and (b.area or b.area_count is not None or b.overall)):
            continue
        moved = GradeMention(at, start + w.end(), canonical(w.group(), names), a.area, a.area_start, None, False, False,
                             (start, end))
        if b is None:
            out.append(moved)
        else:
            out[out.index(b)] = moved
        a.previous = True
    for w in grade_words(seg, names, alt):  # 'a drop from the good grade it was given last year': the area before
        at = start + w.start()
        if any(g.start == at for g in out) or not re.search(
                r"(?:up|down|a (?:rise|drop|fall|move|change|step up|step down)|improved|improving|dropped|slipped|fell)\s+"
                rf"from\s+(?:(?:the|a|an|its)\s+)?{_Q}?$", seg[:w.start()]):
            continue
        prior = [g for g in out if g.end <= at]
        areas = {(g.area, g.area_count, g.overall) for g in prior if g.start == prior[-1].start} if prior else set()
        if len(areas) == 1:
            p = prior[-1]
            p.previous = False  # 'graded X, a drop from the good grade it was given last year': X is the current grade
            out.append(GradeMention(at, start + w.end(), canonical(w.group(), names), p.area, p.area_start, p.area_count,
                                    p.overall, True, (start, end)))
    out.sort(key=lambda g: (g.start, g.area_start or 0))
    return _gapped(text, start, end, names, alt, bodies, out)


def _gapped(text: str, start: int, end: int, names: list[str], alt: str, bodies: frozenset[str],
            out: list[GradeMention]) -> list[GradeMention]:
    """'Its effectiveness was graded adequate, its efficiency good and its legitimacy inadequate': after a grade whose
    area is the subject before its verb, 'its AREA GRADE' with the verb left out is another area's grade, said the same
    way (in the same inspection)."""
    seg = text[start:end]
    head = [g for g in out if g.area and g.area_start is not None and g.area_start < g.start and g.area_count is None]
    if not head:
        return out
    first = head[0]
    gap = re.compile(rf"(?:,|;|\s+and|\s+but|\s+while|,\s+and|,\s+but|,\s+while)\s+(?P<a>(?i:its|the force['\u2019]s|their)\s+"
                     rf"[a-z][\w'-]*(?:\s+[a-z][\w'-]*){{0,6}}?)\s+(?:as\s+)?(?P<q>{_Q})?(?P<grade>(?i:{alt}))(?![a-z])"
                     rf"(?P<q2>{_Q})?(?=\s*(?:[,.;]|$|\s+(?:and|but|while)\b))")
    taken = {g.start for g in out}
    pos = first.end - start
    while True:
        m = gap.search(seg, pos)
        if m is None:
            break
        pos = m.end()
        g_start = start + m.start("grade")
        area = clean_area(m.group("a"))
        if g_start in taken or not (area_like(m.group("a"), bodies) or re.fullmatch(r"[a-z]+(?:ness|ency|acy)|leadership",
                                                                                    area)):
            continue
        if _FINITE.search(m.group("a")):
            break  # a clause of its own ('and its legitimacy was good' is read by the subject rules)
        out.append(GradeMention(g_start, start + m.end("grade"), canonical(m.group("grade"), names), area,
                                start + m.start("a"), None, False, first.previous, (start, end), first.force))
        taken.add(g_start)
    out.sort(key=lambda g: (g.start, g.area_start or 0))
    return out


_COUNTED_SUBJECT = re.compile(r"(?:^|[,;:]\s+|\band\s+)(?:(?P<rest>(?i:the|its)\s+(?:remaining|other|last|final|further))\s+)?"
                              r"(?P<n>\d{1,2}|(?i:" + "|".join(n for n in NUMBER_WORDS if n != "all")
                              + r"))(?P<noun>\s+(?:areas?|pillars?|questions?))?"
                              r"\s*(?:,|[\u2013\u2014]|\s-)\s*(?P<list>[a-z][^.;:()]+?)\s*(?:,|[\u2013\u2014]|\s-)\s*"
                              r"(?:were|was|are|is)\s+(?:(?:rated|graded|judged|assessed|deemed|found|considered)"
                              r"(?:\s+to\s+be|\s+to|\s+as)?\s+)?(?:an?\s+)?$")


_COUNT_SUBJECT = re.compile(r"(?:^|[,;:]\s+|\band\s+)(?:(?P<rest>(?i:the|its)\s+(?:remaining|other|last|final|further))\s+)?"
                            r"(?P<n>\d{1,2}|" + "|".join(n for n in NUMBER_WORDS if n != "all") + r")"
                            r"(?:\s+(?:areas?|pillars?|questions?|of them|others?))?\s+"
                            r"(?:(?:were|was|are|is)\s+(?:(?:rated|graded|judged|assessed|deemed|found|considered)"
                            r"(?:\s+to\s+be|\s+to|\s+as)?\s+)?(?:an?\s+)?)?$")


def split_into(words: str, n: int, bodies: frozenset[str] = frozenset()) -> list[str]:
    """A list the article counts ('the remaining two, investigating crime and leadership and force management') as
    exactly ``n`` areas: at its commas, else at the first of its 'and's that leave n areas ('investigating crime' and
    'leadership and force management', not 'investigating crime and leadership' and 'force management'); [] if none."""
    parts = [p.strip() for p in re.split(r",\s*(?:and\s+)?", words.strip()) if p.strip()]
    if len(parts) == n and all(area_like(p, bodies) for p in parts):
        return [clean_area(p) for p in parts]
    if len(parts) == n - 1:  # 'A, B and C': the last part holds one 'and' to split at
        last = parts[-1].split(" and ")
        for i in range(1, len(last)):
            pair = [" and ".join(last[:i]), " and ".join(last[i:])]
            if all(area_like(p, bodies) for p in parts[:-1] + pair):
                return [clean_area(p) for p in parts[:-1] + pair]
    return []


def _list_items(words: str) -> list[str]:
    """'investigating crime and protecting vulnerable people' / 'A, B and C' as areas: split at commas and at an 'and'
    that a verb in -ing follows ('preventing crime and managing offenders and suspects' is two areas)."""
    words = re.split(r"\s+(?:in|at|by|according|which|when|while|but)\b|\s+[\u2013\u2014-]\s+", words.strip())[0]
    out = []
    for part in re.split(r",\s*(?:and\s+)?", words):
        out += [p.strip() for p in re.split(r"\s+and\s+(?=[a-z]+ing\b|(?:[a-z]+(?:ness|ency|acy)|leadership)$)", part)
                if p.strip()]  # '... and leadership': a pillar is an area of its own
    return [clean_area(p) for p in out if 2 <= len(p) <= 80]


_FINITE = re.compile(r"\b(?:is|are|was|were|has|have|had|will|would|can|could|should|must|said|says|found|did|does)\b")


def _area_like(item: str) -> bool:
    """A list item that can be a graded area: led by a verb in -ing ('investigating crime'), or a short noun phrase
    without a finite verb ('treatment of the public')."""
    words = item.split()
    not_areas = {"according", "including", "following", "during", "regarding", "concerning", "saying", "adding", "but",
                 "while", "whilst", "though", "although", "as", "so", "yet", "after", "before", "since", "says", "say"}
    if not words or words[0].lower() in not_areas:
        return False
    if re.search(r"\b(?:grades?|ratings?|graded|rated)\b", item):  # ', keeping the grade it was given in 2015': no area
        return False
    return words[0].endswith("ing") or (len(words) <= 6 and not _FINITE.search(item))


def _listed(tail: str, names: list[str]) -> list[str]:
    """The further areas of a comma list that runs to the end of the sentence ('for investigating crime, protecting
    vulnerable people, treatment of the public and developing a positive workplace')."""
    alt = "|".join(name_pattern(n) for n in names)
    # the list ends where the next grade starts: '... at B and in its C, and good at D'
    cut = re.search(rf"(?:,?\s+(?:and|but|while|whilst)|,)\s+(?:(?:rated|graded|judged|as)\s+)?{_Q}?(?i:{alt}){_Q}?\s+"
                    rf"(?:at|in|for)\s", tail)  # '..., at B and at C, requires improvement at D': a comma alone ends it too
    tail = tail[:cut.start()] if cut else tail
    # '..., and at C – the area where it had been rated good in 2015': the list ends at a dash's aside
    tail = re.split(r"\s+[\u2013\u2014]\s+|\s+-\s+", tail)[0]
    m = re.match(r"(?:,\s*(?:and\s+)?[a-z][^,.;]*)+(?=\s*(?:[.;]|$))", tail)
    if not m or any(re.search(rf"\b{re.escape(n)}\b", m.group(), re.IGNORECASE) for n in names):
        return []
    items = [i.strip() for i in re.findall(r",\s*(?:and\s+)?([a-z][^,.;]*)", m.group())]
    marked = bool(items) and all(re.match(r"(?:at|in|for)\s", i) for i in items)
    if marked:  # 'adequate at A, at B and in its C': each area opens with its preposition, so 'and' inside one is its own
        items = [p for i in items for p in re.split(r"\s+and\s+(?=(?:at|in|for)\s)", i)]
        items = [re.sub(r"^(?:at|in|for)\s+(?:(?:its|the force['\u2019]s)\s+)?", "", i) for i in items]
    if items and " and " in items[-1] and not marked:  # '..., investigating crime and managing offenders' (no comma before 'and')
        parts = re.split(r"\s+and\s+(?=[a-z]+ing\b)", items[-1])
        if len(parts) > 1 and all(_area_like(p) for p in parts):
            items[-1:] = parts
    items = [re.sub(r"^(?:its|their|the force['\u2019]s)\s+", "", i) for i in items]  # '..., its management of offenders'
    if items and " and " in items[-1]:
        parts = re.split(r"\s+and\s+(?:its|their|the force['\u2019]s)\s+", items[-1])
        if len(parts) > 1 and all(area_like(p) for p in parts):
            items[-1:] = parts
    ok = items and all(_area_like(i) for i in items) and any(i.split()[0].endswith("ing") or area_like(i) for i in items)
    return items if ok else []


def clean_area(area: str) -> str:
    """An area as a reader names it: without its determiner, a leading conjunction or 'its work on'."""
    area = re.sub(r"^(?i:but|and|however,?|yet|so|also|while|whilst|whereas)\s+", "", area.strip())  # 'But the force's ...'
    area = re.sub(r"^that\s+(?=(?:its|the force['\u2019]s|the|their)\s)", "", area)  # '... and that its leadership was ...'
    area = re.sub(r"^(?:its|the force['\u2019]s|the)\s+", "", area.strip(), flags=re.IGNORECASE)
    how = re.match(r"how\s+(efficiently|effectively|legitimately)\b", area, re.IGNORECASE)
    if how:  # 'require improvement in how efficiently it keeps people safe': the efficiency pillar
        return {"efficiently": "efficiency", "effectively": "effectiveness", "legitimately": "legitimacy"}[how.group(1).lower()]
    area = re.sub(r"^overall\s+(?=[a-z]+(?:ness|ency|acy)$)", "", area)  # 'the force's overall effectiveness': the pillar
    # 'its overall legitimacy rating: requires improvement': the pillar's grade
    area = re.sub(r"^(?:overall\s+)?([a-z]+(?:ness|ency|acy)|leadership)\s+(?:grade|rating|grading|judgment|judgement)$", r"\1",
                  area, flags=re.IGNORECASE)
    # 'effectiveness at keeping people safe and reducing crime': the pillar and the words that gloss it
    area = re.sub(r"^(effectiveness|efficiency|legitimacy)\s+(?:at|in)\s+[a-z]+ing\b.*$", r"\1", area, flags=re.IGNORECASE)
    # 'the lowest grade in the effectiveness part of the annual PEEL assessment': the pillar that part is
    area = re.sub(r"^(effectiveness|efficiency|legitimacy|leadership)\s+(?:part|element|strand|section|pillar|side|"
                  r"portion|half)\s+of\b.*$", r"\1", area, flags=re.IGNORECASE)
    area = re.sub(r"\s+(?:inspection|assessment|report)$", "", area)  # 'good in the legitimacy inspection'
    area = re.sub(r"\s+[\u2013\u2014-]$", "", area)  # 'in one area - preventing crime -': the dash closing an aside
    # 'its work on preventing crime', 'its approach to investigating crime': the area is what the work is on
    area = re.sub(r"^(?:(?:its|their|the force['\u2019]s|[A-Z]\w+(?: [A-Z]\w+)?['\u2019]s)\s+)?(?:work|approach|performance|"
                  r"record|efforts?|ability)\s+(?:on|in|to|at|of|when)\s+(?=[a-z]+ing\b)", "", area)
    # 'its work investigating crime', 'its work protecting vulnerable people': the area is the work's
    area = re.sub(r"^(?:work|efforts?)\s+(?=[a-z]{3,}ing\b)", "", area)

    return area[:1].lower() + area[1:] if area[:2] != area[:2].upper() else area


def split_areas(area: str, known_areas: set[str], single: bool = False) -> list[str]:
    """'preventing crime, responding to the public and investigating crime' as three areas, unless the graph knows the whole.

    ``single``: the inspection's areas are the PEEL 2021+ ones, each one activity ('investigating crime'), so 'investigating
    crime and developing a positive workplace' is two; the 2016-17 questions join two ('investigating crime and reducing
    re-offending' is one), so without it such a pair stays whole."""
    pillars = re.split(r",\s*(?:and\s+)?|\s+and\s+", area)
    if len(pillars) > 1 and all(re.fullmatch(r"[a-z]+(?:ness|ency|acy)|leadership", p) for p in pillars):
        return pillars  # 'good for effectiveness and legitimacy': two pillars
    both = re.fullmatch(r"both\s+(?P<a>.+?)\s+and\s+(?:(?:at|in|for|on)\s+)?(?P<b>.+)", area)
    if both:  # 'good for both preventing crime and responding to the public': two areas
        return split_areas(both.group("a"), known_areas) + split_areas(both.group("b"), known_areas)
    if area.lower() in known_areas:
        return [area]
    pieces = re.split(r"\s+and\s+(?:at|in|for|on)\s+", area)
    if len(pieces) > 1:
        return [q for p in pieces for q in split_areas(p, known_areas)]
    if "," not in area:
        halves = re.split(r"\s+and\s+", area)
        if single and len(halves) == 2 and all(re.match(r"[a-z]{3,}ing\s+\S", h) for h in halves):
            return halves  # 'tackling drugs and managing offenders': two activities, each an area of its own
        return [area]
    parts = [p.strip() for p in re.split(r",\s+(?:and\s+)?|\s+and\s+", area) if p.strip()]
    if len(parts) > 2 and all(re.fullmatch(r"[a-z]+ing", p) for p in parts[:-1]) and len(parts[-1].split()) > 1:
        return [area]  # 'building, supporting and protecting its workforce': verbs sharing one object
    if len(parts) > 1 and all(p.split()[0].endswith("ing") or p.lower() in known_areas for p in parts):
        return parts
    return [area]


# ---------------------------------------------------------------- time and scale

_PERIOD = re.compile(r"\b(?P<y>(?:19|20)\d\d)(?:\s*[/\u2013-]\s*(?P<y2>\d{2}|(?:19|20)\d\d))?\b")


def stated_years(text: str, start: int = 0) -> list[tuple[int, int, str, int]]:
    """Years an article gives for the inspection: (first year, last year, words, offset), from phrases such as
    'PEEL 2021/22', '2018/19 inspection', 'inspected in March 2023', 'police effectiveness 2016'."""
    out = []
    pats = (
        r"\bPEEL\b[^.\n]{0,40}?(?P<p>(?:19|20)\d\d(?:\s*[/\u2013-]\s*(?:\d{2}|(?:19|20)\d\d))?)(?!\d)",
        r"(?P<p>(?:19|20)\d\d(?:\s*[/\u2013-]\s*(?:\d{2}|(?:19|20)\d\d))?)\s+(?:PEEL|police effectiveness|"
        r"effectiveness|inspection|(?:legitimacy|efficiency|leadership)\s+(?:inspection|report|assessment))",
        r"\b(?:inspected|inspection (?:took place|was carried out|happened)|visited the force|carried out|"
        r"(?<!previous )(?<!last )(?<!earlier )(?<!first )inspection of (?:the force|it|[A-Z]\w+(?: [A-Z]\w+)? (?:Police|"
        r"Constabulary)))\b[^.\n]{0,40}?"
        r"\b(?:in|during|between|from|over)\s+(?:the\s+(?:spring|summer|autumn|winter|start|end|first half|second half)"
        r"\s+of\s+)?(?:(?:January|February|March|April|May|June|July|August|September|October|"
        r"November|December|spring|summer|autumn|winter|early|late)\s+(?:(?:and|to)\s+(?:January|February|March|April|"
        r"May|June|July|August|September|October|November|December)\s+)?)?(?P<p>(?:19|20)\d\d)",
        r"peel[\w/.-]*?-(?P<p>(?:19|20)\d\d)\b",
    )
    for pat in pats:
        for m in re.finditer(pat, text[start:], re.IGNORECASE):
            pm = _PERIOD.match(m.group("p"))
            if not pm or re.search(r"\b(?:last|previous|earlier|prior)\s+(?:[A-Za-z]+\s+){0,2}$",
                                   text[max(start, start + m.start() - 30):start + m.start()], re.IGNORECASE):
                continue  # 'in its last PEEL inspection, in 2019': an earlier inspection's year
            if re.search(r"\b(?:since|before|until|after)\s+$", text[max(start, start + m.start("p") - 8):start + m.start("p")],
                         re.IGNORECASE):
                continue  # 'the first PEEL inspection of the force since 2019': not the year of this one
            y = int(pm.group("y"))
            y2 = pm.group("y2")
            last = y if not y2 else (int(y2) if len(y2) == 4 else y // 100 * 100 + int(y2))
            out.append((y, last, m.group("p"), start + m.start("p")))
    # at one offset the fullest reading first ('2023-25' of a URL's 'peel-2023-25', not its '2023'): never set order
    return sorted(set(out), key=lambda t: (t[3], -len(t[2]), t[2]))


@dataclass
class ScaleChoice:
    scale: Scale | None
    why: str


def choose_scale(known: Known, wordings: list[str], year: int | None, year_why: str) -> ScaleChoice:
    """The scale that applied: the one whose period covers the inspection's year and has every grade the article uses.

    Without a year, the one scale having all the grade names the article uses (only the five-grade scale has
    'adequate'), else none: a grade is then kept in the article's words only.
    """
    having = [s for s in known.scales if all(w in s.grades for w in wordings)]
    if year is not None:
        covering = [s for s in known.scales if s.covers(year)]
        both = [s for s in covering if s in having]
        if len(both) == 1:
            return ScaleChoice(both[0], f"{year_why}; the {both[0].label} applies {both[0].period}")
        if covering and not both and len(having) == 1:
            return ScaleChoice(having[0], f"{year_why}, but the article's grades ({', '.join(wordings)}) are only on the "
                                          f"{having[0].label} ({having[0].period})")
        if not covering and len(having) == 1 and any(w not in s.grades for s in known.scales for w in wordings):
            return ScaleChoice(having[0], f"{year_why} falls in no scale's period; only the {having[0].label} has the grade(s) "
                                          f"{', '.join(wordings)}")
        if not covering:
            return ScaleChoice(None, f"{year_why} falls in no grade scale's period in data/reference.yaml")
    if len(having) == 1:
        return ScaleChoice(having[0], f"only the {having[0].label} has the grade(s) {', '.join(wordings)}")
    return ScaleChoice(None, "the article gives no year for the inspection and its grades fit more than one scale")
