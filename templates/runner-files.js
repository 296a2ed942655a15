/*
 * Rex step runner — files and paper: export (JSON, CSV), import, archive, and the printed hold list.
 */
(function (Rex) {
  "use strict";
  var core = Rex.core;
  var say = core.say;
  var c = Rex.controller;
  if (!c || !Rex.actions) return;
  var m = c.m;
  var W = c.W;
  var ui = c.ui;

  function stamp() { return c.now().slice(0, 16).replace(/[-:]/g, "").replace("T", "-"); }
  /** rex-rv-downtime-v4-linac-1-20251118-1032[-exercice]: the unit in the name tells a USB stick's files apart. */
  function fileBase() {
    var unit = core.runUnit(c.run);
    return "rex-" + m.model.procedure + "-v" + m.model.version + (unit ? "-" + unit : "") + "-" + stamp() +
      (c.run.drill ? "-" + W.drill.toLowerCase() : "");
  }
  function download(name, type, text) {
    var url = URL.createObjectURL(new Blob([text], { type: type }));
    var link = document.createElement("a");
    link.href = url;
    link.download = name;
    link.hidden = true;
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(function () { URL.revokeObjectURL(url); }, 60000);
  }

  /** Saves run metadata (no new event) with the same guard as an event: another tab's write wins. */
  function saveMetadata(changes) {
    var next = Object.assign({}, c.run, changes, { updatedAt: c.now() });
    return c.saveRun(next, c.run.events.length);
  }

  function exportJSON() {
    if (!c.run) return c.tell(null, W.startFirst);
    var name = fileBase() + ".json";
    var at = c.now();
    download(name, "application/json", JSON.stringify(core.exportObject(m, c.run, c.state, ui.drafts, at), null, 2));
    var outcome = ui.readOnly ? "ok" : saveMetadata({ exportedAt: at, exportedEvents: c.run.events.length });
    c.report(outcome === "conflict" ? "conflict" : "ok", null, say(W.exported, name));
  }

  function exportCSV() {
    if (!c.run) return c.tell(null, W.startFirst);
    var name = fileBase() + ".csv";
    download(name, "text/csv;charset=utf-8", core.csvText(m, c.run, c.state));
    c.tell(null, say(W.exported, name));
  }

  function importFile(input) {
    var file = input.files && input.files[0];
    if (!file) return;
    if (file.size > core.LIMITS.fileBytes) {
      input.value = "";
      return c.tell(null, say(W.importTooBig, file.size, core.LIMITS.fileBytes));
    }
    var reader = new FileReader();
    reader.onload = function () {
      input.value = "";
      importText(String(reader.result));
    };
    reader.readAsText(file);
  }

  /** A run checked whole before anything is stored; one that extends the stored copy takes its key. */
  function importText(text) {
    var checked = core.checkRun(text, W);
    if (checked.error) return c.tell(null, checked.error);
    var incoming = checked.run;
    // A run of another language version of this procedure (translation_of) has the same steps: it goes in.
    var versions = m.model.languageVersions || [m.model.procedure];
    if (versions.indexOf(incoming.procedure) < 0 || incoming.handbook !== m.model.handbook) {
      return c.tell(null, say(W.importOther, incoming.procedure, incoming.handbook, m.model.procedure, m.model.handbook));
    }
    if (!incoming.runId) incoming.runId = c.store.newRunId();
    var existing = c.store.load(incoming.runId);
    var base = 0;
    if (existing) {
      if (core.isPrefix(incoming.events, existing.events)) {
        c.show(existing);
        return c.tell(null, W.importedKnown);
      }
      // Only a run that extends the stored one may take its key; a diverging one is kept as a new run.
      if (core.isPrefix(existing.events, incoming.events)) base = existing.events.length;
      else incoming.runId = c.store.newRunId();
    }
    incoming.updatedAt = c.now();
    incoming.importedAt = c.now();
    c.run = null;
    var outcome = c.saveRun(incoming, base);
    if (outcome === "conflict") return c.report(outcome, null, "");
    c.show(incoming);
    ui.drafts = checked.drafts;
    c.saveDrafts();
    var message = say(W.imported, incoming.events.length);
    if (incoming.revision !== m.model.revision) {
      message += " " + say(W.otherRevision, incoming.version, incoming.revision, m.model.version, m.model.revision);
    }
    c.report(outcome, null, message, { focus: true });
  }

  function archive() {
    if (!c.run) return c.tell(null, W.startFirst);
    if (ui.readOnly) return c.tell(null, W.readOnlyRefused);
    if (!c.run.exportedAt || c.run.exportedEvents !== c.run.events.length) return c.tell(null, W.archiveNeedsExport);
    var outcome = saveMetadata({ archivedAt: c.now(), archivedBy: c.state.operator });
    if (outcome === "conflict" || outcome === "refused") return c.report(outcome, null, "");
    c.store.release(c.run.runId, c.tab);
    c.run = null;
    c.state = core.derive(m, null);
    Rex.session.remove(c.keys.selected);
    ui.correcting = null;
    ui.readOnly = false;
    c.view.clearRows();
    var next = c.store.liveRuns()[0];
    if (next) c.show(next);
    c.report(outcome, null, W.archived);
  }

  /** Prints only the hold-list sheet (one A4 page to tape to the console). */
  function printHoldList() {
    if (!c.run) return c.tell(null, W.startFirst);
    c.view.holdSheet({ run: c.run, state: c.state, ui: ui }, c.now());
    var root = document.documentElement;
    root.classList.add("rex-print-hold");
    window.addEventListener("afterprint", function done() {
      root.classList.remove("rex-print-hold");
      window.removeEventListener("afterprint", done);
    });
    window.print();
  }

  Object.assign(Rex.actions.table, {
    "export-json": exportJSON, "export-csv": exportCSV, archive: archive, "print-hold-list": printHoldList
  });
  Rex.actions.importFile = importFile;
})(this.Rex = this.Rex || {});
