"""Loyal customers: how many customers bought at least N times, and what they bring (notebook 00).

The start notebook's first look at the idea behind §1.3: a small group of
customers who come back brings a large share of the revenue. Orders are counted
by :func:`klantlib.rfm.rfm_table`'s rules (a return is not an order, rows that
can't be used are reported), so notebook 00 and notebook 04 count the same.

- :func:`customer_orders`: per customer the number of orders and the net revenue;
- :func:`loyal_customers`: the customers with at least ``min_orders`` orders and
  their share of the customers and of the revenue;
- :func:`customers_per_order_count`: how many customers placed 1, 2, ... orders
  (what the start notebook's bar chart shows).

>>> df = pd.DataFrame({"klant_id": ["a", "a", "b", "c"], "order_id": [1, 2, 3, 4], "bedrag": [10.0, 30.0, 40.0, 20.0],
...                    "datum": ["02-01-2025", "03-02-2025", "04-03-2025", "05-03-2025"]})
>>> loyal_customers(customer_orders(df), 2)
{'min_orders': 2, 'klanten': 1, 'aandeel_klanten': 0.3333, 'aandeel_omzet': 0.4}
"""

from __future__ import annotations

import numbers

import pandas as pd

from klantlib.errors import KlantDataError
from klantlib.parsing import require_columns
from klantlib.rfm import day_after_last_transaction, rfm_table

__all__ = ["MOST_ORDERS", "customer_orders", "customers_per_order_count", "loyal_customers"]

#: The bar chart of notebook 00 has one bar per number of orders, 1 .. 9, and one for 10 or more.
MOST_ORDERS = 10

_ORDERS_FIX = "Maak de tabel met customer_orders(transacties)."


def customer_orders(transactions: pd.DataFrame, *, customer: str = "klant_id", order: str | None = "order_id",
                    amount: str = "bedrag", date: str = "datum") -> pd.DataFrame:
    """Per customer: the number of distinct orders (``bestellingen``) and net revenue (``omzet``).

    Counted by :func:`klantlib.rfm.rfm_table` over the whole period (up to the day
    after the last transaction): ``bestellingen`` is its ``frequency`` (a return
    is not an order), ``omzet`` its ``monetary``. Its rules hold here too: rows
    without a usable customer, date or amount are left out with a warning, and so
    are customers with returns only; identical rows count, with a warning.

    Args:
        transactions: one row per purchase or return.
        customer, order, amount, date: the column names; with ``order=None`` every
            purchase row counts as an order.

    Returns:
        A DataFrame indexed by customer id, columns ``bestellingen`` (whole
        number, at least 1) and ``omzet``.

    Raises:
        KlantDataError: as :func:`klantlib.rfm.rfm_table` (a missing column, no
            usable date or purchase).

    >>> df = pd.DataFrame({"klant_id": ["a", "a", "b"], "order_id": [1, 2, 3], "bedrag": [10.0, 30.0, 60.0],
    ...                    "datum": ["02-01-2025", "03-02-2025", "04-03-2025"]})
    >>> customer_orders(df)
              bestellingen  omzet
    klant_id
    a                    2   40.0
    b                    1   60.0
    """
    table = rfm_table(transactions, reference_date=day_after_last_transaction(transactions, date=date),
                      customer=customer, date=date, amount=amount, order=order)
    return table[["frequency", "monetary"]].rename(columns={"frequency": "bestellingen", "monetary": "omzet"})


def _check_orders(orders: pd.DataFrame) -> None:
    require_columns(orders, ["bestellingen", "omzet"], fix=_ORDERS_FIX)
    if orders.empty:
        raise KlantDataError("Er zijn geen klanten met een bestelling: er valt niets te tellen.")


def loyal_customers(orders: pd.DataFrame, min_orders: int) -> dict:
    """The customers with at least ``min_orders`` orders: how many, and their share of customers and revenue.

    Args:
        orders: the result of :func:`customer_orders`.
        min_orders: the smallest number of orders that counts (a whole number, at least 1).

    Returns:
        A dict: ``min_orders``; ``klanten`` (how many customers have at least that
        many orders); ``aandeel_klanten`` and ``aandeel_omzet`` (their share of
        all customers and of the net revenue, fractions rounded to 4 decimals).

    Raises:
        KlantDataError: ``orders`` misses a column or is empty, ``min_orders`` is
            not a whole number of at least 1, or the total revenue is zero or
            negative (a share of it says nothing).

    >>> orders = pd.DataFrame({"bestellingen": [2, 1], "omzet": [40.0, 60.0]}, index=["a", "b"])
    >>> loyal_customers(orders, 2)
    {'min_orders': 2, 'klanten': 1, 'aandeel_klanten': 0.5, 'aandeel_omzet': 0.4}
    """
    _check_orders(orders)
    if isinstance(min_orders, bool) or not isinstance(min_orders, numbers.Integral) or min_orders < 1:
        raise KlantDataError(f"min_orders moet een heel getal van minstens 1 zijn, niet {min_orders!r}.")
    total = float(orders["omzet"].sum())
    if total <= 0:
        raise KlantDataError("De totale omzet is nul of negatief: een aandeel van de omzet zegt dan niets.")
    chosen = orders["bestellingen"] >= min_orders
    return {
        "min_orders": int(min_orders),
        "klanten": int(chosen.sum()),
        "aandeel_klanten": round(float(chosen.mean()), 4),
        "aandeel_omzet": round(float(orders.loc[chosen, "omzet"].sum()) / total, 4),
    }


def customers_per_order_count(orders: pd.DataFrame, *, most: int = MOST_ORDERS) -> pd.Series:
    """How many customers placed 1, 2, ... orders; ``most`` or more orders are counted together.

    Args:
        orders: the result of :func:`customer_orders`.
        most: the last count; customers with more orders are counted under it ("10 of meer").

    Returns:
        A Series ``klanten`` indexed by ``bestellingen`` from 1 to ``most`` (every
        count, 0 where no customer has it); it adds up to the number of customers.

    Raises:
        KlantDataError: ``orders`` misses a column or is empty.

    >>> orders = pd.DataFrame({"bestellingen": [1, 1, 2, 7], "omzet": [10.0, 5.0, 40.0, 90.0]})
    >>> customers_per_order_count(orders, most=4).to_dict()
    {1: 2, 2: 1, 3: 0, 4: 1}
    """
    _check_orders(orders)
    counts = orders["bestellingen"].clip(upper=most).value_counts()
    every = pd.RangeIndex(1, most + 1, name="bestellingen")
    return counts.reindex(every, fill_value=0).astype("int64").rename("klanten")
