"""Reading a student's own file: CSV (``,``, ``;`` or tab; decimal point or comma) and Excel.

Every mistake a student can make in a spreadsheet gets a Dutch
:class:`~klantlib.errors.KlantDataError` that names the file, the column and
the row (numbered as in Excel) and says how to fix it; pandas' and openpyxl's
own tracebacks never reach the student (they are kept as ``__cause__``).
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Mapping, Sequence
from functools import cached_property

import numpy as np
import pandas as pd

from klantlib._sources import _OLE_MAGIC, _ZIP_MAGIC, _csv_grid, _decode, _excel_grid, _load, _strip_blank, _xls_error
from klantlib.errors import KlantDataError, describe_rows, drop_invalid_rows

__all__ = ["read_table"]

#: The kinds a required column can be converted to.
KINDS = ("number", "integer", "date", "text")
#: How many rows under the first row are searched for the header (see :func:`read_table`).
HEADER_SEARCH_ROWS = 5

_EXCEL_SUFFIXES = (".xlsx", ".xlsm")

# Number patterns, applied to values without currency signs and spaces. ``AMBIGUOUS`` values
# (1.234 and 1,234) follow the file's convention; the others show their own convention.
_SIGN = r"[+-]?"
_CANDIDATE = re.compile(rf"{_SIGN}[\d.,]*\d[\d.,]*")
_INTEGER = rf"{_SIGN}\d+"
_DUTCH = rf"{_SIGN}(?:\d{{1,3}}(?:\.\d{{3}})+(?:,\d+)?|\d*,\d+)"
_ENGLISH = rf"{_SIGN}(?:\d{{1,3}}(?:,\d{{3}})+(?:\.\d+)?|\d*\.\d+)"
_AMBIGUOUS = rf"{_SIGN}\d{{1,3}}[.,]\d{{3}}"
_LEADING_ZERO = r"0\d+"
_CURRENCY = r"(?i)€|^eur|eur$|[\s\u00a0\u202f]"
_DATE_DUTCH = r"\d{1,2}[-/.]\d{1,2}[-/.]\d{4}(?:[ T]\d{1,2}:\d{2}(?::\d{2})?)?"
_DATE_ISO = r"\d{4}-\d{1,2}-\d{1,2}(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?"


# -- header -------------------------------------------------------------------------------------

def _key(column: str) -> str:
    """How column names are compared: case, surrounding spaces and space vs underscore ignored."""
    return re.sub(r"[\s_]+", "_", str(column).strip().casefold())


def _letter(position: int) -> str:
    letters = ""
    while position:
        position, rest = divmod(position - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _find_header(grid: pd.DataFrame, wanted: list[str]) -> object:
    """The label of the header row; see the rules in :func:`read_table`."""
    filled = grid.notna().sum(axis=1)
    rows = list(filled.index[filled > 0])
    start = 0
    while start + 1 < len(rows) and start < HEADER_SEARCH_ROWS and filled[rows[start]] == 1 and filled[rows[start + 1]] > 1:
        start += 1  # a title row (one filled cell) above a wider table
    if wanted:
        keys = {_key(w) for w in wanted}
        for label in rows[start:start + HEADER_SEARCH_ROWS + 1]:
            if keys <= {_key(v) for v in grid.loc[label].dropna()}:
                return label
    return rows[start]


def _header(cells: pd.Series, name: str, positions: list[int]) -> list[str]:
    """Clean column names; ``positions`` are the 1-based spreadsheet columns (for Excel letters)."""
    columns = []
    for position, value in zip(positions, cells):
        text = " ".join(str(value).split()) if pd.notna(value) else ""
        columns.append(text or f"kolom_{_letter(position)}")
    keys = pd.Series([_key(c) for c in columns])
    doubles = keys[keys.duplicated(keep=False)]
    if len(doubles):
        groups = {}
        for position, key in doubles.items():
            groups.setdefault(key, []).append(position)
        described = "; ".join(
            f"'{columns[p[0]]}' in kolom {' en '.join(_letter(positions[i]) for i in p)}" for p in groups.values()
        )
        raise KlantDataError(f"In '{name}' staat dezelfde kolomnaam meer dan eens: {described}. Geef elke kolom "
                             "een eigen naam (of verwijder de dubbele kolom) en sla het bestand opnieuw op.")
    return columns


def _check_required(frame: pd.DataFrame, wanted: list[str], name: str, header_row) -> pd.DataFrame:
    by_key = {_key(c): c for c in frame.columns}
    missing = [w for w in wanted if _key(w) not in by_key]
    if missing:
        found = ", ".join(f"'{c}'" for c in frame.columns)
        hints = []
        for column in missing:
            close = difflib.get_close_matches(_key(column), list(by_key), n=1, cutoff=0.6)
            if close:
                hints.append(f"bedoel je '{by_key[close[0]]}' voor '{column}'?")
        which = "de kolom" if len(missing) == 1 else "de kolommen"
        raise KlantDataError(
            f"In '{name}' ontbreekt {which} {', '.join(repr(m) for m in missing)}. Gevonden kolommen (rij "
            f"{header_row}): {found}." + (f" {' '.join(hints).capitalize()}" if hints else "")
            + " Voeg de kolom toe of geef een bestaande kolom die naam."
        )
    return frame.rename(columns={by_key[_key(w)]: w for w in wanted})


# -- types --------------------------------------------------------------------------------------

class _Column:
    """The numbers and dates a column of text holds, worked out lazily on its distinct values."""

    def __init__(self, values: pd.Series):
        self.values = values
        self.filled = values.notna()
        self.text = values[self.filled]
        codes, uniques = pd.factorize(self.text.to_numpy(dtype=object))
        self._codes = codes
        self.distinct = pd.Series(uniques, dtype="str")

    def expand(self, per_distinct: pd.Series) -> pd.Series:
        """A result per distinct value back to one per filled row."""
        return pd.Series(per_distinct.to_numpy()[self._codes], index=self.text.index)

    def _match(self, pattern: str, on: pd.Series | None = None) -> pd.Series:
        return (self.distinct if on is None else on).str.fullmatch(pattern).astype(bool)

    @cached_property
    def is_date(self) -> pd.Series:
        return self._match(_DATE_DUTCH) | self._match(_DATE_ISO)

    @cached_property
    def clean(self) -> pd.Series:
        return self.distinct.str.replace(_CURRENCY, "", regex=True)

    @cached_property
    def all_numeric_shape(self) -> bool:
        return bool(self._match(_CANDIDATE.pattern, self.clean).all())

    @cached_property
    def ambiguous(self) -> pd.Series:
        return self._match(_AMBIGUOUS, self.clean)

    @cached_property
    def dutch(self) -> pd.Series:
        return self._match(_DUTCH, self.clean) & ~self.ambiguous

    @cached_property
    def english(self) -> pd.Series:
        return self._match(_ENGLISH, self.clean) & ~self.ambiguous

    @cached_property
    def number_like(self) -> pd.Series:
        return self.ambiguous | self.dutch | self.english | self._match(_INTEGER, self.clean)

    @cached_property
    def leading_zero(self) -> bool:
        return bool((self._match(_LEADING_ZERO, self.clean) & (self.clean == self.distinct)).any())

    def looks_like_text(self, sample: int = 50) -> bool:
        """A quick look at the first distinct values: neither all dates nor all number-shaped."""
        head = self.distinct.iloc[:sample]
        dates = head.str.fullmatch(_DATE_DUTCH).astype(bool) | head.str.fullmatch(_DATE_ISO).astype(bool)
        numbers = head.str.replace(_CURRENCY, "", regex=True).str.fullmatch(_CANDIDATE.pattern).astype(bool)
        return not dates.all() and not numbers.all()

    def style(self) -> str | None:
        """"," (Dutch), "." or None when the values themselves don't say; "mixed" when they disagree."""
        dutch, english = bool(self.dutch.any()), bool(self.english.any())
        if dutch and english:
            return "mixed"
        return "," if dutch else "." if english else None

    def numbers(self, decimal: str) -> pd.Series:
        clean = self.clean
        if decimal == ",":
            clean = clean.str.replace(".", "", regex=False).str.replace(",", ".", regex=False)
        else:
            clean = clean.str.replace(",", "", regex=False)
        parsed = pd.to_numeric(clean.where(self.number_like), errors="coerce").astype("float64")
        return self.expand(parsed).reindex(self.values.index).astype("float64")

    def dates(self) -> pd.Series:
        iso = self.distinct.str.replace(r"^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})", r"\3-\2-\1", regex=True)
        iso = iso.str.replace(r"\b(\d)\b", r"0\1", regex=True).where(self.is_date)
        parsed = pd.to_datetime(iso, format="ISO8601", errors="coerce")
        return pd.Series(parsed.to_numpy()[self._codes], index=self.text.index).reindex(self.values.index)


def _bad_values(name: str, column: str, values: pd.Series, bad: pd.Series, what: str, fix: str) -> KlantDataError:
    rows = values.index[bad.reindex(values.index, fill_value=False).to_numpy()]
    first = rows[0]
    return KlantDataError(f"In '{name}', kolom '{column}', staat op {describe_rows(rows)} {what} (bijvoorbeeld "
                          f"{values[first]!r} op rij {first}). {fix}")


_FIX_NUMBER = ("Maak er een getal van (zoals 1234,50 of 1234.50, een €-teken mag) of maak de cel leeg; "
               "tekst als 'n.v.t.' hoort niet in een kolom met getallen.")
_FIX_DATE = "Schrijf datums als dd-mm-jjjj (31-12-2025) of jjjj-mm-dd (2025-12-31) en controleer dag en maand."


def _as_kind(values: pd.Series, column: str, kind: str, decimal: str, name: str) -> pd.Series:
    info = _Column(values)
    if kind == "text":
        return values
    if kind == "date":
        parsed = info.dates()
        bad = parsed.isna() & info.filled
        if bad.any():
            raise _bad_values(name, column, values, bad, "geen (bestaande) datum", _FIX_DATE)
        return parsed
    style = info.style()
    if style == "mixed":
        minority = info.expand(info.english if info.english.sum() <= info.dutch.sum() else info.dutch)
        raise _bad_values(name, column, values, minority, "een getal in een andere schrijfwijze dan de rest",
                          "Gebruik in de hele kolom dezelfde schrijfwijze: 1.234,50 (Nederlands) of 1,234.50 (Engels).")
    numbers = info.numbers(style or decimal)
    bad = numbers.isna() & info.filled
    if bad.any():
        raise _bad_values(name, column, values, bad, "geen getal", _FIX_NUMBER)
    if kind == "integer":
        fraction = numbers.notna() & (numbers % 1 != 0)
        if fraction.any():
            raise _bad_values(name, column, values, fraction, "geen heel getal", "Vul hele getallen in, zonder decimalen.")
        return numbers.astype("int64" if numbers.notna().all() else "Int64")
    return numbers


def _infer(values: pd.Series, column: str, decimal: str | None, name: str) -> tuple[pd.Series, str | None]:
    """Numbers, dates or text; returns the converted column and the decimal style it showed."""
    info = _Column(values)
    if not info.filled.any():
        return values, None
    if info.looks_like_text():
        return values, None
    if info.is_date.all():
        parsed = info.dates()
        bad = parsed.isna() & info.filled
        if bad.any():
            raise _bad_values(name, column, values, bad, "een datum die niet bestaat", _FIX_DATE)
        return parsed, None
    style = info.style()
    if not info.all_numeric_shape or not info.number_like.all() or info.leading_zero or style == "mixed":
        return values, None
    if style is None and decimal is None:
        return values, "?"  # decided after the other columns showed the file's convention
    numbers = info.numbers(style or decimal)
    whole = numbers.notna().all() and bool((numbers % 1 == 0).all()) and numbers.abs().max() < 2**53
    return (numbers.astype("int64") if whole else numbers), style


# -- helpers klantlib.rfm uses for amounts in frames that did not come from read_table --------------

def _guess_decimal(column: pd.Series) -> str:
    """"," when the values look Dutch (decimal comma or thousands dots), else "."."""
    info = _Column(_text(column))
    style = info.style()
    if style in (",", "."):
        return style
    return "," if bool(info.ambiguous.any()) and bool(info.clean.str.contains(".", regex=False).any()) else "."


def _parse_number(column: pd.Series, decimal: str) -> pd.Series:
    """Numbers from text with ``decimal`` as decimal separator; NaN where a value is no number."""
    if pd.api.types.is_numeric_dtype(column):
        return column.astype("float64")
    return _Column(_text(column)).numbers(decimal)


def _parse_dates(column: pd.Series) -> pd.Series:
    """Dates from text by read_table's rules (jjjj-mm-dd, dd-mm-jjjj, dd/mm/jjjj ...); NaT where a value is no date."""
    if pd.api.types.is_datetime64_any_dtype(column):
        return column
    return _Column(_text(column)).dates()


def _text(column: pd.Series) -> pd.Series:
    text = column.astype("str").str.strip()
    return text.mask(column.isna() | (text == ""))


# -- the public function ------------------------------------------------------------------------

def read_table(source, *, required_columns: Sequence[str] | Mapping[str, str] | None = None,
               sheet: str | int | None = None, name: str | None = None) -> pd.DataFrame:
    """Read a student's CSV or Excel file into a DataFrame, or explain in Dutch what to fix.

    ``source`` is a path (``str`` or :class:`~pathlib.Path`) to a ``.csv``/``.txt`` or
    ``.xlsx``/``.xlsm`` file, or the file's content: ``bytes``, a binary or text file object
    (``io.BytesIO``/``io.StringIO``), or one entry of an ipywidgets ``FileUpload`` value
    (a mapping with ``"name"`` and ``"content"``: ``read_table(upload.value[0])``).
    ``name`` is the file name used in messages (and for recognising ``.xls``) when the
    source has none. Excel is recognised by its content, not by its name; ``.xls`` (old
    Excel) is refused with a Dutch message to save it as ``.xlsx`` or CSV.

    **CSV** (the full rules, with examples, are in :mod:`klantlib._sources`). Encoding: a
    byte-order mark (UTF-8, UTF-16 as in Excel's "Unicode-tekst", UTF-32), else UTF-16
    recognised by its NUL bytes, else UTF-8, else cp1252 (Windows Excel); a binary file
    (pdf, zip, image) is refused. The separator (``;``, tab or ``,``) is the one that
    splits most of the first 20 non-empty lines into the same number (more than one) of
    fields, outside quotes (an Excel ``sep=;`` first line is honoured). A cell starting
    with ``"`` may hold the separator, doubled quotes and line breaks; a quote that is
    never closed, or that would pull whole rows into one cell, is an error naming the
    row where it opens. A line with more filled fields than the header is an error
    naming that row. Rows are numbered by line: a record with a line break in a cell
    gets the number of its first line, later rows keep their own line numbers.

    **Excel.** ``sheet`` is a sheet name (case-insensitive) or 0-based position; default
    the first sheet. Cells are read as values (formulas as their last computed result).
    ``sheet`` is ignored for CSV.

    **Header row.** Empty rows above the table are skipped. A *title row* (exactly one
    filled cell, directly above a row with more filled cells; at most
    ``HEADER_SEARCH_ROWS`` of them) is skipped too. With ``required_columns``, when the
    first remaining row does not hold all of them, the next ``HEADER_SEARCH_ROWS`` rows
    are searched and the first that holds all of them becomes the header (a row of
    question texts above the codes in a survey export); rows above the header are
    ignored. Header names are trimmed and inner spaces collapsed; an empty header cell
    with data below becomes ``kolom_C`` (its Excel letter). Required names match
    regardless of case, surrounding spaces and space vs underscore, and are renamed to
    the name asked for (``" Klant_ID "`` becomes ``klant_id``). Two columns with the
    same name are an error.

    **Types.** Every column is inferred, vectorised: all values dates (``dd-mm-jjjj``,
    ``dd/mm/jjjj``, ``dd.mm.jjjj``, ``jjjj-mm-dd``, optional ``hh:mm[:ss]``) ->
    ``datetime64``; all values numbers -> ``int64`` when all whole and none blank, else
    ``float64``; otherwise text (``str``, stripped, blanks missing). Numbers may carry
    ``€``/``EUR`` and spaces, thousands separators and a decimal comma. A value such as
    ``1.234`` or ``1,234`` is ambiguous: it follows the column's other values, else the
    file's convention (``;`` -> Dutch, so ``1.234`` is 1234; ``,`` and Excel -> decimal
    point; tab -> whatever the other columns showed, else decimal point). Ids with a
    leading zero (``00123``) stay text. An impossible date in a date column is an error.

    ``required_columns`` is a list of names that must be present, or a mapping name ->
    kind (``"number"`` -> float64, ``"integer"`` -> int64 or Int64 with blanks,
    ``"date"``, ``"text"``): such columns are converted to that kind, and a value that
    doesn't fit is a :class:`~klantlib.errors.KlantDataError` naming file, column, row
    and value.

    **Result.** The index is the row number as Excel shows it (named ``"rij"``; the first
    data row is 2 when the header is on row 1) and ``frame.attrs["source"]`` the file
    name. Empty columns without a name and empty rows at the end are left out; fully
    empty rows between the data are left out with a
    :class:`~klantlib.errors.KlantDataWarning` naming them. An empty file, or one with
    only a header, is an error.

    >>> import io
    >>> upload = io.BytesIO("Klant ;Datum;Bedrag\\nK1;31-12-2025;€ 1.234,50\\n007;01-02-2025;7\\n".encode("cp1252"))
    >>> frame = read_table(upload, name="kassa.csv", required_columns={"klant": "text", "bedrag": "number"})
    >>> frame
        klant      Datum  bedrag
    rij
    2      K1 2025-12-31  1234.5
    3     007 2025-02-01     7.0
    >>> frame.attrs["source"], frame["Datum"].dtype.kind
    ('kassa.csv', 'M')
    >>> read_table(io.StringIO("klant,bedragen\\nK1,10\\n"), name="x.csv", required_columns=["bedrag"])
    Traceback (most recent call last):
    ...
    klantlib.errors.KlantDataError: In 'x.csv' ontbreekt de kolom 'bedrag'. Gevonden kolommen (rij 1): 'klant', 'bedragen'. Bedoel je 'bedragen' voor 'bedrag'? Voeg de kolom toe of geef een bestaande kolom die naam.
    """
    if required_columns is not None and isinstance(required_columns, str):
        required_columns = [required_columns]
    wanted = list(required_columns or [])
    kinds = dict(required_columns) if isinstance(required_columns, Mapping) else {}
    for column, kind in kinds.items():
        if kind not in KINDS:
            raise KlantDataError(f"Onbekende soort {kind!r} voor kolom '{column}': kies uit {', '.join(KINDS)}.")
    raw, name = _load(source, name)
    if name.casefold().endswith(".xls") or raw[:4] == _OLE_MAGIC:
        raise _xls_error(name)
    if not raw.strip() or (raw[:4] != _ZIP_MAGIC and not _decode(raw, name).strip(" \t\r\n\ufeff\x00")):
        raise KlantDataError(f"Het bestand '{name}' is leeg. Zet de kolomnamen op de eerste rij en de gegevens "
                             "daaronder, en sla het opnieuw op.")
    is_excel = raw[:4] == _ZIP_MAGIC
    if not is_excel and name.casefold().endswith(_EXCEL_SUFFIXES):
        raise KlantDataError(f"'{name}' heet een Excelbestand, maar is het niet. Open het in Excel en sla het "
                             "opnieuw op als .xlsx of als CSV.")
    try:
        if is_excel:
            grid, decimal = _excel_grid(raw, name, sheet), "."
        else:
            grid, sep = _csv_grid(raw, name)
            decimal = {";": ",", ",": "."}.get(sep)
    except KlantDataError:
        raise
    except Exception as error:  # noqa: BLE001 - any other parser failure becomes one Dutch message
        kind = "Excelbestand" if is_excel else "CSV-bestand"
        raise KlantDataError(f"'{name}' kon niet worden gelezen als {kind} ({type(error).__name__}). Open het in "
                             "Excel en sla het opnieuw op als .xlsx of als CSV (UTF-8).") from error
    grid = grid.apply(_strip_blank) if len(grid.columns) else grid
    if not grid.notna().to_numpy().any():
        raise KlantDataError(f"Het bestand '{name}' is leeg: er staat niets in de cellen. Zet de kolomnamen op de "
                             "eerste rij en de gegevens daaronder.")
    header_row = _find_header(grid, wanted)
    header_cells = grid.loc[header_row]
    keep = header_cells.notna().to_numpy() | grid.loc[grid.index > header_row].notna().any().to_numpy()
    grid = grid.loc[:, keep]
    columns = _header(grid.loc[header_row], name, [i + 1 for i in np.flatnonzero(keep)])
    frame = grid.loc[grid.index > header_row].copy()
    frame.columns = columns
    frame.index.name = "rij"
    frame = _check_required(frame, wanted, name, header_row)
    empty = frame.isna().all(axis=1)
    if not (~empty).any():
        raise KlantDataError(f"'{name}' heeft alleen kolomnamen (rij {header_row}) en geen gegevens. Vul de rijen "
                             "onder de kolomnamen in en sla het bestand opnieuw op.")
    frame = frame.loc[: empty.index[~empty.to_numpy()][-1]]  # empty rows at the end: nothing was there
    frame = drop_invalid_rows(frame, frame.isna().all(axis=1), "deze rijen zijn helemaal leeg", source=name,
                              fix="Verwijder lege rijen tussen de gegevens als je dit bericht niet wilt zien.")
    converted, pending = {}, []
    for column in frame.columns:
        if column in kinds:
            continue
        converted[column], style = _infer(frame[column], column, decimal, name)
        if style == "?":
            pending.append(column)
        elif style in (",", ".") and decimal is None:
            decimal = style  # a tab file: the first column that shows its convention sets it
    for column in pending:
        converted[column], _ = _infer(frame[column], column, decimal or ".", name)
    for column, kind in kinds.items():
        converted[column] = _as_kind(frame[column], column, kind, decimal or ".", name)
    result = pd.DataFrame({column: converted[column] for column in frame.columns}, index=frame.index)
    result.attrs["source"] = name
    return result
