"""Scripts are loaded only where they are used: the search page's script
(and through it Pagefind) on the search page, and on no other page."""

from __future__ import annotations

import re

import pytest

from .kinds import AUDIENCES

SCRIPT_SRC = re.compile(r"<script\b[^>]*\bsrc=\"([^\"]+)\"")


@pytest.mark.parametrize("audience", AUDIENCES)
def test_the_search_script_is_on_the_search_page_only(sites, audience):
    site = sites[audience]
    with_search = sorted(
        html.relative_to(site).as_posix()
        for html in site.rglob("*.html")
        if any(src.endswith("javascripts/search.js") for src in SCRIPT_SRC.findall(html.read_text(encoding="utf-8")))
    )
    assert with_search == ["soeg/index.html"]


def test_no_pagefind_requests_outside_the_search_page(page, urls, samples):
    from .kinds import PAGE_KINDS

    requested = []
    page.on("request", lambda r: requested.append(r.url))
    for kind in PAGE_KINDS:
        if kind.url(samples["public"]).startswith("soeg/"):
            continue
        page.goto(urls["public"] + kind.url(samples["public"]))
        page.wait_for_load_state("load")
    assert not [u for u in requested if "pagefind" in u or u.endswith("search.js")]
    page.goto(urls["public"] + "soeg/?q=velkomst")  # browsing needs no index (the listing); a query does
    page.wait_for_selector(".bb-search__results li", state="attached")
    assert any(u.endswith("search.js") for u in requested) and any("pagefind" in u for u in requested)


PRELOADED = """() => ({
  links: [...document.head.querySelectorAll('link[rel=modulepreload], link[rel=preload]')].map(l => l.href),
  fetched: performance.getEntriesByType('resource').map(e => e.name),
})"""


def test_a_shared_query_link_fetches_pagefind_with_the_page(page, urls, samples):
    """With ?q= the page itself asks for Pagefind's script and search code
    (wasm) from its head, before search.js runs; search.js then uses those
    very downloads (each file is fetched once). Without a query, neither."""
    page.goto(urls["public"] + "soeg/?q=" + samples["public"].query)
    page.wait_for_selector(".bb-search__results li", state="attached")
    found = page.evaluate(PRELOADED)
    names = sorted(u.rsplit("/", 1)[-1] for u in found["links"])
    assert names == ["pagefind.js", "wasm.da.pagefind"], found["links"]
    for url in found["links"]:
        assert found["fetched"].count(url) == 1, (url, [u for u in found["fetched"] if "pagefind" in u])
    page.goto(urls["public"] + "soeg/")
    page.wait_for_selector(".bb-search__results li", state="attached")
    found = page.evaluate(PRELOADED)
    assert found["links"] == [] and not [u for u in found["fetched"] if "/pagefind/" in u]
