"""Preview latency of `build.py serve`, and peak memory of `check` and `build`.

    python -m bench.bench_serve [--sizes 1000,3000,10000] [--edits 5] [--rss-sizes 1000,5000,10000]

For each size it copies a generated tree (bench/generate.py, cached in
bench/out/) and times, as whole processes:

- **build**: `python build.py build` (check, page tree, MkDocs, Pagefind), clean;
- **serve start**: from starting `python build.py serve` until it answers;
- **edit → page**: a case's title is changed on disk, and the clock runs
  until the served case page shows the new title; then until its centre
  page (a listing) shows it too, and until the search index has been
  replaced (pagefind-entry.json changed). Each of --edits edits changes
  another case; the figures are the median and the worst.

Then it prints the peak resident memory (ru_maxrss of the process and its
children, whichever was largest) of `check` and `build` at --rss-sizes.
No figure is checked against anything; the issue's targets are printed beside
them (edit → page ≤ 1 s at 3,000 cases and ≤ 2 s at 10,000; build at 10,000
below 1 GB).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

from bench.bench_check import tree_for

REPO = Path(__file__).resolve().parent.parent
BUILD_PY = str(REPO / "build.py")
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1735689600"}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=10) as r:
            return r.read().decode("utf-8")
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return None


def until(predicate, timeout: float, step: float = 0.01) -> float | None:
    """Seconds until predicate() is true, or None after timeout."""
    start = time.perf_counter()
    while time.perf_counter() - start < timeout:
        if predicate():
            return time.perf_counter() - start
        time.sleep(step)
    return None


def run_measured(cmd: list[str]) -> tuple[float, int]:
    """(wall seconds, peak RSS in MiB of the process or its largest child)."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, env=ENV, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    out, err = proc.stdout.read(), proc.stderr.read()
    if proc.returncode != 0:
        raise SystemExit(f"failed: {' '.join(cmd)}\n{out.decode()}{err.decode()}")
    return elapsed, usage.ru_maxrss // 1024


def copy_tree(n: int, seed: int, dest: Path) -> Path:
    """A copy of a generated tree (which has the hand-written pages the nav names)."""
    shutil.copytree(tree_for(n, seed), dest)
    shutil.copytree(REPO / "docs", dest / "docs", dirs_exist_ok=True)  # trees cached before generate wrote docs/
    shutil.rmtree(dest / "build", ignore_errors=True)
    return dest


def public_cases(root: Path, count: int) -> list[Path]:
    found = []
    for path in sorted((root / "cases").glob("*.md")):
        head = path.read_text(encoding="utf-8")[:2000]
        if "visibility: public" in head:
            found.append(path)
        if len(found) == count:
            break
    return found


def centre_of(text: str) -> str:
    return re.search(r"^centre: *(\S+)", text, re.M).group(1)


def index_entries(base: str) -> tuple | None:
    """Every bundle's pagefind-entry.json of the served search index (one, or
    one per shard: brobyg/search/shards.py), None while one is missing."""
    listed = fetch(base + "/pagefind/shards.json")
    if listed is None:
        return None
    entries = [fetch(f"{base}/{folder}pagefind-entry.json") for folder in
               ["pagefind/", *(folder for _, folder in json.loads(listed))]]
    return None if None in entries else tuple(entries)


def measure_serve(root: Path, edits: int) -> dict:
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    start = time.perf_counter()
    proc = subprocess.Popen([sys.executable, BUILD_PY, "--root", str(root), "serve", "--dev-addr", f"127.0.0.1:{port}"],
                            env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        if until(lambda: fetch(base + "/") is not None, 600, 0.2) is None:
            raise SystemExit("serve did not answer")
        started = time.perf_counter() - start
        page, listing, index = [], [], []
        for i, path in enumerate(public_cases(root, edits)):
            text = path.read_text(encoding="utf-8")
            title = f"Ny titel nummer {i} til målingen"
            entry = index_entries(base)
            t0 = time.perf_counter()
            path.write_text(re.sub(r"^title: .*$", f"title: {title}", text, count=1, flags=re.M), encoding="utf-8")
            url = f"{base}/cases/{path.stem}/"
            centre = f"{base}/centre/{centre_of(text)}/"
            if until(lambda: title in (fetch(url) or ""), 120) is None:
                raise SystemExit(f"the edit of {path.name} never showed")
            page.append(time.perf_counter() - t0)
            until(lambda: title in (fetch(centre) or ""), 120)
            listing.append(time.perf_counter() - t0)
            until(lambda: index_entries(base) not in (None, entry), 120, 0.05)
            index.append(time.perf_counter() - t0)
            time.sleep(0.5)
        return {"start": started, "page": page, "listing": listing, "index": index}
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()


def med_max(values: list[float]) -> str:
    return f"{statistics.median(values):6.2f} / {max(values):5.2f}"


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", default="1000,3000,10000")
    ap.add_argument("--rss-sizes", default="1000,5000,10000")
    ap.add_argument("--edits", type=int, default=5)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",") if s]
    rss_sizes = [int(s) for s in args.rss_sizes.split(",") if s]

    rows = []
    for n in sizes:
        with tempfile.TemporaryDirectory(prefix=f"bench-serve-{n}-") as tmp:
            root = copy_tree(n, args.seed, Path(tmp) / "kb")
            build, _ = run_measured([sys.executable, BUILD_PY, "--root", str(root), "build", "--out", str(Path(tmp) / "site")])
            shutil.rmtree(root / "build", ignore_errors=True)
            serve = measure_serve(root, args.edits)
            rows.append((n, build, serve))
            print(f"  measured n={n}", flush=True)

    print()
    print("serve: edit -> page, median / worst of", args.edits, "edits, seconds (whole processes, wall clock)")
    print(f"{'cases':>7} | {'build':>6} | {'serve start':>11} | {'case page':>14} | {'centre page':>14} | {'search index':>14}")
    for n, build, s in rows:
        print(f"{n:>7,} | {build:6.2f} | {s['start']:11.2f} | {med_max(s['page']):>14} | {med_max(s['listing']):>14} | {med_max(s['index']):>14}")
    print("targets: case and listing pages <= 1 s at 3,000 cases, <= 2 s at 10,000; the index within a few seconds")

    print()
    print("peak RSS, MiB (the process or its largest child)")
    print(f"{'cases':>7} | {'check':>6} | {'build':>6}")
    for n in rss_sizes:
        with tempfile.TemporaryDirectory(prefix=f"bench-rss-{n}-") as tmp:
            work = copy_tree(n, args.seed, Path(tmp) / "kb")
            _, check_rss = run_measured([sys.executable, BUILD_PY, "--root", str(work), "check"])
            _, build_rss = run_measured([sys.executable, BUILD_PY, "--root", str(work), "build", "--out", str(Path(tmp) / "site")])
        print(f"{n:>7,} | {check_rss:6} | {build_rss:6}", flush=True)
    print("target: build at 10,000 cases below 1 GB")
    try:
        print(f"load average at the end: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    except OSError:
        pass
    return 0


if __name__ == "__main__":
    sys.exit(main())
