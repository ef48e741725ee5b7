"""Benchmark what the search page downloads, and how soon it shows results.

    python -m bench.bench_search [--sizes 100,1000,5000] [--query "frivillige fællesskaber"] [--also "q1|q2"]

For each size it builds the public site of a generated knowledge base
(bench/generate.py, cached in bench/out/), serves it from 127.0.0.1 and
opens the search page in Debian's Chromium, a fresh browser context (empty
cache) per path, along three paths:

  landing   open /soeg/ and wait for the first cards;
  shared    open /soeg/?q=QUERY (a shared link) and wait for its results;
  typing    land, read for three seconds, type QUERY, wait for its results
            (the files listed are those fetched after landing).

The server notes every file it sends, so the files fetched by Pagefind's web
worker count too. For each path it lists every file, raw and as a gzipping
host would send it (Pagefind's index files are gzip already), and sums the
search's own files (search.js, the listing under soeg/liste/, Pagefind's
bundle) apart from what every page of the site loads. It prints the ratios to
the budgets (DESIGN.md): landing at most 150 KB beyond the page, a first query
at most 300 KB raw, worker included, at 5,000 cases.

Then the shared link once more for each of a few other queries (--also): a
multi-word need, a question, a compound's tail, a common word. A query costs
the index chunks of its words: stop words are not searched when the query has
other words, but a common word's chunk (one holding "forening" at 5,000
cases) is large.

Then, on an emulated slow phone link (Chromium's network throttling over
CDP: 150 ms round trip, 1.6 Mbit/s down, 750 kbit/s up), the time to the first
results on each path: from navigation start for landing and shared, from the
last keystroke for typing (the page waits 250 ms after a keystroke).
No timing is asserted anywhere; this script only prints figures.
"""

from __future__ import annotations

import argparse
import gzip
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import quote

REPO = Path(__file__).resolve().parent.parent
os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
os.environ.setdefault("SOURCE_DATE_EPOCH", "1735689600")

from bench.bench_check import tree_for  # noqa: E402
from bench.static_server import NotingHandler, serve_static  # noqa: E402

LANDING_BUDGET = 150 * 1024
QUERY_BUDGET = 300 * 1024
QUERY = "frivillige fællesskaber"
ALSO = "samarbejde med jobcenter|velkomst unge angst|hvordan tager vi imod nye i foreningen|psykiatri|foreningen"
READ_SECONDS = 3.0
SLOW = {"offline": False, "latency": 150, "downloadThroughput": 1.6e6 / 8, "uploadThroughput": 750e3 / 8}
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]

# The search page marks its root with the query whose results it shows.
SETTLED = "(q) => { const r = document.querySelector('[data-bb-search]'); return !!r && r.getAttribute('data-bb-shown') === q; }"


def is_search_file(url: str) -> bool:
    return url.startswith(("/pagefind/", "/soeg/liste/")) or url.endswith("/search.js")


def sizes(site: Path, url: str) -> tuple[int, int]:
    """Raw bytes, and what a gzipping host sends (Pagefind's files are gzip already)."""
    data = (site / (url + "index.html" if url.endswith("/") else url).lstrip("/")).read_bytes()
    return len(data), (len(data) if data[:2] == b"\x1f\x8b" else len(gzip.compress(data, 6)))


class Bench:
    def __init__(self, site: Path, browser):
        self.site = site
        self.browser = browser
        self.base, self.server = serve_static(site, NotingHandler)

    def close(self):
        self.server.shutdown()
        self.server.server_close()

    def files(self, sent: list[str]) -> list[tuple[str, int, int]]:
        return [(url, *sizes(self.site, url)) for url in sent]

    def run(self, kind: str, query: str, slow: bool) -> tuple[list[tuple[str, int, int]], float]:
        ctx = self.browser.new_context(viewport={"width": 375, "height": 800}, locale="da-DK", service_workers="block")
        page = ctx.new_page()
        page.set_default_timeout(120_000)
        if slow:
            cdp = ctx.new_cdp_session(page)
            cdp.send("Network.enable")
            cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
            cdp.send("Network.emulateNetworkConditions", SLOW)
        self.server.sent.clear()
        url = f"{self.base}/soeg/" + (f"?q={quote(query)}" if kind == "shared" else "")
        t0 = time.perf_counter()
        page.goto(url, wait_until="commit")
        page.wait_for_function(SETTLED, arg=query if kind == "shared" else "", polling=20)
        elapsed = time.perf_counter() - t0
        if kind == "typing":
            page.wait_for_timeout(READ_SECONDS * 1000)
            self.server.sent.clear()
            page.locator("#bb-search-q").press_sequentially(query, delay=60)
            t0 = time.perf_counter()
            page.wait_for_function(SETTLED, arg=query, polling=20)
            elapsed = time.perf_counter() - t0
        page.wait_for_timeout(300)  # anything still arriving counts
        sent = [url for url, _ in self.server.sent]
        ctx.close()
        return self.files(sent), elapsed


def build(root: Path, out: Path) -> None:
    done = subprocess.run([sys.executable, "build.py", "--root", str(root), "build", "--out", str(out)],
                          cwd=REPO, capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(f"build failed:\n{done.stdout}{done.stderr}")


def kb_str(n: int) -> str:
    return f"{n / 1024:.1f}"


def main(argv=None) -> int:
    from playwright.sync_api import sync_playwright

    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", default="100,1000,5000")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--query", default=QUERY)
    ap.add_argument("--also", default=ALSO, help="more queries for the shared link, separated by |")
    ap.add_argument("--no-slow", action="store_true", help="skip the throttled runs")
    args = ap.parse_args(argv)
    sizes_ = [int(s) for s in args.sizes.split(",")]
    rows = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        for n in sizes_:
            root = tree_for(n, args.seed)
            if not (root / "docs").is_dir():
                shutil.copytree(REPO / "docs", root / "docs")
            work = Path(tempfile.mkdtemp(prefix=f"bench-search-{n}-"))
            try:
                build(root, work / "site")
                public = len(list((work / "site" / "cases").glob("*/index.html")))
                bench = Bench(work / "site", browser)
                try:
                    row = {"n": n, "public": public, "paths": {}}
                    for kind in ("landing", "shared", "typing"):
                        files, fast = bench.run(kind, args.query, slow=False)
                        slow = None if args.no_slow else bench.run(kind, args.query, slow=True)[1]
                        row["paths"][kind] = {"files": files, "fast": fast, "slow": slow}
                    row["also"] = {q: bench.run("shared", q, slow=False)[0] for q in args.also.split("|") if q}
                    rows.append(row)
                finally:
                    bench.close()
            finally:
                shutil.rmtree(work, ignore_errors=True)
            print(f"  measured {n} cases", flush=True)
        browser.close()

    for r in rows:
        print(f"\n== {r['n']} cases ({r['public']} public), query '{args.query}'")
        for kind, info in r["paths"].items():
            print(f"  {kind}: every file fetched ({'after landing' if kind == 'typing' else 'from navigation'}); * = the search's own")
            print(f"    {'raw KB':>8} {'gzip KB':>8}  file")
            for url, raw, gz in info["files"]:
                print(f"    {kb_str(raw):>8} {kb_str(gz):>8}  {'*' if is_search_file(url) else ' '} {url}")

    print("\nTotals (KB). 'search' = the search's own files (search.js, soeg/liste/, pagefind/); 'all' adds the page and the site's assets.")
    print(f"{'N':>6} {'path':>8} {'search raw':>11} {'search gz':>10} {'all raw':>8} {'all gz':>7} {'files':>6} "
          f"{'budget':>8} {'ratio':>6} {'fast s':>7} {'slow s':>7}")
    for r in rows:
        for kind, info in r["paths"].items():
            files = info["files"]
            own = [f for f in files if is_search_file(f[0])]
            raw, gz = sum(f[1] for f in own), sum(f[2] for f in own)
            budget = LANDING_BUDGET if kind == "landing" else QUERY_BUDGET
            slow = f"{info['slow']:.2f}" if info["slow"] is not None else "-"
            print(f"{r['n']:>6} {kind:>8} {kb_str(raw):>11} {kb_str(gz):>10} {kb_str(sum(f[1] for f in files)):>8} "
                  f"{kb_str(sum(f[2] for f in files)):>7} {len(files):>6} {budget // 1024:>6} K {raw / budget:>6.2f} "
                  f"{info['fast']:>7.2f} {slow:>7}")
    if any(r["also"] for r in rows):
        print("\nThe shared link for other queries: the search's own raw KB (ratio to the 300 KB budget).")
        also = list(rows[0]["also"])
        print(f"{'query':>40} " + " ".join(f"{r['n']:>14,}" for r in rows))
        for q in also:
            cells = []
            for r in rows:
                raw = sum(f[1] for f in r["also"][q] if is_search_file(f[0]))
                cells.append(f"{kb_str(raw):>7} ({raw / QUERY_BUDGET:.2f})")
            print(f"{q:>40} " + " ".join(f"{c:>14}" for c in cells))
    if len(rows) >= 2:
        first, last = rows[0], rows[-1]
        print(f"\nGrowth from {first['n']} to {last['n']} cases (×{last['n'] / first['n']:.0f}), search's own raw bytes:")
        for kind in ("landing", "shared", "typing"):
            a = sum(f[1] for f in first["paths"][kind]["files"] if is_search_file(f[0]))
            b = sum(f[1] for f in last["paths"][kind]["files"] if is_search_file(f[0]))
            print(f"  {kind:>8}: ×{b / a:.2f}")
    print(f"\nBudgets: landing ≤ {LANDING_BUDGET // 1024} KB beyond the page; a first query ≤ {QUERY_BUDGET // 1024} KB raw, "
          "worker included (ratio ≤ 1.00), at 5,000 cases. 'slow': first results on 150 ms RTT, 1.6 Mbit/s "
          "(landing and shared from navigation start, typing from the last keystroke).")
    return 0


if __name__ == "__main__":
    sys.exit(main())
