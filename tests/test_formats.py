"""Word, PDF and HTML versions of corpus plans parse to the same result as their text; bad files fail
with one line that names the file and the problem."""

from __future__ import annotations

import contextlib
import zipfile
from io import BytesIO

import pytest
from hypothesis import given
from hypothesis import strategies as st

from policydiff import corpus, parse_bytes
from policydiff.errors import PolicyDiffError
from policydiff.models import Document
from policydiff.read import InputError, read_bytes, sniff

from .builders import to_docx, to_html, to_pdf
from .conftest import parsed


def summary(doc: Document):
    tree = [("/".join(m.path), m.heading) for m in doc.walk()]
    units = [("/".join(m.path), [u.name for u in m.responsible_units]) for m in doc.walk()]
    targets = [
        ("/".join(m.path), t.year, t.indicator, t.value, t.unit) for m in doc.walk() for t in m.targets
    ]
    return tree, units, targets


def source(doc_id: str) -> str:
    return corpus.get(doc_id).path.read_text(encoding="utf-8")


@pytest.mark.parametrize("doc_id", ["hechuan-2025-draft", "hechuan-2025-final", "wuxi-2022"])
def test_docx_parses_like_the_text(doc_id: str) -> None:
    doc = parse_bytes(to_docx(source(doc_id)), doc_id=doc_id)
    assert doc.document.format == "docx"
    assert summary(doc) == summary(parsed(doc_id))
    assert len(doc.indicators) == len(parsed(doc_id).indicators)
    assert "页眉" not in doc.preamble.text  # headers are not body text


@pytest.mark.parametrize("doc_id", ["hechuan-2025-final", "wuxi-2022", "chongqing-mca-2025-reply"])
def test_pdf_parses_like_the_text(doc_id: str) -> None:
    doc = parse_bytes(to_pdf(source(doc_id)), doc_id=doc_id)
    assert doc.document.format == "pdf"
    assert summary(doc) == summary(parsed(doc_id))
    assert "行政规范性文件" not in "".join(m.text for m in doc.walk())  # running header dropped


def test_two_column_pdf_is_not_interleaved() -> None:
    doc = parse_bytes(to_pdf(source("hechuan-2025-final"), width=22, columns=2), doc_id="hechuan-2025-final")
    assert summary(doc)[0] == summary(parsed("hechuan-2025-final"))[0]


@pytest.mark.parametrize("doc_id", ["hechuan-2025-draft", "wuxi-2022", "chongqing-mca-2025-reply"])
def test_html_page_parses_like_the_text(doc_id: str) -> None:
    doc = parse_bytes(to_html(source(doc_id)), doc_id=doc_id)
    assert doc.document.format == "html"
    assert summary(doc) == summary(parsed(doc_id))
    everything = doc.preamble.text + "".join(m.text for m in doc.walk())
    for chrome in ("政务公开", "分享到", "相关文章", "网站标识码"):
        assert chrome not in everything


def test_word_automatic_numbering_is_recovered() -> None:
    import docx
    from docx.oxml import parse_xml

    document = docx.Document()
    ns = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    numbering = document.part.numbering_part.element
    numbering.append(
        parse_xml(
            f'<w:abstractNum {ns} w:abstractNumId="90">'
            '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl>'
            '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/></w:lvl>'
            "</w:abstractNum>"
        )
    )
    numbering.append(parse_xml(f'<w:num {ns} w:numId="90"><w:abstractNumId w:val="90"/></w:num>'))

    def item(text: str, level: int) -> None:
        p = document.add_paragraph(text)
        p._p.get_or_add_pPr().append(
            parse_xml(f'<w:numPr {ns}><w:ilvl w:val="{level}"/><w:numId w:val="90"/></w:numPr>')
        )

    document.add_paragraph("为做好工作，制定本方案。")
    item("总体要求", 0)
    item("推动公办养老机构提质增效。到2027年，全区二星级以上敬老院比例达到70%。", 1)
    item("培育壮大民办养老机构。（责任单位：区民政局，各镇街）", 1)
    item("保障措施", 0)
    item("健全工作机制。", 1)
    buf = BytesIO()
    document.save(buf)
    doc = parse_bytes(buf.getvalue(), doc_id="numbered")
    assert ["/".join(m.path) for m in doc.walk()] == ["一", "一/（一）", "一/（二）", "二", "二/（一）"]
    assert doc.find("一", "（一）").targets[0].value == 70
    assert any("numbering recovered for 5 paragraphs" in n for n in doc.document.notes)


def test_big5_and_utf16_text_keep_their_characters() -> None:
    text = "一、總體要求\n（一）推動公辦養老機構提質增效。到2027年，護理型床位佔比達到65%。\n"
    src = read_bytes(text.encode("big5"), name="tw.txt")
    assert (src.encoding, src.text) == ("big5", text)  # traditional characters kept, not converted
    assert read_bytes(text.encode("utf-16"), name="u16.txt").encoding == "utf-16"
    gbk = "一、总体要求\n（一）推动公办养老机构提质增效。到2027年，护理型床位占比达到65%。\n" * 3
    assert read_bytes(gbk.encode("gbk"), name="gbk.txt").encoding == "gb18030"


def test_format_comes_from_content_not_name() -> None:
    assert sniff(to_docx("一、总体要求\n")) == "docx"
    assert sniff(to_pdf("一、总体要求\n")) == "pdf"
    assert sniff(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100) == "ole"
    assert sniff("一、总体要求".encode()) == "text"


def _truncated_docx() -> bytes:
    return to_docx(source("hechuan-2025-final"))[:3000]


def _image_only_pdf() -> bytes:
    from reportlab.pdfgen import canvas

    buf = BytesIO()
    c = canvas.Canvas(buf)
    c.rect(100, 100, 300, 400, fill=1)
    c.showPage()
    c.save()
    return buf.getvalue()


def _zip_not_docx() -> bytes:
    buf = BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("data.csv", "a,b\n1,2\n")
    return buf.getvalue()


@pytest.mark.parametrize(
    ("make", "words"),
    [
        (_truncated_docx, "cannot read as a Word .docx"),
        (_image_only_pdf, "no text layer"),
        (lambda: b"%PDF-1.4\n%garbage that is not a pdf", "cannot read as a PDF"),
        (lambda: b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 512, ".doc/.wps"),
        (_zip_not_docx, "ZIP archive but not a Word"),
        (
            lambda: (
                "<!DOCTYPE html><html><body><div class='nav'>首页</div><p>Hello</p></body></html>".encode()
            ),
            "no article",
        ),
        (lambda: b"", "empty"),
    ],
)
def test_bad_files_fail_with_one_line(make, words: str) -> None:
    with pytest.raises(InputError) as info:
        parse_bytes(make(), doc_id="bad.bin")
    message = str(info.value)
    assert words in message and message.startswith("bad.bin: ") and "\n" not in message


@given(
    st.one_of(
        st.binary(max_size=2000),
        st.builds(lambda b: b"PK\x03\x04" + b, st.binary(max_size=500)),
        st.builds(lambda b: b"%PDF-1.4\n" + b, st.binary(max_size=500)),
        st.builds(lambda s: s.encode("utf-8"), st.text(max_size=300)),
    )
)
def test_bytes_to_document_raises_only_policydiff_errors(data: bytes) -> None:
    with contextlib.suppress(PolicyDiffError):  # any other exception fails the test
        parse_bytes(data, doc_id="fuzz")


def test_utf8_cut_inside_its_last_character_is_read_with_a_note() -> None:
    data = "一、总体要求\n（一）推进数字化建设。".encode()[:-2]
    src = read_bytes(data, name="cut.txt")
    assert src.text == "一、总体要求\n（一）推进数字化建设" and src.notes


def test_legacy_doc_is_converted_when_libreoffice_is_there(tmp_path) -> None:
    import shutil
    import subprocess

    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        pytest.skip("LibreOffice not installed: .doc/.wps files get an error naming the conversion")
    src = tmp_path / "plan.docx"
    src.write_bytes(to_docx(source("hechuan-2025-final")))
    subprocess.run(
        [soffice, "--headless", "--convert-to", "doc", "--outdir", str(tmp_path), str(src)],
        capture_output=True, timeout=300, check=True,
    )  # fmt: skip
    data = (tmp_path / "plan.doc").read_bytes()
    assert sniff(data) == "ole"
    doc = parse_bytes(data, doc_id="plan.doc")
    assert doc.document.format == "doc" and "converted to .docx by LibreOffice" in doc.document.notes
    assert summary(doc)[0] == summary(parsed("hechuan-2025-final"))[0]
