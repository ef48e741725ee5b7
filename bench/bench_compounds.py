"""What splitting compounds costs the build (brobyg/search/compounds.py).

    python -m bench.bench_compounds [--sizes 1000,10000] [--pairs 20000]

For each size, the generated knowledge base (bench/generate.py) is checked
and its search records are made (the whole step, tails included); then the
tails of every record's text are found again, once with the split cache
emptied (cold) and once more (warm: the per-record cost without splitting;
the cache of whole texts is emptied both times) and once with that cache
(unchanged: what `serve` pays again for the cases an edit did not touch).
The generated cases reuse a small vocabulary, so the cost per distinct word
is measured apart: on ``--pairs`` made-up compounds of two list words (each
a new word that the splitter has to split), and on the list's own words
(each known, so left whole after one look-up). Only figures are printed.
"""

from __future__ import annotations

import argparse
import random
import re
import sys
import time

WORD = re.compile(r"[^\W\d_]+")


def main(argv=None) -> int:
    from bench.bench_check import tree_for
    from brobyg.render.listing import listing_order
    from brobyg.search import compounds, records
    from brobyg.validate.check import check

    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", default="1000,10000")
    ap.add_argument("--pairs", type=int, default=20000)
    args = ap.parse_args(argv)

    t0 = time.perf_counter()
    freqs = compounds._frequencies()
    print(f"word list: {len(freqs):,} words, loaded in {time.perf_counter() - t0:.2f} s")

    print(f"\n{'cases':>6} {'distinct words':>15} {'split':>6} {'tails/record':>13} {'tails s (cold)':>15} {'tails s (warm)':>15} {'(unchanged)':>12} {'records s':>10}")
    for n in [int(s) for s in args.sizes.split(",")]:
        kb = check(tree_for(n, 1)).kb.for_audience("members")
        t0 = time.perf_counter()
        recs = records.search_records(kb, listing_order(kb))
        with_records = time.perf_counter() - t0
        texts = [f"{r.title} {r.summary} {r.body} {r.names}" for r in recs]
        times = []
        for kind in ("cold", "warm", "serve"):
            if kind != "serve":
                compounds._TEXTS.clear()
            if kind == "cold":
                compounds.tails.cache_clear()
            t0 = time.perf_counter()
            got = compounds.tails_of_texts(texts)
            times.append(time.perf_counter() - t0)
        words = {w for t in texts for w in WORD.findall(t.lower())}
        split = sum(1 for w in words if compounds.tails(w))
        per_record = sum(map(len, got)) / len(got)
        print(f"{n:>6} {len(words):>15,} {split:>6,} {per_record:>13.1f} {times[0]:>15.2f} {times[1]:>15.2f} {times[2]:>12.2f} {with_records:>10.2f}")

    rng = random.Random(1)
    vocab = sorted(w for w in freqs if w.isalpha() and len(w) >= 4)
    made_up = sorted({rng.choice(vocab) + rng.choice(("", "s", "e")) + rng.choice(vocab) for _ in range(args.pairs)} - set(freqs))
    for label, ws in (("made-up compounds", made_up), ("list words", vocab)):
        compounds.tails.cache_clear()
        t0 = time.perf_counter()
        found = sum(1 for w in ws if compounds.tails(w))
        dt = time.perf_counter() - t0
        print(f"\n{label}: {len(ws):,} distinct words in {dt:.2f} s = {dt / len(ws) * 1e6:.0f} µs a word; {found:,} split")
    return 0


if __name__ == "__main__":
    sys.exit(main())
