"""Word diff time against measure length (not a test).

usage: .venv/bin/python bench/bench_word_diff.py [CHARS ...]    (default 20000 80000 320000)
One "measure" made of the corpus plans' text run together (repeated to the length asked), diffed
against a copy with 加强 → 进一步加强 and 2025 → 2026 throughout; anchor: one regex pass over both.
"""

from __future__ import annotations

import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from policydiff.diff import word_edits  # noqa: E402


def main(sizes: list[int]) -> None:
    text = "".join(p.read_text(encoding="utf-8") for p in sorted((ROOT / "corpus").glob("*.txt")))
    text = re.sub(r"\s+", "", text)
    for n in sizes:
        old = (text * (n // len(text) + 1))[:n]
        new = old.replace("加强", "进一步加强").replace("2025", "2026")
        t0 = time.perf_counter()
        edits = word_edits(old, new)
        t = time.perf_counter() - t0
        t0 = time.perf_counter()
        re.findall("[。；]", old + new)
        anchor = time.perf_counter() - t0
        print(
            f"{n:>8} chars: word diff {t:6.2f} s ({len(edits)} edits); anchor, one regex pass {anchor:.4f} s"
        )


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [20000, 80000, 320000])
