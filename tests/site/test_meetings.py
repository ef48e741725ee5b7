"""Meetings, built for real from the network fixture: the meeting pages, the
links between meetings, themes and cases, the next meeting on the home page
and 'Om netværket', and the iCalendar feed parsed with the icalendar package."""

from __future__ import annotations

import datetime as dt
import re
from zoneinfo import ZoneInfo

import icalendar
import pytest

from brobyg.render import calendar as calendar_module
from brobyg.render import meetings as meetings_module

from .conftest import Html, build
from .network_kb import configured_site_url, model, network_kb

CPH = ZoneInfo("Europe/Copenhagen")



AUDIENCES = ("public", "members")


def _article(page: str) -> str:
    """The page's own content, without navigation."""
    return page.split('<article class="md-content__inner', 1)[1].split('<footer class="md-footer"', 1)[0]


def test_fixture_has_what_the_tests_need(network):
    pub, mem = network["public"][1], network["members"][1]
    today = meetings_module.today()
    assert any(m.members_only for m in mem.meetings.values())
    assert any(m.minutes and m.minutes_visibility == "members" for m in mem.meetings.values() if not m.members_only)
    assert any(m.date >= today for m in pub.meetings.values()) and sum(m.date < today for m in pub.meetings.values()) >= 2


@pytest.mark.parametrize("audience", AUDIENCES)
def test_meetings_page_lists_upcoming_and_past_meetings(network, audience):
    site, kb = network[audience]
    page = site.page("moeder/")
    upcoming_part, past_part = page.split('id="kommende-møder"', 1)[1].split('id="tidligere-møder"', 1)
    today = meetings_module.today()
    linked_up = re.findall(r'href="\.\./moeder/([a-z0-9-]+)/"', upcoming_part.split('id="møderne-i-jeres-kalender"')[0])
    linked_past = re.findall(r'href="\.\./moeder/([a-z0-9-]+)/"', past_part.split('id="møderne-i-jeres-kalender"')[0])
    expected_up = sorted((m for m in kb.meetings.values() if m.date >= today), key=lambda m: m.starts_at)
    expected_past = sorted((m for m in kb.meetings.values() if m.date < today), key=lambda m: m.starts_at, reverse=True)
    assert linked_up == [m.slug for m in expected_up]
    assert linked_past == [m.slug for m in expected_past]


@pytest.mark.parametrize("audience", AUDIENCES)
def test_each_meeting_page_shows_its_time_place_themes_cases_and_talks(network, audience):
    site, kb = network[audience]
    for m in kb.meetings.values():
        page = site.page(f"moeder/{m.slug}/")
        text = Html(page).text
        assert m.title in text
        assert f"{m.start:%H}.{m.start:%M}–{m.end:%H}.{m.end:%M}" in text
        assert f'datetime="{m.starts_at.isoformat()}"' in page
        assert m.starts_at.isoformat().endswith(("+01:00", "+02:00"))
        if m.place:
            assert m.place in text
        meta = page.split('<dl class="bb-meta">', 1)[1].split("</dl>", 1)[0]
        themes = re.findall(r'href="\.\./\.\./temaer/([a-z-]+)/"', meta)
        assert set(themes) == set(m.themes)
        cases = set(re.findall(r'href="\.\./\.\./cases/([a-z0-9-]+)/"', _article(page)))
        assert cases == set(m.cases)
        for item in m.agenda:
            assert item in text
        for p in m.presenters:
            assert p.name in text and p.topic in text
            for mat in p.material:
                href = re.search(r'href="([^"]+)">' + re.escape(mat.title) + "<", page).group(1)
                if mat.is_file:
                    assert (site.out / "moeder" / m.slug / href).resolve().read_bytes() == (network["kb"].root / mat.url).read_bytes()
                else:
                    assert href == mat.url
        assert ('admonition-title">Eksempel<' in page) == m.example


def test_members_only_minutes_show_on_the_members_site_only(network):
    (pub_site, _pub), (mem_site, mem) = network["public"], network["members"]
    for slug, m in mem.meetings.items():
        if m.members_only or not m.minutes:
            continue
        shown_public = m.minutes.strip() in Html(pub_site.page(f"moeder/{slug}/")).text
        assert shown_public == (m.minutes_visibility == "public"), slug
        assert m.minutes.strip() in Html(mem_site.page(f"moeder/{slug}/")).text


def test_members_only_meeting_is_not_in_the_public_build(network):
    (pub_site, _pub), (mem_site, mem) = network["public"], network["members"]
    hidden = [m for m in mem.meetings.values() if m.members_only]
    for m in hidden:
        assert not (pub_site.out / "moeder" / m.slug).exists()
        assert m.title not in pub_site.page("moeder/") and m.title in mem_site.page("moeder/")
        assert "Kun for medlemmer" in Html(mem_site.page(f"moeder/{m.slug}/")).text


@pytest.mark.parametrize("audience", AUDIENCES)
def test_case_pages_link_the_meetings_where_they_were_presented(network, audience):
    site, kb = network[audience]
    for slug in kb.cases:
        page = site.page(f"cases/{slug}/")
        linked = re.findall(r'href="\.\./\.\./moeder/([a-z0-9-]+)/"', page)
        expected = sorted((m for m in kb.meetings.values() if slug in m.cases), key=lambda m: m.starts_at, reverse=True)
        assert linked == [m.slug for m in expected], slug
    assert any(re.search(r'moeder/[a-z0-9-]+/', site.page(f"cases/{s}/")) for s in kb.cases)


@pytest.mark.parametrize("url", ["", "om-netvaerket/"])
def test_home_and_about_pages_show_the_next_meeting(network, url):
    site, kb = network["public"]
    nxt = meetings_module.upcoming(kb, meetings_module.today())[0]
    page = site.page(url)
    assert "<!-- brobyg" not in page
    box = page.split('class="bb-next-meeting"', 1)[1].split("</div>", 1)[0]
    assert nxt.title in Html(box).text
    href = re.search(r'href="([^"]*moeder/[a-z0-9-]+/)"', box).group(1)
    assert href.rstrip("/").endswith(nxt.slug)
    assert (site.out / url / href / "index.html").resolve().is_file()


def test_next_meeting_box_says_so_when_none_is_planned(tmp_path):
    kb = network_kb(tmp_path / "kb")
    for path in (kb.root / "meetings").glob("2099-*.md"):
        path.unlink()
    site = build(kb.root, "public", tmp_path)
    assert "ikke fastlagt endnu" in Html(site.page("")).text


# -- the calendar -------------------------------------------------------------


def _calendar(site):
    raw = (site.out / "feeds/moeder.ics").read_bytes()
    return raw, icalendar.Calendar.from_ical(raw)


@pytest.mark.parametrize("audience", AUDIENCES)
def test_calendar_parses_and_holds_the_audiences_meetings(network, audience):
    site, kb = network[audience]
    raw, cal = _calendar(site)
    # Both calendars name a meeting by the public host, so it is one event in both.
    host = re.sub(r"^https?://|/.*$", "", configured_site_url("public"))
    assert host != re.sub(r"^https?://|/.*$", "", configured_site_url("members"))
    events = {str(e["UID"]): e for e in cal.walk("VEVENT")}
    assert set(events) == {f"{slug}@{host}" for slug in kb.meetings}
    for slug, m in kb.meetings.items():
        e = events[f"{slug}@{host}"]
        start, end = e.decoded("DTSTART"), e.decoded("DTEND")
        assert start == dt.datetime.combine(m.date, m.start, CPH) and start.utcoffset() == m.starts_at.utcoffset()
        assert end == dt.datetime.combine(m.date, m.end, CPH)
        assert str(e["SUMMARY"]) == m.title
        assert int(e["SEQUENCE"]) == (m.last_changed - m.published).days
        assert e.decoded("DTSTAMP") == dt.datetime.combine(m.last_changed, dt.time(), dt.timezone.utc)
        assert e.decoded("LAST-MODIFIED") == e.decoded("DTSTAMP")
        assert str(e["URL"]) == configured_site_url(audience) + f"moeder/{slug}/"
        if m.place and m.format == "physical":
            assert str(e["LOCATION"]) == m.place
    assert [str(c["TZID"]) for c in cal.walk("VTIMEZONE")] == ["Europe/Copenhagen"]
    # RFC 5545: CRLF line ends, no line longer than 75 octets.
    lines = raw.split(b"\r\n")
    assert lines[-1] == b"" and all(b"\n" not in line for line in lines)
    assert max(len(line) for line in lines) <= 75


def test_public_calendar_leaves_members_only_meetings_out(network):
    (pub_site, _), (_mem_site, mem) = network["public"], network["members"]
    _, pub_cal = _calendar(pub_site)
    uids = {str(e["UID"]).split("@")[0] for e in pub_cal.walk("VEVENT")}
    hidden = {m.slug for m in mem.meetings.values() if m.members_only}
    assert hidden and not uids & hidden


def test_calendar_update_replaces_the_event(tmp_path):
    """A changed time keeps the UID and raises SEQUENCE and DTSTAMP, so a calendar
    program replaces its copy; the same sources give the same bytes."""
    kb = network_kb(tmp_path / "kb")
    slug = "2099-09-03-online-kendskab"
    base = configured_site_url()
    before = calendar_module.calendar(model(kb, "public"), base, "Brobygningsbasen")
    assert calendar_module.calendar(model(kb, "public"), base, "Brobygningsbasen") == before
    rel = f"meetings/{slug}.md"
    kb.write(rel, kb.read(rel).replace('start: "10:00"', 'start: "10:30"').replace("published: 2025-05-01", "published: 2025-05-01\nupdated: 2025-05-20"))
    after = calendar_module.calendar(model(kb, "public"), base, "Brobygningsbasen")

    def event(text):
        return next(e for e in icalendar.Calendar.from_ical(text).walk("VEVENT") if str(e["UID"]).startswith(slug))

    old, new = event(before), event(after)
    assert str(old["UID"]) == str(new["UID"])
    assert int(new["SEQUENCE"]) > int(old["SEQUENCE"])
    assert new.decoded("DTSTAMP") > old.decoded("DTSTAMP")
    assert new.decoded("DTSTART") - old.decoded("DTSTART") == dt.timedelta(minutes=30)
    others = [e for e in icalendar.Calendar.from_ical(after).walk("VEVENT") if not str(e["UID"]).startswith(slug)]
    assert [e.to_ical() for e in others] == [e.to_ical() for e in icalendar.Calendar.from_ical(before).walk("VEVENT")
                                           if not str(e["UID"]).startswith(slug)]


def test_meeting_pages_link_the_calendar_from_the_head(network):
    site, kb = network["public"]
    for url in ["moeder/"] + [f"moeder/{s}/" for s in kb.meetings]:
        head = site.page(url).split("</head>", 1)[0]
        href = re.search(r'<link rel="alternate" type="text/calendar" href="([^"]+)"', head).group(1)
        assert (site.out / url / href).resolve() == (site.out / "feeds/moeder.ics").resolve()
