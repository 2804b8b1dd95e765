// Mermaid for the builds that draw diagrams in the browser (make serve, make diagrams, the bench's comparison), fetched
// only when a page really shows a diagram. scripts/diagram_preview adds it; the published site has neither.
//
// Material renders ```mermaid blocks itself, and loads mermaid from unpkg.com whenever `window.mermaid` is undefined
// at that moment. This stub defines `window.mermaid` on every page, so Material never reaches for the CDN, and turns
// Material's first render() call into a one-time load of assets/javascripts/vendor/mermaid.min.js from this site.
(function () {
  "use strict";
  var vendorUrl = new URL("vendor/mermaid.min.js", document.currentScript.src).href;
  var settings = null;
  var loading = null;

  function load() {
    if (!loading) {
      loading = new Promise(function (resolve, reject) {
        var script = document.createElement("script");
        script.src = vendorUrl;
        script.onload = function () {
          // mermaid.min.js replaced this stub with the real library on window.mermaid.
          if (settings) window.mermaid.initialize(settings);
          resolve(window.mermaid);
        };
        script.onerror = function () { reject(new Error("could not load " + vendorUrl)); };
        document.head.appendChild(script);
      });
    }
    return loading;
  }

  window.mermaid = {
    initialize: function (config) { settings = config; },
    render: function (id, text) {
      return load().then(function (mermaid) { return mermaid.render(id, text); });
    }
  };
})();
