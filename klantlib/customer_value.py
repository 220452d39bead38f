"""Customer value: revenue, margin and retention per customer, and a customer lifetime value (notebook 07; §1.5).

The benchmark Klantgericht Ondernemen asks which customer metrics an
organisation registers (:func:`klantlib.centricity.registered_metrics`). Four
of them can be computed from a transaction log with customer numbers:

- :func:`yearly_value`: per customer and year the revenue (``omzet``) and the
  gross margin (``marge``: each amount without btw times its category's margin);
- :func:`retention`: the share of last year's customers who bought again this year;
- :func:`clv`: a customer lifetime value from a margin, a retention and a
  discount rate;
- :func:`customer_value`: all of them for one year, for all customers or per
  group (a quadrant of the customer matrix, a customer type).

**The CLV formula is the course's choice.** Many formulas exist. This course uses
a common teaching formula for a constant margin ``m`` per year, a retention
``r`` and a discount rate ``d``:

    CLV = m × r / (1 + d − r)

It sums the margins of the coming years, each weighed by the chance that the
customer is still there (r, r², ...) and discounted to money of today. It
assumes the margin and the retention stay as they are and counts the future
only (this year's margin is not in it). The discount rate :data:`DISCOUNT`
(8% a year) is a choice too: change it and see what it does.

Amounts, dates and ids are read by :mod:`klantlib.parsing`'s rules; a row that
can't be used is left out with a warning that counts it (``errors="warn"``) or
is an error (``errors="raise"``).

>>> round(clv(100, 0.6), 2)
125.0
"""

from __future__ import annotations

import math
import numbers

import numpy as np
import pandas as pd

from klantlib.errors import KlantDataError, check_errors, drop_invalid_rows, require_rows
from klantlib.parsing import require_columns, to_dates, to_ids, to_numbers

__all__ = ["DISCOUNT", "VAT", "clv", "customer_value", "retention", "yearly_value"]

#: The btw (VAT) in the amounts of Trapper's transactions: 21%, the Dutch general rate.
VAT = 0.21

#: The yearly discount rate of the course's CLV: a choice (8%), roughly what a small retailer pays for capital.
DISCOUNT = 0.08

_FIX = ("Geef de kolomnamen van jouw bestand mee, bijvoorbeeld yearly_value(..., customer=\"Klantnummer\", "
        "amount=\"Bedrag\").")


def _margins(margins) -> pd.Series:
    """The gross margin per category, as fractions, from a table (categorie, brutomarge), a Series or a dict."""
    if isinstance(margins, pd.DataFrame):
        require_columns(margins, ["categorie", "brutomarge"], fix="Geef de marges als tabel met de kolommen "
                        "'categorie' en 'brutomarge' (zoals load_dataset('marges')).")
        margins = pd.Series(margins["brutomarge"].to_numpy(), index=margins["categorie"].astype(str))
    elif isinstance(margins, dict):
        margins = pd.Series(margins, dtype="object")
    if not isinstance(margins, pd.Series):
        raise KlantDataError("Geef de marges als tabel (categorie, brutomarge), Series of dict, zoals "
                             "{'e-bike': 0.24, 'onderhoud': 0.6}.")
    values = to_numbers(margins, column="brutomarge", errors="coerce")
    wrong = values.isna() | ~values.between(-1, 1)
    if wrong.any():
        shown = ", ".join(f"{category}: {margins[category]!r}" for category in margins.index[wrong][:5])
        raise KlantDataError(f"Een brutomarge is een deel van het bedrag, tussen 0 en 1 (0.3 voor 30%); niet bij "
                             f"{shown}.")
    return values


def yearly_value(transactions: pd.DataFrame, margins, *, vat: float = VAT, customer: str = "klant_id",
                 date: str = "datum", amount: str = "bedrag", category: str = "categorie",
                 errors: str = "warn") -> pd.DataFrame:
    """Per customer and calendar year: the net revenue and the gross margin.

    The revenue is the sum of the amounts as they are (Trapper's include 21%
    btw, as in notebooks 00 and 04). The margin of a row is its amount without
    btw times the gross margin of its category: amount / (1 + vat) × margin,
    since a gross margin is a share of the price without btw. A return (a
    negative amount) lowers both. A customer counts as a customer of a year
    when he bought something that year (a row with a positive amount).

    Args:
        transactions: one row per purchase or return, with a customer, a date,
            an amount and a category.
        margins: the gross margin per category as a fraction (a table with
            ``categorie`` and ``brutomarge`` as ``load_dataset("marges")``, a
            Series or a dict).
        vat: the btw in the amounts, as a fraction (:data:`VAT`, 21%; 0 for
            amounts without btw).
        customer, date, amount, category: the column names.
        errors: ``"warn"`` (default): a row without a usable customer, date or
            amount is left out with a warning that counts it; ``"raise"``: an error.

    Returns:
        One row per customer and year (index ``klant_id``, ``jaar``) with
        ``omzet``, ``marge`` and ``gekocht`` (whether he bought that year).

    Raises:
        KlantDataError: a missing column, an empty table, a category without a
            margin (naming it), or no usable row.

    >>> log = pd.DataFrame({"klant_id": ["a", "a", "b"], "datum": ["2024-03-01", "2025-05-01", "2025-06-01"],
    ...                     "bedrag": [1000.0, 100.0, 200.0], "categorie": ["e-bike", "onderhoud", "onderhoud"]})
    >>> yearly_value(log, {"e-bike": 0.25, "onderhoud": 0.5}, vat=0)
                    omzet  marge  gekocht
    klant_id jaar
    a        2024  1000.0  250.0     True
             2025   100.0   50.0     True
    b        2025   200.0  100.0     True
    """
    errors = check_errors(errors, ("raise", "warn"))
    source = transactions.attrs.get("source") if isinstance(transactions, pd.DataFrame) else None
    require_columns(transactions, [customer, date, amount, category], source=source, fix=_FIX)
    require_rows(transactions, name="de transacties", row="transactie", consequence="valt er geen klantwaarde te meten",
                 source=source)
    rates = _margins(margins)
    _fraction(vat, "De btw", 0, 1, "0.21 voor 21%")
    # 1. Read each column by the course's rules; a row that misses something is reported, never guessed.
    rows = pd.DataFrame({"klant_id": to_ids(transactions[customer], column=customer, source=source),
                         "datum": to_dates(transactions[date], column=date, source=source, errors="coerce"),
                         "bedrag": to_numbers(transactions[amount], column=amount, source=source, errors="coerce"),
                         "categorie": transactions[category].astype("string").str.strip()},
                        index=transactions.index)
    for column, what in ((customer, "klantnummer"), (date, "datum"), (amount, "bedrag")):
        key = {customer: "klant_id", date: "datum", amount: "bedrag"}[column]
        rows = drop_invalid_rows(rows, rows[key].isna(), f"het {what} in kolom '{column}' ontbreekt of is onleesbaar",
                                 errors=errors, source=source)
    if rows.empty:
        raise KlantDataError("Geen enkele transactie is bruikbaar, dus er valt geen klantwaarde te meten.")
    # 2. The margin of every row: its amount times its category's gross margin.
    unknown = sorted(set(rows["categorie"].dropna()) - set(rates.index))
    if unknown or rows["categorie"].isna().any():
        from klantlib.formatting import listing

        named = listing(unknown, quote=True) if unknown else "een lege categorie"
        raise KlantDataError(f"Voor {named} in kolom '{category}' staat geen brutomarge in de marges. Voeg de "
                             "marge van elke categorie toe.")
    rows["marge"] = rows["bedrag"] / (1 + vat) * rows["categorie"].map(rates).astype(float)
    rows["jaar"] = rows["datum"].dt.year
    rows["gekocht"] = rows["bedrag"] > 0
    # 3. Per customer and year: the sums, and whether he bought anything.
    out = rows.groupby(["klant_id", "jaar"]).agg(omzet=("bedrag", "sum"), marge=("marge", "sum"),
                                                 gekocht=("gekocht", "any"))
    return out


def retention(yearly: pd.DataFrame, year: int) -> float:
    """The share of the customers who bought in ``year - 1`` that bought again in ``year``.

    Args:
        yearly: the result of :func:`yearly_value`.
        year: the year of the second purchase.

    Returns:
        A fraction from 0 to 1.

    Raises:
        KlantDataError: nobody bought in ``year - 1`` (there is no retention to measure).

    >>> yearly = pd.DataFrame({"klant_id": ["a", "a", "b", "c"], "jaar": [2024, 2025, 2024, 2025],
    ...                        "gekocht": [True, True, True, True]}).set_index(["klant_id", "jaar"])
    >>> retention(yearly, 2025)
    0.5
    """
    bought = yearly.loc[yearly["gekocht"]].reset_index()
    before = set(bought.loc[bought["jaar"] == year - 1, "klant_id"])
    if not before:
        years = sorted(bought["jaar"].unique())
        raise KlantDataError(f"In {year - 1} kocht niemand, dus er is geen retentie van {year - 1} naar {year} te "
                             f"meten. Er zijn aankopen in {', '.join(str(y) for y in years)}: kies een jaar met een "
                             "jaar ervoor.")
    again = before & set(bought.loc[bought["jaar"] == year, "klant_id"])
    return len(again) / len(before)


def _fraction(value, name: str, low: float, high: float, example: str):
    if isinstance(value, bool) or not isinstance(value, (numbers.Real, np.ndarray, pd.Series)):
        raise KlantDataError(f"{name} moet een getal zijn ({example}), niet {value!r}.")
    array = np.asarray(value, dtype=float)
    if np.any((array < low) | (array > high)):
        raise KlantDataError(f"{name} moet tussen {low:g} en {high:g} liggen ({example}), niet {value!r}.")


def clv(margin, retention: float, discount: float = DISCOUNT):
    """The course's customer lifetime value: margin × retention / (1 + discount − retention).

    See the module docstring for what the formula assumes; it is the course's
    choice. Works on numbers and on Series (one value per group).

    Args:
        margin: the margin a customer brings per year (euro).
        retention: the chance that a customer comes back next year, 0 to 1
            (0.6 for 60%).
        discount: the yearly discount rate, 0 to 1 (:data:`DISCOUNT`, 8%).

    Returns:
        The value in euro (a number, or a Series like ``margin``).

    Raises:
        KlantDataError: a retention or discount rate off 0-1 (``60`` for 60% is
            refused with a message that says to write 0.6), or not a number.

    >>> round(clv(200, 0.5, 0.1), 2)
    166.67
    >>> clv(200, 60)
    Traceback (most recent call last):
    ...
    klantlib.errors.KlantDataError: De retentie moet tussen 0 en 1 liggen (0.6 voor 60%), niet 60.
    """
    _fraction(retention, "De retentie", 0, 1, "0.6 voor 60%")
    _fraction(discount, "De disconteringsvoet", 0, 1, "0.08 voor 8%")
    if isinstance(margin, bool) or not isinstance(margin, (numbers.Real, np.ndarray, pd.Series)):
        raise KlantDataError(f"De marge moet een bedrag zijn, niet {margin!r}.")
    return margin * retention / (1 + discount - retention)


def customer_value(yearly: pd.DataFrame, *, year: int | None = None, by: pd.Series | None = None,
                   discount: float = DISCOUNT) -> pd.DataFrame:
    """For one year, per group or for all customers: revenue and margin per customer, retention and CLV.

    Args:
        yearly: the result of :func:`yearly_value`.
        year: the year to measure (default: the last year in ``yearly``); the
            retention needs the year before it.
        by: optional, the group of each customer (a Series indexed by customer
            id: a quadrant of the customer matrix, a customer type). Customers
            without a group are left out, with a warning that counts them.
        discount: the yearly discount rate of the CLV (:data:`DISCOUNT`).

    Returns:
        One row per group (index ``groep``; one row ``alle`` without ``by``) with
        ``klanten`` (who bought in ``year``), ``omzet_per_klant`` and
        ``marge_per_klant`` (means over those customers), ``retentie`` (of the
        group's customers of the year before) and ``clv`` (:func:`clv` of the
        margin per customer and the retention). A group whose customers
        bought nothing in ``year`` (or the year before) has 0 ``klanten`` or NaN
        where that is needed, not an error; a categorical ``by`` keeps its
        order and its empty groups.

    Raises:
        KlantDataError: ``yearly`` is not made by :func:`yearly_value`, or nobody
            bought in ``year`` (without groups: or the year before).

    >>> yearly = pd.DataFrame({"klant_id": ["a", "a", "b", "c"], "jaar": [2024, 2025, 2024, 2025],
    ...                        "omzet": [900.0, 400.0, 500.0, 200.0], "marge": [200.0, 100.0, 120.0, 60.0],
    ...                        "gekocht": [True] * 4}).set_index(["klant_id", "jaar"])
    >>> customer_value(yearly, discount=0.1).round(2)
           klanten  omzet_per_klant  marge_per_klant  retentie    clv
    groep
    alle         2            300.0             80.0       0.5  66.67
    """
    from klantlib.formatting import counted

    needed = ["omzet", "marge", "gekocht"]
    if not isinstance(yearly, pd.DataFrame) or any(c not in yearly.columns for c in needed) \
            or list(yearly.index.names) != ["klant_id", "jaar"]:
        raise KlantDataError("Geef de tabel die yearly_value(transacties, marges) maakt.")
    years = sorted(yearly.index.get_level_values("jaar").unique())
    year = years[-1] if year is None else year
    table = yearly.reset_index()
    if by is not None:
        if not isinstance(by, pd.Series):
            raise KlantDataError("by moet per klant de groep geven: een Series met het klantnummer als index.")
        table["groep"] = table["klant_id"].map(by)
        unplaced = table.loc[table["groep"].isna(), "klant_id"].nunique()
        if unplaced:
            from klantlib.errors import warn

            warn(f"{counted(unplaced, 'klant')} zonder groep in by {'valt' if unplaced == 1 else 'vallen'} buiten "
                 "de berekening.")
            table = table[table["groep"].notna()]
    else:
        table["groep"] = "alle"
    rows = []
    groups = by.cat.categories if by is not None and isinstance(by.dtype, pd.CategoricalDtype) else \
        list(dict.fromkeys(table["groep"]))
    for group in groups:
        part = table[table["groep"] == group].set_index(["klant_id", "jaar"])
        this_year = part.xs(year, level="jaar") if year in part.index.get_level_values("jaar") else part.iloc[:0]
        buyers = this_year[this_year["gekocht"]]
        bought_before = bool(part["gekocht"].xs(year - 1, level="jaar").any()) \
            if year - 1 in part.index.get_level_values("jaar") else False
        if by is None and buyers.empty:
            raise KlantDataError(f"In {year} kocht niemand. Kies een jaar uit {', '.join(str(y) for y in years)}.")
        if by is None and not bought_before:
            retention(part, year)  # raises the Dutch error: nobody bought the year before
        # Means over the customers who bought this year; retention of last year's customers of the group.
        # A group without buyers (this year or the year before) gets NaN there, not an error for every group.
        margin = buyers["marge"].mean() if len(buyers) else math.nan
        kept = retention(part, year) if bought_before else math.nan
        rows.append({"groep": group, "klanten": len(buyers), "omzet_per_klant": buyers["omzet"].mean(),
                     "marge_per_klant": margin, "retentie": kept,
                     "clv": clv(margin, kept, discount) if not (math.isnan(margin) or math.isnan(kept)) else math.nan})
    out = pd.DataFrame(rows).set_index("groep")
    if by is not None and out["klanten"].sum() == 0:
        raise KlantDataError(f"In {year} kocht niemand in een van de groepen. Kies een jaar uit "
                             f"{', '.join(str(y) for y in years)}.")
    return out
