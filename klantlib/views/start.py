"""The start notebook's first widget: how many customers bought at least N times?

The computing part, :func:`loyal_customers`, is a plain function that tests and
benchmarks call without a browser; :func:`loyal_customers_widget` only wires a
slider to it and redraws one figure.
"""

from __future__ import annotations

import pandas as pd

__all__ = ["customer_orders", "loyal_customers", "loyal_customers_figure", "loyal_customers_widget"]


def customer_orders(transactions: pd.DataFrame, *, customer: str = "klant_id", order: str = "order_id",
                    amount: str = "bedrag") -> pd.DataFrame:
    """Per customer: the number of distinct orders (``bestellingen``, returns excluded) and net revenue (``omzet``).

    >>> df = pd.DataFrame({"klant_id": ["a", "a", "b"], "order_id": [1, 2, 3], "bedrag": [10.0, 30.0, 60.0]})
    >>> customer_orders(df)
              bestellingen  omzet
    klant_id
    a                    2   40.0
    b                    1   60.0
    """
    purchases = transactions[order].where(transactions[amount] > 0)  # a return is not an order (as in klantlib.rfm)
    return (transactions.assign(**{order: purchases})
            .groupby(customer).agg(bestellingen=(order, "nunique"), omzet=(amount, "sum")))


def loyal_customers(orders: pd.DataFrame, min_orders: int) -> dict:
    """Count the customers with at least ``min_orders`` orders, and their share of revenue.

    ``orders`` comes from :func:`customer_orders`.

    >>> df = pd.DataFrame({"klant_id": ["a", "a", "b"], "order_id": [1, 2, 3], "bedrag": [10.0, 30.0, 60.0]})
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


def _draw(ax, orders: pd.DataFrame, min_orders: int) -> str:
    from klantlib.formatting import number, percent
    from klantlib.plotting import PALETTE, decorate, number_axis

    counts = orders["bestellingen"].clip(upper=10)
    per_count = counts.value_counts().reindex(range(1, 11), fill_value=0)
    colours = [PALETTE[0] if n >= min_orders else "#BBBBBB" for n in per_count.index]
    ax.clear()
    ax.bar(per_count.index, per_count.to_numpy(), color=colours)
    ax.set_xticks(range(1, 11), [*map(str, range(1, 10)), "10+"])
    number_axis(ax, "y")
    stats = loyal_customers(orders, min_orders)
    decorate(ax, title=f"Klanten met minstens {min_orders} bestelling(en)",
             xlabel="aantal bestellingen in 2024-2025", ylabel="aantal klanten")
    return (f"{number(stats['klanten'])} klanten ({percent(stats['aandeel_klanten'])} van alle kopers) "
            f"met minstens {min_orders} bestelling(en) brengen {percent(stats['aandeel_omzet'])} van de omzet.")


def loyal_customers_figure(transactions: pd.DataFrame, min_orders: int = 2):
    """A static figure of the same picture as the widget (for printing and nbval)."""
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots()
    caption = _draw(ax, customer_orders(transactions), min_orders)
    return fig, caption


def loyal_customers_widget(transactions: pd.DataFrame, start: int = 2):
    """A slider for the minimum number of orders; the bar chart and the sentence follow at once.

    CSS classes for browser tests: ``klant-slider`` (the slider), ``klant-uitkomst``
    (the sentence under the figure).
    """
    import ipywidgets as widgets
    import matplotlib.pyplot as plt
    from IPython.display import display

    slider = widgets.IntSlider(value=start, min=1, max=10, description="Minimaal aantal bestellingen",
                               style={"description_width": "initial"}, layout=widgets.Layout(width="480px"),
                               continuous_update=True)
    slider.add_class("klant-slider")
    sentence = widgets.HTML()
    sentence.add_class("klant-uitkomst")
    out = widgets.Output()
    orders = customer_orders(transactions)  # once; every slider move only filters
    with plt.ioff():
        fig, ax = plt.subplots()

    def update(change=None):
        sentence.value = f"<b>{_draw(ax, orders, slider.value)}</b>"
        with out:
            out.clear_output(wait=True)
            display(fig)

    slider.observe(update, names="value")
    update()
    return widgets.VBox([slider, out, sentence])
