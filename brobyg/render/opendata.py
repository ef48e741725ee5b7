"""Open data: the cases' metadata as cases.json and cases.csv, with the fields
documented on a Danish page. One table of fields drives all three.

Only the audience's cases are in the files (the public build: public cases
only). Contact details and the case text are not metadata and stay out.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass
from typing import Callable

from brobyg.model import THEME_IDS, Case
from brobyg.render.routes import CASES_CSV, CASES_JSON, OPEN_DATA_PAGE, file_href
from brobyg.render.routes import CALENDAR_FILE, NEWEST_FEED, theme_feed
from brobyg.render.routes import CASES_DIR, page_url
from brobyg.site_config import site_url

LIST_SEPARATOR = "|"  # between the values of a list in the CSV
CSV_DELIMITER = ";"  # what Excel expects in Danish settings


@dataclass(frozen=True)
class Field:
    name: str
    kind: str  # Danish, for the documentation
    description: str  # Danish
    value: Callable  # (case, kb, base) -> str | int | bool | list[str] | None


def _url(case: Case, kb, base: str) -> str:
    return base + page_url(f"{CASES_DIR}/{case.slug}.md")


FIELDS: tuple[Field, ...] = (
    Field("slug", "tekst", "Casens id. Det er også filnavnet: cases/<slug>.md.", lambda c, kb, b: c.slug),
    Field("url", "webadresse", "Adressen på casens side.", _url),
    Field("title", "tekst", "Casens titel.", lambda c, kb, b: c.title),
    Field("summary", "tekst", "Kort resumé af casen.", lambda c, kb, b: c.summary),
    Field("centre", "id", "Centrets id i registret over centre.", lambda c, kb, b: c.centre),
    Field("centre_name", "tekst", "Centrets navn.", lambda c, kb, b: kb.centres[c.centre].name),
    Field("municipality", "tekst", "Den kommune, centret ligger i.", lambda c, kb, b: kb.centres[c.centre].municipality),
    Field("region", "tekst", "Den region, kommunen hører til.", lambda c, kb, b: kb.centres[c.centre].region),
    Field("themes", "liste af id'er", "Netværkets temaer, casen handler om: kendskab, matchning, vejen-ind, velkomst, tilpasning, samarbejde.",
          lambda c, kb, b: list(c.themes)),
    Field("theme_titles", "liste af tekster", "Temaernes titler, i samme rækkefølge som themes.",
          lambda c, kb, b: [kb.themes[t].title for t in c.themes]),
    Field("target_groups", "liste af id'er", "Målgrupperne, casen henvender sig til.", lambda c, kb, b: list(c.target_groups)),
    Field("target_group_labels", "liste af tekster", "Målgruppernes navne, i samme rækkefølge som target_groups.",
          lambda c, kb, b: [kb.target_groups[g].label for g in c.target_groups]),
    Field("visibility", "tekst", "public (offentlig) eller members (kun for medlemmer; kun i medlemssitets filer).", lambda c, kb, b: c.visibility),
    Field("published", "dato", "Hvornår casen blev udgivet (ÅÅÅÅ-MM-DD).", lambda c, kb, b: c.published.isoformat()),
    Field("updated", "dato eller tom", "Hvornår casen sidst blev opdateret (ÅÅÅÅ-MM-DD).", lambda c, kb, b: c.updated.isoformat() if c.updated else None),
    Field("period_start", "måned eller tom", "Hvornår indsatsen begyndte (ÅÅÅÅ-MM).", lambda c, kb, b: c.period_start),
    Field("period_end", "måned eller tom", "Hvornår indsatsen sluttede (ÅÅÅÅ-MM). Tom, hvis den kører endnu eller ingen periode er angivet.",
          lambda c, kb, b: c.period_end),
    Field("partners", "liste af tekster", "Samarbejdspartnere.", lambda c, kb, b: list(c.partners)),
    Field("example", "sand/falsk", "Om casen er et opdigtet eksempel.", lambda c, kb, b: c.example),
)


def rows(kb, base: str) -> list[dict]:
    """One dict per case, keys in FIELDS order, cases sorted by slug."""
    return [{f.name: f.value(c, kb, base) for f in FIELDS} for c in sorted(kb.cases.values(), key=lambda c: c.slug)]


def to_json(records: list[dict]) -> str:
    """One case per line: small, and a change shows as one changed line."""
    head = json.dumps([f.name for f in FIELDS], ensure_ascii=False)
    body = ",\n".join(json.dumps(r, ensure_ascii=False) for r in records)
    return f'{{"fields": {head},\n"count": {len(records)},\n"cases": [\n{body}\n]}}\n'



def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return LIST_SEPARATOR.join(value)
    return str(value)


def to_csv(records: list[dict]) -> str:
    buf = io.StringIO()
    writer = csv.writer(buf, delimiter=CSV_DELIMITER, lineterminator="\r\n")
    writer.writerow([f.name for f in FIELDS])
    for r in records:
        writer.writerow([_cell(r[f.name]) for f in FIELDS])
    return "\ufeff" + buf.getvalue()  # the byte order mark makes Excel read UTF-8


def write(project, site, pages, out) -> None:
    # Relative addresses when the site has no site_url: the files still work beside the site.
    records = rows(site.kb, site_url(project.root, site.audience) or "/")
    out.text(CASES_JSON, to_json(records))
    out.text(CASES_CSV, to_csv(records))
    pages.page(OPEN_DATA_PAGE, "opendata.md.j2",
               {"title": "Åbne data", "description": "Casenes metadata som JSON og CSV."},
               fields=FIELDS, count=len(records), json_file=CASES_JSON, csv_file=CASES_CSV,
               json_href=file_href(OPEN_DATA_PAGE, CASES_JSON), csv_href=file_href(OPEN_DATA_PAGE, CASES_CSV),
               members_cases=any(c.members_only for c in site.kb.cases.values()),
               separator=LIST_SEPARATOR, delimiter=CSV_DELIMITER,
               feed_href=file_href(OPEN_DATA_PAGE, NEWEST_FEED), calendar_href=file_href(OPEN_DATA_PAGE, CALENDAR_FILE),
               theme_feeds=[(site.kb.themes[t].title, file_href(OPEN_DATA_PAGE, theme_feed(t)))
                            for t in THEME_IDS if t in site.kb.themes])
