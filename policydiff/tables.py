"""Indicator tables laid out one cell per line (Word tables pasted as text), recovered into rows.

A table is recognised by its header, not by its title: a 序号 cell, then header cells up to the first
row number "1", one of them naming the 指标. Where cells begin with a tab (as Word's text export
writes them), a line without a tab continues the cell above ("2021年" + "目标值").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .models import Comparator, IndicatorRow
from .normalize import Text
from .read import LINE_BREAK

_YEAR = re.compile(r"((?:19|20)\d{2})年|“?十([四五六])五”?")
_PLAN_END = {"四": 2025, "五": 2030, "六": 2035}  # last year of a five-year plan (十四五 …)
_CELL_VALUE = re.compile(
    r"^(?P<cmp>≥|≧|>=|≤|≦|<=|>|<|不低于|不少于|不高于|不超过)?\s*(?P<num>\d+(?:\.\d+)?)\s*"
    r"(?P<unit>%|‰|[^\d\s左以]{1,4})?(?P<post>左右|以上|以下|以内)?$"
)
_NOTE = re.compile(r"[（(][^（()）]*[）)]$")  # "≥98%（除危废外）": a note after the value
_NATURE = re.compile(r"^(预期性|约束性|指导性)$")
_CMP: dict[str, Comparator] = {
    "≥": ">=", "≧": ">=", ">=": ">=", "不低于": ">=", "不少于": ">=",
    "≤": "<=", "≦": "<=", "<=": "<=", "不高于": "<=", ">": ">", "<": "<",
}  # fmt: skip
_MAX_HEADER = 12


@dataclass(frozen=True)
class _Cell:
    text: str
    start: int
    end: int


def find_indicator_tables(t: Text) -> list[IndicatorRow]:
    """Rows of every one-cell-per-line indicator table in the source."""
    cells = _cells(t.source.text)
    rows: list[IndicatorRow] = []
    i = 0
    while i < len(cells):
        if cells[i].text != "序号":
            i += 1
            continue
        found = _header(cells, i)
        if found is None:
            i += 1
            continue
        header, lines = found
        got, i = _rows(cells, i + lines, header, t)
        rows.extend(got)
    return rows


def _cells(raw: str) -> list[_Cell]:
    lines = []
    pos = 0
    for m in LINE_BREAK.finditer(raw + "\n"):
        lines.append((pos, m.start()))
        pos = m.end()
    tabbed = sum(1 for a, b in lines if raw.startswith("\t", a))
    cells: list[_Cell] = []
    for a, b in lines:
        line = raw[a:b]
        text = line.strip()
        if not text:
            continue
        s = a + (len(line) - len(line.lstrip()))
        e = a + len(line.rstrip())
        if tabbed >= 6 and not line.startswith("\t") and cells:
            prev = cells[-1]
            cells[-1] = _Cell(prev.text + text, prev.start, e)  # a header cell wrapped onto a second line
        else:
            cells.append(_Cell(text, s, e))
    return cells


def _header(cells: list[_Cell], i: int) -> tuple[list[str], int] | None:
    """The header cells from 序号 to the first row number, and how many lines they took."""
    for j in range(i + 2, min(len(cells), i + _MAX_HEADER + 1)):
        if cells[j].text == "1":
            header = [c.text for c in cells[i:j]]
            if not (any("指标" in h or "项目" in h for h in header[1:]) and len(header) >= 3):
                return None
            # without tabs a header cell wrapped onto two lines looks like two cells; the rows say
            # how many columns there are (from "1" to "2")
            ncols = next(
                (k - j for k in range(j + 3, min(len(cells), j + _MAX_HEADER)) if cells[k].text == "2"), None
            )
            return _merge_header(header, ncols), j - i
    return None


_CONTINUATION = re.compile(r"^(目标值|完成值|预期值|现状值|基期值|值|性质|属性|类型|单位|名称)$")
_BRACKETED = re.compile(r"^[（(][^（）()]*[）)]$")


def _merge_header(header: list[str], ncols: int | None) -> list[str]:
    """Join header lines that belong to one cell ("2021年" + "目标值", "指标" + "性质") until the
    header has as many cells as the rows have."""
    header = list(header)
    # a bracketed line ("（2020年）") always belongs to the cell above it
    b = len(header) - 1
    while ncols is not None and len(header) > ncols >= 3 and b > 1:
        if _BRACKETED.match(header[b]):
            header[b - 1 : b + 1] = [header[b - 1] + header[b]]
        b -= 1
    while ncols is not None and len(header) > ncols >= 3:
        k = next(
            (
                k
                for k in range(1, len(header) - 1)
                if _CONTINUATION.match(header[k + 1]) or header[k].endswith("年")
            ),
            None,
        )
        if k is None:
            break
        header[k : k + 2] = [header[k] + header[k + 1]]
    return header


def _rows(cells: list[_Cell], i: int, header: list[str], t: Text) -> tuple[list[IndicatorRow], int]:
    n = len(header)
    cols = _columns(header)
    out: list[IndicatorRow] = []
    expected = 1
    while i < len(cells) and cells[i].text == str(expected):
        # a row runs to the next row number; a cell wrapped onto two lines makes it longer
        nxt = str(expected + 1)
        stop = next((j for j in range(i + n, min(len(cells), i + n + 4)) if cells[j].text == nxt), None)
        end = stop if stop is not None else i + n
        row = _fold_wrapped(cells[i:end], n)
        if len(row) < n:
            row = row + [_Cell("", row[-1].end, row[-1].end)] * (n - len(row))
        values = [c.text for c in row]

        def get(key: str, values: list[str] = values) -> str | None:
            k = cols.get(key)
            return values[k] if k is not None and values[k] not in ("", "—", "-", "/") else None

        base, target = get("baseline"), get("target")
        tv, tc, tu = _value(target)
        bv, _, bu = _value(base)
        out.append(
            IndicatorRow(
                no=values[0],
                indicator=get("indicator") or "",
                baseline=base,
                baseline_year=cols.get("baseline_year"),
                baseline_value=bv,
                target=target,
                target_year=cols.get("target_year"),
                target_value=tv,
                target_comparator=tc,
                unit=get("unit") or tu or bu,
                nature=get("nature"),
                unit_owner=get("owner"),
                span=t.original_span(row[0].start, row[-1].end),
            )
        )
        i = end
        expected += 1
    return out, i


_UNIT_CELL = re.compile(r"^(%|‰|[^\d\s]{1,2}|[^\d\s]{1,3}/[^\d\s]{1,3})$")


def _whole(cell: str) -> bool:
    """A value, a unit or 预期性/约束性: a cell that is never half of a wrapped one."""
    return _value(cell)[0] is not None or bool(_NATURE.match(cell) or _UNIT_CELL.match(cell))


def _fold_wrapped(row: list[_Cell], n: int) -> list[_Cell]:
    """Join a cell that Word wrapped onto two lines ("与全市经济增速" + "保持同步") until the row has n
    cells; values, units and 预期性/约束性 are cells of their own, never halves of one."""
    row = list(row)
    while len(row) > n:
        k = next(
            (k for k in range(1, len(row) - 1) if not any(_whole(c.text) for c in row[k : k + 2])),
            None,
        )
        if k is None:
            return row[:n]
        a, b = row[k], row[k + 1]
        row[k : k + 2] = [_Cell(a.text + b.text, a.start, b.end)]
    return row


def _columns(header: list[str]) -> dict[str, int]:
    cols: dict[str, int] = {}
    years: list[tuple[int, int]] = []
    for k, h in enumerate(header):
        if k == 0:
            continue
        y = _YEAR.search(h)
        if y:
            years.append((int(y.group(1)) if y.group(1) else _PLAN_END[y.group(2)], k))
        elif h == "单位" or h == "计量单位":
            cols["unit"] = k
        elif re.search("性质|属性|类型", h):
            cols["nature"] = k
        elif re.search("责任单位|牵头单位|责任部门|牵头部门", h):
            cols["owner"] = k
        elif re.search("基期|现状|基准", h):
            cols["baseline"] = k
        elif re.search("目标", h) and "indicator" in cols:
            cols["target"] = k
        elif "indicator" not in cols and re.search("指标|项目|名称", h):
            cols["indicator"] = k
    if years:
        years.sort()
        base = [y for y in years if "baseline" not in cols and not re.search("目标", header[y[1]])]
        if len(years) == 1 and not base:  # only a target column ("十五五”目标")
            cols["target"], cols["target_year"] = years[0][1], years[0][0]
            return cols
        cols.setdefault("baseline", years[0][1])
        cols["baseline_year"] = years[0][0]
        if len(years) > 1:
            # the first target column after the baseline is the plan's own horizon; later ones
            # (2035年远景) are not kept here
            cols.setdefault("target", years[1][1])
            cols["target_year"] = years[1][0]
    return cols


def _value(cell: str | None) -> tuple[float | None, Comparator | None, str | None]:
    if not cell:
        return None, None, None
    m = _CELL_VALUE.match(_NOTE.sub("", cell.replace(" ", "")))
    if not m:
        return None, None, None
    return (
        float(m.group("num")),
        _CMP.get(m.group("cmp") or "", "=" if m.group("cmp") is None else None),
        m.group("unit"),
    )
