"""Martin's Customer Service Assessment Scale: scores per dimension, the cut, the four styles, Dutch errors."""

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402

from klantlib import plotting  # noqa: E402
from klantlib.errors import KlantDataError, KlantDataWarning  # noqa: E402
from klantlib.service import (  # noqa: E402
    ASPECTS,
    CONVIVIAL,
    PROCEDURAL,
    STYLES,
    QUESTIONNAIRE,
    example_ratings,
    martin_profile,
    service_style,
    style_cut,
)
from klantlib.views.service import service_style_plot  # noqa: E402


def ratings(procedural, convivial, name="org"):
    """One organisation with the same rating on every aspect of a dimension."""
    row = {a: procedural for a in PROCEDURAL} | {a: convivial for a in CONVIVIAL}
    return pd.DataFrame([row], index=[name])


def test_aspects_are_martins_seven_procedural_and_nine_convivial():
    assert len(PROCEDURAL) == 7 and len(CONVIVIAL) == 9
    assert ASPECTS["dimensie"].value_counts().to_dict() == {"persoonlijk": 9, "procedureel": 7}
    assert ASPECTS["vraag"].str.endswith("?").all()


@pytest.mark.parametrize(("procedural", "convivial", "style"), [
    (1, 1, "Vriezer"), (5, 1, "Fabriek"), (1, 5, "Vriendelijke pollyanna"), (5, 5, "Kwaliteitsservice"),
])
def test_the_four_corners_are_martins_four_styles(procedural, convivial, style):
    assert service_style(procedural, convivial) == style
    assert martin_profile(ratings(procedural, convivial)).loc["org", "stijl"] == style
    assert set(STYLES.values()) == {"Vriezer", "Fabriek", "Vriendelijke pollyanna", "Kwaliteitsservice"}


def test_the_cut_is_the_middle_of_the_scale_and_a_score_on_it_is_low():
    assert style_cut(5) == 3.0 and style_cut(7) == 4.0
    assert service_style(3.0, 3.01) == "Vriendelijke pollyanna"
    assert service_style(3.01, 3.0) == "Fabriek"
    # On a 1-7 scale the middle is 4: a 4 is low there, a 4 on 1-5 is high.
    assert service_style(4, 4, scale=7) == "Vriezer"
    assert service_style(4, 4, scale=5) == "Kwaliteitsservice"
    # A stricter cut of one's own moves an organisation down.
    assert service_style(3.5, 4.5, cut=4) == "Vriendelijke pollyanna"


def test_profile_is_the_mean_per_dimension_by_hand():
    ratings = example_ratings()
    profile = martin_profile(ratings)
    by_hand = ratings.loc["klant 01"]
    assert profile.loc["klant 01", "procedureel"] == pytest.approx(by_hand[list(PROCEDURAL)].sum() / 7)
    assert profile.loc["klant 01", "persoonlijk"] == pytest.approx(by_hand[list(CONVIVIAL)].sum() / 9)
    assert profile["aantal_aspecten"].tolist() == [16] * 6 + [15] * 5
    assert profile.attrs == {"cut": 3.0, "scale": 5}


def test_the_example_data_are_customers_several_per_organisation():
    """Martin's scale is scored by customers (the book's opdracht 2.3): one row per customer, never per organisation."""
    ratings = example_ratings()
    assert ratings.index.is_unique and ratings.index.name == "klant"
    assert ratings.groupby("organisatie").size().to_dict() == {"werkplaats": 6, "webshop": 5}
    # Web shop customers saw nobody, so they leave body language blank; every other aspect is rated.
    blank = ratings[list(PROCEDURAL + CONVIVIAL)].isna()
    assert blank.sum().to_dict() == {a: (5 if a == "lichaamstaal" else 0) for a in PROCEDURAL + CONVIVIAL}
    assert (ratings.loc[blank["lichaamstaal"], "organisatie"] == "webshop").all()
    # The story: customers mostly agree, one workshop customer (repair on time) rates the systems well.
    styles = martin_profile(ratings).groupby(ratings["organisatie"])["stijl"].value_counts().to_dict()
    assert styles == {("webshop", "Fabriek"): 5, ("werkplaats", "Vriendelijke pollyanna"): 5,
                      ("werkplaats", "Kwaliteitsservice"): 1}


def test_an_organisation_pools_its_customers_each_counting_once():
    example = example_ratings()
    pooled = martin_profile(example, by="organisatie")
    assert pooled.index.tolist() == ["werkplaats", "webshop"] and pooled.index.name == "organisatie"
    assert pooled["klanten"].tolist() == [6, 5]
    assert pooled["stijl"].tolist() == ["Vriendelijke pollyanna", "Fabriek"]
    # The rule: the mean of the customers' dimension scores (Questionnaire.score), not of all ratings.
    scores = QUESTIONNAIRE.score(example)
    for organisation, group in example.groupby("organisatie"):
        for dimension in ("procedureel", "persoonlijk"):
            assert pooled.loc[organisation, dimension] == pytest.approx(scores.loc[group.index, dimension].mean())
    # A customer who rated fewer aspects counts as much as one who rated them all.
    one = pd.concat([ratings(5, 5, "a"), ratings(1, 1, "b").assign(**{a: np.nan for a in CONVIVIAL[1:]})])
    one["organisatie"] = "x"
    assert martin_profile(one, by="organisatie").loc["x", "persoonlijk"] == pytest.approx(3.0)
    assert pooled.attrs == {"cut": 3.0, "scale": 5}


def test_pooling_needs_an_organisation_for_every_customer():
    ratings = example_ratings()
    with pytest.raises(KlantDataError, match="geen kolom 'winkel' die zegt welke organisatie"):
        martin_profile(ratings, by="winkel")
    ratings.loc["klant 03", "organisatie"] = None
    with pytest.raises(KlantDataError, match="rij klant 03 staat geen organisatie in de kolom 'organisatie'"):
        martin_profile(ratings, by="organisatie")


def test_a_blank_aspect_is_left_out_and_a_blank_dimension_has_no_style():
    frame = ratings(4, 2).astype(float)
    frame.loc["org", "tijdigheid"] = np.nan
    profile = martin_profile(frame)
    assert profile.loc["org", "procedureel"] == 4.0 and profile.loc["org", "aantal_aspecten"] == 15
    frame[list(CONVIVIAL)] = np.nan
    profile = martin_profile(frame)
    assert profile.loc["org", "stijl"] is None and np.isnan(profile.loc["org", "persoonlijk"])


def test_bad_input_gets_a_dutch_error():
    with pytest.raises(KlantDataError, match=r"rij org, kolom 'tact': 6.*1 tot en met 5.*Het gaat om tact: vraag 'Gaat de medewerker tactvol"):
        martin_profile(ratings(3, 3).assign(tact=6))
    with pytest.raises(KlantDataError, match=r"ontbreekt de kolom 'tact'.*hoort per respondent een kolom per item: tijdigheid"):
        martin_profile(ratings(3, 3).drop(columns="tact"))
    with pytest.raises(KlantDataError, match="cut moet een getal tussen 1 en 5 zijn, niet 5"):
        martin_profile(example_ratings(), cut=5)
    with pytest.raises(KlantDataError, match="cut moet een getal"):
        style_cut(5, cut="3")
    with pytest.raises(KlantDataError, match="scale moet een heel getal"):
        style_cut(1.5)
    with pytest.raises(KlantDataError, match="errors moet"):
        martin_profile(example_ratings(), errors="ignore")
    with pytest.raises(KlantDataError, match="persoonlijk moet een getal van 1 tot en met 5"):
        service_style(3, 0)
    with pytest.raises(KlantDataError, match="procedureel moet een getal"):
        service_style(True, 3)


def test_a_wrong_rating_can_count_as_not_given():
    with pytest.warns(KlantDataWarning):
        profile = martin_profile(ratings(3, 4).assign(tact=9), errors="warn")
    assert profile.loc["org", "aantal_aspecten"] == 15 and profile.loc["org", "persoonlijk"] == 4.0


def test_one_organisations_ratings_as_a_row_or_a_dict_are_a_table_of_one_row():
    """A row taken from the table (``ratings.loc["webshop"]``) used to give 16 rows of NaN, one per aspect."""
    whole = martin_profile(example_ratings())
    row = martin_profile(example_ratings().loc["klant 07"])
    pd.testing.assert_frame_equal(row, whole.loc[["klant 07"]], check_names=False)
    as_dict = martin_profile(example_ratings().drop(columns="organisatie").loc["klant 07"].to_dict())
    assert as_dict.index.tolist() == [0]
    assert as_dict.loc[0, ["stijl", "aantal_aspecten"]].tolist() == ["Fabriek", 15]
    assert as_dict.loc[0, "procedureel"] == pytest.approx(29 / 7)


def test_an_empty_table_or_ratings_that_are_no_table_get_a_dutch_error():
    with pytest.raises(KlantDataError) as caught:
        martin_profile(example_ratings().head(0))
    assert str(caught.value) == ("De selectie is leeg: in de enquête staat geen enkele respondent, dus zijn er geen "
                                 "antwoorden te controleren. Heb je gefilterd? Dan hield het filter niets over: kies "
                                 "een ruimer filter of kijk de waarden na.")
    with pytest.raises(KlantDataError) as caught:
        martin_profile([4, 2])
    assert str(caught.value) == ("Geef de antwoorden als tabel (een kolom per item: tijdigheid ...), of van één "
                                 "respondent als woordenboek ({'tijdigheid': ...}), niet als list.")


def test_the_plot_shows_the_profile_and_its_cut():
    plotting.use_style()
    profile = martin_profile(example_ratings(), by="organisatie", cut=3.5)
    ax = service_style_plot(profile, color="red", s=20)
    points = ax.collections[0]
    np.testing.assert_allclose(points.get_offsets(), profile[["procedureel", "persoonlijk"]].to_numpy())
    assert list(points.get_sizes()) == [20.0]
    assert [line.get_xdata()[0] for line in ax.lines[:1]] == [3.5]
    assert {t.get_text() for t in ax.texts} >= {*STYLES.values(), "werkplaats", "webshop"}
    assert ax.get_legend() is None
    # With the raters: every customer an open circle without a label, and a legend that says which is which.
    raters = martin_profile(example_ratings())
    ax = service_style_plot(profile, raters=raters)
    np.testing.assert_allclose(ax.collections[1].get_offsets(), raters[["procedureel", "persoonlijk"]].to_numpy())
    assert {t.get_text() for t in ax.texts} - set(STYLES.values()) == {"werkplaats", "webshop"}
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["organisatie (gemiddelde van haar klanten)",
                                                                   "één klant"]
    assert tuple(ax.figure.get_size_inches()) == plotting.figure_size((6.5, 6))
    same = pd.concat([ratings(4, 2, "klant 1"), ratings(4, 2, "klant 2"), ratings(2, 4, "klant 3")])
    ax = service_style_plot(martin_profile(same))
    assert {t.get_text() for t in ax.texts} - set(STYLES.values()) == {"klant 1, klant 2", "klant 3"}
    plotting.presentation_mode()
    try:
        assert tuple(service_style_plot(profile).figure.get_size_inches()) == (9.75, 9.0)
    finally:
        plotting.presentation_mode(False)
    plt.close("all")
