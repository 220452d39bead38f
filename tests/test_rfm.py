"""klantlib.rfm: a hand-computed example, properties (hypothesis) and students' bad inputs."""

import re
import warnings
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import klantlib
from klantlib.data import KlantDataError, KlantDataWarning, read_table
from klantlib.rfm import (
    DRIVERS,
    GROUPS,
    STRATEGY,
    UNPLACED,
    assessment_matrix,
    customer_rendement,
    customers_per_point,
    group_counts,
    pareto_table,
    relatiesterkte,
    rendement,
    rfm_scores,
    rfm_table,
    score_counts,
    top_share,
)

REF = "2026-01-01"


def frame(rows, columns=("klant_id", "datum", "bedrag")):
    df = pd.DataFrame(rows, columns=list(columns))
    df["datum"] = pd.to_datetime(df["datum"])
    return df


@pytest.fixture
def hand():
    """Five customers, every number below worked out by hand."""
    return frame([
        ("A", "2025-12-31", 100.0), ("A", "2025-12-01", 200.0), ("A", "2025-06-01", 300.0),  # 3 buys, last 1 day ago
        ("B", "2025-11-01", 50.0),                                                           # 1 buy, 61 days
        ("C", "2025-10-02", 500.0), ("C", "2025-10-20", -100.0),                             # return lowers M only
        ("D", "2024-01-01", 20.0), ("D", "2024-02-01", 20.0),                                # 2 buys, 700 days
        ("E", "2025-12-22", 80.0),                                                           # 1 buy, 10 days
    ])


def test_hand_computed_example(hand):
    table = rfm_table(hand, reference_date=REF)
    assert table.to_dict("index") == {
        "A": {"recency": 1, "frequency": 3, "monetary": 600.0},
        "B": {"recency": 61, "frequency": 1, "monetary": 50.0},
        "C": {"recency": 91, "frequency": 1, "monetary": 400.0},
        "D": {"recency": 700, "frequency": 2, "monetary": 40.0},
        "E": {"recency": 10, "frequency": 1, "monetary": 80.0},
    }
    scores = rfm_scores(table, bins=5)
    # R: recency ranks A<E<B<C<D -> 5,4,3,2,1. F: three customers bought once -> share below 0 -> 1;
    # D (2) has 3 of 5 below -> 1+floor(5*0.6)=4; A (3) has 4 below -> 5. M: 40<50<80<400<600 -> D1 B2 E3 C4 A5.
    assert scores["R"].to_dict() == {"A": 5, "B": 3, "C": 2, "D": 1, "E": 4}
    assert scores["F"].to_dict() == {"A": 5, "B": 1, "C": 1, "D": 4, "E": 1}
    assert scores["M"].to_dict() == {"A": 5, "B": 2, "C": 4, "D": 1, "E": 3}
    assert scores.loc["A", "rfm_code"] == "555" and scores.loc["D", "rfm_totaal"] == 6
    assert rendement(scores, bins=5).to_dict() == {"A": 100.0, "B": 25.0, "C": 33.3, "D": 25.0, "E": 41.7}


def test_order_column_counts_orders_not_lines():
    df = frame([("A", "2025-01-01", 10.0, "o1"), ("A", "2025-01-01", 5.0, "o1"), ("A", "2025-02-01", 5.0, "o2")],
               ("klant_id", "datum", "bedrag", "order_id"))
    assert rfm_table(df, reference_date=REF, order="order_id").loc["A", "frequency"] == 2
    assert rfm_table(df, reference_date=REF).loc["A", "frequency"] == 3


def test_shipped_data_gives_all_four_groups_and_the_80_20_rule():
    t = klantlib.load_dataset("transacties")
    table = rfm_table(t, reference_date=REF, order="order_id")
    assert len(table) == t["klant_id"].nunique()
    scores = rfm_scores(table)
    assert (scores["F"] == 1).mean() > 0.5  # the tie rule keeps all once-only buyers together
    survey = relatiesterkte(klantlib.load_dataset("relatiesterkte"))
    matrix = assessment_matrix(rendement(scores, bins=5).reindex(survey.index), survey)
    counts = matrix["groep"].value_counts()
    assert set(counts.index) == set(GROUPS) and counts.min() >= 50
    assert 0.65 <= top_share(t.groupby("klant_id")["bedrag"].sum()) <= 0.85


# --- properties -------------------------------------------------------------------------------

values = st.lists(st.integers(min_value=0, max_value=30), min_size=1, max_size=60)


@given(values, st.integers(min_value=2, max_value=9))
def test_scores_in_range_and_equal_values_equal_scores(vals, bins):
    table = pd.DataFrame({"recency": vals, "frequency": [v + 1 for v in vals], "monetary": [float(v) for v in vals]})
    scores = rfm_scores(table, bins=bins)
    for column in "RFM":
        assert scores[column].between(1, bins).all()
        assert scores.groupby(table["frequency"])[column].nunique().max() == 1
    # better value, never a lower score
    order = np.argsort(table["frequency"].to_numpy(), kind="stable")
    assert (np.diff(scores["F"].to_numpy()[order]) >= 0).all()


@settings(max_examples=50, deadline=None)
@given(st.lists(st.tuples(st.sampled_from("ABCDE"), st.integers(0, 700), st.integers(1, 500)), min_size=1, max_size=40),
       st.sampled_from("ABCDE"), st.integers(0, 700))
def test_adding_a_purchase_never_lowers_f(rows, who, day):
    def build(rs):
        return pd.DataFrame({"klant_id": [r[0] for r in rs],
                             "datum": pd.Timestamp("2024-01-01") + pd.to_timedelta([r[1] for r in rs], unit="D"),
                             "bedrag": [float(r[2]) for r in rs], "order_id": range(len(rs))})
    before = rfm_scores(rfm_table(build(rows), reference_date=REF, order="order_id"))
    after = rfm_scores(rfm_table(build(rows + [(who, day, 10)]), reference_date=REF, order="order_id"))
    assert after.loc[who, "frequency"] == before["frequency"].get(who, 0) + 1
    if who in before.index:
        assert after.loc[who, "F"] >= before.loc[who, "F"]


@settings(max_examples=50, deadline=None)
@given(st.lists(st.tuples(st.sampled_from("ABC"), st.integers(0, 700)), min_size=1, max_size=20), st.integers(0, 400))
def test_later_reference_date_never_lowers_recency(rows, shift):
    df = pd.DataFrame({"klant_id": [r[0] for r in rows],
                       "datum": pd.Timestamp("2024-01-01") + pd.to_timedelta([r[1] for r in rows], unit="D"),
                       "bedrag": 10.0})
    early = rfm_table(df, reference_date="2026-01-01")["recency"]
    late = rfm_table(df, reference_date=pd.Timestamp("2026-01-01") + pd.Timedelta(days=shift))["recency"]
    assert ((late - early) == shift).all()


# --- bad input ---------------------------------------------------------------------------------

def caught(function, *args, **kwargs):
    with warnings.catch_warnings(record=True) as records:
        warnings.simplefilter("always")
        result = function(*args, **kwargs)
    return result, [str(w.message) for w in records if issubclass(w.category, KlantDataWarning)]


def test_reference_date_is_required(hand):
    with pytest.raises(TypeError):
        rfm_table(hand)
    with pytest.raises(KlantDataError, match="peildatum 'morgen' is geen datum"):
        rfm_table(hand, reference_date="morgen")


def test_transactions_after_the_reference_date_are_left_out_with_a_count(hand):
    table, messages = caught(rfm_table, hand, reference_date="2025-12-15")
    assert any("2 van de 9 transacties liggen na de peildatum 15-12-2025" in m for m in messages)
    assert table.loc["A", "frequency"] == 2
    with pytest.raises(KlantDataError, match="na de peildatum"):
        rfm_table(hand, reference_date="2025-12-15", errors="raise")


def test_later_says_what_happens_to_transactions_after_the_reference_date(hand):
    warned, messages = caught(rfm_table, hand, reference_date="2025-12-15")
    quiet, none = caught(rfm_table, hand, reference_date="2025-12-15", later="coerce")
    assert len(messages) == 1 and none == []
    pd.testing.assert_frame_equal(quiet, warned)  # the same period, only without the message
    by_hand = rfm_table(hand[hand["datum"] <= "2025-12-15"], reference_date="2025-12-15")
    pd.testing.assert_frame_equal(quiet, by_hand)
    with pytest.raises(KlantDataError, match="2 transacties liggen na de peildatum 15-12-2025"):
        rfm_table(hand, reference_date="2025-12-15", later="raise")
    # errors="raise" is strict about the period too, unless later says otherwise.
    assert caught(rfm_table, hand, reference_date="2025-12-15", errors="raise", later="coerce")[1] == []
    with pytest.raises(KlantDataError, match="later moet 'raise', 'warn' of 'coerce' zijn"):
        rfm_table(hand, reference_date=REF, later="stil")
    # Unusable rows are still reported when the period is left quiet.
    bad = hand.copy()
    bad.loc[3, "bedrag"] = np.nan
    assert any("overgeslagen (de rij met index 3)" in m for m in caught(rfm_table, bad, reference_date="2025-12-15",
                                                            later="coerce")[1])


def test_customer_rendement_is_rfm_on_the_reference_date_without_a_message_about_the_period(hand):
    score, messages = caught(customer_rendement, hand, reference_date="2025-12-15", bins=3, order=None)
    assert messages == []
    by_hand = rendement(rfm_scores(rfm_table(hand[hand["datum"] <= "2025-12-15"], reference_date="2025-12-15"),
                                   bins=3), bins=3)
    pd.testing.assert_series_equal(score, by_hand)


def test_missing_ids_dates_and_amounts_are_reported_by_row(hand):
    bad = hand.copy()
    bad.loc[1, "klant_id"] = None
    bad.loc[3, "bedrag"] = np.nan
    table, messages = caught(rfm_table, bad, reference_date=REF)
    assert any("2 van de 9 rijen overgeslagen (de rijen met index 1 en 3)" in m and "klant_id en bedrag" in m for m in messages)
    assert "B" not in table.index
    with pytest.raises(KlantDataError, match="de rijen met index 1 en 3"):
        rfm_table(bad, reference_date=REF, errors="raise")


def test_text_amounts_with_euro_signs_and_decimal_commas(tmp_path):
    path = tmp_path / "kassa.csv"
    path.write_text("Klant;Datum;Bedrag\nK1;31-12-2025;€ 1.234,50\nK1;01-12-2025;€ 10,25\nK2;15-11-2025;7,00\n",
                    encoding="cp1252")
    own = read_table(path)  # read_table already makes numbers of "€ 1.234,50"; rfm_table also accepts text
    table = rfm_table(own, reference_date=REF, customer="Klant", date="Datum", amount="Bedrag")
    assert table.loc["K1"].tolist() == [1, 2, 1244.75]
    assert table.loc["K2", "recency"] == 47
    typed_in = pd.DataFrame({"klant_id": ["K1", "K1"], "datum": ["31-12-2025", "2025-12-01"],
                             "bedrag": ["€ 1.234,50", "10,25"]})  # text as a student might type it in pandas
    assert rfm_table(typed_in, reference_date=REF).loc["K1"].tolist() == [1, 2, 1244.75]


def test_identical_rows_are_kept_and_reported_with_their_rows(hand):
    doubled = pd.concat([hand, hand.iloc[[0]]], ignore_index=True)  # row 9 repeats row 0
    table, messages = caught(rfm_table, doubled, reference_date=REF)
    assert messages == ["1 rij is precies gelijk aan een eerdere rij (de rij met index 9). Die rij telt mee als aparte aankoop. "
                        "Is hij dubbel geboekt, haal hem dan eerst weg: transacties.drop_duplicates()."]
    assert table.loc["A", ["frequency", "monetary"]].tolist() == [4, 700.0]  # every row counts
    table, messages = caught(rfm_table, doubled.drop_duplicates(), reference_date=REF)
    assert messages == [] and table.loc["A", ["frequency", "monetary"]].tolist() == [3, 600.0]


def test_empty_file_and_missing_columns(tmp_path):
    with pytest.raises(KlantDataError, match="leeg"):
        rfm_table(pd.DataFrame(columns=["klant_id", "datum", "bedrag"]), reference_date=REF)
    with pytest.raises(KlantDataError, match="ontbreekt de kolom 'bedrag'. Gevonden kolommen: 'klant_id' en 'datum'. Geef de kolomnamen"):
        rfm_table(pd.DataFrame({"klant_id": ["a"], "datum": ["2025-01-01"]}), reference_date=REF)


def test_returns_only_customer_is_reported():
    df = frame([("A", "2025-05-01", 100.0), ("B", "2025-05-01", -30.0)])
    table, messages = caught(rfm_table, df, reference_date=REF)
    assert list(table.index) == ["A"]
    assert any("alleen retouren" in m and "B" in m for m in messages)


def test_one_customer_and_all_identical_customers():
    one = rfm_scores(rfm_table(frame([("A", "2025-05-01", 100.0)]), reference_date=REF))
    assert one.loc["A", ["R", "F", "M"]].tolist() == [1, 1, 1]
    same = rfm_scores(rfm_table(frame([(k, "2025-05-01", 100.0) for k in "ABCD"]), reference_date=REF))
    assert (same["rfm_code"] == "111").all()


def test_likert_outside_the_scale_and_text_answers():
    survey = pd.DataFrame({"klant_id": ["a", "b", "c"], "attractiviteit": [0, 8, 4], "overstapkosten": [4, 4, 4],
                           "vertrouwen": [4, "zes", 4], "tevredenheid": [4, 4, 4.5]})
    with pytest.raises(KlantDataError) as error:
        relatiesterkte(survey)
    assert str(error.value) == (
        "4 ongeldige antwoorden: rij 0 (klant a), kolom 'attractiviteit': 0; rij 1 (klant b), kolom 'attractiviteit': "
        "8; rij 1 (klant b), kolom 'vertrouwen': 'zes'; rij 2 (klant c), kolom 'tevredenheid': 4.5. Antwoorden moeten "
        "hele getallen van 1 tot en met 7 zijn; verbeter de waarde of maak de cel leeg. Het gaat om attractiviteit: "
        "stelling 'Ik heb liever met Trapper te maken dan met een andere fie...'; vertrouwen: stelling 'Op Trapper kan "
        "ik rekenen.'; tevredenheid: stelling 'Ik ben tevreden over wat er tot nu toe met Trapper is geb...'.")
    scores, messages = caught(relatiesterkte, survey, errors="warn")
    assert len(messages) == 1 and messages[0].startswith("4 ongeldige antwoorden als ontbrekend behandeld")
    assert scores["c"] == 50.0
    with pytest.warns(FutureWarning, match='errors="missing" heet nu errors="warn"'):
        old = relatiesterkte(survey, errors="missing")  # the old word, in saved notebooks, still works
    pd.testing.assert_series_equal(old, scores)


def test_duplicate_respondents_and_survey_ids_not_among_customers():
    survey = pd.DataFrame({"klant_id": ["a", "a"], **{d: [4, 5] for d in
                                                      ("attractiviteit", "overstapkosten", "vertrouwen", "tevredenheid")}})
    with pytest.raises(KlantDataError, match="meer dan eens"):
        relatiesterkte(survey)
    x = pd.Series({"a": 70.0, "b": 20.0})
    y = pd.Series({"a": 80.0, "zz": 50.0})
    matrix, messages = caught(assessment_matrix, x, y)
    assert matrix.loc["a", "groep"] == "Partners" and pd.isna(matrix.loc["zz", "groep"])
    assert any("1 alleen een rendement" in m and "1 alleen een relatiesterkte" in m for m in messages)
    quiet, none = caught(assessment_matrix, x, y, errors="coerce")
    assert none == []
    pd.testing.assert_frame_equal(quiet, matrix)
    with pytest.raises(KlantDataError, match="Van de 3 klanten hebben er 1 alleen een rendement .* en 1 alleen"):
        assessment_matrix(x, y, errors="raise")
    assert group_counts(quiet).to_dict() == {"Partners": 1, "Vrienden": 0, "Economici": 0, "Dogs": 0, UNPLACED: 2}


def test_group_counts_count_every_customer_once():
    x = pd.Series({"a": 50.0, "b": 50.0, "c": 50.0, "d": 10.0, "e": 10.0, "f": 90.0})
    y = pd.Series({"a": 60.0, "b": 60.0, "c": 20.0, "d": 20.0, "e": 20.0, "g": 5.0})
    counts = group_counts(assessment_matrix(x, y, errors="coerce"))
    assert counts.index.tolist() == [*GROUPS, UNPLACED] and counts.name == "klanten"
    assert counts.tolist() == [2, 0, 1, 2, 2]  # worked out by hand: f and g have one score only
    assert counts.sum() == 7


def test_score_counts_are_the_customers_per_score_with_every_score_listed(hand):
    scores = rfm_scores(rfm_table(hand, reference_date=REF), bins=5)
    counts = score_counts(scores)
    # By hand (test_hand_computed_example): R 5,3,2,1,4; F 5,1,1,4,1; M 5,2,4,1,3.
    assert counts.to_dict("list") == {"R": [1, 1, 1, 1, 1], "F": [3, 0, 0, 1, 1], "M": [1, 1, 1, 1, 1]}
    assert counts.index.tolist() == [1, 2, 3, 4, 5] and (counts.sum() == len(scores)).all()
    plain = scores[["R", "F", "M"]].copy()  # no attrs: the highest score given sets the range
    assert score_counts(plain).index.tolist() == [1, 2, 3, 4, 5]


def test_cut_as_number_pair_and_median():
    x = pd.Series({"a": 80.0, "b": 20.0, "c": 60.0, "d": 40.0})
    y = pd.Series({"a": 80.0, "b": 70.0, "c": 20.0, "d": 45.0})
    assert assessment_matrix(x, y, cut=50)["groep"].tolist() == ["Partners", "Vrienden", "Economici", "Dogs"]
    assert assessment_matrix(x, y, cut=(70, 40))["groep"].tolist() == ["Partners", "Vrienden", "Dogs", "Vrienden"]
    median = assessment_matrix(x, y, cut="median")
    assert median.attrs["cut"] == (50.0, 57.5)
    with pytest.raises(KlantDataError, match="median"):
        assessment_matrix(x, y, cut="gemiddelde")


def test_pareto_and_top_share():
    values = pd.Series({"a": 10.0, "b": 60.0, "c": 30.0, "d": 0.0, "e": 0.0})
    table = pareto_table(values)
    assert table["klant"].tolist() == ["b", "c", "a", "d", "e"]
    assert table["aandeel_omzet"].iloc[-1] == pytest.approx(1.0)
    assert top_share(values, top=0.2) == 0.6 and top_share(values, top=1.0) == 1.0
    with pytest.raises(KlantDataError):
        top_share(values, top=20)
    with pytest.raises(KlantDataError, match="nul of negatief"):
        pareto_table(pd.Series([0.0, -5.0]))


# -- issue 7: what real student files do to rfm_table ---------------------------------------------

def test_amounts_that_mix_excel_numbers_and_dutch_text_keep_their_values():
    df = pd.DataFrame({"klant_id": ["A", "A", "B", "B"], "datum": ["01-12-2025"] * 4,
                       "bedrag": pd.Series([2.625, "7,25", "12,50", "3.00"], dtype="object")})
    table = rfm_table(df, reference_date=REF)
    assert table["monetary"].to_dict() == {"A": 9.88, "B": 15.5}  # 2.625 + 7.25 rounded to cents; 12.5 + 3.0


def test_nineteen_digit_card_numbers_stay_two_customers():
    df = pd.DataFrame({"klant_id": pd.Series([1234567890123456789, 1234567890123456788], dtype="object"),
                       "datum": ["01-12-2025", "02-12-2025"], "bedrag": [10.0, 20.0]})
    table = rfm_table(df, reference_date=REF)
    assert table.index.tolist() == ["1234567890123456788", "1234567890123456789"]
    assert table["monetary"].tolist() == [20.0, 10.0]


def test_a_blank_order_number_is_reported_not_credited_to_the_previous_customer():
    df = pd.DataFrame({"klant_id": ["A", "B", "B"], "datum": ["01-12-2025"] * 3, "bedrag": [10.0, 20.0, 5.0],
                       "order_id": ["o1", None, "o3"]}, index=pd.Index([2, 3, 4], name="rij"))
    table, messages = caught(rfm_table, df, reference_date=REF, order="order_id")
    assert messages == ["1 van de 3 rijen overgeslagen (rij 3): geen bruikbare waarde in order_id. Vul de cel in of "
                        "verbeter hem (bedrag als 12,50; datum als 31-12-2025)."]
    assert table.to_dict("index") == {"A": {"recency": 31, "frequency": 1, "monetary": 10.0},
                                      "B": {"recency": 31, "frequency": 1, "monetary": 5.0}}


def test_a_blank_key_on_the_first_row_is_reported_too():
    df = pd.DataFrame({"klant_id": [None, "B"], "datum": ["01-12-2025", "02-12-2025"], "bedrag": [10.0, 20.0]},
                      index=pd.Index([2, 3], name="rij"))
    table, messages = caught(rfm_table, df, reference_date=REF)
    assert messages[0].startswith("1 van de 2 rijen overgeslagen (rij 2): geen bruikbare waarde in klant_id.")
    assert table.index.tolist() == ["B"]
    with pytest.raises(KlantDataError, match=r"1 van de 2 rijen is niet bruikbaar \(rij 2\): geen bruikbare waarde"):
        rfm_table(df, reference_date=REF, errors="raise")


def test_reference_date_text_is_day_first():
    df = frame([("A", "2025-01-31", 10.0)])
    assert rfm_table(df, reference_date="01-02-2025").loc["A", "recency"] == 1  # 1 February, not 2 January
    assert rfm_table(df, reference_date="13-02-2025").loc["A", "recency"] == 13


def test_order_by_the_date_column_counts_purchase_days():
    df = frame([("A", "2025-01-01", 10.0), ("A", "2025-01-01", 5.0), ("A", "2025-03-01", 5.0), ("A", "2025-04-01", -5)])
    assert rfm_table(df, reference_date=REF, order="datum").loc["A", "frequency"] == 2


def test_dates_excel_stored_as_serial_numbers_are_read_as_dates():
    df = pd.DataFrame({"klant_id": ["A", "B"], "datum": [46022, 46021], "bedrag": [10.0, 20.0]})  # 31-12-2025, 30-12
    assert rfm_table(df, reference_date=REF)["recency"].tolist() == [1, 2]


def test_when_no_row_is_usable_the_error_is_dutch_and_names_the_column():
    df = pd.DataFrame({"klant_id": ["A", "B"], "datum": ["3-jan-24", "4-jan-24"], "bedrag": [10.0, 20.0]},
                      index=pd.Index([2, 3], name="rij"))
    df.attrs["source"] = "kassa.csv"
    with pytest.raises(KlantDataError, match=r"2 van de 2 rijen in 'kassa.csv' zijn niet bruikbaar \(rijen 2 en 3\): "
                                             r"geen bruikbare waarde in datum"):
        rfm_table(df, reference_date=REF)


def test_ids_that_mix_7_and_007_are_two_customers_with_a_warning():
    df = pd.DataFrame({"klant_id": pd.Series([7, "007", 7], dtype="object"), "datum": ["01-12-2025"] * 3,
                       "bedrag": [1.0, 2.0, 4.0]})
    table, messages = caught(rfm_table, df, reference_date=REF)
    assert table["monetary"].to_dict() == {"7": 5.0, "007": 2.0}
    assert any("voorloopnullen" in m for m in messages)


def test_an_ambiguous_text_amount_is_refused_not_guessed():
    df = pd.DataFrame({"klant_id": ["A", "B"], "datum": ["01-12-2025"] * 2, "bedrag": ["1.234", "5"]},
                      index=pd.Index([2, 3], name="rij"))
    with pytest.raises(KlantDataError, match=r"In kolom 'bedrag' staat op rij 2 een getal dat op twee manieren"):
        rfm_table(df, reference_date=REF)


def test_bad_options_are_dutch_errors():
    with pytest.raises(KlantDataError, match="errors moet 'raise' of 'warn' zijn, niet 'negeer'"):
        rfm_table(frame([("A", "2025-01-31", 10.0)]), reference_date=REF, errors="negeer")
    with pytest.raises(KlantDataError, match="bins moet 2, 3, 4, 5, 6, 7, 8 of 9 zijn, niet 10"):
        rfm_scores(pd.DataFrame({"recency": [1], "frequency": [1], "monetary": [1.0]}), bins=10)


def test_rendement_never_guesses_bins_even_after_a_join():
    table = rfm_table(frame([("A", "2025-12-31", 100.0), ("B", "2025-01-31", 10.0), ("C", "2025-06-01", 50.0)]),
                      reference_date=REF)
    joined = rfm_scores(table, bins=3).join(pd.Series({"A": 1, "B": 2, "C": 3}, name="extra"))  # attrs are gone
    # A: R3 F1 M3 -> (7/3 - 1) / 2 = 66.7; with the old silent default of 5 bins it would have been 33.3.
    assert rendement(joined, bins=3).to_dict() == {"A": 66.7, "B": 0.0, "C": 33.3}
    with pytest.raises(KlantDataError, match="Geef bins mee"):
        rendement(joined)
    with pytest.raises(KlantDataError, match="scores hoger dan bins=2"):
        rendement(joined, bins=2)


def test_missing_score_columns_are_named_without_a_wrong_hint():
    with pytest.raises(KlantDataError) as error:
        rendement(pd.DataFrame({"R": [1]}), bins=5)
    assert str(error.value) == ("Er ontbreken de kolommen 'F' en 'M'. Gevonden kolommen: 'R'. Maak de scores met "
                                "rfm_scores(...).")


def test_relatiesterkte_reads_text_answers_by_the_answer_rule():
    survey = pd.DataFrame({"klant_id": ["a", "b"], "attractiviteit": ["7", "6,0"], "overstapkosten": [7, 1],
                           "vertrouwen": [7, 4], "tevredenheid": [7, None]}, index=pd.Index([2, 3], name="rij"))
    assert relatiesterkte(survey).to_dict() == {"a": 100.0, "b": 44.4}  # b: (6 + 1 + 4) / 3 = 3.67 -> 44.4
    survey["vertrouwen"] = pd.Series([7, "ja"], index=survey.index, dtype="object")
    with pytest.raises(KlantDataError, match=r"1 ongeldig antwoord: rij 3 \(klant b\), kolom 'vertrouwen': 'ja'. "
                                             r"Antwoorden moeten hele getallen van 1 tot en met 7 zijn"):
        relatiesterkte(survey)


def test_row_labels_need_not_be_unique():
    df = frame([("A", "2025-12-01", 10.0), ("B", "2025-12-02", 20.0), ("A", "2025-12-01", 10.0)])
    df.index = [0, 0, 1]  # pd.concat without ignore_index gives such labels
    table, messages = caught(rfm_table, df, reference_date=REF)
    assert table["monetary"].to_dict() == {"A": 20.0, "B": 20.0}
    assert len(messages) == 1 and "precies gelijk aan een eerdere rij" in messages[0]


def test_customers_per_point_counts_every_placed_customer_once():
    x = pd.Series({"a": 50.0, "b": 50.0, "c": 50.0, "d": 10.0, "e": 10.0, "f": 90.0})
    y = pd.Series({"a": 60.0, "b": 60.0, "c": 20.0, "d": 20.0, "e": 20.0})  # f: no survey, no group
    with pytest.warns(KlantDataWarning):
        matrix = assessment_matrix(x, y)
    spots = customers_per_point(matrix)
    assert spots.to_dict("list") == {"groep": ["Partners", "Economici", "Dogs"], "rendement": [50.0, 50.0, 10.0],
                                     "relatiesterkte": [60.0, 20.0, 20.0], "klanten": [2, 1, 2]}
    assert spots["klanten"].sum() == matrix["groep"].notna().sum() == 5


def test_shipped_matrix_has_600_customers_on_181_spots():
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", KlantDataWarning)
        rfm = rfm_table(klantlib.load_dataset("transacties"), reference_date=REF, order="order_id")
    strength = relatiesterkte(klantlib.load_dataset("relatiesterkte"))
    matrix = assessment_matrix(rendement(rfm_scores(rfm), bins=5).reindex(strength.index), strength)
    spots = customers_per_point(matrix)
    assert (len(spots), spots["klanten"].sum()) == (181, 600)
    per_group = spots.groupby("groep")["klanten"].sum().to_dict()
    assert per_group == {"Partners": 185, "Vrienden": 157, "Economici": 78, "Dogs": 180}


def test_number_ids_in_the_transactions_match_text_ids_in_the_survey():
    # The till writes customer numbers (12, 7), the survey tool text ("12", "K9"): customer 12 is one customer.
    rendement = pd.Series([80.0, 20.0], index=pd.Index([12, 7], name="klant_id"))
    strength = pd.Series([75.0, 30.0], index=pd.Index(["12", "K9"], name="klant_id"))
    with pytest.warns(KlantDataWarning, match="Van de 3 klanten hebben er 1 alleen een rendement"):
        matrix = assessment_matrix(rendement, strength)
    assert matrix.loc["12", "groep"] == "Partners" and matrix.index.name == "klant_id"
    assert matrix["groep"].isna().sum() == 2


def test_a_web_shop_log_with_utc_times_and_whole_number_ids():
    # 23:30 UTC on 31 January is 00:30 on 1 February on a Dutch clock: 28 days before 1 March 2025.
    log = pd.DataFrame({"klant_id": [1, 2, 2], "bedrag": [10.0, 20.0, 30.0],
                        "datum": pd.to_datetime(["2025-01-31 23:30", "2025-02-01 10:00", "2025-02-03 10:00"])
                        .tz_localize("UTC")})
    table = rfm_table(log, reference_date="01-03-2025")
    assert table.index.dtype == "int64"
    assert table.loc[1].tolist() == [28, 1, 10.0] and table.loc[2].tolist() == [26, 2, 50.0]


def test_empty_selections_get_the_one_dutch_answer():
    transactions = klantlib.load_dataset("transacties")
    with pytest.raises(KlantDataError) as error:  # a filter that keeps nothing
        rfm_table(transactions[transactions["bedrag"] > 10**9], reference_date="01-01-2026")
    assert str(error.value) == (
        "De selectie is leeg: in de transacties staat geen enkele transactie, dus valt er geen recency, frequency of "
        "monetary te meten. Heb je gefilterd (bijvoorbeeld op 'datum', 'kanaal' of 'categorie')? Dan hield het "
        "filter niets over: kies een ruimer filter of kijk de waarden na.")
    with pytest.raises(KlantDataError, match=r"^De selectie is leeg: in de RFM-tabel staat geen enkele klant, dus zijn "
                                             r"er geen scores te geven\. Maak de tabel met rfm_table"):
        rfm_scores(pd.DataFrame(columns=["recency", "frequency", "monetary"]))
    with pytest.raises(KlantDataError, match=r"^De selectie is leeg: in de enquête staat geen enkele respondent, dus "
                                             r"is er geen relatiesterkte te berekenen\."):
        relatiesterkte(pd.DataFrame(columns=["klant_id", *DRIVERS]))


def test_the_matrix_refuses_axes_that_are_no_scores_from_0_to_100():
    strength = pd.Series([75.0, 30.0], index=pd.Index(["K1", "K2"], name="klant_id"))
    amounts = pd.Series([1250.0, 80.0], index=pd.Index(["K1", "K2"], name="klant_id"))  # monetary, not rendement
    with pytest.raises(KlantDataError) as error:
        assessment_matrix(amounts, strength)
    assert str(error.value) == ("Rendement moet een score van 0 tot 100 zijn, maar loopt van 80,0 tot 1.250,0 (1 "
                                "klant buiten 0-100). Zijn het bedragen of gemiddelden op een schaal? Maak de "
                                "scores met rendement(rfm_scores(...), bins=5).")
    with pytest.raises(KlantDataError, match=r"^Relatiesterkte moet een score van 0 tot 100 zijn"):
        assessment_matrix(strength, pd.Series([-1.0, 6.5], index=strength.index))
    with pytest.raises(KlantDataError, match=r"^Geef rendement als één kolom met een score per klant \(een Series, "
                                             r"zoals rendement\(rfm_scores\(\.\.\.\), bins=5\) geeft\), geen DataFrame\."):
        assessment_matrix(amounts.to_frame(), strength)


def test_rendement_refuses_another_number_of_groups_than_the_scores_were_made_with():
    transactions = klantlib.load_dataset("transacties")
    scores = rfm_scores(rfm_table(transactions, reference_date="01-01-2026"), bins=3)
    with pytest.raises(KlantDataError) as error:
        rendement(scores, bins=5)
    assert str(error.value) == ("Deze scores zijn gemaakt met bins=3, maar je geeft bins=5: dan klopt de schaal van 0 "
                                "tot 100 niet. Geef hetzelfde aantal: rendement(scores, bins=3).")
    assert rendement(scores, bins=3).max() == 100.0
    assert rendement(scores[scores["R"] == 3], bins=3).max() == 100.0  # a selection keeps what the scores were made with


def test_relatiesterkte_weighs_the_drivers_equally_unless_told_otherwise():
    survey = pd.DataFrame({"klant_id": ["a", "b", "c"], "attractiviteit": [1, 7, 1], "overstapkosten": [1, 7, None],
                           "vertrouwen": [7, 1, 7], "tevredenheid": [7, 1, 7]})
    equal = relatiesterkte(survey)
    assert equal.to_dict() == {"a": 50.0, "b": 50.0, "c": 66.7}  # c: (1 + 7 + 7) / 3 = 5 -> 66.7
    pd.testing.assert_series_equal(relatiesterkte(survey, weights={}), equal)
    pd.testing.assert_series_equal(relatiesterkte(survey, weights={d: 3 for d in DRIVERS}), equal)
    heavy = relatiesterkte(survey, weights={"vertrouwen": 2, "tevredenheid": 2})
    # a: (1 + 1 + 2*7 + 2*7) / 6 = 5; b: (7 + 7 + 2 + 2) / 6 = 3; c skipped overstapkosten: (1 + 14 + 14) / 5 = 5.8
    assert heavy.to_dict() == {"a": 66.7, "b": 33.3, "c": 80.0}
    assert heavy.between(0, 100).all()


@pytest.mark.parametrize(("weights", "message"), [
    ({"trust": 2}, "drijfveer in weights moet 'attractiviteit'"),
    ({"vertrouwen": 0}, "Het gewicht van vertrouwen moet een getal groter dan 0 zijn, niet 0"),
    ({"vertrouwen": -1}, "groter dan 0"),
    ({"vertrouwen": "twee"}, "groter dan 0"),
    ({"vertrouwen": True}, "groter dan 0"),
    ({"vertrouwen": float("nan")}, "groter dan 0"),
    ([2, 2, 1, 1], "weights is een dict van drijfveer naar gewicht"),
])
def test_relatiesterkte_refuses_weights_it_cannot_use(weights, message):
    survey = pd.DataFrame({"klant_id": ["a"], **{d: [4] for d in DRIVERS}})
    with pytest.raises(KlantDataError, match=message):
        relatiesterkte(survey, weights=weights)


def test_the_strategy_per_group_has_one_wording_in_the_figure_and_the_notebooks_table():
    # The matrix figure labels each group with STRATEGY; notebook 04's table "Wat doe je met elke groep?"
    # bolds the same words, so a student never reads two terms for one strategy.
    import matplotlib.pyplot as plt

    from klantlib.views.rfm import matrix_figure

    source = (Path(__file__).resolve().parent.parent / "source" / "04_rfm_klantenmatrix.md").read_text(encoding="utf-8")
    rows = dict(re.findall(r"^\| \*\*(\w+)\*\* \|.*\| \*\*([^*]+)\*\*", source, re.MULTILINE))
    assert rows == STRATEGY and tuple(STRATEGY) == GROUPS
    matrix = assessment_matrix(pd.Series([80.0, 20.0]), pd.Series([80.0, 20.0]))
    ax = matrix_figure(matrix)
    labels = {text.get_text() for text in ax.texts}
    plt.close(ax.figure)
    assert labels >= {f"{group}\n({STRATEGY[group]})" for group in GROUPS}
