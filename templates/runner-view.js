/*
 * Rex step runner — view: the page drawn from (model, run, state, ui). Text goes in with textContent,
 * never as HTML. It decides no rule: what is allowed comes in `ui` and `state`.
 */
(function (Rex) {
  "use strict";
  var core = Rex.core;
  var say = core.say;

  function all(selector, root) { return Array.prototype.slice.call((root || document).querySelectorAll(selector)); }
  function one(selector, root) { return (root || document).querySelector(selector); }
  function make(tag, attributes, text) {
    var element = document.createElement(tag);
    Object.keys(attributes || {}).forEach(function (name) { element.setAttribute(name, attributes[name]); });
    if (text !== undefined) element.textContent = text;
    return element;
  }

  /** Sets an input unless the operator is typing in it. */
  function setInput(input, value) {
    if (input.type === "checkbox") {
      input.checked = value === true;
      return;
    }
    var text = value === undefined || value === null ? "" : String(value);
    if (input.value !== text && input !== document.activeElement) input.value = text;
  }

  Rex.view = function (m, main, panel) {
    var W = m.W;
    var html = document.documentElement;
    var baseTitle = document.title;
    var rowElements = {};
    var lastCursor = null;
    var parts = {
      operator: one("[data-run-operator]", panel), drill: one("[data-run-drill]", panel),
      status: one("[data-run-status]", panel), statusLabel: one("[data-run-status-label]", panel),
      pending: one("[data-pending-reconciliation]", panel), elapsed: one("[data-run-elapsed]", panel),
      message: one("[data-run-message]", panel), summary: one("[data-run-summary]"),
      runSelect: one("[data-run-select]", panel), unit: one("[data-run-unit]", panel)
    };
    var hold = Rex.holdView(m);

    function banner(ui) {
      var element = one("[data-storage-banner]");
      if (!element) {
        element = make("p", { class: "storage-banner", role: "alert", "data-storage-banner": "" });
        panel.insertBefore(element, panel.firstChild);
      }
      element.hidden = !ui.storageFailed;
      element.textContent = ui.storageFailed ? W.storageFailed : "";
      html.classList.toggle("rex-unsaved", ui.storageFailed);
    }

    /** The read-only notice exists only while another tab records this run. */
    function readOnly(ui) {
      var notice = one("[data-run-readonly]", panel);
      if (!ui.readOnly) {
        if (notice) notice.remove();
        return;
      }
      if (notice) return;
      notice = make("div", { class: "runner-readonly", role: "alert", "data-run-readonly": "" });
      notice.appendChild(make("p", {}, W.readOnly));
      notice.appendChild(make("button", { type: "button", class: "primary", "data-action": "take-over" }, W.takeOverButton));
      panel.insertBefore(notice, one("[data-storage-banner]", panel).nextSibling);
    }

    function toggleAction(name, visible, enabled) {
      all('[data-action="' + name + '"]', panel).forEach(function (button) {
        button.hidden = !visible;
        button.disabled = !enabled;
      });
    }

    function renderPanel(c, running) {
      var run = c.run;
      var status = run ? c.state.status : "not-started";
      parts.status.textContent = status;
      parts.status.setAttribute("data-run-status", status);
      if (parts.statusLabel) parts.statusLabel.textContent = W.status[status];
      var pending = String(core.pendingCount(m, c.state));
      parts.pending.textContent = pending;
      parts.pending.setAttribute("data-pending-reconciliation", pending);
      renderElapsed(c);
      if (parts.operator !== document.activeElement) parts.operator.value = run ? c.state.operator || "" : parts.operator.value;
      parts.operator.disabled = c.ui.readOnly || c.ui.looking;
      if (parts.drill) {
        parts.drill.checked = run ? !!run.drill : parts.drill.checked;
        parts.drill.disabled = !!run;
      }
      if (parts.unit) {
        if (run) parts.unit.value = core.runUnit(run) || "";
        parts.unit.disabled = !!run || c.ui.looking;
      }
      var hint = one("[data-run-hint]", panel);
      if (hint) hint.hidden = !!run;
      toggleAction("start", !run, !c.ui.looking);
      toggleAction("change-operator", running, running);
      toggleAction("export-json", true, !!run);
      toggleAction("export-csv", true, !!run);
      toggleAction("archive", !!run, !!run && !c.ui.readOnly);
      all("[data-action=import-json]", panel).forEach(function (input) { input.disabled = c.ui.readOnly || c.ui.looking; });
      parts.message.textContent = c.ui.message;
      if (parts.summary) {
        parts.summary.hidden = !run;
        var unit = run && core.runUnit(run);
        parts.summary.textContent = run ? (run.drill ? W.drill + " — " : "") + (unit ? say(W.summaryUnit, core.unitName(m.model, unit)) + " — " : "") +
          say(W.summary, run.runId, core.showStamp(run.startedAt), run.events[0] ? run.events[0].operator : "",
            c.state.operator, W.status[status]) : "";
      }
      renderRunList(c);
    }

    function renderRunList(c) {
      var select = parts.runSelect;
      if (!select) return;
      var others = c.ui.liveRuns.filter(function (stored) { return !c.run || stored.runId !== c.run.runId; });
      select.hidden = !others.length;
      var wrapper = select.closest("[data-run-list]");
      if (wrapper) wrapper.hidden = !others.length;
      if (!others.length) return;
      var list = c.run ? [c.run].concat(others) : c.ui.liveRuns;
      var signature = list.map(function (stored) { return stored.runId + stored.updatedAt; }).join("|");
      if (select.getAttribute("data-signature") === signature) return;
      select.setAttribute("data-signature", signature);
      select.textContent = "";
      list.forEach(function (stored) {
        var unit = core.runUnit(stored);
        var label = say(W.runOption, core.showStamp(stored.startedAt), stored.events[0] ? stored.events[0].operator : "?",
          W.status[core.derive(m, stored).status]) + (unit ? " · " + core.unitName(m.model, unit) : "") +
          (stored.drill ? " · " + W.drill : "");
        var option = make("option", { value: stored.runId }, label);
        option.selected = !!c.run && stored.runId === c.run.runId;
        select.appendChild(option);
      });
    }

    function renderElapsed(c) {
      if (!c.run) { parts.elapsed.textContent = "—"; return; }
      var begin = Date.parse(c.run.startedAt);
      var end = c.state.completedAt ? Date.parse(c.state.completedAt) : Date.now();
      var seconds = Math.max(0, Math.floor((end - begin) / 1000));
      parts.elapsed.textContent = core.pad(Math.floor(seconds / 3600)) + ":" + core.pad(Math.floor(seconds / 60) % 60) +
        ":" + core.pad(seconds % 60);
      parts.elapsed.setAttribute("data-seconds", String(seconds));
    }

    /** One step: its state, inputs (typed drafts while live, recorded values once done), controls, alert, record. */
    function renderStep(c, step, running) {
      var element = one('[data-step="' + step.id + '"]', main);
      if (!element) return;
      var entry = c.state.steps[step.id];
      var view = { state: c.run ? entry.state : "pending", draft: c.ui.drafts.steps[step.id] || {} };
      view.live = running && (view.state === "current" || view.state === "blocked");
      view.fixing = running && c.ui.correcting === step.id;
      element.setAttribute("data-state", view.state);
      element.classList.toggle("correcting", view.fixing);
      var status = one("[data-step-status]", element);
      var done = entry.doneEvent;
      if (status) status.textContent = W.state[view.state] + (view.state === "done" && done ? " · " + core.showStamp(done.at) + " · " + done.by : "");
      renderStepInputs(step, element, entry, view);
      renderStepControls(c, step, element, entry, view, running);
      one("[data-step-message]", element).textContent = c.ui.stepMessages[step.id] ||
        (view.state === "blocked" && c.run ? core.mismatchText(m, entry.mismatches || []) + "\n" + W.blockedHelp : "");
      renderRecord(c, step, element, entry, view.state);
    }

    function renderStepInputs(step, element, entry, view) {
      var editable = view.live || view.fixing;
      step.fields.forEach(function (field) {
        var input = one('[data-field="' + field.id + '"]', element);
        if (!input) return;
        setInput(input, editable ? view.draft[field.id] : view.state === "done" && entry.values ? entry.values[field.id] : undefined);
        input.disabled = !editable;
      });
      var second = one("[data-second-initials]", element);
      if (second) {
        setInput(second, view.live ? view.draft["#second"] : view.state === "done" ? entry.second : undefined);
        second.disabled = !view.live;
      }
    }

    function renderStepControls(c, step, element, entry, view, running) {
      var overrideBlock = one("[data-override]", element);
      if (overrideBlock) {
        overrideBlock.hidden = !(running && view.state === "blocked");
        setInput(one("[data-override-reason]", overrideBlock), view.draft["#override"]);
      }
      var doneButton = one('[data-action="done"]', element);
      if (doneButton) {
        doneButton.disabled = !view.live;
        doneButton.hidden = !!c.run && (view.state === "done" || view.state === "skipped");
      }
      all("[data-goto]", element).forEach(function (button, index) {
        var choice = step.choices[index];
        var chosen = view.state === "done" && !!choice && entry.answer === choice.answer;
        button.disabled = !(view.live || view.fixing);
        button.classList.toggle("chosen", chosen);
        button.setAttribute("aria-pressed", chosen ? "true" : "false");
      });
      var correctButton = one('[data-action="correct"]', element);
      if (correctButton) {
        correctButton.hidden = !(running && view.state === "done" && !view.fixing && (step.choices.length || step.fields.length));
      }
      var correction = one("[data-correction]", element);
      if (correction) {
        correction.hidden = !view.fixing;
        setInput(one("[data-correction-reason]", correction), view.fixing ? view.draft["#correction"] : "");
      }
    }

    /** What was recorded on a step, as text: shown on screen and printed. */
    function renderRecord(c, step, element, entry, stepState) {
      var list = one("[data-step-record]", element);
      list.textContent = "";
      if (!c.run) return;
      entry.entries.forEach(function (event) {
        var earlier = event.seq < entry.passFrom;
        var item = make("li", { "data-event": event.type, "data-seq": String(event.seq) }, (earlier ? W.earlier : "") + describe(event));
        if (earlier) item.className = "earlier";
        list.appendChild(item);
      });
      if (stepState === "skipped") list.appendChild(make("li", { "data-event": "skipped", class: "skipped" }, W.skippedEntry));
    }

    function valuesText(values) {
      return Object.keys(values || {}).map(function (id) {
        var field = m.fields[id] || { label: id };
        return field.label + " : " + core.showValue(m, field, values[id]);
      }).join(" ; ");
    }

    var DESCRIBE = {
      done: function (event, at) { return say(W.done, at, event.by); },
      override: function (event, at) {
        return say(W.override, at, event.by, event.reason) + " — " + core.mismatchText(m, event.mismatches || []);
      },
      blocked: function (event, at) { return say(W.blocked, at, event.by, core.mismatchText(m, event.mismatches || [])); },
      decision: function (event, at) { return say(W.decision, event.answer, at, event.by); },
      correction: function (event, at) {
        return say(W.correction, at, event.by, event.reason) +
          (event.goto !== undefined ? " — " + say(W.correctionAnswer, event.previous, event.answer) : "");
      }
    };

    function describe(event) {
      var at = core.showStamp(event.at);
      var text = DESCRIBE[event.type] ? DESCRIBE[event.type](event, at) : event.type + " " + at;
      var values = event.type === "blocked" ? "" : valuesText(event.values);
      if (values) text += " — " + values;
      if (event.second) text += " — " + say(W.second, event.second);
      return text;
    }

    function renderLog(c, log, running) {
      var element = one('[data-log="' + log.id + '"]', main);
      if (!element) return;
      var body = one("[data-log-rows]", element);
      var draft = c.ui.drafts.logs[log.id] || {};
      all("[data-log-new] [data-column]", element).forEach(function (input) {
        input.disabled = !running;
        setInput(input, c.run ? draft[input.getAttribute("data-column")] : undefined);
      });
      all('[data-action="add-row"]', element).forEach(function (button) { button.disabled = !running; });
      c.state.rows[log.id].forEach(function (row) {
        var key = log.id + "/" + row.row;
        if (!rowElements[key]) {
          rowElements[key] = buildRow(log, row);
          body.appendChild(rowElements[key]);
        }
        updateRow(c, log, row, rowElements[key], running);
      });
      renderRowOverride(c, log, element, running, draft);
      var message = one("[data-log-message]", element);
      if (message) message.textContent = c.ui.logMessages[log.id] || "";
    }

    /** A refused row waits here for a written reason ("add anyway") or a correction of the typed values. */
    function renderRowOverride(c, log, element, running, draft) {
      var box = one("[data-row-override]", element);
      if (!box) {
        box = make("div", { class: "row-override runner-only", "data-row-override": "" });
        var label = make("label", {}, W.rowOverrideLabel + " ");
        label.appendChild(make("textarea", { "data-row-override-reason": "", rows: "2" }));
        box.appendChild(label);
        box.appendChild(make("button", { type: "button", "data-action": "add-row-anyway" }, W.addAnyway));
        element.insertBefore(box, one("[data-log-message]", element));
      }
      box.hidden = !(running && c.ui.refusals[log.id]);
      var reason = one("[data-row-override-reason]", box);
      reason.disabled = !running;
      setInput(reason, draft["#row-override"]);
    }

    function buildRow(log, row) {
      var tr = make("tr", { "data-row": String(row.row) });
      var numberCell = make("td", { class: "row-number" });
      numberCell.appendChild(make("strong", {}, String(row.row)));
      numberCell.appendChild(make("span", { class: "row-meta" }, say(W.rowMeta, core.showStamp(row.at), row.by)));
      numberCell.appendChild(make("span", { class: "void-info", "data-void-info": "" }));
      if (row.confirmed) numberCell.appendChild(make("span", { class: "confirmed-info" }, say(W.confirmedInfo, row.confirmed.reason)));
      tr.appendChild(numberCell);
      log.columns.forEach(function (column) {
        var shown = row.values[column.id] === undefined ? "" : core.showValue(m, column, row.values[column.id]);
        tr.appendChild(make("td", { class: "col", "data-value": column.id }, shown));
      });
      log.reconcile.forEach(function (column) {
        var cell = make("td", { class: "reconcile", "data-reconcile-cell": column.id });
        cell.appendChild(make("span", { class: "reconcile-value", "data-reconcile-value": column.id }));
        cell.appendChild(make("input", { class: "runner-only", "data-reconcile": column.id, maxlength: "4", autocomplete: "off",
          autocapitalize: "characters", "aria-label": column.label + " — " + row.row }));
        tr.appendChild(cell);
      });
      var actions = make("td", { class: "runner-only row-actions" });
      if (log.reconcile.length) actions.appendChild(make("button", { type: "button", "data-action": "reconcile-row" }, W.reconcileButton));
      actions.appendChild(make("input", { "data-void-reason": "", placeholder: W.voidPlaceholder, "aria-label": W.voidPlaceholder + " — " + row.row }));
      actions.appendChild(make("button", { type: "button", "data-action": "void-row" }, W.voidButton));
      tr.appendChild(actions);
      return tr;
    }

    function updateRow(c, log, row, tr, running) {
      var draft = c.ui.drafts.rows[log.id + "/" + row.row] || {};
      tr.setAttribute("data-reconciled", row.reconciled ? "true" : "false");
      tr.setAttribute("data-voided", row.voided ? "true" : "false");
      one("[data-void-info]", tr).textContent = row.voided ? say(W.voidedInfo, core.showStamp(row.voided.at), row.voided.by, row.voided.reason) : "";
      log.reconcile.forEach(function (column) {
        var done = row.reconcile[column.id];
        one('[data-reconcile-value="' + column.id + '"]', tr).textContent = done ? say(W.rowMeta, done.value, core.showStamp(done.at)) : "";
        var input = one('[data-reconcile="' + column.id + '"]', tr);
        input.hidden = !!done || !!row.voided;
        input.disabled = !running || !!done || !!row.voided;
        if (!done) setInput(input, draft[column.id]);
      });
      var reconcileButton = one('[data-action="reconcile-row"]', tr);
      if (reconcileButton) {
        reconcileButton.hidden = row.reconciled || !!row.voided;
        reconcileButton.disabled = !running;
      }
      var reason = one("[data-void-reason]", tr);
      reason.hidden = !!row.voided;
      reason.disabled = !running;
      if (!row.voided) setInput(reason, draft["#void"]);
      var voidButton = one('[data-action="void-row"]', tr);
      voidButton.hidden = !!row.voided;
      voidButton.disabled = !running;
    }

    /** Scrolls the current step into view and, after an action, puts the keyboard on it. */
    function bringCurrentIntoView(c, focus) {
      var cursor = c.state.cursor;
      var element = cursor && cursor !== "end" ? one('[data-step="' + cursor + '"]', main) : null;
      if (!element) return;
      element.scrollIntoView({ block: "center" });
      if (!focus) return;
      var target = all("[data-field], [data-second-initials], [data-goto], [data-action=done]", element)
        .filter(function (candidate) { return !candidate.disabled; })[0];
      if (target) target.focus({ preventScroll: true });
    }

    return {
      /** Draws everything; `options.focus` moves the keyboard to the current step when it changed. */
      render: function (c, options) {
        var running = !!c.run && c.state.status === "in-progress" && !c.ui.readOnly;
        html.classList.add("runner-on");
        html.classList.toggle("rex-drill", !!(c.run && c.run.drill));
        document.title = (c.run && c.run.drill ? W.drillTitle : "") + baseTitle;
        banner(c.ui);
        readOnly(c.ui);
        renderPanel(c, running);
        hold.render(c);
        m.model.steps.forEach(function (step) { renderStep(c, step, running); });
        m.model.logs.forEach(function (log) { renderLog(c, log, running); });
        if (c.state.cursor !== lastCursor) {
          lastCursor = c.state.cursor;
          if (options && options.focus !== undefined) bringCurrentIntoView(c, options.focus);
        }
      },
      renderElapsed: renderElapsed,
      /** Forgets the rows drawn for the previous run (another run is shown now). */
      clearRows: function () {
        Object.keys(rowElements).forEach(function (key) { rowElements[key].remove(); });
        rowElements = {};
      },
      holdSheet: hold.sheet,
      clearLogInputs: function (log) {
        all("[data-log-new] [data-column], [data-row-override-reason]", one('[data-log="' + log.id + '"]', main))
          .forEach(function (input) { input.value = ""; });
      },
      focusNewRow: function (log) {
        var first = one('[data-log="' + log.id + '"] [data-log-new] [data-column]', main);
        if (first) first.focus();
      }
    };
  };
})(this.Rex = this.Rex || {});
