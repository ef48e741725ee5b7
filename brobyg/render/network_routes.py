"""Where the network's pages and files live in the site (and the staging tree).

One place for these routes: the generators, the templates (through their
callers) and the tests read them from here.
"""

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

SEARCH_PAGE = "soeg.md"


def file_href(from_page: str, file: str) -> str:
    """A link from a staging page to a file (not a page) in the site."""
    from brobyg.render.pages import page_url

    return "../" * page_url(from_page).count("/") + file
