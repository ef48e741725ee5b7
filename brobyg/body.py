"""Read what a case's Markdown body contains: headings, links, images, HTML.

This is a scanner, not a Markdown renderer: it finds the parts our rules
judge, each with its offset, and is fast enough to run over thousands of
cases in editors and pre-commit hooks.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html.parser import HTMLParser

_FENCED = re.compile(r"^[ ]{0,3}(`{3,}|~{3,})[^\n]*\n.*?(?:^[ ]{0,3}\1[ \t]*$|\Z)", re.M | re.S)
_INLINE_CODE = re.compile(r"(`+)(?!`).+?(?<!`)\1(?!`)", re.S)
_HEADING = re.compile(r"^[ ]{0,3}(#{1,6})[ \t]+(.*?)[ \t#]*$", re.M)
_LINK = re.compile(r"(!?)\[((?:[^\[\]\n]|\[[^\[\]\n]*\])*)\]\(\s*(<[^>\n]*>|[^\s()]*(?:\([^\s()]*\)[^\s()]*)*)(?:\s+(?:\"[^\"\n]*\"|'[^'\n]*'))?\s*\)")
_REF_DEF = re.compile(r"^[ ]{0,3}\[[^\]\n]+\]:[ \t]*<?(\S+?)>?(?:[ \t]+.*)?$", re.M)
_AUTOLINK = re.compile(r"<((?:https?|mailto|ftp|javascript|data|vbscript|file):[^>\s]*)>", re.I)
_ATTR_LIST = re.compile(r"\{:?[^{}\n]*\}")


def mask(text: str, pattern: re.Pattern) -> str:
    """Blank out matches but keep newlines, so offsets and lines stay right."""
    return pattern.sub(lambda m: re.sub(r"[^\n]", " ", m.group(0)), text)


@dataclass(frozen=True, slots=True)
class Link:
    offset: int
    target: str
    is_image: bool
    text: str | None  # link text or alt text; None for reference definitions / HTML


@dataclass(frozen=True, slots=True)
class Tag:
    offset: int
    name: str
    attrs: tuple[tuple[str, str | None], ...]


@dataclass(slots=True)
class BodyScan:
    headings: list[tuple[int, int, str]]  # (offset, level, text)
    links: list[Link]
    tags: list[Tag]


def scan(body: str) -> BodyScan:
    code_free = mask(mask(body, _FENCED), _INLINE_CODE)
    headings = [(m.start(), len(m.group(1)), m.group(2).strip()) for m in _HEADING.finditer(code_free)]
    links = []
    for m in _LINK.finditer(code_free):
        target = m.group(3)
        if target.startswith("<") and target.endswith(">"):
            target = target[1:-1]
        links.append(Link(m.start(), target, m.group(1) == "!", m.group(2)))
    links += [Link(m.start(1), m.group(1), False, None) for m in _REF_DEF.finditer(code_free)]
    links += [Link(m.start(1), m.group(1), False, None) for m in _AUTOLINK.finditer(code_free)]
    tags: list[Tag] = []
    if "<" in code_free:
        html_text = mask(code_free, _AUTOLINK)
        tags = _HtmlTags.collect(html_text)
    return BodyScan(headings, links, tags)


class _HtmlTags(HTMLParser):
    """Collects start tags with their offsets; text and comments are ignored."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=False)
        self._line_starts = [0] + [i + 1 for i, ch in enumerate(text) if ch == "\n"]
        self.tags: list[Tag] = []

    @classmethod
    def collect(cls, text: str) -> list[Tag]:
        parser = cls(text)
        parser.feed(text)
        parser.close()
        return parser.tags

    def _offset(self) -> int:
        line, col = self.getpos()
        return self._line_starts[line - 1] + col

    def handle_starttag(self, tag, attrs):
        self.tags.append(Tag(self._offset(), tag, tuple(attrs)))

    handle_startendtag = handle_starttag

    def handle_decl(self, decl):
        self.tags.append(Tag(self._offset(), "!" + decl.split()[0].lower() if decl else "!", ()))

    def handle_pi(self, data):
        self.tags.append(Tag(self._offset(), "?", ()))


# The HTML a case may use, judged by a safe-list: anything not named here is refused.
SAFE_TAGS: dict[str, frozenset[str]] = {
    name: frozenset(attrs.split())
    for name, attrs in {
        "a": "href title", "abbr": "title", "b": "", "blockquote": "", "br": "", "caption": "",
        "code": "", "dd": "", "del": "", "details": "open", "div": "", "dl": "", "dt": "", "em": "",
        "figcaption": "", "figure": "", "h2": "", "h3": "", "h4": "", "hr": "", "i": "",
        "img": "src alt title width height", "ins": "", "kbd": "", "li": "", "mark": "", "ol": "start",
        "p": "", "pre": "", "q": "", "s": "", "small": "", "span": "", "strong": "", "sub": "",
        "summary": "", "sup": "", "table": "", "tbody": "", "td": "colspan rowspan", "tfoot": "",
        "th": "colspan rowspan scope", "thead": "", "tr": "", "u": "", "ul": "",
    }.items()
}
GLOBAL_ATTRS = frozenset({"title", "lang"})
URL_ATTRS = frozenset({"href", "src"})
SAFE_SCHEMES = ("http", "https", "mailto")
_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]*):")


def url_scheme(url: str) -> str | None:
    # Browsers ignore control characters and spaces inside a scheme: 'java\tscript:'.
    cleaned = re.sub(r"[\x00-\x20]", "", url)
    m = _SCHEME.match(cleaned)
    return m.group(1).lower() if m else None


def unsafe_reason(tag: Tag) -> str | None:
    """Why an HTML tag is refused, in Danish, or None when it is safe."""
    if tag.name not in SAFE_TAGS:
        label = f"<{tag.name}>" if tag.name[:1] not in "!?" else "Denne HTML-konstruktion"
        return f"{label} er ikke tilladt i en case"
    allowed = SAFE_TAGS[tag.name] | GLOBAL_ATTRS
    for name, value in tag.attrs:
        if name not in allowed:
            if name.startswith("on"):
                return f"Attributten '{name}' på <{tag.name}> kan køre kode og er ikke tilladt"
            return f"Attributten '{name}' på <{tag.name}> er ikke tilladt"
        if name in URL_ATTRS and value is not None:
            scheme = url_scheme(value)
            if scheme and scheme not in SAFE_SCHEMES:
                return f"Adresser med '{scheme}:' er ikke tilladt i <{tag.name} {name}=…>"
    return None
