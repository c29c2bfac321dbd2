"""Parsing time against input size: 0.1, 1 and 10 MB built by repeating a corpus plan (not a test).

Run: .venv/bin/python bench/bench_scaling.py — prints the median of 3 runs per size and the time
per MB; linear growth shows as a constant time per MB.
"""

from __future__ import annotations

import statistics
import time

import policydiff
from policydiff import corpus


def main() -> None:
    unit = corpus.get("wuxi-2022").path.read_bytes()
    for mb in (0.1, 1, 10):
        data = unit * max(1, round(mb * 1024 * 1024 / len(unit)))
        times = []
        for _ in range(3):
            t0 = time.perf_counter()
            policydiff.parse_bytes(data, doc_id=f"{mb}MB")
            times.append(time.perf_counter() - t0)
        med = statistics.median(times)
        size = len(data) / 1048576
        print(f"{size:6.2f} MB  median {med:7.2f} s   {med / size:6.2f} s per MB")


if __name__ == "__main__":
    main()
