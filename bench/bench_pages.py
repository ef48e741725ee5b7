"""Page weight and Lighthouse scores of every page kind, on the sample content.

    python bench/bench_pages.py [--runs 3] [--no-lighthouse] [--audience public]

Builds the sample content (both audiences), serves each build from 127.0.0.1
the way a static host does (gzip for text, the files as they are), and prints:
  - for every page kind (tests/browser/quality/kinds.py, the one list the quality
    gates use), the bytes a first visit downloads in Chromium: the page and
    everything it fetches, raw and as transferred (gzip), and the number of
    files. The server counts what it sends (response bodies), so files a
    web worker fetches count too;
  - Lighthouse 13 (npm, pinned) on a phone (its default: a mid-range phone on
    a throttled 4G link, simulated) for home, case, search (with a query and
    without) and the overview (the heaviest of the network's pages):
    performance and accessibility, the median of --runs runs with the lowest
    and highest, and the audits that cost points.
Budget (DESIGN.md): performance ≥ 98 and accessibility 100 on a phone.
Lighthouse's performance score moves by a few points between runs on a busy
machine (it simulates a slow phone from the main-thread work it sees), so
nothing here is asserted; the parts of it that do not move with the load
(layout shift, render-blocking resources, weight) are asserted by
tests/browser/quality/test_lighthouse.py.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")

from tests.browser.quality.kinds import AUDIENCES, PAGE_KINDS, Kind, Sample, open_filters  # noqa: E402
from bench.static_server import QuietHandler, QuietServer, serve_static  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync"]
LIGHTHOUSE = REPO / "node_modules" / "lighthouse" / "cli" / "index.js"
# Beside the gates' kinds (whose search page has a query): landing on the search page, which
# lists the cases from the prebuilt listing and loads no Pagefind file.
KINDS = [*PAGE_KINDS, Kind("search without a query", lambda s: "soeg/", open_filters)]
LIGHTHOUSE_KINDS = ("home", "case", "search with filters open", "search without a query", "overview")
COMPRESSIBLE = {".html", ".css", ".js", ".json", ".svg", ".xml", ".txt", ".mjs"}


class GzipHandler(QuietHandler):
    """A static host: gzip for text when the browser asks for it, a day's caching.
    Each response body it sends is noted in its server's `sent`: (path, raw bytes, bytes sent)."""

    def _note(self, raw: int, sent: int) -> None:
        self.server.sent.append((self.path, raw, sent))

    def copyfile(self, source, outputfile):  # a file sent as it is (not a 304, not an error page)
        size = os.fstat(source.fileno()).st_size
        super().copyfile(source, outputfile)
        self._note(size, size)

    def end_headers(self):
        self.send_header("Cache-Control", "public, max-age=86400")
        super().end_headers()

    def do_GET(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if path.suffix in COMPRESSIBLE and "gzip" in self.headers.get("Accept-Encoding", "") and path.is_file():
            raw = path.read_bytes()
            data = gzip.compress(raw, 6, mtime=0)
            self.send_response(200)
            self.send_header("Content-Type", self.guess_type(str(path)))
            self.send_header("Content-Encoding", "gzip")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)
            self._note(len(raw), len(data))
            return
        super().do_GET()


def serve(folder: Path) -> tuple[str, QuietServer]:
    base, server = serve_static(folder, GzipHandler)
    return base + "/", server


def first_visit_bytes(browser, server: QuietServer, url: str, kind) -> tuple[int, int, int]:
    """(files, raw bytes, transferred bytes) of a first visit in a fresh context
    (caches empty), as the server sent them: the page's own requests and those
    of its web workers alike (a page's CDP session sees only the former)."""
    ctx = browser.new_context(viewport={"width": 375, "height": 740}, service_workers="block")
    page = ctx.new_page()
    server.sent.clear()
    page.goto(url, wait_until="networkidle")
    if kind.prepare:
        kind.prepare(page)
        page.wait_for_load_state("networkidle")
    ctx.close()
    sent = list(server.sent)
    return len(sent), sum(s[1] for s in sent), sum(s[2] for s in sent)


def lighthouse(url: str) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "report.json"
        subprocess.run(
            ["node", str(LIGHTHOUSE), url, "--only-categories=performance,accessibility", "--output=json",
             f"--output-path={out}", "--quiet", f"--chrome-flags={' '.join(CHROMIUM_FLAGS)}"],
            check=True, env={**os.environ, "CHROME_PATH": CHROMIUM}, timeout=300,
        )
        return json.loads(out.read_text(encoding="utf-8"))


def costly_audits(report: dict) -> list[str]:
    weights = {ref["id"]: ref["weight"] for cat in report["categories"].values() for ref in cat["auditRefs"]}
    out = []
    for aid, audit in report["audits"].items():
        score = audit.get("score")
        if score is not None and score < 0.9 and (weights.get(aid) or audit.get("details", {}).get("type") == "opportunity"):
            out.append(f"{aid} {score:.2f} {audit.get('displayValue', '')}".strip())
    return out


def main() -> None:
    ap = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog="page kinds (first-visit bytes): " + ", ".join(map(str, KINDS))
        + "\nLighthouse: " + ", ".join(LIGHTHOUSE_KINDS))
    ap.add_argument("--runs", type=int, default=3, help="Lighthouse runs per page (median)")
    ap.add_argument("--no-lighthouse", action="store_true")
    ap.add_argument("--audience", choices=AUDIENCES, action="append", help="default: both")
    args = ap.parse_args()

    from playwright.sync_api import sync_playwright

    from brobyg.pipeline.build import build_site
    from brobyg.validate.check import check

    kb = check(REPO).kb
    tmp = Path(tempfile.mkdtemp(prefix="bench-pages-"))
    for audience in args.audience or AUDIENCES:
        site = build_site(REPO, audience, out=tmp / audience, staging=tmp / f"staging-{audience}")
        base, server = serve(site)
        sample = Sample(kb, audience)
        print(f"\n== {audience}: first visit on a phone (375 px), caches empty")
        print(f"{'page kind':<28} {'files':>8} {'raw KB':>8} {'gzip KB':>8}")
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS[1:])
            for kind in KINDS:
                n, raw, sent = first_visit_bytes(browser, server, base + kind.url(sample), kind)
                print(f"{kind.name:<28} {n:>8} {raw / 1024:>8.1f} {sent / 1024:>8.1f}")
            browser.close()
        if not args.no_lighthouse:
            print(f"\n== {audience}: Lighthouse {lighthouse_version()} mobile, median of {args.runs} (min–max)")
            print(f"{'page':<28} {'performance':>14} {'accessibility':>14}")
            for kind in (k for k in KINDS if k.name in LIGHTHOUSE_KINDS):
                reports = [lighthouse(base + kind.url(sample)) for _ in range(args.runs)]
                cells = []
                for cat in ("performance", "accessibility"):
                    scores = [round(r["categories"][cat]["score"] * 100) for r in reports]
                    cells.append(f"{statistics.median(scores):.0f} ({min(scores)}–{max(scores)})")
                print(f"{kind.name:<28} {cells[0]:>14} {cells[1]:>14}")
                for line in costly_audits(reports[len(reports) // 2]):
                    print(f"{'':<30}{line}")
        server.shutdown()


def lighthouse_version() -> str:
    return json.loads((REPO / "node_modules" / "lighthouse" / "package.json").read_text())["version"]


if __name__ == "__main__":
    main()
