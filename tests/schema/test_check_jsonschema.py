"""The generated JSON Schemas, held against an independent validator
(check-jsonschema, the CLI editors and CI use): the sample content and data
pass, and an unknown theme or centre is rejected there too."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from tests.conftest import REPO

CHECK_JSONSCHEMA = Path(sys.executable).with_name("check-jsonschema")
SCHEMA_COMMENT = re.compile(r"^# yaml-language-server: \$schema=(\S+)$", re.M)


def run(schema: Path, *files: Path) -> subprocess.CompletedProcess:
    return subprocess.run([str(CHECK_JSONSCHEMA), "--schemafile", str(schema), *map(str, files)],
                          capture_output=True, text=True, timeout=120)


def front_matter_files(folder: Path, tmp: Path) -> list[Path]:
    """Each Markdown file's front matter as a YAML file of its own."""
    out = []
    for md in sorted(folder.glob("*.md")):
        target = tmp / folder.name / f"{md.stem}.yml"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(md.read_text(encoding="utf-8").split("---\n")[1], encoding="utf-8")
        out.append(target)
    return out


@pytest.mark.parametrize("data", ["data/centres.yml", "data/target-groups.yml"])
def test_data_files_point_to_their_schema_and_pass_it(data):
    text = (REPO / data).read_text(encoding="utf-8")
    m = SCHEMA_COMMENT.match(text)
    assert m, f"{data} must start with '# yaml-language-server: $schema=…'"
    schema = (REPO / data).parent / m.group(1)
    assert schema.is_file(), schema
    result = run(schema, REPO / data)
    assert result.returncode == 0, result.stdout + result.stderr


def test_sample_cases_and_topics_pass_their_schemas(tmp_path):
    cases = front_matter_files(REPO / "cases", tmp_path)
    assert len(cases) >= 10
    result = run(REPO / "schemas" / "case.schema.json", *cases)
    assert result.returncode == 0, result.stdout + result.stderr
    result = run(REPO / "schemas" / "topic.schema.json", *front_matter_files(REPO / "topics", tmp_path))
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("change, word", [
    ({"themes": ["vejen-ind", "velkomsten"]}, "velkomsten"),
    ({"centre": "frivilligcenter-ukendtby"}, "frivilligcenter-ukendtby"),
    ({"target_groups": ["ensomhed"]}, "ensomhed"),
    ({"visibility": "alle"}, "alle"),
    ({"titel": "Dansk nøgle"}, "titel"),
])
def test_an_unknown_id_or_key_is_rejected_by_the_schema_too(tmp_path, change, word):
    sample = REPO / "cases" / "aaben-cafe-foerste-skridt.md"
    fm = yaml.safe_load(sample.read_text(encoding="utf-8").split("---\n")[1])
    fm.update(change)
    bad = tmp_path / "bad.yml"
    bad.write_text(yaml.safe_dump(fm, allow_unicode=True), encoding="utf-8")
    result = run(REPO / "schemas" / "case.schema.json", bad)
    assert result.returncode == 1, result.stdout
    assert word in result.stdout + result.stderr


def test_an_unknown_municipality_or_bad_id_in_the_centres_registry_is_rejected(tmp_path):
    bad = tmp_path / "centres.yml"
    bad.write_text("- id: Frivilligcenter Store Bogstaver\n  name: X\n  municipality: Skive\n", encoding="utf-8")
    assert run(REPO / "schemas" / "centres.schema.json", bad).returncode == 1
