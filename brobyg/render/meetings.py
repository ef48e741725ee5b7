"""Meeting pages: upcoming and past meetings, one page per meeting (with its
themes, cases, programme, talks, material and minutes), and the next meeting
on the home page and wherever a hand-written page asks for it."""

from __future__ import annotations

import datetime as dt

from brobyg.model import MEETING_TZ, Meeting
from brobyg.render.routes import (
    CALENDAR_FILE, MEETING_GUIDE_PAGE, MEETINGS_PAGE, file_href, meeting_file, meeting_page,
)
from brobyg.render.pages import danish_date

WEEKDAYS = ("mandag", "tirsdag", "onsdag", "torsdag", "fredag", "lørdag", "søndag")
FORMAT_LABEL = {"online": "Online", "physical": "Fysisk møde"}

# A hand-written page (docs/*.md) shows the next meeting where it has this line.
NEXT_MEETING_MARKER = "<!-- brobyg: næste møde -->"


def today() -> dt.date:
    """Today in Denmark: what 'upcoming' is measured from."""
    return dt.datetime.now(MEETING_TZ).date()


def upcoming(kb, on: dt.date) -> list[Meeting]:
    return sorted((m for m in kb.meetings.values() if m.date >= on), key=lambda m: (m.starts_at, m.slug))


def past(kb, on: dt.date) -> list[Meeting]:
    return sorted((m for m in kb.meetings.values() if m.date < on), key=lambda m: (m.starts_at, m.slug), reverse=True)


def danish_time(t: dt.time) -> str:
    return f"{t.hour:02d}.{t.minute:02d}"


def when(m: Meeting) -> str:
    """'torsdag 21. maj 2026 kl. 10.00–15.00'."""
    return f"{WEEKDAYS[m.date.weekday()]} {danish_date(m.date)} kl. {danish_time(m.start)}–{danish_time(m.end)}"


def where(m: Meeting) -> str:
    if m.format == "physical":
        return m.place or "Fysisk møde"
    return "Online" + (f", {m.place}" if m.place else "")


def material_site_path(m: Meeting, url: str) -> str:
    """'meetings/<slug>/slides.pdf' (checked to lie there) -> 'moeder/<slug>/slides.pdf'."""
    return meeting_file(m.slug, url.split(f"/{m.slug}/", 1)[1])


def material_href(page: str, m: Meeting, url: str) -> str:
    return url if "://" in url else file_href(page, material_site_path(m, url))


def _helpers(page: str) -> dict:
    return dict(when=when, where=where, format_label=FORMAT_LABEL, danish_time=danish_time,
                material_href=lambda m, url: material_href(page, m, url),
                calendar_href=file_href(page, CALENDAR_FILE))


def write(project, site, pages, out) -> None:
    kb = site.kb
    on = today()
    coming, held = upcoming(kb, on), past(kb, on)
    pages.page(MEETINGS_PAGE, "meetings.md.j2",
               {"title": "Møder", "description": "Netværkets kommende og tidligere møder.", **calendar_meta()},
               upcoming=coming, past=held, **_helpers(MEETINGS_PAGE))
    pages.page(MEETING_GUIDE_PAGE, "meeting_guide.md.j2", {"title": "Sådan lægger I et møde ind"})
    for m in kb.meetings.values():
        rel = meeting_page(m.slug)
        pages.page(rel, "meeting.md.j2", {"title": m.title, "description": f"Netværksmøde {when(m)}. {where(m)}.", **calendar_meta()},
                   meeting=m, cases=[kb.cases[s] for s in m.cases if s in kb.cases], is_past=m.date < on, **_helpers(rel))
        for p in m.presenters:
            for item in p.material:
                if item.is_file:
                    out.copy(material_site_path(m, item.url), project.root / item.url)
    _fill_next_meeting(project, pages, out, coming[0] if coming else None)


def next_meeting_html(pages, page: str, meeting: Meeting | None) -> str:
    return pages.render("_next_meeting.md.j2", page, meeting=meeting, meetings_page=MEETINGS_PAGE, **_helpers(page))


def _fill_next_meeting(project, pages, out, meeting: Meeting | None) -> None:
    """The home page and hand-written pages with the marker get the next
    meeting in its place (they are already in the staging tree)."""
    docs = project.docs_dir
    rels = ["index.md"] + ([p.relative_to(docs).as_posix() for p in sorted(docs.rglob("*.md"))] if docs.is_dir() else [])
    for rel in rels:
        text = (out.out / rel).read_text(encoding="utf-8")
        if NEXT_MEETING_MARKER in text:
            out.text(rel, text.replace(NEXT_MEETING_MARKER, next_meeting_html(pages, rel, meeting)))


def calendar_meta() -> dict:
    """Head link to the calendar, for the meeting pages (theme/main.html)."""
    return {"alternate": [{"href": CALENDAR_FILE, "type": "text/calendar", "title": "Netværkets møder (kalender)"}]}
