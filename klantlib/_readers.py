"""Reading a student's own file: CSV (``,`` or ``;``, decimal point or comma, UTF-8 or cp1252) and Excel.

Every problem a student can make in a spreadsheet gets a Dutch
:class:`~klantlib.errors.KlantDataError` that names the file, the column and
the row (as numbered in Excel) and says how to fix it; pandas' own tracebacks
never reach the student.
"""

from __future__ import annotations

import csv
import io
import os
import re
from collections.abc import Mapping, Sequence
from pathlib import Path

import pandas as pd

from klantlib.errors import KlantDataError, describe_rows

__all__ = ["read_table"]

KINDS = ("number", "integer", "date", "text")
_ENCODINGS = ("utf-8-sig", "cp1252")
_NUMBER = re.compile(r"^[+-]?(\d+|\d{1,3}(\.\d{3})+|\d{1,3}(,\d{3})+)?([.,]\d+)?$")


def _name(source) -> str:
    return Path(str(source)).name if isinstance(source, (str, os.PathLike)) else getattr(source, "name", "je bestand")


def _decode(raw: bytes, name: str) -> str:
    for encoding in _ENCODINGS:
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise KlantDataError(f"'{name}' is geen leesbaar tekstbestand. Sla het op als CSV (UTF-8) of als Excel (.xlsx).")


def _sniff_separator(text: str) -> str:
    lines = [line for line in text.splitlines() if line.strip()][:20]
    sample = "\n".join(lines)
    try:
        return csv.Sniffer().sniff(sample, delimiters=";,\t").delimiter
    except csv.Error:
        counts = {sep: sample.count(sep) for sep in ";,\t"}
        return max(counts, key=counts.get) if any(counts.values()) else ","


def _clean_header(columns) -> list[str]:
    cleaned = []
    for i, column in enumerate(columns, start=1):
        text = " ".join(str(column).replace("\ufeff", "").split())
        cleaned.append(text if text and not text.startswith("Unnamed:") else f"kolom_{i}")
    return cleaned


def _header_row(frame: pd.DataFrame, wanted: Sequence[str]) -> int:
    """The first of the top rows that holds the wanted column names (Excel files with a title above)."""
    wanted_set = {w.casefold() for w in wanted}
    for row in range(min(10, len(frame))):
        values = {" ".join(str(v).split()).casefold() for v in frame.iloc[row] if pd.notna(v)}
        if wanted_set and wanted_set <= values:
            return row
    return -1


def _parse_number(column: pd.Series, decimal: str) -> pd.Series:
    text = column.astype("str").str.strip().str.replace("€", "", regex=False).str.replace("\u00a0", "").str.replace(" ", "")
    text = text.mask(column.isna())
    if decimal == ",":
        text = text.str.replace(".", "", regex=False).str.replace(",", ".", regex=False)
    else:
        text = text.str.replace(",", "", regex=False)
    return pd.to_numeric(text, errors="coerce")


def _guess_decimal(column: pd.Series) -> str:
    text = column.dropna().astype("str").str.strip()
    comma = text.str.contains(r"\d,\d{1,2}$|\d,\d+$", regex=True).sum()
    point = text.str.contains(r"\d\.\d{1,2}$", regex=True).sum()
    thousands_point = text.str.contains(r"^\d{1,3}(?:\.\d{3})+(?:,\d+)?$", regex=True).sum()
    return "," if comma + thousands_point > point else "."


def _convert(frame: pd.DataFrame, column: str, kind: str, name: str) -> pd.Series:
    values = frame[column]
    blank = values.isna() | values.astype("str").str.strip().eq("")
    if kind == "text":
        return values.astype("str").str.strip().mask(blank)
    if kind in ("number", "integer"):
        if pd.api.types.is_numeric_dtype(values):
            converted = values.astype("float64")
        else:
            converted = _parse_number(values.mask(blank), _guess_decimal(values.mask(blank)))
        bad = converted.isna() & ~blank
        if bad.any():
            first = bad.idxmax()
            raise KlantDataError(
                f"In '{name}', kolom '{column}', staat op {describe_rows(frame.index[bad])} geen getal "
                f"(bijvoorbeeld {str(values[first]).strip()!r} op rij {first}). "
                "Maak er een getal van, zoals 1234,50 of 1234.50, of maak de cel leeg."
            )
        if kind == "integer":
            fraction = converted.notna() & (converted % 1 != 0)
            if fraction.any():
                raise KlantDataError(
                    f"In '{name}', kolom '{column}', staat op {describe_rows(frame.index[fraction])} geen heel getal. "
                    "Vul hele getallen in (zonder komma)."
                )
            return converted.astype("Int64")
        return converted
    if kind == "date":
        if pd.api.types.is_datetime64_any_dtype(values):
            return values
        text = values.astype("str").str.strip().mask(blank)
        iso = text.str.match(r"^\d{4}-\d{1,2}-\d{1,2}")
        parsed = pd.Series(pd.NaT, index=values.index, dtype="datetime64[us]")
        parsed[iso] = pd.to_datetime(text[iso].str.slice(0, 10), format="%Y-%m-%d", errors="coerce")
        dutch = ~iso & text.notna()
        parsed[dutch] = pd.to_datetime(text[dutch].str.replace("/", "-").str.replace(".", "-").str.split(" ").str[0],
                                       format="%d-%m-%Y", errors="coerce")
        bad = parsed.isna() & ~blank
        if bad.any():
            first = bad.idxmax()
            raise KlantDataError(
                f"In '{name}', kolom '{column}', staat op {describe_rows(frame.index[bad])} geen datum "
                f"(bijvoorbeeld {str(values[first]).strip()!r} op rij {first}). "
                "Schrijf datums als dd-mm-jjjj (31-12-2025) of jjjj-mm-dd (2025-12-31)."
            )
        return parsed
    raise ValueError(f"Onbekende soort kolom {kind!r}: kies uit {', '.join(KINDS)}.")


def read_table(source, *, required_columns: Sequence[str] | Mapping[str, str] | None = None,
               sheet_name: str | int = 0) -> pd.DataFrame:
    """Read a student's CSV or Excel file into a DataFrame, or explain in Dutch what to fix.

    - CSV with ``,``, ``;`` or tab between the columns, a decimal point or comma,
      UTF-8 (with or without BOM) or cp1252 (Windows Excel); ``.xlsx`` via openpyxl.
    - Column names are trimmed (extra spaces removed). If the column names are not on the
      first row (a title above the table), the first row that has all ``required_columns`` is used.
    - ``required_columns``: names that must be there, or a mapping name -> kind
      (``"number"``, ``"integer"``, ``"date"``, ``"text"``) to convert them: numbers may use a
      decimal comma, thousands dots and a € sign; dates may be ``dd-mm-jjjj`` or ``jjjj-mm-dd``.
    - The index is the row number as Excel shows it (name ``"rij"``), so every message and
      every later warning points at the row a student can find. ``frame.attrs["source"]``
      holds the file name.

    >>> import io
    >>> csv_text = io.BytesIO("klant;datum;bedrag\\nK1;31-12-2025;1.234,50\\n".encode("cp1252"))
    >>> frame = read_table(csv_text, required_columns={"klant": "text", "datum": "date", "bedrag": "number"})
    >>> frame
        klant      datum  bedrag
    rij
    2      K1 2025-12-31  1234.5
    >>> read_table(io.BytesIO(b"klant,bedrag\\nK1,10\\n"), required_columns=["datum"])
    Traceback (most recent call last):
    ...
    klantlib.errors.KlantDataError: In 'je bestand' ontbreekt de kolom 'datum'. Gevonden kolommen: 'klant', 'bedrag'. Voeg de kolom toe of geef een bestaande kolom die naam.
    """
    name = _name(source)
    wanted = list(required_columns or [])
    if isinstance(source, (str, os.PathLike)):
        path = Path(source)
        if not path.exists():
            raise KlantDataError(f"Het bestand '{path}' bestaat niet. Controleer de naam en de map "
                                 f"(de map van dit notebook is '{Path.cwd()}').")
        raw = path.read_bytes()
    else:
        raw = source.read()
        if isinstance(raw, str):
            raw = raw.encode("utf-8")
    if not raw.strip():
        raise KlantDataError(f"'{name}' is leeg. Sla het bestand opnieuw op met de kolomnamen op de eerste rij en daaronder de gegevens.")
    is_excel = raw[:4] == b"PK\x03\x04"
    try:
        if is_excel:
            table = pd.read_excel(io.BytesIO(raw), sheet_name=sheet_name, header=None, dtype=object, engine="openpyxl")
        else:
            text = _decode(raw, name)
            table = pd.read_csv(io.StringIO(text), sep=_sniff_separator(text), header=None, dtype="str",
                                keep_default_na=False, na_values=[""], skip_blank_lines=False, engine="python")
    except KlantDataError:
        raise
    except Exception as error:  # noqa: BLE001 - any parser failure becomes one Dutch message
        kind = "Excelbestand" if is_excel else "CSV-bestand"
        raise KlantDataError(f"'{name}' kon niet worden gelezen als {kind} ({type(error).__name__}: {error}). "
                             "Open het in Excel en sla het opnieuw op als .xlsx of als CSV.") from None
    table = table.dropna(how="all").dropna(axis=1, how="all")
    if table.empty:
        raise KlantDataError(f"'{name}' bevat geen gegevens. Zet de kolomnamen op de eerste rij en daaronder de gegevens.")
    header = _header_row(table, wanted) if wanted else -1
    header_label = table.index[max(header, 0)]
    frame = table.loc[table.index > header_label].copy()
    frame.columns = _clean_header(table.loc[header_label])
    frame.index = pd.Index(frame.index + 1, name="rij")  # 0-based file line -> Excel row number
    frame.attrs["source"] = name
    missing = [c for c in wanted if c not in frame.columns]
    if missing:
        close = {c: next((f for f in frame.columns if f.casefold() == c.casefold()), None) for c in missing}
        hint = "".join(f" (bedoel je '{f}'? Let op hoofdletters.)" for c, f in close.items() if f)
        found = ", ".join(f"'{c}'" for c in frame.columns)
        which = "de kolom" if len(missing) == 1 else "de kolommen"
        raise KlantDataError(f"In '{name}' ontbreekt {which} {', '.join(repr(m) for m in missing)}{hint}. "
                             f"Gevonden kolommen: {found}. Voeg de kolom toe of geef een bestaande kolom die naam.")
    if frame.empty:
        raise KlantDataError(f"'{name}' heeft alleen kolomnamen en geen gegevens. Vul de rijen onder de kolomnamen in.")
    if isinstance(required_columns, Mapping):
        for column, kind in required_columns.items():
            frame[column] = _convert(frame, column, kind, name)
    for column in frame.columns:  # other columns: numbers where every value is a number
        converted = isinstance(required_columns, Mapping) and column in required_columns
        if converted or frame[column].dtype != object and not pd.api.types.is_string_dtype(frame[column]):
            continue
        values = frame[column].dropna()
        if len(values) and values.astype("str").str.strip().str.match(_NUMBER).all():
            frame[column] = _parse_number(frame[column], _guess_decimal(frame[column]))
        else:  # text: without surrounding spaces, so " K1" and "K1" are the same customer
            frame[column] = frame[column].astype("str").str.strip().mask(frame[column].isna())
    return frame
