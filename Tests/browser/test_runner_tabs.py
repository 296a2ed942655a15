"""Several tabs, one run: only one tab records; an action is reported only once stored and read back.

Two tabs of one browser share one localStorage (as two tabs of one workstation do). Another tab's write
landing between the operator's last keystroke and their click is simulated by writing the stored run from
the page itself just before the click: a tab gets no `storage` event for its own writes, so the page meets
the newer run only when it tries to save, exactly as in the race.
"""
import json
import time

from runner_helpers import BACKUP_AT, IDENTIFY, SESSIONS, run_to_logging, FIXTURE_PROCEDURE

NAMESPACE = "rex:manuel-de-test-du-deroule:runner-demo:"
SUCCESS_WORDS = ("ajoutée au registre", "Correction enregistrée", "Déroulé démarré", "Fin de la procédure",
                 "annulée", "ressaisie enregistrée")

# Appends an operator change to the stored run, as another tab would, then clicks `arguments[0]` at once.
ANOTHER_TAB_WRITES_THEN_CLICK = """
const key = Object.keys(localStorage).find((k) => k.startsWith(arguments[1] + "run:"));
const run = JSON.parse(localStorage.getItem(key));
const last = run.events[run.events.length - 1];
run.events.push({ seq: run.events.length + 1, at: last.at, by: "ZZ", type: "operator", from: "AB", to: "ZZ" });
localStorage.setItem(key, JSON.stringify(run));
document.querySelector(arguments[0]).click();
"""


def messages(browser):
    return browser.js("return [...document.querySelectorAll('[role=alert]')].map((e) => e.textContent).join('\\n')")


def readonly(browser):
    return browser.js("return !!document.querySelector('[data-run-readonly]')")


def open_second_tab(browser, site):
    first = browser.driver.current_window_handle
    browser.driver.switch_to.new_window("tab")
    browser.open_procedure(site, FIXTURE_PROCEDURE)
    return first, browser.driver.current_window_handle


def test_a_second_tab_is_read_only_and_can_take_over(browser, runner_sites):
    site = runner_sites["fixture"]
    run_to_logging(browser, site)
    first, second = open_second_tab(browser, site)
    assert readonly(browser), "the second tab shows the run read-only"
    assert "LECTURE SEULE" in browser.text("[data-run-readonly]")
    assert not browser.q('[data-log="sessions"] [data-action=add-row]').is_enabled()
    assert browser.state("log-sessions") == "current" and browser.status() == "in-progress"

    browser.driver.switch_to.window(first)
    assert not readonly(browser)
    browser.add_row("sessions", SESSIONS[0])
    browser.driver.switch_to.window(second)
    browser.wait(lambda: len(browser.rows("sessions")) == 1, message="the read-only tab follows the recording tab")

    browser.click(browser.q("[data-action=take-over]"))
    browser.wait(lambda: not readonly(browser))
    assert "Vous avez pris la main" in browser.run_message()
    browser.add_row("sessions", SESSIONS[1])
    browser.driver.switch_to.window(first)
    browser.wait(lambda: readonly(browser), message="the first tab became read-only")
    browser.wait(lambda: len(browser.rows("sessions")) == 2)
    stored = json.loads(browser.js("return localStorage.getItem(Object.keys(localStorage)"
                                   ".find((k) => k.startsWith(arguments[0] + 'run:')))", NAMESPACE))
    assert [event["type"] for event in stored["events"]][-3:] == ["row-add", "take-over", "row-add"]

    # The second tab is closed: the first one records again, without a click (its lease was released).
    browser.driver.switch_to.window(second)
    browser.driver.close()
    browser.driver.switch_to.window(first)
    browser.wait(lambda: not readonly(browser), timeout=12, message="a closed tab must not lock the run")
    browser.add_row("sessions", SESSIONS[2])


def test_a_crashed_tab_does_not_lock_the_run_forever(browser, runner_sites):
    site = runner_sites["fixture"]
    run_to_logging(browser, site)
    lease = NAMESPACE + "lease:" + browser.js(
        "return Object.keys(localStorage).find((k) => k.startsWith(arguments[0] + 'run:')).split(':').pop()", NAMESPACE)
    # A tab that crashed a minute ago still holds the lease: this page waits, read-only, with the take-over.
    browser.js("localStorage.setItem(arguments[0], JSON.stringify({ tab: 'crashed', at: Date.now() }))", lease)
    browser.reload()
    assert readonly(browser)
    # Its lease goes stale (no renewal for 2 minutes): the run is free again.
    browser.js("localStorage.setItem(arguments[0], JSON.stringify({ tab: 'crashed', at: Date.now() - 121000 }))", lease)
    browser.reload()
    assert not readonly(browser)
    browser.add_row("sessions", SESSIONS[0])


def assert_not_recorded(browser, where):
    text = messages(browser)
    assert "NON ENREGISTRÉ" in browser.text(where), text
    assert not any(word in text for word in SUCCESS_WORDS), f"a success message next to NOT recorded:\n{text}"


def test_another_tabs_write_between_typing_and_clicking_records_nothing_and_keeps_what_was_typed(browser, runner_sites):
    site = runner_sites["fixture"]
    browser.open_procedure(site, FIXTURE_PROCEDURE)
    browser.start("AB")

    # A step.
    browser.fill("identify", IDENTIFY)
    browser.js(ANOTHER_TAB_WRITES_THEN_CLICK, '[data-step="identify"] [data-action=done]', NAMESPACE)
    browser.wait(lambda: "NON ENREGISTRÉ" in browser.alert("identify"))
    assert_not_recorded(browser, '[data-step="identify"] [data-step-message]')
    assert browser.state("identify") == "current"
    assert browser.q("input[data-run-operator]").get_attribute("value") == "ZZ", "the newer state is shown"
    fields = browser.snapshot()["steps"][0]["fields"]
    assert fields["station"] == "Console 1" and fields["patients_today"] == "12" and fields["printed"] is True
    browser.done("identify")  # done again: recorded now, nothing retyped
    browser.done("db-point", {"db_backup_at": BACKUP_AT})
    browser.done("fs-point", {"fs_backup_at": BACKUP_AT})

    # A decision.
    browser.js(ANOTHER_TAB_WRITES_THEN_CLICK, '[data-step="route"] [data-goto="log-sessions"]', NAMESPACE)
    browser.wait(lambda: "NON ENREGISTRÉ" in browser.alert("route"))
    assert_not_recorded(browser, '[data-step="route"] [data-step-message]')
    assert browser.state("route") == "current"
    browser.choose("route", "log-sessions")

    # A row.
    for column, value in SESSIONS[0].items():
        browser.set_value(browser.q(f'[data-log="sessions"] [data-log-new] [data-column="{column}"]'), value)
    browser.js(ANOTHER_TAB_WRITES_THEN_CLICK, '[data-log="sessions"] [data-action=add-row]', NAMESPACE)
    browser.wait(lambda: "NON ENREGISTRÉ" in browser.log_message("sessions"))
    assert_not_recorded(browser, '[data-log="sessions"] [data-log-message]')
    assert browser.rows("sessions") == []
    assert browser.snapshot()["logs"][0]["draft"]["patient"] == "P-001", "the typed row is kept"
    browser.click(browser.q('[data-log="sessions"] [data-action=add-row]'))
    browser.wait(lambda: len(browser.rows("sessions")) == 1)
    assert "Ligne 1 ajoutée au registre" in browser.log_message("sessions")

    # The stored run holds every event once, in order: nothing was overwritten.
    stored = json.loads(browser.js("return localStorage.getItem(Object.keys(localStorage)"
                                   ".find((k) => k.startsWith(arguments[0] + 'run:')))", NAMESPACE))
    types = [event["type"] for event in stored["events"]]
    assert types.count("operator") == 3 and types[-1] == "row-add"
    assert [event["seq"] for event in stored["events"]] == list(range(1, len(types) + 1))
