"""The "Fejlkoder" page, built for real: every code the validator can emit is
explained there, where the check's output and --format json point."""

from __future__ import annotations

import re

from brobyg.problems import explanation_url
from brobyg.validate.rules import registry
from tests.conftest import REPO
from tests.validator.test_codes import CODE

from .conftest import Html


def _page(public_site) -> Html:
    return Html(public_site.page(explanation_url("").split("#")[0]))


def test_every_registered_code_is_explained_at_its_anchor(public_site):
    page = _page(public_site)
    ids = set(page.attrs("h3", "id"))
    for code, rule in registry().items():
        assert explanation_url(code).split("#")[1] in ids, code
        for text in (rule.title, rule.what, rule.why, rule.fix):
            assert re.sub(r"\s+", " ", text) in page.text, (code, text)


def test_every_code_in_the_source_is_on_the_page(public_site):
    """Greps the code, not the registry: a code written anywhere must be explained."""
    source = "\n".join(p.read_text(encoding="utf-8") for p in sorted((REPO / "brobyg").rglob("*.py")))
    emitted = set(re.findall(rf"\"({CODE})\"", source))
    assert len(emitted) >= 50
    ids = set(_page(public_site).attrs("h3", "id"))
    assert sorted(c for c in emitted if c.lower() not in ids) == []


def test_the_guide_links_to_the_page(public_site):
    guide = Html(public_site.page("bidrag/"))
    assert "../fejlkoder/" in guide.attrs("a", "href")


def test_the_page_has_one_h1_and_danish_words(public_site):
    page = _page(public_site)
    assert page.h1 == 1 and page.lang == "da"
    assert "Sådan retter du det:" in page.text and "Eksempel, der giver CASE-THEME" in page.text
