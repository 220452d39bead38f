"""The course grows in one place: klantlib/notebooks.toml lists every notebook (klantlib.navigation).

Made from the list: the index of notebook 00 and the navigation cells (tests/test_course.py checks that the
notebooks are built from their source), the README's notebook table and ``make demo``'s list. Checked
against it here: which notebooks, sources and self-checks exist, every title cell, the package docstring.
"""

import re
from pathlib import Path

import pytest

import klantlib
from klantlib.navigation import CHAPTERS, COURSE, MANIFEST, Chapter, index_markdown, readme_table, write_readme_table

ROOT = Path(__file__).resolve().parent.parent

#: Where each notebook of the list has its files: the notebook, its source, its self-checks.
PLACES = {"notebook": ("notebooks", ".ipynb"), "source": ("source", ".md"), "self-check": ("klantlib/questions", ".toml")}


def manifest_problems(root: Path, chapters=CHAPTERS) -> list[str]:
    """What does not agree between the list and the files under ``root`` (Dutch, one line a problem)."""
    problems = []
    stems = {chapter.stem for chapter in chapters}
    for what, (folder, suffix) in PLACES.items():
        for path in sorted((root / folder).glob(f"[0-9][0-9]_*{suffix}")):
            if path.stem not in stems:
                problems.append(f"{folder}/{path.name} staat niet in klantlib/{MANIFEST}")
        for chapter in chapters:
            exists = (root / folder / f"{chapter.stem}{suffix}").exists()
            if not chapter.planned and not exists:
                problems.append(f"{chapter.number}: {folder}/{chapter.stem}{suffix} ontbreekt")
            if chapter.planned and exists and what != "self-check":
                problems.append(f"{chapter.number}: {folder}/{chapter.stem}{suffix} bestaat, maar het notebook "
                                "staat nog als gepland (haal 'planned = true' weg)")
    return problems


def test_every_notebook_source_and_self_check_is_in_the_list_and_the_other_way_round():
    assert manifest_problems(ROOT) == []


def test_the_check_sees_a_notebook_missing_from_the_list_and_a_listed_one_without_files(tmp_path):
    for folder, _ in PLACES.values():
        (tmp_path / folder).mkdir(parents=True)
    written = [chapter for chapter in CHAPTERS if not chapter.planned]
    # A planned notebook at the end of the list (the course may have none left).
    planned = next((chapter for chapter in CHAPTERS if chapter.planned), None) or Chapter(
        file="99_gepland.ipynb", title="Gepland", section="–", topics="", number="99", planned=True)
    chapters = (*written, planned)
    for chapter in written:
        for folder, suffix in PLACES.values():
            (tmp_path / folder / f"{chapter.stem}{suffix}").write_text("")
    assert manifest_problems(tmp_path, chapters) == []
    (tmp_path / "source" / "42_nieuw.md").write_text("")
    (tmp_path / "klantlib/questions" / f"{written[1].stem}.toml").unlink()
    (tmp_path / "notebooks" / planned.file).write_text("")
    assert manifest_problems(tmp_path, chapters) == [
        f"{planned.number}: notebooks/{planned.file} bestaat, maar het notebook staat nog als gepland "
        "(haal 'planned = true' weg)",
        f"source/42_nieuw.md staat niet in klantlib/{MANIFEST}",
        f"{written[1].number}: klantlib/questions/{written[1].stem}.toml ontbreekt",
    ]


def test_the_list_is_in_order_with_the_files_named_after_their_numbers():
    assert [c.number for c in CHAPTERS] == [f"{k:02d}" for k in range(len(CHAPTERS))]
    assert all(c.file.startswith(f"{c.number}_") for c in CHAPTERS)
    assert COURSE == [c for c in CHAPTERS if not c.planned] and COURSE[0].file == "00_start_hier.ipynb"
    # The planned notebooks come after the written ones: navigation never skips over a gap.
    assert [c.planned for c in CHAPTERS] == sorted(c.planned for c in CHAPTERS)
    # "–", the book's § ("§1.3.1, §1.3.2"), or another source before them ("praktijkboek; §2.3.3")
    assert all(re.fullmatch(r"–|([^;§]+; )?§\d+(\.\d+)*(, §\d+(\.\d+)*)*", c.section) for c in CHAPTERS)


def _title_line(chapter) -> str:
    text = (ROOT / "source" / f"{chapter.stem}.md").read_text(encoding="utf-8")
    return next(line for line in text.splitlines() if line.startswith("# "))


@pytest.mark.parametrize("chapter", COURSE, ids=[c.number for c in COURSE])
def test_the_title_cell_names_number_title_and_section_of_the_list(chapter):
    section = "" if chapter.section == "–" else f" ({chapter.section})"
    assert _title_line(chapter) == f"# {chapter.number} · {chapter.title}{section}"


def test_the_index_shows_every_notebook_and_planned_ones_as_still_to_come():
    text = index_markdown([c.file for c in COURSE])
    rows = [line for line in text.splitlines() if re.match(r"\| \d\d \|", line)]
    assert len(rows) == len(CHAPTERS)
    for chapter, row in zip(CHAPTERS, rows):
        assert row.startswith(f"| {chapter.number} | ") and f"| {chapter.section} | {chapter.topics} |" in row
        assert ("*(volgt nog)*" in row) == chapter.planned
        assert (f"]({chapter.file})" in row) == (not chapter.planned)


def test_the_readme_table_is_made_from_the_list(tmp_path):
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert readme_table() in readme, "the README's notebook table is out of date: run `python -m klantlib.navigation`"
    # The command puts the table in place of the old one and leaves the rest as it is.
    stale = tmp_path / "README.md"
    stale.write_text("# Titel\n\n| # | notebook | boek |\n|---|---|---|\n| 00 | oud | – |\n\nTekst.\n", encoding="utf-8")
    assert write_readme_table(stale) is True
    assert stale.read_text(encoding="utf-8") == f"# Titel\n\n{readme_table()}\n\nTekst.\n"
    assert write_readme_table(stale) is False


#: A model line of the package docstring: "- :mod:`klantlib.rfm`: ... (notebook 04; §1.3.1, §1.3.2)."
MODEL_LINE = re.compile(r"^- :mod:`klantlib\.(\w+)`: .*\(notebook (\d\d); (§[^)]*|–)\)\.$", re.MULTILINE)


def test_the_package_docstring_names_each_model_with_its_notebook_and_section():
    lines = {module: (number, section) for module, number, section in MODEL_LINE.findall(klantlib.__doc__)}
    models = {module: chapter for chapter in CHAPTERS for module in chapter.models}
    assert set(lines) == set(models), "one line in klantlib/__init__.py per model module of the list"
    for module, (number, section) in lines.items():
        chapter = models[module]
        assert number == chapter.number, module
        assert set(section.split(", ")) <= set(chapter.section.split("; ")[-1].split(", ")), \
            f"klantlib.{module}: {section} is not among the § of notebook {chapter.number} ({chapter.section})"
    assert set(models) <= klantlib._public_modules()
