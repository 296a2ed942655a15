/*
 * Rex reconciliation board — the rows' view: every row of every counted run, grouped by patient (rows of logs that
 * name no patient, by log), each with its unit, run, time, initials, void, and its re-entry — recorded at the unit
 * or on the board, or inputs to record it here. Text goes in with textContent only.
 *
 * The table is rebuilt only when what it shows changes (a row added, voided, reconciled, a counter flagged), so
 * typing in one row's inputs is never interrupted; what is typed is kept as drafts and put back after a rebuild.
 */
(function (Rex) {
  "use strict";
  var core = Rex.core;
  var board = Rex.board;
  var say = core.say;

  function one(selector, root) { return (root || document).querySelector(selector); }
  function all(selector, root) { return Array.prototype.slice.call((root || document).querySelectorAll(selector)); }
  function make(tag, attributes, text) {
    var element = document.createElement(tag);
    Object.keys(attributes || {}).forEach(function (name) { element.setAttribute(name, attributes[name]); });
    if (text !== undefined) element.textContent = text;
    return element;
  }

  /** What the table shows, as one string: a change of it means a rebuild. */
  function signature(c, open) {
    return JSON.stringify([open, c.overview.groups.map(function (group) {
      return [group.key, group.rows.map(function (row) {
        return [row.key, row.reconciled, !!row.voided, Object.keys(row.reconcile).sort().join(","),
          row.counterIssue ? row.counterIssue.kind : ""];
      })];
    })]);
  }

  function reconcileCell(bm, c, row, open) {
    var BW = bm.BW;
    var cell = make("td", { class: "reconcile" });
    row.log.reconcile.forEach(function (column) {
      var done = row.reconcile[column.id];
      if (done) {
        cell.appendChild(make("span", { class: "reconcile-value", "data-reconcile-value": column.id }, say(BW.rowDone,
          column.label, done.value, done.where === "board" ? BW.whereBoard : BW.whereRun, core.showStamp(done.at))));
      } else if (open && !row.voided) {
        var label = make("label", { class: "reconcile-input" }, column.label + " ");
        label.appendChild(make("input", { "data-reconcile": column.id, maxlength: "4", size: "5", autocomplete: "off",
          autocapitalize: "characters" }));
        cell.appendChild(label);
      }
    });
    return cell;
  }

  function valuesCell(bm, c, row) {
    var BW = bm.BW;
    var cell = make("td", { class: "values" }, core.rowText(c.overview.m, row.log, row.row));
    if (row.voided) {
      cell.appendChild(make("span", { class: "void-info" }, say(BW.rowVoided, core.showStamp(row.voided.at), row.voided.by,
        row.voided.reason)));
    }
    if (row.confirmed) cell.appendChild(make("span", { class: "confirmed-info" }, say(BW.rowConfirmed, row.confirmed.reason)));
    if (row.counterIssue) {
      cell.appendChild(make("span", { class: "counter-info", "data-counter-issue": row.counterIssue.kind },
        board.counterText(bm, c.overview.m, row.counterIssue)));
    }
    return cell;
  }

  function rowElement(bm, c, row, open) {
    var BW = bm.BW;
    var tr = make("tr", { "data-board-row": row.key, "data-reconciled": row.reconciled ? "true" : "false",
      "data-voided": row.voided ? "true" : "false", "data-row-unit": row.run.unit || "" });
    var unitCell = make("td", {}, row.run.unitName);
    unitCell.appendChild(make("span", { class: "row-meta" }, say(BW.rowRun, row.run.id)));
    tr.appendChild(unitCell);
    var numberCell = make("td", { class: "row-number" });
    numberCell.appendChild(make("strong", {}, String(row.number)));
    numberCell.appendChild(make("span", { class: "row-meta" }, row.log.title));
    tr.appendChild(numberCell);
    tr.appendChild(make("td", {}, core.showStamp(row.time)));
    tr.appendChild(valuesCell(bm, c, row));
    tr.appendChild(make("td", {}, say(BW.rowMeta, row.row.by, core.showStamp(row.row.at))));
    tr.appendChild(reconcileCell(bm, c, row, open));
    var actions = make("td", { class: "row-actions" });
    if (open && !row.voided && !row.reconciled) {
      actions.appendChild(make("button", { type: "button", "data-action": "reconcile-row" }, BW.reconcileButton));
    }
    actions.appendChild(make("div", { class: "row-message", role: "alert", "data-row-message": "" }));
    tr.appendChild(actions);
    return tr;
  }

  function groupElement(bm, c, group, open) {
    var BW = bm.BW;
    var attributes = group.patient ? { "data-board-patient": group.patient } : { "data-board-log-group": group.log.id };
    var section = make("section", Object.assign({ class: "board-group" }, attributes));
    section.appendChild(make("h3", {}, group.patient ? say(BW.patientGroup, group.patient) : say(BW.logGroup, group.log.title)));
    var table = make("table", { class: "board-table" });
    var head = make("tr");
    BW.rowHeader.forEach(function (title) { head.appendChild(make("th", {}, title)); });
    table.appendChild(make("thead")).appendChild(head);
    var body = table.appendChild(make("tbody"));
    group.rows.forEach(function (row) { body.appendChild(rowElement(bm, c, row, open)); });
    section.appendChild(table);
    return section;
  }

  Rex.boardRows = {
    /** Draws the rows when they changed; puts back typed drafts and each row's message. Returns the new signature. */
    render: function (bm, c, open, previous) {
      var section = one("[data-board-rows]");
      section.hidden = !c.record;
      var container = one("[data-board-groups]", section);
      var now = signature(c, open);
      if (now !== previous) {
        container.textContent = "";
        c.overview.groups.forEach(function (group) { container.appendChild(groupElement(bm, c, group, open)); });
        if (!c.overview.groups.length) container.appendChild(make("p", {}, bm.BW.noRows));
      }
      all("[data-board-row]", container).forEach(function (tr) {
        var key = tr.getAttribute("data-board-row");
        var draft = c.ui.drafts.rows[key] || {};
        all("[data-reconcile]", tr).forEach(function (input) {
          var value = draft[input.getAttribute("data-reconcile")];
          var text = value === undefined || value === null ? "" : String(value);
          if (input.value !== text && input !== document.activeElement) input.value = text;
        });
        one("[data-row-message]", tr).textContent = c.ui.rowMessages[key] || "";
      });
      return now;
    }
  };
})(this.Rex = this.Rex || {});
