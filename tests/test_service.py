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
    profile = martin_profile(example_ratings())
    by_hand = example_ratings().loc["werkplaats"]
    assert profile.loc["werkplaats", "procedureel"] == pytest.approx(by_hand[list(PROCEDURAL)].sum() / 7)
    assert profile.loc["werkplaats", "persoonlijk"] == pytest.approx(by_hand[list(CONVIVIAL)].sum() / 9)
    assert profile["stijl"].tolist() == ["Vriendelijke pollyanna", "Fabriek"]
    assert profile["aantal_aspecten"].tolist() == [16, 16]
    assert profile.attrs == {"cut": 3.0, "scale": 5}


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
    row = martin_profile(example_ratings().loc["webshop"])
    pd.testing.assert_frame_equal(row, whole.loc[["webshop"]])
    as_dict = martin_profile(example_ratings().loc["webshop"].to_dict())
    assert as_dict.index.tolist() == [0]
    assert as_dict.loc[0, ["stijl", "aantal_aspecten"]].tolist() == ["Fabriek", 16]
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
    profile = martin_profile(example_ratings(), cut=3.5)
    ax = service_style_plot(profile, color="red", s=20)
    points = ax.collections[0]
    np.testing.assert_allclose(points.get_offsets(), profile[["procedureel", "persoonlijk"]].to_numpy())
    assert list(points.get_sizes()) == [20.0]
    assert [line.get_xdata()[0] for line in ax.lines[:1]] == [3.5]
    assert {t.get_text() for t in ax.texts} >= {*STYLES.values(), "werkplaats", "webshop"}
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
