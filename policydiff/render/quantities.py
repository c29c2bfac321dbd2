"""The targets table as a rich renderable."""

from __future__ import annotations

from rich.table import Table

from ..models import QuantityTable
from . import PlainTable, number, scrub

_CMP = {">=": "≥", ">": ">", "=": "=", "<=": "≤", "<": "<", None: ""}


def value_text(comparator: str | None, value: float, value_max: float | None, unit: str | None) -> str:
    v = number(value) + (f"–{number(value_max)}" if value_max is not None else "")
    return f"{_CMP[comparator]}{v}{unit or ''}"


def quantity_table(table: QuantityTable, *, show_doc: bool) -> Table:
    table = scrub(table)
    t = PlainTable(box=None, pad_edge=False, header_style="bold")
    if show_doc:
        t.add_column("document", no_wrap=True)
    for col in ("measure", "kind", "year", "indicator", "value", "quote"):
        t.add_column(col, no_wrap=col in ("measure", "kind", "year", "value"))
    for r in table.rows:
        cells = [
            "/".join(r.path) or "(preamble)",
            r.kind,
            "" if r.year is None else str(r.year),
            r.indicator or "",
            value_text(r.comparator, r.value, r.value_max, r.unit),
            r.text,
        ]
        t.add_row(*([r.doc] if show_doc else []), *cells)
    return t
