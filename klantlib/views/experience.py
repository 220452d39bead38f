"""Figures and widgets of notebook 09: the journey map, customer relevancy and what weighs most for customers.

- :func:`journey_map_plot`: per step and touchpoint the mean mark with its 95%
  interval; pain points (▼ and the word "pijnpunt") and walls named in text.
- :func:`relevancy_plot`: per attribute the organisation's own level against its
  customers' mean with its interval.
- :func:`weights_plot`: the mean of the 100 points per attribute, and for how many
  customers it weighs most.
- :func:`relevancy_widget`: choose a profile for an organisation and read whether
  it follows Crawford & Mathews' rule.
- :func:`rating_widget`: give your own marks to the touchpoints of a purchase.

Every number comes from the model (:mod:`klantlib.experience`); these functions
only draw. Each figure function draws on ``ax`` (or makes a figure of
``figsize``), passes its keyword arguments to its main plotting call and returns
the axes.
"""

from __future__ import annotations

import html
import textwrap

import numpy as np
import pandas as pd

from klantlib.answers import DEFAULT_FOLDER
from klantlib.experience import (LEVEL_NAMES, journey_map, own_ratings, profile_levels, profile_questionnaire,
                                 profile_reading, ratings_reading, touchpoint_questionnaire)

__all__ = ["journey_map_plot", "rating_widget", "relevancy_plot", "relevancy_widget", "weights_plot"]


#: The white box behind a label on the grid, so grid lines do not run through its words.
_LABEL_BOX = {"facecolor": "white", "edgecolor": "none", "pad": 1.5}


def _axes(ax, figsize, default):
    from klantlib.plotting import axes_or_new

    return axes_or_new(ax, figsize, default)


def journey_map_plot(table: pd.DataFrame, ax=None, *, title: str | None = None, figsize=None, **kwargs):
    """The journey map: per step (a header) and touchpoint the mean mark with its 95% interval, the customers beside it.

    ``table`` is :func:`klantlib.experience.journey_map`. A pain point has a ▼
    marker and the word "pijnpunt"; a wall ("geen eigenaar", "meer eigenaren")
    is written beside the touchpoint: shape and text, not colour alone. The
    dashed line is the journey's mean. Keyword arguments go to ``ax.errorbar``.
    """
    from klantlib.errors import require_rows
    from klantlib.formatting import counted, number, percent
    from klantlib.plotting import PALETTE, decorate, underride

    require_rows(table.dropna(subset=["gemiddelde"]), name="de klantreiskaart", row="contactmoment met een cijfer",
                 consequence="valt er niets te tekenen", filters=["fase", "klanten"])
    steps = table["fase"].tolist()
    headers = len(dict.fromkeys(steps))
    ax = _axes(ax, figsize, (11, 1.4 + 0.36 * (len(table) + headers)))
    # one line per touchpoint from the top, a header line before each new step
    rows, step_rows, place = [], {}, 0.0
    for k, step in enumerate(steps):
        if k == 0 or step != steps[k - 1]:
            step_rows[step] = place
            place += 1
        rows.append(place)
        place += 1
    y = place - 1 - np.array(rows, dtype=float)
    mean = table["gemiddelde"].to_numpy(dtype=float)
    error = np.nan_to_num(np.vstack([mean - table["ondergrens"].to_numpy(dtype=float),
                                     table["bovengrens"].to_numpy(dtype=float) - mean]))
    pain = table["pijnpunt"].to_numpy(dtype=bool)
    for chosen, marker, colour, name in ((~pain, "o", PALETTE[0], "contactmoment"),
                                         (pain, "v", PALETTE[3], "pijnpunt (regel van de cursus)")):
        if chosen.any():
            ax.errorbar(mean[chosen], y[chosen], xerr=error[:, chosen], linestyle="none",
                        **underride(kwargs, marker=marker, markersize=9 if marker == "v" else 7, color=colour,
                                    capsize=3, label=f"{name}: gemiddeld cijfer, 95%-interval"))
    journey_mean = float((table["gemiddelde"] - table["verschil"]).dropna().iloc[0])
    ax.axvline(journey_mean, color="#555555", linestyle="--", linewidth=1.2,
               label=f"gemiddelde van de hele reis ({number(journey_mean, 1)})")
    walls = table["muur"].tolist() if "muur" in table.columns else [""] * len(table)
    for yy, row, wall in zip(y, table.itertuples(), walls):
        notes = [number(row.gemiddelde, 1), f"{counted(row.klanten, 'klant')} ({percent(row.aandeel, 0)})"]
        if row.pijnpunt:
            notes.append("PIJNPUNT")
        if wall:
            notes.append(f"muur: {wall}")
        ax.text(10.35, yy, "  ·  ".join(notes), va="center", fontsize="small",
                fontweight="bold" if row.pijnpunt else "normal")
    for step, row in step_rows.items():
        ax.text(0.55, place - 1 - row, step, va="center", ha="left", fontweight="bold")
    ax.set_yticks(y, list(table.index))
    ax.set_ylim(-0.7, place - 0.3)
    ax.set_xlim(0.5, 10.2)
    ax.set_xticks(range(1, 11))
    ax.grid(axis="x", alpha=0.3)
    decorate(ax, xlabel="gemiddeld rapportcijfer (1-10)", ylabel="contactmoment")
    ax.set_title(title or "De klantreis: waar breekt de beleving?", loc="left")
    # below the x label at a distance in font sizes, whatever the height of the figure
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, 0), borderaxespad=3.8, ncol=1, fontsize="small", frameon=False)
    return ax


def relevancy_plot(comparison: pd.DataFrame, ax=None, *, own: str = "eigen profiel", customers: str = "klanten",
                   title: str | None = None, figsize=None, **kwargs):
    """Per attribute the own level (◆) against the customers' mean (●) with its 95% interval, on the five levels.

    ``comparison`` is :func:`klantlib.experience.compare_relevancy`. The levels'
    names stand on the x axis. Keyword arguments go to the customers' ``ax.errorbar``.
    """
    from klantlib.formatting import number
    from klantlib.plotting import PALETTE, decorate, underride

    ax = _axes(ax, figsize, (10, 4.8))
    y = np.arange(len(comparison))[::-1].astype(float)
    mean = comparison["klanten"].to_numpy(dtype=float)
    error = np.nan_to_num(np.vstack([mean - comparison["ondergrens"].to_numpy(dtype=float),
                                     comparison["bovengrens"].to_numpy(dtype=float) - mean]))
    ax.errorbar(mean, y - 0.12, xerr=error, linestyle="none",
                **underride(kwargs, marker="o", markersize=8, color=PALETTE[0], capsize=3,
                            label=f"{customers}: gemiddelde, 95%-interval"))
    ax.plot(comparison["eigen"].to_numpy(dtype=float), y + 0.12, linestyle="none", marker="D", markersize=9,
            color=PALETTE[1], label=own)
    for yy, row in zip(y, comparison.itertuples()):
        ax.text(5.45, yy, f"{own} {int(row.eigen)} · {customers} {number(row.klanten, 1)}", va="center",
                fontsize="small", bbox=_LABEL_BOX)
    # below market level (3) customers go elsewhere: a customers' mean of 2,7 lies there too, though it rounds to 3
    ax.axvspan(0.5, 3, color="#dddddd", alpha=0.5, zorder=0)
    ax.text(1.75, y.max() + 0.75, "onder marktniveau: klanten haken af", ha="center", fontsize="small")
    ax.set_yticks(y, list(comparison.index))
    ax.set_xticks(range(1, 6), [f"{level}\n" + textwrap.fill(LEVEL_NAMES[level], 12, break_long_words=False) for level in range(1, 6)])
    ax.set_xlim(0.5, 7.2)
    ax.set_ylim(-0.7, y.max() + 1.1)
    ax.grid(axis="x", alpha=0.3)
    decorate(ax, xlabel="niveau (Crawford & Mathews)", ylabel="attribuut")
    ax.set_title(title or "Klantrelevantie: eigen profiel tegen de klanten", loc="left")
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, 0), borderaxespad=6.2, ncol=2, fontsize="small", frameon=False)
    return ax


def weights_plot(weights: pd.DataFrame, ax=None, *, title: str | None = None, figsize=None, **kwargs):
    """Per attribute the mean of the 100 points with its 95% interval; beside it, for how many it weighs most.

    ``weights`` is :func:`klantlib.experience.attribute_weights`. The attributes the
    myth names (prijs, product) are hatched. Keyword arguments go to ``ax.barh``.
    """
    from matplotlib.patches import Patch

    from klantlib.formatting import number, percent
    from klantlib.plotting import PALETTE, decorate, underride

    ax = _axes(ax, figsize, (10, 4.2))
    y = np.arange(len(weights))[::-1].astype(float)
    mean = weights["punten"].to_numpy(dtype=float)
    error = np.nan_to_num(np.vstack([mean - weights["ondergrens"].to_numpy(dtype=float),
                                     weights["bovengrens"].to_numpy(dtype=float) - mean]))
    myth = np.array([name in ("prijs", "product") for name in weights.index])
    for chosen, hatch, colour, name in ((myth, "//", PALETTE[1], "prijs en product (de mythe)"),
                                        (~myth, "", PALETTE[0], "de andere attributen")):
        ax.barh(y[chosen], mean[chosen], 0.6, xerr=error[:, chosen],
                **underride(kwargs, Patch, color=colour, hatch=hatch, edgecolor="white",
                            error_kw={"ecolor": "#555555", "capsize": 3}, label=name))
    top = max(float(np.nanmax(weights["bovengrens"].to_numpy(dtype=float), initial=0)), float(np.nanmax(mean)))
    for yy, row in zip(y, weights.itertuples()):
        ax.text(top + 1.5, yy, f"{number(row.punten, 1)} punten · weegt het zwaarst voor {percent(row.belangrijkste, 0)}",
                va="center", fontsize="small", bbox=_LABEL_BOX)
    ax.set_yticks(y, list(weights.index))
    ax.set_xlim(0, top * 2.1)
    decorate(ax, xlabel="gemiddeld aantal van de 100 punten (95%-interval)", ylabel="attribuut")
    ax.set_title(title or "Wat weegt het zwaarst bij de keuze?", loc="left")
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, 0), borderaxespad=3.4, ncol=2, fontsize="small", frameon=False)
    return ax


def relevancy_widget(organisation: str = "", *, folder=DEFAULT_FOLDER, name: str = "relevantieprofiel"):
    """Choose a level per attribute for an organisation and read whether the profile follows the rule, and why.

    The form is :class:`klantlib.views.survey.QuestionnaireForm` over
    :func:`klantlib.experience.profile_questionnaire` (saved to
    ``<folder>/<name>.json`` as levels are chosen; CSV export). The bars show the
    levels; the text is :func:`klantlib.experience.profile_reading`.

    CSS classes for browser tests: ``klant-organisatie``, ``klant-RP`` ..
    ``klant-RB`` (the levels), ``klant-figuur``, ``klant-uitkomst`` (the reading),
    ``klant-export``, ``klant-melding``.
    """
    import ipywidgets as widgets

    from klantlib.views._widgets import FigureArea, with_class
    from klantlib.views.survey import QuestionnaireForm, _DimensionBars

    questionnaire = profile_questionnaire()
    outcome = with_class(widgets.HTML(layout=widgets.Layout(width="520px")), "klant-uitkomst")
    area = FigureArea((7.0, 4.2))

    def shown(answers) -> pd.DataFrame:
        return profile_levels(answers).rename("jouw_score").to_frame()

    chart = _DimensionBars(area.ax, shown({}), questionnaire.scale, ylabel="attribuut", legend_columns=1,
                           xlabel="niveau (3 marktniveau, 4 onderscheiden, 5 domineren)", empty="nog geen niveau")
    area.redraws(*chart.changing)

    def redraw():
        who = form.answers().get("organisatie") or "Jouw organisatie"
        answers = form.item_answers()
        chart.update(shown(answers), title=f"Klantrelevantie: {who}", label=who)
        outcome.value = html.escape(profile_reading(answers, who))
        area.show()

    form = QuestionnaireForm(questionnaire, folder=folder, name=name, fields={"organisatie": "Organisatie"},
                             after=redraw, text_width="160px")
    form.fields[0].placeholder = "bijvoorbeeld: de supermarkt om de hoek"
    if organisation and not form.fields[0].value:
        form.fields[0].value = organisation
    form.refresh()
    return form.beside(area.output, outcome)


def rating_widget(survey: pd.DataFrame | None = None, *, survey_label: str = "klanten van Trapper",
                  folder=DEFAULT_FOLDER, name: str = "klantbeleving"):
    """Give your own marks to the touchpoints of a purchase, beside a survey's mean per touchpoint.

    The form is :class:`klantlib.views.survey.QuestionnaireForm` over
    :func:`klantlib.experience.touchpoint_questionnaire` (a tab per step; saved
    as marks are given; the CSV export is what ``touchpoint_questionnaire().read``
    and ``.pool`` read back). The text is :func:`klantlib.experience.ratings_reading`.

    CSS classes for browser tests: ``klant-aankoop`` (the purchase), ``klant-SM`` ..
    ``klant-RK`` (the marks), ``klant-figuur``, ``klant-uitkomst``, ``klant-export``,
    ``klant-melding``.
    """
    import ipywidgets as widgets

    from klantlib.views._widgets import FigureArea, with_class
    from klantlib.views.survey import QuestionnaireForm, _DimensionBars

    questionnaire = touchpoint_questionnaire()
    survey_map = journey_map(survey, errors="warn") if survey is not None else None

    def shown(own: pd.DataFrame) -> pd.DataFrame:
        return own.rename(index={touchpoint: f"{touchpoint} ({step})" for touchpoint, step in own["fase"].items()})

    outcome = with_class(widgets.HTML(layout=widgets.Layout(width="560px")), "klant-uitkomst")
    area = FigureArea((7.5, 8.0))
    chart = _DimensionBars(area.ax, shown(own_ratings({}, survey_map)), questionnaire.scale,
                           survey_label=f"{survey_label} (gemiddelde, 95%-interval)", ylabel="contactmoment (fase)",
                           legend_columns=1, xlabel="rapportcijfer (1-10)", empty="geen cijfer (niet gebruikt)")
    area.redraws(*chart.changing)

    def redraw():
        purchase = form.answers().get("aankoop") or "jouw aankoop"
        own = own_ratings(form.item_answers(), survey_map)
        chart.update(shown(own), title=f"Jouw cijfers: {purchase}", label="jouw cijfer")
        outcome.value = html.escape(ratings_reading(own, purchase))
        area.show()

    form = QuestionnaireForm(questionnaire, folder=folder, name=name, fields={"aankoop": "Aankoop"}, after=redraw)
    form.fields[0].placeholder = "bijvoorbeeld: mijn laatste telefoon"
    form.refresh()
    return form.beside(area.output, outcome)
