"""Links to the search page with filters set.

The search page (theme/assets/javascripts/search.js) reads its filters from
the query string: one parameter per facet (``tema``, ``maalgruppe``,
``region``, ``center``), repeated for several values, each value as the search
index holds it (brobyg/search/records.py: the theme's title, the target
group's label, the region's and the centre's names).
"""

from __future__ import annotations

from urllib.parse import urlencode

from brobyg.render.routes import SEARCH
from brobyg.render.routes import FACET_CENTRE, FACET_GROUP, FACET_REGION, FACET_THEME


def search_query(kb, theme: str | None = None, group: str | None = None, region: str | None = None,
                 centre: str | None = None) -> str:
    """'?tema=…&maalgruppe=…' for theme and target-group ids, a region name and a centre id."""
    params = []
    if theme:
        params.append((FACET_THEME, kb.themes[theme].title))
    if group:
        params.append((FACET_GROUP, kb.target_groups[group].label))
    if region:
        params.append((FACET_REGION, region))
    if centre:
        params.append((FACET_CENTRE, kb.centres[centre].name))
    return "?" + urlencode(params) if params else ""


def search_href(href, kb, **filters) -> str:
    """The search page's address from the current page, with ``filters`` set."""
    return href(SEARCH) + search_query(kb, **filters)
