"""Notebook 07's self-scan responds in a real browser: an answer moves the comparison with the benchmark, also
when it is given with the keyboard alone."""

import pytest

from conftest import FIGURE, answer_scan_by_keyboard, figure_src, open_in_voila, wait_for_outcome

pytestmark = [pytest.mark.browser, pytest.mark.slow]

NOTEBOOK = "07_klantgerichtheid_meten.ipynb"


def test_an_answer_changes_the_comparison_with_the_benchmark_in_voila(page, voila_url):
    open_in_voila(page, voila_url, NOTEBOOK)
    page.locator(FIGURE).first.wait_for(timeout=30_000)
    outcome = page.locator(".klant-uitkomst").first
    assert "Vul de stellingen in" in outcome.inner_text()
    figure_before = figure_src(page)

    # B1's benchmark mean is 5,17: a 7 lies above it, and the reading and the figure say so.
    page.locator(".klant-B1 select").first.select_option(label="7")
    wait_for_outcome(page, "1 van de 11")
    assert "boven het gemiddelde van de benchmark bij 1 daarvan en eronder bij 0" in outcome.inner_text()
    page.wait_for_function(
        "([sel, before]) => { const img = document.querySelector(sel); return img && img.getAttribute('src') !== before; }",
        arg=[FIGURE, figure_before], timeout=15_000,
    )

    # Moving the same answer to 2 turns the comparison around.
    page.locator(".klant-B1 select").first.select_option(label="2")
    wait_for_outcome(page, "eronder bij 1")
    assert "B1 (2 tegen 5,17)" in outcome.inner_text()

    # The answers are saved in the course copy that every browser test shares: leave the scan blank again.
    page.locator(".klant-B1 select").first.select_option(label="–")
    wait_for_outcome(page, "Vul de stellingen")


def test_the_scan_answers_from_the_keyboard_and_names_its_controls(page, voila_url):
    open_in_voila(page, voila_url, NOTEBOOK)
    answer_scan_by_keyboard(page, "B3", after_answer="B3 (2 tegen 4,36)", after_name="De bieb scoort", blank="Vul de stellingen")
