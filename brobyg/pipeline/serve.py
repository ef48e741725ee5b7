"""`build.py serve`: the site with live reload, brought up to date within a
second of an edit.

Start-up is a build (check, staging tree, MkDocs, Pagefind) into a temporary
folder that the server shows. After that, a file-system event wakes
``Preview.update``, which does only what the edit calls for:

- it finds the changed sources by comparing (mtime, size) of every watched
  file with the last look (milliseconds, and no event can be missed), plus
  the files the events named;
- it checks only the changed cases, plus the cases that link to them (a
  deleted or renamed case breaks their links; a changed visibility may break
  the members-link rule) and the files that still had errors, all judged
  against the whole knowledge base (``check(root, paths)``); a hand-written
  page (docs/), topic or data file changes what cases may link to or what
  every page shows, so that checks everything again;
- with any error left it prints the problems and changes nothing, so the
  browser keeps the last good pages;
- otherwise it writes the staging tree with a page memo (only pages whose
  inputs changed are rendered, only changed bytes are written) and hands the
  changed and removed staging paths to the generator, which re-renders just
  those (and the nav of every page when a title in it changed);
- the search index follows in a background thread.

Nothing here forks once the server runs: its threads make forking unsafe
(``forked.in_this_process``), and Pagefind runs as a subprocess.
"""

from __future__ import annotations

import gc
import os
import shutil
import signal
import sys
import tempfile
import time
from pathlib import Path

from brobyg import forked
from brobyg.generator import mkdocs as generator
from brobyg.model import Case, KnowledgeBase
from brobyg.pipeline.build import AUDIENCE_LABEL, BuildFailed, ensure_source_date_epoch, staging_dir
from brobyg.problems import ERROR, Problem, Report, render
from brobyg.project import Project
from brobyg.render.memo import PageMemo
from brobyg.render.pages import write_pages
from brobyg.search.indexer import BackgroundIndexer
from brobyg.validate.check import check

WATCHED = ("cases", "topics", "data", "docs", "meetings")
# Cases link to these, vocabularies touch every page, meetings list cases: check all again.
EVERYTHING = ("topics", "data", "docs", "meetings")


class Preview:
    """The served audience, and what the last good state was made of."""

    def __init__(self, root: Path, audience: str, dev_addr: str) -> None:
        self.root, self.audience, self.dev_addr = root, audience, dev_addr
        self.project = Project(root)
        self.staging = staging_dir(root, audience)
        self.theme_dir = generator.config_file(root).parent / "theme"
        self.config = generator.config_file(root)
        self.memo = PageMemo()
        self.vocab = KnowledgeBase()  # themes, centres, target groups, regions: from the last full check
        self.cases: dict[str, Case] = {}  # slug -> the latest valid version of each case file
        self.problems: dict[str, list[Problem]] = {}  # file -> its problems, as last checked
        self.seen: dict[str, tuple[int, int]] = {}
        self.broken = False  # an update failed half-way: start over next time
        self.workdir = Path(tempfile.mkdtemp(prefix="brobyg-serve-"))
        self.site_dir = self.workdir / "site"
        self.site_dir.mkdir()
        self.live: generator.LiveSite | None = None
        self.indexer: BackgroundIndexer | None = None

    # -- what changed -------------------------------------------------------

    def watched(self) -> list[Path]:
        return [self.root / name for name in WATCHED] + [self.theme_dir, self.config]

    def _look(self) -> dict[str, tuple[int, int]]:
        state: dict[str, tuple[int, int]] = {}

        def walk(folder: str) -> None:
            try:
                entries = list(os.scandir(folder))
            except OSError:
                return
            for e in entries:
                try:
                    if e.is_dir():
                        walk(e.path)
                    else:
                        st = e.stat()
                        state[e.path] = (st.st_mtime_ns, st.st_size)
                except OSError:
                    continue

        for top in self.watched():
            if top.is_file():
                st = top.stat()
                state[str(top)] = (st.st_mtime_ns, st.st_size)
            else:
                walk(str(top))
        return state

    # -- the model ----------------------------------------------------------

    def _take_full(self, result) -> None:
        self.vocab = KnowledgeBase(themes=result.kb.themes, centres=result.kb.centres,
                                   target_groups=result.kb.target_groups, regions=result.kb.regions)
        self.cases = self._same_objects(result.kb.cases)
        self.problems = {}
        for p in result.report.problems:
            self.problems.setdefault(p.path, []).append(p)

    def _recheck(self, changed: set[str]) -> None:
        """Check the changed case files, the cases linking to them and the
        files that still had problems, against the whole knowledge base."""
        cases_dir = str(self.project.cases_dir) + os.sep
        slugs, paths = set(), set()
        for p in changed:
            if not p.startswith(cases_dir):
                continue
            rest = p[len(cases_dir):]
            if os.sep in rest:  # an image beside a case: its case's image rules
                slugs.add(rest.split(os.sep, 1)[0])
            else:
                paths.add(Path(p))
                if rest.endswith(".md"):
                    slugs.add(rest[:-3])
        paths |= {self.project.cases_dir / f"{s}.md" for s in slugs}
        paths |= {self.project.cases_dir / f"{c.slug}.md" for c in self.cases.values() if slugs.intersection(c.case_links)}
        paths |= {self.root / rel for rel, found in self.problems.items() if any(p.severity == ERROR for p in found)}
        existing = sorted(p for p in paths if p.is_file())
        before = dict(self.cases)
        for p in paths:
            self.problems.pop(self.project.rel(p), None)
            if p.suffix == ".md" and p.parent == self.project.cases_dir:
                self.cases.pop(p.stem, None)
        if not existing:
            return
        result = check(self.root, existing)
        self.cases.update(self._same_objects(result.kb.cases, before))
        found: dict[str, list[Problem]] = {}
        for p in result.report.problems:
            found.setdefault(p.path, []).append(p)
        self.problems.update(found)  # the data files' problems come with every check: replace them

    def _same_objects(self, checked: dict[str, Case], before: dict[str, Case] | None = None) -> dict[str, Case]:
        """``checked``, with each case that did not change replaced by the object
        from before: what comes after (page memo, related cases, search
        records) tells unchanged cases by identity, which costs nothing."""
        before = self.cases if before is None else before
        return {slug: old if (old := before.get(slug)) == case else case for slug, case in checked.items()}

    def _errors(self) -> list[Problem]:
        return [p for found in self.problems.values() for p in found if p.severity == ERROR]

    def _failure(self) -> BuildFailed:
        report = Report()
        report.problems.extend(p for found in self.problems.values() for p in found)
        files = len(self.project.case_files()) + len(list(self.project.topics_dir.glob("*.md"))) + 3
        return BuildFailed(render(report.sorted(), "text", files))

    def kb(self) -> KnowledgeBase:
        v = self.vocab
        cases = {c.slug: c for c in sorted(self.cases.values(), key=lambda c: c.path)}  # file order, as check gives
        return KnowledgeBase(themes=v.themes, centres=v.centres, target_groups=v.target_groups, regions=v.regions,
                             cases=cases).for_audience(self.audience)

    # -- the steps ----------------------------------------------------------

    def start(self) -> None:
        """The first build. Raises BuildFailed."""
        self.seen = self._look()
        self._take_full(check(self.root))
        if self._errors():
            raise self._failure()
        kb = self.kb()
        ensure_source_date_epoch(kb)
        with forked.in_this_process():  # one process, so the memo sees every page
            write_pages(self.root, kb, self.audience, self.staging, self.memo)
        self.indexer = BackgroundIndexer(self.site_dir, self.workdir)
        self.indexer.request(kb)  # Pagefind runs beside MkDocs
        self.live = generator.LiveSite(self.root, self.staging, self.site_dir, self.audience, self.dev_addr)
        self.live.render_all()
        self.indexer.wait()
        gc.freeze()  # the model and the rendered site live on: keep the garbage collector from walking them

    def update(self, touched: set[str] = frozenset()) -> None:
        """Called by the server after file-system events, with the paths they
        named: bring the site up to date. The (mtime, size) comparison finds
        what events may have missed; the events find what it cannot (two
        saves of the same size within the file system's clock tick)."""
        started = time.perf_counter()
        now = self._look()
        changed = {p for p in now.keys() | self.seen.keys() if now.get(p) != self.seen.get(p)}
        changed |= {p for p in touched if p in now or p in self.seen}  # files, not folders
        self.seen = now
        if not changed and not self.broken:
            return
        try:
            with forked.in_this_process():
                pages = self._update(changed)
            gc.freeze()
        except BuildFailed as exc:
            print(f"{exc}\nRet fejlene; siden viser imens den sidste gode udgave.", file=sys.stderr, flush=True)
            return
        except Exception as exc:  # keep serving whatever happens in one update
            self.broken = True
            print(f"Kunne ikke skrive siderne igen: {exc}", file=sys.stderr, flush=True)
            return
        if pages is not None:
            print(f"Kilderne er ændret: siderne er skrevet igen ({pages} sider, {time.perf_counter() - started:.2f} s).",
                  file=sys.stderr, flush=True)

    def _update(self, changed: set[str]) -> int | None:
        roots = {name: str(self.root / name) + os.sep for name in EVERYTHING}
        everything = self.broken or any(p.startswith(tuple(roots.values())) for p in changed)
        if everything:
            self._take_full(check(self.root))
        else:
            self._recheck(changed)
        if self._errors():
            raise self._failure()
        kb = self.kb()
        changes = write_pages(self.root, kb, self.audience, self.staging, self.memo)
        theme = str(self.theme_dir) + os.sep
        if self.broken or any(p.startswith(theme) or p == str(self.config) for p in changed):
            self.live = generator.LiveSite(self.root, self.staging, self.site_dir, self.audience, self.dev_addr)
            self.live.render_all()
        elif changes.changed or changes.removed:
            self.live.update(changes.changed, changes.removed)
        self.broken = False
        self.indexer.request(kb)
        return len(changes.changed) + len(changes.removed)

    def close(self) -> None:
        if self.indexer is not None:
            self.indexer.stop()
        shutil.rmtree(self.workdir, ignore_errors=True)


def _stop_on_sigterm() -> None:
    """`kill` ends serve as Ctrl+C does, so the temporary site is removed."""
    def handler(signum, frame):
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, handler)


def serve_command(root: Path, audience: str, dev_addr: str) -> int:
    _stop_on_sigterm()
    preview = Preview(root, audience, dev_addr)
    try:
        try:
            preview.start()
        except BuildFailed as exc:
            print(exc, file=sys.stderr)
            print("Ret fejlene, og start igen.", file=sys.stderr)
            return 1
        print(f"Viser det {AUDIENCE_LABEL[audience]} på http://{dev_addr}/ (stop med Ctrl+C).", file=sys.stderr, flush=True)
        try:
            generator.serve(preview.live, preview.watched(), preview.update)
        except OSError as exc:  # e.g. the port is taken
            print(f"Kunne ikke starte serveren på {dev_addr}: {exc}. Prøv en anden adresse med --dev-addr.", file=sys.stderr)
            return 1
    except KeyboardInterrupt:
        pass
    finally:
        preview.close()
    return 0
