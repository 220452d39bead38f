"""The course's table of contents, and what is made from it: index, navigation, the README's table.

The notebooks of the course, in order, are one list: ``klantlib/notebooks.toml``
(number, file, title, book §, topics, model modules; a notebook still to be
written is ``planned``). Never edit the index in the start notebook or the
navigation cells by hand: they are made from it when ``make notebooks`` builds
the notebooks from their source (:mod:`klantlib.course`), and a test fails when
a notebook is out of date. A cell is generated when it carries the tag ``index``
(the start notebook's table of contents) or ``navigation`` (the links to the
previous and next notebook and the index). The notebook table in ``README.md``
is made by ``python -m klantlib.navigation``; ``tests/test_manifest.py`` checks
it, the title cells and the package docstring against the list.

>>> print(navigation_markdown("04_rfm_klantenmatrix.ipynb", ["00_start_hier.ipynb", "04_rfm_klantenmatrix.ipynb"]))
---
**Verder:** ← vorige: [00 · Start hier](00_start_hier.ipynb) · [inhoud](00_start_hier.ipynb#Inhoud)
>>> COURSE[0].stem, _chapter("04_rfm_klantenmatrix.ipynb").section
('00_start_hier', '§1.3.1, §1.3.2')
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from klantlib._resources import package_toml

__all__ = ["CHAPTERS", "COURSE", "MANIFEST", "Chapter", "generated_source", "index_markdown", "navigation_markdown",
           "readme_table", "write_readme_table"]

INDEX_FILE = "00_start_hier.ipynb"
#: The package file that lists the course's notebooks.
MANIFEST = "notebooks.toml"


@dataclass(frozen=True)
class Chapter:
    """One notebook of the course, as ``klantlib/notebooks.toml`` describes it."""

    file: str
    title: str
    section: str  # the book's §, "–" for none
    topics: str
    number: str = ""
    models: tuple[str, ...] = ()
    planned: bool = False

    @property
    def stem(self) -> str:
        """The name without ``.ipynb``: also the name of its source (``.md``) and self-checks (``.toml``)."""
        return self.file.removesuffix(".ipynb")


def _read_manifest() -> tuple[Chapter, ...]:
    chapters = []
    for entry in package_toml(MANIFEST)["notebook"]:
        chapter = Chapter(file=entry["file"], title=entry["title"], section=entry["section"], topics=entry["topics"],
                          number=entry["number"], models=tuple(entry.get("models", ())),
                          planned=entry.get("planned", False))
        if not re.fullmatch(r"\d\d_\w+\.ipynb", chapter.file) or not chapter.file.startswith(f"{chapter.number}_"):
            raise ValueError(f"klantlib/{MANIFEST}: notebook {chapter.number}: de bestandsnaam {chapter.file!r} moet "
                             f"beginnen met '{chapter.number}_' en eindigen op '.ipynb'.")
        chapters.append(chapter)
    numbers = [c.number for c in chapters]
    if numbers != sorted(set(numbers)):
        raise ValueError(f"klantlib/{MANIFEST}: de nummers moeten oplopen en elk één keer voorkomen: {', '.join(numbers)}.")
    return tuple(chapters)


#: Every notebook of the course in order, the planned ones too (klantlib/notebooks.toml).
CHAPTERS: tuple[Chapter, ...] = _read_manifest()
#: The notebooks that exist (not planned), in order: what ``make demo`` lists.
COURSE: list[Chapter] = [chapter for chapter in CHAPTERS if not chapter.planned]


def _chapter(file: str) -> Chapter:
    return next(c for c in CHAPTERS if c.file == file)


def _label(chapter: Chapter) -> str:
    return f"{chapter.number} · {chapter.title}"


def index_markdown(available: list[str]) -> str:
    """The table of contents: every notebook of the course, linked where it exists."""
    lines = [
        "## Inhoud",
        "",
        "| # | notebook | boek | onderwerpen |",
        "|---|---|---|---|",
    ]
    for chapter in CHAPTERS:
        name = f"[{chapter.title}]({chapter.file})" if chapter.file in available else f"{chapter.title} *(volgt nog)*"
        lines.append(f"| {chapter.number} | {name} | {chapter.section} | {chapter.topics} |")
    return "\n".join(lines)


def navigation_markdown(file: str, available: list[str]) -> str:
    """The links at the bottom of a notebook: previous, index, next (among existing notebooks)."""
    order = [c.file for c in CHAPTERS if c.file in available]
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


README = Path(__file__).resolve().parent.parent / "README.md"
_README_HEADER = "| # | notebook | boek |"


def readme_table() -> str:
    """The notebook table of ``README.md``: every notebook with a link, the planned ones as "(volgt nog)"."""
    lines = [_README_HEADER, "|---|---|---|"]
    for chapter in CHAPTERS:
        name = (f"{chapter.title} *(volgt nog)*" if chapter.planned
                else f"[{chapter.title}](notebooks/{chapter.file})")
        lines.append(f"| {chapter.number} | {name}: {chapter.topics} | {chapter.section} |")
    return "\n".join(lines)


def write_readme_table(path: Path = README) -> bool:
    """Put :func:`readme_table` in place of the table that starts with its header; return whether it changed."""
    text = Path(path).read_text(encoding="utf-8")
    lines = text.split("\n")
    start = next((k for k, line in enumerate(lines) if line == _README_HEADER), None)
    if start is None:
        raise ValueError(f"{path}: geen tabel met de kop {_README_HEADER!r} gevonden.")
    end = start
    while end < len(lines) and lines[end].startswith("|"):
        end += 1
    new = "\n".join([*lines[:start], readme_table(), *lines[end:]])
    if new != text:
        Path(path).write_text(new, encoding="utf-8")
    return new != text


if __name__ == "__main__":
    changed = write_readme_table()
    print("README.md: de tabel met notebooks is bijgewerkt." if changed else "README.md: de tabel met notebooks klopt al.")
