"""Customer experience (notebook 09): the relevancy rule, the journey map, owners and walls, against hand computation."""

from __future__ import annotations

import itertools

import numpy as np
import pandas as pd
import pytest
from scipy import stats

from klantlib.errors import KlantDataError, KlantDataWarning
from klantlib.experience import (ATTRIBUTES, MYTH_SHARE, attribute_weights, compare_relevancy, customer_relevancy,
                                 journey_map, map_reading, myth_reading, own_ratings, owners, pain_points,
                                 profile_reading, relevancy_check, relevancy_reading, touchpoint_questionnaire, walls,
                                 walls_reading)

pytestmark = pytest.mark.timeout(60)


def profile(**levels) -> dict:
    """A profile at market level (3) everywhere except where given."""
    return {name: levels.get(name, 3) for name in ATTRIBUTES}


# -- the relevancy rule ---------------------------------------------------------------------------------------


def test_every_profile_with_one_five_one_four_and_three_threes_follows_the_rule():
    for five, four in itertools.permutations(ATTRIBUTES, 2):
        check = relevancy_check(profile(**{five: 5, four: 4}))
        assert check.follows_rule and bool(check) and check.problems == ()
        assert f"domineert op {five} (5)" in check.explanation
        assert f"onderscheidt zich op {four} (4)" in check.explanation
        assert str(check) == check.explanation


def test_every_other_profile_on_levels_3_to_5_breaks_the_rule_and_says_why():
    followed = 0
    for levels in itertools.product((3, 4, 5), repeat=5):
        given = dict(zip(ATTRIBUTES, levels))
        check = relevancy_check(given)
        fives, fours = levels.count(5), levels.count(4)
        assert check.follows_rule == (fives == 1 and fours == 1)
        followed += check.follows_rule
        # one sentence per break: the fives, the fours (levels 3-5 have nothing below par)
        assert len(check.problems) == (fives != 1) + (fours != 1)
        for problem in check.problems:
            assert problem in check.explanation
    assert followed == 20  # 5 choices for the 5, then 4 for the 4


@pytest.mark.parametrize("levels, expected", [
    (profile(), ["Geen attribuut staat op 5", "Geen attribuut staat op 4"]),
    (profile(product=4), ["Geen attribuut staat op 5"]),
    (profile(product=5), ["Geen attribuut staat op 4"]),
    (profile(prijs=5, product=5, service=4), ["Prijs en product staan allebei op 5", "mythe van uitmuntendheid"]),
    (dict.fromkeys(ATTRIBUTES, 5), ["Prijs, product, toegang, service en beleving staan alle vijf op 5: dat is precies",
                                   "Geen attribuut staat op 4"]),
    (profile(product=5, toegang=4, service=4, beleving=4), ["Toegang, service en beleving staan alle drie op 4"]),
    (profile(product=5, service=4, prijs=2), ["Prijs staat onder marktniveau (2)"]),
    (profile(product=5, service=4, prijs=1, toegang=2), ["Prijs staat onder marktniveau (1)",
                                                        "Toegang staat onder marktniveau (2)"]),
])
def test_each_way_of_breaking_the_rule_is_named_with_the_attributes(levels, expected):
    check = relevancy_check(levels)
    assert not check
    assert len(check.problems) == len(expected) - sum("mythe" in text for text in expected)
    for text in expected:
        assert text in check.explanation
    assert check.explanation.startswith("Dit profiel volgt de regel van Crawford & Mathews niet")


def test_a_profile_below_par_counts_each_attribute_once():
    check = relevancy_check(dict.fromkeys(ATTRIBUTES, 1))
    # nothing at 5, nothing at 4, five below par
    assert len(check.problems) == 7
    assert sum("onder marktniveau" in text for text in check.problems) == 5


def test_a_profile_is_a_dict_a_series_or_a_table_and_names_may_be_written_otherwise():
    levels = profile(product=5, service=4)
    expected = relevancy_check(levels)
    as_text = {f"  {name.upper()} ": str(level) for name, level in levels.items()}
    table = pd.DataFrame({"attribuut": list(levels), "niveau": list(levels.values())})
    for given in (pd.Series(levels), as_text, table, {name: float(level) for name, level in levels.items()}):
        check = relevancy_check(given)
        assert check.follows_rule
        assert check.profile.tolist() == expected.profile.tolist()
        assert list(check.profile.index) == list(ATTRIBUTES)


@pytest.mark.parametrize("given, words", [
    ({**profile(product=5, service=4), "kwaliteit": 3}, ["Onbekend attribuut", "'kwaliteit'", "prijs, product"]),
    ({name: 3 for name in ATTRIBUTES if name != "beleving"}, ["ontbreekt 'beleving'"]),
    (pd.Series([3, 5, 3, 4, 3, 3], index=[*ATTRIBUTES, "Prijs"]), ["'prijs' meer dan één keer"]),
    (profile(product=6, service=4), ["product: 6", "heel getal van 1 tot en met 5"]),
    (profile(product=0, service=4), ["product: 0"]),
    (profile(product=4.5, service=4), ["product: 4.5"]),
    (profile(product="hoog", service=4), ["product: 'hoog'"]),
    (profile(product=None, service=4), ["product: leeg"]),
    (profile(product=True, service=4), ["product: True"]),
    ([3, 5, 3, 4, 3], ["woordenboek", "niet als list"]),
])
def test_bad_profiles_get_a_dutch_error(given, words):
    with pytest.raises(KlantDataError) as error:
        relevancy_check(given)
    for word in words:
        assert word in str(error.value)


def test_profile_reading_names_what_is_still_open_then_explains():
    assert profile_reading({"RP": 3, "RS": None}, "De bakker") == (
        "De bakker: kies nog een niveau voor product, toegang, service en beleving.")
    text = profile_reading({"RP": 5, "RD": 5, "RT": 3, "RS": 3, "RB": 3}, "De bakker")
    assert text.startswith("De bakker: dit profiel volgt de regel van Crawford & Mathews niet")
    assert "Prijs en product staan allebei op 5" in text
    with pytest.raises(KlantDataError):
        profile_reading({"RP": 9})


# -- customers against the own profile ------------------------------------------------------------------------


def customers_table(**columns) -> pd.DataFrame:
    base = {"RP": [3, 3, 3, 3], "RD": [4, 4, 4, 4], "RT": [3, 3, 3, 3], "RS": [3, 3, 3, 3], "RB": [3, 3, 3, 3]}
    return pd.DataFrame({**base, **columns})


def test_customers_level_is_the_mean_rounded_half_up_with_a_t_interval():
    survey = customers_table(RP=[2, 3, 2, 3], RD=[4, 5, 4, 5], RS=[3, 4, 3, None])
    table = customer_relevancy(survey)
    assert table.loc["prijs", "gemiddelde"] == 2.5 and table.loc["prijs", "niveau"] == 3
    assert table.loc["product", "gemiddelde"] == 4.5 and table.loc["product", "niveau"] == 5
    assert table.loc["service", "respondenten"] == 3 and table.loc["service", "niveau"] == 3
    low, high = stats.t.interval(0.95, 3, loc=2.5, scale=stats.sem([2, 3, 2, 3]))
    assert table.loc["prijs", "ondergrens"] == pytest.approx(low)
    assert table.loc["prijs", "bovengrens"] == pytest.approx(high)


def test_compare_relevancy_and_its_reading():
    survey = customers_table(RS=[2, 3, 2, 2])
    own = profile(product=5, service=4)
    table = compare_relevancy(own, survey)
    assert table["eigen"].tolist() == [3, 5, 3, 4, 3]
    assert table["klantniveau"].tolist() == [3, 4, 3, 2, 3]
    assert table["verschil"].tolist() == [0, 1, 0, 2, 0]
    text = relevancy_reading(table, own="het management")
    assert text.startswith("Hoger bij het management dan bij de klanten: product (eigen 5, klanten gemiddeld "
                           "4,0: niveau 4) en service (eigen 4, klanten gemiddeld 2,2: niveau 2).")
    assert "Het profiel van het management volgt de regel van Crawford & Mathews." in text
    assert "Het profiel zoals de klanten het zien, volgt de regel niet: geen attribuut staat op 5." in text
    assert "Let op" not in text
    same = relevancy_reading(compare_relevancy(profile(product=4), customers_table()))
    assert "Bij de organisatie zelf en bij de klanten staat elk attribuut op hetzelfde niveau." in same
    assert "Het profiel zoals de klanten het zien, volgt de regel ook niet: geen attribuut staat op 5." in same
    # a level rounded to market level whose whole interval lies below 3 is named
    below = relevancy_reading(compare_relevancy(profile(product=5, service=4),
                                                customers_table(RP=[3, 2, 3, 3, 2, 3, 2, 3] * 2, RD=[5] * 16,
                                                                RT=[3] * 16, RS=[4] * 16, RB=[3] * 16)))
    assert "Let op: bij prijs ligt het hele 95%-interval van de klanten onder 3 (2,4 tot 2,9): afgerond marktniveau" in below


def test_compare_relevancy_refuses_a_bad_own_profile_and_a_bad_answer():
    with pytest.raises(KlantDataError, match="het eigen profiel"):
        compare_relevancy({"prijs": 3}, customers_table())
    with pytest.raises(KlantDataError, match="RP"):
        compare_relevancy(profile(product=5, service=4), customers_table(RP=[3, 3, 7, 3]))
    with pytest.raises(KlantDataError, match="De selectie is leeg"):
        customer_relevancy(customers_table().iloc[:0])


def points(*rows) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=[f"W_{name}" for name in ATTRIBUTES])


def test_attribute_weights_by_hand_with_ties_shared():
    survey = points([40, 40, 10, 10, 0], [20, 20, 20, 20, 20], [10, 10, 60, 10, 10], [0, 100, 0, 0, 0])
    table = attribute_weights(survey)
    assert table["punten"].tolist() == [17.5, 42.5, 22.5, 10.0, 7.5]
    # customer 1 shares prijs/product, customer 2 all five, customer 3 toegang, customer 4 product
    expected = np.array([0.5 + 0.2, 0.5 + 0.2 + 1, 0.2 + 1, 0.2, 0.2]) / 4
    assert table["belangrijkste"].to_numpy() == pytest.approx(expected)
    assert table["belangrijkste"].sum() == pytest.approx(1.0)
    other = expected[2:].sum()
    text = myth_reading(table)
    assert "Prijs en product krijgen samen gemiddeld 60,0 van de 100 punten." in text
    assert f"Voor {str(round(100 * other, 1)).replace('.', ',')}% van de 4 klanten" in text
    assert "Dat is 10% of meer (een grens van deze cursus): voor deze klanten klopt de mythe 'alleen" in text


def test_the_myth_holds_when_almost_nobody_weighs_something_else_most():
    survey = points(*([[50, 50, 0, 0, 0]] * 19 + [[0, 0, 100, 0, 0]]))
    table = attribute_weights(survey)
    assert table.loc[["toegang", "service", "beleving"], "belangrijkste"].sum() == pytest.approx(0.05)
    assert 0.05 < MYTH_SHARE
    assert "houdt de mythe grotendeels stand" in myth_reading(table)


def test_points_that_do_not_add_up_are_refused_or_left_out_with_a_warning():
    survey = points([40, 40, 10, 10, 0], [50, 50, 10, 0, 0])
    with pytest.raises(KlantDataError, match="optellen tot 100"):
        attribute_weights(survey)
    with pytest.warns(KlantDataWarning, match="1 respondent"):
        table = attribute_weights(survey, errors="warn")
    assert table["respondenten"].tolist() == [1] * 5
    with pytest.raises(KlantDataError, match="W_beleving"):
        attribute_weights(survey.drop(columns="W_beleving"))


# -- owners and walls -----------------------------------------------------------------------------------------


def test_owners_finds_no_owner_and_more_owners_in_one_cell_or_on_several_rows():
    table = pd.DataFrame({
        "fase": ["Actie", "Communicatie", None, "Na aankoop", "Research", "Actie"],
        "touchpoint": ["webshop", "chat", "Chat ", "retour", "reviews", "winkel"],
        "eigenaar": ["E-commerce", "Klantenservice", "E-commerce", " ", None, "Verkoop; verkoop ;"],
    })
    with pytest.warns(KlantDataWarning, match=r"1 contactmoment staat op meer dan één rij \(chat\).*6 rijen gaven 5"):
        out = owners(table)
    assert list(out.index) == ["webshop", "chat", "retour", "reviews", "winkel"]
    assert out["aantal_eigenaren"].tolist() == [1, 2, 0, 0, 1]
    assert out["muur"].tolist() == ["", "meer eigenaren", "geen eigenaar", "geen eigenaar", ""]
    assert out.loc["chat", "eigenaren"] == "Klantenservice en E-commerce"
    assert out.loc["winkel", "eigenaren"] == "Verkoop"
    assert out.loc["chat", "fase"] == "Communicatie"
    assert list(walls(table).index) == ["chat", "retour", "reviews"]
    text = walls_reading(table)
    assert "hebben 2 geen eigenaar: retour en reviews" in text
    assert "Meer dan één eigenaar heeft chat (Klantenservice en E-commerce)." in text


def test_owners_without_walls_and_bad_tables():
    table = pd.DataFrame({"touchpoint": ["webshop", "winkel"], "eigenaar": ["E-commerce", "Verkoop"]})
    assert walls(table).empty
    assert walls_reading(table) == "Van de 2 contactmomenten heeft elk precies één eigenaar: geen muren in deze tabel."
    with pytest.raises(KlantDataError, match="'eigenaar'"):
        owners(table.drop(columns="eigenaar"))
    with pytest.raises(KlantDataError, match="De selectie is leeg"):
        owners(table.iloc[:0])
    blank = pd.DataFrame({"touchpoint": ["webshop", None], "eigenaar": ["E-commerce", "Verkoop"]},
                         index=pd.Index([2, 3], name="rij"))
    with pytest.raises(KlantDataError, match="rij 3"):
        owners(blank)


# -- the journey map ------------------------------------------------------------------------------------------


def hand_survey() -> pd.DataFrame:
    """Eight customers; the rest of the questionnaire's touchpoints unused (median customers of the used ones: 8).

    WS: 8 customers, high. OR and BZ: 8 customers, clearly low: pain points. RK: 2 customers, the lowest: too few.
    CH: 4 customers, low: too few. WI: 8 customers, below the journey's mean but so spread that its interval
    reaches it: no pain point.
    """
    columns = {
        "WS": [9, 8, 9, 8, 9, 8, 9, 8],
        "OR": [4, 5, 4, 5, 4, 5, 4, 5],
        "RK": [2, 3, None, None, None, None, None, None],
        "CH": [3, 6, 4, 5, None, None, None, None],
        "BZ": [5, 5, 4, 5, 5, 4, 5, 4],
        "WI": [2, 8, 3, 8, 2, 9, 3, 7],
    }
    return pd.DataFrame(columns).reindex(columns=touchpoint_questionnaire().codes)


def test_journey_map_counts_means_intervals_and_shares_by_hand():
    survey = hand_survey()
    table = journey_map(survey)
    assert list(table.index) == touchpoint_questionnaire().items["dimensie"].tolist()
    journey_mean = np.nanmean(survey.to_numpy(dtype=float))
    for code in ("WS", "OR", "RK", "CH", "BZ", "WI"):
        row = table[table["code"] == code].iloc[0]
        values = survey[code].dropna().to_numpy()
        assert row["klanten"] == len(values)
        assert row["aandeel"] == pytest.approx(len(values) / 8)
        assert row["gemiddelde"] == pytest.approx(values.mean())
        assert row["verschil"] == pytest.approx(values.mean() - journey_mean)
        assert row["impact"] == pytest.approx(max(0.0, len(values) * (journey_mean - values.mean())))
        low, high = stats.t.interval(0.95, len(values) - 1, loc=values.mean(), scale=stats.sem(values))
        assert row["ondergrens"] == pytest.approx(low)
        assert row["bovengrens"] == pytest.approx(high)
    unused = table[~table["code"].isin(["WS", "OR", "RK", "CH", "BZ", "WI"])]
    assert (unused["klanten"] == 0).all() and unused["gemiddelde"].isna().all() and not unused["pijnpunt"].any()
    assert table.loc["onderhoud en reparatie", "fase"] == "Na aankoop" and table.loc["chat", "fase"] == "Communicatie"


def test_pain_points_are_clearly_low_and_carry_at_least_the_median_of_customers():
    table = journey_map(hand_survey())
    assert list(pain_points(table).index) == ["onderhoud en reparatie", "bezorging"]
    assert not table.loc["retour en klacht", "pijnpunt"]  # the lowest mark, but 2 customers
    assert not table.loc["chat", "pijnpunt"]  # clearly low, but 4 customers
    assert table.loc["winkel", "gemiddelde"] < table.loc["webshop", "gemiddelde"] - table.loc["webshop", "verschil"]
    assert not table.loc["winkel", "pijnpunt"]  # below the mean and 8 customers, but the interval reaches the mean
    assert not table.loc["webshop", "pijnpunt"]  # above the mean
    impacts = pain_points(table)["impact"].tolist()
    assert impacts == sorted(impacts, reverse=True)
    text = map_reading(table)
    assert text.startswith("Over de hele reis geven de klanten gemiddeld een 5,4 (38 cijfers van 8 klanten).")
    assert ("De beleving breekt bij 2 contactmomenten (duidelijk onder het reisgemiddelde, en minstens de mediaan van 8 "
            "klanten): Bij onderhoud en reparatie (Na aankoop) geven 8 klanten (100%) gemiddeld een 4,5 (95%-interval "
            "4,1 tot 4,9). Bij bezorging (Na aankoop) geven 8 klanten") in text
    assert "Let op: onderhoud en reparatie en bezorging rusten op minder dan 30 klanten." in text
    assert ("Ook even laag als een pijnpunt of lager, maar zelf geen pijnpunt: retour en klacht (gemiddeld 2,5 bij 2 klanten: minder klanten dan de "
            "mediaan); chat (gemiddeld 4,5 bij 4 klanten: minder klanten dan de mediaan).") in text


def test_a_tight_low_touchpoint_used_by_many_is_a_pain_point_and_none_when_all_are_alike():
    same = pd.DataFrame({"WS": [7, 8, 7, 8], "WI": [8, 7, 8, 7]}).reindex(columns=touchpoint_questionnaire().codes)
    table = journey_map(same)
    assert not table["pijnpunt"].any()
    assert "geen enkel contactmoment een pijnpunt" in map_reading(table)


def test_journey_map_with_owners_names_the_walls_and_unknown_touchpoints_have_none():
    owners_table = pd.DataFrame({"touchpoint": ["Webshop", "onderhoud en reparatie", "chat", "bezorging"],
                                 "eigenaar": ["E-commerce", "Werkplaats", "Klantenservice; E-commerce", "Logistiek"]})
    table = journey_map(hand_survey(), owners_table)
    assert table.loc["webshop", "eigenaren"] == "E-commerce" and table.loc["webshop", "muur"] == ""
    assert table.loc["chat", "muur"] == "meer eigenaren"
    assert table.loc["retour en klacht", "muur"] == "geen eigenaar"  # not in the owners' table
    assert "Bij onderhoud en reparatie (Na aankoop) geven 8 klanten (100%) gemiddeld een 4,5 (95%-interval 4,1 tot 4,9); " \
        "eigenaar Werkplaats." in map_reading(table)


def test_journey_map_refuses_bad_marks_and_empty_input_in_dutch():
    survey = hand_survey()
    survey.loc[3, "WS"] = 11
    with pytest.raises(KlantDataError, match="WS"):
        journey_map(survey)
    with pytest.warns(KlantDataWarning):
        table = journey_map(survey, errors="warn")
    assert table.loc["webshop", "klanten"] == 7
    with pytest.raises(KlantDataError, match="De selectie is leeg"):
        journey_map(hand_survey().iloc[:0])
    with pytest.raises(KlantDataError, match="Geen enkele klant gaf een cijfer"):
        journey_map(hand_survey().iloc[:, :0].reindex(columns=touchpoint_questionnaire().codes, index=range(3)))
    with pytest.raises(KlantDataError, match="OR"):
        journey_map(hand_survey().drop(columns="OR"))
    with pytest.raises(KlantDataError, match="journey_map"):
        pain_points(pd.DataFrame({"gemiddelde": [1.0]}))


def test_own_ratings_sit_beside_the_survey_map():
    table = journey_map(hand_survey())
    own = own_ratings({"OR": 3, "WS": None}, table)
    assert own.loc["onderhoud en reparatie", "jouw_score"] == 3
    assert np.isnan(own.loc["webshop", "jouw_score"])
    assert own.loc["onderhoud en reparatie", "enquete_gemiddelde"] == 4.5
    with pytest.raises(KlantDataError):
        own_ratings({"OR": 0})


def test_trappers_data_through_the_model_tell_the_data_cards_story():
    from klantlib import load_dataset

    table = journey_map(load_dataset("klantbeleving"), load_dataset("touchpoints"))
    assert list(pain_points(table).index) == ["onderhoud en reparatie", "chat"]
    assert table.loc["chat", "muur"] == "meer eigenaren" and table.loc["retour en klacht", "muur"] == "geen eigenaar"
    assert table["gemiddelde"].idxmin() == "retour en klacht" and not table.loc["retour en klacht", "pijnpunt"]
    management = load_dataset("relevantieprofiel")
    assert not relevancy_check(management)
    comparison = compare_relevancy(management, load_dataset("relevantie"))
    assert comparison["klantniveau"].tolist() == [3, 4, 3, 3, 3]
    assert (comparison["verschil"] >= 0).all()
    weights = attribute_weights(load_dataset("relevantie"))
    assert weights.loc[["toegang", "service", "beleving"], "belangrijkste"].sum() > MYTH_SHARE


def test_owners_written_with_a_comma_or_en_are_asked_about_not_guessed():
    table = pd.DataFrame({"touchpoint": ["chat", "winkel", "webshop"],
                          "eigenaar": ["Verkoop, Klantenservice", "Verkoop en Service", "E-commerce"]})
    with pytest.warns(KlantDataWarning, match="'Verkoop, Klantenservice' bij chat; 'Verkoop en Service' bij winkel: "
                                              "dat telt nu als één afdeling"):
        out = owners(table)
    assert out["aantal_eigenaren"].tolist() == [1, 1, 1]  # not split on a guess


def test_a_starter_cells_placeholders_are_refused_with_what_to_fill_in():
    with pytest.raises(KlantDataError, match="staat nog een ... die je moet invullen. Vervang de ... door het contactmoment"):
        owners(pd.DataFrame({"touchpoint": ["chat", ...], "eigenaar": ["Klantenservice", "..."]}))
    with pytest.raises(KlantDataError, match="vervang de ... door een getal van 1 tot 5"):
        relevancy_check({"prijs": ..., "product": 5, "toegang": 3, "service": 4, "beleving": "..."})


def test_readings_of_an_empty_or_partial_selection_answer_in_dutch():
    table = journey_map(hand_survey())
    with pytest.raises(KlantDataError, match="De selectie is leeg"):
        map_reading(table[table["fase"] == "Actie"].iloc[:0])
    with pytest.raises(KlantDataError, match="De selectie is leeg"):
        map_reading(table[table["klanten"] == 0])  # touchpoints nobody rated: no mark to read
    assert pain_points(table.iloc[:0]).empty
    from klantlib.views.experience import journey_map_plot

    with pytest.raises(KlantDataError, match="valt er niets te tekenen"):
        journey_map_plot(table.iloc[:0])
    weights = attribute_weights(points([40, 40, 10, 10, 0], [20, 20, 20, 20, 20]))
    with pytest.raises(KlantDataError, match="ontbreekt 'prijs' en 'product'"):
        myth_reading(weights.iloc[2:])
    comparison = compare_relevancy(profile(product=5, service=4), customers_table())
    with pytest.raises(KlantDataError, match="De selectie is leeg"):
        relevancy_reading(comparison.iloc[:0])
