"""A case page prints cleanly on A4: printed to PDF by Chromium and read back.

No navigation, header, search or footer; the metadata panel and the whole
body; links written out as addresses; nothing cut at the right edge.
"""

from __future__ import annotations

import io
import re

import pytest
from pypdf import PdfReader

from .kinds import AUDIENCES, PAGE_KINDS

CASE = next(k for k in PAGE_KINDS if k.name == "case")
A4_POINTS = (595.3, 841.9)  # 210 × 297 mm


def printed(page, url: str) -> tuple[PdfReader, str]:
    page.goto(url)
    page.wait_for_load_state("load")
    page.wait_for_function("document.querySelector('.md-content a[data-bb-href]') !== null")
    pdf = page.pdf(format="A4", print_background=True)
    reader = PdfReader(io.BytesIO(pdf))
    text = "\n".join(p.extract_text() for p in reader.pages)
    return reader, re.sub(r"[ \t]+", " ", text)


def flat(text: str) -> str:
    """The text without line breaks and hyphen-free joins, to find phrases across lines."""
    return re.sub(r"\s+", "", text)


@pytest.mark.parametrize("audience", AUDIENCES)
def test_a_case_prints_on_a4_without_navigation_with_panel_body_and_links(page, urls, samples, audience):
    case = samples[audience].case
    url = urls[audience] + CASE.url(samples[audience])
    reader, text = printed(page, url)
    kb = samples[audience].kb

    for p in reader.pages:
        assert all(abs(float(x) - a) < 1.5 for x, a in zip(p.mediabox[2:], A4_POINTS)), p.mediabox
    assert len(reader.pages) <= 6, f"{len(reader.pages)} pages for one case"

    # No navigation, header, search, footer.
    for chrome in ("Skriv en case", "Målgrupper", "Søg i cases", "Tilgængelighedserklæring", "Lavet med", "Menu"):
        assert chrome not in text, f"{chrome!r} is printed"

    # The title, the summary, the metadata panel whole, and every heading of the body.
    body = flat(text)
    assert flat(case.title) in body
    assert flat(case.summary) in body
    for label in ("Center", "Temaer", "Målgrupper", "Udgivet"):
        assert label.upper() in text or label in text, f"the panel's {label!r} is missing"
    assert flat(kb.centres[case.centre].name) in body
    for t in case.themes:
        assert flat(kb.themes[t].title) in body
    for heading in re.findall(r"^##\s+(.+)$", case.body, re.M):
        assert flat(heading) in body, f"the body's heading {heading!r} is missing"
    last_words = re.sub(r"[^\wæøåÆØÅ ]", " ", case.body.strip().splitlines()[-1]).split()[-3:]
    assert flat(" ".join(last_words)) in body, "the body's end is missing"

    # Links written out, as the full address of the site being read.
    centre_url = f"{urls[audience]}centre/{case.centre}/"
    assert flat(centre_url) in body, f"the centre link's address {centre_url} is not written out"


def test_the_screen_page_does_not_write_links_out(page, urls, samples):
    page.goto(urls["public"] + CASE.url(samples["public"]))
    link = page.locator(".md-content a[data-bb-href]").first
    assert page.evaluate("a => getComputedStyle(a, '::after').content", link.element_handle()) in ("none", "normal", "")
