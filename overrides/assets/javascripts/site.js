// Small accessibility repair on Material's markup, applied on every page.
(function () {
  "use strict";
  // Material's search overlay has role="dialog" but no accessible name (axe: aria-dialog-name). Name it after the
  // search field's own label, which Material already translates.
  var dialog = document.querySelector(".md-search[role=dialog]");
  var input = document.querySelector(".md-search__input");
  if (dialog && input && !dialog.hasAttribute("aria-label")) {
    dialog.setAttribute("aria-label", input.getAttribute("aria-label") || "Search");
  }
})();
