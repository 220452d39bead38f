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
names the row, column and value; with ``errors="warn"`` such answers count as
not given, with a :class:`~klantlib.errors.KlantDataWarning` saying how many.
A respondent with blank answers is scored on the items present, and every score
says how many items it rests on.
"""

from __future__ import annotations

import math
from collections.abc import Mapping

import numpy as np
import pandas as pd

from klantlib.errors import KlantDataError
from klantlib.formatting import listing
from klantlib.parsing import to_numbers
from klantlib.survey import Questionnaire, check_answers, check_points

__all__ = [
    "DIMENSIONS",
    "DIMENSION_ITEMS",
    "E_COLUMNS",
    "GAP_COLUMNS",
    "ITEMS",
    "P_COLUMNS",
    "QUESTIONNAIRE",
    "SCALE_ENDS",
    "WEIGHT_COLUMNS",
    "answers_frame",
    "dimension_scores",
    "example_survey",
    "item_counts",
    "own_score",
    "own_scores",
    "pool_surveys",
    "read_survey",
    "survey_columns",
    "servperf_score",
    "servqual_gaps",
    "servqual_score",
    "summary",
    "validate_survey",
]

#: SERVQUAL as data (``klantlib/questionnaires/servqual.toml``): the 22 statements as expectation (E) and
#: perception (P), the 1-7 scale, the 100 points. Reading, checking and pooling go through it.
QUESTIONNAIRE = Questionnaire.load("servqual")


def _items() -> pd.DataFrame:
    """The 22 items side by side: E and P of item ``i`` are the questionnaire's ``E<i>`` and ``P<i>``."""
    items = QUESTIONNAIRE.items
    expect = items[items["deel"] == "verwachting"]
    perceive = items[items["deel"] == "perceptie"]
    assert list(expect.index) == [f"E{i}" for i in range(1, 23)], "servqual.toml: E1 .. E22 in order"
    assert list(perceive.index) == [f"P{i}" for i in range(1, 23)], "servqual.toml: P1 .. P22 in order"
    assert (expect["dimensie"].to_numpy() == perceive["dimensie"].to_numpy()).all(), "E and P share dimensions"
    return pd.DataFrame(
        {
            "dimensie": expect["dimensie"].to_numpy(),
            "verwachting": expect["tekst"].to_numpy(),
            "perceptie": perceive["tekst"].to_numpy(),
            "engels": expect["engels"].to_numpy(),
            "negatief_1988": expect["negatief_1988"].astype(bool).to_numpy(),
        },
        index=pd.RangeIndex(1, 23, name="item"),
    )


#: The 22 items: dimension, own Dutch wording of the expectation (``verwachting``) and
#: perception (``perceptie``) statement in the positive 1991 form, an English gloss
#: (``engels``) and whether the 1988 version worded the item negatively (``negatief_1988``).
ITEMS = _items()

#: The five service-quality dimensions, in the book's Dutch terms and the order of the items.
DIMENSIONS = tuple(dict.fromkeys(ITEMS["dimensie"]))

#: Item numbers per dimension (Parasuraman, Zeithaml & Berry, 1991).
DIMENSION_ITEMS = {d: tuple(int(i) for i in ITEMS.index[ITEMS["dimensie"] == d]) for d in DIMENSIONS}

E_COLUMNS = tuple(f"E{i}" for i in range(1, 23))
P_COLUMNS = tuple(f"P{i}" for i in range(1, 23))
#: Columns of :func:`servqual_gaps`: the gap ``P - E`` of item ``i`` is ``G<i>``.
GAP_COLUMNS = tuple(f"G{i}" for i in range(1, 23))
WEIGHT_COLUMNS = tuple(QUESTIONNAIRE.points_columns)
#: What the ends of the answer scale mean: 1 and the highest answer (7, or ``scale``).
SCALE_ENDS = QUESTIONNAIRE.ends


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
    ``errors="warn"`` it counts as not given and a ``KlantDataWarning`` says how
    many. A ``respondent_id`` that occurs twice is an error too (with
    ``errors="warn"`` the later rows are left out, with a warning).

    >>> df = pd.DataFrame({"E1": [7, 8], "P1": [5, None]}, index=pd.Index([2, 3], name="rij"))
    >>> validate_survey(df, columns=["E1", "P1"])
    Traceback (most recent call last):
    ...
    klantlib.errors.KlantDataError: 1 ongeldig antwoord: rij 3, kolom 'E1': 8. Antwoorden moeten hele getallen van 1 tot en met 7 zijn; verbeter de waarde of maak de cel leeg. Het gaat om E1: stelling 'Uitstekende organisaties werken met moderne apparatuur en...'.
    """
    return check_answers(survey, columns, scale=scale, errors=errors, source=source, id_column="respondent_id",
                         describe={c: QUESTIONNAIRE.describe(c) for c in columns if c in QUESTIONNAIRE.items.index},
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
            f"Voor de gewogen score ontbreken de puntenkolommen {listing(missing, limit=None)}. Elke respondent verdeelt "
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
    from klantlib.stats import t_quantile

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
            half = t_quantile(0.5 + confidence / 2, n - 1) * float(g.std(ddof=1)) / math.sqrt(n)
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


def survey_columns(frame: pd.DataFrame) -> pd.DataFrame:
    """The survey with its columns renamed to ``E1`` .. ``P22`` and ``W_<dimensie>`` where they can be recognised.

    Online forms often export the question as the column header
    (``"E1. Uitstekende organisaties ..."``, ``"p 03 - Deze organisatie ..."``, or
    the statement itself) and the points as ``"Punten tastbaarheden"``: the rules
    of :meth:`klantlib.survey.Questionnaire.match_columns`. A respondent column
    becomes ``respondent_id``. Other columns stay as they are; two headers for one
    item are an error.

    >>> df = pd.DataFrame(columns=["Respondent_ID", "E1. Uitstekende ...", "p 02 Deze ...", "Punten zekerheid"])
    >>> list(survey_columns(df).columns)
    ['respondent_id', 'E1', 'P2', 'W_zekerheid']
    """
    from klantlib.parsing import column_key
    from klantlib.survey import ID_COLUMNS

    renamed = QUESTIONNAIRE.match_columns(frame.columns)
    own = next((c for c in frame.columns if c not in renamed and column_key(c) in ID_COLUMNS), None)
    if own is not None:
        renamed[own] = "respondent_id"
    return frame.rename(columns=renamed)


def read_survey(source, *, scale: int = 7, errors: str = "raise") -> pd.DataFrame:
    """Read a SERVQUAL survey from a student's CSV or Excel file, checked and ready to score.

    :meth:`klantlib.survey.Questionnaire.read` of SERVQUAL: Dutch formats and
    semicolons, headers as forms export them (:func:`survey_columns`), a row of
    question texts under the header left out (with a warning), every answer
    checked. With ``errors="warn"`` wrong answers are blank (and repeated
    respondents left out), so scoring it warns no second time.

    Returns:
        One row per respondent (index ``respondent``: the file's own id, or
        ``rij <n>``), the items as whole numbers, then the file's other columns.
    """
    return QUESTIONNAIRE.with_scale(scale).read(source, errors=errors)


def pool_surveys(sources, *, scale: int = 7) -> pd.DataFrame:
    """One SERVQUAL survey from the questionnaire exports of a class (opdracht 2.4 in groups).

    :meth:`klantlib.survey.Questionnaire.pool` of SERVQUAL: every file is read
    and checked as :func:`read_survey` does it (the widget's export, or a survey a
    group collected), and must hold at least one answer. A file that fails or
    can't be read is left out, and a file or respondent handed in twice (the same
    content, or the same answers, see :mod:`klantlib.pooling`) counts once; each
    is named, with the reason, in one :class:`~klantlib.errors.KlantDataWarning` (see
    :func:`klantlib.pooling.pool_files`, which also says how every respondent
    gets a unique id). The result is scored and drawn like the shipped survey:
    :func:`servqual_score`, :func:`summary`, ``servqual_widget(klas)`` ...
    Points (``W_...``) are checked when you score weighted, as for any survey.

    Args:
        sources: a folder of exports (with its subfolders), or a list of files:
            paths, ``(name, bytes)`` pairs or the value of an ipywidgets ``FileUpload``.
        scale: the highest answer of the questionnaire (7, or 5).

    Returns:
        The class's survey, one row per respondent, as ``pool_files`` returns it.

    Raises:
        KlantDataError: no files, or none of them usable (each named, with why).

    >>> import tempfile, warnings
    >>> from pathlib import Path
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
    return QUESTIONNAIRE.with_scale(scale).pool(sources)


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


def own_scores(answers: Mapping, reference: pd.DataFrame | None = None, *, scale: int = 7) -> pd.DataFrame:
    """One respondent's answers scored per dimension, beside a survey: what the questionnaire widget shows.

    ``answers`` maps ``E1`` .. ``E22``, ``P1`` .. ``P22`` and ``W_<dimensie>`` to
    whole numbers (unanswered items may be left out); ``reference`` is
    :func:`summary` of a survey. Per dimension: the respondent's mean expectation,
    perception and gap over the items answered on both sides (``jouw_...``,
    :func:`summary` of the answers as a one-row survey, :func:`answers_frame`),
    how many items that is (:func:`item_counts`), the respondent's points and the
    survey's mean gap and interval (``enquete_...``). ``attrs["beantwoord"]``
    counts the items answered on both sides. An answer outside 1..``scale``
    counts as not given, with a warning.

    >>> ans = {"E1": 7, "P1": 5, "E2": 6, "P2": 6, "W_tastbaarheden": 100}
    >>> own_scores(ans).loc["tastbaarheden", ["jouw_gap", "items", "punten"]].tolist()
    [-1.0, 2.0, 100.0]
    """
    row = answers_frame(answers)
    own = summary(row, scale=scale, errors="warn")
    items = item_counts(servqual_gaps(row, scale=scale, errors="warn")).iloc[0]
    out = pd.DataFrame({
        "jouw_verwachting": own["verwachting"],
        "jouw_perceptie": own["perceptie"],
        "jouw_gap": own["gap"],
        "items": items,
        "punten": row[list(WEIGHT_COLUMNS)].iloc[0].to_numpy(),
    }, index=own.index)
    out.attrs["beantwoord"] = int(items.sum())
    if reference is not None:
        ref = reference.reindex(list(DIMENSIONS))
        out["enquete_gap"] = ref["gap"].to_numpy()
        out["enquete_ondergrens"] = ref["ondergrens"].to_numpy()
        out["enquete_bovengrens"] = ref["bovengrens"].to_numpy()
    return out


def own_score(answers: Mapping, *, scale: int = 7) -> tuple[float, float]:
    """One respondent's SERVQUAL score, unweighted and weighted with their own points.

    The weighted score exists once the points add up to exactly 100
    (:meth:`klantlib.survey.Questionnaire.points_left`, where a dimension without
    points has 0); until then it is NaN.
    Neither exists before an item is answered on both sides.

    >>> answers = {"E1": 7, "P1": 5, "E5": 6, "P5": 6, "W_tastbaarheden": 50}
    >>> own_score(answers)
    (-1.0, nan)
    >>> own_score(answers | {"W_betrouwbaarheid": 50})
    (-1.0, -1.0)
    """
    row = answers_frame(answers)
    unweighted = float(servqual_score(row, scale=scale, errors="warn")["servqual"].iloc[0])
    remaining, _ = QUESTIONNAIRE.points_left(answers)
    if remaining != 0:
        return unweighted, math.nan
    row[list(WEIGHT_COLUMNS)] = row[list(WEIGHT_COLUMNS)].fillna(0)  # as points_left counts them: none given is 0
    weighted = float(servqual_score(row, scale=scale, weighted=True, errors="warn")["servqual"].iloc[0])
    return unweighted, weighted


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
