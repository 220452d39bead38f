"""Notebook 08's customer-sensitivity scan responds in a real browser: an answer moves the figure and the reading
against Trapper's customers, also when it is given with the keyboard alone."""

import pytest

from conftest import FIGURE, figure_src, open_in_voila

pytestmark = [pytest.mark.browser, pytest.mark.slow]

NOTEBOOK = "08_klantgevoeligheid.ipynb"
BLANK = "Nog geen stelling beantwoord"


def test_an_answer_changes_the_figure_and_the_reading_in_voila(page, voila_url):
    open_in_voila(page, voila_url, NOTEBOOK)
    page.locator(FIGURE).first.wait_for(timeout=30_000)
    outcome = page.locator(".klant-uitkomst").first
    assert BLANK in outcome.inner_text()
    figure_before = figure_src(page)

    # Trapper's customers give ontvankelijkheid about 4,7 on average: a 7 lies above that mean.
    page.locator(".klant-ON1 select").first.select_option(label="7")
    page.wait_for_function("() => document.querySelector('.klant-uitkomst').innerText.includes('1 van de 21')",
                           timeout=15_000)
    assert "Hoger dan het gemiddelde van de vergelijkingsgroep: ontvankelijkheid" in outcome.inner_text()
    page.wait_for_function(
        "([sel, before]) => { const img = document.querySelector(sel); return img && img.getAttribute('src') !== before; }",
        arg=[FIGURE, figure_before], timeout=15_000,
    )

    # Moving the same answer to 1 turns the reading around.
    page.locator(".klant-ON1 select").first.select_option(label="1")
    page.wait_for_function("() => document.querySelector('.klant-uitkomst').innerText.includes('Lager: ontvankelijkheid')",
                           timeout=15_000)

    # The answers are saved in the course copy that every browser test shares: leave the scan blank again.
    page.locator(".klant-ON1 select").first.select_option(label="–")
    page.wait_for_function(f"() => document.querySelector('.klant-uitkomst').innerText.includes('{BLANK}')",
                           timeout=15_000)


def test_the_scan_answers_from_the_keyboard_and_names_its_controls(page, voila_url):
    open_in_voila(page, voila_url, NOTEBOOK)
    select = page.locator(".klant-ON2 select").first
    select.wait_for(timeout=30_000)
    select.focus()
    page.keyboard.press("2")  # a native <select>: typing the label chooses it
    page.wait_for_function("() => document.querySelector('.klant-uitkomst').innerText.includes('Lager: ontvankelijkheid')",
                           timeout=15_000)
    assert select.evaluate("e => e.options[e.selectedIndex].text") == "2"
    assert page.locator(".klant-ON2 label").first.inner_text().strip() != ""
    name = page.locator(".klant-organisatie input").first
    name.focus()
    page.keyboard.type("De bieb")
    page.keyboard.press("Tab")
    page.wait_for_function("() => document.querySelector('.klant-uitkomst').innerText.includes('voor De bieb')",
                           timeout=15_000)

    # Leave the scan blank again for the other tests (the answers are saved in the shared course copy).
    name.fill("")
    name.press("Tab")
    select.select_option(label="–")
    page.wait_for_function(f"() => document.querySelector('.klant-uitkomst').innerText.includes('{BLANK}')",
                           timeout=15_000)
