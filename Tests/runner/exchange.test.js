/*
 * runner-exchange.js: the exported run (JSON), the log rows as CSV, and the check of an imported file —
 * every event's shape and types checked before anything is replayed, bounds refused up front.
 */
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const vm = require("node:vm");
const { load, plain, demoModel, makeRun, ev, session, toLog } = require("./helpers.js");

const { Rex, ctx } = load();
const core = Rex.core;
const W = Rex.words.fr;
const m = core.context(demoModel(), W);

/** A run with a held patient, a reconciled row, a voided row, a row added despite the alert, an override. */
function busyRun(extra) {
  const mismatch = { field: "fs_backup_at", value: "2025-03-04T22:10", mustMatch: "db_backup_at", expected: "2025-03-04T22:00" };
  const events = toLog();
  events[3] = { type: "blocked", step: "fs-point", values: { fs_backup_at: "2025-03-04T22:10" }, mismatches: [mismatch] };
  events.splice(4, 0, { type: "override", step: "fs-point", values: { fs_backup_at: "2025-03-04T22:10" },
    mismatches: [mismatch], reason: "accord Varian" });
  return makeRun(events.concat([
    ev.row(1, session("P-001", 3, { comment: "=HYPERLINK(\"http://x\")" })),
    ev.row(2, session("P-002", 1)), ev.reconcile(2),
    ev.row(3, session("P-003", 5)), ev.void(3, "mauvais patient; ressaisi"),
    ev.row(4, session("p-001", 4, { delivered_at: "2025-03-06T08:30" }), {
      confirmed: { reason: "séance du mardi reportée", refusals: [{ kind: "on-hold", row: 1, expected: null }] } })
  ]), extra);
}

test.describe("the exported run", () => {
  const run = busyRun();
  const state = core.derive(m, run);
  const exported = plain(core.exportObject(m, run, state, null, "2025-03-06T09:00:00+01:00"));

  test("keeps every event and says when and how much was exported", () => {
    assert.deepEqual(exported.events, plain(run.events));
    assert.equal(exported.exportedAt, "2025-03-06T09:00:00+01:00");
    assert.equal(exported.exportedEvents, run.events.length);
    assert.equal(exported.status, "in-progress");
    assert.deepEqual(exported.drafts, { steps: {}, logs: {}, rows: {} });
    assert.equal(run.exportedAt, null, "the stored run itself is not changed");
  });

  test("summarises operator, pending re-entries and the hold list (patient, rows, fraction, time)", () => {
    assert.equal(exported.summary.operator, "AB");
    assert.equal(exported.summary.pendingReconciliation, 2);
    assert.deepEqual(exported.summary.holdList, [{ patient: "P-001", rows: [
      { log: "sessions", row: 1, counter: 3, at: "2025-03-05T08:07:00+01:00" },
      { log: "sessions", row: 4, counter: 4, at: "2025-03-05T08:12:00+01:00" }
    ] }]);
  });

  test("summarises each step: state, who, values, the override and its reason", () => {
    const byId = Object.fromEntries(exported.summary.steps.map((step) => [step.id, step]));
    assert.equal(byId["fs-point"].state, "done");
    assert.equal(byId["fs-point"].overridden, true);
    assert.equal(byId["fs-point"].reason, "accord Varian");
    assert.equal(byId["fs-point"].number, "3");
    assert.equal(byId.route.answer, "Oui, traiter");
    assert.equal(byId["prepare-paper"].state, "skipped");
    assert.equal(byId["db-point"].overridden, false);
    assert.equal(byId["db-point"].doneBy, "AB");
    assert.equal(byId["log-sessions"].state, "current");
  });

  test("keeps each row, the void and the written reason a row was added despite the alert", () => {
    const rows = exported.summary.logs[0].rows;
    assert.equal(rows.length, 4);
    assert.equal(rows[2].voided.reason, "mauvais patient; ressaisi");
    assert.deepEqual(rows[3].confirmed, { reason: "séance du mardi reportée", refusals: [{ kind: "on-hold", row: 1, expected: null }] });
  });

  test("carries the drafts it is given", () => {
    const drafts = { steps: { "log-sessions": { x: "1" } }, logs: {}, rows: {} };
    assert.deepEqual(plain(core.exportObject(m, run, state, drafts, "t").drafts), drafts);
  });
});

test.describe("CSV", () => {
  test("a cell a spreadsheet would run as a formula gets a leading apostrophe, unless it is a number", () => {
    assert.equal(core.csvCell("=1+1"), "'=1+1");
    assert.equal(core.csvCell("+32 2 000 00 00"), "'+32 2 000 00 00");
    assert.equal(core.csvCell("-cmd"), "'-cmd");
    assert.equal(core.csvCell("@SUM(A1)"), "'@SUM(A1)");
    assert.equal(core.csvCell("\t=1"), "'\t=1");
    assert.equal(core.csvCell("-5"), "-5");
    assert.equal(core.csvCell("-0.5"), "-0.5");
    assert.equal(core.csvCell("+3"), "+3");
    assert.equal(core.csvCell(-2), "-2");
    assert.equal(core.csvCell("a=b"), "a=b");
  });

  test("a cell with ; \" or a line break is quoted, quotes doubled; null and undefined are empty", () => {
    assert.equal(core.csvCell("a;b"), "\"a;b\"");
    assert.equal(core.csvCell("dit \"oui\""), "\"dit \"\"oui\"\"\"");
    assert.equal(core.csvCell("ligne 1\nligne 2"), "\"ligne 1\nligne 2\"");
    assert.equal(core.csvCell("=1;2"), "\"'=1;2\"");
    assert.equal(core.csvCell(null), "");
    assert.equal(core.csvCell(undefined), "");
    assert.equal(core.csvCell(0), "0");
  });

  const csv = core.csvText(m, busyRun({ drill: true }), core.derive(m, busyRun()));
  const lines = csv.slice(1).split("\r\n");

  test("UTF-8 with a BOM, ';' between cells, CRLF lines ending with one", () => {
    assert.equal(csv.charCodeAt(0), 0xFEFF);
    assert.ok(csv.endsWith("\r\n"));
    assert.equal(lines.pop(), "");
    assert.equal(lines.length, 5, "a header and one line per row, voided rows included");
  });

  test("the header is in the run's language, with every column and the reason a row was confirmed", () => {
    assert.equal(lines[0], ["Déroulé", "Exercice", "Procédure", "Version", "Révision", "Registre", "Ligne", "Consignée le",
      "Opérateur", "Statut", "Patient (ID)", "Fraction n°", "Énergie", "Date et heure", "Technologue", "Remarque",
      "Ressaisi par", "Ressaisi par (le)", "Vérifié par", "Vérifié par (le)", "Raison de l'annulation", "Annulée le",
      "Annulée par", "Ressaisie complète", "Ajoutée malgré l'alerte : raison"].join(";"));
    const english = core.csvText(core.context(demoModel(), Rex.words.en), busyRun(), core.derive(m, busyRun()));
    assert.ok(english.startsWith("\uFEFFRun;Drill;Procedure;Version;Revision;Log;Row;Recorded at;Operator;Status;"));
    assert.ok(english.split("\r\n")[0].endsWith(";Ressaisi par;Ressaisi par (at);Vérifié par;Vérifié par (at);" +
      "Void reason;Voided at;Voided by;Reconciled;Added despite the alert: reason"), "the procedure's own labels stay");
  });

  test("each row: the run, the row, its values, its re-entry, its void and its confirmation", () => {
    const cells = lines.map((line) => line.split(";"));
    assert.deepEqual(cells[1].slice(0, 16), ["run-1", "EXERCICE", "runner-demo", "4", "r4-test", "sessions", "1",
      "2025-03-05T08:07:00+01:00", "AB", "valide", "P-001", "3", "6 MV", "2025-03-05T08:30", "AB",
      "\"'=HYPERLINK(\"\"http://x\"\")\""]);
    assert.deepEqual(cells[1].slice(-5), ["", "", "", "non", ""]);
    assert.deepEqual(cells[2].slice(16, 20), ["CD", "2025-03-05T08:09:00+01:00", "EF", "2025-03-05T08:09:00+01:00"]);
    assert.equal(cells[2].slice(-2)[0], "oui");
    assert.match(lines[3], /;annulée;/);
    assert.ok(lines[3].endsWith(";\"mauvais patient; ressaisi\";2025-03-05T08:11:00+01:00;AB;non;"));
    assert.ok(lines[4].endsWith(";non;séance du mardi reportée"));
  });

  test("a run that is not a drill leaves the drill cell empty", () => {
    const plainCsv = core.csvText(m, busyRun(), core.derive(m, busyRun()));
    assert.ok(plainCsv.split("\r\n")[1].startsWith("run-1;;runner-demo;"));
  });
});

test.describe("isPrefix", () => {
  test("tells whether a stored run's events all begin the other", () => {
    const events = plain(busyRun().events);
    assert.ok(core.isPrefix(events.slice(0, 3), events));
    assert.ok(core.isPrefix(events, events));
    assert.ok(!core.isPrefix(events, events.slice(0, 3)));
    const changed = plain(events.slice(0, 3));
    changed[2].at = "autre";
    assert.ok(!core.isPrefix(changed, events));
  });
});

test.describe("checking an imported file", () => {
  const good = () => plain(core.exportObject(m, busyRun(), core.derive(m, busyRun()), null, "2025-03-06T09:00:00+01:00"));
  const check = (value) => plain(core.checkRun(typeof value === "string" ? value : JSON.stringify(value), W));
  const withEvent = (index, change) => {
    const file = good();
    change(file.events[index], file);
    return file;
  };

  test("a good export is accepted, event for event, and replays to the same state", () => {
    const result = check(good());
    assert.equal(result.error, undefined);
    assert.deepEqual(result.run.events, plain(busyRun().events));
    assert.equal(result.run.runId, "run-1");
    assert.equal(result.run.exportedEvents, busyRun().events.length);
    assert.deepEqual(plain(core.derive(m, result.run)), plain(core.derive(m, busyRun())));
    assert.deepEqual(result.drafts, { steps: {}, logs: {}, rows: {} });
  });

  test("the accepted copy holds only the format's keys", () => {
    const file = good();
    file.events[1].sneaky = "<img src=x onerror=alert(1)>";
    file.events[1].values.station = "<b>Console</b>";
    file.extra = { deep: [[[1]]] };
    file.runId = "run-1<script>";
    const { run } = check(file);
    assert.deepEqual(Object.keys(run).sort(), ["archivedAt", "drill", "events", "exportedAt", "exportedEvents", "format",
      "formatVersion", "handbook", "language", "procedure", "revision", "runId", "startedAt", "title", "unit", "version"]);
    assert.equal(run.events[1].sneaky, undefined);
    assert.equal(run.events[1].values.station, "<b>Console</b>", "values are kept as text (the view escapes them)");
    assert.equal(run.runId, "run-1script", "the id goes into storage keys: letters, digits and dashes only");
    assert.equal(run.archivedAt, null);
    assert.equal(run.summary, undefined);
  });

  test("drafts are kept when clean; an odd one is dropped without refusing the run", () => {
    const file = good();
    file.drafts = { steps: { identify: { station: "Console 2" }, bad: { x: { nested: 1 } }, constructor: { a: "b" } },
      logs: "not an object", rows: { "sessions/1": { reentered_by: "CD" } } };
    const result = check(file);
    assert.deepEqual(result.drafts, { steps: { identify: { station: "Console 2" } }, logs: {},
      rows: { "sessions/1": { reentered_by: "CD" } } });
  });

  test("malformed JSON is refused, saying it is not a Rex run", () => {
    const result = check("{\"format\": \"rex-run\", ");
    assert.match(result.error, /^Fichier refusé : ce n'est pas un déroulé Rex exporté \(.+\)\.$/);
  });

  test("JSON that is not a run is refused", () => {
    const expected = "Fichier refusé : ce n'est pas un déroulé Rex exporté (rex-run).";
    assert.equal(check({ hello: "world" }).error, expected);
    assert.equal(check([1, 2]).error, expected);
    assert.equal(check("null").error, expected);
    assert.equal(check(Object.assign(good(), { format: "other" })).error, expected);
    assert.equal(check(Object.assign(good(), { events: [] })).error, expected);
    assert.equal(check(Object.assign(good(), { events: "many" })).error, expected);
  });

  test("the first event must be the start", () => {
    const file = good();
    file.events = file.events.slice(1).map((event, index) => Object.assign(event, { seq: index + 1 }));
    assert.equal(check(file).error,
      "Fichier refusé : événement n° 1, « type » : le premier événement doit être « start ». Rien n'a été importé.");
  });

  test("a second start is refused", () => {
    assert.equal(check(withEvent(2, (event) => Object.assign(event, { type: "start", operator: "ZZ" }))).error,
      "Fichier refusé : événement n° 3, « type » : type d'événement inconnu « start ». Rien n'a été importé.");
  });

  test("a gap in seq is refused, naming the first event out of place", () => {
    const file = good();
    file.events.splice(2, 1);
    assert.equal(check(file).error, "Fichier refusé : événement n° 3, « seq » : numéro 3 attendu. Rien n'a été importé.");
    assert.equal(check(withEvent(0, (event) => { event.seq = "1"; })).error,
      "Fichier refusé : événement n° 1, « seq » : numéro 1 attendu. Rien n'a été importé.");
  });

  test("`values` as a string is refused, naming the event and the field", () => {
    assert.equal(check(withEvent(1, (event) => { event.values = "station=Console 1"; })).error,
      "Fichier refusé : événement n° 2, « values » : objet attendu. Rien n'a été importé.");
    assert.equal(check(withEvent(7, (event) => { event.values = ["P-001", 3]; })).error,
      "Fichier refusé : événement n° 8, « values » : objet attendu. Rien n'a été importé.");
  });

  test("`mismatches` as a number is refused, naming the event and the field", () => {
    assert.equal(check(withEvent(3, (event) => { event.mismatches = 1; })).error,
      "Fichier refusé : événement n° 4, « mismatches » : liste attendue. Rien n'a été importé.");
    assert.equal(check(withEvent(4, (event) => { event.mismatches[0].field = 7; })).error,
      "Fichier refusé : événement n° 5, « mismatches[0].field » : texte attendu. Rien n'a été importé.");
  });

  test("wrong types in other fields are each named", () => {
    const cases = [
      [(event) => { event.type = "explode"; }, 2, "« type » : type d'événement inconnu « explode »"],
      [(event) => { delete event.at; }, 2, "« at » : texte attendu"],
      [(event) => { event.step = 3; }, 2, "« step » : texte attendu"],
      [(event) => { event.values.station = { x: 1 }; }, 2,
        "« values.station » : valeur simple attendue (texte, nombre, oui/non)"],
      [(event) => { event.values.ratio = 1e400; }, 2, "« values.ratio » : valeur simple attendue (texte, nombre, oui/non)"]
    ];
    for (const [change, seq, text] of cases) {
      // 1e400 cannot be written by JSON.stringify: the file is written by hand here.
      const file = withEvent(seq - 1, change);
      const json = JSON.stringify(file).replace("\"ratio\":null", "\"ratio\":1e400");
      assert.equal(check(json).error, "Fichier refusé : événement n° " + seq + ", " + text + ". Rien n'a été importé.");
    }
    assert.equal(check(withEvent(7, (event) => { event.row = 1.5; })).error,
      "Fichier refusé : événement n° 8, « row » : nombre entier attendu. Rien n'a été importé.");
    assert.equal(check(withEvent(0, (event) => { event.drill = "yes"; })).error,
      "Fichier refusé : événement n° 1, « drill » : oui/non attendu. Rien n'a été importé.");
    const rowAdd = busyRun().events.findIndex((event) => event.confirmed);
    assert.equal(check(withEvent(rowAdd, (event) => { event.confirmed.refusals = "on-hold"; })).error,
      "Fichier refusé : événement n° " + (rowAdd + 1) + ", « confirmed.refusals » : liste attendue. Rien n'a été importé.");
    assert.equal(check(Object.assign(good(), { runId: 42 })).error,
      "Fichier refusé : « runId » : texte attendu. Rien n'a été importé.");
    assert.equal(check(Object.assign(good(), { version: 0 })).error,
      "Fichier refusé : « version » : nombre entier attendu. Rien n'a été importé.");
  });

  test("__proto__, constructor and prototype keys are refused, and no prototype is polluted", () => {
    const proto = (where) => {
      const json = JSON.stringify(good());
      return where(json);
    };
    const inValues = proto((json) => json.replace("\"values\":{\"station\"", "\"values\":{\"__proto__\":{\"polluted\":\"yes\"},\"station\""));
    assert.equal(check(inValues).error,
      "Fichier refusé : événement n° 2, « values » : clé interdite « __proto__ ». Rien n'a été importé.");
    const inEvent = proto((json) => json.replace("{\"seq\":2,", "{\"seq\":2,\"__proto__\":{\"polluted\":\"yes\"},"));
    assert.equal(check(inEvent).error,
      "Fichier refusé : événement n° 2, « __proto__ » : clé interdite « __proto__ ». Rien n'a été importé.");
    const inConfirmed = proto((json) => json.replace("\"confirmed\":{", "\"confirmed\":{\"constructor\":{\"prototype\":{\"polluted\":\"yes\"}},"));
    assert.match(check(inConfirmed).error, /« confirmed » : clé interdite « constructor »/);
    const inRefusal = proto((json) => json.replace("{\"kind\":\"on-hold\"", "{\"prototype\":1,\"kind\":\"on-hold\""));
    assert.match(check(inRefusal).error, /« confirmed\.refusals\[0\] » : clé interdite « prototype »/);
    const atTop = core.checkRun(proto((json) => "{\"__proto__\":{\"polluted\":\"yes\"}," + json.slice(1)), W);
    assert.equal(atTop.error, undefined, "an unknown top-level key is simply left out");
    assert.equal(Object.getPrototypeOf(atTop.run), vm.runInContext("Object.prototype", ctx));
    assert.equal(atTop.run.polluted, undefined);

    assert.equal(vm.runInContext("({}).polluted", ctx), undefined, "the scripts' realm");
    assert.equal(vm.runInContext("Object.prototype.polluted", ctx), undefined);
    assert.equal(({}).polluted, undefined, "this realm");
  });

  test("a step, log, target or type named __proto__ or constructor neither breaks the replay nor pollutes", () => {
    const hostile = [
      [ev.decision("identify", "x", "__proto__")],
      [ev.decision("identify", "x", "constructor")],
      [ev.done("constructor", {})],
      [ev.done("__proto__", {})],
      [ev.done("toString", {})],
      [{ type: "blocked", step: "hasOwnProperty", values: {}, mismatches: [] }],
      [{ type: "row-add", log: "constructor", row: 1, values: {} }],
      [{ type: "row-void", log: "__proto__", row: 1, reason: "x" }],
      [{ type: "row-reconcile", log: "toString", row: 1, values: {} }]
    ];
    for (const events of hostile) {
      const fresh = load();
      const model = fresh.Rex.core.context(demoModel(), fresh.Rex.words.fr);
      const result = fresh.Rex.core.checkRun(JSON.stringify(makeRun([ev.start()].concat(events))), fresh.Rex.words.fr);
      const label = JSON.stringify(events[0]);
      if (result.error) continue; // refusing it is fine too
      let state;
      assert.doesNotThrow(() => { state = fresh.Rex.core.derive(model, result.run); }, label);
      assert.notEqual(state.cursor, "__proto__", label);
      assert.notEqual(state.cursor, "constructor", label);
      assert.equal(vm.runInContext("({}).state", fresh.ctx), undefined, label);
      assert.equal(vm.runInContext("({}).entries", fresh.ctx), undefined, label);
      assert.equal(vm.runInContext("typeof Object.values", fresh.ctx), "function", label);
      assert.equal(fresh.Rex.core.pendingCount(model, state), 0, label);
    }
  });

  test("a 30 MB file is refused by its size before it is read", () => {
    const huge = "{" + "x".repeat(30 * 1024 * 1024);  // not even JSON: the size alone refuses it
    const started = Date.now();
    assert.equal(core.checkRun(huge, W).error,
      "Fichier refusé : 31457281 octets, au-delà de la limite de 4194304 octets. Rien n'a été importé.");
    assert.ok(Date.now() - started < 1000);
  });

  test("more events than the limit are refused before any is checked", () => {
    const file = good();
    const filler = { seq: 0, type: "take-over", at: "t", by: "AB" };
    while (file.events.length <= core.LIMITS.events) file.events.push(Object.assign({}, filler, { seq: file.events.length + 1 }));
    file.events[5] = "not an event";
    assert.equal(check(file).error, "Fichier refusé : « events » : plus de 20000 éléments. Rien n'a été importé.");
  });

  test("a text longer than the limit is refused, naming the event and the field", () => {
    const long = "x".repeat(core.LIMITS.text + 1);
    assert.equal(check(withEvent(4, (event) => { event.reason = long; })).error,
      "Fichier refusé : événement n° 5, « reason » : texte trop long (plus de 10000 caractères). Rien n'a été importé.");
    assert.equal(check(withEvent(1, (event) => { event.values.station = long; })).error,
      "Fichier refusé : événement n° 2, « values.station » : texte trop long (plus de 10000 caractères). Rien n'a été importé.");
    assert.equal(check(withEvent(4, (event) => { event.reason = long.slice(1); })).error, undefined, "the limit itself passes");
  });

  test("too many values in one event are refused", () => {
    const values = {};
    for (let i = 0; i <= core.LIMITS.values; i++) values["f" + i] = i;
    assert.equal(check(withEvent(1, (event) => { event.values = values; })).error,
      "Fichier refusé : événement n° 2, « values » : plus de 200 éléments. Rien n'a été importé.");
  });

  test("deep nesting is refused without a crash", () => {
    let deep = "1";
    for (let i = 0; i < 100000; i++) deep = "{\"a\":" + deep + "}";
    const inValues = JSON.stringify(good()).replace("\"values\":{\"station\":\"Console 1\"", "\"values\":{\"station\":" + deep);
    assert.equal(check(inValues).error,
      "Fichier refusé : événement n° 2, « values.station » : valeur simple attendue (texte, nombre, oui/non). Rien n'a été importé.");
    const inMismatch = JSON.stringify(good()).replace("\"mismatches\":[{", "\"mismatches\":[{\"deep\":" + deep + ",");
    assert.match(check(inMismatch).error, /^Fichier refusé : événement n° 4, « mismatches\[0\]\.deep » : valeur simple attendue/);
    let array = "";
    for (let i = 0; i < 100000; i++) array += "[";
    assert.doesNotThrow(() => core.checkRun(array + "]".repeat(100000), W));
    assert.match(core.checkRun(array + "]".repeat(100000), W).error, /^Fichier refusé : /);
    const inUnknown = JSON.stringify(good()).replace("{\"seq\":2,", "{\"seq\":2,\"extra\":" + deep + ",");
    const dropped = core.checkRun(inUnknown, W);
    assert.equal(dropped.error, undefined, "an unknown key is not read at all…");
    assert.equal(dropped.run.events[1].extra, undefined, "…and not kept");
    assert.doesNotThrow(() => JSON.stringify(dropped.run));
  });

  test("a run object (not text) is checked the same way", () => {
    assert.equal(core.checkRun(good(), W).error, undefined);
    assert.equal(core.checkRun({ format: "rex-run", events: [{}] }, W).error,
      "Fichier refusé : « runId » : texte attendu. Rien n'a été importé.");
  });

  test("English words for an English run", () => {
    assert.equal(core.checkRun(JSON.stringify(withEvent(1, (event) => { event.values = "x"; })), Rex.words.en).error,
      "File refused: event no. 2, “values”: object expected. Nothing was imported.");
  });
});
