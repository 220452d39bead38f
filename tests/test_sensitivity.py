"""klantlib.sensitivity and stats.correlation: the article's drivers, scores, intervals and correlations by hand and
against scipy, HET/WIJ/IK on hand-made lists, and bad input refused in Dutch."""

import math
import warnings

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import stats as scipy_stats

from klantlib.data import read_table
from klantlib.errors import KlantDataError, KlantDataWarning
from klantlib.sensitivity import (CAPABILITIES, LEVELS, RESULTS, SIDES, balance_reading, classify_measures,
                                  development_phases, drivers, links, links_reading, nps_by_level, profile, scan,
                                  scores, side_balance, sides)
from klantlib.stats import correlation

# -- the model as the article names it -------------------------------------------------------------------------


def test_capabilities_and_drivers_exactly_as_the_article_names_them():
    # De Haan & Langerak, figure 1: three capabilities, each with three affectivity drivers, in this order.
    assert CAPABILITIES == ("begrijpen", "verbinden", "koesteren")
    table = drivers()
    assert table.groupby("vermogen", sort=False).groups.keys() == set(CAPABILITIES)
    assert {capability: list(table.index[table["vermogen"] == capability]) for capability in CAPABILITIES} == {
        "begrijpen": ["ontvankelijkheid", "inlevingsvermogen", "begrip"],
        "verbinden": ["responsiviteit", "aandacht", "respect"],
        "koesteren": ["betrouwbaarheid", "dienstbaarheid", "partnership"],
    }
    assert RESULTS == ("merksympathie", "advocacy", "emotional credit")


def test_the_scan_has_two_statements_per_driver_and_says_they_are_the_courses_own():
    questionnaire = scan()
    counts = questionnaire.items.groupby("dimensie", sort=False).size()
    assert (counts[list(drivers().index)] == 2).all()
    assert counts["klantvertrouwen"] == 2 and counts["tevredenheid"] == 1
    assert questionnaire.scale == (1, 7) and not questionnaire.required
    assert "eigen stellingen" in questionnaire.source.casefold() and "De Haan & Langerak" in questionnaire.source
    assert questionnaire.items["referentie"].isna().all()  # the article publishes no means
    assert list(questionnaire.parts) == ["Begrijpen", "Verbinden", "Koesteren", "Uitkomst"]


def test_sides_and_phases_as_the_article_names_them():
    assert tuple(sides().index) == SIDES == ("HET", "WIJ", "IK")
    phases = development_phases()
    assert phases["naam"].tolist() == ["bewustwording", "leiderschap", "presteren", "monitoren en verbeteren"]
    # figure 2's instruments, one per phase at least
    assert "mystery client" in phases.at[1, "instrumenten"] and "intervisie" in phases.at[2, "instrumenten"]
    assert "coaching" in phases.at[3, "instrumenten"] and "rapportages" in phases.at[4, "instrumenten"]


# -- scores and profile ----------------------------------------------------------------------------------------

def _survey(rows: dict[str, list], n: int | None = None) -> pd.DataFrame:
    """A survey with every statement; the codes not in ``rows`` are blank."""
    n = n or len(next(iter(rows.values())))
    frame = pd.DataFrame({code: rows.get(code, [None] * n) for code in scan().codes})
    for column, values in rows.items():
        if column not in frame.columns:
            frame[column] = values
    return frame


def test_scores_by_hand():
    survey = _survey({"ON1": [6, 2], "ON2": [4, None], "IL1": [3, 5], "IL2": [5, 5], "BG1": [7, None],
                      "VT1": [7, 3], "VT2": [5, 4], "TV1": [6, 6], "klant_id": ["K1", "K2"]})
    table = scores(survey)
    assert table.loc[0, "ontvankelijkheid"] == 5 and table.loc[1, "ontvankelijkheid"] == 2  # a blank is left out
    assert table.loc[0, "inlevingsvermogen"] == 4 and table.loc[0, "begrip"] == 7 and math.isnan(table.loc[1, "begrip"])
    # a capability is the mean of its drivers' scores that exist: (5 + 4 + 7) / 3 and (2 + 5) / 2
    assert table.loc[0, "begrijpen"] == pytest.approx(16 / 3) and table.loc[1, "begrijpen"] == 3.5
    assert math.isnan(table.loc[0, "verbinden"])  # no statement of it answered
    assert table["klantvertrouwen"].tolist() == [6, 3.5] and table["tevredenheid"].tolist() == [6, 6]
    assert table["klant_id"].tolist() == ["K1", "K2"]  # other columns kept
    assert list(table.columns[:9]) == list(drivers().index)


def test_profile_by_hand_and_scipy():
    rng = np.random.default_rng(8)
    survey = pd.DataFrame(rng.integers(1, 8, size=(30, 21)), columns=scan().codes)
    table = profile(survey)
    assert list(table.index) == [*drivers().index, "klantvertrouwen", "tevredenheid"]
    assert table.loc["respect", "vermogen"] == "verbinden" and table.loc["tevredenheid", "vermogen"] == "uitkomst"
    respect = survey[["RP1", "RP2"]].mean(axis=1)
    interval = scipy_stats.t.interval(0.95, len(respect) - 1, loc=respect.mean(), scale=scipy_stats.sem(respect))
    assert table.loc["respect", "gemiddelde"] == pytest.approx(respect.mean())
    assert (table.loc["respect", "ondergrens"], table.loc["respect", "bovengrens"]) == pytest.approx(interval)
    capabilities = profile(survey, per="vermogen")
    assert list(capabilities.index) == [*CAPABILITIES, "klantvertrouwen", "tevredenheid"]
    koesteren = survey[["BT1", "BT2", "DB1", "DB2", "PS1", "PS2"]].mean(axis=1)  # equal pairs: equal weights
    assert capabilities.loc["koesteren", "gemiddelde"] == pytest.approx(koesteren.mean())
    assert (capabilities["respondenten"] == 30).all()


def test_profile_and_scores_refuse_bad_input_in_dutch(tmp_path):
    survey = _survey({"ON1": [6, 5, 4], "VT1": [5, 5, 5]})
    with pytest.raises(KlantDataError, match="per moet 'driver' of 'vermogen' zijn"):
        profile(survey, per="dimensie")
    with pytest.raises(KlantDataError, match="De selectie is leeg"):
        profile(survey[survey["ON1"] > 7])
    survey.loc[1, "RS2"] = 8
    path = tmp_path / "scan.csv"
    survey.to_csv(path, index=False)
    with pytest.raises(KlantDataError) as info:
        scores(read_table(path))
    message = str(info.value)
    assert "scan.csv" in message and "RS2" in message and "rij 3" in message and "8" in message
    with pytest.raises(KlantDataError, match="ontbreekt"):
        scores(survey.drop(columns="BT2"))


# -- correlation: by hand and against scipy ----------------------------------------------------------------------

def test_correlation_by_hand():
    # x = 1..5, y = 2, 4, 5, 4, 5: means 3 and 4; Σdxdy = 6, Σdx² = 10, Σdy² = 6: r = 6 / √60
    row = correlation(pd.Series([1, 2, 3, 4, 5], name="x"), pd.Series([2, 4, 5, 4, 5])).loc["x"]
    r = 6 / math.sqrt(60)
    assert row["r"] == pytest.approx(r)
    half = 1.959963984540054 / math.sqrt(2)
    assert row["ondergrens"] == pytest.approx(math.tanh(math.atanh(r) - half))
    assert row["bovengrens"] == pytest.approx(math.tanh(math.atanh(r) + half))
    t = r * math.sqrt(3 / (1 - r ** 2))
    assert row["p"] == pytest.approx(2 * scipy_stats.t.sf(t, 3)) and row["paren"] == 5


@pytest.mark.filterwarnings("ignore::RuntimeWarning")  # scipy on nearly constant data
@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 10), st.integers(1, 7)), min_size=4, max_size=40),
       st.sampled_from([0.9, 0.95, 0.99]))
def test_correlation_equals_scipy_pearsonr(pairs, confidence):
    x, y = (np.array(values, dtype=float) for values in zip(*pairs))
    if np.var(x) == 0 or np.var(y) == 0:
        assert math.isnan(correlation(pd.Series(x, name="x"), pd.Series(y)).at["x", "r"])
        return
    row = correlation(pd.Series(x, name="x"), pd.Series(y), confidence=confidence).loc["x"]
    expected = scipy_stats.pearsonr(x, y)
    assert row["r"] == pytest.approx(expected.statistic, abs=1e-12)
    assert row["p"] == pytest.approx(expected.pvalue, abs=1e-9)
    if abs(expected.statistic) < 1:
        interval = expected.confidence_interval(confidence)
        assert (row["ondergrens"], row["bovengrens"]) == pytest.approx((interval.low, interval.high))


def test_correlation_pairwise_blanks_few_pairs_and_bad_input():
    values = pd.DataFrame({"a": [1, 2, None, 4, 5], "b": [1, None, None, None, 2]})
    target = pd.Series([2.0, 3, 4, None, 5])
    table = correlation(values, target)
    assert table.at["a", "paren"] == 3 and table.at["a", "r"] == pytest.approx(scipy_stats.pearsonr([1, 2, 5], [2, 3, 5])[0])
    assert math.isnan(table.at["a", "ondergrens"])  # three pairs: an r, no interval
    assert table.at["b", "paren"] == 2 and math.isnan(table.at["b", "r"])
    assert correlation(pd.Series([1, 2, 3, 4], name="x"), pd.Series([2, 4, 6, 8])).loc["x", ["r", "ondergrens"]].tolist() == [1, 1]
    with pytest.raises(KlantDataError, match="dezelfde index"):
        correlation(values, target.iloc[:3])
    with pytest.raises(KlantDataError, match="0.95 voor 95%"):
        correlation(values, target, confidence=95)


# -- links and NPS per level --------------------------------------------------------------------------------

def _linked(n: int = 200, seed: int = 3) -> pd.DataFrame:
    """A survey where trust goes with recommendation and satisfaction hardly does."""
    rng = np.random.default_rng(seed)
    bond = rng.normal(0, 1, n)
    frame = pd.DataFrame({code: np.clip(np.round(4.5 + bond + rng.normal(0, 0.8, n)), 1, 7)
                          for code in scan().codes})
    frame["TV1"] = np.clip(np.round(5 + rng.normal(0, 1, n)), 1, 7)
    frame["aanbeveling"] = np.clip(np.round(7 + 1.5 * bond + rng.normal(0, 1, n)), 0, 10)
    return frame


def test_links_equal_scipy_and_are_sorted():
    survey = _linked()
    table = links(survey)
    assert table.attrs["target"] == "aanbeveling" and "aanbeveling" not in table.index
    assert len(table) == 9 + 3 + 2 and table["r"].is_monotonic_decreasing
    trust = survey[["VT1", "VT2"]].mean(axis=1)
    expected = scipy_stats.pearsonr(trust, survey["aanbeveling"])
    assert table.at["klantvertrouwen", "r"] == pytest.approx(expected.statistic)
    assert table.at["klantvertrouwen", "soort"] == "uitkomst" and table.at["begrijpen", "soort"] == "vermogen"
    assert table.at["tevredenheid", "r"] < 0.3 < table.at["klantvertrouwen", "r"]
    reading = links_reading(table)
    assert "samenhang is geen oorzaak" in reading and f"plaats {len(table)} van {len(table)}" in reading


def test_links_with_trust_as_target_and_refusals(tmp_path):
    survey = _linked(60)
    table = links(survey, "klantvertrouwen")
    assert "klantvertrouwen" not in table.index and "aanbeveling" not in table.index
    with pytest.raises(KlantDataError, match="Onbekende target 'vertrouwen'"):
        links(survey, "vertrouwen")
    survey.loc[4, "aanbeveling"] = 11
    path = tmp_path / "enquete.csv"
    survey.to_csv(path, index=False)
    with pytest.raises(KlantDataError) as info:
        links(read_table(path))
    assert "enquete.csv" in str(info.value) and "'aanbeveling'" in str(info.value) and "rij 6" in str(info.value)
    with pytest.raises(KlantDataError, match="De selectie is leeg"):
        links(survey.iloc[:0])


def test_links_reading_without_any_r():
    survey = _survey({"ON1": [4, 4], "aanbeveling": [8, 9]})
    assert "geen samenhang" in links_reading(links(survey))


def test_nps_by_level_by_hand():
    survey = _survey({"VT1": [2, 3, 4, 5, 6, 7, 7, None], "VT2": [3, 3, 5, 5, 5, 7, None, None],
                      "aanbeveling": [2, 6, 7, 9, 10, 9, 8, 10]})
    # trust: 2,5 3 4,5 5 5,5 7 7 (blank): laag 2 (both criticasters), midden 2 (a passive, a promotor),
    # hoog 3 (9, 10, 8: two promotors, one passive); the last has no trust score and is left out with a warning.
    with pytest.warns(KlantDataWarning, match="1"):
        table = nps_by_level(survey)
    assert list(table.index) == [label for label, _ in LEVELS]
    assert table["antwoorden"].tolist() == [2, 2, 3]
    assert table["nps"].tolist() == pytest.approx([-100, 50, 200 / 3])
    with pytest.raises(KlantDataError, match="Onbekende score 'loyaliteit'"):
        nps_by_level(survey, "loyaliteit")
    with pytest.raises(KlantDataError, match="aanbeveling"):
        nps_by_level(survey.drop(columns="aanbeveling"))


# -- HET / WIJ / IK -----------------------------------------------------------------------------------------------

def test_classification_of_a_hand_made_list():
    measures = pd.DataFrame({"maatregel": ["Nieuw CRM-pakket voor de verkoop", "KPI's voor de doorlooptijd",
                                           "Intervisie over onze kernwaarden", "Coaching van teamleiders",
                                           "Workshop over het nieuwe CRM-pakket", "Nieuwe verlichting in de showroom",
                                           "Meeloopdag voor de directie"],
                             "budget": [50_000, 10_000, 4_000, 6_000, 2_000, 8_000, 1_000]})
    with pytest.warns(KlantDataWarning, match="2 van de 7 maatregelen hebben nog geen kant"):
        out = classify_measures(measures)
    assert out["kant"].tolist()[:4] == ["HET", "HET", "WIJ", "IK"] and out.loc[6, "kant"] == "IK"
    assert pd.isna(out.loc[4, "kant"]) and "HET en IK" in out.loc[4, "toelichting"]  # two sides: not guessed
    assert pd.isna(out.loc[5, "kant"]) and "geen trefwoord" in out.loc[5, "toelichting"]
    assert out.loc[1, "trefwoorden"] == "HET: kpi, doorlooptijd" and out["budget"].tolist()[0] == 50_000
    # the student decides the two open ones; what was recognised stays as it was
    measures["kant"] = ["", None, None, None, "het", "Het", None]
    decided = classify_measures(measures)
    assert decided["kant"].tolist() == ["HET", "HET", "WIJ", "IK", "HET", "HET", "IK"]
    assert decided.loc[4, "toelichting"] == "zelf ingedeeld"
    balance = side_balance(decided, weight="budget")
    assert balance["budget"].tolist() == [70_000, 4_000, 7_000]
    assert balance["aandeel"].tolist() == pytest.approx([70 / 81, 4 / 81, 7 / 81])
    assert balance["oordeel"].tolist() == ["veel nadruk", "weinig aandacht", "weinig aandacht"]
    by_count = side_balance(decided)
    assert by_count["maatregelen"].tolist() == [4, 1, 2] and by_count["oordeel"].tolist() == [
        "veel nadruk", "weinig aandacht", "in balans"]
    assert "veel nadruk op HET" in balance_reading(balance, "Trapper")


def test_a_students_own_side_is_never_overruled_and_a_wrong_one_is_named(tmp_path):
    measures = pd.DataFrame({"maatregel": ["KPI-dashboard", "Training"], "kant": ["WIJ", "jij"]})
    path = tmp_path / "maatregelen.csv"
    measures.to_csv(path, index=False)
    with pytest.raises(KlantDataError) as info:
        classify_measures(read_table(path))
    message = str(info.value)
    assert "maatregelen.csv" in message and "'kant'" in message and "rij 3" in message and "'jij'" in message
    measures.loc[1, "kant"] = "ik"
    assert classify_measures(measures)["kant"].tolist() == ["WIJ", "IK"]


def test_keywords_match_at_the_start_of_a_word_only():
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", KlantDataWarning)
        out = classify_measures(["Trainingsdag voor de winkel", "Voorwaarden aanpassen", "Een nieuw apparaat"])
    assert out["kant"].tolist()[0] == "IK"
    assert out["kant"].isna().tolist()[1:] == [True, True]  # "waarden" inside a word is no keyword


def test_balance_with_a_side_left_open_warns_and_even_split_is_in_balance():
    measures = pd.DataFrame({"maatregel": ["CRM-pakket", "Teamdag", "Training", "Verlichting"]})
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", KlantDataWarning)
        classified = classify_measures(measures)
    with pytest.warns(KlantDataWarning, match="1 van de 4 maatregelen telt niet mee"):
        balance = side_balance(classified)
    assert balance.attrs["zonder_kant"] == 1 and (balance["oordeel"] == "in balans").all()
    assert "redelijk over de drie kanten" in balance_reading(balance)


def test_classification_and_balance_refuse_bad_input_in_dutch(tmp_path):
    with pytest.raises(KlantDataError, match="kolom 'maatregel'"):
        classify_measures(pd.DataFrame({"omschrijving": ["KPI"]}))
    with pytest.raises(KlantDataError, match="De selectie is leeg"):
        classify_measures(pd.DataFrame({"maatregel": []}))
    with pytest.raises(KlantDataError, match="geen omschrijving"):
        classify_measures(pd.DataFrame({"maatregel": ["KPI", "  "]}))
    with pytest.raises(KlantDataError, match="classify_measures"):
        side_balance(pd.DataFrame({"maatregel": ["KPI"]}))
    measures = pd.DataFrame({"maatregel": ["KPI-dashboard", "Training"], "budget": ["5000", "-20"]})
    path = tmp_path / "m.csv"
    measures.to_csv(path, index=False)
    with pytest.raises(KlantDataError) as info:
        side_balance(classify_measures(read_table(path)), weight="budget")
    assert "m.csv" in str(info.value) and "'budget'" in str(info.value) and "rij 3" in str(info.value)
    with pytest.raises(KlantDataError, match="ontbreekt de kolom 'uren'"):
        side_balance(classify_measures(measures.iloc[:1]), weight="uren")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", KlantDataWarning)
        open_only = classify_measures(["Verlichting"])
        with pytest.raises(KlantDataError, match="Geen enkele maatregel heeft een kant"):
            side_balance(open_only)
    with pytest.raises(KlantDataError, match="De selectie is leeg"):
        side_balance(classify_measures(["KPI"]).iloc[:0])
    with pytest.raises(KlantDataError, match="under onder een derde"):
        side_balance(classify_measures(["KPI"]), over=0.3)
