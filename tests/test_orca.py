"""klantlib.orca: a hand-made journey log, computed by hand, and logs a student could get wrong."""

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from klantlib.errors import KlantDataError
from klantlib.orca import STAGES, channel_mix, funnel, paths, stage_names, stage_table


def hand_log() -> pd.DataFrame:
    """Six customers; the comment says what each one tests and what it gives."""
    rows = [
        # a: the whole journey, one event twice (a duplicate): online-online-offline-offline
        ("a", "Oriëntatie", "online", "2025-01-01 09:00"),
        ("a", "Research", "online", "2025-01-02 09:00"),
        ("a", "Research", "online", "2025-01-02 09:00"),
        ("a", "Communicatie", "offline", "2025-01-04 09:00"),
        ("a", "Actie", "Offline", "2025-01-05 09:00"),
        # b: skips Research in the log but goes on: online-?-online-offline
        ("b", "Oriëntatie", "online", "2025-02-01 10:00"),
        ("b", "Communicatie", "online", "2025-02-03 10:00"),
        ("b", "Actie", "offline", "2025-02-04 10:00"),
        # c: rows out of time order; its first Research event in time is online: online-online
        ("c", "Research", "offline", "2025-03-05 12:00"),
        ("c", "Oriëntatie", "online", "2025-03-01 12:00"),
        ("c", "Research", "ONLINE", "2025-03-02 12:00"),
        # d: only an Actie event: ?-?-?-online
        ("d", "Actie", "online", "2025-04-01 08:00"),
        # e: mixed case and accents, first in time offline: offline
        ("e", "oriëntatie", "online", "2025-05-02 08:00"),
        ("e", "ORIENTATIE", "offline", "2025-05-01 08:00"),
        # f: more spellings: online-online
        ("f", " orientatie ", "online", "2025-06-01 08:00"),
        ("f", "RESEARCH", "online", "2025-06-02 08:00"),
    ]
    log = pd.DataFrame(rows, columns=["klant_id", "fase", "kanaal", "tijdstip"])
    log["groep"] = log["klant_id"].map({"a": "x", "b": "x", "c": "x", "d": "y", "e": "y", "f": "y"})
    return log


def test_stages_are_the_four_orca_steps_with_touchpoints():
    assert stage_names() == ["Oriëntatie", "Research", "Communicatie", "Actie"]
    assert all(s.explanation and len(s.touchpoints) >= 3 for s in STAGES)
    table = stage_table()
    for touchpoint in ("zoekmachine", "sociale media", "vergelijkingssite", "merksite", "webshop", "marktplaats"):
        assert table["touchpoints"].str.contains(touchpoint).any()
    assert "winkel of dealer" in table.loc["Actie", "touchpoints"]


def test_funnel_of_the_hand_log():
    result = funnel(hand_log())
    assert list(result.index) == stage_names()
    assert result["bereikt"].tolist() == [6, 5, 3, 3]
    assert result["uitval"].tolist() == [0, 1, 2, 0]
    np.testing.assert_allclose(result["stapconversie"], [1, 5 / 6, 3 / 5, 1])
    np.testing.assert_allclose(result["totale_conversie"], [1, 5 / 6, 1 / 2, 1 / 2])


def test_funnel_ignores_duplicates_and_row_order():
    log = hand_log()
    shuffled = pd.concat([log, log.iloc[[0, 4, 11]]]).sample(frac=1, random_state=3)
    pd.testing.assert_frame_equal(funnel(shuffled), funnel(log))


def test_funnel_by_group():
    result = funnel(hand_log(), by="groep")
    assert result.index.names == ["groep", "fase"]
    assert result.loc["x", "bereikt"].tolist() == [3, 3, 2, 2]  # a, b, c: c stopped at Research
    assert result.loc["y", "bereikt"].tolist() == [3, 2, 1, 1]  # d (only Actie), e (Oriëntatie), f (Research)
    np.testing.assert_allclose(result.loc["y", "stapconversie"], [1, 2 / 3, 1 / 2, 1])


def test_funnel_with_other_column_names():
    log = hand_log().rename(columns={"klant_id": "reis_id", "fase": "stap"})
    pd.testing.assert_frame_equal(funnel(log, customer="reis_id", stage="stap"), funnel(hand_log()))


def test_paths_of_the_hand_log():
    result = paths(hand_log())
    assert result.per_customer.to_dict() == {
        "a": "online-online-offline-offline",
        "b": "online-?-online-offline",
        "c": "online-online",
        "d": "?-?-?-online",
        "e": "offline",
        "f": "online-online",
    }
    assert list(result.table.index) == ["online-online", "?-?-?-online", "offline", "online-?-online-offline",
                                        "online-online-offline-offline"]
    assert result.table["klanten"].tolist() == [2, 1, 1, 1, 1]
    np.testing.assert_allclose(result.table["aandeel"], [2 / 6, 1 / 6, 1 / 6, 1 / 6, 1 / 6])


def test_paths_without_time_use_the_row_order():
    # Without time, c's first Research row is the offline one.
    assert paths(hand_log(), time=None).per_customer["c"] == "online-offline"


def test_channel_mix_of_the_hand_log():
    mix = channel_mix(hand_log())
    assert list(mix.columns) == ["online", "offline"]
    expected = [[4 / 5, 1 / 5], [1, 0], [1 / 2, 1 / 2], [1 / 3, 2 / 3]]
    np.testing.assert_allclose(mix.to_numpy(), expected)
    counts = channel_mix(hand_log(), share=False)
    assert counts.to_numpy().tolist() == [[4, 1], [3, 0], [1, 1], [1, 2]]


def test_the_shipped_log_counted_per_journey():
    import klantlib

    log = klantlib.load_dataset("klantreis")
    result = funnel(log, customer="reis_id", stage="stap")
    furthest = log.groupby("reis_id")["stap_nr"].max()
    assert result["bereikt"].tolist() == [int((furthest >= k).sum()) for k in range(1, 5)]
    assert result["bereikt"].iloc[0] == log["reis_id"].nunique()
    assert paths(log, customer="reis_id", stage="stap").table["klanten"].sum() == log["reis_id"].nunique()


# -- bad input ----------------------------------------------------------------------------------------

def test_missing_column_is_named():
    with pytest.raises(KlantDataError, match="ontbreekt de kolom 'fase'"):
        funnel(hand_log().drop(columns="fase"))
    with pytest.raises(KlantDataError, match="'kanaal'"):
        paths(hand_log().drop(columns="kanaal"))


def test_unknown_stage_names_the_row_and_the_known_stages():
    log = hand_log()
    log.loc[7, "fase"] = "Aankoop"
    with pytest.raises(KlantDataError) as caught:
        funnel(log)
    message = str(caught.value)
    assert "kolom 'fase'" in message and "rij 7" in message and "'Aankoop'" in message
    assert "Oriëntatie, Research, Communicatie, Actie" in message


def test_missing_stage_is_an_error_too():
    log = hand_log()
    log.loc[2, "fase"] = None
    with pytest.raises(KlantDataError, match="rij 2"):
        funnel(log)


def test_empty_log():
    for call in (funnel, paths, channel_mix):
        with pytest.raises(KlantDataError, match="leeg"):
            call(hand_log().iloc[:0])


def test_unparseable_timestamp_names_the_row():
    log = hand_log()
    log.loc[5, "tijdstip"] = "31-02-2025"
    with pytest.raises(KlantDataError, match="kolom 'tijdstip'.*rij 5"):
        paths(log)
    log.loc[5, "tijdstip"] = None
    with pytest.raises(KlantDataError, match="rij 5 geen tijdstip"):
        channel_mix(log)


def test_blank_customer_names_the_rows_and_suggests_the_journey():
    log = hand_log()
    log.loc[[3, 4], "klant_id"] = None
    with pytest.raises(KlantDataError, match=r"rijen 3 en 4.*customer=\"reis_id\""):
        funnel(log)


def test_blank_channel_names_the_row():
    log = hand_log()
    log.loc[9, "kanaal"] = " "
    with pytest.raises(KlantDataError, match="rij 9 geen kanaal"):
        paths(log)


def test_missing_by_column():
    with pytest.raises(KlantDataError, match="'regio'"):
        funnel(hand_log(), by="regio")


# -- properties -----------------------------------------------------------------------------------------

_events = st.lists(
    st.tuples(st.integers(0, 6), st.sampled_from(["Oriëntatie", "research", "COMMUNICATIE", "Actie", "orientatie"]),
              st.sampled_from(["x", "y"])),
    min_size=1, max_size=40,
)


@settings(max_examples=60, deadline=None)
@given(_events)
def test_the_funnel_never_widens_and_conversions_lie_in_0_1(rows):
    log = pd.DataFrame(rows, columns=["klant_id", "fase", "groep"])
    for result in (funnel(log), funnel(log, by="groep")):
        for _, part in (result.groupby(level=0) if result.index.nlevels > 1 else [(None, result)]):
            reached = part["bereikt"].to_numpy()
            assert (np.diff(reached) <= 0).all()
            assert (part["uitval"] >= 0).all()
        for column in ("stapconversie", "totale_conversie"):
            values = result[column].dropna()
            assert ((values >= 0) & (values <= 1)).all()
        # NaN only where nobody reached the step before
        step = result["stapconversie"]
        assert (result["bereikt"][step.isna()] == 0).all()
    assert funnel(log)["bereikt"].iloc[0] == log["klant_id"].nunique()


# -- the views ------------------------------------------------------------------------------------------

def test_widget_state_is_the_model_funnel_of_the_chosen_journeys():
    import klantlib
    from klantlib.orca import funnel_state

    log = klantlib.load_dataset("klantreis")
    business = log[log["klantgroep"] == "zakelijk"]
    pd.testing.assert_frame_equal(funnel_state(log, group="zakelijk"),
                                  funnel(business, customer="reis_id", stage="stap"))
    start = log.groupby("reis_id")["tijdstip"].min()
    spring = start[(start >= "2025-03-01") & (start < "2025-06-01")].index
    pd.testing.assert_frame_equal(funnel_state(log, period=("2025-03-01", "2025-06-01")),
                                  funnel(log[log["reis_id"].isin(spring)], customer="reis_id", stage="stap"))


def test_widget_filter_redraws_the_funnel():
    import klantlib
    from klantlib.views._widgets import find_widget
    from klantlib.views.orca import funnel_widget

    widget = funnel_widget(klantlib.load_dataset("klantreis"))
    figure, counts = find_widget(widget, "klant-figuur"), find_widget(widget, "klant-orca-telling")
    before_png, before_counts = figure.area.shown, counts.value
    find_widget(widget, "klant-orca-groep").value = "zakelijk"
    assert figure.area.shown != before_png and counts.value != before_counts
    assert "<b>Oriëntatie</b>: 617" in counts.value  # the business journeys of the shipped log


def test_plot_helpers_draw_model_numbers(tmp_path):
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from klantlib.views.orca import funnel_figure, mix_heatmap, pattern_bars

    log = hand_log()
    ax = funnel_figure(funnel(log), color="red")
    assert [bar.get_width() for bar in ax.patches] == [6, 5, 3, 3]
    ax = mix_heatmap(channel_mix(log))
    assert "80%" in [t.get_text() for t in ax.texts]
    ax = pattern_bars(paths(log).table, top=2)
    assert [t.get_text() for t in ax.get_yticklabels()] == ["online-online", "?-?-?-online"]
    plt.close("all")


def test_funnel_by_two_columns_and_a_bad_option():
    log = hand_log().assign(kanaal=lambda f: f["kanaal"].str.lower())
    result = funnel(log, by=["groep", "kanaal"])
    assert result.index.names == ["groep", "kanaal", "fase"]
    assert result.loc[("y", "offline"), "bereikt"].tolist() == [1, 0, 0, 0]  # only e's first event
    with pytest.raises(KlantDataError, match="share moet True of False zijn"):
        channel_mix(hand_log(), share="ja")
