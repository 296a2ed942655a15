/*
 * Rex step runner — the hold list's view: every patient on hold above the steps, and the one-page sheet
 * printed to tape to the console. Text goes in with textContent only.
 */
(function (Rex) {
  "use strict";
  var core = Rex.core;
  var say = core.say;

  function one(selector, root) { return (root || document).querySelector(selector); }
  function make(tag, attributes, text) {
    var element = document.createElement(tag);
    Object.keys(attributes || {}).forEach(function (name) { element.setAttribute(name, attributes[name]); });
    if (text !== undefined) element.textContent = text;
    return element;
  }

  Rex.holdView = function (m) {
    var W = m.W;

    /** Every patient on hold, above the steps, and the button that prints them as a sheet. */
    function render(c) {
      var section = one("[data-hold-list]");
      if (!section) return;
      var held = c.run ? core.holdList(m, c.state) : [];
      section.hidden = !c.run || !m.model.logs.some(function (log) { return log.patient; });
      one("[data-hold-title]", section).textContent = W.holdTitle;
      var list = one("[data-hold-items]", section);
      list.textContent = "";
      held.forEach(function (entry) {
        var item = make("li", { "data-hold-patient": entry.patient });
        item.appendChild(make("strong", {}, entry.patient));
        entry.rows.forEach(function (heldRow) { item.appendChild(make("span", { class: "hold-row" }, holdRowText(heldRow))); });
        list.appendChild(item);
      });
      if (!held.length) list.appendChild(make("li", { class: "hold-empty" }, W.holdEmpty));
      var print = one("[data-action=print-hold-list]", section);
      print.textContent = W.holdPrint;
      print.disabled = !c.run;
    }

    function holdRowText(heldRow) {
      var log = heldRow.log;
      var counter = "";
      if (log.counter) {
        var column = core.findColumn(log.columns, log.counter);
        counter = say(W.holdCounter, column.label, core.showValue(m, column, heldRow.counter));
      }
      return say(W.holdRow, heldRow.row.row, log.title, counter, core.showStamp(core.rowTime(log, heldRow.row)), heldRow.row.by);
    }

    /** The one-page sheet to tape to the console: built just before printing, printed alone. */
    function sheet(c, printedAt) {
      var old = one("[data-hold-sheet]");
      if (old) old.remove();
      var sheet = make("section", { class: "hold-sheet", "data-hold-sheet": "" });
      var siteName = one(".site-name");
      sheet.appendChild(make("h1", {}, W.holdSheetTitle + " — " + W.holdDoNotTreat));
      sheet.appendChild(make("p", { class: "hold-sheet-meta" }, say(W.holdPrinted, siteName ? siteName.textContent.trim() : "",
        m.model.title + " (" + m.model.procedure + ", v" + m.model.version + ")", core.showStamp(printedAt))));
      var unit = c.run && core.runUnit(c.run);
      if (unit) sheet.appendChild(make("p", { class: "hold-sheet-meta", "data-hold-unit": unit }, say(W.holdUnit, core.unitName(m.model, unit))));
      var held = core.holdList(m, c.state);
      var table = make("table");
      var head = make("tr");
      W.holdColumns.forEach(function (title) { head.appendChild(make("th", {}, title)); });
      table.appendChild(make("thead")).appendChild(head);
      var body = table.appendChild(make("tbody"));
      held.forEach(function (entry) {
        var tr = make("tr", { "data-hold-patient": entry.patient });
        var cell = make("td");
        cell.appendChild(make("strong", {}, entry.patient));
        cell.appendChild(make("span", { class: "hold-do-not-treat" }, W.holdDoNotTreat));
        tr.appendChild(cell);
        tr.appendChild(make("td", {}, entry.rows.map(holdRowText).join(" ; ")));
        for (var i = 2; i < W.holdColumns.length; i++) tr.appendChild(make("td", { class: "signature" }, ""));
        body.appendChild(tr);
      });
      if (!held.length) sheet.appendChild(make("p", {}, W.holdNone));
      sheet.appendChild(table);
      document.body.appendChild(sheet);
    }

    return { render: render, sheet: sheet };
  };
})(this.Rex = this.Rex || {});
