"""The schemas and what derives from them: the committed derived files are
current, the JSON Schemas accept the sample content, and they reject what
the validator's field rules reject."""

from __future__ import annotations

import datetime as dt
import json

import jsonschema
import pytest
import yaml

from brobyg.commands.generate import GUIDE, TEMPLATE, generated, main, stale
from brobyg.schema import collections
from brobyg.schema.cases import CASES
from brobyg.validate.rules.fields import CASE_REQUIRED, CASE_SUMMARY, CASE_UNKNOWN_KEY, CASE_UPDATED, FIELD_RULES
from tests.conftest import REPO, copy_fixture


def test_committed_derived_files_are_current():
    assert stale(REPO) == [], "run: python -m brobyg.commands.generate"


def test_a_stale_file_is_named_and_regenerated(tmp_path, capsys):
    kb = copy_fixture("minimal", tmp_path / "kb")
    for rel in (TEMPLATE, GUIDE):
        kb.write(rel, (REPO / rel).read_text(encoding="utf-8"))
    kb.write(TEMPLATE, kb.read(TEMPLATE).replace("1–6 af", "1–3 af"))
    assert main(["--root", str(kb.root), "--check"]) == 1
    assert TEMPLATE in capsys.readouterr().err
    assert main(["--root", str(kb.root)]) == 0
    assert stale(kb.root) == []
    assert "1–6 af: kendskab" in kb.read(TEMPLATE)


def test_the_template_passes_check_once_its_placeholders_are_filled(tmp_path):
    kb = copy_fixture("minimal", tmp_path / "kb")
    text = (REPO / TEMPLATE).read_text(encoding="utf-8").replace("Skriv en kort titel", "Åben café som første skridt")
    kb.write("cases/skabelon.md", text)
    assert [p.as_text() for p in kb.problems()] == []


def _validator(name: str) -> jsonschema.Validator:
    schema = json.loads((REPO / "schemas" / name).read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())


def _front_matter(text: str) -> dict:
    """Front matter as an editor's YAML server sees it: dates are strings."""
    data = yaml.safe_load(text.split("---\n", 2)[1])
    return {k: v.isoformat() if isinstance(v, dt.date) else v for k, v in data.items()}


def test_every_collection_has_a_schema_file():
    assert sorted(f"schemas/{c.schema_file}" for c in collections()) == sorted(r for r in generated(REPO) if r.startswith("schemas/"))


def test_the_sample_content_passes_the_json_schemas():
    cases = _validator("case.schema.json")
    for path in sorted((REPO / "cases").glob("*.md")):
        assert list(cases.iter_errors(_front_matter(path.read_text(encoding="utf-8")))) == [], path.name
    topics = _validator("topic.schema.json")
    for path in sorted((REPO / "topics").glob("*.md")):
        assert list(topics.iter_errors(_front_matter(path.read_text(encoding="utf-8")))) == [], path.name
    for name, data in (("centres.schema.json", "centres.yml"), ("target-groups.schema.json", "target-groups.yml")):
        records = yaml.safe_load((REPO / "data" / data).read_text(encoding="utf-8"))
        assert list(_validator(name).iter_errors(records)) == [], name


# What a JSON Schema cannot say: markup in plain text, one date before another.
BEYOND_JSON_SCHEMA = {CASE_SUMMARY, CASE_UPDATED}
RULES = [r for r in [CASE_UNKNOWN_KEY, CASE_REQUIRED, *FIELD_RULES.values()] if r not in BEYOND_JSON_SCHEMA]


@pytest.mark.parametrize("rule", RULES, ids=[r.code for r in RULES])
def test_the_case_schema_rejects_what_the_field_rule_rejects(rule):
    cases = _validator("case.schema.json")
    [(_, bad)] = rule.bad.files
    [(_, good)] = rule.good.files
    assert list(cases.iter_errors(_front_matter(bad))) != [], rule.code
    assert list(cases.iter_errors(_front_matter(good))) == [], rule.code


def test_every_case_field_has_its_rule():
    assert set(FIELD_RULES) == set(CASES.fields)

