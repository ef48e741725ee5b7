"""The rule registry: every rule's failing example fails and its passing
example passes, through the real `check`; each code is written once."""

from __future__ import annotations

import re

import pytest

from brobyg.problems import ERROR, WARNING
from brobyg.validate.rules import FAMILIES, families, registry
from tests.conftest import REPO, copy_fixture
from tests.validator.test_codes import CODE

RULES = [rule for _, _, rules in families() for rule in rules]


def test_every_declared_rule_is_in_a_family_module():
    assert len(RULES) == len(registry()) >= 50
    assert {r.family for r in RULES} == set(FAMILIES)


def test_the_tests_mirror_the_rule_families():
    here = REPO / "tests" / "validator"
    assert [f for f in FAMILIES if not (here / f"test_{f}.py").is_file()] == []


CHECKED = [rule for rule in RULES if rule.stage == "check"]  # build-stage guards are tested by real builds


def test_build_stage_rules_are_few():
    assert sorted(r.code for r in RULES if r.stage != "check") == ["BODY-UNVETTED", "FILE-DERIVED"]


@pytest.mark.parametrize("rule", CHECKED, ids=[f"{r.family}:{r.code}" for r in CHECKED])
def test_failing_example_fails_and_passing_example_passes(kb, tmp_path, rule):
    rule.bad.apply(kb.root)
    codes = {p.code for p in kb.problems(*rule.bad.paths)}
    assert rule.code in codes, f"{rule.code}'s failing example reports {sorted(codes)}"
    fixed = copy_fixture("minimal", tmp_path / "fixed")
    rule.good.apply(fixed.root)
    assert [p.as_text() for p in fixed.problems(*rule.good.paths)] == [], f"{rule.code}'s passing example"


@pytest.mark.parametrize("rule", RULES, ids=[r.code for r in RULES])
def test_rule_explains_itself_in_danish(rule):
    assert rule.severity in (ERROR, WARNING)
    assert re.fullmatch(CODE, rule.code)
    for text in (rule.title, rule.what, rule.why, rule.fix):
        assert text.strip() and text == text.strip()
    for text in (rule.what, rule.why, rule.fix):
        assert text.endswith((".", ")")), text
    assert rule.bad.shown.strip() and rule.good.shown.strip()


def test_each_code_is_written_once_where_its_rule_is_declared():
    written: dict[str, list[str]] = {}
    for path in sorted((REPO / "brobyg").rglob("*.py")):
        for code in re.findall(rf"\"({CODE})\"", path.read_text(encoding="utf-8")):
            written.setdefault(code, []).append(path.relative_to(REPO).as_posix())
    assert set(written) == set(registry())
    assert {code: where for code, where in written.items() if len(where) > 1} == {}
    for code, [where] in written.items():
        assert where == f"brobyg/validate/rules/{registry()[code].family}.py", code
