"""Quantitative statements: every number that states a goal (Target) or a figure (Fact).

A statement is a number with a unit, read in its clause: the indicator is the phrase before the verb
(护理型床位占比 | 达到 | 65%), or after the number when an action verb leads (建成 | 2个 | 街道养老服务中心).
Not statements: document numbers, dates, ages, phone numbers (none carry a unit we accept), a number
that qualifies a noun ("入住超过1000户以上的住宅小区", "15分钟服务圈"), list numbering.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .models import Comparator, Fact, Target
from .normalize import Text, is_han
from .numerals import cn_to_int

_UNITS = (
    "个百分点|元/年·人|元/人·年|元/人·月|元/月|/年·人|平方米|万元|亿元|千米|公里|人次|张|个|家|户|人|名|次|所|处|项"
    "|种|列|座|套|条|倍|元|米|%|‰"
)
_NUMBER = re.compile(
    r"(?<![\d.A-Za-z“/])"
    r"(?:(?P<num>\d+(?:\.\d+)?)|(?P<frac>[一二三四五六七八九十百]+分之[一二三四五六七八九十]+)|(?P<cn>[一二两三四五六七八九十]{1,3}))"
    r"(?P<pct1>%)?(?:(?:至|到|-|—|~|～)(?P<num2>\d+(?:\.\d+)?))?"
    r"(?P<approx>余|多)?(?P<mult>万|亿|千)?"
    rf"(?P<unit>{_UNITS})"
)
_RATIO = re.compile(r"(?<![\d.:])(?P<a>\d{1,3}):(?P<b>\d{1,3})(?![\d:])")
_CN_UNITS = "所个家张户名项处座次"
_CN_BEFORE = re.compile(r"(有|成|增|到|设|育|造|于|少|建|为)$")

# Verbs between indicator and number, longest first; the comparator for a target.
_VERBS: list[tuple[str, Comparator]] = [
    ("不得低于", ">="), ("不得少于", ">="), ("不低于", ">="), ("不少于", ">="), ("不高于", "<="),
    ("不超过", "<="), ("不多于", "<="), ("不到", "<"), ("不足", "<"), ("至少", ">="), ("控制在", "<="), ("超过", ">"), ("突破", ">"),
    ("高于", ">"), ("大于", ">"), ("多于", ">"), ("低于", "<"), ("少于", "<"), ("提高到", ">="),
    ("提高至", ">="), ("提升到", ">="), ("提升至", ">="), ("增加到", ">="), ("增加至", ">="),
    ("增长到", ">="), ("达到", ">="), ("达", ">="), ("实现", ">="), ("保持在", "="), ("稳定在", "="),
    ("增加", "="), ("上升", "="), ("下降", "="), ("减少", "="), ("高出", "="), ("为", "="), ("是", "="),
    ("占", "="), ("≥", ">="), ("≧", ">="), ("≤", "<="), ("≦", "<="), (">", ">"), ("<", "<"),
]  # fmt: skip
# 占 is a verb ("占总人口比重24%") except in the noun 占比 ("护理型床位占比43%")
_VERB_RE = re.compile("|".join(re.escape(v) + ("(?!比)" if v == "占" else "") for v, _ in _VERBS))
_VERB_CMP = dict(_VERBS)
_ACTION = re.compile(
    r"(建设|建成|新建|培育|新增|打造|开设|开通|创建|改造|出台|开展|建有|共有|拥有|完成|吸引|组建|举办|提供|招收"
    r"|设立|实现有|(?<![所具没享持含占拥])有)"
)
_NEXT_COUNT = re.compile(rf"(、|以及|和|及)(?=[\d一二两三四五六七八九十]+[余多]?[万亿千]?({_UNITS}))")
_SCOPE = re.compile(r"|全[县区市省国]|我[县区市省]|[县区市省]")
_POSTFIX = re.compile(r"以上|以下|以内|左右")
_POSTFIX_CMP: dict[str, Comparator] = {"以上": ">=", "以下": "<=", "以内": "<=", "左右": "="}
_MODIFIED = re.compile(r"^(以上|以下|以内|左右)?([\u4e00-\u9fff]{1,4}(以上|以下))?的(?!(规定|标准|要求))")
_LEAD_IN = re.compile(
    r"^([（(]?其中[，：:]?|[到至]\d{4}年(底|末)?[，,]?|\d{4}年(底|末)?(前)?[，,]?|截至\d{4}年(\d{1,2}月)?(\d{1,2}日)?(底|末)?[，,]?"
    r"|力争|确保|争取|原则上|同时|并且|并|和|及|以及|且|全年|将|落实|仅|约|[（(、，：]|其中)+"
)
_FORWARD = re.compile(r"到\d{4}年|\d{4}年(底|末)?前|力争|确保|“十[四五六]五”(期间|末|时期)")
_PAST = re.compile(
    r"截至|截止|已经|已有|已达|现有|共有|目前|累计|先后|年均|普查|相比|近年来|连续|分别为|显示"
)
_STANDARD = re.compile(r"不低于|不少于|不得低于|不得少于|至少|不超过|不高于|控制在")
FACT_SECTION = re.compile(r"背景|现状|基础|成效|进展|情况|趋势|挑战|需求|回顾")
ACHIEVED_SECTION = re.compile(r"成效|进展|成绩|完成情况")
_YEAR_TARGET = re.compile(r"到(\d{4})年|(\d{4})年(?:底|末)?前|“十([四五六])五”(?:期间|末|时期)")
_YEAR_ANY = re.compile(r"(?<!\d)((?:19|20)\d{2})年")
_LIST_END = re.compile(r"(率|比例|占比|比重|数|水平|覆盖面)$")
_CLAUSE_SPLIT = "，；：,;:"
_SENTENCE_SPLIT = "。！？\n"


@dataclass(frozen=True)
class Context:
    """What decides target vs fact for a stretch of text."""

    fact_section: bool  # 背景/现状/成效 … in a heading above
    achieved: bool  # a report of results (a reply, 成效/进展 sections)
    doc_year: int | None
    breaks: frozenset[int] = frozenset()  # extra sentence bounds (ends of flattened titles)


def extract(t: Text, begin: int, end: int, ctx: Context) -> tuple[list[Target], list[Fact]]:
    """Targets and facts of normalized text t.text[begin:end]."""
    targets: list[Target] = []
    facts: list[Fact] = []
    carried_year: int | None = None
    fact_year: int | None = None
    last_indicator: str | None = None
    text = t.text
    s = begin
    while s < end:
        e = s
        while e < end and text[e] not in _SENTENCE_SPLIT and not (e > s and e in ctx.breaks):
            e += 1
        if text[e : e + 1] in ("。", "！", "？"):
            e += 1
        sentence_year = _target_year(text[s:e], ctx)
        if sentence_year is not None:
            carried_year = sentence_year
        # a sentence opening with 、 or 和 continues a list whose 。 is extraction damage (‰ → %。)
        inherit = last_indicator if text[s : s + 1] in "、和及" else None
        for st in _statements(text, s, e, inherit):
            last_indicator = st.indicator
            kind = _kind(text[s:e], st, ctx, sentence_year)
            fields = {
                "indicator": st.indicator,
                "verb": st.verb,
                "value": st.value,
                "value_max": st.value_max,
                "unit": st.unit,
                "text": text[min(st.clause_start, st.start) : st.end],
                "span": t.span(min(st.clause_start, st.start), st.end),
            }
            if kind == "target":
                targets.append(Target(year=sentence_year or carried_year, comparator=st.comparator, **fields))
            else:
                fact_year = _fact_year(text, s, st.start) or fact_year
                facts.append(
                    Fact(
                        kind=kind,
                        year=fact_year,
                        comparator=_fact_comparator(st),
                        **fields,
                    )
                )
        s = e if e > s else s + 1
        while s < end and text[s] in _SENTENCE_SPLIT:
            s += 1
    return targets, facts


@dataclass
class _Statement:
    clause_start: int
    start: int  # of the number
    end: int  # end of number, unit and postfix
    value: float
    value_max: float | None
    unit: str | None
    indicator: str | None
    verb: str | None
    verb_word: str | None
    comparator: Comparator | None
    forward_word: bool
    postfix: str | None


def _statements(text: str, s: int, e: int, inherit: str | None = None) -> list[_Statement]:
    out: list[_Statement] = []
    prev_end = s
    prev_subject: str | None = None
    clause_action: re.Match[str] | None = None
    clause_of_last = -1
    for m in _numbers(text, s, e):
        start, end, value, value_max, unit = m
        post = _POSTFIX.match(text, end)
        post_word = post.group(0) if post else None
        after = end + (len(post_word) if post_word else 0)
        if _MODIFIED.match(text[end:e]):
            continue  # 1000户以上的住宅小区: a condition, not a statement
        clause = _clause_start(text, s, start)
        if clause != clause_of_last:
            clause_action = None  # an action verb leads only the counts of its own clause
        cs = max(prev_end, clause)
        while cs < start and text[cs] in "（(、，：；“ ":
            cs += 1
        if text.startswith("其中", cs) and cs + 2 <= start:
            cs += 2
        before = text[cs:start]
        nxt = text[after : after + 1]
        action = _first_action(before)
        if nxt and is_han(nxt) and nxt not in "的和及与" and not text.startswith(("于", "用于"), after):
            # the number qualifies a noun: a statement only when an action verb leads (建成2个中心),
            # or led the statement before it in the same clause (建成2个中心、37个站)
            if action is None and clause_action is not None and not before.strip("、和及 "):
                action = clause_action
            if action is None:
                continue
            clause_action = action
            ce = min(_clause_end(text, after, e), _next_number(text, after, e))
            indicator = _clean(text[after:ce])
            verb, verb_word = action.group(1), action.group(1)
            comparator: Comparator | None = "="
            if before[: action.start()].endswith("至少"):
                verb, comparator = f"至少{verb}", ">="
            stmt_end = ce
        else:
            vm = None
            for vm_ in _VERB_RE.finditer(before):
                vm = vm_
            if vm is not None and len(before) - vm.end() <= 3:  # "达到约", "不少于近" …
                verb_word = vm.group(0)
                indicator = _clean(before[: vm.start()])
                comparator = _VERB_CMP[verb_word]
            elif (
                action is not None
                and _clean(before[action.end() :])
                and _SCOPE.fullmatch(_clean(before[: action.start()]) or "")
            ):  # "全县共有各类养老机构47家"; but "每千名老年人拥有床位33.4张" stays whole
                verb_word = action.group(1)
                indicator = _clean(before[action.end() :])
                comparator = "="
            else:
                verb_word = None
                indicator = _clean(before)
                comparator = "="
            verb = verb_word
            stmt_end = after
            if text.startswith("用于", after):
                ce = _clause_end(text, after, e)
                indicator = _clean(f"{(indicator or '').removesuffix('的')}{text[after:ce]}")
                stmt_end = ce
        if indicator and verb_word is None and (a := _ACTION.match(indicator)):
            verb = verb_word = a.group(1)
            indicator = _clean(indicator[a.end() :])
        if post_word:
            comparator = _POSTFIX_CMP[post_word]
            verb = f"{verb}…{post_word}" if verb else post_word
        forward = "力争" in text[s:start]  # 力争 governs its whole sentence
        if forward and verb:
            verb = f"力争…{verb}"
        if indicator and (indicator.startswith("占") or indicator in ("比重", "比例")) and prev_subject:
            indicator = prev_subject + indicator  # 60岁及以上人口为90233人、占比23.21%
        if not indicator:
            indicator = out[-1].indicator if out else inherit  # 60%、80%以上: the same indicator again
        subject = indicator
        if subject and subject[-1:] not in "率比重":
            prev_subject = subject
        parts = _split_list(indicator)
        for part in parts:
            out.append(
                _Statement(
                    cs,
                    start,
                    stmt_end,
                    value,
                    value_max,
                    unit,
                    part,
                    verb,
                    verb_word,
                    comparator,
                    forward,
                    post_word,
                )
            )
        prev_end = stmt_end
        clause_of_last = clause
    return out


def _next_number(text: str, pos: int, e: int) -> int:
    """Start of the next "、37个…" item in a list of counted things, else e."""
    m = _NEXT_COUNT.search(text, pos, e)
    return m.start() if m else e


def _numbers(text: str, s: int, e: int) -> list[tuple[int, int, float, float | None, str | None]]:
    found = []
    for m in _NUMBER.finditer(text, s, e):
        value: float | None
        if m.group("num") is not None:
            value = float(m.group("num"))
        elif m.group("frac") is not None:
            den, nom = m.group("frac").split("分之")
            d, n = cn_to_int(den), cn_to_int(nom)
            value = n / d if d and n else None
        else:
            if m.group("unit") not in _CN_UNITS or not _CN_BEFORE.search(
                text[max(s, m.start() - 2) : m.start()]
            ):
                continue
            value = cn_to_int(m.group("cn"))
        if value is None:
            continue
        # 23.7万张 → 237000 张, 1.24亿元 → 124000000 元: values comparable across documents
        mult = {"万": 1e4, "亿": 1e8, "千": 1e3}.get(m.group("mult") or "", 1.0)
        unit = m.group("unit")
        vmax = float(m.group("num2")) * mult if m.group("num2") else None
        found.append(
            (m.start(), m.end(), _tidy(value * mult), _tidy(vmax) if vmax is not None else None, unit)
        )
    for m in _RATIO.finditer(text, s, e):
        a, b = int(m.group("a")), int(m.group("b"))
        if b:
            found.append((m.start(), m.end(), _tidy(a / b), None, "ratio"))
    found.sort()
    return found


def _tidy(x: float) -> float:
    return round(x, 6)


def _clause_start(text: str, s: int, pos: int) -> int:
    k = pos
    while k > s and text[k - 1] not in _CLAUSE_SPLIT:
        k -= 1
    return k


def _clause_end(text: str, pos: int, e: int) -> int:
    k = pos
    while k < e and text[k] not in _CLAUSE_SPLIT + "。（(":
        k += 1
    return k


def _first_action(before: str) -> re.Match[str] | None:
    """The action verb that governs a counted object: the first of its clause (出台…建设等5个文件)."""
    return _ACTION.search(before)


def _clean(s: str) -> str | None:
    s = s.strip()
    prev = None
    while prev != s:
        prev = s
        s = _LEAD_IN.sub("", s).strip()
    s = s.strip("，、：:；（(“")
    s = re.sub(r"(分别|共|约|仅|近)$", "", s).strip("”“")
    s = re.sub(r"(由|从)\d+(\.\d+)?[%‰]?$", "", s)  # "占比由50%提高到60%": 50% is where it starts
    return s or None


def _split_list(indicator: str | None) -> list[str | None]:
    """ "A率、B率、C率实现100%": one statement per listed indicator."""
    if not indicator or "、" not in indicator:
        return [indicator]
    parts = [p for p in indicator.split("、") if p]
    if len(parts) > 1 and all(_LIST_END.search(p) for p in parts):
        return list(parts)
    return [indicator]


def _target_year(sentence: str, ctx: Context) -> int | None:
    m = _YEAR_TARGET.search(sentence)
    if m:
        if m.group(3):
            return {"四": 2025, "五": 2030, "六": 2035}[m.group(3)]
        return int(m.group(1) or m.group(2))
    lead = re.match(r"^((?:19|20)\d{2})年[，,]", sentence)
    if lead and ctx.doc_year is not None and int(lead.group(1)) > ctx.doc_year:
        return int(lead.group(1))  # "2027年，全区…" in a 2025 plan (its 到 lost)
    return None


def _fact_year(text: str, s: int, pos: int) -> int | None:
    """The year a figure refers to: the last year stated before it in its sentence, except a year of
    comparison ("与2010年…相比")."""
    year = None
    for m in _YEAR_ANY.finditer(text, s, pos):
        clause_end = _clause_end(text, m.end(), pos)
        if re.search(r"相比|比较|较", text[_clause_start(text, s, m.start()) : clause_end]):
            continue
        year = int(m.group(1))
    return year


def _kind(sentence: str, st: _Statement, ctx: Context, sentence_year: int | None) -> str:
    fact_kind = "achieved" if ctx.achieved else "baseline"
    if ctx.fact_section and "预计" in sentence:
        return fact_kind  # a forecast in a background section is not a target of the plan
    if sentence_year is not None or st.forward_word or _FORWARD.search(sentence):
        return "target"
    if _PAST.search(sentence):
        return fact_kind
    lead = re.match(r"^((?:19|20)\d{2})年", sentence)
    if lead and ctx.doc_year is not None and int(lead.group(1)) <= ctx.doc_year:
        return fact_kind
    if st.verb_word and _STANDARD.search(st.verb_word):
        return "target"
    return fact_kind if ctx.fact_section else "target"


def _fact_comparator(st: _Statement) -> Comparator | None:
    if st.postfix is None and st.verb_word in ("达到", "达", "实现", "为", "是", "占"):
        return "="
    return st.comparator
