// Material's search worker, with readers' words turned into the site's words before each query (issue 12).
//
// search-on-demand.js starts this script instead of Material's worker and names Material's worker file in the
// address (?worker=search.<hash>.min.js). This script loads it unchanged and only rewrites the text of each query
// message ({type: 2, data: "<query>"}) before Material's handler sees it:
//   1. width and case folding: NFKC and lower case, as the build folded the index (scripts/hooks/search_readers.py);
//   1a. on the Japanese site, Japanese typed in Latin letters (pasuwaado wasureta) in hiragana (see `fromRomaji`);
//   1b. hiragana the reader left unconverted, where the pages or the reader's words of docs/search.yml write katakana,
//       in katakana (ろぐいん -> ログイン, めるあど -> メルアド); spoken endings as written ones (教えちゃった -> 教えてしまった);
//   1c. a Latin word that begins no word of the pages: by its stem when that begins one (arriving -> arriv: the index
//       is not stemmed, and Material's wildcard makes the stem match arrive and arrives), else, as a misspelling, by
//       the page's word one slip of a thumb away (recieved -> received, verfication -> verification);
//   2. synonyms from docs/search.yml, which the build put into the index (config.synonyms): each reader's word in
//      the query is replaced by the site's word, also when typed without its particles (コード教えた) or with spaces
//      between its words (コード 教えた); words every page shares (amazon) are dropped;
//   3. Japanese segmentation with the very splitter and segmenter that indexed the pages: the same separator
//      (lunr.tokenizer.separator) and, for each Japanese run, the same TinySegmenter instance (lunr.segmenter) that
//      Material's tokenizer uses. A compound typed whole (アカウントロック) then becomes the parts the index holds
//      (アカウント ロック). Kana-only pieces of one or two characters (particles and endings: を, た, ない) and
//      English stop words (a, is, my) are left out: as prefixes they match nearly every page. An English word is
//      searched in the pages' American spelling when the reader typed the British one (cancelled -> canceled);
//   3b. a rare query word that no heading carries is weighted like a heading's word (6, below).
// Material then adds its trailing wildcard to every term and searches as usual. Two more things happen to its answer
// ({type: 3, data: {items}}, one array of documents per page, best first):
//   4. no empty answer while a word of the query is on the site: when the rewritten query finds nothing, the query is
//      searched again with every piece of two or more characters kept (the two-kana pieces too: 「ろぐいんできない」
//      still finds できない), then as typed; only when those find nothing either does the reader get the empty list (and the situations panel);
//   5. a result opens at the section that matched: Material scores a page's own entry (its title and first
//      paragraphs) up to 2.5 times higher than its sections, so the page's top usually wins inside its own result even
//      when a section is what matched. The page's entry is compared with its sections without that bonus; when a
//      section wins, it is put first in its page's result, level with the page, and search-readers.js points the
//      page's link at it;
//   7. the pages are ordered by their best entry, a page's own entry keeping Material's bonus only when it holds every
//      word of the query (7, below).
(function () {
  "use strict";
  var SETUP = 0, QUERY = 2, RESULT = 3;
  var worker = new URL(self.location.href).searchParams.get("worker") || "";
  if (!/^search\.[0-9a-f]+\.min\.js$/.test(worker)) throw new Error("search.readers.js: no Material worker named");

  var synonyms = null; // one RegExp over every reader's word, and the site's word for each
  var readerWords = {}; // every Latin word of docs/search.yml's reader's words (2sv, whitelist): never a misspelling
  var PARTICLE_BETWEEN_WORDS = /(?<=[\u30a0-\u30ff\u3400-\u4dbf\u4e00-\u9fff々a-z0-9])([をがにはでのへと])(?=[\u30a0-\u30ff\u3400-\u4dbf\u4e00-\u9fff々a-z0-9])/g;
  var replacements = {};
  var withoutParticles = {}; // the same, keyed by the reader's word without its particles (see `particleFree`)
  // A reader's word as its letters alone: without the particles between its words, and without the spaces a reader
  // types, or leaves out, between them (コード 教えた, コード教えた).
  function particleFree(text) {
    return text.replace(/\s+/g, "").replace(PARTICLE_BETWEEN_WORDS, "");
  }
  function replacement(variant) {
    return replacements[variant] !== undefined ? replacements[variant] : withoutParticles[particleFree(variant)];
  }

  // The script of one letter, to tell where a reader may put a space between two words (see `setup`).
  function script(letter) {
    if (/[\u3041-\u309f]/.test(letter)) return "hiragana";
    if (/[\u30a0-\u30ff]/.test(letter)) return "katakana";
    if (/[\u3400-\u4dbf\u4e00-\u9fff々]/.test(letter)) return "kanji";
    return /[a-z0-9]/.test(letter) ? "latin" : "other";
  }

  function escapeRegExp(text) {
    return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  }

  // Spoken endings a phone's reader types (教えちゃった, 踏んじゃった) are the written ones (教えてしまった,
  // 踏んでしまった) in the query and in the reader's words alike, so that one entry in docs/search.yml covers both.
  function written(text) {
    return text.replace(/ちゃ(?=っ?[たてう])/g, "てしま").replace(/じゃ(?=っ?[たてう])/g, "でしま");
  }

  function setup(config) {
    var alternatives = [];
    (config.synonyms || []).forEach(function (group) {
      // The site's word maps to itself, so that it wins over a shorter reader's word inside it (2段階 in 2段階認証).
      [group.to].concat(group.from.map(written)).forEach(function (variant) {
        if (!variant || replacements[variant] !== undefined) return;
        replacements[variant] = group.to;
        if (withoutParticles[particleFree(variant)] === undefined) withoutParticles[particleFree(variant)] = group.to;
        alternatives.push(variant);
        (variant.match(/[a-z]+/g) || []).forEach(function (word) { readerWords[word] = true; });
      });
    });
    // Longest first, so that a longer reader's word wins over a shorter one inside it. Latin words match whole.
    alternatives.sort(function (a, b) { return b.length - a.length; });
    if (alternatives.length) {
      synonyms = new RegExp(alternatives.map(function (variant) {
        var pattern = escapeRegExp(variant);
        // biome-ignore lint/suspicious/noControlCharactersInRegex: the test is "ASCII only", control characters included
        if (/^[\x00-\x7f]+$/.test(variant)) return "(?<![a-z0-9])" + pattern + "(?![a-z0-9])";
        // A phone's reader drops particles and adds spaces: a one-kana particle between two words of kanji, katakana
        // or Latin letters is optional (コードを教えた also matches コード教えた), and a space may stand, or be left
        // out, where one word ends and the next begins: around such a particle, between two scripts other than
        // hiragana (コード 教えた, SMS 届かない) and where the reader's word has one (パスワード忘れ for パスワード 忘れ).
        // Not before hiragana otherwise: アマゾンの (ignored) must not take the の of 「アマゾン のっとられた」.
        var letters = variant.replace(/\s+/g, ""), particles = {}, spaces = {};
        letters.replace(PARTICLE_BETWEEN_WORDS, function (particle, _word, at) { particles[at] = true; return particle; });
        variant.trim().split(/\s+/).reduce(function (at, word) { spaces[at] = true; return at + word.length; }, 0);
        return letters.split("").map(function (letter, at) {
          var before = letters[at - 1], boundary = at > 0 && (spaces[at] || particles[at] || particles[at - 1] ||
            (script(before) !== script(letter) && script(before) !== "hiragana" && script(letter) !== "hiragana"));
          return (boundary ? "\\s*" : "") + escapeRegExp(letter) + (particles[at] ? "?" : "");
        }).join("");
      }).join("|"), "g");
    }
  }

  // Every Latin and katakana word of the pages, sorted, to tell whether a reader's hiragana begins any of them (see
  // `katakana`).
  var pageWords = [];
  function learnWords(docs) {
    var seen = {};
    (docs || []).forEach(function (doc) {
      // The inbound field too: a link's sentence is searched there only (decision 0017).
      var text = [doc.title, doc.text, doc.inbound].join(" ").replace(/<[^>]*>/g, " ").toLowerCase();
      (text.match(/[a-z]+|[\u30a1-\u30fa\u30fc]+/g) || []).forEach(function (word) { seen[word] = true; });
    });
    pageWords = Object.keys(seen).sort();
    titles = (docs || []).map(function (doc) { return String(doc.title || "").normalize("NFKC").toLowerCase(); });
    texts = (docs || []).map(function (doc) { return String(doc.text || "").normalize("NFKC").toLowerCase(); });
  }
  // 6. A rare word that no heading carries gets a heading's weight. Material weighs a word in a title 1,000 times a
  // word in the text, so one common word in some heading ("sign in", パスワード) outranked the section whose text holds
  // the reader's rare word (cookies, passport, 凍結) however well it matched. A query word found in no title and in
  // the text of at most RARE entries is searched with the boost TEXT_ONLY_BOOST (decision 0015: chosen on the tuned
  // and development sets, 30 / 100 / 300 and 4 / 8 / any measured). English gets far less: a reader's everyday words
  // (received, saying, sure, wrong) are rare on a small site too, and at 300 they outweighed the situation (decision
  // 0018: 1, 3, 5, 10, 20, 30, 50, 100, 300 and 1,000 measured for English, 30 / 100 / 300 / 1,000 again for Japanese).
  // A Japanese word with kana in it is a verb or an adjective with its ending (言わ, 書い, 送っ), which names no
  // situation however rare: it keeps its plain weight (decision 0021: no boost, 10, 30 and 100 measured). So does a
  // question word (何分, 何回, 幾つ): Material searches it in parts, and its 何, weighted like a heading's word, put
  // every heading with 何 in it (何をどの順でするか) first (decision 0022).
  var titles = [], texts = [], commonWords = [];
  var TEXT_ONLY_BOOST = {en: 5, other: 300};
  var RARE = 8;
  function weighted(word) {
    if (!titles.length || /[*^~:+\-]/.test(word)) return word;
    if (/[\u3041-\u309f]/.test(word) || /^[何幾]/.test(word)) return word;
    var found = holders(word), boost = TEXT_ONLY_BOOST[(indexConfig.lang || [])[0]] || TEXT_ONLY_BOOST.other;
    return !found.titles && found.texts && found.texts <= RARE ? word + "*^" + boost : word;
  }
  // How many entries hold a word in their title, in their text, and in either: counted once per word, for the rare
  // words (6) and the order (7).
  var holdersOf = {};
  function holders(word) {
    if (!holdersOf[word]) {
      var found = {titles: 0, texts: 0, entries: 0};
      texts.forEach(function (text, i) {
        var inTitle = titles[i].indexOf(word) !== -1, inText = text.indexOf(word) !== -1;
        found.titles += inTitle ? 1 : 0;
        found.texts += inText ? 1 : 0;
        found.entries += inTitle || inText ? 1 : 0;
      });
      holdersOf[word] = found;
    }
    return holdersOf[word];
  }
  function firstFrom(prefix) {
    var low = 0, high = pageWords.length;
    while (low < high) {
      var middle = (low + high) >> 1;
      if (pageWords[middle] < prefix) low = middle + 1; else high = middle;
    }
    return low < pageWords.length ? pageWords[low] : "";
  }
  function beginsPageWord(prefix) {
    return firstFrom(prefix).indexOf(prefix) === 0;
  }

  var indexConfig = {};

  // The English pages spell the American way; a reader's British spelling (recognise, unauthorised, cancelled) is
  // searched as the pages write it when that word is on the site: recognis and cancell begin no word of the pages.
  var BRITISH = [[/is(e|ed|es|ing|ation|ations)$/, "iz$1"], [/ll(ed|ing)$/, "l$1"], [/our$/, "or"]];
  function american(word) {
    for (var i = 0; i < BRITISH.length; i++) {
      var spelled = word.replace(BRITISH[i][0], BRITISH[i][1]);
      if (spelled !== word && firstFrom(spelled) === spelled) return spelled;
    }
    return word;
  }

  // The English index is not stemmed (the language's pipeline is the stop word filter alone), so a word the pages
  // write in another form (arriving, where they say arrive) or misspelt (recieved, verfication) found nothing of its
  // own. A word of five or more letters that begins no word of the pages, is no reader's word of docs/search.yml and
  // no British spelling is searched as the reader's word one edit from it that has the same first letter (comming:
  // coming, of "not coming"; its stem, comm, began "community" and was searched as "com"), else by its stem (lunr's
  // English stemmer) when the stem begins a word of the pages; else as the page's word closest to it: one edit away
  // (a letter added or dropped, or two neighbours swapped), two for a word of nine or more letters; when none is that
  // close, as typed. A changed letter counts as two edits: one letter away from a page's word is often another real
  // word (charged: changed, father: rather), where a dropped or doubled letter or two swapped ones are the slips of a
  // thumb.
  function corrected(word) {
    if (word.length < 5 || readerWords[word] || beginsPageWord(word) || american(word) !== word || stopword(word)) {
      return word;
    }
    var slip = closest(word, 1, Object.keys(readerWords).filter(function (known) { return known[0] === word[0]; }));
    if (slip !== word) return slip;
    var lunr = self.lunr, root = lunr && lunr.stemmer ? String(lunr.stemmer(new lunr.Token(word, {}))) : word;
    if (root !== word && beginsPageWord(root)) return root;
    return closest(word, word.length >= 9 ? 2 : 1, pageWords);
  }
  // The word of `words` closest to a reader's word, within limit edits.
  function closest(word, limit, words) {
    var best = word, nearest = limit + 1;
    words.forEach(function (candidate) {
      if (nearest > 1 && /^[a-z]+$/.test(candidate) && Math.abs(candidate.length - word.length) <= limit) {
        var edits = distance(word, candidate, limit);
        if (edits < nearest) { best = candidate; nearest = edits; }
      }
    });
    return best;
  }
  // Edits between a and b (optimal string alignment: insert, delete, swap two neighbours; a change costs two), or
  // limit + 1 once the distance is sure to exceed limit.
  function distance(a, b, limit) {
    var before = [], row = [], above = [];
    for (var j = 0; j <= b.length; j++) above[j] = j;
    for (var i = 1; i <= a.length; i++) {
      row = [i];
      var smallest = i;
      for (j = 1; j <= b.length; j++) {
        var cost = a[i - 1] === b[j - 1] ? 0 : 2;
        row[j] = Math.min(above[j] + 1, row[j - 1] + 1, above[j - 1] + cost);
        if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) row[j] = Math.min(row[j], before[j - 2] + 1);
        smallest = Math.min(smallest, row[j]);
      }
      if (smallest > limit) return limit + 1;
      before = above;
      above = row;
    }
    return above[b.length];
  }

  // A phone's keyboard leaves a word in hiragana until the reader converts it: ろぐいん, ぱすわーど, すまほ, where the
  // pages write ログイン, パスワード, スマホ. Within each run of hiragana, from each position, the longest stretch of
  // three or more kana whose katakana form is a katakana word of the pages or a reader's word of the synonyms (めるあど:
  // メルアド), or at the end of the run begins a page's word, is written in katakana; the rest is left as typed
  // (できない stays: no page word is デキナイ; ふぁいやー is not turned into ファイ of ファイル).
  function katakana(text) {
    return text.replace(/[\u3041-\u3096\u30fc]{3,}/g, function (run) {
      var out = "", i = 0;
      while (i < run.length) {
        var found = 0;
        for (var j = run.length; j - i >= 3 && !found; j--) {
          var form = toKatakana(run.slice(i, j));
          if (firstFrom(form) === form || replacements[form] !== undefined || (j === run.length && beginsPageWord(form))) found = j;
        }
        if (found) { out += toKatakana(run.slice(i, found)); i = found; } else { out += run[i]; i += 1; }
      }
      return out;
    });
  }
  // A phone's flick keyboard drops or adds a voicing mark: a katakana word of three or more letters that is no word of
  // the pages and begins none is searched as the page's word (or a reader's word) one voicing mark away: パスワート ->
  // パスワード, ハックアップ -> バックアップ. A small-kana slip (セキュリテイ) is not this and stays as typed.
  var VOICINGS = {};
  "カガ キギ クグ ケゲ コゴ サザ シジ スズ セゼ ソゾ タダ チヂ ツヅ テデ トド ハバパ ヒビピ フブプ ヘベペ ホボポ ウヴ".split(" ")
    .forEach(function (kanas) {
      kanas.split("").forEach(function (kana) { VOICINGS[kana] = kanas.replace(kana, ""); });
    });
  function voiced(word) {
    if (firstFrom(word) === word || beginsPageWord(word) || replacements[word] !== undefined) return word;
    for (var i = 0; i < word.length; i++) {
      var others = VOICINGS[word[i]] || "";
      for (var j = 0; j < others.length; j++) {
        var candidate = word.slice(0, i) + others[j] + word.slice(i + 1);
        if (firstFrom(candidate) === candidate || replacements[candidate] !== undefined) return candidate;
      }
    }
    return word;
  }
  // A reader without a Japanese keyboard types Japanese in Latin letters (pasuwaado wasureta, kodo todokanai). On the
  // Japanese site, a Latin word that begins no word of the pages and is no reader's word is written in hiragana when
  // every letter of it is a syllable of romaji (Hepburn, kunrei or as a phone's keyboard takes it); the hiragana then
  // goes through the steps a reader's own hiragana goes through (1b: ぱすわーど -> パスワード, then the synonyms). A vowel
  // that repeats the one before it is a katakana word's long mark when that makes a word of the pages (pasuwaado:
  // パスワード), else itself (chuumon: ちゅうもん); ti and di are ティ and ディ, as readers type the katakana words
  // (sekyuriti), chi the ち of the rest. An English word rarely survives (password, mail, code: l, a final consonant or
  // two consonants side by side end the attempt), and one that begins a word of the pages (fire, pin) is never tried.
  var ROMAJI = {};
  (function () {
    var vowels = "aiueo", rows = {
      "": "あいうえお", k: "かきくけこ", s: "さしすせそ", t: "たちつてと", n: "なにぬねの", h: "はひふへほ", m: "まみむめも",
      y: "や い ゆ いぇ よ", r: "らりるれろ", w: "わ うぃ う うぇ を", g: "がぎぐげご", z: "ざじずぜぞ", d: "だぢづでど",
      b: "ばびぶべぼ", p: "ぱぴぷぺぽ", f: "ふぁ ふぃ ふ ふぇ ふぉ", j: "じゃ じ じゅ じぇ じょ", v: "ゔぁ ゔぃ ゔ ゔぇ ゔぉ",
      sh: "しゃ し しゅ しぇ しょ", ch: "ちゃ ち ちゅ ちぇ ちょ", ts: "つぁ つぃ つ つぇ つぉ"
    };
    Object.keys(rows).forEach(function (consonant) {
      var kana = rows[consonant].indexOf(" ") === -1 ? rows[consonant].split("") : rows[consonant].split(" ");
      vowels.split("").forEach(function (vowel, i) { ROMAJI[consonant + vowel] = kana[i]; });
    });
    "k:き s:し t:ち n:に h:ひ m:み r:り g:ぎ z:じ j:じ d:ぢ b:び p:ぴ c:ち".split(" ").forEach(function (pair) {
      var consonant = pair[0], small = {a: "ゃ", u: "ゅ", o: "ょ"};
      Object.keys(small).forEach(function (vowel) { ROMAJI[consonant + "y" + vowel] = pair.slice(2) + small[vowel]; });
    });
    ROMAJI.si = "し"; ROMAJI.tu = "つ"; ROMAJI.hu = "ふ"; ROMAJI.zi = "じ";
    ROMAJI.ti = ROMAJI.thi = "てぃ"; ROMAJI.di = ROMAJI.dhi = "でぃ"; ROMAJI["-"] = "ー";
  })();
  function fromRomaji(word) {
    if ((indexConfig.lang || [])[0] !== "ja" || word.length < 3 || readerWords[word] || beginsPageWord(word)) return word;
    var kana = "", long = "", i = 0;
    while (i < word.length) {
      var letter = word[i], next = word[i + 1], found = "";
      for (var length = 3; length >= 1 && !found; length--) {
        if (ROMAJI[word.slice(i, i + length)] !== undefined) { found = ROMAJI[word.slice(i, i + length)]; i += length; }
      }
      if (found) {
        kana += found;
        long += found.length === 1 && "aiueo".indexOf(letter) !== -1 && i >= 2 && word[i - 2] === letter ? "ー" : found;
      } else if (letter === "n" && !(next && "aiueoy".indexOf(next) !== -1)) {
        // n before a consonant or at the end (kantan, honnin: ほんにん), nn too when no vowel follows (kantann)
        i += next === "n" && !(word[i + 2] && "aiueoy".indexOf(word[i + 2]) !== -1) ? 2 : 1;
        kana += "ん"; long += "ん";
      } else if ((letter === next && "kstpgzdbhfjmrwc".indexOf(letter) !== -1) || (letter === "t" && next === "c")) {
        kana += "っ"; long += "っ"; i += 1; // a doubled consonant is the small tsu (kitte, matcha)
      } else {
        return word;
      }
    }
    // A vowel after a syllable ending in that vowel is the long mark in a katakana word of the pages (pasuwaado:
    // パスワード) and the vowel itself in a word written in kanji (chuumon: ちゅうもん, 注文).
    var pageKatakana = katakana(long) !== long;
    // A syllable only borrowed words have (wi, fi, fa, vo) spells no Japanese word unless it makes a katakana word of
    // the pages: wifi, safari and povo stay as typed.
    if (/[ぁぃぅぇぉゔ]/.test(kana) && !pageKatakana) return word;
    return long !== kana && pageKatakana ? long : kana;
  }
  function toKatakana(kana) {
    return kana.replace(/[\u3041-\u3096]/g, function (c) { return String.fromCharCode(c.charCodeAt(0) + 0x60); });
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

  // The queries to try, in order: the rewritten query, then every piece kept, then the query as typed (folded).
  function attempts(query) {
    var tried = [rewrite(query)];
    [rewrite(query, true), query.normalize("NFKC").toLowerCase().trim()].forEach(function (text) {
      if (text && tried.indexOf(text) === -1) tried.push(text);
    });
    return tried;
  }

  function rewrite(query, keepAll) {
    var text = written(katakana(query.normalize("NFKC").toLowerCase().replace(/[a-z][a-z-]*/g, fromRomaji)))
      .replace(/[a-z]+/g, corrected)
      .replace(/[\u30a1-\u30fa\u30fc]{3,}/g, voiced);
    // Again on the result until it no longer changes: "pwd" -> "password", then "forgot password" -> the reset words.
    for (var round = 0; synonyms && round < 3; round++) {
      var replaced = text.replace(synonyms, function (variant) {
        // A word typed in hiragana is replaced in place, so that the next round still sees the words around it
        // (まちがえた: 間違えた, then the reader's 間違えた); any other keeps spaces around it, a word of its own.
        var word = replacement(variant);
        return /^[\u3041-\u3096\u30fc]+$/.test(variant) ? word : " " + word + " ";
      })
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
        // A single kana is left out even when every piece is kept: as a prefix it matches nearly every page.
        if (!(keepAll && /^[\u3040-\u30ff]$/.test(segment))) all.push(segment);
        if (KANA_PARTICLE.test(segment) || stopword(segment)) return;
        var word = /^[a-z]+$/.test(segment) ? american(segment) : segment;
        if (kept.indexOf(word) === -1) kept.push(word);
      });
    });
    // Only ignored words (amazon): search for what was typed rather than for nothing.
    if (!all.length) return query.normalize("NFKC").toLowerCase();
    return (kept.length && !keepAll ? kept.map(weighted) : all).join(" ");
  }

  // The share of the query's terms an entry holds (Material's answer marks each term found or not), each term
  // weighed by how rare it is on the site (log(1 + (N + 1) / (n + 1)), n of the N entries hold it): holding a word
  // many entries hold (サインイン, "code") counts for less than holding a rare one (届かない, "approval") (decision
  // 0017: the plain count measured against it).
  // A word every locked-out reader types (docs/search.yml `common`: ログイン, "sign in") counts as held by half the
  // entries, whatever the pages hold: the pages write サインイン and name ログイン in brackets only, so by the pages
  // alone it looked rare and outweighed the reader's own words (問い合わせ).
  function termWeight(term) {
    var entries = commonWords.indexOf(term) !== -1 ? texts.length / 2 : holders(term).entries;
    return Math.log(1 + (texts.length + 1) / (entries + 1));
  }
  function termShare(entry) {
    var all = 0, held = 0;
    Object.keys(entry.terms || {}).forEach(function (term) {
      var weight = termWeight(term);
      all += weight;
      if (entry.terms[term]) held += weight;
    });
    return all ? held / all : 0;
  }
  function isPageEntry(entry) {
    return String(entry.location).indexOf("#") === -1;
  }

  // 5. Within each page's result, the best entry compared fairly: Material multiplies a page's own entry by
  // 1 + (1 + f)^2 and a section by 1 + f^2 (f: the share of query terms the entry holds); undone for the page's entry.
  function atSection(items) {
    return items.map(function (group) {
      var page = null;
      group.forEach(function (entry) { if (isPageEntry(entry)) page = entry; });
      if (!page || group.length < 2) return group;
      var share = termShare(page);
      var fair = page.score * (1 + share * share) / (1 + (1 + share) * (1 + share));
      var best = null;
      group.forEach(function (entry) {
        if (entry !== page && entry.score > fair && (!best || entry.score > best.score)) best = entry;
      });
      if (!best) return group;
      var first = group[0];
      best.score = Math.max(best.score, first.score);
      return [best].concat(group.filter(function (entry) { return entry !== best; }));
    });
  }

  // 7. The order of the pages: Material scores a page's own entry (its title and first paragraphs) twice as high as a
  // section when it holds some of the query's words, so a page whose title shares one common word with the query
  // (email, phone, パスワード) came before the page whose section holds the reader's whole situation. A page's own entry
  // keeps that bonus only when it holds every word of the query (decision 0016: with the bonus kept whatever the entry
  // holds, halved, or cut to a third, measured). And every entry counts in proportion to the square of the share of
  // the query's words it holds: a heading that shares one common word of four ("two", "set up") weighs about 1/16
  // of its score, so the section holding the reader's whole situation comes first (decision 0017: powers 2, 3 and 4
  // measured). The pages are ordered by their best entry.
  // 8. A question of what a word means (docs/search.yml `define`: とは, "what is", "meaning") is searched without those
  // words, and the glossary's entries, and those whose heading asks what a word is (decision 0020), count
  // DEFINITION_BOOST times: the glossary weighs 0.1 so that it never comes before a task page otherwise, and "what is
  // 2sv" found the two-step verification page first (decision 0018: 3, 10, 30, 100 and 1,000 measured; from 30 on, the
  // glossary comes first wherever it holds the word).
  var DEFINITION_BOOST = 30;
  var definitionWords = null, definitionTitle = null, glossary = null, defining = false;
  function defineWords(define) {
    var words = (define && define.words) || [];
    glossary = define && define.page;
    definitionWords = words.length ? new RegExp(words.map(function (word) {
      var pattern = escapeRegExp(word);
      return /^[\x20-\x7e]+$/.test(word) ? "(?<![a-z0-9'])" + pattern + "(?![a-z0-9'])" : pattern;
    }).join("|"), "g") : null;
    // The same words, tested once per heading (a global RegExp's test() would carry its lastIndex from one to the next).
    definitionTitle = definitionWords && new RegExp(definitionWords.source);
  }
  function definition(query) {
    var folded = query.normalize("NFKC").toLowerCase(), rest = definitionWords && folded.replace(definitionWords, " ").trim();
    defining = Boolean(definitionWords) && rest !== folded.trim() && rest !== "";
    return defining ? rest : query;
  }
  // A heading that asks what a word is (パスキーとは・作り方, "What is a passkey, …") defines it where it is used, as
  // the glossary does: a section whose heading only names the word (パスキーを作ってあるなら) came first.
  function asksWhatItIs(entry) {
    var title = String(entry.title || "").normalize("NFKC").toLowerCase();
    return Boolean(definitionTitle) && definitionTitle.test(title);
  }
  function entryScore(entry) {
    var share = termShare(entry), score = entry.score * share * share;
    var defines = String(entry.location).indexOf(glossary) === 0 || asksWhatItIs(entry);
    if (defining && defines) score *= DEFINITION_BOOST;
    return !isPageEntry(entry) || share === 1 ? score : score / 2;
  }
  function pageOrder(items) {
    return items
      .map(function (group, i) {
        return {group: group, i: i, best: Math.max.apply(null, group.map(entryScore).concat([0]))};
      })
      .sort(function (a, b) { return b.best - a.best || a.i - b.i; })
      .map(function (page) { return page.group; });
  }

  // Material registers its message listener when its script runs: wrap that one listener. It answers each message
  // with one postMessage, in order (its handler is async, but a query is answered within the same task), so the
  // answers are matched to the queries by a queue: each query's remaining attempts.
  var material = null;
  var waiting = [];
  var post = self.postMessage;
  self.postMessage = function (message) {
    if (message && message.type === RESULT && waiting.length) {
      var rest = waiting[0];
      if (!(message.data.items || []).length && rest.length) {
        material.call(self, {data: {type: QUERY, data: rest.shift()}});
        return undefined;
      }
      waiting.shift();
      try {
        message = {type: RESULT, data: Object.assign({}, message.data, {items: atSection(pageOrder(message.data.items || []))})};
      } catch { /* Material's answer as it was */ }
    }
    return post.apply(self, [message].concat(Array.prototype.slice.call(arguments, 1)));
  };
  var addEventListener = self.addEventListener;
  self.addEventListener = function (type, listener, options) {
    if (type !== "message") return addEventListener.apply(self, arguments);
    material = listener;
    return addEventListener.call(self, type, function (event) {
      var message = event.data;
      if (message && message.type === SETUP) {
        setup(message.data.config);
        indexConfig = message.data.config || {};
        commonWords = indexConfig.common || [];
        defineWords(indexConfig.define);
        learnWords(message.data.docs);
      } else if (message && message.type === QUERY && typeof message.data === "string") {
        message = {type: QUERY, data: definition(message.data)};
        var tries;
        try { tries = attempts(message.data); } catch { tries = [message.data]; }
        waiting.push(tries.slice(1));
        return listener.call(self, {data: {type: QUERY, data: tries[0]}});
      }
      return listener.call(self, event);
    }, options);
  };
  importScripts(worker);
  self.addEventListener = addEventListener;
})();
