"""Notebook 04's interactive matrix responds in a real browser: a cut-off moves customers between groups."""

import pytest

from conftest import FIGURE, open_in_voila

pytestmark = [pytest.mark.browser, pytest.mark.slow]

NOTEBOOK = "04_rfm_klantenmatrix.ipynb"


def test_moving_a_cut_off_changes_counts_and_figure_in_voila(page, voila_url):
    open_in_voila(page, voila_url, NOTEBOOK)
    page.locator(FIGURE).first.wait_for(timeout=30_000)
    counts = page.locator(".klant-telling").first
    before_counts, before_figure = counts.inner_text(), page.locator(FIGURE).first.get_attribute("src")
    assert "Partners: 185" in before_counts  # the default cut of 50, as in the notebook's static matrix

    handle = page.locator(".klant-cut-x input[type=range]").first
    handle.focus()
    for _ in range(4):  # 50 -> 70 in steps of 5
        handle.press("ArrowRight")
    page.wait_for_function("([before]) => document.querySelector('.klant-telling').innerText !== before",
                           arg=[before_counts], timeout=15_000)
    page.wait_for_function(
        "([sel, before]) => { const img = document.querySelector(sel); return img && img.getAttribute('src') !== before; }",
        arg=[FIGURE, before_figure], timeout=15_000,
    )
    after = counts.inner_text()
    partners = lambda text: int(text.split("Partners:")[1].split("·")[0].strip().replace(".", ""))  # noqa: E731
    assert partners(after) < partners(before_counts)
