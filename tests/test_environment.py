"""The Binder environment, the package metadata and the lock file agree with each other."""

import re
import tomllib
from pathlib import Path

import yaml
from packaging.requirements import Requirement

ROOT = Path(__file__).resolve().parent.parent


def _pyproject():
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))


def _pins(requirements):
    pins = {}
    for text in requirements:
        req = Requirement(text)
        (spec,) = req.specifier  # exactly one specifier per package ...
        assert spec.operator == "==", f"{text}: pin exact versions"  # ... and it is an exact pin
        pins[req.name.lower()] = spec.version
    return pins


def _environment():
    return yaml.safe_load((ROOT / "environment.yml").read_text(encoding="utf-8"))


def _pip_entries(env):
    (pip_section,) = [d for d in env["dependencies"] if isinstance(d, dict)]
    return pip_section["pip"]


def test_environment_pins_equal_package_metadata():
    project = _pyproject()["project"]
    wanted = _pins(project["dependencies"] + project["optional-dependencies"]["jupyter"])
    entries = [e for e in _pip_entries(_environment()) if not e.startswith("-")]
    assert _pins(entries) == wanted


def test_environment_installs_klantlib_itself():
    assert "-e ." in _pip_entries(_environment())


def test_environment_python_fits_requires_python():
    env = _environment()
    (python,) = [d for d in env["dependencies"] if isinstance(d, str) and d.startswith("python")]
    version = python.split("=")[-1]
    requires = _pyproject()["project"]["requires-python"]
    assert requires == ">=3.11" and tuple(map(int, version.split("."))) >= (3, 11)


def test_lock_file_holds_every_pin_of_the_metadata():
    project = _pyproject()["project"]
    everything = project["dependencies"] + [
        req for extra in project["optional-dependencies"].values() for req in extra
    ]
    lock = (ROOT / "requirements.lock").read_text(encoding="utf-8")
    locked = {
        m.group(1).lower().replace("_", "-"): m.group(2)
        for m in re.finditer(r"^([A-Za-z0-9_.\-]+)==([^\s;]+)", lock, re.MULTILINE)
    }
    for name, version in _pins(everything).items():
        assert locked.get(name) == version, f"{name}: lock has {locked.get(name)}, pyproject {version}"


def test_installed_versions_are_the_pinned_ones():
    from klantlib.notebook import check_environment

    assert check_environment() == []
