/*
 * board-core.js and board-exchange.js: the reconciliation board's record replayed into the department's view —
 * units accounted for, every row of every run, one hold list, one counter per patient across units and days,
 * the closing gate — and what each imported file means (refused, nothing new, superseding, set apart, flagged).
 */
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const { load, plain, demoModel, makeRun, ev, session, toLog, stamp } = require("./helpers.js");

const { Rex } = load();
const core = Rex.core;
const board = Rex.board;
const W = Rex.words.fr;
const BW = Rex.boardWords.fr;
const UNITS = [{ id: "linac-1", name: "TrueBeam 1" }, { id: "linac-2", name: "TrueBeam 2" }, { id: "halcyon", name: "Halcyon" }];

function boardModel() {
  const procedure = Object.assign(demoModel(), { units: UNITS, closing: "department" });
  return { handbook: "rex-tests", handbookName: "Manuel de test", language: "fr", units: UNITS, procedures: [procedure] };
}
const bm = board.context(boardModel(), W, BW);

/** A unit's run: the steps up to the log, then `rows` (events after toLog). */
function unitRun(runId, unit, rows, extra) {
  const events = toLog();
  events[0] = Object.assign(ev.start(), { unit });
  return makeRun(events.concat(rows), Object.assign({ runId, unit }, extra || {}));
}
const RUN_A = () => unitRun("run-a", "linac-1", [ev.row(1, session("P-001", 3)),
  ev.row(2, session("P-002", 12, { delivered_at: "2025-03-05T08:50" })), ev.reconcile(2),
  ev.row(3, session("P-003", 5)), ev.void(3, "mauvais patient")]);
const RUN_B = () => unitRun("run-b", "linac-2", [ev.row(1, session("P-002", 12, { delivered_at: "2025-03-05T10:00" })),
  ev.row(2, session("P-004", 1, { delivered_at: "2025-03-05T10:20" }))]);

/** The board's record: events get seq, at and by (ZZ) unless given. */
function makeBoard(events, extra) {
  return Object.assign({ format: "rex-board", formatVersion: 1, boardId: "board-1", handbook: "rex-tests", drill: false,
    events: events.map((event, index) => Object.assign({ seq: index + 1, at: stamp(30 + index), by: "ZZ" }, event)) }, extra || {});
}
const open = (drill) => ({ type: "open", operator: "ZZ", procedure: "runner-demo", drill: !!drill });
const imported = (run, file) => ({ type: "import", file: file || run.runId + ".json", run });

function overviewOf(events) {
  const state = board.derive(bm, makeBoard(events));
  return { state, overview: board.overview(bm, state) };
}

test("units: imported when a counted run names them, not affected when marked, missing otherwise", () => {
  const { overview } = overviewOf([open(), imported(RUN_A()), imported(RUN_B()),
    { type: "unit-not-affected", unit: "halcyon", initials: "KL", reason: "en maintenance depuis la veille" }]);
  assert.deepEqual(plain(overview.units.map((unit) => [unit.id, unit.status])),
    [["linac-1", "imported"], ["linac-2", "imported"], ["halcyon", "not-affected"]]);
  assert.deepEqual(plain(overview.units[0].counts), { written: 3, voided: 1, reconciled: 1, pending: 1 });
  assert.equal(overview.units[2].notAffected.reason, "en maintenance depuis la veille");
  const without = overviewOf([open(), imported(RUN_A())]).overview;
  assert.deepEqual(plain(without.units.map((unit) => unit.status)), ["imported", "missing", "missing"]);
});

test("every row of every run, keyed RUN/LOG/N, with its unit; one hold list for the department", () => {
  const { overview } = overviewOf([open(), imported(RUN_A()), imported(RUN_B())]);
  assert.deepEqual(plain(overview.rows.map((row) => row.key)),
    ["run-a/sessions/1", "run-a/sessions/2", "run-a/sessions/3", "run-b/sessions/1", "run-b/sessions/2"]);
  assert.deepEqual(plain(overview.pending.map((row) => row.key)), ["run-a/sessions/1", "run-b/sessions/1", "run-b/sessions/2"]);
  assert.deepEqual(plain(overview.hold.map((entry) => [entry.patient, entry.rows.map((row) => row.run.unitName)])),
    [["P-001", ["TrueBeam 1"]], ["P-002", ["TrueBeam 2"]], ["P-004", ["TrueBeam 2"]]]);
  assert.deepEqual(plain(overview.groups.map((group) => [group.patient, group.rows.map((row) => row.key)])),
    [["P-001", ["run-a/sessions/1"]], ["P-002", ["run-a/sessions/2", "run-b/sessions/1"]],
      ["P-003", ["run-a/sessions/3"]], ["P-004", ["run-b/sessions/2"]]]);
});

test("one counter per patient across units: P-002's fraction 12 on TrueBeam 2 duplicates TrueBeam 1's", () => {
  const { overview } = overviewOf([open(), imported(RUN_A()), imported(RUN_B())]);
  assert.equal(overview.counters.length, 1);
  const issue = overview.counters[0];
  assert.equal(issue.kind, "counter-duplicate");
  assert.equal(issue.row.key, "run-b/sessions/1");
  assert.equal(issue.earlier.key, "run-a/sessions/2");
  assert.equal(issue.expected, 13);
  const fixed = unitRun("run-b", "linac-2", [ev.row(1, session("P-002", 13, { delivered_at: "2025-03-05T10:00" }))]);
  assert.deepEqual(plain(overviewOf([open(), imported(RUN_A()), imported(fixed)]).overview.counters), []);
  const nextDay = unitRun("run-c", "halcyon", [ev.row(1, session("P-001", 5, { delivered_at: "2025-03-06T08:30" }))]);
  const gap = overviewOf([open(), imported(RUN_A()), imported(nextDay)]).overview.counters;
  assert.deepEqual(plain(gap.map((found) => [found.kind, found.row.key, found.expected])), [["counter-gap", "run-c/sessions/1", 4]]);
});

test("closing is refused naming the missing units and the patients of pending rows; allowed once all is done", () => {
  const { overview, state } = overviewOf([open(), imported(RUN_A()), imported(RUN_B())]);
  assert.deepEqual(plain(board.closingProblems(bm, state, overview)), [
    "Postes sans déroulé importé ni « non concerné » : Halcyon.",
    "3 ligne(s) pas encore ressaisie(s) et vérifiée(s) :",
    "• Patient P-001 : TrueBeam 1, ligne 1 (Fraction n° 3, 05/03/2025 08:30)",
    "• Patient P-002 : TrueBeam 2, ligne 1 (Fraction n° 12, 05/03/2025 10:00)",
    "• Patient P-004 : TrueBeam 2, ligne 2 (Fraction n° 1, 05/03/2025 10:20)"]);
  const reconcile = (run, row) => ({ type: "row-reconcile", run, log: "sessions", row, values: { reentered_by: "MN", verified_by: "OP" } });
  const done = overviewOf([open(), imported(RUN_A()), imported(RUN_B()),
    { type: "unit-not-affected", unit: "halcyon", initials: "KL", reason: "à l'arrêt" },
    reconcile("run-a", 1), reconcile("run-b", 1), reconcile("run-b", 2)]);
  assert.deepEqual(plain(board.closingProblems(bm, done.state, done.overview)), []);
  assert.equal(done.overview.hold.length, 0);
  const nothing = overviewOf([open()]);
  assert.deepEqual(plain(board.closingProblems(bm, nothing.state, nothing.overview)),
    ["Postes sans déroulé importé ni « non concerné » : TrueBeam 1, TrueBeam 2, Halcyon."]);
});

test("a row reconciled partly at the unit and partly on the board is reconciled; distinct_from holds across both", () => {
  const half = unitRun("run-h", "halcyon", [ev.row(1, session("P-009", 2)),
    { type: "row-reconcile", log: "sessions", row: 1, values: { reentered_by: "CD" } }]);
  const { overview } = overviewOf([open(), imported(half),
    { type: "row-reconcile", run: "run-h", log: "sessions", row: 1, values: { verified_by: "EF" } }]);
  const row = overview.rows[0];
  assert.equal(row.reconciled, true);
  assert.equal(row.reconcile.reentered_by.where, "run");
  assert.equal(row.reconcile.verified_by.where, "board");
  const m = bm.procedures["runner-demo"];
  const same = core.readReconcile(m, m.logs.sessions, { reentered_by: "CD" }, (column) => ({ raw: { verified_by: "cd" }[column.id] }));
  assert.deepEqual(plain(same.errors), ["« Vérifié par » (CD) doit être différent de « Ressaisi par » (CD)."]);
  assert.equal(core.readReconcile(m, m.logs.sessions, {}, () => ({ raw: "" })).nothing, true);
});

test("a later export supersedes the earlier import: no duplicate rows, the board's re-entries stay", () => {
  const later = RUN_B();
  later.events.push(Object.assign(ev.row(3, session("P-005", 7, { delivered_at: "2025-03-05T11:00" })),
    { seq: later.events.length + 1, at: stamp(40), by: "AB" }));
  const { overview, state } = overviewOf([open(), imported(RUN_B(), "b-1.json"),
    { type: "row-reconcile", run: "run-b", log: "sessions", row: 2, values: { reentered_by: "MN", verified_by: "OP" } },
    imported(later, "b-2.json")]);
  assert.deepEqual(plain(overview.rows.map((row) => row.key)), ["run-b/sessions/1", "run-b/sessions/2", "run-b/sessions/3"]);
  assert.equal(overview.rows[1].reconciled, true);
  assert.equal(state.runs["run-b"].file, "b-2.json");
  assert.equal(state.runs["run-b"].imports, 2);
});

test("each imported file: refused, nothing new, superseding, flagged or set apart — with a message naming it", () => {
  const state = board.derive(bm, makeBoard([open(), imported(RUN_A())]));
  const check = (run, name) => board.checkImport(bm, state, typeof run === "string" ? run : JSON.stringify(run), name || "x.json");
  assert.equal(check("{ nope", "usb.json").error.startsWith("« usb.json » : Fichier refusé : ce n'est pas un déroulé Rex exporté"), true);
  assert.equal(check(Object.assign(RUN_B(), { handbook: "autre" })).error,
    "« x.json » : refusé : déroulé d'un autre manuel (« autre » ; ce site : « rex-tests »). Rien n'a changé.");
  assert.equal(check(Object.assign(RUN_B(), { procedure: "aria-restore" })).error,
    "« x.json » : refusé : déroulé de « aria-restore », cet arrêt suit « runner-demo ». Rien n'a changé.");
  assert.equal(check(RUN_A()).known, "« x.json » : déjà importé (11 événement(s)) : rien n'a changé.");
  const shorter = RUN_A();
  shorter.events = shorter.events.slice(0, 7);
  assert.ok(check(shorter).known, "an earlier export of a run already here changes nothing");
  const diverging = RUN_A();
  diverging.events[6].values.patient = "P-999";
  assert.equal(check(diverging).error, "« x.json » : refusé : ce déroulé (même identifiant) diverge de la copie déjà " +
    "importée à l'événement n° 7. Rien n'a changé. Importez le dernier export du poste.");
  const longer = RUN_A();
  longer.events.push(Object.assign(ev.void(1, "doublon"), { seq: 12, at: stamp(12), by: "AB" }));
  const superseding = check(longer, "a-2.json");
  assert.equal(superseding.message, "« a-2.json » : importé : TrueBeam 1, 12 événement(s), 3 ligne(s). remplace l'import " +
    "précédent du même déroulé (11 → 12 événement(s)), sans doublon de lignes.");
  assert.equal(superseding.event.run.events.length, 12);
  assert.ok(check(Object.assign(RUN_B(), { drill: true }, { events: RUN_B().events.map((e, i) => i ? e : Object.assign({}, e, { drill: true })) }))
    .message.includes("EXERCICE mis à part : il n'est jamais compté pour clore un arrêt réel."));
  assert.ok(check(Object.assign(RUN_B(), { revision: "r3-old", version: 3 })).message.includes(
    "ATTENTION : déroulé commencé sur la version 3 (révision r3-old) ; ce site a la version 4 (révision r4-test)."));
  const noUnit = makeRun(toLog(), { runId: "run-n" });
  assert.ok(check(noUnit).message.includes("n'indique pas son poste"));
  const closed = board.derive(bm, makeBoard([open(), { type: "close" }]));
  assert.equal(board.checkImport(bm, closed, JSON.stringify(RUN_B()), "b.json").error,
    "« b.json » : refusé : l'arrêt est clos, plus rien n'est importé.");
});

test("a drill is kept apart from a real outage: no unit, row or hold counts from it", () => {
  const drillRun = unitRun("run-d", "halcyon", [ev.row(1, session("P-010", 1))], { drill: true });
  const { overview } = overviewOf([open(), imported(RUN_A()), imported(drillRun)]);
  assert.deepEqual(plain(overview.apart.map((info) => info.id)), ["run-d"]);
  assert.equal(overview.units[2].status, "missing");
  assert.ok(!overview.rows.some((row) => row.run.id === "run-d"));
  const drillBoard = overviewOf([open(true), imported(RUN_A()), imported(drillRun)]).overview;
  assert.deepEqual(plain(drillBoard.apart.map((info) => info.id)), ["run-a"], "on a drill board, a real run is set apart");
});

test("the export holds the whole record and a summary: units, pending rows, hold list, counters, overrides, voids", () => {
  const withOverride = RUN_A();
  withOverride.events.splice(3, 1, { seq: 4, at: stamp(3), by: "AB", type: "override", step: "fs-point",
    values: { fs_backup_at: "2025-03-04T22:10" }, mismatches: [], reason: "accord Varian" });
  const record = makeBoard([open(), imported(withOverride), imported(RUN_B())]);
  const state = board.derive(bm, record);
  const exported = plain(board.exportObject(bm, record, state, "2025-03-05T12:00:00+01:00"));
  assert.equal(exported.events[1].run.events.length, 11, "every imported run travels in the export");
  assert.equal(exported.status, "open");
  const summary = exported.summary;
  assert.deepEqual(plain(summary.units.map((unit) => unit.status)), ["imported", "imported", "missing"]);
  assert.deepEqual(plain(summary.pending.map((row) => `${row.unit}/${row.row}/${row.patient}`)),
    ["linac-1/1/P-001", "linac-2/1/P-002", "linac-2/2/P-004"]);
  assert.deepEqual(plain(summary.holdList.map((entry) => entry.patient)), ["P-001", "P-002", "P-004"]);
  assert.deepEqual(plain(summary.counterIssues.map((issue) => [issue.kind, issue.value, issue.expected])), [["counter-duplicate", 12, 13]]);
  assert.deepEqual(plain(summary.overrides.map((note) => [note.unit, note.step, note.reason])), [["linac-1", "fs-point", "accord Varian"]]);
  assert.deepEqual(plain(summary.voids.map((note) => [note.unit, note.row, note.reason])), [["linac-1", 3, "mauvais patient"]]);
  assert.deepEqual(plain(summary.runs.map((info) => [info.runId, info.unit, info.apart])), [["run-a", "linac-1", false], ["run-b", "linac-2", false]]);
});

test("a counter discrepancy names both rows, both units and the expected value", () => {
  const { overview } = overviewOf([open(), imported(RUN_A()), imported(RUN_B())]);
  assert.equal(board.counterText(bm, overview.m, overview.counters[0]),
    "P-002 : « Fraction n° » = 12 sur TrueBeam 2 (ligne 1, 05/03/2025 10:00) ; TrueBeam 1 (ligne 2) a déjà 12 : doublon, " +
    "compteur pas à jour ? Attendu : 13.");
});
