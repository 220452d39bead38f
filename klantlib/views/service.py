"""The figure for Martin's Customer Service Assessment Scale (notebook 05, opdracht 2.3).

:func:`service_style_plot` draws organisations on the two dimensions of
:func:`klantlib.service.martin_profile`, with the cut as quadrant lines and
the four styles in the corners, like the customer matrix of notebook 04.
It only draws: every number comes from the profile it is given.
"""

from __future__ import annotations

import pandas as pd

from klantlib.service import STYLES

__all__ = ["service_style_plot"]

#: Where each style's label goes: (x, y) in axes fractions, and its alignment.
_CORNERS = {
    "Vriezer": (0.02, 0.02, "left", "bottom"),
    "Fabriek": (0.98, 0.02, "right", "bottom"),
    "Vriendelijke pollyanna": (0.02, 0.98, "left", "top"),
    "Kwaliteitsservice": (0.98, 0.98, "right", "top"),
}


def service_style_plot(profile: pd.DataFrame, ax=None, *, raters: pd.DataFrame | None = None,
                       title: str | None = None, figsize=None, **kwargs):
    """Organisations on Martin's two dimensions: procedural (x) and convivial (y); returns the axes.

    ``profile`` is :func:`klantlib.service.martin_profile` (its scale and cut are
    drawn); each row is a point labelled with its index (rows on the same spot share
    one label, :func:`klantlib.plotting.shared_labels`). ``raters``, the profile of
    every rater on their own (``martin_profile`` without ``by``), adds each rater as a
    small open circle without a label, so the spread behind an organisation's point
    shows; a legend then says which mark is which. Keyword arguments go to
    ``ax.scatter`` of the profile's points (``s``, ``color``, ``marker`` ...). Without
    ``ax`` a figure of ``figsize`` is made (by default a house-style size that grows
    in presentation mode).
    """
    import matplotlib.pyplot as plt
    from matplotlib.collections import PathCollection

    from klantlib.plotting import PALETTE, decorate, figure_size, number_axis, shared_labels, text_colour, underride

    if ax is None:
        _, ax = plt.subplots(figsize=figsize or figure_size((6.5, 6)))
    scale = profile.attrs.get("scale", 5)
    cut = profile.attrs.get("cut", (1 + scale) / 2)
    low, high = 1 - 0.1 * (scale - 1), scale + 0.1 * (scale - 1)
    ax.axvline(cut, color="#333333", linewidth=1)
    ax.axhline(cut, color="#333333", linewidth=1)
    colours = dict(zip(STYLES.values(), (PALETTE[5], PALETTE[0], PALETTE[1], PALETTE[2])))
    for style, (x, y, ha, va) in _CORNERS.items():
        ax.text(x, y, style, transform=ax.transAxes, ha=ha, va=va, fontweight="bold", fontsize="small",
                color=text_colour(colours[style]), bbox={"facecolor": "white", "alpha": 0.8, "edgecolor": "none"})
    shown = profile.dropna(subset=["procedureel", "persoonlijk"])
    ax.scatter(shown["procedureel"], shown["persoonlijk"], label="organisatie (gemiddelde van haar klanten)",
               **underride(kwargs, PathCollection, s=80, color=PALETTE[7], zorder=3))
    if raters is not None:
        each = raters.dropna(subset=["procedureel", "persoonlijk"])
        ax.scatter(each["procedureel"], each["persoonlijk"], s=30, facecolors="none", edgecolors="#555555",
                   linewidths=1, zorder=2, label="één klant")
        ax.legend(loc="lower left", bbox_to_anchor=(0.0, 0.07), fontsize="small", frameon=True)
    for x, y, label in shared_labels(shown["procedureel"], shown["persoonlijk"], shown.index):
        ax.annotate(label, (x, y), xytext=(6, 6), textcoords="offset points", fontsize="small")
    decorate(ax, xlabel=f"procedureel: de systemen (1-{scale})", ylabel=f"persoonlijk: de mensen (1-{scale})",
             xlim=(low, high), ylim=(low, high))
    number_axis(ax, "both", decimals=0)
    ax.set_title(title or "Customer Service Assessment Scale (Martin)")
    return ax
