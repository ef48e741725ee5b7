#!/usr/bin/env python3
"""Peak memory of `build.py check` and `build.py build` as whole processes.

    python -m bench.bench_memory [--sizes 1000,5000,10000] [--kinds generated,real]

For each size it runs, each in a fresh process on the cached trees of
bench_check (generated cases, or the sample cases replicated):

  check  python build.py --root <tree> check
  build  python build.py --root <tree> build --out <tmp>/site   (after removing
         <tree>/build, so every build is a clean one)

and prints two figures per run:

  peak RSS   ru_maxrss from os.wait4() of the process: the largest resident
             set of that process or of any of its descendants (the forked
             checkers and page writers, Pagefind's node), each on its own;
  tree peak  the largest sum of the resident sets of the process and all its
             descendants at one moment, sampled from /proc every 50 ms (Linux
             only; pages the forked children share with their parent are
             counted once per process, so this overstates a little).

Target (issue 15): build at 10,000 cases under 1 GB. It prints figures only.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent

from bench.bench_check import KINDS, OUT, _load  # noqa: E402

TARGET_MB = 1024
PAGE = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096


def _children_of() -> dict[int, list[int]]:
    tree: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", "rb") as f:
                stat = f.read()
        except OSError:
            continue
        ppid = int(stat[stat.rindex(b")") + 2 :].split()[1])
        tree.setdefault(ppid, []).append(int(entry))
    return tree


def _tree_rss(pid: int) -> int:
    """Bytes resident in ``pid`` and its descendants now."""
    tree, total, todo = _children_of(), 0, [pid]
    while todo:
        p = todo.pop()
        todo += tree.get(p, [])
        try:
            with open(f"/proc/{p}/statm", "rb") as f:
                total += int(f.read().split()[1]) * PAGE
        except OSError:
            pass
    return total


def measure(cmd: list[str], cwd: Path) -> tuple[float, int, int]:
    """(wall seconds, ru_maxrss bytes, sampled tree peak bytes) of one process."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    peak = [0]
    done = threading.Event()

    def sample() -> None:
        while not done.is_set():
            peak[0] = max(peak[0], _tree_rss(proc.pid))
            done.wait(0.05)

    sampler = threading.Thread(target=sample, daemon=True)
    if os.path.isdir("/proc"):
        sampler.start()
    err = proc.stderr.read()
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - t0
    done.set()
    if sampler.is_alive():
        sampler.join()
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        raise SystemExit(f"failed ({proc.returncode}): {' '.join(cmd)}\n{err.decode(errors='replace')[-3000:]}")
    return elapsed, usage.ru_maxrss * 1024, peak[0]  # ru_maxrss is in KiB on Linux


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--sizes", default="1000,5000,10000")
    p.add_argument("--kinds", default="generated", help="generated, real or both (default generated)")
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--commands", default="check,build", help="check, build or both (default both)")
    args = p.parse_args(argv)
    sizes = sorted({int(s) for s in args.sizes.split(",") if s.strip()})
    kinds = [k.strip() for k in args.kinds.split(",") if k.strip()]
    commands = [c.strip() for c in args.commands.split(",") if c.strip()]
    if any(k not in KINDS for k in kinds) or any(c not in ("check", "build") for c in commands):
        p.error("--kinds takes generated and/or real, --commands check and/or build")
    print(f"Python {sys.version.split()[0]}, {os.cpu_count()} CPUs, load average {_load()}")
    rows = []
    for kind in kinds:
        for n in sizes:
            root = KINDS[kind](n, args.seed)
            work = Path(tempfile.mkdtemp(prefix="mem-", dir=OUT))
            try:
                for command in commands:
                    cmd = [sys.executable, str(REPO / "build.py"), "--root", str(root), command]
                    if command == "build":
                        shutil.rmtree(root / "build", ignore_errors=True)
                        cmd += ["--out", str(work / "site")]
                    wall, maxrss, tree = measure(cmd, REPO)
                    rows.append((kind, n, command, wall, maxrss, tree))
                    print(f"  {kind} n={n} {command}: {wall:.1f} s, peak RSS {maxrss / 2**20:.0f} MB, "
                          f"tree peak {tree / 2**20:.0f} MB", flush=True)
            finally:
                shutil.rmtree(work, ignore_errors=True)
                shutil.rmtree(root / "build", ignore_errors=True)
    print()
    print(f"{'kind':>9} | {'N':>6} | {'command':>7} | {'wall s':>6} | {'peak RSS MB':>11} | {'tree peak MB':>12} | {'KB/case':>7}")
    print(f"{'-' * 9}-+-{'-' * 6}-+-{'-' * 7}-+-{'-' * 6}-+-{'-' * 11}-+-{'-' * 12}-+-{'-' * 7}")
    for kind, n, command, wall, maxrss, tree in rows:
        print(f"{kind:>9} | {n:>6} | {command:>7} | {wall:>6.1f} | {maxrss / 2**20:>11.0f} | {tree / 2**20:>12.0f} | "
              f"{maxrss / n / 1024:>7.1f}")
    for kind, n, command, _, maxrss, tree in rows:
        if command == "build" and n == 10_000:
            print(f"Target: build at 10,000 under {TARGET_MB} MB ({kind}): peak RSS {maxrss / 2**20:.0f} MB, "
                  f"tree peak {tree / 2**20:.0f} MB: {'within' if max(maxrss, tree) < TARGET_MB * 2**20 else 'OVER'}")
    print(f"load average at the end: {_load()}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
