"""Which plans derive from which: near-duplicate sentences found with MinHash LSH, grouped into
clusters (one sentence as worded in several plans), then plans compared through them.

Copying between plans happens sentence by sentence: a district measure keeps a sentence of the city
measure and adds its own, so whole measures are rarely near-duplicates (bigram Jaccard of annotated
city → district counterparts: median 0.08–0.13) while their copied sentences are (≥ 0.5 for a third
to nine tenths of the counterparts in the development set's families; 0–4 % between plans of one
topic that do not derive from each other).

1. Each measure's own text is cut into sentences (policydiff.sentences: 。；！？ and line ends, numbers
   folded to one sign so a changed target is still the same sentence, punctuation and bracketed
   asides dropped, short sentences left out).
2. Character-bigram MinHash of each distinct sentence; within each LSH bucket every sentence is linked
   to the bucket's first one when their estimated Jaccard similarity is at least SENTENCE_THRESHOLD
   (m − 1 links for a bucket of m, never m²/2 pairs); connected sentences form clusters.
3. A plan is the set of its clusters. Candidate plan pairs come from two indexes, each giving a plan
   a bounded number of partners: datasketch's LSH Forest over the plans' MinHash (the nearest copies
   in a large family) and a sparse count of shared clusters that occur in few plans (a district plan
   far from its city plan by Jaccard similarity, but sharing sentences no other plan has). The
   candidates are then counted exactly: a measure is shared with another plan when one of its
   sentences is.
4. A plan's relatives are ranked by the Jaccard similarity of their cluster sets, then of their
   sentences word for word, so that parent and children, one edit away, come before grandparents
   and cousins; shared measures are counted for the report. The earlier date is the parent when both
   plans have one (the text flowed from it), otherwise no direction is claimed.

Only candidate pairs are ever scored: nothing is quadratic in the number of plans or sentences.
"""

from __future__ import annotations

import os
import re
from collections import defaultdict
from pathlib import Path
from typing import Literal

import numpy as np

from ..errors import InputError
from ..models import Document, PlanRelatives, RelatedReport, Relative
from ..sentences import sentences
from .minhash import band_links, bigram_signatures, nearest, set_signatures, similarity
from .tables import Rows, document_rows

SENTENCE_THRESHOLD = 0.5  # bigram Jaccard of two wordings of one sentence (district edits included)
MIN_SHARED = 2  # one shared measure is a coincidence or boilerplate, two are a relation
RARE_SPREAD = 50  # a sentence in at most this many plans points at its relatives (see _plan_pairs)
NUM_PERM = 64

_DATE = re.compile(r"(\d{4})\s*[年\-/.](?:\s*(\d{1,2})\s*[月\-/.](?:\s*(\d{1,2}))?)?")


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

    # closeness: the Jaccard similarity of the two plans' sentence clusters, then of their sentences
    # word for word (numbers aside) — so that a plan's parent and children, one edit away, come
    # before grandparents and cousins, though all may share the same measures
    exact = [{i for _, ids in ms for i in ids} for ms in plan_measures]
    found: dict[int, list[tuple[int, int, int, tuple[float, float]]]] = defaultdict(list)
    focus = None if to is None else index[to]
    for a, b in _plan_pairs(members, spread, keep=max(3 * top, 30), focus=focus):
        common = members[a] & members[b]
        mine = sum(1 for _, c in measures[a] if c & common)
        theirs = sum(1 for _, c in measures[b] if c & common)
        if min(mine, theirs) >= MIN_SHARED:
            same = len(exact[a] & exact[b])
            close = (
                len(common) / (len(members[a]) + len(members[b]) - len(common)),
                same / (len(exact[a]) + len(exact[b]) - same),
            )
            found[a].append((b, mine, theirs, close))
            found[b].append((a, theirs, mine, close))

    plans = []
    for d, info in enumerate(docs):
        if to is not None and info["doc"] != to:
            continue
        n = len(measures[d])
        ranked = sorted(found[d], key=lambda x: (-x[3][0], -x[3][1], docs[x[0]]["doc"]))
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
                    for r, mine, theirs, _ in ranked[:top]
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
    """Cluster id of each text: connected components of the near-duplicate links."""
    if len(texts) < 2:
        return list(range(len(texts)))
    from scipy.sparse import coo_matrix
    from scipy.sparse.csgraph import connected_components

    sig = bigram_signatures(texts, NUM_PERM)
    links = band_links(sig, threshold=SENTENCE_THRESHOLD)
    links = links[similarity(sig, links) >= SENTENCE_THRESHOLD]
    n = len(texts)
    graph = coo_matrix((np.ones(len(links), dtype=np.int8), (links[:, 0], links[:, 1])), shape=(n, n))
    _, labels = connected_components(graph, directed=False)
    return [int(x) for x in labels]


def _plan_pairs(
    members: list[set[int]], spread: dict[int, int], *, keep: int, focus: int | None
) -> list[tuple[int, int]]:
    """Candidate pairs of plans, from two indexes, each giving a plan at most `keep` partners:
    - the plans nearest by MinHash of their cluster sets (datasketch's LSH Forest): in a family of
      hundreds of copies of one plan, the closest copies, not hundreds of pairs;
    - the plans sharing the most clusters that occur in few plans (≤ RARE_SPREAD), counted with a
      sparse matrix product: a district plan that keeps a tenth of a city plan among much of its own
      text is far from it by Jaccard similarity, but shares sentences no other plan has.
    Only the pairs of `focus` when it is given."""
    if len(members) < 2:
        return []
    sig = set_signatures([sorted(s) for s in members], 2 * NUM_PERM)
    found = {(int(a), int(b)) for a, b in nearest(sig, keep, only=focus)}
    found.update(_rare_pairs(members, spread, keep=keep, focus=focus))
    return sorted(found)


def _rare_pairs(
    members: list[set[int]], spread: dict[int, int], *, keep: int, focus: int | None
) -> set[tuple[int, int]]:
    """Each plan's `keep` partners sharing the most clusters found in 2 to RARE_SPREAD plans
    (`spread`: cluster → number of plans it occurs in)."""
    from scipy.sparse import csr_matrix

    column = {c: k for k, c in enumerate(c for c, n in spread.items() if 2 <= n <= RARE_SPREAD)}
    rows = [i for i, s in enumerate(members) for c in s if c in column]
    cols = [column[c] for s in members for c in s if c in column]
    m = csr_matrix(
        (np.ones(len(rows), dtype=np.int32), (rows, cols)), shape=(len(members), max(len(column), 1))
    )
    shared = (m[[focus]] @ m.T if focus is not None else m @ m.T).tocoo()
    a = np.asarray([focus] * shared.nnz if focus is not None else shared.row, dtype=np.int64)
    b, n = shared.col.astype(np.int64), shared.data
    ok = a != b
    a, b, n = a[ok], b[ok], n[ok]
    order = np.lexsort((-n, a))  # by plan, most shared first
    a, b = a[order], b[order]
    starts = np.flatnonzero(np.r_[True, a[1:] != a[:-1]]) if len(a) else np.zeros(0, dtype=np.int64)
    rank = np.arange(len(a)) - np.repeat(starts, np.diff(np.r_[starts, len(a)]))
    top = rank < keep
    return {(int(min(x, y)), int(max(x, y))) for x, y in zip(a[top], b[top], strict=True)}


def closest(reference: Document, dataset: str | os.PathLike[str], *, top: int = 10) -> list[Document]:
    """The `top` plans of an exported dataset closest to `reference` (as `related` ranks relatives),
    rebuilt from the dataset's tables: what `compare --against` compares the reference with. The
    reference's own entry in the dataset, if any, is left out."""
    from .._version import __version__
    from .documents import by_document, document_from_rows
    from .frames import load_rows

    rows = load_rows(dataset)
    key = "\0reference"  # no path looks like this
    own = document_rows(reference, key=key, sha256="", size=0, version=__version__)
    merged = {t: [*rows[t], *own[t]] for t in rows}
    plans = related(merged, to=key, top=top + 1).plans
    docs = by_document(rows)
    keys = [r.doc for r in plans[0].relatives if not _same_plan(reference, docs[r.doc]["documents"][0])][:top]
    return [document_from_rows(docs[k]) for k in keys]


def _same_plan(reference: Document, row: dict[str, object]) -> bool:
    """The dataset's entry of the reference itself: the same path, or the same file name and title."""
    info = reference.document
    if row["doc"] == Path(info.source).as_posix():
        return True
    return row["id"] == info.id and row["title"] == info.title


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
