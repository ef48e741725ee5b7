"""The network's pages and files, built for real from the network fixture:
members, overview, open data and Atom feeds. Every count is checked against
the audience's model."""

from __future__ import annotations

import csv
import datetime as dt
import html
import io
import json
import re
from collections import Counter
from urllib.parse import parse_qs, urlsplit

import feedparser
import pytest

from brobyg.model import THEME_IDS
from brobyg.render import feeds as feeds_module
from brobyg.render import opendata, overview
from brobyg.render.pages import Site
from brobyg.render.listing import listing_order
from brobyg.search.records import search_records

from .conftest import Html
from .network_kb import Elements, configured_site_url, model, network_kb, table_rows



AUDIENCES = ("public", "members")


def test_fixture_has_what_the_tests_need(network):
    public, members = network["public"][1], network["members"][1]
    assert len(members.cases) > len(public.cases) >= 3  # a members-only case
    assert any(not any(c.centre == cid for c in public.cases.values()) for cid in public.centres)  # a centre without cases
    assert len({c.published.year for c in public.cases.values()}) >= 2


# -- members ------------------------------------------------------------------


@pytest.mark.parametrize("audience", AUDIENCES)
def test_members_page_groups_every_centre_under_its_region_with_its_cases(network, audience):
    site, kb = network[audience]
    page = site.page("medlemmer/")
    body = page.split('<article class="md-content__inner', 1)[1]
    # Region headings in order, each followed by its centres' sections.
    regions = re.findall(r'<h2 id="[^"]*">(.*?) \((\d+)\)</h2>', body)
    expected_regions = sorted({c.region for c in kb.centres.values()})
    assert [r for r, _ in regions] == expected_regions
    for region, n in regions:
        assert int(n) == sum(c.region == region for c in kb.centres.values())
    sections = dict(re.findall(r'<section class="bb-member" aria-labelledby="medlem-([a-z0-9-]+)">(.*?)</section>', body, re.S))
    assert set(sections) == set(kb.centres)
    for cid, centre in kb.centres.items():
        sec = sections[cid]
        # under its own region: the last region heading before the section is the centre's
        before = body[: body.index(f'aria-labelledby="medlem-{cid}"')]
        assert re.findall(r'<h2 id="[^"]*">(.*?) \(', before)[-1] == centre.region
        assert f"{centre.municipality} Kommune" in sec
        if centre.website:
            assert f'href="{centre.website}"' in sec
        linked = re.findall(r'href="\.\./cases/([a-z0-9-]+)/"', sec)
        own = sorted(s for s, c in kb.cases.items() if c.centre == cid)
        assert sorted(linked) == own
        if own:
            assert f"{len(own)} case" in Html(sec).text
        else:
            assert "Ingen cases endnu" in Html(sec).text


def test_members_page_shows_members_only_cases_to_members_only(network):
    (pub_site, _pub), (mem_site, mem) = network["public"], network["members"]
    hidden = [c for c in mem.cases.values() if c.members_only]
    assert hidden
    for case in hidden:
        assert case.title not in pub_site.page("medlemmer/")
        assert case.title in mem_site.page("medlemmer/")


# -- overview -----------------------------------------------------------------


def _search_params(href: str) -> dict[str, list[str]]:
    parts = urlsplit(html.unescape(href))
    assert parts.path.endswith("soeg/"), href
    return parse_qs(parts.query)


@pytest.mark.parametrize("audience", AUDIENCES)
def test_overview_table_counts_cases_per_theme_and_target_group(network, audience):
    site, kb = network[audience]
    page = site.page("overblik/")
    rows = table_rows(page, "Cases pr. målgruppe")
    head, *body, foot = rows
    assert [t for _, t in head][1:-1] == [kb.themes[t].title for t in THEME_IDS]
    assert 'scope="col"' in head[0][0] and 'scope="row"' in body[0][0][0]
    title_to_theme = {th.title: tid for tid, th in kb.themes.items()}
    label_to_group = {g.label: gid for gid, g in kb.target_groups.items()}
    expected = Counter((t, g) for c in kb.cases.values() for t in c.themes for g in c.target_groups)
    seen = set()
    for row in body:
        group = label_to_group[row[0][1]]
        for cell, text in row[1:-1]:
            params = _search_params(re.search(r'href="([^"]+)"', cell).group(1))
            theme = title_to_theme[params["tema"][0]]
            assert label_to_group[params["maalgruppe"][0]] == group
            assert int(text) == expected[(theme, group)], (theme, group)
            seen.add((theme, group))
        assert int(row[-1][1]) == sum(group in c.target_groups for c in kb.cases.values())
    assert seen == {(t, g) for t in THEME_IDS for g in kb.target_groups}
    assert [int(t) for _, t in foot[1:-1]] == [sum(t in c.themes for c in kb.cases.values()) for t in THEME_IDS]
    assert int(foot[-1][1]) == len(kb.cases)


def test_overview_links_use_the_values_the_search_index_holds(network):
    site, kb = network["public"]
    facets: dict[str, set[str]] = {}
    for r in search_records(kb, listing_order(kb)):
        for key, values in r.filters.items():
            facets.setdefault(key, set()).update(values)
    hrefs = re.findall(r'href="([^"]*soeg/\?[^"]+)"', site.page("overblik/"))
    assert hrefs
    for href in hrefs:
        for key, values in _search_params(href).items():
            for v in values:
                # A value no case has yet is fine (a zero cell); a value spelled differently is not.
                known = {th.title for th in kb.themes.values()} | {g.label for g in kb.target_groups.values()} | set(kb.regions.values())
                assert v in facets.get(key, set()) or v in known, (key, v)


@pytest.mark.parametrize("audience", AUDIENCES)
def test_heat_map_is_an_accessible_svg_with_the_same_counts(network, audience):
    site, kb = network[audience]
    page = site.page("overblik/")
    svg = re.search(r"<svg class=\"bb-heatmap\".*?</svg>", page, re.S).group(0)
    doc = Elements(svg)
    (attrs, _), = doc.all("svg")
    # A named group (title and summary); its cells are for the eye and the mouse
    # and are hidden from screen readers and the tab order, as the table has them.
    assert attrs["role"] == "group"
    (g_attrs, _), = doc.all("g")
    assert g_attrs["aria-hidden"] == "true" and "<g aria-hidden=\"true\"><text" in svg
    ids = attrs["aria-labelledby"].split()
    assert [a["id"] for a, _ in doc.all("title")] + [a["id"] for a, _ in doc.all("desc")] == ids
    assert doc.all("title")[0][1] and doc.all("desc")[0][1]
    cells = [(a, t) for a, t in doc.all("a")]
    assert len(cells) == len(THEME_IDS) * len(kb.target_groups)
    expected = Counter((t, g) for c in kb.cases.values() for t in c.themes for g in c.target_groups)
    title_to_theme = {th.title: tid for tid, th in kb.themes.items()}
    label_to_group = {g.label: gid for gid, g in kb.target_groups.items()}
    for a, text in cells:
        assert a["tabindex"] == "-1"
        p = _search_params(a["href"])
        assert int(text) == expected[(title_to_theme[p["tema"][0]], label_to_group[p["maalgruppe"][0]])]
    # Text labels for every theme and target group (not colour alone).
    labels = " ".join(t for _, t in doc.all("text"))
    for th in kb.themes.values():
        assert all(word in labels for word in th.title.split())
    for g in kb.target_groups.values():
        assert g.label in labels
    # No script, no chart library: the picture is in the page.
    assert "<script" not in svg


def test_heat_map_cells_are_coloured_by_their_count(network):
    """Each cell's level (its colours are in brobyg.css, one set per palette;
    tests/browser/quality/test_contrast.py measures them as rendered)."""
    svg = re.search(r"<svg class=\"bb-heatmap\".*?</svg>", network["members"][0].page("overblik/"), re.S).group(0)
    cells = [(int(lv), int(n)) for lv, n in re.findall(r'class="bb-heat-(\d)"><rect [^>]*/><text [^>]*>(\d+)</text>', svg)]
    assert cells and "fill=" not in svg  # no colour in the page: the stylesheet's palette decides
    most = max(n for _, n in cells)
    assert all(lv == overview.level(n, most) for lv, n in cells)
    assert {lv for lv, n in cells if n == 0} == {0} and max(lv for lv, _ in cells) == overview.LEVELS
    assert {lv for lv, n in cells if n == 1} == {1}  # "få" in the legend is one case
    assert len({lv for lv, _ in cells}) >= 3  # the counts differ, so the colours do


@pytest.mark.parametrize("audience", AUDIENCES)
def test_overview_counts_cases_per_region_and_year(network, audience):
    site, kb = network[audience]
    page = site.page("overblik/")
    _, *regions = table_rows(page, "Cases pr. region")
    expected = Counter(kb.centres[c.centre].region for c in kb.cases.values())
    assert {r[0][1]: int(r[1][1]) for r in regions} == {r: expected.get(r, 0) for r in set(kb.regions.values())}
    _, *years = table_rows(page, "Cases pr. år")
    by_year = Counter(c.published.year for c in kb.cases.values())
    assert {int(r[0][1]): int(r[1][1]) for r in years} == {y: by_year.get(y, 0) for y in range(min(by_year), max(by_year) + 1)}


# -- open data ----------------------------------------------------------------


@pytest.mark.parametrize("audience", AUDIENCES)
def test_cases_json_holds_the_audiences_cases_in_a_stable_order(network, audience):
    site, kb = network[audience]
    doc = json.loads((site.out / "cases.json").read_text(encoding="utf-8"))
    names = [f.name for f in opendata.FIELDS]
    assert list(doc) == ["fields", "count", "cases"]
    assert doc["fields"] == names
    assert doc["count"] == len(kb.cases) == len(doc["cases"])
    assert [c["slug"] for c in doc["cases"]] == sorted(kb.cases)
    for rec in doc["cases"]:
        assert list(rec) == names
        case = kb.cases[rec["slug"]]
        assert rec["url"] == configured_site_url(audience) + f"cases/{case.slug}/"
        assert rec["themes"] == list(case.themes) and rec["target_groups"] == list(case.target_groups)
        assert rec["published"] == case.published.isoformat()
        assert rec["visibility"] == case.visibility
        assert rec["region"] == kb.centres[case.centre].region
    assert "contact" not in json.dumps(doc) and "@" not in json.dumps(doc)  # no personal contact data


@pytest.mark.parametrize("audience", AUDIENCES)
def test_cases_csv_is_utf8_with_bom_and_the_same_rows(network, audience):
    site, kb = network[audience]
    raw = (site.out / "cases.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    text = raw.decode("utf-8-sig")
    assert "\r\n" in text
    rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=opendata.CSV_DELIMITER))
    header, *data = rows
    assert header == [f.name for f in opendata.FIELDS]
    assert len(data) == len(kb.cases)
    doc = json.loads((site.out / "cases.json").read_text(encoding="utf-8"))
    for row, rec in zip(data, doc["cases"]):
        values = dict(zip(header, row))
        assert values["slug"] == rec["slug"] and values["title"] == rec["title"]
        assert values["themes"].split(opendata.LIST_SEPARATOR) == rec["themes"]
        assert values["updated"] == (rec["updated"] or "")
        assert values["example"] == ("true" if rec["example"] else "false")
    assert any("å" in r or "ø" in r or "æ" in r for row in data for r in row)  # Danish letters survive


def test_public_open_data_holds_public_cases_only(network):
    (pub_site, _pub), (mem_site, mem) = network["public"], network["members"]
    hidden = [c for c in mem.cases.values() if c.members_only]
    for name in ("cases.json", "cases.csv"):
        text = (pub_site.out / name).read_text(encoding="utf-8-sig")
        for case in hidden:
            assert case.slug not in text and case.title not in text
        assert any(c.slug in (mem_site.out / name).read_text(encoding="utf-8-sig") for c in hidden)


def test_open_data_page_documents_every_field_in_order(network):
    site, _ = network["public"]
    page = site.page("aabne-data/")
    rows = table_rows(page, "Felterne i")
    assert [r[0][1] for r in rows[1:]] == [f.name for f in opendata.FIELDS]
    assert all(r[2][1] for r in rows[1:])  # a description for each
    doc = Html(page)
    assert set(doc.attrs("a", "href")) >= {"../cases.csv", "../cases.json"}


# -- feeds --------------------------------------------------------------------


def _feed(site, path):
    parsed = feedparser.parse((site.out / path).read_bytes())
    assert not parsed.bozo, getattr(parsed, "bozo_exception", None)
    return parsed


def _expected_newest(cases):
    return sorted(cases, key=lambda c: (c.published, c.slug), reverse=True)[: feeds_module.ENTRIES]


@pytest.mark.parametrize("audience", AUDIENCES)
def test_newest_feed_parses_and_holds_the_newest_cases(network, audience):
    site, kb = network[audience]
    base = configured_site_url(audience)
    parsed = _feed(site, "feeds/cases.xml")
    expected = _expected_newest(kb.cases.values())
    assert [e.link for e in parsed.entries] == [f"{base}cases/{c.slug}/" for c in expected]
    assert [e.title for e in parsed.entries] == [c.title for c in expected]
    for e, c in zip(parsed.entries, expected):
        assert e.id == f"tag:{urlsplit(base).hostname},2025:cases/{c.slug}"
        assert dt.date(*e.updated_parsed[:3]) == c.last_changed
        assert dt.date(*e.published_parsed[:3]) == c.published
        assert e.summary == c.summary
        assert {t.term for t in e.tags} == set(c.themes)
    assert dt.date(*parsed.feed.updated_parsed[:3]) == max(c.last_changed for c in expected)
    assert {link.rel: link.href for link in parsed.feed.links}["self"] == base + "feeds/cases.xml"
    assert parsed.version == "atom10" and parsed.feed.language == "da"


@pytest.mark.parametrize("audience", AUDIENCES)
def test_each_theme_has_a_feed_with_its_cases(network, audience):
    site, kb = network[audience]
    for tid in THEME_IDS:
        parsed = _feed(site, f"feeds/tema-{tid}.xml")
        expected = _expected_newest([c for c in kb.cases.values() if tid in c.themes])
        assert [e.link.rsplit("/", 2)[-2] for e in parsed.entries] == [c.slug for c in expected], tid
        assert parsed.feed.title.endswith(kb.themes[tid].title)


def test_public_feeds_hold_public_cases_only(network):
    (pub_site, _), (mem_site, mem) = network["public"], network["members"]
    hidden = {c.slug for c in mem.cases.values() if c.members_only}
    public_ids = {e.id for path in (pub_site.out / "feeds").glob("*.xml") if path.name != "sitemap.xml"
                  for e in _feed(pub_site, f"feeds/{path.name}").entries}
    members_ids = {e.id for path in (mem_site.out / "feeds").glob("*.xml") if path.name != "sitemap.xml"
                   for e in _feed(mem_site, f"feeds/{path.name}").entries}
    assert not {i for i in public_ids if i.rsplit("/", 1)[-1] in hidden}
    assert {i for i in members_ids if i.rsplit("/", 1)[-1] in hidden}


def test_pages_link_their_feeds_from_the_head(network):
    site, kb = network["public"]
    for url in ("", "cases/", "overblik/", "bidrag/", f"cases/{next(iter(kb.cases))}/"):
        head = site.page(url).split("</head>", 1)[0]
        links = re.findall(r'<link rel="alternate" type="application/atom\+xml" href="([^"]+)"', head)
        assert links, url
        assert (site.out / url / links[0]).resolve() == (site.out / "feeds/cases.xml").resolve()
    for tid in THEME_IDS:
        head = site.page(f"temaer/{tid}/").split("</head>", 1)[0]
        hrefs = re.findall(r'<link rel="alternate" type="application/atom\+xml" href="([^"]+)"', head)
        assert f"../../feeds/tema-{tid}.xml" in hrefs
    # Material fetches sitemap.xml beside each alternate link: it must exist, and stay empty.
    assert "<url>" not in (site.out / "feeds/sitemap.xml").read_text(encoding="utf-8")


def test_a_feed_holds_at_most_its_window_of_newest_cases(tmp_path):
    kb = network_kb(tmp_path / "kb")
    for i in range(feeds_module.ENTRIES + 3):
        kb.write_case(f"ekstra-{i:02d}", kb.front_matter(published=dt.date(2025, 1, 1) + dt.timedelta(days=i)))
    site = Site(model(kb, "public"))
    xml = feeds_module.all_feeds(kb.root, site)
    parsed = feedparser.parse(xml["feeds/cases.xml"].encode())
    assert not parsed.bozo
    assert len(parsed.entries) == feeds_module.ENTRIES
    assert parsed.entries[0].link.endswith(f"/ekstra-{feeds_module.ENTRIES + 2:02d}/")
    # The same sources give the same bytes.
    assert feeds_module.all_feeds(kb.root, Site(model(kb, "public"))) == xml


# -- the sample content -------------------------------------------------------


def test_sample_site_has_the_network_pages_and_files(public_site, sample_kb):
    public = sample_kb.for_audience("public")
    expected = ["medlemmer/", "overblik/", "aabne-data/", "moeder/", "moeder/vejledning/"]
    expected += [f"moeder/{slug}/" for slug in public.meetings]
    assert all((public_site.out / p / "index.html").is_file() for p in expected)
    files = ["cases.json", "cases.csv", "feeds/cases.xml", "feeds/moeder.ics"] + [f"feeds/tema-{t}.xml" for t in THEME_IDS]
    assert all((public_site.out / f).is_file() for f in files)
    assert json.loads((public_site.out / "cases.json").read_text(encoding="utf-8"))["count"] == len(public.cases)
    # The sample has past meetings with minutes, and an example meeting for the future.
    assert len(public.meetings) >= 3 and sum(bool(m.minutes) for m in public.meetings.values()) >= 1
    assert max(public.meetings.values(), key=lambda m: m.date).example


def test_without_a_site_url_there_are_no_feeds_and_the_build_says_so(tmp_path, capsys):
    from brobyg import site_config
    from brobyg.render import calendar
    from brobyg.render.pages import StagingWriter
    from tests.conftest import REPO

    kb = network_kb(tmp_path / "kb")
    config = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    kb.write("mkdocs.yml", re.sub(r"^site_url:.*$", "", config, flags=re.M))
    assert site_config.site_url(kb.root) is None
    site = Site(model(kb, "public"))
    assert feeds_module.all_feeds(kb.root, site) == {}
    out = StagingWriter(tmp_path / "staging")
    from brobyg.project import Project

    feeds_module.write(Project(kb.root), site, out)
    calendar.write(Project(kb.root), site, out)
    assert out.written == set()
    assert "site_url" in capsys.readouterr().err
