"""Figures and the interactive matrix of notebook 04 (80/20, RFM, the assessment matrix).

The computing lives in :mod:`klantlib.rfm`; :func:`matrix_state` is the plain
function behind the widget (settings in, groups and counts out), so tests and
benchmarks call it without a browser. The widget only wires controls to it and
redraws one figure.
"""

from __future__ import annotations

import pandas as pd

from klantlib.rfm import GROUPS, assessment_matrix, relatiesterkte, rendement, rfm_scores, rfm_table

__all__ = ["matrix_figure", "matrix_state", "matrix_widget", "pareto_figure", "score_bars"]

#: The book's strategy per group, in a few words (Meertens & Mulders, §1.3; Schijns, 2000).
STRATEGY = {
    "Partners": "koesteren",
    "Vrienden": "laten groeien",
    "Economici": "relatie aftasten",
    "Dogs": "niet investeren",
}


def pareto_figure(table: pd.DataFrame, ax=None, *, top: float = 0.2):
    """The Pareto curve of :func:`klantlib.rfm.pareto_table`, with the top share marked; returns the axes."""
    import matplotlib.pyplot as plt

    from klantlib.formatting import percent
    from klantlib.plotting import PALETTE, decorate, percent_axis

    if ax is None:
        _, ax = plt.subplots()
    x = pd.concat([pd.Series([0.0]), table["aandeel_klanten"]]).to_numpy()
    y = pd.concat([pd.Series([0.0]), table["aandeel_omzet"]]).to_numpy()
    ax.plot(x, y, color=PALETTE[0], linewidth=2.5, label="Trapper: klanten van hoog naar laag")
    ax.plot([0, 1], [0, 1], color="#999999", linestyle="--", label="als elke klant evenveel opleverde")
    k = max(1, int(top * len(table) + 0.5))
    share = float(table["aandeel_omzet"].iloc[k - 1])
    ax.plot([top, top, 0], [0, share, share], color=PALETTE[5], linestyle=":")
    ax.annotate(f"de beste {percent(top, 0)} van de klanten\nbrengt {percent(share, 0)} van de omzet",
                xy=(top, share), xytext=(top + 0.08, share - 0.22), arrowprops={"arrowstyle": "->"})
    percent_axis(ax, "x")
    percent_axis(ax, "y")
    decorate(ax, title="Pareto-curve: aandeel van de omzet", xlabel="aandeel van de klanten (beste eerst)",
             ylabel="aandeel van de netto omzet", xlim=(0, 1), ylim=(0, 1.02))
    ax.legend(loc="lower right")
    return ax


def score_bars(scores: pd.DataFrame, axes=None):
    """Three small bar charts: how many customers got each R, F and M score; returns the axes."""
    import matplotlib.pyplot as plt

    from klantlib.plotting import PALETTE, decorate, number_axis

    bins = scores.attrs.get("bins", int(scores[["R", "F", "M"]].max().max()))
    if axes is None:
        _, axes = plt.subplots(1, 3, figsize=(11, 3.4), sharey=True)
    names = {"R": "Recency", "F": "Frequency", "M": "Monetary"}
    for ax, (column, name) in zip(axes, names.items()):
        counts = scores[column].value_counts().reindex(range(1, bins + 1), fill_value=0)
        ax.bar(counts.index, counts.to_numpy(), color=PALETTE[0])
        ax.set_xticks(range(1, bins + 1))
        number_axis(ax, "y")
        decorate(ax, title=f"{column}-score ({name})", xlabel="score (hoger = beter)")
    axes[0].set_ylabel("aantal klanten")
    return axes


def matrix_figure(matrix: pd.DataFrame, ax=None, *, title: str | None = None):
    """The assessment matrix as a scatter with quadrant lines and the count per group; returns the axes."""
    import matplotlib.pyplot as plt

    from klantlib.formatting import number
    from klantlib.plotting import GROUP_COLORS, decorate

    if ax is None:
        _, ax = plt.subplots(figsize=(8, 6.5))
    ax.clear()
    x_cut, y_cut = matrix.attrs.get("cut", (50.0, 50.0))
    placed = matrix.dropna(subset=["groep"])
    for group in GROUPS:
        part = placed[placed["groep"] == group]
        ax.scatter(part["rendement"], part["relatiesterkte"], s=16, alpha=0.7, color=GROUP_COLORS[group],
                   label=f"{group}: {number(len(part))}", edgecolors="none")
    ax.axvline(x_cut, color="#333333", linewidth=1)
    ax.axhline(y_cut, color="#333333", linewidth=1)
    corners = {"Partners": (99, 99, "right", "top"), "Vrienden": (1, 99, "left", "top"),
               "Economici": (99, 1, "right", "bottom"), "Dogs": (1, 1, "left", "bottom")}
    for group, (x, y, ha, va) in corners.items():
        ax.text(x, y, f"{group}\n({STRATEGY[group]})", ha=ha, va=va, fontweight="bold", color=GROUP_COLORS[group],
                fontsize="small", bbox={"facecolor": "white", "alpha": 0.8, "edgecolor": "none"})
    decorate(ax, title=title or "Klantenmatrix (Schijns, 2000)", xlabel="rendement (uit RFM, 0-100)",
             ylabel="relatiesterkte (uit de enquête, 0-100)", xlim=(-2, 102), ylim=(-2, 102))
    ax.legend(loc="center left", bbox_to_anchor=(1.01, 0.5), title="aantal klanten")
    return ax


def matrix_state(transactions: pd.DataFrame, survey_scores: pd.Series, *, reference_date="2026-01-01",
                 bins: int = 5, cut=(50, 50), order: str | None = "order_id") -> tuple[pd.DataFrame, pd.Series]:
    """Everything the interactive matrix shows, for one setting: (matrix, counts per group).

    ``survey_scores`` is :func:`klantlib.rfm.relatiesterkte` of the survey (computed once);
    only the surveyed customers are placed. Transactions after ``reference_date`` fall
    outside the period (quietly here: the notebook explains it before the widget).
    """
    import warnings

    from klantlib.errors import KlantDataWarning

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", KlantDataWarning)
        table = rfm_table(transactions, reference_date=reference_date, order=order)
        score = rendement(rfm_scores(table, bins=bins), bins=bins)
        matrix = assessment_matrix(score.reindex(survey_scores.index), survey_scores, cut=cut)
    counts = matrix["groep"].value_counts().reindex(list(GROUPS), fill_value=0)
    return matrix, counts


def matrix_widget(transactions: pd.DataFrame, survey: pd.DataFrame):
    """Sliders for the cut on each axis, the reference date and the number of score groups.

    The scatter and the count per group follow at once. CSS classes for browser tests:
    ``klant-cut-x`` and ``klant-cut-y`` (the cut-offs), ``klant-peildatum`` (reference
    date), ``klant-bins`` (number of score groups), ``klant-telling`` (the counts under
    the figure), ``klant-figuur`` (the figure output).
    """
    import ipywidgets as widgets
    import matplotlib.pyplot as plt
    from IPython.display import display

    from klantlib.formatting import number

    strength = relatiesterkte(survey)  # once: only the buying side depends on the settings
    months = pd.date_range("2025-01-01", "2026-01-01", freq="MS")
    wide = {"description_width": "initial"}
    cut_x = widgets.IntSlider(value=50, min=10, max=90, step=5, description="Grens rendement", style=wide)
    cut_y = widgets.IntSlider(value=50, min=10, max=90, step=5, description="Grens relatiesterkte", style=wide)
    reference = widgets.SelectionSlider(options=[(f"{m:%d-%m-%Y}", m) for m in months], value=months[-1],
                                        description="Peildatum", style=wide, layout=widgets.Layout(width="420px"))
    bins = widgets.IntSlider(value=5, min=2, max=9, description="Aantal scoregroepen", style=wide)
    for control, css in ((cut_x, "klant-cut-x"), (cut_y, "klant-cut-y"), (reference, "klant-peildatum"),
                         (bins, "klant-bins")):
        control.add_class(css)
    counts_html = widgets.HTML()
    counts_html.add_class("klant-telling")
    out = widgets.Output()
    out.add_class("klant-figuur")
    with plt.ioff():
        fig, ax = plt.subplots(figsize=(8.5, 6))
        fig.subplots_adjust(right=0.75)

    def update(change=None):
        matrix, counts = matrix_state(transactions, strength, reference_date=reference.value, bins=bins.value,
                                      cut=(cut_x.value, cut_y.value))
        matrix_figure(matrix, ax, title=f"Klantenmatrix op {reference.value:%d-%m-%Y}")
        counts_html.value = " · ".join(f"<b>{group}</b>: {number(n)}" for group, n in counts.items())
        with out:
            out.clear_output(wait=True)
            display(fig)

    for control in (cut_x, cut_y, reference, bins):
        control.observe(update, names="value")
    update()
    return widgets.VBox([widgets.HBox([widgets.VBox([cut_x, cut_y]), widgets.VBox([reference, bins])]), out,
                         counts_html])
