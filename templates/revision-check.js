// Stale-copy check on the index: a code read off a paper copy is compared with the current revision codes
// (window.REX_REVISIONS, in assets/search-data.js, loaded on first use by search.js: that file alone, not the
// search's entries). Results are text.
(function () {
  "use strict";
  var form = document.querySelector("[data-revision-check]");
  if (!form || !window.Rex || !window.Rex.loadRevisions) return;
  var input = form.querySelector("[data-revision-input]");
  var result = form.querySelector("[data-revision-result]");
  var root = (document.querySelector("[data-search]") || form).getAttribute("data-root") || "";
  form.hidden = false;
  input.addEventListener("focus", function () { window.Rex.loadRevisions(root, function () {}); });
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var code = input.value.trim().toLowerCase();
    if (!code) return;
    window.Rex.loadRevisions(root, function (ok) {
      if (!ok) return;
      var match = window.REX_REVISIONS.filter(function (doc) { return doc.revision === code; })[0];
      result.setAttribute("data-result", match ? "current" : "stale");
      result.textContent = match
        ? result.getAttribute("data-current") + " : " + match.title + " (" + match.id + ", v" + match.version + ")"
        : result.getAttribute("data-stale");
    });
  });
})();
