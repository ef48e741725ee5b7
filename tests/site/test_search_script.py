"""The search page's script is served compacted (brobyg/search/script.py):
the transformation must keep it the same program."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from brobyg.search.script import compact
from tests.conftest import REPO

SOURCE = REPO / "theme" / "assets" / "javascripts" / "search.js"


def test_the_script_has_nothing_that_dropping_indentation_could_change():
    text = SOURCE.read_text(encoding="utf-8")
    assert "`" not in text, "a template literal may span lines: compacting would change it"
    assert not [line for line in text.splitlines() if line.rstrip().endswith("\\")], "a string continued on the next line"


def test_compacted_script_is_smaller_and_still_parses(tmp_path):
    node = shutil.which("node")
    if node is None:
        pytest.skip("node is missing (./dev installs it)")
    out = tmp_path / "search.js"
    out.write_text(compact(SOURCE.read_text(encoding="utf-8")), encoding="utf-8")
    assert out.stat().st_size < 0.85 * SOURCE.stat().st_size
    done = subprocess.run([node, "--check", str(out)], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
