"""Browser tests of the step runner: Debian's chromium + chromedriver, headless, over file://.

Sites are built once per session with the real `rex` binary ($REX, default .build/debug/rex):
the runner's test handbook (Tests/fixtures/runner-handbook) and the shipped handbook (the
repository root). Every test gets its own browser with a fresh profile (so its own localStorage);
when the test ends, the browser log must hold no CSP violation and no JavaScript error.
"""
import os
import pathlib
import shutil
import subprocess
import tempfile

import pytest

from runner_helpers import Browser

REPO = pathlib.Path(__file__).resolve().parents[2]
REX = os.environ.get("REX", str(REPO / ".build" / "debug" / "rex"))
RUNNER_FIXTURE = REPO / "Tests" / "fixtures" / "runner-handbook"


def _build(root, out):
    result = subprocess.run([REX, "build-site", "--root", str(root), "--out", str(out)],
                            capture_output=True, text=True)
    assert result.returncode == 0, f"rex build-site --root {root} failed:\n{result.stdout}\n{result.stderr}"
    return out


@pytest.fixture(scope="session")
def runner_sites(tmp_path_factory):
    """{"fixture": site of the runner test handbook, "shipped": site of the department's handbook}."""
    base = tmp_path_factory.mktemp("runner-sites")
    return {"fixture": _build(RUNNER_FIXTURE, base / "fixture"), "shipped": _build(REPO, base / "shipped")}


@pytest.fixture
def open_browser(tmp_path):
    """Starts browsers with fresh profiles; each is checked for CSP violations and JS errors, then closed."""
    started = []

    def start(**options):
        index = len(started)
        browser = Browser(profile=tmp_path / f"profile-{index}", downloads=tmp_path / f"downloads-{index}", **options)
        started.append(browser)
        return browser

    yield start
    problems = []
    for browser in started:
        try:
            problems += browser.console_problems()
        finally:
            browser.quit()
    assert not problems, "browser log:\n" + "\n".join(problems)


@pytest.fixture(scope="session")
def shared_browser(tmp_path_factory):
    """One browser for the tests that need nothing special: starting Chromium costs seconds."""
    base = tmp_path_factory.mktemp("shared-browser")
    browser = Browser(profile=base / "profile", downloads=base / "downloads")
    yield browser
    browser.quit()


@pytest.fixture
def browser(shared_browser, runner_sites):
    """The shared browser with empty storage (as a fresh profile has), no downloads and an empty log."""
    shared_browser.reset(runner_sites["fixture"])
    yield shared_browser
    problems = shared_browser.console_problems()
    assert not problems, "browser log:\n" + "\n".join(problems)
