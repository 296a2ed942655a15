"""Imports that cannot break the page: every hand-edited or hostile run file is refused with a message
naming the first bad event and field, storage is left untouched, and the page keeps working."""
import copy
import json

from runner_helpers import BACKUP_AT, FIXTURE_PROCEDURE, IDENTIFY, SESSIONS, run_to_logging


def exported_run(open_browser, runner_sites):
    """A real export of the fixture procedure (steps, a row), from its own profile."""
    source = open_browser()
    run_to_logging(source, runner_sites["fixture"])
    source.add_row("sessions", SESSIONS[0])
    _, exported = source.export_json()
    return exported


def import_file(browser, tmp_path, name, content):
    path = tmp_path / name
    if isinstance(content, (dict, list)):
        content = json.dumps(content)
    path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    before = browser.run_message()
    browser.q("input[data-action=import-json]").send_keys(str(path))
    browser.wait(lambda: browser.run_message() != before and browser.run_message().strip() != "")
    return browser.run_message()


def test_hostile_run_files_are_refused_naming_the_event_and_field_and_nothing_is_stored(open_browser, runner_sites,
                                                                                        tmp_path):
    exported = exported_run(open_browser, runner_sites)
    browser = open_browser()
    browser.open_procedure(runner_sites["fixture"], FIXTURE_PROCEDURE)
    cases = []
    values_as_text = copy.deepcopy(exported)
    values_as_text["events"][1]["values"] = "station=Console 1"
    cases.append(("values-text.json", values_as_text, "événement n° 2, « values » : objet attendu"))
    mismatches_as_number = copy.deepcopy(exported)
    mismatches_as_number["events"][2] = dict(mismatches_as_number["events"][2], type="blocked", mismatches=7)
    cases.append(("mismatches-number.json", mismatches_as_number, "événement n° 3, « mismatches » : liste attendue"))
    polluting = json.dumps(exported).replace('"values": {', '"values": {"__proto__": {"polluted": true}, ', 1)
    cases.append(("proto.json", polluting, "clé interdite « __proto__ »"))
    seq_gap = copy.deepcopy(exported)
    del seq_gap["events"][2]
    cases.append(("seq-gap.json", seq_gap, "événement n° 3, « seq » : numéro 3 attendu"))
    unknown_type = copy.deepcopy(exported)
    unknown_type["events"][1]["type"] = "erase-everything"
    cases.append(("unknown-type.json", unknown_type, "type d'événement inconnu"))
    deep = '{"format": "rex-run", "runId": "x", "events": [{"seq": 1, "type": "start", "values": ' + "[" * 20000 + "]" * 20000 + "}]}"
    cases.append(("deep.json", deep, "Fichier refusé"))
    cases.append(("broken.json", '{"format": "rex-run", "events": [', "Fichier refusé : ce n'est pas un déroulé Rex exporté"))
    cases.append(("not-a-run.json", {"hello": "world"}, "Fichier refusé : ce n'est pas un déroulé Rex exporté (rex-run)"))
    other_procedure = dict(copy.deepcopy(exported), procedure="aria-restore")
    cases.append(("other.json", other_procedure, "Fichier refusé : déroulé de « aria-restore »"))
    huge = copy.deepcopy(exported)
    huge["events"][1]["values"]["remark"] = "x" * (30 * 1024 * 1024)
    cases.append(("huge.json", huge, "au-delà de la limite de 4194304 octets"))
    for name, content, expected in cases:
        message = import_file(browser, tmp_path, name, content)
        assert expected in message, f"{name}: {message}"
        assert "Déroulé importé" not in message, name
        assert browser.stored_runs() == {}, f"{name}: storage left untouched"
        assert browser.status() == "not-started", name
    assert browser.js("return ({}).polluted === undefined && Object.prototype.polluted === undefined")
    # …and the good file still goes in, with no markup from its values.
    marked = copy.deepcopy(exported)
    marked["events"][1]["values"]["station"] = "<img src=x onerror=alert(1)>"
    message = import_file(browser, tmp_path, "good.json", marked)
    assert "Déroulé importé" in message
    assert browser.js("return document.querySelectorAll('img[src=x]').length") == 0
    assert "<img src=x" in browser.record("identify")[0]


def test_a_diverging_run_is_stored_as_a_new_run_and_an_extension_supersedes(open_browser, runner_sites, tmp_path):
    exported = exported_run(open_browser, runner_sites)
    browser = open_browser()
    browser.open_procedure(runner_sites["fixture"], FIXTURE_PROCEDURE)
    assert "Déroulé importé : 6 événement(s)" in import_file(browser, tmp_path, "first.json", exported)
    assert len(browser.stored_runs()) == 1
    longer = copy.deepcopy(exported)
    longer["events"].append(dict(longer["events"][-1], seq=7, type="row-void", log="sessions", row=1,
                                 reason="Saisie en double"))
    longer["events"][-1].pop("values", None)
    assert "7 événement(s)" in import_file(browser, tmp_path, "longer.json", longer)
    assert len(browser.stored_runs()) == 1, "a later export of the same run supersedes it"
    diverging = copy.deepcopy(exported)
    diverging["events"][-1]["values"]["patient"] = "P-999"
    assert "importé" in import_file(browser, tmp_path, "diverging.json", diverging)
    runs = {key: json.loads(text) for key, text in browser.stored_runs().items()}
    assert len(runs) == 2, "a diverging run is kept beside the stored one, never over it"
    assert sorted(len(run["events"]) for run in runs.values()) == [6, 7]


def test_archived_runs_make_room_when_storage_is_full(open_browser, runner_sites):
    browser = open_browser()
    browser.open_procedure(runner_sites["fixture"], FIXTURE_PROCEDURE)
    browser.start("AB")
    browser.done("identify", IDENTIFY)
    browser.export_json()
    browser.click(browser.q("[data-action=archive]"))
    browser.wait(lambda: browser.status() == "not-started")
    [archived_key] = browser.stored_runs()
    browser.start("CD")
    # Storage full from now on unless the archived run goes: the runner removes it, and goes on saving.
    browser.js("""
      const real = Storage.prototype.setItem, archived = arguments[0];
      Storage.prototype.setItem = function (key, value) {
        if (this.getItem(archived) !== null && key.includes(':run:')) {
          throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
        }
        return real.call(this, key, value);
      };""", archived_key)
    browser.done("identify", IDENTIFY)
    browser.done("db-point", {"db_backup_at": BACKUP_AT})
    assert not browser.q("[data-storage-banner]").is_displayed()
    runs = browser.stored_runs()
    assert archived_key not in runs and len(runs) == 1
    assert len(json.loads(next(iter(runs.values())))["events"]) == 3
