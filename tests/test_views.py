"""Views only draw and wire: every figure and widget shows the model's numbers, and a redraw equals a fresh draw.

Every widget of the course is found by running the notebooks (``views_in_notebooks``): after a change of any of
its controls, the picture it shows equals a full draw of its figure. The widgets below are also checked against
their model's numbers by hand.
"""

import io
import warnings

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402
from matplotlib.colors import to_hex  # noqa: E402
from PIL import Image  # noqa: E402

import klantlib  # noqa: E402
from klantlib.views._widgets import find_widget  # noqa: E402
from klantlib import loyalty, plotting  # noqa: E402
from klantlib.errors import KlantDataWarning  # noqa: E402
from klantlib.rfm import GROUPS, pareto_table, relatiesterkte, rfm_scores, rfm_table, top_share  # noqa: E402
from klantlib.servqual import (  # noqa: E402
    DIMENSIONS,
    E_COLUMNS,
    P_COLUMNS,
    answers_frame,
    dimension_scores,
    example_survey,
    item_counts,
    servqual_gaps,
    servqual_score,
    summary,
)
from klantlib.views import rfm as rfm_views  # noqa: E402
from klantlib.views import servqual as servqual_views  # noqa: E402
from klantlib.views import start as start_views  # noqa: E402
from klantlib.navigation import COURSE  # noqa: E402
from views_in_notebooks import run_course  # noqa: E402

REFERENCE = pd.Timestamp("2026-01-01")


@pytest.fixture(scope="module", autouse=True)
def house_style():
    plotting.use_style()
    yield
    plt.close("all")


@pytest.fixture(scope="module")
def transactions():
    return klantlib.load_dataset("transacties")


@pytest.fixture(scope="module")
def strength_survey():
    return klantlib.load_dataset("relatiesterkte")




def figure_of(box):
    return find_widget(box, "klant-figuur").area.fig


def full_draw(fig) -> np.ndarray:
    """The figure's pixels drawn from scratch, every artist in the normal order."""
    for ax in fig.axes:
        for artist in ax.get_children():
            artist.set_animated(False)
    fig.canvas.draw()
    return np.asarray(fig.canvas.buffer_rgba()).copy()


def shown_png(box) -> np.ndarray:
    """What the widget's Output area shows: the PNG of its last update."""
    return np.asarray(Image.open(io.BytesIO(find_widget(box, "klant-figuur").area.shown)))


def title_of(ax) -> str:
    return ax.get_title(loc="left")


def bar_sets(ax) -> list:
    from matplotlib.container import BarContainer

    return [c for c in ax.containers if isinstance(c, BarContainer)]


# --- every widget the notebooks build: what it shows after a change is a full draw -----------------------

@pytest.fixture(scope="module")
def runs(tmp_path_factory):
    """Every notebook of the course, run once, with what its views returned."""
    return run_course(tmp_path_factory.mktemp("cursus"))


def controls(widget) -> list:
    """The controls of a widget tree a student can change (sliders, choices, check boxes, input fields)."""
    import ipywidgets as widgets

    found = []
    if isinstance(widget, widgets.ValueWidget) and not isinstance(widget, (widgets.HTML, widgets.HTMLMath, widgets.Label)):
        found.append(widget)
    for child in getattr(widget, "children", ()):
        found += controls(child)
    return found


def another_value(control):
    """A valid value of ``control`` other than the one it has (a new range for a range slider)."""
    if hasattr(control, "options"):
        values = [option[1] if isinstance(option, tuple) else option for option in control.options]
        if isinstance(control.value, tuple):  # a range: the whole range, or else its first half
            whole = (values[0], values[-1])
            return (values[0], values[len(values) // 2]) if tuple(control.value) == whole else whole
        return next(value for value in values if value != control.value)
    if isinstance(control.value, bool):
        return not control.value
    if hasattr(control, "max"):
        return control.max if control.value != control.max else control.min
    return f"{control.value} (proef)"


def full_draw_keeping_state(fig) -> np.ndarray:
    """:func:`full_draw`, with the artists' ``animated`` flags put back, so the widget can go on."""
    flags = [(artist, artist.get_animated()) for ax in fig.axes for artist in ax.get_children()]
    pixels = full_draw(fig)
    for artist, flag in flags:
        artist.set_animated(flag)
    return pixels


#: At most this many controls per widget are changed (spread over all of them): the 44 answers of the
#: SERVQUAL questionnaire take one route, a dozen of them show it.
MOST_CONTROLS = 12


@pytest.mark.parametrize("number", [chapter.number for chapter in COURSE])
def test_every_widget_shows_a_full_draw_after_each_change(number, runs, monkeypatch):
    monkeypatch.chdir(runs[number].folder)  # a questionnaire saves its answers in the notebook's folder
    for name, box in runs[number].widgets():
        found = controls(box)
        assert found, f"{name}: no control to change"
        step = max(1, len(found) // MOST_CONTROLS)
        for control in found[::step][:MOST_CONTROLS] + found[-1:]:
            control.value = another_value(control)
            fig = figure_of(box)
            np.testing.assert_array_equal(shown_png(box), full_draw_keeping_state(fig),
                                          err_msg=f"{name}, {type(control).__name__} {control.description!r}")
    plt.close("all")


# --- the start widget (notebook 00) draws klantlib.loyalty's counts ---------------------------------

def test_start_widget_redraw_shows_the_model_counts(transactions):
    box = start_views.loyal_customers_widget(transactions)
    slider = find_widget(box, "klant-slider")
    for value in (5, 1, 4):
        slider.value = value
    fig = figure_of(box)
    ax = fig.axes[0]
    orders = loyalty.customer_orders(transactions)
    per_count = orders["bestellingen"].clip(upper=10).value_counts().reindex(range(1, 11), fill_value=0)
    assert [bar.get_height() for bar in ax.patches] == per_count.tolist()
    assert [to_hex(bar.get_facecolor()) for bar in ax.patches] == ["#bbbbbb"] * 3 + ["#0072b2"] * 7
    assert title_of(ax) == "Klanten met minstens 4 bestellingen"
    assert find_widget(box, "klant-uitkomst").value == (
        "<b>314 klanten (9,6% van alle kopers) met minstens 4 bestellingen brengen 27,5% van de omzet.</b>")
    stats = loyalty.loyal_customers(orders, 4)
    assert (stats["klanten"], stats["aandeel_klanten"], stats["aandeel_omzet"]) == (314, 0.0961, 0.2751)

    # The same state as the static figure of the same setting.
    fresh, caption = start_views.loyal_customers_figure(transactions, min_orders=4)
    fresh_ax = fresh.axes[0]
    assert [b.get_height() for b in fresh_ax.patches] == [b.get_height() for b in ax.patches]
    assert [b.get_facecolor() for b in fresh_ax.patches] == [b.get_facecolor() for b in ax.patches]
    assert title_of(fresh_ax) == title_of(ax) and f"<b>{caption}</b>" == find_widget(box, "klant-uitkomst").value
    np.testing.assert_array_equal(shown_png(box), full_draw(fig))

    # One order is singular: proper Dutch, no "bestelling(en)".
    slider.value = 1
    assert title_of(ax) == "Klanten met minstens 1 bestelling"
    assert "met minstens 1 bestelling brengen 100,0% van de omzet" in find_widget(box, "klant-uitkomst").value


# --- the matrix widget (notebook 04) ------------------------------------------------------------------

def assert_bubbles_are_the_counts(ax, matrix):
    """One bubble per spot of each group, its area AREA_PER_CUSTOMER × the customers on that spot."""
    counts = matrix["groep"].value_counts()
    for group, points in zip(GROUPS, ax.collections):
        mine = matrix[matrix["groep"] == group]
        spots = mine.groupby(["rendement", "relatiesterkte"]).size()  # counted here, independently of the view
        offsets = [tuple(xy) for xy in points.get_offsets()]
        assert sorted(offsets) == sorted(spots.index)
        assert len(set(offsets)) == len(offsets)  # every spot once
        sizes = dict(zip(offsets, points.get_sizes()))
        assert all(sizes[spot] == rfm_views.AREA_PER_CUSTOMER * n for spot, n in spots.items())
        assert sum(sizes.values()) == rfm_views.AREA_PER_CUSTOMER * counts[group] == \
            rfm_views.AREA_PER_CUSTOMER * len(mine)


def test_matrix_figure_shows_how_many_customers_share_a_spot(transactions, strength_survey):
    matrix, counts = rfm_views.matrix_state(transactions, relatiesterkte(strength_survey))
    assert counts.tolist() == [185, 157, 78, 180, 0]  # the four groups, and nobody without a group
    ax = rfm_views.matrix_figure(matrix)
    assert_bubbles_are_the_counts(ax, matrix)
    assert sum(len(c.get_offsets()) for c in ax.collections) == 181  # 600 customers on 181 spots
    assert max(max(c.get_sizes()) for c in ax.collections) == rfm_views.AREA_PER_CUSTOMER * 12
    legends = [a for a in ax.get_children() if isinstance(a, matplotlib.legend.Legend)]
    titles = {legend.get_title().get_text() for legend in legends}
    assert titles == {"aantal klanten\nper groep", "aantal klanten\nop één plek"}
    size_legend = next(lg for lg in legends if "plek" in lg.get_title().get_text())
    labels = [t.get_text() for t in size_legend.get_texts()]
    areas = [h.get_markersize() ** 2 for h in size_legend.legend_handles]
    assert areas == pytest.approx([rfm_views.AREA_PER_CUSTOMER * int(n) for n in labels])
    assert [t.get_text() for t in ax.get_legend().get_texts()] == \
        ["Partners: 185", "Vrienden: 157", "Economici: 78", "Dogs: 180"]
    assert "desinvesteren" in " ".join(t.get_text() for t in ax.texts)
    plt.close("all")


def test_matrix_widget_redraw_shows_the_model_matrix(transactions, strength_survey):
    box = rfm_views.matrix_widget(transactions, strength_survey)
    reference = find_widget(box, "klant-peildatum")
    date = reference.options[6][1]
    find_widget(box, "klant-cut-x").value = 65
    find_widget(box, "klant-bins").value = 3
    reference.value = date
    find_widget(box, "klant-cut-y").value = 30

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        matrix, counts = rfm_views.matrix_state(transactions, relatiesterkte(strength_survey), reference_date=date,
                                                bins=3, cut=(65, 30))
    assert caught == []  # the model was asked not to warn: the widget shows the number instead
    assert counts.tolist() == [158, 310, 6, 50, 76]  # 76 surveyed customers had not bought yet on 01-07-2025
    fig = figure_of(box)
    ax = fig.axes[0]
    assert len(ax.collections) == 4
    assert_bubbles_are_the_counts(ax, matrix)
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert legend == ["Partners: 158", "Vrienden: 310", "Economici: 6", "Dogs: 50"]
    assert find_widget(box, "klant-telling").value == ("<b>Partners</b>: 158 · <b>Vrienden</b>: 310 · "
                                                "<b>Economici</b>: 6 · <b>Dogs</b>: 50 · <b>zonder groep (nog geen "
                                                "aankoop op de peildatum)</b>: 76")
    assert list(ax.lines[0].get_xdata()) == [65, 65] and list(ax.lines[1].get_ydata()) == [30, 30]
    assert title_of(ax) == "Klantenmatrix op 01-07-2025"

    # A fresh figure of the same matrix has the same state, and the widget's PNG equals a full draw.
    fresh = rfm_views.matrix_figure(matrix, title="Klantenmatrix op 01-07-2025")
    for new, old in zip(fresh.collections, ax.collections):
        np.testing.assert_array_equal(new.get_offsets(), old.get_offsets())
        np.testing.assert_array_equal(new.get_sizes(), old.get_sizes())
    assert [t.get_text() for t in fresh.get_legend().get_texts()] == legend
    assert [list(line.get_xydata().ravel()) for line in fresh.lines] == \
        [list(line.get_xydata().ravel()) for line in ax.lines]
    assert title_of(fresh) == title_of(ax)
    np.testing.assert_array_equal(shown_png(box), full_draw(fig))


def test_matrix_widget_moving_a_cut_only_regroups(transactions, strength_survey, monkeypatch):
    box = rfm_views.matrix_widget(transactions, strength_survey)
    calls = []
    original = rfm_views.customer_rendement
    monkeypatch.setattr(rfm_views, "customer_rendement", lambda *a, **k: calls.append(k) or original(*a, **k))
    for value in (55, 60, 65):
        find_widget(box, "klant-cut-x").value = value
    assert calls == []  # the RFM scores of this reference date and bins are kept
    find_widget(box, "klant-bins").value = 4
    assert calls == [{"reference_date": REFERENCE, "bins": 4}]


def test_pareto_figure_marks_the_model_top_share(transactions):
    values = transactions.groupby("klant_id")["bedrag"].sum()
    ax = rfm_views.pareto_figure(pareto_table(values), top=0.2)
    share = top_share(values, top=0.2)
    table = pareto_table(values)  # the best 654 of 3269 customers: round(0.2 × 3269)
    assert share == round(table["waarde"].iloc[:654].sum() / table["waarde"].sum(), 6) == 0.76276
    assert list(ax.lines[2].get_ydata()) == [0, share, share]
    assert "brengt 76% van de omzet" in ax.texts[0].get_text()


# --- the questionnaire widget (notebook 05) ----------------------------------------------------------

ANSWERS = {**{c: 6 for c in E_COLUMNS[:9]}, **{c: 4 for c in P_COLUMNS[:9]}, "E2": 9, "P5": 5.5, "E6": 7,
           "W_tastbaarheden": 10, "W_betrouwbaarheid": 50, "W_responsiviteit": 20, "W_zekerheid": 10,
           "W_inlevingsvermogen": 10}


def test_widget_scores_are_the_model_scores():
    scores = servqual_views.widget_scores(ANSWERS, summary(example_survey()))
    row = answers_frame(ANSWERS)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", KlantDataWarning)
        gaps = servqual_gaps(row, errors="warn")
        own = summary(row, errors="warn")
    np.testing.assert_array_equal(scores["jouw_gap"], own["gap"])
    np.testing.assert_array_equal(scores["jouw_verwachting"], own["verwachting"])
    np.testing.assert_array_equal(scores["jouw_perceptie"], own["perceptie"])
    np.testing.assert_array_equal(scores["jouw_gap"].to_numpy(), dimension_scores(gaps)[list(DIMENSIONS)].iloc[0])
    assert scores["items"].tolist() == item_counts(gaps).iloc[0].tolist() == [3, 4, 0, 0, 0]
    # By hand: items 1, 3, 4 (E2 = 9 is no answer) and 6-9 (P5 = 5.5 is no answer; E6 = 7: gap -3).
    assert scores["jouw_gap"].tolist()[:2] == [-2.0, -2.25]
    assert scores["punten"].tolist() == [10.0, 50.0, 20.0, 10.0, 10.0]


def test_an_invalid_answer_counts_as_not_given():
    valid = {k: v for k, v in ANSWERS.items() if k not in ("E2", "P5")}
    pd.testing.assert_frame_equal(servqual_views.widget_scores(ANSWERS), servqual_views.widget_scores(valid))


def test_servqual_widget_redraw_shows_the_model_scores(tmp_path):
    reference = summary(example_survey())
    box = servqual_views.servqual_widget(example_survey(), folder=tmp_path)
    find_widget(box, "klant-organisatie").value = "De bieb"
    for key, value in ANSWERS.items():
        control = find_widget(box, f"klant-{key}")
        if control is not None and (key.startswith("W_") or value in range(1, 8)):
            control.value = value
    answers = {k: v for k, v in ANSWERS.items() if k not in ("E2", "P5")}
    scores = servqual_views.widget_scores(answers, reference)
    unweighted = servqual_score(answers_frame(answers))["servqual"].iloc[0]
    weighted = servqual_score(answers_frame(answers), weighted=True)["servqual"].iloc[0]
    # By hand: (-2 - 2.25) / 2, and (10 × -2 + 50 × -2.25) / 60 (dimensions without answers carry no weight).
    assert (unweighted, round(weighted, 6)) == (-2.125, -2.208333)
    assert find_widget(box, "klant-uitkomst").value == ("SERVQUAL-score van De bieb: ongewogen <b>-2,12</b>, "
                                                 "gewogen met je punten -2,21; op 7 van de 22 items.")
    fig = figure_of(box)
    ax = fig.axes[0]
    own_bars = bar_sets(ax)[1]
    assert [bar.get_width() for bar in own_bars] == [-2.0, -2.25, 0.0, 0.0, 0.0]
    assert scores["jouw_gap"].tolist()[:2] == [-2.0, -2.25]
    assert [t.get_visible() for t in ax.texts] == [False, False, True, True, True]
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["enquête (gemiddelde, 95%-interval)", "De bieb"]
    assert title_of(ax) == "Gap per dimensie: De bieb"

    fresh = servqual_views.gap_bars(scores, title="Gap per dimensie: De bieb", label="De bieb")
    assert [b.get_width() for b in bar_sets(fresh)[1]] == [b.get_width() for b in own_bars]
    assert [t.get_visible() for t in fresh.texts] == [t.get_visible() for t in ax.texts]
    assert [t.get_text() for t in fresh.get_legend().get_texts()] == ["enquête (gemiddelde, 95%-interval)", "De bieb"]
    lim = 1.15 * max(2.25, float(reference[["ondergrens", "bovengrens"]].abs().max().max()))
    assert fresh.get_xlim() == ax.get_xlim() == (-lim, lim)
    np.testing.assert_array_equal(shown_png(box), full_draw(fig))


# --- plot helpers pass keyword arguments through and only fill in defaults -----------------------------

def test_helpers_pass_keyword_arguments_through(transactions, strength_survey):
    values = transactions.groupby("klant_id")["bedrag"].sum()
    ax = rfm_views.pareto_figure(pareto_table(values), color="red", lw=1, label="omzet")
    assert (ax.lines[0].get_color(), ax.lines[0].get_linewidth(), ax.lines[0].get_label()) == ("red", 1, "omzet")

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", KlantDataWarning)
        scores = rfm_scores(rfm_table(transactions, reference_date=REFERENCE), bins=5)
    matrix, _ = rfm_views.matrix_state(transactions, relatiesterkte(strength_survey))
    axes = rfm_views.score_bars(scores, color="black", width=0.5)
    assert {to_hex(p.get_facecolor()) for ax in axes for p in ax.patches} == {"#000000"}
    assert {p.get_width() for ax in axes for p in ax.patches} == {0.5}

    ax = rfm_views.matrix_figure(matrix, s=40, marker="D", figsize=(5, 4))
    assert [list(c.get_sizes()) for c in ax.collections] == [[40.0]] * 4  # a fixed size: no bubbles by count
    assert sum(isinstance(a, matplotlib.legend.Legend) for a in ax.get_children()) == 1  # no size legend
    assert tuple(ax.figure.get_size_inches()) == (5.0, 4.0)

    ax = servqual_views.gap_bars(summary(example_survey()), height=0.3, color="green")
    assert {round(p.get_height(), 6) for p in ax.patches} == {0.3}
    assert {to_hex(p.get_facecolor()) for p in ax.patches} == {"#008000"}

    ax = servqual_views.profile_plot(example_survey(), linewidth=4, figsize=(6, 3))
    assert [line.get_linewidth() for line in ax.lines] == [4, 4]
    assert [line.get_marker() for line in ax.lines] == ["o", "s"]  # defaults stay where not overridden

    fig, _ = start_views.loyal_customers_figure(transactions, 3, color="red", figsize=(5, 3))
    assert tuple(fig.get_size_inches()) == (5.0, 3.0)
    assert [to_hex(p.get_facecolor()) for p in fig.axes[0].patches][1:3] == ["#bbbbbb", "#ff0000"]

    ax = servqual_views.gap_model_diagram(figsize=(4, 3))
    assert tuple(ax.figure.get_size_inches()) == (4.0, 3.0)
    plt.close("all")


def test_default_figure_sizes_grow_in_presentation_mode(transactions, strength_survey):
    matrix, _ = rfm_views.matrix_state(transactions, relatiesterkte(strength_survey))
    try:
        plotting.presentation_mode()
        assert tuple(rfm_views.matrix_figure(matrix).figure.get_size_inches()) == (12.0, 9.75)
        box = start_views.loyal_customers_widget(transactions)
        assert tuple(figure_of(box).get_size_inches()) == (12.0, 6.75)
    finally:
        plotting.presentation_mode(False)
    assert tuple(rfm_views.matrix_figure(matrix).figure.get_size_inches()) == (8.0, 6.5)
    plt.close("all")


# --- klantlib finds its modules itself ---------------------------------------------------------------

def test_klantlib_finds_a_new_module_without_a_list(tmp_path, monkeypatch):
    assert {"rfm", "servqual", "views", "plotting", "formatting"} <= klantlib._public_modules()
    assert not any(name.startswith("_") for name in klantlib._public_modules())
    (tmp_path / "nieuw_model.py").write_text("ANSWER = 42\n")
    (tmp_path / "_verborgen.py").write_text("ANSWER = 0\n")
    monkeypatch.setattr(klantlib, "__path__", [*klantlib.__path__, str(tmp_path)])
    klantlib._public_modules.cache_clear()
    try:
        assert klantlib.nieuw_model.ANSWER == 42
        assert "nieuw_model" in dir(klantlib)
        with pytest.raises(AttributeError):
            klantlib._verborgen  # noqa: B018
    finally:
        monkeypatch.undo()
        klantlib._public_modules.cache_clear()
        monkeypatch.delitem(__import__("sys").modules, "klantlib.nieuw_model")
        del klantlib.nieuw_model


# --- the gap model: external communication shapes the expected service ---------------------------------

def test_gap_model_has_an_arrow_from_external_communication_to_expected_service():
    ax = servqual_views.gap_model_diagram()
    boxes = {t.get_text().split("\n")[0]: t.get_position() for t in ax.texts}
    expected_x, expected_y = boxes["Verwachte dienst"]
    communication_x, communication_y = boxes["Externe communicatie"]
    ends = [a.xy for a in ax.texts if hasattr(a, "xy") and a.arrow_patch is not None]
    # An arrowhead on the right edge of "Verwachte dienst", coming from the right ...
    into_expected = [xy for xy in ends if abs(xy[1] - expected_y) < 1e-9 and xy[0] > expected_x]
    assert into_expected
    # ... at the end of a line that starts on top of "Externe communicatie".
    lines = [np.column_stack(line.get_data()) for line in ax.lines]
    assert any(pts[0][1] > communication_y and abs(pts[0][0] - communication_x) < 1.3
               and abs(pts[-1][1] - expected_y) < 1e-9 for pts in lines)
    plt.close("all")


# --- notebook 07: the self-scan widget and the mirror draw what klantlib.centricity computes ------------------

def test_scan_widget_redraw_shows_the_model_profile(tmp_path):
    from klantlib.centricity import benchmark, scan_profile, scan_reading
    from klantlib.views import centricity as centricity_views

    staff = klantlib.load_dataset("benchmark_medewerkers")
    box = centricity_views.scan_widget(staff, folder=tmp_path)
    find_widget(box, "klant-organisatie").value = "De bieb"
    answers = {"B1": 7, "B3": 2, "B10": 4}
    for code, value in answers.items():
        find_widget(box, f"klant-{code}").value = value
    profile = scan_profile(answers, benchmark().compare(staff))
    assert find_widget(box, "klant-uitkomst").value == scan_reading(profile, "De bieb")
    ax = figure_of(box).axes[0]
    stars = next(line for line in ax.get_lines() if line.get_marker() == "*")
    np.testing.assert_array_equal(stars.get_xdata(), profile["jouw_antwoord"].to_numpy())
    diamonds = next(line for line in ax.get_lines() if line.get_marker() == "D")
    np.testing.assert_array_equal(diamonds.get_xdata(), benchmark().items["referentie"].to_numpy())
    assert [t.get_text() for t in ax.get_legend().get_texts()] == [
        "benchmark (gemiddelde van 162 respondenten)", "Trapper (medewerkers) (gemiddelde, 95%-interval)", "De bieb"]
    assert title_of(ax) == "Zelfscan: De bieb"
    np.testing.assert_array_equal(shown_png(box), full_draw(figure_of(box)))
    # the answers are saved as they are given, and a new widget shows them again
    again = centricity_views.scan_widget(staff, folder=tmp_path)
    assert find_widget(again, "klant-B3").value == 2 and find_widget(again, "klant-organisatie").value == "De bieb"


def test_mirror_plot_and_nps_bars_show_the_model_numbers():
    from klantlib.centricity import mirror
    from klantlib.formatting import number
    from klantlib.nps import nps
    from klantlib.views.centricity import mirror_plot, nps_bars

    table = mirror(klantlib.load_dataset("benchmark_medewerkers"), klantlib.load_dataset("benchmark_klanten"))
    ax = mirror_plot(table)
    circles, squares = (line for line in ax.get_lines() if line.get_marker() in ("o", "s"))
    np.testing.assert_array_equal(circles.get_xdata(), table["zelfbeeld"].to_numpy())
    np.testing.assert_array_equal(squares.get_xdata(), table["klantbeeld"].to_numpy())
    texts = [t.get_text() for t in ax.texts]
    for _, row in table.iterrows():  # the verdict in words beside each statement, not only in colour
        assert any(text.startswith(number(row["verschil"], 1)) and (row["oordeel"] in text or
                   row["oordeel"] == "geen duidelijk verschil") for text in texts)
    scores = nps(pd.Series([10, 9, 3, 7, 8], name="aanbeveling"), by=pd.Series(list("aabbb")))
    ax = nps_bars(scores)
    widths = [[bar.get_width() for bar in bars] for bars in bar_sets(ax)]
    assert widths == [scores["aandeel_criticasters"].tolist(), scores["aandeel_passieven"].tolist(),
                      scores["aandeel_promotors"].tolist()]
    # each group its own hatch (passives plain), so the bars don't rest on colour alone
    assert [bars[0].get_hatch() or "" for bars in bar_sets(ax)] == ["xx", "", "//"]
    plt.close("all")


def _sensitivity_survey(n: int = 120, seed: int = 5) -> pd.DataFrame:
    """An invented scan where every statement follows one bond, satisfaction apart, recommendation with the bond."""
    from klantlib.sensitivity import scan

    rng = np.random.default_rng(seed)
    bond = rng.normal(0, 1, n)
    frame = pd.DataFrame({code: np.clip(np.round(4.5 + bond + rng.normal(0, 0.8, n)), 1, 7) for code in scan().codes})
    frame["TV1"] = np.clip(np.round(5 + rng.normal(0, 1, n)), 1, 7)
    frame["aanbeveling"] = np.clip(np.round(7 + 1.5 * bond + rng.normal(0, 1, n)), 0, 10)
    return frame


def test_sensitivity_scan_widget_redraw_shows_the_model_profile(tmp_path):
    from klantlib.sensitivity import own_profile, own_reading, profile
    from klantlib.views import sensitivity as sensitivity_views

    survey = _sensitivity_survey()
    box = sensitivity_views.scan_widget(survey, folder=tmp_path)
    find_widget(box, "klant-organisatie").value = "Mijn provider"
    answers = {"RP1": 7, "RP2": 6, "BT1": 2, "VT1": 3}
    for code, value in answers.items():
        find_widget(box, f"klant-{code}").value = value
    own = own_profile(answers, profile(survey))
    assert find_widget(box, "klant-uitkomst").value == own_reading(own, "Mijn provider")
    ax = figure_of(box).axes[0]
    mine, survey_bars = bar_sets(ax)[1], bar_sets(ax)[0]
    assert [bar.get_width() for bar in mine] == pytest.approx(own["jouw_score"].fillna(0).tolist())
    assert [bar.get_width() for bar in survey_bars] == pytest.approx(own["enquete_gemiddelde"].tolist())
    labels = [tick.get_text() for tick in ax.get_yticklabels()]
    assert labels[0] == "Ontvankelijkheid (begrijpen)" and labels[-1] == "Tevredenheid"
    assert [t.get_text() for t in ax.get_legend().get_texts()] == [
        "klanten van Trapper (gemiddelde, 95%-interval)", "Mijn provider"]
    assert title_of(ax) == "Klantgevoeligheid: Mijn provider"
    np.testing.assert_array_equal(shown_png(box), full_draw(figure_of(box)))
    again = sensitivity_views.scan_widget(survey, folder=tmp_path)
    assert find_widget(again, "klant-BT1").value == 2 and find_widget(again, "klant-organisatie").value == "Mijn provider"


def test_sensitivity_figures_show_the_model_numbers_and_draw_the_model():
    from klantlib.formatting import number, percent
    from klantlib.sensitivity import (RESULTS, TRUST, classify_measures, development_phases, drivers, links,
                                      profile, side_balance)
    from klantlib.views.sensitivity import (drivers_diagram, links_plot, phases_diagram, profile_plot,
                                            sides_diagram)

    survey = _sensitivity_survey()
    table = profile(survey)
    ax = profile_plot(table)
    points = [line for line in ax.get_lines() if line.get_marker() in ("o", "D")]
    assert sorted(x for line in points for x in line.get_xdata()) == pytest.approx(sorted(table["gemiddelde"]))
    assert {t.get_text() for t in ax.texts} >= {number(value, 1) for value in table["gemiddelde"]}
    correlations = links(survey)
    ax = links_plot(correlations)
    shapes = {line.get_marker() for line in ax.get_lines()}
    assert {"o", "s", "D"} <= shapes  # the kind of score by shape, not colour alone
    assert [tick.get_text() for tick in ax.get_yticklabels()] == list(correlations.index)
    assert "aanbeveling" in ax.get_xlabel()
    texts = " ".join(t.get_text() for t in drivers_diagram().texts)
    assert all(name in texts for name in [*drivers().index, *RESULTS, TRUST])
    texts = " ".join(t.get_text() for t in phases_diagram().texts)
    assert all(name in texts for name in development_phases()["naam"].str.split().str[0])
    measures = pd.DataFrame({"maatregel": ["CRM-pakket", "KPI-dashboard", "Training", "Teamdag"],
                             "budget": [60_000, 20_000, 15_000, 5_000]})
    balance = side_balance(classify_measures(measures), weight="budget")
    ax = sides_diagram(balance, organisation="Trapper")
    texts = [t.get_text() for t in ax.texts]
    for side, row in balance.iterrows():  # the share and the verdict in words under each side
        assert f"{percent(row['aandeel'], 1)} · {row['oordeel']}" in texts  # 16,6% "weinig", not a rounded 17%
    assert {patch.get_hatch() for patch in ax.patches if patch.get_hatch()} == {"//", "..", "xx"}
    plt.close("all")


def _touchpoint_survey(n: int = 150, seed: int = 9) -> pd.DataFrame:
    """An invented touchpoint survey: each touchpoint used by some customers, onderhoud en reparatie rated low."""
    from klantlib.experience import touchpoint_questionnaire

    rng = np.random.default_rng(seed)
    frame = {}
    for k, code in enumerate(touchpoint_questionnaire().codes):
        used = rng.random(n) < 0.3 + 0.4 * (k % 3 == 0)
        mean = 5.5 if code == "OR" else 7.3
        frame[code] = np.where(used, np.clip(np.round(rng.normal(mean, 1.2, n)), 1, 10), np.nan)
    return pd.DataFrame(frame)


def test_rating_widget_shows_the_model_marks_beside_the_survey_map(tmp_path):
    from klantlib.experience import journey_map, own_ratings, ratings_reading
    from klantlib.views import experience as experience_views

    survey = _touchpoint_survey()
    box = experience_views.rating_widget(survey, folder=tmp_path)
    find_widget(box, "klant-aankoop").value = "Mijn fiets"
    answers = {"WS": 8, "OR": 3, "BZ": 7}
    for code, value in answers.items():
        find_widget(box, f"klant-{code}").value = value
    own = own_ratings(answers, journey_map(survey))
    assert find_widget(box, "klant-uitkomst").value == ratings_reading(own, "Mijn fiets")
    ax = figure_of(box).axes[0]
    survey_bars, mine = bar_sets(ax)[0], bar_sets(ax)[1]
    assert [bar.get_width() for bar in mine] == pytest.approx(own["jouw_score"].fillna(0).tolist())
    assert [bar.get_width() for bar in survey_bars] == pytest.approx(own["enquete_gemiddelde"].tolist())
    labels = [tick.get_text() for tick in ax.get_yticklabels()]
    assert labels[0] == "Sociale media (oriëntatie)" and labels[-1] == "Retour en klacht (na aankoop)"
    assert sum(text.get_visible() and text.get_text() == "geen cijfer (niet gebruikt)" for text in ax.texts) == 13
    assert title_of(ax) == "Jouw cijfers: Mijn fiets"
    np.testing.assert_array_equal(shown_png(box), full_draw(figure_of(box)))
    again = experience_views.rating_widget(survey, folder=tmp_path)
    assert find_widget(again, "klant-OR").value == 3 and find_widget(again, "klant-aankoop").value == "Mijn fiets"


def test_relevancy_widget_says_what_is_open_and_then_checks_the_rule(tmp_path):
    from klantlib.experience import profile_levels, profile_reading, relevancy_check
    from klantlib.views import experience as experience_views

    box = experience_views.relevancy_widget(folder=tmp_path)
    find_widget(box, "klant-organisatie").value = "De bakker"
    find_widget(box, "klant-RD").value = 5
    assert find_widget(box, "klant-uitkomst").value == (
        "De bakker: kies nog een niveau voor prijs, toegang, service en beleving.")
    answers = {"RP": 3, "RD": 5, "RT": 4, "RS": 4, "RB": 3}
    for code, value in answers.items():
        find_widget(box, f"klant-{code}").value = value
    outcome = find_widget(box, "klant-uitkomst").value
    assert outcome == profile_reading(answers, "De bakker").replace("&", "&amp;")
    assert relevancy_check(profile_levels(answers)).problems[0].split(":")[0] in outcome
    ax = figure_of(box).axes[0]
    assert [bar.get_width() for bar in bar_sets(ax)[0]] == pytest.approx([3, 5, 4, 4, 3])
    assert title_of(ax) == "Klantrelevantie: De bakker"
    np.testing.assert_array_equal(shown_png(box), full_draw(figure_of(box)))
    again = experience_views.relevancy_widget(folder=tmp_path)
    assert find_widget(again, "klant-RT").value == 4


def test_experience_figures_show_the_model_numbers():
    from klantlib.experience import attribute_weights, compare_relevancy, journey_map
    from klantlib.formatting import number
    from klantlib.views.experience import journey_map_plot, relevancy_plot, weights_plot

    survey = _touchpoint_survey()
    owners_table = pd.DataFrame({"touchpoint": ["chat", "onderhoud en reparatie"],
                                 "eigenaar": ["Klantenservice; E-commerce", "Werkplaats"]})
    table = journey_map(survey, owners_table)
    ax = journey_map_plot(table)
    points = [line for line in ax.get_lines() if line.get_marker() in ("o", "v")]
    assert sorted(x for line in points for x in line.get_xdata()) == pytest.approx(sorted(table["gemiddelde"]))
    pain = [line for line in ax.get_lines() if line.get_marker() == "v"]
    assert sorted(pain[0].get_xdata()) == pytest.approx(sorted(table.loc[table["pijnpunt"], "gemiddelde"]))
    texts = [t.get_text() for t in ax.texts]
    assert sum("PIJNPUNT" in text for text in texts) == int(table["pijnpunt"].sum()) >= 1
    assert sum("muur: geen eigenaar" in text for text in texts) == 14  # every touchpoint the table does not list
    assert sum("muur: meer eigenaren" in text for text in texts) == 1
    assert [tick.get_text() for tick in ax.get_yticklabels()] == list(table.index)
    relevancy = pd.DataFrame({"RP": [2, 3, 3], "RD": [4, 5, 4], "RT": [3, 3, 3], "RS": [3, 2, 3], "RB": [3, 4, 3],
                              "W_prijs": [30, 20, 40], "W_product": [30, 20, 20], "W_toegang": [10, 20, 10],
                              "W_service": [20, 20, 10], "W_beleving": [10, 20, 20]})
    comparison = compare_relevancy({"prijs": 3, "product": 5, "toegang": 4, "service": 4, "beleving": 3}, relevancy)
    ax = relevancy_plot(comparison, own="management")
    diamonds = [line for line in ax.get_lines() if line.get_marker() == "D"][0]
    assert list(diamonds.get_xdata()) == comparison["eigen"].tolist()
    assert f"management 5 · klanten {number(comparison.loc['product', 'klanten'], 1)}" in [t.get_text() for t in ax.texts]
    weights = attribute_weights(relevancy)
    ax = weights_plot(weights)
    widths = [bar.get_width() for container in ax.containers if hasattr(container, "patches") for bar in container.patches]
    assert sorted(widths) == pytest.approx(sorted(weights["punten"]))
    assert {patch.get_hatch() for patch in ax.patches} >= {"//"}  # the myth's attributes hatched, not colour alone
    plt.close("all")
