"""Shared test helpers: a throw-away copy of the minimal knowledge base.

``kb`` copies ``tests/fixtures/minimal`` (a small, valid knowledge base) into
``tmp_path`` and returns a ``KnowledgeBaseDir``: write files into it, check it
in-process with a fixed ``today``, or run ``build.py`` on it as a subprocess.
"""

from __future__ import annotations

import copy
import datetime as dt
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from brobyg.validate.rules.base import SAMPLE_BODY
from brobyg.validate.rules.base import front_matter as _rule_sample_front_matter

REPO = Path(__file__).resolve().parent.parent
FIXTURES = REPO / "tests" / "fixtures"
MINIMAL = FIXTURES / "minimal"
BUILD_PY = REPO / "build.py"

# A fixed "today" for in-process checks, later than every date in the fixture.
TODAY = dt.date(2025, 6, 1)

# Front matter of a valid public case in the minimal fixture, as text, one key a
# line (title on line 2 of the file, published on line 8): the rules' own sample case.
VALID_YAML = _rule_sample_front_matter()
# The same as YAML reads it.
VALID_FRONT_MATTER = yaml.safe_load(VALID_YAML)

# A valid body with all six suggested headings.
VALID_BODY = SAMPLE_BODY

DROP = object()  # front_matter(..., key=DROP) leaves the key out


def front_matter(**changes) -> dict:
    """The valid front matter with some keys changed (or removed with DROP)."""
    fm = copy.deepcopy(VALID_FRONT_MATTER)
    for key, value in changes.items():
        if value is DROP:
            fm.pop(key, None)
        else:
            fm[key] = value
    return fm


def dump_front_matter(fm) -> str:
    """YAML for a front matter dict: one line per top-level key, in order."""
    return yaml.safe_dump(fm, allow_unicode=True, sort_keys=False, default_flow_style=None, width=10**6)


class KnowledgeBaseDir:
    """A writable copy of a fixture knowledge base."""

    today = TODAY
    valid_body = VALID_BODY
    front_matter = staticmethod(front_matter)
    dump_front_matter = staticmethod(dump_front_matter)

    def __init__(self, root: Path) -> None:
        self.root = root

    # -- files --------------------------------------------------------------

    def path(self, rel: str) -> Path:
        return self.root / rel

    def write(self, rel: str, content: str | bytes) -> Path:
        """Write text (UTF-8, exactly as given) or bytes to a repository path."""
        path = self.root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_bytes(content.encode("utf-8"))
        return path

    def read(self, rel: str) -> str:
        return (self.root / rel).read_text(encoding="utf-8")

    def remove(self, rel: str) -> None:
        path = self.root / rel
        if path.is_dir():
            shutil.rmtree(path)
        else:
            path.unlink()

    def case_text(self, fm: dict | str | None = None, body: str | None = None) -> str:
        """A case file: front matter (dict dumped as YAML, or raw YAML text) and body."""
        if fm is None:
            fm = front_matter()
        yaml_text = fm if isinstance(fm, str) else dump_front_matter(fm)
        if yaml_text and not yaml_text.endswith("\n"):
            yaml_text += "\n"
        return f"---\n{yaml_text}---\n\n{VALID_BODY if body is None else body}"

    def write_case(self, slug: str = "ny-case", fm: dict | str | None = None, body: str | None = None) -> str:
        """Write ``cases/<slug>.md``; return its repository-relative path."""
        rel = f"cases/{slug}.md"
        self.write(rel, self.case_text(fm, body))
        return rel

    def position(self, rel: str, needle: str, nth: int = 1) -> tuple[int, int]:
        """1-based (line, column) where ``needle`` occurs for the ``nth`` time, found
        by plain text search, so tests do not take positions from the validator."""
        hits = [
            (i, m.start() + 1)
            for i, line in enumerate(self.read(rel).split("\n"), 1)
            for m in re.finditer(re.escape(needle), line)
        ]
        return hits[nth - 1]

    def line_of(self, rel: str, needle: str, nth: int = 1) -> int:
        return self.position(rel, needle, nth)[0]

    # -- checking -----------------------------------------------------------

    def check(self, *paths: str | Path, today: dt.date | None = None):
        """Run the validator in-process; returns its CheckResult."""
        from brobyg.validate.check import check

        chosen = [self.root / p for p in paths] or None
        return check(self.root, chosen, today=today or self.today)

    def problems(self, *paths: str | Path, today: dt.date | None = None):
        """All problems, sorted as the CLI prints them."""
        return self.check(*paths, today=today).report.sorted()

    def codes(self, *paths: str | Path, today: dt.date | None = None) -> list[tuple[str, int]]:
        """Problems as (code, line) tuples."""
        return [(p.code, p.line) for p in self.problems(*paths, today=today)]

    def run(self, *args: str, timeout: float = 60, cwd: Path | None = None) -> subprocess.CompletedProcess:
        """Run ``python build.py --root <this copy> ARGS`` and capture its output."""
        return subprocess.run(
            [sys.executable, str(BUILD_PY), "--root", str(self.root), *args],
            capture_output=True, text=True, encoding="utf-8", timeout=timeout, cwd=cwd or self.root,
        )


def only(kb: KnowledgeBaseDir, code: str) -> list[tuple[int, int, str]]:
    """[(line, col, message)] of one code; asserts no problem of another code."""
    problems = kb.problems()
    assert {p.code for p in problems} <= {code}, [p.as_text() for p in problems]
    return [(p.line, p.col, p.message) for p in problems]


def copy_fixture(name: str, dest: Path) -> KnowledgeBaseDir:
    shutil.copytree(FIXTURES / name, dest)
    return KnowledgeBaseDir(dest)


@pytest.fixture
def kb(tmp_path) -> KnowledgeBaseDir:
    """A fresh, valid copy of tests/fixtures/minimal."""
    return copy_fixture("minimal", tmp_path / "kb")


# Show the "browser tests were SKIPPED" banner on every run, also under xdist
# (whose controller does not load tests/browser/conftest.py on its own).
from tests.browser.conftest import pytest_terminal_summary  # noqa: E402,F401
