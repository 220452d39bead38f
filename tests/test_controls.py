"""The course's own sliders (klantlib.views.controls): what Python sees, and what they send to the browser.

The browser side (a labelled native range input that the keyboard sets) is tested on every demo page by
tests/browser/test_keyboard.py and test_accessibility.py; here the Python side, which the views rely on.
"""

import pandas as pd
import pytest
import traitlets

from klantlib.views.controls import RangeSlider, Slider, int_slider, range_slider, selection_slider

MONTHS = pd.date_range("2025-01-01", "2025-12-01", freq="MS")


def month_options():
    return [(f"{m:%m-%Y}", m) for m in MONTHS]


def test_int_slider_offers_the_numbers_with_their_step():
    slider = int_slider(value=50, min=10, max=90, step=5, description="Grens rendement")
    assert [value for _, value in slider.options] == list(range(10, 91, 5))
    assert slider.labels == [str(n) for n in range(10, 91, 5)]
    assert (slider.value, slider.index) == (50, 8)


def test_value_and_position_follow_each_other_and_observers_hear_every_change():
    slider = int_slider(value=2, min=1, max=10, description="Minimaal aantal bestellingen")
    heard = []
    slider.observe(lambda change: heard.append(change["new"]), names="value")
    slider.positions = [4]  # as the browser sends it: the handle moved to the fifth number
    slider.value = 9  # as a script sets it
    slider.index = 0
    assert heard == [5, 9, 1]
    assert slider.positions == [0]


def test_selection_slider_keeps_the_values_themselves():
    slider = selection_slider(month_options(), value=MONTHS[-1], description="Peildatum")
    assert slider.value == pd.Timestamp("2025-12-01") and slider.index == 11
    assert slider.labels[slider.index] == "12-2025"  # what the readout and a screen reader say
    assert "value" not in slider.get_state()  # only positions and labels go to the browser


def test_range_slider_has_two_handles_called_van_and_tot():
    period = range_slider(month_options(), index=(2, 5), description="Start van de reis")
    assert isinstance(period, RangeSlider) and period.parts == ["van", "tot"]
    assert period.value == (MONTHS[2], MONTHS[5]) and period.index == (2, 5)
    period.value = (MONTHS[0], MONTHS[0])
    assert period.positions == [0, 0]


@pytest.mark.parametrize("bad", [[5, 2], [0, 12], [-1, 3]])
def test_range_slider_refuses_positions_that_are_not_a_period(bad):
    period = range_slider(month_options(), index=(0, 11), description="Start van de reis")
    with pytest.raises(traitlets.TraitError):
        period.positions = bad
    assert period.index == (0, 11)


def test_a_value_not_offered_is_refused_in_dutch_and_changes_nothing():
    slider = int_slider(value=50, min=10, max=90, step=5, description="Grens rendement")
    with pytest.raises(traitlets.TraitError, match="71 is geen waarde van de schuifregelaar 'Grens rendement'. "
                                                   "Kies 10, 15, .* of 90."):
        slider.value = 71
    assert (slider.value, slider.index) == (50, 8)
    with pytest.raises(traitlets.TraitError, match="ligt het begin na het einde"):
        range_slider(month_options(), index=(0, 11), description="Periode").value = (MONTHS[5], MONTHS[1])
    with pytest.raises(traitlets.TraitError, match="51 ligt niet op de schuifregelaar 'Grens' \\(10 tot 90, stap 5\\)"):
        int_slider(value=51, min=10, max=90, step=5, description="Grens")
    with pytest.raises(ValueError, match="minstens één mogelijke waarde"):
        Slider([], description="Leeg")


def test_repr_is_the_same_in_every_run():
    """A notebook stores the repr of a widget box (text/plain), which nbval compares: no memory address in it."""
    slider = int_slider(value=2, min=1, max=10, description="Minimaal aantal bestellingen")
    assert repr(slider) == "Slider(description='Minimaal aantal bestellingen', value=2)"


def test_the_browser_side_names_each_handle_and_says_its_value():
    """The render code gives each range input a <label> and aria-valuetext (the audit checks the page itself)."""
    slider = int_slider(value=2, min=1, max=10, description="x")
    for needed in ('createElement("label")', "label.htmlFor", 'input.type = "range"', '"aria-valuetext"',
                   'createElement(two ? "fieldset" : "div")', 'createElement("legend")'):
        assert needed in slider._esm
