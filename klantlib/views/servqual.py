"""Figures and the questionnaire widget for SERVQUAL and the gap model (notebook 05).

- :func:`gap_bars`: the mean gap per dimension with its 95% interval (and a
  student's own gaps beside it).
- :func:`profile_plot`: mean expectation and perception over the 22 items.
- :func:`gap_model_diagram`: the five-gap model (Parasuraman, Zeithaml & Berry, 1985).
- :func:`servqual_widget`: fill in the questionnaire for an organisation; the
  answers are saved as they are given and scored and drawn at once beside the
  survey's averages. Its update logic, :func:`widget_scores`, is a plain function
  that scores with :mod:`klantlib.servqual`'s functions.

Every plot helper draws on ``ax`` (or makes a figure of ``figsize``, by default
a size that grows in presentation mode), passes its keyword arguments to its
main plotting call and only fills in defaults, and returns the axes.

In a notebook one line shows the widget::

    servqual_widget(load_dataset("servqual"))
"""

from __future__ import annotations

import math
import warnings
from collections.abc import Mapping

import numpy as np
import pandas as pd

from klantlib.answers import DEFAULT_FOLDER, AnswerStore
from klantlib.errors import KlantDataWarning
from klantlib.servqual import (
    DIMENSION_ITEMS,
    DIMENSIONS,
    E_COLUMNS,
    ITEMS,
    P_COLUMNS,
    SCALE_ENDS,
    WEIGHT_COLUMNS,
    answers_frame,
    item_counts,
    servqual_gaps,
    servqual_score,
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
ANSWER_KEYS = ("organisatie", *E_COLUMNS, *P_COLUMNS, *WEIGHT_COLUMNS)

#: Short Dutch labels for the dimensions in figures.
LABELS = {
    "tastbaarheden": "Tastbaarheden",
    "betrouwbaarheid": "Betrouwbaarheid",
    "responsiviteit": "Responsiviteit",
    "zekerheid": "Zekerheid",
    "inlevingsvermogen": "Inlevingsvermogen",
}


def valid_answer(key: str, value, *, scale: int = 7) -> bool:
    """Whether a saved answer fits the questionnaire (used when answers are restored).

    >>> valid_answer("E1", 7), valid_answer("E1", 8), valid_answer("W_zekerheid", 30), valid_answer("X", 1)
    (True, False, True, False)
    """
    if key == "organisatie":
        return isinstance(value, str)
    if isinstance(value, bool) or not isinstance(value, int):
        return False  # the dropdowns and point boxes hold whole numbers
    if key in E_COLUMNS or key in P_COLUMNS:
        from klantlib.parsing import to_answers  # the course's one rule for an answer on a scale

        return not to_answers(pd.Series([value], dtype="object"), scale=scale)[1].iloc[0]
    if key in WEIGHT_COLUMNS:
        return 0 <= value <= 100
    return False


def points_status(answers: Mapping) -> tuple[int, str]:
    """How many of the 100 points are still to be divided, and a Dutch message.

    >>> points_status({"W_tastbaarheden": 30, "W_zekerheid": 60})
    (10, 'Nog 10 punten te verdelen (samen 90 van de 100).')
    >>> points_status({c: 20 for c in WEIGHT_COLUMNS})
    (0, 'De 100 punten zijn verdeeld.')
    >>> points_status({"W_tastbaarheden": 120})[1]
    'Je hebt 20 punten te veel verdeeld (samen 120); haal er 20 weg, want het totaal moet 100 zijn.'
    """
    total = sum(int(answers.get(c) or 0) for c in WEIGHT_COLUMNS)
    remaining = 100 - total
    if remaining == 0:
        return 0, "De 100 punten zijn verdeeld."
    if remaining > 0:
        return remaining, f"Nog {remaining} punten te verdelen (samen {total} van de 100)."
    return remaining, (f"Je hebt {-remaining} punten te veel verdeeld (samen {total}); "
                       f"haal er {-remaining} weg, want het totaal moet 100 zijn.")


def widget_scores(answers: Mapping, reference: pd.DataFrame | None = None, *, scale: int = 7) -> pd.DataFrame:
    """The widget's update logic: one student's answers scored per dimension, beside a survey.

    ``answers`` maps ``E1`` .. ``E22``, ``P1`` .. ``P22`` and ``W_<dimensie>`` to
    whole numbers (unanswered items may be left out); ``reference`` is
    :func:`klantlib.servqual.summary` of a survey. Per dimension: the student's
    mean expectation, perception and gap over the items answered on both sides
    (``jouw_...``, :func:`~klantlib.servqual.summary` of the answers as a one-row
    survey, :func:`~klantlib.servqual.answers_frame`), how many items that is
    (:func:`~klantlib.servqual.item_counts`), the student's points and the
    survey's mean gap and interval (``enquete_...``). An answer that
    :func:`~klantlib.servqual.validate_survey` rejects (outside 1..``scale``, not
    a whole number) counts as not given.

    >>> ans = {"E1": 7, "P1": 5, "E2": 6, "P2": 6, "W_tastbaarheden": 100}
    >>> widget_scores(ans).loc["tastbaarheden", ["jouw_gap", "items", "punten"]].tolist()
    [-1.0, 2.0, 100.0]
    """
    row = answers_frame(answers)
    with warnings.catch_warnings():  # a rejected answer simply counts as not given
        warnings.simplefilter("ignore", KlantDataWarning)
        own = summary(row, scale=scale, errors="missing")
        items = item_counts(servqual_gaps(row, scale=scale, errors="missing")).iloc[0]
    out = pd.DataFrame({
        "jouw_verwachting": own["verwachting"],
        "jouw_perceptie": own["perceptie"],
        "jouw_gap": own["gap"],
        "items": items,
        "punten": row[list(WEIGHT_COLUMNS)].iloc[0].to_numpy(),
    }, index=own.index)
    if reference is not None:
        ref = reference.reindex(list(DIMENSIONS))
        out["enquete_gap"] = ref["gap"].to_numpy()
        out["enquete_ondergrens"] = ref["ondergrens"].to_numpy()
        out["enquete_bovengrens"] = ref["bovengrens"].to_numpy()
    return out


def _your_score(answers: Mapping, *, scale: int = 7) -> tuple[float, float]:
    """The student's SERVQUAL score, unweighted and weighted with their points (NaN if they don't add up to 100)."""
    row = answers_frame(answers)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", KlantDataWarning)
        unweighted = servqual_score(row, scale=scale, errors="missing")["servqual"].iloc[0]
        weighted = servqual_score(row, scale=scale, weighted=True, errors="missing")["servqual"].iloc[0]
    return float(unweighted), float(weighted)


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
    from klantlib.servqual import validate_survey

    values = validate_survey(survey, scale=scale, errors=errors)
    means = values.mean()
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

    Answers are saved to ``<folder>/<name>.json`` as they are given (see
    :class:`klantlib.answers.AnswerStore`) and restored the next time, even after a
    kernel restart. Each change scores the answers (:func:`widget_scores`) and
    redraws one figure beside the averages of ``survey`` (if given).

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
    from klantlib.survey import scale_legend
    from klantlib.views._widgets import FigureArea, message_html, save_answers, with_class

    # Never raises for a bad folder or file: store.message says what is wrong (shown below).
    store = AnswerStore(name, folder=folder, order=ANSWER_KEYS,
                        validate=lambda k, v: valid_answer(k, v, scale=scale))
    reference = summary(survey, scale=scale, errors="missing") if survey is not None else None
    options = [("–", None)] + [(str(i), i) for i in range(1, scale + 1)]
    wide = {"description_width": "initial"}
    controls = {}

    organisation = widgets.Text(value=store.get("organisatie", ""), description="Organisatie",
                                placeholder="bijvoorbeeld: de bibliotheek van mijn hogeschool", style=wide,
                                layout=widgets.Layout(width="480px"))
    organisation.add_class("klant-organisatie")
    controls["organisatie"] = organisation

    def item_rows(kind):
        rows = [with_class(widgets.HTML(f"<i>{scale_legend(scale, SCALE_ENDS)}</i>"), "klant-schaal")]
        for i in ITEMS.index:
            key = f"{kind}{i}"
            text = ITEMS.at[i, "verwachting" if kind == "E" else "perceptie"]
            dd = widgets.Dropdown(options=options, value=store.get(key), description=f"{kind}{i}",
                                  layout=widgets.Layout(width="130px"), style={"description_width": "36px"})
            dd.add_class(f"klant-{key}")
            controls[key] = dd
            rows.append(widgets.HBox([dd, widgets.HTML(text, layout=widgets.Layout(width="420px"))]))
        return widgets.VBox(rows)

    points = []
    for dim in DIMENSIONS:
        key = f"W_{dim}"
        box = widgets.BoundedIntText(value=store.get(key, 0), min=0, max=100, step=5, description=LABELS[dim],
                                     style={"description_width": "140px"}, layout=widgets.Layout(width="240px"))
        box.add_class(f"klant-{key}")
        controls[key] = box
        points.append(box)
    rest = widgets.HTML()
    rest.add_class("klant-punten-rest")
    points_page = widgets.VBox([widgets.HTML("Verdeel 100 punten over de vijf dimensies: hoe belangrijker, "
                                             "hoe meer punten."), *points, rest])

    tabs = widgets.Tab(children=[item_rows("E"), item_rows("P"), points_page])
    for k, title in enumerate(["Verwachtingen (E)", "Percepties (P)", "Punten"]):
        tabs.set_title(k, title)

    message = widgets.HTML(message_html(store.message))
    message.add_class("klant-melding")
    outcome = widgets.HTML()
    outcome.add_class("klant-uitkomst")
    export = widgets.Button(description="Exporteer als CSV", icon="download")
    export.add_class("klant-export")
    area = FigureArea((7, 4))

    def current() -> dict:
        return {k: c.value for k, c in controls.items()}

    chart = _GapBars(area.ax, widget_scores(current(), reference, scale=scale))
    area.redraws(*chart.changing)

    def redraw():
        answers = current()
        scores = widget_scores(answers, reference, scale=scale)
        org = answers.get("organisatie") or "jouw organisatie"
        chart.update(scores, title=f"Gap per dimensie: {org}", label=org)
        remaining, text = points_status(answers)
        rest.value = f"<b>{text}</b>" if remaining else text
        unweighted, weighted = _your_score(answers, scale=scale)
        answered = int(scores["items"].sum())
        if answered == 0:
            outcome.value = "Vul verwachtingen én percepties in; dan verschijnt hier je SERVQUAL-score."
        else:
            w_text = (f", gewogen met je punten {number(weighted, 2)}" if not math.isnan(weighted)
                      else " (gewogen score: verdeel eerst precies 100 punten)")
            outcome.value = (f"SERVQUAL-score van {org}: ongewogen <b>{number(unweighted, 2)}</b>{w_text}; "
                             f"op {answered} van de 22 items.")
        area.show()

    def to_store(key, new):
        return (new.strip() or None) if key == "organisatie" else new

    def to_control(key, value):
        if key == "organisatie":
            return value or ""
        return (0 if key.startswith("W_") else None) if value is None else value

    save_answers(store, controls, message, after=redraw, export=export, columns=ANSWER_KEYS,
                 value=to_store, shown=to_control)
    redraw()
    return widgets.VBox([organisation, widgets.HBox([tabs, widgets.VBox([area.output, outcome])]),
                         widgets.HBox([export, message])])
