"""The Pagefind indexer: a child process that indexes the model while the
generator renders."""

from __future__ import annotations

import multiprocessing
import os
import shutil
import subprocess
import sys
import threading
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




class BackgroundIndexer:
    """`serve`'s search index, brought up to date in a thread after each
    change, so a page never waits for it. It writes only the records whose
    text changed (a record holds the case's row in the listing, so a new case
    changes the rows after it), runs the
    Pagefind CLI as a subprocess (no fork of this threaded process: the
    child execs at once) and then swaps the new bundle into the served site.
    Requests made while it works are merged into the next round."""

    def __init__(self, site_dir: Path, workdir: Path) -> None:
        self.site_dir = site_dir
        self.workdir = workdir
        self.records = workdir / "search-records"
        self.failure: str | None = None  # Pagefind's output when the last round failed
        self._written: dict[Path, str] = {}  # record file -> the HTML it holds
        self._wanted: KnowledgeBase | None = None
        self._busy = False
        self._stop = False
        self._cond = threading.Condition()
        self._rounds = 0
        self._thread = threading.Thread(target=self._loop, name="search-index", daemon=True)
        self._thread.start()

    def request(self, kb: KnowledgeBase) -> None:
        with self._cond:
            self._wanted = kb
            self._cond.notify_all()

    def wait(self, timeout: float | None = None) -> bool:
        """Wait until every request so far is indexed; False on timeout."""
        with self._cond:
            return self._cond.wait_for(lambda: self._wanted is None and not self._busy, timeout)

    def stop(self) -> None:
        with self._cond:
            self._stop = True
            self._cond.notify_all()
        self._thread.join(timeout=30)

    def _loop(self) -> None:
        while True:
            with self._cond:
                self._cond.wait_for(lambda: self._wanted is not None or self._stop)
                if self._stop:
                    return
                kb, self._wanted, self._busy = self._wanted, None, True
            try:
                self._index(kb)
            except Exception as exc:  # keep serving; the next change tries again
                self.failure = str(exc)
                print(f"Søgeindekset kunne ikke opdateres: {exc}", file=sys.stderr)
            finally:
                with self._cond:
                    self._busy = False
                    self._cond.notify_all()

    def _index(self, kb: KnowledgeBase) -> None:
        wanted = {self.records / r.url.strip("/") / "index.html": record_html(r)
                  for r in search_records(kb, listing_order(kb))}
        for path in self._written.keys() - wanted.keys():
            shutil.rmtree(path.parent, ignore_errors=True)
        for path, html in wanted.items():
            if self._written.get(path) != html:
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_text(html, encoding="utf-8")
        self.records.mkdir(parents=True, exist_ok=True)
        self._written = wanted
        self._rounds += 1
        out = self.workdir / f"pagefind-{self._rounds}"
        try:
            command = index_command(self.records, out)
        except PagefindMissing as exc:
            raise IndexFailed(str(exc)) from None
        done = subprocess.run(command, capture_output=True, text=True, encoding="utf-8", errors="replace")
        if done.returncode != 0:
            shutil.rmtree(out, ignore_errors=True)
            self._written = {}  # write every record again next time
            raise IndexFailed((done.stdout + done.stderr).strip())
        target, old = self.site_dir / "pagefind", self.workdir / f"pagefind-old-{self._rounds}"
        if target.exists():
            target.rename(old)
        out.rename(target)
        shutil.rmtree(old, ignore_errors=True)
        self.failure = None
