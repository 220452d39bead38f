"""The start notebook's first widget: how many customers bought at least N times?

The computing part, :func:`loyal_customers`, is a plain function that tests and
benchmarks call without a browser; :func:`loyal_customers_widget` only wires a
slider to it and recolours one figure. Orders are counted by
:func:`klantlib.rfm.rfm_table`'s rules, so notebook 00 and notebook 04 agree.
"""

from __future__ import annotations

import pandas as pd

from klantlib.rfm import day_after_last_transaction, rfm_table

__all__ = ["customer_orders", "loyal_customers", "loyal_customers_figure", "loyal_customers_widget"]

#: The bar chart has one bar per number of orders, 1 .. 9, and one for 10 or more.
MOST_ORDERS = 10
#: Bars outside the chosen group.
OTHER_COLOR = "#BBBBBB"


def customer_orders(transactions: pd.DataFrame, *, customer: str = "klant_id", order: str | None = "order_id",
                    amount: str = "bedrag", date: str = "datum") -> pd.DataFrame:
    """Per customer: the number of distinct orders (``bestellingen``) and net revenue (``omzet``).

    Counted by :func:`klantlib.rfm.rfm_table` over the whole period (up to the day
    after the last transaction): ``bestellingen`` is its ``frequency`` (a return
    is not an order), ``omzet`` its ``monetary``. Its rules hold here too: rows
    without a usable customer, date or amount are left out with a warning, and so
    are customers with returns only; identical rows count, with a warning. With
    ``order=None`` every purchase row counts as an order.

    >>> df = pd.DataFrame({"klant_id": ["a", "a", "b"], "order_id": [1, 2, 3], "bedrag": [10.0, 30.0, 60.0],
    ...                    "datum": ["02-01-2025", "03-02-2025", "04-03-2025"]})
    >>> customer_orders(df)
              bestellingen  omzet
    klant_id
    a                    2   40.0
    b                    1   60.0
    """
    table = rfm_table(transactions, reference_date=day_after_last_transaction(transactions, date=date),
                      customer=customer, date=date, amount=amount, order=order)
    return table[["frequency", "monetary"]].rename(columns={"frequency": "bestellingen", "monetary": "omzet"})


def loyal_customers(orders: pd.DataFrame, min_orders: int) -> dict:
    """Count the customers with at least ``min_orders`` orders, and their share of revenue.

    ``orders`` comes from :func:`customer_orders`.

    >>> df = pd.DataFrame({"klant_id": ["a", "a", "b"], "order_id": [1, 2, 3], "bedrag": [10.0, 30.0, 60.0],
    ...                    "datum": ["02-01-2025", "03-02-2025", "04-03-2025"]})
    >>> loyal_customers(customer_orders(df), 2)
    {'min_orders': 2, 'klanten': 1, 'aandeel_klanten': 0.5, 'aandeel_omzet': 0.4}
    """
    chosen = orders["bestellingen"] >= min_orders
    return {
        "min_orders": int(min_orders),
        "klanten": int(chosen.sum()),
        "aandeel_klanten": round(float(chosen.mean()), 4),
        "aandeel_omzet": round(float(orders.loc[chosen, "omzet"].sum() / orders["omzet"].sum()), 4),
    }


def _caption(orders: pd.DataFrame, min_orders: int) -> str:
    from klantlib.formatting import number, percent

    stats = loyal_customers(orders, min_orders)
    return (f"{number(stats['klanten'])} klanten ({percent(stats['aandeel_klanten'])} van alle kopers) "
            f"met minstens {min_orders} bestelling(en) brengen {percent(stats['aandeel_omzet'])} van de omzet.")


class _OrdersChart:
    """The bar chart of customers per number of orders; :meth:`update` only recolours it and sets the title.

    ``changing`` lists the artists :meth:`update` changes.
    """

    def __init__(self, ax, orders: pd.DataFrame, min_orders: int, **kwargs):
        from matplotlib.patches import Patch

        from klantlib.plotting import PALETTE, decorate, number_axis, underride

        self.ax = ax
        counts = orders["bestellingen"].clip(upper=MOST_ORDERS)
        per_count = counts.value_counts().reindex(range(1, MOST_ORDERS + 1), fill_value=0)
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
        self.title.set_text(f"Klanten met minstens {min_orders} bestelling(en)")


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

    slider = with_class(widgets.IntSlider(value=start, min=1, max=MOST_ORDERS,
                                          description="Minimaal aantal bestellingen",
                                          style={"description_width": "initial"},
                                          layout=widgets.Layout(width="480px"), continuous_update=True),
                        "klant-slider")
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
