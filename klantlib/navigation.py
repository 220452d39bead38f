"""The course's table of contents, and the generated index and navigation cells.

Never edit the index in the start notebook or the navigation cells by hand:
they are made from :data:`COURSE` when ``make notebooks`` builds the notebooks from
their source (:mod:`klantlib.course`), and a test fails when a notebook is out of
date. A cell is generated when it carries the tag ``index`` (the start notebook's
table of contents) or ``navigation`` (the links to the previous and next notebook
and the index).

>>> print(navigation_markdown("04_rfm_klantenmatrix.ipynb", ["00_start_hier.ipynb", "04_rfm_klantenmatrix.ipynb"]))
---
**Verder:** ← vorige: [00 · Start hier](00_start_hier.ipynb) · [inhoud](00_start_hier.ipynb#Inhoud)
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["COURSE", "Chapter", "generated_source", "index_markdown", "navigation_markdown"]

INDEX_FILE = "00_start_hier.ipynb"


@dataclass(frozen=True)
class Chapter:
    file: str
    title: str
    section: str  # the book's §
    topics: str


#: The notebooks of the course, in order (the course map in the team's shared docs).
COURSE = [
    Chapter("00_start_hier.ipynb", "Start hier", "–", "hoe de cursus werkt, Jupyter, de casus Trapper Fietsen"),
    Chapter("01_wie_is_de_klant.ipynb", "Wie is de klant?", "§1.1, §1.2.3, §1.2.4", "definitie van de klant, markten, betaler en gebruiker, CRM"),
    Chapter("02_dmu_en_koopsituaties.ipynb", "Koopgedrag en de DMU", "§1.2.1, §1.2.2", "koopgedragsrollen, DMU, new task / modified rebuy / straight rebuy"),
    Chapter("03_vals_segmentatie.ipynb", "Segmentatie en VALS", "§1.2.1", "marktsegmentatie, VALS-typologie, mentality-model"),
    Chapter("04_rfm_klantenmatrix.ipynb", "De 80/20-regel, RFM en de klantenmatrix", "§1.3", "80/20-regel, RFM, Partners, Vrienden, Economici en Dogs"),
    Chapter("05_servqual_gaps.ipynb", "Klanttevredenheid, het gapmodel en SERVQUAL", "§1.4, §2.1, §2.2", "tevredenheid, diensten, vijf kwaliteitsfactoren, gapmodel, SERVQUAL, SERVPERF, Martin"),
    Chapter("06_orca_klantreis.ipynb", "De online klantreis: ORCA", "§1.2.4", "Oriëntatie, Research, Communicatie, Actie; trechter en uitval"),
]


def _chapter(file: str) -> Chapter:
    return next(c for c in COURSE if c.file == file)


def _label(chapter: Chapter) -> str:
    return f"{chapter.file[:2]} · {chapter.title}"


def index_markdown(available: list[str]) -> str:
    """The table of contents: every notebook of the course, linked where it exists."""
    lines = [
        "## Inhoud",
        "",
        "| # | notebook | boek | onderwerpen |",
        "|---|---|---|---|",
    ]
    for chapter in COURSE:
        name = f"[{chapter.title}]({chapter.file})" if chapter.file in available else f"{chapter.title} *(volgt nog)*"
        lines.append(f"| {chapter.file[:2]} | {name} | {chapter.section} | {chapter.topics} |")
    return "\n".join(lines)


def navigation_markdown(file: str, available: list[str]) -> str:
    """The links at the bottom of a notebook: previous, index, next (among existing notebooks)."""
    order = [c.file for c in COURSE if c.file in available]
    position = order.index(file)
    parts = []
    if position > 0:
        previous = _chapter(order[position - 1])
        parts.append(f"← vorige: [{_label(previous)}]({previous.file})")
    if file != INDEX_FILE:
        parts.append(f"[inhoud]({INDEX_FILE}#Inhoud)")
    if position + 1 < len(order):
        following = _chapter(order[position + 1])
        parts.append(f"volgende: [{_label(following)}]({following.file}) →")
    return "---\n**Verder:** " + " · ".join(parts)


def generated_source(cell, file: str, available: list[str]) -> str | None:
    """The generated text of a cell tagged ``index`` or ``navigation`` in notebook ``file``; else None."""
    tags = cell.get("metadata", {}).get("tags", [])
    if "index" in tags:
        return index_markdown(available)
    if "navigation" in tags:
        return navigation_markdown(file, available)
    return None
