"""`build.py serve` updates only what an edit touches; after any sequence of
edits its pages must equal a clean build's, page for page, fetched over HTTP
from a real server on 127.0.0.1. And it must keep answering through a burst
of edits on a bigger tree (it never forks once its threads run)."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from tests.conftest import BUILD_PY, KnowledgeBaseDir
from tests.site.test_serve import free_port

EPOCH = "1735689600"
ENV = {**os.environ, "SOURCE_DATE_EPOCH": EPOCH, "NO_MKDOCS_2_WARNING": "1"}
SITE_URL = "https://brobygningsbasen.example.org/"  # mkdocs.yml's; serve uses its own address instead
LIVERELOAD = re.compile(r"<script>\s*var livereload = function.*?</script>(?=</body>)", re.S)


def get(url: str) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=20) as r:
            return r.status, r.read()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read()


class Server:
    """`build.py serve` as a process, with its messages collected as they come."""

    def __init__(self, root: Path) -> None:
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.proc = subprocess.Popen(
            [sys.executable, str(BUILD_PY), "--root", str(root), "serve", "--dev-addr", f"127.0.0.1:{self.port}"],
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, encoding="utf-8", env=ENV,
        )
        self.lines: list[str] = []
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()
        self.wait_for(lambda: self.answers(), 300, "the server to answer")

    def _read(self) -> None:
        for line in self.proc.stdout:
            self.lines.append(line)

    def answers(self) -> bool:
        try:
            return get(self.base + "/")[0] == 200
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            return False

    def page(self, path: str) -> str | None:
        status, body = get(self.base + path)
        return body.decode("utf-8") if status == 200 else None

    def wait_for(self, predicate, timeout: float = 300, what: str = "condition"):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                pytest.fail(f"serve stopped while waiting for {what}:\n{''.join(self.lines)}")
            value = predicate()
            if value:
                return value
            time.sleep(0.05)
        pytest.fail(f"timed out waiting for {what}; serve said:\n{''.join(self.lines)}")

    def messages_after(self, count: int, needle: str, timeout: float = 300) -> None:
        self.wait_for(lambda: any(needle in line for line in self.lines[count:]), timeout, f"'{needle}'")

    def stop(self) -> int:
        self.proc.terminate()
        try:
            return self.proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            pytest.fail("serve did not stop within 30 s of SIGTERM")


@pytest.fixture
def server_for():
    started: list[Server] = []

    def start(root: Path) -> Server:
        started.append(Server(root))
        return started[-1]

    yield start
    for s in started:
        if s.proc.poll() is None:
            s.stop()


def edit(kb: KnowledgeBaseDir, rel: str, old: str, new: str) -> None:
    text = kb.read(rel)
    assert old in text, (rel, old)
    kb.write(rel, text.replace(old, new, 1))


def clean_build(root: Path, out: Path) -> Path:
    done = subprocess.run([sys.executable, str(BUILD_PY), "--root", str(root), "build", "--out", str(out)],
                          capture_output=True, text=True, env=ENV, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
    return out


def differences(server: Server, clean: Path) -> list[str]:
    """The pages and the sitemap of the clean build that the server shows otherwise."""
    serve_url = f"{server.base}/"
    files = [p for p in clean.rglob("*") if p.is_file() and p.suffix in (".html", ".xml") and "pagefind" not in p.parts]
    assert len(files) > 20
    differ = []
    for path in files:
        url = "/" + path.relative_to(clean).as_posix()
        status, body = get(server.base + url)
        served = LIVERELOAD.sub("", body.decode("utf-8")).replace(serve_url, SITE_URL)
        if status != 200 or served != path.read_text(encoding="utf-8"):
            differ.append(url)
    return differ


def assert_served_equals(server: Server, clean: Path) -> None:
    """Once the server has caught up with the last edit, every page equals the
    clean build's (polled: an update may still be running when we look)."""
    deadline = time.monotonic() + 300
    while (differ := differences(server, clean)) and time.monotonic() < deadline:
        time.sleep(0.5)
    assert not differ, f"served pages differ from a clean build: {differ}"


def test_after_a_sequence_of_edits_the_served_pages_equal_a_clean_build(kb, server_for, tmp_path):
    server = server_for(kb.root)
    assert "Åben café som første skridt" in server.page("/cases/aaben-cafe/")

    # A title: the case page and every listing of it.
    edit(kb, "cases/aaben-cafe.md", "title: Åben café som første skridt", "title: Caféen med en ny titel")
    server.wait_for(lambda: "Caféen med en ny titel" in (server.page("/centre/frivilligcenter-fjordby/") or ""),
                    what="the new title on the centre page")
    assert "Caféen med en ny titel" in server.page("/cases/aaben-cafe/")

    # A new case.
    kb.write_case("ny-case", kb.front_matter(title="En helt ny case om brobygning"))
    server.wait_for(lambda: server.page("/cases/ny-case/"), what="the new case page")

    # A rename that breaks two links: the last good pages stay, the problem is printed.
    seen = len(server.lines)
    os.rename(kb.path("cases/foelgeven.md"), kb.path("cases/foelgeven-ny.md"))
    server.messages_after(seen, "Ret fejlene")
    assert any("foelgeven.md" in line and "error" in line for line in server.lines[seen:])
    assert server.page("/cases/foelgeven/") and not server.page("/cases/foelgeven-ny/")

    # Fixed: the old page and every link to it are gone.
    edit(kb, "cases/aaben-cafe.md", "(foelgeven.md)", "(foelgeven-ny.md)")
    edit(kb, "cases/medlemsnetvaerk.md", "(foelgeven.md)", "(foelgeven-ny.md)")
    server.wait_for(lambda: server.page("/cases/foelgeven-ny/"), what="the renamed case")
    server.wait_for(lambda: not server.page("/cases/foelgeven/"), what="the old page to go")

    # A data file: the centre's new name on every page that shows it.
    edit(kb, "data/centres.yml", "Frivilligcenter Fjordby", "Frivilligcenter Fjordby og Omegn")
    server.wait_for(lambda: "Fjordby og Omegn" in (server.page("/cases/aaben-cafe/") or ""), what="the centre's new name")

    # A theme title is in the nav of every page.
    edit(kb, "topics/velkomst.md", "title: ", "title: Ny ")
    server.wait_for(lambda: "Ny " in (server.page("/cases/ny-case/") or "").split('class="md-tabs"', 1)[-1][:20000],
                    what="the new theme title in the nav")

    # A case removed, and one that becomes members-only: both leave the public site.
    kb.remove("cases/ny-case.md")
    edit(kb, "cases/aaben-cafe.md", "visibility: public", "visibility: members")
    server.wait_for(lambda: not server.page("/cases/ny-case/") and not server.page("/cases/aaben-cafe/"),
                    what="the pages to go")

    clean = clean_build(kb.root, tmp_path / "clean")
    assert_served_equals(server, clean)
    assert "Caféen med en ny titel" not in (clean / "index.html").read_text(encoding="utf-8")

    # The search index follows: as many records as the clean build has.
    def page_count(entry: bytes) -> int:
        return sum(lang["page_count"] for lang in json.loads(entry)["languages"].values())

    want = page_count((clean / "pagefind" / "pagefind-entry.json").read_bytes())
    server.wait_for(lambda: page_count(get(server.base + "/pagefind/pagefind-entry.json")[1]) == want,
                    what="the search index to catch up")
    assert server.stop() == 0


def _big_tree(dest: Path, n: int) -> KnowledgeBaseDir:
    from bench.generate import generate

    generate(dest, n, seed=3)  # with the hand-written pages the nav names
    return KnowledgeBaseDir(dest)


def test_twenty_edits_in_a_row_on_a_bigger_tree_and_the_server_keeps_answering(server_for, tmp_path):
    kb = _big_tree(tmp_path / "kb", 400)
    server = server_for(kb.root)
    cases = sorted(p for p in kb.path("cases").glob("*.md") if "visibility: public" in p.read_text(encoding="utf-8"))[:10]
    for i in range(20):  # as fast as an editor saves: some while the last update still runs; one with an error
        path = cases[i % len(cases)]
        text = path.read_text(encoding="utf-8")
        if i == 7:
            path.write_text(text.replace("visibility: public", "visibility: offentlig", 1), encoding="utf-8")
        else:
            text = text.replace("visibility: offentlig", "visibility: public", 1)
            path.write_text(re.sub(r"^title: .*$", f"title: Redigeret titel nummer {i}", text, count=1, flags=re.M),
                            encoding="utf-8")
        assert server.answers(), f"no answer after edit {i}"
        time.sleep(0.05)
    last = cases[19 % len(cases)]
    server.wait_for(lambda: "Redigeret titel nummer 19" in (server.page(f"/cases/{last.stem}/") or ""), 120,
                    "the last edit")
    fixed = cases[7 % len(cases)]  # edit 17 repaired edit 7's error
    assert "Redigeret titel nummer 17" in server.page(f"/cases/{fixed.stem}/")
    assert server.answers()
    assert server.stop() == 0
    assert "Traceback" not in "".join(server.lines)
