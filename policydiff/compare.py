"""compare: plans of different places → which measures match, and their shared indicators.

Plans of different places share neither order nor numbering, so matching is not an alignment but a
search: each leaf measure of the reference is scored against every leaf of each other plan, and the
best ones above a threshold are its counterparts. The default scorer weights words by how rare they
are among the measures in hand (TF-IDF over jieba words, boilerplate verbs and scope words such as
全区/全县 removed, responsible-unit clauses cut): topic words such as 助餐, 托位, 适老化改造 carry the
match, "加强…推进…" does not. Any scorer with `fit` and `score` can replace it.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Protocol

import yaml
from rapidfuzz import fuzz, process

from . import corpus
from .limits import MIN_SCORE
from .models import (
    ComparedDoc,
    CompareReport,
    Counterpart,
    Coverage,
    Document,
    Fact,
    IndicatorGroup,
    IndicatorValue,
    Level,
    Measure,
    MeasureMatch,
    Target,
    Uncovered,
)
from .normalize import is_han
from .sentences import sentences
from .tokens import tokenize
from .units import find_clauses

#: Scores below MIN_SCORE (limits.py) are "no counterpart". Measured on the corpus (bench/match_scores.py,
#: judgements in tests/data/compare_pairs.yaml): the best score a judged non-pair reaches is at most
#: 0.084, judged pairs score 0.128 and up (median 0.287); the threshold 0.11 sits between the two.
#: A second or third counterpart must score at least this share of the best one.
DERIVED_MIN = 3  # sentences shared word for word that make two plans one family
RUNNER_UP = 0.5
TOP_K = 3
_RANK: dict[str, int] = {"province": 4, "municipal": 4, "city": 3, "district": 2, "county": 2}
_NUMERIC = re.compile(r"[\d%‰.:]")


class Scorer(Protocol):
    def fit(self, texts: Sequence[str]) -> None: ...
    def score(self, a: str, b: str) -> float: ...


@lru_cache(maxsize=1)
def _stopwords() -> frozenset[str]:
    raw = resources.files("policydiff").joinpath("data/stopwords.txt").read_text("utf-8")
    return frozenset(w for line in raw.splitlines() if not line.startswith("#") for w in line.split())


def topic_words(text: str) -> list[str]:
    """The words of a measure that can say what it is about."""
    stop = _stopwords()
    return [
        w
        for w in tokenize(text)
        if len(w) > 1 and w not in stop and not _NUMERIC.search(w) and any(is_han(c) for c in w)
    ]


class TfidfScorer:
    """Cosine similarity of TF-IDF vectors of topic words (sublinear tf, smoothed idf)."""

    def __init__(self) -> None:
        self._idf: dict[str, float] = {}
        self._tf: dict[str, Counter[str]] = {}
        self._vectors: dict[str, dict[str, float]] = {}

    def fit(self, texts: Sequence[str]) -> None:
        # tokenizing is the costly part: each text once, kept for its vector
        self._tf = {t: Counter(topic_words(t)) for t in texts}
        df = Counter(w for t in texts for w in self._tf[t])
        n = len(texts)
        self._idf = {w: math.log((n + 1) / (c + 1)) + 1.0 for w, c in df.items()}
        self._vectors = {}

    def _vector(self, text: str) -> dict[str, float]:
        v = self._vectors.get(text)
        if v is None:
            tf = self._tf.get(text) or Counter(topic_words(text))
            v = {w: (1 + math.log(c)) * self._idf.get(w, 1.0) for w, c in tf.items()}
            norm = math.sqrt(sum(x * x for x in v.values())) or 1.0
            v = {w: x / norm for w, x in v.items()}
            self._vectors[text] = v
        return v

    def index(self, texts: Sequence[str]) -> dict[str, list[tuple[int, float]]]:
        """word → [(position in texts, weight)]: for scoring one text against many at once."""
        inv: dict[str, list[tuple[int, float]]] = {}
        for k, t in enumerate(texts):
            for w, x in self._vector(t).items():
                inv.setdefault(w, []).append((k, x))
        return inv

    def score_many(self, text: str, inv: dict[str, list[tuple[int, float]]]) -> dict[int, float]:
        """Cosine of `text` with every indexed text sharing a word with it (the others score 0):
        the products are summed along the shared words' postings, not pair by pair."""
        acc: dict[int, float] = {}
        for w, x in self._vector(text).items():
            for k, y in inv.get(w, ()):
                acc[k] = acc.get(k, 0.0) + x * y
        return acc

    def score(self, a: str, b: str) -> float:
        va, vb = self._vector(a), self._vector(b)
        if len(va) > len(vb):
            va, vb = vb, va
        return sum(x * vb.get(w, 0.0) for w, x in va.items())


@dataclass(frozen=True)
class _Leaf:
    doc: str
    measure: Measure
    text: str  # heading + own text without the responsible-unit clauses
    chapters: str = ""  # the headings of the measures above it


def leaves(doc: Document) -> list[_Leaf]:
    """Leaf measures: the unit of matching (chapters are context, not content)."""
    out = []
    headings: dict[tuple[str, ...], str] = {}
    for m in doc.walk():
        headings[tuple(m.path)] = m.heading or ""
        if m.children:
            continue
        text = m.text
        for c in reversed(find_clauses(text)):
            text = text[: c.start] + text[c.end :]
        above = " ".join(headings.get(tuple(m.path[:k]), "") for k in range(1, len(m.path)))
        out.append(_Leaf(doc.document.id, m, text, above))
    return out


def _with_chapters(leaf: _Leaf) -> _Leaf:
    return _Leaf(leaf.doc, leaf.measure, f"{leaf.chapters} {leaf.text}", leaf.chapters)


def derived_pairs(docs: Sequence[Document]) -> set[frozenset[str]]:
    """Pairs of documents of which one was written from the other: they share sentences word for
    word (numbers aside). Between them a measure's chapter is evidence too — a district plan keeps
    its city plan's chapters — while plans written apart organise their chapters differently."""
    said = {d.document.id: {x for m in d.walk_all() for x in sentences(m.text)} for d in docs}
    ids = list(said)
    return {
        frozenset((a, b))
        for i, a in enumerate(ids)
        for b in ids[i + 1 :]
        if len(said[a] & said[b]) >= DERIVED_MIN
    }


def compare(
    reference: Document,
    others: Sequence[Document],
    *,
    min_score: float = MIN_SCORE,
    scorer: Scorer | None = None,
) -> CompareReport:
    """Match the leaf measures of `reference` in each of `others`; group all their indicators."""
    docs = [reference, *others]
    scorer = scorer or TfidfScorer()
    by_doc = {d.document.id: leaves(d) for d in docs}
    derived = derived_pairs(docs)
    in_family = {i for pair in derived for i in pair}
    # between derived plans a leaf is read with its chapters' headings (see derived_pairs)
    framed = {i: [_with_chapters(leaf) for leaf in by_doc[i]] for i in in_family}
    scorer.fit([leaf.text for ls in (*by_doc.values(), *framed.values()) for leaf in ls])

    found: dict[tuple[int, str], list[Counterpart]] = {}
    # TF-IDF scores one leaf against all leaves of a document along an inverted index (a leaf sharing
    # no word scores 0); any other scorer is asked pair by pair
    indexes: dict[str, dict[str, list[tuple[int, float]]]] = {}

    def scored_against(leaf: _Leaf, doc_id: str) -> list[tuple[float, _Leaf]]:
        pool = by_doc[doc_id]
        frame = frozenset((leaf.doc, doc_id)) in derived
        mine, theirs = (_with_chapters(leaf), framed[doc_id]) if frame else (leaf, pool)
        if not isinstance(scorer, TfidfScorer):
            return [(scorer.score(mine.text, other.text), pool[k]) for k, other in enumerate(theirs)]
        key = f"{doc_id}\0framed" if frame else doc_id
        if key not in indexes:
            indexes[key] = scorer.index([other.text for other in theirs])
        return [(s, pool[k]) for k, s in sorted(scorer.score_many(mine.text, indexes[key]).items())]

    def best(leaf: _Leaf, doc_id: str) -> list[Counterpart]:
        # matches and coverage ask the same question of the reference's leaves: answer it once
        key = (id(leaf), doc_id)
        if key not in found:
            found[key] = _best(leaf, doc_id)
        return found[key]

    def _best(leaf: _Leaf, doc_id: str) -> list[Counterpart]:
        scored = scored_against(leaf, doc_id)
        scored = [s for s in scored if s[0] >= min_score]
        scored.sort(key=lambda s: -s[0])
        scored = [s for s in scored if s[0] >= RUNNER_UP * scored[0][0]]
        return [
            Counterpart(
                path=o.measure.path, heading=o.measure.heading, score=round(s, 3), units=_canon(o.measure)
            )
            for s, o in scored[:TOP_K]
        ]

    ref_id = reference.document.id
    matches = [
        MeasureMatch(
            doc=ref_id,
            path=leaf.measure.path,
            heading=leaf.measure.heading,
            units=_canon(leaf.measure),
            counterparts={d.document.id: best(leaf, d.document.id) for d in others},
        )
        for leaf in by_doc[ref_id]
    ]
    coverage = []
    for d in docs:
        own = d.document.id
        rest = [o for o in by_doc if o != own]
        unmatched = [leaf for leaf in by_doc[own] if not any(best(leaf, o) for o in rest)]
        coverage.append(
            Coverage(
                doc=own,
                leaves=len(by_doc[own]),
                matched=len(by_doc[own]) - len(unmatched),
                unmatched=[Uncovered(path=u.measure.path, heading=u.measure.heading) for u in unmatched],
            )
        )
    described = [describe(d) for d in docs]
    return CompareReport(
        documents=described,
        min_score=min_score,
        matches=matches,
        coverage=coverage,
        indicators=indicator_groups(docs, described),
    )


def _canon(m: Measure) -> list[str]:
    return list(dict.fromkeys(u.canonical for u in m.responsible_units))


# ------------------------------------------------------------------ documents


_LEVEL_OF_SUFFIX: dict[str, Level] = {"省": "province", "区": "district", "县": "county"}


def describe(doc: Document) -> ComparedDoc:
    """Level and jurisdiction: from the corpus manifest when the document is a corpus one, else from
    the place name that opens its title or issuer (重庆市合川区… → district 重庆市合川区)."""
    info = doc.document
    entry = corpus.get(info.id)
    if entry is not None and (entry.level or entry.meta.get("jurisdiction")):
        level = entry.level if entry.level in _RANK else None
        jur = entry.meta.get("jurisdiction")
        return ComparedDoc(id=info.id, title=info.title, level=level, jurisdiction=str(jur) if jur else None)
    for text in (info.issuer, info.title):
        m = re.match(r"^((?:[\u4e00-\u9fff]{2,7}?[省市])?(?:[\u4e00-\u9fff]{2,5}?[区县])?)", text or "")
        place = m.group(1) if m else ""
        if place:
            if place[-1] == "市":
                found: Level = "municipal" if place in ("北京市", "天津市", "上海市", "重庆市") else "city"
            else:
                found = _LEVEL_OF_SUFFIX[place[-1]]
            return ComparedDoc(id=info.id, title=info.title, level=found, jurisdiction=place)
    return ComparedDoc(id=info.id, title=info.title, level=None, jurisdiction=None)


# ------------------------------------------------------------------ indicators


@lru_cache(maxsize=1)
def _canonical_indicators() -> list[tuple[str, list[re.Pattern[str]]]]:
    raw = resources.files("policydiff").joinpath("data/indicators.yaml").read_text("utf-8")
    return [(row["name"], [re.compile(p) for p in row["patterns"]]) for row in yaml.safe_load(raw)]


def canonical_indicator(indicator: str) -> str | None:
    """The canonical name of an indicator as written, if the table knows it."""
    for name, patterns in _canonical_indicators():
        if any(p.search(indicator) for p in patterns):
            return name
    return None


def _values(doc: Document, level: Level | None) -> Iterable[IndicatorValue]:
    doc_id = doc.document.id
    blocks: list[tuple[list[str], list[Target], list[Fact]]] = [
        ([], doc.preamble.targets, doc.preamble.facts)
    ]
    blocks += [(m.path, m.targets, m.facts) for m in doc.walk()]
    for path, targets, facts in blocks:
        quantities: list[Target | Fact] = [*targets, *facts]
        for q in quantities:
            yield IndicatorValue(
                doc=doc_id, level=level, path=path, kind=q.kind, year=q.year, comparator=q.comparator,
                value=q.value, unit=q.unit, indicator=q.indicator, text=q.text,
            )  # fmt: skip
    for row in doc.indicators:
        path = ["附表", row.no or ""]
        if row.baseline_value is not None:
            yield IndicatorValue(
                doc=doc_id, level=level, path=path, indicator=row.indicator, kind="baseline", year=row.baseline_year,
                comparator="=", value=row.baseline_value, unit=_table_unit(row.baseline, row.unit),
                text=f"{row.indicator} {row.baseline}",
            )  # fmt: skip
        if row.target_value is not None:
            yield IndicatorValue(
                doc=doc_id, level=level, path=path, indicator=row.indicator, kind="target", year=row.target_year,
                comparator=row.target_comparator, value=row.target_value, unit=_table_unit(row.target, row.unit),
                text=f"{row.indicator} {row.target}",
            )  # fmt: skip


def _table_unit(cell: str | None, unit: str | None) -> str | None:
    return "%" if cell and cell.endswith("%") else (unit if unit == "%" and cell and "%" in cell else None)


def indicator_groups(docs: Sequence[Document], described: Sequence[ComparedDoc]) -> list[IndicatorGroup]:
    """Targets and facts of all documents grouped by indicator; only groups shared by ≥ 2 documents."""
    groups: dict[str, list[IndicatorValue]] = {}
    loose: list[IndicatorValue] = []
    for doc, info in zip(docs, described, strict=True):
        for v in _values(doc, info.level):
            name = canonical_indicator(v.indicator or "")
            if name:
                groups.setdefault(name, []).append(v)
            elif v.indicator:
                loose.append(v)
    # indicators the table does not know: group close wordings (同一指标, 不同措辞)
    # one C-level pass over the group names per value (rapidfuzz), in their order of creation
    names = list(groups)
    stripped = [_strip_scope(k) for k in names]
    for v in loose:
        key = _strip_scope(v.indicator or "")
        hit = process.extractOne(key, stripped, scorer=fuzz.ratio, score_cutoff=90) if stripped else None
        home = names[hit[2]] if hit is not None else key
        if home not in groups:
            names.append(home)
            stripped.append(key)
        groups.setdefault(home, []).append(v)
    by_id = {d.id: d for d in described}
    out = []
    for name, values in groups.items():
        if len({v.doc for v in values}) < 2:
            continue
        out.append(IndicatorGroup(indicator=name, values=values, flags=_flags(values, by_id)))
    out.sort(key=lambda g: (-len({v.doc for v in g.values}), g.indicator))
    return out


def _strip_scope(s: str) -> str:
    return re.sub(r"^(全[区县市省国]|[区县市省]级?|我[区县市])", "", s)


def _flags(values: list[IndicatorValue], info: dict[str, ComparedDoc]) -> list[str]:
    flags = []
    units = {v.unit for v in values}
    if len(units) > 1:
        flags.append("units differ: " + ", ".join(sorted(u or "none" for u in units)))
    targets = [v for v in values if v.kind == "target"]
    for low in targets:
        for high in targets:
            lo, hi = info[low.doc], info[high.doc]
            if not (lo.jurisdiction and hi.jurisdiction and lo.jurisdiction != hi.jurisdiction):
                continue
            parent = lo.jurisdiction.startswith(hi.jurisdiction) and _RANK.get(hi.level or "", 0) > _RANK.get(
                lo.level or "", 0
            )
            if parent and low.year == high.year and low.unit == high.unit and low.value < high.value:
                flags.append(
                    f"{low.doc} ({lo.level}) targets {low.value:g}{low.unit or ''} for {low.year}, "
                    f"below {high.doc} ({hi.level}) {high.value:g}{high.unit or ''}"
                )
    return flags
