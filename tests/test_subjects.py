"""Acting subjects: units of plans that write no 责任单位 tag."""

from __future__ import annotations

import pytest

from policydiff import parse_text
from policydiff.subjects import acting_subjects


def names(text: str) -> list[str]:
    return [u.name for u in acting_subjects(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("区建设管理委、区绿化市容局要加强巡查。", ["区建设管理委", "区绿化市容局"]),
        ("市水务局要会同区农业农村委、相关区政府研究制定方案。", ["市水务局", "区农业农村委", "相关区政府"]),
        ("绿化市容部门在工程竣工验收前，要组织核查。", ["绿化市容部门"]),
        ("对违规运输的，由区城管执法局依法予以查处。", ["区城管执法局"]),
        ("城管执法、林业、水务等部门要加强执法。", ["城管执法部门", "林业部门", "水务部门"]),
        ("市、区民政局要加强日常监管。", ["市民政局", "区民政局"]),
        ("各街镇（园区）负责组织落实。", ["各街镇（园区）"]),
    ],
)
def test_bodies_that_open_a_clause_or_act_after_you(text: str, expected: list[str]) -> None:
    assert names(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "实施报告报区人民政府审核后报市规划资源部门认定。",  # recipients
        "督促各区落实整改要求。",  # the object of 督促
        "优化空间布局，形成治理格局。",  # 局 in 布局/格局 is no bureau
        "更好发挥政府作用，强化政府监管。",  # a verb before 政府: not a subject
        "建设单位应当落实主体责任。",  # a regulated party, not a body of government
        "市规划资源部门的审批时限缩短。",  # an attribute, not a subject
    ],
)
def test_recipients_objects_and_predicates_are_not_subjects(text: str) -> None:
    assert names(text) == []


def test_subjects_are_read_only_in_plans_without_any_tag() -> None:
    tagless = parse_text("一、任务\n（一）加强巡查。区城管执法局要加强巡查。\n（二）完善制度。\n")
    (u,) = tagless.find("一", "（一）").responsible_units
    assert (u.name, u.source, u.role) == ("区城管执法局", "subject", "support")
    tagged = parse_text(
        "一、任务\n（一）加强巡查。区城管执法局要加强巡查。\n（二）完善制度。（责任单位：区司法局）\n"
    )
    assert tagged.find("一", "（一）").responsible_units == []
    assert [u.source for u in tagged.find("一", "（二）").responsible_units] == ["tag"]


def test_department_names_that_contain_verb_like_characters() -> None:
    # 发展 in 发展改革委, 经 in 经济信息化委, 交 in 交通委 are parts of the names
    assert names("市发展改革委、市经济信息化委要会同区交通委研究制定办法。") == [
        "市发展改革委",
        "市经济信息化委",
        "区交通委",
    ]


@pytest.mark.parametrize(
    "text",
    [
        "多部门协同推进，共同营造爱水护河氛围。",  # 多部门: how many, not which
        "各项事业呈现出蓬勃发展的生动局面。",  # 各 opens a sentence, not a name
        "从业人员应符合国家主管部门规定的相关从业条件。",  # a predicate ran into the match
    ],
)
def test_quantities_and_predicates_are_not_bodies(text: str) -> None:
    assert names(text) == []


def test_a_subject_set_off_by_a_comma_before_its_duty() -> None:
    """市、区规划资源部门，可… — two bodies (the level list shares its head), acting after the comma;
    a clause that is no body stays out."""
    assert [u.name for u in acting_subjects("市、区规划资源部门，可结合单元规划同步开展控详规划优化。")] == [
        "市规划资源部门",
        "区规划资源部门",
    ]
    assert acting_subjects("相关工作，可结合实际开展。") == []
