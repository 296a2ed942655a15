/*
 * Rex step runner — log actions: adding a row (refused for a patient on hold or a counter that is not the
 * previous + 1, unless a reason is written), voiding a row with a reason, recording a row's re-entry.
 */
(function (Rex) {
  "use strict";
  var core = Rex.core;
  var say = core.say;
  var c = Rex.controller;
  if (!c || !Rex.actions) return;
  var m = c.m;
  var W = c.W;
  var ui = c.ui;
  var one = c.one;

  function readNewRow(target) {
    var log = target.log;
    return core.readFields(m, log.columns, function (column) {
      return c.rawOf(one('[data-log-new] [data-column="' + column.id + '"]', target.logElement));
    }, {}, log.columns);
  }

  /** Adds the typed row, or refuses it with every reason and keeps what was typed. */
  function addRow(target, anyway) {
    var log = target.log;
    if (!c.canChange(target)) return;
    var read = readNewRow(target);
    if (read.errors.length) return c.tell(target, read.errors.join("\n"));
    var refusals = core.rowRefusals(m, c.state, log, read.values);
    var event = { log: log.id, row: c.state.rows[log.id].length + 1, values: read.values };
    if (refusals.length) {
      var reason = c.textOf("[data-row-override-reason]", target.logElement);
      if (!anyway || !reason) {
        ui.refusals[log.id] = refusals;
        var lines = refusals.map(function (refusal) { return refusal.text; });
        lines.push(anyway ? W.rowReasonMissing : W.rowRefused);
        c.tell(target, lines.join("\n"));
        var box = one("[data-row-override-reason]", target.logElement);
        if (box && anyway) box.focus();
        return;
      }
      event.confirmed = { reason: reason, refusals: refusals.map(function (refusal) {
        return { kind: refusal.kind, row: refusal.row, expected: refusal.expected === undefined ? null : refusal.expected };
      }) };
    }
    var outcome = c.commit("row-add", event);
    if (outcome === "ok" || outcome === "unsaved") {
      delete ui.refusals[log.id];
      c.dropDraft("logs", log.id);
      c.view.clearLogInputs(log);
    }
    c.report(outcome, target, say(event.confirmed ? W.rowAddedAnyway : W.rowAdded, event.row));
    if (outcome === "ok") c.view.focusNewRow(log);
  }

  function voidRow(target) {
    var log = target.log;
    var number = Number(target.rowElement.getAttribute("data-row"));
    if (!c.canChange(target)) return;
    var reason = c.textOf("[data-void-reason]", target.rowElement);
    if (!reason) {
      one("[data-void-reason]", target.rowElement).focus();
      return c.tell(target, say(W.voidReason, number));
    }
    var outcome = c.commit("row-void", { log: log.id, row: number, reason: reason });
    if (outcome === "ok" || outcome === "unsaved") c.dropDraft("rows", log.id + "/" + number);
    c.report(outcome, target, say(W.rowVoided, number));
  }

  function reconcileRow(target) {
    var log = target.log;
    var element = target.rowElement;
    var number = Number(element.getAttribute("data-row"));
    if (!c.canChange(target)) return;
    var row = c.state.rows[log.id].filter(function (candidate) { return candidate.row === number; })[0];
    if (!row || row.voided) return;
    var known = {};
    Object.keys(row.reconcile).forEach(function (id) { known[id] = row.reconcile[id].value; });
    var read = core.readReconcile(m, log, known, function (column) {
      return c.rawOf(one('[data-reconcile="' + column.id + '"]', element));
    });
    if (read.nothing) return c.tell(target, say(W.reconcileNothing, number));
    if (read.errors.length) return c.tell(target, say(W.rowPrefix, number) + read.errors.join("\n"));
    var outcome = c.commit("row-reconcile", { log: log.id, row: number, values: read.values });
    if (outcome === "ok" || outcome === "unsaved") c.dropDraft("rows", log.id + "/" + number);
    c.report(outcome, target, say(W.rowReconciled, number));
  }

  Object.assign(Rex.actions.table, {
    "add-row": function (target) { addRow(target, false); },
    "add-row-anyway": function (target) { addRow(target, true); },
    "void-row": voidRow,
    "reconcile-row": reconcileRow
  });
})(this.Rex = this.Rex || {});
