"""A link checker over a built site: every internal link, anchor and asset resolves.

Reads every HTML file (and the stylesheets they load) of a site folder and
follows what a browser would fetch or a reader could click: href, src,
srcset, poster, CSS url(). A target is internal when it has no scheme and no
host; it resolves when the file exists (a folder URL means its index.html)
and, if it names a fragment, the target page has an element with that id
(or an <a name>).
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


def check_site(site: Path) -> tuple[int, list[Broken]]:
    """(number of internal references followed, the broken ones)."""
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
