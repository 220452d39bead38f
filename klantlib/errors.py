"""Errors and warnings that klantlib shows to students.

Every message is Dutch, names the file, column and row where it can, and says
what to change. Code that catches them can rely on the types:
``KlantDataError`` is a ``ValueError`` and ``KlantDataWarning`` a ``UserWarning``.

The situations every model meets have one message each, written here:
rows left out or refused (:func:`drop_invalid_rows`), an empty selection
(:func:`require_rows`) and a column blank on every row (:func:`require_filled`).
"""

from __future__ import annotations

import warnings
from collections.abc import Iterable, Sequence

import numpy as np
import pandas as pd

from klantlib.formatting import listing

__all__ = [
    "ERRORS",
    "KlantDataError",
    "KlantDataWarning",
    "check_errors",
    "check_option",
    "describe_rows",
    "drop_invalid_rows",
    "require_filled",
    "require_rows",
    "warn",
]

#: How many row numbers a message lists before it says "en nog N".
MAX_ROWS_SHOWN = 5


#: The one vocabulary of ``errors=`` in klantlib (a function accepts the values it documents):
#:
#: - ``"raise"``: a wrong value stops the function with a :class:`KlantDataError` that names it;
#: - ``"warn"``: a wrong value counts as missing (or its row is left out), and one
#:   :class:`KlantDataWarning` counts and names what was set aside;
#: - ``"coerce"``: a wrong value becomes missing without a word, for code that reports it itself
#:   (the low-level rules of :mod:`klantlib.parsing`); never the default of what a student calls.
ERRORS = ("raise", "warn", "coerce")
#: Older names of the same choices, still accepted with a FutureWarning (saved notebooks keep running).
_OLD_ERRORS = {"missing": "warn"}


class KlantDataError(ValueError):
    """A student's data can't be used as it is; the message says why and how to fix it."""


class KlantDataWarning(UserWarning):
    """klantlib changed or skipped something in the data; the message says what and why."""


def describe_rows(labels: Iterable, *, limit: int = MAX_ROWS_SHOWN) -> str:
    """Describe row labels for a Dutch message: ``"rij 3, 7 en 9"``, as a student finds them.

    Frames from :func:`klantlib.data.read_table` carry the spreadsheet row
    number as index (named ``"rij"``), so the labels are what a student sees in
    Excel: ``rij 4``. So are plain lists of row numbers. An index with another
    name, or none, is no Excel row (after ``reset_index``, ``merge`` or a table
    made in the notebook): then the message names the index as it is, ``de rij
    met index 2`` or ``de rij met klant_id 'K3'``, and never claims a row
    number that Excel doesn't show. Long lists are cut after ``limit`` labels.

    >>> describe_rows([4])
    'rij 4'
    >>> describe_rows(pd.Index([4, 9, 12], name="rij"))
    'rijen 4, 9 en 12'
    >>> describe_rows(range(2, 20))
    'rijen 2, 3, 4, 5, 6 en nog 13 andere'
    >>> describe_rows(pd.RangeIndex(3)[1:]), describe_rows(pd.Index(["K3"], name="klant_id"))
    ('de rijen met index 1 en 2', "de rij met klant_id 'K3'")
    """
    excel = not isinstance(labels, pd.Index) or labels.name == "rij"
    name = None if excel else (labels.name or "index")
    labels = list(labels)
    if excel:
        if len(labels) == 1:
            return f"rij {labels[0]}"
        return f"rijen {listing(labels, limit=limit)}{' andere' if len(labels) > limit else ''}"
    shown = [repr(label) if isinstance(label, str) else label for label in labels]
    if len(shown) == 1:
        return f"de rij met {name} {shown[0]}"
    return f"de rijen met {name} {listing(shown, limit=limit)}{' andere' if len(shown) > limit else ''}"


def drop_invalid_rows(
    frame: pd.DataFrame,
    invalid: pd.Series | Sequence[bool],
    reason: str,
    *,
    errors: str = "warn",
    source: str | None = None,
    fix: str | None = None,
    stacklevel: int | None = None,
) -> pd.DataFrame:
    """Return ``frame`` without the ``invalid`` rows, and never silently.

    With ``errors="warn"`` (the default) a :class:`KlantDataWarning` says how
    many rows were left out, which ones (the first few) and why. With
    ``errors="raise"`` a :class:`KlantDataError` is raised instead and nothing
    is left out. The warning points at the caller's line outside klantlib
    (:func:`warn`), however deep the call.

    ``stacklevel`` is accepted and ignored: callers written before :func:`warn`
    still pass it (the questionnaire modules, until their rebuild drops it).

    >>> import warnings
    >>> df = pd.DataFrame({"bedrag": [10.0, None, 5.0]})
    >>> with warnings.catch_warnings(record=True) as caught:
    ...     warnings.simplefilter("always")
    ...     kept = drop_invalid_rows(df, df["bedrag"].isna(), "het bedrag ontbreekt")
    >>> len(kept), str(caught[0].message)
    (2, '1 van de 3 rijen overgeslagen (de rij met index 1): het bedrag ontbreekt.')
    >>> drop_invalid_rows(df, df["bedrag"].isna(), "het bedrag ontbreekt", errors="raise")
    Traceback (most recent call last):
    ...
    klantlib.errors.KlantDataError: 1 van de 3 rijen is niet bruikbaar (de rij met index 1): het bedrag ontbreekt.
    """
    errors = check_errors(errors, ("raise", "warn"))
    mask = pd.Series(invalid, index=frame.index).fillna(True).astype(bool)
    count = int(mask.sum())
    if count == 0:
        return frame
    from klantlib.formatting import number  # counts the Dutch way: 10.840 van de 15.068

    where = describe_rows(frame.index[mask.to_numpy()])
    in_file = f" in '{source}'" if source else ""
    counted = f"{number(count)} van de {number(len(frame))} rijen{in_file}"
    if errors == "raise":
        verb = "is" if count == 1 else "zijn"  # the verb agrees with the count: "1 van de 2 rijen is"
        message = f"{counted} {verb} niet bruikbaar ({where}): {reason}."
        raise KlantDataError(message + (f" {fix}" if fix else ""))
    message = f"{counted} overgeslagen ({where}): {reason}."
    warn(message + (f" {fix}" if fix else ""))
    return frame.loc[~mask.to_numpy()]


def _in_table(name: str, source: str | None) -> str:
    """The table in a sentence: ``"de transacties"`` or ``"de transacties uit 'kassa.csv'"``."""
    return f"{name} uit '{source}'" if source else name


def require_rows(
    table: pd.DataFrame,
    *,
    name: str,
    consequence: str,
    row: str = "rij",
    filters: Iterable[str] = (),
    chosen: Iterable[str] = (),
    fix: str | None = None,
    source: str | None = None,
) -> None:
    """Refuse a table without rows with a Dutch "De selectie is leeg" that says what to do.

    An empty table is nearly always a selection: a student's filter (or a
    widget's choice) kept nothing. Every model that needs rows says so with this
    one sentence, never with a numpy or pandas traceback or a table of zeros::

        De selectie is leeg: in {name} [uit '{source}'] staat geen enkele {row}
        [bij deze keuze ({chosen})], dus {consequence}. {advice}

    The file is ``source``, else ``table.attrs["source"]`` (as
    :func:`klantlib.data.read_table` sets it), left out when there is none. The advice asks about a filter on
    ``filters`` (the columns a student probably filtered on), or, with
    ``chosen``, asks for a wider choice; ``fix`` replaces it.

    Args:
        table: the table (a selection) that needs at least one row.
        name: the table in Dutch, with its article, singular or plural: ``"de
            transacties"``, ``"de tabel"``, ``"de enquête"``.
        consequence: what can't be done without rows, as it follows "dus" (the verb
            first): ``"valt er per markt niets te tellen"``.
        row: what one row is, singular: ``"rij"``, ``"gebeurtenis"``, ``"respondent"``.
        filters: columns a filter probably used, named as an example in the advice.
        chosen: the filters that were chosen (by a widget or the function's
            options), in words: ``["kanaal 'offline'"]``; named in the first sentence.
        fix: the advice to give instead of the standard one.
        source: the file to name, when the caller knows it better than ``table.attrs``.

    Returns:
        None, when the table has at least one row.

    Raises:
        KlantDataError: the table has no rows.

    >>> sales = pd.DataFrame({"klant_id": ["K1"], "bedrag": [12.5], "kanaal": ["web"]})
    >>> sales.attrs["source"] = "kassa.csv"
    >>> require_rows(sales, name="de transacties", consequence="valt er niets te tellen")
    >>> require_rows(sales[sales["kanaal"] == "winkel"], name="de transacties",
    ...              consequence="valt er niets te tellen", filters=["kanaal", "datum"])
    Traceback (most recent call last):
    ...
    klantlib.errors.KlantDataError: De selectie is leeg: in de transacties uit 'kassa.csv' staat geen enkele rij, dus valt er niets te tellen. Heb je gefilterd (bijvoorbeeld op 'kanaal' of 'datum')? Dan hield het filter niets over: kies een ruimer filter of kijk de waarden na.
    """
    if len(table):
        return
    chosen = list(chosen)
    filters = list(filters)
    choice = f" bij deze keuze ({listing(chosen, limit=None)})" if chosen else ""
    if fix is None and chosen:
        fix = "Kies een ruimer of een ander filter."
    elif fix is None:
        example = f" (bijvoorbeeld op {listing(filters, limit=None, quote=True, word='of')})" if filters else ""
        fix = (f"Heb je gefilterd{example}? Dan hield het filter niets over: kies een ruimer filter of kijk de "
               "waarden na.")
    raise KlantDataError(f"De selectie is leeg: in {_in_table(name, source or table.attrs.get('source'))} staat geen enkele "
                         f"{row}{choice}, dus {consequence}. {fix}")


def require_filled(
    values: pd.Series,
    *,
    column: str,
    name: str,
    what: str,
    fix: str,
    row: str = "rij",
    source: str | None = None,
    consequence: str | None = None,
) -> None:
    """Refuse a column that is blank on every row, with one Dutch sentence that names the column.

    When every cell is blank the column is the problem, not a row: this message
    says so, instead of a list of all rows or a traceback. Pass the values as a
    rule of :mod:`klantlib.parsing` reads them (:func:`~klantlib.parsing.to_ids`,
    :func:`~klantlib.parsing.to_numbers` ...), so that a blank cell (a cell of
    only spaces too) is missing::

        In {name} [uit '{source}'] is de kolom '{column}' helemaal leeg: geen
        enkele {row} heeft {what}[, dus {consequence}]. {fix}

    Some blank cells (not all) are the caller's to report, with the rows.

    Args:
        values: the column, read by a parsing rule (blank cells missing).
        column: the column's name as the student wrote it.
        name: the table in Dutch, with its article: ``"de transacties"``, ``"de tabel"``.
        what: what a row should have, with its article: ``"een klantnummer"``, ``"een bedrag"``.
        fix: what to do, one or more sentences: ``"Vul de kolom in."``.
        row: what one row is, singular: ``"rij"``, ``"gebeurtenis"``, ``"respondent"``.
        source: the file (``attrs["source"]`` of the table); default ``values.attrs["source"]``.
        consequence: what can't be done, as it follows "dus" (the verb first), or None.

    Returns:
        None, when at least one value is filled in (a column without rows too:
        that is :func:`require_rows`' to refuse).

    Raises:
        KlantDataError: every value is missing.

    >>> require_filled(pd.Series(["K1", None]), column="klant_id", name="de transacties",
    ...                what="een klantnummer", fix="Vul de kolom in.")
    >>> require_filled(pd.Series([None, None]), column="klant_id", name="de transacties", source="kassa.csv",
    ...                what="een klantnummer", fix="Vul de kolom in.", consequence="valt er niets te tellen")
    Traceback (most recent call last):
    ...
    klantlib.errors.KlantDataError: In de transacties uit 'kassa.csv' is de kolom 'klant_id' helemaal leeg: geen enkele rij heeft een klantnummer, dus valt er niets te tellen. Vul de kolom in.
    """
    if len(values) == 0 or values.notna().any():
        return
    source = source if source is not None else values.attrs.get("source")
    then = f", dus {consequence}" if consequence else ""
    raise KlantDataError(f"In {_in_table(name, source)} is de kolom '{column}' helemaal leeg: geen enkele {row} heeft "
                         f"{what}{then}. {fix}")


def check_errors(errors: str, allowed: Sequence[str] = ("raise", "warn"), *, name: str = "errors") -> str:
    """The ``errors=`` choice checked against the values a function accepts (from :data:`ERRORS`).

    The old name ``"missing"`` still works as ``"warn"``, with a FutureWarning.
    ``name`` is the parameter named in the messages, for an option that takes the
    same words under another name (``rfm_table(later=...)``).

    >>> check_errors("warn")
    'warn'
    >>> check_errors("ignore")
    Traceback (most recent call last):
    ...
    klantlib.errors.KlantDataError: errors moet 'raise' of 'warn' zijn, niet 'ignore'.
    """
    if isinstance(errors, str) and errors in _OLD_ERRORS and _OLD_ERRORS[errors] in allowed:
        new = _OLD_ERRORS[errors]
        warn(f'{name}="{errors}" heet nu {name}="{new}"; het oude woord werkt nog even.', FutureWarning)
        return new
    check_option(name, errors, tuple(allowed))
    return errors


def _same(value, option) -> bool:
    """Equal and of the same kind: 2 and np.int64(2) are the same option, True and 1 or "2" and 2 are not."""
    if value is None or option is None:
        return value is option
    if isinstance(value, (bool, np.bool_)) != isinstance(option, bool):
        return False
    if isinstance(value, str) != isinstance(option, str):
        return False
    try:
        return bool(value == option)
    except (TypeError, ValueError):
        return False


def check_option(name: str, value, allowed: Sequence) -> None:
    """Refuse an option value that is not one of ``allowed``, in Dutch.

    Public as :func:`klantlib.parsing.check_option`, beside the other rules; it is
    written here so that :func:`check_errors` needs no import of
    :mod:`klantlib.parsing` (which imports this module).

    >>> check_option("errors", "warn", ("warn", "raise"))
    >>> check_option("errors", "ignore", ("warn", "raise"))
    Traceback (most recent call last):
    ...
    klantlib.errors.KlantDataError: errors moet 'warn' of 'raise' zijn, niet 'ignore'.
    """
    if any(_same(value, option) for option in allowed):
        return
    raise KlantDataError(f"{name} moet {listing(map(repr, allowed), limit=None, word='of')} zijn, niet {value!r}.")


def _caller_level() -> int:
    """The ``stacklevel`` that points a warning at the first frame outside klantlib (the student's cell)."""
    import os
    import sys

    package = os.path.dirname(os.path.abspath(__file__)) + os.sep
    frame, level = sys._getframe(1), 1
    while frame is not None and os.path.abspath(frame.f_code.co_filename).startswith(package):
        frame, level = frame.f_back, level + 1
    return level


def warn(message: str, category: type[Warning] = KlantDataWarning) -> None:
    """Warn at the line of the caller outside klantlib: the student's cell, not a line of the library.

    Every warning of klantlib goes through here, so none has to count how deep
    it is called (``stacklevel``).

    >>> import warnings
    >>> with warnings.catch_warnings(record=True) as caught:
    ...     warnings.simplefilter("always")
    ...     warn("3 rijen overgeslagen.")
    >>> str(caught[0].message), caught[0].category.__name__
    ('3 rijen overgeslagen.', 'KlantDataWarning')
    """
    warnings.warn(message, category, stacklevel=_caller_level())
