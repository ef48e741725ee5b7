"""The overview's heat map and table colours as rendered, in the light and
the dark palette: every count has a contrast ratio of at least 4.5:1 on its
cell, the legend shows the cells' colours, and the dark palette has colours
of its own (axe does not measure text in an SVG picture, so this test does)."""

from __future__ import annotations

import re

import pytest

from .kinds import AUDIENCES, PAGE_KINDS, SCHEMES
from .test_axe import open_kind

OVERVIEW = next(k for k in PAGE_KINDS if k.name == "overview")

COLOURS = """() => {
  const css = (sel, prop) => Array.from(document.querySelectorAll(sel)).map(e => getComputedStyle(e)[prop]);
  return {
    cells: Array.from(document.querySelectorAll('svg.bb-heatmap a')).map(a => ({
      level: a.getAttribute('class'), n: a.textContent,
      fill: getComputedStyle(a.querySelector('rect')).fill, ink: getComputedStyle(a.querySelector('text')).fill})),
    labels: css('svg.bb-heatmap .bb-heatmap__head, svg.bb-heatmap .bb-heatmap__label', 'fill'),
    body: getComputedStyle(document.body).backgroundColor,
    zero: Array.from(document.querySelectorAll('td.bb-zero')).map(td => [getComputedStyle(td).backgroundColor,
      getComputedStyle(td.querySelector('a') || td).color]),
    swatches: {none: css('.bb-swatch--none', 'backgroundColor')[0], few: css('.bb-swatch--few', 'backgroundColor')[0],
               many: css('.bb-swatch--many', 'backgroundColor')[0]},
  };
}"""


def rgba(css: str) -> tuple[float, float, float, float]:
    m = re.fullmatch(r"rgba?\((\d+), (\d+), (\d+)(?:, ([\d.]+))?\)", css.strip())
    assert m, f"not a plain colour: {css!r}"
    return (*(int(m.group(i)) for i in (1, 2, 3)), float(m.group(4) or 1))


def contrast(fg: str, bg: str) -> float:
    """WCAG's contrast ratio of a colour (maybe see-through, as Material's
    text colours are) on an opaque background."""
    *b, alpha = rgba(bg)
    assert alpha == 1, f"a see-through background cannot be judged alone: {bg!r}"
    *f, alpha = rgba(fg)
    f = [alpha * x + (1 - alpha) * y for x, y in zip(f, b)]

    def lum(c):
        lin = [v / 12.92 if v <= 0.04045 else ((v + 0.055) / 1.055) ** 2.4 for v in (x / 255 for x in c)]
        return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]
    hi, lo = sorted((lum(f), lum(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


@pytest.mark.parametrize("audience", AUDIENCES)
def test_heat_map_and_table_colours_have_contrast_in_both_palettes(page, urls, samples, audience):
    seen = {}
    for scheme in SCHEMES:
        open_kind(page, urls[audience] + OVERVIEW.url(samples[audience]), OVERVIEW, scheme, "phone")
        c = page.evaluate(COLOURS)
        assert c["cells"] and c["zero"], c
        low = [(x["n"], x["fill"], x["ink"], round(contrast(x["ink"], x["fill"]), 2))
               for x in c["cells"] if contrast(x["ink"], x["fill"]) < 4.5]
        assert not low, f"{scheme}: counts with too little contrast on their cells: {low}"
        low = [(bg, fg) for bg, fg in c["zero"] if contrast(fg, bg) < 4.5]
        assert not low, f"{scheme}: the table's zero cells: {low}"
        low = [fill for fill in c["labels"] if contrast(fill, c["body"]) < 4.5]
        assert not low, f"{scheme}: heat map labels on the page ({c['body']}): {low}"
        by_level = {x["level"]: x["fill"] for x in c["cells"]}
        assert c["swatches"]["none"] == by_level["bb-heat-0"] == c["zero"][0][0], (scheme, c["swatches"], by_level)
        assert c["swatches"]["few"] == by_level["bb-heat-1"] and c["swatches"]["many"] == by_level["bb-heat-4"]
        seen[scheme] = by_level
    light, dark = seen["light"], seen["dark"]
    assert all(light[lv] != dark[lv] for lv in light), f"the dark palette has the light heat map: {dark}"


HEADER_FIELD = """() => {
  const input = document.querySelector('#bb-header-q'), cs = getComputedStyle(input);
  return {text: cs.color, placeholder: getComputedStyle(input, '::placeholder').color, background: cs.backgroundColor,
          focused: document.activeElement === input};
}"""


@pytest.mark.parametrize("width", ["desktop", "phone"])
def test_header_search_field_in_use_has_contrast_in_both_palettes(page, urls, samples, width):
    """The header's search field while one types in it (axe sees it only at rest)."""
    home = PAGE_KINDS[0]
    for scheme in SCHEMES:
        open_kind(page, urls["public"] + home.url(samples["public"]), home, scheme, width)
        page.locator("#bb-header-q").focus()
        field = page.evaluate(HEADER_FIELD)
        assert field["focused"], field
        assert contrast(field["placeholder"], field["background"]) >= 4.5, (scheme, field)
        page.keyboard.type("café")
        field = page.evaluate(HEADER_FIELD)
        assert contrast(field["text"], field["background"]) >= 4.5, (scheme, field)
