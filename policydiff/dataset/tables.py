"""The tables of an exported dataset: one row model per table (the one source of truth for columns,
types and the JSON Schema) and the function that flattens a parsed plan into rows.

Keys are stable across runs: `doc` is the input's path as given (posix), a measure is (`doc`,
`measure`) with `measure` its path of labels joined by "/" (附件2/一/（三）); units, targets, facts
and indicator rows point at their measure by the same pair. Rows are built as plain dicts (a
million pydantic objects would cost more than the parse); tests check them against the models.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from ..models import Document, Fact, Measure, Span, Target


class Row(BaseModel):
    model_config = ConfigDict(extra="forbid")


class DocumentRow(Row):
    """One input: a plan that parsed, or a file that could not be read (status error)."""

    doc: str = Field(description="Key: the input's path as given, with / separators")
    id: str = Field(description="The file name without extension (or the corpus id)")
    sha256: str = Field(description="Hash of the file's bytes; an unchanged file is not parsed again")
    bytes: int
    status: Literal["ok", "error"]
    error: str | None = Field(description="Why the file could not be used (status error)")
    format: str | None
    encoding: str | None
    title: str | None
    issuer: str | None
    doc_number: str | None
    date: str | None
    plan_status: str | None = Field(description="draft / final / reply / unknown")
    measures: int
    targets: int
    policydiff_version: str


class MeasureRow(Row):
    doc: str
    measure: str = Field(description="Key within the document: path of labels joined by /")
    part: str | None = Field(description="Attachment label (附件2), null for the plan itself")
    label: str
    depth: int = Field(description="1 for a top-level measure")
    ordinal: int = Field(description="Position in document order, from 0")
    parent: str | None = Field(description="The parent measure's key, null at the top")
    heading: str | None
    text: str = Field(description="The measure's own text, children excluded")
    start: int = Field(description="Offset in the original file (characters)")
    end: int
    line: int
    end_line: int


class UnitRow(Row):
    doc: str
    measure: str
    name: str
    canonical: str
    level: str | None
    role: Literal["lead", "support"]
    source: Literal["tag", "subject", "table", "section"]
    scope: Literal["measure", "group"]


class QuantityRow(Row):
    """A target or a fact (the `targets` and `facts` tables share these columns)."""

    doc: str
    measure: str | None = Field(description="Null for a figure in the preamble")
    kind: Literal["target", "baseline", "achieved"]
    year: int | None
    indicator: str | None
    verb: str | None
    comparator: str | None
    value: float
    value_max: float | None
    unit: str | None
    text: str
    start: int
    end: int
    line: int
    end_line: int


class IndicatorRowRecord(Row):
    doc: str
    no: str | None
    indicator: str
    baseline: str | None
    baseline_year: int | None
    baseline_value: float | None
    target: str | None
    target_year: int | None
    target_value: float | None
    target_comparator: str | None
    unit: str | None
    nature: str | None
    unit_owner: str | None
    start: int
    end: int
    line: int
    end_line: int


class AttachmentRow(Row):
    doc: str
    label: str
    title: str | None
    measures: int
    start: int
    end: int
    line: int
    end_line: int


TABLES: dict[str, type[Row]] = {
    "documents": DocumentRow,
    "measures": MeasureRow,
    "units": UnitRow,
    "targets": QuantityRow,
    "facts": QuantityRow,
    "indicators": IndicatorRowRecord,
    "attachments": AttachmentRow,
}


class Dataset(Row):
    """The tables of an export, each a list of rows (the JSON Schema `policydiff schema dataset`)."""

    documents: list[DocumentRow]
    measures: list[MeasureRow]
    units: list[UnitRow]
    targets: list[QuantityRow]
    facts: list[QuantityRow]
    indicators: list[IndicatorRowRecord]
    attachments: list[AttachmentRow]


assert list(Dataset.model_fields) == list(TABLES)

Rows = dict[str, list[dict[str, Any]]]


def columns(table: str) -> list[str]:
    return list(TABLES[table].model_fields)


def empty_rows() -> Rows:
    return {name: [] for name in TABLES}


def measure_key(path: list[str]) -> str:
    return "/".join(path)


def document_rows(doc: Document, *, key: str, sha256: str, size: int, version: str) -> Rows:
    """Every table's rows for one parsed plan."""
    out = empty_rows()
    measures = out["measures"]
    n_targets = len(doc.preamble.targets)
    out["targets"].extend(_quantity(key, None, t) for t in doc.preamble.targets)
    out["facts"].extend(_quantity(key, None, f) for f in doc.preamble.facts)
    parts = {a.label for a in doc.attachments}
    for i, m in enumerate(doc.walk_all()):
        mk = measure_key(m.path)
        measures.append(_measure(key, mk, m, i, m.path[0] if m.path[0] in parts else None))
        for u in m.responsible_units:
            out["units"].append({"doc": key, "measure": mk, **u.model_dump(mode="json")})
        for t in m.targets:
            out["targets"].append(_quantity(key, mk, t))
        for f in m.facts:
            out["facts"].append(_quantity(key, mk, f))
        n_targets += len(m.targets)
    for r in doc.indicators:
        row = r.model_dump(mode="json", exclude={"span"})
        out["indicators"].append({"doc": key, **row, **_where(r.span)})
    for a in doc.attachments:
        out["attachments"].append(
            {
                "doc": key,
                "label": a.label,
                "title": a.title,
                "measures": sum(1 for _ in a.walk()),
                **_where(a.span),
            }
        )
    info = doc.document
    out["documents"].append(
        {
            "doc": key,
            "id": info.id,
            "sha256": sha256,
            "bytes": size,
            "status": "ok",
            "error": None,
            "format": info.format,
            "encoding": info.encoding,
            "title": info.title,
            "issuer": info.issuer,
            "doc_number": info.doc_number,
            "date": info.date,
            "plan_status": info.status,
            "measures": len(measures),
            "targets": n_targets,
            "policydiff_version": version,
        }
    )
    return out


def error_row(*, key: str, doc_id: str, sha256: str, size: int, error: str, version: str) -> dict[str, Any]:
    """The documents row of a file that could not be used; the other tables get nothing from it."""
    return {
        "doc": key, "id": doc_id, "sha256": sha256, "bytes": size, "status": "error", "error": error,
        "format": None, "encoding": None, "title": None, "issuer": None, "doc_number": None, "date": None,
        "plan_status": None, "measures": 0, "targets": 0, "policydiff_version": version,
    }  # fmt: skip


def _where(span: Span) -> dict[str, int]:
    return {"start": span.start, "end": span.end, "line": span.line, "end_line": span.end_line}


def _measure(doc: str, key: str, m: Measure, ordinal: int, part: str | None) -> dict[str, Any]:
    return {
        "doc": doc, "measure": key, "part": part, "label": m.label, "depth": len(m.path),
        "ordinal": ordinal, "parent": measure_key(m.path[:-1]) or None, "heading": m.heading,
        "text": m.text, **_where(m.span),
    }  # fmt: skip


def _quantity(doc: str, measure: str | None, q: Target | Fact) -> dict[str, Any]:
    return {
        "doc": doc, "measure": measure, "kind": q.kind, "year": q.year, "indicator": q.indicator,
        "verb": q.verb, "comparator": q.comparator, "value": q.value, "value_max": q.value_max,
        "unit": q.unit, "text": q.text, **_where(q.span),
    }  # fmt: skip
