"""Figures and the questionnaire widget for SERVQUAL and the gap model (notebook 05).

- :func:`gap_bars`: the mean gap per dimension with its 95% interval (and a
  student's own gaps beside it).
- :func:`profile_plot`: mean expectation and perception over the 22 items.
- :func:`gap_model_diagram`: the five-gap model (Parasuraman, Zeithaml & Berry, 1985).
- :func:`servqual_widget`: fill in the questionnaire for an organisation (the one
  questionnaire form of :mod:`klantlib.views.survey`); the answers are saved as
  they are given and scored and drawn at once beside the survey's averages. Its
  numbers come from the model: :func:`klantlib.servqual.own_scores` (also
  importable here under its old name, ``widget_scores``) and
  :func:`klantlib.servqual.own_score`.

Every plot helper draws on ``ax`` (or makes a figure of ``figsize``, by default
a size that grows in presentation mode), passes its keyword arguments to its
main plotting call and only fills in defaults, and returns the axes.

In a notebook one line shows the widget::

    servqual_widget(load_dataset("servqual"))
"""

from __future__ import annotations

import math
from collections.abc import Mapping

import numpy as np
import pandas as pd

from klantlib.answers import DEFAULT_FOLDER
from klantlib.servqual import (
    DIMENSION_ITEMS,
    DIMENSIONS,
    E_COLUMNS,
    P_COLUMNS,
    QUESTIONNAIRE,
    own_score,
    own_scores,
    summary,
)

__all__ = [
    "ANSWER_KEYS",
    "gap_bars",
    "gap_model_diagram",
    "points_status",
    "profile_plot",
    "servqual_widget",
    "valid_answer",
    "widget_scores",
]

#: Every key the questionnaire saves, in questionnaire order.
ANSWER_KEYS = ("organisatie", *QUESTIONNAIRE.codes, *QUESTIONNAIRE.points_columns)

#: Short Dutch labels for the dimensions in figures.
LABELS = {d: d.capitalize() for d in DIMENSIONS}


def valid_answer(key: str, value, *, scale: int = 7) -> bool:
    """Whether a saved answer fits the questionnaire (used when answers are restored).

    :meth:`klantlib.survey.Questionnaire.is_answer`, and the organisation's name as text.

    >>> valid_answer("E1", 7), valid_answer("E1", 8), valid_answer("W_zekerheid", 30), valid_answer("X", 1)
    (True, False, True, False)
    """
    if key == "organisatie":
        return isinstance(value, str)
    return QUESTIONNAIRE.with_scale(scale).is_answer(key, value)


def points_status(answers: Mapping) -> tuple[int, str]:
    """How many of the 100 points are still to be divided, and a Dutch message (the questionnaire's ``points_left``).

    >>> points_status({"W_tastbaarheden": 30, "W_zekerheid": 60})
    (10, 'Nog 10 punten te verdelen (samen 90 van de 100).')
    """
    remaining, text = QUESTIONNAIRE.points_left(answers)
    return int(remaining), text


#: The widget's update logic, now in the model: :func:`klantlib.servqual.own_scores`.
widget_scores = own_scores


def _x_limit(table: pd.DataFrame) -> float:
    values = np.r_[table.filter(like="gap").to_numpy(dtype=float).ravel(),
                   table.filter(like="grens").to_numpy(dtype=float).ravel(), 0.0]
    return max(1.0, float(np.nanmax(np.abs(values))))


class _GapBars:
    """The bars of :func:`gap_bars`; :meth:`update` redraws the student's side in place (the survey's stays).

    ``changing`` lists the artists :meth:`update` changes.
    """

    def __init__(self, ax, table: pd.DataFrame, *, title: str | None = None, label: str = "jij", **kwargs):
        from matplotlib.patches import Patch

        from klantlib.plotting import PALETTE, decorate, number_axis, text_colour, underride

        self.ax = ax
        table = table.reindex(list(DIMENSIONS))
        y = np.arange(len(DIMENSIONS))[::-1].astype(float)
        mine = "jouw_gap" in table.columns
        prefix = "enquete_" if mine else ""
        height = kwargs.pop("height", 0.38 if mine else 0.6)
        ref = table.get(f"{prefix}gap")
        self.survey = self.mine = self.legend = None
        self.empty = []
        if ref is not None and ref.notna().any():
            low = (ref - table[f"{prefix}ondergrens"]).fillna(0).to_numpy()
            high = (table[f"{prefix}bovengrens"] - ref).fillna(0).to_numpy()
            offset = height / 2 if mine else 0.0
            self.survey = ax.barh(y + offset, ref.to_numpy(), height, xerr=[low, high],
                                  **underride(kwargs, Patch, color=PALETTE[0],
                                              error_kw={"ecolor": "#555555", "capsize": 3},
                                              label="enquête (gemiddelde, 95%-interval)"))
        if mine:
            self.mine = ax.barh(y - height / 2, np.zeros(len(y)), height,  # hatched: not by colour alone
                                **underride(kwargs, Patch, color=PALETTE[1], hatch="//", edgecolor="white",
                                            label=label))
            self.empty = [ax.text(0.02, yy, "nog niet ingevuld", va="center", fontsize="small",
                                  color=text_colour("#777777"),
                                  transform=ax.get_yaxis_transform()) for yy in y - height / 2]
        ax.axvline(0, color="black", linewidth=0.8)
        ax.set_yticks(y, [LABELS[d] for d in DIMENSIONS])
        number_axis(ax, "x", decimals=1)
        decorate(ax, xlabel="gap P − E (negatief = tekortkoming)", ylabel="dimensie")
        if self.survey is not None or self.mine is not None:
            self.legend = ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.2), ncol=2, fontsize="small",
                                    frameon=False)
        self.title = ax.set_title("")
        self.changing = [*(self.mine or []), *self.empty, *([self.legend] if self.legend else []), self.title]
        self.update(table, title=title, label=label)

    def update(self, table: pd.DataFrame, *, title: str | None = None, label: str = "jij") -> None:
        table = table.reindex(list(DIMENSIONS))
        if self.mine is not None:
            gaps = table["jouw_gap"].to_numpy(dtype=float)
            for bar, text, value in zip(self.mine, self.empty, gaps):
                bar.set_width(0.0 if math.isnan(value) else value)
                text.set_visible(math.isnan(value))
            self.mine.set_label(label)
            if self.legend is not None:
                self.legend.get_texts()[-1].set_text(label)
        lim = _x_limit(table)
        self.ax.set_xlim(-lim * 1.15, lim * 1.15)
        self.title.set_text(title or "Gap per dimensie (perceptie − verwachting)")


def gap_bars(table: pd.DataFrame, ax=None, *, title: str | None = None, label: str = "jij", figsize=None,
             **kwargs):
    """Horizontal bars: the mean gap per dimension with its 95% interval.

    ``table`` is :func:`klantlib.servqual.summary` (columns ``gap``,
    ``ondergrens``, ``bovengrens``) or :func:`widget_scores` (then the student's
    gaps, ``jouw_gap``, are drawn beside the survey's, labelled ``label``).
    Keyword arguments go to ``ax.barh`` (``height``, ``color``, ``error_kw`` ...); with the
    student's gaps beside the survey's, both sets of bars get them.
    Returns the axes.
    """
    import matplotlib.pyplot as plt

    from klantlib.plotting import figure_size

    if ax is None:
        _, ax = plt.subplots(figsize=figsize or figure_size())
    _GapBars(ax, table, title=title, label=label, **kwargs)
    return ax


def profile_plot(survey: pd.DataFrame, ax=None, *, scale: int = 7, errors: str = "raise", figsize=None,
                 **kwargs):
    """Mean expectation (E) and perception (P) for each of the 22 items, dimensions shaded.

    Where the P line runs below the E line, customers get less than they expect.
    Keyword arguments go to both lines' ``ax.plot`` (``linewidth``, ``markersize`` ...).
    Returns the axes.
    """
    import matplotlib.pyplot as plt
    from matplotlib.lines import Line2D

    from klantlib.plotting import PALETTE, decorate, figure_size, underride

    means = QUESTIONNAIRE.with_scale(scale).compare(survey, errors=errors)["gemiddelde"]
    items = np.arange(1, 23)
    if ax is None:
        _, ax = plt.subplots(figsize=figsize or figure_size((10, 4.5)))
    for k, (dim, its) in enumerate(DIMENSION_ITEMS.items()):
        if k % 2 == 0:
            ax.axvspan(its[0] - 0.5, its[-1] + 0.5, color="#EEEEEE", zorder=0)
        ax.text((its[0] + its[-1]) / 2, 1.01, LABELS[dim], ha="center", va="bottom", fontsize="small",
                transform=ax.get_xaxis_transform())
    ax.plot(items, means[list(E_COLUMNS)].to_numpy(),
            **underride(kwargs, Line2D, marker="o", color=PALETTE[0], label="verwachting (E)"))
    ax.plot(items, means[list(P_COLUMNS)].to_numpy(),
            **underride(kwargs, Line2D, marker="s", color=PALETTE[1], label="perceptie (P)"))
    ax.set_xticks(items)
    ax.set_xlim(0.5, 22.5)
    ax.set_ylim(1, scale)
    decorate(ax, xlabel="item", ylabel=f"gemiddelde score (1-{scale})")
    ax.set_title("Verwachting en perceptie per item", pad=22)
    ax.legend(loc="lower left", fontsize="small")
    return ax


def gap_model_diagram(ax=None, *, figsize=None):
    """The five-gap model (Parasuraman, Zeithaml & Berry, 1985) as a diagram; returns the axes.

    Customer side above the line, provider side below; gap 5 (expected versus
    perceived service) is what SERVQUAL measures. External communication about
    the service points to the expected service (a promise raises expectations) and
    to the perceived service. ``figsize`` is used when no ``ax`` is given.
    """
    import matplotlib.pyplot as plt
    from matplotlib.patches import FancyBboxPatch

    from klantlib.plotting import PALETTE, figure_size, text_colour

    if ax is None:
        _, ax = plt.subplots(figsize=figsize or figure_size((9, 7.5)))
    ax.set_xlim(0, 10)
    ax.set_ylim(0, 10.4)
    ax.axis("off")
    boxes = {
        "mond": (0.2, 9.2, "Mond-tot-\nmondreclame"),
        "behoefte": (3.6, 9.2, "Persoonlijke\nbehoeften"),
        "ervaring": (7.0, 9.2, "Eerdere\nervaringen"),
        "verwacht": (3.6, 7.6, "Verwachte dienst"),
        "ervaren": (3.6, 5.9, "Ervaren dienst"),
        "levering": (3.6, 4.1, "Dienstverlening\n(levering)"),
        "communicatie": (7.2, 4.1, "Externe communicatie\nnaar klanten"),
        "normen": (3.6, 2.4, "Dienstnormen en\nspecificaties"),
        "beeld": (3.6, 0.7, "Beeld van het management\nvan klantverwachtingen"),
    }
    w, h = 2.6, 0.9
    centre = {}
    for key, (x, y, text) in boxes.items():
        customer = key in ("mond", "behoefte", "ervaring", "verwacht", "ervaren")
        ax.add_patch(FancyBboxPatch((x, y), w, h, boxstyle="round,pad=0.05",
                                    facecolor="#DCEBF7" if customer else "#FBE8C8",
                                    edgecolor=PALETTE[0] if customer else PALETTE[1]))
        ax.text(x + w / 2, y + h / 2, text, ha="center", va="center", fontsize="small")
        centre[key] = (x + w / 2, y + h / 2)

    def arrow(a, b, gap=None, side=1.0, style="-|>", dashed=False):
        (x1, y1), (x2, y2) = centre[a], centre[b]
        dy = h / 2 + 0.05
        start = (x1, y1 - dy if y2 < y1 else y1 + dy) if x1 == x2 else (x1 + (w / 2 if x2 > x1 else -w / 2), y1)
        end = (x2, y2 + dy if y2 < y1 else y2 - dy) if x1 == x2 else (x2 - (w / 2 if x2 > x1 else -w / 2), y2)
        ax.annotate("", xy=end, xytext=start, arrowprops={"arrowstyle": style, "color": "#333333",
                                                         "linestyle": "--" if gap or dashed else "-"})
        if gap:
            ax.text((start[0] + end[0]) / 2 + 0.25 * side, (start[1] + end[1]) / 2, f"Gap {gap}",
                    color=text_colour(PALETTE[5]), fontweight="bold", fontsize="small",
                    ha="left" if side > 0 else "right",
                    va="center")

    for src in ("mond", "behoefte", "ervaring"):
        ax.annotate("", xy=(centre["verwacht"][0], 7.6 + h + 0.05), xytext=(centre[src][0], 9.15),
                    arrowprops={"arrowstyle": "-|>", "color": "#333333"})
    arrow("verwacht", "ervaren", gap=5, style="<|-|>")
    arrow("levering", "ervaren")
    arrow("normen", "levering", gap=3, style="<|-|>")
    arrow("beeld", "normen", gap=2, style="<|-|>")
    arrow("levering", "communicatie", style="<|-|>", dashed=True)
    ax.text(6.7, 4.75, "Gap 4", color=text_colour(PALETTE[5]), fontweight="bold", fontsize="small",
            ha="center")
    ax.annotate("", xy=(centre["ervaren"][0] + w / 2 + 0.05, centre["ervaren"][1]),
                xytext=(centre["communicatie"][0], 4.1 + h + 0.05),
                arrowprops={"arrowstyle": "-|>", "color": "#333333"})
    # What the provider says about the service shapes what customers expect of it.
    x_up, y_expected = 9.3, centre["verwacht"][1]
    ax.plot([x_up, x_up, centre["verwacht"][0] + w / 2 + 0.4], [4.1 + h + 0.05, y_expected, y_expected],
            color="#333333", linewidth=1.2)
    ax.annotate("", xy=(centre["verwacht"][0] + w / 2 + 0.05, y_expected),
                xytext=(centre["verwacht"][0] + w / 2 + 0.4, y_expected),
                arrowprops={"arrowstyle": "-|>", "color": "#333333", "linewidth": 1.2})
    # Gap 1 runs from the customers' expectations to management's picture of them.
    left, x_line = 3.55, 2.3
    y_top, y_bottom = centre["verwacht"][1], centre["beeld"][1]
    ax.plot([left, x_line, x_line, left], [y_top, y_top, y_bottom, y_bottom], color="#333333",
            linestyle="--", linewidth=1)
    for y in (y_top, y_bottom):
        ax.annotate("", xy=(left, y), xytext=(left - 0.3, y), arrowprops={"arrowstyle": "-|>", "color": "#333333"})
    ax.text(x_line - 0.15, (y_top + y_bottom) / 2, "Gap 1", color=text_colour(PALETTE[5]), fontweight="bold",
            fontsize="small", ha="right", va="center")
    ax.axhline(5.55, xmin=0.02, xmax=0.98, color="#777777", linewidth=1, linestyle=":")
    ax.text(0.1, 5.65, "klant", ha="left", va="bottom", fontsize="small", style="italic")
    ax.text(0.1, 5.45, "aanbieder", ha="left", va="top", fontsize="small", style="italic")
    ax.set_title("Het gapmodel (Parasuraman, Zeithaml & Berry, 1985)")
    from klantlib.plotting import describe

    describe(ax, "Het gapmodel (Parasuraman, Zeithaml & Berry, 1985): boven de lijn de klant (verwachte en "
             "ervaren dienst), eronder de aanbieder (wat het management denkt dat de klant verwacht, de "
             "normen, de geleverde dienst, de externe communicatie). Gap 1 tot 4 liggen bij de aanbieder; "
             "gap 5, tussen verwachte en ervaren dienst, meet SERVQUAL.")
    return ax


def servqual_widget(survey: pd.DataFrame | None = None, *, folder=DEFAULT_FOLDER, name: str = "servqual",
                    scale: int = 7):
    """The SERVQUAL questionnaire as a widget: 22 expectations, 22 perceptions, 100 points.

    The questionnaire itself is :class:`klantlib.views.survey.QuestionnaireForm`
    (answers saved to ``<folder>/<name>.json`` as they are given and restored the
    next time, even after a kernel restart; CSV export). Each change scores the
    answers (:func:`klantlib.servqual.own_scores`, :func:`klantlib.servqual.own_score`)
    and redraws one figure beside the averages of ``survey`` (if given).

    CSS classes for browser tests:

    - ``klant-organisatie``: the text field for the organisation's name;
    - ``klant-E1`` .. ``klant-E22``, ``klant-P1`` .. ``klant-P22``: the answer dropdowns;
    - ``klant-W_tastbaarheden`` .. ``klant-W_inlevingsvermogen``: the points per dimension;
    - ``klant-schaal``: what the ends of the scale mean (:data:`klantlib.servqual.SCALE_ENDS`),
      above the statements on both tabs;
    - ``klant-punten-rest``: the remaining-points message;
    - ``klant-uitkomst``: the score sentence under the figure; ``klant-figuur``: the figure output;
    - ``klant-export``: the CSV export button; ``klant-melding``: messages (saving, restoring, export).
    """
    import ipywidgets as widgets

    from klantlib.formatting import number
    from klantlib.views._widgets import FigureArea
    from klantlib.views.survey import QuestionnaireForm

    questionnaire = QUESTIONNAIRE.with_scale(scale)
    reference = summary(survey, scale=scale, errors="warn") if survey is not None else None
    outcome = widgets.HTML()
    outcome.add_class("klant-uitkomst")
    area = FigureArea((7, 4))
    chart = _GapBars(area.ax, own_scores({}, reference, scale=scale))
    area.redraws(*chart.changing)

    def redraw():
        answers = form.item_answers()
        scores = own_scores(answers, reference, scale=scale)
        org = form.answers().get("organisatie") or "jouw organisatie"
        chart.update(scores, title=f"Gap per dimensie: {org}", label=org)
        unweighted, weighted = own_score(answers, scale=scale)
        answered = scores.attrs["beantwoord"]
        if answered == 0:
            outcome.value = "Vul verwachtingen én percepties in; dan verschijnt hier je SERVQUAL-score."
        else:
            w_text = (f", gewogen met je punten {number(weighted, 2)}" if not math.isnan(weighted)
                      else " (gewogen score: verdeel eerst precies 100 punten)")
            outcome.value = (f"SERVQUAL-score van {org}: ongewogen <b>{number(unweighted, 2)}</b>{w_text}; "
                             f"op {answered} van de 22 items.")
        area.show()

    form = QuestionnaireForm(questionnaire, folder=folder, name=name, fields={"organisatie": "Organisatie"},
                             after=redraw)
    form.fields[0].placeholder = "bijvoorbeeld: de bibliotheek van mijn hogeschool"
    form.refresh()
    return form.beside(area.output, outcome)
