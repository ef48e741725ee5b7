"""The knowledge base the network's tests build: tests/fixtures/minimal with
tests/fixtures/network laid over it (one more case, a centre without cases,
meetings)."""

from __future__ import annotations

import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

from tests.conftest import FIXTURES, REPO, TODAY, KnowledgeBaseDir, copy_fixture


def network_kb(dest: Path) -> KnowledgeBaseDir:
    kb = copy_fixture("minimal", dest)
    shutil.copytree(FIXTURES / "network", dest, dirs_exist_ok=True)
    (dest / "README.md").unlink()
    return kb


def model(kb: KnowledgeBaseDir, audience: str, today=TODAY):
    """The audience's model, as the build reads it (checked first: no errors)."""
    result = kb.check(today=today)
    errors = [p.as_text() for p in result.report.sorted() if p.severity == "error"]
    assert not errors, errors
    return result.kb.for_audience(audience)


def configured_site_url(audience: str = "public") -> str:
    """The audience's address from the repository's mkdocs.yml, read here on its own."""
    key = r"^  members_site_url" if audience == "members" else r"^site_url"
    m = re.search(key + r":\s*(\S+)", (REPO / "mkdocs.yml").read_text(encoding="utf-8"), re.M)
    return m.group(1).rstrip("/") + "/"


class Elements(HTMLParser):
    """Start tags with their attributes and the text inside each element, by id
    and in order, for tests that look inside tables and sections."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[list] = []
        self.done: list[tuple[str, dict, str]] = []
        self.feed(text)

    VOID = {"br", "img", "input", "link", "meta", "hr", "source", "rect", "path", "circle"}

    def handle_starttag(self, tag, attrs):
        if tag in self.VOID:
            self.done.append((tag, dict(attrs), ""))
            return
        self.stack.append([tag, dict(attrs), []])

    def handle_startendtag(self, tag, attrs):
        self.done.append((tag, dict(attrs), ""))

    def handle_endtag(self, tag):
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i][0] == tag:
                t, a, parts = self.stack.pop(i)
                text = " ".join("".join(parts).split())
                self.done.append((t, a, text))
                if self.stack:
                    self.stack[-1][2].append(" " + "".join(parts) + " ")
                return

    def handle_data(self, data):
        if self.stack:
            self.stack[-1][2].append(data)

    def all(self, tag: str, **attrs) -> list[tuple[dict, str]]:
        return [(a, text) for t, a, text in self.done if t == tag and all(a.get(k) == v for k, v in attrs.items())]


_TAG = re.compile(r"<[^>]+>")


def table_rows(html: str, caption_start: str) -> list[list[tuple[str, str]]]:
    """The rows of the table whose caption starts with ``caption_start``:
    [[(cell html, cell text), ...], ...], header and footer rows included."""
    for table in re.findall(r"<table[^>]*>(.*?)</table>", html, re.S):
        cap = re.search(r"<caption>(.*?)</caption>", table, re.S)
        if cap and _TAG.sub("", cap.group(1)).strip().startswith(caption_start):
            return [
                [(cell, " ".join(_TAG.sub(" ", cell).split())) for cell in re.findall(r"<t[hd][^>]*>.*?</t[hd]>", row, re.S)]
                for row in re.findall(r"<tr[^>]*>(.*?)</tr>", table, re.S)
            ]
    raise AssertionError(f"no table with caption {caption_start!r}")
