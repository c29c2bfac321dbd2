"""Reading a number in its clause: the indicator before the verb (护理型床位占比 | 达到 | 65%), or after
the number when an action verb leads (建成 | 2个 | 街道养老服务中心); the comparator; a postfix
(以上/以下/左右). A number that qualifies a noun without an action verb ("15分钟服务圈"), or states a
condition ("1000户以上的小区"), is not read as a statement.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from ..models import Comparator
from ..normalize import is_han
from .numbers import _UNITS, TIME_UNITS, Number, numbers

# Verbs between indicator and number, longest first; the comparator for a target.
_VERBS: list[tuple[str, Comparator]] = [
    ("不得低于", ">="), ("不得少于", ">="), ("不低于", ">="), ("不少于", ">="), ("不高于", "<="),
    ("不超过", "<="), ("不得超过", "<="), ("不多于", "<="), ("不到", "<"), ("不足", "<"), ("至少", ">="), ("控制在", "<="), ("超过", ">"), ("突破", ">"),
    ("高于", ">"), ("大于", ">"), ("多于", ">"), ("低于", "<"), ("少于", "<"), ("提高到", ">="),
    ("提高至", ">="), ("提升到", ">="), ("提升至", ">="), ("增加到", ">="), ("增加至", ">="),
    ("增长到", ">="), ("达到", ">="), ("达", ">="), ("实现", ">="), ("保持在", "="), ("稳定在", "="),
    ("维持在", "="), ("保持", "="), ("不大于", "<="), ("不小于", ">="), ("缩短至", "<="), ("缩短到", "<="),
    ("压缩至", "<="), ("压缩到", "<="), ("降低至", "<="), ("降低到", "<="), ("下降到", "<="), ("下降至", "<="),
    ("降至", "<="), ("降到", "<="),
    ("增加", "="), ("上升", "="), ("下降", "="), ("减少", "="), ("高出", "="), ("为", "="), ("是", "="),
    ("占", "="), ("≥", ">="), ("≧", ">="), ("≤", "<="), ("≦", "<="), (">", ">"), ("<", "<"),
]  # fmt: skip
# 占 is a verb except in 占比; 达 except in 达标 (达标村104个)
_NOT_VERB = {"占": "(?!比)", "达": "(?!标)"}
_VERB_RE = re.compile("|".join(re.escape(v) + _NOT_VERB.get(v, "") for v, _ in _VERBS))
_VERB_CMP = dict(_VERBS)
_ACTION = re.compile(
    r"(建设|建成|新建|培育|新增|打造|开设|开通|创建|改造|出台|开展|建有|共有|拥有|完成|吸引|组建|举办|提供|招收"
    r"|设立|成立|配置|配备|设置|发放|组织|覆盖|整治|治理|疏浚|修复|扩容|推出|引进|培训|推进|实现有|(?<![所具没享持含占拥])有)"
)
_NEXT_COUNT = re.compile(rf"(、|以及|和|及)(?=[\d一二两三四五六七八九十]+[余多]?[万亿千]?({_UNITS}))")
_SCOPE = re.compile(r"|全[县区市省国]|我[县区市省]|[县区市省]")
_POSTFIX = re.compile(r"及以上|以上|以下|以内|左右|内(?![容部外涵])")
_POSTFIX_CMP: dict[str, Comparator] = {
    "及以上": ">=", "以上": ">=", "以下": "<=", "以内": "<=", "内": "<=", "左右": "=", "为限": "<=",
}  # fmt: skip
# verbs that make a duration binding: a time limit (不超过三年, 15分钟内) or a minimum (不少于2小时)
_LIMIT = re.compile(r"不超过|不得超过|不少于|不低于|不得少于|至少|控制在|缩短|压缩|以内|内|为限|最长|最多")
_MODIFIED = re.compile(r"(以上|以下|以内|左右)?([\u4e00-\u9fff]{1,4}(以上|以下))?的(?!(规定|标准|要求))")
_LEAD_IN = re.compile(
    r"^([（(]?其中[，：:]?|[到至]\d{4}年(底|末)?[，,]?|\d{4}年(底|末)?(前)?[，,]?|截至\d{4}年(\d{1,2}月)?(\d{1,2}日)?(底|末)?[，,]?"
    r"|力争|确保|争取|原则上|同时|并且|并|和|及|以及|且|全年|将|落实|仅|约|[（(、，：]|其中)+"
)
_LIST_END = re.compile(r"(率|比例|占比|比重|数|水平|覆盖面)$")
_CLAUSE_SPLIT = "，；：,;:"
_SENTENCE_SPLIT = "。！？\n"


@dataclass
class Statement:
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


def statements(
    text: str, s: int, e: int, inherit: str | None = None, found: list[Number] | None = None
) -> list[Statement]:
    """Every number of sentence text[s:e] read as a statement (indicator, verb, value, unit);
    `found` = numbers(text, s, e) when the caller has them already."""
    out: list[Statement] = []
    cl = Clauses(text, s, e)
    lizheng = text.find("力争", s, e)  # 力争 governs its whole sentence from where it stands
    prev_end = s
    prev_subject: str | None = None
    clause_action: re.Match[str] | None = None
    clause_of_last = -1
    for n in _bounded_ranges(text, numbers(text, s, e) if found is None else found):
        start, end, value, value_max, unit = n.start, n.end, n.value, n.value_max, n.unit
        bounded = value_max is not None and text.startswith("以下", end - 2) and "以上" in text[start:end]
        resume: int | None = None
        post = _POSTFIX.match(text, end)
        post_word = post.group(0) if post else None
        after = end + (len(post_word) if post_word else 0)
        if _MODIFIED.match(text, end, e) and not bounded:
            continue  # 1000户以上的住宅小区: a condition, not a statement (一万元以上十万元以下的罚款 is one)
        if text[max(s, start - 1) : start] in ("由", "从") and _CHANGE_TO.match(text, after):
            continue  # 由12万吨/天提高至24万吨/天: where a change starts is not its goal
        limit_after = text.startswith("为限", after)  # 以5年为限
        if (
            unit in TIME_UNITS
            and unit != "年一遇"
            and not _is_time_limit(text, s, start, post_word, limit_after)
        ):
            continue  # 15分钟服务圈, 24小时热线, 近5年: a duration that binds nothing
        clause = cl.start(start)
        if clause != clause_of_last and not _continues_list(text, clause, start, out, clause_action):
            clause_action = None  # an action verb leads only the counts of its own clause …
        cs = max(prev_end, clause)
        while cs < start and text[cs] in "（(、，：；“ ":
            cs += 1
        if text.startswith("其中", cs) and cs + 2 <= start:
            cs += 2
        before = text[cs:start]
        nxt = text[after : after + 1]
        action = _first_action(before)
        if limit_after:
            post_word, after, nxt = "为限", after + 2, ""
        verb: str | None
        verb_word: str | None
        comparator: Comparator | None = "="
        if bounded:
            # a standard between two bounds, named after them: 处5000元以上5万元以下(的)罚款
            ce = cl.end(after)
            indicator = _clean(text[after + (1 if nxt == "的" else 0) : ce]) or _clean(before)
            verb = verb_word = "以上…以下"
            stmt_end = ce
        elif (
            unit in ("%", "‰")
            and is_han(nxt)
            and nxt not in "的和及与"
            and not text.startswith(("于", "用于"), after)
        ):
            # a share of the things named after it: 70%以上居住区实现垃圾分类实效达标
            ce = cl.end(after)
            indicator = _clean(before + text[after:ce])
            verb = verb_word = None
            stmt_end = ce
        elif nxt and is_han(nxt) and nxt not in "的和及与" and not text.startswith(("于", "用于"), after):
            # the number qualifies a noun: a statement only when an action verb leads (建成2个中心),
            # or led the statement before it in the same clause (建成2个中心、37个站)
            if action is None and clause_action is not None and not before.strip("、和及 "):
                action = clause_action
            if action is None and before.endswith("在"):
                # where an action takes place, counted: 在120个左右社区开展…试点
                action = _ACTION.search(text, after, cl.end(after))
            bound = _bound_before(before)
            ce = min(cl.end(after), cl.next_count(after))
            if bound is not None:
                # a standard that binds the noun after it: 配备不少于一名专管员
                verb = verb_word = bound.group(1)
                comparator = _VERB_CMP[verb_word]
                indicator = _clean(before[: bound.start()] + text[after:ce])
            elif action is not None:
                clause_action = action
                indicator = _clean(text[after:ce])
                verb, verb_word = action.group(1), action.group(1)
                if before[: action.start()].endswith("至少"):
                    verb, comparator = f"至少{verb}", ">="
            elif post_word in ("内", "以内", "为限"):
                # a time limit on the action after it: 15分钟内到场核实
                verb = verb_word = None
                indicator = _clean(text[after:ce])
                resume = after  # the action's own count is read next: 三年内建成10个示范点
            else:
                continue
            stmt_end = ce
        else:
            vm = None
            for vm_ in _VERB_RE.finditer(before):
                vm = vm_
            if vm is not None and len(before) - vm.end() <= 3:  # "达到约", "不少于近" …
                verb_word = vm.group(0)
                indicator = _clean(before[: vm.start()])
                comparator = _VERB_CMP[verb_word]
            elif vm is not None and _BOUND.fullmatch(vm.group(0)) and 2 <= len(before) - vm.end() <= 15:
                # a standard named after its bound: 不得低于 | 乡道每年每公里 | 5000元; but a share of
                # a base (不低于 | 用地面积的 | 三分之一) measures what stands before the bound
                verb_word = vm.group(0)
                base = before[vm.end() :]
                subject = _clean(before[: vm.start()])
                indicator = subject if base.endswith("的") and subject else _clean(base)
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
                ce = cl.end(after)
                indicator = _clean(f"{(indicator or '').removesuffix('的')}{text[after:ce]}")
                stmt_end = ce
        if indicator and verb_word is None and (a := _ACTION.match(indicator)):
            verb = verb_word = a.group(1)
            indicator = _clean(indicator[a.end() :])
        if post_word:
            comparator = _POSTFIX_CMP[post_word]
            verb = f"{verb}…{post_word}" if verb else post_word
        forward = 0 <= lizheng < start
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
                Statement(
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
        prev_end = stmt_end if resume is None else resume
        clause_of_last = clause
    return out


def _bounded_ranges(text: str, found: list[Number]) -> list[Number]:
    """A number …以上 followed at once by a number of the same unit …以下 is one range: 5000元以上5万元以下
    (value 5000, value_max 50000), as the bounds of a fine or a standard are written."""
    out: list[Number] = []
    k = 0
    while k < len(found):
        n = found[k]
        nxt = found[k + 1] if k + 1 < len(found) else None
        if (
            nxt is not None
            and n.value_max is None
            and text.startswith("以上", n.end)
            and nxt.start == n.end + 2
            and nxt.unit == n.unit
            and text.startswith("以下", nxt.end)
            and nxt.value >= n.value
        ):
            out.append(Number(n.start, nxt.end + 2, n.value, nxt.value, n.unit))
            k += 2
            continue
        out.append(n)
        k += 1
    return out


def _continues_list(
    text: str, clause: int, start: int, out: list[Statement], action: re.Match[str] | None
) -> bool:
    """… or of a list of counted objects that goes on in the next clause: 完成1000公里管道改造，40万户
    立管改造 (the clause opens with the count, the last statement filled the clause before)."""
    return (
        action is not None
        and bool(out)
        and out[-1].verb_word == action.group(1)
        and out[-1].end >= clause - 1
        and not text[clause:start].strip("，、 ")
    )


_CHANGE_TO = re.compile(r"[，,]?(提高|提升|增加|增长|扩大|下降|降低|减少|缩短|压缩)?(到|至)")
_BOUND = re.compile(
    r"(不得低于|不得少于|不低于|不少于|不超过|不得超过|不高于|不多于|至少|不小于|不大于)[约近]?$"
)


def _bound_before(before: str) -> re.Match[str] | None:
    """A comparator that ends right before the number (不少于 | 一名)."""
    return _BOUND.search(before)


def _is_time_limit(text: str, s: int, start: int, post_word: str | None, limit_after: bool) -> bool:
    """A duration binds when a limit word stands right before it, or 内/以内/为限 right after."""
    if limit_after or post_word in ("内", "以内"):
        return True
    return bool(_LIMIT.search(text[max(s, start - 6) : start]))


_CLAUSE_MARK = re.compile(f"[{re.escape(_CLAUSE_SPLIT)}]")
_CLAUSE_STOP = re.compile(f"[{re.escape(_CLAUSE_SPLIT)}。（(]")


class Clauses:
    """Clause bounds of one sentence text[s:e], found once: looking them up per number by scanning
    the text made long clauses quadratic (10,000 × "1个中心、" in one clause)."""

    def __init__(self, text: str, s: int, e: int) -> None:
        self.s, self.e = s, e
        self._after_marks = [m.end() for m in _CLAUSE_MARK.finditer(text, s, e)]
        self._stops = [m.start() for m in _CLAUSE_STOP.finditer(text, s, e)]
        self._counts = [m.start() for m in _NEXT_COUNT.finditer(text, s, e)]

    def start(self, pos: int) -> int:
        """Start of the clause holding pos (just after the last ，；： before it)."""
        k = bisect.bisect_right(self._after_marks, pos)
        return self._after_marks[k - 1] if k else self.s

    def end(self, pos: int) -> int:
        """Where the clause from pos ends: the next ，；：。（ or the end of the sentence."""
        k = bisect.bisect_left(self._stops, pos)
        return self._stops[k] if k < len(self._stops) else self.e

    def next_count(self, pos: int) -> int:
        """Start of the next "、37个…" item in a list of counted things, else the sentence end."""
        k = bisect.bisect_left(self._counts, pos)
        return self._counts[k] if k < len(self._counts) else self.e


def clause_start(text: str, s: int, pos: int) -> int:
    return Clauses(text, s, pos).start(pos)


def clause_end(text: str, pos: int, e: int) -> int:
    return Clauses(text, pos, e).end(pos)


def _first_action(before: str) -> re.Match[str] | None:
    """The action verb that governs a counted object: the first of its clause (出台…建设等5个文件),
    never a word of a list of nouns ("项目计划、实施建设、运营管理5个阶段": 建设 names a stage)."""
    for m in _ACTION.finditer(before):
        if "、" not in (before[m.start() - 1 : m.start()], before[m.end() : m.end() + 1]):
            return m
    return None


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
