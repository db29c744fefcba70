"""Figures in news prose: 'up to 251 from 73', 'from 55 to 104', 'more than 300', 'a 91% reduction', '£1.2m'.

Each figure keeps the words it was read from; emergency numbers (999, 101, 111),
years, dates and PEEL years ('2021/22') are not figures.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

NUM = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_MONTHS = ("January|February|March|April|May|June|July|August|September|October|November|December|"
           "Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec")
_QUALIFIERS = ("more than", "over", "almost", "nearly", "fewer than", "less than", "at least", "around", "about",
               "approximately", "roughly", "an average of", "on average", "up to", "just under", "just over",
               "in excess of", "a further", "an extra", "an additional")
_CHANGE = r"(?:rose|rising|risen|increased|increasing|increase|fell|falling|fallen|decreased|decreasing|dropped|dropping|" \
          r"grew|growing|jumped|climbed|went|gone|reduced|reducing|improved|improving|up|down|cut)"
_PCT = r"(?:%|\s?per\s?cent|\s?percent)"
_STOP_UNIT = {"and", "to", "of", "in", "from", "per", "the", "a", "an", "on", "for", "with", "by", "at", "as", "or", "than",
              "across", "since", "this", "that", "which", "who", "is", "are", "was", "were", "has", "have", "it", "its",
              "through", "via", "into", "over", "under", "after", "before", "within", "during", "among", "between",
              "about", "times", "more", "less", "fewer"}
_WORD_NUMBERS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
                 "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
                 "hundred": 100}
_NEAR = r"(?:almost|nearly|about|around|approximately|roughly|more than|over|just over|just under|fewer than|less than)"
_PERIODS = {"years", "year", "months", "month", "weeks", "week", "days", "decades", "decade"}
_GRADED = {"area", "areas", "pillar", "pillars", "question", "questions", "categories", "grades"}
_NOT_FIGURES = {"999", "101", "111", "112"}
#: a fraction in words, as a proportion (numerator, 'in N'): 'almost a third of its PCSO posts', 'cut by a quarter'
_FRACTIONS = {"a third": ("1", 3), "one third": ("1", 3), "a quarter": ("1", 4), "one quarter": ("1", 4), "half": ("1", 2),
              "a half": ("1", 2), "two thirds": ("2", 3), "two-thirds": ("2", 3), "three quarters": ("3", 4),
              "three-quarters": ("3", 4), "a fifth": ("1", 5), "one fifth": ("1", 5), "a tenth": ("1", 10)}
#: what a count in words counts, where an analyst reads it as a figure: people and things a force has or is told
#: ('six police community support officers', 'two new hubs', 'two causes of concern'); counts of graded areas are the
#: grades' (kg.extract.grades) and lengths of time are periods, not figures
_COUNTED = (r"officers|staff|detectives|constables|sergeants|inspectors|investigators|call handlers|call-handlers|"
            r"(?:police )?community support officers|PCSOs|special constables|specials|volunteers|analysts|"
            r"hubs|stations|police stations|custody suites|cells|teams|units|vehicles|cars|drones|"
            r"causes of concern|areas for improvement|recommendations|posts|jobs|roles")


@dataclass
class Figure:
    start: int
    end: int
    text: str
    value: str | None = None
    earlier: str | None = None
    later: str | None = None
    unit: str | None = None
    qualifier: str | None = None
    change: str | None = None  # 'reduction', 'increase' for percentages of change
    earlier_qualifier: str | None = None  # 'from about 900 ...': how the source hedges the earlier value of a pair
    later_qualifier: str | None = None  # '... to more than 6,000': and the later one

    def numbers(self) -> tuple[str, ...]:
        return tuple(n for n in (self.value, self.earlier, self.later) if n is not None)


def number(text: str) -> str:
    return text.replace(",", "")


def _unit_after(text: str, at: int) -> str | None:
    m = re.match(r"\s+([a-z][a-z-]+(?: [a-z][a-z-]+)?)", text[at:])
    if not m:
        return None
    words = m.group(1).split()
    if words[0] in ("more", "extra", "new", "additional", "fewer") and len(words) > 1:
        words = words[1:]
    if words[0] in _STOP_UNIT:
        return None
    return words[0]


def _is_not_figure(text: str, s: int, e: int) -> bool:
    n = text[s:e]
    if n in _NOT_FIGURES:
        return True
    before, after = text[max(0, s - 12):s], text[e:e + 12]
    if re.fullmatch(r"(19|20)\d\d", n) and not re.match(r"\s*(?:people|officers|calls|crimes|cases|incidents)", after):
        return True
    if re.match(r"\s*(?:" + _MONTHS + r")\b", after) or re.search(r"(?:" + _MONTHS + r")\s*$", before):
        return True
    if re.match(r"[/–-]\d", after) or re.search(r"\d[/–-]$", before):  # 2021/22, 24/7
        return True
    if re.match(r"(?:st|nd|rd|th)\b", after) or re.match(r"\s*(?:am|pm)\b", after) or re.search(r"[A-Za-z]$", before):
        return True
    return bool(re.search(r"(?:[Ss]ection|[Nn]o\.?|[Aa]ged|[Pp]age|[Cc]hapter)\s*$", before))


def _times(value: str, multiplier: str | None) -> str:
    factor = {"k": 1000, "m": 10**6, "million": 10**6, "bn": 10**9, "billion": 10**9}.get((multiplier or "").lower(), 1)
    scaled = Decimal(value) * factor
    return str(scaled.quantize(Decimal(1))) if scaled == scaled.to_integral_value() else str(scaled.normalize())


def _value(words: str) -> str:
    low = words.lower()
    return str(_WORD_NUMBERS[low]) if low in _WORD_NUMBERS else number(words)


def find_figures(text: str, start: int, end: int) -> list[Figure]:
    """The figures in text[start:end], longest patterns first; each number is read once."""
    seg = text[start:end]
    out: list[Figure] = []
    taken: list[tuple[int, int]] = []

    numbers: list[tuple[int, int]] = []  # the numbers the figures so far were read from

    def free(s: int, e: int, kind: str = "") -> bool:
        # a bare number between the two of a pair ('61% of calls within 10 seconds, down from 78%') is a figure too
        return not any(a < e and s < b for a, b in (numbers if kind == "bare" else taken))

    def add(fig: Figure, nums: list[tuple[str, int, int]]) -> None:
        out.append(fig)
        taken.append((fig.start, fig.end))
        numbers.extend((a, b) for _, a, b in nums)

    n_or_word = rf"(?:{NUM}|(?i:{'|'.join(_WORD_NUMBERS)})\b)"
    mult = r"(?:\s?(?P<{0}>m|bn|k|million|billion)\b)?"
    patterns = (
        # money that moved: 'from £2.1m to £3.4m', 'up to £305.50 from £291.50'
        (rf"\bfrom\s+(?P<eq>{_NEAR}\s+)?£(?P<earlier>{NUM}){mult.format('em')}\s+to\s+(?P<lq>{_NEAR}\s+)?"
         rf"£(?P<later>{NUM}){mult.format('lm')}", "money pair"),
        (rf"\b(?:{_CHANGE}\s+)?to\s+(?P<lq>{_NEAR}\s+)?£(?P<later>{NUM}){mult.format('lm')},?\s+(?:up\s+|down\s+)?from\s+"
         rf"(?P<eq>{_NEAR}\s+)?£(?P<earlier>{NUM}){mult.format('em')}", "money pair"),
        # up to 251 from 73 / down to 12 from 40
        (rf"\b(?:{_CHANGE}\s+)?to\s+(?P<lq>{_NEAR}\s+)?(?P<later>{NUM})(?P<lp>{_PCT})?\s+from\s+(?P<eq>{_NEAR}\s+)?(?P<earlier>{NUM})(?P<ep>{_PCT})?",
         "pair"),
        # risen to 14 minutes from six minutes: the unit between, the earlier number in words
        (rf"\b(?:{_CHANGE}\s+)?to\s+(?P<lq>{_NEAR}\s+)?(?P<later>{NUM})(?P<lp>{_PCT})?(?:\s+[a-z]+){{1,2}}?\s+from\s+(?P<eq>{_NEAR}\s+)?"
         rf"(?P<earlier>{n_or_word})"
         rf"(?P<ep>{_PCT})?", "pair"),
        # from 55 to 104 / increased from 55 to 104
        (rf"\bfrom\s+(?P<eq>{_NEAR}\s+)?(?P<earlier>{NUM})(?P<ep>{_PCT})?\s+(?:to|in \d{{4}} to)\s+(?P<lq>{_NEAR}\s+)?"
         rf"(?P<later>{NUM})(?P<lp>{_PCT})?", "pair"),
        # from six minutes last year to 14 minutes / from 2,000 in 2022 to 1,500
        (rf"\bfrom\s+(?P<eq>(?:{_NEAR}|an average of|on average)\s+)?(?P<earlier>{n_or_word})(?P<ep>{_PCT})?"
         rf"(?:\s+(?!to\b)[a-z]+|\s+in\s+(?:19|20)\d\d){{1,3}}?\s+to\s+(?P<lq>{_NEAR}\s+)?"
         rf"(?P<later>{NUM})(?P<lp>{_PCT})?", "pair"),
        # 'stood at more than 6,000 in 2022, had fallen to fewer than 900': the earlier value, then where it moved to
        (rf"\b(?:stood at|was|were|numbered|totalled)\s+(?P<eq>{_NEAR}\s+)?(?P<earlier>{NUM})(?P<ep>{_PCT})?"
         rf"(?:\s+in\s+(?:19|20)\d\d)?[^.;\d]{{0,40}}?"
         rf",?\s+(?:had\s+|has\s+|have\s+)?(?:fallen|risen|dropped|fell|rose|grown|grew|climbed|increased|decreased|come down|"
         rf"gone up|gone down)\s+to\s+(?P<lq>{_NEAR}\s+)?(?P<later>{NUM})(?P<lp>{_PCT})?", "pair"),
        # 89% of calls within 10 seconds, up from 61%: two percentages pair over the numbers between them
        (rf"\b(?P<later>{NUM})(?P<lp>{_PCT})(?:\s+[a-z0-9,]+){{0,12}}?,?\s+(?:up|down)\s+from\s+(?P<earlier>{NUM})(?P<ep>{_PCT})",
         "pair"),
        # 104, up from 55 / 104 compared with 55
        (rf"(?:\b(?P<lq>{_NEAR})\s+)?\b(?P<later>{NUM})(?P<lp>{_PCT})?(?:\s+[a-z]+|\s+(?:{_MONTHS})\b){{0,12}}?,?\s+(?:up|down)\s+from\s+"
         rf"(?P<eq>{_NEAR}\s+)?(?P<earlier>{n_or_word})(?P<ep>{_PCT})?", "pair"),
        # '450 officers work in neighbourhood teams, compared with 380 in 2019'
        (rf"\b(?P<later>{NUM})(?P<lp>{_PCT})?(?:\s+[a-z]+){{0,8}}?,?\s+compared\s+(?:with|"
         rf"to)\s+(?P<eq>{_NEAR}\s+)?(?P<earlier>{NUM})(?P<ep>{_PCT})?", "pair"),
        # a 91% reduction / a 12 per cent rise
        (rf"\b(?P<value>{NUM})(?P<vp>{_PCT})\s+(?P<change>reduction|increase|rise|fall|drop|decrease|"
         rf"improvement|cut|jump)", "change"),
        # fell by 12% / rose by 300
        (rf"\b(?P<verb>{_CHANGE})\s+by\s+(?P<value>{NUM})(?P<vp>{_PCT})?", "by"),
        # one in five victims / nearly one in seven crimes: a proportion, kept as '1' 'in 5'
        (rf"(?P<q>(?i:{'|'.join(_QUALIFIERS)})\s+)?\b(?P<value>(?i:one)|1)\s+in\s+(?P<of>{n_or_word})(?=\s+[a-z0-9])",
         "proportion"),
        # almost a third of its posts / cut by a quarter: a fraction in words, kept as '1' 'in 3'
        (rf"(?:(?<=\bby )|(?<=\bby almost )|(?<=\bby nearly )|(?<=\bby around )|(?<=\bby about )|(?<=\bby over )|"
         rf"(?<=\bby more than )|(?<!\w))(?P<q>(?i:{'|'.join(_QUALIFIERS)})\s+)?(?<!first )(?<!second )(?<!the )"
         rf"(?P<frac>(?i:{'|'.join(sorted(_FRACTIONS, key=len, reverse=True))}))\b"
         rf"(?=\s+of\s+(?!(?:the|its)\s+(?:\w+\s+)?(?:areas|pillars|questions|grades)\b)(?!(?:an?|the|this|that|last|next)\s+"
         rf"(?:hour|day|year|month|week|minute|second|decade|century)s?\b)|\s*[.,;]|"
         rf"\s+(?:since|in|over|on|last|this|compared)\b)", "fraction"),
        # six police community support officers / two new hubs / two causes of concern: a count in words of people or things
        (rf"\b(?P<value>(?i:{'|'.join(w for w in _WORD_NUMBERS if w != 'hundred')}))\s+(?:(?:new|more|extra|additional|"
         rf"further|specialist|dedicated|full-time|part-time|response|neighbourhood|senior|serious|formal|separate)\s+){{0,2}}"
         rf"(?P<counted>{_COUNTED})\b", "counted"),
        # 'more than 1.1 million calls': a number in millions
        (rf"(?P<q>(?i:{'|'.join(_QUALIFIERS)})\s+)?\b(?P<value>{NUM})\s+(?P<mult>million|billion)\b", "millions"),
        # money: £1.2m, £3 million
        (rf"(?P<q>(?:{'|'.join(_QUALIFIERS)})\s+)?£(?P<value>{NUM})\s?(?P<mult>m|bn|k|million|billion)?\b", "money"),
        # more than 300 / nearly 40% / an average of just five seconds
        (rf"\b(?P<q>(?i:{'|'.join(_QUALIFIERS)}))\s+(?:just\s+|only\s+)?(?P<value>{NUM}|{'|'.join(_WORD_NUMBERS)})(?P<vp>{_PCT})?",
         "qualified"),
        # a 12-week plan, a 24-hour service: a length of time written as one word
        (rf"\b(?P<value>{NUM})-(?P<span>week|month|day|hour|minute|year)\b", "span"),
        # 79% of / 300 people
        (rf"\b(?P<value>{NUM})(?P<vp>{_PCT})?", "bare"),
    )
    for pattern, kind in patterns:
        for m in re.finditer(pattern, seg):
            s, e = start + m.start(), start + m.end()
            if not free(s, e, kind):
                continue
            groups = m.groupdict()
            nums = [(k, m.start(k) + start, m.end(k) + start) for k in ("value", "earlier", "later", "of") if groups.get(k)]
            paired = kind in ("pair", "money pair")  # 'up to 112 from 48': a number that moved is no emergency number
            if any(_is_not_figure(text, a, b) and not (paired and text[a:b] in _NOT_FIGURES) for _, a, b in nums):
                continue
            fig = Figure(s, e, text[s:e])
            if kind == "money pair":  # each amount in pounds, as 'money' below
                fig.earlier = _times(number(m.group("earlier")), groups.get("em"))
                fig.later = _times(number(m.group("later")), groups.get("lm"))
                fig.earlier_qualifier = (groups.get("eq") or "").strip().lower() or None
                fig.later_qualifier = (groups.get("lq") or "").strip().lower() or None
                fig.unit = "£"
            elif kind == "millions":
                fig.value = _times(number(m.group("value")), m.group("mult"))
                fig.unit = _unit_after(text, e)
                fig.qualifier = (groups.get("q") or "").strip().lower() or None
            elif kind == "pair":
                fig.earlier, fig.later = _value(m.group("earlier")), _value(m.group("later"))
                fig.earlier_qualifier = (groups.get("eq") or "").strip().lower() or None
                fig.later_qualifier = (groups.get("lq") or "").strip().lower() or None
                if fig.earlier_qualifier in ("an average of", "on average"):
                    fig.earlier_qualifier = "average"
                fig.unit = "per cent" if groups.get("lp") or groups.get("ep") else _unit_after(text, e)
            elif kind == "change":
                fig.value, fig.unit, fig.change = number(m.group("value")), "per cent", m.group("change")
            elif kind == "by":
                fig.value = number(m.group("value"))
                fig.unit = "per cent" if groups.get("vp") else _unit_after(text, e)
                fig.change = m.group("verb")
            elif kind == "proportion":
                fig.value, fig.unit = "1", f"in {_value(m.group('of'))}"
                fig.qualifier = (groups.get("q") or "").strip().lower() or None
            elif kind == "fraction":
                if not re.search(r"\bby\s+(?:\w+\s+)?$", seg[:m.start()]) and not re.match(r"\s+of\b", seg[m.end():]):
                    continue  # 'a third.' only after 'by': 'cut by a third.'; else a fraction is 'a third of' something
                fig.value, of = _FRACTIONS[m.group("frac").lower()]
                fig.unit = f"in {of}"
                fig.qualifier = (groups.get("q") or "").strip().lower() or None
            elif kind == "counted":
                fig.value, fig.unit = _value(m.group("value")), m.group("counted")
            elif kind == "money":  # '£4.2m' is 4200000 pounds, so that amounts compare however they are printed
                fig.value, fig.unit = _times(number(m.group("value")), m.group("mult")), "£"
                fig.qualifier = (groups.get("q") or "").strip() or None
            elif kind == "qualified":
                word = m.group("value").lower()
                fig.value = str(_WORD_NUMBERS[word]) if word in _WORD_NUMBERS else number(m.group("value"))
                fig.qualifier = m.group("q").lower()
                if word in _WORD_NUMBERS and _unit_after(text, e) is None:
                    continue
                unit = (_unit_after(text, e) or "").rstrip("'\u2019s") + "s"
                if (fig.qualifier in ("over", "about", "around") or word in _WORD_NUMBERS) and unit in _PERIODS or \
                        (word in _WORD_NUMBERS and unit in ("minutes", "hours", "seconds")
                         and fig.qualifier not in ("an average of", "on average")):  # an average is a measurement
                    continue  # 'over three years', 'less than two years' experience' is a period, not a figure
                fig.unit = "per cent" if groups.get("vp") else _unit_after(text, e)
            elif kind == "span":
                fig.value, fig.unit = number(m.group("value")), m.group("span") + "s"
            else:
                fig.value = number(m.group("value"))
                fig.unit = "per cent" if groups.get("vp") else _unit_after(text, e)
                if fig.unit is None and "," not in m.group("value"):
                    continue  # a bare number with nothing counted: a list item, a rank, a score
            if fig.unit in _GRADED:
                continue  # 'requires improvement in a further three areas' counts graded areas (kg.extract.grades)
            if fig.qualifier in ("an average of", "on average"):
                fig.qualifier = "average"
            if fig.qualifier in ("a further", "an extra", "an additional"):
                fig.qualifier = fig.qualifier.split()[-1]
            add(fig, nums)
    return sorted(out, key=lambda f: f.start)
