from __future__ import annotations

from policydiff.normalize import normalize
from policydiff.read import Source


def norm(text: str):
    return normalize(Source(text=text, encoding="utf-8", name="t"))


def test_half_width_punctuation_is_folded_but_ratios_and_decimals_stay() -> None:
    t = norm("(责任单位:区民政局、区财政局,各镇街)配比不低于1:3;投资1.24亿元,共10,000人,REITs PPP")
    assert (
        t.text == "（责任单位：区民政局、区财政局，各镇街）配比不低于1:3；投资1.24亿元，共10,000人，REITs PPP"
    )


def test_full_width_digits_fold_to_ascii() -> None:
    assert norm("到２０２７年达到６５％").text == "到2027年达到65%"


def test_pdf_line_wraps_are_joined_and_paragraphs_kept() -> None:
    # lines of the Hechuan final as its PDF text layer has them: blank lines between wrapped lines
    raw = (
        "一、总体要求\n\n"
        "深入贯彻党的二十大和二十届二中、三中全会精神，全面贯\n\n"
        "彻习近平总书记视察重庆重要讲话重要指示精神，积极应对人口\n\n"
        "老龄化，加强老年人和婴幼儿关爱服务，坚持边界清晰、多元协\n\n"
        "同，分区分层、分类分龄，统筹布局、一体推进，尽力而为、量\n\n"
        "力而行，进一步健全服务体系、扩大服务供给、提升服务质量、\n\n"
        "强化服务监管，切实加强和改进“一老一幼”服务工作。\n\n"
        "到 2027年，基本建成 15分钟社区居家养老服务圈和城市 15\n\n"
        "分钟婴幼儿服务圈。全区养老托育服务能力和水平进一步拓展提\n\n"
        "升，力争“一老一幼”服务工作达到全市一流水平。\n\n"
        "二、推动养老服务和老龄事业发展\n"
    )
    t = norm(raw)
    paragraphs = t.text.split("\n")
    assert paragraphs[0] == "一、总体要求"
    assert paragraphs[1].startswith("深入贯彻党的二十大和二十届二中、三中全会精神，全面贯彻习近平")
    assert "到2027年，基本建成15分钟社区居家养老服务圈和城市15分钟婴幼儿服务圈" in t.text
    assert paragraphs[-1] == "二、推动养老服务和老龄事业发展"


def test_every_character_maps_back_to_the_same_character() -> None:
    raw = " 到 2027年，全区(二)星级\r\n\r\n以上敬老院比例达到70%\n"
    t = norm(raw)
    for i, c in enumerate(t.text):
        o = raw[t.offsets[i]]
        if c == "\n":
            assert o in "\r\n"
        else:
            assert c == o or (o, c) in {("(", "（"), (")", "）")}


def test_web_chrome_is_skipped_and_reported() -> None:
    raw = (
        "您现在的位置:首页>区民政局> 公示公告\n"
        "[索 引 号] 11500382009325442R/2025-00055 [发文字号]\n"
        "  • 索引号\n"
        "一、总体要求\n"
        "分享文章到\n"
        "部门解读\n"
        "主办:重庆市合川区人民政府办公室\n"
    )
    t = norm(raw)
    assert t.text == "一、总体要求"
    reasons = [r for _, _, r in t.skipped]
    assert len(reasons) == 6
    assert raw[t.skipped[-1][0] : t.skipped[-1][1]] == "主办:重庆市合川区人民政府办公室"


def test_normalizing_twice_changes_nothing() -> None:
    raw = "（一）推动公办养老机构提质增效。适度扩大公办养老机构\n\n保障范围，到 2027 年达到 70%。\n（二）培育"
    once = norm(raw).text
    assert norm(once).text == once


def test_chrome_rules_leave_a_plain_plan_alone() -> None:
    from policydiff import parse_text

    text = (
        "一、任务\n（一）完善设施。\n• 建设社区养老服务站10个\n"
        "[注意]所需资金由区财政局保障\n（二）公开信息。相关材料见附表.pdf\n"
    )
    doc = parse_text(text)
    assert doc.skipped == []
    assert [t.value for t in doc.find("一", "（一）").targets] == [10]
    assert "[注意]所需资金由区财政局保障" in doc.find("一", "（一）").text
    assert doc.find("一", "（二）").text.endswith("附表.pdf")


def test_a_breadcrumb_marks_a_scraped_page_whose_chrome_is_dropped() -> None:
    from policydiff import parse_text

    text = "您现在的位置：首页 > 政策\n[索 引 号] 001\n一、任务\n（一）完善设施。\n分享到：微信\n"
    doc = parse_text(text)
    assert {k.reason for k in doc.skipped} == {"web page chrome", "web page chrome after the article"}


def test_a_number_is_never_cut_from_its_unit_by_a_line_break() -> None:
    from policydiff import parse_text

    doc = parse_text("一、任务\n（一）到2025年，全区养老床位达到1000\n张，护理型床位占比达到60%。\n")
    assert [(t.value, t.unit) for t in doc.find("一", "（一）").targets] == [(1000, "张"), (60, "%")]
    # a date line and a following "人:…" line stay apart
    signed = parse_text("一、任务\n（一）建设中心。\n\n重庆市民政局\n\n202572\n\n人:张三\n")
    assert signed.back_matter is not None and "202572\n" in signed.back_matter.text
