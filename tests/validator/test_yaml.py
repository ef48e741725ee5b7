"""The YAML inside front matter: syntax, and what we refuse (rules/yaml.py)."""

from __future__ import annotations

import pytest

from tests.validator.test_frontmatter import VALID_YAML, write


def located(problems, code):
    return [(p.line, p.col) for p in problems if p.code == code]


def test_valid_yaml_passes(kb):
    write(kb, VALID_YAML)
    assert kb.problems() == []


# -- YAML-SYNTAX --------------------------------------------------------------


@pytest.mark.parametrize(
    ("old", "new", "line", "col", "hint"),
    [
        # unclosed quote: point at the opening quote, not at the end of the front matter
        ("title: Åben café som første skridt", 'title: "Åben café som første skridt', 2, 8, "anførselstegn"),
        # unclosed list: point at its '['
        ("themes: [vejen-ind, velkomst]", "themes: [vejen-ind, velkomst", 5, 9, "']'"),
        # ': ' inside an unquoted text
        ("summary: Et ugentligt,", "summary: Mødested: Et ugentligt,", 3, 18, "anførselstegn"),
        # a value may not start with '@' or '`'
        ("centre: frivilligcenter-fjordby", "centre: @fjordby", 4, 9, "'@'"),
        ("title: Åben café som første skridt", "title: `Åben` café", 2, 8, "'`'"),
        # a key indented differently from its siblings
        ("visibility: public", "visibility: public\n  published: 2025-03-01", 8, 12, "anførselstegn"),
        # a second YAML document
        ("published: 2025-03-01", "published: 2025-03-01\n--- ekstra", 9, 1, "'---'"),
    ],
    ids=["unclosed-quote", "unclosed-list", "colon-in-text", "at-sign", "backtick", "indentation", "two-documents"],
)
def test_yaml_syntax_error_at_the_right_place(kb, old, new, line, col, hint):
    assert old in VALID_YAML
    write(kb, VALID_YAML.replace(old, new))
    problems = kb.problems()
    assert [(p.code, p.line, p.col) for p in problems] == [("YAML-SYNTAX", line, col)]
    assert hint in problems[0].message
    assert "YAML" in problems[0].message


def test_quoting_fixes_the_colon(kb):
    write(kb, VALID_YAML.replace("summary: Et ugentligt,", 'summary: "Mødested: Et ugentligt,') .replace("foreningerne.", 'foreningerne."'))
    assert kb.problems() == []


# -- YAML-TAB -----------------------------------------------------------------


@pytest.mark.parametrize(("indent", "col"), [("\t", 1), ("  \t", 3)])
def test_tab_indentation(kb, indent, col):
    write(kb, VALID_YAML + f"contact:\n{indent}name: Lise Holm\n")
    problems = kb.problems()
    assert [(p.code, p.line, p.col) for p in problems] == [("YAML-TAB", 10, col)]
    assert "mellemrum" in problems[0].message


def test_space_indentation_passes(kb):
    write(kb, VALID_YAML + "contact:\n  name: Lise Holm\n")
    assert kb.problems() == []


# -- YAML-DUPLICATE-KEY -------------------------------------------------------


def test_duplicate_key(kb):
    write(kb, VALID_YAML + "title: En anden titel på casen\n")
    problems = kb.problems()
    assert [(p.code, p.line, p.col) for p in problems] == [("YAML-DUPLICATE-KEY", 9, 1)]
    assert "'title'" in problems[0].message and "linje 2" in problems[0].message


def test_duplicate_key_in_nested_mapping(kb):
    write(kb, VALID_YAML + "contact:\n  name: Lise Holm\n  role: Brobygger\n  name: Lise\n")
    assert located(kb.problems(), "YAML-DUPLICATE-KEY") == [(12, 3)]


def test_same_key_in_different_mappings_passes(kb):
    write(kb, VALID_YAML + "period: {start: 2024-01}\ncontact: {name: Lise Holm}\n")
    assert kb.problems() == []


# -- YAML-ALIAS ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("old", "new", "line", "col"),
    [
        ("themes: [vejen-ind, velkomst]", "themes: &temaer [vejen-ind, velkomst]", 5, 9),
        ("target_groups: [ensomme]", "target_groups: *grupper", 6, 16),
        ("centre: frivilligcenter-fjordby", "centre: &c frivilligcenter-fjordby", 4, 9),
    ],
    ids=["anchor", "undefined-alias", "anchored-scalar"],
)
def test_anchors_and_aliases_are_refused(kb, old, new, line, col):
    write(kb, VALID_YAML.replace(old, new))
    problems = kb.problems()
    assert [(p.code, p.line, p.col) for p in problems] == [("YAML-ALIAS", line, col)]
    assert "anførselstegn" in problems[0].message


def test_billion_laughs_is_refused_at_the_first_anchor(kb):
    lol = "a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"
    lol += "".join(f"{c}: &{c} [{', '.join(['*' + p] * 9)}]\n" for p, c in zip("abcdefgh", "bcdefghi"))
    write(kb, lol)
    assert [(p.code, p.line, p.col) for p in kb.problems()] == [("YAML-ALIAS", 2, 4)]


def test_merge_key_is_refused(kb):
    write(kb, "base: &base {centre: frivilligcenter-fjordby}\n<<: *base\n" + VALID_YAML.replace("centre: frivilligcenter-fjordby\n", ""))
    assert [(p.code, p.line) for p in kb.problems()] == [("YAML-ALIAS", 2)]


def test_quoted_star_is_plain_text(kb):
    write(kb, VALID_YAML.replace("title: Åben café som første skridt", "title: '*Ny* café & bar'"))
    assert kb.problems() == []


# -- YAML-TAG -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("line_text", "col", "tag"),
    [
        ("example: !!python/object/apply:os.system ['echo hej']", 10, "python/object/apply:os.system"),
        ("partners: !tekst [Jobcenter]", 11, "!tekst"),
        ("example: !!bool true", 10, "bool"),
    ],
)
def test_tags_are_refused(kb, line_text, col, tag):
    write(kb, VALID_YAML + line_text + "\n")
    problems = kb.problems()
    assert [(p.code, p.line, p.col) for p in problems] == [("YAML-TAG", 9, col)]
    assert tag in problems[0].message


def test_untagged_value_passes(kb):
    write(kb, VALID_YAML + "example: true\n")
    assert kb.problems() == []


# -- YAML-DEPTH ---------------------------------------------------------------


@pytest.mark.parametrize(("opener", "col"), [("[", 18), ("{a: ", 39)])
def test_deeply_nested_yaml(kb, opener, col):
    write(kb, VALID_YAML + "partners: " + opener * 10_000 + "\n")
    problems = kb.problems()
    # The front matter itself is level 1; 'partners' opens levels 2..8, its 8th opener is too deep.
    assert [(p.code, p.line, p.col) for p in problems] == [("YAML-DEPTH", 9, col)]
    assert "8 niveauer" in problems[0].message


def test_deep_block_mapping(kb):
    nested = "contact:\n" + "".join("  " * i + f"n{i}:\n" for i in range(1, 12))
    write(kb, VALID_YAML + nested)
    assert located(kb.problems(), "YAML-DEPTH") == [(9 + 8, 2 * 8 + 1)]


def test_legal_nesting_passes(kb):
    write(kb, VALID_YAML + "contact: {name: Lise Holm, role: Brobygger}\nperiod: {start: 2024-01, end: 2024-12}\n")
    assert kb.problems() == []


# -- YAML-KEY -----------------------------------------------------------------


@pytest.mark.parametrize(("text", "line", "col"), [("? [a, b]\n: x\n", 9, 3), ("[title]: x\n", 9, 1), ("{a: 1}: x\n", 9, 1)])
def test_key_that_is_not_a_word(kb, text, line, col):
    write(kb, VALID_YAML + text)
    problems = kb.problems()
    assert [(p.code, p.line, p.col) for p in problems] == [("YAML-KEY", line, col)]
