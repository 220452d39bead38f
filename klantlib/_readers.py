"""Reading a student's own file: CSV (``,``, ``;`` or tab; decimal point or comma) and Excel.

Every mistake a student can make in a spreadsheet gets a Dutch
:class:`~klantlib.errors.KlantDataError` that names the file, the column and
the row (numbered as in Excel) and says how to fix it; pandas' and openpyxl's
own tracebacks never reach the student (they are kept as ``__cause__``).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd

from klantlib._sources import _OLE_MAGIC, _ZIP_MAGIC, _csv_grid, _decode, _excel_grid, _load, _strip_blank, _xls_error
from klantlib.errors import KlantDataError, describe_rows, drop_invalid_rows, warn
from klantlib.formatting import listing
from klantlib.parsing import (
    check_option,
    column_key,
    is_date_text,
    is_date_value,
    is_id_text,
    is_number_value,
    missing_columns_message,
    number_style,
    plain_whole_numbers,
    text_key,
    to_dates,
    to_numbers,
    value_error,
    whole_if_possible,
)

__all__ = ["read_table"]

#: The kinds a required column can be converted to.
KINDS = ("number", "integer", "date", "text")
#: How many rows under the first row are searched for the header (see :func:`read_table`).
HEADER_SEARCH_ROWS = 5

_EXCEL_SUFFIXES = (".xlsx", ".xlsm")



# -- header -------------------------------------------------------------------------------------

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
        keys = {column_key(w) for w in wanted}
        for label in rows[start:start + HEADER_SEARCH_ROWS + 1]:
            if keys <= {column_key(v) for v in grid.loc[label].dropna()}:
                return label
    return rows[start]


def _header(cells: pd.Series, name: str, positions: list[int]) -> list[str]:
    """Clean column names; ``positions`` are the 1-based spreadsheet columns (for Excel letters)."""
    columns = []
    for position, value in zip(positions, cells):
        text = " ".join(str(value).split()) if pd.notna(value) else ""
        columns.append(text or f"kolom_{_letter(position)}")
    keys = pd.Series([column_key(c) for c in columns])
    doubles = keys[keys.duplicated(keep=False)]
    if len(doubles):
        groups = {}
        for position, key in doubles.items():
            groups.setdefault(key, []).append(position)
        described = "; ".join(
            f"'{columns[p[0]]}' in kolom {listing((_letter(positions[i]) for i in p), limit=None)}" for p in groups.values()
        )
        raise KlantDataError(f"In '{name}' staat dezelfde kolomnaam meer dan eens: {described}. Geef elke kolom "
                             "een eigen naam (of verwijder de dubbele kolom) en sla het bestand opnieuw op.")
    return columns


def _check_required(frame: pd.DataFrame, wanted: list[str], name: str, header_row) -> pd.DataFrame:
    """Rename the required columns to the names asked for (matched loosely), or explain what is missing."""
    by_key = {column_key(c): c for c in frame.columns}
    missing = [w for w in wanted if column_key(w) not in by_key]
    if missing:
        raise KlantDataError(missing_columns_message(list(frame.columns), missing, source=name, header_row=header_row,
                                                     present=[w for w in wanted if w not in missing]))
    return frame.rename(columns={by_key[column_key(w)]: w for w in wanted})


# -- types: every value is read by klantlib.parsing's rules --------------------------------------

def _shapes(values: pd.Series) -> dict:
    """What the filled cells of a column look like: real numbers, real dates, and the text's shapes."""
    filled = values[values.notna()]
    is_number = filled.map(is_number_value).astype(bool)
    is_date = filled.map(is_date_value).astype(bool)
    text = filled[~is_number & ~is_date].astype("str")
    distinct = pd.Series(text.unique(), dtype="str")
    styles = number_style(distinct)
    return {
        "filled": len(filled),
        "numbers": int(is_number.sum()),
        "dates": int(is_date.sum()),
        "text": text,
        "date_text": bool(is_date_text(distinct).all()),
        "number_text": bool(styles.notna().all()),
        "styles": set(styles.dropna()),
        "ids": bool(is_id_text(distinct).any()),  # 00123 or a 19-digit card: an id, not an amount
    }


def _infer(values: pd.Series, column: str, fallback: str | None, name: str) -> tuple[pd.Series, str | None]:
    """Numbers, dates or text (the rules in :func:`read_table`); returns the column and the convention it
    showed (``","``, ``"."``), or ``"?"`` when it holds ambiguous numbers and the file's convention is unknown."""
    plain = plain_whole_numbers(values)
    if plain is not None:  # the common case (answers, counts), read in one step
        return whole_if_possible(plain), None
    shape = _shapes(values)
    if not shape["filled"]:
        return values, None
    if shape["date_text"] and not shape["numbers"] and len(shape["text"]) + shape["dates"] == shape["filled"]:
        return to_dates(values, column=column, source=name), None
    if not (shape["number_text"] and not shape["dates"] and not shape["ids"]):
        return _text_column(values), None
    styles = shape["styles"] & {",", "."}
    shown = styles.pop() if len(styles) == 1 else None
    if "?" in shape["styles"] and shown is None and fallback is None:
        return values, "?"  # decided after the other columns showed the file's convention
    numbers = to_numbers(values, fallback=fallback, column=column, source=name)
    return whole_if_possible(numbers), shown


def _text_column(values: pd.Series) -> pd.Series:
    """A column as text (``str``): a CSV column already is; Excel's numbers and dates are written out."""
    return values if values.dtype != object else values.map(_as_text, na_action="ignore").astype("str")


def _as_text(value) -> str:
    """A cell as text for a text column: Excel's whole numbers without ".0", dates as dd-mm-jjjj."""
    if isinstance(value, (float, np.floating)) and float(value).is_integer():
        return str(int(value))
    if is_date_value(value):
        return f"{value:%d-%m-%Y}"
    return str(value)


def _as_kind(values: pd.Series, column: str, kind: str, decimal: str | None, fallback: str | None,
             name: str) -> pd.Series:
    if kind == "text":
        return _text_column(values)
    if kind == "date":
        return to_dates(values, column=column, source=name)
    numbers = to_numbers(values, decimal=decimal, fallback=fallback, column=column, source=name)
    if kind == "integer":
        fraction = numbers.notna() & (numbers % 1 != 0)
        if fraction.any():
            raise value_error(values, fraction.to_numpy(), what="geen heel getal", column=column, source=name,
                              fix="Vul hele getallen in, zonder decimalen.")
        return numbers.astype("int64" if numbers.notna().all() else "Int64")
    return numbers


#: How many rows at the end are searched for a total or an average a student added.
SUMMARY_SEARCH_ROWS = 5
#: Words that mark a row a student added under the data in Excel (a sum or an average), compared by text_key.
SUMMARY_WORDS = ("totaal", "totalen", "subtotaal", "eindtotaal", "som", "gemiddelde", "gem", "mediaan", "total",
                 "totals", "subtotal", "grand total", "sum", "average", "mean", "avg")


def _summary_rows(frame: pd.DataFrame) -> pd.Series:
    """The rows at the end of the table that a student added as a total or average: a row whose first filled
    cell is such a word ("Totaal", "Gemiddelde:"), with only such rows below it. They would count as a customer or
    a respondent otherwise. (A category such as "gemiddeld" in a later column is data, not a label.)"""
    keys = {text_key(word) for word in SUMMARY_WORDS}
    tail = frame.tail(SUMMARY_SEARCH_ROWS)  # such rows are added at the bottom: the rest need not be read

    def labelled(row: pd.Series) -> bool:  # the row's first filled cell is the label: "Totaal", "Gemiddelde:"
        filled = row.dropna()
        return (len(filled) > 0 and isinstance(filled.iloc[0], str)
                and text_key(filled.iloc[0]).rstrip(":.") in keys)

    marked = tail.apply(labelled, axis=1).astype(bool) if len(tail) else pd.Series(False, index=tail.index)
    at_end = marked[::-1].cummin()[::-1].astype(bool)  # only a run of marked rows that reaches the last row
    return (marked & at_end).reindex(frame.index, fill_value=False)


def _warn_long_numbers(frame: pd.DataFrame, name: str) -> None:
    """Warn about Excel numbers of 16 digits or more: Excel keeps 15, so the last ones are already 0.

    Such a number is nearly always a card or customer number typed into a cell that was not set to
    'Tekst'; two different cards can then have become the same number, which nothing can undo.
    """
    for column in frame.columns:
        values = frame[column]
        long = values.map(lambda v: is_number_value(v) and abs(v) >= 10**15).astype(bool)
        if long.any():
            example = values[long].iloc[0]
            warn(f"In '{name}', kolom '{column}', staan getallen van 16 cijfers of meer ({describe_rows(values.index[long])}; "
                 f"bijvoorbeeld {int(example) if float(example).is_integer() else example}). Excel bewaart van een getal "
                 "maar 15 cijfers, dus de laatste cijfers zijn al 0 geworden en twee kaart- of klantnummers kunnen "
                 "hetzelfde zijn geworden. Is het een nummer, zet de kolom in Excel dan op 'Tekst' en haal de nummers "
                 "opnieuw uit de bron.")


# -- the public function ------------------------------------------------------------------------

def read_table(source, *, required_columns: Sequence[str] | Mapping[str, str] | None = None,
               sheet: str | int | None = None, name: str | None = None,
               decimal: str | None = None) -> pd.DataFrame:
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
    A number of 16 digits or more gets a :class:`~klantlib.errors.KlantDataWarning`
    naming its rows: Excel keeps 15 digits, so a card number typed into a cell that
    was not 'Tekst' has lost its last digits already.
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

    **Types.** Every value is read by the rules of :mod:`klantlib.parsing`, once:
    a column whose cells are all dates (``dd-mm-jjjj``, ``dd/mm/jjjj``,
    ``dd.mm.jjjj``, ``jjjj-mm-dd``, optional ``hh:mm[:ss]``; day first) becomes
    ``datetime64``; one whose cells are all numbers becomes ``int64`` when all are
    whole and none blank, else ``float64``; anything else stays text (``str``,
    stripped, blanks missing). Excel cells that are numbers or dates are kept as
    they are, never read again as text. Numbers in text may carry ``€``/``EUR``,
    spaces, thousands separators, a decimal comma, ``%`` and a minus as ``-5``,
    ``(5)`` or ``5-``; each cell is read on its own (``12,50`` and ``3.00`` in one
    column are 12.5 and 3.0). An ambiguous cell (``1.234``, ``1,234``) follows
    ``decimal`` when given, else its column's other cells, else the file's
    convention (``;`` -> decimal comma, ``,`` -> decimal point; in a tab file or
    Excel: the convention the other columns show). When nothing decides, the
    column stays text with a :class:`~klantlib.errors.KlantDataWarning`. Ids
    stay text: a column with a leading zero (``00123``) or a number of 16 digits
    or more, separators not counted (a loyalty card, an analytics id such as
    ``1234567890.1709287200``), keeps every digit. A time with a time zone
    (``2025-03-30T09:15:00Z``, ``... +02:00``) becomes Dutch clock time, as
    :func:`klantlib.parsing.to_dates` says. An impossible date is an error.

    ``required_columns`` is a list of names that must be present, or a mapping name ->
    kind (``"number"`` -> float64, ``"integer"`` -> int64 or Int64 with blanks,
    ``"date"``, ``"text"``): such columns are converted to that kind, and a value that
    doesn't fit is a :class:`~klantlib.errors.KlantDataError` naming file, column, row
    and value. ``decimal`` (``","`` or ``"."``) says how the numbers in the file are
    written, for files that don't show it themselves.

    **Result.** The index is the row number as Excel shows it (named ``"rij"``; the first
    data row is 2 when the header is on row 1) and ``frame.attrs["source"]`` the file
    name. Empty columns without a name and empty rows at the end are left out; fully
    empty rows between the data are left out with a
    :class:`~klantlib.errors.KlantDataWarning` naming them, and so are rows a
    student added at the bottom as a total or average (the first filled cell is
    ``Totaal``, ``Gemiddelde``, ``Som``, ``Total``, ``Average`` ..., see
    ``SUMMARY_WORDS``; only in the last ``SUMMARY_SEARCH_ROWS`` rows). An empty file, or one with
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
    klantlib.errors.KlantDataError: In 'x.csv' ontbreekt de kolom 'bedrag'. Gevonden kolommen (rij 1): 'klant' en 'bedragen'. Bedoel je 'bedragen' voor 'bedrag'? Voeg de kolom toe of geef een bestaande kolom die naam.
    """
    if required_columns is not None and isinstance(required_columns, str):
        required_columns = [required_columns]
    wanted = list(required_columns or [])
    kinds = dict(required_columns) if isinstance(required_columns, Mapping) else {}
    for column, kind in kinds.items():
        check_option(f"De soort van kolom '{column}'", kind, KINDS)
    check_option("decimal", decimal, (None, ",", "."))
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
            grid, fallback = _excel_grid(raw, name, sheet), None
        else:
            grid, sep = _csv_grid(raw, name)
            fallback = {";": ",", ",": "."}.get(sep)  # Dutch Excel writes ";" with decimal commas
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
    summary = _summary_rows(frame)
    frame = drop_invalid_rows(frame, summary, "een totaal of gemiddelde onder de gegevens, geen gegevens zelf",
                              source=name, errors="raise" if summary.all() else "warn",
                              fix="Haal zo'n rij weg als je hem zelf hebt toegevoegd.")
    fallback = decimal or fallback
    converted, pending = {}, []
    for column in frame.columns:
        if column in kinds:
            continue
        converted[column], style = _infer(frame[column], column, fallback, name)
        if style == "?":
            pending.append(column)
        elif style in (",", ".") and fallback is None:
            fallback = style  # a tab file or Excel: the first column that shows its convention sets it
    for column in pending:
        if fallback is None:  # nothing in the file says whether 1.234 is a thousand: don't guess
            converted[column] = frame[column]
            example = next(v for v in frame[column].dropna() if number_style(pd.Series([str(v)])).iloc[0] == "?")
            warn(f"In '{name}' blijft kolom '{column}' tekst: een getal als {example!r} kan een duizendtal "
                 "of een kommagetal zijn, en niets in het bestand zegt welke. Geef read_table(..., "
                 "decimal=\",\") of decimal=\".\" mee.")
        else:
            converted[column], _ = _infer(frame[column], column, fallback, name)
    for column, kind in kinds.items():
        converted[column] = _as_kind(frame[column], column, kind, decimal, fallback, name)
    if is_excel:
        _warn_long_numbers(frame, name)
    result = pd.DataFrame({column: converted[column] for column in frame.columns}, index=frame.index)
    result.attrs["source"] = name
    return result
