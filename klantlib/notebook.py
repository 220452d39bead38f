"""What the setup cell of every notebook calls: check the environment, apply the style.

>>> problems = check_environment()
>>> problems
[]
"""

from __future__ import annotations

import html
import os
import sys
import warnings
from importlib import metadata

from klantlib.errors import KlantDataError, KlantDataWarning

__all__ = ["PRESENTATION_VARIABLE", "check_environment", "setup"]

#: The environment variable that switches the lecture-hall mode on for every notebook started
#: while it is set to ``1`` (``setup()`` without an argument reads it). ``python -m klantlib.demo
#: --presentatie`` sets it for the Voila server, whose kernels inherit it.
PRESENTATION_VARIABLE = "KLANTLIB_PRESENTATION"

MIN_PYTHON = (3, 11)
FIX = (
    "Start de cursus met `make start` in de map van de cursus (dat installeert alles), "
    "of installeer de pakketten in deze omgeving met `pip install -e .`."
)


def _pins() -> dict[str, str]:
    """The exact versions klantlib's metadata pins (``pandas==3.1.1`` -> {"pandas": "3.1.1"})."""
    pins = {}
    for requirement in metadata.requires("klantlib") or []:
        if "extra ==" in requirement:
            continue
        name, _, version = requirement.partition("==")
        pins[name.strip()] = version.split(";")[0].strip()
    return pins


def check_environment() -> list[str]:
    """Return the problems with this Python environment, in Dutch (an empty list: all is well).

    Checks the Python version, and that every package klantlib needs is installed
    at the version the stored notebook outputs were made with.
    """
    problems = []
    if sys.version_info < MIN_PYTHON:
        problems.append(
            f"Je gebruikt Python {sys.version.split()[0]}; de cursus heeft Python "
            f"{'.'.join(map(str, MIN_PYTHON))} of nieuwer nodig."
        )
    try:
        pins = _pins()
    except metadata.PackageNotFoundError:
        return problems + [f"klantlib is niet geïnstalleerd in deze omgeving. {FIX}"]
    for name, wanted in sorted(pins.items()):
        try:
            found = metadata.version(name)
        except metadata.PackageNotFoundError:
            problems.append(f"Het pakket {name} ontbreekt. {FIX}")
            continue
        if wanted and found != wanted:
            problems.append(
                f"{name} heeft versie {found}, de cursus is gemaakt met {wanted}: "
                "uitkomsten en figuren kunnen iets afwijken."
            )
    return problems


_original_formatwarning = warnings.formatwarning


def _formatwarning(message, category, filename, lineno, line=None):
    # klantlib's own warnings are meant for students: show the Dutch message only,
    # not the path of the file that raised it (which also differs per computer).
    if issubclass(category, KlantDataWarning):
        return f"Let op: {message}\n"
    return _original_formatwarning(message, category, filename, lineno, line)


def _warning_bundle(message: str) -> dict[str, str]:
    """How a KlantDataWarning is shown as a notebook output: the same Dutch sentence as plain text
    (what nbval compares and a terminal prints) and as a note the page shows."""
    return {
        "text/plain": f"Let op: {message}",
        "text/html": ('<div class="klant-melding" role="note" style="border-left:6px solid #E69F00;'
                      f'padding:0.4em 0.8em"><b>Let op:</b> {html.escape(message)}</div>'),
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
</style>"""


def _presentation_from_environment() -> bool:
    return os.environ.get(PRESENTATION_VARIABLE, "").strip() == "1"


def setup(presentation: bool | None = None) -> None:
    """Prepare a notebook: check the environment, apply the house plot style.

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
    problems = check_environment()
    missing = [p for p in problems if "ontbreekt" in p or "niet geïnstalleerd" in p or "Python" in p]
    if missing:
        raise RuntimeError("De omgeving is nog niet klaar:\n- " + "\n- ".join(missing))

    from klantlib.plotting import use_style

    use_style(presentation=presentation)
    warnings.formatwarning = _formatwarning
    warnings.showwarning = _showwarning
    warnings.simplefilter("always", KlantDataWarning)
    shell = _shell()
    if shell is not None:
        shell.set_custom_exc((KlantDataError,), _show_klantdata_error)
        if presentation:
            from IPython.display import HTML, display

            display(HTML(_PRESENTATION_CSS))

    from klantlib import __version__

    mode = " (presentatiemodus)" if presentation else ""
    print(f"Klaar: klantlib {__version__} is geladen{mode}.")
    for problem in problems:
        print(f"Let op: {problem}")
