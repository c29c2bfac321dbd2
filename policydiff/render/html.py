"""Self-contained HTML reports: the diff as a 新旧对照表, the comparison as a coverage matrix.

One file, CSS inline, no script, nothing fetched: it opens offline and prints. Every piece of
document text goes through html.escape; markup is only ever built around escaped text.
"""

from __future__ import annotations

from html import escape

from ..models import CompareReport, DiffReport, DocRef, MeasureChange, TargetRef
from .compare import LABELS as COMPARE_LABELS
from .diff import LABELS as DIFF_LABELS
from .diff import summary_lines
from .marks import moved_pieces, segments
from .quantities import value_text

_CSS = """
:root { --del: #b3261e; --ins: #1e7b34; --move: #1a56a6; --line: #d0d7de; --muted: #57606a; }
* { box-sizing: border-box; }
body { margin: 24px auto; max-width: 1280px; padding: 0 16px; color: #1f2328; line-height: 1.7;
  font-family: "PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", "Source Han Sans SC", "SimSun", sans-serif;
  overflow-wrap: anywhere; }
h1 { font-size: 1.5em; margin: 0 0 .4em; } h2 { font-size: 1.2em; margin-top: 1.6em; border-bottom: 2px solid var(--line); }
table { border-collapse: collapse; width: 100%; table-layout: fixed; margin: .6em 0; }
th, td { border: 1px solid var(--line); padding: 6px 8px; vertical-align: top; text-align: left; }
th { background: #f6f8fa; }
.docs th:first-child, .docs td:first-child { width: 7em; }
.summary li { margin: .1em 0; }
.targets col.measure { width: 9em; } .targets col.value { width: 9em; } .targets col.year { width: 4.5em; }
tr.dropped td.old-value { color: var(--del); font-weight: bold; }
tr.changed td.new-value { color: #9a6700; font-weight: bold; }
.pairs col.side { width: 45%; } .pairs col.status { width: 10%; }
.label { color: var(--muted); font-size: .85em; }
.badge { display: inline-block; padding: 0 .5em; border-radius: 1em; font-size: .8em; color: #fff; background: #6e7781; }
.badge.modified { background: #9a6700; } .badge.added { background: var(--ins); } .badge.removed { background: var(--del); }
.badge.moved, .badge.split, .badge.merged, .badge.renumbered { background: var(--move); } .badge.unchanged { background: #8c959f; }
.renumbered { display: block; font-size: .75em; color: var(--move); }
del { color: var(--del); text-decoration: line-through; background: #ffebe9; }
ins { color: var(--ins); text-decoration: underline; background: #dafbe1; }
mark.moved { color: var(--move); background: #ddf4ff; border-bottom: 1px dashed var(--move); }
tr.moved td.old, tr.moved td.new { border-left: 3px solid var(--move); }
tr.unchanged > td { padding: 2px 8px; color: var(--muted); }
details > summary { cursor: pointer; } details .sides { display: grid; grid-template-columns: 1fr 1fr; gap: 1em; }
td.empty { color: #8c959f; text-align: center; }
tr.flagged td { background: #fff8c5; }
.flag { color: #9a6700; }
ul.relatives { margin: 0; padding-left: 1.2em; } .bar { height: 4px; background: var(--move); margin: 2px 0 6px; }
@media (max-width: 640px) {
  /* a phone: the page never runs off the right edge; wide tables scroll inside themselves, cells keep
     a readable width, and the 对照表 stacks old above new */
  body { margin: 12px auto; padding: 0 10px; }
  table { display: block; overflow-x: auto; table-layout: auto; }
  th, td { min-width: 7em; } th { white-space: nowrap; }
  col { width: auto !important; }
  table.pairs, table.pairs tbody, table.pairs tr, table.pairs td { display: block; width: 100%; min-width: 0; }
  table.pairs thead, table.pairs colgroup { display: none; }
  table.pairs tr { border: 1px solid var(--line); margin: 0 0 .8em; }
  table.pairs td { border: none; border-top: 1px solid var(--line); }
  details .sides { grid-template-columns: 1fr; }
}
@media print {
  body { max-width: none; margin: 0; font-size: 10.5pt; }
  section { break-before: page; } section:first-of-type { break-before: auto; }
  tr { break-inside: avoid; } a { color: inherit; text-decoration: none; }
}
"""


def _page(title: str, body: str, lang: str) -> str:
    html_lang = "zh-CN" if lang == "zh" else "en"
    return (
        f'<!DOCTYPE html>\n<html lang="{html_lang}">\n<head>\n<meta charset="utf-8">\n'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">\n<title>{escape(title)}</title>\n'
        f"<style>{_CSS}</style>\n</head>\n<body>\n{body}\n</body>\n</html>\n"
    )


def _path(p: list[str] | None) -> str:
    return escape("/".join(p)) if p else "—"


# ------------------------------------------------------------------ diff


def diff_html(report: DiffReport, *, lang: str = "en") -> str:
    L = DIFF_LABELS[lang]
    anchors = {tuple(m.new or m.old or []): f"m-{k}" for k, m in enumerate(report.measures)}
    anchors.update({tuple(m.old): f"m-{k}" for k, m in enumerate(report.measures) if m.old})
    parts = [
        f"<header>\n<h1>{escape(report.old.id)} → {escape(report.new.id)}</h1>",
        _docs_table(report.old, report.new, L),
    ]
    parts.append(
        "<ul class='summary'>"
        + "".join(f"<li>{escape(s)}</li>" for s in summary_lines(report, lang))
        + "</ul>"
    )
    parts.append("</header>")
    parts.append(_targets_section(report, L, anchors))
    parts.append(_units_section(report, L, anchors))
    if report.substitutions:
        rows = "".join(
            f"<tr><td>{escape(x.old)}</td><td>{escape(x.new)}</td><td>{x.count}</td>"
            f"<td>{escape('; '.join('/'.join(p) for p in x.places))}</td></tr>"
            for x in report.substitutions
        )
        parts.append(
            f"<section><h2>{escape(L['substitutions'])} ({len(report.substitutions)})</h2><table class='subs'>"
            f"<thead><tr><th>{escape(L['old'])}</th><th>{escape(L['new'])}</th><th>{escape(L['times'])}</th>"
            f"<th>{escape(L['places'])}</th></tr></thead><tbody>{rows}</tbody></table></section>"
        )
    parts.append(_pairs_section(report, L))
    return _page(f"{report.old.id} → {report.new.id}", "\n".join(parts), lang)


def _docs_table(old: DocRef, new: DocRef, L: dict[str, str]) -> str:
    rows = [
        (L["id"], old.id, new.id),
        (L["title"], old.title, new.title),
        (L["issuer"], old.issuer, new.issuer),
        (L["number"], old.doc_number, new.doc_number),
        (L["date"], old.date, new.date),
        (L["doc_status"], L[old.status], L[new.status]),
    ]
    body = "".join(
        f"<tr><th>{escape(k)}</th><td>{escape(a or '—')}</td><td>{escape(b or '—')}</td></tr>"
        for k, a, b in rows
    )
    return f"<table class='docs'><tr><th></th><th>{escape(L['text_old'])}</th><th>{escape(L['text_new'])}</th></tr>{body}</table>"


def _link(path: list[str], anchors: dict[tuple[str, ...], str]) -> str:
    a = anchors.get(tuple(path))
    return f"<a href='#{a}'>{_path(path)}</a>" if a else _path(path)


def _value(t: TargetRef | None) -> str:
    return escape(value_text(t.comparator, t.value, t.value_max, t.unit)) if t else "—"


def _targets_section(report: DiffReport, L: dict[str, str], anchors: dict[tuple[str, ...], str]) -> str:
    td = report.targets
    head = (
        "<colgroup><col class='measure'><col><col class='value'><col class='value'><col class='year'><col></colgroup>"
        f"<thead><tr><th>{L['measure']}</th><th>{L['indicator']}</th><th>{L['old']}</th><th>{L['new']}</th>"
        f"<th>{L['year']}</th><th>{L['quote']}</th></tr></thead>"
    )
    rows = []
    for d in td.dropped:
        new = escape(L["still"]) if d.still_mentioned else "—"
        rows.append(
            f"<tr class='target dropped'><td>{_link(d.path, anchors)}</td><td>{escape(d.indicator or '')}</td>"
            f"<td class='old-value'>{_value(d)}</td><td>{new}</td><td>{d.year or ''}</td><td>{escape(d.text)}</td></tr>"
        )
    for c in td.changed:
        what = escape(", ".join(c.fields)) + (f" ({escape(L['softened'])})" if c.softened else "")
        year = f"{c.old.year or ''}→{c.new.year or ''}" if c.old.year != c.new.year else str(c.new.year or "")
        rows.append(
            f"<tr class='target changed'><td>{_link(c.new.path, anchors)}</td><td>{escape(c.old.indicator or '')}</td>"
            f"<td>{_value(c.old)}</td><td class='new-value'>{_value(c.new)}<br><span class='label'>{what}</span></td>"
            f"<td>{year}</td><td>{escape(c.new.text)}</td></tr>"
        )
    for a in td.added:
        rows.append(
            f"<tr class='target added'><td>{_link(a.path, anchors)}</td><td>{escape(a.indicator or '')}</td>"
            f"<td>—</td><td>{_value(a)}</td><td>{a.year or ''}</td><td>{escape(a.text)}</td></tr>"
        )
    title = f"{L['dropped_targets']} ({len(td.dropped)}) · {L['changed_targets']} ({len(td.changed)}) · {L['added_targets']} ({len(td.added)})"
    table = (
        f"<table class='targets'>{head}<tbody>{''.join(rows)}</tbody></table>"
        if rows
        else f"<p>{L['none']}</p>"
    )
    return f"<section id='targets'>\n<h2>{escape(title)}</h2>\n{table}\n</section>"


def _units_section(report: DiffReport, L: dict[str, str], anchors: dict[tuple[str, ...], str]) -> str:
    rows = []
    for key, items in (("dropped", report.units.dropped), ("added", report.units.added)):
        for r in items:
            rows.append(
                f"<tr class='units {key}'><td>{_link(r.path, anchors)}</td><td>{escape(L[key])}</td>"
                f"<td>{escape('、'.join(r.units))}</td></tr>"
            )
    head = f"<colgroup><col style='width:9em'><col style='width:6em'><col></colgroup><thead><tr><th>{L['measure']}</th><th>{L['status']}</th><th>{L['units_col']}</th></tr></thead>"
    table = (
        f"<table class='unit-changes'>{head}<tbody>{''.join(rows)}</tbody></table>"
        if rows
        else f"<p>{L['none']}</p>"
    )
    return f"<section id='units'>\n<h2>{escape(L['units_dropped'])} / {escape(L['units_added'])}</h2>\n{table}\n</section>"


def _pairs_section(report: DiffReport, L: dict[str, str]) -> str:
    rows = []
    for k, m in enumerate(report.measures):
        old_paths = "|".join(
            "/".join(p) for p in (m.parts if m.status == "merged" else [m.old] if m.old else [])
        )
        new_paths = "|".join(
            "/".join(p) for p in (m.parts if m.status == "split" else [m.new] if m.new else [])
        )
        data = f"id='m-{k}' data-old-paths='{escape(old_paths)}' data-new-paths='{escape(new_paths)}'"
        old_html, new_html = _marked_sides(m)
        old_cell = _side(m.old, m.old_line, old_html, L) if m.old else "<span class='label'>—</span>"
        new_cell = _side(m.new, m.new_line, new_html, L) if m.new else "<span class='label'>—</span>"
        badge = f"<span class='badge {m.status}'>{escape(L[m.status])}</span>"
        if m.old and m.new:
            badge += f"<br><span class='label'>{m.similarity:.2f}</span>"
        if m.renumbered and m.status != "renumbered":
            badge += f"<span class='renumbered'>{escape(L['renumbered'])}</span>"
        if m.parts:
            badge += "<span class='renumbered'>" + escape("; ".join("/".join(p) for p in m.parts)) + "</span>"
        if m.status == "unchanged":
            summary = f"{_path(m.new)} {escape(m.new_heading or '')} · {escape(L['unchanged'])} · L{m.old_line} ↔ L{m.new_line}"
            rows.append(
                f"<tr class='pair unchanged' {data}><td colspan='3'><details><summary>{summary}</summary>"
                f"<div class='sides'><div>{old_cell}</div><div>{new_cell}</div></div></details></td></tr>"
            )
        else:
            rows.append(
                f"<tr class='pair {m.status}' {data}><td class='old'>{old_cell}</td><td class='status'>{badge}</td>"
                f"<td class='new'>{new_cell}</td></tr>"
            )
    head = (
        "<colgroup><col class='side'><col class='status'><col class='side'></colgroup>"
        f"<thead><tr><th>{escape(L['text_old'])}</th><th>{escape(L['status'])}</th><th>{escape(L['text_new'])}</th></tr></thead>"
    )
    return f"<section id='pairs'>\n<h2>新旧对照表</h2>\n<table class='pairs'>{head}<tbody>{''.join(rows)}</tbody></table>\n</section>"


def _side(path: list[str] | None, line: int | None, text_html: str, L: dict[str, str]) -> str:
    return (
        f"<div class='label'>{_path(path)} · {escape(L['line'])} {line or '—'}</div>"
        f"<div class='text'>{text_html}</div>"
    )


def _marked_sides(m: MeasureChange) -> tuple[str, str]:
    moved = moved_pieces(m.edits)
    return _marked(m, old=True, moved=moved), _marked(m, old=False, moved=moved)


def _marked(m: MeasureChange, *, old: bool, moved: set[str]) -> str:
    """Escaped text with <del> (old side) or <ins> (new side) around the edited pieces."""
    tag = "del" if old else "ins"
    out = []
    for segment, piece in segments(m, old=old):
        inner = _text(segment)
        if piece is None:
            out.append(inner)
        elif piece in moved:
            out.append(f"<mark class='moved'>{inner}</mark>")
        else:
            out.append(f"<{tag}>{inner}</{tag}>")
    return "".join(out)


def _text(s: str) -> str:
    return escape(s).replace("\n", "<br>")


# ------------------------------------------------------------------ compare


def compare_html(report: CompareReport, *, lang: str = "en") -> str:
    L = COMPARE_LABELS[lang]
    others = [d.id for d in report.documents[1:]]
    docs = "".join(
        f"<tr><td>{escape(d.id)}</td><td>{escape(d.title or '')}</td><td>{escape(d.level or '')}</td>"
        f"<td>{escape(d.jurisdiction or '')}</td></tr>"
        for d in report.documents
    )
    parts = [
        f"<header><h1>{escape(report.documents[0].id)} ↔ {escape(', '.join(others))}</h1>",
        f"<table class='docs'><tr><th>{L['id']}</th><th>{L['title']}</th><th>{L['level']}</th><th>{L['jurisdiction']}</th></tr>{docs}</table>",
        "<ul class='summary'>"
        + "".join(
            f"<li>{escape(c.doc)}: {c.matched}/{c.leaves} {escape(L['matched'])}</li>"
            for c in report.coverage
        )
        + f"<li>{escape(L['min_score'])} {report.min_score}</li></ul></header>",
    ]
    head = (
        f"<thead><tr><th>{L['measure']}</th>"
        + "".join(f"<th>{escape(d)}</th>" for d in others)
        + "</tr></thead>"
    )
    rows = []
    for m in report.matches:
        cells = []
        for d in others:
            cs = m.counterparts.get(d, [])
            if cs:
                cells.append(
                    "<td>"
                    + "<br>".join(
                        f"{_path(c.path)} {escape(c.heading or '')} <span class='label'>{c.score:.2f}</span>"
                        for c in cs
                    )
                    + "</td>"
                )
            else:
                cells.append(f"<td class='empty'>{escape(L['none'])}</td>")
        rows.append(
            f"<tr class='match'><td>{_path(m.path)} {escape(m.heading or '')}</td>{''.join(cells)}</tr>"
        )
    parts.append(
        f"<section id='matrix'><h2>{escape(L['matrix'])}</h2><table class='matrix'>{head}<tbody>{''.join(rows)}</tbody></table></section>"
    )
    groups = []
    for g in report.indicators:
        flagged = bool(g.flags)
        body = "".join(
            f"<tr class='value{' flagged' if flagged else ''}'><td>{escape(v.doc)}</td><td>{escape(v.level or '')}</td>"
            f"<td>{_path(v.path)}</td><td>{escape(v.kind)}</td><td>{v.year or ''}</td>"
            f"<td>{escape(value_text(v.comparator, v.value, None, v.unit))}</td><td>{escape(v.text)}</td></tr>"
            for v in g.values
        )
        flags = "".join(f"<p class='flag'>⚑ {escape(f)}</p>" for f in g.flags)
        groups.append(
            f"<h3>{escape(g.indicator)}</h3><table class='indicator'><thead><tr><th>{L['doc']}</th><th>{L['level']}</th>"
            f"<th>{L['measure']}</th><th>{L['kind']}</th><th>{L['year']}</th><th>{L['value']}</th><th>{L['quote']}</th></tr></thead>"
            f"<tbody>{body}</tbody></table>{flags}"
        )
    parts.append(
        f"<section id='indicators'><h2>{escape(L['indicators'])} ({len(report.indicators)})</h2>{''.join(groups)}</section>"
    )
    return _page(f"{report.documents[0].id} ↔ {', '.join(others)}", "\n".join(parts), lang)
