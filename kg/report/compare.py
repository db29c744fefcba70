"""The comparison the report opens with: consecutive inspections side by side, and the summary.

``compare-inspections`` answers one row per side (earlier or later) of each thing
compared; here the two sides of one thing become one line, and the summary is
written from those lines and from the ``inspections``, ``grades`` and
``recurring-concerns`` answers. Nothing is paired here that the query did not pair:
a line has two sides only when the query gave both under one subject (the same
area, post, theme or a kg:continues link).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..results import Results, Term

ASPECTS = ("when", "grade scale", "grade", "post", "theme", "continued", "figure")


@dataclass
class Side:
    """One inspection's side of a compared thing, with the source and quote that state it."""

    value: Term | None
    scale: Term | None = None
    rank: Term | None = None
    stated_by: Term | None = None
    source: Term | None = None
    quote: str | None = None


@dataclass
class Line:
    aspect: str
    subject: Term
    comparison: str = ""
    caveat: str | None = None
    earlier: Side | None = None
    later: Side | None = None


@dataclass
class Pair:
    force: Term
    earlier: Term
    later: Term
    lines: list[Line] = field(default_factory=list)

    def of(self, aspect: str) -> list[Line]:
        return [line for line in self.lines if line.aspect == aspect]

    def line(self, aspect: str) -> Line | None:
        found = self.of(aspect)
        return found[0] if found else None


def pairs(results: Results | None) -> list[Pair]:
    """The compare-inspections rows as pairs of inspections, each thing compared on one line, in row order."""
    out: dict[tuple, Pair] = {}
    lines: dict[tuple, Line] = {}
    for row in (results.rows if results else []):
        key = (row["force"].value, row["earlier"].value, row["later"].value)
        pair = out.setdefault(key, Pair(row["force"], row["earlier"], row["later"]))
        aspect, subject = row["aspect"].value, row["subject"]
        line_key = (key, aspect, subject.kind, subject.value)
        line = lines.get(line_key)
        if line is None:
            line = lines[line_key] = Line(aspect, subject, _text(row.get("comparison")))
            pair.lines.append(line)
        if row.get("caveat") is not None and line.caveat is None:
            line.caveat = row["caveat"].value
        side = Side(row.get("value"), row.get("scale"), row.get("rank"), row.get("statedBy"), row.get("source"),
                    _text(row.get("quote")) or None)
        if row["side"].value == "earlier" and line.earlier is None:
            line.earlier = side
        elif row["side"].value == "later" and line.later is None:
            line.later = side
    return list(out.values())


def _text(term: Term | None) -> str:
    return term.value if term is not None else ""


# --------------------------------------------------------------------------
# The summary


@dataclass
class Point:
    """A sentence of the summary and the (source, quote) pairs that back it."""

    text: str
    refs: list[tuple[Term, str]] = field(default_factory=list)
    points: list[Point] = field(default_factory=list)


def summary(report, labels: dict[str, str]) -> list[Point]:
    """The summary: each inspection's grades, then what changed pair by pair, then what cannot be compared."""
    from ..results import display

    def name(term: Term | None) -> str:
        return display(term, labels) if term is not None else ""

    compared = report.answered("compare-inspections")
    inspections = report.answered("inspections")
    grades = report.answered("grades")
    recurring = report.answered("recurring-concerns")
    out: list[Point] = []
    missing = [n for n in ("compare-inspections", "inspections", "grades") if report.answered(n) is None]
    if missing:
        out.append(Point(f"Parts of this summary are missing: the stored queries {', '.join(missing)} gave no answer "
                         "(see their sections)."))

    # Each inspection's grades, in the sources' time order.
    if inspections is not None:
        by_inspection: dict[str, list] = {}
        for row in (grades.rows if grades else []):
            by_inspection.setdefault(row["inspection"].value, []).append(row)
        seen: set[str] = set()
        each = Point("Each inspection, in the order the sources place them in time:")
        for row in inspections.rows:
            insp = row["inspection"]
            if insp.value in seen:
                continue
            seen.add(insp.value)
            when = _text(row.get("when")) or "time not stated"
            scale = name(row.get("scale")) or "grade scale not stated"
            parts, refs = [], []
            for g in by_inspection.get(insp.value, []):
                grade = name(g["grade"]) if g.get("grade") else f"“{_text(g.get('wording'))}”"
                area = name(g["area"]) if g.get("area") else f"{_text(g.get('areaCount'))} areas, not named"
                parts.append(f"{grade} in {area}")
                if g.get("source") is not None and g.get("quote") is not None:
                    refs.append((g["source"], g["quote"].value))
            graded = "; ".join(parts) if parts else "no grade reported"
            each.points.append(Point(f"{_with_aside(name(insp), when, scale)}: {graded}.", refs))
        out.append(each)

    found = pairs(compared)
    for pair in found:
        out.append(_pair_point(pair, name, recurring))
    out.append(_cannot_compare(found, inspections, name))
    return out


def _with_aside(label: str, *parts: str) -> str:
    """``label (part; part)``, each said once: a part the label already states ("... inspection (2016)", "...
    inspection of Aldermoor Police") is not said again, and a label's own closing aside takes the rest rather than
    a second pair of brackets."""
    same = str.maketrans("’‘", "''")
    new = [p for p in parts if p and p.translate(same) not in label.translate(same)]
    if not new:
        return label
    if label.endswith(")") and "(" in label:
        return f"{label[:-1]}; {'; '.join(new)})"
    return f"{label} ({'; '.join(new)})"


def _pair_point(pair: Pair, name, recurring: Results | None) -> Point:
    point = Point(f"From {name(pair.earlier)} to {_with_aside(name(pair.later), name(pair.force))}:")
    when = pair.line("when")
    if when and when.comparison not in ("", "in time order"):
        point.points.append(Point(f"Order: {when.comparison}.", _refs(when)))
    grades = pair.of("grade")
    both = [g for g in grades if g.earlier and g.later]
    if both:
        for g in both:
            point.points.append(Point(f"{name(g.subject)}: {name(g.earlier.value)} then {name(g.later.value)} "
                                      f"({g.comparison.removeprefix('graded in both: ').removeprefix('graded in both; ')}).",
                                      _refs(g)))
    elif grades:
        point.points.append(Point("No area was graded in both inspections, so no grade can be compared with another."))
    scale = pair.line("grade scale")
    if scale and scale.comparison.startswith("different"):
        caveat = scale.caveat or next((g.caveat for g in grades if g.caveat), None)
        point.points.append(Point("The two inspections grade on different scales"
                                  + (f": {caveat}" if caveat else ".")))
    for post in pair.of("post"):
        then = name(post.earlier.value) if post.earlier else "not stated"
        now = name(post.later.value) if post.later else "not stated"
        change = {"the same person": " (the same person)", "a different person": ""}.get(post.comparison, "")
        point.points.append(Point(f"{name(post.subject)}: {then} then, {now} later{change}.", _refs(post)))
    continued = pair.of("continued")
    linked = [r for r in (recurring.rows if recurring else [])
              if r["earlierInspection"].value == pair.earlier.value and r["laterInspection"].value == pair.later.value]
    if continued or linked:
        for c in continued:
            point.points.append(Point(f"Recurs: {name(c.later.value if c.later else c.subject)} continues "
                                      f"{name(c.earlier.value if c.earlier else None)} (kg:continues).", _refs(c)))
        for r in linked:
            if "continues" in r["link"].value:
                continue
            point.points.append(Point(f"Linked: {name(r['laterConcern'])} and {name(r['earlierConcern'])} are both "
                                      f"{r['link'].value}" + (f" ({name(r['area'])})." if r.get("area") else "."),
                                      [(r["earlierSource"], r["earlierEvidence"].value),
                                       (r["laterSource"], r["laterEvidence"].value)]))
    else:
        point.points.append(Point("Nothing recurs on the data's say-so: no concern of the later inspection is recorded "
                                  "as continuing one of the earlier (kg:continues), and none is about a graded area a "
                                  "concern of the earlier one is about."))
    themes = pair.of("theme")
    shared = [name(t.subject) for t in themes if t.earlier and t.later]
    new = [name(t.subject) for t in themes if t.later and not t.earlier]
    gone = [name(t.subject) for t in themes if t.earlier and not t.later]
    if shared:
        point.points.append(Point(f"Themes that appear in both (a shared theme, not a recurrence): {', '.join(shared)}."))
    if new:
        point.points.append(Point(f"New in the later inspection's concerns and praise: {', '.join(new)}."))
    if gone:
        point.points.append(Point(f"In the earlier inspection's only: {', '.join(gone)}."))
    return point


def _refs(line: Line) -> list[tuple[Term, str]]:
    return [(s.source, s.quote) for s in (line.earlier, line.later) if s is not None and s.source and s.quote]


def _cannot_compare(found: list[Pair], inspections: Results | None, name) -> Point:
    point = Point("What cannot be compared, and why:")
    for pair in found:
        grades = pair.of("grade")
        if grades and not any(g.earlier and g.later for g in grades):
            point.points.append(Point(f"The grades of {name(pair.earlier)} and {name(pair.later)}: no area was graded "
                                      "in both."))
        scale = pair.line("grade scale")
        if scale and scale.comparison.startswith("different"):
            point.points.append(Point(f"Grades of {name(pair.earlier)} and {name(pair.later)} side by side: they are on "
                                      "different scales, so better or worse cannot be said."))
        for line in grades:
            if "a grade has no scale" in line.comparison:
                point.points.append(Point(f"{name(line.subject)}: a grade has no scale."))
    paired = {p.earlier.value for p in found} | {p.later.value for p in found}
    for row in (inspections.rows if inspections else []):
        if row["inspection"].value in paired:
            continue
        paired.add(row["inspection"].value)
        why = ("its programme is not stated and no inspection names it as previous"
               if row.get("programme") is None else "no other inspection of the force in its programme")
        point.points.append(Point(f"{name(row['inspection'])} is compared with no other inspection: {why}.",
                                  [(row["source"], row["evidence"].value)] if row.get("evidence") else []))
    if not point.points:
        point.points.append(Point("Nothing: every inspection is compared with the one before it."))
    return point
