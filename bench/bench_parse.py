"""Parse speed on the corpus: median of repeated runs per document (not part of the test suite).

Run: make bench   (or .venv/bin/python bench/bench_parse.py [repeats])
"""

from __future__ import annotations

import statistics
import sys
import time

import policydiff
from policydiff import corpus


def main(repeats: int = 20) -> None:
    for entry in corpus.entries():
        data = entry.path.read_bytes()
        times = []
        for _ in range(repeats):
            t0 = time.perf_counter()
            policydiff.api.parse_bytes(data, doc_id=entry.id)
            times.append(time.perf_counter() - t0)
        med = statistics.median(times)
        print(f"{entry.id:28s} {len(data) / 1024:7.1f} KiB  median {med * 1000:7.2f} ms  ({repeats} runs)")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 20)
