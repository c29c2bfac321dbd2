from __future__ import annotations

from policydiff import corpus, parse_text

from .conftest import parsed


def test_wuxi_indicator_table_rows() -> None:
    rows = parsed("wuxi-2022").indicators
    assert len(rows) == 22
    first = rows[0]
    assert (first.no, first.indicator, first.baseline, first.target, first.nature, first.unit_owner) == (
        "1", "有集中供养意愿的特困人员集中供养率", "100%", "100%", "约束性", "县民政局",
    )  # fmt: skip
    beds = rows[4]
    assert (beds.indicator, beds.baseline_value, beds.target_value, beds.target_comparator) == (
        "护理型养老床位占比", 40, 60, ">=",
    )  # fmt: skip
    assert (beds.baseline_year, beds.target_year) == (2021, 2025)
    assert rows[19].target == "≧4.5" and rows[19].target_value == 4.5
    assert rows[21].baseline is None  # "—" in the source
    source = corpus.get("wuxi-2022").path.read_text(encoding="utf-8")
    for r in rows:
        assert source[r.span.start : r.span.end].startswith(r.no)


def test_a_table_without_tabs_and_with_other_headers() -> None:
    text = (
        "一、目标\n到2025年实现。\n附件\n主要指标\n序号\n指标名称\n2020年\n2025年\n属性\n"
        "1\n护理型床位占比\n40%\n≥55%\n约束性\n2\n托位数\n1.2\n4.5\n预期性\n"
    )
    rows = parse_text(text).indicators
    assert [(r.indicator, r.baseline_value, r.target_value, r.nature) for r in rows] == [
        ("护理型床位占比", 40, 55, "约束性"),
        ("托位数", 1.2, 4.5, "预期性"),
    ]


def test_plans_without_tables_have_no_rows() -> None:
    assert parsed("hechuan-2025-draft").indicators == []


def test_header_cells_wrapped_onto_two_lines_without_tabs() -> None:
    # the Wuxi table as a PDF text layer gives it: no tabs, "2021年" and "目标值" on two lines
    text = (
        "一、目标\n略。\n附件\n序号\n指标\n2021年\n目标值\n指标\n性质\n2025年完成值\n责任单位\n"
        "1\n护理型养老床位占比\n40\n约束性\n≥60\n县民政局\n2\n老年人健康管理率\n60%\n预期性\n60%\n县卫生健康委\n"
    )
    rows = parse_text(text).indicators
    assert [(r.indicator, r.baseline, r.target, r.nature, r.unit_owner) for r in rows] == [
        ("护理型养老床位占比", "40", "≥60", "约束性", "县民政局"),
        ("老年人健康管理率", "60%", "60%", "预期性", "县卫生健康委"),
    ]
    assert (rows[0].baseline_year, rows[0].target_year) == (2021, 2025)


def test_a_five_year_table_with_a_unit_column_and_a_wrapped_cell() -> None:
    text = (
        "一、发展目标\n某区“十五五”主要指标\n序号\n指标名称\n单位\n属性\n“十五五”目标\n"
        "1\n地区生产总值年均增速\n%\n预期性\n与全市经济增速\n保持同步\n"
        "2\n每万人口发明专利拥有量\n件/万人\n预期性\n85左右\n"
        "3\n养老机构护理型床位占比\n%\n约束性\n≥70\n"
    )
    rows = parse_text(text).indicators
    assert [(r.no, r.indicator, r.target, r.target_value, r.unit, r.target_year) for r in rows] == [
        ("1", "地区生产总值年均增速", "与全市经济增速保持同步", None, "%", 2030),
        ("2", "每万人口发明专利拥有量", "85左右", 85, "件/万人", 2030),
        ("3", "养老机构护理型床位占比", "≥70", 70, "%", 2030),
    ]


def test_bracketed_year_lines_join_their_header_cell_and_the_plan_horizon_is_the_target() -> None:
    text = (
        "一、目标\n序号\n指标名称\n指标\n属性\n基准值\n（2020年）\n目标值\n（2025年）\n目标值\n（2035年）\n"
        "1\n污水处理率\n约束性\n95%\n≥99%\n100%\n"
        "2\n河湖水面积\n预期性\n120.14 平方公里\n128.92 平方公里\n130平方公里\n"
    )
    rows = parse_text(text).indicators
    assert [(r.indicator, r.baseline_value, r.target_value, r.target_year, r.nature) for r in rows] == [
        ("污水处理率", 95, 99, 2025, "约束性"),
        ("河湖水面积", 120.14, 128.92, 2025, "预期性"),
    ]


def test_cells_of_a_table_inside_a_measure_are_not_read_again_as_prose_targets() -> None:
    text = "一、目标\n序号\n指标名称\n2020年\n2025年\n1\n护理型床位占比\n40%\n≥55%\n"
    doc = parse_text(text)
    assert [r.target_value for r in doc.indicators] == [55]
    assert doc.measures[0].targets == []
