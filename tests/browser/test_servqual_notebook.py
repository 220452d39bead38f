"""Notebook 05's questionnaire widget responds in a real browser: a changed answer redraws the figure."""

import pytest

from conftest import FIGURE, figure_src, open_in_voila

pytestmark = [pytest.mark.browser, pytest.mark.slow]

NOTEBOOK = "05_servqual_gaps.ipynb"


def test_answering_changes_score_and_figure_in_voila(page, voila_url):
    open_in_voila(page, voila_url, NOTEBOOK)
    page.locator(FIGURE).first.wait_for(timeout=30_000)
    outcome = page.locator(".klant-uitkomst").first
    figure_before, text_before = figure_src(page), outcome.inner_text()

    # One expectation and one perception: now there is a score, and the figure shows it.
    page.locator(".klant-E5 select").first.select_option(label="7")
    page.locator(".lm-TabBar-tab", has_text="Percepties (P)").first.click()
    page.locator(".klant-P5 select").first.select_option(label="3")
    page.wait_for_function(
        "([before]) => document.querySelector('.klant-uitkomst').innerText !== before",
        arg=[text_before], timeout=15_000,
    )
    page.wait_for_function(
        "([sel, before]) => { const img = document.querySelector(sel); return img && img.getAttribute('src') !== before; }",
        arg=[FIGURE, figure_before], timeout=15_000,
    )
    assert "op 1 van de 22 items" in outcome.inner_text()

    # Points that don't add up to 100 get a message with what is left.
    page.locator(".lm-TabBar-tab", has_text="Punten").first.click()
    page.locator(".klant-W_betrouwbaarheid input").first.fill("60")
    page.locator(".klant-W_betrouwbaarheid input").first.press("Enter")
    page.wait_for_function("() => document.querySelector('.klant-punten-rest').innerText.includes('40')",
                           timeout=15_000)


def test_martins_scale_as_a_questionnaire_answers_from_the_keyboard(page, voila_url):
    """Martin's scale in the one questionnaire widget (opdracht 3): a choice made with the keyboard alone counts."""
    open_in_voila(page, voila_url, NOTEBOOK)
    select = page.locator(".klant-tact select").first
    select.wait_for(timeout=30_000)
    outcome = page.locator(".klant-uitkomst", has_text="Customer Service Assessment Scale").first
    assert "0 van de 16 items" in outcome.inner_text()
    select.focus()
    page.keyboard.press("4")  # a native <select>: typing the label chooses it
    page.wait_for_function("() => [...document.querySelectorAll('.klant-uitkomst')].some("
                           "e => e.innerText.includes('1 van de 16 items'))", timeout=15_000)
    assert select.evaluate("e => e.options[e.selectedIndex].text") == "4"
    label = page.locator(".klant-tact label").first.inner_text()
    assert label.strip() == "tact"  # the control has a name a screen reader reads
