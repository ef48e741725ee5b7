"""What the search page downloads, on a generated site of a few hundred cases.

Landing on the page (and filtering without a query) reads the prebuilt
listing only: no Pagefind file at all. A query then loads Pagefind and the
index chunks of its words, never the whole index. The bounds scale with the
number of cases, with a small share per case; the benchmark
(bench/bench_search.py) measures the same paths at 100 to 5,000 cases.
"""

from __future__ import annotations

import pytest

from .conftest import SERVED
from .searchpage import links, status, wait_loaded, wait_shown
from bench.static_server import NotingHandler, serve_static

N_CASES = 300
# Landing: search.js, the listing's rows and its first cards, at most this much: a fixed
# part and a few bytes per case (a packed row of facet values).
LANDING_FIXED = 40 * 1024
LANDING_PER_CASE = 16


@pytest.fixture(scope="module")
def generated(tmp_path_factory):
    from bench.generate import generate
    from brobyg.pipeline.build import build_site
    from brobyg.validate.check import check

    tmp = tmp_path_factory.mktemp("generated")
    root = generate(tmp / "kb", N_CASES, seed=3)
    site = build_site(root, "public", out=tmp / "site", staging=tmp / "staging")
    public = len(check(root).kb.for_audience("public").cases)
    base, server = serve_static(site, NotingHandler)
    base += "/"
    SERVED.append(base)
    yield site, base, public, server
    server.shutdown()
    server.server_close()


def _record(server) -> list[tuple[str, int]]:
    """From now on: (path, bytes) of every file the server sends."""
    server.sent.clear()
    return server.sent


def _search_files(fetched):
    return [(u, n) for u, n in fetched if "/pagefind/" in u or "/soeg/liste/" in u or u.endswith("/search.js")]


def test_landing_fetches_the_listing_and_no_index(page, generated):
    site, base, public, server = generated
    done = _record(server)
    page.goto(f"{base}soeg/")
    wait_loaded(page)
    assert links(page).count() == 10
    fetched = _search_files(done)
    assert not [u for u, _ in fetched if "/pagefind/" in u], f"landing loaded Pagefind: {fetched}"
    assert sorted(u for u, _ in fetched if "/soeg/liste/" in u) == ["/soeg/liste/cards-0.json", "/soeg/liste/index.json"]
    total = sum(n for _, n in fetched)
    bound = LANDING_FIXED + LANDING_PER_CASE * public
    assert 0 < total <= bound, f"{total} bytes on landing with {public} cases (bound {bound}): {fetched}"


def test_filtering_without_a_query_loads_no_index(page, generated):
    site, base, public, server = generated
    done = _record(server)
    page.goto(f"{base}soeg/")
    wait_loaded(page)
    box = page.locator("#bb-search-facets input[type=checkbox][name=region]").first
    box.check()
    page.wait_for_function("location.search.includes('region=')")
    wait_loaded(page)
    page.locator(".bb-search__more").click()  # the next cards come from the listing's files
    page.wait_for_function("document.querySelectorAll('.bb-search__results li').length > 10")
    fetched = _search_files(done)
    assert not [u for u, _ in fetched if "/pagefind/" in u], fetched
    assert [u for u, _ in fetched if u.startswith("/soeg/liste/cards-") and u != "/soeg/liste/cards-0.json"], (
        "the next cards came from nowhere")


def test_typing_loads_only_the_chunks_of_its_words(page, generated):
    site, base, public, server = generated
    chunks = len(list((site / "pagefind" / "index").glob("*.pf_index")))
    assert chunks >= 6, f"the generated index has only {chunks} chunks; the test needs more"
    done = _record(server)
    page.goto(f"{base}soeg/")
    wait_loaded(page)
    before = status(page).inner_text()
    page.locator("#bb-search-q").press_sequentially("velkomst")
    page.wait_for_function("""(before) => {
      const text = document.querySelector('.bb-search__status').textContent;
      return text !== before && /^\\d+ cases? fundet$/.test(text);
    }""", arg=before)
    loaded = [u for u, _ in done if u.endswith(".pf_index")]
    assert 1 <= len(loaded) <= 2, f"{len(loaded)} of {chunks} index chunks for one word: {done}"


def _chunks_for(browser, server, base: str, query: str) -> set[str]:
    """The index chunks a shared link for this query fetches, in a fresh context."""
    context = browser.new_context()
    try:
        fresh = context.new_page()
        done = _record(server)
        fresh.goto(f"{base}soeg/?q={query}")
        wait_shown(fresh, query)
        return {u for u, _ in done if u.endswith(".pf_index")}
    finally:
        context.close()


def test_stop_words_in_a_query_fetch_no_index_chunks(browser, generated):
    """"samarbejde med jobcenter" is searched as "samarbejde jobcenter": "med" is in every
    case, and its chunk is one of the index's largest."""
    site, base, public, server = generated
    with_stop_words = _chunks_for(browser, server, base, "samarbejde med jobcenter")
    without = _chunks_for(browser, server, base, "samarbejde jobcenter")
    assert with_stop_words == without and without
    only_stop_words = _chunks_for(browser, server, base, "med")  # a query of stop words alone is searched as typed
    assert only_stop_words and not only_stop_words <= without
