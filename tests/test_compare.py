from __future__ import annotations

import importlib
from pathlib import Path

import pytest
import yaml

from policydiff import compare, parse_text
from policydiff.compare import MIN_SCORE, canonical_indicator, derived_pairs, describe

from .conftest import parsed

JUDGED = yaml.safe_load((Path(__file__).parent / "data" / "compare_pairs.yaml").read_text(encoding="utf-8"))
OTHERS = ["wuxi-2022", "chongqing-mca-2025-reply", "city-2022-yilaoyixiao"]


@pytest.fixture(scope="module")
def report():
    return compare(parsed(JUDGED["reference"]), [parsed(d) for d in OTHERS])


def _counterparts(report, path: str, doc: str) -> list[str]:
    m = next(m for m in report.matches if "/".join(m.path) == path)
    return ["/".join(c.path) for c in m.counterparts[doc]]


@pytest.mark.parametrize(("ref", "doc", "other"), JUDGED["pairs"])
def test_judged_pairs_are_found(report, ref: str, doc: str, other: str) -> None:
    assert other in _counterparts(report, ref, doc)


@pytest.mark.parametrize(("ref", "doc"), JUDGED["non_pairs"])
def test_judged_non_pairs_have_no_counterpart(report, ref: str, doc: str) -> None:
    assert _counterparts(report, ref, doc) == []


def test_clear_pairs_come_first(report) -> None:
    assert _counterparts(report, "二/（十一）", "wuxi-2022")[0] == "三/（十一）/19"  # 长期护理保险
    assert _counterparts(report, "四/（四）", "chongqing-mca-2025-reply")[0] == "二/四是"  # 人才
    assert _counterparts(report, "二/（三）", "wuxi-2022")[0] == "三/（七）/7"  # 医养结合


def test_counterparts_are_best_first_above_the_threshold(report) -> None:
    for m in report.matches:
        for cs in m.counterparts.values():
            scores = [c.score for c in cs]
            assert scores == sorted(scores, reverse=True)
            assert all(s >= MIN_SCORE for s in scores)


def test_coverage_lists_measures_without_counterpart(report) -> None:
    ref = next(c for c in report.coverage if c.doc == JUDGED["reference"])
    assert ref.leaves == 23
    assert ["/".join(u.path) for u in ref.unmatched] == ["四/（五）"]  # 达标区县创建: no other plan has it


def test_units_by_topic_use_canonical_departments() -> None:
    r = compare(parsed("hechuan-2025-draft"), [parsed("wuxi-2022")])
    m = next(m for m in r.matches if m.path == ["二", "（十一）"])
    assert m.units == ["民政局", "财政局", "卫生健康委", "医保局", "镇街"]
    (best,) = [c for c in m.counterparts["wuxi-2022"] if c.path == ["三", "（十一）", "19"]]
    assert "医保局" in best.units


def test_shared_indicator_groups() -> None:
    r = compare(parsed("hechuan-2025-draft"), [parsed(d) for d in OTHERS])
    groups = {g.indicator: g for g in r.indicators}
    beds = {(v.doc, v.kind, v.year, v.value) for v in groups["护理型床位占比"].values}
    assert ("hechuan-2025-draft", "target", 2027, 65) in beds
    assert ("wuxi-2022", "target", 2025, 60) in beds
    assert ("city-2022-yilaoyixiao", "target", 2025, 55) in beds
    assert ("chongqing-mca-2025-reply", "achieved", None, 67) in beds
    places = {(v.doc, v.value) for v in groups["每千人口拥有3岁以下婴幼儿托位数"].values}
    assert {("hechuan-2025-draft", 4.5), ("wuxi-2022", 4.5), ("city-2022-yilaoyixiao", 4.5)} <= places
    lottery = {v.doc for v in groups["福彩公益金用于养老服务的比例"].values}
    assert lottery == {"hechuan-2025-draft", "wuxi-2022", "chongqing-mca-2025-reply", "city-2022-yilaoyixiao"}


@pytest.mark.parametrize(
    ("written", "name"),
    [
        ("护理型床位占比", "护理型床位占比"),
        ("全县护理型养老床位占比", "护理型床位占比"),
        ("养老机构护理型床位占比", "护理型床位占比"),
        ("每千人拥有3岁以下婴幼儿托位数", "每千人口拥有3岁以下婴幼儿托位数"),
        ("家庭养老床位", "家庭养老床位数"),
        ("养老床位", "养老服务床位数"),
        ("婴幼儿健康管理率", "婴幼儿健康管理率"),
        ("入住率", None),
    ],
)
def test_canonical_indicator_names(written: str, name: str | None) -> None:
    assert canonical_indicator(written) == name


def test_flag_when_a_lower_level_target_is_below_its_parent() -> None:
    from policydiff import parse_text

    city = parse_text(
        "重庆市人民政府办公厅\n2022年1月1日\n重庆市养老服务方案\n一、目标\n到2025年，护理型床位占比达到60%。\n",
        doc_id="cq",
    )
    county = parse_text(
        "重庆市某某县人民政府\n2022年2月1日\n某某县养老服务方案\n一、目标\n到2025年，护理型床位占比达到55%。\n",
        doc_id="xx",
    )
    assert describe(county).jurisdiction == "重庆市某某县" and describe(city).level == "municipal"
    (group,) = [g for g in compare(county, [city]).indicators if g.indicator == "护理型床位占比"]
    assert any("below cq" in f for f in group.flags)


CITY_PLAN = """一、养老服务
（一）完善社区养老服务网络，依托街道综合为老服务中心统筹布局助餐、日托、康复等服务设施。
（二）加强人才队伍建设，健全培训体系，落实岗位津贴和职业技能等级认定制度。
二、托育服务
（一）扩大普惠托育服务供给，支持用人单位办托，鼓励幼儿园开设托班招收二至三岁幼儿。
（二）加强人才队伍建设，健全培训体系，落实从业人员持证上岗和继续教育制度。
三、保障措施
（一）加强组织领导，把养老托育工作纳入重要议事日程，建立部门协调机制。
"""

DISTRICT_PLAN = """一、养老服务
（一）完善社区养老服务网络，依托街道综合为老服务中心统筹布局助餐、日托、康复等服务设施。
（二）强化专业人员培养，每年组织轮训，健全岗位津贴和职业技能等级认定制度。
二、托育服务
（一）扩大普惠托育服务供给，支持用人单位办托，鼓励幼儿园开设托班招收二至三岁幼儿。
（二）强化专业人员培养，健全培训体系，落实岗位津贴和职业技能认定，推行从业人员持证上岗。
三、保障措施
（一）加强组织领导，把养老托育工作纳入重要议事日程，建立部门协调机制。
"""


def test_between_derived_plans_a_measure_is_read_with_its_chapter(monkeypatch: pytest.MonkeyPatch) -> None:
    """The district plan copies the city's sentences (a family). Its 托育 staff measure shares words
    with both city staff measures (岗位津贴, 技能认定 with 养老; 从业人员持证上岗 with 托育): read with its
    chapter, the measure of the same chapter wins clearly; without, it is a near tie."""
    city, district = parse_text(CITY_PLAN, doc_id="city"), parse_text(DISTRICT_PLAN, doc_id="district")
    assert derived_pairs([city, district]) == {frozenset(("city", "district"))}

    def margin() -> float:
        report = compare(district, [city])
        (m,) = (m for m in report.matches if m.path == ["二", "（二）"])
        scores = {tuple(c.path): c.score for c in m.counterparts["city"]}
        return scores[("二", "（二）")] - scores.get(("一", "（二）"), 0.0)

    framed = margin()
    monkeypatch.setattr(importlib.import_module("policydiff.compare"), "derived_pairs", lambda docs: set())
    plain = margin()
    assert framed > 0.05 and framed > plain + 0.03
