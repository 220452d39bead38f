"""Notebook 02's role widget responds in a real browser: ticking a role changes the choice, the figure and,
after *Controleer*, the feedback."""

import pytest

from conftest import FIGURE, figure_src, open_in_voila

pytestmark = [pytest.mark.browser, pytest.mark.slow]

NOTEBOOK = "02_dmu_en_koopsituaties.ipynb"


def _tick(page, css):
    page.locator(f".{css} input[type=checkbox]").first.click()


def _changed(page, selector, before):
    page.wait_for_function(
        "([sel, before]) => { const el = document.querySelector(sel); return el && el.innerText !== before; }",
        arg=[selector, before], timeout=15_000,
    )


def test_choosing_roles_changes_what_is_shown_in_voila(page, voila_url):
    open_in_voila(page, voila_url, NOTEBOOK)
    page.locator(FIGURE).first.wait_for(timeout=30_000)
    choice = page.locator(".klant-keuzes").first
    figure_before, text_before = figure_src(page), choice.inner_text()
    assert "Ria: –" in text_before

    _tick(page, "klant-rol-0-0")  # Ria: initiator
    _changed(page, ".klant-keuzes", text_before)
    page.wait_for_function(
        "([sel, before]) => { const img = document.querySelector(sel); return img && img.getAttribute('src') !== before; }",
        arg=[FIGURE, figure_before], timeout=15_000,
    )
    assert "Ria: initiator" in choice.inner_text()

    # Another role for Ria: the choice and the figure follow again.
    figure_one, text_one = figure_src(page), choice.inner_text()
    _tick(page, "klant-rol-0-2")  # Ria: gatekeeper (wrong: nobody holds it in a family)
    _changed(page, ".klant-keuzes", text_one)
    assert "Ria: initiator, gatekeeper" in choice.inner_text()
    page.wait_for_function(
        "([sel, before]) => { const img = document.querySelector(sel); return img && img.getAttribute('src') !== before; }",
        arg=[FIGURE, figure_one], timeout=15_000,
    )

    # Controleer: feedback from check_roles, with a hint per person.
    page.locator(".klant-controleer").first.click()
    page.wait_for_function("() => document.querySelector('.klant-feedback-vak').innerText.includes('Nog niet')",
                           timeout=15_000)
    feedback = page.locator(".klant-feedback-vak").first.inner_text()
    assert "gatekeeper" in feedback and "alleen op de zakelijke markt" in feedback
    assert "Femke" in feedback
