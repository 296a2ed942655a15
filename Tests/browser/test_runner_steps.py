"""The runner's gates on steps: required and typed fields, must_match, decisions, double checks."""
from selenium.webdriver.common.keys import Keys

from runner_helpers import BACKUP_AT, FIXTURE_PROCEDURE, IDENTIFY, run_to_logging


def test_start_needs_initials_and_nothing_is_done_before(browser, runner_sites):
    browser.open_procedure(runner_sites["fixture"], FIXTURE_PROCEDURE)
    assert browser.status() == "not-started"
    assert {step["state"] for step in browser.snapshot()["steps"]} == {"pending"}
    assert not browser.q('[data-step="identify"] [data-action=done]').is_enabled()
    browser.set_value(browser.q("input[data-run-operator]"), "A1")
    browser.click(browser.q("[data-action=start]"))
    browser.wait(lambda: "2 à 4 lettres" in browser.run_message())
    assert browser.status() == "not-started"
    browser.start("ab")
    assert browser.state("identify") == "current"
    assert browser.q("input[data-run-operator]").get_attribute("value") == "AB"
    assert browser.js("return document.activeElement.dataset.field") == "station", "focus goes to the current step"


def test_required_and_invalid_fields_are_refused_with_the_reason(browser, runner_sites):
    browser.open_procedure(runner_sites["fixture"], FIXTURE_PROCEDURE)
    browser.start("AB")
    browser.done("identify", expect=None)
    alert = browser.alert("identify")
    assert browser.state("identify") == "current"
    for reason in ("« Poste <em>console</em> » est obligatoire", "« Patients du jour » est obligatoire",
                   "« Accélérateur » est obligatoire", "« Planning imprimé » doit être coché",
                   "« Imprimé le » est obligatoire"):
        assert reason in alert
    assert "Remarque" not in alert, "an optional field may stay empty"
    # Label text is inserted as text: the "<em>" of the label is not an element.
    assert not browser.qa('[data-step="identify"] [data-step-message] em')
    assert browser.q('[data-step="identify"] [role=alert]').get_attribute("textContent") == alert

    browser.done("identify", dict(IDENTIFY, patients_today="500"), expect=None)
    browser.wait(lambda: "au plus 200 (saisi : 500)" in browser.alert("identify"))
    browser.done("identify", dict(IDENTIFY, patients_today="0"), expect=None)
    browser.wait(lambda: "au moins 1 (saisi : 0)" in browser.alert("identify"))
    browser.done("identify", dict(IDENTIFY, patients_today="abc"), expect=None)
    browser.wait(lambda: "Patients du jour » " in browser.alert("identify"))
    assert browser.state("identify") == "current"
    assert browser.record("identify") == [], "a refused completion records nothing"

    browser.done("identify", IDENTIFY)
    assert browser.alert("identify") == ""
    assert browser.state("db-point") == "current"
    record = browser.record("identify")
    assert len(record) == 1 and record[0].startswith("Fait le ") and "par AB" in record[0]
    assert "Poste <em>console</em> : Console 1" in record[0] and "Patients du jour : 12" in record[0]
    assert "Planning imprimé : oui" in record[0] and "Imprimé le : 04/03/2025" in record[0]
    assert browser.q('[data-step="identify"] [data-field="station"]').get_attribute("disabled")


def test_must_match_mismatch_blocks_until_overridden_with_a_reason(browser, runner_sites):
    browser.open_procedure(runner_sites["fixture"], FIXTURE_PROCEDURE)
    browser.start("AB")
    browser.done("identify", IDENTIFY)
    browser.done("db-point", {"db_backup_at": "2025-03-04T21:00"})
    browser.done("fs-point", {"fs_backup_at": "2025-03-03T21:00"}, expect="blocked")
    alert = browser.alert("fs-point")
    assert "03/03/2025 21:00" in alert and "04/03/2025 21:00" in alert, alert
    assert "Sauvegarde serveur de fichiers" in alert and "Sauvegarde base de données" in alert
    assert browser.state("route") == "pending", "nothing goes on past a blocked step"
    assert browser.q('[data-step="fs-point"] [data-override]').is_displayed()

    browser.override("fs-point", "   ")
    browser.wait(lambda: "raison du passage outre" in browser.alert("fs-point"))
    assert browser.state("fs-point") == "blocked"

    browser.reload()  # the block is recorded, not only shown
    assert browser.state("fs-point") == "blocked"
    assert "03/03/2025 21:00" in browser.alert("fs-point")

    browser.override("fs-point", "Varian confirme : seule la BD du 04/03 existe (ticket 123)")
    browser.wait_state("fs-point", "done")
    assert browser.state("route") == "current"
    record = browser.record("fs-point")
    assert record[0].startswith("Bloqué le ")
    assert "PASSÉ OUTRE" in record[1] and "ticket 123" in record[1] and "03/03/2025 21:00" in record[1]

    _, exported = browser.export_json()
    override = [event for event in exported["events"] if event["type"] == "override"]
    assert len(override) == 1
    assert override[0]["reason"] == "Varian confirme : seule la BD du 04/03 existe (ticket 123)"
    assert override[0]["by"] == "AB" and override[0]["step"] == "fs-point"
    assert override[0]["values"] == {"fs_backup_at": "2025-03-03T21:00"}
    assert override[0]["mismatches"] == [{"field": "fs_backup_at", "value": "2025-03-03T21:00",
                                          "mustMatch": "db_backup_at", "expected": "2025-03-04T21:00"}]
    assert [event["type"] for event in exported["events"] if event.get("step") == "fs-point"] == ["blocked", "override"]
    summary = {step["id"]: step for step in exported["summary"]["steps"]}
    assert summary["fs-point"]["overridden"] is True and summary["fs-point"]["state"] == "done"


def test_a_blocked_step_goes_on_once_the_value_is_corrected(browser, runner_sites):
    browser.open_procedure(runner_sites["fixture"], FIXTURE_PROCEDURE)
    browser.start("AB")
    browser.done("identify", IDENTIFY)
    browser.done("db-point", {"db_backup_at": BACKUP_AT})
    browser.done("fs-point", {"fs_backup_at": "2025-03-04T21:30"}, expect="blocked")
    browser.done("fs-point", {"fs_backup_at": BACKUP_AT})
    record = browser.record("fs-point")
    assert record[0].startswith("Bloqué le ") and "04/03/2025 21:30" in record[0], "the mismatch stays recorded"
    assert record[1].startswith("Fait le ")


def test_decision_skips_steps_and_goto_end_completes(browser, runner_sites):
    browser.open_procedure(runner_sites["fixture"], FIXTURE_PROCEDURE)
    browser.start("AB")
    browser.done("identify", IDENTIFY)
    browser.done("db-point", {"db_backup_at": BACKUP_AT})
    browser.done("fs-point", {"fs_backup_at": BACKUP_AT})
    assert all(button.is_enabled() for button in browser.qa('[data-step="route"] [data-goto]'))
    browser.choose("route", "end")
    browser.wait(lambda: browser.status() == "complete")
    states = {step["id"]: step["state"] for step in browser.snapshot()["steps"]}
    assert states == {"identify": "done", "db-point": "done", "fs-point": "done", "route": "done",
                      "prepare-paper": "skipped", "log-sessions": "skipped", "second-check": "skipped",
                      "close": "skipped"}
    for step in ("prepare-paper", "close"):
        assert browser.q(f'[data-step="{step}"] [data-step-status]').get_attribute("textContent") == "Non applicable"
        assert browser.record(step) == ["Non applicable : étape sautée."]
    assert "Réponse « Non, terminer ici »" in browser.record("route")[0]
    assert browser.q('[data-step="route"] [data-goto="end"]').get_attribute("aria-pressed") == "true"
    assert "Fin de la procédure" in browser.run_message()
    # A complete run is closed: nothing can be recorded any more.
    assert not any(button.is_enabled() for button in browser.qa("[data-goto], [data-action=done], [data-action=add-row]"))


def test_decision_answer_changes_only_by_a_recorded_correction(browser, runner_sites):
    run_to_logging(browser, runner_sites["fixture"])
    assert browser.state("prepare-paper") == "skipped"
    assert not browser.q('[data-step="route"] [data-goto="end"]').is_enabled(), "a recorded answer is not re-clickable"
    browser.click(browser.q('[data-step="route"] [data-action=correct]'))
    browser.wait(lambda: browser.q('[data-step="route"] [data-correction]').is_displayed())
    browser.click(browser.q('[data-step="route"] [data-goto="prepare-paper"]'))
    browser.wait(lambda: "raison de la correction" in browser.alert("route"))
    browser.set_value(browser.q('[data-step="route"] textarea[data-correction-reason]'), "Papier pas encore prêt")
    browser.click(browser.q('[data-step="route"] [data-goto="prepare-paper"]'))
    browser.wait_state("prepare-paper", "current")
    assert browser.state("log-sessions") == "pending"
    record = browser.record("route")
    assert "Réponse « Oui, traiter »" in record[0], "the first answer stays recorded"
    assert "CORRECTION" in record[1] and "Papier pas encore prêt" in record[1]
    assert "« Oui, traiter » remplacée par « Oui, préparer le papier d'abord »" in record[1]
    browser.reload()
    assert browser.state("prepare-paper") == "current" and len(browser.record("route")) == 2


def test_double_check_refuses_the_same_initials(browser, runner_sites):
    run_to_logging(browser, runner_sites["fixture"])
    browser.done("log-sessions")
    browser.done("second-check", {"plan_ok": True}, expect=None)
    assert "deuxième personne" in browser.alert("second-check")
    browser.done("second-check", second="ab", expect=None)
    browser.wait(lambda: "(AB) doit être différente" in browser.alert("second-check"))
    assert browser.state("second-check") == "current"
    # Shift change: the initials in force are the new operator's, for the check too.
    browser.change_operator("CD")
    browser.done("second-check", second="CD", expect=None)
    browser.wait(lambda: "(CD) doit être différente de celle qui fait l'étape (CD)" in browser.alert("second-check"))
    browser.done("second-check", second="AB")
    record = browser.record("second-check")[0]
    assert "par CD" in record and "vérifié par AB" in record
    assert "par AB" in browser.record("identify")[0], "earlier records keep the initials then in force"


def test_keyboard_alone_runs_steps(browser, runner_sites):
    browser.open_procedure(runner_sites["fixture"], FIXTURE_PROCEDURE)
    operator = browser.q("input[data-run-operator]")
    operator.send_keys("KB", Keys.ENTER)
    browser.wait(lambda: browser.status() == "in-progress")
    active = browser.driver.switch_to.active_element
    assert active.get_attribute("data-field") == "station"
    active.send_keys("Console 2", Keys.TAB, "7", Keys.TAB)
    browser.driver.switch_to.active_element.send_keys("Linac 2")
    browser.driver.switch_to.active_element.send_keys(Keys.TAB, Keys.SPACE)
    browser.fill("identify", {"printed_on": "2025-03-04", "printed_at": "08:15"})
    browser.q('[data-step="identify"] [data-field="station"]').send_keys(Keys.ENTER)
    browser.wait_state("identify", "done")
    assert "Accélérateur : Linac 2" in browser.record("identify")[0]
    assert browser.js("return document.activeElement.dataset.field") == "db_backup_at"
    box = browser.js("const r = document.querySelector('[data-step=\"db-point\"]').getBoundingClientRect();"
                     "return [r.top, r.bottom, innerHeight]")
    assert 0 <= box[0] and box[1] <= box[2], "the current step is scrolled into view"


def test_touch_targets_are_large(browser, runner_sites):
    browser.open_procedure(runner_sites["fixture"], FIXTURE_PROCEDURE)
    browser.start("AB")
    sizes = browser.js("return [...document.querySelectorAll('button, input:not([type=checkbox]):not([type=file]), select')]"
                       ".filter((el) => el.offsetParent).map((el) => el.getBoundingClientRect().height)")
    assert sizes and min(sizes) >= 44


def test_a_recorded_value_changes_only_by_a_recorded_correction(browser, runner_sites):
    browser.open_procedure(runner_sites["fixture"], FIXTURE_PROCEDURE)
    browser.start("AB")
    browser.done("identify", IDENTIFY)
    browser.click(browser.q('[data-step="identify"] [data-action=correct]'))
    browser.wait(lambda: browser.q('[data-step="identify"] [data-correction]').is_displayed())
    browser.fill("identify", {"patients_today": "14"})
    browser.click(browser.q('[data-step="identify"] [data-action=save-correction]'))
    browser.wait(lambda: "raison de la correction" in browser.alert("identify"))
    browser.set_value(browser.q('[data-step="identify"] textarea[data-correction-reason]'), "Deux patients ajoutés")
    browser.click(browser.q('[data-step="identify"] [data-action=save-correction]'))
    browser.wait(lambda: len(browser.record("identify")) == 2)
    record = browser.record("identify")
    assert "Patients du jour : 12" in record[0], "the first value stays recorded"
    assert "CORRECTION" in record[1] and "Deux patients ajoutés" in record[1] and "Patients du jour : 14" in record[1]
    assert browser.state("identify") == "done" and browser.state("db-point") == "current"
    assert browser.q('[data-step="identify"] [data-field="patients_today"]').get_attribute("value") == "14"
    _, exported = browser.export_json()
    correction = exported["events"][-1]
    assert correction["type"] == "correction" and correction["values"] == {"patients_today": 14}
    assert correction["previous"] == {"patients_today": 12} and correction["reason"] == "Deux patients ajoutés"
