"""Write the complete page tree for one audience into a staging folder.

The generator (MkDocs today, Zensical tomorrow) only ever sees this folder:
hand-written pages from docs/, plus generated home, theme, case, centre,
target-group and listing pages. Nothing here imports MkDocs.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import re
from collections import defaultdict
from pathlib import Path

import jinja2
from markupsafe import Markup

from brobyg.validate import body as bodyscan
from brobyg import forked
from brobyg.model import THEME_IDS, Case, KnowledgeBase
from brobyg.problems import EXPLANATIONS_PATH
from brobyg.project import Project
from brobyg.render.related import related_cases
from brobyg.validate.rules import families as rule_families

MONTHS = ("januar", "februar", "marts", "april", "maj", "juni", "juli", "august", "september", "oktober", "november", "december")
NEWEST_ON_HOME = 6

# Where each kind of page lives in the site (and the staging tree).
THEMES_DIR = "temaer"
CASES_DIR = "cases"
CENTRES_DIR = "centre"
GROUPS_DIR = "maalgrupper"


def danish_date(d: dt.date) -> str:
    """2025-03-03 -> '3. marts 2025'."""
    return f"{d.day}. {MONTHS[d.month - 1]} {d.year}"


def danish_month(ym: str) -> str:
    year, month = ym.split("-")
    return f"{MONTHS[int(month) - 1]} {year}"


_MD_SPECIAL = re.compile(r"([\\`*_\[\]#|])")


def md_inline(text: str) -> str:
    """Escape user text for an inline Markdown context (titles in links)."""
    return _MD_SPECIAL.sub(r"\\\1", text)


def _env() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(Path(__file__).parent / "templates"),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        undefined=jinja2.StrictUndefined,
    )
    env.filters.update(danish_date=danish_date, danish_month=danish_month, md=md_inline)
    return env


class Site:
    """What every template may look up: the audience's cases, newest first,
    indexed once by theme, centre and target group."""

    def __init__(self, kb: KnowledgeBase) -> None:
        self.kb = kb
        self.newest = kb.newest_first()
        self._by_theme: dict[str, list[Case]] = defaultdict(list)
        self._by_centre: dict[str, list[Case]] = defaultdict(list)
        self._by_group: dict[str, list[Case]] = defaultdict(list)
        for case in self.newest:
            for t in case.themes:
                self._by_theme[t].append(case)
            self._by_centre[case.centre].append(case)
            for g in case.target_groups:
                self._by_group[g].append(case)

    def cases_with_theme(self, theme_id: str) -> list[Case]:
        return self._by_theme.get(theme_id, [])

    def cases_of_centre(self, centre_id: str) -> list[Case]:
        return self._by_centre.get(centre_id, [])

    def cases_for_group(self, group_id: str) -> list[Case]:
        return self._by_group.get(group_id, [])


def _front_matter(**meta) -> str:
    # JSON scalars are valid YAML, and json is much faster than PyYAML's emitter.
    lines = "".join(f"{key}: {json.dumps(value, ensure_ascii=False)}\n" for key, value in meta.items())
    return f"---\n{lines}---\n\n"


class StagingWriter:
    """Writes files only when their content changed, so `serve` reloads only what moved."""

    def __init__(self, out: Path) -> None:
        self.out = out
        self.written: set[Path] = set()
        self._dirs: set[Path] = set()

    def text(self, rel: str, content: str) -> None:
        self._bytes(rel, content.encode("utf-8"))

    def copy(self, rel: str, source: Path) -> None:
        self._bytes(rel, source.read_bytes())

    def _bytes(self, rel: str, data: bytes) -> None:
        path = self.out / rel
        self.written.add(path)
        if path.parent not in self._dirs:
            path.parent.mkdir(parents=True, exist_ok=True)
            self._dirs.add(path.parent)
        try:
            if path.read_bytes() == data:
                return
        except FileNotFoundError:
            pass
        path.write_bytes(data)


def remove_stale(folder: Path, written: set[Path]) -> None:
    """Remove what an earlier run wrote and this one did not."""
    for path in sorted(folder.rglob("*"), reverse=True):
        if path.is_file() and path not in written:
            path.unlink()
        elif path.is_dir() and not any(path.iterdir()):
            path.rmdir()


class _PageRenderer:
    """Renders the templates for one writer. Cards are cached: a case's card
    is the same on every page at the same depth."""

    def __init__(self, site: Site, out: StagingWriter, env: jinja2.Environment) -> None:
        self.site = site
        self.out = out
        self.env = env
        self.card_template = self.env.get_template("card.html.j2")
        self.cards: dict[tuple[str, int], str] = {}

    def page(self, rel: str, template: str, meta: dict | None = None, **ctx) -> None:
        self.out.text(rel, (_front_matter(**meta) if meta else "") + self.render(template, rel, **ctx))

    def render(self, template: str, page: str, **ctx) -> str:
        site, kb = self.site, self.site.kb
        depth = page_url(page).count("/")

        def href(target: str) -> str:
            return relative_url(page, target)

        def card(case: Case) -> str:
            key = (case.slug, depth)
            if key not in self.cards:
                self.cards[key] = Markup(self.card_template.render(site=site, kb=kb, href=href, case=case))
            return self.cards[key]

        return self.env.get_template(template).render(site=site, kb=kb, href=href, card=card, **ctx)


def write_pages(root: Path, kb: KnowledgeBase, audience: str, staging: Path) -> None:
    """Render the audience's knowledge base as Markdown pages into ``staging``.

    Case pages are the bulk: with many cases they are written by several
    processes side by side, while the first also writes every other page."""
    project = Project(root)
    site = Site(kb.for_audience(audience))  # narrowed here too: a members-only case must never reach a public page
    staging.mkdir(parents=True, exist_ok=True)
    env = _env()
    for name in env.list_templates():  # compiled once, before the processes part
        env.get_template(name)

    def write(chunk: list[Case], with_other_pages: bool) -> set[Path]:
        out = StagingWriter(staging)
        pages = _PageRenderer(site, out, env)
        if with_other_pages:
            _write_other_pages(project, site, pages, out)
        _write_case_pages(project, site, pages, out, chunk)
        return out.written

    # The other pages take this process about 40 % as long as its share of case pages.
    parts = forked.chunks(site.newest, first_share=0.6)
    tasks = [functools.partial(write, chunk, i == 0) for i, chunk in enumerate(parts)]
    remove_stale(staging, set().union(*forked.run_side_by_side(tasks)))


def _write_case_pages(project: Project, site: Site, pages: _PageRenderer, out: StagingWriter, cases: list[Case]) -> None:
    related = related_cases(site.newest, only=cases)
    for case in cases:
        pages.page(f"{CASES_DIR}/{case.slug}.md", "case.md.j2", {"title": case.title, "description": case.summary},
                   case=case, body=_site_links(case.body), related=related[case.slug])
        assets = project.cases_dir / case.slug
        if assets.is_dir():
            for path in sorted(assets.rglob("*")):
                if path.is_file():
                    out.copy(f"{CASES_DIR}/{case.slug}/{path.relative_to(assets).as_posix()}", path)


def _write_other_pages(project: Project, site: Site, pages: _PageRenderer, out: StagingWriter) -> None:
    """Hand-written pages from docs/ (with their images), home, listings and search."""
    kb, newest = site.kb, site.newest
    for path in sorted(project.docs_dir.rglob("*")) if project.docs_dir.is_dir() else []:
        if path.is_file():
            out.copy(path.relative_to(project.docs_dir).as_posix(), path)
    pages.page("index.md", "home.md.j2", newest=newest[:NEWEST_ON_HOME], total=len(newest))
    pages.page(f"{THEMES_DIR}/index.md", "themes.md.j2")
    for tid in THEME_IDS:
        theme = kb.themes[tid]
        pages.page(f"{THEMES_DIR}/{tid}.md", "theme.md.j2", {"title": theme.title, "description": theme.question},
                   theme=theme, cases=site.cases_with_theme(tid))
    pages.page(f"{CASES_DIR}/index.md", "all_cases.md.j2", cases=newest)
    pages.page(f"{CENTRES_DIR}/index.md", "centres.md.j2")
    for centre in kb.centres.values():
        pages.page(f"{CENTRES_DIR}/{centre.id}.md", "centre.md.j2", {"title": centre.name},
                   centre=centre, cases=site.cases_of_centre(centre.id))
    pages.page(f"{GROUPS_DIR}/index.md", "groups.md.j2")
    for group in kb.target_groups.values():
        pages.page(f"{GROUPS_DIR}/{group.id}.md", "group.md.j2", {"title": group.label},
                   group=group, cases=site.cases_for_group(group.id))
    pages.page("soeg.md", "search.md.j2")
    pages.page(f"{EXPLANATIONS_PATH.rstrip('/')}.md", "error_codes.md.j2",
               {"title": "Fejlkoder", "description": "Hvad tjekkets fejlkoder betyder, og hvordan du retter dem."},
               families=rule_families())


# Case bodies link to sources (../topics/x.md, ../docs/x.md); the site keeps
# them elsewhere. Rewrite exactly the link targets the scanner found.
_SOURCE_TO_SITE = (("../topics/", f"../{THEMES_DIR}/"), ("../docs/", "../"))


def _site_links(text: str) -> str:
    if not any(source in text for source, _ in _SOURCE_TO_SITE):
        return text
    edits = []
    for link in bodyscan.scan(text, with_html=False).links:
        for source, site in _SOURCE_TO_SITE:
            if link.target.startswith(source):
                start = text.find(link.target, link.offset)
                if start >= 0:
                    edits.append((start, len(source), site))
    for start, length, replacement in sorted(edits, reverse=True):
        text = text[:start] + replacement + text[start + length:]
    return text


def page_url(rel: str) -> str:
    """The site URL (relative to the root) of a staging page, with directory
    URLs as MkDocs and Zensical make them: 'cases/x.md' -> 'cases/x/'."""
    stem = rel[:-3] if rel.endswith(".md") else rel
    if stem == "index":
        return ""
    if stem.endswith("/index"):
        stem = stem[: -len("/index")]
    return stem + "/"


def relative_url(from_page: str, to_page: str) -> str:
    """A link from one staging page to another, as the browser needs it.

    Listings and panels are raw HTML (Markdown's HTML parser made big listings
    many times slower), so their links are resolved here, not by the generator:
    up to the site root, then down to the target."""
    up = "../" * page_url(from_page).count("/")
    return (up + page_url(to_page)) or "./"
