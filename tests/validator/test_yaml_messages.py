"""YAML mistakes are reported in Danish, on the line of the mistake, with the
hint that fits that mistake (not the words libyaml happened to stop at)."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.conftest import VALID_BODY, VALID_YAML

SUMMARY = "summary: Et ugentligt, uforpligtende caféformat, hvor borgere kan møde foreningerne."

# libyaml's own words: none may reach a contributor.
ENGLISH = re.compile(r"mapping|expected|found|while|scanning|parsing|token|stream|could not|context|indicator", re.I)


def yaml_problems(kb, yaml_text: str):
    rel = kb.write_case("fm", yaml_text)
    problems = [p for p in kb.problems() if p.code.startswith(("YAML", "FM"))]
    return rel, problems


def assert_one_at(kb, yaml_text: str, needle: str, hint: str, code: str = "YAML-SYNTAX", nth: int = 1):
    rel, problems = yaml_problems(kb, yaml_text)
    assert len(problems) == 1, [p.as_text() for p in problems]
    p = problems[0]
    assert p.code == code, p.as_text()
    assert p.line == kb.line_of(rel, needle, nth), (p.as_text(), kb.read(rel).split("\n")[p.line - 1])
    assert hint in p.message, p.message
    assert not ENGLISH.search(p.message), p.message
    return p


@pytest.mark.parametrize(
    ("old", "new", "needle", "hint"),
    [
        # the colon without a space: libyaml fails a line later, at the next key
        ("title: Åben", "title:Åben", "title:Åben", "mellemrum efter kolon"),
        ("centre: frivilligcenter", "centre:frivilligcenter", "centre:frivilligcenter", "mellemrum efter kolon"),
        ("published: 2025-03-01", "published:2025-03-01", "published:", "mellemrum efter kolon"),
        # a list dash without a space, as the first, a middle or the only item
        ("themes: [vejen-ind, velkomst]", "themes:\n  -vejen-ind\n  - velkomst", "-vejen-ind", "bindestregen"),
        ("themes: [vejen-ind, velkomst]", "themes:\n  - velkomst\n  -vejen-ind", "-vejen-ind", "bindestregen"),
        ("target_groups: [ensomme]", "target_groups:\n  -ensomme", "-ensomme", "bindestregen"),
        # a '>-' text whose lines are not indented
        (SUMMARY, "summary: >-\nEt ugentligt, uforpligtende caféformat,\nhvor borgere kan møde foreningerne.", "Et ugentligt", "rykkes ind"),
        (SUMMARY, "summary: >-\nEt ugentligt, uforpligtende caféformat, hvor borgere kan møde foreningerne.", "Et ugentligt", "rykkes ind"),
        # a no-break space after the colon, in the indentation, after a dash
        ("centre: frivilligcenter", "centre:\u00a0frivilligcenter", "centre:", "U+00A0"),
        ("title: Åben", "title:\u00a0Åben", "title:", "U+00A0"),
        ("themes: [vejen-ind, velkomst]", "themes:\n\u00a0 - vejen-ind\n  - velkomst", "- vejen-ind", "U+00A0"),
        ("themes: [vejen-ind, velkomst]", "themes:\n  -\u00a0vejen-ind\n  - velkomst", "vejen-ind", "U+00A0"),
        # a key without its colon
        ("centre: frivilligcenter", "centre frivilligcenter", "centre frivilligcenter", "mangler et kolon efter 'centre'"),
        ("published: 2025-03-01", "published 2025-03-01", "published 2025", "mangler et kolon efter 'published'"),
        # a value that starts with a quoted phrase
        ("title: Åben café som første skridt", 'title: "Café" for alle', "title:", "anførselstegn af den anden slags"),
        ("title: Åben café som første skridt", "title: 'Café' for alle", "title:", "anførselstegn af den anden slags"),
        # a key indented under the previous one
        ("visibility: public", "visibility: public\n  published: 2025-03-01", "published:", "Ryk 'published:' ud"),
        # a text continued on an unindented line
        (SUMMARY, "summary: Et ugentligt, uforpligtende caféformat,\nhvor borgere kan møde foreningerne.", "hvor borgere", "Ryk den ind"),
        # a plain text cut short by ' #', with a second line that then hangs in the air
        (SUMMARY, "summary: Et ugentligt, uforpligtende caféformat #sammen\n  hvor borgere kan møde foreningerne.", "#sammen", "kommentar"),
        # a list on the key's own line
        ("themes: [vejen-ind, velkomst]", "themes: - velkomst", "themes:", "samme linje som feltet"),
        # text after the block indicator
        (SUMMARY, "summary: >- Et ugentligt, uforpligtende caféformat,\n  hvor borgere kan møde foreningerne.", "summary:", "næste linje"),
        # a backslash in double quotes
        ("title: Åben café som første skridt", 'title: "Café C:\\Users\\lise"', "title:", "'\\'"),
        # a flow mapping with 'start:2024-01'
        ("published: 2025-03-01", "published: 2025-03-01\nperiod: {start:2024-01}", "period:", "mellemrum efter kolon"),
        # a contact field with 'name:Lise'
        ("published: 2025-03-01", "published: 2025-03-01\ncontact:\n  name:Lise Holm", "name:Lise", "mellemrum efter kolon"),
        ("published: 2025-03-01", "published: 2025-03-01\ncontact:\n  name:Lise Holm\n  role: Brobygger", "name:Lise", "mellemrum efter kolon"),
    ],
    ids=[
        "colon-no-space-first", "colon-no-space-middle", "colon-no-space-last",
        "dash-first", "dash-last", "dash-only",
        "block-unindented", "block-unindented-one-line",
        "nbsp-after-colon", "nbsp-after-first-colon", "nbsp-indent", "nbsp-after-dash",
        "missing-colon", "missing-colon-last",
        "quoted-start-double", "quoted-start-single",
        "indented-key", "unindented-continuation", "comment-cut", "dash-on-key-line", "text-after-indicator",
        "backslash", "flow-no-space", "nested-no-space-last", "nested-no-space",
    ],
)
def test_yaml_mistake_on_its_line_with_its_hint(kb, old, new, needle, hint):
    assert old in VALID_YAML
    assert_one_at(kb, VALID_YAML.replace(old, new), needle, hint)


def test_hint_does_not_ask_for_a_colon_that_is_there(kb):
    for text in ("centre:frivilligcenter-fjordby", "centre:\u00a0frivilligcenter-fjordby"):
        _, [p] = yaml_problems(kb, VALID_YAML.replace("centre: frivilligcenter-fjordby", text))
        assert "Mangler der et kolon" not in p.message and "mangler et kolon" not in p.message, p.message


def test_quoted_phrase_is_not_called_an_indentation_problem(kb):
    _, [p] = yaml_problems(kb, VALID_YAML.replace("title: Åben café som første skridt", 'title: "Café" for alle'))
    assert "Indrykningen" not in p.message
    assert "title: '\"Café\" for alle'" in p.message  # the fix, ready to copy


def test_quoted_fix_passes(kb):
    kb.write_case("fm", VALID_YAML.replace("title: Åben café som første skridt", "title: '\"Café\" for alle'"))
    assert kb.problems() == []


def test_error_in_second_line_of_a_multiline_summary(kb):
    for second in ("  hvor borgere: kan møde foreningerne.", "  hvor \"borgere\" kan møde foreningerne.\""):
        opening = "summary: \"" if second.endswith('"') else "summary: "
        text = VALID_YAML.replace(SUMMARY, f"{opening}Et ugentligt, uforpligtende caféformat,\n{second}")
        rel, [p] = yaml_problems(kb, text)
        assert p.line == kb.line_of(rel, "hvor"), p.as_text()


def test_block_summary_lines_indented_unevenly(kb):
    text = VALID_YAML.replace(SUMMARY, "summary: >-\n  Et ugentligt, uforpligtende caféformat,\n hvor borgere kan møde foreningerne.")
    assert_one_at(kb, text, " hvor borgere", "lige langt ind")


# -- a missing closing '---' -------------------------------------------------


@pytest.mark.parametrize(
    "body",
    [
        VALID_BODY.replace("## Målgruppe", "---\n\n## Målgruppe"),  # a divider after the first section
        "Vi startede i 2020 med en café.\n\n---\n\n" + VALID_BODY,  # a paragraph before the divider
        "## Baggrund\n\n---\n\n" + VALID_BODY,  # only a heading before the divider
    ],
    ids=["heading-then-divider", "paragraph-then-divider", "heading-only"],
)
def test_missing_closing_fence_with_a_divider_in_the_body(kb, body):
    kb.write("cases/fm.md", "---\n" + VALID_YAML + "\n" + body)
    problems = kb.problems()
    assert [(p.code, p.line) for p in problems] == [("FM-UNTERMINATED", kb.line_of("cases/fm.md", "published:"))]
    msg = problems[0].message
    divider = kb.read("cases/fm.md").split("\n").index("---", 1) + 1
    assert f"linje {divider}" in msg and "skillelinje" in msg


def test_divider_in_a_properly_closed_case_passes(kb):
    kb.write_case("fm", VALID_YAML, VALID_BODY.replace("## Målgruppe", "---\n\n## Målgruppe"))
    assert kb.problems() == []


def test_yaml_comment_that_looks_like_a_heading_between_fields_passes(kb):
    kb.write_case("fm", VALID_YAML.replace("visibility: public", "## Synlighed\nvisibility: public"))
    assert kb.problems() == []


# -- Danish only ----------------------------------------------------------------

BROKEN = [
    "themes: [vejen-ind, velkomst]]\n", "title: 'Caf'e'\n", "a:\n  b: 1\n c: 2\n", "title: x\n: y\n", "- a\nb: 1\n",
    "a: 1\n- b\n", "a: |\n  x\n y\n", 'a: "abc" "def"\n', "a: [x, {b: 1]\n", "a: {b: 1\nc: 2\n", "%YAML 2.0\n---\na: 1\n",
    "a: %hej\n", "title: x\n?y\n", "a: b: c\n", "themes: [a,, b]\n", "a: 'x\n", "a: ]\n", "title: @x\n", "title: `x`\n",
    "a: &\n", "a: !x\n",
]


@pytest.mark.parametrize("text", BROKEN)
def test_every_yaml_message_is_danish(kb, text):
    rel, problems = yaml_problems(kb, text)
    assert problems, text
    for p in problems:
        assert not ENGLISH.search(p.message), p.as_text()
        assert not p.message.startswith("Ugyldig YAML ("), p.as_text()  # no '(libyaml's words)'


# -- the class, not the examples: a mistake anywhere is reported on its line ----

FIELDS = [
    ("title", "Åben café som første skridt"),
    ("summary", "Et ugentligt, uforpligtende caféformat, hvor borgere kan møde foreningerne."),
    ("centre", "frivilligcenter-fjordby"),
    ("themes", ["vejen-ind", "velkomst"]),
    ("target_groups", ["ensomme", "psykisk-saarbare"]),
    ("visibility", "public"),
    ("published", "2025-03-01"),
    ("partners", ["Fjordby Kommune", "Jobcenter Fjordby"]),
]


def layout(order: list[int], block_lists: bool, folded_summary: bool) -> list[str]:
    lines = []
    for i in order:
        key, value = FIELDS[i]
        if isinstance(value, list):
            if block_lists:
                lines += [f"{key}:"] + [f"  - {v}" for v in value]
            else:
                lines.append(f"{key}: [{', '.join(value)}]")
        elif key == "summary" and folded_summary:
            lines += ["summary: >-", "  Et ugentligt, uforpligtende caféformat,", "  hvor borgere kan møde foreningerne."]
        else:
            lines.append(f"{key}: {value}")
    return lines


MUTATIONS = {
    # name: (applies to line?, mutate line, hint)
    "colon-space": (lambda ln: re.match(r"^[a-z_]+: \S", ln), lambda ln: ln.replace(": ", ":", 1), "mellemrum efter kolon"),
    "nbsp": (lambda ln: re.match(r"^[a-z_]+: \S", ln), lambda ln: ln.replace(": ", ":\u00a0", 1), "U+00A0"),
    "dash": (lambda ln: ln.startswith("  - "), lambda ln: ln.replace("- ", "-", 1), "bindestregen"),
    "missing-colon": (lambda ln: re.match(r"^[a-z_]+: [^\[>]", ln), lambda ln: ln.replace(": ", " ", 1), "mangler et kolon"),
    "unindent-block": (lambda ln: ln.startswith("  Et ugentligt"), lambda ln: ln.lstrip(), "rykkes ind"),
    "quoted-start": (lambda ln: re.match(r"^(title|summary): [A-ZÆØÅ]", ln),
                     lambda ln: re.sub(r": (\w+)", r': "\1"', ln, count=1), "anførselstegn af den anden slags"),
}


@settings(max_examples=150, deadline=None)
@given(
    order=st.permutations(range(len(FIELDS))),
    block_lists=st.booleans(),
    folded_summary=st.booleans(),
    mutation=st.sampled_from(sorted(MUTATIONS)),
    pick=st.integers(min_value=0, max_value=100),
)
def test_any_such_mistake_is_reported_on_its_line(tmp_path_factory, order, block_lists, folded_summary, mutation, pick):
    from tests.conftest import copy_fixture

    applies, mutate, hint = MUTATIONS[mutation]
    lines = layout(list(order), block_lists, folded_summary)
    candidates = [i for i, ln in enumerate(lines) if applies(ln)]
    if not candidates:
        return
    target = candidates[pick % len(candidates)]
    lines[target] = mutate(lines[target])
    kb = copy_fixture("minimal", tmp_path_factory.mktemp("kb") / "kb")
    kb.write_case("fm", "\n".join(lines) + "\n")
    problems = kb.problems()
    yaml_ones = [p for p in problems if p.code == "YAML-SYNTAX"]
    assert len(yaml_ones) == 1, ("\n".join(lines), [p.as_text() for p in problems])
    p = yaml_ones[0]
    assert p.line == target + 2, ("\n".join(lines), p.as_text())
    assert hint in p.message, p.message
    assert not ENGLISH.search(p.message), p.message
