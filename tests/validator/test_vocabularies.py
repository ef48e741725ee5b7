"""Vocabularies FriSe edits by pull request: municipalities, centres, target
groups, and the six topic files."""

from __future__ import annotations

import pytest

MUNICIPALITIES = "data/municipalities.yml"
CENTRES = "data/centres.yml"
TARGET_GROUPS = "data/target-groups.yml"


def problems_in(kb, prefix: str):
    return [(p.path, p.code, p.line, p.col) for p in kb.problems() if p.path.startswith(prefix)]


def edit(kb, rel: str, old: str, new: str) -> None:
    text = kb.read(rel)
    assert old in text, old
    kb.write(rel, text.replace(old, new, 1))


# -- DATA-MISSING -------------------------------------------------------------


@pytest.mark.parametrize("rel", [MUNICIPALITIES, CENTRES, TARGET_GROUPS])
def test_missing_data_file(kb, rel):
    kb.remove(rel)
    assert problems_in(kb, "data/") == [(rel, "DATA-MISSING", 0, 0)]
    [p] = [p for p in kb.problems() if p.path == rel]
    assert "gendan" in p.message


def test_without_centres_every_case_is_wrong_but_nothing_crashes(kb):
    kb.remove(CENTRES)
    assert sorted({p.code for p in kb.problems()}) == ["CASE-CENTRE", "DATA-MISSING"]


# -- DATA-SHAPE ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("rel", "text", "line", "col"),
    [
        (MUNICIPALITIES, "- København\n- Aarhus\n", 1, 1),
        (MUNICIPALITIES, "Region Hovedstaden: København\n", 1, 21),
        (CENTRES, "frivilligcenter-fjordby: Skive\n", 1, 1),
        (CENTRES, "- frivilligcenter-fjordby\n", 1, 3),
        (TARGET_GROUPS, "ensomme, unge\n", 1, 1),
        (TARGET_GROUPS, "# Alle målgrupper er slettet\n\n", 1, 1),
    ],
    ids=["municipalities-list", "region-not-a-list", "centres-mapping", "centre-not-a-mapping", "groups-text", "comments-only"],
)
def test_data_file_with_the_wrong_shape(kb, rel, text, line, col):
    kb.write(rel, text)
    assert [(r, c, ln, co) for r, c, ln, co in problems_in(kb, "data/")] == [(rel, "DATA-SHAPE", line, col)]


# -- DATA-FIELD, DATA-UNKNOWN-KEY, DATA-ID, DATA-DUPLICATE, DATA-MUNICIPALITY --


@pytest.mark.parametrize(
    ("rel", "old", "new", "code", "needle", "fragment"),
    [
        (CENTRES, "  name: Frivilligcenter Fjordby (eksempel)\n", "", "DATA-FIELD", "id: frivilligcenter-fjordby", "'name' mangler"),
        (CENTRES, "name: Frivilligcenter Fjordby (eksempel)", "name: 42", "DATA-FIELD", "42", "skal være en tekst"),
        (CENTRES, "website: https://fjordby.example.org/", "website: fjordby.example.org", "DATA-FIELD", "fjordby.example.org", "https://"),
        (CENTRES, "website: https://fjordby.example.org/", "website: javascript:alert(1)", "DATA-FIELD", "javascript", "https://"),
        (CENTRES, "  name: Frivilligcenter Fjordby", "  nmae: Frivilligcenter Fjordby", "DATA-UNKNOWN-KEY", "nmae", "Mente du 'name'?"),
        (CENTRES, "id: frivilligcenter-fjordby", "id: Frivilligcenter Åby", "DATA-ID", "Frivilligcenter Åby", "'frivilligcenter-aaby'"),
        (CENTRES, "id: frivilligcenter-nordvang", "id: frivilligcenter-fjordby", "DATA-DUPLICATE", ("frivilligcenter-fjordby", 2), "linje 2"),
        (CENTRES, "municipality: Skive", "municipality: Skiv", "DATA-MUNICIPALITY", "Skiv", "Mente du 'Skive'?"),
        (CENTRES, "municipality: Skive", "municipality: Odense", "DATA-MUNICIPALITY", "Odense", "data/municipalities.yml"),
        (MUNICIPALITIES, "  - Aarhus", "  - Gladsaxe", "DATA-DUPLICATE", ("Gladsaxe", 2), "'Gladsaxe' står to gange"),
        (MUNICIPALITIES, "  - Aarhus", "  - 8000", "DATA-FIELD", "8000", "et navn"),
        (TARGET_GROUPS, "  label: Unge i sårbare positioner", "  lable: Unge i sårbare positioner", "DATA-UNKNOWN-KEY", "lable", "Mente du 'label'?"),
        (TARGET_GROUPS, "- id: unge", "- id: ensomme", "DATA-DUPLICATE", ("ensomme", 2), "linje 2"),
        (TARGET_GROUPS, "- id: unge", "- id: unge_voksne", "DATA-ID", "unge_voksne", "'unge-voksne'"),
    ],
    ids=["centre-no-name", "centre-name-int", "website-no-scheme", "website-javascript", "centre-unknown-key", "centre-id",
         "centre-duplicate", "unknown-municipality", "municipality-elsewhere", "municipality-duplicate", "municipality-number",
         "group-unknown-key", "group-duplicate", "group-id"],
)
def test_bad_record(kb, rel, old, new, code, needle, fragment):
    edit(kb, rel, old, new)
    problems = [p for p in kb.problems() if p.path.startswith("data/")]
    if code == "DATA-UNKNOWN-KEY":  # the misspelt field is also reported missing
        assert [(p.path, p.code) for p in problems if p.code != "DATA-FIELD"] == [(rel, code)]
        problems = [p for p in problems if p.code == code]
    else:
        assert [(p.path, p.code) for p in problems] == [(rel, code)]
    needle, nth = needle if isinstance(needle, tuple) else (needle, 1)
    line, col = kb.position(rel, needle, nth)
    if needle.startswith("id: "):
        col = 3  # a missing field is reported at its record
    assert (problems[0].line, problems[0].col) == (line, col)
    assert fragment in problems[0].message


def test_broken_centre_makes_its_cases_fail(kb):
    edit(kb, CENTRES, "municipality: Skive", "municipality: Skiv")
    case_problems = [(p.path, p.code) for p in kb.problems() if p.path.startswith("cases/")]
    assert case_problems == [("cases/aaben-cafe.md", "CASE-CENTRE")]  # the only case of that centre


def test_new_centre_and_target_group_can_be_used(kb):
    kb.write(CENTRES, kb.read(CENTRES) + "- id: frivilligcenter-aarhus\n  name: Frivilligcenter Aarhus\n  municipality: Aarhus\n")
    kb.write(TARGET_GROUPS, kb.read(TARGET_GROUPS) + "- id: aeldre\n  label: Ældre\n")
    kb.write_case("ny", kb.front_matter(centre="frivilligcenter-aarhus", target_groups=["aeldre"]))
    result = kb.check()
    assert result.report.sorted() == []
    assert result.kb.centres["frivilligcenter-aarhus"].region == "Region Midtjylland"


@pytest.mark.parametrize(
    ("text", "code", "line", "col"),
    [
        ("- id: frivilligcenter-fjordby\n\tname: Fjordby\n", "YAML-TAB", 2, 1),
        ("- id: frivilligcenter-fjordby\n  id: frivilligcenter-nordvang\n", "YAML-DUPLICATE-KEY", 2, 3),
        ("- &c {id: frivilligcenter-fjordby, name: Fjordby, municipality: Skive}\n- *c\n", "YAML-ALIAS", 1, 3),
        ("- id: frivilligcenter-fjordby\n  name: 'Fjordby\n", "YAML-SYNTAX", 2, 9),
    ],
    ids=["tab", "duplicate-key", "alias", "unclosed-quote"],
)
def test_yaml_errors_in_data_files_have_file_lines(kb, text, code, line, col):
    kb.write(CENTRES, text)
    assert problems_in(kb, "data/") == [(CENTRES, code, line, col)]


# -- TOPIC-MISSING and TOPIC-UNKNOWN -----------------------------------------


@pytest.mark.parametrize("theme", ["kendskab", "matchning", "vejen-ind", "velkomst", "tilpasning", "samarbejde"])
def test_missing_topic_file(kb, theme):
    kb.remove(f"topics/{theme}.md")
    result = kb.check()
    problems = [(p.path, p.code, p.line) for p in result.report.sorted() if p.path.startswith("topics/")]
    assert problems == [(f"topics/{theme}.md", "TOPIC-MISSING", 0)]
    assert theme not in result.kb.themes


@pytest.mark.parametrize(("name", "suggestion"), [("velkomsten", "velkomst"), ("vejen_ind", "vejen-ind"), ("README", None)])
def test_unknown_topic_file(kb, name, suggestion):
    kb.write(f"topics/{name}.md", kb.read("topics/velkomst.md"))
    [p] = kb.problems()
    assert (p.path, p.code, p.line) == (f"topics/{name}.md", "TOPIC-UNKNOWN", 0)
    assert ("Mente du '%s'?" % suggestion in p.message) if suggestion else ("Mente du" not in p.message)
    assert "kendskab, matchning, vejen-ind, velkomst, tilpasning, samarbejde" in p.message


# -- TOPIC-FIELD --------------------------------------------------------------


@pytest.mark.parametrize(
    ("old", "new", "needle", "fragment"),
    [
        ("title: Den gode velkomst", "titel: Den gode velkomst", "titel", "Mente du 'title'?"),
        ("title: Den gode velkomst\n", "", None, "'title'"),
        ("question: Hvordan skabe den gode og trygge velkomst?", "question: 42", "42", "'question'"),
        ("question: Hvordan skabe den gode og trygge velkomst?", "question: ''", "''", "'question'"),
        ("guiding_questions:\n  - Hvad ved vi allerede om temaet i vores eget center?\n  - Hvem kan vi lære af i netværket?",
         "guiding_questions: Hvad ved vi?", "Hvad ved vi?", "1–8 spørgsmål"),
        ("guiding_questions:\n  - Hvad ved vi allerede om temaet i vores eget center?\n  - Hvem kan vi lære af i netværket?",
         "guiding_questions: []", "[]", "1–8 spørgsmål"),
        ("guiding_questions:\n  - Hvad ved vi allerede om temaet i vores eget center?\n  - Hvem kan vi lære af i netværket?",
         "guiding_questions: [" + ", ".join(f"Spørgsmål {i}?" for i in range(9)) + "]", "[", "1–8 spørgsmål"),
    ],
    ids=["unknown-key", "no-title", "question-int", "question-empty", "questions-text", "questions-empty", "nine-questions"],
)
def test_bad_topic_field(kb, old, new, needle, fragment):
    rel = "topics/velkomst.md"
    edit(kb, rel, old, new)
    result = kb.check()
    p = result.report.sorted()[-1] if needle == "titel" else result.report.sorted()[0]  # 'titel': also "title mangler"
    assert {(q.path, q.code) for q in result.report.sorted()} == {(rel, "TOPIC-FIELD")}
    assert (p.line, p.col) == (kb.position(rel, needle) if needle else (1, 1))
    assert fragment in p.message
    assert "velkomst" not in result.kb.themes


def test_topic_without_intro(kb):
    rel = "topics/velkomst.md"
    kb.write(rel, kb.read(rel).split("\n---\n")[0] + "\n---\n\n")
    [p] = kb.problems()
    assert (p.path, p.code, p.line, p.col) == (rel, "TOPIC-FIELD", 8, 1)  # the line after the closing '---'
    assert "introduktion" in p.message


@pytest.mark.parametrize(
    ("text", "code", "line"),
    [
        ("Bare en tekst om velkomst.\n", "FM-MISSING", 1),
        ("---\ntitle: Den gode velkomst\n", "FM-UNTERMINATED", 1),
        ("---\n---\nIntro.\n", "FM-MISSING", 1),
        ("---\n- title\n- question\n---\nIntro.\n", "FM-NOT-MAPPING", 2),
        ("---\ntitle: 'Den gode velkomst\n---\nIntro.\n", "YAML-SYNTAX", 2),
        ("", "FILE-EMPTY", 0),
        (b"---\ntitle: Den gode velkomst\n---\n\xe6\n", "FILE-ENCODING", 4),
    ],
    ids=["no-front-matter", "unterminated", "empty-front-matter", "list", "yaml", "empty-file", "latin-1"],
)
def test_broken_topic_file(kb, text, code, line):
    kb.write("topics/velkomst.md", text)
    result = kb.check()
    assert [(p.path, p.code, p.line) for p in result.report.sorted()] == [("topics/velkomst.md", code, line)]
    assert "velkomst" not in result.kb.themes


def test_topics_are_loaded(kb):
    themes = kb.check().kb.themes
    assert sorted(themes) == sorted(["kendskab", "matchning", "vejen-ind", "velkomst", "tilpasning", "samarbejde"])
    assert themes["velkomst"].title == "Den gode velkomst"
    assert len(themes["velkomst"].guiding_questions) == 2
