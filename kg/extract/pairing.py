"""Grade words paired with their areas by the structure of the clause, not by one phrasing at a time.

The grade words come from the reference scales (data/reference.yaml). A grade word is only read as a grade where
the clause grades something: the word is quoted, a grading verb or noun ("rated", "graded", "judged", "rating",
"grade") is in its clause, or the line is a row of a list or table. Its area is then found by a few structural
rules over the same clause:

- fronted area: "On legitimacy, the force was judged good", "When it came to protecting vulnerable people, ...";
- subject: "protecting vulnerable people was rated inadequate", "the force's handling of calls was judged good",
  "the rating for investigating crime was 'inadequate'", "that investigating crime required improvement";
- object of the verb: "rated its work on protecting vulnerable people as inadequate";
- rows: "Good: A, B and C" (one grade over a list), "Preventing crime | Adequate", "Preventing crime<TAB>Good";
- "..., as was responding to the public" gives the grade before to one more area.

Each candidate must look like an area: a phrase led by a verb in -ing ("investigating crime"), a pillar noun
("legitimacy", "efficiency"), or a noun of what forces do with its object ("treatment of the public", "use of
resources", "response to the public"). A pronoun, "that area" or the name of a force or place is not an area.
Where two rules give different areas, or a clause holds two areas for one grade, nothing is proposed: a wrong pair
is worse than a missing one (the draft's notes say which grade was left without an area).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_Q = "['\u2018\u2019\"\u201c\u201d]"
# what forces do, as nouns that take an object: 'treatment of the public', 'use of resources', 'response to calls'
_ACTION_NOUNS = (r"treatment|use|plans|plan|arrangements|"
                 r"response|responses|handling|management|leadership|recording|understanding|protection|"
                 r"prevention|investigation|investigations|support|engagement|planning|approach|care|work|performance|"
                 r"service|services|supervision|safeguarding|wellbeing|well-being|culture|governance|integrity|"
                 r"vetting|training|capability|capabilities|ability|efforts|effort|provision|quality|standard|standards|powers")
_PILLAR_NOUN = re.compile(r"(?:[a-z]+(?:ness|ency|acy)|leadership)", re.IGNORECASE)
_NOT_AREAS = {"it", "this", "that", "they", "them", "which", "these", "those", "he", "she", "we", "you", "i", "there",
              "force", "the force", "constabulary", "police", "report", "inspection", "inspectorate", "watchdog", "area",
              "areas", "overall", "all", "everything", "none", "most", "some", "others", "rest", "the rest", "any",
              "either", "neither", "each", "every"}
_ANAPHOR = re.compile(r"(?:that|this|the same|each|both|these|those|the other|other|such)\s+(?:areas?|fields?|pillars?|"
                      r"questions?|categor(?:y|ies)|respects?)$", re.IGNORECASE)
_COUNTS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
           "eleven": 11, "twelve": 12}
_CUE = re.compile(r"\b(?:rat(?:ed|ing|ings)|grad(?:ed|e|es|ing|ings)|judg(?:ed|ment|ments|ement|ements)|assess(?:ed|ment)|"
                  r"deemed|found|considered|scored|scores?|awarded|verdict)\b", re.IGNORECASE)
_BE = r"(?:was|were|is|are|has been|have been|had been|remains?|remained|stays?|stayed)"
_VERB = (r"(?:(?:rated|graded|judged|assessed|deemed|found|considered|marked|scored)(?:\s+(?:to\s+be|as|to))?|"
         r"(?:now\s+)?(?:down|up|re)graded\s+to)")


_ADVERB = r"(?:also|again|now|still|only|likewise|similarly|once again|previously|then)"
#: an aside between dashes ('its legitimacy - how fairly it treats the public - was good'): blanked before the subject
#: rules read the clause, so offsets stay those of the text
_DASH_ASIDE = re.compile(r"\s[\u2013\u2014-]\s[^\u2013\u2014]{2,100}?\s[\u2013\u2014-]\s")
_SUBJECT = re.compile(rf"(?P<a>(?:(?i:its|the force['\u2019]s|their|the)\s+|[A-Z]\w+(?:\s+[A-Z]\w+)*['\u2019]s\s+)?"
                      rf"[A-Za-z][\w'-]*(?:\s+[a-z0-9][\w'-]*){{0,10}}?)\s+{_BE}\s+(?:{_ADVERB}\s+)?(?:{_VERB}\s+)?"
                      rf"(?:an?\s+)?")


_BOTH = re.compile(rf"(?P<a>[A-Za-z][^;:]{{3,200}}?),?\s+(?:were|are|have been|had been)\s+(?:both|all)\s+(?:{_VERB}\s+)?"
                   rf"(?:an?\s+)?")


def _anchors(before: str) -> list[int]:
    """Where a subject can start in the words before a grade, leftmost first: the clause's start, after a comma, 'that',
    'and' or 'said'. The first that gives an area-like subject wins, so 'that X was good' is X, not 'HMICFRS found ...'."""
    fronted = re.match(r"\s*(?i:in|by|during|from)\s+(?:(?:early|late|mid-?)\s*)?(?:[A-Z][a-z]+\s+)?(?:19|20)\d\d"
                       r"(?:\s*[/\u2013-]\s*\d{2,4})?\s+(?=[a-zA-Z])", before)  # 'In 2019 the force's X was graded ...'
    return sorted({0} | ({fronted.end()} if fronted else set())
                  | {m.end() for m in re.finditer(r"[,;:]\s+|\bthat\s+|\band\s+|\bsaid\s+", before)})


#: (rule, pattern, where): the area in the words before the grade (up to its clause's start) or just after it
_CLAUSE_RULES = (
    # 'Only one area, protecting vulnerable people, was rated inadequate'
    ("apposition", re.compile(rf"\b(?:one|only one|the only|a single)\s+(?:area|pillar|question),\s+(?P<a>[a-z][^,;]{{2,100}}),"
                              rf"\s+{_BE}\s+(?:{_VERB}\s+)?(?:an?\s+)?$", re.IGNORECASE), "before"),
    # 'X was among the four areas where the force still requires improvement', 'X is one of the areas judged good'
    ("among", re.compile(r"(?:^|[,;:]\s+|\bthat\s+|\band\s+)(?P<a>[A-Za-z][\w'-]*(?:\s+[a-z][\w'-]*){0,10}?)\s+"
                         r"(?:was|is|were|are)\s+(?:one\s+of|among)\s+(?:the|its)\s+(?:\w+\s+)?areas?\s+(?:where|in which|that|"
                         r"which|judged|graded|rated|assessed|found)\b[^,;]*$"), "before"),
    # "the force's lowest grade, inadequate, was for responding to the public"
    ("was for", re.compile(rf"{_Q}?,?\s+(?:was|were|is|came)\s+(?:for|in|at)\s+(?P<a>[a-z][^,;]{{1,100}})"), "after"),
    # 'its grade for investigating crime fell from adequate'
    ("moved", re.compile(r"\b(?:rating|grade|grading)\s+(?:for|on|in|at)\s+(?P<a>[a-z][^,;]{2,100}?)\s+(?:fell|rose|dropped|"
                         r"improved|slipped|moved|went|changed|was\s+(?:cut|raised|lowered))\s+(?:from|to)\s+$"), "before"),
    # 'better news on anti-social behaviour, where it achieved a 'good' rating', '... and on X, which inspectors found good'
    ("on X, where", re.compile(r"\b(?:on|for|in)\s+(?P<a>[a-z][^,;]{2,100}),\s+(?:where|which|for which|in which|on which)\b"
                               r"[^,;]*$"), "before"),
    # 'improved its rating for investigating crime from requires improvement to adequate': the grade moved from
    ("moved from", re.compile(r"\b(?:improved|raised|lifted|lost|dropped|cut|increased|lowered)\s+(?:its|the force['\u2019]s|"
                              r"their)\s+(?:rating|grade|grading)\s+(?:for|on|in|at)\s+(?P<a>[a-z][^,;]{2,100}?)\s+from\s+$"),
     "before"),
    # 'investigating crime went from requires improvement in 2021 to adequate'
    ("went from", re.compile(r"(?:^|[,;:]\s+|\bthat\s+|\band\s+)(?P<a>[A-Za-z][\w'-]*(?:\s+[a-z][\w'-]*){0,10}?)\s+"
                             r"(?:went|moved|rose|fell|improved|slipped|dropped|climbed|was upgraded|was downgraded)\s+"
                             r"from\s+$"), "before"),
    # "rated the force's crime recording as inadequate"
    ("rated its X as", re.compile(r"\b(?:rated|graded|judged|assessed)\s+(?:its|the force['\u2019]s|their|[A-Z]\w+(?: [A-Z]\w+)?"
                                  r"['\u2019]s)\s+(?!(?:work|performance|record|approach)\s+(?:on|in|at|to|for)\s)"
                                  r"(?P<a>[a-z][^,;]{2,100}?)\s+as\s+(?:an?\s+)?$"), "before"),
    # 'rated investigating crime as inadequate'
    ("rated X as", re.compile(r"\b(?:rated|graded|judged|assessed)\s+(?P<a>[a-z]+ing\b[^,;]{2,100}?)\s+as\s+(?:an?\s+)?$"),
     "before"),
    # 'In the area of leadership it was judged adequate' (no comma after the fronted area)
    ("fronted", re.compile(rf"^\s*(?:In the area of|In terms of|When it (?:came|comes) to|On|For)\s+"
                           rf"(?P<a>[a-z][^,;]{{2,100}}?)\s+(?:it|the force|they)\s+{_BE}\s+(?:{_VERB}\s+)?(?:an?\s+)?$",
                           re.IGNORECASE), "before"),
    # 'good for legitimacy', 'requires improvement at investigating crime'
    ("after", re.compile(r"\s*(?:overall\s+)?(?:in\s+(?:19|20)\d\d\s+)?(?:at|in|for|on|across|when it comes to)\s+"
                         r"(?P<a>[a-z][^,;]{1,100})"),
     "after"),
    # 'rated its work on protecting vulnerable people as inadequate'
    ("object", re.compile(r"\b(?:rated|graded|judged|assessed|found|considered|deemed)\s+(?:its|the force['\u2019]s|their)\s+"
                          r"(?:work|performance|record|approach)\s+(?:on|in|at|to|for)\s+(?P<a>[a-z][^,;]{2,100}?)\s+"
                          r"(?:as|to be)\s+(?:an?\s+)?$"), "before"),
)


@dataclass(frozen=True)
class Pair:
    grade_start: int  # offsets in the article text
    grade_end: int
    area: str | None
    area_start: int | None
    rule: str
    count: int | None = None  # 'two 'good' ratings': areas counted, not named


def is_anaphor(area: str) -> bool:
    """'that area', 'this area', 'the same area': an area named elsewhere, not a new one."""
    return bool(_ANAPHOR.fullmatch(area.strip()))


_NOT_AN_AREA = re.compile(r"(?:(?:the|a)\s+)?(?:(?:first|second|third|fourth|fifth|sixth|\d+(?:st|nd|rd|th)|consecutive|"
                          r"successive|last|next|same)\s+(?:\w+\s+)?(?:years?|times?|inspections?|reports?)\b.*|(?:19|20)\d\d\b.*|"
                          r"(?:last|this|next|that) year['\u2019]?s?\b.*|"
                          r"(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten)(?:\s+(?:other\s+)?(?:areas?|pillars?|questions?))?|"
                          r"(?:rating|grade|grading|judge?ment|score|verdict|result|outcome)s?|"
                          r"(?:(?:last|this|next|early|late|mid-?)\s*)?(?:January|February|March|April|May|June|July|August|"
                          r"September|October|November|December)(?:\s+(?:19|20)\d\d)?\b.*|"
                          r"(?:any|every|each|all)\s+(?:part|parts|one|aspect|aspects|area|areas|of)\b.*|"
                          r"(?:the\s+)?(?:remaining|other)\s+(?:\w+\s+)?(?:graded\s+)?(?:areas?|pillars?|questions?))",
                          re.IGNORECASE)


def never_an_area(area: str) -> bool:
    """Words a phrase rule can take for an area but that never name one: 'the second year running', '2023',
    'its rating', 'that area' (named elsewhere), a pronoun."""
    a = " ".join(area.split())
    return bool(_NOT_AN_AREA.fullmatch(a)) or a.lower() in _NOT_AREAS


def area_like(phrase: str, bodies: frozenset[str] = frozenset()) -> bool:
    """A phrase that can name a graded area: led by a verb in -ing, a pillar noun, or a noun of what forces do with
    its object; not a pronoun, not 'that area', not a force or place, and no finite verb inside."""
    p = " ".join(phrase.split()).strip(" ,;:" + "'\u2018\u2019\"\u201c\u201d")
    low = p.lower()
    if not p or len(p) > 100 or low in _NOT_AREAS or low in bodies or is_anaphor(p) or never_an_area(p):
        return False
    low = re.sub(r"^(?:its|the force['\u2019]s|their|the)\s+", "", low)
    if not low or low in _NOT_AREAS or low in bodies or never_an_area(low):
        return False
    if re.search(r"\b(?:is|are|was|were|has|have|had|will|would|said|says|found|did|does|could|should)\b", low):
        return False
    words = low.split()
    if len(words) == 2 and words[1] in ("it", "them", "this", "that", "so", "these", "those", "there"):
        return False  # 'investigating it', 'doing so': the area is named elsewhere
    if words[0] in ("rating", "ratings", "grading", "gradings", "nothing", "something", "everything"):
        return False  # 'its rating for X' names the grade, not the area
    if re.match(r"(?:way|ways|how)\s+(?:(?:well|[a-z]+ly)\s+)?(?:it|they|the force|officers)\s+[a-z]+s?\b", low) and \
            len(words) <= 10:
        return True  # 'the way it uses its resources', 'how it investigates crime'
    if words[0].endswith("ing") and len(words[0]) > 4 and words[0] not in ("during", "including", "according", "following",
                                                                          "regarding", "concerning", "nothing", "something"):
        return True
    if len(words) <= 3 and all(_PILLAR_NOUN.fullmatch(w) or w in ("and", "force", "management", "overall")
                               for w in words) and _PILLAR_NOUN.fullmatch(words[-1]):
        return True  # 'legitimacy', 'leadership and force management', 'efficiency'
    if len(words) <= 4 and (re.fullmatch(rf"(?:{_ACTION_NOUNS}|integrity|policing|behaviour|offending)", words[-1])
                            or (words[-1].endswith("ing") and len(words[-1]) > 5 and words[-1] not in ("morning", "evening",
                                                                                                     "building", "meeting"))):
        return True  # 'call handling', 'neighbourhood policing', 'crime data integrity', 'victim care'
    if len(words) <= 8 and low.count(" and ") == 1 and all(
            len(x.split()) <= 4 and area_like(x, bodies) for x in low.split(" and ")):
        return True  # 'police powers and public treatment': two nouns of what forces do, one area
    return bool(re.match(rf"(?:{_ACTION_NOUNS})\s+(?:of|to|for|with|on|in|towards)\s+\S", low)) and len(words) <= 10


def _area_at(seg: str, at: int, raw: str) -> tuple[str, int]:
    """The area without its determiners and trailing clause, with its offset in the segment."""
    area = raw.strip()
    lead = len(raw) - len(raw.lstrip())
    conj = re.match(r"(?:But|And|However,?|Yet|So|Also|(?i:while|whilst|whereas))\s+", area)
    if conj:
        lead += conj.end()
        area = area[conj.end():]
    m = re.match(r"(?:its|the force['\u2019]s|their|the|both)\s+", area, re.IGNORECASE)
    if m and not re.match(r"the (?:public|way)\b", area, re.IGNORECASE):
        lead += m.end()
        area = area[m.end():]
    area = re.split(r"\s*(?:,|;|\s[\u2013\u2014-]\s|\s+(?:but|while|whilst|which|where|when|as|by|after|following|"
                    r"according)\b)", area)[0]
    # 'effectiveness at keeping people safe and reducing crime': the pillar and the words that gloss it
    area = re.sub(r"^(effectiveness|efficiency|legitimacy)\s+(?:at|in)\s+[a-z]+ing\b.*$", r"\1", area, flags=re.IGNORECASE)
    area = area.rstrip(" .'\u2019\"\u201d")
    return area, at + lead


def grade_words(seg: str, names: list[str], alt: str) -> list[re.Match]:
    """Grade words of the scales in the segment, used as a predicate ('good at', 'rated good.'), not before a noun
    ('good work', 'adequate staffing')."""
    out = []
    for m in re.finditer(rf"(?<![\w-])(?i:{alt})(?![\w-])", seg):
        after = seg[m.end():]
        if re.match(rf"{_Q}?\s+to\s", after) and re.search(rf"\bfrom\s+{_Q}?$", seg[:m.start()]):
            out.append(m)  # 'fell from adequate to requires improvement'
        elif re.match(rf"{_Q}?\s*(?:$|[,.;:!?)|\t\u2013\u2014]|\s-\s|\s+(?:at|in|for|on|across|overall|and|but|while|whilst|"
                    rf"as|when|with|by|grades?|ratings?|gradings?|judge?ments?|rated|graded|last|this|earlier|previously|"
                    rf"again|too|then|once)\b)", after):
            out.append(m)
    return out


def _row(seg: str, names: list[str], alt: str, bodies: frozenset[str]) -> list[tuple[str, int, re.Match]]:
    """A row of a list or table: 'Good: A, B and C', 'Preventing crime | Adequate', 'Preventing crime<TAB>Good',
    'Preventing crime (good)'."""
    m = re.fullmatch(rf"\s*(?:[\u2022\u00b7*\u2013-]\s*)?{_Q}?(?P<g>(?i:{alt})){_Q}?\s*(?:[:\u2013\u2014]|\s-)\s*"
                     rf"(?P<list>[A-Za-z][^.:]*?)\s*[.;]?\s*", seg)
    if m:  # 'Good: preventing crime, responding to the public and managing offenders'
        items = _items(m.group("list"))
        found = []
        for item in items:
            at = seg.find(item, m.start("list"))
            if not area_like(item, bodies):
                return []
            found.append((_lower_first(item), at, m))
        return found
    head = re.match(r"\s*(?:Ratings|Grades|Gradings|The grades(?: were)?)\s*:\s*", seg, re.IGNORECASE)
    if head and ";" in seg:  # 'Ratings: Preventing crime – Good; Investigating crime – Adequate'
        found = []
        for part in re.finditer(r"[^;]+", seg[head.end():]):
            r = re.fullmatch(rf"\s*(?P<a>[A-Za-z][^:\u2013\u2014]*?)\s*(?:[:\u2013\u2014]|\s-)\s*{_Q}?(?P<g>(?i:{alt})){_Q}?"
                             rf"\s*[.]?\s*", part.group())
            if r is None or not area_like(r.group("a"), bodies):
                return []
            off = head.end() + part.start()
            found.append((_lower_first(r.group("a").strip()), off + r.start("a"), _Shifted(r, off)))
        return found
    m = re.fullmatch(rf"\s*(?:[\u2022\u00b7*|]\s*)?(?P<a>[A-Za-z][^|\t:]*?)\s*(?:\||\t+)\s*{_Q}?(?P<g>(?i:{alt})){_Q}?"
                     rf"\s*\|?\s*", seg)
    if m is None:
        m = re.fullmatch(rf"\s*(?:[\u2022\u00b7*\u2013-]\s*)?(?P<a>[A-Za-z][^()]*?)\s*\(\s*{_Q}?(?P<g>(?i:{alt})){_Q}?\s*\)"
                         rf"\s*[.;]?\s*", seg)
    if m and area_like(m.group("a"), bodies):
        return [(_lower_first(m.group("a").strip()), m.start("a"), m)]
    return []


class _Shifted:
    """A match of part of a segment, with offsets in the whole segment."""

    def __init__(self, m: re.Match, by: int) -> None:
        self._m, self._by = m, by

    def start(self, group: str = "g") -> int:
        return self._m.start(group) + self._by

    def end(self, group: str = "g") -> int:
        return self._m.end(group) + self._by


def _lower_first(area: str) -> str:
    return area[:1].lower() + area[1:] if area[:2] != area[:2].upper() else area


def _items(words: str) -> list[str]:
    parts = []
    for part in re.split(r"[,;]\s*(?:and\s+)?", words.strip()):
        parts += [p.strip() for p in re.split(r"\s+and\s+(?=[a-z]+ing\b)", part) if p.strip()]
    return parts


def _clause(seg: str, g: re.Match, grades: list[re.Match]) -> tuple[int, int]:
    """The clause of a grade word: from the grade before (or a clause break) to the grade after (or a break)."""
    begin = max([x.end() for x in grades if x.end() <= g.start()] + [0])
    end = min([x.start() for x in grades if x.start() >= g.end()] + [len(seg)])
    breaks = [b.end() for b in re.finditer(r";|\bbut\b|\bwhile\b|\bwhilst\b|\bwhereas\b", seg[begin:g.start()])]
    begin += breaks[-1] if breaks else 0
    after = re.search(r";|\bbut\b|\bwhile\b|\bwhilst\b|\bwhereas\b", seg[g.end():end])
    end = g.end() + after.start() if after else end
    return begin, end


def pair_grades(text: str, start: int, end: int, names: list[str], alt: str,
                bodies: frozenset[str] = frozenset()) -> list[Pair]:
    """The grade words of one sentence (text[start:end]) paired with their areas by the rules above; a grade word
    whose pairing is ambiguous or absent gets no Pair."""
    seg = text[start:end]
    rows = _row(seg, names, alt, bodies)
    if rows:
        return [Pair(start + m.start("g"), start + m.end("g"), a, start + at, "row") for a, at, m in rows]
    grades = grade_words(seg, names, alt)
    out: list[Pair] = []
    for i, g in enumerate(grades):
        c0, c1 = _clause(seg, g, grades)
        before, after = seg[c0:g.start()], seg[g.end():c1]
        quoted = bool(re.search(rf"{_Q}$", before)) and bool(re.match(_Q, after))
        verb = bool(re.fullmatch(r"requir(?:es|ed|e|ing)\s+improvement", g.group().lower()))  # a grade and its verb
        if not (quoted or verb or _CUE.search(seg[c0:c1]) or _CUE.search(seg[:g.start()])):
            continue
        before_q = _DASH_ASIDE.sub(lambda m: " " * len(m.group()), before.rstrip("'\u2018\u2019\"\u201c\u201d"))
        n = re.search(rf"\b(?P<n>\d{{1,2}}|{'|'.join(_COUNTS)})\s+{_Q}?$", before, re.IGNORECASE)
        if n and (re.match(rf"{_Q}?\s*(?:grades?|ratings?|gradings?|judge?ments?)\b", after) or (
                re.match(rf"{_Q}?\s*(?:$|[,.;]|and\b)", after) and (
                    re.search(r"\b(?:grades|ratings|gradings)\b", seg) or re.search(
                        rf"\b(?:\d{{1,2}}|{'|'.join(_COUNTS)})\s+(?:other\s+)?(?:areas|pillars)\s+{_BE}\b", seg[:g.start()],
                        re.IGNORECASE)))):
            # "two 'good' ratings, four 'adequate' and three 'requires improvement'": counted areas
            word = n.group("n").lower()
            count = int(word) if word.isdigit() else _COUNTS[word]
            out.append(Pair(start + g.start(), start + g.end(), None, None, "counted", count))
            continue
        nc = re.search(rf"(?:^|[,;]\s+)(?P<n>\d{{1,2}}|{'|'.join(_COUNTS)})\s+(?:other\s+|more\s+)?(?:areas?|pillars?)\s+{_BE}\s+"
                       rf"(?:{_VERB}\s+)?(?:an?\s+)?$", before_q, re.IGNORECASE)
        if nc:  # 'Two areas were rated as good: preventing crime and developing a positive workplace'
            word = nc.group("n").lower()
            out.append(Pair(start + g.start(), start + g.end(), None, None, "counted",
                            int(word) if word.isdigit() else _COUNTS[word]))
            named = re.match(rf"{_Q}?\s*:\s*(?P<list>[a-z][^.;:]+)", after)
            items = _items(re.sub(r"\s+and\s+(?=[a-z]+ing\b)", ", ", named.group("list"))) if named else []
            if items and all(area_like(x, bodies) for x in items):
                for x in items:
                    out.append(Pair(start + g.start(), start + g.end(), _lower_first(x),
                                    start + seg.find(x, g.end()), "row"))
            continue
        rest = re.match(rf"{_Q}?\s*(?:in|for|across)\s+(?:the|its)\s+(?:remaining|other)\s+(?P<n>\d{{1,2}}|{'|'.join(_COUNTS)})"
                        r"\s+(?:graded\s+)?(?:areas|pillars|questions)\b", after, re.IGNORECASE)
        if rest:  # 'It was rated adequate in the remaining three graded areas': counted, not named
            word = rest.group("n").lower()
            out.append(Pair(start + g.start(), start + g.end(), None, None, "counted",
                            int(word) if word.isdigit() else _COUNTS[word]))
            continue
        cands: list[tuple[str, int, str]] = []
        # fronted: 'On legitimacy, the force was judged good', 'When it came to X, inspectors found the force inadequate'
        f = re.match(r"\s*(?:(?:But|And|However,?|Yet)\s+)?(?i:on|for|in)\s+the\s+\w+\s+(?:question|area|pillar|"
                     r"part|count),\s+(?P<a>[^,]{2,100}),\s+", seg[:g.start()]) or \
            re.match(r"\s*(?:In terms of|In the area of|In respect of|When it (?:came|comes) to|As for|As to|With regard to|"
                     r"Turning to|Regarding|On|For|In)\s+(?P<a>[^,]{2,100}),\s+", seg[:g.start()])
        if f and c0 <= f.start("a") or (f and not any(x.end() <= f.end() for x in grades)):
            if not any(x.start() < g.start() and x is not g and x.start() > f.end() for x in grades[:i]):
                a, at = _area_at(seg, f.start("a"), f.group("a"))
                if area_like(a, bodies):
                    cands.append((a, at, "fronted"))
        # subject: 'X was rated inadequate', 'the rating for X was inadequate', 'that X required improvement'
        for at0 in _anchors(before_q):
            s = _SUBJECT.fullmatch(before_q, at0)
            if s is None:
                continue
            raw = s.group("a")
            r = re.match(r"(?i:the|its|the force['\u2019]s|their|[A-Z]\w+(?: [A-Z]\w+)?['\u2019]s)\s+(?:overall\s+)?"
                         r"(?:rating|grade|grading|judge?ment|score)\s+(?:for|on|in|at)\s+", raw)
            if r:
                a, at = _area_at(seg, c0 + s.start("a") + r.end(), raw[r.end():])
            else:
                poss = re.match(r"[A-Z]\w+(?: [A-Z]\w+)?['\u2019]s\s+", raw)  # "Westshire Police's handling of calls"
                a, at = _area_at(seg, c0 + s.start("a") + (poss.end() if poss else 0), raw[poss.end():] if poss else raw)
            if area_like(a, bodies):
                cands.append((a, at, "subject"))
                break
        if re.fullmatch(r"requir(?:es|ed|e)\s+improvement", g.group().lower()) and re.match(r"\s*(?:[,.;]|$)", after):
            for at0 in _anchors(before_q):
                v = re.compile(r"\s*(?P<a>[a-z][\w'-]*(?:\s+[a-z][\w'-]*){0,10}?)\s+").fullmatch(before_q, at0)
                if v:
                    a, at = _area_at(seg, c0 + v.start("a"), v.group("a"))
                    if area_like(a, bodies):
                        cands.append((a, at, "subject"))
                        break
        # 'the way it uses its resources, and its plans for the future, were both judged to require improvement'
        listed = []
        for at0 in _anchors(before_q):
            both = _BOTH.fullmatch(before_q, at0)
            if both is None:
                continue
            parts = [(m.start(), m.group()) for m in re.finditer(r"[^,]+?(?=,\s*(?:and\s+)?|\s+and\s+|$)", both.group("a"))]
            parts = [(c0 + both.start("a") + i + len(t) - len(t.lstrip()), re.sub(r"^\s*(?:and\s+)?", "", t))
                     for i, t in parts if t.strip(" ,")]
            found = [_area_at(seg, at, t) for at, t in parts]
            if len(found) >= 2 and all(area_like(a, bodies) for a, _ in found):
                listed = found
                break
        if listed:
            out += [Pair(start + g.start(), start + g.end(), _lower_first(a), start + at, "list") for a, at in listed]
            continue
        for rule, pattern, where in _CLAUSE_RULES:
            hay, base = (before_q, c0) if where == "before" else (after, g.end())
            m = pattern.search(hay) if where == "before" else pattern.match(hay)
            if m:
                a, at = _area_at(seg, base + m.start("a"), m.group("a"))
                if area_like(a, bodies):
                    cands.append((a, at, rule))
        if quoted and not cands:
            # "rated its response to the public 'inadequate' and its investigation of crime 'requires improvement'"
            o = re.search(rf"(?:\b(?:rated|graded|judged|assessed)|^{_Q}?\s*,?\s*and)\s+(?:its|the force['\u2019]s|their)\s+"
                          r"(?P<a>[a-z][^,;'\u2018\u2019\"\u201c\u201d]{2,100}?)\s+$", before_q)
            if o and (not o.group().lstrip(" ,'\u2018\u2019\"\u201c\u201d").startswith("and") or re.search(
                    r"\b(?:rated|graded|judged|assessed)\s+(?:its|the force['\u2019]s|their)\s", seg[:c0])):
                a, at = _area_at(seg, c0 + o.start("a"), o.group("a"))
                if area_like(a, bodies):
                    cands.append((a, at, "rated its X 'G'"))
        distinct = {c[0].lower() for c in cands}
        if len(distinct) == 1:
            a, at, rule = cands[0]
            out.append(Pair(start + g.start(), start + g.end(), _lower_first(a), start + at, rule))
    # '..., as was responding to the public': the grade before, for one more area
    for m in re.finditer(r",\s+as\s+(?:was|were|did)\s+(?P<a>[a-z][^,.;]{2,100})", seg):
        prior = [p for p in out if p.grade_start < start + m.start()]
        graded = [g for g in grades if g.start() < m.start()]
        if graded:
            a, at = _area_at(seg, m.start("a"), m.group("a"))
            if area_like(a, bodies):
                g = graded[-1]
                out.append(Pair(start + g.start(), start + g.end(), _lower_first(a), start + at, "as was"))
        del prior
    return out


@dataclass(frozen=True)
class Cell:
    grade_start: int
    grade_end: int
    area: str
    area_start: int
    previous: bool


_CELL_SPLIT = re.compile(r"\s{2,}|\t+|\s*\|\s*")
_EARLIER_HEAD = re.compile(r"\b(?:previous(?:ly)?|last|earlier|prior|before|then|old|was)\b", re.IGNORECASE)
_LATER_HEAD = re.compile(r"\b(?:current|now|latest|this|new|grade|grades|rating|ratings|is)\b", re.IGNORECASE)


def _cells(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The cells of one table line, as offsets; fewer than two: not a row."""
    out, at = [], start
    for m in _CELL_SPLIT.finditer(text, start, end):
        if m.start() > at:
            out.append((at, m.start()))
        at = m.end()
    if at < end:
        out.append((at, end))
    return [(a, b) for a, b in out if text[a:b].strip()]


def table_grades(text: str, lines: list[tuple[int, int]], alt: str) -> list[Cell] | None:
    """Grades of a table set out in lines ('Effectiveness     Good     Requires improvement'), one area a row and one
    inspection a column: a header row says which column is the earlier inspection ('Previous', 'Last', or the older of
    two years). None when these lines are no table of grades; [] when the columns cannot be told apart."""
    rows = [_cells(text, s, e) for s, e in lines]
    rows = [r for r in rows if not all(re.fullmatch(r"[-:=\s]+", text[a:b]) for a, b in r)]  # '|---|---|'
    if len(rows) < 2 or any(len(r) < 2 for r in rows):
        return None

    def is_grade(cell: tuple[int, int]) -> bool:
        return bool(re.fullmatch(rf"{_Q}?(?i:{alt}){_Q}?", text[cell[0]:cell[1]].strip()))

    header = rows[0] if not any(is_grade(c) for c in rows[0][1:]) else None
    data = rows[1:] if header else rows
    if not data or not all(all(is_grade(c) or re.fullmatch(r"[-\u2013\u2014]|n/?a|none", text[c[0]:c[1]].strip(), re.I)
                               for c in r[1:]) and not is_grade(r[0]) for r in data):
        return None
    width = max(len(r) for r in data)
    earlier = [False] * width
    if width > 2:
        if header is None or len(header) != width:
            return []
        heads = [text[a:b] for a, b in header]
        years = [int(y.group()) if (y := re.search(r"(?:19|20)\d\d", h)) else None for h in heads]
        for j in range(1, width):
            known_years = [y for y in years[1:] if y is not None]
            if _EARLIER_HEAD.search(heads[j]) or (years[j] is not None and len(known_years) > 1 and years[j] < max(known_years)):
                earlier[j] = True
            elif not (_LATER_HEAD.search(heads[j]) or years[j] is not None):
                return []
        if earlier.count(False) != 2:  # the area column and exactly one current column
            return []
    out = []
    for r in data:
        a, b = r[0]
        area = text[a:b].strip()
        for j, (gs, ge) in enumerate(r[1:], start=1):
            if is_grade((gs, ge)):
                w = re.search(rf"(?i:{alt})", text[gs:ge])
                out.append(Cell(gs + w.start(), gs + w.end(), area, a, earlier[j]))
    return out
