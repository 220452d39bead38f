"""start.py, the route without make: paths per platform and the commands it runs, without installing.

The real route (a fresh venv from a clean copy, then check_environment() == [] inside it) runs in
CI: .ci/run.
"""

import ast
import shlex
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
        (root / name).parent.mkdir(parents=True, exist_ok=True)
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


# --- the lecturer's view (python start.py --docent, make docent) -------------------------------

def test_lecturer_lab_lists_every_folder_and_opens_the_lecturers_start_notebook():
    python, root = Path("/cursus/.venv/bin/python"), Path("/cursus")
    command = start.lab_command(python, root, as_root=False, extra=["--port=9999"], lecturer=True)
    shown = [word.split("=", 1)[1] for word in command if word.startswith("--ContentsManager.hide_globs=")]
    assert shown == list(start.JUPYTER_HIDE_GLOBS)  # jupyter_server's own list: source/, solutions/, tests/ listed
    assert command[:4] == start.lab_command(python, root, as_root=False, extra=[])[:4]  # same root as make start
    assert command[-2:] == ["--port=9999", str(root / "solutions" / "00_start_hier.ipynb")]  # extra can still override
    assert not any("hide_globs" in word for word in start.lab_command(python, root, as_root=False, extra=[]))
    # The lecturer's start notebook is made from the same source as the student's (solutions/ is not in git).
    assert start.LECTURER_NOTEBOOK == start.START_NOTEBOOK.replace("notebooks/", "solutions/")


def test_the_lecturers_globs_are_jupyter_servers_defaults():
    # If jupyter_server changes its defaults, the lecturer's view must follow (and the Makefile's SHOW_ALL too).
    from jupyter_server.services.contents.manager import ContentsManager

    assert list(start.JUPYTER_HIDE_GLOBS) == ContentsManager.hide_globs.default()


def test_make_docent_runs_what_start_py_docent_runs(tmp_path):
    # Dry run with an environment that exists and is set up (its stamp newer than its inputs): only the two steps.
    venv = Path(sys.executable).parent.parent
    printed = subprocess.run(["make", "-s", "-n", "docent", f"VENV={venv}"], cwd=ROOT, capture_output=True,
                             text=True, check=True).stdout
    build = [line for line in printed.splitlines() if "klantlib.course" in line]
    lab = [line for line in printed.splitlines() if "jupyter lab" in line]
    assert len(build) == 1 and len(lab) == 1 and printed.index(build[0]) < printed.index(lab[0]), printed
    python = venv / "bin" / "python"
    assert shlex.split(build[0])[1:] == start.solutions_command(python)[1:]
    words = shlex.split(lab[0])
    shown = [f"--ContentsManager.hide_globs={glob}" for glob in start.JUPYTER_HIDE_GLOBS]
    assert [word for word in words if "hide_globs" in word] == shown
    assert f"--ServerApp.root_dir={ROOT}" in words and words[-1] == start.LECTURER_NOTEBOOK


def test_main_docent_makes_the_solutions_then_opens_the_lecturers_view(monkeypatch):
    calls = []
    python = Path("/cursus/.venv/bin/python")
    monkeypatch.setattr(start, "install", lambda venv, root: python)
    monkeypatch.setattr(start.subprocess, "run", lambda command, cwd: calls.append(command) or subprocess.CompletedProcess(command, 0))
    assert start.main(["--docent", "--port=9999"]) == 0
    assert calls == [start.solutions_command(python),
                     start.lab_command(python, start.ROOT, start.running_as_root(), ["--port=9999"], lecturer=True)]
    calls.clear()
    assert start.main([]) == 0  # the student's view makes no solutions
    assert calls == [start.lab_command(python, start.ROOT, start.running_as_root(), [])]


def test_a_failing_solutions_build_stops_before_jupyterlab(monkeypatch, capsys):
    calls = []
    monkeypatch.setattr(start, "install", lambda venv, root: Path("/cursus/.venv/bin/python"))
    monkeypatch.setattr(start.subprocess, "run", lambda command, cwd: calls.append(command) or subprocess.CompletedProcess(command, 1))
    with pytest.raises(SystemExit):
        start.main(["--docent"])
    assert len(calls) == 1 and "klantlib.course" in calls[0]
    assert "dit commando is mislukt" in capsys.readouterr().err


def test_the_student_view_config_is_an_install_input():
    # Installed into the environment (pyproject.toml, shared-data): a change must make start.py install again.
    assert "klantlib/jupyter_server_config.json" in start.INSTALL_INPUTS
