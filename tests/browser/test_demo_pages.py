"""The lecturer's demo pages (klantlib.demo): links between pages, visible warnings, presentation mode, slides.

The Voila servers of these tests are started with the command and environment that
``python -m klantlib.demo`` uses (conftest.py, ``_voila``).
"""

import os
import sys
import time
import urllib.request

import pytest

from conftest import LOCAL, _stop, _voila, open_in_lab, open_in_voila
from klantlib.navigation import COURSE

pytestmark = [pytest.mark.browser, pytest.mark.slow]

RFM = "04_rfm_klantenmatrix.ipynb"
START = "00_start_hier.ipynb"
#: The notebook after RFM in the course (klantlib/notebooks.toml).
AFTER_RFM = COURSE[[chapter.file for chapter in COURSE].index(RFM) + 1].file


def _follow(page, href: str, target: str):
    """Click the navigation link to ``href``; return the HTTP response of the page it opens."""
    link = page.locator(f"a[href='{href}']").last
    with page.expect_response(lambda response: response.url.split("#")[0].endswith(f"/voila/render/{target}"),
                              timeout=60_000) as info:
        link.click()
    return info.value


def test_navigation_links_open_the_next_page_and_the_index_in_voila(page, voila_url):
    open_in_voila(page, voila_url, RFM)
    response = _follow(page, AFTER_RFM, AFTER_RFM)
    assert response.status == 200
    page.get_by_text("Verder:").last.wait_for(timeout=60_000)
    assert page.url == f"{voila_url}/{AFTER_RFM}"

    response = _follow(page, f"{START}#Inhoud", START)
    assert response.status == 200
    assert page.url == f"{voila_url}/{START}#Inhoud"
    heading = page.locator("[id='Inhoud']")
    heading.wait_for(timeout=60_000)
    assert heading.inner_text().startswith("Inhoud")
    # The table of contents links every notebook of the course.
    page.get_by_text("Verder:").last.wait_for(timeout=60_000)
    for chapter in COURSE[1:]:
        assert page.locator(f"a[href='{chapter.file}']").count() >= 1, chapter.file


def test_the_data_warning_the_text_asks_about_is_on_the_voila_page(page, voila_url):
    open_in_voila(page, voila_url, RFM)
    note = page.locator(".klant-melding").first
    note.wait_for(timeout=30_000)
    assert note.is_visible()
    assert "1 van de 180 rijen in 'kassa_export.csv' overgeslagen (rij 59)" in note.inner_text()
    assert page.get_by_text("Zag je de melding onder de cel?").is_visible()


def test_the_data_warning_is_visible_in_jupyterlab(page, lab_url):
    open_in_lab(page, lab_url, RFM)
    note = page.locator(".jp-OutputArea .klant-melding").first
    note.wait_for(timeout=60_000)
    note.scroll_into_view_if_needed()
    assert note.is_visible()
    assert "overgeslagen (rij 59)" in note.inner_text()


_MEASURE = """() => {
    const img = document.querySelector('.jp-OutputArea-output img');
    const text = document.querySelector('.jp-RenderedMarkdown p');
    return {figure: img.naturalWidth, font: parseFloat(getComputedStyle(text).fontSize)};
}"""


def _setup_line(page) -> str:
    """What setup() printed in the notebook's first code cell."""
    return page.locator(".jp-OutputArea-output", has_text="Klaar: klantlib").first.inner_text().strip()


def test_presentation_mode_makes_figures_and_text_larger(page, voila_url, voila_presentation_url):
    open_in_voila(page, voila_url, START)
    assert _setup_line(page).endswith("is geladen.")
    normal = page.evaluate(_MEASURE)

    open_in_voila(page, voila_presentation_url, START)
    assert _setup_line(page).endswith("is geladen (presentatiemodus).")
    large = page.evaluate(_MEASURE)

    # The same first figure, 1.5 times as wide in the lecture-hall style (klantlib.plotting);
    # the page's text grows from JupyterLab's 14 px to 20 px.
    assert large["figure"] >= 1.4 * normal["figure"], (normal, large)
    assert large["font"] >= 1.3 * normal["font"], (normal, large)


def test_notebook_04_as_slides_offline(page, lab_root_url):
    """RISE (jupyterlab-rise) shows notebook 04 as reveal.js slides, from the local server only."""
    root = lab_root_url.removesuffix("/lab/tree")
    page.goto(f"{root}/rise/notebooks/{RFM}", timeout=90_000, wait_until="domcontentloaded")
    slides = page.locator(".reveal .slides > section")
    slides.first.wait_for(timeout=90_000)
    assert slides.count() >= 8  # title, sections 1-6, Opdrachten, Samenvatting
    assert page.locator(".reveal .slides").get_by_text("De 80/20-regel, RFM en de klantenmatrix").count() >= 1


def _zmq_sockets(pid: int) -> int:
    """How many ZMQ sockets a process has open: each has one eventfd (its mailbox), as libzmq makes them on Linux."""
    count = 0
    for fd in os.listdir(f"/proc/{pid}/fd"):
        try:
            count += os.readlink(f"/proc/{pid}/fd/{fd}") == "anon_inode:[eventfd]"
        except OSError:  # closed meanwhile
            pass
    return count


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="counts the server's sockets in /proc (Linux)")
def test_pages_left_leave_no_sockets_behind_in_the_demo_server(browser, notebook_copy):
    """A page left asks the server to stop its kernel (Voila's beacon) just before its connection closes.

    jupyter_server kept four ZMQ sockets per page left then (a buffer for the page's messages, started
    after the kernel's shutdown had cleared the buffers), until the server could start no kernel after
    about 370 pages ("Too many open files", benchmarks/bench_demo_pages.py). klantlib.demo's command
    switches that buffer off; this loads the start page four times, as the benchmark does, on a server
    of its own, and counts the server's sockets.
    """
    process, url = _voila(notebook_copy, False, "voila-verlaten")
    try:
        counts = []
        for _ in range(4):
            context = browser.new_context(viewport={"width": 1400, "height": 1000})
            context.route(lambda address: not address.startswith(LOCAL), lambda route: route.abort())
            page = open_in_voila(context.new_page(), url, START)
            kernel = page.evaluate("() => JSON.parse(document.getElementById('jupyter-config-data').textContent)"
                                   ".kernelId")
            context.close()  # the connection closes; the beacon below is what the page sends when it is left
            root = url.split("/voila/render")[0]
            request = urllib.request.Request(f"{root}/voila/api/shutdown/{kernel}", method="POST", data=b"")
            urllib.request.urlopen(request, timeout=30).close()
            time.sleep(2)  # the kernel stops and the server closes what it closes
            counts.append(_zmq_sockets(process.pid))
        assert counts[-1] == counts[0], f"ZMQ-sockets van de server na elke pagina: {counts}"
    finally:
        _stop(process)
