/*
 * Rex step runner — listeners: clicks dispatched through the action table, typing kept as drafts, Enter,
 * other tabs (storage events, the recording lease), then start-up. Loaded last.
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
  var main = document.querySelector("main[data-procedure]");
  var panel = document.querySelector("[data-runner]");

  /** Where a control sits: its step, log and row, with their models. */
  function targetOf(element) {
    var stepElement = element.closest("[data-step]");
    var logElement = element.closest("[data-log]");
    return {
      stepElement: stepElement, step: stepElement ? m.steps[stepElement.getAttribute("data-step")] : null,
      logElement: logElement, log: logElement ? m.logs[logElement.getAttribute("data-log")] : null,
      rowElement: element.closest("[data-row]")
    };
  }

  function onClick(event) {
    var button = event.target.closest("button");
    document.documentElement.classList.remove("rex-print-hold");
    if (!button || button.disabled) return;
    var name = button.hasAttribute("data-goto") ? "choose" : button.getAttribute("data-action");
    var action = Rex.actions.table[name];
    if (!action) return;
    var target = targetOf(button);
    ui.message = "";
    if (target.log) ui.logMessages[target.log.id] = "";
    action(target, button);
  }

  /** Typing is saved at once too (as drafts, not as records), so a crash loses nothing typed. */
  function keepDraft(event) {
    var input = event.target;
    if (!c.run || c.state.status !== "in-progress" || ui.readOnly) return;
    var value = input.type === "checkbox" ? input.checked : input.value;
    var target = targetOf(input);
    var rowKey = target.log && target.rowElement ? target.log.id + "/" + target.rowElement.getAttribute("data-row") : null;
    var slot = null;
    if (target.step && input.hasAttribute("data-field")) slot = ["steps", target.step.id, input.getAttribute("data-field")];
    else if (target.step && input.hasAttribute("data-second-initials")) slot = ["steps", target.step.id, "#second"];
    else if (target.step && input.hasAttribute("data-override-reason")) slot = ["steps", target.step.id, "#override"];
    else if (target.step && input.hasAttribute("data-correction-reason")) slot = ["steps", target.step.id, "#correction"];
    else if (rowKey && input.hasAttribute("data-reconcile")) slot = ["rows", rowKey, input.getAttribute("data-reconcile")];
    else if (rowKey && input.hasAttribute("data-void-reason")) slot = ["rows", rowKey, "#void"];
    else if (target.log && input.hasAttribute("data-column")) slot = ["logs", target.log.id, input.getAttribute("data-column")];
    else if (target.log && input.hasAttribute("data-row-override-reason")) slot = ["logs", target.log.id, "#row-override"];
    if (!slot) return;
    c.draftOf(slot[0], slot[1])[slot[2]] = value;
    c.saveDrafts();
  }

  function onChange(event) {
    var input = event.target;
    if (input.matches("[data-action=import-json]")) return Rex.actions.importFile(input);
    if (input.matches("[data-run-select]")) {
      var chosen = c.store.load(input.value);
      if (chosen) {
        if (c.run) c.store.release(c.run.runId, c.tab);
        c.show(chosen);
        ui.message = "";
        c.render({ focus: false });
      }
      return;
    }
    keepDraft(event);
  }

  /** Enter does the obvious thing: start, complete the step, add the row, record the re-entry. */
  function onKey(event) {
    if (event.key !== "Enter" || event.target.tagName === "TEXTAREA" || event.target.tagName === "BUTTON") return;
    var input = event.target;
    var click = null;
    if (input.matches("[data-run-operator]")) click = one(c.run ? '[data-action="change-operator"]' : '[data-action="start"]', panel);
    else if (input.matches("[data-field], [data-second-initials]")) click = one('[data-action="done"]', input.closest("[data-step]"));
    else if (input.matches("[data-column]")) click = one('[data-action="add-row"]', input.closest("[data-log]"));
    else if (input.matches("[data-reconcile]")) click = one('[data-action="reconcile-row"]', input.closest("[data-row]"));
    else if (input.matches("[data-void-reason]")) click = one('[data-action="void-row"]', input.closest("[data-row]"));
    if (click && !click.disabled && !click.hidden) {
      event.preventDefault();
      click.click();
    }
  }

  /** Another tab of this workstation changed the run shown here, or who records it. */
  function onStorage(event) {
    if (!event.key) return;
    if (c.run && event.key === c.store.leaseKey(c.run.runId)) return checkLease(false);
    if (!c.store.isRunKey(event.key)) return;
    if (!c.run) return lookAgain();
    var newer = c.store.load(c.run.runId);
    if (newer && newer.events.length >= c.run.events.length && core.isPrefix(c.run.events, newer.events)) {
      c.run = newer;
      c.state = core.derive(m, c.run);
    }
    c.render();
  }

  /**
   * Renews this tab's lease, or notices that another tab took over. A free lease (its tab closed, or
   * crashed long enough ago) is claimed only on the periodic tick, not at once on another tab's release:
   * a tab that reloads releases its lease and takes it back within a moment.
   */
  function checkLease(claimFree) {
    if (!c.run || !c.store.available()) return;
    var holder = c.store.leaseHolder(c.run.runId, c.tab, Date.now());
    var wasReadOnly = ui.readOnly;
    if (holder === "other") ui.readOnly = true;
    else if (holder === "mine" || claimFree) ui.readOnly = !c.store.claim(c.run.runId, c.tab, Date.now(), false);
    if (wasReadOnly === ui.readOnly) return;
    var newer = c.store.load(c.run.runId);
    if (newer && core.isPrefix(c.run.events, newer.events)) {
      c.run = newer;
      c.state = core.derive(m, c.run);
    }
    c.render();
  }

  /** A load that saw an empty storage looks again: a run found later is resumed, never replaced. */
  function lookAgain() {
    if (c.run || !c.store.available()) return;
    var found = c.store.liveRuns()[0];
    if (!found) return;
    c.show(found);
    ui.confirmStart = false;
    Rex.session.remove(c.keys.retried);
    ui.message = say(W.found, core.showStamp(found.startedAt), found.events[0] ? found.events[0].operator : "");
    c.render({ focus: false });
  }

  Rex.actions.listen = function () {
    main.addEventListener("click", onClick);
    main.addEventListener("input", keepDraft);
    main.addEventListener("change", onChange);
    main.addEventListener("keydown", onKey);
    window.addEventListener("storage", onStorage);
    window.addEventListener("pagehide", function () { if (c.run) c.store.release(c.run.runId, c.tab); });
    document.addEventListener("visibilitychange", function () { if (!document.hidden) checkLease(false); });
  };
  Rex.actions.lookAgain = lookAgain;
  Rex.actions.checkLease = checkLease;

  Rex.startUp();
})(this.Rex = this.Rex || {});
