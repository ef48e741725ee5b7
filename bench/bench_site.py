"""Benchmark the site build and the search downloads over generated cases.

    python bench/bench_site.py [--sizes 100,1000,5000] [--no-browser]

For each size it builds the public site from a generated knowledge base and
prints:
  - seconds and output bytes per case, and the marginal bytes per case
    between sizes (target: flat within ±15 % from 100 to 5,000);
  - the ratio of our whole build (check, page tree, MkDocs, Pagefind, moving
    into place) to a plain `mkdocs build` of the same pages: the Markdown
    page tree our build wrote, built with the same mkdocs.yml (target: at
    most 1.20, i.e. our pipeline adds at most 20 %);
  - for context, a plain Material build of only the public cases' text
    (title and body), with a nav of one page;
  - the size of Material's built-in search_index.json for the same pages;
  - with a browser: the files and bytes Chromium fetches for a first search
    and its results on the search page (target: < 300 KB at 5,000 cases).
No timing is asserted anywhere; this script only prints figures.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import logging
import http.server
import os
import shutil
import sys
import tempfile
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
os.environ.setdefault("SOURCE_DATE_EPOCH", "1735689600")

from bench.bench_check import tree_for  # noqa: E402
from brobyg.load import parse_yaml, read_text, split_front_matter  # noqa: E402
from brobyg.problems import Report  # noqa: E402
from brobyg.site import _quiet_mkdocs, build_site  # noqa: E402

BYTES_TARGET = 0.15
OVERHEAD_TARGET = 1.20
SEARCH_TARGET = 300 * 1024
SEARCH_QUERY = "frivillige fællesskaber"


def folder_bytes(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def plain_docs(root: Path, docs: Path) -> None:
    """The public cases' text as plain Markdown: title as h1 and the body."""
    docs.mkdir(parents=True)
    (docs / "index.md").write_text("# Forside\n", encoding="utf-8")
    (docs / "cases").mkdir()
    for path in sorted((root / "cases").glob("*.md")):
        report = Report()
        src = read_text(path, path.name, report)
        split = split_front_matter(src, report)
        fm = parse_yaml(split.yaml_text, path.name, 2, report).plain()
        if fm["visibility"] == "public":
            (docs / "cases" / path.name).write_text(f"# {fm['title']}\n\n{split.body}", encoding="utf-8")


def mkdocs_same_pages(root: Path, staging: Path, site: Path) -> float:
    """`mkdocs build` of the page tree our build wrote, with our mkdocs.yml."""
    from mkdocs.commands.build import build

    from brobyg.site import _mkdocs_config

    cfg = _mkdocs_config(root, "public", staging, site)
    t0 = time.perf_counter()
    build(cfg)
    return time.perf_counter() - t0


def mkdocs_plain(docs: Path, site: Path, plugins: list[str] | None = None) -> float:
    """A plain Material build of ``docs``; the nav holds only the home page,
    as ours does, so neither grows quadratically."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    cfg_file = docs.parent / "mkdocs.yml"
    cfg_file.write_text(
        "site_name: Plain\nsite_url: https://example.org/\ntheme:\n  name: material\n  language: da\n  font: false\n"
        "markdown_extensions: [admonition, attr_list, md_in_html, tables, toc]\n"
        "nav: [index.md]\nvalidation:\n  omitted_files: ignore\n",
        encoding="utf-8",
    )
    cfg = load_config(config_file=str(cfg_file), docs_dir=str(docs), site_dir=str(site), plugins=plugins or [])
    logger = logging.getLogger("mkdocs")
    level = logger.level
    logger.setLevel(logging.ERROR)  # the raw case text links to topics/ that are not there
    try:
        t0 = time.perf_counter()
        build(cfg)
        return time.perf_counter() - t0
    finally:
        logger.setLevel(level)


def first_search_bytes(site: Path) -> tuple[int, list[tuple[str, int]]]:
    """Search page's own script and Pagefind's files for the first search."""
    from playwright.sync_api import sync_playwright

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_port}"
    fetched: list[tuple[str, int]] = []
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=[
                "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync"])
            page = browser.new_page()
            requests = []

            def finished(request):
                requests.append(request)

            page.on("requestfinished", finished)
            from urllib.parse import quote

            page.goto(f"{base}/soeg/?q={quote(SEARCH_QUERY)}", wait_until="load")
            page.wait_for_function("document.querySelector('.bb-search__status').textContent.includes('fundet')")
            page.wait_for_timeout(500)
            page.remove_listener("requestfinished", finished)
            fetched = [(r.url.replace(base, ""), r.sizes()["responseBodySize"]) for r in requests]
            browser.close()
    finally:
        server.shutdown()
    search_files = [(u, s) for u, s in fetched if "/pagefind/" in u or u.endswith("search.js")]
    return sum(s for _, s in search_files), search_files


def compressed_size(site: Path, url: str, size: int) -> int:
    """What the file costs on the wire from a host that gzips responses
    (Pagefind's own index files are gzip already and stay as they are)."""
    path = site / url.split("?", 1)[0].lstrip("/")
    data = path.read_bytes()
    if data[:2] == b"\x1f\x8b":
        return size
    return len(gzip.compress(data, 6))


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", default="100,1000,5000")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--no-browser", action="store_true")
    args = ap.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",")]
    _quiet_mkdocs()
    rows = []
    for n in sizes:
        root = tree_for(n, args.seed)
        if not (root / "docs").is_dir():  # the hand-written pages the nav names
            shutil.copytree(REPO / "docs", root / "docs")
        work = Path(tempfile.mkdtemp(prefix=f"bench-site-{n}-"))
        try:
            t0 = time.perf_counter()
            site = build_site(root, "public", out=work / "site", staging=work / "staging")
            ours = time.perf_counter() - t0
            public = sum(1 for _ in (work / "staging" / "cases").glob("*.md")) - 1  # minus the listing
            same = mkdocs_same_pages(root, work / "staging", work / "same-site")
            plain_docs(root, work / "plain" / "docs")
            plain = mkdocs_plain(work / "plain" / "docs", work / "plain" / "site")
            material_docs = work / "material" / "docs"
            shutil.copytree(work / "plain" / "docs", material_docs)
            mkdocs_plain(material_docs, work / "material" / "site", plugins=["search"])
            material_index = (work / "material" / "site" / "search" / "search_index.json").stat().st_size
            row = {
                "n": n, "public": public, "ours": ours, "same": same, "plain": plain,
                "bytes": folder_bytes(site), "pagefind": folder_bytes(site / "pagefind"),
                "material_index": material_index,
            }
            if not args.no_browser:
                row["search"], row["search_files"] = first_search_bytes(site)
                row["search_gz"] = sum(compressed_size(site, u, size) for u, size in row["search_files"])
            rows.append(row)
            print(f"  built {n} cases: ours {ours:.1f} s, same pages in MkDocs {same:.1f} s, "
                  f"cases' text in MkDocs {plain:.1f} s", flush=True)
        finally:
            shutil.rmtree(work, ignore_errors=True)

    print("\nSite build (public audience; 'cases' counts the public ones)")
    print(f"{'N':>6} {'cases':>6} {'ours s':>8} {'same s':>8} {'ours/same':>10} {'text s':>8} {'ours/text':>10} "
          f"{'ms/case':>8} {'KB/case':>8} {'marginal KB/case':>17}")
    prev = None
    marginals = []
    for r in rows:
        marginal = ""
        if prev:
            m = (r["bytes"] - prev["bytes"]) / (r["public"] - prev["public"]) / 1024
            marginals.append(m)
            marginal = f"{m:.1f}"
        print(f"{r['n']:>6} {r['public']:>6} {r['ours']:>8.1f} {r['same']:>8.1f} {r['ours'] / r['same']:>10.2f} "
              f"{r['plain']:>8.1f} {r['ours'] / r['plain']:>10.2f} "
              f"{1000 * r['ours'] / r['public']:>8.1f} {r['bytes'] / r['public'] / 1024:>8.1f} {marginal:>17}")
        prev = r
    if len(marginals) >= 2:
        spread = max(marginals) / min(marginals) - 1
        print(f"Marginal bytes per case vary by {100 * spread:.1f} % across sizes (target: within ±{100 * BYTES_TARGET:.0f} %).")
    print(f"Target: ours/same ≤ {OVERHEAD_TARGET:.2f} ('same': MkDocs alone on the page tree we wrote; "
          "'text': MkDocs on only the public cases' title and body).")

    print("\nSearch index")
    print(f"{'N':>6} {'Pagefind total KB':>18} {'Material search_index.json KB':>30} {'first search KB':>16} {'gzipped host KB':>16}")
    for r in rows:
        first = f"{r['search'] / 1024:.1f}" if "search" in r else "-"
        gz = f"{r['search_gz'] / 1024:.1f}" if "search_gz" in r else "-"
        print(f"{r['n']:>6} {r['pagefind'] / 1024:>18.1f} {r['material_index'] / 1024:>30.1f} {first:>16} {gz:>16}")
    if rows and "search_files" in rows[-1]:
        print(f"\nFiles fetched for the first search ('{SEARCH_QUERY}') at {rows[-1]['n']} cases:")
        for url, size in rows[-1]["search_files"]:
            print(f"  {size / 1024:8.1f} KB  {url}")
        print(f"Target: under {SEARCH_TARGET // 1024} KB at 5,000 cases, growing far slower than the cases.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
