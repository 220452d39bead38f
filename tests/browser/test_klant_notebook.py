"""Notebook 01's widgets respond in a real browser: another organisation changes text and figure; typing in
the opdracht 1.1 scaffold is counted (and saved, see tests/test_klant.py)."""

import pytest

from conftest import FIGURE, open_in_voila

pytestmark = [pytest.mark.browser, pytest.mark.slow]

NOTEBOOK = "01_wie_is_de_klant.ipynb"
TEXT = ".klant-klantbeeld"


def test_choosing_another_organisation_changes_text_and_figure_in_voila(page, voila_url):
    open_in_voila(page, voila_url, NOTEBOOK)
    page.locator(FIGURE).first.wait_for(timeout=30_000)
    text = page.locator(TEXT).first
    text.wait_for(timeout=30_000)
    before_text, before_figure = text.inner_text(), page.locator(FIGURE).first.get_attribute("src")
    assert "Trapper Fietsen" in before_text and "institutionele markt" in before_text

    page.locator(".klant-organisatie-keuze select").first.select_option(label="PI Hoogveen")
    page.wait_for_function("([sel, before]) => document.querySelector(sel).innerText !== before",
                           arg=[TEXT, before_text], timeout=15_000)
    page.wait_for_function(
        "([sel, before]) => { const img = document.querySelector(sel); return img && img.getAttribute('src') !== before; }",
        arg=[FIGURE, before_figure], timeout=15_000,
    )
    after = text.inner_text()
    assert "PI Hoogveen" in after and "de gedetineerde" in after and "Trapper" not in after


def test_the_depest_scaffold_counts_what_is_typed_in_voila(page, voila_url):
    open_in_voila(page, voila_url, NOTEBOOK)
    progress = page.locator(".klant-voortgang").first
    progress.wait_for(timeout=30_000)
    page.locator(".lm-TabBar-tab", has_text="overheid").first.click()
    page.locator(".klant-markt_overheid input").first.check()
    field = page.locator(".klant-overheid_politiek textarea").first
    field.fill("Gemeenten willen minder auto's in de binnenstad.")
    field.blur()  # a Textarea sends its value when it loses focus or after typing stops
    page.wait_for_function(
        "() => document.querySelector('.klant-voortgang').innerText.includes('1 van de 7')", timeout=15_000)
    assert "1 markt gekozen" in progress.inner_text()
