"""One place for the rules that turn what a student typed into numbers, dates, answers and ids.

Every model, :func:`klantlib.data.read_table`, the self-checks and the widgets
use these functions; none of them parses text on its own. The rules:

**Numbers** (:func:`to_numbers`, :func:`to_number`). A value that already is a
number (an Excel number, an ``int`` or ``float`` column) is kept exactly as it
is: it is never turned into text and read again. Text is read cell by cell:

- spaces, ``€`` and ``EUR`` are ignored; ``-12,50``, ``−12,50`` (the typographic
  minus), ``(12,50)`` and ``12,50-`` are all minus 12.5; ``12,5%`` is 0.125 (as in Excel);
- a cell with both a dot and a comma shows its convention: the last one is the
  decimal sign (``1.234,50`` and ``1,234.50`` are both 1234.5);
- a cell with one kind of separator is clear when it can only be read one way:
  ``12,50`` and ``0,125`` (decimal comma), ``3.00`` and ``1.234.567`` (a group of
  three digits after every dot: thousands);
- ``1.234`` and ``1,234`` (one to three digits, one separator, three digits)
  are *ambiguous*. They follow ``decimal`` when the caller gives it, else the
  column's other cells when those show one convention, else ``fallback`` (the
  file's convention, see :func:`~klantlib.data.read_table`); when none of these
  decides, a :class:`~klantlib.errors.KlantDataError` names the rows.

**Dates** (:func:`to_dates`, :func:`to_date`). Real dates (``datetime64``,
``Timestamp``, ``datetime``, ``date``) are kept. Text is day first, the Dutch
way: ``31-12-2025``, ``31/12/2025``, ``31.12.2025``, or ISO ``2025-12-31``,
each with an optional time ``hh:mm[:ss]``; ``01-02-2025`` is 1 February.
A number is an Excel date serial (days since 30-12-1899) when it lies between
1-1-1950 and 31-12-2100: that is how Excel stores a date that lost its format.
Anything else (``3-jan-24``, ``31-02-2025``, ``2025``) is no date.
A time with a time zone (a zone-aware ``Timestamp`` or column, or text such as
``2025-03-30T09:15:00Z``, ``2025-03-30 11:15:00+02:00`` or ``... UTC``, as web
shops and analytics tools export) becomes the clock time in the Netherlands
(Europe/Amsterdam, summer time included) without a zone. This is the course's
choice: every date is then comparable with a reference date typed by a student,
and a web-shop order at 00:30 Dutch time counts on the day the customer saw.

**Answers on a scale** (:func:`to_answers`): a whole number from 1 to
``scale``, read by the number rule (``"6"`` and ``6.0`` are 6); ``True`` and
``False`` are no answers.

**Ids** (:func:`to_ids`): exact labels, never amounts. A column whose every
filled id is a *plain whole number* (``7``, ``"12"``, ``7.0``: no leading zero,
at most 15 digits) stays whole numbers, ``int64`` (``Int64`` with blanks), so
``tabel.loc[7]`` and a join with a student's own integer-keyed table work. Any
other column is text (``str``): kept exactly, leading zeros too, surrounding
spaces removed, whole numbers written as their digits (``7`` and ``"K1"`` ->
``"7"`` and ``"K1"``). This is the course's choice: a customer number is a
number when every customer number is one, and text as soon as one is not. A
float id with decimals or above 2**53 has lost (or will lose) digits: refused.
In a text cell, a number with 16 or more digits (a loyalty card, an analytics id
such as ``1234567890.1709287200``) is an id, never read as a number. A long
number as Excel shows it in scientific notation (``1,23457E+15``) has lost its
last digits already: refused as an id, since two cards could show the same text.

**Columns and options** (:func:`require_columns`, :func:`check_option`):
one Dutch message for a missing column (with the closest name found) and for
an option value that is not allowed.

>>> to_numbers(pd.Series(["€ 1.234,50", "12,50", "3.00", "(7,25)", 2.625, None])).tolist()
[1234.5, 12.5, 3.0, -7.25, 2.625, nan]
>>> to_dates(pd.Series(["01-02-2025", "2025-02-13", 45700])).dt.strftime("%d-%m-%Y").tolist()
['01-02-2025', '13-02-2025', '12-02-2025']
"""

from __future__ import annotations

import datetime as _dt
import difflib
import math
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence

import numpy as np
import pandas as pd

from klantlib.errors import KlantDataError, check_errors, check_option, describe_rows, warn
from klantlib.formatting import listing

__all__ = [
    "check_option",
    "column_key",
    "comparable_ids",
    "id_codes",
    "is_date_value",
    "is_id_text",
    "is_scientific_id",
    "is_number_value",
    "number_style",
    "one_column_hint",
    "is_date_text",
    "require_columns",
    "text_key",
    "to_answers",
    "to_date",
    "to_dates",
    "to_ids",
    "to_number",
    "to_numbers",
    "value_error",
    "whole_if_possible",
]

#: Float ids above this have lost digits (float64 holds whole numbers exactly up to 2**53).
EXACT_FLOAT_LIMIT = 2**53
#: Excel date serials accepted as dates: 1-1-1950 .. 31-12-2100.
SERIAL_RANGE = (18264, 73415)
_EXCEL_EPOCH = pd.Timestamp("1899-12-30")

FIX_NUMBER = ("Maak er een getal van (zoals 1234,50 of 1234.50; een €-teken mag) of maak de cel leeg; "
              "tekst als 'n.v.t.' hoort niet in een kolom met getallen.")
FIX_DATE = "Schrijf datums als dd-mm-jjjj (31-12-2025) of jjjj-mm-dd (2025-12-31) en controleer dag en maand."


# -- messages -----------------------------------------------------------------------------------

def value_error(values: pd.Series, bad, *, what: str, fix: str, column: str | None = None,
                source: str | None = None) -> KlantDataError:
    """A Dutch error naming the file, the column, the rows where ``bad`` holds and the first value.

    >>> s = pd.Series(["12", "n.v.t."], index=pd.Index([2, 3], name="rij"))
    >>> print(value_error(s, s == "n.v.t.", what="geen getal", fix="Maak de cel leeg.", column="bedrag", source="kassa.csv"))
    In 'kassa.csv', kolom 'bedrag', staat op rij 3 geen getal (bijvoorbeeld 'n.v.t.' op rij 3). Maak de cel leeg.
    """
    mask = np.asarray(bad, dtype=bool)
    rows = values.index[mask]
    position = int(np.flatnonzero(mask)[0])
    example = values.iloc[position]
    example = example.item() if isinstance(example, np.generic) else example
    if source and column is not None:
        where = f"In '{source}', kolom '{column}', staat op"
    elif column is not None:
        where = f"In kolom '{column}' staat op"
    elif source:
        where = f"In '{source}' staat op"
    else:
        where = "Op"
    verb = "" if where != "Op" else " staat"
    return KlantDataError(f"{where} {describe_rows(rows)}{verb} {what} (bijvoorbeeld "
                          f"{example!r} op {describe_rows(rows[:1])}). {fix}")


def is_number_value(value) -> bool:
    """Whether a cell already holds a number (not text, not True/False): such a value is never re-read.

    >>> is_number_value(2.5), is_number_value(np.int64(3)), is_number_value("2,5"), is_number_value(True)
    (True, True, False, False)
    """
    return isinstance(value, (int, float, np.integer, np.floating)) and not isinstance(value, (bool, np.bool_))


def is_date_value(value) -> bool:
    """Whether a cell already holds a date (``datetime``, ``date``, ``Timestamp``): never re-read either."""
    return isinstance(value, (_dt.date, pd.Timestamp))



def _split_kinds(values: pd.Series) -> tuple[pd.Series, pd.Series]:
    """(numbers already, text) from an object column; blanks are in neither."""
    is_number = values.map(is_number_value).astype(bool)
    text = values[~is_number & values.notna()].astype("str").str.strip()
    return values[is_number], text[text != ""]


# -- numbers ------------------------------------------------------------------------------------

_SPACES_AND_CURRENCY = r"(?i)[\s\u00a0\u202f]|€|^eur|eur$"
_SHAPE = re.compile(r"(?P<neg>-)?(?P<body>\d[\d.,]*|[.,]\d+)(?:[eE](?P<exp>[+-]?\d+))?")
# A thousands group never starts with 0: "0.123" can only be a decimal number.
_DUTCH = r"[1-9]\d{0,2}(?:\.\d{3})+(?:,\d+)?|\d*,\d+"
_ENGLISH = r"[1-9]\d{0,2}(?:,\d{3})+(?:\.\d+)?|\d*\.\d+"
_AMBIGUOUS = r"[1-9]\d{0,2}[.,]\d{3}"


def _number_parts(text: pd.Series, percent_of: float = 1.0) -> pd.DataFrame:
    """Per text value: sign, factor (``x%`` -> x/100 of ``percent_of``), the digits part and its convention.

    ``style`` is ``"int"``, ``","`` (Dutch), ``"."`` (English), ``"?"`` (ambiguous) or
    missing when the text is no number.
    """
    # The typographic minus (U+2212, as Word and web pages write it) is a minus too.
    clean = text.str.replace(_SPACES_AND_CURRENCY, "", regex=True).str.replace("\u2212", "-", regex=False)
    percent = clean.str.endswith("%")
    clean = clean.str.removesuffix("%")
    bracketed = clean.str.fullmatch(r"\(.*\)")  # (12,50): minus, as in bookkeeping
    clean = clean.mask(bracketed, clean.str.slice(1, -1))
    trailing = clean.str.endswith("-") & ~clean.str.startswith(("-", "+"))  # 12,50-: minus, as some tills write
    clean = clean.mask(trailing, "-" + clean.str.slice(0, -1)).str.removeprefix("+")
    parts = clean.str.extract(rf"^{_SHAPE.pattern}$")
    body = parts["body"]

    def matches(pattern: str) -> pd.Series:
        return body.str.fullmatch(pattern).fillna(False).astype(bool)

    style = pd.Series(pd.NA, index=text.index, dtype="object")
    style = style.mask(matches(_ENGLISH), ".").mask(matches(_DUTCH), ",")
    style = style.mask(matches(_AMBIGUOUS), "?").mask(matches(r"\d+"), "int")
    negative = parts["neg"].notna()
    style = style.mask(bracketed & negative, pd.NA)  # "(-5)": two ways of saying minus at once
    negative |= bracketed
    factor = np.where(percent, percent_of / 100, 1.0) * np.where(negative, -1.0, 1.0)
    return pd.DataFrame({"body": body, "exp": parts["exp"], "style": style, "factor": factor}, index=text.index)


def _read_bodies(parts: pd.DataFrame, decimal: pd.Series) -> pd.Series:
    """The value of each body with the given decimal sign per value (the other sign groups thousands)."""
    comma = decimal == ","
    body = parts["body"]
    digits = body.where(comma, body.str.replace(",", "", regex=False))
    digits = digits.where(~comma, body.str.replace(".", "", regex=False).str.replace(",", ".", regex=False))
    exponent = pd.to_numeric(parts["exp"], errors="coerce").fillna(0).to_numpy()
    return pd.to_numeric(digits, errors="coerce") * 10.0**exponent * parts["factor"]


def _column_style(styles: pd.Series) -> str | None:
    shown = set(styles.dropna()) & {",", "."}
    return shown.pop() if len(shown) == 1 else None


def number_style(text: pd.Series) -> pd.Series:
    """Per text value, the convention it shows by the number rule.

    ``","`` (decimal comma), ``"."`` (decimal point), ``"?"`` (ambiguous: ``1.234``),
    ``"int"`` (digits only) or missing (no number). :func:`~klantlib.data.read_table`
    uses it to tell number columns from text columns.

    >>> number_style(pd.Series(["12,50", "3.00", "1.234", "€ 7", "n.v.t."])).tolist()
    [',', '.', '?', 'int', <NA>]
    """
    return _number_parts(text.astype("str"))["style"]


#: Text that can only be a plain whole number by every rule of this module: digits without a leading zero
#: (that would be an id) and at most 15 of them (16 or more is a card number, an id as well). ASCII digits
#: and spaces only: anything else takes the full rules.
_PLAIN_WHOLE = r"[ \t]*(?:[1-9][0-9]{0,14}|0)[ \t]*"


def plain_whole_numbers(values: pd.Series) -> pd.Series | None:
    """A text column whose every filled cell is a plain whole number (``7``, ``120``), as float64; else None.

    The common case of a questionnaire's answers or a count, read in one step: the
    result is exactly what :func:`to_numbers` and :func:`~klantlib.data.read_table`
    make of such a column by the full rules (a test compares them on generated
    columns), and every other column goes through those rules.

    >>> plain_whole_numbers(pd.Series(["7", " 12", None], dtype="str")).tolist()
    [7.0, 12.0, nan]
    >>> plain_whole_numbers(pd.Series(["7", "007"], dtype="str")) is None  # an id: the full rules
    True
    """
    if not isinstance(values, pd.Series) or values.dtype != "str" or not values.notna().any():
        return None
    if not values.dropna().str.fullmatch(_PLAIN_WHOLE).all():
        return None
    return pd.to_numeric(values.str.strip(" \t")).astype("float64").rename(None)


def to_numbers(values, *, decimal: str | None = None, fallback: str | None = None, column: str | None = None,
               source: str | None = None, errors: str = "raise", percent_of: float = 1.0) -> pd.Series:
    """Numbers as ``float64``, by the number rule of this module; blank cells become NaN.

    Args:
        values: a Series (any dtype) or a list.
        decimal: ``","`` or ``"."`` to read every text cell with that decimal sign
            (the other sign then groups thousands); ``None`` (default): per cell.
        fallback: the decimal sign for ambiguous cells (``1.234``) when neither
            ``decimal`` nor the column's other cells decide.
        column, source: the column and file named in messages.
        errors: ``"raise"`` (default): text that is no number is an error;
            ``"coerce"``: it becomes NaN (the caller reports those rows).
        percent_of: what 100% is: 1 (default, ``"20%"`` is 0.2, as in Excel), or
            for points out of 100, 100 (``"20%"`` is 20 points).

    Returns:
        A float64 Series with the index of ``values``.

    Raises:
        KlantDataError: text that is no number (with ``errors="raise"``), or
            ambiguous cells that nothing decides (always), naming the rows.

    >>> to_numbers(["1.234", "12,50"]).tolist()      # the column shows a decimal comma
    [1234.0, 12.5]
    >>> to_numbers(["1.234", "3.00"]).tolist()       # ... or a decimal point
    [1.234, 3.0]
    >>> to_numbers(["1.234", "5"], column="bedrag")
    Traceback (most recent call last):
    ...
    klantlib.errors.KlantDataError: In kolom 'bedrag' staat op de rij met index 0 een getal dat op twee manieren te lezen is (bijvoorbeeld '1.234' op de rij met index 0). Dat kan een duizendtal zijn of een kommagetal. Schrijf het zonder duizendtalteken (1234) of met decimalen (1.234,00), of geef decimal="," of decimal="." mee.
    >>> to_numbers(["1.234", "5"], fallback=",").tolist()
    [1234.0, 5.0]
    """
    errors = check_errors(errors, ("raise", "coerce"))
    check_option("decimal", decimal, (None, ",", "."))
    check_option("fallback", fallback, (None, ",", "."))
    values = values if isinstance(values, pd.Series) else pd.Series(list(values), dtype="object")
    if pd.api.types.is_numeric_dtype(values) and not pd.api.types.is_bool_dtype(values):
        return values.astype("float64")  # already numbers: never read again
    plain = plain_whole_numbers(values)
    if plain is not None:  # the common case (answers, counts), read in one step
        return plain
    labels, values = values.index, values.reset_index(drop=True)  # work by position: labels may repeat
    if pd.api.types.is_bool_dtype(values):
        numbers, text = values.iloc[:0], values.astype("str")  # True/False is no number
    else:
        numbers, text = _split_kinds(values)
    result = pd.Series(np.nan, index=values.index, dtype="float64")
    result[numbers.index] = numbers.astype("float64")
    if text.empty:
        return result.set_axis(labels)
    # Work on the distinct texts: a column of 100.000 amounts has far fewer different ones.
    codes, distinct = pd.factorize(text.to_numpy(dtype=object))
    parts = _number_parts(pd.Series(distinct, dtype="str"), percent_of)
    style = parts["style"]
    ambiguous = (style == "?").fillna(False).to_numpy()
    chosen = pd.Series(style.where(style.isin([",", "."]), "."), index=parts.index)
    if decimal is not None:
        chosen[:] = decimal
    elif ambiguous.any():
        by_column = _column_style(style)
        if by_column is None and fallback is None:
            where = pd.Series(text.to_numpy(), index=labels[text.index])
            raise value_error(where, ambiguous[codes], what="een getal dat op twee manieren te lezen is",
                              column=column, source=source,
                              fix=_AMBIGUOUS_FIX)
        chosen[ambiguous] = by_column or fallback
    parsed = _read_bodies(parts, chosen)
    if decimal is not None:  # told the convention: the value must be written in it
        pattern = _DUTCH if decimal == "," else _ENGLISH
        fits = parts["body"].str.fullmatch(pattern).fillna(False) | style.isin(["int", "?"]).fillna(False)
        parsed = parsed.where(fits)
    parsed = parsed.where(style.notna())
    read = pd.Series(parsed.to_numpy()[codes], index=text.index)
    bad = read.isna()
    if bad.any() and errors == "raise":
        where = pd.Series(text.to_numpy(), index=labels[text.index])
        raise value_error(where, bad.to_numpy(), what="geen getal", fix=FIX_NUMBER, column=column, source=source)
    result[text.index] = read
    return result.set_axis(labels)


_AMBIGUOUS_FIX = ("Dat kan een duizendtal zijn of een kommagetal. Schrijf het zonder duizendtalteken (1234) of met "
                  "decimalen (1.234,00), of geef decimal=\",\" of decimal=\".\" mee.")


def whole_if_possible(numbers: pd.Series) -> pd.Series:
    """``int64`` when every value is a whole number (and none is blank), else the numbers as they are.

    How :func:`~klantlib.data.read_table` shows a column of counts or answers: ``7``, not ``7.0``.

    >>> whole_if_possible(pd.Series([7.0, 6.0])).tolist(), whole_if_possible(pd.Series([7.0, None])).tolist()
    ([7, 6], [7.0, nan])
    """
    whole = len(numbers) and numbers.notna().all() and bool((numbers % 1 == 0).all())
    return numbers.astype("int64") if whole and numbers.abs().max() < EXACT_FLOAT_LIMIT else numbers


def to_number(value, *, decimal: str | None = None):
    """One value by the number rule: a float, or ``None`` when it is blank.

    Raises a :class:`~klantlib.errors.KlantDataError` when it is no number or is
    ambiguous (``1.234`` alone says nothing about its convention).

    >>> to_number("€ 12,50"), to_number(" 7 "), to_number(3), to_number("")
    (12.5, 7.0, 3.0, None)
    >>> to_number("12,5%")
    0.125
    """
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if is_number_value(value):
        return None if math.isnan(value) else float(value)
    if isinstance(value, np.ndarray | pd.Series) and value.size == 1:
        return to_number(value.reshape(-1)[0] if isinstance(value, np.ndarray) else value.iloc[0], decimal=decimal)
    parsed = to_numbers(pd.Series([value], dtype="object"), decimal=decimal)
    return float(parsed.iloc[0])


# -- dates --------------------------------------------------------------------------------------

#: The one time zone of the course: a time with a zone is converted to the clock time in the Netherlands.
ZONE = "Europe/Amsterdam"
_TIME = (r"(?:[ T](?P<H>\d{1,2}):(?P<M>\d{2})(?::(?P<S>\d{2})(?:\.\d+)?)?"
         r"(?:\s*(?P<Z>Z|UTC|GMT|(?P<zs>[+-])(?P<zh>\d{2}):?(?P<zm>\d{2})?))?)?")
_DATE_DUTCH = rf"(?P<d>\d{{1,2}})(?P<sep>[-/.])(?P<m>\d{{1,2}})(?P=sep)(?P<y>\d{{4}}){_TIME}"
_DATE_ISO = rf"(?P<y>\d{{4}})-(?P<m>\d{{1,2}})-(?P<d>\d{{1,2}}){_TIME}"


def _text_dates(text: pd.Series) -> pd.Series:
    """Dates from distinct text values by the Dutch and ISO patterns; NaT where no (existing) date."""
    found = []
    for pattern in (_DATE_DUTCH, _DATE_ISO):
        parts = text.str.extract(f"^{pattern}$")
        found.append(parts[["y", "m", "d", "H", "M", "S", "Z", "zs", "zh", "zm"]])
    parts = found[0].combine_first(found[1])
    zone = parts.pop("Z")
    sign = parts.pop("zs").map({"+": 1, "-": -1})
    offset = sign * (pd.to_numeric(parts.pop("zh")) * 60 + pd.to_numeric(parts.pop("zm")).fillna(0))
    offset = offset.where(zone.isna() | sign.notna(), 0.0)  # Z, UTC and GMT: no offset; NaN: no zone given
    numbers = parts.apply(pd.to_numeric, errors="coerce")
    fields = {"year": numbers["y"], "month": numbers["m"], "day": numbers["d"],
              "hour": numbers["H"].fillna(0), "minute": numbers["M"].fillna(0), "second": numbers["S"].fillna(0)}
    complete = numbers[["y", "m", "d"]].notna().all(axis=1)
    out = pd.Series(pd.NaT, index=text.index, dtype="datetime64[us]")
    if complete.any():
        frame = pd.DataFrame({k: v[complete] for k, v in fields.items()})
        out[complete] = pd.to_datetime(frame, errors="coerce").astype("datetime64[us]")
    zoned = complete & offset.notna()
    if zoned.any():  # the clock time minus its offset is UTC; then the clock time in the Netherlands
        utc = out[zoned] - pd.to_timedelta(offset[zoned], unit="min")
        out[zoned] = _local(utc.dt.tz_localize("UTC"))
    return out


def _local(stamps: pd.Series) -> pd.Series:
    """Time-zone aware stamps as the clock time in the Netherlands, without a zone (the course's one zone)."""
    return stamps.dt.tz_convert(ZONE).dt.tz_localize(None).astype("datetime64[us]")


def is_date_text(text: pd.Series) -> pd.Series:
    """Per text value, whether it has the shape of a date (Dutch day first or ISO), existing or not.

    >>> is_date_text(pd.Series(["31-12-2025", "2025-12-31 10:00", "31-02-2025", "3-jan-24"])).tolist()
    [True, True, True, False]
    """
    text = text.astype("str").str.strip()
    return (text.str.fullmatch(_DATE_DUTCH) | text.str.fullmatch(_DATE_ISO)).fillna(False).astype(bool)


def _serial_dates(numbers: pd.Series) -> pd.Series:
    low, high = SERIAL_RANGE
    inside = numbers.between(low, high)
    days = pd.to_timedelta(numbers.where(inside), unit="D")
    return (_EXCEL_EPOCH + days).astype("datetime64[us]")


def to_dates(values, *, column: str | None = None, source: str | None = None, errors: str = "raise") -> pd.Series:
    """Dates as ``datetime64``, by the date rule of this module; blank cells become NaT.

    Args:
        values: a Series (any dtype) or a list.
        column, source: the column and file named in messages.
        errors: ``"raise"`` (default) or ``"coerce"`` (no date -> NaT; the caller reports).

    Returns:
        A datetime64 Series without a time zone, with the index of ``values``
        (a datetime column is returned as it is; one with a zone as Dutch clock time).

    Raises:
        KlantDataError: a value that is no (existing) date, naming the rows.

    >>> to_dates(["31-12-2025", "2025-01-31 14:05", None]).tolist()
    [Timestamp('2025-12-31 00:00:00'), Timestamp('2025-01-31 14:05:00'), NaT]
    >>> to_dates(["2025-12-31T23:30:00Z", "2025-07-01 09:00:00+02:00"]).tolist()  # Dutch clock time
    [Timestamp('2026-01-01 00:30:00'), Timestamp('2025-07-01 09:00:00')]
    >>> to_dates(["31-02-2025"], column="datum")
    Traceback (most recent call last):
    ...
    klantlib.errors.KlantDataError: In kolom 'datum' staat op de rij met index 0 geen (bestaande) datum (bijvoorbeeld '31-02-2025' op de rij met index 0). Schrijf datums als dd-mm-jjjj (31-12-2025) of jjjj-mm-dd (2025-12-31) en controleer dag en maand.
    """
    errors = check_errors(errors, ("raise", "coerce"))
    values = values if isinstance(values, pd.Series) else pd.Series(list(values), dtype="object")
    if isinstance(values.dtype, pd.DatetimeTZDtype):
        return _local(values)  # already dates, with a zone: the same moments on a Dutch clock
    if pd.api.types.is_datetime64_any_dtype(values):
        return values  # already dates: never read again
    labels, values = values.index, values.reset_index(drop=True)  # work by position: labels may repeat
    result = pd.Series(pd.NaT, index=values.index, dtype="datetime64[us]")
    if pd.api.types.is_numeric_dtype(values) and not pd.api.types.is_bool_dtype(values):
        result[:] = _serial_dates(values.astype("float64"))
        filled = values.notna()
    else:
        is_date = values.map(is_date_value).astype(bool)
        if is_date.any():
            result[is_date] = [_naive(value) for value in values[is_date]]
        numbers, text = _split_kinds(values[~is_date])
        if len(numbers):
            result[numbers.index] = _serial_dates(numbers.astype("float64"))
        if len(text):
            codes, distinct = pd.factorize(text.to_numpy(dtype=object))
            distinct = pd.Series(distinct, dtype="str")
            parsed = _text_dates(distinct)
            numeric = parsed.isna() & distinct.str.fullmatch(r"\d+(?:[.,]\d+)?")
            if numeric.any():  # a serial written as text, as a CSV export of an unformatted date cell gives
                serials = to_numbers(distinct[numeric], errors="coerce", fallback=".")
                parsed[numeric] = _serial_dates(serials)
            result[text.index] = parsed.to_numpy()[codes]
        filled = values.notna() & values.astype("str").str.strip().ne("")
    bad = result.isna() & filled
    if bad.any() and errors == "raise":
        raise value_error(values.set_axis(labels), bad.to_numpy(), what="geen (bestaande) datum", fix=FIX_DATE,
                          column=column, source=source)
    return result.set_axis(labels)


def _naive(value) -> pd.Timestamp:
    """A date or time kept as it is; one with a zone becomes the clock time in the Netherlands."""
    stamp = pd.Timestamp(value)
    return stamp.tz_convert(ZONE).tz_localize(None) if stamp.tzinfo is not None else stamp


def to_date(value, *, what: str = "de datum") -> pd.Timestamp:
    """One date by the date rule (day first: ``"01-02-2025"`` is 1 February).

    ``what`` names the value in the Dutch error, e.g. ``"de peildatum"``.

    >>> to_date("01-02-2025"), to_date("2025-02-13")
    (Timestamp('2025-02-01 00:00:00'), Timestamp('2025-02-13 00:00:00'))
    >>> to_date("1 februari", what="de peildatum")
    Traceback (most recent call last):
    ...
    klantlib.errors.KlantDataError: De peildatum '1 februari' is geen datum. Schrijf hem als dd-mm-jjjj (01-02-2025) of jjjj-mm-dd (2025-02-01).
    """
    if is_date_value(value) and not pd.isna(value):
        return _naive(value)  # already a date: kept as it is (a zone: the Dutch clock time)
    parsed = to_dates(pd.Series([value], dtype="object"), errors="coerce").iloc[0] if value is not None else pd.NaT
    if pd.isna(parsed):
        raise KlantDataError(f"{what[:1].upper()}{what[1:]} {value!r} is geen datum. Schrijf hem als dd-mm-jjjj "
                             "(01-02-2025) of jjjj-mm-dd (2025-02-01).")
    return pd.Timestamp(parsed)


# -- answers on a scale -------------------------------------------------------------------------

def _filled(values: pd.Series) -> pd.Series:
    """Where something was filled in: not missing, and for text not only spaces."""
    filled = values.notna()
    if values.dtype == object or pd.api.types.is_string_dtype(values):
        filled &= values.astype("str").str.strip().ne("")
    return filled


def to_answers(values, *, scale: int, low: int = 1, words: Mapping[str, int] | None = None
               ) -> tuple[pd.Series, pd.Series]:
    """Answers on a ``low``..``scale`` scale as floats, and where a given answer is wrong.

    Returns ``(answers, wrong)``: ``answers`` is float64 with NaN for blank *and*
    wrong cells; ``wrong`` is True where something was filled in that is no whole
    number from ``low`` to ``scale`` (text such as ``"ja"``, ``8``, ``6,5``, ``True``).
    The caller decides whether a wrong answer is an error or counts as not given.

    ``words`` maps the words of a scale to their numbers, as online forms export
    a Likert answer (``{"helemaal oneens": 1, ...}``); a cell matches a word by
    :func:`text_key` (case, accents and extra spaces don't matter). Cells that are
    already numbers are never read as words.

    >>> answers, wrong = to_answers(pd.Series([7, "6", " 6,0 ", 8, "ja", None, True]), scale=7)
    >>> answers.tolist(), wrong.tolist()
    ([7.0, 6.0, 6.0, nan, nan, nan, nan], [False, False, False, True, True, False, True])
    >>> to_answers(pd.Series(["Eens", 0, "helemaal  EENS"]), scale=3, low=0,
    ...            words={"oneens": 1, "eens": 2, "helemaal eens": 3})[0].tolist()
    [2.0, 0.0, 3.0]
    """
    check_scale(scale, low=low)
    values = values if isinstance(values, pd.Series) else pd.Series(list(values), dtype="object")
    numbers = to_numbers(values, errors="coerce", fallback=".")  # True/False and text: NaN
    if words:
        keys = {text_key(word): number for word, number in words.items()}
        is_text = values.map(lambda v: isinstance(v, str)).astype(bool)
        spoken = values[is_text & numbers.isna()].map(lambda v: keys.get(text_key(v)))
        numbers = numbers.fillna(pd.Series(spoken, index=spoken.index, dtype="float64"))
    ok = numbers.between(low, scale) & (numbers % 1 == 0)
    return numbers.where(ok), _filled(values) & ~ok


def check_scale(scale, *, low: int = 1) -> int:
    """A scale's highest answer is a whole number above its lowest (``low``, 1 unless told); returns it.

    >>> check_scale(7), check_scale(10, low=0)
    (7, 10)
    """
    if isinstance(low, bool) or not isinstance(low, (int, np.integer)):
        raise KlantDataError(f"Het laagste antwoord van een schaal moet een heel getal zijn (meestal 1), niet {low!r}.")
    if isinstance(scale, bool) or not isinstance(scale, (int, np.integer)) or scale < low + 1:
        raise KlantDataError(f"scale moet een heel getal van minstens {low + 1} zijn (meestal 7 of 5), niet {scale!r}.")
    return int(scale)


# -- ids ----------------------------------------------------------------------------------------

def is_id_text(text: pd.Series) -> pd.Series:
    """Per text value, whether it can only be an id, never an amount: a leading zero (``00123``), or
    more digits than a float keeps exactly (16 or more, separators not counted: a loyalty card, or an
    analytics id such as ``1234567890.1709287200``). Such columns stay text, every digit kept.

    >>> is_id_text(pd.Series(["00123", "1234567890123456789", "1234567890.1709287200", "123", "0,5"])).tolist()
    [True, True, True, False, False]
    """
    text = text.astype("str").str.strip()
    leading_zero = text.str.fullmatch(r"0\d+").fillna(False).astype(bool)
    digits = text.str.count(r"\d").where(text.str.fullmatch(r"\d[\d.,]*").fillna(False).astype(bool), 0)
    return leading_zero | (digits >= 16) | is_scientific_id(text)


#: How Excel shows a long number in a "Standaard" cell (and writes it to CSV): 1,23457E+15. The digits after the
#: sixth are gone by then.
_SCIENTIFIC = r"\d[.,]\d+[eE]\+\d+"


def is_scientific_id(text: pd.Series) -> pd.Series:
    """Per text value, whether it is a long number as Excel shows it in scientific notation (``1,23457E+15``).

    Excel writes a card or customer number of 12 digits or more this way when its
    cell is not set to 'Tekst'; the last digits are lost then, so two different
    cards can show the same text. :func:`to_ids` refuses such ids.

    >>> is_scientific_id(pd.Series(["1,23457E+15", "1.23457e+15", "1234567", "E+15"])).tolist()
    [True, True, False, False]
    """
    return text.astype("str").str.strip().str.fullmatch(_SCIENTIFIC).fillna(False).astype(bool)


#: An id that is a plain whole number: no leading zero, at most 15 digits (16 or more is a card number: text).
_WHOLE_ID = r"0|[1-9][0-9]{0,14}"
_WHOLE_ID_LIMIT = 10**15


def id_codes(values, *, column: str | None = None, source: str | None = None) -> tuple[np.ndarray, pd.Index]:
    """Ids as integer codes and their labels: ``labels[codes]`` is :func:`to_ids`, code -1 is a missing id.

    The rule is applied once per distinct value, so this is fast on a million rows;
    :func:`klantlib.rfm.rfm_table` uses it. The labels are sorted: ``int64`` in
    numeric order when every id is a plain whole number, else text with the
    numbers first in numeric order (``"7"``, ``"12"``, ``"007"``, ``"K1"``).

    >>> codes, labels = id_codes(pd.Series(["K1", 12, 7, "K1 ", None], dtype="object"))
    >>> codes.tolist(), list(labels)
    ([2, 1, 0, 2, -1], ['7', '12', 'K1'])
    >>> codes, labels = id_codes(pd.Series([12, 7, 12]))
    >>> codes.tolist(), labels
    ([1, 0, 1], Index([7, 12], dtype='int64'))
    """
    values = values if isinstance(values, pd.Series) else pd.Series(list(values), dtype="object")
    codes, distinct = pd.factorize(values, use_na_sentinel=True)  # a missing id gets code -1
    if len(distinct) == 0:  # every id blank (or no rows): nothing to label
        return np.full(len(values), -1, dtype="int64"), pd.Index([], dtype="str")
    if (pd.api.types.is_integer_dtype(distinct) and not pd.api.types.is_bool_dtype(distinct)
            and distinct.min() >= 0 and distinct.max() < _WHOLE_ID_LIMIT):
        # Whole numbers (the usual customer numbers): already unique and exact, so sorting is all there is to do.
        order = np.argsort(np.asarray(distinct), kind="stable")
        rank = np.empty(len(order), dtype="int64")
        rank[order] = np.arange(len(order))
        return (np.where(codes < 0, -1, rank[np.maximum(codes, 0)]),
                pd.Index(np.asarray(distinct, dtype="int64")[order], dtype="int64"))
    labels = _id_labels(pd.Series(distinct), codes, values, column, source)
    # Several distinct values can be one id (" K1" and "K1", 7 and 7.0): code them again, in sorted order.
    # The sort key puts whole numbers first, padded so that text order is numeric order.
    text = labels.fillna("").to_numpy(dtype=str)
    number = pd.Series(text).str.fullmatch(r"0|[1-9]\d*").to_numpy(dtype=bool)
    width = max((len(t) for t in text[number]), default=0)
    key = np.where(number, np.char.add("0", np.char.zfill(text, width)), np.char.add("1", text))
    unique_keys, first, relabel = np.unique(key, return_index=True, return_inverse=True)
    final = pd.Index(text[first], dtype="str")
    missing = labels.isna().to_numpy()
    if missing.any():  # blank ids: drop their key (it is "1" + "", the first text key)
        blank = relabel[np.flatnonzero(missing)[0]]
        final = final.delete(blank)
        relabel = np.where(missing, -1, relabel - (relabel > blank))
    codes = np.where(codes < 0, -1, relabel[np.maximum(codes, 0)] if len(relabel) else -1)
    if len(final) and final.str.fullmatch(_WHOLE_ID).all():  # every id a plain whole number: numbers they stay
        return codes, final.astype("int64")
    _warn_near_doubles(final, column)
    return codes, final


def _id_labels(distinct: pd.Series, codes: np.ndarray, values: pd.Series, column, source) -> pd.Series:
    """The label (text, or missing when blank) of every distinct id value."""
    if pd.api.types.is_integer_dtype(distinct) and not pd.api.types.is_bool_dtype(distinct):
        return distinct.astype("str")
    if distinct.dtype == object:
        is_float = distinct.map(lambda v: isinstance(v, (float, np.floating))).astype(bool)
    else:
        is_float = pd.Series(pd.api.types.is_float_dtype(distinct), index=distinct.index)
    if is_float.any():
        floats = distinct[is_float].astype("float64")
        # A float of 16 digits or more only looks exact: Excel keeps 15, so its last digits were lost already.
        broken = (floats % 1 != 0) | (floats.abs() >= _WHOLE_ID_LIMIT)
        if broken.any():
            rows = np.isin(codes, broken.index[broken.to_numpy()])
            raise value_error(values, rows, what=_FLOAT_ID, column=column, source=source,
                              fix=_FLOAT_ID_FIX_FILE if source else _FLOAT_ID_FIX_FRAME)
    if distinct.dtype != object and not is_float.any():
        labels = distinct.astype("str").str.strip()
    else:
        is_number = distinct.map(is_number_value).astype(bool)
        labels = distinct.astype("str").str.strip()
        labels[is_number] = [str(int(v)) for v in distinct[is_number]]
    scientific = is_scientific_id(labels)
    if scientific.any():
        rows = np.isin(codes, scientific.index[scientific.to_numpy()])
        raise value_error(values, rows, what=_SCIENTIFIC_ID, column=column, source=source, fix=_SCIENTIFIC_ID_FIX)
    return labels.mask(labels == "")


_FLOAT_ID = ("een nummer dat als kommagetal is opgeslagen; daarbij zijn (of raken) cijfers verloren, en een "
             "klantnummer moet exact blijven")
# The frame came from read_table (it names its file): there the cell already was a number, as Excel stored it.
_FLOAT_ID_FIX_FILE = ("In het bestand zelf staat het nummer al als getal, en Excel bewaart van een getal maar 15 "
                      "cijfers. Zet de kolom in Excel op 'Tekst', zet de nummers er opnieuw in vanuit de bron en sla "
                      "het bestand opnieuw op.")
_SCIENTIFIC_ID = ("een nummer zoals Excel het in wetenschappelijke notatie laat zien; daarbij zijn de laatste cijfers "
                  "al verloren, zodat verschillende klanten hetzelfde nummer kunnen krijgen")
_SCIENTIFIC_ID_FIX = ("Haal de nummers opnieuw uit de bron (het kassasysteem of de webshop), zet in Excel de kolom op "
                      "'Tekst' vóór je ze plakt, en sla het bestand opnieuw op.")
# A frame without a source: read by pandas itself, which makes long or dotted numbers floats.
_FLOAT_ID_FIX_FRAME = ("Lees het bestand met klantlib.data.read_table: die houdt zulke nummers als tekst, met al hun "
                       "cijfers (pd.read_csv maakt er een kommagetal van).")


def _warn_near_doubles(labels: pd.Index, column: str | None) -> None:
    """Warn about text ids that differ only in leading zeros (7 and 007) or in capitals (K2 and k2).

    They stay different ids (the rule keeps ids exact), but they are often one customer typed twice.
    """
    where = f" in kolom {column!r}" if column else ""
    text = pd.Series(labels, dtype="str")
    numeric = text[text.str.fullmatch(r"\d+").astype(bool)]
    zeros = numeric[numeric.str.lstrip("0").duplicated(keep=False)]
    capitals = text[text.str.casefold().duplicated(keep=False) & ~text.str.fullmatch(r"\d+").astype(bool)]
    for clash, how in ((zeros, "voorloopnullen"), (capitals, "hoofdletters")):
        if len(clash):
            warn(f"{len(clash)} ids{where} verschillen alleen in {how} ({', '.join(map(repr, clash[:4]))}); ze "
                 "tellen als verschillend. Is dat niet zo, maak ze dan gelijk.")


def to_ids(values, *, column: str | None = None, source: str | None = None) -> pd.Series:
    """Ids as exact labels by the id rule of this module; blank cells become missing.

    When every filled id is a plain whole number (``7``, ``"12"``, ``7.0``; no
    leading zero, at most 15 digits) the ids are ``int64`` (``Int64`` with
    blanks). Otherwise they are text (``str``): whole numbers become their
    digits, text keeps its leading zeros and loses surrounding spaces. Ids that
    differ only in leading zeros (``7`` and ``"007"``) or in capitals (``"K2"``
    and ``"k2"``) stay two ids, with a :class:`~klantlib.errors.KlantDataWarning`.

    Args:
        values: a Series (any dtype) or a list.
        column, source: the column and file named in messages.

    Returns:
        A Series with the index of ``values``: ``int64``/``Int64`` or ``str``.

    Raises:
        KlantDataError: a float id with decimals or with 16 digits or more (its
            last digits are lost, or only look exact), or an id in Excel's
            scientific notation (``1,23457E+15``), naming the rows and saying how
            to keep every digit.

    >>> to_ids(pd.Series([12, 7, None])).tolist()
    [12, 7, <NA>]
    >>> to_ids(pd.Series([12, " K12 ", None, 1234567890123456789], dtype="object")).tolist()
    ['12', 'K12', nan, '1234567890123456789']
    >>> to_ids(pd.Series([1234567890.1709287]), column="client_id")
    Traceback (most recent call last):
    ...
    klantlib.errors.KlantDataError: In kolom 'client_id' staat op de rij met index 0 een nummer dat als kommagetal is opgeslagen; daarbij zijn (of raken) cijfers verloren, en een klantnummer moet exact blijven (bijvoorbeeld 1234567890.1709287 op de rij met index 0). Lees het bestand met klantlib.data.read_table: die houdt zulke nummers als tekst, met al hun cijfers (pd.read_csv maakt er een kommagetal van).
    """
    values = values if isinstance(values, pd.Series) else pd.Series(list(values), dtype="object")
    codes, labels = id_codes(values, column=column, source=source)
    if labels.dtype == "int64":
        whole = pd.array(labels.to_numpy()[np.maximum(codes, 0)], dtype="Int64")
        whole[codes < 0] = pd.NA
        return pd.Series(whole, index=values.index, dtype="int64" if (codes >= 0).all() else "Int64")
    return pd.Series(np.append(labels.to_numpy(dtype=object), np.nan)[codes], index=values.index, dtype="str")


def comparable_ids(*columns: pd.Series) -> tuple[pd.Series, ...]:
    """Id columns from :func:`to_ids` made one kind, so that the same customer matches across tables.

    :func:`to_ids` keeps a column of whole numbers as numbers and any other as text.
    When one table has number ids and another text ids (``12`` and ``"K1"``), all are
    compared as text: a whole number's text is exactly its digits, so 12 matches "12".

    >>> a, b = comparable_ids(pd.Series([12, 13]), pd.Series(["12", "K1"], dtype="str"))
    >>> a.tolist(), b.tolist()
    (['12', '13'], ['12', 'K1'])
    """
    numbers = [pd.api.types.is_integer_dtype(ids) for ids in columns]
    if all(numbers) or not any(numbers):
        return tuple(columns)
    return tuple(ids.astype("str") if number else ids for ids, number in zip(columns, numbers))


# -- columns and options ------------------------------------------------------------------------

def text_key(value) -> str:
    """How a name or answer typed by a person is compared: case, accents and extra spaces are ignored.

    One rule for every place that matches a student's text against a known list
    (self-check answers, roles, organisation names, buying situations).

    >>> text_key("  Beïnvloeder ") == text_key("beinvloeder"), text_key("New   Task")
    (True, 'new task')
    """
    text = unicodedata.normalize("NFKD", str(value))
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return " ".join(text.casefold().split())


def column_key(name) -> str:
    """How column names are compared when a name may be loose: case, surrounding spaces and space vs
    underscore are ignored (``" Klant ID"`` and ``"klant_id"`` match)."""
    return re.sub(r"[\s_]+", "_", str(name).strip().casefold())


def _listed(names: Sequence, limit: int) -> str:
    """Names for a message: quoted, long ones cut, at most ``limit`` and then "en nog N"."""
    cut = [repr(n if len(str(n)) <= 40 else f"{str(n)[:37]}...") for n in names[:limit]]
    return listing([*cut, *names[limit:]], limit=limit) or "geen"


def one_column_hint(found: Sequence) -> str:
    """The Dutch hint for a table whose one column name holds the others ("a,b,c"), or "".

    That is a CSV file opened in Excel with another separator and saved as it showed: everything in column A.

    >>> one_column_hint(["klant;bedrag;datum"])[:46]
    "Alles staat in één kolom, met puntkomma's ertu"
    >>> one_column_hint(["klant", "bedrag"])
    ''
    """
    if len(found) != 1:
        return ""
    for sep, (many, one) in {";": ("puntkomma's", "puntkomma"), ",": ("komma's", "komma"),
                             "\t": ("tabs", "tab")}.items():
        if sep in str(found[0]):
            return (f"Alles staat in één kolom, met {many} ertussen: het bestand is geopend met een ander "
                    f"scheidingsteken en zo opgeslagen. Gebruik in Excel Gegevens > Tekst naar kolommen (kies "
                    f"{one} als scheidingsteken), of lees het oorspronkelijke CSV-bestand.")
    return ""


def missing_columns_message(found: Sequence, missing: Sequence, *, source: str | None = None,
                            header_row=None, fix: str | None = None, present: Sequence = ()) -> str:
    """The Dutch message for columns that are missing, with the closest names found.

    A found column is suggested for at most one missing name, and never when it is
    itself one of the ``present`` required columns (a file with ``S01`` and ``S02``
    that lacks ``S03`` gets no "Bedoel je 'S02' voor 'S03'?").

    >>> print(missing_columns_message(["S01", "S02", "klnt"], ["S03", "S04", "klant"], present=["S01", "S02"]))
    Er ontbreken de kolommen 'S03', 'S04' en 'klant'. Gevonden kolommen: 'S01', 'S02' en 'klnt'. Bedoel je 'klnt' voor 'klant'? Voeg de kolom toe of geef een bestaande kolom die naam.
    """
    used = {column_key(c) for c in present}
    by_key = {column_key(c): c for c in found if column_key(c) not in used}
    hints = []
    for name in missing:
        close = difflib.get_close_matches(column_key(name), list(by_key), n=1, cutoff=0.6)
        if close:
            hints.append(f"Bedoel je '{by_key.pop(close[0])}' voor '{name}'?")
        if len(hints) == 3:
            break
    verb, which = ("ontbreekt", "de kolom") if len(missing) == 1 else ("ontbreken", "de kolommen")
    where = f"In '{source}' {verb}" if source else f"Er {verb}"
    row = f" (rij {header_row})" if header_row is not None else ""
    hints += [one_column_hint(found)] if one_column_hint(found) else []
    return (f"{where} {which} {_listed(list(missing), 8)}. Gevonden kolommen{row}: {_listed(list(found), 12)}."
            + "".join(f" {hint}" for hint in hints)
            + f" {fix or 'Voeg de kolom toe of geef een bestaande kolom die naam.'}")


def require_columns(frame: pd.DataFrame, columns: Iterable, *, source: str | None = None,
                    fix: str | None = None) -> None:
    """Check that ``frame`` has every one of ``columns`` (exact names), or explain in Dutch.

    ``source`` defaults to ``frame.attrs["source"]`` (set by ``read_table``);
    ``fix`` replaces the closing advice.

    >>> require_columns(pd.DataFrame(columns=["Klant_ID", "bedrag"]), ["klant_id", "bedrag"])
    Traceback (most recent call last):
    ...
    klantlib.errors.KlantDataError: Er ontbreekt de kolom 'klant_id'. Gevonden kolommen: 'Klant_ID' en 'bedrag'. Bedoel je 'Klant_ID' voor 'klant_id'? Voeg de kolom toe of geef een bestaande kolom die naam.
    """
    if not isinstance(frame, pd.DataFrame):
        raise KlantDataError(f"Verwacht een tabel (DataFrame), geen {type(frame).__name__}.")
    columns = list(dict.fromkeys(columns))
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise KlantDataError(missing_columns_message(list(frame.columns), missing, fix=fix,
                                                     source=source or frame.attrs.get("source"),
                                                     present=[c for c in columns if c in frame.columns]))
