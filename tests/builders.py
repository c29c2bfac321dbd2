"""Build .docx, .pdf and .html versions of a plan's text, as real files of those formats would be."""

from __future__ import annotations

import io
import textwrap

SHARED_CHROME_TOP = (
    '<div class="header"><a href="/">首页</a> <a href="/zwgk">政务公开</a></div>'
    '<div class="breadcrumb">您当前的位置：首页 &gt; 政务公开 &gt; 通知公告</div>'
    '<ul class="nav"><li>机构概况</li><li>政策文件</li><li>办事服务</li><li>互动交流</li></ul>'
)
SHARED_CHROME_BOTTOM = (
    '<div class="share">分享到：微信 微博 QQ空间</div>'
    '<div class="related"><h3>相关文章</h3><ul><li>关于做好养老服务工作的通知</li><li>民政局2024年工作要点</li></ul></div>'
    '<div class="footer">主办：某某区人民政府办公室 网站标识码：5001170002 渝ICP备05003300号</div>'
)


def body_and_table(text: str) -> tuple[list[str], list[list[str]]]:
    """Body lines, and the cells of a one-cell-per-line table (tab-opened cells), if any."""
    lines = text.splitlines()
    start = next((i for i, line in enumerate(lines) if line.startswith("\t")), len(lines))
    cells: list[list[str]] = []
    for line in lines[start:]:
        if line.startswith("\t"):
            cells.append([line[1:]])
        elif cells and line.strip():
            cells[-1].append(line)
    return [line for line in lines[:start] if line.strip()], cells


def to_docx(text: str) -> bytes:
    import docx

    document = docx.Document()
    body, cells = body_and_table(text)
    for line in body:
        document.add_paragraph(line.strip())
    if cells:
        flat = ["\n".join(c).strip() for c in cells]
        ncols = flat.index("1") - flat.index("序号")
        rows = [flat[i : i + ncols] for i in range(flat.index("序号"), len(flat), ncols)]
        table = document.add_table(rows=len(rows), cols=ncols)
        for r, row in enumerate(rows):
            for c, cell in enumerate(row):
                table.cell(r, c).text = cell
    document.sections[0].header.paragraphs[0].text = "页眉：某某区人民政府办公室"
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()


def to_pdf(text: str, *, width: int = 30, columns: int = 1) -> bytes:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    body, _ = body_and_table(text)
    # STSong-Light has no glyph for U+00B7 and reportlab drops it; U+30FB is drawn with the glyph
    # that PDF readers map back to U+00B7 (checked with pdfplumber)
    lines = [w.replace("·", "・") for line in body for w in textwrap.wrap(line.strip(), width) or [""]]
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4)
    per_column = 40
    chunk = per_column * columns
    for page_no, start in enumerate(range(0, len(lines), chunk), 1):
        c.setFont("STSong-Light", 9)
        c.drawString(72, 810, "某某区人民政府行政规范性文件")
        c.drawCentredString(A4[0] / 2, 30, f"— {page_no} —")
        c.setFont("STSong-Light", 10 if columns == 1 else 8)
        for k, line in enumerate(lines[start : start + chunk]):
            col, row = divmod(k, per_column)
            x = 60 + col * (A4[0] / 2)
            c.drawString(x, 780 - row * 18, line)
        c.showPage()
    c.save()
    return buf.getvalue()


def to_html(text: str) -> bytes:
    import html

    body, _ = body_and_table(text)
    paras = "".join(f"<p>{html.escape(line.strip())}</p>\n" for line in body)
    page = (
        '<!DOCTYPE html><html><head><meta charset="utf-8"><title>通知公告</title>'
        "<script>var _hmt = [];</script><style>p{margin:0}</style></head><body>"
        f'{SHARED_CHROME_TOP}<div class="main"><div id="zoom" class="article-content">{paras}</div></div>'
        f"{SHARED_CHROME_BOTTOM}</body></html>"
    )
    return page.encode("utf-8")
