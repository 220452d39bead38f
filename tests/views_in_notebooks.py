"""The views as the notebooks use them, found by running the notebooks (a helper of the tests, not a test).

The tests that check every figure or widget (accessibility, redraws) take them from here, so a new view
or a new notebook is checked without a list to keep up to date:

- :func:`view_functions` finds every public function of ``klantlib.views.*`` by introspection;
- :func:`run_course` runs every notebook of the course (``klantlib/notebooks.toml``), in the lecturer's
  version with every worked solution, in this process, top to bottom in a scratch folder, and records
  what each view function returned and every figure a cell left open for the notebook to show;
- :func:`figure_of` finds the matplotlib figure in what a view returned (an Axes, an array of Axes, a
  Figure, ``(figure, text)`` or a widget with a figure area).

Running in this process takes about 5 s for the whole course. What a notebook changes for the rest of the
process (plot style, warning filters, pandas options, the self-checks' memory, the working folder) is put
back afterwards.
"""

from __future__ import annotations

import contextlib
import importlib
import inspect
import io
import os
import pkgutil
import shutil
import sys
import warnings
from dataclasses import dataclass, field
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402

import klantlib.views  # noqa: E402
from klantlib import course  # noqa: E402
from klantlib.navigation import COURSE  # noqa: E402
from klantlib.views._widgets import find_widget  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent


def view_functions() -> dict[str, object]:
    """Every public function defined in a public module of ``klantlib.views``, as ``"<module>.<name>"``."""
    found = {}
    for info in pkgutil.iter_modules(klantlib.views.__path__):
        if info.name.startswith("_"):
            continue
        module = importlib.import_module(f"klantlib.views.{info.name}")
        for name, function in inspect.getmembers(module, inspect.isfunction):
            if not name.startswith("_") and function.__module__ == module.__name__:
                found[f"{info.name}.{name}"] = function
    return found


def drawing_functions() -> set[str]:
    """The view functions that draw (take ``ax`` or ``axes``) or build a widget (``*_widget``)."""
    found = set()
    for name, function in view_functions().items():
        parameters = inspect.signature(function).parameters
        if "ax" in parameters or "axes" in parameters or name.endswith("_widget"):
            found.add(name)
    return found


def figure_of(result):
    """The figure in what a view returned, or None (a widget without a figure, a table, a text)."""
    if hasattr(result, "children") or hasattr(result, "_dom_classes"):  # an ipywidget
        area = find_widget(result, "klant-figuur")
        return None if area is None else area.area.fig
    if isinstance(result, tuple) and result:
        result = result[0]
    if isinstance(result, np.ndarray) and result.size:
        result = result.flat[0]
    if isinstance(result, matplotlib.figure.Figure):
        return result
    if isinstance(result, matplotlib.axes.Axes):
        return result.get_figure(root=True)
    return None


@dataclass
class Call:
    """One call of a view function while a notebook ran: its name (``"rfm.matrix_figure"``) and its result."""

    name: str
    result: object


@dataclass
class Run:
    """What one notebook did with the views."""

    number: str
    calls: list[Call] = field(default_factory=list)
    shown: list = field(default_factory=list)  # the pyplot figures open at the end of a cell
    folder: Path | None = None  # the notebook's working folder (answers a widget saves go there)

    def figures(self) -> list[tuple[str, object]]:
        """Every figure once, named after the first view that returned it (else "figuur van de notebook")."""
        named, seen = [], set()
        for name, fig in [(call.name, figure_of(call.result)) for call in self.calls] + \
                         [("figuur in het notebook", fig) for fig in self.shown]:
            if fig is not None and id(fig) not in seen:
                seen.add(id(fig))
                named.append((name, fig))
        return named

    def widgets(self) -> list[tuple[str, object]]:
        """Every widget a ``*_widget`` view built that has a figure area."""
        return [(call.name, call.result) for call in self.calls
                if call.name.endswith("_widget") and figure_of(call.result) is not None]


def _pandas_options(node=None, prefix: str = "") -> list[str]:
    node = pd.options if node is None else node
    names = []
    for key in dir(node):
        value = getattr(node, key)
        if type(value) is type(pd.options):
            names += _pandas_options(value, f"{prefix}{key}.")
        else:
            names.append(f"{prefix}{key}")
    return names


@contextlib.contextmanager
def _process_state_kept():
    """Put back afterwards what a notebook changes for the whole process."""
    from klantlib import plotting, selfcheck

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        options = {name: pd.get_option(name) for name in _pandas_options()}
    formatwarning = warnings.formatwarning
    memory = dict(selfcheck._attempts), dict(selfcheck._given)
    presentation = plotting.is_presentation()
    folder = os.getcwd()
    variable = os.environ.pop("KLANTLIB_PRESENTATION", None)
    try:
        with warnings.catch_warnings(), matplotlib.rc_context():
            yield
    finally:
        os.chdir(folder)
        if variable is not None:
            os.environ["KLANTLIB_PRESENTATION"] = variable
        warnings.formatwarning = formatwarning
        plotting.presentation_mode(presentation)
        for store, saved in zip((selfcheck._attempts, selfcheck._given), memory):
            store.clear()
            store.update(saved)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            for name, value in options.items():
                if pd.get_option(name) != value:
                    pd.set_option(name, value)
        plt.close("all")


@contextlib.contextmanager
def _recording(run: Run):
    """Replace every view function by one that records its result, wherever klantlib imported it."""
    originals = view_functions()
    replaced = []
    for name, function in originals.items():
        def recorder(*args, __name=name, __function=function, **kwargs):
            result = __function(*args, **kwargs)
            run.calls.append(Call(__name, result))
            return result

        recorder.__signature__ = inspect.signature(function)
        for module in [m for key, m in list(sys.modules.items()) if key.startswith("klantlib") and m is not None]:
            for attribute, value in list(vars(module).items()):
                if value is function:
                    setattr(module, attribute, recorder)
                    replaced.append((module, attribute, function))
    try:
        yield
    finally:
        for module, attribute, function in replaced:
            setattr(module, attribute, function)


def _scratch_course(folder: Path) -> Path:
    """A folder as the course has it (notebooks/ beside data/), so ``../data/voorbeelden/...`` is found."""
    (folder / "notebooks").mkdir(parents=True, exist_ok=True)
    data = folder / "data"
    if not data.exists():
        try:
            data.symlink_to(ROOT / "data", target_is_directory=True)
        except OSError:
            shutil.copytree(ROOT / "data", data)
    return folder / "notebooks"


def run_notebook(chapter, folder: Path) -> Run:
    """Run one notebook's lecturer version in this process, in ``folder``; what the views returned."""
    available = [c.file for c in COURSE]
    nb = course.lecturer_version(course.read_source(course.SOURCE_DIR / f"{chapter.stem}.md"), chapter.file, available)
    work = _scratch_course(folder)
    run = Run(chapter.number, folder=work)
    namespace = {"__name__": "__main__", "display": lambda *objects, **options: None}
    with _process_state_kept(), _recording(run), contextlib.redirect_stdout(io.StringIO()), \
            contextlib.redirect_stderr(io.StringIO()):
        os.chdir(work)
        for number, cell in enumerate(nb.cells):
            if cell.cell_type != "code":
                continue
            try:
                exec(compile(cell.source, f"<notebook {chapter.number}, cel {number}>", "exec"), namespace)
            except Exception as error:
                raise RuntimeError(f"notebook {chapter.number}, cel {number} gaf een fout:\n{cell.source}") from error
            for fig in map(plt.figure, plt.get_fignums()):  # the inline backend shows and closes them here
                run.shown.append(fig)
            plt.close("all")
    return run


def run_course(folder: Path) -> dict[str, Run]:
    """Run every notebook of the course (see :func:`run_notebook`), each in its own folder under ``folder``."""
    return {chapter.number: run_notebook(chapter, Path(folder) / chapter.stem) for chapter in COURSE}
