"""Package data is read one way: every file that lives inside klantlib goes through klantlib._resources."""

import re
from pathlib import Path

import pandas as pd

from klantlib._resources import package_csv, package_file, package_files, package_text, package_toml

KLANTLIB = Path(__file__).resolve().parent.parent / "klantlib"


def test_no_module_but_resources_opens_package_files_itself():
    """A second way to read package data (importlib.resources, a path next to ``__file__``) would be the next
    copy to keep in step; read with package_text, package_toml, package_csv or package_files instead."""
    own_readers = re.compile(r"importlib\.resources|from importlib import resources|resources\.files\(")
    found = [str(path.relative_to(KLANTLIB)) for path in sorted(KLANTLIB.rglob("*.py"))
             if path.name != "_resources.py" and own_readers.search(path.read_text(encoding="utf-8"))]
    assert found == []


def test_the_readers_agree_with_the_file_on_disk():
    on_disk = (KLANTLIB / "orca_stages.csv").read_text(encoding="utf-8")
    assert package_text("orca_stages.csv") == on_disk
    assert package_file("orca_stages.csv").is_file()
    pd.testing.assert_frame_equal(package_csv("orca_stages.csv", dtype="str"),
                                  pd.read_csv(KLANTLIB / "orca_stages.csv", dtype="str"))
    assert package_toml("dmu.toml") == __import__("tomllib").loads((KLANTLIB / "dmu.toml").read_text(encoding="utf-8"))
    names = [entry.name for entry in package_files("questions", ".toml")]
    assert names == sorted(p.name for p in (KLANTLIB / "questions").glob("*.toml"))
