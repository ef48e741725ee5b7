"""The search page of the members' build: members-only cases are found there,
and more cases than fit one page are reached with "Vis flere"."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from .searchpage import PAGE_SIZE, Expect, expect_results, links, open_search, status


@pytest.fixture(scope="module")
def data(sample_kb) -> Expect:
    return Expect(sample_kb, "members")


def test_members_site_lists_every_case_with_vis_flere(page, members_url, data):
    assert data.members_only, "sample content changed: no members-only case"
    open_search(page, members_url)
    n = len(data.cases)
    expect(status(page)).to_have_text(f"{n} cases fundet")
    if n > PAGE_SIZE:
        expect(links(page)).to_have_count(PAGE_SIZE)
        expect(page.locator(".bb-search__more")).to_be_visible()
    expect_results(page, data.titles(data.cases))  # clicks "Vis flere" until it is hidden


def test_double_clicking_vis_flere_shows_each_case_once(page, members_url, data):
    n = len(data.cases)
    if n <= PAGE_SIZE:
        pytest.skip(f"the sample content needs more than {PAGE_SIZE} cases for this test")
    open_search(page, members_url)
    expect(links(page)).to_have_count(PAGE_SIZE)
    page.locator(".bb-search__more").dblclick()
    expect(links(page)).to_have_count(min(n, 2 * PAGE_SIZE))
    titles = links(page).all_inner_texts()
    assert len(titles) == len(set(titles)), f"a case is listed twice: {sorted(titles)}"
    expect_results(page, data.titles(data.cases))


def test_members_only_case_is_found_by_its_title(page, members_url, data):
    for case in data.members_only.values():
        open_search(page, members_url, q=case.title)
        expect(links(page).filter(has_text=case.title).first).to_be_visible()
