"""The start notebook's first widget: how many customers bought at least N times?

Every number comes from :mod:`klantlib.loyalty` (orders counted by
:func:`klantlib.rfm.rfm_table`'s rules, so notebook 00 and notebook 04 agree);
:func:`loyal_customers_widget` only wires a slider to it and recolours one figure.
"""

from __future__ import annotations

import pandas as pd

from klantlib.formatting import counted
from klantlib.loyalty import MOST_ORDERS, customer_orders, customers_per_order_count, loyal_customers

__all__ = ["loyal_customers_figure", "loyal_customers_widget"]

#: Bars outside the chosen group.
OTHER_COLOR = "#BBBBBB"


def _caption(orders: pd.DataFrame, min_orders: int) -> str:
    from klantlib.formatting import percent

    stats = loyal_customers(orders, min_orders)
    verb = "brengt" if stats["klanten"] == 1 else "brengen"
    return (f"{counted(stats['klanten'], 'klant')} ({percent(stats['aandeel_klanten'])} van alle kopers) "
            f"met minstens {counted(min_orders, 'bestelling')} {verb} {percent(stats['aandeel_omzet'])} van de omzet.")


class _OrdersChart:
    """The bar chart of :func:`klantlib.loyalty.customers_per_order_count`; :meth:`update` only recolours it
    and sets the title.

    ``changing`` lists the artists :meth:`update` changes.
    """

    def __init__(self, ax, orders: pd.DataFrame, min_orders: int, **kwargs):
        from matplotlib.patches import Patch

        from klantlib.plotting import PALETTE, decorate, number_axis, underride

        self.ax = ax
        per_count = customers_per_order_count(orders, most=MOST_ORDERS)
        options = underride(kwargs, Patch, color=PALETTE[0])
        self.color = options.pop("color")
        self.bars = ax.bar(per_count.index, per_count.to_numpy(), color=self.color, **options)
        ax.set_xticks(range(1, MOST_ORDERS + 1), [*map(str, range(1, MOST_ORDERS)), f"{MOST_ORDERS}+"])
        number_axis(ax, "y")
        decorate(ax, xlabel="aantal bestellingen in 2024-2025", ylabel="aantal klanten")
        self.title = ax.set_title("")
        self.changing = [*self.bars, self.title]
        self.update(min_orders)

    def update(self, min_orders: int) -> None:
        for n, bar in enumerate(self.bars, start=1):
            bar.set_facecolor(self.color if n >= min_orders else OTHER_COLOR)
            bar.set_hatch("" if n >= min_orders else "//")  # left out: grey and hatched, not by colour alone
            bar.set_edgecolor("white")
        self.title.set_text(f"Klanten met minstens {counted(min_orders, 'bestelling')}")


def loyal_customers_figure(transactions: pd.DataFrame, min_orders: int = 2, *, ax=None, figsize=None, **kwargs):
    """A static figure of the same picture as the widget (for printing and nbval): (figure, sentence).

    Keyword arguments go to ``ax.bar`` (``color`` is the colour of the chosen
    bars); ``figsize`` is used when no ``ax`` is given.
    """
    import matplotlib.pyplot as plt

    if ax is None:
        _, ax = plt.subplots(figsize=figsize)
    orders = customer_orders(transactions)
    _OrdersChart(ax, orders, min_orders, **kwargs)
    return ax.figure, _caption(orders, min_orders)


def loyal_customers_widget(transactions: pd.DataFrame, start: int = 2):
    """A slider for the minimum number of orders; the bar chart and the sentence follow at once.

    CSS classes for browser tests: ``klant-slider`` (the slider), ``klant-figuur``
    (the figure output), ``klant-uitkomst`` (the sentence under the figure).
    """
    import ipywidgets as widgets

    from klantlib.views._widgets import FigureArea, redraw_on_change, with_class
    from klantlib.views.controls import int_slider

    slider = with_class(int_slider(value=start, min=1, max=MOST_ORDERS, description="Minimaal aantal bestellingen",
                                   layout=widgets.Layout(width="480px")), "klant-slider")
    sentence = with_class(widgets.HTML(), "klant-uitkomst")
    orders = customer_orders(transactions)  # once; every slider move only filters
    area = FigureArea()
    chart = _OrdersChart(area.ax, orders, start)
    area.redraws(*chart.changing)

    def update():
        chart.update(slider.value)
        sentence.value = f"<b>{_caption(orders, slider.value)}</b>"
        area.show()

    redraw_on_change(update, slider)
    return widgets.VBox([slider, area.output, sentence])
