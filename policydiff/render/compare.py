"""CompareReport → terminal (rich), Markdown and CSV rows."""

from __future__ import annotations

from typing import Any

from rich.console import Group, RenderableType
from rich.text import Text as RichText

from ..models import CompareReport, IndicatorGroup
from . import PlainTable, md_escape, md_table, scrub
from .quantities import value_text

LABELS = {
    "en": {
        "coverage": "Coverage", "matched": "leaf measures have a counterpart in another plan",
        "matrix": "Reference measures and their best counterparts", "measure": "measure",
        "indicators": "Shared indicators", "doc": "document", "level": "level", "kind": "kind",
        "year": "year", "value": "value", "quote": "quote", "flag": "flag", "none": "no counterpart",
        "unmatched": "without counterpart", "min_score": "counterparts score at least",
        "id": "id", "title": "title", "jurisdiction": "jurisdiction",
    },
    "zh": {
        "coverage": "覆盖情况", "matched": "条末级措施在其他方案中有对应", "matrix": "参照方案措施及其最相近的对应措施",
        "measure": "措施", "indicators": "共同指标", "doc": "文件", "level": "层级", "kind": "类型",
        "year": "年份", "value": "数值", "quote": "原文", "flag": "提示", "none": "无对应",
        "unmatched": "无对应措施", "min_score": "对应得分不低于",
        "id": "标识", "title": "标题", "jurisdiction": "行政区",
    },
}  # fmt: skip


def _path(p: list[str]) -> str:
    return "/".join(p) or "(preamble)"


def compare_renderable(report: CompareReport, *, lang: str = "en") -> Group:
    report = scrub(report)
    L = LABELS[lang]
    parts: list[RenderableType] = [RichText(f"{L['coverage']}", style="bold")]
    for c in report.coverage:
        line = RichText(f"  {c.doc}: {c.matched}/{c.leaves} {L['matched']}")
        if c.unmatched:
            names = "、".join(f"{_path(u.path)} {u.heading or ''}".strip() for u in c.unmatched)
            line.append(f"\n    {L['unmatched']}: {names}", style="dim")
        parts.append(line)
    parts.append(RichText(f"({L['min_score']} {report.min_score})", style="dim"))

    others = [d.id for d in report.documents[1:]]
    matrix = PlainTable(box=None, pad_edge=False, header_style="bold", title_justify="left")
    matrix.add_column(L["measure"], no_wrap=True)
    for d in others:
        matrix.add_column(d, overflow="fold")
    for m in report.matches:
        cells = []
        for d in others:
            cs = m.counterparts.get(d, [])
            cells.append("; ".join(f"{_path(c.path)} {c.score:.2f}" for c in cs))
        matrix.add_row(f"{_path(m.path)} {m.heading or ''}", *cells)
    parts += [RichText(f"\n{L['matrix']}", style="bold"), matrix]

    parts.append(RichText(f"\n{L['indicators']} ({len(report.indicators)})", style="bold"))
    for g in report.indicators:
        parts.append(_indicator_table(g, L))
    return Group(*parts)


def _indicator_table(g: IndicatorGroup, L: dict[str, str]) -> Group:
    t = PlainTable(box=None, pad_edge=False, header_style="bold")
    for col in (L["doc"], L["level"], L["measure"], L["kind"], L["year"], L["value"], L["quote"]):
        t.add_column(col, no_wrap=col != L["quote"], overflow="fold")
    for v in g.values:
        t.add_row(
            v.doc, v.level or "", _path(v.path), v.kind, "" if v.year is None else str(v.year),
            value_text(v.comparator, v.value, None, v.unit), v.text,
        )  # fmt: skip
    head = RichText(f"\n{g.indicator}", style="bold cyan")
    flags = [RichText(f"  ⚑ {f}", style="yellow") for f in g.flags]
    return Group(head, t, *flags)


def compare_markdown(report: CompareReport, *, lang: str = "en") -> str:
    L = LABELS[lang]
    others = [d.id for d in report.documents[1:]]
    out = [
        f"# {md_escape(report.documents[0].id)} ↔ {md_escape(', '.join(others))}",
        "",
        f"## {L['coverage']}",
        "",
    ]
    for c in report.coverage:
        out.append(f"- {md_escape(c.doc)}: {c.matched}/{c.leaves} {L['matched']}")
    matrix = [
        [f"{_path(m.path)} {m.heading or ''}"]
        + ["; ".join(f"{_path(c.path)} {c.score:.2f}" for c in m.counterparts.get(d, [])) for d in others]
        for m in report.matches
    ]
    out += ["", f"## {L['matrix']}", "", *md_table([L["measure"], *others], matrix), ""]
    out += [f"## {L['indicators']}", ""]
    header = [L["doc"], L["level"], L["measure"], L["kind"], L["year"], L["value"], L["quote"]]
    for g in report.indicators:
        rows = [
            [
                v.doc, v.level or "", _path(v.path), v.kind, str(v.year or ""),
                value_text(v.comparator, v.value, None, v.unit), v.text,
            ]
            for v in g.values
        ]  # fmt: skip
        out += [f"### {md_escape(g.indicator)}", "", *md_table(header, rows)]
        out += [f"- ⚑ {f}" for f in g.flags] + [""]
    return "\n".join(out)


INDICATOR_COLUMNS = [
    "group", "flags", "doc", "level", "path", "kind", "year", "comparator", "value", "unit", "indicator", "text",
]  # fmt: skip


def indicator_rows(report: CompareReport) -> list[dict[str, Any]]:
    """One CSV row per indicator value: its group (the shared indicator) and the group's flags first,
    then the value with the indicator as this document writes it."""
    return [
        {"group": g.indicator, "flags": "; ".join(g.flags), **v.model_dump(mode="json")}
        for g in report.indicators
        for v in g.values
    ]
