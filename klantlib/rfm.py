"""The 80/20 rule, RFM and the customer relations assessment matrix (§1.3).

Schijns (2000) judges a customer relation on two axes, both 0-100:

- *rendement* (active buying behaviour), from RFM: how Recently, how Frequently
  and for how much Money a customer bought in a period (Hughes, 1994);
- *relatiesterkte* (relationship strength), which only the customer can judge:
  a survey of four drivers, attractiviteit, overstapkosten, vertrouwen and
  tevredenheid.

Together they place each customer in one of four groups: Partners, Vrienden,
Economici or Dogs.

>>> transactions = pd.DataFrame({
...     "klant_id": ["a", "a", "b", "c", "c", "c"],
...     "datum": pd.to_datetime(["2025-01-10", "2025-12-01", "2025-06-30", "2025-11-20", "2025-12-20", "2025-12-28"]),
...     "bedrag": [100.0, 50.0, 400.0, 20.0, 30.0, -20.0],
... })
>>> table = rfm_table(transactions, reference_date="2026-01-01")
>>> table
          recency  frequency  monetary
klant_id
a              31          2     150.0
b             185          1     400.0
c              12          2      30.0
>>> rfm_scores(table, bins=3)[["R", "F", "M", "rfm_code"]]
          R  F  M rfm_code
klant_id
a         2  2  2      222
b         1  1  3      113
c         3  2  1      321

**Tie rule.** A score is ``1 + floor(bins × share of customers with a strictly
worse value)``. Identical values therefore always get identical scores (all
once-only buyers share F = 1, however many there are), a better value never gets
a lower score, and the groups are as equal as the ties allow, so some scores may
not occur. In the example, ``a`` and ``c`` both bought twice: F = 2 for both.
"""

from __future__ import annotations

import math
import numbers

import numpy as np
import pandas as pd

from klantlib.errors import (
    ERRORS,
    KlantDataError,
    check_errors,
    describe_rows,
    drop_invalid_rows,
    require_rows,
    warn,
)
from klantlib.formatting import counted, listing, number
from klantlib.parsing import (
    check_option,
    comparable_ids,
    id_codes,
    require_columns,
    to_date,
    to_dates,
    to_ids,
    to_numbers,
)
from klantlib.survey import Questionnaire

__all__ = [
    "DRIVERS",
    "GROUPS",
    "STRATEGY",
    "UNPLACED",
    "assessment_matrix",
    "customer_rendement",
    "customers_per_point",
    "day_after_last_transaction",
    "group_counts",
    "pareto_table",
    "relatiesterkte",
    "rendement",
    "rfm_scores",
    "rfm_table",
    "score_counts",
    "top_share",
]

#: Schijns' (2000) four drivers of relationship strength, as survey columns.
#: The relationship-strength survey as data (``klantlib/questionnaires/relatiesterkte.toml``).
RELATIESTERKTE = Questionnaire.load("relatiesterkte")
DRIVERS = tuple(RELATIESTERKTE.codes)
#: The numbers of score groups rfm_scores accepts (one digit each, so rfm_code stays readable).
BINS = tuple(range(2, 10))
#: The four groups of the customer relations assessment matrix, best first.
GROUPS = ("Partners", "Vrienden", "Economici", "Dogs")
#: The book's strategy per group in one or two words (Meertens & Mulders, §1.3; Schijns, 2000): the one
#: place the figure's labels and notebook 04's strategy table take them from (a test checks the table).
STRATEGY = {
    "Partners": "koesteren",
    "Vrienden": "laten groeien",
    "Economici": "uitzoeken",
    "Dogs": "desinvesteren",
}
#: What :func:`group_counts` calls the customers with only one of the two scores (no group).
UNPLACED = "zonder groep"


def _source(frame: pd.DataFrame) -> str | None:
    return frame.attrs.get("source")


_COLUMN_FIX = ("Geef de kolomnamen van jouw bestand mee, bijvoorbeeld rfm_table(..., customer=\"Klantnummer\", "
               "date=\"Datum\", amount=\"Bedrag\").")


def rfm_table(transactions: pd.DataFrame, *, reference_date, customer: str = "klant_id", date: str = "datum",
              amount: str = "bedrag", order: str | None = None, errors: str = "warn",
              later: str | None = None) -> pd.DataFrame:
    """Recency, frequency and monetary value per customer, measured on ``reference_date``.

    - ``recency``: whole days from the customer's last purchase to ``reference_date``;
    - ``frequency``: the number of purchases: rows with a positive amount, or the
      number of distinct values of the ``order`` column among them when given
      (``order=date`` counts distinct purchase days, as the ``lifetimes`` package does);
    - ``monetary``: the sum of all amounts in the period (the book's "what the
      purchases yielded": a total, not a mean). Returns (negative amounts) lower
      it but are not purchases.

    Every value is read by the rules of :mod:`klantlib.parsing`: ids stay exact
    labels (``"007"`` and 19-digit card numbers too), text dates are day first,
    text amounts are read per cell. Nothing is filled in or guessed:

    - a row without a usable customer, date, amount (or order number, when
      ``order`` is given) is left out with a :class:`~klantlib.errors.KlantDataWarning`
      naming the rows, or raises a :class:`~klantlib.errors.KlantDataError` with
      ``errors="raise"``; when no row is usable at all, that is always an error;
    - identical rows (every column the same) are *kept*, since two equal purchases
      on one day happen; a warning counts them and names the rows, so you can drop
      them yourself (``transactions.drop_duplicates()``) if they were booked twice;
    - rows after ``reference_date`` (required: without it "how long ago" changes
      every day) fall outside the period, with a warning saying how many (see
      ``later``);
    - a customer with returns only, and no purchase, has no recency: reported and
      left out.

    Args:
        transactions: one row per purchase or return.
        reference_date: the end of the period, a date or text (``"31-12-2025"``).
        customer, date, amount, order: the column names.
        errors: ``"warn"`` (default) or ``"raise"`` for unusable rows
            (:data:`klantlib.errors.ERRORS`).
        later: rows after ``reference_date``: ``"warn"`` (left out, with a
            warning), ``"raise"`` (an error) or ``"coerce"`` (left out without a
            word: for code that moves the reference date on purpose and shows it,
            as the matrix widget of notebook 04). ``None`` (default) follows
            ``errors``.

    Returns:
        A DataFrame indexed by customer id, sorted (whole numbers when every id is one,
        else text with the numbers first in numeric order; see :func:`klantlib.parsing.to_ids`),
        columns ``recency``, ``frequency``, ``monetary``.

    Raises:
        KlantDataError: a missing column, an empty table, a reference date that is
            no date, an ambiguous amount (``1.234``), or no usable purchase.
    """
    errors = check_errors(errors, ("raise", "warn"))
    later = errors if later is None else check_errors(later, ERRORS, name="later")
    reference = to_date(reference_date, what="de peildatum").normalize()
    source = _source(transactions)
    require_columns(transactions, [customer, date, amount] + ([order] if order else []), source=source,
                    fix=_COLUMN_FIX)
    require_rows(transactions, name="de transacties", row="transactie",
                 consequence="valt er geen recency, frequency of monetary te meten",
                 filters=[c for c in (date, "kanaal", "categorie") if c in transactions.columns])

    # 1. Read each column by the course's rules. The ids are read once per distinct id and kept as a
    #    categorical column: grouping by it then needs no hashing of a million texts.
    codes, ids = id_codes(transactions[customer], column=customer, source=source)
    when = to_dates(transactions[date], errors="coerce")
    money = to_numbers(transactions[amount], column=amount, source=source, errors="coerce")
    rows = pd.DataFrame({"klant": pd.Categorical.from_codes(codes, categories=ids), "dag": _days(when),
                         "bedrag": money.to_numpy()}, index=transactions.index)
    if order == date:
        rows["order"] = rows["dag"]  # distinct purchase days
    elif order:
        rows["order"] = id_codes(transactions[order], column=order, source=source)[0]

    # 2. Rows that miss a key or a value are reported, never filled in from a neighbour.
    problems = {customer: codes < 0, date: when.isna().to_numpy(), amount: money.isna().to_numpy()}
    if order and order != date:
        problems[order] = rows["order"].to_numpy() < 0
    unusable = np.logical_or.reduce(list(problems.values()))
    if unusable.any():
        named = listing((name for name, bad in problems.items() if bad.any()), limit=None)
        drop_invalid_rows(transactions, unusable, f"geen bruikbare waarde in {named}",
                          errors="raise" if errors == "raise" or unusable.all() else "warn", source=source,
                          fix="Vul de cel in of verbeter hem (bedrag als 12,50; datum als 31-12-2025).")
        rows = rows[~unusable]

    # 3. Identical rows are kept (two equal purchases on one day happen), but never silently.
    _warn_identical_rows(transactions[~unusable] if unusable.any() else transactions, rows, source)

    # 4. The period ends on the reference date.
    after = rows["dag"] > _days(pd.Series([reference]))[0]
    if after.any():
        n = int(after.sum())
        if later == "raise":
            raise KlantDataError(f"{number(n)} transacties liggen na de peildatum {reference:%d-%m-%Y} "
                                 f"({describe_rows(rows.index[after.to_numpy()])}). Kies een latere peildatum of "
                                 "haal ze weg.")
        if later == "warn":
            warn(f"{number(n)} van de {number(len(rows))} transacties liggen na de peildatum {reference:%d-%m-%Y} "
                 "en vallen buiten de periode; ze tellen niet mee.")
        rows = rows[~after]

    # 5. Per customer: R from the last purchase, F from the purchases, M from all amounts (returns included).
    #    observed=False gives every customer id a row, also those without a purchase in the period.
    purchases = rows[rows["bedrag"] > 0].groupby("klant", observed=False)
    every_row = rows.groupby("klant", observed=False)["bedrag"]
    per_customer = pd.DataFrame({
        "laatste": purchases["dag"].max(),
        "frequency": purchases["order"].nunique() if order else purchases.size(),
        "monetary": every_row.sum(),
        "rijen": every_row.size(),
    })
    per_customer.index = ids  # the categories, in the same (sorted) order
    per_customer = per_customer[per_customer["rijen"] > 0]  # ids whose every row was left out don't count
    only_returns = per_customer.index[per_customer["laatste"].isna()]
    if len(only_returns):
        have = "heeft" if len(only_returns) == 1 else "hebben"
        warn(f"{counted(len(only_returns), 'klant')} {have} in de periode alleen retouren en geen aankoop "
             f"({listing(only_returns)}); zonder aankoop is er geen recency, dus ze tellen niet mee.")
    per_customer = per_customer.dropna(subset=["laatste"])
    if per_customer.empty:
        raise KlantDataError("Er is geen enkele aankoop (positief bedrag) vóór de peildatum: er valt niets te meten.")
    return pd.DataFrame(
        {
            "recency": _days(pd.Series([reference]))[0] - per_customer["laatste"].astype("int64"),
            "frequency": per_customer["frequency"].astype("int64"),
            "monetary": per_customer["monetary"].round(2),
        },
    ).rename_axis(customer)


def _days(when: pd.Series) -> np.ndarray:
    """Dates as whole day numbers (days since 1970-01-01); missing dates become the smallest int64."""
    return when.to_numpy().astype("datetime64[D]").astype("int64")


def _warn_identical_rows(transactions: pd.DataFrame, rows: pd.DataFrame, source: str | None) -> None:
    """Warn about rows that equal an earlier row in every column; only rows sharing customer and day can."""
    # One number per (customer, day): customer code x number of days + day. In 32 bits when it fits, which
    # halves the time to find the repeated ones (a smaller hash table).
    day = rows["dag"].to_numpy() - rows["dag"].min()
    days = int(day.max()) + 1 if len(day) else 1
    customers = len(rows["klant"].cat.categories)
    key_type = "int32" if customers * days < 2**31 else "int64"
    customer_day = rows["klant"].cat.codes.to_numpy().astype(key_type) * days + day.astype(key_type)
    same_day = pd.Series(customer_day).duplicated(keep=False).to_numpy()
    if not same_day.any():
        return
    candidates = transactions[same_day]
    identical = candidates.duplicated(keep="first")
    if identical.any():
        labels = candidates.index[identical.to_numpy()]
        advice = ("Die rij telt mee als aparte aankoop. Is hij dubbel geboekt, haal hem dan eerst weg"
                  if len(labels) == 1 else
                  "Ze tellen mee als aparte aankopen. Zijn ze dubbel geboekt, haal ze dan eerst weg")
        warn(f"{counted(len(labels), 'rij', 'rijen')}{f' in {source!r}' if source else ''} "
             f"{'is' if len(labels) == 1 else 'zijn'} precies gelijk aan een eerdere rij ({describe_rows(labels)}). "
             f"{advice}: transacties.drop_duplicates().")


#: The text of every rfm_code: scores are 1-9, so a code is at most 999.
_CODE_TEXTS = np.array([str(code) for code in range(1000)], dtype=object)


def _score(values: np.ndarray, bins: int) -> np.ndarray:
    """1 + floor(bins × share of values strictly below): ties share a score (see the module docstring)."""
    below = pd.Series(values).rank(method="min").to_numpy() - 1  # how many values lie strictly below
    return 1 + np.floor(bins * below / len(values)).astype("int64")


def rfm_scores(table: pd.DataFrame, *, bins: int = 5) -> pd.DataFrame:
    """Add scores ``R``, ``F`` and ``M`` in 1..``bins`` (``bins`` = best), ``rfm_code`` and ``rfm_totaal``.

    Best means: most recent (lowest recency), most frequent, highest monetary.
    Tie rule (module docstring): identical values always get identical scores.
    ``rfm_code`` writes the three scores after each other ("535"), ``rfm_totaal``
    adds them up.

    >>> table = pd.DataFrame({"recency": [5, 40, 300, 40], "frequency": [1, 1, 1, 4], "monetary": [10.0, 99.0, 5.0, 500.0]})
    >>> rfm_scores(table, bins=4)[["R", "F", "M", "rfm_code", "rfm_totaal"]]
       R  F  M rfm_code  rfm_totaal
    0  4  1  2      412           7
    1  2  1  3      213           6
    2  1  1  1      111           3
    3  2  4  4      244          10
    """
    check_option("bins", bins, BINS)
    require_columns(table, ["recency", "frequency", "monetary"], fix="Maak de tabel met rfm_table(...).")
    require_rows(table, name="de RFM-tabel", row="klant", consequence="zijn er geen scores te geven",
                 fix="Maak de tabel met rfm_table(...) van transacties die niet leeg zijn.")
    numbers = table[["recency", "frequency", "monetary"]].astype("float64")
    if numbers.isna().any().any():
        bad = numbers.isna().any(axis=1)
        raise KlantDataError(f"Lege waarden in de RFM-tabel ({describe_rows(table.index[bad.to_numpy()])}). "
                             "Maak de tabel met rfm_table, die zulke rijen meldt en overslaat.")
    scored = table.copy()
    scored["R"] = _score(-numbers["recency"].to_numpy(), bins)
    scored["F"] = _score(numbers["frequency"].to_numpy(), bins)
    scored["M"] = _score(numbers["monetary"].to_numpy(), bins)
    # 5, 3, 1 -> "531": looked up in the table of the 1000 possible texts (writing 100.000 numbers out is slow)
    code = (100 * scored["R"] + 10 * scored["F"] + scored["M"]).to_numpy()
    scored["rfm_code"] = pd.array(_CODE_TEXTS[code], dtype="str")
    scored["rfm_totaal"] = scored["R"] + scored["F"] + scored["M"]
    scored.attrs["bins"] = int(bins)
    return scored


def rendement(scores: pd.DataFrame, *, bins: int | None = None) -> pd.Series:
    """Return ("rendement") on 0-100 from the RFM scores: the mean of R, F and M, rescaled.

    A customer with 1-1-1 gets 0, one with bins-bins-bins gets 100. The equal
    weights of R, F and M are the course's choice (the book names the three, not
    how to weigh them). ``bins`` must be the number of score groups given to
    :func:`rfm_scores`: it sets the maximum, so it is never guessed.

    >>> rendement(pd.DataFrame({"R": [5, 1, 3], "F": [5, 1, 2], "M": [5, 1, 4]}), bins=5).tolist()
    [100.0, 0.0, 50.0]
    >>> rendement(pd.DataFrame({"R": [3], "F": [1], "M": [2]}))
    Traceback (most recent call last):
    ...
    klantlib.errors.KlantDataError: Geef bins mee: hetzelfde aantal scoregroepen als bij rfm_scores (bijvoorbeeld rendement(scores, bins=5)). Het bepaalt wat de hoogste score is.
    """
    require_columns(scores, ["R", "F", "M"], fix="Maak de scores met rfm_scores(...).")
    if bins is None:
        raise KlantDataError("Geef bins mee: hetzelfde aantal scoregroepen als bij rfm_scores (bijvoorbeeld "
                             "rendement(scores, bins=5)). Het bepaalt wat de hoogste score is.")
    check_option("bins", bins, BINS)
    made = scores.attrs.get("bins")  # rfm_scores writes down how many groups it made
    if made is not None and made != bins:
        raise KlantDataError(f"Deze scores zijn gemaakt met bins={made}, maar je geeft bins={bins}: dan klopt de "
                             f"schaal van 0 tot 100 niet. Geef hetzelfde aantal: rendement(scores, bins={made}).")
    rfm = scores[["R", "F", "M"]].astype("float64")
    if (rfm > bins).any().any():
        raise KlantDataError(f"Er zijn scores hoger dan bins={bins}: de scores zijn gemaakt met meer scoregroepen. "
                             "Geef rendement dezelfde bins als rfm_scores.")
    return ((rfm.mean(axis=1) - 1) / (bins - 1) * 100).round(1).rename("rendement")


def _driver_weights(weights) -> pd.Series:
    """The weight of each driver (1 unless ``weights`` says otherwise); unknown drivers and weights <= 0 refused."""
    weight = pd.Series(1.0, index=list(DRIVERS))
    if weights is None:
        return weight
    if not isinstance(weights, dict):
        raise KlantDataError(f"weights is een dict van drijfveer naar gewicht, zoals {{'vertrouwen': 2}}; niet "
                             f"{weights!r}.")
    for driver, value in weights.items():
        check_option("drijfveer in weights", driver, DRIVERS)
        if isinstance(value, bool) or not isinstance(value, numbers.Real) or not math.isfinite(value) or value <= 0:
            raise KlantDataError(f"Het gewicht van {driver} moet een getal groter dan 0 zijn, niet {value!r}. "
                                 "Wil je een drijfveer niet meetellen, laat hem dan uit de enquête weg.")
        weight[driver] = float(value)
    return weight


def relatiesterkte(survey: pd.DataFrame, *, scale: int = 7, customer: str = "klant_id",
                   errors: str = "raise", weights: dict | None = None) -> pd.Series:
    """Relationship strength on 0-100 from Schijns' four drivers, per customer.

    The mean of the answers given (1..``scale``) is rescaled to 0-100; a customer who
    skipped a question is scored on the others.

    **Weights are the course's choice.** Schijns (2000) names the four drivers, and
    the book's figure 1.6 shows satisfaction and trust feeding relationship strength
    strongly, but neither gives weights. By default the four count equally (a
    plain mean, the simplest rule to explain). ``weights`` maps drivers to positive
    numbers (a driver left out weighs 1) and gives a weighted mean instead, e.g.
    ``{"vertrouwen": 2, "tevredenheid": 2}``; a skipped question drops out with its
    weight, so the score stays on 0-100.

    Answers are checked by the
    questionnaire (:data:`RELATIESTERKTE`, ``Questionnaire.answers``): one outside
    1..``scale`` or not a whole number raises a :class:`~klantlib.errors.KlantDataError`
    naming row, customer, column and value; with ``errors="warn"`` it counts as not
    given, with a warning (the older word ``"missing"`` still works, with a
    FutureWarning). A customer in the survey twice is an error; customers who
    answered nothing are reported and left out.

    >>> survey = pd.DataFrame({"klant_id": ["a", "b"], "attractiviteit": [7, 1], "overstapkosten": [7, 1],
    ...                        "vertrouwen": [7, 4], "tevredenheid": [7, None]})
    >>> relatiesterkte(survey)
    klant_id
    a    100.0
    b     16.7
    Name: relatiesterkte, dtype: float64
    >>> relatiesterkte(survey, weights={"vertrouwen": 2}).tolist()  # b: (1 + 1 + 2 * 4) / 4 = 2.5
    [100.0, 25.0]
    """
    source = _source(survey)
    fix = "De enquête heeft een klantnummer en de vier drijfveren nodig, elk in een eigen kolom."
    require_columns(survey, [customer, *DRIVERS], source=source, fix=fix)
    require_rows(survey, name="de enquête", row="respondent", consequence="is er geen relatiesterkte te berekenen")
    errors = check_errors(errors, ("raise", "warn"))
    weight = _driver_weights(weights)
    ids = to_ids(survey[customer], column=customer, source=source)
    duplicated = ids.duplicated(keep=False) & ids.notna()
    if duplicated.any():
        doubled = ids[duplicated].unique()
        raise KlantDataError(f"{'Klant' if len(doubled) == 1 else 'De klanten'} {listing(doubled)} "
                             f"{'staat' if len(doubled) == 1 else 'staan'} meer dan eens in de "
                             f"enquête ({describe_rows(survey.index[duplicated.to_numpy()])}). Houd één antwoord per klant.")
    # Every answer a whole number from 1 to scale: the same check and messages as every survey in the course.
    answers = RELATIESTERKTE.with_scale(scale).answers(survey, errors=errors, id_column=customer)
    nothing = answers.isna().all(axis=1) | ids.isna()
    answers = drop_invalid_rows(answers, nothing, "geen klantnummer of geen enkel antwoord", source=source)
    given = answers.notna()
    mean = (answers.fillna(0) * weight).sum(axis=1) / (given * weight).sum(axis=1)  # a skipped answer: no weight
    score = ((mean - 1) / (scale - 1) * 100).round(1)
    score.index = pd.Index(ids[answers.index].to_numpy(), name=customer)
    return score.sort_index().rename("relatiesterkte")


def _cuts(cut, rendement: pd.Series, strength: pd.Series) -> tuple[float, float]:
    if isinstance(cut, str):
        if cut != "median":
            raise KlantDataError(f"cut moet een getal, een paar (x, y) of \"median\" zijn, niet {cut!r}.")
        return float(rendement.median()), float(strength.median())
    if isinstance(cut, (tuple, list)):
        if len(cut) != 2:
            raise KlantDataError(f"Geef cut als één getal of als paar (rendement, relatiesterkte), niet {cut!r}.")
        return float(cut[0]), float(cut[1])
    return float(cut), float(cut)


def _check_score(values, name: str, made_by: str) -> None:
    """One axis of Schijns' matrix: a Series of numbers from 0 to 100 per customer, or a Dutch error saying so.

    Amounts (monetary) or a mean on a 1-7 scale would otherwise be compared with the cut as if they were
    scores, and every customer would land in a group without a word.
    """
    if not isinstance(values, pd.Series):
        raise KlantDataError(f"Geef {name} als één kolom met een score per klant (een Series, zoals {made_by} "
                             f"geeft), geen {type(values).__name__}.")
    numbers = to_numbers(values, errors="coerce")  # the one number rule; what is no number is named below
    if (numbers.isna() & values.notna()).any():
        raise KlantDataError(f"In {name} staat iets wat geen getal is (bijvoorbeeld "
                             f"{values[numbers.isna() & values.notna()].iloc[0]!r}). Maak de scores met {made_by}.")
    outside = (numbers < 0) | (numbers > 100)
    if outside.any():
        raise KlantDataError(f"{name[:1].upper()}{name[1:]} moet een score van 0 tot 100 zijn, maar loopt van "
                             f"{number(numbers.min(), 1)} tot {number(numbers.max(), 1)} "
                             f"({counted(int(outside.sum()), 'klant')} buiten 0-100). Zijn het bedragen of gemiddelden op een schaal? Maak de "
                             f"scores met {made_by}.")


def assessment_matrix(rendement: pd.Series, relatiesterkte: pd.Series, *, cut=50, errors: str = "warn") -> pd.DataFrame:
    """Place every customer in Schijns' matrix: Partners, Vrienden, Economici or Dogs.

    ``rendement`` (x) and ``relatiesterkte`` (y) are Series by customer id, 0-100.
    A score on or above the cut counts as high/strong. ``cut`` is one number for
    both axes, a pair ``(x, y)``, or ``"median"`` (the medians of the customers
    with both scores). Customers with only one of the two scores are kept, with an
    empty ``groep``; ``errors`` (:data:`klantlib.errors.ERRORS`) says how they are
    reported: ``"warn"`` (default) in a :class:`~klantlib.errors.KlantDataWarning`,
    ``"raise"`` as a :class:`~klantlib.errors.KlantDataError`, ``"coerce"`` not at
    all, for code that shows their number itself (:func:`group_counts` counts them).

    >>> x = pd.Series({"a": 80.0, "b": 20.0, "c": 90.0, "d": 10.0, "e": 60.0})
    >>> y = pd.Series({"a": 75.0, "b": 66.0, "c": 30.0, "d": 5.0})
    >>> assessment_matrix(x, y)["groep"].tolist()
    ['Partners', 'Vrienden', 'Economici', 'Dogs', nan]
    """
    errors = check_errors(errors, ERRORS)
    _check_score(rendement, "rendement", "rendement(rfm_scores(...), bins=5)")
    _check_score(relatiesterkte, "relatiesterkte", "relatiesterkte(enquete)")
    # Customer 12 in the transactions (a number) is customer "12" in a survey whose ids are text.
    x_ids, y_ids = comparable_ids(pd.Series(rendement.index), pd.Series(relatiesterkte.index))
    rendement = rendement.set_axis(pd.Index(x_ids, name=rendement.index.name))
    relatiesterkte = relatiesterkte.set_axis(pd.Index(y_ids, name=relatiesterkte.index.name))
    both = pd.concat({"rendement": rendement.astype("float64"), "relatiesterkte": relatiesterkte.astype("float64")},
                     axis=1).sort_index()
    complete = both.notna().all(axis=1)
    if not complete.any():
        raise KlantDataError("Geen enkele klant heeft zowel een rendement als een relatiesterkte. Controleer of de "
                             "klantnummers in de enquête dezelfde zijn als in de transacties.")
    only_x = int((both["rendement"].notna() & ~complete).sum())
    only_y = int((both["relatiesterkte"].notna() & ~complete).sum())
    if (only_x or only_y) and errors != "coerce":
        parts = []
        if only_x:
            parts.append(f"{only_x} alleen een rendement (niet in de enquête)")
        if only_y:
            parts.append(f"{only_y} alleen een relatiesterkte (geen aankopen, of een onbekend klantnummer)")
        if errors == "raise":
            raise KlantDataError(f"Van de {len(both)} klanten hebben er {listing(parts)}: zonder beide scores "
                                 "hebben ze geen groep.")
        warn(f"Van de {len(both)} klanten hebben er {listing(parts)}. Ze staan in de tabel zonder groep.")
    x_cut, y_cut = _cuts(cut, both.loc[complete, "rendement"], both.loc[complete, "relatiesterkte"])
    high = both["rendement"] >= x_cut
    strong = both["relatiesterkte"] >= y_cut
    group = np.select([high & strong, ~high & strong, high & ~strong], list(GROUPS[:3]), GROUPS[3])
    both["groep"] = pd.Categorical(np.where(complete, group, None), categories=list(GROUPS))
    both.attrs["cut"] = (x_cut, y_cut)
    return both


def customers_per_point(matrix: pd.DataFrame) -> pd.DataFrame:
    """How many customers share each point of the matrix: one row per group and (rendement, relatiesterkte).

    Scores take few values (rendement from 1-5 scores has 13 steps, a 1-7 survey
    has a few dozen), so many customers sit on exactly the same spot. A scatter
    of equal dots hides that; this count lets a figure show it.

    Args:
        matrix: the result of :func:`assessment_matrix`.

    Returns:
        A DataFrame with columns ``groep``, ``rendement``, ``relatiesterkte`` and
        ``klanten`` (the number of customers on that point), ordered by group
        (best first), then rendement and relatiesterkte. Customers without a group
        (only one of the two scores) are left out.

    Raises:
        KlantDataError: ``matrix`` misses one of its columns.

    >>> x = pd.Series({"a": 50.0, "b": 50.0, "c": 50.0, "d": 10.0})
    >>> y = pd.Series({"a": 60.0, "b": 60.0, "c": 20.0, "d": 20.0})
    >>> customers_per_point(assessment_matrix(x, y))
           groep  rendement  relatiesterkte  klanten
    0   Partners       50.0            60.0        2
    1  Economici       50.0            20.0        1
    2       Dogs       10.0            20.0        1
    """
    require_columns(matrix, ["rendement", "relatiesterkte", "groep"], fix="Maak de matrix met assessment_matrix(...).")
    placed = matrix.dropna(subset=["groep"])
    counts = (placed.groupby(["groep", "rendement", "relatiesterkte"], observed=True).size()
              .rename("klanten").reset_index())
    return counts.astype({"groep": "str", "klanten": "int64"})


def group_counts(matrix: pd.DataFrame) -> pd.Series:
    """How many customers each group of the matrix holds, and how many have no group.

    Args:
        matrix: the result of :func:`assessment_matrix`.

    Returns:
        A Series ``klanten`` indexed by the four :data:`GROUPS` (best first, 0
        where a group is empty) and :data:`UNPLACED`: the customers with only one
        of the two scores.

    Raises:
        KlantDataError: ``matrix`` has no column ``groep``.

    >>> x = pd.Series({"a": 80.0, "b": 20.0, "c": 90.0})
    >>> y = pd.Series({"a": 75.0, "b": 66.0, "d": 5.0})
    >>> group_counts(assessment_matrix(x, y, errors="coerce")).to_dict()
    {'Partners': 1, 'Vrienden': 1, 'Economici': 0, 'Dogs': 0, 'zonder groep': 2}
    """
    require_columns(matrix, ["groep"], fix="Maak de matrix met assessment_matrix(...).")
    groups = matrix["groep"]
    counts = groups.value_counts().reindex(list(GROUPS), fill_value=0)
    counts[UNPLACED] = groups.isna().sum()
    return counts.astype("int64").rename("klanten").rename_axis("groep")


def score_counts(scores: pd.DataFrame) -> pd.DataFrame:
    """How many customers got each R, F and M score: one row per score, 1 to the number of score groups.

    Args:
        scores: the result of :func:`rfm_scores` (its number of score groups is
            kept in ``scores.attrs["bins"]``; without it, the highest score given).

    Returns:
        A DataFrame indexed by ``score`` (1 .. bins, every score, 0 where no
        customer has it), columns ``R``, ``F`` and ``M``.

    Raises:
        KlantDataError: a column R, F or M is missing.

    >>> score_counts(rfm_scores(pd.DataFrame({"recency": [5, 40, 300, 40], "frequency": [1, 1, 1, 4],
    ...                                       "monetary": [10.0, 99.0, 5.0, 500.0]}), bins=4))
           R  F  M
    score
    1      1  3  1
    2      2  0  1
    3      0  0  1
    4      1  1  1
    """
    require_columns(scores, ["R", "F", "M"], fix="Maak de scores met rfm_scores(...).")
    bins = int(scores.attrs.get("bins") or scores[["R", "F", "M"]].max().max())
    every = pd.RangeIndex(1, bins + 1, name="score")
    return pd.DataFrame({column: scores[column].value_counts().reindex(every, fill_value=0).astype("int64")
                         for column in ("R", "F", "M")}, index=every)


def customer_rendement(transactions: pd.DataFrame, *, reference_date, bins: int = 5,
                       order: str | None = "order_id") -> pd.Series:
    """Rendement (0-100) per customer for one reference date: :func:`rfm_table`, :func:`rfm_scores`, :func:`rendement`.

    The period ends on ``reference_date``: transactions after it are left out
    without a warning (``rfm_table(..., later="coerce")``), since this is for
    moving the reference date on purpose (the matrix widget of notebook 04 shows
    the date it uses). Every other problem in the data is reported as
    :func:`rfm_table` reports it.

    Args:
        transactions: one row per purchase or return (columns ``klant_id``,
            ``datum``, ``bedrag`` and ``order``).
        reference_date: the end of the period.
        bins: the number of score groups.
        order: the column with the order number (``None``: every purchase row counts).

    Returns:
        A Series ``rendement`` indexed by customer id.

    Raises:
        KlantDataError: as :func:`rfm_table` and :func:`rfm_scores`.

    >>> df = pd.DataFrame({"klant_id": ["a", "a", "b", "c"], "order_id": [1, 2, 3, 4],
    ...                    "datum": ["02-01-2025", "03-02-2025", "04-03-2025", "05-06-2025"],
    ...                    "bedrag": [10.0, 30.0, 60.0, 5.0]})
    >>> customer_rendement(df, reference_date="01-05-2025", bins=2).to_dict()  # c bought after 01-05-2025
    {'a': 33.3, 'b': 66.7}
    """
    table = rfm_table(transactions, reference_date=reference_date, order=order, later="coerce")
    return rendement(rfm_scores(table, bins=bins), bins=bins)


def pareto_table(values: pd.Series) -> pd.DataFrame:
    """The 80/20 table: customers from highest to lowest value, with cumulative shares.

    ``aandeel_klanten`` is the share of customers up to and including this one,
    ``aandeel_omzet`` their share of the total. Ties are ordered by customer id.

    >>> pareto_table(pd.Series({"a": 10.0, "b": 60.0, "c": 30.0}))
      klant  waarde  aandeel_klanten  aandeel_omzet
    1     b    60.0         0.333333            0.6
    2     c    30.0         0.666667            0.9
    3     a    10.0         1.000000            1.0
    """
    values = pd.Series(values).dropna().astype("float64")
    if values.empty:
        raise KlantDataError("Er zijn geen waarden om een Paretotabel van te maken.")
    total = values.sum()
    if total <= 0:
        raise KlantDataError("De totale omzet is nul of negatief: aandelen van de omzet zeggen dan niets.")
    ordered = values.rename_axis("klant").reset_index(name="waarde")
    ordered = ordered.sort_values(["waarde", "klant"], ascending=[False, True], kind="stable").reset_index(drop=True)
    ordered["aandeel_klanten"] = np.arange(1, len(ordered) + 1) / len(ordered)
    ordered["aandeel_omzet"] = ordered["waarde"].cumsum() / total
    ordered.index = pd.RangeIndex(1, len(ordered) + 1)
    return ordered


def top_share(values: pd.Series, top: float = 0.2) -> float:
    """The share of the total that the best ``top`` fraction of customers brings (the 80/20 check).

    The top group is ``round(top × number of customers)`` customers, at least one.

    >>> top_share(pd.Series([50.0, 20.0, 10.0, 10.0, 5.0, 5.0, 0.0, 0.0, 0.0, 0.0]), top=0.2)
    0.7
    """
    if not 0 < top <= 1:
        raise KlantDataError(f"top is een aandeel tussen 0 en 1 (0.2 = de beste 20%), niet {top!r}.")
    table = pareto_table(values)
    k = max(1, int(math.floor(top * len(table) + 0.5)))
    return round(float(table["aandeel_omzet"].iloc[k - 1]), 6)


def day_after_last_transaction(transactions: pd.DataFrame, *, date: str = "datum") -> pd.Timestamp:
    """The day after the last transaction: a reference date that keeps every transaction in the period.

    For counting over all the data (notebook 00) with :func:`rfm_table`'s rules.
    Dates are read as :func:`rfm_table` reads them (``dd-mm-jjjj`` text too).

    >>> day_after_last_transaction(pd.DataFrame({"datum": ["30-12-2025", "2025-06-01", None]}))
    Timestamp('2025-12-31 00:00:00')
    """
    require_columns(transactions, [date], fix=_COLUMN_FIX)
    last = to_dates(transactions[date], errors="coerce").max()
    if pd.isna(last):
        raise KlantDataError(f"De kolom '{date}' bevat geen enkele bruikbare datum (schrijf bijvoorbeeld 31-12-2025).")
    return pd.Timestamp(last).normalize() + pd.Timedelta(days=1)
