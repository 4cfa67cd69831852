// "Check a text": find the graded claims in pasted text, in the browser, with no server.
// This mirrors src/gluteclaims/sentences.py, lexicon.py and audit.py rule for rule; the data
// (thesaurus, stop words, weights, phrases, thresholds) comes from the audit index the build
// writes (window.GLUTECLAIMS_AUDIT). tests/test_audit.py runs this file under node on the four
// seed articles and requires the same matches as `gluteclaims audit`.
// Pasted text is only ever put into the page as text (textContent), never as HTML.
(function (root) {
  "use strict";

  var BREAK = "\u2029";
  var SCRIPT = /<(script|style|template|noscript)\b[^>]*>[\s\S]*?<\/\1\s*>/gi;
  var COMMENT = /<!--[\s\S]*?-->/g;
  var BLOCK_TAG = /<\/?(?:p|div|br|li|ul|ol|h[1-6]|tr|td|th|table|blockquote|section|article|header|footer|pre|hr|dd|dt|figcaption|title)\b[^>]*>/gi;
  var TAG = /<[^>]*>/g;
  var LOOKS_HTML = /<(?:p|div|br|li|h[1-6]|html|body|span|a|article|section)\b[^>]*>/i;
  var MD_HEADING = /^ {0,3}(#{1,6}[ \t]+[^\n]*)/gm;
  var MD_QUOTE = /^ {0,3}>[ \t]?/gm;
  var MD_ITEM = /^[ \t]*(?:[-*+•]|\d{1,3}[.)])[ \t]+/gm;
  var MD_IMAGE = /!\[([^\]\n]*)\]\([^)\n]*\)/g;
  var MD_LINK = /\[([^\]\n]+)\]\([^)\n]*\)/g;
  var MD_EMPHASIS = /(\*{1,3}|_{2,3}|`+)/g;
  var END = /[.!?]+["'”’)\]]*(?=[ \t]+["'“‘(\[A-Z0-9•])/g;
  var ITEM_MARK = /^(?:[-*+•▪◦–—]|\d{1,3}[.)])[ \t]+/;
  var HEADING_MARK = /^#{1,6}[ \t]+/;
  var HEADING_CLOSE = /[ \t]+#+[ \t]*$/;
  var CLAUSE = /([:;—–]| - |, and |(?<![A-Za-z0-9])(?:but|however|although|though|whereas)(?![A-Za-z0-9]))/i;
  var TRIM = " \t\r\n" + BREAK;
  var HEADING_MAX_WORDS = 12;
  var CLOSED = /[.!?:;…]["'”’)\]]*$/;
  var REFERENCE_MAX_WORDS = 80;
  var REFERENCE = /[.?!]["'”’]?[ \t]+(?:19|20)[0-9][0-9][a-z]?[.;:]|^[A-Z][^\s,]*,[ \t]+(?:[A-Z]\.[ \t]?)+.*\((?:19|20)[0-9][0-9][a-z]?\)\.|(?<![A-Za-z0-9])(?:doi|DOI)(?::[ \t]*|\.org\/)10\.[0-9]{4,}/;
  var URL = /(?:https?:\/\/|www\.)[^\s]+|[A-Za-z0-9.-]+\.(?:com|org|net|io|co|uk|gov|edu)(?:\/[^\s]*)?/;
  var URL_ALL = new RegExp(URL.source, "g");
  var DATE_WORDS = /^(?:(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?|(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*|updated|posted|published|last|modified|reviewed|on|at|am|pm|st|nd|rd|th|[0-9]+)$/i;
  var DATE_FILLER = /[\s,./:|()\-–—]+/g;
  var APOSTROPHES = /[’‘ʼ`]/g;
  var CANT = /\bcan't\b/g;
  var WONT = /\bwon't\b/g;
  var NOT = /n't\b/g;
  var CLITIC = /'(?:s|re|ve|ll|d|m)\b/g;
  var WORD = /[a-z0-9]+/g;
  var ENTITIES = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: "\u00a0", rsquo: "’", lsquo: "‘", rdquo: "”", ldquo: "“", mdash: "—", ndash: "–", hellip: "…" };

  function blank(match) { return match.replace(/[^\n]/g, ""); }

  function unescapeHtml(text) {
    return text.replace(/&(#[xX][0-9a-fA-F]+|#[0-9]+|[a-zA-Z]+);/g, function (whole, body) {
      if (body[0] === "#") {
        var code = body[1] === "x" || body[1] === "X" ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
        return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
      }
      return Object.prototype.hasOwnProperty.call(ENTITIES, body) ? ENTITIES[body] : whole;
    });
  }

  function htmlToPlain(text) {
    text = text.replace(SCRIPT, blank).replace(COMMENT, blank);
    text = text.replace(BLOCK_TAG, function (m) { return blank(m) + BREAK + (/^<li\b/i.test(m) ? "• " : ""); });
    return unescapeHtml(text.replace(TAG, blank));
  }

  function detectFormat(text) { return LOOKS_HTML.test(text) ? "html" : "text"; }

  function toPlain(text, fmt) {
    text = text.replace(/\r\n/g, "\n").replace(/\r/g, "\n");
    if (fmt === "html") return htmlToPlain(text);
    if (fmt === "markdown") {
      if (LOOKS_HTML.test(text)) text = htmlToPlain(text);
      text = text.replace(MD_HEADING, BREAK + "$1" + BREAK).replace(MD_QUOTE, "").replace(MD_ITEM, BREAK + "• ");
      return text.replace(MD_IMAGE, "$1").replace(MD_LINK, "$1").replace(MD_EMPHASIS, "");
    }
    return text;
  }

  function isLower(c) { return c !== c.toUpperCase() && c === c.toLowerCase(); }

  function isAbbreviation(plain, stop, abbreviations) {
    if (plain[stop] !== ".") return false;
    var begin = stop;
    while (begin > 0 && /[A-Za-z.]/.test(plain[begin - 1])) begin -= 1;
    var word = plain.slice(begin, stop);
    return abbreviations.indexOf(word.toLowerCase()) >= 0 || (word.length === 1 && /[A-Z]/.test(word));
  }

  function softWrap(plain, newline) {
    var before = newline - 1;
    while (before >= 0 && (plain[before] === " " || plain[before] === "\t")) before -= 1;
    var after = newline + 1;
    while (after < plain.length && (plain[after] === " " || plain[after] === "\t")) after += 1;
    if (before < 0 || after >= plain.length) return false;
    return (isLower(plain[before]) || plain[before] === ",") && isLower(plain[after]);
  }

  function pieces(plain) {
    var spans = [], start = 0;
    for (var i = 0; i < plain.length; i++) {
      var c = plain[i];
      if (c === BREAK || (c === "\n" && !softWrap(plain, i))) { spans.push([start, i]); start = i + 1; }
    }
    spans.push([start, plain.length]);
    return spans;
  }

  // Line numbers of ascending offsets, counted on from the last one asked for: one pass per text.
  function lineCounter(plain) {
    var offset = 0, line = 1;
    return function (to) {
      for (; offset < to; offset++) if (plain[offset] === "\n") line += 1;
      return line;
    };
  }

  function addSentence(found, plain, start, end, lineAt) {
    while (start < end && TRIM.indexOf(plain[start]) >= 0) start += 1;
    while (end > start && TRIM.indexOf(plain[end - 1]) >= 0) end -= 1;
    var mark = ITEM_MARK.exec(plain.slice(start, end));
    if (mark) start += mark[0].length;
    if (start >= end || !/[\p{L}\p{N}]/u.test(plain.slice(start, end))) return;
    var text = plain.slice(start, end).split(BREAK).join(" ").split(/\s+/).filter(Boolean).join(" ");
    found.push({ start: start, end: end, line: lineAt(start), text: text, kind: lineKind(text) || "prose" });
  }

  function lineKind(text) {
    var digits = /[0-9]/.test(text);
    if (!digits && !URL.test(text)) return null;
    if (!text.replace(URL_ALL, "").replace(DATE_FILLER, "")) return "link";
    var rest = text.replace(DATE_FILLER, " ").split(" ").filter(Boolean);
    if (digits && rest.length && rest.every(function (w) { return DATE_WORDS.test(w); })) return "date";
    return null;
  }

  function pieceKind(plain, pieceStart, sentences) {
    var text = sentences.map(function (s) { return s.text; }).join(" ");
    var size = text.split(/\s+/).filter(Boolean).length;
    if (size <= REFERENCE_MAX_WORDS && REFERENCE.test(text)) return "reference";
    var start = pieceStart;
    while (TRIM.indexOf(plain[start]) >= 0) start += 1;
    if (sentences.length === 1 && size <= HEADING_MAX_WORDS && !CLOSED.test(text) && !ITEM_MARK.test(plain.slice(start, start + 8))) return "heading";
    return "prose";
  }

  function splitSentences(plain, abbreviations) {
    var found = [], blocks = [], lineAt = lineCounter(plain);
    pieces(plain).forEach(function (span) {
      var first = found.length, cut = span[0], end = span[1], match;
      while (cut < end && TRIM.indexOf(plain[cut]) >= 0) cut += 1;
      var mark = HEADING_MARK.exec(plain.slice(cut, end));
      if (mark) {
        cut += mark[0].length;
        var close = HEADING_CLOSE.exec(plain.slice(cut, end));
        if (close) end = cut + close.index;
      }
      var piece = plain.slice(cut, end);
      END.lastIndex = 0;
      var from = cut;
      while ((match = END.exec(piece)) !== null) {
        var at = from + match.index;
        if (isAbbreviation(plain, at, abbreviations)) continue;
        addSentence(found, plain, cut, at + match[0].length, lineAt);
        cut = at + match[0].length;
      }
      addSentence(found, plain, cut, end, lineAt);
      if (found.length > first) blocks.push([first, mark ? "heading" : pieceKind(plain, span[0], found.slice(first)), !!mark]);
    });
    blocks.forEach(function (block, number) {
      var next = blocks[number + 1];
      var kind = block[1] === "heading" && !block[2] && (!next || next[1] === "heading") ? "prose" : block[1];
      var last = next ? next[0] : found.length;
      if (kind !== "prose") for (var k = block[0]; k < last; k++) if (found[k].kind === "prose") found[k].kind = kind;
    });
    return found;
  }

  function words(text) {
    text = text.toLowerCase().replace(APOSTROPHES, "'");
    text = text.replace(CANT, "can not").replace(WONT, "will not").replace(NOT, " not").replace(CLITIC, "");
    return text.match(WORD) || [];
  }

  function undouble(word) {
    var last = word[word.length - 1];
    if (word.length >= 3 && last === word[word.length - 2] && "lsz".indexOf(last) < 0 && !/[0-9]/.test(last)) return word.slice(0, -1);
    return word;
  }

  function endsWith(word, suffixes) {
    for (var i = 0; i < suffixes.length; i++) if (word.slice(-suffixes[i].length) === suffixes[i]) return true;
    return false;
  }

  function stem(word) {
    if (word.length <= 3 || /^[0-9]+$/.test(word)) return word;
    if (endsWith(word, ["ies"]) && word.length > 4) word = word.slice(0, -3) + "y";
    else if (endsWith(word, ["sses"])) word = word.slice(0, -2);
    else if (endsWith(word, ["s"]) && !endsWith(word, ["ss", "us", "is"])) word = word.slice(0, -1);
    if (endsWith(word, ["ing"]) && word.length >= 6) word = undouble(word.slice(0, -3));
    else if (endsWith(word, ["ed"]) && word.length >= 5) word = undouble(word.slice(0, -2));
    else if (endsWith(word, ["ation"]) && word.length >= 7) word = word.slice(0, -3);
    else if (endsWith(word, ["ion"]) && word.length >= 7) word = word.slice(0, -3);
    else if (endsWith(word, ["ness"]) && word.length >= 7) word = word.slice(0, -4);
    else if (endsWith(word, ["ly"]) && word.length >= 6) word = word.slice(0, -2);
    else if (endsWith(word, ["er"]) && word.length >= 6) word = undouble(word.slice(0, -2));
    if (endsWith(word, ["e"]) && word.length >= 4) word = word.slice(0, -1);
    return word;
  }

  function stems(text, index) {
    var has = Object.prototype.hasOwnProperty;
    return words(text).filter(function (w) { return !index.glueSet[w]; }).map(function (w) {
      return stem(has.call(index.word_senses, w) ? index.word_senses[w] : w);
    });
  }

  // The ideas of a text with the place of each, and the stems they were read from (lexicon.ideas).
  function ideas(text, index) {
    prepare(index);
    var said = stems(text, index), found = [], i = 0;
    var has = Object.prototype.hasOwnProperty, particles = index.rules.particles;
    while (i < said.length) {
      var matched = false;
      for (var size = Math.min(index.longest, said.length - i); size > 0; size--) {
        var key = said.slice(i, i + size).join(" ");
        if (has.call(index.thesaurus, key)) {
          if (index.thesaurus[key]) found.push([index.thesaurus[key], i]);
          i += size; matched = true; break;
        }
      }
      if (matched) continue;
      var word = said[i];
      if (has.call(particles, word)) {
        var verb = -1;
        for (var j = i - 1; j > Math.max(-1, i - 1 - index.rules.particle_reach); j--) {
          if (particles[word][1].indexOf(said[j]) >= 0) { verb = j; break; }
        }
        if (verb >= 0) {
          found = found.filter(function (f) { return f[1] !== verb; });
          found.push([particles[word][0], i]);
        }
      } else if (!index.stopSet[word]) found.push([word, i]);
      i += 1;
    }
    return { found: found, said: said };
  }

  function terms(text, index) {
    return ideas(text, index).found.map(function (f) { return f[0]; });
  }

  function insidePhrases(said, index) {
    var has = Object.prototype.hasOwnProperty, inside = {}, i = 0;
    var keyed = said.map(function (w) { return stem(has.call(index.word_senses, w) ? index.word_senses[w] : w); });
    while (i < keyed.length) {
      var size = 1;
      for (var n = Math.min(index.longest, keyed.length - i); n > 1; n--) {
        if (has.call(index.thesaurus, keyed.slice(i, i + n).join(" "))) { size = n; break; }
      }
      if (size > 1) for (var k = i; k < i + size; k++) inside[k] = true;
      i += size;
    }
    return inside;
  }

  function startsWith(list, at, part) {
    for (var k = 0; k < part.length; k++) if (list[at + k] !== part[k]) return false;
    return true;
  }

  // How many words deny what the text says (lexicon.negations): not inside an idea's phrase, not after "than".
  function negations(text, index) {
    var rules = index.rules;
    var said = words(text).filter(function (w) { return !index.glueSet[w]; });
    var than = said.indexOf("than");
    if (than >= 0) said = said.slice(0, than);
    var inside = insidePhrases(said, index), count = 0;
    said.forEach(function (word, i) {
      if (inside[i] || rules.negations.indexOf(word) < 0) return;
      if (!rules.not_negating.some(function (p) { return startsWith(said, i, p); })) count += 1;
    });
    return count;
  }

  // 1 for a question that opens like a statement, which doubts it (lexicon.doubts).
  function doubts(text, index) {
    var said = words(text).filter(function (w) { return !index.glueSet[w]; });
    var stripped = text.replace(/[ "'”’)]+$/, "");
    return stripped.slice(-1) === "?" && said.length && index.rules.question_openers.indexOf(said[0]) < 0 ? 1 : 0;
  }

  // 1 when the text, read as one clause, denies what it names (lexicon.polarity), else 0.
  function polarity(text, index) { return (negations(text, index) + doubts(text, index)) % 2; }

  // The clauses of a sentence (lexicon.clauses); "not X but Y" stays one.
  function clauses(text, index) {
    var pieces = text.split(CLAUSE), out = [pieces[0]];
    for (var i = 1; i + 1 < pieces.length; i += 2) {
      if (pieces[i].toLowerCase() === "but" && negations(out[out.length - 1], index)) out[out.length - 1] += pieces[i] + pieces[i + 1];
      else out.push(pieces[i + 1]);
    }
    return out.filter(function (part) { return /[\p{L}\p{N}]/u.test(part); });
  }

  // Each clause as the ideas it names and whether it denies them (lexicon.clause_polarities).
  function clausePolarities(text, index) {
    return clauses(text, index).map(function (part) {
      var named = {};
      terms(part, index).forEach(function (t) { named[t] = true; });
      return [named, negations(part, index) % 2];
    });
  }

  // The polarity the clauses naming these ideas give them (matcher._vote).
  function vote(parts, ideas, weights, denials, doubt) {
    var votes = [0, 0];
    parts.forEach(function (part) {
      ideas.forEach(function (t) { if (part[0][t]) votes[part[1]] += Math.round((weights[t] || 0) * 10000); });
    });
    if (votes[0] === votes[1]) return (denials + doubt) % 2;
    return ((votes[1] > votes[0] ? 1 : 0) + doubt) % 2;
  }

  // The cause-side and effect-side ideas of the first causal connective, or null (lexicon.relation).
  function relation(text, index) {
    var read = ideas(text, index), found = read.found, said = read.said, groups = index.rules.connectives;
    for (var i = 0; i < said.length; i++) {
      for (var g = 0; g < groups.length; g++) {
        var size = 0;
        for (var c = 0; c < groups[g][0].length; c++) {
          if (startsWith(said, i, groups[g][0][c])) { size = groups[g][0][c].length; break; }
        }
        if (!size) continue;
        var before = {}, after = {}, nb = 0, na = 0;
        found.forEach(function (f) {
          if (f[1] < i) { if (!before[f[0]]) nb += 1; before[f[0]] = true; }
          else if (f[1] >= i + size) { if (!after[f[0]]) na += 1; after[f[0]] = true; }
        });
        if (nb && na) return groups[g][1] ? [after, before] : [before, after];
      }
    }
    return null;
  }

  function round4(x) { return Number(x.toFixed(4)); }

  function claimIdeas(index) {
    if (!index.ideasOf) {
      index.ideasOf = {}; index.statementIdeas = {};
      index.phrases.forEach(function (p) {
        var set = index.ideasOf[p[0]] || (index.ideasOf[p[0]] = {});
        p[1].forEach(function (t) { set[t] = true; });
        if (!index.statementIdeas[p[0]]) index.statementIdeas[p[0]] = p[1];
      });
    }
  }

  function ownIdeasNamed(index, claim, twin, named) {
    var other = index.ideasOf[twin] || {};
    return (index.statementIdeas[claim] || []).filter(function (t) { return !other[t] && named[t]; }).length;
  }

  function scoreSentence(text, index, minScore, context) {
    var rules = index.rules, weights = index.weights;
    claimIdeas(index);
    var present = {}, borrowed = {}, named = {};
    terms(text, index).forEach(function (t) { present[t] = true; named[t] = true; });
    (context || []).forEach(function (t) { if (!present[t]) { borrowed[t] = true; named[t] = true; } });
    var order = relation(text, index), parts = clausePolarities(text, index);
    var denials = negations(text, index), doubt = doubts(text, index);
    var best = {};
    index.phrases.forEach(function (phrase, n) {
      var claim = phrase[0], phraseTerms = phrase[1];
      var own = phraseTerms.filter(function (t) { return present[t]; });
      var lent = phraseTerms.filter(function (t) { return borrowed[t]; });
      var shared = own.length + lent.length;
      if (shared < Math.min(rules.min_shared, phraseTerms.length) || 2 * shared <= phraseTerms.length || !own.length) return;
      if (phraseTerms.length === 1) {
        var ideasOf = index.ideasOf[claim];
        if (!Object.keys(ideasOf).some(function (t) { return t !== phraseTerms[0] && named[t]; })) return;
      }
      if (order && phrase[3].length && phrase[3].some(function (t) { return order[1][t]; }) && phrase[4].some(function (t) { return order[0][t]; })) return;
      var total = Math.max(index.floor, sum(phraseTerms, weights));
      var covered = sum(own, weights) + rules.context_factor * sum(lent, weights);
      var score = round4(covered / total);
      if (score >= minScore && (!best[claim] || score > best[claim].score)) {
        var about = own.concat(index.statementIdeas[claim].filter(function (t) { return present[t] && own.indexOf(t) < 0; }));
        var denies = vote(parts, about, weights, denials, doubt);
        best[claim] = { claim: claim, score: score, phrase: n, shared: own.concat(lent), stance: denies === phrase[2] ? "asserts" : "disputes" };
      }
    });
    var ranked = Object.keys(best).map(function (k) { return best[k]; });
    ranked.sort(function (a, b) { return b.score - a.score || (a.claim < b.claim ? -1 : a.claim > b.claim ? 1 : 0); });
    var kept = [];
    ranked.forEach(function (m) {
      var explained = kept.some(function (k) {
        return k.score > m.score && m.shared.every(function (t) { return k.shared.indexOf(t) >= 0; });
      });
      if (!explained) kept.push(m);
    });
    var single = [];
    kept.forEach(function (m) {
      var twins = index.twins[m.claim] || [];
      var rival = -1;
      for (var r = 0; r < single.length; r++) if (twins.indexOf(single[r].claim) >= 0) { rival = r; break; }
      if (rival < 0) single.push(m);
      else if (ownIdeasNamed(index, m.claim, single[rival].claim, named) > ownIdeasNamed(index, single[rival].claim, m.claim, named)) single[rival] = m;
    });
    kept = single.slice(0, rules.max_matches);
    return kept.filter(function (m) { return m.score >= kept[0].score - rules.margin; });
  }

  function sum(list, weights) {
    var total = 0;
    for (var i = 0; i < list.length; i++) total += weights[list[i]];
    return total;
  }

  function refersBack(text, index) {
    var first = words(Array.from(text).slice(0, 20).join(""));
    return first.length > 0 && index.rules.pronouns.indexOf(first[0]) >= 0;
  }

  function prepare(index) {
    if (!index.stopSet) {
      index.stopSet = {};
      index.stop.forEach(function (s) { index.stopSet[s] = true; });
      index.glueSet = {};
      index.glue.forEach(function (w) { index.glueSet[w] = true; });
    }
    return index;
  }

  function auditText(text, index, fmt, minScore) {
    prepare(index);
    if (minScore === undefined || minScore === null) minScore = index.rules.min_score;
    var plain = toPlain(text, fmt || detectFormat(text));
    var previous = [], out = [];
    splitSentences(plain, index.rules.abbreviations).forEach(function (sentence) {
      var context = refersBack(sentence.text, index) ? previous : [];
      sentence.matches = sentence.kind === "prose" ? scoreSentence(sentence.text, index, minScore, context) : [];
      out.push(sentence);
      var next = {};
      terms(sentence.text, index).concat(context).forEach(function (t) { next[t] = true; });
      previous = Object.keys(next);
    });
    return { plain: plain, sentences: out };
  }

  var api = { toPlain: toPlain, detectFormat: detectFormat, splitSentences: splitSentences, words: words, stem: stem, terms: terms, polarity: polarity, relation: relation, scoreSentence: scoreSentence, auditText: auditText };
  if (typeof module !== "undefined" && module.exports) module.exports = api;
  root.GluteclaimsAudit = api;

  // ---- the page ----
  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function badge(claim, match, base) {
    var info = root.GLUTECLAIMS_AUDIT.claims[claim] || {};
    var link = el("a", "gc-audit-claim");
    link.href = base + info.path;
    link.title = info.statement || claim;
    link.appendChild(el("span", "gc-badge gc-badge--" + (info.verdict || "uncertain"), info.badge || "not graded"));
    if (info.certainty) link.appendChild(el("span", "gc-certainty gc-certainty--" + info.certainty, " " + info.dots + " " + info.certainty_label + " certainty"));
    link.appendChild(el("span", "gc-audit-claim-id", " " + claim + " (match " + match.score.toFixed(2) + ")"));
    var wrap = el("span", "gc-audit-match gc-audit-match--" + match.stance);
    wrap.appendChild(el("span", "gc-audit-reading", ((info.reading || {})[match.stance] || claim) + ": "));
    wrap.appendChild(link);
    return wrap;
  }

  function render(container, result, base) {
    container.textContent = "";
    var hits = result.sentences.filter(function (s) { return s.matches.length; });
    var claims = {};
    hits.forEach(function (s) { s.matches.forEach(function (m) { claims[m.claim] = true; }); });
    var count = Object.keys(claims).length;
    container.appendChild(el("p", "gc-audit-summary", hits.length + " of " + result.sentences.length + " sentence" + (result.sentences.length === 1 ? "" : "s") + " repeat or dispute a graded claim (" + count + " claim" + (count === 1 ? "" : "s") + ")."));
    var text = el("div", "gc-audit-text"), at = 0, plain = result.plain;
    hits.forEach(function (s) {
      text.appendChild(document.createTextNode(plain.slice(at, s.start).split(BREAK).join("\n")));
      var mark = el("mark", "gc-audit-hit gc-audit-hit--" + ((root.GLUTECLAIMS_AUDIT.claims[s.matches[0].claim] || {}).verdict || "uncertain"), plain.slice(s.start, s.end).split(BREAK).join("\n"));
      text.appendChild(mark);
      var badges = el("span", "gc-audit-badges");
      s.matches.forEach(function (m) { badges.appendChild(badge(m.claim, m, base)); });
      text.appendChild(badges);
      at = s.end;
    });
    text.appendChild(document.createTextNode(plain.slice(at).split(BREAK).join("\n")));
    container.appendChild(text);
  }

  function attach() {
    var box = document.getElementById("gc-audit-input");
    var out = document.getElementById("gc-audit-output");
    var form = document.getElementById("gc-audit-form");
    if (!box || !out || !form || !root.GLUTECLAIMS_AUDIT || form.dataset.gcAttached) return;
    form.dataset.gcAttached = "1";
    var base = form.getAttribute("data-root") || "";
    var slider = document.getElementById("gc-audit-min-score");
    function run() {
      var min = slider ? Number(slider.value) : undefined;
      render(out, auditText(box.value, root.GLUTECLAIMS_AUDIT, undefined, min), base);
    }
    form.addEventListener("submit", function (event) { event.preventDefault(); run(); });
    if (slider) slider.addEventListener("change", run);
  }

  if (typeof document !== "undefined") {
    if (typeof document$ !== "undefined" && document$.subscribe) document$.subscribe(attach);
    else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", attach);
    else attach();
  }
})(typeof window !== "undefined" ? window : globalThis);
