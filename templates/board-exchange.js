/*
 * Rex reconciliation board — exchange: what an imported run file means for this outage, and the board's export
 * (its whole record, every imported run included, plus a derived summary). Pure: no DOM, no storage.
 *
 * Every file is checked whole by the runner's own import check first; then the board decides: refused (another
 * handbook or procedure, a diverging copy of a run already here, a closed outage), nothing new (the same run, or
 * an earlier export of it), or one `import` event — which supersedes an earlier export of the same run, never
 * adds its rows twice — with warnings for another revision, a missing or unknown unit, and a drill kept apart.
 */
(function (Rex) {
  "use strict";
  var core = Rex.core;
  var board = Rex.board;
  var say = core.say;

  /** The seq of the first event two copies of one run disagree on. */
  function firstDifference(a, b) {
    for (var i = 0; i < Math.min(a.length, b.length); i++) {
      if (JSON.stringify(a[i]) !== JSON.stringify(b[i])) return i + 1;
    }
    return Math.min(a.length, b.length) + 1;
  }

  function rowCount(m, run) {
    var derived = core.derive(m, run);
    return m.model.logs.reduce(function (sum, log) { return sum + derived.rows[log.id].length; }, 0);
  }

  /**
   * One file for this outage: { error } or { known } (a message; nothing changes), or { event, message } — the
   * `import` event to record (the file's name and the clean run) and what to tell the coordinator.
   */
  board.checkImport = function (bm, state, text, fileName) {
    var BW = bm.BW;
    var name = String(fileName || "").slice(0, 200);
    function said(text) { return say(BW.importFile, name, text); }
    if (state.status === "closed") return { error: said(BW.importClosed) };
    var checked = core.checkRun(text, bm.W);
    if (checked.error) return { error: said(checked.error) };
    var run = checked.run;
    if (!run.runId) return { error: said(say(bm.W.importField, "runId", bm.W.expect.string)) };
    if (run.handbook !== bm.model.handbook) return { error: said(say(BW.importOtherHandbook, run.handbook, bm.model.handbook)) };
    var m = board.own(bm.procedures, run.procedure);
    if (run.procedure !== state.procedure || !m) {
      return { error: said(say(BW.importOtherProcedure, run.procedure, state.procedure)) };
    }
    var notes = [];
    var earlier = board.own(state.runs, run.runId);
    if (earlier) {
      if (core.isPrefix(run.events, earlier.run.events)) return { known: said(say(BW.importKnown, earlier.run.events.length)) };
      if (!core.isPrefix(earlier.run.events, run.events)) {
        return { error: said(say(BW.importDiverges, firstDifference(earlier.run.events, run.events))) };
      }
      notes.push(say(BW.superseded, earlier.run.events.length, run.events.length));
    }
    var unit = core.runUnit(run);
    if (!!run.drill !== state.drill) notes.push(run.drill ? BW.importDrillApart : BW.importRealApart);
    if (run.revision !== m.model.revision) {
      notes.push(say(BW.importOtherRevision, run.version, run.revision, m.model.version, m.model.revision));
    }
    if (!unit && bm.units.length) notes.push(BW.importNoUnit);
    else if (unit && !bm.units.some(function (candidate) { return candidate.id === unit; })) notes.push(say(BW.importUnknownUnit, unit));
    var head = say(BW.imported, unit ? core.unitName(bm.model, unit) : BW.noUnitRow, run.events.length, rowCount(m, run));
    return { event: { file: name, run: run }, message: said([head].concat(notes).join(" ")) };
  };

  /* ------------------------------------------------------------------ export */

  function rowRef(row) {
    return { run: row.run.id, unit: row.run.unit, log: row.log.id, row: row.number, patient: row.patient,
      counter: row.counter === undefined ? null : row.counter, at: row.time };
  }

  /** Every override, row added despite an alert, and void of the counted runs: what a closing report must show. */
  board.notes = function (overview) {
    var notes = { overrides: [], confirmed: [], voids: [] };
    overview.counted.forEach(function (info) {
      info.run.events.forEach(function (event) {
        if (event.type === "override") {
          notes.overrides.push({ run: info.id, unit: info.unit, unitName: info.unitName, step: event.step, at: event.at,
            by: event.by, reason: event.reason });
        }
      });
    });
    overview.rows.forEach(function (row) {
      var ref = Object.assign(rowRef(row), { unitName: row.run.unitName, logTitle: row.log.title });
      if (row.confirmed) notes.confirmed.push(Object.assign({}, ref, { at: row.row.at, by: row.row.by, reason: row.confirmed.reason }));
      if (row.voided) notes.voids.push(Object.assign({}, ref, { at: row.voided.at, by: row.voided.by, reason: row.voided.reason }));
    });
    return notes;
  };

  /** The department's verdict, for people and for `rex reconcile` / `rex draft-incident` to read; ignored on import. */
  board.summary = function (bm, state, overview) {
    var notes = board.notes(overview);
    return {
      procedure: state.procedure, drill: state.drill, status: state.status,
      closedAt: state.closed ? state.closed.at : null, closedBy: state.closed ? state.closed.by : null,
      units: overview.units.map(function (unit) {
        return { id: unit.id, name: unit.name, status: unit.status, runs: unit.runs.map(function (info) { return info.id; }),
          notAffected: unit.notAffected, rows: unit.counts };
      }),
      runs: overview.runs.map(function (info) {
        return { runId: info.id, unit: info.unit, file: info.file, drill: info.drill, apart: info.apart,
          version: info.run.version, revision: info.run.revision, revisionDiffers: info.revisionDiffers,
          events: info.run.events.length, imports: info.imports };
      }),
      pending: overview.pending.map(rowRef),
      holdList: overview.hold.map(function (entry) { return { patient: entry.patient, rows: entry.rows.map(rowRef) }; }),
      counterIssues: overview.counters.map(function (issue) {
        return { kind: issue.kind, row: rowRef(issue.row), earlier: rowRef(issue.earlier), expected: issue.expected,
          value: issue.row.counter, confirmed: issue.row.confirmed ? issue.row.confirmed.reason : null };
      }),
      overrides: notes.overrides, confirmedRows: notes.confirmed, voids: notes.voids
    };
  };

  /** The board as exported: its record (every imported run inside its `import` event) and the summary. */
  board.exportObject = function (bm, record, state, at) {
    var copy = JSON.parse(JSON.stringify(record));
    copy.exportedAt = at;
    copy.exportedEvents = record.events.length;
    copy.status = state.status;
    copy.summary = board.summary(bm, state, board.overview(bm, state));
    return copy;
  };
})(this.Rex = this.Rex || {});
