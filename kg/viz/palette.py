"""Colours of the classes, shared by the page and the static pictures.

Related classes get related colours (findings green/red/orange, organisations blue,
the inspection family teal) so a reader can tell kinds of things apart before
reading the legend. A class the palette does not know gets the next colour of a
fallback list, in sorted order, so colours never depend on the run.
"""

from __future__ import annotations

KNOWN = {
    "kg:PoliceForce": "#1f4e9c", "kg:Inspectorate": "#3d74c4", "kg:Organisation": "#7fa6dc",
    "kg:Person": "#8e44ad", "kg:Post": "#b07cc6", "kg:PostHolding": "#c9a0dc", "kg:Role": "#ddc4ea",
    "kg:Interval": "#ece0f3",
    "kg:Inspection": "#00897b", "kg:InspectionProgramme": "#00695c", "kg:Report": "#4db6ac",
    "kg:Assessment": "#26a69a", "kg:AssessmentArea": "#80cbc4", "kg:Grade": "#b2dfdb", "kg:GradeScale": "#004d40",
    "kg:Praise": "#2e7d32", "kg:Concern": "#c62828", "kg:AreaForImprovement": "#ef6c00", "kg:Finding": "#a1887f",
    "kg:Quotation": "#f9a825", "kg:Claim": "#8d5524", "kg:Statistic": "#d81b60", "kg:Plan": "#5c6bc0",
    "kg:Event": "#5d4037", "kg:Theme": "#9e9e9e", "kg:Place": "#607d8b", "kg:SourceArticle": "#212121",
}
FALLBACK = ["#e41a1c", "#377eb8", "#4daf4a", "#984ea3", "#ff7f00", "#a65628", "#f781bf", "#999999"]


def class_colours(classes: list[str]) -> dict[str, str]:
    """A colour for each class (CURIE)."""
    out, spare = {}, iter(FALLBACK * (len(classes) // len(FALLBACK) + 1))
    for cls in sorted(classes):
        out[cls] = KNOWN.get(cls) or next(spare)
    return out

