"""Accessibility audit of a page in the browser with axe-core, offline.

``axe-playwright-python`` ships ``axe.min.js`` (axe-core 4.12), so nothing is fetched
from the internet: the script is injected into the page and run there. :func:`audit`
returns the violations with impact "serious" or "critical" (the ones a test fails on);
:func:`report` writes each one with its rule, impact and the elements it found, so a
failing test says what to fix without opening a browser.

Every rule of axe-core's WCAG 2.0/2.1 A and AA sets and its best practices runs: no rule
is switched off. Only :data:`EXCLUDE` takes elements out of the audit, each because it
belongs to Voila's or ipywidgets' own chrome, which this project cannot change.
"""

from __future__ import annotations

import json

from axe_playwright_python.base import AXE_SCRIPT

#: Impacts a test fails on (axe-core's scale: minor, moderate, serious, critical).
FAILING = ("serious", "critical")

#: CSS selectors of elements that are not ours, with the reason each is left out of the audit.
#: Keep this list short and exact: an entry that matches our own HTML would hide our mistakes.
EXCLUDE: dict[str, str] = {
    # ipywidgets 8 draws a slider's handle with noUiSlider: a <div role="slider"> without aria-label or
    # aria-labelledby, and the slider's description (a <label> beside it) is not linked to it. The widget
    # offers no option that reaches the handle (``tooltip`` sets the title of the description label only),
    # so axe's aria-input-field-name fails on every slider. Our sliders all have a visible description.
    ".widget-slider .noUi-handle": "ipywidgets: slider handle without accessible name",
}

#: Wait until Voila ran every cell (the spinner "Running ..." is removed by ``voila_finish``) and the
#: widgets on the page stopped changing: the number of widgets and figures is the same twice in a row.
_SETTLED = """() => {
    if (document.getElementById('loading')) { return false; }
    const count = document.querySelectorAll('.jupyter-widgets, .widget-output img, .jp-OutputArea-output img').length;
    const same = window.__axeLastCount === count;
    window.__axeLastCount = count;
    return same && count > 0;
}"""


def wait_until_settled(page, timeout: float = 60_000) -> None:
    """Wait until a Voila page finished running its notebook and its widgets are drawn."""
    page.wait_for_function(_SETTLED, timeout=timeout, polling=1000)


def audit(page, *, exclude: dict[str, str] | None = None) -> list[dict]:
    """Run axe-core on ``page`` and return its serious and critical violations.

    Args:
        page: a Playwright page, already showing what to audit.
        exclude: CSS selectors to leave out (default :data:`EXCLUDE`), each with its reason.

    Returns:
        axe-core's violation records (``id``, ``impact``, ``help``, ``nodes`` ...) whose impact
        is in :data:`FAILING`; an empty list when there are none.
    """
    exclude = EXCLUDE if exclude is None else exclude
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.evaluate(AXE_SCRIPT)
    context = {"include": [["html"]], "exclude": [[selector] for selector in exclude]}
    results = page.evaluate(
        "([context, options]) => axe.run(context, options)",
        [context, {"resultTypes": ["violations"]}],
    )
    return [v for v in results["violations"] if v.get("impact") in FAILING]


def report(violations: list[dict], where: str = "") -> str:
    """A readable list of ``violations``: per rule its id, impact and help, then each element.

    >>> print(report([{"id": "image-alt", "impact": "critical", "help": "Images must have alternative text",
    ...                "nodes": [{"target": ["img"], "html": "<img src='x.png'>"}]}], "00.ipynb"))
    00.ipynb: 1 toegankelijkheidsfout(en) (serious/critical):
    - image-alt [critical] Images must have alternative text
        img: <img src='x.png'>
    """
    lines = [f"{where}: {len(violations)} toegankelijkheidsfout(en) (serious/critical):"]
    for violation in violations:
        lines.append(f"- {violation['id']} [{violation['impact']}] {violation.get('help', '')}")
        for node in violation["nodes"]:
            target = json.dumps(node["target"]) if len(node["target"]) > 1 else node["target"][0]
            html = " ".join(node.get("html", "").split())
            lines.append(f"    {target}: {html[:300]}")
    return "\n".join(lines)
