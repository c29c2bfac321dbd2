"""Start-up and end-to-end time of the command line, beside anchors measured in the same run (not a test).

usage: .venv/bin/python bench/bench_startup.py [RUNS]     (default 11)
Medians of whole processes, as a user waits for them: `policydiff --help`, `policydiff diff` of the
Hechuan draft/final; anchors: `python -c pass` (interpreter start-up) and `git diff --no-index
--word-diff` of the same two files.
"""

from __future__ import annotations

import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent


def median_time(cmd: list[str], runs: int) -> float:
    subprocess.run(cmd, capture_output=True, check=False, cwd=ROOT)  # warm caches (jieba dictionary)
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        subprocess.run(cmd, capture_output=True, check=False, cwd=ROOT)
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def main(runs: int = 11) -> None:
    pd = str(BIN / "policydiff")
    draft, final = ROOT / "corpus" / "hechuan-2025-draft.txt", ROOT / "corpus" / "hechuan-2025-final.txt"
    rows = [
        ("python -c pass (anchor)", [sys.executable, "-c", "pass"]),
        ("policydiff --help", [pd, "--help"]),
        ("policydiff --version", [pd, "--version"]),
        (
            "policydiff diff hechuan-2025-draft hechuan-2025-final",
            [pd, "diff", "hechuan-2025-draft", "hechuan-2025-final"],
        ),
    ]
    git = shutil.which("git")
    if git:
        rows.append(
            (
                "git diff --no-index --word-diff (anchor)",
                [git, "diff", "--no-index", "--word-diff", str(draft), str(final)],
            )
        )
    for name, cmd in rows:
        print(f"{median_time(cmd, runs):7.3f} s  {name}")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 11)
