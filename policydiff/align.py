"""align: pair the measures of an old and a new version of a plan.

Drafts and finals keep their order, so a dynamic programme finds the best monotone pairing over a
similarity of text, heading and label (labels shift when an item is inserted; short items look
alike; neither alone is enough). What it leaves unpaired is then searched for moves (a good match
out of order), splits (an old measure whose text reappears in two new ones) and merges.
The scorer is pluggable: any function of two strings to a similarity in [0, 1].
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from rapidfuzz import fuzz

from .models import Document, Measure

Scorer = Callable[[str, str], float]

PAIR_MIN = 0.5  # below this two measures are not the same measure
MOVE_MIN = 0.6  # out-of-order pairs need more evidence
PART_MIN = 0.9  # share of a split part found inside its source (rapidfuzz partial_ratio)

_FORM = re.compile(r"\s+")


def char_ratio(a: str, b: str) -> float:
    """Default scorer: normalized Indel similarity of the characters (rapidfuzz ratio)."""
    return fuzz.ratio(a, b) / 100.0


@dataclass(frozen=True)
class Item:
    measure: Measure
    key: str  # text without layout whitespace: what is compared

    @property
    def path(self) -> list[str]:
        return self.measure.path


@dataclass
class Pair:
    old: int | None
    new: int | None
    status: str
    score: float
    parts: list[int] = field(default_factory=list)  # split: new indices; merged: old indices


@dataclass
class Alignment:
    old: list[Item]
    new: list[Item]
    pairs: list[Pair]  # in the order of the new document, removed measures where they stood


def items(doc: Document) -> list[Item]:
    return [Item(m, comparable(m.text)) for m in doc.walk()]


def comparable(text: str) -> str:
    """Text as compared: layout whitespace removed (widths were already folded by normalize)."""
    return _FORM.sub("", text)


def similarity(a: Item, b: Item, scorer: Scorer = char_ratio) -> float:
    text = scorer(a.key, b.key)
    ha, hb = a.measure.heading, b.measure.heading
    heading = scorer(ha, hb) if ha and hb else text
    score = 0.7 * text + 0.3 * heading
    if a.path == b.path:
        score += 0.1
    elif a.measure.label == b.measure.label:
        score += 0.05
    if len(a.path) != len(b.path):
        score *= 0.8
    return min(score, 1.0)


def align(old: Document, new: Document, scorer: Scorer = char_ratio) -> Alignment:
    a, b = items(old), items(new)
    sim = [[similarity(x, y, scorer) for y in b] for x in a]
    pairs = _monotone(sim, len(a), len(b))
    matched_old = {p.old for p in pairs}
    matched_new = {p.new for p in pairs}
    lone_old = [i for i in range(len(a)) if i not in matched_old]
    lone_new = [j for j in range(len(b)) if j not in matched_new]

    # moves: good matches out of order
    moves = sorted(
        ((sim[i][j], i, j) for i in lone_old for j in lone_new if sim[i][j] >= MOVE_MIN), reverse=True
    )
    for score, i, j in moves:
        if i in matched_old or j in matched_new:
            continue
        pairs.append(Pair(i, j, "moved", score))
        matched_old.add(i)
        matched_new.add(j)

    by_old = {p.old: p for p in pairs if p.old is not None}
    by_new = {p.new: p for p in pairs if p.new is not None}
    # splits: a new measure whose text lies inside an old one that is already paired
    for j in [j for j in range(len(b)) if j not in matched_new]:
        src = _container(b[j].key, [(i, a[i].key) for i in by_old])
        if src is not None:
            p = by_old[src]
            p.status = "split"
            p.parts = sorted({*(p.parts or ([p.new] if p.new is not None else [])), j})
            matched_new.add(j)
    # merges: an old measure whose text lies inside a new one that is already paired
    for i in [i for i in range(len(a)) if i not in matched_old]:
        dst = _container(a[i].key, [(j, b[j].key) for j in by_new])
        if dst is not None:
            p = by_new[dst]
            p.status = "merged"
            p.parts = sorted({*(p.parts or ([p.old] if p.old is not None else [])), i})
            matched_old.add(i)

    for p in pairs:
        if p.status == "pair":
            assert p.old is not None and p.new is not None
            p.status = "unchanged" if a[p.old].key == b[p.new].key else "modified"
    pairs += [Pair(i, None, "removed", 0.0) for i in range(len(a)) if i not in matched_old]
    pairs += [Pair(None, j, "added", 0.0) for j in range(len(b)) if j not in matched_new]
    # in the order of the new document; a removed measure goes after the new place of the old
    # measure just before it
    new_of_old = {p.old: p.new for p in pairs if p.old is not None and p.new is not None}

    def order(p: Pair) -> tuple[float, int, int]:
        if p.new is not None:
            return (p.new, 0, 0)
        assert p.old is not None
        before = [new_of_old[i] for i in new_of_old if i < p.old and new_of_old[i] is not None]
        return (max(before, default=-1) + 0.5, 1, p.old)

    pairs.sort(key=order)
    return Alignment(a, b, pairs)


def _monotone(sim: list[list[float]], n: int, m: int) -> list[Pair]:
    """Best order-keeping pairing: maximise the summed similarity of pairs scoring ≥ PAIR_MIN."""
    best = [[0.0] * (m + 1) for _ in range(n + 1)]
    for i in range(1, n + 1):
        row, prev, scores = best[i], best[i - 1], sim[i - 1]
        for j in range(1, m + 1):
            v = max(prev[j], row[j - 1])
            if scores[j - 1] >= PAIR_MIN:
                v = max(v, prev[j - 1] + scores[j - 1])
            row[j] = v
    pairs: list[Pair] = []
    i, j = n, m
    while i > 0 and j > 0:
        score = sim[i - 1][j - 1]
        if score >= PAIR_MIN and abs(best[i][j] - (best[i - 1][j - 1] + score)) < 1e-9:
            pairs.append(Pair(i - 1, j - 1, "pair", score))
            i, j = i - 1, j - 1
        elif abs(best[i][j] - best[i - 1][j]) < 1e-9:
            i -= 1
        else:
            j -= 1
    pairs.reverse()
    return pairs


def _container(part: str, candidates: list[tuple[int, str]]) -> int | None:
    """The candidate whose text contains `part` (most of it), if `part` is clearly the smaller."""
    best, best_score = None, PART_MIN
    if len(part) < 8:
        return None
    for k, whole in candidates:
        if len(part) > 0.8 * len(whole):
            continue
        score = fuzz.partial_ratio(part, whole) / 100.0
        if score >= best_score:
            best, best_score = k, score
    return best
