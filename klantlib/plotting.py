"""The house plot style: colour-blind-safe, Dutch labels and numbers, a lecture-hall mode.

Call :func:`use_style` once (the setup cell of every notebook does it through
:func:`klantlib.notebook.setup`). For a lecture hall, :func:`presentation_mode`
makes fonts, lines and figures bigger with one call and back again.

Axis helpers write tick labels the Dutch way (decimal comma, ``€``, ``%``):

>>> import matplotlib
>>> matplotlib.use("Agg")
>>> import matplotlib.pyplot as plt
>>> fig, ax = plt.subplots()
>>> _ = ax.plot([0, 0.5, 1], [0, 1500, 3000])
>>> euro_axis(ax, axis="y")
>>> percent_axis(ax, axis="x")
>>> ax.yaxis.get_major_formatter()(1500, 0), ax.xaxis.get_major_formatter()(0.25, 0)
('€ 1.500', '25%')
>>> plt.close(fig)
"""

from __future__ import annotations

import functools

import matplotlib as mpl
from matplotlib.ticker import FuncFormatter

from klantlib.formatting import euro, number, percent

__all__ = [
    "PALETTE",
    "alt_text",
    "axes_or_new",
    "contrast",
    "decorate",
    "describe",
    "euro_axis",
    "figure_html",
    "figure_size",
    "is_presentation",
    "number_axis",
    "percent_axis",
    "text_colour",
    "tight_png",
    "presentation_mode",
    "shared_labels",
    "underride",
    "use_style",
]

#: Okabe & Ito (2008) colours: distinguishable with every common colour-vision deficiency.
PALETTE = [
    "#0072B2",  # blue
    "#E69F00",  # orange
    "#009E73",  # bluish green
    "#CC79A7",  # reddish purple
    "#56B4E9",  # sky blue
    "#D55E00",  # vermillion
    "#F0E442",  # yellow
    "#000000",  # black
]

_NORMAL = {"font_scale": 1.0, "figsize": (8.0, 4.5), "linewidth": 1.8, "dpi": 100}
_PRESENTATION = {"font_scale": 1.6, "figsize": (12.0, 6.75), "linewidth": 3.2, "dpi": 100}
#: "shown": how many figures the notebook has shown since the last cell ended (see
#: :func:`klantlib.notebook.setup`, which frees them after the cell).
_state = {"presentation": False, "shown": 0}

#: The look of seaborn's theme ``set_theme(context="notebook", style="whitegrid")``, written out as
#: matplotlib settings: importing seaborn for it would cost every student's kernel about 70 MiB
#: (it imports scipy), a third of its memory. A test compares these with seaborn's own values.
_WHITEGRID = {
    "figure.facecolor": "white",
    "axes.facecolor": "white",
    "axes.edgecolor": ".8",
    "axes.labelcolor": ".15",
    "axes.grid": True,
    "axes.axisbelow": True,
    "grid.color": ".8",
    "grid.linestyle": "-",
    "text.color": ".15",
    "xtick.color": ".15",
    "ytick.color": ".15",
    "xtick.direction": "out",
    "ytick.direction": "out",
    "xtick.top": False,
    "xtick.bottom": False,
    "ytick.left": False,
    "ytick.right": False,
    "font.family": ["sans-serif"],
    "font.sans-serif": ["Arial", "DejaVu Sans", "Liberation Sans", "Bitstream Vera Sans", "sans-serif"],
    "lines.solid_capstyle": "round",
    "patch.edgecolor": "w",
    "patch.force_edgecolor": True,
    "image.cmap": "viridis",  # seaborn's "rocket" exists only once seaborn is imported; viridis is colour-blind-safe too
    "axes.spines.left": True,
    "axes.spines.bottom": True,
}
#: seaborn's "notebook" context at font scale 1: the font sizes grow with the scale, the rest stays.
_NOTEBOOK_FONTS = {
    "font.size": 12.0,
    "axes.labelsize": 12.0,
    "axes.titlesize": 12.0,
    "xtick.labelsize": 11.0,
    "ytick.labelsize": 11.0,
    "legend.fontsize": 11.0,
    "legend.title_fontsize": 12.0,
}
_NOTEBOOK_LINES = {
    "axes.linewidth": 1.25,
    "grid.linewidth": 1,
    "patch.linewidth": 1,
    "xtick.major.width": 1.25,
    "ytick.major.width": 1.25,
    "xtick.minor.width": 1,
    "ytick.minor.width": 1,
    "xtick.major.size": 6,
    "ytick.major.size": 6,
    "xtick.minor.size": 4,
    "ytick.minor.size": 4,
}


def use_style(presentation: bool = False) -> None:
    """Apply the house style to every figure that follows.

    ``presentation=True`` is the lecture-hall mode: fonts 1.6 times as large,
    thicker lines and bigger figures, readable from the back row.
    """
    from cycler import cycler

    settings = _PRESENTATION if presentation else _NORMAL
    mpl.rcParams.update(_WHITEGRID)
    mpl.rcParams.update(_NOTEBOOK_LINES)
    mpl.rcParams.update({key: size * settings["font_scale"] for key, size in _NOTEBOOK_FONTS.items()})
    mpl.rcParams.update({
        "axes.prop_cycle": cycler(color=PALETTE),
        "patch.facecolor": "C0",  # the first colour of the palette
        "figure.figsize": settings["figsize"],
        "figure.dpi": settings["dpi"],
        "savefig.dpi": 2 * settings["dpi"],
        "lines.linewidth": settings["linewidth"],
        "lines.markersize": 4 * settings["linewidth"],
        "axes.titleweight": "bold",
        "axes.titlelocation": "left",
        "axes.spines.top": False,
        "axes.spines.right": False,
        "legend.frameon": False,
        "figure.autolayout": True,
    })
    _state["presentation"] = presentation
    _show_figures_with_alt_text()


def presentation_mode(on: bool = True) -> None:
    """Switch the lecture-hall mode on (or off with ``on=False``) for the figures that follow."""
    use_style(presentation=on)


def is_presentation() -> bool:
    """Whether the lecture-hall mode is on."""
    return _state["presentation"]


def figure_size(figsize: tuple[float, float] | None = None) -> tuple[float, float]:
    """A figure size in inches for the current mode.

    ``figsize`` is a size meant for the normal mode; in the lecture-hall mode it
    grows as much as the default figure does (1.5 times). Without ``figsize``:
    the style's default size. Plot helpers use it for their default size only; a
    size the caller gives is used as it is.

    >>> use_style()
    >>> figure_size((8, 6)), figure_size()
    ((8.0, 6.0), (8.0, 4.5))
    >>> presentation_mode()
    >>> figure_size((8, 6))
    (12.0, 9.0)
    >>> presentation_mode(False)
    """
    if figsize is None:
        width, height = mpl.rcParams["figure.figsize"]
        return float(width), float(height)
    factor = _PRESENTATION["figsize"][0] / _NORMAL["figsize"][0] if is_presentation() else 1.0
    return float(figsize[0]) * factor, float(figsize[1]) * factor


def axes_or_new(ax=None, figsize: tuple[float, float] | None = None,
                default: tuple[float, float] | None = None):
    """``ax``, or the axes of a new figure of ``figsize`` (else ``default``, grown in the lecture-hall mode).

    Every figure function of the views takes an ``ax`` to draw on, or makes its own figure here.
    """
    import matplotlib.pyplot as plt

    if ax is None:
        _, ax = plt.subplots(figsize=figsize or figure_size(default))
    return ax


def underride(options: dict, artist: type | None = None, **defaults) -> dict:
    """The caller's ``options`` with ``defaults`` filled in where the caller gave nothing.

    After ``_Underride`` in Downey's ``thinkplot``: a plot helper passes its
    ``**kwargs`` through this, so the caller can override every style. With the
    matplotlib ``artist`` class, aliases count as the same option (``lw`` is
    ``linewidth``), so a caller's ``lw=1`` replaces a default ``linewidth=2``.

    >>> underride({"color": "red"}, color="blue", linewidth=2)
    {'color': 'red', 'linewidth': 2}
    >>> from matplotlib.lines import Line2D
    >>> underride({"lw": 1}, Line2D, linewidth=2)
    {'linewidth': 1}
    """
    if artist is not None:
        from matplotlib import cbook

        options = cbook.normalize_kwargs(options, artist)
        defaults = cbook.normalize_kwargs(defaults, artist)
    return {**defaults, **options}


def _axes(ax, axis: str):
    if axis not in ("x", "y", "both"):
        raise ValueError(f'axis moet "x", "y" of "both" zijn, niet {axis!r}.')
    return [a for name, a in (("x", ax.xaxis), ("y", ax.yaxis)) if axis in (name, "both")]


def euro_axis(ax, axis: str = "y", decimals: int = 0) -> None:
    """Write the tick labels of ``axis`` as euros: ``€ 1.500``."""
    for a in _axes(ax, axis):
        a.set_major_formatter(FuncFormatter(lambda x, _pos: euro(x, decimals)))


def percent_axis(ax, axis: str = "y", decimals: int = 0) -> None:
    """Write the tick labels of ``axis`` (fractions 0..1) as percentages: ``25%``."""
    for a in _axes(ax, axis):
        a.set_major_formatter(FuncFormatter(lambda x, _pos: percent(x, decimals)))


def number_axis(ax, axis: str = "both", decimals: int = 0) -> None:
    """Write the tick labels of ``axis`` with a decimal comma and thousands dots."""
    for a in _axes(ax, axis):
        a.set_major_formatter(FuncFormatter(lambda x, _pos: number(x, decimals)))


def decorate(ax, *, title: str | None = None, xlabel: str | None = None,
             ylabel: str | None = None, legend_title: str | None = None, **kwargs) -> None:
    """Set title, axis labels and legend title in one call (after Downey's ``decorate``).

    Extra keyword arguments go to ``ax.set`` (``xlim=(0, 100)`` ...).
    """
    if title is not None:
        ax.set_title(title)
    if xlabel is not None:
        ax.set_xlabel(xlabel)
    if ylabel is not None:
        ax.set_ylabel(ylabel)
    if kwargs:
        ax.set(**kwargs)
    legend = ax.get_legend()
    if legend is not None and legend_title is not None:
        legend.set_title(legend_title)


def _luminance(colour) -> float:
    from matplotlib.colors import to_rgb

    def linear(c: float) -> float:
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    red, green, blue = (linear(c) for c in to_rgb(colour))
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def contrast(colour, background="white") -> float:
    """The WCAG 2 contrast ratio of two colours, from 1 (the same) to 21 (black on white).

    >>> round(contrast("black"), 1), round(contrast("#E69F00"), 2)
    (21.0, 2.25)
    """
    light, dark = sorted((_luminance(colour), _luminance(background)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def text_colour(colour, background="white", ratio: float = 4.5) -> str:
    """``colour`` darkened just enough for text on ``background`` (WCAG AA: a contrast of 4.5).

    Labels keep the hue of what they name (a group's colour) but stay readable:
    the Okabe-Ito orange, for one, has a contrast of only 2.25 on white.

    >>> text_colour("#E69F00"), round(contrast(text_colour("#E69F00")), 1)
    ('#9c6c00', 4.6)
    >>> text_colour("#000000")
    '#000000'
    """
    from matplotlib.colors import to_hex, to_rgb

    rgb = to_rgb(colour)
    for step in range(101):
        shade = tuple(c * (1 - step / 100) for c in rgb)
        if contrast(shade, background) >= ratio:
            return to_hex(shade)
    return "#000000"


def shared_labels(x, y, labels, *, decimals: int = 6) -> list[tuple[float, float, str]]:
    """Labels for points where several share one spot: one label per spot, its names joined, so none overprint.

    Spots are compared after rounding to ``decimals`` (two means that differ in the
    last bit are one spot); points with a missing coordinate get no label. The spots
    keep the order of their first point.

    >>> shared_labels([2.0, 4.0, 2.0], [3.0, 1.0, 3.0], ["werkplaats", "webshop", "winkel"])
    [(2.0, 3.0, 'werkplaats, winkel'), (4.0, 1.0, 'webshop')]
    """
    spots: dict[tuple[float, float], list[str]] = {}
    for px, py, label in zip(x, y, labels):
        if px is None or py is None or px != px or py != py:  # NaN: not drawn, so no label
            continue
        spots.setdefault((round(float(px), decimals), round(float(py), decimals)), []).append(str(label))
    return [(px, py, ", ".join(names)) for (px, py), names in spots.items()]


def describe(fig_or_ax, text: str) -> None:
    """Give a figure a short Dutch text alternative, read out instead of the image.

    Without one, :func:`alt_text` builds it from the titles and axis labels.
    ``fig_or_ax`` is a ``Figure`` or one of its ``Axes``.
    """
    fig = fig_or_ax.get_figure(root=True)
    fig._klantlib_alt = " ".join(str(text).split())


def alt_text(fig) -> str:
    """The text alternative of a figure: what :func:`describe` gave it, or else its titles and axis labels.

    Screen readers read it instead of the image (the ``alt`` of the ``<img>`` that JupyterLab
    and Voila show, see :func:`figure_html`).

    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> from matplotlib.figure import Figure
    >>> fig = Figure()
    >>> ax = fig.subplots()
    >>> decorate(ax, title="Omzet per maand", xlabel="maand", ylabel="omzet (€)")
    >>> alt_text(fig)
    'Figuur: Omzet per maand (horizontaal: maand; verticaal: omzet (€)).'
    >>> describe(ax, "De omzet groeit elke maand.")
    >>> alt_text(fig)
    'Figuur: De omzet groeit elke maand.'
    """
    explicit = getattr(fig, "_klantlib_alt", None)
    if explicit:
        return f"Figuur: {explicit}"
    parts = []
    for ax in fig.axes:
        title = " ".join(t for t in (ax.get_title(loc) for loc in ("left", "center", "right")) if t)
        axes = [f"{name}: {label}" for name, label in (("horizontaal", ax.get_xlabel()), ("verticaal", ax.get_ylabel()))
                if label and ax.axison]
        if title or axes:
            title = " ".join(title.split())
            parts.append(f"{title} ({'; '.join(axes)})" if axes and title else title or "; ".join(axes))
    suptitle = fig._suptitle.get_text() if getattr(fig, "_suptitle", None) is not None else ""
    text = "; ".join(([suptitle] if suptitle else []) + parts)
    text = " ".join(text.split())
    if not text:
        return "Figuur zonder titel."
    return f"Figuur: {text}" if text.endswith((".", "?", "!")) else f"Figuur: {text}."


def figure_html(png: bytes, alt: str, width: int | None = None) -> str:
    """An ``<img>`` with the PNG ``png`` inline and ``alt`` as its text alternative.

    JupyterLab and Voila show a PNG output as an ``<img>`` without ``alt`` (their image renderer
    reads no alt text from the output's metadata), so figures are also sent as this HTML, which
    they prefer over the PNG. The PNG stays in the output too, for print and other viewers.
    ``width`` (pixels on the page) shows a PNG with more pixels than that sharper, not bigger
    (IPython's "retina" figures).

    >>> figure_html(b"png", 'A "quote" & <tag>')
    '<img src="data:image/png;base64,cG5n" alt="A &quot;quote&quot; &amp; &lt;tag&gt;" style="max-width: 100%;">'
    >>> figure_html(b"png", "Twee lijnen", width=640)
    '<img src="data:image/png;base64,cG5n" alt="Twee lijnen" width="640" style="max-width: 100%;">'
    """
    import base64
    from html import escape

    data = base64.b64encode(png).decode("ascii")
    size = "" if width is None else f' width="{int(width)}"'
    return f'<img src="data:image/png;base64,{data}" alt="{escape(alt, quote=True)}"{size} style="max-width: 100%;">'


@functools.cache
def _measuring_canvas_class():
    """An Agg canvas whose renderer has one pixel: for :func:`tight_png` (made once, when first needed)."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg, RendererAgg

    class MeasuringCanvas(FigureCanvasAgg):
        def get_renderer(self):
            # Text sizes depend on the dpi only, so a renderer of 1 x 1 pixels measures as a full one does.
            renderer = getattr(self, "_one_pixel", None)
            if renderer is None or renderer.dpi != self.figure.dpi:
                renderer = self._one_pixel = RendererAgg(1, 1, self.figure.dpi)
            return renderer

    return MeasuringCanvas


def tight_png(fig) -> bytes | None:
    """The figure as a PNG cropped to what it draws: the bytes of IPython's ``print_figure(fig, "png")``.

    IPython (and so JupyterLab and Voila) shows a figure with ``bbox_inches="tight"``.
    matplotlib then draws it twice: once at full size, to measure the figure and lay it
    out, and once cropped, while the first renderer and its pixels are still alive. A
    large figure (the journey map: 1100 x 900 pixels, 3.8 MB per copy) then briefly
    needs twice its pixels, which decides a notebook's peak memory on a JupyterHub.
    Here the layout and the measuring run on a canvas whose renderer has one pixel
    (text sizes depend on the dpi, not on the size of the canvas), and only the
    cropped figure is drawn: one copy of the pixels. ``tests/test_machinery.py`` checks
    that the bytes equal IPython's. Returns None for a figure without axes or lines,
    as IPython does. Figures with an axes locator (inset axes) go the usual way.

    >>> import matplotlib.pyplot as plt
    >>> from IPython.core.pylabtools import print_figure
    >>> fig, ax = plt.subplots()
    >>> _ = ax.plot([1, 2, 3], [2, 1, 3])
    >>> tight_png(fig) == print_figure(fig, "png")
    True
    >>> plt.close(fig)
    """
    import io

    from IPython.core.pylabtools import print_figure

    if not fig.axes and not fig.lines:
        return None
    pad = mpl.rcParams["savefig.pad_inches"]
    if any(ax.get_axes_locator() is not None for ax in fig.axes) or not isinstance(pad, (int, float)):
        return print_figure(fig, "png")
    canvas, engine = fig.canvas, fig.get_layout_engine()
    # 1. Lay out and measure on the one-pixel canvas (the layout engine runs, nothing is drawn).
    _measuring_canvas_class()(fig)
    try:
        fig.draw_without_rendering()
        bbox = fig.get_tightbbox().padded(pad)
    finally:
        fig.set_canvas(canvas)
    # 2. Draw only the cropped figure, without laying it out again (as print_figure does after its first draw).
    _set_layout_engine(fig, None)
    buffer = io.BytesIO()
    try:
        canvas.print_figure(buffer, format="png", dpi=fig.dpi, bbox_inches=bbox,
                            facecolor=fig.get_facecolor(), edgecolor=fig.get_edgecolor())
    finally:
        _set_layout_engine(fig, engine)
    return buffer.getvalue()


def _set_layout_engine(fig, engine) -> None:
    """``fig.set_layout_engine(engine)``, where None means no engine (matplotlib reads None as "what the rcParams say")."""
    with mpl.rc_context({"figure.autolayout": False, "figure.constrained_layout.use": False}):
        fig.set_layout_engine(engine)


def _is_default_png_printer(printer) -> bool:
    """Whether ``printer`` is IPython's PNG printer as the inline backend sets it up by default."""
    from functools import partial

    from IPython.core.pylabtools import print_figure

    return (isinstance(printer, partial) and printer.func is print_figure and not printer.args
            and printer.keywords == {"fmt": "png", "base64": True, "bbox_inches": "tight"})


def _show_figures_with_alt_text() -> None:
    """In IPython: show every matplotlib figure as :func:`figure_html` besides its PNG, rendered once.

    The HTML formatter runs before the PNG formatter (IPython's order); it takes the PNG from the
    PNG formatter (the inline backend's, with its settings) and hands the same bytes to it, so each
    figure is still drawn once.
    """
    try:
        from IPython import get_ipython
    except ImportError:  # pragma: no cover - IPython comes with every notebook
        return
    shell = get_ipython()
    if shell is None or not hasattr(shell, "display_formatter"):
        return
    import importlib
    from binascii import b2a_base64

    from matplotlib.figure import Figure

    backend = str(mpl.rcParams["backend"])
    if backend.startswith("module://"):
        # Load the backend now (pyplot loads it at the first figure): the inline backend, when it
        # loads, removes every display formatter for Figure, ours too.
        importlib.import_module(backend.removeprefix("module://"))

    formatters = shell.display_formatter.formatters
    if "image/png" not in formatters or "text/html" not in formatters:
        return
    png_formatter = formatters["image/png"]

    def png_once(fig):
        printer = png_formatter.lookup_by_type(Figure)
        if getattr(printer, "_klantlib_wrapper", False):
            printer = printer.inner
        if _is_default_png_printer(printer):
            png = tight_png(fig)  # the same bytes, drawn with one copy of the pixels instead of two
            return None if png is None else b2a_base64(png, newline=False).decode("ascii")
        return printer(fig)

    def png_from_cache(fig):
        data = fig.__dict__.pop("_klantlib_png", None)  # what html() just rendered for this display
        return data if data is not None else png_from_cache.inner(fig)

    def html(fig):
        try:
            printer = png_formatter.lookup_by_type(Figure)
        except KeyError:
            return None
        if not getattr(printer, "_klantlib_wrapper", False):  # (re)wrap the inline backend's printer
            png_from_cache.inner = printer
            png_from_cache._klantlib_wrapper = True
            png_formatter.for_type(Figure, png_from_cache)
        data = png_once(fig)
        if not data:
            return None
        _state["shown"] += 1
        fig._klantlib_png = data  # as the printer made it: bytes, or base64 text (the inline backend)
        # IPython's retina printer gives (PNG, {"width": ..., "height": ...}): twice the pixels, shown at half size.
        data, size = data if isinstance(data, tuple) else (data, {})
        if isinstance(data, str):
            import base64

            data = base64.b64decode(data)
        return figure_html(data, alt_text(fig), width=size.get("width"))

    formatters["text/html"].for_type(Figure, html)


# Keep figure numbers out of students' sight: no "<Figure size ...>" text in notebooks.
mpl.rcParams["figure.max_open_warning"] = 0
