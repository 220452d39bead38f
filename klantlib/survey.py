"""Survey answers, checked once for every model: answers on a scale and points that add up to a total.

SERVQUAL (:mod:`klantlib.servqual`), the relationship-strength survey
(:func:`klantlib.rfm.relatiesterkte`) and every later questionnaire check their
answers here, so a wrong answer gets the same Dutch message everywhere: the
row, the respondent, the column and the value, and what to change.

- :func:`check_answers`: every answer a whole number from 1 to ``scale``
  (the rule of :func:`klantlib.parsing.to_answers`); blank is "not given".
- :func:`scale_legend`: what the ends of a scale mean, as every questionnaire
  widget shows it ("1 = helemaal oneens, 7 = helemaal eens").
- :func:`check_points`: per respondent, points over some columns that add up
  to a total (SERVQUAL's 100 points over the five dimensions); ``"20%"`` is 20
  of 100 points.

Both take ``errors="raise"`` (a wrong answer is a
:class:`~klantlib.errors.KlantDataError`) or ``errors="missing"`` (it counts
as not given, with a :class:`~klantlib.errors.KlantDataWarning`).
"""

from __future__ import annotations

import warnings
from collections.abc import Sequence

import numpy as np
import pandas as pd

from klantlib.errors import KlantDataError, KlantDataWarning, drop_invalid_rows
from klantlib.parsing import check_option, check_scale, require_columns, to_answers, to_numbers

__all__ = ["AGREE_ENDS", "ERRORS", "check_answers", "check_points", "scale_legend"]

#: What ``errors=`` accepts: a wrong answer raises, or counts as not given.
ERRORS = ("raise", "missing")
#: How many wrong cells a message shows before it says "en nog N".
SHOWN = 5
#: The ends of an agreement scale in the course's words: what 1 and the highest answer mean.
AGREE_ENDS = ("helemaal oneens", "helemaal eens")


def scale_legend(scale: int, ends: tuple[str, str] = AGREE_ENDS) -> str:
    """What the two ends of a scale from 1 to ``scale`` mean, in Dutch, as a questionnaire shows it.

    Args:
        scale: the highest answer (the lowest is 1).
        ends: what the lowest and the highest answer mean.

    Returns:
        ``"1 = <lowest>, <scale> = <highest>"``.

    Raises:
        KlantDataError: ``scale`` is not a whole number of at least 2.

    >>> scale_legend(7)
    '1 = helemaal oneens, 7 = helemaal eens'
    """
    check_scale(scale)
    low, high = ends
    return f"1 = {low}, {scale} = {high}"


def _who(survey: pd.DataFrame, label, id_column: str | None) -> str:
    """ "rij 3 (respondent R0002)": the row as the student sees it, and the id when there is one."""
    if id_column and id_column in survey.columns and survey.index.is_unique:
        rid = survey.at[label, id_column]
        if rid is not None and not pd.isna(rid):
            who = "respondent" if "respondent" in id_column else "klant" if "klant" in id_column else id_column
            return f"rij {label} ({who} {rid})"
    return f"rij {label}"


def _shown(value) -> str:
    value = value.item() if isinstance(value, np.generic) else value
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return repr(value) if isinstance(value, str) else str(value)


def check_answers(survey: pd.DataFrame, columns: Sequence[str], *, scale: int = 7, errors: str = "raise",
                  source: str | None = None, id_column: str | None = None, fix: str | None = None) -> pd.DataFrame:
    """The answer columns as floats (blank = NaN), after checking every answer.

    Args:
        survey: one row per respondent; its index is the row a student sees
            (``read_table`` gives the spreadsheet row).
        columns: the answer columns, returned in this order.
        scale: answers are whole numbers from 1 to ``scale``.
        errors: ``"raise"``: a wrong answer is an error; ``"missing"``: it counts
            as not given, with a warning that counts them.
        source: the file named in messages (default ``survey.attrs["source"]``).
        id_column: the respondent's id: named in messages, and it may occur only
            once (with ``errors="missing"`` later rows with the same id are left
            out, with a warning).
        fix: the advice when a column is missing.

    Returns:
        A float DataFrame of ``columns`` with the index of ``survey``.

    Raises:
        KlantDataError: a missing column, no respondents, a wrong answer or a
            repeated id (with ``errors="raise"``), naming row, column and value.

    >>> df = pd.DataFrame({"E1": [7, 8], "P1": [5, None]}, index=pd.Index([2, 3], name="rij"))
    >>> check_answers(df, ["E1", "P1"])
    Traceback (most recent call last):
    ...
    klantlib.errors.KlantDataError: 1 ongeldig antwoord: rij 3, kolom 'E1': 8. Antwoorden moeten hele getallen van 1 tot en met 7 zijn; verbeter de waarde of maak de cel leeg.
    """
    check_scale(scale)
    check_option("errors", errors, ERRORS)
    if not isinstance(survey, pd.DataFrame):
        raise KlantDataError(f"Verwacht een tabel (DataFrame) met enquêteantwoorden, geen {type(survey).__name__}.")
    source = source or survey.attrs.get("source")
    in_file = f" in '{source}'" if source else ""
    columns = list(columns)
    require_columns(survey, columns, source=source, fix=fix)
    if len(survey) == 0:
        raise KlantDataError(f"De enquête{in_file} bevat geen respondenten (geen enkele rij met antwoorden).")
    if id_column and id_column in survey.columns and not pd.Index(survey[id_column]).is_unique:
        ids = survey[id_column]
        repeated = ids.duplicated(keep="first") & ids.notna()
        if repeated.any():
            survey = drop_invalid_rows(survey, repeated, f"deze {id_column} kwam al eerder voor",
                                       errors="warn" if errors == "missing" else "raise", source=source,
                                       fix=f"Geef elke respondent een eigen {id_column}.", stacklevel=4)
    frame = survey[columns]
    numeric = all(pd.api.types.is_numeric_dtype(t) and not pd.api.types.is_bool_dtype(t) for t in frame.dtypes)
    if numeric:
        values = frame.to_numpy(dtype=float)
        if _all_valid(values, scale):
            return pd.DataFrame(values, index=frame.index, columns=columns, copy=False)
    # Something is not a whole number from 1 to scale: read every column by the answer rule to find it.
    read = [to_answers(frame[c], scale=scale) for c in columns]
    values = np.column_stack([answers.to_numpy() for answers, _ in read]) if columns else np.empty((len(frame), 0))
    wrong = np.column_stack([bad.to_numpy() for _, bad in read]) if columns else np.zeros((len(frame), 0), bool)
    if wrong.any():
        rows, cols = np.nonzero(wrong)
        count = len(rows)
        shown = "; ".join(f"{_who(survey, frame.index[r], id_column)}, kolom '{columns[c]}': {_shown(frame.iat[r, c])}"
                          for r, c in list(zip(rows, cols))[:SHOWN])
        more = f" (en nog {count - SHOWN})" if count > SHOWN else ""
        rule = f"Antwoorden moeten hele getallen van 1 tot en met {scale} zijn"
        noun = "ongeldig antwoord" if count == 1 else "ongeldige antwoorden"
        if errors == "raise":
            raise KlantDataError(f"{count} {noun}{in_file}: {shown}{more}. {rule}; verbeter de waarde of maak de cel "
                                 "leeg.")
        warnings.warn(f"{count} {noun}{in_file} als ontbrekend behandeld: {shown}{more}. {rule}.", KlantDataWarning,
                      stacklevel=3)
    return pd.DataFrame(values, index=frame.index, columns=columns, copy=False)


def _all_valid(values: np.ndarray, scale: int, *, chunk: int = 1 << 16) -> bool:
    """Fast check that every cell is blank or a whole number in 1..scale.

    The answer rule of :func:`klantlib.parsing.to_answers`, on a float array only,
    as a pre-check: when it fails, ``to_answers`` finds and names the wrong cells.
    Walks the memory in pieces with reused buffers (order does not matter here),
    so the temporary arrays stay in the processor's cache.
    """
    if values.size == 0:
        return True
    flat = values.ravel(order="K")  # a view for C- or F-ordered frames
    size = min(chunk, flat.size)
    whole = np.empty(size)
    same = np.empty(size, dtype=bool)
    for start in range(0, flat.size, size):
        piece = flat[start:start + size]
        n = len(piece)
        np.rint(piece, out=whole[:n])
        np.equal(whole[:n], piece, out=same[:n])
        given = int(np.count_nonzero(same[:n]))
        if given != n and given + int(np.count_nonzero(np.isnan(piece))) != n:
            return False  # a fraction (4.5) or infinity
        if given and not (np.fmin.reduce(piece) >= 1 and np.fmax.reduce(piece) <= scale):
            return False
    return True


def check_points(survey: pd.DataFrame, columns: Sequence[str], *, total: float = 100, errors: str = "raise",
                 id_column: str | None = None, what: str = "De punten", fix: str = "Verbeter de punten.",
                 instead: str = "Hun punten tellen niet mee.") -> pd.DataFrame:
    """Points that each respondent divides over ``columns``, checked to add up to ``total``.

    Points are read by the number rule; a percentage is a share of the total
    (``"20%"`` of 100 points is 20). A respondent whose points are blank,
    negative, no number or don't add up is named with the reason; with
    ``errors="missing"`` their points become NaN (``instead`` says what that
    means), else it is an error ending with ``fix``.

    >>> df = pd.DataFrame({"W_a": ["20%", 50], "W_b": ["80%", "vijftig"]}, index=pd.Index([2, 3], name="rij"))
    >>> check_points(df, ["W_a", "W_b"], errors="missing").loc[2].tolist()
    [20.0, 80.0]
    >>> check_points(df, ["W_a", "W_b"])
    Traceback (most recent call last):
    ...
    klantlib.errors.KlantDataError: De punten moeten per respondent optellen tot 100 (geen lege of negatieve punten); 1 respondent(en) wijken af: rij 3: 'vijftig' in W_b is geen getal. Verbeter de punten.
    """
    check_option("errors", errors, ERRORS)
    frame = survey[list(columns)]
    points = pd.DataFrame({c: _points_of(frame[c], total).to_numpy() for c in columns}, index=frame.index)
    values = points.to_numpy()
    sums = values.sum(axis=1)
    with np.errstate(invalid="ignore"):
        bad = np.isnan(sums) | (np.abs(sums - total) > 0.01) | (np.nan_to_num(values, nan=0) < 0).any(axis=1)
    if bad.any():
        labels = frame.index[bad]
        shown = "; ".join(f"{_who(survey, label, id_column)}: {_points_problem(frame.iloc[i], values[i], total)}"
                          for i, label in zip(np.flatnonzero(bad)[:SHOWN], labels[:SHOWN]))
        count = int(bad.sum())
        more = f" (en nog {count - SHOWN})" if count > SHOWN else ""
        text = (f"{what} moeten per respondent optellen tot {total:g} (geen lege of negatieve punten); "
                f"{count} respondent(en) wijken af: {shown}{more}.")
        if errors == "raise":
            raise KlantDataError(f"{text} {fix}")
        warnings.warn(f"{text} {instead}", KlantDataWarning, stacklevel=3)
        points[bad] = np.nan
    return points


def _points_of(column: pd.Series, total: float) -> pd.Series:
    """Points by the number rule, where a percentage is a share of the total ("20%" of 100 is 20 points)."""
    return to_numbers(column, errors="coerce", percent_of=total)


def _points_problem(raw: pd.Series, points: np.ndarray, total: float) -> str:
    """What is wrong with one respondent's points, in Dutch."""
    filled = raw.notna() & raw.astype("str").str.strip().ne("")
    text = [f"{_shown(raw[c])} in {c} is geen getal" for c, p in zip(raw.index, points) if filled[c] and np.isnan(p)]
    if text:
        return "; ".join(text)
    if not filled.all():
        return f"punten ontbreken in {', '.join(raw.index[~filled.to_numpy()])}"
    if (points < 0).any():
        return "negatieve punten"
    summed = float(points.sum())
    shown = int(summed) if summed.is_integer() else round(summed, 2)
    if abs(summed - 1) <= 0.01 and total != 1:
        return (f"samen {shown} punt: staan de punten als fractie (0,2 voor 20%)? Geef punten van de {total:g}")
    return f"samen {shown} punten"
