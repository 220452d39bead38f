"""Package data, read one way: texts, tables and questionnaires that live as files inside ``klantlib``.

Every model that keeps its texts or tables as data (a TOML or CSV file beside
the module, a folder of questionnaires or self-checks) reads them here, so a
file travels in the wheel and is read the same way from the repository and
from an installed package.

>>> "koper" in package_toml("dmu.toml")["rollen"]
True
>>> sorted(p.name for p in package_files("questions", ".toml"))[:1]
['00_start_hier.toml']
"""

from __future__ import annotations

import io
import tomllib
from importlib import resources
from importlib.resources.abc import Traversable

import pandas as pd

__all__ = ["package_csv", "package_file", "package_files", "package_text", "package_toml"]


def package_file(relative: str) -> Traversable:
    """The file ``relative`` (``"vals.toml"``, ``"questions/04_rfm_klantenmatrix.toml"``) inside klantlib."""
    return resources.files("klantlib").joinpath(*relative.split("/"))


def package_text(relative: str) -> str:
    """The text of a package file (UTF-8)."""
    return package_file(relative).read_text(encoding="utf-8")


def package_toml(relative: str) -> dict:
    """A package TOML file as a dict."""
    return tomllib.loads(package_text(relative))


def package_csv(relative: str, **read_csv) -> pd.DataFrame:
    """A package CSV file as a DataFrame; keyword arguments go to :func:`pandas.read_csv`."""
    return pd.read_csv(io.StringIO(package_text(relative)), **read_csv)


def package_files(folder: str, suffix: str = "") -> list[Traversable]:
    """The files in a package folder whose name ends with ``suffix``, sorted by name."""
    found = [entry for entry in package_file(folder).iterdir() if entry.is_file() and entry.name.endswith(suffix)]
    return sorted(found, key=lambda entry: entry.name)
