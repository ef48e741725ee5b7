"""The members page: the member centres from the registry, grouped by region,
each with its municipality, website and the audience's cases."""

from __future__ import annotations

from collections import defaultdict

from brobyg.render.routes import MEMBERS_PAGE


def by_region(kb) -> list[tuple[str, list]]:
    """[(region, [centre, ...])], regions and centres in Danish alphabetical order."""
    groups: dict[str, list] = defaultdict(list)
    for centre in kb.centres.values():
        groups[centre.region].append(centre)
    return [(region, sorted(groups[region], key=lambda c: danish_key(c.name))) for region in sorted(groups, key=danish_key)]


_DANISH_ORDER = str.maketrans({"æ": "{", "ø": "|", "å": "}", "Æ": "{", "Ø": "|", "Å": "}"})


def danish_key(text: str) -> str:
    """Sort key with æ, ø, å after z, as a Danish reader expects."""
    return text.casefold().translate(_DANISH_ORDER)


def write(site, pages) -> None:
    regions = by_region(site.kb)
    pages.page(MEMBERS_PAGE, "members.md.j2", {"title": "Medlemmer", "description": "Frivilligcentrene i netværket, efter region."},
               regions=regions)
