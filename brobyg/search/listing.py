"""The search page's listing: every case of the audience as card data, written
at build time, so browsing and filtering without a query download a few
small files instead of the whole Pagefind index.

``soeg/liste/index.json`` (fetched on landing) holds the facet values, one
short packed row per case (its centre, themes and target groups as numbers,
newest case first) and the first page of cards. The rest of the cards sit in
``cards-<hash>-<k>.json``, ``CARDS_PER_FILE`` per file, fetched when shown.
Only the audience's cases are in it: the public listing has no members-only case.

A row is three base-36 numbers of fixed widths (given in ``widths``): the
centre's position in ``centres``, a bit mask of ``themes`` and a bit mask of
``target_groups``. A centre's region is ``regions[centre_region[c]]``.
"""

from __future__ import annotations

import hashlib
import json
from typing import Callable

from brobyg.model import THEME_IDS, Case, KnowledgeBase
from brobyg.render.pages import CASES_DIR

LISTING_DIR = "soeg/liste"  # beside the search page (soeg/), as its template says
CARDS_PER_FILE = 25

# The facet keys in the URL and in search.js (which lists them at its top).
FACET_THEME = "tema"
FACET_GROUP = "maalgruppe"
FACET_REGION = "region"
FACET_CENTRE = "center"

_DIGITS = "0123456789abcdefghijklmnopqrstuvwxyz"


def _base36(n: int, width: int) -> str:
    out = ""
    while n:
        n, d = divmod(n, 36)
        out = _DIGITS[d] + out
    return out.rjust(width, "0")


def _width(largest: int) -> int:
    width = 1
    while 36 ** width <= largest:
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
        _base36(centre_at[c.centre], widths[0])
        + _base36(sum(theme_bit[t] for t in c.themes), widths[1])
        + _base36(sum(group_bit[g] for g in c.target_groups), widths[2])
        for c in order
    )
    cards = [[c.slug, c.title, c.summary] for c in order]
    files: dict[str, str] = {}
    pages = [cards[i:i + CARDS_PER_FILE] for i in range(CARDS_PER_FILE, len(cards), CARDS_PER_FILE)]
    names = []
    for k, page in enumerate(pages, start=1):
        text = _json(page)
        name = f"cards-{hashlib.sha256(text.encode()).hexdigest()[:10]}-{k}.json"
        files[name] = text
        names.append(name)
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
        "cards": cards[:CARDS_PER_FILE],
        "files": names,
    }) + "\n"
    return files


def write_listing(kb: KnowledgeBase, write: Callable[[str, str], None]) -> None:
    """Write the listing with ``write(relative path, text)`` (the staging writer)."""
    up = "../" * (LISTING_DIR.count("/") + 1)
    for name, text in listing_files(kb, cases_url=f"{up}{CASES_DIR}/").items():
        write(f"{LISTING_DIR}/{name}", text)
