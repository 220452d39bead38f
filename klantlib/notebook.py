"""What the setup cell of every notebook calls: check the environment, apply the style.

>>> problems = check_environment()
>>> problems
[]
"""

from __future__ import annotations

import gc
import html
import os
import re
import sys
import warnings
from typing import NamedTuple
from importlib import metadata

from klantlib.errors import KlantDataError, KlantDataWarning

__all__ = ["PRESENTATION_VARIABLE", "Problem", "check_environment", "environment_problems", "setup", "table_html"]

#: The environment variable that switches the lecture-hall mode on for every notebook started
#: while it is set to ``1`` (``setup()`` without an argument reads it). ``python -m klantlib.demo
#: --presentatie`` sets it for the Voila server, whose kernels inherit it.
PRESENTATION_VARIABLE = "KLANTLIB_PRESENTATION"

MIN_PYTHON = (3, 11)
# The documented routes that install everything (README, "Beginnen"). Not `pip install -e .`:
# that installs no JupyterLab or kernel.
FIX = (
    "Zet de cursus klaar in de map van de cursus met `make start`, of zonder make met "
    "`python start.py` (Windows: `py start.py`); dat installeert alles in `.venv`. "
    "Werk je in een eigen omgeving (VS Code, conda)? Typ dan in de map van de cursus "
    "`python -m pip install -r requirements.lock` en daarna `python -m pip install --no-deps -e .`."
)
# The extra a student needs to open the course; a missing one is only a "Let op" line.
JUPYTER_EXTRA = "jupyter"
_JUPYTER_ROLES = {
    "jupyterlab": "JupyterLab (daarin open je de notebooks)",
    "ipykernel": "ipykernel (de kernel die de codecellen uitvoert)",
    "voila": "Voila (de demopagina's voor docenten)",
    "jupyterlab-rise": "RISE (de notebooks als dia's, voor docenten)",
}
_EXTRA = re.compile(r"""extra\s*==\s*["']([^"']+)["']""")


def _split_requirement(requirement: str) -> tuple[str, str, str | None]:
    """Split a pinned requirement of the metadata into (name, version, extra or None).

    >>> _split_requirement("voila==0.5.13; extra == 'jupyter'")
    ('voila', '0.5.13', 'jupyter')
    """
    spec, _, marker = requirement.partition(";")
    name, _, version = spec.partition("==")
    extra = _EXTRA.search(marker)
    return name.strip(), version.strip(), extra.group(1) if extra else None


def _pins_of(extra: str | None) -> dict[str, str]:
    """The exact versions klantlib's metadata pins for its dependencies (None) or for one extra.

    ``pandas==3.1.1`` -> {"pandas": "3.1.1"}. Raises ``metadata.PackageNotFoundError`` when
    klantlib is not installed.
    """
    pins = {}
    for requirement in metadata.requires("klantlib") or []:
        name, version, of_extra = _split_requirement(requirement)
        if of_extra == extra:
            pins[name] = version
    return pins


def _pins() -> dict[str, str]:
    """The exact versions of the packages klantlib imports (its dependencies, no extra)."""
    return _pins_of(None)


def _jupyter_pins() -> dict[str, str]:
    """The exact versions of what opens the course: JupyterLab, ipykernel, Voila."""
    return _pins_of(JUPYTER_EXTRA)


class Problem(NamedTuple):
    """One problem with the environment: the Dutch sentence, and whether ``setup()`` must stop on it."""

    text: str
    blocking: bool


def environment_problems() -> list[Problem]:
    """The problems with this Python environment (an empty list: all is well), each marked blocking or not.

    Blocking (``setup()`` refuses): a Python older than 3.11, klantlib not installed,
    or a package klantlib imports missing (pandas, ipywidgets, ...): the notebook
    cannot work. Not blocking (a "Let op" line): another version of a package
    (outputs may differ slightly), and a missing JupyterLab, ipykernel or Voila
    (the "jupyter" extra), because the notebook may run elsewhere (VS Code, or a hub
    whose JupyterLab lives in another environment) and then does not need them here.
    Every missing piece comes with the command that installs it (``FIX``: the
    documented routes, never ``pip install -e .``, which brings no JupyterLab).

    Returns:
        A list of :class:`Problem`.

    >>> environment_problems()
    []
    """
    problems = []
    if sys.version_info < MIN_PYTHON:
        problems.append(Problem(
            f"Je gebruikt Python {sys.version.split()[0]}; de cursus heeft Python "
            f"{'.'.join(map(str, MIN_PYTHON))} of nieuwer nodig.", blocking=True))
    try:
        pins, jupyter = _pins(), _jupyter_pins()
    except metadata.PackageNotFoundError:
        return problems + [Problem(f"klantlib is niet geïnstalleerd in deze omgeving. {FIX}", blocking=True)]
    for name, wanted in sorted(pins.items()):
        try:
            found = metadata.version(name)
        except metadata.PackageNotFoundError:
            problems.append(Problem(f"Het pakket {name} ontbreekt. {FIX}", blocking=True))
            continue
        if wanted and found != wanted:
            problems.append(Problem(
                f"{name} heeft versie {found}, de cursus is gemaakt met {wanted}: "
                "uitkomsten en figuren kunnen iets afwijken.", blocking=False))
    absent = []
    for name in sorted(jupyter):
        try:
            metadata.version(name)
        except metadata.PackageNotFoundError:
            absent.append(name)
    if absent:
        roles = [_JUPYTER_ROLES.get(name, name) for name in absent]
        from klantlib.formatting import listing

        listed = listing(roles, limit=None)
        problems.append(Problem(
            f"Niet in deze omgeving: {listed}. In VS Code kan het zonder; voor JupyterLab "
            f"installeer je alles. {FIX}", blocking=False))
    return problems


def check_environment() -> list[str]:
    """Return the problems with this Python environment, in Dutch (an empty list: all is well).

    The sentences of :func:`environment_problems`, blocking or not.

    Returns:
        One Dutch sentence per problem.

    >>> check_environment()
    []
    """
    return [problem.text for problem in environment_problems()]


_original_formatwarning = warnings.formatwarning


def _formatwarning(message, category, filename, lineno, line=None):
    # klantlib's own warnings are meant for students: show the Dutch message only,
    # not the path of the file that raised it (which also differs per computer).
    if issubclass(category, KlantDataWarning):
        return f"Let op: {message}\n"
    return _original_formatwarning(message, category, filename, lineno, line)


def _warning_bundle(message: str) -> dict[str, str]:
    """How a KlantDataWarning is shown as a notebook output: the same Dutch sentence as plain text
    (what nbval compares and a terminal prints) and as a note the page shows, its lines kept."""
    return {
        "text/plain": f"Let op: {message}",
        "text/html": ('<div class="klant-melding" role="note" style="border-left:6px solid #E69F00;'
                      f'padding:0.4em 0.8em;white-space:pre-line"><b>Let op:</b> {html.escape(message)}</div>'),
    }


def _showwarning(message, category, filename, lineno, file=None, line=None):
    # Voila drops every stderr stream of a cell (voila.execute.strip_code_cell_warnings, unless it
    # runs with --show_tracebacks, which would also show tracebacks), so a warning the text asks
    # about ("Zag je de melding?") would be invisible on a demo page. In a notebook, klantlib's own
    # warnings are therefore displayed as an output of the cell: the same in JupyterLab, Voila and
    # the stored outputs. Other warnings, and plain Python, keep the normal route.
    if issubclass(category, KlantDataWarning) and file is None:
        shell = _shell()
        if shell is not None:
            from IPython.display import display

            display(_warning_bundle(str(message)), raw=True)
            return
    # What the standard library does (warnings._showwarnmsg_impl), through the current formatwarning.
    file = sys.stderr if file is None else file
    if file is None:  # pythonw: no console
        return
    try:
        file.write(warnings.formatwarning(message, category, filename, lineno, line))
    except OSError:
        pass


def _shell():
    try:
        from IPython import get_ipython
    except ImportError:  # plain Python: nothing to display on
        return None
    return get_ipython()


def _show_klantdata_error(shell, etype, value, tb, tb_offset=None):
    # A student's data mistake needs the Dutch explanation, not a pandas traceback.
    from IPython.display import HTML, display

    display(HTML(
        '<div style="border-left:6px solid #D55E00;padding:0.4em 0.8em">'
        f"<b>Er klopt iets niet in de gegevens.</b><br>{html.escape(str(value))}</div>"
    ))
    print(f"KlantDataError: {value}", file=sys.stderr)


#: Page fonts in the lecture-hall mode: JupyterLab's and Voila's own size variables, so text,
#: tables and widgets grow together (the figures grow through the plot style).
_PRESENTATION_CSS = """<style class="klant-presentatie">
:root { --jp-content-font-size1: 20px; --jp-content-font-size2: 1.4em; --jp-ui-font-size1: 18px;
        --jp-code-font-size: 18px; --jp-widgets-font-size: 18px; --jp-widgets-inline-height: 36px; }
/* Bigger labels would leave a slider's track a few pixels wide: each slider gets room to grow with them. */
.klant-schuif { min-width: 600px; }
/* Tabs as wide as their title: with bigger letters a fixed tab width cuts "Communicatie" to "Communica". */
.jupyter-widgets.widget-tab > .lm-TabBar .lm-TabBar-tab { flex: 0 0 auto !important; }
</style>"""


def table_html(frame) -> str | None:
    """A table as pandas shows it, in a box that scrolls sideways and that the keyboard reaches.

    A table wider than the page (a questionnaire export has 30 columns; in the lecture-hall mode
    the letters are bigger) scrolls inside its own box. A box that scrolls must take the focus, or
    a student without a mouse cannot see its right-hand columns (WCAG 2.1.1; axe-core:
    scrollable-region-focusable): so the box takes the focus (Tab) and has a name a screen reader
    says (role "region"). :func:`setup` makes this the way a notebook shows every DataFrame.

    Args:
        frame: a pandas DataFrame.

    Returns:
        HTML: pandas' own table (its display options apply) inside the box; None when pandas is set
        to show no HTML (``display.notebook_repr_html``), so the notebook shows the text.

    >>> import pandas as pd
    >>> print(table_html(pd.DataFrame({"klant": ["A"], "omzet": [10]})).split(" style")[0])
    <div class="klant-tabel" role="region" tabindex="0" aria-label="Tabel met 1 rij en 2 kolommen"
    """
    from klantlib.formatting import counted

    table = frame._repr_html_()
    if table is None:
        return None
    rows, columns = frame.shape
    label = f"Tabel met {counted(rows, 'rij', 'rijen')} en {counted(columns, 'kolom', 'kolommen')}"
    return (f'<div class="klant-tabel" role="region" tabindex="0" aria-label="{label}" style="overflow-x: auto">'
            f"{table}</div>")


def _free_shown_figures(result=None) -> None:
    """After a cell that showed figures: free them now, not at Python's next full garbage collection.

    The inline backend closes every figure it has shown at the end of the cell, but a closed
    figure is a web of reference cycles (figure, axes, artists, canvas and its Agg renderer)
    that only Python's cyclic garbage collector frees, and its full collection comes seldom:
    figure after figure stays in memory. Measured in December 2026 with ``VmHWM`` after every
    cell: notebook 08 peaked at 180 MiB instead of 162 MiB, 07 at 173 instead of 164, 09 at 175
    instead of 167. A kernel's peak memory is what limits how many students fit on a JupyterHub.
    """
    from klantlib import plotting

    if plotting._state["shown"]:
        plotting._state["shown"] = 0
        gc.collect()


def _free_figures_after_each_cell(shell) -> None:
    """Let ``shell`` free the figures a cell showed when the cell ends (once per shell).

    What the kernel has loaded by now (pandas, matplotlib, IPython, klantlib: objects that live as
    long as the kernel) is moved out of the garbage collector's sight first (``gc.freeze``), so
    that a collection only goes through what the notebook made since: 4-12 ms of CPU instead of
    about 55 ms. Over a whole notebook the collector then costs less time than before (0,08-0,15 s
    of CPU instead of 0,15-0,18 s, measured in notebooks 00-09: Python's own full collections get
    cheap too). Nothing is collected before freezing: right after the imports there is no garbage
    to speak of (measured: 0 objects), and a collection would cost those 55 ms.
    """
    if _free_shown_figures in shell.events.callbacks["post_run_cell"]:
        return
    gc.freeze()
    shell.events.register("post_run_cell", _free_shown_figures)


def _presentation_from_environment() -> bool:
    return os.environ.get(PRESENTATION_VARIABLE, "").strip() == "1"


def setup(presentation: bool | None = None) -> None:
    """Prepare a notebook: check the environment, apply the house plot style.

    In a notebook it also has every cell free the figures it showed when it ends
    (:func:`_free_shown_figures`), which keeps the kernel's memory down.

    Args:
        presentation: ``True`` switches on the lecture-hall mode (big fonts on
            the page and big figures), ``False`` keeps the normal mode; ``None``
            (the default) follows the environment variable
            ``KLANTLIB_PRESENTATION`` (``1``: on), which ``python -m
            klantlib.demo NN --presentatie`` sets for its Voila server.

    Returns:
        None. Prints one line when all is well, plus one per version difference.

    Raises:
        RuntimeError: a package is missing or Python is too old (in Dutch).

    >>> import os
    >>> os.environ[PRESENTATION_VARIABLE] = "1"
    >>> setup()  # doctest: +ELLIPSIS
    Klaar: klantlib ... is geladen (presentatiemodus).
    >>> setup(presentation=False)  # doctest: +ELLIPSIS
    Klaar: klantlib ... is geladen.
    >>> del os.environ[PRESENTATION_VARIABLE]
    """
    if presentation is None:
        presentation = _presentation_from_environment()
    problems = environment_problems()
    blocking = [problem.text for problem in problems if problem.blocking]
    if blocking:
        raise RuntimeError("De omgeving is nog niet klaar:\n- " + "\n- ".join(blocking))

    from klantlib.plotting import use_style

    use_style(presentation=presentation)
    warnings.formatwarning = _formatwarning
    warnings.showwarning = _showwarning
    warnings.simplefilter("always", KlantDataWarning)
    shell = _shell()
    if shell is not None:
        shell.set_custom_exc((KlantDataError,), _show_klantdata_error)
        import pandas as pd

        shell.display_formatter.formatters["text/html"].for_type(pd.DataFrame, table_html)
        _free_figures_after_each_cell(shell)
        if presentation:
            from IPython.display import HTML, display

            display(HTML(_PRESENTATION_CSS))

    from klantlib import __version__

    mode = " (presentatiemodus)" if presentation else ""
    print(f"Klaar: klantlib {__version__} is geladen{mode}.")
    for problem in problems:
        print(f"Let op: {problem.text}")
