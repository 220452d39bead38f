"""Numbers the Dutch way, for tables and labels students read.

Data files keep plain machine formats; only what is shown is formatted:
a decimal comma, a dot between thousands, ``€ 1.234,50`` and ``12,5%``.

>>> euro(1234.5)
'€ 1.234,50'
>>> percent(0.125)
'12,5%'
>>> number(1234567)
'1.234.567'
>>> counted(1, "bestelling")
'1 bestelling'
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping

import pandas as pd

__all__ = ["counted", "dutch_summary", "dutch_table", "euro", "listing", "number", "percent"]

_MISSING = "–"


def _is_missing(x) -> bool:
    try:
        return x is None or x is pd.NA or (isinstance(x, float) and math.isnan(x)) or pd.isna(x)
    except (TypeError, ValueError):
        return False


def number(x, decimals: int = 0) -> str:
    """Format a number with a decimal comma and dots between thousands.

    >>> number(1234.567, 2)
    '1.234,57'
    >>> number(-0.5, 1)
    '-0,5'
    >>> number(float("nan"))
    '–'
    """
    if _is_missing(x):
        return _MISSING
    text = f"{float(x):,.{decimals}f}"
    if text.startswith("-") and float(text.replace(",", "")) == 0:
        text = text[1:]  # no "-0,0"
    return text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")


def counted(count, singular: str, plural: str | None = None) -> str:
    """A count with its noun, singular for exactly one and plural otherwise: ``"1 bestelling"``, ``"3 bestellingen"``.

    The plural is ``singular + "en"`` (bestelling, klant, markt) unless ``plural`` is given, for
    the nouns that take another ending (``"rij", "rijen"``, ``"euro", "euro's"``, ``"bedrijf",
    "bedrijven"``). The count is written by :func:`number`.

    >>> counted(1, "bestelling"), counted(3, "bestelling"), counted(0, "markt")
    ('1 bestelling', '3 bestellingen', '0 markten')
    >>> counted(1200, "rij", "rijen")
    '1.200 rijen'
    """
    return f"{number(count)} {singular if count == 1 else (plural or singular + 'en')}"


def listing(items: Iterable, *, limit: int | None = 5, quote: bool = False, word: str | None = "en",
            separator: str = ", ") -> str:
    """A list in a Dutch sentence: ``"a, b en c"``; after ``limit`` items ``"a, b en nog 3"``.

    Every message that lists things (columns, files, rows, values, wrong cells)
    writes its list here. ``quote`` puts each item in single quotes (names of
    columns and files); ``word`` joins the last two (``"of"`` for choices; None
    joins them with ``separator`` too, for items that hold commas themselves).
    Only the items shown are written out, so a long list costs little.

    >>> listing(["E1", "E2", "P7"])
    'E1, E2 en P7'
    >>> listing(["klant_id", "datum"], quote=True, word="of")
    "'klant_id' of 'datum'"
    >>> listing(range(1, 10), limit=3)
    '1, 2, 3 en nog 6'
    >>> listing(["rij 2, kolom 'E1': 8", "rij 3, kolom 'E1': 0"], separator="; ", word=None)
    "rij 2, kolom 'E1': 8; rij 3, kolom 'E1': 0"
    >>> listing([])
    ''
    """
    items = list(items)
    rest = len(items) - limit if limit is not None and len(items) > limit else 0
    shown = [f"'{item}'" if quote else str(item) for item in (items[:limit] if rest else items)]
    if rest:
        return f"{separator.join(shown)} en nog {number(rest)}"
    if len(shown) <= 1 or word is None:
        return separator.join(shown)
    return f"{separator.join(shown[:-1])} {word} {shown[-1]}"


def euro(x, decimals: int = 2) -> str:
    """Format an amount in euros, the sign before the euro sign.

    >>> euro(-12.5)
    '-€ 12,50'
    >>> euro(2_500_000, decimals=0)
    '€ 2.500.000'
    """
    if _is_missing(x):
        return _MISSING
    text = number(abs(float(x)), decimals)
    return f"-€ {text}" if float(x) < 0 and text.strip("0,.") else f"€ {text}"


def percent(fraction, decimals: int = 1) -> str:
    """Format a fraction (0.125) as a Dutch percentage ("12,5%").

    >>> percent(0.8, 0)
    '80%'
    >>> percent(1 / 3)
    '33,3%'
    """
    if _is_missing(fraction):
        return _MISSING
    return f"{number(100 * float(fraction), decimals)}%"


def dutch_table(
    frame: pd.DataFrame,
    *,
    euro_columns: Iterable[str] = (),
    percent_columns: Iterable[str] = (),
    decimals: Mapping[str, int] | int | None = None,
) -> pd.DataFrame:
    """Return a copy of ``frame`` with its numbers written the Dutch way (as text).

    Meant for display only: the result holds strings, so compute first, format last.
    Numeric columns not named in ``euro_columns`` or ``percent_columns`` get
    ``decimals`` decimals (a number for all, or a mapping per column; default 0
    for whole numbers and 2 otherwise).

    >>> df = pd.DataFrame({"omzet": [1234.5, 99.0], "aandeel": [0.8, 0.2], "klanten": [1200, 300]})
    >>> dutch_table(df, euro_columns=["omzet"], percent_columns=["aandeel"])
            omzet aandeel klanten
    0  € 1.234,50   80,0%   1.200
    1     € 99,00   20,0%     300
    """
    euro_columns, percent_columns = list(euro_columns), list(percent_columns)
    out = frame.copy()
    for column in out.columns:
        series = out[column]
        if isinstance(decimals, Mapping):
            digits = decimals.get(column)
        else:
            digits = decimals
        if column in euro_columns:
            out[column] = series.map(lambda x, d=digits: euro(x, 2 if d is None else d))
        elif column in percent_columns:
            out[column] = series.map(lambda x, d=digits: percent(x, 1 if d is None else d))
        elif pd.api.types.is_numeric_dtype(series) and not pd.api.types.is_bool_dtype(series):
            if digits is None:
                whole = pd.api.types.is_integer_dtype(series) or bool(
                    (series.dropna() % 1 == 0).all()
                )
                digits = 0 if whole else 2
            out[column] = series.map(lambda x, d=digits: number(x, d))
    return out


#: The rows of :func:`dutch_summary`: a Dutch label and how to compute it.
_SUMMARY = {"aantal": "count", "gemiddelde": "mean", "laagste": "min", "mediaan": "median", "hoogste": "max"}


def dutch_summary(values: pd.Series | pd.DataFrame, decimals: int = 1) -> pd.DataFrame:
    """A short summary of numbers with Dutch labels and numbers: aantal, gemiddelde, laagste, mediaan, hoogste.

    For students instead of ``describe()`` (English labels, decimal points).
    Missing values are left out and not counted. A Series gives one column,
    named after the Series; a DataFrame one column per numeric column.

    Args:
        values: the numbers, as a Series or a DataFrame.
        decimals: decimals of every row but ``aantal`` (always a whole number).

    Returns:
        A DataFrame of text, one row per measure.

    Raises:
        TypeError: ``values`` is not a Series or DataFrame, or has no numbers.

    >>> dutch_summary(pd.Series([10.0, 20.0, 1200.5, None], name="rendement"))
               rendement
    aantal             3
    gemiddelde     410,2
    laagste         10,0
    mediaan         20,0
    hoogste      1.200,5
    """
    if isinstance(values, pd.Series):
        values = values.to_frame(values.name if values.name is not None else "waarde")
    if not isinstance(values, pd.DataFrame):
        raise TypeError("dutch_summary verwacht een Series of DataFrame met getallen.")
    numbers = values.select_dtypes("number")
    if numbers.shape[1] == 0:
        raise TypeError("dutch_summary: er is geen kolom met getallen.")
    table = pd.DataFrame({label: numbers.agg(how) for label, how in _SUMMARY.items()}).T
    out = table.astype("object")
    for column in table.columns:
        out[column] = [number(x, 0 if label == "aantal" else decimals) for label, x in table[column].items()]
    return out
