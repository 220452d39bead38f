"""Sliders a screen reader can name and a keyboard can set: a native ``<input type="range">`` with a ``<label>``.

ipywidgets 8 draws its sliders with noUiSlider: a ``<div role="slider">`` whose handle has no accessible
name, so a screen reader says "schuifregelaar" and not what it sets (axe-core: aria-input-field-name;
WCAG 2.1 AA, 4.1.2). The sliders here are built on anywidget (a well-kept custom-widget library whose
JupyterLab extension ships in its wheel, so they work offline in JupyterLab and on a Voila page that
allows the extension ``anywidget``, see :data:`klantlib.demo.VOILA_EXTENSIONS`). In the browser each
handle is the browser's own range input:

- its visible ``<label>`` is its accessible name (a range of two handles is a ``<fieldset>`` whose
  ``<legend>`` is the description, with the handles labelled "van" and "tot");
- Tab reaches it; the arrow keys move it one position, Home and End to the ends, Page Up and Page
  Down further (the browser's own keys for a range input);
- ``aria-valuetext`` says the position as the student reads it ("03-2025"), not its index; the
  readout beside it shows the same text.

The Python side mirrors ipywidgets' selection sliders: ``options`` (pairs of label and value),
``index`` and ``value``; ``observe(..., names="value")`` fires on every change, from the browser or
from Python. :func:`int_slider`, :func:`selection_slider` and :func:`range_slider` build one.

>>> slider = int_slider(value=50, min=10, max=90, step=5, description="Grens rendement")
>>> slider.value, slider.index, slider.options[:2]
(50, 8, [('10', 10), ('15', 15)])
>>> slider.value = 65
>>> slider.index, slider.labels[slider.index]
(11, '65')
>>> period = range_slider([("01-2025", 1), ("02-2025", 2), ("03-2025", 3)], index=(0, 2), description="Periode")
>>> period.value
(1, 3)
>>> period.index = (1, 1)
>>> period.value
(2, 2)
"""

from __future__ import annotations

import anywidget
import ipywidgets as widgets
import traitlets

__all__ = ["RangeSlider", "Slider", "int_slider", "range_slider", "selection_slider"]

#: The browser side: one render function for one or two handles.
_ESM = r"""
let counter = 0;

function render({ model, el }) {
  const id = `klant-schuif-${Date.now().toString(36)}-${counter++}`;
  const two = model.get("positions").length === 2;
  const box = document.createElement(two ? "fieldset" : "div");
  box.className = "klant-schuif-vak";
  if (two) {
    const legend = document.createElement("legend");
    box.appendChild(legend);
  }
  const rows = model.get("positions").map((_, k) => {
    const row = document.createElement("div");
    row.className = "klant-schuif-rij";
    const label = document.createElement("label");
    label.htmlFor = `${id}-${k}`;
    const input = document.createElement("input");
    input.type = "range";
    input.id = `${id}-${k}`;
    input.step = "1";
    input.min = "0";
    // JupyterLab's notebook takes the arrow keys for itself (to move between cells) unless told not to
    input.dataset.lmSuppressShortcuts = "true";
    const readout = document.createElement("span");
    readout.className = "klant-schuif-waarde";
    readout.setAttribute("aria-hidden", "true");  // the input's aria-valuetext already says it
    input.addEventListener("input", () => {
      const positions = model.get("positions").slice();
      let wanted = Number(input.value);
      if (two && k === 0) { wanted = Math.min(wanted, positions[1]); }  // "van" never passes "tot"
      if (two && k === 1) { wanted = Math.max(wanted, positions[0]); }
      positions[k] = wanted;
      show();
      model.set("positions", positions);
      model.save_changes();
    });
    row.append(label, input, readout);
    box.appendChild(row);
    return { label, input, readout };
  });

  function show() {
    const labels = model.get("labels");
    const positions = model.get("positions");
    const parts = model.get("parts");
    if (two) { box.querySelector("legend").textContent = model.get("description"); }
    rows.forEach(({ label, input, readout }, k) => {
      label.textContent = two ? parts[k] : model.get("description");
      input.max = String(Math.max(labels.length - 1, 0));
      input.value = String(positions[k]);
      const text = labels[positions[k]] ?? "";
      input.setAttribute("aria-valuetext", text);
      readout.textContent = text;
    });
  }

  show();
  el.classList.add("klant-schuif");
  el.appendChild(box);
  model.on("change:positions", show);
  model.on("change:labels", show);
  model.on("change:description", show);
  return () => {
    model.off("change:positions", show);
    model.off("change:labels", show);
    model.off("change:description", show);
  };
}

export default { render };
"""

#: Sizes follow ipywidgets' own CSS variables, so the lecture-hall mode (klantlib.notebook) makes them grow too.
_CSS = """
.klant-schuif { font-size: var(--jp-widgets-font-size, 13px); color: var(--jp-widgets-label-color, inherit);
                margin: 4px 0; }
/* Lumino hides what sticks out of a widget: the focus ring around the track must stay visible. */
.lm-Widget.klant-schuif { overflow: visible; }
.klant-schuif .klant-schuif-vak { border: 0; margin: 0; padding: 0; min-width: 0; }
.klant-schuif legend { padding: 0; margin-bottom: 2px; }
.klant-schuif .klant-schuif-rij { display: flex; align-items: center; gap: 0.6em; padding: 2px 4px;
                                  min-height: var(--jp-widgets-inline-height, 28px); }
.klant-schuif label { flex: 0 0 auto; }
.klant-schuif input[type="range"] { flex: 1 1 8em; min-width: 6em; margin: 0; accent-color: #0072b2;
                                    height: var(--jp-widgets-inline-height, 28px); }
.klant-schuif input[type="range"]:focus-visible { outline: 3px solid #d55e00; outline-offset: 1px; }
.klant-schuif .klant-schuif-waarde { flex: 0 0 auto; min-width: 4.5em; font-variant-numeric: tabular-nums; }
"""


class _Positions(anywidget.AnyWidget, widgets.ValueWidget):
    """What both sliders share: the options, their labels in the browser, and the handles' positions."""

    _esm = _ESM
    _css = _CSS
    #: The text of every position, as the readout and a screen reader say it.
    labels = traitlets.List(traitlets.Unicode()).tag(sync=True)
    #: The position (index in ``options``) of each handle: one, or two for a range.
    positions = traitlets.List(traitlets.Int()).tag(sync=True)
    description = traitlets.Unicode("").tag(sync=True)
    #: The visible label of each handle of a range (its fieldset's legend is the description).
    parts = traitlets.List(traitlets.Unicode()).tag(sync=True)
    #: The value of the handles (Python only): ``options[index][1]``, or a pair of them for a range.
    value = traitlets.Any()

    def __init__(self, options, positions, description: str, **kwargs):
        self.options = [(str(label), value) for label, value in options]
        if not self.options:
            raise ValueError("Een schuifregelaar heeft minstens één mogelijke waarde nodig.")
        values = [value for _, value in self.options]
        super().__init__(labels=[label for label, _ in self.options], positions=list(positions),
                         description=description, value=self._value_at(values, positions), **kwargs)
        self.observe(self._on_positions, names="positions")
        self.observe(self._on_value, names="value")

    def __repr__(self) -> str:  # anywidget's repr has the object's address, which differs in every run
        return f"{type(self).__name__}(description={self.description!r}, value={self.value!r})"

    @staticmethod
    def _value_at(values, positions):
        raise NotImplementedError

    def _positions_of(self, value) -> list[int]:
        raise NotImplementedError

    @traitlets.validate("positions")
    def _valid_positions(self, proposal):
        positions = list(proposal["value"])
        last = len(self.labels) - 1
        if any(not 0 <= p <= last for p in positions) or positions != sorted(positions):
            raise traitlets.TraitError(f"Posities {positions} passen niet bij {len(self.labels)} mogelijke waarden.")
        return positions

    def _on_positions(self, change):
        self.value = self._value_at([value for _, value in self.options], change["new"])

    @traitlets.validate("value")
    def _valid_value(self, proposal):
        positions = self._positions_of(proposal["value"])  # raises for a value that is not offered
        if positions != sorted(positions):
            raise traitlets.TraitError(f"Bij '{self.description}' ligt het begin na het einde: {proposal['value']!r}.")
        return proposal["value"]

    def _on_value(self, change):
        positions = self._positions_of(change["new"])
        if positions != self.positions:
            self.positions = positions

    def _position_of(self, value) -> int:
        for k, (_, option) in enumerate(self.options):
            if option == value:
                return k
        from klantlib.formatting import listing

        choices = listing((label for label, _ in self.options), limit=None, word="of")
        raise traitlets.TraitError(f"{value!r} is geen waarde van de schuifregelaar '{self.description}'. "
                                   f"Kies {choices}.")


class Slider(_Positions):
    """One handle over ``options`` (pairs of label and value); ``index`` is its position, ``value`` its value."""

    def __init__(self, options, *, index: int = 0, description: str = "", **kwargs):
        super().__init__(options, [index], description, **kwargs)

    @staticmethod
    def _value_at(values, positions):
        return values[positions[0]]

    def _positions_of(self, value) -> list[int]:
        return [self._position_of(value)]

    @property
    def index(self) -> int:
        return self.positions[0]

    @index.setter
    def index(self, index: int) -> None:
        self.positions = [index]


class RangeSlider(_Positions):
    """Two handles, "van" and "tot", over ``options``; ``index`` and ``value`` are pairs (first, last)."""

    def __init__(self, options, *, index: tuple[int, int] = (0, 0), description: str = "",
                 parts: tuple[str, str] = ("van", "tot"), **kwargs):
        super().__init__(options, list(index), description, parts=list(parts), **kwargs)

    @staticmethod
    def _value_at(values, positions):
        return (values[positions[0]], values[positions[1]])

    def _positions_of(self, value) -> list[int]:
        first, last = value
        return [self._position_of(first), self._position_of(last)]

    @property
    def index(self) -> tuple[int, int]:
        return tuple(self.positions)

    @index.setter
    def index(self, index: tuple[int, int]) -> None:
        self.positions = list(index)


def int_slider(*, value: int, min: int, max: int, step: int = 1, description: str, **kwargs) -> Slider:  # noqa: A002
    """A slider over the whole numbers ``min``, ``min + step``, ... up to ``max`` (as ipywidgets' IntSlider).

    Args:
        value: where the handle starts (one of those numbers).
        min, max, step: the numbers it offers.
        description: its label: what it sets, in Dutch.
        **kwargs: passed to the widget (``layout``).

    Returns:
        A :class:`Slider` whose ``value`` is an int.

    Raises:
        traitlets.TraitError: ``value`` is not one of the numbers offered.
    """
    numbers = range(min, max + 1, step)
    if value not in numbers:
        raise traitlets.TraitError(f"{value} ligt niet op de schuifregelaar '{description}' ({min} tot {max}, "
                                   f"stap {step}).")
    return Slider([(str(n), n) for n in numbers], index=numbers.index(value), description=description, **kwargs)


def selection_slider(options, *, value, description: str, **kwargs) -> Slider:
    """A slider over ``options`` (pairs of label and value), starting at ``value`` (as ipywidgets' SelectionSlider)."""
    slider = Slider(options, description=description, **kwargs)
    slider.value = value
    return slider


def range_slider(options, *, index: tuple[int, int], description: str, **kwargs) -> RangeSlider:
    """Two handles over ``options`` from ``index[0]`` to ``index[1]`` (as ipywidgets' SelectionRangeSlider)."""
    return RangeSlider(options, index=index, description=description, **kwargs)
