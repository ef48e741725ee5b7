"""What a rule sees while it checks: the whole run, and the one file."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

from brobyg.load.frontmatter import Y
from brobyg.model import THEME_IDS, KnowledgeBase
from brobyg.problems import Related, Report, RuleLike
from brobyg.project import Project


class Run:
    """One check of the knowledge base: what every file is judged against."""

    __slots__ = ("project", "kb", "today", "case_slugs", "link_sites", "real_root", "real_dirs")

    def __init__(self, project: Project, kb: KnowledgeBase, today: dt.date, case_slugs: set[str]) -> None:
        self.project = project
        self.kb = kb  # vocabularies (and, after the run, the valid cases)
        self.today = today
        self.case_slugs = case_slugs
        # Body links to other cases, judged once every case is known:
        # (linking case, line, col, linked slug, the linking case's visibility)
        self.link_sites: list[tuple[str, int, int, str, str | None]] = []
        self.real_root = os.path.realpath(project.root)
        self.real_dirs: dict[str, str] = {}  # folder -> its real path

    def vocabulary(self, name: str):
        """The ids a reference field may name."""
        return THEME_IDS if name == "themes" else getattr(self.kb, name)


class FileContext:
    """One file being checked; rules report through it."""

    __slots__ = ("run", "report", "path", "rel", "visibility")

    def __init__(self, run: Run, report: Report, path: Path, rel: str) -> None:
        self.run = run
        self.report = report
        self.path = path
        self.rel = rel
        self.visibility: str | None = None  # the case's, once its fields are read

    def add(self, rule: RuleLike, line: int, col: int, what: str, hint: str = "", related: tuple[Related, ...] = ()) -> None:
        self.report.add(rule, self.rel, line, col, what, hint, related)

    def at(self, rule: RuleLike, node: Y, what: str, hint: str = "", related: tuple[Related, ...] = ()) -> None:
        self.report.add(rule, self.rel, node.line, node.col, what, hint, related)
