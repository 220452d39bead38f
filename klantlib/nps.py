"""The Net Promoter Score (Reichheld, 2003, 2006): how many customers would recommend you, minus how many would not.

Customers answer one question, "Hoe waarschijnlijk is het dat je ons aanbeveelt
bij vrienden of collega's?", on a scale from 0 (zeer onwaarschijnlijk) to 10
(zeer waarschijnlijk). Reichheld sorts them in three groups:

- *promotors* (9-10): enthusiastic, they recommend you and come back;
- *passieven* (7-8): satisfied but not enthusiastic, easily lured away;
- *criticasters* (0-6): unhappy, they may warn others.

NPS = % promotors − % criticasters, a whole-number score from −100 (everyone a
criticaster) to 100 (everyone a promotor); passives count in the total only.
Notebook 07 computes it for Trapper and per quadrant of the customer matrix
(notebook 04); notebook 08 links it to trust.

Every answer is read by the course's one rule for an answer on a scale
(:func:`klantlib.survey.check_answers`, scale 0-10): a text or a number off
0-10 is a Dutch error naming the file, the column and the row. A blank answer
is no answer: it is left out of the score and counted in ``geen_antwoord``.

>>> nps(pd.Series([10, 9, 8, 7, 6, 3, None], name="aanbeveling"))[["antwoorden", "promotors", "criticasters", "nps"]]
      antwoorden  promotors  criticasters   nps
groep
alle           6          2             2   0.0
"""

from __future__ import annotations

import pandas as pd

from klantlib.errors import KlantDataError, drop_invalid_rows

__all__ = ["DETRACTORS", "GROUPS", "PASSIVES", "PROMOTERS", "SCALE", "nps"]

#: The answers of the NPS question: 0 to 10.
SCALE = (0, 10)
#: The answers that make a customer a promotor, a passive or a criticaster (Reichheld, 2003).
PROMOTERS = (9, 10)
PASSIVES = (7, 8)
DETRACTORS = tuple(range(0, 7))
#: The three groups, in the order of the result's columns.
GROUPS = ("promotors", "passieven", "criticasters")
#: The label of the one row when there are no groups.
ALL = "alle"


def nps(scores: pd.Series, *, by: pd.Series | None = None, errors: str = "raise") -> pd.DataFrame:
    """The Net Promoter Score of the answers, over all of them or per group, with how many answered.

    Args:
        scores: the answers to the recommendation question, 0-10, one per
            customer (a column of a survey; its name and the file it came from,
            ``attrs["source"]`` as :func:`klantlib.data.read_table` sets it, are
            named in messages). Blank cells are no answer.
        by: optional, the group of each customer with the same index as
            ``scores`` (a customer segment, a quadrant of the customer matrix).
            Customers without a group are left out, with a warning that counts
            them. A categorical ``by`` keeps its order (and shows empty groups).
        errors: ``"raise"`` (default): a text or a number off 0-10 is an error;
            ``"warn"``: it counts as not given, with one warning that counts them.

    Returns:
        One row per group (index ``groep``; one row ``alle`` without ``by``) with
        ``antwoorden`` (how many answered), ``promotors``, ``passieven`` and
        ``criticasters`` (counts), ``aandeel_promotors``, ``aandeel_passieven``
        and ``aandeel_criticasters`` (fractions of the answers), ``nps`` (from −100 to
        100; NaN for a group without answers) and ``geen_antwoord`` (blank cells).

    Raises:
        KlantDataError: not a column of answers, a wrong answer (naming file,
            column and row), ``by`` of another length or index, or no answer at
            all.

    >>> answers = pd.Series([10, 9, 9, 6, 8, 2], name="aanbeveling")
    >>> quadrant = pd.Series(["Partners", "Partners", "Dogs", "Dogs", "Dogs", "Dogs"])
    >>> nps(answers, by=quadrant)[["antwoorden", "promotors", "passieven", "criticasters", "nps"]]
              antwoorden  promotors  passieven  criticasters    nps
    groep
    Dogs               4          1          1             2  -25.0
    Partners           2          2          0             0  100.0
    >>> nps(pd.Series([10, "misschien"], name="aanbeveling"))
    Traceback (most recent call last):
    ...
    klantlib.errors.KlantDataError: 1 ongeldig antwoord: rij 1, kolom 'aanbeveling': 'misschien'. Antwoorden moeten hele getallen van 0 tot en met 10 zijn; verbeter de waarde of maak de cel leeg.
    """
    from klantlib.survey import check_answers

    if isinstance(scores, pd.DataFrame) and scores.shape[1] == 1:
        scores = scores.iloc[:, 0]
    if not isinstance(scores, pd.Series):
        raise KlantDataError(f"nps verwacht één kolom met antwoorden van 0 tot en met 10 (zoals "
                             f"enquete['aanbeveling']), geen {type(scores).__name__}.")
    column = str(scores.name) if scores.name is not None else "aanbeveling"
    survey = pd.DataFrame({column: scores})
    survey.attrs = dict(scores.attrs)
    if by is not None:
        if not isinstance(by, pd.Series) or len(by) != len(scores) or not by.index.equals(scores.index):
            raise KlantDataError("by moet voor elke klant de groep geven, met dezelfde rijen als de antwoorden "
                                 "(zoals enquete['kwadrant'] bij enquete['aanbeveling']).")
        survey["groep"] = by
        survey = drop_invalid_rows(survey, by.isna(), "deze klanten hebben geen groep",
                                   source=survey.attrs.get("source"))
    # 1. Read every answer by the one rule for an answer on a scale: 0-10, whole numbers, blank allowed.
    values = check_answers(survey, [column], scale=SCALE[1], low=SCALE[0], errors=errors)[column]
    # 2. Sort the answers into Reichheld's three groups (a blank answer is in none).
    kind = pd.Series(pd.NA, index=values.index, dtype="object")
    kind[values >= PROMOTERS[0]] = "promotors"
    kind[values.isin(PASSIVES)] = "passieven"
    kind[values <= DETRACTORS[-1]] = "criticasters"
    table = pd.DataFrame({"groep": survey["groep"] if by is not None else ALL,
                          "soort": pd.Categorical(kind, categories=GROUPS)}, index=values.index)
    if by is not None and isinstance(by.dtype, pd.CategoricalDtype):
        table["groep"] = pd.Categorical(table["groep"], categories=by.cat.categories, ordered=by.cat.ordered)
    # 3. Count per group, and the score: % promotors − % criticasters.
    counts = pd.crosstab(table["groep"], table["soort"], dropna=False).reindex(columns=list(GROUPS), fill_value=0)
    if isinstance(table["groep"].dtype, pd.CategoricalDtype):
        counts = counts.reindex(table["groep"].cat.categories, fill_value=0)
    out = pd.DataFrame({"antwoorden": counts.sum(axis=1)}, index=counts.index)
    out = out.join(counts)
    answered = out["antwoorden"].where(out["antwoorden"] > 0)
    out["aandeel_promotors"] = out["promotors"] / answered
    out["aandeel_passieven"] = out["passieven"] / answered
    out["aandeel_criticasters"] = out["criticasters"] / answered
    out["nps"] = 100 * (out["aandeel_promotors"] - out["aandeel_criticasters"])
    out["geen_antwoord"] = table.assign(leeg=values.isna()).groupby("groep", observed=False)["leeg"].sum()
    out["geen_antwoord"] = out["geen_antwoord"].fillna(0).astype("int64")
    out.index.name = "groep"
    out.columns.name = None
    if int(out["antwoorden"].sum()) == 0:
        raise KlantDataError(f"Er is geen enkel antwoord in kolom '{column}' (alle {len(values)} cellen zijn leeg), "
                             "dus er is geen NPS. Kies een kolom met antwoorden van 0 tot en met 10.")
    return out
