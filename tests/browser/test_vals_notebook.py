"""Notebook 03's lifestyle questionnaire responds in a real browser: changing an answer can change the type shown."""

import pytest

from conftest import FIGURE, figure_src, open_in_voila

pytestmark = [pytest.mark.browser, pytest.mark.slow]

NOTEBOOK = "03_vals_segmentatie.ipynb"
OUTCOME = ".klant-vals-type"


def _answer(page, item: str, value: int) -> None:
    page.locator(f".klant-{item} select").first.select_option(label=str(value))


def _wait_for_text(page, text: str) -> None:
    page.wait_for_function("([sel, text]) => document.querySelector(sel).innerText.includes(text)",
                           arg=[OUTCOME, text], timeout=15_000)


def test_answering_shows_a_type_and_a_changed_answer_changes_it_in_voila(page, voila_url):
    open_in_voila(page, voila_url, NOTEBOOK)
    page.locator(FIGURE).first.wait_for(timeout=30_000)
    assert "Nog 18 van de 18 stellingen" in page.locator(OUTCOME).first.inner_text()
    figure_before = figure_src(page)

    # Agree with the belongers' statements (S05, S06), disagree with the rest: the type is meelopers.
    for number in range(1, 19):
        item = f"S{number:02d}"
        _answer(page, item, 5 if item in ("S05", "S06") else 2)
    _wait_for_text(page, "Jouw type: meelopers")
    page.wait_for_function(
        "([sel, before]) => { const img = document.querySelector(sel); return img && img.getAttribute('src') !== before; }",
        arg=[FIGURE, figure_before], timeout=15_000,
    )
    figure_meelopers = figure_src(page)

    # Now agree more with the experiential statements: the type shown changes, and so does the figure.
    _answer(page, "S05", 3)
    _answer(page, "S13", 5)
    _answer(page, "S14", 5)
    _wait_for_text(page, "Jouw type: experimentelen")
    page.wait_for_function(
        "([sel, before]) => { const img = document.querySelector(sel); return img && img.getAttribute('src') !== before; }",
        arg=[FIGURE, figure_meelopers], timeout=15_000,
    )
    assert "inner-directed" in page.locator(OUTCOME).first.inner_text()
