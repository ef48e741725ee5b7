/* Brobygningsbasen: case search with facets.
 *
 * Browsing (no query) reads the prebuilt listing (soeg/liste/, written by
 * brobyg/render/listing.py): one packed row of facet values per case and the
 * card data in small files, so landing on the page never loads the search
 * index. A query loads Pagefind (Danish stemming) on first use.
 *
 * Facets combine as OR within a facet and AND across facets; the page filters
 * and counts them itself, with the listing's rows. A facet value's count is
 * how many of the cases found (with the other facets' choices) have that
 * value. The query and the ticked boxes live in the URL, so a view can be
 * shared and bookmarked.
 *
 * Matching, in order: all words but the stop words, unless the query has only
 * those (each word also in its æ/ø/å spelling when typed with ae/oe/aa); a
 * word that Pagefind only "finds" by shortening it
 * (upstream Pagefind/pagefind#599: "paaroerende" -> "på") counts as not found;
 * when no case has all the words, the cases with most of them follow,
 * labelled as such. A word may also match the tail of a compound, indexed
 * after the record's names (brobyg/search/compounds.py); the excerpt then
 * marks the compound.
 */
(function () {
  "use strict";

  var FACETS = [];  // [{key, label}], from the search page's data-bb-facets (brobyg/render/routes.py)
  var POSITION_FILTER = "i";  // the Pagefind filter holding a case's row in the listing, counted from its end
  var SHARD_FILTER = "s";  // the Pagefind filter holding a case's shard, when the index has more than one
  var PAGE_SIZE = 10;
  var EXCERPT_WORDS = 24;
  // Danish function words: Snowball's Danish stop-word list, with the question words, "imod"
  // and the verbs of a question ("hvordan får vi", "hvad gør vi"). A query's stop words are not
  // searched when it has other words ("samarbejde med jobcenter" searches "samarbejde
  // jobcenter"): nearly every case has them, so they change no ranking, and each is one of the
  // index's largest chunks (about 70-110 KB at 5,000 cases).
  var STOPWORDS = ("ad af alle alt anden at bare blandt blev blive bliver da de dem den denne der deres det dette dig "
    + "din disse dog du efter eller en end er et fik for fordi fra få får gennem gjorde gør gøre ham han "
    + "hans har havde have hende hendes her hos hun hvad hvem hver hvert hvilke hvilken hvilket hvis "
    + "hvor hvordan hvorfor hvornår i ikke imod ind jeg jer jo kan kun kunne lige man mange med meget "
    + "mellem men mere mest mig min mine mit mod må ned nogen noget nogle nu når og også om op os over "
    + "på selv sig sin sine sit skal skulle som så sådan thi til ud uden under var ved vi vil ville vor "
    + "være været").split(" ");
  var script = document.currentScript;

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      if (k === "text") node.textContent = attrs[k];
      else node.setAttribute(k, attrs[k]);
    });
    (children || []).forEach(function (c) { if (c) node.appendChild(typeof c === "string" ? document.createTextNode(c) : c); });
    return node;
  }

  function plural(n, one, many) { return n + " " + (n === 1 ? one : many); }

  // -- words --------------------------------------------------------------------

  var WORD = /[\p{L}\p{N}]+/gu;
  var SEPARATORS = /[^\S\uFEFF]+/;  // how Pagefind splits its content into word positions

  function terms(q) {
    var seen = {};
    return (q.toLocaleLowerCase("da").match(WORD) || []).filter(function (t) {
      return seen[t] ? false : (seen[t] = true);
    });
  }

  // The words a query is searched by: its words without the stop words, unless it has only those.
  function searchTerms(q) {
    var ts = terms(q);
    var content = ts.filter(function (t) { return STOPWORDS.indexOf(t) < 0; });
    return content.length ? content : ts;
  }

  // ae, oe and aa typed for æ, ø and å.
  function danishSpelling(t) {
    return t.replace(/aa/g, "å").replace(/ae/g, "æ").replace(/oe/g, "ø");
  }

  // Pagefind folds diacritics (å -> a, é -> e); so do we when comparing words.
  function fold(s) { return s.toLocaleLowerCase("da").normalize("NFD").replace(/[\u0300-\u036f]/g, ""); }
  function bare(word) { return (word.match(WORD) || []).join(""); }

  // Snowball's Danish stemmer, as Pagefind stems the words it indexes (rust-stemmers):
  // "børnene" and "børn" are one word, "køber" and "københavn" are not.
  // (tests/site/test_search_stemmer.py holds it against the Snowball project's own.)
  var DA_VOWELS = "aeiouyæøå", DA_S_ENDING = "abcdfghjklmnoprtvyzå", DA_DOUBLES = "bdfgklmnprst";
  var DA_ENDINGS = ("hed ethed ered e erede ende erende ene erne ere en heden eren er heder erer s heds es endes "
    + "erendes enes ernes eres ens hedens erens ers ets erets et eret").split(" ");
  var DA_PAIRS = ["gd", "dt", "gt", "kt"], DA_OTHER = ["ig", "lig", "elig", "els", "løst"];
  function daStem(word) {
    var w = word, p1 = w.length;
    if (w.length < 3) return w;
    // R1 starts after the first consonant that follows a vowel, and at least 3 letters in.
    for (var i = 1; i < w.length; i++) {
      if (DA_VOWELS.indexOf(w[i - 1]) >= 0 && DA_VOWELS.indexOf(w[i]) < 0) { p1 = i + 1; break; }
    }
    p1 = Math.max(p1, 3);
    function endingInR1(endings) {  // the longest of these that the word ends with inside R1
      return endings.reduce(function (best, e) {
        return e.length > best.length && w.length - e.length >= p1 && w.slice(-e.length) === e ? e : best;
      }, "");
    }
    function consonantPair() { if (endingInR1(DA_PAIRS)) w = w.slice(0, -1); }
    var e = endingInR1(DA_ENDINGS);
    if (e === "s") { if (DA_S_ENDING.indexOf(w[w.length - 2]) >= 0) w = w.slice(0, -1); }
    else if (e) w = w.slice(0, -e.length);
    consonantPair();
    if (w.slice(-4) === "igst") w = w.slice(0, -2);
    e = endingInR1(DA_OTHER);
    if (e === "løst") w = w.slice(0, -1);
    else if (e) { w = w.slice(0, -e.length); consonantPair(); }
    var last = w[w.length - 1];
    if (w.length - 1 >= p1 && DA_DOUBLES.indexOf(last) >= 0 && w[w.length - 2] === last) w = w.slice(0, -1);
    return w;
  }
  // end of daStem

  function commonStart(a, b) {
    var n = 0;
    while (n < a.length && n < b.length && a[n] === b[n]) n++;
    return n;
  }

  // A test of an indexed word: is it a real match of the typed term, a word the term
  // starts, or one whose stem starts with the term's stem, which is what Pagefind's prefix
  // search finds ("børnene": "børn", "idrætten": "idrætsforeningen")? Not when Pagefind
  // shortened the term until something matched ("paaroerende" -> "på", "københavn" -> "køber").
  // The term is folded and stemmed once, for all the words it is held against.
  function realMatcher(term) {
    var t = fold(term), stem = fold(daStem(term.toLocaleLowerCase("da")));
    return function (word) {
      var b = bare(word), w = fold(b);
      return !!w && (w.indexOf(t) === 0 || fold(daStem(b.toLocaleLowerCase("da"))).indexOf(stem) === 0);
    };
  }

  // In a shard of a big index (brobyg/search/shards.py), for a word that is no real
  // match: found by Pagefind's own prefix search all the same, not by shortening the term.
  // A shard whose best hit for "frivillige" has only "frivilligcentret" holds it as the
  // whole index would; one whose best hit for "midtjylland" is "midt" does not.
  function shardMatch(term, word) {
    return commonStart(fold(term), fold(bare(word))) >= fold(term).length - 2;
  }

  // A real match that is not only a longer compound the term begins
  // ("frivillig" in "frivilligcentret": found, but not worth highlighting).
  function closeMatcher(term) {
    var real = realMatcher(term), length = fold(term).length;
    return function (word) { return real(word) && fold(bare(word)).length - length <= 4; };
  }

  // -- the listing: facet rows and cards ------------------------------------------

  var DIGITS = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_";  // as in listing.py

  function Listing(data, url) {
    var w = data.widths, width = w[0] + w[1] + w[2];
    this.data = data;
    this.url = url;
    this.n = data.count;
    this.centre = new Int32Array(this.n);
    this.themes = new Float64Array(this.n);
    this.groups = new Float64Array(this.n);
    function number(at, len) {
      for (var v = 0, k = 0; k < len; k++) v = v * 64 + DIGITS.indexOf(data.rows.charAt(at + k));
      return v;
    }
    for (var i = 0; i < this.n; i++) {
      this.centre[i] = number(i * width, w[0]);
      this.themes[i] = number(i * width + w[0], w[1]);
      this.groups[i] = number(i * width + w[0] + w[1], w[2]);
    }
    this.files = {};
  }

  function bits(mask) {
    var out = [];
    for (var b = 0; mask > 0; b++, mask = Math.floor(mask / 2)) if (mask % 2) out.push(b);
    return out;
  }

  // Value positions of case i under a facet.
  Listing.prototype.values = function (i, key) {
    if (key === "tema") return bits(this.themes[i]);
    if (key === "maalgruppe") return bits(this.groups[i]);
    if (key === "region") return [this.data.centre_region[this.centre[i]]];
    return [this.centre[i]];
  };

  Listing.prototype.labels = function (key) { return this.data.facets[key]; };

  // The listing's files, revalidated (a new build must not meet cached files of an old one).
  function fetchJson(url) {
    return fetch(url, { cache: "no-cache" }).then(function (r) {
      if (!r.ok) throw new Error(url + ": " + r.status);
      return r.json();
    });
  }

  function cardsUrl(listingUrl, k) { return new URL("cards-" + k + ".json", listingUrl); }

  Listing.prototype.cards = function (k) {
    if (!this.files[k]) this.files[k] = fetchJson(cardsUrl(this.url, k));
    return this.files[k];
  };

  // The card of case i: [slug, title, summary] and the line under it.
  Listing.prototype.card = function (i) {
    var self = this, per = this.data.per_file, k = Math.floor(i / per);
    var file = this.cards(k);
    return file.then(function (cards) {
      var c = cards[i - k * per], themes = self.labels("tema");
      return {
        url: new URL(self.data.cases_url + c[0] + "/", self.url).href,
        meta: {
          title: c[1], summary: c[2], centre: self.labels("center")[self.centre[i]],
          themes: self.values(i, "tema").map(function (t) { return themes[t]; }).join(" · "),
        },
      };
    });
  };

  // -- the page -------------------------------------------------------------------

  function readState() {
    var params = new URLSearchParams(window.location.search);
    var state = { q: params.get("q") || "", filters: {} };
    FACETS.forEach(function (f) { state.filters[f.key] = params.getAll(f.key); });
    return state;
  }

  function writeState(state, push) {
    var params = new URLSearchParams();
    if (state.q) params.set("q", state.q);
    FACETS.forEach(function (f) {
      state.filters[f.key].forEach(function (v) { params.append(f.key, v); });
    });
    var qs = params.toString();
    var url = window.location.pathname + (qs ? "?" + qs : "");
    if (url !== window.location.pathname + window.location.search) {
      window.history[push ? "pushState" : "replaceState"](null, "", url);
    }
  }

  function start(root) {
    var siteRoot = new URL("../../", script.src);  // search.js lives in assets/javascripts/
    var listingUrl = new URL(root.getAttribute("data-listing"), window.location.href);
    var listing = null;
    var pagefind = null;
    var shardIds = [0];  // the index's shards (brobyg/search/shards.py)
    var state = readState();
    var shown = 0;
    var current = null;  // {items: [...], mode: "all" | "some" | "browse", used: {...}}
    var searchSeq = 0;

    var input = el("input", {
      type: "search", id: "bb-search-q", name: "q", autocomplete: "off", enterkeyhint: "search",
      placeholder: "Søg, fx velkomst unge", "aria-controls": "bb-search-results",
    });
    input.value = state.q;
    var form = el("form", { class: "bb-search__bar", role: "search" }, [
      el("label", { for: "bb-search-q", class: "bb-visually-hidden", text: "Søg i cases" }),
      input,
      el("button", { type: "submit", class: "md-button md-button--primary", text: "Søg" }),
    ]);
    var facetsBox = el("section", { class: "bb-search__facets", id: "bb-search-facets", "aria-label": "Filtre" });
    var status = el("p", { class: "bb-search__status", role: "status", "aria-live": "polite", text: "Indlæser søgningen …" });
    var note = el("p", { class: "bb-search__note", hidden: "" });
    var chips = el("ul", { class: "bb-chips", "aria-label": "Valgte filtre" });
    var results = el("ol", { class: "bb-search__results", id: "bb-search-results" });
    var more = el("button", { type: "button", class: "md-button bb-search__more", text: "Vis flere", hidden: "" });
    var toggle = el("button", { type: "button", class: "md-button bb-search__toggle", "aria-expanded": "false", "aria-controls": "bb-search-facets", text: "Filtre" });
    root.replaceChildren(form, el("div", { class: "bb-search__layout" }, [
      el("div", { class: "bb-search__side" }, [toggle, facetsBox]),
      el("div", { class: "bb-search__main" }, [status, note, chips, results, more]),
    ]));

    // On a phone the facets fold away behind one button, and a button at
    // their end folds them again and shows the results.
    var narrowQuery = window.matchMedia("(max-width: 59.9375em)");
    var narrow = narrowQuery.matches;
    function setFolded(folded) {
      facetsBox.hidden = folded;
      toggle.setAttribute("aria-expanded", String(!folded));
    }
    toggle.addEventListener("click", function () { setFolded(!facetsBox.hidden); });
    var showResults = el("button", { type: "button", class: "md-button md-button--primary bb-search__show" });
    showResults.addEventListener("click", function () {
      setFolded(true);
      // Land on the toggle, below the sticky header and below the theme's
      // "Tilbage til start" button, which scrolling up brings out under the header.
      var header = document.querySelector(".md-header");
      var below = (header ? header.getBoundingClientRect().bottom : 0) + 64;
      window.scrollTo(0, window.scrollY + toggle.getBoundingClientRect().top - below);
      toggle.focus({ preventScroll: true });
    });
    function applyLayout() {
      toggle.hidden = !narrow;
      showResults.hidden = !narrow;
      setFolded(narrow);
    }
    applyLayout();
    narrowQuery.addEventListener("change", function (e) { narrow = e.matches; applyLayout(); });

    // -- facets: selection, filtering and counts from the listing's rows ---------

    var facetInputs = {};
    function selection() {
      var sel = {};
      FACETS.forEach(function (f) {
        var labels = listing.labels(f.key);
        sel[f.key] = state.filters[f.key].map(function (v) { return labels.indexOf(v); });  // -1: no such value, matches nothing
      });
      return sel;
    }

    function passes(i, sel, except) {
      for (var k = 0; k < FACETS.length; k++) {
        var key = FACETS[k].key;
        if (key === except || !sel[key].length) continue;
        var vs = listing.values(i, key), hit = false;
        for (var j = 0; j < vs.length && !hit; j++) hit = sel[key].indexOf(vs[j]) >= 0;
        if (!hit) return false;
      }
      return true;
    }

    function anySelected() {
      return FACETS.some(function (f) { return state.filters[f.key].length > 0; });
    }

    // counts[key][value position]: cases in the pool with that value that pass the other facets.
    function countFacets(pool, sel) {
      var counts = {};
      FACETS.forEach(function (f) {
        var c = counts[f.key] = new Array(listing.labels(f.key).length).fill(0);
        pool.forEach(function (i) {
          if (passes(i, sel, f.key)) listing.values(i, f.key).forEach(function (v) { c[v]++; });
        });
      });
      return counts;
    }

    function renderFacets() {
      facetsBox.replaceChildren(el("p", { class: "bb-facets__hint", text: "Tallet er antal cases med værdien, blandt dem du har fundet." }));
      FACETS.forEach(function (f) {
        var labels = listing.labels(f.key);
        var order = labels.map(function (_, i) { return i; });
        if (f.key !== "tema") order.sort(function (a, b) { return labels[a].localeCompare(labels[b], "da"); });
        var fieldset = el("fieldset", { class: "bb-facet" }, [el("legend", { text: f.label })]);
        facetInputs[f.key] = {};
        order.forEach(function (pos) {
          var v = labels[pos];
          var box = el("input", { type: "checkbox", name: f.key, value: v });
          box.addEventListener("change", function () {
            var sel = state.filters[f.key];
            if (box.checked) sel.push(v); else sel.splice(sel.indexOf(v), 1);
            update(true);
          });
          var number = el("span", { "aria-hidden": "true" });
          var spoken = el("span", { class: "bb-visually-hidden" });
          var count = el("span", { class: "bb-count" }, [number, spoken]);
          fieldset.appendChild(el("label", {}, [box, el("span", { text: v }), count]));
          facetInputs[f.key][v] = { box: box, count: count, number: number, spoken: spoken, pos: pos };
        });
        facetsBox.appendChild(fieldset);
      });
      facetsBox.appendChild(showResults);
    }

    function renderCounts(counts) {
      FACETS.forEach(function (f) {
        Object.keys(facetInputs[f.key]).forEach(function (v) {
          var item = facetInputs[f.key][v];
          var n = counts[f.key][item.pos];
          item.number.textContent = n;
          item.spoken.textContent = ", " + plural(n, "case", "cases");
          item.count.setAttribute("data-n", n);
          item.box.checked = state.filters[f.key].indexOf(v) >= 0;
          item.box.parentNode.classList.toggle("bb-facet--empty", n === 0 && !item.box.checked);
        });
      });
    }

    function renderChips() {
      chips.replaceChildren();
      var active = FACETS.reduce(function (n, f) { return n + state.filters[f.key].length; }, 0);
      toggle.textContent = active ? "Filtre (" + active + " valgt)" : "Filtre";
      FACETS.forEach(function (f) {
        state.filters[f.key].forEach(function (v) {
          var b = el("button", { type: "button", "aria-label": "Fjern filteret " + f.label + ": " + v, text: v + " ✕" });
          b.addEventListener("click", function () {
            state.filters[f.key].splice(state.filters[f.key].indexOf(v), 1);
            update(true);
            // The chip is gone: keep keyboard focus on the page, not on <body>.
            (chips.querySelector("button") || (narrow ? toggle : input)).focus();
          });
          chips.appendChild(el("li", {}, [b]));
        });
      });
    }

    // -- Pagefind, loaded on the first query --------------------------------------

    var pagefindReady = null;
    function loadPagefind() {
      if (!pagefindReady) {
        // A big index comes in shards (brobyg/search/shards.py): shards.json lists
        // the bundles beside the first one ([shard, folder] each), and each is merged
        // into it (sharing its WebAssembly). Both files are fetched at once.
        var shards = fetchJson(new URL("pagefind/shards.json", siteRoot));
        pagefindReady = import(new URL("pagefind/pagefind.js", siteRoot).href).then(function (pf) {
          // No web worker: it would be a second copy of Pagefind's code to download
          // (42 KB), and a search here takes milliseconds.
          var opts = { baseUrl: siteRoot.pathname, excerptLength: EXCERPT_WORDS };
          return pf.options(Object.assign({ noWorker: true }, opts)).then(function () { return shards; }).then(function (others) {
            return Promise.all(others.map(function (bundle) {  // side by side: one round trip for all
              shardIds.push(bundle[0]);
              return pf.mergeIndex(new URL(bundle[1], siteRoot).pathname, opts);
            }));
          }).then(function () {
            // Load the one filter (a case's row) now, so every search says which cases it found.
            return pf.filters();
          }).then(function () {
            pagefind = pf;
            return pf;
          });
        });
      }
      return pagefindReady;
    }

    // A search narrowed to some shards (with one shard: the search as asked).
    function within(opts, shards) {
      if (shardIds.length === 1) return opts;
      var filters = Object.assign({}, opts.filters || {});
      filters[SHARD_FILTER] = { any: shards.map(String) };
      return Object.assign({}, opts, { filters: filters });
    }

    // Does Pagefind really know this word, or only a shortened form of it?
    // Its shortening applies to one shard's index at once, so each shard's best
    // hit tells: known[form] lists the shards that really hold the word, and a
    // search for it asks only those (the others would answer with the shortened word).
    // Pagefind shares one data object per page between searches, so the hits
    // are read one after the other (their fragments are fetched side by side).
    var known = {};
    function checkForms(forms) {
      var todo = forms.filter(function (f) { return !(f in known); });
      var asks = [];  // [form, shard]
      todo.forEach(function (f) { shardIds.forEach(function (k) { asks.push([f, k]); }); });
      return Promise.all(asks.map(function (a) { return pagefind.search(a[0], within({}, [a[1]])); })).then(function (founds) {
        var tops = founds.map(function (found) { return found.results[0] || null; });
        var holds = {}, near = {};
        todo.forEach(function (f) { holds[f] = []; near[f] = []; });
        return Promise.all(tops.map(function (r) { return r && r.data(); })).then(function () {
          return asks.reduce(function (chain, a, k) {
            return chain.then(function () {
              if (!tops[k]) return;
              return tops[k].data().then(function (d) {
                var words = d.content.split(SEPARATORS);
                var at = d.locations.map(function (loc) { return words[loc] || ""; });
                if (at.some(realMatcher(a[0]))) holds[a[0]].push(a[1]);
                else if (at.some(function (w) { return shardMatch(a[0], w); })) near[a[0]].push(a[1]);
              });
            });
          }, Promise.resolve());
        }).then(function () {
          // Known when some shard really holds it (as the whole index would tell by its best hit).
          todo.forEach(function (f) { known[f] = holds[f].length ? holds[f].concat(near[f]).sort() : []; });
        });
      });
    }

    // The shards that hold every one of these forms.
    function holdingAll(forms) {
      return forms.reduce(function (shards, f) {
        return shards.filter(function (k) { return known[f].indexOf(k) >= 0; });
      }, known[forms[0]] || []);
    }

    // The rows of the cases a search found, whatever the facets (Pagefind lists every value, found or not).
    // The filter counts a row from the listing's end.
    function positions(found) {
      return found.pool || rows((found.totalFilters || {})[POSITION_FILTER] || {});
    }

    function rows(counts) {
      return Object.keys(counts).filter(function (v) { return counts[v] > 0; }).map(function (v) {
        return listing.n - 1 - Number(v);
      }).filter(function (i) { return i >= 0; });
    }

    // A search in some shards only. Pagefind's totalFilters leave out the shard
    // filter too, so the cases found whatever the facets come from a second
    // search without the facets.
    function searchIn(q, opts, shards) {
      if (shardIds.length === 1) return pagefind.search(q, opts);
      var all = pagefind.search(q, within({}, shards));
      var faceted = opts.filters ? pagefind.search(q, within(opts, shards)) : all;
      return Promise.all([faceted, all]).then(function (fs) {
        fs[0].pool = rows(fs[1].filters[POSITION_FILTER] || {});
        return fs[0];
      });
    }

    function searchOptions(sel) {
      if (!anySelected()) return {};
      var allowed = [];
      for (var i = 0; i < listing.n; i++) if (passes(i, sel)) allowed.push(String(listing.n - 1 - i));
      return { filters: { i: { any: allowed.length ? allowed : ["-1"] } } };
    }

    function product(lists, cap) {
      var out = [[]];
      lists.forEach(function (list) {
        var next = [];
        out.forEach(function (head) { list.forEach(function (x) { if (next.length < cap) next.push(head.concat([x])); }); });
        out = next;
      });
      return out;
    }

    // Merge Pagefind results by id: best score, and which terms each matched.
    function merge(into, found, term) {
      found.results.forEach(function (r) {
        var m = into[r.id] || (into[r.id] = { result: r, score: 0, terms: [] });
        m.score = Math.max(m.score, r.score);
        if (term && m.terms.indexOf(term) < 0) m.terms.push(term);
      });
    }

    // All words but the stop words first: when the best hit really holds every one, that is
    // the answer (and its fragment is the first card's); else each word is checked.
    // (With shards, each word is checked at once: one shard's best hit tells nothing of the others.)
    function runQuery(q, sel) {
      var ts = searchTerms(q);
      var opts = searchOptions(sel);
      if (shardIds.length > 1) return checkWords(ts, opts);
      return pagefind.search(ts.join(" "), opts).then(function (found) {
        var top = found.results[0];
        if (!top) return checkWords(ts, opts);
        // The first page's fragments side by side with the best hit's, not after it.
        found.results.slice(1, PAGE_SIZE).forEach(function (r) { r.data().catch(function () {}); });
        return top.data().then(function (d) {
          var words = d.content.split(SEPARATORS);
          var real = ts.filter(function (t) {
            var matches = realMatcher(t);
            return d.locations.some(function (loc) { return matches(words[loc] || ""); });
          });
          if (real.length < ts.length) return checkWords(ts, opts);
          var merged = {}, used = {};
          merge(merged, found);
          ts.forEach(function (t) { used[t] = [t]; known[t] = [0]; });
          return { mode: "all", items: ranked(merged), used: used, terms: ts, pool: positions(found) };
        });
      });
    }

    function ranked(merged) {
      var items = Object.keys(merged).map(function (id) { return merged[id]; });
      items.sort(function (a, b) { return (b.terms.length - a.terms.length) || (b.score - a.score); });
      return items;
    }

    function checkWords(ts, opts) {
      var formsOf = {};
      var spellings = {};
      ts.forEach(function (t) { spellings[t] = danishSpelling(t) !== t ? [t, danishSpelling(t)] : [t]; });
      return checkForms([].concat.apply([], ts.map(function (t) { return spellings[t]; }))).then(function () {
        ts.forEach(function (t) { formsOf[t] = spellings[t].filter(function (f) { return known[f].length > 0; }); });
        var used = {};  // term -> the spellings searched for
        ts.forEach(function (t) { if (formsOf[t].length) used[t] = formsOf[t]; });
        var knownTerms = ts.filter(function (t) { return used[t]; });
        var pool = {};
        function collect(found) { positions(found).forEach(function (i) { pool[i] = true; }); return found; }
        function done(mode, merged) {
          return { mode: mode, items: ranked(merged), used: used, terms: ts, pool: Object.keys(pool).map(Number) };
        }
        var all = knownTerms.length === ts.length && ts.length
          ? Promise.all(product(ts.map(function (t) { return used[t]; }), 4).map(function (combo) {
            var shards = holdingAll(combo);
            return shards.length ? searchIn(combo.join(" "), opts, shards).then(collect) : null;
          }))
          : Promise.resolve([]);
        return all.then(function (founds) {
          var merged = {};
          founds.forEach(function (f) { if (f) merge(merged, f); });
          // Some cases have all the words, only not with these filters: say so, do not guess.
          if (Object.keys(merged).length || Object.keys(pool).length) return done("all", merged);
          // Not all words together: the cases with the most of them.
          pool = {};
          var searches = [];
          knownTerms.forEach(function (t) {
            used[t].forEach(function (form) {
              searches.push(searchIn(form, opts, known[form]).then(collect).then(function (f) { merge(merged, f, t); }));
            });
          });
          return Promise.all(searches).then(function () { return done("some", merged); });
        });
      });
    }

    // -- results -------------------------------------------------------------------

    // An excerpt from the case's body (never its summary, shown above it),
    // around the words that match closely.
    function excerptOf(d, used) {
      var range = ((d.meta || {}).body || "").split(" ").map(Number);
      var words = d.content.split(SEPARATORS);
      var forms = [];
      Object.keys(used).forEach(function (t) { forms = forms.concat(used[t]); });
      var close = forms.map(closeMatcher);
      var marks = (d.locations || []).filter(function (loc) {
        return loc >= range[0] && loc < range[1] && close.some(function (matches) { return matches(words[loc]); });
      });
      if (!marks.length) marks = compoundMarks(d, range, words, forms);
      if (!marks.length) return null;
      var best = marks[0], bestCount = 0;
      marks.forEach(function (m) {
        var from = Math.max(range[0], Math.min(m - 3, range[1] - EXCERPT_WORDS));
        var count = marks.filter(function (x) { return x >= from && x < from + EXCERPT_WORDS; }).length;
        if (count > bestCount) { best = from; bestCount = count; }
      });
      var end = Math.min(range[1], best + EXCERPT_WORDS);
      var p = el("p", { class: "bb-card__excerpt" }, ["… "]);
      for (var i = best; i < end; i++) {
        if (i > best) p.appendChild(document.createTextNode(" "));
        p.appendChild(marks.indexOf(i) >= 0 ? el("mark", { text: words[i] }) : document.createTextNode(words[i]));
      }
      p.appendChild(document.createTextNode(" …"));
      return p;
    }

    // Found only by a compound's tail, indexed after the body (brobyg/search/compounds.py:
    // "psykiatri" in "psykiatrien" for "distriktspsykiatrien"): mark the body's compounds
    // that end with that tail.
    function compoundMarks(d, range, words, forms) {
      var tails = [], real = forms.map(realMatcher);
      (d.locations || []).forEach(function (loc) {
        var w = fold(bare(words[loc] || ""));
        if (loc >= range[1] && w && tails.indexOf(w) < 0 && real.some(function (matches) { return matches(w); })) tails.push(w);
      });
      var marks = [];
      for (var i = range[0]; tails.length && i < range[1]; i++) {
        var w = fold(bare(words[i]));
        if (tails.some(function (t) { return w.length >= t.length + 3 && w.slice(-t.length) === t; })) marks.push(i);
      }
      return marks;
    }

    function resultItem(data, item) {
      var meta = data.meta || {};
      var title = el("p", { class: "bb-card__title" }, [el("a", { href: data.url, text: meta.title || data.url })]);
      var children = [title, el("p", { class: "bb-card__summary", text: meta.summary || "" })];
      if (current.mode !== "browse") children.push(excerptOf(data, current.used));
      if (current.mode === "some") {
        children.push(el("p", { class: "bb-card__matched", text: "Indeholder: " + item.terms.join(", ") }));
      }
      children.push(el("p", { class: "bb-card__meta", text: [meta.centre, meta.themes].filter(Boolean).join(" · ") }));
      return el("li", {}, [el("article", { class: "bb-card" }, children)]);
    }

    function itemData(item) {
      return item.result ? item.result.data() : listing.card(item.row);
    }

    // One batch at a time: a double click on "Vis flere" must not list a batch twice.
    var loading = Promise.resolve();
    function showMore() {
      var seq = searchSeq;
      loading = loading.catch(function () {}).then(function () {
        if (seq !== searchSeq) return;
        var batch = current.items.slice(shown, shown + PAGE_SIZE);
        return Promise.all(batch.map(itemData)).then(function (datas) {
          if (seq !== searchSeq) return;
          datas.forEach(function (d, k) { results.appendChild(resultItem(d, batch[k])); });
          shown += batch.length;
          more.hidden = shown >= current.items.length;
        });
      });
      return loading;
    }

    function describe(found) {
      var n = found.items.length;
      var spelled = found.terms.filter(function (t) { return found.used[t] && found.used[t].indexOf(t) < 0; });
      var missing = found.terms.filter(function (t) { return !found.used[t]; });
      var parts = [];
      if (spelled.length) {
        parts.push("Søgte efter " + spelled.map(function (t) { return "»" + found.used[t].join("/") + "« for »" + t + "«"; }).join(", ") + ".");
      }
      if (missing.length) {
        parts.push("Ingen cases indeholder " + missing.map(function (t) { return "»" + t + "«"; }).join(" eller ") + ".");
      }
      note.textContent = parts.join(" ");
      note.hidden = !parts.length;
      if (!n) return "Ingen cases matcher. Prøv færre filtre eller andre ord.";
      if (found.mode === "some") {
        return plural(n, "case", "cases") + " med nogle af ordene (ingen case har dem alle)";
      }
      return plural(n, "case fundet", "cases fundet");
    }

    function update(push) {
      // Synchronous once the listing is there: chips and the URL change at once.
      return listing ? search(push) : listingReady.then(function () { return search(push); });
    }

    function search(push) {
      writeState(state, push);
      renderChips();
      var seq = ++searchSeq;
      var sel = selection();
      var work;
      if (!terms(state.q).length) {
        var items = [], pool = [];
        for (var i = 0; i < listing.n; i++) {
          pool.push(i);
          if (passes(i, sel)) items.push({ row: i });
        }
        work = Promise.resolve({ mode: "browse", items: items, used: {}, terms: [], pool: pool });
      } else {
        work = loadPagefind().then(function () { return runQuery(state.q, sel); });
      }
      return work.then(function (found) {
        if (seq !== searchSeq) return;
        current = found;
        renderCounts(countFacets(found.pool, sel));
        var n = found.items.length;
        showResults.textContent = "Vis " + plural(n, "case", "cases");
        status.textContent = describe(found);
        results.replaceChildren();
        shown = 0;
        return showMore().then(function () {
          if (seq === searchSeq) root.setAttribute("data-bb-shown", state.q);  // for tests and benchmarks: shown
        });
      });
    }

    function failed(err) {
      status.textContent = "Søgningen kunne ikke indlæses. Se i stedet listen over alle cases.";
      if (window.console) console.error(err);
    }

    var timer = null;
    input.addEventListener("input", function () {
      if (terms(input.value).length) loadPagefind().catch(function () {});  // fetch it while the typing goes on
      clearTimeout(timer);
      timer = setTimeout(function () { state.q = input.value; update(false).catch(failed); }, 250);
    });
    form.addEventListener("submit", function (e) {
      e.preventDefault();
      clearTimeout(timer);
      state.q = input.value;
      update(true).catch(failed);
    });
    more.addEventListener("click", function () { showMore().catch(failed); });
    window.addEventListener("popstate", function () {
      state = readState();
      input.value = state.q;
      update(false).catch(failed);
    });

    if (terms(state.q).length) loadPagefind().catch(function () {});  // a shared ?q= link: both at once
    // Browsing: the first cards come beside the rows, not after them.
    var firstCards = terms(state.q).length ? null : fetchJson(cardsUrl(listingUrl, 0));
    if (firstCards) firstCards.catch(function () {});  // an empty listing has none
    var listingReady = fetchJson(listingUrl).then(function (data) {
      listing = new Listing(data, listingUrl);
      if (firstCards && listing.n) listing.files[0] = firstCards;
      renderFacets();
    });
    update(false).then(function () {
      if (state.q || !narrow) input.focus({ preventScroll: true });
    }).catch(failed);
  }

  function boot() {
    var root = document.querySelector("[data-bb-search]");
    if (!root) return;
    FACETS = JSON.parse(root.getAttribute("data-bb-facets"));
    start(root);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", boot);
  else boot();
})();
