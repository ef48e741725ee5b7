"""What the search index holds: one record per case the audience may see.

The records come from the model, not from the rendered HTML, so Pagefind can
index while MkDocs renders (on the second core), and a members-only case can
only reach the index if the audience's knowledge base holds it.

A record's text is the case's title, summary and body, then the names a
member may search for but the body need not say: its themes, target groups,
centre, municipality, region and partners. The search page shows excerpts only
from the body (``meta["body"]`` says which words those are), so the summary
shown above an excerpt is never repeated in it, and the names never crowd it.
Last come the tails of the record's compounds ("psykiatrien" for
"distriktspsykiatrien", ``compounds.py``; not of those most cases have), at
a low weight, so a word finds the compounds it ends; the page marks the
compound in the excerpt.

The facets are not Pagefind filters: the page filters and counts with the
prebuilt listing (``listing.py``). The one Pagefind filter, ``i``, is a case's
position in that listing counted from its end (the oldest case is 0), so a
search tells the page which cases it found, and a new case (the newest,
first in the listing) changes no other case's record: ``serve`` re-indexes
only the new case's shard.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from html import escape

from brobyg.model import Case, KnowledgeBase
from brobyg.render import routes
from brobyg.render.text import plain_text
from brobyg.search.compounds import tails_of_texts
from brobyg.validate.body import without_comments

# The Pagefind filter that holds a case's position in the listing, from its end.
FILTER_POSITION = "i"
# How much a compound's tail counts beside a word of the text (Pagefind's default weight is 1).
TAIL_WEIGHT = "0.5"

@dataclass(frozen=True)
class SearchRecord:
    url: str  # from the site root, e.g. "/cases/aaben-cafe/"
    title: str
    summary: str
    body: str
    names: str
    meta: dict[str, str]
    filters: dict[str, list[str]]
    tails: str = ""  # the tails of the compounds in all of the above

    @property
    def content(self) -> str:
        return f"{self.title}. {self.summary} {self.body} {self.names} {self.tails}".rstrip()


def names_of(kb: KnowledgeBase, case: Case) -> list[str]:
    """The names a case is searchable by beyond its text."""
    centre = kb.centres[case.centre]
    return [
        *(kb.themes[t].title for t in case.themes),
        *(kb.target_groups[g].label for g in case.target_groups),
        centre.name, centre.municipality, centre.region, *case.partners,
    ]


def search_records(kb: KnowledgeBase, order: list[Case], texts: dict[str, str] | None = None) -> list[SearchRecord]:
    """Records for every case in ``kb`` (already narrowed to one audience);
    ``order`` is the listing's order of the same cases. ``texts`` keeps each
    body's searchable text from one call to the next (``serve`` indexes after
    every edit, and making the text is most of the time a record takes)."""
    records = []
    texts = {} if texts is None else texts
    for position, case in enumerate(order):
        centre = kb.centres[case.centre]
        if (text := texts.get(case.body)) is None:
            text = texts[case.body] = " ".join(plain_text(without_comments(case.body)).split())
        title, summary, body = " ".join(case.title.split()), " ".join(case.summary.split()), text
        start = len(f"{title}. {summary}".split())
        names = " ".join(" ".join(n.split()) for n in names_of(kb, case))
        records.append(SearchRecord(
            url="/" + routes.page_url(routes.case(case.slug)),
            title=title, summary=summary, body=body, names=names,
            meta={"title": case.title, "summary": case.summary, "centre": centre.name,
                  "themes": " · ".join(kb.themes[t].title for t in case.themes),
                  "body": f"{start} {start + len(body.split())}"},
            filters={FILTER_POSITION: [str(len(order) - 1 - position)]},
        ))
    tails = tails_of_texts([r.content for r in records])  # no tails yet: the text and the names
    return [dataclasses.replace(r, tails=" ".join(t)) for r, t in zip(records, tails, strict=True)]


def record_html(r: SearchRecord) -> str:
    """The record as the small HTML page Pagefind indexes (never published).

    One paragraph, so Pagefind's word positions are the positions of
    ``r.content.split()``; the title is weighted as a heading would be."""
    meta = "".join(f'<span data-pagefind-meta="{escape(k)}">{escape(v)}</span>' for k, v in r.meta.items())
    filters = "".join(
        f'<span data-pagefind-filter="{escape(k)}">{escape(v)}</span>' for k, values in r.filters.items() for v in values
    )
    return (
        f'<!doctype html><html lang="da"><head><meta charset="utf-8"><title>{escape(r.title)}</title></head>'
        f'<body><main data-pagefind-body><div data-pagefind-ignore="index">{meta}{filters}</div>'
        f'<p><span data-pagefind-weight="7">{escape(r.title)}.</span> {escape(r.summary)} {escape(r.body)} '
        f"{escape(r.names)}"
        + (f' <span data-pagefind-weight="{TAIL_WEIGHT}">{escape(r.tails)}</span>' if r.tails else "")
        + "</p></main></body></html>\n"
    )
