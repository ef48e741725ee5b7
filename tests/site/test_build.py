"""`build.py build`: stops on validation errors without touching the last
good site, and two builds of the same sources are byte-identical."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys

from tests.conftest import BUILD_PY, copy_fixture


def tree_digest(folder):
    h = {}
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            h[path.relative_to(folder).as_posix()] = hashlib.sha256(path.read_bytes()).hexdigest()
    return h


def run_build(root, out, *extra, env=None, cwd=None):
    return subprocess.run(
        [sys.executable, str(BUILD_PY), "--root", str(root), "build", "--out", str(out), *extra],
        capture_output=True, text=True, timeout=180, env=env, cwd=cwd,
    )


def test_failed_build_leaves_last_good_site_untouched(tmp_path):
    kb = copy_fixture("minimal", tmp_path / "kb")
    out = tmp_path / "site"
    first = run_build(kb.root, out)
    assert first.returncode == 0, first.stderr
    assert "Byggede det offentlige site" in first.stdout
    before = tree_digest(out)
    assert "index.html" in before

    kb.write("cases/aaben-cafe.md", kb.read("cases/aaben-cafe.md").replace("themes: [", "themes: [velkomsten, ", 1))
    second = run_build(kb.root, out)
    assert second.returncode == 1
    assert "CASE-THEME" in second.stderr and "Mente du 'velkomst'?" in second.stderr
    assert "Det sidste gode site" in second.stderr
    assert "Traceback" not in second.stderr
    assert tree_digest(out) == before
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".site-")], "no temporary build folders left behind"


def test_broken_link_in_a_hand_written_page_stops_the_build(tmp_path):
    kb = copy_fixture("minimal", tmp_path / "kb")
    out = tmp_path / "site"
    assert run_build(kb.root, out).returncode == 0
    before = tree_digest(out)
    kb.write("docs/om-netvaerket.md", kb.read("docs/om-netvaerket.md") + "\nSe [siden](findes-ikke.md).\n")
    result = run_build(kb.root, out)
    assert result.returncode == 1
    assert "findes-ikke.md" in result.stderr
    assert tree_digest(out) == before


def test_two_builds_are_byte_identical(tmp_path):
    kb = copy_fixture("minimal", tmp_path / "kb")
    env = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}
    a = run_build(kb.root, tmp_path / "a", env=env)
    b = run_build(kb.root, tmp_path / "b", env=env)
    assert a.returncode == b.returncode == 0
    assert tree_digest(tmp_path / "a") == tree_digest(tmp_path / "b")


def test_source_date_epoch_is_honoured(tmp_path):
    kb = copy_fixture("minimal", tmp_path / "kb")
    env = dict(os.environ, SOURCE_DATE_EPOCH="1700000000")  # 14 November 2023
    assert run_build(kb.root, tmp_path / "a", env=env).returncode == 0
    sitemap = (tmp_path / "a" / "sitemap.xml").read_text(encoding="utf-8")
    assert "2023-11-14" in sitemap


def test_build_output_is_short(tmp_path):
    kb = copy_fixture("minimal", tmp_path / "kb")
    result = run_build(kb.root, tmp_path / "site")
    assert result.returncode == 0
    assert result.stdout.strip().count("\n") == 0, result.stdout
    assert "MkDocs 2.0" not in result.stdout + result.stderr  # Material's end-of-life banner is silenced
    assert result.stderr.strip() == ""
    pages = sum(1 for _ in (tmp_path / "site").rglob("index.html"))
    assert f": {pages} sider i " in result.stdout
