"""Flat tables of the targets (and facts) of one or more documents: what `policydiff targets` lists."""

from __future__ import annotations

from collections.abc import Iterable

from .models import Document, Fact, QuantityRow, QuantityTable, Target, TargetRef


def quantity_table(docs: Iterable[Document], *, facts: bool = False) -> QuantityTable:
    """One row per target (and per fact when asked), in document order."""
    rows: list[QuantityRow] = []
    for doc in docs:
        blocks: list[tuple[list[str], list[Target], list[Fact]]] = [
            ([], doc.preamble.targets, doc.preamble.facts)
        ]
        blocks += [(m.path, m.targets, m.facts) for m in doc.walk_all()]
        for path, targets, fs in blocks:
            items: list[Target | Fact] = [*targets, *(fs if facts else [])]
            items.sort(key=lambda q: q.span.start)
            for q in items:
                rows.append(
                    QuantityRow.model_validate(
                        {"doc": doc.document.id, "kind": q.kind, **TargetRef.of(path, q)}
                    )
                )
    return QuantityTable(rows=rows)
