"""Hostile and broken input: one clear line and exit 2, or a correct result — never a crash or a hang."""

from __future__ import annotations

import time
from pathlib import Path

from typer.testing import CliRunner

import policydiff
from cli import ExitStatus, app

runner = CliRunner()


def _plan(tmp_path: Path, name: str, text: str) -> str:
    f = tmp_path / name
    f.write_text(text, encoding="utf-8")
    return str(f)


def test_rich_markup_in_a_plan_is_text(tmp_path: Path) -> None:
    a = _plan(
        tmp_path,
        "a.txt",
        "一、任务\n（一）[/b]养老床位达到800张[bold red]x[/bold red][link=http://x]y[/link]。\n",
    )
    b = _plan(tmp_path, "b.txt", "一、任务\n（一）[/b]养老床位达到900张[x]。\n")
    result = runner.invoke(app, ["targets", a])
    assert result.exit_code == 0 and "[/b]养老床位" in result.stdout
    result = runner.invoke(app, ["diff", a, b, "--color", "always"])
    assert result.exit_code == ExitStatus.DIFFERENCES
    assert "[x]" in result.stdout and "[link=" in result.stdout


def test_escape_sequences_never_reach_the_terminal(tmp_path: Path) -> None:
    a = _plan(tmp_path, "a.txt", "一、任务\n（一）养老床位达到800张\x1b[2J。\n")
    b = _plan(tmp_path, "b.txt", "一、任务\n（一）养老床位达到900张\x1b[8m隐藏。\n")
    for args in (["diff", a, b, "--color", "always"], ["parse", a], ["targets", a, b]):
        out = runner.invoke(app, args).stdout
        assert "\x1b[2J" not in out and "\x1b[8m" not in out


def test_html_with_thousands_of_unclosed_paragraphs_or_deep_nesting() -> None:
    body = "一、总体要求\n（一）推进养老服务体系建设，完善居家社区机构相协调、医养康养相结合的养老服务网络，全面提升养老服务能力和水平。"
    pages = [
        "<html><body>" + "<p>" * 5000 + body + "</body></html>",
        "<html><body>" + "<li>" * 3000 + body + "</body></html>",
        "<html><body>" + "<div>" * 20000 + body + "</div>" * 20000 + "</body></html>",
    ]
    for page in pages:
        t0 = time.perf_counter()
        doc = policydiff.parse_bytes(page.encode("utf-8"), doc_id="page")
        assert [m.label for m in doc.walk()] == ["一", "（一）"]
        assert time.perf_counter() - t0 < 30  # bounded, not a timing benchmark: a hang would be minutes


def test_a_number_that_overflows_a_float_gives_valid_json(tmp_path: Path) -> None:
    f = _plan(tmp_path, "a.txt", "一、任务\n（一）养老床位达到" + "9" * 400 + "张。\n")
    result = runner.invoke(app, ["parse", f, "-f", "json"])
    assert result.exit_code == 0 and "Infinity" not in result.stdout


def test_special_files_are_refused_without_reading_them(tmp_path: Path) -> None:
    import os

    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    for path in ("/dev/zero", str(fifo)):
        result = runner.invoke(app, ["parse", path])
        assert result.exit_code == ExitStatus.ERROR
        assert "not a regular file" in result.stderr and len(result.stderr.splitlines()) == 1


def test_standard_input_is_bounded_by_the_size_limit() -> None:
    from policydiff.read import MAX_BYTES

    result = runner.invoke(app, ["parse", "-"], input=b"a" * (MAX_BYTES + 10))
    assert result.exit_code == ExitStatus.ERROR and "MB limit" in result.stderr


def test_the_word_cache_is_never_a_folder_others_can_write(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import os

    from policydiff import tokens

    shared = tmp_path / "cache" / "policydiff"
    shared.mkdir(parents=True)
    os.chmod(shared, 0o777)  # planted by someone else, world-writable
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.setattr(tokens.tempfile, "gettempdir", lambda: str(tmp_path / "tmp"))
    (tmp_path / "tmp").mkdir()
    chosen = tokens._cache_dir()
    assert chosen != shared
    assert not chosen.stat().st_mode & 0o022


def test_a_docx_that_unpacks_to_far_more_than_a_plan_is_refused_quickly() -> None:
    import io
    import zipfile

    import docx
    import pytest

    d = docx.Document()
    d.add_paragraph("一、任务")
    buf = io.BytesIO()
    d.save(buf)
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(buf.getvalue())) as zin,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z,
    ):
        for info in zin.infolist():
            data = zin.read(info.filename)
            if info.filename == "word/document.xml":
                data = data.replace(b"<w:body>", b"<w:body>" + b"<w:p/>" * 20_000_000)
            z.writestr(info, data)
    assert len(out.getvalue()) < 1_000_000  # small on disk
    with pytest.raises(policydiff.InputError, match="unpacks to"):
        policydiff.parse_bytes(out.getvalue(), doc_id="bomb")


def test_markdown_report_keeps_document_text_inert() -> None:
    from policydiff.render.diff import diff_markdown

    old = policydiff.parse_text(
        "一、任务\n（一）建设<script>alert(1)</script>中心，~~未删~~保留**假**。\n", doc_id="a<b>"
    )
    new = policydiff.parse_text(
        "一、任务\n（一）建设<script>alert(1)</script>中心，~~未删~~保留**假**，新增。\n", doc_id="c"
    )
    md = diff_markdown(policydiff.diff(old, new))
    assert "<script>" not in md and "&lt;script&gt;" in md
    assert "~~未删~~" not in md and "\\~\\~未删\\~\\~" in md  # unchanged text cannot pass for a deletion
    assert "**假**" not in md
    assert "# a&lt;b&gt; → c" in md
    assert "**，新增**" in md  # our own marks stay
