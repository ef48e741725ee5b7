"""The case body: empty, headings and HTML (rules/body.py)."""

from __future__ import annotations

import pytest

from tests.conftest import only

BODY_START = 10  # the line after the closing '---' when the front matter has the 7 required keys


def write(kb, extra: str, slug: str = "krop", **fm) -> str:
    """A valid case whose body has ``extra`` appended (on lines of its own)."""
    return kb.write_case(slug, kb.front_matter(**fm), kb.valid_body + "\n" + extra + "\n")


# -- BODY-EMPTY ---------------------------------------------------------------


@pytest.mark.parametrize("body", ["", "\n\n", "   \n\t\n"], ids=["nothing", "blank-lines", "whitespace"])
def test_empty_body(kb, body):
    kb.write_case("krop", kb.front_matter(), body)
    [(line, col, msg)] = only(kb, "BODY-EMPTY")
    assert (line, col) == (BODY_START, 1)
    assert "Baggrund" in msg


def test_file_ending_at_the_closing_fence(kb):
    kb.write("cases/krop.md", kb.case_text().split("\n---\n")[0] + "\n---")
    assert [code for code, _ in kb.codes()] == ["BODY-EMPTY"]


# -- BODY-H1 ------------------------------------------------------------------


@pytest.mark.parametrize("heading", ["# Min overskrift", "   # Indrykket overskrift", "# Overskrift med lukning #"])
def test_h1_in_body(kb, heading):
    rel = write(kb, heading)
    [(line, col, msg)] = only(kb, "BODY-H1")
    assert (line, col) == (kb.line_of(rel, heading), 1)
    assert "'##'" in msg


@pytest.mark.parametrize(
    "text",
    ["#hashtag er ikke en overskrift", "```\n# en kommentar i kode\n```", "    # indrykket kode", "\\# ikke en overskrift", "`# kode`"],
    ids=["hashtag", "fenced-code", "indented-code", "escaped", "inline-code"],
)
def test_not_an_h1(kb, text):
    write(kb, text)
    assert kb.problems() == []


def test_setext_h1(kb):
    rel = write(kb, "Tekst før.\n\nMin overskrift\n==============")
    assert kb.codes() == [("BODY-H1", kb.line_of(rel, "Min overskrift"))]


def test_an_underline_is_not_the_text_of_a_second_heading(kb):
    rel = write(kb, "Tekst før.\n\nMin overskrift\n===\n===")
    assert kb.codes() == [("BODY-H1", kb.line_of(rel, "Min overskrift"))]


def test_setext_h2_counts_as_a_suggested_heading(kb):
    kb.write_case("krop", kb.front_matter(), kb.valid_body.replace("## Gode råd", "Gode råd\n--------"))
    assert kb.problems() == []


# -- BODY-HEADING -------------------------------------------------------------


def test_missing_suggested_heading_is_a_warning(kb):
    body = kb.valid_body.replace("## Gode råd", "## Andre tanker")
    kb.write_case("krop", kb.front_matter(), body)
    [p] = kb.problems()
    assert (p.code, p.severity, p.line, p.col) == ("BODY-HEADING", "warning", BODY_START, 1)
    assert "'Gode råd'" in p.message and "Overskriften " in p.message
    assert "krop" in kb.check().kb.cases  # a warning does not keep the case out


def test_all_missing_headings_are_named(kb):
    kb.write_case("krop", kb.front_matter(), "## Baggrund\n\nKun baggrund.\n")
    [p] = kb.problems()
    assert p.code == "BODY-HEADING" and p.severity == "warning"
    for heading in ("Målgruppe", "Sådan gjorde vi", "Resultater", "Det lærte vi", "Gode råd"):
        assert f"'{heading}'" in p.message
    assert "'Baggrund'" not in p.message


@pytest.mark.parametrize(
    ("old", "new"),
    [("## Gode råd", "## Gode råd:"), ("## Gode råd", "## GODE RÅD"), ("## Gode råd", "### Gode råd"), ("## Gode råd", "## Gode råd ##")],
    ids=["colon", "upper-case", "level-3", "closing-hashes"],
)
def test_heading_variants_count(kb, old, new):
    kb.write_case("krop", kb.front_matter(), kb.valid_body.replace(old, new))
    assert kb.problems() == []


def test_heading_inside_code_does_not_count(kb):
    body = kb.valid_body.replace("## Gode råd", "```\n## Gode råd\n```")
    kb.write_case("krop", kb.front_matter(), body)
    assert [p.code for p in kb.problems()] == ["BODY-HEADING"]
