"""Files `check` would otherwise never see: a case saved outside cases/, in a
subfolder of it, in templates/, or under another extension, gets a message
that says where cases go, instead of "Ingen fejl"."""

from __future__ import annotations

import pytest

from brobyg.validate.placement import suggested_name
from tests.conftest import REPO


def problems_of(kb, *paths):
    return [(p.path, p.code, p.severity) for p in kb.problems(*paths)]


@pytest.mark.parametrize(
    "rel",
    ["min-case.md", "cases/2024/min-case.md", "cases/aaben-cafe/anden-case.md", "templates/min-case.md", "mine-cases/min-case.md",
     "topics/gamle/velkomst-case.md", "Min Case.markdown"],
    ids=["root", "cases-subfolder", "case-image-folder", "templates", "own-folder", "topics-subfolder", "root-markdown"],
)
def test_a_case_saved_outside_cases_is_reported_when_asked_for(kb, rel):
    kb.write(rel, kb.case_text())
    result = kb.check(rel)
    assert [(p.path, p.code) for p in result.report.sorted()] == [(rel, "FILE-PLACE")]
    msg = result.report.problems[0].message
    assert "cases/" in msg and f"cases/{suggested_name(rel.rsplit('/', 1)[-1])}" in msg
    assert result.files == 1


@pytest.mark.parametrize("rel", ["min-case.md", "cases/2024/min-case.md", "templates/min-case.md", "mine-cases/min-case.md"])
def test_a_case_saved_outside_cases_is_reported_by_a_whole_check(kb, rel):
    kb.write(rel, kb.case_text())
    assert problems_of(kb) == [(rel, "FILE-PLACE", "error")]


def test_cli_says_so_and_fails(kb):
    kb.write("min-case.md", kb.case_text())
    run = kb.run("check", "min-case.md")
    assert run.returncode == 1
    assert "Ingen fejl" not in run.stdout and "FILE-PLACE" in run.stdout and "cases/min-case.md" in run.stdout


@pytest.mark.parametrize(("rel", "what"), [("README.md", "dokumentation"), ("CHANGELOG.md", "dokumentation"),
                                            ("templates/case.md", "skabelonen"), (".github/ISSUE_TEMPLATE/ny-case.md", "dokumentation")])
def test_known_files_that_are_not_cases(kb, rel, what):
    kb.write(rel, "# Om repositoriet\n\nTekst.\n")
    result = kb.check(rel)
    [p] = result.report.sorted()
    assert (p.path, p.code, p.severity) == (rel, "FILE-NOT-CASE", "warning")
    assert "ikke en case" in p.message and what in p.message and "cases/" in p.message


def test_check_readme_says_it_is_not_a_case(kb):
    kb.write("README.md", "# Om repositoriet\n")
    run = kb.run("check", "README.md")
    assert run.returncode == 0  # nothing wrong with the file itself
    assert "README.md er ikke en case" in run.stdout and "Ingen fejl" not in run.stdout


def test_known_non_content_is_quiet_in_a_whole_check(kb):
    for rel in ("README.md", "CHANGELOG.md", ".github/ISSUE_TEMPLATE/ny-case.md", "docs/guide/mere.md",
                "tests/fixtures/x/cases/a.md", "node_modules/pkg/README.md"):
        kb.write(rel, kb.case_text())
    kb.write("templates/case.md", (REPO / "templates" / "case.md").read_text(encoding="utf-8"))
    assert kb.problems() == []


def test_a_template_folder_note_that_is_not_a_case_is_quiet(kb):
    kb.write("templates/noter.md", "# Noter om skabelonen\n")
    assert kb.problems() == []


# -- names in cases/ ---------------------------------------------------------------


@pytest.mark.parametrize(("name", "suggested"), [("min-case.md.txt", "min-case.md"), ("Min Case.MD.txt", "min-case.md"),
                                                 ("referat.docx", "referat.md"), ("case.markdown", "case.md")])
def test_check_of_the_cases_folder_sees_misnamed_files(kb, name, suggested):
    kb.write(f"cases/{name}", kb.case_text())
    for args in ((), ("cases",), ("cases/",)):
        problems = kb.problems(*args)
        assert [(p.path, p.code) for p in problems] == [(f"cases/{name}", "FILE-NAME")], args
        assert f"'{suggested}'" in problems[0].message and "-md.md" not in problems[0].message


@pytest.mark.parametrize(("name", "suggested"), [("min-case.md.txt", "min-case.md"), ("Åben Café.md.txt", "aaben-cafe.md"),
                                                 ("a.b.txt", "a-b.md"), ("noter.txt.md", "noter.md"), (".md", "min-case.md")])
def test_suggested_name_keeps_one_md(name, suggested):
    assert suggested_name(name) == suggested


def test_folder_check_counts_the_stray_files(kb):
    kb.write("cases/2024/min-case.md", kb.case_text())
    result = kb.check("cases")
    assert [(p.path, p.code) for p in result.report.sorted()] == [("cases/2024/min-case.md", "FILE-PLACE")]
    assert result.files == len(list(kb.path("cases").glob("*.md"))) + 1
