"""Datasets: the shipped case world and a student's own files.

- :func:`load_dataset` / :func:`list_datasets`: the fictional case company's
  data, shipped with the package (see ``data/README.md``, the data card).
- :func:`read_table`: a student's own CSV or Excel file, Dutch formats
  included, with Dutch errors that name the file, column and row.
- :func:`drop_invalid_rows`: leave out unusable rows, never silently.
"""

from __future__ import annotations

from klantlib._datasets import DATASETS, list_datasets, load_dataset
from klantlib._readers import read_table
from klantlib.errors import KlantDataError, KlantDataWarning, describe_rows, drop_invalid_rows

__all__ = [
    "DATASETS",
    "KlantDataError",
    "KlantDataWarning",
    "describe_rows",
    "drop_invalid_rows",
    "list_datasets",
    "load_dataset",
    "read_table",
]
