/*
 * runner-checks.js: what a typed value means, must_match with and without a tolerance, and every gate that
 * stops a step from being completed. Messages are pinned as the operator reads them (the French wording table, through the words script the build writes).
 */
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const { load, plain, demoModel, makeRun, ev, session, toLog, typed } = require("./helpers.js");

const { Rex } = load();
const core = Rex.core;
const W = Rex.words.fr;
const m = core.context(demoModel(), W);
const f = m.fields;
const read = (fieldModel, raw, badInput) => plain(core.readField(m, fieldModel, raw, badInput));
const stateOf = (events, model) => core.derive(model || m, makeRun(events));

test.describe("reading a typed value", () => {
  test("required: an empty or blank value is refused; an optional one gives null", () => {
    assert.deepEqual(read(f.station, ""), { error: "« Poste » est obligatoire." });
    assert.deepEqual(read(f.station, "   "), { error: "« Poste » est obligatoire." });
    assert.deepEqual(read(f.station, undefined), { error: "« Poste » est obligatoire." });
    assert.deepEqual(read(f.remark, ""), { value: null });
    assert.deepEqual(read(f.station, "  Console 1 "), { value: "Console 1" });
  });

  test("number: a number (decimal comma too) within min and max", () => {
    assert.deepEqual(read(f.patients_today, "12"), { value: 12 });
    assert.deepEqual(read(f.patients_today, "1"), { value: 1 }, "min itself");
    assert.deepEqual(read(f.patients_today, "200"), { value: 200 }, "max itself");
    assert.deepEqual(read(f.mu_planned, "12,5"), { value: 12.5 });
    assert.deepEqual(read(f.patients_today, "douze"), { error: "« Patients du jour » doit être un nombre." });
    assert.deepEqual(read(f.patients_today, "Infinity"), { error: "« Patients du jour » doit être un nombre." });
    assert.deepEqual(read(f.patients_today, "0"), { error: "« Patients du jour » doit être au moins 1 (saisi : 0)." });
    assert.deepEqual(read(f.patients_today, "201"), { error: "« Patients du jour » doit être au plus 200 (saisi : 201)." });
    assert.deepEqual(read(f.patients_today, "-3"), { error: "« Patients du jour » doit être au moins 1 (saisi : -3)." });
  });

  test("number: what the browser could not parse (badInput) is refused, even though the input reads empty", () => {
    assert.deepEqual(read(f.patients_today, "", true), { error: "« Patients du jour » doit être un nombre." });
    assert.deepEqual(read(f.mu_planned, "", true), { error: "« UM planifiées » doit être un nombre." }, "optional too");
  });

  test("date: a real calendar date, written year-month-day", () => {
    assert.deepEqual(read(f.printed_on, "2025-03-05"), { value: "2025-03-05" });
    assert.deepEqual(read(f.printed_on, "2024-02-29"), { value: "2024-02-29" }, "a leap day");
    for (const bad of ["2025-02-29", "2025-02-30", "2025-13-01", "05/03/2025", "2025-3-5", "hier"]) {
      assert.deepEqual(read(f.printed_on, bad), { error: "« Imprimé le » : date attendue." }, bad);
    }
  });

  test("time: hours 00–23 and minutes; seconds are dropped", () => {
    assert.deepEqual(read(f.printed_at, "07:45"), { value: "07:45" });
    assert.deepEqual(read(f.printed_at, "23:59:30"), { value: "23:59" });
    for (const bad of ["24:00", "7:45", "07:60", "0745", "midi"]) {
      assert.deepEqual(read(f.printed_at, bad), { error: "« Imprimé à » : heure attendue." }, bad);
    }
  });

  test("datetime: a real date, a T, a valid time; seconds are dropped", () => {
    assert.deepEqual(read(f.db_backup_at, "2025-03-04T22:00"), { value: "2025-03-04T22:00" });
    assert.deepEqual(read(f.db_backup_at, "2025-03-04T22:00:59.5"), { value: "2025-03-04T22:00" });
    for (const bad of ["2025-03-04 22:00", "2025-02-30T10:00", "2025-03-04T25:00", "2025-03-04", "22:00"]) {
      assert.deepEqual(read(f.db_backup_at, bad), { error: "« Sauvegarde base de données » : date et heure attendues." }, bad);
    }
  });

  test("initials: 2 to 4 letters, accents allowed, kept in capitals", () => {
    assert.deepEqual(read(f.ict_by, "gh"), { value: "GH" });
    assert.deepEqual(read(f.ict_by, "Zoé"), { value: "ZOÉ" });
    for (const bad of ["G", "GHIJK", "G1", "G.H", "G H"]) {
      assert.deepEqual(read(f.ict_by, bad), { error: "« Agent ICT » : initiales de 2 à 4 lettres." }, bad);
    }
  });

  test("choice: one of the options, exactly", () => {
    assert.deepEqual(read(f.linac, " Linac 2 "), { value: "Linac 2" });
    assert.deepEqual(read(f.linac, "Linac 3"), { error: "« Accélérateur » : choisir parmi Linac 1, Linac 2." });
    assert.deepEqual(read(f.linac, "linac 1"), { error: "« Accélérateur » : choisir parmi Linac 1, Linac 2." });
  });

  test("checkbox: a required box must be ticked; an optional one reads yes or no", () => {
    assert.deepEqual(read(f.printed, false), { error: "« Planning imprimé » doit être coché." });
    assert.deepEqual(read(f.printed, true), { value: true });
    assert.deepEqual(read(Object.assign({}, f.printed, { required: false }), false), { value: false });
  });

  test("same: how recorded values compare (numbers, capitals, seconds of a date-time)", () => {
    assert.ok(core.same(3, "3"));
    assert.ok(core.same("3.0", 3));
    assert.ok(core.same("ab", "AB"));
    assert.ok(core.same("2025-03-04T22:00", "2025-03-04T22:00:00"));
    assert.ok(!core.same("2025-03-04T22:00", "2025-03-04T22:01"));
    assert.ok(!core.same("AB", "CD"));
  });
});

test.describe("distinct_from", () => {
  test("against a value already recorded in an earlier step", () => {
    const state = stateOf(toLog());
    const found = plain(core.readFields(m, m.steps["fs-point"].fields,
      typed({ fs_backup_at: "2025-03-04T22:00", ict_check: "gh" }), state.values));
    assert.deepEqual(found.errors, ["« Contrôlé par » (GH) doit être différent de « Agent ICT » (GH)."]);
    const other = core.readFields(m, m.steps["fs-point"].fields,
      typed({ fs_backup_at: "2025-03-04T22:00", ict_check: "KL" }), state.values);
    assert.equal(other.errors.length, 0);
  });

  test("between two columns typed together (a row's re-entry and verification)", () => {
    const log = m.logs.sessions;
    const same = plain(core.readFields(m, log.reconcile, typed({ reentered_by: "cd", verified_by: "CD" }), {}, log.reconcile));
    assert.deepEqual(same.errors, ["« Vérifié par » (CD) doit être différent de « Ressaisi par » (CD)."]);
    const fine = plain(core.readFields(m, log.reconcile, typed({ reentered_by: "CD", verified_by: "EF" }), {}, log.reconcile));
    assert.deepEqual(fine, { values: { reentered_by: "CD", verified_by: "EF" }, errors: [] });
  });

  test("against a value recorded earlier for the same row", () => {
    const log = m.logs.sessions;
    const found = plain(core.readFields(m, [log.reconcile[1]], typed({ verified_by: "CD" }), { reentered_by: "CD" }, log.reconcile));
    assert.deepEqual(found.errors, ["« Vérifié par » (CD) doit être différent de « Ressaisi par » (CD)."]);
  });
});

test.describe("gates: what stops a step", () => {
  const problems = (stepID, raws, second, events) => {
    const state = stateOf(events || toLog());
    return plain(core.stepProblems(m, state, m.steps[stepID], { rawOf: typed(raws), second }));
  };
  const identify = { station: "Console 1", patients_today: "12", linac: "Linac 1", printed: true,
    printed_on: "2025-03-05", printed_at: "07:45" };

  test("a step typed right has no problem and gives its values (an empty optional field left out)", () => {
    assert.deepEqual(problems("identify", identify), {
      values: { station: "Console 1", patients_today: 12, linac: "Linac 1", printed: true, printed_on: "2025-03-05",
        printed_at: "07:45" },
      second: null, problems: []
    });
  });

  test("every problem of a step is listed at once, in field order", () => {
    assert.deepEqual(problems("identify", { patients_today: "500", linac: "Linac 9", printed: false,
      printed_on: "2025-02-30", printed_at: "25:00" }).problems, [
      "« Poste » est obligatoire.",
      "« Patients du jour » doit être au plus 200 (saisi : 500).",
      "« Accélérateur » : choisir parmi Linac 1, Linac 2.",
      "« Planning imprimé » doit être coché.",
      "« Imprimé le » : date attendue.",
      "« Imprimé à » : heure attendue."
    ]);
  });

  test("double check: the second person's initials are required", () => {
    const expected = ["Double contrôle : initiales de la deuxième personne (2 à 4 lettres) obligatoires."];
    assert.deepEqual(problems("second-check", { plan_ok: true }, "").problems, expected);
    assert.deepEqual(problems("second-check", { plan_ok: true }, null).problems, expected);
    assert.deepEqual(problems("second-check", { plan_ok: true }, "C").problems, expected);
  });

  test("double check: the same person as the operator is refused, whatever the case", () => {
    assert.deepEqual(problems("second-check", { plan_ok: true }, " ab ").problems,
      ["Double contrôle refusé : la deuxième personne (AB) doit être différente de celle qui fait l'étape (AB)."]);
  });

  test("double check: another person passes, in capitals", () => {
    const found = problems("second-check", { plan_ok: true }, "cd");
    assert.deepEqual(found.problems, []);
    assert.equal(found.second, "CD");
  });

  test("double check after a change of operator: the new operator cannot be the second person", () => {
    const events = toLog().concat([{ type: "operator", by: "CD", from: "AB", to: "CD" }]);
    assert.equal(problems("second-check", { plan_ok: true }, "CD", events).problems.length, 1);
    assert.deepEqual(problems("second-check", { plan_ok: true }, "AB", events).problems, []);
  });

  test("requires_reconciled: the closing step lists every pending row and names the patients on hold", () => {
    const events = toLog().concat([
      ev.row(1, session("P-001", 3, { delivered_at: "2025-03-05T08:30" })),
      ev.row(2, session("P-002", 1, { by: "JD", comment: "=dose" })),
      ev.row(3, session("p-001 ", 4, { delivered_at: "2025-03-05T09:30" })),
      ev.row(4, session("P-003", 8)), ev.reconcile(4),
      ev.row(5, session("P-004", 2)), ev.void(5)
    ]);
    assert.deepEqual(problems("close", {}, "CD", events).problems, [
      "Impossible de clore : 3 ligne(s) du registre « Séances délivrées pendant l'arrêt » pas encore ressaisie(s) et vérifiée(s) :",
      "• ligne 1 — Patient (ID) : P-001 · Fraction n° : 3 · Énergie : 6 MV · Date et heure : 05/03/2025 08:30 · " +
        "Technologue : AB · Remarque : (non consigné) — consignée le 05/03/2025 08:06 par AB",
      "• ligne 2 — Patient (ID) : P-002 · Fraction n° : 1 · Énergie : 6 MV · Date et heure : 05/03/2025 08:30 · " +
        "Technologue : JD · Remarque : =dose — consignée le 05/03/2025 08:07 par AB",
      "• ligne 3 — Patient (ID) : p-001  · Fraction n° : 4 · Énergie : 6 MV · Date et heure : 05/03/2025 09:30 · " +
        "Technologue : AB · Remarque : (non consigné) — consignée le 05/03/2025 08:08 par AB",
      "Patients en attente : P-001, P-002."
    ]);
  });

  test("requires_reconciled: it opens once every live row is re-entered and verified", () => {
    const events = toLog().concat([ev.row(1, session("P-001", 3)), ev.row(2, session("P-002", 1)), ev.reconcile(1)]);
    assert.equal(problems("close", {}, "CD", events).problems.length, 3);
    assert.deepEqual(problems("close", {}, "CD", events.concat([ev.reconcile(2)])).problems, []);
    assert.deepEqual(problems("close", {}, "CD", events.concat([ev.void(2)])).problems, [], "or voided");
  });

  test("requires_reconciled and double check are both said", () => {
    const events = toLog().concat([ev.row(1, session("P-001", 3))]);
    const found = problems("close", {}, "AB", events).problems;
    assert.equal(found[0], "Double contrôle refusé : la deuxième personne (AB) doit être différente de celle qui fait l'étape (AB).");
    assert.match(found[1], /^Impossible de clore : 1 ligne\(s\)/);
    assert.equal(found[found.length - 1], "Patients en attente : P-001.");
  });

  test("a log's closing refusal names only the patients held in that log", () => {
    const two = core.context(demoModel({ secondLog: true }), W);
    const state = stateOf(toLog().concat([ev.row(1, session("P-001", 3)),
      { type: "row-add", log: "imaging", row: 1, values: { who: "P-777", kind: "CBCT" } }]), two);
    assert.deepEqual(plain(core.closingProblems(two, state, "sessions")).slice(-1), ["Patients en attente : P-001."]);
    assert.deepEqual(plain(core.closingProblems(two, state, "imaging")).slice(-1), ["Patients en attente : P-777."]);
  });
});

test.describe("must_match", () => {
  const mismatches = (stepID, values, known) => plain(core.mismatches(m, { values: known || {} }, m.steps[stepID], values));
  const text = (list) => core.mismatchText(m, list);
  const db = { db_backup_at: "2025-03-04T22:00" };

  test("without tolerance: equal values pass (seconds or not)", () => {
    assert.deepEqual(mismatches("fs-point", { fs_backup_at: "2025-03-04T22:00" }, db), []);
    assert.deepEqual(mismatches("fs-point", { fs_backup_at: "2025-03-04T22:00:00" }, db), []);
  });

  test("without tolerance: one minute apart blocks, and the message shows both values", () => {
    const found = mismatches("fs-point", { fs_backup_at: "2025-03-04T22:01" }, db);
    assert.deepEqual(found, [{ field: "fs_backup_at", value: "2025-03-04T22:01", mustMatch: "db_backup_at",
      expected: "2025-03-04T22:00" }]);
    assert.equal(text(found), "Valeurs différentes : « Sauvegarde serveur de fichiers » = 04/03/2025 22:01, " +
      "mais « Sauvegarde base de données » = 04/03/2025 22:00.");
  });

  test("a value to match that was never recorded blocks, and says so", () => {
    const found = mismatches("fs-point", { fs_backup_at: "2025-03-04T22:00" }, {});
    assert.equal(found[0].expected, null);
    assert.equal(text(found), "Valeurs différentes : « Sauvegarde serveur de fichiers » = 04/03/2025 22:00, " +
      "mais « Sauvegarde base de données » = (non consigné).");
  });

  test("a field left empty is not compared", () => {
    assert.deepEqual(mismatches("compare", {}, db), []);
  });

  test("datetime within 5 min: inside passes, the bound itself passes, across midnight too", () => {
    assert.deepEqual(mismatches("compare", { restore_at: "2025-03-04T22:04" }, db), []);
    assert.deepEqual(mismatches("compare", { restore_at: "2025-03-04T21:55" }, db), []);
    assert.deepEqual(mismatches("compare", { restore_at: "2025-03-05T00:02" }, { db_backup_at: "2025-03-04T23:58" }), []);
  });

  test("datetime beyond 5 min blocks, stating the difference and the tolerance", () => {
    const found = mismatches("compare", { restore_at: "2025-03-04T22:06" }, db);
    assert.deepEqual(found, [{ field: "restore_at", value: "2025-03-04T22:06", mustMatch: "db_backup_at",
      expected: "2025-03-04T22:00", difference: 360, tolerance: "5 min" }]);
    assert.equal(text(found), "Valeurs différentes : « Point de restauration » = 04/03/2025 22:06, mais " +
      "« Sauvegarde base de données » = 04/03/2025 22:00 : écart de 6 min, au-delà de la tolérance de 5 min.");
    const days = mismatches("compare", { restore_at: "2025-03-06T00:30" }, db);
    assert.match(text(days), /: écart de 1 d 2 h 30 min, au-delà de la tolérance de 5 min\.$/);
  });

  test("time within 2 min passes; beyond it blocks with the difference and the tolerance", () => {
    assert.deepEqual(mismatches("compare", { clock_console: "08:00", clock_server: "08:02" }), []);
    assert.deepEqual(mismatches("compare", { clock_console: "08:00", clock_server: "07:59" }), []);
    const found = mismatches("compare", { clock_console: "08:00", clock_server: "08:03" });
    assert.equal(found[0].difference, 180);
    assert.equal(text(found), "Valeurs différentes : « Heure serveur » = 08:03, mais « Heure console » = 08:00 : " +
      "écart de 3 min, au-delà de la tolérance de 2 min.");
  });

  test("time: two clock readings either side of midnight are minutes apart, not a day", () => {
    assert.deepEqual(mismatches("compare", { clock_console: "23:59", clock_server: "00:01" }), []);
    const found = mismatches("compare", { clock_console: "23:58", clock_server: "00:03" });
    assert.match(text(found), /écart de 5 min, au-delà de la tolérance de 2 min\.$/);
  });

  test("number within 0.5 passes; beyond it blocks with the difference and the tolerance", () => {
    assert.deepEqual(mismatches("compare", { mu_planned: 120, mu_measured: 120.5 }), []);
    assert.deepEqual(mismatches("compare", { mu_planned: 120, mu_measured: 119.5 }), []);
    assert.deepEqual(mismatches("compare", { mu_measured: 120.3 }, { mu_planned: 120 }), [], "against an earlier step");
    const found = mismatches("compare", { mu_planned: 120, mu_measured: 120.6 });
    assert.equal(found[0].tolerance, "0.5");
    assert.equal(text(found), "Valeurs différentes : « UM recalculées » = 120.6 UM, mais « UM planifiées » = 120 : " +
      "écart de 0.6, au-delà de la tolérance de 0.5.");
  });

  test("the value typed now in the same step wins over an earlier one", () => {
    assert.deepEqual(mismatches("compare", { mu_planned: 130, mu_measured: 130.2 }, { mu_planned: 120 }), []);
  });

  test("a tolerance without its text is shown as its number", () => {
    const bare = core.context(demoModel(), W);
    delete bare.fields.mu_measured.toleranceText;
    const found = plain(core.mismatches(bare, { values: {} }, bare.steps.compare, { mu_planned: 1, mu_measured: 2 }));
    assert.equal(found[0].tolerance, "0.5");
  });

  test("the difference as people say it", () => {
    assert.equal(core.showDifference("datetime", 45), "45 s");
    assert.equal(core.showDifference("datetime", 300), "5 min");
    assert.equal(core.showDifference("datetime", 330), "5 min 30 s");
    assert.equal(core.showDifference("time", 7500), "2 h 05 min");
    assert.equal(core.showDifference("date", 2 * 86400), "2 d 0 h 00 min");
    assert.equal(core.showDifference("number", 0.1 + 0.2), "0.3");
  });
});
