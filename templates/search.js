// Rex site search. The data (assets/search-data.js: the words of every page and the current revision codes)
// is a script, not a fetch, so that it works from file://; and it is loaded only when it is needed — when
// the search box (or the index's stale-copy check) is first used — by inserting its script element, so no
// page waits for it. Results are inserted as text.
(function () {
  "use strict";
  var Rex = window.Rex = window.Rex || {};
  var waiting = null;

  // Calls back with true once window.REX_SEARCH and window.REX_REVISIONS are there, false if the file
  // cannot be loaded. The script is inserted once, whoever asks first.
  Rex.loadSearchData = function (root, callback) {
    if (window.REX_SEARCH) { callback(true); return; }
    if (waiting) { waiting.push(callback); return; }
    waiting = [callback];
    var script = document.createElement("script");
    script.src = root + "assets/search-data.js";
    function done(ok) {
      var callbacks = waiting;
      waiting = null;
      if (!ok) script.remove();  // a later use tries again
      callbacks.forEach(function (call) { call(ok && !!window.REX_SEARCH); });
    }
    script.onload = function () { done(true); };
    script.onerror = function () { done(false); };
    document.head.appendChild(script);
  };

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
