"""The one questionnaire widget: every questionnaire of the course is filled in, saved and exported here.

- :class:`QuestionnaireForm`: the controls of a :class:`klantlib.survey.Questionnaire`
  (a dropdown per item, a tab per part, the points per dimension, what the ends of
  the scale mean), saved as they are given with
  :class:`klantlib.answers.AnswerStore` and exported as CSV. A model's own widget
  (SERVQUAL's gaps, the VALS type) builds on it and adds its figure.
- :func:`questionnaire_widget`: a questionnaire with its default figure, your
  score per dimension beside a survey's mean (:func:`dimension_bars`). Every
  number comes from the model (:meth:`~klantlib.survey.Questionnaire.own_profile`).

In a notebook one line shows a questionnaire::

    questionnaire_widget(Questionnaire.load("relatiesterkte"))
"""

from __future__ import annotations

import html
import math
from collections.abc import Callable, Mapping

import numpy as np
import pandas as pd

from klantlib.answers import DEFAULT_FOLDER, AnswerStore
from klantlib.survey import Questionnaire

__all__ = ["NO_ANSWER", "QuestionnaireForm", "dimension_bars", "questionnaire_widget"]

#: The value of an item's choice "–" (no answer): a value of its own, so the list shows "–" and not an empty box.
NO_ANSWER = ""


class QuestionnaireForm:
    """The controls of a questionnaire, saved as they are given and restored the next time.

    Answers are saved to ``<folder>/<name>.json`` (``name`` defaults to the
    questionnaire's name; see :class:`klantlib.answers.AnswerStore`), even after a
    kernel restart; a save that fails says so in red and loses nothing. The export
    button writes them as CSV in questionnaire order, which
    :meth:`klantlib.survey.Questionnaire.read` and ``.pool`` read back.

    Args:
        questionnaire: the questionnaire.
        folder, name: where the answers are saved.
        fields: extra text fields before the items, key -> Dutch label (SERVQUAL's
            ``{"organisatie": "Organisatie"}``); saved like the answers.
        after: called after every change (a widget redraws its figure there).
        text_width: the width of the item texts.

    Attributes:
        controls: key -> control (items, points, fields), each with the CSS class
            ``klant-<key>`` for browser tests.
        pages: the items (a Tab with a page per part, and one for the points).
        message: messages about saving, restoring and exporting (``klant-melding``).
        export: the CSV export button (``klant-export``).
        points_message: how many points are left (``klant-punten-rest``), or None.
        store: the :class:`~klantlib.answers.AnswerStore`.
    """

    def __init__(self, questionnaire: Questionnaire, *, folder=DEFAULT_FOLDER, name: str | None = None,
                 fields: Mapping[str, str] | None = None, after: Callable[[], None] | None = None,
                 text_width: str = "420px"):
        import ipywidgets as widgets

        from klantlib.views._widgets import message_html, save_answers, with_class

        self.questionnaire = q = questionnaire
        fields = dict(fields or {})
        keys = [*fields, *q.codes, *q.points_columns]
        # Never raises for a bad folder or file: store.message says what is wrong (shown below).
        self.store = store = AnswerStore(name or q.name, folder=folder, order=keys,
                                         validate=lambda key, value: (isinstance(value, str) if key in fields
                                                                      else q.is_answer(key, value)))
        low, high = q.scale
        # "–" (no answer yet) has a value of its own: ipywidgets shows a list whose value is None as an empty box,
        # and the arrow keys could not bring it back. answers() and the store see None.
        options = [("–", NO_ANSWER)] + [(str(v), v) for v in range(low, high + 1)]
        self.controls = controls = {}
        self.fields = []

        def to_control(key, value):
            if key in fields:
                return value or ""
            return (0 if key in q.points_columns else NO_ANSWER) if value is None else value

        for key, label in fields.items():
            text = with_class(widgets.Text(value=store.get(key, ""), description=label, style={"description_width":
                                                                                                 "initial"},
                                           layout=widgets.Layout(width="480px")), f"klant-{key}")
            controls[key] = text
            self.fields.append(text)

        def item_page(codes):
            rows = [with_class(widgets.HTML(f"<i>{html.escape(q.legend)}</i>"), "klant-schaal")]
            for code in codes:
                dropdown = with_class(widgets.Dropdown(options=options, value=to_control(code, store.get(code)),
                                                       description=code,
                                                       layout=widgets.Layout(width="130px"),
                                                       style={"description_width": "48px"}), f"klant-{code}")
                controls[code] = dropdown
                rows.append(widgets.HBox([dropdown, widgets.HTML(html.escape(q.items.at[code, "tekst"]),
                                                                 layout=widgets.Layout(width=text_width))]))
            return widgets.VBox(rows)

        pages = [(title or q.title, item_page(codes)) for title, codes in q.parts.items()]
        self.points_message = None
        if q.points is not None:
            boxes = []
            for column in q.points_columns:
                box = with_class(widgets.BoundedIntText(value=store.get(column, 0), min=0, max=int(q.points), step=5,
                                                        description=column.removeprefix("W_").capitalize(),
                                                        style={"description_width": "140px"},
                                                        layout=widgets.Layout(width="240px")), f"klant-{column}")
                controls[column] = box
                boxes.append(box)
            self.points_message = with_class(widgets.HTML(), "klant-punten-rest")
            intro = widgets.HTML(f"Verdeel {q.points:g} punten over de {len(boxes)} dimensies: hoe belangrijker, "
                                 "hoe meer punten.")
            pages.append(("Punten", widgets.VBox([intro, *boxes, self.points_message])))
        if len(pages) == 1:
            self.pages = pages[0][1]
        else:
            self.pages = widgets.Tab(children=[page for _, page in pages])
            for k, (title, _) in enumerate(pages):
                self.pages.set_title(k, title)
        self.message = with_class(widgets.HTML(message_html(store.message)), "klant-melding")
        self.export = with_class(widgets.Button(description="Exporteer als CSV", icon="download",
                                                tooltip="Schrijf je antwoorden als CSV-bestand"), "klant-export")

        def changed():
            if self.points_message is not None:
                remaining, text = q.points_left(self.answers())
                self.points_message.value = f"<b>{html.escape(text)}</b>" if remaining else html.escape(text)
            if after is not None:
                after()

        def to_store(key, new):
            if key in fields:
                return new.strip() or None
            return None if new == NO_ANSWER else new

        save_answers(store, controls, self.message, after=changed, export=self.export, columns=keys,
                     value=to_store, shown=to_control)
        self._changed = changed

    def answers(self) -> dict:
        """The answers as the controls show them now: key -> value (None where nothing is chosen)."""
        return {key: None if control.value == NO_ANSWER and key in self.questionnaire.codes else control.value
                for key, control in self.controls.items()}

    def item_answers(self) -> dict:
        """Only the answers to items and points, for the model (the extra text fields left out)."""
        fields = {key for key in self.controls if key not in self.questionnaire.codes
                  and key not in self.questionnaire.points_columns}
        return {key: value for key, value in self.answers().items() if key not in fields}

    def refresh(self) -> None:
        """Update the points message and call ``after`` once, as after a change (a widget's first draw)."""
        self._changed()

    def footer(self):
        """The export button and the message line, side by side."""
        import ipywidgets as widgets

        return widgets.HBox([self.export, self.message])

    def beside(self, *shown):
        """The whole widget: the text fields, the items with ``shown`` beside them (a figure, its reading), the footer.

        The one layout of every questionnaire widget of the course.
        """
        import ipywidgets as widgets

        # the items keep their width beside a wide figure (a questionnaire without parts is a plain box, which would shrink)
        self.pages.layout.flex = "0 0 auto"
        return widgets.VBox([*self.fields, widgets.HBox([self.pages, widgets.VBox(list(shown))]), self.footer()])


class _DimensionBars:
    """The bars of :func:`dimension_bars`; :meth:`update` redraws the respondent's side in place."""

    def __init__(self, ax, table: pd.DataFrame, scale: tuple[int, int], *, title: str | None = None,
                 label: str = "jij", survey_label: str = "enquête (gemiddelde, 95%-interval)",
                 ylabel: str = "dimensie", xlabel: str | None = None, legend_columns: int = 2,
                 empty: str = "nog niet ingevuld", **kwargs):
        from matplotlib.patches import Patch

        from klantlib.plotting import PALETTE, decorate, text_colour, underride

        self.ax = ax
        y = np.arange(len(table))[::-1].astype(float)
        survey = "enquete_gemiddelde" in table.columns
        height = kwargs.pop("height", 0.38 if survey else 0.6)
        self.survey = None
        if survey:
            mean = table["enquete_gemiddelde"]
            low = (mean - table["enquete_ondergrens"]).fillna(0).to_numpy()
            high = (table["enquete_bovengrens"] - mean).fillna(0).to_numpy()
            self.survey = ax.barh(y + height / 2, mean.to_numpy(), height, xerr=[low, high], left=0,
                                  **underride(kwargs, Patch, color=PALETTE[0],
                                              error_kw={"ecolor": "#555555", "capsize": 3},
                                              label=survey_label))
        offset = -height / 2 if survey else 0.0
        # Hatched: not by colour alone. Above the axes and spines (zorder 2.5), so an answer redraws only these bars
        # and the texts over the saved background (klantlib.views._widgets.FigureArea), not the tick labels.
        self.mine = ax.barh(y + offset, np.zeros(len(y)), height,
                            **underride(kwargs, Patch, color=PALETTE[1], hatch="//", edgecolor="white", label=label,
                                        zorder=2.6))
        self.empty = [ax.text(0.02, yy, empty, va="center", fontsize="small",
                              color=text_colour("#777777"), transform=ax.get_yaxis_transform()) for yy in y + offset]
        ax.set_yticks(y, [str(label).capitalize() for label in table.index])
        ax.set_xlim(0, scale[1] + 0.3)
        decorate(ax, xlabel=xlabel or f"gemiddeld antwoord ({scale[0]}-{scale[1]})", ylabel=ylabel)
        # Below the x label at a distance in font sizes, not in axes fractions: one dimension makes a short axes.
        self.legend = ax.legend(loc="upper center", bbox_to_anchor=(0.5, 0), borderaxespad=3.8, ncol=legend_columns,
                                fontsize="small", frameon=False)
        self.title = ax.set_title("")
        self.changing = [*self.mine, *self.empty, self.legend, self.title]
        self.update(table, title=title, label=label)

    def update(self, table: pd.DataFrame, *, title: str | None = None, label: str = "jij") -> None:
        for bar, text, value in zip(self.mine, self.empty, table["jouw_score"].to_numpy(dtype=float)):
            bar.set_width(0.0 if math.isnan(value) else value)
            text.set_visible(math.isnan(value))
        self.legend.get_texts()[-1].set_text(label)
        self.title.set_text(title or "Jouw score per dimensie")


def dimension_bars(table: pd.DataFrame, scale: tuple[int, int], ax=None, *, title: str | None = None,
                   label: str = "jij", figsize=None, **kwargs):
    """Horizontal bars: a respondent's score per dimension, beside a survey's mean with its 95% interval.

    ``table`` is :meth:`klantlib.survey.Questionnaire.own_profile`; ``scale`` the
    questionnaire's ``(low, high)``. Keyword arguments go to ``ax.barh``. Returns the axes.
    """
    import matplotlib.pyplot as plt

    from klantlib.plotting import figure_size

    if ax is None:
        _, ax = plt.subplots(figsize=figsize or figure_size())
    _DimensionBars(ax, table, scale, title=title, label=label, **kwargs)
    return ax


def questionnaire_widget(questionnaire: Questionnaire, survey: pd.DataFrame | None = None, *,
                         folder=DEFAULT_FOLDER, name: str | None = None):
    """Any questionnaire as a widget: the items, your score per dimension, and a survey's mean beside it.

    CSS classes for browser tests: those of :class:`QuestionnaireForm`, and
    ``klant-figuur`` (the figure) and ``klant-uitkomst`` (the sentence under it).
    """
    import ipywidgets as widgets

    from klantlib.views._widgets import FigureArea, with_class

    q = questionnaire
    outcome = with_class(widgets.HTML(layout=widgets.Layout(width="520px")), "klant-uitkomst")
    area = FigureArea((6.5, 1.9 + 0.5 * len(q.dimensions)))
    chart = _DimensionBars(area.ax, q.own_profile({}, survey), q.scale)
    area.redraws(*chart.changing)

    def redraw():
        profile = q.own_profile(form.item_answers(), survey)
        chart.update(profile)
        outcome.value = (f"<b>{html.escape(q.title)}</b>: je hebt {profile.attrs['beantwoord']} van de "
                         f"{len(q.codes)} items beantwoord. Bron: {html.escape(q.source)}.")
        area.show()

    form = QuestionnaireForm(q, folder=folder, name=name, after=redraw)
    form.refresh()
    return form.beside(area.output, outcome)
