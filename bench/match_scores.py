"""Where should "no counterpart" begin? Scores of hand-judged pairs and non-pairs on the corpus.

Run: .venv/bin/python bench/match_scores.py
For each judged non-pair (a reference measure whose topic the other plan does not treat) the best
score it reaches in that plan is a score that must stay below the threshold; for each judged pair,
the pair's score should reach it. compare.MIN_SCORE is chosen between the two.
"""

from __future__ import annotations

import statistics
from pathlib import Path

import yaml

import policydiff
from policydiff.compare import MIN_SCORE, TfidfScorer, leaves

DATA = Path(__file__).resolve().parent.parent / "tests" / "data" / "compare_pairs.yaml"


def main() -> None:
    judged = yaml.safe_load(DATA.read_text(encoding="utf-8"))
    ids = [judged["reference"], "wuxi-2022", "chongqing-mca-2025-reply", "city-2022-yilaoyixiao"]
    by_doc = {d: {"/".join(leaf.measure.path): leaf for leaf in leaves(policydiff.parse(d))} for d in ids}
    scorer = TfidfScorer()
    scorer.fit([leaf.text for d in ids for leaf in by_doc[d].values()])
    ref = by_doc[judged["reference"]]
    pair_scores = [scorer.score(ref[p].text, by_doc[d][q].text) for p, d, q in judged["pairs"]]
    non_best = [
        max(scorer.score(ref[p].text, leaf.text) for leaf in by_doc[d].values())
        for p, d in judged["non_pairs"]
    ]
    everything = sorted(
        scorer.score(a.text, b.text) for a in ref.values() for d in ids[1:] for b in by_doc[d].values()
    )
    print(
        f"judged pairs      n={len(pair_scores):3d}  min {min(pair_scores):.3f}  median {statistics.median(pair_scores):.3f}"
    )
    print(
        f"judged non-pairs  n={len(non_best):3d}  best score reached: max {max(non_best):.3f}  median {statistics.median(non_best):.3f}"
    )
    print(
        f"all reference×other pairs n={len(everything)}: median {statistics.median(everything):.3f}, "
        f"95th pct {everything[int(0.95 * len(everything))]:.3f}"
    )
    print(f"compare.MIN_SCORE = {MIN_SCORE}")


if __name__ == "__main__":
    main()
