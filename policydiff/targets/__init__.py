"""Quantitative statements: every number that states a goal (Target) or a figure (Fact).

Three steps: numbers.py finds every number with a unit (candidates); read.py reads each in its clause
(indicator, verb, comparator); decide.py says target, fact or neither from named features.
"""

from __future__ import annotations

from ..models import Fact, Target
from ..normalize import Text
from .decide import ACHIEVED_SECTION, FACT_SECTION, Context, fact_comparator, fact_year, kind, target_year
from .read import statements

__all__ = ["ACHIEVED_SECTION", "FACT_SECTION", "Context", "extract"]

_SENTENCE_SPLIT = "。！？\n"


def extract(t: Text, begin: int, end: int, ctx: Context) -> tuple[list[Target], list[Fact]]:
    """Targets and facts of normalized text t.text[begin:end]."""
    targets: list[Target] = []
    facts: list[Fact] = []
    carried_year: int | None = None
    last_fact_year: int | None = None
    last_indicator: str | None = None
    text = t.text
    s = begin
    while s < end:
        e = s
        while e < end and text[e] not in _SENTENCE_SPLIT and not (e > s and e in ctx.breaks):
            e += 1
        if text[e : e + 1] in ("。", "！", "？"):
            e += 1
        sentence_year = target_year(text[s:e], ctx)
        if sentence_year is not None:
            carried_year = sentence_year
        # a sentence opening with 、 or 和 continues a list whose 。 is extraction damage (‰ → %。)
        inherit = last_indicator if text[s : s + 1] in "、和及" else None
        for st in statements(text, s, e, inherit):
            last_indicator = st.indicator
            decided = kind(text[s:e], st, ctx, sentence_year)
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
                targets.append(Target(year=sentence_year or carried_year, comparator=st.comparator, **fields))
            else:
                last_fact_year = fact_year(text, s, st.start) or last_fact_year
                facts.append(
                    Fact(
                        kind=decided,
                        year=last_fact_year,
                        comparator=fact_comparator(st),
                        **fields,
                    )
                )
        s = e if e > s else s + 1
        while s < end and text[s] in _SENTENCE_SPLIT:
            s += 1
    return targets, facts
