"""Notebook 06's funnel widget responds in a real browser: choosing a customer group changes the funnel."""

import pytest

from conftest import open_in_voila

pytestmark = [pytest.mark.browser, pytest.mark.slow]

NOTEBOOK = "06_orca_klantreis.ipynb"
FIGURE = ".klant-figuur img"
COUNTS = ".klant-orca-telling"


def _oriented(text: str) -> int:
    return int(text.split("Oriëntatie:")[1].split("·")[0].strip().replace(".", ""))


def test_choosing_a_customer_group_changes_the_funnel_in_voila(page, voila_url):
    open_in_voila(page, voila_url, NOTEBOOK)
    page.locator(FIGURE).first.wait_for(timeout=30_000)
    counts = page.locator(COUNTS).first
    before_counts, before_figure = counts.inner_text(), page.locator(FIGURE).first.get_attribute("src")
    assert _oriented(before_counts) == 6000  # every journey of the shipped log, as in the notebook's funnel

    page.locator(".klant-orca-groep select").first.select_option(label="zakelijk")
    page.wait_for_function(f"([before]) => document.querySelector('{COUNTS}').innerText !== before",
                           arg=[before_counts], timeout=15_000)
    page.wait_for_function(
        "([sel, before]) => { const img = document.querySelector(sel); return img && img.getAttribute('src') !== before; }",
        arg=[FIGURE, before_figure], timeout=15_000,
    )
    assert 0 < _oriented(counts.inner_text()) < 6000

    # A channel filter changes it again.
    business = counts.inner_text()
    page.locator(".klant-orca-kanaal select").first.select_option(label="offline")
    page.wait_for_function(f"([before]) => document.querySelector('{COUNTS}').innerText !== before",
                           arg=[business], timeout=15_000)
    assert _oriented(counts.inner_text()) < _oriented(business)


def test_an_empty_period_chosen_with_the_keyboard_says_so_and_shows_no_old_funnel(page, voila_url):
    # The period slider's first handle moved to the end (keyboard only): no journey starts in the last month.
    open_in_voila(page, voila_url, NOTEBOOK)
    page.locator(FIGURE).first.wait_for(timeout=30_000)
    handle = page.locator(".klant-orca-periode .noUi-handle").first
    handle.focus()
    handle.press("End")
    page.wait_for_function(f"() => document.querySelector('{COUNTS}').innerText.startsWith('De selectie is leeg')",
                           timeout=15_000)
    assert "reizen gestart van 01-01-2026 tot 01-02-2026" in page.locator(COUNTS).first.inner_text()
    assert page.locator(f".klant-orca-telling b[style*='color']").count() == 1  # marked as a problem
    page.wait_for_function(f"() => document.querySelectorAll('{FIGURE}').length === 0", timeout=15_000)
    handle.press("Home")  # back to the whole period: the funnel of every journey returns
    page.locator(FIGURE).first.wait_for(timeout=15_000)
    assert _oriented(page.locator(COUNTS).first.inner_text()) == 6000
