from __future__ import annotations

import policydiff


def test_target_records_include_the_preamble_and_are_json_ready() -> None:
    doc = policydiff.parse_text(
        "到2025年，全市养老床位达到800张。\n一、任务\n（一）护理型床位占比达到60%。\n"
    )
    rows = policydiff.target_records([doc])
    assert [(r["path"], r["value"], r["unit"]) for r in rows] == [
        ([], 800, "张"),
        (["一", "（一）"], 60, "%"),
    ]
    assert rows[0]["doc"] == "text" and rows[0]["kind"] == "target"


def test_measure_records_are_flat_with_their_parent() -> None:
    doc = policydiff.parse("hechuan-2025-draft")
    rows = policydiff.measure_records(doc)
    assert len(rows) == len(list(doc.walk()))
    assert all("children" not in r for r in rows)
    second = next(r for r in rows if r["path"] == ["二", "（一）"])
    assert second["parent"] == ["二"] and second["span"]["line"] == 46
