"""The Binder environment, the package metadata, the lock file and the notebooks agree with each other;
and the environment check names what is missing with the command that fixes it."""

import ast
import json
import re
import subprocess
import sys
import tomllib
import warnings
from importlib import metadata
from pathlib import Path

import nbformat
import pytest
import yaml
from IPython.core.inputtransformer2 import TransformerManager
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from klantlib import notebook
from klantlib.course import read_source

ROOT = Path(__file__).resolve().parent.parent


def _pyproject():
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))


def _pins(requirements):
    pins = {}
    for text in requirements:
        req = Requirement(text)
        (spec,) = req.specifier  # exactly one specifier per package ...
        assert spec.operator == "==", f"{text}: pin exact versions"  # ... and it is an exact pin
        pins[canonicalize_name(req.name)] = spec.version
    return pins


def _locked():
    """{distribution: version} of requirements.lock (names normalised as pip compares them)."""
    lock = (ROOT / "requirements.lock").read_text(encoding="utf-8")
    return {
        canonicalize_name(m.group(1)): m.group(2)
        for m in re.finditer(r"^([A-Za-z0-9_.\-]+)==([^\s;]+)", lock, re.MULTILINE)
    }


def _environment():
    return yaml.safe_load((ROOT / "environment.yml").read_text(encoding="utf-8"))


def _pip_entries(env):
    (pip_section,) = [d for d in env["dependencies"] if isinstance(d, dict)]
    return pip_section["pip"]


# --- environment.yml (Binder, hubs) ---------------------------------------------------------

def test_environment_installs_exactly_the_lock_and_klantlib():
    # pip reads the lock itself, so Binder gets every one of its pins (not a hand-kept copy of a
    # few), and klantlib from the repository; nothing else is resolved on its own.
    assert _pip_entries(_environment()) == ["-r requirements.lock", "-e ."]
    assert len(_locked()) > 100  # the whole transitive set, not only the direct dependencies


def test_environment_takes_only_python_and_pip_from_conda():
    # A conda package would bring its own version of something the lock pins.
    conda = [d for d in _environment()["dependencies"] if isinstance(d, str)]
    assert sorted(d.split("=")[0] for d in conda) == ["pip", "python"]


def test_environment_python_is_the_one_the_lock_was_made_for():
    (python,) = [d for d in _environment()["dependencies"] if isinstance(d, str) and d.startswith("python")]
    version = python.split("=")[-1]
    lock = (ROOT / "requirements.lock").read_text(encoding="utf-8")
    assert f"--python-version {version} " in lock.splitlines()[1]
    assert _pyproject()["project"]["requires-python"] == f">={version}"


def test_lock_file_holds_every_pin_of_the_metadata():
    project = _pyproject()["project"]
    everything = project["dependencies"] + [
        req for extra in project["optional-dependencies"].values() for req in extra
    ]
    locked = _locked()
    for name, version in _pins(everything).items():
        assert locked.get(name) == version, f"{name}: lock has {locked.get(name)}, pyproject {version}"


def _code_cells():
    """(file, source) of every code cell of the student notebooks and of their sources."""
    for path in sorted((ROOT / "notebooks").glob("*.ipynb")):
        for cell in nbformat.read(path, as_version=4).cells:
            if cell.cell_type == "code":
                yield path.name, cell.source
    for path in sorted((ROOT / "source").glob("[0-9][0-9]_*.md")):
        for cell in read_source(path).cells:
            if cell.cell_type == "code":
                yield path.name, cell.source


def _imported_modules(source):
    """Top-level modules a cell imports (IPython syntax such as %magics turned into Python first)."""
    tree = ast.parse(TransformerManager().transform_cell(source))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0:
            yield node.module.split(".")[0]


def test_every_notebook_import_is_stdlib_klantlib_or_locked():
    imports = {}
    for name, source in _code_cells():
        for module in _imported_modules(source):
            imports.setdefault(module, set()).add(name)
    assert {"klantlib", "pandas", "IPython"} <= set(imports)  # the scan sees the imports at all
    distributions = metadata.packages_distributions()
    locked = _locked()
    for module, files in sorted(imports.items()):
        if module in sys.stdlib_module_names or module == "klantlib":
            continue
        names = {canonicalize_name(d) for d in distributions.get(module, [])}
        assert names, f"{module} (in {sorted(files)}) belongs to no installed distribution"
        assert names & set(locked), f"{module} (in {sorted(files)}) comes from {names}, not in requirements.lock"


def test_import_scan_reads_magics_and_from_imports():
    cell = "%matplotlib inline\nimport matplotlib.pyplot as plt\nfrom IPython.display import Markdown\nfrom . import x"
    assert list(_imported_modules(cell)) == ["matplotlib", "IPython"]


# --- Binder badge: one address -------------------------------------------------------------

def _binder_link():
    """The Binder link that belongs to the repository address in pyproject.toml."""
    repository = _pyproject()["project"]["urls"]["Repository"]
    owner_repo = re.fullmatch(r"https://github\.com/([^/]+/[^/]+?)/?", repository).group(1)
    return f"https://mybinder.org/v2/gh/{owner_repo}/HEAD?urlpath=lab/tree/notebooks/00_start_hier.ipynb"


def test_readme_binder_badge_follows_the_repository_address():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    links = re.findall(r"https://mybinder\.org/v2/gh/[^)\s]+", readme)
    assert links and set(links) == {_binder_link()}
    assert (ROOT / "notebooks" / "00_start_hier.ipynb").exists()  # the page the badge opens


# --- the student's view in Jupyter: no worked solutions in the file browser -------------------

STUDENT_VIEW = ROOT / "klantlib" / "jupyter_server_config.json"
#: What the student's view hides on top of jupyter_server's own list: the worked solutions (source/,
#: solutions/) and every answer in plain text (tests/worked_numbers.json).
COURSE_HIDDEN = ["source", "solutions", "tests"]


def test_the_student_view_hides_the_worked_solutions_and_keeps_jupyters_own_globs():
    from fnmatch import fnmatch

    from jupyter_server.services.contents.manager import ContentsManager

    config = json.loads(STUDENT_VIEW.read_text(encoding="utf-8"))
    assert config == {"ContentsManager": {"hide_globs": ContentsManager.hide_globs.default() + COURSE_HIDDEN}}
    hidden = config["ContentsManager"]["hide_globs"]
    for name in COURSE_HIDDEN:
        assert (ROOT / name).is_dir()
    # What a student works with stays listed, at the root and in the folders the notebooks point to.
    listed = ["data", "notebooks", "klantlib", "README.md", "Makefile", "start.py"]
    listed += [p.name for folder in ("data", "notebooks") for p in (ROOT / folder).rglob("*")
               if "__pycache__" not in p.parts and not p.name.endswith(".pyc")]
    assert [name for name in listed if any(fnmatch(name, glob) for glob in hidden)] == []


def test_installing_klantlib_puts_the_student_view_into_the_environments_jupyter_config():
    # Every route installs klantlib (make, start.py, environment.yml for Binder and hubs), so every
    # Jupyter server of the environment reads it: jupyter_server reads jupyter_server_config.json in
    # <prefix>/etc/jupyter (the *.d folder beside it only enables extensions).
    from jupyter_core.paths import jupyter_config_path

    shared = _pyproject()["tool"]["hatch"]["build"]["targets"]["wheel"]["shared-data"]
    assert shared == {"klantlib/jupyter_server_config.json": "etc/jupyter/jupyter_server_config.json"}
    installed = Path(sys.prefix) / "etc" / "jupyter" / "jupyter_server_config.json"
    assert installed.read_text(encoding="utf-8") == STUDENT_VIEW.read_text(encoding="utf-8"), \
        "de omgeving is niet bijgewerkt: make setup (of python start.py --alleen-installeren)"
    assert str(installed.parent) in jupyter_config_path()
    # A change to the file sets up the environment again (make's stamp; start.py's INSTALL_INPUTS has a test).
    (stamp_rule,) = [line for line in (ROOT / "Makefile").read_text(encoding="utf-8").splitlines()
                     if line.startswith("$(STAMP):")]
    assert "klantlib/jupyter_server_config.json" in stamp_rule.split()


# --- check_environment ---------------------------------------------------------------------

class FakeMetadata:
    """Stands in for importlib.metadata inside klantlib.notebook: klantlib's requirements and what is installed."""

    PackageNotFoundError = metadata.PackageNotFoundError

    def __init__(self, installed, requires=None):
        self.installed = installed
        self._requires = requires if requires is not None else metadata.requires("klantlib")

    def requires(self, name):
        if "klantlib" not in self.installed:
            raise self.PackageNotFoundError(name)
        return self._requires

    def version(self, name):
        try:
            return self.installed[name]
        except KeyError:
            raise self.PackageNotFoundError(name) from None


def _everything_installed():
    installed = {"klantlib": "0.1.0"}
    installed.update(notebook._pins())
    installed.update(notebook._jupyter_pins())
    return installed


@pytest.fixture
def restore_warnings():
    original = warnings.formatwarning
    yield
    warnings.formatwarning = original
    warnings.resetwarnings()


def test_pins_splits_the_core_from_the_extras(monkeypatch):
    requires = ["pandas==3.1.1", "voila==0.5.13; extra == 'jupyter'", 'pytest==9.2.0; extra == "test"']
    monkeypatch.setattr(notebook, "metadata", FakeMetadata({"klantlib": "0.1.0"}, requires))
    assert notebook._pins() == {"pandas": "3.1.1"}
    assert notebook._jupyter_pins() == {"voila": "0.5.13"}
    assert notebook._pins_of("test") == {"pytest": "9.2.0"}


def test_jupyter_extra_is_what_a_student_needs_to_open_the_course():
    assert set(notebook._jupyter_pins()) == {"jupyterlab", "ipykernel", "voila", "jupyterlab-rise"}
    assert set(notebook._JUPYTER_ROLES) == set(notebook._jupyter_pins())  # each named in Dutch


def test_all_installed_means_no_problem(monkeypatch):
    monkeypatch.setattr(notebook, "metadata", FakeMetadata(_everything_installed()))
    assert notebook.check_environment() == []


def test_fix_is_the_documented_route_not_pip_install_e():
    fix = notebook.FIX
    assert "make start" in fix and "python start.py" in fix and "py start.py" in fix
    assert "pip install -r requirements.lock" in fix and "pip install --no-deps -e ." in fix
    assert "`pip install -e .`" not in fix


@pytest.mark.parametrize("package", ["jupyterlab", "ipykernel", "voila"])
def test_missing_jupyter_part_is_reported_with_the_fix_but_does_not_stop_setup(
    monkeypatch, capsys, restore_warnings, package
):
    installed = _everything_installed()
    del installed[package]
    monkeypatch.setattr(notebook, "metadata", FakeMetadata(installed))
    (problem,) = notebook.check_environment()
    label = {"jupyterlab": "JupyterLab", "ipykernel": "ipykernel", "voila": "Voila"}[package]
    assert problem.startswith(f"Niet in deze omgeving: {label} (") and notebook.FIX in problem
    assert [p.blocking for p in notebook.environment_problems()] == [False]
    notebook.setup()  # in VS Code the notebook works without JupyterLab: a note, no refusal
    out = capsys.readouterr().out
    assert out.startswith("Klaar: klantlib") and f"Let op: Niet in deze omgeving: {label}" in out


def test_missing_jupyterlab_and_kernel_are_named_in_one_line(monkeypatch):
    installed = _everything_installed()
    del installed["jupyterlab"], installed["ipykernel"]
    monkeypatch.setattr(notebook, "metadata", FakeMetadata(installed))
    (problem,) = notebook.check_environment()
    assert problem.startswith("Niet in deze omgeving: ipykernel (de kernel die de codecellen uitvoert) en JupyterLab (")


def test_missing_ipywidgets_stops_setup_with_the_fix(monkeypatch, restore_warnings):
    installed = _everything_installed()
    del installed["ipywidgets"]
    monkeypatch.setattr(notebook, "metadata", FakeMetadata(installed))
    assert notebook.check_environment() == [f"Het pakket ipywidgets ontbreekt. {notebook.FIX}"]
    assert [p.blocking for p in notebook.environment_problems()] == [True]
    with pytest.raises(RuntimeError, match="ipywidgets ontbreekt.*start.py"):
        notebook.setup()


def test_klantlib_not_installed_stops_setup_with_the_fix(monkeypatch, restore_warnings):
    monkeypatch.setattr(notebook, "metadata", FakeMetadata({"pandas": "3.1.1"}))
    assert notebook.check_environment() == [f"klantlib is niet geïnstalleerd in deze omgeving. {notebook.FIX}"]
    with pytest.raises(RuntimeError, match="niet geïnstalleerd"):
        notebook.setup()


def test_other_version_is_a_note_only(monkeypatch, capsys, restore_warnings):
    installed = _everything_installed() | {"pandas": "3.0.0", "jupyterlab": "4.0.0"}
    monkeypatch.setattr(notebook, "metadata", FakeMetadata(installed))
    # Another JupyterLab (a hub's own) changes no output: only the packages klantlib imports count.
    assert notebook.check_environment() == [
        "pandas heeft versie 3.0.0, de cursus is gemaakt met 3.1.1: uitkomsten en figuren kunnen iets afwijken."
    ]
    notebook.setup()
    assert "Let op: pandas heeft versie 3.0.0" in capsys.readouterr().out


def test_installed_versions_are_the_pinned_ones():
    assert notebook.check_environment() == []


# --- make lock on a fresh clone --------------------------------------------------------------

def test_make_lock_gets_uv_first_on_a_fresh_clone(tmp_path):
    # Dry run (-n) with an environment that does not exist yet, as on a fresh clone: the lock
    # target first makes the venv and installs uv, then compiles; it does not need the full setup.
    venv = tmp_path / "verse-kloon" / ".venv"
    result = subprocess.run(["make", "-n", "lock", f"VENV={venv}"], cwd=ROOT, capture_output=True, text=True, check=True)
    lines = result.stdout.splitlines()
    steps = [next((i for i, line in enumerate(lines) if marker in line), None)
             for marker in ("-m venv", "pip install", f"{venv}/bin/uv pip compile")]
    assert None not in steps and steps == sorted(steps), result.stdout
    assert "uv==" in lines[steps[1]] and "requirements.lock" not in lines[steps[1]]  # uv only, not the setup
    assert "-o requirements.lock" in lines[steps[2]]


def test_the_repository_root_holds_only_the_projects_own_files():
    # Experiments (a downloaded wheel, a tester's student files) once landed here through `git add -A`.
    tracked = subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True, check=False)
    if tracked.returncode != 0:
        pytest.skip("geen git-checkout: er valt niets na te gaan")
    top = {line.split("/")[0] for line in tracked.stdout.splitlines()}
    expected = {".ci", ".gitignore", "Makefile", "README.md", "benchmarks", "data", "environment.yml", "klantlib",
                "notebooks", "pyproject.toml", "requirements.lock", "solutions", "source", "start.py", "tests"}
    assert top - expected == set(), "onverwachte bestanden in de hoofdmap van de repository"
