"""diff: an old and a new version of a plan → DiffReport (measures, words, targets, units).

Two layers: measures are paired first (align.py), then the text inside each pair is diffed on word
tokens (tokens.py), so a renumbered or moved item is compared with its real counterpart and a year
change reads 2025年 → 2027年 rather than 202[5→7].
"""

from __future__ import annotations

import difflib
import itertools
from collections import defaultdict
from collections.abc import Iterator

from rapidfuzz import fuzz, process

from .align import Alignment, Item, Scorer, align, char_ratio
from .models import (
    DiffReport,
    DiffSummary,
    DocRef,
    Document,
    DroppedTarget,
    Edit,
    KeptTarget,
    MeasureChange,
    ResponsibleUnit,
    Substitution,
    Target,
    TargetChange,
    TargetDiff,
    TargetRef,
    UnitChange,
    UnitDiff,
)
from .tokens import add_terms, tokenize

TARGET_MIN = 0.55  # below this two targets do not measure the same thing
_SENTENCE_END = "。！？；"
_LOWER_BOUND = {">": 2, ">=": 1, "=": 0}
_UPPER_BOUND = {"<": 2, "<=": 1, "=": 0}


def diff(old: Document, new: Document, *, scorer: Scorer = char_ratio) -> DiffReport:
    """Compare two versions of a plan."""
    al = align(old, new, scorer)
    add_terms(u.name for d in (old, new) for m in d.walk() for u in m.responsible_units)
    measures = [_measure_change(al, p.old, p.new, p.status, p.parts, p.main) for p in al.pairs]
    targets = _target_diff(old, new, al)
    units = _unit_diff(al)
    counts = {
        k: 0 for k in ("unchanged", "renumbered", "modified", "added", "removed", "moved", "split", "merged")
    }
    for mc in measures:
        counts[mc.status] += 1
    summary = DiffSummary(
        measures=counts,
        targets={
            "kept": len(targets.kept),
            "changed": len(targets.changed),
            "dropped": len(targets.dropped),
            "added": len(targets.added),
        },
        units={"dropped": len(units.dropped), "added": len(units.added)},
    )
    return DiffReport(
        old=_doc_ref(old),
        new=_doc_ref(new),
        summary=summary,
        measures=measures,
        substitutions=substitutions(measures),
        targets=targets,
        units=units,
    )


SUBSTITUTION_MIN = 3  # measures in which a replacement must recur to be a systematic one


def substitutions(measures: list[MeasureChange], at_least: int = SUBSTITUTION_MIN) -> list[Substitution]:
    """Replacements (old words → new words) made in `at_least` measures or more, most frequent first."""
    places: dict[tuple[str, str], list[list[str]]] = {}
    for m in measures:
        if m.new is None:
            continue
        seen: set[tuple[str, str]] = set()
        for e in m.edits:
            if e.op == "replace" and e.old and e.new:
                key = _core(e.old, e.new)
                if key not in seen:
                    seen.add(key)
                    places.setdefault(key, []).append(m.new)
    found = [
        Substitution(old=o, new=n, count=len(ps), places=ps)
        for (o, n), ps in places.items()
        if len(ps) >= at_least
    ]
    return sorted(found, key=lambda x: (-x.count, x.places[0]))


def _core(old: str, new: str) -> tuple[str, str]:
    """What a replacement changes, without the words both sides share ("市级部门" → "区级部门" and
    "市级" → "区级" are one substitution): the differing middle, widened to two characters with the
    shared text next to it when it is a single one."""
    p = 0
    while p < min(len(old), len(new)) and old[p] == new[p]:
        p += 1
    q = 0
    while q < min(len(old), len(new)) - p and old[-1 - q] == new[-1 - q]:
        q += 1
    a, b = old[p : len(old) - q], new[p : len(new) - q]
    if min(len(a), len(b)) < 2:
        if q:  # take the next shared character: 市|级 → 市级
            a, b = a + old[len(old) - q], b + new[len(new) - q]
        elif p:
            a, b = old[p - 1] + a, new[p - 1] + b
    return a, b


def _doc_ref(doc: Document) -> DocRef:
    i = doc.document
    return DocRef(
        id=i.id, title=i.title, status=i.status, issuer=i.issuer, doc_number=i.doc_number, date=i.date
    )


def _measure_change(
    al: Alignment, i: int | None, j: int | None, status: str, parts: list[int], main: bool = True
) -> MeasureChange:
    a = al.old[i] if i is not None else None
    b = al.new[j] if j is not None else None
    if status == "split":
        part_paths = [al.new[k].path for k in parts]
    elif status == "merged":
        part_paths = [al.old[k].path for k in parts]
    else:
        part_paths = []
    # the main row of a split measure is compared with all its parts, of a merged one with all its
    # sources; the further pieces are listed beside it without repeating those edits
    old_text = a.measure.text if a else None
    new_text = b.measure.text if b else None
    if status == "split" and main:
        new_text = "\n".join(al.new[k].measure.text for k in parts)
    elif status == "merged" and main:
        old_text = "\n".join(al.old[k].measure.text for k in parts)
    similarity = char_ratio(a.key, b.key) if a and b else 0.0
    edits = (
        word_edits(old_text, new_text)
        if main and old_text is not None and new_text is not None and a and b and a.key != b.key
        else []
    )
    if status == "moved" and not edits:
        similarity = 1.0
    return MeasureChange(
        status=status,
        old=a.path if a else None,
        new=b.path if b else None,
        old_heading=a.measure.heading if a else None,
        new_heading=b.measure.heading if b else None,
        old_line=a.measure.span.line if a else None,
        new_line=b.measure.span.line if b else None,
        similarity=round(similarity, 3),
        renumbered=bool(a and b and a.path != b.path),
        parts=part_paths,
        edits=edits,
        old_text=old_text,
        new_text=new_text,
    )


def word_edits(old: str, new: str) -> list[Edit]:
    """Word-level edits from old to new, merged into phrases; whole sentences flagged."""
    a, b = tokenize(old), tokenize(new)
    groups: list[list[tuple[str, int, int, int, int]]] = []
    for op in _opcodes(a, b):
        tag, i1, i2, j1, j2 = op
        if tag == "equal":
            # a short run of equal tokens between two edits is glue: fold it into one phrase
            if groups and _is_glue(a[i1:i2]):
                groups[-1].append(op)
            else:
                groups.append([op])
        elif groups and groups[-1][-1][0] != "equal":
            groups[-1].append(op)
        elif groups and groups[-1][-1][0] == "equal" and len(groups[-1]) > 1:
            groups[-1].append(op)  # edit after glue: same phrase
        else:
            groups.append([op])
    # character offset of every token (a running sum, not a join per edit)
    at_a, at_b = [0, *itertools.accumulate(map(len, a))], [0, *itertools.accumulate(map(len, b))]
    edits: list[Edit] = []
    for g in groups:
        # trailing glue is not part of the phrase
        while g and g[-1][0] == "equal":
            g.pop()
        if not g:
            continue
        i1, i2 = g[0][1], g[-1][2]
        j1, j2 = g[0][3], g[-1][4]
        # "。到2027年…中心" deleted before "。" reads better as "到2027年…中心。": same diff, shifted
        if i1 == i2 and j1 < j2 and b[j1] in _SENTENCE_END and j2 < len(b) and b[j2] == b[j1]:
            j1, j2, i1, i2 = j1 + 1, j2 + 1, i1 + 1, i2 + 1
        elif j1 == j2 and i1 < i2 and a[i1] in _SENTENCE_END and i2 < len(a) and a[i2] == a[i1]:
            i1, i2, j1, j2 = i1 + 1, i2 + 1, j1 + 1, j2 + 1
        old_s, new_s = "".join(a[i1:i2]), "".join(b[j1:j2])
        old_at, new_at = at_a[i1], at_b[j1]
        if old_s and new_s:
            edits.append(Edit(op="replace", old=old_s, new=new_s, old_at=old_at, new_at=new_at))
        elif old_s:
            whole = _whole_sentence(a, i1, i2)
            edits.append(Edit(op="delete", old=old_s, new=None, sentence=whole, old_at=old_at, new_at=new_at))
        elif new_s:
            whole = _whole_sentence(b, j1, j2)
            edits.append(Edit(op="insert", old=None, new=new_s, sentence=whole, old_at=old_at, new_at=new_at))
    return edits


_DIRECT = 3000  # up to this many tokens a side, one sequence match; beyond, sentences first


def _opcodes(a: list[str], b: list[str]) -> list[tuple[str, int, int, int, int]]:
    """difflib opcodes from token list a to b. A long measure is matched in two layers, as a reader
    compares it: its sentences first, then the tokens of the sentences that differ (pair by pair
    where as many sentences stand on each side) — near-linear, where one token-level match is
    quadratic (80,000 characters: seconds; 320,000: minutes)."""
    if len(a) <= _DIRECT and len(b) <= _DIRECT:
        return list(difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes())
    sa, sb = _sentence_starts(a), _sentence_starts(b)
    keys_a = ["".join(a[sa[k] : sa[k + 1]]) for k in range(len(sa) - 1)]
    keys_b = ["".join(b[sb[k] : sb[k + 1]]) for k in range(len(sb) - 1)]
    out: list[tuple[str, int, int, int, int]] = []

    def tokens(ta1: int, ta2: int, tb1: int, tb2: int) -> None:
        for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(
            a=a[ta1:ta2], b=b[tb1:tb2], autojunk=False
        ).get_opcodes():
            out.append((tag, ta1 + i1, ta1 + i2, tb1 + j1, tb1 + j2))

    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(a=keys_a, b=keys_b, autojunk=False).get_opcodes():
        if tag == "equal":
            out.append(("equal", sa[i1], sa[i2], sb[j1], sb[j2]))
        elif tag == "replace" and i2 - i1 == j2 - j1:
            for k in range(i2 - i1):
                tokens(sa[i1 + k], sa[i1 + k + 1], sb[j1 + k], sb[j1 + k + 1])
        else:
            tokens(sa[i1], sa[i2], sb[j1], sb[j2])
    merged: list[tuple[str, int, int, int, int]] = []
    for op in out:
        if op[1] == op[2] and op[3] == op[4]:
            continue
        if merged and merged[-1][0] == op[0] == "equal":
            last = merged[-1]
            merged[-1] = ("equal", last[1], op[2], last[3], op[4])
        else:
            merged.append(op)
    return merged


def _sentence_starts(tokens: list[str]) -> list[int]:
    """Token index where each sentence starts (after 。！？ or a line break), and len(tokens)."""
    starts = [0]
    for k, t in enumerate(tokens[:-1]):
        if t in _SENTENCE_END or t == "\n":
            starts.append(k + 1)
    starts.append(len(tokens))
    return starts


def _is_glue(tokens: list[str]) -> bool:
    return len("".join(tokens)) <= 2 and not any(t in _SENTENCE_END for t in tokens)


def _whole_sentence(tokens: list[str], i1: int, i2: int) -> bool:
    starts = i1 == 0 or tokens[i1 - 1] in _SENTENCE_END or tokens[i1 - 1] == "\n"
    ends = tokens[i2 - 1] in _SENTENCE_END or i2 == len(tokens)
    return starts and ends and i2 - i1 > 2


def _targets(doc: Document) -> Iterator[tuple[list[str], Target]]:
    for t in doc.preamble.targets:
        yield [], t
    for m in doc.walk():
        for t in m.targets:
            yield m.path, t


def _ref(path: list[str], t: Target) -> TargetRef:
    return TargetRef.model_validate(TargetRef.of(path, t))


def target_similarity(x: Target, y: Target, same_measure: bool) -> float:
    """How surely two targets measure the same thing: indicator first, then unit and value."""
    if x.indicator and y.indicator:
        ind = fuzz.ratio(x.indicator, y.indicator) / 100.0
    else:
        ind = fuzz.partial_ratio(x.text, y.text) / 100.0
    score = 0.6 * ind + (0.2 if x.unit == y.unit else 0.0) + (0.1 if x.value == y.value else 0.0)
    return score + (0.1 if same_measure else 0.0)


def _target_diff(old: Document, new: Document, al: Alignment) -> TargetDiff:
    olds, news = list(_targets(old)), list(_targets(new))
    # every measure an old one was paired with (the pieces of a split, too)
    new_of_old: dict[tuple[str, ...], list[tuple[str, ...]]] = defaultdict(list)
    for p in al.pairs:
        if p.old is not None and p.new is not None:
            new_of_old[tuple(al.old[p.old].path)].append(tuple(al.new[p.new].path))
    # candidates: targets of paired measures, or sharing a unit or a value (any other pair would need
    # an almost identical indicator to reach TARGET_MIN); keeps large plans near-linear
    by_unit: dict[str | None, list[int]] = {}
    by_value: dict[float, list[int]] = {}
    by_path: dict[tuple[str, ...], list[int]] = {}
    for j, (pb, y) in enumerate(news):
        by_unit.setdefault(y.unit, []).append(j)
        by_value.setdefault(y.value, []).append(j)
        by_path.setdefault(tuple(pb), []).append(j)
    # a pair sharing only its unit reaches TARGET_MIN only with indicators this alike: rapidfuzz
    # picks those from all targets of the unit in one C-level pass (a plan has hundreds of % targets)
    alike = 100 * (TARGET_MIN - 0.2) / 0.6
    named = {unit: ([news[j][1].indicator or "" for j in js], js) for unit, js in by_unit.items()}
    scored = []
    for i, (pa, x) in enumerate(olds):
        paired = new_of_old.get(tuple(pa), []) if pa else [()]
        names, same_unit = named.get(x.unit, ([], []))
        if x.indicator:
            hits = process.extract(
                x.indicator, names, scorer=fuzz.ratio, score_cutoff=alike - 1e-6, limit=None
            )
            cands = {same_unit[k] for _, _, k in hits} | {j for j in same_unit if not news[j][1].indicator}
        else:
            cands = set(same_unit)
        cands.update(by_value.get(x.value, []))
        for path in paired:
            cands.update(by_path.get(path, []))
        for j in sorted(cands):
            pb, y = news[j]
            s = target_similarity(x, y, tuple(pb) in paired if pa else pb == [])
            if s >= TARGET_MIN:
                scored.append((s, i, j))
    scored.sort(key=lambda t: (-t[0], t[1], t[2]))
    used_old: set[int] = set()
    used_new: set[int] = set()
    out = TargetDiff()
    pairs: list[tuple[int, int]] = []
    for _, i, j in scored:
        if i in used_old or j in used_new:
            continue
        used_old.add(i)
        used_new.add(j)
        pairs.append((i, j))
    for i, j in sorted(pairs):
        (pa, x), (pb, y) = olds[i], news[j]
        fields = [
            f for f in ("year", "value", "value_max", "comparator", "unit") if getattr(x, f) != getattr(y, f)
        ]
        softened = _softened(x, y)
        if softened and x.verb != y.verb:
            fields.append("verb")
        if not fields:
            out.kept.append(KeptTarget(old=_ref(pa, x), new=_ref(pb, y)))
        else:
            out.changed.append(
                TargetChange(old=_ref(pa, x), new=_ref(pb, y), fields=fields, softened=softened)
            )
    new_text = {tuple(it.path): it.measure.text for it in al.new}
    for i, (pa, x) in enumerate(olds):
        if i in used_old:
            continue
        text = "".join(new_text.get(c, "") for c in new_of_old.get(tuple(pa), []))
        mentioned = bool(x.indicator and text and fuzz.partial_ratio(x.indicator, text) >= 90)
        out.dropped.append(DroppedTarget(**_ref(pa, x).model_dump(), still_mentioned=mentioned))
    out.added = [_ref(pb, y) for j, (pb, y) in enumerate(news) if j not in used_new]
    return out


def _softened(x: Target, y: Target) -> bool:
    if "力争" in (y.verb or "") and "力争" not in (x.verb or ""):
        return True
    for scale in (_LOWER_BOUND, _UPPER_BOUND):
        if x.comparator in scale and y.comparator in scale and scale[y.comparator] < scale[x.comparator]:
            return x.comparator != "="
    return False


def _unit_diff(al: Alignment) -> UnitDiff:
    # units read off sentence subjects (a plan without tags) are compared only with units read the
    # same way: a final that dropped its 责任单位 tags lost them, it did not gain its subjects
    old_subj, new_subj = (any(u.source == "subject" for i in items for u in i.measure.responsible_units)
                          for items in (al.old, al.new))  # fmt: skip
    keep = old_subj == new_subj

    def units(item: Item) -> list[ResponsibleUnit]:
        return [u for u in item.measure.responsible_units if keep or u.source != "subject"]

    # a unit is dropped when none of the measures paired with its measure names it (a split spreads
    # the units over its pieces); a removed or added measure takes its units with it: the pair says so
    to_new: dict[int, list[int]] = defaultdict(list)
    to_old: dict[int, list[int]] = defaultdict(list)
    for p in al.pairs:
        if p.old is not None and p.new is not None:
            to_new[p.old].append(p.new)
            to_old[p.new].append(p.old)
    out = UnitDiff()
    for i in sorted(to_new):
        there = {u.canonical for j in to_new[i] for u in units(al.new[j])}
        dropped = list(dict.fromkeys(u.name for u in units(al.old[i]) if u.canonical not in there))
        if dropped:
            out.dropped.append(UnitChange(path=al.old[i].path, units=dropped))
    for j in sorted(to_old):
        there = {u.canonical for i in to_old[j] for u in units(al.old[i])}
        added = list(dict.fromkeys(u.name for u in units(al.new[j]) if u.canonical not in there))
        if added:
            out.added.append(UnitChange(path=al.new[j].path, units=added))
    return out
