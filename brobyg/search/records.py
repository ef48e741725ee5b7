"""What the search index holds: one record per case the audience may see.

The records come from the model, not from the rendered HTML, so Pagefind can
index while MkDocs renders (on the second core), and a members-only case can
only reach the index if the audience's knowledge base holds it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html import escape

from brobyg.validate.body import without_comments
from brobyg.model import KnowledgeBase
from brobyg.render.pages import CASES_DIR, page_url

# Facet keys; the search page (theme/assets/javascripts/search.js) uses the same.
FACET_THEME = "tema"
FACET_GROUP = "maalgruppe"
FACET_REGION = "region"
FACET_CENTRE = "center"

_FENCE = re.compile(r"^[ ]{0,3}(`{3,}|~{3,}).*$", re.M)
_IMAGE = re.compile(r"!\[([^\]]*)\]\([^)]*\)")
_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_TAG = re.compile(r"<[^>]+>")
_MARKUP = re.compile(r"^[ ]{0,3}(#{1,6}|>|[-*+]|\d+[.)])[ \t]+|[*_`]+|\{[:.#][^}]*\}", re.M)


def plain_text(markdown: str) -> str:
    """Markdown as searchable text: the words, without the markup."""
    text = _FENCE.sub("", markdown)
    text = _IMAGE.sub(r"\1", text)
    text = _LINK.sub(r"\1", text)
    text = _TAG.sub(" ", text)
    text = _MARKUP.sub("", text)
    return " ".join(text.split())


@dataclass(frozen=True)
class SearchRecord:
    url: str  # from the site root, e.g. "/cases/aaben-cafe/"
    content: str
    meta: dict[str, str]
    filters: dict[str, list[str]]
    sort: dict[str, str]


def search_records(kb: KnowledgeBase) -> list[SearchRecord]:
    """Records for every case in ``kb`` (already narrowed to one audience)."""
    records = []
    for case in sorted(kb.cases.values(), key=lambda c: c.slug):
        centre = kb.centres[case.centre]
        themes = [kb.themes[t].title for t in case.themes]
        groups = [kb.target_groups[g].label for g in case.target_groups]
        records.append(SearchRecord(
            url="/" + page_url(f"{CASES_DIR}/{case.slug}.md"),
            content=f"{case.title}. {case.summary} {plain_text(without_comments(case.body))} {' '.join(groups)}",
            meta={"title": case.title, "summary": case.summary, "centre": centre.name,
                  "themes": " · ".join(themes), "published": case.published.isoformat()},
            filters={FACET_THEME: themes, FACET_GROUP: groups, FACET_REGION: [centre.region], FACET_CENTRE: [centre.name]},
            sort={"published": case.published.isoformat()},
        ))
    return records


def record_html(r: SearchRecord) -> str:
    """The record as the small HTML page Pagefind indexes (never published)."""
    meta = "".join(f'<span data-pagefind-meta="{escape(k)}">{escape(v)}</span>' for k, v in r.meta.items())
    filters = "".join(
        f'<span data-pagefind-filter="{escape(k)}">{escape(v)}</span>' for k, values in r.filters.items() for v in values
    )
    sort = "".join(f'<span data-pagefind-sort="{escape(k)}">{escape(v)}</span>' for k, v in r.sort.items())
    return (
        f'<!doctype html><html lang="da"><head><meta charset="utf-8"><title>{escape(r.meta["title"])}</title></head>'
        f'<body><main data-pagefind-body><div data-pagefind-ignore="index">{meta}{filters}{sort}</div>'
        f"<p>{escape(r.content)}</p></main></body></html>\n"
    )
