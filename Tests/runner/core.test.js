/*
 * runner-core.js: a run's events replayed into what the page shows, the hold list and the counter rules.
 */
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const { load, plain, demoModel, makeRun, ev, session, toLog } = require("./helpers.js");

const { Rex } = load();
const core = Rex.core;
const W = Rex.words.fr;
const context = (options) => core.context(demoModel(options), W);
const derive = (events, options) => {
  const m = context(options);
  return { m, state: core.derive(m, makeRun(events)) };
};
const states = (state) => Object.fromEntries(Object.entries(state.steps).map(([id, step]) => [id, step.state]));

test.describe("words and formatting", () => {
  test("say fills every placeholder, and leaves an empty text for a missing one", () => {
    assert.equal(core.say(W.started, "AB"), "Déroulé démarré par AB.");
    assert.equal(core.say("{0}-{1}-{0}", "a", 2), "a-2-a");
    assert.equal(core.say("[{0}|{1}]", null), "[|]");
  });

  test("French and English tables have the same keys, so no message is ever missing in one language", () => {
    const keys = (words) => Object.keys(words).sort();
    assert.deepEqual(keys(Rex.words.en), keys(Rex.words.fr));
    assert.deepEqual(Object.keys(Rex.words.en.expect).sort(), Object.keys(Rex.words.fr.expect).sort());
    assert.equal(Rex.words.en.csv.length, Rex.words.fr.csv.length);
  });

  test("localISO writes local time with its offset, to the second, and reads back as the same instant", () => {
    const date = new Date(Date.UTC(2025, 2, 5, 7, 30, 5, 900));
    const text = core.localISO(date);
    assert.match(text, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2}$/);
    assert.equal(new Date(text).getTime(), Date.UTC(2025, 2, 5, 7, 30, 5));
  });

  test("showStamp shows day/month/year hour:minute as written at the workstation", () => {
    assert.equal(core.showStamp("2025-11-18T10:32:05+01:00"), "18/11/2025 10:32");
    assert.equal(core.showStamp("2025-11-18"), "18/11/2025");
    assert.equal(core.showStamp("n'importe quoi"), "n'importe quoi");
    assert.equal(core.showStamp(null), "");
  });

  test("showValue: not recorded, yes/no, stamps, units", () => {
    const m = context();
    const mu = m.fields.mu_measured;
    assert.equal(core.showValue(m, mu, undefined), "(non consigné)");
    assert.equal(core.showValue(m, mu, ""), "(non consigné)");
    assert.equal(core.showValue(m, mu, 120.5), "120.5 UM");
    assert.equal(core.showValue(m, m.fields.printed, true), "oui");
    assert.equal(core.showValue(m, m.fields.printed, false), "non");
    assert.equal(core.showValue(m, m.fields.db_backup_at, "2025-03-04T22:00"), "04/03/2025 22:00");
    assert.equal(core.showValue(core.context(demoModel(), Rex.words.en), m.fields.printed, true), "yes");
  });

  test("context indexes steps, fields and logs", () => {
    const m = context();
    assert.equal(m.stepIndex["db-point"], 1);
    assert.equal(m.steps.close.requiresReconciled, "sessions");
    assert.equal(m.fields.fs_backup_at.mustMatch, "db_backup_at");
    assert.equal(m.logs.sessions.counter, "fraction");
  });

  test("EVENT_TYPES lists every event the replay knows", () => {
    assert.deepEqual([...core.EVENT_TYPES].sort(), ["blocked", "correction", "decision", "done", "operator", "override",
      "row-add", "row-reconcile", "row-void", "start", "take-over"]);
  });
});

test.describe("replay", () => {
  test("no run: not started, every step pending, no cursor", () => {
    const m = context();
    const state = core.derive(m, null);
    assert.equal(state.status, "not-started");
    assert.equal(state.cursor, null);
    assert.ok(Object.values(states(state)).every((s) => s === "pending"));
    assert.deepEqual(plain(state.rows), { sessions: [] });
  });

  test("start: in progress, the operator named, the first step current", () => {
    const { state } = derive([ev.start("JD")]);
    assert.equal(state.status, "in-progress");
    assert.equal(state.operator, "JD");
    assert.deepEqual(plain(state.operators), [{ initials: "JD", at: "2025-03-05T08:00:00+01:00" }]);
    assert.equal(state.cursor, "identify");
    assert.equal(state.steps.identify.state, "current");
    assert.equal(state.steps["db-point"].state, "pending");
  });

  test("done: the step keeps its values, who and when; the next step becomes current", () => {
    const { state } = derive([ev.start(), ev.done("identify", { station: "Console 1", patients_today: 12 })]);
    const step = state.steps.identify;
    assert.equal(step.state, "done");
    assert.deepEqual(plain(step.values), { station: "Console 1", patients_today: 12 });
    assert.equal(step.doneEvent.by, "AB");
    assert.equal(step.doneEvent.at, "2025-03-05T08:01:00+01:00");
    assert.equal(state.values.patients_today, 12);
    assert.equal(state.cursor, "db-point");
    assert.equal(state.steps["db-point"].state, "current");
  });

  test("a decision records its answer and skips the steps it jumps over", () => {
    const { state } = derive(toLog());
    assert.equal(state.steps.route.state, "done");
    assert.equal(state.steps.route.answer, "Oui, traiter");
    assert.equal(state.steps["prepare-paper"].state, "skipped");
    assert.equal(state.steps["log-sessions"].state, "current");
    assert.equal(state.cursor, "log-sessions");
    assert.equal(state.steps.close.state, "pending");
  });

  test("a decision to the next step skips nothing", () => {
    const events = toLog();
    events[events.length - 1] = ev.decision("route", "Oui, préparer le papier d'abord", "prepare-paper");
    const { state } = derive(events);
    assert.equal(state.steps["prepare-paper"].state, "current");
    assert.equal(state.steps["log-sessions"].state, "pending");
  });

  test("a decision to `end` completes the run: every open step not applicable, done steps stay done", () => {
    const events = toLog();
    events[events.length - 1] = ev.decision("route", "Non, terminer ici", "end");
    const { state } = derive(events);
    assert.equal(state.status, "complete");
    assert.equal(state.cursor, "end");
    assert.equal(state.completedAt, "2025-03-05T08:05:00+01:00");
    assert.deepEqual(states(state), {
      identify: "done", "db-point": "done", "fs-point": "done", compare: "done", route: "done",
      "prepare-paper": "skipped", "log-sessions": "skipped", "second-check": "skipped", close: "skipped"
    });
  });

  test("a loop back starts a new pass: the target is current, later steps pending again, earlier records kept", () => {
    const events = toLog();
    events[events.length - 1] = ev.decision("route", "Non, refaire les relevés", "db-point");
    const { state } = derive(events);
    assert.equal(state.cursor, "db-point");
    assert.equal(state.steps.identify.state, "done");
    assert.equal(state.steps["db-point"].state, "current");
    assert.equal(state.steps["db-point"].values, null);
    assert.equal(state.steps["db-point"].passFrom, 7);
    assert.equal(state.steps["db-point"].entries.length, 1, "the first pass's record stays, as earlier");
    for (const id of ["fs-point", "compare", "route"]) assert.equal(state.steps[id].state, "pending", id);
    assert.equal(state.steps.route.answer, null);

    const again = derive(events.concat([ev.done("db-point", { db_backup_at: "2025-03-04T23:00", ict_by: "GH" })])).state;
    assert.equal(again.steps["db-point"].state, "done");
    assert.equal(again.values.db_backup_at, "2025-03-04T23:00", "the new pass's value is the one that counts");
    assert.equal(again.steps["db-point"].entries.length, 2);
    assert.equal(again.cursor, "fs-point");
  });

  test("correcting a decision re-routes the run: the new target current, the old path pending again", () => {
    const events = toLog().concat([
      ev.done("log-sessions"),
      { type: "correction", step: "route", previous: "Oui, traiter", answer: "Oui, préparer le papier d'abord",
        goto: "prepare-paper", reason: "mauvais bouton" }
    ]);
    const before = derive(events.slice(0, -1)).state;
    assert.equal(before.cursor, "second-check");
    assert.equal(before.steps["prepare-paper"].state, "skipped");

    const { state } = derive(events);
    assert.equal(state.steps.route.state, "done");
    assert.equal(state.steps.route.answer, "Oui, préparer le papier d'abord");
    assert.equal(state.cursor, "prepare-paper");
    assert.equal(state.steps["prepare-paper"].state, "current");
    assert.equal(state.steps["log-sessions"].state, "pending");
    assert.equal(state.steps["second-check"].state, "pending");
    assert.equal(state.steps["log-sessions"].entries.length, 1, "what was done on the old path stays on record");
  });

  test("correcting a decision that ended the run reopens it", () => {
    const events = toLog();
    events[events.length - 1] = ev.decision("route", "Non, terminer ici", "end");
    events.push({ type: "correction", step: "route", previous: "Non, terminer ici", answer: "Oui, traiter",
      goto: "log-sessions", reason: "il reste des patients" });
    const { state } = derive(events);
    assert.equal(state.status, "in-progress");
    assert.equal(state.completedAt, null);
    assert.equal(state.cursor, "log-sessions");
    assert.equal(state.steps["prepare-paper"].state, "skipped");
    assert.equal(state.steps.close.state, "pending");
  });

  test("correcting values keeps the step done and changes the values later checks see", () => {
    const events = toLog().concat([{ type: "correction", step: "db-point", values: { db_backup_at: "2025-03-04T22:05" },
      previous: { db_backup_at: "2025-03-04T22:00" }, reason: "faute de frappe" }]);
    const { state } = derive(events);
    assert.equal(state.steps["db-point"].state, "done");
    assert.deepEqual(plain(state.steps["db-point"].values), { db_backup_at: "2025-03-04T22:05", ict_by: "GH" });
    assert.equal(state.values.db_backup_at, "2025-03-04T22:05");
    assert.equal(state.cursor, "log-sessions");
  });

  test("blocked holds the step with its mismatches; an override completes it and moves on", () => {
    const mismatch = { field: "fs_backup_at", value: "2025-03-04T23:00", mustMatch: "db_backup_at", expected: "2025-03-04T22:00" };
    const events = toLog().slice(0, 3).concat([
      { type: "blocked", step: "fs-point", values: { fs_backup_at: "2025-03-04T23:00" }, mismatches: [mismatch] }
    ]);
    const blocked = derive(events).state;
    assert.equal(blocked.steps["fs-point"].state, "blocked");
    assert.equal(blocked.cursor, "fs-point");
    assert.deepEqual(plain(blocked.steps["fs-point"].mismatches), [mismatch]);

    events.push({ type: "override", step: "fs-point", values: { fs_backup_at: "2025-03-04T23:00" }, mismatches: [mismatch],
      reason: "accord du radiophysicien" });
    const { state } = derive(events);
    assert.equal(state.steps["fs-point"].state, "done");
    assert.equal(state.steps["fs-point"].mismatches, null);
    assert.equal(state.steps["fs-point"].doneEvent.reason, "accord du radiophysicien");
    assert.equal(state.cursor, "compare");
  });

  test("a double check's second initials are kept with the step", () => {
    const events = toLog().concat([ev.done("log-sessions"), ev.done("second-check", { plan_ok: true }, { second: "CD" })]);
    const { state } = derive(events);
    assert.equal(state.steps["second-check"].second, "CD");
    assert.equal(state.cursor, "close");
  });

  test("the closing step's `end` completes the run", () => {
    const events = toLog().concat([ev.done("log-sessions"), ev.done("second-check", { plan_ok: true }, { second: "CD" }),
      ev.done("close", {}, { second: "CD" })]);
    const { state } = derive(events);
    assert.equal(state.status, "complete");
    assert.equal(state.cursor, "end");
    assert.equal(state.completedAt, "2025-03-05T08:08:00+01:00");
    assert.equal(state.steps.close.state, "done");
    assert.equal(state.steps["prepare-paper"].state, "skipped");
  });

  test("operator changes and take-overs are kept in order", () => {
    const { state } = derive([ev.start("AB"), { type: "operator", by: "CD", from: "AB", to: "CD" },
      { type: "take-over", by: "CD", tab: "tab-2" }]);
    assert.equal(state.operator, "CD");
    assert.deepEqual(plain(state.operators).map((o) => o.initials), ["AB", "CD"]);
    assert.equal(state.operators[1].from, "AB");
    assert.equal(state.takeOvers.length, 1);
    assert.equal(state.takeOvers[0].tab, "tab-2");
  });

  test("events naming a step, log or target this version no longer has change nothing and never throw", () => {
    const { state } = derive([ev.start(), ev.done("gone", { x: 1 }), ev.row(1, session("P", 1), { log: "gone" }),
      ev.void(3), { type: "row-reconcile", log: "gone", row: 1, values: {} }, { type: "mystery" }]);
    assert.equal(state.cursor, "identify");
    assert.equal(state.values.x, undefined);
    assert.deepEqual(plain(state.rows), { sessions: [] });
    const lost = derive([ev.start(), ev.decision("identify", "?", "removed-step")]).state;
    assert.equal(lost.cursor, null);
  });
});

test.describe("log rows", () => {
  test("a row is added, stays pending until every required re-entry column is recorded", () => {
    const events = toLog().concat([ev.row(1, session("P-001", 3))]);
    let { m, state } = derive(events);
    const row = state.rows.sessions[0];
    assert.equal(row.row, 1);
    assert.equal(row.by, "AB");
    assert.equal(row.reconciled, false);
    assert.equal(core.pendingCount(m, state), 1);

    ({ m, state } = derive(events.concat([ev.reconcile(1, { reentered_by: "CD" })])));
    assert.equal(state.rows.sessions[0].reconciled, false, "verification still missing");
    assert.equal(state.rows.sessions[0].reconcile.reentered_by.value, "CD");

    ({ m, state } = derive(events.concat([ev.reconcile(1, { reentered_by: "CD" }), ev.reconcile(1, { verified_by: "EF" })])));
    assert.equal(state.rows.sessions[0].reconciled, true);
    assert.equal(core.pendingCount(m, state), 0);
  });

  test("a voided row stays, struck through, with its reason, and is no longer pending", () => {
    const { m, state } = derive(toLog().concat([ev.row(1, session("P-001", 3)), ev.row(2, session("P-002", 1)),
      ev.void(1, "mauvais patient")]));
    assert.equal(state.rows.sessions.length, 2);
    assert.equal(state.rows.sessions[0].voided.reason, "mauvais patient");
    assert.deepEqual(plain(core.pendingRows(state, "sessions").map((row) => row.row)), [2]);
    assert.equal(core.pendingCount(m, state), 1);
  });

  test("rowText lists every column as label : value", () => {
    const { m, state } = derive(toLog().concat([ev.row(1, session("P-001", 3))]));
    assert.equal(core.rowText(m, m.logs.sessions, state.rows.sessions[0]),
      "Patient (ID) : P-001 · Fraction n° : 3 · Énergie : 6 MV · Date et heure : 05/03/2025 08:30 · " +
      "Technologue : AB · Remarque : (non consigné)");
  });
});

test.describe("the patient hold list", () => {
  const hold = (events, options) => {
    const { m, state } = derive(toLog().concat(events), options);
    return plain(core.holdList(m, state).map((entry) => ({ patient: entry.patient, key: entry.key,
      rows: entry.rows.map((held) => ({ log: held.log.id, row: held.row.row, counter: held.counter })) })));
  };

  test("empty with no row", () => {
    assert.deepEqual(hold([]), []);
  });

  test("a live unreconciled row puts its patient on hold, with the row, the counter and the time", () => {
    const { m, state } = derive(toLog().concat([ev.row(1, session("P-001", 3))]));
    const list = core.holdList(m, state);
    assert.equal(list.length, 1);
    assert.equal(list[0].patient, "P-001");
    assert.equal(list[0].rows[0].row.row, 1);
    assert.equal(list[0].rows[0].counter, 3);
    assert.equal(list[0].rows[0].row.at, "2025-03-05T08:06:00+01:00");
  });

  test("one entry per patient: case and surrounding spaces do not make a new patient", () => {
    assert.deepEqual(hold([ev.row(1, session(" p-001 ", 3)), ev.row(2, session("P-002", 1)), ev.row(3, session("P-001", 4))]), [
      { patient: "p-001", key: "p-001", rows: [{ log: "sessions", row: 1, counter: 3 }, { log: "sessions", row: 3, counter: 4 }] },
      { patient: "P-002", key: "p-002", rows: [{ log: "sessions", row: 2, counter: 1 }] }
    ]);
  });

  test("a voided row does not hold its patient; the patient's other live row still does", () => {
    assert.deepEqual(hold([ev.row(1, session("P-001", 3)), ev.void(1)]), []);
    assert.deepEqual(hold([ev.row(1, session("P-001", 3)), ev.row(2, session("P-001", 4)), ev.void(1)]),
      [{ patient: "P-001", key: "p-001", rows: [{ log: "sessions", row: 2, counter: 4 }] }]);
  });

  test("clears only once the row is re-entered AND verified", () => {
    assert.equal(hold([ev.row(1, session("P-001", 3)), ev.reconcile(1, { reentered_by: "CD" })]).length, 1);
    assert.deepEqual(hold([ev.row(1, session("P-001", 3)), ev.reconcile(1)]), []);
  });

  test("a row with no patient written holds nobody", () => {
    assert.deepEqual(hold([ev.row(1, session("   ", 3))]), []);
  });

  test("patients are gathered across logs that have a patient column", () => {
    assert.deepEqual(hold([ev.row(1, session("P-001", 3)),
      { type: "row-add", log: "imaging", row: 1, values: { who: "p-001 ", kind: "CBCT" } },
      { type: "row-add", log: "imaging", row: 2, values: { who: "P-009", kind: "kV" } }], { secondLog: true }), [
      { patient: "P-001", key: "p-001", rows: [{ log: "sessions", row: 1, counter: 3 }, { log: "imaging", row: 1 }] },
      { patient: "P-009", key: "p-009", rows: [{ log: "imaging", row: 2 }] }
    ]);
  });

  test("patientKey ignores case and surrounding spaces", () => {
    assert.equal(core.patientKey("  Dupont-42 "), "dupont-42");
    assert.equal(core.patientKey(undefined), "");
    assert.equal(core.patientKey(1234), "1234");
  });
});

test.describe("a new row: patient on hold, fraction counter", () => {
  const refusals = (events, values, options) => {
    const { m, state } = derive(toLog().concat(events), options);
    return plain(core.rowRefusals(m, state, m.logs.sessions, values));
  };

  test("a new patient, or the next fraction of a released patient, goes in", () => {
    assert.deepEqual(refusals([], session("P-001", 7)), [], "a patient's first row: any counter");
    assert.deepEqual(refusals([ev.row(1, session("P-001", 3)), ev.reconcile(1)], session("P-001", 4)), []);
    assert.deepEqual(refusals([ev.row(1, session("P-001", 3))], session("P-002", 3)), [], "another patient");
  });

  test("a patient on hold is refused, naming the pending row, its fraction and time", () => {
    // Recorded at 08:30, the session's own date-time 08:30 too: the time named is the same either way.
    const row = ev.row(1, session("P-001", 3), { at: "2025-03-05T08:30:00+01:00" });
    assert.deepEqual(refusals([row], session("P-001", 4)), [{
      kind: "on-hold", row: 1,
      text: "Patient « P-001 » EN ATTENTE : la ligne 1 (Fraction n° 3, 05/03/2025 08:30) n'est pas encore ressaisie " +
        "et vérifiée. Ne pas le traiter avant."
    }]);
  });

  test("the pending row is named by its session's date-time when it has one, else by when it was recorded", {
    skip: !core.rowTime && "core.rowTime not in this version of runner-core.js"
  }, () => {
    const late = ev.row(1, session("P-001", 3, { delivered_at: "2025-03-04T17:45" }));
    assert.match(refusals([late], session("P-001", 4))[0].text, /\(Fraction n° 3, 04\/03\/2025 17:45\)/);
    const untimed = ev.row(1, { patient: "P-001", fraction: 3, energy: "6 MV", by: "AB" });
    assert.match(refusals([untimed], session("P-001", 4))[0].text, /\(Fraction n° 3, 05\/03\/2025 08:06\)/);
  });

  test("a patient on hold is recognised whatever the case and surrounding spaces", () => {
    const found = refusals([ev.row(1, session("P-001", 3))], session("  p-001  ", 4));
    assert.equal(found.length, 1);
    assert.equal(found[0].kind, "on-hold");
    assert.match(found[0].text, /^Patient « p-001 » EN ATTENTE : la ligne 1 /);
  });

  test("half a reconciliation still holds the patient", () => {
    const found = refusals([ev.row(1, session("P-001", 3)), ev.reconcile(1, { reentered_by: "CD" })], session("P-001", 4));
    assert.deepEqual(found.map((refusal) => refusal.kind), ["on-hold"]);
  });

  test("a duplicate fraction (the stale counter) is refused naming the earlier row and the expected value", () => {
    assert.deepEqual(refusals([ev.row(1, session("P-001", 3)), ev.reconcile(1)], session("P-001", 3)), [{
      kind: "counter-duplicate", row: 1, expected: 4, value: 3,
      text: "« Fraction n° » = 3 pour « P-001 » : la ligne 1 a déjà 3 (doublon : compteur pas à jour ?). Attendu : 4."
    }]);
  });

  test("a duplicate of an older fraction names the row that has it", () => {
    const found = refusals([ev.row(1, session("P-001", 3)), ev.row(2, session("P-001", 4)), ev.reconcile(1), ev.reconcile(2)],
      session("P-001", 3));
    assert.equal(found.length, 1);
    assert.equal(found[0].kind, "counter-duplicate");
    assert.equal(found[0].row, 1);
    assert.equal(found[0].expected, 5);
  });

  test("a gap is refused naming the previous row", () => {
    assert.deepEqual(refusals([ev.row(1, session("P-001", 3)), ev.reconcile(1)], session("P-001", 5)), [{
      kind: "counter-gap", row: 1, expected: 4, value: 5,
      text: "« Fraction n° » = 5 pour « P-001 » : la ligne 1 a 3, la suivante doit avoir 4 (écart)."
    }]);
  });

  test("on hold and a stale counter at once: both are said", () => {
    assert.deepEqual(refusals([ev.row(1, session("P-001", 3))], session("P-001", 3)).map((r) => [r.kind, r.row]),
      [["on-hold", 1], ["counter-duplicate", 1]]);
  });

  test("a voided row does not count: neither as a hold nor as the previous fraction", () => {
    const events = [ev.row(1, session("P-001", 3)), ev.reconcile(1), ev.row(2, session("P-001", 4)), ev.void(2, "doublon")];
    assert.deepEqual(refusals(events, session("P-001", 4)), [], "4 follows the live 3");
    assert.deepEqual(refusals(events, session("P-001", 5)).map((r) => [r.kind, r.row, r.expected]), [["counter-gap", 1, 4]]);
  });

  test("a voided duplicate is not named as the duplicate", () => {
    const events = [ev.row(1, session("P-001", 3)), ev.void(1), ev.row(2, session("P-001", 2)), ev.reconcile(2)];
    assert.deepEqual(refusals(events, session("P-001", 3)), []);
  });

  test("a live row with no fraction written does not hide a duplicate of the row before it", () => {
    const events = [ev.row(1, session("P-001", 3)), ev.reconcile(1),
      ev.row(2, { patient: "P-001", energy: "6 MV", delivered_at: "2025-03-05T09:00", by: "AB" }), ev.reconcile(2)];
    assert.deepEqual(refusals(events, session("P-001", 3), { optionalCounter: true }).map((r) => [r.kind, r.row]),
      [["counter-duplicate", 1]]);
    assert.deepEqual(refusals(events, session("P-001", 4), { optionalCounter: true }), []);
  });

  test("a row with no patient, or a log with no patient column, is never refused", () => {
    assert.deepEqual(refusals([ev.row(1, session("P-001", 3))], session("", 3)), []);
    const m = context({ secondLog: true });
    const state = core.derive(m, makeRun([ev.start()]));
    const plainLog = { id: "plain", title: "Sans patient", columns: [], reconcile: [] };
    assert.deepEqual(plain(core.rowRefusals(m, state, plainLog, { x: 1 })), []);
  });
});
