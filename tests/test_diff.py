"""Diffs of pairs made by editing a real plan, where the right alignment is known by construction,
and of the real Hechuan draft/final pair, checked against both texts."""

from __future__ import annotations

import pytest

from policydiff import diff, parse_text
from policydiff.diff import word_edits
from policydiff.numerals import int_to_cn

from .conftest import parsed

# The measures of chapter 二 of the Hechuan draft, as (heading, text) without their labels.
ITEMS = [(m.heading or "", m.text) for m in parsed("hechuan-2025-draft").find("二").children]


def plan(items: list[tuple[str, str]]) -> str:
    body = "".join(f"（{int_to_cn(k)}）{text}\n" for k, (_, text) in enumerate(items, 1))
    return f"一、总体要求\n为做好工作，制定本方案。\n二、推动养老服务和老龄事业发展\n{body}三、保障措施\n（一）健全工作机制。加强统筹协调。\n"


def run(old_items: list[tuple[str, str]], new_items: list[tuple[str, str]]):
    return diff(parse_text(plan(old_items), doc_id="old"), parse_text(plan(new_items), doc_id="new"))


def pairs(report) -> list[tuple[str, str | None, str | None]]:
    """Changes of text or place (a renumbered measure kept its text: it is counted on its own)."""
    return [
        (m.status, m.old_heading, m.new_heading)
        for m in report.measures
        if m.status not in ("unchanged", "renumbered")
    ]


def test_identical_documents_have_no_differences() -> None:
    doc = parsed("hechuan-2025-draft")
    report = diff(doc, doc)
    assert not report.has_differences
    assert report.summary.measures["unchanged"] == len(list(doc.walk()))
    assert len(report.targets.kept) == 20 and report.targets.dropped == []


def test_inserted_measure_renumbers_the_rest_without_confusing_them() -> None:
    new = [*ITEMS[:2], ("新增措施", "新增措施。建立养老服务综合评估制度，每年开展评估。"), *ITEMS[2:]]
    report = run(ITEMS, new)
    assert pairs(report) == [("added", None, "新增措施")]
    moved_labels = [m for m in report.measures if m.renumbered]
    assert len(moved_labels) == len(ITEMS) - 2  # （三）→（四） …, all unchanged in text
    assert all(m.status == "renumbered" for m in moved_labels)
    assert report.summary.measures["renumbered"] == len(ITEMS) - 2


def test_deleted_measure() -> None:
    report = run(ITEMS, ITEMS[:4] + ITEMS[5:])
    assert pairs(report) == [("removed", ITEMS[4][0], None)]


def test_moved_measure() -> None:
    new = ITEMS[:1] + ITEMS[2:] + ITEMS[1:2]
    report = run(ITEMS, new)
    assert ("moved", ITEMS[1][0], ITEMS[1][0]) in pairs(report)
    assert [p[0] for p in pairs(report)].count("moved") == 1


def test_split_measure() -> None:
    heading, text = ITEMS[6]  # 推进困难老年人居家适老化改造: two long sentences and a target
    first, rest = text.split("。", 1)[0] + "。", text.split("。", 1)[1]
    mid = rest.index("开展居家适老化产品")
    part1 = first + rest[:mid]
    part2 = "推进居家适老化产品租赁。" + rest[mid:]
    report = run(ITEMS, [*ITEMS[:6], (heading, part1), ("推进居家适老化产品租赁", part2), *ITEMS[7:]])
    # one row per piece, each naming all the pieces; the edits are on the first
    pieces = [m for m in report.measures if m.status == "split"]
    assert [(m.old_heading, m.new[-1]) for m in pieces] == [(heading, "（七）"), (heading, "（八）")]
    assert all([p[-1] for p in m.parts] == ["（七）", "（八）"] for m in pieces)
    assert pieces[0].edits and not pieces[1].edits
    assert report.summary.measures["added"] == 0


def test_merged_measures() -> None:
    merged = (ITEMS[7][0], ITEMS[7][1] + ITEMS[8][1])
    report = run(ITEMS, [*ITEMS[:7], merged, *ITEMS[9:]])
    pieces = [m for m in report.measures if m.status == "merged"]
    assert {m.old[-1] for m in pieces} == {"（八）", "（九）"} and len(pieces) == 2
    assert all([p[-1] for p in m.parts] == ["（八）", "（九）"] for m in pieces)
    assert report.summary.measures["removed"] == 0


def test_reworded_measure_and_changed_value() -> None:
    heading, text = ITEMS[0]
    new_text = text.replace("比例达到70%", "比例达到75%").replace("提升照护服务质量", "全面提升照护服务质量")
    report = run(ITEMS, [(heading, new_text), *ITEMS[1:]])
    (m,) = [m for m in report.measures if m.status == "modified"]
    assert ("insert", None, "全面") in [(e.op, e.old, e.new) for e in m.edits]
    assert ("replace", "70%", "75%") in [(e.op, e.old, e.new) for e in m.edits]
    (change,) = report.targets.changed
    assert (change.old.value, change.new.value, change.fields) == (70, 75, ["value"])


def test_softened_target() -> None:
    heading, text = ITEMS[0]
    new_text = text.replace("三星级以上敬老院达到9家", "三星级以上敬老院力争达到9家")
    (change,) = run(ITEMS, [(heading, new_text), *ITEMS[1:]]).targets.changed
    assert change.softened and change.fields == ["verb"]
    assert (change.old.verb, change.new.verb) == ("达到", "力争…达到")


def test_differences_of_form_are_not_changes() -> None:
    old = "二、任务\n(一)推动公办养老机构提质增效,到2027年,全区比例达到70%.(责任单位:区民政局,各镇街)\n"
    new = "二、任务\n（一）推动公办养老机构提质增效，到 2027年，全区\n比例达到70%.（责任单位：区民政局，各镇街）\n"
    report = diff(parse_text(old), parse_text(new))
    assert not report.has_differences, [m.edits for m in report.measures]


def test_word_edits_keep_numbers_whole_and_phrases_together() -> None:
    edits = word_edits("到2025年，护理型床位占比达到55%以上。", "到2027年，护理型床位占比不低于65%。")
    assert [(e.op, e.old, e.new) for e in edits] == [
        ("replace", "2025年", "2027年"),
        ("replace", "达到55%以上", "不低于65%"),
    ]


def test_a_deleted_sentence_is_reported_as_such() -> None:
    (e,) = word_edits("推进工作。到2027年，建成10个中心。加强监管。", "推进工作。加强监管。")
    assert e.op == "delete" and e.sentence and e.old == "到2027年，建成10个中心。"


# ------------------------------------------------------------------ the real pair


@pytest.fixture(scope="module")
def hechuan():
    return diff(parsed("hechuan-2025-draft"), parsed("hechuan-2025-final"))


def test_hechuan_every_measure_aligned_to_its_counterpart(hechuan) -> None:
    assert [m.status for m in hechuan.measures].count("unchanged") == 3  # the three chapter headings
    assert all(m.old == m.new for m in hechuan.measures)  # same numbering, nothing moved
    assert hechuan.summary.measures["added"] == hechuan.summary.measures["removed"] == 0


def test_hechuan_dropped_targets(hechuan) -> None:
    dropped = [(d.path[-1], d.indicator, d.value) for d in hechuan.targets.dropped]
    assert len(dropped) == 19  # every draft target but the 600元 standard, which the final keeps
    assert ("一", "护理型床位占比", 65) in dropped
    assert (
        "（二）",
        "福彩公益金区县留存部分用于养老服务设施建设、运营补贴和政府购买社区居家基本公共养老服务",
        80,
    ) in dropped
    (changed,) = hechuan.targets.changed
    # the draft lost 元 in extraction ("600/年·人"): reported as a unit change, not hidden
    assert changed.fields == ["unit"] and changed.old.value == changed.new.value == 600


def test_hechuan_every_unit_line_dropped(hechuan) -> None:
    assert len(hechuan.units.dropped) == 22
    assert hechuan.units.added == []
    first = hechuan.units.dropped[0]
    assert (first.path, first.units) == (["二", "（一）"], ["区民政局", "各镇街"])


def test_hechuan_word_edits_read_as_phrases(hechuan) -> None:
    m = next(m for m in hechuan.measures if m.new == ["二", "（一）"])
    assert [(e.op, e.new) for e in m.edits if e.op == "insert"] == [("insert", "将其")]
    assert any(e.op == "delete" and e.sentence and "二星级以上敬老院比例达到70%" in e.old for e in m.edits)


def test_an_inserted_article_renumbers_the_rest_and_they_read_as_renumbered() -> None:
    old = "一、总则\n第一条 为了加强管理，制定本办法。\n第二条 区交通委负责道路养护的监督管理。\n第三条 养护资金应当专款专用。\n"
    new = (
        "一、总则\n第一条 为了加强管理，制定本办法。\n第二条 各镇人民政府负责本辖区道路的日常巡查。\n"
        "第三条 区交通委负责道路养护的监督管理。\n第四条 养护资金应当专款专用。\n"
    )
    report = diff(parse_text(old, doc_id="old"), parse_text(new, doc_id="new"))
    rows = [(m.status, m.old[-1] if m.old else None, m.new[-1] if m.new else None) for m in report.measures]
    assert ("renumbered", "第二条", "第三条") in rows and ("renumbered", "第三条", "第四条") in rows
    assert ("added", None, "第二条") in rows
    assert report.summary.measures["renumbered"] == 2


def test_a_group_with_only_a_title_follows_its_children_to_a_new_chapter() -> None:
    items = "（一）建立养老服务综合评估制度，每年开展一次全面评估。\n（二）完善社区养老服务设施布局，推动街道养老服务中心全覆盖。\n"
    old = f"一、主要内容\n{items}"
    new = f"一、完善养老服务体系\n{items}"
    report = diff(parse_text(old, doc_id="old"), parse_text(new, doc_id="new"))
    top = next(m for m in report.measures if m.old == ["一"])
    assert top.new == ["一"] and top.status == "modified"


def test_a_measure_that_lies_inside_a_new_one_was_merged_into_it() -> None:
    a = "建立养老服务综合评估制度，每年开展一次全面评估，评估结果向社会公开。"
    b = "完善社区养老服务设施布局，推动街道养老服务中心全覆盖，提升服务能力。"
    old = f"一、任务\n（一）{a}\n（二）{b}\n"
    new = f"一、任务\n（一）{a}{b}\n"
    report = diff(parse_text(old, doc_id="old"), parse_text(new, doc_id="new"))
    merged = [(m.old, m.new) for m in report.measures if m.status == "merged"]
    assert sorted(merged) == [(["一", "（一）"], ["一", "（一）"]), (["一", "（二）"], ["一", "（一）"])]


def test_a_replacement_made_in_many_measures_is_listed_once() -> None:
    items = [
        "市级部门要加强养老服务设施建设，提升服务能力。",
        "市级财政要保障养老服务资金投入。",
        "市级民政部门负责统筹推进养老服务。",
        "推进托育服务发展。",
    ]
    old = "一、任务\n" + "".join(f"（{int_to_cn(k)}）{t}\n" for k, t in enumerate(items, 1))
    new = old.replace("市级", "区级")
    report = diff(parse_text(old, doc_id="city"), parse_text(new, doc_id="district"))
    (sub,) = report.substitutions
    assert (sub.old, sub.new, sub.count) == ("市级", "区级", 3)
    assert [p[-1] for p in sub.places] == ["（一）", "（二）", "（三）"]
    assert all(m.edits for m in report.measures if m.new and m.new[-1] in ("（一）", "（二）", "（三）"))


def test_units_are_judged_on_the_pairs() -> None:
    """A removed measure takes its units with it (the removal says so); a unit named in any of the
    measures an old one was split into is not dropped; a unit the pair lost is."""
    old = parse_text(
        "一、工作任务\n"
        "（一）完善社区养老服务网络，统筹布局助餐、日托、康复等服务设施，推动服务向家庭延伸。"
        "发展老年助餐服务，鼓励餐饮企业参与老年助餐，完善助餐补贴政策。（责任单位：区民政局、区商务委）\n"
        "（二）建立养老服务人才培训制度，每年开展护理员技能培训，落实入职奖励和岗位津贴。（责任单位：区人社局、区财政局）\n"
        "（三）开展养老服务质量评估，建立第三方评估机制，评估结果向社会公开。（责任单位：区市场监管局）\n",
        doc_id="old",
    )
    new = parse_text(
        "一、工作任务\n"
        "（一）完善社区养老服务网络，统筹布局助餐、日托、康复等服务设施，推动服务向家庭延伸。（责任单位：区民政局）\n"
        "（二）发展老年助餐服务，鼓励餐饮企业参与老年助餐，完善助餐补贴政策。（责任单位：区商务委）\n"
        "（三）建立养老服务人才培训制度，每年开展护理员技能培训，落实入职奖励和岗位津贴。（责任单位：区人社局）\n",
        doc_id="new",
    )
    report = diff(old, new)
    assert [(c.path, c.units) for c in report.units.dropped] == [(["一", "（二）"], ["区财政局"])]
    assert report.units.added == []


def test_a_chapter_follows_most_of_its_items_before_weaker_claims() -> None:
    """Old 三 (its title only) splits into new 一 and 二, where its items went; the annex chapter whose
    one item also moved into new 一 does not take 一 from it (one child against two)."""
    items = [
        "完善社区养老服务网络，依托街道综合为老服务中心统筹布局助餐、日托和康复等服务设施。",
        "发展老年助餐服务，鼓励餐饮企业参与老年助餐，完善助餐补贴政策，形成多元供给格局。",
        "加强养老护理队伍建设，健全养老护理员职业技能等级认定制度，落实入职奖励和岗位津贴。",
        "推进智慧养老应用，建设养老服务信息平台，推广紧急呼叫和健康监测等智能设备的应用。",
        "建立养老服务质量评估制度，引入第三方评估机构，评估结果向社会公开并与补贴挂钩。",
    ]
    old = parse_text(
        "一、指导思想\n坚持以人民为中心的发展思想，统筹推进养老服务体系建设。\n三、主要内容\n"
        + "".join(f"（{int_to_cn(k + 1)}）{t}\n" for k, t in enumerate(items[:4]))
        + "附件1\n工作规程\n一、实施阶段\n（一）"
        + items[4]
        + "\n",
        doc_id="old",
    )
    new = parse_text(
        "一、服务网络\n"
        + "".join(f"（{int_to_cn(k + 1)}）{t}\n" for k, t in enumerate([items[0], items[1], items[4]]))
        + "二、队伍和平台\n"
        + "".join(f"（{int_to_cn(k + 1)}）{t}\n" for k, t in enumerate(items[2:4])),
        doc_id="new",
    )
    report = diff(old, new)
    chapters = {
        (tuple(m.old or []), tuple(m.new or [])): m.status for m in report.measures if m.old == ["三"]
    }
    assert chapters == {(("三",), ("一",)): "split", (("三",), ("二",)): "split"}
    annex = [m for m in report.measures if m.old == ["附件1", "一"]]
    assert [m.status for m in annex] == ["removed"]


def test_a_target_that_moved_with_a_split_is_kept() -> None:
    """Each piece of a split measure carries its own target on: neither dropped nor added."""
    first = "完善社区养老服务网络，依托街道综合为老服务中心统筹布局助餐、日托和康复等服务设施，到2027年建成社区食堂120家。"
    second = "加强养老护理队伍建设，健全养老护理员职业技能等级认定制度，到2027年培训养老护理员5000人次。"
    old = parse_text(
        f"一、工作任务\n（一）{first}{second}\n（二）建立养老服务质量评估制度，引入第三方评估机构，评估结果向社会公开。\n",
        doc_id="old",
    )
    # the first piece rewords its target's indicator (社区食堂 → 老年助餐食堂): that the two stand in
    # paired measures is what tells they are one target
    first_new = first.replace("建成社区食堂120家", "建成老年助餐食堂120家")
    new = parse_text(
        f"一、工作任务\n（一）{first_new}\n（二）{second}\n（三）建立养老服务质量评估制度，引入第三方评估机构，评估结果向社会公开。\n",
        doc_id="new",
    )
    report = diff(old, new)
    assert {m.status for m in report.measures if m.old == ["一", "（一）"]} == {"split"}
    assert report.targets.dropped == [] and report.targets.added == []
    assert sorted(c.new.value for c in [*report.targets.kept, *report.targets.changed]) == [120, 5000]


def test_a_long_measure_is_diffed_sentence_first_with_the_same_edits(monkeypatch: pytest.MonkeyPatch) -> None:
    """Beyond _DIRECT tokens the word diff matches sentences first; where sentences are edited in
    place it finds the edits one token-level match finds (which takes minutes at 320,000 characters)."""
    import importlib

    module = importlib.import_module("policydiff.diff")
    doc = parsed("city-2022-yilaoyixiao")
    old = "".join(m.text for m in doc.walk()).replace("\n", "")
    new = old.replace("加强", "进一步加强").replace("2025年", "2026年")
    new = new.replace("。", "。新增一句说明。", 3)
    assert len(module.tokenize(old)) > module._DIRECT
    layered = word_edits(old, new)
    monkeypatch.setattr(module, "_DIRECT", 10**9)
    assert layered == word_edits(old, new)
    assert any(e.new == "进一步" for e in layered)
