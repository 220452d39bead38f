"""SERVQUAL and the gap model: how far perceived service falls short of expectations (§1.4, §2.2).

The gap model (Parasuraman, Zeithaml & Berry, 1985) names five gaps between what
customers expect and what they get; SERVQUAL (Parasuraman, Zeithaml & Berry,
1988, revised 1991) measures the fifth: for 22 statements each customer scores an
expectation ``E`` and a perception ``P`` on a 1-7 scale, and the gap ``P - E``
says where the service falls short (negative) or exceeds expectations.

Survey data are *wide*: one row per respondent, columns ``E1`` .. ``E22`` and
``P1`` .. ``P22``, optionally ``W_<dimension>`` (100 points over the five
dimensions) and ``respondent_id``. The index is kept throughout, so a row label
in a message is the spreadsheet row a student sees (see
:func:`klantlib.data.read_table`).

>>> survey = example_survey()
>>> dimension_scores(servqual_gaps(survey))[["betrouwbaarheid", "zekerheid", "aantal_items"]].round(2)
     betrouwbaarheid  zekerheid  aantal_items
rij
2               -1.8        0.0            22
3                0.0        0.0            22

Answers must be whole numbers from 1 to ``scale`` (7, or 5 for a 5-point
version). A wrong answer raises a :class:`~klantlib.errors.KlantDataError` that
names the row, column and value; with ``errors="missing"`` such answers count as
not given, with a :class:`~klantlib.errors.KlantDataWarning` saying how many.
A respondent with blank answers is scored on the items present, and every score
says how many items it rests on.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from pathlib import Path

import numpy as np
import pandas as pd

from klantlib._resources import package_csv
from klantlib.errors import KlantDataError, drop_invalid_rows
from klantlib.parsing import to_numbers, whole_if_possible
from klantlib.survey import AGREE_ENDS, check_answers, check_points

__all__ = [
    "DIMENSIONS",
    "DIMENSION_ITEMS",
    "E_COLUMNS",
    "GAP_COLUMNS",
    "ITEMS",
    "P_COLUMNS",
    "SCALE_ENDS",
    "WEIGHT_COLUMNS",
    "answers_frame",
    "dimension_scores",
    "example_survey",
    "item_counts",
    "pool_surveys",
    "read_survey",
    "survey_columns",
    "servperf_score",
    "servqual_gaps",
    "servqual_score",
    "summary",
    "validate_survey",
]

#: The five service-quality dimensions, in the book's Dutch terms and the order of the items.
DIMENSIONS = ("tastbaarheden", "betrouwbaarheid", "responsiviteit", "zekerheid", "inlevingsvermogen")

#: Item numbers per dimension (Parasuraman, Zeithaml & Berry, 1991).
DIMENSION_ITEMS = {
    "tastbaarheden": (1, 2, 3, 4),
    "betrouwbaarheid": (5, 6, 7, 8, 9),
    "responsiviteit": (10, 11, 12, 13),
    "zekerheid": (14, 15, 16, 17),
    "inlevingsvermogen": (18, 19, 20, 21, 22),
}

E_COLUMNS = tuple(f"E{i}" for i in range(1, 23))
P_COLUMNS = tuple(f"P{i}" for i in range(1, 23))
#: Columns of :func:`servqual_gaps`: the gap ``P - E`` of item ``i`` is ``G<i>``.
GAP_COLUMNS = tuple(f"G{i}" for i in range(1, 23))
WEIGHT_COLUMNS = tuple(f"W_{d}" for d in DIMENSIONS)
#: What the ends of the answer scale mean: 1 and the highest answer (7, or ``scale``).
SCALE_ENDS = AGREE_ENDS

def _item_dimension(item: int) -> str:
    return next(d for d, items in DIMENSION_ITEMS.items() if item in items)


def _read_items() -> pd.DataFrame:
    """The item texts, kept as data beside this module (``servqual_items.csv``)."""
    texts = package_csv("servqual_items.csv", dtype="str")
    assert texts["item"].tolist() == [str(i) for i in range(1, 23)], "servqual_items.csv: items 1..22 in order"
    return pd.DataFrame(
        {
            "dimensie": [_item_dimension(i) for i in range(1, 23)],
            "verwachting": texts["verwachting"].to_numpy(),
            "perceptie": texts["perceptie"].to_numpy(),
            "engels": texts["engels"].to_numpy(),
            "negatief_1988": texts["negatief_1988"].eq("ja").to_numpy(),
        },
        index=pd.RangeIndex(1, 23, name="item"),
    )


#: The 22 items: dimension, own Dutch wording of the expectation (``verwachting``) and
#: perception (``perceptie``) statement in the positive 1991 form, an English gloss
#: (``engels``) and whether the 1988 version worded the item negatively (``negatief_1988``).
ITEMS = _read_items()

def validate_survey(
    survey: pd.DataFrame,
    *,
    scale: int = 7,
    errors: str = "raise",
    columns=E_COLUMNS + P_COLUMNS,
    source: str | None = None,
) -> pd.DataFrame:
    """The answer columns as floats (blank = NaN), after checking every answer.

    :func:`klantlib.survey.check_answers` with SERVQUAL's columns: every answer a
    whole number from 1 to ``scale``; with ``errors="raise"`` a wrong answer raises a
    ``KlantDataError`` naming the row, the respondent, the column and the value, with
    ``errors="missing"`` it counts as not given and a ``KlantDataWarning`` says how
    many. A ``respondent_id`` that occurs twice is an error too (with
    ``errors="missing"`` the later rows are left out, with a warning).

    >>> df = pd.DataFrame({"E1": [7, 8], "P1": [5, None]}, index=pd.Index([2, 3], name="rij"))
    >>> validate_survey(df, columns=["E1", "P1"])
    Traceback (most recent call last):
    ...
    klantlib.errors.KlantDataError: 1 ongeldig antwoord: rij 3, kolom 'E1': 8. Antwoorden moeten hele getallen van 1 tot en met 7 zijn; verbeter de waarde of maak de cel leeg.
    """
    return check_answers(survey, columns, scale=scale, errors=errors, source=source, id_column="respondent_id",
                         fix="Een SERVQUAL-enquête heeft per respondent de kolommen E1 t/m E22 (verwachtingen) en "
                             "P1 t/m P22 (percepties); controleer de kolomnamen in de eerste rij.")


def servqual_gaps(survey: pd.DataFrame, *, scale: int = 7, errors: str = "raise") -> pd.DataFrame:
    """Per respondent and item: the gap ``P - E`` (columns ``G1`` .. ``G22``).

    A negative gap means the service falls short of what the respondent expects.
    A gap is missing (NaN) where E or P was left blank. The index of ``survey``
    is kept. See the module docstring for ``scale`` and ``errors``.

    >>> gaps = servqual_gaps(example_survey())
    >>> gaps[["G1", "G2", "G5"]]
          G1   G2   G5
    rij
    2   -1.0 -1.0 -2.0
    3    0.0  0.0  0.0
    """
    checked = validate_survey(survey, scale=scale, errors=errors)
    values = checked.to_numpy()
    return pd.DataFrame(values[:, 22:] - values[:, :22], index=checked.index, columns=list(GAP_COLUMNS), copy=False)


def _gap_values(gaps: pd.DataFrame) -> np.ndarray:
    if isinstance(gaps, pd.DataFrame) and all(c in gaps.columns for c in GAP_COLUMNS):
        return gaps[list(GAP_COLUMNS)].to_numpy(dtype=float)
    raise KlantDataError(
        "Verwacht de uitkomst van servqual_gaps (kolommen G1 t/m G22). Reken eerst de kloven uit: "
        "dimension_scores(servqual_gaps(enquete))."
    )


def _dimension_means(values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Per row and dimension: the mean over the items present, and how many items that is."""
    present = ~np.isnan(values)
    filled = np.where(present, values, 0.0)
    means, counts = [], []
    for items in DIMENSION_ITEMS.values():
        cols = slice(items[0] - 1, items[-1])
        n = present[:, cols].sum(axis=1)
        with np.errstate(invalid="ignore", divide="ignore"):
            means.append(filled[:, cols].sum(axis=1) / n)
        counts.append(n)
    return np.column_stack(means), np.column_stack(counts)


def dimension_scores(gaps: pd.DataFrame) -> pd.DataFrame:
    """Per respondent and dimension: the mean of its item gaps, over the items answered.

    ``gaps`` comes from :func:`servqual_gaps`. The last column, ``aantal_items``,
    says on how many of the 22 items the scores rest (both E and P given); a
    dimension with no answered item has no score (NaN). :func:`item_counts`
    gives the number per dimension.

    >>> g = servqual_gaps(example_survey())
    >>> g.loc[2, "G1"] = float("nan")
    >>> dimension_scores(g)[["tastbaarheden", "aantal_items"]].round(3)
         tastbaarheden  aantal_items
    rij
    2           -0.667            21
    3            0.000            22
    """
    means, counts = _dimension_means(_gap_values(gaps))
    out = pd.DataFrame(means, index=gaps.index, columns=list(DIMENSIONS))
    out["aantal_items"] = counts.sum(axis=1)
    return out


def item_counts(gaps: pd.DataFrame) -> pd.DataFrame:
    """Per respondent and dimension: on how many answered items the dimension score rests.

    >>> item_counts(servqual_gaps(example_survey())).loc[2].tolist()
    [4, 5, 4, 4, 5]
    """
    _, counts = _dimension_means(_gap_values(gaps))
    return pd.DataFrame(counts, index=gaps.index, columns=list(DIMENSIONS))


def _weights(survey: pd.DataFrame, index: pd.Index, errors: str) -> np.ndarray:
    missing = [c for c in WEIGHT_COLUMNS if c not in survey.columns]
    if missing:
        raise KlantDataError(
            f"Voor de gewogen score ontbreken de puntenkolommen {', '.join(missing)}. Elke respondent verdeelt "
            "100 punten over de vijf dimensies (W_tastbaarheden t/m W_inlevingsvermogen); "
            "of reken ongewogen: weighted=False."
        )
    rows = survey.loc[index] if len(index) != len(survey) else survey
    return check_points(rows, WEIGHT_COLUMNS, errors=errors, id_column="respondent_id",
                        what="De punten over de vijf dimensies (W_...)",
                        fix="Verbeter de punten of reken ongewogen: weighted=False.",
                        instead="Hun gewogen score ontbreekt.").to_numpy()


def servqual_score(
    survey: pd.DataFrame, *, scale: int = 7, weighted: bool = False, errors: str = "raise"
) -> pd.DataFrame:
    """Per respondent: the SERVQUAL score (column ``servqual``) and ``aantal_items``.

    Unweighted, the score is the mean of the five dimension scores. Weighted
    (``weighted=True``), each dimension counts with the respondent's own points
    (columns ``W_<dimensie>``, summing to 100): ``sum(w / 100 * score)``. If a
    dimension has no answered item, the other dimensions carry its weight.

    >>> survey = example_survey()
    >>> servqual_score(survey).round(3)
         servqual  aantal_items
    rij
    2       -0.74            22
    3        0.00            22
    >>> servqual_score(survey, weighted=True).round(3)
         servqual  aantal_items
    rij
    2      -1.005            22
    3       0.000            22
    """
    scores = dimension_scores(servqual_gaps(survey, scale=scale, errors=errors))
    dims = scores[list(DIMENSIONS)].to_numpy()
    present = ~np.isnan(dims)
    if weighted:
        w = _weights(survey, scores.index, errors)
        w = np.where(present, w, 0.0)
        with np.errstate(invalid="ignore", divide="ignore"):
            value = (w * np.nan_to_num(dims)).sum(axis=1) / w.sum(axis=1)
    else:
        with np.errstate(invalid="ignore", divide="ignore"):
            value = np.where(present, dims, 0.0).sum(axis=1) / present.sum(axis=1)
    return pd.DataFrame({"servqual": value, "aantal_items": scores["aantal_items"]}, index=scores.index)


def servperf_score(survey: pd.DataFrame, *, scale: int = 7, errors: str = "raise") -> pd.DataFrame:
    """Per respondent: the SERVPERF score, the mean of the perception items only (Cronin & Taylor, 1992).

    Only ``P1`` .. ``P22`` are needed; the mean is over the items answered
    (``aantal_items``).

    >>> servperf_score(example_survey()).round(2)
         servperf  aantal_items
    rij
    2        4.95            22
    3        6.00            22
    """
    values = validate_survey(survey, scale=scale, errors=errors, columns=P_COLUMNS)
    return pd.DataFrame(
        {"servperf": values.mean(axis=1), "aantal_items": values.notna().sum(axis=1)},
        index=values.index,
    )


def summary(survey: pd.DataFrame, *, scale: int = 7, errors: str = "raise", confidence: float = 0.95) -> pd.DataFrame:
    """Per dimension: mean expectation, mean perception, mean gap and its 95% interval.

    Each respondent's dimension means are taken over the items where both E and
    P were given, so ``gap`` is exactly ``perceptie - verwachting``. The interval
    (``ondergrens``, ``bovengrens``) is the t-interval of the respondents' dimension
    gaps; ``respondenten`` counts the respondents with a score. Rows in the order
    of :data:`DIMENSIONS`.

    >>> summary(example_survey()).round(2)[["verwachting", "perceptie", "gap", "respondenten"]]
                       verwachting  perceptie   gap  respondenten
    dimensie
    tastbaarheden             5.88       5.50 -0.38             2
    betrouwbaarheid           6.30       5.40 -0.90             2
    responsiviteit            5.75       5.38 -0.38             2
    zekerheid                 5.62       5.62  0.00             2
    inlevingsvermogen         5.70       5.50 -0.20             2
    """
    from scipy.special import stdtrit  # the t-distribution's quantiles, without all of scipy.stats

    values = validate_survey(survey, scale=scale, errors=errors).to_numpy()
    e, p = values[:, :22], values[:, 22:]
    both = ~(np.isnan(e) | np.isnan(p))
    e_mean, _ = _dimension_means(np.where(both, e, np.nan))
    p_mean, _ = _dimension_means(np.where(both, p, np.nan))
    gap = p_mean - e_mean
    rows = []
    for j, dim in enumerate(DIMENSIONS):
        g = gap[:, j][~np.isnan(gap[:, j])]
        n = len(g)
        mean = float(g.mean()) if n else math.nan
        if n > 1:
            half = float(stdtrit(n - 1, 0.5 + confidence / 2) * g.std(ddof=1) / math.sqrt(n))
        else:
            half = math.nan
        rows.append({
            "verwachting": float(np.nanmean(e_mean[:, j])) if n else math.nan,
            "perceptie": float(np.nanmean(p_mean[:, j])) if n else math.nan,
            "gap": mean,
            "ondergrens": mean - half,
            "bovengrens": mean + half,
            "respondenten": n,
        })
    return pd.DataFrame(rows, index=pd.Index(DIMENSIONS, name="dimensie"))


_ITEM_HEADER = re.compile(r"^\s*([EPep])\s*[-_]?\s*0*(\d{1,2})(?!\d)")


def survey_columns(frame: pd.DataFrame) -> pd.DataFrame:
    """The survey with its columns renamed to ``E1`` .. ``P22`` and ``W_<dimensie>`` where they can be recognised.

    Online forms often export the question as the column header
    (``"E1. Uitstekende organisaties ..."``, ``"p 03 - Deze organisatie ..."``)
    and the points as ``"Punten tastbaarheden"``. The column is recognised by the
    item code at its start, or by a dimension name for points. Other columns stay as
    they are; a header that would become a name already taken is an error.

    >>> df = pd.DataFrame(columns=["Respondent_ID", "E1. Uitstekende ...", "p 02 Deze ...", "Punten zekerheid"])
    >>> list(survey_columns(df).columns)
    ['respondent_id', 'E1', 'P2', 'W_zekerheid']
    """
    renamed = {}
    for col in frame.columns:
        text = str(col).strip()
        match = _ITEM_HEADER.match(text)
        new = None
        if match and 1 <= int(match.group(2)) <= 22:
            new = f"{match.group(1).upper()}{int(match.group(2))}"
        elif text.lower().replace(" ", "_") == "respondent_id":
            new = "respondent_id"
        else:
            lowered = text.lower()
            dims = [d for d in DIMENSIONS if d in lowered]
            if len(dims) == 1 and (lowered.startswith("w") or "punt" in lowered or "gewicht" in lowered):
                new = f"W_{dims[0]}"
        renamed[col] = new or col
    targets = pd.Series(list(renamed.values()))
    doubles = sorted(set(targets[targets.duplicated()]))
    if doubles:
        raise KlantDataError(
            f"Meer dan één kolom hoort bij {', '.join(map(str, doubles))}. Houd per vraag één kolom over "
            "(E1 t/m E22, P1 t/m P22) en verwijder of hernoem de andere."
        )
    return frame.rename(columns=renamed)


def read_survey(source, *, scale: int = 7, errors: str = "raise") -> pd.DataFrame:
    """Read a SERVQUAL survey from a student's CSV or Excel file, checked and ready to score.

    Reads with :func:`klantlib.data.read_table` (Dutch formats, semicolons, the
    spreadsheet row number as index), recognises the column headers with
    :func:`survey_columns`, leaves out a row of question texts under the header
    (with a warning) and checks every answer with :func:`validate_survey`: with
    ``errors="missing"`` the returned frame has the wrong answers blanked (and
    duplicated respondents left out), so scoring it warns no second time.
    """
    from klantlib.data import read_table

    frame = survey_columns(read_table(source))
    name = frame.attrs.get("source")  # the file name, also for an upload
    present = [c for c in E_COLUMNS + P_COLUMNS if c in frame.columns]
    if present and len(frame):
        cells = frame[present].astype("str")
        is_text = cells.apply(lambda col: col.str.contains(r"[A-Za-z]{4,}", regex=True)).all(axis=1)
        is_text &= frame.index.isin(frame.index[:2])  # only directly under the header
        if is_text.any():
            frame = drop_invalid_rows(frame, is_text, "deze rij bevat vraagteksten, geen antwoorden",
                                      source=name, stacklevel=3)
            frame = frame.copy()
            for col in present:
                if not pd.api.types.is_numeric_dtype(frame[col]):
                    converted = to_numbers(frame[col], errors="coerce", fallback=".")
                    if converted.notna().sum() == frame[col].notna().sum():
                        frame[col] = whole_if_possible(converted)
    checked = validate_survey(frame, scale=scale, errors=errors, source=name)
    if errors == "missing":  # invalid answers blank and duplicates gone, so scoring warns no second time
        frame = frame.loc[checked.index].copy()
        frame[list(checked.columns)] = checked
    return frame


def _class_file(source: Mapping, scale: int) -> pd.DataFrame:
    """One file of a class, read and checked by :func:`read_survey`; a file without a single answer is refused."""
    frame = read_survey(source, scale=scale, errors="raise")
    answered = frame[list(E_COLUMNS + P_COLUMNS)].notna().any(axis=1)
    if not answered.any():
        raise KlantDataError(f"In '{frame.attrs.get('source')}' is geen enkele stelling beantwoord (E1 t/m E22, "
                             "P1 t/m P22 zijn leeg). Vul de vragenlijst in en exporteer opnieuw.")
    return drop_invalid_rows(frame, ~answered, "deze respondent heeft geen enkele stelling beantwoord",
                             source=frame.attrs.get("source"), stacklevel=5)


def pool_surveys(sources, *, scale: int = 7) -> pd.DataFrame:
    """One SERVQUAL survey from the questionnaire exports of a class (opdracht 2.4 in groups).

    Every file is read and checked as :func:`read_survey` does it (the widget's
    export, or a survey a group collected: the columns ``E1`` .. ``P22``, answers
    whole numbers from 1 to ``scale``, no ``respondent_id`` twice) and must hold
    at least one answer. A file that fails, can't be read or has the same content
    as an earlier one is left out and named, with the reason, in one
    :class:`~klantlib.errors.KlantDataWarning` (see
    :func:`klantlib.pooling.pool_files`, which also says how every respondent
    gets a unique id). The result is scored and drawn like the shipped survey:
    :func:`servqual_score`, :func:`summary`, ``servqual_widget(klas)`` ...
    Points (``W_...``) are checked when you score weighted, as for any survey.

    Args:
        sources: a folder of exports, or a list of files: paths, ``(name, bytes)``
            pairs or the value of an ipywidgets ``FileUpload``.
        scale: the highest answer of the questionnaire (7, or 5).

    Returns:
        The class's survey, one row per respondent, as ``pool_files`` returns it.

    Raises:
        KlantDataError: no files, or none of them usable (each named, with why).

    >>> import tempfile, warnings
    >>> folder = Path(tempfile.mkdtemp())
    >>> _ = example_survey().to_csv(folder / "groep_1.csv", index=False)
    >>> _ = (folder / "groep_2.csv").write_text("E1,P1\\n9,5\\n")
    >>> with warnings.catch_warnings(record=True) as caught:
    ...     warnings.simplefilter("always")
    ...     klas = pool_surveys(folder)
    >>> servqual_score(klas).round(2)
                  servqual  aantal_items
    respondent
    groep_1/R0001     -0.74            22
    groep_1/R0002      0.00            22
    >>> "'groep_2.csv'" in str(caught[0].message)
    True
    """
    from klantlib.pooling import pool_files

    return pool_files(sources, lambda source: _class_file(source, scale), what="SERVQUAL-vragenlijst")


def answers_frame(answers: Mapping, *, label=1) -> pd.DataFrame:
    """One respondent's answers (a dict like ``{"E1": 6, "P1": 5, ...}``) as a one-row survey.

    Unanswered items become blank (NaN); keys other than the E, P and W columns
    are ignored. This is how the questionnaire widget scores its answers.

    >>> row = answers_frame({"E1": 6, "P1": 5, "W_zekerheid": 100})
    >>> row[["E1", "P1", "E2", "W_zekerheid"]]
        E1   P1  E2  W_zekerheid
    1  6.0  5.0 NaN        100.0
    """
    cols = list(E_COLUMNS + P_COLUMNS + WEIGHT_COLUMNS)
    row = to_numbers(pd.Series([answers.get(c) for c in cols], index=cols, dtype="object"), errors="coerce",
                     fallback=".")
    return pd.DataFrame([row.to_numpy()], index=[label], columns=cols, dtype=float)


def example_survey() -> pd.DataFrame:
    """Two made-up respondents for examples and tests: rows 2 and 3, as read from a spreadsheet.

    Respondent R0001 (row 2) sees the service fall short on most items, and its
    dimension gaps are -0.75, -1.8, -0.75, 0 and -0.4 (checked by hand in the tests);
    R0002 (row 3) answers 6 to everything and gives every dimension 20 points.

    >>> example_survey().shape
    (2, 50)
    """
    e1 = [6, 6, 6, 5, 7, 7, 7, 6, 6, 5, 5, 6, 6, 5, 5, 5, 6, 6, 5, 5, 5, 6]
    p1 = [5, 5, 5, 5, 5, 5, 4, 5, 5, 4, 5, 5, 5, 5, 5, 5, 6, 5, 5, 5, 5, 5]
    rows = [
        {"respondent_id": "R0001", **{f"E{i}": e1[i - 1] for i in range(1, 23)},
         **{f"P{i}": p1[i - 1] for i in range(1, 23)},
         "W_tastbaarheden": 10, "W_betrouwbaarheid": 40, "W_responsiviteit": 20,
         "W_zekerheid": 15, "W_inlevingsvermogen": 15},
        {"respondent_id": "R0002", **{f"E{i}": 6 for i in range(1, 23)}, **{f"P{i}": 6 for i in range(1, 23)},
         **{c: 20 for c in WEIGHT_COLUMNS}},
    ]
    return pd.DataFrame(rows, index=pd.Index([2, 3], name="rij"))
