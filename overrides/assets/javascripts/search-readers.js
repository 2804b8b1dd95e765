// No dead end in search (issue 12). The build (scripts/hooks/search_readers.py) puts the start page's situation
// links, hidden, under the search results of every page. This script shows them when a query finds nothing, and
// shows a single "not what you need? start here" link under results when it finds something. Without JavaScript
// there is no search box to type into, and the links stay hidden.
(function () {
  "use strict";

  function noneText() {
    var config = document.getElementById("__config");
    try { return JSON.parse(config.textContent).translations["search.result.none"]; } catch { return null; }
  }

  function setup() {
    var panel = document.querySelector(".search-start");
    var result = document.querySelector(".md-search-result");
    var input = document.querySelector(".md-search__input");
    if (!panel || !result || !input) return;
    var meta = result.querySelector(".md-search-result__meta");
    var list = result.querySelector(".md-search-result__list");
    var more = panel.querySelector(".search-start__more");
    var empty = panel.querySelector(".search-start__empty");
    var none = noneText();

    function update() {
      var query = input.value.trim();
      var found = list.children.length > 0;
      // Nothing found for this query: Material has emptied the list and says so in the meta line.
      var nothing = !found && query !== "" && none !== null && meta.textContent.trim() === none;
      more.hidden = !found || query === "";
      empty.hidden = !nothing;
      panel.hidden = more.hidden && empty.hidden;
    }

    new MutationObserver(update).observe(result, {childList: true, subtree: true, characterData: true});
    input.addEventListener("input", update);
    update();
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", setup);
  else setup();
})();
