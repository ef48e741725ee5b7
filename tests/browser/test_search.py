"""The case search page (/soeg/) in Chromium, on the public build of the sample content.

Expectations come from the validator's model of the sample content (public
cases only), never from the page itself: the number of cases, the titles, the
facet values. Only the Danish queries are picked by hand, from words that
occur in particular sample cases (each test first checks that on the model).
The facets have their own file, test_search_facets.py.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from .searchpage import (
    FACETS, checkbox, checked, expect_results, facet_counts, links, open_search,
    result_titles, search_url, status, url_state, wait_loaded, wait_shown,
)


# -- 1. Danish queries: stemming and æ/ø/å ----------------------------------------

# (query, a public case that matches it only through Danish stemming, the form it contains)
STEMMED = [
    ("frivillige", "matchsamtalen-trin-for-trin", "frivillig"),
    ("fællesskaber", "aaben-cafe-foerste-skridt", "fællesskab"),
]


@pytest.mark.parametrize("query,slug,form", STEMMED, ids=[q for q, _, _ in STEMMED])
def test_inflected_query_finds_case_with_another_form(page, base, data, query, slug, form):
    words = data.words(slug)
    assert slug in data.cases and form in words and query not in words, (
        f"sample content changed: {slug} should be public and contain {form!r} but not {query!r}")

    open_search(page, base, q=query)
    assert data.kb.cases[slug].title in result_titles(page)


def test_form_found_in_no_case_still_finds_its_stem(page, base, data):
    """'fællesskaberne' occurs in no case: every hit comes from stemming."""
    query = "fællesskaberne"
    assert not data.with_word_prefix(query), f"sample content changed: some case contains {query!r}"
    stem_only = "foelgeven-til-foerste-gang"  # has 'fællesskab' and 'fællesskabet'
    assert {"fællesskab", "fællesskabet"} <= data.words(stem_only)

    open_search(page, base, q=query)
    titles = result_titles(page)
    assert data.kb.cases[stem_only].title in titles
    assert set(titles) <= set(data.titles(data.with_word_prefix("fællesskab")))


# (query, the start its stem shares with the words it may match)
DANISH = [("ældre", "ældr"), ("pårørende", "pårørend"), ("følgevenner", "følgeven")]


@pytest.mark.parametrize("query,prefix", DANISH, ids=[q for q, _ in DANISH])
def test_query_with_danish_letters(page, base, data, query, prefix):
    """Every case with the very word is found, and only cases with a word of its stem.
    If the word is the only one of its stem in the data, those are all the results."""
    exact = {s for s in data.cases if query in data.words(s)}
    stem = data.with_word_prefix(prefix)
    assert exact, f"sample content changed: no public case contains {query!r}"

    open_search(page, base, q=query)
    expect(page.locator("#bb-search-q")).to_have_value(query)
    forms = {w for s in data.cases for w in data.words(s) if w.startswith(prefix)}
    if forms == {query}:
        expect_results(page, data.titles(exact))
    else:
        titles = set(result_titles(page))
        assert set(data.titles(exact)) <= titles <= set(data.titles(stem))


def test_typing_a_danish_query_searches_and_updates_the_url(page, base, data):
    open_search(page, base)
    page.locator("#bb-search-q").press_sequentially("ældre")
    wait_shown(page, "ældre")
    expect_results(page, data.titles(data.with_word_prefix("ældr")))
    assert url_state(page) == {"q": ["ældre"]}


# -- 3. browsing: every public case, never a members-only one ----------------------

def test_browsing_without_a_query_lists_every_public_case(page, base, data):
    open_search(page, base)
    expect(status(page)).to_have_text(f"{len(data.cases)} cases fundet")
    expect_results(page, data.titles(data.cases))
    text = page.locator("body").inner_text()
    for case in data.members_only.values():
        assert case.title not in text


def test_searching_for_members_only_cases_finds_only_public_ones(page, base, data):
    public = set(data.titles(data.cases))
    facet_values = {f: set(data.facet_values(f)) for f in FACETS}
    for case in data.members_only.values():
        open_search(page, base, q=case.title)
        titles = set(result_titles(page))
        assert titles <= public, f"members-only results for {case.title!r}: {titles - public}"
        hrefs = page.locator(".bb-search__results a").evaluate_all("as => as.map(a => a.href)")
        assert not [h for h in hrefs if f"/cases/{case.slug}/" in h]
        shown = facet_counts(page)
        assert {f: set(shown.get(f, {})) for f in FACETS} == facet_values, "facet values beyond the public cases"


# -- 4. the URL is the state ---------------------------------------------------------

def test_shared_url_restores_query_and_filters_and_history_works(page, base, data):
    query = "frivillige"
    open_search(page, base, q=query)
    hits = {data.slug_of(t): data.cases[data.slug_of(t)] for t in result_titles(page)}
    assert len(hits) >= 3

    # A tema and a region that narrow the hits, and dropping the tema widens them again.
    tema, region = next(
        (t, r) for t in data.facet_values("tema") for r in data.facet_values("region")
        if data.matching({"tema": [t], "region": [r]}, among=hits)
        and data.matching({"tema": [t], "region": [r]}, among=hits) != data.matching({"region": [r]}, among=hits))
    narrowed = data.matching({"tema": [tema], "region": [region]}, among=hits)
    widened = data.matching({"region": [region]}, among=hits)

    page.goto(search_url(base, query, tema=[tema], region=[region]))
    expect(page.locator("#bb-search-q")).to_have_value(query)
    expect_results(page, data.titles(narrowed))
    assert checked(page) == {"tema": [tema], "region": [region]}
    expect(page.locator(".bb-chips button")).to_have_count(2)

    checkbox(page, "tema", tema).click()  # untick
    expect_results(page, data.titles(widened))
    assert url_state(page) == {"q": [query], "region": [region]}
    assert checked(page) == {"region": [region]}

    page.go_back()
    expect_results(page, data.titles(narrowed))
    assert url_state(page) == {"q": [query], "tema": [tema], "region": [region]}
    assert checked(page) == {"tema": [tema], "region": [region]}
    expect(page.locator("#bb-search-q")).to_have_value(query)

    page.go_forward()
    expect_results(page, data.titles(widened))
    assert checked(page) == {"region": [region]}


def test_ticking_a_box_adds_it_to_the_url(page, base, data):
    open_search(page, base)
    facet, value = "maalgruppe", data.facet_values("maalgruppe")[0]
    checkbox(page, facet, value).check()
    expect_results(page, data.titles(data.matching({facet: [value]})))
    assert url_state(page) == {facet: [value]}
    # A chip removes the filter again.
    page.get_by_role("button", name=f"Fjern filteret Målgruppe: {value}").click()
    expect_results(page, data.titles(data.cases))
    assert url_state(page) == {}


# -- 5. keyboard only --------------------------------------------------------------

def _tab_until(page, predicate_js: str, limit: int = 120) -> None:
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(f"(() => {{ const el = document.activeElement; return !!({predicate_js}); }})()"):
            return
    raise AssertionError(f"Tab never reached an element where {predicate_js}")


def test_keyboard_only_from_home_page_to_a_case(page, base, data):
    query = "frivillige"
    page.goto(base)
    _tab_until(page, "el && el.id === 'bb-header-q'", limit=20)
    page.keyboard.type(query)
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/soeg/\?q="))
    wait_loaded(page)
    expect(page.locator("#bb-search-q")).to_have_value(query)
    before = {data.slug_of(t) for t in result_titles(page)}
    hits = {s: data.cases[s] for s in before}

    # Tab to the first facet box that narrows these results, and tick it with Space.
    def narrowing(el_json):
        facet, value = el_json
        after = data.matching({facet: [value]}, among=hits)
        return after and after != before

    for _ in range(80):
        page.keyboard.press("Tab")
        focused = page.evaluate("(() => { const el = document.activeElement;"
                                " return el && el.type === 'checkbox' ? [el.name, el.value] : null; })()")
        if focused and narrowing(focused):
            break
    else:
        raise AssertionError("Tab never reached a facet box that narrows the results")
    facet, value = focused
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none", "a keyboard user cannot see which box has focus"
    page.keyboard.press("Space")
    expect(checkbox(page, facet, value)).to_be_checked()
    expect_results(page, data.titles(data.matching({facet: [value]}, among=hits)))
    assert url_state(page) == {"q": [query], facet: [value]}

    _tab_until(page, "el && el.matches('.bb-search__results .bb-card__title a')")
    title = page.evaluate("document.activeElement.textContent.trim()")
    page.keyboard.press("Enter")
    page.wait_for_url(f"{base}cases/{data.slug_of(title)}/")
    expect(page.locator("article h1")).to_have_text(title)


def test_removing_filter_chips_by_keyboard_keeps_focus_on_the_page(page, base, data):
    tema, region = data.facet_values("tema")[0], data.facet_values("region")[0]
    open_search(page, base, tema=[tema], region=[region])
    expect_results(page, data.titles(data.matching({"tema": [tema], "region": [region]})))
    chip = ".bb-chips button"
    expect(page.locator(chip)).to_have_count(2)

    _tab_until(page, f"el && el.matches({chip!r})")
    removed = page.evaluate("document.activeElement.textContent")
    page.keyboard.press("Enter")
    left = {"tema": [], "region": [region]} if tema in removed else {"tema": [tema], "region": []}
    expect_results(page, data.titles(data.matching(left)))
    assert page.evaluate(f"document.activeElement.matches({chip!r})"), "focus fell off the removed chip"

    page.keyboard.press("Enter")
    expect_results(page, data.titles(data.cases))
    assert url_state(page) == {}
    assert page.evaluate("document.activeElement.id") == "bb-search-q"


# -- 6. a phone --------------------------------------------------------------------

def test_phone_layout(page, base, data, tmp_path):
    page.set_viewport_size({"width": 375, "height": 800})
    open_search(page, base)
    expect(status(page)).to_have_text(f"{len(data.cases)} cases fundet")
    expect(links(page).first).to_be_visible()
    no_sideways_scroll = "document.scrollingElement.scrollWidth <= 375"
    assert page.evaluate(no_sideways_scroll), page.evaluate("document.scrollingElement.scrollWidth")
    page.screenshot(path=tmp_path / "search-375.png", full_page=True)

    toggle = page.get_by_role("button", name=re.compile(r"^Filtre"))
    facets = page.locator("#bb-search-facets")
    expect(toggle).to_be_visible()
    expect(toggle).to_have_attribute("aria-expanded", "false")
    expect(facets).to_be_hidden()

    toggle.click()
    expect(toggle).to_have_attribute("aria-expanded", "true")
    expect(facets).to_be_visible()
    region = data.facet_values("region")[0]
    box = checkbox(page, "region", region)
    expect(box).to_be_visible()
    assert page.evaluate(no_sideways_scroll), page.evaluate("document.scrollingElement.scrollWidth")
    page.screenshot(path=tmp_path / "search-375-filters.png", full_page=True)

    box.check()
    expect_results(page, data.titles(data.matching({"region": [region]})))
    expect(toggle).to_have_text("Filtre (1 valgt)")
    expect(links(page).first).to_be_visible()
    assert page.evaluate(no_sideways_scroll), page.evaluate("document.scrollingElement.scrollWidth")


def test_phone_show_results_button_lands_focus_below_the_sticky_header(page, base, data):
    page.set_viewport_size({"width": 375, "height": 700})
    open_search(page, base)
    page.get_by_role("button", name=re.compile(r"^Filtre")).click()
    region = data.facet_values("region")[0]
    checkbox(page, "region", region).check()
    expect_results(page, data.titles(data.matching({"region": [region]})))
    show = page.locator(".bb-search__show")
    show.scroll_into_view_if_needed()
    show.focus()
    page.keyboard.press("Enter")
    expect(page.locator("#bb-search-facets")).to_be_hidden()
    page.wait_for_timeout(400)  # the theme's back-to-top button fades in when the page scrolls up
    focused = page.evaluate("""() => {
      const el = document.activeElement, r = el.getBoundingClientRect();
      const header = document.querySelector('.md-header').getBoundingClientRect();
      const seen = [[r.left + 4, r.top + 4], [r.left + r.width / 2, r.top + r.height / 2], [r.right - 4, r.bottom - 4]]
        .every(([x, y]) => el.contains(document.elementFromPoint(x, y)));
      return {cls: el.className, top: r.top, bottom: r.bottom, header: header.bottom, seen,
              first: document.querySelector('.bb-search__results a').getBoundingClientRect().top};
    }""")
    assert "bb-search__toggle" in focused["cls"], focused
    assert focused["top"] >= focused["header"], f"the focused button is behind the sticky header: {focused}"
    assert focused["seen"], f"something covers the focused button: {focused}"
    assert focused["first"] < 700, f"the first result is not on the screen: {focused}"


def test_desktop_shows_facets_without_a_toggle(page, base, tmp_path):
    open_search(page, base)
    expect(page.locator("#bb-search-facets")).to_be_visible()
    expect(page.locator(".bb-search__toggle")).to_be_hidden()
    assert page.evaluate("document.scrollingElement.scrollWidth <= window.innerWidth")
    page.screenshot(path=tmp_path / "search-1280.png", full_page=True)


# -- 7. the header search ------------------------------------------------------------

def test_header_search_on_a_case_page_opens_the_search_page(page, base, data):
    slug = sorted(data.cases)[0]
    page.goto(f"{base}cases/{slug}/")
    field = page.locator("#bb-header-q")
    field.fill("ældre")
    field.press("Enter")
    page.wait_for_url(f"{base}soeg/?q=%C3%A6ldre")
    expect(page.locator("#bb-search-q")).to_have_value("ældre")
    expect_results(page, data.titles(data.with_word_prefix("ældr")))


def test_header_search_button_submits_too(page, base, data):
    page.goto(f"{base}temaer/")
    page.locator("#bb-header-q").fill("pårørende")
    page.locator(".bb-header-search__button").click()
    page.wait_for_url(f"{base}soeg/?q=p%C3%A5r%C3%B8rende")
    expect_results(page, data.titles(data.with_word_prefix("pårørende")))
