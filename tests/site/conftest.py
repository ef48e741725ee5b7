"""Fixtures for tests on real MkDocs builds: the sample content of this
repository and copies of the minimal fixture, built into temporary folders."""

from __future__ import annotations

import re
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

import pytest

from tests.conftest import REPO


@dataclass
class BuiltSite:
    root: Path  # the content root it was built from
    out: Path
    audience: str

    def page(self, url_path: str) -> str:
        """HTML of a page by its URL path, e.g. 'cases/foo/'."""
        path = self.out / url_path.strip("/") / "index.html" if not url_path.endswith(".html") else self.out / url_path
        return path.read_text(encoding="utf-8")

    def html_files(self) -> list[Path]:
        return sorted(self.out.rglob("*.html"))


def build(root: Path, audience: str, tmp: Path) -> BuiltSite:
    from brobyg.pipeline.build import build_site

    out = build_site(root, audience, out=tmp / f"site-{audience}", staging=tmp / f"staging-{audience}")
    return BuiltSite(root, out, audience)


@pytest.fixture(scope="session")
def sample_kb():
    from brobyg.validate.check import check

    result = check(REPO)
    assert not [p for p in result.report.problems if p.severity == "error"], "the sample content must be valid"
    return result.kb


@pytest.fixture(scope="session")
def public_site(tmp_path_factory) -> BuiltSite:
    return build(REPO, "public", tmp_path_factory.mktemp("public"))


class Html(HTMLParser):
    """The parts of a page the tests look at."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict]] = []
        self.h1 = 0
        self.lang = None
        self._text: list[str] = []
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        self.tags.append((tag, a))
        if tag == "h1":
            self.h1 += 1
        if tag == "html":
            self.lang = a.get("lang")

    def handle_data(self, data):
        self._text.append(data)

    @property
    def text(self) -> str:
        return re.sub(r"\s+", " ", " ".join(self._text))

    def attrs(self, tag: str, name: str) -> list[str]:
        return [a[name] for t, a in self.tags if t == tag and a.get(name) is not None]

    def attrs_where(self, tag: str, name: str, **match: str) -> list[str]:
        """Values of ``name`` on ``tag`` elements whose other attributes match."""
        return [a[name] for t, a in self.tags
                if t == tag and a.get(name) is not None and all(a.get(k) == v for k, v in match.items())]


@pytest.fixture(scope="session")
def network(tmp_path_factory):
    """Both builds of the network's knowledge base, with their models; shared
    by the test modules (none of them changes it)."""
    from tests.site.network_kb import model, network_kb

    tmp = tmp_path_factory.mktemp("network")
    kb = network_kb(tmp / "kb")
    return {
        "kb": kb,
        "public": (build(kb.root, "public", tmp), model(kb, "public")),
        "members": (build(kb.root, "members", tmp), model(kb, "members")),
    }
