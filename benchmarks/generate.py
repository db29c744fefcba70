"""Synthetic kg projects in the project's own data format, for benchmarks (never for tests of facts).

The 43 territorial police forces of England and Wales, inspected every year from
2014 to 2025 (the PEEL four-grade scale until 2020, the five-grade scale from
2021), each inspection reported by several articles; chief constables and police
and crime commissioners holding their posts in four-year terms; findings,
figures and quotations; every record with evidence quoted from its article's
text, which the generator writes too. The facts are invented and say so in each
article's headline ("Synthetic report ..."): this is load, not knowledge.

    python benchmarks/generate.py --size 1m --out /tmp/kg-1m
    kg --project /tmp/kg-1m build --texts /tmp/kg-1m/texts

A project holds ontology/ and queries/ copied from this repository,
data/reference.yaml (the grade scales and roles, with their reference sources,
whose extracts are copied to reference/ when ../shared/reference exists),
data/shared.yaml, one data file per force (data/forces/) and one per article
(data/<year>/), and the article texts (texts/). Output is the same for the same
arguments. Sizes are approximate triple counts of the built union.
"""

from __future__ import annotations

import argparse
import random
import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

FORCES = [
    "Avon and Somerset", "Bedfordshire", "Cambridgeshire", "Cheshire", "City of London", "Cleveland", "Cumbria",
    "Derbyshire", "Devon and Cornwall", "Dorset", "Durham", "Dyfed-Powys", "Essex", "Gloucestershire",
    "Greater Manchester", "Gwent", "Hampshire", "Hertfordshire", "Humberside", "Kent", "Lancashire", "Leicestershire",
    "Lincolnshire", "Merseyside", "Metropolitan", "Norfolk", "North Wales", "North Yorkshire", "Northamptonshire",
    "Northumbria", "Nottinghamshire", "South Wales", "South Yorkshire", "Staffordshire", "Suffolk", "Surrey", "Sussex",
    "Thames Valley", "Warwickshire", "West Mercia", "West Midlands", "West Yorkshire", "Wiltshire",
]
YEARS = list(range(2014, 2026))
AREAS = ["investigating crime", "recording crime", "protecting vulnerable people", "responding to the public",
         "managing offenders", "preventing crime"]
THEMES = ["call handling", "missing children", "knife crime", "domestic abuse", "funding", "crime recording",
          "victim outcomes", "neighbourhood policing", "anti-social behaviour", "workforce wellbeing"]
PUBLISHERS = ["The Daily Courier", "Police Review Weekly", "The County Gazette", "Evening Standard Post",
              "Regional News Network"]
GRADES4 = ["outstanding", "good", "requires improvement", "inadequate"]
GRADES5 = ["outstanding", "good", "adequate", "requires improvement", "inadequate"]
FIRST = ["Alex", "Sam", "Jo", "Chris", "Pat", "Robin", "Kim", "Lee", "Morgan", "Taylor", "Jamie", "Casey"]
LAST = ["Ashdown", "Brook", "Carver", "Dunmore", "Ellison", "Fairley", "Garland", "Hollis", "Ingram", "Jessop",
        "Kendal", "Lowther", "Marsh", "Norwood", "Oakes", "Pryor"]

#: Presets: (forces, first year, articles per inspection, findings per article).
SIZES = {"10k": (10, 2024, 1, 4), "100k": (43, 2023, 3, 6), "1m": (43, 2014, 7, 8), "5m": (43, 2014, 35, 8)}


def slug(text: str) -> str:
    return "".join(c if c.isalnum() else "-" for c in text.lower()).strip("-").replace("--", "-")


def q(text: str) -> str:
    """A YAML double-quoted scalar."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


class Article:
    """One source: its record, the records it supports and the text their quotes come from."""

    def __init__(self, sid: str, headline: str, publisher: str, date: str | None):
        self.id, self.sentences, self.records = sid, [], []
        self.header = [f"  - id: {sid}", "    type: SourceArticle", f"    label: {q(headline)}",
                       f"    schema:headline: {q(headline)}", f"    schema:publisher: {publisher}",
                       f"    textFile: {sid}.txt"] + ([f"    schema:datePublished: {date}"] if date else [])
        self.header_evidence = [self.quote(f"{headline} as published by the desk of {sid}")]

    def quote(self, sentence: str) -> str:
        self.sentences.append(sentence)
        return sentence

    def record(self, rid: str, rtype: str, label: str, fields: list[str], quotes: list[str]) -> None:
        lines = [f"  - id: {rid}", f"    type: {rtype}", f"    label: {q(label)}", *(f"    {f}" for f in fields),
                 "    evidence:"]
        lines += [f"      - {q(self.quote(text))}" for text in quotes]
        self.records.append("\n".join(lines))

    def yaml(self, reports: list[str]) -> str:
        head = self.header + ([f"    reports: [{', '.join(reports)}]"] if reports else [])
        head += ["    evidence:", *(f"      - {q(t)}" for t in self.header_evidence)]
        return f"source: {self.id}\nrecords:\n" + "\n".join(head) + "\n\n" + "\n\n".join(self.records) + "\n"

    def text(self) -> str:
        return "Synthetic article for kg benchmarks.\n\n" + ".\n".join(self.sentences) + ".\n"


def write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def generate(out: Path, forces: int, first_year: int, articles: int, findings: int, seed: int = 11) -> dict:
    rng = random.Random(seed)
    out = Path(out)
    if out.exists():
        shutil.rmtree(out)
    for part in ("ontology", "queries"):
        shutil.copytree(ROOT / part, out / part)
    (out / "data").mkdir(parents=True)
    shutil.copy(ROOT / "data" / "reference.yaml", out / "data" / "reference.yaml")
    if (ROOT.parent / "shared" / "reference").is_dir():
        shutil.copytree(ROOT.parent / "shared" / "reference", out / "reference")
    texts = out / "texts"
    files = 0

    shared = Article("synthetic-register", "Synthetic register of inspectorates, areas and themes", "pub-0", "2025-01-01")
    shared.record("peel", "InspectionProgramme", "PEEL", ["fullName: Police Effectiveness, Efficiency and Legitimacy"],
                  ["the PEEL programme of police inspections is listed in this register"])
    shared.record("hmic", "Inspectorate", "HMIC", [f"fullName: {q('Her Majesty’s Inspectorate of Constabulary')}"],
                  ["HMIC inspected police forces until 2017 according to this register"])
    shared.record("hmicfrs", "Inspectorate", "HMICFRS",
                  [f"fullName: {q('His Majesty’s Inspectorate of Constabulary and Fire and Rescue Services')}"],
                  ["HMICFRS has inspected police forces since 2017 according to this register"])
    shared.record("england-and-wales", "Place", "England and Wales", [], ["England and Wales is a place named in this register"])
    for i, name in enumerate(PUBLISHERS):
        shared.record(f"pub-{i}", "Organisation", name, [], [f"{name} is a publisher listed in this register"])
    for area in AREAS:
        shared.record(f"area-{slug(area)}", "AssessmentArea", area, [],
                      [f"the assessment area {area} is defined in this register"])
    for k in range(3):
        shared.record(f"inspector-{k}", "Person", f"Inspector {FIRST[k]} {LAST[k]}", [],
                      [f"HM Inspector {FIRST[k]} {LAST[k]} is listed in this register as inspector number {k}"])
    used: set[str] = set()  # themes some fact names (a theme no fact names does not conform)

    for f_index, force in enumerate(FORCES[:forces]):
        fid, fname = slug(force) + "-police", f"{force} Police"
        profile = Article(f"{fid}-profile", f"Synthetic profile of {fname}", f"pub-{f_index % len(PUBLISHERS)}", "2014-01-01")
        profile.record(slug(force), "Place", force, ["schema:containedInPlace: england-and-wales"],
                       [f"{fname} polices {force} according to its profile"])
        profile.record(fid, "PoliceForce", fname, [f"jurisdiction: {slug(force)}"], [f"{fname} is a territorial police force"])
        for role, post_label in (("role-chief-constable", "chief constable"),
                                 ("role-police-and-crime-commissioner", "police and crime commissioner")):
            post = f"post-{slug(post_label)}-{fid}"
            profile.record(post, "Post", f"{post_label} of {fname}", [f"roleType: {role}", "singleHolder: true"]
                           + ([f"org:postIn: {fid}"] if role == "role-chief-constable" else []),
                           [f"{fname} has one {post_label} at a time"])
            for term, start in enumerate(range(2014, 2026, 4)):
                person = f"{fid}-{slug(post_label)}-{term}"
                name = f"{rng.choice(FIRST)} {rng.choice(LAST)} {f_index}-{term}"
                profile.record(person, "Person", name, [], [f"{name} served {fname} as {post_label} from {start}"])
                profile.record(f"holding-{person}", "PostHolding", f"{name} as {post_label} of {fname}",
                               [f"org:member: {person}", f"post: {post}",
                                f"org:memberDuring: {{startDate: {start}-01, endDate: {start + 3}-12}}"],
                               [f"{name} was {post_label} of {fname} from January {start} to December {start + 3}"])
        write(out / "data" / "forces" / f"{fid}.yaml", profile.yaml([]))
        write(texts / f"{profile.id}.txt", profile.text())
        files += 1

        previous = None
        for year in range(first_year, 2026):
            five = year >= 2021
            scale, grades = ("peel-five-grade-scale", GRADES5) if five else ("peel-four-grade-scale", GRADES4)
            prefix = "peel5-" if five else "peel4-"
            insp = f"peel-{year}-{fid}"
            for k in range(articles):
                art = Article(f"{fid}-{year}-{k}", f"Synthetic report {k} on the {year} inspection of {fname}",
                              f"pub-{(f_index + k) % len(PUBLISHERS)}", f"{year}-{(k % 12) + 1:02d}-15")
                if k == 0:
                    fields = [f"inspectedForce: {fid}", f"inspectorate: {'hmic' if year < 2018 else 'hmicfrs'}",
                              "programme: peel", f"usesScale: {scale}", f"leadInspector: inspector-{year % 3}",
                              f"report: {insp}-report", f"date: {year}"]
                    fields += [f"previousInspection: {previous}"] if previous else []
                    art.record(insp, "Inspection", f"PEEL {year} inspection of {fname}", fields,
                               [f"the {year} PEEL inspection of {fname} was published this year"])
                    art.record(f"{insp}-report", "Report", f"PEEL {year} report on {fname}", [],
                               [f"the {year} PEEL report on {fname} is available"])
                    for area in AREAS[: 4 + (year % 3)]:
                        grade = rng.choice(grades)
                        art.record(f"{insp}-{slug(area)}", "Assessment", f"PEEL {year}: {area} - {grade}",
                                   [f"inspection: {insp}", f"area: area-{slug(area)}", f"grade: {prefix}{slug(grade)}",
                                    f"gradeWording: {grade}", f"about: {fid}"],
                                   [f"{fname} was graded {grade} at {area} in {year}"])
                for n in range(findings):
                    theme = THEMES[(n + k + year) % len(THEMES)]
                    used.add(theme)
                    kind = ("Concern", "Praise", "AreaForImprovement", "Finding")[(n + year) % 4]
                    rid = f"{art.id}-finding-{n}"
                    art.record(rid, kind, f"{kind} {n} on {theme} at {fname} in {year} ({k})",
                               [f"inspection: {insp}", f"madeBy: {'hmic' if year < 2018 else 'hmicfrs'}", f"about: {fid}",
                                f"theme: theme-{slug(theme)}"],
                               [f"inspectors reported point {n} about {theme} at {fname} in article {k} of {year}"])
                    if n % 3 == 0:
                        before, after = rng.randint(10, 500), rng.randint(10, 500)
                        art.record(f"{art.id}-figure-{n}", "Statistic", f"{theme} figure {n} at {fname}, {year} ({k})",
                                   [f"measure: {q(theme + ' cases')}", f"earlierValue: {before}", f"laterValue: {after}",
                                    "unit: cases", f"about: {fid}", f"theme: theme-{slug(theme)}"],
                                   [f"the {theme} figure {n} at {fname} went from {before} to {after} in article {k} of {year}"])
                    if n % 2 == 1:
                        term = (year - 2014) // 4
                        speaker = f"{fid}-chief-constable-{term}"
                        said = f"we are working hard on {theme} in {year} and will keep improving point {n} of article {k}"
                        art.record(f"{art.id}-quote-{n}", "Quotation", f"Chief constable on {theme}, {year} ({k}, {n})",
                                   [f"speaker: {speaker}", f"quoteText: {q(said)}", f"about: {fid}",
                                    f"theme: theme-{slug(theme)}"], [said])
                write(out / "data" / str(year) / f"{art.id}.yaml", art.yaml([insp]))
                write(texts / f"{art.id}.txt", art.text())
                files += 1
            previous = insp
    for theme in (t for t in THEMES if t in used):
        shared.record(f"theme-{slug(theme)}", "Theme", theme, [], [f"the theme {theme} is named in this register"])
    write(out / "data" / "shared.yaml", shared.yaml([]))
    write(texts / f"{shared.id}.txt", shared.text())
    files += 1
    return {"files": files, "forces": forces, "years": f"{first_year}-2025", "articles_per_inspection": articles}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", choices=sorted(SIZES), default="10k", help="approximate triples of the built union")
    parser.add_argument("--out", required=True, type=Path, help="the project folder to write (replaced)")
    parser.add_argument("--seed", type=int, default=11)
    args = parser.parse_args()
    info = generate(args.out, *SIZES[args.size], seed=args.seed)
    print(f"Wrote {args.out}: {info['files']} data files, {info['forces']} forces, {info['years']}, "
          f"{info['articles_per_inspection']} article(s) per inspection")


if __name__ == "__main__":
    main()
