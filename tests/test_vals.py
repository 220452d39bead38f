"""klantlib.vals: the VALS typology, the course's scoring rule, the population comparison and the profile."""

import numpy as np
import pandas as pd
import pytest
import scipy.stats
from hypothesis import given, settings
from hypothesis import strategies as st

import klantlib
from klantlib.errors import KlantDataError
from klantlib.vals import (
    CATEGORIES,
    ITEM_COLUMNS,
    REFERENCES,
    STATEMENTS,
    TIE_ORDER,
    TYPES,
    classify,
    compare_with_population,
    score_types,
    segment_profile,
)


@pytest.fixture(scope="module")
def survey():
    return klantlib.load_dataset("leefstijl").set_index("respondent_id")


def answers_for(kind, high=5, low=1):
    """Agree with the two statements of ``kind``, disagree with all others."""
    own = set(STATEMENTS.index[STATEMENTS["type"] == kind])
    return {item: high if item in own else low for item in ITEM_COLUMNS}


# --- the data: types, categories, statements, sources -------------------------------------------------

def test_nine_types_in_three_categories_as_the_book_places_them():
    assert len(TYPES) == 9
    assert TYPES["engels"].tolist() == ["survivors", "sustainers", "belongers", "emulators", "achievers", "I-am-me",
                                        "experiential", "societally conscious", "integrated"]
    per_category = TYPES.groupby("categorie", sort=False).size()
    assert per_category.to_dict() == {"need-driven": 2, "outer-directed": 3, "inner-directed": 4}
    assert TYPES.at["geïntegreerd", "categorie"] == "inner-directed"  # the book's placement
    assert TYPES["beschrijving"].str.len().gt(20).all()


@pytest.mark.parametrize("name", ["boek", "mitchell"])
def test_reference_shares_add_up_to_100_and_name_their_source(name):
    ref = REFERENCES[name]
    assert ref.aandelen.sum() == 100
    assert ref.citaat and ref.kort and ref.opmerking


def test_reference_figures_are_the_cited_ones():
    assert REFERENCES["boek"].aandelen.to_dict() == {"need-driven": 15, "outer-directed": 77, "inner-directed": 8}
    assert "Meertens & Mulders" in REFERENCES["boek"].citaat and "1.2.1" in REFERENCES["boek"].citaat
    assert REFERENCES["mitchell"].aandelen.tolist() == [4, 7, 35, 10, 22, 5, 7, 8, 2]
    assert "Mitchell (1983)" in REFERENCES["mitchell"].citaat
    # Only what the course's sources say: the shares as usually cited, no variant without a source.
    note = REFERENCES["mitchell"].opmerking
    assert "meestal geciteerd" in note and "9%" not in note


def test_book_and_mitchell_do_not_describe_the_same_distribution():
    mitchell_per_category = TYPES.groupby("categorie", sort=False)["aandeel_mitchell"].sum()
    assert mitchell_per_category.to_dict() == {"need-driven": 11, "outer-directed": 67, "inner-directed": 22}
    assert mitchell_per_category.to_dict() != CATEGORIES["aandeel_boek"].to_dict()


def test_statements_are_the_shipped_table_two_per_type():
    shipped = klantlib.load_dataset("leefstijl_stellingen").set_index("item")
    assert STATEMENTS["stelling"].tolist() == shipped["stelling"].tolist()
    assert ITEM_COLUMNS == tuple(f"S{i:02d}" for i in range(1, 19))
    assert (STATEMENTS["type"].value_counts() == 2).all()
    assert set(STATEMENTS["type"]) == set(TYPES.index)


# --- classify ----------------------------------------------------------------------------------------

@pytest.mark.parametrize("kind", list(TYPES.index))
def test_every_type_is_reachable(kind):
    result = classify(answers_for(kind))
    assert result.type == kind
    assert result.categorie == TYPES.at[kind, "categorie"]
    assert result.gelijk == (kind,)
    assert result.scores[kind] == 5.0 and (result.scores.drop(kind) == 1.0).all()


def test_scores_are_the_mean_of_the_two_statements_by_hand():
    answers = {item: 3 for item in ITEM_COLUMNS} | {"S09": 5, "S10": 2, "S15": 4, "S16": 4}
    result = classify(answers)
    assert result.scores["geslaagden"] == 3.5  # (5 + 2) / 2
    assert result.scores["sociaal bewust"] == 4.0  # (4 + 4) / 2
    assert result.type == "sociaal bewust"
    assert list(result.scores.index) == list(TYPES.index)


def test_a_tie_goes_to_the_type_most_common_in_the_population():
    assert TIE_ORDER[0] == "meelopers"  # 35%: the most common type
    answers = {item: 2 for item in ITEM_COLUMNS} | {"S05": 4, "S06": 4, "S13": 5, "S14": 3}
    result = classify(answers)
    assert result.gelijk == ("meelopers", "experimentelen")
    assert result.type == "meelopers"
    # Geslaagden (22%) beats sociaal bewust (8%) ...
    answers = {item: 1 for item in ITEM_COLUMNS} | {"S09": 4, "S10": 4, "S15": 4, "S16": 4}
    assert classify(answers).type == "geslaagden"
    # ... and between equally common types (zwoegers and experimentelen, 7% each) the book's order decides.
    answers = {item: 1 for item in ITEM_COLUMNS} | {"S03": 5, "S04": 5, "S13": 5, "S14": 5}
    assert TYPES.at["zwoegers", "aandeel_mitchell"] == TYPES.at["experimentelen", "aandeel_mitchell"]
    assert classify(answers).type == "zwoegers"
    # All equal: the most common type.
    assert classify({item: 3 for item in ITEM_COLUMNS}).type == "meelopers"


def test_a_survey_is_classified_row_by_row_as_one_respondent_is(survey):
    result = classify(survey)
    assert result.index.equals(survey.index)
    assert list(result.columns) == [*TYPES.index, "type", "categorie", "gelijke_stand"]
    for rid in ["L0001", "L0002", "L0003", "L0100"]:
        one = classify(survey.loc[rid, list(ITEM_COLUMNS)])
        assert one.type == result.at[rid, "type"]
        assert (len(one.gelijk) > 1) == result.at[rid, "gelijke_stand"]
        np.testing.assert_array_equal(one.scores.to_numpy(), result.loc[rid, list(TYPES.index)].to_numpy(float))
    # The winner has the highest score; where there was no tie it is the plain arg-max.
    scores = result[list(TYPES.index)].astype(float)
    assert (scores.max(axis=1) == [scores.at[i, t] for i, t in result["type"].items()]).all()
    clear = ~result["gelijke_stand"]
    assert (scores[clear].idxmax(axis=1) == result.loc[clear, "type"]).all()
    assert 0 < result["gelijke_stand"].sum() < len(result) / 4


@pytest.mark.parametrize("value", [0, 6, 3.5, "ja", True])
def test_an_answer_outside_the_scale_names_the_statement(value):
    answers = answers_for("meelopers") | {"S07": value}
    with pytest.raises(KlantDataError, match=r"S07 \('Ik wil laten zien dat ik het goed doe.'\).*1 tot en met 5"):
        classify(answers)


def test_a_text_answer_that_is_a_number_counts():
    assert classify(answers_for("meelopers") | {"S05": "5", "S06": " 5 "}).type == "meelopers"


def test_a_missing_answer_names_the_statement():
    answers = answers_for("meelopers")
    del answers["S12"]
    with pytest.raises(KlantDataError, match=r"Nog niet beantwoord: stelling S12 \('Wat anderen"):
        classify(answers)
    with pytest.raises(KlantDataError, match="S12"):
        classify(answers | {"S12": None})


def test_a_wrong_or_missing_answer_in_a_survey_names_row_and_statement(survey):
    wrong = survey.head(3).copy().astype({"S03": "object"})
    wrong.loc["L0002", "S03"] = 7
    with pytest.raises(KlantDataError, match=r"rij L0002, kolom 'S03': 7.*Het gaat om S03: stelling 'Ik let bij elke aankoop"):
        classify(wrong)
    blank = survey.head(3).astype({"S11": float})
    blank.loc["L0003", "S11"] = np.nan
    with pytest.raises(KlantDataError, match=r"1 leeg antwoord: rij L0003, stelling S11 \('Ik doe"):
        classify(blank)


def test_an_unknown_statement_is_refused():
    with pytest.raises(KlantDataError, match="Onbekende stelling.*S19.*S01 t/m S18"):
        classify(answers_for("meelopers") | {"S19": 3})


def test_one_row_of_a_pooled_survey_ignores_its_other_columns_as_the_table_does():
    answers = answers_for("geslaagden") | {"Leeftijd": 21}
    export = pd.DataFrame([answers]).to_csv(index=False).encode()
    klas = klantlib.vals.pool_surveys([("anna.csv", export)])
    row = klas.iloc[0]  # respondent_id, bestand, S01 .. S18, Leeftijd
    assert {"respondent_id", "bestand", "Leeftijd"} <= set(row.index)
    one = classify(row)
    assert (one.type, one.categorie, one.gelijk) == ("geslaagden", "outer-directed", ("geslaagden",))
    assert one.scores.tolist() == classify(klas).iloc[0][list(TYPES.index)].tolist()
    assert score_types(row).iloc[0].tolist() == score_types(klas).iloc[0].tolist()
    assert score_types(pd.Series({"S01": 5, "S02": 4, "Leeftijd": "jong"})).iloc[0]["overlevers"] == 4.5


def test_a_misspelt_statement_is_unknown_in_a_dict_and_in_a_row():
    message = "Onbekende stelling: 'S1'. De items van 'Leefstijlvragenlijst (VALS)' heten S01 t/m S18."
    typed = {"S1": 3, **{item: 3 for item in ITEM_COLUMNS[1:]}}
    for answers in (typed, pd.Series(typed), pd.Series(typed | {"Leeftijd": 21})):
        with pytest.raises(KlantDataError) as caught:
            classify(answers)
        assert str(caught.value) == message
    with pytest.raises(KlantDataError, match=r"^Onbekende stelling: 'Leeftijd'\. De items"):
        score_types(pd.Series({"Leeftijd": 21}))  # not one statement: its labels are named


def test_score_types_allows_unanswered_statements():
    scores = score_types({"S01": 5, "S02": 4, "S03": 2}).iloc[0]
    assert scores["overlevers"] == 4.5 and scores["zwoegers"] == 2.0
    assert scores.drop(["overlevers", "zwoegers"]).isna().all()


# --- compare_with_population --------------------------------------------------------------------------

def test_chi_square_by_hand_and_against_scipy():
    types = ["geslaagden"] * 60 + ["meelopers"] * 30 + ["zwoegers"] * 10
    result = compare_with_population(types)
    # By hand: expected 15, 77, 8 of 100 respondents.
    by_hand = (10 - 15) ** 2 / 15 + (90 - 77) ** 2 / 77 + (0 - 8) ** 2 / 8
    assert result.chi2 == pytest.approx(by_hand)
    assert result.vrijheidsgraden == 2
    assert result.p == pytest.approx(scipy.stats.chi2.sf(by_hand, 2))
    reference = scipy.stats.chisquare([10, 90, 0], f_exp=[15, 77, 8])
    assert (result.chi2, result.p) == pytest.approx((reference.statistic, reference.pvalue))
    table = result.tabel
    assert table["aantal"].tolist() == [10, 90, 0]
    assert table["aandeel"].tolist() == [0.1, 0.9, 0.0]
    assert table["verwacht_aandeel"].tolist() == [0.15, 0.77, 0.08]
    np.testing.assert_allclose(table["verschil"], [-0.05, 0.13, -0.08])
    assert "wijkt af" in result.conclusie and "p = 0,003" in result.conclusie
    assert "outer-directed" in result.conclusie  # the biggest difference, 13 points


def test_mitchell_compares_per_type_against_scipy(survey):
    types = classify(survey)["type"]
    result = compare_with_population(types, reference="mitchell")
    assert list(result.tabel.index) == list(TYPES.index)
    counts = types.value_counts().reindex(TYPES.index, fill_value=0)
    expected = len(types) * TYPES["aandeel_mitchell"] / 100
    reference = scipy.stats.chisquare(counts, f_exp=expected)
    assert result.chi2 == pytest.approx(reference.statistic)
    assert result.p == pytest.approx(reference.pvalue)
    assert result.vrijheidsgraden == 8
    assert result.bron == REFERENCES["mitchell"].citaat
    assert result.waarschuwing == ""


def test_a_sample_like_the_population_is_read_as_no_difference():
    types = ["zwoegers"] * 15 + ["meelopers"] * 77 + ["experimentelen"] * 8
    result = compare_with_population(types)
    assert result.chi2 == 0 and result.p == 1
    assert "niet aantoonbaar" in result.conclusie


def test_small_expected_counts_give_a_warning_that_says_which():
    types = ["meelopers"] * 15 + ["experimentelen"] * 5
    result = compare_with_population(types)  # expected 3.0, 15.4 and 1.6
    assert "need-driven (3,0)" in result.waarschuwing and "inner-directed (1,6)" in result.waarschuwing
    assert "outer-directed" not in result.waarschuwing
    assert result.conclusie.startswith(result.waarschuwing)


@pytest.mark.parametrize("share_of_each", [1, 100])
def test_the_reading_concludes_only_when_the_test_can_be_trusted(share_of_each):
    """The same lopsided mix: 5 respondents give a warning and no conclusion, 500 a firm one."""
    types = ["experimentelen", "sociaal bewust", "ik ben ik", "geslaagden", "meelopers"] * share_of_each
    result = compare_with_population(types)
    assert result.p < 0.001  # the test alone would call both significant
    if share_of_each == 1:  # expected 0.75, 3.85 and 0.4: all below 5
        assert result.waarschuwing and result.conclusie.startswith(result.waarschuwing)
        for conclusion in ("wijkt af", "wijkt niet", "bijna nooit", "zelden", "afspiegeling"):
            assert conclusion not in result.conclusie
        assert "trek je met deze steekproef dus niet" in result.conclusie
        assert "Het grootste verschil zit bij inner-directed: 60,0% in de steekproef tegenover 8,0% verwacht" in \
            result.conclusie
    else:
        assert result.waarschuwing == "" and "Let op" not in result.conclusie
        assert "wijkt af" in result.conclusie and "bijna nooit door toeval" in result.conclusie


def test_a_small_sample_like_the_population_is_not_read_as_no_difference_either():
    result = compare_with_population(["zwoegers"] * 2 + ["meelopers"] * 16 + ["experimentelen"] * 2)
    assert result.waarschuwing
    assert "niet aantoonbaar" not in result.conclusie and "toeval te kunnen ontstaan" not in result.conclusie
    assert "trek je met deze steekproef dus niet" in result.conclusie


def test_a_significant_p_above_one_in_a_thousand_is_read_as_seldom_not_almost_never():
    result = compare_with_population(["geslaagden"] * 60 + ["meelopers"] * 30 + ["zwoegers"] * 10)  # p = 0.003
    assert "ontstaat zelden door toeval" in result.conclusie


def test_type_names_are_matched_loosely_and_unknown_ones_refused():
    assert compare_with_population(["Ik ben ik", "Geintegreerd"]).tabel["aantal"].tolist() == [0, 0, 2]
    with pytest.raises(KlantDataError, match="Onbekend VALS-type: 'geslaagde'.*Bedoel je 'geslaagden'"):
        compare_with_population(["geslaagde"])
    with pytest.raises(KlantDataError, match="reference moet 'boek' of 'mitchell' zijn"):
        compare_with_population(["geslaagden"], reference="motivaction")
    with pytest.raises(KlantDataError, match="geen type"):
        compare_with_population(["geslaagden", None])


# --- segment_profile ----------------------------------------------------------------------------------

def test_profile_crosstab_and_cramers_v(survey):
    typed = survey.join(classify(survey)[["type"]])
    profile = segment_profile(typed, "leeftijd", bins=[18, 35, 50, 65, 100])
    assert list(profile.aantallen.index) == ["18-34", "35-49", "50-64", "65-99"]
    assert list(profile.aantallen.columns) == list(TYPES.index)
    assert profile.aantallen.to_numpy().sum() == len(survey)
    young = typed[typed["leeftijd"] < 35]
    assert profile.aantallen.loc["18-34"].to_dict() == young["type"].value_counts().reindex(TYPES.index,
                                                                                            fill_value=0).to_dict()
    np.testing.assert_allclose(profile.aandelen.sum(axis=1), 1)
    counts = profile.aantallen.loc[:, profile.aantallen.sum() > 0].to_numpy()
    chi2 = scipy.stats.chi2_contingency(counts, correction=False).statistic
    by_hand = np.sqrt(chi2 / (counts.sum() * (min(counts.shape) - 1)))
    assert profile.cramers_v == pytest.approx(by_hand)
    assert profile.cramers_v < 0.2  # age hardly predicts lifestyle here


@pytest.mark.parametrize("table", [[[10, 0], [0, 10]], [[12, 5, 7], [3, 9, 14]], [[1, 2], [3, 4], [5, 9], [8, 1]]])
def test_cramers_v_and_chi_square_equal_scipy(table):
    from scipy.stats.contingency import association

    assert klantlib.vals.cramers_v(pd.DataFrame(table)) == pytest.approx(association(np.array(table), method="cramer"))
    reference = scipy.stats.chi2_contingency(table, correction=False)
    assert klantlib.vals.chi_square(table, reference.expected_freq) == pytest.approx(reference.statistic)


def _with_province(survey):
    klanten = klantlib.load_dataset("klanten")[["klant_id", "provincie"]]
    typed = survey.join(classify(survey)[["type"]])
    return typed.reset_index().merge(klanten, on="klant_id", how="left").set_index("respondent_id")


@pytest.mark.parametrize(("by", "bins"), [("leeftijd", [18, 35, 50, 65, 100]), ("provincie", None)])
def test_v_by_chance_is_the_chi_square_tests_bound_and_what_shuffling_gives(survey, by, bins):
    typed = _with_province(survey)
    profile = segment_profile(typed, by, bins=bins)
    counts = profile.aantallen.loc[:, profile.aantallen.sum() > 0]
    # V above the bound exactly when the chi-square test of independence gives p below 0.05.
    p = scipy.stats.chi2_contingency(counts.to_numpy(), correction=False).pvalue
    assert (profile.cramers_v > profile.v_toeval) == (p < 0.05)
    assert profile.v_toeval == pytest.approx(klantlib.vals.cramers_v_by_chance(*counts.shape, len(typed)))
    # Shuffling the types over the respondents (no relation at all): V stays below the bound in about 95%.
    rng = np.random.default_rng(3)
    labels = (pd.cut(typed[by], bins, right=False) if bins else typed[by]).astype(str).to_numpy()
    shuffled = [klantlib.vals.cramers_v(pd.crosstab(labels, rng.permutation(typed["type"].to_numpy())))
                for _ in range(400)]
    assert np.quantile(shuffled, 0.95) == pytest.approx(profile.v_toeval, abs=0.01)


def test_v_by_chance_grows_with_the_table_and_shrinks_with_the_sample():
    by_chance = klantlib.vals.cramers_v_by_chance
    assert by_chance(4, 9, 500) < by_chance(12, 9, 500)  # more groups, the same respondents: more room for chance
    assert by_chance(12, 9, 5000) < by_chance(12, 9, 500)
    assert by_chance(12, 9, 500, alpha=0.01) > by_chance(12, 9, 500)


def test_profile_reading_sets_v_beside_chance_and_names_sparse_cells(survey):
    typed = _with_province(survey)
    province = segment_profile(typed, "provincie")
    assert province.cramers_v <= province.v_toeval  # a bigger table's V, still within what chance gives
    assert "12 groepen × 9 typen met 500 respondenten" in province.conclusie
    assert "minder dan 5 respondenten" in province.conclusie and "door toeval ontstaan" in province.conclusie
    # A real relation: the type follows the region; above the bound, weak below 0.2 or not.
    strong = pd.DataFrame({"type": ["meelopers"] * 40 + ["geslaagden"] * 40, "regio": ["noord"] * 35 + ["zuid"] * 45})
    reading = segment_profile(strong, "regio").conclusie
    assert "ligt erboven: regio hangt samen met het type." in reading and "vakjes" not in reading
    one = segment_profile(pd.DataFrame({"type": ["meelopers"] * 4, "regio": ["noord", "zuid"] * 2}), "regio")
    assert one.cramers_v == 0 and np.isnan(one.v_toeval) and "maar één type" in one.conclusie


def test_profile_perfect_association_and_errors():
    df = pd.DataFrame({"type": ["meelopers"] * 3 + ["geslaagden"] * 3, "regio": ["noord"] * 3 + ["zuid"] * 3})
    assert segment_profile(df, "regio").cramers_v == pytest.approx(1.0)
    with pytest.raises(KlantDataError, match="bins"):
        segment_profile(pd.DataFrame({"type": ["meelopers"] * 20, "leeftijd": range(20, 40)}), "leeftijd")
    with pytest.raises(KlantDataError, match="'inkomen'"):
        segment_profile(df, "inkomen")


# --- the views: figures and the questionnaire widget ---------------------------------------------------

def test_widget_result_gets_its_numbers_from_the_model():
    from klantlib.views.vals import widget_result

    answers = answers_for("experimentelen", high=4, low=2) | {"S13": 5}
    scores, kind, text = widget_result(answers)
    result = classify(answers)
    assert kind == result.type == "experimentelen"
    pd.testing.assert_series_equal(scores, result.scores, check_names=False)
    assert "<b>experimentelen</b> (experiential)" in text and "inner-directed" in text and "4,5" in text
    partial = {k: v for k, v in answers.items() if k not in ("S13", "S14")}
    scores, kind, text = widget_result(partial | {"S01": None})
    assert kind is None and np.isnan(scores["experimentelen"]) and scores["overlevers"] == 2.0  # S02 only
    assert text.startswith("Nog 3 van de 18 stellingen")


def test_widget_says_when_the_tie_rule_decided():
    from klantlib.views.vals import widget_result

    answers = {item: 2 for item in ITEM_COLUMNS} | {"S05": 4, "S06": 4, "S13": 5, "S14": 3}
    _, kind, text = widget_result(answers)
    assert kind == "meelopers" and "Gelijke stand met experimentelen" in text


def test_vals_widget_changes_type_and_figure_and_keeps_answers(tmp_path):
    from klantlib.views._widgets import find_widget
    from klantlib.views.vals import vals_widget

    box = vals_widget(folder=tmp_path)
    for item, value in answers_for("meelopers", high=5, low=2).items():
        find_widget(box, f"klant-{item}").value = value
    outcome = find_widget(box, "klant-vals-type")
    area = find_widget(box, "klant-figuur").area
    assert "<b>meelopers</b>" in outcome.value
    before = area.shown
    bars = area.ax.patches[: len(TYPES)]
    assert [b.get_x() + b.get_width() for b in bars] == classify(answers_for("meelopers", 5, 2)).scores.tolist()
    # Raising the experimentelen statements past meelopers changes the type shown, and the figure.
    find_widget(box, "klant-S05").value = 3
    find_widget(box, "klant-S13").value = 5
    find_widget(box, "klant-S14").value = 5
    assert "<b>experimentelen</b>" in outcome.value
    assert area.shown != before
    assert bars[list(TYPES.index).index("experimentelen")].get_linewidth() == 2.0
    # A new widget on the same folder (as after a kernel restart) finds the answers again.
    again = vals_widget(folder=tmp_path)
    assert find_widget(again, "klant-S13").value == 5
    assert "<b>experimentelen</b>" in find_widget(again, "klant-vals-type").value
    find_widget(again, "klant-export").click()
    assert (tmp_path / "vals.csv").read_text().splitlines()[0] == ",".join(ITEM_COLUMNS)


def test_figures_show_the_model_numbers(survey):
    import matplotlib.pyplot as plt

    from klantlib.views.vals import comparison_bars, population_bars, profile_heatmap, score_bars

    left, right = population_bars()
    widths = [p.get_width() for p in left.patches]
    assert widths == [15, 77, 8, 11, 67, 22]
    assert [p.get_width() for p in right.patches] == TYPES["aandeel_mitchell"].tolist()
    comparison = compare_with_population(classify(survey))
    ax = comparison_bars(comparison, color="red")
    assert [p.get_width() for p in ax.patches[:3]] == comparison.tabel["aandeel"].tolist()
    assert ax.patches[0].get_facecolor()[:3] == (1.0, 0.0, 0.0)
    profile = segment_profile(survey.join(classify(survey)[["type"]]), "leeftijd", bins=[18, 35, 50, 65, 100])
    ax = profile_heatmap(profile)
    (mesh,) = ax.collections  # one coloured square per cell, the first group on top
    np.testing.assert_array_equal(mesh.get_array().reshape(profile.aandelen.shape), profile.aandelen.to_numpy(float))
    assert ax.yaxis_inverted() and [t.get_text() for t in ax.get_yticklabels()] == ["18-34", "35-49", "50-64", "65-99"]
    first = classify(survey.loc["L0001", list(ITEM_COLUMNS)])
    ax = score_bars(first.scores, first.type)
    bars = ax.patches[: len(TYPES)]
    assert [p.get_x() for p in bars] == [1] * len(TYPES) and ax.get_xlim()[0] == 1  # a 1-5 scale starts at 1
    assert [p.get_x() + p.get_width() for p in bars] == first.scores.tolist()
    marked = [t.get_text() for t in ax.texts if "◀" in t.get_text()]
    assert marked == [f"{first.scores[first.type]:.1f}".replace(".", ",") + "  ◀ type"]
    plt.close("all")


def test_vals_widget_says_when_answers_are_not_saved(tmp_path):
    from klantlib.views._widgets import find_widget
    from klantlib.views.vals import vals_widget

    blocked = tmp_path / "geen_map"
    blocked.write_text("een bestand waar de map had moeten staan")
    box = vals_widget(folder=blocked)
    find_widget(box, "klant-S01").value = 4
    message = find_widget(box, "klant-melding").value
    assert "NIET opgeslagen" in message and "color:#b00020" in message
    assert "Nog 17 van de 18" in find_widget(box, "klant-vals-type").value  # the answer still counts


def test_a_reference_that_adds_up_to_101_is_scaled_to_100(monkeypatch):
    import klantlib.vals as vals

    shares = TYPES["aandeel_mitchell"].astype(float).copy()
    shares["wedijveraars"] = 10
    shares["sociaal bewust"] = 9  # a mixed citation: 101 in all
    mixed = vals.Reference("gemengd", "gemengd", "test", "type", shares, "telt op tot 101")
    monkeypatch.setattr(vals, "REFERENCES", {**vals.REFERENCES, "gemengd": mixed})
    result = compare_with_population(["meelopers"] * 101, reference="gemengd")
    assert result.tabel["verwacht_aandeel"].sum() == pytest.approx(1.0)
    assert result.tabel["verwacht_aantal"].tolist() == pytest.approx(shares.tolist())


# --- segment_profile: ages written as text, an empty survey, a blank variable (issue 18) -----------------------

def _ages(values, types=("meelopers", "geslaagden", "meelopers", "geslaagden", "zwoegers", "meelopers")):
    return pd.DataFrame({"type": list(types), "leeftijd": values}, index=pd.Index(range(2, 2 + len(values)), name="rij"))


def test_with_bins_ages_are_read_by_the_number_rule():
    survey = _ages([" 42 ", "67", 19, "23,0", None, "  "])  # text, a number, a decimal comma, two blanks
    with pytest.warns(klantlib.KlantDataWarning) as caught:
        profile = segment_profile(survey, "leeftijd", bins=[18, 35, 65, 120])
    assert [str(w.message) for w in caught] == [
        "2 van de 6 rijen overgeslagen (rijen 6 en 7): geen (bruikbare) waarde in 'leeftijd' of een waarde buiten "
        "de bins."]
    assert list(profile.aantallen.index) == ["18-34", "35-64", "65-119"]
    assert profile.aantallen[["meelopers", "geslaagden"]].to_numpy().tolist() == [[1, 1], [1, 0], [0, 1]]
    numbers = segment_profile(_ages([42, 67, 19, 23, 30, 50]), "leeftijd", bins=[18, 35, 65, 120])
    assert numbers.aantallen.sum(axis=1).tolist() == [3, 2, 1]


def test_with_bins_an_age_that_is_no_number_names_column_and_rows():
    """"65+" or "18-24" is a group already: never guessed into a bin, but a Dutch error (was a TypeError)."""
    with pytest.raises(KlantDataError) as caught:
        segment_profile(_ages([" 42 ", "65+", 19, "18-24", None, "70"]), "leeftijd", bins=[18, 35, 65, 120])
    assert str(caught.value) == (
        "In kolom 'leeftijd' staat op rijen 3 en 5 geen getal (bijvoorbeeld '65+' op rij 3). Met bins deelt "
        "segment_profile getallen in groepen. Schrijf in 'leeftijd' alleen getallen (42), of laat bins weg als de "
        "kolom al groepen bevat (zoals '18-24' of '65+').")
    groups = segment_profile(_ages(["18-24", "65+", "18-24", "65+", "65+", "18-24"]), "leeftijd")  # without bins
    assert groups.aantallen.sum(axis=1).to_dict() == {"18-24": 3, "65+": 3}


def test_bin_labels_name_the_values_each_group_holds():
    survey = _ages([1, 2.5, 4.9, 5, 7, 30])
    profile = segment_profile(survey, "leeftijd", bins=[0, 2.5, 5, float("inf")])
    assert profile.aantallen.sum(axis=1).to_dict() == {"0 tot 2,5": 1, "2,5 tot 5": 2, "5+": 3}  # was "0--1.5" ...
    profile = segment_profile(survey, "leeftijd", bins=[0, 5, 10, np.inf])
    assert profile.aantallen.sum(axis=1).to_dict() == {"0-4": 3, "5-9": 2, "10+": 1}


def test_bins_that_are_no_rising_numbers_are_refused():
    for bins in ([35, 18], ["a", 18], 18, [18]):
        with pytest.raises(KlantDataError) as caught:
            segment_profile(_ages([20, 30, 40, 50, 60, 70]), "leeftijd", bins=bins)
        assert str(caught.value) == ("bins moet een rij oplopende getallen zijn (de grenzen van de groepen), zoals "
                                     f"[18, 35, 50, 65, 100]; niet {bins!r}.")


def test_an_empty_survey_or_a_variable_blank_for_everyone_is_a_dutch_error(survey):
    typed = survey.join(classify(survey)[["type"]])
    nobody = typed[typed["leeftijd"] > 200]  # a filter that keeps nobody
    for bins in (None, [18, 35, 50, 65, 100]):
        with pytest.raises(KlantDataError) as caught:
            segment_profile(nobody, "leeftijd", bins=bins)
        assert str(caught.value) == ("De selectie is leeg: in de enquête staat geen enkele respondent, dus valt er "
                                     "niets te verdelen over 'leeftijd'. Heb je gefilterd (bijvoorbeeld op 'leeftijd' "
                                     "of 'type')? Dan hield het filter niets over: kies een ruimer filter of kijk de "
                                     "waarden na.")
    with pytest.raises(KlantDataError) as caught:
        segment_profile(typed.assign(regio=" "), "regio")  # was an empty table with Cramér's V 0.0
    assert str(caught.value) == ("In de enquête is de kolom 'regio' helemaal leeg: geen enkele respondent heeft een "
                                 "waarde, dus valt er niets te verdelen. Vul de kolom in, of kies een andere kolom.")
    with pytest.raises(KlantDataError) as caught:
        segment_profile(typed.assign(leeftijd=None), "leeftijd", bins=[18, 35])  # was a TypeError
    assert str(caught.value) == (f"In de kolom 'leeftijd' staat bij geen van de {len(typed)} respondenten een getal "
                                 "binnen de bins [18, 35]: er valt niets te verdelen. Vul de kolom in, of kies bins "
                                 "die de waarden omvatten.")


def test_without_bins_spaces_make_no_group_and_a_cell_of_spaces_is_blank():
    survey = _ages(["noord", " noord", "zuid ", "  ", None, "zuid"]).rename(columns={"leeftijd": "regio"})
    with pytest.warns(klantlib.KlantDataWarning) as caught:
        profile = segment_profile(survey, "regio")
    assert [str(w.message) for w in caught] == [
        "2 van de 6 rijen overgeslagen (rijen 5 en 6): geen (bruikbare) waarde in 'regio'."]
    assert profile.aantallen[["meelopers", "geslaagden"]].to_dict("index") == {
        "noord": {"meelopers": 1, "geslaagden": 1}, "zuid": {"meelopers": 2, "geslaagden": 0}}


@settings(max_examples=30, deadline=None)
@given(st.lists(st.tuples(st.integers(18, 99), st.sampled_from(["{}", " {} ", "{},0"]), st.sampled_from(list(TYPES.index))),
                min_size=1, max_size=30))
def test_an_age_written_as_text_falls_in_the_bin_of_its_number(rows):
    bins = [18, 35, 50, 65, 100]
    as_numbers = pd.DataFrame({"type": [t for _, _, t in rows], "leeftijd": [age for age, _, _ in rows]})
    as_text = as_numbers.assign(leeftijd=[form.format(age) for age, form, _ in rows])
    expected = segment_profile(as_numbers, "leeftijd", bins=bins)
    read = segment_profile(as_text, "leeftijd", bins=bins)
    pd.testing.assert_frame_equal(read.aantallen, expected.aantallen)
    assert read.cramers_v == expected.cramers_v


def test_a_missing_variable_is_named_without_the_advice_about_types():
    survey = pd.DataFrame({"type": ["Achievers"], "leeftijd ": [30]})
    with pytest.raises(KlantDataError) as error:
        segment_profile(survey, "leeftijd")
    assert "Bedoel je 'leeftijd ' voor 'leeftijd'?" in str(error.value)
    assert "classify" not in str(error.value)


def test_cramers_v_by_chance_refuses_a_table_that_cannot_have_a_v():
    from klantlib.vals import cramers_v_by_chance

    for args, start in [((1, 3, 100), "Een kruistabel met 1 rij en 3 kolommen zegt"),
                        ((3, 3, 0), "De selectie is leeg"), ((3, 3, 100, 1.5), "alpha is een kans")]:
        with pytest.raises(KlantDataError, match=start):
            cramers_v_by_chance(*args[:3], **({"alpha": args[3]} if len(args) == 4 else {}))
