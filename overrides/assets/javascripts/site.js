// Small accessibility repairs on Material's markup, applied on every page.
(function () {
  "use strict";
  // Material's search overlay has role="dialog" but no accessible name (axe: aria-dialog-name). Name it after the
  // search field's own label, which Material already translates.
  var dialog = document.querySelector(".md-search[role=dialog]");
  var input = document.querySelector(".md-search__input");
  if (dialog && input && !dialog.hasAttribute("aria-label")) {
    dialog.setAttribute("aria-label", input.getAttribute("aria-label") || "Search");
  }

  // Once search is open, its results pane is a tab stop even while it is 0 px tall (nothing typed yet), so keyboard
  // focus vanishes there. The results are links, reachable by Tab and the arrow keys: the pane needs no stop of its
  // own. (site.css hides the pane while search is closed.)
  var results = document.querySelector(".md-search__scrollwrap");
  if (results) results.setAttribute("tabindex", "-1");

  // Search stays open when Tab moves focus out of it; on a phone it covers the whole screen, so focus then travels
  // through the page hidden underneath (WCAG 2.4.11). Close it once focus has left it for another element.
  var searchToggle = document.getElementById("__search");
  if (dialog && searchToggle) {
    dialog.addEventListener("focusout", function (event) {
      if (searchToggle.checked && event.relatedTarget && !dialog.contains(event.relatedTarget)) {
        searchToggle.checked = false;
        searchToggle.dispatchEvent(new Event("change"));  // what Material listens to
      }
    });
  }

  // Below 1220 px the navigation is a drawer opened by a <label>, which no keyboard can reach (and a label may not
  // take a button role), while the closed drawer's links stay in the tab order, off-screen. A real button takes the
  // label's place (site.css hides it where Material hides the label, and takes the closed drawer out of the tab order).
  var drawer = document.getElementById("__drawer");
  var drawerLabel = document.querySelector(".md-header label.md-header__button[for=__drawer]");
  var navigation = document.querySelector("nav.md-nav--primary");
  var drawerButton = null;
  if (drawer && drawerLabel) {
    drawerButton = document.createElement("button");
    drawerButton.type = "button";
    drawerButton.className = drawerLabel.className + " site-drawer-button";
    drawerButton.innerHTML = drawerLabel.innerHTML;
    drawerButton.setAttribute("aria-label", (navigation && navigation.getAttribute("aria-label")) || "Navigation");
    drawerButton.addEventListener("click", function () {
      drawer.click();  // toggles the checkbox and fires the change event Material listens to
    });
    drawer.addEventListener("change", syncDrawerButton);
    drawerLabel.replaceWith(drawerButton);
  }
  function syncDrawerButton() {
    if (drawerButton) drawerButton.setAttribute("aria-expanded", String(drawer.checked));
  }

  // The skip link must move keyboard focus to the content and leave it there. As a plain #fragment link it does not
  // (Material's own click handling never moves focus). So the skip link focuses its target itself, without
  // navigating.
  document.addEventListener("click", function (event) {
    var link = event.target instanceof Element ? event.target.closest(".md-skip") : null;
    var target = link && document.getElementById(decodeURIComponent(link.hash.slice(1)));
    if (!target) return;
    event.preventDefault();
    event.stopPropagation();
    if (!target.hasAttribute("tabindex")) target.setAttribute("tabindex", "-1");
    target.focus();
  }, true);

  // A navigation section whose first entry is its own index page (navigation.indexes) is labelled by an empty
  // toggle, so two such sections are two navigation landmarks with the same empty name (axe: landmark-unique).
  // Name each after its visible section title.
  function nameNavigationSections() {
    document.querySelectorAll("nav.md-nav[aria-labelledby]").forEach(function (nav) {
      var label = document.getElementById(nav.getAttribute("aria-labelledby"));
      var title = nav.querySelector(":scope > .md-nav__title");
      if (label && !label.textContent.trim() && title && title.textContent.trim()) {
        nav.removeAttribute("aria-labelledby");
        nav.setAttribute("aria-label", title.textContent.trim());
      }
    });
  }

  // A table still too wide for the screen scrolls inside itself; keyboard users must be able to reach it to scroll
  // it (axe: scrollable-region-focusable). Only such tables become tab stops.
  function makeWideTablesFocusable() {
    // Diagrams too: on a phone a drawing keeps at least 80 % of its natural width (site.css) and scrolls sideways.
    document.querySelectorAll(".md-typeset table, .md-typeset div.mermaid").forEach(function (table) {
      if (table.scrollWidth > table.clientWidth && !table.hasAttribute("tabindex")) {
        table.setAttribute("tabindex", "0");
      }
    });
  }

  // The back-to-top button starts out hidden (invisible) yet focusable; Material takes it out of the tab order only
  // once the reader has scrolled, so on a short page keyboard focus disappears into it.
  function hideBackToTopFromKeyboard() {
    var button = document.querySelector(".md-top");
    if (button && button.hidden && !button.hasAttribute("tabindex")) button.setAttribute("tabindex", "-1");
  }

  // Each code block's copy button sits in an unnamed <nav>: a navigation landmark per code block, all with the same
  // empty name (axe: landmark-unique). It is a toolbar, not site navigation.
  function unlandmarkCodeButtons() {
    document.querySelectorAll("nav.md-code__nav:not([role])").forEach(function (nav) {
      nav.setAttribute("role", "none");
    });
  }

  // The language links lead to the same page in the other language (partials/alternate.html); both languages share
  // every heading id, so they also keep the section the reader is in: the last heading that has scrolled up to the
  // top part of the screen, or the #fragment the reader followed. At the very top of a page they lead to its top.
  function currentSection() {
    if (window.scrollY < 1) return decodeURIComponent(location.hash.slice(1));
    var limit = Math.min(160, window.innerHeight / 3);
    var found = "";
    document.querySelectorAll(".md-content .md-typeset :is(h2, h3)[id]").forEach(function (heading) {
      if (heading.getBoundingClientRect().top <= limit) found = heading.id;
    });
    return found;
  }
  function keepSectionInLanguageLinks() {
    var id = currentSection();
    document.querySelectorAll(".md-select__link[hreflang]").forEach(function (link) {
      var url = new URL(link.href, location.href);
      url.hash = id ? "#" + encodeURIComponent(id) : "";
      link.href = url.href;
    });
  }
  var sectionUpdate = 0;
  window.addEventListener("scroll", function () {
    if (!sectionUpdate) sectionUpdate = requestAnimationFrame(function () {
      sectionUpdate = 0;
      keepSectionInLanguageLinks();
    });
  }, { passive: true });
  window.addEventListener("hashchange", keepSectionInLanguageLinks);
  // Also right before the reader follows one (Material may not have fired a scroll event since the last jump).
  document.addEventListener("click", function (event) {
    if (event.target instanceof Element && event.target.closest(".md-select__link[hreflang]")) {
      keepSectionInLanguageLinks();
    }
  }, true);

  // Once Material has set up the page (its document$ says when; it wraps tables and adds the copy buttons).
  function repairPage() {
    nameNavigationSections();
    makeWideTablesFocusable();
    hideBackToTopFromKeyboard();
    unlandmarkCodeButtons();
    syncDrawerButton();
    keepSectionInLanguageLinks();
  }
  if (window.document$) window.document$.subscribe(repairPage);
  else repairPage();
})();
