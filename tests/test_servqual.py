"""SERVQUAL: hand-computed scores, published figures, properties and bad input."""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from klantlib.errors import KlantDataError, KlantDataWarning
from klantlib.servqual import (
    DIMENSION_ITEMS,
    DIMENSIONS,
    E_COLUMNS,
    GAP_COLUMNS,
    ITEMS,
    P_COLUMNS,
    WEIGHT_COLUMNS,
    answers_frame,
    dimension_scores,
    example_survey,
    item_counts,
    read_survey,
    servperf_score,
    servqual_gaps,
    servqual_score,
    summary,
    survey_columns,
    validate_survey,
)


def make_survey(e, p, weights=None, n=1, ids=True):
    """``n`` identical respondents answering ``e`` / ``p`` (lists of 22) with ``weights`` (5 points)."""
    row = {**{f"E{i}": e[i - 1] for i in range(1, 23)}, **{f"P{i}": p[i - 1] for i in range(1, 23)}}
    if weights is not None:
        row.update(dict(zip(WEIGHT_COLUMNS, weights)))
    frame = pd.DataFrame([row] * n, index=pd.Index(range(2, n + 2), name="rij"))
    if ids:
        frame.insert(0, "respondent_id", [f"R{k:04d}" for k in range(1, n + 1)])
    return frame


# -- the items ------------------------------------------------------------------------------------

def test_items_table():
    assert list(ITEMS.index) == list(range(1, 23))
    assert list(ITEMS["dimensie"].unique()) == list(DIMENSIONS)
    assert ITEMS["dimensie"].value_counts().to_dict() == {
        "tastbaarheden": 4, "betrouwbaarheid": 5, "responsiviteit": 4, "zekerheid": 4, "inlevingsvermogen": 5}
    # The 1988 version worded the responsiveness and empathy items negatively.
    assert ITEMS.index[ITEMS["negatief_1988"]].tolist() == [10, 11, 12, 13, 18, 19, 20, 21, 22]
    assert ITEMS["verwachting"].str.contains("itstekende organisaties").all()
    assert ITEMS["perceptie"].str.contains("eze organisatie|Ik |mij|mijn", regex=True).all()
    assert ITEMS["verwachting"].is_unique and ITEMS["perceptie"].is_unique
    assert ITEMS["engels"].str.len().gt(5).all()


# -- hand-computed --------------------------------------------------------------------------------

def test_hand_computed_respondent():
    survey = example_survey()
    gaps = servqual_gaps(survey)
    assert list(gaps.columns) == list(GAP_COLUMNS)
    assert list(gaps.index) == [2, 3] and gaps.index.name == "rij"
    # R0001 row 2, by hand: P - E per item.
    expected = [-1, -1, -1, 0, -2, -2, -3, -1, -1, -1, 0, -1, -1, 0, 0, 0, 0, -1, 0, 0, 0, -1]
    assert gaps.loc[2].tolist() == expected
    scores = dimension_scores(gaps)
    assert scores.loc[2, list(DIMENSIONS)].tolist() == pytest.approx([-0.75, -1.8, -0.75, 0.0, -0.4])
    assert scores.loc[2, "aantal_items"] == 22
    # Unweighted: mean of the five; weighted with 10/40/20/15/15 points.
    assert servqual_score(survey).loc[2, "servqual"] == pytest.approx(-3.7 / 5)
    weighted = 0.10 * -0.75 + 0.40 * -1.8 + 0.20 * -0.75 + 0.15 * 0 + 0.15 * -0.4
    assert servqual_score(survey, weighted=True).loc[2, "servqual"] == pytest.approx(weighted)
    assert servqual_score(survey).loc[3, "servqual"] == 0
    # SERVPERF: the 22 perceptions only.
    p = [survey.loc[2, c] for c in P_COLUMNS]
    assert servperf_score(survey).loc[2, "servperf"] == pytest.approx(sum(p) / 22)


def test_summary_by_hand():
    table = summary(example_survey())
    assert list(table.index) == list(DIMENSIONS)
    assert table.loc["betrouwbaarheid", "verwachting"] == pytest.approx((33 / 5 + 6) / 2)
    assert table.loc["betrouwbaarheid", "gap"] == pytest.approx((-1.8 + 0) / 2)
    assert (table["gap"] - (table["perceptie"] - table["verwachting"])).abs().max() < 1e-12
    # t-interval with 1 degree of freedom: 12.706 * sd / sqrt(2)
    sd = np.std([-1.8, 0], ddof=1)
    half = 12.7062047 * sd / np.sqrt(2)
    assert table.loc["betrouwbaarheid", "ondergrens"] == pytest.approx(-0.9 - half, rel=1e-6)
    assert table.loc["betrouwbaarheid", "bovengrens"] == pytest.approx(-0.9 + half, rel=1e-6)
    assert table["respondenten"].tolist() == [2] * 5


def test_weights_all_20_equal_unweighted():
    rng = np.random.default_rng(4)
    survey = pd.DataFrame({c: rng.integers(1, 8, 50) for c in E_COLUMNS + P_COLUMNS})
    for c in WEIGHT_COLUMNS:
        survey[c] = 20
    unweighted = servqual_score(survey)["servqual"]
    weighted = servqual_score(survey, weighted=True)["servqual"]
    np.testing.assert_allclose(weighted.to_numpy(), unweighted.to_numpy(), rtol=0, atol=1e-12)


def test_swapping_e_and_p_negates_every_gap():
    rng = np.random.default_rng(5)
    survey = pd.DataFrame({c: rng.integers(1, 8, 30) for c in E_COLUMNS + P_COLUMNS})
    swapped = survey.rename(columns={**{f"E{i}": f"P{i}" for i in range(1, 23)},
                                     **{f"P{i}": f"E{i}" for i in range(1, 23)}})
    pd.testing.assert_frame_equal(servqual_gaps(swapped), -servqual_gaps(survey))
    pd.testing.assert_frame_equal(summary(swapped)["gap"].to_frame(), -summary(survey)["gap"].to_frame())


def test_five_point_scale():
    survey = make_survey([5] * 22, [1] * 11 + [3] * 11, weights=[20] * 5)
    assert servqual_gaps(survey, scale=5).iloc[0].tolist() == [-4] * 11 + [-2] * 11
    with pytest.raises(KlantDataError, match="1 tot en met 5"):
        servqual_gaps(make_survey([6] * 22, [3] * 22), scale=5)
    # On the 7-point scale the same survey is fine.
    assert servqual_gaps(make_survey([6] * 22, [3] * 22)).iloc[0].eq(-3).all()


def test_zun_ibrahim_hamid_2018_reproduced():
    """Table 2 of Zun, Ibrahim & Hamid (2018), 5-point scale: E/P means and gaps per dimension."""
    published = {  # dimension: (E, P, gap)
        "tastbaarheden": (4.44, 4.19, -0.25),
        "betrouwbaarheid": (4.49, 4.36, -0.13),
        "responsiviteit": (4.48, 4.35, -0.13),
        "zekerheid": (4.50, 4.32, -0.18),
        "inlevingsvermogen": (4.56, 4.40, -0.16),
    }
    n = 100
    # Each mean m in (4, 5) comes from round((m - 4) * n) respondents answering 5 and the rest 4.
    columns = {}
    for dim, (e, p, _) in published.items():
        for item in DIMENSION_ITEMS[dim]:
            columns[f"E{item}"] = [5] * round((e - 4) * n) + [4] * (n - round((e - 4) * n))
            columns[f"P{item}"] = [5] * round((p - 4) * n) + [4] * (n - round((p - 4) * n))
    survey = pd.DataFrame(columns)
    table = summary(survey, scale=5).round(2)
    for dim, (e, p, gap) in published.items():
        assert table.loc[dim, "verwachting"] == e
        assert table.loc[dim, "perceptie"] == p
        assert table.loc[dim, "gap"] == gap


def test_missing_items_scored_on_items_present():
    survey = example_survey()
    survey.loc[2, "E1"] = np.nan
    survey.loc[2, "P5"] = np.nan
    gaps = servqual_gaps(survey)
    assert np.isnan(gaps.loc[2, "G1"]) and np.isnan(gaps.loc[2, "G5"])
    scores = dimension_scores(gaps)
    assert scores.loc[2, "tastbaarheden"] == pytest.approx(-2 / 3)
    assert scores.loc[2, "betrouwbaarheid"] == pytest.approx(-7 / 4)
    assert scores.loc[2, "aantal_items"] == 20
    assert item_counts(gaps).loc[2].tolist() == [3, 4, 4, 4, 5]
    assert servqual_score(survey).loc[2, "aantal_items"] == 20


def test_dimension_without_answers_has_no_score_and_weight_moves():
    survey = example_survey()
    for i in DIMENSION_ITEMS["tastbaarheden"]:
        survey.loc[2, f"P{i}"] = np.nan
    scores = dimension_scores(servqual_gaps(survey))
    assert np.isnan(scores.loc[2, "tastbaarheden"])
    assert servqual_score(survey).loc[2, "servqual"] == pytest.approx((-1.8 - 0.75 + 0 - 0.4) / 4)
    expected = (40 * -1.8 + 20 * -0.75 + 15 * 0 + 15 * -0.4) / 90
    assert servqual_score(survey, weighted=True).loc[2, "servqual"] == pytest.approx(expected)


def test_servperf_needs_only_perceptions():
    survey = example_survey().drop(columns=list(E_COLUMNS))
    assert servperf_score(survey).loc[3, "servperf"] == 6


def test_answers_frame_scores_like_a_survey():
    answers = {"organisatie": "Bieb", **{c: 5 for c in E_COLUMNS}, **{c: 4 for c in P_COLUMNS},
               **{c: 20 for c in WEIGHT_COLUMNS}}
    row = answers_frame(answers)
    assert servqual_score(row, weighted=True).iloc[0].tolist() == [-1.0, 22]


@settings(max_examples=60, deadline=None)
@given(
    scale=st.sampled_from([5, 7]),
    data=st.data(),
)
def test_gaps_within_bounds(scale, data):
    n = data.draw(st.integers(1, 6))
    cells = st.one_of(st.integers(1, scale), st.none())
    rows = [[data.draw(cells) for _ in range(44)] for _ in range(n)]
    survey = pd.DataFrame(rows, columns=list(E_COLUMNS + P_COLUMNS), dtype=float)
    gaps = servqual_gaps(survey, scale=scale)
    values = gaps.to_numpy()
    finite = values[~np.isnan(values)]
    assert ((finite >= -(scale - 1)) & (finite <= scale - 1)).all()
    scores = dimension_scores(gaps)
    dims = scores[list(DIMENSIONS)].to_numpy()
    assert np.nanmax(np.abs(dims), initial=0) <= scale - 1
    assert (scores["aantal_items"] == (~np.isnan(values)).sum(axis=1)).all()


# -- bad input: 10+ cases, each a Dutch error naming row, column and value, or a warning -----------

@pytest.mark.parametrize("bad, shown", [(0, "0"), (8, "8"), (4.5, "4.5"), ("zeven", "'zeven'"), (-1, "-1")])
def test_wrong_answer_raises_naming_row_column_value(bad, shown):
    survey = example_survey().astype({"E3": object})
    survey.loc[3, "E3"] = bad
    with pytest.raises(KlantDataError) as info:
        servqual_gaps(survey)
    text = str(info.value)
    assert "rij 3" in text and "R0002" in text and "'E3'" in text and shown in text
    assert "1 tot en met 7" in text


@pytest.mark.parametrize("bad", [0, 8, 4.5, "zeven"])
def test_wrong_answer_as_missing_with_warning(bad):
    survey = example_survey().astype({"P1": object})
    survey.loc[2, "P1"] = bad
    with pytest.warns(KlantDataWarning, match="1 ongeldig antwoord.*als ontbrekend behandeld"):
        gaps = servqual_gaps(survey, errors="warn")
    assert np.isnan(gaps.loc[2, "G1"])
    assert dimension_scores(gaps).loc[2, "aantal_items"] == 21


def test_many_wrong_answers_counted():
    survey = example_survey()
    survey[list(E_COLUMNS)] = 9
    with pytest.raises(KlantDataError, match="44 ongeldige antwoorden.*en nog 39"):
        servqual_gaps(survey)
    with pytest.warns(KlantDataWarning, match="44 ongeldige antwoorden"):
        gaps = servqual_gaps(survey, errors="warn")
    assert gaps.isna().all().all()


def test_blank_answers_are_missing_not_errors():
    survey = example_survey().astype({"E2": object, "P2": object})
    survey.loc[2, "E2"] = ""
    survey.loc[3, "P2"] = "  "
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        gaps = servqual_gaps(survey)
    assert gaps["G2"].isna().all()
    assert dimension_scores(gaps)["aantal_items"].tolist() == [21, 21]


def test_text_numbers_and_decimal_comma():
    survey = example_survey().astype({"E1": "str"})
    assert servqual_gaps(survey).equals(servqual_gaps(example_survey()))
    survey.loc[2, "E1"] = "4,5"
    with pytest.raises(KlantDataError, match="'4,5'"):
        servqual_gaps(survey)


def test_weights_not_summing_to_100():
    survey = example_survey()
    survey.loc[3, "W_zekerheid"] = 10  # 90 in all
    assert servqual_score(survey).shape == (2, 2)  # unweighted does not need the points
    with pytest.raises(KlantDataError, match="rij 3 \\(respondent R0002\\): samen 90 punten"):
        servqual_score(survey, weighted=True)
    with pytest.warns(KlantDataWarning, match="samen 90 punten"):
        scores = servqual_score(survey, weighted=True, errors="warn")
    assert np.isnan(scores.loc[3, "servqual"]) and scores.loc[2, "servqual"] == pytest.approx(-1.005)


def test_missing_weight_columns():
    survey = example_survey().drop(columns=["W_zekerheid"])
    with pytest.raises(KlantDataError, match="W_zekerheid"):
        servqual_score(survey, weighted=True)


def test_missing_p_column():
    survey = example_survey().drop(columns=["P7"])
    with pytest.raises(KlantDataError, match="ontbreekt de kolom 'P7'"):
        servqual_gaps(survey)


def test_duplicated_respondent_ids():
    survey = example_survey()
    survey.loc[3, "respondent_id"] = "R0001"
    with pytest.raises(KlantDataError, match="rij 3.*kwam al eerder voor"):
        servqual_gaps(survey)
    with pytest.warns(KlantDataWarning, match="1 van de 2 rijen overgeslagen \\(rij 3\\)"):
        gaps = servqual_gaps(survey, errors="warn")
    assert list(gaps.index) == [2]


def test_no_respondents_and_not_a_frame():
    with pytest.raises(KlantDataError, match=r"^De selectie is leeg: in de enquête staat geen enkele respondent"):
        servqual_gaps(example_survey().iloc[:0])
    with pytest.raises(KlantDataError, match="DataFrame"):
        servqual_gaps([[1, 2]])


def test_bad_options():
    with pytest.raises(ValueError, match="scale"):
        servqual_gaps(example_survey(), scale=1)
    with pytest.raises(ValueError, match="errors"):
        servqual_gaps(example_survey(), errors="ignore")
    with pytest.raises(KlantDataError, match="servqual_gaps"):
        dimension_scores(example_survey())


def test_question_text_headers_are_mapped():
    survey = example_survey()
    headers = {f"E{i}": f"E{i}. {ITEMS.at[i, 'verwachting']}" for i in range(1, 23)}
    headers.update({f"P{i}": f"P{i:02d} - {ITEMS.at[i, 'perceptie']}" for i in range(1, 23)})
    headers.update({f"W_{d}": f"Punten {d}" for d in DIMENSIONS})
    exported = survey.rename(columns=headers)
    with pytest.raises(KlantDataError, match="ontbreken de kolommen 'E1', 'E2', .* en nog 36"):
        servqual_gaps(exported)
    mapped = survey_columns(exported)
    pd.testing.assert_frame_equal(servqual_score(mapped, weighted=True), servqual_score(survey, weighted=True))


def test_two_columns_for_one_item():
    frame = pd.DataFrame(columns=["E1", "E1. Uitstekende organisaties"])
    with pytest.raises(KlantDataError, match="Meer dan één kolom hoort bij hetzelfde item: 'E1' en 'E1. Uitstekende organisaties' bij E1"):
        survey_columns(frame)


def test_row_of_question_texts_names_the_row():
    survey = example_survey()
    texts = pd.DataFrame([{**{f"E{i}": ITEMS.at[i, "verwachting"] for i in range(1, 23)},
                           **{f"P{i}": ITEMS.at[i, "perceptie"] for i in range(1, 23)}}],
                         index=pd.Index([2], name="rij"))
    shifted = survey.set_axis([3, 4]).rename_axis("rij")
    frame = pd.concat([texts, shifted])
    with pytest.raises(KlantDataError, match="rij 2, kolom 'E1': 'Uitstekende"):
        servqual_gaps(frame)


# -- reading a student's file (through klantlib.data.read_table) -----------------------------------

def test_read_semicolon_csv(tmp_path):
    path = tmp_path / "enquete.csv"
    example_survey().to_csv(path, sep=";", index=False)
    survey = read_survey(path)
    assert survey.index.name == "respondent" and list(survey.index) == ["R0001", "R0002"]
    assert servqual_score(survey).loc["R0001", "servqual"] == pytest.approx(-0.74)


def test_read_excel_with_question_texts(tmp_path):
    survey = example_survey()
    path = tmp_path / "formulier.xlsx"
    header = {f"E{i}": f"E{i}. {ITEMS.at[i, 'verwachting']}" for i in range(1, 23)}
    header.update({f"P{i}": f"P{i}. {ITEMS.at[i, 'perceptie']}" for i in range(1, 23)})
    survey.rename(columns=header).to_excel(path, index=False)
    read = read_survey(path)
    assert servqual_score(read, weighted=True)["servqual"].tolist() == pytest.approx([-1.005, 0.0])


def test_read_excel_with_row_of_question_texts(tmp_path):
    survey = example_survey()
    texts = pd.DataFrame([{**{f"E{i}": ITEMS.at[i, "verwachting"] for i in range(1, 23)},
                           **{f"P{i}": ITEMS.at[i, "perceptie"] for i in range(1, 23)}}])
    path = tmp_path / "export.xlsx"
    pd.concat([texts, survey.reset_index(drop=True)], ignore_index=True).to_excel(path, index=False)
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            read = read_survey(path)
    except KlantDataError as exc:  # read_table may also refuse it: then it must say where
        assert "rij" in str(exc)
        return
    assert servqual_score(read)["servqual"].tolist() == pytest.approx([-0.74, 0.0])
    assert len(read) == 2
    assert caught == [] or any(issubclass(w.category, KlantDataWarning) for w in caught)


def test_read_empty_file(tmp_path):
    path = tmp_path / "leeg.csv"
    path.write_text("", encoding="utf-8")
    with pytest.raises(KlantDataError):
        read_survey(path)


def test_read_file_with_wrong_answer_names_file_and_row(tmp_path):
    survey = example_survey()
    survey.loc[3, "P4"] = 8
    path = tmp_path / "enquete.csv"
    survey.to_csv(path, index=False)
    with pytest.raises(KlantDataError, match=r"enquete.csv.*rij 3.*'P4': 8.*Het gaat om P4: stelling 'Bij deze organisatie zien folders"):
        read_survey(path)
    with pytest.warns(KlantDataWarning):
        read = read_survey(path, errors="warn")
    assert pd.isna(read.loc["R0002", "P4"])
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        servqual_score(read)


# -- the shipped survey ------------------------------------------------------------------------------

def test_shipped_survey():
    from klantlib import load_dataset

    try:
        survey = load_dataset("servqual")
    except (NotImplementedError, KeyError, FileNotFoundError, ValueError):
        pytest.skip("de meegeleverde dataset servqual is er nog niet")
    validate_survey(survey)
    table = summary(survey)
    assert list(table.index) == list(DIMENSIONS)
    assert table["gap"].between(-6, 6).all()
    scores = servqual_score(survey, weighted=True)
    assert scores["servqual"].notna().all()
    assert survey["respondent_id"].is_unique


@pytest.mark.parametrize("bad", [4.5, 0.0, 8.0, np.inf])
def test_float_frames_with_blanks_checked_too(bad):
    """Float columns with blanks take a faster path; it must find the same mistakes."""
    rng = np.random.default_rng(9)
    values = rng.integers(1, 8, size=(40, 44)).astype(float)
    values[rng.random(values.shape) < 0.05] = np.nan
    survey = pd.DataFrame(values, columns=list(E_COLUMNS + P_COLUMNS), index=pd.RangeIndex(2, 42, name="rij"))
    slow = pd.DataFrame(values[:, 22:] - values[:, :22], index=survey.index, columns=list(GAP_COLUMNS))
    pd.testing.assert_frame_equal(servqual_gaps(survey), slow)
    survey.loc[30, "P9"] = bad
    with pytest.raises(KlantDataError, match="rij 30, kolom 'P9'"):
        servqual_gaps(survey)


def test_nullable_integer_columns():
    survey = example_survey()
    survey["E1"] = survey["E1"].astype("Int64")
    survey.loc[2, "E1"] = pd.NA
    assert np.isnan(servqual_gaps(survey).loc[2, "G1"])
    assert servqual_score(survey).loc[2, "aantal_items"] == 21


# -- issue 7: what real survey exports do -----------------------------------------------------------

def test_a_text_answer_in_an_object_column_is_named_not_a_numpy_error():
    survey = example_survey()
    survey["E3"] = pd.Series([6, "zes"], index=survey.index, dtype="object")
    with pytest.raises(KlantDataError) as error:
        servqual_gaps(survey)
    assert str(error.value) == ("1 ongeldig antwoord: rij 3 (respondent R0002), kolom 'E3': 'zes'. Antwoorden moeten "
                                "hele getallen van 1 tot en met 7 zijn; verbeter de waarde of maak de cel leeg. Het "
                                "gaat om E3: stelling 'Medewerkers van uitstekende organisaties zien er verzorgd...'.")
    with pytest.warns(KlantDataWarning, match="als ontbrekend behandeld"):
        gaps = servqual_gaps(survey, errors="warn")
    assert np.isnan(gaps.loc[3, "G3"]) and gaps.loc[2, "G3"] == -1.0


def test_text_answers_with_spaces_and_decimal_zero_are_answers():
    survey = example_survey().astype({"E1": "object", "P1": "object"})
    survey.loc[2, "E1"], survey.loc[2, "P1"] = " 6 ", "5,0"
    assert servqual_gaps(survey).equals(servqual_gaps(example_survey()))


def test_weights_written_as_percentages_are_points():
    survey = example_survey()
    as_text = survey.astype({c: "object" for c in WEIGHT_COLUMNS})
    for column in WEIGHT_COLUMNS:
        as_text[column] = [f"{v}%" for v in survey[column]]
    assert servqual_score(as_text, weighted=True).equals(servqual_score(survey, weighted=True))


def test_wrong_points_say_what_is_wrong():
    survey = example_survey().astype({"W_zekerheid": "object", "W_tastbaarheden": "object"})
    survey.loc[2, "W_zekerheid"] = "vijftien"
    survey.loc[3, "W_tastbaarheden"] = None
    with pytest.raises(KlantDataError) as error:
        servqual_score(survey, weighted=True)
    assert ("rij 2 (respondent R0001): 'vijftien' in W_zekerheid is geen getal; rij 3 (respondent R0002): punten "
            "ontbreken in W_tastbaarheden.") in str(error.value)


def test_points_as_fractions_get_a_hint():
    survey = example_survey()
    fractions = survey.astype({c: "float64" for c in WEIGHT_COLUMNS})
    fractions[list(WEIGHT_COLUMNS)] = survey[list(WEIGHT_COLUMNS)] / 100  # Excel percentage cells: 0,2
    with pytest.raises(KlantDataError, match=r"samen 1 punt: staan de punten als fractie \(0,2 voor 20%\)\?"):
        servqual_score(fractions, weighted=True)


def test_an_upload_is_named_by_its_file_name():
    survey = example_survey()
    survey.loc[3, "P4"] = 8
    upload = {"name": "mijn_enquete.csv", "content": survey.to_csv(index=False, sep=";").encode("utf-8")}
    with pytest.raises(KlantDataError) as error:
        read_survey(upload)
    message = str(error.value)
    assert message.startswith("1 ongeldig antwoord in 'mijn_enquete.csv': rij 3 (respondent R0002), kolom 'P4': 8.")
    assert "b'" not in message and "content" not in message


def test_the_widget_row_reads_answers_by_the_same_rule():
    row = answers_frame({"E1": "6", "P1": 5, "E2": "x", "W_zekerheid": "100"})
    assert row.loc[1, ["E1", "P1", "W_zekerheid"]].tolist() == [6.0, 5.0, 100.0] and np.isnan(row.loc[1, "E2"])
