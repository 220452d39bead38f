"""What the setup cell of every notebook calls: check the environment, apply the style.

>>> problems = check_environment()
>>> problems
[]
"""

from __future__ import annotations

import sys
import warnings
from importlib import metadata

from klantlib.errors import KlantDataError, KlantDataWarning

__all__ = ["check_environment", "setup"]

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


def _show_klantdata_error(shell, etype, value, tb, tb_offset=None):
    # A student's data mistake needs the Dutch explanation, not a pandas traceback.
    from IPython.display import HTML, display

    import html

    display(HTML(
        '<div style="border-left:6px solid #D55E00;padding:0.4em 0.8em">'
        f"<b>Er klopt iets niet in de gegevens.</b><br>{html.escape(str(value))}</div>"
    ))
    print(f"KlantDataError: {value}", file=sys.stderr)


def setup(presentation: bool = False) -> None:
    """Prepare a notebook: check the environment, apply the house plot style.

    ``presentation=True`` switches on the lecture-hall mode (big fonts and
    figures). Raises ``RuntimeError`` with a Dutch explanation when a package is
    missing; prints one line when all is well.
    """
    problems = check_environment()
    missing = [p for p in problems if "ontbreekt" in p or "niet geïnstalleerd" in p or "Python" in p]
    if missing:
        raise RuntimeError("De omgeving is nog niet klaar:\n- " + "\n- ".join(missing))

    from klantlib.plotting import use_style

    use_style(presentation=presentation)
    warnings.formatwarning = _formatwarning
    warnings.simplefilter("always", KlantDataWarning)
    try:
        from IPython import get_ipython

        shell = get_ipython()
    except ImportError:  # plain Python: nothing to hook into
        shell = None
    if shell is not None:
        shell.set_custom_exc((KlantDataError,), _show_klantdata_error)

    from klantlib import __version__

    mode = " (presentatiemodus)" if presentation else ""
    print(f"Klaar: klantlib {__version__} is geladen{mode}.")
    for problem in problems:
        print(f"Let op: {problem}")
