"""Write the complete page tree for one audience into a staging folder.

The generator (MkDocs today, Zensical tomorrow) only ever sees this folder:
hand-written pages from docs/, plus generated home, theme, case, centre,
target-group and listing pages. Nothing here imports MkDocs.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

import jinja2
import yaml

from . import body as bodyscan
from .model import THEME_IDS, Case, KnowledgeBase
from .project import Project
from .related import related_cases

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


@dataclass
class Site:
    """What every template may look up: the audience's knowledge base."""

    kb: KnowledgeBase
    audience: str

    def cases_with_theme(self, theme_id: str) -> list[Case]:
        return [c for c in self.kb.newest_first() if theme_id in c.themes]

    def cases_of_centre(self, centre_id: str) -> list[Case]:
        return [c for c in self.kb.newest_first() if c.centre == centre_id]

    def cases_for_group(self, group_id: str) -> list[Case]:
        return [c for c in self.kb.newest_first() if group_id in c.target_groups]


def _front_matter(**meta) -> str:
    return "---\n" + yaml.safe_dump(meta, allow_unicode=True, sort_keys=False, width=1000) + "---\n\n"


class StagingWriter:
    """Writes files only when their content changed, so `serve` reloads only what moved."""

    def __init__(self, out: Path) -> None:
        self.out = out
        self.written: set[Path] = set()

    def text(self, rel: str, content: str) -> None:
        self._bytes(rel, content.encode("utf-8"))

    def copy(self, rel: str, source: Path) -> None:
        self._bytes(rel, source.read_bytes())

    def _bytes(self, rel: str, data: bytes) -> None:
        path = self.out / rel
        self.written.add(path)
        if path.is_file() and path.read_bytes() == data:
            return
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)

    def remove_stale(self) -> None:
        for path in sorted(self.out.rglob("*"), reverse=True):
            if path.is_file() and path not in self.written:
                path.unlink()
            elif path.is_dir() and not any(path.iterdir()):
                path.rmdir()


def write_pages(root: Path, kb: KnowledgeBase, audience: str, staging: Path) -> None:
    """Render the audience's knowledge base as Markdown pages into ``staging``."""
    project = Project(root)
    kb = kb.for_audience(audience)
    site = Site(kb, audience)
    env = _env()
    out = StagingWriter(staging)
    staging.mkdir(parents=True, exist_ok=True)
    newest = kb.newest_first()

    def render(template: str, **ctx) -> str:
        return env.get_template(template).render(site=site, kb=kb, audience=audience, **ctx)

    # Hand-written pages (and their images) from docs/.
    for path in sorted(project.docs_dir.rglob("*")) if project.docs_dir.is_dir() else []:
        if path.is_file():
            out.copy(path.relative_to(project.docs_dir).as_posix(), path)

    out.text("index.md", render("home.md.j2", newest=newest[:NEWEST_ON_HOME], total=len(newest)))
    out.text(f"{THEMES_DIR}/index.md", render("themes.md.j2"))
    for tid in THEME_IDS:
        theme = kb.themes[tid]
        out.text(f"{THEMES_DIR}/{tid}.md", _front_matter(title=theme.title, description=theme.question)
                 + render("theme.md.j2", theme=theme, cases=site.cases_with_theme(tid)))

    related = related_cases(newest)
    for case in newest:
        out.text(f"{CASES_DIR}/{case.slug}.md", _front_matter(title=case.title, description=case.summary)
                 + render("case.md.j2", case=case, body=_site_links(case.body), related=related[case.slug]))
        assets = project.cases_dir / case.slug
        if assets.is_dir():
            for path in sorted(assets.rglob("*")):
                if path.is_file():
                    out.copy(f"{CASES_DIR}/{case.slug}/{path.relative_to(assets).as_posix()}", path)
    out.text(f"{CASES_DIR}/index.md", render("all_cases.md.j2", cases=newest))

    out.text(f"{CENTRES_DIR}/index.md", render("centres.md.j2"))
    for centre in kb.centres.values():
        out.text(f"{CENTRES_DIR}/{centre.id}.md", _front_matter(title=centre.name)
                 + render("centre.md.j2", centre=centre, cases=site.cases_of_centre(centre.id)))
    out.text(f"{GROUPS_DIR}/index.md", render("groups.md.j2"))
    for group in kb.target_groups.values():
        out.text(f"{GROUPS_DIR}/{group.id}.md", _front_matter(title=group.label)
                 + render("group.md.j2", group=group, cases=site.cases_for_group(group.id)))
    out.text("soeg.md", render("search.md.j2"))
    out.remove_stale()


# Case bodies link to sources (../topics/x.md, ../docs/x.md); the site keeps
# them elsewhere. Rewrite exactly the link targets the scanner found.
_SOURCE_TO_SITE = (("../topics/", f"../{THEMES_DIR}/"), ("../docs/", "../"))


def _site_links(text: str) -> str:
    edits = []
    for link in bodyscan.scan(text).links:
        for source, site in _SOURCE_TO_SITE:
            if link.target.startswith(source):
                start = text.find(link.target, link.offset)
                if start >= 0:
                    edits.append((start, len(source), site))
    for start, length, replacement in sorted(edits, reverse=True):
        text = text[:start] + replacement + text[start + length:]
    return text


def relpath(from_page: str, to_file: str) -> str:
    """Relative link between two staging files, e.g. for templates' links."""
    return PurePosixPath(os.path.relpath(to_file, PurePosixPath(from_page).parent)).as_posix()
