"""Downtime logs: append-only rows, voids, reconciliation by two people, the closing gate, CSV."""
import csv
import io

from runner_helpers import SESSIONS, run_to_logging


def test_rows_are_validated_voided_not_deleted_and_every_value_survives_reloads(browser, runner_sites):
    run_to_logging(browser, runner_sites["fixture"])
    browser.add_row("sessions", {"fraction": "0", "energy": "6 MV", "by": "C"}, expect_added=False)
    refusal = browser.log_message("sessions")
    assert "« Patient (ID) » est obligatoire" in refusal and "au moins 1 (saisi : 0)" in refusal
    assert "« Technologue » : initiales de 2 à 4 lettres" in refusal and "Date et heure" in refusal
    assert browser.rows("sessions") == []

    for values in SESSIONS:
        browser.add_row("sessions", values)
    browser.add_row("sessions", {"patient": "<img src=x onerror=alert(1)>", "fraction": "40", "energy": "6 MV",
                                 "delivered_at": "2025-03-05T09:30", "by": "cd"})
    row4 = browser.row("sessions", 4)
    assert browser.q('[data-value="patient"]', row4).get_attribute("textContent") == "<img src=x onerror=alert(1)>"
    assert not browser.qa('[data-log="sessions"] tbody img'), "typed text is never inserted as HTML"
    assert browser.q('[data-value="by"]', row4).get_attribute("textContent") == "CD"
    meta = browser.q(".row-meta", browser.row("sessions", 1)).get_attribute("textContent")
    assert meta.endswith("· AB"), "each row is time-stamped and initialled"
    assert browser.pending() == 4
    assert [row.get_attribute("data-reconciled") for row in browser.rows("sessions")] == ["false"] * 4

    browser.click(browser.q("[data-action=void-row]", browser.row("sessions", 2)))
    browser.wait(lambda: "raison de l'annulation de la ligne 2" in browser.log_message("sessions"))
    assert browser.row("sessions", 2).get_attribute("data-voided") == "false"
    browser.void("sessions", 2, "Doublon de la ligne 1")
    voided = browser.row("sessions", 2)
    assert voided.is_displayed() and len(browser.rows("sessions")) == 4, "a voided row stays"
    assert "Doublon de la ligne 1" in voided.get_attribute("textContent")
    assert "line-through" in browser.js("return getComputedStyle(arguments[0]).textDecorationLine",
                                        browser.q('[data-value="patient"]', voided))
    assert browser.pending() == 3, "a voided row needs no reconciliation"

    browser.reconcile("sessions", 1, {"reentered_by": "GH"})
    browser.wait(lambda: "GH" in browser.q('[data-reconcile-value="reentered_by"]', browser.row("sessions", 1)).text)
    assert browser.row("sessions", 1).get_attribute("data-reconciled") == "false"

    # Typed but not yet recorded: kept too.
    browser.set_value(browser.q('[data-log="sessions"] [data-log-new] [data-column="patient"]'), "P-00")
    browser.set_value(browser.q('[data-reconcile="reentered_by"]', browser.row("sessions", 3)), "MN")
    browser.fill("log-sessions", {})
    before = browser.snapshot()
    assert before["logs"][0]["draft"]["patient"] == "P-00"
    for _ in range(3):
        browser.reload()
        browser.wait(lambda: len(browser.rows("sessions")) == 4)
        assert browser.snapshot() == before
    assert browser.state("log-sessions") == "current"
    assert browser.q('[data-reconcile="reentered_by"]', browser.row("sessions", 3)).get_attribute("value") == "MN"
    assert "Déroulé repris" in browser.run_message()


def test_closing_is_refused_until_every_live_row_is_reconciled_by_two_people(browser, runner_sites):
    run_to_logging(browser, runner_sites["fixture"])
    for values in SESSIONS:
        browser.add_row("sessions", values)
    browser.void("sessions", 3, "Patient non traité finalement")
    browser.done("log-sessions")
    browser.done("second-check", {"plan_ok": True}, second="CD")

    browser.done("close", second="CD", expect=None)
    alert = browser.alert("close")
    assert "2 ligne(s) du registre « Séances délivrées pendant l'arrêt »" in alert
    assert "ligne 1 — Patient (ID) : P-001 · Fraction n° : 3" in alert and "05/03/2025 08:30" in alert
    assert "ligne 2 — Patient (ID) : P-002 · Fraction n° : 12" in alert
    assert "P-003" not in alert, "a voided row does not block"
    assert browser.state("close") == "current"

    browser.reconcile("sessions", 1, {"reentered_by": "GH", "verified_by": "gh"})
    browser.wait(lambda: "doit être différent" in browser.log_message("sessions"))
    assert browser.row("sessions", 1).get_attribute("data-reconciled") == "false"
    browser.reconcile("sessions", 1, {"reentered_by": "GH", "verified_by": "IJ"})
    browser.wait(lambda: browser.row("sessions", 1).get_attribute("data-reconciled") == "true")
    assert browser.pending() == 1

    browser.done("close", expect=None)
    browser.wait(lambda: "1 ligne(s)" in browser.alert("close"))
    assert "P-002" in browser.alert("close") and "P-001" not in browser.alert("close")

    # Re-entered now, verified later by someone else: distinct_from holds across the two moments.
    browser.reconcile("sessions", 2, {"reentered_by": "GH"})
    browser.wait(lambda: "GH" in browser.q('[data-reconcile-value="reentered_by"]', browser.row("sessions", 2)).text)
    browser.reconcile("sessions", 2, {"verified_by": "GH"})
    browser.wait(lambda: "doit être différent" in browser.log_message("sessions"))
    assert browser.row("sessions", 2).get_attribute("data-reconciled") == "false"
    browser.reconcile("sessions", 2, {"verified_by": "KL"})
    browser.wait(lambda: browser.row("sessions", 2).get_attribute("data-reconciled") == "true")
    assert browser.pending() == 0

    browser.done("close", second="CD")
    browser.wait(lambda: browser.status() == "complete")
    elapsed = browser.q("[data-run-elapsed]").get_attribute("textContent")
    assert elapsed.count(":") == 2 and elapsed != "—"
    assert not browser.q("[data-action=add-row]").is_enabled()


def test_csv_export_holds_every_row_with_its_reconciliation(browser, runner_sites):
    run_to_logging(browser, runner_sites["fixture"], drill=True)
    for values in SESSIONS:
        browser.add_row("sessions", values)
    browser.void("sessions", 1, "Erreur de patient; ressaisi en ligne 2")
    browser.reconcile("sessions", 2, {"reentered_by": "GH", "verified_by": "IJ"})
    browser.wait(lambda: browser.row("sessions", 2).get_attribute("data-reconciled") == "true")
    browser.click(browser.q("[data-action=export-csv]"))
    path = browser.downloaded(".csv")
    assert "exercice" in path.name
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf"), "UTF-8 with a BOM, so spreadsheets read the accents"
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline=""), delimiter=";"))
    header, body = rows[0], rows[1:]
    assert len(body) == 3 and all(len(row) == len(header) for row in body)
    table = [dict(zip(header, row)) for row in body]
    assert [row["Ligne"] for row in table] == ["1", "2", "3"]
    assert {row["Exercice"] for row in table} == {"EXERCICE"}
    assert {row["Procédure"] for row in table} == {"runner-demo"} and {row["Version"] for row in table} == {"4"}
    assert table[0]["Statut"] == "annulée" and table[0]["Raison de l'annulation"] == "Erreur de patient; ressaisi en ligne 2"
    assert table[1]["Patient (ID)"] == "P-002" and table[1]["Remarque"] == "boost reporté"
    assert table[1]["Fraction n°"] == "12" and table[1]["Date et heure"] == "2025-03-05T08:50"
    assert table[1]["Ressaisi par"] == "GH" and table[1]["Vérifié par"] == "IJ" and table[1]["Ressaisie complète"] == "oui"
    assert table[2]["Ressaisie complète"] == "non" and table[2]["Statut"] == "valide"
    assert table[2]["Opérateur"] == "AB" and table[2]["Consignée le"].startswith("20")
