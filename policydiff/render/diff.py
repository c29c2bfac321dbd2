"""DiffReport → terminal (rich) and Markdown. Dropped targets come first: reviewers look for them."""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text as RichText

from ..models import DiffReport, Edit, MeasureChange, TargetRef
from . import MD, PlainTable, md_escape, md_table, scrub
from .marks import segments
from .quantities import value_text

LABELS = {
    "en": {
        "unchanged": "unchanged", "modified": "modified", "added": "added", "removed": "removed",
        "moved": "moved", "split": "split", "merged": "merged", "kept": "kept", "changed": "changed",
        "dropped": "dropped", "measures": "Measures", "targets": "Targets", "units": "Units", "units_col": "units",
        "dropped_targets": "Dropped targets", "changed_targets": "Changed targets",
        "added_targets": "Added targets", "units_dropped": "Responsible units dropped",
        "units_added": "Responsible units added", "changed_measures": "Changed measures",
        "measure": "measure", "indicator": "indicator", "old": "old", "new": "new", "quote": "quote",
        "fields": "changed", "year": "year", "folded": "unchanged measures not shown",
        "units_from": "measures lost units", "units_to": "measures gained units",
        "renumbered": "renumbered", "softened": "softened", "sentence": "sentence",
        "still": "still named without the number", "none": "none", "parts": "parts",
        "text_old": "征求意见稿 / old", "text_new": "正式稿 / new", "status": "status", "line": "line",
        "substitutions": "Systematic substitutions", "times": "measures", "places": "where",
        "id": "id", "title": "title", "issuer": "issuer", "number": "number", "date": "date",
        "doc_status": "status", "draft": "draft", "final": "final", "reply": "reply", "unknown": "unknown",
    },
    "zh": {
        "unchanged": "未变", "modified": "修改", "added": "新增", "removed": "删除", "moved": "移动",
        "split": "拆分", "merged": "合并", "kept": "保留", "changed": "变更", "dropped": "删除",
        "measures": "措施", "targets": "目标", "units": "责任单位", "units_col": "责任单位", "dropped_targets": "删除的目标",
        "changed_targets": "变更的目标", "added_targets": "新增的目标", "units_dropped": "删除的责任单位",
        "units_added": "新增的责任单位", "changed_measures": "有变化的措施", "measure": "措施",
        "indicator": "指标", "old": "原", "new": "新", "quote": "原文", "fields": "变化", "year": "年份",
        "folded": "条未变措施未列出", "units_from": "条措施删去责任单位", "units_to": "条措施增加责任单位",
        "renumbered": "序号变化", "softened": "弱化", "sentence": "整句", "still": "仍提及但无数值",
        "none": "无", "parts": "拆分/合并", "text_old": "征求意见稿", "text_new": "正式稿", "status": "变化",
        "line": "行", "substitutions": "统一替换", "times": "处", "places": "位置", "id": "标识", "title": "标题", "issuer": "发文机关", "number": "文号", "date": "日期",
        "doc_status": "状态", "draft": "征求意见稿", "final": "正式稿", "reply": "答复", "unknown": "未知",
    },
}  # fmt: skip

_ORDER = ("modified", "renumbered", "added", "removed", "moved", "split", "merged")


def _path(p: list[str] | None) -> str:
    return "/".join(p) if p else "—"


def _value(t: TargetRef | None) -> str:
    if t is None:
        return "—"
    v = value_text(t.comparator, t.value, t.value_max, t.unit)
    return f"{t.year}: {v}" if t.year else v


def summary_lines(report: DiffReport, lang: str = "en") -> list[str]:
    L = LABELS[lang]
    s = report.summary
    if lang == "zh":  # 措施：修改 23，新增 0 …（未变 3）— Chinese order and punctuation
        measures = "，".join(f"{L[k]} {s.measures[k]}" for k in _ORDER)
        targets = "，".join(f"{L[k]} {s.targets[k]}" for k in ("dropped", "changed", "kept", "added"))
        units = f"删去责任单位的措施 {s.units['dropped']} 条，增加责任单位的措施 {s.units['added']} 条"
        return [
            f"{L['measures']}：{measures}（{L['unchanged']} {s.measures['unchanged']}）",
            f"{L['targets']}：{targets}",
            f"{L['units']}：{units}",
        ]
    measures = ", ".join(f"{s.measures[k]} {L[k]}" for k in _ORDER)
    targets = ", ".join(f"{s.targets[k]} {L[k]}" for k in ("dropped", "changed", "kept", "added"))
    units = f"{s.units['dropped']} {L['units_from']}, {s.units['added']} {L['units_to']}"
    return [
        f"{L['measures']}: {measures} ({s.measures['unchanged']} {L['unchanged']})",
        f"{L['targets']}: {targets}",
        f"{L['units']}: {units}",
    ]


def diff_renderable(
    report: DiffReport, *, lang: str = "en", color: bool = True, only: str | None = None
) -> Group:
    """The terminal report. Without colour, deletions read [-…-] and insertions {+…+}."""
    report = scrub(report)
    L = LABELS[lang]
    parts: list[RenderableType] = []
    title = RichText(f"{report.old.id} → {report.new.id}", style="bold")
    if report.old.title or report.new.title:
        title.append(f"\n{report.old.title or '?'} → {report.new.title or '?'}")
    parts.append(title)
    for line in summary_lines(report, lang):
        parts.append(RichText(line))
    for note in report.notes:
        parts.append(RichText(f"note: {note}", style="yellow"))

    if only in (None, "targets"):
        parts.extend(_target_tables(report, L))
    if only in (None, "units"):
        parts.extend(_unit_tables(report, L))
    if only in (None, "measures"):
        parts.extend(_substitution_lines(report, L))
        parts.extend(_measure_section(report, L, color))
    return Group(*parts)


def _substitution_lines(report: DiffReport, L: dict[str, str]) -> list[RenderableType]:
    """The same replacement made in several measures, listed once (its edits stay in each measure)."""
    if not report.substitutions:
        return []
    t = _table(L, [L["old"], L["new"], L["times"], L["places"]])
    for x in report.substitutions:
        t.add_row(x.old, x.new, str(x.count), "; ".join(_path(p) for p in x.places))
    return [RichText(f"\n{L['substitutions']} ({len(report.substitutions)})", style="bold"), t]


def _target_tables(report: DiffReport, L: dict[str, str]) -> list[RenderableType]:
    out: list[RenderableType] = []
    td = report.targets
    if td.dropped:
        t = _table(L, [L["measure"], L["indicator"], L["old"], L["new"], L["quote"]])
        for d in td.dropped:
            new = L["still"] if d.still_mentioned else "—"
            t.add_row(_path(d.path), d.indicator or "", _value(d), new, d.text)
        out += [RichText(f"\n{L['dropped_targets']} ({len(td.dropped)})", style="bold red"), t]
    if td.changed:
        t = _table(L, [L["measure"], L["indicator"], L["old"], L["new"], L["fields"], L["quote"]])
        for c in td.changed:
            fields = ", ".join(c.fields) + (f" ({L['softened']})" if c.softened else "")
            t.add_row(
                _path(c.new.path), c.old.indicator or "", _value(c.old), _value(c.new), fields, c.new.text
            )
        out += [RichText(f"\n{L['changed_targets']} ({len(td.changed)})", style="bold yellow"), t]
    if td.added:
        t = _table(L, [L["measure"], L["indicator"], L["new"], L["quote"]])
        for a in td.added:
            t.add_row(_path(a.path), a.indicator or "", _value(a), a.text)
        out += [RichText(f"\n{L['added_targets']} ({len(td.added)})", style="bold green"), t]
    return out


def _unit_tables(report: DiffReport, L: dict[str, str]) -> list[RenderableType]:
    out: list[RenderableType] = []
    for key, rows in (("units_dropped", report.units.dropped), ("units_added", report.units.added)):
        if not rows:
            continue
        t = _table(L, [L["measure"], L["units_col"]])
        for r in rows:
            t.add_row(_path(r.path), "、".join(r.units))
        out += [RichText(f"\n{L[key]} ({len(rows)})", style="bold"), t]
    return out


def _measure_section(report: DiffReport, L: dict[str, str], color: bool) -> list[RenderableType]:
    changed = [m for m in report.measures if m.status != "unchanged"]
    out: list[RenderableType] = [RichText(f"\n{L['changed_measures']} ({len(changed)})", style="bold")]
    for m in changed:
        out.append(_measure_head(m, L))
        old_text = "".join((m.old_text or "").split())
        new_text = "".join((m.new_text or "").split())
        for e in m.edits:
            out.append(_edit_line(e, L, color, old_text, new_text))
    folded = len(report.measures) - len(changed)
    if folded:
        out.append(RichText(f"\n({folded} {L['folded']})", style="dim"))
    return out


def _measure_head(m: MeasureChange, L: dict[str, str]) -> RichText:
    where = _path(m.new) if m.new else _path(m.old)
    if m.old and m.new and m.old != m.new:
        where = f"{_path(m.old)} → {_path(m.new)}"
    head = RichText("\n")
    head.append(f"{where} ", style="bold cyan")
    head.append(m.new_heading or m.old_heading or "")
    info = f"  [{L[m.status]}"
    if m.old and m.new:
        info += f" {m.similarity:.2f}"
    if m.renumbered and m.status not in ("moved", "renumbered"):
        info += f", {L['renumbered']}"
    if m.parts:
        info += f", {L['parts']}: " + "; ".join(_path(p) for p in m.parts)
    lines = f"L{m.old_line or '—'} → L{m.new_line or '—'}"
    head.append(f"{info}]  {lines}", style="dim")
    return head


_CONTEXT = 8


def _edit_line(e: Edit, L: dict[str, str], color: bool, old_text: str, new_text: str) -> RichText:
    """One edit with a few characters of unchanged text on each side, taken from the new text."""
    line = RichText("    ")
    mark = f" ({L['sentence']})" if e.sentence else ""
    before = new_text[max(0, e.new_at - _CONTEXT) : e.new_at]
    after_at = e.new_at + len(e.new or "")
    after = new_text[after_at : after_at + _CONTEXT]
    if e.sentence or e.op == "delete":
        old_end = e.old_at + len(e.old or "")
        after = old_text[old_end : old_end + _CONTEXT] if e.op == "delete" else after
    line.append(("…" if e.new_at > _CONTEXT else "") + before, style="dim")
    if e.op in ("delete", "replace") and e.old:
        line.append_text(_deleted(e.old, color))
    if e.op == "replace":
        line.append(" → ")
    if e.op in ("insert", "replace") and e.new:
        line.append_text(_inserted(e.new, color))
    line.append(after + ("…" if after else ""), style="dim")
    line.append(mark, style="dim")
    return line


def _deleted(s: str, color: bool) -> RichText:
    return RichText(s, style="red strike") if color else RichText(f"[-{s}-]")


def _inserted(s: str, color: bool) -> RichText:
    return RichText(s, style="green underline") if color else RichText(f"{{+{s}+}}")


def _table(L: dict[str, str], columns: list[str]) -> Table:
    t = PlainTable(box=None, pad_edge=False, header_style="bold", show_edge=False)
    for c in columns:
        t.add_column(c, no_wrap=c in (L["measure"],), overflow="fold")
    return t


# ---------------------------------------------------------------- Markdown


def diff_markdown(report: DiffReport, *, lang: str = "en", only: str | None = None) -> str:
    """GitHub-flavoured Markdown: summary, targets tables, units, and the 新旧对照表."""
    L = LABELS[lang]
    out = [f"# {md_escape(report.old.id)} → {md_escape(report.new.id)}", ""]
    out += (
        [f"- {md_escape(report.old.title)} → {md_escape(report.new.title or '')}"] if report.old.title else []
    )
    out += [f"- {line}" for line in summary_lines(report, lang)] + [""]
    td = report.targets
    sections: list[tuple[str, list[str], list[list[str]]]] = []
    if only in (None, "targets"):
        sections += [
            (
                f"{L['dropped_targets']} ({len(td.dropped)})",
                [L["measure"], L["indicator"], L["old"], L["quote"]],
                [[_path(d.path), d.indicator or "", _value(d), d.text] for d in td.dropped],
            ),
            (
                f"{L['changed_targets']} ({len(td.changed)})",
                [L["measure"], L["indicator"], L["old"], L["new"], L["fields"]],
                [
                    [
                        _path(c.new.path), c.old.indicator or "", _value(c.old), _value(c.new),
                        ", ".join(c.fields) + (f" ({L['softened']})" if c.softened else ""),
                    ]
                    for c in td.changed
                ],
            ),
            (
                f"{L['added_targets']} ({len(td.added)})",
                [L["measure"], L["indicator"], L["new"], L["quote"]],
                [[_path(a.path), a.indicator or "", _value(a), a.text] for a in td.added],
            ),
        ]  # fmt: skip
    if only in (None, "units"):
        rows = [[_path(r.path), "、".join(r.units)] for r in report.units.dropped]
        sections.append((f"{L['units_dropped']} ({len(rows)})", [L["measure"], L["units"]], rows))
    for title, header, rows in sections:
        if rows:
            out += [f"## {title}", "", *md_table(header, rows), ""]
    if only in (None, "measures"):
        rows = [
            [
                f"{_path(m.old)} → {_path(m.new)}", _marked(m, old=True), _marked(m, old=False),
                L[m.status] + (f" {m.similarity:.2f}" if m.old and m.new else ""),
            ]
            for m in report.measures
        ]  # fmt: skip
        if report.substitutions:
            subs = [
                [x.old, x.new, str(x.count), "; ".join(_path(p) for p in x.places)]
                for x in report.substitutions
            ]
            out += [
                f"## {L['substitutions']}",
                "",
                *md_table([L["old"], L["new"], L["times"], L["places"]], subs),
                "",
            ]
        out += [f"## 新旧对照表 / {L['changed_measures']}", ""]
        out += [*md_table([L["measure"], L["text_old"], L["text_new"], L["status"]], rows), ""]
    return "\n".join(out)


def _marked(m: MeasureChange, *, old: bool) -> str:
    """The measure's text with its edits marked: ~~deleted~~ on the old side, **inserted** on the new."""
    wrap = "~~" if old else "**"
    return MD(
        "".join(
            md_escape(seg) if piece is None else f"{wrap}{md_escape(seg)}{wrap}"
            for seg, piece in segments(m, old=old)
        )
    )
