from __future__ import annotations

import pytest

from policydiff import parse_text
from policydiff.models import Document

from .conftest import parsed


def targets(text: str) -> list[tuple[int | None, str | None, str | None, float, float | None, str | None]]:
    doc = parse_text("一、任务\n" + text)
    return [
        (t.year, t.indicator, t.comparator, t.value, t.value_max, t.unit) for t in doc.measures[0].targets
    ]


def test_year_carries_over_the_clauses_of_its_sentence() -> None:
    got = targets("到2027年，全区养老服务床位数达到8000张，护理型床位占比达到65%。")
    assert got == [
        (2027, "全区养老服务床位数", ">=", 8000, None, "张"),
        (2027, "护理型床位占比", ">=", 65, None, "%"),
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "公办幼儿园生均公用经费标准不低于600元/年·人。",
            ("公办幼儿园生均公用经费标准", ">=", 600, "元/年·人"),
        ),
        ("原则上每月上门为其开展助洁服务不少于1次。", ("每月上门为其开展助洁服务", ">=", 1, "次")),
        ("到2025年，乡镇综合养老服务设施覆盖率达到60%以上。", ("乡镇综合养老服务设施覆盖率", ">=", 60, "%")),
        ("到2025年，全市各区至少有一所公办养老机构。", ("公办养老机构", ">=", 1, "所")),
        ("到2027年，全区建设养老床位23.7万张。", ("养老床位", "=", 237000, "张")),
        ("每年用于养老服务的投资不超过1.24亿元。", ("每年用于养老服务的投资", "<=", 124000000, "元")),
        ("到2025年力争建成康养社区1个。", ("康养社区", "=", 1, "个")),
    ],
)
def test_verbs_units_and_multipliers(text: str, expected: tuple[str, str, float, str]) -> None:
    (got,) = targets(text)
    assert (got[1], got[2], got[3], got[5]) == expected


def test_ranges_and_ratios() -> None:
    (got,) = targets("新建住宅小区按每百户20至30平方米的标准配套建设养老服务用房。")
    assert (got[3], got[4], got[5]) == (20, 30, "平方米")
    (ratio,) = targets("乳儿班保育人员配比不低于1:3。")
    assert ratio[3] == pytest.approx(1 / 3, abs=1e-6) and ratio[5] == "ratio"


def test_a_list_of_indicators_sharing_one_value() -> None:
    got = targets("到2025年，特困人员集中供养率、居家社区养老服务覆盖率实现100%。")
    assert [g[1] for g in got] == ["特困人员集中供养率", "居家社区养老服务覆盖率"]
    assert {g[3] for g in got} == {100}


@pytest.mark.parametrize(
    "text",
    [
        "根据《通知》（渝府办发〔2024〕64号），结合实际。",  # document number
        "征求意见截止日期：2025年4月16日。联系电话：023-85183318，邮政编码：401520。",
        "全面实施80岁以上老年人高龄津贴，支持幼儿园招收3岁以下婴幼儿。",  # ages that define a group
        "在入住超过1000户以上的住宅小区，支持物业服务企业发展托育服务。",  # a condition
        "基本建成15分钟社区居家养老服务圈，开通24小时热线，运用5G技术。",
        "对固定资产投资达到10万元以上的康养项目给予支持。",
    ],
)
def test_not_statements(text: str) -> None:
    doc = parse_text("一、任务\n" + text)
    assert doc.measures[0].targets == [] and doc.measures[0].facts == []


def test_facts_in_a_background_section_with_their_year() -> None:
    doc = parse_text(
        "一、发展现状\n截至2020年末，全县共有各类养老机构47家，护理型床位占比43%。\n二、目标\n到2025年，护理型床位占比达到60%。"
    )
    facts = doc.measures[0].facts
    assert [(f.kind, f.year, f.indicator, f.value) for f in facts] == [
        ("baseline", 2020, "各类养老机构", 47),
        ("baseline", 2020, "护理型床位占比", 43),
    ]
    assert [(t.year, t.value) for t in doc.measures[1].targets] == [(2025, 60)]


def _rows(doc: Document) -> list[tuple[str, int | None, str | None, str | None, float, str | None]]:
    return [
        ("/".join(m.path), t.year, t.indicator, t.comparator, t.value, t.unit)
        for m in doc.walk()
        for t in m.targets
    ]


def test_hechuan_draft_targets_all_found() -> None:
    """Every target of the draft, checked against the source text by reading it."""
    assert _rows(parsed("hechuan-2025-draft")) == [
        ("一", 2027, "全区养老服务床位数", ">=", 8000, "张"),
        ("一", 2027, "护理型床位占比", ">=", 65, "%"),
        ("一", 2027, "65岁以上老年人家庭医生签约覆盖率", ">=", 80, "%"),
        ("一", 2027, "每千人口拥有3岁以下婴幼儿托位数", ">=", 4.5, "个"),
        ("一", 2027, "公办幼儿园在园幼儿占比", ">=", 60, "%"),
        ("二/（一）", 2027, "全区二星级以上敬老院比例", ">=", 70, "%"),
        ("二/（一）", 2027, "三星级以上敬老院", ">=", 9, "家"),
        ("二/（二）", 2027, "连锁高品质民办养老机构", "=", 2, "家"),
        ("二/（三）", 2027, "全区65岁以上老年人城乡社区规范健康管理服务率", ">=", 70, "%"),
        ("二/（三）", 2027, "65岁以上老年人家庭医生签约覆盖率", ">=", 80, "%"),
        ("二/（三）", 2027, "康养社区", "=", 1, "个"),
        ("二/（七）", 2027, "全区家庭养老床位", ">=", 1000, "张"),
        ("二/（七）", 2027, "困难老年人家庭适老化改造", "=", 3000, "户"),
        ("二/（八）", None, "每月上门为其开展助洁服务", ">=", 1, "次"),
        ("三/（一）", 2027, "全区提供普惠性托育服务的幼儿园比例", ">=", 40, "%"),
        ("三/（二）", 2027, "全区城市社区普惠性托育服务点覆盖率", ">=", 60, "%"),
        ("三/（三）", 2027, "用人单位提供托育服务", "=", 2, "家"),
        ("三/（四）", None, "公办幼儿园生均公用经费标准", ">=", 600, "/年·人"),  # 元 lost in the source
        ("三/（四）", 2027, "全区公办幼儿园在园幼儿占比", ">=", 60, "%"),
        (
            "四/（二）",
            None,
            "福彩公益金区县留存部分用于养老服务设施建设、运营补贴和政府购买社区居家基本公共养老服务",
            ">=",
            80,
            "%",
        ),
    ]


def test_hechuan_final_keeps_one_standard() -> None:
    assert _rows(parsed("hechuan-2025-final")) == [
        ("三/（四）", None, "公办幼儿园生均公用经费标准", ">=", 600, "元/年·人"),
    ]


def test_wuxi_targets() -> None:
    rows = _rows(parsed("wuxi-2022"))
    assert rows[:3] == [
        ("二/（三）", 2025, "全县护理型养老床位占比", ">=", 60, "%"),  # year from the sentence before
        ("二/（三）", 2025, "每千人口拥有3岁以下婴幼儿托位数", ">=", 4.5, "个"),
        ("二/（三）", 2025, "婴幼儿健康管理率", ">=", 92, "%"),
    ]
    shared = [r for r in rows if r[0] == "二/（四）"]
    assert len(shared) == 6 and {r[4] for r in shared} == {100}
    assert rows[-1][0] == "四/（十三）" and rows[-1][3:] == (">=", 50, "%")
    assert len(rows) == 10


def test_reply_reports_achieved_facts() -> None:
    doc = parsed("chongqing-mca-2025-reply")
    facts = {(f.indicator, f.value, f.unit, f.comparator) for m in doc.walk() for f in m.facts}
    assert ("护理型床位占比", 67, "%", ">") in facts  # 突破67%
    assert ("养老床位", 237000, "张", "=") in facts  # 23.7万张
    assert all(f.kind == "achieved" for m in doc.walk() for f in m.facts)
    assert [(t.indicator, t.value) for m in doc.walk() for t in m.targets] == [("明确人均养老用地", 0.2)]


def test_city_targets_keep_damaged_values_as_written() -> None:
    rows = _rows(parsed("city-2022-yilaoyixiao"))
    assert ("二/（一）/1", 2025, "养老机构护理型床位占比", ">=", 55, "%") in rows
    # "100%" lost its zeros in this copy: the value is taken as written, never repaired
    assert ("二/（一）/1", 2025, "特殊困难老年人月探访率", ">=", 1, "%") in rows
    assert (
        "四/（七）",
        None,
        "每年各级用于社会福利事业的福彩公益金在养老服务方面的投资",
        ">=",
        55,
        "%",
    ) in rows


def test_flattened_title_is_not_part_of_an_indicator_and_forecasts_are_not_targets() -> None:
    rows = _rows(parsed("city-2022-yilaoyixiao"))
    assert (
        "四/（二）",
        None,
        "社区居家嵌入式养老服务设施示范项目",
        "=",
        2,
        "个",
    ) in rows  # "强化试点布局 建设…2个"
    assert not [r for r in rows if r[0].startswith("一/")]  # 一、实施背景: "预计…" is a forecast


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "到2025年，全市养老机构护理型床位占比由50%提高到60%以上。",
            (2025, "全市养老机构护理型床位占比", ">=", 60, "%"),
        ),
        ("到2030年，人口自然增长率控制在3‰以内。", (2030, "人口自然增长率", "<=", 3, "‰")),
        ("力争到2026年底，全区老年助餐服务点突破200个。", (2026, "全区老年助餐服务点", ">", 200, "个")),
        (
            "到2025年，全县婴幼儿家庭照护指导服务覆盖率≥90%。",
            (2025, "全县婴幼儿家庭照护指导服务覆盖率", ">=", 90, "%"),
        ),
        ("“十四五”期间，新增普惠性托位2000个。", (2025, "普惠性托位", "=", 2000, "个")),
    ],
)
def test_more_phrasings_of_targets(text: str, expected: tuple[int, str, str, float, str]) -> None:
    (got,) = targets(text)
    assert (got[0], got[1], got[2], got[3], got[5]) == expected


def test_forward_marker_governs_its_sentence() -> None:
    doc = parse_text("一、目标\n力争到2026年底，全区老年助餐服务点突破200个。")
    assert doc.measures[0].targets[0].verb == "力争…突破"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("原则上调整周期不超过五年。", ("调整周期", "<=", 5, "年")),
        ("接到派单后，15分钟内到场核实。", (None, "<=", 15, "分钟")),
        ("过渡期内原则上允许以5年为限。", (None, "<=", 5, "年")),
        ("确保学生每天体育活动不低于2小时。", ("学生每天体育活动", ">=", 2, "小时")),
        ("湿垃圾分类量日均高于5520吨。", ("湿垃圾分类量日均", ">", 5520, "吨")),
        ("干垃圾焚烧处置能力达到1.93万吨/日。", ("干垃圾焚烧处置能力", ">=", 19300, "吨/日")),
        ("城镇排水标准提高到三年一遇。", ("城镇排水标准", ">=", 3, "年一遇")),
        ("农村公路列养率保持100%。", ("农村公路列养率", "=", 100, "%")),
        ("县道年均养护工程比例不低于13%。", ("县道年均养护工程比例", ">=", 13, "%")),
    ],
)
def test_time_limits_standards_and_measures(text: str, expected: tuple[str | None, str, float, str]) -> None:
    (got,) = targets(text)
    indicator, comparator, value, unit = expected
    assert (got[2], got[3], got[5]) == (comparator, value, unit)
    if indicator is not None:
        assert got[1] == indicator


@pytest.mark.parametrize(
    "text",
    [
        "打造15分钟社区生活圈，开通24小时服务热线。",  # a duration that qualifies a noun
        "近5年来，全区累计投入资金。",  # no limit word: a duration, not a standard
        "2025年全面完成改造任务。",  # a calendar year is not 2025 years
        "于每月20日前上报统计表。",  # a day of the month
        "按照第3次全国普查的口径统计。",  # an ordinal
    ],
)
def test_durations_dates_and_ordinals_are_not_targets(text: str) -> None:
    assert targets(text) == []


def test_each_year_governs_what_follows_it_in_the_sentence() -> None:
    got = targets("到2023年底，各区推选示范单位不少于3个；到2024年底，示范单位比例不低于15%。")
    assert [(g[0], g[3]) for g in got] == [(2023, 3), (2024, 15)]


def test_a_year_in_the_parent_text_scopes_its_items() -> None:
    doc = parse_text(
        "一、工作目标\n到2025年，实现以下目标：\n1.养老床位达到800张。\n2.护理型床位占比达到60%。\n"
    )
    assert [(t.year, t.value) for m in doc.walk() for t in m.targets] == [(2025, 800), (2025, 60)]


def test_a_range_of_past_years_is_not_a_target_year() -> None:
    doc = parse_text("一、发展现状\n2019年至2021年出生人口分别为3657人、2651人。\n")
    assert doc.measures[0].targets == []


def test_the_start_of_a_change_is_not_its_goal() -> None:
    got = targets("到2025年，城镇污水处理能力由12万吨/天，提高至24万吨/天。")
    assert [(g[3], g[5]) for g in got] == [(240000, "吨/天")]


def test_a_standard_binds_the_noun_after_it() -> None:
    (got,) = targets("每25—30公里村道配备不少于一名道路专管员。")
    assert got[1:4] == ("每25—30公里村道配备道路专管员", ">=", 1)


def test_dabiao_is_not_the_verb_da() -> None:
    (got,) = targets("创建垃圾分类达标村104个。")
    assert got[1:4] == ("垃圾分类达标村", "=", 104)


def test_an_approximate_word_after_a_bound_keeps_the_comparator() -> None:
    (got,) = targets("每村配备不少于约两名保洁员。")
    assert got[2:4] == (">=", 2)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("到2025年，70%以上居住区实现垃圾分类达标。", (2025, ">=", 70, "%")),
        ("成立15支志愿者队伍。", (None, "=", 15, "支")),
        ("完成分类投放点改造1.7万余个。", (None, "=", 17000, "个")),
        ("每村配置1辆专用收集车。", (None, "=", 1, "辆")),
    ],
)
def test_shares_of_things_and_counted_actions(
    text: str, expected: tuple[int | None, str, float, str]
) -> None:
    (got,) = targets(text)
    assert (got[0], got[2], got[3], got[5]) == expected


def test_absurdly_large_numbers_are_not_quantities() -> None:
    # 400 digits overflow a float to inf, which JSON cannot carry and no plan means
    assert targets("养老床位达到" + "9" * 400 + "张。") == []
    assert targets("投资达到9" + "0" * 14 + "万元。") == []


def test_a_standard_named_after_its_bound() -> None:
    got = targets("其中：镇级配套资金总额不得低于乡道每年每公里5000元，村道每年每公里3000元。")
    assert got[0][1:4] == ("乡道每年每公里", ">=", 5000)


def test_an_action_word_inside_a_list_of_nouns_governs_nothing() -> None:
    assert targets("明确项目计划、实施建设、运营管理5个阶段的工作要求。") == []
    assert [g[3] for g in targets("建成2个中心、37个站。")] == [2, 37]


def test_a_time_limit_in_chinese_numerals_as_regulations_write_it() -> None:
    (got,) = targets("养护单位应当在接到通知后十五日内完成修复。")
    assert (got[2], got[3], got[5]) == ("<=", 15, "日")


def test_counted_objects_of_one_verb_across_clauses() -> None:
    """完成 governs the next clause's count when that clause is one more object of it."""
    got = targets("“十四五”期间完成800公里老化管道改造，30万户立管改造，泄漏自查发现率达80%以上。")
    assert [(g[1], g[3], g[5]) for g in got] == [
        ("老化管道改造", 800, "公里"),
        ("立管改造", 300000, "户"),
        ("泄漏自查发现率", 80, "%"),
    ]
    # a count that opens a clause after a statement without an action verb stays a count of nothing
    assert [g[1] for g in targets("覆盖率达到90%，30万户居民受益。")] == ["覆盖率"]


def test_where_an_action_takes_place_counted() -> None:
    (got,) = targets("全市率先在100个左右街道开展社区食堂建设试点。")
    assert (got[2], got[3], got[5]) == ("=", 100, "个") and got[1] is not None and "街道" in got[1]


def test_work_pushed_forward_on_a_counted_object() -> None:
    (got,) = targets("推进8万户独居老人家庭安装燃气报警装置。")
    assert (got[3], got[5]) == (80000, "户")


def test_regulation_shares_and_time_limits() -> None:
    """A fraction with no unit is a share (三分之二以上: ≥ 66.67 %); a share of a base measures what
    stands before its bound; a time limit in Chinese numerals counted in 工作日."""
    (share,) = targets("经出席会议的三分之二以上委员同意。")
    assert (share[2], round(share[3], 2), share[5]) == (">=", 66.67, "%")
    (base,) = targets("公共绿地面积不低于用地面积的三分之一。")
    assert (base[1], base[2], round(base[3], 2), base[5]) == ("公共绿地面积", ">=", 33.33, "%")
    (limit,) = targets("行政机关应当自受理申请之日起二十个工作日内作出决定。")
    assert (limit[2], limit[3], limit[5]) == ("<=", 20, "个工作日")


def test_a_standard_between_two_bounds() -> None:
    """…以上…以下 of one unit is one range, named by what follows it; a condition (…以上的小区) stays out."""
    (fine,) = targets("违反本条例规定的，由市场监管部门责令改正，处5000元以上5万元以下罚款。")
    assert (fine[1], fine[3], fine[4], fine[5]) == ("罚款", 5000, 50000, "元")
    (cn,) = targets("对个人处一万元以上十万元以下的罚款。")
    assert (cn[1], cn[3], cn[4], cn[5]) == ("罚款", 10000, 100000, "元")
    assert targets("1000户以上的住宅小区配建养老用房。") == []


def test_ages_as_goals_and_concentrations() -> None:
    """An age after a goal verb is a target (提高到82岁); an age naming a group is not; 降至 bounds from above."""
    (life,) = targets("人均预期寿命提高到82岁。")
    assert (life[1], life[2], life[3], life[5]) == ("人均预期寿命", ">=", 82, "岁")
    assert targets("为60岁以上老年人提供服务。") == []
    (toddlers,) = targets("到2025年，每千人口拥有3岁以下婴幼儿托位数达到4.5个。")
    assert (toddlers[3], toddlers[5]) == (4.5, "个")
    (air,) = targets("全区PM2.5年均浓度降至30微克/立方米。")
    assert (air[1], air[2], air[3], air[5]) == ("全区PM2.5年均浓度", "<=", 30, "微克/立方米")


def test_a_time_limit_leaves_the_count_of_its_action_to_be_read() -> None:
    got = targets("力争三年内建成10个示范点。")
    assert [(g[2], g[3], g[5]) for g in got] == [("<=", 3, "年"), ("=", 10, "个")]
