"""Accessibility audit of a page in the browser with axe-core, offline.

``axe-playwright-python`` ships ``axe.min.js`` (axe-core 4.12), so nothing is fetched
from the internet: the script is injected into the page and run there. :func:`audit`
returns the violations with impact "serious" or "critical" (the ones a test fails on);
:func:`report` writes each one with its rule, impact and the elements it found, so a
failing test says what to fix without opening a browser.

Every rule of axe-core's WCAG 2.0/2.1 A and AA sets and its best practices runs on the whole
page: no rule is switched off and no element is left out. (ipywidgets' own sliders once had to
be left out, because their handles have no accessible name; the course's sliders are now
``klantlib.views.controls``, native range inputs with a label.)
"""

from __future__ import annotations

import json

from axe_playwright_python.base import AXE_SCRIPT

#: Impacts a test fails on (axe-core's scale: minor, moderate, serious, critical).
FAILING = ("serious", "critical")

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


def audit(page) -> list[dict]:
    """Run axe-core on the whole of ``page`` and return its serious and critical violations.

    Args:
        page: a Playwright page, already showing what to audit.

    Returns:
        axe-core's violation records (``id``, ``impact``, ``help``, ``nodes`` ...) whose impact
        is in :data:`FAILING`; an empty list when there are none.
    """
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.evaluate(AXE_SCRIPT)
    results = page.evaluate("(options) => axe.run(document, options)", {"resultTypes": ["violations"]})
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
