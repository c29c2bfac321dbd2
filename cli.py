"""policydiff command line: thin Typer wrappers over the library (arguments → one call → a renderer)."""

from __future__ import annotations

import json
import os
import sys
from enum import IntEnum, StrEnum
from pathlib import Path
from typing import Annotated, NoReturn

import typer
from rich.console import Console
from rich.table import Table

import policydiff
from policydiff import corpus
from policydiff.compare import MIN_SCORE
from policydiff.errors import NoStructureError, PolicyDiffError
from policydiff.quantities import quantity_table
from policydiff.read import read_path
from policydiff.render import plain, to_csv, to_json, to_yaml
from policydiff.render.compare import compare_markdown, compare_renderable, indicator_rows
from policydiff.render.diff import diff_markdown, diff_renderable
from policydiff.render.docx import compare_docx, diff_docx
from policydiff.render.html import compare_html, diff_html
from policydiff.render.quantities import quantity_table as render_quantities
from policydiff.render.tree import document_tree
from policydiff.schemas import SCHEMAS, schema_json


class ExitStatus(IntEnum):
    """Exit codes of every command (like diff(1))."""

    OK = 0  # success; for `diff`: no differences
    DIFFERENCES = 1  # `diff` found differences
    ERROR = 2  # usage error, unreadable or unsuitable input


class ParseFormat(StrEnum):
    tree = "tree"
    yaml = "yaml"
    json = "json"


app = typer.Typer(
    name="policydiff",
    help=(
        "Turn Chinese government policy plans (工作方案, 实施方案 …) into structured data.\n\n"
        "Wherever a FILE is asked for, a corpus id works too (see `policydiff corpus`)."
    ),
    no_args_is_help=True,
    add_completion=False,
    context_settings={"help_option_names": ["-h", "--help"]},
    pretty_exceptions_enable=False,
)

_err = Console(stderr=True, highlight=False, soft_wrap=True)


def _version_callback(value: bool) -> None:
    if value:
        sys.stdout.write(f"policydiff {policydiff.__version__}\n")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool,
        typer.Option(
            "--version", "-V", callback=_version_callback, is_eager=True, help="Print the version and exit."
        ),
    ] = False,
) -> None:
    """Turn Chinese government policy plans (工作方案, 实施方案 …) into structured data.

    Wherever a FILE is asked for, a corpus id works too (see `policydiff corpus`).
    """


def _fail(message: str) -> NoReturn:
    _err.print(f"policydiff: error: {message}", markup=False)
    raise typer.Exit(ExitStatus.ERROR)


def _plan(ref: str) -> policydiff.Document:
    """Parse a plan for a command; text without numbered measures is a user error here."""
    doc = policydiff.parse(ref)
    if not doc.measures:
        raise NoStructureError(
            f"{ref}: no numbered measures found (一、 （一） 1. （1） 一是 …); is this a plan? "
            "The library still returns it as preamble text: policydiff.parse()"
        )
    return doc


def _write(text: str, out: Path | None) -> None:
    if out is None:
        sys.stdout.write(text)
        return
    try:
        out.write_text(text, encoding="utf-8")
    except OSError as exc:
        _fail(f"{out}: cannot write ({exc.strerror or exc})")


def _write_bytes(data: bytes, out: Path) -> None:
    try:
        out.write_bytes(data)
    except OSError as exc:
        _fail(f"{out}: cannot write ({exc.strerror or exc})")


def _export(renderable: object) -> str:
    """Plain text of a rich renderable, for -o files."""
    console = Console(record=True, width=160, color_system=None, file=open(os.devnull, "w"))  # noqa: SIM115
    console.print(renderable)
    return console.export_text()


def _console() -> Console:
    # rich turns colour off by itself when not a terminal (and honours NO_COLOR); piped output gets a
    # fixed wide width so that tables are not cut to 80 columns
    tty = sys.stdout.isatty()
    return Console(highlight=False, soft_wrap=False, width=None if tty else 160)


@app.command()
def parse(
    file: Annotated[str, typer.Argument(help="Plan file (.txt, UTF-8 or GB18030) or corpus id.")],
    fmt: Annotated[ParseFormat, typer.Option("--format", "-f", help="tree (terminal), yaml or json.")] = (
        ParseFormat.tree
    ),
    out: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write to this file instead of stdout.")
    ] = None,
) -> None:
    """Parse a plan into its tree of numbered measures.

    Example: policydiff parse hechuan-2025-draft --format yaml -o draft.yaml
    """
    try:
        doc = _plan(file)
    except PolicyDiffError as exc:
        _fail(str(exc))
    if fmt is ParseFormat.tree:
        if out is not None:
            _write(_export(document_tree(doc)), out)
        else:
            _console().print(document_tree(doc))
    elif fmt is ParseFormat.yaml:
        _write(to_yaml(doc), out)
    else:
        _write(to_json(doc), out)


class DiffFormat(StrEnum):
    text = "text"
    yaml = "yaml"
    json = "json"
    markdown = "markdown"
    html = "html"
    docx = "docx"


class Section(StrEnum):
    targets = "targets"
    units = "units"
    measures = "measures"


class Lang(StrEnum):
    en = "en"
    zh = "zh"


@app.command("diff")
def diff_cmd(
    old: Annotated[str, typer.Argument(help="The earlier version (e.g. the 征求意见稿): file or corpus id.")],
    new: Annotated[str, typer.Argument(help="The later version (e.g. the issued plan): file or corpus id.")],
    fmt: Annotated[
        DiffFormat,
        typer.Option(
            "--format", "-f", help="text, yaml, json, markdown, html (新旧对照表) or docx (needs -o)."
        ),
    ] = DiffFormat.text,
    out: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write to this file instead of stdout.")
    ] = None,
    only: Annotated[
        Section | None, typer.Option("--only", help="Show one section: targets, units or measures.")
    ] = None,
    lang: Annotated[Lang, typer.Option("--lang", help="Labels in English (en) or Chinese (zh).")] = Lang.en,
) -> None:
    """Diff a draft against its final version: targets dropped or changed, units, word-level edits.

    Exit status like diff(1): 0 no differences, 1 differences, 2 trouble.

    Example: policydiff diff hechuan-2025-draft hechuan-2025-final --only targets
    """
    if fmt is DiffFormat.docx and out is None:
        _fail("--format docx writes a Word file: give it a name with -o, e.g. -o 对照表.docx")
    try:
        report = policydiff.diff(_plan(old), _plan(new))
    except PolicyDiffError as exc:
        _fail(str(exc))
    section = only.value if only else None
    exclude = {"measures", "targets", "units"} - {section} if section else None
    if fmt is DiffFormat.yaml:
        _write(to_yaml(report, exclude), out)
    elif fmt is DiffFormat.json:
        _write(to_json(report, exclude), out)
    elif fmt is DiffFormat.markdown:
        _write(diff_markdown(report, lang=lang.value, only=section), out)
    elif fmt is DiffFormat.html:
        _write(diff_html(report, lang=lang.value), out)
    elif fmt is DiffFormat.docx:
        assert out is not None
        _write_bytes(diff_docx(report, lang=lang.value), out)
    elif out is not None:
        _write(_export(diff_renderable(report, lang=lang.value, color=False, only=section)), out)
    else:
        console = _console()
        color = console.color_system is not None
        console.print(diff_renderable(report, lang=lang.value, color=color, only=section))
    raise typer.Exit(ExitStatus.DIFFERENCES if report.has_differences else ExitStatus.OK)


class CompareFormat(StrEnum):
    text = "text"
    yaml = "yaml"
    json = "json"
    markdown = "markdown"
    csv = "csv"
    html = "html"
    docx = "docx"


@app.command("compare")
def compare_cmd(
    reference: Annotated[str, typer.Argument(help="The reference plan (file or corpus id).")],
    others: Annotated[list[str], typer.Argument(help="Plans to compare it with.")],
    fmt: Annotated[
        CompareFormat, typer.Option("--format", "-f", help="text, yaml, json, markdown or csv.")
    ] = (CompareFormat.text),
    out: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write to this file instead of stdout.")
    ] = None,
    min_score: Annotated[
        float,
        typer.Option("--min-score", min=0.0, max=1.0, help="Below this score a measure has no counterpart."),
    ] = MIN_SCORE,
    lang: Annotated[Lang, typer.Option("--lang", help="Labels in English (en) or Chinese (zh).")] = Lang.en,
) -> None:
    """Compare plans of different places: matching measures, coverage, shared indicators.

    CSV output is the indicator table (one row per value), UTF-8 with BOM.

    Example: policydiff compare hechuan-2025-final wuxi-2022 chongqing-mca-2025-reply city-2022-yilaoyixiao
    """
    if fmt is CompareFormat.docx and out is None:
        _fail("--format docx writes a Word file: give it a name with -o, e.g. -o 比较.docx")
    try:
        ref = _plan(reference)
        rest = [_plan(o) for o in others]
    except PolicyDiffError as exc:
        _fail(str(exc))
    report = policydiff.compare(ref, rest, min_score=min_score)
    if fmt is CompareFormat.yaml:
        _write(to_yaml(report), out)
    elif fmt is CompareFormat.json:
        _write(to_json(report), out)
    elif fmt is CompareFormat.markdown:
        _write(compare_markdown(report, lang=lang.value), out)
    elif fmt is CompareFormat.csv:
        _write(to_csv(indicator_rows(report)), out)
    elif fmt is CompareFormat.html:
        _write(compare_html(report, lang=lang.value), out)
    elif fmt is CompareFormat.docx:
        assert out is not None
        _write_bytes(compare_docx(report, lang=lang.value), out)
    elif out is not None:
        _write(_export(compare_renderable(report, lang=lang.value)), out)
    else:
        _console().print(compare_renderable(report, lang=lang.value))


class TableFormat(StrEnum):
    table = "table"
    yaml = "yaml"
    json = "json"
    csv = "csv"


@app.command()
def targets(
    files: Annotated[list[str], typer.Argument(help="Plan files or corpus ids.")],
    fmt: Annotated[TableFormat, typer.Option("--format", "-f", help="table, yaml, json or csv.")] = (
        TableFormat.table
    ),
    facts: Annotated[
        bool, typer.Option("--facts", help="Also list facts (baseline and achieved figures).")
    ] = False,
    out: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write to this file instead of stdout.")
    ] = None,
) -> None:
    """List the quantitative targets of one or more plans, one row each.

    Example: policydiff targets hechuan-2025-draft wuxi-2022 --format csv -o targets.csv
    (CSV is UTF-8 with BOM, so Excel and WPS show the Chinese text.)
    """
    try:
        docs = [_plan(f) for f in files]
    except PolicyDiffError as exc:
        _fail(str(exc))
    table = quantity_table(docs, facts=facts)
    if fmt is TableFormat.yaml:
        _write(to_yaml(table), out)
    elif fmt is TableFormat.json:
        _write(to_json(table), out)
    elif fmt is TableFormat.csv:
        _write(to_csv([{"doc": r.doc, "path": r.path, "kind": r.kind, **plain(r)} for r in table.rows]), out)
    elif out is not None:
        _write(_export(render_quantities(table, show_doc=len(docs) > 1)), out)
    else:
        _console().print(render_quantities(table, show_doc=len(docs) > 1))


@app.command("text")
def text_cmd(
    file: Annotated[str, typer.Argument(help="Plan file (.txt, .html, .docx, .pdf) or corpus id.")],
) -> None:
    """Print the text a file is read as (what spans point into); format and encoding go to stderr."""
    try:
        path, _ = corpus.resolve(file)
        source = read_path(path, name=file)
    except PolicyDiffError as exc:
        _fail(str(exc))
    _err.print(f"{file}: {source.format}, encoding {source.encoding or 'n/a'}", markup=False)
    for note in source.notes:
        _err.print(f"note: {note}", markup=False)
    sys.stdout.write(source.text)


@app.command("corpus")
def corpus_list(
    fmt: Annotated[str, typer.Option("--format", "-f", help="table or json.")] = "table",
) -> None:
    """List the documents of the built-in corpus (their ids work wherever a FILE does)."""
    entries = corpus.entries()
    if not entries:
        _fail(
            f"no corpus found at {corpus.corpus_dir()} (set POLICYDIFF_CORPUS to a folder with manifest.yaml)"
        )
    if fmt == "json":
        rows = [
            {"id": e.id, "title": e.title, "level": e.level, "status": e.status, "date": e.date}
            for e in entries
        ]
        sys.stdout.write(json.dumps(rows, ensure_ascii=False, indent=2) + "\n")
        return
    if fmt != "table":
        _fail(f"unknown format {fmt!r}; use table or json")
    table = Table(box=None, pad_edge=False)
    for col in ("id", "title", "level", "status", "date"):
        table.add_column(col, no_wrap=col != "title")
    for e in entries:
        table.add_row(e.id, e.title or "", e.level or "", e.status or "", e.date or "")
    _console().print(table)


@app.command()
def schema(
    name: Annotated[str, typer.Argument(help=f"One of: {', '.join(SCHEMAS)}.")] = "document",
) -> None:
    """Print the JSON Schema of an output (YAML and JSON outputs follow it)."""
    if name not in SCHEMAS:
        _fail(f"unknown schema {name!r}; choose one of: {', '.join(SCHEMAS)}")
    sys.stdout.write(schema_json(name))


def main() -> None:
    """Console entry point: Typer's usage errors exit 2 too; a closed pipe is not an error."""
    try:
        app()
    except BrokenPipeError:
        sys.stderr.close()
        raise SystemExit(ExitStatus.OK) from None


if __name__ == "__main__":
    main()
