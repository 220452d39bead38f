"""Every notebook's Voila page passes an axe-core accessibility audit: no serious or critical violations.

Every notebook of the course (klantlib/notebooks.toml) is audited, in the normal mode and in the lecture-hall
mode (``--presentatie``: bigger fonts, wider sliders); tests/test_manifest.py proves that list is the
notebooks in notebooks/. Nothing on the page is left out of the audit.

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


#: The Voila server of each mode (fixtures in conftest.py).
SERVERS = {"normaal": "voila_url", "presentatie": "voila_presentation_url"}


@pytest.mark.parametrize("mode", SERVERS)
@pytest.mark.parametrize("notebook", NOTEBOOKS)
def test_voila_page_has_no_serious_accessibility_violations(page, request, notebook, mode):
    open_in_voila(page, request.getfixturevalue(SERVERS[mode]), notebook)
    wait_until_settled(page)
    violations = audit(page)
    assert not violations, report(violations, f"{notebook} ({mode})")
