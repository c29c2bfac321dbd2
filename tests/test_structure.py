from __future__ import annotations

from policydiff import parse_text


def paths(text: str) -> list[str]:
    return ["/".join(m.path) for m in parse_text(text).walk()]


def test_lost_opening_bracket_is_still_a_measure() -> None:
    text = (
        "二、推动养老服务和老龄事业发展\n"
        "一)推动公办养老机构提质增效。适度扩大公办养老机构保障范围。\n"
        "(二)培育壮大民办养老机构。建立健全民办养老机构区级引导支持政策体系。\n"
    )
    doc = parse_text(text)
    assert paths(text) == ["二", "二/（一）", "二/（二）"]
    assert doc.find("二", "（一）").heading == "推动公办养老机构提质增效"


def test_numbering_continues_across_chapters() -> None:
    text = (
        "一、实施背景\n（一）发展基础。\n1. 出台政策情况。略。\n2. 服务资源情况。略。\n（二）发展趋势。\n"
        "二、重点任务\n（三）兜底线。\n3. 提升公办机构服务水平。略。\n（四）强化居家社区服务。\n4. 优化居家社区服务。略。\n"
    )
    assert paths(text) == [
        "一", "一/（一）", "一/（一）/1", "一/（一）/2", "一/（二）",
        "二", "二/（三）", "二/（三）/3", "二/（四）", "二/（四）/4",
    ]  # fmt: skip


def test_enumeration_yi_shi_inside_chapters() -> None:
    text = (
        "一、工作进展情况\n近年来取得积极成效。\n一是完善组织保障。市委全面落实。\n二是打造服务网络。建成中心。\n"
        "二、下一步工作计划\n一是优化规划设施布局。强化规划引领。\n二是增加养老服务供给。加快打造。\n"
    )
    assert paths(text) == ["一", "一/一是", "一/二是", "二", "二/一是", "二/二是"]


def test_numbers_inside_sentences_are_not_headings() -> None:
    text = (
        "一、总体要求\n"
        "支持幼儿园招收3岁以下婴幼儿，争取投资1.24亿元，根据（2024）年度计划。\n"
        "2025年，新增床位2209个。\n"
        "二、保障措施\n"
    )
    doc = parse_text(text)
    assert paths(text) == ["一", "二"]
    assert "1.24亿元" in doc.measures[0].text


def test_flattened_text_with_spaces_for_line_breaks() -> None:
    # a document-sharing site put a whole plan on one line, spaces where its line breaks were
    text = (
        "城市整体解决方案 为深入实施战略，制定本方案。 一、实施背景 (一)发展基础 1. 养老托育政策体系"
        "逐步健全。市委高度重视 工作。 2. 养老托育产业加快发展。利用生态优势。 (二)养老托育服务现状 养老服务方面。"
        "全市现有养老机构114家。 二、发展目标 (一)整体目标 到2025年，基本建成体系。 (二)具体指标(详见原文)"
    )
    doc = parse_text(text)
    assert paths(text) == [
        "一",
        "一/（一）",
        "一/（一）/1",
        "一/（一）/2",
        "一/（二）",
        "二",
        "二/（一）",
        "二/（二）",
    ]
    assert doc.preamble.text == "城市整体解决方案为深入实施战略，制定本方案。"
    current = doc.find("一", "（二）")
    assert current.heading == "养老托育服务现状"
    assert doc.find("一", "（一）", "1").text == "养老托育政策体系逐步健全。市委高度重视工作。"


def test_items_sharing_a_line() -> None:
    text = "一、任务\n（1）建设中心。（2）培育机构。（3）完善机制。\n"
    assert paths(text) == ["一", "一/（1）", "一/（2）", "一/（3）"]


def test_chapters_and_articles() -> None:
    text = "第一章 总则\n第一条 为了规范管理，制定本办法。\n第二条 本办法适用于全市。\n第二章 附则\n第三条 本办法自发布之日起施行。\n"
    assert paths(text) == ["第一章", "第一章/第一条", "第一章/第二条", "第二章", "第二章/第三条"]


def test_text_without_numbering_is_all_preamble() -> None:
    doc = parse_text("这是一段没有编号的文字。\n第二段文字。")
    assert doc.measures == []
    assert doc.preamble.text == "这是一段没有编号的文字。\n第二段文字。"


def test_back_matter_is_not_part_of_the_last_measure() -> None:
    text = (
        "一、保障措施\n（一）加大资金投入。略。\n"
        "附件：主要指标\n序号\n指标\n1\n有集中供养意愿的特困人员集中供养率\n100%\n"
    )
    doc = parse_text(text)
    assert doc.find("一", "（一）").text == "加大资金投入。略。"
    # the indicator table is an attachment of its own, not text of the plan
    assert doc.back_matter is None
    assert [(a.label, a.title) for a in doc.attachments] == [("附件", "主要指标")]
    assert doc.attachments[0].preamble.text.startswith("附件：主要指标")


def test_signature_and_date_close_the_plan() -> None:
    text = "一、下一步计划\n一是优化布局。略。\n二是增加供给。略。\n重庆市民政局\n2025年7月2日\n"
    doc = parse_text(text)
    assert doc.find("一", "二是").text == "增加供给。略。"
    assert doc.back_matter.text == "重庆市民政局\n2025年7月2日"


def test_spans_point_at_the_label_in_the_original() -> None:
    text = "前言。\n\n一、总体要求\n\n(一)推动公办养老机构提质增效。适度扩大。\n"
    doc = parse_text(text)
    m = doc.find("一", "（一）")
    assert text[m.span.start : m.span.end] == "(一)推动公办养老机构提质增效。适度扩大。"
    assert m.span.line == 5


def test_a_numbered_notice_before_the_plan_is_preamble() -> None:
    text = (
        "关于印发《某区养老服务工作方案》的通知\n各镇街：现将方案印发给你们，并提出以下要求：\n"
        "一、提高认识。各单位要高度重视。\n二、抓好落实。按要求报送进展。\n"
        "某区养老服务工作方案\n"
        "一、总体要求\n（一）指导思想。略。\n（二）工作目标。略。\n"
        "二、重点任务\n（一）建设中心。略。\n（二）培育机构。略。\n（三）完善机制。略。\n"
        "三、保障措施\n（一）加强领导。略。\n"
    )
    doc = parse_text(text)
    assert paths(text)[:3] == ["一", "一/（一）", "一/（二）"]
    assert doc.measures[0].heading == "总体要求" and len(doc.measures) == 3
    assert "抓好落实" in doc.preamble.text


def test_items_after_a_colon_and_parts() -> None:
    text = "第一部分 总体要求\n主要任务：（1）建设中心；（2）培育机构。\n第二部分 保障措施\n加强领导。\n"
    assert paths(text) == ["第一部分", "第一部分/（1）", "第一部分/（2）", "第二部分"]


def test_enumeration_after_commas() -> None:
    text = "一、主要任务\n重点抓好三项工作：一是建设中心，二是培育机构，三是完善机制。\n二、保障措施\n加强领导。\n"
    assert paths(text) == ["一", "一/一是", "一/二是", "一/三是", "二"]
    # a number after a comma is not a label: only 一是 enumerations run on after commas
    assert paths("一、任务\n建设中心，1. 培育机构，2. 完善机制。\n") == ["一"]


def test_articles_written_with_digits_keep_their_label() -> None:
    assert paths("第1条 为了规范管理，制定本办法。\n第2条 本办法适用于全市。\n") == ["第1条", "第2条"]


_WITH_ATTACHMENTS = """某区推进农村道路养护实施方案

一、总体要求
按照市里部署推进。
二、主要任务
（一）完善养护制度。建立制度。
（二）落实养护资金。保障资金。
三、保障措施
加强领导。
附件：1.某区道路养护责任清单
2.某区路长制实施方案

附件1
某区道路养护责任清单
序号
事项
1
日常养护
附件2
某区路长制实施方案
为加强道路管理，制定本方案。
一、指导思想
全面推进。
二、工作任务
（一）设立路长。各镇设立路长。
"""


def test_a_numbered_sub_plan_in_an_attachment_never_replaces_the_plan() -> None:
    doc = parse_text(_WITH_ATTACHMENTS)
    assert [m.path for m in doc.walk()] == [
        ["一"],
        ["二"],
        ["二", "（一）"],
        ["二", "（二）"],
        ["三"],
    ]
    # the closing list "附件：1.… 2.…" is not a set of items of 三
    assert doc.find("三").children == []
    assert doc.back_matter is not None and doc.back_matter.text.startswith("附件：1.")
    assert [(a.label, a.title) for a in doc.attachments] == [
        ("附件1", "某区道路养护责任清单"),
        ("附件2", "某区路长制实施方案"),
    ]
    sub = doc.attachments[1]
    assert [m.path for m in sub.walk()] == [["附件2", "一"], ["附件2", "二"], ["附件2", "二", "（一）"]]
    assert doc.find("附件2", "二", "（一）").heading == "设立路长"
    assert sub.preamble.text.startswith("附件2\n某区路长制实施方案")


def test_a_notice_whose_plan_is_its_attachment_keeps_the_plan_as_measures() -> None:
    text = (
        "关于印发某区养护方案的通知\n各镇：\n现将方案印发给你们，请认真贯彻执行。\n某区人民政府\n2024年3月1日\n"
        "附件\n某区养护方案\n一、目标\n到2025年完成改造。\n二、任务\n（一）开展排查。\n"
    )
    doc = parse_text(text)
    assert [m.path for m in doc.walk()] == [["一"], ["二"], ["二", "（一）"]]
    assert doc.attachments == []


def test_unnumbered_headings_over_numbered_items_become_measures_labelled_by_their_text() -> None:
    text = (
        "某区推进养老服务实施方案\n"
        "总体要求\n（一）指导思想。坚持以人民为中心。\n（二）工作目标。到2025年建成体系。\n"
        "重点任务\n（一）完善设施网络。略。\n（二）提升服务质量。略。\n"
    )
    assert paths(text) == [
        "总体要求",
        "总体要求/（一）",
        "总体要求/（二）",
        "重点任务",
        "重点任务/（一）",
        "重点任务/（二）",
    ]


def test_a_short_line_not_followed_by_item_one_is_not_a_heading() -> None:
    text = "一、任务\n（一）建设中心。略。\n工作要求\n请各单位认真落实。\n（二）培育机构。略。\n"
    assert paths(text) == ["一", "一/（一）", "一/（二）"]


def test_a_contact_line_inside_the_plan_does_not_end_it() -> None:
    text = (
        "一、任务\n（一）建设中心。\n（二）联系群众。\n联系方式：各街道要公布服务热线。\n"
        "（三）培育机构。\n二、保障\n（一）加强领导。\n"
    )
    assert paths(text) == ["一", "一/（一）", "一/（二）", "一/（三）", "二", "二/（一）"]
    closing = parse_text("一、任务\n（一）建设中心。\n联系人：张三\n联系电话：12345678\n")
    assert closing.back_matter is not None and closing.back_matter.text.startswith("联系人")


def test_the_line_naming_the_attachment_right_before_it_is_back_matter() -> None:
    text = "一、任务\n（一）建设中心。\n附件：主要指标\n附件\n主要指标\n序号\n指标\n"
    doc = parse_text(text)
    assert [(a.label, a.title) for a in doc.attachments] == [("附件", "主要指标")]
    assert doc.back_matter is not None and doc.back_matter.text == "附件：主要指标"


def test_a_title_spaced_out_for_layout_reads_whole() -> None:
    doc = parse_text(
        "第一章 总 则\n第一条 为了加强管理，制定本办法。\n第二章 附　则\n第二条 本办法自发布之日起施行。\n"
    )
    assert [m.heading for m in doc.measures] == ["总则", "附则"]


def test_a_task_table_in_an_attachment_gives_its_rows_as_measures_with_lead_and_support_units() -> None:
    text = (
        "一、任务\n（一）推进分类。略。\n附件1\n工作任务清单\n序号\n任务名称\n任务内容\n牵头部门\n配合部门\n时间节点\n"
        "1\n加强组织领导\n召开全区动员大会。\n区政府办公室\n各成员单位\n2019年3月\n"
        "2\n建立考核机制。\n区委组织部（区公务员局）\n区绿化市容局\n2019年\n"  # 任务名称 spans rows 1-2
        "3\n推进源头减量\n开展示范创建。\n区绿化市容局、区商务委\n各街镇\n2019年底\n"
    )
    doc = parse_text(text)
    (att,) = doc.attachments
    assert [m.path for m in att.measures] == [["附件1", "1"], ["附件1", "2"], ["附件1", "3"]]
    assert att.measures[0].heading == "召开全区动员大会"
    assert [(u.name, u.role, u.source) for u in att.measures[1].responsible_units] == [
        ("区委组织部（区公务员局）", "lead", "table"),
        ("区绿化市容局", "support", "table"),
    ]
    assert [u.name for u in att.measures[2].responsible_units if u.role == "lead"] == [
        "区绿化市容局",
        "区商务委",
    ]
    assert att.preamble.text.startswith("附件1\n工作任务清单\n序号")


def test_a_task_table_header_repeated_at_a_page_break_does_not_end_the_table() -> None:
    head = "序号\n任务内容\n牵头单位\n配合单位\n"
    text = (
        "一、任务\n（一）推进分类。略。\n附件\n任务分工表\n" + head
        + "1\n开展示范创建。\n区绿化市容局\n各街镇\n" + head + "2\n推进源头减量。\n区商务委\n各街镇\n"
    )  # fmt: skip
    (att,) = parse_text(text).attachments
    assert [m.label for m in att.measures] == ["1", "2"]
    assert [u.name for u in att.measures[1].responsible_units] == ["区商务委", "各街镇"]


LAW = """中华人民共和国示例法

（2020年6月20日第十三届全国人民代表大会常务委员会第十九次会议通过）

目　　录

第一章　总　　则
第二章　管　　理
　第一节　一般规定
　第二节　特别规定
第三章　附　　则

第一章　总　　则

第一条　为了规范管理，制定本法。
第二条　本法适用于下列活动：
（一）甲活动；
（二）乙活动。

第二章　管　　理

第一节　一般规定

第三条　国务院有关部门负责管理工作。
县级以上地方人民政府负责本行政区域内的管理工作。

第二节　特别规定

第四条　特别事项按照国家规定办理。

第三章　附　　则

第五条　本法自2025年1月1日起施行。
"""

LAW_TREE = [
    ["第一章"], ["第一章", "第一条"], ["第一章", "第二条"], ["第一章", "第二条", "（一）"],
    ["第一章", "第二条", "（二）"], ["第二章"], ["第二章", "第一节"], ["第二章", "第一节", "第三条"],
    ["第二章", "第二节"], ["第二章", "第二节", "第四条"], ["第三章"], ["第三章", "第五条"],
]  # fmt: skip


def test_a_law_with_its_table_of_contents() -> None:
    """The 目录 lists the chapters; they begin after it (the first chapter's title again)."""
    doc = parse_text(LAW)
    assert [m.path for m in doc.walk()] == LAW_TREE
    assert doc.document.title == "中华人民共和国示例法"
    assert "目" in doc.preamble.text and "第三章附则" in doc.preamble.text.replace("\u3000", "")


def test_a_law_without_contents_is_not_one_section_under_its_title() -> None:
    _, _, body = LAW.partition("第三章　附　　则\n\n第一章")
    doc = parse_text("中华人民共和国示例法\n第一章" + body)
    assert [m.path for m in doc.walk()] == LAW_TREE
    assert doc.document.title == "中华人民共和国示例法"


def test_articles_inserted_by_an_amendment_keep_their_place() -> None:
    """第二条之一 follows 第二条 without renumbering: 第三条 comes next; a mention inside a sentence
    (依照第二条之一的规定) opens nothing."""
    doc = parse_text(
        "某某条例\n第一章　总则\n第一条　为了规范管理，制定本条例。\n第二条　本条例适用于本市。\n"
        "第二条之一　本条例所称的管理，是指下列活动。\n第二条之二　管理应当遵循公开原则。\n"
        "第三条　市人民政府负责组织实施。依照第二条之一的规定办理。\n"
    )
    assert [m.path[-1] for m in doc.walk()] == [
        "第一章",
        "第一条",
        "第二条",
        "第二条之一",
        "第二条之二",
        "第三条",
    ]
    assert doc.find("第一章", "第三条").text.endswith("依照第二条之一的规定办理。")


def test_a_plan_written_in_markdown() -> None:
    """Heading marks and bold are form: the labels under them open measures, the marks are reported
    as skipped, and no mark stays in a measure's text."""
    doc = parse_text(
        "# 关于推进某某工作的实施方案\n## 一、总体要求\n### （一）指导思想\n坚持人民至上。\n---\n"
        "## 二、主要任务\n**（一）完善网络。**完善社区网络。\n**（二）加强队伍。**健全培训。\n"
    )
    assert [m.path for m in doc.walk()] == [
        ["一"], ["一", "（一）"], ["二"], ["二", "（一）"], ["二", "（二）"],
    ]  # fmt: skip
    assert doc.document.title == "关于推进某某工作的实施方案"
    assert not any("#" in m.text or "*" in m.text for m in doc.walk())
    assert doc.find("二", "（一）").heading == "完善网络"
    assert {k.reason for k in doc.skipped} == {"Markdown mark"}
