"""Figures and the interactive matrix of notebook 04 (80/20, RFM, the assessment matrix).

The computing lives in :mod:`klantlib.rfm`; :func:`matrix_state` is the plain
function behind the widget (settings in, groups and counts out), so tests and
benchmarks call it without a browser. The widget only wires controls to it and
updates one figure in place.

Every plot helper draws on ``ax`` (or makes a figure of ``figsize``, by default
a size that grows in presentation mode), passes its keyword arguments to its
main plotting call and only fills in defaults, and returns the axes.
"""

from __future__ import annotations

import pandas as pd

from klantlib.rfm import (
    GROUPS,
    STRATEGY,
    UNPLACED,
    assessment_matrix,
    customer_rendement,
    group_counts,
    relatiesterkte,
    score_counts,
    top_share,
)

__all__ = ["AREA_PER_CUSTOMER", "GROUP_COLORS", "matrix_figure", "matrix_state", "matrix_widget",
           "pareto_figure", "score_bars"]

#: One fixed colour per group of the customer relations assessment matrix (Schijns, 2000).
GROUP_COLORS = {
    "Partners": "#009E73",
    "Vrienden": "#56B4E9",
    "Economici": "#E69F00",
    "Dogs": "#999999",
}


def _new_axes(ax, figsize, default_size):
    import matplotlib.pyplot as plt

    from klantlib.plotting import figure_size

    if ax is None:
        _, ax = plt.subplots(figsize=figsize or figure_size(default_size))
    return ax


def pareto_figure(table: pd.DataFrame, ax=None, *, top: float = 0.2, figsize=None, **kwargs):
    """The Pareto curve of :func:`klantlib.rfm.pareto_table`, with the top share marked; returns the axes.

    The share of the best ``top`` customers is :func:`klantlib.rfm.top_share`.
    Keyword arguments go to the curve's ``ax.plot`` (``color``, ``linewidth``, ``label`` ...).
    """
    from matplotlib.lines import Line2D

    from klantlib.formatting import percent
    from klantlib.plotting import PALETTE, decorate, percent_axis, underride

    ax = _new_axes(ax, figsize, (8, 4.5))
    x = pd.concat([pd.Series([0.0]), table["aandeel_klanten"]]).to_numpy()
    y = pd.concat([pd.Series([0.0]), table["aandeel_omzet"]]).to_numpy()
    ax.plot(x, y, **underride(kwargs, Line2D, color=PALETTE[0], linewidth=2.5,
                              label="Trapper: klanten van hoog naar laag"))
    ax.plot([0, 1], [0, 1], color="#999999", linestyle="--", label="als elke klant evenveel opleverde")
    share = top_share(table["waarde"], top=top)
    ax.plot([top, top, 0], [0, share, share], color=PALETTE[5], linestyle=":")
    ax.annotate(f"de beste {percent(top, 0)} van de klanten\nbrengt {percent(share, 0)} van de omzet",
                xy=(top, share), xytext=(top + 0.08, share - 0.22), arrowprops={"arrowstyle": "->"})
    percent_axis(ax, "x")
    percent_axis(ax, "y")
    decorate(ax, title="Pareto-curve: aandeel van de omzet", xlabel="aandeel van de klanten (beste eerst)",
             ylabel="aandeel van de netto omzet", xlim=(0, 1), ylim=(0, 1.02))
    ax.legend(loc="lower right")
    return ax


def score_bars(scores: pd.DataFrame, axes=None, *, figsize=None, **kwargs):
    """Three small bar charts: how many customers got each R, F and M score; returns the axes.

    The counts are :func:`klantlib.rfm.score_counts`. Keyword arguments go to each
    ``ax.bar`` (``color``, ``width`` ...).
    """
    import matplotlib.pyplot as plt
    from matplotlib.patches import Patch

    from klantlib.plotting import PALETTE, decorate, figure_size, number_axis, underride

    counts = score_counts(scores)
    if axes is None:
        _, axes = plt.subplots(1, 3, figsize=figsize or figure_size((11, 3.4)), sharey=True)
    names = {"R": "Recency", "F": "Frequency", "M": "Monetary"}
    for ax, (column, name) in zip(axes, names.items()):
        ax.bar(counts.index, counts[column].to_numpy(), **underride(kwargs, Patch, color=PALETTE[0]))
        ax.set_xticks(counts.index)
        number_axis(ax, "y")
        decorate(ax, title=f"{column}-score ({name})", xlabel="score (hoger = beter)")
    axes[0].set_ylabel("aantal klanten")
    return axes


#: Where each group's name and strategy stand in the matrix: x, y, alignment. They stand above 100 and
#: below 0, outside the scores, so they hide no bubble.
_CORNERS = {"Partners": (102, 115, "right", "top"), "Vrienden": (-2, 115, "left", "top"),
            "Economici": (102, -13, "right", "bottom"), "Dogs": (-2, -13, "left", "bottom")}

#: Bubble area (points²) per customer on a spot: one scale for every setting, so the size legend stays true.
AREA_PER_CUSTOMER = 20
#: The counts the size legend shows.
_SIZE_LEGEND = (1, 5, 10, 20)


def _group_label(group: str, count: int) -> str:
    from klantlib.formatting import number

    return f"{group}: {number(count)}"


class _MatrixPlot:
    """The matrix as drawn by :func:`matrix_figure`; :meth:`update` moves bubbles, lines and counts in place.

    Each group is one scatter with a bubble per spot (rendement, relatiesterkte)
    and an area proportional to the number of customers on that spot
    (:func:`klantlib.rfm.customers_per_point`); the legend counts each group
    (:func:`klantlib.rfm.group_counts`). A caller's ``s`` (a fixed size) turns
    that off, and with it the size legend. ``changing`` lists the artists
    :meth:`update` changes.
    """

    def __init__(self, ax, matrix: pd.DataFrame, *, title: str | None = None, **kwargs):
        from matplotlib.collections import PathCollection
        from matplotlib.lines import Line2D

        from klantlib.plotting import decorate, text_colour, underride

        self.ax = ax
        self.fixed_size = "s" in kwargs or "sizes" in kwargs
        self.points = {}
        for group in GROUPS:
            options = underride(kwargs, PathCollection, alpha=0.6, color=GROUP_COLORS[group],
                                edgecolors="white", linewidths=0.5)
            self.points[group] = ax.scatter([], [], **options)
        self.x_line = ax.axvline(50, color="#333333", linewidth=1)
        self.y_line = ax.axhline(50, color="#333333", linewidth=1)
        # What never changes stands below the bubbles (zorder 0.9; it overlaps none of them), so a
        # widget draws it once as part of the background instead of on every update.
        static = 0.9
        for group, (x, y, ha, va) in _CORNERS.items():
            ax.text(x, y, f"{group}\n({STRATEGY[group]})", ha=ha, va=va, fontweight="bold",
                    color=text_colour(GROUP_COLORS[group]), fontsize="small", zorder=static,
                    bbox={"facecolor": "white", "alpha": 0.8, "edgecolor": "none"})
        decorate(ax, xlabel="rendement (uit RFM, 0-100)", ylabel="relatiesterkte (uit de enquête, 0-100)",
                 xlim=(-4, 104), ylim=(-16, 118), yticks=range(0, 101, 20))
        marker = kwargs.get("marker", "o")
        handles = [Line2D([], [], linestyle="", marker=marker, markersize=8, color=GROUP_COLORS[group],
                          alpha=0.8) for group in GROUPS]
        if not self.fixed_size:
            sizes = [Line2D([], [], linestyle="", marker=marker, color="#777777", alpha=0.6,
                            markersize=(AREA_PER_CUSTOMER * n) ** 0.5) for n in _SIZE_LEGEND]
            self.size_legend = ax.legend(sizes, [str(n) for n in _SIZE_LEGEND], loc="lower left",
                                         bbox_to_anchor=(1.01, 0.0), title="aantal klanten\nop één plek",
                                         labelspacing=1.3, borderpad=0.8)
            self.size_legend.set_zorder(static)
            ax.add_artist(self.size_legend)
        self.legend = ax.legend(handles, list(GROUPS), loc="upper left", bbox_to_anchor=(1.01, 1.0),
                                title="aantal klanten\nper groep")
        self.title = ax.set_title("")
        self.changing = [*self.points.values(), self.x_line, self.y_line, self.legend, self.title]
        self.update(matrix, title=title)

    def update(self, matrix: pd.DataFrame, *, title: str | None = None) -> None:
        from klantlib.rfm import customers_per_point

        x_cut, y_cut = matrix.attrs.get("cut", (50.0, 50.0))
        spots = customers_per_point(matrix)
        totals = group_counts(matrix)
        for (group, points), text in zip(self.points.items(), self.legend.get_texts()):
            part = spots[spots["groep"] == group]
            points.set_offsets(part[["rendement", "relatiesterkte"]].to_numpy().reshape(-1, 2))
            if not self.fixed_size:
                points.set_sizes(AREA_PER_CUSTOMER * part["klanten"].to_numpy())
            points.set_label(_group_label(group, int(totals[group])))
            text.set_text(points.get_label())
        self.x_line.set_xdata([x_cut, x_cut])
        self.y_line.set_ydata([y_cut, y_cut])
        self.title.set_text(title or "Klantenmatrix (Schijns, 2000)")


def matrix_figure(matrix: pd.DataFrame, ax=None, *, title: str | None = None, figsize=None, **kwargs):
    """The assessment matrix: a bubble per spot, its area the number of customers there; returns the axes.

    ``matrix`` is :func:`klantlib.rfm.assessment_matrix` (its cut-offs are drawn).
    Many customers share a spot, so equal dots would hide where most of them are:
    a bubble's area is :data:`AREA_PER_CUSTOMER` points² per customer
    (:func:`klantlib.rfm.customers_per_point`), with a size legend ("aantal
    klanten") and the count per group in the group legend. Keyword arguments go to
    each group's ``ax.scatter`` (``alpha``, ``marker`` ...); a fixed ``s`` gives
    every bubble that size and drops the size legend.
    """
    ax = _new_axes(ax, figsize, (8, 6.5))
    _MatrixPlot(ax, matrix, title=title, **kwargs)
    return ax


#: The widget's words for a count that is no group.
_COUNT_LABELS = {UNPLACED: "zonder groep (nog geen aankoop op de peildatum)"}


def _place(score: pd.Series, survey_scores: pd.Series, cut) -> tuple[pd.DataFrame, pd.Series]:
    # Surveyed customers without a purchase before the reference date get no group: not a warning on
    # every move of a slider, but a number in the counts (group_counts' "zonder groep").
    matrix = assessment_matrix(score.reindex(survey_scores.index), survey_scores, cut=cut, errors="coerce")
    return matrix, group_counts(matrix)


def matrix_state(transactions: pd.DataFrame, survey_scores: pd.Series, *, reference_date="2026-01-01",
                 bins: int = 5, cut=(50, 50), order: str | None = "order_id") -> tuple[pd.DataFrame, pd.Series]:
    """Everything the interactive matrix shows, for one setting: (matrix, counts per group).

    ``survey_scores`` is :func:`klantlib.rfm.relatiesterkte` of the survey (computed once);
    only the surveyed customers are placed. Rendement is :func:`klantlib.rfm.customer_rendement`
    (transactions after ``reference_date`` fall outside the period; the widget shows the date),
    the counts :func:`klantlib.rfm.group_counts`: per group, and ``"zonder groep"`` for the
    surveyed customers without a purchase before the reference date.
    """
    score = customer_rendement(transactions, reference_date=reference_date, bins=bins, order=order)
    return _place(score, survey_scores, cut)


def matrix_widget(transactions: pd.DataFrame, survey: pd.DataFrame):
    """Sliders for the cut on each axis, the reference date and the number of score groups.

    The scatter and the count per group follow at once; surveyed customers who had not
    bought yet on the reference date are counted as "zonder groep". CSS classes for browser tests:
    ``klant-cut-x`` and ``klant-cut-y`` (the cut-offs), ``klant-peildatum`` (reference
    date), ``klant-bins`` (number of score groups), ``klant-telling`` (the counts under
    the figure), ``klant-figuur`` (the figure output).
    """
    import ipywidgets as widgets

    from klantlib.formatting import number
    from klantlib.views._widgets import FigureArea, redraw_on_change, with_class
    from klantlib.views.controls import int_slider, selection_slider

    strength = relatiesterkte(survey)  # once: only the buying side depends on the settings
    months = pd.date_range("2025-01-01", "2026-01-01", freq="MS")
    room = {"layout": widgets.Layout(width="420px")}  # the long descriptions leave the track room to move in
    cut_x = with_class(int_slider(value=50, min=10, max=90, step=5, description="Grens rendement", **room),
                       "klant-cut-x")
    cut_y = with_class(int_slider(value=50, min=10, max=90, step=5, description="Grens relatiesterkte", **room),
                       "klant-cut-y")
    reference = with_class(selection_slider([(f"{m:%d-%m-%Y}", m) for m in months], value=months[-1],
                                            description="Peildatum", **room), "klant-peildatum")
    bins = with_class(int_slider(value=5, min=2, max=9, description="Aantal scoregroepen", **room), "klant-bins")
    counts_html = with_class(widgets.HTML(), "klant-telling")
    area = FigureArea((8.5, 6))
    scores = {}  # rendement per (reference date, bins): moving a cut-off only regroups

    def state():
        key = (reference.value, bins.value)
        if key not in scores:
            scores[key] = customer_rendement(transactions, reference_date=reference.value, bins=bins.value)
        return _place(scores[key], strength, (cut_x.value, cut_y.value))

    matrix, _ = state()
    plot = _MatrixPlot(area.ax, matrix)
    area.redraws(*plot.changing)

    def update():
        matrix, counts = state()
        plot.update(matrix, title=f"Klantenmatrix op {reference.value:%d-%m-%Y}")
        shown = [(_COUNT_LABELS.get(group, group), n) for group, n in counts.items() if group != UNPLACED or n]
        counts_html.value = " · ".join(f"<b>{label}</b>: {number(n)}" for label, n in shown)
        area.show()

    redraw_on_change(update, cut_x, cut_y, reference, bins)
    return widgets.VBox([widgets.HBox([widgets.VBox([cut_x, cut_y]), widgets.VBox([reference, bins])]),
                         area.output, counts_html])
