"""The thin adapter between our core and the site generator (MkDocs today).

Only this module (and ``mkdocs_hooks.py``) knows about MkDocs. Everything it
renders comes from the staging tree that ``pages.write_pages`` wrote, so a
move to Zensical, which reads the same mkdocs.yml, replaces only this file.
"""

from __future__ import annotations

import datetime as dt
import gc
import logging
import multiprocessing
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from brobyg.forked import WorkerDied
from brobyg.model import KnowledgeBase
from brobyg.render.cms import CmsUnavailable, install_cms
from brobyg.render.pages import write_pages
from brobyg.search.index import make_deterministic
from brobyg.search.records import record_html, search_records
from brobyg.problems import ERROR, render
from brobyg.validate.check import check

# Material 9.8 prints an end-of-life banner on every build; we know (README).
os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")

AUDIENCE_LABEL = {"public": "offentlige site", "members": "medlemssite"}


class BuildFailed(Exception):
    """A build step failed; the message is for the user (Danish)."""


def staging_dir(root: Path, audience: str) -> Path:
    return root / "build" / audience / "docs"


def default_out(root: Path, audience: str) -> Path:
    return root / "site" / audience


CODE_ROOT = Path(__file__).resolve().parents[2]


def config_file(root: Path) -> Path:
    """The content root's mkdocs.yml, else this repository's (for test and
    benchmark trees that hold only content)."""
    own = root / "mkdocs.yml"
    return own if own.exists() else CODE_ROOT / "mkdocs.yml"


def validated(root: Path, audience: str) -> KnowledgeBase:
    """The audience's knowledge base, or BuildFailed with every problem."""
    result = check(root)
    problems = result.report.sorted()
    if any(p.severity == ERROR for p in problems):
        raise BuildFailed(render(problems, "text", result.files))
    kb = result.kb.for_audience(audience)
    _ensure_source_date_epoch(kb)
    return kb


def write_staging(root: Path, kb: KnowledgeBase, audience: str, staging: Path | None = None) -> Path:
    staging = staging or staging_dir(root, audience)
    write_pages(root, kb, audience, staging)
    return staging


# The model behind the pages `serve` last wrote, per audience: its rebuild
# hook indexes that instead of validating everything a second time.
_served_kb: dict[str, KnowledgeBase] = {}


def prepare(root: Path, audience: str) -> Path:
    """Validate, then write the page tree (for `serve`). Raises BuildFailed."""
    kb = validated(root, audience)
    staging = write_staging(root, kb, audience)
    _served_kb[audience] = kb
    return staging


def _ensure_source_date_epoch(kb) -> None:
    """Reproducible builds: MkDocs dates the sitemap and gzip with the build
    time unless SOURCE_DATE_EPOCH is set. Without one, use the newest content date."""
    if "SOURCE_DATE_EPOCH" in os.environ:
        return
    dates = [c.last_changed for c in kb.cases.values()] or [dt.date(2025, 1, 1)]
    newest = max(dates)
    os.environ["SOURCE_DATE_EPOCH"] = str(int(dt.datetime(newest.year, newest.month, newest.day, tzinfo=dt.timezone.utc).timestamp()))


def _mkdocs_config(root: Path, audience: str, docs_dir: Path, site_dir: Path, **extra):
    from mkdocs.config import load_config

    cfg = load_config(config_file=str(config_file(root)), docs_dir=str(docs_dir), site_dir=str(site_dir), **extra)
    return apply_audience(cfg, audience)


def apply_audience(cfg, audience: str):
    """What the theme needs to know about the audience (banner, noindex, name)."""
    cfg.extra["audience"] = audience
    if audience == "members":
        cfg.site_name = f"{cfg.site_name} · medlemmer"
    return cfg


class SearchIndexer:
    """Builds the Pagefind index from the model while MkDocs renders.

    A forked child process writes one small HTML record per case (from the
    model, so only this audience's cases exist to be indexed) and runs the
    Pagefind CLI on them, all on the second core; ``finish`` waits for it and
    puts the bundle into the built site. (Pagefind's Python API was no option:
    its wrapper polls each reply with a 0.1 s sleep, 75 s for 750 records; a
    thread was no option either: MkDocs holds the GIL.)
    """

    def __init__(self, kb: KnowledgeBase, workdir: Path) -> None:
        self.out = workdir / "pagefind"
        self.log = workdir / "pagefind.log"
        ctx = multiprocessing.get_context("fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn")
        self.proc = ctx.Process(target=_index, args=(kb, workdir / "search-records", self.out, self.log))
        self.proc.start()

    def stop(self) -> None:
        """The build failed elsewhere: end the indexer, quietly."""
        self.proc.terminate()
        self.proc.join()

    def finish(self, site_dir: Path) -> None:
        """Wait for the index and put it into the built site."""
        self.proc.join()
        if self.proc.exitcode != 0:
            detail = self.log.read_text(encoding="utf-8", errors="replace").strip() if self.log.exists() else ""
            raise BuildFailed(f"Søgeindekset kunne ikke bygges (Pagefind):\n{detail}")
        target = site_dir / "pagefind"
        shutil.rmtree(target, ignore_errors=True)
        shutil.move(str(self.out), target)
        make_deterministic(target)


def _index(kb: KnowledgeBase, folder: Path, out: Path, log: Path) -> None:
    """In the child process: write the records and index them, out of MkDocs'
    way (MkDocs is the slow part; the index has until it is done): at a lower
    priority, and on every core but one, which MkDocs then has to itself."""
    if hasattr(os, "nice"):
        os.nice(10)
    if hasattr(os, "sched_setaffinity") and len(cores := sorted(os.sched_getaffinity(0))) > 1:
        os.sched_setaffinity(0, cores[1:])
    for r in search_records(kb):
        path = folder / r.url.strip("/") / "index.html"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(record_html(r), encoding="utf-8")
    folder.mkdir(parents=True, exist_ok=True)
    with log.open("w", encoding="utf-8") as out_log:
        code = subprocess.call(
            [sys.executable, "-m", "pagefind", "--site", str(folder), "--output-path", str(out), "--silent"],
            stdout=out_log, stderr=subprocess.STDOUT,
        )
    sys.exit(code)


def index_built_site(root: Path, audience: str, site_dir: Path) -> None:
    """Index an already built site (used by `serve`, whose builds run inside MkDocs)."""
    kb = _served_kb[audience]  # serve_command validated it before MkDocs started
    workdir = Path(tempfile.mkdtemp(prefix=".pagefind-", dir=site_dir.parent))
    try:
        SearchIndexer(kb, workdir).finish(site_dir)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


def _quiet_mkdocs() -> None:
    """Show MkDocs' warnings (they fail the strict build), not its chatter."""
    logger = logging.getLogger("mkdocs")
    logger.setLevel(logging.WARNING)
    if not any(getattr(h, "_brobyg", False) for h in logger.handlers):
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter("MkDocs %(levelname)s: %(message)s"))
        handler._brobyg = True
        logger.addHandler(handler)


def build_site(root: Path, audience: str, out: Path | None = None, staging: Path | None = None) -> Path:
    """Build into a temporary folder and move it into place only on success."""
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.exceptions import MkDocsException

    kb = validated(root, audience)
    out = (out or default_out(root, audience)).resolve()
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{out.name}-new-", dir=out.parent))
    site = tmp / "site"
    try:
        staging = write_staging(root, kb, audience, staging)  # on every core
        indexer = SearchIndexer(kb, tmp)  # indexes on another core while MkDocs renders
        try:
            _quiet_mkdocs()
            cfg = _mkdocs_config(root, audience, staging, site, strict=True)
            gc.freeze()  # our model outlives MkDocs: spare its garbage collections from walking it
            try:
                mkdocs_build(cfg)
            finally:
                gc.unfreeze()
        except (MkDocsException, SystemExit) as exc:
            indexer.stop()
            raise BuildFailed(f"MkDocs kunne ikke bygge sitet: {exc}") from None
        except BaseException:
            indexer.stop()
            raise
        indexer.finish(site)
        if audience == "members":  # the contributors' CMS, on the members' site only
            install_cms(kb, site)
        _swap_into_place(site, out)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return out


def _swap_into_place(new: Path, out: Path) -> None:
    old = out.with_name(f".{out.name}-old")
    shutil.rmtree(old, ignore_errors=True)
    if out.exists():
        out.rename(old)
    new.rename(out)
    shutil.rmtree(old, ignore_errors=True)
    os.chmod(out, 0o755)  # a web server must be able to read it, whatever the umask made


def build_command(root: Path, audience: str, out: Path | None) -> int:
    started = time.perf_counter()
    try:
        site = build_site(root, audience, out)
    except (BuildFailed, CmsUnavailable, OSError, WorkerDied) as exc:
        if isinstance(exc, OSError):  # e.g. a full disk or a folder we may not write to
            exc = f"Filsystemet sagde nej: {exc.strerror or exc} ({exc.filename or ''})."
        elif isinstance(exc, WorkerDied):  # e.g. killed when the machine ran out of memory
            exc = f"{exc}. Prøv igen; sker det igen, så tjek om maskinen mangler hukommelse."
        print(exc, file=sys.stderr)
        target = (out or default_out(root, audience))
        print(f"Bygningen stoppede. Det sidste gode site i {_show(root, target)} er ikke ændret.", file=sys.stderr)
        return 1
    pages = sum(1 for _ in staging_dir(root, audience).rglob("*.md"))  # one page each; the site has far more files
    print(f"Byggede det {AUDIENCE_LABEL[audience]}: {pages} sider i {_show(root, site)} ({time.perf_counter() - started:.1f} s).")
    return 0


def _show(root: Path, path: Path) -> str:
    try:
        return path.resolve().relative_to(root).as_posix() + "/"
    except ValueError:
        return str(path)


# -- serve --------------------------------------------------------------------

WATCHED = ("cases", "topics", "data", "docs")


def _snapshot(root: Path) -> dict[str, tuple[float, int]]:
    state = {}
    for name in WATCHED:
        for dirpath, _, files in os.walk(root / name):
            for f in files:
                p = os.path.join(dirpath, f)
                try:
                    st = os.stat(p)
                except OSError:
                    continue
                state[p] = (st.st_mtime, st.st_size)
    return state


def _watch_sources(root: Path, audience: str, stop: threading.Event) -> None:
    """Regenerate the staging tree when a source changes; MkDocs' own watcher
    then sees the staging change, rebuilds and reloads the browser."""
    last = _snapshot(root)
    while not stop.wait(0.5):
        now = _snapshot(root)
        if now == last:
            continue
        last = now
        try:
            prepare(root, audience)
            print("Kilderne er ændret: siderne er skrevet igen.", file=sys.stderr)
        except BuildFailed as exc:
            print(f"{exc}\nRet fejlene; siden viser imens den sidste gode udgave.", file=sys.stderr)
        except Exception as exc:  # keep serving whatever happens in one rebuild
            print(f"Kunne ikke skrive siderne igen: {exc}", file=sys.stderr)


def serve_command(root: Path, audience: str, dev_addr: str) -> int:
    from mkdocs.commands.serve import serve

    try:
        staging = prepare(root, audience)
    except BuildFailed as exc:
        print(exc, file=sys.stderr)
        print("Ret fejlene, og start igen.", file=sys.stderr)
        return 1
    os.environ["BROBYG_AUDIENCE"] = audience  # read by mkdocs_hooks
    os.environ["BROBYG_ROOT"] = str(root)
    stop = threading.Event()
    watcher = threading.Thread(target=_watch_sources, args=(root, audience, stop), daemon=True)
    watcher.start()
    print(f"Viser det {AUDIENCE_LABEL[audience]} på http://{dev_addr}/ (stop med Ctrl+C).", file=sys.stderr)
    try:
        # Hooks add the audience and the Pagefind index to each rebuild.
        serve(
            config_file=str(config_file(root)), livereload=True, dev_addr=dev_addr,
            docs_dir=str(staging), watch=[str(config_file(root).parent / "theme")],
            hooks=[str(Path(__file__).with_name("mkdocs_hooks.py"))],
        )
    except KeyboardInterrupt:
        pass
    except OSError as exc:  # e.g. the port is taken
        print(f"Kunne ikke starte serveren på {dev_addr}: {exc}. Prøv en anden adresse med --dev-addr.", file=sys.stderr)
        return 1
    finally:
        stop.set()
    return 0
