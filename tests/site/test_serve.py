"""`build.py serve` regenerates the pages when a source changes, and keeps
showing the last good version while a change has errors."""

from __future__ import annotations

import subprocess
import sys
import time

import pytest

from bench.bench_serve import fetch, free_port  # the same as the serve benchmark's
from tests.conftest import BUILD_PY, copy_fixture


def wait_for(predicate, timeout=60.0, what="condition"):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.3)
    pytest.fail(f"timed out waiting for {what}")


@pytest.fixture
def served(tmp_path):
    kb = copy_fixture("minimal", tmp_path / "kb")
    port = free_port()
    proc = subprocess.Popen(
        [sys.executable, str(BUILD_PY), "--root", str(kb.root), "serve", "--dev-addr", f"127.0.0.1:{port}"],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_for(lambda: fetch(base + "/"), what="the server to answer")
        yield kb, base, proc
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()


def test_serve_regenerates_on_case_change_and_keeps_last_good(served):
    kb, base, proc = served
    page = base + "/cases/aaben-cafe/"
    assert "Åben café som første skridt" in wait_for(lambda: fetch(page), what="the case page")
    assert fetch(base + "/pagefind/pagefind-entry.json"), "the search index is served too"

    text = kb.read("cases/aaben-cafe.md")
    kb.write("cases/aaben-cafe.md", text.replace("title: Åben café som første skridt", "title: Caféen med en ny titel"))
    wait_for(lambda: "Caféen med en ny titel" in (fetch(page) or ""), what="the new title")

    # A broken change: the last good page stays.
    kb.write("cases/aaben-cafe.md", kb.read("cases/aaben-cafe.md").replace("themes: [", "themes: [velkomsten, ", 1))
    time.sleep(3)
    assert "Caféen med en ny titel" in (fetch(page) or "")

    # Topics and data files are watched too.
    topic = kb.read("topics/velkomst.md")
    kb.write("cases/aaben-cafe.md", text)
    kb.write("topics/velkomst.md", topic.replace("title: ", "title: Ny ", 1))
    wait_for(lambda: "Ny " in (fetch(base + "/temaer/velkomst/") or "").split("<h1", 1)[-1][:200], what="the topic change")
    assert proc.poll() is None
