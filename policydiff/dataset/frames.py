"""An exported dataset read back: as rows, or as pandas data frames (one per table)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from ..errors import InputError
from .stores import read_store, store_format
from .tables import Rows, columns


def load_rows(path: str | os.PathLike[str], *, format: str | None = None) -> Rows:
    """Every table of a dataset written by `export`, as lists of dicts keyed by table name."""
    p = Path(path)
    return read_store(p, store_format(p, format))


def load(path: str | os.PathLike[str], *, format: str | None = None) -> dict[str, Any]:
    """Every table of a dataset as a pandas DataFrame (columns as in the schema, also when empty):
    `tables = policydiff.load("plans.sqlite"); tables["targets"].groupby("year")…`."""
    try:
        import pandas as pd
    except ImportError:
        raise InputError("loading data frames needs pandas: pip install pandas") from None
    rows = load_rows(path, format=format)
    return {name: pd.DataFrame(table, columns=columns(name)) for name, table in rows.items()}
