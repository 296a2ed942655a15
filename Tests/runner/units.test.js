/*
 * A run's treatment unit (rex.yml's `units`): recorded by the start event, carried by the export, the CSV and an
 * imported copy, named as the department says it.
 */
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const { load, plain, demoModel, makeRun, ev, session, toLog } = require("./helpers.js");

const { Rex } = load();
const core = Rex.core;
const W = Rex.words.fr;
const UNITS = [{ id: "linac-1", name: "TrueBeam 1" }, { id: "halcyon", name: "Halcyon" }];

function unitModel() { return Object.assign(demoModel(), { units: UNITS, closing: "department" }); }

function unitRun(unit) {
  const events = toLog();
  events[0] = Object.assign(ev.start(), { unit });
  return makeRun(events.concat([ev.row(1, session("P-001", 3))]), { unit });
}

test("the start event records the unit; an older run without one has none", () => {
  assert.equal(core.runUnit(unitRun("halcyon")), "halcyon");
  assert.equal(core.runUnit(makeRun(toLog())), null);
  assert.equal(core.unitName(unitModel(), "halcyon"), "Halcyon");
  assert.equal(core.unitName(unitModel(), "linac-9"), "linac-9", "a unit this handbook does not declare keeps its id");
});

test("the export carries the unit, by id and by name", () => {
  const m = core.context(unitModel(), W);
  const run = unitRun("linac-1");
  const exported = plain(core.exportObject(m, run, core.derive(m, run), null, "2025-03-05T10:00:00+01:00"));
  assert.equal(exported.unit, "linac-1");
  assert.deepEqual(exported.summary.unit, { id: "linac-1", name: "TrueBeam 1" });
  assert.equal(exported.events[0].unit, "linac-1");
});

test("with units declared, the CSV has a unit column after the run and drill cells", () => {
  const m = core.context(unitModel(), W);
  const run = unitRun("halcyon");
  const lines = core.csvText(m, run, core.derive(m, run)).slice(1).split("\r\n");
  assert.ok(lines[0].startsWith("Déroulé;Exercice;Poste;Procédure;"));
  assert.ok(lines[1].startsWith("run-1;;Halcyon;runner-demo;"));
  const plainModel = core.context(demoModel(), W);
  assert.ok(core.csvText(plainModel, run, core.derive(plainModel, run)).startsWith("\uFEFFDéroulé;Exercice;Procédure;"),
    "no unit column when the handbook declares no units");
});

test("an imported run keeps its unit; a unit that is not text is refused, named", () => {
  const checked = core.checkRun(JSON.stringify(unitRun("halcyon")), W);
  assert.equal(checked.run.unit, "halcyon");
  assert.equal(checked.run.events[0].unit, "halcyon");
  const bad = unitRun("halcyon");
  bad.events[0].unit = 7;
  assert.equal(core.checkRun(JSON.stringify(bad), W).error,
    "Fichier refusé : événement n° 1, « unit » : texte attendu. Rien n'a été importé.");
});
