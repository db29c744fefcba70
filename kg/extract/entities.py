"""Who and what an article names, one entity per person or body however often it is named.

Mentions are found by the patterns of British news writing around the titles the
ontology's roles go by ("Chief Constable Jane Smith", "Jane Smith, the chief
constable", "the chief constable, Jane Smith", "Mr Smith"). Each merge of two
mentions into one entity, and each reuse of an entity the graph already holds,
is kept with its reason so the draft can show it and a reviewer can undo it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..textnorm import normalise
from .article import Article
from .known import Known, Role

_W = r"(?:Mc|Mac|O['\u2019])?[A-Z][a-z\u00e0-\u00ff]+(?:-[A-Z][a-z\u00e0-\u00ff]+)?"
#: the lower-case particles of a surname ('Dafydd ap Iorwerth', 'Anna van Dijk'): inside a name, never its first word
_PARTICLE = r"(?:ap|ab|verch|van|von|der|den|de|du|da|di|le|la)"
NAME = rf"{_W}(?: (?:[A-Z]\. |{_PARTICLE} )?{_W}){{1,3}}"
#: titles the press shortens before a surname ('Ch Con Doe'), as the role they shorten
_ABBREVIATED = {"Ch Con": "chief constable"}
#: not a name's start: inside a word, or after 'the' ('the Plaid Cymru MS' is a party and a title, not a person)
_NOT_AFTER_THE = r"(?<![Tt]he )(?<![A-Za-z])"
POST_NOMINALS = r"(?:\s+(?:KPM|QPM|OBE|MBE|CBE|KBE|DBE|KC|QC|DL|JP|BEM))+"
HONORIFIC = r"(?:Mr|Mrs|Ms|Miss|Dr|Sir|Dame|Lord|Lady|Baroness|Professor|Prof)"
RANKS = ("Detective Chief Superintendent", "Chief Superintendent", "Detective Superintendent", "Superintendent",
         "Detective Chief Inspector", "Chief Inspector", "Detective Inspector", "Inspector", "Detective Sergeant",
         "Sergeant", "Commander", "PC", "DC", "DS", "DI", "DCI", "Supt", "Ch Supt", "Det Supt")
TENURE = (r"(?:former|new|newly appointed|newly elected|outgoing|incoming|acting|interim|temporary|then|current|retiring|"
          r"retired|previous|ex-|ex|late|substantive|permanent)")
#: tenures that place the holding before the article
PAST = {"former", "retired", "then", "previous", "ex-", "ex", "late"}
_NOT_NAME = {"Police", "Constabulary", "Service", "Services", "Council", "Commissioner", "Chief", "Constable", "Inspector",
             "Crime", "Plan", "The", "His", "Her", "Majesty", "Majesty's", "Inspectorate", "Force", "Office", "Home",
             "Fire", "Rescue", "Law", "Orders", "Order", "Report", "Government", "Association", "Authority",
             "January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
             "November", "December", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday",
             "England", "Wales", "Scotland", "Britain", "Kingdom", "Panel", "Partnership", "Centre", "Unit", "Court",
             "Prosecution", "Control", "Room", "Sexual", "Risk", "Harm", "Prevention", "Related", "News", "Select",
             "Vacancies", "Copyright", "Image", "Photo", "Picture", "Credit", "Team", "Department", "Agency"}
_SAID = (r"(?:said|says|added|adds|told|explained|commented|warned|stated|insisted|continued|acknowledged|"
         r"admitted|noted|welcomed|wrote|responded|replied|argued|conceded)")
_FORCE_SUFFIX = r"(?:Police Service|Police|Constabulary)"


def force_place(label: str) -> str:
    """A force's name less its 'Police' or 'Constabulary': how articles also name it ('Saltfleet', 'North Ryland')."""
    return re.sub(rf"\s+{_FORCE_SUFFIX}$", "", label)

_FORCE = re.compile(
    rf"\b((?:[A-Z][a-z]+ of (?:the )?)?(?:(?:[A-Z][a-z]+(?:-[A-Z][a-z]+)?|[A-Z]{{3,}}(?=[ '\u2019]))"
    rf"(?:,? (?:and|&) [A-Z][a-z]+(?:-[A-Z][a-z]+)?)?)(?: [A-Z][a-z]+){{0,2}}) {_FORCE_SUFFIX}\b"
    r"(?! and Crime| & Crime| Federation| Professional| Scotland| Fire| Service of Northern)")
#: 'Greater Ellesmoor police': a place and a lower-case 'police' (read only where no force has a capital)
_LOWER_FORCE = re.compile(r"\b(?P<n>[A-Z][a-z]+(?:-[A-Z][a-z]+)?(?: [A-Z][a-z]+){0,2}) police\b(?! and crime| federation)")
#: words before 'police' that name a nation, a people or a kind of policing, not a force's area
_NOT_PLACE = {"Welsh", "English", "Scottish", "Irish", "British", "European", "American", "French", "Northern", "Southern",
              "Eastern", "Western", "Rural", "Armed", "Community", "Neighbourhood", "Traffic", "Riot", "Secret", "Military",
              "Transport", "Railway", "Border", "Our", "Your", "Their", "Many", "Some", "Most", "All", "Other", "Senior",
              "Local", "Uniformed", "Plainclothes", "Undercover", "Frontline", "Mounted", "When", "If", "As", "After",
              "Before", "Where", "Then", "So", "Why", "What", "How", "Who", "Said", "Says"}
_NOT_FORCE_START = {"The", "However", "But", "And", "In", "HM", "His", "Her", "Majesty", "Today", "Meanwhile", "While",
                    "Although", "Yesterday", "Now", "Last", "This", "That", "Former", "New", "Local", "British", "National",
                    "Transport", "Military", "Ministry", "Defence", "Civil", "Nuclear", "Royal", "Unlike", "Like", "Both",
                    "Neighbouring", "Across", "Inside", "Within", "For", "At", "From"}
_INSPECTORATES = (
    (r"(?:His|Her) Majesty['\u2019]s Inspectorate of Constabulary and Fire (?:and|&) Rescue Services(?: "
     r"\(HMICFRS\))?", "HMICFRS"),
    (r"HM Inspectorate of Constabulary and Fire (?:and|&) Rescue Services(?: \(HMICFRS\))?", "HMICFRS"),
    (r"\bHMICFRS\b", "HMICFRS"),
    (r"(?:His|Her) Majesty['\u2019]s Inspectorate of Constabulary(?! and)(?: \(HMIC\))?", "HMIC"),
    (r"\bHM Inspectorate of Constabulary(?! and)(?: \(HMIC\))?", "HMIC"),
    (r"\bHMIC\b(?!FRS)", "HMIC"),
)
_INSPECTORATE_WORDS = re.compile(r"\bthe (?:police )?(?:inspectorate|watchdog)\b|\bthe national watchdog\b|"
                                 r"\bthe police watchdog\b",
                                 re.IGNORECASE)
#: the words news outlets are named with ('Harrowdale Evening Post', 'The Westshire Times', 'Bedford Today')
PAPER_WORDS = (r"(?:Post|Gazette|Times|Echo|News|Herald|Chronicle|Mercury|Advertiser|Telegraph|Star|Journal|Express|"
               r"Standard|Observer|Argus|Courier|Press|Mail|Recorder|Record|Sentinel|Guardian|Examiner|Citizen|Leader|Live|"
               r"Online|FM|Radio|Today|Weekly|Reporter|Review|Comet|Bulletin|Independent|Messenger|Mirror|Evening|Daily|"
               r"Pioneer|Democrat|Oracle|Professional)")
#: after a place's name: the rest of a paper's name ('Luton' in 'the Luton Herald' names the paper, not the place)
IN_PAPER_NAME = rf"(?:\s+[A-Z][\w'&.-]*){{0,2}}\s+{PAPER_WORDS}\b"
_FULL_NAMES = {"HMICFRS": "His Majesty's Inspectorate of Constabulary and Fire and Rescue Services",
               "HMIC": "Her Majesty's Inspectorate of Constabulary"}


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    text: str
    why: str  # the pattern that found it, or the reason it was merged


@dataclass
class Entity:
    key: str  # a record id: an existing one when reused, else proposed
    kind: str  # Person, PoliceForce, Inspectorate, Organisation, Place
    label: str
    mentions: list[Mention] = field(default_factory=list)
    existing: str = ""  # why the graph's record is reused ('' when new)
    fields: dict[str, str] = field(default_factory=dict)
    merges: list[str] = field(default_factory=list)
    gender: str = ""

    @property
    def first(self) -> Mention:
        return min(self.mentions, key=lambda m: m.start)


class _Successor:
    """A match-like view of 'NEW, who ..., replaced FORMER' for one of its two names (the title is in the sentence
    before, so the role's words are not in this match)."""

    def __init__(self, m: re.Match, group: str, tenure: str, own_role: bool = False, narrow: str = "") -> None:
        self._m, self._group, self._tenure, self._own_role = m, group, tenure, own_role
        # narrow: the group naming the title in this match, so that each of two names in one succession quotes its
        # own words with the title ('John Roe as chief constable' for the one Jane Doe succeeded), not one quote for two
        self._span = (min(m.start(group), m.start(narrow)), max(m.end(group), m.end(narrow))) if narrow else m.span()

    def start(self, group: str | None = None) -> int:
        return self._m.start(self._group) if group == "name" else self._m.start(group) if group == "role" else self._span[0]

    def end(self, group: str | None = None) -> int:
        return self._m.end(self._group) if group == "name" else self._m.end(group) if group == "role" else self._span[1]

    def group(self, group: str | None = None) -> str:
        return self._m.group(self._group) if group == "name" else self._m.group(group) if group == "role" else \
            self._m.string[self._span[0]:self._span[1]]

    def groupdict(self) -> dict:
        # the role's words where this match holds them on their own (not a title named in the sentence before)
        own = {"role": self._m.group("role")} if self._own_role and "role" in self._m.re.groupindex else {}
        return {"tenure": self._tenure, **own}


@dataclass
class RoleMention:
    """A person named with a title: 'Chief Constable Jane Smith', 'Jane Smith, the force's deputy chief constable'."""

    person: str  # entity key
    role: Role
    start: int
    end: int
    text: str
    tenure: str
    qualifier: str  # the place or force word before the title, if any
    title_at: tuple[int, int] = (0, 0)  # where the title's words are


def slug(text: str) -> str:
    s = normalise(text).lower().replace("&", "and")
    s = re.sub(r"['\u2019]", "", s)
    return re.sub(r"[^a-z0-9]+", "-", s).strip("-")[:60].strip("-") or "x"


class Entities:
    """The article's people and bodies, with their mentions and the roles they are named with."""

    def __init__(self, article: Article, known: Known):
        self.article = article
        self.known = known
        self.by_key: dict[str, Entity] = {}
        self.roles: list[RoleMention] = []
        self.unresolved: list[Mention] = []
        self.distinct: list[str] = []  # names the graph has that were not reused, with why
        self.main_force: str | None = None
        self.inspectorate: str | None = None
        self._role_names = sorted({n for r in known.roles for n in r.names}, key=lambda n: (-len(n), n))

    # ------------------------------------------------------------------ public

    def find_all(self) -> Entities:
        self._forces()
        self._inspectorates()
        self._titled_people()
        self._other_people()
        self._pronoun_genders()
        self._honorifics()
        self._bare_surnames()
        self._succession_by_title(self._role_pattern())  # again: 'Chief Constable Doe' may title one of the two only now
        self._predecessors()
        self._pronoun_posts()
        self._their_deputy()
        self._known_organisations()
        self._known_places()
        return self

    def of_kind(self, kind: str) -> list[Entity]:
        return sorted((e for e in self.by_key.values() if e.kind == kind), key=lambda e: e.first.start)

    def person_at(self, start: int, end: int) -> Entity | None:
        for e in self.by_key.values():
            if e.kind == "Person" and any(m.start <= start and end <= m.end for m in e.mentions):
                return e
        return None

    def people_in(self, start: int, end: int) -> list[tuple[Mention, Entity]]:
        out = [(m, e) for e in self.by_key.values() if e.kind == "Person" for m in e.mentions
               if start <= m.start and m.end <= end]
        return sorted(out, key=lambda me: me[0].start)

    def holder(self, role_id: str) -> Entity | None:
        """The one person the article names with this role, if exactly one (for 'the chief constable')."""
        people = {r.person for r in self.roles if r.role.id == role_id}
        tenures = {r.tenure for r in self.roles if r.role.id == role_id}
        if len(people) == 1 and not (tenures & (PAST | {"outgoing", "retiring"})):
            return self.by_key[people.pop()]
        return None

    # ------------------------------------------------------------------ internals

    def _add(self, kind: str, label: str, mention: Mention, existing_types: tuple[str, ...]) -> Entity:
        label = " ".join(label.split())
        for e in self.by_key.values():
            if e.kind == kind and normalise(e.label).casefold() == normalise(label).casefold():
                if all(m.start != mention.start for m in e.mentions):
                    e.mentions.append(mention)
                return e
        found = self.known.find(label, *existing_types)
        if found and kind == "Person":
            bodies = self.known.bodies_of(found)
            text = normalise(self.article.text).casefold()
            if bodies and not any(normalise(b).casefold() in text for b in bodies):
                # the graph's person of this name holds posts only in bodies the article never names: another person
                self.distinct.append(f"'{label}' is not taken for the graph's {found}: the article names none of "
                                     f"{', '.join(bodies)}, where that person's posts are")
                found = None
        key = found or self._new_key(kind, label)
        if key in self.by_key:  # two spellings of one existing record
            e = self.by_key[key]
            e.mentions.append(mention)
            e.merges.append(f"'{mention.text}' is another name of the existing record {key}")
            return e
        e = Entity(key, kind, label, [mention])
        if found:
            e.existing = f"the graph already has '{label}' as {found} ({self.known.files.get(found, 'data')})"
            e.label = (self.known.field(found, "label") or [label])[0]
        self.by_key[key] = e
        return e

    def _new_key(self, kind: str, label: str) -> str:
        base = slug(label)
        key, n = base, 2
        while key in self.by_key or key in self.known.records:
            key, n = f"{base}-{n}", n + 1
        return key

    def _forces(self) -> None:
        text = self.article.text
        counts: dict[str, int] = {}
        for m in _FORCE.finditer(text, self.article.body_start):
            words = m.group(1).split()
            while words and words[0] in _NOT_FORCE_START:
                words.pop(0)
            if not words:
                continue
            printed = " ".join(words) + text[m.end(1):m.end()]
            start = m.end() - len(printed)
            # news style prints the first words of an article in capitals ('WESTMERE Constabulary's new chief ...')
            name = " ".join(w.capitalize() if w.isupper() and len(w) > 2 else w for w in printed.split(" "))
            why = "a force name ('... Police', '... Constabulary')"
            e = self._add("PoliceForce", name, Mention(start, m.end(), printed, why), ("PoliceForce",))
            counts[e.key] = counts.get(e.key, 0) + 1
        # 'HAZELBURY CONSTABULARY' as a line of its own (a round-up's section heading): the force, in capitals
        for para in self.article.paragraphs:
            line = para.span.text
            if para.span.start < self.article.body_start or not line.isupper():
                continue
            m = re.fullmatch(r"(?P<n>[A-Z][A-Z'\u2019-]+(?: (?:AND|&|OF|THE|[A-Z][A-Z'\u2019-]+)){0,3}) "
                             r"(?P<s>POLICE SERVICE|POLICE|CONSTABULARY)", line)
            if m is None or m.group("n").split()[0].title() in _NOT_FORCE_START:
                continue
            name = " ".join(w.lower() if w in ("AND", "OF", "THE") else w.title() for w in line.split())
            e = self._add("PoliceForce", name, Mention(para.span.start, para.span.end, line,
                                                       "a force's name as a heading in capitals"), ("PoliceForce",))
            counts[e.key] = counts.get(e.key, 0) + 1
        if not counts:
            self._lower_case_forces(counts)
        self._force_aliases(counts)
        for rid in self.known.of_type("PoliceForce"):
            for alt in self.known.field(rid, "skos:altLabel") + self.known.field(rid, "label"):
                for m in re.finditer(rf"\b{re.escape(alt)}\b", text[self.article.body_start:], re.IGNORECASE):
                    s = m.start() + self.article.body_start
                    if any(mm.start <= s < mm.end for e in self.by_key.values() for mm in e.mentions):
                        continue
                    e = self._add("PoliceForce", (self.known.field(rid, "label") or [alt])[0],
                                  Mention(s, s + len(alt), text[s:s + len(alt)], f"a name of the existing force {rid}"),
                                  ("PoliceForce",))
                    counts[e.key] = counts.get(e.key, 0) + 1
        if counts:
            self.main_force = sorted(counts, key=lambda k: (-counts[k], self.by_key[k].first.start))[0]

    def _lower_case_forces(self, counts: dict[str, int]) -> None:
        """'Greater Ellesmoor police was moved into engage': a paper whose style sets 'police' in lower case (the
        Guardian's) names the force by its place and a lower-case 'police'. Read only where the article names no force
        with a capital, so that 'Welsh police' or 'Beds police' beside a force's full name is never a second force, and
        never when the place is a nation, a people or a month ('British police', 'In March police said')."""
        text = self.article.text
        for m in _LOWER_FORCE.finditer(text, self.article.body_start):
            words = m.group("n").split()
            while words and (words[0] in _NOT_FORCE_START or words[0] in _NOT_NAME):
                words.pop(0)
            if not words or any(w in _NOT_NAME or w in _NOT_PLACE for w in words):
                continue
            printed = " ".join(words)
            start = m.end("n") - len(printed)
            e = self._add("PoliceForce", f"{printed} Police",
                          Mention(start, m.end(), text[start:m.end()], "a force's place before a lower-case 'police'"),
                          ("PoliceForce",))
            counts[e.key] = counts.get(e.key, 0) + 1

    def _force_aliases(self, counts: dict[str, int]) -> None:
        """The short name an article gives a force in brackets after its full name ('Wexmoor and Tarn Constabulary
        (WTC)', 'the Harlowe Metropolitan Police Service (the Met)'): its later mentions are the force's."""
        text = self.article.text
        for e in [e for e in self.by_key.values() if e.kind == "PoliceForce"]:
            for mm in list(e.mentions):
                m = re.match(r"\s*\((?P<the>the )?(?P<alias>[A-Z]{2,6}|[A-Z][a-z]{2,12})\)", text[mm.end:])
                if m is None or m.group("alias") in _NOT_NAME:
                    continue
                alias = m.group("alias")
                pattern = rf"\b(?i:the)\s+{alias}\b" if m.group("the") else rf"\b{alias}\b"
                for a in re.finditer(pattern, text[mm.end + m.end():]):
                    s = mm.end + m.end() + a.start()
                    if not any(x.start <= s < x.end for x in e.mentions):
                        e.mentions.append(Mention(s, s + len(a.group()), a.group(),
                                                  f"the short name the article gives {e.label} in brackets"))
                        counts[e.key] = counts.get(e.key, 0) + 1
                e.mentions.sort(key=lambda x: x.start)
                break

    def _inspectorates(self) -> None:
        text = self.article.text
        taken: list[tuple[int, int]] = []
        counts: dict[str, int] = {}
        for pattern, acronym in _INSPECTORATES:
            for m in re.finditer(pattern, text):
                if any(s <= m.start() < e for s, e in taken):
                    continue
                taken.append((m.start(), m.end()))
                e = self._add("Inspectorate", acronym, Mention(m.start(), m.end(), m.group(), "the inspectorate's name"),
                              ("Inspectorate",))
                counts[e.key] = counts.get(e.key, 0) + 1
                if len(m.group()) > len(acronym) + 2:
                    e.fields.setdefault("fullName", m.group().split(" (")[0])
        if counts:
            self.inspectorate = sorted(counts, key=lambda k: (-counts[k], self.by_key[k].first.start))[0]
            e = self.by_key[self.inspectorate]
            e.fields.setdefault("fullName", _FULL_NAMES.get(e.label, e.label) if e.existing else e.label)
            for m in _INSPECTORATE_WORDS.finditer(text):
                e.mentions.append(Mention(m.start(), m.end(), m.group(), "a common noun for the inspectorate"))
                if len(counts) == 1:
                    e.merges.append(f"'{m.group()}' (chars {m.start()}-{m.end()}) is {e.label}: the only "
                                    f"inspectorate the article names")

    def _role_pattern(self) -> str:
        """Every name of every role, longest first; a name the data prints in capitals ('MS', 'MP', 'PCC') only as
        printed, even inside a case-blind group, so that 'Ms Jane Doe' is a woman and 'Jane Doe MS' a Member of the
        Senedd."""
        acronyms = {a.casefold(): a for r in self.known.roles for a in r.acronyms}
        names = "|".join(rf"(?-i:{re.escape(acronyms[n])})" if n in acronyms else
                         re.escape(n).replace(r"\ ", r"\s+").replace("'", "['\u2019]") for n in self._role_names)
        return rf"(?:{names})"

    def acronym_pattern(self) -> str:
        """The role names printed in capitals ('MP', 'MS', 'PCC'), which follow a name as post-nominals do."""
        return "|".join(sorted({re.escape(a) for r in self.known.roles for a in r.acronyms}, key=lambda a: (-len(a), a)))

    def _titled_people(self) -> None:
        text = self.article.text
        role = self._role_pattern()
        # a capitalised word before the title is a place or force ('Westshire Police and Crime Commissioner'), unless
        # it starts a longer title ('Deputy Chief Constable', 'Assistant Chief Constable')
        qual = (rf"(?:(?P<qual>(?!(?:HM|His|Her|The|A|An)\b)(?!(?i:{role})\b)(?:[A-Z][a-z]+(?: [A-Z][a-z]+)?(?:['\u2019]s?)?"
                r"|(?i:the force['\u2019]s)|its))\s+)?")
        tenure = rf"(?i:(?P<tenure>{TENURE}))"
        possessive = r"(?:(?i:the)\s+[a-z]+['\u2019]s\s+|(?i:its)\s+)"  # 'the force's', 'the county's', 'its'
        acronym = r"(?:\s+\([A-Z]{2,6}\))?"  # 'Police and Crime Commissioner (PCC) Jane Doe'
        force_s = r"[A-Z][a-z]+(?: [A-Z][a-z]+)?['\u2019]s\s+"  # "Westshire Police's temporary chief constable"
        before = re.compile(rf"(?:\b{tenure}(?:\s+|(?<=-)))?{qual}\b(?P<role>(?i:{role})){acronym}\s+(?P<name>{NAME})"
                            rf"(?P<pn>{POST_NOMINALS})?")
        after = re.compile(rf"(?P<name>{NAME})(?P<pn>{POST_NOMINALS})?,\s+(?:who\s+(?:is|was|became|has been|had been|"
                           rf"is now|was then|was appointed|was named|was elected|took over as|served as)\s+(?:as\s+)?)?"
                           rf"(?:now\s+|also\s+|(?P<was>formerly|previously|until recently)\s+)?(?:(?:the|a|an)\s+)?"
                           rf"(?:{possessive}|{force_s}(?={TENURE}\s))?"
                           rf"(?:{tenure}\s+)?{qual}(?P<role>(?i:{role}))\b(?!\s+{NAME})")
        the_role = re.compile(rf"\b(?:{possessive}|(?i:the|his|her|their)\s+|"
                              rf"(?P<qual>[A-Z][a-z]+(?: [A-Z][a-z]+)?)['\u2019]s?\s+)"
                              rf"(?:{tenure}\s+)?(?P<role>(?i:{role})){acronym},\s+(?P<name>{NAME})(?P<pn>{POST_NOMINALS})?")
        served = re.compile(rf"(?P<name>{NAME})(?P<pn>{POST_NOMINALS})?,?\s+(?:who\s+)?(?:served|serves|acted|acts|has served|"
                            rf"had served|took over|stood in|was appointed|took up (?:the |her |his )?(?:post|role|position)|"
                            rf"was sworn in|was confirmed|joined the force|was named|has been appointed|became|becomes|"
                            rf"was elected|was re-elected|has been elected|was voted in|"
                            rf"will become|is to become)\s+(?:as\s+)?(?:the\s+)?(?:force['\u2019]s\s+)?(?:{tenure}\s+)?"
                            rf"(?:(?:first|first-ever|youngest|first female|first woman|first black)\s+)?"
                            rf"(?P<role>(?i:{role}))\b")
        # 'John Roe is the police and crime commissioner', 'Jane Doe has been the force's chief constable since 2020'
        is_the = re.compile(rf"(?P<name>{NAME})(?P<pn>{POST_NOMINALS})?(?:,\s+(?:the|a|an|its|who)\s[^,.;:\"\u201c]{{2,60}},)?"
                            rf"\s+(?:is|remains|has been|is now)\s+(?:now\s+)?"
                            rf"(?:(?:the|a|an)\s+)?(?:{possessive}|[a-z]+['\u2019]s\s+)?(?:{tenure}\s+)?{qual}(?P<role>(?i:{role}))\b(?!\s+{NAME})")
        the_role_of = re.compile(rf"\b(?:(?i:the)\s+)?(?:{tenure}\s+)?(?P<role>(?i:{role}))\s+(?:of|for)\s+(?P<qual>[A-Z][a-z]+"
                                 rf"(?: (?:and )?[A-Z][a-z]+){{0,3}}),\s+(?P<name>{NAME})(?P<pn>{POST_NOMINALS})?")
        role_for = re.compile(rf"(?:\b{tenure}\s+)?\b(?P<role>(?i:{role}))\s+(?:for|of)\s+(?P<qual>[A-Z][a-z]+)\s+"
                              rf"(?P<name>{NAME})(?P<pn>{POST_NOMINALS})?")
        inspector = re.compile(rf"(?P<name>{NAME}),\s+the\s+(?:lead\s+|senior\s+)?inspector\b(?!\s+of)")
        # 'The leader of Brackhampton City Council, Councillor Joanne Pike': the council's leader
        leader = re.compile(rf"\b(?i:the)\s+(?P<role>leader)\s+of\s+(?P<qual>(?:the\s+)?[A-Z][a-z]+(?: [A-Z][a-z]+){{0,3}}"
                            rf" Council),\s+(?:Councillor\s+|Cllr\.?\s+)?(?P<name>{NAME})")
        # 'Councillor Martin Leahy, the leader of Ashvale County Council,': the same, the name first
        leader_after = re.compile(rf"(?P<name>{NAME}),\s+(?i:the)\s+(?P<role>leader)\s+of\s+(?P<qual>(?:the\s+)?[A-Z][a-z]+"
                                  rf"(?: [A-Z][a-z]+){{0,3}} Council)\b")
        # 'The Wyrecombe police and crime commissioner, Tom Harrow,': a place or force's name between 'the' and the title
        the_place_role = re.compile(rf"\b(?i:the)\s+(?!(?i:{role})\b)(?P<qual>[A-Z][a-z]+(?: [A-Z][a-z]+)?)\s+(?:{tenure}\s+)?"
                                    rf"(?P<role>(?i:{role})){acronym},\s+(?P<name>{NAME})(?P<pn>{POST_NOMINALS})?")
        # 'Jane Wynne MS', 'Mark Dale MP': a title the data prints in capitals, after the name as a post-nominal
        caps = self.acronym_pattern()
        # ('the Plaid Cymru MS': a party before the title describes the member, it names no one)
        acronym_after = re.compile(rf"{_NOT_AFTER_THE}(?:(?:Mr|Mrs|Ms|Miss|Dr)\s+)?(?P<name>{NAME})(?P<pn>{POST_NOMINALS})?\s+"
                                   rf"(?P<role>{caps})\b(?![\w'\u2019-])(?!\s+{NAME})") if caps else None
        found = []
        for pattern, why in ((before, "named after the title"), (after, "named before the title"),
                             *(((acronym_after, "named before the title's capitals ('NAME MS')"),) if acronym_after else ()),
                             (the_role, "'the TITLE, NAME'"), (the_place_role, "'the PLACE TITLE, NAME'"),
                             (the_role_of, "'the TITLE of PLACE, NAME'"),
                             (role_for, "'TITLE for PLACE NAME'"), (served, "'NAME served as TITLE'"),
                             (is_the, "'NAME is the TITLE'")):
            for m in pattern.finditer(text, self.article.body_start):
                name = self._clean_name(m.group("name"))
                if not name:
                    continue
                title = self.known.role_for(" ".join(m.group("role").split()))
                if title is None:
                    continue
                found.append((m, name, title, why))
        found += self._successors(role)
        found += self._commissioners()
        council = self.known.role_for("council leader")
        for pattern, why in ((leader, "'the leader of X Council, NAME'"), (leader_after, "'NAME, the leader of X Council'")):
            for m in pattern.finditer(text, self.article.body_start) if council else ():
                name = self._clean_name(m.group("name"))
                if name:
                    found.append((m, name, council, why))
        if self.inspectorate:
            hm = next((r for r in self.known.roles if r.id == "role-hm-inspector"), None)
            for m in inspector.finditer(text, self.article.body_start):
                name = self._clean_name(m.group("name"))
                if name and hm:
                    found.append((m, name, hm, "'NAME, the inspector'"))
        for m, name, title, why in sorted(found, key=lambda f: f[0].start()):
            s = m.start("name") + m.group("name").find(name)
            person = self._person(name, Mention(s, s + len(name), name, f"a person {why}"))
            if m.groupdict().get("pn"):
                person.fields.setdefault("postNominals", m.group("pn").strip())
            qualifier = (m.groupdict().get("qual") or "").strip()
            if qualifier.lower() in {t for t in TENURE.strip("(?:)").split("|")}:
                qualifier = ""
            tenure = (m.groupdict().get("tenure") or "").lower()
            tenure = "former" if tenure in ("ex-", "ex", "previous") or m.groupdict().get("was") else tenure
            if any(r.person == person.key and r.role.id == title.id and r.start == m.start() for r in self.roles):
                continue
            at = (m.start("role"), m.end("role")) if m.groupdict().get("role") else (m.end("name"), m.end())
            clash = [r for r in self.roles if r.person == person.key and r.title_at[0] < at[1] and at[0] < r.title_at[1]]
            if any(r.role.id == title.id and r.tenure == tenure for r in clash):
                continue  # 'Police and Crime Commissioner Tom Hart' read once, not again as 'Commissioner Tom Hart'
            if any(len(r.role.label) >= len(title.label) for r in clash if r.role.id != title.id):
                continue  # 'Deputy Chief Constable Jane Doe' read once as the deputy, not again as the chief
            for r in clash:
                if r.role.id != title.id:
                    self.roles.remove(r)
            self.roles.append(RoleMention(person.key, title, m.start(), m.end(), m.group(), tenure, qualifier, at))
        self._succession_by_title(role)

    def _succession_by_title(self, role: str) -> None:
        """'Chief Constable Jane Doe succeeded John Roe in April', 'Former chief constable John Roe, who was succeeded by
        Jane Doe', 'Jane Doe took over as chief constable from John Roe': one of the two holds a title the article names
        (one holder at a time), so the other held it too: the one succeeded before ('former'), the successor after
        ('new' where the one succeeded is the titled one). Nothing where neither, or both with different titles, are
        titled."""
        text = self.article.text
        verbs = r"(?:succeeded|replaced|took over from|has succeeded|has replaced|had succeeded|had replaced)"
        active = re.compile(rf"(?P<new>{NAME}),?\s+(?:who\s+)?{verbs}\s+(?P<old>{NAME})\b(?!\s+as\b)")
        passive = re.compile(rf"(?P<old>{NAME}),?\s+(?:who\s+[^,.;]{{1,60}},\s+)?(?:who\s+)?(?:was|has been|had been)\s+"
                             rf"(?:succeeded|replaced)\s+by\s+"
                             rf"(?P<new>{NAME})\b(?!\s+as\b)")
        from_ = re.compile(rf"(?P<new>{NAME}),?\s+(?:who\s+)?(?:took over|has taken over|took charge)\s+as\s+(?:the\s+)?"
                           rf"(?:force['\u2019]s\s+)?(?P<role>(?i:{role}))\s+from\s+(?P<old>{NAME})")
        for m in [*active.finditer(text, self.article.body_start), *passive.finditer(text, self.article.body_start),
                  *from_.finditer(text, self.article.body_start)]:
            names = {g: self._clean_name(m.group(g)) for g in ("new", "old")}
            if not all(names.values()) or names["new"] == names["old"]:
                continue
            people = {}
            for g, name in names.items():
                s = m.start(g) + m.group(g).find(name)
                people[g] = self._person(name, Mention(s, s + len(name), name, "a person named in a succession"))
            if m.groupdict().get("role"):
                title = self.known.role_for(" ".join(m.group("role").split()))
                held = {title.id: title} if title else {}
            else:
                held = {r.role.id: r.role for r in self.roles if r.person in (people["new"].key, people["old"].key)
                        and r.role.single_holder}
            if len(held) != 1:
                continue
            title = next(iter(held.values()))
            for g, tenure in (("old", "former"), ("new", "new")):
                person = people[g]
                mine = [r for r in self.roles if r.person == person.key and r.role.id == title.id]
                if mine and (g == "new" or any(r.tenure for r in mine)):
                    continue  # the titled one keeps the tenure its title gave
                self.roles.append(RoleMention(person.key, title, m.start(), m.end(), m.group(), tenure, "",
                                              (m.start(g), m.end(g))))

    def _commissioners(self) -> list:
        """'Commissioner Tom Hart said the force had ...': 'Commissioner' alone before a name is the area's police and
        crime commissioner (police, fire and crime commissioner where the article names that office) in an article that
        names the office, its panel or its office's acronym; not after another capitalised word ('Deputy Commissioner',
        'Metropolitan Police Commissioner'), which names another post."""
        text = self.article.text
        office = re.search(r"(?i:\bpolice,?\s+(?P<fire>fire\s+)?and\s+crime\s+(?:commissioner|panel)s?\b)|\b(?:PCC|OPCC|"
                           r"(?P<pf>PFCC|OPFCC))\b", text)
        if office is None:
            return []
        rid = "role-police-fire-and-crime-commissioner" if (office.group("fire") or office.group("pf")) else \
            "role-police-and-crime-commissioner"
        title = next((r for r in self.known.roles if r.id == rid), None)
        out = []
        # ('told commissioner Tom Hart': the same in lower case, not where a word before makes another post's title)
        for m in re.finditer(rf"\b(?P<role>[Cc]ommissioner)\s+(?P<name>{NAME})(?P<pn>{POST_NOMINALS})?", text):
            if m.start() < self.article.body_start or title is None:
                continue
            before = re.search(r"(\S+)\s*$", text[max(0, m.start() - 40):m.start()])
            word = before.group(1) if before else ""
            if word[:1].isupper() and not re.search(r"[.!?:;,\"\u201c\u201d)]$", word):
                continue  # another post's title ends here ('Deputy Commissioner', 'Crime Commissioner')
            if m.group("role")[0] == "c" and (re.fullmatch(r"(?i:deputy|assistant|crime|fire|police|victims['\u2019]?|"
                                                           r"children['\u2019]s|information|[a-z]+-)", word)
                                              or word[:1].isupper()):
                continue  # 'deputy commissioner Tom Hart', 'victims' commissioner Tom Hart': another post
            name = self._clean_name(m.group("name"))
            if name:
                out.append((m, name, title, "'Commissioner NAME' in an article that names the commissioner's office"))
        # 'Panel chair Cllr Amy Bell', 'the panel chairman, Amy Bell': the chair of the police and crime panel the
        # article names
        chair = next((r for r in self.known.roles if r.id == "role-police-and-crime-panel-chair"), None)
        if chair and re.search(r"(?i:\bpolice,?\s+(?:fire\s+)?and\s+crime\s+panel\b)", text):
            for m in re.finditer(rf"\b(?:(?:[Tt]he|[Ii]ts)\s+)?(?P<role>[Pp]anel\s+chair(?:man|woman)?),?\s+"
                                 rf"(?:(?:Councillor|Cllr\.?)\s+)?(?P<name>{NAME})(?P<pn>{POST_NOMINALS})?", text):
                name = self._clean_name(m.group("name")) if m.start() >= self.article.body_start else ""
                if name:
                    out.append((m, name, chair, "'panel chair NAME' in an article that names the police and crime panel"))
        # 'Tom Hart, who is the commissioner,', 'the county's commissioner, Tom Hart,': the noun alone, in such an article
        the = r"(?:the|its|[a-z]+['\u2019]s)\s+(?:(?:county|area|force|region|city)['\u2019]s\s+)?"
        for pattern, why in (
                (rf"(?P<name>{NAME})(?P<pn>{POST_NOMINALS})?,\s+(?:who\s+(?:is|has been)\s+)?{the}(?:(?P<tenure>new|current|"
                 rf"acting|interim)\s+)?(?P<role>commissioner)\s*,", "'NAME, the commissioner,'"),
                (rf"\b{the}(?:(?P<tenure>new|current|acting|interim)\s+)?(?P<role>commissioner),\s+(?P<name>{NAME})"
                 rf"(?P<pn>{POST_NOMINALS})?", "'the commissioner, NAME'")):
            for m in re.finditer(pattern, text):
                name = self._clean_name(m.group("name")) if m.start() >= self.article.body_start and title else ""
                if name:
                    out.append((m, name, title, f"{why} in an article that names the commissioner's office"))
        return out

    def _successors(self, role: str) -> list:
        """'The force's new chief constable has promised ...' then, opening the next sentence, 'Jane Doe, who took up
        the post in March, replaced John Roe': the new holder and the one before, both of the title the sentence
        before names without a name."""
        text = self.article.text
        out = []
        unnamed = re.compile(rf"\b(?i:(?:new|newly appointed|incoming))\s+(?P<role>(?i:{role}))\b(?!\s+{NAME})")
        successor = re.compile(rf"(?P<name>{NAME}),?(?:\s+who\s[^,.;]{{1,80}},)?\s+(?:replaced|replaces|succeeded|"
                               rf"succeeds|took over from|has replaced|has succeeded)\s+(?P<name2>{NAME})")
        for t in unnamed.finditer(text, self.article.body_start):
            title = self.known.role_for(" ".join(t.group("role").split()))
            this = self.article.sentence_at(t.start())
            if title is None or this is None:
                continue
            nxt = next((s for p in self.article.paragraphs for s in p.sentences if s.start >= this.end), None)
            m = successor.match(text, nxt.start) if nxt else None
            if m is None or m.end() > nxt.end:
                continue
            for group, tenure in (("name", "new"), ("name2", "former")):
                name = self._clean_name(m.group(group))
                if name:
                    out.append((_Successor(m, group, tenure), name, title,
                                f"who the sentence after '{t.group()}' says {'replaced' if tenure == 'new' else 'was replaced'}"))
        # 'Jane Doe, who succeeded John Roe as chief constable in 2023': both hold the title, one after the other
        both = re.compile(rf"(?P<name>{NAME}),?\s+(?:who\s+)?(?:replaced|succeeded|took over from|has replaced|has succeeded|"
                          rf"had replaced|had succeeded)\s+(?P<name2>{NAME})\s+as\s+(?:the\s+)?(?:force['\u2019]s\s+)?"
                          rf"(?P<role>(?i:{role}))\b")
        # 'John Roe, who was succeeded by Jane Doe as chief constable', 'John Roe was replaced as chief constable by Jane
        # Doe': the same, the one succeeded first
        passive = re.compile(rf"(?P<name2>{NAME}),?\s+(?:who\s+)?(?:was|has been|had been|is being|will be|is to be)\s+"
                             rf"(?:succeeded|replaced)(?:\s+as\s+(?:the\s+)?(?:force['\u2019]s\s+)?(?P<role>(?i:{role})))?"
                             rf"\s+by\s+(?P<name>{NAME})(?(role)|\s+as\s+(?:the\s+)?(?:force['\u2019]s\s+)?"
                             rf"(?P<role2>(?i:{role}))\b)")
        for m in [*both.finditer(text, self.article.body_start), *passive.finditer(text, self.article.body_start)]:
            title = self.known.role_for(" ".join((m.groupdict().get("role") or m.groupdict().get("role2")).split()))
            said = "role" if m.groupdict().get("role") else "role2"
            for group, tenure in (("name", "new"), ("name2", "former")):
                name = self._clean_name(m.group(group)) if title else ""
                if name:
                    out.append((_Successor(m, group, tenure, narrow=said), name, title,
                                "'NAME succeeded NAME as TITLE'" if tenure == "new" else "'NAME succeeded NAME as TITLE' (the "
                                                                                         "one succeeded)"))
        # one name, one title, each pattern with the group naming the holder and the tenure it gives (None: the
        # match's own groups say it)
        single = (
            # 'The new chief constable, Jane Doe, replaced John Roe': the one replaced held the title before
            (rf"\b(?i:(?:new|newly appointed|incoming))\s+(?P<role>(?i:{role})),\s+(?P<name>{NAME}),(?:\s+who\s[^,.;]{{1,80}},)?"
             rf"\s+(?:has\s+)?(?:replaced|replaces|succeeded|succeeds|took over from)\s+(?P<name2>{NAME})", "name2", "former",
             "'the new TITLE, NAME, replaced NAME' (the one replaced)"),
            # 'Jane Doe, who was deputy chief constable before becoming chief constable in 2020': the title she took next
            (rf"(?P<name>{NAME}),?\s+who\s+(?:was|had been|served as)\s+[^,.;]{{2,80}}?\s+(?:before|until)\s+"
             rf"(?:becoming|being appointed|she became|he became)\s+(?:the\s+)?(?:force['\u2019]s\s+)?(?P<role>(?i:{role}))\b",
             "name", None, "'NAME, who was TITLE before becoming TITLE'"),
            # 'Ravi Shah, who became chief constable in 2021 after serving as deputy chief constable': the title before
            (rf"(?P<name>{NAME}),?\s+who\s+[^,.;]{{2,80}}?\b(?P<was>after|having)\s+(?:serv(?:ing|ed)|been|being|"
             rf"work(?:ing|ed))\s+as\s+(?:the\s+|its\s+)?(?:force['\u2019]s\s+)?(?P<role>(?i:{role}))\b", "name", None,
             "'NAME, who ... after serving as TITLE'"),
            # 'Jane Doe, who retired as chief constable in 2022': a holder of the title before
            (rf"(?P<name>{NAME}),?\s+(?:who\s+)?(?:has\s+|had\s+)?(?:retired|stepped down|resigned|quit|"
             rf"left the force)\s+as\s+(?:the\s+)?(?:force['\u2019]s\s+)?(?P<role>(?i:{role}))\b", "name", "former",
             "'NAME retired as TITLE'"),
        )
        # 'Deputy Chief Constable Amy Bell, who is acting as chief constable', 'Amy Bell, the deputy chief constable who is
        # currently acting chief constable', 'Amy Bell is standing in as chief constable': the title, held as acting
        single += (
            (rf"(?P<name>{NAME})(?:{POST_NOMINALS})?,?\s+(?:(?:the\s+|its\s+|the force['\u2019]s\s+)?(?i:{role})\s+)?"
             rf"(?:who\s+)?(?:is|has been|was|had been)\s+(?:currently\s+|now\s+|temporarily\s+)?(?:acting|standing in|"
             rf"deputising|stepping in|serving)\s+as\s+(?:the\s+)?(?:force['\u2019]s\s+)?(?:acting\s+|temporary\s+|interim\s+)?"
             rf"(?P<role>(?i:{role}))\b", "name", "acting", "'NAME is acting as TITLE'"),
            (rf"(?P<name>{NAME})(?:{POST_NOMINALS})?,\s+(?:the\s+|its\s+|the force['\u2019]s\s+)?(?i:{role})\s+who\s+"
             rf"(?:is|has been|was|had been)\s+(?:currently\s+|now\s+)?(?:acting|temporary|interim)\s+"
             rf"(?P<role>(?i:{role}))\b", "name", "acting", "'NAME, the TITLE who is acting TITLE'"),
        )
        for pattern, group, tenure, why in single:
            for m in re.compile(pattern).finditer(text, self.article.body_start):
                title = self.known.role_for(" ".join(m.group("role").split()))
                name = self._clean_name(m.group(group)) if title else ""
                if name:
                    # an acting title's words are its own ('the deputy chief constable who is acting chief constable'),
                    # so that the title they overlap with is told apart from it
                    out.append((_Successor(m, group, tenure, own_role=tenure == "acting") if tenure else m, name, title,
                                why))
        return out

    def _pronoun_posts(self) -> None:
        """'For Lucy Harwood the report is a milestone. In 2019 she was its deputy chief constable': a title said of
        'she' or 'he' is the one person the paragraph has named before it (of that gender where the article tells it);
        'took over as chief constable in 2022 when Simon Ketteridge retired' gives the one who retired the title before."""
        text = self.article.text
        role = self._role_pattern()
        tenure = rf"(?i:(?P<tenure>{TENURE}))"
        pronoun = re.compile(rf"\b(?P<pro>[Ss]he|[Hh]e)\s+(?:(?P<was>was|had been|served as|was then)|is|has been|is now|"
                             rf"became|becomes|took over as|took up (?:the )?post as|was appointed|was made)\s+"
                             rf"(?:(?:its|the|their|the force['\u2019]s)\s+)?(?:{tenure}\s+)?(?P<role>(?i:{role}))\b"
                             rf"(?!\s+(?:of|for)\s+(?:another|a different|[A-Z]))(?!\s+{NAME})")
        for m in pronoun.finditer(text, self.article.body_start):
            title = self.known.role_for(" ".join(m.group("role").split()))
            para = self.article.paragraph_at(m.start())
            if title is None or para is None or para.in_quote(m.start(), m.end()):
                continue
            gender = "female" if m.group("pro").lower() == "she" else "male"
            named = {e.key: e for mm, e in self.people_in(para.span.start, m.start()) if not para.in_quote(mm.start, mm.end)}
            named = {k: e for k, e in named.items() if e.gender in ("", gender)}
            if not named:  # 'For Lucy Harwood the report is a milestone': the one full name the paragraph gives before
                names = {self._clean_name(re.sub(r"^(?:For|As|When|After|Before|In|At|But|And|Yet|So|To|With|Under|Since|"
                                                 r"While|Although|If|Once|Now|Then|Like)\s+", "", n.group()))
                         for n in re.finditer(NAME, text[para.span.start:m.start()])
                         if not self._is_taken(para.span.start + n.start(), para.span.start + n.end())}
                names.discard("")
                if len(names) != 1 or re.search(rf"{_FORCE_SUFFIX}|Council|Office|Inspectorate", next(iter(names))):
                    continue
                name = names.pop()
                at = text.find(name, para.span.start)
                named = {"": self._person(name, Mention(at, at + len(name), name,
                                                        f"a person the paragraph names before '{m.group('pro')}'"))}
            if len(named) != 1:
                continue
            person = next(iter(named.values()))
            person.gender = person.gender or gender  # 'she was its deputy chief constable'
            if any(r.person == person.key and r.role.id == title.id for r in self.roles):
                continue
            t = (m.group("tenure") or "").lower()
            t = "former" if m.group("was") or t in ("ex-", "ex", "previous") else t
            self.roles.append(RoleMention(person.key, title, m.start(), m.end(), m.group(), t, "",
                                          (m.start("role"), m.end("role"))))
        when = re.compile(rf"\b(?:took over as|became|was appointed|was named|succeeded\s+\w+\s+as)\s+(?:the\s+)?"
                          rf"(?:force['\u2019]s\s+)?(?P<role>(?i:{role}))\b[^.;]{{0,40}}?\b(?:when\s+(?P<name>{NAME})\s+"
                          rf"(?:retired|stepped down|resigned|left|moved on|quit|died)\b|(?:following|after)\s+the\s+"
                          rf"(?:retirement|resignation|departure)\s+of\s+(?P<name2>{NAME}))")
        # 'Chief Constable Fiona Castell, who took over last year following the retirement of Andrew Melling'
        titled = re.compile(rf"\b(?P<role>(?i:{role}))\s+{NAME},\s+who\s+(?:took over|took charge|was appointed|took up the "
                            rf"post|has led the force)\b[^.;]{{0,40}}?\b(?:when\s+(?P<name>{NAME})\s+(?:retired|stepped down|"
                            rf"resigned|left)\b|(?:following|after)\s+the\s+(?:retirement|resignation|departure)\s+of\s+"
                            rf"(?P<name2>{NAME}))")
        for m in [*when.finditer(text, self.article.body_start), *titled.finditer(text, self.article.body_start)]:
            title = self.known.role_for(" ".join(m.group("role").split()))
            group = "name" if m.group("name") else "name2"
            name = self._clean_name(m.group(group)) if title else ""
            if not name:
                continue
            s = m.start(group) + m.group(group).find(name)
            person = self._person(name, Mention(s, s + len(name), name, "a person who retired when another took over as "
                                                                       "the title"))
            if not any(r.person == person.key and r.role.id == title.id for r in self.roles):
                self.roles.append(RoleMention(person.key, title, m.start(), m.end(), m.group(), "former", "",
                                              (m.start("role"), m.end("role"))))

    def _their_deputy(self) -> None:
        """'Chief Constable Martin Greaves retired. Acting Chief Constable Priya Lomax, who had been his deputy, ...':
        the deputy of the one person of the sentence or the one before who holds a title that has a deputy (the reference
        data's 'role-deputy-...'), formerly where 'had been' or 'was'."""
        text = self.article.text
        pattern = re.compile(rf"(?P<name>{NAME}),\s+who\s+(?P<was>had been|was|is|has been)\s+(?P<pro>his|her)\s+deputy\b")
        # 'Mrs Ebanks was ill, and the proposal was presented by her deputy, Tariq Mahmood': the deputy named after
        their = re.compile(rf"\b(?P<pro>his|her)\s+deputy,?\s+(?P<name>{NAME})")
        for m in [*pattern.finditer(text, self.article.body_start), *their.finditer(text, self.article.body_start)]:
            name = self._clean_name(m.group("name"))
            here = self.article.sentence_at(m.start())
            if not name or here is None:
                continue
            before = [s for p in self.article.paragraphs for s in p.sentences if s.end <= here.start][-1:]
            lo = before[0].start if before else here.start
            deputies = {}
            for r in self.roles:
                deputy = next((x for x in self.known.roles if x.id == "role-deputy-" + r.role.id.removeprefix("role-")), None)
                person = self.by_key[r.person]
                named = lo <= r.start < m.start() or any(lo <= mm.start < m.start() for mm in person.mentions)
                if deputy and named and person.label != name and \
                        person.gender in ("", "male" if m.group("pro") == "his" else "female"):
                    deputies[r.person] = deputy
            if len(set(deputies.values())) != 1 or len(deputies) != 1:
                continue
            deputy = next(iter(deputies.values()))
            s = m.start("name") + m.group("name").find(name)
            person = self._person(name, Mention(s, s + len(name), name, "a person named as another's deputy"))
            tenure = "former" if m.groupdict().get("was") in ("had been", "was") else ""
            self.roles.append(RoleMention(person.key, deputy, m.start(), m.end(), m.group(), tenure, "",
                                          (m.start("pro"), m.end())))

    def _predecessors(self) -> None:
        """'Mrs Forsyth ... said she had inherited the problems from her predecessor, Alan Whitcombe': the one named
        as someone's predecessor held that person's post before them. Only where the sentence names that person
        first and they hold exactly one title in the article; 'predecessor as chief constable, NAME' names the title."""
        text = self.article.text
        role = self._role_pattern()
        pattern = re.compile(rf"\b(?:her|his|their)\s+predecessor(?:\s+as\s+(?:the\s+)?(?P<role>(?i:{role})))?,?\s+"
                             rf"(?P<name>{NAME})")
        for m in pattern.finditer(text, self.article.body_start):
            name = self._clean_name(m.group("name"))
            sentence = self.article.sentence_at(m.start())
            if not name or sentence is None:
                continue
            before = [e for _, e in self.people_in(sentence.start, m.start())]
            if not before:
                continue
            titles = {r.role.id: r.role for r in self.roles if r.person == before[0].key}
            title = self.known.role_for(" ".join(m.group("role").split())) if m.group("role") else \
                (next(iter(titles.values())) if len(titles) == 1 else None)
            if title is None:
                continue
            s = m.start("name") + m.group("name").find(name)
            person = self._person(name, Mention(s, s + len(name), name, f"a person named as {before[0].label}'s predecessor"))
            if person.key == before[0].key:
                continue
            self.roles.append(RoleMention(person.key, title, m.start(), m.end(), m.group(), "former", "",
                                          (m.start(), m.start("name"))))

    def deputy(self, speaker: Entity, start: int, end: int) -> None:
        """'I have asked my deputy, Kieran Walsh, to ...' in the words of a speaker holding one title: the deputy of
        that title where the reference data has one ('deputy police and crime commissioner')."""
        titles = {r.role.id for r in self.roles if r.person == speaker.key}
        if len(titles) != 1:
            return
        mine = next(r.role for r in self.roles if r.person == speaker.key)
        for m in re.finditer(rf"\bmy\s+predecessor,?\s+(?P<name>{NAME})", self.article.text[:end]):
            name = self._clean_name(m.group("name")) if m.start() >= start else ""
            if name:  # 'the work begun by my predecessor, Colin Radley': the speaker's title, held before
                s = m.start("name") + m.group("name").find(name)
                person = self._person(name, Mention(s, s + len(name), name, f"named by {speaker.label} as 'my predecessor'"))
                if person.key != speaker.key:
                    self.roles.append(RoleMention(person.key, mine, m.start(), m.end(), m.group(), "former", "",
                                                  (m.start(), m.start("name"))))
        deputy = next((r for r in self.known.roles if r.id == "role-deputy-" + next(iter(titles)).removeprefix("role-")), None)
        if deputy is None:
            return
        for m in re.finditer(rf"\bmy\s+deputy,?\s+(?P<name>{NAME})", self.article.text[:end]):
            if m.start() < start:
                continue
            name = self._clean_name(m.group("name"))
            if not name:
                continue
            s = m.start("name") + m.group("name").find(name)
            person = self._person(name, Mention(s, s + len(name), name, f"named by {speaker.label} as 'my deputy'"))
            if person.key != speaker.key:
                self.roles.append(RoleMention(person.key, deputy, m.start(), m.end(), m.group(), "", "",
                                              (m.start(), m.start("name"))))

    def _clean_name(self, raw: str) -> str:
        words = raw.split()
        for t in _ABBREVIATED:  # 'Ch Con Lowe' is a title and a surname
            if words[:len(t.split())] == t.split():
                words = words[len(t.split()):]
        # an honorific is how the article styles a name, not part of it: 'Sir Malcolm Tennant' and 'Malcolm Tennant',
        # 'Mr John Smith' and 'John Smith' are one person each
        while words and (words[0] in _NOT_NAME or re.fullmatch(HONORIFIC, words[0]) or words[0] in ("Councillor", "Cllr")):
            words.pop(0)
        cut = next((i for i, w in enumerate(words) if w in _NOT_NAME), len(words))
        words = words[:cut]
        if len(words) < 2 or re.fullmatch(_PARTICLE, words[0]):  # 'Ms ap Rhys' less its 'Ms' is a surname, no name
            return ""
        places = {re.sub(rf"\s+{_FORCE_SUFFIX}$", "", e.label) for e in self.by_key.values() if e.kind == "PoliceForce"}
        if " ".join(words) in places:  # 'the mayor of Greater Ellesmoor, the HM inspector ...': a force's place, no one
            return ""
        return " ".join(words)

    def _person(self, name: str, mention: Mention) -> Entity:
        return self._add("Person", name, mention, ("Person",))

    def _other_people(self) -> None:
        """People named with a rank or honorific and full name, as an author ('By NAME'), or as a speaker ('NAME said')."""
        text = self.article.text
        ranks = "|".join(re.escape(r) for r in RANKS)
        patterns = (
            (rf"\b(?:{ranks})\s+(?P<name>{NAME})", "named with a police rank"),
            (rf"\b(?:Sir|Dame|Lord|Baroness|Dr|Professor|Councillor|Cllr\.?)\s+(?P<name>{NAME})", "named with an honorific"),
            (rf"\b(?:[A-Z][a-z]+(?: [A-Z][a-z]+)?['\u2019]s\s+)?MP,?\s+(?P<name>{NAME})|{_NOT_AFTER_THE}(?P<name2>{NAME})\s+MP\b",
             "named as an MP"),
            (rf"(?m)^By\s+(?P<name>{NAME})\s*(?:$|[|,\u2013-])", "the byline"),
            (rf"\bPhoto(?:graph)?:\s+(?P<name>{NAME})", "a photo credit"),
            (rf"(?P<name>{NAME})(?:{POST_NOMINALS})?\s+{_SAID}\b", "named as a speaker ('NAME said')"),
            (rf"\b{_SAID}\s+(?P<name>{NAME})\b", "named as a speaker ('said NAME')"),
            (rf"(?P<name>{NAME}),\s+(?:a|an|the|[a-z]+)\b[^,.;:\"\u201c\u201d]{{2,80}},\s+{_SAID}\b",
             "named as a speaker ('NAME, chairman of ..., said')"),
            (rf"[A-Za-z\u2019'],\s+(?P<name>{NAME}),\s+{_SAID}\b", "named as a speaker ('the town's MP, NAME, said')"),
            (rf"\b(?:his|her|their)\s+deputy,?\s+(?P<name>{NAME})", "named as another's deputy"),
            (rf"\b(?P<name>{NAME})['\u2019]s\s+(?:son|daughter|husband|wife|partner|mother|father|brother|sister|family|"
             rf"child|children)\b", "named with a relative ('NAME's son')"),
            (rf"\b(?i:the|its|his|her|their)\s+(?:[a-z]+\s+){{0,3}}(?:commissioner|chairman|chairwoman|chair|leader|"
             rf"director|head|secretary|minister|mayor|chief executive|spokesperson|spokesman|spokeswoman),\s+"
             rf"(?P<name>{NAME}),", "named in apposition to a title ('the commissioner, NAME,')"),
        )
        for pattern, why in patterns:
            for m in re.finditer(pattern, text[self.article.body_start:]):
                group = "name" if m.groupdict().get("name") else "name2"
                name = self._clean_name(m.group(group))
                if not name:
                    continue
                s = self.article.body_start + m.start(group) + m.group(group).find(name)
                if self._is_taken(s, s + len(name)):
                    continue
                e = self._person(name, Mention(s, s + len(name), name, f"a person {why}"))
                if why == "the byline":
                    e.fields["_author"] = "yes"
        for rid in self.known.of_type("Person"):
            label = (self.known.field(rid, "label") or [""])[0]
            for m in re.finditer(rf"\b{re.escape(label)}\b", text[self.article.body_start:]) if label else ():
                s = m.start() + self.article.body_start
                if not self._is_taken(s, s + len(label)):
                    self._person(label, Mention(s, s + len(label), label, f"the name of the existing person {rid}"))

    def _bare_surnames(self) -> None:
        """'... after the retirement of Graham Letts. Letts, who had led the force for six years, ...': a paper whose style
        gives a surname alone, with no 'Mr' or 'Ms', after the full name means the one person of that surname. Read only
        after that person's full name, only where no one else in the article shares the surname, and never where the
        word is part of a longer name ('Letts Road', 'Sir Tom Letts'), of a force or place, or the article's own
        furniture (a byline, a credit) before the body."""
        text = self.article.text
        people = [p for p in self.of_kind("Person") if len(p.label.split()) >= 2 and not p.fields.get("_author")]
        by_surname: dict[str, list[Entity]] = {}
        for p in people:
            by_surname.setdefault(p.label.split()[-1], []).append(p)
        bodies = " ".join(e.label for e in self.by_key.values() if e.kind != "Person")
        aside = re.compile(rf",\s+(?:who\s+is\s+|(?P<was>formerly|previously|until recently|who was|who had been)\s+)?"
                           rf"(?:(?:the|a|an|its)\s+)?(?:force['\u2019]s\s+)?(?P<role>(?i:{self._role_pattern()}))\b"
                           rf"(?!\s+{NAME})(?:\s+(?:of|at|for)\s+(?:the\s+)?(?:neighbouring\s+|nearby\s+)?"
                           rf"(?P<qual>[A-Z][a-z]+(?: [A-Z][a-z]+){{0,3}}))?")
        for surname, same in sorted(by_surname.items()):
            if len(same) != 1 or surname in _NOT_NAME or not re.fullmatch(_W, surname) or \
                    re.search(rf"\b{re.escape(surname)}\b", bodies):
                continue
            person = same[0]
            first = min(m.start for m in person.mentions if m.text.split()[-1:] == [surname] or surname in m.text)
            for m in re.finditer(rf"\b{re.escape(surname)}\b(?!['\u2019]?\s*[A-Z])", text):
                s, e = m.start(), m.end()
                if s <= first or s < self.article.body_start or self._is_taken(s, e):
                    continue
                if re.search(r"[A-Z][\w'\u2019-]*\s+$", text[max(0, s - 30):s]):
                    continue  # 'Sir Tom Letts', 'Chief Constable Letts': a longer name or title, read elsewhere
                if re.search(r"\b(?i:the|a|an)\s+$", text[max(0, s - 6):s]):
                    continue  # 'the Letts family': a family or a thing of that name, not the person
                person.mentions.append(Mention(s, e, surname, "the surname alone, after the full name"))
                titled = aside.match(text, e)
                title = self.known.role_for(" ".join(titled.group("role").split())) if titled else None
                if title and not any(r.person == person.key and r.role.id == title.id for r in self.roles):
                    # 'Adeyemi, previously deputy chief constable of Harlow Fen police, said': a post of that person
                    self.roles.append(RoleMention(person.key, title, s, titled.end(), text[s:titled.end()],
                                                  "former" if titled.group("was") else "", titled.group("qual") or "",
                                                  (titled.start("role"), titled.end("role"))))

    def _is_taken(self, start: int, end: int) -> bool:
        return any(m.start < end and start < m.end for e in self.by_key.values() for m in e.mentions)

    def _pronoun_genders(self) -> None:
        """'Helen Pryce was elected in May. She said ...': a sentence that opens with 'She' or 'He' right after a sentence
        of the same paragraph that names one person (outside quotation marks) tells that person's gender, so that
        'Mr Pryce' and 'Mrs Pryce' can be told apart where two people share a surname. Nothing is read from first names."""
        for para in self.article.paragraphs:
            if para.span.start < self.article.body_start:
                continue
            for before, s in zip(para.sentences, para.sentences[1:], strict=False):
                m = re.match(r"(She|He)\b", s.text)
                if not m or para.in_quote(s.start, s.start + 2):
                    continue
                named = {e.key: e for mm, e in self.people_in(before.start, before.end)
                         if not para.in_quote(mm.start, mm.end)}
                if len(named) == 1:
                    person = next(iter(named.values()))
                    person.gender = person.gender or ("female" if m.group(1) == "She" else "male")
        # 'who took over from Martin Doyle when he retired': a pronoun that opens the clause right after a name is that
        # person's
        text = self.article.text
        for person in self.of_kind("Person"):
            for mm in person.mentions:
                m = re.match(r"\s+(?:when|after|before|until|because|since|as soon as)\s+(he|she)\b", text[mm.end:mm.end + 30])
                if m and not person.gender:
                    person.gender = "female" if m.group(1) == "she" else "male"

    def _honorifics(self) -> None:
        """'Mr Smith', 'Ms Smith', 'Chief Constable Smith': the one person of that surname; gender from the honorific.
        Where two people share the surname, the one the title fits: 'Chief Constable Pryce' is the one who holds that
        post, 'Mrs Pryce' the one the article tells is a woman (or the one not told to be a man)."""
        text = self.article.text
        people = self.of_kind("Person")
        titles = sorted({" ".join(w.capitalize() for w in n.split()) for n in self._role_names}, key=len, reverse=True)
        titled = "".join("|" + re.escape(t).replace(r"\ ", r"\s+") for t in titles if " " in t or len(t) > 8)
        titled += "".join("|" + re.escape(t).replace(r"\ ", r"\s+") for t in _ABBREVIATED if self.known.role_for(_ABBREVIATED[t]))
        # 'Ms Okonjo, who is usually the deputy chief constable,' / 'Mr Hale, the force's deputy chief constable,': an
        # aside that gives the post in the present (not 'who was', a post held before)
        described = re.compile(rf",\s+(?:who\s+is\s+(?:usually\s+|normally\s+|ordinarily\s+|substantively\s+|also\s+)?)?"
                               rf"(?:the|its)\s+(?:force['\u2019]s\s+)?(?P<role>(?i:{self._role_pattern()}))\b(?=\s*,)")
        for m in re.finditer(rf"\b(?P<h>Mr|Mrs|Ms|Miss{titled})\s+(?P<sur>(?:{_PARTICLE}\s)?{_W})\b(?!\s+[A-Z][a-z])",
                             text[self.article.body_start:]):
            s = m.start() + self.article.body_start
            if m.group("h") not in ("Mr", "Mrs", "Ms", "Miss") and self._is_taken(s + m.start("sur") - m.start(),
                                                                               s + len(m.group())):
                continue
            surname = m.group("sur")
            same = [p for p in people if (" " + p.label).endswith(" " + surname)]  # 'ap Rhys': the particle too
            mention = Mention(s, s + len(m.group()), m.group(), "")
            told = ""
            if len(same) > 1:
                same, told = self._same_surname(same, " ".join(m.group("h").split()))
            if len(same) == 1:
                p = same[0]
                p.mentions.append(Mention(mention.start, mention.end, mention.text, "honorific and surname"))
                if m.group("h") in ("Mr", "Mrs", "Ms", "Miss"):
                    p.gender = p.gender or ("male" if m.group("h") == "Mr" else "female")
                reason = f"'{m.group()}' is {p.label}: " + (told or f"the only person named {surname} in the article")
                if reason not in p.merges:
                    p.merges.append(reason)
                h = " ".join(m.group("h").split())
                aside = described.match(text, s + len(m.group())) if h in ("Mr", "Mrs", "Ms", "Miss") else None
                title = self.known.role_for(" ".join(aside.group("role").split())) if aside else None
                if title and not any(r.person == p.key and r.role.id == title.id for r in self.roles):
                    # 'Ms Okonjo, who is usually the deputy chief constable,': the post of the one person so named
                    self.roles.append(RoleMention(p.key, title, s, aside.end(), text[s:aside.end()], "", "",
                                                  (aside.start("role"), aside.end("role"))))
                title = self.known.role_for(_ABBREVIATED.get(h, h)) if h not in ("Mr", "Mrs", "Ms", "Miss") else None
                if title and not any(r.person == p.key and r.role.id == title.id for r in self.roles):
                    # 'Deputy Chief Constable Doyle' names a post Kerry-Ann Doyle holds, besides the one named before
                    self.roles.append(RoleMention(p.key, title, s, s + len(m.group()), m.group(), "", "",
                                                  (s, s + len(m.group("h")))))
            else:
                self.unresolved.append(mention)
        # 'Dame Patricia said:', 'Sir Nigel added': a knight or dame by honorific and first name, the one person of
        # the article named so in full ('Dame Patricia Orchard')
        for m in re.finditer(r"\b(?P<h>Sir|Dame)\s+(?P<fore>[A-Z][a-z]+)\b(?!\s+(?:[A-Z][a-z]|[a-z]{1,3}\s+[A-Z]))",
                             text[self.article.body_start:]):
            s = m.start() + self.article.body_start
            same = []
            for p in people:
                bare = re.sub(r"^(?:Sir|Dame)\s+", "", p.label)
                if bare.split()[0] == m.group("fore") and re.search(rf"\b{m.group('h')}\s+{re.escape(bare)}\b", text):
                    same.append(p)
            if len(same) == 1 and not any(mm.start <= s < mm.end for mm in same[0].mentions):
                p = same[0]
                p.mentions.append(Mention(s, s + len(m.group()), m.group(), "honorific and first name"))
                p.gender = p.gender or ("male" if m.group("h") == "Sir" else "female")
                reason = f"'{m.group()}' is {p.label}: the only person the article names {m.group('h')} {m.group('fore')}"
                if reason not in p.merges:
                    p.merges.append(reason)

    def _same_surname(self, same: list[Entity], honorific: str) -> tuple[list[Entity], str]:
        """Of people sharing a surname, the ones an honorific or title fits, and why."""
        if honorific in ("Mr", "Mrs", "Ms", "Miss"):
            gender = "male" if honorific == "Mr" else "female"
            told = [p for p in same if p.gender == gender]
            if len(told) == 1:
                return told, f"of the people named {told[0].label.split()[-1]}, the one the article tells is a " \
                             f"{'man' if gender == 'male' else 'woman'}"
            other = [p for p in same if p.gender in ("", gender)]
            if len(other) == 1 and len(same) == 2:
                return other, f"of the two people named {other[0].label.split()[-1]}, the other is told to be a " \
                              f"{'woman' if gender == 'male' else 'man'}"
            return same, ""
        title = self.known.role_for(honorific)
        holders = [p for p in same if title and any(r.person == p.key and r.role.id == title.id for r in self.roles)]
        if len(holders) == 1:
            return holders, f"of the people named {holders[0].label.split()[-1]}, the one the article names {title.label}"
        return same, ""

    def _known_organisations(self) -> None:
        text = self.article.text
        for rid in self.known.of_type("Organisation"):
            if self.known.types(rid) & {"PoliceForce", "Inspectorate"}:
                continue
            for name in self.known.field(rid, "label") + self.known.field(rid, "fullName"):
                if len(name) < 4:
                    continue
                for m in re.finditer(rf"\b{re.escape(name)}\b", text[self.article.body_start:]):
                    s = m.start() + self.article.body_start
                    if not self._is_taken(s, s + len(name)):
                        self._add("Organisation", name, Mention(s, s + len(name), name, f"the name of the existing record {rid}"),
                                  ("Organisation",))
        org_words = (r"(?:Service|Council|Association|Office|Agency|Trust|Partnership|University|Federation|"
                     r"Panel|Commission|Authority)")
        for m in re.finditer(rf"\bthe ((?:[A-Z][a-z]+ ){{1,5}}{org_words})\b", text[self.article.body_start:]):
            name = m.group(1)
            s = m.start(1) + self.article.body_start
            if name.split()[0] in _NOT_FORCE_START or re.search(r"Police|Crime Commissioner|Inspectorate", name):
                continue
            if not self._is_taken(s, s + len(name)):
                self._add("Organisation", name, Mention(s, s + len(name), name, "an organisation's name ('the ... Service')"),
                          ("Organisation",))

    def _known_places(self) -> None:
        text = self.article.text
        for rid in self.known.of_type("Place"):
            for name in self.known.field(rid, "label") + self.known.field(rid, "skos:altLabel"):
                for m in re.finditer(rf"\b{re.escape(name)}\b(?!['\u2019]?\s*[Pp]olice\b|\s+Constabulary|{IN_PAPER_NAME})",
                                     text[self.article.body_start:]):
                    s = m.start() + self.article.body_start
                    if not self._is_taken(s, s + len(name)):
                        self._add("Place", (self.known.field(rid, "label") or [name])[0],
                                  Mention(s, s + len(name), name, f"a name of the existing place {rid}"), ("Place",))
