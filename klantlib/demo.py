"""Demo pages for lecturers: one command lists the notebooks and starts one as a web page.

``python -m klantlib.demo`` (or ``make demo``) lists the notebooks of the course
with their number and title (:data:`klantlib.navigation.COURSE`).
``python -m klantlib.demo 04`` starts Voila on 127.0.0.1 over the folder
``notebooks/`` (tree mode, so the links between the notebooks work) and opens
notebook 04 in the browser: only text, results and widgets, no code.

- ``--presentatie`` switches on the lecture-hall mode (big fonts and figures) for
  every page of that server: it sets :data:`klantlib.notebook.PRESENTATION_VARIABLE`
  for the server, its kernels inherit it, and ``setup()`` in each notebook's first
  cell reads it.
- ``--dia`` starts JupyterLab (rooted at the course folder, as ``make start``) and
  opens the notebook as slides (RISE, from the package ``jupyterlab-rise``; reveal.js
  ships with it, so it works offline). The slide of each cell is set in the
  notebook's source (``slideshow`` metadata). Text, tables, figures and code run on
  the slides; widgets don't (jupyterlab-rise 0.43.1's page can't load the widget
  manager of ipywidgets 8 in JupyterLab 4.6): for those, the Voila page.

The pure helpers below build the commands and addresses; :func:`main` runs them.

>>> chapter("4").file
'04_rfm_klantenmatrix.ipynb'
>>> demo_url(8866, chapter("04"))
'http://127.0.0.1:8866/voila/render/04_rfm_klantenmatrix.ipynb'
>>> chapter("99")
Traceback (most recent call last):
...
ValueError: Er is geen notebook met nummer 99. Kies uit: 00, 01, 02, ...
"""

from __future__ import annotations

import os
import secrets
import signal
import socket
import subprocess
import sys
import time
import urllib.request
import webbrowser
from pathlib import Path

from klantlib.navigation import COURSE, Chapter
from klantlib.notebook import PRESENTATION_VARIABLE

__all__ = ["chapter", "demo_url", "environment", "lab_command", "listing", "main", "slides_url", "voila_command"]

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOK_DIR = ROOT / "notebooks"
HOST = "127.0.0.1"
DEFAULT_PORT = 8866
DEFAULT_LAB_PORT = 8888


def chapter(number: str) -> Chapter:
    """The notebook of the course with this number (``"04"``, ``"4"`` or its file name).

    Args:
        number: the number shown by :func:`listing`, with or without a leading zero.

    Returns:
        The :class:`klantlib.navigation.Chapter` of that notebook.

    Raises:
        ValueError: no notebook has that number (the message, in Dutch, lists the numbers).

    >>> chapter("06").title
    'De online klantreis: ORCA'
    """
    text = str(number).strip()
    wanted = text[:2] if text[:2].isdigit() and not text.isdigit() else text.zfill(2)
    for entry in COURSE:
        if entry.file[:2] == wanted:
            return entry
    numbers = ", ".join(entry.file[:2] for entry in COURSE)
    raise ValueError(f"Er is geen notebook met nummer {text}. Kies uit: {numbers}.")


def listing() -> str:
    """The demos a lecturer can start: number and title of every notebook, and how to start one.

    Returns:
        A Dutch text, one notebook a line.

    >>> print(listing().splitlines()[1])
      00  Start hier
    """
    lines = ["De notebooks van de cursus:"]
    lines += [f"  {entry.file[:2]}  {entry.title}" for entry in COURSE]
    lines += [
        "",
        "Start er een als webpagina (alleen tekst, uitkomsten en widgets):",
        "  make demo N=04                 of  python -m klantlib.demo 04",
        "  make demo N=04 PRESENTATIE=1   grote letters en figuren voor de collegezaal",
        "  make demo N=04 DIA=1           als dia's (RISE in JupyterLab)",
    ]
    return "\n".join(lines)


def demo_url(port: int, entry: Chapter) -> str:
    """The address of a notebook's Voila page on a server started by :func:`voila_command`."""
    return f"http://{HOST}:{port}/voila/render/{entry.file}"


def slides_url(port: int, entry: Chapter, token: str = "") -> str:
    """The address of a notebook as RISE slides on a server started by :func:`lab_command`.

    >>> slides_url(8888, chapter("04"), "abc")
    'http://127.0.0.1:8888/rise/notebooks/04_rfm_klantenmatrix.ipynb?token=abc'
    """
    query = f"?token={token}" if token else ""
    return f"http://{HOST}:{port}/rise/notebooks/{entry.file}{query}"


#: The JupyterLab extensions a Voila page loads: the widgets (Voila's manager, ipywidgets' and anywidget's, which
#: draws the accessible sliders of klantlib.views.controls) and the code colours. Voila loads every installed
#: one by default, and the page then logs an error for each that needs JupyterLab itself (jupytext's needs
#: the document manager, which a Voila page doesn't have).
VOILA_EXTENSIONS = ["@voila-dashboards/widgets-manager8", "@jupyter-widgets/jupyterlab-manager", "anywidget",
                    "jupyterlab_pygments"]


#: The kernel client Voila runs a notebook with (Voila executes through nbclient): one that does not lose
#: the wake-up of a reply when it sends while waiting, as nbclient does in every widget cell; with
#: jupyter_client's own client such a page stopped for good at a widget cell (klantlib.course._sliced_client_class).
SLICED_CLIENT = "klantlib.course.SlicedKernelClient"


def voila_command(folder: Path = NOTEBOOK_DIR, port: int = DEFAULT_PORT) -> list[str]:
    """The command that serves every notebook in ``folder`` under Voila on 127.0.0.1.

    Tree mode (a folder, not one notebook): Voila serves one notebook at
    ``/voila/render/<name>``, and a relative link to another notebook of the folder
    opens that page. Given a single notebook (``voila notebooks/04_...ipynb``), Voila
    serves only that one: a link to another is sent to ``/voila/files/``, which
    answers 403 ("File not allowlisted").

    The kernel client waits in slices (:data:`SLICED_CLIENT`). Without the XSRF check:
    when a page is left, Voila 0.5's page asks the server to stop its kernel with a
    beacon that carries no XSRF token, which the server
    refuses (403), so each page a lecturer leaves kept its kernel running until the
    server stopped. The server listens on 127.0.0.1 only, and what it can change
    (a kernel) needs that kernel's random id.

    No buffering of a left page's messages (``buffer_offline_messages``): that beacon
    reaches the server just before the page's connection to its kernel closes. The
    server (jupyter_server 2.21) clears a kernel's buffer when it starts stopping the
    kernel, but the connection that closes while the kernel stops starts a new buffer,
    which nothing clears: four ZMQ sockets stayed open per page left. After about 370
    pages (measured with ``benchmarks/bench_demo_pages.py``) the server had 1.024 and
    could start no kernel ("Too many open files"). A Voila page never picks up its
    buffer: a page opened again gets a new kernel.

    >>> voila_command(Path("notebooks"), 8866)[3:6]
    ['--no-browser', '--port=8866', '--Voila.ip=127.0.0.1']
    >>> voila_command(Path("notebooks"), 8866)[-1]
    'notebooks'
    """
    extensions = [f"--VoilaConfiguration.extension_allowlist={name}" for name in VOILA_EXTENSIONS]
    return [sys.executable, "-m", "voila", "--no-browser", f"--port={port}", f"--Voila.ip={HOST}", *extensions,
            "--Voila.tornado_settings=disable_check_xsrf=True", f"--AsyncKernelManager.client_factory={SLICED_CLIENT}",
            "--MappingKernelManager.buffer_offline_messages=False", str(folder)]


def lab_command(root: Path = ROOT, port: int = DEFAULT_LAB_PORT, token: str = "") -> list[str]:
    """The command that starts JupyterLab on 127.0.0.1 with ``root`` as its root (for the slides).

    Root needs ``--allow-root`` (containers, CI), as in ``make start``.
    """
    command = [sys.executable, "-m", "jupyterlab", "--no-browser", f"--port={port}", f"--ServerApp.ip={HOST}",
               f"--ServerApp.root_dir={root}", f"--IdentityProvider.token={token}"]
    if hasattr(os, "getuid") and os.getuid() == 0:
        command.append("--allow-root")
    return command


def environment(presentation: bool, base: dict[str, str] | None = None) -> dict[str, str]:
    """The environment of the server: ``base`` (by default this process's) with the lecture-hall
    mode switched on or off for every kernel it starts.

    >>> environment(True, {})
    {'KLANTLIB_PRESENTATION': '1'}
    >>> environment(False, {'KLANTLIB_PRESENTATION': '1'})
    {}
    """
    env = dict(os.environ if base is None else base)
    env.pop(PRESENTATION_VARIABLE, None)
    if presentation:
        env[PRESENTATION_VARIABLE] = "1"
    return env


def _free(port: int) -> bool:
    with socket.socket() as s:
        try:
            s.bind((HOST, port))
        except OSError:
            return False
    return True


def _first_free_port(start: int) -> int:
    return next(port for port in range(start, start + 50) if _free(port))


def _wait_until_up(url: str, process: subprocess.Popen, timeout: float = 60) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and process.poll() is None:
        try:
            with urllib.request.urlopen(url, timeout=2):
                return True
        except OSError:
            time.sleep(0.3)
    return False


def _stop(signum, frame):
    raise KeyboardInterrupt


def _stoppable() -> None:
    """Make Ctrl+C (SIGINT), SIGTERM and a closed terminal (SIGHUP) stop the demo and its server.

    A process started in the background by a non-interactive shell (``make demo &``, ``make test &``,
    some CI runners) inherits SIGINT *ignored*, and Python then installs no KeyboardInterrupt handler:
    Ctrl+C would do nothing, and a test that stops the demo with SIGINT would wait forever. So the
    default handler is put back. The server inherits it too: a signal this process *handles* is reset
    to its default in a child when the child starts its program (exec), where an ignored one would stay
    ignored; Voila then installs Python's own handler again.
    """
    signal.signal(signal.SIGINT, signal.default_int_handler)
    signal.signal(signal.SIGTERM, _stop)  # stopped by another program: stop the server too
    if hasattr(signal, "SIGHUP"):  # not on Windows
        signal.signal(signal.SIGHUP, _stop)


def _stop_server(process: subprocess.Popen, timeout: float = 20) -> None:
    """Stop the server: SIGTERM, and kill it when it has not stopped within ``timeout`` seconds."""
    process.terminate()
    try:
        process.wait(timeout=timeout)
    except (subprocess.TimeoutExpired, KeyboardInterrupt):  # hanging, or a second Ctrl+C: don't wait longer
        process.kill()
        process.wait()


def main(argv: list[str] | None = None) -> int:
    """Run the command line: list the demos, or start one (see the module docstring)."""
    import argparse

    parser = argparse.ArgumentParser(
        prog="python -m klantlib.demo",
        description="Toon de notebooks als demopagina (Voila) of als dia's (RISE). Zonder nummer: de lijst.",
    )
    parser.add_argument("nummer", nargs="?", help="het nummer van het notebook, bijvoorbeeld 04")
    parser.add_argument("--presentatie", action="store_true", help="grote letters en figuren (collegezaal)")
    parser.add_argument("--dia", action="store_true", help="als dia's in JupyterLab (RISE)")
    parser.add_argument("--poort", type=int, default=None, help="de poort op 127.0.0.1 (standaard: de eerste vrije)")
    parser.add_argument("--geen-browser", action="store_true", help="open geen browser, toon alleen het adres")
    args = parser.parse_args(argv)

    if not args.nummer:
        print(listing())
        return 0
    try:
        entry = chapter(args.nummer)
    except ValueError as error:
        print(error, file=sys.stderr)
        return 2
    if not (NOTEBOOK_DIR / entry.file).exists():
        print(f"Het notebook {entry.file} staat niet in {NOTEBOOK_DIR}. Start dit commando in de map van de cursus.",
              file=sys.stderr)
        return 2

    if args.dia:
        port = args.poort or _first_free_port(DEFAULT_LAB_PORT)
        token = secrets.token_hex(16)
        command, url = lab_command(ROOT, port, token), slides_url(port, entry, token)
        ready = f"http://{HOST}:{port}/api"
    else:
        port = args.poort or _first_free_port(DEFAULT_PORT)
        command, url = voila_command(NOTEBOOK_DIR, port), demo_url(port, entry)
        ready = f"http://{HOST}:{port}/"
    mode = "met presentatiemodus" if args.presentatie else "zonder presentatiemodus"
    print(f"{entry.file[:2]} · {entry.title}: {'dia' + chr(39) + 's' if args.dia else 'demopagina'}, {mode}.",
          flush=True)
    _stoppable()  # before the server starts, so that it inherits the default Ctrl+C too
    process = subprocess.Popen(command, cwd=ROOT, env=environment(args.presentatie))
    try:
        if _wait_until_up(ready, process):
            print(f"Open in je browser: {url}\nStoppen: Ctrl+C in dit venster.", flush=True)
            if not args.geen_browser:
                webbrowser.open(url)
        return process.wait()
    except KeyboardInterrupt:
        _stop_server(process)
        print("Gestopt.")
        return 0


if __name__ == "__main__":
    sys.exit(main())
