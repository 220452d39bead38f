"""Every figure the views draw is readable without sight of colour: Dutch title, axis labels, safe colours.

``FIGURES`` draws each figure of ``klantlib.views`` on the shipped data, as the notebooks do,
and a test checks that every public drawing function and every widget of the views is in it,
so a new figure can't skip these checks.

Rules per Axes:

- a non-empty title (a panel of a row may leave it to the figure's ``suptitle``);
- a chart (its axes drawn, ``ax.axison``) has an x- and a y-label; in a row of panels that share
  an axis, one label for the shared axis is enough;
- exemption: an Axes whose axes are switched off (``ax.axis("off")``) is a diagram, not a chart
  (the gap model, the customer diagram, the timeline of the eras): it needs only its title,
  because it has no scale to label.

Colours: :data:`klantlib.plotting.PALETTE` and every set of colours a view uses for categories
stay apart for people with a colour-vision deficiency. The check simulates protanopia,
deuteranopia and tritanopia with the matrices of Machado, Oliveira & Fernandes (2009, severity
1.0) on linear sRGB, converts to CIELAB and requires every pair of colours to differ by at least
:data:`MIN_DELTA_E` (CIE76), four times the just-noticeable difference of about 2.3.

Text: a label written in a colour (a group's name in the group's colour) has a contrast of at least
4.5 on its background (WCAG AA), and every figure has a Dutch text alternative (``alt_text``).
"""

import importlib
import inspect
import itertools
import pkgutil

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402
from matplotlib.colors import to_rgb  # noqa: E402

import klantlib  # noqa: E402
import klantlib.views  # noqa: E402
from klantlib import plotting  # noqa: E402
from klantlib.views._widgets import find_widget  # noqa: E402


@pytest.fixture(scope="module", autouse=True)
def house_style():
    plotting.use_style()
    yield
    plt.close("all")


class Data:
    """The shipped data sets, loaded once and only when a figure needs them."""

    def __init__(self):
        self._cache = {}

    def __getattr__(self, name):
        if name.startswith("_"):
            raise AttributeError(name)
        if name not in self._cache:
            self._cache[name] = klantlib.load_dataset(name)
        return self._cache[name]


@pytest.fixture(scope="module")
def data():
    return Data()


def _fig(result):
    """The figure of what a drawing function returns: an Axes, an array of Axes, a Figure or (figure, text)."""
    if isinstance(result, tuple):
        result = result[0]
    if isinstance(result, np.ndarray):
        result = result.flat[0]
    return result.get_figure(root=True) if hasattr(result, "get_figure") else result


def _widget_fig(box):
    return find_widget(box, "klant-figuur").area.fig


# --- every figure of the views, drawn on the shipped data as the notebooks draw it ---------------------------

def _start_figure(d):
    from klantlib.views.start import loyal_customers_figure

    return loyal_customers_figure(d.transacties, min_orders=2)


def _start_widget(d):
    from klantlib.views.start import loyal_customers_widget

    return _widget_fig(loyal_customers_widget(d.transacties))


def _customer_diagram(d):
    from klantlib.klant import who_is_the_customer
    from klantlib.views.klant import customer_diagram

    return customer_diagram(who_is_the_customer("Gemeente Lindewijk"))


def _customer_widget(d):
    from klantlib.views.klant import customer_widget

    return _widget_fig(customer_widget())


def _eras_timeline(d):
    from klantlib.views.klant import eras_timeline

    return eras_timeline()


def _market_figure(d):
    from klantlib.klant import market_summary
    from klantlib.views.klant import market_figure

    return market_figure(market_summary(d.transacties, d.klanten))


def _role_grid(d):
    from klantlib.views.dmu import role_grid

    dmu = d.dmu
    return role_grid(dmu[dmu["beslissing_id"] == "B003"], title="De DMU van beslissing B003")


def _role_widget(d):
    from klantlib.views.dmu import role_widget

    return _widget_fig(role_widget("ebike"))


def _dmu_size_bars(d):
    from klantlib.dmu import dmu_summary
    from klantlib.views.dmu import dmu_size_bars

    return dmu_size_bars(dmu_summary(d.dmu)[0])


def _roles_per_situation(d):
    from klantlib.dmu import dmu_summary
    from klantlib.views.dmu import roles_per_situation

    return roles_per_situation(dmu_summary(d.dmu)[1])


def _typen(d):
    from klantlib.vals import classify

    return classify(d.leefstijl.set_index("respondent_id"))


def _population_bars(d):
    from klantlib.views.vals import population_bars

    return population_bars()


def _comparison_bars(d):
    from klantlib.vals import compare_with_population
    from klantlib.views.vals import comparison_bars

    return comparison_bars(compare_with_population(_typen(d)), title="Klanten van Trapper en de bevolking")


def _profile_heatmap(d):
    from klantlib.vals import segment_profile
    from klantlib.views.vals import profile_heatmap

    leefstijl = d.leefstijl.set_index("respondent_id").join(_typen(d)[["type", "categorie"]])
    return profile_heatmap(segment_profile(leefstijl, "leeftijd", bins=[18, 35, 50, 65, 100]))


def _vals_score_bars(d):
    from klantlib.vals import ITEM_COLUMNS, classify
    from klantlib.views.vals import score_bars

    first = classify(d.leefstijl.set_index("respondent_id").loc["L0001", list(ITEM_COLUMNS)])
    return score_bars(first.scores, first.type, title="Score per type van respondent L0001")


def _vals_widget(d, tmp_path):
    from klantlib.views.vals import vals_widget

    return _widget_fig(vals_widget(folder=tmp_path))


def _rfm(d):
    from klantlib.rfm import rfm_table

    return rfm_table(d.transacties, reference_date="2026-01-01", order="order_id")


def _pareto_figure(d):
    from klantlib.rfm import pareto_table
    from klantlib.views.rfm import pareto_figure

    return pareto_figure(pareto_table(d.transacties.groupby("klant_id")["bedrag"].sum()))


def _rfm_score_bars(d):
    from klantlib.rfm import rfm_scores
    from klantlib.views.rfm import score_bars

    return score_bars(rfm_scores(_rfm(d), bins=5))


def _matrix_figure(d):
    from klantlib.rfm import assessment_matrix, relatiesterkte, rendement, rfm_scores
    from klantlib.views.rfm import matrix_figure

    strength = relatiesterkte(d.relatiesterkte, scale=7)
    value = rendement(rfm_scores(_rfm(d), bins=5), bins=5)
    return matrix_figure(assessment_matrix(value.reindex(strength.index), strength, cut=50))


def _matrix_widget(d):
    from klantlib.views.rfm import matrix_widget

    return _widget_fig(matrix_widget(d.transacties, d.relatiesterkte))


def _servqual_survey(d):
    return d.servqual.set_index("respondent_id")


def _gap_bars(d):
    from klantlib.servqual import summary
    from klantlib.views.servqual import gap_bars

    return gap_bars(summary(_servqual_survey(d)), title="Gap per dimensie: werkplaats en webshop van Trapper")


def _profile_plot(d):
    from klantlib.views.servqual import profile_plot

    return profile_plot(_servqual_survey(d))


def _gap_model_diagram(d):
    from klantlib.views.servqual import gap_model_diagram

    return gap_model_diagram()


def _servqual_widget(d, tmp_path):
    from klantlib.views.servqual import servqual_widget

    return _widget_fig(servqual_widget(_servqual_survey(d), folder=tmp_path))


def _dimension_bars(d):
    from klantlib.survey import Questionnaire
    from klantlib.views.survey import dimension_bars

    scan = Questionnaire.load("relatiesterkte")
    return dimension_bars(scan.own_profile({"vertrouwen": 6}, d.relatiesterkte), scan.scale).figure


def _questionnaire_widget(d, tmp_path):
    from klantlib.survey import Questionnaire
    from klantlib.views.survey import questionnaire_widget

    return _widget_fig(questionnaire_widget(Questionnaire.load("martin"), folder=tmp_path))


def _service_style_plot(d):
    from klantlib.service import example_ratings, martin_profile
    from klantlib.views.service import service_style_plot

    return service_style_plot(martin_profile(example_ratings()), title="Trapper op de schaal van Martin (voorbeeld)")


def _funnel_figure(d):
    from klantlib.orca import funnel
    from klantlib.views.orca import funnel_figure

    return funnel_figure(funnel(d.klantreis, customer="reis_id", stage="stap"), title="ORCA-trechter van Trapper")


def _mix_heatmap(d):
    from klantlib.orca import channel_mix
    from klantlib.views.orca import mix_heatmap

    return mix_heatmap(channel_mix(d.klantreis, customer="reis_id", stage="stap"))


def _pattern_bars(d):
    from klantlib.orca import paths
    from klantlib.views.orca import pattern_bars

    per_journey = paths(d.klantreis, customer="reis_id", stage="stap").per_customer
    table = per_journey.value_counts().rename("klanten").to_frame()
    table["aandeel"] = table["klanten"] / len(per_journey)
    return pattern_bars(table, title="Patronen van de reizen")


def _funnel_widget(d):
    from klantlib.views.orca import funnel_widget

    return _widget_fig(funnel_widget(d.klantreis))


#: Every drawing function and widget of klantlib.views: its figure on the shipped data, or None for a widget
#: without a figure (with the reason).
FIGURES = {
    "start.loyal_customers_figure": _start_figure,
    "start.loyal_customers_widget": _start_widget,
    "klant.customer_diagram": _customer_diagram,
    "klant.customer_widget": _customer_widget,
    "klant.eras_timeline": _eras_timeline,
    "klant.market_figure": _market_figure,
    "klant.depest_widget": None,  # a questionnaire with a table of counts, no figure
    "dmu.role_grid": _role_grid,
    "dmu.role_widget": _role_widget,
    "dmu.dmu_size_bars": _dmu_size_bars,
    "dmu.roles_per_situation": _roles_per_situation,
    "vals.population_bars": _population_bars,
    "vals.comparison_bars": _comparison_bars,
    "vals.profile_heatmap": _profile_heatmap,
    "vals.score_bars": _vals_score_bars,
    "vals.vals_widget": _vals_widget,
    "rfm.pareto_figure": _pareto_figure,
    "rfm.score_bars": _rfm_score_bars,
    "rfm.matrix_figure": _matrix_figure,
    "rfm.matrix_widget": _matrix_widget,
    "servqual.gap_bars": _gap_bars,
    "servqual.profile_plot": _profile_plot,
    "servqual.gap_model_diagram": _gap_model_diagram,
    "servqual.servqual_widget": _servqual_widget,
    "service.service_style_plot": _service_style_plot,
    "survey.dimension_bars": _dimension_bars,
    "survey.questionnaire_widget": _questionnaire_widget,
    "orca.funnel_figure": _funnel_figure,
    "orca.mix_heatmap": _mix_heatmap,
    "orca.pattern_bars": _pattern_bars,
    "orca.funnel_widget": _funnel_widget,
    "selfcheck.choice_widget": None,  # a multiple-choice question, no figure
}


def _drawing_functions() -> set[str]:
    """Public functions of klantlib.views that draw (take ``ax`` or ``axes``) or build a widget."""
    found = set()
    for info in pkgutil.iter_modules(klantlib.views.__path__):
        if info.name.startswith("_"):
            continue
        module = importlib.import_module(f"klantlib.views.{info.name}")
        for name, function in inspect.getmembers(module, inspect.isfunction):
            if name.startswith("_") or function.__module__ != module.__name__:
                continue
            parameters = inspect.signature(function).parameters
            if "ax" in parameters or "axes" in parameters or name.endswith("_widget"):
                found.add(f"{info.name}.{name}")
    return found


def test_every_drawing_function_and_widget_is_checked():
    found = _drawing_functions()
    assert found - FIGURES.keys() == set(), "nieuwe figuur: zet haar in FIGURES"
    assert FIGURES.keys() - found == set(), "FIGURES noemt een functie die er niet (meer) is"


def _draw(name, data, tmp_path):
    make = FIGURES[name]
    if "tmp_path" in inspect.signature(make).parameters:
        return _fig(make(data, tmp_path))
    return _fig(make(data))


def _title(ax) -> str:
    return " ".join(ax.get_title(loc) for loc in ("left", "center", "right")).strip()


def _shares_label(ax, which: str) -> bool:
    """Whether another Axes that shares this one's x or y axis carries the label."""
    shared = ax.get_shared_x_axes() if which == "x" else ax.get_shared_y_axes()
    label = (lambda a: a.get_xlabel()) if which == "x" else (lambda a: a.get_ylabel())
    return any(label(other).strip() for other in shared.get_siblings(ax) if other is not ax)


def problems(fig) -> list[str]:
    """What a figure lacks: per Axes a title, and for a chart its axis labels."""
    found = []
    suptitle = fig._suptitle.get_text().strip() if fig._suptitle is not None else ""
    axes = [ax for ax in fig.axes if ax.get_visible() and not ax.get_label() == "<colorbar>"]
    for k, ax in enumerate(axes):
        if not _title(ax) and not (suptitle and len(axes) > 1):
            found.append(f"Axes {k}: geen titel")
        if not ax.axison:
            continue  # a diagram: no scale to label (see the module docstring)
        if not ax.get_xlabel().strip() and not _shares_label(ax, "x"):
            found.append(f"Axes {k} ({_title(ax)!r}): geen label op de x-as")
        if not ax.get_ylabel().strip() and not _shares_label(ax, "y"):
            found.append(f"Axes {k} ({_title(ax)!r}): geen label op de y-as")
    return found


@pytest.mark.parametrize("name", [name for name, make in FIGURES.items() if make is not None])
def test_every_figure_has_a_title_and_axis_labels(name, data, tmp_path):
    fig = _draw(name, data, tmp_path)
    assert fig.axes, f"{name} tekent niets"
    assert problems(fig) == []
    assert plotting.alt_text(fig).startswith("Figuur: ") and len(plotting.alt_text(fig)) > 20


def test_problems_finds_a_chart_without_labels_and_exempts_a_diagram():
    fig, (chart, diagram) = plt.subplots(1, 2)
    chart.plot([0, 1], [0, 1])
    diagram.axis("off")
    diagram.set_title("Een schema")
    assert problems(fig) == ["Axes 0: geen titel", "Axes 0 (''): geen label op de x-as",
                             "Axes 0 (''): geen label op de y-as"]
    plotting.decorate(chart, title="Omzet", xlabel="maand", ylabel="omzet")
    assert problems(fig) == []
    plt.close(fig)


# --- colours ---------------------------------------------------------------------------------------------

#: Machado, Oliveira & Fernandes (2009), severity 1.0, for linear RGB.
CVD = {
    "protanopie": np.array([[0.152286, 1.052583, -0.204868], [0.114503, 0.786281, 0.099216],
                            [-0.003882, -0.048116, 1.051998]]),
    "deuteranopie": np.array([[0.367322, 0.860646, -0.227968], [0.280085, 0.672501, 0.047413],
                              [-0.011820, 0.042940, 0.968881]]),
    "tritanopie": np.array([[1.255528, -0.076749, -0.178779], [-0.078411, 0.930809, 0.147602],
                            [0.004733, 0.691367, 0.303900]]),
}
#: Smallest CIE76 difference between two colours that stand for different things.
MIN_DELTA_E = 10.0


def _linear(rgb):
    rgb = np.asarray(rgb, dtype=float)
    return np.where(rgb <= 0.04045, rgb / 12.92, ((rgb + 0.055) / 1.055) ** 2.4)


def lab(colour, vision: str | None = None) -> np.ndarray:
    """CIELAB (D65) of a matplotlib colour as seen with normal vision or the deficiency ``vision``."""
    rgb = _linear(to_rgb(colour))
    if vision is not None:
        rgb = np.clip(CVD[vision] @ rgb, 0, 1)
    xyz = np.array([[0.4124, 0.3576, 0.1805], [0.2126, 0.7152, 0.0722], [0.0193, 0.1192, 0.9505]]) @ rgb
    xyz = xyz / np.array([0.95047, 1.0, 1.08883])
    f = np.where(xyz > (6 / 29) ** 3, np.cbrt(xyz), xyz / (3 * (6 / 29) ** 2) + 4 / 29)
    return np.array([116 * f[1] - 16, 500 * (f[0] - f[1]), 200 * (f[1] - f[2])])


def closest_pair(colours, vision: str | None = None) -> tuple[float, str, str]:
    """The two colours of ``colours`` that look most alike, with their difference (CIE76)."""
    return min((float(np.linalg.norm(lab(a, vision) - lab(b, vision))), a, b)
               for a, b in itertools.combinations(colours, 2))


def test_simulation_merges_red_and_green_for_red_green_blindness_only():
    red, green = "#CC0000", "#4C8C00"  # a classic pair that people with deuteranopia can't tell apart
    assert closest_pair([red, green])[0] > 50
    assert closest_pair([red, green], "deuteranopie")[0] < MIN_DELTA_E
    assert closest_pair([red, green], "tritanopie")[0] > MIN_DELTA_E


def _colour_sets():
    from klantlib.views.orca import CHANNEL_COLORS
    from klantlib.views.rfm import GROUP_COLORS
    from klantlib.views.vals import CATEGORY_COLOURS

    return {
        "PALETTE": plotting.PALETTE,
        "rfm.GROUP_COLORS": list(GROUP_COLORS.values()),
        "vals.CATEGORY_COLOURS": list(CATEGORY_COLOURS.values()),
        "orca.CHANNEL_COLORS": list(CHANNEL_COLORS.values()),
    }


@pytest.mark.parametrize("vision", [None, *CVD])
@pytest.mark.parametrize("name", list(_colour_sets()))
def test_colours_stay_apart_with_colour_blindness(name, vision):
    difference, a, b = closest_pair(_colour_sets()[name], vision)
    assert difference >= MIN_DELTA_E, f"{name}: {a} en {b} lijken op elkaar bij {vision or 'normaal zien'}"


def test_palette_is_okabe_ito():
    okabe_ito = {"#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"}
    assert set(plotting.PALETTE) == okabe_ito


def test_alt_text_says_what_a_figure_shows(data, tmp_path):
    fig = _draw("rfm.pareto_figure", data, tmp_path)
    alt = plotting.alt_text(fig)
    assert alt.startswith("Figuur: ") and "Pareto" in alt
    html = plotting.figure_html(b"\x89PNG", alt)
    assert f'alt="{alt}"' in html or "&quot;" in html
    plt.close("all")


def test_figure_html_escapes_the_alt_text():
    assert 'alt="a &lt;b&gt; &amp; &quot;c&quot;"' in plotting.figure_html(b"x", 'a <b> & "c"')



def _background(text) -> str:
    """What a text is read against: its own box, or else the white of the figure."""
    box = text.get_bbox_patch()
    return box.get_facecolor() if box is not None else "white"


@pytest.mark.parametrize("name", [name for name, make in FIGURES.items() if make is not None])
def test_coloured_texts_are_readable(name, data, tmp_path):
    """A label in a colour (a group's name in its colour) has a contrast of at least 4.5 (WCAG AA) on white.

    Black and white texts are left out: black is always readable on the white figure, and white is
    only written inside a dark bar or cell, where the view picks it for that background.
    """
    from matplotlib.colors import to_hex

    fig = _draw(name, data, tmp_path)
    low = []
    for text in fig.findobj(lambda a: hasattr(a, "get_text") and hasattr(a, "get_color")):
        colour = to_hex(text.get_color())
        if not text.get_visible() or not text.get_text().strip() or colour in ("#000000", "#ffffff"):
            continue
        ratio = plotting.contrast(colour, _background(text))
        if ratio < 4.5:
            low.append(f"{text.get_text()[:30]!r} in {colour}: {ratio:.2f}")
    assert low == []
