"""`make start` roots JupyterLab at the course folder: data/, notebooks/ and the README are in its file browser,
the worked solutions (source/, solutions/) and the answers in tests/ are not; `make docent` lists them all.

The servers run the exact commands `make start` and `make docent` run (read from `make -n`), with only the flags a
test needs added (no browser, a free port on 127.0.0.1, no token), over a copy of the course. What the student's
view hides comes from klantlib/jupyter_server_config.json, installed into the environment that runs the tests
(tests/test_environment.py checks it is there).
"""

import json
import os
import shlex
import shutil
import subprocess
import sys
import urllib.request
from pathlib import Path

import pytest

from conftest import KERNELS_OVER_IPC, ROOT, _server, _stop

pytestmark = [pytest.mark.slow]

#: The folders a student's file browser does not list (the course's choice, README "Voor docenten").
LECTURER_ONLY = {"source", "solutions", "tests"}


def _make_command(folder: Path, target: str = "start") -> list[str]:
    """The `jupyter lab` line of ``make <target>``, as make would run it in ``folder``."""
    for name in ("Makefile", "pyproject.toml", "requirements.lock", "klantlib/jupyter_server_config.json"):
        (folder / name).parent.mkdir(exist_ok=True)
        shutil.copy(ROOT / name, folder / name)  # the stamp's inputs: make -n needs them to exist
    venv = Path(sys.executable).parent.parent  # the environment running the tests
    printed = subprocess.run(["make", "-s", "-n", "-C", str(folder), target, f"VENV={venv}"],
                             capture_output=True, text=True, check=True).stdout
    (line,) = [line for line in printed.splitlines() if "jupyter lab" in line]
    return shlex.split(line)


def _make_start_command(folder: Path) -> list[str]:
    return _make_command(folder, "start")


def _with_lecturers_files(folder: Path) -> Path:
    """The course copy with what only a lecturer should see at one click: the sources, a lecturer's
    version (a stand-in: which notebook it is does not matter here) and the tests."""
    (folder / "source").mkdir(exist_ok=True)
    for path in (ROOT / "source").glob("*.md"):
        shutil.copy(path, folder / "source" / path.name)
    (folder / "solutions").mkdir(exist_ok=True)
    shutil.copy(ROOT / "solutions" / "README.md", folder / "solutions" / "README.md")
    shutil.copy(ROOT / "notebooks" / "00_start_hier.ipynb", folder / "solutions" / "00_start_hier.ipynb")
    (folder / "tests").mkdir(exist_ok=True)
    shutil.copy(ROOT / "tests" / "worked_numbers.json", folder / "tests" / "worked_numbers.json")
    (folder / "tests" / "__pycache__").mkdir(exist_ok=True)
    return folder


def _start(command: list[str], folder: Path, name: str):
    def command_for(port: int) -> list[str]:
        extra = ["--no-browser", f"--port={port}", "--ServerApp.ip=127.0.0.1", "--IdentityProvider.token=",
                 "--ServerApp.password=", *KERNELS_OVER_IPC]
        return [*command[:-1], *extra, command[-1]]

    # Run where make runs it: in the course folder (the notebook path is relative to it).
    process, port = _server(command_for, "/api", folder, name)
    return process, f"http://127.0.0.1:{port}"


@pytest.fixture(scope="module")
def start_server(course_copy):
    _with_lecturers_files(course_copy)
    command = _make_start_command(course_copy)
    assert f"--ServerApp.root_dir={course_copy}" in command
    assert command[-1] == "notebooks/00_start_hier.ipynb"
    if os.getuid() == 0:
        assert "--allow-root" in command  # ROOT_FLAG
    process, url = _start(command, course_copy, "start")
    yield url
    _stop(process)


@pytest.fixture(scope="module")
def docent_server(course_copy):
    _with_lecturers_files(course_copy)
    command = _make_command(course_copy, "docent")
    assert f"--ServerApp.root_dir={course_copy}" in command  # the same root as make start
    assert command[-1] == "solutions/00_start_hier.ipynb"
    process, url = _start(command, course_copy, "docent")
    yield url
    _stop(process)


def _contents(url: str) -> dict:
    with urllib.request.urlopen(url, timeout=30) as response:
        return json.load(response)


def _names(url: str) -> dict:
    return {item["name"]: item["type"] for item in _contents(url)["content"]}


def test_make_start_shows_data_notebooks_and_readme_at_the_root(start_server):
    root = _contents(f"{start_server}/api/contents/")
    names = {item["name"]: item["type"] for item in root["content"]}
    assert names["data"] == "directory" and names["notebooks"] == "directory"
    assert "README.md" in names  # (type "notebook": jupytext's contents manager also opens Markdown as a notebook)
    data = {item["name"] for item in _contents(f"{start_server}/api/contents/data")["content"]}
    assert {"README.md", "klanten.csv", "voorbeelden"} <= data  # the data card that notebook 00 points to
    notebooks = {item["name"] for item in _contents(f"{start_server}/api/contents/notebooks")["content"]}
    assert "00_start_hier.ipynb" in notebooks


def test_make_start_does_not_list_the_worked_solutions_or_the_answers(start_server, course_copy):
    assert all((course_copy / name).is_dir() for name in LECTURER_ONLY)  # they are there ...
    assert LECTURER_ONLY.isdisjoint(_names(f"{start_server}/api/contents/"))  # ... but not in the file browser
    assert {"data", "notebooks", "README.md"} <= set(_names(f"{start_server}/api/contents/"))


def test_make_docent_lists_everything_with_the_lecturers_versions(docent_server):
    root = _names(f"{docent_server}/api/contents/")
    assert LECTURER_ONLY | {"data", "notebooks", "README.md"} <= set(root)
    assert {"00_start_hier.ipynb", "README.md"} <= set(_names(f"{docent_server}/api/contents/solutions"))
    sources = _names(f"{docent_server}/api/contents/source")
    assert sources["04_rfm_klantenmatrix.md"] == "notebook"  # jupytext opens a source as a notebook
    tests = _names(f"{docent_server}/api/contents/tests")
    assert "worked_numbers.json" in tests and "__pycache__" not in tests  # jupyter_server's own globs still hide


def test_a_test_server_whose_port_was_taken_starts_again_on_another_port(tmp_path):
    """Between choosing a free port and the server binding it, a kernel of a test beside it can take the port;
    a Jupyter server then moves to the next port and a ZMQ socket answers at ours (seen once in CI: BadStatusLine).
    _server then starts it again on another port instead of failing the test."""
    import socket
    import threading

    taken = []

    def zmq_like(listener):  # answers as a ZMQ socket does: its greeting, not HTTP
        connection, _ = listener.accept()
        with connection:
            connection.sendall(b"\xff\x00\x00\x00\x00\x00\x00\x00\x01\x7f")
            connection.recv(1024)

    def command_for(port):
        if not taken:  # the first port: someone else has it, and "our server" listens elsewhere
            listener = socket.create_server(("127.0.0.1", port))
            taken.append((port, listener))
            threading.Thread(target=zmq_like, args=(listener,), daemon=True).start()
            return [sys.executable, "-c", "import time; time.sleep(60)"]
        return [sys.executable, "-m", "http.server", "--bind", "127.0.0.1", str(port)]

    (tmp_path / "site").mkdir()
    process, port = _server(command_for, "/", tmp_path / "site", "http")
    try:
        assert port != taken[0][0]
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=5) as response:
            assert response.status == 200
    finally:
        _stop(process)
        taken[0][1].close()
