"""A link checker over a built site: every internal link, anchor and asset resolves.

Reads every HTML file (and the stylesheets they load) of a site folder and
follows what a browser would fetch or a reader could click: href, src,
srcset, poster, CSS url(). A target is internal when it has no scheme and no
host; it resolves when the file exists (a folder URL means its index.html)
and, if it names a fragment, the target page has an element with that id
(or an <a name>).

The data files (Atom feeds, the meetings' calendar, cases.json and .csv, the
sitemap) write the site's own pages out with the site's address; those
addresses are checked the same way (check_data_files).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

_URL_ATTRS = {"href", "src", "poster", "data-src"}
_CSS_URL = re.compile(r"""url\(\s*(['"]?)([^'")]+)\1\s*\)""")


@dataclass(frozen=True)
class Broken:
    page: str  # the site path of the file that links
    target: str  # the link as written
    why: str

    def __str__(self) -> str:
        return f"{self.page}: {self.target} ({self.why})"


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.refs: list[str] = []
        self.ids: set[str] = set()
        self.base: str | None = None
        self.styles: list[str] = []
        self._in_style = False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        for name in ("id",):
            if a.get(name):
                self.ids.add(a[name])
        if tag == "a" and a.get("name"):
            self.ids.add(a["name"])
        if tag == "base" and a.get("href"):
            self.base = a["href"]
        for name, value in attrs:
            if value is None:
                continue
            if name in _URL_ATTRS and not (tag in ("link",) and a.get("rel") in ("canonical",)):
                self.refs.append(value)
            elif name in ("srcset", "imagesrcset"):
                self.refs += [part.strip().split()[0] for part in value.split(",") if part.strip()]
            elif name == "style":
                self.styles.append(value)
        self._in_style = tag == "style"

    def handle_endtag(self, tag):
        if tag == "style":
            self._in_style = False

    def handle_data(self, data):
        if self._in_style:
            self.styles.append(data)


@lru_cache(maxsize=None)
def _parse(path: Path) -> _Page:
    p = _Page()
    p.feed(path.read_text(encoding="utf-8", errors="replace"))
    return p


def _internal(ref: str) -> bool:
    parts = urlsplit(ref)
    return not parts.scheme and not parts.netloc and not ref.startswith("//")


def _file_for(site: Path, url_path: str) -> Path | None:
    rel = unquote(url_path).lstrip("/")
    path = site / rel
    if url_path.endswith("/") or path.is_dir():
        path = path / "index.html"
    return path if path.is_file() else None


def check_site(site: Path, reached: set[str] | None = None) -> tuple[int, list[Broken]]:
    """(number of internal references followed, the broken ones); ``reached``,
    if given, gets the site path of every file a page links to."""
    site = site.resolve()
    broken: list[Broken] = []
    followed = 0
    stylesheets: set[Path] = set()

    def follow(page_url: str, page: str, ref: str, in_css: bool = False) -> None:
        nonlocal followed
        if not ref or not _internal(ref) or ref.startswith(("data:", "javascript:")):
            return
        followed += 1
        absolute = urlsplit(urljoin(page_url, ref))
        if absolute.path.startswith("/../") or ".." in absolute.path.split("/")[:1]:
            broken.append(Broken(page, ref, "points above the site root"))
            return
        target = _file_for(site, absolute.path)
        if target is None:
            broken.append(Broken(page, ref, "no such file"))
            return
        if reached is not None and not in_css:
            reached.add(target.relative_to(site).as_posix())
        if target.suffix == ".css":
            stylesheets.add(target)
        if absolute.fragment and target.suffix == ".html" and not in_css:
            if unquote(absolute.fragment) not in _parse(target).ids:
                broken.append(Broken(page, ref, f"no id '{unquote(absolute.fragment)}' in {target.relative_to(site)}"))

    for html in sorted(site.rglob("*.html")):
        rel = html.relative_to(site).as_posix()
        page_url = "/" + rel
        parsed = _parse(html)
        if parsed.base:
            page_url = urljoin(page_url, parsed.base)
        for ref in parsed.refs:
            follow(page_url, rel, ref)
        for css in parsed.styles:
            for m in _CSS_URL.finditer(css):
                follow(page_url, rel, m.group(2), in_css=True)
    for css in sorted(stylesheets):
        rel = css.relative_to(site).as_posix()
        for m in _CSS_URL.finditer(css.read_text(encoding="utf-8", errors="replace")):
            follow("/" + rel, rel, m.group(2), in_css=True)
    _parse.cache_clear()
    return followed, broken


def links_of(site: Path, page: str) -> set[str]:
    """The site paths of the files one page (a site path) links to."""
    site = site.resolve()
    reached = set()
    for ref in _parse(site / page).refs:
        if _internal(ref):
            target = _file_for(site, urlsplit(urljoin("/" + page, ref)).path)
            if target is not None:
                reached.add(target.relative_to(site).as_posix())
    return reached


def _unfold(ics: str) -> str:
    """iCalendar's folded lines joined (RFC 5545 3.1: a line break plus one space or tab)."""
    return re.sub(r"\r?\n[ \t]", "", ics)


def check_data_files(site: Path, site_url: str, files: list[str]) -> tuple[int, list[Broken]]:
    """The site's own addresses in its data files (feeds, calendar, JSON, CSV,
    sitemaps), which are written out in full with the site's address: each one
    must be a file of the site, and a fragment an id on that page."""
    site = site.resolve()
    base = site_url.rstrip("/") + "/"
    own = re.compile(re.escape(base) + r"""[^\s"'<>;,\\]*""")
    broken: list[Broken] = []
    followed = 0
    for rel in files:
        text = (site / rel).read_text(encoding="utf-8-sig")
        if rel.endswith(".ics"):
            text = _unfold(text)
        for url in own.findall(text):
            followed += 1
            parts = urlsplit(url)
            target = _file_for(site, "/" + parts.path[len(urlsplit(base).path):].lstrip("/"))
            if target is None:
                broken.append(Broken(rel, url, "no such file"))
            elif parts.fragment and target.suffix == ".html" and unquote(parts.fragment) not in _parse(target).ids:
                broken.append(Broken(rel, url, f"no id '{unquote(parts.fragment)}' in {target.relative_to(site)}"))
    _parse.cache_clear()
    return followed, broken
