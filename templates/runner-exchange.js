/*
 * Rex step runner — exchange: the exported run (JSON, complete and re-importable), the log rows as CSV,
 * and the check of an imported file. Pure: no DOM, no storage.
 *
 * An imported file is checked event by event against the run format BEFORE anything is replayed or
 * stored: a file the runner cannot replay is refused with the first bad event's seq and field, and
 * the clean copy that goes on holds only the keys the format knows (no __proto__, no surprises).
 */
(function (Rex) {
  "use strict";
  var core = Rex.core = Rex.core || {};
  var say = core.say;

  /** Bounds that refuse a file before it can fill the storage or stall the page. */
  core.LIMITS = { fileBytes: 4 * 1024 * 1024, events: 20000, text: 10000, values: 200, list: 200 };

  /** The run as exported: the stored run (its events are the record) plus a derived summary to read. */
  core.exportObject = function (m, run, state, drafts, at) {
    var copy = JSON.parse(JSON.stringify(run));
    copy.drafts = drafts || copy.drafts || { steps: {}, logs: {}, rows: {} };
    copy.exportedAt = at;
    copy.exportedEvents = run.events.length;
    copy.status = state.status;
    copy.completedAt = state.completedAt;
    var unit = core.runUnit(run);
    copy.unit = unit;
    copy.summary = {
      unit: unit ? { id: unit, name: core.unitName(m.model, unit) } : null,
      operator: state.operator,
      operators: state.operators,
      pendingReconciliation: core.pendingCount(m, state),
      holdList: core.holdList(m, state).map(function (entry) {
        return { patient: entry.patient, rows: entry.rows.map(function (held) {
          return { log: held.log.id, row: held.row.row, counter: held.counter === undefined ? null : held.counter, at: held.row.at };
        }) };
      }),
      steps: m.model.steps.map(function (step) {
        var entry = state.steps[step.id];
        var done = entry.doneEvent;
        return { id: step.id, number: step.number, title: step.title, state: entry.state,
          doneAt: done ? done.at : null, doneBy: done ? done.by : null, values: entry.values,
          second: entry.second, answer: entry.answer, overridden: !!(done && done.type === "override"),
          reason: done && done.reason ? done.reason : null };
      }),
      logs: m.model.logs.map(function (log) { return { id: log.id, title: log.title, rows: state.rows[log.id] }; })
    };
    return copy;
  };

  /** A cell a spreadsheet will not run as a formula, quoted when it holds a separator. */
  core.csvCell = function (value) {
    var text = value === undefined || value === null ? "" : String(value);
    if (/^[=+\-@\t\r]/.test(text) && isNaN(Number(text))) text = "'" + text;
    return /[";\r\n]/.test(text) ? '"' + text.replace(/"/g, '""') + '"' : text;
  };

  /** Every log row of the run, one header row, ";"-separated UTF-8 with a BOM (spreadsheets in French). */
  core.csvText = function (m, run, state) {
    var W = m.W;
    var columns = [];
    var reconcile = [];
    function collect(list, target) {
      list.forEach(function (column) {
        var known = core.findColumn(target, column.id);
        if (!known) target.push({ id: column.id, labels: [column.label] });
        else if (known.labels.indexOf(column.label) < 0) known.labels.push(column.label);
      });
    }
    m.model.logs.forEach(function (log) { collect(log.columns, columns); collect(log.reconcile, reconcile); });
    // The unit, when the department declares units: after the run and drill cells.
    var withUnit = !!(m.model.units && m.model.units.length);
    var first = W.csv.slice(0, 10);
    if (withUnit) first.splice(2, 0, W.csvUnit);
    var header = first.concat(columns.map(function (column) { return column.labels.join(" / "); }));
    reconcile.forEach(function (column) {
      var label = column.labels.join(" / ");
      header.push(label, say(W.csvAt, label));
    });
    var lines = [header.concat(W.csv.slice(10))];
    m.model.logs.forEach(function (log) {
      state.rows[log.id].forEach(function (row) {
        var line = [run.runId, run.drill ? W.drill : "", m.model.procedure, run.version, run.revision, log.id, row.row,
          row.at, row.by, row.voided ? W.csvVoid : W.csvLive];
        if (withUnit) line.splice(2, 0, core.unitName(m.model, core.runUnit(run)));
        columns.forEach(function (column) { line.push(row.values[column.id]); });
        reconcile.forEach(function (column) {
          var done = row.reconcile[column.id];
          line.push(done ? done.value : "", done ? done.at : "");
        });
        line.push(row.voided ? row.voided.reason : "", row.voided ? row.voided.at : "", row.voided ? row.voided.by : "",
          row.reconciled ? W.yes : W.no, row.confirmed ? row.confirmed.reason : "");
        lines.push(line);
      });
    });
    return "\uFEFF" + lines.map(function (line) { return line.map(core.csvCell).join(";"); }).join("\r\n") + "\r\n";
  };

  /** Does `longer` start with every event of `shorter`? */
  core.isPrefix = function (shorter, longer) {
    if (shorter.length > longer.length) return false;
    for (var i = 0; i < shorter.length; i++) {
      if (JSON.stringify(shorter[i]) !== JSON.stringify(longer[i])) return false;
    }
    return true;
  };

  /* ------------------------------------------------------------ import check */

  /** Keys that would reach an object's prototype when a value is merged (Object.assign) into another. */
  var FORBIDDEN_KEYS = ["__proto__", "constructor", "prototype"];
  function forbidden(key) { return FORBIDDEN_KEYS.indexOf(key) >= 0; }

  /** What each event type carries, beyond seq, type, at and by: key → kind ("?" marks it optional). */
  var SHAPES = {
    start: { operator: "string", drill: "?boolean", unit: "?string" },
    operator: { from: "?string", to: "string" },
    "take-over": { tab: "?string" },
    done: { step: "string", values: "?values", second: "?string" },
    override: { step: "string", values: "?values", second: "?string", mismatches: "mismatches", reason: "string" },
    blocked: { step: "string", values: "?values", mismatches: "mismatches" },
    decision: { step: "string", answer: "string", "goto": "string", values: "?values", second: "?string" },
    correction: { step: "string", reason: "string", values: "?values", previous: "?any", answer: "?string",
      "goto": "?string", mismatches: "?mismatches" },
    "row-add": { log: "string", row: "integer", values: "values", confirmed: "?confirmed" },
    "row-void": { log: "string", row: "integer", reason: "string" },
    "row-reconcile": { log: "string", row: "integer", values: "values" }
  };

  /** A problem found in the file: which event (or top-level key), which field, what was expected. */
  function Problem(seq, field, expected) { this.seq = seq; this.field = field; this.expected = expected; }

  function scalar(value) {
    return value === null || typeof value === "string" || typeof value === "boolean" ||
      (typeof value === "number" && isFinite(value));
  }

  /** Checks `value` is of `kind` ("?kind" when optional); returns a clean copy, or throws a Problem. */
  function checked(kind, value, seq, field, W) {
    var optional = kind.charAt(0) === "?";
    if (optional) kind = kind.slice(1);
    if (value === undefined || (optional && value === null)) {
      if (optional) return undefined;
      throw new Problem(seq, field, W.expect[kind === "values" || kind === "confirmed" ? "object" : kind] || W.expect.value);
    }
    return KINDS[kind](value, seq, field, W);
  }

  /** A list of plain objects of scalars, bounded. */
  function listOfScalarObjects(value, seq, field, W) {
    if (!Array.isArray(value)) throw new Problem(seq, field, W.expect.list);
    if (value.length > core.LIMITS.list) throw new Problem(seq, field, say(W.expect.many, core.LIMITS.list));
    return value.map(function (item, index) {
      var where = field + "[" + index + "]";
      return plainObject(item, seq, where, W, function (entry, key) {
        if (!scalar(entry)) throw new Problem(seq, where + "." + key, W.expect.value);
        return typeof entry === "string" ? checked("string", entry, seq, where + "." + key, W) : entry;
      });
    });
  }

  /** One checker per kind of value the run format holds. */
  var KINDS = {
    string: function (value, seq, field, W) {
      if (typeof value !== "string") throw new Problem(seq, field, W.expect.string);
      if (value.length > core.LIMITS.text) throw new Problem(seq, field, say(W.expect.long, core.LIMITS.text));
      return value;
    },
    boolean: function (value, seq, field, W) {
      if (typeof value !== "boolean") throw new Problem(seq, field, W.expect.boolean);
      return value;
    },
    integer: function (value, seq, field, W) {
      if (typeof value !== "number" || Math.floor(value) !== value || value < 1) throw new Problem(seq, field, W.expect.integer);
      return value;
    },
    /** A correction's `previous`: an answer (text) or the values it replaced. */
    any: function (value, seq, field, W) {
      if (typeof value === "string") return KINDS.string(value, seq, field, W);
      return scalar(value) ? value : KINDS.values(value, seq, field, W);
    },
    values: function (value, seq, field, W) {
      return plainObject(value, seq, field, W, function (item, key) {
        if (!scalar(item)) throw new Problem(seq, field + "." + key, W.expect.value);
        return typeof item === "string" ? checked("string", item, seq, field + "." + key, W) : item;
      });
    },
    mismatches: function (value, seq, field, W) {
      return listOfScalarObjects(value, seq, field, W).map(function (clean, index) {
        var where = field + "[" + index + "]";
        clean.field = checked("string", clean.field, seq, where + ".field", W);
        clean.mustMatch = checked("string", clean.mustMatch, seq, where + ".mustMatch", W);
        return clean;
      });
    },
    confirmed: function (value, seq, field, W) {
      var confirmed = plainObject(value, seq, field, W, function (entry) { return entry; });
      return { reason: checked("string", confirmed.reason, seq, field + ".reason", W),
        refusals: listOfScalarObjects(confirmed.refusals === undefined ? [] : confirmed.refusals, seq, field + ".refusals", W) };
    }
  };

  /** A JSON object (not a list), without forbidden keys, each member passed through `each`. */
  function plainObject(value, seq, field, W, each) {
    if (!value || typeof value !== "object" || Array.isArray(value)) throw new Problem(seq, field, W.expect.object);
    var keys = Object.keys(value);
    if (keys.length > core.LIMITS.values) throw new Problem(seq, field, say(W.expect.many, core.LIMITS.values));
    var clean = {};
    keys.forEach(function (key) {
      if (forbidden(key)) throw new Problem(seq, field, say(W.expect.key, key));
      if (key.length > 200) throw new Problem(seq, field, say(W.expect.long, 200));
      clean[key] = each(value[key], key);
    });
    return clean;
  }

  function checkEvent(event, index, W) {
    var seq = index + 1;
    if (!event || typeof event !== "object" || Array.isArray(event)) throw new Problem(seq, "events[" + index + "]", W.expect.object);
    if (event.seq !== seq) throw new Problem(seq, "seq", say(W.expect.seq, seq));
    var type = checked("string", event.type, seq, "type", W);
    var shape = SHAPES[type];
    if (!shape) throw new Problem(seq, "type", say(W.expect.type, type.slice(0, 40)));
    if (index === 0 && type !== "start") throw new Problem(seq, "type", W.expect.first);
    if (index > 0 && type === "start") throw new Problem(seq, "type", say(W.expect.type, type));
    var clean = { seq: seq, at: checked("string", event.at, seq, "at", W), by: checked("?string", event.by, seq, "by", W), type: type };
    Object.keys(event).forEach(function (key) { if (forbidden(key)) throw new Problem(seq, key, say(W.expect.key, key)); });
    Object.keys(shape).forEach(function (key) {
      var value = checked(shape[key], event[key], seq, key, W);
      if (value !== undefined) clean[key] = value;
    });
    return clean;
  }

  function cleanDrafts(drafts, W) {
    var clean = { steps: {}, logs: {}, rows: {} };
    if (!drafts || typeof drafts !== "object") return clean;
    Object.keys(clean).forEach(function (group) {
      var source = drafts[group];
      if (!source || typeof source !== "object" || Array.isArray(source)) return;
      Object.keys(source).slice(0, core.LIMITS.values).forEach(function (key) {
        if (forbidden(key)) return;
        try {
          clean[group][key] = checked("values", source[key], 0, "drafts", W);
        } catch (problem) { /* a draft is a nicety: an odd one is dropped, never a reason to refuse the run */ }
      });
    });
    return clean;
  }

  /**
   * Reads an exported run: { run } with a clean copy holding only the format's keys, or { error } naming
   * the first bad event (seq) and field. Nothing here stores anything.
   */
  core.checkRun = function (text, W) {
    if (typeof text === "string" && text.length > core.LIMITS.fileBytes) {
      return { error: say(W.importTooBig, text.length, core.LIMITS.fileBytes) };
    }
    var incoming;
    try {
      incoming = typeof text === "string" ? JSON.parse(text) : text;
    } catch (error) {
      return { error: say(W.importBad, error.message) };
    }
    if (!incoming || typeof incoming !== "object" || incoming.format !== core.FORMAT || !Array.isArray(incoming.events) ||
        !incoming.events.length) {
      return { error: say(W.importBad, core.FORMAT) };
    }
    try {
      if (incoming.events.length > core.LIMITS.events) throw new Problem(0, "events", say(W.expect.many, core.LIMITS.events));
      var top = {};
      [["runId", "string"], ["handbook", "string"], ["procedure", "string"], ["title", "?string"], ["revision", "?string"],
        ["language", "?string"], ["startedAt", "?string"], ["exportedAt", "?string"], ["drill", "?boolean"], ["unit", "?string"]
      ].forEach(function (pair) { top[pair[0]] = checked(pair[1], incoming[pair[0]], 0, pair[0], W); });
      top.version = incoming.version === undefined ? undefined : checked("integer", incoming.version, 0, "version", W);
      var events = incoming.events.map(function (event, index) { return checkEvent(event, index, W); });
    } catch (problem) {
      if (!(problem instanceof Problem)) return { error: say(W.importBad, String(problem && problem.message)) };
      return { error: problem.seq ? say(W.importEvent, problem.seq, problem.field, problem.expected)
        : say(W.importField, problem.field, problem.expected) };
    }
    var run = { format: core.FORMAT, formatVersion: core.FORMAT_VERSION, runId: top.runId.replace(/[^A-Za-z0-9-]/g, "").slice(0, 64),
      handbook: top.handbook, procedure: top.procedure, title: top.title, version: top.version, revision: top.revision,
      language: top.language, drill: !!top.drill, unit: events[0].unit || top.unit || null, startedAt: top.startedAt || events[0].at,
      exportedAt: top.exportedAt || null, exportedEvents: events.length, archivedAt: null, events: events };
    return { run: run, drafts: cleanDrafts(incoming.drafts, W) };
  };
})(this.Rex = this.Rex || {});
