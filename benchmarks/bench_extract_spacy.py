"""Would spaCy help kg extract? Its rule-based sentence splitter against kg's own, measured by --eval and by time.

    .venv/bin/pip install spacy   # not a dependency of kg: only this comparison needs it
    .venv/bin/python benchmarks/bench_extract_spacy.py [FOLDER ...]

spaCy has no maintained English model on PyPI (the pipelines install from GitHub
releases), so what it can offer offline is ``spacy.blank('en')``: its tokenizer, the
rule-based ``sentencizer`` and the token ``Matcher``. The Matcher matches token patterns,
which is what kg's regular expressions over the reference vocabulary already do; the
sentencizer is a separate piece of kg (kg.extract.article._sentences) that can be swapped
in place. This script drafts every article of the folders (default: the fixture articles)
with each splitter and prints precision and recall per kind and the time taken, so the
choice is measured, not assumed. Not a test: copy the figures into the README by hand.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kg.extract import article as article_module  # noqa: E402
from kg.extract.article import Span  # noqa: E402
from kg.extract.evaluate import KINDS, evaluate_folder, total  # noqa: E402
from kg.project import Project  # noqa: E402


def spacy_sentences():
    try:
        import spacy
    except ImportError:
        sys.exit("bench_extract_spacy: spaCy is not installed; run .venv/bin/pip install spacy")
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")

    def sentences(p: Span) -> list[Span]:
        out = []
        for sent in nlp(p.text).sents:
            s, e = sent.start_char, sent.end_char
            while e > s and p.text[e - 1].isspace():
                e -= 1
            if e > s:
                out.append(Span(p.start + s, p.start + e, p.text[s:e]))
        return out

    return sentences, spacy.__version__


def measure(folders: list[Path], project: Project) -> tuple[dict, float]:
    started = time.perf_counter()
    results = [r for f in folders for r in evaluate_folder(f, project)]
    return total(results), time.perf_counter() - started


def main() -> None:
    folders = [Path(a) for a in sys.argv[1:]] or [ROOT / "tests" / "fixtures" / "articles"]
    project = Project.at(ROOT)
    own = article_module._sentences
    measure(folders, project)  # warm-up: reads the graph once, as --eval does
    rows = {"kg's splitter": measure(folders, project)}
    spacy_split, version = spacy_sentences()
    article_module._sentences = spacy_split
    try:
        measure(folders, project)
        rows[f"spaCy {version} blank('en') + sentencizer"] = measure(folders, project)
    finally:
        article_module._sentences = own
    print(f"articles: {', '.join(str(f) for f in folders)}")
    for name, (scores, seconds) in rows.items():
        print(f"{name}: {seconds:.2f} s")
        for k in KINDS:
            s = scores[k]
            p = f"{s.precision:.2f}" if s.precision is not None else "-"
            r = f"{s.recall:.2f}" if s.recall is not None else "-"
            print(f"  {k:28} precision {p:>5}  recall {r:>5}")


if __name__ == "__main__":
    main()
