"""start.py, the route without make: paths per platform and the commands it runs, without installing.

The real route (a fresh venv from a clean copy, then check_environment() == [] inside it) runs in
CI: .ci/run.
"""

import ast
import importlib.util
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def _load_start():
    spec = importlib.util.spec_from_file_location("start_script", ROOT / "start.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


start = _load_start()


def test_venv_interpreter_per_platform():
    venv = Path("cursus") / ".venv"
    assert start.venv_python(venv, windows=True).parts[-3:] == (".venv", "Scripts", "python.exe")
    assert start.venv_python(venv, windows=False).parts[-3:] == (".venv", "bin", "python")


def test_uses_only_the_standard_library():
    tree = ast.parse((ROOT / "start.py").read_text(encoding="utf-8"))
    modules = {alias.name.split(".")[0] for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names}
    modules |= {node.module.split(".")[0] for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)}
    assert modules - {"__future__"} <= set(sys.stdlib_module_names), modules


def test_install_commands_are_the_lock_then_klantlib_then_bytecode():
    python = Path("/cursus/.venv/bin/python")
    lock, klantlib, compiled = start.install_commands(python, Path("/cursus"))
    pip = [str(python), "-m", "pip", "install"]
    assert lock[:4] == pip and lock[-2:] == ["-r", str(Path("/cursus/requirements.lock"))]
    assert klantlib[:4] == pip and klantlib[-2:] == ["-e", str(Path("/cursus"))] and "--no-deps" in klantlib
    assert compiled[:3] == [str(python), "-m", "compileall"]
    assert str(Path("/cursus/.venv")) in compiled and str(Path("/cursus/klantlib")) in compiled
    words = {word for command in (lock, klantlib, compiled) for word in command}
    assert not words & {"uv", "make"}  # pip of the standard venv only


def test_lab_opens_the_start_notebook_with_the_repository_as_root():
    python, root = Path("/cursus/.venv/bin/python"), Path("/cursus")
    command = start.lab_command(python, root, as_root=False, extra=[])
    assert command == [str(python), "-m", "jupyterlab", f"--ServerApp.root_dir={root}",
                       str(root / "notebooks" / "00_start_hier.ipynb")]
    assert (ROOT / start.START_NOTEBOOK).exists()
    as_root = start.lab_command(python, root, as_root=True, extra=["--port=9999"])
    assert as_root[4:6] == ["--allow-root", "--port=9999"] and as_root[-1] == command[-1]


def test_test_command_is_make_tests_unless_told_otherwise():
    python = Path("/cursus/.venv/bin/python")
    assert start.test_command(python, []) == [str(python), "-m", "pytest", "-n", "2", "--dist", "loadfile"]
    assert start.test_command(python, ["tests/test_rfm.py"]) == [str(python), "-m", "pytest", "tests/test_rfm.py"]


def _fake_repo(tmp_path):
    root = tmp_path / "cursus"
    root.mkdir()
    for name in start.INSTALL_INPUTS:
        (root / name).write_text(f"{name}\n", encoding="utf-8")
    venv = root / ".venv"
    python = start.venv_python(venv)
    python.parent.mkdir(parents=True)
    python.write_text("", encoding="utf-8")  # an existing environment: no venv is created
    return root, venv


def test_install_runs_the_commands_once_and_again_after_a_new_lock(tmp_path, monkeypatch):
    root, venv = _fake_repo(tmp_path)
    ran = []
    monkeypatch.setattr(start.subprocess, "run", lambda command, cwd: ran.append(command) or subprocess.CompletedProcess(command, 0))
    python = start.install(venv, root)
    assert ran == start.install_commands(python, root)
    assert not start.needs_install(venv, root)
    ran.clear()
    start.install(venv, root)
    assert ran == []  # set up already: starts at once
    (root / "requirements.lock").write_text("pandas==9.9.9\n", encoding="utf-8")
    assert start.needs_install(venv, root)
    start.install(venv, root)
    assert len(ran) == 3


def test_a_failing_install_stops_with_the_command_and_writes_no_stamp(tmp_path, monkeypatch, capsys):
    root, venv = _fake_repo(tmp_path)
    monkeypatch.setattr(start.subprocess, "run", lambda command, cwd: subprocess.CompletedProcess(command, 1))
    with pytest.raises(SystemExit):
        start.install(venv, root)
    assert "dit commando is mislukt (code 1)" in capsys.readouterr().err
    assert start.needs_install(venv, root)


def test_main_installs_then_tests_or_stops(tmp_path, monkeypatch):
    calls = []
    python = Path("/cursus/.venv/bin/python")
    monkeypatch.setattr(start, "install", lambda venv, root: calls.append(("install", venv)) or python)
    monkeypatch.setattr(start.subprocess, "run", lambda command, cwd: calls.append(command) or subprocess.CompletedProcess(command, 0))
    assert start.main(["--alleen-installeren", "--venv", str(tmp_path / "v")]) == 0
    assert calls == [("install", (tmp_path / "v").resolve())]
    calls.clear()
    assert start.main(["--test", "tests/test_rfm.py"]) == 0
    assert calls[1] == start.test_command(python, ["tests/test_rfm.py"])


def test_too_old_python_stops_with_a_dutch_message(monkeypatch, capsys):
    monkeypatch.setattr(start, "MIN_PYTHON", (99, 0))
    monkeypatch.setattr(start, "install", lambda venv, root: pytest.fail("installed anyway"))
    with pytest.raises(SystemExit):
        start.main(["--alleen-installeren"])
    assert "Python 99.0 of nieuwer is nodig" in capsys.readouterr().err
