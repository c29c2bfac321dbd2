"""related: which plans derive from which, from sentences copied between them."""

from __future__ import annotations

import json
import random
from pathlib import Path

import numpy as np
import pytest
from typer.testing import CliRunner

from cli import app
from policydiff.dataset import export
from policydiff.dataset.build import parse_paths
from policydiff.dataset.minhash import band_links, bigram_signatures, nearest, set_signatures, similarity
from policydiff.dataset.related import related
from policydiff.sentences import fold, sentences

runner = CliRunner()

CITY = """关于推进社区养老服务的实施方案
市人民政府办公厅
2024年3月1日
一、总体目标
到2027年，全市社区养老服务设施覆盖率达到95%，护理型床位占比达到65%以上。
二、重点任务
（一）完善社区养老服务网络。依托街道综合为老服务中心，统筹布局助餐、日托、康复等服务设施，推动服务向家庭延伸。（市民政局牵头，各区政府负责）
（二）发展老年助餐服务。鼓励餐饮企业参与老年助餐，完善助餐补贴政策，形成多元供给格局。（市民政局、市商务委按职责分工负责）
（三）加强养老护理队伍建设。健全养老护理员职业技能等级认定制度，落实入职奖励和岗位津贴政策。（市人力资源社会保障局牵头）
（四）推进智慧养老应用。建设养老服务信息平台，推广紧急呼叫、健康监测等智能设备在居家场景的应用。（市经济信息化委牵头）
三、保障措施
（一）加强组织领导。各区要把社区养老服务纳入重要议事日程，建立工作协调机制，确保各项任务落到实处。
"""

DISTRICT = """关于推进社区养老服务的实施方案
区人民政府办公室
2024年9月10日
一、总体目标
到2027年，全区社区养老服务设施覆盖率达到98%，护理型床位占比达到70%以上。
二、重点任务
（一）完善社区养老服务网络。依托街道综合为老服务中心，统筹布局助餐、日托、康复等服务设施，推动服务向家庭延伸。（区民政局牵头，各街镇负责）
（二）发展老年助餐服务。鼓励餐饮企业参与老年助餐，完善助餐补贴政策，形成多元供给格局。（区民政局、区商务委按职责分工负责）
（三）建设乡村养老互助点。结合村委会活动室改造，每个行政村建成一个互助点，由村集体组织运营。（区民政局、各镇政府负责）
三、保障措施
（一）加强组织领导。各街镇要把社区养老服务纳入重要议事日程，建立工作协调机制，确保各项任务落到实处。
"""

OTHER = """关于加强城市道路养护的工作方案
2023年5月1日
一、工作目标
到2025年，城市道路优良率达到90%。
二、主要任务
（一）开展道路病害排查。组织专业队伍对主次干道进行全面检测，建立病害台账并限期整改。
（二）推进桥梁安全评估。对建成超过二十年的桥梁开展结构安全评估，发现隐患立即加固。
"""


@pytest.fixture
def plans(tmp_path: Path) -> Path:
    for name, text in (("city", CITY), ("district", DISTRICT), ("roads", OTHER)):
        (tmp_path / f"{name}.txt").write_text(text, encoding="utf-8")
    return tmp_path


def test_fold_and_sentences() -> None:
    assert fold("到2027年，占比达到65%。") == fold("到2030年，占比达到70.5%。")
    got = sentences("依托街道综合为老服务中心统筹布局服务设施。（市民政局牵头，各区政府负责）短句。")
    assert got == ["依托街道综合为老服务中心统筹布局服务设施"]  # the unit tag and a short sentence stay out


def test_a_district_copy_finds_its_city_plan(plans: Path) -> None:
    report = related(parse_paths([plans], jobs=1))
    by_doc = {Path(p.doc).stem: p for p in report.plans}
    district = by_doc["district"]
    assert [Path(r.doc).stem for r in district.relatives] == ["city"]
    city = district.relatives[0]
    # 一 (the target sentence, numbers aside), 二（一）, 二（二）, 三（一）: four measures share a sentence
    assert city.shared == 4 and city.flow == "from"
    assert by_doc["city"].relatives[0].flow == "to"
    assert by_doc["roads"].relatives == []


def test_to_lists_the_measures_found_nowhere_else(plans: Path) -> None:
    report = related(parse_paths([plans], jobs=1), to=(plans / "district.txt").as_posix())
    assert len(report.plans) == 1
    assert "二/（三）" in report.plans[0].unmatched_measures
    assert "二/（一）" not in report.plans[0].unmatched_measures


def test_the_corpus_draft_and_final_are_each_others_relatives() -> None:
    report = related(parse_paths(["hechuan-2025-draft", "hechuan-2025-final", "wuxi-2022"], jobs=1))
    by_doc = {p.doc: p for p in report.plans}
    assert by_doc["hechuan-2025-final"].relatives[0].doc == "hechuan-2025-draft"
    assert by_doc["hechuan-2025-final"].relatives[0].flow == "from"  # 2025-04-09 before 2025年7月22日
    assert all(r.doc != "wuxi-2022" for p in report.plans for r in p.relatives if p.doc.startswith("hechuan"))


def test_minhash_estimates_jaccard() -> None:
    rng = random.Random(3)
    chars = [chr(0x4E00 + i) for i in range(500)]
    texts = []
    for _ in range(50):
        base = "".join(rng.choice(chars) for _ in range(80))
        edited = list(base)
        for _ in range(rng.randrange(0, 30)):
            edited[rng.randrange(len(edited))] = rng.choice(chars)
        texts += [base, "".join(edited)]
    sig = bigram_signatures(texts, 256)
    pairs = np.array([[i, i + 1] for i in range(0, len(texts), 2)])
    est = similarity(sig, pairs)

    def bigrams(s: str) -> set[str]:
        return {s[i : i + 2] for i in range(len(s) - 1)}

    exact = [
        len(bigrams(a) & bigrams(b)) / len(bigrams(a) | bigrams(b))
        for a, b in zip(texts[::2], texts[1::2], strict=True)
    ]
    assert np.abs(est - np.array(exact)).max() < 0.15
    assert (
        similarity(bigram_signatures(["同一段文字内容", "同一段文字内容"], 64), np.array([[0, 1]]))[0] == 1.0
    )


def test_band_links_join_near_duplicates_without_all_pairs() -> None:
    """A sentence in 200 wordings links each wording to one head per band, never all 19,900 pairs."""
    rng = random.Random(5)
    chars = [chr(0x4E00 + i) for i in range(500)]
    base = "".join(rng.choice(chars) for _ in range(60))
    variants = []
    for _ in range(200):
        v = list(base)
        v[rng.randrange(len(v))] = rng.choice(chars)
        variants.append("".join(v))
    unrelated = ["".join(rng.choice(chars) for _ in range(60)) for _ in range(50)]
    sig = bigram_signatures(variants + unrelated, 64)
    links = band_links(sig, threshold=0.5)
    assert len(links) < 200 * 20
    joined = {int(x) for pair in links.tolist() for x in pair}
    assert set(range(200)) <= joined and not joined & set(range(200, 250))


def test_nearest_finds_the_closest_sets() -> None:
    sets = [list(range(100)), list(range(5, 105)), list(range(50, 150)), list(range(1000, 1100)), []]
    sig = set_signatures(sets, 128)
    pairs = {tuple(p) for p in nearest(sig, 1).tolist()}
    assert (0, 1) in pairs and not any(4 in p for p in pairs)
    only = {tuple(p) for p in nearest(sig, 1, only=3).tolist()}
    assert all(3 in p for p in only)


def test_cli_on_files_and_on_a_dataset_agree(plans: Path, tmp_path: Path) -> None:
    files = runner.invoke(app, ["related", str(plans), "-f", "json"])
    assert files.exit_code == 0, files.output
    export([plans], tmp_path / "plans.sqlite", jobs=1)
    data = runner.invoke(app, ["related", str(tmp_path / "plans.sqlite"), "-f", "json"])
    assert json.loads(files.stdout) == json.loads(data.stdout)
    csv = runner.invoke(app, ["related", str(plans), "-f", "csv"])
    header, first = csv.stdout.lstrip("\ufeff").splitlines()[:2]
    assert header.startswith("doc,title,date,rank,relative")
    assert first.split(",")[0].endswith("city.txt")


def test_cli_unknown_plan_is_one_error(plans: Path) -> None:
    result = runner.invoke(app, ["related", str(plans), "--to", "nowhere"])
    assert result.exit_code == 2 and "not among the plans given" in result.output
