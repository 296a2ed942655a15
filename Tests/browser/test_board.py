"""The whole department in one outage (DESIGN.md, "The whole department"): the coordinator imports every unit's
exported run into the reconciliation board, from a fourth workstation, and can close the outage only when every
unit is accounted for and every row of every unit is re-entered and verified by two people."""
import copy
import json
import os
import re
import shutil
import subprocess

from board_helpers import (board_keys, board_message, board_rows, board_status, close, exported_board, held,
                           import_runs, open_board, reconcile_on_board, unit_statuses)
from conftest import DEPARTMENT_FIXTURES, REPO, REX
from test_runner_hold import pdf_text


def reconcile(*paths):
    """`rex reconcile` on the shipped handbook: (exit code, standard output, standard error)."""
    result = subprocess.run([REX, "reconcile", "--root", str(REPO), *map(str, paths)], capture_output=True, text=True)
    return result.returncode, result.stdout, result.stderr


def keep(path, name):
    """With REX_UPDATE_DEPARTMENT=1, a board export becomes a fixture of rex reconcile's Swift tests."""
    if os.environ.get("REX_UPDATE_DEPARTMENT") == "1":
        shutil.copy(path, DEPARTMENT_FIXTURES / name)


def run_id(path):
    return json.loads(path.read_text(encoding="utf-8"))["runId"]


def test_the_outage_closes_only_when_every_unit_and_every_row_is_accounted_for(open_browser, runner_sites, department):
    board = open_browser()
    open_board(board, runner_sites["shipped"])
    assert "Arrêt ouvert par CO" in board_message(board)
    linac_1, linac_2, halcyon = run_id(department["linac-1"]), run_id(department["linac-2"]), run_id(department["halcyon-early"])

    # Two units' runs and a drill, from the stick at once: the drill is set apart.
    message = import_runs(board, department["linac-1"], department["linac-2"], department["drill"])
    assert "« linac-1.json » : importé : TrueBeam 1, " in message and ", 2 ligne(s)." in message
    assert "« linac-2.json » : importé : TrueBeam 2, " in message
    assert "« linac-2-exercice.json » : importé : TrueBeam 2" in message
    assert "EXERCICE mis à part : il n'est jamais compté pour clore un arrêt réel." in message
    assert unit_statuses(board) == {"linac-1": "imported", "linac-2": "imported", "halcyon": "missing"}
    assert set(board_rows(board)) == {f"{linac_1}/treatments/1", f"{linac_1}/treatments/2",
                                      f"{linac_2}/treatments/1", f"{linac_2}/treatments/2"}, "no row of the drill"
    assert "PAT-0900" not in board.text("[data-board-rows]") and "PAT-0900" not in board.text("[data-hold-list]")
    assert "Patient non traité : erreur de saisie du dossier" in board.text(f'[data-board-row="{linac_2}/treatments/2"]')
    assert board.q(f'[data-board-row="{linac_2}/treatments/2"]').get_attribute("data-voided") == "true"
    assert held(board) == {}

    # Halcyon's run is not in yet: closing is refused, naming it.
    message = close(board)
    assert message.startswith("Clôture REFUSÉE :")
    assert "Postes sans déroulé importé ni « non concerné » : Halcyon." in message
    assert board_status(board) == "open"

    # Halcyon's run comes in: PAT-0412, treated on two units, is on hold for the department.
    assert "importé : Halcyon, " in import_runs(board, department["halcyon-early"])
    assert unit_statuses(board) == {"linac-1": "imported", "linac-2": "imported", "halcyon": "imported"}
    assert list(held(board)) == ["PAT-0412"]
    assert "Halcyon — ligne 1 du registre « Séances à ressaisir" in held(board)["PAT-0412"]
    assert "Fraction n° (plan / phase) 18 — séance du 17/11/2026 10:30" in held(board)["PAT-0412"]
    both = board.js("return [...document.querySelectorAll('[data-board-patient=\"PAT-0412\"] [data-board-row]')]"
                    ".map((e) => e.dataset.rowUnit)")
    assert both == ["linac-1", "halcyon"], "one patient, two units, in the order treated"
    assert board.q("[data-board-counters]").get_attribute("hidden") is not None, "17 then 18: one counter, no gap"
    assert board.text("[data-board-pending]").strip() == "1" and board.text("[data-board-missing]").strip() == "0"
    message = close(board)
    assert "Postes sans" not in message
    assert "1 ligne(s) pas encore ressaisie(s) et vérifiée(s) :" in message
    assert "• Patient PAT-0412 : Halcyon, ligne 1 (Fraction n° (plan / phase) 18, 17/11/2026 10:30)" in message

    # The department's hold list prints on one page.
    board.js("window.print = function () {};")
    board.click(board.q("[data-action=print-hold-list]"))
    text, pages = pdf_text(board)
    flat = " ".join(text.split())
    assert pages == 1, text
    assert re.search(r"\(rv-?downtime, v\d+\)", flat), "the procedure, by id and version (pdftotext may drop the hyphen)"
    for expected in ("Patients en attente — tout le service — NE PAS TRAITER avant ressaisie et vérification",
                     "Manuel de continuité — Radiothérapie", "PAT-0412", "Halcyon — ligne 1",
                     "Libéré par (radiophysicien)", "Libéré par (radiothérapeute-oncologue)"):
        assert expected.replace("-", "") in flat.replace("-", ""), expected  # pdftotext drops a wrapped hyphen
    assert "PAT-0600" not in flat and "Postes de traitement" not in flat, "only the hold list is printed"

    # The board's export at this point: rex reconcile gives the same verdict (exit 1, Halcyon's row pending).
    pending_board, _ = exported_board(board)
    keep(pending_board, "board-pending.json")
    code, out, _ = reconcile(pending_board)
    assert code == 1, out
    assert "Verdict: NOT CLOSED — 1 row(s) pending (on hold: PAT-0412)" in out

    # Re-entered by one person who also verifies: refused. By two people: reconciled, and no one is on hold.
    key = f"{halcyon}/treatments/1"
    reconcile_on_board(board, key, {"reentered_by": "MN", "verified_by": "mn"})
    assert "« Vérifié par » (MN) doit être différent de « Ressaisi dans le R&V par » (MN)." in board.text(f'[data-board-row="{key}"]')
    assert board_rows(board)[key] == "false"
    reconcile_on_board(board, key, {"reentered_by": "MN", "verified_by": "OP"})
    board.wait(lambda: board_rows(board)[key] == "true")
    assert held(board) == {}
    assert "Vérifié par : OP (au tableau," in board.text(f'[data-board-row="{key}"]')

    # A reload keeps everything.
    before = (unit_statuses(board), board_rows(board))
    board.reload_until_visible(board_keys(board))
    assert board_status(board) == "open" and (unit_statuses(board), board_rows(board)) == before

    # Halcyon's later export supersedes its first: its new row comes in, none twice, the board's re-entry stays.
    message = import_runs(board, department["halcyon-later"])
    assert re.search(r"remplace l'import précédent du même déroulé \(\d+ → \d+ événement\(s\)\), sans doublon de lignes\.", message)
    rows = board_rows(board)
    assert len(rows) == 6 and rows[key] == "true" and rows[f"{halcyon}/treatments/2"] == "true"
    assert "déjà importé" in import_runs(board, department["halcyon-early"]), "an earlier export changes nothing"
    assert len(board_rows(board)) == 6

    # Nothing is missing, nothing pending: the outage closes, and the board is read-only.
    assert close(board) == "Arrêt CLOS pour le service par CO. Le tableau est maintenant en lecture seule ; exportez-le pour l'archiver."
    assert board_status(board) == "closed"
    assert not board.q("input[data-import-runs]").is_enabled()
    assert not board.qa("[data-action=reconcile-row]") and not board.qa("[data-reconcile]")
    assert not board.q("[data-action=close-outage]").is_enabled()
    board.reload_until_visible(board_keys(board))
    assert board_status(board) == "closed"

    # The closing report prints every unit, the void and the signatures.
    board.js("window.print = function () {};")
    board.click(board.q("[data-action=print-report]"))
    text, _ = pdf_text(board)
    flat = " ".join(text.split())
    for expected in ("Rapport de clôture de l'arrêt — tout le service", "CLOS le", "par CO", "TrueBeam 1", "TrueBeam 2",
                     "Halcyon", "Patient non traité : erreur de saisie du dossier", "Aucune ligne en attente.",
                     "Coordinateur", "Signature", "Mis à part (non comptés)"):
        assert expected.replace("-", "") in flat.replace("-", ""), expected  # pdftotext drops a wrapped hyphen

    # The export archives the outage as one file: the board's record with every run it imported.
    path, exported = exported_board(board)
    keep(path, "board-closed.json")
    assert path.name.startswith("rex-board-rv-downtime-")
    assert exported["format"] == "rex-board" and exported["status"] == "closed"
    imported = [event["run"]["runId"] for event in exported["events"] if event["type"] == "import"]
    assert imported == [linac_1, linac_2, run_id(department["drill"]), halcyon, halcyon]
    summary = exported["summary"]
    assert [unit["status"] for unit in summary["units"]] == ["imported", "imported", "imported"]
    assert summary["pending"] == [] and summary["holdList"] == []
    assert [void["reason"] for void in summary["voids"]] == ["Patient non traité : erreur de saisie du dossier"]
    assert [run["apart"] for run in summary["runs"]] == [False, False, True, False]

    # rex reconcile: the units' exports alone leave Halcyon's first row pending; the board's export closes it.
    code, out, _ = reconcile(department["linac-1"], department["linac-2"], department["halcyon-early"],
                             department["halcyon-later"], department["drill"])
    assert code == 1 and "Verdict: NOT CLOSED — 1 row(s) pending (on hold: PAT-0412)" in out, out
    assert "Set apart (not counted):" in out and "(drill)" in out
    code, out, _ = reconcile(path)
    assert code == 0, out
    assert out.rstrip().endswith("Verdict: every unit accounted for, nothing pending; closed on the board")

    # The next outage opens a new board; the closed one stays stored, listed, untouched.
    closed_keys = board_keys(board)
    board.set_value(board.q("[data-board-operator]"), "QR")
    board.click(board.q("[data-action=open-outage]"))
    board.wait(lambda: board_status(board) == "open")
    assert unit_statuses(board) == {"linac-1": "missing", "linac-2": "missing", "halcyon": "missing"}
    assert set(closed_keys) < set(board_keys(board)) and len(board.qa("[data-board-select] option")) == 2


def test_a_unit_marked_not_affected_counts_with_initials_and_reason(open_browser, runner_sites, department):
    board = open_browser()
    open_board(board, runner_sites["shipped"])
    import_runs(board, department["linac-1"], department["linac-2"])
    unit = board.q('[data-unit="halcyon"]')
    board.click(board.q("[data-action=unit-not-affected]", unit))
    board.wait(lambda: "« Halcyon » : initiales" in board_message(board))
    board.set_value(board.q("[data-unit-initials]", unit), "kl")
    board.click(board.q("[data-action=unit-not-affected]", unit))
    board.wait(lambda: "« Halcyon » : écrivez pourquoi ce poste n'est pas concerné." in board_message(board))
    board.set_value(board.q("[data-unit-reason]", board.q('[data-unit="halcyon"]')), "En maintenance annuelle depuis lundi")
    board.click(board.q("[data-action=unit-not-affected]", board.q('[data-unit="halcyon"]')))
    board.wait(lambda: unit_statuses(board)["halcyon"] == "not-affected")
    assert "« Halcyon » marqué non concerné par KL." in board_message(board)
    assert "non concerné — KL (CO, le " in board.text('[data-unit="halcyon"]')
    assert "En maintenance annuelle depuis lundi" in board.text('[data-unit="halcyon"]')
    assert close(board).startswith("Arrêt CLOS pour le service"), "every unit accounted for, every row reconciled"


def test_bad_imports_change_nothing_and_say_why(open_browser, runner_sites, department, tmp_path):
    board = open_browser()
    open_board(board, runner_sites["shipped"])
    import_runs(board, department["linac-1"])
    record = lambda: json.loads(board.js("return localStorage.getItem(arguments[0])", board_keys(board)[0]))
    events = len(record()["events"])
    original = json.loads(department["linac-1"].read_text(encoding="utf-8"))

    def write(name, content):
        path = tmp_path / name
        path.write_text(content if isinstance(content, str) else json.dumps(content), encoding="utf-8")
        return path

    other_handbook = dict(copy.deepcopy(original), handbook="un-autre-manuel")
    other_procedure = dict(copy.deepcopy(original), procedure="aria-restore")
    diverging = copy.deepcopy(original)
    diverging["events"][-1]["values"] = dict(diverging["events"][-1].get("values", {}), reentered_by="ZZ")
    message = import_runs(board, write("notes.json", "{ pas du JSON"), write("autre.json", {"hello": "world"}),
                          write("manuel.json", other_handbook), write("procedure.json", other_procedure),
                          write("diverge.json", diverging))
    lines = message.split("\n")
    assert lines[0].startswith("« notes.json » : Fichier refusé : ce n'est pas un déroulé Rex exporté")
    assert lines[1] == "« autre.json » : Fichier refusé : ce n'est pas un déroulé Rex exporté (rex-run)."
    assert lines[2] == ("« manuel.json » : refusé : déroulé d'un autre manuel (« un-autre-manuel » ; ce site : "
                        "« manuel-de-continuite-radiotherapie »). Rien n'a changé.")
    assert lines[3] == "« procedure.json » : refusé : déroulé de « aria-restore », cet arrêt suit « rv-downtime ». Rien n'a changé."
    assert lines[4].startswith("« diverge.json » : refusé : ce déroulé (même identifiant) diverge de la copie déjà importée")
    assert len(record()["events"]) == events, "nothing was recorded"
    assert len(board_rows(board)) == 2

    # Another revision is flagged and still usable.
    older = dict(copy.deepcopy(original), runId="older-revision", revision="0000abcd", version=2)
    message = import_runs(board, write("ancienne.json", older))
    assert "importé : TrueBeam 1" in message
    assert "ATTENTION : déroulé commencé sur la version 2 (révision 0000abcd) ; ce site a la version" in message
    assert "older-revision/treatments/1" in board_rows(board)
    assert "RÉVISION DIFFÉRENTE (v2, 0000abcd)" in board.text("[data-board-runs]")
