/*
 * Rex step runner: progressive enhancement of a procedure page.
 *
 * Without this script the page is a complete, printable procedure. With it, the page records a
 * run: who did each step and when, the values entered, every decision, override, correction and
 * double check, and the rows of the downtime logs with their reconciliation.
 *
 * A run is an append-only list of events. Everything on screen is derived by replaying them, so a
 * reload, a browser crash or an import on another workstation resumes exactly where the run was.
 * Nothing recorded is ever erased: a correction, an override or a voided row is one more event.
 *
 * Storage: one localStorage key per run, "rex:<handbook>:<procedure>:run:<runId>", and no shared
 * index key. A page writes only the key of the run it shows; a page load that sees no run writes
 * nothing until the operator starts one, and a new run always gets a new id whose key is checked
 * to be free. Chromium over file:// sometimes shows an empty storage on a reload: nothing is
 * overwritten then, and the page looks again (every few seconds and before starting a run).
 *
 * Hooks: DESIGN.md, "Test contract". All text is inserted with textContent, never as HTML.
 */
(function () {
  "use strict";

  var FORMAT = "rex-run";
  var FORMAT_VERSION = 1;

  var modelNode = document.getElementById("rex-run-model");
  var main = document.querySelector("main[data-procedure]");
  var panel = document.querySelector("[data-runner]");
  if (!modelNode || !main || !panel) return;
  var model;
  try {
    model = JSON.parse(modelNode.textContent);
  } catch (error) {
    return;
  }

  /* ------------------------------------------------------------------ words */

  var WORDS = {
    fr: {
      status: { "not-started": "non démarré", "in-progress": "en cours", complete: "terminé" },
      state: { pending: "À faire", current: "ÉTAPE EN COURS", done: "Fait", skipped: "Non applicable", blocked: "BLOQUÉ" },
      storageFailed: "ATTENTION : ce déroulé N'EST PAS enregistré (stockage du navigateur indisponible ou plein). " +
        "Continuez sur la check-list papier et consignez-y chaque action.",
      operatorInvalid: "Initiales de l'opérateur : 2 à 4 lettres.",
      startFirst: "Démarrez d'abord le déroulé : initiales de l'opérateur, puis « Démarrer ».",
      started: "Déroulé démarré par {0}.",
      startedDrill: "EXERCICE démarré par {0}.",
      resumed: "Déroulé repris : démarré le {0} par {1}.",
      found: "Un déroulé enregistré a été retrouvé et repris (démarré le {0} par {1}).",
      missing: "Le déroulé que cet onglet montrait n'est pas visible pour l'instant. Rechargez la page (F5) : il réapparaît " +
        "en général au chargement suivant. Ne démarrez un nouveau déroulé que s'il ne revient pas.",
      missingStart: "Un déroulé en cours n'est pas visible (voir ci-dessus) : rechargez d'abord la page. Cliquez encore " +
        "sur « Démarrer » pour commencer quand même un nouveau déroulé ; l'ancien reste enregistré.",
      others: "{0} autre(s) déroulé(s) non archivé(s) de cette procédure sont enregistrés sur ce poste : voir la liste.",
      otherRevision: "Attention : ce déroulé a été commencé sur la version {0} (révision {1}) ; cette page est la version {2} (révision {3}).",
      operatorChanged: "Opérateur : {0} → {1}.",
      operatorSame: "{0} est déjà l'opérateur.",
      runClosed: "Le déroulé est terminé : il ne peut plus être modifié.",
      notCurrent: "Ce n'est pas l'étape en cours : suivez l'ordre de la procédure.",
      required: "« {0} » est obligatoire.",
      number: "« {0} » doit être un nombre.",
      min: "« {0} » doit être au moins {1} (saisi : {2}).",
      max: "« {0} » doit être au plus {1} (saisi : {2}).",
      date: "« {0} » : date attendue.",
      time: "« {0} » : heure attendue.",
      datetime: "« {0} » : date et heure attendues.",
      initials: "« {0} » : initiales de 2 à 4 lettres.",
      choice: "« {0} » : choisir parmi {1}.",
      checkbox: "« {0} » doit être coché.",
      distinct: "« {0} » ({1}) doit être différent de « {2} » ({3}).",
      secondMissing: "Double contrôle : initiales de la deuxième personne (2 à 4 lettres) obligatoires.",
      secondSame: "Double contrôle refusé : la deuxième personne ({0}) doit être différente de celle qui fait l'étape ({1}).",
      pendingRows: "Impossible de clore : {0} ligne(s) du registre « {1} » pas encore ressaisie(s) et vérifiée(s) :",
      pendingRow: "ligne {0} — {1} — consignée le {2} par {3}",
      mismatch: "Valeurs différentes : « {0} » = {1}, mais « {2} » = {3}.",
      blockedHelp: "Étape bloquée : corrigez la valeur, ou passez outre avec une raison écrite.",
      notRecorded: "(non consigné)",
      overrideReason: "Écrivez la raison du passage outre.",
      notBlocked: "Cette étape n'est pas bloquée.",
      correctionReason: "Écrivez la raison de la correction.",
      correctionSame: "C'est déjà la réponse enregistrée.",
      correctionNothing: "Aucune valeur n'a changé.",
      corrected: "Correction enregistrée.",
      rowAdded: "Ligne {0} ajoutée au registre.",
      voidReason: "Écrivez la raison de l'annulation de la ligne {0}.",
      rowVoided: "Ligne {0} annulée : elle reste visible, barrée.",
      reconcileNothing: "Ligne {0} : saisissez les initiales de ressaisie et de vérification.",
      rowReconciled: "Ligne {0} : ressaisie enregistrée.",
      rowPrefix: "Ligne {0} : ",
      conflict: "Ce déroulé a été modifié dans un autre onglet : la page montre maintenant son dernier état. Votre dernière action n'a PAS été enregistrée : refaites-la.",
      exported: "Déroulé exporté : {0}.",
      archiveNeedsExport: "Exportez d'abord le déroulé (JSON) : un déroulé n'est archivé qu'après l'export de son dernier état.",
      archived: "Déroulé archivé. Un nouveau déroulé peut être démarré.",
      importBad: "Fichier refusé : ce n'est pas un déroulé Rex exporté ({0}).",
      importOther: "Fichier refusé : déroulé de « {0} » ({1}), cette page est « {2} » ({3}).",
      imported: "Déroulé importé : {0} événement(s).",
      importedKnown: "Ce déroulé est déjà enregistré ici avec autant ou plus d'événements : rien n'a été remplacé.",
      endReached: "Fin de la procédure : déroulé terminé.",
      done: "Fait le {0} par {1}",
      second: "vérifié par {0}",
      blocked: "Bloqué le {0} ({1}) : {2}",
      override: "PASSÉ OUTRE le {0} par {1} — raison : {2}",
      decision: "Réponse « {0} » le {1} par {2}",
      correction: "CORRECTION le {0} par {1} — raison : {2}",
      correctionAnswer: "réponse « {0} » remplacée par « {1} »",
      earlier: "(passage précédent) ",
      skippedEntry: "Non applicable : étape sautée.",
      yes: "oui", no: "non",
      summary: "Déroulé {0} — démarré le {1} par {2} — opérateur : {3} — statut : {4}",
      drill: "EXERCICE",
      drillTitle: "[EXERCICE] ",
      rowMeta: "{0} · {1}",
      voidedInfo: "ANNULÉE le {0} par {1} : {2}",
      reconcileButton: "Valider la ressaisie",
      voidButton: "Annuler la ligne",
      voidPlaceholder: "Raison de l'annulation",
      runOption: "{0} · {1} · {2}",
      csv: ["Déroulé", "Exercice", "Procédure", "Version", "Révision", "Registre", "Ligne", "Consignée le",
        "Opérateur", "Statut", "Raison de l'annulation", "Annulée le", "Annulée par", "Ressaisie complète"],
      csvLive: "valide", csvVoid: "annulée", csvAt: "{0} (le)"
    },
    en: {
      status: { "not-started": "not started", "in-progress": "in progress", complete: "complete" },
      state: { pending: "To do", current: "CURRENT STEP", done: "Done", skipped: "Not applicable", blocked: "BLOCKED" },
      storageFailed: "WARNING: this run is NOT being saved (browser storage unavailable or full). " +
        "Continue on the paper checklist and record every action there.",
      operatorInvalid: "Operator initials: 2 to 4 letters.",
      startFirst: "Start the run first: operator initials, then “Start”.",
      started: "Run started by {0}.",
      startedDrill: "DRILL started by {0}.",
      resumed: "Run resumed: started {0} by {1}.",
      found: "A stored run was found and resumed (started {0} by {1}).",
      missing: "The run this tab was showing is not visible right now. Reload the page (F5): it usually comes back on " +
        "the next load. Start a new run only if it does not.",
      missingStart: "A run in progress is not visible (see above): reload the page first. Click “Start” again to start a " +
        "new run anyway; the other one stays stored.",
      others: "{0} other unarchived run(s) of this procedure are stored on this workstation: see the list.",
      otherRevision: "Warning: this run was started on version {0} (revision {1}); this page is version {2} (revision {3}).",
      operatorChanged: "Operator: {0} → {1}.",
      operatorSame: "{0} is already the operator.",
      runClosed: "The run is complete: it can no longer be changed.",
      notCurrent: "This is not the current step: follow the procedure's order.",
      required: "“{0}” is required.",
      number: "“{0}” must be a number.",
      min: "“{0}” must be at least {1} (entered: {2}).",
      max: "“{0}” must be at most {1} (entered: {2}).",
      date: "“{0}”: a date is expected.",
      time: "“{0}”: a time is expected.",
      datetime: "“{0}”: a date and time are expected.",
      initials: "“{0}”: initials of 2 to 4 letters.",
      choice: "“{0}”: choose one of {1}.",
      checkbox: "“{0}” must be ticked.",
      distinct: "“{0}” ({1}) must differ from “{2}” ({3}).",
      secondMissing: "Double check: the second person's initials (2 to 4 letters) are required.",
      secondSame: "Double check refused: the second person ({0}) must differ from the one doing the step ({1}).",
      pendingRows: "Cannot close: {0} row(s) of the log “{1}” not yet re-entered and verified:",
      pendingRow: "row {0} — {1} — recorded {2} by {3}",
      mismatch: "Values differ: “{0}” = {1}, but “{2}” = {3}.",
      blockedHelp: "Step blocked: correct the value, or override with a written reason.",
      notRecorded: "(not recorded)",
      overrideReason: "Write the reason for the override.",
      notBlocked: "This step is not blocked.",
      correctionReason: "Write the reason for the correction.",
      correctionSame: "That is already the recorded answer.",
      correctionNothing: "No value has changed.",
      corrected: "Correction recorded.",
      rowAdded: "Row {0} added to the log.",
      voidReason: "Write why row {0} is voided.",
      rowVoided: "Row {0} voided: it stays visible, struck through.",
      reconcileNothing: "Row {0}: enter the re-entry and verification initials.",
      rowReconciled: "Row {0}: re-entry recorded.",
      rowPrefix: "Row {0}: ",
      conflict: "This run was changed in another tab: the page now shows its latest state. Your last action was NOT recorded: do it again.",
      exported: "Run exported: {0}.",
      archiveNeedsExport: "Export the run (JSON) first: a run is archived only after its latest state was exported.",
      archived: "Run archived. A new run can be started.",
      importBad: "File refused: not an exported Rex run ({0}).",
      importOther: "File refused: run of “{0}” ({1}), this page is “{2}” ({3}).",
      imported: "Run imported: {0} event(s).",
      importedKnown: "This run is already stored here with as many events or more: nothing was replaced.",
      endReached: "End of the procedure: run complete.",
      done: "Done {0} by {1}",
      second: "checked by {0}",
      blocked: "Blocked {0} ({1}): {2}",
      override: "OVERRIDDEN {0} by {1} — reason: {2}",
      decision: "Answer “{0}” {1} by {2}",
      correction: "CORRECTION {0} by {1} — reason: {2}",
      correctionAnswer: "answer “{0}” replaced by “{1}”",
      earlier: "(earlier pass) ",
      skippedEntry: "Not applicable: step skipped.",
      yes: "yes", no: "no",
      summary: "Run {0} — started {1} by {2} — operator: {3} — status: {4}",
      drill: "DRILL",
      drillTitle: "[DRILL] ",
      rowMeta: "{0} · {1}",
      voidedInfo: "VOIDED {0} by {1}: {2}",
      reconcileButton: "Record re-entry",
      voidButton: "Void row",
      voidPlaceholder: "Reason for voiding",
      runOption: "{0} · {1} · {2}",
      csv: ["Run", "Drill", "Procedure", "Version", "Revision", "Log", "Row", "Recorded at",
        "Operator", "Status", "Void reason", "Voided at", "Voided by", "Reconciled"],
      csvLive: "live", csvVoid: "voided", csvAt: "{0} (at)"
    }
  };
  var W = String(model.language || "fr").indexOf("en") === 0 ? WORDS.en : WORDS.fr;

  function say(template) {
    var args = Array.prototype.slice.call(arguments, 1);
    return template.replace(/\{(\d+)\}/g, function (whole, index) {
      var value = args[Number(index)];
      return value === undefined || value === null ? "" : String(value);
    });
  }

  /* ------------------------------------------------------------ the model */

  var stepIndex = {};
  var stepModel = {};
  var fieldModel = {};
  var logModel = {};
  model.steps.forEach(function (step, index) {
    stepIndex[step.id] = index;
    stepModel[step.id] = step;
    step.fields.forEach(function (field) { fieldModel[field.id] = field; });
  });
  model.logs.forEach(function (log) { logModel[log.id] = log; });

  /* ------------------------------------------------------------- helpers */

  function all(selector, root) {
    return Array.prototype.slice.call((root || document).querySelectorAll(selector));
  }
  function one(selector, root) { return (root || document).querySelector(selector); }
  function make(tag, attributes, text) {
    var element = document.createElement(tag);
    Object.keys(attributes || {}).forEach(function (name) { element.setAttribute(name, attributes[name]); });
    if (text !== undefined) element.textContent = text;
    return element;
  }
  function pad(number) { return (number < 10 ? "0" : "") + number; }

  /** Local time with its offset, to the second: "2025-11-18T10:32:05+01:00". */
  function localISO(date) {
    var offset = -date.getTimezoneOffset();
    var sign = offset >= 0 ? "+" : "-";
    offset = Math.abs(offset);
    return date.getFullYear() + "-" + pad(date.getMonth() + 1) + "-" + pad(date.getDate()) + "T" +
      pad(date.getHours()) + ":" + pad(date.getMinutes()) + ":" + pad(date.getSeconds()) +
      sign + pad(Math.floor(offset / 60)) + ":" + pad(offset % 60);
  }
  function now() { return localISO(new Date()); }

  /** "2025-11-18T10:32…" → "18/11/2025 10:32", as written at the workstation (no time-zone shift). */
  function showStamp(text) {
    var match = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2}))?/.exec(String(text || ""));
    if (!match) return String(text || "");
    return match[3] + "/" + match[2] + "/" + match[1] + (match[4] ? " " + match[4] + ":" + match[5] : "");
  }

  /** A recorded value as people read it. */
  function showValue(field, value) {
    if (value === undefined || value === null || value === "") return W.notRecorded;
    if (field && field.type === "checkbox") return value ? W.yes : W.no;
    if (field && (field.type === "datetime" || field.type === "date")) return showStamp(value);
    return String(value) + (field && field.unit ? " " + field.unit : "");
  }

  function isInitials(text) { return /^\p{L}{2,4}$/u.test(text); }

  /* -------------------------------------------------------------- storage */

  var namespace = "rex:" + model.handbook + ":" + model.procedure + ":";
  var runPrefix = namespace + "run:";
  var selectionKey = namespace + "selected";
  var storage = null;
  var storageFailed = false;

  function openStorage() {
    try {
      var candidate = window.localStorage;
      var probe = "rex:probe:" + Math.random().toString(36).slice(2);
      candidate.setItem(probe, "1");
      candidate.removeItem(probe);
      storage = candidate;
    } catch (error) {
      storage = null;
      storageFailed = true;
    }
  }

  /** Every stored run of this procedure, readable or not; unreadable keys are left alone. */
  function storedRuns() {
    var runs = [];
    if (!storage) return runs;
    try {
      for (var i = 0; i < storage.length; i++) {
        var key = storage.key(i);
        if (key && key.indexOf(runPrefix) === 0) {
          try {
            var stored = JSON.parse(storage.getItem(key));
            if (stored && stored.format === FORMAT && Array.isArray(stored.events)) runs.push(stored);
          } catch (error) { /* not ours to repair */ }
        }
      }
    } catch (error) { /* storage vanished: nothing to list */ }
    return runs;
  }
  function liveRuns() {
    return storedRuns().filter(function (stored) { return !stored.archivedAt; })
      .sort(function (a, b) { return String(b.updatedAt).localeCompare(String(a.updatedAt)); });
  }
  function keyOf(runId) { return runPrefix + runId; }
  function keyIsFree(runId) {
    try { return !storage || storage.getItem(keyOf(runId)) === null; } catch (error) { return true; }
  }
  function newRunId() {
    var id;
    do {
      id = Date.now().toString(36) + "-" + Math.random().toString(36).slice(2, 8);
    } while (!keyIsFree(id));
    return id;
  }

  /** Archived runs (already exported) of this handbook, oldest first: what may go when storage is full. */
  function removeOneArchivedRun() {
    var oldest = null;
    var handbookPrefix = "rex:" + model.handbook + ":";
    for (var i = 0; i < storage.length; i++) {
      var key = storage.key(i);
      if (!key || key.indexOf(handbookPrefix) !== 0 || key.indexOf(":run:") < 0) continue;
      try {
        var stored = JSON.parse(storage.getItem(key));
        if (stored && stored.archivedAt && (!oldest || stored.archivedAt < oldest.at)) oldest = { key: key, at: stored.archivedAt };
      } catch (error) { /* skip */ }
    }
    if (!oldest) return false;
    storage.removeItem(oldest.key);
    return true;
  }

  /**
   * Saves the shown run at once, under its own key only; any failure raises the permanent banner.
   * If another tab recorded events this page has not seen, nothing is written over them: the page
   * shows that newer state and says the last action must be done again.
   */
  function persist() {
    if (!run) return;
    if (!storage) { failStorage(); return; }
    var key = keyOf(run.runId);
    try {
      var stored = JSON.parse(storage.getItem(key));
      if (stored && Array.isArray(stored.events) && !isPrefix(stored.events, run.events)) {
        run = stored;
        state = derive(run);
        runMessage = W.conflict;
        return;
      }
    } catch (error) { /* unreadable: ours is written below */ }
    run.updatedAt = now();
    var text = JSON.stringify(run);
    for (var attempt = 0; attempt < 20; attempt++) {
      try {
        storage.setItem(key, text);
        if (storage.getItem(key) !== text) throw new Error("read-back differs");
        return;
      } catch (error) {
        var full = error && (error.name === "QuotaExceededError" || error.code === 22);
        if (!(full && removeOneArchivedRun())) break;
      }
    }
    failStorage();
  }
  function failStorage() {
    storageFailed = true;
    renderBanner();
  }
  /** sessionStorage (this tab only, survives a reload): which run this tab shows. */
  function session(operation, key, value) {
    try {
      if (operation === "get") return window.sessionStorage.getItem(key);
      if (operation === "set") window.sessionStorage.setItem(key, value);
      else window.sessionStorage.removeItem(key);
    } catch (error) { /* a nicety only */ }
    return null;
  }
  function rememberSelection(runId) { session("set", selectionKey, runId); }
  function rememberedSelection() { return session("get", selectionKey); }

  /* ------------------------------------------------------ the run, derived */

  var run = null;        // the stored run shown on this page, or null
  var state = derive(null);
  var correcting = null; // id of the step being corrected
  var stepMessages = {}; // transient refusals, by step id
  var logMessages = {};  // transient messages, by log id

  function blankStep() {
    return { state: "pending", entries: [], passFrom: 0, values: null, second: null, answer: null,
      mismatches: null, doneEvent: null };
  }

  /** Replays the events of a run into what the page shows. */
  function derive(source) {
    var derived = { steps: {}, cursor: null, status: "not-started", operator: null, operators: [],
      completedAt: null, values: {}, rows: {} };
    model.steps.forEach(function (step) { derived.steps[step.id] = blankStep(); });
    model.logs.forEach(function (log) { derived.rows[log.id] = []; });
    if (source) source.events.forEach(function (event) { apply(derived, event); });
    return derived;
  }

  function apply(derived, event) {
    var step = derived.steps[event.step];
    var rows = derived.rows[event.log];
    var row = rows && rows.filter(function (candidate) { return candidate.row === event.row; })[0];
    switch (event.type) {
      case "start":
        derived.status = "in-progress";
        derived.operator = event.operator;
        derived.operators.push({ initials: event.operator, at: event.at });
        if (model.steps.length) moveTo(derived, model.steps[0].id, event);
        break;
      case "operator":
        derived.operator = event.to;
        derived.operators.push({ initials: event.to, at: event.at, from: event.from });
        break;
      case "done":
      case "override":
        if (!step) break;
        step.entries.push(event);
        finish(derived, step, event, event.values || {});
        step.second = event.second || null;
        advance(derived, event.step, stepModel[event.step].next, event);
        break;
      case "blocked":
        if (!step) break;
        step.entries.push(event);
        step.state = "blocked";
        step.mismatches = event.mismatches || [];
        break;
      case "decision":
        if (!step) break;
        step.entries.push(event);
        finish(derived, step, event, event.values || {});
        step.answer = event.answer;
        step.second = event.second || null;
        advance(derived, event.step, event.goto, event);
        break;
      case "correction":
        if (!step) break;
        step.entries.push(event);
        if (event.goto !== undefined) {
          for (var i = stepIndex[event.step] + 1; i < model.steps.length; i++) {
            reset(derived.steps[model.steps[i].id], event.seq);
          }
          step.answer = event.answer;
          derived.status = "in-progress";
          derived.completedAt = null;
          advance(derived, event.step, event.goto, event);
        } else {
          step.values = Object.assign({}, step.values, event.values);
          Object.assign(derived.values, event.values);
        }
        break;
      case "row-add":
        if (!rows) break;
        rows.push({ row: event.row, at: event.at, by: event.by, values: event.values || {}, voided: null,
          reconcile: {}, reconciled: isReconciled(event.log, {}) });
        break;
      case "row-void":
        if (row) row.voided = { reason: event.reason, at: event.at, by: event.by };
        break;
      case "row-reconcile":
        if (!row) break;
        Object.keys(event.values || {}).forEach(function (column) {
          row.reconcile[column] = { value: event.values[column], at: event.at, by: event.by };
        });
        row.reconciled = isReconciled(event.log, row.reconcile);
        break;
    }
  }

  function finish(derived, step, event, values) {
    step.state = "done";
    step.values = values;
    step.mismatches = null;
    step.doneEvent = event;
    Object.assign(derived.values, values);
  }

  /** A new pass over a step (a loop back, or a corrected decision): its records up to `seq` stay, as earlier. */
  function reset(step, seq) {
    var entries = step.entries;
    Object.assign(step, blankStep());
    step.entries = entries;
    step.passFrom = seq + 1;
  }

  /** Leaves a step for its target: steps jumped over become skipped; a jump back starts a new pass. */
  function advance(derived, fromID, target, event) {
    var from = stepIndex[fromID];
    if (target !== "end" && stepIndex[target] === undefined) {
      derived.cursor = null; // a step this version of the procedure no longer has: nowhere to go on
      return;
    }
    if (target === "end") {
      model.steps.forEach(function (step) {
        var entry = derived.steps[step.id];
        if (entry.state === "pending" || entry.state === "current") entry.state = "skipped";
      });
      derived.cursor = "end";
      derived.status = "complete";
      derived.completedAt = event.at;
      return;
    }
    var to = stepIndex[target];
    if (to > from) {
      for (var i = from + 1; i < to; i++) {
        var skipped = derived.steps[model.steps[i].id];
        if (skipped.state === "pending" || skipped.state === "current") skipped.state = "skipped";
      }
    } else {
      for (var j = to; j < model.steps.length; j++) reset(derived.steps[model.steps[j].id], event.seq);
    }
    moveTo(derived, target, event);
  }

  function moveTo(derived, target, event) {
    var step = derived.steps[target];
    if (step.state !== "pending") reset(step, event.seq);
    step.state = "current";
    derived.cursor = target;
  }

  function isReconciled(logID, reconcile) {
    var log = logModel[logID];
    return !log || log.reconcile.every(function (column) { return !column.required || reconcile[column.id]; });
  }
  function pendingRows(logID) {
    return (state.rows[logID] || []).filter(function (row) { return !row.voided && !row.reconciled; });
  }
  function pendingCount() {
    return model.logs.reduce(function (sum, log) { return sum + pendingRows(log.id).length; }, 0);
  }

  /* ------------------------------------------------------------ recording */

  function record(type, data) {
    var event = Object.assign({ seq: run.events.length + 1, at: now(), by: state.operator, type: type }, data);
    run.events.push(event);
    state = derive(run);
    persist();
    return event;
  }

  function drafts() {
    if (!run.drafts) run.drafts = { steps: {}, logs: {}, rows: {} };
    return run.drafts;
  }
  function draftOf(group, key) {
    var all = drafts()[group];
    if (!all[key]) all[key] = {};
    return all[key];
  }
  function dropDraft(group, key) {
    if (run && run.drafts && run.drafts[group]) delete run.drafts[group][key];
  }

  function canChange(stepID, messageTarget) {
    if (!run) { tell(messageTarget, W.startFirst); return false; }
    if (state.status !== "in-progress") { tell(messageTarget, W.runClosed); return false; }
    if (stepID && state.cursor !== stepID && correcting !== stepID) { tell(messageTarget, W.notCurrent); return false; }
    return true;
  }
  /** Puts a refusal where the operator is looking: a step's alert, a log's alert or the panel's. */
  function tell(target, text) {
    if (target && target.step) stepMessages[target.step] = text;
    else if (target && target.log) logMessages[target.log] = text;
    else runMessage = text;
    render();
  }
  var runMessage = "";

  /* ----------------------------------------------------------- validation */

  /** Reads and checks one input against its field: { value } or { error }. Empty optional → null. */
  function readField(field, input) {
    var raw = input ? (input.type === "checkbox" ? input.checked : String(input.value || "").trim()) : "";
    var label = field.label;
    if (field.type === "checkbox") {
      if (field.required && !raw) return { error: say(W.checkbox, label) };
      return { value: !!raw };
    }
    if (field.type === "number" && input && input.validity && input.validity.badInput) {
      return { error: say(W.number, label) };
    }
    if (raw === "") return field.required ? { error: say(W.required, label) } : { value: null };
    switch (field.type) {
      case "number": {
        var number = Number(raw.replace(",", "."));
        if (!isFinite(number)) return { error: say(W.number, label) };
        if (typeof field.min === "number" && number < field.min) return { error: say(W.min, label, field.min, raw) };
        if (typeof field.max === "number" && number > field.max) return { error: say(W.max, label, field.max, raw) };
        return { value: number };
      }
      case "date":
        return validDate(raw) ? { value: raw } : { error: say(W.date, label) };
      case "time":
        return /^([01]\d|2[0-3]):[0-5]\d(:[0-5]\d)?$/.test(raw) ? { value: raw.slice(0, 5) } : { error: say(W.time, label) };
      case "datetime": {
        var match = /^(\d{4}-\d{2}-\d{2})T(([01]\d|2[0-3]):[0-5]\d)(:[0-5]\d(\.\d+)?)?$/.exec(raw);
        return match && validDate(match[1]) ? { value: match[1] + "T" + match[2] } : { error: say(W.datetime, label) };
      }
      case "initials":
        return isInitials(raw) ? { value: raw.toUpperCase() } : { error: say(W.initials, label) };
      case "choice":
        return (field.options || []).indexOf(raw) >= 0 ? { value: raw }
          : { error: say(W.choice, label, (field.options || []).join(", ")) };
      default:
        return { value: raw };
    }
  }
  function validDate(text) {
    var match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
    if (!match) return false;
    var date = new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
    return date.getMonth() === Number(match[2]) - 1 && date.getDate() === Number(match[3]);
  }

  /** Values of a set of fields read from inputs found by `find(field)`, with every problem found. */
  function readFields(fields, find, known, siblings) {
    var values = {};
    var errors = [];
    fields.forEach(function (field) {
      var result = readField(field, find(field));
      if (result.error) errors.push(result.error);
      else if (result.value !== null) values[field.id] = result.value;
    });
    fields.forEach(function (field) {
      if (!field.distinctFrom || values[field.id] === undefined) return;
      var other = values[field.distinctFrom] !== undefined ? values[field.distinctFrom] : (known || {})[field.distinctFrom];
      if (other !== undefined && same(values[field.id], other)) {
        var otherField = findColumn(siblings || fields, field.distinctFrom) || fieldModel[field.distinctFrom] ||
          { label: field.distinctFrom };
        errors.push(say(W.distinct, field.label, values[field.id], otherField.label, other));
      }
    });
    return { values: values, errors: errors };
  }
  function findColumn(fields, id) { return fields.filter(function (field) { return field.id === id; })[0]; }

  function same(a, b) { return normalise(a) === normalise(b); }
  function normalise(value) {
    if (typeof value === "number") return String(value);
    var text = String(value === undefined || value === null ? "" : value).trim();
    var stamp = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2})(:00(\.0+)?)?$/.exec(text);
    if (stamp) return stamp[1];
    if (text !== "" && !isNaN(Number(text))) return String(Number(text));
    return text.toUpperCase();
  }

  function mismatches(step, values) {
    var found = [];
    step.fields.forEach(function (field) {
      if (!field.mustMatch || values[field.id] === undefined) return;
      var expected = values[field.mustMatch] !== undefined ? values[field.mustMatch] : state.values[field.mustMatch];
      if (expected === undefined || !same(values[field.id], expected)) {
        found.push({ field: field.id, value: values[field.id], mustMatch: field.mustMatch,
          expected: expected === undefined ? null : expected });
      }
    });
    return found;
  }
  function mismatchText(list) {
    return list.map(function (mismatch) {
      var field = fieldModel[mismatch.field] || { label: mismatch.field };
      var other = fieldModel[mismatch.mustMatch] || { label: mismatch.mustMatch };
      return say(W.mismatch, field.label, showValue(field, mismatch.value), other.label, showValue(other, mismatch.expected));
    }).join("\n");
  }

  /** Everything that stops a step from being completed now, except a must_match mismatch. */
  function stepProblems(step, element) {
    var read = readFields(step.fields, function (field) { return one('[data-field="' + field.id + '"]', element); }, state.values);
    var problems = read.errors.slice();
    var second = null;
    if (step.doubleCheck) {
      var secondInput = one("[data-second-initials]", element);
      second = String(secondInput ? secondInput.value : "").trim().toUpperCase();
      if (!isInitials(second)) problems.push(W.secondMissing);
      else if (second === String(state.operator).toUpperCase()) problems.push(say(W.secondSame, second, state.operator));
    }
    if (step.requiresReconciled) {
      var pending = pendingRows(step.requiresReconciled);
      if (pending.length) {
        var log = logModel[step.requiresReconciled];
        problems.push(say(W.pendingRows, pending.length, log ? log.title : step.requiresReconciled));
        pending.forEach(function (row) { problems.push("• " + say(W.pendingRow, row.row, rowText(log, row), showStamp(row.at), row.by)); });
      }
    }
    return { values: read.values, second: second, problems: problems };
  }
  function rowText(log, row) {
    return (log ? log.columns : []).map(function (column) {
      return column.label + " : " + showValue(column, row.values[column.id]);
    }).join(" · ");
  }

  /* -------------------------------------------------------------- actions */

  function stepOf(element) {
    var item = element.closest("[data-step]");
    return item ? { element: item, model: stepModel[item.getAttribute("data-step")] } : null;
  }

  function start() {
    var operator = operatorInput.value.trim().toUpperCase();
    if (!isInitials(operator)) return tell(null, W.operatorInvalid);
    // A run may be there after all (an empty storage seen on load): resume it, never start over it.
    if (!run) {
      var found = liveRuns()[0];
      if (found) { show(found); return tell(null, say(W.found, showStamp(found.startedAt), found.events[0].operator)); }
    }
    if (run) return;
    if (confirmStart) {
      confirmStart = false;
      return tell(null, W.missingStart);
    }
    var drill = !!(drillInput && drillInput.checked);
    run = { format: FORMAT, formatVersion: FORMAT_VERSION, runId: newRunId(), handbook: model.handbook,
      procedure: model.procedure, title: model.title, version: model.version, revision: model.revision,
      language: model.language, drill: drill, startedAt: now(), updatedAt: now(), exportedAt: null,
      exportedEvents: 0, archivedAt: null, events: [], drafts: { steps: {}, logs: {}, rows: {} } };
    state = derive(null);
    rememberSelection(run.runId);
    record("start", { by: operator, operator: operator, drill: drill });
    runMessage = say(drill ? W.startedDrill : W.started, operator);
    render({ focus: true });
  }

  function changeOperator() {
    if (!canChange(null, null)) return;
    var operator = operatorInput.value.trim().toUpperCase();
    if (!isInitials(operator)) return tell(null, W.operatorInvalid);
    if (operator === state.operator) return tell(null, say(W.operatorSame, operator));
    var from = state.operator;
    record("operator", { by: operator, from: from, to: operator });
    runMessage = say(W.operatorChanged, from, operator);
    render();
  }

  function complete(step, element) {
    var target = { step: step.id };
    if (!canChange(step.id, target)) return;
    var found = stepProblems(step, element);
    if (found.problems.length) return tell(target, found.problems.join("\n"));
    var differing = mismatches(step, found.values);
    stepMessages[step.id] = "";
    if (differing.length) {
      var last = state.steps[step.id].entries.slice(-1)[0];
      var again = last && last.type === "blocked" && JSON.stringify(last.values) === JSON.stringify(found.values);
      if (!again) record("blocked", { step: step.id, values: found.values, mismatches: differing });
      return render();
    }
    var event = { step: step.id, values: found.values };
    if (step.doubleCheck) event.second = found.second;
    dropDraft("steps", step.id);
    record("done", event);
    afterMove();
  }

  function override(step, element) {
    var target = { step: step.id };
    if (!canChange(step.id, target)) return;
    if (state.steps[step.id].state !== "blocked") return tell(target, W.notBlocked);
    var reason = String(one("[data-override-reason]", element).value || "").trim();
    var found = stepProblems(step, element);
    if (found.problems.length) return tell(target, found.problems.join("\n"));
    var differing = mismatches(step, found.values);
    if (differing.length && !reason) return tell(target, W.overrideReason);
    var event = { step: step.id, values: found.values };
    if (step.doubleCheck) event.second = found.second;
    if (differing.length) {
      event.mismatches = differing;
      event.reason = reason;
    }
    stepMessages[step.id] = "";
    dropDraft("steps", step.id);
    record(differing.length ? "override" : "done", event);
    afterMove();
  }

  function choose(step, element, button) {
    var target = { step: step.id };
    if (!canChange(step.id, target)) return;
    var index = all("[data-goto]", element).indexOf(button);
    var choice = step.choices[index] || { answer: button.textContent.trim(), goto: button.getAttribute("data-goto") };
    if (correcting === step.id) {
      var reason = String(one("[data-correction-reason]", element).value || "").trim();
      if (!reason) return tell(target, W.correctionReason);
      var previous = state.steps[step.id].answer;
      if (previous === choice.answer) return tell(target, W.correctionSame);
      correcting = null;
      stepMessages[step.id] = "";
      dropDraft("steps", step.id);
      record("correction", { step: step.id, previous: previous, answer: choice.answer, goto: choice.goto, reason: reason });
      runMessage = W.corrected;
      return afterMove();
    }
    var found = stepProblems(step, element);
    if (found.problems.length) return tell(target, found.problems.join("\n"));
    var event = { step: step.id, answer: choice.answer, goto: choice.goto };
    if (step.fields.length) event.values = found.values;
    if (step.doubleCheck) event.second = found.second;
    stepMessages[step.id] = "";
    dropDraft("steps", step.id);
    record("decision", event);
    afterMove();
  }

  function startCorrection(step) {
    if (!canChange(null, { step: step.id })) return;
    var entry = state.steps[step.id];
    if (entry.state !== "done") return;
    correcting = step.id;
    var draft = draftOf("steps", step.id);
    Object.keys(entry.values || {}).forEach(function (id) { draft[id] = entry.values[id]; });
    stepMessages[step.id] = "";
    render();
    var reason = one('[data-step="' + step.id + '"] [data-correction-reason]');
    if (reason) reason.focus();
  }

  function saveCorrection(step, element) {
    var target = { step: step.id };
    if (correcting !== step.id || !canChange(step.id, target)) return;
    var reason = String(one("[data-correction-reason]", element).value || "").trim();
    var read = readFields(step.fields, function (field) { return one('[data-field="' + field.id + '"]', element); }, state.values);
    if (read.errors.length) return tell(target, read.errors.join("\n"));
    if (!reason) return tell(target, W.correctionReason);
    var previous = state.steps[step.id].values || {};
    var changed = {};
    var before = {};
    Object.keys(read.values).forEach(function (id) {
      if (!same(read.values[id], previous[id]) || typeof read.values[id] !== typeof previous[id]) {
        changed[id] = read.values[id];
        before[id] = previous[id] === undefined ? null : previous[id];
      }
    });
    if (!Object.keys(changed).length) return tell(target, W.correctionNothing);
    var event = { step: step.id, values: changed, previous: before, reason: reason };
    var differing = mismatches(step, Object.assign({}, previous, read.values));
    if (differing.length) event.mismatches = differing;
    correcting = null;
    stepMessages[step.id] = "";
    dropDraft("steps", step.id);
    record("correction", event);
    runMessage = W.corrected;
    render();
  }

  function cancelCorrection(step) {
    correcting = null;
    dropDraft("steps", step.id);
    stepMessages[step.id] = "";
    persist();
    render();
  }

  function afterMove() {
    if (state.status === "complete") runMessage = W.endReached;
    render({ focus: true });
  }

  function addRow(log, element) {
    var target = { log: log.id };
    if (!canChange(null, target)) return;
    var read = readFields(log.columns, function (column) { return one('[data-log-new] [data-column="' + column.id + '"]', element); },
      {}, log.columns);
    if (read.errors.length) return tell(target, read.errors.join("\n"));
    var number = state.rows[log.id].length + 1;
    dropDraft("logs", log.id);
    record("row-add", { log: log.id, row: number, values: read.values });
    all("[data-log-new] [data-column]", element).forEach(function (input) { input.value = ""; });
    logMessages[log.id] = say(W.rowAdded, number);
    render();
    var first = one("[data-log-new] [data-column]", element);
    if (first) first.focus();
  }

  function voidRow(log, rowElement) {
    var number = Number(rowElement.getAttribute("data-row"));
    var target = { log: log.id };
    if (!canChange(null, target)) return;
    var reason = String(one("[data-void-reason]", rowElement).value || "").trim();
    if (!reason) {
      var input = one("[data-void-reason]", rowElement);
      input.focus();
      return tell(target, say(W.voidReason, number));
    }
    dropDraft("rows", log.id + "/" + number);
    record("row-void", { log: log.id, row: number, reason: reason });
    logMessages[log.id] = say(W.rowVoided, number);
    render();
  }

  function reconcileRow(log, rowElement) {
    var number = Number(rowElement.getAttribute("data-row"));
    var target = { log: log.id };
    if (!canChange(null, target)) return;
    var row = state.rows[log.id].filter(function (candidate) { return candidate.row === number; })[0];
    if (!row || row.voided) return;
    var open = log.reconcile.filter(function (column) {
      var input = one('[data-reconcile="' + column.id + '"]', rowElement);
      return !row.reconcile[column.id] && input && String(input.value).trim() !== "";
    });
    if (!open.length) return tell(target, say(W.reconcileNothing, number));
    var known = {};
    Object.keys(row.reconcile).forEach(function (id) { known[id] = row.reconcile[id].value; });
    var read = readFields(open, function (column) { return one('[data-reconcile="' + column.id + '"]', rowElement); },
      known, log.reconcile);
    // distinct_from also holds against a column recorded later than the one it names.
    log.reconcile.forEach(function (column) {
      if (!column.distinctFrom || read.values[column.distinctFrom] === undefined || !row.reconcile[column.id]) return;
      if (same(read.values[column.distinctFrom], row.reconcile[column.id].value)) {
        var other = findColumn(log.reconcile, column.distinctFrom);
        read.errors.push(say(W.distinct, column.label, row.reconcile[column.id].value, other.label, read.values[column.distinctFrom]));
      }
    });
    if (read.errors.length) return tell(target, say(W.rowPrefix, number) + read.errors.join("\n"));
    dropDraft("rows", log.id + "/" + number);
    record("row-reconcile", { log: log.id, row: number, values: read.values });
    logMessages[log.id] = say(W.rowReconciled, number);
    render();
  }

  /* --------------------------------------------------- export and import */

  function stamp() { return now().slice(0, 16).replace(/[-:]/g, "").replace("T", "-"); }
  function fileBase() {
    return "rex-" + model.procedure + "-v" + model.version + "-" + stamp() + (run.drill ? "-" + W.drill.toLowerCase() : "");
  }
  function download(name, type, text) {
    var url = URL.createObjectURL(new Blob([text], { type: type }));
    var link = make("a", { href: url, download: name });
    link.hidden = true;
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(function () { URL.revokeObjectURL(url); }, 60000);
  }

  /** The run as exported: the stored run (events are the record) plus a derived summary to read. */
  function exportObject() {
    var copy = JSON.parse(JSON.stringify(run));
    copy.exportedAt = now();
    copy.exportedEvents = run.events.length;
    copy.status = state.status;
    copy.completedAt = state.completedAt;
    copy.summary = {
      operator: state.operator,
      operators: state.operators,
      pendingReconciliation: pendingCount(),
      steps: model.steps.map(function (step) {
        var entry = state.steps[step.id];
        var done = entry.doneEvent;
        return { id: step.id, number: step.number, title: step.title, state: entry.state,
          doneAt: done ? done.at : null, doneBy: done ? done.by : null, values: entry.values,
          second: entry.second, answer: entry.answer, overridden: !!(done && done.type === "override"),
          reason: done && done.reason ? done.reason : null };
      }),
      logs: model.logs.map(function (log) {
        return { id: log.id, title: log.title, rows: state.rows[log.id] };
      })
    };
    return copy;
  }

  function exportJSON() {
    if (!run) return tell(null, W.startFirst);
    var name = fileBase() + ".json";
    var text = JSON.stringify(exportObject(), null, 2);
    download(name, "application/json", text);
    run.exportedAt = now();
    run.exportedEvents = run.events.length;
    persist();
    tell(null, say(W.exported, name));
  }

  function csvCell(value) {
    var text = value === undefined || value === null ? "" : String(value);
    if (/^[=+\-@\t\r]/.test(text) && isNaN(Number(text))) text = "'" + text;
    return /[";\r\n]/.test(text) ? '"' + text.replace(/"/g, '""') + '"' : text;
  }

  /** Every log row of the run, one header row, ";"-separated UTF-8 with a BOM (spreadsheets in French). */
  function exportCSV() {
    if (!run) return tell(null, W.startFirst);
    var columns = [];
    var reconcile = [];
    function collect(list, target) {
      list.forEach(function (column) {
        var known = findColumn(target, column.id);
        if (!known) target.push({ id: column.id, labels: [column.label] });
        else if (known.labels.indexOf(column.label) < 0) known.labels.push(column.label);
      });
    }
    model.logs.forEach(function (log) { collect(log.columns, columns); collect(log.reconcile, reconcile); });
    var header = W.csv.slice(0, 10).concat(columns.map(function (column) { return column.labels.join(" / "); }));
    reconcile.forEach(function (column) {
      var label = column.labels.join(" / ");
      header.push(label, say(W.csvAt, label));
    });
    header = header.concat(W.csv.slice(10));
    var lines = [header];
    model.logs.forEach(function (log) {
      state.rows[log.id].forEach(function (row) {
        var line = [run.runId, run.drill ? W.drill : "", model.procedure, run.version, run.revision, log.id, row.row,
          row.at, row.by, row.voided ? W.csvVoid : W.csvLive];
        columns.forEach(function (column) { line.push(row.values[column.id]); });
        reconcile.forEach(function (column) {
          var done = row.reconcile[column.id];
          line.push(done ? done.value : "", done ? done.at : "");
        });
        line.push(row.voided ? row.voided.reason : "", row.voided ? row.voided.at : "", row.voided ? row.voided.by : "",
          row.reconciled ? W.yes : W.no);
        lines.push(line);
      });
    });
    var text = "\uFEFF" + lines.map(function (line) { return line.map(csvCell).join(";"); }).join("\r\n") + "\r\n";
    var name = fileBase() + ".csv";
    download(name, "text/csv;charset=utf-8", text);
    tell(null, say(W.exported, name));
  }

  function importFile(input) {
    var file = input.files && input.files[0];
    if (!file) return;
    var reader = new FileReader();
    reader.onload = function () {
      input.value = "";
      importText(String(reader.result));
    };
    reader.readAsText(file);
  }

  function importText(text) {
    var incoming;
    try {
      incoming = JSON.parse(text);
    } catch (error) {
      return tell(null, say(W.importBad, error.message));
    }
    var shapeOK = incoming && incoming.format === FORMAT && Array.isArray(incoming.events) && typeof incoming.runId === "string" &&
      incoming.events.every(function (event, index) { return event && event.seq === index + 1 && typeof event.type === "string"; }) &&
      incoming.events.length > 0 && incoming.events[0].type === "start";
    if (!shapeOK) return tell(null, say(W.importBad, FORMAT));
    if (incoming.procedure !== model.procedure || incoming.handbook !== model.handbook) {
      return tell(null, say(W.importOther, incoming.procedure, incoming.handbook, model.procedure, model.handbook));
    }
    var clean = { format: FORMAT, formatVersion: FORMAT_VERSION, runId: incoming.runId.replace(/[^A-Za-z0-9-]/g, "") || newRunId(),
      handbook: incoming.handbook, procedure: incoming.procedure, title: incoming.title, version: incoming.version,
      revision: incoming.revision, language: incoming.language, drill: !!incoming.drill, startedAt: incoming.startedAt,
      updatedAt: now(), exportedAt: incoming.exportedAt || null, exportedEvents: incoming.events.length, archivedAt: null,
      importedAt: now(), events: incoming.events, drafts: incoming.drafts || { steps: {}, logs: {}, rows: {} } };
    var existing = storedRuns().filter(function (stored) { return stored.runId === clean.runId; })[0];
    if (existing) {
      if (isPrefix(clean.events, existing.events)) {
        show(existing);
        return tell(null, W.importedKnown);
      }
      // Only a run that extends the stored one may take its key; otherwise both are kept.
      if (!isPrefix(existing.events, clean.events)) clean.runId = newRunId();
    }
    show(clean);
    persist();
    runMessage = say(W.imported, clean.events.length);
    if (clean.revision !== model.revision) {
      runMessage += " " + say(W.otherRevision, clean.version, clean.revision, model.version, model.revision);
    }
    render({ focus: true });
  }
  function isPrefix(shorter, longer) {
    if (shorter.length > longer.length) return false;
    for (var i = 0; i < shorter.length; i++) {
      if (JSON.stringify(shorter[i]) !== JSON.stringify(longer[i])) return false;
    }
    return true;
  }

  function archive() {
    if (!run) return tell(null, W.startFirst);
    if (!run.exportedAt || run.exportedEvents !== run.events.length) return tell(null, W.archiveNeedsExport);
    run.archivedAt = now();
    run.archivedBy = state.operator;
    persist();
    run = null;
    state = derive(null);
    correcting = null;
    stepMessages = {};
    logMessages = {};
    clearRows();
    var next = liveRuns()[0];
    if (next) show(next);
    runMessage = W.archived;
    render();
  }

  /** Shows a stored run on this page (it becomes the run this page writes). */
  function show(stored) {
    run = stored;
    if (!run.drafts) run.drafts = { steps: {}, logs: {}, rows: {} };
    state = derive(run);
    correcting = null;
    stepMessages = {};
    logMessages = {};
    clearRows();
    rememberSelection(run.runId);
  }

  /* ------------------------------------------------------------ rendering */

  var html = document.documentElement;
  var operatorInput = one("[data-run-operator]", panel);
  var drillInput = one("[data-run-drill]", panel);
  var statusOutput = one("[data-run-status]", panel);
  var statusLabel = one("[data-run-status-label]", panel);
  var pendingOutput = one("[data-pending-reconciliation]", panel);
  var elapsedOutput = one("[data-run-elapsed]", panel);
  var messageOutput = one("[data-run-message]", panel);
  var banner = one("[data-storage-banner]");
  var summary = one("[data-run-summary]");
  var runSelect = one("[data-run-select]", panel);
  var baseTitle = document.title;
  var rowElements = {};
  var lastCursor = null;

  function renderBanner() {
    if (!banner) {
      banner = make("p", { class: "storage-banner", role: "alert", "data-storage-banner": "" });
      panel.insertBefore(banner, panel.firstChild);
    }
    banner.hidden = !storageFailed;
    banner.textContent = storageFailed ? W.storageFailed : "";
    html.classList.toggle("rex-unsaved", storageFailed);
  }

  function render(options) {
    var running = !!run && state.status === "in-progress";
    html.classList.toggle("rex-drill", !!(run && run.drill));
    document.title = (run && run.drill ? W.drillTitle : "") + baseTitle;
    renderBanner();
    renderPanel(running);
    model.steps.forEach(function (step) { renderStep(step, running); });
    model.logs.forEach(function (log) { renderLog(log, running); });
    if (state.cursor !== lastCursor) {
      lastCursor = state.cursor;
      if (options && options.focus !== undefined) bringCurrentIntoView(options.focus);
    }
  }

  function renderPanel(running) {
    var status = run ? state.status : "not-started";
    statusOutput.textContent = status;
    statusOutput.setAttribute("data-run-status", status);
    if (statusLabel) statusLabel.textContent = W.status[status];
    pendingOutput.textContent = String(pendingCount());
    pendingOutput.setAttribute("data-pending-reconciliation", String(pendingCount()));
    renderElapsed();
    if (operatorInput !== document.activeElement) operatorInput.value = run ? state.operator || "" : operatorInput.value;
    if (drillInput) {
      drillInput.checked = run ? !!run.drill : drillInput.checked;
      drillInput.disabled = !!run;
    }
    var hint = one("[data-run-hint]", panel);
    if (hint) hint.hidden = !!run;
    toggleAction("start", !run, true);
    toggleAction("change-operator", running, running);
    toggleAction("export-json", true, !!run);
    toggleAction("export-csv", true, !!run);
    toggleAction("archive", !!run, !!run);
    messageOutput.textContent = runMessage;
    renderSummary(status);
    renderRunList();
  }
  function toggleAction(name, visible, enabled) {
    all('[data-action="' + name + '"]', panel).forEach(function (button) {
      button.hidden = !visible;
      button.disabled = !enabled;
    });
  }
  function renderSummary(status) {
    if (!summary) return;
    summary.hidden = !run;
    summary.textContent = run ? (run.drill ? W.drill + " — " : "") +
      say(W.summary, run.runId, showStamp(run.startedAt), run.events[0] ? run.events[0].operator : "", state.operator, W.status[status]) : "";
  }
  function renderRunList() {
    if (!runSelect) return;
    var runs = liveRuns();
    var others = runs.filter(function (stored) { return !run || stored.runId !== run.runId; });
    runSelect.hidden = !others.length;
    var wrapper = runSelect.closest("[data-run-list]");
    if (wrapper) wrapper.hidden = !others.length;
    if (!others.length) return;
    var list = run ? [run].concat(others) : runs;
    var signature = list.map(function (stored) { return stored.runId + stored.updatedAt; }).join("|");
    if (runSelect.getAttribute("data-signature") === signature) return;
    runSelect.setAttribute("data-signature", signature);
    runSelect.textContent = "";
    list.forEach(function (stored) {
      var derived = derive(stored);
      var label = say(W.runOption, showStamp(stored.startedAt), stored.events[0] ? stored.events[0].operator : "?",
        W.status[derived.status]) + (stored.drill ? " · " + W.drill : "");
      var option = make("option", { value: stored.runId }, label);
      option.selected = !!run && stored.runId === run.runId;
      runSelect.appendChild(option);
    });
  }

  function renderElapsed() {
    if (!run) { elapsedOutput.textContent = "—"; return; }
    var begin = Date.parse(run.startedAt);
    var end = state.completedAt ? Date.parse(state.completedAt) : Date.now();
    var seconds = Math.max(0, Math.floor((end - begin) / 1000));
    elapsedOutput.textContent = pad(Math.floor(seconds / 3600)) + ":" + pad(Math.floor(seconds / 60) % 60) + ":" + pad(seconds % 60);
    elapsedOutput.setAttribute("data-seconds", String(seconds));
  }

  function renderStep(step, running) {
    var element = one('[data-step="' + step.id + '"]', main);
    if (!element) return;
    var entry = state.steps[step.id];
    var stepState = run ? entry.state : "pending";
    var live = running && (stepState === "current" || stepState === "blocked");
    var fixing = running && correcting === step.id;
    var draft = run && run.drafts && run.drafts.steps[step.id] || {};
    element.setAttribute("data-state", stepState);
    element.classList.toggle("correcting", fixing);
    var status = one("[data-step-status]", element);
    if (status) {
      var done = entry.doneEvent;
      status.textContent = W.state[stepState] + (stepState === "done" && done ? " · " + showStamp(done.at) + " · " + done.by : "");
    }
    step.fields.forEach(function (field) {
      var input = one('[data-field="' + field.id + '"]', element);
      if (!input) return;
      var value = live || fixing ? draft[field.id] : stepState === "done" && entry.values ? entry.values[field.id] : undefined;
      setInput(input, value);
      input.disabled = !(live || fixing);
    });
    var second = one("[data-second-initials]", element);
    if (second) {
      setInput(second, live ? draft["#second"] : stepState === "done" ? entry.second : undefined);
      second.disabled = !live;
    }
    var overrideBlock = one("[data-override]", element);
    if (overrideBlock) {
      overrideBlock.hidden = !(running && stepState === "blocked");
      var reason = one("[data-override-reason]", overrideBlock);
      if (reason && reason !== document.activeElement) reason.value = draft["#override"] || "";
    }
    var doneButton = one('[data-action="done"]', element);
    if (doneButton) {
      doneButton.disabled = !live;
      doneButton.hidden = !!run && (stepState === "done" || stepState === "skipped");
    }
    all("[data-goto]", element).forEach(function (button, index) {
      var choice = step.choices[index];
      var chosen = stepState === "done" && !!choice && entry.answer === choice.answer;
      button.disabled = !(live || fixing);
      button.classList.toggle("chosen", chosen);
      button.setAttribute("aria-pressed", chosen ? "true" : "false");
    });
    var correctButton = one('[data-action="correct"]', element);
    if (correctButton) correctButton.hidden = !(running && stepState === "done" && !fixing && (step.choices.length || step.fields.length));
    var correction = one("[data-correction]", element);
    if (correction) {
      correction.hidden = !fixing;
      var why = one("[data-correction-reason]", correction);
      if (why && why !== document.activeElement) why.value = fixing ? draft["#correction"] || "" : "";
    }
    var message = stepMessages[step.id] || (stepState === "blocked" && run ? mismatchText(entry.mismatches || []) + "\n" + W.blockedHelp : "");
    one("[data-step-message]", element).textContent = message;
    renderRecord(step, element, entry, stepState);
  }

  function setInput(input, value) {
    if (input.type === "checkbox") {
      input.checked = value === true;
      return;
    }
    var text = value === undefined || value === null ? "" : String(value);
    if (input.value !== text && input !== document.activeElement) input.value = text;
  }

  /** What was recorded on a step, as text: shown on screen and printed. */
  function renderRecord(step, element, entry, stepState) {
    var list = one("[data-step-record]", element);
    if (!list) {
      list = make("ul", { class: "step-record", "data-step-record": "" });
      var anchor = one("[data-step-message]", element);
      anchor.parentNode.insertBefore(list, anchor.nextSibling);
    }
    list.textContent = "";
    if (!run) return;
    entry.entries.forEach(function (event) {
      var item = make("li", { "data-event": event.type, "data-seq": String(event.seq) }, (event.seq < entry.passFrom ? W.earlier : "") + describe(step, event));
      if (event.seq < entry.passFrom) item.className = "earlier";
      list.appendChild(item);
    });
    if (stepState === "skipped") list.appendChild(make("li", { "data-event": "skipped", class: "skipped" }, W.skippedEntry));
  }

  function valuesText(step, values) {
    return Object.keys(values || {}).map(function (id) {
      var field = fieldModel[id] || { label: id };
      return field.label + " : " + showValue(field, values[id]);
    }).join(" ; ");
  }

  function describe(step, event) {
    var at = showStamp(event.at);
    var values = valuesText(step, event.values);
    var text;
    switch (event.type) {
      case "done":
        text = say(W.done, at, event.by);
        break;
      case "override":
        text = say(W.override, at, event.by, event.reason) + " — " + mismatchText(event.mismatches || []);
        break;
      case "blocked":
        text = say(W.blocked, at, event.by, mismatchText(event.mismatches || []));
        values = "";
        break;
      case "decision":
        text = say(W.decision, event.answer, at, event.by);
        break;
      case "correction":
        text = say(W.correction, at, event.by, event.reason) +
          (event.goto !== undefined ? " — " + say(W.correctionAnswer, event.previous, event.answer) : "");
        break;
      default:
        text = event.type + " " + at;
    }
    if (values) text += " — " + values;
    if (event.second) text += " — " + say(W.second, event.second);
    return text;
  }

  function clearRows() {
    Object.keys(rowElements).forEach(function (key) { rowElements[key].remove(); });
    rowElements = {};
  }

  function renderLog(log, running) {
    var element = one('[data-log="' + log.id + '"]', main);
    if (!element) return;
    var body = one("[data-log-rows]", element);
    var draft = run && run.drafts && run.drafts.logs[log.id] || {};
    all("[data-log-new] [data-column]", element).forEach(function (input) {
      input.disabled = !running;
      setInput(input, run ? draft[input.getAttribute("data-column")] : undefined);
    });
    all('[data-action="add-row"]', element).forEach(function (button) { button.disabled = !running; });
    state.rows[log.id].forEach(function (row) {
      var key = log.id + "/" + row.row;
      if (!rowElements[key]) {
        rowElements[key] = buildRow(log, row);
        body.appendChild(rowElements[key]);
      }
      updateRow(log, row, rowElements[key], running);
    });
    var message = one("[data-log-message]", element);
    if (message) message.textContent = logMessages[log.id] || "";
  }

  function buildRow(log, row) {
    var tr = make("tr", { "data-row": String(row.row) });
    var numberCell = make("td", { class: "row-number" });
    numberCell.appendChild(make("strong", {}, String(row.row)));
    numberCell.appendChild(make("span", { class: "row-meta" }, say(W.rowMeta, showStamp(row.at), row.by)));
    numberCell.appendChild(make("span", { class: "void-info", "data-void-info": "" }));
    tr.appendChild(numberCell);
    log.columns.forEach(function (column) {
      tr.appendChild(make("td", { class: "col", "data-value": column.id }, showValue(column, row.values[column.id]).replace(W.notRecorded, "")));
    });
    log.reconcile.forEach(function (column) {
      var cell = make("td", { class: "reconcile", "data-reconcile-cell": column.id });
      cell.appendChild(make("span", { class: "reconcile-value", "data-reconcile-value": column.id }));
      var input = make("input", { class: "runner-only", "data-reconcile": column.id, maxlength: "4", autocomplete: "off",
        autocapitalize: "characters", "aria-label": column.label + " — " + row.row });
      cell.appendChild(input);
      tr.appendChild(cell);
    });
    var actions = make("td", { class: "runner-only row-actions" });
    if (log.reconcile.length) actions.appendChild(make("button", { type: "button", "data-action": "reconcile-row" }, W.reconcileButton));
    actions.appendChild(make("input", { "data-void-reason": "", placeholder: W.voidPlaceholder, "aria-label": W.voidPlaceholder + " — " + row.row }));
    actions.appendChild(make("button", { type: "button", "data-action": "void-row" }, W.voidButton));
    tr.appendChild(actions);
    return tr;
  }

  function updateRow(log, row, tr, running) {
    var draft = run && run.drafts && run.drafts.rows[log.id + "/" + row.row] || {};
    tr.setAttribute("data-reconciled", row.reconciled ? "true" : "false");
    tr.setAttribute("data-voided", row.voided ? "true" : "false");
    one("[data-void-info]", tr).textContent = row.voided ? say(W.voidedInfo, showStamp(row.voided.at), row.voided.by, row.voided.reason) : "";
    log.reconcile.forEach(function (column) {
      var done = row.reconcile[column.id];
      one('[data-reconcile-value="' + column.id + '"]', tr).textContent = done ? say(W.rowMeta, done.value, showStamp(done.at)) : "";
      var input = one('[data-reconcile="' + column.id + '"]', tr);
      input.hidden = !!done || !!row.voided;
      input.disabled = !running || !!done || !!row.voided;
      if (!done) setInput(input, draft[column.id]);
    });
    var reconcileButton = one('[data-action="reconcile-row"]', tr);
    if (reconcileButton) {
      reconcileButton.hidden = row.reconciled || !!row.voided;
      reconcileButton.disabled = !running;
    }
    var reason = one("[data-void-reason]", tr);
    reason.hidden = !!row.voided;
    reason.disabled = !running;
    if (!row.voided) setInput(reason, draft["#void"]);
    var voidButton = one('[data-action="void-row"]', tr);
    voidButton.hidden = !!row.voided;
    voidButton.disabled = !running;
  }

  /** Scrolls the current step into view and, after an action, puts the keyboard on it. */
  function bringCurrentIntoView(focus) {
    var element = state.cursor && state.cursor !== "end" ? one('[data-step="' + state.cursor + '"]', main) : null;
    if (!element) return;
    element.scrollIntoView({ block: "center" });
    if (!focus) return;
    var target = all("[data-field], [data-second-initials], [data-goto], [data-action=done]", element)
      .filter(function (candidate) { return !candidate.disabled; })[0];
    if (target) target.focus({ preventScroll: true });
  }

  /* --------------------------------------------------------------- events */

  main.addEventListener("click", function (event) {
    var button = event.target.closest("button");
    if (!button || button.disabled) return;
    var action = button.getAttribute("data-action");
    var found = stepOf(button);
    var logElement = button.closest("[data-log]");
    var log = logElement ? logModel[logElement.getAttribute("data-log")] : null;
    if (action || button.hasAttribute("data-goto")) runMessage = "";
    if (log) logMessages[log.id] = "";
    if (button.hasAttribute("data-goto") && found) choose(found.model, found.element, button);
    else if (action === "start") start();
    else if (action === "change-operator") changeOperator();
    else if (action === "export-json") exportJSON();
    else if (action === "export-csv") exportCSV();
    else if (action === "archive") archive();
    else if (action === "done" && found) complete(found.model, found.element);
    else if (action === "override" && found) override(found.model, found.element);
    else if (action === "correct" && found) startCorrection(found.model);
    else if (action === "save-correction" && found) saveCorrection(found.model, found.element);
    else if (action === "cancel-correction" && found) cancelCorrection(found.model);
    else if (action === "add-row" && log) addRow(log, logElement);
    else if (action === "void-row" && log) voidRow(log, button.closest("[data-row]"));
    else if (action === "reconcile-row" && log) reconcileRow(log, button.closest("[data-row]"));
  });

  /** Typing is saved at once too (as drafts, not as records), so a crash loses nothing typed. */
  function keepDraft(event) {
    var input = event.target;
    if (!run || state.status !== "in-progress") return;
    var value = input.type === "checkbox" ? input.checked : input.value;
    var found = stepOf(input);
    var row = input.closest("[data-row]");
    var logElement = input.closest("[data-log]");
    if (found && input.hasAttribute("data-field")) draftOf("steps", found.model.id)[input.getAttribute("data-field")] = value;
    else if (found && input.hasAttribute("data-second-initials")) draftOf("steps", found.model.id)["#second"] = value;
    else if (found && input.hasAttribute("data-override-reason")) draftOf("steps", found.model.id)["#override"] = value;
    else if (found && input.hasAttribute("data-correction-reason")) draftOf("steps", found.model.id)["#correction"] = value;
    else if (logElement && row && input.hasAttribute("data-reconcile")) draftOf("rows", logElement.getAttribute("data-log") + "/" + row.getAttribute("data-row"))[input.getAttribute("data-reconcile")] = value;
    else if (logElement && row && input.hasAttribute("data-void-reason")) draftOf("rows", logElement.getAttribute("data-log") + "/" + row.getAttribute("data-row"))["#void"] = value;
    else if (logElement && input.hasAttribute("data-column")) draftOf("logs", logElement.getAttribute("data-log"))[input.getAttribute("data-column")] = value;
    else return;
    persist();
  }
  main.addEventListener("input", keepDraft);
  main.addEventListener("change", function (event) {
    if (event.target.matches("[data-action=import-json]")) importFile(event.target);
    else if (event.target.matches("[data-run-select]")) {
      var chosen = storedRuns().filter(function (stored) { return stored.runId === event.target.value; })[0];
      if (chosen) { show(chosen); runMessage = ""; render({ focus: false }); }
    } else keepDraft(event);
  });

  /** Enter does the obvious thing: start, complete the step, add the row, record the re-entry. */
  main.addEventListener("keydown", function (event) {
    if (event.key !== "Enter" || event.target.tagName === "TEXTAREA" || event.target.tagName === "BUTTON") return;
    var input = event.target;
    var click = null;
    if (input.matches("[data-run-operator]")) click = one(run ? '[data-action="change-operator"]' : '[data-action="start"]', panel);
    else if (input.matches("[data-field], [data-second-initials]")) click = one('[data-action="done"]', input.closest("[data-step]"));
    else if (input.matches("[data-column]")) click = one('[data-action="add-row"]', input.closest("[data-log]"));
    else if (input.matches("[data-reconcile]")) click = one('[data-action="reconcile-row"]', input.closest("[data-row]"));
    else if (input.matches("[data-void-reason]")) click = one('[data-action="void-row"]', input.closest("[data-row]"));
    if (click && !click.disabled && !click.hidden) {
      event.preventDefault();
      click.click();
    }
  });

  /** Another tab of this workstation changed the run shown here: show its newer state. */
  window.addEventListener("storage", function (event) {
    if (!event.key || event.key.indexOf(runPrefix) !== 0) return;
    if (run && event.key === keyOf(run.runId) && event.newValue) {
      try {
        var newer = JSON.parse(event.newValue);
        if (newer.events.length >= run.events.length && isPrefix(run.events, newer.events)) {
          run = newer;
          state = derive(run);
          render();
        }
      } catch (error) { /* ignore */ }
    } else if (!run) {
      lookAgain();
    } else {
      render();
    }
  });

  /** A load that saw an empty storage looks again: a run found later is resumed, never replaced. */
  function lookAgain() {
    if (run || !storage) return;
    var found = liveRuns()[0];
    if (!found) return;
    show(found);
    confirmStart = false;
    session("remove", retryKey);
    runMessage = say(W.found, showStamp(found.startedAt), found.events[0] ? found.events[0].operator : "");
    render({ focus: false });
  }

  /* ---------------------------------------------------------------- start */

  openStorage();
  var runs = liveRuns();
  var selected = rememberedSelection();
  // This tab showed a run that storage does not show now: the empty-storage glitch. One reload
  // usually brings it back; if not, starting a new run asks for a second, deliberate click.
  var retryKey = namespace + "retried";
  var missing = !!(storage && selected && !storedRuns().some(function (stored) { return stored.runId === selected; }));
  if (missing && session("get", retryKey) !== selected) {
    session("set", retryKey, selected);
    window.location.reload();
    return;
  }
  if (!missing) session("remove", retryKey);
  var confirmStart = missing;
  html.classList.add("runner-on");
  var initial = runs.filter(function (stored) { return stored.runId === selected; })[0] || runs[0];
  if (initial) {
    show(initial);
    runMessage = say(W.resumed, showStamp(initial.startedAt), initial.events[0] ? initial.events[0].operator : "");
    if (runs.length > 1) runMessage += " " + say(W.others, runs.length - 1);
    if (initial.revision !== model.revision) {
      runMessage += " " + say(W.otherRevision, initial.version, initial.revision, model.version, model.revision);
    }
  } else if (missing) {
    runMessage = W.missing;
  }
  render({ focus: false });
  setInterval(function () {
    if (run) renderElapsed();
    else lookAgain();
  }, 1000);
})();
