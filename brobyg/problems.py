"""Problems found in the sources and the three ways of printing them."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Protocol

ERROR = "error"
WARNING = "warning"

# Where the site explains every code (the "Fejlkoder" page); anchors are the
# codes in lower case.
EXPLANATIONS_PATH = "fejlkoder/"


class RuleLike(Protocol):
    code: str
    severity: str


class Related(tuple):
    """Another place that explains a problem, e.g. where a key first appeared:
    (path, line, col, note), ``note`` saying in Danish what is there."""

    __slots__ = ()

    def __new__(cls, path: str, line: int, col: int, note: str) -> "Related":
        return tuple.__new__(cls, (path, line, col, note))

    path = property(lambda self: self[0])
    line = property(lambda self: self[1])
    col = property(lambda self: self[2])
    note = property(lambda self: self[3])


@dataclass(frozen=True, slots=True)
class Problem:
    path: str  # repository-relative, POSIX separators
    line: int  # 1-based; 0 when the problem concerns the whole file
    col: int  # 1-based; 0 when unknown
    severity: str
    code: str
    what: str  # Danish: what is wrong
    hint: str = ""  # Danish: how to fix it ("" when ``what`` says it all)
    related: tuple[Related, ...] = ()

    @property
    def message(self) -> str:
        """What is wrong, then how to fix it: the text of the gcc-style line."""
        return f"{self.what} {self.hint}" if self.hint else self.what

    def _key(self) -> tuple:
        return (self.path, self.line, self.col, self.severity, self.code, self.message)

    def __lt__(self, other: "Problem") -> bool:
        return self._key() < other._key()

    def as_text(self) -> str:
        where = self.path
        if self.line:
            where += f":{self.line}:{self.col or 1}"
        return f"{where}: {self.severity} {self.code}: {self.message}"

    def as_github(self) -> str:
        # GitHub workflow command: shows inline on the pull request's diff.
        props = f"file={_gh_prop(self.path)}"
        if self.line:
            props += f",line={self.line},col={self.col or 1}"
        props += f",title={_gh_prop(self.code)}"
        return f"::{self.severity} {props}::{_gh_data(self.message)}"

    def as_json(self, site_url: str = "") -> dict:
        return {
            "path": self.path, "line": self.line, "col": self.col, "severity": self.severity,
            "code": self.code, "message": self.message, "hint": self.hint,
            "related": [{"path": r.path, "line": r.line, "col": r.col, "note": r.note} for r in self.related],
            "url": explanation_url(self.code, site_url),
        }


def explanation_url(code: str, site_url: str = "") -> str:
    """Where the site explains ``code``; relative to the site when no address is known."""
    base = site_url.rstrip("/") + "/" if site_url else ""
    return f"{base}{EXPLANATIONS_PATH}#{code.lower()}"


def _gh_data(s: str) -> str:
    return s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _gh_prop(s: str) -> str:
    return _gh_data(s).replace(":", "%3A").replace(",", "%2C")


class Report:
    """Collects problems from every rule; one run reports everything.

    A rule never writes its own code or severity: ``add`` stamps them from
    the rule, so each code is written once, where the rule is declared."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []

    def add(self, rule: RuleLike, path: str, line: int, col: int, what: str, hint: str = "",
            related: tuple[Related, ...] = ()) -> None:
        self.problems.append(Problem(path, line, col, rule.severity, rule.code, what, hint.strip(), related))

    def sorted(self) -> list[Problem]:
        return sorted(set(self.problems))

    def only(self, paths: set[str]) -> "Report":
        kept = Report()
        kept.problems = [p for p in self.problems if p.path in paths]
        return kept


def summary_line(errors: int, warnings: int, files: int) -> str:
    def n(count: int, one: str, many: str) -> str:
        return f"{count} {one if count == 1 else many}"

    checked = n(files, "fil", "filer")
    if not errors and not warnings:
        return f"Ingen fejl i {checked}."
    return f"{n(errors, 'fejl', 'fejl')} og {n(warnings, 'advarsel', 'advarsler')} i {checked}."


def read_more_line(site_url: str = "") -> str:
    """The last line of the text output when there were problems."""
    return f"Læs hvad fejlkoderne betyder, og hvordan du retter dem: {explanation_url('', site_url).rstrip('#')}"


def render(problems: list[Problem], fmt: str, files: int, site_url: str = "") -> str:
    errors = sum(p.severity == ERROR for p in problems)
    warnings = len(problems) - errors
    if fmt == "json":
        return json.dumps(
            {"problems": [p.as_json(site_url) for p in problems], "errors": errors, "warnings": warnings, "files": files},
            ensure_ascii=False,
            indent=2,
        )
    lines = [p.as_github() if fmt == "github" else p.as_text() for p in problems]
    lines.append(summary_line(errors, warnings, files))
    if problems and fmt == "text":
        lines.append(read_more_line(site_url))
    return "\n".join(lines)
