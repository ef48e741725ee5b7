"""A case that was never written: the template's placeholder title and
summary, and its (or `build.py new`'s) italic prompts left in the body, are
errors, also without --strict. The words are read from their sources."""

from __future__ import annotations

import re
import shutil

import pytest

from brobyg.schema.cases import HEADINGS, SUGGESTED_HEADINGS
from tests.conftest import REPO

HINTS = dict(HEADINGS)  # heading -> the question the template and `new` put under it


def codes(kb, *paths):
    return sorted({p.code for p in kb.problems(*paths) if p.severity == "error"})


def test_an_unfilled_copy_of_the_template_fails(kb):
    shutil.copy(REPO / "templates" / "case.md", kb.path("cases/min-case.md"))
    problems = kb.problems("cases/min-case.md")
    assert {p.code for p in problems} >= {"CASE-TITLE", "CASE-SUMMARY", "BODY-PROMPT"}
    title = next(p for p in problems if p.code == "CASE-TITLE")
    assert "pladsholder" in title.message and title.line == 2
    assert len([p for p in problems if p.code == "BODY-PROMPT"]) == len(SUGGESTED_HEADINGS)


def test_the_cli_fails_on_it_without_strict(kb):
    shutil.copy(REPO / "templates" / "case.md", kb.path("cases/min-case.md"))
    assert kb.run("check", "cases/min-case.md").returncode == 1


def test_a_case_from_new_with_its_prompts_fails(kb):
    body = "\n".join(f"## {h}\n\n*{HINTS[h]}*\n" for h in SUGGESTED_HEADINGS)
    rel = kb.write_case("fra-new", kb.front_matter(), body)
    problems = [p for p in kb.problems() if p.code == "BODY-PROMPT"]
    assert [p.line for p in problems] == [kb.line_of(rel, HINTS[h]) for h in SUGGESTED_HEADINGS]
    assert all(p.severity == "error" for p in problems)


def test_a_prompt_left_above_own_text_fails(kb):
    body = kb.valid_body.replace("## Resultater\n", f"## Resultater\n\n_{HINTS['Resultater']}_\n\nTyve nye medlemmer.\n")
    rel = kb.write_case("halvt", kb.front_matter(), body)
    assert [(p.code, p.line) for p in kb.problems()] == [("BODY-PROMPT", kb.line_of(rel, HINTS["Resultater"]))]


def test_prompt_without_its_asterisks_fails(kb):
    body = kb.valid_body + "\n" + HINTS["Gode råd"] + "\n"
    kb.write_case("uden-kursiv", kb.front_matter(), body)
    assert codes(kb) == ["BODY-PROMPT"]


def test_an_edited_template_is_recognised(kb):
    kb.write("templates/case.md", "---\ntitle: Din titel her\nsummary: Her skriver du et resumé af casen.\n---\n\n## Baggrund\n\n"
                                  "*Fortæl os, hvordan det hele begyndte.*\n")
    rel = kb.write_case("egen", kb.front_matter(title="Din titel her"),
                        kb.valid_body + "\n*Fortæl os, hvordan det hele begyndte.*\n")
    assert [(p.code, p.line) for p in kb.problems()] == [("CASE-TITLE", kb.line_of(rel, "title:")),
                                                          ("BODY-PROMPT", kb.line_of(rel, "Fortæl os"))]


@pytest.mark.parametrize("title", ["Skriv en kort titel", "skriv en kort titel.", "Titel", "TODO: titel", "Lorem ipsum dolor sit"])
def test_placeholder_titles(kb, title):
    kb.write_case("pladsholder", kb.front_matter(title=title))
    assert "CASE-TITLE" in codes(kb)


@pytest.mark.parametrize("summary", [
    "Skriv et kort resumé på en til tre sætninger. Det vises i lister og søgeresultater.",
    "Skriv et kort resumé på en til tre sætninger.   Det vises i lister og   søgeresultater.",
    "Lorem ipsum dolor sit amet, consectetur adipiscing elit.",
])
def test_placeholder_summaries(kb, summary):
    kb.write_case("pladsholder", kb.front_matter(summary=summary))
    assert codes(kb) == ["CASE-SUMMARY"]


@pytest.mark.parametrize("title", ["Skriv dig ind i fællesskabet", "Titler og roller i foreningen", "Test af en ny velkomst"])
def test_real_titles_that_resemble_placeholders_pass(kb, title):
    kb.write_case("rigtig", kb.front_matter(title=title))
    assert kb.problems() == []


def test_the_repositorys_template_and_new_agree_on_headings_and_prompts():
    text = (REPO / "templates" / "case.md").read_text(encoding="utf-8")
    assert re.findall(r"^## (.+)$", text, re.M) == list(SUGGESTED_HEADINGS) == list(HINTS)
    assert re.findall(r"^\*(.+)\*$", text, re.M) == [HINTS[h] for h in SUGGESTED_HEADINGS]
