"""Figures and the self-scan widget of notebook 07: the benchmark, the mirror, NPS and the ladder.

- :func:`ladder_diagram`: Poiesz & Reinders' ladder, klantvriendelijk < klantgericht < klantgestuurd.
- :func:`scan_plot`: per statement the benchmark's mean and a survey's mean with its
  95% interval (and one respondent's answers).
- :func:`scan_widget`: fill in the benchmark's eleven statements for an organisation
  and see them against the benchmark and a survey (Trapper's employees, the class).
- :func:`mirror_plot`: per statement the self-image and the customers' image, and
  the interval of their difference.
- :func:`nps_bars`: per group the shares of criticasters, passives and promotors, with the NPS.

Every number comes from the models (:mod:`klantlib.centricity`, :mod:`klantlib.nps`);
these functions only draw. Each draws on ``ax`` (or makes a figure of ``figsize``),
passes its keyword arguments to its main plotting call and returns the axes.

In a notebook one line shows the widget::

    scan_widget(load_dataset("benchmark_medewerkers"))
"""

from __future__ import annotations

import html
import textwrap

import numpy as np
import pandas as pd

from klantlib.answers import DEFAULT_FOLDER
from klantlib.centricity import HIGHER, LOWER, benchmark, scan_profile, scan_reading

__all__ = ["ladder_diagram", "mirror_plot", "nps_bars", "scan_plot", "scan_widget"]

#: The ladder of Poiesz & Reinders (2010): each rung and what sets it apart, in the course's words.
LADDER = (
    ("klantvriendelijk", "respectvol en vriendelijk"),
    ("klantgericht", "weet wie de klanten zijn;\nvertrekt vanuit het eigen aanbod"),
    ("klantgestuurd", "levert wat de individuele klant wil;\nlange relatie, vertrouwen"),
)


#: Per NPS group, left to right: its answers, colour and hatch (the hatch carries the meaning without colour).
NPS_STYLE = {"criticasters": ("0-6", "#D55E00", "xx"), "passieven": ("7-8", "#BBBBBB", ""),
             "promotors": ("9-10", "#009E73", "//")}


def _axes(ax, figsize, default):
    from klantlib.plotting import axes_or_new

    return axes_or_new(ax, figsize, default)


def _labels(table: pd.DataFrame, width: int = 48) -> list[str]:
    """``B1 · Onze organisatie is zo ...`` per statement, wrapped for the y axis."""
    return [textwrap.shorten(f"{code} · {text}", width=width, placeholder=" ...") for code, text in
            zip(table.index, table["tekst"])]


def ladder_diagram(ax=None, *, figsize=None):
    """Poiesz & Reinders' ladder as three rising steps, each with what sets it apart; returns the axes."""
    from matplotlib.patches import FancyBboxPatch

    from klantlib.plotting import PALETTE, describe

    ax = _axes(ax, figsize, (9, 4))
    step_x, step_y, width, height = 3.7, 1.2, 3.3, 1.0
    for k, (rung, what) in enumerate(LADDER):
        x, y = k * step_x, k * step_y
        ax.add_patch(FancyBboxPatch((x, y), width, height, boxstyle="round,pad=0.05", facecolor="white",
                                    edgecolor=PALETTE[0], linewidth=2))
        ax.text(x + width / 2, y + 0.7, rung, ha="center", va="center", fontweight="bold")
        ax.text(x + width / 2, y + 0.3, what, ha="center", va="center", fontsize="small")
        if k:  # from the right side of the rung below to the left side of this one
            ax.annotate("", xy=(x - 0.08, y + height / 2), xytext=(x - step_x + width + 0.08, y - step_y + height / 2),
                        arrowprops={"arrowstyle": "->", "color": PALETTE[0], "linewidth": 2})
    ax.set_xlim(-0.2, 2 * step_x + width + 0.2)
    ax.set_ylim(-0.2, 2 * step_y + height + 0.2)
    ax.axis("off")
    ax.set_title("De ladder van Poiesz & Reinders (2010): van klantvriendelijk naar klantgestuurd")
    describe(ax, "Drie treden die oplopen: klantvriendelijk, dan klantgericht, dan klantgestuurd, elk met wat de "
                 "trede kenmerkt.")
    return ax


class _ScanChart:
    """The figure of :func:`scan_plot`; :meth:`update` moves one respondent's markers in place."""

    def __init__(self, ax, profile: pd.DataFrame, *, title: str | None = None, label: str = "jij",
                 survey_label: str = "enquête", own: bool = True, **kwargs):
        from matplotlib.lines import Line2D

        from klantlib.plotting import PALETTE, decorate, underride

        self.ax, self.own = ax, own
        y = np.arange(len(profile))[::-1].astype(float)
        low, high = benchmark().scale
        if "gemiddelde" in profile.columns:
            mean = profile["gemiddelde"].to_numpy(dtype=float)
            error = np.vstack([mean - profile["ondergrens"].to_numpy(dtype=float),
                               profile["bovengrens"].to_numpy(dtype=float) - mean])
            survey = ax.errorbar(mean, y + 0.15, xerr=np.nan_to_num(error), fmt="o", color=PALETTE[0], capsize=3,
                        label=f"{survey_label} (gemiddelde, 95%-interval)")
        reference, = ax.plot(profile["referentie"].to_numpy(dtype=float), y, linestyle="none",
                **underride(kwargs, Line2D, marker="D", color="#555555", markersize=7,
                            label="benchmark (gemiddelde van 162 respondenten)"))
        self.mine, = ax.plot(np.full(len(y), np.nan), y - 0.15, linestyle="none", marker="*", markersize=13,
                             color=PALETTE[1], markeredgecolor="black", label=label)
        ax.set_yticks(y, _labels(profile))
        ax.set_xlim(low - 0.3, high + 0.3)
        ax.set_xticks(range(low, high + 1))
        ax.grid(axis="x", alpha=0.3)
        decorate(ax, xlabel=f"antwoord ({low} = {benchmark().ends[0]}, {high} = {benchmark().ends[1]})",
                 ylabel="stelling")
        # Without a respondent (a figure of a survey only) the legend names no stars.
        handles = [reference, *([survey] if "gemiddelde" in profile.columns else []), *([self.mine] if own else [])]
        self.legend = ax.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.5, -0.12), ncol=1,
                                fontsize="small", frameon=False)
        self.title = ax.set_title("")
        self.changing = [self.mine, self.legend, self.title]
        self.update(profile, title=title, label=label)

    def update(self, profile: pd.DataFrame, *, title: str | None = None, label: str = "jij") -> None:
        self.mine.set_xdata(profile["jouw_antwoord"].to_numpy(dtype=float))
        if self.own:
            self.legend.get_texts()[-1].set_text(label)
        self.title.set_text(title or "De zelfscan tegen de benchmark")


def scan_plot(table: pd.DataFrame, ax=None, *, own=None, title: str | None = None, label: str = "jij",
              survey_label: str = "enquête", figsize=None, **kwargs):
    """Per statement: the benchmark's mean (◆), a survey's mean with its 95% interval (●) and your answers (★).

    Args:
        table: ``benchmark().compare(survey)``: a survey's means and intervals.
        own: optional, one respondent's answers ``{code: answer}`` to draw as stars.
        title, label, survey_label: the title, and the names of the respondent
            and the survey in the legend ("Trapper (medewerkers)").
        kwargs: go to the benchmark markers' ``ax.plot``.
    """
    profile = scan_profile(own or {}, table)
    ax = _axes(ax, figsize, (10, 6.5))
    _ScanChart(ax, profile, title=title, label=label, survey_label=survey_label, own=own is not None, **kwargs)
    return ax


def scan_widget(survey: pd.DataFrame | None = None, *, survey_label: str = "Trapper (medewerkers)",
                folder=DEFAULT_FOLDER, name: str = "benchmark"):
    """The benchmark's self-scan as a widget: your answers against the benchmark and a survey.

    The questionnaire is :class:`klantlib.views.survey.QuestionnaireForm` (saved to
    ``<folder>/<name>.json`` as answers are given, CSV export that
    ``benchmark().read`` reads back). Each change redraws :func:`scan_plot` with
    :func:`klantlib.centricity.scan_profile` and says what it shows
    (:func:`klantlib.centricity.scan_reading`).

    CSS classes for browser tests: ``klant-organisatie`` (the organisation's
    name), ``klant-B1`` .. ``klant-B11`` (the answers), ``klant-figuur``,
    ``klant-uitkomst`` (the reading), ``klant-export``, ``klant-melding``.
    """
    import ipywidgets as widgets

    from klantlib.views._widgets import FigureArea, with_class
    from klantlib.views.survey import QuestionnaireForm

    scan = benchmark()
    table = scan.compare(survey, errors="warn") if survey is not None else None
    outcome = with_class(widgets.HTML(layout=widgets.Layout(width="560px")), "klant-uitkomst")
    area = FigureArea((8, 6.5))
    chart = _ScanChart(area.ax, scan_profile({}, table), survey_label=survey_label)
    area.redraws(*chart.changing)

    def redraw():
        organisation = form.answers().get("organisatie") or "jouw organisatie"
        profile = scan_profile(form.item_answers(), table)
        chart.update(profile, title=f"Zelfscan: {organisation}", label=organisation)
        outcome.value = html.escape(scan_reading(profile, organisation))
        area.show()

    form = QuestionnaireForm(scan, folder=folder, name=name, fields={"organisatie": "Organisatie"}, after=redraw)
    form.fields[0].placeholder = "bijvoorbeeld: de bibliotheek van mijn hogeschool"
    form.refresh()
    return form.beside(area.output, outcome)


def mirror_plot(table: pd.DataFrame, ax=None, *, own_label: str = "zelfbeeld", customers_label: str = "klantbeeld",
                title: str | None = None, figsize=None, **kwargs):
    """Per statement the self-image (●) and the customers' image (■), joined by a line; the verdict as text.

    ``table`` is :func:`klantlib.centricity.mirror`. Beside each statement the
    difference with its 95% interval is written out, and the statements with a
    clear gap are marked in words, so no meaning rests on colour.
    Keyword arguments go to both groups' ``ax.plot``.
    """
    from matplotlib.lines import Line2D

    from klantlib.formatting import number
    from klantlib.plotting import PALETTE, decorate, underride

    ax = _axes(ax, figsize, (10, 6))
    y = np.arange(len(table))[::-1].astype(float)
    own = table["zelfbeeld"].to_numpy(dtype=float)
    theirs = table["klantbeeld"].to_numpy(dtype=float)
    ax.hlines(y, np.fmin(own, theirs), np.fmax(own, theirs), color="#999999", linewidth=2, zorder=1)
    ax.plot(own, y, linestyle="none", **underride(kwargs, Line2D, marker="o", markersize=9, color=PALETTE[0],
                                                  label=own_label))
    ax.plot(theirs, y, linestyle="none", **underride(kwargs, Line2D, marker="s", markersize=9, color=PALETTE[1],
                                                     label=customers_label))
    low, high = benchmark().scale
    for yy, (_, row) in zip(y, table.iterrows()):
        mark = {HIGHER: ": zelfbeeld hoger", LOWER: ": klantbeeld hoger"}.get(row["oordeel"], "")
        ax.text(high + 0.4, yy, f"{number(row['verschil'], 1)} ({number(row['ondergrens'], 1)} tot "
                f"{number(row['bovengrens'], 1)}){mark}", va="center", fontsize="small")
    ax.text(high + 0.4, y.max() + 0.8, "verschil (95%-interval)", fontsize="small", fontweight="bold")
    ax.set_yticks(y, _labels(table))
    ax.set_xlim(low - 0.3, high + 0.3)
    ax.set_ylim(-0.7, y.max() + 1.3)
    ax.set_xticks(range(low, high + 1))
    ax.grid(axis="x", alpha=0.3)
    decorate(ax, xlabel=f"gemiddeld antwoord ({low}-{high})", ylabel="stelling (tekst van de organisatie)")
    ax.set_title(title or "Zelfbeeld tegen klantbeeld, per stelling", loc="left")
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.12), ncol=2, fontsize="small", frameon=False)
    return ax


def nps_bars(table: pd.DataFrame, ax=None, *, title: str | None = None, figsize=None, **kwargs):
    """Per group a bar of 100%: criticasters, passives and promotors (each its own hatch), with the NPS beside it.

    ``table`` is :func:`klantlib.nps.nps`. Keyword arguments go to ``ax.barh``.
    """
    from matplotlib.patches import Patch

    from klantlib.formatting import number
    from klantlib.plotting import decorate, percent_axis, text_colour, underride

    ax = _axes(ax, figsize, (9, 1.8 + 0.6 * len(table)))
    y = np.arange(len(table))[::-1].astype(float)
    left = np.zeros(len(table))
    for group, (answers, colour, hatch) in NPS_STYLE.items():
        share = np.nan_to_num(table[f"aandeel_{group}"].to_numpy(dtype=float))
        ax.barh(y, share, left=left, **underride(kwargs, Patch, color=colour, hatch=hatch, edgecolor="white",
                                                  label=f"{group} ({answers})"))
        left = left + share
    for yy, (_, row) in zip(y, table.iterrows()):
        score = "geen antwoorden" if pd.isna(row["nps"]) else f"NPS {number(row['nps'], 0)}"
        ax.text(1.02, yy, f"{score}  (n = {number(row['antwoorden'])})", va="center", fontsize="small",
                color=text_colour("#000000"))
    ax.set_yticks(y, [str(label) for label in table.index])
    ax.set_xlim(0, 1)
    percent_axis(ax, axis="x")
    decorate(ax, xlabel="aandeel van de antwoorden", ylabel=table.index.name or "groep")
    ax.set_title(title or "Criticasters, passieven en promotors", loc="left")
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.25 if len(table) > 2 else -0.45), ncol=3,
              fontsize="small", frameon=False)
    return ax
