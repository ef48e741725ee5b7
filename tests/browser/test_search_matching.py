"""What the case search finds for the words a volunteer-centre worker types,
on the public build of the sample content.

Each query is checked against the validator's model first (which cases hold
which words, names and places), so a change to the sample content fails
loudly here instead of making a test pass for the wrong reason.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from .searchpage import links, open_search, result_titles, status

WORD_RE = re.compile(r"[a-zæøåéü]+")


def names(data, slug: str) -> set[str]:
    """The words of the names a case is searchable by: themes, target groups,
    centre, municipality, region, partners."""
    from brobyg.search.records import names_of

    return set(WORD_RE.findall(" ".join(names_of(data.kb, data.kb.cases[slug])).lower()))


def searchable(data, slug: str) -> set[str]:
    return data.words(slug) | names(data, slug)


def has(data, slug: str, prefix: str) -> bool:
    return any(w.startswith(prefix) for w in searchable(data, slug))


def card_texts(page, selector: str) -> list[str]:
    return page.locator(f".bb-search__results {selector}").all_inner_texts()


# -- 1. not all words in one case: the best matches on fewer words, labelled -------

# (query, the stems of its words that carry meaning)
FEWER_WORDS = [
    ("velkomst unge angst", ("velkomst", "ung", "angst")),
    ("samarbejde med jobcenter", ("samarbejd", "jobcent")),
]


@pytest.mark.parametrize("query,stems", FEWER_WORDS, ids=[q for q, _ in FEWER_WORDS])
def test_words_no_case_has_together_give_the_cases_with_most_of_them(page, base, data, query, stems):
    words = query.split()
    every = {s for s in data.cases if all(has(data, s, w) for w in words)}
    assert not every, f"sample content changed: {sorted(every)} hold every word of {query!r}"
    most = max(sum(has(data, s, p) for p in stems) for s in data.cases)
    best = {s for s in data.cases if sum(has(data, s, p) for p in stems) == most}
    assert most >= 1, "sample content changed: no case has any of the words"

    open_search(page, base, q=query)
    expect(status(page)).to_have_text(re.compile(r"^\d+ cases? med nogle af ordene \(ingen case har dem alle\)$"))
    titles = result_titles(page)
    assert titles, "a query whose words occur in cases must not return nothing"
    # Ranked: the first result is one of the cases with the most of the words,
    # and every card says which words it holds.
    first = page.locator(".bb-search__results .bb-card__title a").first.inner_text().strip()
    assert data.slug_of(first) in best, f"{first!r} is not among the cases with {most} of the words"
    matched = card_texts(page, ".bb-card__matched")
    assert len(matched) == len(titles) and all(m.startswith("Indeholder: ") for m in matched)
    counts = [len(m.removeprefix("Indeholder: ").split(", ")) for m in matched]
    assert counts == sorted(counts, reverse=True), "cases with more of the words come first"


def test_all_words_in_one_case_are_not_labelled_as_fewer(page, base, data):
    query = "velkomst foreningerne"
    every = {s for s in data.cases if has(data, s, "velkomst") and has(data, s, "forening")}
    assert every, "sample content changed"
    open_search(page, base, q=query)
    expect(status(page)).to_have_text(re.compile(r"^\d+ cases? fundet$"))
    assert page.locator(".bb-card__matched").count() == 0
    assert {data.slug_of(t) for t in result_titles(page)} >= every


# -- 2. places and names are searchable as text -------------------------------------

def _place_cases(data, kind: str, value: str) -> set[str]:
    def of(slug):
        c = data.kb.cases[slug]
        centre = data.kb.centres[c.centre]
        return {"region": centre.region, "municipality": centre.municipality, "centre": centre.name}[kind]
    return {s for s in data.cases if of(s) == value}


@pytest.mark.parametrize("kind", ["region", "municipality", "centre"])
def test_place_and_centre_names_find_their_cases(page, base, data, kind):
    """A region, a municipality and a centre typed as text find every case of
    theirs, and nothing the words do not explain."""
    values = sorted({v for s in data.cases for v in [{
        "region": data.kb.centres[data.kb.cases[s].centre].region,
        "municipality": data.kb.centres[data.kb.cases[s].centre].municipality,
        "centre": data.kb.centres[data.kb.cases[s].centre].name}[kind]]})
    # The value with fewest cases whose words the case texts do not all contain anyway.
    value = min(values, key=lambda v: (len(_place_cases(data, kind, v)), v))
    query = value
    wanted = _place_cases(data, kind, value)
    words = WORD_RE.findall(query.lower())
    named_in_text = {s for s in wanted if all(w in data.words(s) for w in words)}
    assert named_in_text != wanted, f"sample content changed: the texts of {sorted(wanted)} name {query!r} themselves"

    open_search(page, base, q=query)
    found = {data.slug_of(t) for t in result_titles(page)}
    assert wanted <= found, f"{query!r} misses {sorted(wanted - found)}"
    assert all(all(has(data, s, w[:4]) for w in words) for s in found)
    expect(status(page)).to_have_text(re.compile(r"^\d+ cases? fundet$"))


def test_region_name_alone_finds_the_region(page, base, data):
    """'Sjælland' (no 'Region') is a word of the region's name, not of the texts."""
    region = "Region Sjælland"
    wanted = _place_cases(data, "region", region)
    assert wanted, "sample content changed: no public case in Region Sjælland"
    open_search(page, base, q="sjælland")
    assert wanted <= {data.slug_of(t) for t in result_titles(page)}


# -- 3. ae, oe and aa typed for æ, ø and å ----------------------------------------

SPELLINGS = [("paaroerende", "pårørende"), ("aeldre", "ældre"), ("foelgevenner", "følgevenner")]


@pytest.mark.parametrize("typed,danish", SPELLINGS, ids=[t for t, _ in SPELLINGS])
def test_ae_oe_aa_find_the_danish_word(page, base, data, typed, danish):
    with_word = {s for s in data.cases if danish in data.words(s)}
    assert with_word, f"sample content changed: no public case has {danish!r}"
    assert not any(has(data, s, typed) for s in data.cases), f"some case has {typed!r} itself"

    open_search(page, base, q=danish)
    expected = result_titles(page)
    assert set(data.titles(with_word)) <= set(expected)

    open_search(page, base, q=typed)
    assert result_titles(page) == expected
    expect(page.locator(".bb-search__note")).to_contain_text(f"»{danish}« for »{typed}«")
    marks = page.locator(".bb-card__excerpt mark").all_inner_texts()
    assert marks and all(m.lower().startswith(danish[:5]) for m in marks), marks


# -- 4. no confident nonsense from Pagefind's shortened words ------------------------

# Words no case holds, whose beginnings ("ma", "som", "have") do occur:
# Pagefind would shorten them until those match (upstream Pagefind/pagefind#599).
# A word whose first letters and a short ending look like another word's is not its form:
# "københavn" is not "køber", "besoegsven" ("besøgsven") is not "besøg".
UNKNOWN = [("madlavning", "madl", "ma"), ("sommerhus", "sommer", "som"), ("havearbejde", "havear", "have"),
           ("københavn", "københ", "købe"), ("besoegsven", "besøgsv", "besøg"), ("hjemloese", "hjemløs", "hjem")]


@pytest.mark.parametrize("word,absent,present", UNKNOWN, ids=[w for w, _, _ in UNKNOWN])
def test_a_word_found_only_by_shortening_it_matches_nothing(page, base, data, word, absent, present):
    assert not any(has(data, s, absent) for s in data.cases), f"sample content changed: a case has {absent!r}…"
    assert any(has(data, s, present) for s in data.cases), f"sample content changed: no case has {present!r}…"

    open_search(page, base, q=word)
    expect(status(page)).to_have_text(re.compile(r"^Ingen cases matcher"))
    expect(links(page)).to_have_count(0)
    expect(page.locator(".bb-search__note")).to_have_text(f"Ingen cases indeholder »{word}«.")


def test_an_unknown_word_beside_a_known_one_leaves_the_known_one(page, base, data):
    query = "madlavning frivillige"
    with_known = {s for s in data.cases if has(data, s, "frivillig")}
    open_search(page, base, q=query)
    expect(status(page)).to_have_text(re.compile(r"^\d+ cases? med nogle af ordene"))
    assert {data.slug_of(t) for t in result_titles(page)} == with_known
    assert set(card_texts(page, ".bb-card__matched")) == {"Indeholder: frivillige"}
    expect(page.locator(".bb-search__note")).to_have_text("Ingen cases indeholder »madlavning«.")


# -- 5. honest excerpts --------------------------------------------------------------

def test_excerpts_highlight_the_word_not_the_centres_name(page, base, data):
    """Every case says 'frivilligcentret'; the excerpt shows volunteers."""
    open_search(page, base, q="frivillig")
    result_titles(page)
    marks = [m.lower() for m in page.locator(".bb-card__excerpt mark").all_inner_texts()]
    assert marks, "no excerpt highlights anything"
    assert not [m for m in marks if m.startswith(("frivilligcent", "frivillighus"))], marks


def test_no_excerpt_repeats_the_summary(page, base, data):
    for query in ("frivillige", "fællesskab", "borgere"):
        open_search(page, base, q=query)
        result_titles(page)
        for card in page.locator(".bb-search__results .bb-card").all():
            summary = card.locator(".bb-card__summary").inner_text().strip()
            excerpt = card.locator(".bb-card__excerpt")
            if excerpt.count():
                words = excerpt.inner_text().strip(" …").split()
                # No run of six words of the excerpt is in the summary.
                runs = [" ".join(words[i:i + 6]) for i in range(max(1, len(words) - 5))]
                assert not [r for r in runs if r in summary], (query, summary, words)


def test_all_words_found_only_outside_the_filters_is_not_a_fewer_words_match(page, base, data):
    """Cases with every word exist, just not under the ticked centre: the page
    says nothing matches (try fewer filters), it does not fall back to fewer words."""
    query = "velkomst foreningerne"
    every = {s for s in data.cases if has(data, s, "velkomst") and has(data, s, "forening")}
    assert every, "sample content changed: no case has both words"
    centre = next(v for v in data.facet_values("center") if not data.matching({"center": [v]}) & every)
    open_search(page, base, q=query, center=[centre])
    expect(status(page)).to_have_text(re.compile(r"^Ingen cases matcher\. Prøv færre filtre"))
    expect(links(page)).to_have_count(0)
