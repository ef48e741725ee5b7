"""Property tests: whatever a contributor writes, `check()` answers with
problems that point into the file, never with an exception."""

from __future__ import annotations

import re
import tempfile
from pathlib import Path

import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from brobyg.problems import ERROR, WARNING, Problem
from brobyg.schema.cases import CASES, CONTACT
from tests.conftest import copy_fixture

REL = "cases/tilfaeldig.md"
CODE_RE = re.compile(r"^(FILE|FM|YAML|CASE|BODY|PRIVACY|DATA|TOPIC)-[A-Z0-9-]+$")
SETTINGS = settings(max_examples=200, deadline=None)

real_keys = list(CASES.keys) + list(CONTACT.parts) + ["start", "end", "id", "label"]
keys = st.one_of(st.sampled_from(real_keys), st.text(max_size=12))
scalars = st.one_of(
    st.text(max_size=40),
    st.sampled_from(["public", "members", "velkomst", "vejen-ind", "ensomme", "frivilligcenter-fjordby", "2024-13", "2025-02-30",
                     "010190-1234", "a@b.dk", "12 34 56 78", "[x](../../x.md)", "<script>", "{start: 2024-01}"]),
    st.integers(min_value=-(10**30), max_value=10**30),
    st.booleans(),
    st.none(),
    st.dates(),
    st.datetimes(),
    st.floats(allow_nan=True, allow_infinity=True),
)
values = st.recursive(scalars, lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(keys, inner, max_size=4)), max_leaves=25)
front_matters = st.dictionaries(keys, values, max_size=14)

yaml_chars = st.sampled_from(list(":-[]{}&*!|>'\"#%@`,?.~ \n\n\n\t\\") + ["  ", "- ", ": ", "---", "...", "!!", "<<", "&a", "*a",
                                                                          "title", "themes", "2025-03-01", "æøå", "\x85", "\u2028", "\ufeff"])
raw_yaml = st.one_of(st.text(max_size=200), st.lists(yaml_chars, max_size=80).map("".join))

body_tokens = st.sampled_from(
    ["\n", "\n\n", " ", "## Baggrund", "# ", "[", "]", "(", ")", "![", "<", ">", "</", "<!", "<![", "<!--", "-->", "<?", "{", "}", "{:",
     "`", "```", "~~~", "a", "æ", "foelgeven.md", "../", "/", "#", "javascript:", "&#x09;", "\"", "'", "=", "onclick", "img", "src",
     "alt", "href", "a ", "script", "010190-1234", "@", "x.dk", "12 34 56 78", "\t", "\\", "%00", "|", "*", "_"]
)
bodies = st.one_of(st.text(max_size=300), st.lists(body_tokens, max_size=120).map("".join))


def assert_well_formed(problems, text: str) -> None:
    assert isinstance(problems, list)
    last_line = text.count("\n") + 2
    for p in problems:
        assert isinstance(p, Problem)
        assert p.path == REL, p  # nothing else in the knowledge base changed
        assert CODE_RE.match(p.code), p
        assert p.severity in (ERROR, WARNING)
        assert isinstance(p.message, str) and p.message.strip()
        assert 0 <= p.line <= last_line, p
        assert p.col >= 0 and (p.line or not p.col), p
        assert "Traceback" not in p.message


def run_property(test, strategy) -> None:
    """Run a Hypothesis property against one throw-away copy of the fixture."""
    with tempfile.TemporaryDirectory() as tmp:
        kb = copy_fixture("minimal", Path(tmp) / "kb")

        @SETTINGS
        @given(strategy)
        def prop(example):
            test(kb, example)

        prop()


def _write_and_check(kb, text: str) -> None:
    kb.write(REL, text)
    assert_well_formed(kb.check().report.sorted(), text)


def test_random_front_matter_dicts_never_raise():
    def test(kb, fm):
        _write_and_check(kb, "---\n" + yaml.safe_dump(fm, allow_unicode=True, sort_keys=False) + "---\n\n" + kb.valid_body)

    run_property(test, front_matters)


def test_random_front_matter_text_never_raises():
    def test(kb, raw):
        _write_and_check(kb, "---\n" + raw + "\n---\n\n" + kb.valid_body)

    run_property(test, raw_yaml)


def test_random_body_never_raises():
    def test(kb, body):
        _write_and_check(kb, kb.case_text(body=body))

    run_property(test, bodies)


def test_valid_front_matter_with_random_extra_text_fields_is_judged_not_crashed():
    """Real keys with random text values: each either passes or gets its own code."""

    def test(kb, changes):
        fm = kb.front_matter(**changes)
        text = kb.case_text(fm)
        kb.write(REL, text)
        problems = kb.check().report.sorted()
        assert_well_formed(problems, text)
        own = {"title": "CASE-TITLE", "summary": "CASE-SUMMARY", "centre": "CASE-CENTRE", "visibility": "CASE-VISIBILITY"}
        for p in problems:
            assert p.code in set(own.values()) | {"PRIVACY-CPR", "PRIVACY-EMAIL", "PRIVACY-PHONE", "YAML-SYNTAX"}, p

    run_property(test, st.dictionaries(st.sampled_from(["title", "summary", "centre", "visibility"]), st.text(max_size=130), min_size=1))
