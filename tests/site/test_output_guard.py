"""`build --out`: the build never deletes what it did not create. Each
refusal is a usage error (exit 2) before anything is checked or built, and
leaves the folder exactly as it was."""

from __future__ import annotations

import json

import pytest

from tests.conftest import copy_fixture

from .test_build import run_build, tree_digest


@pytest.fixture
def kb(tmp_path):
    kb = copy_fixture("minimal", tmp_path / "kb")
    kb.write("theme/assets/extra.css", "body {}\n")
    kb.write(".git/HEAD", "ref: refs/heads/main\n")
    kb.write("noter.txt", "ikke committet arbejde\n")
    return kb


def refused(kb, out, *extra, cwd=None):
    before = tree_digest(kb.root.parent)
    proc = run_build(kb.root, out, *extra, cwd=cwd)
    assert proc.returncode == 2, (proc.stdout, proc.stderr)
    assert proc.stderr.startswith("build.py: fejl: Mappen ") and "Traceback" not in proc.stderr
    assert "Byggede" not in proc.stdout
    assert tree_digest(kb.root.parent) == before  # nothing deleted, nothing written
    return proc.stderr


def test_the_repository_itself(kb):
    assert "er selve vidensbasen" in refused(kb, ".", cwd=kb.root)


def test_a_folder_above_the_repository(kb):
    assert "indeholder vidensbasen" in refused(kb, "..", cwd=kb.root)


@pytest.mark.parametrize("folder", ["cases", "docs", "theme", "data", "topics", ".git", "cases/aaben-cafe", "build"])
def test_a_source_folder(kb, folder):
    (kb.root / folder).mkdir(parents=True, exist_ok=True)
    assert "hører til vidensbasens kilder" in refused(kb, folder, cwd=kb.root)


def test_another_checkout(kb, tmp_path):
    other = copy_fixture("minimal", tmp_path / "anden")
    (other.root / "mkdocs.yml").write_text("site_name: Anden\n", encoding="utf-8")
    message = refused(kb, other.root)
    assert "indeholder kilder (cases, data, docs, mkdocs.yml, topics)" in message


def test_a_folder_that_is_not_an_earlier_build(kb, tmp_path):
    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "vigtigt.docx").write_bytes(b"mit arbejde")
    message = refused(kb, mine)
    assert "ikke tom" in message and ".brobyg-build" in message


def test_a_file(kb, tmp_path):
    (tmp_path / "site.txt").write_text("x", encoding="utf-8")
    assert "er en fil" in refused(kb, tmp_path / "site.txt")


def test_an_earlier_build_is_replaced_and_each_build_is_marked(kb, tmp_path):
    out = tmp_path / "site"
    out.mkdir()  # an empty folder is fine
    for _ in range(2):
        proc = run_build(kb.root, out)
        assert proc.returncode == 0, proc.stderr
    assert json.loads((out / ".brobyg-build").read_text(encoding="utf-8"))["audience"] == "public"
    assert "aaben-cafe" in {p.name for p in (out / "cases").iterdir()}
    # The public site's folder never takes the members' site.
    assert "indeholder det offentlige site" in refused(kb, out, "--audience", "members")


def test_an_unmarked_site_is_taken_as_a_build_only_in_its_default_folder(kb, tmp_path):
    from brobyg.pipeline.build import default_out
    from brobyg.pipeline.output import OutputRefused, refuse_unsafe

    for folder in (default_out(kb.root, "public"), tmp_path / "andet-site"):
        folder.mkdir(parents=True)
        for name in ("index.html", "404.html", "sitemap.xml"):
            (folder / name).write_text("", encoding="utf-8")
    refuse_unsafe(kb.root, default_out(kb.root, "public"), "public", default_out(kb.root, "public"))  # built before markers
    with pytest.raises(OutputRefused, match="ikke tom"):
        refuse_unsafe(kb.root, tmp_path / "andet-site", "public", default_out(kb.root, "public"))
