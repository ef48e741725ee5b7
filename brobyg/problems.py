"""Problems found in the sources and the three ways of printing them."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass

ERROR = "error"
WARNING = "warning"


@dataclass(frozen=True, order=True, slots=True)
class Problem:
    path: str  # repository-relative, POSIX separators
    line: int  # 1-based; 0 when the problem concerns the whole file
    col: int  # 1-based; 0 when unknown
    severity: str
    code: str
    message: str  # Danish: what is wrong and how to fix it

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


def _gh_data(s: str) -> str:
    return s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _gh_prop(s: str) -> str:
    return _gh_data(s).replace(":", "%3A").replace(",", "%2C")


class Report:
    """Collects problems from every rule; one run reports everything."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []

    def add(self, path: str, line: int, col: int, code: str, message: str, severity: str = ERROR) -> None:
        self.problems.append(Problem(path, line, col, severity, code, message))

    def error(self, path: str, line: int, col: int, code: str, message: str) -> None:
        self.add(path, line, col, code, message, ERROR)

    def warning(self, path: str, line: int, col: int, code: str, message: str) -> None:
        self.add(path, line, col, code, message, WARNING)

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


def render(problems: list[Problem], fmt: str, files: int) -> str:
    errors = sum(p.severity == ERROR for p in problems)
    warnings = len(problems) - errors
    if fmt == "json":
        return json.dumps(
            {"problems": [asdict(p) for p in problems], "errors": errors, "warnings": warnings, "files": files},
            ensure_ascii=False,
            indent=2,
        )
    lines = [p.as_github() if fmt == "github" else p.as_text() for p in problems]
    lines.append(summary_line(errors, warnings, files))
    return "\n".join(lines)
