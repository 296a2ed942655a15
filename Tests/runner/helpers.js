/*
 * Shared by the runner's unit tests (`node --test Tests/runner/`): loads the pure runner scripts the way the
 * page does (classic scripts sharing one global `Rex`), a procedure model shaped like RunnerModel.swift's JSON
 * (modelled on Tests/fixtures/runner-handbook/procedures/runner-demo.yml, plus tolerances), and run builders.
 * Not a test file itself: its name matches none of node --test's patterns.
 */
"use strict";
const fs = require("node:fs");
const path = require("node:path");
const vm = require("node:vm");
const os = require("node:os");
const { execFileSync } = require("node:child_process");

const REPO = path.join(__dirname, "..", "..");
const TEMPLATES = path.join(REPO, "templates");
const PURE = ["runner-core.js", "runner-checks.js", "runner-exchange.js", "board-core.js", "board-exchange.js"];

/**
 * The runner's words come from rex's wording tables (the one source), as the build writes them: the words
 * scripts of a site built once per test process by the rex binary ($REX, default .build/debug/rex).
 */
let wordScripts = null;
function words() {
  if (wordScripts) return wordScripts;
  const rex = process.env.REX || path.join(REPO, ".build", "debug", "rex");
  const out = fs.mkdtempSync(path.join(os.tmpdir(), "rex-words-"));
  execFileSync(rex, ["build-site", "--root", path.join(REPO, "Tests", "fixtures", "runner-handbook"), "--out", path.join(out, "site")],
    { stdio: "pipe" });
  wordScripts = ["fr", "nl", "en"].map((language) => path.join(out, "site", "assets", "words-" + language + ".js"));
  return wordScripts;
}

/** A fresh realm with the words (every language) and the pure scripts (runner, then board), in the pages' order: { Rex, ctx }. */
function load() {
  const ctx = vm.createContext({});
  for (const file of words().concat(PURE.map((name) => path.join(TEMPLATES, name)))) {
    vm.runInContext(fs.readFileSync(file, "utf8"), ctx, { filename: file });
  }
  return { Rex: ctx.Rex, ctx };
}

/** Objects made in the scripts' realm have its prototypes: a plain copy compares with deepStrictEqual. */
function plain(value) {
  return value === undefined ? undefined : JSON.parse(JSON.stringify(value));
}

function field(id, label, type, extra) {
  return Object.assign({ id, label, type, required: true }, extra || {});
}

/**
 * The model the Swift side would embed for runner-demo (optional keys absent, as JSONEncoder omits nils),
 * with a step of tolerances. `options.secondLog` adds a second patient log; `options.optionalCounter`
 * makes the fraction counter optional.
 */
function demoModel(options) {
  options = options || {};
  const model = {
    handbook: "rex-tests", procedure: "runner-demo", title: "Déroulé de test — restauration et registre",
    version: 4, revision: "r4-test", language: "fr",
    steps: [
      { id: "identify", number: "1", title: "Identifier le poste", role: "rtt", next: "db-point", choices: [],
        fields: [
          field("station", "Poste", "text"),
          field("patients_today", "Patients du jour", "number", { min: 1, max: 200 }),
          field("linac", "Accélérateur", "choice", { options: ["Linac 1", "Linac 2"] }),
          field("printed", "Planning imprimé", "checkbox"),
          field("remark", "Remarque", "text", { required: false }),
          field("printed_on", "Imprimé le", "date"),
          field("printed_at", "Imprimé à", "time")
        ], doubleCheck: false },
      { id: "db-point", number: "2", title: "Relever la sauvegarde BD", role: "ict", next: "fs-point", choices: [],
        fields: [
          field("db_backup_at", "Sauvegarde base de données", "datetime"),
          field("ict_by", "Agent ICT", "initials")
        ], doubleCheck: false },
      { id: "fs-point", number: "3", title: "Relever la sauvegarde fichiers", role: "ict", next: "compare", choices: [],
        fields: [
          field("fs_backup_at", "Sauvegarde serveur de fichiers", "datetime", { mustMatch: "db_backup_at" }),
          field("ict_check", "Contrôlé par", "initials", { required: false, distinctFrom: "ict_by" })
        ], doubleCheck: false },
      { id: "compare", number: "4", title: "Comparer dans la tolérance", role: "physicist", next: "route", choices: [],
        fields: [
          field("restore_at", "Point de restauration", "datetime",
            { required: false, mustMatch: "db_backup_at", tolerance: 300, toleranceText: "5 min" }),
          field("mu_planned", "UM planifiées", "number", { required: false }),
          field("mu_measured", "UM recalculées", "number",
            { required: false, mustMatch: "mu_planned", tolerance: 0.5, toleranceText: "0.5", unit: "UM" }),
          field("clock_console", "Heure console", "time", { required: false }),
          field("clock_server", "Heure serveur", "time",
            { required: false, mustMatch: "clock_console", tolerance: 120, toleranceText: "2 min" })
        ], doubleCheck: false },
      { id: "route", number: "5", title: "Faut-il traiter en mode arrêt ?", role: "physicist",
        choices: [
          { answer: "Oui, traiter", goto: "log-sessions" },
          { answer: "Oui, préparer le papier d'abord", goto: "prepare-paper" },
          { answer: "Non, refaire les relevés", goto: "db-point" },
          { answer: "Non, terminer ici", goto: "end" }
        ], fields: [], doubleCheck: false },
      { id: "prepare-paper", number: "6", title: "Préparer le papier", role: "rtt", next: "log-sessions", choices: [],
        fields: [], doubleCheck: false },
      { id: "log-sessions", number: "7", title: "Consigner chaque séance", role: "rtt", next: "second-check",
        choices: [], fields: [], log: "sessions", doubleCheck: false },
      { id: "second-check", number: "8", title: "Contrôler à deux", role: "physicist", next: "close", choices: [],
        fields: [field("plan_ok", "Plan conforme", "checkbox")], doubleCheck: true },
      { id: "close", number: "9", title: "Vérifier chaque séance", role: "physicist", next: "end", choices: [],
        fields: [], doubleCheck: true, requiresReconciled: "sessions" }
    ],
    logs: [
      { id: "sessions", title: "Séances délivrées pendant l'arrêt", patient: "patient", counter: "fraction",
        columns: [
          field("patient", "Patient (ID)", "patient"),
          field("fraction", "Fraction n°", "number",
            { min: 1, max: 40, counter: true, required: !options.optionalCounter }),
          field("energy", "Énergie", "choice", { options: ["6 MV", "10 MV", "18 MV"] }),
          field("delivered_at", "Date et heure", "datetime"),
          field("by", "Technologue", "initials"),
          field("comment", "Remarque", "text", { required: false })
        ],
        reconcile: [
          field("reentered_by", "Ressaisi par", "initials"),
          field("verified_by", "Vérifié par", "initials", { distinctFrom: "reentered_by" })
        ] }
    ]
  };
  if (options.secondLog) {
    model.logs.push({ id: "imaging", title: "Imagerie hors R&V", patient: "who",
      columns: [field("who", "Patient", "patient"), field("kind", "Type", "text")],
      reconcile: [field("imported_by", "Importé par", "initials")] });
  }
  return model;
}

/** "2025-03-05T08:MM:00+01:00": the event's time, one minute per event. */
function stamp(index) {
  return "2025-03-05T08:" + String(index).padStart(2, "0") + ":00+01:00";
}

/** A stored run whose events get seq, at and by (AB) unless given. */
function makeRun(events, extra) {
  return Object.assign({
    format: "rex-run", formatVersion: 1, runId: "run-1", handbook: "rex-tests", procedure: "runner-demo",
    title: "Déroulé de test — restauration et registre", version: 4, revision: "r4-test", language: "fr",
    drill: false, startedAt: stamp(0), exportedAt: null, exportedEvents: 0, archivedAt: null,
    events: events.map((event, index) => Object.assign({ seq: index + 1, at: stamp(index), by: "AB" }, event))
  }, extra || {});
}

/** Event builders, in the shapes the controller commits. */
const ev = {
  start: (operator) => ({ type: "start", by: operator || "AB", operator: operator || "AB", drill: false }),
  done: (step, values, more) => Object.assign({ type: "done", step, values: values || {} }, more || {}),
  decision: (step, answer, target) => ({ type: "decision", step, answer, goto: target }),
  row: (row, values, more) => Object.assign({ type: "row-add", log: "sessions", row, values }, more || {}),
  void: (row, reason) => ({ type: "row-void", log: "sessions", row, reason: reason || "erreur de saisie" }),
  reconcile: (row, values) => ({ type: "row-reconcile", log: "sessions", row,
    values: values || { reentered_by: "CD", verified_by: "EF" } })
};

/** A session row's values. */
function session(patient, fraction, more) {
  return Object.assign({ patient, fraction, energy: "6 MV", delivered_at: "2025-03-05T08:30", by: "AB" }, more || {});
}

/** The events up to the log step: identify, db-point, fs-point, compare, route → log-sessions. */
function toLog() {
  return [
    ev.start(),
    ev.done("identify", { station: "Console 1", patients_today: 12, linac: "Linac 1", printed: true,
      printed_on: "2025-03-05", printed_at: "07:45" }),
    ev.done("db-point", { db_backup_at: "2025-03-04T22:00", ict_by: "GH" }),
    ev.done("fs-point", { fs_backup_at: "2025-03-04T22:00" }),
    ev.done("compare", {}),
    ev.decision("route", "Oui, traiter", "log-sessions")
  ];
}

/** `rawOf` for readFields/stepProblems from a map of typed texts: { id: raw } or { id: { raw, badInput } }. */
function typed(raws) {
  return (fieldModel) => {
    const value = raws[fieldModel.id];
    return value !== null && typeof value === "object" ? value : { raw: value };
  };
}

module.exports = { load, plain, demoModel, makeRun, ev, session, toLog, stamp, typed };
