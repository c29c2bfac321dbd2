"""export: many plans into one dataset, read back the same from every store, bad files recorded."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

import policydiff
from cli import app
from policydiff import corpus
from policydiff.dataset import TABLES, export, load, load_rows, stores
from policydiff.dataset.tables import document_rows
from policydiff.errors import InputError

from .test_properties import plan_text

runner = CliRunner()
FORMATS = ["sqlite", "duckdb", "parquet", "jsonl", "csv"]


@pytest.fixture
def plans(tmp_path: Path) -> Path:
    """The corpus plans in a folder of their own, one in a subfolder (folders are walked)."""
    folder = tmp_path / "plans"
    (folder / "district").mkdir(parents=True)
    for e in corpus.entries():
        target = folder / ("district" if e.id.startswith("hechuan") else "") / e.path.name
        shutil.copy(e.path, target)
    (folder / "manifest.yaml").write_text("not a plan: not picked up from a folder\n", encoding="utf-8")
    return folder


def test_export_writes_every_table_with_keys_that_join(plans: Path, tmp_path: Path) -> None:
    summary = export([plans], tmp_path / "out.sqlite", jobs=1)
    assert (summary.inputs, summary.parsed, summary.failed) == (5, 5, [])
    rows = load_rows(tmp_path / "out.sqlite")
    docs = {r["doc"] for r in rows["documents"]}
    assert f"{plans.as_posix()}/district/hechuan-2025-draft.txt" in docs
    measures = {(r["doc"], r["measure"]) for r in rows["measures"]}
    for table in ("units", "targets", "facts"):
        assert rows[table], table
        for r in rows[table]:
            assert r["measure"] is None or (r["doc"], r["measure"]) in measures
    for r in rows["measures"]:
        assert r["parent"] is None or (r["doc"], r["parent"]) in measures
    # the rows are the parse's own: one plan checked against parse() measure by measure
    doc = policydiff.parse(plans / "wuxi-2022.txt")
    key = f"{plans.as_posix()}/wuxi-2022.txt"
    assert [r["text"] for r in rows["measures"] if r["doc"] == key] == [m.text for m in doc.walk_all()]


def test_rows_follow_the_models() -> None:
    """Every row built for a corpus plan validates against its table's model, column for column."""
    for e in corpus.entries():
        rows = document_rows(policydiff.parse(e.id), key=e.id, sha256="0" * 64, size=1, version="x")
        for table, model in TABLES.items():
            for r in rows[table]:
                assert list(r) == list(model.model_fields), table
                model.model_validate(r)


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_store_reads_back_what_was_written(fmt: str, plans: Path, tmp_path: Path) -> None:
    stores.require(fmt)
    reference = tmp_path / "ref.jsonl"
    export([plans], reference, jobs=1)
    out = tmp_path / f"out.{fmt}"
    export([plans], out, jobs=2)
    assert load_rows(out) == load_rows(reference)
    frames = load(out)
    assert list(frames["measures"].columns) == list(TABLES["measures"].model_fields)
    assert len(frames["documents"]) == 5


def test_a_bad_file_is_recorded_and_the_run_goes_on(plans: Path, tmp_path: Path) -> None:
    (plans / "broken.txt").write_bytes(b"\x00\x01\x02 binary")
    (plans / "prose.txt").write_text("这是一段没有编号的文字。\n", encoding="utf-8")
    result = runner.invoke(app, ["export", str(plans), "-o", str(tmp_path / "out.jsonl"), "-q"])
    assert result.exit_code == 1, result.output
    rows = load_rows(tmp_path / "out.jsonl")
    status = {Path(r["doc"]).name: (r["status"], r["error"]) for r in rows["documents"]}
    assert status["broken.txt"][0] == "error" and "binary" in status["broken.txt"][1]
    assert status["prose.txt"][0] == "error" and "no numbered measures" in status["prose.txt"][1]
    assert sum(1 for s, _ in status.values() if s == "ok") == 5
    assert not any(Path(r["doc"]).name == "broken.txt" for r in rows["measures"])


def test_nothing_usable_exits_2(tmp_path: Path) -> None:
    bad = tmp_path / "broken.txt"
    bad.write_bytes(b"\x00\x00\x00")
    result = runner.invoke(app, ["export", str(bad), "-o", str(tmp_path / "out.csv"), "-q"])
    assert result.exit_code == 2
    result = runner.invoke(app, ["export", str(tmp_path / "nothing*.txt"), "-o", str(tmp_path / "o.csv")])
    assert result.exit_code == 2 and "matches no file" in result.output
    result = runner.invoke(app, ["export", str(bad), "-o", str(tmp_path / "out")])
    assert result.exit_code == 2 and "cannot tell the dataset format" in result.output


def test_rerun_parses_only_what_changed(plans: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.sqlite"
    export([plans], out, jobs=1)
    again = export([plans], out, jobs=1)
    assert (again.parsed, again.unchanged) == (0, 5)
    wuxi = plans / "wuxi-2022.txt"
    wuxi.write_text(
        wuxi.read_text(encoding="utf-8") + "\n五、新增一条\n（一）新增的措施。\n", encoding="utf-8"
    )
    third = export([plans], out, jobs=1)
    assert (third.parsed, third.unchanged) == (1, 4)
    rows = load_rows(out)
    key = wuxi.as_posix()
    assert sum(1 for r in rows["documents"] if r["doc"] == key) == 1
    assert any(r["text"] == "新增的措施。" for r in rows["measures"] if r["doc"] == key)
    # documents of earlier runs stay when a later run names other files
    other = tmp_path / "other.txt"
    other.write_text("一、总体要求\n（一）做好工作。\n", encoding="utf-8")
    fourth = export([other], out, jobs=1)
    assert (fourth.parsed, fourth.kept, fourth.documents) == (1, 5, 6)


def test_a_failed_write_leaves_the_old_dataset(
    plans: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "out.jsonl"
    export([plans], out, jobs=1)
    before = load_rows(out)

    def boom(folder: Path, rows: object) -> None:
        (folder / "documents.jsonl").write_text("half", encoding="utf-8")
        raise OSError(28, "No space left on device")

    monkeypatch.setitem(stores._WRITERS, "jsonl", boom)
    (plans / "wuxi-2022.txt").write_text("一、改了\n", encoding="utf-8")
    with pytest.raises(OSError):
        export([plans], out, jobs=1)
    assert load_rows(out) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.jsonl", "plans"]


def test_not_a_dataset(tmp_path: Path) -> None:
    (tmp_path / "x.sqlite").write_bytes(b"SQLite format 3\x00" + b"\x00" * 100)
    with pytest.raises(InputError):
        load_rows(tmp_path / "x.sqlite")
    with pytest.raises(InputError, match="no such dataset"):
        load_rows(tmp_path / "none.parquet")


@given(st.text())
def test_csv_cells_round_trip(text: str) -> None:
    """Formula neutralization adds a quote that reading takes away again, whatever the text."""
    cell = stores._cell(text)
    assert stores._uncell(str(cell), "str") == text


def test_dask_cluster_runs_the_same_export(plans: Path, tmp_path: Path) -> None:
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, dashboard_address=None) as cluster:
        summary = export([plans], tmp_path / "dask.jsonl", scheduler=cluster.scheduler_address)
    export([plans], tmp_path / "local.jsonl", jobs=1)
    assert summary.parsed == 5 and not summary.failed
    assert load_rows(tmp_path / "dask.jsonl") == load_rows(tmp_path / "local.jsonl")


def test_unreachable_scheduler_is_one_clear_error(
    plans: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pytest.importorskip("distributed")
    monkeypatch.setattr("policydiff.dataset.build.DASK_CONNECT_TIMEOUT", 1)
    result = runner.invoke(
        app, ["export", str(plans), "-o", str(tmp_path / "o.jsonl"), "--scheduler", "tcp://127.0.0.1:9"]
    )
    assert result.exit_code == 2 and "Dask scheduler" in result.output
    assert not (tmp_path / "o.jsonl").exists()


def test_documents_come_back_from_their_rows() -> None:
    """What compare --against reads: a plan rebuilt from its rows has the parse's measures, units,
    targets, facts, attachments and indicator rows."""
    from policydiff.dataset.documents import by_document, document_from_rows

    for e in corpus.entries():
        doc = policydiff.parse(e.id)
        rows = document_rows(doc, key=e.id, sha256="", size=0, version="x")
        back = document_from_rows(by_document(rows)[e.id])
        assert [m.model_dump() for m in back.walk_all()] == [m.model_dump() for m in doc.walk_all()]
        assert back.indicators == doc.indicators
        assert (back.preamble.targets, back.preamble.facts) == (doc.preamble.targets, doc.preamble.facts)
        assert [(a.label, a.title) for a in back.attachments] == [(a.label, a.title) for a in doc.attachments]
        assert back.document.title == doc.document.title


def test_compare_against_a_dataset_takes_the_closest_plans(plans: Path, tmp_path: Path) -> None:
    export([plans], tmp_path / "plans.sqlite", jobs=1)
    result = runner.invoke(
        app, ["compare", "hechuan-2025-final", "--against", str(tmp_path / "plans.sqlite"), "-f", "json"]
    )
    assert result.exit_code == 0, result.output
    ids = [d["id"] for d in json.loads(result.stdout)["documents"]]
    assert ids[0] == "hechuan-2025-final" and "hechuan-2025-draft" in ids
    assert ids.count("hechuan-2025-final") == 1  # the dataset's copy of the reference is not its counterpart
    result = runner.invoke(app, ["compare", "hechuan-2025-final"])
    assert result.exit_code == 2 and "--against" in result.output


def test_an_output_folder_that_does_not_exist_is_one_error(plans: Path, tmp_path: Path) -> None:
    for name in ("x.sqlite", "x.jsonl"):
        out = tmp_path / "missing" / name
        result = runner.invoke(app, ["export", str(plans), "-o", str(out), "-q"])
        assert result.exit_code == 2 and "does not exist" in result.output
        assert not (tmp_path / "missing").exists()


@settings(max_examples=100)
@given(plan_text)
def test_rows_of_arbitrary_text_validate_and_rebuild_the_document(text: str) -> None:
    """Whatever the parser makes of a text, its rows follow the table models and rebuild the same
    measures, units, targets and facts (what compare --against reads)."""
    from policydiff.dataset.documents import by_document, document_from_rows

    doc = policydiff.parse_text(text, doc_id="t")
    rows = document_rows(doc, key="t", sha256="", size=0, version="x")
    for table, model in TABLES.items():
        for r in rows[table]:
            model.model_validate(r)
    back = document_from_rows(by_document(rows)["t"])
    assert [m.model_dump() for m in back.walk_all()] == [m.model_dump() for m in doc.walk_all()]
