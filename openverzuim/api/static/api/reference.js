// Swagger UI draws a parameter's list of choices as a <select> without a label (WCAG 4.1.2, axe
// "select-name"): name each after its parameter's row as it appears. A file of our own, loaded
// after Swagger UI, since the content security policy allows no inline script.
(function () {
  "use strict";
  function label(root) {
    root.querySelectorAll("tr[data-param-name] select:not([aria-label])").forEach(function (select) {
      var row = select.closest("tr[data-param-name]");
      select.setAttribute("aria-label", row.getAttribute("data-param-name"));
    });
  }
  new MutationObserver(function () {
    label(document);
  }).observe(document.documentElement, { childList: true, subtree: true });
})();
