"""The first half of :func:`klantlib.data.read_table`: a student's file -> one grid of text cells.

This module turns whatever the student hands over (a path, bytes, a file object or an
ipywidgets ``FileUpload`` entry) into a :class:`pandas.DataFrame` of text cells whose
index is the row number the student sees. Finding the header and the types of the
columns is :mod:`klantlib._readers`' job.
"""

from __future__ import annotations

import csv
import io
import os
import re
from collections.abc import Mapping
from datetime import date, datetime
from pathlib import Path

import numpy as np
import pandas as pd

from klantlib.errors import KlantDataError, describe_rows

_ZIP_MAGIC = b"PK\x03\x04"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0"  # old .xls (and .doc): not readable with openpyxl
_SEPARATORS = (";", "\t", ",")  # order breaks ties in the header count
_SEP_NAMES = {";": "puntkomma (;)", ",": "komma (,)", "\t": "tab"}
_PARSER_LINE = re.compile(r"Expected (\d+) fields in line (\d+), saw (\d+)")


# -- getting the bytes --------------------------------------------------------------------------

def _load(source, name: str | None) -> tuple[bytes, str]:
    """The raw bytes of ``source`` and the file name to show in messages."""
    if isinstance(source, Mapping):  # an ipywidgets FileUpload entry: {"name": ..., "content": ...}
        if "content" not in source:
            raise KlantDataError("Geef een bestand, een pad of een upload (met 'name' en 'content') aan read_table.")
        return bytes(source["content"]), name or str(source.get("name") or "je bestand")
    if isinstance(source, (str, os.PathLike)):
        path = Path(source)
        shown = name or path.name
        if path.suffix.casefold() == ".xls":
            raise _xls_error(shown)
        if not path.is_file():
            where = "is een map, geen bestand" if path.is_dir() else "bestaat niet"
            raise KlantDataError(f"Het bestand '{shown}' {where} (gezocht: '{path}'). Controleer de naam en "
                                 f"de map; de map van dit notebook is '{Path.cwd()}'.")
        return path.read_bytes(), shown
    if isinstance(source, (bytes, bytearray, memoryview)):
        return bytes(source), name or "je bestand"
    if hasattr(source, "read"):
        raw = source.read()
        shown = name or Path(str(getattr(source, "name", "") or "je bestand")).name
        return (raw.encode("utf-8") if isinstance(raw, str) else bytes(raw)), shown
    raise KlantDataError(f"read_table kan {type(source).__name__} niet lezen. Geef een pad naar een .csv- of "
                         ".xlsx-bestand, of de inhoud van een upload met name='bestand.csv'.")


def _xls_error(name: str) -> KlantDataError:
    return KlantDataError(f"'{name}' is een oud Excelbestand (.xls) en dat kan read_table niet lezen. Open het in "
                          "Excel en kies Opslaan als > Excel-werkmap (.xlsx) of CSV (gescheiden door lijstscheidingsteken).")


def _decode(raw: bytes) -> str:
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    return raw.decode("latin-1")  # never fails: every byte is a character


# -- cells: CSV and Excel to one grid of text ---------------------------------------------------

def _split(line: str, sep: str) -> list[str]:
    return next(csv.reader([line], delimiter=sep), [])


def _count_outside_quotes(line: str, sep: str) -> int:
    return sum(1 for i, part in enumerate(line.split('"')) if i % 2 == 0 for _ in range(part.count(sep)))


def _sniff(lines: list[str]) -> str:
    """The separator: the one that occurs most in the first non-empty line, outside quotes."""
    filled = [line for line in lines[:20] if line.strip()]
    for line in filled[:3]:  # a title line without separators: look at the next line
        counts = {sep: _count_outside_quotes(line, sep) for sep in _SEPARATORS}
        if any(counts.values()):
            return max(_SEPARATORS, key=lambda sep: counts[sep])
    return ","


def _csv_grid(raw: bytes, name: str) -> tuple[pd.DataFrame, str]:
    """All cells of a CSV file as stripped text (blank -> NA), index = line number."""
    text = _decode(raw)
    lines = text.splitlines()
    first = 0
    if lines and re.fullmatch(r"\s*sep=(.)\s*", lines[0]):  # Excel's "sep=;" line
        sep, first = lines[0].strip()[4], 1
    else:
        sep = _sniff(lines)
    try:
        grid = pd.read_csv(io.StringIO(text), sep=sep, header=None, dtype="str", keep_default_na=False,
                           skip_blank_lines=False, skiprows=first, engine="c", quotechar='"')
    except pd.errors.EmptyDataError as error:
        raise KlantDataError(f"Het bestand '{name}' is leeg. Zet de kolomnamen op de eerste rij en de gegevens "
                             "daaronder, en sla het opnieuw op.") from error
    except pd.errors.ParserError as error:
        grid = _ragged_grid(text, sep, first, name, error)
    grid.index = pd.RangeIndex(first + 1, first + 1 + len(grid))
    return grid, sep


def _strip_blank(column: pd.Series) -> pd.Series:
    stripped = column.str.strip()
    return stripped.mask(stripped == "")


def _ragged_grid(text: str, sep: str, first: int, name: str, error: Exception) -> pd.DataFrame:
    """Lines with more fields than the first line: fine when the extra fields are empty."""
    found = _PARSER_LINE.search(str(error))
    rows = list(csv.reader(io.StringIO(text), delimiter=sep))[first:]
    wide = [i for i, row in enumerate(rows[:20]) if sum(bool(c.strip()) for c in row) > 1]
    top = wide[0] if wide else 0  # title lines above the header (one filled field) don't set the width
    width = len(rows[top]) if rows else 0
    extra = [i for i, row in enumerate(rows, start=first + 1)
             if i > first + 1 + top and any(c.strip() for c in row[width:])]
    if extra or not rows:
        line = extra[0] if extra else (int(found.group(2)) if found else "?")
        count = len(rows[line - first - 1]) if extra else (found.group(3) if found else "?")
        raise KlantDataError(
            f"In '{name}' heeft {describe_rows(extra or [line])} meer kolommen ({count}) dan de eerste rij "
            f"({width}). Meestal staat er een {_SEP_NAMES.get(sep, sep)} in een tekst of bedrag: zet die tekst "
            "tussen aanhalingstekens, of sla het bestand in Excel opnieuw op als CSV."
        ) from error
    return pd.DataFrame([row[:width] + [""] * (width - len(row)) for row in rows], dtype="str")


def _excel_cell(value) -> object:
    if value is None:
        return None
    if isinstance(value, bool):
        return "WAAR" if value else "ONWAAR"
    if isinstance(value, (int, np.integer)):
        return str(value)
    if isinstance(value, (float, np.floating)):
        return None if np.isnan(value) else np.format_float_positional(value, trim="-")
    if isinstance(value, datetime):
        return value.isoformat(sep=" ") if (value.hour, value.minute, value.second) != (0, 0, 0) else value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def _excel_grid(raw: bytes, name: str, sheet) -> pd.DataFrame:
    """All cells of one sheet as text (numbers with a decimal point, dates ISO), index = Excel row."""
    from openpyxl import load_workbook

    try:
        book = load_workbook(io.BytesIO(raw), read_only=True, data_only=True)
    except Exception as error:  # noqa: BLE001 - a damaged or disguised file: one Dutch message
        raise KlantDataError(f"'{name}' kon niet worden geopend als Excelbestand ({type(error).__name__}). Open het "
                             "in Excel en sla het opnieuw op als .xlsx, of als CSV.") from error
    try:
        names = book.sheetnames
        if sheet is None:
            chosen = names[0]
        elif isinstance(sheet, (int, np.integer)) and not isinstance(sheet, bool):
            if not 0 <= sheet < len(names):
                raise KlantDataError(f"'{name}' heeft {len(names)} werkblad(en): {', '.join(map(repr, names))}; "
                                     f"sheet={sheet} bestaat niet (tel vanaf 0).")
            chosen = names[sheet]
        else:
            matches = [n for n in names if n.strip().casefold() == str(sheet).strip().casefold()]
            if not matches:
                raise KlantDataError(f"'{name}' heeft geen werkblad '{sheet}'. Gevonden werkbladen: "
                                     f"{', '.join(map(repr, names))}.")
            chosen = matches[0]
        rows = [[_excel_cell(v) for v in row] for row in book[chosen].iter_rows(values_only=True)]
    finally:
        book.close()
    width = max((len(row) for row in rows), default=0)
    grid = pd.DataFrame([row + [None] * (width - len(row)) for row in rows], dtype="object")
    grid.index = pd.RangeIndex(1, len(grid) + 1)
    return grid.astype("str").where(grid.notna()) if len(grid.columns) else grid
