"""The search page's listing: every case of the audience as card data, written
at build time, so browsing and filtering without a query download a few
small files instead of the whole Pagefind index.

``soeg/liste/index.json`` holds the facet values and one short packed row
per case (its centre, themes and target groups as numbers, newest case
first); a query needs it for the facets too. The cards sit in
``cards-<k>.json``, ``CARDS_PER_FILE`` per file, fetched when shown
(landing fetches the first beside the index; the page revalidates both, so a
new build is never mixed with cached files of an old one). Only the audience's cases are
in it: the public listing has no members-only case.

A row is three numbers in ``DIGITS`` (6 bits a digit) of fixed widths (given
in ``widths``): the centre's position in the centre facet, a bit mask of the
theme facet's values and one of the target-group facet's. A centre's region
is ``facets.region[centre_region[c]]``.
"""

from __future__ import annotations

import json
from typing import Callable

from brobyg.model import THEME_IDS, Case, KnowledgeBase
from brobyg.render.routes import CASES_DIR, FACET_CENTRE, FACET_GROUP, FACET_REGION, FACET_THEME

LISTING_DIR = "soeg/liste"  # beside the search page (soeg/), as its template says
CARDS_PER_FILE = 25

# 64 digits, 6 bits each (the order of base64url, starting with 0-9 for readability).
DIGITS = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_"


def _digits(n: int, width: int) -> str:
    out = ""
    while n:
        n, d = divmod(n, 64)
        out = DIGITS[d] + out
    return out.rjust(width, "0")


def _width(largest: int) -> int:
    width = 1
    while 64 ** width <= largest:
        width += 1
    return width


def listing_order(kb: KnowledgeBase) -> list[Case]:
    """The order of the listing (and of the Pagefind filter ``i``): newest first."""
    return kb.newest_first()


def _json(value) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def listing_files(kb: KnowledgeBase, cases_url: str = "cases/") -> dict[str, str]:
    """{file name: JSON text} of the listing for ``kb`` (one audience)."""
    order = listing_order(kb)
    used_centres = sorted({c.centre for c in order}, key=lambda cid: kb.centres[cid].name)
    themes = [t for t in THEME_IDS if any(t in c.themes for c in order)]
    groups = sorted({g for c in order for g in c.target_groups}, key=lambda g: kb.target_groups[g].label)
    regions = sorted({kb.centres[cid].region for cid in used_centres})
    centre_at = {cid: i for i, cid in enumerate(used_centres)}
    theme_bit = {t: 1 << i for i, t in enumerate(themes)}
    group_bit = {g: 1 << i for i, g in enumerate(groups)}
    widths = [_width(len(used_centres)), _width((1 << len(themes)) - 1), _width((1 << len(groups)) - 1)]
    rows = "".join(
        _digits(centre_at[c.centre], widths[0])
        + _digits(sum(theme_bit[t] for t in c.themes), widths[1])
        + _digits(sum(group_bit[g] for g in c.target_groups), widths[2])
        for c in order
    )
    cards = [[c.slug, c.title, c.summary] for c in order]
    files: dict[str, str] = {}
    pages = [cards[i:i + CARDS_PER_FILE] for i in range(0, len(cards), CARDS_PER_FILE)] or [[]]  # the page asks for cards-0
    for k, page in enumerate(pages):
        files[f"cards-{k}.json"] = _json(page)
    files["index.json"] = _json({
        "count": len(order),
        "cases_url": cases_url,
        "facets": {
            FACET_THEME: [kb.themes[t].title for t in themes],
            FACET_GROUP: [kb.target_groups[g].label for g in groups],
            FACET_REGION: regions,
            FACET_CENTRE: [kb.centres[cid].name for cid in used_centres],
        },
        "centre_region": [regions.index(kb.centres[cid].region) for cid in used_centres],
        "widths": widths,
        "rows": rows,
        "per_file": CARDS_PER_FILE,
        "files": len(pages),
    }) + "\n"
    return files


def write_listing(kb: KnowledgeBase, write: Callable[[str, str], None]) -> None:
    """Write the listing with ``write(relative path, text)`` (the staging writer)."""
    up = "../" * (LISTING_DIR.count("/") + 1)
    for name, text in listing_files(kb, cases_url=f"{up}{CASES_DIR}/").items():
        write(f"{LISTING_DIR}/{name}", text)
