"""From an outage to a REX draft: a run of the runner, exported by Chromium, becomes with `rex draft-incident` a
draft REX that validates as written, whose timeline holds the override and the refused row with their reasons, and
whose page renders in the built site with no CSP violation or script error."""
import pathlib
import shutil
import subprocess

from conftest import REX, RUNNER_FIXTURE, _build
from runner_helpers import IDENTIFY, SESSIONS, FIXTURE_PROCEDURE

OVERRIDE = "Varian confirme : seule la BD du 04/03 existe (ticket 123)"
CONFIRMED = "Fraction 4 délivrée hier en mode dégradé, fiche n° 12"
VOID = "Patient non traité : séance reportée"


def rex(*arguments):
    return subprocess.run([REX, *arguments], capture_output=True, text=True)


def test_an_exported_run_becomes_a_draft_rex_that_validates_and_renders(open_browser, tmp_path):
    # Only the runner's test handbook is built: this test needs nothing of the shipped one.
    fixture_site = _build(RUNNER_FIXTURE, tmp_path / "fixture-site")
    browser = open_browser()
    browser.open_procedure(fixture_site, FIXTURE_PROCEDURE)
    browser.start("AB")
    browser.done("identify", IDENTIFY)
    browser.done("db-point", {"db_backup_at": "2025-03-04T21:00"})
    browser.done("fs-point", {"fs_backup_at": "2025-03-03T21:00"}, expect="blocked")
    browser.override("fs-point", OVERRIDE)
    browser.wait_state("fs-point", "done")
    browser.choose("route", "log-sessions")
    browser.add_row("sessions", SESSIONS[0])
    browser.add_row("sessions", SESSIONS[1])
    browser.add_row("sessions", dict(SESSIONS[0], fraction="5", delivered_at="2025-03-05T10:40"), expect_added=False)
    browser.set_value(browser.q('[data-log="sessions"] textarea[data-row-override-reason]'), CONFIRMED)
    browser.click(browser.q('[data-log="sessions"] [data-action=add-row-anyway]'))
    browser.wait(lambda: len(browser.rows("sessions")) == 3)
    browser.void("sessions", 2, VOID)
    path, exported = browser.export_json()

    handbook = tmp_path / "handbook"
    shutil.copytree(RUNNER_FIXTURE, handbook)
    made = rex("draft-incident", str(path), "--id", "rex-2026-07", "--root", str(handbook))
    assert made.returncode == 0, made.stdout + made.stderr
    draft = (handbook / "incidents" / "rex-2026-07.yml").read_text(encoding="utf-8")
    assert "origin: internal" in draft and "status: draft" in draft and "followed: [runner-demo]" in draft
    assert f"Raison : « {OVERRIDE} »" in draft and f"Raison : « {CONFIRMED} »" in draft and VOID in draft
    assert exported["runId"] in draft

    validated = rex("validate", "--root", str(handbook))
    assert validated.returncode == 0 and validated.stdout.strip().endswith(
        "0 errors, 0 warnings in 1 procedure and 2 incidents"), validated.stdout

    site = tmp_path / "site"
    built = rex("build-site", "--root", str(handbook), "--out", str(site))
    assert built.returncode == 0, built.stdout + built.stderr
    browser.driver.get((site / "incidents" / "rex-2026-07.html").as_uri())
    text = browser.js("return document.querySelector('main').textContent")
    flat = " ".join(text.split())
    assert "passée outre" in flat and OVERRIDE in flat and CONFIRMED in flat and VOID in flat
    assert "Déroulé de test — restauration et registre" in flat
    link = browser.q('.followed a[href="../procedures/runner-demo.html"]')
    assert link.text == "Déroulé de test — restauration et registre"


def test_a_bad_run_file_is_refused_and_nothing_is_written(tmp_path):
    handbook = tmp_path / "handbook"
    shutil.copytree(RUNNER_FIXTURE, handbook)
    bad = tmp_path / "bad.json"
    bad.write_text('{"format": "rex-run", "formatVersion": 1, "runId": "a", "handbook": "h", "procedure": "p",\n'
                   ' "events": [{"seq": 2}]}\n', encoding="utf-8")
    refused = rex("draft-incident", str(bad), "--id", "rex-2026-07", "--root", str(handbook))
    assert refused.returncode == 2
    assert refused.stderr.splitlines() == [
        f"{bad}:2:13: error: event 1: missing 'type' (text) [run-format]",
        f"{bad}:2:21: error: event 1: 'seq' must be 1 (events are numbered from 1, without gaps), found 2 [run-format]",
        "rex: nothing written",
    ]
    assert not (handbook / "incidents" / "rex-2026-07.yml").exists()
    assert sorted(p.name for p in pathlib.Path(handbook / "incidents").iterdir()) == ["rex-test-01.yml"]
