"""The validator's driver: every rule, run over the whole knowledge base.

``check()`` never raises on bad input: each problem becomes a ``Problem``
with file, line, code and a Danish message saying what to do. It returns the
model of everything that was valid, so the build reads the same model the
checks vouched for. The rules themselves live in ``brobyg/validate/rules/``,
one module per family.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import gc
from dataclasses import dataclass
from pathlib import Path

from brobyg import forked
from brobyg.model import Case, KnowledgeBase
from brobyg.problems import ERROR, Report
from brobyg.project import Project
from brobyg.schema.cases import CASES
from brobyg.validate.rules import body, fields, files, frontmatter, links, meetings, privacy
from brobyg.validate.rules.context import FileContext, Run
from brobyg.validate import placement
from brobyg.validate.vocab import load_vocabularies

@dataclass
class CheckResult:
    kb: KnowledgeBase
    report: Report
    files: int  # how many files were checked


@contextlib.contextmanager
def _cyclic_gc_paused():
    """What a check makes (the model, the problems) lives until it ends, and
    makes no reference cycles to free early, so the cyclic collector would only
    walk it again and again as it grows: 2 % of a check of 10,000 cases."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def check(root: Path, paths: list[Path] | None = None, today: dt.date | None = None) -> CheckResult:
    """Check the knowledge base under ``root``; with ``paths``, only those files
    are reported on, but they are judged against the whole knowledge base."""
    with _cyclic_gc_paused():
        return _check(root, paths, today)


def _check(root: Path, paths: list[Path] | None, today: dt.date | None) -> CheckResult:
    project = Project(root)
    report = Report()
    today = today or dt.date.today()
    kb = load_vocabularies(project, report)
    data_files = [project.municipalities_file, project.centres_file, project.target_groups_file]
    data_files += [project.public_numbers_file] if project.public_numbers_file.exists() else []
    data_files += sorted(project.topics_dir.glob("*.md")) if project.topics_dir.is_dir() else []

    if paths is not None and any(root.resolve().is_relative_to(p.resolve()) for p in paths):
        paths = None  # `check .`: the whole knowledge base
    all_cases = project.case_files()
    expanded = [] if paths is None else _expand(paths)
    misplaced = files.misplaced_files(project, report, paths, expanded)
    selected = all_cases if paths is None else [p for p in expanded if placement.is_case_path(project, p)]
    case_slugs = {p.stem for p in all_cases}

    def check_chunk(paths: list[Path]) -> tuple[list[Case], list, list]:
        run, chunk_report = Run(project, kb, today, case_slugs), Report()
        cases = [case for case in (check_case(run, chunk_report, p) for p in paths) if case]
        return cases, chunk_report.problems, run.link_sites

    # Big knowledge bases are checked by several processes, in file order.
    run = Run(project, kb, today, case_slugs)
    parts = [functools.partial(check_chunk, c) for c in forked.chunks(selected)]
    for cases, problems, link_sites in forked.run_side_by_side(parts):
        kb.cases.update((case.slug, case) for case in cases)
        report.problems.extend(problems)
        run.link_sites.extend(link_sites)
    links.members_links(run, report)
    kb.meetings = meetings.check_meetings(run, report)

    if paths is None:
        return CheckResult(kb, report, len(all_cases) + len(data_files) + len(project.meeting_files()) + len(misplaced))
    chosen = {project.rel(p) for p in expanded} | misplaced
    files_checked = len(chosen)
    # Broken vocabularies make every case look wrong, so they are always shown.
    chosen |= {project.rel(p) for p in data_files}
    return CheckResult(kb, report.only(chosen), files_checked)


def _expand(paths: list[Path]) -> list[Path]:
    out: list[Path] = []
    for p in paths:
        out.extend(sorted(p.glob("*.md"), key=str) if p.is_dir() else [p])
    return out


def check_case(run: Run, report: Report, path: Path) -> Case | None:
    """Check one case file; its model object when it has no error."""
    ctx = FileContext(run, report, path, run.case_rel(path))
    before = len(report.problems)
    slug = path.stem
    files.case_file_name(report, path, ctx.rel, slug)
    loaded = frontmatter.read_front_matter(report, path, ctx.rel)
    if loaded is None:
        return None
    split, fm = loaded
    ctx.front_matter = split
    values = fields.check_fields(ctx, fm, split.yaml_first_line)
    # Personal data may sit only in `contact`.
    privacy.in_nodes(ctx, fields.free_text_nodes(fm))
    ctx.visibility = values.get("visibility")
    case_links = body.check_body(ctx, split.body, split.body_first_line)
    if any(p.severity == ERROR for p in report.problems[before:]):
        return None
    return CASES.model(slug=slug, path=ctx.rel, body=split.body, case_links=tuple(case_links), body_line=split.body_first_line, **fields.to_model_attrs(values))
