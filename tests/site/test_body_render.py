"""Case bodies, built for real with MkDocs: every construct the guide allows
renders as Markdown says, and HTML comments reach no output file."""

from __future__ import annotations

import pytest

from brobyg.render.listing import listing_order
from brobyg.search.records import search_records
from tests.conftest import copy_fixture

from .conftest import Html, build

SECRET = "Intern note til Lise: tallene må ikke deles endnu"

BODY = f"""
<!-- {SECRET} -->

> Et citat fra en frivillig.

Se <https://example.org/side?a=1&b=2> og [tekst](https://example.org/titel "En titel").

<details markdown="1">
<summary>Læs mere</summary>

Mere tekst med **fed** skrift.

</details>

| Uge | Deltagere |
| --- | --- |
| 1 | 12 |

Tekst <!-- skjult bemærkning --> fortsætter.

`<!-- i kode -->` og

```
<!-- i en kodeblok -->
```
"""


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("body")
    kb = copy_fixture("minimal", tmp / "kb")
    kb.write_case("krop", kb.front_matter(), kb.valid_body + BODY)
    site = build(kb.root, "public", tmp)
    return kb, site, tmp


def _article(site) -> str:
    page = site.page("cases/krop/")
    return page[page.index("<article"):page.index("</article>")]


def test_quote_autolink_titled_link_table_and_details_render(built):
    _, site, _ = built
    article = _article(site)
    doc = Html(article)
    tags = [t for t, _ in doc.tags]
    assert "blockquote" in tags and "&gt; Et citat" not in article
    assert "https://example.org/side?a=1&b=2" in doc.attrs("a", "href")
    assert ("a", {"href": "https://example.org/titel", "title": "En titel"}) in doc.tags
    assert {"details", "summary", "table", "th", "td"} <= set(tags)
    assert "<strong>fed</strong>" in article and "&lt;details" not in article


def test_comments_reach_no_output_file(built):
    kb, site, tmp = built
    leaked = [p for p in tmp.rglob("*") if p.is_file() and "kb" not in p.relative_to(tmp).parts[:1]
              and (SECRET.encode() in p.read_bytes() or b"skjult bem" in p.read_bytes())]
    assert leaked == []
    assert (tmp / "staging-public" / "cases" / "krop.md").is_file()  # the staging tree was looked at
    model = kb.check().kb
    record = next(r for r in search_records(model, listing_order(model)) if r.url == "/cases/krop/")
    assert SECRET not in record.content and "fortsætter" in record.content


def test_comment_like_text_in_code_is_kept(built):
    _, site, _ = built
    article = _article(site)
    assert "<code>&lt;!-- i kode --&gt;</code>" in article
    assert "&lt;!-- i en kodeblok --&gt;" in article
    assert "Tekst  fortsætter" in article or "Tekst fortsætter" in article
