"""klantlib.centricity and stats.mean_difference (notebook 07): the benchmark as published, the mirror by hand and
by scipy, the scan profile, and bad input refused in Dutch."""

import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import stats as scipy_stats

from klantlib.centricity import (
    HIGHER,
    LOWER,
    NONE,
    PERCEPTION_GAP,
    benchmark,
    customers_view,
    mirror,
    mirror_reading,
    registered_metrics,
    scan_profile,
    scan_reading,
)
from klantlib.data import read_table
from klantlib.errors import KlantDataError
from klantlib.stats import mean_difference

#: The benchmark's published means (1-7) per statement, in the source's order.
PUBLISHED = [5.17, 5.31, 4.36, 5.34, 5.00, 4.87, 4.64, 5.68, 5.59, 5.28, 4.96]
#: The share of organisations that register each customer metric (%), as published.
REGISTERED = {"tevredenheid": 58, "feedback": 73, "omzet": 77, "kosten": 33, "share_of_wallet": 15, "clv": 17}


def test_the_eleven_means_exactly_as_published():
    scan = benchmark()
    assert scan.codes == [f"B{k}" for k in range(1, 12)]
    assert scan.items["referentie"].tolist() == PUBLISHED
    assert scan.scale == (1, 7) and scan.ends == ("geheel niet mee eens", "geheel mee eens")
    assert "Klantgericht Ondernemen" in scan.source and "162" in scan.source


def test_statements_grouped_as_the_source_and_read_as_culture_by_the_course():
    items = benchmark().items
    assert set(items["dimensie"]) == {"structuur"}  # the source prints all eleven under "Structuur"
    assert items.index[items["aspect"] == "cultuur"].tolist() == ["B8", "B9", "B10", "B11"]
    # the course's reading of Shah et al.'s four aspects of organising
    assert set(items["aspect"]) == {"structuur", "processen", "financiën", "cultuur"}
    assert items.at["B3", "aspect"] == "financiën"
    assert (customers_view().items["aspect"] == items.loc[customers_view().codes, "aspect"]).all()


def test_the_customers_side_uses_the_benchmark_codes_without_what_customers_cannot_see():
    theirs = customers_view()
    assert set(theirs.codes) < set(benchmark().codes)
    assert {"B3", "B7", "B9"}.isdisjoint(theirs.codes)
    assert theirs.items["referentie"].isna().all() and theirs.scale == (1, 7) and not theirs.required


def test_registered_metrics_exactly_as_published():
    table = registered_metrics()
    assert table["geregistreerd"].to_dict() == REGISTERED
    assert set(table["trapper"]) == {"ja", "nee"}
    assert table.loc[["kosten", "share_of_wallet"], "trapper"].eq("nee").all()
    assert table["nodig"].str.len().gt(20).all()


def test_the_perception_gap_as_cited():
    assert PERCEPTION_GAP == {"bedrijven_superieur": 0.80, "klanten_eens": 0.08, "vertrouwen_bedrijf": 8.0,
                              "vertrouwen_klant": 5.5}


# -- mean_difference: Welch's interval ---------------------------------------------------------------------------

def test_mean_difference_by_hand():
    # a: mean 6, variance 2/3; b: mean 4, variance 0.8. se² = (2/3)/4 + 0.8/6 = 0.3; df = 0.09 / (...)
    a, b = [6, 6, 7, 5], [4, 5, 3, 4, 5, 3]
    se2 = (2 / 3) / 4 + 0.8 / 6
    df = se2 ** 2 / (((2 / 3) / 4) ** 2 / 3 + (0.8 / 6) ** 2 / 5)
    half = scipy_stats.t.ppf(0.975, df) * math.sqrt(se2)
    row = mean_difference(pd.Series(a, name="x"), pd.Series(b, name="x")).loc["x"]
    assert row["verschil"] == pytest.approx(2.0)
    assert row["ondergrens"] == pytest.approx(2 - half) and row["bovengrens"] == pytest.approx(2 + half)
    assert (row["n_1"], row["n_2"]) == (4, 6)


@pytest.mark.filterwarnings("ignore:Precision loss:RuntimeWarning")  # scipy, on nearly equal data
@settings(max_examples=40, deadline=None)
@given(st.lists(st.integers(1, 7), min_size=2, max_size=30), st.lists(st.integers(1, 7), min_size=2, max_size=30),
       st.sampled_from([0.9, 0.95, 0.99]))
def test_mean_difference_equals_scipy_welch(a, b, confidence):
    if np.var(a) == 0 and np.var(b) == 0:
        return  # scipy gives no interval without any spread
    row = mean_difference(pd.Series(a, name="x", dtype=float), pd.Series(b, name="x", dtype=float),
                          confidence=confidence).loc["x"]
    interval = scipy_stats.ttest_ind(a, b, equal_var=False).confidence_interval(confidence)
    assert row["ondergrens"] == pytest.approx(interval.low) and row["bovengrens"] == pytest.approx(interval.high)


def test_mean_difference_leaves_out_blanks_and_has_no_interval_for_one_value():
    table = mean_difference(pd.DataFrame({"x": [5, None, 7], "y": [3, None, None]}),
                            pd.DataFrame({"x": [4, 4, 5], "y": [2, 3, 4]}))
    assert table.at["x", "n_1"] == 2 and table.at["x", "verschil"] == pytest.approx(6 - 13 / 3)
    assert table.at["y", "n_1"] == 1 and math.isnan(table.at["y", "ondergrens"])


def test_mean_difference_refuses_a_missing_column_and_a_wrong_level():
    with pytest.raises(KlantDataError, match="'y'"):
        mean_difference(pd.DataFrame({"x": [1, 2], "y": [1, 2]}), pd.DataFrame({"x": [1, 2]}))
    with pytest.raises(KlantDataError, match="0.95"):
        mean_difference(pd.DataFrame({"x": [1, 2]}), pd.DataFrame({"x": [1, 2]}), confidence=95)


# -- the mirror ---------------------------------------------------------------------------------------------------

def _sides(gap_on: dict[str, int], seed: int = 0, n_own: int = 30, n_customers: int = 80):
    rng = np.random.default_rng(seed)
    own = pd.DataFrame({code: rng.integers(4, 7, n_own) for code in benchmark().codes})
    customers = pd.DataFrame({code: rng.integers(4, 7, n_customers) for code in customers_view().codes})
    for code, drop in gap_on.items():
        customers[code] = (customers[code] - drop).clip(1, 7)
    return own, customers


def test_mirror_by_hand_and_scipy():
    own, customers = _sides({"B10": 2})
    table = mirror(own, customers)
    assert list(table.index) == customers_view().codes  # shared statements, in the benchmark's order
    for code in table.index:
        assert table.at[code, "zelfbeeld"] == pytest.approx(own[code].mean())
        assert table.at[code, "klantbeeld"] == pytest.approx(customers[code].mean())
        interval = scipy_stats.ttest_ind(own[code], customers[code], equal_var=False).confidence_interval()
        assert table.at[code, "ondergrens"] == pytest.approx(interval.low)
        assert table.at[code, "bovengrens"] == pytest.approx(interval.high)
    assert table.at["B10", "oordeel"] == HIGHER
    assert table.at["B10", "tekst"] == benchmark().items.at["B10", "tekst"]
    assert table.at["B10", "klanttekst"] == customers_view().items.at["B10", "tekst"]
    assert (table["medewerkers"] == 30).all() and (table["klanten"] == 80).all()


def test_the_verdict_follows_the_interval():
    own, customers = _sides({"B10": 2, "B2": -2}, seed=3)
    table = mirror(own, customers)
    assert table.at["B10", "oordeel"] == HIGHER and table.at["B2", "oordeel"] == LOWER
    for code, row in table.iterrows():
        expected = HIGHER if row["ondergrens"] > 0 else LOWER if row["bovengrens"] < 0 else NONE
        assert row["oordeel"] == expected


def test_mirror_keeps_blank_answers_out_of_the_means():
    own, customers = _sides({})
    customers = customers.astype("float64")
    customers.loc[:9, "B5"] = np.nan
    table = mirror(own, customers)
    assert table.at["B5", "klanten"] == 70
    assert table.at["B5", "klantbeeld"] == pytest.approx(customers["B5"].mean())


def test_mirror_of_a_pooled_class_with_one_questionnaire_on_both_sides(tmp_path):
    own, _ = _sides({})
    for k, part in enumerate((own.iloc[:10], own.iloc[10:])):
        part.to_csv(tmp_path / f"student{k}.csv", index=False)
    pooled = benchmark().pool(tmp_path)
    table = mirror(pooled, own, customers_questionnaire="benchmark")
    assert len(table) == 11 and (table["verschil"].abs() < 1e-12).all()
    assert (table["oordeel"] == NONE).all()


def test_mirror_names_file_column_and_row_of_a_wrong_answer(tmp_path):
    own, customers = _sides({})
    customers.loc[4, "B6"] = 9
    path = tmp_path / "klanten.csv"
    customers.to_csv(path, index=False)
    with pytest.raises(KlantDataError) as info:
        mirror(own, read_table(path))
    message = str(info.value)
    assert "klanten.csv" in message and "'B6'" in message and "rij 6" in message and "9" in message


def test_mirror_refuses_questionnaires_without_a_shared_statement():
    from klantlib.survey import Questionnaire

    other = Questionnaire.load("relatiesterkte")
    with pytest.raises(KlantDataError, match="geen enkele stelling"):
        mirror(pd.DataFrame(), pd.DataFrame(), customers_questionnaire=other)
    with pytest.raises(KlantDataError, match="Questionnaire"):
        mirror(pd.DataFrame(), pd.DataFrame(), own_questionnaire=3)


def test_mirror_reading_names_the_largest_gaps_first_and_where_both_agree():
    own, customers = _sides({"B10": 3, "B11": 2, "B5": 1}, seed=5, n_own=40, n_customers=300)
    table = mirror(own, customers)
    text = mirror_reading(table, own="Trapper", customers="zijn klanten", largest=2)
    clear = table[table["oordeel"] == HIGHER].sort_values("verschil", ascending=False)
    assert text.index(clear.index[0]) < text.index(clear.index[1])
    assert f"bij {len(clear)} van de {len(table)} stellingen" in text
    same = table.index[table["oordeel"] == NONE]
    assert all(code in text.split("Geen duidelijk verschil")[1] for code in same)
    assert "." in text and "0." not in text.replace("10.", "")  # numbers the Dutch way


def test_mirror_reading_without_clear_gaps_and_bad_tables():
    own, _ = _sides({})
    table = mirror(own, own[customers_view().codes])
    assert "Bij geen van de 8 stellingen" in mirror_reading(table)
    assert "leeg" in mirror_reading(table.iloc[:0])
    with pytest.raises(KlantDataError, match="mirror"):
        mirror_reading(pd.DataFrame({"x": [1]}))


# -- one respondent's scan -------------------------------------------------------------------------------------------

def test_scan_profile_against_the_benchmark_and_a_survey():
    own, _ = _sides({})
    table = benchmark().compare(own)
    profile = scan_profile({"B1": 7, "B3": 2, "B5": None}, table)
    assert profile.attrs["beantwoord"] == 2
    assert profile.at["B1", "verschil"] == pytest.approx(7 - 5.17)
    assert math.isnan(profile.at["B5", "jouw_antwoord"])
    assert profile["gemiddelde"].tolist() == pytest.approx(own.mean().tolist())
    assert profile["referentie"].tolist() == PUBLISHED


def test_scan_profile_refuses_an_answer_off_the_scale():
    with pytest.raises(KlantDataError, match="1 tot en met 7"):
        scan_profile({"B1": 8})


def test_scan_reading_counts_above_and_below():
    text = scan_reading(scan_profile({"B1": 7, "B3": 2, "B8": 6, "B9": 4}), "de bibliotheek")
    assert text.startswith("Je gaf 4 van de 11 antwoorden. De bibliotheek scoort boven het gemiddelde van de "
                           "benchmark bij 2 daarvan en eronder bij 2.")
    assert "Het meest erboven: B1 (7 tegen 5,17); het meest eronder: B3 (2 tegen 4,36)." in text
    assert "Vul de stellingen in" in scan_reading(scan_profile({}))


def test_a_forms_export_with_the_statements_as_headers_and_words_as_answers(tmp_path):
    texts = benchmark().items["tekst"].tolist()
    words = ["Geheel mee eens", "Mee eens", "Neutraal", "Enigszins mee eens", "Niet mee eens",
             "Geheel niet mee eens", "Enigszins niet mee eens", "Mee eens", "Geheel mee eens", "Neutraal",
             "Enigszins mee eens"]
    frame = pd.DataFrame([["1", "3-12-2026 10:01", *words], ["2", "3-12-2026 10:02", *"56432567543"]],
                         columns=["Id", "Begintijd", *texts])
    path = tmp_path / "zelfscan.csv"
    frame.to_csv(path, index=False)
    scan = benchmark().read(path)
    assert scan[benchmark().codes].iloc[0].tolist() == [7, 6, 4, 5, 2, 1, 3, 6, 7, 4, 5]
    assert scan[benchmark().codes].iloc[1].tolist() == [5, 6, 4, 3, 2, 5, 6, 7, 5, 4, 3]
    frame.iloc[1, 5] = "8"
    frame.to_csv(path, index=False)
    with pytest.raises(KlantDataError) as info:
        benchmark().read(path)
    assert "zelfscan.csv" in str(info.value) and "rij 3" in str(info.value) and "B4" in str(info.value)
