"""The plumbing every widget shares: one figure in an Output area, redrawn in place.

A widget builds its figure once in a :class:`FigureArea`, draws it once, and on
every control change only updates the artists (points, bar heights, lines, texts)
and calls :meth:`FigureArea.show`. That renders the figure to one PNG and puts
it in the Output area, which is what the browser shows. What keeps this fast
(see ``benchmarks/bench_widgets.py``):

- the figure is drawn once per change, on its own Agg canvas, instead of twice
  as ``display(fig)`` does to crop it (``bbox_inches="tight"``);
- the layout (room for labels, title and legend) is computed again only when a
  title, axis label or legend text grew, not on every draw;
- the part that does not change (axes, grid, ticks and their labels: most of the
  text) is drawn once and kept as a background; a change draws only the artists
  the widget declared with :meth:`FigureArea.redraws`, and everything above them,
  over it. The pixels are those of a full draw: the same artists in the same
  order. The background is drawn again when the layout or an axis limit changed;
- the PNG is compressed at level 3 of 9 (faster than the default 6, hardly bigger).
"""

from __future__ import annotations

import io

__all__ = ["FigureArea", "find_widget", "message_html", "redraw_on_change", "save_answers", "with_class"]


def with_class(widget, *css: str):
    """Add CSS classes (for styling and browser tests) to ``widget`` and return it."""
    for name in css:
        widget.add_class(name)
    return widget


def find_widget(widget, css_class: str):
    """The first widget in a widget tree (depth first) that has ``css_class``, or None.

    How tests, benchmarks and a lecturer's script reach a control by the class a browser test uses.

    >>> import ipywidgets as widgets
    >>> box = widgets.VBox([widgets.HBox([with_class(widgets.IntSlider(value=3), "klant-slider")])])
    >>> find_widget(box, "klant-slider").value, find_widget(box, "klant-niets")
    (3, None)
    """
    if css_class in getattr(widget, "_dom_classes", ()):
        return widget
    for child in getattr(widget, "children", ()):
        found = find_widget(child, css_class)
        if found is not None:
            return found
    return None


def redraw_on_change(update, *controls) -> None:
    """Call ``update()`` now and whenever the value of one of ``controls`` changes."""
    def on_change(_change):
        update()

    for control in controls:
        control.observe(on_change, names="value")
    update()


def message_html(text: str, *, problem: bool = False) -> str:
    """HTML for a widget's message line: a problem bold and red, anything else in italics, nothing for "".

    >>> message_html("Bewaard."), message_html("Niet opgeslagen <3>", problem=True)
    ('<i>Bewaard.</i>', '<b style="color:#b00020">Niet opgeslagen &lt;3&gt;</b>')
    """
    import html

    if not text:
        return ""
    text = html.escape(text, quote=False)
    return f'<b style="color:#b00020">{text}</b>' if problem else f"<i>{text}</i>"


def save_answers(store, controls: dict, message, *, after=None, export=None, columns=None,
                 value=None, shown=None) -> None:
    """Save every change of ``controls`` (key -> widget) in an :class:`~klantlib.answers.AnswerStore`.

    The wiring every questionnaire widget shares (SERVQUAL, VALS, the DEPEST scaffold):

    - a change is stored under its key, as ``value(key, new)`` if given (for example
      a text stripped, an empty one as None); ``after()`` runs after every change;
    - ``message`` (an HTML widget) shows what the store reports, or in red why saving
      failed: the answer stays in memory and is saved with the next change;
    - when the store took over answers from another tab or cell (``store.message``
      says so), the controls show them: ``shown(key, stored)`` gives a control's
      value for a stored one (default: the stored value itself);
    - with ``export`` (a Button), a click writes the answers as CSV (``columns``)
      and says where, or why not, and warns when the answers file itself is not
      saved yet.
    """
    import html

    from klantlib.answers import AnswerFileError

    def stored(key, new):
        return new if value is None else value(key, new)

    def unexpected(exc, what):
        return message_html(f"Je antwoorden zijn NIET {what}: er ging iets onverwachts mis "
                            f"({type(exc).__name__}: {exc}).", problem=True)

    syncing = False

    def show_stored() -> None:
        """Set every control whose stored answer differs (taken over from another tab)."""
        nonlocal syncing
        syncing = True  # a control set here has nothing new to save
        try:
            for key, control in controls.items():
                want = store.get(key)
                if stored(key, control.value) != want:
                    control.value = want if shown is None else shown(key, want)
        finally:
            syncing = False

    def on_change(change):
        if syncing:
            return
        key = next(k for k, c in controls.items() if c is change["owner"])
        try:
            store.set(key, stored(key, change["new"]))
        except AnswerFileError as exc:  # the answer stays in memory and is saved with the next change
            message.value = message_html(str(exc), problem=True)
        except Exception as exc:  # a callback's error would only reach a log nobody reads
            message.value = unexpected(exc, "opgeslagen")
        else:
            message.value = message_html(store.message)  # "" or: merged with another tab's answers
            show_stored()
        if after is not None:
            after()

    def on_export(_button):
        try:
            path = store.to_csv(columns=columns)
        except AnswerFileError as exc:
            message.value = message_html(str(exc), problem=True)
            return
        except Exception as exc:  # as in on_change
            message.value = unexpected(exc, "geëxporteerd")
            return
        message.value = f"Je antwoorden staan in <code>{html.escape(str(path))}</code>."
        if not store.saved:  # the CSV has them, the answers file not yet
            message.value += "<br>" + message_html(store.message, problem=True)

    for control in controls.values():
        control.observe(on_change, names="value")
    if export is not None:
        export.on_click(on_export)


def _layout_key(fig) -> tuple:
    """The length of every text the layout makes room for, except tick labels."""
    key = []
    for ax in fig.axes:
        key += [len(ax.get_title(loc)) for loc in ("left", "center", "right")]
        key += [len(ax.get_xlabel()), len(ax.get_ylabel())]
        legend = ax.get_legend()
        if legend is not None:
            key += [len(legend.get_title().get_text()), *(len(t.get_text()) for t in legend.get_texts())]
    return tuple(key)


class FigureArea:
    """A figure that lives in an Output area (CSS class ``css``) and is shown again after each update.

    ``figsize`` is the size in the normal mode; in the lecture-hall mode the
    figure grows with the style (:func:`klantlib.plotting.figure_size`). Other
    keyword arguments go to ``Figure.subplots``. The figure is made without
    pyplot, so the notebook never shows it a second time (as under ``plt.ioff()``)
    and it does not stay in pyplot's list of open figures. The Output area
    carries this object as ``.area`` (for tests; ``.area.fig.savefig(...)`` saves the figure).
    """

    def __init__(self, figsize=None, *, css: str = "klant-figuur", **subplots):
        import ipywidgets as widgets
        from matplotlib.backends.backend_agg import FigureCanvasAgg
        from matplotlib.figure import Figure

        from klantlib.plotting import figure_size

        # No layout engine: png() lays the figure out, and only when needed.
        self.fig = Figure(figsize=figure_size(figsize), layout="none")
        FigureCanvasAgg(self.fig)
        self.ax = self.fig.subplots(**subplots)
        self.output = with_class(widgets.Output(), css)
        self.output.area = self
        self.shown: bytes | None = None  # the PNG the Output area shows
        self._layout = None
        self._changing = set()
        self._background = None  # (key, saved pixels)

    def redraws(self, *artists) -> None:
        """Declare the artists that updates change; the rest is drawn once and reused as the background."""
        self._changing.update(artists)

    def _on_top(self) -> list:
        """The artists drawn over the background, in the order a full draw draws them.

        Per axes: the declared artists and everything a full draw puts after them
        (``Axes.draw`` draws its children sorted by zorder), so that the pixels
        equal those of a full draw. They are set ``animated``, which makes a
        full canvas draw leave them out.
        """
        from operator import attrgetter

        on_top = []
        for ax in self.fig.axes:
            children = [a for a in ax.get_children() if a is not ax.patch]
            changing = [a for a in children if a in self._changing]
            if not changing:
                continue
            lowest = min(a.get_zorder() for a in changing)
            ordered = sorted(children, key=attrgetter("zorder"))  # stable, as in Axes.draw
            on_top += [a for a in ordered if a.get_zorder() >= lowest]
        return on_top

    def _needs_layout(self) -> bool:
        key = _layout_key(self.fig)
        if (self._layout is not None and len(key) == len(self._layout)
                and all(new <= old for new, old in zip(key, self._layout))):
            return False  # nothing grew: the room made last time is enough
        self._layout = key
        return True

    def png(self) -> bytes:
        """The figure as PNG bytes, laid out again first if a text grew."""
        from matplotlib.image import imsave
        from matplotlib.layout_engine import TightLayoutEngine

        canvas = self.fig.canvas
        if self.fig.get_layout_engine() is not None:  # a savefig() restores the figure.autolayout engine
            self.fig.set_layout_engine("none")
        if self._needs_layout():
            TightLayoutEngine().execute(self.fig)  # once; as the figure's engine it would run on every draw
        on_top = self._on_top()
        key = (self._layout, tuple((ax.get_xlim(), ax.get_ylim()) for ax in self.fig.axes), tuple(map(id, on_top)))
        if self._background is None or self._background[0] != key:
            for artist in on_top:
                artist.set_animated(True)
            canvas.draw()  # everything but the artists on top: the background
            self._background = (key, canvas.copy_from_bbox(self.fig.bbox))
        else:
            canvas.restore_region(self._background[1])
        renderer = canvas.get_renderer()
        for artist in on_top:
            if artist.get_visible():
                artist.draw(renderer)
        buffer = io.BytesIO()
        imsave(buffer, canvas.buffer_rgba(), format="png", pil_kwargs={"compress_level": 3})
        return buffer.getvalue()

    def clear(self) -> None:
        """Show no figure (until the next :meth:`show`): when there is nothing to draw, an old figure would mislead."""
        self.shown = None
        self.output.clear_output()

    def show(self) -> None:
        """Render the figure and replace what the Output area shows."""
        import base64

        from IPython.display import display

        from klantlib.plotting import alt_text, figure_html

        self.shown = self.png()
        # The PNG as an <img> with a Dutch text alternative (JupyterLab shows a bare PNG without one).
        bundle = {"text/html": figure_html(self.shown, alt_text(self.fig)),
                  "image/png": base64.b64encode(self.shown).decode("ascii")}
        with self.output:
            self.output.clear_output(wait=True)
            display(bundle, raw=True)
