"""Zero errors from the W3C Nu HTML checker (the pinned vnu-jar) in every HTML
file of both built sites. One run of the checker covers all files, plus a
known-bad canary file that proves the checker ran and reports errors."""

from __future__ import annotations

import json
import shutil
import subprocess
from collections import Counter
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from .conftest import npm_tool
from .kinds import AUDIENCES

CANARY = '<!doctype html><html lang="da"><title>x</title><input type="checkbox" autocomplete="off"><label for="nothing">x</label>'


@pytest.fixture(scope="session")
def nu_errors(sites, tmp_path_factory) -> dict[str, list[dict]]:
    """Errors by the folder they are in: each audience's site, and 'canary'."""
    java = shutil.which("java")
    if not java:
        pytest.fail("java is missing: ./dev test installs Debian's default-jre-headless", pytrace=False)
    canary = tmp_path_factory.mktemp("nu-canary")
    (canary / "index.html").write_text(CANARY, encoding="utf-8")
    folders = {**{a: sites[a].resolve() for a in AUDIENCES}, "canary": canary.resolve()}
    proc = subprocess.run(
        [java, "-Xss4m", "-jar", str(npm_tool("vnu-jar", "build", "dist", "vnu.jar")),
         "--errors-only", "--format", "json", "--skip-non-html", *map(str, folders.values())],
        capture_output=True, text=True, timeout=300,
    )
    messages = json.loads(proc.stderr or proc.stdout)["messages"]
    found: dict[str, list[dict]] = {name: [] for name in folders}
    for m in messages:
        path = Path(unquote(urlsplit(m.get("url", "")).path))
        name = next((n for n, f in folders.items() if path.is_relative_to(f)), None)
        assert name, f"a message about a file nobody asked for: {m}"
        m["file"] = path.relative_to(folders[name]).as_posix()
        found[name].append(m)
    return found


def test_the_checker_reports_the_canary(nu_errors):
    kinds = " ".join(m["message"] for m in nu_errors["canary"])
    assert "autocomplete" in kinds and "for" in kinds, nu_errors["canary"]


@pytest.mark.parametrize("audience", AUDIENCES)
def test_no_nu_errors_in_any_page(nu_errors, sites, audience):
    assert len(list(sites[audience].rglob("*.html"))) > 20
    errors = nu_errors[audience]
    summary = Counter(m["message"] for m in errors)
    detail = [f"{m['file']}:{m.get('lastLine', '?')}: {m['message']}" for m in errors[:30]]
    assert not errors, (
        f"{len(errors)} Nu errors in the {audience} build:\n  "
        + "\n  ".join(f"{n} × {msg}" for msg, n in summary.most_common())
        + "\nfirst ones:\n  " + "\n  ".join(detail)
    )
