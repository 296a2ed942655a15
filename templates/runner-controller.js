/*
 * Rex step runner — controller: start-up and the operator's actions. One `ui` object holds what the page
 * shows beyond the run itself; the run changes only through `commit`, which says "recorded" only after
 * the store wrote the event and read it back.
 *
 * Without this script the page is a complete, printable procedure (progressive enhancement).
 */
(function (Rex) {
  "use strict";
  var core = Rex.core;
  var say = core.say;

  /** Waits before each new load when this tab's run is not visible (Chromium's empty-storage glitch). */
  var LOOK_AGAIN_MS = [700, 2000, 5000];
  var LEASE_RENEW_MS = 5000;

  var modelNode = document.getElementById("rex-run-model");
  var main = document.querySelector("main[data-procedure]");
  var panel = document.querySelector("[data-runner]");
  if (!modelNode || !main || !panel || !Rex.view || !Rex.store) return;
  var model;
  try {
    model = JSON.parse(modelNode.textContent);
  } catch (error) {
    return;
  }
  // The page loads the words script of its own language (written by rex from its wording tables).
  var words = Rex.words && Rex.words[String(model.language)];
  if (!words) return;
  var m = core.context(model, words);
  var W = m.W;
  var store = Rex.store(model.handbook, model.procedure);
  var view = Rex.view(m, main, panel);
  var tab = Date.now().toString(36) + "-" + Math.random().toString(36).slice(2, 10);
  var keys = { selected: store.namespace + "selected", retried: store.namespace + "retried", looked: store.namespace + "looked-again" };

  function blankDrafts() { return { steps: {}, logs: {}, rows: {} }; }
  function now() { return core.localISO(new Date()); }

  var run = null;               // the stored run shown on this page, or null
  var state = core.derive(m, null);
  var ui = { message: "", stepMessages: {}, logMessages: {}, correcting: null, refusals: {}, drafts: blankDrafts(),
    readOnly: false, storageFailed: false, looking: false, confirmStart: false, liveRuns: [] };

  function render(options) {
    ui.liveRuns = store.liveRuns();
    view.render({ run: run, state: state, ui: ui }, options);
  }

  /** Puts a message where the operator is looking: a step's alert, a log's alert or the panel's. */
  function tell(target, text, options) {
    if (target && target.step) ui.stepMessages[target.step.id] = text;
    else if (target && target.log) ui.logMessages[target.log.id] = text;
    else ui.message = text;
    render(options);
  }

  /* -------------------------------------------------------------- the run */

  /** Shows a stored run on this page; this tab records it unless another live tab does. */
  function show(stored) {
    run = stored;
    state = core.derive(m, run);
    var drafts = store.drafts(run.runId) || run.drafts || blankDrafts();
    ui.drafts = { steps: drafts.steps || {}, logs: drafts.logs || {}, rows: drafts.rows || {} };
    ui.correcting = null;
    ui.stepMessages = {};
    ui.logMessages = {};
    ui.refusals = {};
    view.clearRows();
    Rex.session.set(keys.selected, run.runId);
    if (store.available()) store.claim(run.runId, tab, Date.now(), false);
    ui.readOnly = store.available() && store.leaseHolder(run.runId, tab, Date.now()) === "other";
  }

  /** Another tab wrote first: its newer state is shown; what this tab typed stays in `ui.drafts`. */
  function adopt(stored) {
    run = stored;
    state = core.derive(m, run);
    if (store.leaseHolder(run.runId, tab, Date.now()) === "other") ui.readOnly = true;
  }

  /**
   * Appends one event: "ok" once stored and read back; "conflict" when another tab wrote first (nothing
   * recorded, the newer state shown); "refused" in a read-only tab; "unsaved" when storage fails (the run
   * goes on in memory under the permanent banner, and every message says it is not saved).
   */
  function commit(type, data) {
    if (!ui.readOnly && store.available() && store.leaseHolder(run.runId, tab, Date.now()) === "other") ui.readOnly = true;
    if (ui.readOnly) return "refused";
    var event = Object.assign({ seq: run.events.length + 1, at: now(), by: state.operator, type: type }, data);
    var next = Object.assign({}, run, { events: run.events.concat([event]), updatedAt: now() });
    return saveRun(next, run.events.length);
  }

  /** Saves a new version of the run whose stored copy should hold `base` events. */
  function saveRun(next, base) {
    var result = ui.storageFailed || !store.available() ? { status: "failed" } : store.save(next, base);
    if (result.status === "conflict") {
      adopt(result.stored);
      ui.message = W.conflict;
      return "conflict";
    }
    run = next;
    state = core.derive(m, run);
    if (result.status === "ok") {
      store.claim(run.runId, tab, Date.now(), false);
      return "ok";
    }
    ui.storageFailed = true;
    return "unsaved";
  }

  /** Says what happened to an action, where the operator looks: never "recorded" unless it was. */
  function report(outcome, target, text, options) {
    if (outcome === "ok") return tell(target, text, options);
    if (outcome === "unsaved") return tell(target, (text ? text + " — " : "") + W.notSaved, options);
    tell(target, outcome === "refused" ? W.readOnlyRefused : W.conflict);
  }

  function canChange(target, stepID) {
    if (!run) { tell(target, W.startFirst); return false; }
    if (ui.readOnly) { tell(target, W.readOnlyRefused); return false; }
    if (state.status !== "in-progress") { tell(target, W.runClosed); return false; }
    if (stepID && state.cursor !== stepID && ui.correcting !== stepID) { tell(target, W.notCurrent); return false; }
    return true;
  }

  function draftOf(group, key) {
    if (!ui.drafts[group][key]) ui.drafts[group][key] = {};
    return ui.drafts[group][key];
  }
  function dropDraft(group, key) {
    delete ui.drafts[group][key];
    saveDrafts();
  }
  function saveDrafts() {
    if (!run || ui.readOnly || ui.storageFailed || !store.available()) return;
    if (store.saveDrafts(run.runId, ui.drafts) !== "ok") {
      ui.storageFailed = true;
      render();
    }
  }

  /* ------------------------------------------------------------- reading */

  function one(selector, root) { return (root || document).querySelector(selector); }
  function rawOf(input) {
    if (!input) return { raw: "" };
    return { raw: input.type === "checkbox" ? input.checked : input.value, badInput: !!(input.validity && input.validity.badInput) };
  }
  function typedStep(target) {
    var second = one("[data-second-initials]", target.stepElement);
    return {
      rawOf: function (field) { return rawOf(one('[data-field="' + field.id + '"]', target.stepElement)); },
      second: second ? second.value : null
    };
  }
  function textOf(selector, root) { return String((one(selector, root) || {}).value || "").trim(); }

  Rex.controller = { ui: ui, commit: commit, saveRun: saveRun, report: report, canChange: canChange, tell: tell,
    render: render, show: show, store: store, m: m, W: W, now: now, tab: tab, keys: keys, draftOf: draftOf,
    dropDraft: dropDraft, saveDrafts: saveDrafts, typedStep: typedStep, rawOf: rawOf, textOf: textOf, one: one,
    blankDrafts: blankDrafts, view: view,
    get run() { return run; }, set run(value) { run = value; },
    get state() { return state; }, set state(value) { state = value; } };

  /* ----------------------------------------------------------- start-up */

  function startUp() {
    ui.storageFailed = !store.open();
    var selected = Rex.session.get(keys.selected);
    var missing = store.available() && !!selected && !store.runs().some(function (stored) { return stored.runId === selected; });
    if (missing && lookAgainLater(selected)) return;
    if (!missing) Rex.session.remove(keys.retried);
    ui.confirmStart = missing;
    var runs = store.liveRuns();
    var initial = runs.filter(function (stored) { return stored.runId === selected; })[0] || runs[0];
    if (initial) {
      show(initial);
      ui.message = say(W.resumed, core.showStamp(initial.startedAt), initial.events[0] ? initial.events[0].operator : "");
      if (runs.length > 1) ui.message += " " + say(W.others, runs.length - 1);
      if (initial.revision !== model.revision) {
        ui.message += " " + say(W.otherRevision, initial.version, initial.revision, model.version, model.revision);
      }
    } else if (missing) {
      ui.message = W.missing;
    }
    render({ focus: false });
    Rex.actions.listen();
    var ticks = 0;
    setInterval(function () {
      ticks++;
      if (!run) return Rex.actions.lookAgain();
      view.renderElapsed({ run: run, state: state });
      if (ticks % (LEASE_RENEW_MS / 1000) === 0) Rex.actions.checkLease(true);
    }, 1000);
  }

  /**
   * This tab showed a run that storage does not show now: Chromium over file:// sometimes shows an empty
   * storage for the whole life of a page, and the data is back on a later load. Loads in quick succession
   * glitch most, so the page loads again after a growing pause, a few times, before it gives up and warns.
   */
  function lookAgainLater(selected) {
    var retried = String(Rex.session.get(keys.retried) || "").split("|");
    var attempts = retried[0] === selected ? Number(retried[1]) || 0 : 0;
    if (attempts >= LOOK_AGAIN_MS.length) return false;
    Rex.session.set(keys.retried, selected + "|" + (attempts + 1));
    Rex.session.set(keys.looked, String((Number(Rex.session.get(keys.looked)) || 0) + 1));
    ui.looking = true;
    ui.message = say(W.looking, attempts + 1, LOOK_AGAIN_MS.length);
    document.documentElement.setAttribute("data-runner-looking", "");
    render({ focus: false });
    setTimeout(function () { window.location.reload(); }, LOOK_AGAIN_MS[attempts]);
    return true;
  }

  Rex.startUp = startUp;
})(this.Rex = this.Rex || {});
