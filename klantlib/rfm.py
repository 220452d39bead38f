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
import warnings
from collections.abc import Sequence

import numpy as np
import pandas as pd

from klantlib.errors import KlantDataError, KlantDataWarning, describe_rows, drop_invalid_rows

__all__ = [
    "DRIVERS",
    "GROUPS",
    "assessment_matrix",
    "day_after_last_transaction",
    "pareto_table",
    "relatiesterkte",
    "rendement",
    "rfm_scores",
    "rfm_table",
    "top_share",
]

#: Schijns' (2000) four drivers of relationship strength, as survey columns.
DRIVERS = ("attractiviteit", "overstapkosten", "vertrouwen", "tevredenheid")
#: The four groups of the customer relations assessment matrix, best first.
GROUPS = ("Partners", "Vrienden", "Economici", "Dogs")


def _source(frame: pd.DataFrame) -> str | None:
    return frame.attrs.get("source")


def _require(frame: pd.DataFrame, columns: Sequence[str], what: str) -> None:
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        found = ", ".join(f"'{c}'" for c in frame.columns)
        where = f" in '{_source(frame)}'" if _source(frame) else ""
        raise KlantDataError(
            f"De kolom {', '.join(repr(m) for m in missing)} ontbreekt{where} ({what}). Gevonden kolommen: {found}. "
            "Geef de juiste kolomnaam mee, bijvoorbeeld rfm_table(..., customer=\"Klantnummer\", amount=\"Bedrag\")."
        )


def _as_dates(values: pd.Series) -> pd.Series:
    from klantlib._readers import _parse_dates  # the same rules as for a student's file

    return _parse_dates(values)


def _as_amounts(values: pd.Series) -> pd.Series:
    if pd.api.types.is_numeric_dtype(values):
        return values.astype("float64")
    from klantlib._readers import _guess_decimal, _parse_number

    return _parse_number(values, _guess_decimal(values))


def _reference(reference_date) -> pd.Timestamp:
    try:
        reference = pd.Timestamp(reference_date)
    except (ValueError, TypeError):
        reference = pd.NaT
    if reference is pd.NaT:
        raise KlantDataError(f"De peildatum {reference_date!r} is geen datum. Schrijf hem als '2026-01-01'.")
    return reference.normalize()


def rfm_table(transactions: pd.DataFrame, *, reference_date, customer: str = "klant_id", date: str = "datum",
              amount: str = "bedrag", order: str | None = None, errors: str = "warn") -> pd.DataFrame:
    """Recency, frequency and monetary value per customer, measured on ``reference_date``.

    - ``recency``: whole days from the customer's last purchase to ``reference_date``;
    - ``frequency``: the number of purchases: rows with a positive amount, or the
      number of distinct values of the ``order`` column among them when given;
    - ``monetary``: the sum of all amounts in the period (the book's "what the
      purchases yielded": a total, not a mean). Returns (negative amounts) lower
      it but are not purchases.

    The period ends at ``reference_date`` (required: without it "how long ago"
    changes every day). Rows after it are left out with a
    :class:`~klantlib.errors.KlantDataWarning` saying how many. Rows without a
    usable customer, date or amount (text such as ``"€ 12,50"`` and Dutch dates
    ``dd-mm-jjjj`` are read) and exact copies of an earlier row are left out with
    a warning naming the rows, or raise a :class:`~klantlib.errors.KlantDataError`
    with ``errors="raise"``. A customer with returns only, and no purchase, has
    no recency: reported and left out. Index: customer id, sorted.
    """
    if errors not in ("warn", "raise"):
        raise ValueError(f'errors moet "warn" of "raise" zijn, niet {errors!r}.')
    reference = _reference(reference_date)
    columns = [customer, date, amount] + ([order] if order else [])
    _require(transactions, columns, "rfm_table heeft klant, datum en bedrag nodig")
    source = _source(transactions)
    frame = transactions[columns]
    if frame.empty:
        raise KlantDataError(f"Er zijn geen transacties{f' in {source!r}' if source else ''}: de tabel is leeg.")
    when, money = _as_dates(frame[date]), _as_amounts(frame[amount])
    # Customer ids become integer codes once; checks on the text run on the distinct ids only.
    codes, ids = pd.factorize(frame[customer])  # a missing id gets code -1
    ids = pd.Index(ids)
    blank_id = (ids.astype("str").str.strip() == "") if not pd.api.types.is_numeric_dtype(ids) else np.zeros(len(ids), bool)
    no_id = (codes < 0) | np.append(np.asarray(blank_id, dtype=bool), False)[codes]
    textual = pd.api.types.is_string_dtype(ids) and ids.map(type).isin([str]).all()
    by_id = np.argsort(ids.to_numpy().astype("U"), kind="stable") if textual else ids.argsort()  # "U": fast sort
    rank = np.empty(len(ids), dtype="int64")
    rank[by_id] = np.arange(len(ids))  # codes in sorted order of the ids
    codes = np.where(codes < 0, -1, rank[np.maximum(codes, 0)])
    ids = ids[by_id]
    no_date, no_amount = when.isna().to_numpy(), money.isna().to_numpy()
    unusable = no_id | no_date | no_amount
    if unusable.any():
        parts = [name for name, bad in ((customer, no_id), (date, no_date), (amount, no_amount)) if bad.any()]
        drop_invalid_rows(frame, unusable, f"geen bruikbare waarde in {', '.join(parts)}", errors=errors,
                          source=source, fix="Vul de cel in of verbeter hem (bedrag als 12,50; datum als 31-12-2025).",
                          stacklevel=3)
        keep = ~unusable  # by position: row labels need not be unique
        codes, when, money, frame = codes[keep], when[keep], money[keep], frame[keep]
    order_codes = pd.factorize(frame[order])[0] if order else None
    days = when.to_numpy().astype("datetime64[D]").astype("int64")
    # Exact copies of an earlier row: only rows sharing customer and day can be one, so check those fully.
    same_day = pd.Series(codes.astype("int64") * 1_000_000 + (days - days.min())).duplicated(keep=False).to_numpy()
    duplicate = pd.Series(False, index=frame.index)
    if same_day.any():
        candidates = pd.DataFrame({"k": codes[same_day], "d": days[same_day], "a": money.to_numpy()[same_day],
                                   **({"o": order_codes[same_day]} if order else {})})
        duplicate[same_day] = candidates.duplicated().to_numpy()
    if duplicate.any():
        drop_invalid_rows(frame, duplicate.to_numpy(), "precies dezelfde rij staat er al eerder in (dubbel geteld?)",
                          errors=errors, source=source,
                          fix="Zijn het echt twee aankopen? Geef ze dan een eigen ordernummer.", stacklevel=3)
        keep = ~duplicate.to_numpy()
        codes, days, money, frame = codes[keep], days[keep], money[keep], frame[keep]
        order_codes = order_codes[keep] if order else None
    later = days > reference.to_datetime64().astype("datetime64[D]").astype("int64")
    if later.any():
        n = int(later.sum())
        if errors == "raise":
            raise KlantDataError(f"{n} transacties liggen na de peildatum {reference:%d-%m-%Y} "
                                 f"({describe_rows(frame.index[later])}). Kies een latere peildatum of haal ze weg.")
        warnings.warn(f"{n} van de {len(frame)} transacties liggen na de peildatum {reference:%d-%m-%Y} en vallen buiten "
                      "de periode; ze tellen niet mee.", KlantDataWarning, stacklevel=2)
        inside = ~later
        codes, days, money = codes[inside], days[inside], money[inside]
        order_codes = order_codes[inside] if order else None
    n_customers = len(ids)
    amounts = money.to_numpy()
    bought = amounts > 0
    monetary = np.bincount(codes, weights=amounts, minlength=n_customers)
    last = np.full(n_customers, np.iinfo("int64").min)
    np.maximum.at(last, codes[bought], days[bought])
    if order:
        base = int(order_codes.max()) + 1  # one integer per (customer, order) pair, then distinct pairs
        pairs = pd.unique(codes[bought].astype("int64") * base + order_codes[bought])
        frequency = np.bincount(pairs // base, minlength=n_customers)
    else:
        frequency = np.bincount(codes[bought], minlength=n_customers)
    present = np.bincount(codes, minlength=n_customers) > 0  # ids whose rows were all left out don't count
    has_purchase = frequency > 0
    result = pd.DataFrame(
        {
            "recency": (reference.to_datetime64().astype("datetime64[D]").astype("int64") - last),
            "frequency": frequency,
            "monetary": np.round(monetary, 2),
        },
        index=pd.Index(ids, name=customer),
    )
    if (present & ~has_purchase).any():
        only_returns = ids[present & ~has_purchase]
        warnings.warn(f"{len(only_returns)} klant(en) hebben in de periode alleen retouren en geen aankoop "
                      f"({', '.join(map(str, only_returns[:5]))}{' ...' if len(only_returns) > 5 else ''}); "
                      "zonder aankoop is er geen recency, dus ze tellen niet mee.", KlantDataWarning, stacklevel=2)
    result = result[has_purchase]
    if result.empty:
        raise KlantDataError("Er is geen enkele aankoop (positief bedrag) vóór de peildatum: er valt niets te meten.")
    return result


def _score(values: np.ndarray, bins: int) -> np.ndarray:
    """1 + floor(bins × share of values strictly below): ties share a score (see the module docstring)."""
    ordered = np.sort(values)
    below = np.searchsorted(ordered, values, side="left")
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
    if not isinstance(bins, (int, np.integer)) or not 2 <= bins <= 9:
        raise KlantDataError(f"bins moet een heel getal van 2 tot en met 9 zijn, niet {bins!r}.")
    _require(table, ["recency", "frequency", "monetary"], "maak de tabel met rfm_table")
    if table.empty:
        raise KlantDataError("De RFM-tabel is leeg: er zijn geen klanten om scores te geven.")
    numbers = table[["recency", "frequency", "monetary"]].astype("float64")
    if numbers.isna().any().any():
        bad = numbers.isna().any(axis=1)
        raise KlantDataError(f"Lege waarden in de RFM-tabel ({describe_rows(table.index[bad.to_numpy()])}). "
                             "Maak de tabel met rfm_table, die zulke rijen meldt en overslaat.")
    scored = table.copy()
    scored["R"] = _score(-numbers["recency"].to_numpy(), bins)
    scored["F"] = _score(numbers["frequency"].to_numpy(), bins)
    scored["M"] = _score(numbers["monetary"].to_numpy(), bins)
    scored["rfm_code"] = (scored["R"].astype("str") + scored["F"].astype("str") + scored["M"].astype("str")).astype("str")
    scored["rfm_totaal"] = scored["R"] + scored["F"] + scored["M"]
    scored.attrs["bins"] = int(bins)
    return scored


def rendement(scores: pd.DataFrame, *, bins: int | None = None) -> pd.Series:
    """Return ("rendement") on 0-100 from the RFM scores: the mean of R, F and M, rescaled.

    A customer with 1-1-1 gets 0, one with bins-bins-bins gets 100. ``bins`` is taken
    from :func:`rfm_scores` (it records it) unless given.

    >>> rendement(pd.DataFrame({"R": [5, 1, 3], "F": [5, 1, 2], "M": [5, 1, 4]}), bins=5).tolist()
    [100.0, 0.0, 50.0]
    """
    bins = bins or scores.attrs.get("bins", 5)
    _require(scores, ["R", "F", "M"], "maak de scores met rfm_scores")
    mean = scores[["R", "F", "M"]].astype("float64").mean(axis=1)
    return ((mean - 1) / (bins - 1) * 100).round(1).rename("rendement")


def relatiesterkte(survey: pd.DataFrame, *, scale: int = 7, customer: str = "klant_id",
                   errors: str = "raise") -> pd.Series:
    """Relationship strength on 0-100 from Schijns' four drivers, per customer.

    The mean of the answers given (1..``scale``) is rescaled to 0-100; a customer who
    skipped a question is scored on the others. An answer outside 1..``scale`` or
    not a whole number raises a :class:`~klantlib.errors.KlantDataError` naming row,
    column and value; with ``errors="missing"`` it counts as not given, with a
    warning. Customers who answered nothing are reported and left out.

    >>> survey = pd.DataFrame({"klant_id": ["a", "b"], "attractiviteit": [7, 1], "overstapkosten": [7, 1],
    ...                        "vertrouwen": [7, 4], "tevredenheid": [7, None]})
    >>> relatiesterkte(survey)
    klant_id
    a    100.0
    b     16.7
    Name: relatiesterkte, dtype: float64
    """
    if errors not in ("raise", "missing"):
        raise ValueError(f'errors moet "raise" of "missing" zijn, niet {errors!r}.')
    _require(survey, [customer, *DRIVERS], "de enquête heeft een klantnummer en de vier drijfveren nodig")
    if survey.empty:
        raise KlantDataError("De enquête is leeg: er zijn geen antwoorden.")
    source = _source(survey)
    answers = pd.DataFrame({d: _as_amounts(survey[d]) for d in DRIVERS}, index=survey.index)
    for driver in DRIVERS:
        raw, values = survey[driver], answers[driver]
        given = raw.notna() & raw.astype("str").str.strip().ne("")
        wrong = given & (values.isna() | (values % 1 != 0) | ~values.between(1, scale))
        if wrong.any():
            first = wrong.idxmax()
            if errors == "raise":
                raise KlantDataError(
                    f"In kolom '{driver}'{f' van {source!r}' if source else ''} staat op "
                    f"{describe_rows(survey.index[wrong.to_numpy()])} geen antwoord van 1 tot en met {scale} "
                    f"(bijvoorbeeld {raw[first]!r} op rij {first}). Verbeter het antwoord, maak de cel leeg, "
                    "of tel zulke antwoorden als niet ingevuld met errors=\"missing\"."
                )
            warnings.warn(f"{int(wrong.sum())} antwoord(en) in kolom '{driver}' liggen niet tussen 1 en {scale} "
                          f"({describe_rows(survey.index[wrong.to_numpy()])}) en tellen als niet ingevuld.",
                          KlantDataWarning, stacklevel=2)
            answers.loc[wrong, driver] = np.nan
    ids = survey[customer]
    duplicated = ids.duplicated(keep=False) & ids.notna()
    if duplicated.any():
        raise KlantDataError(f"Klant(en) {', '.join(map(str, ids[duplicated].unique()[:5]))} staan meer dan eens in de "
                             f"enquête ({describe_rows(survey.index[duplicated.to_numpy()])}). Houd één antwoord per klant.")
    nothing = answers.isna().all(axis=1) | ids.isna()
    answers = drop_invalid_rows(answers, nothing, "geen klantnummer of geen enkel antwoord", source=source, stacklevel=3)
    score = ((answers.mean(axis=1) - 1) / (scale - 1) * 100).round(1)
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


def assessment_matrix(rendement: pd.Series, relatiesterkte: pd.Series, *, cut=50) -> pd.DataFrame:
    """Place every customer in Schijns' matrix: Partners, Vrienden, Economici or Dogs.

    ``rendement`` (x) and ``relatiesterkte`` (y) are Series by customer id, 0-100.
    A score on or above the cut counts as high/strong. ``cut`` is one number for
    both axes, a pair ``(x, y)``, or ``"median"`` (the medians of the customers
    with both scores). Customers with only one of the two scores are kept, with an
    empty ``groep``, and reported in a :class:`~klantlib.errors.KlantDataWarning`.

    >>> x = pd.Series({"a": 80.0, "b": 20.0, "c": 90.0, "d": 10.0, "e": 60.0})
    >>> y = pd.Series({"a": 75.0, "b": 66.0, "c": 30.0, "d": 5.0})
    >>> assessment_matrix(x, y)["groep"].tolist()
    ['Partners', 'Vrienden', 'Economici', 'Dogs', nan]
    """
    both = pd.concat({"rendement": rendement.astype("float64"), "relatiesterkte": relatiesterkte.astype("float64")},
                     axis=1).sort_index()
    complete = both.notna().all(axis=1)
    if not complete.any():
        raise KlantDataError("Geen enkele klant heeft zowel een rendement als een relatiesterkte. Controleer of de "
                             "klantnummers in de enquête dezelfde zijn als in de transacties.")
    only_x = int((both["rendement"].notna() & ~complete).sum())
    only_y = int((both["relatiesterkte"].notna() & ~complete).sum())
    if only_x or only_y:
        parts = []
        if only_x:
            parts.append(f"{only_x} alleen een rendement (niet in de enquête)")
        if only_y:
            parts.append(f"{only_y} alleen een relatiesterkte (geen aankopen, of een onbekend klantnummer)")
        warnings.warn(f"Van de {len(both)} klanten hebben er {' en '.join(parts)}. Ze staan in de tabel zonder groep.",
                      KlantDataWarning, stacklevel=2)
    x_cut, y_cut = _cuts(cut, both.loc[complete, "rendement"], both.loc[complete, "relatiesterkte"])
    high = both["rendement"] >= x_cut
    strong = both["relatiesterkte"] >= y_cut
    group = np.select([high & strong, ~high & strong, high & ~strong], list(GROUPS[:3]), GROUPS[3])
    both["groep"] = pd.Categorical(np.where(complete, group, None), categories=list(GROUPS))
    both.attrs["cut"] = (x_cut, y_cut)
    return both


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
    _require(transactions, [date], "de datum van elke transactie")
    last = _as_dates(transactions[date]).max()
    if pd.isna(last):
        raise KlantDataError(f"De kolom '{date}' bevat geen enkele bruikbare datum (schrijf bijvoorbeeld 31-12-2025).")
    return pd.Timestamp(last).normalize() + pd.Timedelta(days=1)
