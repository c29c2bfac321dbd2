"""policydiff command line: thin Typer wrappers over the library (arguments → one call → a renderer)."""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from enum import IntEnum, StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn

import typer

import policydiff
from policydiff.errors import NoStructureError, PolicyDiffError
from policydiff.limits import MAX_BYTES, MIN_SCORE, SCHEMA_NAMES

if TYPE_CHECKING:
    from rich.console import Console

    from policydiff.models import DiffReport

# Renderers, models and the parser are imported inside each command: `policydiff --help` and
# `--version` then load typer alone (start-up is most of what a user waits for on a small plan).


class ExitStatus(IntEnum):
    """Exit codes of every command (like diff(1))."""

    OK = 0  # success; for `diff`: no differences
    DIFFERENCES = 1  # `diff` found differences
    ERROR = 2  # usage error, unreadable or unsuitable input


class ParseFormat(StrEnum):
    tree = "tree"
    yaml = "yaml"
    json = "json"
    jsonl = "jsonl"


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
    # plain help, like git's: the rich panels of typer show every flag as "--facts <bool>"
    rich_markup_mode=None,
)


def _note(message: str) -> None:
    """One line on stderr (messages never mix with the data on stdout)."""
    sys.stderr.write(message + "\n")


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
    _note(f"policydiff: error: {message}")
    raise typer.Exit(ExitStatus.ERROR)


_inputs: list[Path] = []  # files read by this command: -o never overwrites one of them


def _plan(ref: str) -> policydiff.Document:
    """Parse a plan for a command (a path, a corpus id, or - for standard input); text without
    numbered measures is a user error here."""
    from policydiff import corpus

    if ref == "-":
        data = sys.stdin.buffer.read(MAX_BYTES + 1)
        doc = policydiff.parse_bytes(data, doc_id="stdin")
    else:
        path, _ = corpus.resolve(ref)
        _inputs.append(path)
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
    _write_bytes(text.encode("utf-8"), out)


def _write_bytes(data: bytes, out: Path) -> None:
    """Write -o atomically (a temporary file beside it, then a rename): a full disk or a kill never
    leaves a half-written report, and an input file is never overwritten."""
    if any(out.exists() and out.resolve() == p.resolve() for p in _inputs):
        _fail(f"{out}: is an input of this command; choose another output file")
    tmp = out.with_name(f".{out.name}.policydiff-tmp")
    try:
        tmp.write_bytes(data)
        os.replace(tmp, out)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        _fail(f"{out}: cannot write ({exc.strerror or exc})")


# -o report.docx without --format means --format docx; a format that contradicts the name is an error
_SUFFIX_FORMAT = {
    ".yaml": "yaml", ".yml": "yaml", ".json": "json", ".jsonl": "jsonl", ".md": "markdown",
    ".markdown": "markdown", ".html": "html", ".htm": "html", ".docx": "docx", ".csv": "csv",
    ".txt": "text",
}  # fmt: skip


def _format(given: str | None, out: Path | None, allowed: list[str], default: str) -> str:
    """The output format: as given, else from the -o file's extension, else the default."""
    implied = _SUFFIX_FORMAT.get(out.suffix.lower()) if out is not None else None
    if implied == "text":  # .txt suits any text format; alone it means the terminal view
        implied = None if given is not None else default
    if given is not None:
        if implied is not None and implied in allowed and implied != given:
            _fail(f"--format {given} but -o {out} looks like {implied}; make them agree")
        return given
    if implied is not None and implied in allowed:
        return implied
    return default


def _export(renderable: object) -> str:
    """Plain text of a rich renderable, for -o files."""
    from rich.console import Console

    console = Console(record=True, width=160, color_system=None, file=open(os.devnull, "w"))  # noqa: SIM115
    console.print(renderable)
    return console.export_text()


def _console(force: bool = False) -> Console:
    from rich.console import Console

    # rich turns colour off by itself when not a terminal (and honours NO_COLOR); piped output gets a
    # fixed wide width so that tables are not cut to 80 columns
    tty = sys.stdout.isatty()
    return Console(highlight=False, soft_wrap=False, width=None if tty else 160, force_terminal=force or None)


_OUT = typer.Option(
    "--output", "-o", help="Write to this file instead of stdout (the format follows its extension)."
)


@app.command()
def parse(
    file: Annotated[
        str,
        typer.Argument(metavar="FILE", help="Plan file (.txt .html .docx .pdf), corpus id, or - for stdin."),
    ],
    fmt: Annotated[
        ParseFormat | None,
        typer.Option(
            "--format",
            "-f",
            help="tree (terminal), yaml, json, or jsonl (one measure a line). Default: tree.",
        ),
    ] = None,
    out: Annotated[Path | None, _OUT] = None,
) -> None:
    """Parse a plan into its tree of numbered measures.

    Example: policydiff parse hechuan-2025-draft --format yaml -o draft.yaml
    """
    from policydiff.records import measure_records
    from policydiff.render import to_json, to_jsonl, to_yaml
    from policydiff.render.tree import document_tree

    chosen = _format(fmt.value if fmt else None, out, [f.value for f in ParseFormat], "tree")
    try:
        doc = _plan(file)
    except PolicyDiffError as exc:
        _fail(str(exc))
    if chosen == "tree":
        if out is not None:
            _write(_export(document_tree(doc)), out)
        else:
            _console().print(document_tree(doc))
    elif chosen == "yaml":
        _write(to_yaml(doc), out)
    elif chosen == "jsonl":
        _write(to_jsonl(measure_records(doc)), out)
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


class Color(StrEnum):
    auto = "auto"
    always = "always"
    never = "never"


@app.command("diff")
def diff_cmd(
    old: Annotated[
        str,
        typer.Argument(
            metavar="OLD", help="The earlier version (e.g. the 征求意见稿): file, corpus id or -."
        ),
    ],
    new: Annotated[
        str,
        typer.Argument(metavar="NEW", help="The later version (e.g. the issued plan): file or corpus id."),
    ],
    fmt: Annotated[
        DiffFormat | None,
        typer.Option(
            "--format",
            "-f",
            help="text, yaml, json, markdown, html (新旧对照表) or docx (needs -o). Default: text, or what -o's "
            "extension says.",
        ),
    ] = None,
    out: Annotated[Path | None, _OUT] = None,
    only: Annotated[
        Section | None, typer.Option("--only", help="Show one section: targets, units or measures.")
    ] = None,
    lang: Annotated[Lang, typer.Option("--lang", help="Labels in English (en) or Chinese (zh).")] = Lang.en,
    color: Annotated[
        Color,
        typer.Option(
            "--color",
            help="auto: colours on a terminal unless NO_COLOR is set; never: deletions as [-…-] and "
            "insertions as {+…+} (as git --word-diff); always: colours even when piped.",
        ),
    ] = Color.auto,
) -> None:
    """Diff a draft against its final version: targets dropped or changed, units, word-level edits.

    Exit status like diff(1): 0 no differences, 1 differences, 2 trouble.

    Example: policydiff diff hechuan-2025-draft hechuan-2025-final --only targets
    """
    from policydiff.render import to_json, to_yaml
    from policydiff.render.diff import diff_markdown, diff_renderable

    chosen = _format(fmt.value if fmt else None, out, [f.value for f in DiffFormat], "text")
    if chosen == "docx" and out is None:
        _fail("--format docx writes a Word file: give it a name with -o, e.g. -o 对照表.docx")
    try:
        report = policydiff.diff(_plan(old), _plan(new))
    except PolicyDiffError as exc:
        _fail(str(exc))
    section = only.value if only else None
    # substitutions are part of the measures section
    exclude = (
        (
            {"measures", "substitutions", "targets", "units"}
            - {section}
            - ({"substitutions"} if section == "measures" else set())
        )
        if section
        else None
    )
    shown = _only(report, section)
    if chosen == "yaml":
        _write(to_yaml(report, exclude), out)
    elif chosen == "json":
        _write(to_json(report, exclude), out)
    elif chosen == "markdown":
        _write(diff_markdown(report, lang=lang.value, only=section), out)
    elif chosen == "html":
        from policydiff.render.html import diff_html

        _write(diff_html(shown, lang=lang.value), out)
    elif chosen == "docx":
        from policydiff.render.docx import diff_docx

        assert out is not None
        _write_bytes(diff_docx(shown, lang=lang.value), out)
    elif out is not None:
        _write(_export(diff_renderable(report, lang=lang.value, color=False, only=section)), out)
    else:
        console = _console(force=color is Color.always)
        # colours only when the terminal shows them; otherwise the [-…-] {+…+} markers carry the edits
        colored = color is not Color.never and console.color_system is not None and not console.no_color
        console.print(diff_renderable(report, lang=lang.value, color=colored, only=section))
    raise typer.Exit(ExitStatus.DIFFERENCES if report.has_differences else ExitStatus.OK)


def _quantity_columns() -> list[str]:
    """Targets CSV: where the row is from first, then the quantity."""
    from policydiff.models import QuantityRow

    return ["doc", "path", "kind", *(f for f in QuantityRow.model_fields if f not in ("doc", "path", "kind"))]


def _only(report: DiffReport, section: str | None) -> DiffReport:
    """The report with every section but one emptied (--only for the HTML and Word reports)."""
    from policydiff.models import TargetDiff, UnitDiff

    if section is None:
        return report
    empty: dict[str, object] = {"measures": [], "targets": TargetDiff(), "units": UnitDiff()}
    update = {k: v for k, v in empty.items() if k != section}
    if section != "measures":
        update["substitutions"] = []
    return report.model_copy(update=update)


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
    reference: Annotated[
        str, typer.Argument(metavar="REFERENCE", help="The reference plan (file or corpus id).")
    ],
    others: Annotated[
        list[str] | None, typer.Argument(metavar="[OTHER...]", help="Plans to compare it with.")
    ] = None,
    against: Annotated[
        Path | None,
        typer.Option(
            "--against",
            help="A dataset written by `policydiff export`: compare with its plans closest to REFERENCE "
            "(found as `policydiff related` finds relatives), however many it holds.",
        ),
    ] = None,
    top: Annotated[
        int, typer.Option("--top", "-n", min=1, help="With --against: how many of the closest plans.")
    ] = 10,
    fmt: Annotated[
        CompareFormat | None,
        typer.Option(
            "--format",
            "-f",
            help="text, yaml, json, markdown, csv, html or docx. Default: text, or -o's extension.",
        ),
    ] = None,
    out: Annotated[Path | None, _OUT] = None,
    min_score: Annotated[
        float,
        typer.Option("--min-score", min=0.0, max=1.0, help="Below this score a measure has no counterpart."),
    ] = MIN_SCORE,
    lang: Annotated[Lang, typer.Option("--lang", help="Labels in English (en) or Chinese (zh).")] = Lang.en,
) -> None:
    """Compare plans of different places: matching measures, coverage, shared indicators.

    CSV output is the indicator table (one row per value), UTF-8 with BOM.

    Example: policydiff compare hechuan-2025-final wuxi-2022 chongqing-mca-2025-reply city-2022-yilaoyixiao

    Against a whole corpus: policydiff export plans/ -o plans.sqlite, then
    policydiff compare my-plan.txt --against plans.sqlite --top 10
    """
    from policydiff.render import to_csv, to_json, to_yaml
    from policydiff.render.compare import (
        INDICATOR_COLUMNS,
        compare_markdown,
        compare_renderable,
        indicator_rows,
    )
    from policydiff.render.docx import compare_docx
    from policydiff.render.html import compare_html

    chosen = _format(fmt.value if fmt else None, out, [f.value for f in CompareFormat], "text")
    if chosen == "docx" and out is None:
        _fail("--format docx writes a Word file: give it a name with -o, e.g. -o 比较.docx")
    if not others and against is None:
        _fail("give the plans to compare REFERENCE with, or a dataset with --against (see --help)")
    try:
        ref = _plan(reference)
        rest = [_plan(o) for o in others or []]
        if against is not None:
            from policydiff.dataset import closest

            near = closest(ref, against, top=top)
            _note(
                f"{against}: the {len(near)} plans closest to {reference} (of those sharing sentences with it)"
            )
            rest += near
        if not rest:
            raise PolicyDiffError(
                f"{against}: no plan shares two measures with {reference}; nothing to compare"
            )
    except PolicyDiffError as exc:
        _fail(str(exc))
    report = policydiff.compare(ref, rest, min_score=min_score)
    if chosen == "yaml":
        _write(to_yaml(report), out)
    elif chosen == "json":
        _write(to_json(report), out)
    elif chosen == "markdown":
        _write(compare_markdown(report, lang=lang.value), out)
    elif chosen == "csv":
        _write(to_csv(indicator_rows(report), INDICATOR_COLUMNS), out)
    elif chosen == "html":
        _write(compare_html(report, lang=lang.value), out)
    elif chosen == "docx":
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
    jsonl = "jsonl"
    csv = "csv"


@app.command()
def targets(
    files: Annotated[
        list[str], typer.Argument(metavar="FILE...", help="Plan files, corpus ids, or - for stdin.")
    ],
    fmt: Annotated[
        TableFormat | None,
        typer.Option(
            "--format",
            "-f",
            help="table, yaml, json, jsonl (one row a line) or csv. Default: table, or -o's extension.",
        ),
    ] = None,
    facts: Annotated[
        bool, typer.Option("--facts", help="Also list facts (baseline and achieved figures).")
    ] = False,
    out: Annotated[Path | None, _OUT] = None,
) -> None:
    """List the quantitative targets of one or more plans, one row each.

    Example: policydiff targets hechuan-2025-draft wuxi-2022 --format csv -o targets.csv
    (CSV is UTF-8 with BOM, so Excel and WPS show the Chinese text.)
    """
    try:
        docs = [_plan(f) for f in files]
    except PolicyDiffError as exc:
        _fail(str(exc))
    from policydiff.quantities import quantity_table
    from policydiff.render import plain, to_csv, to_json, to_jsonl, to_yaml
    from policydiff.render.quantities import quantity_table as render_quantities

    chosen = _format(fmt.value if fmt else None, out, [f.value for f in TableFormat], "table")
    table = quantity_table(docs, facts=facts)
    if chosen == "yaml":
        _write(to_yaml(table), out)
    elif chosen == "json":
        _write(to_json(table), out)
    elif chosen == "jsonl":
        _write(to_jsonl([plain(r) for r in table.rows]), out)
    elif chosen == "csv":
        _write(to_csv([plain(r) for r in table.rows], _quantity_columns()), out)
    elif out is not None:
        _write(_export(render_quantities(table, show_doc=len(docs) > 1)), out)
    else:
        _console().print(render_quantities(table, show_doc=len(docs) > 1))


@app.command("export")
def export_cmd(
    paths: Annotated[
        list[str],
        typer.Argument(
            metavar="PATH...", help="Plan files, folders (searched recursively), globs, corpus ids."
        ),
    ],
    out: Annotated[
        Path,
        typer.Option(
            "--output",
            "-o",
            help="The dataset: .sqlite, .duckdb (one file), .parquet, .jsonl or .csv (a folder, a file per table).",
        ),
    ],
    fmt: Annotated[
        str | None,
        typer.Option("--format", "-f", help="sqlite, duckdb, parquet, jsonl or csv (default: from -o)."),
    ] = None,
    jobs: Annotated[
        int | None, typer.Option("--jobs", "-j", min=1, help="Parallel processes (default: every core).")
    ] = None,
    scheduler: Annotated[
        str | None,
        typer.Option(
            "--scheduler",
            help="Run on the Dask cluster at this address (tcp://host:8786); needs policydiff[dask].",
        ),
    ] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar and no summary.")] = False,
) -> None:
    """Parse many plans into one dataset of related tables.

    Tables: documents, measures, units, targets, facts, indicators, attachments; a measure is keyed
    by (doc, measure), `doc` being the input's path. A file that cannot be used is recorded in
    documents with status=error and the run goes on. Running again re-parses only new or changed
    files; documents from earlier runs stay. Exit 0 when every file parsed, 1 when some failed,
    2 when nothing could be done.

    Example: policydiff export plans/ corpus/*.txt -o plans.sqlite
    """
    from policydiff.dataset import export

    for p in paths:
        if Path(p).exists() and out.exists() and Path(p).resolve() == out.resolve():
            _fail(f"{out}: is an input of this command; choose another output")
    with _progress(enabled=not quiet) as progress:
        try:
            summary = export(paths, out, format=fmt, jobs=jobs, scheduler=scheduler, progress=progress)
        except PolicyDiffError as exc:
            _fail(str(exc))
        except OSError as exc:
            _fail(f"{out}: cannot write ({exc.strerror or exc})")
    if not quiet:
        for f in summary.failed:
            _note(f"policydiff: failed: {f.error}")
        _note(
            f"{summary.out}: {summary.documents} documents, {summary.measures} measures, "
            f"{summary.targets} targets ({summary.parsed} parsed, {summary.unchanged} unchanged, "
            f"{len(summary.failed)} failed, {summary.kept} kept from earlier runs)"
        )
    if len(summary.failed) == summary.inputs:
        raise typer.Exit(ExitStatus.ERROR)  # no input could be used
    raise typer.Exit(ExitStatus.DIFFERENCES if summary.failed else ExitStatus.OK)


class RelatedFormat(StrEnum):
    text = "text"
    json = "json"
    yaml = "yaml"
    csv = "csv"
    html = "html"


@app.command("related")
def related_cmd(
    paths: Annotated[
        list[str],
        typer.Argument(
            metavar="PATH...",
            help="Plan files, folders, globs, corpus ids — or one dataset written by `policydiff export`.",
        ),
    ],
    to: Annotated[
        str | None,
        typer.Option(
            "--to", help="Only this plan's relatives (its path or key), with its measures found nowhere else."
        ),
    ] = None,
    top: Annotated[int, typer.Option("--top", "-n", min=1, help="Relatives listed per plan.")] = 10,
    fmt: Annotated[
        RelatedFormat | None,
        typer.Option("--format", "-f", help="text, json, yaml, csv (a row per plan and relative) or html."),
    ] = None,
    jobs: Annotated[
        int | None, typer.Option("--jobs", "-j", min=1, help="Parallel parsing processes.")
    ] = None,
    out: Annotated[Path | None, _OUT] = None,
) -> None:
    """For every plan, the plans it most likely derives from or shares measures with.

    Sentences copied from one plan into another (numbers and punctuation aside) are found with
    MinHash LSH; plans sharing such sentences in two measures or more are relatives, the closest
    first (a plan's parent and children before its cousins), each with the measures it shares.
    When both plans are dated, the older is named the parent.

    Example: policydiff related plans/ --format html -o related.html
    """
    from policydiff.dataset.build import parse_paths
    from policydiff.dataset.related import related
    from policydiff.dataset.stores import dataset_format, read_store
    from policydiff.render import scrub, to_csv, to_json, to_yaml
    from policydiff.render.related import ROW_COLUMNS, related_html, related_renderable, related_rows

    chosen = _format(fmt.value if fmt else None, out, [f.value for f in RelatedFormat], "text")
    try:
        fmt_in = dataset_format(Path(paths[0])) if len(paths) == 1 else None
        if fmt_in is not None:
            rows = read_store(Path(paths[0]), fmt_in)
        else:
            extra = [to] if to is not None and Path(to).is_file() else []
            with _progress(enabled=out is not None or not sys.stdout.isatty()) as progress:
                rows = parse_paths([*paths, *extra], jobs=jobs, progress=progress)
        key = _plan_key(to, [r["doc"] for r in rows["documents"]]) if to is not None else None
        report = related(rows, to=key, top=top)
    except PolicyDiffError as exc:
        _fail(str(exc))
    for r in rows["documents"]:
        if r["status"] == "error":
            _note(f"policydiff: skipped: {r['error']}")
    if chosen == "json":
        _write(to_json(report), out)
    elif chosen == "yaml":
        _write(to_yaml(report), out)
    elif chosen == "csv":
        _write(to_csv(related_rows(report), ROW_COLUMNS), out)
    elif chosen == "html":
        _write(related_html(report), out)
    elif out is not None:
        _write(_export(related_renderable(report)), out)
    else:
        _console().print(related_renderable(scrub(report)))


def _plan_key(ref: str, keys: list[str]) -> str:
    """A document key from what a user types: the key itself, the path, or a unique file name/id."""
    if ref in keys:
        return ref
    posix = Path(ref).as_posix()
    if posix in keys:
        return posix
    stem = [k for k in keys if Path(k).stem == Path(ref).stem]
    if len(stem) == 1:
        return stem[0]
    if len(stem) > 1:
        raise PolicyDiffError(
            f"--to {ref}: several plans have this name ({', '.join(stem[:3])} …); give the path"
        )
    raise PolicyDiffError(f"--to {ref}: not among the plans given")


@contextmanager
def _progress(*, enabled: bool) -> Iterator[Callable[[int, int, str], None] | None]:
    """A Rich progress bar on stderr when it is a terminal; nothing when piped or quiet."""
    if not enabled or not sys.stderr.isatty():
        yield None
        return
    from rich.console import Console
    from rich.progress import Progress

    with Progress(console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task("parsing", total=None)

        def update(done: int, total: int, key: str) -> None:
            bar.update(task, completed=done, total=total, description=Path(key).name if key else "parsing")

        yield update


@app.command("text")
def text_cmd(
    file: Annotated[str, typer.Argument(help="Plan file (.txt, .html, .docx, .pdf) or corpus id.")],
) -> None:
    """Print the text a file is read as (what spans point into); format and encoding go to stderr."""
    from policydiff import corpus
    from policydiff.read import read_path

    try:
        path, _ = corpus.resolve(file)
        source = read_path(path, name=file)
    except PolicyDiffError as exc:
        _fail(str(exc))
    _note(f"{file}: {source.format}, encoding {source.encoding or 'n/a'}")
    for note in source.notes:
        _note(f"note: {note}")
    sys.stdout.write(source.text)


@app.command("corpus")
def corpus_list(
    fmt: Annotated[str, typer.Option("--format", "-f", help="table or json.")] = "table",
) -> None:
    """List the documents of the built-in corpus (their ids work wherever a FILE does)."""
    from rich.table import Table

    from policydiff import corpus

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
    name: Annotated[str, typer.Argument(help=f"One of: {', '.join(SCHEMA_NAMES)}.")] = "document",
) -> None:
    """Print the JSON Schema of an output (YAML and JSON outputs follow it)."""
    if name not in SCHEMA_NAMES:
        _fail(f"unknown schema {name!r}; choose one of: {', '.join(SCHEMA_NAMES)}")
    from policydiff.schemas import schema_json

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
