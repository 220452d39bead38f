"""Find a Chromium (or Chrome) for the browser tests; `python tests/browser/chromium.py` prints its path.

Looked for, in this order: the path in ``KLANTLIB_CHROMIUM``; the usual names on ``PATH``
(``chromium``, ``chromium-browser``, ``google-chrome``, ...); the usual install places on
Debian/Ubuntu and macOS. Used by the tests' conftest and by ``.ci/run``, so both find the same
browser. Exit code 1 (and the reason on stderr) when there is none. Standard library only:
``.ci/run`` calls it before the course's environment exists.
"""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome")
PLACES = (
    "/usr/bin/chromium",
    "/usr/bin/chromium-browser",
    "/usr/lib/chromium/chromium",
    "/snap/bin/chromium",
    "/usr/bin/google-chrome",
    "/Applications/Chromium.app/Contents/MacOS/Chromium",
    "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome",
)
HOW_TO_INSTALL = ("installeer Chromium (Debian/Ubuntu: sudo apt-get install chromium; macOS: brew install "
                  "--cask chromium) of zet KLANTLIB_CHROMIUM op het pad van een Chromium of Chrome")


def find_chromium() -> tuple[str | None, str]:
    """(path, how it was found) or (None, why not)."""
    chosen = os.environ.get("KLANTLIB_CHROMIUM")
    if chosen:
        if Path(chosen).is_file() and os.access(chosen, os.X_OK):
            return chosen, "KLANTLIB_CHROMIUM"
        return None, f"KLANTLIB_CHROMIUM={chosen!r} is geen uitvoerbaar bestand"
    for name in NAMES:
        found = shutil.which(name)
        if found:
            return found, f"'{name}' op PATH"
    for place in PLACES:
        if Path(place).is_file() and os.access(place, os.X_OK):
            return place, "vaste installatieplek"
    return None, f"geen Chromium gevonden op PATH of op de gebruikelijke plekken; {HOW_TO_INSTALL}"


if __name__ == "__main__":
    path, how = find_chromium()
    if path is None:
        sys.exit(how)
    print(path)
