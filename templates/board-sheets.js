/*
 * Rex reconciliation board — paper: the department's hold list (one sheet to tape up, every patient on hold on
 * any unit, with release signatures) and the closing report (every unit and its rows, what is pending, counters,
 * overrides and voids, signatures). Built just before printing, printed alone; text only through textContent.
 */
(function (Rex) {
  "use strict";
  var core = Rex.core;
  var board = Rex.board;
  var say = core.say;

  function make(tag, attributes, text) {
    var element = document.createElement(tag);
    Object.keys(attributes || {}).forEach(function (name) { element.setAttribute(name, attributes[name]); });
    if (text !== undefined) element.textContent = text;
    return element;
  }

  /** A fresh sheet with its title and the line naming the handbook, the outage and when it was printed. */
  function sheet(bm, state, overview, kind, title, printedAt) {
    var old = document.querySelector("[data-board-sheet]");
    if (old) old.remove();
    var section = make("section", { class: "board-sheet", "data-board-sheet": kind });
    section.appendChild(make("h1", {}, (state.drill ? bm.BW.drill + " — " : "") + title));
    var procedure = overview.m ? overview.m.model.title + " (" + overview.m.model.procedure + ", v" + overview.m.model.version + ")"
      : state.procedure;
    section.appendChild(make("p", { class: "hold-sheet-meta" }, say(bm.BW.sheetPrinted, bm.model.handbookName, procedure,
      core.showStamp(printedAt))));
    return section;
  }

  function table(headings, rows, attributes) {
    var element = make("table", attributes || {});
    var head = make("tr");
    headings.forEach(function (title) { head.appendChild(make("th", {}, title)); });
    element.appendChild(make("thead")).appendChild(head);
    var body = element.appendChild(make("tbody"));
    rows.forEach(function (cells) {
      var tr = body.appendChild(make("tr", cells.attributes || {}));
      cells.forEach(function (cell) { tr.appendChild(make("td", cell && cell.signature ? { class: "signature" } : {}, cell && cell.signature ? "" : cell)); });
    });
    return element;
  }

  function listSection(title, items, none) {
    var part = make("div", { class: "report-part" });
    part.appendChild(make("h2", {}, title));
    var list = part.appendChild(make("ul"));
    items.forEach(function (text) { list.appendChild(make("li", {}, text)); });
    if (!items.length) list.appendChild(make("li", {}, none));
    return part;
  }

  function hold(bm, record, state, overview, printedAt) {
    var BW = bm.BW;
    var section = sheet(bm, state, overview, "hold", BW.sheetHoldTitle, printedAt);
    var rows = overview.hold.map(function (entry) {
      var cells = [entry.patient + " — " + bm.W.holdDoNotTreat,
        entry.rows.map(function (row) { return board.holdRowText(bm, overview.m, row); }).join(" ; "),
        { signature: true }, { signature: true }, { signature: true }];
      cells.attributes = { "data-hold-patient": entry.patient };
      return cells;
    });
    if (!rows.length) section.appendChild(make("p", {}, BW.sheetHoldNone));
    section.appendChild(table(BW.sheetHoldColumns, rows));
    document.body.appendChild(section);
  }

  function report(bm, record, state, overview, printedAt) {
    var BW = bm.BW;
    var section = sheet(bm, state, overview, "report", BW.reportTitle, printedAt);
    var problems = board.closingProblems(bm, state, overview);
    section.appendChild(make("p", { class: "report-status" }, state.closed
      ? say(BW.reportStatusClosed, core.showStamp(state.closed.at), state.closed.by)
      : say(BW.reportStatusOpen, problems.join(" ") || BW.status[state.status])));
    section.appendChild(make("h2", {}, BW.reportUnits));
    section.appendChild(table(BW.reportUnitColumns, overview.units.map(function (unit) {
      var status = unit.notAffected && !unit.runs.length ? say(BW.unitNotAffectedBy, unit.notAffected.initials, unit.notAffected.by,
        core.showStamp(unit.notAffected.at), unit.notAffected.reason) : BW.unitStatus[unit.status];
      var cells = [unit.name, status, unit.runs.map(function (info) { return info.id; }).join(", "), String(unit.counts.written),
        String(unit.counts.voided), String(unit.counts.reconciled), String(unit.counts.pending)];
      cells.attributes = { "data-report-unit": unit.id };
      return cells;
    }), { class: "report-units" }));
    var m = overview.m;
    section.appendChild(listSection(BW.reportPending, overview.pending.map(function (row) {
      return (row.patient ? row.patient + " — " : "") + board.rowName(bm, m, row) + " — " + row.log.title;
    }), BW.reportNothingPending));
    section.appendChild(listSection(BW.reportCounters, overview.counters.map(function (issue) {
      return board.counterText(bm, m, issue);
    }), BW.counterNone));
    var notes = board.notes(overview);
    section.appendChild(listSection(BW.reportOverrides, notes.overrides.map(function (note) {
      var step = m.steps[note.step];
      return say(BW.reportOverride, note.unitName, note.run, step ? step.number + " " + step.title : note.step,
        core.showStamp(note.at), note.by, note.reason);
    }).concat(notes.confirmed.map(function (note) {
      return say(BW.reportConfirmedRow, note.unitName, note.run, note.row, note.logTitle, core.showStamp(note.at), note.by, note.reason);
    })), BW.reportNone));
    section.appendChild(listSection(BW.reportVoids, notes.voids.map(function (note) {
      return say(BW.reportVoid, note.unitName, note.run, note.row, note.logTitle, core.showStamp(note.at), note.by, note.reason);
    }), BW.reportNone));
    if (overview.apart.length) {
      section.appendChild(listSection(BW.reportApart, overview.apart.map(function (info) {
        return info.unitName + " — " + info.id + (info.drill ? " — " + BW.drill : "");
      }), BW.reportNone));
    }
    var sign = make("div", { class: "sign-off" });
    sign.appendChild(make("p", {}, BW.reportSignOff));
    sign.appendChild(table(BW.reportSignColumns, BW.reportSigners.map(function (who) {
      return [who, { signature: true }, { signature: true }, { signature: true }];
    })));
    section.appendChild(sign);
    document.body.appendChild(section);
  }

  Rex.boardSheets = { hold: hold, report: report };
})(this.Rex = this.Rex || {});
