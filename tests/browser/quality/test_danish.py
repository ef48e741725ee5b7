"""The 404 page and the footer speak Danish, in both builds (Material's say
"404 - Not found" and "Made with Material for MkDocs")."""

from __future__ import annotations

import pytest

from .kinds import AUDIENCES


@pytest.mark.parametrize("audience", AUDIENCES)
def test_404_page_and_footer_are_danish(sites, audience):
    site = sites[audience]
    missing = (site / "404.html").read_text(encoding="utf-8")
    assert "<h1>Siden findes ikke</h1>" in missing and "Not found" not in missing
    assert 'href="/soeg/"' in missing  # the 404 page is served at any depth: links from the root
    for html in site.rglob("*.html"):
        if html.relative_to(site).parts[0] == "admin":
            continue  # the members' CMS: a third-party application, not one of our pages
        text = html.read_text(encoding="utf-8")
        assert "Made with" not in text, html
        assert "Lavet med" in text and "Tilgængelighedserklæring</a>" in text, html
