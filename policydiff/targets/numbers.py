"""Number candidates: every number with a unit, its value (万/亿 folded, ranges, Chinese numerals,
fractions, ratios) and its place. Whether it states anything is decided later (read.py, decide.py)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..numerals import cn_to_int

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
            Number(m.start(), m.end(), _tidy(value * mult), _tidy(vmax) if vmax is not None else None, unit)
        )
    for m in _RATIO.finditer(text, s, e):
        a, b = int(m.group("a")), int(m.group("b"))
        if b:
            found.append(Number(m.start(), m.end(), _tidy(a / b), None, "ratio"))
    found.sort(key=lambda n: (n.start, n.end))
    return found


def _tidy(x: float) -> float:
    return round(x, 6)
