"""`build.py new` asks in Danish, re-asks on bad answers and writes a case
that passes the validator."""

from __future__ import annotations

import datetime as dt
import re
import subprocess
import sys

from brobyg.validate.check import check
from tests.conftest import BUILD_PY, copy_fixture


def run_new(root, answers: str):
    return subprocess.run(
        [sys.executable, str(BUILD_PY), "--root", str(root), "new"],
        input=answers, capture_output=True, text=True, timeout=60,
    )


def test_new_writes_a_valid_case(tmp_path):
    kb = copy_fixture("minimal", tmp_path / "kb")
    answers = "\n".join([
        "Kort",  # too short: asked again
        "Åben værksted for unge",
        "Et ugentligt værksted, hvor unge kan prøve foreningernes aktiviteter.",
        "9",  # no such centre: asked again
        "1",
        "4,3,4",  # repeats are dropped
        "1",
        "2",
    ]) + "\n"
    result = run_new(kb.root, answers)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "den skal være 5–120 tegn" in result.stdout
    path = kb.root / "cases" / "aaben-vaerksted-for-unge.md"
    assert path.exists()
    text = path.read_text(encoding="utf-8")
    assert "visibility: members" in text and "themes: [velkomst, vejen-ind]" in text
    # Only the italic prompts stand in the way: check refuses them until they are replaced.
    problems = check(kb.root, [path], today=dt.date.today()).report.sorted()
    assert [p.code for p in problems if p.severity == "error"] == ["BODY-PROMPT"] * 6
    assert "kursive hjælpetekster" in result.stdout and "BODY-PROMPT" not in result.stdout
    path.write_text(re.sub(r"\n\*[^*\n]+\*\n", "\nVi gjorde det sammen med foreningerne.\n", text), encoding="utf-8")
    assert [p.as_text() for p in check(kb.root, [path]).report.sorted() if p.severity == "error"] == []


def test_new_without_input_writes_nothing(tmp_path):
    kb = copy_fixture("minimal", tmp_path / "kb")
    before = sorted(p.name for p in (kb.root / "cases").iterdir())
    result = run_new(kb.root, "")
    assert result.returncode == 2
    assert "Afbrudt" in result.stderr and "Traceback" not in result.stderr
    assert sorted(p.name for p in (kb.root / "cases").iterdir()) == before
