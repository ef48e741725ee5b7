"""The page kinds every quality gate covers, in both audiences.

One list, in one place: add a kind here (a name, where its page is in the
sample content's build, and what to do before checking it) and every gate
(axe, keyboard, the Lighthouse bench) covers it too.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable
from urllib.parse import quote

from brobyg.problems import EXPLANATIONS_PATH
from brobyg.render import routes
from brobyg.render.routes import page_url

AUDIENCES = ("public", "members")
WIDTHS = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 375, "height": 740}}
SCHEMES = ("light", "dark")


@dataclass(frozen=True)
class Sample:
    """What the sample content has for one audience: one case of each kind of
    interest, so the kinds' URLs follow the content rather than being typed in."""

    kb: object  # the validator's KnowledgeBase
    audience: str

    @property
    def case(self):
        """The members' build shows a members-only case (banner, admonition);
        the public one a case with an image."""
        cases = sorted(self.kb.cases.values(), key=lambda c: c.slug)
        if self.audience == "members":
            return next(c for c in cases if c.members_only)
        from tests.conftest import REPO
        return next(c for c in cases if not c.members_only and (REPO / "cases" / c.slug).is_dir())


    @property
    def meeting(self):
        """The newest past meeting whose minutes this audience sees: the
        public build has public minutes, the members' build members-only ones."""
        from brobyg.render.meetings import past, today

        return next(m for m in past(self.kb, today())
                    if m.minutes and (self.audience == "members" or m.minutes_visibility == "public"))

    @property
    def query(self) -> str:
        """A word of the case's title that not every case has: the search
        page then shows highlights and facets with no cases left."""
        words = [w for w in self.case.title.split() if len(w) > 4]
        return max(words, key=len)


def open_filters(page) -> None:
    """The search page with its results listed and, on a phone, its filters unfolded."""
    page.wait_for_selector(".bb-search__results li", state="attached")
    toggle = page.locator(".bb-search__toggle")
    if toggle.is_visible() and toggle.get_attribute("aria-expanded") == "false":
        toggle.click()
        page.wait_for_selector(".bb-search__facets", state="visible")


@dataclass(frozen=True)
class Kind:
    name: str
    url: Callable[[Sample], str]  # the page's path below the site root
    prepare: Callable | None = None  # run on the loaded page before a check

    def __str__(self) -> str:
        return self.name


PAGE_KINDS = [
    Kind("home", lambda s: ""),
    Kind("theme", lambda s: f"temaer/{s.case.themes[0]}/"),
    Kind("case", lambda s: f"cases/{s.case.slug}/"),
    Kind("centre", lambda s: f"centre/{s.case.centre}/"),
    Kind("target group", lambda s: f"maalgrupper/{s.case.target_groups[0]}/"),
    Kind("all cases", lambda s: "cases/"),
    # A query that finds some cases: highlights in the results, and empty facets.
    Kind("search with filters open", lambda s: f"soeg/?q={quote(s.query)}", open_filters),
    Kind("contributor guide", lambda s: "bidrag/"),
    Kind("accessibility statement", lambda s: "tilgaengelighed/"),
    Kind("404", lambda s: "404.html"),
    # The network's pages and the check's error codes.
    Kind("error codes", lambda s: page_url(f"{EXPLANATIONS_PATH.rstrip('/')}.md")),
    Kind("meetings", lambda s: page_url(routes.MEETINGS_PAGE)),
    Kind("meeting with minutes", lambda s: page_url(routes.meeting_page(s.meeting.slug))),
    Kind("meeting guide", lambda s: page_url(routes.MEETING_GUIDE_PAGE)),
    Kind("members", lambda s: page_url(routes.MEMBERS_PAGE)),
    Kind("overview", lambda s: page_url(routes.OVERVIEW_PAGE)),
    Kind("open data", lambda s: page_url(routes.OPEN_DATA_PAGE)),
]
# Not a kind: /admin/ on the members' build, the CMS's own pages (a third-party
# application the gates do not cover; the accessibility statement says so).
