/*
 * Rex reconciliation board — listeners: clicks dispatched through the action table, typing kept as drafts, the
 * import input and the list of stored boards, other tabs (storage events, the recording lease), then start-up.
 * Loaded last.
 */
(function (Rex) {
  "use strict";
  var core = Rex.core;
  var board = Rex.board;
  var say = core.say;
  var c = Rex.boardController;
  if (!c || !Rex.boardActions) return;
  var bm = c.bm;
  var BW = c.BW;
  var ui = c.ui;
  var main = document.querySelector("main[data-board]");

  function onClick(event) {
    var button = event.target.closest("button");
    if (!button || button.disabled) return;
    var action = Rex.boardActions.table[button.getAttribute("data-action")];
    if (!action) return;
    ui.message = "";
    var row = button.closest("[data-board-row]");
    if (row) ui.rowMessages[row.getAttribute("data-board-row")] = "";
    action(button);
  }

  /** What is typed in a row's or a unit's inputs is saved at once (as drafts, not records). */
  function keepDraft(event) {
    var input = event.target;
    if (!c.record || c.state.status !== "open" || ui.readOnly) return;
    var row = input.closest("[data-board-row]");
    var unit = input.closest("[data-unit]");
    var slot = null;
    if (row && input.hasAttribute("data-reconcile")) slot = ["rows", row.getAttribute("data-board-row"), input.getAttribute("data-reconcile")];
    else if (unit && input.hasAttribute("data-unit-initials")) slot = ["units", unit.getAttribute("data-unit"), "initials"];
    else if (unit && input.hasAttribute("data-unit-reason")) slot = ["units", unit.getAttribute("data-unit"), "reason"];
    if (!slot) return;
    var group = ui.drafts[slot[0]];
    if (!board.own(group, slot[1])) group[slot[1]] = {};
    group[slot[1]][slot[2]] = input.value;
    c.saveDrafts();
  }

  function onChange(event) {
    var input = event.target;
    if (input.matches("[data-import-runs]")) return Rex.boardActions.importFiles(input);
    if (input.matches("[data-board-select]")) {
      var chosen = c.store.load(input.value);
      if (chosen) {
        if (c.record) c.store.release(c.record.boardId, c.tab);
        c.show(chosen);
        ui.message = "";
        c.render();
      }
      return;
    }
    keepDraft(event);
  }

  /** Enter does the obvious thing: open the outage, record the row's re-entry, mark the unit. */
  function onKey(event) {
    if (event.key !== "Enter" || event.target.tagName === "BUTTON") return;
    var input = event.target;
    var click = null;
    if (input.matches("[data-board-operator]")) click = document.querySelector(c.record ? '[data-action="change-operator"]' : '[data-action="open-outage"]');
    else if (input.matches("[data-reconcile]")) click = input.closest("[data-board-row]").querySelector('[data-action="reconcile-row"]');
    else if (input.matches("[data-unit-initials], [data-unit-reason]")) click = input.closest("[data-unit]").querySelector('[data-action="unit-not-affected"]');
    if (click && !click.disabled && !click.hidden) {
      event.preventDefault();
      click.click();
    }
  }

  /** Another tab of this workstation changed the board shown here, or who records it. */
  function onStorage(event) {
    if (!event.key) return;
    if (c.record && event.key === c.store.leaseKey(c.record.boardId)) return checkLease(false);
    if (!c.store.isRunKey(event.key)) return;
    if (!c.record) return lookAgain();
    var newer = c.store.load(c.record.boardId);
    if (newer && newer.events.length >= c.record.events.length && core.isPrefix(c.record.events, newer.events)) {
      c.record = newer;
      c.state = board.derive(bm, c.record);
    }
    c.render();
  }

  /** Renews this tab's lease, or notices that another tab took over (a free lease is claimed on the tick only). */
  function checkLease(claimFree) {
    if (!c.record || !c.store.available()) return;
    var holder = c.store.leaseHolder(c.record.boardId, c.tab, Date.now());
    var wasReadOnly = ui.readOnly;
    if (holder === "other") ui.readOnly = true;
    else if (holder === "mine" || claimFree) ui.readOnly = !c.store.claim(c.record.boardId, c.tab, Date.now(), false);
    if (wasReadOnly === ui.readOnly) return;
    var newer = c.store.load(c.record.boardId);
    if (newer && core.isPrefix(c.record.events, newer.events)) {
      c.record = newer;
      c.state = board.derive(bm, c.record);
    }
    c.render();
  }

  /** A load that saw an empty storage looks again: a board found later is resumed, never replaced. */
  function lookAgain() {
    if (c.record || !c.store.available()) return;
    var found = c.store.liveRuns()[0];
    if (!found) return;
    c.show(found);
    ui.confirmOpen = false;
    Rex.session.remove(c.keys.retried);
    ui.message = say(BW.found, core.showStamp(found.startedAt), c.state.operator);
    c.render();
  }

  Rex.boardActions.listen = function () {
    main.addEventListener("click", onClick);
    main.addEventListener("input", keepDraft);
    main.addEventListener("change", onChange);
    main.addEventListener("keydown", onKey);
    window.addEventListener("storage", onStorage);
    window.addEventListener("pagehide", function () { if (c.record) c.store.release(c.record.boardId, c.tab); });
    document.addEventListener("visibilitychange", function () { if (!document.hidden) checkLease(false); });
  };
  Rex.boardActions.lookAgain = lookAgain;
  Rex.boardActions.checkLease = checkLease;

  Rex.boardStartUp();
})(this.Rex = this.Rex || {});
