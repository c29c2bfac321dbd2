"""Parse time of adversarial texts at growing sizes, beside one regex pass over the same text (not a test).

usage: .venv/bin/python bench/bench_adversarial.py [SIZES…]     (default 10000 100000 1000000 characters)
Each pattern repeats a short piece that used to make some step quadratic or worse: many years in a
现状 section, many counted items or percentages in one clause, long runs of Chinese numerals, a whole
plan on one line. Linear growth means the time per character stays flat across sizes.
"""

from __future__ import annotations

import contextlib
import re
import sys
import time

import policydiff

PATTERNS = {
    "years in a 现状 section": ("一、发展现状\n", "2020年现有10家，"),
    "counted items in one clause": ("一、任务\n（一）建成", "1个中心、"),
    "达到 + percentages": ("一、任务\n（一）达到", "60%、"),
    "Chinese numerals": ("一、任务\n（一）", "一二三四五六七八九十"),
    "one-line plan": ("", "（一）任务 建设中心（二）任务 培育机构"),
}
_ANCHOR = re.compile(r"\d+")


def main(sizes: list[int]) -> None:
    print(f"{'pattern':30s} {'chars':>9s} {'parse s':>8s} {'µs/char':>8s} {'regex pass s':>12s}")
    for name, (head, piece) in PATTERNS.items():
        for size in sizes:
            text = head + piece * max(1, (size - len(head)) // len(piece)) + "。\n"
            t0 = time.perf_counter()
            with contextlib.suppress(policydiff.PolicyDiffError):
                policydiff.parse_text(text)
            t = time.perf_counter() - t0
            t0 = time.perf_counter()
            sum(1 for _ in _ANCHOR.finditer(text))
            anchor = time.perf_counter() - t0
            print(f"{name:30s} {len(text):9d} {t:8.2f} {t / len(text) * 1e6:8.2f} {anchor:12.4f}", flush=True)


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [10_000, 100_000, 1_000_000])
