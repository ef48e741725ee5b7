"""The site's routes, declared once: where each kind of page lives, the nav,
and the search facets' ids.

Templates (``routes`` in their context), the search records, the MkDocs
nav (the adapter injects ``nav()`` at config time) and the search script
(which reads ``FACETS`` from the search page) all ask this module. Staging
paths are Markdown files as the generator reads them ('cases/x.md'); URLs are
directory URLs as MkDocs and Zensical make them ('cases/x/').
"""

from __future__ import annotations

import json

from brobyg.model import THEME_IDS

# Folders of the site (and of the staging tree).
THEMES_DIR = "temaer"
CASES_DIR = "cases"
CENTRES_DIR = "centre"
GROUPS_DIR = "maalgrupper"

# Single pages.
HOME = "index.md"
THEMES_INDEX = f"{THEMES_DIR}/index.md"
CASES_INDEX = f"{CASES_DIR}/index.md"
CENTRES_INDEX = f"{CENTRES_DIR}/index.md"
GROUPS_INDEX = f"{GROUPS_DIR}/index.md"
SEARCH = "soeg.md"
ABOUT = "om-netvaerket.md"  # hand-written, from docs/
CONTRIBUTE = "bidrag.md"  # hand-written, from docs/

# Search facets: (id in the index and the URL's query, label on the search page).
FACET_THEME = "tema"
FACET_GROUP = "maalgruppe"
FACET_REGION = "region"
FACET_CENTRE = "center"
FACETS = ((FACET_THEME, "Tema"), (FACET_GROUP, "Målgruppe"), (FACET_REGION, "Region"), (FACET_CENTRE, "Center"))


def theme(theme_id: str) -> str:
    return f"{THEMES_DIR}/{theme_id}.md"


def case(slug: str) -> str:
    return f"{CASES_DIR}/{slug}.md"


def case_asset(slug: str, rel: str) -> str:
    """An image or other file beside a case (cases/<slug>/<rel>)."""
    return f"{CASES_DIR}/{slug}/{rel}"


def centre(centre_id: str) -> str:
    return f"{CENTRES_DIR}/{centre_id}.md"


def group(group_id: str) -> str:
    return f"{GROUPS_DIR}/{group_id}.md"


# -- the network's pages and files ------------------------------------------------
MEMBERS_PAGE = "medlemmer.md"
OVERVIEW_PAGE = "overblik.md"
OPEN_DATA_PAGE = "aabne-data.md"
MEETINGS_DIR = "moeder"
MEETINGS_PAGE = f"{MEETINGS_DIR}/index.md"
MEETING_GUIDE_PAGE = f"{MEETINGS_DIR}/vejledning.md"


def meeting_page(slug: str) -> str:
    return f"{MEETINGS_DIR}/{slug}.md"


def meeting_file(slug: str, name: str) -> str:
    """Where a meeting's material file (meetings/<slug>/<name>) lands in the site."""
    return f"{MEETINGS_DIR}/{slug}/{name}"


# Everything a page's head links as rel="alternate" lives in FEEDS_DIR (see feeds.MATERIAL_STUB).
FEEDS_DIR = "feeds"
CALENDAR_FILE = f"{FEEDS_DIR}/moeder.ics"
NEWEST_FEED = f"{FEEDS_DIR}/cases.xml"  # theme/main.html links it from every page


def theme_feed(theme_id: str) -> str:
    return f"{FEEDS_DIR}/tema-{theme_id}.xml"


CASES_JSON = "cases.json"
CASES_CSV = "cases.csv"


def file_href(from_page: str, file: str) -> str:
    """A link from a staging page to a file (not a page) in the site."""
    return "../" * page_url(from_page).count("/") + file


def nav() -> list:
    """The site's navigation, as MkDocs' `nav` setting spells it."""
    return [
        {"Forside": HOME},
        {"Temaer": [THEMES_INDEX, *(theme(t) for t in THEME_IDS)]},
        {"Cases": CASES_INDEX},
        {"Centre": CENTRES_INDEX},
        {"Målgrupper": GROUPS_INDEX},
        {"Søg": SEARCH},
        {"Netværket": [ABOUT, {"Møder": MEETINGS_PAGE}, {"Medlemmer": MEMBERS_PAGE},
                       {"Overblik": OVERVIEW_PAGE}, {"Åbne data": OPEN_DATA_PAGE}]},
        {"Skriv en case": CONTRIBUTE},
    ]


def facets_json() -> str:
    """The facets for the search script, as the search page embeds them."""
    return json.dumps([{"key": key, "label": label} for key, label in FACETS], ensure_ascii=False)


# Case bodies link to sources (../topics/x.md, ../docs/x.md); the site keeps
# them elsewhere.
SOURCE_TO_SITE = (("../topics/", f"../{THEMES_DIR}/"), ("../docs/", "../"))


def page_url(rel: str) -> str:
    """The site URL (relative to the root) of a staging page, with directory
    URLs as MkDocs and Zensical make them: 'cases/x.md' -> 'cases/x/'."""
    stem = rel[:-3] if rel.endswith(".md") else rel
    if stem == "index":
        return ""
    if stem.endswith("/index"):
        stem = stem[: -len("/index")]
    return stem + "/"


def relative_url(from_page: str, to_page: str) -> str:
    """A link from one staging page to another, as the browser needs it.

    Listings and panels are raw HTML (Markdown's HTML parser made big listings
    many times slower), so their links are resolved here, not by the generator:
    up to the site root, then down to the target."""
    up = "../" * page_url(from_page).count("/")
    return (up + page_url(to_page)) or "./"
