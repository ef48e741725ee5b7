"""A Python-Markdown extension: refuse what `check` did not vet in a case body.

The staging writer puts one marker line (``vetted.marker``) before each case
body, listing every link and image target the validator's scanner found.
After Python-Markdown has parsed the page, this compares every ``<a href>``
and ``<img src>`` it would publish, and every piece of raw HTML the body
brought, with that list. Whatever `check` did not see is reported on the
case's line (``vetted.report``) and taken off the page, so the generator never
sees it: no English "target not found" warning, and no unvetted link, image,
tag or HTML comment on the site, whatever the scanner missed.

A Markdown extension, not an MkDocs plugin: any generator that renders with
Python-Markdown and our mkdocs.yml runs it.
"""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as etree

from markdown import Extension, util
from markdown.preprocessors import Preprocessor
from markdown.treeprocessors import Treeprocessor

from brobyg.problems import ERROR, Problem
from brobyg.render import vetted
from brobyg.validate import body as bodyscan

URL_ATTR = {"a": "href", "img": "src"}
_ESCAPED_CHAR = re.compile(f"{util.STX}([0-9]+){util.ETX}")
_COMMENT = re.compile(r"<!--.*?(?:-->|\Z)", re.S)


def browser_value(value: str) -> str:
    """An attribute value from the tree as the browser will read it."""
    value = _ESCAPED_CHAR.sub(lambda m: chr(int(m.group(1))), value).replace(util.AMP_SUBSTITUTE, "&")
    return html.unescape(value)


class _Marker(Preprocessor):
    def run(self, lines: list[str]) -> list[str]:
        self.md.brobyg_vetted = None
        for i, line in enumerate(lines):
            if line.startswith(vetted.MARKER):
                data = vetted.parse_marker(line)
                if data is not None:
                    self.md.brobyg_vetted = (data, lines[i + 1:])
                    return lines[:i] + [""] + lines[i + 1:]
                break
        return lines


class _Guard(Treeprocessor):
    def run(self, root: etree.Element) -> None:
        state = getattr(self.md, "brobyg_vetted", None)
        if state is None:  # not a case page
            return
        data, self.lines = state
        self.data = data
        allowed = set(data["targets"])
        for el in self._elements(root):
            self._element(el, allowed)
        trusted = getattr(self.md, "brobyg_raw_ids", set())  # our own templates' HTML
        stash = self.md.htmlStash.rawHtmlBlocks
        for i, block in enumerate(stash):
            if i in trusted:
                continue
            if isinstance(block, etree.Element):
                for el in block.iter():
                    self._element(el, allowed)
                continue
            if "<!--" in block:  # a comment the staging writer left (the scanner took it for code)
                block = stash[i] = _COMMENT.sub("", block)
            for tag in bodyscan.html_tags(block):
                reason = bodyscan.unsafe_reason(tag)
                attr = URL_ATTR.get(tag.name)
                value = dict(tag.attrs).get(attr) if attr else None
                if reason:
                    self._problem("html", block.strip()[:60], block)
                elif value is not None and vetted.normal(value) not in allowed:
                    self._problem(tag.name, value, value)
                else:
                    continue
                stash[i] = html.escape(block)  # shown as text at worst, never as markup
                break

    @staticmethod
    def _elements(root):
        for el in root.iter():
            if el.tag in URL_ATTR:
                yield el

    def _element(self, el: etree.Element, allowed: set[str]) -> None:
        attr = URL_ATTR.get(el.tag)
        raw = el.get(attr) if attr else None
        if raw is None:
            return
        value = browser_value(raw)
        if vetted.normal(value) not in allowed:
            self._problem(el.tag, value, raw)
            # Off the page: the generator never sees it, so it never warns about it.
            text = el.get("alt") if el.tag == "img" else None
            el.tag = "span"
            el.attrib.clear()
            if text:
                el.text = text

    def _problem(self, kind: str, shown: str, needle: str) -> None:
        line, col = self._locate(needle, shown)
        vetted.report(Problem(self.data["path"], line, col, ERROR, vetted.CODE, vetted.message(kind, shown)))

    def _locate(self, *needles: str) -> tuple[int, int]:
        for needle in needles:
            needle = needle.strip()[:40]
            if not needle:
                continue
            for i, text in enumerate(self.lines):
                col = text.find(needle)
                if col >= 0:
                    return self.data["line"] + i, col + 1
        return self.data["line"], 1


class VettedExtension(Extension):
    def extendMarkdown(self, md):
        md.preprocessors.register(_Marker(md), "brobyg_vetted", 29)  # before raw blocks (25) and HTML (20)
        # After inline parsing (20) and attribute lists (8), before the generator's link rewriting (0).
        md.treeprocessors.register(_Guard(md), "brobyg_vetted", 2)


def makeExtension(**kwargs):
    return VettedExtension(**kwargs)
