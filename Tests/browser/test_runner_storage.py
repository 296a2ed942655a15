"""Persistence: failing storage, a load that sees an empty storage, export and re-import elsewhere."""
import json

from runner_helpers import (BACKUP_AT, FIXTURE_PROCEDURE, IDENTIFY, SESSIONS, STORAGE_FULL, STORAGE_LOOKS_EMPTY,
                            run_to_logging)

BANNER = "[data-storage-banner]"
NAMESPACE = "rex:manuel-de-test-du-deroule:runner-demo:"


def test_full_storage_shows_a_permanent_banner_and_the_run_goes_on_in_memory(open_browser, runner_sites):
    browser = open_browser(before_load=STORAGE_FULL)
    browser.open_procedure(runner_sites["fixture"], FIXTURE_PROCEDURE)
    banner = browser.q(BANNER)
    assert banner.is_displayed() and banner.get_attribute("role") == "alert"
    assert "N'EST PAS enregistré" in banner.text and "check-list papier" in banner.text
    browser.start("AB")
    browser.done("identify", IDENTIFY)
    assert browser.q(BANNER).is_displayed()


def test_storage_failing_during_a_run_raises_the_banner(browser, runner_sites):
    browser.open_procedure(runner_sites["fixture"], FIXTURE_PROCEDURE)
    browser.start("AB")
    browser.done("identify", IDENTIFY)
    assert not browser.q(BANNER).is_displayed()
    browser.js(STORAGE_FULL)
    browser.done("db-point", {"db_backup_at": BACKUP_AT})
    browser.wait(lambda: browser.q(BANNER).is_displayed())
    assert "N'EST PAS enregistré" in browser.q(BANNER).text


def test_storage_denied_shows_the_banner(open_browser, runner_sites):
    denied = ("Object.defineProperty(window, 'localStorage', { configurable: true, get() {"
              " throw new DOMException('Access is denied for this document.', 'SecurityError'); } });")
    browser = open_browser(before_load=denied)
    browser.open_procedure(runner_sites["fixture"], FIXTURE_PROCEDURE)
    assert "N'EST PAS enregistré" in browser.q(BANNER).text


def see_the_run_vanish(browser, key):
    """Reloads with the run hidden (as the glitch hides it) until the page settles on its warning. A real
    glitch on top (this page's real storage empty too) is told apart from a loss by fresh loads, and the
    scenario loaded again: no test fails because Chromium glitched."""
    for attempt in range(5):
        browser.js("sessionStorage.removeItem(arguments[0])", NAMESPACE + "retried")
        browser.js("sessionStorage.removeItem(arguments[0])", NAMESPACE + "looked-again")
        browser.reload()
        # This tab showed a run the storage does not show: it loads the page again, spaced out, then warns.
        browser.wait(lambda: "n'est pas visible" in browser.run_message() and "Rechargez" in browser.run_message())
        if browser.js("return window.__rexReal(arguments[0])", key) is not None:
            return
        assert browser.fresh_read([key])[key] is not None, "the run is lost: no fresh load sees it"
    raise AssertionError("the real storage glitched on every attempt")


def test_a_load_that_sees_an_empty_storage_never_overwrites_the_run(open_browser, runner_sites):
    browser = open_browser()
    run_to_logging(browser, runner_sites["fixture"])
    browser.add_row("sessions", SESSIONS[0])
    original = browser.snapshot()
    stored = browser.stored_runs()
    assert len(stored) == 1
    [(key, text)] = stored.items()
    assert key.startswith(NAMESPACE + "run:")

    hiding = browser.inject(STORAGE_LOOKS_EMPTY)
    see_the_run_vanish(browser, key)
    assert browser.js("return sessionStorage.getItem(arguments[0])", NAMESPACE + "looked-again") == "3", \
        "three more loads, spaced out, before the warning"
    assert browser.status() == "not-started"
    assert browser.fresh_read([key])[key] == text, "a load writes nothing"
    # The data comes back: the page looks again and resumes the run, never a fresh one.
    browser.js("window.__rexUnhide()")
    browser.wait(lambda: browser.status() == "in-progress")
    assert "retrouvé" in browser.run_message()
    assert browser.snapshot() == original

    see_the_run_vanish(browser, key)  # empty again; this time the operator starts a run before the data comes back
    browser.set_value(browser.q("input[data-run-operator]"), "XY")
    browser.click(browser.q("[data-action=start]"))
    browser.wait(lambda: "Cliquez encore" in browser.run_message())
    assert browser.status() == "not-started", "starting over a run that may be there takes a second click"
    browser.click(browser.q("[data-action=start]"))
    browser.wait(lambda: browser.status() == "in-progress")
    new_key = (set(browser.stored_runs()) - {key}).pop()
    assert browser.fresh_read([key])[key] == text, "the new run got its own key"
    browser.uninject(hiding)
    browser.reload_until_visible([key, new_key])
    runs = browser.stored_runs()
    assert len(runs) == 2 and runs[key] == text
    assert "1 autre(s) déroulé(s)" in browser.run_message()
    select = browser.q("[data-run-select]")
    assert select.is_displayed() and len(browser.qa("option", select)) == 2
    run_id = key.rsplit(":", 1)[1]
    browser.js("arguments[0].value = arguments[1]; arguments[0].dispatchEvent(new Event('change', {bubbles: true}))",
               select, run_id)
    browser.wait(lambda: browser.state("log-sessions") == "current")
    assert browser.snapshot() == original


def test_export_json_is_complete_and_reimports_into_a_fresh_profile(open_browser, runner_sites):
    first = open_browser()
    first.open_procedure(runner_sites["fixture"], FIXTURE_PROCEDURE)
    first.start("AB", drill=True)
    first.done("identify", IDENTIFY)
    first.done("db-point", {"db_backup_at": BACKUP_AT})
    first.done("fs-point", {"fs_backup_at": "2025-03-04T20:00"}, expect="blocked")
    first.override("fs-point", "Écart connu, validé par le physicien")
    first.wait_state("fs-point", "done")
    first.choose("route", "log-sessions")
    for values in SESSIONS:
        first.add_row("sessions", values)
    first.void("sessions", 3, "Saisie en double")
    first.reconcile("sessions", 1, {"reentered_by": "GH", "verified_by": "IJ"})
    first.wait(lambda: first.row("sessions", 1).get_attribute("data-reconciled") == "true")
    first.done("log-sessions")
    first.change_operator("CD")
    first.done("second-check", {"plan_ok": True}, second="AB")
    first.second("close", "EF")  # typed, not yet recorded
    assert "EXERCICE" in first.q("[data-run-summary]").text
    state = first.snapshot()
    path, exported = first.export_json()
    assert "exercice" in path.name

    main = first.q("main")
    assert exported["format"] == "rex-run" and exported["formatVersion"] == 1
    assert exported["procedure"] == "runner-demo" and exported["version"] == 4
    assert exported["revision"] == main.get_attribute("data-revision") and exported["drill"] is True
    assert exported["handbook"] == "manuel-de-test-du-deroule"
    events = exported["events"]
    assert [event["seq"] for event in events] == list(range(1, len(events) + 1))
    assert all(event["at"] and event["by"] for event in events)
    assert [event["type"] for event in events] == (
        ["start", "done", "done", "blocked", "override", "decision"] + ["row-add"] * 3
        + ["row-void", "row-reconcile", "done", "operator", "done"])
    assert events[0] == dict(events[0], operator="AB", drill=True, by="AB")
    assert events[5] == dict(events[5], step="route", answer="Oui, traiter", goto="log-sessions")
    assert events[9] == dict(events[9], log="sessions", row=3, reason="Saisie en double")
    assert events[10]["values"] == {"reentered_by": "GH", "verified_by": "IJ"}
    assert events[12] == dict(events[12], type="operator", **{"from": "AB", "to": "CD", "by": "CD"})
    assert events[13] == dict(events[13], step="second-check", by="CD", second="AB", values={"plan_ok": True})
    assert events[1]["values"]["patients_today"] == 12 and events[1]["values"]["printed"] is True
    summary = exported["summary"]
    assert [operator["initials"] for operator in summary["operators"]] == ["AB", "CD"]
    assert summary["pendingReconciliation"] == 1 and exported["status"] == "in-progress"
    rows = summary["logs"][0]["rows"]
    assert rows[0]["reconcile"]["verified_by"]["value"] == "IJ" and rows[0]["reconciled"] is True
    assert rows[2]["voided"]["reason"] == "Saisie en double"
    assert {step["id"]: step["state"] for step in summary["steps"]}["prepare-paper"] == "skipped"
    assert exported["drafts"]["steps"]["close"]["#second"] == "EF"

    second = open_browser()
    second.open_procedure(runner_sites["fixture"], FIXTURE_PROCEDURE)
    assert second.status() == "not-started" and second.stored_runs() == {}
    second.q("input[data-action=import-json]").send_keys(str(path))
    second.wait(lambda: second.status() == "in-progress")
    assert "importé" in second.run_message()
    assert second.snapshot() == state
    # …and the run goes on there.
    second.done("close", expect=None)
    second.wait(lambda: "1 ligne(s)" in second.alert("close"))
    second.reconcile("sessions", 2, {"reentered_by": "GH", "verified_by": "IJ"})
    second.wait(lambda: second.pending() == 0)
    second.done("close")
    second.wait(lambda: second.status() == "complete")
    _, continued = second.export_json()
    assert continued["runId"] == exported["runId"] and continued["events"][:len(events)] == events

    # Importing the older export where the run went on replaces nothing.
    first.q("input[data-action=import-json]").send_keys(str(path))
    first.wait(lambda: "rien n'a été remplacé" in first.run_message())
    assert len(first.stored_runs()) == 1


def test_a_run_is_archived_only_after_its_export(browser, runner_sites):
    browser.open_procedure(runner_sites["fixture"], FIXTURE_PROCEDURE)
    browser.start("AB")
    browser.done("identify", IDENTIFY)
    browser.click(browser.q("[data-action=archive]"))
    browser.wait(lambda: "Exportez d'abord" in browser.run_message())
    assert browser.status() == "in-progress"
    browser.export_json()
    browser.done("db-point", {"db_backup_at": BACKUP_AT})
    browser.click(browser.q("[data-action=archive]"))
    browser.wait(lambda: "Exportez d'abord" in browser.run_message()), "changed since the export"
    browser.export_json()
    browser.click(browser.q("[data-action=archive]"))
    browser.wait(lambda: browser.status() == "not-started")
    [(key, text)] = browser.stored_runs().items()
    assert json.loads(text)["archivedAt"], "an archived run is kept, marked archived"
    browser.reload()
    assert browser.status() == "not-started" and browser.state("identify") == "pending"
    browser.start("CD")
    assert len(browser.stored_runs()) == 2
