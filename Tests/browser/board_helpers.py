"""The whole department in one outage: each unit's run of rv-downtime in its own browser profile (its own
workstation), exported to a folder standing for the USB stick, then the reconciliation board.

Everything goes through the hooks of DESIGN.md ("The whole department"): input[type=file][data-import-runs],
[data-unit][data-unit-status], [data-action=unit-not-affected], [data-board-row="RUN/LOG/N"][data-reconciled],
[data-reconcile], [data-action=reconcile-row], [data-hold-list]/[data-hold-patient], [data-action=close-outage],
[data-board-status], [data-action=export-json] and [role=alert].
"""
import json
import shutil

from runner_helpers import Browser

PROCEDURE = "rv-downtime"
HANDBOOK_KEY = "manuel-de-continuite-radiotherapie"
BOARD_NAMESPACE = f"rex:{HANDBOOK_KEY}:@board:"
UNITS = {"linac-1": "TrueBeam 1", "linac-2": "TrueBeam 2", "halcyon": "Halcyon"}


def session(unit, patient, fraction, at, by="RT", checked="MV", **more):
    """A row of rv-downtime's log of sessions, as the RTTs write it."""
    row = {"unit": UNITS[unit], "patient": patient, "birth_date": "1951-04-02", "plan": "Grands champs",
           "fraction": str(fraction), "mu": "212", "session": "Complète", "delivered_at": at, "by": by,
           "checked_by": checked}
    row.update(more)
    return row


def start_unit_run(browser, site, unit, operator="RT", drill=False):
    """A unit's team starts rv-downtime on its workstation and notes the outage."""
    browser.open_procedure(site, PROCEDURE)
    browser.start(operator, drill=drill, unit=unit)
    browser.done("confirm-outage", {"outage_at": "2026-11-17T08:10", "stations": "tous les postes"})


def export_to(browser, stick, name):
    """Exports the run (JSON) and copies it to the stick under `name`; returns (path on the stick, the JSON)."""
    path, exported = browser.export_json()
    target = stick / name
    shutil.copy(path, target)
    return target, exported


def unit_statuses(browser):
    return browser.js("return Object.fromEntries([...document.querySelectorAll('[data-board-units] [data-unit]')]"
                      ".map((e) => [e.dataset.unit, e.dataset.unitStatus]))")


def board_rows(browser):
    """{"RUN/LOG/N": "true|false" (reconciled)} for every row on the board."""
    return browser.js("return Object.fromEntries([...document.querySelectorAll('[data-board-row]')]"
                      ".map((e) => [e.dataset.boardRow, e.dataset.reconciled]))")


def held(browser):
    return browser.js("return Object.fromEntries([...document.querySelectorAll('[data-hold-list] [data-hold-patient]')]"
                      ".map((e) => [e.dataset.holdPatient, e.textContent.replace(/\\s+/g, ' ').trim()]))")


def board_message(browser):
    return browser.text("[data-board-message]")


def board_status(browser):
    return browser.text("[data-board-status]").strip()


def open_board(browser, site, operator="CO", drill=False):
    browser.open(site, "reconcile.html")
    browser.settle()
    browser.set_value(browser.q("[data-board-operator]"), operator)
    if drill:
        browser.set_value(browser.q("[data-board-drill]"), True)
    browser.click(browser.q("[data-action=open-outage]"))
    browser.wait(lambda: board_status(browser) == "open", message=f"the outage did not open: {board_message(browser)}")


def import_runs(browser, *paths):
    """Chooses several files at once, as from a USB stick; returns the board's message once it changed."""
    before = board_message(browser)
    browser.q("input[type=file][data-import-runs]").send_keys("\n".join(str(path) for path in paths))
    browser.wait(lambda: board_message(browser) != before and board_message(browser).strip() != "",
                 message="no message after the import")
    return board_message(browser)


def close(browser):
    before = board_message(browser)
    browser.click(browser.q("[data-action=close-outage]"))
    browser.wait(lambda: board_message(browser) != before or board_status(browser) == "closed")
    return board_message(browser)


def reconcile_on_board(browser, key, values):
    row = browser.q(f'[data-board-row="{key}"]')
    for column, value in values.items():
        browser.set_value(browser.q(f'[data-reconcile="{column}"]', row), value)
    browser.click(browser.q("[data-action=reconcile-row]", row))
    browser.wait(lambda: browser.text(f'[data-board-row="{key}"] [data-row-message]').strip() != ""
                 or browser.q(f'[data-board-row="{key}"]').get_attribute("data-reconciled") == "true")


def board_keys(browser):
    return [key for key in browser.js("return Object.keys(localStorage)") if key.startswith(BOARD_NAMESPACE + "run:")]


def exported_board(browser):
    for old in browser.downloads.glob("*.json"):
        old.unlink()
    browser.click(browser.q("[data-action=export-json]"))
    path = browser.downloaded(".json")
    return path, json.loads(path.read_text(encoding="utf-8"))


def new_browser(base, name, **options):
    return Browser(profile=base / f"profile-{name}", downloads=base / f"downloads-{name}", **options)
