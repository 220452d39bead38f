"""klantlib.customer_value (notebook 07): revenue, margin, retention and the course's CLV on hand-made cases."""

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

import klantlib
from klantlib.customer_value import DISCOUNT, VAT, clv, customer_value, retention, yearly_value
from klantlib.data import read_table
from klantlib.errors import KlantDataError, KlantDataWarning

MARGINS = {"fiets": 0.25, "onderhoud": 0.5}


@pytest.fixture
def log() -> pd.DataFrame:
    # a: 2024 and 2025 (one return in 2025); b: 2024 only; c: 2025 only; d: 2024 only
    return pd.DataFrame({
        "klant_id": ["a", "a", "a", "b", "c", "d"],
        "datum": ["2024-03-01", "2025-05-01", "2025-06-01", "2024-06-01", "2025-07-01", "31-12-2024"],
        "bedrag": [1210.0, 242.0, -121.0, 605.0, 363.0, 121.0],
        "categorie": ["fiets", "onderhoud", "onderhoud", "fiets", "fiets", "onderhoud"],
    })


def test_yearly_value_by_hand(log):
    table = yearly_value(log, MARGINS)  # amounts include 21% btw: 1210 is 1000 without btw
    assert table.loc[("a", 2024), "omzet"] == 1210.0
    assert table.loc[("a", 2024), "marge"] == pytest.approx(1000 * 0.25)
    assert table.loc[("a", 2025), "omzet"] == 121.0 and table.loc[("a", 2025), "marge"] == pytest.approx(50.0)
    assert table.loc[("d", 2024), "marge"] == pytest.approx(50.0)  # a day-first text date is read as such
    assert table["gekocht"].all() and len(table) == 5


def test_without_btw_the_margin_is_on_the_amount(log):
    assert yearly_value(log, MARGINS, vat=0).loc[("a", 2024), "marge"] == pytest.approx(1210 * 0.25)


def test_retention_by_hand(log):
    # 2024: a, b, d; again in 2025: a -> 1/3
    assert retention(yearly_value(log, MARGINS), 2025) == pytest.approx(1 / 3)


def test_clv_by_hand():
    assert clv(100, 0.5, 0.1) == pytest.approx(100 * 0.5 / 0.6)
    assert clv(240, 0.0) == 0.0
    assert clv(100, 1.0, 0.1) == pytest.approx(1000.0)  # never lost: the margin as a perpetuity, m / d
    assert DISCOUNT == 0.08 and VAT == 0.21


@given(st.floats(0, 5000), st.floats(0, 0.95), st.floats(0.01, 0.3))
def test_clv_is_the_discounted_sum_of_kept_margins(margin, kept, discount):
    # m·r/(1+d−r) = Σ_{t≥1} m · r^t / (1+d)^t; summing 400 years is close enough for r ≤ 0.95
    total = sum(margin * kept ** t / (1 + discount) ** t for t in range(1, 400))
    assert clv(margin, kept, discount) == pytest.approx(total, rel=1e-6, abs=1e-6)


def test_clv_works_per_group():
    result = clv(pd.Series([100.0, 200.0]), 0.5, 0.0)
    assert result.tolist() == [100.0, 200.0]


@pytest.mark.parametrize(("args", "match"), [
    ((100, 60), "0.6 voor 60%"),
    ((100, -0.1), "retentie"),
    ((100, 0.5, 8), "0.08 voor 8%"),
    (("veel", 0.5), "bedrag"),
    ((100, "0,5"), "getal"),
])
def test_clv_refuses_in_dutch(args, match):
    with pytest.raises(KlantDataError, match=match):
        clv(*args)


def test_customer_value_by_hand(log):
    table = customer_value(yearly_value(log, MARGINS), discount=0.1)
    row = table.loc["alle"]
    # 2025 buyers: a (242 - 121 = 121 incl. btw of onderhoud: margin 100 × 0.5 = 50) and c (363: 300 × 0.25 = 75)
    assert row["klanten"] == 2
    assert row["omzet_per_klant"] == pytest.approx((121 + 363) / 2)
    assert row["marge_per_klant"] == pytest.approx((50 + 75) / 2)
    assert row["retentie"] == pytest.approx(1 / 3)
    assert row["clv"] == pytest.approx(62.5 * (1 / 3) / (1.1 - 1 / 3))


def test_customer_value_per_group_warns_for_customers_without_a_group(log):
    groups = pd.Series({"a": "trouw", "b": "trouw", "c": "nieuw"})
    yearly = yearly_value(log, MARGINS)
    with pytest.warns(KlantDataWarning, match="1 klant zonder groep"):
        table = customer_value(yearly, by=groups)
    # group 'nieuw' has no customer in 2024: no retention and no CLV, but its buyers are counted
    assert table.loc["nieuw", "klanten"] == 1 and table.loc["nieuw", "marge_per_klant"] == pytest.approx(75.0)
    assert pd.isna(table.loc["nieuw", "retentie"]) and pd.isna(table.loc["nieuw", "clv"])
    empty = pd.Series(pd.Categorical(["trouw", "trouw", "nieuw", "trouw"], categories=["trouw", "nieuw", "leeg"]),
                      index=["a", "b", "c", "d"])
    table = customer_value(yearly, by=empty)
    assert list(table.index) == ["trouw", "nieuw", "leeg"] and table.loc["leeg", "klanten"] == 0
    assert pd.isna(table.loc["leeg", "clv"])
    with pytest.warns(KlantDataWarning, match="2 klanten zonder groep in by vallen buiten"):
        table = customer_value(yearly, by=groups[groups == "trouw"])
    assert table.loc["trouw", "retentie"] == 0.5 and table.loc["trouw", "klanten"] == 1


def test_customer_value_on_trapper_matches_a_plain_pandas_count():
    transactions = klantlib.load_dataset("transacties")
    yearly = yearly_value(transactions, klantlib.load_dataset("marges"))
    table = customer_value(yearly)
    dates = pd.to_datetime(transactions["datum"])
    buyers = {year: set(transactions.loc[(dates.dt.year == year) & (transactions["bedrag"] > 0), "klant_id"])
              for year in (2024, 2025)}
    assert table.at["alle", "klanten"] == len(buyers[2025])
    assert table.at["alle", "retentie"] == pytest.approx(len(buyers[2024] & buyers[2025]) / len(buyers[2024]))


def test_a_missing_margin_and_a_bad_margin_are_dutch_errors(log):
    with pytest.raises(KlantDataError, match="'onderhoud'"):
        yearly_value(log, {"fiets": 0.25})
    with pytest.raises(KlantDataError, match="tussen 0 en 1"):
        yearly_value(log, {"fiets": 25, "onderhoud": 0.5})
    with pytest.raises(KlantDataError, match="'brutomarge'"):
        yearly_value(log, pd.DataFrame({"categorie": ["fiets"], "marge": [0.2]}))


def test_unusable_rows_are_counted_and_named(tmp_path, log):
    log["bedrag"] = log["bedrag"].astype(object)
    log.loc[1, "bedrag"] = "twee"
    path = tmp_path / "kassa.csv"
    log.to_csv(path, index=False)
    with pytest.warns(KlantDataWarning, match=r"1 van de 6 rijen in 'kassa.csv' overgeslagen \(rij 3\).*'bedrag'"):
        table = yearly_value(read_table(path), MARGINS)
    assert table.loc[("a", 2025), "omzet"] == -121.0
    with pytest.raises(KlantDataError, match="rij 3"):
        yearly_value(read_table(path), MARGINS, errors="raise")


def test_missing_columns_and_wrong_tables_are_dutch_errors(log):
    with pytest.raises(KlantDataError, match="'categorie'"):
        yearly_value(log.drop(columns="categorie"), MARGINS)
    with pytest.raises(KlantDataError, match="yearly_value"):
        customer_value(log)
    with pytest.raises(KlantDataError, match="In 2023 kocht niemand"):
        customer_value(yearly_value(log, MARGINS), year=2024)
    with pytest.raises(KlantDataError, match="In 2030 kocht niemand"):
        customer_value(yearly_value(log, MARGINS), year=2030)
    with pytest.raises(KlantDataError, match="In 2030 kocht niemand in een van de groepen"):
        customer_value(yearly_value(log, MARGINS), year=2030, by=pd.Series({"a": "x", "b": "x", "c": "y", "d": "y"}))
