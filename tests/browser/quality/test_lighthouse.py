"""Lighthouse on a phone, on home, case, search (with a query) and overview:
accessibility 100, and the parts of performance that do not depend on how
fast the machine is.

The accessibility score is the same in every run (it is made of pass/fail
audits). The performance score is not: Lighthouse simulates a slow phone from
the main-thread work it sees, so on a busy machine the same page scores a few
points lower (it is printed by bench/bench_pages.py instead). What the score
rests on and does not move with the load is asserted here, from the same
runs: no layout shift, nothing new that holds up the first paint, and the
weight of a first visit.

The runs start together: each spends most of its time waiting for the page
to settle, so side by side they take little longer than one.
"""

from __future__ import annotations

import json
import os
import re
import subprocess

import pytest

from ..conftest import CHROMIUM, CHROMIUM_ARGS
from .conftest import npm_tool
from .kinds import PAGE_KINDS

KINDS = [k for k in PAGE_KINDS if k.name in ("home", "case", "search with filters open", "overview")]
# Performance audits added to the accessibility category: none depends on the machine's speed.
AUDITS = ("cumulative-layout-shift", "layout-shifts", "render-blocking-insight", "total-byte-weight")
# A first visit, uncompressed (the test server does not gzip): Material's CSS and JavaScript
# are about 290 KB of every page; the search page with a query adds Pagefind (its code
# and the index chunks and fragments of the words). Measured in December 2026 (KiB):
# home 308, case 320, overview 333, search with a query 450.
WEIGHT_BUDGET = {"search with filters open": 500 * 1024}
PAGE_WEIGHT_BUDGET = 400 * 1024


@pytest.fixture(scope="module")
def reports(urls, samples, tmp_path_factory) -> dict[str, dict]:
    tmp = tmp_path_factory.mktemp("lighthouse")
    runs = {}
    for i, kind in enumerate(KINDS):
        out = tmp / f"report-{i}.json"
        runs[kind.name] = out, subprocess.Popen(
            ["node", str(npm_tool("lighthouse", "cli", "index.js")), urls["public"] + kind.url(samples["public"]),
             "--only-categories=accessibility", "--only-audits=" + ",".join(AUDITS),
             "--throttling-method=provided", "--disable-full-page-screenshot",
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


@pytest.mark.parametrize("kind", KINDS, ids=str)
def test_nothing_shifts_while_the_page_loads(reports, kind):
    """Layout shift is measured, not simulated: the same in every run. The
    search page builds its form, filters and results after loading; nothing
    already shown may move (the filter button once grew when its label came)."""
    audits = reports[kind.name]["audits"]
    shifted = [(item["node"].get("selector"), round(item["score"], 4))
               for item in (audits["layout-shifts"].get("details") or {}).get("items", [])]
    assert audits["cumulative-layout-shift"]["numericValue"] == 0, shifted


# What holds up the first paint: the stylesheets in the head, always (file names without
# Material's content hash). Material's bundle at the end of the body counts only when it has
# finished loading before the first paint (Lighthouse's render-blocking insight skips
# requests that finish later), so whether it is listed depends on timing, not on the page.
# Deferring the bundle brought Lighthouse's first paint forward on home and case, but on the
# search page with a query the main thread's long tasks grew (total blocking time,
# bench/README.md), so it stays where Material has it.
RENDER_BLOCKING_STYLESHEETS = ["brobyg.css", "main.min.css", "palette.min.css"]
BLOCKING_WHEN_FAST = {"bundle.min.js"}


@pytest.mark.parametrize("kind", KINDS, ids=str)
def test_only_the_stylesheets_and_materials_bundle_hold_up_the_first_paint(reports, kind):
    """Our own scripts (search.js and whatever it loads) never block rendering."""
    items = (reports[kind.name]["audits"]["render-blocking-insight"].get("details") or {}).get("items", [])
    blocking = sorted(re.sub(r"\.[0-9a-f]{8}\.min\.", ".min.", item["url"].split("?")[0].rsplit("/", 1)[-1])
                      for item in items)
    assert [name for name in blocking if name not in BLOCKING_WHEN_FAST] == RENDER_BLOCKING_STYLESHEETS, blocking


@pytest.mark.parametrize("kind", KINDS, ids=str)
def test_a_first_visit_stays_light(reports, kind):
    audit = reports[kind.name]["audits"]["total-byte-weight"]
    budget = WEIGHT_BUDGET.get(kind.name, PAGE_WEIGHT_BUDGET)
    heaviest = [(i["url"].rsplit("/", 1)[-1], i["totalBytes"]) for i in audit["details"]["items"][:5]]
    assert 0 < audit["numericValue"] <= budget, heaviest
