"""Front matter fences, and front matter that is not a mapping (rules/frontmatter.py)."""

from __future__ import annotations

import pytest

from tests.conftest import VALID_YAML


def write(kb, yaml_text: str, body: str | None = None) -> str:
    return kb.write_case("fm", yaml_text, body)


def test_valid_yaml_passes(kb):
    write(kb, VALID_YAML)
    assert kb.problems() == []


# -- fences -------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        VALID_YAML + "\n## Baggrund\n",  # no fences at all
        "\n---\n" + VALID_YAML + "---\n\n## Baggrund\n",  # blank line before the fence
        "--- \n---\n\n## Baggrund\n",  # empty front matter
        "---\n# Kun en kommentar\n\n---\n\n## Baggrund\n",  # nothing but a comment
        "## Baggrund\n\n---\n" + VALID_YAML + "---\n",  # front matter not at the top
    ],
    ids=["no-fence", "blank-first-line", "empty", "comment-only", "not-first"],
)
def test_missing_front_matter(kb, text):
    kb.write("cases/fm.md", text)
    problems = kb.problems()
    assert [(p.code, p.line, p.col) for p in problems] == [("FM-MISSING", 1, 1)]
    assert "templates/case.md" in problems[0].message


def test_unterminated_front_matter(kb):
    kb.write("cases/fm.md", "---\n" + VALID_YAML + "\n## Baggrund\n\nTekst.\n")
    problems = kb.problems()
    # On the last field, after which the '---' is missing; not at the body's heading.
    assert [(p.code, p.line, p.col) for p in problems] == [("FM-UNTERMINATED", 8, len("published: 2025-03-01") + 1)]
    assert "'---'" in problems[0].message and "linje 8" in problems[0].message


def test_unterminated_front_matter_without_a_body(kb):
    kb.write("cases/fm.md", "---\n" + VALID_YAML)
    assert [(p.code, p.line, p.col) for p in kb.problems()] == [("FM-UNTERMINATED", 1, 1)]


def test_yaml_end_marker_closes_front_matter(kb):
    kb.write("cases/fm.md", "---\n" + VALID_YAML + "...\n\n" + kb.valid_body)
    assert kb.problems() == []


@pytest.mark.parametrize(
    "yaml_text",
    ["- title: Åben café\n- summary: En tekst\n", "Bare en tekst om caféen\n", "~\n", "[vejen-ind, velkomst]\n", "2025\n"],
    ids=["list", "text", "null", "flow-list", "number"],
)
def test_front_matter_that_is_not_a_mapping(kb, yaml_text):
    write(kb, yaml_text)
    problems = kb.problems()
    assert [(p.code, p.line, p.col) for p in problems] == [("FM-NOT-MAPPING", 2, 1)]
    assert "navn: værdi" in problems[0].message
