"""The Pagefind indexer: a child process that indexes the model while the
generator renders."""

from __future__ import annotations

import multiprocessing
import os
import shutil
import subprocess
import sys
import threading
from dataclasses import replace
from pathlib import Path

from brobyg.model import KnowledgeBase
from brobyg.render.listing import listing_order
from brobyg.search.pagefind import PagefindMissing, drop_unused_files, index_command
from brobyg.search.records import SearchRecord, record_html, search_records
from brobyg.search.shards import (
    FILTER_SHARD,
    MANIFEST,
    PRIMARY,
    bundle_name,
    manifest,
    primary_of,
    shard_count,
    shard_number,
    shard_of,
)


class IndexFailed(Exception):
    """Pagefind failed; the message is its own output."""


class SearchIndexer:
    """Builds the Pagefind index from the model while MkDocs renders.

    A forked child process writes one small HTML record per case (from the
    model, so only this audience's cases exist to be indexed) and runs the
    Pagefind CLI on them, once per shard and one after the other (shards.py:
    Pagefind's memory grows with the text it holds), all on the second core;
    ``finish`` waits for it and puts the bundles into the built site.
    (Pagefind's Python API was no option: its wrapper polls each reply with a
    0.1 s sleep, 75 s for 750 records; a thread was no option either: MkDocs
    holds the GIL.)
    """

    def __init__(self, kb: KnowledgeBase, workdir: Path) -> None:
        self.out = workdir / "search-bundles"
        self.log = workdir / "pagefind.log"
        ctx = multiprocessing.get_context("fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn")
        self.proc = ctx.Process(target=_index, args=(kb, workdir / "search-records", self.out, self.log))
        self.proc.start()

    def stop(self) -> None:
        """The build failed elsewhere: end the indexer, quietly."""
        self.proc.terminate()
        self.proc.join()

    def finish(self, site_dir: Path) -> None:
        """Wait for the index and put its bundles into the built site."""
        self.proc.join()
        if self.proc.exitcode != 0:
            detail = self.log.read_text(encoding="utf-8", errors="replace").strip() if self.log.exists() else ""
            raise IndexFailed(detail)
        for bundle in sorted(self.out.iterdir()):
            target = site_dir / bundle.name
            shutil.rmtree(target, ignore_errors=True)
            shutil.move(str(bundle), target)


def _sharded(records: list[SearchRecord], folder: Path) -> dict[Path, tuple[int, str]]:
    """{record file: (shard, HTML)}: each shard's records in folder/<shard>/."""
    count = shard_count(len(records))
    out = {}
    for r in records:
        shard = shard_of(r.url, count)
        if count > 1:  # the page searches shard by shard (Pagefind shortens an unknown word per shard)
            r = replace(r, filters={**r.filters, FILTER_SHARD: [str(shard)]})
        out[folder / str(shard) / r.url.strip("/") / "index.html"] = (shard, record_html(r))
    return out


def _index(kb: KnowledgeBase, folder: Path, out: Path, log: Path) -> None:
    """In the child process: write the records and index them, out of MkDocs'
    way (MkDocs is the slow part; the index has until it is done): at a lower
    priority, and on every core but one, which MkDocs then has to itself."""
    if hasattr(os, "nice"):
        os.nice(10)
    if hasattr(os, "sched_setaffinity") and len(cores := sorted(os.sched_getaffinity(0))) > 1:
        os.sched_setaffinity(0, cores[1:])
    sharded = _sharded(search_records(kb, listing_order(kb)), folder)
    for path, (_, html) in sharded.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(html, encoding="utf-8")
    held = _held(sharded)
    primary = primary_of(held)
    (folder / str(primary)).mkdir(parents=True, exist_ok=True)  # no records at all: Pagefind says so
    out.mkdir(parents=True, exist_ok=True)
    with log.open("w", encoding="utf-8") as out_log:
        for shard in sorted(held | {primary}):
            try:
                run_pagefind(folder / str(shard), out / bundle_name(shard, primary), manifest(held) if shard == primary else None)
            except IndexFailed as exc:
                out_log.write(str(exc))
                sys.exit(1)
    sys.exit(0)


def run_pagefind(records: Path, bundle: Path, shard_list: str | None) -> None:
    """Index one shard's records into ``bundle``, without the files the site
    does not serve; the primary bundle also gets the list of the others."""
    try:
        command = index_command(records, bundle)
    except PagefindMissing as exc:
        raise IndexFailed(str(exc)) from None
    done = subprocess.run(command, capture_output=True, text=True, encoding="utf-8", errors="replace")
    if done.returncode != 0:
        shutil.rmtree(bundle, ignore_errors=True)
        raise IndexFailed((done.stdout + done.stderr).strip())
    drop_unused_files(bundle)
    if shard_list is not None:
        (bundle / MANIFEST).write_text(shard_list, encoding="utf-8")


def _held(sharded: dict[Path, tuple[int, str]]) -> set[int]:
    """The shards that hold a record (an empty shard gets no bundle)."""
    return {shard for shard, _ in sharded.values()}


class BackgroundIndexer:
    """`serve`'s search index, brought up to date in a thread after each
    change, so a page never waits for it. It writes only the records whose
    text changed (a record holds the case's row in the listing, counted from
    the oldest case, so a new case changes no other record), runs the
    Pagefind CLI as a subprocess (no fork of this threaded process: the
    child execs at once) only for the shards that hold a changed record, and
    then swaps each new bundle into the served site. Requests made while it
    works are merged into the next round."""

    def __init__(self, site_dir: Path, workdir: Path) -> None:
        self.site_dir = site_dir
        self.workdir = workdir
        self.records = workdir / "search-records"
        self.failure: str | None = None  # Pagefind's output when the last round failed
        self.last_shards: list[int] = []  # the shards the last round indexed (for tests and bench)
        self._written: dict[Path, tuple[int, str]] = {}  # record file -> (shard, the HTML it holds)
        self._count = 0  # shards in the served index; 0: none served yet
        self._primary = 0  # the shard in pagefind/
        self._texts: dict[str, str] = {}  # a body -> its searchable text, from the last round
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
        order = listing_order(kb)
        records = search_records(kb, order, self._texts)
        if len(self._texts) > len(order):  # forget the bodies no case has now
            bodies = {case.body for case in order}
            self._texts = {body: text for body, text in self._texts.items() if body in bodies}
        count = shard_count(len(records))
        wanted = _sharded(records, self.records)
        held = _held(wanted)
        primary, shard_list = primary_of(held), manifest(held)
        if (count, primary) != (self._count, self._primary):  # records move, or the bundles change names: afresh
            shutil.rmtree(self.records, ignore_errors=True)
            self._written = {}
            dirty = set(range(count)) | {primary}
        else:
            dirty = set()
        for path in self._written.keys() - wanted.keys():
            shutil.rmtree(path.parent, ignore_errors=True)
            dirty.add(self._written[path][0])
        for path, (shard, html) in wanted.items():
            if self._written.get(path) != (shard, html):
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_text(html, encoding="utf-8")
                dirty.add(shard)
        self._written = wanted
        self._rounds += 1
        self.last_shards = sorted(dirty)
        for shard in self.last_shards:
            target = self.site_dir / bundle_name(shard, primary)
            if shard not in held and shard != primary:  # emptied: its bundle goes (below, after the manifest)
                continue
            out = self.workdir / f"pagefind-{self._rounds}-{shard}"
            (self.records / str(shard)).mkdir(parents=True, exist_ok=True)
            try:
                run_pagefind(self.records / str(shard), out, shard_list if shard == primary else None)
            except IndexFailed:
                self._count = 0  # index everything again next time
                raise
            old = self.workdir / f"pagefind-old-{self._rounds}-{shard}"
            if target.exists():
                target.rename(old)
            out.rename(target)
            shutil.rmtree(old, ignore_errors=True)
        listed = self.site_dir / PRIMARY / MANIFEST
        if listed.parent.is_dir() and listed.read_text(encoding="utf-8") != shard_list:
            fresh = listed.with_name(MANIFEST + ".new")
            fresh.write_text(shard_list, encoding="utf-8")
            os.replace(fresh, listed)
        for stale in self.site_dir.iterdir():  # the bundles of shards that hold no records now
            number = shard_number(stale.name)
            if stale.is_dir() and number is not None and (number not in held or number == primary):
                shutil.rmtree(stale, ignore_errors=True)
        self._count, self._primary = count, primary
        self.failure = None
