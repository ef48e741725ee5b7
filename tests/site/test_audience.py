"""Two audiences. A members-only case leaves no trace in the public build:
every byte of the output is scanned, gzip streams opened."""

from __future__ import annotations

import gzip
import zlib

import pytest

from tests.conftest import copy_fixture

from .conftest import Html, build

MARKERS = {
    "title": "Hemmelig titel XQZMARKTITLE",
    "summary": "Et resumé, som aldrig må stå offentligt, med markøren XQZMARKSUMMARY",  # marker last: the scan also looks for the last word alone
    "body": "XQZMARKBODY",
    "slug": "xqzmarkslug-medlemscase",
    "partner": "XQZMARKPARTNER",
    # a members-only meeting, and the members-only minutes of a public one
    "meeting_title": "Medlemsmøde XQZMARKMEETING",
    "meeting_slug": "2025-05-08-xqzmarkmeetingslug",
    "meeting_agenda": "XQZMARKAGENDA",
    "meeting_presenter": "XQZMARKPRESENTER",
    "meeting_place": "XQZMARKPLACE",
    "minutes": "XQZMARKMINUTES",
}

MEMBERS_MEETING = f"""---
title: {MARKERS["meeting_title"]}
date: 2025-05-08
start: "09:30"
end: "11:00"
format: physical
place: Lokalet {MARKERS["meeting_place"]}
themes: [velkomst]
agenda: ["{MARKERS["meeting_agenda"]}"]
presenters:
  - name: {MARKERS["meeting_presenter"]}
    topic: Et oplæg kun for medlemmer
cases: [{MARKERS["slug"]}, aaben-cafe]
visibility: members
minutes_visibility: members
published: 2025-04-01
---

Kun for medlemmer.

## Referat

Referat af medlemsmødet.
"""

PUBLIC_MEETING_MEMBERS_MINUTES = f"""---
title: Offentligt møde med lukket referat
date: 2025-04-10
start: "13:00"
end: "14:30"
format: online
themes: [velkomst]
cases: [aaben-cafe]
visibility: public
minutes_visibility: members
published: 2025-03-01
---

Et offentligt møde.

## Referat

Drøftelsen handlede om {MARKERS["minutes"]}.
"""


def _all_bytes(folder):
    """Every file's bytes, with gzip/zlib streams opened (sitemap.xml.gz, Pagefind chunks)."""
    for path in sorted(folder.rglob("*")):
        if not path.is_file():
            continue
        data = path.read_bytes()
        yield path, data
        if data[:2] == b"\x1f\x8b":
            yield path, gzip.decompress(data)
        else:
            try:
                yield path, zlib.decompress(data)
            except zlib.error:
                pass
    # file names count as output too
    yield folder, "\n".join(p.relative_to(folder).as_posix() for p in folder.rglob("*")).encode()


@pytest.fixture(scope="module")
def audience_sites(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("audience")
    kb = copy_fixture("minimal", tmp / "kb")
    fm = kb.front_matter(
        title=MARKERS["title"], summary=MARKERS["summary"], visibility="members",
        themes=["velkomst", "vejen-ind"], partners=[MARKERS["partner"]],
    )
    body = kb.valid_body + f"\n\nDenne tekst indeholder {MARKERS['body']}. Se også [caféen](aaben-cafe.md).\n"
    kb.write_case(MARKERS["slug"], fm, body)
    kb.write(f"meetings/{MARKERS['meeting_slug']}.md", MEMBERS_MEETING)
    kb.write("meetings/2025-04-10-offentligt-moede.md", PUBLIC_MEETING_MEMBERS_MINUTES)
    assert not [p for p in kb.problems() if p.severity == "error"]
    return build(kb.root, "public", tmp), build(kb.root, "members", tmp)


def test_public_build_holds_no_trace_of_members_only_cases(audience_sites):
    public, members = audience_sites
    # The scan below covers the search page's listing too: it is there, and
    # the members' listing has the case the public one must not.
    listing = public.out / "soeg" / "liste" / "index.json"
    assert listing.is_file()
    assert MARKERS["slug"].encode() in (members.out / "soeg" / "liste" / "cards-0.json").read_bytes()
    hits = []
    for path, data in _all_bytes(public.out):
        for name, marker in MARKERS.items():
            if marker.encode() in data or marker.split()[-1].encode() in data:
                hits.append((path.relative_to(public.out).as_posix() if path != public.out else "(names)", name))
    assert hits == []


def test_members_build_holds_the_markers_and_marks_them(audience_sites):
    _, members = audience_sites
    found = {name for _, data in _all_bytes(members.out) for name, m in MARKERS.items() if m.encode() in data}
    assert found == set(MARKERS)
    page = Html(members.page(f"cases/{MARKERS['slug']}/")).text
    assert "Kun for medlemmer" in page
    assert "Medlemssite." in page  # banner on every page of the members' build
    assert "Medlemssite." in Html(members.page("")).text
    # Its cards say so too.
    assert "Kun for medlemmer" in Html(members.page("temaer/velkomst/")).text
    assert "Kun for medlemmer" in Html(members.page(f"moeder/{MARKERS['meeting_slug']}/")).text


def test_public_meeting_shows_without_its_members_only_minutes(audience_sites):
    public, members = audience_sites
    assert "Offentligt møde med lukket referat" in Html(public.page("moeder/")).text
    assert MARKERS["minutes"] in Html(members.page("moeder/2025-04-10-offentligt-moede/")).text
    assert MARKERS["minutes"] not in Html(public.page("moeder/2025-04-10-offentligt-moede/")).text


def test_public_counts_ignore_members_cases(audience_sites):
    public, members = audience_sites
    pub = Html(public.page("temaer/velkomst/")).text
    mem = Html(members.page("temaer/velkomst/")).text
    n_pub = int(pub.split("Cases om den gode velkomst (")[1].split(")")[0])
    n_mem = int(mem.split("Cases om den gode velkomst (")[1].split(")")[0])
    assert n_mem == n_pub + 1
    assert "Medlemssite." not in Html(public.page("")).text


def test_public_and_members_builds_go_to_separate_folders(tmp_path):
    from brobyg.pipeline.build import default_out

    assert default_out(tmp_path, "public") != default_out(tmp_path, "members")


def test_public_case_linking_to_members_case_is_an_error(tmp_path):
    kb = copy_fixture("minimal", tmp_path / "kb")
    kb.write_case("hemmelig", kb.front_matter(visibility="members"))
    body = kb.valid_body + "\nSe [den hemmelige](hemmelig.md).\n"
    rel = kb.write_case("offentlig", kb.front_matter(), body)
    problems = [p for p in kb.problems() if p.code == "CASE-MEMBERS-LINK"]
    assert len(problems) == 1
    assert problems[0].path == rel and "cases/hemmelig.md" in problems[0].message and rel in problems[0].message


def test_members_build_has_its_own_address(audience_sites):
    """Canonical links and the sitemap of the members' build never point
    members-only pages at the public host."""
    import re

    import yaml

    from tests.conftest import REPO

    config = yaml.safe_load(re.sub(r"!!python\S+ \{[^}]*\}", "null", (REPO / "mkdocs.yml").read_text(encoding="utf-8")))
    public_host, members_host = config["site_url"], config["extra"]["members_site_url"]
    assert public_host != members_host
    public, members = audience_sites
    for site, own, other in ((members, members_host, public_host), (public, public_host, members_host)):
        canonical = [href for path in site.html_files() if "pagefind" not in path.parts
                     for href in Html(path.read_text(encoding="utf-8")).attrs_where("link", "href", rel="canonical")]
        assert canonical and all(href.startswith(own) for href in canonical), (site.audience, canonical[:3])
        sitemap = (site.out / "sitemap.xml").read_text(encoding="utf-8")
        locs = re.findall(r"<loc>([^<]*)</loc>", sitemap) + re.findall(r"<loc>([^<]*)</loc>", gzip.decompress((site.out / "sitemap.xml.gz").read_bytes()).decode())
        assert locs and all(loc.startswith(own) for loc in locs), (site.audience, locs[:3])
        assert not any(other.encode() in data for _, data in _all_bytes(site.out)), site.audience
    assert f"{members_host}cases/{MARKERS['slug']}/" in (members.out / "sitemap.xml").read_text(encoding="utf-8")
