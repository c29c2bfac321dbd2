"""Time of `compare` between two large plans, beside one pass of character bigrams over their text (not a test).

usage: .venv/bin/python bench/bench_compare.py [N]     (default 2000 leaf measures a side)
The plans are built from the corpus measures as in bench_align.py; the second is the first reversed
and reworded.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import bench_align

import policydiff


def main(n: int = 2000) -> None:
    pool = bench_align.texts()
    items = [f"{pool[k % len(pool)]}（第{k}项）" for k in range(n)]
    other = [t.replace("加强", "进一步加强") for t in items[::-1]]
    a, b = policydiff.parse_text(bench_align.plan(items)), policydiff.parse_text(bench_align.plan(other))
    t0 = time.perf_counter()
    policydiff.compare(a, [b])
    t = time.perf_counter() - t0
    text = "".join(items) + "".join(other)
    t0 = time.perf_counter()
    len({text[k : k + 2] for k in range(len(text) - 1)})
    anchor = time.perf_counter() - t0
    print(
        f"compare {n} x {n} leaf measures: {t:.1f} s; anchor, one pass of bigrams over both texts: {anchor:.3f} s"
    )


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 2000)
