"""Responsible units (责任单位): find the clauses, split the names, fold them to canonical departments.

Forms handled: （责任单位：区民政局、区国资委，各镇街） / 〔责任单位：…各乡镇（街道）按职责分工负责〕 /
（责任单位：县发展改革委牵头，县民政局…按职责分工负责） / 牵头单位：…；配合单位：… / a clause on
its own line / a closing "由…负责" or "…牵头，…配合" whose every part is a unit name.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any, Literal

import yaml

from .models import ResponsibleUnit

_OPEN = "（(〔[【"
_CLOSE = {"（": "）", "(": ")", "〔": "〕", "[": "]", "【": "】"}
# 责任单位： and 【责任单位】 (the bracket of a heading-style label)
_LABEL = re.compile(
    r"【?(责任单位|责任部门|牵头单位|牵头部门|配合单位|配合部门|参与单位)\s*(?:】\s*[：:]?|[：:])"
)
# other fields a task line carries after its units: they end the list of names
_OTHER_FIELD = re.compile(
    r"[；;，,。\s]*(完成时限|完成时间|时间节点|时限要求|时间要求|进度安排|时限)\s*[：:]"
)
# a role written after a name in brackets: 区民政局（牵头）
_ROLE_MARK = re.compile(r"[（(](牵头|配合|参与|协助)[）)]$")
_SUFFIX = re.compile(
    r"(局|委|办|部|厅|院|会|中心|大队|支队|队|室|行|公司|集团|政府|街道|镇街|乡镇|（街道）|联|处|所|站|署|团)$"
)
_QUALIFIERS = re.compile(
    r"(按职责分工负责|按照职责分工负责|按职责负责|分工负责|分别负责|共同负责|负责|按职责分工)$"
)
_LEAD = re.compile(r"牵头$")
_SUPPORT = re.compile(r"(配合|参与|协助|协同)$")
_BY = re.compile(r"由([^。；，]{2,80}?)(牵头)?负责[。；]?$")
_LEAD_SUPPORT = re.compile(r"([^。；]{2,80}?)牵头[，,]([^。；]{2,120}?)(配合|参与)(实施|落实)?[。；]?$")

Role = Literal["lead", "support"]
Source = Literal["tag", "subject", "table", "section"]


@dataclass(frozen=True)
class UnitClause:
    """A clause naming units, with its place in the text it was found in."""

    start: int
    end: int
    units: list[ResponsibleUnit]
    own_line: bool  # the clause stands on a line (paragraph) of its own


@lru_cache(maxsize=1)
def _table() -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(
        resources.files("policydiff").joinpath("data/units.yaml").read_text("utf-8")
    )
    data["patterns"] = [(re.compile(p), c) for p, c in data.get("patterns", [])]
    return data


def canonical(name: str) -> tuple[str, str | None]:
    """(canonical department, level) of a unit name as written."""
    table = _table()
    name = name.strip()
    if name in table.get("levelled", {}):
        return table["synonyms"].get(name, name), table["levelled"][name]
    level: str | None = None
    rest = name
    if rest.startswith("各"):
        rest = rest[1:]
    if rest.startswith("区县") and len(rest) > 2:
        level, rest = "区县", rest[2:]
    elif rest[:1] in "区县市省" and len(rest) > 2:
        level, rest = rest[0], rest[1:]
        if rest.startswith("级"):  # 县级有关部门
            rest = rest[1:]
        elif rest.startswith("委") and len(rest) > 1 and not rest.startswith("委员会"):
            rest = "党委" + rest[1:]  # 区委老干局 → 党委老干局
    for pat, canon in table["patterns"]:
        if pat.search(rest):
            if canon == "镇街":
                return "镇街", "镇街"
            return canon, level
    if name.startswith("各") and rest in ("区县", "区（县）"):
        return "区县", "区县"
    return table["synonyms"].get(rest, rest), level


def find_clauses(text: str) -> list[UnitClause]:
    """Every 责任单位-style clause in a measure's text, in order: labelled clauses (责任单位：…) and
    bare bracketed ones made only of unit names and roles (（市住房城乡建设管理委牵头负责，各区政府组织落实）)."""
    out = _labelled(text)
    taken = sorted((c.start, c.end) for c in out)
    starts = [a for a, _ in taken]
    for c in _bare(text):
        k = bisect.bisect_right(starts, c.start) - 1  # the labelled clause starting last before it
        if not (k >= 0 and taken[k][0] <= c.start < taken[k][1]):
            out.append(c)
    out.sort(key=lambda c: c.start)
    if not out:
        tail = _closing_sentence(text)
        if tail is not None:
            out.append(tail)
    return out


def _labelled(text: str) -> list[UnitClause]:
    out: list[UnitClause] = []
    pos = 0
    for m in _LABEL.finditer(text):
        if m.start() < pos:
            continue
        # the clause opens at a bracket just before the label, or at the start of a line
        k = m.start() - 1
        while k >= 0 and text[k] in " \t":
            k -= 1
        if k >= 0 and text[k] in _OPEN:
            start, close = k, _match_bracket(text, k)
            end = close + 1 if close is not None else _line_end(text, m.end())
            body = text[m.start() : close if close is not None else end]
        elif k < 0 or text[k] in "\n。；;":
            # on a line of its own, or closing the measure's sentence: 完善网络。责任单位：区民政局
            start, end = m.start(), _line_end(text, m.end())
            body = text[m.start() : end].rstrip("。；;")
        else:
            continue
        units = _parse_body(body)
        if units:
            out.append(UnitClause(start, end, units, _own_line(text, start, end)))
            pos = end
    return out


# a bare tag names its units with a role: 牵头(负责), 负责, 组织落实, 按职责分工负责, 配合 …
_ROLE_WORD = re.compile(r"牵头|负责|落实|配合|参与|协助|实施")
_ROLE_TAIL = re.compile(r"(按照?职责(分工)?)?(牵头)?(组织)?(负责|落实|配合|参与|协助|实施)*$")


def _bare(text: str) -> list[UnitClause]:
    """Bracketed clauses without a label, every part of which is a unit name followed by its role:
    （市局特种设备安全监察处牵头，执法稽查处按职责分工负责） — where a plan writes no 责任单位."""
    out: list[UnitClause] = []
    pos = 0
    for m in re.finditer("[（(]", text):
        if m.start() < pos:
            continue
        close = _match_bracket(text, m.start())
        if close is None:
            continue
        body = text[m.start() + 1 : close]
        if not _ROLE_WORD.search(body):
            continue
        units = _role_list(body)
        if units:
            out.append(UnitClause(m.start(), close + 1, units, _own_line(text, m.start(), close + 1)))
            pos = close + 1
    return out


def _role_list(body: str) -> list[ResponsibleUnit]:
    """ "A牵头负责，B、C组织落实" → units with roles; [] unless every part is a unit name. A role word
    covers the names written since the previous one ("A牵头负责、B、C组织落实": only A leads)."""
    units: list[ResponsibleUnit] = []
    pending: list[str] = []
    for seg in re.split("[；;。]", body):
        for raw in _split_raw(seg):
            raw = raw.strip()
            if not raw:
                continue
            tail = _ROLE_TAIL.search(raw)
            name = raw[: tail.start()] if tail else raw
            name = re.sub(r"等(相关)?(部门|单位)?$", "", name).strip()
            if not name:
                if tail and tail.group(0) and pending:
                    pass  # a role word standing alone closes the pending names below
                else:
                    return []
            elif not _looks_like_unit(name):
                return []
            else:
                pending.append(name)
            if tail and tail.group(0):
                role: Role = "lead" if "牵头" in tail.group(0) else "support"
                units.extend(_unit(n, role, "tag") for n in pending)
                pending = []
    if pending:  # names after the last role word (rare): they take no lead
        units.extend(_unit(n, "support", "tag") for n in pending)
    return units


def _own_line(text: str, start: int, end: int) -> bool:
    return (start == 0 or text[start - 1] == "\n") and text[end:].strip("。；; \n") == ""


def _closing_sentence(text: str) -> UnitClause | None:
    """A last sentence "由区民政局负责。" or "区民政局牵头，区财政局配合。" made only of unit names."""
    stripped = text.rstrip()
    last_start = max(stripped.rfind("。", 0, len(stripped) - 1), stripped.rfind("\n"), -1) + 1
    sentence = stripped[last_start:]
    m = _BY.search(sentence)
    if m and not sentence[: m.start()].strip():
        names = _split(m.group(1))
        role: Role = "lead" if m.group(2) else "support"
        units = [_unit(n, role) for n in names]
    else:
        m2 = _LEAD_SUPPORT.fullmatch(sentence)
        if not m2:
            return None
        units = [_unit(n, "lead") for n in _split(m2.group(1))] + [
            _unit(n, "support") for n in _split(m2.group(2))
        ]
    if not units or not all(_looks_like_unit(u.name) for u in units):
        return None
    return UnitClause(last_start, len(stripped), units, False)


def _parse_body(body: str) -> list[ResponsibleUnit]:
    """The names of one clause: "责任单位：A牵头，B、C按职责分工负责" or "牵头单位：A；配合单位：B"."""
    units: list[ResponsibleUnit] = []
    parts = _LABEL.split(body)
    # split() gives ["", label1, names1, label2, names2, …]
    for i in range(1, len(parts) - 1, 2):
        label, names = parts[i], parts[i + 1]
        other = _OTHER_FIELD.search(names)
        if other is not None:
            names = names[: other.start()]
        default: Role = "lead" if label.startswith("牵头") else "support"
        for raw in _split(names):
            role = default
            name = raw
            mark = _ROLE_MARK.search(name)
            if mark is not None:
                name, role = name[: mark.start()], "lead" if mark.group(1) == "牵头" else "support"
            elif _LEAD.search(name):
                name, role = _LEAD.sub("", name), "lead"
            elif _SUPPORT.search(name):
                name, role = _SUPPORT.sub("", name), "support"
            name = name.strip()
            if name:
                units.append(_unit(name, role))
    return units


def _split(names: str) -> list[str]:
    """Split a list of unit names on 、，；和 and 以及, never inside brackets; drop qualifiers."""
    cleaned = []
    for n in _split_raw(names):
        n = n.strip(" 。；;：:\n")
        # "A牵头" keeps its role marker; qualifiers go
        n = _QUALIFIERS.sub("", n).strip()
        n = re.sub(r"等(部门|单位)?$", "", n)
        if n:
            cleaned.append(n)
    return cleaned


def _split_raw(names: str) -> list[str]:
    """Split on 、，,；; and 以及, never inside brackets."""
    out: list[str] = []
    cur: list[str] = []
    depth = 0
    i = 0
    while i < len(names):
        c = names[i]
        if c in "（(":
            depth += 1
        elif c in "）)":
            depth -= 1
        if depth == 0 and (c in "、，,；;" or names.startswith("以及", i)):
            out.append("".join(cur))
            cur = []
            i += 2 if names.startswith("以及", i) else 1
            continue
        cur.append(c)
        i += 1
    out.append("".join(cur))
    return out


def _unit(name: str, role: Role, source: Source = "tag") -> ResponsibleUnit:
    if _LEAD.search(name):
        name, role = _LEAD.sub("", name), "lead"
    canon, level = canonical(name)
    return ResponsibleUnit(name=name, canonical=canon, level=level, role=role, source=source)


def _looks_like_unit(name: str) -> bool:
    base = re.sub(r"[（(][^（）()]*[）)]$", "", name) or name  # 区委组织部（区公务员局）
    return bool(_SUFFIX.search(base)) or name.startswith("各") or name in _table().get("generic", [])


def _match_bracket(text: str, open_at: int) -> int | None:
    opener = text[open_at]
    closer = _CLOSE[opener]
    pairs = {"（": "）", "(": ")", "〔": "〕", "[": "]", "【": "】"}
    stack = [closer]
    for i in range(open_at + 1, len(text)):
        c = text[i]
        if c == "\n":
            return None
        if c in pairs:
            stack.append(pairs[c])
        elif stack and c == stack[-1]:
            stack.pop()
            if not stack:
                return i
    return None


def _line_end(text: str, pos: int) -> int:
    nl = text.find("\n", pos)
    return len(text) if nl < 0 else nl
