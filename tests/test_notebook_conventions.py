"""Every notebook follows the course conventions (shared docs, "Conventions for every notebook").

nbval (run on every notebook by `make test`) proves that a clean restart-and-run-all
gives the stored outputs; these tests check the shape around it.
"""

import json
import re
from pathlib import Path

import pytest

from klantlib.navigation import COURSE

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
WIDGET = "application/vnd.jupyter.widget-view+json"


def _load(path):
    return json.loads(path.read_text(encoding="utf-8"))


def _source(cell):
    return "".join(cell.get("source", ""))


def _tags(cell):
    return cell.get("metadata", {}).get("tags", [])


@pytest.fixture(params=NOTEBOOKS, ids=[p.name for p in NOTEBOOKS])
def notebook(request):
    return request.param, _load(request.param)


def test_the_notebooks_are_those_of_the_course():
    """Which notebooks there are is klantlib/notebooks.toml's; tests/test_manifest.py checks sources and self-checks."""
    assert [p.name for p in NOTEBOOKS] == [c.file for c in COURSE]


def test_title_cell(notebook):
    path, nb = notebook
    first = nb["cells"][0]
    text = _source(first)
    assert first["cell_type"] == "markdown"
    assert text.startswith(f"# {path.name[:2]} · "), "title: '# NN · onderwerp'"
    if not path.name.startswith("00"):
        assert re.search(r"§\s?\d", text), "the title cell names the book's §"
    goals = text.split("Na dit notebook kun je", 1)
    assert len(goals) == 2, "learning goals start with 'Na dit notebook kun je'"
    bullets = re.findall(r"^\s*[-*] ", goals[1], re.MULTILINE)
    assert 3 <= len(bullets) <= 6, "3-5 learning goals"
    assert re.search(r"\d+\s*minuten", text), "say how long it takes"


def test_setup_cell_checks_the_environment(notebook):
    _, nb = notebook
    code = [c for c in nb["cells"] if c["cell_type"] == "code"]
    assert "setup(" in _source(code[0]), "the first code cell calls klantlib.notebook.setup()"


def test_saved_after_restart_and_run_all(notebook):
    _, nb = notebook
    code = [c for c in nb["cells"] if c["cell_type"] == "code" and _source(c).strip()]
    assert [c["execution_count"] for c in code] == list(range(1, len(code) + 1))
    for cell in code:
        for output in cell["outputs"]:
            assert output["output_type"] != "error", _source(cell)
            if output.get("name") == "stderr":
                assert "Warning" not in "".join(output["text"]), _source(cell)
                assert "/tmp/ipykernel" not in "".join(output["text"])


def test_widgets_also_leave_a_static_figure(notebook):
    _, nb = notebook
    outputs = [o for c in nb["cells"] if c["cell_type"] == "code" for o in c["outputs"]]
    assert any(WIDGET in o.get("data", {}) for o in outputs), "at least one interactive widget"
    assert any("image/png" in o.get("data", {}) for o in outputs), "a static figure in the stored output"


def test_only_widget_cells_are_exempt_from_output_checks(notebook):
    """Sanitize only what truly varies: a cell may skip nbval's output check only if it shows a widget."""
    _, nb = notebook
    for cell in nb["cells"]:
        if "nbval-ignore-output" in _tags(cell) or "nbval-skip" in _tags(cell):
            assert "nbval-skip" not in _tags(cell), "don't skip cells: run them"
            assert any(WIDGET in o.get("data", {}) for o in cell["outputs"]), _source(cell)


def test_exercises_with_self_checks_and_a_summary(notebook):
    """Self-checks and a summary; how many checks, of which kinds and where: tests/test_course.py."""
    _, nb = notebook
    markdown = "\n".join(_source(c) for c in nb["cells"] if c["cell_type"] == "markdown")
    code = "\n".join(_source(c) for c in nb["cells"] if c["cell_type"] == "code")
    assert "check(" in code or "ask(" in code
    assert re.search(r"^#+ .*Samenvatting", markdown, re.MULTILINE)


def test_navigation_is_generated_and_current(notebook):
    _, nb = notebook
    assert "navigation" in _tags(nb["cells"][-1]), "the last cell is the generated navigation"
    # That it is current: the build makes it (klantlib.course), tests/test_course.py checks the sync.


def test_offline_only(notebook):
    _, nb = notebook
    code = "\n".join(_source(c) for c in nb["cells"] if c["cell_type"] == "code")
    assert not re.search(r"(sns|seaborn)\.load_dataset", code), "seaborn's datasets come from the internet"
    assert not re.search(r"https?://", code)
    assert nb["metadata"]["kernelspec"]["name"] == "python3"


def test_a_notebook_on_the_course_data_says_they_are_invented(notebook):
    """Invented data say they are invented, in the notebook that uses them (the data card is not enough)."""
    path, nb = notebook
    code = "\n".join(_source(c) for c in nb["cells"] if c["cell_type"] == "code")
    prose = "\n".join(_source(c) for c in nb["cells"] if c["cell_type"] == "markdown")
    if re.search(r"load_dataset\(|klantlib\.data\b|from klantlib\.data import", code):
        assert re.search(r"\bverzonnen\b", prose, re.I), f"{path.name}: say that the data are invented (verzonnen)"


@pytest.mark.parametrize("source", sorted((ROOT / "source").glob("[0-9]*.md")), ids=lambda p: p.stem)
def test_no_section_is_swallowed_by_a_lecturer_only_cell(source):
    """A heading inside a worked solution means the next section lost its ``+++``: students would never see it.

    Only a lecturer's own section (``## Voor docenten ...``) may start in a ``docent`` cell.
    """
    import jupytext

    swallowed = []
    for cell in jupytext.read(source).cells:
        tags = cell.metadata.get("tags", [])
        if cell.cell_type != "markdown" or not {"oplossing", "docent"} & set(tags):
            continue
        for line in cell.source.splitlines():
            if re.match(r"#{1,4} ", line) and not ("docent" in tags and "Voor docenten" in line):
                swallowed.append(line)
    assert not swallowed, f"Koppen in een cel voor docenten (zet +++ ervoor): {swallowed}"
