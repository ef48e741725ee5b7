"""The overview page ("Overblik"): where does the network lack knowledge?

Cases per theme × target group as a table and as a heat map drawn here, at
build time, as SVG (no chart library in the browser), plus cases per region
and per year. Every count links to the search page with those filters set.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from html import escape

from markupsafe import Markup

from brobyg.model import THEME_IDS
from brobyg.render.members import danish_key
from brobyg.render.routes import OVERVIEW_PAGE
from brobyg.render.search_links import search_href

# Heat map levels, from "none" (0) to "most" (LEVELS). Their colours are in
# brobyg.css (--bb-heat-N and --bb-heat-N-ink), one set for the light palette
# and one for the dark: each pair has a contrast ratio of at least 4.5:1
# (tests/browser/quality/test_contrast.py measures them as rendered), and the
# count is always written in the cell, so colour is never the only cue.
LEVELS = 4


@dataclass(frozen=True)
class Matrix:
    themes: tuple[str, ...]  # ids, columns
    groups: tuple[str, ...]  # ids, rows
    counts: dict[tuple[str, str], int]  # (theme, group) -> cases with both
    theme_totals: dict[str, int]  # cases with the theme
    group_totals: dict[str, int]  # cases with the target group

    @property
    def max(self) -> int:
        return max(self.counts.values(), default=0)

    def empty_cells(self) -> list[tuple[str, str]]:
        return [k for k, n in self.counts.items() if n == 0]


def theme_group_matrix(kb, cases) -> Matrix:
    counts = Counter((t, g) for c in cases for t in c.themes for g in c.target_groups)
    themes = tuple(t for t in THEME_IDS if t in kb.themes)
    groups = tuple(kb.target_groups)
    return Matrix(
        themes, groups, {(t, g): counts.get((t, g), 0) for g in groups for t in themes},
        {t: sum(t in c.themes for c in cases) for t in themes},
        {g: sum(g in c.target_groups for c in cases) for g in groups},
    )


def per_region(kb, cases) -> list[tuple[str, int]]:
    """Every region (with or without member centres), with its cases."""
    counts = Counter(kb.centres[c.centre].region for c in cases)
    regions = set(kb.regions.values()) | {c.region for c in kb.centres.values()}
    return [(r, counts.get(r, 0)) for r in sorted(regions, key=danish_key)]


def per_year(cases) -> list[tuple[int, int]]:
    """Cases by the year they were published, every year from the first to the last."""
    counts = Counter(c.published.year for c in cases)
    if not counts:
        return []
    return [(y, counts.get(y, 0)) for y in range(min(counts), max(counts) + 1)]


def level(n: int, most: int) -> int:
    """0 for no cases; else 1 ("few", as the legend says) for one case and
    LEVELS ("many") for the largest count, the counts between spread evenly."""
    if n == 0 or most == 0:
        return 0
    if most == 1:
        return 1
    return 1 + (n - 1) * (LEVELS - 1) // (most - 1)


def _wrap(text: str, width: int) -> list[str]:
    lines, line = [], ""
    for word in text.split():
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    return lines + ([line] if line else [])


LABEL_W, CELL_W, CELL_H, HEAD_H = 270, 96, 34, 66


def heatmap_svg(kb, m: Matrix, href) -> Markup:
    """The theme × target-group matrix as an SVG image with text labels."""
    width = LABEL_W + CELL_W * len(m.themes)
    height = HEAD_H + CELL_H * len(m.groups)
    most = m.max
    empty = m.empty_cells()
    if most:
        top = max(m.counts, key=lambda k: (m.counts[k], -m.groups.index(k[1]), -m.themes.index(k[0])))
        desc = (f"Flest cases: {kb.themes[top[0]].title} for {kb.target_groups[top[1]].label.lower()} ({most}). "
                f"{len(empty)} af {len(m.counts)} kombinationer har ingen cases endnu.")
    else:
        desc = "Der er endnu ingen cases."
    # A named group: a screen reader reads the title and the summary; the
    # cells are for the eye and the mouse (not tab stops, hidden from screen
    # readers), as the table below carries the same counts and links.
    out = [
        f'<svg class="bb-heatmap" role="group" aria-labelledby="bb-hm-title bb-hm-desc" '
        f'viewBox="0 0 {width} {height}" width="{width}" height="{height}" xmlns="http://www.w3.org/2000/svg">',
        '<title id="bb-hm-title">Cases pr. tema og målgruppe</title>',
        f'<desc id="bb-hm-desc">{escape(desc)}</desc>',
        '<g aria-hidden="true">',
    ]
    for i, t in enumerate(m.themes):
        x = LABEL_W + CELL_W * i + CELL_W / 2
        lines = _wrap(kb.themes[t].title, 13)[:3]
        y0 = HEAD_H - 8 - 15 * (len(lines) - 1)
        spans = "".join(f'<tspan x="{x:g}" y="{y0 + 15 * k}">{escape(s)}</tspan>' for k, s in enumerate(lines))
        out.append(f'<text class="bb-heatmap__head" text-anchor="middle">{spans}</text>')
    for j, g in enumerate(m.groups):
        y = HEAD_H + CELL_H * j
        out.append(f'<text class="bb-heatmap__label" x="{LABEL_W - 10}" y="{y + CELL_H / 2 + 5:g}" text-anchor="end">'
                   f"{escape(kb.target_groups[g].label)}</text>")
        for i, t in enumerate(m.themes):
            n = m.counts[(t, g)]
            x = LABEL_W + CELL_W * i
            link = escape(search_href(href, kb, theme=t, group=g))
            out.append(
                f'<a href="{link}" tabindex="-1" class="bb-heat-{level(n, most)}">'
                f'<rect x="{x + 1}" y="{y + 1}" width="{CELL_W - 2}" height="{CELL_H - 2}" rx="3"/>'
                f'<text x="{x + CELL_W / 2:g}" y="{y + CELL_H / 2 + 5:g}" text-anchor="middle" class="bb-heatmap__n">{n}</text></a>'
            )
    out.append("</g>")
    out.append("</svg>")
    return Markup("".join(out))


def write(site, pages) -> None:
    kb = site.kb
    cases = site.newest
    m = theme_group_matrix(kb, cases)
    pages.page(OVERVIEW_PAGE, "overview.md.j2",
               {"title": "Overblik", "description": "Hvor mangler netværket viden? Cases pr. tema, målgruppe, region og år.",
                "hide": ["toc"]},
               matrix=m, regions=per_region(kb, cases), years=per_year(cases), total=len(cases),
               heatmap=heatmap_svg, search_href=search_href)
