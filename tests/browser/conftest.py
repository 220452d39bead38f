"""Browser tests: Playwright drives Debian's Chromium (headless) against Voila and JupyterLab.

The servers run on 127.0.0.1 over a temporary copy of the course (notebooks/ beside
data/ and the README, as in the repository), so nothing a test does (autosave, saved
answers) touches the repository. Voila is started as ``python -m klantlib.demo`` starts
it, and a Voila page must leave no error in the browser console. The browser is found
by ``chromium.py`` beside this file (KLANTLIB_CHROMIUM, PATH, the usual places).
Without one the tests are skipped, with the reason in the test summary (``-rs``)
and in the header; with KLANTLIB_REQUIRE_BROWSER=1 (as in CI, where .ci/run
installs Chromium) every browser test *fails* instead.
"""

from __future__ import annotations

import http.client
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from chromium import find_chromium

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
#: Kernels talk over Unix sockets, not TCP ports: with nbval's kernels starting on the other worker, two
#: processes could pick the same free TCP port and a kernel would never answer (seen: a Voila page hung).
KERNELS_OVER_IPC = ["--KernelManager.transport=ipc"]
#: What the browser may load: the test servers only.
LOCAL = ("http://127.0.0.1", "ws://127.0.0.1", "data:", "blob:", "about:")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def _required() -> bool:
    return os.environ.get("KLANTLIB_REQUIRE_BROWSER") == "1"


def pytest_report_header(config):
    path, how = find_chromium()
    if path:
        return f"browsertests: {path} ({how})"
    return f"browsertests: {'VERPLICHT, maar ' if _required() else 'overgeslagen: '}{how}"


#: The time limit of a browser test (pytest-timeout; the others get the limit in pyproject.toml): the first
#: test of a worker also starts the servers (up to 60 s each).
BROWSER_TIMEOUT = 300


def pytest_collection_modifyitems(config, items):
    for item in items:
        if "browser" in item.keywords and item.get_closest_marker("timeout") is None:
            item.add_marker(pytest.mark.timeout(BROWSER_TIMEOUT))
    path, why = find_chromium()
    if path or _required():  # required and absent: the browser fixture fails every test
        return
    for item in items:
        if "browser" in item.keywords:
            item.add_marker(pytest.mark.skip(reason=f"browsertest overgeslagen: {why}"))


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class _PortTaken(Exception):
    """What answered at the port is not an HTTP server: another process took the port after _free_port chose it."""


def _wait_for(url: str, process: subprocess.Popen, log: Path, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"server stopped:\n{log.read_text()[-3000:]}")
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except http.client.HTTPException as error:  # e.g. a kernel's ZMQ socket answers (BadStatusLine)
            raise _PortTaken(f"{url}: {error!r}") from None
        except OSError:
            time.sleep(0.3)
    raise RuntimeError(f"server did not answer at {url}:\n{log.read_text()[-3000:]}")


@pytest.fixture(scope="session")
def course_copy(tmp_path_factory) -> Path:
    """A copy of the course as a student has it: notebooks/ beside data/ and the README, so a notebook
    reaches the data the same way as in the repository (``../data/voorbeelden/...``)."""
    root = tmp_path_factory.mktemp("klantgericht")
    (root / "notebooks").mkdir()
    for path in (ROOT / "notebooks").glob("*.ipynb"):
        shutil.copy(path, root / "notebooks" / path.name)
    shutil.copytree(ROOT / "data", root / "data", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "README.md", root / "README.md")
    return root


@pytest.fixture(scope="session")
def notebook_copy(course_copy) -> Path:
    return course_copy / "notebooks"


def _stop(process: subprocess.Popen, timeout: float = 20) -> None:
    """Stop a test server with SIGTERM, and kill it when it has not stopped within ``timeout`` seconds.

    Never SIGINT: a run started in the background by a non-interactive shell (``make test &``) passes SIGINT
    on *ignored* to every server it starts, and a server waited for after a SIGINT would never stop.
    """
    process.terminate()
    try:
        process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def _server(command_for, ready_path: str, folder: Path, name: str, env: dict | None = None, attempts: int = 3):
    """Start the server ``command_for(port)`` on a free port; return the process and its port.

    The port is free when _free_port chooses it, but another process (a kernel of a test running beside this
    one) can take it before the server binds it: a Jupyter server then moves to the next port, and what
    answers at ours is not HTTP. Then the server is stopped and started again on another port.
    """
    env = {**(os.environ if env is None else env), "JUPYTER_PLATFORM_DIRS": "1",
           "MPLBACKEND": "module://matplotlib_inline.backend_inline"}
    for attempt in range(attempts):
        port = _free_port()
        log = folder.parent / f"{name}-{port}.log"
        with open(log, "w") as out:
            process = subprocess.Popen(command_for(port), cwd=folder, stdout=out, stderr=subprocess.STDOUT, env=env)
        try:
            _wait_for(f"http://127.0.0.1:{port}{ready_path}", process, log)
            return process, port
        except _PortTaken:
            _stop(process)
            if attempt == attempts - 1:
                raise
        except BaseException:  # also a test run's time limit or Ctrl+C while waiting: leave no server behind
            process.kill()
            process.wait()
            raise


def _voila(folder: Path, presentation: bool, name: str):
    """Voila as ``python -m klantlib.demo`` starts it (klantlib.demo builds the command and environment)."""
    from klantlib.demo import environment, voila_command

    def command_for(port: int) -> list[str]:
        command = voila_command(folder, port)
        return [*command[:-1], *KERNELS_OVER_IPC, command[-1]]

    process, port = _server(command_for, "/", folder, name, env=environment(presentation))
    return process, f"http://127.0.0.1:{port}/voila/render"


@pytest.fixture(scope="session")
def voila_url(notebook_copy):
    process, url = _voila(notebook_copy, False, "voila")
    yield url
    _stop(process)


@pytest.fixture(scope="session")
def voila_presentation_url(notebook_copy):
    """A second Voila server over the same notebooks, started with the lecture-hall mode on."""
    process, url = _voila(notebook_copy, True, "voila-presentatie")
    yield url
    _stop(process)


def _lab_settings(folder: Path) -> Path:
    """User settings for the test server: render every cell (JupyterLab 4 renders only the cells in
    view by default, so a widget far down the notebook has no DOM to find) and no news pop-up."""
    settings = folder / "lab-settings"
    for plugin, values in {
        "@jupyterlab/notebook-extension/tracker": '{"windowingMode": "none"}',
        "@jupyterlab/apputils-extension/notification": '{"fetchNews": "false", "checkForUpdates": false}',
    }.items():
        path = settings / f"{plugin}.jupyterlab-settings"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(values)
    return settings


@pytest.fixture(scope="session")
def lab_url(lab_root_url):
    """JupyterLab's address of the notebooks folder (the server's root is the course copy, as in `make start`)."""
    return f"{lab_root_url}/notebooks"


@pytest.fixture(scope="session")
def lab_root_url(course_copy, monkeypatch_session):
    notebook_copy = course_copy / "notebooks"
    monkeypatch_session.setenv("JUPYTERLAB_SETTINGS_DIR", str(_lab_settings(course_copy.parent)))
    def command_for(port: int) -> list[str]:
        return [
            str(BIN / "jupyter"), "lab", "--no-browser", f"--port={port}", "--ServerApp.ip=127.0.0.1",
            "--IdentityProvider.token=", "--ServerApp.password=", "--allow-root",
            "--LabApp.expose_app_in_browser=True", "--ServerApp.disable_check_xsrf=True",
            f"--ServerApp.root_dir={course_copy}", *KERNELS_OVER_IPC,
        ]

    process, port = _server(command_for, "/api", notebook_copy, "lab")
    yield f"http://127.0.0.1:{port}/lab/tree"
    _stop(process)


@pytest.fixture(scope="session")
def monkeypatch_session():
    with pytest.MonkeyPatch.context() as patch:
        yield patch


@pytest.fixture(scope="session")
def browser():
    path, why = find_chromium()
    if path is None:  # only reached when KLANTLIB_REQUIRE_BROWSER=1
        pytest.fail(f"KLANTLIB_REQUIRE_BROWSER=1, maar {why}.", pytrace=False)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=path, headless=True, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    # Offline, as in a lecture hall without internet: anything not served by the test server (Voila asks a
    # CDN for an icon font) fails at once, instead of hanging until the machine's network gives up.
    context.route(lambda url: not url.startswith(LOCAL), lambda route: route.abort())
    page = context.new_page()
    page.klant_errors, page.klant_voila = [], False
    page.on("console", lambda message: _record_console_error(page, message))
    page.on("pageerror", lambda error: page.klant_errors.append(f"pageerror: {error}"))
    yield page
    context.close()
    if page.klant_voila:  # every test that opened a Voila page: its console stayed clean
        assert_no_console_errors(page)


#: Voila's lab template links Font Awesome 5 from a CDN (voila/templates/lab/index.html.j2). The same
#: icon font is bundled in Voila's own voila-style.js, served locally, so icons (the download buttons)
#: show offline too: only the failed load of exactly these stylesheets is not an error of the page.
VOILA_CDN_ICON_FONT = "https://cdn.jsdelivr.net/npm/@fortawesome/fontawesome-free@"


def _record_console_error(page, message) -> None:
    if message.type != "error":
        return
    where = (message.location or {}).get("url", "")
    if where.startswith(VOILA_CDN_ICON_FONT) and message.text.startswith("Failed to load resource"):
        return
    page.klant_errors.append(f"console: {message.text} ({where})")


def assert_no_console_errors(page) -> None:
    """No error in the browser console and no uncaught error on the page (see _record_console_error)."""
    assert page.klant_errors == [], "fouten in de browserconsole:\n" + "\n".join(page.klant_errors)


#: A widget's figure as the browser shows it: the <img> in its Output area (klantlib.views._widgets.FigureArea).
FIGURE = ".klant-figuur img"


def figure_src(page) -> str | None:
    """The ``src`` of the first widget figure on the page: it changes when the widget draws a new figure."""
    return page.locator(FIGURE).first.get_attribute("src")


def wait_for_outcome(page, text: str, timeout: float = 15_000) -> None:
    """Wait until the widget's reading (``.klant-uitkomst``) contains ``text``."""
    page.wait_for_function("(text) => document.querySelector('.klant-uitkomst').innerText.includes(text)",
                           arg=text, timeout=timeout)


def answer_scan_by_keyboard(page, code: str, *, after_answer: str, after_name: str, blank: str) -> None:
    """A questionnaire widget used from the keyboard only: answer ``code`` with 2, name the organisation.

    Checks each step's reading (``after_answer``, ``after_name``) and that the controls have names; then leaves the
    scan blank again (``blank`` is the reading of an empty scan), because the answers are saved in the course copy
    that every browser test shares.
    """
    select = page.locator(f".klant-{code} select").first
    select.wait_for(timeout=30_000)
    select.focus()
    page.keyboard.press("2")  # a native <select>: typing the label chooses it
    wait_for_outcome(page, after_answer)
    assert select.evaluate("e => e.options[e.selectedIndex].text") == "2"
    assert page.locator(f".klant-{code} label").first.inner_text().strip() != ""
    name = page.locator(".klant-organisatie input").first
    name.focus()
    page.keyboard.type("De bieb")
    page.keyboard.press("Tab")
    wait_for_outcome(page, after_name)
    name.fill("")
    name.press("Tab")
    select.select_option(label="–")
    wait_for_outcome(page, blank)


def open_in_voila(page, voila_url: str, notebook: str, timeout: float = 60_000):
    """Open a notebook as a Voila page and wait until its widgets are drawn.

    Voila sends the page while it runs the notebook, so the page is complete when the last cell
    ran (normally 3-5 s here). Loaded once: a page that does not finish fails the test, as it
    would fail a lecturer in front of a class (benchmarks/bench_demo_pages.py loads every page
    50 times on a busy machine).
    """
    page.klant_voila = True
    page.goto(f"{voila_url}/{notebook}", timeout=timeout, wait_until="domcontentloaded")
    page.wait_for_selector(".jupyter-widgets", timeout=timeout)
    # Voila stops at a cell that raises; every notebook ends with its navigation ("Verder: ..."), so the
    # whole notebook ran when that is on the page.
    page.get_by_text("Verder:", exact=False).last.wait_for(timeout=timeout)
    return page


_KERNEL_IDLE = """() => {
    const widget = window.jupyterapp && window.jupyterapp.shell.currentWidget;
    const kernel = widget && widget.sessionContext && widget.sessionContext.session
        && widget.sessionContext.session.kernel;
    return !!kernel && kernel.connectionStatus === 'connected' && kernel.status === 'idle';
}"""


def open_in_lab(page, lab_url: str, notebook: str, timeout: float = 90_000):
    """Open a notebook in JupyterLab, run all cells and wait until widgets are drawn.

    ``?reset`` starts from an empty workspace, so a layout saved by an earlier run
    (with a kernel that no longer exists) can't interfere.
    """
    page.goto(f"{lab_url}/{notebook}?reset", timeout=timeout, wait_until="domcontentloaded")
    page.wait_for_selector(".jp-Notebook .jp-Cell", timeout=timeout)
    # Wait until the kernel is connected and idle, then Run > Run All Cells, as a student would.
    page.wait_for_function(_KERNEL_IDLE, timeout=timeout, polling=250)
    page.evaluate("window.jupyterapp.commands.execute('notebook:run-all-cells')")
    page.wait_for_selector(".jp-OutputArea .jupyter-widgets", timeout=timeout)
    return page
