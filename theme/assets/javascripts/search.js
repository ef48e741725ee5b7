/* Brobygningsbasen: case search with Pagefind (Danish stemming) and facets.
 *
 * Facets combine as OR within a facet and AND across facets. Each facet's
 * counts come from a search without that facet's own selection, so a count
 * says how many cases ticking that box would add. The query and the ticked
 * boxes live in the URL, so a filtered view can be shared and bookmarked.
 */
(function () {
  "use strict";

  var FACETS = [];  // [{key, label}], from the search page's data-bb-facets (brobyg/render/routes.py)
  var PAGE_SIZE = 10;
  var script = document.currentScript;

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      if (k === "text") node.textContent = attrs[k];
      else if (k === "html") node.innerHTML = attrs[k];
      else node.setAttribute(k, attrs[k]);
    });
    (children || []).forEach(function (c) { if (c) node.appendChild(c); });
    return node;
  }

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

  function pagefindFilters(state, except) {
    var out = {};
    FACETS.forEach(function (f) {
      if (f.key !== except && state.filters[f.key].length) out[f.key] = { any: state.filters[f.key] };
    });
    return out;
  }

  function plural(n, one, many) { return n + " " + (n === 1 ? one : many); }

  function start(root) {
    var siteRoot = new URL("../../", script.src);  // search.js lives in assets/javascripts/
    var pagefind;
    var state = readState();
    var shown = 0;
    var current = null;
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
    var facetsBox = el("div", { class: "bb-search__facets", "aria-label": "Filtre" });
    var status = el("p", { class: "bb-search__status", role: "status", "aria-live": "polite", text: "Indlæser søgningen …" });
    var chips = el("ul", { class: "bb-chips", "aria-label": "Valgte filtre" });
    var results = el("ol", { class: "bb-search__results", id: "bb-search-results" });
    var more = el("button", { type: "button", class: "md-button bb-search__more", text: "Vis flere", hidden: "" });
    root.replaceChildren(form, el("div", { class: "bb-search__layout" }, [
      el("div", { class: "bb-search__side" }, [facetsBox]),
      el("div", { class: "bb-search__main" }, [status, chips, results, more]),
    ]));

    // On a phone the facets fold away behind one button, and a button at
    // their end folds them again and shows the results.
    var narrowQuery = window.matchMedia("(max-width: 59.9375em)");
    var narrow = narrowQuery.matches;
    var toggle = el("button", { type: "button", class: "md-button bb-search__toggle", "aria-expanded": "false", "aria-controls": "bb-search-facets" });
    facetsBox.id = "bb-search-facets";
    facetsBox.parentNode.insertBefore(toggle, facetsBox);
    function setFolded(folded) {
      facetsBox.hidden = folded;
      toggle.setAttribute("aria-expanded", String(!folded));
    }
    toggle.addEventListener("click", function () { setFolded(!facetsBox.hidden); });
    var showResults = el("button", { type: "button", class: "md-button md-button--primary bb-search__show" });
    showResults.addEventListener("click", function () {
      setFolded(true);
      status.scrollIntoView({ block: "start" });
      toggle.focus({ preventScroll: true });
    });
    function applyLayout() {
      toggle.hidden = !narrow;
      showResults.hidden = !narrow;
      setFolded(narrow);
    }
    applyLayout();
    narrowQuery.addEventListener("change", function (e) { narrow = e.matches; applyLayout(); });

    var facetInputs = {};
    function renderFacets(allFilters) {
      facetsBox.replaceChildren();
      FACETS.forEach(function (f) {
        var values = Object.keys(allFilters[f.key] || {}).sort(function (a, b) { return a.localeCompare(b, "da"); });
        var fieldset = el("fieldset", { class: "bb-facet" }, [el("legend", { text: f.label })]);
        facetInputs[f.key] = {};
        values.forEach(function (v) {
          var box = el("input", { type: "checkbox", name: f.key, value: v });
          box.checked = state.filters[f.key].indexOf(v) >= 0;
          box.addEventListener("change", function () {
            var sel = state.filters[f.key];
            if (box.checked) sel.push(v); else sel.splice(sel.indexOf(v), 1);
            update(true);
          });
          var count = el("span", { class: "bb-count", text: "" });
          fieldset.appendChild(el("label", {}, [box, el("span", { text: v }), count]));
          facetInputs[f.key][v] = { box: box, count: count };
        });
        facetsBox.appendChild(fieldset);
      });
      facetsBox.appendChild(showResults);
    }

    function renderCounts(counts) {
      FACETS.forEach(function (f) {
        Object.keys(facetInputs[f.key]).forEach(function (v) {
          var n = (counts[f.key] && counts[f.key][v]) || 0;
          var item = facetInputs[f.key][v];
          item.count.textContent = n;
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

    function resultItem(data) {
      var meta = data.meta || {};
      var title = el("p", { class: "bb-card__title" }, [el("a", { href: data.url, text: meta.title || data.url })]);
      var children = [title, el("p", { class: "bb-card__summary", text: meta.summary || "" })];
      // The excerpt shows where the words matched, unless that is the summary already shown.
      var plainExcerpt = (data.excerpt || "").replace(/<[^>]*>/g, "");
      if (state.q && plainExcerpt && (meta.summary || "").indexOf(plainExcerpt.slice(0, 40)) < 0) {
        children.push(el("p", { class: "bb-card__excerpt", html: "… " + data.excerpt + " …" }));
      }
      children.push(el("p", { class: "bb-card__meta", text: [meta.centre, meta.themes].filter(Boolean).join(" · ") }));
      return el("li", {}, [el("article", { class: "bb-card" }, children)]);
    }

    // One batch at a time: a double click on "Vis flere" must not list a batch twice.
    var loading = Promise.resolve();
    function showMore() {
      var seq = searchSeq;
      loading = loading.catch(function () {}).then(function () {
        if (seq !== searchSeq) return;
        var batch = current.results.slice(shown, shown + PAGE_SIZE);
        return Promise.all(batch.map(function (r) { return r.data(); })).then(function (datas) {
          if (seq !== searchSeq) return;
          datas.forEach(function (d) { results.appendChild(resultItem(d)); });
          shown += batch.length;
          more.hidden = shown >= current.results.length;
        });
      });
      return loading;
    }

    function update(push) {
      writeState(state, push);
      renderChips();
      var seq = ++searchSeq;
      var term = state.q.trim() || null;
      var main = pagefind.search(term, { filters: pagefindFilters(state), sort: term ? undefined : { published: "desc" } });
      // One search per facet in use, without its own selection: OR within a facet.
      var perFacet = FACETS.map(function (f) {
        return state.filters[f.key].length
          ? pagefind.search(term, { filters: pagefindFilters(state, f.key) })
          : main;
      });
      return Promise.all([main].concat(perFacet)).then(function (found) {
        if (seq !== searchSeq) return;
        current = found[0];
        var counts = {};
        FACETS.forEach(function (f, i) { counts[f.key] = (found[i + 1] && found[i + 1].filters[f.key]) || {}; });
        renderCounts(counts);
        var n = current.results.length;
        showResults.textContent = "Vis " + plural(n, "case", "cases");
        status.textContent = n ? plural(n, "case fundet", "cases fundet") : "Ingen cases matcher. Prøv færre filtre eller andre ord.";
        results.replaceChildren();
        shown = 0;
        return showMore();
      });
    }

    var timer = null;
    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(function () { state.q = input.value; update(false); }, 250);
    });
    form.addEventListener("submit", function (e) {
      e.preventDefault();
      clearTimeout(timer);
      state.q = input.value;
      update(true);
    });
    more.addEventListener("click", function () { showMore(); });
    window.addEventListener("popstate", function () {
      state = readState();
      input.value = state.q;
      update(false);
    });

    import(new URL("pagefind/pagefind.js", siteRoot).href).then(function (pf) {
      pagefind = pf;
      return pagefind.options({ baseUrl: siteRoot.pathname, excerptLength: 24 });
    }).then(function () {
      return pagefind.filters();
    }).then(function (all) {
      renderFacets(all);
      return update(false);
    }).then(function () {
      if (state.q || !narrow) input.focus({ preventScroll: true });
    }).catch(function (err) {
      status.textContent = "Søgningen kunne ikke indlæses. Se i stedet listen over alle cases.";
      if (window.console) console.error(err);
    });
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
