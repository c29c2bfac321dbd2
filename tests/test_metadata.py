from __future__ import annotations

import pytest

from policydiff import parse_text

from .conftest import parsed


@pytest.mark.parametrize(
    ("doc_id", "title", "issuer", "number", "date", "status"),
    [
        (
            "hechuan-2025-draft",
            "合川区加强和改进“一老一幼”服务工作方案（征求意见稿）",
            "重庆市合川区民政局",
            None,  # the notice has no number; its own date "202549" lost characters, the page header has it
            "2025-04-09",
            "draft",
        ),
        (
            "hechuan-2025-final",
            "合川区加强和改进“一老一幼”服务工作方案",
            "重庆市合川区人民政府办公室",
            "合川府办发〔2025〕27号",
            "2025年7月22日",
            "final",
        ),
        (
            "wuxi-2022",
            "巫溪县促进养老托育服务健康发展“一老一小”整体解决方案",
            "巫溪县人民政府办公室",
            "巫溪府办发〔2022〕83号",
            "2022年12月5日",
            "final",
        ),
        (
            "chongqing-mca-2025-reply",
            "重庆市民政局关于市政协六届三次会议第0222号提案答复的函",
            "重庆市民政局",
            "渝民函〔2025〕237号",
            "2025-07-02",
            "reply",
        ),
        ("city-2022-yilaoyixiao", "城市“一老一小”整体解决方案", None, None, None, "unknown"),
    ],
)
def test_corpus_metadata(
    doc_id: str, title: str, issuer: str | None, number: str | None, date: str | None, status: str
) -> None:
    info = parsed(doc_id).document
    assert (info.title, info.issuer, info.doc_number, info.date, info.status) == (
        title,
        issuer,
        number,
        date,
        status,
    )


def test_references_with_numbers_and_damaged_numbers_as_written() -> None:
    refs = parsed("wuxi-2022").document.references
    assert refs[0].title == "重庆市促进养老托育服务健康发展实施方案"
    assert refs[0].doc_number == "渝府办发〔2021〕90号"
    draft = parsed("hechuan-2025-draft").document.references
    assert draft[0].doc_number == "渝府办发〔202464号"  # "〔2024〕64号" lost a bracket; not repaired
    # the plan's own title, quoted by its notice, is not a reference
    assert all("合川区加强和改进" not in (r.title or "") for r in draft)


def test_spaced_date_and_number_of_a_pdf() -> None:
    doc = parse_text(
        "某某县人民政府办公室\n（某府办发〔2025〕27 号）\n2025年 7月 22 日\n某某工作方案\n为做好工作，制定本方案。\n一、总体要求\n"
    )
    assert doc.document.doc_number == "某府办发〔2025〕27号"
    assert doc.document.date == "2025年7月22日"
    assert doc.document.title == "某某工作方案"
