"""Figures and the scan widget of notebook 08: the drivers model, HET/WIJ/IK, the phases, scores and links.

- :func:`drivers_diagram`: De Haan & Langerak's figure 1: three capabilities with
  their affectivity drivers lead to klantvertrouwen, which shows in brand
  sympathy, advocacy and emotional credit.
- :func:`sides_diagram`: HET, WIJ and IK, and where an organisation puts its weight.
- :func:`phases_diagram`: the four phases of a development programme with their instruments.
- :func:`profile_plot`: per driver (grouped by capability), trust and satisfaction
  the mean with its 95% interval.
- :func:`links_plot`: per score Pearson's r with recommendation (or another
  target) and its 95% interval.
- :func:`scan_widget`: the scan for an organisation of your choice, against a survey.

Every number comes from the model (:mod:`klantlib.sensitivity`); these functions
only draw. Each draws on ``ax`` (or makes a figure of ``figsize``), passes its
keyword arguments to its main plotting call and returns the axes.

In a notebook one line shows the widget::

    scan_widget(load_dataset("klantgevoeligheid"))
"""

from __future__ import annotations

import html
import textwrap

import numpy as np
import pandas as pd

from klantlib.answers import DEFAULT_FOLDER
from klantlib.sensitivity import (CAPABILITIES, RESULTS, TRUST, development_phases, drivers, own_profile,
                                  own_reading, profile, scan, sides)

__all__ = ["drivers_diagram", "links_plot", "phases_diagram", "profile_plot", "scan_widget", "sides_diagram"]

#: Per kind of score in :func:`links_plot`: its marker and how the legend names it (shape, not colour, tells them apart).
KIND_STYLE = {"driver": ("o", "affectiviteitsdriver"), "vermogen": ("s", "vermogen (gemiddelde van drie drivers)"),
              "uitkomst": ("D", "klantvertrouwen of tevredenheid")}
#: The article's English terms for what trust shows in, with the course's Dutch beside them.
RESULT_LABELS = {"advocacy": "advocacy\n(aanbevelen)", "emotional credit": "emotional credit\n(emotioneel krediet)"}
#: Per side of HET/WIJ/IK its hatch in :func:`sides_diagram` (not colour alone).
SIDE_HATCH = {"HET": "//", "WIJ": "..", "IK": "xx"}


def _axes(ax, figsize, default):
    from klantlib.plotting import axes_or_new

    return axes_or_new(ax, figsize, default)


def _box(ax, x, y, width, height, *, edge, face="white", linewidth=1.8):
    from matplotlib.patches import FancyBboxPatch

    ax.add_patch(FancyBboxPatch((x, y), width, height, boxstyle="round,pad=0.05", facecolor=face, edgecolor=edge,
                                linewidth=linewidth))


def _arrow(ax, start, end):
    ax.annotate("", xy=end, xytext=start, arrowprops={"arrowstyle": "-|>", "color": "#333333", "linewidth": 1.5})


def drivers_diagram(ax=None, *, figsize=None):
    """De Haan & Langerak's model of customer sensitivity (their figure 1) as a diagram; returns the axes.

    The capabilities and drivers come from :func:`klantlib.sensitivity.drivers`,
    the results from :data:`klantlib.sensitivity.RESULTS`.
    """
    from klantlib.plotting import PALETTE, describe

    ax = _axes(ax, figsize, (11, 6))
    table = drivers()
    width, height, gap = 3.4, 1.7, 0.35
    trust_x, trust_y, trust_w, trust_h = 5.0, 2.45, 2.4, 1.2
    result_x, result_w, result_h = 8.6, 2.6, 0.9
    for k, capability in enumerate(CAPABILITIES):
        y = (len(CAPABILITIES) - 1 - k) * (height + gap)
        _box(ax, 0, y, width, height, edge=PALETTE[0])
        ax.text(width / 2, y + height - 0.35, capability, ha="center", va="center", fontweight="bold")
        names = table.index[table["vermogen"] == capability]
        ax.text(width / 2, y + 0.6, "\n".join(names), ha="center", va="center", fontsize="small", linespacing=1.4)
        _arrow(ax, (width + 0.1, y + height / 2), (trust_x - 0.1, trust_y + trust_h / 2))
    _box(ax, trust_x, trust_y, trust_w, trust_h, edge=PALETTE[1], linewidth=2.5)
    ax.text(trust_x + trust_w / 2, trust_y + trust_h / 2, TRUST, ha="center", va="center", fontweight="bold")
    for k, result in enumerate(RESULTS):
        y = trust_y + trust_h / 2 + (1 - k) * 1.7 - result_h / 2
        _box(ax, result_x, y, result_w, result_h, edge="#555555")
        ax.text(result_x + result_w / 2, y + result_h / 2, RESULT_LABELS.get(result, result), ha="center",
                va="center")
        _arrow(ax, (trust_x + trust_w + 0.1, trust_y + trust_h / 2), (result_x - 0.1, y + result_h / 2))
    top = len(CAPABILITIES) * (height + gap) - gap
    ax.text(width / 2, top + 0.35, "vermogens en hun affectiviteitsdrivers", ha="center", fontsize="small",
            fontstyle="italic")
    ax.text(result_x + result_w / 2, top + 0.35, "waar vertrouwen zich in toont", ha="center", fontsize="small",
            fontstyle="italic")
    ax.set_xlim(-0.2, result_x + result_w + 0.2)
    ax.set_ylim(-0.2, top + 0.8)
    ax.axis("off")
    ax.set_title("Klantgevoeligheid volgens De Haan & Langerak: drie vermogens, negen drivers, één uitkomst")
    describe(ax, "Drie vakken links, begrijpen, verbinden en koesteren, elk met drie affectiviteitsdrivers. Pijlen "
                 f"lopen naar {TRUST} in het midden, en van daar naar {', '.join(RESULTS)}.")
    return ax


def sides_diagram(balance: pd.DataFrame | None = None, ax=None, *, organisation: str = "de organisatie",
                  figsize=None):
    """HET, WIJ and IK side by side with what each is about; with ``balance``, the organisation's share of each.

    ``balance`` is :func:`klantlib.sensitivity.side_balance`: its share per side
    is drawn as a hatched bar under the side (the hatch tells the sides apart,
    not the colour) with the share and the course's verdict in words.
    """
    from matplotlib.patches import Rectangle

    from klantlib.formatting import percent
    from klantlib.plotting import PALETTE, describe

    table = sides()
    ax = _axes(ax, figsize, (11, 4.8 if balance is not None else 3.4))
    width, height, step = 3.4, 1.9, 3.8
    bar_y = -0.9
    for k, (side, row) in enumerate(table.iterrows()):
        x = k * step
        _box(ax, x, 0, width, height, edge=PALETTE[k])
        ax.text(x + width / 2, height - 0.3, side, ha="center", va="center", fontweight="bold", fontsize="large")
        ax.text(x + width / 2, height - 0.75, row["label"], ha="center", va="center", fontweight="bold",
                fontsize="small")
        ax.text(x + width / 2, 0.55, textwrap.fill(row["wat"], 36), ha="center", va="center", fontsize="small")
        if balance is not None:
            share = float(balance.at[side, "aandeel"])
            ax.add_patch(Rectangle((x, bar_y), width, 0.45, facecolor="white", edgecolor="#777777"))
            ax.add_patch(Rectangle((x, bar_y), width * share, 0.45, facecolor=PALETTE[k], edgecolor="white",
                                   hatch=SIDE_HATCH[side]))
            ax.text(x + width / 2, bar_y - 0.35, f"{percent(share, 1)} · {balance.at[side, 'oordeel']}",
                    ha="center", va="center", fontsize="small")
    ax.set_xlim(-0.2, 2 * step + width + 0.2)
    ax.set_ylim(bar_y - 0.8 if balance is not None else -0.2, height + 0.3)
    ax.axis("off")
    if balance is None:
        ax.set_title("HET, WIJ en IK: drie kanten van klantgerichtheid (De Haan & Langerak)")
        describe(ax, "Drie vakken naast elkaar: " + "; ".join(f"{side}, {row['label']}: {row['wat']}"
                                                             for side, row in table.iterrows()) + ".")
    else:
        basis = "het budget" if len(balance.columns) > 3 else "de maatregelen"
        ax.set_title(f"HET, WIJ en IK bij {organisation}: aandeel van {basis}")
        describe(ax, f"Drie vakken, HET, WIJ en IK, met onder elk het aandeel van {basis} van {organisation}: "
                     + "; ".join(f"{side} {percent(row['aandeel'], 1)} ({row['oordeel']})"
                                 for side, row in balance.iterrows()) + ".")
    return ax


def phases_diagram(ax=None, *, figsize=None):
    """The four phases of developing customer sensitivity (De Haan & Langerak, figure 2), with their instruments."""
    from matplotlib.patches import FancyArrow

    from klantlib.plotting import PALETTE, describe

    table = development_phases()
    ax = _axes(ax, figsize, (11, 3.8))
    width, step = 2.6, 2.9
    for k, (phase, row) in enumerate(table.iterrows()):
        x = k * step
        ax.add_patch(FancyArrow(x, 3.0, width, 0, width=1.0, head_width=1.0, head_length=0.35,
                                length_includes_head=True, facecolor="white", edgecolor=PALETTE[0], linewidth=1.8))
        ax.text(x + width / 2 - 0.15, 3.0, f"{phase}. {textwrap.fill(row['naam'], 14)}", ha="center", va="center",
                fontweight="bold", fontsize="small")
        instruments = "\n".join(textwrap.fill(f"· {item.strip()}", 24, subsequent_indent="  ")
                                for item in row["instrumenten"].split(";"))
        ax.text(x + 0.05, 2.2, instruments, ha="left", va="top", fontsize="x-small", linespacing=1.3)
    ax.set_xlim(-0.1, len(table) * step)
    ax.set_ylim(0.3, 3.6)
    ax.axis("off")
    ax.set_title("Klantgevoeligheid ontwikkelen: vier fasen en hun instrumenten")
    describe(ax, "Vier pijlen na elkaar: " + "; ".join(f"{phase}. {row['naam']} ({row['instrumenten']})"
                                                      for phase, row in table.iterrows()) + ".")
    return ax


def profile_plot(table: pd.DataFrame, ax=None, *, title: str | None = None, label: str = "enquête", figsize=None,
                 **kwargs):
    """Per driver (grouped by capability), trust and satisfaction: the mean (●, ◆) and its 95% interval.

    ``table`` is :func:`klantlib.sensitivity.profile` (per driver or per
    capability). Keyword arguments go to ``ax.errorbar``.
    """
    from klantlib.formatting import number
    from klantlib.plotting import PALETTE, decorate, underride

    ax = _axes(ax, figsize, (10, 1.6 + 0.42 * len(table)))
    low, high = scan().scale
    # one row per line from the top, and an extra gap above each new capability, so the groups stand apart
    groups = table["vermogen"].tolist()
    rows, place = [], 0.0
    for k, group in enumerate(groups):
        if k and group != groups[k - 1]:
            place += 0.6
        rows.append(place)
        place += 1
    y = rows[-1] - np.array(rows)
    mean = table["gemiddelde"].to_numpy(dtype=float)
    error = np.nan_to_num(np.vstack([mean - table["ondergrens"].to_numpy(dtype=float),
                                     table["bovengrens"].to_numpy(dtype=float) - mean]))
    outcome = np.array([group == "uitkomst" for group in groups])
    for chosen, marker, name in ((~outcome, "o", label), (outcome, "D", "klantvertrouwen en tevredenheid")):
        if chosen.any():
            ax.errorbar(mean[chosen], y[chosen], xerr=error[:, chosen], linestyle="none",
                        **underride(kwargs, marker=marker, markersize=8, color=PALETTE[0 if marker == "o" else 1],
                                    capsize=3, label=f"{name} (gemiddelde, 95%-interval)"))
    for yy, value in zip(y, mean):
        ax.text(high + 0.15, yy, number(value, 1), va="center", fontsize="small")
    names = [f"{name}  ({group})" if group not in ("uitkomst", name) else name for name, group in
             zip(table.index, groups)]
    ax.set_yticks(y, names)
    ax.set_xlim(low - 0.3, high + 0.6)
    ax.set_xticks(range(low, high + 1))
    ax.grid(axis="x", alpha=0.3)
    decorate(ax, xlabel=f"gemiddelde score ({low} = {scan().ends[0]}, {high} = {scan().ends[1]})",
             ylabel="driver (vermogen)" if len(set(groups)) > 2 else "")
    ax.set_title(title or "Klantgevoeligheid per driver", loc="left")
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.1 - 0.5 / max(len(table), 1)), ncol=1,
              fontsize="small", frameon=False)
    return ax


def links_plot(table: pd.DataFrame, ax=None, *, title: str | None = None, figsize=None, **kwargs):
    """Per score Pearson's r with the target and its 95% interval, highest first; the kind of score by marker shape.

    ``table`` is :func:`klantlib.sensitivity.links`. Keyword arguments go to
    ``ax.errorbar``.
    """
    from klantlib.formatting import number
    from klantlib.plotting import PALETTE, decorate, number_axis, underride

    ax = _axes(ax, figsize, (10, 1.8 + 0.38 * len(table)))
    target = table.attrs.get("target", "de doelscore")
    y = np.arange(len(table))[::-1].astype(float)
    r = table["r"].to_numpy(dtype=float)
    error = np.nan_to_num(np.vstack([r - table["ondergrens"].to_numpy(dtype=float),
                                     table["bovengrens"].to_numpy(dtype=float) - r]))
    for k, (kind, (marker, name)) in enumerate(KIND_STYLE.items()):
        chosen = (table["soort"] == kind).to_numpy()
        if chosen.any():
            ax.errorbar(r[chosen], y[chosen], xerr=error[:, chosen], linestyle="none",
                        **underride(kwargs, marker=marker, markersize=8, color=PALETTE[k], capsize=3, label=name))
    for yy, value in zip(y, r):
        ax.text(1.03, yy, "–" if np.isnan(value) else number(value, 2), va="center", fontsize="small")
    ax.set_yticks(y, list(table.index))
    ax.axvline(0, color="#555555", linewidth=1)
    ax.set_xlim(min(-0.1, float(np.nanmin(table["ondergrens"])) - 0.05) if table["ondergrens"].notna().any()
                else -0.1, 1.15)
    ax.grid(axis="x", alpha=0.3)
    decorate(ax, xlabel=f"samenhang met {target}: Pearson's r (95%-interval)", ylabel="score")
    ax.set_title(title or f"Wat hangt samen met {target}?", loc="left")
    number_axis(ax, "x", 1)
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.08 - 0.5 / max(len(table), 1)), ncol=1, fontsize="small",
              frameon=False)
    return ax


def scan_widget(survey: pd.DataFrame | None = None, *, survey_label: str = "klanten van Trapper",
                folder=DEFAULT_FOLDER, name: str = "klantgevoeligheid"):
    """The customer-sensitivity scan as a widget: your scores per driver for an organisation, against a survey.

    The questionnaire is :class:`klantlib.views.survey.QuestionnaireForm` (a tab
    per capability; saved to ``<folder>/<name>.json`` as answers are given; CSV
    export that ``scan().read`` reads back). Each change redraws the bars of
    :func:`klantlib.views.survey.dimension_bars` with
    :func:`klantlib.sensitivity.own_profile` and says what they show
    (:func:`klantlib.sensitivity.own_reading`).

    CSS classes for browser tests: ``klant-organisatie`` (the organisation's
    name), ``klant-ON1`` .. ``klant-TV1`` (the answers), ``klant-figuur``,
    ``klant-uitkomst`` (the reading), ``klant-export``, ``klant-melding``.
    """
    import ipywidgets as widgets

    from klantlib.views._widgets import FigureArea, with_class
    from klantlib.views.survey import QuestionnaireForm, _DimensionBars

    questionnaire = scan()
    table = profile(survey, errors="warn") if survey is not None else None

    # the drivers as the figure names them: "respect (verbinden)"
    names = {driver: f"{driver} ({capability})" for driver, capability in drivers()["vermogen"].items()}

    def shown(own: pd.DataFrame) -> pd.DataFrame:
        return own.rename(index=names)

    outcome = with_class(widgets.HTML(layout=widgets.Layout(width="560px")), "klant-uitkomst")
    area = FigureArea((7.5, 7.2))
    chart = _DimensionBars(area.ax, shown(own_profile({}, table)), questionnaire.scale,
                           survey_label=f"{survey_label} (gemiddelde, 95%-interval)", ylabel="driver (vermogen)",
                           legend_columns=1)
    area.redraws(*chart.changing)

    def redraw():
        organisation = form.answers().get("organisatie") or "jouw organisatie"
        own = own_profile(form.item_answers(), table)
        chart.update(shown(own), title=f"Klantgevoeligheid: {organisation}", label=organisation)
        outcome.value = html.escape(own_reading(own, organisation))
        area.show()

    form = QuestionnaireForm(questionnaire, folder=folder, name=name, fields={"organisatie": "Organisatie"},
                             after=redraw)
    form.fields[0].placeholder = "bijvoorbeeld: mijn telefoonprovider"
    form.refresh()
    return form.beside(area.output, outcome)
