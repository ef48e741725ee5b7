"""The meeting schema's JSON Schema (schemas/meeting.schema.json) accepts the
sample meetings and rejects what the meeting rules reject, where a JSON
Schema can say it."""

from __future__ import annotations

import pytest

from brobyg.validate.rules import meetings as rules
from tests.conftest import REPO

from .test_schema import _front_matter, _validator

# What a JSON Schema cannot say: file names, one value against another, files
# on disk, the other cases' visibility, dates against today, the text.
BEYOND_JSON_SCHEMA = {
    rules.MEETING_FILE_NAME, rules.MEETING_FILE_DATE, rules.MEETING_TIME, rules.MEETING_PLACE, rules.MEETING_MATERIAL,
    rules.MEETING_CASE, rules.MEETING_MEMBERS_CASE, rules.MEETING_MINUTES_VISIBILITY, rules.MEETING_PUBLISHED,
    rules.MEETING_UPDATED, rules.MEETING_MINUTES_EARLY, rules.MEETING_BODY_LINK,
}
RULES = [r for r in (rules.MEETING_UNKNOWN_KEY, rules.MEETING_REQUIRED, *dict.fromkeys(rules.FIELD_RULES.values()))
         if r not in BEYOND_JSON_SCHEMA]


def test_the_sample_meetings_pass_the_json_schema():
    schema = _validator("meeting.schema.json")
    paths = sorted((REPO / "meetings").glob("*.md"))
    assert len(paths) >= 3
    for path in paths:
        assert list(schema.iter_errors(_front_matter(path.read_text(encoding="utf-8")))) == [], path.name


@pytest.mark.parametrize("rule", RULES, ids=[r.code for r in RULES])
def test_the_meeting_schema_rejects_what_the_rule_rejects(rule):
    schema = _validator("meeting.schema.json")
    [(_, bad)] = rule.bad.files
    [(_, good)] = rule.good.files
    assert list(schema.iter_errors(_front_matter(bad))) != [], rule.code
    assert list(schema.iter_errors(_front_matter(good))) == [], rule.code


def test_every_meeting_field_has_its_rule():
    from brobyg.schema.meetings import MEETINGS

    assert set(rules.FIELD_RULES) == set(MEETINGS.fields)
