"""Lighthouse's accessibility score on a phone is 100 on home, case, search and overview.

Only the accessibility category: its score is the same in every run (it is
made of pass/fail audits), while the performance score moves with the load
on the machine and is printed by bench/bench_pages.py instead.
"""

from __future__ import annotations

import json
import os
import subprocess

import pytest

from ..conftest import CHROMIUM, CHROMIUM_ARGS
from .conftest import npm_tool
from .kinds import PAGE_KINDS

KINDS = ("home", "case", "search with filters open", "overview")  # one network page: the heaviest


@pytest.mark.parametrize("kind", [k for k in PAGE_KINDS if k.name in KINDS], ids=str)
def test_lighthouse_accessibility_is_100_on_a_phone(urls, samples, kind, tmp_path):
    out = tmp_path / "report.json"
    subprocess.run(
        ["node", str(npm_tool("lighthouse", "cli", "index.js")), urls["public"] + kind.url(samples["public"]),
         "--only-categories=accessibility", "--throttling-method=provided", "--disable-full-page-screenshot",
         "--output=json",
         f"--output-path={out}", "--quiet", "--chrome-flags=" + " ".join(["--headless", *CHROMIUM_ARGS])],
        check=True, env={**os.environ, "CHROME_PATH": CHROMIUM}, timeout=240,
    )
    report = json.loads(out.read_text(encoding="utf-8"))
    failing = [f"{a['id']}: {a['title']}" for a in report["audits"].values()
               if a.get("scoreDisplayMode") == "binary" and a.get("score") == 0]
    assert report["categories"]["accessibility"]["score"] == 1, failing
