#!/usr/bin/env python3
"""Benchmark `build.py check` against the design's budgets.

    python -m bench.bench_check [--sizes 100,1000,10000] [--seed 1] [--profile]

For each size and each kind of content it makes a knowledge base (cached
under bench/out/):

  generated  bench/generate.py's cases (keyed by size, seed and a hash of
             the generator);
  real       the sample cases in cases/, replicated to the size by
             bench/replicate.py (keyed by size and a hash of the sample
             content and the replicator), with their images, topics, data
             and meetings;

and times, best of 3 with the garbage collector on, all in this process,
on two clocks at once (both are printed; --clock picks the one the verdicts
use):

  floor   read every case file and parse its front matter with PyYAML's C
          loader (yaml.load(..., Loader=yaml.CSafeLoader)), nothing else,
          in one process;
  check   brobyg.validate.check.check(root), as `build.py check` runs it
          (big knowledge bases spread over forked processes, one per CPU);
  check1  the same with brobyg.forked.cpus() patched to 1: one process,
          like the floor.

  cpu     CPU seconds of this process and its waited-for children: for the
          forked check, the work of all cores added up;
  wall    the clock on the wall: what a user waits for, the forked check's
          cores working side by side.

At the largest size it also times the floor and `python build.py check` as
whole processes on the wall clock (start-up and imports included), and the
check of one file as a process.

Budget (DESIGN.md, "Budgets"): check <= 3 x floor at 10,000 cases, and one
file checked in well under a second as a whole process (target <= 0.5 s).
The script prints figures and ratios only; it asserts nothing about time.
"""

from __future__ import annotations

import argparse
import cProfile
import gc
import hashlib
import io
import os
import platform
import pstats
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent

import yaml  # noqa: E402

from bench.floor import floor  # noqa: E402
from bench.generate import generate  # noqa: E402
from bench.replicate import replicate  # noqa: E402
from brobyg import forked  # noqa: E402
from brobyg.validate.check import check  # noqa: E402

OUT = REPO / "bench" / "out"
RATIO_TARGET = 3.0
ISSUE_TARGET = 2.0  # issue 15: check at the floor on real content
PROCESS_TARGET = 0.2  # issue 15 (DESIGN.md's budget is 0.5 s)


def _generator_hash() -> str:
    return hashlib.sha256((REPO / "bench" / "generate.py").read_bytes()).hexdigest()[:10]


def tree_for(n: int, seed: int, out: Path = OUT) -> Path:
    """A generated tree with n cases, from the cache or freshly written."""
    key = f"kb-n{n}-s{seed}"
    target = out / f"{key}-g{_generator_hash()}"
    if (target / ".complete").is_file():
        return target
    out.mkdir(parents=True, exist_ok=True)
    for stale in out.glob(f"{key}-g*"):  # trees from an older generator
        shutil.rmtree(stale, ignore_errors=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{key}-", dir=out))
    t0 = time.perf_counter()
    generate(tmp, n, seed)
    (tmp / ".complete").write_text("ok\n")
    try:
        tmp.rename(target)
    except OSError:  # another run finished the same tree first
        shutil.rmtree(tmp, ignore_errors=True)
    print(f"  generated {n} cases in {time.perf_counter() - t0:.1f} s -> {target.relative_to(REPO)}", flush=True)
    return target


def _real_hash() -> str:
    h = hashlib.sha256((REPO / "bench" / "replicate.py").read_bytes())
    for folder in ("cases", "topics", "data", "meetings", "templates", "docs"):
        for path in sorted((REPO / folder).rglob("*")):
            if path.is_file():
                h.update(str(path.relative_to(REPO)).encode() + b"\0" + path.read_bytes())
    return h.hexdigest()[:10]


def real_tree_for(n: int, out: Path = OUT) -> Path:
    """The sample cases replicated to n files, from the cache or freshly written."""
    key = f"real-n{n}"
    target = out / f"{key}-h{_real_hash()}"
    if (target / ".complete").is_file():
        return target
    out.mkdir(parents=True, exist_ok=True)
    for stale in out.glob(f"{key}-h*"):
        shutil.rmtree(stale, ignore_errors=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{key}-", dir=out))
    t0 = time.perf_counter()
    replicate(tmp, n)
    (tmp / ".complete").write_text("ok\n")
    try:
        tmp.rename(target)
    except OSError:
        shutil.rmtree(tmp, ignore_errors=True)
    print(f"  replicated the sample cases to {n} in {time.perf_counter() - t0:.1f} s -> {target.relative_to(REPO)}", flush=True)
    return target


KINDS = {"generated": lambda n, seed: tree_for(n, seed), "real": lambda n, seed: real_tree_for(n)}


def check_one_process(root: Path):
    """check() with the fork helpers told there is one CPU: no child processes."""
    saved = forked.cpus
    forked.cpus = lambda: 1
    try:
        return check(root)
    finally:
        forked.cpus = saved


def _load() -> str:
    try:
        return " ".join(f"{x:.2f}" for x in os.getloadavg())
    except OSError:
        return "n/a"


def _cpu_with_children() -> float:
    """CPU seconds of this process and of its waited-for children (the forked checkers)."""
    import resource

    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.process_time() + kids.ru_utime + kids.ru_stime


CLOCKS = ("wall", "cpu")  # time.perf_counter and _cpu_with_children, read in best_of_each


def best_of_each(fns, repeat: int) -> dict[str, list[float]]:
    """Best time of each function over ``repeat`` rounds, on each clock (the
    best wall time and the best CPU time may come from different rounds).
    The functions take turns within a round, so load from other processes
    hits them alike."""
    best = {name: [float("inf")] * len(fns) for name in CLOCKS}
    for _ in range(repeat):
        for i, fn in enumerate(fns):
            gc.collect()
            w0, c0 = time.perf_counter(), _cpu_with_children()
            fn()
            c1, w1 = _cpu_with_children(), time.perf_counter()
            best["wall"][i] = min(best["wall"][i], w1 - w0)
            best["cpu"][i] = min(best["cpu"][i], c1 - c0)
    return best


def _env(bytecode_cache: bool) -> dict[str, str]:
    """The environment as it is, or with a bytecode cache kept under bench/out/
    (so repeated runs do not recompile brobyg; nothing is written beside it)."""
    env = dict(os.environ)
    if bytecode_cache:
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env["PYTHONPYCACHEPREFIX"] = str(OUT / "pycache")
    return env


def best_wall_times(cmds: list[list[str]], root: Path, repeat: int, bytecode_cache: bool) -> list[float]:
    """Best wall seconds of each command as a whole process in ``root``, the
    commands taking turns; with a bytecode cache, each is run once first to fill it."""
    env = _env(bytecode_cache)
    if bytecode_cache:
        for cmd in cmds:
            subprocess.run(cmd, cwd=root, capture_output=True, env=env)
    best = [float("inf")] * len(cmds)
    for _ in range(repeat):
        for i, cmd in enumerate(cmds):
            t0 = time.perf_counter()
            proc = subprocess.run(cmd, cwd=root, capture_output=True, text=True, env=env)
            best[i] = min(best[i], time.perf_counter() - t0)
            if proc.returncode != 0:
                raise SystemExit(f"{' '.join(cmd[1:])} failed ({proc.returncode}):\n{proc.stdout}{proc.stderr}")
    return best


def process_time(root: Path, case: str, repeat: int, bytecode_cache: bool = False) -> float:
    """`python build.py --root <tree> check cases/<case>` as a whole process."""
    cmd = [sys.executable, str(REPO / "build.py"), "--root", str(root), "check", f"cases/{case}"]
    return best_wall_times([cmd], root, repeat, bytecode_cache)[0]


def whole_process_times(root: Path, repeat: int) -> tuple[float, float]:
    """Best wall seconds of the floor (bench/floor.py: the interpreter, yaml and
    its loop) and of `python build.py --root <tree> check` as whole processes,
    taking turns (bytecode cache on for both)."""
    floor_s, check_s = best_wall_times([[sys.executable, str(REPO / "bench" / "floor.py"), str(root)],
                                        [sys.executable, str(REPO / "build.py"), "--root", str(root), "check"]],
                                       root, repeat, bytecode_cache=True)
    return floor_s, check_s


def import_report(root: Path, case: str) -> tuple[bool, list[tuple[int, str]]]:
    """Whether mkdocs was imported on the one-file check path, and the heaviest imports."""
    cmd = [sys.executable, "-X", "importtime", str(REPO / "build.py"), "--root", str(root), "check", f"cases/{case}"]
    proc = subprocess.run(cmd, cwd=root, capture_output=True, text=True, env=_env(True))
    rows = []
    for line in proc.stderr.splitlines():
        if not line.startswith("import time:") or "cumulative" in line:
            continue
        try:
            _, cumulative, name = line[len("import time:"):].split("|")
            rows.append((int(cumulative), name[1:].rstrip()))  # nested imports are indented
        except ValueError:
            continue
    mkdocs = any(name.strip().split(".")[0] == "mkdocs" for _, name in rows) or "mkdocs" in proc.stderr
    top_level = sorted((r for r in rows if not r[1].startswith(" ")), reverse=True)[:5]
    return mkdocs, top_level


def profile_check(root: Path, limit: int = 25) -> str:
    prof = cProfile.Profile()
    prof.enable()
    check_one_process(root)
    prof.disable()
    buf = io.StringIO()
    stats = pstats.Stats(prof, stream=buf)
    stats.sort_stats("cumulative").print_stats(limit)
    stats.sort_stats("tottime").print_stats(limit)
    return buf.getvalue()


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--sizes", default="100,1000,10000", help="comma-separated case counts (default 100,1000,10000)")
    p.add_argument("--kinds", default="generated,real", help="generated, real or both (default generated,real)")
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--repeat", type=int, default=3, help="rounds of the in-process measurements (best is kept)")
    p.add_argument("--clock", choices=sorted(CLOCKS), default="wall",
                   help="which clock the verdicts use (both are printed): wall, time.perf_counter (default); cpu, "
                        "CPU seconds of this process and its forked children, steadier on a busy machine (the "
                        "forked figure then sums both cores' work)")
    p.add_argument("--process-repeat", type=int, default=5,
                   help="runs of the one-file process check and of the whole-process floor and check")
    p.add_argument("--profile", action="store_true", help="also print a cProfile of check at the largest size")
    args = p.parse_args(argv)
    try:
        sizes = sorted({int(s) for s in args.sizes.split(",") if s.strip()})
    except ValueError:
        p.error("--sizes takes integers, e.g. --sizes 100,1000")
    if not sizes or min(sizes) < 1:
        p.error("--sizes needs at least one positive integer")
    kinds = [k.strip() for k in args.kinds.split(",") if k.strip()]
    if not kinds or any(k not in KINDS for k in kinds):
        p.error(f"--kinds takes {' and/or '.join(KINDS)}")

    print(f"Python {platform.python_version()}, PyYAML {yaml.__version__} "
          f"(libyaml: {'yes' if getattr(yaml, '__with_libyaml__', False) else 'NO'}), {os.cpu_count()} CPUs "
          f"({forked.cpus()} for check's forks), load average {_load()}; clock: {args.clock}, best of {args.repeat}")
    rows = []
    for kind in kinds:
        for n in sizes:
            root = KINDS[kind](n, args.seed)
            result = check(root)  # warm-up, and the tree must be valid
            problems = result.report.problems
            if problems or len(result.kb.cases) != n:
                print(f"The {kind} tree with {n} cases is not clean: {len(problems)} problems, "
                      f"{len(result.kb.cases)} valid cases. First: {problems[:3]}", file=sys.stderr)
                return 1
            assert floor(root) == n
            best = best_of_each([lambda: floor(root), lambda: check(root), lambda: check_one_process(root)], args.repeat)
            rows.append((kind, n, root, best))
            print(f"  measured {kind} n={n}", flush=True)

    print()
    print("check: as `build.py check` runs it (forked over the CPUs); check1: in one process, like the floor.")
    print("cpu: CPU seconds of this process and its forked children (the forked check sums both cores' work);")
    print("wall: the clock on the wall, what a user waits for (the forked check's cores work side by side).")
    head = (f"{'kind':>9} | {'N':>7} | {'clock':>5} | {'floor s':>8} | {'check s':>8} | {'ratio':>5} | {'check1 s':>8} | "
            f"{'ratio1':>6} | {'floor µs/case':>13} | {'check1 µs/case':>14}")
    print(head)
    print("".join("+" if ch == "|" else "-" for ch in head))
    for kind, n, _, best in rows:
        for clock in ("cpu", "wall"):
            tf, tc, t1 = best[clock]
            print(f"{kind:>9} | {n:>7} | {clock:>5} | {tf:>8.3f} | {tc:>8.3f} | {tc / tf:>5.2f} | {t1:>8.3f} | {t1 / tf:>6.2f} | "
                  f"{tf / n * 1e6:>13.0f} | {t1 / n * 1e6:>14.0f}")
    print(f"Target at 10,000: ratio ≤ {RATIO_TARGET:g} (issue 15: ≤ {ISSUE_TARGET:g} on real content); "
          f"verdict on the {args.clock} clock (--clock)")
    for kind, n, _, best in rows:
        if n == 10_000:
            tf, tc, t1 = best[args.clock]
            (wf, wc, w1), (cf, cc, c1) = best["wall"], best["cpu"]
            def verdict(ratio: float, target: float) -> str:
                return f"{ratio:.2f} {'within' if ratio <= target else 'OVER'} {target:g}"
            print(f"  {kind} at 10,000, {args.clock} clock: ratio {verdict(tc / tf, RATIO_TARGET)}"
                  + (f"; issue 15: forked {verdict(tc / tf, ISSUE_TARGET)}, one process {verdict(t1 / tf, ISSUE_TARGET)}"
                     if kind == "real" else "")
                  + f"  (cpu: ratio {cc / cf:.2f}, ratio1 {c1 / cf:.2f}; wall: ratio {wc / wf:.2f}, ratio1 {w1 / wf:.2f})")

    for kind in kinds:
        mine = [r for r in rows if r[0] == kind]
        if len(mine) > 1:
            (_, n0, _, b0), (_, n1, _, b1) = mine[0], mine[-1]
            c0, c1 = b0[args.clock][2], b1[args.clock][2]
            print(f"Linearity ({kind}, one process): check per case at {n1:,} / at {n0:,} = "
                  f"{(c1 / n1) / (c0 / n0):.2f} (1.00 = linear)")

    kind, n, root, *_ = rows[-1]
    t_floor_proc, t_check_proc = whole_process_times(root, args.process_repeat)
    print()
    print(f"Whole processes, wall clock, {kind} content at N={n:,}, best of {args.process_repeat} (start-up and imports "
          f"included): floor {t_floor_proc:.3f} s, `build.py check` {t_check_proc:.3f} s: "
          f"ratio {t_check_proc / t_floor_proc:.2f}")

    cases = sorted(p.name for p in (root / "cases").glob("*.md"))
    one = cases[len(cases) // 2]
    t_cold = process_time(root, one, args.process_repeat)
    t_proc = process_time(root, one, args.process_repeat, bytecode_cache=True)
    mkdocs, top = import_report(root, one)
    print()
    print(f"One-file check as a process, {kind} content at N={n:,} (python build.py --root <tree> check cases/{one}), "
          f"best of {args.process_repeat}:")
    print(f"  with a bytecode cache: {t_proc:.3f} s")
    print(f"  environment as is{' (PYTHONDONTWRITEBYTECODE=1)' if os.environ.get('PYTHONDONTWRITEBYTECODE') else ''}: "
          f"{t_cold:.3f} s")
    worst = max(t_proc, t_cold)
    print(f"Target: ≤ {PROCESS_TARGET:g} s  ({'within' if worst <= PROCESS_TARGET else 'OVER'} budget)")
    print(f"mkdocs imported: {'yes' if mkdocs else 'no'}")
    print("Heaviest top-level imports (cumulative µs): " + ", ".join(f"{name} {us:,}" for us, name in top))

    if args.profile:
        print()
        print(f"cProfile of check() in one process, {kind} content at N={n:,}, sorted by cumulative time, then by own time:")
        print(profile_check(root))
    print(f"load average at the end: {_load()} (other processes on this machine make figures noisier)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
