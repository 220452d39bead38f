"""Figures and the interactive funnel of notebook 06 (ORCA, the online buying journey).

The computing lives in :mod:`klantlib.orca`: :func:`klantlib.orca.funnel_state` is
the plain function behind the widget (filters in, funnel out) and
:func:`klantlib.orca.filter_options` its choices, so tests and benchmarks call them
without a browser. The widget only wires controls to them and updates one figure
in place.

Every plot helper draws on ``ax`` (or makes a figure of ``figsize``, by default
a size that grows in presentation mode), passes its keyword arguments to its
main plotting call and only fills in defaults, and returns the axes.
"""

from __future__ import annotations

import pandas as pd

from klantlib.orca import ALL, filter_options, funnel_state

__all__ = ["CHANNEL_COLORS", "funnel_figure", "funnel_widget", "mix_heatmap", "pattern_bars"]

#: One fixed colour per channel (Okabe & Ito).
CHANNEL_COLORS = {"online": "#0072B2", "offline": "#E69F00", "?": "#999999"}


def _new_axes(ax, figsize, default_size):
    import matplotlib.pyplot as plt

    from klantlib.plotting import figure_size

    if ax is None:
        _, ax = plt.subplots(figsize=figsize or figure_size(default_size))
    return ax


def _labels(table: pd.DataFrame) -> tuple[list[str], list[str]]:
    """The count inside each bar, and the conversions beside it."""
    from klantlib.formatting import number, percent

    inside = [number(n) for n in table["bereikt"]]
    beside = ["start" if k == 0 else f"{percent(step)} van de stap ervoor · {percent(total)} van de start"
              for k, (step, total) in enumerate(zip(table["stapconversie"], table["totale_conversie"]))]
    return inside, beside


class _FunnelPlot:
    """The funnel as drawn by :func:`funnel_figure`; :meth:`update` changes bars and texts in place."""

    def __init__(self, ax, table: pd.DataFrame, *, title: str | None = None, **kwargs):
        from matplotlib.patches import Patch

        from klantlib.plotting import PALETTE, decorate, number_axis, underride

        self.ax = ax
        names = list(table.index)
        self.bars = ax.barh(range(len(names)), [0] * len(names),
                            **underride(kwargs, Patch, color=PALETTE[0], height=0.7))
        self.inside = [ax.text(0, k, "", ha="right", va="center", color="white", fontweight="bold")
                       for k in range(len(names))]
        self.beside = [ax.text(0, k, "", ha="left", va="center", fontsize="small") for k in range(len(names))]
        ax.set_yticks(range(len(names)), [f"{k + 1} · {name}" for k, name in enumerate(names)])
        ax.invert_yaxis()
        ax.grid(axis="y", visible=False)
        number_axis(ax, "x")
        decorate(ax, xlabel="bereikt (stap gezien of een latere)", ylabel="stap van de klantreis")
        self.title = ax.set_title("")
        self.changing = [*self.bars, *self.inside, *self.beside, self.title]
        self.update(table, title=title)

    def update(self, table: pd.DataFrame, *, title: str | None = None) -> None:
        from matplotlib.ticker import MaxNLocator

        reached = table["bereikt"].to_numpy()
        top = max(int(reached.max()), 1)
        inside, beside = _labels(table)
        for bar, n, text_in, text_out, label_in, label_out in zip(self.bars, reached, self.inside, self.beside,
                                                                   inside, beside):
            bar.set_width(n)
            text_in.set_position((n - 0.01 * top, text_in.get_position()[1]))
            text_in.set_text(label_in if n >= 0.12 * top else "")
            text_out.set_position((n + 0.01 * top, text_out.get_position()[1]))
            text_out.set_text(label_out if n > 0 else f"{label_in} · {label_out}")
        # room on the right for the conversions; the axis itself runs only as far as the data
        self.ax.set_xlim(0, 1.7 * top)
        self.ax.set_xticks([t for t in MaxNLocator(nbins=5, integer=True).tick_values(0, top) if 0 <= t <= top])
        self.ax.spines["bottom"].set_bounds(0, top)
        self.title.set_text(title or "ORCA-trechter")


def funnel_figure(table: pd.DataFrame, ax=None, *, title: str | None = None, figsize=None, **kwargs):
    """The funnel of :func:`klantlib.orca.funnel` (one group) as bars, conversions written beside; returns the axes.

    Each bar is the number that reached the step; inside it the count, beside it
    the step conversion and the overall conversion. Keyword arguments go to
    ``ax.barh`` (``color``, ``height`` ...).
    """
    ax = _new_axes(ax, figsize, (9, 3.6))
    _FunnelPlot(ax, table, title=title, **kwargs)
    return ax


def mix_heatmap(mix: pd.DataFrame, ax=None, *, title: str | None = None, figsize=None, **kwargs):
    """A step × channel heatmap of :func:`klantlib.orca.channel_mix`, each share written in its cell; returns the axes.

    Keyword arguments go to ``ax.imshow`` (``cmap``, ``vmin``, ``vmax`` ...).
    """
    from klantlib.formatting import percent
    from klantlib.plotting import decorate, underride

    ax = _new_axes(ax, figsize, (5.5, 3.6))
    values = mix.to_numpy(dtype=float)
    options = underride(kwargs, cmap="Blues", vmin=0, vmax=1, aspect="auto")
    image = ax.imshow(values, **options)
    cmap, norm = image.get_cmap(), image.norm
    for (row, column), value in pd.DataFrame(values).stack(future_stack=True).items():
        red, green, blue, _ = cmap(norm(value)) if value == value else (1, 1, 1, 1)
        dark = 0.299 * red + 0.587 * green + 0.114 * blue < 0.5
        ax.text(column, row, percent(value, 0), ha="center", va="center",
                color="white" if dark else "black", fontweight="bold")
    ax.set_xticks(range(mix.shape[1]), list(mix.columns))
    ax.set_yticks(range(mix.shape[0]), [f"{k + 1} · {name}" for k, name in enumerate(mix.index)])
    ax.grid(False)
    ax.tick_params(length=0)
    decorate(ax, title=title or "Kanaal per stap", xlabel="kanaal (aandeel van wie die stap zette)",
             ylabel="stap van de klantreis")
    return ax


def pattern_bars(table: pd.DataFrame, ax=None, *, top: int = 8, title: str | None = None, figsize=None, **kwargs):
    """The ``top`` most common patterns of :func:`klantlib.orca.paths` as bars, the share beside each; returns the axes.

    ``table`` has the patterns as its index, a count (its first column other than ``aandeel``: ``klanten`` from
    :func:`~klantlib.orca.paths`, or ``reizen`` when a notebook counts journeys) and ``aandeel``. When the table
    has more patterns than ``top``, the title says how many are shown of how many (so does the figure's text
    alternative). Keyword arguments go to ``ax.barh`` (``color``, ``height`` ...).
    """
    from matplotlib.patches import Patch

    from klantlib.formatting import number, percent
    from klantlib.plotting import PALETTE, decorate, number_axis, underride

    ax = _new_axes(ax, figsize, (9, 0.45 * top + 1.2))
    count = next(c for c in table.columns if c != "aandeel")
    shown = table.head(top)
    bars = ax.barh(range(len(shown)), shown[count].to_numpy(), **underride(kwargs, Patch, color=PALETTE[2]))
    for bar, (n, share) in zip(bars, zip(shown[count], shown["aandeel"])):
        ax.text(bar.get_width(), bar.get_y() + bar.get_height() / 2, f" {number(n)} ({percent(share)})",
                va="center", fontsize="small")
    ax.set_yticks(range(len(shown)), list(shown.index))
    ax.invert_yaxis()
    ax.grid(axis="y", visible=False)
    ax.set_xlim(0, 1.3 * max(int(shown[count].max()), 1))
    number_axis(ax, "x")
    cut = f"de {len(shown)} meest voorkomende van {number(len(table))} patronen"
    if title is None:
        title = cut[0].upper() + cut[1:] if len(table) > len(shown) else "De patronen"
    elif len(table) > len(shown):
        title = f"{title}\n({cut})"
    decorate(ax, title=title, xlabel=f"aantal {count}", ylabel="patroon (stappen op volgorde)")
    return ax


# -- the widget -----------------------------------------------------------------------------------

def funnel_widget(events: pd.DataFrame, *, customer: str = "reis_id", stage: str = "stap", channel: str = "kanaal",
                  group_column: str = "klantgroep", time: str = "tijdstip"):
    """Filters for customer group, channel and period; the funnel follows at once.

    The period slider offers every month of the log and starts at the months in which journeys start
    (``start_months`` of :func:`klantlib.orca.filter_options`), so the first funnel counts every journey
    and no month without a start is chosen by default.

    CSS classes for browser tests: ``klant-orca-groep``, ``klant-orca-kanaal``
    (dropdowns), ``klant-orca-periode`` (range of months), ``klant-orca-telling``
    (the counts under the figure), ``klant-figuur`` (the figure output).
    A filter that leaves no journey shows the Dutch message of :func:`klantlib.orca.funnel_state`
    (which names the filters) instead of the counts.
    """
    import ipywidgets as widgets

    from klantlib.errors import KlantDataError
    from klantlib.formatting import number, percent
    from klantlib.views._widgets import FigureArea, message_html, redraw_on_change, with_class
    from klantlib.views.controls import range_slider

    options = filter_options(events, customer=customer, group_column=group_column, channel=channel, time=time)
    wide = {"description_width": "initial"}
    group = with_class(widgets.Dropdown(options=options["groups"], value=ALL, description="Klantgroep", style=wide),
                       "klant-orca-groep")
    channel_box = with_class(widgets.Dropdown(options=options["channels"], value=ALL, description="Kanaal",
                                              style=wide), "klant-orca-kanaal")
    months = options["months"]
    first, last = (months.index(m) for m in options["start_months"])  # at first: the months in which journeys start
    period = with_class(range_slider([(f"{m:%m-%Y}", m) for m in months], index=(first, last),
                                     description="Start van de reis", layout=widgets.Layout(width="480px")),
                        "klant-orca-periode")
    counts_html = with_class(widgets.HTML(), "klant-orca-telling")
    area = FigureArea((9, 3.6))
    columns = {"customer": customer, "stage": stage, "channel": channel, "group_column": group_column, "time": time}

    def chosen_period():  # from the first day of the first month to the first day after the last month
        first, last = period.value
        return first, last + pd.offsets.MonthBegin(1)

    def state():
        return funnel_state(events, group=group.value, channel_choice=channel_box.value, period=chosen_period(),
                            **columns)

    plot = _FunnelPlot(area.ax, state())
    area.redraws(*plot.changing)

    def update():
        try:
            table = state()
        except KlantDataError as error:  # the model's Dutch message, which names the filters chosen
            area.clear()  # the last funnel belonged to another choice: showing it would mislead
            counts_html.value = message_html(str(error), problem=True)
            return
        start, end = period.value
        plot.update(table, title=f"ORCA-trechter · {group.value} · kanaal: {channel_box.value}")
        counts_html.value = (f"Reizen gestart {start:%m-%Y} t/m {end:%m-%Y}: "
                             + " · ".join(f"<b>{name}</b>: {number(n)}" for name, n in table["bereikt"].items())
                             + f" · gekocht: {percent(table['totale_conversie'].iloc[-1])}")
        area.show()

    redraw_on_change(update, group, channel_box, period)
    return widgets.VBox([widgets.HBox([group, channel_box]), period, area.output, counts_html])

