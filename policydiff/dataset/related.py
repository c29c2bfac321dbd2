"""Which plans derive from which: near-duplicate sentences found with MinHash LSH, grouped into
clusters (one sentence as worded in several plans), then plans compared through them.

Copying between plans happens sentence by sentence: a district measure keeps a sentence of the city
measure and adds its own, so whole measures are rarely near-duplicates (bigram Jaccard of annotated
city → district counterparts: median 0.08–0.13) while their copied sentences are (≥ 0.5 for a third
to nine tenths of the counterparts in the development set's families; 0–4 % between plans of one
topic that do not derive from each other).

1. Each measure's own text is cut into sentences (。；！？ and line ends); numbers are folded to one
   sign (a changed target is still the same sentence), punctuation and spaces dropped; sentences
   shorter than MIN_CHARS take no part.
2. Character-bigram MinHash of each distinct sentence; LSH gives candidate pairs, kept when the
   estimated Jaccard similarity is at least SENTENCE_THRESHOLD; connected pairs form clusters.
3. A plan is the set of its clusters. A second LSH over those sets, one row per band (two plans are
   candidates when any of their minima agree, so a plan sharing a few per cent of its sentences is
   still found with high probability), gives candidate plan pairs, which are then counted exactly:
   a measure is shared with another plan when one of its sentences is.
4. A plan's relatives are ranked by shared measures; the earlier date is the parent when both
   plans have one (the text flowed from it), otherwise no direction is claimed.

Only candidate pairs are ever scored: nothing is quadratic in the number of plans or sentences.
"""

from __future__ import annotations

import re
from collections import defaultdict
from typing import Literal

from ..errors import InputError
from ..models import PlanRelatives, RelatedReport, Relative
from .minhash import bigram_signatures, candidate_pairs, set_signatures, similarity
from .tables import Rows

MIN_CHARS = 12  # shorter sentences are headings or formulas (总体要求, 保障措施): no evidence of copying
SENTENCE_THRESHOLD = 0.5  # bigram Jaccard of two wordings of one sentence (district edits included)
MIN_SHARED = 2  # one shared measure is a coincidence or boilerplate, two are a relation
NUM_PERM = 64

_NOISE = re.compile(r"[\W_]+")
_DIGITS = re.compile(r"[0-9０-９.．%％]+")
_DATE = re.compile(r"(\d{4})\s*[年\-/.](?:\s*(\d{1,2})\s*[月\-/.](?:\s*(\d{1,2}))?)?")


def fold(text: str) -> str:
    """The measure text as compared: numbers one sign, punctuation and spaces gone."""
    return _NOISE.sub("", _DIGITS.sub("#", text))


_SENTENCE_END = re.compile(r"[。；;！？!?\n]")
# bracketed asides: unit tags （市民政局牵头，各区政府负责）, citations （《…条例》第五条）, notes — the same
# few words in every plan of a city, no evidence that one plan copied another
_ASIDE = re.compile(r"（[^（）]*）|\([^()]*\)|【[^【】]*】")


def sentences(text: str) -> list[str]:
    """The folded sentences of a measure's text, asides left out, that are long enough to compare."""
    parts = _SENTENCE_END.split(_ASIDE.sub("", text))
    return [f for f in (fold(p) for p in parts) if len(f) >= MIN_CHARS]


def related(rows: Rows, *, to: str | None = None, top: int = 10) -> RelatedReport:
    """Every plan's likely relatives (or only those of the plan `to`), from the tables of a dataset."""
    docs = [r for r in rows["documents"] if r["status"] == "ok"]
    if to is not None and not any(d["doc"] == to for d in docs):
        raise InputError(f"{to}: not among the plans given (or it could not be parsed)")
    index = {d["doc"]: i for i, d in enumerate(docs)}

    # 1. distinct sentences, and which measure of which plan each belongs to
    text_id: dict[str, int] = {}
    plan_measures: list[list[tuple[str, list[int]]]] = [[] for _ in docs]  # plan → (measure, sentence ids)
    for m in rows["measures"]:
        d = index.get(m["doc"])
        if d is None:
            continue
        ids = [text_id.setdefault(f, len(text_id)) for f in sentences(m["text"])]
        if ids:
            plan_measures[d].append((m["measure"], ids))

    # 2. near-duplicate sentences → clusters; 3. plans as sets of clusters
    cluster = _clusters(list(text_id))
    measures = [[(key, {cluster[i] for i in ids}) for key, ids in ms] for ms in plan_measures]
    members = [set().union(*(c for _, c in ms)) if ms else set() for ms in measures]
    spread: dict[int, int] = defaultdict(int)  # cluster → plans it occurs in
    for clusters_of_plan in members:
        for c in clusters_of_plan:
            spread[c] += 1

    found: dict[int, list[tuple[int, int, int]]] = defaultdict(list)  # plan → (relative, shared, theirs)
    for a, b in _plan_pairs(members):
        common = members[a] & members[b]
        mine = sum(1 for _, c in measures[a] if c & common)
        theirs = sum(1 for _, c in measures[b] if c & common)
        if min(mine, theirs) >= MIN_SHARED:
            found[a].append((b, mine, theirs))
            found[b].append((a, theirs, mine))

    plans = []
    for d, info in enumerate(docs):
        if to is not None and info["doc"] != to:
            continue
        n = len(measures[d])
        ranked = sorted(found[d], key=lambda x: (-x[1], -x[2], docs[x[0]]["doc"]))
        alone = [key for key, c in measures[d] if all(spread[x] == 1 for x in c)]
        plans.append(
            PlanRelatives(
                doc=info["doc"],
                title=info["title"],
                date=info["date"],
                measures=n,
                unmatched=len(alone),
                unmatched_measures=alone if to is not None else [],
                relatives=[
                    Relative(
                        doc=docs[r]["doc"],
                        title=docs[r]["title"],
                        date=docs[r]["date"],
                        shared=mine,
                        share=round(mine / n, 3),
                        share_of_relative=round(theirs / len(measures[r]), 3),
                        flow=_flow(info["date"], docs[r]["date"]),
                    )
                    for r, mine, theirs in ranked[:top]
                ],
            )
        )
    return RelatedReport(
        plans=plans,
        documents=len(docs),
        sentences=len(text_id),
        clusters=sum(1 for v in spread.values() if v > 1),
    )


def _clusters(texts: list[str]) -> list[int]:
    """Cluster id of each text: connected components of the near-duplicate pairs (union–find)."""
    parent = list(range(len(texts)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    if len(texts) > 1:
        sig = bigram_signatures(texts, NUM_PERM)
        pairs = candidate_pairs(sig, threshold=SENTENCE_THRESHOLD)
        for i, j in pairs[similarity(sig, pairs) >= SENTENCE_THRESHOLD]:
            ri, rj = root(int(i)), root(int(j))
            if ri != rj:
                parent[max(ri, rj)] = min(ri, rj)
    return [root(i) for i in range(len(texts))]


def _plan_pairs(members: list[set[int]]) -> list[tuple[int, int]]:
    """Candidate pairs of plans: LSH over their cluster sets with bands of one row, i.e. plans whose
    minimum agrees under any of the permutations (probability 1 − (1 − J)^bands for Jaccard J)."""
    if len(members) < 2:
        return []
    num_perm = 2 * NUM_PERM
    sig = set_signatures([sorted(s) for s in members], num_perm)
    return [(int(a), int(b)) for a, b in candidate_pairs(sig, params=(num_perm, 1))]


def _flow(mine: str | None, theirs: str | None) -> Literal["from", "to"] | None:
    a, b = _when(mine), _when(theirs)
    if a is None or b is None:
        return None
    known = min(len(a), len(b))  # compare at the precision both dates have
    if a[:known] == b[:known]:
        return None
    return "from" if b[:known] < a[:known] else "to"


def _when(date: str | None) -> tuple[int, ...] | None:
    """(year, month, day) as far as the date gives them."""
    m = _DATE.search(date or "")
    if m is None:
        return None
    return tuple(int(g) for g in m.groups() if g)
