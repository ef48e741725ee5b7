"""Zero axe-core violations (WCAG 2.1 A and AA) on every page kind, in both
audiences, at 1280 px and 375 px, in the light and the dark palette (which
follows prefers-color-scheme)."""

from __future__ import annotations

import pytest

from .conftest import npm_tool
from .kinds import AUDIENCES, PAGE_KINDS, SCHEMES, WIDTHS

TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def open_kind(page, url: str, kind, scheme: str = "light", width: str = "desktop") -> None:
    """Open a page kind as a first-time visitor whose system is set to ``scheme``."""
    page.set_viewport_size(WIDTHS[width])
    # Reduced motion: Material then has no transitions, so colours are checked as they settle.
    page.emulate_media(color_scheme=scheme, reduced_motion="reduce")
    if not getattr(page, "_bb_first_visit", False):
        page.add_init_script("localStorage.clear()")  # Material remembers the palette of the last visit
        page._bb_first_visit = True
    response = page.goto(url)
    assert response.ok or kind.name == "404", f"{url}: HTTP {response.status}"
    page.wait_for_function("s => document.body.dataset.mdColorScheme === s",
                           arg="slate" if scheme == "dark" else "default")
    if kind.prepare:
        kind.prepare(page)


def axe_violations(page) -> list[dict]:
    page.add_script_tag(path=str(npm_tool("axe-core", "axe.min.js")))
    result = page.evaluate(
        """tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})
            .then(r => r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
                nodes: v.nodes.map(n => ({target: n.target.join(' '), summary: n.failureSummary}))})))""",
        TAGS,
    )
    return result


def describe(found: dict[str, list[dict]]) -> str:
    lines = []
    for where, violations in found.items():
        for v in violations:
            lines.append(f"{where}: {v['id']} ({v['impact']}, {len(v['nodes'])} nodes): {v['help']}")
            for n in v["nodes"][:4]:
                lines.append(f"    {n['target']}: {n['summary'].splitlines()[-1].strip() if n['summary'] else ''}")
    return "\n".join(lines)


@pytest.mark.parametrize("audience", AUDIENCES)
@pytest.mark.parametrize("kind", PAGE_KINDS, ids=str)
def test_no_axe_violations(page, urls, samples, kind, audience):
    url = urls[audience] + kind.url(samples[audience])
    found = {}
    for scheme in SCHEMES:
        for width in WIDTHS:
            open_kind(page, url, kind, scheme, width)
            violations = axe_violations(page)
            if violations:
                found[f"{scheme} {WIDTHS[width]['width']}px"] = violations
    assert not found, f"axe on {kind.name} ({audience}):\n" + describe(found)
