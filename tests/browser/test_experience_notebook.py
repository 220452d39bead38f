"""Notebook 09's widgets respond in a real browser: a relevancy profile is checked against Crawford & Mathews' rule
as it is chosen, and a mark for a touchpoint moves the figure, also with the keyboard alone."""

import pytest

from conftest import FIGURE, answer_scan_by_keyboard, figure_src, open_in_voila, wait_for_outcome

pytestmark = [pytest.mark.browser, pytest.mark.slow]

NOTEBOOK = "09_klantbeleving.ipynb"
BLANK = "Jouw organisatie: kies nog een niveau voor prijs, product, toegang, service en beleving."


def choose(page, code: str, label: str) -> None:
    page.locator(f".klant-{code} select").first.select_option(label=label)


def test_a_profile_is_checked_against_the_rule_as_it_is_chosen_in_voila(page, voila_url):
    open_in_voila(page, voila_url, NOTEBOOK)
    page.locator(FIGURE).first.wait_for(timeout=30_000)
    outcome = page.locator(".klant-uitkomst").first
    assert BLANK in outcome.inner_text()
    figure_before = figure_src(page)

    choose(page, "RD", "5")
    wait_for_outcome(page, "kies nog een niveau voor prijs, toegang, service en beleving")
    page.wait_for_function(
        "([sel, before]) => { const img = document.querySelector(sel); return img && img.getAttribute('src') !== before; }",
        arg=[FIGURE, figure_before], timeout=15_000,
    )
    for code, level in (("RP", "3"), ("RT", "3"), ("RS", "4"), ("RB", "3")):
        choose(page, code, level)
    wait_for_outcome(page, "dit profiel volgt de regel van Crawford & Mathews: de organisatie domineert op product")

    # A second 5 breaks the rule, and the reading says why.
    choose(page, "RP", "5")
    wait_for_outcome(page, "Prijs en product staan allebei op 5")

    # The levels are saved in the course copy that every browser test shares: leave the profile blank again.
    for code in ("RP", "RD", "RT", "RS", "RB"):
        choose(page, code, "–")
    wait_for_outcome(page, BLANK)


def test_the_profile_works_from_the_keyboard_and_names_its_controls(page, voila_url):
    open_in_voila(page, voila_url, NOTEBOOK)
    answer_scan_by_keyboard(page, "RD", after_answer="kies nog een niveau voor prijs, toegang, service en beleving",
                            after_name="De bieb: kies nog", blank=BLANK)


def test_a_mark_for_a_touchpoint_moves_the_rating_figure(page, voila_url):
    open_in_voila(page, voila_url, NOTEBOOK)
    outcome = page.locator(".klant-uitkomst").nth(1)
    outcome.wait_for(timeout=30_000)
    assert "nog geen contactmoment een cijfer" in outcome.inner_text()
    page.get_by_role("tab", name="Na aankoop").last.click()  # onderhoud en reparatie is asked after the purchase
    select = page.locator(".klant-OR select").first
    select.focus()
    page.keyboard.press("3")  # a native <select>: typing the label chooses it
    page.wait_for_function(
        "() => document.querySelectorAll('.klant-uitkomst')[1].innerText.includes('Je laagste: onderhoud en reparatie (3)')",
        timeout=15_000)
    assert "In de enquête is het gemiddelde daar" in outcome.inner_text()
    select.select_option(label="–")
    page.wait_for_function(
        "() => document.querySelectorAll('.klant-uitkomst')[1].innerText.includes('nog geen contactmoment')",
        timeout=15_000)
