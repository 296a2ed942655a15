/*
 * Rex reconciliation board — controller: start-up and the one `ui` object. The board's record changes only
 * through `commit`, which says "recorded" only after the store wrote the event and read it back — the runner's
 * guarantees: another tab's write first is a conflict (nothing recorded, what was typed kept), a storage failure
 * raises the permanent banner, a record hidden by Chromium's empty-storage glitch is looked for again by new loads.
 *
 * Without this script the page says how to close on paper (progressive enhancement).
 */
(function (Rex) {
  "use strict";
  var core = Rex.core;
  var board = Rex.board;
  var say = core.say;

  var LOOK_AGAIN_MS = [700, 2000, 5000];
  var LEASE_RENEW_MS = 5000;

  var modelNode = document.getElementById("rex-board-model");
  var main = document.querySelector("main[data-board]");
  var panel = document.querySelector("[data-board-panel]");
  if (!modelNode || !main || !panel || !Rex.boardView || !Rex.store || !board.derive) return;
  var model;
  try {
    model = JSON.parse(modelNode.textContent);
  } catch (error) {
    return;
  }
  var language = String(model.language || "fr").slice(0, 2);
  // The page loads the words script of its own language (written by rex from its wording tables).
  if (!Rex.words || !Rex.words[language] || !Rex.boardWords || !Rex.boardWords[language]) return;
  var bm = board.context(model, Rex.words[language], Rex.boardWords[language]);
  var BW = bm.BW;
  // "@" is in no procedure id: the board's keys never meet a procedure's runs.
  var store = Rex.store(model.handbook, "@board", { format: board.FORMAT, idKey: "boardId" });
  var view = Rex.boardView(bm, main, panel);
  var tab = Date.now().toString(36) + "-" + Math.random().toString(36).slice(2, 10);
  var keys = { selected: store.namespace + "selected", retried: store.namespace + "retried", looked: store.namespace + "looked-again" };

  function blankDrafts() { return { rows: {}, units: {} }; }
  function now() { return core.localISO(new Date()); }

  var record = null;
  var state = board.derive(bm, null);
  var ui = { message: "", rowMessages: {}, drafts: blankDrafts(), readOnly: false, storageFailed: false, looking: false,
    confirmOpen: false, boards: [] };

  function render() {
    ui.boards = store.liveRuns();
    view.render({ record: record, state: state, overview: board.overview(bm, state), ui: ui });
  }

  /** A message at a row (its key) or in the panel. */
  function tell(rowKey, text) {
    if (rowKey) ui.rowMessages[rowKey] = text;
    else ui.message = text;
    render();
  }

  function show(stored) {
    record = stored;
    state = board.derive(bm, record);
    var drafts = store.drafts(record.boardId) || blankDrafts();
    ui.drafts = { rows: drafts.rows || {}, units: drafts.units || {} };
    ui.rowMessages = {};
    view.forget();
    Rex.session.set(keys.selected, record.boardId);
    if (store.available()) store.claim(record.boardId, tab, Date.now(), false);
    ui.readOnly = store.available() && store.leaseHolder(record.boardId, tab, Date.now()) === "other";
  }

  function adopt(stored) {
    record = stored;
    state = board.derive(bm, record);
    if (store.leaseHolder(record.boardId, tab, Date.now()) === "other") ui.readOnly = true;
  }

  /** Appends one event: "ok" once stored and read back, "conflict", "refused" (read-only tab) or "unsaved". */
  function commit(type, data) {
    if (!ui.readOnly && store.available() && store.leaseHolder(record.boardId, tab, Date.now()) === "other") ui.readOnly = true;
    if (ui.readOnly) return "refused";
    var event = Object.assign({ seq: record.events.length + 1, at: now(), by: state.operator, type: type }, data);
    var next = Object.assign({}, record, { events: record.events.concat([event]), updatedAt: now() });
    return saveRecord(next, record.events.length);
  }

  function saveRecord(next, base) {
    var result = ui.storageFailed || !store.available() ? { status: "failed" } : store.save(next, base);
    if (result.status === "conflict") {
      adopt(result.stored);
      return "conflict";
    }
    record = next;
    state = board.derive(bm, record);
    if (result.status === "ok") {
      store.claim(record.boardId, tab, Date.now(), false);
      return "ok";
    }
    ui.storageFailed = true;
    return "unsaved";
  }

  /** Never "recorded" unless it was. */
  function report(outcome, rowKey, text) {
    if (outcome === "ok") return tell(rowKey, text);
    if (outcome === "unsaved") return tell(rowKey, (text ? text + " — " : "") + BW.notSaved);
    tell(rowKey, outcome === "refused" ? BW.readOnlyRefused : BW.conflict);
  }

  function canChange(rowKey) {
    if (!record) { tell(rowKey, BW.openFirst); return false; }
    if (ui.readOnly) { tell(rowKey, BW.readOnlyRefused); return false; }
    if (state.status !== "open") { tell(rowKey, BW.closedNoChange); return false; }
    return true;
  }

  function saveDrafts() {
    if (!record || ui.readOnly || ui.storageFailed || !store.available()) return;
    if (store.saveDrafts(record.boardId, ui.drafts) !== "ok") {
      ui.storageFailed = true;
      render();
    }
  }

  Rex.boardController = { ui: ui, bm: bm, BW: BW, store: store, tab: tab, keys: keys, now: now, render: render, tell: tell,
    show: show, commit: commit, saveRecord: saveRecord, report: report, canChange: canChange, saveDrafts: saveDrafts,
    blankDrafts: blankDrafts, view: view,
    get record() { return record; }, set record(value) { record = value; },
    get state() { return state; }, set state(value) { state = value; } };

  /* ----------------------------------------------------------- start-up */

  function startUp() {
    ui.storageFailed = !store.open();
    var selected = Rex.session.get(keys.selected);
    var missing = store.available() && !!selected && !store.runs().some(function (stored) { return stored.boardId === selected; });
    if (missing && lookAgainLater(selected)) return;
    if (!missing) Rex.session.remove(keys.retried);
    ui.confirmOpen = missing;
    var boards = store.liveRuns();
    var initial = boards.filter(function (stored) { return stored.boardId === selected; })[0] ||
      boards.filter(function (stored) { return board.derive(bm, stored).status === "open"; })[0] || boards[0];
    if (initial) {
      show(initial);
      ui.message = say(BW.resumed, core.showStamp(initial.startedAt), state.operators[0] ? state.operators[0].initials : "");
    } else if (missing) {
      ui.message = BW.missing;
    }
    render();
    Rex.boardActions.listen();
    var ticks = 0;
    setInterval(function () {
      ticks++;
      if (!record) return Rex.boardActions.lookAgain();
      if (ticks % (LEASE_RENEW_MS / 1000) === 0) Rex.boardActions.checkLease(true);
    }, 1000);
  }

  /** The glitch: this tab's board is not visible; load the page again after a growing pause, a few times. */
  function lookAgainLater(selected) {
    var retried = String(Rex.session.get(keys.retried) || "").split("|");
    var attempts = retried[0] === selected ? Number(retried[1]) || 0 : 0;
    if (attempts >= LOOK_AGAIN_MS.length) return false;
    Rex.session.set(keys.retried, selected + "|" + (attempts + 1));
    Rex.session.set(keys.looked, String((Number(Rex.session.get(keys.looked)) || 0) + 1));
    ui.looking = true;
    ui.message = say(BW.looking, attempts + 1, LOOK_AGAIN_MS.length);
    document.documentElement.setAttribute("data-runner-looking", "");
    render();
    setTimeout(function () { window.location.reload(); }, LOOK_AGAIN_MS[attempts]);
    return true;
  }

  Rex.boardStartUp = startUp;
})(this.Rex = this.Rex || {});
