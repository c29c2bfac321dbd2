"""Many plans into one dataset: read and hash every input, parse the new and changed ones in parallel
(local processes, or the workers of an existing Dask cluster), record the files that fail, and write
the merged tables in one piece."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor, as_completed
from pathlib import Path

from pydantic import BaseModel, Field

from .._version import __version__
from ..errors import InputError, PolicyDiffError
from ..limits import MAX_BYTES
from .inputs import Input, discover
from .stores import read_store, require, store_format, write_store
from .tables import TABLES, Rows, document_rows, empty_rows, error_row

DASK_CONNECT_TIMEOUT = 10  # seconds to reach a scheduler before saying it cannot be reached

Progress = Callable[[int, int, str], None]  # (done, total, doc key of the file just finished)


class Failure(BaseModel):
    doc: str
    error: str


class ExportSummary(BaseModel):
    """What an export did; `failed` lists the files recorded with status error."""

    out: str
    format: str
    inputs: int = Field(description="Files named by the paths given")
    parsed: int = Field(description="Files read in this run: new, changed, or failed last time")
    unchanged: int = Field(description="Files skipped: same bytes and policydiff version as in the dataset")
    failed: list[Failure] = Field(default_factory=list, description="Files that could not be used")
    kept: int = Field(description="Documents already in the dataset that were not among the inputs")
    documents: int = Field(description="Documents in the dataset after the run")
    measures: int
    targets: int


def export(
    paths: Iterable[str | os.PathLike[str]],
    out: str | os.PathLike[str],
    *,
    format: str | None = None,
    jobs: int | None = None,
    scheduler: str | None = None,
    progress: Progress | None = None,
) -> ExportSummary:
    """Parse files, folders (recursively), globs and corpus ids into one dataset at `out` (SQLite,
    DuckDB, Parquet, JSON Lines or CSV, from its extension or `format`). A file that fails is
    recorded in the documents table with its error; an unchanged file already in the dataset is not
    parsed again. `jobs` local processes (default: every core), or the Dask cluster at `scheduler`."""
    out_path = Path(out)
    fmt = store_format(out_path, format)
    require(fmt)
    inputs = _discover(paths)
    old = read_store(out_path, fmt) if out_path.exists() else empty_rows()
    # a document parsed by this version from the same bytes is kept; failed files are tried again
    known = {
        r["doc"]: r["sha256"]
        for r in old["documents"]
        if r["status"] == "ok" and r["policydiff_version"] == __version__
    }
    fresh, unchanged = _run(inputs, known, jobs=jobs, scheduler=scheduler, progress=progress)
    merged = _merge(old, fresh)
    write_store(out_path, fmt, merged)
    failures = [
        Failure(doc=r["doc"], error=r["error"])
        for rows in fresh
        for r in rows["documents"]
        if r["status"] == "error"
    ]
    names = {i.key for i in inputs}
    return ExportSummary(
        out=str(out_path),
        format=fmt,
        inputs=len(inputs),
        parsed=len(fresh),
        unchanged=unchanged,
        failed=sorted(failures, key=lambda f: f.doc),
        kept=sum(1 for r in merged["documents"] if r["doc"] not in names),
        documents=len(merged["documents"]),
        measures=len(merged["measures"]),
        targets=len(merged["targets"]),
    )


def parse_paths(
    paths: Iterable[str | os.PathLike[str]],
    *,
    jobs: int | None = None,
    scheduler: str | None = None,
    progress: Progress | None = None,
) -> Rows:
    """The tables `export` would write for these inputs, in memory (nothing is written)."""
    fresh, _ = _run(_discover(paths), {}, jobs=jobs, scheduler=scheduler, progress=progress)
    return _merge(empty_rows(), fresh)


def _discover(paths: Iterable[str | os.PathLike[str]]) -> list[Input]:
    inputs = discover([os.fspath(p) for p in paths])
    if not inputs:
        raise InputError("no plan files found (folders are searched for .txt .html .docx .pdf .doc)")
    return inputs


def _run(
    inputs: list[Input],
    known: dict[str, str],
    *,
    jobs: int | None,
    scheduler: str | None,
    progress: Progress | None,
) -> tuple[list[Rows], int]:
    """Read and hash every input; parse those not in `known` (key → sha256) with the same hash.
    Returns the rows of every file read (parsed or failed) and the number left unchanged."""
    fresh: list[Rows] = []
    todo: list[tuple[Input, bytes, str]] = []
    unchanged = 0
    for item in inputs:
        data, problem = _read(item.path)
        sha = hashlib.sha256(data).hexdigest() if problem is None else ""
        if problem is not None:
            fresh.append(_error(item.key, item.doc_id, sha, len(data), problem))
        elif known.get(item.key) == sha:
            unchanged += 1
        else:
            todo.append((item, data, sha))
    total, done = len(inputs), len(fresh) + unchanged
    if progress is not None:
        progress(done, total, "")
    for rows in _parse_all(todo, jobs=jobs, scheduler=scheduler):
        fresh.append(rows)
        done += 1
        if progress is not None:
            progress(done, total, rows["documents"][0]["doc"])
    return fresh, unchanged


def parse_one(key: str, doc_id: str, data: bytes, sha256: str) -> Rows:
    """Rows of one file's bytes, or its documents row with the error: run in the worker processes
    (a plain function of picklable values, so a Dask worker runs it as well)."""
    from ..api import parse_source
    from ..read import read_bytes

    try:
        doc = parse_source(read_bytes(data, name=key), doc_id=doc_id)
    except PolicyDiffError as exc:
        return _error(key, doc_id, sha256, len(data), str(exc))
    except RecursionError:
        return _error(key, doc_id, sha256, len(data), f"{key}: nested too deeply to parse")
    except Exception as exc:  # a parser bug must not end a run over thousands of files: record it
        return _error(key, doc_id, sha256, len(data), f"internal error: {type(exc).__name__}: {exc}")
    if not doc.measures and not doc.attachments:
        return _error(
            key,
            doc_id,
            sha256,
            len(data),
            f"{key}: no numbered measures found (一、 （一） 1. …); is this a plan?",
        )
    return document_rows(doc, key=key, sha256=sha256, size=len(data), version=__version__)


def _error(key: str, doc_id: str, sha: str, size: int, message: str) -> Rows:
    rows = empty_rows()
    rows["documents"].append(
        error_row(key=key, doc_id=doc_id, sha256=sha, size=size, error=message, version=__version__)
    )
    return rows


def _read(path: Path) -> tuple[bytes, str | None]:
    """The file's bytes, or the reason it cannot be read (too big, not a regular file, no access)."""
    label = path.as_posix()
    try:
        if not path.is_file():
            return b"", f"{label}: is not a regular file"
        if path.stat().st_size > MAX_BYTES:
            return b"", f"{label}: larger than the {MAX_BYTES // 1048576} MB limit for a plan"
        with path.open("rb") as f:
            data = f.read(MAX_BYTES + 1)
    except OSError as exc:
        return b"", f"{label}: cannot read file ({exc.strerror or exc})"
    if len(data) > MAX_BYTES:
        return b"", f"{label}: larger than the {MAX_BYTES // 1048576} MB limit for a plan"
    return data, None


def _parse_all(
    todo: list[tuple[Input, bytes, str]], *, jobs: int | None, scheduler: str | None
) -> Iterator[Rows]:
    """Parse results as they finish (order is restored when merging)."""
    if scheduler is not None:
        yield from _parse_dask(todo, scheduler)
        return
    workers = min(jobs or os.cpu_count() or 1, len(todo))
    if workers <= 1:
        for item, data, sha in todo:
            yield parse_one(item.key, item.doc_id, data, sha)
        return
    with ProcessPoolExecutor(max_workers=workers) as pool:
        futures: list[Future[Rows]] = [
            pool.submit(parse_one, item.key, item.doc_id, data, sha) for item, data, sha in todo
        ]
        for f in as_completed(futures):
            yield f.result()


def _parse_dask(todo: list[tuple[Input, bytes, str]], scheduler: str) -> Iterator[Rows]:
    """The same work on the workers of a running Dask cluster (the bytes travel, so the workers need
    not see the files). Needs the optional extra: pip install 'policydiff[dask]'."""
    try:
        from distributed import Client
        from distributed import as_completed as dask_completed
    except ImportError:
        raise InputError("--scheduler needs Dask: pip install 'policydiff[dask]'") from None
    try:
        client = Client(scheduler, timeout=DASK_CONNECT_TIMEOUT)  # type: ignore[no-untyped-call]
    except (OSError, TimeoutError) as exc:
        raise InputError(f"cannot reach the Dask scheduler at {scheduler} ({exc})") from exc
    try:
        futures = [
            client.submit(parse_one, item.key, item.doc_id, data, sha, pure=False) for item, data, sha in todo
        ]
        for f in dask_completed(futures):  # type: ignore[no-untyped-call]
            yield f.result()
    finally:
        client.close()  # type: ignore[no-untyped-call]


def _merge(old: Rows, fresh: list[Rows]) -> Rows:
    """The old dataset with the fresh documents put in (replacing a document's every row), all
    tables ordered by document key and, within a document, as parsed."""
    replaced = {r["doc"] for rows in fresh for r in rows["documents"]}
    by_doc: dict[str, Rows] = {}
    for table in TABLES:
        for r in old[table]:
            if r["doc"] not in replaced:
                by_doc.setdefault(r["doc"], empty_rows())[table].append(r)
    for rows in fresh:
        key = rows["documents"][0]["doc"]
        by_doc[key] = rows
    out = empty_rows()
    for key in sorted(by_doc):
        for table in TABLES:
            out[table].extend(by_doc[key][table])
    return out
