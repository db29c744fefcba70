"""How good the proposals are: precision and recall per kind of fact, against curated records or expected facts.

Facts are compared by what a reader checks, not by ids: a post holding by the
person's name and the role; a grade by area (or count of unnamed areas), grade
and scale; a figure by its numbers; a quotation by speaker and words (one
containing the other); a date by its value; a finding by praise or criticism and
the words it rests on.

Where writers of expected facts and the extractor differ only in how they write
one thing down, both sides are normalised here, in one place (``_area`` and
``_figure_keys``), never by changing what either side says:

- an area's leading possessive ('its plans for the future', "the force's
  leadership") is dropped, as 'the/a/an' are;
- a proportion in words ('one in five': value 1, unit 'in 5') matches a writer's
  1, 0.2 or "one in five" (a writer's "one in five" or "almost a third" is compared as the proportion, 0.2 or
  0.3333, so it is not another 1 'in N'), and a writer's number in words ("ten") is that number;
- a writer's role id 'role-acting-chief-constable' (or interim, temporary) is role-chief-constable: the
  ontology holds acting as the holding's tenure, not as a role; 'role-detective-superintendent' is
  role-superintendent (a detective holds the rank, data/reference.yaml);
- an area in the words news gives a PEEL pillar (kg/extract/pillars.yaml: 'keeping people safe and reducing
  crime' is effectiveness, as the curated area of that name in data/shared.yaml is the 2016 overall effectiveness
  grade; 'the way it uses its money and plans for the future' is efficiency) is that pillar;
- a quotation whose speaker is a body (the inspectorate, where 'the report said'
  or 'inspectors said') is scored only in an article whose expected facts
  attribute some quotation to a body: writers who list only named people as
  speakers have not judged such quotes, so they count neither for nor against.
  Quotations of people are scored as before in every article.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from ..builder import load_records
from ..errors import InputError
from ..project import Project
from ..records import Record, read_text
from ..textnorm import normalise
from . import Draft, extract
from .grades import ing_form, pillar_of
from .known import load_known

KINDS = ("people with posts", "grades with area and scale", "figures", "quotations with speaker", "dates", "findings")
_BODY_TYPES = {"Organisation", "PoliceForce", "Inspectorate", "Report"}
_CRITICISM = {"Concern", "AreaForImprovement", "CauseOfConcern"}
_DATE_KEYS = ("date", "startDate", "endDate", "schema:datePublished", "datePublished", "notBefore", "notAfter")


def _norm(text: str) -> str:
    text = normalise(text).lower()
    text = re.sub(r"[\"'.,;:!?()\[\]-]", " ", text)
    return " ".join(w for w in text.split() if w not in ("the", "a", "an"))


_NOMINAL = {"response to": "responding to", "responses to": "responding to", "investigation of": "investigating",
            "treatment of": "treating", "management of": "managing", "protection of": "protecting",
            "prevention of": "preventing", "recording of": "recording", "supervision of": "supervising",
            "use of": "using", "understanding of": "understanding", "planning of": "planning"}


def _ing(verb: str) -> str:
    """'responds' -> 'responding', 'uses' -> 'using', 'plans' -> 'planning': the -ing form of a verb in -s."""
    base = verb[:-3] + "y" if verb.endswith("ies") else verb[:-2] if re.search(r"(?:ss|sh|ch|x|z)es$", verb) else \
        verb[:-1] if verb.endswith("s") else verb
    return ing_form(base)


def _area(text: str) -> str:
    """An area as compared: 'its plans for the future' and 'plans for the future' are one area; so are 'how it
    responds to the public', 'the way it responds to the public', 'its response to the public' and 'responding to the
    public', and 'its work investigating crime' and 'investigating crime' (one area, worded as a clause or a noun)."""
    if pillar_of(text):  # a PEEL pillar's words (kg/extract/pillars.yaml): 'keeping people safe and reducing crime'
        return pillar_of(text)
    a = re.sub(r"^(?:its|their|force s|forces|police s)\s+", "", _norm(text))
    a = re.sub(r"\b(?:its|their)\s+", "", a)  # 'understanding its demand' and 'understanding demand' are one area
    a = re.sub(r"^(?:work|efforts?|performance)\s+(?:(?:on|in|at)\s+)?(?=[a-z]+ing\b)", "", a)
    how = re.match(r"(?:how|way)\s+(?:well\s+|effectively\s+)?(?:it|force|they|officers)\s+([a-z]+s)\b(.*)", a)
    if how:
        a = _ing(how.group(1)) + how.group(2)
    asked = re.match(r"how\s+(?:well|effectively|efficiently)\s+(?:does|did)\s+(?:it|force)\s+([a-z]+)\b(.*)", a)
    if asked:  # 'how well does the force understand demand' (a PEEL question) is 'understanding demand'
        a = ing_form(asked.group(1)) + asked.group(2)
    a = pillar_of(a) or a  # the same words, once normalised ('how it uses its money ...' as 'using money ...')
    for noun, verb in _NOMINAL.items():
        if a.startswith(noun + " "):
            a = verb + a[len(noun):]
            break
    return a


def _figure_keys(nums: tuple, unit: str | None = None) -> tuple:
    """The other ways a writer may give the same figure: 'one in five' (1, unit 'in 5') is also 0.2."""
    m = re.fullmatch(r"in (\d+)", (unit or "").strip())
    if m and nums[0] is not None and int(m.group(1)):
        return ((round(nums[0] / int(m.group(1)), 4), None, None),)
    return ()


_WORDS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
          "eleven": 11, "twelve": 12, "twenty": 20, "hundred": 100}


def _fraction(words: str) -> tuple[str, int] | None:
    """A fraction in words as the extractor keeps it ('almost a third': 1 in 3), else None."""
    from .figures import _FRACTIONS, _QUALIFIERS

    low = re.sub(rf"^(?:{'|'.join(_QUALIFIERS)})\s+", "", words.strip().lower())
    return _FRACTIONS.get(low)


def _who(name: str) -> str:
    """A person as a reader names them: 'Sir Martin Howe' and 'Martin Howe' are one person."""
    return re.sub(r"^(?:sir|dame|dr|mr|mrs|ms|miss|lord|lady|baroness|professor|prof) ", "", _norm(name))


@dataclass(frozen=True)
class Fact:
    kind: str
    key: tuple
    shown: str
    also: tuple = ()  # other keys the same fact is written as (see _figure_keys)
    by_body: bool = False  # a quotation whose speaker is an organisation or report, not a person


@dataclass
class Score:
    kind: str
    proposed: int = 0
    expected: int = 0
    matched_proposed: int = 0
    matched_expected: int = 0
    missed: list[str] = field(default_factory=list)
    extra: list[str] = field(default_factory=list)
    unscored: list[str] = field(default_factory=list)  # a body's quotations where the writer lists none

    @property
    def precision(self) -> float | None:
        return self.matched_proposed / self.proposed if self.proposed else None

    @property
    def recall(self) -> float | None:
        return self.matched_expected / self.expected if self.expected else None

    def add(self, other: Score) -> None:
        self.proposed += other.proposed
        self.expected += other.expected
        self.matched_proposed += other.matched_proposed
        self.matched_expected += other.matched_expected
        self.missed += other.missed
        self.extra += other.extra
        self.unscored += other.unscored


@dataclass
class ArticleScore:
    name: str
    scores: dict[str, Score]


def _matches(kind: str, a: tuple | Fact, b: tuple | Fact) -> bool:
    if isinstance(a, Fact) and isinstance(b, Fact):
        return any(_matches(kind, x, y) for x in (a.key, *a.also) for y in (b.key, *b.also))
    if kind in ("quotations with speaker", "findings"):
        if a[0] != b[0]:
            return False
        return bool(a[1]) and bool(b[1]) and (a[1] in b[1] or b[1] in a[1])
    if kind == "grades with area and scale":
        return a == b
    return a == b


def score(kind: str, proposed: list[Fact], expected: list[Fact]) -> Score:
    """Each fact counts once: a proposal matched by any expected fact is right; an expected fact matched by any
    proposal is found."""
    if kind == KINDS[3] and not any(e.by_body for e in expected):
        s_unscored = [p for p in proposed if p.by_body]
        proposed = [p for p in proposed if not p.by_body]
    else:
        s_unscored = []
    s = Score(kind, len(proposed), len(expected))
    s.unscored = [p.shown for p in s_unscored]
    for p in proposed:
        if any(_matches(kind, p, e) for e in expected):
            s.matched_proposed += 1
        else:
            s.extra.append(p.shown)
    for e in expected:
        if any(_matches(kind, p, e) for p in proposed):
            s.matched_expected += 1
        else:
            s.missed.append(e.shown)
    return s


# ---------------------------------------------------------------- facts of a draft


def draft_facts(draft: Draft) -> list[Fact]:
    c = draft.composer
    by_id = {p.id: p for p in draft.proposals()}

    def label(rid: str) -> str:
        if rid in by_id:
            return by_id[rid].label
        return (c.known.field(rid, "label") or [rid])[0]

    def field_of(rid: str, key: str) -> str | None:
        if rid in by_id:
            v = by_id[rid].get(key)
            return str(v) if v is not None else None
        got = c.known.field(rid, key)
        return got[0] if got else None

    def is_person(rid: str) -> bool:
        if rid in by_id:
            return by_id[rid].type == "Person"
        return "Person" in c.known.types(rid)

    out: list[Fact] = []
    for p in draft.proposals():
        out += _facts(p.type, lambda k, p=p: _as_list(p.get(k)), label, field_of, [e.text for e in p.evidence],
                      c.known.scales, is_person)
    return _dedupe(out)


def _as_list(v) -> list:
    if v is None:
        return []
    if isinstance(v, list):
        return [str(x) for x in v]
    if isinstance(v, dict):
        return [v]
    return [str(v)]


def _facts(rtype: str, get, label, field_of, evidence: list[str], scales, is_person=lambda rid: True) -> list[Fact]:
    out = []
    if rtype == "PostHolding":
        for person in get("org:member"):
            for post in get("post"):
                role = field_of(post, "roleType") or ""
                org = field_of(post, "org:postIn")
                key = (_who(label(person)), role)
                out.append(Fact(KINDS[0], key, f"{label(person)} as {role}" + (f" of {label(org)}" if org else ""),
                                (key + (_norm(label(org)),),) if org else ()))
    elif rtype == "Assessment":
        scale_of = {g: s.id for s in scales for g in s.grades.values()}
        grade = (get("grade") or [None])[0]
        wording = (get("gradeWording") or [""])[0].lower()
        area = (get("area") or [None])[0]
        count = (get("areaCount") or [None])[0]
        where = _area(label(area)) if area else (f"{count} areas" if count else "overall")
        scale = scale_of.get(grade) if grade else None
        inspection = (get("inspection") or [None])[0]
        force = (field_of(inspection, "inspectedForce") if inspection else None) or (get("about") or [None])[0]
        key = (where, wording, scale)
        out.append(Fact(KINDS[1], key, f"{where}: {wording} ({scale or 'no scale'})" + (f" of {label(force)}" if force else ""),
                        (key + (_norm(label(force)),),) if force else ()))
    elif rtype == "Statistic":
        nums = tuple(_num((get(k) or [None])[0]) for k in ("value", "earlierValue", "laterValue"))
        out.append(Fact(KINDS[2], nums, "/".join(str(n) for n in nums if n is not None),
                        _figure_keys(nums, (get("unit") or [None])[0])))
    elif rtype == "Quotation":
        for speaker in get("speaker"):
            text = (get("quoteText") or [""])[0]
            out.append(Fact(KINDS[3], (_who(label(speaker)), _norm(text)), f"{label(speaker)}: {text[:60]}",
                            by_body=not is_person(speaker)))
    elif rtype in _CRITICISM | {"Praise", "Finding"}:
        family = "praise" if rtype == "Praise" else "criticism"
        for ev in evidence:
            out.append(Fact(KINDS[5], (family, _norm(ev)), f"{family}: {ev[:70]}"))
    for key in _DATE_KEYS:
        for v in get(key):
            if isinstance(v, dict):
                for k in ("startDate", "endDate"):
                    if v.get(k):
                        out.append(Fact(KINDS[4], (str(v[k]),), str(v[k])))
            else:
                out.append(Fact(KINDS[4], (v,), v))
    for v in get("org:memberDuring"):
        if isinstance(v, dict):
            for k in ("startDate", "endDate"):
                if v.get(k):
                    out.append(Fact(KINDS[4], (str(v[k]),), str(v[k])))
    return out


def _num(v) -> float | None:
    try:
        return float(str(v).replace(",", "")) if v is not None else None
    except ValueError:
        return None


def _dedupe(facts: list[Fact]) -> list[Fact]:
    """Findings may share evidence and dates repeat: each (kind, key) once."""
    seen, out = set(), []
    for f in facts:
        if (f.kind, f.key, f.also) not in seen:  # 'a third' and 'one in four' share the numerator, not the proportion
            seen.add((f.kind, f.key, f.also))
            out.append(f)
    return out


# ---------------------------------------------------------------- curated records


def record_facts(records: list[Record], source: str, known_scales) -> list[Fact]:
    """The facts of the records that rest on ``source`` (by their evidence)."""
    by_id = {r.id: r for r in records}

    def label(rid: str) -> str:
        r = by_id.get(rid)
        return (r.fields.get("label") or [None])[0].text if r and r.fields.get("label") else rid

    def field_of(rid: str, key: str) -> str | None:
        r = by_id.get(rid)
        vals = r.fields.get(key) if r else None
        return vals[0].text if vals else None

    def is_person(rid: str) -> bool:
        r = by_id.get(rid)
        return r is None or "Person" in {v.text for v in r.types}

    out: list[Fact] = []
    for r in records:
        if not any(e.source == source for e in r.evidence):
            continue
        types = [v.text for v in r.types]

        def get(key: str, r=r) -> list:
            vals = []
            for v in r.fields.get(key, []):
                vals.append({k: vv[0].text for k, vv in v.nested.items()} if v.nested else v.text)
            return vals

        ev = [e.quote for e in r.evidence if e.source == source]
        for t in types:
            out += _facts(t, get, label, field_of, ev, known_scales, is_person)
    return _dedupe(out)


def evaluate_project(project: Project, texts: Path) -> list[ArticleScore]:
    """Each source article with a text file: the draft kg extract makes of it, against the curated records.

    The draft is made without that article's own data file, so nothing it proposes is read back from the answer.
    """
    records = load_records(project)
    texts = Path(texts)
    out = []
    for rec in records:
        if "SourceArticle" not in {v.text for v in rec.types} or not rec.fields.get("textFile"):
            continue
        path = texts / (rec.fields["textFile"][0].text or "")
        if not path.is_file():
            raise InputError(f"source text '{path.name}' is not in {texts}", where=str(rec.where),
                             hint="pass the folder holding the article texts with --texts")
        known = load_known(project, leave_out=project.root / rec.where.file)
        draft = extract(path, project=project, known=known)
        expected = record_facts(records, rec.id, known.scales)
        out.append(_score_article(rec.id, draft_facts(draft), expected))
    return out


def _score_article(name: str, proposed: list[Fact], expected: list[Fact]) -> ArticleScore:
    return ArticleScore(name, {k: score(k, [f for f in proposed if f.kind == k], [f for f in expected if f.kind == k])
                               for k in KINDS})


# ---------------------------------------------------------------- fixture articles with expected facts


def expected_facts(path: Path, bodies: frozenset[str] = frozenset()) -> list[Fact]:
    """Facts a person wrote down after reading an article (see tests/fixtures/articles/README.md); ``bodies``: the
    names (as _who gives them) of organisations, so that a quotation the writer gives to one is a body's."""
    try:
        doc = yaml.safe_load(read_text(path, str(path))) or {}
    except yaml.YAMLError as e:
        raise InputError(f"malformed YAML: {e}".split("\n")[0], where=str(path)) from None
    out = []
    # where an article names several forces, its writer may say whose post or grade each is (`force:`): then the
    # proposal must give it to that force, not only the right person and role or area and grade
    for item in doc.get("people with posts", []):
        # 'role-acting-chief-constable': acting, interim, temporary are a holding's tenure here, not a role of their own
        role = re.sub(r"^role-(?:acting|interim|temporary|detective)-", "role-", item["role"])
        of = f" of {item['force']}" if item.get("force") else ""
        key = (_who(item["person"]), role) + ((_norm(item["force"]),) if of else ())
        out.append(Fact(KINDS[0], key, f"{item['person']} as {item['role']}{of}"))
    for item in doc.get("grades", []):
        where = _area(item["area"]) if "area" in item else (f"{item['count']} areas" if "count" in item else "overall")
        key = (where, item["grade"], item.get("scale")) + ((_norm(item["force"]),) if item.get("force") else ())
        out.append(Fact(KINDS[1], key, f"{where}: {item['grade']} ({item.get('scale')})"
                        + (f" of {item['force']}" if item.get("force") else "")))
    for item in doc.get("figures", []):
        nums = tuple(_num(item.get(k)) for k in ("value", "earlier", "later"))
        words = re.fullmatch(r"(?:one|1) in (\w+)", str(item.get("value", "")).strip().lower())
        also = ()
        # a writer's 'one in five' or 'almost a third' is that proportion (0.2, 0.3333), which a proposal of 1 'in 5' or 1
        # 'in 3' is too: compared as the proportion, so that 'one in five' is not 'one in three'
        if words and _num(_WORDS.get(words.group(1), words.group(1))):
            n = _num(_WORDS.get(words.group(1), words.group(1)))
            nums = _figure_keys((1.0, None, None), f"in {int(n)}")[0]
        elif _fraction(str(item.get("value", ""))):
            top, of = _fraction(str(item["value"]))
            nums = _figure_keys((float(top), None, None), f"in {of}")[0]
        elif str(item.get("value", "")).strip().lower() in _WORDS:  # 'ten' is 10
            nums = (float(_WORDS[str(item["value"]).strip().lower()]), None, None)
        shown = str(item["value"]) if words or _fraction(str(item.get("value", ""))) else \
            "/".join(str(n) for n in nums if n is not None) or str(item.get("value"))
        out.append(Fact(KINDS[2], nums, shown, also))
    for item in doc.get("quotations", []):
        out.append(Fact(KINDS[3], (_who(item["speaker"]), _norm(item["text"])), f"{item['speaker']}: {item['text'][:60]}",
                        by_body=_who(item["speaker"]) in bodies))
    for item in doc.get("dates", []):
        out.append(Fact(KINDS[4], (str(item),), str(item)))
    for item in doc.get("findings", []):
        out.append(Fact(KINDS[5], (item["kind"], _norm(item["text"])), f"{item['kind']}: {item['text'][:70]}"))
    return out


def evaluate_folder(folder: Path, project: Project) -> list[ArticleScore]:
    """Every NAME.txt of a folder that has a NAME.expected.yaml beside it."""
    folder = Path(folder)
    pairs = sorted((p, p.with_name(p.stem + ".expected.yaml")) for p in folder.glob("*.txt"))
    pairs = [(t, e) for t, e in pairs if e.is_file()]
    if not pairs:
        raise InputError("no article with expected facts here", where=str(folder),
                         hint="put NAME.txt and NAME.expected.yaml side by side")
    known = load_known(project)
    out = []
    for t, e in pairs:
        draft = extract(t, project=project, known=known)
        proposed = draft_facts(draft)
        bodies = {_who(p.label) for p in draft.proposals() if p.type in _BODY_TYPES}
        bodies |= {_who(n) for rid in known.of_type(*_BODY_TYPES) for k in ("label", "skos:altLabel")
                   for n in known.field(rid, k)}
        bodies |= {f.key[0] for f in proposed if f.by_body}
        out.append(_score_article(t.name, proposed, expected_facts(e, frozenset(bodies))))
    return out


def total(results: list[ArticleScore]) -> dict[str, Score]:
    out = {k: Score(k) for k in KINDS}
    for r in results:
        for k, s in r.scores.items():
            out[k].add(s)
    return out


def table(results: list[ArticleScore], misses: bool = False) -> str:
    """Precision and recall per kind, per article and in total, as aligned text."""
    lines = []

    def rows(title: str, scores: dict[str, Score]) -> None:
        lines.append(title)
        lines.append(f"  {'kind':28} {'proposed':>8} {'expected':>8} {'precision':>9} {'recall':>7}")
        for k in KINDS:
            s = scores[k]
            p = f"{s.precision:.2f}" if s.precision is not None else "-"
            r = f"{s.recall:.2f}" if s.recall is not None else "-"
            lines.append(f"  {k:28} {s.proposed:>8} {s.expected:>8} {p:>9} {r:>7}")
            if misses:
                lines.extend([f"      missed: {m}" for m in s.missed] + [f"      extra:  {x}" for x in s.extra]
                             + [f"      not scored (the writer lists no body as a speaker): {x}" for x in s.unscored])

    for r in results:
        rows(r.name, r.scores)
    if len(results) > 1:
        rows("all articles", total(results))
    return "\n".join(lines) + "\n"
