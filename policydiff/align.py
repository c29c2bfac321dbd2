"""align: pair the measures of an old and a new version of a plan, by content at every level.

Labels never decide: an insertion renumbers everything after it, and a revision regroups items
under new chapters. The pairing runs in four steps:

1. candidates — measures that share rare character bigrams (an inverted index; every pair when the
   plans are small), so pairing stays near-linear as plans grow;
2. in-order pairs — confident mutual best matches in order (the longest increasing run of them)
   anchor the alignment, and a dynamic programme pairs what lies between two anchors;
3. moves — good matches left out of order;
4. structure — a chapter or group whose own text is only a heading follows its children (the
   parent of most of their counterparts), and split/merged pieces are found by containment: a
   measure whose text lies mostly inside another one.

The text scorer is pluggable: any function of two strings to a similarity in [0, 1].
"""

from __future__ import annotations

import bisect
import re
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field

from rapidfuzz import fuzz

from .models import Document, Measure

Scorer = Callable[[str, str], float]

PAIR_MIN = 0.5  # below this two measures are not the same measure
ANCHOR_MIN = 0.8  # a mutual best match at least this good anchors the in-order pairing
MOVE_MIN = 0.6  # out-of-order pairs need more evidence
# between two anchors, in order, a reworded measure under nearly the same title is the same measure
GAP_MIN, GAP_HEADING = 0.3, 0.6
# a piece split off or merged into a measure keeps at least half of its bigrams there
PART_MIN = 0.5
PART_GRAMS = 12  # pieces shorter than this many bigrams are too small to tell
HEADING_ONLY = 30  # own text this short (a title) does not decide a pairing on its own
_DENSE = 40_000  # up to this many pairs every pair is a candidate
_COMMON = 0.05  # 3-grams in more than this share of the measures carry no evidence
_TOP = 12  # candidates kept per measure of a large plan
_KEYS = 48  # the rarest keys of a measure looked up to find its candidates

_FORM = re.compile(r"\s+")


def char_ratio(a: str, b: str) -> float:
    """Default scorer: normalized Indel similarity of the characters (rapidfuzz ratio)."""
    return fuzz.ratio(a, b) / 100.0


@dataclass(frozen=True)
class Item:
    measure: Measure
    key: str  # text without layout whitespace: what is compared
    grams: frozenset[str]

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
    main: bool = True  # False for the further pieces of a split or merge


@dataclass
class Alignment:
    old: list[Item]
    new: list[Item]
    pairs: list[Pair]  # in the order of the new document, removed measures where they stood


def items(doc: Document) -> list[Item]:
    """Every measure of the plan and of its attachments, in document order."""
    out = []
    for m in doc.walk_all():
        key = comparable(m.text)
        out.append(Item(m, key, _grams(key)))
    return out


def comparable(text: str) -> str:
    """Text as compared: layout whitespace removed (widths were already folded by normalize)."""
    return _FORM.sub("", text)


def _grams(key: str) -> frozenset[str]:
    return frozenset(key[k : k + 2] for k in range(max(1, len(key) - 1)))


def similarity(a: Item, b: Item, scorer: Scorer = char_ratio) -> float:
    """How surely two measures are the same measure: their text (edit ratio or bigram overlap,
    whichever is higher, so an amended measure that kept most of its body still scores), then
    their headings; the same path only breaks ties."""
    text = scorer(a.key, b.key)
    if a.grams and b.grams:
        shared = len(a.grams & b.grams)
        text = max(text, 2 * shared / (len(a.grams) + len(b.grams)))
    ha, hb = a.measure.heading, b.measure.heading
    score = 0.8 * text + 0.2 * scorer(ha, hb) if ha and hb else text
    if a.path == b.path:
        score += 0.03
    return min(score, 1.0)


def align(old: Document, new: Document, scorer: Scorer = char_ratio) -> Alignment:
    a, b = items(old), items(new)
    sim = _Scores(a, b, scorer)
    pairs = _in_order(sim, len(a), len(b))
    matched_old = {p.old for p in pairs if p.old is not None}
    matched_new = {p.new for p in pairs if p.new is not None}

    # moves: good matches out of order
    moves = sorted(
        (
            (s, i, j)
            for (i, j), s in sim.candidates().items()
            if i not in matched_old and j not in matched_new and s >= MOVE_MIN
        ),
        key=lambda t: (-t[0], t[1], t[2]),
    )
    for score, i, j in moves:
        if i in matched_old or j in matched_new:
            continue
        pairs.append(Pair(i, j, "moved", score))
        matched_old.add(i)
        matched_new.add(j)

    _follow_children(a, b, pairs, matched_old, matched_new)
    _pieces(a, b, pairs, matched_old, matched_new)

    for p in pairs:
        if p.status == "pair":
            assert p.old is not None and p.new is not None
            same = a[p.old].key == b[p.new].key
            renumbered = a[p.old].path != b[p.new].path
            p.status = ("renumbered" if renumbered else "unchanged") if same else "modified"
    pairs += [Pair(i, None, "removed", 0.0) for i in range(len(a)) if i not in matched_old]
    pairs += [Pair(None, j, "added", 0.0) for j in range(len(b)) if j not in matched_new]
    pairs.sort(key=_order(pairs))
    return Alignment(a, b, pairs)


class _Scores:
    """Similarities of candidate pairs, computed once each."""

    def __init__(self, a: list[Item], b: list[Item], scorer: Scorer) -> None:
        self.a, self.b, self.scorer = a, b, scorer
        self._cache: dict[tuple[int, int], float] = {}
        self._cands: dict[tuple[int, int], float] | None = None

    def __call__(self, i: int, j: int) -> float:
        got = self._cache.get((i, j))
        if got is None:
            got = self._cache[(i, j)] = similarity(self.a[i], self.b[j], self.scorer)
        return got

    def candidates(self) -> dict[tuple[int, int], float]:
        """Scores of every pair that may be the same measure (shares rare 3-grams or a heading)."""
        if self._cands is None:
            self._cands = {(i, j): self(i, j) for i, j in self._pairs()}
        return self._cands

    def _pairs(self) -> list[tuple[int, int]]:
        n, m = len(self.a), len(self.b)
        if n * m <= _DENSE:
            return [(i, j) for i in range(n) for j in range(m)]
        postings: dict[str, list[int]] = defaultdict(list)
        for j, it in enumerate(self.b):
            for g in _trigrams(it.key):
                postings[g].append(j)
            if it.measure.heading:
                postings["h:" + it.measure.heading].append(j)
        cap = max(20, int(_COMMON * m))
        out = []
        for i, it in enumerate(self.a):
            hits: Counter[int] = Counter()
            keys = [*_trigrams(it.key), *(["h:" + it.measure.heading] if it.measure.heading else [])]
            rare = [p for p in map(postings.get, keys) if p and len(p) <= cap]
            # the rarest keys say the most: a long measure is looked up by _KEYS of them, not all
            if len(rare) > _KEYS:
                rare = sorted(rare, key=len)[:_KEYS]
            for post in rare:
                hits.update(post)
            # the measures sharing the most rare 3-grams with this one: enough to find its counterpart,
            # few enough to keep the pairing near-linear
            out += [(i, j) for j, _ in hits.most_common(_TOP)]
        return out


def _trigrams(key: str) -> set[str]:
    return {key[k : k + 3] for k in range(max(1, len(key) - 2))}


def _in_order(sim: _Scores, n: int, m: int) -> list[Pair]:
    """Order-keeping pairs: anchors, then a dynamic programme in each gap between two anchors."""
    best_new: dict[int, tuple[float, int]] = {}
    best_old: dict[int, tuple[float, int]] = {}
    for (i, j), s in sim.candidates().items():
        if s >= best_new.get(i, (-1.0, 0))[0]:
            best_new[i] = (s, j)
        if s >= best_old.get(j, (-1.0, 0))[0]:
            best_old[j] = (s, i)
    mutual = sorted(
        (i, j, s) for i, (s, j) in best_new.items() if s >= ANCHOR_MIN and best_old.get(j, (0.0, -1))[1] == i
    )
    anchors = _increasing(mutual)
    pairs: list[Pair] = []
    prev_i, prev_j = -1, -1
    for i, j, s in [*anchors, (n, m, 0.0)]:
        pairs += _monotone(sim, range(prev_i + 1, i), range(prev_j + 1, j))
        if i < n:
            pairs.append(Pair(i, j, "pair", s))
        prev_i, prev_j = i, j
    return pairs


def _increasing(pairs: list[tuple[int, int, float]]) -> list[tuple[int, int, float]]:
    """The longest run of pairs increasing in both indices (pairs sorted by old index)."""
    tails: list[int] = []  # new index ending the best run of each length
    tail_at: list[int] = []
    back: list[int] = []
    for k, (_, j, _) in enumerate(pairs):
        pos = bisect.bisect_left(tails, j)
        if pos == len(tails):
            tails.append(j)
            tail_at.append(k)
        else:
            tails[pos], tail_at[pos] = j, k
        back.append(tail_at[pos - 1] if pos else -1)
    out = []
    k = tail_at[-1] if tail_at else -1
    while k >= 0:
        out.append(pairs[k])
        k = back[k]
    return out[::-1]


def _monotone(sim: _Scores, rows: range, cols: range) -> list[Pair]:
    """Best order-keeping pairing of a gap: maximise the summed similarity of pairs ≥ PAIR_MIN."""
    n, m = len(rows), len(cols)
    if not n or not m:
        return []
    scores = [[_gap_score(sim, i, j) for j in cols] for i in rows]
    best = [[0.0] * (m + 1) for _ in range(n + 1)]
    for i in range(1, n + 1):
        row, prev, sc = best[i], best[i - 1], scores[i - 1]
        for j in range(1, m + 1):
            v = max(prev[j], row[j - 1])
            if sc[j - 1] >= PAIR_MIN:
                v = max(v, prev[j - 1] + sc[j - 1])
            row[j] = v
    pairs: list[Pair] = []
    i, j = n, m
    while i > 0 and j > 0:
        s = scores[i - 1][j - 1]
        if s >= PAIR_MIN and abs(best[i][j] - (best[i - 1][j - 1] + s)) < 1e-9:
            pairs.append(Pair(rows[i - 1], cols[j - 1], "pair", s))
            i, j = i - 1, j - 1
        elif abs(best[i][j] - best[i - 1][j]) < 1e-9:
            i -= 1
        else:
            j -= 1
    return pairs[::-1]


def _gap_score(sim: _Scores, i: int, j: int) -> float:
    """Similarity inside a gap: a low text score is lifted to PAIR_MIN when the titles agree."""
    s = sim(i, j)
    if GAP_MIN <= s < PAIR_MIN:
        ha, hb = sim.a[i].measure.heading, sim.b[j].measure.heading
        if ha and hb and sim.scorer(ha, hb) >= GAP_HEADING:
            return PAIR_MIN
    return s


def _follow_children(
    a: list[Item], b: list[Item], pairs: list[Pair], matched_old: set[int], matched_new: set[int]
) -> None:
    """A measure left unpaired whose children were paired follows them: to the parent of their
    counterparts, or to several parents each holding two or more of them (a split, or a merge when
    the measure is new). Strongest evidence first: the (measure, parent) pair with the most children
    behind it is settled before weaker ones compete for the same parent; a group settled this way
    can then vote for its chapter."""
    index = {
        "old": {tuple(it.path): k for k, it in enumerate(a)},
        "new": {tuple(it.path): k for k, it in enumerate(b)},
    }
    position = {
        "old": {id(it.measure): k for k, it in enumerate(a)},
        "new": {id(it.measure): k for k, it in enumerate(b)},
    }
    items = {"old": a, "new": b}
    matched = {"old": matched_old, "new": matched_new}
    followed: dict[tuple[str, int], list[int]] = {}  # measures settled here → their parents so far
    while True:
        best: tuple[int, int, int, str, int, int] | None = None  # (votes, depth, -k, side, measure, parent)
        for side in ("old", "new"):
            other = "new" if side == "old" else "old"
            mine, theirs = items[side], items[other]
            counterpart = _counterparts(pairs, side)
            for k, it in enumerate(mine):
                if not it.measure.children or len(it.key) > HEADING_ONLY:
                    continue
                if k in matched[side] and (side, k) not in followed:
                    continue  # paired on its own text
                votes: Counter[int] = Counter()
                for child in it.measure.children:
                    for o in counterpart.get(position[side][id(child)], []):
                        parent = index[other].get(tuple(theirs[o].path[:-1]))
                        if parent is not None and parent not in matched[other]:
                            votes[parent] += 1
                taken = followed.get((side, k))
                for parent, v in votes.items():
                    if taken and v < 2:
                        continue  # a further piece of a split needs two children
                    key = (v, len(it.path), -k, side, k, parent)  # most children; deeper first on a tie
                    if best is None or key[:3] > best[:3]:
                        best = key
        if best is None:
            return
        _, _, _, side, k, parent = best
        pieces = followed.setdefault((side, k), [])
        pieces.append(parent)
        o, n = (k, parent) if side == "old" else (parent, k)
        if len(pieces) == 1:
            pairs.append(Pair(o, n, "pair", 0.0))
        else:
            status = "split" if side == "old" else "merged"
            mine_pairs = [p for p in pairs if (p.old if side == "old" else p.new) == k]
            for p in mine_pairs:
                p.status, p.parts, p.main = status, sorted(pieces), p is mine_pairs[0]
            pairs.append(Pair(o, n, status, 0.0, parts=sorted(pieces), main=False))
        other = "new" if side == "old" else "old"
        followed.setdefault((other, parent), []).append(k)  # it may take further pieces too
        matched[side].add(k)
        matched[other].add(parent)


def _counterparts(pairs: list[Pair], side: str) -> dict[int, list[int]]:
    out: dict[int, list[int]] = defaultdict(list)
    for p in pairs:
        if p.old is not None and p.new is not None:
            if side == "old":
                out[p.old].append(p.new)
            else:
                out[p.new].append(p.old)
    return out


def _pieces(
    a: list[Item], b: list[Item], pairs: list[Pair], matched_old: set[int], matched_new: set[int]
) -> None:
    """Split and merged pieces, found by containment: an unpaired new measure whose text lies mostly
    inside an old one is a piece split off it; an unpaired old measure lying mostly inside a new one
    was merged into it. When the container has no counterpart yet, the two are simply a pair."""
    by_old: dict[int, Pair] = {p.old: p for p in pairs if p.old is not None and p.new is not None and p.main}
    by_new: dict[int, Pair] = {p.new: p for p in pairs if p.old is not None and p.new is not None and p.main}
    # (pieces, wholes, their matched sets and pairs, the status, whether the piece is the new side)
    directions = (
        (b, a, matched_new, matched_old, by_new, by_old, "split", True),
        (a, b, matched_old, matched_new, by_old, by_new, "merged", False),
    )
    for pieces, wholes, done_piece, done_whole, by_piece, by_whole, status, piece_is_new in directions:
        for k in range(len(pieces)):
            if k in done_piece:
                continue
            w = _container(pieces[k], list(enumerate(wholes)))
            if w is None:
                continue
            done_piece.add(k)
            old, new = (w, k) if piece_is_new else (k, w)
            main = by_whole.get(w)
            if main is None:
                by_whole[w] = by_piece[k] = Pair(old, new, "pair", 0.0)
                pairs.append(by_whole[w])
                done_whole.add(w)
                continue
            first = main.new if piece_is_new else main.old
            parts = sorted({*(main.parts or ([first] if first is not None else [])), k})
            main.status, main.parts = status, parts
            pairs.append(Pair(old, new, status, 0.0, parts=parts, main=False))
    for p in pairs:  # every piece of one split (merge) lists all of them
        if p.status == "split" and p.old in by_old:
            p.parts = by_old[p.old].parts
        elif p.status == "merged" and p.new in by_new:
            p.parts = by_new[p.new].parts


def _container(part: Item, candidates: list[tuple[int, Item]]) -> int | None:
    """The candidate whose text contains most of `part`'s bigrams, if `part` is clearly the smaller."""
    if len(part.grams) < PART_GRAMS:
        return None
    best, best_share = None, PART_MIN
    for k, whole in candidates:
        if len(part.key) > 0.8 * len(whole.key):
            continue
        share = len(part.grams & whole.grams) / len(part.grams)
        if share >= best_share:
            best, best_share = k, share
    return best


def _order(pairs: list[Pair]) -> Callable[[Pair], tuple[float, int, int]]:
    """New-document order; a removed measure goes after the new place of the old measure before it."""
    new_of_old = sorted((p.old, p.new) for p in pairs if p.old is not None and p.new is not None)
    olds = [o for o, _ in new_of_old]
    running: list[int] = []
    for _, n in new_of_old:
        running.append(max(n, running[-1]) if running else n)

    def key(p: Pair) -> tuple[float, int, int]:
        if p.new is not None:
            return (p.new, 0 if p.old is None else 1, p.old if p.old is not None else -1)
        assert p.old is not None
        k = bisect.bisect_left(olds, p.old)
        return ((running[k - 1] if k else -1) + 0.5, 2, p.old)

    return key
