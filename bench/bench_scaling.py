"""Parse time and memory against input size on well-formed plans (not a test).

Run: .venv/bin/python bench/bench_scaling.py [MB …]   (default 0.1 1 10)
Each plan is built from the measures of the corpus plans, numbered as real plans are (chapters 一、
of twenty （N） items; see bench_align.plan), so every byte is parsed — repeating a whole scraped
plan, as this script once did, sent everything after its first footer to the chrome filter.
Prints MB/s and one regex pass over the same text as the anchor; peak Python memory per input
character (tracemalloc, which slows parsing several times) is measured on the smallest size only.
"""

from __future__ import annotations

import re
import sys
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import bench_align

import policydiff

_ANCHOR = re.compile(r"[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）")


def main(sizes: list[float]) -> None:
    pool = bench_align.texts()
    print(f"{'MB':>6s} {'parse s':>8s} {'MB/s':>6s} {'regex pass s':>12s}")
    for k, mb in enumerate(sorted(sizes)):
        n = max(1, int(mb * 1024 * 1024 / 3 / 120))  # ~120 characters a measure, 3 bytes each
        text = bench_align.plan([f"{pool[i % len(pool)]}（第{i}项）" for i in range(n)])
        size = len(text.encode("utf-8")) / 1048576
        t0 = time.perf_counter()
        policydiff.parse_text(text)
        t = time.perf_counter() - t0
        t0 = time.perf_counter()
        sum(1 for _ in _ANCHOR.finditer(text))
        anchor = time.perf_counter() - t0
        print(f"{size:6.2f} {t:8.2f} {size / t:6.2f} {anchor:12.4f}", flush=True)
        if k == 0:
            tracemalloc.start()
            policydiff.parse_text(text)
            _, peak = tracemalloc.get_traced_memory()
            tracemalloc.stop()
            print(f"       peak Python memory {peak / len(text):.0f} bytes per input character (tracemalloc)")


if __name__ == "__main__":
    main([float(a) for a in sys.argv[1:]] or [0.1, 1, 10])
