"""Number candidates: every number with a unit, its value (万/亿 folded, ranges, Chinese numerals,
fractions, ratios) and its place. Whether it states anything is decided later (read.py, decide.py)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..numerals import cn_to_int

# Units of measure, longest first where one is the prefix of another. Counters (量词) are a closed
# class of the language; measures and money as plans write them; time units are in TIME_UNITS.
_COMPOUND = "元/年·人|元/人·年|元/人·月|元/月|/年·人"
_MEASURES = "微克/立方米|毫克/升|平方公里|平方米|立方米|万千瓦|千瓦时|千瓦|兆瓦|公顷|千米|公里|万元|亿元|吨|亩|米|元|岁"
_COUNTERS = "个百分点|人次|条段|张|个|家|户|人|名|次|所|处|项|种|列|座|套|条|倍|支|场|份|辆|组|幢|栋|台|部|批|间|件|艘|架|棵|株|床|路|期"
TIME_UNITS = ("年一遇", "个工作日", "工作日", "个月", "分钟", "小时", "天", "日", "周", "年")
_TIME = "|".join(TIME_UNITS)
# a rate per something: 万吨/天, 件/万人, 元/平方米, 人/亿元, 平方米/人
_PER = "(?:/(?:万|亿|千|百)?(?:人|天|日|年|月|平方米|亿元|万元|户|公里|床))?"
_UNITS = f"(?:{_COMPOUND}|(?:{_TIME}|{_MEASURES}|{_COUNTERS}|分){_PER}|%|‰)"
_NUMBER = re.compile(
    r"(?<![\d.A-Za-z“/第])"
    r"(?:(?P<num>\d+(?:\.\d+)?)|(?P<frac>[一二三四五六七八九十百]{1,4}分之[一二三四五六七八九十]{1,3})|(?P<cn>[一二两三四五六七八九十]{1,3}))"
    r"(?P<pct1>%)?(?:(?:至|到|-|—|~|～)(?P<num2>\d+(?:\.\d+)?))?"
    r"(?P<approx>余|多)?(?P<mult>万|亿|千)?(?:余|多)?"
    rf"(?P<unit>{_UNITS})"
)
_RATIO = re.compile(r"(?<![\d.:])(?P<a>\d{1,3}):(?P<b>\d{1,3})(?![\d:])")
_CN_UNITS = (
    "所", "个", "家", "张", "户", "名", "项", "处", "座", "次", "年一遇", "个月", "年", "天", "日", "个工作日",
    "工作日", "元", "万元",
)  # fmt: skip
# a fraction standing for a share, no unit after it: 三分之二以上委员, 四分之一的面积
_SHARE = re.compile(
    r"(?<![一二三四五六七八九十百])(?P<frac>[一二三四五六七八九十百]{1,4}分之[一二三四五六七八九十]{1,3})(?!分)"
)
# a Chinese numeral counts only after a verb (建成两个, 不少于一名, 不超过三年, 开展一次), never in a
# set phrase (一网统管, 三级, 五个一)
_CN_BEFORE = re.compile(r"(有|成|增|到|设|育|造|于|少|建|为|过|满|展|置|备|立|办|织|行|以|近|约|处|上)$")


_HUGE = 1e15
_AGE_GOAL = re.compile(r"(提高到|提高至|达到|延长到|延长至|增加到|增至|提高|达)$")


@dataclass(frozen=True)
class Number:
    start: int
    end: int  # end of the number, multiplier and unit
    value: float
    value_max: float | None
    unit: str | None


def numbers(text: str, s: int, e: int) -> list[Number]:
    """Every number with a unit in text[s:e], in order."""
    found: list[Number] = []
    for m in _NUMBER.finditer(text, s, e):
        value: float | None
        if m.group("num") is not None:
            value = float(m.group("num"))
        elif m.group("frac") is not None:
            den, nom = m.group("frac").split("分之")
            d, n = cn_to_int(den), cn_to_int(nom)
            value = n / d if d and n else None
        else:
            # a time limit in Chinese numerals needs no verb before it: 接到通知后十五日内
            limit = m.group("unit") in TIME_UNITS and text.startswith(("内", "以内"), m.end())
            if m.group("unit") not in _CN_UNITS or not (
                limit or _CN_BEFORE.search(text[max(s, m.start() - 2) : m.start()])
            ):
                continue
            value = cn_to_int(m.group("cn"))
        if value is None or _is_date(text, m.start(), m.group("unit"), value):
            continue
        if m.group("unit") == "岁" and not _AGE_GOAL.search(text[max(s, m.start() - 3) : m.start()]):
            continue  # 60岁以上老年人, 3岁以下婴幼儿: an age names a group; only 提高到82岁 is a goal
        # 23.7万张 → 237000 张, 1.24亿元 → 124000000 元: values comparable across documents
        mult = {"万": 1e4, "亿": 1e8, "千": 1e3}.get(m.group("mult") or "", 1.0)
        if not value * mult < _HUGE:
            continue  # 10^309 is inf as a float: no plan states such a quantity, and JSON has no inf
        unit = m.group("unit")
        vmax = float(m.group("num2")) * mult if m.group("num2") else None
        if vmax is not None and not vmax < _HUGE:
            vmax = None
        found.append(
            Number(m.start(), m.end(), _tidy(value * mult), _tidy(vmax) if vmax is not None else None, unit)
        )
    taken = {n.start for n in found}
    for m in _SHARE.finditer(text, s, e):
        if m.start() in taken:
            continue  # 三分之一个 … was read with its unit above
        den, nom = m.group("frac").split("分之")
        d, n = cn_to_int(den), cn_to_int(nom)
        if d and n and n <= d:
            found.append(Number(m.start(), m.end(), _tidy(100 * n / d), None, "%"))
    for m in _RATIO.finditer(text, s, e):
        a, b = int(m.group("a")), int(m.group("b"))
        if b:
            found.append(Number(m.start(), m.end(), _tidy(a / b), None, "ratio"))
    found.sort(key=lambda n: (n.start, n.end))
    return found


def _is_date(text: str, start: int, unit: str, value: float) -> bool:
    """2025年 is a year and 8月20日 a day of the month, not durations."""
    if unit.startswith("年") and not unit.startswith("年一遇"):
        return value >= 1000
    return unit.startswith("日") and text[max(0, start - 3) : start].find("月") >= 0


def _tidy(x: float) -> float:
    return round(x, 6)
