"""Where a dataset is kept: SQLite or DuckDB (one file), Parquet, JSON Lines or CSV (a folder with
one file per table). Every store is written whole into a temporary sibling and then renamed over the
old one, so a failed or interrupted export leaves the previous dataset as it was."""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import sqlite3
import types
import typing
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ..errors import InputError
from ..render import FORMULA_START
from .tables import TABLES, Rows, columns, empty_rows

FORMATS = ("sqlite", "duckdb", "parquet", "jsonl", "csv")
FOLDER_FORMATS = frozenset({"parquet", "jsonl", "csv"})
_SUFFIX = {
    ".sqlite": "sqlite", ".sqlite3": "sqlite", ".db": "sqlite", ".duckdb": "duckdb",
    ".parquet": "parquet", ".jsonl": "jsonl", ".csv": "csv",
}  # fmt: skip
_EXTRA = {"parquet": ("pyarrow", "parquet"), "duckdb": ("duckdb", "duckdb")}


def store_format(out: Path, given: str | None) -> str:
    """The format of a dataset path: as given, else from its extension, else from the files in an
    existing folder. Raises InputError when it cannot be told or contradicts the extension."""
    implied = _SUFFIX.get(out.suffix.lower())
    if implied is None and out.is_dir():
        implied = next((f for f in FOLDER_FORMATS if (out / f"documents.{f}").is_file()), None)
    if given is not None:
        if given not in FORMATS:
            raise InputError(f"unknown dataset format {given!r}; choose one of {', '.join(FORMATS)}")
        if implied is not None and implied != given:
            raise InputError(f"--format {given} but {out} looks like {implied}; make them agree")
        return given
    if implied is None:
        raise InputError(
            f"{out}: cannot tell the dataset format from the name; end it in .sqlite, .duckdb, "
            ".parquet, .jsonl or .csv, or give --format"
        )
    return implied


def dataset_format(path: Path) -> str | None:
    """The format of an existing dataset at `path` (a store file by its extension, or a folder holding
    a documents table), else None: it names plans rather than a dataset."""
    fmt = _SUFFIX.get(path.suffix.lower())
    if path.is_file() and fmt is not None and fmt not in FOLDER_FORMATS:
        return fmt
    if path.is_dir():
        return next((f for f in FOLDER_FORMATS if (path / f"documents.{f}").is_file()), None)
    return None


def require(fmt: str) -> None:
    """InputError naming the extra to install when the format's library is missing."""
    if fmt not in _EXTRA:
        return
    module, extra = _EXTRA[fmt]
    try:
        __import__(module)
    except ImportError:
        raise InputError(
            f"the {fmt} format needs the {module} package: pip install 'policydiff[{extra}]'"
        ) from None


def read_store(path: Path, fmt: str) -> Rows:
    """Every table of an existing dataset as rows (dicts with the models' columns)."""
    require(fmt)
    if not path.exists():
        raise InputError(f"{path}: no such dataset (write one with `policydiff export`)")
    if fmt in FOLDER_FORMATS and not (path / f"documents.{fmt}").is_file():
        raise InputError(f"{path}: not a policydiff dataset (no documents.{fmt} in it)")
    try:
        return _READERS[fmt](path)
    except (OSError, ValueError, KeyError, sqlite3.Error) as exc:
        raise InputError(f"{path}: cannot read the dataset ({exc})") from exc


def write_store(path: Path, fmt: str, rows: Rows) -> None:
    """Write every table, replacing what was at `path` only once the new dataset is complete."""
    require(fmt)
    if not path.parent.is_dir():
        raise InputError(f"{path}: the folder {path.parent} does not exist; create it first")
    tmp = path.with_name(f".{path.name}.policydiff-tmp")
    _remove(tmp)
    try:
        if fmt in FOLDER_FORMATS:
            tmp.mkdir()
        try:
            _WRITERS[fmt](tmp, rows)
        except sqlite3.Error as exc:
            raise InputError(f"{path}: cannot write the dataset ({exc})") from exc
        if path.is_dir() and fmt in FOLDER_FORMATS:
            old = path.with_name(f".{path.name}.policydiff-old")
            _remove(old)
            os.replace(path, old)
            os.replace(tmp, path)
            _remove(old)
        else:
            os.replace(tmp, path)
    except BaseException:
        _remove(tmp)
        raise


def _remove(p: Path) -> None:
    if p.is_dir() and not p.is_symlink():
        shutil.rmtree(p)
    elif p.exists() or p.is_symlink():
        p.unlink()


# --- column types, from the row models -------------------------------------------------------------


def _kind(annotation: Any) -> str:
    """'int', 'float' or 'str' for a row model field (Optional and Literal unwrapped)."""
    if isinstance(annotation, types.UnionType) or typing.get_origin(annotation) is typing.Union:
        args = [a for a in typing.get_args(annotation) if a is not type(None)]
        return _kind(args[0])
    if typing.get_origin(annotation) is typing.Literal:
        return "str"
    return {int: "int", float: "float"}.get(annotation, "str")


def kinds(table: str) -> dict[str, str]:
    return {name: _kind(f.annotation) for name, f in TABLES[table].model_fields.items()}


# --- JSON Lines ------------------------------------------------------------------------------------


def _write_jsonl(folder: Path, rows: Rows) -> None:
    for table in TABLES:
        with (folder / f"{table}.jsonl").open("w", encoding="utf-8") as f:
            for r in rows[table]:
                f.write(json.dumps(r, ensure_ascii=False) + "\n")


def _read_jsonl(folder: Path) -> Rows:
    out = empty_rows()
    for table in TABLES:
        p = folder / f"{table}.jsonl"
        if p.is_file():
            with p.open(encoding="utf-8") as f:
                out[table] = [json.loads(line) for line in f if line.strip()]
    return out


# --- CSV: UTF-8 with BOM (Excel, WPS), formula cells neutralized as in every CSV policydiff writes ---


def _formula(v: str) -> bool:
    """A cell a spreadsheet would run, also behind quotes that neutralized it ('=…, ''=…)."""
    return v.lstrip("'").startswith(FORMULA_START)


def _cell(v: Any) -> Any:
    if v is None:
        return ""
    if isinstance(v, str) and _formula(v):
        return "'" + v  # a text cell read back loses exactly this one quote
    return v


def _uncell(v: str, kind: str) -> Any:
    if v == "":
        return None if kind != "str" else ""
    if kind == "int":
        return int(v)
    if kind == "float":
        return float(v)
    if v.startswith("'") and _formula(v[1:]):
        return v[1:]
    return v


def _write_csv(folder: Path, rows: Rows) -> None:
    for table in TABLES:
        buf = io.StringIO()
        writer = csv.writer(buf, lineterminator="\r\n")
        cols = columns(table)
        writer.writerow(cols)
        for r in rows[table]:
            writer.writerow([_cell(r[c]) for c in cols])
        (folder / f"{table}.csv").write_text("\ufeff" + buf.getvalue(), encoding="utf-8")


def _read_csv(folder: Path) -> Rows:
    out = empty_rows()
    for table in TABLES:
        p = folder / f"{table}.csv"
        if not p.is_file():
            continue
        k = kinds(table)
        optional = {n for n, f in TABLES[table].model_fields.items() if _nullable(f)}
        with p.open(encoding="utf-8-sig", newline="") as f:
            for r in csv.DictReader(f):
                row = {c: _uncell(r.get(c) or "", k[c]) for c in k}
                for c in optional:
                    if row[c] == "":
                        row[c] = None
                out[table].append(row)
    return out


def _nullable(field: Any) -> bool:
    return type(None) in typing.get_args(field.annotation)


# --- SQLite ----------------------------------------------------------------------------------------

_SQL_TYPE = {"int": "INTEGER", "float": "REAL", "str": "TEXT"}
_INDEXES = {"documents": ("doc",), "measures": ("doc", "measure"), "units": ("doc", "measure"),
            "targets": ("doc", "measure"), "facts": ("doc", "measure"), "indicators": ("doc",),
            "attachments": ("doc",)}  # fmt: skip


def _write_sqlite(path: Path, rows: Rows) -> None:
    con = sqlite3.connect(path)
    try:
        with con:
            for table in TABLES:
                k = kinds(table)
                cols = ", ".join(f'"{c}" {_SQL_TYPE[t]}' for c, t in k.items())
                pk = " PRIMARY KEY" if table == "documents" else ""
                cols = cols.replace('"doc" TEXT', f'"doc" TEXT{pk}', 1)
                con.execute(f'CREATE TABLE "{table}" ({cols})')
                names = list(k)
                marks = ", ".join("?" for _ in names)
                con.executemany(
                    f'INSERT INTO "{table}" VALUES ({marks})', ([r[c] for c in names] for r in rows[table])
                )
                idx = ", ".join(f'"{c}"' for c in _INDEXES[table])
                con.execute(f'CREATE INDEX "{table}_key" ON "{table}" ({idx})')
    finally:
        con.close()


def _read_sqlite(path: Path) -> Rows:
    out = empty_rows()
    con = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        con.row_factory = sqlite3.Row
        present = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        if "documents" not in present:
            raise ValueError("no documents table: not a policydiff dataset")
        for table in TABLES:
            if table in present:
                out[table] = [dict(r) for r in con.execute(f'SELECT * FROM "{table}"')]
    finally:
        con.close()
    return out


# --- Arrow: Parquet and DuckDB ---------------------------------------------------------------------


def _arrow_table(table: str, rows: list[dict[str, Any]]) -> Any:
    import pyarrow as pa

    types_ = {"int": pa.int64(), "float": pa.float64(), "str": pa.string()}
    schema = pa.schema([(c, types_[t]) for c, t in kinds(table).items()])
    return pa.Table.from_pylist(rows, schema=schema)


def _write_parquet(folder: Path, rows: Rows) -> None:
    import pyarrow.parquet as pq

    for table in TABLES:
        pq.write_table(_arrow_table(table, rows[table]), folder / f"{table}.parquet")


def _read_parquet(folder: Path) -> Rows:
    import pyarrow.parquet as pq

    out = empty_rows()
    for table in TABLES:
        p = folder / f"{table}.parquet"
        if p.is_file():
            out[table] = pq.read_table(p).to_pylist()
    return out


def _write_duckdb(path: Path, rows: Rows) -> None:
    import duckdb

    try:
        con = duckdb.connect(str(path))
    except duckdb.Error as exc:
        raise InputError(f"{path}: cannot write the dataset ({exc})") from exc
    try:
        for table in TABLES:
            con.register("policydiff_rows", _arrow_table(table, rows[table]))
            con.execute(f'CREATE TABLE "{table}" AS SELECT * FROM policydiff_rows')
            con.unregister("policydiff_rows")
    finally:
        con.close()


def _read_duckdb(path: Path) -> Rows:
    import duckdb

    out = empty_rows()
    con = duckdb.connect(str(path), read_only=True)
    try:
        present = {r[0] for r in con.execute("SELECT table_name FROM information_schema.tables").fetchall()}
        if "documents" not in present:
            raise ValueError("no documents table: not a policydiff dataset")
        for table in TABLES:
            if table in present:
                out[table] = con.sql(f'SELECT * FROM "{table}"').to_arrow_table().to_pylist()
    finally:
        con.close()
    return out


_WRITERS: dict[str, Callable[[Path, Rows], None]] = {
    "sqlite": _write_sqlite, "duckdb": _write_duckdb, "parquet": _write_parquet,
    "jsonl": _write_jsonl, "csv": _write_csv,
}  # fmt: skip
_READERS: dict[str, Callable[[Path], Rows]] = {
    "sqlite": _read_sqlite, "duckdb": _read_duckdb, "parquet": _read_parquet,
    "jsonl": _read_jsonl, "csv": _read_csv,
}  # fmt: skip
