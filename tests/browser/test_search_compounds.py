"""A word finds the compounds it ends: "psykiatri" finds "distriktspsykiatrien"
(brobyg/search/compounds.py), on the public build of the sample content.

Each query is checked against the validator's model first: no case holds a
word that begins with it (so Pagefind's prefix search alone finds nothing),
and some case has a compound that ends with it.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from .searchpage import WORD_RE, open_search, result_titles, status


def searchable(data, slug: str) -> set[str]:
    from brobyg.search.records import names_of

    names = " ".join(names_of(data.kb, data.kb.cases[slug])).lower()
    return data.words(slug) | set(WORD_RE.findall(names))


# (what a member types, the start of the compound's tail as the text writes it,
#  whether the compound is in the case's text (else only in its names))
TAILS = [
    ("psykiatri", "psykiatri", True),           # "distriktspsykiatrien", "socialpsykiatri"
    ("koordinatorer", "koordinator", True),     # "demenskoordinatorer"
    ("team", "team", False),                    # partners: "Kommunens integrationsteam"
]


@pytest.mark.parametrize("query,tail,in_body", TAILS, ids=[q for q, _, _ in TAILS])
def test_a_word_finds_the_cases_whose_compounds_end_with_it(page, base, data, query, tail, in_body):
    starts = {s for s in data.cases if any(w.startswith(tail) for w in searchable(data, s))}
    assert not starts, f"sample content changed: {sorted(starts)} hold a word beginning {tail!r}"
    ends = {s for s in data.cases if any(tail in w and not w.startswith(tail) for w in searchable(data, s))}
    assert ends, f"sample content changed: no case has a compound ending with {tail!r}"

    open_search(page, base, q=query)
    expect(status(page)).to_have_text(re.compile(r"^\d+ cases? fundet$"))
    assert {data.slug_of(t) for t in result_titles(page)} == ends
    # Highlighted: only the compounds that end with the word, never a part of a word.
    marks = [m.lower() for m in page.locator(".bb-card__excerpt mark").all_inner_texts()]
    assert all(tail in m and not m.startswith(tail) for m in marks), marks
    if in_body:
        assert marks, "the compound in the text is not highlighted"
    expect(page.locator(".bb-search__note")).not_to_contain_text("Ingen cases indeholder")


def test_the_first_case_shows_the_compound_in_its_excerpt(page, base, data):
    slug = "brobygger-i-distriktspsykiatrien"
    assert slug in data.cases, "sample content changed"
    open_search(page, base, q="psykiatri")
    result_titles(page)
    first = page.locator(".bb-search__results .bb-card").first
    expect(first.locator(".bb-card__title a")).to_have_text(data.kb.cases[slug].title)
    excerpt = first.locator(".bb-card__excerpt")
    expect(excerpt).to_contain_text("distriktspsykiatrien")
    expect(excerpt.locator("mark").first).to_have_text(re.compile(r"^distriktspsykiatrien", re.I))


# Words that end words of the text without those being compounds of them:
# "foreningen" is no compound of "ingen", "frivillighed" none of "hed".
NOT_TAILS = ["ingen", "ningen", "else", "hed"]


@pytest.mark.parametrize("query", NOT_TAILS)
def test_the_end_of_a_word_that_is_no_compound_finds_nothing_by_it(page, base, data, query):
    """Every case found holds a word that begins with the query (or another
    form of it), none is found only because a longer word ends with it."""
    inside = {s for s in data.cases if any(w.endswith(query) and w != query for w in searchable(data, s))}
    assert inside, f"sample content changed: no word ends with {query!r}"
    own = {s for s in data.cases if any(w.startswith(query[:4]) for w in searchable(data, s))}
    open_search(page, base, q=query)
    found = {data.slug_of(t) for t in result_titles(page)}
    assert found <= own, f"{query!r} found {sorted(found - own)} by the end of a word"
    for m in page.locator(".bb-card__excerpt mark").all_inner_texts():
        assert m.lower().startswith(query[:4]), m
