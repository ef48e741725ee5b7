"""Every rule code the validator can emit is exercised by these tests."""

from __future__ import annotations

import re
from pathlib import Path

from tests.conftest import REPO

CODE = r"(?:FILE|FM|YAML|CASE|BODY|PRIVACY|DATA|TOPIC|MEETING)-[A-Z0-9]+(?:-[A-Z0-9]+)*"


def codes_in(text: str) -> set[str]:
    return set(re.findall(rf"\"({CODE})\"", text))


def test_every_emitted_code_is_tested():
    source = "\n".join(p.read_text(encoding="utf-8") for p in sorted((REPO / "brobyg").rglob("*.py")))
    emitted = codes_in(source)
    assert len(emitted) >= 45, sorted(emitted)  # the regex still finds the codes
    here = Path(__file__).parent
    tests = "\n".join(p.read_text(encoding="utf-8") for p in here.glob("test_*.py") if p.name != Path(__file__).name)
    untested = sorted(emitted - codes_in(tests))
    assert untested == [], f"codes without a test: {untested}"
