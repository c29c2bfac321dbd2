from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import yaml
from typer.testing import CliRunner

from cli import ExitStatus, app
from policydiff.models import Document

runner = CliRunner()


def test_parse_tree_shows_labels_and_headings() -> None:
    result = runner.invoke(app, ["parse", "hechuan-2025-draft"])
    assert result.exit_code == ExitStatus.OK
    assert "（一） 推动公办养老机构提质增效" in result.stdout
    assert "四 保障措施" in result.stdout
    assert "\x1b[" not in result.stdout  # no colour codes when not a terminal


def test_parse_yaml_and_json_carry_the_same_model(tmp_path: Path) -> None:
    out = tmp_path / "wuxi.yaml"
    assert runner.invoke(app, ["parse", "wuxi-2022", "-f", "yaml", "-o", str(out)]).exit_code == 0
    from_yaml = Document.model_validate(yaml.safe_load(out.read_text(encoding="utf-8")))
    result = runner.invoke(app, ["parse", "wuxi-2022", "--format", "json"])
    from_json = Document.model_validate(json.loads(result.stdout))
    assert from_yaml == from_json
    assert from_json.find("三", "（八）", "11").heading == "推动培训疗养资源转型发展养老服务"


def test_parse_a_file_path(tmp_path: Path) -> None:
    f = tmp_path / "plan.txt"
    f.write_bytes("一、总体要求\n（一）推进数字化建设。略。\n".encode("gb18030"))
    result = runner.invoke(app, ["parse", str(f), "-f", "json"])
    assert result.exit_code == 0
    doc = json.loads(result.stdout)
    assert doc["document"]["encoding"] == "gb18030"
    assert doc["measures"][0]["children"][0]["heading"] == "推进数字化建设"


def test_bad_inputs_give_one_line_and_exit_2(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    binary = tmp_path / "x.bin"
    binary.write_bytes(b"\x00\x01PK" * 100)
    prose = tmp_path / "prose.txt"
    prose.write_text("这是一段没有编号的文字。", encoding="utf-8")
    for arg, words in [
        (str(tmp_path / "missing.txt"), "no such file"),
        (str(tmp_path), "directory"),
        (str(empty), "empty"),
        (str(binary), "binary"),
        (str(prose), "no numbered measures"),
    ]:
        result = runner.invoke(app, ["parse", arg])
        assert result.exit_code == ExitStatus.ERROR, arg
        assert words in result.stderr
        assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr


def test_corpus_lists_the_documents() -> None:
    result = runner.invoke(app, ["corpus"])
    assert result.exit_code == 0
    for doc_id in ("hechuan-2025-draft", "wuxi-2022", "city-2022-yilaoyixiao"):
        assert doc_id in result.stdout
    rows = json.loads(runner.invoke(app, ["corpus", "-f", "json"]).stdout)
    assert {r["status"] for r in rows} == {"draft", "final", "reply"}


def test_schema_command_prints_the_document_schema() -> None:
    result = runner.invoke(app, ["schema", "document"])
    assert json.loads(result.stdout)["$id"] == "policydiff/document/v1"
    assert runner.invoke(app, ["schema", "nope"]).exit_code == ExitStatus.ERROR


def test_real_subprocess_pipes_cleanly() -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "cli", "parse", "chongqing-mca-2025-reply", "-f", "yaml"],
        capture_output=True,
        cwd=Path(__file__).parent.parent,
        timeout=60,
    )
    assert proc.returncode == 0, proc.stderr
    doc = yaml.safe_load(proc.stdout.decode("utf-8"))
    assert [m["label"] for m in doc["measures"]] == ["一", "二"]
    assert proc.stderr == b""


def test_targets_table_csv_and_facts(tmp_path: Path) -> None:
    result = runner.invoke(app, ["targets", "hechuan-2025-draft"])
    assert result.exit_code == 0
    assert "护理型床位占比" in result.stdout and "≥65%" in result.stdout
    out = tmp_path / "t.csv"
    assert (
        runner.invoke(
            app, ["targets", "hechuan-2025-final", "wuxi-2022", "-f", "csv", "-o", str(out)]
        ).exit_code
        == 0
    )
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # BOM: Excel and WPS then read UTF-8
    lines = raw.decode("utf-8-sig").splitlines()
    assert lines[0].startswith("doc,path,kind,year,indicator")
    assert len(lines) == 1 + 1 + 10
    data = json.loads(
        runner.invoke(app, ["targets", "chongqing-mca-2025-reply", "--facts", "-f", "json"]).stdout
    )
    assert data["schema"] == "policydiff/targets/v1"
    assert {r["kind"] for r in data["rows"]} == {"achieved", "target"}


def test_parse_tree_shows_units_and_targets() -> None:
    result = runner.invoke(app, ["parse", "hechuan-2025-draft"])
    assert "◎ 2027 全区二星级以上敬老院比例 ≥70%" in result.stdout
    assert "责任单位 区民政局、各镇街" in result.stdout


def test_diff_exit_status_and_report_order() -> None:
    result = runner.invoke(app, ["diff", "hechuan-2025-draft", "hechuan-2025-final"])
    assert result.exit_code == ExitStatus.DIFFERENCES
    out = result.stdout
    assert (
        out.index("Dropped targets (19)")
        < out.index("Responsible units dropped")
        < out.index("Changed measures")
    )
    assert "[-到2027年，全区二星级以上敬老院比例达到70%" in out  # readable without colour
    same = runner.invoke(app, ["diff", "wuxi-2022", "wuxi-2022"])
    assert same.exit_code == ExitStatus.OK


def test_diff_formats_and_only(tmp_path: Path) -> None:
    data = yaml.safe_load(
        runner.invoke(app, ["diff", "hechuan-2025-draft", "hechuan-2025-final", "-f", "yaml"]).stdout
    )
    assert data["schema"] == "policydiff/diff/v1"
    assert data["summary"]["targets"]["dropped"] == 19
    only = json.loads(
        runner.invoke(
            app, ["diff", "hechuan-2025-draft", "hechuan-2025-final", "-f", "json", "--only", "targets"]
        ).stdout
    )
    assert "measures" not in only and len(only["targets"]["dropped"]) == 19
    md = tmp_path / "d.md"
    runner.invoke(app, ["diff", "hechuan-2025-draft", "hechuan-2025-final", "-f", "markdown", "-o", str(md)])
    text = md.read_text(encoding="utf-8")
    assert "| 二/（一） | 全区二星级以上敬老院比例 | 2027: ≥70% |" in text
    assert "~~到2027年，全区二星级以上敬老院比例达到70%" in text
    zh = runner.invoke(
        app, ["diff", "hechuan-2025-draft", "hechuan-2025-final", "--lang", "zh", "--only", "targets"]
    )
    assert "删除的目标 (19)" in zh.stdout


def test_diff_bad_input_is_exit_2() -> None:
    result = runner.invoke(app, ["diff", "hechuan-2025-draft", "nope.txt"])
    assert result.exit_code == ExitStatus.ERROR and "nope.txt" in result.stderr


def test_compare_text_yaml_csv(tmp_path: Path) -> None:
    args = ["compare", "hechuan-2025-final", "wuxi-2022", "chongqing-mca-2025-reply", "city-2022-yilaoyixiao"]
    result = runner.invoke(app, args)
    assert result.exit_code == 0
    assert "Coverage" in result.stdout and "护理型床位占比" in result.stdout
    data = yaml.safe_load(runner.invoke(app, [*args, "-f", "yaml"]).stdout)
    assert data["schema"] == "policydiff/compare/v1"
    assert [d["id"] for d in data["documents"]] == ["hechuan-2025-final", *args[2:]]
    out = tmp_path / "i.csv"
    assert runner.invoke(app, [*args, "-f", "csv", "-o", str(out)]).exit_code == 0
    assert out.read_bytes().startswith(b"\xef\xbb\xbfgroup,flags,doc,level")
    md = runner.invoke(app, [*args, "-f", "markdown", "--lang", "zh"]).stdout
    assert "## 共同指标" in md
    assert runner.invoke(app, ["compare", "wuxi-2022"]).exit_code == ExitStatus.ERROR  # needs another plan


def test_text_command_prints_what_spans_point_into(tmp_path: Path) -> None:
    from .builders import to_docx

    f = tmp_path / "plan.bin"  # the name says nothing: the format comes from the content
    f.write_bytes(to_docx("一、总体要求\n（一）推进数字化建设。略。\n"))
    result = runner.invoke(app, ["text", str(f)])
    assert result.exit_code == 0
    assert result.stdout == "一、总体要求\n（一）推进数字化建设。略。\n"
    assert "docx" in result.stderr
    doc = json.loads(runner.invoke(app, ["parse", str(f), "-f", "json"]).stdout)
    m = doc["measures"][0]["children"][0]
    assert result.stdout[m["span"]["start"] : m["span"]["end"]] == "（一）推进数字化建设。略。"


def test_every_command_refuses_text_without_measures(tmp_path: Path) -> None:
    prose = tmp_path / "prose.txt"
    prose.write_text("这是一段没有编号的文字。", encoding="utf-8")
    for args in (
        ["diff", str(prose), "wuxi-2022"],
        ["compare", "wuxi-2022", str(prose)],
        ["targets", str(prose)],
    ):
        result = runner.invoke(app, args)
        assert result.exit_code == ExitStatus.ERROR and "no numbered measures" in result.stderr


def test_edits_are_marked_when_colours_are_off() -> None:
    # NO_COLOR on a terminal (forced here) and --color never both show git's word-diff markers
    for extra, env in ((["--color", "always"], {"NO_COLOR": "1"}), (["--color", "never"], {})):
        result = runner.invoke(app, ["diff", "hechuan-2025-draft", "hechuan-2025-final", *extra], env=env)
        assert result.exit_code == ExitStatus.DIFFERENCES
        assert "[-" in result.stdout and "-]" in result.stdout and "{+" in result.stdout
        assert "\x1b[9m" not in result.stdout  # no strike-through as the only sign of a deletion


def test_targets_csv_has_its_header_when_there_are_no_targets(tmp_path: Path) -> None:
    f = tmp_path / "plan.txt"
    f.write_text("一、总体要求\n（一）推进数字化建设。略。\n", encoding="utf-8")
    result = runner.invoke(app, ["targets", str(f), "-f", "csv"])
    assert result.exit_code == 0
    assert result.stdout.startswith("\ufeffdoc,path,kind,year,indicator")


def test_csv_cells_that_a_spreadsheet_would_run_are_neutralized(tmp_path: Path) -> None:
    f = tmp_path / "=HYPERLINK.txt"
    f.write_text("一、目标\n（一）=SUM(A1)养老床位达到800张。\n", encoding="utf-8")
    result = runner.invoke(app, ["targets", str(f), "-f", "csv"])
    rows = list(__import__("csv").DictReader(result.stdout.lstrip("\ufeff").splitlines()))
    assert rows[0]["doc"] == "'=HYPERLINK"
    assert rows[0]["indicator"].startswith("'=") and rows[0]["value"] == "800.0"


def test_output_format_follows_the_file_name_and_disagreement_is_an_error(tmp_path: Path) -> None:
    out = tmp_path / "report.docx"
    args = ["diff", "hechuan-2025-draft", "hechuan-2025-final"]
    assert runner.invoke(app, [*args, "-o", str(out)]).exit_code == ExitStatus.DIFFERENCES
    assert out.read_bytes()[:2] == b"PK"  # a Word file, not text
    clash = runner.invoke(app, [*args, "-f", "yaml", "-o", str(tmp_path / "r.json")])
    assert clash.exit_code == ExitStatus.ERROR and "make them agree" in clash.stderr


def test_only_is_honoured_by_the_html_report() -> None:
    args = ["diff", "hechuan-2025-draft", "hechuan-2025-final", "-f", "html"]
    full = runner.invoke(app, args).stdout
    targets_only = runner.invoke(app, [*args, "--only", "targets"]).stdout
    assert "提升照护服务质量" in full and "提升照护服务质量" not in targets_only  # a measure's words
    assert "护理型床位占比" in targets_only


def test_json_lines_for_measures_and_targets() -> None:
    lines = runner.invoke(app, ["parse", "wuxi-2022", "-f", "jsonl"]).stdout.splitlines()
    rows = [json.loads(x) for x in lines]
    assert len(rows) == 43 and "children" not in rows[0]
    assert rows[1]["parent"] == rows[1]["path"][:-1]
    tlines = runner.invoke(app, ["targets", "wuxi-2022", "-f", "jsonl"]).stdout.splitlines()
    assert len(tlines) == 10 and json.loads(tlines[0])["doc"] == "wuxi-2022"


def test_a_plan_from_standard_input() -> None:
    result = runner.invoke(app, ["parse", "-", "-f", "json"], input="一、任务\n（一）建设中心。\n".encode())
    assert result.exit_code == 0
    assert json.loads(result.stdout)["measures"][0]["children"][0]["heading"] == "建设中心"


def test_output_never_overwrites_an_input(tmp_path: Path) -> None:
    f = tmp_path / "plan.txt"
    f.write_text("一、任务\n（一）建设中心。\n", encoding="utf-8")
    result = runner.invoke(app, ["parse", str(f), "-f", "yaml", "-o", str(f)])
    assert result.exit_code == ExitStatus.ERROR and "is an input" in result.stderr
    assert f.read_text(encoding="utf-8") == "一、任务\n（一）建设中心。\n"


def test_version_and_short_help() -> None:
    import policydiff

    assert runner.invoke(app, ["--version"]).stdout.strip() == f"policydiff {policydiff.__version__}"
    assert "Usage:" in runner.invoke(app, ["diff", "-h"]).stdout


def test_lang_zh_uses_chinese_order_punctuation_and_labels() -> None:
    result = runner.invoke(app, ["diff", "hechuan-2025-draft", "hechuan-2025-final", "--lang", "zh"])
    assert "措施：修改 23，" in result.stdout and "（未变 3）" in result.stdout
    page = runner.invoke(
        app, ["diff", "hechuan-2025-draft", "hechuan-2025-final", "--lang", "zh", "-f", "html"]
    ).stdout
    assert "<th>发文机关</th>" in page and "<td>征求意见稿</td>" in page and "<th>issuer</th>" not in page
