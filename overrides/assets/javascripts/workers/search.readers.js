// Material's search worker, with readers' words turned into the site's words before each query (issue 12).
//
// search-on-demand.js starts this script instead of Material's worker and names Material's worker file in the
// address (?worker=search.<hash>.min.js). This script loads it unchanged and only rewrites the text of each query
// message ({type: 2, data: "<query>"}) before Material's handler sees it:
//   1. width and case folding: NFKC and lower case, as the build folded the index (scripts/hooks/search_readers.py);
//   2. synonyms from docs/search.yml, which the build put into the index (config.synonyms): each reader's word in
//      the query is replaced by the site's word; words every page shares (amazon) are dropped;
//   3. Japanese segmentation with the very splitter and segmenter that indexed the pages: the same separator
//      (lunr.tokenizer.separator) and, for each Japanese run, the same TinySegmenter instance (lunr.segmenter) that
//      Material's tokenizer uses. A compound typed whole (アカウントロック) then becomes the parts the index holds
//      (アカウント ロック). Kana-only pieces of one or two characters (particles and endings: を, た, ない) and
//      English stop words (a, is, my) are left out: as prefixes they match nearly every page. An English word that
//      begins no word of the pages is searched by its stem (arriving -> arriv).
// Material then adds its trailing wildcard to every term and searches as usual.
(function () {
  "use strict";
  var SETUP = 0, QUERY = 2;
  var worker = new URL(self.location.href).searchParams.get("worker") || "";
  if (!/^search\.[0-9a-f]+\.min\.js$/.test(worker)) throw new Error("search.readers.js: no Material worker named");

  var synonyms = null; // one RegExp over every reader's word, and the site's word for each
  var replacements = {};

  function escapeRegExp(text) {
    return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  }

  function setup(config) {
    var alternatives = [];
    (config.synonyms || []).forEach(function (group) {
      // The site's word maps to itself, so that it wins over a shorter reader's word inside it (2段階 in 2段階認証).
      [group.to].concat(group.from).forEach(function (variant) {
        if (!variant || replacements[variant] !== undefined) return;
        replacements[variant] = group.to;
        alternatives.push(variant);
      });
    });
    // Longest first, so that a longer reader's word wins over a shorter one inside it. Latin words match whole.
    alternatives.sort(function (a, b) { return b.length - a.length; });
    if (alternatives.length) {
      synonyms = new RegExp(alternatives.map(function (variant) {
        var pattern = escapeRegExp(variant);
        // biome-ignore lint/suspicious/noControlCharactersInRegex: the test is "ASCII only", control characters included
        return /^[\x00-\x7f]+$/.test(variant) ? "(?<![a-z0-9])" + pattern + "(?![a-z0-9])" : pattern;
      }).join("|"), "g");
    }
  }

  // Every Latin word of the pages, sorted, to tell whether a reader's word begins any of them (see `ending`).
  var pageWords = [];
  function learnWords(docs) {
    var seen = {};
    (docs || []).forEach(function (doc) {
      var text = ((doc.title || "") + " " + (doc.text || "")).replace(/<[^>]*>/g, " ").toLowerCase();
      (text.match(/[a-z]+/g) || []).forEach(function (word) { seen[word] = true; });
    });
    pageWords = Object.keys(seen).sort();
  }
  function beginsPageWord(prefix) {
    var low = 0, high = pageWords.length;
    while (low < high) {
      var middle = (low + high) >> 1;
      if (pageWords[middle] < prefix) low = middle + 1; else high = middle;
    }
    return low < pageWords.length && pageWords[low].indexOf(prefix) === 0;
  }

  // The index holds the pages' words as written (no stemmer) and Material makes each term a prefix, so a reader's
  // "arriving" or "scammed" found nothing where the pages say "arrive" and "scam". A Latin word that begins no word
  // of the pages is searched by its stem instead: -ing, -ed, -es, -s cut (-ies made -y), the first stem that begins
  // a page word. A word the pages do contain is searched as typed, so this only
  // adds results for words that had none.
  function ending(word) {
    if (!/^[a-z]{4,}$/.test(word) || !pageWords.length || beginsPageWord(word)) return word;
    var cut = word.replace(/(?:ing|ed|es|s)$/, "");
    // A doubled last letter is undone first (scammed -> scam, not scamm as in "scammers"), except where English
    // words end so themselves (called, missed, added: the cut is tried next).
    var stems = [word.replace(/ies$/, "y"), cut.replace(/([b-df-hj-km-rtv-y])\1$/, "$1"), cut, cut + "e"];
    for (var i = 0; i < stems.length; i++) {
      if (stems[i] !== word && stems[i].length >= 3 && beginsPageWord(stems[i])) return stems[i];
    }
    return word;
  }

  var KANA_PARTICLE = /^[\u3040-\u309f]{1,2}$/;

  function segments(piece) {
    var segmenter = self.lunr && self.lunr.segmenter;
    if (segmenter && /^[MHIK]$/.test(segmenter.ctype_(piece))) return segmenter.segment(piece);
    return [piece];
  }

  // English stop words (lunr's list: a, is, what, my, not, no, ...). lunr would drop them itself, but not once
  // Material has made each term a prefix ("a*"), when they match nearly every word and slow the search down.
  // Negations go too: the index holds no "not" or "no" (lunr dropped them from the pages), so as prefixes they only
  // matched other words ("not*" found the section "Notes and papers" first for "code not arriving"). What a reader
  // means by "no email" lives in the synonyms, which turn it into the site's words before this.
  function stopword(segment) {
    var filter = self.lunr && self.lunr.stopWordFilter;
    return /^[a-z']+$/.test(segment) && typeof filter === "function" && !filter(segment);
  }

  function rewrite(query) {
    var text = query.normalize("NFKC").toLowerCase();
    // Again on the result until it no longer changes: "pwd" -> "password", then "forgot password" -> the reset words.
    for (var round = 0; synonyms && round < 3; round++) {
      var replaced = text.replace(synonyms, function (variant) { return " " + replacements[variant] + " "; })
        .replace(/\s+/g, " ").trim();
      if (replaced === text) break;
      text = replaced;
    }
    var separator = new RegExp(self.lunr.tokenizer.separator.source, "g");
    var all = [], kept = [];
    text.split(separator).forEach(function (piece) {
      if (!piece) return;
      segments(piece).forEach(function (segment) {
        if (!segment || all.indexOf(segment) !== -1) return;
        all.push(segment);
        if (KANA_PARTICLE.test(segment) || stopword(segment)) return;
        var word = ending(segment);
        if (kept.indexOf(word) === -1) kept.push(word);
      });
    });
    // Only ignored words (amazon): search for what was typed rather than for nothing.
    if (!all.length) return query.normalize("NFKC").toLowerCase();
    return (kept.length ? kept : all).join(" ");
  }

  // Material registers its message listener when its script runs: wrap that one listener.
  var addEventListener = self.addEventListener;
  self.addEventListener = function (type, listener, options) {
    if (type !== "message") return addEventListener.apply(self, arguments);
    return addEventListener.call(self, type, function (event) {
      var message = event.data;
      if (message && message.type === SETUP) {
        setup(message.data.config);
        learnWords(message.data.docs);
      } else if (message && message.type === QUERY && typeof message.data === "string") {
        var data;
        try { data = rewrite(message.data); } catch { data = message.data; }
        return listener.call(self, {data: {type: QUERY, data: data}});
      }
      return listener.call(self, event);
    }, options);
  };
  importScripts(worker);
  self.addEventListener = addEventListener;
})();
