// Search that answers questions, beside the theme's search. The theme matches word prefixes in
// page text, so "are hip thrusts better than squats for glute growth" ranks the right claim low
// and a misspelling finds nothing. This script ranks the claims themselves (assets/fuzzy-index.json):
// a claim's question and aliases count most, then its statement and topics, then the rest of its
// page; each query word also matches its thesaurus group (growth is hypertrophy, butt is glutes),
// plurals match singulars, an unknown word matches known words within one or two typing errors,
// and only the word being typed matches as a prefix (so "dead" in "dead butt" never means
// "deadlift"). The best claims are shown first, each with its verdict and the verdict's one-line
// statement; the theme's own results follow, and claim pages among them get their verdict too.
// When a query word is an author's name the matching sources are shown instead (source pages are
// not in the theme's index). Text is only ever set with textContent, so record text cannot become markup.
(function () {
  "use strict";

  var script = document.currentScript;
  var root = new URL("../../", script ? script.src : location.href);
  var indexUrl = new URL("assets/fuzzy-index.json", root);
  var STOP = new Set(("a an and are as at be by can could do does doing for from get has have how i if in into is it its " +
    "me my of on or should than that the their them then there these they this to vs versus was were what when which " +
    "who why will with would you your").split(" "));
  var SYMBOLS = { supported: "✓", "little-or-no-difference": "≈", opposite: "✗", conflicting: "±", uncertain: "?", "not-studied": "∅" };
  var LABELS = { supported: "Supported", "little-or-no-difference": "Little or no difference", opposite: "Opposite", conflicting: "Conflicting", uncertain: "Uncertain", "not-studied": "Not studied" };
  var FIELDS = { h: 1, k: 0.75, w: 0.3 };
  var state = { index: null, loading: null };

  function rawWords(text) {
    return (text.toLowerCase().match(/[\p{L}\p{N}]+/gu) || []).filter(function (w) {
      return w.length >= 2 && !STOP.has(w) && !/^\d+$/.test(w);
    });
  }

  // Plurals and singulars alike: "squats" is "squat", "studies" is "study"; "gluteus" stays.
  function stem(w) {
    if (w.length > 4 && /ies$/.test(w)) return w.slice(0, -3) + "y";
    if (w.length > 3 && /s$/.test(w) && !/(ss|us|is)$/.test(w)) return w.slice(0, -1);
    return w;
  }

  function words(text) { return rawWords(text).map(stem); }

  // Optimal string alignment distance (Levenshtein plus adjacent transpositions), capped at max + 1.
  function distance(a, b, max) {
    if (Math.abs(a.length - b.length) > max) return max + 1;
    var prev2 = null, prev = [], cur;
    for (var j = 0; j <= b.length; j++) prev[j] = j;
    for (var i = 1; i <= a.length; i++) {
      cur = [i];
      var best = i;
      for (j = 1; j <= b.length; j++) {
        var cost = a[i - 1] === b[j - 1] ? 0 : 1;
        var v = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
        if (prev2 && i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, prev2[j - 2] + 1);
        cur[j] = v;
        if (v < best) best = v;
      }
      if (best > max) return max + 1;
      prev2 = prev;
      prev = cur;
    }
    return prev[b.length];
  }

  function allowed(word) {
    return word.length <= 3 ? 0 : word.length <= 6 ? 1 : 2;
  }

  function prepare(data) {
    var vocab = new Map(), names = new Set(), groups = new Map();
    data.docs.forEach(function (doc, i) {
      (doc.n || []).forEach(function (w) { names.add(w); });
      Object.keys(FIELDS).forEach(function (field) {
        (doc[field] || []).forEach(function (w) { add(vocab, stem(w), i, FIELDS[field]); });
      });
      doc.claim = doc.u.indexOf("claims/") === 0;
      doc.phrases = [doc.q || "", doc.t].concat(doc.a).filter(Boolean).map(words);
    });
    // A name that is also a word of the claims ("Butt") means the word, not the author.
    data.docs.forEach(function (doc) {
      if (doc.claim) (doc.h || []).concat(doc.k || []).forEach(function (w) { names.delete(w); names.delete(stem(w)); });
    });
    (data.thesaurus || []).forEach(function (group) {
      var stems = group.map(stem);
      stems.forEach(function (w) {
        var others = groups.get(w) || new Set();
        stems.forEach(function (o) { if (o !== w) others.add(o); });
        groups.set(w, others);
      });
    });
    return { docs: data.docs, vocab: vocab, names: names, groups: groups, n: data.docs.length };
  }

  function add(vocab, word, doc, weight) {
    var postings = vocab.get(word);
    if (!postings) vocab.set(word, postings = new Map());
    if ((postings.get(doc) || 0) < weight) postings.set(doc, weight);
  }

  // The known words a query word stands for, each with how well: itself 1, its thesaurus group 0.85,
  // a prefix (only the word being typed) 0.8, within one or two typing errors 0.8 less 0.1 per error.
  function forms(index, q, typing) {
    var found = new Map(), exact = index.vocab.has(q) || index.groups.has(q);
    function put(w, s) { if (index.vocab.has(w) && s > (found.get(w) || 0)) found.set(w, s); }
    put(q, 1);
    (index.groups.get(q) || []).forEach(function (w) { put(w, 0.85); });
    if (typing || !exact) {
      index.vocab.forEach(function (_, w) {
        if (typing && q.length >= 3 && w.indexOf(q) === 0 && w !== q) put(w, 0.8);
        if (!exact) {
          var max = allowed(q);
          if (!max) return;
          var d = distance(q, w, max);
          if (d <= max) {
            put(w, 0.8 - 0.1 * (d - 1));
            (index.groups.get(w) || []).forEach(function (g) { put(g, 0.7 - 0.1 * (d - 1)); });
          }
        }
      });
    }
    return { forms: found, exact: exact, known: exact || Array.from(found.values()).some(function (s) { return s >= 0.8; }) };
  }

  // Rank documents for a query; `unknown` is true when some query word matches nothing closely.
  function search(index, query) {
    var terms = words(query);
    if (!terms.length) return { results: [], unknown: false, naming: false };
    var typing = !/\s$/.test(query);
    var unknown = false, naming = false, scores = new Map(), total = 0, matched = [];
    terms.forEach(function (q, t) {
      var f = forms(index, q, typing && t === terms.length - 1);
      if (!f.known) unknown = true;
      var hits = new Map(), own = new Set(), top = 0;
      f.forms.forEach(function (s) { if (s > top) top = s; });
      f.forms.forEach(function (s, w) {
        // An author's name means a source is wanted; a claim word typed whole ("butt") never means "Butler".
        if (s >= 0.8 && index.names.has(w) && (s === 1 || !f.exact)) naming = true;
        index.vocab.get(w).forEach(function (weight, doc) {
          var v = s * weight;
          if (v > (hits.get(doc) || 0)) hits.set(doc, v);
          if (s === top) own.add(doc);
        });
      });
      // Rare words tell claims apart; a word in every claim ("glute") counts for little. How rare is
      // judged by the word as typed (or its closest spelling), not by its whole thesaurus group.
      var idf = Math.log(1 + index.n / Math.max(1, own.size));
      total += idf;
      matched.push(f.forms);
      hits.forEach(function (v, doc) { scores.set(doc, (scores.get(doc) || 0) + v * idf); });
    });
    var results = [];
    scores.forEach(function (s, doc) {
      var d = index.docs[doc], score = s / total;
      if (score >= 0.3) results.push({ doc: d, score: score + phrase(d, matched) });
    });
    results.sort(function (a, b) { return b.score - a.score || a.doc.u.localeCompare(b.doc.u); });
    return { results: results, unknown: unknown, naming: naming };
  }

  // Bonus when the query reads like the claim's question, statement or one alias: the share of
  // the query's words found in it, more when they make up most of it and come in order.
  function phrase(doc, matched) {
    var best = 0;
    doc.phrases.forEach(function (ws, p) {
      var at = [], found = 0;
      matched.forEach(function (f) {
        var i = ws.findIndex(function (w) { return (f.get(w) || 0) >= 0.8; });
        if (i >= 0) { found++; at.push(i); }
      });
      if (!found) return;
      var share = found / matched.length;
      var bonus = 0.2 * share * share + 0.1 * (found / ws.length);
      if (found > 1 && at.every(function (v, i) { return i === 0 || v > at[i - 1]; })) bonus += 0.05;
      if (p === 2 && doc.phrases.length > 2) bonus *= 1;  // aliases count as the question does
      if (bonus > best) best = bonus;
    });
    return best;
  }

  function load() {
    if (!state.loading) {
      state.loading = fetch(indexUrl).then(function (r) { return r.json(); }).then(function (data) {
        state.index = prepare(data);
        return state.index;
      }).catch(function () { state.loading = null; });
    }
    return state.loading;
  }

  // The verdict badge and the one-line statement, as elements.
  function verdict(doc) {
    var line = document.createElement("span");
    line.className = "gc-result-verdict";
    var badge = document.createElement("span");
    badge.className = "gc-badge gc-badge--" + doc.v;
    badge.textContent = SYMBOLS[doc.v] + " " + LABELS[doc.v];
    line.appendChild(badge);
    line.appendChild(document.createTextNode(" " + doc.s));
    return line;
  }

  function render(container, found) {
    var panel = container.querySelector(".gc-fuzzy");
    var sources = found.naming && !found.unknown;
    var shown = found.results.filter(function (r) { return sources ? !r.doc.claim : r.doc.claim; }).slice(0, 5);
    if (!shown.length) {
      if (panel) panel.remove();
      return;
    }
    if (!panel) {
      panel = document.createElement("div");
      panel.className = "gc-fuzzy";
      var meta = container.firstElementChild;
      container.insertBefore(panel, meta ? meta.nextSibling : container.firstChild);
    }
    panel.textContent = "";
    var note = document.createElement("p");
    note.className = "gc-fuzzy__meta";
    note.textContent = sources ? "Sources:" : found.unknown ? "Best answers, allowing for spelling:" : "Best answers:";
    panel.appendChild(note);
    var list = document.createElement("ol");
    list.className = "md-search-result__list";
    list.setAttribute("aria-label", sources ? "Sources" : "Claims that best answer the search");
    shown.forEach(function (r) {
      var item = document.createElement("li");
      item.className = "md-search-result__item";
      var link = document.createElement("a");
      link.className = "md-search-result__link gc-fuzzy__link";
      link.href = new URL(r.doc.u, root).href;
      var article = document.createElement("article");
      article.className = "md-search-result__article md-typeset";
      // The theme's Enter key opens the highest-scoring result: the best answer goes first.
      article.setAttribute("data-md-score", String(1e6 * r.score));
      var title = document.createElement("h1");
      title.textContent = r.doc.claim && r.doc.q ? r.doc.q : r.doc.t;
      article.appendChild(title);
      if (r.doc.claim) {
        article.appendChild(verdict(r.doc));
        var claimed = document.createElement("p");
        claimed.textContent = "The claim: " + r.doc.t;
        article.appendChild(claimed);
      } else {
        var detail = document.createElement("p");
        detail.textContent = r.doc.d;
        article.appendChild(detail);
      }
      link.appendChild(article);
      item.appendChild(link);
      list.appendChild(item);
    });
    panel.appendChild(list);
  }

  // The theme's own results for claim pages get the claim's verdict and statement as well.
  function decorate(container, index) {
    var byUrl = new Map();
    index.docs.forEach(function (d) { if (d.claim) byUrl.set(new URL(d.u, root).pathname, d); });
    container.querySelectorAll(":scope > ol > li.md-search-result__item").forEach(function (item) {
      var a = item.querySelector("a");
      var article = item.querySelector("article");
      if (!a || !article || article.querySelector(".gc-result-verdict")) return;
      var doc = byUrl.get(new URL(a.href).pathname);
      if (!doc) return;
      var heading = article.querySelector("h1, h2");
      var line = verdict(doc);
      if (heading && heading.nextSibling) article.insertBefore(line, heading.nextSibling);
      else article.appendChild(line);
    });
  }

  function attach() {
    var input = document.querySelector("[data-md-component=search-query]");
    var container = document.querySelector("[data-md-component=search-result]");
    if (!input || !container || input.dataset.gcFuzzy) return;
    input.dataset.gcFuzzy = "1";
    var list = container.querySelector(".md-search-result__list");
    var pending = 0;

    function update() {
      var query = input.value;
      if (!query.trim()) { render(container, { results: [] }); return; }
      var ticket = ++pending;
      load().then(function (index) {
        if (!index || ticket !== pending) return;
        render(container, search(index, query));
        decorate(container, index);
        // Which query the results answer, for tests and for anything that waits on them.
        container.setAttribute("data-gc-query", query);
      });
    }

    input.addEventListener("focus", load, { once: true });
    input.addEventListener("keyup", update);
    input.addEventListener("input", update);
    // The theme fills its list after the worker answers: look again when it changes.
    if (list) new MutationObserver(update).observe(list, { childList: true });
  }

  window.gluteclaimsFuzzy = { search: search, prepare: prepare, distance: distance, load: load };
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", attach);
  else attach();
})();
