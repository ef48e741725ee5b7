"""`build.py build`: validate, write the staging tree, index and render side
by side, then move the new site into place only when every step succeeded."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

from brobyg.forked import WorkerDied
from brobyg.generator import mkdocs as generator
from brobyg.model import KnowledgeBase
from brobyg.pipeline import output
from brobyg.pipeline.swap import swap_into_place
from brobyg.problems import ERROR, render
from brobyg.render import vetted
from brobyg.render.cms import CmsUnavailable, install_cms
from brobyg.render.pages import write_pages
from brobyg.search.indexer import IndexFailed, SearchIndexer
from brobyg.search.script import minify_search_script
from brobyg.validate.check import check

AUDIENCE_LABEL = {"public": "offentlige site", "members": "medlemssite"}


class BuildFailed(Exception):
    """A build step failed; the message is for the user (Danish)."""


def staging_dir(root: Path, audience: str) -> Path:
    return root / "build" / audience / "docs"


def default_out(root: Path, audience: str) -> Path:
    return root / "site" / audience


def validated(root: Path, audience: str) -> KnowledgeBase:
    """The audience's knowledge base, or BuildFailed with every problem."""
    result = check(root)
    problems = result.report.sorted()
    if any(p.severity == ERROR for p in problems):
        raise BuildFailed(render(problems, "text", result.files))
    kb = result.kb.for_audience(audience)
    ensure_source_date_epoch(kb)
    return kb


def ensure_source_date_epoch(kb: KnowledgeBase) -> None:
    """Reproducible builds: MkDocs dates the sitemap and gzip with the build
    time unless SOURCE_DATE_EPOCH is set. Without one, use the newest content date."""
    if "SOURCE_DATE_EPOCH" in os.environ:
        return
    dates = [c.last_changed for c in kb.cases.values()] or [dt.date(2025, 1, 1)]
    newest = max(dates)
    os.environ["SOURCE_DATE_EPOCH"] = str(int(dt.datetime(newest.year, newest.month, newest.day, tzinfo=dt.timezone.utc).timestamp()))


def write_staging(root: Path, kb: KnowledgeBase, audience: str, staging: Path | None = None) -> Path:
    staging = staging or staging_dir(root, audience)
    write_pages(root, kb, audience, staging)
    return staging


def build_site(root: Path, audience: str, out: Path | None = None, staging: Path | None = None) -> Path:
    """Build into a temporary folder and move it into place only on success."""
    out = (out or default_out(root, audience)).resolve()
    output.refuse_unsafe(root, out, audience, default_out(root, audience))  # before anything is built: never replace what we did not write
    kb = validated(root, audience)
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{out.name}-new-", dir=out.parent))
    site = tmp / "site"
    try:
        staging = write_staging(root, kb, audience, staging)  # on every core
        indexer = SearchIndexer(kb, tmp)  # indexes on another core while MkDocs renders
        unvetted: list = []
        try:
            with vetted.collect(unvetted):  # what check did not vet stops the build (render/vetted.py)
                generator.render_site(root, staging, site, audience)
            if unvetted:
                raise BuildFailed(vetted.summary(unvetted))
        except generator.RenderFailed as exc:
            indexer.stop()
            if unvetted:  # ours first: check should have caught it, and the line says where
                raise BuildFailed(vetted.summary(unvetted)) from None
            raise BuildFailed(f"MkDocs kunne ikke bygge sitet: {exc}") from None
        except BaseException:
            indexer.stop()
            raise
        try:
            indexer.finish(site)
        except IndexFailed as exc:
            raise BuildFailed(f"Søgeindekset kunne ikke bygges (Pagefind):\n{exc}") from None
        minify_search_script(site)
        if audience == "members":  # the contributors' CMS, on the members' site only
            install_cms(kb, site)
        output.mark(site, audience)
        swap_into_place(site, out)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return out


def build_command(root: Path, audience: str, out: Path | None) -> int:
    started = time.perf_counter()
    try:
        site = build_site(root, audience, out)
    except output.OutputRefused as exc:  # a usage error: nothing was built or touched
        print(f"build.py: fejl: {exc}", file=sys.stderr)
        return 2
    except (BuildFailed, CmsUnavailable, OSError, WorkerDied) as exc:
        if isinstance(exc, OSError):  # e.g. a full disk or a folder we may not write to
            exc = f"Filsystemet sagde nej: {exc.strerror or exc} ({exc.filename or ''})."
        elif isinstance(exc, WorkerDied):  # e.g. killed when the machine ran out of memory
            exc = f"{exc}. Prøv igen; sker det igen, så tjek om maskinen mangler hukommelse."
        print(exc, file=sys.stderr)
        target = (out or default_out(root, audience))
        print(f"Bygningen stoppede. Det sidste gode site i {show(root, target)} er ikke ændret.", file=sys.stderr)
        return 1
    pages = sum(1 for _ in staging_dir(root, audience).rglob("*.md"))  # one page each; the site has far more files
    print(f"Byggede det {AUDIENCE_LABEL[audience]}: {pages} sider i {show(root, site)} ({time.perf_counter() - started:.1f} s).")
    return 0


def show(root: Path, path: Path) -> str:
    try:
        return path.resolve().relative_to(root).as_posix() + "/"
    except ValueError:
        return str(path)
