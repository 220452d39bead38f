"""Figures and widgets of notebook 01 (who is the customer?).

- :func:`eras_timeline`: how marketing looked at customers over time, Wierenga's three eras.
- :func:`market_figure`: Trapper's customers, revenue share and order size per market.
- :func:`customer_diagram`: payer, organisation and user of one organisation.
- :func:`customer_widget`: pick an organisation and see who its customers are and why;
  its update logic, :func:`customer_html`, is a plain function over
  :func:`klantlib.klant.who_is_the_customer`.
- :func:`depest_widget`: the scaffold of the book's opdracht 1.1 (markets of an
  organisation, per market the DEPEST factors and the meso analysis, and advice for the
  short and the long term), saved as it is typed with :class:`klantlib.answers.AnswerStore`
  and exported as CSV.

Every text and number comes from :mod:`klantlib.klant`. Every plot helper draws on
``ax`` (or makes a figure of ``figsize``, by default a size that grows in presentation
mode), passes its keyword arguments to its main plotting call and only fills in
defaults, and returns the axes.
"""

from __future__ import annotations

import html
import textwrap
from collections.abc import Mapping

import pandas as pd

from klantlib.answers import DEFAULT_FOLDER, AnswerStore
from klantlib.formatting import counted
from klantlib.klant import (
    ADVICE,
    DEPEST,
    ERAS,
    MARKET_NAMES,
    MESO,
    ORGANISATIONS,
    CustomerParties,
    depest_progress,
    who_is_the_customer,
)

__all__ = [
    "DEPEST_KEYS",
    "MARKET_KEYS",
    "customer_diagram",
    "customer_html",
    "customer_widget",
    "depest_frame",
    "depest_widget",
    "eras_timeline",
    "market_figure",
    "valid_depest_answer",
]

#: Short labels of the four markets in figures.
MARKET_LABELS = {
    "consumentenmarkt": "consumenten",
    "business-to-businessmarkt": "business-to-business",
    "institutionele markt": "institutioneel",
    "overheid": "overheid",
}

#: The key of each market in the opdracht 1.1 answers (``markt_<key>``, ``<key>_<factor>``, ``<key>_meso``).
MARKET_KEYS = {
    "consumentenmarkt": "consument",
    "business-to-businessmarkt": "b2b",
    "institutionele markt": "institutioneel",
    "overheid": "overheid",
}
#: The key of each row of the analysis per market: the six DEPEST factors, then the meso analysis.
_FACTOR_KEYS = {**{factor: factor.lower().replace("-", "_") for factor in DEPEST.index}, MESO[0]: "meso"}
#: The key of each part of the advice.
_ADVICE_KEYS = {"Korte termijn": "advies_kort", "Lange termijn": "advies_lang"}
assert list(_ADVICE_KEYS) == list(ADVICE.index)

#: Every key the opdracht 1.1 scaffold saves, in questionnaire order: the organisation, its markets,
#: per market the DEPEST factors and the meso analysis, and the advice.
DEPEST_KEYS = ("organisatie",
               *(f"markt_{MARKET_KEYS[m]}" for m in MARKET_NAMES),
               *(f"{MARKET_KEYS[m]}_{key}" for m in MARKET_NAMES for key in _FACTOR_KEYS.values()),
               *_ADVICE_KEYS.values())


def _new_axes(ax, figsize, default_size):
    import matplotlib.pyplot as plt

    from klantlib.plotting import figure_size

    if ax is None:
        _, ax = plt.subplots(figsize=figsize or figure_size(default_size))
    return ax


# -- the history of marketing ------------------------------------------------------------------

def eras_timeline(ax=None, *, figsize=None, **kwargs):
    """The eras of :data:`klantlib.klant.ERAS` as a row of arrows, oldest left; returns the axes.

    The arrows are equally wide (the eras are not equally long); the approximate
    year where an era begins is written under its start. Era 0 (made to order) is
    grey: it comes before Wierenga's three eras. Keyword arguments go to every
    arrow (``FancyArrow``: ``facecolor``, ``alpha`` ...).
    """
    from matplotlib.patches import FancyArrow

    from klantlib.plotting import PALETTE, contrast, underride

    ax = _new_axes(ax, figsize, (10, 3.4))
    colours = ["#BBBBBB", PALETTE[4], PALETTE[0], PALETTE[2]]
    width, gap = 2.4, 0.1
    for k, (era, row) in enumerate(ERAS.iterrows()):
        x = 0.1 + k * (width + gap)
        ax.add_patch(FancyArrow(x, 2.0, width - 0.35, 0, width=1.3, head_width=1.3, head_length=0.35,
                                length_includes_head=False,
                                **underride(kwargs, facecolor=colours[k % len(colours)], edgecolor="white")))
        header = "vóór Wierenga" if era == 0 else f"tijdperk {era}"
        fill = colours[k % len(colours)]
        ink = "white" if contrast("white", fill) >= 4.5 else "black"  # readable on the arrow (WCAG AA)
        ax.text(x + 0.15, 2.3, header, fontsize="small", color=ink, fontweight="bold", va="center")
        ax.text(x + 0.15, 1.8, textwrap.fill(row["naam"], 16), color=ink, fontweight="bold", va="center")
        ax.text(x + 0.05, 1.05, f"vanaf ± {row['van']}", fontsize="small", va="top")
        ax.text(x + 0.05, 0.7, textwrap.fill(row["voorbeeld"], 26), fontsize="small", va="top", style="italic",
                color="#444444")
    ax.set_xlim(0, 0.1 + len(ERAS) * (width + gap) + 0.2)
    ax.set_ylim(-0.5, 3.0)
    ax.axis("off")
    ax.set_title("Van maatwerk via massamarketing naar de individuele klant (Wierenga, 2001)")
    from klantlib.plotting import describe

    describe(ax, "Tijdlijn van de marketingtijdperken, van oud naar nieuw: "
             + "; ".join(f"{row['naam']} (vanaf ± {row['van']})" for _, row in ERAS.iterrows()) + ".")
    return ax


# -- Trapper per market -----------------------------------------------------------------------

def market_figure(summary: pd.DataFrame, axes=None, *, figsize=None, **kwargs):
    """Three bar charts per market: customers, share of net revenue, median order; returns the axes.

    ``summary`` is :func:`klantlib.klant.market_summary`. Each bar carries its value,
    written the Dutch way. A negative value (a market's share of the net revenue is
    below 0 when its net revenue and the selection's have opposite signs, as with
    more returns than sales) is a bar to the left of 0, within the axis.
    Keyword arguments go to every ``ax.barh`` (``color``, ``height`` ...).
    """
    import matplotlib.pyplot as plt
    from matplotlib.patches import Rectangle

    from klantlib.formatting import euro, number, percent
    from klantlib.plotting import PALETTE, figure_size, underride

    if axes is None:
        _, axes = plt.subplots(1, 3, figsize=figsize or figure_size((11, 3.6)), sharey=True)
    table = summary.reindex(list(MARKET_NAMES))
    labels = [MARKET_LABELS[m] for m in table.index]
    y = list(range(len(labels)))[::-1]
    panels = [("klanten", "klanten die kochten", "aantal klanten", number),
              ("aandeel_omzet", "aandeel van de netto omzet", "aandeel (%)", lambda v: percent(v, 0)),
              ("mediaan_bestelling", "mediaan van een bestelling", "bedrag (€)", lambda v: euro(v, 0))]
    for ax, (column, title, xlabel, fmt) in zip(axes, panels):
        values = table[column].astype(float)
        ax.barh(y, values.fillna(0).to_numpy(), **underride(kwargs, Rectangle, color=PALETTE[0], height=0.6))
        for yy, value in zip(y, values):  # each value beside the end of its bar; a negative bar points left
            if value < 0:
                ax.text(value, yy, f"{fmt(value)} ", va="center", ha="right", fontsize="small")
            else:
                ax.text(value if value == value else 0, yy, f" {fmt(value)}", va="center", fontsize="small")
        # The axis holds every bar, a negative one too, and room for its value; 0 stays in view, marked by a line
        # when a bar points left.
        high = max(float(values.max()), 0.0) if values.notna().any() else 0.0
        low = min(float(values.min()), 0.0) if values.notna().any() else 0.0
        room = 0.45 * (high - low)
        ax.set_xlim(low - room if low < 0 else 0, high + room if high > 0 else (0 if low < 0 else 1))
        if low < 0:
            ax.axvline(0, color="0.4", linewidth=0.8)
        ax.set_title(title, fontsize="medium")
        ax.set_xlabel(xlabel)  # no ticks: each bar carries its value
        ax.set_xticks([])
        ax.grid(False)
    axes[0].set_yticks(y, labels)
    axes[0].set_ylabel("markt")
    axes[0].figure.suptitle("Trapper Fietsen per markt (2024-2025)", fontweight="bold", x=0.02, ha="left")
    return axes


# -- who is the customer of one organisation ---------------------------------------------------

_PAYS = {"ja": "de gebruiker betaalt zelf", "deels": "de gebruiker betaalt soms of deels zelf",
         "nee": "de gebruiker betaalt niet"}
_CHOOSE = {"ja": "kan naar een andere aanbieder", "beperkt": "kan maar beperkt kiezen", "nee": "kan niet kiezen"}


class _CustomerDiagram:
    """The boxes of :func:`customer_diagram`; :meth:`update` only changes the texts.

    ``changing`` lists the artists :meth:`update` changes.
    """

    def __init__(self, ax, parties: CustomerParties, **kwargs):
        from matplotlib.patches import FancyBboxPatch

        from klantlib.plotting import PALETTE, text_colour, underride

        self.ax = ax
        ax.set_xlim(0, 10)
        ax.set_ylim(0, 6.4)
        ax.axis("off")
        boxes = {"betaler": (0.2, 3.2, PALETTE[1], "#FBE8C8"), "gebruiker": (6.6, 3.2, PALETTE[2], "#D5F0E6"),
                 "organisatie": (3.4, 0.25, PALETTE[0], "#DCEBF7")}
        self.texts = {}
        for key, (x, y, edge, face) in boxes.items():
            ax.add_patch(FancyBboxPatch((x, y), 3.2, 2.3, boxstyle="round,pad=0.08",
                                        **underride(kwargs, facecolor=face, edgecolor=edge, linewidth=1.5)))
            ax.text(x + 0.15, y + 2.15, key.capitalize(), fontweight="bold", va="top",
                    color=text_colour(edge, face))
            self.texts[key] = ax.text(x + 0.15, y + 1.75, "", va="top", fontsize="small")
        arrow = {"arrowstyle": "-|>", "color": "#333333", "linewidth": 1.4}
        ax.annotate("", xy=(3.35, 1.9), xytext=(1.8, 3.15), arrowprops=arrow)
        ax.text(1.3, 2.3, "betaalt", fontsize="small", ha="center", style="italic")
        ax.annotate("", xy=(8.2, 3.15), xytext=(6.65, 1.9), arrowprops=arrow)
        ax.text(8.7, 2.3, "levert aan", fontsize="small", ha="center", style="italic")
        ax.plot([3.5, 6.5], [4.35, 4.35], color="#777777", linestyle=":", linewidth=1.2)
        self.link = ax.text(5.0, 4.5, "", fontsize="small", ha="center", va="bottom", color="#555555")
        self.choice = ax.text(5.0, 4.2, "", fontsize="small", ha="center", va="top", color="#555555")
        self.title = ax.set_title("")
        self.changing = [*self.texts.values(), self.link, self.choice, self.title]
        self.update(parties)

    def update(self, parties: CustomerParties) -> None:
        organisation = f"{parties.organisation}\n{textwrap.fill(parties.kind, 27)}\n" + (
            "met winstoogmerk" if parties.profit else "zonder winstoogmerk")
        self.texts["organisatie"].set_text(organisation)
        for key, text in (("betaler", parties.payer), ("gebruiker", parties.user)):
            self.texts[key].set_text(textwrap.fill(textwrap.shorten(text, 130, placeholder=" ..."), 27))
        self.link.set_text(textwrap.fill(_PAYS[parties.user_pays], 28))
        self.choice.set_text(textwrap.fill(f"de gebruiker {_CHOOSE[parties.can_choose]}", 28))
        self.title.set_text(f"Wie is de klant van {parties.organisation}?")
        from klantlib.plotting import describe

        describe(self.ax, f"Wie is de klant van {parties.organisation}? Betaler: {parties.payer}. "
                 f"Gebruiker: {parties.user}. {_PAYS[parties.user_pays].capitalize()}; "
                 f"de gebruiker {_CHOOSE[parties.can_choose]}.")


def customer_diagram(parties: CustomerParties | str, ax=None, *, figsize=None, **kwargs):
    """Payer, organisation and user of one organisation as three boxes; returns the axes.

    ``parties`` is :func:`klantlib.klant.who_is_the_customer` (or a name for it). The
    arrows show who pays the organisation and to whom it delivers; between payer and
    user: does the user pay, and can the user choose. Keyword arguments go to the
    boxes (``FancyBboxPatch``: ``facecolor``, ``linewidth`` ...).
    """
    if isinstance(parties, str):
        parties = who_is_the_customer(parties)
    ax = _new_axes(ax, figsize, (8, 4.5))
    _CustomerDiagram(ax, parties, **kwargs)
    return ax


def customer_html(organisation: str, organisations: pd.DataFrame | None = None) -> str:
    """The widget's text for one organisation: markets, payer, user, other roles and reasoning (HTML).

    >>> text = customer_html("Gemeente Lindewijk")
    >>> "monopolie" in text, "<b>Betaler:</b>" in text
    (True, True)
    """
    parties = who_is_the_customer(organisation, organisations)
    esc = html.escape
    motive = "met winstoogmerk" if parties.profit else "zonder winstoogmerk"
    items = [f"<li><b>Betaler:</b> {esc(parties.payer)}</li>",
             f"<li><b>Gebruiker:</b> {esc(parties.user)} ({_PAYS[parties.user_pays]}; "
             f"de gebruiker {_CHOOSE[parties.can_choose]})</li>",
             *(f"<li><b>{esc(role.capitalize())}:</b> {esc(party)}</li>" for role, party in parties.other_roles)]
    return (f"<p><b>{esc(parties.organisation)}</b>: {esc(parties.kind)}, {motive}. "
            f"Markt: {esc(', '.join(parties.markets))}.</p><ul>{''.join(items)}</ul>"
            f"<p><i>Waarom?</i> {esc(parties.reasoning)}</p>")


def customer_widget(organisations: pd.DataFrame | None = None, *, start: str = "Trapper Fietsen"):
    """Pick an organisation and see who its customers are and why.

    A dropdown of the organisations in ``organisations`` (default
    :data:`klantlib.klant.ORGANISATIONS`); the diagram (:func:`customer_diagram`) and the
    text (:func:`customer_html`) follow at once. CSS classes for browser tests:
    ``klant-organisatie-keuze`` (the dropdown), ``klant-klantbeeld`` (the text) and
    ``klant-figuur`` (the figure output).
    """
    import ipywidgets as widgets

    from klantlib.views._widgets import FigureArea, redraw_on_change, with_class

    table = ORGANISATIONS if organisations is None else organisations
    names = list(table.index)
    choose = with_class(widgets.Dropdown(options=names, value=start if start in names else names[0],
                                         description="Organisatie", layout=widgets.Layout(width="420px")),
                        "klant-organisatie-keuze")
    text = with_class(widgets.HTML(layout=widgets.Layout(max_width="760px")), "klant-klantbeeld")
    area = FigureArea((7.5, 4.5))
    diagram = _CustomerDiagram(area.ax, who_is_the_customer(choose.value, table))
    area.redraws(*diagram.changing)

    def update():
        diagram.update(who_is_the_customer(choose.value, table))
        text.value = customer_html(choose.value, table)
        area.show()

    redraw_on_change(update, choose)
    return widgets.VBox([choose, area.output, text])


# -- opdracht 1.1: markets and DEPEST ----------------------------------------------------------

def valid_depest_answer(key: str, value) -> bool:
    """Whether a saved answer fits the opdracht 1.1 scaffold (used when answers are restored).

    >>> valid_depest_answer("markt_b2b", True), valid_depest_answer("b2b_politiek", "nieuwe regels")
    (True, True)
    >>> valid_depest_answer("markt_b2b", "ja"), valid_depest_answer("b2b_weer", "regen")
    (False, False)
    """
    if key not in DEPEST_KEYS:
        return False
    if key.startswith("markt_"):
        return isinstance(value, bool)
    return isinstance(value, str)


def depest_frame(answers: Mapping) -> pd.DataFrame:
    """The analysis per market as a table: a row per DEPEST factor and one for the meso analysis
    (``Meso-omgeving``), a column per market chosen.

    A market is a column when its box is ticked (``markt_<key>``) or something was typed
    for it; empty cells are ``""``.

    >>> depest_frame({"organisatie": "Trapper", "markt_overheid": True,
    ...               "overheid_politiek": "gemeenten willen meer fietsen"}).loc["Politiek"].tolist()
    ['gemeenten willen meer fietsen']
    """
    columns = {}
    for market in MARKET_NAMES:
        key = MARKET_KEYS[market]
        cells = [str(answers.get(f"{key}_{row}") or "").strip() for row in _FACTOR_KEYS.values()]
        if answers.get(f"markt_{key}") or any(cells):
            columns[market] = cells
    return pd.DataFrame(columns, index=pd.Index(list(_FACTOR_KEYS), name="factor"))


def depest_widget(*, folder=DEFAULT_FOLDER, name: str = "opdracht_1_1"):
    """The scaffold of opdracht 1.1: an organisation, its markets, per market the macro (DEPEST) and
    meso analysis, and advice for the short and the long term.

    One tab per market: a box to tick when the organisation has customers there, a text
    field per DEPEST factor (with the guiding question of :data:`klantlib.klant.DEPEST`)
    and one for the meso analysis (:data:`klantlib.klant.MESO`); a last tab, *advies*,
    has a field for the short and one for the long term (:data:`klantlib.klant.ADVICE`).
    Answers are saved to ``<folder>/<name>.json`` as they are typed
    (:class:`klantlib.answers.AnswerStore`) and come back after a kernel restart;
    **Exporteer als CSV** writes ``<folder>/<name>.csv``.

    CSS classes for browser tests: ``klant-organisatie``, ``klant-markt_<key>`` (the
    boxes), ``klant-<key>_<factor>`` and ``klant-<key>_meso`` (the text fields per market),
    ``klant-advies_kort`` and ``klant-advies_lang``, ``klant-voortgang`` (how many fields
    are filled), ``klant-export`` and ``klant-melding``.
    """
    import ipywidgets as widgets

    from klantlib.views._widgets import message_html, save_answers, with_class

    store = AnswerStore(name, folder=folder, order=DEPEST_KEYS, validate=valid_depest_answer)
    controls = {}
    organisation = with_class(widgets.Text(value=store.get("organisatie", ""), description="Organisatie",
                                           placeholder="bijvoorbeeld: je hogeschool, je sportclub, je werkgever",
                                           style={"description_width": "initial"},
                                           layout=widgets.Layout(width="520px")), "klant-organisatie")
    controls["organisatie"] = organisation
    def text_field(answer_key: str, label: str, question: str):
        field = with_class(widgets.Textarea(value=store.get(answer_key, ""), placeholder=question,
                                            description=label, style={"description_width": "140px"},
                                            layout=widgets.Layout(width="720px", height="56px")),
                           f"klant-{answer_key}")
        controls[answer_key] = field
        return field

    pages = []
    for market in MARKET_NAMES:
        key = MARKET_KEYS[market]
        tick = with_class(widgets.Checkbox(value=bool(store.get(f"markt_{key}", False)), indent=False,
                                           description=f"Mijn organisatie heeft klanten in de {market}",
                                           layout=widgets.Layout(width="720px")),
                          f"klant-markt_{key}")
        controls[f"markt_{key}"] = tick
        macro = [text_field(f"{key}_{_FACTOR_KEYS[factor]}", factor, row["vraag"]) for factor, row in DEPEST.iterrows()]
        meso = text_field(f"{key}_meso", "Directe omgeving", MESO[1])
        pages.append(widgets.VBox([tick, widgets.HTML("<b>Macro-omgeving (DEPEST)</b>"), *macro,
                                   widgets.HTML("<b>Meso-omgeving</b>"), meso]))
    advice = [text_field(answer_key, term, ADVICE[term]) for term, answer_key in _ADVICE_KEYS.items()]
    pages.append(widgets.VBox([widgets.HTML("<b>Advies aan de organisatie</b>"), *advice]))
    tabs = widgets.Tab(children=pages)
    for k, title in enumerate([*(MARKET_LABELS[market] for market in MARKET_NAMES), "advies"]):
        tabs.set_title(k, title)

    progress = with_class(widgets.HTML(), "klant-voortgang")
    message = with_class(widgets.HTML(message_html(store.message)), "klant-melding")
    export = with_class(widgets.Button(description="Exporteer als CSV", icon="download"), "klant-export")

    def count():
        advice = {term: store.get(answer_key) for term, answer_key in _ADVICE_KEYS.items()}
        done = depest_progress(depest_frame(store.answers), advice)
        progress.value = (f"{counted(done['markten'], 'markt')} gekozen; {done['ingevuld']} van de "
                          f"{done['vakjes']} vakjes (DEPEST en meso) ingevuld; advies: {done['advies']} van de "
                          f"{done['adviesvakjes']}." if done["markten"]
                          else "Kies eerst in welke markten je organisatie klanten heeft.")

    def to_store(_key, new):
        if isinstance(new, str):
            return new.strip() or None
        return None if new is False else new

    def to_control(key, value):
        if key.startswith("markt_"):
            return bool(value)
        return value or ""

    save_answers(store, controls, message, after=count, export=export, columns=DEPEST_KEYS,
                 value=to_store, shown=to_control)
    count()
    return widgets.VBox([organisation, tabs, progress, widgets.HBox([export, message])])
