// Rex site search: filters window.REX_SEARCH (assets/search-data.js) as the user types.
// Works from file:// because the data arrives as a script, not a fetch. Results are inserted as text.
(function () {
  "use strict";
  var form = document.querySelector("[data-search]");
  if (!form || !window.REX_SEARCH) return;
  var input = form.querySelector("[data-search-input]");
  var list = form.querySelector("[data-search-results]");
  var root = form.getAttribute("data-root") || "";
  form.hidden = false;

  // Case, accents and typographic apostrophes do not matter: "capture d'ecran" finds "capture d’écran".
  function normalise(text) {
    return text.toLowerCase().normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/[\u2018\u2019\u02bc`]/g, "'");
  }
  var entries = window.REX_SEARCH.map(function (entry) {
    return { entry: entry, haystack: normalise(entry.title + " " + entry.text) };
  });

  function show(query) {
    list.textContent = "";
    var words = normalise(query).split(/\s+/).filter(Boolean);
    if (!words.length) return;
    var hits = entries.filter(function (item) {
      return words.every(function (word) { return item.haystack.indexOf(word) !== -1; });
    }).slice(0, 25);
    if (!hits.length) {
      var none = document.createElement("li");
      none.textContent = list.getAttribute("data-empty");
      list.appendChild(none);
      return;
    }
    hits.forEach(function (item) {
      var li = document.createElement("li");
      var a = document.createElement("a");
      a.href = root + item.entry.url;
      a.textContent = item.entry.title;
      li.appendChild(a);
      list.appendChild(li);
    });
  }
  input.addEventListener("input", function () { show(input.value); });
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var first = list.querySelector("a");
    if (first) window.location.href = first.href;
  });
})();
