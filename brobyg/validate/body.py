"""Read what a case's Markdown body contains: headings, links, images, HTML.

This is a scanner, not a Markdown renderer: it finds the parts our rules
judge, each with its offset, and is fast enough to run over thousands of
cases in editors and pre-commit hooks.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

_FENCED = re.compile(r"^[ ]{0,3}(`{3,}|~{3,})[^\n]*\n.*?(?:^[ ]{0,3}\1[ \t]*$|\Z)", re.M | re.S)
_INLINE_CODE = re.compile(r"(`+)(?!`).+?(?<!`)\1(?!`)", re.S)
# Patterns avoid overlapping repeats (e.g. a lazy group before '[ \t#]*$'): on a long
# line of spaces those backtrack quadratically and a 500 KB file would hang `check`.
_HEADING = re.compile(r"^[ ]{0,3}(#{1,6})[ \t]+([^\n]*)$", re.M)  # closing '#'s stripped in scan()
# 'Titel\n=====' is an h1 and 'Titel\n-----' an h2 (setext headings).
_SETEXT_UNDERLINE = re.compile(r"\n[ ]{0,3}(=+|-+)[ \t]*(?=\n|\Z)")  # starts with a literal: fast
_SETEXT_TEXT = re.compile(r"[ ]{0,3}([^\s#][^\n]*)")
# '(?=(?P<ws>\s*))(?P=ws)' is an atomic '\s*': it cannot give back what the trailing '\s*' takes.
# Starts with a literal '[' (fast to find); an image's '!' is looked up before it.
_LINK = re.compile(r"\[(?P<text>(?:[^\[\]\n]|\[[^\[\]\n]*\])*)\]\((?=(?P<ws>\s*))(?P=ws)(?P<target><[^>\n]*>|[^\s()]*(?:\([^\s()]*\)[^\s()]*)*)(?:\s+(?:\"[^\"\n]*\"|'[^'\n]*'))?\s*\)")
_REF_DEF = re.compile(r"^[ ]{0,3}\[[^\]\n]+\]:[ \t]*<?(\S+?)>?(?:[ \t]+.*)?$", re.M)
_AUTOLINK = re.compile(r"<((?:https?|mailto|ftp|javascript|data|vbscript|file):[^>\s]*)>", re.I)
_EMAIL_AUTOLINK = re.compile(r"<[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+>")  # '<jens@example.org>' is a link, not a tag
_ATTR_LIST = re.compile(r"\{:?[^{}\n]*\}")
# One attribute in an attribute list, as Python-Markdown's attr_list reads it.
_ATTR_TOKEN = re.compile(r"""([^ =}]+)=(?:"[^"]*"|'[^']*'|[^ =}]+)|[^ =}]+""")


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


def scan(body: str, with_html: bool = True) -> BodyScan:
    # Each pattern runs only when its marker occurs: `in` is far cheaper than a
    # regex pass, and `check` runs over thousands of cases.
    code_free = body
    if "```" in body or "~~~" in body:
        code_free = mask(code_free, _FENCED)
    if "`" in code_free:
        code_free = mask(code_free, _INLINE_CODE)
    headings = []
    if "#" in code_free:
        headings += [(m.start(), len(m.group(1)), m.group(2).rstrip(" \t#").strip()) for m in _HEADING.finditer(code_free)]
    taken = 0  # an underline is never the text of the next heading
    for m in _SETEXT_UNDERLINE.finditer(code_free):
        start = code_free.rfind("\n", 0, m.start()) + 1
        text = _SETEXT_TEXT.fullmatch(code_free, start, m.start()) if start >= taken else None
        if text:
            headings.append((start, 1 if m.group(1)[0] == "=" else 2, text.group(1).strip()))
            taken = m.end()
    links = []
    bracketed = []  # '[x](<a b.md>)': the '<a b.md>' is a link target, not an HTML tag
    for m in _LINK.finditer(code_free) if "](" in code_free else ():
        target = m.group("target")
        if target.startswith("<") and target.endswith(">"):
            target = target[1:-1]
            bracketed.append(m.span("target"))
        is_image = m.start() > 0 and code_free[m.start() - 1] == "!"
        links.append(Link(m.start() - is_image, target, is_image, m.group("text")))
    if "]:" in code_free:
        links += [Link(m.start(1), m.group(1), False, None) for m in _REF_DEF.finditer(code_free)]
    if "<" in code_free:
        links += [Link(m.start(1), m.group(1), False, None) for m in _AUTOLINK.finditer(code_free)]
    tags: list[Tag] = []
    if with_html and "<" in code_free:
        html_text = mask(mask(code_free, _AUTOLINK), _EMAIL_AUTOLINK)
        if bracketed:
            chars = list(html_text)
            for start, end in bracketed:
                chars[start:end] = " " * (end - start)
            html_text = "".join(chars)
        tags = _html_tags(html_text)
    # The site enables attr_list: '[x](…){: onclick="…"}' would put the attribute on the link.
    if with_html and "{" in code_free:
        tags += [_attr_list(m) for m in _ATTR_LIST.finditer(code_free)]
    return BodyScan(headings, links, tags)


ATTR_LIST = "{:}"  # Tag.name of a Markdown attribute list


def _attr_list(m: re.Match) -> Tag:
    inner = m.group(0).lstrip("{:").rstrip("}")
    # Only 'name=value' can carry code or an address; '.klasse', '#id' and bare words cannot.
    pairs = [(t.group(1).lower(), t.group(0).split("=", 1)[1]) for t in _ATTR_TOKEN.finditer(inner) if t.group(1)]
    return Tag(m.start(), ATTR_LIST, tuple(pairs))


# A start tag whose parts hold no '<' or '>': a match can never run past the
# next '<', so scanning stays linear even on hostile input. (Python's
# HTMLParser, used before, took quadratic time on many unclosed tags.)
_START_TAG = re.compile(
    r"""<([a-zA-Z][a-zA-Z0-9-]*)((?:\s+[^\s"'<>/=]+(?:\s*=\s*(?:"[^"<>]*"|'[^'<>]*'|[^\s"'=<>`]+))?)*)\s*/?>"""
)
_ATTR = re.compile(r"""([^\s"'<>/=]+)(?:\s*=\s*(?:"([^"<>]*)"|'([^'<>]*)'|([^\s"'=<>`]+)))?""")
_END_TAG = re.compile(r"</[a-zA-Z][a-zA-Z0-9-]*\s*>")
_DECL = re.compile(r"<[!?][^<>]*>")
INCOMPLETE = "<"  # Tag.name of markup that starts like a tag but is not a whole one
_TAG_OPENING = re.compile(r"<[/!?]?[^\s<>]{0,20}")


def _html_tags(text: str) -> list[Tag]:
    """Start tags, declarations and broken tags, each with its offset.

    Whatever starts like a tag but does not parse as a whole one is returned
    as INCOMPLETE: a browser might still read it as a tag, so it is refused."""
    tags: list[Tag] = []
    pos = 0
    while (i := text.find("<", pos)) >= 0:
        nxt = text[i + 1 : i + 2]
        pos = i + 1
        if text.startswith("<!--", i):
            end = text.find("-->", i + 4)
            if end < 0:
                tags.append(Tag(i, INCOMPLETE, (("", "<!--"),)))
                break
            pos = end + 3
        elif text.startswith("<![", i):  # CDATA and other marked sections
            tags.append(Tag(i, "![", ()))
        elif nxt in ("!", "?"):
            m = _DECL.match(text, i)
            if m:
                word = m.group(0)[1:-1].split()
                tags.append(Tag(i, "?" if nxt == "?" else "!" + (word[0][1:].lower() if word else ""), ()))
                pos = m.end()
            else:
                tags.append(Tag(i, INCOMPLETE, (("", _TAG_OPENING.match(text, i).group(0)),)))
        elif nxt == "/":
            m = _END_TAG.match(text, i)
            if m:
                pos = m.end()
            elif text[i + 2 : i + 3].isascii() and text[i + 2 : i + 3].isalpha():
                tags.append(Tag(i, INCOMPLETE, (("", _TAG_OPENING.match(text, i).group(0)),)))
        elif nxt.isascii() and nxt.isalpha():
            m = _START_TAG.match(text, i)
            if m:
                attrs = tuple(
                    (a.group(1).lower(), None if a.group(2) is a.group(3) is a.group(4) is None
                     else html.unescape(next(g for g in a.group(2, 3, 4) if g is not None)))
                    for a in _ATTR.finditer(m.group(2))
                )
                tags.append(Tag(i, m.group(1).lower(), attrs))
                pos = m.end()
            else:
                tags.append(Tag(i, INCOMPLETE, (("", _TAG_OPENING.match(text, i).group(0)),)))
    return tags


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
    # Browsers ignore control characters and spaces inside a scheme: 'java\tscript:';
    # Markdown renderers decode character references in a link target: 'java&#x09;script:'.
    cleaned = re.sub(r"[\x00-\x20]", "", html.unescape(url))
    m = _SCHEME.match(cleaned)
    return m.group(1).lower() if m else None


ATTR_LIST_ATTRS = frozenset({"id", "class", "title", "lang", "width", "height", "loading", "target", "rel"})


def unsafe_reason(tag: Tag) -> str | None:
    """Why an HTML tag is refused, in Danish, or None when it is safe."""
    if tag.name == ATTR_LIST:
        for name, _ in tag.attrs:
            if name not in ATTR_LIST_ATTRS:
                danger = " kan køre kode og" if name.startswith("on") else ""
                return (f"Attributten '{name}' i en attributliste {{: …}}{danger} er ikke tilladt; "
                        "brug kun .klasse, #id, title, width og height")
        return None
    if tag.name == INCOMPLETE:
        start = tag.attrs[0][1] if tag.attrs else "<"
        return (f"'{start}…' er ufuldstændig HTML (der mangler '>', eller en værdi indeholder '<' eller '>'). "
                "Ret tagget, eller skriv '&lt;' for et mindre-end-tegn")
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
