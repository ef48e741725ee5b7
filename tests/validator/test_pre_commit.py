"""The pre-commit hook (.pre-commit-config.yaml) checks the case files a commit
changes, with the real pre-commit in a throw-away git repository."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO

PRE_COMMIT = Path(sys.executable).with_name("pre-commit")
CODE = ("brobyg", "build.py", "dev", "requirements.txt", "pyproject.toml", ".pre-commit-config.yaml", "mkdocs.yml")
CONTENT = ("cases", "data", "topics", "templates", "meetings", "docs")


@pytest.fixture
def repo(tmp_path):
    root = tmp_path / "repo"
    root.mkdir()
    for name in CODE + CONTENT:
        src = REPO / name
        if src.is_dir():
            shutil.copytree(src, root / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(src, root / name)
    _borrowed_venv(root)
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org", "PRE_COMMIT_HOME": str(tmp_path / "cache")}
    for args in (["init", "-q", "-b", "main"], ["add", "-A"], ["commit", "-qm", "start"]):
        subprocess.run(["git", *args], cwd=root, check=True, env=env, capture_output=True)
    return root, env


def _borrowed_venv(root: Path) -> None:
    """A .venv for the copy that runs the tests' Python and packages, marked as
    set up for the copy's requirements, so ./dev check installs nothing. (A
    symlink to the whole venv would let ./dev reinstall the project, editable,
    from the throw-away copy into the venv running the tests whenever
    pyproject.toml changed since its last install.)"""
    venv = root / ".venv"
    (venv / "bin").mkdir(parents=True)
    (venv / "bin" / "python").symlink_to(sys.executable)
    (venv / "lib").symlink_to(Path(sys.prefix) / "lib")
    shutil.copy2(Path(sys.prefix) / "pyvenv.cfg", venv / "pyvenv.cfg")
    marker = b"".join((root / name).read_bytes() for name in ("requirements.txt", "pyproject.toml"))
    (venv / ".installed-requirements").write_bytes(marker)


def pre_commit(repo, *files: str):
    root, env = repo
    return subprocess.run([str(PRE_COMMIT), "run", "--files", *files], cwd=root, env=env,
                          capture_output=True, text=True, timeout=300)


def test_a_broken_case_stops_the_commit_with_the_checks_message(repo):
    root, _ = repo
    case = root / "cases" / "unge-matcher-unge.md"
    case.write_text(case.read_text(encoding="utf-8").replace("themes: [", "themes: [velkomsten, ", 1), encoding="utf-8")
    result = pre_commit(repo, "cases/unge-matcher-unge.md")
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Tjek cases og datafiler" in result.stdout and "Failed" in result.stdout
    assert "cases/unge-matcher-unge.md:" in result.stdout and "CASE-THEME" in result.stdout and "Mente du 'velkomst'?" in result.stdout


def test_a_valid_case_passes_and_other_files_are_not_checked(repo):
    result = pre_commit(repo, "cases/unge-matcher-unge.md")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Passed" in result.stdout
    result = pre_commit(repo, "build.py")
    assert result.returncode == 0 and "(no files to check)Skipped" in result.stdout


def test_a_warning_is_shown_and_the_commit_goes_ahead(repo):
    root, _ = repo
    case = root / "cases" / "unge-matcher-unge.md"
    case.write_text(case.read_text(encoding="utf-8") + "\n<!-- husk at spørge Lone -->\n", encoding="utf-8")
    result = pre_commit(repo, "cases/unge-matcher-unge.md")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Passed" in result.stdout and "BODY-COMMENT" in result.stdout


def test_a_broken_data_file_is_caught_too(repo):
    root, _ = repo
    data = root / "data" / "target-groups.yml"
    data.write_text(data.read_text(encoding="utf-8") + "- id: Store Bogstaver\n  label: X\n", encoding="utf-8")
    result = pre_commit(repo, "data/target-groups.yml")
    assert result.returncode == 1 and "DATA-ID" in result.stdout
