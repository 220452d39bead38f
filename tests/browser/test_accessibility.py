"""Every notebook's Voila page passes an axe-core accessibility audit: no serious or critical violations.

Every notebook of the course (klantlib/notebooks.toml) is audited; tests/test_manifest.py proves that list is
the notebooks in notebooks/.

The audit runs offline (axe-core is bundled by axe-playwright-python) in headless Chromium, after Voila ran
the whole notebook and drew its widgets and figures. A failure lists each violation with its rule, impact
and the elements (``axe.report``).
"""

import pytest
from axe import audit, report, wait_until_settled

from conftest import open_in_voila
from klantlib.navigation import COURSE

pytestmark = [pytest.mark.browser, pytest.mark.slow]

NOTEBOOKS = [chapter.file for chapter in COURSE]


@pytest.mark.parametrize("notebook", NOTEBOOKS)
def test_voila_page_has_no_serious_accessibility_violations(page, voila_url, notebook):
    open_in_voila(page, voila_url, notebook)
    wait_until_settled(page)
    violations = audit(page)
    assert not violations, report(violations, notebook)
