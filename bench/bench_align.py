"""Diff time of a large plan against its edited copy, beside difflib on the same texts (not a test).

usage: .venv/bin/python bench/bench_align.py [N_MEASURES]     (default 1700)
The plan is built from the measures of the corpus plans: N items under chapters of 20, each item the
text of a real measure. The copy drops every 20th item, inserts a new one every 25th, moves three,
changes the numbers of every 7th and rewords every 11th. Prints the wall time of policydiff.diff (parse
excluded) and of difflib.SequenceMatcher over the two item lists (the anchor), from one run.
(Character-level difflib over the whole plan is no anchor at this size: it takes minutes.)
"""

from __future__ import annotations

import difflib
import re
import sys
import time

import policydiff
from policydiff import corpus
from policydiff.numerals import int_to_cn


def texts() -> list[str]:
    out = []
    for e in corpus.entries():
        for m in policydiff.parse(e.id).walk():
            if len(m.text) > 30:
                out.append(m.text.replace("\n", ""))
    return out


def plan(items: list[str]) -> str:
    lines = []
    for k, t in enumerate(items):
        if k % 20 == 0:
            lines.append(f"{int_to_cn(k // 20 + 1)}、第{k // 20 + 1}部分任务")
        lines.append(f"（{int_to_cn(k % 20 + 1)}）{t}")
    return "\n".join(lines) + "\n"


def main(n: int = 1700) -> None:
    pool = texts()
    items = [f"{pool[k % len(pool)]}（第{k}项）" for k in range(n)]
    edited = []
    for k, t in enumerate(items):
        if k % 20 == 19:
            continue
        if k % 7 == 0:
            t = re.sub(r"\d+", lambda m: str(int(m.group()) + 1), t)
        if k % 11 == 0:
            t = t.replace("加强", "进一步加强").replace("推进", "加快推进")
        edited.append(t)
        if k % 25 == 24:
            edited.append(f"新增措施{k}。建立健全评估制度，每年开展一次评估。")
    edited += [edited.pop(len(edited) // k) for k in (9, 3, 2)]  # three moved to the end
    old, new = policydiff.parse_text(plan(items)), policydiff.parse_text(plan(edited))
    t0 = time.perf_counter()
    report = policydiff.diff(old, new)
    t_diff = time.perf_counter() - t0
    t0 = time.perf_counter()
    difflib.SequenceMatcher(a=items, b=edited, autojunk=False).get_opcodes()
    t_lines = time.perf_counter() - t0
    n_old, n_new = len(list(old.walk())), len(list(new.walk()))
    print(f"measures: {n_old} old, {n_new} new; statuses {report.summary.measures}")
    print(f"policydiff.diff (align + word diff + targets): {t_diff:.2f} s")
    print(f"anchor: difflib.SequenceMatcher over the item lists {t_lines:.3f} s")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 1700)
