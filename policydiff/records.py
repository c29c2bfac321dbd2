"""Flat records of a parsed plan, for data frames and JSON Lines: one dict per measure or quantity."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from .models import Document
from .quantities import quantity_table


def measure_records(doc: Document) -> list[dict[str, Any]]:
    """One row per measure of the plan and its attachments, in document order; `children` left out,
    `parent` is the parent's path ([] for a top-level measure is written as None)."""
    out = []
    for m in doc.walk_all():
        row = {"doc": doc.document.id, **m.model_dump(mode="json", exclude={"children"})}
        row["parent"] = m.path[:-1] or None
        out.append(row)
    return out


def target_records(docs: Iterable[Document], *, facts: bool = False) -> list[dict[str, Any]]:
    """One row per target (and fact, when asked) of the documents, preamble targets included (path [])."""
    return [r.model_dump(mode="json") for r in quantity_table(docs, facts=facts).rows]
