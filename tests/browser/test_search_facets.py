"""Facets of the case search page (/soeg/) on the public build of the sample content.

Each facet narrows to exactly the cases the data says; two values of one facet
give their union (OR), values of different facets their intersection (AND);
the counts next to the values match the data. All expectations come from the
validator's model of the sample content (public cases only).

(Kept apart from test_search.py so that xdist's --dist loadfile can run the
two files side by side.)
"""

from __future__ import annotations

import itertools
import re

import pytest
from playwright.sync_api import expect

from .searchpage import FACETS, Expect, checkbox, expect_results, facet_counts, open_search, status


def picked_values(data: Expect, facet: str) -> list[str]:
    """The values with the most and the fewest cases, and those with æ/ø/å
    (their URL encoding must round-trip); the counts test covers all values."""
    values = sorted(data.facet_values(facet), key=lambda v: (len(data.matching({facet: [v]})), v))
    picked = [values[-1], values[0]] + [v for v in values if not v.isascii()]
    return list(dict.fromkeys(picked))[:4]


@pytest.mark.parametrize("facet", FACETS)
def test_each_facet_value_narrows_to_exactly_its_cases(page, base, data, facet):
    assert len(data.facet_values(facet)) >= 2
    for value in picked_values(data, facet):
        open_search(page, base, **{facet: [value]})
        expect_results(page, data.titles(data.matching({facet: [value]})))
        expect(checkbox(page, facet, value)).to_be_checked()


@pytest.mark.parametrize("facet", FACETS)
def test_two_values_of_one_facet_give_the_union(page, base, data, facet):
    values = data.facet_values(facet)
    # The pair whose union differs most from each of its parts.
    a, b = max(itertools.combinations(values, 2), key=lambda p: len(
        data.matching({facet: [p[0]]}) ^ data.matching({facet: [p[1]]})))
    union = data.matching({facet: [a]}) | data.matching({facet: [b]})
    assert union == data.matching({facet: [a, b]})
    assert union != data.matching({facet: [a]}) and union != data.matching({facet: [b]})

    open_search(page, base, **{facet: [a, b]})
    expect_results(page, data.titles(union))


def test_filters_of_different_facets_give_the_intersection(page, base, data):
    pairs = [
        (t, r) for t in data.facet_values("tema") for r in data.facet_values("region")
        if data.matching({"tema": [t], "region": [r]})
        and data.matching({"tema": [t], "region": [r]}) < data.matching({"tema": [t]})
        and data.matching({"tema": [t], "region": [r]}) < data.matching({"region": [r]})
    ]
    assert pairs, "sample content changed: no tema and region overlap partially"
    tema, region = pairs[0]
    both = data.matching({"tema": [tema]}) & data.matching({"region": [region]})

    open_search(page, base, tema=[tema], region=[region])
    expect_results(page, data.titles(both))

    # And with a second tema: (tema1 OR tema2) AND region.
    other = next(t for t in data.facet_values("tema") if t != tema
                 and data.matching({"tema": [t], "region": [region]}) - both)
    open_search(page, base, tema=[tema, other], region=[region])
    expect_results(page, data.titles(data.matching({"tema": [tema, other], "region": [region]})))


def test_counts_without_query_or_filter_match_the_data(page, base, data):
    open_search(page, base)
    expect(status(page)).to_have_text(f"{len(data.cases)} cases fundet")
    shown = facet_counts(page)
    want = {f: {v: str(n) for v, n in data.counts(f).items()} for f in FACETS}
    assert shown == want


def test_counts_leave_out_their_own_facet(page, base, data):
    """With one tema ticked, other facets count within that tema; the tema facet
    still counts every case (ticking another tema adds to the results)."""
    tema = max(data.facet_values("tema"), key=lambda t: len(data.matching({"tema": [t]})))
    within = {s: data.cases[s] for s in data.matching({"tema": [tema]})}

    open_search(page, base, tema=[tema])
    expect_results(page, data.titles(within))
    shown = facet_counts(page)
    for facet in FACETS:
        counts = data.counts(facet) if facet == "tema" else data.counts(facet, among=within)
        want = {v: str(counts.get(v, 0)) for v in data.facet_values(facet)}
        assert shown[facet] == want, facet




def test_counts_say_what_they_count(page, base, data):
    """The number beside a value is how many cases have it, said in words to
    a screen reader and explained above the facets."""
    open_search(page, base)
    expect(page.locator(".bb-facets__hint")).to_have_text(re.compile(r"antal cases med værdien"))
    value = data.facet_values("region")[0]
    n = data.counts("region")[value]
    spoken = f"{n} case" if n == 1 else f"{n} cases"
    expect(page.get_by_role("checkbox", name=re.compile(rf"^{re.escape(value)}.*, {spoken}$"))).to_have_count(1)


@pytest.mark.parametrize("query", ["velkomst", "velkomst unge angst"])
def test_counts_with_a_query_count_the_cases_found(page, base, data, query):
    """With a query (all its words, or fewer), the counts are over the cases
    found; ticking a value then narrows the results to that count."""
    from .searchpage import result_titles

    open_search(page, base, q=query)
    found = {data.slug_of(t): data.cases[data.slug_of(t)] for t in result_titles(page)}
    assert 0 < len(found) < len(data.cases), "the query should find some cases, not all"
    shown = facet_counts(page)
    for facet in FACETS:
        counts = data.counts(facet, among=found)
        assert shown[facet] == {v: str(counts.get(v, 0)) for v in data.facet_values(facet)}, facet
    value, n = max(data.counts("tema", among=found).items(), key=lambda kv: kv[1])
    checkbox(page, "tema", value).check()
    expect(status(page)).to_have_text(re.compile(rf"^{n} cases? (fundet|med nogle af ordene)"))
    assert result_titles(page) == data.titles(data.matching({"tema": [value]}, among=found))
