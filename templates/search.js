// Rex site search. The data is scripts, not fetches, so that it works from file://: assets/search-data.js
// (the current revision codes, the entries files there are and the pages in the handbook's order) and
// assets/search-entries-N.js (each some documents' entries, a document's file chosen by its id, so that a
// one-procedure change rewrites one of them). They are loaded only when needed — the stale-copy check loads the
// first alone, the search box all of them — by inserting their script elements, so no page waits for them.
// Results are inserted as text.
(function () {
  "use strict";
  var Rex = window.Rex = window.Rex || {};

  // Inserts the script at src once, whoever asks first: calls back with true once it ran, false if it cannot
  // be loaded (the element is then removed, and a later use tries again).
  var waiting = {};
  function load(src, callback) {
    if (waiting[src]) { waiting[src].push(callback); return; }
    waiting[src] = [callback];
    var script = document.createElement("script");
    script.src = src;
    function done(ok) {
      var callbacks = waiting[src];
      delete waiting[src];
      if (!ok) script.remove();
      callbacks.forEach(function (call) { call(ok); });
    }
    script.onload = function () { done(true); };
    script.onerror = function () { done(false); };
    document.head.appendChild(script);
  }

  // Once a file could not be loaded, the site may have been rebuilt since the page read the first file (its list of
  // entries files, its pages): every file is then read anew, the first one too. Chromium reads a file:// script
  // again anyway; the query, which the file system ignores, keeps a browser or server that caches (a site served
  // over HTTP) from giving the old copy.
  var anew = "";

  // Calls back with true once window.REX_REVISIONS (and the list of entries files) is there.
  Rex.loadRevisions = function (root, callback) {
    if (window.REX_REVISIONS) { callback(true); return; }
    load(root + "assets/search-data.js" + anew, function (ok) { callback(ok && !!window.REX_REVISIONS); });
  };

  // Calls back with true once window.REX_SEARCH holds every entry, in the order of the pages; false if a file
  // cannot be loaded (a later use loads them all again).
  Rex.loadSearchData = function (root, callback) {
    if (window.REX_SEARCH) { callback(true); return; }
    Rex.loadRevisions(root, function (ok) {
      if (!ok || !Array.isArray(window.REX_SEARCH_FILES)) { callback(ok && !!window.REX_SEARCH); return; }
      window.REX_SEARCH_PARTS = window.REX_SEARCH_PARTS || {};
      var missing = window.REX_SEARCH_FILES.filter(function (number) { return !window.REX_SEARCH_PARTS[number]; });
      var left = missing.length, failed = false;
      function finished() {
        failed = failed || !Array.isArray(window.REX_SEARCH_FILES);  // forgotten meanwhile by another use's failure
        if (failed) {
          anew = "?" + Date.now();
          window.REX_REVISIONS = window.REX_SEARCH_FILES = window.REX_SEARCH_PAGES = undefined;
          window.REX_SEARCH_PARTS = {};
        } else if (!window.REX_SEARCH) {
          window.REX_SEARCH = assemble();
        }
        callback(!failed);
      }
      if (!left) { finished(); return; }
      missing.forEach(function (number) {
        load(root + "assets/search-entries-" + number + ".js" + anew, function (ok) {
          failed = failed || !(ok && window.REX_SEARCH_PARTS[number]);
          if (--left === 0) finished();
        });
      });
    });
  };

  // Each file holds a list per document, its page's entry first: the lists are put back in the pages' order.
  function assemble() {
    var byPage = {};
    window.REX_SEARCH_FILES.forEach(function (number) {
      window.REX_SEARCH_PARTS[number].forEach(function (entries) {
        if (entries.length) byPage[entries[0].url] = entries;
      });
    });
    var all = [];
    window.REX_SEARCH_PAGES.forEach(function (page) {
      (byPage[page] || []).forEach(function (entry) { all.push(entry); });
    });
    return all;
  }

  var form = document.querySelector("[data-search]");
  if (!form) return;
  var input = form.querySelector("[data-search-input]");
  var list = form.querySelector("[data-search-results]");
  var root = form.getAttribute("data-root") || "";
  var entries = null;
  form.hidden = false;

  // Case, accents and typographic apostrophes do not matter: "capture d'ecran" finds "capture d’écran".
  function normalise(text) {
    return text.toLowerCase().normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/[\u2018\u2019\u02bc`]/g, "'");
  }

  function message(text) {
    list.textContent = "";
    var li = document.createElement("li");
    li.textContent = text;
    list.appendChild(li);
  }

  function show(query) {
    var words = normalise(query).split(/\s+/).filter(Boolean);
    if (!words.length) { list.textContent = ""; return; }
    if (!entries) {
      message(list.getAttribute("data-loading") || "…");
      Rex.loadSearchData(root, function (ok) {
        if (!ok) { message(list.getAttribute("data-unavailable") || "—"); return; }
        entries = entries || window.REX_SEARCH.map(function (entry) {
          return { entry: entry, haystack: normalise(entry.title + " " + entry.text) };
        });
        show(input.value);
      });
      return;
    }
    list.textContent = "";
    var hits = entries.filter(function (item) {
      return words.every(function (word) { return item.haystack.indexOf(word) !== -1; });
    }).slice(0, 25);
    if (!hits.length) { message(list.getAttribute("data-empty")); return; }
    hits.forEach(function (item) {
      var li = document.createElement("li");
      var a = document.createElement("a");
      a.href = root + item.entry.url;
      a.textContent = item.entry.title;
      li.appendChild(a);
      list.appendChild(li);
    });
  }
  // Focusing the box starts loading, so the data is often there by the first keystroke.
  input.addEventListener("focus", function () { if (!entries) Rex.loadSearchData(root, function () {}); });
  input.addEventListener("input", function () { show(input.value); });
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var first = list.querySelector("a");
    if (first) window.location.href = first.href;
  });
})();
