"""Every notebook's Voila page passes an axe-core accessibility audit: no serious or critical violations.

The audit runs offline (axe-core is bundled by axe-playwright-python) in headless Chromium, after Voila ran
the whole notebook and drew its widgets and figures. A failure lists each violation with its rule, impact
and the elements (``axe.report``).
"""

from pathlib import Path

import pytest
from axe import audit, report, wait_until_settled

from conftest import open_in_voila

pytestmark = [pytest.mark.browser, pytest.mark.slow]

NOTEBOOKS = sorted(path.name for path in (Path(__file__).resolve().parents[2] / "notebooks").glob("*.ipynb"))


def test_every_notebook_is_audited():
    assert len(NOTEBOOKS) >= 7 and NOTEBOOKS[0].startswith("00_")


@pytest.mark.parametrize("notebook", NOTEBOOKS)
def test_voila_page_has_no_serious_accessibility_violations(page, voila_url, notebook):
    open_in_voila(page, voila_url, notebook)
    wait_until_settled(page)
    violations = audit(page)
    assert not violations, report(violations, notebook)
