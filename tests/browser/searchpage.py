"""Helpers for the browser tests: what the data says, and the search page as a user sees it."""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import parse_qs, urlencode

from playwright.sync_api import Page, expect
from playwright.sync_api import TimeoutError as PlaywrightTimeout

FACETS = ("tema", "maalgruppe", "region", "center")
PAGE_SIZE = 10  # results per "Vis flere"

RESULT_LINKS = ".bb-search__results .bb-card__title a"
LOADED_STATUS = re.compile(r"^(\d+ cases? fundet|\d+ cases? med nogle af ordene.*|Ingen cases matcher.*)$")
WORD_RE = re.compile(r"[a-zæøåéü]+")


# -- what the data says --------------------------------------------------------

@dataclass(frozen=True)
class Expect:
    """Expectations for the search page, computed from the validator's model."""

    kb: object
    audience: str = "public"

    @property
    def cases(self) -> dict:
        if self.audience == "members":
            return dict(self.kb.cases)
        return {s: c for s, c in self.kb.cases.items() if c.visibility == "public"}

    @property
    def members_only(self) -> dict:
        return {s: c for s, c in self.kb.cases.items() if c.visibility == "members"}

    def values(self, slug: str, facet: str) -> set[str]:
        """The Danish labels a case shows under a facet (the values in the URL)."""
        c = self.kb.cases[slug]
        centre = self.kb.centres[c.centre]
        return {
            "tema": {self.kb.themes[t].title for t in c.themes},
            "maalgruppe": {self.kb.target_groups[g].label for g in c.target_groups},
            "region": {centre.region},
            "center": {centre.name},
        }[facet]

    def facet_values(self, facet: str) -> list[str]:
        return sorted({v for s in self.cases for v in self.values(s, facet)})

    def matching(self, filters: dict[str, list[str]], among=None) -> set[str]:
        """Slugs of the cases that pass the filters: OR within a facet, AND across."""
        pool = self.cases if among is None else among
        return {s for s in pool if all(not vs or self.values(s, f) & set(vs) for f, vs in filters.items())}

    def counts(self, facet: str, among=None) -> dict[str, int]:
        pool = self.cases if among is None else among
        out: dict[str, int] = {}
        for s in pool:
            for v in self.values(s, facet):
                out[v] = out.get(v, 0) + 1
        return out

    def titles(self, slugs) -> list[str]:
        return sorted(self.kb.cases[s].title for s in slugs)

    def slug_of(self, title: str) -> str:
        (slug,) = [s for s, c in self.kb.cases.items() if c.title == title]
        return slug

    def words(self, slug: str) -> set[str]:
        """The words of the text Pagefind indexes for a case: title, summary, body."""
        c = self.kb.cases[slug]
        return set(WORD_RE.findall(f"{c.title}\n{c.summary}\n{c.body}".lower()))

    def with_word_prefix(self, prefix: str) -> set[str]:
        return {s for s in self.cases if any(w.startswith(prefix) for w in self.words(s))}


# -- the search page -------------------------------------------------------------

def search_url(base: str, q: str | None = None, **filters) -> str:
    params = ([("q", q)] if q else []) + [(f, v) for f in FACETS for v in filters.get(f, [])]
    return f"{base}soeg/" + (f"?{urlencode(params)}" if params else "")


def url_state(page: Page) -> dict[str, list[str]]:
    return parse_qs(page.evaluate("location.search").lstrip("?"))


def status(page: Page):
    return page.locator(".bb-search__status")


def links(page: Page):
    return page.locator(RESULT_LINKS)


def checkbox(page: Page, facet: str, value: str):
    value = value.replace("\\", "\\\\").replace('"', '\\"')
    return page.locator(f'#bb-search-facets input[type=checkbox][name="{facet}"][value="{value}"]')


def open_search(page: Page, base: str, q: str | None = None, **filters) -> None:
    page.goto(search_url(base, q, **filters))
    wait_loaded(page)


# Waiting is done with wait_for_function (polled every animation frame), which
# notices a settled search page sooner than expect()'s back-off polling.

_SETTLED = """([status, n]) => {
  const text = (document.querySelector('.bb-search__status') || {}).textContent || '';
  const ok = status === null ? /^(\\d+ cases? fundet|\\d+ cases? med nogle af ordene|Ingen cases matcher)/.test(text)
    : status.startsWith('^') ? new RegExp(status).test(text) : text === status;
  return ok && (n === null || document.querySelectorAll(%r).length >= n);
}""" % RESULT_LINKS

_SAME_TITLES = """(expected) => {
  const got = Array.from(document.querySelectorAll(%r), a => a.textContent.trim()).sort();
  const want = expected.slice().sort();
  return got.length === want.length && got.every((t, i) => t === want[i]);
}""" % RESULT_LINKS


def wait_shown(page: Page, q: str, timeout: float = 10_000) -> None:
    """Wait until the page has shown the results for exactly ``q``: typed
    slowly (a loaded machine), a word's first letters may be searched first,
    and their results can equal the whole word's."""
    page.wait_for_function(
        "(q) => { const r = document.querySelector('[data-bb-search]'); return !!r && r.getAttribute('data-bb-shown') === q; }",
        arg=q, timeout=timeout)


def _wait(page: Page, js: str, arg, timeout: float = 5_000) -> bool:
    try:
        page.wait_for_function(js, arg=arg, timeout=timeout)
        return True
    except PlaywrightTimeout:
        return False


def wait_loaded(page: Page) -> None:
    """The search has run once: the status line says how many cases it found."""
    if not _wait(page, _SETTLED, [None, None], 10_000):
        expect(status(page)).to_have_text(LOADED_STATUS, timeout=1)


def status_text(n: int) -> str:
    if n == 0:
        return "^Ingen cases matcher"
    return f"{n} case fundet" if n == 1 else f"{n} cases fundet"


_AT_LEAST = "n => document.querySelectorAll(%r).length >= n" % RESULT_LINKS


def show_all(page: Page, n: int) -> None:
    """Click "Vis flere" until it is hidden: all n results are listed."""
    more = page.locator(".bb-search__more")
    _wait(page, _AT_LEAST, min(n, PAGE_SIZE))
    for _ in range(n // PAGE_SIZE + 1):
        if not more.is_visible():
            break
        shown = links(page).count()
        more.click()
        _wait(page, _AT_LEAST, min(n, shown + PAGE_SIZE))
    expect(more).to_be_hidden()


def expect_results(page: Page, titles) -> None:
    """The results are exactly these titles (in any order), all of them shown."""
    titles = sorted(titles)
    n = len(titles)
    if not _wait(page, _SETTLED, [status_text(n), min(n, PAGE_SIZE)]):
        want = status_text(n)
        expect(status(page)).to_have_text(re.compile(want) if want.startswith("^") else want, timeout=1)
    show_all(page, n)
    _wait(page, _SAME_TITLES, titles)
    assert sorted(t.strip() for t in links(page).all_inner_texts()) == titles


def result_titles(page: Page) -> list[str]:
    """All result titles of the settled page (after wait_loaded), every batch shown."""
    wait_loaded(page)
    m = re.match(r"^(\d+)", status(page).inner_text())
    n = int(m.group(1)) if m else 0
    show_all(page, n)
    return sorted(t.strip() for t in links(page).all_inner_texts())


def facet_counts(page: Page) -> dict[str, dict[str, str]]:
    """{facet: {value: count shown next to it}} as rendered."""
    return page.evaluate("""() => {
      const out = {};
      for (const box of document.querySelectorAll('#bb-search-facets input[type=checkbox]')) {
        const count = box.closest('label').querySelector('.bb-count');
        (out[box.name] = out[box.name] || {})[box.value] = count ? count.getAttribute('data-n') : null;
      }
      return out;
    }""")


def checked(page: Page) -> dict[str, list[str]]:
    return page.evaluate("""() => {
      const out = {};
      for (const box of document.querySelectorAll('#bb-search-facets input[type=checkbox]:checked'))
        (out[box.name] = out[box.name] || []).push(box.value);
      return out;
    }""")
