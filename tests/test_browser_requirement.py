"""The browser tests can fail: a required but missing Chromium is a failure, never a skip or xfail."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

BROWSER = Path(__file__).resolve().parent / "browser"
PROBE = '''
import pytest

@pytest.mark.browser
def test_needs_a_browser(browser):
    assert browser is not None
'''


def run_probe(tmp_path, **env):
    for name in ("conftest.py", "chromium.py"):
        shutil.copy(BROWSER / name, tmp_path / name)
    (tmp_path / "test_probe.py").write_text(PROBE)
    environment = {k: v for k, v in os.environ.items() if k not in ("KLANTLIB_REQUIRE_BROWSER", "KLANTLIB_CHROMIUM")}
    environment.update(env)
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-rs", "-p", "no:cacheprovider", "-o", "addopts=", "-o",
         "markers=browser: drives a real Chromium", str(tmp_path / "test_probe.py")],
        cwd=tmp_path, env=environment, capture_output=True, text=True, timeout=120,
    )
    return result.returncode, result.stdout


def test_required_and_missing_browser_fails(tmp_path):
    code, out = run_probe(tmp_path, KLANTLIB_REQUIRE_BROWSER="1", KLANTLIB_CHROMIUM=str(tmp_path / "geen-chromium"))
    assert code == 1, out
    assert "1 error" in out and "KLANTLIB_REQUIRE_BROWSER=1, maar KLANTLIB_CHROMIUM=" in out
    assert "skipped" not in out and "xfail" not in out


def test_missing_browser_is_skipped_with_its_reason_in_the_summary(tmp_path):
    code, out = run_probe(tmp_path, KLANTLIB_CHROMIUM=str(tmp_path / "geen-chromium"))
    assert code == 0, out
    assert "1 skipped" in out
    assert "SKIPPED" in out and "browsertest overgeslagen: KLANTLIB_CHROMIUM=" in out
    assert "browsertests: overgeslagen:" in out  # the header says it too


def test_chromium_finder_reports_a_chosen_path_that_does_not_exist(tmp_path):
    result = subprocess.run([sys.executable, str(BROWSER / "chromium.py")], capture_output=True, text=True,
                            env={**os.environ, "KLANTLIB_CHROMIUM": str(tmp_path / "nope")})
    assert result.returncode == 1 and "is geen uitvoerbaar bestand" in result.stderr
    fake = tmp_path / "chromium"
    fake.write_text("#!/bin/sh\n")
    fake.chmod(0o755)
    result = subprocess.run([sys.executable, str(BROWSER / "chromium.py")], capture_output=True, text=True,
                            env={**os.environ, "KLANTLIB_CHROMIUM": "", "PATH": str(tmp_path)})
    assert result.returncode == 0 and result.stdout.strip() == str(fake)
