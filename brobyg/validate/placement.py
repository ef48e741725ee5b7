"""Where Markdown files belong, so that no case is silently left unchecked.

Only ``cases/<slug>.md`` becomes a case page. A case saved anywhere else (the
repository root, a subfolder of ``cases/``, ``templates/``) or under another
extension (``min-case.md.txt``) would be skipped without a word, and ``check``
would still say "Ingen fejl". Here each such file gets a message that says
where cases go.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from brobyg.model import slugify
from brobyg.project import CASE_TEMPLATE, MEETING_TEMPLATE, Project

# Folders whose Markdown is content: cases/*.md (directly), topics/*.md, docs/**, meetings/**.
CONTENT_TREES = ("docs", "meetings")
# Markdown that documents the repository itself, not content.
REPOSITORY_FILES = frozenset({"README.md", "CHANGELOG.md", "LICENSE.md", "CONTRIBUTING.md", "CODE_OF_CONDUCT.md", "SECURITY.md"})
TEMPLATE_FILES = frozenset({CASE_TEMPLATE, MEETING_TEMPLATE})
# Folders of code, tools and build output: no contributor saves a case there.
TOOL_DIRS = frozenset({"brobyg", "tests", "bench", "scripts", "theme", "build", "site", "node_modules", "workflows", "templates"})

TEXT_SUFFIXES = (".md", ".markdown", ".mdown", ".mkd", ".txt", ".text")
WORD_SUFFIXES = (".docx", ".doc", ".odt", ".rtf", ".pages")
MARKDOWN_SUFFIXES = (".md", ".markdown", ".mdown", ".mkd")


# What is wrong with a file's place or name (Finding.kind); the file rules word it.
AT_ROOT = "at root"
IN_CASES_SUBFOLDER = "in a subfolder of cases"
IN_TEMPLATES = "in templates"
ELSEWHERE = "elsewhere"
NOT_A_CASE = "not a case"  # README.md, the template, .github/: asked for by path
NOT_MD = "not .md"  # cases/min-case.md.txt
WORD_DOCUMENT = "word document"  # cases/referat.docx


@dataclass(frozen=True, slots=True)
class Finding:
    rel: str
    kind: str
    name: str  # the file's name
    suggestion: str  # the name it should have: 'min-case.md'
    folder: str  # the folder it is in ('' at the root)


def suggested_name(name: str) -> str:
    """'Min Case.md.txt' -> 'min-case.md': every text suffix off, then a slug."""
    stem = name
    while True:
        base, dot, suffix = stem.rpartition(".")
        if dot and base and ("." + suffix.lower()) in TEXT_SUFFIXES + WORD_SUFFIXES:
            stem = base
        else:
            break
    if stem.lower() in TEXT_SUFFIXES + WORD_SUFFIXES:  # '.md': no name at all
        stem = ""
    return (slugify(stem) or "min-case") + ".md"


def _rel_parts(project: Project, path: Path) -> tuple[str, tuple[str, ...]]:
    rel = project.rel(path)
    return rel, PurePosixPath(rel).parts


def is_case_path(project: Project, path: Path) -> bool:
    """cases/<name>.md, judged by the folder the contributor sees (not a symlink's target)."""
    return Path(os.path.abspath(path)).parent == Path(os.path.abspath(project.cases_dir)) and path.suffix == ".md"


def judge_path(project: Project, path: Path) -> Finding | None:
    """What is wrong with a file the contributor asked to check that is not a
    case; None when it is a case or a file ``check`` reads anyway (data, topics)."""
    rel, parts = _rel_parts(project, path)
    if is_case_path(project, path):
        return None
    name = parts[-1] if parts else path.name
    suffix = PurePosixPath(name).suffix.lower()
    if len(parts) == 2 and parts[0] == "cases":
        return misnamed_in_cases(rel, name)
    if parts[:1] == ("data",) or (len(parts) == 2 and parts[0] == "topics" and suffix == ".md"):
        return None  # checked as data files
    if rel in REPOSITORY_FILES or rel in TEMPLATE_FILES or parts[:1] == (".github",):
        return Finding(rel, NOT_A_CASE, name, suggested_name(name), "/".join(parts[:-1]))
    if parts[:1] in (("docs",), ("meetings",)):
        return None
    if suffix in MARKDOWN_SUFFIXES + (".txt",) + WORD_SUFFIXES:
        return misplaced(rel, parts, name)
    return None


def misnamed_in_cases(rel: str, name: str) -> Finding | None:
    """A file directly in cases/ that looks like a case but is not read as one."""
    lower = name.lower()
    if any(lower.endswith(s) for s in WORD_SUFFIXES):
        return Finding(rel, WORD_DOCUMENT, name, suggested_name(name), "cases")
    if any(lower.endswith(s) for s in TEXT_SUFFIXES) and not name.endswith(".md"):
        return Finding(rel, NOT_MD, name, suggested_name(name), "cases")
    return None


def misplaced(rel: str, parts: tuple[str, ...], name: str) -> Finding:
    if parts[:1] == ("cases",):
        kind = IN_CASES_SUBFOLDER
    elif parts[:1] == ("templates",):
        kind = IN_TEMPLATES
    elif len(parts) == 1:
        kind = AT_ROOT
    else:
        kind = ELSEWHERE
    return Finding(rel, kind, name, suggested_name(name), "/".join(parts[:-1]))


_LOOKS_LIKE_CASE = re.compile(r"^(?:centre|visibility|target_groups|themes):", re.M)


def _looks_like_case(path: Path) -> bool:
    try:
        with open(path, encoding="utf-8", errors="replace") as f:
            head = f.read(4096)
    except OSError:
        return False
    return head.startswith(("---", "\ufeff---")) and bool(_LOOKS_LIKE_CASE.search(head))


def stray_files(project: Project) -> list[Finding]:
    """Every file in the repository that looks like content but is not read:
    Markdown outside the places content belongs, and misnamed files in cases/."""
    root = project.root
    found: list[Finding] = []

    def walk(folder: Path | str, depth: int) -> None:
        try:
            entries = sorted(os.scandir(folder), key=lambda e: e.name)
        except OSError:
            return
        for e in entries:
            if e.name.startswith("."):
                continue
            try:
                is_dir = e.is_dir(follow_symlinks=False)
            except OSError:
                continue
            if is_dir:
                if depth < 6:
                    walk(e.path, depth + 1)
            elif e.name.lower().endswith(MARKDOWN_SUFFIXES) or e.name.lower().endswith(WORD_SUFFIXES):
                rel, parts = _rel_parts(project, Path(e.path))
                found.append(misplaced(rel, parts, e.name))

    try:
        top = sorted(os.scandir(root), key=lambda e: e.name)
    except OSError:
        return found
    for e in top:
        name = e.name
        if name.startswith(".") or name in REPOSITORY_FILES:
            continue
        try:
            is_dir = e.is_dir(follow_symlinks=False)
        except OSError:
            continue
        if not is_dir:
            if name.lower().endswith(MARKDOWN_SUFFIXES) or name.lower().endswith(WORD_SUFFIXES):
                found.append(misplaced(name, (name,), name))
            continue
        if name == "cases":
            found.extend(_in_cases(project, Path(e.path), walk))
        elif name == "topics":
            for sub in sorted(os.scandir(e.path), key=lambda s: s.name):
                if sub.is_dir(follow_symlinks=False) and not sub.name.startswith("."):
                    walk(Path(sub.path), 2)
        elif name == "templates":
            for sub in sorted(Path(e.path).rglob("*.md"), key=str):
                rel = project.rel(sub)
                if rel not in TEMPLATE_FILES and _looks_like_case(sub):
                    found.append(misplaced(rel, PurePosixPath(rel).parts, sub.name))
        elif name in CONTENT_TREES or name == "data" or name in TOOL_DIRS:
            continue
        else:
            walk(Path(e.path), 1)
    return found


def _in_cases(project: Project, cases: Path, walk) -> list[Finding]:
    out: list[Finding] = []
    try:
        entries = sorted(os.scandir(cases), key=lambda e: e.name)
    except OSError:
        return out
    for e in entries:
        if e.name.startswith("."):
            continue
        try:
            if e.is_dir(follow_symlinks=False):
                walk(e.path, 1)
                continue
        except OSError:
            continue
        if e.name.endswith(".md"):
            continue
        finding = misnamed_in_cases(project.rel(Path(e.path)), e.name)
        if finding:
            out.append(finding)
    return out


def findings(project: Project, paths: list[Path] | None, expanded: list[Path]) -> list[Finding]:
    """Files ``check`` does not read as cases but should say something about: for the whole
    repository, every stray file; for the paths asked for, each of them that is
    not a case, and the stray files inside the folders among them."""
    if paths is None:
        return stray_files(project)
    out = {}
    for path in expanded:
        f = judge_path(project, path)
        if f:
            out.setdefault(f.rel, f)
    folders = [project.rel(p) for p in paths if p.is_dir()]
    if folders:
        for f in stray_files(project):
            if any(f.rel.startswith(d.rstrip("/") + "/") for d in folders):
                out.setdefault(f.rel, f)
    return sorted(out.values(), key=lambda f: f.rel)
