// Puts today's date in the printed footer ("Imprimé le …"): CSS margin boxes read it from a custom property.
(function () {
  "use strict";
  function setPrintedOn() {
    var now = new Date();
    var two = function (n) { return (n < 10 ? "0" : "") + n; };
    var text = two(now.getDate()) + "/" + two(now.getMonth() + 1) + "/" + now.getFullYear();
    document.documentElement.style.setProperty("--rex-printed-on", JSON.stringify(text));
  }
  setPrintedOn();
  window.addEventListener("beforeprint", setPrintedOn);
})();
