"""Benchmark the site build and the search downloads over generated cases.

    python -m bench.bench_site [--sizes 100,1000,5000] [--repeat 3] [--no-browser]

For each size it builds the public site from a generated knowledge base, each
build a fresh process (`python build.py build`, and MkDocs alone through
bench/mkdocs_alone.py), taking turns, best of --repeat, and prints:
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
import gzip
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
os.environ.setdefault("SOURCE_DATE_EPOCH", "1735689600")

from bench.bench_check import tree_for  # noqa: E402
from brobyg.load.frontmatter import parse_yaml, read_text, split_front_matter  # noqa: E402
from brobyg.generator.mkdocs import config_file  # noqa: E402
from bench.static_server import serve_static  # noqa: E402

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
        split = split_front_matter(read_text(path, path.name))  # generated cases: never a Failure
        fm = parse_yaml(split.yaml_text, 2).plain()
        if fm["visibility"] == "public":
            (docs / "cases" / path.name).write_text(f"# {fm['title']}\n\n{split.body}", encoding="utf-8")


PLAIN_CONFIG = (
    "site_name: Plain\nsite_url: https://example.org/\ntheme:\n  name: material\n  language: da\n  font: false\n"
    "markdown_extensions: [admonition, attr_list, md_in_html, tables, toc]\n"
    "nav: [index.md]\nvalidation:\n  omitted_files: ignore\n"
)  # the nav holds only the home page, as ours does, so neither grows quadratically


def timed(cmd: list[str]) -> float:
    """Wall seconds of a whole process (start-up and imports included)."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    t0 = time.perf_counter()
    done = subprocess.run(cmd, cwd=REPO, env=env, capture_output=True, text=True)
    elapsed = time.perf_counter() - t0
    if done.returncode != 0:
        raise SystemExit(f"failed: {' '.join(cmd)}\n{done.stdout}{done.stderr}")
    return elapsed


def time_builds(root: Path, work: Path, repeat: int) -> dict[str, list[float]]:
    """Our whole build, MkDocs alone on the same pages, and MkDocs on the
    cases' text, each as a fresh process, taking turns ``repeat`` times."""
    py, alone = sys.executable, str(REPO / "bench" / "mkdocs_alone.py")
    staging = root / "build" / "public" / "docs"  # where `build.py build` writes the page tree
    plain = work / "plain"
    plain_docs(root, plain / "docs")
    (plain / "mkdocs.yml").write_text(PLAIN_CONFIG, encoding="utf-8")
    times: dict[str, list[float]] = {"ours": [], "same": [], "plain": []}
    for _ in range(repeat):
        shutil.rmtree(root / "build", ignore_errors=True)  # a clean build, not an incremental one
        times["ours"].append(timed([py, "build.py", "--root", str(root), "build", "--out", str(work / "site")]))
        times["same"].append(timed([py, alone, str(config_file(root)), str(staging), str(work / "same"),
                                    "--strict", "--audience", "public"]))
        times["plain"].append(timed([py, alone, str(plain / "mkdocs.yml"), str(plain / "docs"), str(plain / "site")]))
    return times


def first_search_bytes(site: Path) -> tuple[int, list[tuple[str, int]]]:
    """Search page's own script and Pagefind's files for the first search."""
    from playwright.sync_api import sync_playwright

    base, server = serve_static(site)
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


def fmt(values: list[float]) -> str:
    return " ".join(f"{v:.1f}" for v in values)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", default="100,1000,5000")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--no-browser", action="store_true")
    ap.add_argument("--repeat", type=int, default=3, help="builds per kind and size; the best counts (default 3)")
    args = ap.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",")]
    rows = []
    for n in sizes:
        root = tree_for(n, args.seed)
        if not (root / "docs").is_dir():  # the hand-written pages the nav names
            shutil.copytree(REPO / "docs", root / "docs")
        work = Path(tempfile.mkdtemp(prefix=f"bench-site-{n}-"))
        try:
            times = time_builds(root, work, args.repeat)
            site = work / "site"
            public = sum(1 for _ in (root / "build" / "public" / "docs" / "cases").glob("*.md")) - 1  # minus the listing
            timed([sys.executable, str(REPO / "bench" / "mkdocs_alone.py"), str(work / "plain" / "mkdocs.yml"),
                   str(work / "plain" / "docs"), str(work / "material"), "--plugins", "search"])
            material_index = (work / "material" / "search" / "search_index.json").stat().st_size
            row = {
                "n": n, "public": public, **{k: min(v) for k, v in times.items()},
                "rounds": [o / s for o, s in zip(times["ours"], times["same"])],
                "bytes": folder_bytes(site), "pagefind": folder_bytes(site / "pagefind"),
                "material_index": material_index,
            }
            if not args.no_browser:
                row["search"], row["search_files"] = first_search_bytes(site)
                row["search_gz"] = sum(compressed_size(site, u, size) for u, size in row["search_files"])
            rows.append(row)
            print(f"  built {n} cases {args.repeat}×: ours {fmt(times['ours'])} s, same pages in MkDocs "
                  f"{fmt(times['same'])} s, cases' text in MkDocs {fmt(times['plain'])} s", flush=True)
        finally:
            shutil.rmtree(work, ignore_errors=True)

    print("\nSite build (public audience; 'cases' counts the public ones)")
    print(f"{'N':>6} {'cases':>6} {'ours s':>8} {'same s':>8} {'ours/same':>10} {'best/best':>10} {'each round':>26} "
          f"{'text s':>8} {'ours/text':>10} {'ms/case':>8} {'KB/case':>8} {'marginal KB/case':>17}")
    prev = None
    marginals = []
    for r in rows:
        marginal = ""
        if prev:
            m = (r["bytes"] - prev["bytes"]) / (r["public"] - prev["public"]) / 1024
            marginals.append(m)
            marginal = f"{m:.1f}"
        rounds = " ".join(f"{x:.2f}" for x in r["rounds"])
        print(f"{r['n']:>6} {r['public']:>6} {r['ours']:>8.1f} {r['same']:>8.1f} "
              f"{statistics.median(r['rounds']):>10.2f} {r['ours'] / r['same']:>10.2f} {rounds:>26} "
              f"{r['plain']:>8.1f} {r['ours'] / r['plain']:>10.2f} "
              f"{1000 * r['ours'] / r['public']:>8.1f} {r['bytes'] / r['public'] / 1024:>8.1f} {marginal:>17}")
        prev = r
    if len(marginals) >= 2:
        spread = max(marginals) / min(marginals) - 1
        print(f"Marginal bytes per case vary by {100 * spread:.1f} % across sizes (target: within ±{100 * BYTES_TARGET:.0f} %).")
    print(f"Target: ours/same ≤ {OVERHEAD_TARGET:.2f}. 'ours/same' is the median of the rounds ('each round': "
          "ours/same of two builds that ran one after the other, so a busy spell of the machine hits both); "
          "'best/best' compares the fastest of each kind; 'same': MkDocs alone on the page tree we wrote; "
          "'text': MkDocs on only the public cases' title and body. Seconds are the best of the rounds.")

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
