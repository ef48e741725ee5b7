"""Write the complete page tree for one audience into a staging folder.

The generator (MkDocs today, Zensical tomorrow) only ever sees this folder:
hand-written pages from docs/, plus generated home, theme, case, centre,
target-group and listing pages. Nothing here imports MkDocs.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import os
import posixpath
import re
from collections import defaultdict
from pathlib import Path

import jinja2
from markupsafe import Markup

from brobyg import forked
from brobyg.model import THEME_IDS, Case, KnowledgeBase
from brobyg.problems import EXPLANATIONS_PATH
from brobyg.project import Project
from brobyg.render import routes
from brobyg.render import vetted
from brobyg.render.listing import write_listing
from brobyg.render.memo import PageMemo, StagingChanges
from brobyg.render.related import related_cases
from brobyg.render.routes import page_url, relative_url
from brobyg.validate.rules import families as rule_families
from brobyg.validate import body as bodyscan
from brobyg.render.images import responsive_images

MONTHS = ("januar", "februar", "marts", "april", "maj", "juni", "juli", "august", "september", "oktober", "november", "december")
NEWEST_ON_HOME = 6


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


class _QuietBytecodeCache(jinja2.FileSystemBytecodeCache):
    """A cache that can fail (a full or read-only temp folder) without
    failing the build: the template is then compiled, as without a cache."""

    def load_bytecode(self, bucket) -> None:
        try:
            super().load_bytecode(bucket)
        except (OSError, ValueError, EOFError):
            bucket.reset()

    def dump_bytecode(self, bucket) -> None:
        try:
            super().dump_bytecode(bucket)
        except OSError:
            pass


def _bytecode_cache() -> jinja2.BytecodeCache | None:
    try:
        return _QuietBytecodeCache()
    except (OSError, RuntimeError):  # no usable temp folder: compile every run, as before
        return None


def _env() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(Path(__file__).parent / "templates"),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        undefined=jinja2.StrictUndefined,
        # Compiled templates kept between runs (in the system's temp folder, by
        # a checksum of each template's source, as Python keeps bytecode):
        # compiling them was half of writing the pages of a small site.
        bytecode_cache=_bytecode_cache(),
    )
    env.filters.update(danish_date=danish_date, danish_month=danish_month, md=md_inline)
    env.globals["routes"] = routes
    return env


class Site:
    """What every template may look up: the audience's cases, newest first,
    indexed once by theme, centre and target group."""

    def __init__(self, kb: KnowledgeBase, audience: str = "public") -> None:
        self.kb = kb
        self.audience = audience
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
        self._meetings_by_case: dict[str, list] = defaultdict(list)
        for meeting in sorted(kb.meetings.values(), key=lambda m: (m.starts_at, m.slug), reverse=True):
            for slug in meeting.cases:
                self._meetings_by_case[slug].append(meeting)

    def cases_with_theme(self, theme_id: str) -> list[Case]:
        return self._by_theme.get(theme_id, [])

    def cases_of_centre(self, centre_id: str) -> list[Case]:
        return self._by_centre.get(centre_id, [])

    def cases_for_group(self, group_id: str) -> list[Case]:
        return self._by_group.get(group_id, [])

    def meetings_of_case(self, slug: str) -> list:
        """The meetings where the case was presented, newest first."""
        return self._meetings_by_case.get(slug, [])


def _front_matter(**meta) -> str:
    # JSON scalars are valid YAML, and json is much faster than PyYAML's emitter.
    lines = "".join(f"{key}: {json.dumps(value, ensure_ascii=False)}\n" for key, value in meta.items())
    return f"---\n{lines}---\n\n"


class StagingWriter:
    """Writes files only when their content changed, so `serve` re-renders only what moved."""

    def __init__(self, out: Path) -> None:
        self.out = out
        self.written: set[str] = set()  # every staging path of this run, changed or not
        self.changed: set[str] = set()  # the staging paths whose bytes this run wrote
        self._dirs: set[Path] = set()

    def keep(self, rel: str) -> None:
        """The file is as the last run wrote it (its page memo said so)."""
        self.written.add(rel)

    def text(self, rel: str, content: str) -> None:
        self._bytes(rel, content.encode("utf-8"))

    def data(self, rel: str, data: bytes) -> None:
        self._bytes(rel, data)

    def copy(self, rel: str, source: Path) -> None:
        self._bytes(rel, source.read_bytes())

    def _bytes(self, rel: str, data: bytes) -> None:
        path = self.out / rel
        self.written.add(rel)
        if path.parent not in self._dirs:
            path.parent.mkdir(parents=True, exist_ok=True)
            self._dirs.add(path.parent)
        try:
            if path.read_bytes() == data:
                return
        except FileNotFoundError:
            pass
        path.write_bytes(data)
        self.changed.add(rel)


def remove_stale(folder: Path, written: set[str]) -> set[str]:
    """Remove what an earlier run wrote and this one did not; return those paths."""
    removed = set()
    for path in sorted(folder.rglob("*"), reverse=True):
        if path.is_file() and (rel := path.relative_to(folder).as_posix()) not in written:
            path.unlink()
            removed.add(rel)
        elif path.is_dir() and not any(path.iterdir()):
            path.rmdir()
    return removed


class _PageRenderer:
    """Renders the templates for one writer. Cards and list rows are cached:
    a case's card is the same on every page at the same depth."""

    def __init__(self, site: Site, out: StagingWriter, env: jinja2.Environment, memo: PageMemo | None = None) -> None:
        self.site = site
        self.out = out
        self.env = env
        self.memo = memo
        self.snippet_templates = {name: self.env.get_template(name) for name in ("card.html.j2", "row.html.j2")}
        self.snippets: dict[tuple[str, str, int], tuple[Case, str]] = memo.snippets if memo else {}

    def page(self, rel: str, template: str, meta: dict | None = None, *, stable: bool = False,
             derived: dict | None = None, **ctx) -> None:
        """Render one page. ``stable``: it shows only ``meta``, ``ctx`` and the
        vocabularies, so with a memo it is skipped when those are unchanged.
        ``derived``: more context, made from ``ctx`` by calling each value, only
        when the page is rendered."""
        if stable and self.memo is not None and self.memo.unchanged(rel, (template, meta, ctx)):
            for kept in (rel, *self.memo.extras.get(rel, ())):
                self.out.keep(kept)
            return
        before = set(self.out.written) if self.memo is not None and derived else None
        if derived:  # may write files of its own (a case's image variants)
            ctx = {**ctx, **{key: make() for key, make in derived.items()}}
        if before is not None:
            self.memo.extras[rel] = tuple(sorted(self.out.written - before))
        self.out.text(rel, (_front_matter(**meta) if meta else "") + self.render(template, rel, **ctx))

    def render(self, template: str, page: str, **ctx) -> str:
        site, kb = self.site, self.site.kb
        depth = page_url(page).count("/")

        def href(target: str) -> str:
            return relative_url(page, target)

        def src(target: str) -> str:  # a Markdown link the generator resolves: source path to source path
            return posixpath.relpath(target, posixpath.dirname(page) or ".")

        def snippet(name: str, case: Case) -> str:
            key = (name, case.slug, depth)
            cached = self.snippets.get(key)
            if cached is None or cached[0] is not case:
                html = Markup(self.snippet_templates[name].render(site=site, kb=kb, href=href, case=case))
                cached = self.snippets[key] = (case, html)
            return cached[1]

        def card(case: Case) -> str:
            return snippet("card.html.j2", case)

        def row(case: Case) -> str:
            return snippet("row.html.j2", case)

        return self.env.get_template(template).render(site=site, kb=kb, href=href, src=src, card=card, row=row, **ctx)


def write_pages(root: Path, kb: KnowledgeBase, audience: str, staging: Path, memo: PageMemo | None = None) -> StagingChanges:
    """Render the audience's knowledge base as Markdown pages into ``staging``;
    return which staging files changed and which were removed.

    Case pages are the bulk: with many cases they are written by several
    processes side by side, while the first also writes every other page.
    With a ``memo`` (serve) one process writes, skipping the pages whose
    inputs are those of the last run."""
    project = Project(root)
    site = Site(kb.for_audience(audience), audience)  # narrowed here too: a members-only case must never reach a public page
    staging.mkdir(parents=True, exist_ok=True)
    if memo is not None:
        memo.start(site.kb)
    env = memo.env if memo is not None and memo.env else _env()
    for name in env.list_templates():  # compiled once, before the processes part
        env.get_template(name)

    def write(chunk: list[Case], with_other_pages: bool) -> tuple[set[str], set[str]]:
        out = StagingWriter(staging)
        pages = _PageRenderer(site, out, env, memo)
        if with_other_pages:
            _write_other_pages(project, site, pages, out)
        _write_case_pages(project, site, pages, out, chunk, memo)
        return out.written, out.changed

    # The other pages take this process about 40 % as long as its share of case pages.
    parts = [site.newest] if memo is not None else forked.chunks(site.newest, first_share=0.6)
    tasks = [functools.partial(write, chunk, i == 0) for i, chunk in enumerate(parts)]
    results = forked.run_side_by_side(tasks)
    written = set().union(*(w for w, _ in results))
    changed = set().union(*(c for _, c in results))
    if memo is not None and memo.written is not None:
        removed = memo.remove_unwritten(staging, written)
    else:
        removed = remove_stale(staging, written)
    if memo is not None:
        memo.finish(env, written)
    return StagingChanges(changed - removed, removed)


def _write_case_pages(project: Project, site: Site, pages: _PageRenderer, out: StagingWriter, cases: list[Case],
                      memo: PageMemo | None) -> None:
    related = memo.related(site.newest) if memo is not None else related_cases(site.newest, only=cases)
    with_assets = set()
    if project.cases_dir.is_dir():
        with os.scandir(project.cases_dir) as entries:  # one listing instead of a stat per case
            with_assets = {e.name for e in entries if e.is_dir()}
    for case in cases:
        page = routes.case(case.slug)
        pages.page(page, "case.md.j2", {"title": case.title, "description": case.summary}, stable=True,
                   case=case, related=related[case.slug], meetings=tuple(site.meetings_of_case(case.slug)),
                   derived={"body": functools.partial(responsive_images, case_body(case), page, project.cases_dir, out.data),
                            "vetted": functools.partial(vetted_marker, case)})
        if case.slug in with_assets:
            assets = project.cases_dir / case.slug
            for path in sorted(assets.rglob("*")):
                if path.is_file():
                    out.copy(routes.case_asset(case.slug, path.relative_to(assets).as_posix()), path)


def _write_other_pages(project: Project, site: Site, pages: _PageRenderer, out: StagingWriter) -> None:
    """Hand-written pages from docs/ (with their images), home, listings and search."""
    from brobyg.render.feeds import theme_page_meta  # the network's modules import this one
    from brobyg.render.network import write_network_pages

    kb, newest = site.kb, site.newest
    for path in sorted(project.docs_dir.rglob("*")) if project.docs_dir.is_dir() else []:
        if path.is_file():
            out.copy(path.relative_to(project.docs_dir).as_posix(), path)
    pages.page(routes.HOME, "home.md.j2", newest=newest[:NEWEST_ON_HOME], total=len(newest))
    pages.page(routes.THEMES_INDEX, "themes.md.j2")
    for tid in THEME_IDS:
        theme = kb.themes[tid]
        pages.page(routes.theme(tid), "theme.md.j2", {"title": theme.title, "description": theme.question, **theme_page_meta(theme)}, stable=True,
                   theme=theme, cases=site.cases_with_theme(tid))
    pages.page(routes.CASES_INDEX, "all_cases.md.j2", stable=True, cases=newest)
    pages.page(routes.CENTRES_INDEX, "centres.md.j2")
    for centre in kb.centres.values():
        pages.page(routes.centre(centre.id), "centre.md.j2", {"title": centre.name}, stable=True,
                   centre=centre, cases=site.cases_of_centre(centre.id))
    pages.page(routes.GROUPS_INDEX, "groups.md.j2")
    for group in kb.target_groups.values():
        pages.page(routes.group(group.id), "group.md.j2", {"title": group.label}, stable=True,
                   group=group, cases=site.cases_for_group(group.id))
    pages.page(routes.SEARCH, "search.md.j2")
    write_listing(kb, out.text)  # the search page's card data, for browsing without a query
    pages.page(f"{EXPLANATIONS_PATH.rstrip('/')}.md", "error_codes.md.j2",
               {"title": "Fejlkoder", "description": "Hvad tjekkets fejlkoder betyder, og hvordan du retter dem."},
               families=rule_families())
    write_network_pages(project, site, pages, out)  # members, overview, open data, feeds, meetings


# Case bodies link to sources; rewrite exactly the link targets the scanner found.
_SOURCE_TO_SITE = routes.SOURCE_TO_SITE


def vetted_marker(case: Case) -> Markup:
    """The line that tells the renderer what `check` vetted in this body."""
    return Markup(vetted.marker(case.path, case.body_line, bodyscan.scan(case.body, with_html=True).targets()))


def case_body(case: Case) -> Markup:
    """The case's Markdown as the page carries it: without its HTML comments,
    with links to sources pointed at the site. It is Markdown, not text to
    escape: `check` vetted its HTML, and Markdown renders it."""
    return Markup(_site_links(bodyscan.without_comments(case.body)))


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
