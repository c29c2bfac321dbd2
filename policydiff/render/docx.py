"""Word reports (python-docx): summary, targets table, and the two-column 对照表 with deletions struck
through and insertions underlined. Fonts are set for East Asian text too, so Word and WPS show it."""

from __future__ import annotations

import io
from typing import Any

from ..models import CompareReport, DiffReport, MeasureChange
from . import XML_UNSAFE, scrub
from .compare import LABELS as COMPARE_LABELS
from .diff import LABELS as DIFF_LABELS
from .diff import summary_lines
from .marks import moved_pieces, segments
from .quantities import value_text

_FONT = "宋体"
_RED = (0xB3, 0x26, 0x1E)
_GREEN = (0x1E, 0x7B, 0x34)
_BLUE = (0x1A, 0x56, 0xA6)


def _document() -> Any:
    import docx
    from docx.enum.section import WD_ORIENT
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Cm, Mm, Pt

    document = docx.Document()
    section = document.sections[0]
    # A4 landscape (python-docx's template is US Letter), as Chinese offices print
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Mm(297), Mm(210)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(1.8))
    for style_name in ("Normal", "Heading 1", "Heading 2", "Heading 3", "Table Grid"):
        try:
            style = document.styles[style_name]
        except KeyError:
            continue
        style.font.name = _FONT
        rpr = style.element.get_or_add_rPr()
        rpr.get_or_add_rFonts().set(qn("w:eastAsia"), _FONT)
        # text tagged zh-CN, so LibreOffice and Word pick Chinese (not Japanese) glyph variants
        lang = rpr.find(qn("w:lang"))
        if lang is None:
            lang = OxmlElement("w:lang")
            rpr.append(lang)
        lang.set(qn("w:val"), "zh-CN")
        lang.set(qn("w:eastAsia"), "zh-CN")
    document.styles["Normal"].font.size = Pt(10.5)
    return document


def _save(document) -> bytes:  # type: ignore[no-untyped-def]
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()


def _widths(table, shares: list[float], document) -> None:  # type: ignore[no-untyped-def]
    """Column widths as shares of the text width (Word and LibreOffice both honour cell widths)."""
    section = document.sections[0]
    total = section.page_width - section.left_margin - section.right_margin
    table.autofit = False
    for column, share in zip(table.columns, shares, strict=True):
        column.width = int(total * share)  # the grid, which LibreOffice reads
    for row in table.rows:
        for cell, share in zip(row.cells, shares, strict=True):
            cell.width = int(total * share)  # the cells, which Word reads


def _table(document, header: list[str], rows: list[list[str]], shares: list[float] | None = None):  # type: ignore[no-untyped-def]
    table = document.add_table(rows=1, cols=len(header))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, header, strict=True):
        cell.text = ""
        cell.paragraphs[0].add_run(text).bold = True
    _repeat_header(table.rows[0])
    for row in rows:
        cells = table.add_row().cells
        for cell, text in zip(cells, row, strict=True):
            cell.text = text
    if shares:
        _widths(table, shares, document)
    return table


def _repeat_header(row) -> None:  # type: ignore[no-untyped-def]
    """The header row repeats at the top of every page the table runs onto."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    tr_pr = row._tr.get_or_add_trPr()
    flag = OxmlElement("w:tblHeader")
    flag.set(qn("w:val"), "true")
    tr_pr.append(flag)


def diff_docx(report: DiffReport, *, lang: str = "en") -> bytes:
    from docx.shared import RGBColor

    report = scrub(report, XML_UNSAFE)
    L = DIFF_LABELS[lang]
    document = _document()
    document.add_heading(f"{report.old.id} → {report.new.id}", level=1)
    _table(
        document,
        ["", L["text_old"], L["text_new"]],
        [
            [L["title"], report.old.title or "—", report.new.title or "—"],
            [L["issuer"], report.old.issuer or "—", report.new.issuer or "—"],
            [L["number"], report.old.doc_number or "—", report.new.doc_number or "—"],
            [L["date"], report.old.date or "—", report.new.date or "—"],
            [L["doc_status"], L[report.old.status], L[report.new.status]],
        ],
    )
    for line in summary_lines(report, lang):
        document.add_paragraph(line, style="List Bullet")

    td = report.targets
    document.add_heading(
        f"{L['dropped_targets']} ({len(td.dropped)}) · {L['changed_targets']} ({len(td.changed)})", level=2
    )
    rows = [
        [
            "/".join(d.path),
            d.indicator or "",
            value_text(d.comparator, d.value, d.value_max, d.unit),
            "—",
            str(d.year or ""),
            d.text,
        ]
        for d in td.dropped
    ]
    rows += [
        [
            "/".join(c.new.path), c.old.indicator or "", value_text(c.old.comparator, c.old.value, c.old.value_max, c.old.unit),
            value_text(c.new.comparator, c.new.value, c.new.value_max, c.new.unit) + f"（{', '.join(c.fields)}）",
            str(c.new.year or ""), c.new.text,
        ]
        for c in td.changed
    ]  # fmt: skip
    rows += [
        [
            "/".join(a.path),
            a.indicator or "",
            "—",
            value_text(a.comparator, a.value, a.value_max, a.unit),
            str(a.year or ""),
            a.text,
        ]
        for a in td.added
    ]
    _table(
        document,
        [L["measure"], L["indicator"], L["old"], L["new"], L["year"], L["quote"]],
        rows,
        [0.1, 0.22, 0.1, 0.12, 0.06, 0.4],
    )

    document.add_heading(L["units_dropped"], level=2)
    _table(
        document,
        [L["measure"], L["status"], L["units_col"]],
        [["/".join(r.path), L["dropped"], "、".join(r.units)] for r in report.units.dropped]
        + [["/".join(r.path), L["added"], "、".join(r.units)] for r in report.units.added],
        [0.12, 0.08, 0.8],
    )

    document.add_heading("新旧对照表", level=2)
    table = _table(document, [L["text_old"], L["status"], L["text_new"]], [])
    for m in report.measures:
        cells = table.add_row().cells
        _side(cells[0], m, old=True, colors=(RGBColor(*_RED), RGBColor(*_GREEN), RGBColor(*_BLUE)), L=L)
        status = L[m.status] + (f" {m.similarity:.2f}" if m.old and m.new else "")
        if m.renumbered:
            status += f"\n{L['renumbered']}"
        cells[1].text = status
        _side(cells[2], m, old=False, colors=(RGBColor(*_RED), RGBColor(*_GREEN), RGBColor(*_BLUE)), L=L)
    _widths(table, [0.45, 0.1, 0.45], document)
    return _save(document)


def _side(cell, m: MeasureChange, *, old: bool, colors, L: dict[str, str]) -> None:  # type: ignore[no-untyped-def]
    path, line = (m.old, m.old_line) if old else (m.new, m.new_line)
    cell.text = ""
    p = cell.paragraphs[0]
    if path is None:
        p.add_run("—")
        return
    label = p.add_run(f"{'/'.join(path)} · {L['line']} {line}\n")
    label.italic = True
    moved = moved_pieces(m.edits)
    red, green, blue = colors
    for segment, piece in segments(m, old=old):
        run = p.add_run(segment)
        if piece is None:
            continue
        if piece in moved:
            run.font.color.rgb = blue
            run.font.italic = True
        elif old:
            run.font.strike = True
            run.font.color.rgb = red
        else:
            run.font.underline = True
            run.font.color.rgb = green


def compare_docx(report: CompareReport, *, lang: str = "en") -> bytes:
    report = scrub(report, XML_UNSAFE)
    L = COMPARE_LABELS[lang]
    document = _document()
    others = [d.id for d in report.documents[1:]]
    document.add_heading(f"{report.documents[0].id} ↔ {', '.join(others)}", level=1)
    for c in report.coverage:
        document.add_paragraph(f"{c.doc}: {c.matched}/{c.leaves} {L['matched']}", style="List Bullet")
    document.add_heading(L["matrix"], level=2)
    rows = []
    for m in report.matches:
        cells = ["/".join(m.path) + " " + (m.heading or "")]
        for d in others:
            cs = m.counterparts.get(d, [])
            cells.append("\n".join(f"{'/'.join(c.path)} {c.score:.2f}" for c in cs) or L["none"])
        rows.append(cells)
    _table(document, [L["measure"], *others], rows)
    document.add_heading(L["indicators"], level=2)
    for g in report.indicators:
        document.add_heading(g.indicator, level=3)
        _table(
            document,
            [L["doc"], L["level"], L["kind"], L["year"], L["value"], L["quote"]],
            [
                [
                    v.doc,
                    v.level or "",
                    v.kind,
                    str(v.year or ""),
                    value_text(v.comparator, v.value, None, v.unit),
                    v.text,
                ]
                for v in g.values
            ],
        )
        for f in g.flags:
            document.add_paragraph(f"⚑ {f}")
    return _save(document)
