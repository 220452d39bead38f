"""klantlib.nps: the Net Promoter Score worked out by hand, its edges, groups, and bad input refused in Dutch."""

import warnings

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from klantlib.data import read_table
from klantlib.errors import KlantDataError, KlantDataWarning
from klantlib.nps import nps


def score(values) -> float:
    return float(nps(pd.Series(values, name="aanbeveling")).at["alle", "nps"])


def test_nps_by_hand():
    # 10 answers: 4 promotors (9, 10, 10, 9), 3 passives (7, 8, 8), 3 criticasters (0, 6, 5): (4 - 3) / 10 = +10
    table = nps(pd.Series([9, 10, 7, 0, 8, 6, 10, 5, 8, 9], name="aanbeveling"))
    row = table.loc["alle"]
    assert (row["antwoorden"], row["promotors"], row["passieven"], row["criticasters"]) == (10, 4, 3, 3)
    assert row["aandeel_promotors"] == 0.4 and row["aandeel_passieven"] == 0.3 and row["aandeel_criticasters"] == 0.3
    assert row["nps"] == pytest.approx(10.0)
    assert row["geen_antwoord"] == 0


@pytest.mark.parametrize(("values", "expected"), [
    ([9, 10, 10], 100.0),          # all promotors
    ([0, 3, 6, 6], -100.0),        # all criticasters
    ([7, 8, 8], 0.0),              # all passives: no promotor, no criticaster
    ([10], 100.0),                 # one answer
    ([6], -100.0),
    ([6, 7, 8, 9], 0.0),           # the borders: 6 criticaster, 7-8 passive, 9 promotor
])
def test_nps_edges(values, expected):
    assert score(values) == expected


def test_blank_answers_are_counted_not_scored():
    table = nps(pd.Series([10, None, 2, float("nan"), 9], name="aanbeveling"))
    assert table.at["alle", "antwoorden"] == 3 and table.at["alle", "geen_antwoord"] == 2
    assert table.at["alle", "nps"] == pytest.approx(100 * (2 - 1) / 3)


def test_text_numbers_are_read_by_the_answer_rule():
    assert score(["10", " 9 ", "6,0", 3]) == 0.0


@given(st.lists(st.integers(0, 10), min_size=1, max_size=60))
def test_nps_is_share_of_promotors_minus_share_of_criticasters(values):
    n = len(values)
    expected = 100 * (sum(v >= 9 for v in values) - sum(v <= 6 for v in values)) / n
    result = score(values)
    assert result == pytest.approx(expected)
    assert -100 <= result <= 100


def test_by_group_keeps_a_categorical_order_and_shows_empty_groups():
    quadrants = pd.Categorical(["Dogs", "Partners", "Partners", "Dogs"],
                               categories=["Partners", "Vrienden", "Economici", "Dogs"])
    table = nps(pd.Series([3, 10, 9, 8], name="aanbeveling"), by=pd.Series(quadrants))
    assert list(table.index) == ["Partners", "Vrienden", "Economici", "Dogs"]
    assert table.at["Partners", "nps"] == 100.0 and table.at["Dogs", "nps"] == -50.0
    assert table.at["Vrienden", "antwoorden"] == 0 and pd.isna(table.at["Vrienden", "nps"])


def test_by_group_counts_equal_the_groups_separately():
    values = pd.Series([10, 2, 9, 7, 6, 10, 8], name="aanbeveling")
    groups = pd.Series(list("aabbbab"))
    table = nps(values, by=groups)
    for group in "ab":
        assert table.at[group, "nps"] == pytest.approx(score(values[groups == group].tolist()))
    assert table["antwoorden"].sum() == len(values)


def test_customers_without_a_group_are_left_out_with_a_count():
    with pytest.warns(KlantDataWarning, match="1 van de 3 rijen overgeslagen"):
        table = nps(pd.Series([10, 2, 9], name="aanbeveling"), by=pd.Series(["a", None, "a"]))
    assert table.at["a", "antwoorden"] == 2


def test_a_wrong_answer_names_file_column_and_row(tmp_path):
    path = tmp_path / "nps.csv"
    path.write_text("klant,aanbeveling\nK1,9\nK2,11\nK3,ja\nK4,7\n", encoding="utf-8")
    survey = read_table(path)
    with pytest.raises(KlantDataError) as info:
        nps(survey["aanbeveling"])
    message = str(info.value)
    assert "nps.csv" in message and "kolom 'aanbeveling'" in message
    assert "rij 3" in message and "11" in message and "rij 4" in message and "'ja'" in message
    assert "0 tot en met 10" in message


def test_warn_counts_wrong_answers_as_not_given():
    with pytest.warns(KlantDataWarning, match="1 ongeldig antwoord"):
        table = nps(pd.Series([10, 12, 3], name="aanbeveling"), errors="warn")
    assert table.at["alle", "antwoorden"] == 2


@pytest.mark.parametrize(("scores", "match"), [
    (pd.Series([None, None], name="aanbeveling", dtype="float64"), "geen enkel antwoord"),
    (pd.Series([], name="aanbeveling", dtype="float64"), "geen"),
    ([9, 10], "één kolom"),
    (pd.DataFrame({"a": [9], "b": [10]}), "één kolom"),
])
def test_no_answers_or_no_column_is_a_dutch_error(scores, match):
    with pytest.raises(KlantDataError, match=match):
        nps(scores)


def test_by_must_match_the_answers():
    with pytest.raises(KlantDataError, match="dezelfde rijen"):
        nps(pd.Series([9, 10], name="aanbeveling"), by=pd.Series(["a"]))


def test_a_one_column_frame_is_a_column():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert nps(pd.DataFrame({"aanbeveling": [10, 0]})).at["alle", "nps"] == 0.0
