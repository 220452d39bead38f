"""The start notebook's first widget responds in a real browser, under Voila and in JupyterLab."""

import pytest

from conftest import open_in_lab, open_in_voila

pytestmark = [pytest.mark.browser, pytest.mark.slow]

NOTEBOOK = "00_start_hier.ipynb"


def _move_slider_and_wait(page, scope=""):
    sentence = page.locator(f"{scope} .klant-uitkomst").first
    before = sentence.inner_text()
    handle = page.locator(f"{scope} .klant-slider input[type=range]").first
    handle.focus()
    handle.press("ArrowRight")
    page.wait_for_function(
        "([el, before]) => el.innerText !== before",
        arg=[sentence.element_handle(), before],
        timeout=15_000,
    )
    return before, sentence.inner_text()


def test_slider_changes_sentence_and_figure_in_voila(page, voila_url):
    open_in_voila(page, voila_url, NOTEBOOK)
    figure = page.locator(".klant-slider ~ .widget-output img, .widget-vbox .widget-output img").first
    figure.wait_for(timeout=30_000)
    src_before = figure.get_attribute("src")
    before, after = _move_slider_and_wait(page)
    assert "minstens 2 bestelling" in before and "minstens 3 bestelling" in after
    page.wait_for_function(
        "([before]) => { const img = document.querySelector('.widget-vbox .widget-output img');"
        " return img && img.getAttribute('src') !== before; }",
        arg=[src_before], timeout=15_000,
    )


def test_slider_responds_in_jupyterlab(page, lab_url):
    open_in_lab(page, lab_url, NOTEBOOK)
    page.locator(".klant-slider").first.scroll_into_view_if_needed()
    before, after = _move_slider_and_wait(page)
    assert "minstens 2 bestelling" in before and "minstens 3 bestelling" in after


def test_a_choice_question_answers_a_click_with_feedback_in_voila(page, voila_url):
    """Pick an option, press Controleer: a wrong option gets its own explanation, the right one 'Goed!'."""
    open_in_voila(page, voila_url, NOTEBOOK)
    question = page.locator(".klant-vraag").first
    question.wait_for(timeout=30_000)
    options = question.locator(".klant-keuze input[type=radio]")
    assert options.count() == 4
    options.nth(2).check()  # "Jupyter zet cel 3 terug ...": wrong
    question.locator(".klant-controleer").click()
    wrong = question.locator(".klant-feedback-fout")
    wrong.wait_for(timeout=15_000)
    assert "Jupyter zet nooit zelf een cel terug" in wrong.inner_text()
    options.nth(0).check()  # "Cel 5 geeft een foutmelding ...": right
    question.locator(".klant-controleer").click()
    question.locator(".klant-feedback-goed").wait_for(timeout=15_000)
    assert question.locator(".klant-feedback-goed").inner_text().startswith("Goed!")
