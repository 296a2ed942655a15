/*
 * Rex reconciliation board — core: the board's own record replayed into what the department sees. Pure: no DOM,
 * no storage. Loaded as a classic script after the runner's pure parts (it replays each imported run with them),
 * and by `node --test` (Tests/runner).
 *
 * An R&V outage stops every unit at once; each unit keeps its own run of the downtime procedure and exports it.
 * The board's record is append-only, like a run: who opened the outage, every run imported (the whole run, so
 * the export archives the outage as one file), every unit marked not affected, every row reconciled here, the
 * close. The view is derived: each unit's status, every row of every run, one hold list, counters across runs.
 */
(function (Rex) {
  "use strict";
  var core = Rex.core;
  var board = Rex.board = Rex.board || {};

  board.FORMAT = "rex-board";
  board.FORMAT_VERSION = 1;

  function own(map, key) { return Object.prototype.hasOwnProperty.call(map, key) ? map[key] : undefined; }
  board.own = own;

  /** The board's model (embedded in reconcile.html): units and the procedures closed at department level. */
  board.context = function (model, words, boardWords) {
    var bm = { model: model, W: words, BW: boardWords, units: model.units || [], procedures: {} };
    (model.procedures || []).forEach(function (procedure) {
      bm.procedures[procedure.procedure] = core.context(Object.assign({ units: bm.units }, procedure), words);
    });
    return bm;
  };

  /* ------------------------------------------------------------------ replay */

  /** Replays the board's events (or none) into its state. */
  board.derive = function (bm, record) {
    var state = { status: "not-started", operator: null, operators: [], procedure: null, drill: false, openedAt: null,
      runs: {}, order: [], notAffected: {}, reconciles: {}, closed: null, takeOvers: [] };
    if (record) record.events.forEach(function (event) {
      var handler = own(APPLY, event.type);
      if (handler) handler(bm, state, event);
    });
    return state;
  };

  var APPLY = {
    open: function (bm, state, event) {
      state.status = "open";
      state.operator = event.operator;
      state.operators.push({ initials: event.operator, at: event.at });
      state.procedure = event.procedure;
      state.drill = !!event.drill;
      state.openedAt = event.at;
    },
    operator: function (bm, state, event) {
      state.operator = event.to;
      state.operators.push({ initials: event.to, at: event.at, from: event.from });
    },
    "take-over": function (bm, state, event) { state.takeOvers.push(event); },
    /** A later export of a run already imported supersedes it: one entry per run id, never two copies of its rows. */
    "import": function (bm, state, event) {
      var id = event.run.runId;
      var earlier = own(state.runs, id);
      if (!earlier) state.order.push(id);
      state.runs[id] = { run: event.run, file: event.file, at: event.at, by: event.by, seq: event.seq,
        imports: earlier ? earlier.imports + 1 : 1 };
    },
    "unit-not-affected": function (bm, state, event) {
      state.notAffected[event.unit] = { initials: event.initials, reason: event.reason, at: event.at, by: event.by };
    },
    "row-reconcile": function (bm, state, event) {
      var key = rowKey(event.run, event.log, event.row);
      var slot = own(state.reconciles, key) || (state.reconciles[key] = {});
      Object.keys(event.values || {}).forEach(function (column) {
        slot[column] = { value: event.values[column], at: event.at, by: event.by, where: "board" };
      });
    },
    close: function (bm, state, event) {
      state.status = "closed";
      state.closed = { at: event.at, by: event.by };
    }
  };
  board.EVENT_TYPES = Object.keys(APPLY);

  /** "RUN_ID/LOG_ID/N": a row of the department, the board's hook and the key of its reconciliation. */
  function rowKey(runId, logId, number) { return runId + "/" + logId + "/" + number; }
  board.rowKey = rowKey;

  /* ------------------------------------------------------------------- runs */

  /** One imported run as the board reads it: its unit, whether it counts here, its rows' state. */
  function runInfo(bm, state, m, id, index) {
    var entry = state.runs[id];
    var run = entry.run;
    var unit = core.runUnit(run);
    var declared = !!unit && bm.units.some(function (candidate) { return candidate.id === unit; });
    return { id: id, index: index, run: run, file: entry.file, importedAt: entry.at, importedBy: entry.by,
      imports: entry.imports, unit: unit, declared: declared, unitName: unit ? core.unitName(bm.model, unit) : bm.BW.noUnitRow,
      drill: !!run.drill, apart: !!run.drill !== state.drill,
      revisionDiffers: !!m && run.revision !== m.model.revision, derived: m ? core.derive(m, run) : null };
  }

  /** Every row of a counted run, with the re-entry recorded at the unit and on the board merged. */
  function runRows(bm, state, m, info) {
    var rows = [];
    m.model.logs.forEach(function (log, logIndex) {
      (info.derived.rows[log.id] || []).forEach(function (row) {
        var key = rowKey(info.id, log.id, row.row);
        var reconcile = {};
        Object.keys(row.reconcile).forEach(function (column) {
          reconcile[column] = Object.assign({ where: "run" }, row.reconcile[column]);
        });
        var onBoard = own(state.reconciles, key) || {};
        Object.keys(onBoard).forEach(function (column) {
          if (!own(reconcile, column)) reconcile[column] = onBoard[column];
        });
        var patient = log.patient && row.values[log.patient] !== undefined ? String(row.values[log.patient]).trim() : null;
        rows.push({ key: key, run: info, log: log, logIndex: logIndex, row: row, number: row.row, values: row.values,
          voided: row.voided, confirmed: row.confirmed, reconcile: reconcile,
          reconciled: log.reconcile.every(function (column) { return !column.required || own(reconcile, column.id); }),
          patient: patient || null, patientKey: patient ? core.patientKey(patient) : null,
          counter: log.counter ? row.values[log.counter] : undefined, time: core.rowTime(log, row) });
      });
    });
    return rows;
  }

  /* --------------------------------------------------------------- overview */

  /**
   * Everything the board shows, derived once per render: the runs (counted or set apart), each unit's status,
   * every row, the pending ones, the department's hold list, the counter discrepancies, the rows by patient.
   */
  board.overview = function (bm, state) {
    var m = state.procedure ? own(bm.procedures, state.procedure) || null : null;
    var runs = state.order.map(function (id, index) { return runInfo(bm, state, m, id, index); });
    var counted = runs.filter(function (info) { return !info.apart; });
    var rows = [];
    if (m) counted.forEach(function (info) { rows = rows.concat(runRows(bm, state, m, info)); });
    var pending = rows.filter(function (row) { return !row.voided && !row.reconciled; });
    return { m: m, runs: runs, counted: counted, apart: runs.filter(function (info) { return info.apart; }),
      units: board.unitStatuses(bm, state, counted, rows), rows: rows, pending: pending,
      hold: board.holdList(pending), counters: board.counterIssues(m, rows), groups: board.groups(rows) };
  };

  /** Each declared unit: imported (a counted run names it), not affected (marked, no run), or missing. */
  board.unitStatuses = function (bm, state, counted, rows) {
    return bm.units.map(function (unit) {
      var runs = counted.filter(function (info) { return info.unit === unit.id; });
      var mine = rows.filter(function (row) { return row.run.unit === unit.id; });
      var marked = own(state.notAffected, unit.id) || null;
      return { id: unit.id, name: unit.name, runs: runs, notAffected: marked,
        status: runs.length ? "imported" : marked ? "not-affected" : "missing",
        counts: { written: mine.length, voided: mine.filter(function (row) { return row.voided; }).length,
          reconciled: mine.filter(function (row) { return !row.voided && row.reconciled; }).length,
          pending: mine.filter(function (row) { return !row.voided && !row.reconciled; }).length } };
    });
  };

  /** One entry per patient on hold (a live row not reconciled, in any unit), in the order of their first such row. */
  board.holdList = function (pending) {
    var byKey = {};
    var list = [];
    pending.forEach(function (row) {
      if (!row.patientKey) return;
      if (!own(byKey, row.patientKey)) {
        byKey[row.patientKey] = { key: row.patientKey, patient: row.patient, rows: [] };
        list.push(byKey[row.patientKey]);
      }
      byKey[row.patientKey].rows.push(row);
    });
    return list;
  };

  /** Time, then the run's import order, the log and the row: the order sessions happened in, across runs. */
  function chronological(a, b) {
    return String(a.time).localeCompare(String(b.time)) || a.run.index - b.run.index || a.logIndex - b.logIndex ||
      a.number - b.number;
  }
  board.chronological = chronological;

  /**
   * One counter per patient across every unit and day: each live row with a counter must be the previous live
   * row's value + 1, whichever unit treated the patient. A duplicate is the seed's stale counter.
   */
  board.counterIssues = function (m, rows) {
    if (!m) return [];
    var byPatient = {};
    rows.filter(function (row) { return !row.voided && row.patientKey && typeof row.counter === "number"; })
      .slice().sort(chronological).forEach(function (row) {
        var seen = own(byPatient, row.patientKey) || (byPatient[row.patientKey] = []);
        var previous = seen[seen.length - 1];
        if (previous && row.counter !== previous.counter + 1) {
          var duplicate = seen.filter(function (earlier) { return earlier.counter === row.counter; })[0];
          row.counterIssue = { kind: duplicate ? "counter-duplicate" : "counter-gap", row: row,
            earlier: duplicate || previous, expected: previous.counter + 1, column: core.findColumn(row.log.columns, row.log.counter) };
        }
        seen.push(row);
      });
    return rows.filter(function (row) { return row.counterIssue; }).map(function (row) { return row.counterIssue; });
  };

  /** Rows by patient (first seen first, each in time order), then rows of logs that name no patient, by log. */
  board.groups = function (rows) {
    var groups = [];
    var byKey = {};
    rows.forEach(function (row) {
      var key = row.patientKey ? "patient:" + row.patientKey : "log:" + row.log.id;
      if (!own(byKey, key)) {
        byKey[key] = { key: key, patient: row.patientKey ? row.patient : null, log: row.patientKey ? null : row.log, rows: [] };
        groups.push(byKey[key]);
      }
      byKey[key].rows.push(row);
    });
    groups.forEach(function (group) { group.rows.sort(chronological); });
    return groups.filter(function (group) { return group.patient; }).concat(groups.filter(function (group) { return !group.patient; }));
  };

  /** "TrueBeam 1 — ligne 2 du registre « … » — Fraction n° 12 — séance du 05/03/2025 08:50": a held row. */
  board.holdRowText = function (bm, m, row) {
    var counter = "";
    if (row.log.counter) {
      var column = core.findColumn(row.log.columns, row.log.counter);
      counter = core.say(bm.BW.holdCounter, column.label, core.showValue(m, column, row.counter));
    }
    return core.say(bm.BW.holdRow, row.run.unitName, row.number, row.log.title, counter, core.showStamp(row.time));
  };

  /** A counter discrepancy as the coordinator reads it: both rows, both units, the expected value. */
  board.counterText = function (bm, m, issue) {
    var row = issue.row;
    var earlier = issue.earlier;
    var args = [row.patient, issue.column.label, row.counter, row.run.unitName, row.number, core.showStamp(row.time),
      earlier.run.unitName, earlier.number, issue.expected, earlier.counter];
    var text = core.say.apply(null, [issue.kind === "counter-duplicate" ? bm.BW.counterDuplicate : bm.BW.counterGap].concat(args));
    return row.confirmed ? text + core.say(bm.BW.counterConfirmed, row.confirmed.reason) : text;
  };

  /* ---------------------------------------------------------------- closing */

  /** "TrueBeam 1, ligne 2 (Fraction n° 12, 05/03/2025 08:50)": a row named for a message. */
  board.rowName = function (bm, m, row) {
    return core.say(bm.BW.rowName, row.run.unitName, row.number) + " (" + core.rowSummary(m, row.log, row.row) + ")";
  };

  /** Why the outage cannot be closed now: the missing units, then the pending rows by patient. Empty: it can. */
  board.closingProblems = function (bm, state, overview) {
    var BW = bm.BW;
    var problems = [];
    var missing = overview.units.filter(function (unit) { return unit.status === "missing"; });
    if (missing.length) problems.push(core.say(BW.closeMissingUnits, missing.map(function (unit) { return unit.name; }).join(", ")));
    if (!overview.counted.length && !missing.length) problems.push(BW.closeNoRuns);
    if (!overview.pending.length) return problems;
    problems.push(core.say(BW.closePendingRows, overview.pending.length));
    overview.groups.forEach(function (group) {
      var waiting = group.rows.filter(function (row) { return !row.voided && !row.reconciled; });
      if (!waiting.length) return;
      var names = waiting.map(function (row) { return board.rowName(bm, overview.m, row); }).join(" ; ");
      problems.push(group.patient ? core.say(BW.closePendingPatient, group.patient, names)
        : core.say(BW.closePendingLog, core.say(BW.logGroup, group.log.title), names));
    });
    return problems;
  };
})(this.Rex = this.Rex || {});
