/*
 * Rex reconciliation board — actions, as a table keyed by data-action: open the outage, change coordinator, take
 * over, import several run files at once, mark a unit not affected, reconcile a row (the runner's own rules),
 * close (refused while a unit is missing or a row is pending), export, print. Rules come from the pure parts;
 * every change goes through the controller's commit and is reported with what really happened.
 */
(function (Rex) {
  "use strict";
  var core = Rex.core;
  var board = Rex.board;
  var say = core.say;
  var c = Rex.boardController;
  if (!c) return;
  var bm = c.bm;
  var BW = c.BW;
  var ui = c.ui;

  function one(selector, root) { return (root || document).querySelector(selector); }
  function typed(selector, root) { return String((one(selector, root) || {}).value || "").trim(); }

  function openOutage() {
    var operator = typed("[data-board-operator]").toUpperCase();
    if (!core.isInitials(operator)) return c.tell(null, BW.operatorInvalid);
    var procedure = typed("[data-board-procedure]");
    if (!board.own(bm.procedures, procedure)) return c.tell(null, BW.procedureMissing);
    if (c.record && c.state.status === "open") return;
    if (c.record) c.store.release(c.record.boardId, c.tab);
    var found = c.record ? null : c.store.liveRuns().filter(function (stored) { return board.derive(bm, stored).status === "open"; })[0];
    if (found) {
      c.show(found);
      return c.tell(null, say(BW.found, core.showStamp(found.startedAt), c.state.operator));
    }
    if (ui.confirmOpen) {
      ui.confirmOpen = false;
      return c.tell(null, BW.missingOpen);
    }
    var drill = !!(one("[data-board-drill]") || {}).checked;
    var at = c.now();
    var m = bm.procedures[procedure];
    c.record = { format: board.FORMAT, formatVersion: board.FORMAT_VERSION, boardId: c.store.newRunId(),
      handbook: bm.model.handbook, procedure: procedure, title: m.model.title, version: m.model.version,
      revision: m.model.revision, language: bm.model.language, drill: drill, startedAt: at, updatedAt: at,
      exportedAt: null, exportedEvents: 0, archivedAt: null, events: [] };
    c.state = board.derive(bm, null);
    ui.drafts = c.blankDrafts();
    ui.readOnly = false;
    c.view.forget();
    Rex.session.set(c.keys.selected, c.record.boardId);
    var outcome = c.commit("open", { by: operator, operator: operator, procedure: procedure, drill: drill });
    c.report(outcome, null, say(drill ? BW.openedDrill : BW.opened, operator, m.model.title));
  }

  function changeOperator() {
    if (!c.canChange(null)) return;
    var operator = typed("[data-board-operator]").toUpperCase();
    if (!core.isInitials(operator)) return c.tell(null, BW.operatorInvalid);
    if (operator === c.state.operator) return c.tell(null, say(BW.operatorSame, operator));
    var from = c.state.operator;
    c.report(c.commit("operator", { by: operator, from: from, to: operator }), null, say(BW.operatorChanged, from, operator));
  }

  function takeOver() {
    if (!c.record) return;
    c.store.claim(c.record.boardId, c.tab, Date.now(), true);
    ui.readOnly = false;
    c.report(c.commit("take-over", { tab: c.tab }), null, BW.tookOver);
  }

  /* ------------------------------------------------------------ imports */

  /** Reads every chosen file, then imports them one by one, each checked against the board as it is by then. */
  function importFiles(input) {
    var files = Array.prototype.slice.call(input.files || []);
    if (!files.length) return c.tell(null, BW.importNone);
    if (!c.canChange(null)) { input.value = ""; return; }
    var texts = new Array(files.length);
    var left = files.length;
    files.forEach(function (file, index) {
      if (file.size > core.LIMITS.fileBytes) {
        texts[index] = { name: file.name, tooBig: file.size };
        if (--left === 0) importTexts(input, texts);
        return;
      }
      var reader = new FileReader();
      reader.onload = function () {
        texts[index] = { name: file.name, text: String(reader.result) };
        if (--left === 0) importTexts(input, texts);
      };
      reader.onerror = function () {
        texts[index] = { name: file.name, text: "" };
        if (--left === 0) importTexts(input, texts);
      };
      reader.readAsText(file);
    });
  }

  function importTexts(input, texts) {
    input.value = "";
    var lines = [];
    var outcome = "ok";
    for (var i = 0; i < texts.length && (outcome === "ok" || outcome === "unsaved"); i++) {
      var file = texts[i];
      if (file.tooBig) {
        lines.push(say(BW.importFile, file.name, say(bm.W.importTooBig, file.tooBig, core.LIMITS.fileBytes)));
        continue;
      }
      var verdict = board.checkImport(bm, c.state, file.text, file.name);
      if (!verdict.event) {
        lines.push(verdict.error || verdict.known);
        continue;
      }
      outcome = c.commit("import", verdict.event);
      if (outcome === "ok" || outcome === "unsaved") lines.push(verdict.message);
    }
    c.report(outcome, null, lines.join("\n"));
  }

  /* -------------------------------------------------- units, rows, close */

  function notAffected(button) {
    var tr = button.closest("[data-unit]");
    var unitID = tr.getAttribute("data-unit");
    var unit = bm.units.filter(function (candidate) { return candidate.id === unitID; })[0];
    if (!unit || !c.canChange(null)) return;
    var overview = board.overview(bm, c.state);
    if (overview.units.some(function (status) { return status.id === unitID && status.runs.length; })) {
      return c.tell(null, say(BW.unitAlreadyImported, unit.name));
    }
    var initials = typed("[data-unit-initials]", tr).toUpperCase();
    if (!core.isInitials(initials)) return c.tell(null, say(BW.unitNeedsInitials, unit.name));
    var reason = typed("[data-unit-reason]", tr);
    if (!reason) return c.tell(null, say(BW.unitNeedsReason, unit.name));
    var outcome = c.commit("unit-not-affected", { unit: unitID, initials: initials, reason: reason });
    if (outcome === "ok" || outcome === "unsaved") {
      delete ui.drafts.units[unitID];
      c.saveDrafts();
    }
    c.report(outcome, null, say(BW.unitMarked, unit.name, initials));
  }

  function reconcileRow(button) {
    var tr = button.closest("[data-board-row]");
    var key = tr.getAttribute("data-board-row");
    if (!c.canChange(key)) return;
    var overview = board.overview(bm, c.state);
    var row = overview.rows.filter(function (candidate) { return candidate.key === key; })[0];
    if (!row || row.voided) return;
    var name = board.rowName(bm, overview.m, row);
    var known = {};
    Object.keys(row.reconcile).forEach(function (id) { known[id] = row.reconcile[id].value; });
    var read = core.readReconcile(overview.m, row.log, known, function (column) {
      return { raw: (one('[data-reconcile="' + column.id + '"]', tr) || {}).value };
    });
    if (read.nothing) return c.tell(key, say(BW.reconcileNothing, name));
    if (read.errors.length) return c.tell(key, say(BW.rowProblem, name, read.errors.join("\n")));
    var outcome = c.commit("row-reconcile", { run: row.run.id, log: row.log.id, row: row.number, values: read.values });
    if (outcome === "ok" || outcome === "unsaved") {
      delete ui.drafts.rows[key];
      c.saveDrafts();
    }
    c.report(outcome, key, say(BW.rowReconciled, name));
  }

  function closeOutage() {
    if (!c.canChange(null)) return;
    var problems = board.closingProblems(bm, c.state, board.overview(bm, c.state));
    if (problems.length) return c.tell(null, [BW.closeRefused].concat(problems).join("\n"));
    c.report(c.commit("close", {}), null, say(BW.closed, c.state.operator));
  }

  /* --------------------------------------------------------- files, paper */

  function download(name, type, text) {
    var url = URL.createObjectURL(new Blob([text], { type: type }));
    var link = document.createElement("a");
    link.href = url;
    link.download = name;
    link.hidden = true;
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(function () { URL.revokeObjectURL(url); }, 60000);
  }

  /** rex-board-rv-downtime-20251118-1032[-exercice].json: the whole outage, every imported run inside. */
  function exportJSON() {
    if (!c.record) return c.tell(null, BW.openFirst);
    var at = c.now();
    var name = "rex-board-" + c.state.procedure + "-" + at.slice(0, 16).replace(/[-:]/g, "").replace("T", "-") +
      (c.state.drill ? "-" + BW.drill.toLowerCase() : "") + ".json";
    download(name, "application/json", JSON.stringify(board.exportObject(bm, c.record, c.state, at), null, 2));
    var outcome = ui.readOnly ? "ok" : c.saveRecord(Object.assign({}, c.record, { exportedAt: at,
      exportedEvents: c.record.events.length, updatedAt: at }), c.record.events.length);
    c.report(outcome === "conflict" ? "conflict" : "ok", null, say(BW.exported, name));
  }

  function print(kind) {
    if (!c.record) return c.tell(null, BW.openFirst);
    Rex.boardSheets[kind](bm, c.record, c.state, board.overview(bm, c.state), c.now());
    var root = document.documentElement;
    root.classList.add("rex-print-board");
    window.addEventListener("afterprint", function done() {
      root.classList.remove("rex-print-board");
      window.removeEventListener("afterprint", done);
    });
    window.print();
  }

  Rex.boardActions = {
    table: {
      "open-outage": openOutage, "change-operator": changeOperator, "take-over": takeOver,
      "unit-not-affected": notAffected, "reconcile-row": reconcileRow, "close-outage": closeOutage,
      "export-json": exportJSON,
      "print-hold-list": function () { print("hold"); },
      "print-report": function () { print("report"); }
    },
    importFiles: importFiles
  };
})(this.Rex = this.Rex || {});
