"""Every internal link, anchor and asset of both built sites resolves; the
data files (feeds, calendar, JSON, CSV, sitemap) are linked from their pages
and every address of the site's own in them resolves too."""

from __future__ import annotations

import pytest

from brobyg.render import routes
from brobyg.render.feeds import MATERIAL_STUB
from brobyg.site_config import site_url
from brobyg.model import THEME_IDS
from tests.conftest import REPO

from .kinds import AUDIENCES
from .links import check_data_files, check_site, links_of


def data_files(site) -> list[str]:
    """The site's data files: everything in feeds/, the open data files, the sitemap."""
    feeds = sorted(p.relative_to(site).as_posix() for p in (site / routes.FEEDS_DIR).iterdir())
    return [*feeds, routes.CASES_JSON, routes.CASES_CSV, "sitemap.xml"]


@pytest.mark.parametrize("audience", AUDIENCES)
def test_every_internal_link_anchor_and_asset_resolves(sites, audience):
    reached: set[str] = set()
    followed, broken = check_site(sites[audience], reached)
    assert followed > 500, f"only {followed} references followed: is the checker reading the pages?"
    assert not broken, f"{len(broken)} broken references:\n  " + "\n  ".join(map(str, broken))
    # Each data file is linked from a page (the sitemap is for crawlers, the
    # feeds folder's sitemap is Material's stub) ...
    files = [f for f in data_files(sites[audience]) if f not in ("sitemap.xml", MATERIAL_STUB)]
    assert routes.CALENDAR_FILE in files and len(files) >= 3 + len(THEME_IDS)
    assert not [f for f in files if f not in reached], f"data files no page links to: {sorted(set(files) - reached)}"


@pytest.mark.parametrize("audience", AUDIENCES)
def test_data_files_are_linked_from_their_own_pages(sites, audience):
    """... and from the page where a reader looks for it: the open data page
    has them all, the meetings page the calendar, a theme page its feed (in
    the head, where feed readers look)."""
    pages = {
        routes.OPEN_DATA_PAGE: [routes.CASES_JSON, routes.CASES_CSV, routes.NEWEST_FEED, routes.CALENDAR_FILE,
                                *map(routes.theme_feed, THEME_IDS)],
        routes.MEETINGS_PAGE: [routes.CALENDAR_FILE],
        **{routes.theme(t): [routes.theme_feed(t)] for t in THEME_IDS},
    }
    site = sites[audience]
    for page, files in pages.items():
        reached = links_of(site, routes.page_url(page) + "index.html")
        assert not [f for f in files if f not in reached], (page, sorted(reached))


@pytest.mark.parametrize("audience", AUDIENCES)
def test_the_data_files_own_addresses_resolve(sites, audience):
    site = sites[audience]
    url = site_url(REPO, audience)
    followed, broken = check_data_files(site, url, data_files(site))
    assert followed > 50, f"only {followed} addresses of {url} in the data files: are they read?"
    assert not broken, f"{len(broken)} broken addresses in the data files:\n  " + "\n  ".join(map(str, broken))


def test_the_checker_finds_a_broken_link_anchor_and_asset(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "index.html").write_text('<h2 id="here">x</h2>', encoding="utf-8")
    (tmp_path / "s.css").write_text("body{background:url(missing.png)}", encoding="utf-8")
    (tmp_path / "index.html").write_text(
        '<link rel="stylesheet" href="s.css"><a href="a/">ok</a><a href="a/#here">ok</a>'
        '<a href="a/#gone">anchor</a><a href="b/">page</a><img src="x.png" srcset="a/ 1x, y.webp 2x" alt="">'
        '<a href="https://example.org/nowhere">outside</a><a href="#top">self</a><p id="top"></p>',
        encoding="utf-8",
    )
    reached: set[str] = set()
    followed, broken = check_site(tmp_path, reached)
    assert {(b.target, b.why.split(" in ")[0]) for b in broken} == {
        ("a/#gone", "no id 'gone'"), ("b/", "no such file"), ("x.png", "no such file"),
        ("y.webp", "no such file"), ("missing.png", "no such file"),
    }
    assert followed == 10
    assert reached == {"s.css", "a/index.html", "index.html"}


def test_the_data_file_checker_finds_broken_addresses(tmp_path):
    site = "https://example.org/base/"
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "index.html").write_text('<h2 id="here">x</h2>', encoding="utf-8")
    (tmp_path / "f.xml").write_text(
        f'<feed><link href="{site}a/"/><link href="{site}a/#here"/><link href="{site}a/#gone"/>'
        f'<link href="{site}b/"/><link href="https://other.example.org/b/"/></feed>', encoding="utf-8")
    # A calendar line folded in the middle of an address, and an escaped comma after one.
    (tmp_path / "c.ics").write_text(f"URL:{site}a\r\n /\r\nDESCRIPTION:se {site}gone/\\, tak\r\n", encoding="utf-8")
    (tmp_path / "d.csv").write_text(f"\ufeffslug;url\nx;{site}a/\ny;{site}nope/\n", encoding="utf-8")
    followed, broken = check_data_files(tmp_path, site, ["f.xml", "c.ics", "d.csv"])
    assert followed == 8
    assert {(b.page, b.target) for b in broken} == {
        ("f.xml", f"{site}a/#gone"), ("f.xml", f"{site}b/"), ("c.ics", f"{site}gone/"), ("d.csv", f"{site}nope/"),
    }
