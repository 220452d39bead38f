"""Notebook 06's funnel widget responds in a real browser: choosing a customer group changes the funnel."""

import pytest

from conftest import FIGURE, open_in_voila

pytestmark = [pytest.mark.browser, pytest.mark.slow]

NOTEBOOK = "06_orca_klantreis.ipynb"
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


def test_the_period_starts_at_the_months_with_journeys_and_a_narrower_period_counts_fewer(page, voila_url):
    """Every step of the shipped log lies in 2025, so the period starts at all its months; both handles on the last
    month count only the journeys that started then. (An empty period, which the shipped log no longer has, is
    tested on the widget itself in tests/test_orca.py.)"""
    import klantlib
    from klantlib.orca import filter_options

    log = klantlib.load_dataset("klantreis")
    options = filter_options(log)
    first_month, last_month = options["start_months"]
    open_in_voila(page, voila_url, NOTEBOOK)
    page.locator(FIGURE).first.wait_for(timeout=30_000)
    counts = page.locator(COUNTS).first
    # At first the months in which journeys start (the model's start_months): here every month of the log.
    assert counts.inner_text().startswith(f"Reizen gestart {first_month:%m-%Y} t/m {last_month:%m-%Y}:")
    assert options["months"][-1] == last_month
    # Both handles to the last month (keyboard only): only the journeys that started in December.
    start, end = (page.locator(".klant-orca-periode input[type=range]").nth(k) for k in (0, 1))
    before = counts.inner_text()
    end.focus()
    end.press("End")
    start.focus()
    start.press("End")
    page.wait_for_function(f"([before]) => document.querySelector('{COUNTS}').innerText.startsWith("
                           f"'Reizen gestart {last_month:%m-%Y} t/m {last_month:%m-%Y}')", arg=[before], timeout=15_000)
    started = log.groupby("reis_id")["tijdstip"].min()
    assert _oriented(counts.inner_text()) == (started >= last_month).sum()
    start.press("Home")  # back to the whole period: the funnel of every journey returns
    page.wait_for_function(f"() => document.querySelector('{COUNTS}').innerText.includes('Oriëntatie: 6.000')",
                           timeout=15_000)
    assert _oriented(page.locator(COUNTS).first.inner_text()) == 6000
