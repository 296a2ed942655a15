/*
 * Rex step runner — actions: what each button does, as a table keyed by its data-action, and the page's
 * listeners (clicks, typing kept as drafts, Enter, other tabs). Rules come from the core; every change goes
 * through the controller's commit and is reported with what really happened.
 */
(function (Rex) {
  "use strict";
  var core = Rex.core;
  var say = core.say;
  var c = Rex.controller;
  if (!c) return;
  var m = c.m;
  var W = c.W;
  var ui = c.ui;
  var one = c.one;

  /** After a step or decision: the panel says where the run is; a refusal stays at the step. */
  function afterMove(outcome, target, text) {
    if (outcome !== "ok" && outcome !== "unsaved") return c.report(outcome, target, "");
    if (c.state.status === "complete") text = W.endReached;
    c.report(outcome, null, text || "", { focus: true });
  }

  /* ----------------------------------------------------------------- run */

  function start() {
    var operator = c.textOf("[data-run-operator]").toUpperCase();
    if (!core.isInitials(operator)) return c.tell(null, W.operatorInvalid);
    // A run may be there after all (an empty storage seen on load): resume it, never start over it.
    var found = c.run ? null : c.store.liveRuns()[0];
    if (found) {
      c.show(found);
      return c.tell(null, say(W.found, core.showStamp(found.startedAt), found.events[0].operator));
    }
    if (c.run) return;
    if (ui.confirmStart) {
      ui.confirmStart = false;
      return c.tell(null, W.missingStart);
    }
    var unit = chosenUnit();
    if (unit === false) return;
    var drill = !!(one("[data-run-drill]") || {}).checked;
    var at = c.now();
    c.run = { format: core.FORMAT, formatVersion: core.FORMAT_VERSION, runId: c.store.newRunId(), handbook: m.model.handbook,
      procedure: m.model.procedure, title: m.model.title, version: m.model.version, revision: m.model.revision,
      language: m.model.language, drill: drill, unit: unit, startedAt: at, updatedAt: at, exportedAt: null,
      exportedEvents: 0, archivedAt: null, events: [] };
    c.state = core.derive(m, null);
    ui.drafts = c.blankDrafts();
    ui.readOnly = false;
    Rex.session.set(c.keys.selected, c.run.runId);
    var start = { by: operator, operator: operator, drill: drill };
    if (unit) start.unit = unit;
    var outcome = c.commit("start", start);
    var text = say(drill ? W.startedDrill : W.started, operator);
    c.report(outcome, null, unit ? say(W.startedOn, text, core.unitName(m.model, unit)) : text, { focus: true });
  }

  /** The unit chosen for a new run: null when the department declares none, false (and says why) when none is chosen. */
  function chosenUnit() {
    var units = m.model.units || [];
    if (!units.length) return null;
    var unit = String((one("[data-run-unit]") || {}).value || "");
    if (!unit) {
      c.tell(null, W.unitMissing);
      return false;
    }
    if (!units.some(function (candidate) { return candidate.id === unit; })) {
      c.tell(null, say(W.unitUnknown, unit));
      return false;
    }
    return unit;
  }

  function changeOperator() {
    if (!c.canChange(null)) return;
    var operator = c.textOf("[data-run-operator]").toUpperCase();
    if (!core.isInitials(operator)) return c.tell(null, W.operatorInvalid);
    if (operator === c.state.operator) return c.tell(null, say(W.operatorSame, operator));
    var from = c.state.operator;
    c.report(c.commit("operator", { by: operator, from: from, to: operator }), null, say(W.operatorChanged, from, operator));
  }

  function takeOver() {
    if (!c.run) return;
    c.store.claim(c.run.runId, c.tab, Date.now(), true);
    ui.readOnly = false;
    c.report(c.commit("take-over", { tab: c.tab }), null, W.tookOver);
  }

  /* --------------------------------------------------------------- steps */

  function complete(target) {
    var step = target.step;
    if (!c.canChange(target, step.id)) return;
    var found = core.stepProblems(m, c.state, step, c.typedStep(target));
    if (found.problems.length) return c.tell(target, found.problems.join("\n"));
    var differing = core.mismatches(m, c.state, step, found.values);
    ui.stepMessages[step.id] = "";
    if (differing.length) {
      var last = c.state.steps[step.id].entries.slice(-1)[0];
      var again = last && last.type === "blocked" && JSON.stringify(last.values) === JSON.stringify(found.values);
      if (again) return c.render();
      var blocked = c.commit("blocked", { step: step.id, values: found.values, mismatches: differing });
      return blocked === "ok" ? c.render() : c.report(blocked, target, "");
    }
    var event = { step: step.id, values: found.values };
    if (step.doubleCheck) event.second = found.second;
    var outcome = c.commit("done", event);
    if (outcome !== "conflict" && outcome !== "refused") c.dropDraft("steps", step.id);
    afterMove(outcome, target);
  }

  function override(target) {
    var step = target.step;
    if (!c.canChange(target, step.id)) return;
    if (c.state.steps[step.id].state !== "blocked") return c.tell(target, W.notBlocked);
    var reason = c.textOf("[data-override-reason]", target.stepElement);
    var found = core.stepProblems(m, c.state, step, c.typedStep(target));
    if (found.problems.length) return c.tell(target, found.problems.join("\n"));
    var differing = core.mismatches(m, c.state, step, found.values);
    if (differing.length && !reason) return c.tell(target, W.overrideReason);
    var event = { step: step.id, values: found.values };
    if (step.doubleCheck) event.second = found.second;
    if (differing.length) {
      event.mismatches = differing;
      event.reason = reason;
    }
    ui.stepMessages[step.id] = "";
    var outcome = c.commit(differing.length ? "override" : "done", event);
    if (outcome !== "conflict" && outcome !== "refused") c.dropDraft("steps", step.id);
    afterMove(outcome, target);
  }

  function choose(target, button) {
    var step = target.step;
    if (!c.canChange(target, step.id)) return;
    var buttons = Array.prototype.slice.call(target.stepElement.querySelectorAll("[data-goto]"));
    var choice = step.choices[buttons.indexOf(button)];
    if (!choice) return;
    if (ui.correcting === step.id) return correctDecision(target, choice);
    var found = core.stepProblems(m, c.state, step, c.typedStep(target));
    if (found.problems.length) return c.tell(target, found.problems.join("\n"));
    var event = { step: step.id, answer: choice.answer, goto: choice.goto };
    if (step.fields.length) event.values = found.values;
    if (step.doubleCheck) event.second = found.second;
    ui.stepMessages[step.id] = "";
    var outcome = c.commit("decision", event);
    if (outcome !== "conflict" && outcome !== "refused") c.dropDraft("steps", step.id);
    afterMove(outcome, target);
  }

  function correctDecision(target, choice) {
    var step = target.step;
    var reason = c.textOf("[data-correction-reason]", target.stepElement);
    if (!reason) return c.tell(target, W.correctionReason);
    var previous = c.state.steps[step.id].answer;
    if (previous === choice.answer) return c.tell(target, W.correctionSame);
    ui.stepMessages[step.id] = "";
    var outcome = c.commit("correction", { step: step.id, previous: previous, answer: choice.answer, goto: choice.goto, reason: reason });
    if (outcome === "ok" || outcome === "unsaved") {
      ui.correcting = null;
      c.dropDraft("steps", step.id);
    }
    afterMove(outcome, null, W.corrected);
  }

  function startCorrection(target) {
    var step = target.step;
    if (!c.canChange(target)) return;
    var entry = c.state.steps[step.id];
    if (entry.state !== "done") return;
    ui.correcting = step.id;
    var draft = c.draftOf("steps", step.id);
    Object.keys(entry.values || {}).forEach(function (id) { draft[id] = entry.values[id]; });
    ui.stepMessages[step.id] = "";
    c.render();
    var reason = one("[data-correction-reason]", target.stepElement);
    if (reason) reason.focus();
  }

  function saveCorrection(target) {
    var step = target.step;
    if (ui.correcting !== step.id || !c.canChange(target, step.id)) return;
    var reason = c.textOf("[data-correction-reason]", target.stepElement);
    var read = core.readFields(m, step.fields, c.typedStep(target).rawOf, c.state.values);
    if (read.errors.length) return c.tell(target, read.errors.join("\n"));
    if (!reason) return c.tell(target, W.correctionReason);
    var previous = c.state.steps[step.id].values || {};
    var changed = {};
    var before = {};
    Object.keys(read.values).forEach(function (id) {
      if (!core.same(read.values[id], previous[id]) || typeof read.values[id] !== typeof previous[id]) {
        changed[id] = read.values[id];
        before[id] = previous[id] === undefined ? null : previous[id];
      }
    });
    if (!Object.keys(changed).length) return c.tell(target, W.correctionNothing);
    var event = { step: step.id, values: changed, previous: before, reason: reason };
    var differing = core.mismatches(m, c.state, step, Object.assign({}, previous, read.values));
    if (differing.length) event.mismatches = differing;
    ui.stepMessages[step.id] = "";
    var outcome = c.commit("correction", event);
    if (outcome === "ok" || outcome === "unsaved") {
      ui.correcting = null;
      c.dropDraft("steps", step.id);
    }
    c.report(outcome, null, W.corrected);
  }

  function cancelCorrection(target) {
    ui.correcting = null;
    ui.stepMessages[target.step.id] = "";
    c.dropDraft("steps", target.step.id);
    c.render();
  }

  Rex.actions = {
    table: {
      start: start, "change-operator": changeOperator, "take-over": takeOver,
      done: complete, override: override, correct: startCorrection, "save-correction": saveCorrection,
      "cancel-correction": cancelCorrection, choose: choose
    }
  };
})(this.Rex = this.Rex || {});
