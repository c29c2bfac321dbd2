"""Documents rebuilt from the tables of a dataset, so that `compare` can take plans from an export
without reading and parsing their files again. What the tables keep comes back: measures with their
tree, text, spans, units, targets and facts; indicator rows; attachments with their measures; the
document's metadata. Preamble and back-matter text are not exported and come back empty."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from ..models import (
    Attachment,
    Block,
    Document,
    DocumentInfo,
    Fact,
    IndicatorRow,
    Measure,
    ResponsibleUnit,
    Span,
    Target,
)
from .tables import Rows, empty_rows


def by_document(rows: Rows) -> dict[str, Rows]:
    """The rows of every table split by document key (documents in their order)."""
    out: dict[str, Rows] = {}
    for r in rows["documents"]:
        out.setdefault(r["doc"], empty_rows())["documents"].append(r)
    for table, table_rows in rows.items():
        if table == "documents":
            continue
        for r in table_rows:
            if r["doc"] in out:
                out[r["doc"]][table].append(r)
    return out


def document_from_rows(rows: Rows) -> Document:
    """One document from its rows (as `by_document` gives them)."""
    info = rows["documents"][0]
    quantities: dict[str | None, list[Target | Fact]] = defaultdict(list)
    for r in (*rows["targets"], *rows["facts"]):
        quantities[r["measure"]].append(_quantity(r))
    units: dict[str, list[ResponsibleUnit]] = defaultdict(list)
    for r in rows["units"]:
        units[r["measure"]].append(ResponsibleUnit.model_validate(_without(r, "doc", "measure")))

    made: dict[str, Measure] = {}
    tops: dict[str | None, list[Measure]] = defaultdict(list)  # part → its top-level measures
    for r in sorted(rows["measures"], key=lambda r: r["ordinal"]):
        key = r["measure"]
        m = Measure(
            label=r["label"],
            path=key.split("/"),
            heading=r["heading"],
            text=r["text"],
            span=_span(r),
            responsible_units=units.get(key, []),
            targets=[q for q in quantities.get(key, []) if isinstance(q, Target)],
            facts=[q for q in quantities.get(key, []) if isinstance(q, Fact)],
        )
        made[key] = m
        parent = made.get(r["parent"]) if r["parent"] else None
        if parent is not None:
            parent.children.append(m)
        else:
            tops[r["part"]].append(m)
    preamble = quantities.get(None, [])
    return Document(
        document=DocumentInfo(
            id=info["id"],
            source=info["doc"],
            format=info["format"] or "txt",
            encoding=info["encoding"],
            title=info["title"],
            issuer=info["issuer"],
            doc_number=info["doc_number"],
            date=info["date"],
            status=info["plan_status"] or "unknown",
        ),
        preamble=Block(
            text="",
            targets=[q for q in preamble if isinstance(q, Target)],
            facts=[q for q in preamble if isinstance(q, Fact)],
        ),
        measures=tops.get(None, []),
        attachments=[
            Attachment(
                label=a["label"],
                title=a["title"],
                span=_span(a),
                preamble=Block(text=""),
                measures=tops.get(a["label"], []),
            )
            for a in rows["attachments"]
        ],
        indicators=[
            IndicatorRow.model_validate(
                {**_without(r, "doc", "start", "end", "line", "end_line"), "span": _span(r)}
            )
            for r in rows["indicators"]
        ],
    )


def _span(r: dict[str, Any]) -> Span:
    return Span(start=r["start"], end=r["end"], line=r["line"], end_line=r["end_line"])


def _without(r: dict[str, Any], *keys: str) -> dict[str, Any]:
    return {k: v for k, v in r.items() if k not in keys}


def _quantity(r: dict[str, Any]) -> Target | Fact:
    fields = _without(r, "doc", "measure", "start", "end", "line", "end_line")
    fields["span"] = _span(r)
    return Target.model_validate(fields) if r["kind"] == "target" else Fact.model_validate(fields)
