"""Lighthouse's accessibility score on a phone is 100 on home, case, search and overview.

Only the accessibility category: its score is the same in every run (it is
made of pass/fail audits), while the performance score moves with the load
on the machine and is printed by bench/bench_pages.py instead.

The runs start together: each spends most of its time waiting for the page
to settle, so side by side they take little longer than one.
"""

from __future__ import annotations

import json
import os
import subprocess

import pytest

from ..conftest import CHROMIUM, CHROMIUM_ARGS
from .conftest import npm_tool
from .kinds import PAGE_KINDS

KINDS = [k for k in PAGE_KINDS if k.name in ("home", "case", "search with filters open", "overview")]


@pytest.fixture(scope="module")
def reports(urls, samples, tmp_path_factory) -> dict[str, dict]:
    tmp = tmp_path_factory.mktemp("lighthouse")
    runs = {}
    for i, kind in enumerate(KINDS):
        out = tmp / f"report-{i}.json"
        runs[kind.name] = out, subprocess.Popen(
            ["node", str(npm_tool("lighthouse", "cli", "index.js")), urls["public"] + kind.url(samples["public"]),
             "--only-categories=accessibility", "--throttling-method=provided", "--disable-full-page-screenshot",
             "--output=json", f"--output-path={out}", "--quiet",
             "--chrome-flags=" + " ".join(["--headless", *CHROMIUM_ARGS])],
            env={**os.environ, "CHROME_PATH": CHROMIUM}, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
        )
    found = {}
    for name, (out, proc) in runs.items():
        _, err = proc.communicate(timeout=300)
        assert proc.returncode == 0, f"Lighthouse on {name} failed: {err[-2000:]}"
        found[name] = json.loads(out.read_text(encoding="utf-8"))
    return found


@pytest.mark.parametrize("kind", KINDS, ids=str)
def test_lighthouse_accessibility_is_100_on_a_phone(reports, kind):
    report = reports[kind.name]
    failing = [f"{a['id']}: {a['title']}" for a in report["audits"].values()
               if a.get("scoreDisplayMode") == "binary" and a.get("score") == 0]
    assert report["categories"]["accessibility"]["score"] == 1, failing
