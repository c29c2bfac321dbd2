"""Target, fact or neither: the decision for a statement, from named features of its sentence, its
section and the document (tense markers, forward years, standards, background sections)."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from ..models import Comparator
from .read import Clauses, Statement

_FORWARD = re.compile(r"(?:到|(?<![截年])至)\d{4}年|\d{4}年(底|末)?前|力争|确保|“十[四五六]五”(期间|末|时期)")
# tense markers of a present or past figure; 年均 and 累计 are not among them ("年均养护工程比例不低于
# 13%", "累计达到67万户" are goals in a plan)
_PAST = re.compile(r"截至|截止|已经|已有|已达|现有|共有|目前|先后|普查|相比|近年来|连续|分别为|显示")
_STANDARD = re.compile(r"不低于|不少于|不得低于|不得少于|至少|不超过|不高于|控制在")
FACT_SECTION = re.compile(r"背景|现状|基础|成效|进展|情况|趋势|挑战|需求|回顾")
ACHIEVED_SECTION = re.compile(r"成效|进展|成绩|完成情况")
_YEAR_TARGET = re.compile(
    r"(?:到|(?<![截年])至)(\d{4})年|(\d{4})年(?:底|末)?前|“十([四五六])五”(?:期间|末|时期)"
)
GOAL_SECTION = re.compile(r"目标|指标")
_YEAR_ANY = re.compile(r"(?<!\d)((?:19|20)\d{2})年")


@dataclass(frozen=True)
class Context:
    """What decides target vs fact for a stretch of text."""

    fact_section: bool  # 背景/现状/成效 … in a heading above
    achieved: bool  # a report of results (a reply, 成效/进展 sections)
    doc_year: int | None
    breaks: tuple[int, ...] = ()  # extra sentence bounds (ends of flattened titles), sorted
    goal_section: bool = False  # 目标/任务/指标 in a heading above
    inherited_year: int | None = None  # target year stated in the parent measure's own text
    tables: tuple[tuple[int, int], ...] = ()  # original [start, end) of indicator-table rows


def year_marks(text: str, s: int, e: int, ctx: Context) -> list[tuple[int, int]]:
    """(position, year) of every target-year phrase of sentence text[s:e]: 到2027年, 2025年底前,
    “十四五”期间, and a year opening the sentence that lies ahead of the plan ("2027年，全区…" in a 2025
    plan; the plan's own year in a 目标 section of an annual plan)."""
    out = []
    for m in _YEAR_TARGET.finditer(text, s, e):
        year = (
            {"四": 2025, "五": 2030, "六": 2035}[m.group(3)] if m.group(3) else int(m.group(1) or m.group(2))
        )
        out.append((m.start(), year))
    lead = _LEAD_YEAR.match(text, s, e)
    if lead and ctx.doc_year is not None and not out:
        year = int(lead.group(1))
        # the plan's own year: in a 目标 section, or as "2019年，…" opening a sentence of work to do
        this_year = (
            year == ctx.doc_year and not ctx.achieved and (ctx.goal_section or lead.group(0)[-1] in "，,")
        )
        if year > ctx.doc_year or this_year:
            out.append((s, year))
    return out


_LEAD_YEAR = re.compile(r"((?:19|20)\d{2})年(?:底|末)?(?:[，,]|(?=[全本我各]))")


_COMPARISON = re.compile(r"相比|比较|较")


def fact_years(text: str, s: int, e: int) -> list[tuple[int, int]]:
    """(position, year) of the years a figure of sentence text[s:e] may refer to, in order; a year of
    comparison ("与2010年…相比") is not one. Found once per sentence (a scan per figure was cubic)."""
    cl = Clauses(text, s, e)
    out = []
    for m in _YEAR_ANY.finditer(text, s, e):
        if not _COMPARISON.search(text, cl.start(m.start()), cl.end(m.end())):
            out.append((m.start(), int(m.group(1))))
    return out


def fact_year(years: list[tuple[int, int]], pos: int) -> int | None:
    """The last of `years` stated before pos."""
    k = bisect.bisect_left(years, (pos, -1))
    return years[k - 1][1] if k else None


@dataclass(frozen=True)
class Cues:
    """What a sentence says about time, read once per sentence."""

    forecast: bool  # 预计
    forward: bool  # 到2025年, 力争, 确保, “十四五”期间 …
    past: bool  # 截至, 已经, 现有 …
    lead_year: int | None  # a year opening the sentence

    @classmethod
    def of(cls, sentence: str) -> Cues:
        lead = re.match(r"((?:19|20)\d{2})年", sentence)
        return cls(
            forecast="预计" in sentence,
            forward=bool(_FORWARD.search(sentence)),
            past=bool(_PAST.search(sentence)),
            lead_year=int(lead.group(1)) if lead else None,
        )


def kind(cues: Cues, st: Statement, ctx: Context, sentence_year: int | None) -> str:
    fact_kind = "achieved" if ctx.achieved else "baseline"
    if ctx.fact_section and cues.forecast:
        return fact_kind  # a forecast in a background section is not a target of the plan
    if sentence_year is not None or st.forward_word or cues.forward:
        return "target"
    if cues.past:
        return fact_kind
    if cues.lead_year and ctx.doc_year is not None and cues.lead_year <= ctx.doc_year:
        return fact_kind
    if st.verb_word and _STANDARD.search(st.verb_word):
        return "target"
    return fact_kind if ctx.fact_section else "target"


def fact_comparator(st: Statement) -> Comparator | None:
    if st.postfix is None and st.verb_word in ("达到", "达", "实现", "为", "是", "占"):
        return "="
    return st.comparator
