// Search, downloaded when a reader starts to search rather than on every page.
//
// Material fetches the search index and starts the search worker as soon as any page opens: on the Japanese site
// that is about 78 KB gzip (index 54 KB, worker 12 KB, Japanese word splitter 12 KB), half of a cold page load, for
// a reader who mostly came to read one page. This script holds both back until the reader shows they want to search:
// the search field gets focus (a click, a tap, or Material's "/" "s" "f" shortcuts, which focus it), the search
// toggle is used (the magnifier on a phone), or the address asks for a search or a highlight (?q=, ?h=). Material
// then shows "Initializing search" for the moment the download takes. Measured with `make bench`; README "Budgets".
//
// It must run before Material's bundle (overrides/main.html loads it with the libraries in <head>), and it touches
// only the two requests it names: the index (an XMLHttpRequest in Material) and the search worker.
(function () {
  "use strict";
  var INDEX = /\/search\/search_index\.json$/;
  var WORKER = /\/assets\/javascripts\/workers\/search\.[^/]*\.js$/;
  var wanted = false;
  var waiting = [];

  function whenWanted(run) {
    if (wanted) run(); else waiting.push(run);
  }

  function want() {
    if (wanted) return;
    wanted = true;
    waiting.splice(0).forEach(function (run) { run(); });
  }

  function pathOf(url) {
    try { return new URL(String(url), location.href).pathname; } catch { return ""; }
  }

  // The index: the request is opened at once, as Material expects, but sent only when search is wanted.
  var open = XMLHttpRequest.prototype.open;
  var send = XMLHttpRequest.prototype.send;
  var held = new WeakSet();
  XMLHttpRequest.prototype.open = function (_method, url) {
    if (INDEX.test(pathOf(url))) held.add(this); else held.delete(this);
    return open.apply(this, arguments);
  };
  XMLHttpRequest.prototype.send = function () {
    var request = this, args = arguments;
    if (!held.has(request)) return send.apply(request, args);
    whenWanted(function () {
      // Material may have given up on the request meanwhile (abort() leaves it unsent): then there is nothing to do.
      if (request.readyState === XMLHttpRequest.OPENED) send.apply(request, args);
    });
  };

  // The worker: Material talks to it only through postMessage and message events, and its first message (the
  // index) can only come once the index has arrived. A stand-in keeps the listeners and starts the real worker on
  // that first message, so its script is not downloaded before then either.
  var NativeWorker = window.Worker;
  function DeferredWorker(url, options) {
    // search.readers.js (next to Material's worker) loads Material's worker and rewrites each query into the site's
    // words first: see the comment at its top.
    // Only for Material's own worker file: another builder's worker (Zensical) starts as it is.
    var name = pathOf(url).split("/").pop();
    var readers = new URL("search.readers.js", new URL(String(url), location.href));
    readers.searchParams.set("worker", name);
    var start = /^search\.[0-9a-f]+\.min\.js$/.test(name) ? readers.href : url;
    this._start = function () { return new NativeWorker(start, options); };
    this._worker = null;
    this._listeners = [];
  }
  DeferredWorker.prototype._real = function () {
    if (!this._worker) {
      this._worker = this._start();
      this._listeners.forEach(function (listener) { this._worker.addEventListener.apply(this._worker, listener); }, this);
      ["onmessage", "onmessageerror", "onerror"].forEach(function (name) {
        if (this["_" + name]) this._worker[name] = this["_" + name];
      }, this);
    }
    return this._worker;
  };
  DeferredWorker.prototype.addEventListener = function () {
    if (this._worker) this._worker.addEventListener.apply(this._worker, arguments);
    else this._listeners.push(Array.prototype.slice.call(arguments));
  };
  DeferredWorker.prototype.removeEventListener = function (type, listener) {
    if (this._worker) this._worker.removeEventListener.apply(this._worker, arguments);
    this._listeners = this._listeners.filter(function (l) { return l[0] !== type || l[1] !== listener; });
  };
  DeferredWorker.prototype.postMessage = function () {
    var worker = this._real();
    worker.postMessage.apply(worker, arguments);
  };
  DeferredWorker.prototype.terminate = function () {
    if (this._worker) this._worker.terminate();
  };
  // Handlers set as properties (worker.onmessage = …) rather than with addEventListener: Zensical's search sets them
  // so, and without this its search would wait for the worker forever. Kept until the real worker exists.
  ["onmessage", "onmessageerror", "onerror"].forEach(function (name) {
    Object.defineProperty(DeferredWorker.prototype, name, {
      get: function () { return this._worker ? this._worker[name] : (this["_" + name] || null); },
      set: function (handler) {
        this["_" + name] = handler;
        if (this._worker) this._worker[name] = handler;
      }
    });
  });
  window.Worker = function (url, options) {
    return WORKER.test(pathOf(url)) ? new DeferredWorker(url, options) : new NativeWorker(url, options);
  };
  window.Worker.prototype = NativeWorker.prototype;

  // What counts as wanting to search.
  var params = new URLSearchParams(location.search);
  if (params.has("q") || params.has("h")) want();
  document.addEventListener("focusin", function (event) {
    if (event.target instanceof Element && event.target.matches("[data-md-component=search-query]")) want();
  });
  document.addEventListener("change", function (event) {
    if (event.target instanceof Element && event.target.id === "__search") want();
  });
  document.addEventListener("pointerdown", function (event) {
    if (event.target instanceof Element && event.target.closest("label[for=__search], .md-search")) want();
  }, true);
})();
