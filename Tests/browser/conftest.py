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


@pytest.fixture(scope="session")
def department(runner_sites, tmp_path_factory):
    """One R&V outage, three units: each unit's team runs rv-downtime on the shipped site in its own browser profile
    (its own workstation) and exports its run to the same folder (the USB stick). TrueBeam 1 treats PAT-0412
    (fraction 17) and PAT-0500, both re-entered at the unit; TrueBeam 2 treats PAT-0600 (re-entered) and voids a
    row; Halcyon treats PAT-0412 again (fraction 18) and exports, then logs and re-enters PAT-0800 and exports
    again (a later export of the same run); TrueBeam 2 also ran a drill. Returns the files on the stick."""
    from board_helpers import export_to, new_browser, session, start_unit_run

    site = runner_sites["shipped"]
    base = tmp_path_factory.mktemp("department")
    stick = base / "usb"
    stick.mkdir()
    files, problems = {}, []

    def unit(name, work):
        browser = new_browser(base, name)
        try:
            work(browser)
            problems.extend(browser.console_problems())
        finally:
            browser.quit()

    def linac_1(browser):
        start_unit_run(browser, site, "linac-1")
        browser.add_row("treatments", session("linac-1", "PAT-0412", 17, "2026-11-17T08:40"))
        browser.add_row("treatments", session("linac-1", "PAT-0500", 3, "2026-11-17T08:55"))
        for row in (1, 2):
            browser.reconcile("treatments", row, {"reentered_by": "AB", "verified_by": "CD"})
            browser.wait(lambda: browser.row("treatments", row).get_attribute("data-reconciled") == "true")
        files["linac-1"], _ = export_to(browser, stick, "linac-1.json")

    def linac_2(browser):
        start_unit_run(browser, site, "linac-2", operator="TS")
        browser.add_row("treatments", session("linac-2", "PAT-0600", 5, "2026-11-17T09:00", by="TS", checked="UV"))
        browser.add_row("treatments", session("linac-2", "PAT-0601", 1, "2026-11-17T09:10", by="TS", checked="UV"))
        browser.reconcile("treatments", 1, {"reentered_by": "EF", "verified_by": "GH"})
        browser.wait(lambda: browser.row("treatments", 1).get_attribute("data-reconciled") == "true")
        browser.void("treatments", 2, "Patient non traité : erreur de saisie du dossier")
        files["linac-2"], _ = export_to(browser, stick, "linac-2.json")
        browser.click(browser.q("[data-action=archive]"))
        browser.wait(lambda: browser.status() == "not-started")
        start_unit_run(browser, site, "linac-2", operator="TS", drill=True)
        browser.add_row("treatments", session("linac-2", "PAT-0900", 1, "2026-11-17T11:00", by="TS", checked="UV"))
        files["drill"], _ = export_to(browser, stick, "linac-2-exercice.json")

    def halcyon(browser):
        start_unit_run(browser, site, "halcyon", operator="WX")
        browser.add_row("treatments", session("halcyon", "PAT-0412", 18, "2026-11-17T10:30", by="WX", checked="YZ"))
        files["halcyon-early"], _ = export_to(browser, stick, "halcyon-1.json")
        browser.add_row("treatments", session("halcyon", "PAT-0800", 2, "2026-11-17T10:50", by="WX", checked="YZ"))
        browser.reconcile("treatments", 2, {"reentered_by": "IJ", "verified_by": "KL"})
        browser.wait(lambda: browser.row("treatments", 2).get_attribute("data-reconciled") == "true")
        files["halcyon-later"], _ = export_to(browser, stick, "halcyon-2.json")

    for name, work in (("linac-1", linac_1), ("linac-2", linac_2), ("halcyon", halcyon)):
        unit(name, work)
    assert not problems, "browser log:\n" + "\n".join(problems)
    keep_for_swift_tests(files)
    return files


DEPARTMENT_FIXTURES = REPO / "Tests" / "RexKitTests" / "Fixtures" / "department"


def keep_for_swift_tests(files):
    """With REX_UPDATE_DEPARTMENT=1, the exports become the fixtures of rex reconcile's Swift tests."""
    if os.environ.get("REX_UPDATE_DEPARTMENT") != "1":
        return
    DEPARTMENT_FIXTURES.mkdir(parents=True, exist_ok=True)
    for path in files.values():
        shutil.copy(path, DEPARTMENT_FIXTURES / path.name)
