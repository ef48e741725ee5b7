"""Checking and page writing spread over forked processes (brobyg/forked.py).

Small knowledge bases stay in one process, so these tests force the split
(several workers, tiny chunks) and compare with a single process: the report,
the model and the built site must be the same, byte for byte."""

from __future__ import annotations

import errno
import os
import signal
import time

import pytest

from brobyg import forked
from tests.conftest import REPO, TODAY
from tests.site.conftest import build
from tests.site.test_build import tree_digest


@pytest.fixture
def forks(monkeypatch) -> list[int]:
    """The children started so far (their pids), to show work was really split."""
    started: list[int] = []
    start = forked._start

    def counting(task):
        pid, fd = start(task)
        started.append(pid)
        return pid, fd

    monkeypatch.setattr(forked, "_start", counting)
    return started


@pytest.fixture
def split_everything(monkeypatch, forks):
    """Four workers and chunks of two: the fixtures' few cases take several processes."""
    monkeypatch.setattr(forked, "cpus", lambda: 4)
    monkeypatch.setattr(forked, "MIN_CHUNK", 2)
    return forks


# -- the helper -----------------------------------------------------------------


def test_chunks_are_contiguous_and_cover_everything():
    items = list(range(10))
    assert forked.chunks(items, workers=3, min_chunk=1) == [[0, 1, 2], [3, 4, 5, 6], [7, 8, 9]]
    assert forked.chunks(items, workers=3, min_chunk=4) == [[0, 1, 2, 3, 4], [5, 6, 7, 8, 9]]
    assert forked.chunks(items, workers=3, min_chunk=20) == [items]
    assert forked.chunks([], workers=3, min_chunk=1) == [[]]
    assert forked.chunks(items, workers=2, min_chunk=1, first_share=0.25) == [[0, 1], [2, 3, 4, 5, 6, 7, 8, 9]]


def test_tasks_run_in_separate_processes_and_results_keep_task_order():
    results = forked.run_side_by_side([lambda i=i: (i, os.getpid()) for i in range(3)])
    assert [i for i, _ in results] == [0, 1, 2]
    pids = [pid for _, pid in results]
    assert pids[0] == os.getpid() and len(set(pids)) == 3


def test_an_error_in_a_child_is_raised_in_the_parent():
    def full_disk():
        raise OSError(errno.ENOSPC, "No space left on device", "site/x.html")

    with pytest.raises(OSError) as info:
        forked.run_side_by_side([lambda: 1, full_disk])
    assert info.value.errno == errno.ENOSPC and info.value.filename == "site/x.html"


def test_a_child_that_dies_is_reported():
    def killed():
        os.kill(os.getpid(), signal.SIGKILL)

    with pytest.raises(forked.WorkerDied):
        forked.run_side_by_side([lambda: 1, killed])


def test_a_failing_parent_task_ends_its_children_at_once():
    def boom():
        raise ValueError("boom")

    started = time.monotonic()
    with pytest.raises(ValueError):
        forked.run_side_by_side([boom, lambda: time.sleep(60)])
    assert time.monotonic() - started < 30


# -- the same results as one process ---------------------------------------------


def _many_cases(kb, errors=True):
    """Twelve cases after the fixture's three; with errors, some have them,
    and a members link crosses chunks (its target is checked by another process)."""
    for i in range(12):
        fm = kb.front_matter(title=f"Case nummer {i} om brobygning", published=TODAY.replace(day=1 + i))
        body = kb.valid_body
        if errors and i % 5 == 1:
            fm["themes"] = ["velkomsten"]
        if errors and i == 4:
            body += "\nSe [netværket](medlemsnetvaerk.md).\n"
        if errors and i == 7:
            body += "\nRing på 12345678.\n"
        kb.write_case(f"case-{i:02d}", fm, body)


def _checked(kb):
    result = kb.check()
    return result.report.problems, list(result.kb.cases.items())


def test_check_gives_the_same_report_and_model_in_several_processes(kb, monkeypatch, forks):
    _many_cases(kb)
    monkeypatch.setattr(forked, "cpus", lambda: 1)
    alone = _checked(kb)
    assert forks == []
    monkeypatch.setattr(forked, "cpus", lambda: 4)
    monkeypatch.setattr(forked, "MIN_CHUNK", 2)
    split = _checked(kb)
    assert len(forks) == 3
    assert split == alone
    codes = {p.code for p in split[0]}
    assert {"CASE-THEME", "CASE-MEMBERS-LINK", "PRIVACY-PHONE"} <= codes


def test_sites_built_in_several_processes_are_byte_identical(tmp_path, monkeypatch, forks):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1735689600")
    monkeypatch.setattr(forked, "cpus", lambda: 1)
    alone = build(REPO, "members", tmp_path / "alone")
    assert forks == []
    monkeypatch.setattr(forked, "cpus", lambda: 4)
    monkeypatch.setattr(forked, "MIN_CHUNK", 2)
    split = build(REPO, "members", tmp_path / "split")
    assert len(forks) == 6  # three for checking, three for writing pages
    digest = tree_digest(split.out)
    assert digest == tree_digest(alone.out)
    assert tree_digest(tmp_path / "split" / "staging-members") == tree_digest(tmp_path / "alone" / "staging-members")
    assert sum(1 for p in digest if p.startswith("cases/") and p.endswith("/index.html")) > 10


def test_stale_pages_are_removed_when_pages_are_written_in_several_processes(kb, tmp_path, split_everything):
    _many_cases(kb, errors=False)  # 14 public cases: four processes write their pages
    staging = tmp_path / "staging-public" / "cases"
    build(kb.root, "public", tmp_path)
    assert split_everything, "the pages were written by several processes"
    assert (staging / "case-03.md").is_file() and (staging / "case-09.md").is_file()
    kb.remove("cases/case-03.md")
    kb.remove("cases/case-09.md")
    built = build(kb.root, "public", tmp_path)
    assert not (staging / "case-03.md").exists() and not (staging / "case-09.md").exists()
    assert (staging / "case-04.md").is_file()
    assert not (built.out / "cases" / "case-03").exists()


def test_a_worker_that_dies_during_a_build_gives_a_danish_message_and_keeps_the_last_site(kb, tmp_path, monkeypatch, capsys):
    from brobyg.pipeline import build as site

    out = tmp_path / "site"
    assert site.build_command(kb.root, "public", out) == 0
    before = tree_digest(out)

    def dying(*args, **kwargs):
        raise forked.WorkerDied("En hjælpeproces stoppede uventet uden resultat")

    monkeypatch.setattr(forked, "run_side_by_side", dying)
    capsys.readouterr()
    assert site.build_command(kb.root, "public", out) == 1
    err = capsys.readouterr().err
    assert "En hjælpeproces stoppede uventet" in err and "Prøv igen" in err and "Traceback" not in err
    assert "Det sidste gode site" in err
    assert tree_digest(out) == before
