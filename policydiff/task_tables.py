"""Task tables (任务分工表 / 工作任务清单): rows of tasks with their 牵头 and 配合 units, one cell per line.

Attachments often hold the plan's tasks as a table: 序号 | 任务名称 | 任务内容 | 牵头部门 | 配合部门 | 时间节点.
Pasted as text, each cell is a line and a cell spanning several rows (任务名称) appears only in the
first of them, so a row is read from its number to the next one and its cells are placed from the
right, each on a column it can be (a date on the time column, unit names on a unit column).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .models import Measure, ResponsibleUnit
from .normalize import Text
from .tables import _Cell, _cells, _fold_wrapped
from .units import Role, _looks_like_unit, _split, _unit

_LEAD = re.compile(r"牵头")
_SUPPORT = re.compile(r"配合|协同|参与|协助")
_OWNER = re.compile(r"责任单位|责任部门|负责单位|责任主体|实施主体")
_TIME = re.compile(r"时间|时限|节点|进度|期限")
_NAME = re.compile(r"名称|类别|类型|领域")
_CONTENT = re.compile(r"内容|措施|任务|事项|工作")
_DATE = re.compile(r"\d{4}\s*年|\d{1,2}\s*月|年底|年内|长期|持续|每年|季度|前$")
MAX_HEADER = 10


@dataclass(frozen=True)
class TaskRow:
    no: str
    content: str
    units: list[ResponsibleUnit]
    start: int  # original offsets of the row
    end: int


def task_rows(t: Text, start: int, end: int) -> list[TaskRow]:
    """Rows of the task tables in the original text [start, end): tables whose header names a 牵头,
    配合 or 责任单位 column."""
    cells = [c for c in _cells(t.source.text) if start <= c.start < end]
    out: list[TaskRow] = []
    i = 0
    while i < len(cells):
        if cells[i].text != "序号":
            i += 1
            continue
        header = _header(cells, i)
        if header is None:
            i += 1
            continue
        rows, i = _rows(cells, i + 1 + len(header), header, 1)
        # the header printed again at a page break: the rows go on with the next number
        while rows and _repeats(cells, i, header):
            more, i = _rows(cells, i + 1 + len(header), header, int(rows[-1].no) + 1)
            if not more:
                break
            rows += more
        out.extend(rows)
    return out


def _repeats(cells: list[_Cell], i: int, header: list[str]) -> bool:
    return [c.text for c in cells[i : i + 1 + len(header)]] == ["序号", *header]


def _header(cells: list[_Cell], i: int) -> list[str] | None:
    for j in range(i + 2, min(len(cells), i + MAX_HEADER + 1)):
        if cells[j].text == "1":
            header = [c.text for c in cells[i + 1 : j]]
            if any("指标" in h for h in header):
                return None  # an indicator table (tables.py), whose rows are values, not tasks
            if any(_LEAD.search(h) or _SUPPORT.search(h) or _OWNER.search(h) for h in header):
                return header
            return None
    return None


def _kind(name: str) -> str:
    if _LEAD.search(name):
        return "lead"
    if _SUPPORT.search(name):
        return "support"
    if _OWNER.search(name):
        return "owner"
    if _TIME.search(name):
        return "time"
    if _NAME.search(name):
        return "name"
    if _CONTENT.search(name):
        return "content"
    return "other"


def _rows(cells: list[_Cell], i: int, header: list[str], expected: int) -> tuple[list[TaskRow], int]:
    kinds = [_kind(h) for h in header]
    out: list[TaskRow] = []
    while i < len(cells) and cells[i].text == str(expected):
        nxt = str(expected + 1)
        stop = next(
            (
                j
                for j in range(i + 2, min(len(cells), i + len(header) + 5))
                if cells[j].text == nxt or (cells[j].text == "序号" and _repeats(cells, j, header))
            ),
            None,
        )
        end = stop if stop is not None else min(len(cells), i + 1 + len(header))
        row = _fold_wrapped(cells[i + 1 : end], len(header))
        placed = _place(row, kinds)
        units: list[ResponsibleUnit] = []
        for k in sorted(placed):
            role: Role = "lead" if kinds[k] == "lead" else "support"
            if kinds[k] in ("lead", "support", "owner"):
                units += [_unit(n, role, "table") for n in _split(placed[k].text) if _looks_like_unit(n)]
        content = next((placed[k].text for k in sorted(placed) if kinds[k] == "content"), "")
        out.append(TaskRow(str(expected), content, units, cells[i].start, cells[end - 1].end))
        i = end
        expected += 1
    return out, i


def _place(row: list[_Cell], kinds: list[str]) -> dict[int, _Cell]:
    """Column index → cell, filling from the right: a cell that spans rows above is missing here,
    and a column whose kind the cell cannot be (a date, a list of units) is passed over."""
    placed: dict[int, _Cell] = {}
    k = len(kinds) - 1
    for cell in reversed(row):
        while k >= 0 and not _fits(cell.text, kinds[k]):
            k -= 1
        if k < 0:
            break
        placed[k] = cell
        k -= 1
    return placed


def _fits(text: str, kind: str) -> bool:
    if kind == "time":
        return bool(_DATE.search(text)) and len(text) <= 30
    if kind in ("lead", "support", "owner"):
        names = _split(text)
        return bool(names) and all(_looks_like_unit(n) for n in names)
    return True


def row_measures(t: Text, rows: list[TaskRow], prefix: list[str]) -> list[Measure]:
    """The rows as measures of an attachment: label the row number, path under the attachment."""
    out = []
    for r in rows:
        text = r.content
        heading = re.match(r"[^。；\n]*", text)
        head = heading.group(0).strip() if heading else ""
        out.append(
            Measure(
                label=r.no,
                path=[*prefix, r.no],
                heading=head if 0 < len(head) <= 40 else None,
                text=text,
                span=t.original_span(r.start, r.end),
                responsible_units=r.units,
            )
        )
    return out
