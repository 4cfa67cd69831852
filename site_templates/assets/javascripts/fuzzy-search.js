// Spelling-tolerant fallback for the theme's search. The theme's search matches word prefixes
// only, so "glute amnesai" or "reciprical inhibition" find nothing useful. When the query has a
// word the site does not know, or the theme finds nothing, this script matches each query word
// against the words of every claim and source (assets/fuzzy-index.json) allowing one or two
// typing errors, and shows the closest pages above the theme's results. Source pages are not in
// the theme's index at all, so when a query word is an author's name the matching sources are
// shown here whatever the theme finds. Text is only ever set with textContent, so record text cannot become markup.
(function () {
  "use strict";

  var script = document.currentScript;
  var root = new URL("../../", script ? script.src : location.href);
  var indexUrl = new URL("assets/fuzzy-index.json", root);
  var STOP = new Set("a an and are as at be by do does for from has have how in into is it its of on or than that the their them then there these they this to was were what when which who why will with you your".split(" "));
  var state = { index: null, loading: null };

  function words(text) {
    return (text.toLowerCase().match(/[\p{L}\p{N}]+/gu) || []).filter(function (w) {
      return w.length >= 2 && !STOP.has(w) && !/^\d+$/.test(w);
    });
  }

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
    return word.length <= 3 ? 0 : word.length <= 5 ? 1 : 2;
  }

  // How well a query word matches a known word: 1 exact, 0.9 prefix, less per typing error.
  function similarity(q, w) {
    if (q === w) return 1;
    if (q.length >= 3 && w.indexOf(q) === 0) return 0.9;
    var max = allowed(q);
    if (!max) return 0;
    var d = distance(q, w, max);
    if (d > max && w.length > q.length) d = Math.min(d, distance(q, w.slice(0, q.length), max) + 0.5);
    return d <= max ? 0.85 - 0.15 * (d - 1) : 0;
  }

  function prepare(data) {
    var vocab = new Map(), names = new Set();
    data.docs.forEach(function (doc, i) {
      (doc.n || []).forEach(function (w) { names.add(w); });
      doc.k.forEach(function (w) { add(vocab, w, i, 1); });
      doc.w.forEach(function (w) { add(vocab, w, i, 0.6); });
      doc.claim = doc.u.indexOf("claims/") === 0;
    });
    return { docs: data.docs, vocab: vocab, names: names, n: data.docs.length };
  }

  function add(vocab, word, doc, weight) {
    var postings = vocab.get(word);
    if (!postings) vocab.set(word, postings = new Map());
    if ((postings.get(doc) || 0) < weight) postings.set(doc, weight);
  }

  // Rank documents for a query; `unknown` is true when some query word is not a known word or prefix.
  function search(index, query) {
    var terms = words(query);
    if (!terms.length) return { results: [], unknown: false };
    var unknown = false, naming = false, scores = new Map(), total = 0;
    terms.forEach(function (q) {
      var known = false, matches = new Map(), idf = Math.log(1 + index.n);
      index.vocab.forEach(function (postings, w) {
        var s = similarity(q, w);
        if (!s) return;
        if (s >= 0.9) known = true;
        // An author's name means a source is wanted.
        if (s >= 0.85 && index.names.has(w)) naming = true;
        postings.forEach(function (weight, doc) {
          var v = s * weight;
          if (v > (matches.get(doc) || 0)) matches.set(doc, v);
        });
      });
      if (!known) unknown = true;
      // Rare words tell claims apart; a word in every claim ("glute") counts for little.
      if (matches.size) idf = Math.log(1 + index.n / matches.size);
      total += idf;
      matches.forEach(function (v, doc) { scores.set(doc, (scores.get(doc) || 0) + v * idf); });
    });
    var results = [];
    scores.forEach(function (s, doc) {
      var score = s / total;
      if (score >= 0.55) results.push({ doc: index.docs[doc], score: score + phrase(index.docs[doc], terms) + (index.docs[doc].claim ? 0.05 : 0) });
    });
    results.sort(function (a, b) { return b.score - a.score || a.doc.t.localeCompare(b.doc.t); });
    return { results: results, unknown: unknown, naming: naming };
  }

  // Bonus when the query reads like the statement or one alias: all its words in one of them,
  // more when in order and adjacent, more when they make up most of it ("dead but syndrom").
  function phrase(doc, terms) {
    var best = 0;
    [doc.t].concat(doc.a).forEach(function (text) {
      var ws = words(text), at = [];
      for (var t = 0; t < terms.length; t++) {
        var found = -1;
        for (var i = 0; i < ws.length && found < 0; i++) if (similarity(terms[t], ws[i]) >= 0.7) found = i;
        if (found < 0) return;
        at.push(found);
      }
      var bonus = 0.1 + 0.1 * (terms.length / ws.length);
      if (at.every(function (v, i) { return i === 0 || v === at[i - 1] + 1; })) bonus += 0.1;
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

  function render(container, input, found, themeEmpty) {
    var panel = container.querySelector(".gc-fuzzy");
    // The theme's index leaves source pages out (it would be too big for a phone): when the query
    // names a source, matching sources are shown here; the closest claims when the theme is lost.
    var sources = found.naming && !found.unknown;
    var fuzzy = !sources && (found.unknown || themeEmpty);
    var shown = (sources ? found.results.filter(function (r) { return !r.doc.claim; }) : fuzzy ? found.results : []).slice(0, 5);
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
    note.textContent = sources ? "Sources:" : themeEmpty ? "No exact matches. Closest matches, allowing for spelling:" : "Closest matches, allowing for spelling:";
    panel.appendChild(note);
    var list = document.createElement("ol");
    list.className = "md-search-result__list";
    list.setAttribute("aria-label", "Spelling-tolerant matches");
    shown.forEach(function (r) {
      var item = document.createElement("li");
      item.className = "md-search-result__item";
      var link = document.createElement("a");
      link.className = "md-search-result__link gc-fuzzy__link";
      link.href = new URL(r.doc.u, root).href;
      var article = document.createElement("article");
      article.className = "md-search-result__article md-typeset";
      // The theme's Enter key opens the highest-scoring result: these go first when the query is misspelt.
      article.setAttribute("data-md-score", String(1e6 * r.score));
      var title = document.createElement("h1");
      title.textContent = r.doc.t;
      var detail = document.createElement("p");
      detail.textContent = r.doc.d + (r.doc.a.length ? " · also: " + r.doc.a.slice(0, 2).join("; ") : "");
      article.appendChild(title);
      article.appendChild(detail);
      link.appendChild(article);
      item.appendChild(link);
      list.appendChild(item);
    });
    panel.appendChild(list);
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
      if (!query.trim()) { render(container, input, { results: [] }, false); return; }
      var ticket = ++pending;
      load().then(function (index) {
        if (!index || ticket !== pending) return;
        var themeEmpty = !list || !list.children.length;
        render(container, input, search(index, query), themeEmpty);
      });
    }

    input.addEventListener("focus", load, { once: true });
    input.addEventListener("keyup", update);
    input.addEventListener("input", update);
    // The theme fills its list after the worker answers: look again when it changes.
    if (list) new MutationObserver(update).observe(list, { childList: true });
  }

  window.gluteclaimsFuzzy = { search: search, prepare: prepare, distance: distance };
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", attach);
  else attach();
})();
