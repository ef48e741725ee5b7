"""The search page's script is served minified by the pinned terser
(brobyg/search/script.py); the built site serves exactly that."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from brobyg.search import script
from tests.conftest import REPO

SOURCE = REPO / "theme" / "assets" / "javascripts" / "search.js"


@pytest.fixture()
def cache(tmp_path, monkeypatch):
    folder = tmp_path / "cache"
    monkeypatch.setattr(script, "_cache_dir", lambda: folder)
    return folder


def test_the_minified_script_is_less_than_half_and_still_parses(tmp_path, cache):
    node = shutil.which("node")
    assert node and script.TERSER.is_dir(), "node or the pinned terser is missing (./dev installs both)"
    out = tmp_path / "search.js"
    out.write_text(script.minify(SOURCE.read_text(encoding="utf-8")), encoding="utf-8")
    assert out.stat().st_size < 0.5 * SOURCE.stat().st_size
    done = subprocess.run([node, "--check", str(out)], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


def test_a_second_minification_reads_the_cache(cache, monkeypatch):
    source = SOURCE.read_text(encoding="utf-8")
    first = script.minify(source)
    assert len(list(cache.glob("*.js"))) == 1

    def no_terser(*args, **kwargs):
        raise AssertionError("terser ran again for an unchanged script")

    monkeypatch.setattr(script.subprocess, "run", no_terser)
    assert script.minify(source) == first


def test_without_terser_the_script_is_served_as_written(cache, monkeypatch, tmp_path):
    monkeypatch.setattr(script, "TERSER", tmp_path / "no-terser")
    assert script.minify("var a = 1;  // kept\n") == "var a = 1;  // kept\n"


def test_a_script_terser_cannot_read_is_served_as_written(cache):
    broken = "function ( {\n"
    assert script.minify(broken) == broken
    assert not list(cache.glob("*.js"))


def test_the_built_site_serves_the_minified_script(public_site, cache):
    served = (public_site.out / script.SCRIPT).read_text(encoding="utf-8")
    assert served == script.minify(SOURCE.read_text(encoding="utf-8"))
    assert len(served) < 0.5 * len(SOURCE.read_text(encoding="utf-8"))
