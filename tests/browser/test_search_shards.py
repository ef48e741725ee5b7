"""A search index in shards (brobyg/search/shards.py) searches as one index.

The sample content is built a second time with at most three records per
Pagefind bundle (BROBYG_SEARCH_SHARD_RECORDS=3), so its cases are spread
over several bundles that the page merges. A query finds every case the
one-bundle site finds, and for most queries exactly those, with the same
status and counts; Pagefind's code and WebAssembly are fetched once.

Not always exactly those: a shard without "følgevenner" answers with the
shorter "følgeven" (Pagefind shortens an unknown word per index), which the
page counts as a real form of the word (search.js, realMatcher), where the
whole index holds "følgevenner" and never shortens it. With three records a
shard that happens for a few queries; at the default of 2,000 and more
records per shard, rarely.
"""

from __future__ import annotations

import json

import pytest

from brobyg.search.shards import MANIFEST, SHARD_RECORDS_ENV

from .conftest import _build
from .searchpage import facet_counts, open_search, result_titles, status

# Every kind of query the search page treats its own way: one word, inflected
# forms, all words, some words (the fallback), an unknown word beside a known
# one, ae/oe/aa, names, and words Pagefind would "find" by shortening them.
QUERIES = [
    "velkomst", "fællesskaber", "frivillige", "velkomst unge angst", "samarbejde med jobcenter",
    "hvordan tager vi imod nye i foreningen", "madlavning frivillige", "aeldre", "paaroerende",
    "foelgevenner", "Region Sjælland", "Aarhus", "Midtjylland", "psykiatri", "xyzzy",
]


@pytest.fixture(scope="module")
def sharded_url(serve, tmp_path_factory):
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv(SHARD_RECORDS_ENV, "3")
        site = _build(tmp_path_factory, "public")
    assert len(json.loads((site / "pagefind" / MANIFEST).read_text(encoding="utf-8"))) >= 3, "the index must shard"
    return serve(site)


def seen(page, base: str, q: str, **filters):
    open_search(page, base, q=q, **filters)
    return result_titles(page), status(page).inner_text(), facet_counts(page)


# Exactly the same answer for all others: nonsense stays nonsense, and an unknown word
# stays unknown. These may find more: a shard of three records can answer one of their
# words with a shorter form of it (see above).
SUPERSET_ONLY = {"foelgevenner", "samarbejde med jobcenter", "hvordan tager vi imod nye i foreningen"}
EXACT = [q for q in QUERIES if q not in SUPERSET_ONLY]


@pytest.mark.parametrize("query", QUERIES)
def test_a_sharded_index_finds_what_one_index_finds(page, base, sharded_url, query):
    sharded, single = seen(page, sharded_url, query), seen(page, base, query)
    if query in EXACT:
        assert sharded == single
    else:
        assert set(sharded[0]) >= set(single[0]) and sharded[0]


def test_a_sharded_index_with_filters_finds_what_one_index_finds(page, base, sharded_url, data):
    theme = data.facet_values("tema")[0]
    for query in ("frivillige", "velkomst unge angst"):
        assert seen(page, sharded_url, query, tema=[theme]) == seen(page, base, query, tema=[theme])


def test_the_shards_share_one_download_of_pagefind(page, sharded_url):
    fetched = []
    page.on("request", lambda req: fetched.append(req.url.removeprefix(sharded_url).split("?")[0]))
    open_search(page, sharded_url, q="velkomst")
    result_titles(page)
    shards = json.loads(page.evaluate("u => fetch(u).then(r => r.text())", sharded_url + "pagefind/" + MANIFEST))
    entries = {u for u in fetched if u.endswith("pagefind-entry.json")}
    assert entries == {"pagefind/pagefind-entry.json", *(f"{folder}pagefind-entry.json" for _, folder in shards)}
    assert [u for u in fetched if u.endswith(".pagefind") or u.endswith("pagefind.js")] == [
        "pagefind/pagefind.js", "pagefind/wasm.da.pagefind"]
