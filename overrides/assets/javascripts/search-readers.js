// The readers' side of search (issues 12 and 25), in the page. Three things Material's search box does not do:
//
// 1. Search what an input method, a paste or a voice keyboard put into the field. Material searches on `keyup`
//    only; a phone's Japanese keyboard commits a converted word (忘れた, 届かない) without one, so the list stayed
//    empty under 「検索キーワードを入力してください」. Each finished input (not one still being composed) and each
//    composition end is passed on to Material as the keyup it listens for; it searches only when the text changed.
// 2. No dead end. The build (scripts/hooks/search_readers.py) puts the start page's situation links, hidden, under
//    the search results of every page. They are shown whenever the query is not empty and the list is (whatever
//    Material's line above it says), and a single "not what you need? start here" link when something is found.
// 3. A result opens at the section that matched: the search worker (workers/search.readers.js) puts the best
//    section of a page first in that page's result; the page's own link then leads to that section, not to the top.
//
// Without JavaScript there is no search box to type into, and the links stay hidden.
(function () {
  "use strict";

  function translations() {
    var config = document.getElementById("__config");
    try { return JSON.parse(config.textContent).translations || {}; } catch { return {}; }
  }

  function setup() {
    var panel = document.querySelector(".search-start");
    var result = document.querySelector(".md-search-result");
    var input = document.querySelector(".md-search__input");
    if (!result || !input) return;
    var meta = result.querySelector(".md-search-result__meta");
    var list = result.querySelector(".md-search-result__list");
    var initializing = translations()["search.result.initializer"];

    // 1. Material reads the field on keyup; an input without one is passed on as one.
    function searchNow(event) {
      if (event.isComposing) return;
      input.dispatchEvent(new KeyboardEvent("keyup", {bubbles: true, key: "Process"}));
    }
    input.addEventListener("input", searchNow);
    input.addEventListener("compositionend", searchNow);

    // 3. Each page's own link (the first link of its result) leads to its best section, when one is listed first.
    function toSections() {
      list.querySelectorAll(".md-search-result__item").forEach(function (item) {
        var links = item.querySelectorAll(":scope > a.md-search-result__link");
        if (links.length > 1 && links[1].href.indexOf("#") !== -1) links[0].href = links[1].href;
      });
    }

    // 2. The situations when nothing is found.
    var more = panel && panel.querySelector(".search-start__more");
    var empty = panel && panel.querySelector(".search-start__empty");
    function update() {
      toSections();
      if (!panel) return;
      var query = input.value.trim();
      var found = list.children.length > 0;
      var ready = !initializing || meta.textContent.trim() !== initializing;
      more.hidden = !found || query === "";
      empty.hidden = found || query === "" || !ready;
      panel.hidden = more.hidden && empty.hidden;
    }

    new MutationObserver(update).observe(result, {childList: true, subtree: true, characterData: true});
    input.addEventListener("input", update);
    update();
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", setup);
  else setup();
})();
