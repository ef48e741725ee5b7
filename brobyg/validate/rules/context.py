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

    __slots__ = ("project", "kb", "today", "case_slugs", "link_sites", "real_root", "real_dirs", "privacy_allowances", "_template_text", "abs_root",
                 "_cases_prefix")

    def __init__(self, project: Project, kb: KnowledgeBase, today: dt.date, case_slugs: set[str]) -> None:
        self.project = project
        self.kb = kb  # vocabularies (and, after the run, the valid cases)
        self.today = today
        self.case_slugs = case_slugs
        # Body links to other cases, judged once every case is known:
        # (linking case, line, col, linked slug, the linking case's visibility)
        self.link_sites: list[tuple[str, int, int, str, str | None]] = []
        self.real_root = os.path.realpath(project.root)
        self.abs_root = os.path.abspath(project.root)
        self.real_dirs: dict[str, str] = {}  # folder -> its real path
        self.privacy_allowances = None  # the privacy rules' ways through, made on first use
        self._template_text = None
        self._cases_prefix = os.fspath(project.cases_dir) + os.sep

    @property
    def template_text(self):
        """The template's and `new`'s placeholder words (read once per run)."""
        if self._template_text is None:
            from brobyg.validate import template_text

            self._template_text = template_text.load(self.project)
        return self._template_text

    def rel(self, path: str) -> str:
        """``Project.rel`` for a normalised path string, with the root made absolute once."""
        full = path if os.path.isabs(path) else os.path.abspath(path)
        root = self.abs_root
        if full.startswith(root + os.sep):
            return full[len(root) + 1 :].replace(os.sep, "/")
        return full.replace(os.sep, "/") if full != root else "."

    def case_rel(self, path: Path) -> str:
        """``Project.rel`` of a case file; a file straight in cases/ (as every
        case that is found there is) without making its path absolute."""
        full, prefix = os.fspath(path), self._cases_prefix
        if full.startswith(prefix):
            name = full[len(prefix):]
            if os.sep not in name and (os.altsep is None or os.altsep not in name) and name not in ("", ".", ".."):
                return "cases/" + name
        return self.project.rel(path)

    def vocabulary(self, name: str):
        """The ids a reference field may name."""
        return THEME_IDS if name == "themes" else getattr(self.kb, name)


class FileContext:
    """One file being checked; rules report through it."""

    __slots__ = ("run", "report", "path", "rel", "visibility", "front_matter", "_folder")

    def __init__(self, run: Run, report: Report, path: Path, rel: str) -> None:
        self.run = run
        self.report = report
        self.path = path
        self.rel = rel
        self.visibility: str | None = None  # the case's, once its fields are read
        self.front_matter = None  # its FrontMatterSplit, once read
        self._folder: str | None = None

    @property
    def folder(self) -> str:
        """The folder the file is in, as a string (relative links start there)."""
        if self._folder is None:
            self._folder = os.path.dirname(self.path)
        return self._folder

    def where(self, node: Y, needle: str) -> tuple[int, int]:
        """Where ``needle`` (found in a value's text) stands in the file: a text
        over several lines is folded into one, so look for it on the value's
        own lines. On the value's first line (or when it cannot be found),
        where the value starts, as for every other value."""
        split = self.front_matter
        if split is None or not needle:
            return node.line, node.col
        lines = split.yaml_text.split("\n")
        first = node.line - split.yaml_first_line
        for i in range(max(first, 0), min(len(lines), first + 40)):
            if i > first and lines[i][:1] not in (" ", "\t", ""):
                break  # the next key: the value has ended
            col = lines[i].find(needle, node.col - 1 if i == first else 0)
            if col >= 0:
                return (node.line, node.col) if i == first else (split.yaml_first_line + i, col + 1)
        return node.line, node.col

    def add(self, rule: RuleLike, line: int, col: int, what: str, hint: str = "", related: tuple[Related, ...] = ()) -> None:
        self.report.add(rule, self.rel, line, col, what, hint, related)

    def at(self, rule: RuleLike, node: Y, what: str, hint: str = "", related: tuple[Related, ...] = ()) -> None:
        self.report.add(rule, self.rel, node.line, node.col, what, hint, related)
