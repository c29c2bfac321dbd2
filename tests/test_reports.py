"""Reviewer reports: HTML (checked in a real headless Chromium), Markdown and Word."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from io import BytesIO
from pathlib import Path

import pytest

from policydiff import compare, diff, parse_text
from policydiff.render.docx import compare_docx, diff_docx
from policydiff.render.html import compare_html, diff_html

from .conftest import parsed

ARTIFACTS = Path(__file__).resolve().parent.parent / "build" / "test-artifacts"


@pytest.fixture(scope="module")
def hechuan():
    return diff(parsed("hechuan-2025-draft"), parsed("hechuan-2025-final"))


def test_document_text_is_escaped() -> None:
    old = parse_text("一、任务\n（一）推进建设。<script>alert(1)</script>原文。\n", doc_id="a<b")
    new = parse_text('一、任务\n（一）推进建设。<img src=x "onload=alert(2)">新文。\n', doc_id="c")
    page = diff_html(diff(old, new))
    assert "<script>" not in page and "<img" not in page
    assert "script&gt;" in page and "&lt;/script&gt;" in page  # escaped, whatever the diff marks inside
    assert "&quot;onload=" in page
    assert "a&lt;b" in page


def test_html_is_self_contained(hechuan) -> None:
    page = diff_html(hechuan)
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:|//)""", page)
    assert "<script" not in page and "@import" not in page
    assert "@media print" in page and "PingFang SC" in page


def _chromium() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")


_CHECK = """<script>
const rows = [...document.querySelectorAll('tr.pair')];
const paths = (attr) => rows.flatMap(r => (r.dataset[attr] || '').split('|').filter(Boolean));
const width = document.documentElement.clientWidth;
const escaped = [...document.querySelectorAll('body *')]
  .filter(e => e.getClientRects().length && e.getBoundingClientRect().right > width + 1)
  .map(e => e.tagName + '.' + e.className);
const out = document.createElement('pre'); out.id = 'checks';
out.textContent = JSON.stringify({dropped: document.querySelectorAll('tr.target.dropped').length,
  old: paths('oldPaths'), new: paths('newPaths'), escaped, title: document.title});
document.body.appendChild(out);
</script>"""

_FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]  # fmt: skip


def _browser(tmp_path: Path, page: str, *extra: str) -> subprocess.CompletedProcess[str]:
    exe = _chromium()
    if exe is None:
        if os.environ.get("CI"):
            pytest.fail("chromium is missing: .ci/run installs it (apt-get install chromium)")
        pytest.skip("chromium not installed (apt-get install chromium)")
    f = tmp_path / "report.html"
    f.write_text(page, encoding="utf-8")
    cmd = [exe, *_FLAGS, f"--user-data-dir={tmp_path / 'profile'}", *extra, f.as_uri()]
    return subprocess.run(cmd, capture_output=True, text=True, timeout=120, check=False)


def test_hechuan_report_in_a_real_browser(hechuan, tmp_path: Path) -> None:
    page = diff_html(hechuan).replace("</body>", _CHECK + "</body>")
    proc = _browser(tmp_path, page, "--window-size=1280,1000", "--virtual-time-budget=3000", "--dump-dom")
    m = re.search(r'<pre id="checks">(.*?)</pre>', proc.stdout, re.S)
    assert m, proc.stderr[-2000:]
    checks = json.loads(m.group(1).replace("&quot;", '"').replace("&amp;", "&"))
    assert checks["dropped"] == len(hechuan.targets.dropped) == 19
    draft, final = parsed("hechuan-2025-draft"), parsed("hechuan-2025-final")
    assert sorted(checks["old"]) == sorted("/".join(m.path) for m in draft.walk())  # each once
    assert sorted(checks["new"]) == sorted("/".join(m.path) for m in final.walk())
    assert checks["escaped"] == []  # nothing runs off the page
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    shot = _browser(
        tmp_path,
        diff_html(hechuan),
        "--window-size=1280,2400",
        f"--screenshot={ARTIFACTS / 'diff-report.png'}",
    )
    assert shot.returncode == 0 and (ARTIFACTS / "diff-report.png").stat().st_size > 10_000


def test_compare_report_in_a_real_browser(tmp_path: Path) -> None:
    report = compare(parsed("hechuan-2025-final"), [parsed("wuxi-2022"), parsed("chongqing-mca-2025-reply")])
    page = compare_html(report).replace("</body>", _CHECK + "</body>")
    proc = _browser(tmp_path, page, "--window-size=1280,1000", "--virtual-time-budget=3000", "--dump-dom")
    m = re.search(r'<pre id="checks">(.*?)</pre>', proc.stdout, re.S)
    assert m and json.loads(m.group(1).replace("&quot;", '"').replace("&amp;", "&"))["escaped"] == []
    assert proc.stdout.count('class="match"') == len(report.matches)
    assert "no counterpart" in proc.stdout  # empty cells are visible


def test_word_report_reads_back(hechuan) -> None:
    import docx

    document = docx.Document(BytesIO(diff_docx(hechuan)))
    targets, units, pairs = document.tables[1], document.tables[2], document.tables[3]
    assert len(targets.rows) == 1 + 19 + 1  # header, dropped, changed
    assert targets.rows[1].cells[1].text == "全区养老服务床位数"
    assert len(units.rows) == 1 + 22
    assert len(pairs.rows) == 1 + len(hechuan.measures)
    old_cell = next(r.cells[0] for r in pairs.rows if r.cells[0].text.startswith("二/（一）"))
    struck = "".join(run.text for p in old_cell.paragraphs for run in p.runs if run.font.strike)
    assert "全区二星级以上敬老院比例达到70%" in struck
    new_cell = next(r.cells[2] for r in pairs.rows if r.cells[2].text.startswith("二/（一）"))
    underlined = "".join(run.text for p in new_cell.paragraphs for run in p.runs if run.font.underline)
    assert underlined == "将其"
    comp = docx.Document(BytesIO(compare_docx(compare(parsed("hechuan-2025-final"), [parsed("wuxi-2022")]))))
    assert len(comp.tables[0].rows) == 1 + 23


def test_word_report_converts_to_pdf_with_libreoffice(hechuan, tmp_path: Path) -> None:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        pytest.skip("LibreOffice not installed")
    src = tmp_path / "对照表.docx"
    src.write_bytes(diff_docx(hechuan, lang="zh"))
    proc = subprocess.run(
        [soffice, "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(src)],
        capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip
    pdf = tmp_path / "对照表.pdf"
    assert proc.returncode == 0 and pdf.exists(), proc.stderr
    import pdfplumber

    with pdfplumber.open(pdf) as doc:
        text = "".join(page.extract_text() or "" for page in doc.pages)
    assert "全区养老服务床位数" in text and "新旧对照表" in text


def test_word_report_is_a4_chinese_with_repeated_headers_and_survives_control_characters() -> None:
    import io

    import docx

    from policydiff import diff, parse_text
    from policydiff.render.docx import diff_docx

    old = parse_text("一、任务\n（一）建设中心\x0c。养老床位达到800张。\n", doc_id="old")
    new = parse_text("一、任务\n（一）建设中心\x00。养老床位达到900张。\n", doc_id="new")
    d = docx.Document(io.BytesIO(diff_docx(diff(old, new), lang="zh")))
    section = d.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (297, 210)
    xml = d.styles["Normal"].element.xml
    assert 'w:eastAsia="zh-CN"' in xml
    assert all("tblHeader" in t.rows[0]._tr.xml for t in d.tables)


_PAGE_WIDTH = """<script>
const out = document.createElement('pre'); out.id = 'width';
out.textContent = JSON.stringify([document.documentElement.scrollWidth, document.documentElement.clientWidth]);
document.body.appendChild(out);
</script>"""


def test_hechuan_report_on_a_phone_never_runs_off_the_page(hechuan, tmp_path: Path) -> None:
    page = diff_html(hechuan).replace("</body>", _PAGE_WIDTH + "</body>")
    proc = _browser(tmp_path, page, "--window-size=390,900", "--virtual-time-budget=3000", "--dump-dom")
    m = re.search(r'<pre id="width">\[(\d+),(\d+)\]</pre>', proc.stdout)
    assert m, proc.stderr[-2000:]
    scroll, client = int(m.group(1)), int(m.group(2))
    assert scroll <= client  # wide tables scroll inside themselves; the page does not
