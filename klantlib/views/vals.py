"""Figures and the questionnaire widget for segmentation and VALS (notebook 03).

- :func:`population_bars`: the population figures of both sources side by side:
  the book's category shares beside Mitchell's per-type shares summed per category,
  and Mitchell's nine types.
- :func:`comparison_bars`: a sample's shares beside the expected shares
  (:func:`klantlib.vals.compare_with_population`).
- :func:`profile_heatmap`: a crosstab of a variable against type as a heatmap
  (:func:`klantlib.vals.segment_profile`).
- :func:`score_bars`: one respondent's score per type, the winner marked.
- :func:`vals_widget`: answer the 18 statements and see your type and scores;
  the answers are saved as they are given (:class:`klantlib.answers.AnswerStore`,
  as the SERVQUAL questionnaire does). Its update logic, :func:`widget_result`,
  is a plain function that gets every number from :mod:`klantlib.vals`.

Every plot helper draws on ``ax`` (or makes a figure of ``figsize``, by default
a size that grows in presentation mode), passes its keyword arguments to its
main plotting call and only fills in defaults, and returns the axes.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from klantlib.answers import DEFAULT_FOLDER
from klantlib.vals import (
    CATEGORIES,
    MITCHELL_PER_CATEGORY,
    QUESTIONNAIRE,
    REFERENCES,
    SCALE,
    TYPES,
    own_type,
)

__all__ = [
    "CATEGORY_COLOURS",
    "comparison_bars",
    "population_bars",
    "profile_heatmap",
    "score_bars",
    "vals_widget",
    "valid_answer",
    "widget_result",
]


def _colours() -> dict[str, str]:
    from klantlib.plotting import PALETTE

    return {"need-driven": PALETTE[1], "outer-directed": PALETTE[0], "inner-directed": PALETTE[2]}


#: One colour per main category (Okabe & Ito), used in every figure of notebook 03.
CATEGORY_COLOURS = _colours()
#: One hatch per main category beside its colour, so the category is not told by colour alone.
CATEGORY_HATCHES = {"need-driven": "..", "outer-directed": "", "inner-directed": "xx"}


def _type_bars(kwargs) -> dict:
    """Colour and hatch of the bars of the nine types (in the order of ``TYPES``), under the caller's options."""
    from matplotlib.patches import Patch

    from klantlib.plotting import underride

    options = underride(kwargs, Patch, color=[CATEGORY_COLOURS[c] for c in TYPES["categorie"]],
                        edgecolor="white")
    if "hatch" not in options:
        options["hatch"] = [CATEGORY_HATCHES[c] for c in TYPES["categorie"]]
    return options


def _category_legend(ax, *, short: bool = False, **kwargs):
    from matplotlib.patches import Patch

    handles = [Patch(facecolor=CATEGORY_COLOURS[c], edgecolor="white", hatch=CATEGORY_HATCHES[c],
                     label=c if short else f"{c} ({CATEGORIES.at[c, 'nederlands']})")
               for c in CATEGORIES.index]
    return ax.legend(handles=handles, **{"fontsize": "small", "loc": "lower right", **kwargs})


def population_bars(axes=None, *, figsize=None, **kwargs):
    """The population figures of VALS by source, in two panels; returns the two axes.

    Left: per main category the book's share beside Mitchell's (1983) per-type
    shares summed per category (the integrated type counted as inner-directed, as
    the book places it): they are not the same distribution. Right: Mitchell's
    nine types, coloured by category. Keyword arguments go to ``ax.barh``.
    """
    import matplotlib.pyplot as plt
    from matplotlib.patches import Patch

    from klantlib.plotting import decorate, figure_size, underride

    if axes is None:
        _, axes = plt.subplots(1, 2, figsize=figsize or figure_size((11, 4.5)),
                               gridspec_kw={"width_ratios": [1, 1.3]})
    left, right = axes
    book = REFERENCES["boek"].aandelen
    mitchell = MITCHELL_PER_CATEGORY.reindex(book.index)
    y = np.arange(len(book))[::-1].astype(float)
    colours = [CATEGORY_COLOURS[c] for c in book.index]
    left.barh(y + 0.2, book.to_numpy(), 0.38, **underride(kwargs, Patch, color=colours, label="boek"))
    left.barh(y - 0.2, mitchell.to_numpy(), 0.38,
              **underride(kwargs, Patch, color=colours, alpha=0.45, hatch="//", label="Mitchell, opgeteld"))
    for yy, b, m in zip(y, book, mitchell):
        left.text(b + 1, yy + 0.2, f"{b:g}%", va="center", fontsize="small")
        left.text(m + 1, yy - 0.2, f"{m:g}%", va="center", fontsize="small")
    left.set_yticks(y, [f"{c}\n({CATEGORIES.at[c, 'nederlands']})" for c in book.index])
    left.set_xlim(0, 100)
    decorate(left, title="Per hoofdcategorie", xlabel="aandeel van de bevolking (%)", ylabel="hoofdcategorie")
    left.legend(handles=[Patch(facecolor="#777777", label="het boek"),
                         Patch(facecolor="#777777", alpha=0.45, hatch="//",
                               label=f"{REFERENCES['mitchell'].kort}, opgeteld")],
                fontsize="small", loc="upper center", bbox_to_anchor=(0.4, -0.2), ncol=2, frameon=False)

    shares = TYPES["aandeel_mitchell"]
    yt = np.arange(len(shares))[::-1].astype(float)
    right.barh(yt, shares.to_numpy(), 0.7, **_type_bars(kwargs))
    for yy, value in zip(yt, shares):
        right.text(value + 0.6, yy, f"{value:g}%", va="center", fontsize="small")
    right.set_yticks(yt, [f"{t} ({e})" for t, e in zip(TYPES.index, TYPES["engels"])])
    right.set_xlim(0, 60)
    decorate(right, title=f"Per type: {REFERENCES['mitchell'].kort}", xlabel="aandeel van de bevolking (%)",
             ylabel="VALS-type")
    _category_legend(right, short=True)
    return axes


def comparison_bars(comparison, ax=None, *, title: str | None = None, figsize=None, **kwargs):
    """A sample's share per category (or type) beside the expected share of the population.

    ``comparison`` is :func:`klantlib.vals.compare_with_population`. Keyword
    arguments go to both sets of bars' ``ax.barh``. Returns the axes.
    """
    import matplotlib.pyplot as plt
    from matplotlib.patches import Patch

    from klantlib.plotting import PALETTE, decorate, figure_size, percent_axis, underride

    table = comparison.tabel
    if ax is None:
        _, ax = plt.subplots(figsize=figsize or figure_size((8, 1.9 + 0.45 * len(table))))
    y = np.arange(len(table))[::-1].astype(float)
    ax.barh(y + 0.2, table["aandeel"].to_numpy(), 0.38,
            **underride(kwargs, Patch, color=PALETTE[0], label="steekproef"))
    ax.barh(y - 0.2, table["verwacht_aandeel"].to_numpy(), 0.38,
            **underride(kwargs, Patch, color="#AAAAAA", hatch="//", edgecolor="white",
                        label="bevolking (verwacht)"))
    ax.set_yticks(y, list(table.index))
    percent_axis(ax, "x")
    decorate(ax, title=title or "Steekproef en bevolking: aandeel per groep", xlabel="aandeel",
             ylabel=table.index.name or "groep")
    ax.legend(fontsize="small", loc="upper left", bbox_to_anchor=(1.01, 1.0), frameon=False)
    return ax


def profile_heatmap(profile, ax=None, *, title: str | None = None, figsize=None, **kwargs):
    """The shares of :func:`klantlib.vals.segment_profile` as a heatmap, each cell labelled in percent.

    Rows are the groups of the variable, columns the types; a row adds up to 100%.
    Rows that look alike mean the variable says little about the type. Keyword
    arguments go to ``ax.pcolormesh`` (``cmap``, ``vmax`` ...). Returns the axes.
    """
    import matplotlib.pyplot as plt

    from klantlib.formatting import percent
    from klantlib.plotting import figure_size, underride

    shares = profile.aandelen
    if ax is None:
        _, ax = plt.subplots(figsize=figsize or figure_size((10, 1.6 + 0.55 * len(shares))))
    ax.grid(False)
    # One coloured square per cell (pcolormesh), not a picture (imshow): imshow resamples to the
    # figure's pixels in floating point, some 10 MiB more in a student's kernel for a 4 x 9 table.
    image = ax.pcolormesh(shares.to_numpy(dtype=float), **underride(kwargs, cmap="Blues", vmin=0))
    ax.invert_yaxis()  # the first group on top, as in the table
    high = float(np.nanmax(shares.to_numpy(dtype=float))) if shares.size else 1.0
    for (i, j), value in np.ndenumerate(shares.to_numpy(dtype=float)):
        ax.text(j + 0.5, i + 0.5, percent(value, 0), ha="center", va="center", fontsize="small",
                color="white" if value > 0.6 * high else "black")
    ax.set_xticks(np.arange(shares.shape[1]) + 0.5, list(shares.columns), rotation=30, ha="right")
    ax.set_yticks(np.arange(shares.shape[0]) + 0.5, [str(g) for g in shares.index])
    ax.set_ylabel(shares.index.name or "groep")
    ax.set_xlabel("VALS-type")
    ax.set_title(title or f"Type per groep ({shares.index.name}); een rij telt op tot 100%")
    ax.figure.colorbar(image, ax=ax, fraction=0.03, pad=0.02,
                       format=plt.FuncFormatter(lambda x, _pos: percent(x, 0)))
    return ax


class _ScoreBars:
    """The bars of :func:`score_bars`; :meth:`update` changes them in place (for the widget)."""

    def __init__(self, ax, scores: pd.Series, winner: str | None = None, *, title: str | None = None,
                 mark: str = "◀ type", **kwargs):
        from klantlib.plotting import decorate

        self.ax = ax
        self.mark = mark
        y = np.arange(len(TYPES))[::-1].astype(float)
        # A score runs from 1 to SCALE, so the bars start at 1: a bar's length is how far above the lowest answer.
        self.bars = ax.barh(y, np.zeros(len(y)), 0.7, left=1, **_type_bars(kwargs))
        self.values = [ax.text(1, yy, "", va="center", fontsize="small") for yy in y]
        ax.set_yticks(y, list(TYPES.index))
        ax.set_xlim(1, SCALE + 1.9)  # room for the mark
        ax.set_xticks(range(1, SCALE + 1))
        decorate(ax, xlabel=f"score: gemiddelde van de twee stellingen (1-{SCALE})", ylabel="VALS-type")
        _category_legend(ax, short=True, loc="upper center", bbox_to_anchor=(0.45, -0.2), ncol=3, frameon=False)
        self.title = ax.set_title("")
        self.changing = [*self.bars, *self.values, self.title]
        self.update(scores, winner, title=title)

    def update(self, scores: pd.Series, winner: str | None = None, *, title: str | None = None) -> None:
        from klantlib.formatting import number

        scores = scores.reindex(TYPES.index)
        for bar, text, (kind, value) in zip(self.bars, self.values, scores.items()):
            empty = value is None or math.isnan(value)
            bar.set_width(0.0 if empty else value - 1)
            bar.set_edgecolor("black" if kind == winner else "none")
            bar.set_linewidth(2.0 if kind == winner else 0.0)
            text.set_x(1.05 if empty else value + 0.08)
            text.set_text("–" if empty else number(value, 1) + (f"  {self.mark}" if kind == winner else ""))
            text.set_fontweight("bold" if kind == winner else "normal")
        self.title.set_text(title or "Score per type")


def score_bars(scores: pd.Series, winner: str | None = None, ax=None, *, title: str | None = None,
               mark: str = "◀ type", figsize=None, **kwargs):
    """One respondent's score per type (:func:`klantlib.vals.classify`), the type ``winner`` outlined.

    The axis runs from 1, the lowest answer, as the scores do; each bar starts
    there. ``mark`` is written after the winner's score.
    Keyword arguments go to ``ax.barh``. Returns the axes.
    """
    import matplotlib.pyplot as plt

    from klantlib.plotting import figure_size

    if ax is None:
        _, ax = plt.subplots(figsize=figsize or figure_size((7, 4.5)))
    _ScoreBars(ax, scores, winner, title=title, mark=mark, **kwargs)
    return ax


def valid_answer(key: str, value) -> bool:
    """Whether a saved answer fits the questionnaire: :meth:`klantlib.survey.Questionnaire.is_answer`.

    >>> valid_answer("S01", 5), valid_answer("S01", 6), valid_answer("S19", 3), valid_answer("S02", True)
    (True, False, False, False)
    """
    return QUESTIONNAIRE.is_answer(key, value)


#: The widget's update logic, now in the model: :func:`klantlib.vals.own_type`.
widget_result = own_type


def vals_widget(*, folder=DEFAULT_FOLDER, name: str = "vals"):
    """The course's lifestyle questionnaire as a widget: 18 statements, your type and your scores.

    The questionnaire itself is :class:`klantlib.views.survey.QuestionnaireForm`
    (answers saved to ``<folder>/<name>.json`` as they are given and restored the
    next time, even after a kernel restart; CSV export). Each change scores the
    answers (:func:`klantlib.vals.own_type`) and redraws the score bars.

    CSS classes for browser tests:

    - ``klant-S01`` .. ``klant-S18``: the answer dropdowns;
    - ``klant-schaal``: what the ends of the scale mean (:data:`klantlib.vals.SCALE_ENDS`);
    - ``klant-vals-type``: the sentence with the type (or what is still to answer);
    - ``klant-figuur``: the figure output; ``klant-export``: the CSV export button;
      ``klant-melding``: messages (saving, restoring, export).
    """
    import ipywidgets as widgets

    from klantlib.views._widgets import FigureArea, with_class
    from klantlib.views.survey import QuestionnaireForm

    outcome = with_class(widgets.HTML(layout=widgets.Layout(width="520px")), "klant-vals-type")
    area = FigureArea((6.5, 4.8))
    scores, kind, _ = own_type({})
    chart = _ScoreBars(area.ax, scores, kind, mark="◀ jouw type")
    area.redraws(*chart.changing)

    def redraw():
        scores, kind, text = own_type(form.item_answers())
        chart.update(scores, kind, title="Jouw score per type" if kind else "Jouw score per type (tot nu toe)")
        outcome.value = text
        area.show()

    form = QuestionnaireForm(QUESTIONNAIRE, folder=folder, name=name, after=redraw, text_width="430px")
    form.refresh()
    return widgets.VBox([widgets.HBox([form.pages, widgets.VBox([area.output, outcome])]), form.footer()])
