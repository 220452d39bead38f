"""Every figure the course shows is readable without sight of colour: Dutch title, axis labels, safe colours.

The figures are found, not listed: ``views_in_notebooks`` runs every notebook of the course
(``klantlib/notebooks.toml``, the lecturer's version with every worked solution) and records each figure a
view of ``klantlib.views`` returned or a cell left for the notebook to show, widgets' figures included. A
test checks that every public drawing function and widget of the views is used by some notebook, so a new
figure can't skip these checks, and a new notebook is checked as soon as it is in the list.

Rules per Axes:

- a non-empty title (a panel of a row may leave it to the figure's ``suptitle``);
- a chart (its axes drawn, ``ax.axison``) has an x- and a y-label; in a row of panels that share
  an axis, one label for the shared axis is enough;
- exemption: an Axes whose axes are switched off (``ax.axis("off")``) is a diagram, not a chart
  (the gap model, the customer diagram, the timeline of the eras): it needs only its title,
  because it has no scale to label.

Colours: :data:`klantlib.plotting.PALETTE` and every set of colours a view module keeps for categories
(a module-level ``*_COLORS`` or ``*_COLOURS``, found by name) stay apart for people with a colour-vision
deficiency. The check simulates protanopia, deuteranopia and tritanopia with the matrices of Machado,
Oliveira & Fernandes (2009, severity 1.0) on linear sRGB, converts to CIELAB and requires every pair of
colours to differ by at least :data:`MIN_DELTA_E` (CIE76), four times the just-noticeable difference of
about 2.3.

Text: a label written in a colour (a group's name in the group's colour) has a contrast of at least
4.5 on its background (WCAG AA), and every figure has a Dutch text alternative (``alt_text``).
"""

import importlib
import itertools
import pkgutil
import re

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402
from matplotlib.colors import to_rgb  # noqa: E402

import klantlib  # noqa: E402
import klantlib.views  # noqa: E402
from klantlib import plotting  # noqa: E402
from klantlib.navigation import COURSE  # noqa: E402
from views_in_notebooks import drawing_functions, run_course  # noqa: E402


@pytest.fixture(scope="module", autouse=True)
def house_style():
    plotting.use_style()
    yield
    plt.close("all")


@pytest.fixture(scope="module")
def runs(tmp_path_factory):
    """Every notebook of the course, run once: per number what its views returned and which figures it showed."""
    return run_course(tmp_path_factory.mktemp("cursus"))


# --- every figure of the course, found by running the notebooks -------------------------------------------

def test_every_drawing_function_and_widget_is_used_by_a_notebook(runs):
    used = {call.name for run in runs.values() for call in run.calls}
    missing = sorted(drawing_functions() - used)
    assert missing == [], ("no notebook draws these views, so nothing checks them; use them in a notebook "
                           f"(in a worked solution if students don't need them): {', '.join(missing)}")


def test_every_notebook_shows_figures(runs):
    assert list(runs) == [chapter.number for chapter in COURSE]
    assert all(run.figures() for run in runs.values())


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


@pytest.mark.parametrize("number", [chapter.number for chapter in COURSE])
def test_every_figure_has_a_title_axis_labels_and_a_text_alternative(number, runs):
    found = []
    for name, fig in runs[number].figures():
        if not fig.axes:
            found.append(f"{name}: tekent niets")
        found += [f"{name}: {problem}" for problem in problems(fig)]
        alt = plotting.alt_text(fig)
        if not (alt.startswith("Figuur: ") and len(alt) > 20):
            found.append(f"{name}: geen tekstalternatief ({alt!r})")
    assert found == []


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


def _colour_sets() -> dict[str, list]:
    """The palette, and every module-level ``*_COLORS`` / ``*_COLOURS`` of the view modules (found by name)."""
    sets = {"PALETTE": list(plotting.PALETTE)}
    for info in pkgutil.iter_modules(klantlib.views.__path__):
        module = importlib.import_module(f"klantlib.views.{info.name}")
        for name, value in vars(module).items():
            if re.fullmatch(r"[A-Z_]+_COLOU?RS", name):
                sets[f"{info.name}.{name}"] = list(value.values() if isinstance(value, dict) else value)
    return sets


def test_colour_sets_are_found():
    assert {"PALETTE", "rfm.GROUP_COLORS", "vals.CATEGORY_COLOURS", "orca.CHANNEL_COLORS"} <= set(_colour_sets())


@pytest.mark.parametrize("vision", [None, *CVD])
@pytest.mark.parametrize("name", list(_colour_sets()))
def test_colours_stay_apart_with_colour_blindness(name, vision):
    difference, a, b = closest_pair(_colour_sets()[name], vision)
    assert difference >= MIN_DELTA_E, f"{name}: {a} en {b} lijken op elkaar bij {vision or 'normaal zien'}"


def test_palette_is_okabe_ito():
    okabe_ito = {"#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"}
    assert set(plotting.PALETTE) == okabe_ito


def test_alt_text_says_what_a_figure_shows():
    from klantlib.rfm import pareto_table
    from klantlib.views.rfm import pareto_figure

    transactions = klantlib.load_dataset("transacties")
    fig = pareto_figure(pareto_table(transactions.groupby("klant_id")["bedrag"].sum())).get_figure(root=True)
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


@pytest.mark.parametrize("number", [chapter.number for chapter in COURSE])
def test_coloured_texts_are_readable(number, runs):
    """A label in a colour (a group's name in its colour) has a contrast of at least 4.5 (WCAG AA) on white.

    Black and white texts are left out: black is always readable on the white figure, and white is
    only written inside a dark bar or cell, where the view picks it for that background.
    """
    from matplotlib.colors import to_hex

    low = []
    for name, fig in runs[number].figures():
        for text in fig.findobj(lambda a: hasattr(a, "get_text") and hasattr(a, "get_color")):
            colour = to_hex(text.get_color())
            if not text.get_visible() or not text.get_text().strip() or colour in ("#000000", "#ffffff"):
                continue
            ratio = plotting.contrast(colour, _background(text))
            if ratio < 4.5:
                low.append(f"{name}: {text.get_text()[:30]!r} in {colour}: {ratio:.2f}")
    assert low == []
