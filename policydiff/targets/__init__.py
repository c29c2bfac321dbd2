"""Quantitative statements: every number that states a goal (Target) or a figure (Fact).

Three steps: numbers.py finds every number with a unit (candidates); read.py reads each in its clause
(indicator, verb, comparator); decide.py says target, fact or neither from named features.
"""

from __future__ import annotations

import bisect
import re

from ..models import Fact, Target
from ..normalize import Text
from .decide import (
    ACHIEVED_SECTION,
    FACT_SECTION,
    GOAL_SECTION,
    Context,
    Cues,
    fact_comparator,
    fact_year,
    fact_years,
    kind,
    year_marks,
)
from .numbers import numbers
from .read import statements

__all__ = ["ACHIEVED_SECTION", "FACT_SECTION", "GOAL_SECTION", "Context", "extract"]

_SENTENCE_SPLIT = "。！？\n"
_SENTENCE_END = re.compile(f"[{_SENTENCE_SPLIT}]")


def _in_table(pos: int, rows: tuple[tuple[int, int], ...]) -> bool:
    return any(a <= pos < b for a, b in rows)


def extract(t: Text, begin: int, end: int, ctx: Context) -> tuple[list[Target], list[Fact], int | None]:
    """Targets and facts of normalized text t.text[begin:end], and the target year in force at its end
    (a year stated in a measure's own text scopes its sub-items)."""
    targets: list[Target] = []
    facts: list[Fact] = []
    carried_year: int | None = ctx.inherited_year
    last_fact_year: int | None = None
    last_indicator: str | None = None
    text = t.text
    breaks = ctx.breaks
    s = begin
    while s < end:
        # the sentence ends at the next 。！？ or line break, or at a title break after its start
        m = _SENTENCE_END.search(text, s, end)
        e = m.start() if m else end
        k = bisect.bisect_right(breaks, s)
        if k < len(breaks) and breaks[k] < e:
            e = breaks[k]
        if text[e : e + 1] in ("。", "！", "？"):
            e += 1
        marks = year_marks(text, s, e, ctx)
        found = numbers(text, s, e)
        if not found:  # most sentences state no quantity: only their year scope goes on
            if marks:
                carried_year = marks[-1][1]
            s = e if e > s else s + 1
            while s < end and text[s] in _SENTENCE_SPLIT:
                s += 1
            continue
        cues = Cues.of(text[s:e])
        years: list[tuple[int, int]] | None = None  # the years figures refer to, found at the first fact
        # a sentence opening with 、 or 和 continues a list whose 。 is extraction damage (‰ → %。)
        inherit = last_indicator if text[s : s + 1] in "、和及" else None
        for st in statements(text, s, e, inherit, found):
            if ctx.tables and _in_table(t.offsets[st.start], ctx.tables):
                continue
            last_indicator = st.indicator
            # a year governs what follows it in the sentence ("到2023年…3个；到2024年…15%"); a
            # number before any year takes the year in force (a 到2025年 opening the paragraph)
            before = [y for p, y in marks if p < st.start]
            own_year = marks[0][1] if marks else None
            year = before[-1] if before else (carried_year or own_year)
            decided = kind(cues, st, ctx, own_year)
            fields = {
                "indicator": st.indicator,
                "verb": st.verb,
                "value": st.value,
                "value_max": st.value_max,
                "unit": st.unit,
                "text": text[min(st.clause_start, st.start) : st.end],
                "span": t.span(min(st.clause_start, st.start), st.end),
            }
            if decided == "target":
                targets.append(Target(year=year, comparator=st.comparator, **fields))
            else:
                if years is None:
                    years = fact_years(text, s, e)
                last_fact_year = fact_year(years, st.start) or last_fact_year
                facts.append(
                    Fact(
                        kind=decided,
                        year=last_fact_year,
                        comparator=fact_comparator(st),
                        **fields,
                    )
                )
        if marks:
            carried_year = marks[-1][1]
        s = e if e > s else s + 1
        while s < end and text[s] in _SENTENCE_SPLIT:
            s += 1
    return targets, facts, carried_year
