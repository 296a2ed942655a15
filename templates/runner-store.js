/*
 * Rex step runner — store: localStorage, and nothing else. It never changes what the page shows: every
 * write returns "ok", "conflict" (another tab wrote first; nothing written) or "failed" (storage refused
 * or the read-back differed), and the controller decides what to say.
 *
 * Keys, namespaced by handbook and procedure because every file:// page of a workstation shares one
 * storage area:
 *   rex:<handbook>:<procedure>:run:<runId>     the run: metadata and its append-only events
 *   rex:<handbook>:<procedure>:draft:<runId>   what is typed but not yet recorded (survives a crash)
 *   rex:<handbook>:<procedure>:lease:<runId>   which tab records the run now { tab, at }
 * A page writes only the keys of the run it shows; a page load that sees no run writes nothing, and a
 * new run always gets a new id whose key is checked to be free.
 */
(function (Rex) {
  "use strict";

  /** A lease not renewed for this long belongs to a tab that was closed or crashed (or slept in the background). */
  var LEASE_STALE_MS = 120000;

  /**
   * `options` serve the reconciliation board, whose record is kept with the same guarantees: `format` (default
   * the run's) is what a stored record must say, `idKey` (default "runId") where its id is.
   */
  Rex.store = function (handbook, procedure, options) {
    var format = (options && options.format) || Rex.core.FORMAT;
    var idKey = (options && options.idKey) || "runId";
    var namespace = "rex:" + handbook + ":" + procedure + ":";
    var runPrefix = namespace + "run:";
    var storage = null;

    function read(key) {
      try {
        var text = storage.getItem(key);
        return text === null ? null : JSON.parse(text);
      } catch (error) {
        return null;
      }
    }

    /** Writes and reads back; when storage is full, archived (already exported) runs make room, oldest first. */
    function write(key, value) {
      var text = JSON.stringify(value);
      for (var attempt = 0; attempt < 20; attempt++) {
        try {
          storage.setItem(key, text);
          return storage.getItem(key) === text ? "ok" : "failed";
        } catch (error) {
          var full = error && (error.name === "QuotaExceededError" || error.code === 22);
          if (!(full && removeOneArchivedRun())) return "failed";
        }
      }
      return "failed";
    }

    function removeOneArchivedRun() {
      var oldest = null;
      var handbookPrefix = "rex:" + handbook + ":";
      for (var i = 0; i < storage.length; i++) {
        var key = storage.key(i);
        if (!key || key.indexOf(handbookPrefix) !== 0 || key.indexOf(":run:") < 0) continue;
        var stored = read(key);
        if (stored && stored.archivedAt && (!oldest || stored.archivedAt < oldest.at)) oldest = { key: key, at: stored.archivedAt };
      }
      if (!oldest) return false;
      storage.removeItem(oldest.key);
      storage.removeItem(oldest.key.replace(":run:", ":draft:"));
      return true;
    }

    function isRun(stored) { return stored && stored.format === format && Array.isArray(stored.events); }

    var store = {
      namespace: namespace,
      available: function () { return !!storage; },

      /** Opens localStorage; false when it is denied or cannot be written (the page raises its banner). */
      open: function () {
        try {
          var candidate = window.localStorage;
          var probe = "rex:probe:" + Math.random().toString(36).slice(2);
          candidate.setItem(probe, "1");
          candidate.removeItem(probe);
          storage = candidate;
        } catch (error) {
          storage = null;
        }
        return !!storage;
      },

      /** Every stored run of this procedure, archived or not; unreadable keys are left alone. */
      runs: function () {
        var runs = [];
        if (!storage) return runs;
        try {
          for (var i = 0; i < storage.length; i++) {
            var key = storage.key(i);
            if (key && key.indexOf(runPrefix) === 0) {
              var stored = read(key);
              if (isRun(stored)) runs.push(stored);
            }
          }
        } catch (error) { /* storage vanished: nothing to list */ }
        return runs;
      },

      /** Runs not archived, latest change first. */
      liveRuns: function () {
        return store.runs().filter(function (stored) { return !stored.archivedAt; })
          .sort(function (a, b) { return String(b.updatedAt).localeCompare(String(a.updatedAt)); });
      },

      load: function (runId) {
        if (!storage) return null;
        var stored = read(runPrefix + runId);
        return isRun(stored) ? stored : null;
      },

      newRunId: function () {
        var id;
        do {
          id = Date.now().toString(36) + "-" + Math.random().toString(36).slice(2, 8);
        } while (storage && storage.getItem(runPrefix + id) !== null);
        return id;
      },

      /**
       * Saves `run` when the stored copy holds exactly the first `base` events of it (or, with base 0, when
       * there is no stored copy): { status: "ok" } after a read-back; { status: "conflict", stored } when
       * another tab wrote first, and nothing is written; { status: "failed" } when storage refuses.
       */
      save: function (run, base) {
        if (!storage) return { status: "failed" };
        var key = runPrefix + run[idKey];
        var stored;
        try {
          stored = storage.getItem(key) === null ? null : read(key);
        } catch (error) {
          return { status: "failed" };
        }
        if (stored === null ? base !== 0 : !(isRun(stored) && stored.events.length === base &&
            Rex.core.isPrefix(stored.events, run.events))) {
          return isRun(stored) ? { status: "conflict", stored: stored } : { status: "failed" };
        }
        return { status: write(key, run) };
      },

      drafts: function (runId) { return storage ? read(namespace + "draft:" + runId) : null; },
      saveDrafts: function (runId, drafts) { return storage ? write(namespace + "draft:" + runId, drafts) : "failed"; },

      /* ------------------------------------------------------------ leases */

      lease: function (runId) { return storage ? read(namespace + "lease:" + runId) : null; },
      leaseKey: function (runId) { return namespace + "lease:" + runId; },
      isRunKey: function (key) { return !!key && key.indexOf(runPrefix) === 0; },
      isLeaseKey: function (key) { return !!key && key.indexOf(namespace + "lease:") === 0; },

      /** Who may record: "mine", "free" (nobody, or a stale lease) or "other" (another live tab). */
      leaseHolder: function (runId, tab, nowMs) {
        var lease = store.lease(runId);
        if (!lease || typeof lease.at !== "number" || nowMs - lease.at > LEASE_STALE_MS) return "free";
        return lease.tab === tab ? "mine" : "other";
      },

      /** Takes or renews the lease for this tab; `force` takes it from another live tab (a recorded take-over). */
      claim: function (runId, tab, nowMs, force) {
        if (!storage) return false;
        if (!force && store.leaseHolder(runId, tab, nowMs) === "other") return false;
        return write(namespace + "lease:" + runId, { tab: tab, at: nowMs }) === "ok";
      },

      release: function (runId, tab) {
        if (!storage) return;
        try {
          var lease = store.lease(runId);
          if (lease && lease.tab === tab) storage.removeItem(namespace + "lease:" + runId);
        } catch (error) { /* the lease goes stale on its own */ }
      }
    };
    return store;
  };

  /** sessionStorage (this tab only, survives a reload): which run this tab shows, and how often it looked again. */
  Rex.session = {
    get: function (key) {
      try { return window.sessionStorage.getItem(key); } catch (error) { return null; }
    },
    set: function (key, value) {
      try { window.sessionStorage.setItem(key, value); } catch (error) { /* a nicety only */ }
    },
    remove: function (key) {
      try { window.sessionStorage.removeItem(key); } catch (error) { /* a nicety only */ }
    }
  };
})(this.Rex = this.Rex || {});
