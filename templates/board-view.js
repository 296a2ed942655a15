/*
 * Rex reconciliation board — view: the page drawn from (model, record, state, overview, ui). Text goes in with
 * textContent, never as HTML: every value shown came from a file on a USB stick. It decides no rule.
 */
(function (Rex) {
  "use strict";
  var core = Rex.core;
  var board = Rex.board;
  var say = core.say;

  function all(selector, root) { return Array.prototype.slice.call((root || document).querySelectorAll(selector)); }
  function one(selector, root) { return (root || document).querySelector(selector); }
  function make(tag, attributes, text) {
    var element = document.createElement(tag);
    Object.keys(attributes || {}).forEach(function (name) { element.setAttribute(name, attributes[name]); });
    if (text !== undefined) element.textContent = text;
    return element;
  }
  function setInput(input, value) {
    var text = value === undefined || value === null ? "" : String(value);
    if (input.value !== text && input !== document.activeElement) input.value = text;
  }

  Rex.boardView = function (bm, main, panel) {
    var BW = bm.BW;
    var html = document.documentElement;
    var baseTitle = document.title;
    var drawn = { rows: null, units: null };

    function banner(ui) {
      var element = one("[data-storage-banner]", panel);
      element.hidden = !ui.storageFailed;
      element.textContent = ui.storageFailed ? BW.storageFailed : "";
      html.classList.toggle("rex-unsaved", ui.storageFailed);
    }

    function readOnly(ui) {
      var notice = one("[data-run-readonly]", panel);
      if (!ui.readOnly) { if (notice) notice.remove(); return; }
      if (notice) return;
      notice = make("div", { class: "runner-readonly", role: "alert", "data-run-readonly": "" });
      notice.appendChild(make("p", {}, BW.readOnly));
      notice.appendChild(make("button", { type: "button", class: "primary", "data-action": "take-over" }, BW.takeOverButton));
      panel.insertBefore(notice, one("[data-storage-banner]", panel).nextSibling);
    }

    function toggle(name, visible, enabled) {
      all('[data-action="' + name + '"]', panel).forEach(function (button) {
        button.hidden = !visible;
        button.disabled = !enabled;
      });
    }

    function renderPanel(c, open) {
      var status = c.state.status;
      one("[data-board-status]", panel).textContent = status;
      one("[data-board-status]", panel).setAttribute("data-board-status", status);
      one("[data-board-status-label]", panel).textContent = BW.status[status];
      var pending = String(c.overview.pending.length);
      one("[data-board-pending]", panel).textContent = pending;
      var missing = String(c.overview.units.filter(function (unit) { return unit.status === "missing"; }).length);
      one("[data-board-missing]", panel).textContent = c.record ? missing : "0";
      var form = one("[data-board-open-form]", panel);
      var operator = one("[data-board-operator]", form);
      if (c.record && operator !== document.activeElement) operator.value = c.state.operator || "";
      operator.disabled = c.ui.readOnly || c.ui.looking;
      // A closed outage is read-only; the next outage opens a new board beside it.
      var choosing = !c.record || status === "closed";
      all("[data-board-procedure], [data-board-drill]", form).forEach(function (input) { input.disabled = !choosing; });
      if (c.record && !choosing) {
        one("[data-board-procedure]", form).value = c.state.procedure;
        one("[data-board-drill]", form).checked = c.state.drill;
      }
      toggle("open-outage", choosing, !c.ui.looking && bm.model.procedures.length > 0);
      toggle("change-operator", open, open);
      all("[data-import-runs]", panel).forEach(function (input) { input.disabled = !open; });
      toggle("close-outage", !!c.record, open);
      toggle("export-json", true, !!c.record);
      toggle("print-hold-list", true, !!c.record);
      toggle("print-report", true, !!c.record);
      one("[data-board-message]", panel).textContent = c.ui.message;
      var summary = one("[data-board-summary]");
      summary.hidden = !c.record;
      summary.textContent = c.record ? (c.state.drill ? BW.drill + " — " : "") + say(BW.summary,
        c.overview.m ? c.overview.m.model.title : c.state.procedure, core.showStamp(c.state.openedAt),
        c.state.operators[0] ? c.state.operators[0].initials : "", c.state.operator) +
        (c.state.closed ? " — " + say(BW.closedInfo, core.showStamp(c.state.closed.at), c.state.closed.by) : "") : "";
      renderBoardList(c);
    }

    function renderBoardList(c) {
      var select = one("[data-board-select]", panel);
      var others = c.ui.boards.filter(function (stored) { return !c.record || stored.boardId !== c.record.boardId; });
      one("[data-board-list]", panel).hidden = !others.length;
      select.hidden = !others.length;
      if (!others.length) return;
      var list = c.record ? [c.record].concat(others) : c.ui.boards;
      var signature = list.map(function (stored) { return stored.boardId + stored.updatedAt; }).join("|");
      if (select.getAttribute("data-signature") === signature) return;
      select.setAttribute("data-signature", signature);
      select.textContent = "";
      list.forEach(function (stored) {
        var state = board.derive(bm, stored);
        var option = make("option", { value: stored.boardId }, say(BW.boardOption, core.showStamp(stored.startedAt),
          state.procedure, BW.status[state.status]) + (state.drill ? " · " + BW.drill : ""));
        option.selected = !!c.record && stored.boardId === c.record.boardId;
        select.appendChild(option);
      });
    }

    /* ------------------------------------------------------------ units */

    function renderUnits(c, open) {
      var section = one("[data-board-units]");
      section.hidden = !c.record || !bm.units.length;
      var body = one("[data-board-unit-rows]", section);
      var signature = JSON.stringify([open, c.overview.units.map(function (unit) {
        return [unit.id, unit.status, unit.counts, unit.runs.map(function (info) { return info.id; })];
      })]);
      if (drawn.units !== signature) {
        drawn.units = signature;
        body.textContent = "";
        c.overview.units.forEach(function (unit) { body.appendChild(unitRow(c, unit, open)); });
      }
      all("[data-unit]", body).forEach(function (tr) {
        var draft = c.ui.drafts.units[tr.getAttribute("data-unit")] || {};
        all("[data-unit-initials], [data-unit-reason]", tr).forEach(function (input) {
          setInput(input, draft[input.hasAttribute("data-unit-initials") ? "initials" : "reason"]);
        });
      });
    }

    function unitRow(c, unit, open) {
      var tr = make("tr", { "data-unit": unit.id, "data-unit-status": unit.status });
      tr.appendChild(make("td", {}, unit.name));
      tr.appendChild(make("td", { class: "unit-status-" + unit.status }, BW.unitStatus[unit.status]));
      var detail = unit.runs.length ? say(BW.unitRuns, unit.runs.length, unit.runs.map(function (info) {
        return info.id;
      }).join(", ")) + " — " + BW.reportUnitColumns.slice(3).map(function (label, index) {
        return label + " : " + [unit.counts.written, unit.counts.voided, unit.counts.reconciled, unit.counts.pending][index];
      }).join(" · ") : "";
      tr.appendChild(make("td", {}, detail));
      var cell = make("td");
      if (unit.notAffected) {
        cell.textContent = say(BW.unitNotAffectedBy, unit.notAffected.initials, unit.notAffected.by,
          core.showStamp(unit.notAffected.at), unit.notAffected.reason);
      } else if (unit.status === "missing" && open) {
        var initials = make("label", {}, BW.unitInitialsLabel + " ");
        initials.appendChild(make("input", { "data-unit-initials": "", maxlength: "4", size: "5", autocomplete: "off" }));
        var reason = make("label", {}, BW.unitReasonLabel + " ");
        reason.appendChild(make("input", { "data-unit-reason": "", size: "28", autocomplete: "off" }));
        cell.appendChild(initials);
        cell.appendChild(reason);
        cell.appendChild(make("button", { type: "button", "data-action": "unit-not-affected" }, BW.unitNotAffectedButton));
      }
      tr.appendChild(cell);
      return tr;
    }

    /* ------------------------------------------------------- hold, counters */


    function renderHold(c) {
      var section = one("[data-hold-list]");
      section.hidden = !c.record;
      one("[data-hold-title]", section).textContent = BW.holdTitle;
      var list = one("[data-hold-items]", section);
      list.textContent = "";
      c.overview.hold.forEach(function (entry) {
        var item = make("li", { "data-hold-patient": entry.patient });
        item.appendChild(make("strong", {}, entry.patient));
        entry.rows.forEach(function (row) { item.appendChild(make("span", { class: "hold-row" }, board.holdRowText(bm, c.overview.m, row))); });
        list.appendChild(item);
      });
      if (!c.overview.hold.length) list.appendChild(make("li", { class: "hold-empty" }, BW.holdEmpty));
    }

    function renderCounters(c) {
      var section = one("[data-board-counters]");
      section.hidden = !c.record || !c.overview.counters.length;
      one("[data-board-counters-title]", section).textContent = BW.counterTitle;
      var list = one("[data-board-counter-items]", section);
      list.textContent = "";
      c.overview.counters.forEach(function (issue) {
        list.appendChild(make("li", { "data-counter-row": issue.row.key }, board.counterText(bm, c.overview.m, issue)));
      });
    }

    /* ------------------------------------------------------------ runs */

    function runText(info) {
      var derived = info.derived;
      var rows = derived ? Object.keys(derived.rows).reduce(function (sum, id) { return sum + derived.rows[id].length; }, 0) : 0;
      return say(BW.runItem, info.unitName, info.id, core.showStamp(info.run.startedAt),
        info.run.events[0] ? info.run.events[0].operator : "?", info.run.events.length, rows, info.file) +
        (info.revisionDiffers ? say(BW.runRevision, info.run.version, info.run.revision) : "") +
        (info.imports > 1 ? say(BW.runImports, info.imports) : "");
    }

    function renderRuns(c) {
      [["[data-board-runs]", "[data-board-run-items]", c.overview.counted, BW.noRuns],
        ["[data-board-apart]", "[data-board-apart-items]", c.overview.apart, null]].forEach(function (part) {
        var section = one(part[0]);
        section.hidden = !c.record || (!part[3] && !part[2].length);
        var list = one(part[1], section);
        list.textContent = "";
        part[2].forEach(function (info) {
          list.appendChild(make("li", { "data-board-run": info.id, "data-board-run-unit": info.unit || "" }, runText(info)));
        });
        if (!part[2].length && part[3]) list.appendChild(make("li", {}, part[3]));
      });
    }

    return {
      render: function (c) {
        var open = !!c.record && c.state.status === "open" && !c.ui.readOnly && !c.ui.looking;
        html.classList.add("runner-on");
        html.classList.toggle("rex-drill", !!(c.record && c.state.drill));
        document.title = (c.record && c.state.drill ? BW.drillTitle : "") + baseTitle;
        banner(c.ui);
        readOnly(c.ui);
        renderPanel(c, open);
        renderUnits(c, open);
        renderHold(c);
        renderCounters(c);
        drawn.rows = Rex.boardRows.render(bm, c, open, drawn.rows);
        renderRuns(c);
      },
      forget: function () { drawn = { rows: null, units: null }; }
    };
  };
})(this.Rex = this.Rex || {});
