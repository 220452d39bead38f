"""klantlib.loyalty (notebook 00): orders counted as rfm_table counts them, shares worked out by hand, bad input."""

import pandas as pd
import pytest

import klantlib
from klantlib.errors import KlantDataError, KlantDataWarning
from klantlib.loyalty import MOST_ORDERS, customer_orders, customers_per_order_count, loyal_customers
from klantlib.rfm import rfm_table


@pytest.fixture(scope="module")
def transactions():
    return klantlib.load_dataset("transacties")


def test_customer_orders_are_rfm_frequency_and_monetary(transactions):
    orders = customer_orders(transactions)
    table = rfm_table(transactions, reference_date="2026-01-01", order="order_id")  # notebook 04's table
    assert orders["bestellingen"].tolist() == table["frequency"].tolist()
    assert orders["omzet"].tolist() == table["monetary"].tolist()
    assert orders.index.equals(table.index)


def test_customer_orders_reads_dates_as_rfm_table_and_leaves_out_returns_only():
    df = pd.DataFrame({"klant_id": ["a", "a", "b", "c"], "order_id": [1, 2, 3, 4],
                       "bedrag": [10.0, 30.0, 60.0, -5.0],
                       "datum": ["31-12-2025", "2025-01-02", "15-06-2025", "01-07-2025"]})
    with pytest.warns(KlantDataWarning, match="alleen retouren"):
        orders = customer_orders(df)
    assert orders.to_dict("index") == {"a": {"bestellingen": 2, "omzet": 40.0}, "b": {"bestellingen": 1, "omzet": 60.0}}


def test_loyal_customers_counts_distinct_orders():
    df = pd.DataFrame({"klant_id": ["a", "a", "a", "b", "c"], "order_id": [1, 1, 2, 3, 4],
                       "bedrag": [10.0, 5.0, 25.0, 40.0, 20.0],
                       "datum": ["02-01-2025", "02-01-2025", "05-02-2025", "06-03-2025", "07-04-2025"]})
    orders = customer_orders(df)
    assert orders.loc["a", "bestellingen"] == 2  # two lines of order 1 are one order
    assert loyal_customers(orders, 1) == {"min_orders": 1, "klanten": 3, "aandeel_klanten": 1.0, "aandeel_omzet": 1.0}
    assert loyal_customers(orders, 2)["aandeel_omzet"] == 0.4  # a: 40 of 100
    assert loyal_customers(orders, 3)["klanten"] == 0


def test_the_shipped_data_as_notebook_00_shows_it(transactions):
    orders = customer_orders(transactions)
    stats = loyal_customers(orders, 4)
    assert (stats["klanten"], stats["aandeel_klanten"], stats["aandeel_omzet"]) == (314, 0.0961, 0.2751)
    assert stats["klanten"] == (orders["bestellingen"] >= 4).sum()
    counts = customers_per_order_count(orders)
    assert counts.index.tolist() == list(range(1, MOST_ORDERS + 1)) and counts.sum() == len(orders)
    assert counts.loc[4:].sum() == stats["klanten"]


def test_customers_per_order_count_puts_many_orders_together_and_lists_every_count():
    orders = pd.DataFrame({"bestellingen": [1, 3, 3, 12, 40], "omzet": [5.0, 10.0, 20.0, 300.0, 900.0]})
    counts = customers_per_order_count(orders, most=5)
    assert counts.to_dict() == {1: 1, 2: 0, 3: 2, 4: 0, 5: 2}
    assert (counts.name, counts.index.name) == ("klanten", "bestellingen")


@pytest.mark.parametrize("bad", [0, -1, 2.5, "2", True, None])
def test_min_orders_must_be_a_whole_number_of_at_least_one(bad):
    orders = pd.DataFrame({"bestellingen": [1, 2], "omzet": [10.0, 20.0]})
    with pytest.raises(KlantDataError, match="min_orders moet een heel getal van minstens 1 zijn"):
        loyal_customers(orders, bad)


def test_no_share_of_a_revenue_that_is_not_there():
    with pytest.raises(KlantDataError, match="totale omzet is nul of negatief"):
        loyal_customers(pd.DataFrame({"bestellingen": [1, 2], "omzet": [10.0, -10.0]}), 1)
    with pytest.raises(KlantDataError, match="geen klanten met een bestelling"):
        loyal_customers(pd.DataFrame({"bestellingen": [], "omzet": []}), 1)
    with pytest.raises(KlantDataError, match="ontbreekt de kolom 'omzet'"):
        customers_per_order_count(pd.DataFrame({"bestellingen": [1]}))
