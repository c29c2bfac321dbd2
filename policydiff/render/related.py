"""`policydiff related` as a terminal table, CSV rows (one per plan and relative) and an HTML overview."""

from __future__ import annotations

from html import escape
from typing import Any

from rich.console import Group, RenderableType
from rich.text import Text as RichText

from ..models import PlanRelatives, RelatedReport, Relative
from . import PlainTable
from .html import _page

ROW_COLUMNS = [
    "doc", "title", "date", "rank", "relative", "relative_title", "relative_date", "shared", "share",
    "share_of_relative", "parent", "child",
]  # fmt: skip


def _arrow(r: Relative) -> str:
    return {"from": "⇐ parent", "to": "⇒ child"}.get(r.flow or "", "")


def related_renderable(report: RelatedReport) -> RenderableType:
    """Each plan with its relatives; a plan with none is one line."""
    parts: list[RenderableType] = [
        RichText(
            f"{report.documents} plans, {report.sentences} distinct sentences, "
            f"{report.clusters} found in more than one plan"
        )
    ]
    for p in report.plans:
        head = f"\n{p.doc}  {p.title or ''}  ({p.measures} measures, {p.unmatched} found in no other plan)"
        parts.append(RichText(head, style="bold"))
        if not p.relatives:
            parts.append(RichText("  no relative"))
            continue
        table = PlainTable(box=None, pad_edge=False, padding=(0, 2, 0, 2))
        for col in ("relative", "date", "shared", "share", "their share", "flow"):
            table.add_column(col, justify="right" if col in ("shared", "share", "their share") else "left")
        for r in p.relatives:
            table.add_row(
                r.doc, r.date or "", str(r.shared), f"{r.share:.0%}", f"{r.share_of_relative:.0%}", _arrow(r)
            )
        parts.append(table)
        if p.unmatched_measures:
            parts.append(RichText("  found in no other plan: " + ", ".join(p.unmatched_measures)))
    return Group(*parts)


def related_rows(report: RelatedReport) -> list[dict[str, Any]]:
    """One row per (plan, relative), ranks from 1; parent/child filled when the dates tell the flow."""
    rows = []
    for p in report.plans:
        for i, r in enumerate(p.relatives, 1):
            parent = r.doc if r.flow == "from" else p.doc if r.flow == "to" else None
            child = p.doc if r.flow == "from" else r.doc if r.flow == "to" else None
            rows.append(
                {
                    "doc": p.doc,
                    "title": p.title,
                    "date": p.date,
                    "rank": i,
                    "relative": r.doc,
                    "relative_title": r.title,
                    "relative_date": r.date,
                    "shared": r.shared,
                    "share": r.share,
                    "share_of_relative": r.share_of_relative,
                    "parent": parent,
                    "child": child,
                }
            )
    return rows


def related_html(report: RelatedReport) -> str:
    """An overview: a table of plans, each with its relatives (shared measures as a bar)."""
    body = [
        "<header><h1>Related plans</h1>",
        f"<p class='label'>{report.documents} plans · {report.sentences} distinct sentences · "
        f"{report.clusters} found in more than one plan. A relative shares sentences (near-duplicates) with "
        "the plan; ⇐ parent: the relative is older, the plan likely derives from it.</p></header>",
        "<table class='related'><thead><tr><th>plan</th><th>relatives</th></tr></thead><tbody>",
    ]
    for p in report.plans:
        body.append(f"<tr><td>{_plan_cell(p)}</td><td>{_relatives_cell(p)}</td></tr>")
    body.append("</tbody></table>")
    return _page("Related plans", "\n".join(body), "en")


def _plan_cell(p: PlanRelatives) -> str:
    title = f"<br>{escape(p.title)}" if p.title else ""
    date = f"<br><span class='label'>{escape(p.date)}</span>" if p.date else ""
    unmatched = (
        f"<br><span class='label'>{p.unmatched} of {p.measures} measures found in no other plan</span>"
    )
    return f"<b>{escape(p.doc)}</b>{title}{date}{unmatched}"


def _relatives_cell(p: PlanRelatives) -> str:
    if not p.relatives:
        return "<span class='label'>none</span>"
    items = []
    for r in p.relatives:
        width = max(1, round(100 * r.share))
        items.append(
            f"<li>{escape(_arrow(r))} <b>{escape(r.doc)}</b> {escape(r.title or '')} "
            f"<span class='label'>{r.shared} measures ({r.share:.0%} of the plan, {r.share_of_relative:.0%} of "
            f"the relative)</span><div class='bar' style='width:{width}%'></div></li>"
        )
    return "<ul class='relatives'>" + "".join(items) + "</ul>"
