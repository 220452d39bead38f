"""Notebook 08's customer-sensitivity scan responds in a real browser: an answer moves the figure and the reading
against Trapper's customers, also when it is given with the keyboard alone."""

import pytest

from conftest import FIGURE, answer_scan_by_keyboard, figure_src, open_in_voila, wait_for_outcome

pytestmark = [pytest.mark.browser, pytest.mark.slow]

NOTEBOOK = "08_klantgevoeligheid.ipynb"
BLANK = "Nog geen stelling beantwoord"


def test_an_answer_changes_the_figure_and_the_reading_in_voila(page, voila_url):
    open_in_voila(page, voila_url, NOTEBOOK)
    page.locator(FIGURE).first.wait_for(timeout=30_000)
    outcome = page.locator(".klant-uitkomst").first
    assert BLANK in outcome.inner_text()
    figure_before = figure_src(page)

    # Trapper's customers give ontvankelijkheid about 4,7 on average: a 7 lies above it.
    page.locator(".klant-ON1 select").first.select_option(label="7")
    wait_for_outcome(page, "1 van de 21")
    assert "Hoger dan het gemiddelde van de vergelijkingsgroep: ontvankelijkheid" in outcome.inner_text()
    page.wait_for_function(
        "([sel, before]) => { const img = document.querySelector(sel); return img && img.getAttribute('src') !== before; }",
        arg=[FIGURE, figure_before], timeout=15_000,
    )

    # Moving the same answer to 1 turns the reading around.
    page.locator(".klant-ON1 select").first.select_option(label="1")
    wait_for_outcome(page, "Lager: ontvankelijkheid")

    # The answers are saved in the course copy that every browser test shares: leave the scan blank again.
    page.locator(".klant-ON1 select").first.select_option(label="–")
    wait_for_outcome(page, BLANK)


def test_the_scan_answers_from_the_keyboard_and_names_its_controls(page, voila_url):
    open_in_voila(page, voila_url, NOTEBOOK)
    answer_scan_by_keyboard(page, "ON2", after_answer="Lager: ontvankelijkheid", after_name="voor De bieb", blank=BLANK)
