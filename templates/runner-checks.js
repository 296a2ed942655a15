/*
 * Rex step runner — checks: what a typed value means and whether a step may be completed. Pure: the
 * controller reads the inputs and hands raw values in; nothing here touches the DOM or storage.
 */
(function (Rex) {
  "use strict";
  var core = Rex.core = Rex.core || {};
  var say = core.say;

  core.isInitials = function (text) { return /^\p{L}{2,4}$/u.test(text); };

  function validDate(text) {
    var match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
    if (!match) return false;
    var date = new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
    return date.getMonth() === Number(match[2]) - 1 && date.getDate() === Number(match[3]);
  }

  /**
   * Reads one typed value against its field: { value } or { error }; an empty optional field gives
   * { value: null }. `raw` is the input's text (or a checkbox's boolean); `badInput` is the browser's
   * own verdict on a number input it could not parse.
   */
  core.readField = function (m, field, raw, badInput) {
    var W = m.W;
    var label = field.label;
    if (field.type === "checkbox") {
      if (field.required && !raw) return { error: say(W.checkbox, label) };
      return { value: !!raw };
    }
    if (field.type === "number" && badInput) return { error: say(W.number, label) };
    var text = String(raw === undefined || raw === null ? "" : raw).trim();
    if (text === "") return field.required ? { error: say(W.required, label) } : { value: null };
    switch (field.type) {
      case "number": {
        var number = Number(text.replace(",", "."));
        if (!isFinite(number)) return { error: say(W.number, label) };
        if (typeof field.min === "number" && number < field.min) return { error: say(W.min, label, field.min, text) };
        if (typeof field.max === "number" && number > field.max) return { error: say(W.max, label, field.max, text) };
        return { value: number };
      }
      case "date":
        return validDate(text) ? { value: text } : { error: say(W.date, label) };
      case "time":
        return /^([01]\d|2[0-3]):[0-5]\d(:[0-5]\d)?$/.test(text) ? { value: text.slice(0, 5) } : { error: say(W.time, label) };
      case "datetime": {
        var match = /^(\d{4}-\d{2}-\d{2})T(([01]\d|2[0-3]):[0-5]\d)(:[0-5]\d(\.\d+)?)?$/.exec(text);
        return match && validDate(match[1]) ? { value: match[1] + "T" + match[2] } : { error: say(W.datetime, label) };
      }
      case "initials":
        return core.isInitials(text) ? { value: text.toUpperCase() } : { error: say(W.initials, label) };
      case "choice":
        return (field.options || []).indexOf(text) >= 0 ? { value: text }
          : { error: say(W.choice, label, (field.options || []).join(", ")) };
      default:
        return { value: text };
    }
  };

  function findColumn(fields, id) { return fields.filter(function (field) { return field.id === id; })[0]; }
  core.findColumn = findColumn;

  /**
   * Reads a set of fields: `rawOf(field)` gives { raw, badInput }. Checks each, then `distinct_from`
   * against the others typed now or the values already `known`.
   */
  core.readFields = function (m, fields, rawOf, known, siblings) {
    var values = {};
    var errors = [];
    fields.forEach(function (field) {
      var input = rawOf(field) || {};
      var result = core.readField(m, field, input.raw, input.badInput);
      if (result.error) errors.push(result.error);
      else if (result.value !== null) values[field.id] = result.value;
    });
    fields.forEach(function (field) {
      if (!field.distinctFrom || values[field.id] === undefined) return;
      var other = values[field.distinctFrom] !== undefined ? values[field.distinctFrom] : (known || {})[field.distinctFrom];
      if (other !== undefined && core.same(values[field.id], other)) {
        var otherField = findColumn(siblings || fields, field.distinctFrom) || m.fields[field.distinctFrom] ||
          { label: field.distinctFrom };
        errors.push(say(m.W.distinct, field.label, values[field.id], otherField.label, other));
      }
    });
    return { values: values, errors: errors };
  };

  /**
   * A row's re-entry: the reconcile columns typed now (`rawOf`) that `known` (column → value already recorded)
   * does not hold yet, checked like any field, with `distinct_from` against what is typed and what is known — both
   * ways, so a verifier typed first and a re-entry typed later still differ. The runner and the board share it.
   * { values, errors } or { nothing: true } when no open column was typed.
   */
  core.readReconcile = function (m, log, known, rawOf) {
    var open = log.reconcile.filter(function (column) {
      var input = rawOf(column) || {};
      var text = input.raw === undefined || input.raw === null ? "" : String(input.raw).trim();
      return known[column.id] === undefined && text !== "";
    });
    if (!open.length) return { values: {}, errors: [], nothing: true };
    var read = core.readFields(m, open, rawOf, known, log.reconcile);
    log.reconcile.forEach(function (column) {
      if (!column.distinctFrom || read.values[column.distinctFrom] === undefined || known[column.id] === undefined) return;
      if (core.same(read.values[column.distinctFrom], known[column.id])) {
        var other = findColumn(log.reconcile, column.distinctFrom);
        read.errors.push(say(m.W.distinct, column.label, known[column.id], other.label, read.values[column.distinctFrom]));
      }
    });
    return read;
  };

  core.same = function (a, b) { return normalise(a) === normalise(b); };
  function normalise(value) {
    if (typeof value === "number") return String(value);
    var text = String(value === undefined || value === null ? "" : value).trim();
    var stamp = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2})(:00(\.0+)?)?$/.exec(text);
    if (stamp) return stamp[1];
    if (text !== "" && !isNaN(Number(text))) return String(Number(text));
    return text.toUpperCase();
  }

  /* ----------------------------------------------------------- must_match */

  /** A value on one scale for comparing within a tolerance: seconds for times, the number itself for numbers. */
  function measure(type, value) {
    if (type === "number") return typeof value === "number" ? value : Number(value);
    var text = String(value);
    if (type === "time") {
      var time = /^(\d{2}):(\d{2})$/.exec(text);
      return time ? Number(time[1]) * 3600 + Number(time[2]) * 60 : NaN;
    }
    var match = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2}))?/.exec(text);
    if (!match) return NaN;
    // UTC arithmetic on the wall-clock reading: a difference of local times, whatever the workstation's zone.
    return Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]), Number(match[4] || 0), Number(match[5] || 0)) / 1000;
  }

  /** A difference as people say it: "12 min", "2 h 05 min", "45 s", or a number. */
  core.showDifference = function (type, amount) {
    if (type === "number") return String(Math.round(amount * 1e6) / 1e6);
    var seconds = Math.round(amount);
    if (seconds < 60) return seconds + " s";
    var minutes = Math.floor(seconds / 60);
    if (minutes < 60) return minutes + " min" + (seconds % 60 ? " " + core.pad(seconds % 60) + " s" : "");
    var days = Math.floor(minutes / 1440);
    var rest = Math.floor(minutes / 60) % 24 + " h " + core.pad(minutes % 60) + " min";
    return days ? days + " d " + rest : rest;
  };

  /** The fields of a step whose value differs from the one it must match (beyond its tolerance, if any). */
  core.mismatches = function (m, state, step, values) {
    var found = [];
    step.fields.forEach(function (field) {
      if (!field.mustMatch || values[field.id] === undefined) return;
      var expected = values[field.mustMatch] !== undefined ? values[field.mustMatch] : state.values[field.mustMatch];
      var mismatch = { field: field.id, value: values[field.id], mustMatch: field.mustMatch,
        expected: expected === undefined ? null : expected };
      if (expected === undefined) return found.push(mismatch);
      if (typeof field.tolerance === "number") {
        var difference = Math.abs(measure(field.type, values[field.id]) - measure(field.type, expected));
        // Times of day are on a clock: 23:58 and 00:02 are 4 min apart, not 23 h 56 min.
        if (field.type === "time" && difference > 43200) difference = 86400 - difference;
        if (!(difference <= field.tolerance + 1e-9)) {
          mismatch.difference = isFinite(difference) ? difference : null;
          mismatch.tolerance = field.toleranceText || String(field.tolerance);
          found.push(mismatch);
        }
      } else if (!core.same(values[field.id], expected)) {
        found.push(mismatch);
      }
    });
    return found;
  };

  core.mismatchText = function (m, list) {
    return list.map(function (mismatch) {
      var field = m.fields[mismatch.field] || { label: mismatch.field };
      var other = m.fields[mismatch.mustMatch] || { label: mismatch.mustMatch };
      var shown = [field.label, core.showValue(m, field, mismatch.value), other.label, core.showValue(m, other, mismatch.expected)];
      if (mismatch.tolerance !== undefined && typeof mismatch.difference === "number") {
        return say(m.W.mismatchTolerance, shown[0], shown[1], shown[2], shown[3],
          core.showDifference(field.type, mismatch.difference), mismatch.tolerance);
      }
      return say(m.W.mismatch, shown[0], shown[1], shown[2], shown[3]);
    }).join("\n");
  };

  /* ---------------------------------------------------------------- gates */

  /**
   * Everything that stops a step from being completed now, except a must_match mismatch.
   * `typed` is { rawOf(field) → { raw, badInput }, second: text or null }.
   */
  core.stepProblems = function (m, state, step, typed) {
    var W = m.W;
    var read = core.readFields(m, step.fields, typed.rawOf, state.values);
    var problems = read.errors.slice();
    var second = null;
    if (step.doubleCheck) {
      second = String(typed.second || "").trim().toUpperCase();
      if (!core.isInitials(second)) problems.push(W.secondMissing);
      else if (second === String(state.operator).toUpperCase()) problems.push(say(W.secondSame, second, state.operator));
    }
    if (step.requiresReconciled) problems = problems.concat(core.closingProblems(m, state, step.requiresReconciled));
    return { values: read.values, second: second, problems: problems };
  };

  /** A closing step's refusal: every pending row, and the patients on hold by name. */
  core.closingProblems = function (m, state, logID) {
    var W = m.W;
    var pending = core.pendingRows(state, logID);
    if (!pending.length) return [];
    var log = m.logs[logID];
    var problems = [say(W.pendingRows, pending.length, log ? log.title : logID)];
    pending.forEach(function (row) {
      problems.push("• " + say(W.pendingRow, row.row, core.rowText(m, log, row), core.showStamp(row.at), row.by));
    });
    var held = core.holdList(m, state).filter(function (entry) {
      return entry.rows.some(function (row) { return row.log.id === logID; });
    }).map(function (entry) { return entry.patient; });
    if (held.length) problems.push(say(W.pendingPatients, held.join(", ")));
    return problems;
  };
})(this.Rex = this.Rex || {});
