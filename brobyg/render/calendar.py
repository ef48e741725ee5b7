"""The meetings as an iCalendar feed (RFC 5545) that calendar programs can
subscribe to.

Each meeting keeps its UID for good (its file name at the public site's host,
in both calendars), so a change of time or place replaces the event instead
of adding another, and a member who subscribes to both calendars sees a
meeting once. The
change counters come from the file's own dates, never from the clock:
SEQUENCE is the number of days from 'published' to 'updated', and DTSTAMP and
LAST-MODIFIED are the day of the latest change. Times are local Danish time
with the VTIMEZONE for Europe/Copenhagen included.
"""

from __future__ import annotations

import datetime as dt
from urllib.parse import urlsplit

from brobyg.model import Meeting
from brobyg.render.routes import CALENDAR_FILE, MEETINGS_PAGE, meeting_page
from brobyg.render.routes import page_url
from brobyg.site_config import site_name, site_url
from brobyg.render.text import plain_text

TZID = "Europe/Copenhagen"
# Denmark's rules since 1996 (EU summer time): last Sunday of March and of October.
VTIMEZONE = (
    "BEGIN:VTIMEZONE",
    f"TZID:{TZID}",
    "BEGIN:DAYLIGHT",
    "TZOFFSETFROM:+0100",
    "TZOFFSETTO:+0200",
    "TZNAME:CEST",
    "DTSTART:19700329T020000",
    "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU",
    "END:DAYLIGHT",
    "BEGIN:STANDARD",
    "TZOFFSETFROM:+0200",
    "TZOFFSETTO:+0100",
    "TZNAME:CET",
    "DTSTART:19701025T030000",
    "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU",
    "END:STANDARD",
    "END:VTIMEZONE",
)


def escape_text(text: str) -> str:
    """A TEXT value: backslash, semicolon, comma and newlines escaped."""
    return (text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
            .replace("\r\n", "\n").replace("\r", "\n").replace("\n", "\\n"))


def fold(line: str) -> str:
    """Lines of at most 75 octets, continued with CRLF and a space, never inside a character."""
    out, current, size = [], "", 0
    for ch in line:
        n = len(ch.encode("utf-8"))
        if size + n > 75:
            out.append(current)
            current, size = " ", 1
        current += ch
        size += n
    out.append(current)
    return "\r\n".join(out)


def _utc_day(d: dt.date) -> str:
    return f"{d:%Y%m%d}T000000Z"


def _local(d: dt.date, t: dt.time) -> str:
    return f"{d:%Y%m%d}T{t:%H%M}00"


def sequence(m: Meeting) -> int:
    return (m.last_changed - m.published).days


def uid(m: Meeting, base: str) -> str:
    return f"{m.slug}@{urlsplit(base).hostname}"


def description(m: Meeting, kb, url: str) -> str:
    parts = [plain_text(m.body)] if m.body.strip() else []
    if m.agenda:
        parts.append("Program:\n" + "\n".join(f"- {item}" for item in m.agenda))
    if m.presenters:
        parts.append("Oplæg:\n" + "\n".join(
            f"- {p.topic} ({p.name}{', ' + kb.centres[p.centre].name if p.centre else (', ' + p.organisation if p.organisation else '')})"
            for p in m.presenters))
    parts.append(f"Læs mere: {url}")
    return "\n\n".join(parts)


def event(m: Meeting, kb, base: str, uid_base: str) -> list[str]:
    url = base + page_url(meeting_page(m.slug))
    location = m.place if m.format == "physical" else ("Online" + (f": {m.place}" if m.place else ""))
    lines = [
        "BEGIN:VEVENT",
        f"UID:{uid(m, uid_base)}",
        f"DTSTAMP:{_utc_day(m.last_changed)}",
        f"CREATED:{_utc_day(m.published)}",
        f"LAST-MODIFIED:{_utc_day(m.last_changed)}",
        f"SEQUENCE:{sequence(m)}",
        f"DTSTART;TZID={TZID}:{_local(m.date, m.start)}",
        f"DTEND;TZID={TZID}:{_local(m.date, m.end)}",
        f"SUMMARY:{escape_text(m.title)}",
        f"LOCATION:{escape_text(location or '')}",
        f"DESCRIPTION:{escape_text(description(m, kb, url))}",
        f"URL:{url}",
        "CATEGORIES:" + ",".join(escape_text(kb.themes[t].title) for t in m.themes),
        "STATUS:CONFIRMED",
        "TRANSP:OPAQUE",
        "END:VEVENT",
    ]
    return lines


def calendar(kb, base: str, name: str, uid_base: str | None = None) -> str:
    """``base`` is this audience's address; ``uid_base`` the public one, which
    names every meeting in both calendars (default: ``base``)."""
    meetings = sorted(kb.meetings.values(), key=lambda m: (m.starts_at, m.slug))
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:-//FriSe//{escape_text(name)}//DA",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"NAME:{escape_text(name)}: netværksmøder",
        f"X-WR-CALNAME:{escape_text(name)}: netværksmøder",
        f"X-WR-TIMEZONE:{TZID}",
        "REFRESH-INTERVAL;VALUE=DURATION:PT12H",
        "X-PUBLISHED-TTL:PT12H",
        f"URL:{base + page_url(MEETINGS_PAGE)}",
        *VTIMEZONE,
    ]
    for m in meetings:
        lines += event(m, kb, base, uid_base or base)
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + "\r\n" for line in lines)


def write(project, site, out) -> None:
    base = site_url(project.root, site.audience)
    if base is None:
        return  # feeds.write has said why
    out.text(CALENDAR_FILE, calendar(site.kb, base, site_name(project.root), site_url(project.root, "public")))
