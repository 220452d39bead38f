"""`make start` roots JupyterLab at the course folder: data/, notebooks/ and the README are in its file browser.

The server runs the exact command `make start` runs (read from `make -n start`), with only the flags a
test needs added (no browser, a free port on 127.0.0.1, no token), over a copy of the course.
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

from conftest import KERNELS_OVER_IPC, ROOT, _free_port, _server

pytestmark = [pytest.mark.slow]


def _make_start_command(folder: Path) -> list[str]:
    for name in ("Makefile", "pyproject.toml", "requirements.lock"):
        shutil.copy(ROOT / name, folder / name)
    venv = Path(sys.executable).parent.parent  # the environment running the tests
    printed = subprocess.run(["make", "-s", "-n", "-C", str(folder), "start", f"VENV={venv}"],
                             capture_output=True, text=True, check=True).stdout
    (line,) = [line for line in printed.splitlines() if "jupyter lab" in line]
    return shlex.split(line)


@pytest.fixture(scope="module")
def start_server(course_copy):
    command = _make_start_command(course_copy)
    assert f"--ServerApp.root_dir={course_copy}" in command
    assert command[-1] == "notebooks/00_start_hier.ipynb"
    if os.getuid() == 0:
        assert "--allow-root" in command  # ROOT_FLAG
    port = _free_port()
    extra = ["--no-browser", f"--port={port}", "--ServerApp.ip=127.0.0.1", "--IdentityProvider.token=",
             "--ServerApp.password=", *KERNELS_OVER_IPC]
    # Run where make runs it: in the course folder (the notebook path is relative to it).
    process = _server([*command[:-1], *extra, command[-1]], port, "/api", course_copy, "start")
    yield f"http://127.0.0.1:{port}"
    process.terminate()
    process.wait(timeout=20)


def _contents(url: str) -> dict:
    with urllib.request.urlopen(url, timeout=30) as response:
        return json.load(response)


def test_make_start_shows_data_notebooks_and_readme_at_the_root(start_server):
    root = _contents(f"{start_server}/api/contents/")
    names = {item["name"]: item["type"] for item in root["content"]}
    assert names["data"] == "directory" and names["notebooks"] == "directory"
    assert "README.md" in names  # (type "notebook": jupytext's contents manager also opens Markdown as a notebook)
    data = {item["name"] for item in _contents(f"{start_server}/api/contents/data")["content"]}
    assert {"README.md", "klanten.csv", "voorbeelden"} <= data  # the data card that notebook 00 points to
    notebooks = {item["name"] for item in _contents(f"{start_server}/api/contents/notebooks")["content"]}
    assert "00_start_hier.ipynb" in notebooks
