/*
 * Rex step runner — core: a run's events replayed into what the page shows. Pure: no DOM, no storage.
 *
 * A run is an append-only list of events. Everything on screen is derived by replaying them, so a
 * reload, a browser crash or an import on another workstation resumes exactly where the run was.
 * Nothing recorded is ever erased: a correction, an override or a voided row is one more event.
 *
 * Loaded as a classic script (file:// refuses ES modules) and by `node --test` (Tests/runner).
 */
(function (Rex) {
  "use strict";
  var core = Rex.core = Rex.core || {};

  core.FORMAT = "rex-run";
  core.FORMAT_VERSION = 1;

  /** The procedure's model (embedded in its page) with lookups, and the words of its language. */
  core.context = function (model, words) {
    var m = { model: model, W: words, stepIndex: {}, steps: {}, fields: {}, logs: {} };
    model.steps.forEach(function (step, index) {
      m.stepIndex[step.id] = index;
      m.steps[step.id] = step;
      step.fields.forEach(function (field) { m.fields[field.id] = field; });
    });
    model.logs.forEach(function (log) { m.logs[log.id] = log; });
    return m;
  };

  /** Fills `{0}`, `{1}`… of a wording with its arguments. */
  core.say = function (template) {
    var args = Array.prototype.slice.call(arguments, 1);
    return String(template).replace(/\{(\d+)\}/g, function (whole, index) {
      var value = args[Number(index)];
      return value === undefined || value === null ? "" : String(value);
    });
  };

  function pad(number) { return (number < 10 ? "0" : "") + number; }
  core.pad = pad;

  /** Local time with its offset, to the second: "2025-11-18T10:32:05+01:00". */
  core.localISO = function (date) {
    var offset = -date.getTimezoneOffset();
    var sign = offset >= 0 ? "+" : "-";
    offset = Math.abs(offset);
    return date.getFullYear() + "-" + pad(date.getMonth() + 1) + "-" + pad(date.getDate()) + "T" +
      pad(date.getHours()) + ":" + pad(date.getMinutes()) + ":" + pad(date.getSeconds()) +
      sign + pad(Math.floor(offset / 60)) + ":" + pad(offset % 60);
  };

  /** "2025-11-18T10:32…" → "18/11/2025 10:32", as written at the workstation (no time-zone shift). */
  core.showStamp = function (text) {
    var match = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2}))?/.exec(String(text || ""));
    if (!match) return String(text || "");
    return match[3] + "/" + match[2] + "/" + match[1] + (match[4] ? " " + match[4] + ":" + match[5] : "");
  };

  /** A recorded value as people read it. */
  core.showValue = function (m, field, value) {
    if (value === undefined || value === null || value === "") return m.W.notRecorded;
    if (field && field.type === "checkbox") return value ? m.W.yes : m.W.no;
    if (field && (field.type === "datetime" || field.type === "date")) return core.showStamp(value);
    return String(value) + (field && field.unit ? " " + field.unit : "");
  };

  /* ------------------------------------------------------------------ units */

  /** The unit a run was recorded on: its start event says it (the record); older runs have none. */
  core.runUnit = function (run) {
    var first = run && run.events && run.events[0];
    return (first && typeof first.unit === "string" && first.unit) || (run && typeof run.unit === "string" && run.unit) || null;
  };

  /** A unit's name as the department says it (rex.yml), or its id when this handbook does not declare it. */
  core.unitName = function (model, unitID) {
    var unit = (model.units || []).filter(function (candidate) { return candidate.id === unitID; })[0];
    return unit ? unit.name : String(unitID === undefined || unitID === null ? "" : unitID);
  };

  /* ------------------------------------------------------------------ replay */

  function blankStep() {
    return { state: "pending", entries: [], passFrom: 0, values: null, second: null, answer: null,
      mismatches: null, doneEvent: null };
  }

  /** Replays the events of a run (or none) into the state the page shows. */
  core.derive = function (m, run) {
    var derived = { steps: {}, cursor: null, status: "not-started", operator: null, operators: [],
      completedAt: null, values: {}, rows: {}, takeOvers: [] };
    m.model.steps.forEach(function (step) { derived.steps[step.id] = blankStep(); });
    m.model.logs.forEach(function (log) { derived.rows[log.id] = []; });
    if (run) run.events.forEach(function (event) { apply(m, derived, event); });
    return derived;
  };

  /** A map's own entry only: an imported "__proto__" or "constructor" names no step, log or event type. */
  function own(map, key) { return Object.prototype.hasOwnProperty.call(map, key) ? map[key] : undefined; }

  function apply(m, derived, event) {
    var step = own(derived.steps, event.step);
    var handler = own(APPLY, event.type);
    if (handler) handler(m, derived, event, step, own(derived.rows, event.log));
  }

  function rowOf(rows, number) {
    return rows && rows.filter(function (candidate) { return candidate.row === number; })[0];
  }

  /** One handler per event type; an event for a step or log this version no longer has changes nothing. */
  var APPLY = {
    start: function (m, derived, event) {
      derived.status = "in-progress";
      derived.operator = event.operator;
      derived.operators.push({ initials: event.operator, at: event.at });
      if (m.model.steps.length) moveTo(derived, m.model.steps[0].id, event);
    },
    operator: function (m, derived, event) {
      derived.operator = event.to;
      derived.operators.push({ initials: event.to, at: event.at, from: event.from });
    },
    "take-over": function (m, derived, event) {
      derived.takeOvers.push(event);
    },
    done: finishAndAdvance,
    override: finishAndAdvance,
    blocked: function (m, derived, event, step) {
      if (!step) return;
      step.entries.push(event);
      step.state = "blocked";
      step.mismatches = event.mismatches || [];
    },
    decision: function (m, derived, event, step) {
      if (!step) return;
      step.entries.push(event);
      finish(derived, step, event, event.values || {});
      step.answer = event.answer;
      step.second = event.second || null;
      advance(m, derived, event.step, event.goto, event);
    },
    correction: function (m, derived, event, step) {
      if (!step) return;
      step.entries.push(event);
      if (event.goto !== undefined) {
        for (var i = m.stepIndex[event.step] + 1; i < m.model.steps.length; i++) {
          reset(derived.steps[m.model.steps[i].id], event.seq);
        }
        step.answer = event.answer;
        derived.status = "in-progress";
        derived.completedAt = null;
        advance(m, derived, event.step, event.goto, event);
      } else {
        step.values = Object.assign({}, step.values, event.values);
        Object.assign(derived.values, event.values);
      }
    },
    "row-add": function (m, derived, event, step, rows) {
      if (!rows) return;
      rows.push({ row: event.row, at: event.at, by: event.by, values: event.values || {}, voided: null,
        reconcile: {}, reconciled: isReconciled(m, event.log, {}), confirmed: event.confirmed || null });
    },
    "row-void": function (m, derived, event, step, rows) {
      var row = rowOf(rows, event.row);
      if (row) row.voided = { reason: event.reason, at: event.at, by: event.by };
    },
    "row-reconcile": function (m, derived, event, step, rows) {
      var row = rowOf(rows, event.row);
      if (!row) return;
      Object.keys(event.values || {}).forEach(function (column) {
        row.reconcile[column] = { value: event.values[column], at: event.at, by: event.by };
      });
      row.reconciled = isReconciled(m, event.log, row.reconcile);
    }
  };
  core.EVENT_TYPES = Object.keys(APPLY);

  function finishAndAdvance(m, derived, event, step) {
    if (!step) return;
    step.entries.push(event);
    finish(derived, step, event, event.values || {});
    step.second = event.second || null;
    advance(m, derived, event.step, m.steps[event.step].next, event);
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
  function advance(m, derived, fromID, target, event) {
    var steps = m.model.steps;
    if (target !== "end" && own(m.stepIndex, target) === undefined) {
      derived.cursor = null; // a step this version of the procedure no longer has: nowhere to go on
      return;
    }
    if (target === "end") {
      steps.forEach(function (step) { skipIfOpen(derived.steps[step.id]); });
      derived.cursor = "end";
      derived.status = "complete";
      derived.completedAt = event.at;
      return;
    }
    var from = m.stepIndex[fromID];
    var to = m.stepIndex[target];
    if (to > from) {
      for (var i = from + 1; i < to; i++) skipIfOpen(derived.steps[steps[i].id]);
    } else {
      for (var j = to; j < steps.length; j++) reset(derived.steps[steps[j].id], event.seq);
    }
    moveTo(derived, target, event);
  }

  function skipIfOpen(entry) {
    if (entry.state === "pending" || entry.state === "current") entry.state = "skipped";
  }

  function moveTo(derived, target, event) {
    var step = derived.steps[target];
    if (step.state !== "pending") reset(step, event.seq);
    step.state = "current";
    derived.cursor = target;
  }

  function isReconciled(m, logID, reconcile) {
    var log = m.logs[logID];
    return !log || log.reconcile.every(function (column) { return !column.required || reconcile[column.id]; });
  }

  /* --------------------------------------------------- rows, hold list, counters */

  /** Live rows (not voided) still waiting for their re-entry and verification. */
  core.pendingRows = function (state, logID) {
    return (state.rows[logID] || []).filter(function (row) { return !row.voided && !row.reconciled; });
  };
  core.pendingCount = function (m, state) {
    return m.model.logs.reduce(function (sum, log) { return sum + core.pendingRows(state, log.id).length; }, 0);
  };

  /** Patients are matched ignoring case and surrounding spaces. */
  core.patientKey = function (value) {
    return String(value === undefined || value === null ? "" : value).trim().toLowerCase();
  };

  /**
   * Every patient on hold: a live row not yet reconciled, in any log with a patient column. One entry per
   * patient (in the order of their first pending row), with every pending row.
   */
  core.holdList = function (m, state) {
    var byKey = {};
    var list = [];
    m.model.logs.forEach(function (log) {
      if (!log.patient) return;
      core.pendingRows(state, log.id).forEach(function (row) {
        var key = core.patientKey(row.values[log.patient]);
        if (!key) return;
        if (!byKey[key]) {
          byKey[key] = { key: key, patient: String(row.values[log.patient]).trim(), rows: [] };
          list.push(byKey[key]);
        }
        byKey[key].rows.push({ log: log, row: row, counter: log.counter ? row.values[log.counter] : undefined });
      });
    });
    return list;
  };

  /** The live rows of one patient in one log, in order. */
  core.patientRows = function (state, log, key) {
    return (state.rows[log.id] || []).filter(function (row) {
      return !row.voided && core.patientKey(row.values[log.patient]) === key;
    });
  };

  /**
   * Why a new row must not go in without a written reason: the patient is on hold (an earlier live row is
   * not reconciled), or the counter is not the patient's previous live value + 1 (a duplicate or a gap —
   * the seed's stale fraction counter). Each refusal names the earlier row.
   */
  core.rowRefusals = function (m, state, log, values) {
    if (!log.patient) return [];
    var key = core.patientKey(values[log.patient]);
    if (!key) return [];
    var W = m.W;
    var patient = String(values[log.patient]).trim();
    var rows = core.patientRows(state, log, key);
    var refusals = [];
    rows.filter(function (row) { return !row.reconciled; }).forEach(function (row) {
      refusals.push({ kind: "on-hold", row: row.row,
        text: core.say(W.rowOnHold, patient, row.row, rowSummary(m, log, row)) });
    });
    var counter = log.counter ? m.logs[log.id].columns.filter(function (c) { return c.id === log.counter; })[0] : null;
    // The previous value is the last live row that has one: a row with the counter left empty hides nothing.
    var counted = counter ? rows.filter(function (row) { return typeof row.values[counter.id] === "number"; }) : [];
    var previous = counted[counted.length - 1];
    if (counter && previous && typeof values[counter.id] === "number") {
      var expected = previous.values[counter.id] + 1;
      var value = values[counter.id];
      if (value !== expected) {
        var duplicate = rows.filter(function (row) { return row.values[counter.id] === value; })[0];
        refusals.push(duplicate
          ? { kind: "counter-duplicate", row: duplicate.row, expected: expected, value: value,
              text: core.say(W.counterDuplicate, counter.label, value, patient, duplicate.row, expected) }
          : { kind: "counter-gap", row: previous.row, expected: expected, value: value,
              text: core.say(W.counterGap, counter.label, value, patient, previous.row, previous.values[counter.id], expected) });
      }
    }
    return refusals;
  };

  /** "Fraction n° : 3 · 05/03/2025 08:30": the counter and time of a row, to name it in a message. */
  function rowSummary(m, log, row) {
    var parts = [];
    if (log.counter) {
      var column = log.columns.filter(function (c) { return c.id === log.counter; })[0];
      parts.push(column.label + " " + core.showValue(m, column, row.values[log.counter]));
    }
    parts.push(core.showStamp(core.rowTime(log, row)));
    return parts.join(", ");
  }
  core.rowSummary = rowSummary;

  /** When the row's session happened: its first date-time column, or when the row was recorded. */
  core.rowTime = function (log, row) {
    var column = log.columns.filter(function (c) { return c.type === "datetime" && row.values[c.id]; })[0];
    return column ? row.values[column.id] : row.at;
  };

  /** Every column of a row as "label : value", to list a row in a message. */
  core.rowText = function (m, log, row) {
    return (log ? log.columns : []).map(function (column) {
      return column.label + " : " + core.showValue(m, column, row.values[column.id]);
    }).join(" · ");
  };
})(this.Rex = this.Rex || {});
