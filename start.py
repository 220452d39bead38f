#!/usr/bin/env python3
"""Set up the course and open it, without make: works wherever Python 3.11+ runs.

    python start.py                      # Windows: py start.py
    python start.py --alleen-installeren # only set up .venv
    python start.py --test               # set up, then run the tests (extra arguments go to pytest)
    python start.py --docent             # the lecturer's view: worked solutions (solutions/) and source/

Creates ``.venv`` next to this file with the standard ``venv`` module, installs exactly the
versions in ``requirements.lock`` with pip, then klantlib itself (``--no-deps -e .``), compiles
the bytecode, and opens JupyterLab on the start notebook with the repository as its root. A
second run only compares a stamp and starts at once. Only the standard library is used, so a
student's own Python (Windows without WSL, macOS, Linux) is enough; the Makefile keeps its own,
faster uv route to the same versions.

That is the student's view: installing klantlib puts klantlib/jupyter_server_config.json into the
environment's Jupyter config, so the file browser does not list source/, solutions/ and tests/
(worked solutions, answers). ``--docent`` first makes the lecturer's versions that are missing or
stale (``python -m klantlib.course --solutions --stale``), then opens JupyterLab on the lecturer's
start notebook with jupyter_server's own hide_globs, so every folder is listed (as ``make docent``).
"""

from __future__ import annotations

import argparse
import hashlib
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent
MIN_PYTHON = (3, 11)
START_NOTEBOOK = "notebooks/00_start_hier.ipynb"
LECTURER_NOTEBOOK = "solutions/00_start_hier.ipynb"
#: jupyter_server's own ContentsManager.hide_globs: the lecturer's view sets them back (the course's
#: config adds source/, solutions/, tests/). The Makefile's SHOW_ALL is the same list (a test checks both).
JUPYTER_HIDE_GLOBS = ("__pycache__", "*.pyc", "*.pyo", ".DS_Store", "*~")
# Own stamp (the Makefile's stamp only records a time): the digest of what was installed.
STAMP_NAME = ".klantlib-start"
INSTALL_INPUTS = ("requirements.lock", "pyproject.toml", "klantlib/jupyter_server_config.json")


def venv_python(venv_dir: Path, windows: bool | None = None) -> Path:
    """The interpreter of a virtual environment: ``Scripts\\python.exe`` on Windows, ``bin/python`` elsewhere."""
    if windows is None:
        windows = os.name == "nt"
    return venv_dir / "Scripts" / "python.exe" if windows else venv_dir / "bin" / "python"


def install_digest(root: Path) -> str:
    """A digest of the files that decide what gets installed (the lock and the package metadata)."""
    digest = hashlib.sha256()
    for name in INSTALL_INPUTS:
        digest.update(name.encode() + b"\0" + (root / name).read_bytes() + b"\0")
    return digest.hexdigest()


def needs_install(venv_dir: Path, root: Path, windows: bool | None = None) -> bool:
    """True unless the environment exists and was set up from the current lock and metadata."""
    stamp = venv_dir / STAMP_NAME
    if not venv_python(venv_dir, windows).exists() or not stamp.exists():
        return True
    return stamp.read_text(encoding="utf-8").strip() != install_digest(root)


def install_commands(python: Path, root: Path) -> list[list[str]]:
    """The commands that install the course into the environment of ``python``, in order.

    First every locked package (exact versions, nothing resolved anew), then klantlib itself
    without dependencies and without build isolation (its build tools are in the lock, so no
    extra download), then bytecode for klantlib and the environment, so the first import in a
    notebook is fast even where PYTHONDONTWRITEBYTECODE is set.
    """
    pip = [str(python), "-m", "pip", "install", "--disable-pip-version-check", "--quiet"]
    return [
        pip + ["-r", str(root / "requirements.lock")],
        pip + ["--no-deps", "--no-build-isolation", "-e", str(root)],
        [str(python), "-m", "compileall", "-qq", "-j", "0", str(python.parent.parent), str(root / "klantlib")],
    ]


def lab_command(python: Path, root: Path, as_root: bool, extra: list[str], lecturer: bool = False) -> list[str]:
    """JupyterLab on the start notebook, with the repository (data/, READMEs) as its root.

    ``lecturer``: on the lecturer's start notebook, with every folder listed (source/, solutions/, tests/).
    """
    command = [str(python), "-m", "jupyterlab", f"--ServerApp.root_dir={root}"]
    if as_root:  # JupyterLab refuses to run as root unless told so (containers, CI)
        command.append("--allow-root")
    if lecturer:
        command += [f"--ContentsManager.hide_globs={glob}" for glob in JUPYTER_HIDE_GLOBS]
    return command + extra + [str(root / (LECTURER_NOTEBOOK if lecturer else START_NOTEBOOK))]


def solutions_command(python: Path) -> list[str]:
    """Make the lecturer's versions that are missing or stale (as ``make docent`` does first)."""
    return [str(python), "-m", "klantlib.course", "--solutions", "--stale"]


def test_command(python: Path, extra: list[str]) -> list[str]:
    """The same test run as ``make test``; extra arguments (a test file, -k ...) replace the defaults."""
    return [str(python), "-m", "pytest"] + (extra or ["-n", "2", "--dist", "loadfile"])


def running_as_root() -> bool:
    return hasattr(os, "geteuid") and os.geteuid() == 0


def _fail(message: str) -> None:
    print(f"start.py: {message}", file=sys.stderr)
    raise SystemExit(1)


def _run(command: list[str], root: Path) -> None:
    result = subprocess.run(command, cwd=root)
    if result.returncode != 0:
        _fail(f"dit commando is mislukt (code {result.returncode}):\n  " + " ".join(command))


def install(venv_dir: Path, root: Path) -> Path:
    """Create the environment if needed and install the course into it; return its interpreter."""
    python = venv_python(venv_dir)
    if not needs_install(venv_dir, root):
        return python
    if not python.exists():
        print(f"Een eigen omgeving maken in {venv_dir} ...")
        import venv

        try:
            venv.EnvBuilder(with_pip=True).create(venv_dir)
        except (subprocess.CalledProcessError, OSError) as error:
            _fail(
                f"de omgeving {venv_dir} kon niet worden gemaakt ({error}). Op Debian of Ubuntu "
                "ontbreekt dan vaak het pakket python3-venv: installeer het en probeer het opnieuw."
            )
    print("De pakketten installeren met precies de versies uit requirements.lock (de eerste keer 1 à 2 minuten) ...")
    for command in install_commands(python, root)[:-1]:
        _run(command, root)
    print("Voorbereiden, zodat de notebooks snel starten ...")
    # compileall reports files it cannot compile (test files written for other Python versions
    # inside some packages); that never blocks the course, so its exit code is not checked.
    subprocess.run(install_commands(python, root)[-1], cwd=root)
    (venv_dir / STAMP_NAME).write_text(install_digest(root) + "\n", encoding="utf-8")
    print("Klaar: alles is geïnstalleerd.")
    return python


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="start.py",
        description="Zet de cursus klaar in .venv (precies de versies uit requirements.lock) en open JupyterLab.",
    )
    what = parser.add_mutually_exclusive_group()
    what.add_argument("--alleen-installeren", action="store_true", help="alleen klaarzetten, JupyterLab niet openen")
    what.add_argument("--test", action="store_true", help="klaarzetten en daarna de tests draaien")
    what.add_argument("--docent", action="store_true",
                      help="voor docenten: de uitwerkingen maken (solutions/, als ze ontbreken of verouderd zijn) "
                           "en JupyterLab openen met alle mappen zichtbaar")
    parser.add_argument("--venv", type=Path, default=ROOT / ".venv", help="waar de omgeving komt (standaard .venv)")
    args, extra = parser.parse_known_args(argv)

    if sys.version_info < MIN_PYTHON:
        _fail(
            f"Python {'.'.join(map(str, MIN_PYTHON))} of nieuwer is nodig, maar dit is Python "
            f"{sys.version.split()[0]}. Installeer een nieuwere Python (python.org) en start opnieuw."
        )
    python = install(args.venv.resolve(), ROOT)
    if args.alleen_installeren:
        return 0
    if args.test:
        return subprocess.run(test_command(python, extra), cwd=ROOT).returncode
    if args.docent:
        print("De docentenversies met uitwerkingen klaarzetten in solutions/ (de eerste keer een minuut) ...")
        _run(solutions_command(python), ROOT)
    print("JupyterLab starten; stoppen doe je met Ctrl+C in dit venster.")
    try:
        command = lab_command(python, ROOT, running_as_root(), extra, lecturer=args.docent)
        return subprocess.run(command, cwd=ROOT).returncode
    except KeyboardInterrupt:
        return 0


if __name__ == "__main__":
    sys.exit(main())
