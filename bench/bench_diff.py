"""End-to-end speed of `policydiff diff` on the Hechuan pair, from the shell (not part of the tests).

Run: .venv/bin/python bench/bench_diff.py [runs]   — prints the median wall time of whole processes,
so interpreter start-up, imports and jieba loading are all counted, as a user waits for them.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main(runs: int = 15) -> None:
    cmd = [sys.executable, "-m", "cli", "diff", "hechuan-2025-draft", "hechuan-2025-final"]
    subprocess.run(cmd, cwd=ROOT, capture_output=True, check=False)  # warm the jieba dictionary cache
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        proc = subprocess.run(cmd, cwd=ROOT, capture_output=True, check=False)
        times.append(time.perf_counter() - t0)
        assert proc.returncode == 1, proc.stderr.decode()
    print(
        f"policydiff diff hechuan-2025-draft hechuan-2025-final: median {statistics.median(times):.3f} s, "
        f"min {min(times):.3f} s, max {max(times):.3f} s over {runs} runs"
    )


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 15)
