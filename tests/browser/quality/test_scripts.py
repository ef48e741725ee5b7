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
    # Pagefind is fetched when there is something to search for: the search page with a query.
    search = next(k for k in PAGE_KINDS if k.url(samples["public"]).startswith("soeg/"))
    page.goto(urls["public"] + search.url(samples["public"]))
    search.prepare(page)
    page.wait_for_function("document.querySelector('.bb-search__results mark') !== null")
    assert any(u.endswith("search.js") for u in requested) and any("pagefind" in u for u in requested)
