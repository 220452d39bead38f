"""Every widget on every Voila page works from the keyboard only: Tab reaches it, the arrow keys set it.

WCAG 2.1 AA, 2.1.1 (Keyboard): a student who cannot use a mouse, and a lecturer with a presenter's
remote, must reach and set every control. On each notebook's Voila page the test

1. marks every control of the widgets: a slider (``<input type="range">``), a choice list (``<select>``),
   a group of radio buttons (reached when one of them is; the arrow keys move within it), a row of tabs
   (one stop; the arrow keys choose a tab), a check box, a text field, a button;
2. presses Tab from the top of the page until the focus comes round again, and checks that each control
   had the focus (each visible one; a questionnaire's other pages are reached through its tabs);
3. sets each slider, choice list, radio group and row of tabs with an arrow key, checks that its value
   changed, and sets it back; then waits until the questionnaires saved their answers as they were (they
   save in the course copy every browser test shares), which also shows the kernel got every key.

Check boxes (Space), text fields (typing) and buttons (Enter) are reached here; the notebooks' own
browser tests use them from the keyboard.
"""

import json
import time
from pathlib import Path

import pytest
from axe import wait_until_settled

from conftest import open_in_voila
from klantlib.navigation import COURSE

pytestmark = [pytest.mark.browser, pytest.mark.slow]

#: Give every visible control of the widgets a key: one per control, one per radio group, one per tab bar.
_MARK = """() => {
    const found = [];
    const seen = new Set();
    const controls = 'input, select, textarea, button, [role="tab"], [tabindex]:not([tabindex="-1"])';
    for (const el of document.querySelectorAll(`.jupyter-widgets :is(${controls})`)) {
        if (el.disabled || !el.checkVisibility()) { continue; }
        let key, kind;
        if (el.matches('[role="tab"]')) {
            const bar = el.closest('[role="tablist"]');
            key = 'tabs:' + [...document.querySelectorAll('[role="tablist"]')].indexOf(bar);
            kind = 'tabs';
        } else if (el.matches('input[type="radio"]')) {
            // ipywidgets' radio buttons have no name: their group is the box they stand in
            const group = el.closest('.widget-radio-box') || el.parentElement;
            key = 'radio:' + [...document.querySelectorAll('.widget-radio-box')].indexOf(group) + ':' + el.name;
            kind = 'radio';
        } else {
            key = 'control:' + found.length;
            kind = el.matches('input[type="range"]') ? 'range' : el.tagName.toLowerCase() === 'select' ? 'select'
                 : el.tagName.toLowerCase() + (el.type ? ':' + el.type : '');
        }
        el.dataset.klantToets = key;
        if (!seen.has(key)) { seen.add(key); found.push({key, kind}); }
    }
    return found;
}"""

#: The key of the control that has the focus now ('' when none of ours has it).
_FOCUSED = """() => {
    const el = document.activeElement && document.activeElement.closest('[data-klant-toets]');
    return el ? el.dataset.klantToets : (document.activeElement ? document.activeElement.tagName : '');
}"""

#: What an arrow key changes: a slider's or list's value, the checked radio button, the selected tab.
_STATE = """(key) => {
    const els = [...document.querySelectorAll(`[data-klant-toets="${key}"]`)];
    if (key.startsWith('radio:')) { return String(els.findIndex(e => e.checked)); }
    if (key.startsWith('tabs:')) { return String(els.findIndex(e => e.getAttribute('aria-selected') === 'true')); }
    return els[0].value;
}"""

#: Arrow keys that move each kind of control forward and back. A closed choice list takes Right and Left
#: (Chromium on Linux opens its list on Down); in a row of tabs an arrow key moves to the next tab and Enter
#: chooses it (the WAI-ARIA tabs pattern with manual activation, as Lumino's tab bar does it).
ARROWS = {"range": ("ArrowRight", "ArrowLeft"), "select": ("ArrowRight", "ArrowLeft"),
          "radio": ("ArrowDown", "ArrowUp"), "tabs": ("ArrowRight", "ArrowLeft")}


def _tab_round(page, most: int) -> set[str]:
    """Press Tab from the top of the page until the focus is back at a control it reached first."""
    page.evaluate("() => { document.activeElement && document.activeElement.blur(); window.scrollTo(0, 0); }")
    page.locator("body").focus()
    reached, order = set(), []
    for _ in range(most):
        page.keyboard.press("Tab")
        key = page.evaluate(_FOCUSED)
        if not key.startswith(("control:", "radio:", "tabs:")):
            continue
        if key != (order[-1] if order else None):
            order.append(key)  # the controls in the order Tab reaches them (a radio group once in a row)
        if len(order) > 1 and key == order[0]:
            break  # round the page and back at the first control
        reached.add(key)
    return reached


def _focus(page, key: str) -> None:
    """Give the focus to the control with ``key`` as Tab does: its radio button or tab that takes the focus."""
    page.evaluate("""(key) => {
        const els = [...document.querySelectorAll(`[data-klant-toets="${key}"]`)];
        const el = els.find(e => e.checked) || els.find(e => e.getAttribute('aria-selected') === 'true') || els[0];
        el.focus();
    }""", key)


def _changes_with_arrows(page, key: str, kind: str) -> bool:
    """Whether an arrow key changes the control (forward, or back at the end), then set it as it was."""
    def press(arrow):
        _focus(page, key)
        page.keyboard.press(arrow)
        if kind == "tabs":
            page.keyboard.press("Enter")

    before = page.evaluate(_STATE, key)
    forward, back = ARROWS[kind]
    for there, home in ((forward, back), (back, forward)):
        press(there)
        if page.evaluate(_STATE, key) != before:
            press(home)
            return page.evaluate(_STATE, key) == before or (kind == "radio" and before == "-1")  # can't uncheck
    return False


def _saved_answers(folder: Path) -> dict[str, dict]:
    """The answers the questionnaires of the course copy saved (``mijn_antwoorden``), per file; a file that is
    missing or has no answers is left out."""
    saved = {}
    for path in sorted(folder.glob("mijn_antwoorden/*.json")):
        try:
            answers = json.loads(path.read_text(encoding="utf-8"))["antwoorden"]
        except (OSError, ValueError, KeyError):  # being written right now: read it again next time
            answers = {"(wordt geschreven)": True}
        if answers:
            saved[path.name] = answers
    return saved


def _wait_until_saved_as(folder: Path, saved: dict[str, dict], timeout: float = 30) -> None:
    """Wait until the kernel saved every answer set back: the page sends a burst of changes one message at a time,
    and a page closed before the last one arrived would leave answers behind for the next test."""
    deadline = time.monotonic() + timeout
    while _saved_answers(folder) != saved and time.monotonic() < deadline:
        time.sleep(0.25)
    assert _saved_answers(folder) == saved, "de antwoorden zijn na het terugzetten niet zoals ervoor bewaard"


@pytest.mark.parametrize("notebook", [chapter.file for chapter in COURSE])
def test_every_control_is_reached_with_tab_and_set_with_arrow_keys(page, voila_url, notebook_copy, notebook):
    open_in_voila(page, voila_url, notebook)
    wait_until_settled(page)  # every widget drawn
    controls = page.evaluate(_MARK)
    assert controls, f"{notebook}: geen bediening gevonden"
    reached = _tab_round(page, most=20 * len(controls) + 200)
    missed = [c for c in controls if c["key"] not in reached]
    assert not missed, f"{notebook}: met Tab niet bereikt: {missed}"
    saved = _saved_answers(notebook_copy)
    settable = [c for c in controls if c["kind"] in ARROWS]
    stuck = [c for c in settable if not _changes_with_arrows(page, c["key"], c["kind"])]
    assert not stuck, f"{notebook}: niet in te stellen met de pijltjestoetsen: {stuck}"
    _wait_until_saved_as(notebook_copy, saved)
