"""The Pagefind indexer: a child process that indexes the model while the
generator renders."""

from __future__ import annotations

import multiprocessing
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from brobyg.model import KnowledgeBase
from brobyg.render.listing import listing_order
from brobyg.search.pagefind import PagefindMissing, index_command
from brobyg.search.records import record_html, search_records


class IndexFailed(Exception):
    """Pagefind failed; the message is its own output."""


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
            raise IndexFailed(detail)
        target = site_dir / "pagefind"
        shutil.rmtree(target, ignore_errors=True)
        shutil.move(str(self.out), target)


def _index(kb: KnowledgeBase, folder: Path, out: Path, log: Path) -> None:
    """In the child process: write the records and index them, out of MkDocs'
    way (MkDocs is the slow part; the index has until it is done): at a lower
    priority, and on every core but one, which MkDocs then has to itself."""
    if hasattr(os, "nice"):
        os.nice(10)
    if hasattr(os, "sched_setaffinity") and len(cores := sorted(os.sched_getaffinity(0))) > 1:
        os.sched_setaffinity(0, cores[1:])
    for r in search_records(kb, listing_order(kb)):
        path = folder / r.url.strip("/") / "index.html"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(record_html(r), encoding="utf-8")
    folder.mkdir(parents=True, exist_ok=True)
    with log.open("w", encoding="utf-8") as out_log:
        try:
            code = subprocess.call(index_command(folder, out), stdout=out_log, stderr=subprocess.STDOUT)
        except PagefindMissing as exc:
            out_log.write(str(exc))
            code = 1
    sys.exit(code)


def index_built_site(kb: KnowledgeBase, site_dir: Path) -> None:
    """Index an already built site (``serve``'s builds run inside the generator)."""
    workdir = Path(tempfile.mkdtemp(prefix=".pagefind-", dir=site_dir.parent))
    try:
        SearchIndexer(kb, workdir).finish(site_dir)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
