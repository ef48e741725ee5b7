"""The overview page (/overblik/) on the public build of the sample content:
a count in the table or the heat map opens the search page with exactly
those filters ticked and exactly the cases it counted. This is where the
overview and search.js must agree on the URL format."""

from __future__ import annotations

from collections import Counter

from playwright.sync_api import expect

from .searchpage import checkbox, checked, expect_results, wait_loaded


def _pairs(data):
    """(count, theme title, group label) for every combination with cases, most first."""
    kb = data.kb
    counts = Counter((t, g) for s in data.cases for t in kb.cases[s].themes for g in kb.cases[s].target_groups)
    return sorted(((n, kb.themes[t].title, kb.target_groups[g].label) for (t, g), n in counts.items()), reverse=True)


def _matching(data, theme, group):
    return data.titles(data.matching({"tema": [theme], "maalgruppe": [group]}))


def test_a_table_count_opens_the_search_with_its_filters(page, base, data):
    pairs = _pairs(data)
    picked = [pairs[0]] + [p for p in pairs if not (p[1] + p[2]).isascii()][:1]
    for n, theme, group in picked:
        page.goto(base + "overblik/")
        page.get_by_role("link", name=f"{n} {'case' if n == 1 else 'cases'}: {theme}, {group}", exact=True).click()
        wait_loaded(page)
        expect(checkbox(page, "tema", theme)).to_be_checked()
        expect(checkbox(page, "maalgruppe", group)).to_be_checked()
        assert checked(page) == {"tema": [theme], "maalgruppe": [group]}
        titles = _matching(data, theme, group)
        assert len(titles) == n
        expect_results(page, titles)


def test_a_heat_map_cell_opens_the_same_search(page, base, data):
    n, theme, group = _pairs(data)[0]
    page.goto(base + "overblik/")
    cells = page.locator("svg.bb-heatmap a")
    target = None
    for i in range(cells.count()):
        href = cells.nth(i).get_attribute("href")
        if href == page.get_by_role("link", name=f"{n} {'case' if n == 1 else 'cases'}: {theme}, {group}", exact=True).get_attribute("href"):
            target = cells.nth(i)
            break
    assert target is not None
    target.click()
    wait_loaded(page)
    expect_results(page, _matching(data, theme, group))
