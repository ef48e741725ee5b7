"""FILE-DERIVED: after a change in data/, `check` says which committed files
that list the ids from data/ (the issue form, schemas/) must be regenerated."""

from __future__ import annotations

from brobyg.commands.generate import generated_from_data, main
from tests.conftest import REPO, copy_fixture

NEW_CENTRE = "- id: frivilligcenter-nyby\n  name: Frivilligcenter Nyby\n  municipality: Skive\n  website: https://nyby.example.org/\n"


def _with_derived_files(tmp_path):
    kb = copy_fixture("minimal", tmp_path / "kb")
    for rel, content in generated_from_data(kb.root).items():
        kb.write(rel, content)
    return kb


def test_a_new_centre_names_every_derived_file_to_regenerate(tmp_path):
    kb = _with_derived_files(tmp_path)
    assert kb.run("check", "--strict").returncode == 0
    kb.write("data/centres.yml", kb.read("data/centres.yml") + NEW_CENTRE)

    done = kb.run("check")
    assert done.returncode == 0, done.stdout  # a warning: the cases themselves are fine
    lines = [line for line in done.stdout.splitlines() if "FILE-DERIVED" in line]
    assert {line.split(":")[0] for line in lines} == {".github/ISSUE_TEMPLATE/ny-case.yml", "schemas/case.schema.json",
                                                      "schemas/meeting.schema.json"}
    assert all("python -m brobyg.commands.generate" in line for line in lines)
    # The pre-commit hook checks the changed data file: the same warnings, and --strict fails.
    assert kb.run("check", "--strict", str(kb.root / "data/centres.yml")).stdout.count("FILE-DERIVED") == 3

    kb.write("docs/bidrag.md", (REPO / "docs/bidrag.md").read_text(encoding="utf-8"))  # the command also fills its table
    assert main(["--root", str(kb.root)]) == 0
    assert "frivilligcenter-nyby" in kb.read("schemas/case.schema.json")
    assert kb.run("check", "--strict").returncode == 0


def test_checking_cases_only_does_not_look_at_derived_files(tmp_path):
    kb = _with_derived_files(tmp_path)
    kb.write("data/centres.yml", kb.read("data/centres.yml") + NEW_CENTRE)
    case = next((kb.root / "cases").glob("*.md"))
    assert "FILE-DERIVED" not in kb.run("check", str(case)).stdout


def test_a_content_only_tree_is_not_asked_for_derived_files(tmp_path):
    kb = copy_fixture("minimal", tmp_path / "kb")
    kb.write("data/centres.yml", kb.read("data/centres.yml") + NEW_CENTRE)
    assert "FILE-DERIVED" not in kb.run("check").stdout
