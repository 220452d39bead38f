"""Browser tests: Playwright drives Debian's Chromium (headless) against Voila and JupyterLab.

The servers run on 127.0.0.1 over a temporary copy of the notebooks, so nothing a
test does (autosave, saved answers) touches the repository. The browser is found
by ``chromium.py`` beside this file (KLANTLIB_CHROMIUM, PATH, the usual places).
Without one the tests are skipped, with the reason in the test summary (``-rs``)
and in the header; with KLANTLIB_REQUIRE_BROWSER=1 (as in CI, where .ci/run
installs Chromium) every browser test *fails* instead.
"""

from __future__ import annotations

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


def pytest_collection_modifyitems(config, items):
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


def _wait_for(url: str, process: subprocess.Popen, log: Path, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"server stopped:\n{log.read_text()[-3000:]}")
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError(f"server did not answer at {url}:\n{log.read_text()[-3000:]}")


@pytest.fixture(scope="session")
def notebook_copy(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("notebooks")
    for path in (ROOT / "notebooks").glob("*.ipynb"):
        shutil.copy(path, folder / path.name)
    return folder


def _server(command: list[str], port: int, ready_path: str, folder: Path, name: str):
    log = folder.parent / f"{name}-{port}.log"
    env = {**os.environ, "JUPYTER_PLATFORM_DIRS": "1", "MPLBACKEND": "module://matplotlib_inline.backend_inline"}
    with open(log, "w") as out:
        process = subprocess.Popen(command, cwd=folder, stdout=out, stderr=subprocess.STDOUT, env=env)
    try:
        _wait_for(f"http://127.0.0.1:{port}{ready_path}", process, log)
    except Exception:
        process.kill()
        raise
    return process


@pytest.fixture(scope="session")
def voila_url(notebook_copy):
    port = _free_port()
    process = _server(
        [str(BIN / "voila"), "--no-browser", f"--port={port}", "--Voila.ip=127.0.0.1", *KERNELS_OVER_IPC,
         str(notebook_copy)],
        port, "/", notebook_copy, "voila",
    )
    yield f"http://127.0.0.1:{port}/voila/render"
    process.terminate()
    process.wait(timeout=20)


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
def lab_url(notebook_copy, monkeypatch_session):
    monkeypatch_session.setenv("JUPYTERLAB_SETTINGS_DIR", str(_lab_settings(notebook_copy.parent)))
    port = _free_port()
    command = [
        str(BIN / "jupyter"), "lab", "--no-browser", f"--port={port}", "--ServerApp.ip=127.0.0.1",
        "--IdentityProvider.token=", "--ServerApp.password=", "--allow-root",
        "--LabApp.expose_app_in_browser=True", "--ServerApp.disable_check_xsrf=True",
        f"--ServerApp.root_dir={notebook_copy}", *KERNELS_OVER_IPC,
    ]
    process = _server(command, port, "/api", notebook_copy, "lab")
    yield f"http://127.0.0.1:{port}/lab/tree"
    process.terminate()
    process.wait(timeout=20)


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
    yield page
    context.close()


def open_in_voila(page, voila_url: str, notebook: str, timeout: float = 60_000):
    """Open a notebook as a Voila page and wait until its widgets are drawn.

    Voila sends the page while it runs the notebook, so the page is complete when the last cell
    ran (normally 3-5 s here). Under load, Voila 0.5 now and then waits forever for a cell whose
    kernel is already idle (seen in full test runs: kernel and server both idle, the page stopped
    mid-notebook; also reported upstream, voila-dashboards/voila#1395). Each load starts a fresh
    kernel, so one such stall gets a second load, reported on stderr; a notebook that really
    hangs or fails hangs or fails twice and the test fails.
    """
    from playwright.sync_api import TimeoutError as PageTimeout

    for attempt in (1, 2):
        try:
            page.goto(f"{voila_url}/{notebook}", timeout=timeout, wait_until="domcontentloaded")
            break
        except PageTimeout:
            if attempt == 2:
                raise
            print(f"Voila: {notebook} was after {timeout / 1000:.0f} s nog niet klaar; opnieuw geladen.",
                  file=sys.stderr)
    page.wait_for_selector(".jupyter-widgets", timeout=timeout)
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
