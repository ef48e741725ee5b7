"""Keyboard use on every page kind, in both audiences, on a desktop and a phone.

Tab from the top of the page through every tab stop and back to the start:
each stop must be visible (in the viewport, not hidden, not transparent, not
covered by the sticky header or a floating button) and show a focus ring.
On a phone the menu button is a tab stop and opens the drawer, whose links
are tab stops only while it is open.
"""

from __future__ import annotations

import pytest

from .kinds import AUDIENCES, PAGE_KINDS, WIDTHS

MAX_STOPS = 400

# What the focused element looks like: enough to judge it, and a key to see the cycle close.
FOCUSED = """() => {
  const el = document.activeElement;
  if (!el || el === document.body || el === document.documentElement) return null;
  if (!el.dataset.bbStop) el.dataset.bbStop = String(document.querySelectorAll('[data-bb-stop]').length + 1);
  const describe = e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') +
    (e.className && typeof e.className === 'string' ? '.' + e.className.trim().split(/\\s+/).join('.') : '') +
    (e.getAttribute('href') ? `[href="${e.getAttribute('href')}"]` : '') +
    (e.textContent.trim() ? ` "${e.textContent.trim().slice(0, 40)}"` : '');
  // A visually hidden control (a radio, a checkbox) shows its focus on its label;
  // Material's palette radios on the label after them (the toggle to the next palette).
  const labels = el.labels ? Array.from(el.labels) : [];
  if (el.classList.contains('md-option') && el.nextElementSibling) labels.push(el.nextElementSibling);
  const shown = [el, ...labels].filter(e => {
    const r = e.getBoundingClientRect();
    return r.width > 1 && r.height > 1;
  });
  const target = shown[0];
  const key = el.dataset.bbStop;
  if (!target) return {key, what: describe(el), problem: 'has no size'};
  const r = target.getBoundingClientRect();
  let opacity = 1;
  for (let e = target; e; e = e.parentElement) {
    const cs = getComputedStyle(e);
    if (cs.visibility === 'hidden' || cs.display === 'none') return {key, what: describe(el), problem: 'is hidden'};
    opacity *= parseFloat(cs.opacity);
  }
  if (opacity < 0.5) return {key, what: describe(el), problem: 'is transparent'};
  if (r.bottom <= 0 || r.right <= 0 || r.top >= innerHeight || r.left >= innerWidth)
    return {key, what: describe(el), problem: `is out of sight (${Math.round(r.left)},${Math.round(r.top)})`};
  const x = Math.min(Math.max(r.left + Math.min(r.width / 2, 8), 0), innerWidth - 1);
  const y = Math.min(Math.max(r.top + r.height / 2, 0), innerHeight - 1);
  const hit = document.elementFromPoint(x, y);
  if (hit && !shown.some(e => e === hit || e.contains(hit) || hit.contains(e)))
    return {key, what: describe(el), problem: 'is covered by ' + describe(hit)};
  const ring = e => { const cs = getComputedStyle(e);
    return (cs.outlineStyle !== 'none' && parseFloat(cs.outlineWidth) >= 1) || cs.boxShadow !== 'none'; };
  if (!shown.some(ring)) return {key, what: describe(el), problem: 'shows no focus ring'};
  return {key, what: describe(el), problem: null};
}"""


def tab_walk(page) -> tuple[list[str], list[str]]:
    """(the tab stops in order, the problems found): Tab from where focus is,
    through the end of the page and on from its start, round to the first stop."""
    stops, keys, problems, outside = [], [], [], 0
    for _ in range(MAX_STOPS):
        page.keyboard.press("Tab")
        info = page.evaluate(FOCUSED)
        if info is None:  # past the last stop: focus is on the browser, then the page's start
            outside += 1
            if outside > 2:
                break
            continue
        if keys and info["key"] == keys[0]:
            break
        keys.append(info["key"])
        stops.append(info["what"])
        if info["problem"]:
            problems.append(f"tab stop {len(stops)}, {info['what']}, {info['problem']}")
    else:
        problems.append(f"more than {MAX_STOPS} tab stops: a focus trap?")
    return stops, problems


def load(page, url, kind, width):
    page.set_viewport_size(WIDTHS[width])
    page.emulate_media(reduced_motion="reduce")
    page.goto(url)
    if kind.prepare:
        kind.prepare(page)


@pytest.mark.parametrize("audience", AUDIENCES)
@pytest.mark.parametrize("kind", PAGE_KINDS, ids=str)
def test_every_tab_stop_is_visible_and_shows_focus(page, urls, samples, kind, audience):
    url = urls[audience] + kind.url(samples[audience])
    found = []
    for width in WIDTHS:
        load(page, url, kind, width)
        stops, problems = tab_walk(page)
        assert len(stops) >= 3, f"{width}: only {stops} reached with Tab"
        found += [f"{width}: {p}" for p in problems]
    assert not found, f"{kind.name} ({audience}):\n  " + "\n  ".join(found)


def test_phone_menu_button_opens_the_drawer_from_the_keyboard(page, urls, samples):
    kind = PAGE_KINDS[0]
    load(page, urls["public"] + kind.url(samples["public"]), kind, "phone")
    closed, _ = tab_walk(page)
    assert not any("md-nav__link" in s for s in closed), "the closed drawer's links are tab stops"
    menu = page.locator("[data-bb-menu]")
    assert any("bb-menu-button" in s for s in closed), f"the menu button is no tab stop: {closed}"
    menu.focus()
    assert menu.get_attribute("aria-expanded") == "false"
    page.keyboard.press("Space")  # a button: Space and Enter both work
    page.wait_for_function("document.getElementById('__drawer').checked")
    page.keyboard.press("Escape")
    page.wait_for_function("!document.getElementById('__drawer').checked")
    menu.focus()
    page.keyboard.press("Enter")
    page.wait_for_function("document.getElementById('__drawer').checked")
    assert menu.get_attribute("aria-expanded") == "true"
    page.wait_for_function("document.activeElement.closest('.md-sidebar--primary') !== null")
    first = page.evaluate(FOCUSED)
    assert first["problem"] is None, first
    inside = []
    while page.evaluate("document.activeElement.closest('.md-sidebar--primary') !== null") and len(inside) < 60:
        stop = page.evaluate(FOCUSED)
        assert stop["problem"] is None, f"in the open drawer, tab stop {len(inside) + 1}: {stop}"
        inside.append(stop["what"])
        page.keyboard.press("Tab")
    assert len(inside) >= 5, inside  # the drawer's own links, not only the first
    page.locator("[data-bb-menu]").focus()
    page.keyboard.press("Escape")
    page.wait_for_function("!document.getElementById('__drawer').checked")
    assert page.evaluate("document.activeElement.hasAttribute('data-bb-menu')")
    assert menu.get_attribute("aria-expanded") == "false"
