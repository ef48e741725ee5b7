"""Atom feeds: the newest cases, and one per theme.

Written from the model of the audience being built, so the public build's
feeds hold public cases only. Addresses are absolute (from site_url), ids are
tag URIs that do not change when a case is edited, and every date comes from
the cases themselves, so the same sources give the same bytes.
"""

from __future__ import annotations

import datetime as dt
import re
import sys
from urllib.parse import urlsplit
from xml.sax.saxutils import escape, quoteattr

from brobyg.model import THEME_IDS, Case
from brobyg.render.routes import FEEDS_DIR, NEWEST_FEED, theme_feed
from brobyg.render.routes import CASES_DIR, THEMES_DIR, page_url
from brobyg.site_config import site_author, site_name, site_url

ENTRIES = 20  # per feed: a feed is a window on what is new, not an archive
TAG_DATE = "2025"  # the date part of our tag: URIs (RFC 4151); fixed for good
FALLBACK_DATE = dt.date(2025, 1, 1)  # an empty knowledge base (as the build's SOURCE_DATE_EPOCH default)

_NOT_XML = re.compile("[^\u0009\u000a\u000d\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _t(text: str) -> str:
    return escape(_NOT_XML.sub("", text))


def _a(text: str) -> str:
    return quoteattr(_NOT_XML.sub("", text))


def atom_time(d: dt.date) -> str:
    return f"{d.isoformat()}T00:00:00Z"


def tag_uri(base: str, specific: str) -> str:
    return f"tag:{urlsplit(base).hostname},{TAG_DATE}:{specific}"


def case_entry(case: Case, kb, base: str) -> str:
    url = base + page_url(f"{CASES_DIR}/{case.slug}.md")
    cats = "".join(f"<category term={_a(t)} label={_a(kb.themes[t].title)}/>" for t in case.themes)
    return (
        "<entry>"
        f"<title>{_t(case.title)}</title>"
        f'<link rel="alternate" type="text/html" href={_a(url)}/>'
        f"<id>{_t(tag_uri(base, f'cases/{case.slug}'))}</id>"
        f"<published>{atom_time(case.published)}</published>"
        f"<updated>{atom_time(case.last_changed)}</updated>"
        f"<author><name>{_t(kb.centres[case.centre].name)}</name></author>"
        f"{cats}"
        f'<summary type="text">{_t(case.summary)}</summary>'
        "</entry>\n"
    )


def feed(kb, base: str, *, path: str, title: str, subtitle: str, page: str, cases: list[Case],
         author: str, fallback: dt.date) -> str:
    entries = cases[:ENTRIES]
    updated = max((c.last_changed for c in entries), default=fallback)
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n'
        '<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="da">\n'
        f"<title>{_t(title)}</title>\n"
        f"<subtitle>{_t(subtitle)}</subtitle>\n"
        f'<link rel="self" type="application/atom+xml" href={_a(base + path)}/>\n'
        f'<link rel="alternate" type="text/html" href={_a(base + page_url(page))}/>\n'
        f"<id>{_t(tag_uri(base, path))}</id>\n"
        f"<updated>{atom_time(updated)}</updated>\n"
        f"<author><name>{_t(author)}</name></author>\n"
        + "".join(case_entry(c, kb, base) for c in entries)
        + "</feed>\n"
    )


def all_feeds(root, site) -> dict[str, str]:
    """{site path: Atom XML} for the newest cases and each theme."""
    base = site_url(root, site.audience)
    if base is None:
        return {}
    kb, name, author = site.kb, site_name(root), site_author(root)
    fallback = max((c.last_changed for c in site.newest), default=FALLBACK_DATE)
    out = {NEWEST_FEED: feed(
        kb, base, path=NEWEST_FEED, title=f"{name}: nyeste cases", page=f"{CASES_DIR}/index.md",
        subtitle="De nyeste erfaringer med brobygning fra netværkets frivilligcentre.",
        cases=site.newest, author=author, fallback=fallback)}
    for tid in THEME_IDS:
        theme = kb.themes[tid]
        out[theme_feed(tid)] = feed(
            kb, base, path=theme_feed(tid), title=f"{name}: {theme.title}", page=f"{THEMES_DIR}/{tid}.md",
            subtitle=theme.question, cases=site.cases_with_theme(tid), author=author, fallback=fallback)
    return out


def write(project, site, out) -> None:
    feeds = all_feeds(project.root, site)
    if not feeds:
        print("Advarsel: site_url mangler i mkdocs.yml, så feeds og mødekalender bliver ikke lavet. "
              "Skriv sitets adresse, fx 'site_url: https://brobygningsbasen.dk/'.", file=sys.stderr)
    for path, xml in feeds.items():
        out.text(path, xml)
    if feeds:
        out.text(MATERIAL_STUB, EMPTY_SITEMAP)


# Material for MkDocs reads every <link rel="alternate"> as another language
# version of the site and fetches 'sitemap.xml' beside its address. Beside our
# feeds that is this empty sitemap, so each page's request is a small 200, not a 404.
MATERIAL_STUB = f"{FEEDS_DIR}/sitemap.xml"
EMPTY_SITEMAP = '<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"></urlset>\n'


def theme_page_meta(theme) -> dict:
    """Front matter for a theme page: theme/main.html links its feed from the head."""
    return {"alternate": [{"href": theme_feed(theme.id), "type": "application/atom+xml", "title": f"Feed: {theme.title}"}]}
