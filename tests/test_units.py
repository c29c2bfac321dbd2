from __future__ import annotations

import pytest

from policydiff import parse_text
from policydiff.units import canonical, find_clauses

from .conftest import parsed


def names(text: str) -> list[tuple[str, str, str | None, str]]:
    return [(u.name, u.canonical, u.level, u.role) for c in find_clauses(text) for u in c.units]


def test_district_clause_with_towns() -> None:
    assert names("到2027年达到9家。（责任单位：区民政局、区国资委，各镇街）") == [
        ("区民政局", "民政局", "区", "support"),
        ("区国资委", "国资委", "区", "support"),
        ("各镇街", "镇街", "镇街", "support"),
    ]


def test_square_brackets_hold_parentheses_and_qualifier_is_dropped() -> None:
    got = names("〔责任单位：县教委、县民政局，各乡镇（街道）按职责分工负责〕")
    assert got == [
        ("县教委", "教委", "县", "support"),
        ("县民政局", "民政局", "县", "support"),
        ("各乡镇（街道）", "镇街", "镇街", "support"),
    ]


def test_lead_unit_marked_with_qiantou() -> None:
    got = names("（责任单位：县发展改革委牵头，县民政局、县财政局按职责分工负责）")
    assert got[0] == ("县发展改革委", "发展改革委", "县", "lead")
    assert [g[3] for g in got[1:]] == ["support", "support"]


def test_lead_and_support_sections() -> None:
    got = names("做好工作。（牵头单位：市卫健委；配合单位：市人社局、市住建委）")
    assert got == [
        ("市卫健委", "卫生健康委", "市", "lead"),
        ("市人社局", "人力社保局", "市", "support"),
        ("市住建委", "住房城乡建委", "市", "support"),
    ]


def test_unit_line_on_its_own_line() -> None:
    clauses = find_clauses("推行“社区+物业+养老服务”。\n（责任单位：区民政局、区国资委，各镇街）")
    assert clauses[0].own_line
    assert [u.canonical for u in clauses[0].units] == ["民政局", "国资委", "镇街"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("加强监管。由区民政局、区市场监管局负责。", ["民政局", "市场监管局"]),
        ("加强监管。区民政局牵头，区财政局、区卫健委配合。", ["民政局", "财政局", "卫生健康委"]),
        ("由所辖县（市）、区有关职能部门协同对服务机构进行检查评估。", []),  # prose, not a unit clause
    ],
)
def test_other_forms(text: str, expected: list[str]) -> None:
    assert [n[1] for n in names(text)] == expected


@pytest.mark.parametrize(
    ("name", "canon", "level"),
    [
        ("区卫生健康委", "卫生健康委", "区"),
        ("县卫健委", "卫生健康委", "县"),
        ("市人社局", "人力社保局", "市"),
        ("区住建委", "住房城乡建委", "区"),
        ("区委老干局", "党委老干局", "区"),
        ("团县委", "共青团", "县"),
        ("人民银行巫溪支行", "人民银行", None),
        ("县级有关部门", "有关部门", "县"),
    ],
)
def test_canonical_names(name: str, canon: str, level: str | None) -> None:
    assert canonical(name) == (canon, level)


def test_a_unit_line_after_the_last_sub_item_closes_the_item_above() -> None:
    # none of the sub-items names units: the line is the item's, written once for all of them
    text = "一、任务\n1. 建设中心。略。\n2. 培育机构。略。\n（责任单位：区民政局，各镇街）\n"
    doc = parse_text(text)
    top = doc.find("一")
    assert [(u.name, u.scope) for u in top.responsible_units] == [("区民政局", "group"), ("各镇街", "group")]
    assert doc.find("一", "1").responsible_units == []
    assert doc.find("一", "2").responsible_units == []


def test_a_unit_line_after_a_sub_item_of_several_with_their_own_stays_there() -> None:
    text = "一、任务\n1. 建设中心。（责任单位：区教委）\n2. 培育机构。\n（责任单位：区民政局）\n"
    doc = parse_text(text)
    assert [u.name for u in doc.find("一", "2").responsible_units] == ["区民政局"]
    assert doc.find("一").responsible_units == []


def test_corpus_unit_clauses_are_all_found() -> None:
    # every 责任单位 clause of the draft closes one measure; the abridged final has none
    draft = parsed("hechuan-2025-draft")
    with_units = [m for m in draft.walk() if m.responsible_units]
    assert len(with_units) == 22
    m = draft.find("二", "（六）")
    assert [u.name for u in m.responsible_units] == ["区委老干局", "区教委", "区民政局", "区国资委", "各镇街"]
    m = draft.find("四", "（一）")
    assert len(m.responsible_units) == 15
    # the abridged final has no tag; its one acting subject is read instead ("村（社区）两委要…")
    final = parsed("hechuan-2025-final")
    assert [(m.path, u.name, u.source) for m in final.walk() for u in m.responsible_units] == [
        (["二", "（九）"], "村（社区）两委", "subject")
    ]
    wuxi = parsed("wuxi-2022")
    assert sum(1 for m in wuxi.walk() if m.responsible_units) == 26  # 27 mentions, one is a table header
    lead = [u for u in wuxi.find("三", "（八）", "11").responsible_units if u.role == "lead"]
    assert [u.name for u in lead] == ["县发展改革委"]
    assert [u.name for u in wuxi.find("四", "（十二）").responsible_units][-1] == "县级有关部门"


def test_bare_tag_lead_then_implementers() -> None:
    got = names("要依法查处违法行为。（区城管执法局牵头负责，区公安分局、各街道组织落实）")
    assert got == [
        ("区城管执法局", "城管执法局", "区", "lead"),
        ("区公安分局", "公安分局", "区", "support"),
        ("各街道", "镇街", "镇街", "support"),
    ]


def test_bare_tag_role_word_covers_only_the_names_since_the_last_one() -> None:
    # the separator before the implementers is 、, not ，: only the first name leads
    got = names("加强巡查。（区消防救援支队牵头负责、区应急局、各镇组织落实）")
    assert [(n, r) for n, _, _, r in got] == [
        ("区消防救援支队", "lead"),
        ("区应急局", "support"),
        ("各镇", "support"),
    ]


def test_bare_tag_of_divisions_without_lead() -> None:
    got = names("开展监督抽查。（市局质量监督处、执法稽查处按职责分工负责）")
    assert [(n, r) for n, _, _, r in got] == [("市局质量监督处", "support"), ("执法稽查处", "support")]


def test_bare_tag_source_is_tag() -> None:
    clauses = find_clauses("开展整治。（区住房城乡建设管理委牵头，各镇配合）")
    assert {u.source for c in clauses for u in c.units} == {"tag"}


@pytest.mark.parametrize(
    "text",
    [
        "建立工作机制（由各区负责落实的除外）。",  # prose inside brackets, not names
        "加强宣传（含线上线下渠道负责推广）。",
        "完善制度（以下简称“办法”）。",
    ],
)
def test_bracketed_prose_is_not_a_tag(text: str) -> None:
    assert names(text) == []


def test_a_section_headed_by_a_unit_name_is_that_units() -> None:
    doc = parse_text(
        "一、区数据局\n负责平台数据归集。\n二、区城管执法局\n1、负责执法检查。\n三、强化试点布局\n略。\n"
    )
    assert [(u.name, u.source) for u in doc.find("一").responsible_units] == [("区数据局", "section")]
    assert [u.name for u in doc.find("二").responsible_units] == ["区城管执法局"]
    assert doc.find("三").responsible_units == []  # 布局 is no bureau


@pytest.mark.parametrize(
    ("tail", "expected"),
    [
        # a labelled clause closing the measure's sentence, the lead marked after its name
        (
            "完善服务网络。责任单位：区民政局（牵头）、区财政局、各街道办事处",
            [("区民政局", "lead"), ("区财政局", "support"), ("各街道办事处", "support")],
        ),
        # a heading-style label
        ("完善服务网络。【责任单位】区民政局、区财政局", [("区民政局", "support"), ("区财政局", "support")]),
        # another field of the task line ends the names
        (
            "完善服务网络。（责任部门：区住房城乡建设委；完成时限：2025年12月底）",
            [("区住房城乡建设委", "support")],
        ),
        (
            "完善服务网络。牵头单位：区教育局；责任单位：各镇（街道）",
            [("区教育局", "lead"), ("各镇（街道）", "support")],
        ),
        # acting subjects: the one followed by 牵头 leads
        (
            "完善服务网络，由区卫生健康委牵头，区民政局配合。",
            [("区卫生健康委", "lead"), ("区民政局", "support")],
        ),
    ],
)
def test_unit_clauses_as_task_lines_write_them(tail: str, expected: list[tuple[str, str]]) -> None:
    doc = parse_text("一、重点任务\n（一）" + tail)
    m = doc.find("一", "（一）")
    assert m is not None
    assert [(u.name, u.role) for u in m.responsible_units] == expected
